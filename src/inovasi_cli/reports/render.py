"""Jinja2 environments for reports: HTML (autoescaped) and Markdown (an ``md`` filter).

Templates come from ``templates/`` (bundled with the package) and, first, from a user's
``--templates DIR``: a file there with the same name replaces the bundled one, and
``bundled/<name>`` always reaches the original (so a user template can extend it).
Static labels live in ``templates/labels.yaml`` (and a ``labels.yaml`` in the user's folder
overrides single keys). Undefined variables are errors (``StrictUndefined``), reported as
one line with the template name and line, never a traceback.
"""

from __future__ import annotations

import functools
import re
import traceback
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from inovasi_cli.core import paths
from inovasi_cli.core.errors import InovasiError, UsageError
from inovasi_cli.core.text import terminal_text
from inovasi_cli.output.markdown import md_code, md_escape, md_url
from inovasi_cli.reports import charts

if TYPE_CHECKING:
    from jinja2 import Environment


class ReportFormat(StrEnum):
    """Output formats of ``inovasi report``."""

    MD = "md"
    HTML = "html"


class Lang(StrEnum):
    """Report languages: labels and vocabulary; record text stays as written."""

    ID = "id"
    EN = "en"


@dataclass(frozen=True, slots=True)
class FormatSpec:
    suffix: str  # templates are <kind>.<suffix>.j2
    autoescape: bool
    description: str


FORMATS: dict[ReportFormat, FormatSpec] = {
    ReportFormat.MD: FormatSpec("md", False, "GitHub-flavoured Markdown"),
    ReportFormat.HTML: FormatSpec("html", True, "one self-contained HTML page"),
}

LABELS_FILE = "labels.yaml"


def _clean(value: Any) -> Any:
    """Jinja ``finalize``: control characters in printed text shown as escapes."""
    if isinstance(value, str) and not hasattr(value, "__html__"):
        return terminal_text(value, newlines=True)
    return value


# --- Labels --------------------------------------------------------------------------

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

    def date(self, value: str | None) -> str:
        """``2019-07`` -> ``Juli 2019``; ``2018-09-18`` -> ``18 September 2018``; missing ->
        the language's "date not recorded"."""
        if not value:
            return self.text("date_not_recorded")
        parts = value.split("-")
        months = self.raw("months")
        if len(parts) == 1 or not isinstance(months, list) or len(months) != 12:
            return value
        month = months[int(parts[1]) - 1]
        if len(parts) == 2:
            return f"{month} {parts[0]}"
        return f"{int(parts[2])} {month} {parts[0]}"

    def phrases(self, counts: Sequence[Any]) -> list[str]:
        """Count rows as ``14 Kecamatan`` (id) or ``Sub-district: 14`` (en)."""
        return [
            self.text("count_phrase").format(
                n=self.number(c.count), title=c.title or self.text("not_recorded")
            )
            for c in counts
        ]

    def join(self, items: Sequence[object]) -> str:
        """``a, b dan c`` / ``a, b and c``."""
        words = [str(i) for i in items]
        if len(words) <= 1:
            return "".join(words)
        return f"{', '.join(words[:-1])} {self.text('and')} {words[-1]}"


# --- Environments --------------------------------------------------------------------


def _chart_rows(labels: Labels, counts: Sequence[Any]) -> list[charts.Bar]:
    return [charts.Bar(c.title or labels.text("not_recorded"), c.count) for c in counts]


def _describe(bars: Sequence[charts.Bar]) -> str:
    return "; ".join(f"{b.label}: {b.value}" for b in bars)


def _edge_text(edges: Sequence[charts.Edge]) -> str:
    return "; ".join(f"{e.label}: {e.origin} → {e.adopter}" for e in edges)


def build_environment(
    fmt: ReportFormat, labels: Labels, user_dir: Path | None = None
) -> Environment:
    """The Jinja2 environment for one format, language and template folder."""
    from jinja2 import (
        ChoiceLoader,
        Environment,
        FileSystemLoader,
        PrefixLoader,
        StrictUndefined,
    )
    from markupsafe import Markup, escape

    bundled = FileSystemLoader(str(paths.templates_dir()))
    loaders: list[Any] = [bundled, PrefixLoader({"bundled": bundled})]
    if user_dir is not None:
        loaders.insert(0, FileSystemLoader(str(user_dir)))
    spec = FORMATS[fmt]
    env = Environment(
        loader=ChoiceLoader(loaders),
        # Markdown is not HTML: its templates escape record text with the md filter.
        autoescape=spec.autoescape,  # noqa: S701
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_clean,
    )
    html = fmt is ReportFormat.HTML

    def t(key: str, count: int | None = None, **values: object) -> Any:
        """A label with ``{placeholders}`` filled; the values are escaped for the format."""
        text = labels.text(key, count)
        if count is not None:
            values.setdefault("n", labels.number(count))
        if html:
            # Markup.format escapes the values; _clean also shows their control
            # characters as escapes (finalize never sees the Markup this returns).
            return escape(text).format(**{k: _clean(v) for k, v in values.items()})
        return text.format(**{k: md_escape(v) for k, v in values.items()})

    def bar_chart(counts: Sequence[Any], title: str, chart_id: str) -> Markup:
        bars = _chart_rows(labels, counts)
        svg = charts.bar_chart_svg(
            bars, title=title, description=_describe(bars), chart_id=chart_id
        )
        return Markup(svg)  # noqa: S704 - charts.py escapes every piece of text

    def replication_diagram(edges: Sequence[charts.Edge], title: str, chart_id: str) -> Any:
        if html:
            svg = charts.replication_svg(
                edges, title=title, description=_edge_text(edges), chart_id=chart_id
            )
            return Markup(svg)  # noqa: S704 - charts.py escapes every piece of text
        return f"```mermaid\n{charts.replication_mermaid(edges)}\n```"

    env.globals.update(
        t=t,
        lang=labels.lang.value,
        bar_chart=bar_chart,
        replication_diagram=replication_diagram,
    )
    env.filters.update(
        md=md_escape,
        md_url=md_url,
        md_code=md_code,
        num=labels.number,
        figure=labels.figure,
        date=labels.date,
        join_list=labels.join,
        phrases=labels.phrases,
    )
    return env


# --- Rendering -----------------------------------------------------------------------


def _template_location(exc: BaseException, user_dir: Path | None) -> tuple[str, int | None, bool]:
    """(template name, line, is-user-template) of the innermost template frame."""
    from jinja2 import TemplateSyntaxError

    bundled = paths.templates_dir().resolve()
    user = user_dir.resolve() if user_dir is not None else None

    def describe(filename: str) -> tuple[str, bool]:
        path = Path(filename).resolve()
        for base, is_user in ((user, True), (bundled, False)):
            if base is not None and path.is_relative_to(base):
                return path.relative_to(base).as_posix(), is_user
        return filename, False

    if isinstance(exc, TemplateSyntaxError) and exc.filename:
        name, is_user = describe(exc.filename)
        return name, exc.lineno, is_user
    found: tuple[str, int | None, bool] | None = None
    for frame, line in traceback.walk_tb(exc.__traceback__):
        filename = frame.f_code.co_filename
        if filename.endswith(".j2"):
            name, is_user = describe(filename)
            found = (name, line, is_user)
    return found or ("?", None, False)


def render(
    template_name: str,
    context: Mapping[str, Any],
    *,
    fmt: ReportFormat,
    lang: Lang = Lang.ID,
    user_dir: Path | None = None,
    extra: Mapping[str, Callable[..., Any]] | None = None,
) -> str:
    """Render one template to text. Template problems raise ``UsageError`` when they come
    from the user's folder (exit 2), ``InovasiError`` when from the bundled templates."""
    from jinja2 import TemplateError, TemplateNotFound

    if user_dir is not None and not user_dir.is_dir():
        raise UsageError(f"--templates {user_dir}: no such folder")
    labels = Labels.load(lang, user_dir)
    env = build_environment(fmt, labels, user_dir)
    if extra:
        env.globals.update(extra)
    try:
        text = env.get_template(template_name).render(context)
    except TemplateNotFound as exc:
        raise InovasiError(f"template {exc.name} not found") from None
    except TemplateError as exc:
        name, line, is_user = _template_location(exc, user_dir)
        where = f"template {name}" + (f", line {line}" if line else "")
        # Jinja names the Python class ('inovasi_cli.records.model.Region object'): a
        # template author knows it as the record kind.
        message = _PYTHON_OBJECT.sub(r"'\1'", exc.message or str(exc))
        if is_user:
            raise UsageError(f"{where} (in {user_dir}): {message}") from None
        raise InovasiError(f"{where}: {message}") from None
    return tidy(text)


_PYTHON_OBJECT = re.compile(r"'(?:[A-Za-z_][\w]*\.)+([A-Za-z_]\w*) object'")


def tidy(text: str) -> str:
    """No trailing spaces, no runs of blank lines, exactly one final newline."""
    lines = [line.rstrip() for line in text.splitlines()]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines))
    return text.strip("\n") + "\n"
