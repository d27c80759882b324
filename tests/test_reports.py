"""Report builders: what each report selects, counts and refuses, on the shipped data."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import REPO
from inovasi_cli.core.errors import UsageError
from inovasi_cli.records.collection import Collection
from inovasi_cli.reports.award import build_award
from inovasi_cli.reports.common import Vocab
from inovasi_cli.reports.formats import Lang
from inovasi_cli.reports.region import build_region
from inovasi_cli.reports.visits import build_visits
from inovasi_cli.reports.yearly import build_yearly
from inovasi_cli.validation.pipeline import load_collection


@pytest.fixture(scope="module")
def shipped() -> Collection:
    result = load_collection(REPO)
    assert not result.errors
    return result.collection


def test_award_selects_the_24_banggai_entries_of_iga_2019(shipped: Collection) -> None:
    context = build_award(shipped, "banggai", "iga", 2019, Lang.ID)
    profiles = context.profiles
    assert len(profiles) == 24
    assert all(any(c.key == "iga-2019" for c in p.innovation.competitions) for p in profiles)
    assert [p.number for p in profiles] == list(range(1, 25))
    assert sum(c.count for c in context.by_sector) == 24
    assert sum(c.count for c in context.by_unit_type) == 24
    # Largest count first, then by title: the order is stable.
    counts = [c.count for c in context.by_sector]
    assert counts == sorted(counts, reverse=True)
    unit_types = {c.value: c.count for c in context.by_unit_type}
    assert unit_types == {"perangkat-daerah": 14, "kecamatan": 5, "kelurahan": 3, "puskesmas": 2}
    assert context.award_short == "IGA" and context.year == 2019
    # The region's IGA 2019 facts, with their numbered sources.
    assert context.facts and all(f.fact.year == 2019 for f in context.facts)
    assert all(f.sources for f in context.facts)
    ids = [e.id for e in context.sources]
    assert ids == ["profil-inovasi-banggai-iga-2019"]  # one entry per document
    assert {r.locator for p in context.profiles for r in p.sources} == {
        f"no. {n}" for n in range(1, 25)
    }  # where in it: on the citations


def test_award_profile_resolves_vocabulary_in_the_language(shipped: Collection) -> None:
    for lang, sector, unit in (
        (Lang.ID, "Keuangan", "Perangkat Daerah"),
        (Lang.EN, "Finance", None),
    ):
        context = build_award(shipped, "banggai", "iga", 2019, lang)
        taping = next(p for p in context.profiles if p.innovation.slug == "alat-taping-box")
        assert taping.sector == sector
        if unit:
            assert taping.unit_type == unit
        assert taping.innovation.outcomes[0].before == 2000000
    en = build_award(shipped, "banggai", "iga", 2019, Lang.EN)
    assert en.award_title == "Innovative Government Award (IGA)"


def test_award_refuses_an_entry_the_region_did_not_make(shipped: Collection) -> None:
    with pytest.raises(UsageError) as caught:
        build_award(shipped, "banggai", "iga", 2018, Lang.ID)
    assert str(caught.value) == (
        "Kabupaten Banggai (banggai) has no innovations entered in iga-2018; "
        "entries recorded for it: iga-2019"
    )


def test_visits_to_banggai_are_the_8_visits_and_the_pinasa_replication(
    shipped: Collection,
) -> None:
    context = build_visits(shipped, "banggai", received=True, lang=Lang.ID)
    visits = context.visits
    assert len(visits) == 8
    assert {v.visit.host for v in visits} == {"banggai"}
    assert context.direction == "host"
    # Dated visits first, in date order; then the undated ones by id.
    dated = [v.visit.date for v in visits if v.visit.date]
    assert [v.visit.date for v in visits[: len(dated)]] == sorted(dated)
    assert visits[0].visit.date == "2019-07"
    assert {v.who for v in visits} >= {"Kabupaten Polewali Mandar", "Kabupaten Parigi Moutong"}
    [replication] = [r for r in context.replications if r.adopted_as == "KUKUSA"]
    assert replication.innovation == "Gerakan Moral PINASA"
    assert (replication.origin, replication.adopter) == (
        "Kabupaten Banggai",
        "Kabupaten Parigi Moutong",
    )
    edge = context.edges[context.replications.index(replication)]
    assert edge.label == "Gerakan Moral PINASA → KUKUSA"
    parigi = next(v for v in visits if v.visit.id == "parigi-moutong-ke-banggai")
    assert parigi.replications and parigi.replications[0].adopted_as == "KUKUSA"
    assert parigi.studied[0].name == "Gerakan Moral PINASA"


def test_visits_made_by_a_region(shipped: Collection) -> None:
    context = build_visits(shipped, "parigi-moutong", received=False, lang=Lang.ID)
    assert [v.host for v in context.visits] == ["Kabupaten Banggai"]
    assert [r.adopter for r in context.replications] == ["Kabupaten Parigi Moutong"]


def test_empty_selections_in_a_small_collection(collection: Path) -> None:
    small = load_collection(collection).collection
    with pytest.raises(UsageError, match=r"no visits to Kabupaten Parigi Moutong \(parigi"):
        build_visits(small, "parigi-moutong", received=True, lang=Lang.ID)
    with pytest.raises(UsageError, match="it has no competition entries recorded"):
        build_award(small, "parigi-moutong", "iga", 2019, Lang.ID)


def test_region_profile_of_banggai(shipped: Collection) -> None:
    context = build_region(shipped, "banggai", Lang.ID)
    innovations = shipped.innovations_by_region["banggai"]
    assert len(context.profiles) == len(innovations)
    assert sum(len(g.profiles) for g in context.sector_groups) == len(innovations)
    assert len(context.received) == 8 and context.made == ()
    assert [(h.label, h.entries) for h in context.history] == [("IGA 2018", 0), ("IGA 2019", 24)]
    assert [len(h.facts) for h in context.history] == [1, 3]
    assert [f.fact.top for f in context.official] == [5]
    assert {f.fact.kind for f in context.other_facts} >= {"sakip", "adipura"}
    assert context.score is None


def test_region_score_view_carries_the_scoring_modules_figures(shipped: Collection) -> None:
    from inovasi_cli.scoring import compute as scoring

    model = shipped.scoring_models["iid-2023"]
    own = shipped.innovations_by_region["banggai"]
    result = scoring.score_region(model, "banggai", own, shipped)
    view = build_region(shipped, "banggai", Lang.EN, result).score
    assert (view.model_id, view.year, view.n) == ("iid-2023", result.year, len(own))
    assert (view.index, view.total, view.spd, view.sid) == (
        result.index,
        result.total,
        result.spd,
        result.sid,
    )
    assert view.predicate == (result.predicate.name if result.predicate else None)
    assert view.gate_met == result.gate.met
    # Missing urusan are shown by title, in the report's language.
    assert all(not m.islower() for m in view.gate_missing)
    assert [i.score for i in view.with_points] == [s.score for s in result.innovations if s.score]


def test_region_with_nothing_recorded_is_refused(collection: Path) -> None:
    (collection / "data/regions/kosong.yaml").write_text(
        "name: Kabupaten Kosong\ntype: kabupaten\nsources:\n  - source: fixture\n", encoding="utf-8"
    )
    loaded = load_collection(collection).collection
    with pytest.raises(UsageError, match="nothing is recorded about Kabupaten Kosong"):
        build_region(loaded, "kosong", Lang.ID)


def test_yearly_report_of_2019(shipped: Collection) -> None:
    context = build_yearly(shipped, 2019, Lang.ID)
    dated = [i for i in shipped.innovations.values() if 2019 in i.years]
    assert context.innovation_count == len(dated) >= 24
    assert sum(c.count for c in context.by_region) == len(dated)
    assert sum(c.count for c in context.by_sector) == len(dated)
    assert [v.visit.year for v in context.visits] == [2019] * len(context.visits)
    banggai = next(g for g in context.groups if g.region.id == "banggai")
    assert all(
        ("competition", "IGA 2019") in banggai.reasons[p.innovation.id] for p in banggai.profiles
    )


def test_yearly_refuses_an_empty_year(shipped: Collection) -> None:
    with pytest.raises(UsageError) as caught:
        build_yearly(shipped, 1990, Lang.ID)
    # No CLI option in the core's message: the CLI names the year (`--year 1990: ...`).
    assert str(caught.value).startswith(
        "no innovations or visits are dated to it; years with records:"
    )
    assert "2019" in str(caught.value)


def test_builders_are_deterministic(shipped: Collection) -> None:
    assert build_award(shipped, "banggai", "iga", 2019, Lang.ID) == build_award(
        shipped, "banggai", "iga", 2019, Lang.ID
    )
    assert build_visits(shipped, "banggai", received=True, lang=Lang.EN) == build_visits(
        shipped, "banggai", received=True, lang=Lang.EN
    )


def test_vocab_titles() -> None:
    assert Vocab(Lang.ID).title("sector", "kesehatan") == "Kesehatan"
    assert Vocab(Lang.EN).title("sector", "kesehatan") == "Health"
    assert Vocab(Lang.EN).title("visit_kind", "studi-banding") == "Comparative study visit"
    assert Vocab(Lang.ID).title("sector", None) is None


def test_the_registry_has_a_builder_and_templates_for_every_kind() -> None:
    import sys

    from inovasi_cli.core.paths import templates_dir
    from inovasi_cli.reports.common import ReportKind
    from inovasi_cli.reports.formats import ReportFormat
    from inovasi_cli.reports.kinds import BUILDERS
    from inovasi_cli.reports.render import template_name

    assert set(BUILDERS) == set(ReportKind)
    for kind, build in BUILDERS.items():
        returns = getattr(sys.modules[build.__module__], build.__annotations__["return"])
        assert returns.kind is kind  # the builder of a kind returns that kind's context
        for fmt in ReportFormat:
            assert (templates_dir() / template_name(kind, fmt)).is_file()


def test_a_context_reaches_its_template_as_its_fields(shipped: Collection) -> None:
    import dataclasses

    from inovasi_cli.reports.render import template_mapping

    context = build_visits(shipped, "banggai", received=True, lang=Lang.ID)
    mapping = template_mapping(context)
    assert mapping["kind"] == "visits"
    assert set(mapping) == {"kind"} | {f.name for f in dataclasses.fields(context)}
    assert mapping["visits"] is context.visits  # shallow: the views stay as they are
    with pytest.raises(dataclasses.FrozenInstanceError):
        context.direction = "visitor"  # type: ignore[misc]
