"""The README's exit-code table holds for every case of the terminal-and-CLI issue: each
case is run and its exit code is the one the table gives its kind."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
TABLE = dict(re.findall(r"^\| (\d) \| (.+) \|$", README.split("## Exit codes", 1)[1], re.MULTILINE))
KIND = {"ok": "success", "findings": "findings", "usage": "usage error"}


def code_for(kind: str) -> int:
    (code,) = [int(c) for c, meaning in TABLE.items() if meaning.startswith(KIND[kind])]
    return code


def _schema_and_meaning(root: Path) -> None:
    (root / "data/innovations/banggai/poli.yaml").write_text(
        "name: Poli\nsector: keshatan\ntrial_date: '2024-02-31'\nsummary: x\n"
        "sources:\n  - source: fixture\n",
        encoding="utf-8",
    )


def _renamed_region(root: Path) -> None:
    shutil.move(root / "data/regions/banggai.yaml", root / "data/regions/bangai.yaml")


CASES = [
    ("table at 80 columns", ["list", "--format", "table"], None, "ok"),
    ("--wide", ["visits", "--wide", "--format", "table"], None, "ok"),
    ("--columns", ["regions", "--columns", "id,name"], None, "ok"),
    ("unknown column", ["list", "--columns", "nme"], None, "usage"),
    ("schema and meaning at once", ["validate"], _schema_and_meaning, "findings"),
    ("renamed region folder", ["validate"], _renamed_region, "findings"),
    ("--format xml", ["list", "--format", "xml"], None, "usage"),
    ("--year abc", ["list", "--year", "abc"], None, "usage"),
    ("unknown command", ["lst"], None, "usage"),
    ("unknown subcommand", ["report", "awrd"], None, "usage"),
    ("unknown option", ["list", "--regon", "x"], None, "usage"),
    ("missing option", ["report", "award"], None, "usage"),
    ("show a replication", ["show", "pinasa"], None, "ok"),
    ("validate --bundled", ["validate", "--bundled"], None, "ok"),
]


@pytest.mark.parametrize(("name", "args", "prepare", "kind"), CASES, ids=[c[0] for c in CASES])
def test_exit_code_is_the_one_the_readme_gives(
    run, collection: Path, monkeypatch, name: str, args: list[str], prepare, kind: str
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    if prepare is not None:
        prepare(collection)
    root = [] if "--bundled" in args else ["--root", str(collection)]
    run(*root, *args, code=code_for(kind))


def test_validate_outside_any_collection_is_a_usage_error(run, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    run("validate", code=code_for("usage"))
    run("list", code=code_for("ok"))  # the other read commands keep the bundled fallback
    assert "no collection found for `validate`" in TABLE["2"]
