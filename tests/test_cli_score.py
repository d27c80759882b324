"""`inovasi score` through the CLI, and evidence checked by `inovasi validate`."""

from __future__ import annotations

import json
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import REPO
from inovasi_cli.scoring.compute import predicate_for
from inovasi_cli.validation.pipeline import load_collection

SHIPPED = ("--root", str(REPO))


@pytest.fixture
def scored(collection: Path) -> Path:
    """The example collection with the shipped scoring models."""
    shutil.copytree(REPO / "data/scoring", collection / "data/scoring")
    return collection


def write_evidence(root: Path, relative: str, evidence: str) -> Path:
    """Append an ``evidence:`` block to a record of the example collection."""
    path = root / relative
    text = path.read_text(encoding="utf-8")
    path.write_text(text.rstrip("\n") + "\nevidence:\n" + evidence, encoding="utf-8")
    return path


# -- the region breakdown --------------------------------------------------------------------


def test_region_breakdown_shows_an_index_and_the_matching_predicate(run) -> None:
    result = run(*SHIPPED, "score", "--region", "banggai", "--format", "text")
    out = result.stdout
    index = Decimal(re.search(r"^Index \(Total / 250 x 100\)\s+(\S+)$", out, re.M)[1])
    assert Decimal(0) <= index <= Decimal(100)
    # Near-zero evidence: the band the index falls in is not presented as a predicate.
    assert re.search(r"^Predicate: not assessed from the recorded evidence", out, re.M)
    model = load_collection(REPO).collection.scoring_models["iid-2026"]
    [record] = json.loads(run(*SHIPPED, "score", "--region", "banggai", "-f", "json").stdout)
    assert predicate_for(model, index).name == record["index_band"]
    # every part of the formula is on its own line
    for label in ("Region aspect (SPD)", "/ MAX(14, ", "count score MIN(", "Total (SPD + SID)"):
        assert label in out
    assert "gate not met" in out or "gate met" in out
    assert "it is not the ministry's assessment" in out
    assert "iid-2026 (Indeks Inovasi Daerah 2026; reported)" in out


def test_region_breakdown_as_json_agrees_with_itself(run) -> None:
    result = run(*SHIPPED, "score", "--region", "banggai", "--format", "json")
    [record] = json.loads(result.stdout)
    assert record["region"] == "banggai"
    assert record["model"] == "iid-2026"
    assert 0 <= record["index"] <= 100
    total = Decimal(str(record["spd"])) + Decimal(str(record["sid"]))
    assert abs(total - Decimal(str(record["total"]))) <= Decimal("0.01")
    exact = Decimal(record["index_exact"])
    assert Decimal(str(record["index"])) == exact.quantize(Decimal("0.01"), "ROUND_HALF_UP")
    assert record["gate_minimum"] == 6
    assert record["count_score"] == (record["count_before_gate"] if record["gate_met"] else 0)
    assert record["divisor"] == max(14, record["n"])


def test_fewer_innovations_than_the_divisor_is_explained(run, scored: Path) -> None:
    # banggai has 2 innovations in the example collection: divided by MAX(14, 2) = 14.
    # pinasa: replikasi derived (kukusa) level 1 -> 3 x 1 = 3; sum 3 / 14 = 0.214... -> 0.21;
    # divided by n = 2 it would be 1.50. Gate: kesehatan + lingkungan-hidup -> 1 of 6: not met.
    out = run("--root", str(scored), "score", "-r", "banggai", "--format", "text").stdout
    assert re.search(r"^  / MAX\(14, 2\) = 14\s+0\.21$", out, re.M)
    assert "12 fewer innovations than the divisor count as 0" in out
    assert "(divided by n = 2 it would be 1.50)" in out
    assert "gate not met: covers 1 of the 6 required urusan (needs 6" in out
    assert re.search(r"^Total \(SPD \+ SID\)\s+0\.21$", out, re.M)
    # 0.2142857... / 250 x 100 = 0.0857... -> 0.09, in Kurang Inovatif (0.01-40.00), but
    # 1 of 55 indicators has a level (1.8%): no predicate.
    assert re.search(r"^Index \(Total / 250 x 100\)\s+0\.09$", out, re.M)
    assert "Predicate: not assessed from the recorded evidence: it covers 1.8%" in out


def test_the_2023_model_says_what_it_cannot_compute(run) -> None:
    out = run(*SHIPPED, "score", "-r", "banggai", "--model", "iid-2023", "-f", "text").stdout
    assert re.search(r"^  / MAX\(10, \d+\) = \d+", out, re.M)
    assert re.search(r"^Index \(Total / unknown x 100\)\s+unknown$", out, re.M)
    assert "Predicate: unknown" in out
    assert "not computed: index: iid-2023 has no published maximum total" in out
    assert "(Indeks Inovasi Daerah 2023; reconstruction)" in out


def test_year_picks_the_model(run) -> None:
    out = run(*SHIPPED, "score", "-r", "banggai", "--year", "2025", "-f", "text").stdout
    assert "model: iid-2025" in out
    assert "/ MAX(12, " in out
    assert "(needs 5, counted by urusan-utama)" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--year", "2019"), "no scoring model covers 2019"),
        (("--model", "iid-2019"), "unknown model 'iid-2019'"),
        (("--model", "iid-2026", "--year", "2025"), "iid-2026 is the model for 2026, not 2025"),
        (("--region", "bangai"), "did you mean 'banggai'"),
        (("--explain", "tidak-ada"), "tidak-ada"),
    ],
)
def test_bad_choices_are_usage_errors(run, args: tuple[str, ...], message: str) -> None:
    result = run(*SHIPPED, "score", *args, code=2)
    assert message in result.stderr
    assert result.stdout == ""


def test_a_collection_without_models_is_a_usage_error(run, collection: Path) -> None:
    result = run("--root", str(collection), "score", code=2)
    assert "the collection has no scoring models" in result.stderr


# -- rankings --------------------------------------------------------------------------------


def test_innovations_ranked_make_missing_evidence_visible(run) -> None:
    result = run(*SHIPPED, "score", "--format", "json")
    records = json.loads(result.stdout)
    assert records[0]["id"] == "banggai/pinasa"  # the only one with a (derived) level
    assert records[0]["score"] == 3.0
    assert (records[0]["derived"], records[0]["missing"], records[0]["indicators"]) == (1, 19, 20)
    assert all(r["score"] == 0 and r["missing"] == 20 for r in records[1:])
    assert [r["rank"] for r in records] == list(range(1, len(records) + 1))
    text = run(*SHIPPED, "score", "--limit", "2", "--format", "text")
    assert re.search(r"banggai/pinasa .* 3\.00\s+19 of 20", text.stdout)
    assert "have no level on any indicator" in text.stderr


def test_filters_choose_the_innovations(run) -> None:
    result = run(*SHIPPED, "score", "--sector", "lingkungan-hidup", "--format", "ids")
    ids = result.stdout.split()
    assert ids[0] == "banggai/pinasa"
    assert "parigi-moutong/kukusa" in ids
    assert "banggai/e-makam" not in ids


def test_regions_ranked(run) -> None:
    result = run(*SHIPPED, "score", "--by", "region", "--format", "json")
    records = json.loads(result.stdout)
    assert records[0]["region"] == "banggai"
    assert {r["region"] for r in records} >= {"banggai", "parigi-moutong", "balangan"}
    indexes = [r["index"] for r in records]
    assert indexes == sorted(indexes, reverse=True)
    csv = run(*SHIPPED, "score", "--by", "region", "--format", "csv").stdout
    assert csv.splitlines()[0].startswith("rank,region,name,model,year,n,spd")


# -- explain ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "innovation", ["banggai/pinasa", "PINASA", "parigi-moutong/kukusa", "balangan/sanggam-bakabun"]
)
def test_explain_adds_up_to_the_score(run, innovation: str) -> None:
    record = json.loads(run(*SHIPPED, "score", "--explain", innovation, "-f", "json").stdout)
    points = sum(Decimal(str(r["points"])) for r in record["rows"])
    assert points == Decimal(record["score_exact"])
    ranked = json.loads(run(*SHIPPED, "score", "--format", "json").stdout)
    assert {r["id"]: r["score"] for r in ranked}[record["id"]] == record["score"]
    for row in record["rows"]:
        assert row["points"] == row["weight"] * row["level"]
        assert row["origin"] in {"evidence", "derived", "missing"}


def test_explain_text_shows_every_indicator_and_what_would_raise_it(run) -> None:
    result = run(*SHIPPED, "score", "--explain", "banggai/pinasa", "--format", "text")
    out = result.stdout
    assert out.startswith("banggai/pinasa  Gerakan Moral PINASA\n")
    for number in range(16, 36):
        assert re.search(rf"^{number}  ", out, re.M), number
    assert re.search(
        r"^31  replikasi\s+3\s+1\s+3\.00  derived  replicated by 1 other region\(s\): "
        r"parigi-moutong$",
        out,
        re.M,
    )
    assert "sum: 3.00 of 111 possible" in out
    assert "19 of 20 indicators without evidence" in out
    assert "would raise it most: 35 video-inovasi +12.00 (level 0 -> 3: 5 elemen)" in out


def test_evidence_is_scored_and_cited(run, scored: Path) -> None:
    # pinasa: regulasi level 2 (Perkada) -> 3 x 2 = 6; video level 1 -> 4 x 1 = 4; replikasi
    # derived level 1 -> 3. Sum 13.
    write_evidence(
        scored,
        "data/innovations/banggai/pinasa.yaml",
        "  - model: iid-2026\n    indicator: regulasi-inovasi-daerah\n    level: 2\n"
        "    document:\n      title: Perbup Banggai tentang PINASA\n"
        "  - model: iid-2026\n    indicator: video-inovasi\n    level: 1\n"
        "    document:\n      url: https://example.org/video\n",
    )
    run("--root", str(scored), "validate")
    out = run("--root", str(scored), "score", "-e", "pinasa", "-f", "text").stdout
    assert re.search(
        r"^16  regulasi-inovasi-daerah\s+3\s+2\s+6\.00  evidence\s+Perbup Banggai", out, re.M
    )
    assert "sum: 6.00 + 3.00 + 4.00 = 13.00 of 111 possible" in out
    assert "levels: 2 from evidence, 1 derived" in out
    # Gains now: 33 kemanfaatan 3 x 3 = 9; 35 video (level 1) 4 x 2 = 8; 16 (level 2) 3 x 1.
    assert (
        "would raise it most: 33 kemanfaatan +9.00 (level 0 -> 3: 501 penerima manfaat atau "
        "lebih); 35 video-inovasi +8.00 (level 1 -> 3: 5 elemen)" in out
    )


def test_record_text_is_escaped(run, scored: Path) -> None:
    path = scored / "data/innovations/banggai/pinasa.yaml"
    path.write_text(
        path.read_text().replace("name: Gerakan moral PINASA", 'name: "PINASA \\e[31mmerah"')
    )
    out = run("--root", str(scored), "score", "-e", "banggai/pinasa", "-f", "text").stdout
    assert "\x1b" not in out
    assert "\\x1b[31mmerah" in out


# -- evidence checks -------------------------------------------------------------------------


def findings(run, root: Path, code: int = 1) -> list[dict[str, object]]:
    result = run("--root", str(root), "validate", "--format", "json", code=code)
    return json.loads(result.stdout)["findings"]


def test_unknown_indicator_and_level_are_findings_with_lines(run, scored: Path) -> None:
    write_evidence(
        scored,
        "data/innovations/banggai/pinasa.yaml",
        "  - model: iid-2026\n    indicator: replikasii\n    level: 1\n"
        "    document:\n      title: Surat minat replikasi\n"
        "  - model: iid-2026\n    indicator: kemanfaatan\n    level: 4\n"
        "    document:\n      title: Laporan\n",
    )
    lines = (scored / "data/innovations/banggai/pinasa.yaml").read_text().splitlines()
    first = lines.index("evidence:") + 1
    got = {(f["code"], f["line"], f["column"], f["field"]): f for f in findings(run, scored)}
    unknown = got[("unknown-indicator", first + 2, 16, "evidence.0.indicator")]
    assert unknown["message"] == "'replikasii' is not an indicator of iid-2026"
    assert unknown["hint"] == "did you mean 'replikasi'?"
    level = got[("unknown-level", first + 8, 12, "evidence.1.level")]
    assert level["message"] == "level 4 is not a level of 33 kemanfaatan in iid-2026"
    assert "3 = 501 penerima manfaat atau lebih" in level["hint"]


def test_aspect_model_and_duplicates_are_findings(run, scored: Path) -> None:
    write_evidence(
        scored,
        "data/innovations/banggai/poli-lansia.yaml",
        "  - model: iid-2026\n    indicator: opini-bpk\n    level: 3\n"
        "    document:\n      title: LHP BPK\n"
        "  - model: iid-2030\n    indicator: replikasi\n    level: 1\n"
        "    document:\n      title: x\n"
        "  - model: iid-2026\n    indicator: bimtek\n    level: 1\n"
        "    document:\n      title: a\n"
        "  - model: iid-2026\n    indicator: bimtek\n    level: 2\n"
        "    document:\n      title: b\n",
    )
    write_evidence(
        scored,
        "data/regions/banggai.yaml",
        "  - model: iid-2026\n    year: 2026\n    indicator: replikasi\n    level: 1\n"
        "    document:\n      title: x\n"
        "  - model: iid-2026\n    year: 2024\n    indicator: nilai-sakip\n    level: 2\n"
        "    document:\n      title: LHE SAKIP\n",
    )
    got = {(f["path"], f["code"], f["field"]): f for f in findings(run, scored)}
    innovation = "data/innovations/banggai/poli-lansia.yaml"
    aspect = got[(innovation, "wrong-aspect", "evidence.0.indicator")]
    assert aspect["message"] == (
        "8 opini-bpk belongs to the region aspect (SPD) of iid-2026, "
        "not to the innovation aspect (SID)"
    )
    model = got[(innovation, "unknown-model", "evidence.1.model")]
    assert model["message"] == "'iid-2030' is not a scoring model in the collection"
    assert model["hint"] == "did you mean 'iid-2023'? models: iid-2023, iid-2025, iid-2026"
    assert (innovation, "duplicate-evidence", "evidence.3.indicator") in got
    region = "data/regions/banggai.yaml"
    assert (region, "wrong-aspect", "evidence.0.indicator") in got
    outside = got[(region, "year-outside-model", "evidence.1.year")]
    assert outside["severity"] == "warning"


def test_valid_evidence_is_clean(run, scored: Path) -> None:
    write_evidence(
        scored,
        "data/regions/banggai.yaml",
        "  - model: iid-2026\n    year: 2026\n    indicator: opini-bpk\n    level: 3\n"
        "    document:\n      title: LHP BPK\n    note: WTP\n",
    )
    result = run("--root", str(scored), "validate")
    assert "no problems found" in result.stderr
    # the weight of opini-bpk is not known: the SPD (and so the index) cannot be computed
    out = run("--root", str(scored), "score", "-r", "banggai", "-f", "text").stdout
    assert "not computed: SPD: the weight of opini-bpk is not known in iid-2026" in out
    assert "Predicate: unknown" in out


def test_an_invalid_model_is_left_out_but_not_reported_twice(run, scored: Path) -> None:
    model = scored / "data/scoring/iid-2026.yaml"
    model.write_text(model.read_text().replace("  minimum: 14\n", "  minimum: many\n"))
    write_evidence(
        scored,
        "data/innovations/banggai/pinasa.yaml",
        "  - model: iid-2026\n    indicator: replikasi\n    level: 1\n"
        "    document:\n      title: x\n",
    )
    got = findings(run, scored)
    assert {f["path"] for f in got} == {"data/scoring/iid-2026.yaml"}
    out = run("--root", str(scored), "score", "-r", "banggai", "-f", "text")
    assert "model: iid-2025" in out.stdout  # the newest valid model
    assert "file(s) have errors and are left out" in out.stderr


def test_help_and_readme_document_score(run) -> None:
    assert "--explain" in run("score", "--help").stdout
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for example in ("--region banggai", "--explain pinasa", "--by region"):
        assert f"\n$ inovasi score {example}" in readme, example


# -- models at the edges of their bounds -------------------------------------------------------


def _at_the_edges(root: Path, **values: str) -> None:
    """iid-2026 with its maximum and parts replaced: ``values`` are YAML scalars."""
    path = root / "data/scoring/iid-2026.yaml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"maximum:\n  total: 250\n  region: 63\n  innovation: 111\n  count: 76\n",
                  f"maximum:\n  total: {values.get('total', '250')}\n", text)  # fmt: skip
    for key in ("per_innovation", "cap"):
        if key in values:
            text = re.sub(rf"(\n  {key}: )\S+", rf"\g<1>{values[key]}", text)
    if "weight" in values:
        text = re.sub(r"(\n    weight: )\S+", rf"\g<1>{values['weight']}", text)
    path.write_text(text, encoding="utf-8")


SCORE_COMMANDS = [
    ["score", "--region", "banggai"],
    ["score", "--region", "banggai", "--format", "json"],
    ["score", "--by", "region"],
    ["score"],
    ["score", "--explain", "banggai/pinasa"],
    ["report", "region", "banggai", "--model", "iid-2026"],
    ["report", "region", "banggai", "--model", "iid-2026", "--format", "html"],
]


@pytest.mark.parametrize(
    "edges",
    [{"total": "0.001"}, {"total": "1000000", "weight": "1000", "per_innovation": "1000",
     "cap": "100000"}, {"total": "0.001", "weight": "1000", "per_innovation": "1000"}],
    ids=["smallest-maximum", "largest-numbers", "largest-over-smallest"],
)  # fmt: skip
def test_a_model_at_the_edges_of_its_bounds_scores(
    run, scored: Path, edges: dict[str, str]
) -> None:
    """The smallest maximum and the largest weights the schema allows: an index in the
    billions, never a decimal overflow (1.0e-30 used to be valid and kill these)."""
    _at_the_edges(scored, **edges)
    assert "iid-2026.yaml" not in run("--root", str(scored), "validate", code=None).stdout
    for args in SCORE_COMMANDS:
        result = run("--root", str(scored), *args)
        assert "left out" not in result.stderr, result.stderr


def test_a_model_beyond_its_bounds_is_refused_and_left_out(run, scored: Path) -> None:
    _at_the_edges(scored, total="1.0e-30")
    findings = run("--root", str(scored), "validate", "-f", "json", code=1).stdout
    codes = {(f["field"], f["code"]) for f in json.loads(findings)["findings"]}
    assert codes == {("maximum.total", "out-of-range"), ("maximum.total", "too-precise")}
    result = run("--root", str(scored), "score", "--region", "banggai")
    assert "left out" in result.stderr and "iid-2025" in result.stderr + result.stdout


def test_rounding_takes_the_digits_it_needs() -> None:
    from inovasi_cli.scoring.compute import round2

    huge = Decimal("1" + "0" * 40 + ".005")  # 41 digits before the point: beyond 28
    assert round2(huge) == Decimal("1" + "0" * 40 + ".01")
    assert str(round2(Decimal("60.005"))) == "60.01"
