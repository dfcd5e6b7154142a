"""G — RGPD / GDPR: what a CRM specification must say about the personal data it will hold.

A CRM is first of all a file of people (contacts, prospects, sole-trader customers): the
buyer is the controller, the vendor a processor, and the specification is where hosting,
legal bases, consent, data subjects' rights, retention periods and transfers are asked for.
Sources: GDPR (Regulation (EU) 2016/679); CNIL référentiel « gestion des activités
commerciales » (délibération n° 2021-131 du 23 septembre 2021).

The rules read the `rgpd` section. When it is missing, G001 says so once (if some object
holds personal data) and G002–G010 stay silent. When the data catalogue says explicitly that
no object holds personal data (every object has `personal_data: false`), G002–G010 stay
silent too.

One family in a few modules: `section` (G001–G003, G007, G009), `rights` (G004, G005, G010),
`retention` (G006, G011, with the CNIL reference periods of `lexicons/cnil-retention.toml`),
`transfers` (G008), `purposes` (G012, G013), `profiling` (G014), and `locations`, which reads
where data is hosted.
"""

from __future__ import annotations

from . import profiling, purposes, retention, rights, section, transfers  # each declares its rules
from .common import rules
from .locations import EU_EEA_DEFAULT, allowed_codes, classify_location, location_codes

__all__ = ["EU_EEA_DEFAULT", "allowed_codes", "classify_location", "crmreq_register_rules", "location_codes",
           "profiling", "purposes", "retention", "rights", "rules", "section", "transfers"]

crmreq_register_rules = rules.hook
