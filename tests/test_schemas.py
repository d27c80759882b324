"""The schemas are usable unchanged by other tools, and agree with each other."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO
from inovasi_cli.core.paths import RECORD_KINDS
from inovasi_cli.records.schema import load_schema
from inovasi_cli.records.vocabulary import vocabulary

SCHEMAS = sorted((REPO / "schemas").glob("*.schema.json"))
CHECK_JSONSCHEMA = Path(sys.executable).with_name("check-jsonschema")


def test_check_jsonschema_accepts_the_schemas() -> None:
    assert CHECK_JSONSCHEMA.exists(), "install the test extras: pip install -e '.[test]'"
    result = subprocess.run(
        [str(CHECK_JSONSCHEMA), "--check-metaschema", *map(str, SCHEMAS)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("kind", sorted(RECORD_KINDS))
def test_check_jsonschema_accepts_the_shipped_records(kind: str) -> None:
    record_kind = RECORD_KINDS[kind]
    files = sorted((REPO / "data" / kind).rglob("*.yaml"))
    assert files, f"no shipped {kind}"
    schema = REPO / "schemas" / f"{record_kind.schema}.schema.json"
    result = subprocess.run(
        [str(CHECK_JSONSCHEMA), "--schemafile", str(schema), *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_shared_definitions_are_identical_across_schemas() -> None:
    """citation, document, amount, basis, date and person are repeated in each schema (so
    each stands alone for editors); they must not drift apart."""
    schemas = [json.loads(p.read_text()) for p in SCHEMAS]
    for name in ("citation", "document", "amount", "basis", "source", "date", "person"):
        versions = {
            json.dumps(s["$defs"][name], sort_keys=True)
            for s in schemas
            if name in s.get("$defs", {})
        }
        assert len(versions) == 1, f"$defs/{name} differs between schemas"


def test_every_shipped_file_declares_its_schema_for_editors() -> None:
    for path in sorted((REPO / "data").rglob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("=", 1)[1]).resolve()
        assert target.is_file(), f"{path}: {target} does not exist"


def test_sector_vocabulary_is_complete() -> None:
    sectors = vocabulary("innovation", "sector")
    groups = {
        group: sum(1 for t in sectors if t.group == group) for group in {t.group for t in sectors}
    }
    # UU 23/2014: 6 basic-service, 18 non-basic-service, 8 optional affairs; 7 support functions.
    assert groups == {
        "wajib-pelayanan-dasar": 6,
        "wajib-non-pelayanan-dasar": 18,
        "pilihan": 8,
        "penunjang": 7,
    }
    assert all(t.title and t.title_en for t in sectors)
    assert len({t.value for t in sectors}) == len(sectors)


def test_schemas_are_bundled_for_non_editable_installs() -> None:
    pyproject = (REPO / "pyproject.toml").read_text()
    for folder in ("schemas", "templates", "data"):
        assert f'"{folder}" = "inovasi_cli/_bundled/{folder}"' in pyproject
    assert load_schema("innovation")["title"].startswith("Innovation")


def test_wheel_carries_schemas(tmp_path: Path) -> None:
    """A real (non-editable) build contains the schemas, templates and data."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(REPO),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    import zipfile

    [wheel] = tmp_path.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "inovasi_cli/_bundled/schemas/innovation.schema.json" in names
    assert any(n.startswith("inovasi_cli/_bundled/data/innovations/banggai/") for n in names)


@pytest.mark.parametrize("kind", ["innovation", "visit"])
def test_the_schema_classifies_what_the_code_calls_classifiable(kind: str) -> None:
    """Editors and validate offer the same classifiable fields as the outputs use."""
    from inovasi_cli.records.values import CLASSIFIABLE

    schema = load_schema(kind)
    assert tuple(schema["properties"]["classified"]["properties"]) == CLASSIFIABLE[kind]
    assert all(field in schema["properties"] for field in CLASSIFIABLE[kind])


def test_records_cite_the_bibliography_and_sector_is_optional() -> None:
    innovation = load_schema("innovation")
    assert "sector" not in innovation["required"]  # nothing forces a guess
    for kind in ("innovation", "region", "visit"):
        items = load_schema(kind)["properties"]["sources"]["items"]
        assert items == {"$ref": "#/$defs/citation"}, kind
