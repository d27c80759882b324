"""What each record's collection checks read about other records, as keys.

The incremental engine (:mod:`inovasi_cli.validation.incremental`) re-checks a record
only when one of the keys it *depends* on is *provided* by a record that changed (before
or after the change). The checks themselves stay the one source of truth for the rules:
this module says only where they look. It may say too much (a record re-checked for
nothing costs a little time); it must never say too little, which the equivalence tests
(``tests/test_incremental.py``) hold it to. A check that starts reading something new
must add it here.

Keys: ``r:<id>`` a region file, ``r*`` the names of every valid region (the hint of an
unknown region), ``rn:``/``rc:`` a region name or code (uniqueness), ``i:<id>`` an
innovation file, ``ir:<region>`` the innovation ids of a region folder (the hint of an
unknown innovation), ``in:`` an innovation name within its region, ``m:<id>`` a scoring
model file, ``m*`` the list of model files (the hint of an unknown model), ``s:<id>`` a
source file, ``s*`` the list of source files (the hint of an unknown source), ``sd:`` a
source's title and publisher (described once), ``c:<id>`` a record citing that source
(whether a source is cited at all).
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from typing import Any

from inovasi_cli.core.text import fold
from inovasi_cli.validation.checks.context import Index
from inovasi_cli.validation.checks.readings import Reading, items, text
from inovasi_cli.validation.checks.sources import cited_sources

KINDS = frozenset({"region", "innovation", "visit", "scoring-model", "source"})
CITING = frozenset({"region", "innovation", "visit"})


def provides(kind: str, record_id: str, reading: Reading | None) -> tuple[str, ...]:
    """The keys a record file stands for: its existence and validity (whatever its
    content), and the values other records are compared with."""
    return tuple(sys.intern(key) for key in _provides(kind, record_id, reading))


def _provides(kind: str, record_id: str, reading: Reading | None) -> list[str]:
    data: Mapping[str, Any] = reading.data if reading is not None else {}
    if kind == "region":
        keys = [f"r:{record_id}", "r*"]
        name, code = text(data, "name"), text(data, "code")
        if name is not None:
            keys.append(f"rn:{fold(name)}")
        if code:
            keys.append(f"rc:{code}")
        return keys + [f"c:{source}" for source in sorted(cited_sources(data))]
    if kind == "innovation":
        region = record_id.partition("/")[0]
        keys = [f"i:{record_id}", f"ir:{region}"]
        name = text(data, "name")
        if name is not None:
            keys.append(f"in:{region}\0{fold(name)}")
        return keys + [f"c:{source}" for source in sorted(cited_sources(data))]
    if kind == "scoring-model":
        return [f"m:{record_id}", "m*"]
    if kind == "source":
        title, publisher = text(data, "title"), text(data, "publisher")
        keys = [f"s:{record_id}", "s*"]
        if title is not None:
            keys.append(f"sd:{fold(title)}\0{fold(publisher or '')}")
        return keys
    if kind == "visit":
        return [f"v:{record_id}"] + [f"c:{source}" for source in sorted(cited_sources(data))]
    return [f"{kind}:{record_id}"]


def depends(
    reading: Reading, index: Index, provided: tuple[str, ...] | None = None
) -> tuple[str, ...]:
    """The keys the checks of one record read, given the collection they ran in
    (``provided``: what :func:`provides` gave for it, when the caller has it)."""
    if provided is None:
        provided = provides(reading.kind, reading.id, reading)
    keys = {key for key in provided if not key.startswith("c:")} - {"r*", "m*", "s*"}
    data = reading.data
    if reading.kind == "source":
        keys.add(f"c:{reading.id}")  # whether some record cites it
    if reading.kind in CITING:
        for source in cited_sources(data):
            keys.add(f"s:{source}")
            if source not in index.source_ids:
                keys.add("s*")
    if reading.kind == "region":
        for _, fact in items(data, "facts"):
            for _, person in items(fact, "people"):
                _region(keys, text(person, "region"), index)
    if reading.kind == "innovation":
        _region(keys, reading.id.partition("/")[0], index)
        _innovation(keys, text(data, "replication_of"), index)
    elif reading.kind == "visit":
        _region(keys, text(data, "host"), index)
        for _, visitor in items(data, "visitors"):
            _region(keys, text(visitor, "region"), index)
        for _, studied in items(data, "studied"):
            _innovation(keys, text(studied, "innovation"), index)
        for _, outcome in items(data, "outcomes"):
            _region(keys, text(outcome, "adopter"), index)
            _innovation(keys, text(outcome, "innovation"), index)
            _innovation(keys, text(outcome, "as"), index)
    if reading.kind in ("innovation", "region"):
        for _, entry in items(data, "evidence"):
            model = text(entry, "model")
            if model is not None:
                keys.add(f"m:{model}")
                if model not in index.model_files:
                    keys.add("m*")
    return tuple(sys.intern(key) for key in sorted(keys))  # stored once each in the cache


def _region(keys: set[str], region: str | None, index: Index) -> None:
    if region is not None:
        keys.add(f"r:{region}")
        if region not in index.region_ids:
            keys.add("r*")


def _innovation(keys: set[str], ref: str | None, index: Index) -> None:
    if ref:
        keys.add(f"i:{ref}")
        if ref not in index.innovation_ids:
            keys.add(f"ir:{ref.partition('/')[0]}")
