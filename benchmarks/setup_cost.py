"""What the README's two set-up commands cost on a fresh clone: time and venv size.

    python benchmarks/setup_cost.py [--skip-test]

Clones the repository's HEAD into a scratch folder, runs ``make demo`` there, then
``make test`` (which adds the test extra and runs the suite), and prints a Markdown table
of the wall time of each and the size of ``.venv`` after it, plus which of the test tools
the demo's venv holds (it should hold none). Downloads come from pip's cache when it has
them, as on a developer's machine; the README says which.
"""

from __future__ import annotations

import argparse
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TEST_TOOLS = ("pytest", "mypy", "ruff", "hypothesis")


def size_mb(folder: Path) -> float:
    total = sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() or p.is_symlink())
    return total / 1_000_000


def timed(argv: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(argv, cwd=cwd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def installed(venv: Path) -> set[str]:
    done = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "list", "--format", "freeze"],
        capture_output=True,
        text=True,
        check=True,
    )
    return {line.split("==")[0].lower() for line in done.stdout.splitlines()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--skip-test", action="store_true", help="measure make demo only")
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory(prefix="inovasi-setup-") as scratch:
        clone = Path(scratch, "inovasi")
        subprocess.run(["git", "clone", "--quiet", str(REPO), str(clone)], check=True)
        seconds = timed(["make", "demo"], clone)
        venv = clone / ".venv"
        rows.append(("make demo (fresh clone)", seconds, size_mb(venv)))
        held = sorted(set(TEST_TOOLS) & installed(venv))
        if not args.skip_test:
            seconds = timed(["make", "test"], clone)
            rows.append(("make test (after make demo)", seconds, size_mb(venv)))
    print(f"Python {platform.python_version()}, {platform.machine()}, {platform.system()}")
    print()
    print("| command | seconds | .venv MB |")
    print("|---|---:|---:|")
    for name, seconds, megabytes in rows:
        print(f"| `{name}` | {seconds:.0f} | {megabytes:.0f} |")
    print()
    print(f"test tools in the demo's venv: {', '.join(held) or 'none'}")
    return 1 if held else 0


if __name__ == "__main__":
    sys.exit(main())
