from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from inovasi_cli.cli.app import app

EXAMPLES = Path(__file__).parent / "examples"
REPO = Path(__file__).parent.parent

# A shell starts a background job (`make test &`, `nohup`) with SIGINT ignored, and
# Python then keeps ignoring it, as it should: so would the tool. The tests that press
# Ctrl-C need it delivered, in this process and in the processes it starts (an ignored
# signal is inherited across exec; a handled one is reset to the default).
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)


def git(repo: Path, *args: str) -> str:
    """Run git in a scratch repository with a fixed identity; its output."""
    identity = [
        "-c",
        "user.name=Test",
        "-c",
        "user.email=test@example.org",
        "-c",
        "commit.gpgsign=false",
    ]
    done = subprocess.run(
        ["git", "-C", str(repo), *identity, *args], capture_output=True, text=True, check=True
    )
    return done.stdout


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch) -> None:
    """Tests never read or write the user's cache (~/.cache/inovasi)."""
    monkeypatch.setenv("INOVASI_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.delenv("INOVASI_ROOT", raising=False)


@pytest.fixture
def collection(tmp_path: Path) -> Path:
    """A copy of the small valid example collection, safe to modify."""
    root = tmp_path / "collection"
    shutil.copytree(EXAMPLES / "valid", root)
    return root


class Run:
    """Invoke the CLI in-process; failures show both streams."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, code: int | None = 0, input: str | None = None):
        result = self.runner.invoke(app, list(args), input=input)
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        if code is not None:
            assert result.exit_code == code, (
                f"exit {result.exit_code} != {code}\n--- stdout\n{result.stdout}"
                f"\n--- stderr\n{result.stderr}"
            )
        return result


@pytest.fixture
def run() -> Callable[..., object]:
    return Run()


def inovasi(
    *args: str,
    timeout: float = 60,
    env: dict[str, str] | None = None,
    prefix: Sequence[str] = (),
    **options: Any,
) -> subprocess.CompletedProcess[bytes]:
    """The real CLI in a fresh process (``python -m inovasi_cli ARGS``), bounded by
    ``timeout`` (a hang raises ``subprocess.TimeoutExpired`` instead of stalling the
    suite). ``env`` replaces the environment (default: this one, without
    ``INOVASI_ROOT``/``INOVASI_DEBUG``); ``prefix`` runs it through another command
    (``setpriv ...``); other options go to ``subprocess.run``."""
    if env is None:
        env = {k: v for k, v in os.environ.items() if k not in {"INOVASI_ROOT", "INOVASI_DEBUG"}}
    options.setdefault("capture_output", "stdout" not in options and "stderr" not in options)
    command = [*prefix, sys.executable, "-m", "inovasi_cli", *args]
    return subprocess.run(command, env=env, timeout=timeout, check=False, **options)


def unprivileged() -> list[str] | None:
    """A prefix that runs a command as an ordinary user (``nobody``) when the tests run
    as root, for whom permissions do not apply; [] when they already run unprivileged;
    None when root cannot drop its privileges here (no setpriv)."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        return None
    return ["setpriv", "--reuid", "65534", "--regid", "65534", "--clear-groups"]
