"""The pure query core: filters, forgiving and strict resolution, sorting, stats."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import EXAMPLES, REPO
from inovasi_cli.core.errors import NotFoundError, UsageError
from inovasi_cli.query import filters as query
from inovasi_cli.query import resolve, stats
from inovasi_cli.query.filters import InnovationFilter
from inovasi_cli.query.stats import StatsBy
from inovasi_cli.records.collection import Collection
from inovasi_cli.records.model import Innovation
from inovasi_cli.validation.pipeline import load_collection


@pytest.fixture(scope="module")
def small() -> Collection:
    result = load_collection(EXAMPLES / "valid")
    assert not result.errors
    return result.collection


@pytest.fixture(scope="module")
def shipped() -> Collection:
    return load_collection(REPO).collection


def innovation(**fields: object) -> Innovation:
    data = {"name": "Contoh", "sector": "kesehatan", "summary": "Ringkas.", **fields}
    return Innovation.from_dict("banggai/contoh", data)


# -- the filter ------------------------------------------------------------------------------


def test_empty_filter_keeps_everything(small: Collection) -> None:
    assert not InnovationFilter().active
    assert query.select(small, InnovationFilter()) == list(small.innovations.values())


def test_fields_combine_with_and_values_with_or(small: Collection) -> None:
    both = InnovationFilter(regions=frozenset({"banggai"}), sectors=frozenset({"kesehatan"}))
    assert [i.id for i in query.select(small, both)] == ["banggai/poli-lansia"]
    either = InnovationFilter(sectors=frozenset({"kesehatan", "lingkungan-hidup"}))
    assert len(query.select(small, either)) == 3


def test_award_any_year_or_one_year() -> None:
    entered = innovation(competitions=[{"award": "iga", "year": 2019}])
    assert InnovationFilter(awards=frozenset({"iga"})).matches(entered)
    assert InnovationFilter(awards=frozenset({"iga-2019"})).matches(entered)
    assert not InnovationFilter(awards=frozenset({"iga-2020"})).matches(entered)
    assert not InnovationFilter(awards=frozenset({"iga"})).matches(innovation())


def test_digital_none_means_either() -> None:
    digital, analogue, unknown = (innovation(digital=v) for v in (True, False, None))
    assert [InnovationFilter(digital=True).matches(i) for i in (digital, analogue, unknown)] == [
        True,
        False,
        False,
    ]
    assert InnovationFilter(digital=False).matches(analogue)
    assert all(InnovationFilter().matches(i) for i in (digital, analogue, unknown))


def test_years_and_tags() -> None:
    dated = innovation(implementation_date="2018-03", tags=["sampah", "bank-sampah"])
    assert InnovationFilter(years=frozenset({2018})).matches(dated)
    assert not InnovationFilter(years=frozenset({2019})).matches(dated)
    assert InnovationFilter(tags=frozenset({"bank-sampah", "x"})).matches(dated)
    assert not InnovationFilter(tags=frozenset({"x"})).matches(dated)


def test_query_is_case_and_accent_insensitive_over_name_acronym_summary_unit_tags() -> None:
    record = innovation(
        name="Pelayanan Café Sehat",
        acronym="PCS",
        unit="Puskesmas Simpong",
        summary="Layanan darah tinggi.",
        tags=["tekanan-darah"],
    )
    for text in ("cafe", "CAFÉ sehat", "pcs", "simpong", "DARAH tinggi", "tekanan darah"):
        assert query.matches_text(record, text), text
    assert not query.matches_text(record, "sampah")
    assert not query.matches_text(record, "cafe sampah")  # every word must appear


# -- forgiving and strict resolution ---------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("kesehatan", "kesehatan"),
        ("KESEHATAN", "kesehatan"),
        ("Kesehatan", "kesehatan"),  # the Indonesian title
        ("kes", "kesehatan"),  # a unique prefix
        ("pupr", "pekerjaan-umum-dan-penataan-ruang"),  # an x-aliases entry
        ("Lingkungan Hidup", "lingkungan-hidup"),
        ("lingkungan_hidup", "lingkungan-hidup"),
    ],
)
def test_sector_resolution_is_forgiving(given: str, expected: str) -> None:
    assert resolve.resolve_vocabulary("sector", given) == expected


def test_unknown_sector_names_the_closest() -> None:
    with pytest.raises(UsageError, match=r"unknown sector 'keshatan'; did you mean 'kesehatan'\?"):
        resolve.resolve_vocabulary("sector", "keshatan")


def test_ambiguous_prefix_lists_the_candidates() -> None:
    with pytest.raises(UsageError, match="ambiguous sector 'ke'") as caught:
        resolve.resolve_vocabulary("sector", "ke")
    assert "'kesehatan'" in str(caught.value)
    assert "'kebudayaan'" in str(caught.value)


def test_nothing_close_lists_the_valid_values() -> None:
    with pytest.raises(UsageError, match="valid values: inisiatif, uji-coba, penerapan"):
        resolve.resolve_vocabulary("stage", "zzzz")


def test_stage_form_unit_type_aliases() -> None:
    assert resolve.resolve_vocabulary("stage", "trial") == "uji-coba"
    assert resolve.resolve_vocabulary("form", "pelayanan") == "pelayanan-publik"
    assert resolve.resolve_vocabulary("unit type", "OPD") == "perangkat-daerah"


@pytest.mark.parametrize(
    "given", ["banggai", "Banggai", "Kabupaten Banggai", "KABUPATEN BANGGAI", "banggai "]
)
def test_region_by_id_or_name(small: Collection, given: str) -> None:
    assert resolve.resolve_region(small, given) == "banggai"


def test_region_prefix_alias_and_typo(shipped: Collection) -> None:
    assert resolve.resolve_region(shipped, "parigi") == "parigi-moutong"
    assert resolve.resolve_region(shipped, "banggai") == "banggai"  # exact beats prefix
    assert resolve.resolve_region(shipped, "Polman") == "polewali-mandar"  # a region alias
    assert resolve.resolve_region(shipped, "bangkep") == "banggai-kepulauan"
    with pytest.raises(UsageError, match="ambiguous region 'bangg'") as caught:
        resolve.resolve_region(shipped, "bangg")
    assert "'banggai-laut'" in str(caught.value)
    with pytest.raises(UsageError, match="did you mean 'banggai'"):
        resolve.resolve_region(shipped, "banggay")


def test_award_resolution(small: Collection) -> None:
    assert resolve.resolve_award(small, "iga") == "iga"
    assert resolve.resolve_award(small, "IGA-2019") == "iga-2019"
    assert resolve.resolve_award(small, "iga 2019") == "iga-2019"
    with pytest.raises(UsageError, match=r"iga-2020.*entries recorded: iga-2019"):
        resolve.resolve_award(small, "iga-2020")
    with pytest.raises(UsageError, match="unknown award"):
        resolve.resolve_award(small, "oscar-2019")


def test_year_and_tag_must_exist(small: Collection) -> None:
    assert resolve.resolve_year(2019, [2019, 2018]) == 2019
    with pytest.raises(UsageError, match="dated 2030; years recorded: 2018, 2019"):
        resolve.resolve_year(2030, [2019, 2018])
    assert resolve.resolve_tag(small, "SAMPAH") == "sampah"
    assert resolve.resolve_tag(small, "samp") == "sampah"
    with pytest.raises(UsageError, match="did you mean 'sampah'"):
        resolve.resolve_tag(small, "sampha")


def test_build_filter_splits_commas_and_resolves(small: Collection) -> None:
    built = query.build_filter(
        small, regions=["Banggai"], sectors=["kes,lingkungan hidup"], awards=["IGA"], query="  "
    )
    assert built == InnovationFilter(
        regions=frozenset({"banggai"}),
        sectors=frozenset({"kesehatan", "lingkungan-hidup"}),
        awards=frozenset({"iga"}),
    )


# -- innovations by id, suffix or acronym ----------------------------------------------------


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("banggai/e-makam", "banggai/e-makam"),
        ("e-makam", "banggai/e-makam"),
        ("E-Makam", "banggai/e-makam"),
        ("pinasa", "banggai/pinasa"),
        ("PINASA", "banggai/pinasa"),
        ("lansia", "banggai/poli-khusus-lansia"),  # a word suffix of the slug
        ("1 PK 100 KK", "banggai/1-pk-100-kk"),  # the acronym, spacing ignored
        ("kukusa", "parigi-moutong/kukusa"),
    ],
)
def test_resolve_innovation(shipped: Collection, given: str, expected: str) -> None:
    assert resolve.resolve_innovation(shipped, given) == expected


def test_resolve_innovation_ambiguous_and_unknown(tmp_path: Path) -> None:
    twin = Innovation.from_dict(
        "parigi-moutong/pinasa", {"name": "Lain", "sector": "sosial", "summary": "s"}
    )
    base = load_collection(EXAMPLES / "valid").collection
    both = Collection.from_records(
        base.regions.values(), [*base.innovations.values(), twin], base.visits.values()
    )
    with pytest.raises(UsageError, match="could be 'banggai/pinasa', 'parigi-moutong/pinasa'"):
        resolve.resolve_innovation(both, "pinasa")
    with pytest.raises(NotFoundError, match="did you mean 'banggai/pinasa'"):
        resolve.resolve_innovation(base, "pinasaa")


# -- sorting, visits, regions, stats ---------------------------------------------------------


def test_sorting_keeps_id_order_for_ties(shipped: Collection) -> None:
    by_name = query.select(shipped, InnovationFilter(), sort="name")
    names = [i.name.casefold() for i in by_name]
    assert names == sorted(names)
    by_sector = query.select(shipped, InnovationFilter(), sort="sector")
    pairs = [(i.sector is None, i.sector or "", i.id) for i in by_sector]
    assert pairs == sorted(pairs)  # innovations without a sector last
    assert len(query.select(shipped, InnovationFilter(), limit=3)) == 3


def test_visit_filter(small: Collection) -> None:
    built = query.build_visit_filter(
        small, hosts=["Banggai"], visitors=["parigi"], years=[2019], innovations=["PINASA"]
    )
    assert [v.id for v in query.select_visits(small, built)] == [
        "2019-07-parigi-moutong-ke-banggai"
    ]
    reverse = query.build_visit_filter(small, hosts=["parigi-moutong"])
    assert query.select_visits(small, reverse) == []
    with pytest.raises(UsageError, match="dated 2017"):
        query.build_visit_filter(small, years=[2017])


def test_shipped_visits_to_banggai(shipped: Collection) -> None:
    built = query.build_visit_filter(shipped, hosts=["banggai"])
    assert len(query.select_visits(shipped, built)) == 8


def test_region_sort_by_counts(shipped: Collection) -> None:
    ordered = query.sort_regions(shipped, "innovations")
    assert ordered[0].id == "banggai"
    counts = [len(shipped.innovations_by_region.get(r.id, ())) for r in ordered]
    assert counts == sorted(counts, reverse=True)


def test_stats_counts_shares_and_unrecorded(small: Collection) -> None:
    result = stats.stats(small, list(small.innovations.values()), StatsBy.UNIT_TYPE)
    rows = {r.value: (r.count, round(r.share, 3)) for r in result.rows}
    assert rows == {
        "perangkat-daerah": (1, 0.333),
        "puskesmas": (1, 0.333),
        stats.NOT_RECORDED: (1, 0.333),
    }
    assert result.rows[-1].value == stats.NOT_RECORDED
    assert result.total == 3
    labels = {r.value: r.label for r in result.rows}
    assert labels["puskesmas"] == "Puskesmas"


def test_stats_by_award_and_year(shipped: Collection) -> None:
    banggai = query.select(shipped, query.build_filter(shipped, regions=["banggai"]))
    result = stats.stats(shipped, banggai, StatsBy.AWARD)
    assert result.rows[0].value == "iga-2019"
    assert result.rows[0].count == 24
    assert result.multi_valued
    by_region = stats.stats(shipped, list(shipped.innovations.values()), StatsBy.REGION)
    assert sum(r.count for r in by_region.rows) == len(shipped.innovations)
    assert by_region.rows[0].label == "Kabupaten Banggai"
