"""The CI workflows, the pre-commit hooks and the editor set-up, exercised for real.

Each workflow step that runs ``inovasi`` is executed with bash, as the runner would, in a
scratch git repository holding a copy of the shipped collection (the install step is
replaced by the ``inovasi`` of this test run's environment; ``uses:`` steps are GitHub's).
"""

from __future__ import annotations

import fnmatch
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import REPO, git

WORKFLOWS = REPO / ".github" / "workflows"
BIN = Path(sys.executable).parent
INOVASI = BIN / "inovasi"
EXPRESSION = re.compile(r"\$\{\{\s*([^}]+?)\s*\}\}")
# How the workflows install inovasi: the locked runtime, then the project without isolation.
LOCKED_INSTALL = (
    "pip install --require-hashes --no-deps -r requirements/runtime.txt"
    " && pip install --no-deps --no-build-isolation ."
)


def workflow(name: str) -> dict[str, Any]:
    data: dict[Any, Any] = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    if True in data:  # YAML 1.1 reads the key 'on' as true
        data["on"] = data.pop(True)
    return data


def steps(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in data["jobs"].values() for step in job["steps"]]


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """The runner's environment: our inovasi first on PATH, git isolated, a job summary."""
    environ = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("GIT_", "INOVASI_", "GITHUB_"))
    }
    environ |= {
        "PATH": f"{BIN}{os.pathsep}{environ.get('PATH', '')}",
        "GIT_CONFIG_GLOBAL": str(tmp_path / "gitconfig"),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
        "CI": "true",
    }
    return environ


@pytest.fixture
def clone(tmp_path: Path, env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scratch repository with the shipped collection on main, fetched as origin/main,
    and a pull-request branch checked out."""
    for key in ("GIT_CONFIG_GLOBAL", "GIT_CONFIG_NOSYSTEM"):
        monkeypatch.setenv(key, env[key])
    root = tmp_path / "clone"
    shutil.copytree(REPO / "data", root / "data")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "the shipped collection")
    git(root, "update-ref", "refs/remotes/origin/main", "main")
    git(root, "switch", "-q", "-c", "pull-request")
    return root


def expand(script: str, values: dict[str, str]) -> str:
    """Replace ``${{ expr }}`` as Actions would, from ``values``."""
    return EXPRESSION.sub(lambda m: values[m.group(1)], script)


def run_step(step: dict[str, Any], cwd: Path, env: dict[str, str], values: dict[str, str]):
    step_env = {k: expand(str(v), values) for k, v in (step.get("env") or {}).items()}
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", expand(step["run"], values)],
        cwd=cwd,
        env=env | step_env,
        capture_output=True,
        text=True,
    )


# -- site.yml ------------------------------------------------------------------------------

SITE_INSTALL = (
    "pip install --require-hashes --no-deps -r requirements/site.txt"
    " && pip install --no-deps --no-build-isolation ."
)
SITE_BASE_EXPRESSION = "steps.pages.outputs.base_url"  # from actions/configure-pages


def test_site_workflow_shape() -> None:
    data = workflow("site.yml")
    assert data["on"]["push"]["branches"] == ["main"]
    assert data["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    build, deploy = data["jobs"]["build"], data["jobs"]["deploy"]
    checkout = build["steps"][0]
    assert checkout["uses"].startswith("actions/checkout@")
    assert checkout["with"]["fetch-depth"] == 0  # the feed dates records by their commits
    runs = [s["run"] for s in build["steps"] if "run" in s]
    assert runs[0] == SITE_INSTALL
    assert 'inovasi site --output public/ --base-url "$BASE_URL"' in runs
    upload = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-pages"))
    assert upload["with"]["path"] == "public/"
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    # the site lock holds the runtime and Pagefind, at the versions of the test lock
    site_lock = (REPO / "requirements/site.txt").read_text(encoding="utf-8")
    test_lock = (REPO / "requirements/test.txt").read_text(encoding="utf-8")
    for line in site_lock.splitlines():
        if "==" in line and not line.startswith((" ", "#")):
            assert line in test_lock, line
    assert "\npagefind-bin==" in site_lock


def test_site_workflow_builds_the_site(clone: Path, env: dict[str, str]) -> None:
    values = {SITE_BASE_EXPRESSION: "https://bapperida.github.io/inovasi/"}
    for step in inovasi_steps(workflow("site.yml")):
        done = run_step(step, clone, env, values)
        assert done.returncode == 0, f"{step['name']}\n{done.stdout}\n{done.stderr}"
    public = clone / "public"
    assert (public / "inovasi/banggai/e-makam/index.html").is_file()
    assert (public / "pagefind/pagefind-ui.js").is_file()
    feed = (public / "feed.xml").read_text(encoding="utf-8")
    assert 'href="https://bapperida.github.io/inovasi/inovasi/' in feed


def inovasi_steps(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        s
        for s in steps(data)
        if "run" in s
        and re.search(r"^\s*(\S+=\S+\s+)?inovasi |\$\(inovasi |\binovasi ", s["run"], re.M)
    ]


def new_innovation(cwd: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            str(INOVASI),
            "new",
            "innovation",
            "--region",
            "banggai",
            "--name",
            "Layanan Antrean Daring",
            "--sector",
            "kesehatan",
            *args,
        ],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
    )


def fill(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    text = re.sub(
        r"^summary:.*$", "summary: Antrean pelayanan kesehatan secara daring.", text, flags=re.M
    )
    text = re.sub(
        r"^  - source:.*$", "  - source: profil-inovasi-banggai-iga-2019", text, flags=re.M
    )
    path.write_text(text, encoding="utf-8")


# -- inovasi new, the done-when -------------------------------------------------------------


def test_new_innovation_in_a_scratch_clone(clone: Path, env: dict[str, str]) -> None:
    created = new_innovation(clone, env)
    assert created.returncode == 0, created.stderr
    path = clone / created.stdout.strip()
    assert path == clone / "data/innovations/banggai/layanan-antrean-daring.yaml"

    check = subprocess.run(
        [str(INOVASI), "validate", str(path)], cwd=clone, env=env, capture_output=True, text=True
    )
    assert check.returncode == 1  # the placeholders are findings until filled
    assert "summary: expected text, found an empty value" in check.stdout

    fill(path)
    check = subprocess.run(
        [str(INOVASI), "validate"], cwd=clone, env=env, capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout + check.stderr

    before = path.read_bytes()
    again = new_innovation(clone, env)
    assert again.returncode == 2
    assert "already exists" in again.stderr
    assert path.read_bytes() == before


# -- validate.yml ---------------------------------------------------------------------------


def test_validate_workflow_shape() -> None:
    data = workflow("validate.yml")
    assert "pull_request" in data["on"]
    all_steps = steps(data)
    uses = [s.get("uses", "") for s in all_steps]
    assert any(u.startswith("actions/checkout@") for u in uses)
    checkout = next(s for s in all_steps if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0  # review needs the base branch's history
    python = next(s for s in all_steps if s.get("uses", "").startswith("actions/setup-python@"))
    assert str(python["with"]["python-version"]) == "3.11"
    runs = [s["run"] for s in all_steps if "run" in s]
    assert runs[0] == LOCKED_INSTALL
    assert "inovasi validate --format github" in runs
    assert any(
        r.startswith('inovasi review --base "origin/$BASE_REF" --format github') for r in runs
    )
    assert any(
        r.endswith('>> "$GITHUB_STEP_SUMMARY"') and r.startswith("inovasi review") for r in runs
    )
    assert all(
        s["env"]["BASE_REF"] == "${{ github.base_ref }}"
        for s in all_steps
        if "review" in s.get("run", "")
    )


def test_validate_workflow_passes_a_good_pull_request(clone: Path, env: dict[str, str]) -> None:
    path = clone / new_innovation(clone, env).stdout.strip()
    fill(path)
    git(clone, "add", "-A")
    git(clone, "commit", "-q", "-m", "Add Layanan Antrean Daring")
    values = {"github.base_ref": "main"}
    for step in inovasi_steps(workflow("validate.yml")):
        done = run_step(step, clone, env, values)
        assert done.returncode == 0, f"{step['name']}\n{done.stdout}\n{done.stderr}"
        if "--format github" in step["run"]:  # no error or warning annotations
            assert not [
                line for line in done.stdout.splitlines() if not line.startswith("::notice ")
            ], done.stdout
            if step["run"].startswith("inovasi review"):  # the added record, by its name
                assert "title=added::added innovation banggai/layanan-antrean-daring" in (
                    done.stdout
                )
    summary = Path(env["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8")
    assert "### inovasi review" in summary
    assert (
        "| added | innovation | `banggai/layanan-antrean-daring` | Layanan Antrean Daring |"
        in summary
    )
    assert "**No findings**" in summary


def test_validate_workflow_fails_a_broken_pull_request(clone: Path, env: dict[str, str]) -> None:
    new_innovation(clone, env)  # committed with its placeholders still empty
    git(clone, "add", "-A")
    git(clone, "commit", "-q", "-m", "Add an unfinished record")
    results = {
        s["name"]: run_step(s, clone, env, {"github.base_ref": "main"})
        for s in inovasi_steps(workflow("validate.yml"))
    }
    assert all(r.returncode == 1 for r in results.values()), {
        k: r.stderr for k, r in results.items()
    }
    annotations = results["Review the pull request (annotations)"].stdout
    assert "::error file=data/innovations/banggai/layanan-antrean-daring.yaml,line=" in annotations
    assert "title=wrong-type summary::expected text, found an empty value" in annotations
    summary = Path(env["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8")
    assert "**Findings: 2 errors, 0 warnings**" in summary


# -- reports.yml ----------------------------------------------------------------------------


def _has_report_command(env: dict[str, str]) -> bool:
    done = subprocess.run(
        [str(INOVASI), "report", "--help"], env=env, capture_output=True, text=True
    )
    return done.returncode == 0


def test_reports_workflow_shape() -> None:
    data = workflow("reports.yml")
    on = data["on"]
    assert on["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in on
    (cron,) = [entry["cron"] for entry in on["schedule"]]
    _minute, _hour, day, month, weekday = cron.split()
    assert day.isdigit() and month.isdigit() and weekday == "*"  # once a year
    upload = next(
        s for s in steps(data) if s.get("uses", "").startswith("actions/upload-artifact@")
    )
    assert upload["with"]["path"] == "reports/"
    runs = "\n".join(s.get("run", "") for s in steps(data))
    assert (
        "inovasi report award --region banggai --award iga-2019 --format html "
        "--output reports/award-banggai-iga-2019.html" in runs
    )
    assert (
        'inovasi report yearly --year "$year" --format md --output "reports/yearly-$year.md"'
        in runs
    )
    assert (
        'inovasi report yearly --year "$year" --format html --output "reports/yearly-$year.html"'
        in runs
    )


@pytest.mark.parametrize("year", ["", "2019"])
def test_reports_workflow_renders_the_reports(clone: Path, env: dict[str, str], year: str) -> None:
    if not _has_report_command(env):
        pytest.skip("'inovasi report' is not part of this build yet")
    values = {"inputs.year": year}
    for step in inovasi_steps(workflow("reports.yml")):
        done = run_step(step, clone, env, values)
        assert done.returncode == 0, f"{step['name']}\n{done.stdout}\n{done.stderr}"
    written = sorted(p.name for p in (clone / "reports").iterdir())
    assert "award-banggai-iga-2019.html" in written
    assert {"yearly-2019.md", "yearly-2019.html"} <= set(written)
    for name in written:
        assert (clone / "reports" / name).stat().st_size > 0
    award = (clone / "reports/award-banggai-iga-2019.html").read_text(encoding="utf-8")
    assert "Banggai" in award


# -- test.yml -------------------------------------------------------------------------------


def test_test_workflow_runs_make_test() -> None:
    data = workflow("test.yml")
    assert "pull_request" in data["on"]
    runs = [s["run"] for s in steps(data) if "run" in s]
    assert runs == ["make test", "make fuzz"]
    for target in ("test", "fuzz"):
        dry = subprocess.run(["make", "-n", target], cwd=REPO, capture_output=True, text=True)
        assert dry.returncode == 0, dry.stderr
        assert "-m pytest" in dry.stdout


# -- pre-commit -----------------------------------------------------------------------------


def _hook_files(hook: dict[str, Any], candidates: list[str]) -> list[str]:
    pattern = re.compile(hook.get("files", ""))
    return [c for c in candidates if pattern.search(c)]


def test_pre_commit_hook_definition(clone: Path, env: dict[str, str]) -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = hooks
    assert hook["id"] == "inovasi-validate"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is True
    command = hook["entry"].split()
    scripts = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "scripts"
    ]
    assert command[0] in scripts  # the hook's environment installs this repository

    candidates = [
        "data/innovations/banggai/pinasa.yaml",
        "data/visits/x.yml",
        "README.md",
        "src/inovasi_cli/cli/app.py",
        "schemas/visit.schema.json",
        "mydata/x.yaml",
    ]
    assert _hook_files(hook, candidates) == [
        "data/innovations/banggai/pinasa.yaml",
        "data/visits/x.yml",
    ]

    # As pre-commit runs it: from the repository's top, with the staged record files.
    files = _hook_files(hook, git(clone, "ls-files").splitlines())
    assert len(files) > 50
    clean = subprocess.run([*command, *files], cwd=clone, env=env, capture_output=True, text=True)
    assert clean.returncode == 0, clean.stdout + clean.stderr

    broken = clone / "data/regions/banggai.yaml"
    broken.write_text(
        broken.read_text(encoding="utf-8").replace("type: kabupaten", "type: regency"),
        encoding="utf-8",
    )
    failed = subprocess.run(
        [*command, "data/regions/banggai.yaml"], cwd=clone, env=env, capture_output=True, text=True
    )
    assert failed.returncode == 1
    assert failed.stdout.startswith("data/regions/banggai.yaml:3:7: error unknown-value type:")


def test_pre_commit_config_hooks_run(tmp_path: Path, env: dict[str, str], clone: Path) -> None:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (repo,) = config["repos"]
    assert repo["repo"] == "local"
    hooks = {h["id"]: h for h in repo["hooks"]}
    assert set(hooks) == {"inovasi-validate", "ruff", "ruff-format"}
    assert all(h["language"] == "system" for h in hooks.values())

    validate = hooks["inovasi-validate"]
    files = _hook_files(validate, git(clone, "ls-files").splitlines())
    done = subprocess.run(
        [*validate["entry"].split(), *files], cwd=clone, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr

    # The ruff hooks: a clean file passes both; a messy one fails the check and is reformatted.
    (tmp_path / "pyproject.toml").write_text(
        (REPO / "pyproject.toml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    good = tmp_path / "good.py"
    good.write_text('"""A module."""\n\nVALUE = 1\n', encoding="utf-8")
    messy = tmp_path / "messy.py"
    messy.write_text("import os, sys\nx=[1,\n 2]\n", encoding="utf-8")
    for hook_id in ("ruff", "ruff-format"):
        entry = hooks[hook_id]["entry"].split()
        ok = subprocess.run(
            [*entry, "good.py"], cwd=tmp_path, env=env, capture_output=True, text=True
        )
        assert ok.returncode == 0, ok.stdout + ok.stderr
    bad = subprocess.run(
        [*hooks["ruff"]["entry"].split(), "messy.py"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 1
    subprocess.run(
        [*hooks["ruff-format"]["entry"].split(), "messy.py"],
        cwd=tmp_path,
        env=env,
        check=True,
        capture_output=True,
    )
    assert messy.read_text(encoding="utf-8") == "import os, sys\n\nx = [1, 2]\n"


# -- editor set-up --------------------------------------------------------------------------


def test_vscode_schema_mapping_covers_every_record() -> None:
    settings = json.loads((REPO / ".vscode/settings.json").read_text(encoding="utf-8"))
    mapping: dict[str, str] = settings["yaml.schemas"]
    records = [p.relative_to(REPO).as_posix() for p in (REPO / "data").rglob("*.yaml")]
    assert records
    for schema in mapping:
        assert (REPO / schema).is_file(), schema
    for record in records:
        matched = [s for s, pattern in mapping.items() if fnmatch.fnmatch(record, pattern)]
        kind = record.split("/")[1]
        if kind in {"regions", "innovations", "visits"}:
            assert matched == [f"./schemas/{kind[:-1]}.schema.json"], record
    extensions = json.loads((REPO / ".vscode/extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]


def test_contributing_guide_uses_real_commands(run) -> None:
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    commands = re.findall(r"^\$ inovasi ((?:[a-z-]+ ?)+)", text, flags=re.M)
    assert {"new innovation", "validate", "review"} <= {
        " ".join(c.split()[:2]) if c.startswith("new") else c.split()[0] for c in commands
    }
    for command in commands:
        words = [w for w in command.split() if not w.startswith("-")]
        if not words:  # e.g. inovasi --install-completion
            continue
        path = words[:2] if words[0] in {"new", "report"} else words[:1]
        run(*path, "--help")
    # the workflows table names the real workflow files
    for name in re.findall(r"`\.github/workflows/([\w-]+\.yml)`", text):
        assert (WORKFLOWS / name).is_file(), name


def test_readme_documents_new_and_review() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "\n$ inovasi new innovation " in readme
    assert "\n$ inovasi review\n" in readme
    assert "(CONTRIBUTING.md)" in readme


# -- newest.yml -----------------------------------------------------------------------------


def test_newest_workflow_tests_without_the_lock_every_week() -> None:
    data = workflow("newest.yml")
    assert "workflow_dispatch" in data["on"]
    assert [entry["cron"] for entry in data["on"]["schedule"]] == ["0 3 * * 1"]
    runs = [s["run"] for s in data["jobs"]["newest"]["steps"] if "run" in s]
    assert "make test-newest" in runs
    recipe = (REPO / "Makefile").read_text().split("\ntest-newest:", 1)[1].split("\n\n", 1)[0]
    assert "requirements/" not in recipe  # no lock: the newest releases
    assert "--upgrade" in recipe and "'.[test]'" in recipe
    # The oldest PyYAML the project allows runs the loader's tests too.
    oldest = " ".join(s.get("run", "") for s in data["jobs"]["oldest-pyyaml"]["steps"])
    assert "pyyaml==" in oldest and "tests/test_loader.py" in oldest


def test_every_workflow_installs_from_the_lock() -> None:
    for path in WORKFLOWS.glob("*.yml"):
        runs = [s["run"] for s in steps(workflow(path.name)) if "run" in s]
        installs = [r for r in runs if "pip install" in r and "pyyaml==" not in r]
        for install in installs:
            wanted = SITE_INSTALL if path.name == "site.yml" else LOCKED_INSTALL
            assert install == wanted, (path.name, install)
