"""The `crmreq` command: parses options, calls the library, maps results to exit codes.

Exit codes: 0 no error-severity finding; 1 error-severity findings; 2 usage, configuration,
plugin or internal error. A user mistake never shows a Python traceback (`--debug` does).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from . import __version__
from .cli_help import LocalisedCommand, LocalisedHelp, in_run_language, run_lang
from .errors import CrmreqError, SaidError

LANG = click.Choice(["fr", "en"])


class _Group(LocalisedHelp, click.Group):
    """Turns every unexpected exception into one line and exit code 2, in the run's language
    (cli_help: --lang, else the locale), like the help of every command."""

    command_class = LocalisedCommand

    def main(self, *args, **kwargs):
        try:
            return super().main(*args, **kwargs)
        finally:
            _flush_output()

    def invoke(self, ctx):
        french = run_lang(ctx) == "fr"
        try:
            return super().invoke(ctx)
        except CrmreqError as exc:
            texts = getattr(exc, "texts", None)   # an error said in both languages
            click.echo(f"crmreq: {texts['fr' if french else 'en'] if texts else exc}", err=True)
            ctx.exit(2)
        except click.UsageError as exc:   # click's own words, French in a French run
            raise in_run_language(exc, ctx) from None
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
            raise
        except KeyboardInterrupt:
            click.echo("crmreq\u00a0: interrompu" if french else "crmreq: interrupted", err=True)
            ctx.exit(2)
        except Exception as exc:  # a bug: one line, the traceback only with --debug
            if ctx.obj and ctx.obj.get("debug"):
                raise
            detail = f"{type(exc).__name__}: {exc}"
            click.echo(f"crmreq\u00a0: erreur interne\u00a0: {detail} (relancez avec --debug pour les détails)" if french
                       else f"crmreq: internal error: {detail} (run with --debug for details)", err=True)
            ctx.exit(2)


def _flush_output() -> None:
    """Flush the report before exiting, so a lost report is said (exit 2), never a silent exit 0.

    `crmreq lint | head`: the reader has what it wanted; stdout goes to devnull so that the
    interpreter's own flush at exit does not complain (the recipe of Python's signal docs)."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
    except (OSError, ValueError) as exc:   # full disk, closed stream
        _silence_stdout()
        print(f"crmreq\u00a0: écriture du rapport impossible\u00a0: {exc}" if run_lang(None) == "fr"
              else f"crmreq: cannot write the output: {exc}", file=sys.stderr)
        raise SystemExit(2) from None


def _silence_stdout() -> None:
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):
        pass


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="crmreq", message="%(prog)s %(version)s")
@click.option("--debug", is_flag=True, help="Show tracebacks of internal and plugin errors, and the YAML and TOML "
                                          "parsers' own messages.")
@click.option("--lang", type=LANG, default=None, help="Language of messages and help: fr or en (for every command).")
@click.pass_context
def main(ctx, debug, lang):
    """crmreq — requirements-as-code for CRM projects (cahier des charges CRM)."""
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug
    if lang:   # `crmreq --lang fr lint`: the default of every command's own --lang
        ctx.default_map = {name: {"lang": lang} for name in ctx.command.list_commands(ctx)}


def _lang_option(f):
    return click.option("--lang", type=LANG, default=None, help="Language of messages: fr or en.")(f)


def _dash_is_stdout(output):
    """`-o -` is standard output, as for most command-line tools."""
    return None if output is not None and str(output) == "-" else output


def _write(text: str, output: str | None) -> None:
    if output:
        from .io import write_text_atomic

        write_text_atomic(Path(output), text)
    else:
        click.echo(text, nl=False)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif", "github", "gitlab"]), default=None,
              help="Output format (default text; github when GITHUB_ACTIONS=true).")
@click.option("--select", multiple=True, help="Only these codes, prefixes or rule names (repeatable, or comma-separated).")
@click.option("--ignore", multiple=True, help="Skip these codes, prefixes or rule names.")
@_lang_option
@click.option("--config", "config_file", type=click.Path(dir_okay=False), default=None, help="Configuration file (TOML).")
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None, help="Write the report to a file.")
@click.option("--color", "color_choice", type=click.Choice(["auto", "always", "never"]), default="auto",
              show_default=True,
              help="Colours of the text report on stdout. always and never beat the environment; auto: none "
                   "when NO_COLOR is set (non-empty), else colours when FORCE_COLOR is set (non-empty), even "
                   "piped (CI logs), else colours only on a terminal.")
@click.option("--no-color", is_flag=True, help="Same as --color never.")
@click.option("--quiet", "-q", is_flag=True, help="Only errors, no source lines.")
@click.option("--disable-plugin", "disabled", multiple=True, help="Do not load this plugin (name).")
@click.option("--baseline", "baseline", type=click.Path(dir_okay=False), default=None,
              help="Only report findings not recorded in this baseline file.")
@click.option("--write-baseline", "write_baseline", type=click.Path(dir_okay=False), default=None,
              help="Record today's findings in this file and exit 0.")
@click.option("--no-cache", is_flag=True, hidden=True, help="Accepted for older CI configurations; does nothing.")
@click.option("--debug", is_flag=True, help="Show tracebacks of crashing rules and the parsers' own messages.")
@click.pass_context
def lint(ctx, paths, fmt, select, ignore, lang, config_file, output, color_choice, no_color, quiet, disabled,
         baseline, write_baseline, no_cache, debug):
    """Lint one or more specs (default: the spec in the current directory)."""
    from .lint import Session, reporters
    from .lint.baseline import write_baseline as record_baseline

    debug = debug or ctx.obj.get("debug", False)
    ctx.obj["debug"] = debug
    output = _dash_is_stdout(output)
    if fmt is None:
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" and not output else "text"
    session = Session.create(paths, config=config_file, lang=lang, select=_split(select), ignore=_split(ignore),
                             disable_plugins=disabled, debug=debug,
                             baseline=None if write_baseline else baseline)
    report = session.lint_all()
    out_lang = session.language
    _say_plugin_errors(session.plugins.errors, out_lang)
    for line in session.whereabouts():   # a file or sub-folder given: which spec was linted
        click.echo(f"crmreq: {line[out_lang]}", err=True)
    if write_baseline:
        count = record_baseline(Path(write_baseline), report.findings)
        click.echo(f"{count} finding(s) recorded in {write_baseline}" if out_lang == "en"
                   else f"{count} alerte(s) enregistrée(s) dans {write_baseline}", err=True)
        ctx.exit(2 if report.internal_errors else 0)
    if report.baselined and fmt == "text":
        click.echo(f"{report.baselined} known finding(s) hidden by the baseline" if out_lang == "en"
                   else f"{report.baselined} alerte(s) connue(s) masquée(s) par la baseline", err=True)
    sources = session.sources
    if output:
        from .io import refuse_overwriting

        refuse_overwriting([output], session.files_read)
    if fmt == "text":
        if output:
            import io

            buffer = io.StringIO()
            reporters.render_text(report, out_lang, color=False, quiet=quiet, sources=sources, stream=buffer)
            _write(buffer.getvalue(), output)
        else:
            color = _colour("never" if no_color else color_choice)
            reporters.render_text(report, out_lang, color=color, quiet=quiet, sources=sources, stream=sys.stdout)
    elif fmt == "sarif":
        _write(reporters.render_sarif(report, session.plugins.rules, out_lang, __version__), output)
    else:
        _write(reporters.RENDERERS[fmt](report), output)
    ctx.exit(report.exit_code)


def _colour(choice: str) -> bool | None:
    """--color, then NO_COLOR, then FORCE_COLOR, each only when non-empty (no-color.org, force-color.org).

    Decided here, not left to rich: rich's reading of both variables changed across the versions we accept,
    and under NO_COLOR it still writes bold and underline. None leaves it to rich's terminal detection."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return None


def _print_rows(headers: tuple[str, ...], rows: list[tuple[str, ...]], title: str | None = None) -> None:
    """A table for people at a terminal. Piped, one tab-separated line per row, never cut at 80
    columns, for grep, cut and awk."""
    if sys.stdout.isatty():
        from rich.console import Console
        from rich.table import Table

        table = Table(*headers, title=title)
        for row in rows:
            table.add_row(*row)
        Console(highlight=False).print(table)
    elif rows:   # one write: `crmreq rules | head` closes the pipe after the first lines
        click.echo("\n".join("\t".join(cell.replace("\t", " ").replace("\n", " ") for cell in row)
                             for row in rows))


def _split(values) -> tuple[str, ...]:
    result = []
    for value in values:
        result.extend(v.strip() for v in value.split(",") if v.strip())
    return tuple(result)


def _plugins_only(disabled=(), path=None, config=None, lang=None):
    """The plugins `crmreq lint PATH` would load (PATH: the spec in the current directory, if any)."""
    from .lint import plugins_for
    from .loader import find_entry

    target = Path(path) if path else Path.cwd()
    try:
        entries = [find_entry(target)]
    except CrmreqError:
        if path:
            raise
        entries = []        # not in a spec: built-ins, entry points and the configuration found here
    plugins, *_ = plugins_for(entries, config=config, disable_plugins=disabled)
    _say_plugin_errors(plugins.errors, _default_lang(lang))
    return plugins


def _say_plugin_errors(errors, lang: str) -> None:
    """One line on stderr for each plugin that could not be loaded, in the run's language."""
    for error in errors:
        click.echo(f"crmreq: {error.texts[lang]}", err=True)


def _plugin_options(f):
    f = click.option("--disable-plugin", "disabled", multiple=True, help="Do not load this plugin (name).")(f)
    return click.option("--config", "config_file", type=click.Path(dir_okay=False), default=None,
                        help="Configuration file (TOML).")(f)


def _default_lang(lang):
    from .config import locale_lang

    return lang or locale_lang()


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text",
              help="markdown: the whole catalogue with each rule's documentation.")
@_lang_option
@_plugin_options
@click.pass_context
def rules_command(ctx, fmt, lang, config_file, disabled):
    """List every rule: code, name, severity, family, plugin.

    A table on a terminal; piped, one tab-separated line per rule, in that order."""
    import json

    lang = _default_lang(lang)
    plugins = _plugins_only(disabled, config=config_file, lang=lang)
    rows = list(plugins.rules.values())
    if fmt == "markdown":
        from .lint.catalogue import catalogue_markdown

        click.echo(catalogue_markdown(rows, lang), nl=False)
    elif fmt == "json":
        data = [{"code": r.code, "name": r.name, "severity": r.severity, "family": r.family, "plugin": r.plugin,
                 "message": r.message.get(lang) or r.message.get("en"),
                 "options": [{"name": o.name, "default": o.default} for o in r.options]} for r in rows]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        titles = {"fr": ("Code", "Nom", "Sévérité", "Famille", "Plugin"),
                  "en": ("Code", "Name", "Severity", "Family", "Plugin")}[lang]
        _print_rows(titles, [(r.code, r.name, r.severity, r.family, r.plugin) for r in rows],
                    title="crmreq — " + ("règles" if lang == "fr" else "rules"))
    ctx.exit(2 if plugins.errors else 0)


@main.command("rule")
@click.argument("code")
@_lang_option
@_plugin_options
@click.pass_context
def rule_command(ctx, code, lang, config_file, disabled):
    """Explain one rule (by code or name): what, why, an example, how to fix."""
    lang = _default_lang(lang)
    plugins = _plugins_only(disabled, config=config_file, lang=lang)
    rule = plugins.rule(code)
    if rule is None:
        raise SaidError(f"règle « {code} » inconnue (voir `crmreq rules`)", f"unknown rule {code!r} (see `crmreq rules`)")
    from .lint.catalogue import rule_markdown

    click.echo(rule_markdown(rule, lang, level=1), nl=False)


@main.command("plugins")
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@_lang_option
@_plugin_options
@click.pass_context
def plugins_command(ctx, path, fmt, lang, config_file, disabled):
    """List the plugins a lint of PATH (default: here) loads, their versions and contributions.

    A table on a terminal; piped, one tab-separated line per plugin: name, version, source, every rule,
    exporters, schema."""
    import json

    plugins = _plugins_only(disabled, path=path, config=config_file, lang=lang)
    infos = list(plugins.infos.values())
    if fmt == "json":
        click.echo(json.dumps([{
            "name": i.name, "version": i.version, "source": i.source, "location": i.location,
            "rules": i.rules, "exporters": i.exporters, "schema": i.schema, "options": i.options,
        } for i in infos], ensure_ascii=False, indent=2))
    else:
        rows = []
        terminal = sys.stdout.isatty()    # the table shortens a long list of rules; piped lines list them all
        for i in infos:
            short = terminal and len(i.rules) > 2
            rules = f"{len(i.rules)} ({i.rules[0]}…{i.rules[-1]})" if short else ", ".join(i.rules)
            rows.append((i.name, i.version, i.source + (f" {i.location}" if i.location else ""), rules,
                         ", ".join(i.exporters), ", ".join(i.schema)))
        headers = {"fr": ("Plugin", "Version", "Source", "Règles", "Exports", "Schéma"),
                   "en": ("Plugin", "Version", "Source", "Rules", "Exporters", "Schema")}
        _print_rows(headers[_default_lang(lang)], rows)
    ctx.exit(2 if plugins.errors else 0)


@main.command("schema")
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None)
@_lang_option
@_plugin_options
def schema_command(output, lang, config_file, disabled):
    """Print the JSON Schema (draft-07) of the spec format, for editors."""
    from .json_schema import json_schema_text

    plugins = _plugins_only(disabled, config=config_file)
    _write(json_schema_text(plugins.schema_extensions or None), _dash_is_stdout(output))


@main.command("lsp")
@click.option("--stdio", is_flag=True, hidden=True, help="Accepted for editors that pass it; stdio is the only transport.")
@_lang_option
@click.pass_context
def lsp_command(ctx, stdio, lang):
    """Run the language server (LSP over stdio) for editors: the findings as you type, ids to follow."""
    from .lsp.server import serve

    serve(lang=lang, debug=ctx.obj.get("debug", False))


@main.command("export")
@click.argument("fmt", metavar="FORMAT")
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--output", "-o", required=True, type=click.Path(path_type=Path),
              help="Output file (or directory; a directory for `pack`).")
@click.option("--allow-errors", is_flag=True, help="Export even when the spec has error-severity findings.")
@click.option("--dialect", type=click.Choice(["excel-fr", "rfc4180"]), default=None,
              help="CSV dialect (default excel-fr for French specs, rfc4180 otherwise).")
@_lang_option
@click.option("--config", "config_file", type=click.Path(dir_okay=False), default=None)
@click.option("--disable-plugin", "disabled", multiple=True)
@click.pass_context
def export_command(ctx, fmt, path, output, allow_errors, dialect, lang, config_file, disabled):
    """Export the spec: docx, xlsx, csv, md, json, a plugin's format, `evaluation` (the buyer's file to
    score the offers with, never overwritten) or `pack` (the vendor pack: docx, xlsx, csv, md, json)."""
    from .export.run import export_spec
    from .lint import Session, reporters

    debug = ctx.obj.get("debug", False)
    session = Session.create([path] if path else [], config=config_file, lang=lang, disable_plugins=disabled,
                             debug=debug)
    _say_plugin_errors(session.plugins.errors, _default_lang(lang))
    result = export_spec(session, fmt, output, allow_errors=allow_errors, dialect=dialect, lang=lang, debug=debug)
    if result.refused is not None:
        reporters.render_text(result.refused, result.language, color=False, quiet=False, sources=result.sources,
                              stream=sys.stderr)
        message = ("export refusé : la spec contient des erreurs (corrigez-les ou utilisez --allow-errors)"
                   if result.language == "fr" else
                   "export refused: the spec has errors (fix them or use --allow-errors)")
        click.echo(f"crmreq: {message}", err=True)
    for written in result.written:
        click.echo(str(written.path) if written.sha256 is None else
                   f"{written.path}  {written.bytes} B  sha256:{written.sha256[:16]}…")
    ctx.exit(result.exit_code)


@main.command("init")
@click.argument("directory", required=False, default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--lang", type=LANG, default=None, help="Language of the scaffold (default: your locale).")
@click.option("--format", "fmt", type=click.Choice(["yaml", "toml"]), default="yaml", help="File format.")
@click.option("--interactive", "-i", is_flag=True, help="Ask the company, project, language and teams.")
def init_command(directory, lang, fmt, interactive):
    """Scaffold a new spec with every section, explained, and a default CRM feature catalogue."""
    from .scaffold import run_init

    run_init(directory, lang=lang, fmt=fmt, interactive=interactive)


SCORE_FORMATS = ("text", "json", "md", "xlsx", "docx", "sarif", "github", "gitlab")


@main.command("score")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path), metavar="[PATH] [RESPONSE]...")
@click.option("--evaluation", "-e", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="The evaluation file (YAML or TOML): prices, manual and demo marks, response files.")
@click.option("--format", "fmt", type=click.Choice(SCORE_FORMATS), default="text",
              help="text (default), json, md, xlsx or docx (these three need -o); sarif, github and gitlab: "
                   "the response findings only, as lint prints them.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the report to this file.")
@_lang_option
@click.option("--config", "config_file", type=click.Path(dir_okay=False), default=None, help="Configuration file (TOML).")
@click.option("--select", multiple=True, help="Only these codes, prefixes or rule names (repeatable, or comma-separated).")
@click.option("--ignore", multiple=True, help="Skip these codes, prefixes or rule names.")
@click.option("--color", "color_choice", type=click.Choice(["auto", "always", "never"]), default="auto",
              help="Colours of the text report on stdout (as for lint).")
@click.option("--quiet", "-q", is_flag=True, help="Only error findings, no source lines.")
@click.pass_context
def score_command(ctx, paths, evaluation, fmt, output, lang, config_file, select, ignore, color_choice, quiet):
    """Score and rank the offers: the spec (PATH, default here), the vendors' filled matrices (XLSX or
    CSV) and the evaluation file. Exit 1 when a response has error findings (R001, R003)."""
    from .lint import Report, reporters
    from .score import score
    from .score.run import spec_and_responses

    spec, responses = spec_and_responses(paths)
    if fmt in ("md", "xlsx", "docx") and (output is None or str(output) == "-"):
        raise click.UsageError(f"--format {fmt} writes a file: give it with -o")
    output = _dash_is_stdout(output)
    result = score(spec, responses, evaluation, config=config_file, lang=lang, select=_split(select),
                   ignore=_split(ignore), debug=ctx.obj.get("debug", False))
    files = len(result.offers) + (1 if evaluation else 0)
    if output:
        from .io import refuse_overwriting
        from .score.model import chart_path

        refuse_overwriting([output, *([chart_path(output)] if fmt == "md" else [])], result.files_read)
    if fmt == "text":
        import io

        from .score.report_text import render_text

        buffer = io.StringIO() if output else sys.stdout
        render_text(result, buffer, color=False if output else _colour(color_choice), quiet=quiet, files=files)
        if output:
            _write(buffer.getvalue(), str(output))
    elif fmt == "json":
        from .score.report_json import render_json

        _write(render_json(result), str(output) if output else None)
    elif fmt in ("md", "xlsx", "docx"):
        _write_score_report(result, fmt, output)
        click.echo(str(output))
        if fmt == "md":
            from .score.model import chart_path

            if chart_path(output).is_file():
                click.echo(str(chart_path(output)))   # the chart the report links to, written beside it
    else:
        report = Report(findings=list(result.findings), files=files)
        if fmt == "sarif":
            text = reporters.render_sarif(report, _plugins_only(config=config_file).rules, result.lang, __version__)
        else:
            text = reporters.RENDERERS[fmt](report)
        _write(text, str(output) if output else None)
    ctx.exit(result.exit_code)


def _write_score_report(result, fmt: str, output: Path) -> None:
    """md, xlsx and docx reports; their libraries come with the export extra."""
    import importlib

    from .export.builtin import EXPORT_EXTRA

    try:   # the libraries load when the report is drawn (the chart), not always when its module is imported
        importlib.import_module(f".score.report_{fmt}", __package__).write(result, output)
    except ModuleNotFoundError as exc:
        if (exc.name or "").split(".")[0] in EXPORT_EXTRA:
            raise SaidError(f'le rapport {fmt} demande python-docx et matplotlib : pip install "crmreq[export]"',
                            f'the {fmt} report needs python-docx and matplotlib: pip install "crmreq[export]"') from None
        raise
