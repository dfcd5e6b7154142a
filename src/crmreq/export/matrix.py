"""The functional matrix: one row per feature, NFR and RGPD requirement.

Shared by the CSV and XLSX exports and by the DOCX annex, so a vendor sees the same ids,
texts and order everywhere. RGPD requirements are derived from the `rgpd` section
(location, consent, each right, retention, processor agreement, security, breach).

The CSV and XLSX matrices also carry, per row, a fingerprint of the requirement as exported
(`fingerprint`), so that `crmreq score` sees a text the vendor edited, or a requirement the
buyer changed after sending the matrix (rule R001).
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from . import labels as L
from .sanitize import clean_text
from .typography import quantity

COLUMNS = ("id", "section", "module", "title", "description", "teams", "priority", "phase",
           "vendor_response", "vendor_comment")
# The columns of the files vendors fill in and send back (CSV and XLSX): the vendor's cost of a
# third-party module or of custom development, then the fingerprint, last.
RESPONSE_COLUMNS = COLUMNS + ("vendor_cost", "fingerprint")
# The cells the fingerprint covers, as the matrix shows them.
FINGERPRINTED = ("id", "section", "title", "description")

# The words, from labels.toml (the reqif plugin reads these names too).
HEADERS = L.MATRIX_HEADERS
SECTIONS = L.MATRIX_SECTIONS
PRIORITY_LABELS = L.ENUMS["priority"]
RESPONSE_SCALE = L.RESPONSE_SCALE


@dataclass(frozen=True)
class MatrixRow:
    id: str
    section: str        # feature | nfr | rgpd
    module: str
    title: str
    description: str
    teams: str
    priority: str       # must/should/could/wont or ""
    phase: str

    def cells(self, lang: str) -> list[str]:
        """The requirement columns as text, in COLUMNS order (vendor columns excluded)."""
        return [self.id, SECTIONS[lang][self.section], self.module, self.title, self.description, self.teams,
                PRIORITY_LABELS[lang].get(self.priority, self.priority), self.phase]


def fingerprint(cells: Sequence[str]) -> str:
    """The first 12 hex digits of the SHA-256 of a row's id, section, title and description, as the
    matrix shows them (`cells` in that order).

    Each cell is normalised first, so that a spreadsheet re-saving the file changes nothing:
    Unicode NFC, every run of white space (line breaks included) made one space, ends stripped.
    The cells are joined with U+001F (unit separator), encoded in UTF-8."""
    normalised = (" ".join(unicodedata.normalize("NFC", cell or "").split()) for cell in cells)
    return hashlib.sha256("\x1f".join(normalised).encode("utf-8", "surrogatepass")).hexdigest()[:12]


def row_fingerprint(cells: Sequence[str]) -> str:
    """The fingerprint of a row from its requirement cells as exported (COLUMNS order, the text a
    spreadsheet shows: before the CSV's formula guard)."""
    return fingerprint([clean_text(cells[COLUMNS.index(name)]) for name in FINGERPRINTED])


def matrix_rows(spec, lang: str) -> list[MatrixRow]:
    """The rows of the matrix, in the order vendors read them: features, NFRs, then RGPD."""
    fr = lang == "fr"
    rows: list[MatrixRow] = []
    teams = {t.id: (t.name or t.id) for t in spec.teams}
    for f in spec.features:
        description = f.scenario or ""
        if f.acceptance:
            description += ("\n\n" if description else "") + ("Recette\u00a0: " if fr else "Acceptance: ") + f.acceptance
        rows.append(MatrixRow(f.id, "feature", f.module or "", f.title or "", description,
                              ", ".join(teams.get(t, t) for t in f.teams), f.priority or "", f.phase or ""))
    for n in spec.nfr:
        metric = quantity(n.metric, lang)
        rows.append(MatrixRow(n.id, "nfr", n.category or "", n.statement or "",
                              (("Mesure\u00a0: " if fr else "Metric: ") + metric) if metric else "", "",
                              n.priority or "", ""))
    rows.extend(_rgpd_rows(spec, lang))
    return rows


def _rgpd_rows(spec, lang: str) -> list[MatrixRow]:
    rgpd = spec.rgpd
    if rgpd is None:
        return []
    fr = lang == "fr"
    rows = []

    def add(key, title, description=""):
        rows.append(MatrixRow(f"RGPD-{key}" if fr else f"GDPR-{key}", "rgpd", "rgpd" if fr else "gdpr",
                              title, description, "", "must", ""))

    if rgpd.data_location:
        where = L.location(rgpd.data_location, lang)        # EU → « Union européenne »
        add("LOC", "Hébergement des données personnelles" if fr else "Personal data hosting",
            (f"Données hébergées en\u00a0: {where}" if fr else f"Data hosted in: {where}"))
    if rgpd.consent and rgpd.consent.stated:
        parts = [p for p in (rgpd.consent.text, rgpd.consent.collection, rgpd.consent.proof, rgpd.consent.withdrawal) if p]
        add("CONSENT", "Gestion du consentement (art. 7)" if fr else "Consent management (art. 7)", "\n".join(parts))
    rights = L.ENUMS["right"]["fr" if fr else "en"]
    for right in rgpd.rights:
        if right in rights:
            add(right.upper()[:5], rights[right])
    if rgpd.retention:
        objects = {o.id: o.name for o in spec.objects if o.name}     # activite → « Activité »
        text = "\n".join(f"{objects.get(k, k)}\u00a0: {v}" if fr else f"{objects.get(k, k)}: {v}"
                         for k, v in rgpd.retention.items())
        add("RET", "Durées de conservation et purge" if fr else "Retention periods and purge", text)
    if rgpd.processor_agreement:
        add("DPA", "Contrat de sous-traitance (art. 28)" if fr else "Data processing agreement (art. 28)")
    if rgpd.security_measures:
        add("SEC", "Mesures de sécurité (art. 32)" if fr else "Security measures (art. 32)",
            "\n".join(rgpd.security_measures))
    if rgpd.breach_notification:
        add("BREACH", "Notification des violations de données (art. 33)" if fr else "Data breach notification (art. 33)",
            rgpd.breach_notification if rgpd.breach_notification != "yes" else "")
    return rows
