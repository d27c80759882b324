"""`inovasi new innovation|visit|region` through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from inovasi_cli.cli import new_files, new_inputs
from inovasi_cli.core import paths
from inovasi_cli.records.loader import load_bytes


def _fill(path: Path) -> None:
    """What a contributor does after 'inovasi new': write the summary, cite a source (the
    example collection's), say what a new source covers."""
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("summary:"):
            line = "summary: Pelayanan antrean secara daring."
        elif line.startswith("  - source:"):
            line = "  - source: fixture"
        elif line.startswith("note:"):
            line = "note: What the document covers."
        lines.append(line)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _new(run, root: Path, *args: str, code: int = 0, input: str | None = None):
    return run("--root", str(root), "new", *args, code=code, input=input)


def test_new_innovation_writes_a_skeleton_that_validates_once_filled(run, collection: Path) -> None:
    result = _new(
        run,
        collection,
        "innovation",
        "--region",
        "banggai",
        "--name",
        "Sistem Antrean Online",
        "--sector",
        "kesehatan",
    )
    target = collection / "data/innovations/banggai/sistem-antrean-online.yaml"
    assert result.stdout == f"{target}\n"  # the path, and only the path, on stdout
    assert "inovasi validate" in result.stderr
    data = load_bytes(target.read_bytes(), "x").data
    assert data["name"] == "Sistem Antrean Online"
    assert data["sector"] == "kesehatan"

    check = run("--root", str(collection), "validate", str(target), code=1)
    assert "sistem-antrean-online.yaml:" in check.stdout
    assert (
        "summary: expected text, found an empty value; write the text after the colon: "
        "this field is required" in check.stdout
    )
    assert "sources.0.source: expected text, found an empty value" in check.stdout

    _fill(target)
    run("--root", str(collection), "validate", code=0)


def test_new_innovation_never_overwrites(run, collection: Path) -> None:
    args = ("innovation", "-r", "banggai", "-n", "Sistem Antrean Online", "-s", "kesehatan")
    _new(run, collection, *args)
    target = collection / "data/innovations/banggai/sistem-antrean-online.yaml"
    target.write_text(target.read_text(encoding="utf-8") + "# my edits\n", encoding="utf-8")
    before = target.read_bytes()
    again = _new(run, collection, *args, code=2)
    assert "already exists" in again.stderr
    assert again.stdout == ""
    assert target.read_bytes() == before
    assert sorted(p.name for p in target.parent.iterdir()) == [
        "pinasa.yaml",
        "poli-lansia.yaml",
        "sistem-antrean-online.yaml",
    ]  # no temporary file left behind


@pytest.mark.parametrize(
    ("name", "slug", "message"),
    [
        ("Poli Khusus Lansia", None, "already recorded as banggai/poli-lansia"),
        ("POLI KHUSUS LANSIA", "poli-lansia-2", "already recorded as banggai/poli-lansia"),
        ("Gerakan Moral PINASA", None, "already recorded as banggai/pinasa"),
        ("PINASA", None, "already exists"),
        ("Anything", "pinasa", "already exists"),
    ],
)
def test_new_innovation_refuses_to_shadow_a_record(
    run, collection: Path, name: str, slug: str | None, message: str
) -> None:
    before = sorted(p.name for p in (collection / "data/innovations/banggai").iterdir())
    args = ["innovation", "-r", "banggai", "-n", name, "-s", "kesehatan"]
    if slug:
        args += ["--slug", slug]
    result = _new(run, collection, *args, code=2)
    assert message in result.stderr
    assert sorted(p.name for p in (collection / "data/innovations/banggai").iterdir()) == before


def test_new_innovation_resolves_values_forgivingly(run, collection: Path) -> None:
    result = _new(
        run,
        collection,
        "innovation",
        "--region",
        "Kabupaten Banggai",
        "--name",
        "Antrean Dukcapil",
        "--sector",
        "dukcapil",
        "--unit",
        "Dinas Dukcapil: Bidang Pelayanan",
        "--unit-type",
        "OPD",
    )
    data = load_bytes(Path(result.stdout.strip()).read_bytes(), "x").data
    assert data["sector"] == "administrasi-kependudukan-dan-pencatatan-sipil"
    assert data["unit_type"] == "perangkat-daerah"
    assert data["unit"] == "Dinas Dukcapil: Bidang Pelayanan"  # quoted, read back whole


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["-r", "banggia", "-n", "X", "-s", "kesehatan"],
            "unknown region 'banggia'; did you mean 'banggai'?",
        ),
        (["-r", "palu", "-n", "X", "-s", "kesehatan"], "inovasi new region"),
        (["-r", "banggai", "-n", "X", "-s", "kesehatn"], "did you mean 'kesehatan'?"),
        (
            ["-r", "banggai", "-n", "X", "-s", "kesehatan", "--unit-type", "puskesmaz"],
            "'puskesmas'",
        ),
        (["-n", "X", "-s", "kesehatan"], "missing --region"),
        (["-r", "banggai", "-n", "???", "-s", "kesehatan"], "give one with --slug"),
        (["-r", "banggai", "-n", "X", "-s", "kesehatan", "--slug", "Bad Slug"], "e.g. 'bad-slug'"),
        (["-r", "banggai", "-n", "Two\nlines", "-s", "kesehatan"], "on one line"),
        (["-r", "banggai", "-n", "   ", "-s", "kesehatan"], "must not be empty"),
    ],
)
def test_new_innovation_usage_errors(run, collection: Path, args: list[str], message: str) -> None:
    before = sorted(p.as_posix() for p in (collection / "data").rglob("*"))
    result = _new(run, collection, "innovation", *args, code=2)
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.as_posix() for p in (collection / "data").rglob("*")) == before


def test_new_asks_on_a_terminal(run, collection: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(new_inputs, "_interactive", lambda: True)
    answers = "banggia\nbanggai\nKlinik Konsultasi Keliling\nkesehatn\nkesehatan\n\npuskesmas\n"
    result = _new(run, collection, "innovation", input=answers)
    target = collection / "data/innovations/banggai/klinik-konsultasi-keliling.yaml"
    # The questions go to stderr; CliRunner echoes the typed answers to stdout (a terminal
    # shows them on the tty), so the path is the last line there.
    assert result.stdout.splitlines()[-1] == str(target)
    assert "Region (id or name)" not in result.stdout
    assert "Region (id or name):" in result.stderr
    assert "did you mean 'banggai'?" in result.stderr  # asked again after a typo
    assert "did you mean 'kesehatan'?" in result.stderr
    data = load_bytes(target.read_bytes(), "x").data
    assert data["unit_type"] == "puskesmas"
    assert "unit" not in data  # skipped with Enter


def test_full_command_line_on_a_terminal_asks_nothing(
    run, collection: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(new_inputs, "_interactive", lambda: True)
    result = _new(
        run, collection, "innovation", "-r", "banggai", "-n", "X Baru", "-s", "sosial", input=""
    )
    assert "(Enter to skip)" not in result.stderr


def test_new_refuses_the_bundled_collection(
    run, collection: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        new_files, "root_of", lambda ctx: paths.CollectionRoot(collection, "bundled")
    )
    result = run("new", "innovation", "-r", "banggai", "-n", "X", "-s", "sosial", code=2)
    assert "no collection here to add to" in result.stderr


def test_new_visit(run, collection: Path) -> None:
    result = _new(
        run,
        collection,
        "visit",
        "--host",
        "parigi-moutong",
        "--visitor",
        "Banggai",
        "--date",
        "2020-02",
        "--kind",
        "kaji-tiru",
    )
    target = collection / "data/visits/2020-02-banggai-ke-parigi-moutong.yaml"
    assert result.stdout == f"{target}\n"
    data = load_bytes(target.read_bytes(), "x").data
    assert data == {
        "date": "2020-02",
        "kind": "kaji-tiru",
        "host": "parigi-moutong",
        "visitors": [{"region": "banggai"}],
        "sources": [{"source": None}],
    }
    _fill(target)
    run("--root", str(collection), "validate", code=0)
    again = _new(
        run,
        collection,
        "visit",
        "--host",
        "parigi-moutong",
        "--visitor",
        "banggai",
        "--date",
        "2020-02",
        code=2,
    )
    assert "already exists" in again.stderr


def test_new_visit_notes_a_visit_that_may_be_the_same(run, collection: Path) -> None:
    result = _new(
        run,
        collection,
        "visit",
        "--host",
        "banggai",
        "--visitor",
        "parigi-moutong",
        "--date",
        "2019-07-20",
    )
    assert (
        "2019-07-parigi-moutong-ke-banggai.yaml records a visit of the same region(s)"
        in result.stderr
    )
    assert result.stdout.strip().endswith("data/visits/2019-07-20-parigi-moutong-ke-banggai.yaml")


def test_new_visit_by_an_institution(run, collection: Path) -> None:
    result = _new(
        run,
        collection,
        "visit",
        "--host",
        "banggai",
        "--institution",
        "Kemensetneg",
        "--date",
        "2019",
    )
    target = Path(result.stdout.strip())
    assert target.name == "2019-kemensetneg-ke-banggai.yaml"
    assert load_bytes(target.read_bytes(), "x").data["visitors"] == [{"institution": "Kemensetneg"}]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--host", "banggai", "--visitor", "banggai"], "the host cannot also be a visitor"),
        (["--host", "banggai", "--visitor", "parigi-moutong", "--date", "2999"], "in the future"),
        (
            ["--host", "banggai", "--visitor", "parigi-moutong", "--date", "2019-02-30"],
            "not a calendar date",
        ),
        (["--host", "banggai", "--visitor", "parigi-moutong", "--date", "July 2019"], "YYYY-MM"),
        (["--host", "banggai"], "missing --visitor"),
        (["--host", "banggai", "--visitor", "parimo-x"], "unknown region"),
        (
            [
                "--host",
                "banggai",
                "--visitor",
                "parigi-moutong",
                "--date",
                "2019",
                "--slug",
                "2018-x",
            ],
            "must start with the visit's date '2019-'",
        ),
    ],
)
def test_new_visit_usage_errors(run, collection: Path, args: list[str], message: str) -> None:
    result = _new(run, collection, "visit", *args, code=2)
    assert message in result.stderr
    assert sorted((collection / "data/visits").iterdir()) == [
        collection / "data/visits/2019-07-parigi-moutong-ke-banggai.yaml"
    ]


# A visit given to 'new', and the same visit written by hand for 'validate': what new
# refuses is exactly what validate reports, in the same words (message; hint).
SAME_RULE = [
    pytest.param("banggai", ["parigi-moutong"], "2999-01", None, "future-date", id="future"),
    pytest.param("banggai", ["parigi-moutong"], "2019-02-30", None, "bad-date", id="impossible"),
    pytest.param("banggai", ["banggai"], "2019-08", None, "self-visit", id="self-visit"),
    pytest.param(
        "banggai", ["parigi-moutong"], "2019", "2018-x-ke-banggai", "id-date", id="id-date"
    ),
    pytest.param(
        "banggai", ["parigi-moutong"], None, "2019-08-x-ke-banggai", "id-date", id="no-date"
    ),
    pytest.param("banggai", ["parigi-moutong"], "2019", "2019-Kunjungan_X", "bad-id", id="bad-id"),
]


@pytest.mark.parametrize(("host", "visitors", "date", "slug", "code"), SAME_RULE)
def test_new_refuses_what_validate_reports_in_its_words(
    run,
    collection: Path,
    host: str,
    visitors: list[str],
    date: str | None,
    slug: str | None,
    code: str,
) -> None:
    args = ["visit", "--host", host, *(a for v in visitors for a in ("--visitor", v))]
    args += [*(["--date", date] if date else []), *(["--slug", slug] if slug else [])]
    before = sorted((collection / "data/visits").iterdir())
    refused = _new(run, collection, *args, code=2)
    assert sorted((collection / "data/visits").iterdir()) == before

    record_id = slug or f"{date}-parigi-moutong-ke-banggai"
    target = collection / f"data/visits/{record_id}.yaml"
    visitor_lines = "".join(f"  - region: {v}\n" for v in visitors)
    dated = f"date: '{date}'\n" if date else ""
    target.write_text(
        f"{dated}host: {host}\nvisitors:\n{visitor_lines}sources:\n  - source: fixture\n"
    )
    report = json.loads(
        run("--root", str(collection), "validate", "--format", "json", code=1).stdout
    )
    found = [f for f in report["findings"] if f["path"] == f"data/visits/{record_id}.yaml"]
    assert [f["code"] for f in found] == [code]
    words = found[0]["message"] + (f"; {found[0]['hint']}" if found[0]["hint"] else "")
    assert refused.stderr.startswith("inovasi: error: ")
    assert refused.stderr.rstrip("\n").endswith(words), (refused.stderr, words)


def test_new_region(run, collection: Path) -> None:
    result = _new(
        run,
        collection,
        "region",
        "--name",
        "Kabupaten Sigi",
        "--type",
        "kab",
        "--province",
        "sulteng",
        "--capital",
        "Sigi Biromaru",
    )
    target = collection / "data/regions/sigi.yaml"
    assert result.stdout == f"{target}\n"
    data = load_bytes(target.read_bytes(), "x").data
    assert data["type"] == "kabupaten"
    assert data["province"] == "Sulawesi Tengah"  # the registry's spelling
    assert data["code"] == "72.10"
    assert data["capital"] == "Sigi Biromaru"
    run("--root", str(collection), "validate", code=0)  # complete as written
    # and now an innovation can be added to it
    _new(run, collection, "innovation", "-r", "sigi", "-n", "Layanan Baru", "-s", "sosial")


def test_new_region_by_code_fills_it_from_the_registry_and_cites_the_decree(
    run, collection: Path
) -> None:
    assert not (collection / "data/sources/kepmendagri-kode-wilayah-2025.yaml").exists()
    result = _new(run, collection, "region", "--code", "32.11")
    target = collection / "data/regions/sumedang.yaml"
    assert result.stdout == f"{target}\n"
    assert "added the registry's decree to the bibliography" in result.stderr
    assert "It is complete" in result.stderr
    data = load_bytes(target.read_bytes(), "x").data
    assert (data["name"], data["type"], data["province"], data["code"]) == (
        "Kabupaten Sumedang",
        "kabupaten",
        "Jawa Barat",
        "32.11",
    )
    assert data["sources"][0] == {
        "source": "kepmendagri-kode-wilayah-2025",
        "locator": "32.11",
        "note": "name, type, province and code, from the national region registry",
    }
    text = target.read_text(encoding="utf-8")
    assert "# It is complete as it is" in text and "REQUIRED" not in text
    run("--root", str(collection), "validate", code=0)
    # the decree is described once: a second region cites the same entry
    result = _new(run, collection, "region", "--name", "kota banjar")
    assert "bibliography" not in result.stderr
    assert (collection / "data/regions/kota-banjar.yaml").is_file()
    run("--root", str(collection), "validate", code=0)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--name", "Kabupaten Banggai"], "data/regions/banggai.yaml already exists"),
        (["bgi", "--name", "kabupaten banggai"], "already recorded as region banggai"),
        (
            ["sigi", "--name", "Kabupaten Sigi", "--code", "72.01"],
            "--code: 'Kabupaten Sigi' is not 72.01: the registry (Kepmendagri "
            "300.2.2-2138/2025) names 72.01 'Kabupaten Banggai'",
        ),
        (
            ["--code", "72.99"],
            "--code: no region 72.99 in the registry (Kepmendagri 300.2.2-2138/2025); "
            "Sulawesi Tengah (72) has 72.01-72.12 and 72.71",
        ),
        (["--code", "7201"], "'7201' is not a Kemendagri code"),
        (
            ["--name", "Bogor"],
            "--name: 'Bogor' could be Kabupaten Bogor (32.01, Jawa Barat); "
            "Kota Bogor (32.71, Jawa Barat); give the code or the full name",
        ),
        (
            ["--name", "Garutt", "--type", "kota"],
            "did you mean Kabupaten Garut (32.05, Jawa Barat)?",
        ),
        (
            ["--name", "Kota Makassar", "--type", "kabupaten"],
            "--type: 'Kota Makassar' names a kota, but type is kabupaten",
        ),
        (
            ["--code", "72.10", "--province", "jabar"],
            "--province: the registry (Kepmendagri 300.2.2-2138/2025) places Kabupaten "
            "Sigi (72.10) in Sulawesi Tengah, not Jawa Barat; write province: Sulawesi Tengah",
        ),
        (["--code", "72.10", "--province", "X"], "--province: unknown province 'X'"),
        (["--code", "72", "--province", "Sulawesi Tengah"], "is a province itself"),
        (["Sigi", "--code", "72.10"], "not a valid id"),
        (["kota-sigi", "--code", "72.10"], "the id 'kota-sigi' is a kota's"),
        (["palu", "--code", "72.71"], "a kota's id starts with 'kota-', not 'palu'"),
        (["x", "--name", "X", "--type", "negara"], "unknown region type 'negara'"),
        ([], "missing --code or --name"),
    ],
)
def test_new_region_usage_errors(run, collection: Path, args: list[str], message: str) -> None:
    result = _new(run, collection, "region", *args, code=2)
    assert message in result.stderr
    assert sorted(p.name for p in (collection / "data/regions").iterdir()) == [
        "banggai.yaml",
        "parigi-moutong.yaml",
    ]
    assert sorted(p.name for p in (collection / "data/sources").iterdir()) == ["fixture.yaml"]


@pytest.mark.parametrize(
    ("file_name", "fields", "args"),
    [
        (
            "makassar",
            "name: Kota Makassar\ntype: kabupaten\n",
            ["--name", "Kota Makassar", "--type", "kabupaten"],
        ),
        ("palu", "name: Kota Palu\ntype: kota\n", ["palu", "--name", "Kota Palu"]),
    ],
)
def test_new_region_refuses_what_validate_reports(
    run, collection: Path, file_name: str, fields: str, args: list[str]
) -> None:
    """The type and id rules are one rule (validation/checks/rules.py): the refusal of
    'new' ends with validate's own message and hint."""
    refused = _new(run, collection, "region", *args, code=2)
    path = collection / f"data/regions/{file_name}.yaml"
    path.write_text(
        f"{fields}province: Sulawesi Selatan\nsources:\n  - source: fixture\n", encoding="utf-8"
    )
    report = json.loads(
        run("--root", str(collection), "validate", "--format", "json", code=1).stdout
    )
    found = [f for f in report["findings"] if f["path"].endswith(f"{file_name}.yaml")]
    words = found[0]["message"] + (f"; {found[0]['hint']}" if found[0]["hint"] else "")
    assert refused.stderr.rstrip("\n").endswith(words), (refused.stderr, found)


def test_new_help_lists_the_four_kinds(run) -> None:
    result = run("new", "--help")
    for kind in ("innovation", "visit", "region", "source"):
        assert kind in result.stdout


def test_a_region_just_started_can_be_referenced_before_it_is_filled(run, collection: Path) -> None:
    _new(run, collection, "region", "--name", "Kabupaten Sigi")
    result = _new(
        run, collection, "visit", "--host", "banggai", "--visitor", "sigi", "--date", "2024"
    )
    assert result.stdout.strip().endswith("data/visits/2024-sigi-ke-banggai.yaml")
    _new(run, collection, "innovation", "-r", "sigi", "-n", "Layanan Baru", "-s", "sosial")


def test_new_innovation_without_a_sector(run, collection: Path) -> None:
    """Nothing forces a guess: the urusan is optional, offered commented out."""
    _new(run, collection, "innovation", "-r", "banggai", "-n", "Layanan Tanpa Urusan")
    target = collection / "data/innovations/banggai/layanan-tanpa-urusan.yaml"
    assert "sector" not in load_bytes(target.read_bytes(), "x").data
    _fill(target)
    run("--root", str(collection), "validate", code=0)


def test_new_source_then_cite_it(run, collection: Path) -> None:
    result = _new(
        run,
        collection,
        "source",
        "--title",
        "Profil Inovasi Daerah Kabupaten Banggai 2024",
        "--kind",
        "news",  # an alias of berita
        "--publisher",
        "Bapperida Kabupaten Banggai",
        "--published",
        "2024-03",
    )
    target = collection / "data/sources/profil-inovasi-daerah-kabupaten-banggai-2024.yaml"
    assert result.stdout == f"{target}\n"
    data = load_bytes(target.read_bytes(), "x").data
    assert data["kind"] == "berita" and data["language"] == "id"
    assert data["published"] == "2024-03" and "url" not in data  # never invented
    check = run("--root", str(collection), "validate", code=1)
    assert "note: expected text, found an empty value" in check.stdout
    _fill(target)
    warned = run("--root", str(collection), "validate", code=0)
    assert "uncited-source" in warned.stdout  # a warning until a record cites it
    again = _new(
        run,
        collection,
        "source",
        "--title",
        "profil inovasi daerah kabupaten banggai 2024",
        "--kind",
        "berita",
        "--slug",
        "lain",
        code=2,
    )
    assert "already described as source profil-inovasi-daerah-kabupaten-banggai-2024" in (
        again.stderr
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--kind", "berita"], "missing --title"),
        (["--title", "T"], "missing --kind"),
        (["--title", "T", "--kind", "beritaa"], "did you mean 'berita'?"),
        (["--title", "T", "--kind", "berita", "--url", "example.org"], "starting with https://"),
        (["--title", "T", "--kind", "berita", "--language", "Bahasa"], "BCP 47"),
        (["--title", "T", "--kind", "berita", "--published", "2019-13"], "not a calendar date"),
    ],
)
def test_new_source_usage_errors(run, collection: Path, args: list[str], message: str) -> None:
    before = sorted(p.as_posix() for p in (collection / "data").rglob("*"))
    result = _new(run, collection, "source", *args, code=2)
    assert message in result.stderr
    assert sorted(p.as_posix() for p in (collection / "data").rglob("*")) == before
