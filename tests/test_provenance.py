"""Stated or classified, and sources a reader can follow: what records say about how each
value was reached, through validate, show, list, stats, export, score and the reports."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from conftest import REPO
from inovasi_cli.records.collection import Collection
from inovasi_cli.reports.award import build_award
from inovasi_cli.reports.formats import Lang
from inovasi_cli.reports.parts import coverage
from inovasi_cli.scoring.classified import classified_urusan
from inovasi_cli.scoring.compute import GateResult
from inovasi_cli.validation.pipeline import load_collection

SHIPPED = ("--root", str(REPO))
CATEGORICAL = ("sector", "other_sectors", "unit_type", "form", "digital", "stage", "initiator")


@pytest.fixture(scope="module")
def shipped() -> Collection:
    loaded = load_collection(REPO)
    assert loaded.findings == []
    return loaded.collection


def _write(root: Path, path: str, text: str) -> None:
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


# -- the shipped collection: every categorical value stated or classified ------------------


def test_every_classified_value_on_a_shipped_record_has_its_basis(shipped: Collection) -> None:
    for innovation in shipped.innovations.values():
        for field_name, basis in innovation.classified:
            assert basis.strip(), (innovation.id, field_name)
            assert getattr(innovation, field_name) not in (None, (), ""), (
                innovation.id,
                field_name,
            )


def test_the_audit_dropped_the_guesses(shipped: Collection) -> None:
    """What the seeds never state is gone, or marked (docs/audit-2026-12.md)."""
    innovations = shipped.innovations.values()
    assert not any(i.digital is False for i in innovations)  # no seed says "non digital"
    for unsupported in (
        "balangan/sanggam-babungas",
        "balangan/sanggam-bakabun",
        "banyuwangi/mal-pelayanan-publik",
        "banyuwangi/e-monitoring-system",
        "banggai/layanan-subuh-berkah",
        "banggai/lorong-smart-dance",
        "banggai/kehumasan-berbasis-online",
    ):
        assert shipped.innovations[unsupported].sector is None, unsupported
    stated_forms = {i.id for i in innovations if i.form and not i.basis("form")}
    assert stated_forms >= {
        "banggai/layanan-subuh-berkah",
        "banyuwangi/smart-kampung",
        "banggai/e-lure",
    }
    assert "adipura" not in shipped.innovations["parigi-moutong/kukusa"].tags


def test_what_the_seeds_state_is_filled(shipped: Collection) -> None:
    innovations = shipped.innovations
    assert innovations["banggai/kehumasan-berbasis-online"].stage == "penerapan"
    assert innovations["banggai/manajemen-penanganan-stunting"].stage == "penerapan"
    for slug in ("e-lure", "boli-montandai-cilaka-toka", "prosista"):
        innovation = innovations[f"banggai/{slug}"]
        assert innovation.initiator == "perangkat-daerah" and not innovation.basis("initiator")
    mal = innovations["banyuwangi/mal-pelayanan-publik"]
    assert [(a.value, a.unit) for a in mal.amounts] == [(192, "layanan publik")]
    assert innovations["banggai/layanan-subuh-berkah"].aliases == (
        "Inovasi Pelayanan Subuh Berkah",
    )
    assert innovations["banyuwangi/garda-ampuh"].unit == "Dinas Pendidikan"
    butur = {f.date for f in shipped.regions["buton-utara"].facts}
    assert butur == {"2021-12-11"}
    lecture = next(f for f in shipped.regions["balangan"].facts if f.kind == "kegiatan")
    assert lecture.date == "2024-02-27" and lecture.year == 2024
    assert (lecture.people[0].name, lecture.people[0].region) == ("Abdul Hadi", "balangan")
    bailang = next(f for f in shipped.regions["balangan"].facts if "Bailang" in f.statement)
    assert [(a.value, a.minimum, a.maximum, a.unit) for a in bailang.amounts] == [
        (6, None, None, "pemenang"),
        (None, 5000000, 40000000, "rupiah"),
        (5, None, None, "pemenang"),
    ]


def test_the_bibliography_is_cited_and_cites_no_file_name(shipped: Collection) -> None:
    assert set(shipped.cited_by) == set(shipped.sources)
    for source in shipped.sources.values():
        assert source.url is None  # no seed shows an address: none is invented
    for path in (REPO / "data").rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        assert "file: 0" not in text, path  # citations, no inline file names


# -- show and list ----------------------------------------------------------------------


def test_show_json_says_which_values_are_stated(run) -> None:
    shown = json.loads(run(*SHIPPED, "show", "banggai/ska-luwuk", "--format", "json").stdout)
    assert shown["stated"] == ["sector", "unit", "unit_type"]
    assert set(shown["classified"]) == {"form", "initiator"}
    assert all(shown["classified"].values())
    assert shown["sources"] == [
        {
            "source": "profil-inovasi-banggai-iga-2019",
            "locator": "no. 9",
            "note": None,
            "note_lang": None,
            "title": "Profil singkat inovasi daerah Kabupaten Banggai pada IGA 2019",
            "title_supplied": True,
            "kind": "blog",
            "publisher": None,
            "author": None,
            "published": None,
            "url": None,
        }
    ]
    listed = json.loads(run(*SHIPPED, "list", "--format", "json").stdout)
    every = next(r for r in listed if r["id"] == "banggai/ska-luwuk")
    assert every["classified"] == shown["classified"] and every["stated"] == shown["stated"]


def test_show_text_marks_a_classification_with_its_basis(run) -> None:
    out = " ".join(run(*SHIPPED, "show", "banggai/alat-taping-box").stdout.split())
    assert "type: digital; classified: alat taping box mencatat transaksi" in out
    assert "stated by the sources: unit, unit_type" in out
    assert "classified by a curator: sector, form, digital, initiator" in out
    assert "(Tulisan blog); no. 13 (source: profil-inovasi-banggai-iga-2019)" in out


def test_list_marks_a_classified_sector_and_csv_names_the_classified_fields(run) -> None:
    table = run(*SHIPPED, "list", "--sector", "kesehatan").stdout
    assert "kesehatan (classified)" in table  # the stunting programme
    text = run(*SHIPPED, "list", "--format", "csv", "--sector", "kesehatan").stdout
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(text))}
    assert rows["banggai/manajemen-penanganan-stunting"]["classified"] == "sector"
    assert rows["banggai/posyandu-prakonsepsi"]["classified"] == "sector; form"
    assert rows["banggai/simpeda"]["classified"] == "form"


# -- validate ---------------------------------------------------------------------------


def test_a_citation_of_an_unknown_source_suggests_the_closest(run, collection: Path) -> None:
    _write(
        collection,
        "data/innovations/banggai/bad.yaml",
        "name: Satu\nsummary: x\nsources:\n  - source: fixtur\n",
    )
    result = run("--root", str(collection), "validate", code=1)
    assert result.stdout == (
        "data/innovations/banggai/bad.yaml:4:13: error unknown-reference sources.0.source: "
        "source 'fixtur' is not in the bibliography (data/sources/); did you mean 'fixture'?\n"
    )


def test_a_fact_citing_an_unknown_source_is_found_too(run, collection: Path) -> None:
    _write(
        collection,
        "data/regions/contoh.yaml",
        "name: Kabupaten Contoh\ntype: kabupaten\nprovince: Sulawesi Tengah\nfacts:\n"
        "  - kind: lainnya\n    statement: s\n    sources:\n      - source: tidak-ada\n"
        "sources:\n  - source: fixture\n",
    )
    result = run("--root", str(collection), "validate", "--format", "json", code=1)
    (finding,) = json.loads(result.stdout)["findings"]
    assert finding["field"] == "facts.0.sources.0.source"
    assert finding["hint"] == "describe the document in data/sources/tidak-ada.yaml"


def test_the_old_inline_source_says_how_to_cite(run, collection: Path) -> None:
    _write(
        collection,
        "data/innovations/banggai/bad.yaml",
        "name: Satu\nsummary: x\nsources:\n  - file: 001_x.txt\n",
    )
    out = run("--root", str(collection), "validate", code=1).stdout
    assert "unknown field 'file'; a citation names a source of data/sources/ by its id" in out
    assert "required field 'source' is missing" in out


def test_an_uncited_source_is_a_warning_that_says_what_to_do(run, collection: Path) -> None:
    _write(
        collection,
        "data/sources/lonely.yaml",
        "title: Sendiri\nkind: berita\nlanguage: id\nnote: Nothing cites it.\n",
    )
    result = run("--root", str(collection), "validate", code=0)
    assert result.stdout == (
        "data/sources/lonely.yaml:1:1: warning uncited-source: no record cites the source "
        "'lonely'; cite it from a record ('sources: - source: lonely') or delete it\n"
    )
    run("--root", str(collection), "validate", "--strict", code=1)


def test_classification_findings(run, collection: Path) -> None:
    _write(
        collection,
        "data/innovations/banggai/bad.yaml",
        "name: Satu\nclassified:\n  form: ''\n  digital: aplikasi\n  summary: x\n"
        "summary: x\nsources:\n  - source: fixture\n",
    )
    result = run("--root", str(collection), "validate", "--format", "json", code=1)
    found = {(f["code"], f["field"]): f["hint"] for f in json.loads(result.stdout)["findings"]}
    assert set(found) == {  # every finding at once: the schema's, and the meaning check's
        ("empty-value", "classified.form"),
        ("unknown-field", "classified.summary"),
        ("basis-without-value", "classified.digital"),
    }
    assert found[("empty-value", "classified.form")].startswith("write why the value was chosen")
    assert found[("unknown-field", "classified.summary")] == (
        "only these fields can be classified: digital, form, initiator, other_sectors, "
        "sector, stage, unit, unit_type"
    )
    # Once the shape is right, a basis for a field the record lacks is the next finding.
    _write(
        collection,
        "data/innovations/banggai/bad.yaml",
        "name: Satu\nclassified:\n  digital: aplikasi\nsummary: x\nsources:\n  - source: fixture\n",
    )
    out = run("--root", str(collection), "validate", code=1).stdout
    assert "error basis-without-value classified.digital: the record has no 'digital'" in out


def test_a_visit_kind_can_be_classified(run, collection: Path) -> None:
    visit = collection / "data/visits/2019-07-parigi-moutong-ke-banggai.yaml"
    text = visit.read_text(encoding="utf-8")
    visit.write_text(
        text.replace("kind: studi-banding\n", "kind: studi-banding\nclassified:\n  kind: x\n"),
        encoding="utf-8",
    )
    run("--root", str(collection), "validate", code=0)
    shape = json.loads(run("--root", str(collection), "visits", "-f", "json").stdout)[0]
    assert shape["classified"] == {"kind": "x"} and shape["stated"] == []


# -- reports ----------------------------------------------------------------------------


def test_award_summary_counts_only_stated_values(shipped: Collection) -> None:
    context = build_award(shipped, "banggai", "iga", 2019, Lang.ID)
    c = context.coverage
    assert c.innovations == 24
    assert c.sector_stated + c.sector_classified + c.sector_unrecorded == 24
    assert c.digital_stated == 4  # E-Makam, E-Lure, Si-ANDUK, Toper Kece say so
    assert c.digital_classified == 2  # the taping box and the smart card: a curator's reading
    sectors = {row.value: (row.count, row.classified) for row in context.by_sector}
    assert sectors["pekerjaan-umum-dan-penataan-ruang"] == (2, 2)


def test_award_report_marks_classifications_and_never_states_them(run) -> None:
    md = run(*SHIPPED, "report", "award", "--region", "banggai", "--award", "iga-2019").stdout
    assert "enam di antaranya inovasi digital" not in md
    assert "Sumber menyebut empat di antaranya inovasi digital." in md
    assert "Berdasarkan klasifikasi kurator, dua inovasi lainnya tergolong digital." in md
    assert "merupakan klasifikasi kurator, bukan pernyataan sumber" in md
    assert "- **Jenis:** Digital *(klasifikasi: alat taping box" in md
    assert "Nondigital" not in md and "Non digital" not in md  # no seed says it
    assert "| Urusan pemerintahan | Jumlah inovasi | Klasifikasi |" in md
    en = run(
        *SHIPPED, "report", "award", "--region", "banggai", "--award", "iga-2019", "--lang", "en"
    ).stdout
    assert "The sources call 4 of them digital." in en
    assert "*(classified: " in en


def test_reports_render_citations_from_the_bibliography(run) -> None:
    md = run(*SHIPPED, "report", "visits", "--host", "banyuwangi").stdout
    assert (
        "1. Hafiluddin Ahmad, jatimnow.com. *Pejabat Setneg dan Administrasi Negara Belajar "
        "Inovasi di Banyuwangi* (Berita)." in md
    )
    region = run(*SHIPPED, "report", "region", "balangan").stdout
    assert "MC Kab Balangan, InfoPublik. *\\[Bupati Balangan menjadi Tenaga Pengajar" in region
    assert "; terbit 27 Februari 2024." in region
    assert "  - Waktu: 27 Februari 2024\n" in region  # a fact with its full date
    assert "uang pembinaan bagi para pemenang Bailang (berkisar): 5.000.000–40.000.000 rupiah" in (
        region
    )
    assert "Tempat: Jakarta" in region
    for kind in ("award --region banggai --award iga-2019", "yearly --year 2019"):
        text = run(*SHIPPED, "report", *kind.split()).stdout
        assert ".txt" not in text and "Berkas" not in text


def test_coverage_of_nothing_and_of_classifications_only(shipped: Collection) -> None:
    none = coverage([])
    assert (none.sector_stated, none.sector_classified, none.digital_stated) == (0, 0, 0)
    stunting = shipped.innovations["banggai/manajemen-penanganan-stunting"]
    only = coverage([stunting])
    assert (only.sector_stated, only.sector_classified, only.sectors_total) == (0, 1, 1)


# -- score ------------------------------------------------------------------------------


def test_score_says_how_many_gate_urusan_rest_on_classifications(run) -> None:
    text = run(*SHIPPED, "score", "--region", "banggai").stdout
    assert (
        "2 of the 4 covered only by a curator's classification: "
        "pekerjaan-umum-dan-penataan-ruang, perumahan-rakyat-dan-kawasan-permukiman"
    ) in text
    (record,) = json.loads(run(*SHIPPED, "score", "--region", "banggai", "-f", "json").stdout)
    assert record["gate_covered_classified"] == [
        "pekerjaan-umum-dan-penataan-ruang",
        "perumahan-rakyat-dan-kawasan-permukiman",
    ]
    assert set(record["gate_covered_classified"]) <= set(record["gate_covered"])
    md = run(*SHIPPED, "report", "region", "banggai").stdout
    assert "2 di antaranya hanya berdasarkan klasifikasi kurator" in md


def test_classified_urusan_is_pure(shipped: Collection) -> None:
    innovations = list(shipped.innovations_by_region["banggai"])
    gate = GateResult(True, ("kesehatan", "sosial", "pertanian"), 2, ("kesehatan", "pertanian"))
    assert classified_urusan(gate, innovations) == ("pertanian",)  # Prosista, Posbidik
    assert classified_urusan(gate, []) == ("kesehatan", "pertanian")


# -- export -----------------------------------------------------------------------------


def test_export_joins_citations_to_the_bibliography(run, tmp_path: Path) -> None:
    database = tmp_path / "inovasi.db"
    run(*SHIPPED, "export", "--format", "sqlite", "--output", str(database))
    with closing(sqlite3.connect(database)) as db:
        cited = db.execute(
            "SELECT s.publisher, c.locator FROM citations c JOIN sources s ON s.id = c.source "
            "WHERE c.record_type = 'innovation' AND c.record_id = 'banyuwangi/mal-pelayanan-publik'"
        ).fetchall()
        assert cited == [("jatimnow.com", "para. 10")]
        basis = db.execute(
            "SELECT basis FROM classifications WHERE record_id = 'banggai/ska-luwuk' "
            "AND field = 'form'"
        ).fetchone()
        assert basis and basis[0].startswith("mempermudah para eksportir")
        people = db.execute(
            "SELECT p.name, f.date FROM fact_people p JOIN region_facts f ON f.id = p.fact "
            "WHERE f.region = 'buton-utara' AND p.role = 'membuka kegiatan'"
        ).fetchall()
        assert people == [("Muhammad Hardhy Muslim", "2021-12-11")]
        (services,) = db.execute(
            "SELECT value FROM innovation_amounts WHERE innovation = "
            "'banyuwangi/mal-pelayanan-publik'"
        ).fetchone()
        assert services == 192
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_every_export_format_carries_the_classifications(run, fmt: str) -> None:
    out = run(*SHIPPED, "export", "--format", fmt, "--output", "-").stdout
    assert '"basis": "mempermudah para eksportir' in out
    assert '"source": "profil-inovasi-banggai-iga-2019"' in out


def test_categorical_fields_are_the_classifiable_ones() -> None:
    from inovasi_cli.records.values import CLASSIFIABLE

    assert set(CATEGORICAL) <= set(CLASSIFIABLE["innovation"])


def test_show_and_search_find_an_alias(run) -> None:
    out = run(*SHIPPED, "show", "Inovasi Pelayanan Subuh Berkah").stdout
    assert out.startswith("Layanan Subuh Berkah\nbanggai/layanan-subuh-berkah")
    assert "also called: Inovasi Pelayanan Subuh Berkah" in out
    found = run(*SHIPPED, "list", "--query", "inovasi pelayanan subuh", "-f", "ids").stdout
    assert found.split() == ["banggai/layanan-subuh-berkah"]
