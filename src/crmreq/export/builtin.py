"""Registers the built-in exporters through the public `crmreq_register_exporters` hook.

crmreq's own formats use the very door third-party plugins use: each `write` is a thin
wrapper that imports the real module (and, through it, python-docx, openpyxl or matplotlib)
only when that format is actually written, so `crmreq lint` never pays for them.
"""

from __future__ import annotations

import importlib

from ..errors import SaidError
from ..findings import Exporter
from ..hookspecs import hookimpl

# what `pip install "crmreq[export]"` adds: the light install lints without them
EXPORT_EXTRA = frozenset({"docx", "matplotlib", "lxml", "PIL", "numpy"})


def _heavy_writer(module: str, function: str, fmt: str):
    """The write function of a format that needs the export extra; one clear line without it."""
    try:
        return getattr(importlib.import_module(module, __package__), function)
    except ModuleNotFoundError as exc:
        if (exc.name or "").split(".")[0] in EXPORT_EXTRA:
            raise SaidError(f'l\'export {fmt} demande python-docx et matplotlib : pip install "crmreq[export]"',
                            f'the {fmt} export needs python-docx and matplotlib: pip install "crmreq[export]"') from None
        raise


def _write_docx(spec, path, options):
    return _heavy_writer(".word", "write_docx", "DOCX")(spec, path, options)


def _write_xlsx(spec, path, options):
    return _heavy_writer(".spreadsheet", "write_xlsx", "XLSX")(spec, path, options)


def _write_csv(spec, path, options):
    from .csv_matrix import write_csv

    return write_csv(spec, path, options)


def _write_md(spec, path, options):
    from .markdown import write_markdown

    return write_markdown(spec, path, options)


def _write_evaluation(spec, path, options):
    from ..score.evaluation_template import write_evaluation

    return write_evaluation(spec, path, options)


def _write_json(spec, path, options):
    from .json_model import write_json

    return write_json(spec, path, options)


BUILTIN_EXPORTERS = (
    Exporter("docx", "docx", _write_docx, {
        "fr": "Cahier des charges Word (page de garde, sommaire, schémas, matrice en annexe)",
        "en": "Word specification (cover page, table of contents, diagrams, matrix annex)",
    }),
    Exporter("xlsx", "xlsx", _write_xlsx, {
        "fr": "Matrice fonctionnelle à remplir par les éditeurs (liste déroulante, critères pondérés)",
        "en": "Functional matrix for vendors to fill in (drop-down responses, weighted criteria)",
    }),
    Exporter("csv", "csv", _write_csv, {
        "fr": "Matrice fonctionnelle en CSV (dialecte excel-fr ou rfc4180)",
        "en": "Functional matrix as CSV (excel-fr or rfc4180 dialect)",
    }),
    Exporter("md", "md", _write_md, {
        "fr": "Cahier des charges en Markdown (diagrammes Mermaid)",
        "en": "Specification as Markdown (Mermaid diagrams)",
    }),
    Exporter("json", "json", _write_json, {
        "fr": "Modèle normalisé en JSON, pour d'autres outils",
        "en": "Normalised model as JSON, for other tools",
    }),
    # the buyer's file, not the vendors': never in the pack, never overwritten (YAML or TOML by -o)
    Exporter("evaluation", "yaml", _write_evaluation, {
        "fr": "Fichier d'évaluation des offres à remplir (prix, notes, démonstrations) pour crmreq score",
        "en": "Offer evaluation file to fill in (prices, marks, demos) for crmreq score",
    }, in_pack=False),
)


@hookimpl
def crmreq_register_exporters():
    return list(BUILTIN_EXPORTERS)
