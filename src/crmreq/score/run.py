"""`crmreq score` as a library call: spec + response files + evaluation file → ScoreResult.

Loads the spec with the lint session's settings and plugins, reads the evaluation file and each
vendor's matrix, scores (`scoring`), measures the ranking's robustness (`robustness`), and turns
what the readers found into findings through the lint engine, so select/ignore, severity
overrides and per-file-ignores apply to R findings as to any other. Nothing here prints.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import SaidError
from ..export.matrix import matrix_rows
from ..lint import Linter, Session
from ..loader import LoadResult
from ..loader.files import display_path
from .evaluation import Evaluation, VendorEntry, read_evaluation
from .model import Criterion, Requirement, ScoreResult
from .responses import Expected, read_response
from .robustness import robustness
from .scoring import Candidate, score_offers
from .settings import ScoreSettings, score_settings

MEASURES = ("matrix", "price", "demos", "manual")


def run_score(spec_path=None, responses=(), evaluation=None, *, config: str | None = None, lang: str | None = None,
              select=(), ignore=(), debug: bool = False) -> ScoreResult:
    session = Session.create([spec_path] if spec_path else [], config=config, lang=lang, select=select,
                             ignore=ignore, debug=debug)
    if session.plugins.errors:
        failures = {lang: "; ".join(error.texts[lang] for error in session.plugins.errors) for lang in ("fr", "en")}
        raise SaidError(f"un plugin n'a pas pu être chargé : {failures['fr']}",
                        f"a plugin failed to load: {failures['en']}")
    settings = score_settings(session.settings.score, session.settings.source)
    loaded = session.linter.load(session.entries[0])
    spec = loaded.spec
    if spec is None:
        shown = display_path(session.entries[0])
        raise SaidError(f"{shown} : la spec est illisible (crmreq lint dit pourquoi)",
                        f"{shown}: the spec cannot be read (crmreq lint says why)")
    out_lang = lang or session.settings.lang or spec.lang
    out_lang = out_lang if out_lang in ("fr", "en") else "en"

    expected = Expected.of(spec)
    requirements = requirements_of(spec, expected, settings, out_lang)
    criteria = criteria_of(spec)
    demos = [d.id for d in spec.consultation.demos] if spec.consultation else []
    sheet = read_evaluation(Path(evaluation), {c.id: c.measure for c in criteria}, set(demos)) if evaluation else None

    candidates = []
    read = [f.absolute for f in loaded.files] + ([str(evaluation)] if evaluation else [])
    for vendor, path, entry in pair_vendors([Path(p) for p in responses], sheet):
        candidates.append(Candidate(vendor, read_response(path, expected, settings.unanswered, spec.lang), entry))
        read.append(str(path))
    go_live = spec.timeline.go_live if spec.timeline else None
    offers = score_offers(requirements, criteria, demos, candidates, settings, go_live, out_lang)

    problems = list(sheet.problems) if sheet else []
    for candidate in candidates:
        problems.extend(candidate.response.problems)
    linter = Linter(session.plugins, session.settings, lang=out_lang, debug=debug)
    findings = linter.lint(LoadResult(spec=None, problems=problems)).findings
    project = spec.project
    return ScoreResult(
        lang=out_lang, spec_name=(project.name if project and project.name else spec.root),
        requirements=requirements, criteria=criteria, offers=offers,
        robustness=robustness(offers, criteria, out_lang), findings=findings, settings=settings.as_dict(),
        sources={sheet.display: list(sheet.lines)} if sheet and sheet.lines else {},
        date=project.date if project else None, files_read=tuple(read),
    )


def requirements_of(spec, expected: Expected, settings: ScoreSettings, lang: str) -> list[Requirement]:
    """The matrix rows as scored: canonical ids (the spec's language), titles in the report's language."""
    rows = matrix_rows(spec, spec.lang if spec.lang in ("fr", "en") else "fr")
    return [Requirement(row.id, row.section, "" if row.section == "rgpd" else row.module,
                        expected.titles[row.id].get(lang, row.title), row.priority, settings.weight(row.priority))
            for row in rows]


def criteria_of(spec) -> list[Criterion]:
    """The consultation's criteria; `measure` is manual when absent or not understood (the schema
    reports a wrong value)."""
    if not spec.consultation:
        return []
    criteria = []
    for criterion in spec.consultation.criteria:
        measure = criterion.measure
        weight = criterion.weight if isinstance(criterion.weight, (int, float)) and criterion.weight >= 0 else 0
        criteria.append(Criterion(criterion.id, criterion.name or criterion.id, float(weight),
                                  bool(criterion.eliminatory), measure if measure in MEASURES else "manual"))
    return criteria


def pair_vendors(paths: list[Path], evaluation: Evaluation | None) -> list[tuple[str, Path, VendorEntry | None]]:
    """(vendor id, response file, evaluation entry) for every vendor; a mismatch is a CrmreqError (exit 2)."""
    if evaluation is None or not evaluation.usable:
        by_vendor: dict[str, Path] = {}
        for path in paths:
            if path.stem in by_vendor:
                raise SaidError(f"deux fichiers de réponse pour l'éditeur « {path.stem} » : {by_vendor[path.stem]} et "
                                f"{path} (un éditeur prend le nom de son fichier ; nommez-les dans un fichier d'évaluation)",
                                f"two response files for vendor `{path.stem}`: {by_vendor[path.stem]} and {path} "
                                "(a vendor is named after its file; name them in an evaluation file)")
            by_vendor[path.stem] = path
        if not by_vendor and evaluation is not None:
            detail = evaluation.problems[0].args["detail"] if evaluation.problems else {"fr": "", "en": ""}
            raise SaidError(f"{evaluation.display} : fichier d'évaluation illisible ({detail['fr']}) : aucun "
                            "fichier de réponse à noter",
                            f"{evaluation.display}: the evaluation file cannot be read ({detail['en']}): no "
                            "response file to score")
        if not by_vendor:
            raise SaidError("aucun fichier de réponse : donnez les matrices remplies par les éditeurs après la spec, "
                            "ou nommez-les dans un fichier d'évaluation (--evaluation)",
                            "no response file: give the vendors' filled matrices after the spec, or name them "
                            "in an evaluation file (--evaluation)")
        return [(vendor, path, None) for vendor, path in by_vendor.items()]
    by_stem: dict[str, list[Path]] = {}
    for path in paths:
        by_stem.setdefault(path.stem, []).append(path)
    paired, owner = [], {}
    for vendor in evaluation.vendors:
        where = f"{evaluation.display}:{vendor.pos.line}"
        if vendor.response is not None:
            path = vendor.response
            if not path.is_file():
                raise SaidError(f"{where} : éditeur « {vendor.id} » : fichier de réponse {display_path(path)} introuvable",
                                f"{where}: vendor `{vendor.id}`: response file {display_path(path)} not found")
        else:
            found = by_stem.get(vendor.id, [])
            if not found:
                raise SaidError(f"{where} : l'éditeur « {vendor.id} » n'a pas de fichier de réponse (donnez un fichier "
                                f"nommé {vendor.id}.xlsx ou {vendor.id}.csv, ou désignez-le avec « response: »)",
                                f"{where}: vendor `{vendor.id}` has no response file (give a file named "
                                f"{vendor.id}.xlsx or {vendor.id}.csv, or name it with `response:`)")
            if len(found) > 1:
                raise SaidError(f"{where} : l'éditeur « {vendor.id} » a deux fichiers de réponse : {found[0]} et {found[1]}",
                                f"{where}: vendor `{vendor.id}` has two response files: {found[0]} and {found[1]}")
            path = found[0]
        key = path.resolve()
        if key in owner:
            raise SaidError(f"{where} : les éditeurs « {owner[key]} » et « {vendor.id} » ont le même fichier de réponse "
                            f"{display_path(path)}",
                            f"{where}: vendors `{owner[key]}` and `{vendor.id}` have the same response file "
                            f"{display_path(path)}")
        owner[key] = vendor.id
        paired.append((vendor.id, path, vendor))
    for path in paths:
        if path.resolve() not in owner:
            raise SaidError(f"{path} : aucun éditeur de {evaluation.display} n'a cette réponse (ajoutez "
                            f"« - id: {path.stem} », ou désignez le fichier avec « response: »)",
                            f"{path}: no vendor of {evaluation.display} has this response (add `- id: {path.stem}`, "
                            "or name the file with `response:`)")
    if not paired and evaluation.problems:   # vendors written wrong: say the first one where it is
        problem = evaluation.problems[0]
        detail = problem.args["detail"]
        where = f"{problem.pos.file}:{problem.pos.line}:{problem.pos.column}"
        raise SaidError(f"{where} : {detail['fr']} ; aucun éditeur à noter",
                        f"{where}: {detail['en']}; no vendor to score")
    if not paired:
        raise SaidError(f"{evaluation.display} : aucun éditeur à noter (le fichier n'en liste aucun sous « vendors: »)",
                        f"{evaluation.display}: no vendor to score (the file lists none under `vendors:`)")
    return paired


SPEC_SUFFIXES = (".yaml", ".yml", ".toml")


def spec_and_responses(arguments) -> tuple[Path | None, list[Path]]:
    """`crmreq score [PATH] [RESPONSE…]`: the first argument is the spec when it is a folder or a
    YAML/TOML file; every other argument is a response file."""
    paths = [Path(a) for a in arguments]
    if paths and (paths[0].is_dir() or paths[0].suffix.lower() in SPEC_SUFFIXES):
        return paths[0], paths[1:]
    return None, paths
