"""Where every page of the site lives: one function per kind of page, each returning a path
relative to the site root (``inovasi/banggai/e-makam/index.html``).

Paths are permanent addresses: they are made from record ids (which are file paths, so
slugs) and never from titles or the page language. Links always name ``index.html``, so
the site also works opened from disk (``file://`` shows no folder index).
"""

from __future__ import annotations

from inovasi_cli.core.errors import InovasiError
from inovasi_cli.core.text import SLUG

HOME = "index.html"
SEARCH = "cari/index.html"
NETWORK = "jaringan/index.html"
BROWSE = "telusur/index.html"
YEARS = "tahun/index.html"
AWARDS = "penghargaan/index.html"
REGIONS = "daerah/index.html"
VISITS = "kunjungan/index.html"
MODELS = "model/index.html"
SOURCES = "sumber/index.html"
FEED = "feed.xml"
CSS = "assets/site.css"
SEARCH_JS = "assets/search.js"
PAGEFIND = "pagefind/"
API_INDEX = "api/index.json"
API_INNOVATIONS = "api/innovations.json"
API_REGIONS = "api/regions.json"
API_VISITS = "api/visits.json"
API_SOURCES = "api/sources.json"
# The folders of the record pages, the only pages search indexes (data-pagefind-body)
SEARCHED_FOLDERS = ("inovasi", "daerah", "kunjungan", "model", "sumber")


def segment(value: str) -> str:
    """A path segment made from an id: it must be a slug (record ids always are)."""
    if not SLUG.fullmatch(value):
        raise InovasiError(f"cannot make a page address from {value!r}: not a slug")
    return value


def _id_path(record_id: str) -> str:
    return "/".join(segment(part) for part in record_id.split("/"))


def innovation(innovation_id: str) -> str:
    return f"inovasi/{_id_path(innovation_id)}/index.html"


def region(region_id: str) -> str:
    return f"daerah/{segment(region_id)}/index.html"


def visit(visit_id: str) -> str:
    return f"kunjungan/{segment(visit_id)}/index.html"


def model(model_id: str) -> str:
    return f"model/{segment(model_id)}/index.html"


def source(source_id: str) -> str:
    return f"sumber/{segment(source_id)}/index.html"


def year(value: int) -> str:
    return f"tahun/{value}/index.html"


def award(award_id: str, value: int) -> str:
    return f"penghargaan/{segment(award_id)}-{value}/index.html"


def facet(key: str) -> str:
    return f"telusur/{segment(key)}/index.html"


def facet_value(key: str, value: str, page: int = 1) -> str:
    base = f"telusur/{segment(key)}/{segment(value)}/"
    return f"{base}index.html" if page == 1 else f"{base}{page}/index.html"


def region_report(region_id: str) -> str:
    return f"laporan/daerah/{segment(region_id)}.html"


def visits_report(region_id: str, *, received: bool) -> str:
    side = "diterima" if received else "dilakukan"
    return f"laporan/kunjungan/{segment(region_id)}-{side}.html"


def award_report(award_id: str, value: int, region_id: str) -> str:
    return f"laporan/penghargaan/{segment(award_id)}-{value}/{segment(region_id)}.html"


def year_report(value: int) -> str:
    return f"laporan/tahun/{value}.html"


def api_innovation(innovation_id: str) -> str:
    return f"api/inovasi/{_id_path(innovation_id)}.json"


def api_region(region_id: str) -> str:
    return f"api/daerah/{segment(region_id)}.json"


def api_visit(visit_id: str) -> str:
    return f"api/kunjungan/{segment(visit_id)}.json"


def api_source(source_id: str) -> str:
    return f"api/sumber/{segment(source_id)}.json"


def root_of(path: str) -> str:
    """The relative prefix from a page back to the site root: ``../../`` for
    ``daerah/banggai/index.html``; empty at the root."""
    return "../" * path.count("/")
