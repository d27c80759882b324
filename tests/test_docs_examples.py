"""Every console example in the documentation is a real run (see docs_examples.py)."""

from __future__ import annotations

import re
import shutil

import pytest

from docs_examples import REPO, SCENARIOS, Block, blocks, matches, run_one, tools

DOCUMENTS = ["README.md"]
EXAMPLES = [(document, block) for document in DOCUMENTS for block in blocks(REPO / document)]


@pytest.mark.parametrize(
    ("document", "block"),
    [pytest.param(d, b, id=b.id) for d, b in EXAMPLES if not b.spec.startswith("skip")],
)
def test_console_example_shows_what_its_commands_print(document: str, block: Block) -> None:
    missing = sorted(tool for tool in tools(block) if shutil.which(tool) is None)
    if missing:
        pytest.skip(f"needs {', '.join(missing)} (Debian packages; .ci/run installs them)")
    failures = []
    for outcome in run_one(block, blocks(REPO / document)):
        if not matches(outcome.step.expected, outcome.actual):
            failures.append(
                f"$ {outcome.step.command}\n--- shown\n"
                + "\n".join(outcome.step.expected)
                + "\n--- printed\n"
                + "\n".join(outcome.actual)
            )
    assert not failures, (
        "\n\n".join(failures)
        + f"\n\nrefresh with: python tests/docs_examples.py --update {document}"
    )


@pytest.mark.parametrize("document", DOCUMENTS)
def test_every_example_names_a_known_scenario(document: str) -> None:
    found = blocks(REPO / document)
    assert found, f"{document} has no console examples"
    for block in found:
        spec = block.spec.removeprefix("session ").strip()
        assert spec.startswith("skip ") or spec in SCENARIOS, f"{block.id}: {block.spec!r}"
        if not spec.startswith("skip"):
            assert block.steps, f"{block.id}: a console example without a command"


def test_the_demo_example_is_what_make_demo_runs() -> None:
    """The README's demo block repeats the Makefile's last commands, so it shows the
    real end of `make demo`."""
    makefile = (REPO / "Makefile").read_text(encoding="utf-8").replace("\\\n\t\t", "")
    recipe = makefile.split("\ndemo:", 1)[1].split("\n\n", 1)[0]
    commands = [
        re.sub(r"\s+", " ", line.strip().replace("$(BIN)/", ""))
        for line in recipe.splitlines()[1:]
        if line.startswith("\t") and not line.startswith("\t@")
    ]
    readme = blocks(REPO / "README.md")
    demo = next(
        b for b in readme if any("build/iga-2019-banggai.html" in s.command for s in b.steps)
    )
    assert [s.command for s in demo.steps] == commands[-len(demo.steps) :]


def test_matching_rules() -> None:
    assert matches(["a", "...", "z"], ["a", "b", "c", "z"])
    assert matches(["a", "..."], ["a"])
    assert matches(["a", ""], ["a"])  # a blank line only separates commands
    assert not matches(["a", "z"], ["a", "b", "z"])
    assert not matches(["a"], ["a", "b"])
