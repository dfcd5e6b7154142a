"""The lint engine: run every enabled rule in isolation, then filter and suppress.

One `Report` owns the findings of a run and its exit code (0 clean, 1 error-severity
findings, 2 a plugin crashed or could not load), like black's `Report`.

Findings follow from their cause once. A file that could not be read (E001) or an include not
found (E004) leaves the spec incomplete: only the loading problems are reported. A value that
failed the schema (E002) is unknown, not absent: the rules run once more with a valid stand-in
in its place and only what they find both times is reported (so does a reference one typo away
from an id, E006, with that id); a blank value (`TBD`, empty) is missing, and the findings it
causes name the placeholder (causes.py). No rule needs to know.
"""

from __future__ import annotations

import traceback
from dataclasses import replace
from pathlib import Path

from ..config import Settings, file_ignored, matches
from ..findings import Finding, LoadProblem, Rule
from .causes import keep_robust, name_placeholders
from .report import Report
from ..plugins import Plugins
from ..positions import Position


class Emitter:
    """What a rule's check receives to report findings: `emit(at, object=id, **args)`.

    `at` is a Position, or any model part (its `pos` is used). `args` fill the rule's
    message template; a value may be a `{"fr": …, "en": …}` mapping.
    """

    def __init__(self, rule: Rule, lang: str, options: dict):
        self.rule, self.lang, self._options = rule, lang, options
        self.raw: list[tuple[Position, str | None, dict]] = []

    def __call__(self, at, object: str | None = None, **args) -> None:
        pos = at if isinstance(at, Position) else getattr(at, "pos", None)
        if not isinstance(pos, Position):
            raise TypeError(f"rule {self.rule.code} emitted at {at!r}: expected a Position or a model part")
        self.raw.append((pos, object, args))

    def option(self, name: str):
        """The configured value of one of this rule's options (or a plugin option), else its default."""
        if name in self._options:
            return self._options[name]
        for option in self.rule.options:
            if option.name == name:
                return option.default
        return None


class Linter:
    """Lints specs with a fixed set of plugins and settings."""

    def __init__(self, plugins: Plugins, settings: Settings, lang: str | None = None, debug: bool = False):
        self.plugins, self.settings, self.debug = plugins, settings, debug
        self.lang_override = lang
        self.options = self._options()

    def _options(self) -> dict:
        options = {}
        for rule in self.plugins.rules.values():
            for option in rule.options:
                options[option.name] = option.default
        for option in self.plugins.options:
            options[option.name] = option.default
        options.update(self.settings.options)
        return options

    def language(self, result) -> str:
        from ..config import locale_lang

        if self.lang_override:
            return self.lang_override
        if self.settings.lang:
            return self.settings.lang
        spec = result.spec if result else None
        if spec and spec.project and spec.project.lang in ("fr", "en"):
            return spec.project.lang
        return locale_lang()

    def load(self, path):
        from ..loader import load_spec

        return load_spec(
            Path(path),
            max_file_size=self.settings.max_file_size or 5 * 1024 * 1024,
            extensions=self.plugins.schema_extensions,
        )

    def lint(self, result, report: Report | None = None) -> Report:
        report = report or Report()
        lang = self.language(result)
        report.files += len(result.files)
        produced: list[Finding] = []
        for problem in result.problems:
            finding = self._from_problem(problem, lang)
            if finding:
                produced.append(finding)
        dropped: list[Finding] = []
        if result.spec is not None and result.complete:
            # a file that cannot be read would make every "missing section" rule cry wolf:
            # as with a syntax error in ruff, only the reading problems are reported
            rules = [rule for rule in self.plugins.rules.values() if rule.check is not None and self.enabled(rule)]
            found = {rule.code: self._run(rule, result, lang) for rule in rules}
            # the second and third runs only judge findings: the rules that found nothing are not asked again
            if result.unknown:      # values that failed the schema: unknown, not absent
                again = self._run_quietly(self._finders(rules, found), result.spec_with(result.unknown), lang)
                found, dropped = keep_robust(found, again)
            if result.blanks:       # blank values: missing, and the findings they cause name them
                given = self._run_quietly(self._finders(rules, found),
                                          result.spec_with(result.unknown + result.blank_stand_ins), lang)
                found = name_placeholders(found, given, result.blanks, lang)
            for findings in found.values():
                produced.extend(findings)
        report.findings.extend(self._finish(produced, result, lang, dropped))
        report.findings.sort(key=Finding.sort_key)
        return report

    # -- running ---------------------------------------------------------------
    def enabled(self, rule: Rule) -> bool:
        if self._severity_override(rule) == "off":
            return False
        selected = matches(rule.code, rule.name, self.settings.select)
        ignored = matches(rule.code, rule.name, self.settings.ignore)
        return selected > 0 and selected > ignored

    def _severity_override(self, rule: Rule):
        severity = self.settings.severity
        return severity.get(rule.code) or severity.get(rule.name)

    def _run(self, rule: Rule, result, lang: str) -> list[Finding]:
        try:
            return self._findings(rule, result.spec, lang)
        except Exception as exc:
            return [self._crash(rule, exc, result.spec.pos, lang)]

    @staticmethod
    def _finders(rules, found: dict) -> list[Rule]:
        """The rules to ask again: those that found something, except the loading rules (E…),
        whose findings are the causes themselves (E006 names the id a typo stands for), and a
        rule that crashed (X002 stays whatever the values)."""
        return [rule for rule in rules if found.get(rule.code) and rule.family != "loading"
                and not any(finding.code == "X002" for finding in found[rule.code])]

    def _run_quietly(self, rules, spec, lang: str) -> dict:
        """Each rule's findings on `spec` (a spec with stand-ins); None for a rule that crashed there."""
        found = {}
        for rule in rules:
            try:
                found[rule.code] = self._findings(rule, spec, lang) if spec is not None else None
            except Exception:
                found[rule.code] = None
        return found

    def _findings(self, rule: Rule, spec, lang: str) -> list[Finding]:
        emitter = Emitter(rule, lang, self.options)
        rule.check(spec, emitter)
        return [self._make(rule, pos, obj, args, lang) for pos, obj, args in emitter.raw]

    def _crash(self, rule: Rule, exc: Exception, pos: Position, lang: str) -> Finding:
        meta = self.plugins.rules.get("X002")
        detail = f"{type(exc).__name__}: {exc}"
        if self.debug:
            traceback.print_exception(type(exc), exc, exc.__traceback__)
        args = {"plugin": rule.plugin, "rule": f"{rule.code} {rule.name}", "detail": detail}
        if meta is None:
            message = f"plugin {rule.plugin}: rule {rule.code} crashed: {detail}"
            return Finding("X002", "plugin-rule-crashed", "error", message, pos.file, pos.line, pos.column,
                           None, rule.plugin)
        return self._make(meta, pos, None, args, lang, plugin=rule.plugin)

    def _make(self, rule: Rule, pos: Position, obj, args, lang, plugin: str | None = None) -> Finding:
        severity = self._severity_override(rule) or rule.severity
        return Finding(
            code=rule.code, name=rule.name, severity=severity, message=rule.text(lang, args),
            file=pos.file, line=pos.line, column=pos.column, object=obj, plugin=plugin or rule.plugin,
            fix=rule.fix_text(lang, args) or None,
        )

    def _from_problem(self, problem: LoadProblem, lang: str) -> Finding | None:
        rule = self.plugins.rules.get(problem.code)
        if rule is None:
            return Finding(problem.code, problem.code.lower(), "error", str(problem.args), problem.pos.file,
                           problem.pos.line, problem.pos.column, problem.object, "crmreq")
        if not self.enabled(rule):
            return None
        finding = self._make(rule, problem.pos, problem.object, problem.args, lang)
        raw = problem.args.get("raw")   # the parser's own words: only for --debug
        return replace(finding, message=f"{finding.message} [{raw}]") if raw and self.debug else finding

    # -- filtering and suppression ------------------------------------------------
    def _finish(self, findings: list[Finding], result, lang: str, dropped=()) -> list[Finding]:
        """Per-file ignores and suppressions; X001 for a suppression nothing used. A suppression
        of a finding left out because its value failed the schema is not unused: it is kept."""
        kept = []
        suppressions = result.suppressions
        used = {hit for hit in map(lambda f: self._suppression_of(f, suppressions), dropped) if hit}
        for finding in findings:
            if file_ignored(finding.code, finding.name, finding.file, self.settings.per_file_ignores):
                continue
            hit = self._suppression_of(finding, suppressions)
            if hit:
                used.add(hit)
                continue
            kept.append(finding)
        x001 = self.plugins.rules.get("X001")
        rules_ran = result.spec is not None and result.complete   # else every suppression looks unused
        if x001 is not None and self.enabled(x001) and rules_ran:
            for index, sup in enumerate(suppressions):
                for code in sup.codes:
                    if (index, code) in used:
                        continue
                    rule = self.plugins.rule(code)
                    if rule is not None and not self.enabled(rule):
                        continue  # the rule is off anyway: nothing to say
                    reason = ({"fr": "aucune alerte de ce code à cet endroit", "en": "no finding with this code here"}
                              if rule else {"fr": "code de règle inconnu", "en": "unknown rule code"})
                    finding = self._make(x001, Position(sup.file, sup.line, sup.column), None,
                                         {"code": code, "reason": reason}, lang)
                    if not file_ignored(x001.code, x001.name, finding.file, self.settings.per_file_ignores):
                        kept.append(finding)
        return kept

    @staticmethod
    def _suppression_of(finding: Finding, suppressions) -> tuple[int, str] | None:
        """(index, code) of the suppression comment that covers `finding`, if any (never an X002)."""
        if finding.code == "X002":
            return None
        for index, sup in enumerate(suppressions):
            if sup.file == finding.file and sup.first <= finding.line <= sup.last:
                for code in sup.codes:
                    if code.upper() == finding.code or code.lower() == finding.name:
                        return index, code
        return None
