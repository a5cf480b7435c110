"""The CI recipe of docs/ci.md, run for real in a throw-away drafts repository.

A repository with two commits of ``draft.md`` (the second breaks a
cross-reference) is built in a temporary folder; the documented shell commands
run against it and their exit codes and annotations are checked.
"""
from __future__ import annotations

import os
import re
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


def _yaml_blocks() -> list:
    yaml = pytest.importorskip("yaml")
    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    return [yaml.safe_load(block) for block in re.findall(r"```yaml\n(.*?)```", text, re.S)]


def _line_of(work: Path, needle: str) -> int:
    lines = (work / "draft.md").read_text(encoding="utf-8").split("\n")
    return next(i for i, l in enumerate(lines, 1) if needle in l)


def test_github_workflow_of_the_docs(repo: tuple[Path, dict[str, str]]) -> None:
    work, env = repo
    workflow = next(b for b in _yaml_blocks() if isinstance(b, dict) and "jobs" in b)
    steps = workflow["jobs"]["lawdiff"]["steps"]
    results: dict[str, subprocess.CompletedProcess[str]] = {}
    failed = False
    for step in steps:
        if failed and step.get("if") != "always()":
            continue
        if "uses" in step:
            if step["uses"].startswith("actions/upload-artifact"):
                assert (work / step["with"]["path"]).is_file()
            continue
        if step["run"].startswith("pip install"):
            continue  # lawdiff is already importable from the checkout
        result = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=work, env=env, capture_output=True,
                                text=True, timeout=300)
        results[step["name"]] = result
        failed = failed or result.returncode != 0
    line = _line_of(work, "本条例第四十条所列事项")
    check = results["lawdiff check"]
    assert check.returncode == 1
    errors = [l for l in check.stdout.splitlines() if l.startswith("::error")]
    assert errors == [
        f"::error file=draft.md,line={line},title=ref.article.missing::引用的第四十条不存在（“本条例第四十条”）"
    ]
    assert all(l.startswith("::warning file=draft.md,line=") for l in check.stdout.splitlines() if l not in errors)
    changes = results["What this push changed"]
    assert changes.returncode == 1
    assert f"::notice file=draft.md,line={line},title=rev.modified::修改第十四条：…民就本条例第{{+四+}}十条所列事项…" in (
        changes.stdout.splitlines()
    )
    assert results["Comparison report"].returncode == 0
    assert (work / "report.html").stat().st_size > 1000
    # the previous version itself was clean
    sh(work, env, "lawdiff check old.md", expect=0)


def test_gitlab_job_of_the_docs(repo: tuple[Path, dict[str, str]]) -> None:
    work, env = repo
    job = next(b for b in _yaml_blocks() if isinstance(b, dict) and "lawdiff" in b)["lawdiff"]
    assert all(line.startswith("pip install") for line in job["before_script"])
    script = "set -e\n" + "\n".join(job["script"])
    result = subprocess.run(["bash", "-c", script], cwd=work, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 1, result.stderr  # the broken reference fails the job
    for path in job["artifacts"]["paths"]:
        assert (work / path).is_file(), path
    junit = (work / job["artifacts"]["reports"]["junit"]).read_text(encoding="utf-8")
    assert '<testcase classname="draft.md" name="ref.article.missing">' in junit and "<failure" in junit
    line = _line_of(work, "本条例第四十条所列事项")
    assert f"draft.md:{line}: rev.modified: 修改第十四条" in result.stdout


def test_revision_gate_commands(repo: tuple[Path, dict[str, str]]) -> None:
    work, env = repo
    sh(work, env, "git show HEAD~1:draft.md > old.md")
    result = sh(work, env, "lawdiff check --lang en --since old.md draft.md", expect=1)
    line = _line_of(work, "本条例第四十条所列事项")
    out = result.stdout.splitlines()
    assert f"draft.md:{line}: rev.modified: modified 第十四条: …民就本条例第{{+四+}}十条所列事项…" in out
    assert f"draft.md:{line}: ref.article.missing: reference to 第四十条, which does not exist ('本条例第四十条')" in out
    # freezing the article that changed fails the gate even without the lint error
    result = sh(work, env, "lawdiff check --since old.md draft.md --frozen 第十四条 --ignore ref.article.missing",
                expect=1)
    assert any("rev.frozen" in l and "第十四条" in l for l in result.stdout.splitlines())
    sh(work, env, "lawdiff check --since old.md draft.md --frozen 第一条 --ignore ref.article.missing", expect=0)
    (work / "lawdiff.toml").write_text('[[file]]\npath = "draft.md"\nfrozen = ["第十四条"]\n', encoding="utf-8")
    sh(work, env, "lawdiff check --since old.md draft.md --ignore ref.article.missing", expect=1)


def test_pre_commit_hook_definition(repo: tuple[Path, dict[str, str]]) -> None:
    yaml = pytest.importorskip("yaml")
    config = next(b for b in _yaml_blocks() if isinstance(b, dict) and "repos" in b)
    assert [h["id"] for h in config["repos"][0]["hooks"]] == ["lawdiff-check", "lawdiff-policy"]
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    by_id = {h["id"]: h for h in hooks}
    assert set(by_id) == {"lawdiff-check", "lawdiff-policy"}
    work, env = repo
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
