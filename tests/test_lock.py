"""The lock files: every dependency pinned with hashes, the runtime lean, both in step
with pyproject.toml, and used by the Makefile's two set-up commands."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).parent.parent
REQUIREMENTS = REPO / "requirements"
TEST_TOOLS = {"pytest", "mypy", "ruff", "hypothesis"}


def pins(name: str) -> dict[str, str]:
    """Package -> version of a lock file, checking that every pin carries hashes."""
    text = (REQUIREMENTS / name).read_text(encoding="utf-8")
    entries = re.split(r"\n(?=[a-z0-9])", text.split("\n", 2)[2])
    found = {}
    for entry in entries:
        match = re.match(r"([A-Za-z0-9._-]+)==([^\s;\\]+)", entry)
        assert match, f"{name}: not a pin: {entry[:60]!r}"
        assert "--hash=sha256:" in entry, f"{name}: {match.group(1)} has no hash"
        found[canonicalize_name(match.group(1))] = match.group(2)
    return found


def project() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_every_pin_has_hashes_and_satisfies_pyproject() -> None:
    runtime, test = pins("runtime.txt"), pins("test.txt")
    build = [
        line
        for line in (REQUIREMENTS / "build.in").read_text().splitlines()
        if line and not line.startswith("#")
    ]
    for spec, lock in [
        *((s, runtime) for s in project()["dependencies"] + build),
        *((s, test) for s in project()["optional-dependencies"]["test"]),
    ]:
        requirement = Requirement(spec)
        name = canonicalize_name(requirement.name)
        assert name in lock, f"{requirement.name} is not locked"
        assert requirement.specifier.contains(lock[name], prereleases=True), (
            f"{name}=={lock[name]} does not satisfy {spec!r}: run make lock"
        )


def test_the_runtime_lock_is_lean_and_the_test_lock_agrees_with_it() -> None:
    runtime, test = pins("runtime.txt"), pins("test.txt")
    assert not TEST_TOOLS & set(runtime), "make demo would install test tools"
    assert set(test) >= TEST_TOOLS
    for name, version in runtime.items():
        assert test.get(name) == version, f"{name}: {version} in runtime.txt, {test.get(name)}"


def test_the_set_up_commands_install_from_the_lock() -> None:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^demo: \$\(BIN\)/\.runtime$", makefile, re.M)
    assert re.search(r"^test: \$\(BIN\)/\.test$", makefile, re.M)
    assert "--require-hashes --no-deps" in makefile
    runtime_rule = makefile.split("$(BIN)/.runtime:", 1)[1].split("\n\n", 1)[0]
    assert "-r requirements/runtime.txt" in runtime_rule
    assert "test.txt" not in runtime_rule and "[test]" not in runtime_rule
    assert "--no-build-isolation" in runtime_rule  # the build backend comes from the lock
    assert "-r requirements/test.txt" in makefile.split("$(BIN)/.test:", 1)[1].split("\n\n")[0]
