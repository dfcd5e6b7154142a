"""Code actions on crmreq's diagnostics: suppress the finding with `# crmreq: ignore[CODE]` on the
line of its item (added to a suppression comment already there), and apply the correction a
finding names ("did you mean"), which the diagnostic carries in its `data`."""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types

from ..loader.suppressions import SUPPRESSION
from .diagnostics import SOURCE
from .locations import from_client, to_client
from .specs import SpecRun

#: Codes a suppression comment cannot or should not silence: a crashed rule, an unused suppression.
NOT_SUPPRESSIBLE = ("X001", "X002")

_TITLES = {
    "fr": {"ignore": "Ignorer {code} pour cet élément (# crmreq: ignore[{code}])",
           "replace": "Remplacer «\u00a0{old}\u00a0» par «\u00a0{new}\u00a0»"},
    "en": {"ignore": "Ignore {code} for this item (# crmreq: ignore[{code}])",
           "replace": "Replace `{old}` with `{new}`"},
}


def code_actions(run: SpecRun, path: Path, uri: str, lines, diagnostics, codec) -> list[types.CodeAction]:
    """The actions for the crmreq diagnostics among `diagnostics`, on the current text `lines` of `path`."""
    titles = _TITLES.get(run.lang, _TITLES["en"])
    display = run.display_of(path)
    actions = []
    suppressions_offered: set[tuple[int, str]] = set()
    for diagnostic in diagnostics:
        if diagnostic.source != SOURCE or not isinstance(diagnostic.code, str):
            continue
        correction = _correction(diagnostic, lines, codec)
        if correction is not None:
            old, edit = correction
            actions.append(types.CodeAction(
                title=titles["replace"].format(old=old, new=edit.new_text), kind=types.CodeActionKind.QuickFix,
                diagnostics=[diagnostic], is_preferred=True, edit=types.WorkspaceEdit(changes={uri: [edit]})))
        if diagnostic.code in NOT_SUPPRESSIBLE or display is None:
            continue
        line = run.item_line(display, diagnostic.range.start.line + 1)
        if (line, diagnostic.code) in suppressions_offered:
            continue   # three F001 on one item: one action silences them all
        suppressions_offered.add((line, diagnostic.code))
        edit = suppression_edit(lines, line, diagnostic.code, codec)
        if edit is not None:
            actions.append(types.CodeAction(
                title=titles["ignore"].format(code=diagnostic.code), kind=types.CodeActionKind.QuickFix,
                diagnostics=[diagnostic], edit=types.WorkspaceEdit(changes={uri: [edit]})))
    return actions


def suppression_edit(lines, line: int, code: str, codec) -> types.TextEdit | None:
    """The edit that adds `code` to the suppression comment of 1-based `line` (YAML and TOML
    comments are alike), or writes one at its end; None when the code is already there."""
    if not 0 < line <= len(lines):
        return None
    text = lines[line - 1]
    match = SUPPRESSION.search(text)
    if match:
        codes = [c.strip() for c in match["codes"].split(",") if c.strip()]
        if code.upper() in (c.upper() for c in codes):
            return None
        at = match.end("codes")
        position = to_client(codec, lines, line, at)
        return types.TextEdit(range=types.Range(start=position, end=position), new_text=f",{code}" if codes else code)
    end = len(text.rstrip())
    return types.TextEdit(range=types.Range(start=to_client(codec, lines, line, end), end=to_client(codec, lines, line, len(text))),
                          new_text=f"  # crmreq: ignore[{code}]")


def _correction(diagnostic: types.Diagnostic, lines, codec) -> tuple[str, types.TextEdit] | None:
    """The replacement a diagnostic carries, if the text it replaces is still there."""
    data = diagnostic.data if isinstance(diagnostic.data, dict) else {}
    replace = data.get("replace")
    if not isinstance(replace, dict):
        return None
    try:
        start, end = replace["range"]["start"], replace["range"]["end"]
        where = types.Range(start=types.Position(line=start["line"], character=start["character"]),
                            end=types.Position(line=end["line"], character=end["character"]))
        old, new = str(replace["old"]), str(replace["new"])
    except (KeyError, TypeError):
        return None
    line, column = from_client(codec, lines, where.start)
    if not 0 < line <= len(lines) or lines[line - 1][column:column + len(old)] != old:
        return None   # the text changed since the diagnostic was published
    return old, types.TextEdit(range=where, new_text=new)
