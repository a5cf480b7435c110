"""``lawdiff check`` on the command line: formats, exit codes, errors."""
from __future__ import annotations

import json
import os
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

from click.testing import CliRunner

from lawdiff.cli import main

BROKEN = "第一条　为了规范管理，制定本条例。\n\n第二条　前款规定的事项，依照本条例第九条办理。\n\n第三条　本条例自2020年1月1日起施行。\n"


def run(*args: str, cwd: Path | None = None):
    runner = CliRunner()
    if cwd is None:
        return runner.invoke(main, ["check", *args])
    here = os.getcwd()
    os.chdir(cwd)
    try:
        return runner.invoke(main, ["check", *args])
    finally:
        os.chdir(here)


def test_clean_corpus_text_exits_zero(corpora: Path) -> None:
    result = run(str(corpora / "cn_legal_aid_law_2021.md"))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""


def test_text_format_and_exit_one(tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(BROKEN, encoding="utf-8")
    result = run(str(draft), "--lang", "en")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines == [
        f"{draft}:3: ref.previous.none: '前款' points at nothing: it stands in clause 1 of 第二条",
        f"{draft}:3: ref.article.missing: reference to 第九条, which does not exist ('本条例第九条')",
    ]
    assert "2 error(s), 0 warning(s)" in result.stderr


def test_warnings_pass_unless_strict(corpora: Path) -> None:
    text = str(corpora / "cn_public_holidays_measures_2013.md")  # half-width (一) labels: form.width warnings
    assert run(text).exit_code == 0
    assert run(text, "--strict").exit_code == 1
    assert run(text, "--strict", "--ignore", "form.width").exit_code == 0


def test_json_and_github_and_junit(tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(BROKEN, encoding="utf-8")
    data = json.loads(run(str(draft), "--format", "json").stdout)
    assert data["summary"]["error"] == 2 and data["findings"][0]["line"] == 3
    github = run(str(draft), "--format", "github").stdout.splitlines()
    assert github[0].startswith(f"::error file={str(draft).replace(':', '%3A')},line=3,title=ref.previous.none::")
    out = tmp_path / "report.xml"
    result = run(str(draft), "--format", "junit", "-o", str(out))
    assert result.exit_code == 1 and result.stdout == ""
    root = ET.parse(out).getroot()
    assert root.get("failures") == "2"


def test_usage_errors_exit_two(tmp_path: Path) -> None:
    assert run(cwd=tmp_path).exit_code == 2  # nothing to check
    assert run("--frozen", "第一条", "x.md").exit_code == 2
    assert run("x.md", "--format", "yaml").exit_code == 2
    bad = tmp_path / "lawdiff.toml"
    bad.write_text("[[pair]]\nleft = 'a.md'\n", encoding="utf-8")
    result = run("--config", str(bad))
    assert result.exit_code == 2
    assert str(bad) in result.stderr and "right" in result.stderr


def test_unreadable_input_exits_three(tmp_path: Path) -> None:
    assert run(str(tmp_path / "missing.md")).exit_code == 3
    empty = tmp_path / "notes.md"
    empty.write_text("没有条文的笔记。\n", encoding="utf-8")
    result = run(str(empty))
    assert result.exit_code == 3 and "notes.md" in result.stderr and "Traceback" not in result.output


def test_default_config_in_current_folder(tmp_path: Path, corpora: Path) -> None:
    shutil.copy(corpora / "yunnan_chishui_joint_decision_2021.md", tmp_path / "a.md")
    shutil.copy(corpora / "guizhou_chishui_joint_decision_2021.md", tmp_path / "b.md")
    (tmp_path / "lawdiff.toml").write_text(
        '[[pair]]\nleft = "a.md"\nright = "b.md"\nmin_identical = 18\n', encoding="utf-8"
    )
    runner = CliRunner()
    import os

    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        result = runner.invoke(main, ["check"])
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0, result.output


def test_list_rules() -> None:
    result = run("--list-rules")
    assert result.exit_code == 0
    assert "num.article.gap\terror\t" in result.stdout and "form.width\twarning\t" in result.stdout


def test_docx_lines_are_paragraph_numbers(tmp_path: Path) -> None:
    docx = __import__("pytest").importorskip("docx")
    document = docx.Document()
    paragraphs = [p for p in BROKEN.split("\n") if p.strip()]
    for text in paragraphs:
        document.add_paragraph(text)
    path = tmp_path / "draft.docx"
    document.save(path)
    result = run(str(path), "--format", "json")
    data = json.loads(result.stdout)
    assert result.exit_code == 1
    assert [(f["rule"], f["line"]) for f in data["findings"]] == [("ref.previous.none", 2), ("ref.article.missing", 2)]
