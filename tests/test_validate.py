"""`inovasi validate` through the CLI: the valid examples, every invalid example, formats."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import EXAMPLES, REPO

INVALID = sorted((EXAMPLES / "invalid").glob("*.yaml"))
HEADER = re.compile(
    r"# target: (?P<target>\S+)\n# expect: (?P<line>\d+):(?P<col>\d+) "
    r"(?P<severity>\w+) (?P<code>[\w-]+)(?: (?P<field>\S+))?\n"
)


def test_valid_examples_are_clean(run, collection: Path) -> None:
    result = run("--root", str(collection), "validate")
    assert result.stdout == ""
    assert "7 file(s) checked: no problems found" in result.stderr


def test_shipped_collection_is_clean(run) -> None:
    result = run("--root", str(REPO), "validate", "--strict")
    assert result.stdout == ""


@pytest.mark.parametrize("example", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_example(run, collection: Path, example: Path) -> None:
    text = example.read_text(encoding="utf-8")
    header = HEADER.match(text)
    assert header, f"{example.name}: needs '# target:' and '# expect:' header lines"
    target = collection / header["target"]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    expected_code = 1 if header["severity"] == "error" else 0
    result = run("--root", str(collection), "validate", "--format", "json", code=expected_code)
    findings = json.loads(result.stdout)["findings"]
    wanted = {
        "path": header["target"],
        "line": int(header["line"]),
        "column": int(header["col"]),
        "severity": header["severity"],
        "code": header["code"],
        "field": header["field"] or "",
    }
    got = [{k: f[k] for k in wanted} for f in findings]
    assert wanted in got, json.dumps(findings, indent=1, ensure_ascii=False)
    assert "Traceback" not in result.stdout + result.stderr


def test_text_format_is_one_line_per_finding_with_hint(run, collection: Path) -> None:
    bad = collection / "data/innovations/banggai/bad.yaml"
    bad.write_text("name: Satu\nsector: keshatan\nsummary: x\nsources:\n  - source: fixture\n")
    result = run("--root", str(collection), "validate", code=1)
    assert result.stdout == (
        "data/innovations/banggai/bad.yaml:2:9: error unknown-value sector: 'keshatan' is not "
        "a known value; did you mean 'kesehatan'?\n"
    )
    assert "1 error(s), 0 warning(s) in 1 of 8 file(s)" in result.stderr


def test_github_format_annotations(run, collection: Path) -> None:
    bad = collection / "data/regions/bad.yaml"
    bad.write_text(
        "name: Kabupaten Sigi\ntype: kabupaten\nprovince: Sulawesi Tengah\ncode: 72.10\n"
        "sources:\n  - source: fixture\n"
    )
    result = run("--root", str(collection), "validate", "--format", "github", code=1)
    assert result.stdout == (
        "::error file=data/regions/bad.yaml,line=4,col=7,title=wrong-type code::"
        "expected text, found 72.1 (quote it: '72.10')\n"
    )


def test_misspelling_gets_a_did_you_mean(run, collection: Path) -> None:
    bad = collection / "data/innovations/banggai/bad.yaml"
    bad.write_text(
        "name: Satu\nsector: pemberdayaan-perempuan-dan-perlindungan-anak\n"
        "summary: x\nsources:\n  - source: fixture\n"
    )
    result = run("--root", str(collection), "validate", code=1)
    assert "did you mean 'pemberdayaan-perempuan-dan-pelindungan-anak'?" in result.stdout


def test_paths_limit_the_report_but_not_the_checks(run, collection: Path) -> None:
    (collection / "data/regions/parigi-moutong.yaml").unlink()
    result = run(
        "--root",
        str(collection),
        "validate",
        str(collection / "data/visits"),
        "--format",
        "json",
        code=1,
    )
    findings = json.loads(result.stdout)["findings"]
    assert {f["path"] for f in findings} == {"data/visits/2019-07-parigi-moutong-ke-banggai.yaml"}
    assert {f["code"] for f in findings} == {"unknown-reference"}


def test_stray_files_are_reported(run, collection: Path) -> None:
    (collection / "data/innovations/banggai/notes.txt").write_text("hello")
    (collection / "data/regions/x.yml").write_text("name: x\n")
    (collection / "data/innovations/loose.yaml").write_text("name: x\n")
    result = run("--root", str(collection), "validate", "--format", "json", code=1)
    strays = {
        f["path"]: f["hint"]
        for f in json.loads(result.stdout)["findings"]
        if f["code"] == "stray-file"
    }
    assert set(strays) == {
        "data/innovations/banggai/notes.txt",
        "data/regions/x.yml",
        "data/innovations/loose.yaml",
    }
    assert strays["data/regions/x.yml"] == "rename it to x.yaml"


def test_symlink_is_not_followed(run, collection: Path, tmp_path: Path) -> None:
    outside = tmp_path / "secret.yaml"
    outside.write_text("name: secret\n")
    (collection / "data/regions/leak.yaml").symlink_to(outside)
    result = run("--root", str(collection), "validate", code=1)
    assert "data/regions/leak.yaml: error stray-file: symbolic links are not followed" in (
        result.stdout
    )
    assert "secret" not in result.stdout


def test_identical_records_under_two_names(run, collection: Path) -> None:
    source = collection / "data/regions/parigi-moutong.yaml"
    (collection / "data/regions/parigi-moutong-2.yaml").write_bytes(source.read_bytes())
    result = run("--root", str(collection), "validate", "--format", "json", code=1)
    codes = {(f["path"], f["code"]) for f in json.loads(result.stdout)["findings"]}
    assert ("data/regions/parigi-moutong.yaml", "duplicate-record") in codes or (
        "data/regions/parigi-moutong-2.yaml",
        "duplicate-record",
    ) in codes


# --- named paths (what the pre-commit hook runs): every finding about them ----------------------


def _findings(run, collection: Path, *paths: str, code: int = 1) -> list[dict[str, object]]:
    result = run("--root", str(collection), "validate", "-f", "json", *paths, code=code)
    return json.loads(result.stdout)["findings"]


def _strays(collection: Path, tmp_path: Path) -> None:
    """A link in a record's place, one outside, a dangling one, an unexpected folder, a
    .yml file and a hidden file (the special files, which could hang an in-process run
    that regressed, are tested in processes with a timeout: tests/test_special_files.py)."""
    regions = collection / "data/regions"
    (regions / "alias.yaml").symlink_to("banggai.yaml")
    (tmp_path / "outside.yaml").write_text("name: x\n", encoding="utf-8")
    (regions / "luar.yaml").symlink_to(tmp_path / "outside.yaml")
    (collection / "data/visits/hilang.yaml").symlink_to(tmp_path / "missing.yaml")
    (collection / "data/innovations/banggai/lama").mkdir()
    (collection / "data/innovations/banggai/x.yml").write_text("name: x\n", encoding="utf-8")
    (collection / "data/innovations/banggai/.notes").write_text("x", encoding="utf-8")
    (collection / "data/innovations/parigi-moutong/kukusa.yaml.bak").write_text("x")


@pytest.mark.parametrize(
    "link", ["data/regions/alias.yaml", "data/regions/luar.yaml", "data/visits/hilang.yaml"]
)
def test_a_named_link_is_reported_not_followed(
    run, collection: Path, tmp_path: Path, monkeypatch, link: str
) -> None:
    """Inside the collection, outside it, or dangling: the link itself is the finding."""
    _strays(collection, tmp_path)
    monkeypatch.chdir(collection)
    findings = _findings(run, collection, link)
    assert [(f["path"], f["code"]) for f in findings] == [(link, "stray-file")]


def test_a_named_data_folder_reports_what_a_plain_validate_reports(
    run, collection: Path, tmp_path: Path
) -> None:
    _strays(collection, tmp_path)
    everything = _findings(run, collection)
    assert len(everything) == 7
    assert _findings(run, collection, str(collection / "data")) == everything


def test_a_named_folder_reports_the_links_folders_and_strays_under_it(
    run, collection: Path, tmp_path: Path
) -> None:
    _strays(collection, tmp_path)
    result = run(
        "--root", str(collection), "validate", str(collection / "data/innovations"), code=1
    )
    reported = {line.partition(":")[0] for line in result.stdout.splitlines()}
    assert reported == {
        "data/innovations/banggai/lama",
        "data/innovations/banggai/x.yml",
        "data/innovations/banggai/.notes",
        "data/innovations/parigi-moutong/kukusa.yaml.bak",
    }
    assert "in 4 of 7 file(s)" in result.stderr  # 3 records and 4 strays lie there


def test_the_pre_commit_hook_s_file_list_gets_every_finding(
    run, collection: Path, tmp_path: Path, monkeypatch
) -> None:
    """pre-commit passes the staged files matching ^data/.*\\.ya?ml$, links included."""
    _strays(collection, tmp_path)
    monkeypatch.chdir(collection)
    staged = [
        "data/regions/alias.yaml",
        "data/regions/banggai.yaml",
        "data/innovations/banggai/x.yml",
    ]
    findings = _findings(run, collection, *staged)
    assert {f["path"] for f in findings} == {staged[0], staged[2]}


def test_a_named_path_outside_data_is_a_usage_error(run, collection: Path, tmp_path: Path) -> None:
    for outside in (str(tmp_path), str(collection / "data/../data/.."), str(collection)):
        result = run("--root", str(collection), "validate", outside, code=2)
        assert "not inside the collection's data folder" in result.stderr


def test_a_collection_reached_through_a_link_still_names_its_paths(
    run, collection: Path, tmp_path: Path
) -> None:
    via = tmp_path / "via"
    via.symlink_to(collection, target_is_directory=True)
    (collection / "data/regions/notes.txt").write_text("x", encoding="utf-8")
    findings = _findings(run, collection, str(via / "data/regions"))
    assert [f["path"] for f in findings] == ["data/regions/notes.txt"]


def test_missing_path_is_a_usage_error(run, collection: Path) -> None:
    result = run("--root", str(collection), "validate", "nope.yaml", code=2)
    assert "nope.yaml: no such file or folder" in result.stderr


def test_bad_root_is_a_usage_error(run, tmp_path: Path) -> None:
    result = run("--root", str(tmp_path), "validate", code=2)
    assert "no collection there" in result.stderr


def test_root_from_environment_and_cwd(run, collection: Path, monkeypatch) -> None:
    monkeypatch.setenv("INOVASI_ROOT", str(collection))
    assert "7 file(s)" in run("validate").stderr
    monkeypatch.delenv("INOVASI_ROOT")
    monkeypatch.chdir(collection / "data/innovations")
    assert "7 file(s)" in run("validate").stderr


def test_control_characters_in_values_are_escaped(run, collection: Path) -> None:
    bad = collection / "data/innovations/banggai/bad.yaml"
    bad.write_text('name: Satu\nsector: "\\e[31mred"\nsummary: x\nsources:\n  - source: fixture\n')
    result = run("--root", str(collection), "validate", code=1)
    assert "\x1b" not in result.stdout
    assert "\\x1b[31mred" in result.stdout


def test_version(run) -> None:
    from inovasi_cli import __version__

    assert run("--version").stdout == f"inovasi {__version__}\n"


def test_every_findings_format_has_a_reporter() -> None:
    from inovasi_cli.validation.reporters import REPORTERS, FindingsFormat

    assert set(REPORTERS) == set(FindingsFormat)


def test_findings_order_never_depends_on_hashing_and_keeps_distinct_hints() -> None:
    from inovasi_cli.core.findings import Finding, Severity, sort_findings

    a = Finding("x.yaml", 1, 1, "c", "m", "f", Severity.WARNING, "hint one")
    b = Finding("x.yaml", 1, 1, "c", "m", "f", Severity.ERROR, "hint one")
    c = Finding("x.yaml", 1, 1, "c", "m", "f", Severity.ERROR, "hint two")
    for order in ([a, b, c, b], [c, b, a], [b, a, c, c]):
        assert sort_findings(order) == [b, c, a]


def test_no_collection_found_is_a_usage_error_for_validate(
    run, tmp_path: Path, monkeypatch
) -> None:
    """A CI job run from the wrong folder must not go green on the bundled collection."""
    monkeypatch.chdir(tmp_path)
    result = run("validate", code=2)
    assert result.stdout == ""
    assert result.stderr == (
        f"inovasi: error: no collection found: no data/ folder in {tmp_path} or any folder "
        "above it, and $INOVASI_ROOT is not set; run inside a collection or give --root DIR "
        "(to check the collection bundled with inovasi: --bundled)\n"
    )
    asked = run("validate", "--bundled")
    assert "file(s) checked: no problems found" in asked.stderr
    assert "using the bundled collection" not in asked.stderr  # asked for, so no note
    both = run("--root", str(REPO), "validate", "--bundled", code=2)
    assert "--bundled and --root each choose a collection" in both.stderr


def test_other_read_commands_fall_back_to_the_bundled_collection_and_say_so(
    run, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("list", "--format", "ids")
    assert result.stdout.split()
    assert result.stderr.startswith(
        f"inovasi: no data/ found from {tmp_path}; using the bundled collection"
    )


def test_validate_outside_a_collection_fails_in_a_real_process(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "INOVASI_ROOT"}
    done = subprocess.run(
        [sys.executable, "-m", "inovasi_cli", "validate"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert "no collection found" in done.stderr
