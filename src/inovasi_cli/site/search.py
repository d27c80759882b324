"""The search index: Pagefind's indexer (a native binary from the ``pagefind-bin`` wheel,
the ``site`` extra) run once over the built folder. It writes ``pagefind/`` (the index,
its WASM and the bundled search UI) into the site; it fetches nothing, and it is run in
the site's own folder with no Pagefind variables, so no configuration file or setting of
the user's changes what it does.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from inovasi_cli.core.errors import InovasiError
from inovasi_cli.site import urls

INSTALL_HINT = "pip install 'inovasi[site]'"


class SearchUnavailableError(InovasiError):
    """Pagefind is not installed."""


def pagefind_executable() -> Path:
    """The Pagefind binary of the installed ``pagefind-bin`` wheel."""
    try:
        import pagefind_bin  # type: ignore[import-untyped]
    except ImportError:
        raise SearchUnavailableError(
            f"the site's search needs Pagefind, which is not installed; install it with "
            f"{INSTALL_HINT} (or build without search: --no-search)"
        ) from None
    try:
        return Path(pagefind_bin.get_executable())
    except (FileNotFoundError, OSError) as exc:
        raise SearchUnavailableError(
            f"the Pagefind package has no binary for this system ({exc}); reinstall it "
            f"with {INSTALL_HINT}, or build without search: --no-search"
        ) from None


def pages_glob() -> str:
    """The pages Pagefind reads: the record pages' folders, the only pages it indexes (the
    others have no ``data-pagefind-body``), so the listings and reports, most of a large
    site, are not even read."""
    return "{" + ",".join(urls.SEARCHED_FOLDERS) + "}/**/*.html"


def index_site(site: Path, *, executable: Path | None = None, timeout: float = 600) -> str:
    """Index the record pages of ``site`` (those with ``data-pagefind-body``); Pagefind's
    summary line ("Indexed N pages")."""
    binary = executable or pagefind_executable()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND_")}
    try:
        done = subprocess.run(
            [str(binary), "--site", ".", "--keep-index-url", "--glob", pages_glob()],
            cwd=site,
            capture_output=True,
            env=env,
            check=False,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        raise InovasiError(
            f"Pagefind did not finish indexing the site in {timeout:.0f} s"
        ) from None
    except OSError as exc:
        raise InovasiError(f"cannot run Pagefind ({binary}): {exc.strerror or exc}") from None
    output = done.stdout.decode("utf-8", "replace") + done.stderr.decode("utf-8", "replace")
    if done.returncode != 0:
        lines = [line.strip() for line in output.splitlines() if line.strip()]
        raise InovasiError(f"Pagefind failed: {lines[-1] if lines else f'exit {done.returncode}'}")
    return next(
        (line.strip() for line in output.splitlines() if "Indexed" in line and "page" in line), ""
    )
