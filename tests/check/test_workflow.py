"""The CI recipe of docs/ci.md, run for real in a throw-away drafts repository.

A repository with two commits of ``draft.md`` (the second breaks a
cross-reference) is built in a temporary folder; the documented shell commands
run against it and their exit codes and annotations are checked.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@pytest.fixture()
def repo(tmp_path: Path, corpora: Path) -> tuple[Path, dict[str, str]]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    launcher = bin_dir / "lawdiff"
    launcher.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{ROOT / "cli.py"}" "$@"\n', encoding="utf-8")
    launcher.chmod(0o755)
    env = dict(os.environ)
    env.update(
        PATH=f"{bin_dir}{os.pathsep}{env.get('PATH', '')}",
        PYTHONPATH=str(ROOT),
        GIT_AUTHOR_NAME="drafter",
        GIT_AUTHOR_EMAIL="drafter@example.invalid",
        GIT_COMMITTER_NAME="drafter",
        GIT_COMMITTER_EMAIL="drafter@example.invalid",
        GIT_CONFIG_NOSYSTEM="1",
        HOME=str(tmp_path),
    )
    work = tmp_path / "drafts"
    work.mkdir()
    text = (corpora / "cn_legal_aid_regulation_2003.md").read_text(encoding="utf-8")
    (work / "draft.md").write_text(text, encoding="utf-8")
    sh(work, env, "git init -q -b main . && git add draft.md && git commit -q -m 'first draft'")
    assert text.count("本条例第十条所列事项") == 1
    (work / "draft.md").write_text(text.replace("本条例第十条所列事项", "本条例第四十条所列事项"), encoding="utf-8")
    sh(work, env, "git commit -q -am 'second draft: cite article 40'")
    return work, env


def sh(cwd: Path, env: dict[str, str], command: str, expect: int = 0) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(["bash", "-c", command], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == expect, (command, result.returncode, result.stdout, result.stderr)
    return result


def test_documented_commands(repo: tuple[Path, dict[str, str]]) -> None:
    work, env = repo
    line = next(i for i, l in enumerate((work / "draft.md").read_text(encoding="utf-8").split("\n"), 1)
                if "本条例第四十条所列事项" in l)
    # docs/ci.md, GitHub Actions step "lawdiff check"
    result = sh(work, env, "lawdiff check --format github draft.md", expect=1)
    errors = [l for l in result.stdout.splitlines() if l.startswith("::error")]
    assert errors == [
        f"::error file=draft.md,line={line},title=ref.article.missing::引用的第四十条不存在（“本条例第四十条”）"
    ]
    assert all(l.startswith("::warning file=draft.md,line=") for l in result.stdout.splitlines() if l not in errors)
    # the previous commit was clean
    sh(work, env, "git show HEAD~1:draft.md > old.md && lawdiff check old.md", expect=0)
    # docs/ci.md, step "what this push changed"
    result = sh(work, env, "git show HEAD~1:draft.md > old.md && lawdiff check --lang en --since old.md draft.md",
                expect=1)
    out = result.stdout.splitlines()
    assert f"draft.md:{line}: rev.modified: modified 第十四条: …民就本条例第{{+四+}}十条所列事项…" in out
    assert f"draft.md:{line}: ref.article.missing: reference to 第四十条, which does not exist ('本条例第四十条')" in out
    # freezing the article that changed fails the gate even without the lint error
    result = sh(work, env, "lawdiff check --since old.md draft.md --frozen 第十四条 --ignore ref.article.missing",
                expect=1)
    assert any("rev.frozen" in l and "第十四条" in l for l in result.stdout.splitlines())
    sh(work, env, "lawdiff check --since old.md draft.md --frozen 第一条 --ignore ref.article.missing", expect=0)
    # the HTML report uploaded as an artifact
    sh(work, env, "lawdiff compare old.md draft.md -o report.html", expect=0)
    assert (work / "report.html").stat().st_size > 1000
    # junit for GitLab
    sh(work, env, "lawdiff check --format junit -o lawdiff-junit.xml draft.md", expect=1)
    assert "<failure" in (work / "lawdiff-junit.xml").read_text(encoding="utf-8")


def test_pre_commit_hook_definition(repo: tuple[Path, dict[str, str]]) -> None:
    yaml = pytest.importorskip("yaml")
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    by_id = {h["id"]: h for h in hooks}
    assert set(by_id) == {"lawdiff-check", "lawdiff-policy"}
    work, env = repo
    import re

    check = by_id["lawdiff-check"]
    assert re.search(check["files"], "draft.md") and re.search(check["exclude"], "README.md")
    # pre-commit runs `entry` followed by the staged file names
    sh(work, env, f"{check['entry']} draft.md", expect=1)
    sh(work, env, f"git show HEAD~1:draft.md > old.md && {check['entry']} old.md", expect=0)
    policy = by_id["lawdiff-policy"]
    assert policy["pass_filenames"] is False
    shutil.copy(work / "old.md", work / "copy.md")
    (work / "lawdiff.toml").write_text('[[pair]]\nleft = "old.md"\nright = "copy.md"\nmin_identical = 31\n',
                                      encoding="utf-8")
    sh(work, env, policy["entry"], expect=0)
