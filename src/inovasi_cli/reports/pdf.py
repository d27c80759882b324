"""PDF reports: the HTML report, rendered for pages (``pdf`` in its templates: A4, page
numbers, a table of contents with page references, ``_pdf.css``), laid out by WeasyPrint.

WeasyPrint is the optional extra ``pdf`` (``pip install 'inovasi[pdf]'``) and needs Pango
from the system; either missing is an :class:`InovasiError` naming what to install, never
a traceback. It is imported here, only when a PDF is made.

The bytes are deterministic: no creation or modification date is written, and the file
identifier is derived from the document itself, so the same collection gives the same PDF
on the same machine (fonts come from the system, so another machine may lay it out with
other fonts).
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from typing import Any

from inovasi_cli.core.errors import InovasiError

INSTALL_HINT = "install it with: pip install 'inovasi[pdf]' (in this repository: make test)"
PANGO_HINT = (
    "WeasyPrint needs Pango from the system (Debian/Ubuntu: apt-get install "
    "libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core)"
)


@dataclass(frozen=True, slots=True)
class PdfDocument:
    data: bytes
    pages: int


def _import() -> Any:
    import weasyprint  # type: ignore[import-untyped]

    return weasyprint


def _weasyprint() -> Any:
    """The weasyprint module, or one clear error saying what is missing."""
    try:
        return _import()
    except ImportError as exc:
        if getattr(exc, "name", None) == "weasyprint":
            raise InovasiError(
                f"--format pdf needs WeasyPrint, which is not installed; {INSTALL_HINT}"
            ) from None
        raise InovasiError(
            f"--format pdf: WeasyPrint cannot start ({exc}); {INSTALL_HINT}"
        ) from None
    except OSError as exc:  # cffi could not load Pango, GObject or HarfBuzz
        reason = " ".join(str(exc).split())
        raise InovasiError(f"--format pdf: {reason}; {PANGO_HINT}") from None


def _refusing_fetcher(weasyprint: Any) -> Any:
    """A URL fetcher that loads nothing: a report fetches nothing (its CSP says so), and
    neither does its PDF, whatever a template of one's own refers to. WeasyPrint skips
    the resource. Recent WeasyPrint versions take a ``URLFetcher`` instance, older ones
    any callable."""

    def refuse(url: str) -> None:
        raise ValueError(f"a report does not load {url}")

    base = getattr(getattr(weasyprint, "urls", None), "URLFetcher", None)
    if base is None:
        return lambda url, *args, **kwargs: refuse(url)

    class Refusing(base):  # type: ignore[misc, valid-type]
        def fetch(self, url: str, headers: object = None) -> None:
            refuse(url)

    return Refusing()


def pdf_from_html(html: str) -> PdfDocument:
    """Lay out a self-contained HTML report (no external resources) as a PDF."""
    weasyprint = _weasyprint()
    # WeasyPrint warns through logging about CSS it ignores (the screen-only rules of the
    # shared stylesheet); those are not the user's problem.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)

    document = weasyprint.HTML(string=html, url_fetcher=_refusing_fetcher(weasyprint)).render()
    identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
    data = document.write_pdf(pdf_identifier=identifier, uncompressed_pdf=False)
    return PdfDocument(bytes(data), len(document.pages))
