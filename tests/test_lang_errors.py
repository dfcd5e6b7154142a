"""Errors that end a run (exit 2), and click's own usage errors, are said in the run's language (issue 15)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from crmreq.cli import main
from crmreq.errors import SaidError

SPEC = str(Path(__file__).parent.parent / "examples" / "en-services")
NBSP = "\u00a0"


@pytest.fixture(autouse=True)
def english_locale(monkeypatch):
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")


def said(lang, *args):
    """The error output of `crmreq <args> --lang <lang>`, which must end the run with exit 2."""
    command, *rest = args
    result = CliRunner().invoke(main, [command, "--lang", lang, *rest], prog_name="crmreq")
    assert result.exit_code == 2, result.output
    return result.output


def both(*args):
    return said("fr", *args), said("en", *args)


def test_export_to_a_missing_directory(tmp_path):
    french, english = both("export", "md", "-o", str(tmp_path / "none" / "spec.md"), SPEC)
    assert f"{NBSP}: le dossier de sortie n'existe pas" in french and "does not exist" not in french
    assert ": output directory does not exist" in english


def test_pack_into_a_missing_directory(tmp_path):
    french, english = both("export", "pack", "-o", str(tmp_path / "none" / "pack"), SPEC)
    assert "le dossier de sortie n'existe pas" in french and "output directory does not exist" in english


def test_unknown_export_format():
    french, english = both("export", "nope", "-o", "unused.out", SPEC)
    assert f"format d'export «{NBSP}nope{NBSP}» inconnu" in french and "known:" not in french
    assert "unknown export format 'nope' (known:" in english


def test_bad_baseline_file(tmp_path):
    baseline = tmp_path / "baseline.json"
    baseline.write_text("[]", encoding="utf-8")
    french, english = both("lint", "--baseline", str(baseline), SPEC)
    assert "pas un fichier de référence crmreq (version 1 attendue)" in french
    assert "not a crmreq baseline (version 1 expected)" in english
    french, english = both("lint", "--baseline", str(tmp_path / "missing.json"), SPEC)
    assert "fichier de référence introuvable (créez-le avec --write-baseline)" in french
    assert "baseline file not found" in english


def test_unknown_csv_dialect(tmp_path):
    """The CLI offers only the known dialects; a plugin or a library caller can still ask for another."""
    from crmreq.export.csv_matrix import write_csv

    with pytest.raises(SaidError) as caught:
        write_csv(None, tmp_path / "m.csv", {"dialect": "zz", "lang": "fr"})
    assert caught.value.texts["fr"].startswith(f"dialecte CSV «{NBSP}zz{NBSP}» inconnu (connus{NBSP}: ")
    assert caught.value.texts["en"].startswith("unknown CSV dialect 'zz' (known: ")


def test_wrong_score_option(tmp_path):
    config = tmp_path / "crmreq.toml"
    config.write_text("[score]\nbogus = 1\n", encoding="utf-8")
    french, english = both("score", "--config", str(config), SPEC)
    assert f"[score]{NBSP}: clé «{NBSP}bogus{NBSP}» inconnue (connues{NBSP}: answers" in french
    assert "[score]: unknown key 'bogus' (known: answers" in english
    config.write_text("[score.weights]\nmust = -1\n", encoding="utf-8")
    french, english = both("score", "--config", str(config), SPEC)
    assert "must doit être un nombre ≥ 0, pas -1" in french and "must be a number ≥ 0, not -1" in english


def test_bad_configuration_key(tmp_path):
    config = tmp_path / "crmreq.toml"
    config.write_text("bogus = 1\n", encoding="utf-8")
    french, english = both("lint", "--config", str(config), SPEC)
    assert f"{NBSP}: clé de configuration «{NBSP}bogus{NBSP}» inconnue" in french and "unknown" not in french
    assert ": unknown configuration key 'bogus'" in english
    french, english = both("lint", "--config", str(tmp_path / "missing.toml"), SPEC)
    assert "fichier de configuration introuvable" in french and "configuration file not found" in english


def test_unknown_rule_in_select():
    french, english = both("lint", "--select", "ZZ999", SPEC)
    assert f"code ou nom de règle inconnu{NBSP}: «{NBSP}ZZ999{NBSP}»" in french
    assert "unknown rule code or name: 'ZZ999'" in english


@pytest.mark.parametrize("args, in_french, in_english", [
    (("lint", "--fromat", "x"), f"Option «{NBSP}--fromat{NBSP}» inconnue. Vouliez-vous dire «{NBSP}--format{NBSP}»{NBSP}?",
     "--fromat"),
    (("rule",), f"Argument «{NBSP}CODE{NBSP}» manquant.", "Missing argument 'CODE'."),
    (("export", "md", SPEC), f"Option «{NBSP}--output{NBSP}» / «{NBSP}-o{NBSP}» manquante.", "Missing option"),
    (("lint", "--format", "x"),
     f"Valeur invalide pour «{NBSP}--format{NBSP}»{NBSP}: «{NBSP}x{NBSP}» ne fait pas partie des choix «{NBSP}text{NBSP}», ",
     "Invalid value for '--format': 'x' is not one of 'text', "),
    (("rule", "A", "B", "C"), "Arguments en trop (B C)", "Got unexpected extra arguments (B C)"),
    (("lint", "--format"), f"L'option «{NBSP}--format{NBSP}» demande une valeur.", "requires an argument"),
])
def test_click_usage_errors(args, in_french, in_english):
    french, english = both(*args)
    assert in_french in french and in_english in english
    assert "Error:" not in french and "Usage:" not in french and "Try '" not in french
    assert "Erreur" not in english and "Utilisation" not in english


def test_usage_lines_in_french():
    french = said("fr", "lint", "--fromat")
    assert french.startswith(f"Utilisation{NBSP}: crmreq lint [OPTIONS]")
    assert f"Essayez «{NBSP}crmreq lint --help{NBSP}» pour l'aide." in french
    assert f"Erreur{NBSP}: Option" in french


def test_unknown_command_in_french():
    result = CliRunner().invoke(main, ["--lang", "fr", "lnt"], prog_name="crmreq")
    assert result.exit_code == 2
    assert f"Commande «{NBSP}lnt{NBSP}» inconnue." in result.output and "No such command" not in result.output
