"""`--help` in the chosen language: `--lang fr|en` on the command line, else the locale's.

The English help is written in cli.py, with the commands; its French is in `cli_help.fr.toml`,
by command and option name, so editing an English sentence never breaks the table (a help with
no French yet stays English). Click's own headings ("Usage:", "Options") follow.
"""

from __future__ import annotations

import functools
import os
import re
from contextlib import contextmanager

import click

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

_LANG = "crmreq.lang"   # where the language chosen for this run is kept, in click's ctx.meta
_HEADINGS = {"Usage: ": "Utilisation\u00a0: ", "Options": "Options\u00a0", "Commands": "Commandes\u00a0"}


def chosen_lang(args) -> str:
    """The language a command line asks for: `--lang X` or `--lang=X`, else the locale's."""
    from .config import locale_lang

    args = list(args)
    for index, arg in enumerate(args):
        if arg == "--lang" and index + 1 < len(args) and args[index + 1] in ("fr", "en"):
            return args[index + 1]
        if arg in ("--lang=fr", "--lang=en"):
            return arg.split("=", 1)[1]
    return locale_lang()


def run_lang(ctx: click.Context | None) -> str:
    """The language of this run, as the command line chose it (see `chosen_lang`)."""
    if ctx is not None and _LANG in ctx.meta:
        return ctx.meta[_LANG]
    import sys

    return chosen_lang(sys.argv[1:])


@functools.lru_cache(maxsize=1)
def _french() -> dict:
    with open(os.path.join(os.path.dirname(__file__), "cli_help.fr.toml"), "rb") as file:
        return tomllib.load(file)


class LocalisedHelp:
    """Mixed into click's Group and Command: the help of a run whose language is French is French."""

    def parse_args(self, ctx, args):
        ctx.meta.setdefault(_LANG, chosen_lang(args))   # before --help, which is eager, prints anything
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as exc:
            raise in_run_language(exc, ctx) from None

    def get_help(self, ctx):
        if run_lang(ctx) != "fr":
            return super().get_help(ctx)
        with _in_french(self, ctx):
            return super().get_help(ctx)

    def format_usage(self, ctx, formatter):
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)),
                              prefix=_heading("Usage: ", ctx))

    def format_options(self, ctx, formatter):
        records = [record for param in self.get_params(ctx)
                   if isinstance(param, click.Option) and (record := param.get_help_record(ctx))]
        if run_lang(ctx) == "fr":   # click's own words in an option's help
            records = [(name, help_text.replace("[default: ", "[par défaut\u00a0: ").replace("[required]", "[obligatoire]"))
                       for name, help_text in records]
        if records:
            with formatter.section(_heading("Options", ctx)):
                formatter.write_dl(records)
        if isinstance(self, click.Group):
            commands = [(name, command) for name in self.list_commands(ctx)
                        if (command := self.get_command(ctx, name)) is not None and not command.hidden]
            if commands:
                width = formatter.width - 6 - max(len(name) for name, _ in commands)
                with formatter.section(_heading("Commands", ctx)):
                    formatter.write_dl([(name, command.get_short_help_str(width)) for name, command in commands])


def _heading(english: str, ctx) -> str:
    return _HEADINGS[english] if run_lang(ctx) == "fr" else english


@contextmanager
def _in_french(command, ctx):
    """The French help texts of `command`, its options and (for the group) its commands, while
    the help is written; the English ones are put back after."""
    from .values.text import french_spaces

    table = _french()
    shared = table.get("*", {})
    own = table.get("crmreq" if ctx.parent is None else command.name, {})
    swaps = [(command, own.get("help"))]
    for param in command.get_params(ctx):
        if isinstance(param, click.Option):
            name = max(param.opts, key=len)
            swaps.append((param, own.get(name, shared.get(name))))
    if isinstance(command, click.Group):
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is not None:
                swaps.append((sub, table.get(name, {}).get("help")))
    saved = [(part, part.help) for part, _ in swaps]
    try:
        for part, french in swaps:
            if french:
                part.help = french_spaces(french)
        yield
    finally:
        for part, english in saved:
            part.help = english


# a placeholder of the [usage-errors] table: one name or 'quoted value', or (for these) a list that may hold spaces
_LISTS = {"hint", "choices", "possibilities", "args"}
_LIST, _ONE = r".+?", r"'[^']*'|[^\s']+"
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_QUOTED = re.compile(r"'([^']*)'")


@functools.lru_cache(maxsize=1)
def _usage_templates() -> list[tuple[re.Pattern, str]]:
    """click's English usage-error templates as patterns, with their French."""
    templates = []
    for english, french in _french()["usage-errors"].items():
        pieces = _PLACEHOLDER.split(english)   # text, name, text, name, ..., text
        pattern = "".join(re.escape(piece) if index % 2 == 0
                          else f"(?P<{piece}>{_LIST if piece in _LISTS else _ONE})"
                          for index, piece in enumerate(pieces))
        templates.append((re.compile(pattern), french))
    return templates


def french_usage_message(message: str) -> str:
    """One of click's usage-error messages in French (a sentence no template knows stays as click said it)."""
    from .values.text import french_spaces

    for pattern, french in _usage_templates():
        message = pattern.sub(lambda match, french=french: french.format(
            **{name: _QUOTED.sub("« \\1 »", value) for name, value in match.groupdict().items()}), message)
    return french_spaces(message)


class FrenchUsageError(click.UsageError):
    """A usage error of click's said in French: its message, the usage line and the hint around it."""

    def __init__(self, english: click.UsageError):
        super().__init__(french_usage_message(english.format_message()), english.ctx)

    def show(self, file=None):
        from .values.text import french_spaces

        lines = _french()["usage-lines"]
        if self.ctx is not None:
            hint = ""
            help_names = self.ctx.command.get_help_option_names(self.ctx)
            if help_names and self.ctx.command.get_help_option(self.ctx) is not None:
                hint = french_spaces(lines["Try"].format(command=self.ctx.command_path,
                                                         option=max(help_names, key=len))) + "\n"
            click.echo(f"{self.ctx.get_usage()}\n{hint}", file=file, err=file is None, color=self.ctx.color)
        click.echo(french_spaces(lines["Error"].format(message=self.format_message())), file=file, err=file is None,
                   color=self.ctx.color if self.ctx else None)


def in_run_language(error: click.UsageError, ctx) -> click.UsageError:
    """`error` as the run's language says it: click's English, or its French."""
    if run_lang(ctx) != "fr" or isinstance(error, FrenchUsageError):
        return error
    return FrenchUsageError(error)


class LocalisedCommand(LocalisedHelp, click.Command):
    """A command whose --help follows the language of the run."""
