"""Jinja2 environments for reports: HTML (autoescaped) and Markdown (an ``md`` filter).

Templates come from ``templates/`` (bundled with the package) and, first, from a user's
template folder: a file there with the same name replaces the bundled one, and
``bundled/<name>`` always reaches the original (so a user template can extend it).
Undefined variables are errors (``StrictUndefined``). Jinja is imported here, inside the
functions, only when a report is rendered.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from inovasi_cli.core import paths
from inovasi_cli.core.text import terminal_text
from inovasi_cli.output.markdown import md_code, md_escape, md_url
from inovasi_cli.reports import charts
from inovasi_cli.reports.common import Count
from inovasi_cli.reports.formats import FORMATS, ReportFormat
from inovasi_cli.reports.labels import Figure, Labels
from inovasi_cli.reports.parts import shown_note

if TYPE_CHECKING:
    from jinja2 import BaseLoader, Environment


def _clean(value: Any) -> Any:
    """Jinja ``finalize``: control characters in printed text shown as escapes."""
    if isinstance(value, str) and not hasattr(value, "__html__"):
        return terminal_text(value, newlines=True)
    return value


def _chart_rows(labels: Labels, counts: Sequence[Count]) -> list[charts.Bar]:
    return [
        charts.Bar((c.title or labels.text("not_recorded")) + labels.classified_suffix(c), c.count)
        for c in counts
    ]


def _describe(bars: Sequence[charts.Bar]) -> str:
    return "; ".join(f"{b.label}: {b.value}" for b in bars)


def _edge_text(edges: Sequence[charts.Edge]) -> str:
    return "; ".join(f"{e.label}: {e.origin} → {e.adopter}" for e in edges)


def _loader(user_dir: Path | None) -> BaseLoader:
    """The user's folder first, then the bundled templates, which ``bundled/`` always
    reaches."""
    from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader

    bundled = FileSystemLoader(str(paths.templates_dir()))
    loaders: list[BaseLoader] = [bundled, PrefixLoader({"bundled": bundled})]
    if user_dir is not None:
        loaders.insert(0, FileSystemLoader(str(user_dir)))
    return ChoiceLoader(loaders)


class MdRaw(str):
    """Markdown a template means as markup (``*inovasi*``): ``t`` does not escape it."""

    __slots__ = ()


def _label_value(key: str, value: object, labels: Labels, html: bool) -> object:
    """A value for a label's placeholder: counts as :class:`Figure` (``{n}`` in figures,
    ``{n:w}`` in words; a ``year`` as it is written), text escaped for the format (Markup
    and MdRaw as they are)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value) if key == "year" else Figure(value, labels)
    if html:
        # Markup.format escapes the values; _clean also shows their control characters
        # as escapes (finalize never sees the Markup t returns).
        return _clean(value)
    return value if isinstance(value, MdRaw) else md_escape(value)


def _label_function(labels: Labels, html: bool) -> Callable[..., Any]:
    """The templates' ``t``: a label with ``{placeholders}`` filled and the values escaped
    for the format."""
    from markupsafe import escape

    def t(key: str, count: int | None = None, **values: object) -> Any:
        text = labels.text(key, count)
        if count is not None:
            values.setdefault("n", count)
        filled = {k: _label_value(k, v, labels, html) for k, v in values.items()}
        if html:
            return escape(text).format(**filled)
        return text.format(**filled)

    return t


def _note_filter(labels: Labels, html: bool) -> Callable[[Any], Any]:
    """The templates' ``note``: the note of a record, citation or view (anything with
    ``note`` and ``note_lang``) as the report's language shows it (``parts.shown_note``),
    or None. In HTML a note in another language than the page's carries its ``lang``."""
    from markupsafe import Markup, escape

    def note(item: Any) -> Any:
        text = getattr(item, "note", None)
        found = shown_note(text, getattr(item, "note_lang", None), labels.lang)
        if found is None:
            return None
        text, tag = found
        if html and tag != labels.lang.value:
            return Markup('<span lang="{}">{}</span>').format(tag, escape(_clean(text)))
        return text

    return note


def _chart_functions(labels: Labels, html: bool) -> dict[str, Callable[..., Any]]:
    """The templates' ``bar_chart`` (inline SVG) and ``replication_diagram`` (SVG in HTML,
    Mermaid in Markdown)."""
    from markupsafe import Markup

    def bar_chart(counts: Sequence[Count], title: str, chart_id: str) -> Markup:
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

    return {"bar_chart": bar_chart, "replication_diagram": replication_diagram}


def build_environment(
    fmt: ReportFormat, labels: Labels, user_dir: Path | None = None
) -> Environment:
    """The Jinja2 environment for one format, language and template folder."""
    from jinja2 import Environment, StrictUndefined

    env = Environment(
        loader=_loader(user_dir),
        # Markdown is not HTML: its templates escape record text with the md filter.
        autoescape=FORMATS[fmt].autoescape,  # noqa: S701
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_clean,
    )
    html = FORMATS[fmt].autoescape  # html and pdf: the HTML templates
    from markupsafe import Markup

    env.globals.update(
        t=_label_function(labels, html),
        lang=labels.lang.value,
        pdf=fmt is ReportFormat.PDF,  # the HTML laid out as pages (page numbers, contents)
        # The tool's name, marked as a name (EYD V: a name of a work in italics).
        tool=Markup('<cite class="tool">inovasi</cite>') if html else MdRaw("*inovasi*"),
        **_chart_functions(labels, html),
    )
    env.filters.update(
        md=md_escape,
        md_url=md_url,
        md_code=md_code,
        num=labels.number,
        figure=labels.figure,
        figure1=labels.percent,
        date=labels.date,
        join_list=labels.join,
        phrases=labels.phrases,
        words=labels.words,
        note=_note_filter(labels, html),
    )
    return env
