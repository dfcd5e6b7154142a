"""`crmreq score` in the terminal (rich): the ranked offers, each criterion's mark, the coverage; then
the eliminated offers with their reasons, the robustness sentence, and the R findings printed the
way `crmreq lint` prints findings (its text reporter, reused as is).

User text (vendor names, reasons) goes to rich as `Text`, never as markup.
"""

from __future__ import annotations

from ..export.typography import number
from ..lint import Report
from ..lint.reporters import render_text as render_findings
from .model import ScoreResult
from .report_content import mark_details
from .report_words import words as report_words

_WORDS = {
    "fr": {"title": "Analyse des offres", "rank": "Rang", "vendor": "Éditeur", "total": "Total /100",
           "coverage": "Couverture", "eliminated": "Offres éliminées", "not_marked": "—",
           "no_offer": "Aucune offre à classer.", "weights": "Critères (poids)", "marks": "notes sur 10"},
    "en": {"title": "Offer analysis", "rank": "Rank", "vendor": "Vendor", "total": "Total /100",
           "coverage": "Coverage", "eliminated": "Eliminated offers", "not_marked": "—",
           "no_offer": "No offer to rank.", "weights": "Criteria (weight)", "marks": "marks out of 10"},
}


def render_text(result: ScoreResult, stream, *, color: bool | None = None, quiet: bool = False,
                files: int = 0) -> None:
    """Print the whole report on `stream`; `color` as for lint (None: rich decides)."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    lang = result.lang
    words = _WORDS["en" if lang == "en" else "fr"]
    terminal = color if color is not None else None
    console = Console(file=stream, force_terminal=terminal, no_color=color is False, highlight=False,
                      width=None if getattr(stream, "isatty", lambda: False)() else 200, soft_wrap=False)
    line = console.print                    # sentences are never wrapped: a pipe or a file gets them whole

    def say(text: Text) -> None:
        line(text, soft_wrap=True)

    say(Text(f"{words['title']} — {result.spec_name}", style="bold"))
    if result.criteria:
        legend = ", ".join(f"{c.id} ({number(c.weight, lang)})" for c in result.criteria)
        say(Text(f"{words['weights']}\u00a0: {legend} — {words['marks']}" if lang == "fr"
                 else f"{words['weights']}: {legend} — {words['marks']}", style="dim"))
    if not result.offers:
        say(Text(words["no_offer"]))
    else:
        table = Table(show_edge=False, header_style="bold")
        table.add_column(words["rank"], justify="right")
        table.add_column(words["vendor"])
        table.add_column(words["total"], justify="right")
        for criterion in result.criteria:
            table.add_column(criterion.id, justify="right")
        table.add_column(words["coverage"], justify="right")
        for offer in result.offers:
            marks = [number(offer.marks.get(c.id), lang, 1) if offer.marks.get(c.id) is not None
                     else words["not_marked"] for c in result.criteria]
            style = "dim" if offer.eliminated else ("bold green" if offer.rank == 1 else None)
            table.add_row(Text(str(offer.rank) if offer.rank else "✗"), Text(offer.name),
                          Text(number(offer.total, lang, 1)), *map(Text, marks),
                          Text(_percent(offer.coverage.overall, lang)), style=style)
        console.print(table)
    if not quiet and result.offers:     # how each mark was computed (§7), under the table
        console.print()
        say(Text(report_words(lang)["mark_details"], style="bold"))
        for name, details in mark_details(result):
            say(Text(f"  {name}", style="bold"))
            for detail in details:
                say(Text(f"    – {detail}"))
    eliminated = [o for o in result.offers if o.eliminated]
    if eliminated:
        console.print()
        say(Text(words["eliminated"], style="bold red"))
        for offer in eliminated:
            say(Text(f"  {offer.name}", style="bold"))
            for reason in offer.reasons:
                say(Text(f"    – {reason}"))
    if result.robustness.note:
        console.print()
        say(Text(result.robustness.note))
    console.print()
    report = Report(findings=list(result.findings), files=files)
    render_findings(report, lang, color=color, quiet=quiet, sources=result.sources, stream=stream)


def _percent(value: float, lang: str) -> str:
    text = number(value, lang, 1)
    return f"{text}\u202f%" if lang == "fr" else f"{text}%"
