"""The one resolver of user input: regions, awards, innovations, years, tags and
vocabulary values, for every command alike.

Input is resolved *forgivingly* where that is safe (case and accents, spaces for
hyphens, a unique prefix, a documented alias, the Indonesian title, a region's name with
or without its type) and *strictly* where it is not: a value that names nothing raises
:class:`UsageError` naming the closest valid values, so a typo never looks like "none
found". Messages never name a command-line option: the caller adds it (see
:func:`labelled`).
"""

from __future__ import annotations

import contextlib
import difflib
import re
from collections.abc import Iterable, Iterator, Sequence

from inovasi_cli.core.errors import NotFoundError, UsageError
from inovasi_cli.core.text import fold
from inovasi_cli.records.collection import Collection
from inovasi_cli.records.registry import (
    DECREE,
    Registry,
    RegistryRegion,
    is_code,
    name_key,
    registry,
)
from inovasi_cli.records.vocabulary import Term, suggest, vocabulary


@contextlib.contextmanager
def labelled(label: str | None) -> Iterator[None]:
    """Usage errors raised inside name what was being resolved: ``--region: unknown
    region 'x'; ...``. ``label`` is the caller's word for it (an option, an argument)."""
    try:
        yield
    except UsageError as exc:
        if label is None:
            raise
        raise type(exc)(f"{label}: {exc}") from None


def norm(value: str) -> str:
    """'Uji Coba' -> 'uji-coba': folded, spaces and underscores as hyphens."""
    return re.sub(r"[\s_]+", "-", fold(value)).strip("-")


def _quote_all(values: Iterable[str]) -> str:
    return ", ".join(f"'{v}'" for v in values)


def _unknown(what: str, value: str, close: Sequence[str], valid: Sequence[str]) -> UsageError:
    if close:
        return UsageError(
            f"unknown {what} '{value}'; did you mean " + " or ".join(f"'{c}'" for c in close) + "?"
        )
    shown = ", ".join(valid[:40]) + (", ..." if len(valid) > 40 else "")
    return UsageError(f"unknown {what} '{value}'; valid values: {shown or '(none)'}")


def resolve_term(what: str, value: str, terms: Sequence[Term]) -> str:
    """One canonical vocabulary value for ``value``.

    Accepts the value itself, an ``x-aliases`` entry or the title in any case, or a unique
    prefix of a value. Ambiguous or unknown input raises :class:`UsageError`.
    """
    text = norm(value)
    if not text:
        raise UsageError(f"empty {what}")
    for term in terms:
        names = {term.value, *(norm(a) for a in term.aliases), norm(term.title)}
        if text in names:
            return term.value
    prefixed = [t.value for t in terms if t.value.startswith(text)]
    if len(prefixed) == 1:
        return prefixed[0]
    if len(prefixed) > 1:
        raise UsageError(f"ambiguous {what} '{value}': could be {_quote_all(prefixed)}")
    close = suggest(text, tuple(terms))
    raise _unknown(what, value, close, [t.value for t in terms])


def region_terms(collection: Collection) -> tuple[Term, ...]:
    """Regions as vocabulary terms: id, official name, name without its type, aliases."""
    terms = []
    for region in collection.regions.values():
        short = re.sub(r"^(kabupaten|kab\.?|kota|provinsi)\s+", "", region.name, flags=re.I)
        aliases = tuple(norm(a) for a in (*region.aliases, short))
        terms.append(Term(region.id, region.name, region.name, aliases))
    return tuple(terms)


def resolve_region(collection: Collection, value: str) -> str:
    """A region id from its id, name ('Kabupaten Banggai', 'Banggai'), alias or id prefix."""
    return resolve_term("region", value, region_terms(collection))


_VOCABULARIES = {
    "sector": ("innovation", "sector"),
    "stage": ("innovation", "stage"),
    "form": ("innovation", "form"),
    "unit type": ("innovation", "unit_type"),
    "award": ("innovation", "award"),
}


def resolve_vocabulary(what: str, value: str) -> str:
    """A value of a schema vocabulary: ``what`` is sector, stage, form, unit type or award."""
    schema_name, defs_name = _VOCABULARIES[what]
    return resolve_term(what, value, vocabulary(schema_name, defs_name))


_AWARD_YEAR = re.compile(r"^(?P<award>.*?)[-\s_]*(?P<year>(19|20)[0-9]{2})$")


def award_entries(collection: Collection) -> list[str]:
    """Every competition entry the collection records, as keys: ``iga-2019``..."""
    return sorted({c.key for i in collection.innovations.values() for c in i.competitions})


def resolve_award(collection: Collection, value: str) -> str:
    """``iga`` (any year) or one entry, ``iga-2019`` (also ``IGA 2019``, ``iga2019``,
    ``Innovative Government Award 2019``); the year must be one the collection records."""
    award, year = resolve_award_entry(collection, value, year_required=False)
    return award if year is None else f"{award}-{year}"


def resolve_award_entry(
    collection: Collection, value: str, *, year_required: bool = True
) -> tuple[str, int | None]:
    """The award and the year of ``value``; with ``year_required``, a value without a
    year is refused, naming the entries the collection records."""
    match = _AWARD_YEAR.match(value.strip())
    award = resolve_vocabulary("award", match["award"] if match else value)
    entries = award_entries(collection)
    same = [e for e in entries if e.startswith(f"{award}-")]
    if not match:
        if year_required:
            raise UsageError(
                f"'{value}' names no year; give one entry, e.g. "
                f"{same[-1] if same else award + '-2019'} (recorded: "
                f"{', '.join(same or entries) or '(none)'})"
            )
        return award, None
    key = f"{award}-{match['year']}"
    if key not in entries:
        raise UsageError(
            f"no innovation in the collection was entered in {key}; "
            f"entries recorded: {', '.join(same or entries) or '(none)'}"
        )
    return award, int(match["year"])


def resolve_year(value: int, known: Iterable[int], what: str = "innovation") -> int:
    years = sorted(set(known))
    if value not in years:
        shown = ", ".join(map(str, years)) or "(none)"
        raise UsageError(f"no {what} in the collection is dated {value}; years recorded: {shown}")
    return value


def resolve_tag(collection: Collection, value: str) -> str:
    tags = sorted({t for i in collection.innovations.values() for t in i.tags})
    return resolve_term("tag", value, tuple(Term(t, t, t) for t in tags))


def resolve_innovation(collection: Collection, value: str) -> str:
    """An innovation id from its full id, a unique suffix (``e-makam``), its acronym or one
    of its aliases.

    Raises :class:`UsageError` listing the candidates when ambiguous, and
    :class:`NotFoundError` with suggestions when nothing matches.
    """
    text = value.strip().strip("/")
    if text in collection.innovations:
        return text
    folded = fold(text)
    for innovation_id in collection.innovations:
        if innovation_id == folded:
            return innovation_id
    squeezed = _squeeze(text)
    candidates = [
        i.id
        for i in collection.innovations.values()
        if i.slug == folded
        or i.slug.endswith(f"-{folded}")
        or (squeezed and i.acronym is not None and _squeeze(i.acronym) == squeezed)
        or (squeezed and any(_squeeze(a) == squeezed for a in i.aliases))
    ]
    candidates = list(dict.fromkeys(candidates))
    if len(candidates) == 1:
        return candidates[0]
    if candidates:
        raise UsageError(f"'{value}' could be {_quote_all(candidates)}; give the full id")
    names: dict[str, str] = {}
    for innovation in collection.innovations.values():
        names[innovation.id] = innovation.id
        names.setdefault(innovation.slug, innovation.id)
        if innovation.acronym:
            names.setdefault(fold(innovation.acronym), innovation.id)
    close = difflib.get_close_matches(folded, list(names), n=5, cutoff=0.6)
    ids = list(dict.fromkeys(names[c] for c in close))[:3]
    if not ids and len(folded) >= 3:  # a word of the slug: 'smart' -> smart-kampung, ...
        ids = [i for i in collection.innovations if folded in i.partition("/")[2]][:5]
    hint = f"; did you mean {' or '.join(repr(i) for i in ids)}?" if ids else ""
    raise NotFoundError(f"no innovation '{value}' in the collection{hint}")


def _squeeze(text: str) -> str:
    """'1 PK 100 KK' and '1-pk-100-kk' compare equal: folded, letters and digits only."""
    return re.sub(r"[^0-9a-z]", "", fold(text))


def split_values(values: Iterable[str] | None) -> list[str]:
    """Repeated options and comma-separated lists both work: --sector a,b --sector c."""
    return [part.strip() for v in values or () for part in v.split(",") if part.strip()]


def resolve_registry_region(
    value: str, region_type: str | None = None, *, code: str | None = None
) -> RegistryRegion:
    """A region of the national registry from its code ('32.11') or name ('Kabupaten
    Sumedang', 'Sumedang', any case), narrowed by ``region_type``. With both ``code`` and
    a name in ``value``, they must name the same region. A name matching several regions
    lists them; an unknown one suggests the nearest."""
    known = registry()
    text = value.strip()
    if code is not None or is_code(text):
        wanted = (code or text).strip()
        entry = _registry_code(known, wanted)
        if (
            code is not None
            and text
            and name_key(text)
            not in {
                name_key(entry.name),
                name_key(entry.short_name),
            }
        ):
            raise UsageError(
                f"'{text}' is not {wanted}: the registry ({DECREE}) names {wanted} '{entry.name}'"
            )
        return entry
    # Narrowed by the type first; a name of another type is returned for the caller's
    # rules to refuse in their own words ('Kota Makassar' names a kota, ...).
    found = known.named(text, region_type) or known.named(text)
    if len(found) == 1:
        return found[0]
    if found:
        return _ambiguous(text, found)
    close = known.nearest(text)
    hint = f"; did you mean {' or '.join(e.label for e in close)}?" if close else ""
    raise UsageError(f"'{text}' is not a region in the registry ({DECREE}){hint}")


def _ambiguous(text: str, found: Sequence[RegistryRegion]) -> RegistryRegion:
    listed = "; ".join(e.label for e in found)
    raise UsageError(f"'{text}' could be {listed}; give the code or the full name")


def _registry_code(known: Registry, code: str) -> RegistryRegion:
    entry = known.get(code) if is_code(code) else None
    if entry is not None:
        return entry
    if not is_code(code):
        raise UsageError(
            f"'{code}' is not a Kemendagri code: write PP.RR, e.g. 72.01 (PP for a province)"
        )
    raise UsageError(f"no region {code} in the registry ({DECREE}); {known.around(code)}")


def resolve_province(value: str) -> str:
    """A province as the registry spells it, from its name in any case or a common
    variant ('jabar', 'DKI Jakarta', 'NTB')."""
    return resolve_term("province", value, vocabulary("region", "province"))
