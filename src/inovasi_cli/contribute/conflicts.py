"""Not shadowing what exists: why a new record would repeat one already in the
collection (the same id on a case-insensitive disk, the same name or code), and which
recorded visits may be the same event. Pure functions: each returns its reason, or
None."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from inovasi_cli.contribute.skeleton import record_path
from inovasi_cli.core.text import fold, slugify
from inovasi_cli.records.collection import Collection


def same_name(a: str, b: str) -> bool:
    """Two names that would read as one record: equal once case, accents and
    punctuation are set aside (``E-Makam`` and ``e makam``)."""
    return fold(a) == fold(b) or slugify(a, 10_000) == slugify(b, 10_000) != ""


def _same_id(record_id: str, existing: Iterable[str]) -> str | None:
    """An existing id equal to ``record_id`` ignoring case (one file on a case-insensitive
    disk, such as a contributor's laptop)."""
    wanted = record_id.casefold()
    return next((i for i in sorted(existing) if i.casefold() == wanted), None)


def innovation_conflict(
    collection: Collection, ids: Iterable[str], region: str, slug: str, name: str
) -> str | None:
    """Why ``<region>/<slug>`` named ``name`` would shadow an existing innovation, or None.
    ``ids`` are the ids of every innovation file, valid or not."""
    record_id = f"{region}/{slug}"
    clash = _same_id(record_id, ids)
    if clash is not None:
        existing = collection.innovations.get(clash)
        named = f" ('{existing.name}')" if existing else ""
        return (
            f"{record_path('innovations', clash)}{named} already exists; edit that file, "
            "or give this innovation another id with --slug"
        )
    for innovation in collection.innovations_by_region.get(region, ()):
        known = (innovation.name, innovation.display_name, innovation.acronym or "")
        if any(same_name(k, name) for k in known if k):
            return (
                f"'{name}' is already recorded as {innovation.id} "
                f"({innovation.path or record_path('innovations', innovation.id)}); edit that file"
            )
    return None


def region_conflict(
    collection: Collection, ids: Iterable[str], record_id: str, name: str, code: str | None
) -> str | None:
    """Why a new region would shadow an existing one (same id, name or code), or None."""
    clash = _same_id(record_id, ids)
    if clash is not None:
        return f"{record_path('regions', clash)} already exists; edit that file"
    for existing in collection.regions.values():
        if same_name(existing.name, name):
            return f"'{name}' is already recorded as region {existing.id} ({existing.path})"
        if code and existing.code == code:
            return f"code {code} is already used by region {existing.id} ({existing.path})"
    return None


def visit_conflict(ids: Iterable[str], record_id: str) -> str | None:
    clash = _same_id(record_id, ids)
    if clash is None:
        return None
    return (
        f"{record_path('visits', clash)} already exists; edit that file, "
        "or pass another id with --slug"
    )


def similar_visits(
    collection: Collection, host: str, visitors: Sequence[str], date: str | None
) -> list[str]:
    """Recorded visits that may be the same event: same host and visitor regions, and
    dates that do not contradict each other (one missing, or one a prefix of the other)."""
    wanted = set(visitors)
    found = []
    for existing in collection.visits.values():
        if existing.host != host or set(existing.visitor_regions) != wanted or not wanted:
            continue
        other = existing.date
        if date is None or other is None or date.startswith(other) or other.startswith(date):
            found.append(existing.id)
    return found


def source_conflict(
    collection: Collection, ids: Iterable[str], record_id: str, title: str
) -> str | None:
    """Why a new source would describe again a document the bibliography holds (the same
    id, or the same title), or None."""
    clash = _same_id(record_id, ids)
    if clash is not None:
        return (
            f"{record_path('sources', clash)} already exists; cite it, or give this "
            "source another id with --slug"
        )
    for existing in collection.sources.values():
        if same_name(existing.title, title):
            return (
                f"'{title}' is already described as source {existing.id} ({existing.path}); "
                f"cite it: 'sources: - source: {existing.id}'"
            )
    return None
