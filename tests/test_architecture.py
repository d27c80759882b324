"""The house rules of ARCHITECTURE.md, checked: the layers contract, no import cycles,
small modules and short functions, empty package files, and the rooms it names."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).parent.parent
PACKAGE = REPO / "src" / "inovasi_cli"
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
ROOMS = (
    "cli", "contribute", "reports", "export", "output", "query", "scoring", "validation",
    "records", "core",
)  # fmt: skip


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_the_layers_contract_and_no_cycles_hold() -> None:
    done = subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports"), "--no-cache"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 kept, 0 broken" in done.stdout


def test_package_files_hold_only_their_contract() -> None:
    for init in PACKAGE.rglob("*/__init__.py"):  # the top one holds __version__
        tree = ast.parse(init.read_text(encoding="utf-8"))
        code = [n for n in tree.body if not (isinstance(n, ast.Expr) and n is tree.body[0])]
        assert not code, f"{init.relative_to(PACKAGE)} holds code; put it in a module"
        if init.parent != PACKAGE and init.parent.name != "cli":
            assert ast.get_docstring(tree), f"{init.relative_to(PACKAGE)}: no contract"
