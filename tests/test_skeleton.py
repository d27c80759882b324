"""The pure core of `inovasi new`: slugs, YAML scalars, skeletons and shadowing checks."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import REPO
from inovasi_cli.contribute import conflicts, skeleton
from inovasi_cli.core import text
from inovasi_cli.core.errors import UsageError
from inovasi_cli.core.text import SLUG
from inovasi_cli.records.collection import Collection
from inovasi_cli.records.loader import load_bytes
from inovasi_cli.records.model import Innovation, Region, Visit
from inovasi_cli.records.schema import check_document
from inovasi_cli.records.vocabulary import vocabulary


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Elektronik Makam (E-Makam)", "elektronik-makam-e-makam"),
        ("Boli’ Montanda’i Cilaka Toka", "boli-montandai-cilaka-toka"),
        ("1 Petugas Kesehatan 100 Kepala Keluarga", "1-petugas-kesehatan-100-kepala-keluarga"),
        ("  --Sistem__Antrean   Online--  ", "sistem-antrean-online"),
        (
            "Pelayanan Terpadu Satu Pintu (PTSP) — Kabupaten Sigi",
            "pelayanan-terpadu-satu-pintu-ptsp-kabupaten-sigi",
        ),
        ("Café Literasi Ñusantara", "cafe-literasi-nusantara"),
        ("Koperasi & UKM Maju", "koperasi-dan-ukm-maju"),
        ("Straße Øst", "strasse-ost"),
        ("???", ""),
        ("", ""),
    ],
)
def test_slugify(name: str, slug: str) -> None:
    assert text.slugify(name) == slug


def test_slugify_caps_the_length_at_a_word_boundary() -> None:
    name = "Gerakan Bersama Masyarakat Peduli Kebersihan Lingkungan Sungai Dan Pantai Kabupaten"
    slug = text.slugify(name)
    assert len(slug) <= text.MAX_SLUG
    assert slug == "gerakan-bersama-masyarakat-peduli-kebersihan-lingkungan"
    assert text.slugify("a" * 80) == "a" * text.MAX_SLUG


def test_slugify_matches_the_shipped_file_names() -> None:
    """The collection's own names and files agree with the rule (where they were derived
    from the full name)."""
    path = REPO / "data/innovations/banggai/boli-montandai-cilaka-toka.yaml"
    name = load_bytes(path.read_bytes(), "x").data["name"]
    assert text.slugify(name) == path.stem


@given(st.text(max_size=120))
def test_slugify_always_gives_a_valid_id_or_nothing(name: str) -> None:
    slug = text.slugify(name)
    assert len(slug) <= text.MAX_SLUG
    assert slug == "" or SLUG.fullmatch(slug)


@pytest.mark.parametrize(
    ("name", "kind", "expected"),
    [
        ("Kabupaten Banggai", "kabupaten", "banggai"),
        ("Kab. Tojo Una-Una", "kabupaten", "tojo-una-una"),
        ("Kota Banjar", "kota", "kota-banjar"),
        ("Provinsi Sulawesi Tengah", "provinsi", "provinsi-sulawesi-tengah"),
    ],
)
def test_region_id(name: str, kind: str, expected: str) -> None:
    assert skeleton.region_id(name, kind) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Kota Palu",
        "2019",
        "true",
        "no",
        "null",
        "a: b",
        "it's",
        "# not a comment",
        "-x",
        "1 PK 100 KK",
        "E-Makam",
        "Rp 5.000",
        "[list]",
        "{map}",
        "*star",
        "&anchor",
        "!tag",
        "100%",
        "x #y",
        "'quoted'",
        "Ünïcödé",
        "3.14",
        "0x1F",
        "~",
    ],
)
def test_yaml_scalar_reads_back_as_the_same_string(text: str) -> None:
    doc = load_bytes(f"key: {skeleton.yaml_scalar(text)}\n".encode(), "x.yaml")
    assert doc.findings == []
    assert doc.data == {"key": text}


@given(
    st.text(
        alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")),
        min_size=1,
        max_size=60,
    )
)
def test_yaml_scalar_round_trips_any_line(text: str) -> None:
    doc = load_bytes(f"key: {skeleton.yaml_scalar(text)}\n".encode(), "x.yaml")
    assert doc.data == {"key": text}, doc.findings


def test_yaml_scalar_refuses_line_breaks() -> None:
    with pytest.raises(UsageError):
        skeleton.yaml_scalar("two\nlines")
    with pytest.raises(UsageError):
        skeleton.clean_text("bell\x07", "--name")
    assert skeleton.clean_text("  Sistem  Antrean ", "--name") == "Sistem  Antrean"


def _findings(schema: str, text: str) -> list[tuple[str, str, str]]:
    doc = load_bytes(text.encode(), "x.yaml")
    assert doc.findings == [], "a skeleton must always parse"
    check_document(schema, doc)
    return [(f.code, f.field, f.message) for f in doc.findings]


def _fill(text: str) -> str:
    """What a contributor does: write the summary, cite the source, say what a new source
    covers."""
    lines = []
    for line in text.splitlines():
        if line.startswith("summary:"):
            line = "summary: Antrean daring di kantor Dukcapil."
        elif line.startswith("  - source:"):
            line = "  - source: profil-inovasi-daerah-2019"
        elif line.startswith("note:"):
            line = "note: Profil inovasi daerah 2019, one profile per innovation."
        lines.append(line)
    return "\n".join(lines) + "\n"


def test_innovation_skeleton_fails_until_its_placeholders_are_filled() -> None:
    record = skeleton.innovation(
        "banggai",
        "sistem-antrean-online",
        "Sistem Antrean Online",
        "kesehatan",
        region_name="Kabupaten Banggai",
        unit="Dinas Kesehatan",
        unit_type="puskesmas",
    )
    assert record.path == "data/innovations/banggai/sistem-antrean-online.yaml"
    assert record.text.startswith(
        "# yaml-language-server: $schema=../../../schemas/innovation.schema.json\n"
    )
    assert _findings("innovation", record.text) == [
        ("wrong-type", "sources.0.source", "expected text, found an empty value"),
        ("wrong-type", "summary", "expected text, found an empty value"),
    ]
    filled = _fill(record.text)
    assert _findings("innovation", filled) == []
    data = load_bytes(filled.encode(), "x").data
    assert data["name"] == "Sistem Antrean Online"
    assert data["unit"] == "Dinas Kesehatan"
    assert data["unit_type"] == "puskesmas"
    assert data["sector"] == "kesehatan"


def test_skeleton_comments_carry_the_vocabulary() -> None:
    text = skeleton.innovation("banggai", "x", "X", "kesehatan").text
    for defs in ("unit_type", "form", "stage", "initiator", "award"):
        for term in vocabulary("innovation", defs):
            assert term.value in text, (defs, term.value)
    assert "urusan: Kesehatan" in text
    # optional fields are comments: the record has only what was given
    data = load_bytes(text.encode(), "x").data
    assert set(data) == {"name", "sector", "summary", "sources"}


@pytest.mark.parametrize("kind", ["regions", "innovations", "visits", "sources"])
def test_schema_line_points_at_the_schema_from_the_record(kind: str) -> None:
    record = {
        "regions": lambda: skeleton.region("x", "Kota X", "kota", province="P"),
        "innovations": lambda: skeleton.innovation("banggai", "x", "X", "kesehatan"),
        "visits": lambda: skeleton.visit("2019-x-ke-y", "y", visitor_regions=["x"]),
        "sources": lambda: skeleton.source("x", "X", "berita"),
    }[kind]()
    relative = record.text.splitlines()[0].split("$schema=")[1]
    target = ((REPO / record.path).parent / relative).resolve()
    assert target == REPO / "schemas" / f"{kind[:-1]}.schema.json"
    # and it is the same line the shipped records carry
    shipped = next((REPO / "data" / kind).rglob("*.yaml"))
    assert shipped.read_text(encoding="utf-8").splitlines()[0] == record.text.splitlines()[0]


def test_visit_skeleton() -> None:
    visit_id = skeleton.visit_id("banggai", ["polewali-mandar"], date="2019-07")
    assert visit_id == "2019-07-polewali-mandar-ke-banggai"
    record = skeleton.visit(
        visit_id,
        "banggai",
        visitor_regions=["polewali-mandar"],
        institutions=["LAN: Pusat"],
        date="2019-07",
        kind="kaji-banding",
        names={"banggai": "Kabupaten Banggai"},
    )
    assert _findings("visit", record.text) == [
        ("wrong-type", "sources.0.source", "expected text, found an empty value")
    ]
    data = load_bytes(_fill(record.text).encode(), "x").data
    assert _findings("visit", _fill(record.text)) == []
    assert data["date"] == "2019-07"
    assert data["visitors"] == [{"region": "polewali-mandar"}, {"institution": "LAN: Pusat"}]
    assert data["kind"] == "kaji-banding"


def test_visit_id_names_at_most_two_visitors() -> None:
    assert skeleton.visit_id("banggai", ["a", "b", "c"]) == "a-b-dan-lainnya-ke-banggai"
    assert (
        skeleton.visit_id("banyuwangi", ["Kemensetneg", "LAN"], date="2018-09-18")
        == "2018-09-18-kemensetneg-lan-ke-banyuwangi"
    )


def test_region_skeleton() -> None:
    record = skeleton.region(
        "kota-palu", "Kota Palu", "kota", province="Sulawesi Tengah", code="72.71"
    )
    assert record.path == "data/regions/kota-palu.yaml"
    assert _findings("region", record.text) == [
        ("wrong-type", "sources.0.source", "expected text, found an empty value")
    ]
    data = load_bytes(_fill(record.text).encode(), "x").data
    assert data["code"] == "72.71" and data["province"] == "Sulawesi Tengah"
    # a kabupaten without its province keeps a required placeholder
    bare = skeleton.region("sigi", "Kabupaten Sigi", "kabupaten")
    assert ("unknown-value", "province", "an empty value is not a known value") in _findings(
        "region", bare.text
    )


def _collection() -> Collection:
    region = Region.from_dict(
        "banggai",
        {"name": "Kabupaten Banggai", "type": "kabupaten", "code": "72.01"},
        "data/regions/banggai.yaml",
    )
    innovation = Innovation.from_dict(
        "banggai/e-makam",
        {
            "name": "Elektronik Makam",
            "acronym": "E-Makam",
            "sector": "perumahan-rakyat-dan-kawasan-permukiman",
            "summary": "x",
        },
        "data/innovations/banggai/e-makam.yaml",
    )
    visit = Visit.from_dict(
        "2019-07-polewali-mandar-ke-banggai",
        {"date": "2019-07", "host": "banggai", "visitors": [{"region": "polewali-mandar"}]},
        "data/visits/2019-07-polewali-mandar-ke-banggai.yaml",
    )
    return Collection.from_records([region], [innovation], [visit])


@pytest.mark.parametrize(
    ("slug", "name", "clash"),
    [
        ("e-makam", "Something Else", "e-makam.yaml ('Elektronik Makam') already exists"),
        ("E-Makam", "Something Else", "e-makam.yaml ('Elektronik Makam') already exists"),
        ("elektronik-makam", "ELEKTRONIK  MAKAM", "already recorded as banggai/e-makam"),
        ("x", "Élektronik Makam", "already recorded as banggai/e-makam"),
        ("x", "Elektronik Makam (E-Makam)", "already recorded as banggai/e-makam"),
        ("x", "e makam", "already recorded as banggai/e-makam"),
        ("layanan-baru", "Layanan Baru", None),
    ],
)
def test_innovation_conflict(slug: str, name: str, clash: str | None) -> None:
    found = conflicts.innovation_conflict(_collection(), ["banggai/e-makam"], "banggai", slug, name)
    if clash is None:
        assert found is None
    else:
        assert found is not None and clash in found


def test_an_invalid_file_still_blocks_its_id() -> None:
    """A file that exists but does not validate is not in the collection: its id is still taken."""
    found = conflicts.innovation_conflict(
        Collection(), ["banggai/broken"], "banggai", "broken", "B"
    )
    assert found == (
        "data/innovations/banggai/broken.yaml already exists; edit that file, or give this "
        "innovation another id with --slug"
    )


def test_region_and_visit_conflicts() -> None:
    collection = _collection()
    assert "already exists" in (
        conflicts.region_conflict(collection, ["banggai"], "Banggai", "X", None) or ""
    )
    assert "already recorded as region banggai" in (
        conflicts.region_conflict(collection, ["banggai"], "x", "kabupaten banggai", None) or ""
    )
    assert "code 72.01 is already used" in (
        conflicts.region_conflict(collection, ["banggai"], "x", "Kabupaten X", "72.01") or ""
    )
    assert (
        conflicts.region_conflict(collection, ["banggai"], "sigi", "Kabupaten Sigi", "72.10")
        is None
    )
    visit_id = "2019-07-polewali-mandar-ke-banggai"
    assert conflicts.visit_conflict([visit_id], visit_id.upper()) is not None
    assert conflicts.visit_conflict([visit_id], "2019-08-polewali-mandar-ke-banggai") is None
    similar = conflicts.similar_visits(collection, "banggai", ["polewali-mandar"], None)
    assert similar == [visit_id]
    assert conflicts.similar_visits(collection, "banggai", ["polewali-mandar"], "2019-07-18") == [
        visit_id
    ]
    assert conflicts.similar_visits(collection, "banggai", ["polewali-mandar"], "2020") == []


def test_skeleton_never_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    skeleton.innovation("banggai", "x", "X", "kesehatan")
    skeleton.region("x", "Kota X", "kota", province="P")
    assert list(tmp_path.iterdir()) == []


def test_innovation_skeleton_without_a_sector_forces_no_guess() -> None:
    record = skeleton.innovation("banggai", "x", "X", None)
    assert "\n# sector:" in record.text  # offered, commented out
    assert "# classified:" in record.text  # and how to say a value is a classification
    filled = _fill(record.text)
    assert _findings("innovation", filled) == []
    assert "sector" not in load_bytes(filled.encode(), "x").data


def test_source_skeleton_fails_until_what_it_covers_is_written() -> None:
    record = skeleton.source(
        "profil-2024",
        "Profil Inovasi: Kabupaten Banggai",
        "berita",
        publisher="Bapperida",
        published="2024-03",
        url="https://example.org/profil",
    )
    assert record.path == "data/sources/profil-2024.yaml"
    assert _findings("source", record.text) == [
        ("wrong-type", "note", "expected text, found an empty value")
    ]
    data = load_bytes(_fill(record.text).encode(), "x").data
    assert data == {
        "title": "Profil Inovasi: Kabupaten Banggai",
        "kind": "berita",
        "language": "id",
        "publisher": "Bapperida",
        "published": "2024-03",
        "url": "https://example.org/profil",
        "note": "Profil inovasi daerah 2019, one profile per innovation.",
    }
