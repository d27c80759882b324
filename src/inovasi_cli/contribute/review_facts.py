"""A changed record as its reviewer wants to see it: names, not ids, and its key facts.

Read leniently from the per-file result of the commit it is reviewed at (the record may
be invalid: the review still shows what can be read), through the accessors the checks
use, so a value of the wrong type is simply not shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import PurePosixPath
from typing import Any

from inovasi_cli.contribute.sides import Side
from inovasi_cli.core import paths
from inovasi_cli.records.vocabulary import title
from inovasi_cli.validation.cache import data_of
from inovasi_cli.validation.checks.readings import items, text
from inovasi_cli.validation.incremental import is_valid


def region_name(side: Side, region_id: str) -> str:
    """A region's name at that commit, else its id."""
    entry = side.entries.get(f"{paths.DATA_DIR}/regions/{region_id}.yaml")
    name = text(data_of(entry), "name") if entry is not None and is_valid(entry) else None
    return name or region_id


def innovation_name(side: Side, innovation_id: str) -> str:
    """An innovation's name at that commit, else its id."""
    entry = side.entries.get(f"{paths.DATA_DIR}/innovations/{innovation_id}.yaml")
    name = text(data_of(entry), "name") if entry is not None else None
    return name or innovation_id


def source_title(side: Side, source_id: str) -> str:
    """A source of the bibliography as a citation shows it: its title (a supplied one in
    brackets) and publisher, else its id."""
    entry = side.entries.get(f"{paths.DATA_DIR}/sources/{source_id}.yaml")
    data = data_of(entry) if entry is not None and is_valid(entry) else None
    title = text(data, "title")
    if title is None:
        return source_id
    if isinstance(data, dict) and data.get("title_supplied") is True:
        title = f"[{title}]"
    publisher = text(data, "publisher")
    return f"{title} ({publisher})" if publisher else title


def _sources(side: Side, data: Mapping[str, Any]) -> str:
    cited = []
    for _, citation in items(data, "sources"):
        source = text(citation, "source")
        if source:
            locator = text(citation, "locator")
            title = source_title(side, source)
            cited.append(f"{title}, {locator}" if locator else title)
    return "; ".join(cited)


def details(path: str, side: Side) -> dict[str, Any]:
    """Kind, id, names and key facts of the record file at ``path`` (nothing for a file
    that is not a record)."""
    parts = PurePosixPath(path).parts
    kind_dir = paths.RECORD_KINDS.get(parts[1]) if len(parts) > 2 else None
    if kind_dir is None or not path.endswith(".yaml") or len(parts) != kind_dir.depth + 2:
        return {}
    record_id = "/".join(parts[2:])[: -len(".yaml")]
    entry = side.entries.get(path)
    if entry is None:  # not a record at that commit (a stray file, a name not UTF-8)
        return {}
    value = data_of(entry)
    data: Mapping[str, Any] = value if isinstance(value, dict) else {}
    found: dict[str, Any] = {"kind": kind_dir.name, "id": record_id}
    facts: list[tuple[str, str]] = []
    if kind_dir.name == "innovation":
        found |= _innovation(side, record_id, data, facts)
    elif kind_dir.name == "region":
        found |= {"name": text(data, "name") or "", "region": text(data, "name") or record_id}
        found["region_id"] = record_id
        for label, key in (("type", "type"), ("province", "province"), ("code", "code")):
            if text(data, key):
                facts.append((label, str(text(data, key))))
    elif kind_dir.name == "visit":
        found |= _visit(side, data, facts)
    elif kind_dir.name == "source":  # a source shows by its title
        found["name"] = text(data, "title") or ""
        for label in ("kind", "publisher", "published", "url"):
            if text(data, label):
                facts.append((label, str(text(data, label))))
    else:
        found["name"] = text(data, "name") or ""
    if kind_dir.name != "source" and _sources(side, data):
        facts.append(("sources", _sources(side, data)))
    found["facts"] = tuple(facts)
    return found


def _innovation(
    side: Side, record_id: str, data: Mapping[str, Any], facts: list[tuple[str, str]]
) -> dict[str, Any]:
    region = record_id.partition("/")[0]
    sector = text(data, "sector") or ""
    facts.append(("region", region_name(side, region)))
    if sector:
        facts.append(("sector", title("sector", sector)))
    if text(data, "unit"):
        facts.append(("unit", str(text(data, "unit"))))
    original = text(data, "replication_of")
    if original:
        facts.append(("replicates", f"{innovation_name(side, original)} ({original})"))
    return {
        "name": text(data, "name") or "",
        "region": region_name(side, region),
        "region_id": region,
        "sector": title("sector", sector) if sector else "",
    }


def _visit(side: Side, data: Mapping[str, Any], facts: list[tuple[str, str]]) -> dict[str, Any]:
    host = text(data, "host") or ""
    visitors = []
    for _, visitor in items(data, "visitors"):
        region = text(visitor, "region")
        who = region_name(side, region) if region else text(visitor, "institution")
        if who:
            visitors.append(who)
    name = ", ".join(visitors) + (f" ke {region_name(side, host)}" if host else "")
    if text(data, "date"):
        facts.append(("date", str(text(data, "date"))))
    studied = [
        innovation_name(side, ref)
        for _, item in items(data, "studied")
        if (ref := text(item, "innovation"))
    ]
    if studied:
        facts.append(("studied", "; ".join(studied)))
    replications = []
    for _, outcome in items(data, "outcomes"):
        original, adopter = text(outcome, "innovation"), text(outcome, "adopter")
        if original and adopter:
            adopted = text(outcome, "name") or (
                innovation_name(side, ref) if (ref := text(outcome, "as")) else ""
            )
            line = f"{region_name(side, adopter)} replicates {innovation_name(side, original)}"
            replications.append(line + (f" as {adopted}" if adopted else ""))
    if replications:
        facts.append(("replications", "; ".join(replications)))
    return {"name": name, "region": region_name(side, host) if host else "", "region_id": host}
