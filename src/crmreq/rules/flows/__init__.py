"""F — flows and systems: every application around the CRM is connected by a described flow.

"Undefined data flows" are the classic hidden cost of a CRM project: the vendor quotes a
CRM, the buyer discovers at go-live that orders still have to be typed twice because nobody
wrote down which object goes where, how often and by which mechanism.

One family in three modules: `fields` (F001–F005, F007: what each flow and system says),
`paths` (F006: the flows an integration feature relies on exist, in the right direction, for
the right objects) and `coherence` (F008–F010: flows that contradict themselves or each other).
"""

from __future__ import annotations

from . import coherence, fields, paths  # each declares its rules
from .common import rules

__all__ = ["coherence", "crmreq_register_rules", "fields", "paths", "rules"]

crmreq_register_rules = rules.hook
