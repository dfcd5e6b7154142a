"""Scoring the offers (`crmreq score`, PRODUCT.md §7), usable without the CLI:

    from crmreq.score import score
    result = score("examples/fr-negoce", ["alpha.xlsx", "beta.csv"], evaluation="evaluation.yaml")
    for offer in result.offers:
        print(offer.rank, offer.vendor, round(offer.total, 1), offer.reasons)
    print(result.robustness.note, result.exit_code)

Reading the vendors' matrices (`responses`, `sheets`, `answers`), the evaluation file
(`evaluation`), the method (`scoring`, `robustness`) and the outputs (`report_*`) each have their
module; `model` holds the result every output reads.
"""

from __future__ import annotations

from .model import ScoreResult

__all__ = ["score", "ScoreResult"]


def score(spec_path=None, responses=(), evaluation=None, *, config: str | None = None, lang: str | None = None,
          select=(), ignore=(), debug: bool = False) -> ScoreResult:
    """Score the offers of the spec at `spec_path` (default: the current directory's).

    `responses`: the vendors' filled matrices (XLSX or CSV); `evaluation`: the buyer's evaluation file
    (YAML or TOML), which may also name the response files. `config`, `lang`, `select` and `ignore`
    work as for lint. Bad usage raises CrmreqError (one line, exit 2); problems in the files are
    findings in `ScoreResult.findings`."""
    from .run import run_score

    return run_score(spec_path, responses, evaluation, config=config, lang=lang, select=select, ignore=ignore,
                     debug=debug)
