"""The scoring core against worked examples computed by hand (written out in the comments),
plus the shipped models' own arithmetic."""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

import pytest

from conftest import REPO
from inovasi_cli.records.collection import Collection
from inovasi_cli.records.model import Innovation, Region
from inovasi_cli.records.schema import validator
from inovasi_cli.records.scoring_model import ScoringModel
from inovasi_cli.scoring.compute import (
    Origin,
    predicate_for,
    rank_innovations,
    rank_regions,
    round2,
    score_innovation,
    score_region,
)
from inovasi_cli.validation.pipeline import load_collection

D = Decimal
BANDS_2023 = [
    {"name": "Tidak Dapat Dinilai", "minimum": 0, "maximum": 0},
    {"name": "Kurang Inovatif", "minimum": 0.01, "maximum": 34.99},
    {"name": "Inovatif", "minimum": 35.00, "maximum": 60.00},
    {"name": "Sangat Inovatif", "minimum": 60.01, "maximum": 100.00},
]
BANDS_2025 = [
    {"name": "Tidak Dapat Dinilai", "minimum": 0, "maximum": 0},
    {"name": "Kurang Inovatif", "minimum": 0.01, "maximum": 40.00},
    {"name": "Inovatif", "minimum": 40.01, "maximum": 65.00},
    {"name": "Sangat Inovatif", "minimum": 65.01, "maximum": 100},
]


def prov(status: str = "official") -> dict[str, str]:
    return {"status": status, "source": "worked example"}


def model_data(**changes: Any) -> dict[str, Any]:
    """A small model: region r1 (weight 2), r2 (1); innovation a (3), b (2), rep (1,
    derived from replications). Divisor MAX(4, n); count MIN(n, 10) x 0.5 when 2 of
    pendidikan/kesehatan/sosial are covered; maximum total 32 = 9 + 18 + 5."""
    data: dict[str, Any] = {
        "name": "Model uji",
        "years": [2023],
        "provenance": prov(),
        "aspects": {"region": {"provenance": prov()}, "innovation": {"provenance": prov()}},
        "divisor": {"minimum": 4, "provenance": prov()},
        "count_score": {"per_innovation": 0.5, "cap": 10, "provenance": prov()},
        "count_gate": {
            "sectors": ["pendidikan", "kesehatan", "sosial"],
            "minimum": 2,
            "provenance": prov(),
        },
        "predicates": {"bands": BANDS_2023, "provenance": prov()},
        "maximum": {"total": 32, "region": 9, "innovation": 18, "count": 5, "provenance": prov()},
        "indicators": [
            {"number": 1, "id": "r1", "name": "R1", "aspect": "region", "weight": 2},
            {"number": 2, "id": "r2", "name": "R2", "aspect": "region", "weight": 1},
            {"number": 3, "id": "a", "name": "A", "aspect": "innovation", "weight": 3},
            {"number": 4, "id": "b", "name": "B", "aspect": "innovation", "weight": 2},
            {
                "number": 5,
                "id": "rep",
                "name": "Replikasi",
                "aspect": "innovation",
                "weight": 1,
                "derived_from": "replicating-regions",
            },
        ],
        "sources": [{"title": "worked example"}],
    }
    for path, value in changes.items():
        target = data
        *parents, last = path.split("__")
        for key in parents:
            target = target[int(key)] if key.isdigit() else target[key]
        if value is None:
            target.pop(last, None)
        else:
            target[last] = copy.deepcopy(value)
    return data


def make_model(**changes: Any) -> ScoringModel:
    data = model_data(**changes)
    errors = [e.message for e in validator("scoring-model").iter_errors(data)]
    assert errors == [], errors  # the examples are valid models, not shortcuts
    return ScoringModel.from_dict("uji", data)


def innovation(
    innovation_id: str,
    sector: str,
    levels: dict[str, int] | None = None,
    replication_of: str | None = None,
    model: str = "uji",
) -> Innovation:
    evidence = [
        {"model": model, "indicator": k, "level": v, "document": {"title": f"bukti {k}"}}
        for k, v in (levels or {}).items()
    ]
    data: dict[str, Any] = {"name": innovation_id, "sector": sector, "summary": "s"}
    data["evidence"] = evidence
    if replication_of:
        data["replication_of"] = replication_of
    return Innovation.from_dict(innovation_id, data)


def region(region_id: str, levels: dict[str, int] | None = None, year: int = 2023) -> Region:
    evidence = [
        {"model": "uji", "year": year, "indicator": k, "level": v, "document": {"title": "LHP"}}
        for k, v in (levels or {}).items()
    ]
    return Region.from_dict(
        region_id, {"name": f"Kabupaten {region_id}", "type": "kabupaten", "evidence": evidence}
    )


def collection(*records: Innovation | Region, model: ScoringModel | None = None) -> Collection:
    regions = [r for r in records if isinstance(r, Region)]
    innovations = [r for r in records if isinstance(r, Innovation)]
    return Collection.from_records(regions, innovations, (), [model] if model else [])


# -- per innovation --------------------------------------------------------------------------


def test_innovation_points_are_weight_times_level_with_origin() -> None:
    # x/one: a level 2 -> 3 x 2 = 6; b level 1 -> 2 x 1 = 2; rep derived from y/copy's
    # replication_of -> 1 other region -> level 1 -> 1 x 1 = 1. Score 6 + 2 + 1 = 9 of
    # 3x3 + 2x3 + 1x3 = 18.
    model = make_model()
    one = innovation("x/one", "pendidikan", {"a": 2, "b": 1})
    coll = collection(one, innovation("y/copy", "pendidikan", replication_of="x/one"))
    result = score_innovation(model, one, coll)
    assert [(r.indicator.id, r.level, r.origin, r.points) for r in result.rows] == [
        ("a", 2, Origin.EVIDENCE, D(6)),
        ("b", 1, Origin.EVIDENCE, D(2)),
        ("rep", 1, Origin.DERIVED, D(1)),
    ]
    assert result.score == D(9)
    assert result.maximum == D(18)
    assert result.rows[2].detail == "replicated by 1 other region(s): y"
    assert result.rows[0].evidence is not None
    assert result.rows[0].evidence.document.title == "bukti a"


def test_missing_evidence_scores_zero_and_says_what_would_raise_it() -> None:
    # No evidence at all: every row level 0, 0 points, origin missing. Open gains: a 3x3 = 9,
    # b 2x3 = 6, rep 1x3 = 3 -> a first.
    model = make_model()
    alone = innovation("z/alone", "sosial")
    result = score_innovation(model, alone, collection(alone))
    assert result.score == D(0)
    assert result.count(Origin.MISSING) == 3
    assert [(r.indicator.id, r.gain) for r in result.raises] == [
        ("a", D(9)),
        ("b", D(6)),
        ("rep", D(3)),
    ]
    assert result.rows[2].detail == "no other region is recorded as replicating it"


def test_raises_rank_by_remaining_levels_times_weight() -> None:
    # a at level 3 (nothing left); b at 0 -> 2 x 3 = 6; rep at 0 -> 3: b first, a absent.
    model = make_model()
    one = innovation("x/one", "sosial", {"a": 3})
    result = score_innovation(model, one, collection(one))
    assert [(r.indicator.id, r.gain) for r in result.raises] == [("b", D(6)), ("rep", D(3))]


def test_evidence_beats_the_derived_level_and_other_models_are_ignored() -> None:
    # rep evidence level 3 (3 points) wins over the derived level 1; evidence for another
    # model ("lain") is not read: a stays missing.
    model = make_model()
    one = innovation("x/one", "sosial", {"rep": 3})
    other = innovation("x/two", "sosial", {"a": 3}, model="lain")
    coll = collection(one, other, innovation("y/copy", "sosial", replication_of="x/one"))
    rows = {r.indicator.id: r for r in score_innovation(model, one, coll).rows}
    assert (rows["rep"].level, rows["rep"].origin, rows["rep"].points) == (3, Origin.EVIDENCE, 3)
    assert score_innovation(model, other, coll).score == D(0)


def test_replication_level_is_capped_at_the_top_level() -> None:
    # Four other regions adopted it: level min(4, 3) = 3 -> 1 x 3 = 3 points.
    model = make_model()
    one = innovation("x/one", "sosial")
    copies = [innovation(f"{r}/copy", "sosial", replication_of="x/one") for r in "pqrs"]
    row = score_innovation(model, one, collection(one, *copies)).rows[2]
    assert (row.level, row.points, row.origin) == (3, D(3), Origin.DERIVED)


def test_a_level_the_model_does_not_know_is_ignored_not_scored() -> None:
    model = make_model()
    one = innovation("x/one", "sosial", {"a": 4})
    row = score_innovation(model, one, collection(one)).rows[0]
    assert (row.level, row.points, row.origin) == (0, D(0), Origin.MISSING)
    assert row.detail == "evidence level 4 is not a level of this indicator; ignored"


# -- per region ------------------------------------------------------------------------------


def test_fewer_innovations_than_the_divisor_gate_met() -> None:
    # Region x, year 2023: r1 level 3 -> 2 x 3 = 6; r2 no evidence -> 0.   SPD = 6
    # x/one (pendidikan): 6 + 2 + 1 (derived) = 9; x/two (kesehatan): a 1 -> 3.
    # sum = 12; n = 2 < 4, so 12 / MAX(4, 2) = 12 / 4 = 3 (divided by n it would be 6:
    # the two missing innovations count as 0).
    # count: pendidikan + kesehatan = 2 of the 3 listed, needs 2 -> met;
    #   MIN(2, 10) x 0.5 = 1.0.                                        SID = 3 + 1 = 4
    # Total = 6 + 4 = 10; index = 10 / 32 x 100 = 31.25 -> Kurang Inovatif (0.01-34.99)
    model = make_model()
    one = innovation("x/one", "pendidikan", {"a": 2, "b": 1})
    two = innovation("x/two", "kesehatan", {"a": 1})
    copy_ = innovation("y/copy", "sosial", replication_of="x/one")
    coll = collection(region("x", {"r1": 3}), one, two, copy_)
    result = score_region(model, "x", [one, two], coll)
    assert result.year == 2023
    assert result.spd == D(6)
    assert result.innovation_sum == D(12)
    assert (result.n, result.divisor, result.shortfall) == (2, 4, 2)
    assert result.innovation_part == D(3)
    assert result.gate.met is True
    assert result.gate.covered == ("pendidikan", "kesehatan")
    assert result.count_before_gate == result.count_score == D("1.0")
    assert result.sid == D(4)
    assert result.total == D(10)
    assert result.index == D("31.25")
    assert result.predicate is not None
    assert result.predicate.name == "Kurang Inovatif"
    assert result.gaps == ()
    assert [s.innovation for s in result.innovations] == ["x/one", "x/two"]


def test_count_gate_unmet_gives_no_count_score_and_rounds_half_up() -> None:
    # As above, but x/two is lingkungan-hidup: the gate sees pendidikan only, 1 < 2 -> not
    # met; the count score MIN(2, 10) x 0.5 = 1.0 is not given: 0.
    # SID = 3 + 0 = 3; Total = 6 + 3 = 9; index = 9 / 32 x 100 = 28.125 -> 28.13 (half up;
    # half-even rounding would give 28.12).
    model = make_model()
    one = innovation("x/one", "pendidikan", {"a": 2, "b": 1})
    two = innovation("x/two", "lingkungan-hidup", {"a": 1})
    coll = collection(region("x", {"r1": 3}), one, two, innovation("y/c", "sosial", None, "x/one"))
    result = score_region(model, "x", [one, two], coll)
    assert result.gate.met is False
    assert result.gate.uncovered == ("kesehatan", "sosial")
    assert result.count_before_gate == D("1.0")
    assert result.count_score == D(0)
    assert result.sid == D(3)
    assert result.total == D(9)
    assert result.index_exact == D("28.125")
    assert result.index == D("28.13")


def test_overlapping_affairs_count_only_when_the_model_says_so() -> None:
    # x/two's main sector is lingkungan-hidup, but it also names kesehatan: with basis
    # urusan-utama-dan-beririsan the gate sees pendidikan + kesehatan = 2 -> met.
    model = make_model(count_gate__basis="urusan-utama-dan-beririsan")
    one = innovation("x/one", "pendidikan")
    two = Innovation.from_dict(
        "x/two",
        {"name": "t", "sector": "lingkungan-hidup", "summary": "s", "other_sectors": ["kesehatan"]},
    )
    assert score_region(model, "x", [one, two], collection(one, two)).gate.met is True
    assert score_region(make_model(), "x", [one, two], collection(one, two)).gate.met is False


def test_more_innovations_than_the_divisor_and_the_count_cap() -> None:
    # Five innovations with a level 1 (3 points each): sum 15 / MAX(4, 5) = 15 / 5 = 3.
    # Cap 3: count MIN(5, 3) x 0.5 = 1.5; gate: pendidikan and kesehatan covered -> met.
    # SID = 4.5; SPD 0; Total 4.5; index 4.5 / 32 x 100 = 14.0625 -> 14.06.
    model = make_model(count_score__cap=3)
    items = [
        innovation(f"x/i{k}", "pendidikan" if k % 2 else "kesehatan", {"a": 1}) for k in range(5)
    ]
    result = score_region(model, "x", items, collection(region("x"), *items))
    assert (result.divisor, result.shortfall) == (5, 0)
    assert result.innovation_part == D(3)
    assert result.count_score == D("1.5")
    assert result.total == D("4.5")
    assert result.index == D("14.06")


def test_no_evidence_at_all_is_tidak_dapat_dinilai() -> None:
    # z: no region evidence (SPD 0), one innovation without evidence (0 / MAX(4, 1) = 0),
    # gate: sosial only, 1 < 2 -> not met -> 0. Total 0; index 0.00 -> Tidak Dapat Dinilai.
    model = make_model()
    alone = innovation("z/alone", "sosial")
    result = score_region(model, "z", [alone], collection(region("z"), alone))
    assert (result.spd, result.sid, result.total, result.index) == (D(0), D(0), D(0), D(0))
    assert result.shortfall == 3
    assert result.predicate is not None
    assert result.predicate.name == "Tidak Dapat Dinilai"


def test_region_evidence_is_read_for_the_assessment_year_only() -> None:
    # r1 level 3 recorded for 2024; scoring 2023 reads none of it: SPD 0.
    model = make_model(years=[2023, 2024])
    coll = collection(region("x", {"r1": 3}, year=2024))
    assert score_region(model, "x", [], coll, 2023).spd == D(0)
    assert score_region(model, "x", [], coll, 2024).spd == D(6)
    assert score_region(model, "x", [], coll).year == 2024  # default: the newest year


def boundary(total_spd: tuple[int, int, int], per: str | None, bands: list[Any]) -> Any:
    """A region whose SPD is r1 weight w x level l1 + r2 (weight 1) x level l2, plus a count
    score of 1 x ``per`` (gate: the one pendidikan innovation; none when ``per`` is None),
    on a maximum of 100 so that index = Total."""
    weight, l1, l2 = total_spd
    model = make_model(
        indicators__0__weight=weight,
        maximum={"total": 100, "provenance": prov()},
        count_score__per_innovation=float(per) if per else 0.5,
        count_gate__minimum=1 if per else 3,
        predicates__bands=bands,
    )
    levels = {k: v for k, v in (("r1", l1), ("r2", l2)) if v}
    one = innovation("x/one", "pendidikan")
    return score_region(model, "x", [one], collection(region("x", levels), one))


@pytest.mark.parametrize(
    ("spd", "per", "index", "predicate"),
    [
        # 20 x 3 = 60, + 1 x 0.01 = 60.01 -> the lowest Sangat Inovatif
        ((20, 3, 0), "0.01", "60.01", "Sangat Inovatif"),
        # 60 with the gate unmet = 60.00 -> the highest Inovatif
        ((20, 3, 0), None, "60.00", "Inovatif"),
        # 60 + 0.005 = 60.005 -> rounds half up to 60.01 -> Sangat Inovatif
        ((20, 3, 0), "0.005", "60.01", "Sangat Inovatif"),
        # 60 + 0.004 = 60.004 -> 60.00 -> Inovatif
        ((20, 3, 0), "0.004", "60.00", "Inovatif"),
        # 11 x 3 + 1 x 2 = 35 -> 35.00, the lowest Inovatif
        ((11, 3, 2), None, "35.00", "Inovatif"),
        # 11 x 3 + 1 x 1 = 34, + 0.99 = 34.99 -> the highest Kurang Inovatif
        ((11, 3, 1), "0.99", "34.99", "Kurang Inovatif"),
        # 0 + 0.01 = 0.01 -> the lowest Kurang Inovatif
        ((1, 0, 0), "0.01", "0.01", "Kurang Inovatif"),
        # nothing at all: 0 -> Tidak Dapat Dinilai
        ((1, 0, 0), None, "0.00", "Tidak Dapat Dinilai"),
        # 0.004 rounds to 0.00 -> Tidak Dapat Dinilai
        ((1, 0, 0), "0.004", "0.00", "Tidak Dapat Dinilai"),
    ],
)
def test_2023_predicate_boundaries_from_computed_totals(
    spd: tuple[int, int, int], per: str | None, index: str, predicate: str
) -> None:
    result = boundary(spd, per, BANDS_2023)
    assert result.index == D(index)
    assert result.predicate.name == predicate


@pytest.mark.parametrize(
    ("spd", "per", "index", "predicate"),
    [
        # 21 x 3 + 1 x 2 = 65 -> 65.00, the highest Inovatif
        ((21, 3, 2), None, "65.00", "Inovatif"),
        # 65 + 0.01 = 65.01 -> the lowest Sangat Inovatif
        ((21, 3, 2), "0.01", "65.01", "Sangat Inovatif"),
        # 13 x 3 + 1 x 1 = 40 -> 40.00, the highest Kurang Inovatif in 2025
        ((13, 3, 1), None, "40.00", "Kurang Inovatif"),
        # 40 + 0.01 = 40.01 -> the lowest Inovatif
        ((13, 3, 1), "0.01", "40.01", "Inovatif"),
        # 0.01 -> Kurang Inovatif; 0 -> Tidak Dapat Dinilai
        ((1, 0, 0), "0.01", "0.01", "Kurang Inovatif"),
        ((1, 0, 0), None, "0.00", "Tidak Dapat Dinilai"),
    ],
)
def test_2025_predicate_boundaries_from_computed_totals(
    spd: tuple[int, int, int], per: str | None, index: str, predicate: str
) -> None:
    result = boundary(spd, per, BANDS_2025)
    assert result.index == D(index)
    assert result.predicate.name == predicate


def test_round2_is_half_up() -> None:
    assert round2(D("28.125")) == D("28.13")
    assert round2(D("28.124999")) == D("28.12")
    assert round2(D("0.005")) == D("0.01")


# -- what a model does not know --------------------------------------------------------------


def test_no_published_maximum_means_no_index() -> None:
    # SPD 6; x/one 6 + 2 (+ 0: nobody replicated it here) = 8, x/two 3: (8 + 3) / 4 = 2.75;
    # gate met: + 1.0. Total = 6 + 3.75 = 9.75 is computed, but without a maximum there is
    # no index and no predicate.
    model = make_model(maximum={"provenance": prov("unknown")})
    one = innovation("x/one", "pendidikan", {"a": 2, "b": 1})
    two = innovation("x/two", "kesehatan", {"a": 1})
    coll = collection(region("x", {"r1": 3}), one, two)
    result = score_region(model, "x", [one, two], coll)
    assert result.total == D("9.75")
    assert (result.index, result.predicate) == (None, None)
    assert any("no published maximum total" in g for g in result.gaps)


def test_unknown_count_rule_leaves_sid_and_total_unknown() -> None:
    model = make_model(
        count_score={"provenance": prov("unknown")}, count_gate={"provenance": prov("unknown")}
    )
    one = innovation("x/one", "pendidikan", {"a": 1})
    result = score_region(model, "x", [one], collection(one))
    assert result.innovation_part == D("0.75")  # 3 / MAX(4, 1)
    assert (result.count_score, result.sid, result.total, result.index) == (None,) * 4
    assert result.gate.known is False
    assert any("count score: its rule is not known" in g for g in result.gaps)


def test_unknown_region_weight_counts_only_when_there_is_evidence() -> None:
    # r1 without a weight: no evidence -> 0 points (nothing times anything); evidence -> the
    # points (and so SPD and the index) cannot be computed.
    model = make_model(indicators__0__weight=None)
    assert score_region(model, "x", [], collection(region("x"))).spd == D(0)
    result = score_region(model, "x", [], collection(region("x", {"r1": 2})))
    assert result.spd is None
    assert result.index is None
    assert any("the weight of r1 is not known" in g for g in result.gaps)


def test_rankings_are_best_first_then_by_id() -> None:
    model = make_model()
    a = innovation("x/a", "pendidikan", {"a": 1})
    b = innovation("x/b", "kesehatan", {"a": 3})
    c = innovation("w/c", "sosial", {"a": 1})
    coll = collection(region("x"), region("w"), region("v"), a, b, c)
    assert [s.innovation for s in rank_innovations(model, [a, b, c], coll)] == [
        "x/b",
        "w/c",
        "x/a",
    ]
    # x: (9 + 3) / 4 = 3, gate met -> + 1.0 = 4; w: 3 / 4 = 0.75; v: nothing.
    ranked = rank_regions(model, coll, [a, b, c])
    assert [(r.region, r.total) for r in ranked] == [
        ("x", D("4.0")),
        ("w", D("0.75")),
        ("v", D(0)),
    ]


# -- the shipped models ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped() -> Collection:
    result = load_collection(REPO)
    assert not result.errors
    return result.collection


@pytest.mark.parametrize(
    ("model_id", "value", "predicate"),
    [
        ("iid-2023", "60.01", "Sangat Inovatif"),
        ("iid-2023", "60.00", "Inovatif"),
        ("iid-2023", "35.00", "Inovatif"),
        ("iid-2023", "34.99", "Kurang Inovatif"),
        ("iid-2023", "0.01", "Kurang Inovatif"),
        ("iid-2023", "0.00", "Tidak Dapat Dinilai"),
        ("iid-2023", "100.00", "Sangat Inovatif"),
        ("iid-2025", "65.01", "Sangat Inovatif"),
        ("iid-2025", "65.00", "Inovatif"),
        ("iid-2025", "40.01", "Inovatif"),
        ("iid-2025", "40.00", "Kurang Inovatif"),
        ("iid-2025", "0.01", "Kurang Inovatif"),
        ("iid-2025", "0.00", "Tidak Dapat Dinilai"),
        ("iid-2026", "65.01", "Sangat Inovatif"),
        ("iid-2026", "40.00", "Kurang Inovatif"),
    ],
)
def test_shipped_predicate_boundaries(
    shipped: Collection, model_id: str, value: str, predicate: str
) -> None:
    band = predicate_for(shipped.scoring_models[model_id], D(value))
    assert band is not None
    assert band.name == predicate


def test_shipped_catalogue_adds_up(shipped: Collection) -> None:
    for model_id, divisor, gate in (("iid-2025", 12, 5), ("iid-2026", 14, 6)):
        model = shipped.scoring_models[model_id]
        innovation_rows = [i for i in model.indicators if i.aspect == "innovation"]
        region_rows = [i for i in model.indicators if i.aspect == "region"]
        assert [i.number for i in model.indicators] == list(range(1, 36))
        assert len(region_rows) == 15
        assert all(i.weight is None for i in region_rows)  # not known: not invented
        assert sum(i.weight or 0 for i in innovation_rows) == 37  # x 3 levels = 111
        assert model.maximum.innovation == 111
        assert model.count_score.per_innovation * model.count_score.cap == D("76.00")
        assert model.maximum.total == 250
        assert (model.divisor.minimum, model.count_gate.minimum) == (divisor, gate)
        assert len(model.count_gate.sectors) == 6


def test_shipped_2023_is_honest_about_what_it_lacks(shipped: Collection) -> None:
    model = shipped.scoring_models["iid-2023"]
    assert model.divisor.minimum == 10
    assert model.divisor.provenance.status == "official"
    assert model.predicates.provenance.status == "official"
    assert model.maximum.total is None
    assert model.count_score.per_innovation is None
    assert model.provenance.status == "reconstruction"
    result = score_region(model, "banggai", shipped.innovations_by_region["banggai"], shipped)
    assert result.index is None
    assert result.predicate is None


def test_pinasa_is_the_one_derived_level(shipped: Collection) -> None:
    # Parigi Moutong replicated PINASA as KUKUSA: 1 other region -> level 1 -> 3 x 1 = 3.
    model = shipped.scoring_models["iid-2026"]
    pinasa = shipped.innovations["banggai/pinasa"]
    result = score_innovation(model, pinasa, shipped)
    derived = [r for r in result.rows if r.origin is Origin.DERIVED]
    assert [(r.indicator.id, r.level, r.points) for r in derived] == [("replikasi", 1, D(3))]
    assert result.score == D(3)
    assert result.count(Origin.MISSING) == 19
    assert sum(r.points or 0 for r in result.rows) == result.score
