"""The site's JSON API: the records in the shapes every command outputs
(``output.shapes``, the same JSON as ``inovasi show --format json``), one file per record
and one list per kind, each with ``api_version`` and the page it belongs to.

``API_VERSION`` changes only when a key is removed or changes meaning; new keys are
added without a change (README, "JSON API"; docs/site-api.md).
Pure: returns (path, JSON text) pairs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from inovasi_cli.core.json_text import json_text
from inovasi_cli.output.shapes import (
    innovation_shape,
    region_shape,
    source_shape,
    studied_by,
    visit_shape,
)
from inovasi_cli.records.collection import Collection
from inovasi_cli.site import urls

API_VERSION = 1


def _document(key: str, value: Any) -> str:
    return json_text({"api_version": API_VERSION, key: value}) + "\n"


def api_files(collection: Collection) -> Iterator[tuple[str, str]]:
    """Every file of the API: ``api/index.json``, the lists and one file per record."""
    index = studied_by(collection)
    innovations = []
    for innovation in collection.innovations.values():
        shape = innovation_shape(innovation, collection, index)
        shape["page"] = urls.innovation(innovation.id)
        innovations.append(shape)
        yield urls.api_innovation(innovation.id), _document("innovation", shape)
    yield urls.API_INNOVATIONS, _document("innovations", innovations)
    yield from _kind(
        "region",
        collection.regions,
        region_shape,
        urls.region,
        urls.api_region,
        urls.API_REGIONS,
        collection,
    )
    yield from _kind(
        "visit",
        collection.visits,
        visit_shape,
        urls.visit,
        urls.api_visit,
        urls.API_VISITS,
        collection,
    )
    yield from _kind(
        "source",
        collection.sources,
        source_shape,
        urls.source,
        urls.api_source,
        urls.API_SOURCES,
        collection,
    )
    yield urls.API_INDEX, json_text(index_document(collection), indent=2) + "\n"


def _kind(
    kind: str,
    records: Mapping[str, Any],
    shape_of: Callable[[Any, Collection], dict[str, Any]],
    page: Callable[[str], str],
    own: Callable[[str], str],
    listing: str,
    collection: Collection,
) -> Iterator[tuple[str, str]]:
    shapes = []
    for record_id, record in records.items():
        shape = shape_of(record, collection)
        shape["page"] = page(record_id)
        shapes.append(shape)
        yield own(record_id), _document(kind, shape)
    yield listing, _document(f"{kind}s", shapes)


def index_document(collection: Collection) -> dict[str, Any]:
    """``api/index.json``: the version, the counts and where everything is."""
    return {
        "api_version": API_VERSION,
        "counts": {
            "innovations": len(collection.innovations),
            "regions": len(collection.regions),
            "visits": len(collection.visits),
            "sources": len(collection.sources),
        },
        "lists": {
            "innovations": urls.API_INNOVATIONS,
            "regions": urls.API_REGIONS,
            "visits": urls.API_VISITS,
            "sources": urls.API_SOURCES,
        },
        "records": {
            "innovation": "api/inovasi/{region}/{slug}.json",
            "region": "api/daerah/{id}.json",
            "visit": "api/kunjungan/{id}.json",
            "source": "api/sumber/{id}.json",
        },
        "feed": urls.FEED,
    }
