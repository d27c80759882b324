"""Static report labels: ``templates/labels.yaml`` (a ``labels.yaml`` in the user's template
folder overrides single keys), in one language, with numbers, dates and lists written the
way that language writes them."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from inovasi_cli.core import paths
from inovasi_cli.core.errors import UsageError
from inovasi_cli.reports.common import Count
from inovasi_cli.reports.formats import Lang

LABELS_FILE = "labels.yaml"

LabelValue = str | dict[str, str] | list[str]


def _read_labels(path: Path) -> dict[str, dict[str, LabelValue]]:
    """Labels from a YAML file, read with the collection's own strict loader (libyaml, no
    YAML 1.1 surprises), once per file version."""
    try:
        stat = path.stat()
    except OSError as exc:
        raise UsageError(f"cannot read labels from {path}: {exc.strerror or exc}") from exc
    return _read_labels_cached(path, stat.st_mtime_ns, stat.st_size)


@functools.cache
def _read_labels_cached(path: Path, mtime_ns: int, size: int) -> dict[str, dict[str, LabelValue]]:
    from inovasi_cli.records.loader import load_bytes

    try:
        doc = load_bytes(path.read_bytes(), str(path))
    except OSError as exc:
        raise UsageError(f"cannot read labels from {path}: {exc.strerror or exc}") from exc
    problems = [f for f in doc.findings if f.code != "empty-file"]
    if problems:
        first = problems[0]
        raise UsageError(
            f"cannot read labels from {path}:{first.line}:{first.column}: {first.message}"
        )
    data = doc.data
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise UsageError(f"{path}: expected a mapping of label keys")
    for key, value in data.items():
        if not isinstance(value, dict) or not all(
            isinstance(lang, str) and isinstance(text, str | dict | list)
            for lang, text in value.items()
        ):
            raise UsageError(f"{path}: label {key!r} must map languages (id, en) to text")
    return data


class Labels:
    """Static report labels in one language (``t``), and numbers, dates and lists written
    the way that language writes them."""

    def __init__(self, lang: Lang, table: Mapping[str, Mapping[str, LabelValue]]) -> None:
        self.lang = lang
        self.table = table

    @classmethod
    def load(cls, lang: Lang, user_dir: Path | None = None) -> Labels:
        table = dict(_read_labels(paths.templates_dir() / LABELS_FILE))  # cached: copy
        if user_dir is not None and (user_dir / LABELS_FILE).is_file():
            for key, value in _read_labels(user_dir / LABELS_FILE).items():
                table[key] = {**table.get(key, {}), **value}
        return cls(lang, table)

    def raw(self, key: str) -> LabelValue:
        entry = self.table.get(key)
        if entry is None:
            from jinja2.exceptions import UndefinedError

            raise UndefinedError(f"no label {key!r} in {LABELS_FILE}")
        value = entry.get(self.lang.value, entry.get(Lang.ID.value))
        if value is None:
            from jinja2.exceptions import UndefinedError

            raise UndefinedError(f"label {key!r} has no {self.lang.value!r} text")
        return value

    def text(self, key: str, count: int | None = None) -> str:
        """The label's text; a ``{one: ..., other: ...}`` label chooses by ``count``."""
        value = self.raw(key)
        if isinstance(value, dict):
            form = "one" if count == 1 else "other"
            value = value.get(form) or value.get("other") or next(iter(value.values()))
        if isinstance(value, list):
            from jinja2.exceptions import UndefinedError

            raise UndefinedError(f"label {key!r} is a list, not text")
        return value

    def number(self, value: float | int | None) -> str:
        """2000000 -> ``2.000.000`` (id) or ``2,000,000`` (en); 1.5 -> ``1,5`` / ``1.5``."""
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = f"{value:,}" if isinstance(value, int) else f"{value:,.6f}".rstrip("0").rstrip(".")
        if self.lang is Lang.ID:
            text = text.translate(str.maketrans(",.", ".,"))
        return text

    def figure(self, value: Decimal | float | None) -> str:
        """A score with two decimals, half up, as the ministry publishes it: ``59,81``
        (id) or ``59.81`` (en); None -> the language's "unknown"."""
        if value is None:
            return self.text("not_known")
        rounded = Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        text = f"{rounded:,.2f}"
        if self.lang is Lang.ID:
            text = text.translate(str.maketrans(",.", ".,"))
        return text

    def percent(self, value: Decimal) -> str:
        """A percentage with one decimal, as computed (``0,1`` / ``0.1``)."""
        text = f"{Decimal(value):.1f}"
        return text.replace(".", ",") if self.lang is Lang.ID else text

    def date(self, value: str | None) -> str:
        """``2019-07`` -> ``Juli 2019``; ``2018-09-18`` -> ``18 September 2018``; missing ->
        "not recorded" (it stands under a date label, which says what is missing)."""
        if not value:
            return self.text("not_recorded")
        parts = value.split("-")
        months = self.raw("months")
        if len(parts) == 1 or not isinstance(months, list) or len(months) != 12:
            return value
        month = months[int(parts[1]) - 1]
        if len(parts) == 2:
            return f"{month} {parts[0]}"
        return f"{int(parts[2])} {month} {parts[0]}"

    def phrases(self, counts: Sequence[Count]) -> list[str]:
        """Count rows as a sentence lists them: ``14 kecamatan`` (id: the title is a
        common noun there, in lower case, EYD V) or ``Sub-district: 14`` (en), and how
        many of them are classifications: ``14 perangkat daerah (2 klasifikasi)``."""
        return [
            self.text("count_phrase").format(
                n=self.number(c.count),
                title=self.common_noun(c.title) if c.title else self.text("not_recorded"),
            )
            + self.classified_suffix(c)
            for c in counts
        ]

    def common_noun(self, title: str) -> str:
        """A vocabulary title inside an Indonesian sentence: ``Perangkat Daerah`` ->
        ``perangkat daerah`` (only names take capitals, EYD V); acronyms (``ASN``,
        ``DPRD``) stay. English titles are left as they are."""
        if self.lang is not Lang.ID:
            return title
        return " ".join(w.lower() if w[1:].islower() else w for w in title.split(" "))

    def classified_suffix(self, count: Count) -> str:
        """`` (2 klasifikasi)`` when some of a count are classifications, else nothing."""
        if not count.classified:
            return ""
        return (
            " ("
            + self.text("classified_n", count.classified).format(n=self.number(count.classified))
            + ")"
        )

    def words(self, value: int) -> str:
        """A count as a sentence writes it: in Indonesian, in words when one or two words
        can say it (EYD V: ``delapan``, ``dua belas``, ``seratus``), else in figures
        (``24``); in English, in figures."""
        if self.lang is Lang.ID:
            spelled = indonesian_words(value)
            if spelled is not None:
                return spelled
        return self.number(value)

    def join(self, items: Sequence[object]) -> str:
        """``a, b, dan c`` / ``a, b and c``; items that hold a comma themselves are joined
        with semicolons (EYD V: ``a; b, c, dan d``; English: ``a; b, c and d; and e``), so
        each item reads as one."""
        words = [str(i) for i in items]
        if len(words) <= 1:
            return "".join(words)
        if any("," in w for w in words):
            if self.lang is Lang.ID:
                return "; ".join(words)
            return f"{'; '.join(words[:-1])}; {self.text('and')} {words[-1]}"
        if self.lang is Lang.ID and len(words) > 2:
            return f"{', '.join(words[:-1])}, {self.text('and')} {words[-1]}"
        return f"{', '.join(words[:-1])} {self.text('and')} {words[-1]}"


_UNITS = ("nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan")


def indonesian_words(value: int) -> str | None:
    """``8`` -> ``delapan``, ``12`` -> ``dua belas``, ``300`` -> ``tiga ratus``: the
    Indonesian words for a count that one or two words say; None for the others
    (``24`` takes three words, so it stays in figures)."""
    if value < 0:
        return None
    if value < 10:
        return _UNITS[value]
    special = {10: "sepuluh", 11: "sebelas", 100: "seratus", 1000: "seribu"}
    if value in special:
        return special[value]
    if value < 20:
        return f"{_UNITS[value - 10]} belas"
    for size, word in ((10, "puluh"), (100, "ratus"), (1000, "ribu")):
        if value % size == 0 and value // size < 10:
            return f"{_UNITS[value // size]} {word}"
    return None


class Figure:
    """A count given to a label: ``{n}`` writes it in figures (``2.000``), ``{n:w}`` as a
    sentence writes it (:meth:`Labels.words`)."""

    __slots__ = ("labels", "value")

    def __init__(self, value: int, labels: Labels) -> None:
        self.value = value
        self.labels = labels

    def __format__(self, spec: str) -> str:
        return self.labels.words(self.value) if spec == "w" else self.labels.number(self.value)

    def __str__(self) -> str:
        return self.labels.number(self.value)
