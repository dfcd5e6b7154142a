"""`crmreq lsp`: the language server, over stdio with pygls.

Each open, change or save lints the file's whole spec (after a short pause while the user types)
and publishes the diagnostics of every file of it; hover, definition, references, completion and
code actions read that latest lint. A handler never stops the server: any error, in a rule, a
plugin or here, is logged to the editor (window/logMessage) and the request answers nothing.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import sys
import time
import traceback
from pathlib import Path

from lsprotocol import types
from pygls import uris
from pygls.lsp.server import LanguageServer

from .. import __version__
from ..errors import CrmreqError
from .actions import code_actions
from .completion import completions
from .diagnostics import diagnostics_of
from .hover import hover_text
from .locations import from_client, span_range
from .specs import SETTINGS_FILES, SPEC_SUFFIXES, Specs, SpecRun

#: Typing debounce, in seconds. A change (or an opened file) after a pause is linted at once; one
#: that comes within this time of another, or of the end of a lint, waits until typing pauses this
#: long: a burst of keystrokes, or the keystrokes that queued up during a lint, lint once.
DEBOUNCE = 0.05
TRIGGER_CHARACTERS = [":", " ", "[", ",", '"', "'"]


class CrmreqServer(LanguageServer):
    """The server and what it remembers between messages."""

    def __init__(self, lang: str | None = None):
        super().__init__("crmreq", __version__)
        self.specs = Specs(lang)
        self.pending: dict[Path, asyncio.Task] = {}        # entry → the lint waiting for typing to pause
        self.busy: dict[Path, float] = {}                 # entry → when it last changed or finished a lint
        self.published: dict[Path, set[str]] = {}         # entry → the URIs given diagnostics last time
        self.reported: dict[Path, set[str]] = {}          # entry → plugin errors and rule crashes already logged
        self.failed: dict[Path, str] = {}                 # entry → why it could not be linted, last said

    # -- documents ---------------------------------------------------------------------------
    @staticmethod
    def path_of(uri: str) -> Path | None:
        path = uris.to_fs_path(uri)
        return Path(path).resolve() if path else None

    def overlay(self) -> dict[Path, str]:
        """The open YAML and TOML buffers, by file: read instead of the files on disk."""
        texts = {}
        for uri, document in self.workspace.text_documents.items():
            path = self.path_of(uri)
            if path is not None and path.suffix.lower() in SPEC_SUFFIXES:
                texts[path] = document.source
        return texts

    def open_uris(self) -> dict[Path, str]:
        """The open documents' files, each with its URI exactly as the editor sent it (pygls keys
        them decoded: `spé c` for `sp%C3%A9%20c`, which a client comparing strings would not match)."""
        return {self.path_of(key): document.uri for key, document in self.workspace.text_documents.items()}

    def uri_for(self, path: Path) -> str:
        """The URI the editor uses for `path` when it has it open, else the file's own."""
        return self.open_uris().get(path) or uris.from_fs_path(str(path))

    def lines_of(self, uri: str) -> list[str]:
        source = self.workspace.get_text_document(uri).source
        return source.replace("\r\n", "\n").split("\n")

    def context(self, uri: str) -> tuple[Path | None, SpecRun | None]:
        """The file of `uri` and the latest lint of its spec (linted now if it never was)."""
        path = self.path_of(uri)
        if path is None:
            return None, None
        run = self.specs.run_of(path)
        entry = self.specs.entry_of(path)
        if run is None and entry is not None and entry not in self.specs.runs:
            run = self.lint_now(entry)
            run = run if run and path in run.files else None
        return path, run

    # -- linting -----------------------------------------------------------------------------
    def schedule(self, uri: str, typing: bool = False, only_known: bool = False) -> None:
        """Lint the spec of `uri`, replacing a lint still waiting for it: at once, or, for a change
        (`typing`) close on the heels of another or of a lint, when typing pauses (DEBOUNCE)."""
        path = self.path_of(uri)
        entry = self.specs.entry_of(path) if path else None
        if entry is None:
            return
        last = self.specs.runs.get(entry)
        if only_known and last is not None and path not in last.files and path != entry:
            return   # a YAML file next to the spec that it does not include
        delay = 0.0
        if typing:
            now = time.monotonic()
            if entry in self.pending or now - self.busy.get(entry, -DEBOUNCE) < DEBOUNCE:
                delay = DEBOUNCE
            self.busy[entry] = now
        waiting = self.pending.pop(entry, None)
        if waiting is not None:
            waiting.cancel()
        self.pending[entry] = asyncio.get_running_loop().create_task(self._lint_later(entry, delay))

    async def _lint_later(self, entry: Path, delay: float) -> None:
        await asyncio.sleep(delay)
        self.pending.pop(entry, None)
        self.lint_now(entry)

    def lint_now(self, entry: Path) -> SpecRun | None:
        try:
            run = self.specs.lint(entry, self.overlay())
        except CrmreqError as exc:   # the configuration is wrong: said once, as `crmreq lint` says it
            self.say_once(entry, f"crmreq: {exc}", exc)
            return None
        except Exception as exc:     # a bug: logged with its traceback, and the server goes on
            self.say_once(entry, f"crmreq: {entry}: internal error: {type(exc).__name__}: {exc}", exc)
            return None
        self.failed.pop(entry, None)
        self.report_crashes(run)
        self.publish(run)
        self.busy[entry] = time.monotonic()
        return run

    def publish(self, run: SpecRun) -> None:
        """The diagnostics of every file of the spec; an empty list for a file that had some before."""
        sent = set()
        open_uris = self.open_uris()
        for path, diagnostics in self.steady_diagnostics(run).items():
            uri = open_uris.get(path) or uris.from_fs_path(str(path))
            sent.add(uri)
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics))
        for uri in self.published.get(run.entry, set()) - sent:
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
        self.published[run.entry] = sent

    def steady_diagnostics(self, run: SpecRun) -> dict:
        """Each file's diagnostics. While a file does not parse (a line half-typed), the lint reports
        only that (like ruff after a syntax error); the other files, unchanged since the last lint
        that read every file, keep what it found instead of blinking empty at each keystroke."""
        codec = self.workspace.position_codec
        found = diagnostics_of(run, codec)
        good = self.specs.complete_runs.get(run.entry)
        if run.result.complete or good is None:
            return found
        kept = diagnostics_of(good, codec)
        broken = {run.by_display.get(f.file) for f in run.report.findings if f.code in ("E001", "E004")}
        for path in found:
            if path not in broken and path in kept and path in good.files and \
                    good.files[path].lines == run.files[path].lines:
                found[path] = kept[path]
        return found

    def report_crashes(self, run: SpecRun) -> None:
        """Log each plugin that failed to load and each rule that crashed (X002), once."""
        problems = set(run.report.internal_errors) | {f.message for f in run.report.findings if f.code == "X002"}
        for message in sorted(problems - self.reported.get(run.entry, set())):
            self.log(f"crmreq: {message}", types.MessageType.Warning)
        self.reported[run.entry] = problems

    def say_once(self, entry: Path, message: str, exc: Exception) -> None:
        """Why a spec cannot be linted: shown to the user (a configuration error) or logged (a bug),
        once until it changes, not at every keystroke."""
        if self.failed.get(entry) == message:
            return
        self.failed[entry] = message
        if isinstance(exc, CrmreqError):
            self.window_show_message(types.ShowMessageParams(type=types.MessageType.Error, message=message))
        self.log(message, types.MessageType.Error, exc)

    def log(self, message: str, kind: types.MessageType, exc: Exception | None = None) -> None:
        if exc is not None and not isinstance(exc, CrmreqError):   # a bug: its traceback, for the report
            message += "\n" + "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        self.window_log_message(types.LogMessageParams(type=kind, message=message))


def guarded(handler):
    """Run a handler; an exception is logged to the editor and the request answers nothing."""

    @functools.wraps(handler)
    def run(ls: CrmreqServer, params):
        try:
            return handler(ls, params)
        except Exception as exc:
            ls.log(f"crmreq lsp: {handler.__name__}: {type(exc).__name__}: {exc}", types.MessageType.Error, exc)
            return None

    return run


def create_server(lang: str | None = None) -> CrmreqServer:
    """The server; `lang` (fr or en) overrides the language of findings, else each spec's own."""
    server = CrmreqServer(lang)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    @guarded
    def did_open(ls: CrmreqServer, params: types.DidOpenTextDocumentParams):
        ls.schedule(params.text_document.uri, typing=True)   # an editor restoring ten files: one lint

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    @guarded
    def did_change(ls: CrmreqServer, params: types.DidChangeTextDocumentParams):
        ls.schedule(params.text_document.uri, typing=True, only_known=True)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    @guarded
    def did_save(ls: CrmreqServer, params: types.DidSaveTextDocumentParams):
        path = ls.path_of(params.text_document.uri)
        if path is not None and path.name in SETTINGS_FILES:
            ls.specs.forget_settings()
            for entry in list(ls.specs.runs):
                ls.schedule(uris.from_fs_path(str(entry)))
        ls.schedule(params.text_document.uri, only_known=True)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    @guarded
    def did_close(ls: CrmreqServer, params: types.DidCloseTextDocumentParams):
        ls.schedule(params.text_document.uri, only_known=True)   # the file on disk counts again

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    @guarded
    def hover(ls: CrmreqServer, params: types.HoverParams):
        at = _cursor(ls, params)
        if at is None:
            return None
        path, run, lines, line, column = at
        text = hover_text(run, run.display_of(path), lines, line - 1, column)
        return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text)) if text else None

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    @guarded
    def definition(ls: CrmreqServer, params: types.DefinitionParams):
        run, found = _id_at(ls, params)
        target = run.index.definitions.get(found) if found else None
        return _location(ls, run, target.span) if target and target.span else None

    @server.feature(types.TEXT_DOCUMENT_REFERENCES)
    @guarded
    def references(ls: CrmreqServer, params: types.ReferenceParams):
        run, found = _id_at(ls, params)
        if found is None:
            return None
        spans = [reference.span for reference in run.index.uses(found)]
        target = run.index.definitions.get(found)
        if params.context.include_declaration and target is not None:
            spans.insert(0, target.span)
        return [_location(ls, run, span) for span in spans if span is not None]

    @server.feature(types.TEXT_DOCUMENT_COMPLETION,
                    types.CompletionOptions(trigger_characters=TRIGGER_CHARACTERS))
    @guarded
    def completion(ls: CrmreqServer, params: types.CompletionParams):
        at = _cursor(ls, params)
        if at is None:
            return None
        path, run, lines, line, column = at
        items = completions(run, path.suffix.lower() == ".toml", lines, line - 1, column, ls.workspace.position_codec,
                            ids=ls.specs.ids_run(run))
        return types.CompletionList(is_incomplete=False, items=items)

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
    @guarded
    def code_action(ls: CrmreqServer, params: types.CodeActionParams):
        path, run = ls.context(params.text_document.uri)
        if run is None:
            return None
        lines = ls.lines_of(params.text_document.uri)
        return code_actions(run, path, params.text_document.uri, lines, params.context.diagnostics,
                            ls.workspace.position_codec)

    return server


def _cursor(ls: CrmreqServer, params) -> tuple | None:
    """(file, its spec's latest run, the buffer's lines, 1-based line, 0-based character) of a
    request's position; None for a file of no spec."""
    path, run = ls.context(params.text_document.uri)
    if run is None:
        return None
    lines = ls.lines_of(params.text_document.uri)
    line, column = from_client(ls.workspace.position_codec, lines, params.position)
    return path, run, lines, line, column


def _id_at(ls: CrmreqServer, params) -> tuple[SpecRun | None, str | None]:
    at = _cursor(ls, params)
    if at is None:
        return None, None
    path, run, _, line, column = at
    return run, run.index.at(run.display_of(path), line, column)


def _location(ls: CrmreqServer, run: SpecRun, span) -> types.Location:
    path = run.by_display[span.file]
    return types.Location(uri=ls.uri_for(path), range=span_range(ls.workspace.position_codec, run.lines(span.file), span))


class _OneLine(logging.Formatter):
    """pygls's warnings and errors (a malformed message from the editor) as one line on stderr,
    the exception's name and words instead of its traceback; `--debug` keeps the traceback."""

    def format(self, record: logging.LogRecord) -> str:
        error = record.exc_info[1] if record.exc_info else None
        message = (record.getMessage().strip().splitlines() or [""])[0]   # some put a traceback in the text
        line = f"crmreq lsp: {record.levelname.lower()}: {message}"
        line += f" ({type(error).__name__}: {error})" if error is not None else ""
        return " ".join(line.split())


def serve(lang: str | None = None, debug: bool = False) -> None:
    """Speak LSP on stdin and stdout until the editor says exit. Whatever else would be printed
    (a plugin's print) goes to stderr: on stdout it would break the protocol's stream."""
    if not debug:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(_OneLine())
        pygls_log = logging.getLogger("pygls")
        pygls_log.addHandler(handler)
        pygls_log.propagate = False
    protocol_stream = sys.stdout.buffer
    sys.stdout = sys.stderr
    create_server(lang).start_io(sys.stdin.buffer, protocol_stream)
