"""The bid analysis report as Markdown (`crmreq score --format md`), with its chart as a PNG beside it.

The content comes from `report_content` (the same as the Word report); this module only lays it out
in GitHub-flavoured Markdown, user text escaped. The chart is written next to the report as
`<stem>-chart.png` and linked by a relative path, so the pair can be moved or committed together.
Both files are written atomically; writing the same result twice gives the same bytes.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

from ..export.markdown import escape_md
from ..io import is_special_file, write_bytes_atomic, write_text_atomic
from .chart import weighted_marks_png
from .model import ScoreResult, chart_path
from .report_content import (Table, coverage_table, criteria_table, eliminated_offers, findings_table, mark_details, marks_table,
                             method_lines, must_have_reviews, ranking_table, robustness_sentence, text)
from .report_words import lang_of, words




def write(result: ScoreResult, path) -> None:
    """Write the Markdown report to `path` and its chart beside it (no chart beside a device or pipe)."""
    path = Path(path)
    chart_name = None
    png = None if is_special_file(path) else weighted_marks_png(result)
    if png is not None:
        chart_file = chart_path(path)
        write_bytes_atomic(chart_file, png)
        chart_name = chart_file.name
    write_text_atomic(path, render(result, chart_name))


def render(result: ScoreResult, chart_name: str | None = None) -> str:
    """The report's Markdown text; `chart_name` is the chart's file name beside it, if any."""
    lang = result.lang
    w = words(lang)
    colon = "\u00a0:" if lang_of(lang) == "fr" else ":"
    out = [f"# {escape_md(w['title'])} — {escape_md(result.spec_name)}", "", f"_{escape_md(text(w['generated'], lang))}_",
           ""]

    out += [f"## 1. {w['method']}", "", escape_md(text(w["method_intro"], lang)), ""]
    out += [f"- {escape_md(line)}" for line in method_lines(result)]
    out += ["", _table(criteria_table(result))]

    out += [f"## 2. {w['ranking']}", "", _table(ranking_table(result))]
    out += [f"**{escape_md(w['robustness'])}**{colon} {escape_md(robustness_sentence(result))}", ""]
    if chart_name:
        out += [f"![{escape_md(w['chart'])}]({quote(chart_name)})", "",
                f"_{escape_md(text(w['chart_caption'], lang))}_", ""]
    out += [_table(marks_table(result))]
    out += [f"**{escape_md(w['mark_details'])}**", ""] if result.offers else []
    for name, lines in mark_details(result):
        out += [f"- **{escape_md(name)}**"] + [f"  - {escape_md(line)}" for line in lines]
    out += [""]

    out += [f"## 3. {w['eliminated']}", ""]
    eliminated = eliminated_offers(result)
    if eliminated:
        for name, reasons in eliminated:
            out.append(f"- **{escape_md(name)}**{colon}")
            out += [f"  - {escape_md(reason)}" for reason in reasons]
    else:
        out.append(escape_md(text(w["none_eliminated"], lang)))
    out.append("")

    out += [f"## 4. {w['must_haves']}", ""]
    out += _must_haves(result, colon)

    out += [f"## 5. {w['coverage_title']}", "", _table(coverage_table(result))]

    out += [f"## 6. {w['checks']}", ""]
    checks = findings_table(result)
    out.append(_table(checks) if checks.rows else escape_md(text(w["no_checks"], lang)) + "\n")
    return "\n".join(out).rstrip("\n") + "\n"


def _must_haves(result: ScoreResult, colon: str) -> list[str]:
    lang = result.lang
    w = words(lang)
    musts = sum(1 for r in result.requirements if r.priority == "must")
    if not musts:
        return [escape_md(text(w["no_must"], lang)), ""]
    out = [escape_md(text(w["must_intro"], lang)), ""]
    for review in must_have_reviews(result):
        out += [f"### {escape_md(review.offer.name or review.offer.vendor)}", ""]
        counts = ", ".join(f"{label} {n}" for label, n in review.counts)
        out += [f"{escape_md(w['must_counts'].format(count=musts))}{colon} {escape_md(counts)}.", ""]
        strengths = ", ".join(review.strengths) + "." if review.strengths else text(w["no_strength"], lang)
        out += [f"**{escape_md(w['strengths'])}**{colon} {escape_md(strengths)}", ""]
        out.append(f"**{escape_md(w['gaps'])}**{colon}" + ("" if review.gaps else
                                                            " " + escape_md(text(w["no_gap"], lang))))
        out += [f"- {escape_md(item)} — **{escape_md(answer)}**" + (f" ({escape_md(detail)})" if detail else "")
                for item, answer, detail in review.gaps]
        out.append("")
    return out


def _table(table: Table) -> str:
    """A GitHub table; cells escaped, line breaks as spaces, numbers right-aligned."""
    rule = {"l": ":--", "r": "--:", "c": ":-:"}

    def cell(value: str) -> str:   # line breaks become spaces; no-break spaces (« 50 000 € ») stay
        return escape_md(" ".join(re.split(r"[ \t\r\n\f\v]+", value.strip(" \t\r\n")))) or " "

    lines = ["| " + " | ".join(cell(h) for h in table.headers) + " |",
             "| " + " | ".join(rule.get(a, "---") for a in (table.align or ["l"] * len(table.headers))) + " |"]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in table.rows]
    return "\n".join(lines) + "\n"
