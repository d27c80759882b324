"""One resolver for every command: a region or an award written any way `list` accepts
works the same in every command that takes one, and a value that names nothing is the
same usage error, opened by the option it came from."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import REPO
from inovasi_cli.core.errors import UsageError
from inovasi_cli.query import resolve
from inovasi_cli.validation.pipeline import load_collection

ROOT = ("--root", str(REPO))

# The ways an analyst writes a region, each meaning the one id.
REGION_SPELLINGS = [
    ("Banggai Kepulauan", "banggai-kepulauan"),  # the name without its type
    ("Kabupaten Banggai Kepulauan", "banggai-kepulauan"),  # the official name
    ("kabupaten banggai kepulauan", "banggai-kepulauan"),  # any case
    ("banggai_kepulauan", "banggai-kepulauan"),  # underscores for hyphens
    ("Bangkep", "banggai-kepulauan"),  # an alias the record lists
    ("Polman", "polewali-mandar"),
    ("banggai", "banggai"),  # an id that is also a prefix of others
]
AWARD_SPELLINGS = ["iga-2019", "IGA 2019", "iga2019", "Innovative Government Award 2019"]


@pytest.fixture(scope="module")
def shipped():
    return load_collection(REPO).collection


@pytest.mark.parametrize(("written", "region"), REGION_SPELLINGS)
def test_the_resolver_reads_every_spelling(shipped, written: str, region: str) -> None:
    assert resolve.resolve_region(shipped, written) == region


@pytest.mark.parametrize("written", AWARD_SPELLINGS)
def test_award_entries_resolve_alike(shipped, written: str) -> None:
    assert resolve.resolve_award(shipped, written) == "iga-2019"
    assert resolve.resolve_award_entry(shipped, written) == ("iga", 2019)


def test_an_award_without_its_year_is_refused_where_one_entry_is_needed(shipped) -> None:
    assert resolve.resolve_award(shipped, "IGA") == "iga"  # any year, for filters
    with pytest.raises(UsageError, match=r"'IGA' names no year; give one entry, e.g. iga-2019"):
        resolve.resolve_award_entry(shipped, "IGA")


def test_a_label_opens_the_message_and_the_type_is_kept(shipped) -> None:
    with pytest.raises(UsageError) as caught, resolve.labelled("--host"):
        resolve.resolve_region(shipped, "bangai")
    assert str(caught.value) == "--host: unknown region 'bangai'; did you mean 'banggai'?"


def _ids(run, *args: str) -> list[str]:
    return run(*ROOT, *args, "--format", "ids").stdout.split()


# Every command that takes a region, with the option that takes it.
REGION_COMMANDS = {
    "list": lambda r: ("list", "--region", r, "--format", "ids"),
    "stats": lambda r: ("stats", "--region", r, "--format", "json"),
    "score": lambda r: ("score", "--region", r, "--format", "json"),
    "score --by region": lambda r: ("score", "--by", "region", "--region", r, "-f", "json"),
    "visits --visitor": lambda r: ("visits", "--visitor", r, "--format", "ids"),
    "report region": lambda r: ("report", "region", r),
    "report visits --visitor": lambda r: ("report", "visits", "--visitor", r),
}


@pytest.mark.parametrize("command", REGION_COMMANDS)
def test_every_region_command_takes_every_spelling(run, command: str) -> None:
    canonical = run(*ROOT, *REGION_COMMANDS[command]("banggai-kepulauan")).stdout
    for written, region in REGION_SPELLINGS:
        if region != "banggai-kepulauan":
            continue
        assert run(*ROOT, *REGION_COMMANDS[command](written)).stdout == canonical, written


def test_host_and_award_options_take_every_spelling(run) -> None:
    visits = run(*ROOT, "visits", "--host", "banggai", "--format", "ids").stdout
    assert run(*ROOT, "visits", "--host", "Kabupaten Banggai", "--format", "ids").stdout == visits
    report = run(*ROOT, "report", "visits", "--host", "banggai").stdout
    assert run(*ROOT, "report", "visits", "--host", "kabupaten banggai").stdout == report
    award = run(*ROOT, "report", "award", "--region", "banggai", "--award", "iga-2019").stdout
    listed = run(*ROOT, "list", "--award", "iga-2019", "--format", "ids").stdout
    scored = run(*ROOT, "score", "--award", "iga-2019", "--format", "ids").stdout
    for written in AWARD_SPELLINGS:
        again = run(*ROOT, "report", "award", "--region", "Banggai", "--award", written).stdout
        assert again == award, written
        assert run(*ROOT, "list", "--award", written, "--format", "ids").stdout == listed
        assert run(*ROOT, "score", "--award", written, "--format", "ids").stdout == scored
    stats = json.loads(run(*ROOT, "stats", "--award", "IGA 2019", "--format", "json").stdout)
    assert sum(row["count"] for row in stats) == 24


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("list", "--region", "bangai"), "--region: unknown region 'bangai'; did you mean"),
        (("stats", "--region", "bangai"), "--region: unknown region 'bangai'"),
        (("score", "--region", "bangai"), "--region: unknown region 'bangai'"),
        (("visits", "--host", "bangai"), "--host: unknown region 'bangai'"),
        (("visits", "--visitor", "bangai"), "--visitor: unknown region 'bangai'"),
        (("report", "region", "bangai"), "REGION: unknown region 'bangai'"),
        (("report", "visits", "--host", "bangai"), "--host: unknown region 'bangai'"),
        (
            ("report", "award", "--region", "bangai", "--award", "iga-2019"),
            "--region: unknown region 'bangai'",
        ),
        (("list", "--award", "oscar-2019"), "--award: unknown award 'oscar'"),
        (
            ("report", "award", "--region", "banggai", "--award", "oscar 2019"),
            "--award: unknown award 'oscar'",
        ),
        (
            ("report", "award", "--region", "banggai", "--award", "iga"),
            "--award: 'iga' names no year",
        ),
        (("list", "--award", "iga-2018"), "--award: no innovation in the collection was entered"),
        (("list", "--sector", "keshatan"), "--sector: unknown sector 'keshatan'; did you mean"),
        (("score", "--explain", "pinasaa"), "--explain: no innovation 'pinasaa'"),
        (("score", "--model", "iid-1999"), "unknown model 'iid-1999'; models: iid-2023"),
    ],
)
def test_one_usage_error_for_every_command(run, args: tuple[str, ...], message: str) -> None:
    result = run(*ROOT, *args, code=2)
    assert result.stdout == ""
    assert message in result.stderr, result.stderr
    assert result.stderr.count("\n") == 1


def test_new_resolves_regions_as_list_does(run, tmp_path: Path) -> None:
    import shutil

    root = tmp_path / "c"
    shutil.copytree(REPO / "data", root / "data")
    result = run(
        "--root",
        str(root),
        "new",
        "innovation",
        "--region",
        "Banggai Kepulauan",
        "--name",
        "Contoh Baru",
        "--sector",
        "kesehatan",
    )
    assert "data/innovations/banggai-kepulauan/contoh-baru.yaml" in result.stdout
    refused = run(
        "--root",
        str(root),
        "new",
        "innovation",
        "--region",
        "bangai",
        "--name",
        "X",
        "--sector",
        "kesehatan",
        code=2,
    )
    assert "--region: unknown region 'bangai'; did you mean 'banggai'?" in refused.stderr
