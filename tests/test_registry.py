"""The national region registry (records/registry.py) and its checks in validate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from inovasi_cli.records import registry as reg
from inovasi_cli.records.vocabulary import vocabulary


def test_the_registry_holds_38_provinces_and_514_kabupaten_kota() -> None:
    known = reg.registry()
    types = [e.type for e in known.entries.values()]
    assert (types.count("provinsi"), types.count("kabupaten"), types.count("kota")) == (38, 416, 98)
    sumedang = known.get("32.11")
    assert sumedang == reg.RegistryRegion("32.11", "Kabupaten Sumedang", "kabupaten", "Jawa Barat")


def test_the_fast_read_agrees_with_the_public_api() -> None:
    """The registry reads lokal's data file directly (its package import is slow); its
    public API must give the same names, so an upstream change of layout is caught."""
    fast = {c: e.name for c, e in reg.registry().entries.items()}
    assert fast == reg.public_api_names()


def test_the_type_follows_from_the_code_and_the_name() -> None:
    for entry in reg.registry().entries.values():
        assert entry.type == reg.code_type(entry.code)
        if entry.type != "provinsi":
            assert entry.name.split()[0].lower() == entry.type


def test_the_province_vocabulary_is_the_registry() -> None:
    assert [t.value for t in vocabulary("region", "province")] == [
        p.name for p in reg.registry().provinces
    ]


@pytest.mark.parametrize(
    ("name", "region_type", "codes"),
    [
        ("Kabupaten Sumedang", None, ["32.11"]),
        ("sumedang", None, ["32.11"]),
        ("Bogor", None, ["32.01", "32.71"]),
        ("Bogor", "kota", ["32.71"]),
        ("Tojo Una-Una", None, ["72.09"]),  # the registry writes 'Tojo Una Una'
        ("Jawa Barat", None, ["32"]),
        ("Garutt", None, []),
    ],
)
def test_names(name: str, region_type: str | None, codes: list[str]) -> None:
    assert [e.code for e in reg.registry().named(name, region_type)] == codes


def test_nearest() -> None:
    assert [e.code for e in reg.registry().nearest("Garutt")][:1] == ["32.05"]
    # A typed name with its type word is compared without it too.
    assert [e.code for e in reg.registry().nearest("Kota Garutt")][:1] == ["32.05"]
    assert [e.code for e in reg.registry().nearest("Kabupaten Sumedangg")][:1] == ["32.11"]


def test_the_registry_is_not_loaded_by_help() -> None:
    import subprocess
    import sys

    code = (
        "import sys\nfrom inovasi_cli.cli.app import app\n"
        "try:\n    app(['--help'])\nexcept SystemExit:\n    pass\n"
        "print([m for m in ('lokal', 'inovasi_cli.records.registry', 'openpyxl', "
        "'ruamel.yaml') if m in sys.modules], file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stderr.strip().endswith("[]"), done.stderr


def _region(collection: Path, name: str, text: str) -> None:
    (collection / f"data/regions/{name}.yaml").write_text(
        text + "sources:\n  - source: fixture\n", encoding="utf-8"
    )


def _findings(run, collection: Path, name: str) -> list[tuple[str, str, int, str]]:
    out = run("--root", str(collection), "validate", "--format", "json", code=None).stdout
    return [
        (f["code"], f["field"], f["line"], f["message"] + "; " + f["hint"])
        for f in json.loads(out)["findings"]
        if f["path"] == f"data/regions/{name}.yaml"
    ]


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (
            "sumedang",
            "name: Kabupaten Sumedan\ntype: kabupaten\nprovince: Jawa Tengah\ncode: '32.11'\n",
            [
                (
                    "registry-mismatch",
                    "name",
                    1,
                    "the registry (Kepmendagri 300.2.2-2138/2025) names 32.11 'Kabupaten "
                    "Sumedang', not 'Kabupaten Sumedan'; write name: Kabupaten Sumedang, or "
                    "correct the code",
                ),
                (
                    "registry-mismatch",
                    "province",
                    3,
                    "the registry (Kepmendagri 300.2.2-2138/2025) places Kabupaten Sumedang "
                    "(32.11) in Jawa Barat, not Jawa Tengah; write province: Jawa Barat",
                ),
            ],
        ),
        (
            "makassar",
            "name: Kota Makassar\ntype: kabupaten\nprovince: Sulawesi Selatan\n",
            [
                (
                    "type-mismatch",
                    "type",
                    2,
                    "'Kota Makassar' names a kota, but type is kabupaten; give type: kota, or "
                    "correct the name",
                )
            ],
        ),
        (
            "garutt",
            "name: Garutt\ntype: kota\nprovince: Jawa Barat\n",
            [
                (
                    "type-mismatch",
                    "name",
                    1,
                    "a kota's name starts with 'Kota': 'Kota Garutt'; write name: Kota Garutt",
                ),
                (
                    "region-id",
                    "type",
                    2,
                    "a kota's id starts with 'kota-', not 'garutt'; rename the file to "
                    "kota-garutt.yaml",
                ),
            ],
        ),
        (
            "kota-palu",
            "name: Kota Palu\ntype: kota\nprovince: Sulawesi Tengah\ncode: '72.99'\n",
            [
                (
                    "unknown-code",
                    "code",
                    4,
                    "72.99 is not a region code in Kepmendagri 300.2.2-2138/2025; the registry "
                    "gives Kota Palu the code '72.71'",
                )
            ],
        ),
        (
            "sigi",
            "name: Kabupaten Sigi\ntype: kabupaten\nprovince: Sulawesi Tengah\ncode: '72.71'\n",
            [
                (
                    "type-mismatch",
                    "code",
                    4,
                    "code 72.71 is a kota's (kabupaten use 01-69, kota 71-99), but type is "
                    "kabupaten; ",
                ),
                (
                    "registry-mismatch",
                    "name",
                    1,
                    "the registry (Kepmendagri 300.2.2-2138/2025) names 72.71 'Kota Palu', not "
                    "'Kabupaten Sigi'; write name: Kota Palu, or correct the code",
                ),
            ],
        ),
        (
            "tojo-una-una",
            "name: Kabupaten Tojo Una-Una\ntype: kabupaten\nprovince: Sulawesi Tengah\n"
            "code: '72.09'\n",
            [],
        ),
    ],
)
def test_validate_checks_regions_against_the_registry(
    run, collection: Path, name: str, text: str, expected: list[tuple[str, str, int, str]]
) -> None:
    _region(collection, name, text)
    assert sorted(_findings(run, collection, name), key=lambda f: f[2]) == sorted(
        expected, key=lambda f: f[2]
    )


def test_the_shipped_regions_agree_with_the_registry() -> None:
    repo = Path(__file__).parent.parent
    from inovasi_cli.validation.pipeline import load_collection

    result = load_collection(repo)
    assert result.findings == []
    known = reg.registry()
    for region in result.collection.regions.values():
        assert region.code is not None
        entry = known.get(region.code)
        assert entry is not None and entry.province == region.province
        assert reg.name_key(entry.name) == reg.name_key(region.name)
        assert any(c.source == reg.SOURCE_ID and c.locator == region.code for c in region.sources)
