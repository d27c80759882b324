"""The Atom feed (RFC 4287) of new and changed records and of new official results.

Dates come from git (:mod:`history`): an entry's ``published`` is when its file was first
committed, ``updated`` its last change. Outside a git checkout they come from the
records' own dates (an innovation's newest date or competition year, a visit's date, a
result's year), and undated records are left out; :class:`Feed` says which.
Pure: text in, text out; every piece of record text is escaped for XML.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from inovasi_cli.records.collection import Collection
from inovasi_cli.records.model import Fact, Innovation, Region
from inovasi_cli.reports.charts import xml_text
from inovasi_cli.site import urls
from inovasi_cli.site.history import Dates

FEED_SIZE = 50
URN = "urn:inovasi"


@dataclass(frozen=True, slots=True)
class Entry:
    id: str  # a URN that does not change when the site moves
    kind: str  # label key: feed.innovation, feed.visit, feed.region, feed.result
    title: str
    path: str  # the page, relative to the site root
    published: str
    updated: str
    summary: str


@dataclass(frozen=True, slots=True)
class Feed:
    entries: tuple[Entry, ...]
    dated_by: str  # "git" or "records"
    undated: int  # records left out: no date to give them


def _stamp(value: str | int | None) -> str | None:
    """``2019``, ``2019-07`` or ``2019-07-05`` as an Atom date (midnight UTC)."""
    if value is None:
        return None
    parts = ([*str(value).split("-"), "01", "01"])[:3]
    return f"{parts[0]}-{parts[1]}-{parts[2]}T00:00:00Z"


def _innovation_date(innovation: Innovation) -> str | None:
    dates = [d for d in (innovation.trial_date, innovation.implementation_date) if d]
    dates += [str(c.year) for c in innovation.competitions]
    return _stamp(max(dates, key=lambda d: (d + "-00-00")[:10])) if dates else None


def _is_result(fact: Fact) -> bool:
    """An official result: an award or index result with a rank, predicate or score."""
    return fact.kind == "iga" and any(
        v is not None for v in (fact.rank, fact.predicate, fact.index, fact.grade)
    )


def _results(region: Region, dates: Dates | None) -> Iterable[Entry]:
    for n, fact in enumerate(region.facts, 1):
        if not _is_result(fact):
            continue
        own = _stamp(fact.date or fact.year)
        published = dates.created if dates else own
        updated = dates.updated if dates else own
        if published is None or updated is None:
            continue
        title = f"{region.name} {fact.year or ''}".strip()
        yield Entry(
            f"{URN}:result:{region.id}:{n}",
            "feed.result",
            title,
            urls.region(region.id),
            published,
            updated,
            fact.statement,
        )


def entries(
    collection: Collection, dates: Mapping[str, Dates] | None, labels: Mapping[str, str]
) -> Feed:
    """The newest ``FEED_SIZE`` entries, newest first. ``labels``: the entry title
    prefixes by kind, in the site's language."""
    found: list[Entry] = []
    undated = 0

    def add(
        kind: str, record_id: str, path: str, page: str, title: str, summary: str, own: str | None
    ) -> None:
        nonlocal undated
        known = dates.get(path) if dates is not None else None
        published = known.created if known else own
        updated = known.updated if known else own
        if published is None or updated is None:
            undated += 1
            return
        urn = f"{URN}:{kind}:{record_id.replace('/', ':')}"
        found.append(
            Entry(
                urn, f"feed.{kind}", f"{labels[kind]}: {title}", page, published, updated, summary
            )
        )

    for i in collection.innovations.values():
        add(
            "innovation",
            i.id,
            i.path,
            urls.innovation(i.id),
            i.display_name,
            i.summary,
            _innovation_date(i),
        )
    for v in collection.visits.values():
        who = ", ".join(
            dict.fromkeys(
                x.institution or collection.region_name(x.region or "") for x in v.visitors
            )
        )
        title = f"{who} → {collection.region_name(v.host)}"
        add("visit", v.id, v.path, urls.visit(v.id), title, v.purpose or "", _stamp(v.date))
    for r in collection.regions.values():
        region_dates = dates.get(r.path) if dates is not None else None
        for entry in _results(r, region_dates):
            found.append(
                Entry(
                    entry.id,
                    entry.kind,
                    f"{labels['result']}: {entry.title}",
                    entry.path,
                    entry.published,
                    entry.updated,
                    entry.summary,
                )
            )
    found.sort(key=lambda e: (e.updated, e.id), reverse=True)
    return Feed(tuple(found[:FEED_SIZE]), "git" if dates is not None else "records", undated)


def atom(feed: Feed, *, title: str, lang: str, base_url: str | None) -> str:
    """The feed as Atom XML. Links are absolute with ``base_url``, else relative to the
    feed (which sits at the site root)."""
    base = base_url.rstrip("/") + "/" if base_url else ""
    updated = feed.entries[0].updated if feed.entries else "1970-01-01T00:00:00Z"
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{xml_text(lang)}">',
        f"<title>{xml_text(title)}</title>",
        f"<id>{URN}:feed</id>",
        f"<updated>{updated}</updated>",
        "<author><name>inovasi</name></author>",
        "<generator>inovasi</generator>",
        f'<link rel="self" href="{xml_text(base + urls.FEED)}"/>',
        f'<link rel="alternate" type="text/html" href="{xml_text(base + urls.HOME)}"/>',
    ]
    for e in feed.entries:
        lines += [
            "<entry>",
            f"<id>{xml_text(e.id)}</id>",
            f"<title>{xml_text(e.title)}</title>",
            f'<link rel="alternate" type="text/html" href="{xml_text(base + e.path)}"/>',
            f"<published>{e.published}</published>",
            f"<updated>{e.updated}</updated>",
            f"<summary>{xml_text(e.summary)}</summary>",
            "</entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"
