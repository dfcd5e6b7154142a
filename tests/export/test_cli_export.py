"""`crmreq export` end to end: every format, the pack and its manifest, refusal, atomicity."""

from __future__ import annotations

import csv
import hashlib
import importlib.util
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from crmreq.cli import main

from fixtures_matrix import FEATURE_IDS, write_en_spec, write_fr_spec, write_spec_text

ERRONEOUS = """
    crmreq: 1
    project: {name: Broken, lang: en, date: 2026-01-01}
    features:
      - {id: F-1, title: A feature nobody prioritised}
"""

HAVE = {name: importlib.util.find_spec(f"crmreq.export.{module}") is not None
        for name, module in (("docx", "word"), ("md", "markdown"))}
needs_all = pytest.mark.skipif(not all(HAVE.values()), reason="the docx/md exporters are not there yet")


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def listing(directory: Path) -> list[str]:
    return sorted(str(p.relative_to(directory)) for p in directory.rglob("*"))


@pytest.fixture
def fr_dir(tmp_path):
    return write_fr_spec(tmp_path / "spec")


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json", "docx", "md"])
def test_each_format(fmt, fr_dir, tmp_path):
    if fmt in HAVE and not HAVE[fmt]:
        pytest.skip(f"the {fmt} exporter is not there yet")
    before = listing(fr_dir)
    out = tmp_path / "out" / f"cdc.{fmt}"
    out.parent.mkdir()
    result = run("export", fmt, fr_dir, "-o", out)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(out)
    assert out.stat().st_size > 0
    assert listing(out.parent) == [out.name], "no temporary file left"
    assert listing(fr_dir) == before, "nothing written inside the spec"
    data = out.read_bytes()
    if fmt == "csv":
        text = data.decode("utf-8-sig")
        ids = [row[0] for row in csv.reader(text.splitlines(), delimiter=";")]
        assert all(fid in ids for fid in FEATURE_IDS)
    elif fmt == "json":
        assert [f["id"] for f in json.loads(data)["features"]] == list(FEATURE_IDS)
    elif fmt == "md":
        assert all(fid in data.decode("utf-8") for fid in FEATURE_IDS)
    else:
        assert data.startswith(b"PK")
    again = tmp_path / f"again.{fmt}"
    assert run("export", fmt, fr_dir, "-o", again).exit_code == 0
    assert again.read_bytes() == data, "same spec, same bytes"


def test_output_directory_gets_a_file_named_after_the_project(fr_dir, tmp_path):
    result = run("export", "json", fr_dir, "-o", tmp_path)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "crm-negoce-2027.json").is_file()


def test_dialect_option(tmp_path):
    en = write_en_spec(tmp_path / "en")
    # the small English spec is incomplete (no objectives…): exported anyway
    assert run("export", "csv", en, "-o", tmp_path / "default.csv", "--allow-errors").exit_code == 0
    assert (tmp_path / "default.csv").read_bytes().startswith(b'"Id","Section"')
    assert run("export", "csv", en, "-o", tmp_path / "fr.csv", "--dialect", "excel-fr",
               "--allow-errors").exit_code == 0
    assert (tmp_path / "fr.csv").read_bytes().startswith(b'\xef\xbb\xbf"Id";"Section"')


@needs_all
def test_pack_with_manifest(fr_dir, tmp_path):
    out = tmp_path / "pack"
    result = run("export", "pack", fr_dir, "-o", out)
    assert result.exit_code == 0, result.output
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["version"] == 1
    assert manifest["project"] == "CRM Négoce 2027"
    assert manifest["date"] == "2026-11-15"
    formats = {entry["format"] for entry in manifest["files"]}
    assert {"docx", "xlsx", "csv", "md", "json"} <= formats
    for entry in manifest["files"]:
        data = (out / entry["file"]).read_bytes()
        assert entry["bytes"] == len(data)
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
    assert listing(out) == sorted([e["file"] for e in manifest["files"]] + ["manifest.json"])
    assert listing(tmp_path) == sorted(["pack", "spec"] + [f"pack/{n}" for n in listing(out)]
                                       + [f"spec/{n}" for n in listing(fr_dir)])
    # deterministic pack: a second run gives the very same manifest
    run("export", "pack", fr_dir, "-o", tmp_path / "pack2")
    assert (tmp_path / "pack2" / "manifest.json").read_bytes() == (out / "manifest.json").read_bytes()


def test_refused_while_the_spec_has_errors(tmp_path):
    spec = write_spec_text(tmp_path / "broken", ERRONEOUS)
    out = tmp_path / "out.csv"
    result = run("export", "csv", spec, "-o", out)
    assert result.exit_code == 1
    assert "P001" in result.stderr                        # the findings are printed
    assert "--allow-errors" in result.stderr
    assert not out.exists()
    pack = tmp_path / "pack"
    assert run("export", "pack", spec, "-o", pack).exit_code == 1
    assert not pack.exists()
    assert listing(tmp_path) == ["broken", "broken/crmreq.yaml"]


def test_allow_errors(tmp_path):
    spec = write_spec_text(tmp_path / "broken", ERRONEOUS)
    out = tmp_path / "out.csv"
    result = run("export", "csv", spec, "-o", out, "--allow-errors")
    assert result.exit_code == 0, result.output
    assert "F-1" in out.read_text(encoding="utf-8")


def test_unknown_format(fr_dir, tmp_path):
    result = run("export", "pdf", fr_dir, "-o", tmp_path / "x.pdf")
    assert result.exit_code == 2
    assert "unknown export format 'pdf'" in result.stderr
    assert "csv" in result.stderr and "pack" in result.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_missing_output_directory(fr_dir, tmp_path):
    out = tmp_path / "nowhere" / "deeper" / "m.csv"
    result = run("export", "csv", fr_dir, "-o", out)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "does not exist" in lines[0]
    assert "Traceback" not in result.output
    assert not (tmp_path / "nowhere").exists()


def test_failed_export_leaves_the_existing_file_untouched(fr_dir, tmp_path, monkeypatch):
    import crmreq.export.csv_matrix as csv_matrix

    out = tmp_path / "out" / "m.csv"
    out.parent.mkdir()
    out.write_bytes(b"previous export\n")

    def crash(spec, path, options=None):
        Path(path).write_text("half a fi", encoding="utf-8")
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(csv_matrix, "write_csv", crash)
    result = run("export", "csv", fr_dir, "-o", out)
    assert result.exit_code == 2
    assert "disk on fire" in result.stderr and "Traceback" not in result.output
    assert out.read_bytes() == b"previous export\n"
    assert listing(out.parent) == ["m.csv"], "no stray temporary file"


def test_failed_pack_writes_nothing(fr_dir, tmp_path, monkeypatch):
    import crmreq.export.json_model as json_model

    out = tmp_path / "pack"
    out.mkdir()
    (out / "keep.txt").write_text("mine", encoding="utf-8")
    monkeypatch.setattr(json_model, "write_json", lambda *a, **k: 1 / 0)
    result = run("export", "pack", fr_dir, "-o", out)
    assert result.exit_code == 2
    assert listing(out) == ["keep.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pack", "spec"], "no staging directory left"


def test_exporters_use_the_public_hook(fr_dir, tmp_path):
    from crmreq.export import builtin
    from crmreq.plugins import load_plugins

    plugins = load_plugins()
    assert {"docx", "xlsx", "csv", "md", "json"} <= set(plugins.exporters)
    assert all(plugins.exporters[name].plugin == "crmreq" for name in ("docx", "xlsx", "csv", "md", "json"))
    assert hasattr(builtin.crmreq_register_exporters, "crmreq_impl")
    # a third-party exporter, registered the same way, from a plugins/ directory next to the spec
    (fr_dir / ".crmreq.toml").write_text("local-plugins = true\n", encoding="utf-8")
    (fr_dir / "plugins").mkdir()
    (fr_dir / "plugins" / "ids.py").write_text(textwrap.dedent("""
        from pathlib import Path
        from crmreq import hookimpl
        from crmreq.findings import Exporter

        def write(spec, path, options):
            Path(path).write_text("\\n".join(f.id for f in spec.features) + "\\n", encoding="utf-8")

        @hookimpl
        def crmreq_register_exporters():
            return [Exporter("ids", "txt", write, {"en": "feature ids"}, in_pack=False)]
    """), encoding="utf-8")
    out = tmp_path / "ids.txt"
    result = run("export", "ids", fr_dir, "-o", out)
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").split() == list(FEATURE_IDS)


def test_lint_does_not_import_heavy_libraries(fr_dir):
    code = textwrap.dedent(f"""
        import sys
        from crmreq.cli import main
        try:
            main(["lint", {str(fr_dir)!r}, "--quiet"], standalone_mode=False)
        except SystemExit:
            pass
        print(sorted(m for m in ("openpyxl", "docx", "matplotlib", "numpy") if m in sys.modules))
    """)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stdout + done.stderr


def test_export_is_a_library_call_the_cli_only_shows(fr_dir, tmp_path):
    """crmreq.export.run.export_spec does the work and prints nothing; the result says what to show."""
    from crmreq.export.run import WrittenFile, export_spec
    from crmreq.lint import Session

    out = tmp_path / "m.csv"
    result = export_spec(Session.create([fr_dir]), "csv", out)
    assert (result.exit_code, result.language, result.refused) == (0, "fr", None)
    assert result.written == (WrittenFile(out),)
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")            # French spec: the excel-fr dialect
    pack = tmp_path / "pack"
    result = export_spec(Session.create([fr_dir]), "pack", pack, lang="en")
    assert result.language == "en" and result.written[-1] == WrittenFile(pack / "manifest.json")
    assert sorted(f.path.name for f in result.written) == listing(pack)
    assert all(len(f.sha256) == 64 and f.bytes == f.path.stat().st_size for f in result.written[:-1])
    broken = write_spec_text(tmp_path / "broken", ERRONEOUS)
    refused = export_spec(Session.create([broken]), "csv", tmp_path / "no.csv")
    assert refused.exit_code == 1 and refused.written == () and not (tmp_path / "no.csv").exists()
    assert {f.code for f in refused.refused.findings} >= {"P001"}
    assert {f.severity for f in refused.refused.findings} == {"error"}
    assert {f.file for f in refused.refused.findings} <= set(refused.sources)
    allowed = export_spec(Session.create([broken]), "csv", tmp_path / "yes.csv", allow_errors=True)
    assert allowed.exit_code == 0 and (tmp_path / "yes.csv").is_file()
