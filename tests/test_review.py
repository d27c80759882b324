"""`inovasi review` on scratch git repositories (never this repository's history)."""

from __future__ import annotations

import itertools
import json
import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLES, REPO, git
from inovasi_cli.contribute.review import Change, Review
from inovasi_cli.contribute.review_report import REVIEW_FORMATS, ReviewFormat, markdown_report
from inovasi_cli.contribute.review_scores import ScoreChange
from inovasi_cli.core.findings import Finding
from inovasi_cli.output.markdown import md_escape

SIGI = (
    "name: Kabupaten Sigi\ntype: kabupaten\nprovince: Sulawesi Tengah\n"
    "sources:\n  - source: fixture\n"
)


@pytest.fixture(autouse=True)
def _isolated_git(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Git sees neither the user's nor the system's configuration."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The valid example collection committed on main, with a branch 'change' checked out."""
    root = tmp_path / "repo"
    shutil.copytree(EXAMPLES / "valid", root)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    git(root, "switch", "-q", "-c", "change")
    return root


def commit(repo: Path, message: str = "change") -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def review(run, repo: Path, *args: str, code: int = 0):
    return run("--root", str(repo), "review", *args, code=code)


def test_a_commit_that_breaks_a_record_fails_the_review(run, repo: Path) -> None:
    target = repo / "data/innovations/banggai/poli-lansia.yaml"
    target.write_text(
        target.read_text(encoding="utf-8").replace("sector: kesehatan", "sector: kesehatn"),
        encoding="utf-8",
    )
    commit(repo)
    result = review(run, repo, "--base", "main", code=1)
    assert "| modified | innovation | `banggai/poli-lansia` | Poli Khusus Lansia |" in result.stdout
    assert "`data/innovations/banggai/poli-lansia.yaml:4`" in result.stdout
    assert "did you mean 'kesehatan'?" in result.stdout
    assert "1 error(s)" in result.stderr

    github = review(run, repo, "--base", "main", "--format", "github", code=1)
    assert github.stdout.startswith(
        "::error file=data/innovations/banggai/poli-lansia.yaml,line=4,col=9,"
        "title=unknown-value sector::'kesehatn' is not a known value"
    )
    assert github.stdout.count("::error") == 1


def test_an_added_valid_record_shows_in_the_table(run, repo: Path) -> None:
    (repo / "data/innovations/banggai/antrean-online.yaml").write_text(
        "name: Antrean Online | Cepat\nsector: kesehatan\nsummary: Antrean.\n"
        "sources:\n  - source: fixture\n",
        encoding="utf-8",
    )
    commit(repo)
    result = review(run, repo, "--base", "main")
    assert (
        "| added | innovation | `banggai/antrean-online` | Antrean Online \\| Cepat | "
        "Kabupaten Banggai | Kesehatan |" in result.stdout
    )
    assert (
        "  - region: Kabupaten Banggai\n  - sector: Kesehatan\n  - sources: Test fixture\n"
        in result.stdout
    )
    assert "**No findings**: every changed record is valid." in result.stdout
    github = review(run, repo, "--base", "main", "--format", "github").stdout
    assert github == (
        "::notice file=data/innovations/banggai/antrean-online.yaml,title=added::added "
        "innovation banggai/antrean-online: Antrean Online | Cepat; region: Kabupaten Banggai; "
        "sector: Kesehatan; sources: Test fixture\n"
    )


def test_a_removed_region_still_referenced_is_a_finding(run, repo: Path) -> None:
    git(repo, "rm", "-q", "data/regions/parigi-moutong.yaml")
    commit(repo)
    result = review(run, repo, "--base", "main", "--format", "json", code=1)
    document = json.loads(result.stdout)
    assert document["changes"] == [
        {
            "status": "removed",
            "path": "data/regions/parigi-moutong.yaml",
            "kind": "region",
            "id": "parigi-moutong",
            "name": "Kabupaten Parigi Moutong",
            "region": "Kabupaten Parigi Moutong",
            "region_id": "parigi-moutong",
            "facts": {
                "type": "kabupaten",
                "province": "Sulawesi Tengah",
                "sources": "Test fixture",
            },
        }
    ]
    visit = "data/visits/2019-07-parigi-moutong-ke-banggai.yaml"
    about_visit = [f for f in document["findings"] if f["path"] == visit]
    assert {(f["field"], f["code"]) for f in about_visit} >= {
        ("visitors.0.region", "unknown-reference"),
        ("outcomes.0.adopter", "unknown-reference"),
    }
    assert all(f["unchanged_file"] for f in about_visit)
    markdown = review(run, repo, "--base", "main", code=1).stdout
    assert f"`{visit}:5` (unchanged file)" in markdown


def test_findings_that_were_there_before_are_not_the_change_s(run, repo: Path) -> None:
    """An unchanged file that was already broken at the base is validate's business."""
    broken = repo / "data/innovations/banggai/pinasa.yaml"
    broken.write_text(
        broken.read_text(encoding="utf-8").replace("year: 2019", "year: 2999"), encoding="utf-8"
    )
    git(repo, "switch", "-q", "main")
    commit(repo, "broken on main")
    git(repo, "switch", "-q", "-c", "feature")
    (repo / "data/regions/sigi.yaml").write_text(SIGI, encoding="utf-8")
    commit(repo)
    result = review(run, repo, "--base", "main")
    assert "pinasa" not in result.stdout
    assert "| added | region | `sigi` | Kabupaten Sigi | Kabupaten Sigi |  |" in result.stdout


def test_renames_are_reported_with_their_old_path(run, repo: Path) -> None:
    git(
        repo,
        "mv",
        "data/innovations/banggai/poli-lansia.yaml",
        "data/innovations/banggai/poli-lansia-terpadu.yaml",
    )
    commit(repo)
    result = review(run, repo, "--base", "main")
    assert (
        "| renamed from `data/innovations/banggai/poli-lansia.yaml` | innovation | "
        "`banggai/poli-lansia-terpadu` |" in result.stdout
    )


def test_only_committed_changes_are_reviewed(run, repo: Path) -> None:
    (repo / "data/regions/banggai.yaml").write_text("name: [broken\n", encoding="utf-8")
    result = review(run, repo, "--base", "main")
    assert "0 file(s)" not in result.stdout
    assert "from `" in result.stdout and ": 0 files." in result.stdout
    assert "uncommitted changes; they are not part of this review" in result.stderr


def test_a_stray_file_is_a_changed_file_with_a_finding(run, repo: Path) -> None:
    (repo / "data/visits/notes.txt").write_text("todo\n", encoding="utf-8")
    commit(repo)
    result = review(run, repo, "--base", "main", code=1)
    assert "| added | file | `data/visits/notes.txt` |" in result.stdout
    assert "stray-file" in result.stdout


def test_missing_base_ref_is_a_usage_error(run, repo: Path) -> None:
    result = review(run, repo, "--base", "origin/nope", code=2)
    assert "base ref 'origin/nope' not found" in result.stderr
    assert result.stdout == ""


def test_default_base_is_origin_main_then_main(run, repo: Path) -> None:
    (repo / "data/regions/sigi.yaml").write_text(SIGI, encoding="utf-8")
    commit(repo)
    assert "merge-base with `main`" in review(run, repo).stdout
    git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")  # as if the change had landed
    result = review(run, repo)
    assert "merge-base with `origin/main`" in result.stdout
    assert ": 0 files." in result.stdout


def test_no_main_and_no_base_is_a_usage_error(run, repo: Path) -> None:
    git(repo, "branch", "-q", "-D", "main")
    result = review(run, repo, code=2)
    assert "neither origin/main nor main exists" in result.stderr


def test_not_a_git_repository_is_a_usage_error(run, collection: Path) -> None:
    result = review(run, collection, "--base", "main", code=2)
    assert "is not in a git repository" in result.stderr


def test_unrelated_histories_are_a_usage_error(run, repo: Path) -> None:
    git(repo, "switch", "-q", "--orphan", "other")  # an empty tree, no parent
    shutil.copytree(EXAMPLES / "valid" / "data", repo / "data")
    commit(repo, "unrelated")
    result = review(run, repo, "--base", "main", code=2)
    assert "no common history" in result.stderr


def test_a_collection_in_a_subfolder_is_annotated_with_repository_paths(
    run, tmp_path: Path
) -> None:
    top = tmp_path / "monorepo"
    shutil.copytree(EXAMPLES / "valid", top / "inovasi")
    (top / "README").write_text("x\n", encoding="utf-8")
    git(top, "init", "-q", "-b", "main")
    commit(top, "base")
    git(top, "switch", "-q", "-c", "change")
    target = top / "inovasi/data/regions/banggai.yaml"
    target.write_text(
        target.read_text(encoding="utf-8").replace("type: kabupaten", "type: kab"), encoding="utf-8"
    )
    (top / "README").write_text("changed outside data/\n", encoding="utf-8")
    commit(top)
    github = review(run, top / "inovasi", "--base", "main", "--format", "github", code=1)
    assert github.stdout.startswith("::error file=inovasi/data/regions/banggai.yaml,line=3,")
    document = json.loads(
        review(run, top / "inovasi", "--base", "main", "-f", "json", code=1).stdout
    )
    assert [c["path"] for c in document["changes"]] == ["inovasi/data/regions/banggai.yaml"]


def test_every_format_has_a_reporter() -> None:
    assert set(REVIEW_FORMATS) == set(ReviewFormat)


def test_markdown_escapes_record_text() -> None:
    # The one Markdown escaper, as the reports use it: HTML is escaped with backslashes.
    assert md_escape("a|b *c* _d_ [e](f) <script>`x`\nnext") == (
        "a\\|b \\*c\\* \\_d\\_ \\[e\\](f) \\<script\\>\\`x\\` next"
    )
    result = Review(
        base="main",
        merge_base="a" * 40,
        head="b" * 40,
        prefix="",
        changes=[],
        findings=[Finding("data/x y|z.yaml", 2, 1, "bad", "msg <b>", field="f")],
    )
    text = markdown_report(result)
    assert "| data/x y\\|z.yaml:2 | error | bad | `f` | msg \\<b\\> |" in text


HOSTILE = "| a | b | <script>x</script> *b* _i_ `c` ~s~ [l](http://x) \\ &amp;\n# h"


def test_markdown_tables_stay_whole_and_plain_with_hostile_record_text() -> None:
    """Every row of both tables has its columns, and no cell holds markup but code spans."""
    markdown_it = pytest.importorskip("markdown_it")
    result = Review(
        base=f"main {HOSTILE}",
        merge_base="a" * 40,
        head="b" * 40,
        prefix="",
        changes=[
            Change(
                "added",
                f"data/{HOSTILE}.yaml",
                kind="innovation",
                id=HOSTILE,
                name=HOSTILE,
                facts=(("sources", HOSTILE),),
            ),
            Change("renamed", "data/x.yaml", old_path=HOSTILE, region=HOSTILE, sector=HOSTILE),
        ],
        findings=[Finding(f"data/{HOSTILE}", 3, 1, "bad", HOSTILE, field=HOSTILE, hint=HOSTILE)],
        score_model=HOSTILE,
        scores=(ScoreChange("innovation", HOSTILE, HOSTILE, 1.0, 4.0),),
    )
    tokens = (
        markdown_it.MarkdownIt("commonmark")
        .enable(["table", "strikethrough"])
        .parse(markdown_report(result))
    )
    types = [t.type for t in tokens]
    assert types.count("table_open") == 3
    assert types.count("heading_open") == 1  # its own "### inovasi review", none from the text
    assert "html_block" not in types
    widths: list[int] = []
    for before, token in itertools.pairwise(tokens):
        if token.type == "tr_open":
            widths.append(0)
        elif token.type in {"th_open", "td_open"}:
            widths[-1] += 1
        elif token.type == "inline" and before.type in {"th_open", "td_open"}:
            kinds = {c.type for c in token.children or []}
            assert kinds <= {"text", "text_special", "code_inline"}, (token.content, kinds)
    # two changes under a header, one score change under one, one finding under one
    assert widths == [7, 7, 7, 6, 6, 5, 5]
    for token in tokens:  # the facts list: text and code spans only
        if token.type == "inline" and token.content.startswith(("added", "sources")):
            assert {c.type for c in token.children or []} <= {"text", "text_special", "code_inline"}


def test_scores_are_shown_where_the_collection_has_scoring_models(run, repo: Path) -> None:
    shutil.copytree(REPO / "data/scoring", repo / "data/scoring")
    git(repo, "switch", "-q", "main")
    commit(repo, "scoring models")
    git(repo, "switch", "-q", "change")
    git(repo, "merge", "-q", "main")
    (repo / "data/innovations/banggai/antrean-online.yaml").write_text(
        "name: Antrean Online\nsector: kesehatan\nsummary: Antrean.\n"
        "sources:\n  - source: fixture\n",
        encoding="utf-8",
    )
    commit(repo)
    result = review(run, repo, "--base", "main")
    newest = sorted(p.stem for p in (REPO / "data/scoring").glob("*.yaml"))[-1]
    assert f"| change | kind | id | name | region | sector | score ({newest}) |" in result.stdout
    assert "| Kesehatan | 0.00 |" in result.stdout  # no evidence yet: derived, never stored
    document = json.loads(review(run, repo, "--base", "main", "-f", "json").stdout)
    assert document["changes"][0]["score"] == 0.0
    assert document["score_model"] == newest


VISIT = """date: '2024-03-05'
kind: kaji-banding
host: banggai
visitors:
  - region: polewali-mandar
    participants: 5
studied:
  - innovation: banggai/e-makam
outcomes:
  - kind: replikasi
    innovation: banggai/e-makam
    adopter: polewali-mandar
    name: E-Makam Polman
sources:
  - source: studi-banding-ke-banggai
    locator: no. 9
"""


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    """The shipped collection committed on main, with a branch 'change' checked out."""
    root = tmp_path / "shipped"
    shutil.copytree(REPO / "data", root / "data")
    git(root, "init", "-q", "-b", "main")
    commit(root, "base")
    git(root, "switch", "-q", "-c", "change")
    return root


def test_a_new_visit_reads_by_name_with_its_facts_and_the_score_it_moves(
    run, shipped: Path
) -> None:
    """A replication derived from a new visit raises the studied innovation's score by
    3.00 and its region's index: the review says so, by name, in every format."""
    (shipped / "data/visits/2024-03-05-polewali-mandar-ke-banggai.yaml").write_text(
        VISIT, encoding="utf-8"
    )
    commit(shipped)
    markdown = review(run, shipped, "--base", "main").stdout
    assert (
        "| added | visit | `2024-03-05-polewali-mandar-ke-banggai` | Kabupaten Polewali Mandar "
        "ke Kabupaten Banggai | Kabupaten Banggai |  |" in markdown
    )
    assert "  - date: 2024-03-05\n  - studied: Elektronik Makam\n" in markdown
    assert (
        "  - replications: Kabupaten Polewali Mandar replicates Elektronik Makam as "
        "E-Makam Polman\n  - sources: \\[Kunjungan studi banding delapan daerah ke Kabupaten "
        "Banggai\\], no. 9\n" in markdown
    )
    assert "| innovation | `banggai/e-makam` | Elektronik Makam | 0.00 | 3.00 | +3.00 |" in markdown
    assert "| region | `banggai` | Kabupaten Banggai | 0.04 | 0.09 | +0.05 |" in markdown

    document = json.loads(review(run, shipped, "--base", "main", "-f", "json").stdout)
    assert document["scores"][0] == {
        "kind": "innovation",
        "id": "banggai/e-makam",
        "name": "Elektronik Makam",
        "before": 0.0,
        "after": 3.0,
        "delta": 3.0,
    }
    assert document["changes"][0]["facts"]["studied"] == "Elektronik Makam"
    github = review(run, shipped, "--base", "main", "-f", "github").stdout
    assert "::notice title=score iid-2026::Kabupaten Banggai: index 0.04 -> 0.09 (+0.05)" in github
    assert "replications: Kabupaten Polewali Mandar replicates Elektronik Makam as" in github


def test_an_edited_innovation_shows_its_score_before_and_after(run, shipped: Path) -> None:
    target = shipped / "data/innovations/balangan/sanggam-babungas.yaml"
    model = sorted(p.stem for p in (REPO / "data/scoring").glob("*.yaml"))[-1]
    evidence = (
        f"evidence:\n  - model: {model}\n    indicator: regulasi-inovasi-daerah\n    level: 2\n"
        "    document:\n      title: Perbup\n"
    )
    target.write_text(target.read_text(encoding="utf-8") + evidence, encoding="utf-8")
    commit(shipped)
    markdown = review(run, shipped, "--base", "main").stdout
    row = next(line for line in markdown.splitlines() if "`balangan/sanggam-babungas`" in line)
    assert row.startswith("| modified | innovation |") and " -> " in row and "(+" in row


def test_a_new_source_shows_by_its_title_and_an_uncited_one_warns(run, repo: Path) -> None:
    (repo / "data/sources/profil-2024.yaml").write_text(
        "title: Profil Inovasi Daerah 2024\nkind: laporan\nlanguage: id\nnote: Profil.\n",
        encoding="utf-8",
    )
    commit(repo)
    out = review(run, repo, "--base", "main").stdout
    assert "| added | source | `profil-2024` | Profil Inovasi Daerah 2024 |" in out
    assert "uncited-source" in out  # a warning: the review passes


def test_no_cache_reads_both_commits_from_git_and_says_the_same(
    run, repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from inovasi_cli.validation.cache import Cache

    monkeypatch.setenv("INOVASI_CACHE_DIR", str(tmp_path / "cache"))
    (repo / "data/regions/sigi.yaml").write_text(SIGI, encoding="utf-8")
    target = repo / "data/innovations/banggai/poli-lansia.yaml"
    target.write_text(
        target.read_text(encoding="utf-8").replace("sector: kesehatan", "sector: kesehatn"),
        encoding="utf-8",
    )
    commit(repo)
    run("--root", str(repo), "validate", code=1)  # the cache now knows the head's files
    outputs = {
        form: review(run, repo, "--format", form, code=1).stdout for form in ("json", "markdown")
    }

    def refused(*args: object, **kwargs: object) -> None:
        raise AssertionError("--no-cache opened the cache")

    monkeypatch.setattr(Cache, "open", refused)
    for form, cached in outputs.items():
        assert review(run, repo, "--format", form, "--no-cache", code=1).stdout == cached
    assert "kesehatn" in outputs["json"] and "sigi" in outputs["json"]
