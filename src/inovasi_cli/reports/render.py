"""Rendering a report: a report context (or any mapping, for a template of one's own) and a
template in, text out. A context reaches its template as a mapping of its fields
(:func:`template_mapping`); its kind chooses the template (:func:`template_name`).

Template problems are reported as one line with the template name and line, never a
traceback: ``UsageError`` (exit 2) when they come from the user's template folder,
``InovasiError`` when from the bundled templates.
"""

from __future__ import annotations

import dataclasses
import re
import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from inovasi_cli.core import paths
from inovasi_cli.core.errors import InovasiError, UsageError
from inovasi_cli.reports.common import ReportContext, ReportKind
from inovasi_cli.reports.environment import build_environment
from inovasi_cli.reports.formats import FORMATS, Lang, ReportFormat
from inovasi_cli.reports.labels import Labels


def template_name(kind: ReportKind, fmt: ReportFormat) -> str:
    """``award.html.j2``: the template of a kind of report in a format."""
    return f"{kind.value}.{FORMATS[fmt].suffix}.j2"


def template_mapping(context: ReportContext) -> dict[str, object]:
    """The names a template sees: ``kind`` and the context's fields, as they are (shallow:
    the views inside stay dataclasses, which templates read by attribute)."""
    fields = {f.name: getattr(context, f.name) for f in dataclasses.fields(context)}
    return {"kind": context.kind.value, **fields}


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


def render_report(
    context: ReportContext,
    *,
    fmt: ReportFormat,
    lang: Lang = Lang.ID,
    user_dir: Path | None = None,
) -> str:
    """Render a report: its kind's template in the format, given the context's fields."""
    return render(
        template_name(context.kind, fmt),
        template_mapping(context),
        fmt=fmt,
        lang=lang,
        user_dir=user_dir,
    )


@dataclass(frozen=True, slots=True)
class Rendered:
    """A report as bytes to write: text in UTF-8, or a PDF (``pages``: its page count)."""

    data: bytes
    pages: int | None = None


def render_document(
    context: ReportContext,
    *,
    fmt: ReportFormat,
    lang: Lang = Lang.ID,
    user_dir: Path | None = None,
) -> Rendered:
    """A report in any format as the bytes to write: Markdown and HTML as UTF-8, PDF laid
    out from the HTML templates (``reports/pdf.py``)."""
    text = render_report(context, fmt=fmt, lang=lang, user_dir=user_dir)
    if not FORMATS[fmt].binary:
        return Rendered(text.encode("utf-8"))
    from inovasi_cli.reports.pdf import pdf_from_html

    document = pdf_from_html(text)
    return Rendered(document.data, document.pages)


def render(
    template: str,
    context: Mapping[str, object],
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
        raise UsageError(f"{user_dir}: no such folder")
    labels = Labels.load(lang, user_dir)
    env = build_environment(fmt, labels, user_dir)
    if extra:
        env.globals.update(extra)
    try:
        text = env.get_template(template).render(context)
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
