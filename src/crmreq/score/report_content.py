"""What the Markdown and Word score reports say, as plain text tables and sentences, in the result's language.

One place decides the content (method, ranking, marks, eliminations, coverage, must-haves, checks);
`report_md` and `report_docx` only lay it out, so the two reports never disagree. Figures are
rounded here, for display only; the result keeps them unrounded.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..export import typography as T
from .model import LEVELS, Offer, ScoreResult
from .settings import DEFAULT_ANSWERS, DEFAULT_WEIGHTS, MAX_POINTS, ROADMAP_MONTHS
from .report_words import how_marked, lang_of, level_label, measure_label, module_label, priority_label, \
    section_label, words

COVERED = ("standard", "configuration")       # a must-have met without add-on, development or wait
SECTION_ORDER = ("feature", "nfr", "rgpd")
TITLE_WIDTH = 90                             # characters of a requirement's title in the gaps lists


@dataclass
class Table:
    """A table to lay out: header texts, rows of cell texts, and per column "l", "r" or "c"."""

    headers: list[str]
    rows: list[list[str]]
    align: list[str] = field(default_factory=list)


@dataclass
class MustHaveReview:
    """One offer's answers to the must-haves: counts per level, strengths and gaps."""

    offer: Offer
    counts: list[tuple[str, int]]              # (level label, count), levels with a count only
    strengths: list[str]                       # requirement ids
    gaps: list[tuple[str, str, str]]           # ("ID – title", answer label, vendor comment and note)


def fmt(value: float | None, lang: str, decimals: int = 1) -> str:
    """A figure as the report prints it: `7,5` / `7.5`; "" for None."""
    return "" if value is None else T.number(round(value, decimals), lang, decimals)


def percent(value: float | None, lang: str) -> str:
    """A percentage with one decimal, `73,2 %` / `73.2%`; a dash when there is nothing to measure."""
    if value is None:
        return "—"
    return fmt(value, lang) + ("\u202f%" if lang_of(lang) == "fr" else "%")


def join(parts, lang: str) -> str:
    """Phrases one after the other: `a ; b` in French (narrow no-break space), `a; b` in English."""
    return ("\u202f; " if lang_of(lang) == "fr" else "; ").join(part for part in parts if part)


def shorten(title: str, width: int = TITLE_WIDTH) -> str:
    """A requirement's title on about one line (an NFR's title is its whole statement)."""
    return title if len(title) <= width else title[:width - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


def text(value: str, lang: str) -> str:
    """A sentence with the French typography (no-break spaces) when the report is in French."""
    return T.punctuate(value, lang_of(lang))


def scale_scores(result: ScoreResult) -> dict[str, float]:
    """The score of each response level the scorer used (its settings, else the defaults), in LEVELS order."""
    scores = result.settings.get("answers") or {}
    return {level: scores.get(level, DEFAULT_ANSWERS[level]) for level in LEVELS}


def priority_weights(result: ScoreResult) -> dict[str, float]:
    weights = result.settings.get("weights") or {}
    return {priority: weights.get(priority, default) for priority, default in DEFAULT_WEIGHTS.items()}


def unanswered_level(result: ScoreResult) -> str:
    """The level an unanswered requirement counts as: not_supported, or standard (public-tender clause)."""
    level = result.settings.get("unanswered") or "not_supported"
    return level if level in LEVELS else "not_supported"


def method_lines(result: ScoreResult) -> list[str]:
    """The method in a few sentences, with the figures this run used."""
    lang = result.lang
    w = words(lang)
    scores = scale_scores(result)
    top = MAX_POINTS
    weights = priority_weights(result)
    scale = ", ".join(f"{level_label(level, lang)} {fmt(score, lang, 0 if float(score).is_integer() else 1)}"
                      for level, score in scores.items())
    priorities = ", ".join(f"{priority_label(p, lang)} {T.number(v, lang)}" for p, v in weights.items())
    unanswered = unanswered_level(result)
    rule = "unanswered_included" if unanswered == "standard" else "unanswered_zero"
    lines = [
        w["scale_scores"].format(top=T.number(top, lang)) + (" : " if lang_of(lang) == "fr" else ": ") + scale + ".",
        w["priority_weights"] + (" : " if lang_of(lang) == "fr" else ": ") + priorities + ".",
        w[rule].format(level=level_label(unanswered, lang), score=T.number(scores[unanswered], lang)),
        w["missing_rule"].format(level=level_label("not_supported", lang)),
        w["roadmap_rule"].format(level=level_label("roadmap", lang), score=T.number(scores["roadmap"], lang),
                                 months=T.number(ROADMAP_MONTHS, lang)),
        w["coverage_rule"].format(top=T.number(top, lang)),
        w["total_rule"],
        w["elimination_rule"].format(level=level_label("not_supported", lang),
                                     roadmap=level_label("roadmap", lang)),
    ]
    return [text(line, lang) for line in lines]


def criteria_table(result: ScoreResult) -> Table:
    lang = result.lang
    w = words(lang)
    rows = [[c.name or c.id, measure_label(c.measure, lang), T.number(c.weight, lang),
             w["yes"] if c.eliminatory else w["no"], how_marked(c.measure, lang)] for c in result.criteria]
    return Table([w["criterion"], w["measure"], w["weight"], w["eliminatory"], w["how_marked"]], rows,
                 ["l", "l", "r", "c", "l"])


def rank_text(offer: Offer, lang: str) -> str:
    return words(lang)["eliminated_tag"] if offer.eliminated or offer.rank is None else str(offer.rank)


def price_text(offer: Offer, lang: str) -> str:
    if offer.price is None:
        return "—"
    return T.money(offer.price, offer.currency or "EUR", lang_of(lang))


def ranking_table(result: ScoreResult) -> Table:
    """Rank, offer, total, matrix coverage and price: the decision at a glance."""
    lang = result.lang
    w = words(lang)
    rows = [[rank_text(o, lang), o.name or o.vendor, fmt(o.total, lang), percent(o.coverage.overall, lang),
             price_text(o, lang)] for o in result.offers]
    return Table([w["rank"], w["offer"], w["total"], w["coverage"], w["price"]], rows, ["c", "l", "r", "r", "r"])


def mark_text(mark: float | None, lang: str) -> str:
    """A mark out of 10 as the reports show it, « non noté » when there is none."""
    return words(lang)["not_marked"] if mark is None else fmt(mark, lang)


def marks_table(result: ScoreResult) -> Table:
    """Criteria as rows, offers as columns: each mark out of 10, and the weighted total."""
    lang = result.lang
    w = words(lang)
    rows = []
    for c in result.criteria:
        row = [c.name or c.id, T.number(c.weight, lang)]
        for offer in result.offers:
            row.append(mark_text(offer.marks.get(c.id), lang))
        rows.append(row)
    rows.append([w["total"], T.number(sum(c.weight for c in result.criteria), lang)]
                + [fmt(o.total, lang) for o in result.offers])
    headers = [w["criterion"], w["weight"]] + [o.name or o.vendor for o in result.offers]
    return Table(headers, rows, ["l", "r"] + ["r"] * len(result.offers))


def robustness_sentence(result: ScoreResult) -> str:
    robustness = result.robustness
    if robustness.note:
        return text(robustness.note, result.lang)
    return text(words(result.lang)["no_robustness"], result.lang)


def mark_details(result: ScoreResult) -> list[tuple[str, list[str]]]:
    """(offer name, « criterion: mark — how it was computed » for each mark) for each offer (§7:
    every figure shown with how it was computed)."""
    lang = result.lang
    colon = "\u00a0: " if lang_of(lang) == "fr" else ": "
    details = []
    for offer in result.offers:
        lines = []
        for c in result.criteria:
            note = offer.mark_notes.get(c.id)
            lines.append(f"{c.name or c.id}{colon}{mark_text(offer.marks.get(c.id), lang)}"
                         + (f" — {text(note, lang)}" if note else ""))
        details.append((offer.name or offer.vendor, lines))
    return details


def eliminated_offers(result: ScoreResult) -> list[tuple[str, list[str]]]:
    """(offer name, reasons) for each eliminated offer, in the result's order."""
    return [(o.name or o.vendor, [text(r, result.lang) for r in o.reasons]) for o in result.offers if o.eliminated]


def coverage_table(result: ScoreResult) -> Table:
    """The matrix coverage of each offer: overall, by section, then by module."""
    lang = result.lang
    w = words(lang)
    sections = [s for s in SECTION_ORDER if any(r.section == s for r in result.requirements)]
    modules: list[str] = []             # the features' modules, as the scorer measures them
    for requirement in result.requirements:
        if requirement.section == "feature" and requirement.module and requirement.module not in modules:
            modules.append(requirement.module)
    rows = [[w["overall"], ""] + [percent(o.coverage.overall, lang) for o in result.offers]]
    rows += [[section_label(s, lang), w["section"]] + [percent(o.coverage.sections.get(s), lang)
                                                       for o in result.offers] for s in sections]
    rows += [[module_label(m, lang), w["module"]] + [percent(o.coverage.modules.get(m), lang)
                                                     for o in result.offers] for m in modules]
    headers = ["", ""] + [o.name or o.vendor for o in result.offers]
    return Table(headers, rows, ["l", "l"] + ["r"] * len(result.offers))


def must_have_reviews(result: ScoreResult) -> list[MustHaveReview]:
    """Per offer, how it answered the must-haves. A strength: a must-have it covers (out of the box or by
    configuration) with the best answer score of all offers, ahead of at least one."""
    lang = result.lang
    musts = [r for r in result.requirements if r.priority == "must"]
    reviews = []
    for offer in result.offers:
        levels = {r.id: _level(offer, r.id) for r in musts}
        counts = [(level_label(level, lang), n) for level in (*LEVELS, None)
                  if (n := sum(1 for v in levels.values() if v == level))]
        strengths, gaps = [], []
        for requirement in musts:
            if levels[requirement.id] in COVERED:
                mine = _score(offer, requirement.id)
                others = [_score(other, requirement.id) for other in result.offers if other is not offer]
                if others and mine >= max(others) and mine > min(others):
                    strengths.append(requirement.id)
            else:
                answer = offer.answers.get(requirement.id)
                detail = join([answer.comment, answer.note], lang) if answer else ""
                gaps.append((f"{requirement.id} – {shorten(requirement.title)}", level_label(levels[requirement.id], lang),
                             text(detail, lang)))
        reviews.append(MustHaveReview(offer, counts, strengths, gaps))
    return reviews


def _score(offer: Offer, requirement_id: str) -> float:
    answer = offer.answers.get(requirement_id)
    return answer.score if answer else 0.0


def _level(offer: Offer, requirement_id: str) -> str | None:
    answer = offer.answers.get(requirement_id)
    return answer.level if answer else None


def findings_table(result: ScoreResult) -> Table:
    lang = result.lang
    w = words(lang)
    rows = [[f.code, f"{f.file}:{f.line}" if f.line else f.file, text(f.message, lang)]
            for f in sorted(result.findings, key=lambda f: f.sort_key())]
    return Table([w["code"], w["where"], w["message"]], rows, ["l", "l", "l"])
