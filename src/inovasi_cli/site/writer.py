"""Writing the site's pages: each through the one Jinja environment into the private build
folder, counted and measured. Files go straight into that folder (no temporary file and
rename each, no sync): the folder as a whole is renamed into place at the end
(:mod:`folder`), so no reader ever sees a half-written file.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from inovasi_cli.core.errors import InovasiError
from inovasi_cli.reports.render import tidy
from inovasi_cli.site import urls
from inovasi_cli.site.views import Page

if TYPE_CHECKING:
    from jinja2 import Environment, Template

# Pages load nothing but the site's own stylesheet; the two search pages also run the
# site's scripts, with WebAssembly (Pagefind's index) and its worker: nothing inline.
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; "
    "form-action 'self'"
)
CSP_SEARCH = (
    "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
    "img-src 'self' data:; connect-src 'self'; worker-src 'self'; base-uri 'none'; "
    "form-action 'self'"
)
SEARCH_TEMPLATES = frozenset({"site/home.html.j2", "site/search.html.j2"})


@dataclass(frozen=True, slots=True)
class SiteInfo:
    """What every page's template is given besides its view."""

    lang: str
    title: str
    base_url: str | None
    search: bool


class Writer:
    """Renders pages into the build folder and counts them. Templates are looked up once
    (:meth:`template`), and each folder is created once."""

    def __init__(self, tmp: Path, env: Environment, site: SiteInfo) -> None:
        self.tmp = tmp
        self.env = env
        self.site = site
        self.pages = 0
        self.sizes: dict[str, int] = {}
        self._templates: dict[str, Template] = {}
        self._folders: set[Path] = set()

    def fresh(self) -> Writer:
        """A writer into the same folder with the same templates, with nothing counted
        yet (a worker's, whose counts the parent adds up)."""
        writer = Writer(self.tmp, self.env, self.site)
        writer._templates = self._templates
        writer._folders = set(self._folders)
        return writer

    def template(self, name: str) -> Template:
        from jinja2 import TemplateError

        found = self._templates.get(name)
        if found is None:
            try:
                found = self._templates[name] = self.env.get_template(name)
            except TemplateError as exc:
                raise InovasiError(f"template {name}: {exc.message or exc}") from None
        return found

    def render(self, template: str, context: Mapping[str, Any]) -> str:
        from jinja2 import TemplateError

        compiled = self.template(template)
        try:
            return tidy(compiled.render(context))
        except TemplateError as exc:
            raise InovasiError(f"template {template}: {exc.message or exc}") from None

    def page(self, page: Page) -> None:
        root = urls.root_of(page.path)
        search = self.site.search and page.template in SEARCH_TEMPLATES
        text = self.render(
            page.template,
            {
                "page": page,
                "view": page.view,
                "root": root,
                "site": self.site,
                "csp": CSP_SEARCH if search else CSP,
            },
        )
        self.file(page.path, text)
        self.pages += 1

    def file(self, path: str, text: str) -> None:
        data = text.encode("utf-8")
        target = self.tmp / path
        parent = target.parent
        if parent not in self._folders:
            parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(parent)
        target.write_bytes(data)
        self.sizes[path] = len(data)


# One unit of the build: writes one page (or a few) through the writer it is given.
Task = Callable[[Writer], None]
