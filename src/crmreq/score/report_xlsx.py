"""The bid analysis workbook (`crmreq score --format xlsx`): ranking, answers per vendor, method.

Three sheets, named in the result's language:

1. "Classement" / "Ranking": criteria as rows, offers as columns. The criteria's weights and the
   offers' marks are cells; each total is `=SUMPRODUCT(weights, marks)/10` and each rank `=RANK(…)`
   over the offers still in the running, so the buyer changes a weight and sees the ranking move.
   The matrix criterion's mark is itself a formula (`coverage × 10`) over the answers sheet.
2. "Réponses" / "Responses": requirements × vendors, each answer colour-coded by level (a must-have
   answered "Not supported" in strong red and bold) beside its score.
3. "Méthode" / "Method": the score of each response level and the weight of each priority, as
   cells the answers sheet refers to.

A formula is written only where it gives the scorer's figure (same cells, same arithmetic); a
figure the scorer obtained otherwise (a late roadmap scored 0, a manual mark) is written as a value.
Text is always a typed string, never a formula. Dates are fixed and the package re-zipped with
fixed entry dates, so the same result gives the same bytes; the file is written atomically.
"""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.utils import get_column_letter, quote_sheetname

from ..export.spreadsheet import fixed_zip
from ..export.sanitize import clean_text
from ..io import atomic_path
from .model import LEVELS, ScoreResult
from .report_content import priority_weights, scale_scores, unanswered_level
from .report_words import lang_of, level_label, measure_label, module_label, priority_label, section_label, words
from .report_xlsx_cells import CellStyles, number_format, print_setup, reference, row_height, set_text
from .settings import MAX_POINTS

TOLERANCE = 1e-9
OFFER_WIDTH = 15                         # an offer's column in the ranking sheet
COMMENT_MAX = 2000                       # characters of a vendor's comment shown in a cell note

# The method sheet's layout: the cells the formulas of the other two sheets refer to.
SCALE_ROW = 2                            # LEVELS from this row, score in column B
UNANSWERED_ROW = SCALE_ROW + len(LEVELS)
PRIORITY_ROW = UNANSWERED_ROW + 3        # must, should, could, wont from this row
PRIORITIES = ("must", "should", "could", "wont")
# The answers sheet: two header rows, requirement columns A–F (F: weight), then answer/score pairs.
FIRST_ANSWER_ROW = 3
REQUIREMENT_COLUMNS = 6


def write(result: ScoreResult, path) -> None:
    """Write the workbook of `result` to `path`, atomically; same result, same bytes."""
    data = render(result)
    with atomic_path(Path(path)) as tmp:
        tmp.write_bytes(data)


def render(result: ScoreResult) -> bytes:
    w = words(result.lang)
    wb = Workbook()
    ranking = wb.active
    ranking.title = w["sheet_ranking"]
    responses = wb.create_sheet(w["sheet_responses"])
    method = wb.create_sheet(w["sheet_method"])
    styles = CellStyles()
    _method_sheet(method, result, styles)
    score_columns = _responses_sheet(responses, result, styles, method.title)
    _ranking_sheet(ranking, result, styles, responses.title, method.title, score_columns)
    for ws, landscape in ((ranking, True), (responses, True), (method, False)):
        print_setup(ws, w["page"], landscape)
    props = wb.properties
    props.title = f"{w['title']} – {clean_text(result.spec_name)}"
    props.creator = props.lastModifiedBy = "crmreq"
    props.language = lang_of(result.lang)
    props.created = props.modified = result.stamp
    wb.active = 0
    buffer = io.BytesIO()
    wb.save(buffer)
    return fixed_zip(buffer.getvalue(), result.stamp)


# -- method ---------------------------------------------------------------------------------
def _method_sheet(ws, result: ScoreResult, styles: CellStyles) -> None:
    lang = result.lang
    w = words(lang)
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 10
    scores = scale_scores(result)
    _input_table(ws, styles, SCALE_ROW, (w["level"], w["score"]),
                 [(level_label(level, lang), scores[level], styles.level_fills[level]) for level in LEVELS])
    set_text(ws.cell(UNANSWERED_ROW, 1), w["unanswered"])
    styles.body(ws.cell(UNANSWERED_ROW, 1), styles.italic, fill=styles.unanswered_fill)
    ws.cell(UNANSWERED_ROW, 2).value = f"=B{SCALE_ROW + LEVELS.index(unanswered_level(result))}"
    styles.body(ws.cell(UNANSWERED_ROW, 2), alignment=styles.center, number_format=number_format(scores.values()))

    weights = priority_weights(result)
    _input_table(ws, styles, PRIORITY_ROW, (w["priority"], w["weight"]),
                 [(priority_label(priority, lang), weights[priority], None) for priority in PRIORITIES])
    legend = PRIORITY_ROW + len(PRIORITIES) + 1
    set_text(ws.cell(legend, 1), w["legend_must"])
    styles.body(ws.cell(legend, 1), styles.must_gap_font, fill=styles.must_gap_fill)


def _input_table(ws, styles: CellStyles, first_row: int, titles: tuple, rows: list[tuple]) -> None:
    """A two-column table of the method sheet whose values the buyer may change (the formulas of the
    other sheets read them): titles above `first_row`, then (label, value, label fill or None) rows."""
    for col, title in enumerate(titles, start=1):
        set_text(ws.cell(first_row - 1, col), title)
        styles.header(ws.cell(first_row - 1, col))
    values_format = number_format(value for _, value, _ in rows)
    for row, (label, value, fill) in enumerate(rows, start=first_row):
        set_text(ws.cell(row, 1), label)
        styles.body(ws.cell(row, 1), styles.bold, fill=fill)
        ws.cell(row, 2).value = value
        styles.body(ws.cell(row, 2), alignment=styles.center, fill=styles.input_fill, number_format=values_format)


# -- responses ------------------------------------------------------------------------------
def _responses_sheet(ws, result: ScoreResult, styles: CellStyles, method: str) -> dict[str, int]:
    """Requirements × vendors; answers the score column of each vendor (vendor id → column)."""
    lang = result.lang
    w = words(lang)
    headers = (w["id"], w["section"], w["module"], w["requirement"], w["priority"], w["weight"])
    longest_id = max((len(r.id) for r in result.requirements), default=0)
    widths = (max(11, min(22, round(longest_id * 1.2 + 2))), 13, 16, 40, 14, 8)     # ids never wrap
    for col, (title, width) in enumerate(zip(headers, widths), start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
        set_text(ws.cell(1, col), title)
        ws.merge_cells(start_row=1, start_column=col, end_row=2, end_column=col)
        styles.header(ws.cell(1, col))
        styles.header(ws.cell(2, col))
    score_columns = {}
    for index, offer in enumerate(result.offers):
        answer_col = REQUIREMENT_COLUMNS + 1 + 2 * index
        score_columns[offer.vendor] = answer_col + 1
        ws.column_dimensions[get_column_letter(answer_col)].width = 24
        ws.column_dimensions[get_column_letter(answer_col + 1)].width = 7
        set_text(ws.cell(1, answer_col), offer.name or offer.vendor)
        ws.merge_cells(start_row=1, start_column=answer_col, end_row=1, end_column=answer_col + 1)
        set_text(ws.cell(2, answer_col), w["answer"])
        set_text(ws.cell(2, answer_col + 1), w["score"])
        for cell in (ws.cell(1, answer_col), ws.cell(1, answer_col + 1), ws.cell(2, answer_col),
                     ws.cell(2, answer_col + 1)):
            styles.header(cell)

    scores = scale_scores(result)
    weights = priority_weights(result)
    unanswered_score = scores[unanswered_level(result)]
    weight_format = number_format([r.weight for r in result.requirements] or [0])
    score_format = number_format(list(scores.values()) + [a.score for o in result.offers for a in o.answers.values()])
    for row, requirement in enumerate(result.requirements, start=FIRST_ANSWER_ROW):
        texts = (requirement.id, section_label(requirement.section, lang), module_label(requirement.module, lang),
                 requirement.title, priority_label(requirement.priority, lang))
        for col, value in enumerate(texts, start=1):
            set_text(ws.cell(row, col), value)
            styles.body(ws.cell(row, col), styles.bold if col == 1 else None)
        ws.row_dimensions[row].height = row_height(texts, widths)
        weight = ws.cell(row, REQUIREMENT_COLUMNS)
        priority = requirement.priority or "could"          # no priority weighs as a could-have (the scorer's rule)
        if priority in weights and abs(weights[priority] - requirement.weight) < TOLERANCE:
            weight.value = "=" + reference(method, 2, PRIORITY_ROW + PRIORITIES.index(priority))
        else:
            weight.value = requirement.weight
        styles.body(weight, alignment=styles.center, number_format=weight_format)
        for offer in result.offers:
            score_col = score_columns[offer.vendor]
            answer = offer.answers.get(requirement.id)
            level = answer.level if answer else None
            answer_cell, score_cell = ws.cell(row, score_col - 1), ws.cell(row, score_col)
            set_text(answer_cell, level_label(level, lang))
            if level is None:
                styles.body(answer_cell, styles.italic, fill=styles.unanswered_fill)
            elif level == "not_supported" and requirement.priority == "must":
                styles.body(answer_cell, styles.must_gap_font, fill=styles.must_gap_fill)
            else:
                styles.body(answer_cell, fill=styles.level_fills[level])
            remark = "\n".join(part for part in (answer.comment, answer.note) if part) if answer else ""
            if remark:                       # the vendor's comment and how the score was obtained
                answer_cell.comment = Comment(clean_text(remark)[:COMMENT_MAX], "crmreq", width=260, height=110)
            score = answer.score if answer else unanswered_score
            table_row = UNANSWERED_ROW if level is None else SCALE_ROW + LEVELS.index(level)
            table_score = unanswered_score if level is None else scores[level]
            score_cell.value = ("=" + reference(method, 2, table_row)) if abs(score - table_score) < TOLERANCE else score
            styles.body(score_cell, alignment=styles.center, number_format=score_format)
    ws.freeze_panes = ws.cell(FIRST_ANSWER_ROW, REQUIREMENT_COLUMNS + 1)
    ws.print_title_rows = "1:2"
    last = FIRST_ANSWER_ROW + len(result.requirements) - 1
    if result.requirements:
        ws.auto_filter.ref = f"A2:{get_column_letter(REQUIREMENT_COLUMNS + 2 * len(result.offers))}{last}"
    return score_columns


def matrix_coverage(result: ScoreResult, offer) -> float:
    """What the coverage formula gives from the cells written: Σ w × score / (Σ w × 4), a fraction."""
    scores = scale_scores(result)
    unanswered_score = scores[unanswered_level(result)]
    total_weight = sum(r.weight for r in result.requirements)
    if not total_weight:
        return 0.0
    earned = sum(r.weight * (offer.answers[r.id].score if r.id in offer.answers else unanswered_score)
                 for r in result.requirements)
    return earned / (total_weight * MAX_POINTS)


# -- ranking --------------------------------------------------------------------------------
def _ranking_sheet(ws, result: ScoreResult, styles: CellStyles, responses: str, method: str,
                   score_columns: dict[str, int]) -> None:
    lang = result.lang
    w = words(lang)
    set_text(ws.cell(1, 1), f"{w['title']} – {result.spec_name}")
    ws.cell(1, 1).font = styles.title
    head, first = 4, 5
    last = first + len(result.criteria) - 1
    offers = result.offers
    first_offer_col = 4
    widths = (40, 16, 9)
    for col, width in zip("ABC", widths):
        ws.column_dimensions[col].width = width
    note = w["formula_note"].format(method=method)
    set_text(ws.cell(2, 1), note)
    ws.cell(2, 1).font, ws.cell(2, 1).alignment = styles.italic, styles.wrap
    last_col = first_offer_col - 1 + len(offers)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=last_col)
    ws.row_dimensions[2].height = row_height([note], [sum(widths) + OFFER_WIDTH * len(offers)])
    headers = [w["criterion"], w["measure"], w["weight"]] + [o.name or o.vendor for o in offers]
    for col, title in enumerate(headers, start=1):
        set_text(ws.cell(head, col), title)
        styles.header(ws.cell(head, col))
        if col >= first_offer_col:
            ws.column_dimensions[get_column_letter(col)].width = OFFER_WIDTH

    rows = {"weights": last + 1, "total": last + 2, "rank": last + 3, "coverage": last + 4, "price": last + 5}
    weight_format = number_format([c.weight for c in result.criteria] or [0])
    for row, criterion in enumerate(result.criteria, start=first):
        set_text(ws.cell(row, 1), criterion.name or criterion.id)
        styles.body(ws.cell(row, 1), styles.bold)
        ws.row_dimensions[row].height = row_height([criterion.name or criterion.id], [widths[0] * 0.9])
        set_text(ws.cell(row, 2), measure_label(criterion.measure, lang))
        styles.body(ws.cell(row, 2))
        ws.cell(row, 3).value = criterion.weight
        styles.body(ws.cell(row, 3), alignment=styles.center, fill=styles.input_fill, number_format=weight_format)
        for col, offer in enumerate(offers, start=first_offer_col):
            mark = offer.marks.get(criterion.id)
            cell = ws.cell(row, col)
            coverage_ref = f"{get_column_letter(col)}{rows['coverage']}"
            if (criterion.measure == "matrix" and mark is not None
                    and abs(mark - 10 * matrix_coverage(result, offer)) < TOLERANCE):
                cell.value = f"={coverage_ref}*10"
            else:
                cell.value = mark
            styles.body(cell, alignment=styles.center, number_format="0.0")

    weights_range = f"$C${first}:$C${last}"
    labels = {"weights": w["weight_sum"], "total": w["weighted_total"], "rank": w["rank"],
              "coverage": w["coverage"], "price": w["price"]}
    for key, row in rows.items():
        set_text(ws.cell(row, 1), labels[key])
        styles.body(ws.cell(row, 1), styles.bold, fill=styles.total_fill if key in ("total", "rank") else None)
    ws.cell(rows["weights"], 3).value = f"=SUM({weights_range})"
    styles.body(ws.cell(rows["weights"], 3), styles.bold, styles.center, number_format=weight_format)

    ranked_cols = [col for col, o in enumerate(offers, start=first_offer_col) if not o.eliminated]
    if ranked_cols != list(range(first_offer_col, first_offer_col + len(ranked_cols))):
        ranked_cols = []                 # not the result's order (eliminated last): ranks as values
    rank_range = (f"${get_column_letter(ranked_cols[0])}${rows['total']}:"
                  f"${get_column_letter(ranked_cols[-1])}${rows['total']}") if ranked_cols else ""
    weight_refs = f"{quote_sheetname(responses)}!$F${FIRST_ANSWER_ROW}:$F${FIRST_ANSWER_ROW + len(result.requirements) - 1}"
    for col, offer in enumerate(offers, start=first_offer_col):
        letter = get_column_letter(col)
        total = ws.cell(rows["total"], col)
        # rounded to 9 decimals, as the scorer compares totals: equal totals share a rank in both
        total.value = f"=ROUND(SUMPRODUCT({weights_range},{letter}{first}:{letter}{last})/10,9)"
        styles.body(total, styles.bold, styles.center, styles.total_fill, "0.0")
        rank = ws.cell(rows["rank"], col)
        if offer.eliminated:
            set_text(rank, w["eliminated_tag"])
            styles.body(rank, styles.must_gap_font, styles.center, styles.must_gap_fill)
        elif not ranked_cols:
            rank.value = offer.rank
            styles.body(rank, styles.bold, styles.center, styles.total_fill, "0")
        else:
            rank.value = f"=RANK({letter}{rows['total']},{rank_range})"
            styles.body(rank, styles.bold, styles.center, styles.total_fill, "0")
        coverage = ws.cell(rows["coverage"], col)
        if result.requirements:
            score_letter = get_column_letter(score_columns[offer.vendor])
            scores_refs = (f"{quote_sheetname(responses)}!{score_letter}{FIRST_ANSWER_ROW}:"
                           f"{score_letter}{FIRST_ANSWER_ROW + len(result.requirements) - 1}")
            coverage.value = (f"=IF(SUM({weight_refs})=0,0,"
                              f"SUMPRODUCT({weight_refs},{scores_refs})/(SUM({weight_refs})*{MAX_POINTS}))")
        else:
            coverage.value = 0
        styles.body(coverage, alignment=styles.center, number_format="0.0%")
        price = ws.cell(rows["price"], col)
        price.value = offer.price
        styles.body(price, alignment=styles.center, number_format="#,##0.00" if offer.price and
                    not float(offer.price).is_integer() else "#,##0")
    _reasons(ws, result, styles, rows["price"] + 2, max(3, first_offer_col - 1 + len(offers)))
    ws.freeze_panes = ws.cell(first, first_offer_col)
    ws.print_title_rows = f"{head}:{head}"


def _reasons(ws, result: ScoreResult, styles: CellStyles, top: int, last_col: int) -> None:
    """Below the grid: each eliminated offer's reasons, one a row, the reason across the other columns."""
    w = words(result.lang)
    eliminated = [o for o in result.offers if o.eliminated]
    if not eliminated:
        return
    for col, title in ((1, w["eliminated"]), (2, w["reasons"])):
        set_text(ws.cell(top, col), title)
        styles.header(ws.cell(top, col))
    ws.merge_cells(start_row=top, start_column=2, end_row=top, end_column=last_col)
    row = top
    for offer in eliminated:
        for reason in offer.reasons or [""]:
            row += 1
            set_text(ws.cell(row, 1), offer.name or offer.vendor)
            styles.body(ws.cell(row, 1), styles.bold)
            set_text(ws.cell(row, 2), reason)
            for col in range(2, last_col + 1):
                styles.body(ws.cell(row, col))
            ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=last_col)
            width = sum(ws.column_dimensions[get_column_letter(col)].width for col in range(2, last_col + 1))
            ws.row_dimensions[row].height = row_height([reason], [width])
