"""Headless Chromium driven over the DevTools protocol (``--remote-debugging-pipe``: JSON
messages on file descriptors 3 and 4, no network port), to look at a report as a phone
and a desktop browser show it: a viewport of any width (a plain ``--window-size`` cannot
go below 500 px), measurements taken by script in the page, and screenshots.

Used by tests/test_report_browser.py and by ``python tests/browser.py`` (the screenshots
under docs/).
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

# Debian's /usr/bin/chromium is a shell launcher; the binary behind it gets the pipe.
_BINARY = Path("/usr/lib/chromium/chromium")
CHROMIUM = (
    str(_BINARY)
    if _BINARY.is_file()
    else shutil.which("chromium") or shutil.which("chromium-browser")
)
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--remote-debugging-pipe",
]


class Browser:
    def __init__(self, process: subprocess.Popen[bytes], to_browser: int, from_browser: int):
        self.process = process
        self.to_browser = os.fdopen(to_browser, "wb", buffering=0)
        self.from_browser = os.fdopen(from_browser, "rb", buffering=0)
        self.buffer = b""
        self.next_id = 0
        self.session: str | None = None

    def _read(self) -> dict[str, Any]:
        while b"\0" not in self.buffer:
            chunk = self.from_browser.read(1 << 16)
            if not chunk:
                raise RuntimeError("chromium closed the DevTools pipe")
            self.buffer += chunk
        message, _, self.buffer = self.buffer.partition(b"\0")
        return dict(json.loads(message))

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        """Send a command (to the page once attached) and return its result."""
        self.next_id += 1
        message: dict[str, Any] = {"id": self.next_id, "method": method, "params": params}
        if self.session is not None and not method.startswith("Target."):
            message["sessionId"] = self.session
        self.to_browser.write(json.dumps(message).encode("utf-8") + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return dict(reply.get("result", {}))

    def wait_for(self, event: str) -> None:
        while self._read().get("method") != event:
            pass

    def open(self, url: str, width: int, height: int = 900) -> None:
        """A page of ``width`` CSS pixels (a phone's viewport when narrow), loaded."""
        if self.session is None:
            target = self.send("Target.createTarget", url="about:blank")["targetId"]
            self.session = self.send("Target.attachToTarget", targetId=target, flatten=True)[
                "sessionId"
            ]
            self.send("Page.enable")
        self.send(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=width < 600,
        )
        self.send("Page.navigate", url=url)
        self.wait_for("Page.loadEventFired")

    def evaluate(self, expression: str) -> Any:
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"script failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def screenshot(self, path: Path, width: int, height: int, top: int = 0) -> None:
        """A PNG of the page from ``top``, ``width`` × ``height`` pixels."""
        clip = {"x": 0, "y": top, "width": width, "height": height, "scale": 1}
        data = self.send(
            "Page.captureScreenshot", format="png", clip=clip, captureBeyondViewport=True
        )["data"]
        path.write_bytes(base64.b64decode(data))


@contextmanager
def chromium() -> Iterator[Browser]:
    if CHROMIUM is None:
        raise RuntimeError("chromium is not installed (Debian: apt-get install chromium)")
    profile = tempfile.mkdtemp(prefix="inovasi-chromium-")
    to_read, to_browser = os.pipe()  # the browser reads commands on fd 3
    from_browser, to_write = os.pipe()  # and writes replies on fd 4

    def descriptors() -> None:
        # Copies first: a pipe end may be 3 or 4 already, and dup2 onto itself would
        # leave it close-on-exec.
        read, write = os.dup(to_read), os.dup(to_write)
        os.dup2(read, 3)
        os.dup2(write, 4)

    process = subprocess.Popen(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=None if os.environ.get("BROWSER_DEBUG") else subprocess.DEVNULL,
        # Not close_fds: the descriptors set up as 3 and 4 must stay open across exec
        # (Python's own descriptors are not inheritable, so nothing else leaks).
        close_fds=False,
        preexec_fn=descriptors,
    )
    os.close(to_read)
    os.close(to_write)
    browser = Browser(process, to_browser, from_browser)
    try:
        yield browser
    finally:
        with contextlib.suppress(RuntimeError, OSError):
            browser.send("Browser.close")
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        browser.to_browser.close()
        browser.from_browser.close()
        shutil.rmtree(profile, ignore_errors=True)


# What a reader sees: the page's width against the viewport's, each table's scroll
# container, the scroll hints shown, the predicate cells' lines.
MEASURE = """(() => {
  const lines = (e) => {
    const range = document.createRange();
    range.selectNodeContents(e);
    return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
  };
  return {
    viewport: window.innerWidth,
    page: document.documentElement.scrollWidth,
    tables: [...document.querySelectorAll('table')].map((t) => {
      const box = t.closest('.table-scroll');
      const hint = box && box.previousElementSibling
        && box.previousElementSibling.classList.contains('scroll-hint')
        ? box.previousElementSibling : null;
      return {
        caption: (t.caption || t.querySelector('th') || t).textContent.trim().slice(0, 60),
        scroller: box ? getComputedStyle(box).overflowX : null,
        focusable: box ? box.tabIndex === 0 : false,
        overflows: box ? box.scrollWidth > box.clientWidth + 1 : t.scrollWidth > t.clientWidth,
        hint: hint ? getComputedStyle(hint).display !== 'none' : false,
        right: Math.round((box || t).getBoundingClientRect().right),
        width: [box ? box.scrollWidth : 0, box ? box.clientWidth : 0],
      };
    }),
    predicates: [...document.querySelectorAll('td.predicate')].map(
      (c) => ({text: c.textContent.trim(), lines: lines(c)})),
    firstHint: (() => {
      const hint = document.querySelector('.scroll-hint');
      if (!hint || getComputedStyle(hint).display === 'none') return null;
      const box = hint.nextElementSibling.getBoundingClientRect();
      return {top: Math.round(hint.getBoundingClientRect().top + scrollY),
              bottom: Math.round(box.bottom + scrollY)};
    })(),
    height: document.documentElement.scrollHeight,
  };
})()"""


def _shoot(folder: Path, out: Path) -> None:
    """docs/report-<kind>-<width>.png for every report kind at 390 and 1280 px, from the
    top; and at 390 px docs/report-<kind>-390-table.png, the first wide table with its
    scroll hint and its right edge clipped, as a phone shows it."""
    with chromium() as browser:
        for page in sorted(folder.glob("*.html")):
            for width in (390, 1280):
                browser.open(page.as_uri(), width)
                seen = browser.evaluate(MEASURE)
                height = min(1200 if width < 600 else 1400, seen["height"])
                target = out / f"report-{page.stem}-{width}.png"
                browser.screenshot(target, width, height)
                print(f"wrote {target} ({width}x{height})")
                hint = seen["firstHint"]
                if width < 600 and hint is not None:
                    top = max(0, hint["top"] - 24)
                    height = min(hint["bottom"] + 24, top + 900) - top
                    target = out / f"report-{page.stem}-{width}-table.png"
                    browser.screenshot(target, width, height, top=top)
                    print(f"wrote {target} ({width}x{height})")


def main() -> int:
    """Render each report kind of the shipped collection as HTML and shoot it."""
    repo = Path(__file__).resolve().parents[1]
    inovasi = Path(sys.executable).with_name("inovasi")
    reports = {
        "award": ["award", "--region", "banggai", "--award", "iga-2019"],
        "visits": ["visits", "--host", "banggai"],
        "region": ["region", "banggai"],
        "yearly": ["yearly", "--year", "2019"],
    }
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        for kind, args in reports.items():
            subprocess.run(
                [str(inovasi), "--root", str(repo), "report", *args, "-f", "html",
                 "-o", str(folder / f"{kind}.html")],
                check=True,
            )  # fmt: skip
        _shoot(folder, repo / "docs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
