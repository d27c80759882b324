"""What a score may say about a region: the evidence coverage, the one predicate rule
(``scoring/assessment.py``), and the CLI and the region report applying it alike."""

from __future__ import annotations

import json
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import REPO
from inovasi_cli.records.model import Fact, Region
from inovasi_cli.scoring import compute as scoring
from inovasi_cli.scoring.assessment import (
    MIN_COVERAGE,
    EvidenceCoverage,
    evidence_coverage,
    official_results,
    percent,
)
from inovasi_cli.validation.pipeline import load_collection

SHIPPED = ("--root", str(REPO))
BANDS = ("Sangat Inovatif", "Inovatif", "Kurang Inovatif", "Tidak Dapat Dinilai")
MODEL = "iid-2026"


def coverage(levelled: int, of: int) -> EvidenceCoverage:
    return EvidenceCoverage(0, 0, levelled, of)


def test_the_threshold_is_inclusive_and_the_share_never_rounds_up_to_it() -> None:
    assert Decimal("0.80") == MIN_COVERAGE
    assert coverage(80, 100).sufficient
    assert not coverage(79, 100).sufficient
    assert not coverage(0, 0).sufficient  # nothing to cover: nothing to assess
    assert percent(coverage(7996, 10000).share) == Decimal("79.9")  # not 80.0
    assert percent(coverage(1, 575).share) == Decimal("0.1")


def test_coverage_counts_evidence_and_derived_levels_of_every_row() -> None:
    shipped = load_collection(REPO).collection
    model = shipped.scoring_models[MODEL]
    own = shipped.innovations_by_region["banggai"]
    result = scoring.score_region(model, "banggai", own, shipped)
    found = evidence_coverage(result)
    assert found.region_indicators == 15 and found.region_levelled == 0
    assert found.innovation_indicators == 20 * len(own)
    assert found.innovation_levelled == 1  # PINASA's replikasi, derived from KUKUSA
    assert not found.sufficient


def test_official_results_are_the_iga_facts_with_a_result() -> None:
    fact = Fact(kind="iga", statement="x", year=2019, top=5)
    plain = Fact(kind="iga", statement="ikut serta", year=2018)
    sakip = Fact(kind="sakip", statement="BB", grade="BB")
    region = Region("r", "R", "kabupaten", facts=(plain, sakip, fact))
    assert official_results(region) == (fact,)
    assert official_results(None) == ()


# -- the CLI ---------------------------------------------------------------------------


def test_banggai_gets_no_predicate_from_near_zero_evidence(run) -> None:
    out = run(*SHIPPED, "score", "--region", "banggai", "-f", "text").stdout
    lines = out.splitlines()
    assert lines[2].startswith("evidence: 1 of 575 indicators have a level (0.1%")  # first
    assert (
        "Predicate: not assessed from the recorded evidence: it covers 0.1% of the "
        "indicators, below the 80% a predicate needs" in lines
    )
    assert not [line for line in lines if any(band in line for band in BANDS)]
    assert "  IGA 2019: top 5 (kabupaten); source: profil-inovasi-banggai-iga-2019" in lines
    [record] = json.loads(run(*SHIPPED, "score", "--region", "banggai", "-f", "json").stdout)
    assert record["predicate"] is None
    assert record["index_band"] == "Kurang Inovatif"  # what the simulated index falls in
    assert record["evidence_coverage"]["sufficient"] is False
    assert record["official_results"][0]["top"] == 5


def test_the_region_ranking_withholds_predicates_the_same_way(run) -> None:
    result = run(*SHIPPED, "score", "--by", "region", "-f", "text")
    rows = result.stdout.splitlines()[1:]
    assert rows and all(row.rstrip().endswith("not assessed") for row in rows)
    assert "a predicate is shown only where the recorded evidence" in result.stderr
    records = json.loads(run(*SHIPPED, "score", "--by", "region", "-f", "json").stdout)
    assert {r["predicate"] for r in records} == {None}


# -- a collection with enough evidence -------------------------------------------------


@pytest.fixture
def evidenced(collection: Path) -> Path:
    return add_full_evidence(collection)


def add_full_evidence(collection: Path) -> Path:
    """The example collection with the shipped models, and Banggai with five innovations
    that each have a level on every innovation indicator: 100 of 115 rows (87%)."""
    shutil.copytree(REPO / "data/scoring", collection / "data/scoring")
    model = load_collection(collection).collection.scoring_models[MODEL]
    folder = collection / "data/innovations/banggai"
    for number in range(3):
        (folder / f"uji-{number}.yaml").write_text(
            f"name: Inovasi Uji {number}\nsector: sosial\nsummary: Untuk uji.\n"
            "sources:\n  - source: fixture\n",
            encoding="utf-8",
        )
    rows = "".join(
        f"  - model: {MODEL}\n    indicator: {i.id}\n    level: 2\n"
        "    document:\n      title: Dokumen uji\n"
        for i in model.indicators_of(scoring.Aspect.INNOVATION)
    )
    for path in sorted(folder.glob("*.yaml")):
        text = path.read_text(encoding="utf-8").rstrip("\n")
        path.write_text(f"{text}\nevidence:\n{rows}", encoding="utf-8")
    assert not load_collection(collection, use_cache=False).errors
    return collection


def test_enough_evidence_gives_a_predicate_said_to_be_simulated(run, evidenced: Path) -> None:
    root = ("--root", str(evidenced))
    [record] = json.loads(run(*root, "score", "--region", "banggai", "-f", "json").stdout)
    assert record["evidence_coverage"]["levelled"] == 100
    assert record["evidence_coverage"]["indicators"] == 115
    assert record["predicate"] == record["index_band"] is not None
    out = run(*root, "score", "--region", "banggai", "-f", "text").stdout
    line = next(line for line in out.splitlines() if line.startswith("Predicate"))
    simulated = "Predicate, simulated from the recorded evidence"
    assert line.startswith(f"{simulated}: {record['predicate']}")
    md = run(*root, "report", "region", "banggai").stdout
    section = md.split("### Simulasi dari bukti tercatat\n", 1)[1].split("\n## ", 1)[0]
    assert section.lstrip().startswith("Cakupan bukti tercatat: 100 dari 115 indikator")
    figure = f"{record['index']:.2f}".replace(".", ",")
    assert (
        f"**Predikat hasil simulasi dari bukti tercatat: {record['predicate']} "
        f"(indeks {figure} dari 100).**" in section
    )


@pytest.mark.parametrize("fixture", ["shipped", "evidenced"])
def test_the_report_and_the_cli_apply_one_rule(run, request, fixture: str) -> None:
    root = REPO if fixture == "shipped" else request.getfixturevalue("evidenced")
    records = json.loads(run("--root", str(root), "score", "--by", "region", "-f", "json").stdout)
    for record in records:
        result = run("--root", str(root), "report", "region", record["region"], code=None)
        if result.exit_code == 2:  # nothing recorded about the region but its name
            continue
        md = result.stdout
        simulation = md.split("### Simulasi dari bukti tercatat\n", 1)[1].split("\n## ", 1)[0]
        stated = "Predikat hasil simulasi dari bukti tercatat" in simulation
        assert stated == (record["predicate"] is not None), record["region"]
        # Every line of the simulation that names a band says it is simulated.
        for line in simulation.splitlines():
            if any(re.search(rf"\b{band}\b", line) for band in BANDS):
                assert "simulasi" in line.lower(), line
