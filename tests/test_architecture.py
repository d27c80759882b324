"""The house rules of ARCHITECTURE.md, checked: the layers contract, no import cycles,
small modules and short functions, empty package files, and the rooms it names."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).parent.parent
PACKAGE = REPO / "src" / "inovasi_cli"
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
ROOMS = (
    "cli", "site", "contribute", "reports", "export", "output", "query", "scoring", "validation",
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


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_modules_are_small_and_functions_short(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count("\n") <= MAX_MODULE_LINES, f"{path.name}: over {MAX_MODULE_LINES} lines"
    long = []
    for node in ast.walk(ast.parse(text)):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        body = node.body
        first = body[0]
        docstring = isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant)
        start = body[1] if docstring and len(body) > 1 else first
        # The body, without the signature (Typer's annotated options are declarative).
        length = (node.end_lineno or node.lineno) - start.lineno + 1
        if length > MAX_FUNCTION_LINES:
            long.append(f"{node.name} (line {node.lineno}): {length} lines")
    assert not long, f"{path.name}: functions over {MAX_FUNCTION_LINES} lines: {long}"


def test_package_files_hold_only_their_contract() -> None:
    for init in PACKAGE.rglob("*/__init__.py"):  # the top one holds __version__
        tree = ast.parse(init.read_text(encoding="utf-8"))
        code = [n for n in tree.body if not (isinstance(n, ast.Expr) and n is tree.body[0])]
        assert not code, f"{init.relative_to(PACKAGE)} holds code; put it in a module"
        if init.parent != PACKAGE and init.parent.name != "cli":
            assert ast.get_docstring(tree), f"{init.relative_to(PACKAGE)}: no contract"


def test_the_rooms_are_the_packages_and_architecture_names_them() -> None:
    packages = {p.parent.name for p in PACKAGE.glob("*/__init__.py")}
    assert packages == set(ROOMS)
    assert not [
        p.name for p in PACKAGE.glob("*.py") if p.name not in {"__init__.py", "__main__.py"}
    ]
    architecture = (REPO / "ARCHITECTURE.md").read_text(encoding="utf-8")
    for room in ROOMS:
        assert f"`{room}/`" in architecture, room
