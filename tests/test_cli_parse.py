"""``lawdiff parse``: text, JSON, AKN and --stats output; errors are one line with exit code 3."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import lawdiff
from lawdiff.cli import main
from lawdiff.io.text import write_text


def run(*args):
    return CliRunner().invoke(main, ["parse", *map(str, args)], catch_exceptions=False)


def test_text_is_the_canonical_layout(corpora) -> None:
    path = corpora / "cn_biosecurity_law_2024.md"
    result = run(path)
    assert result.exit_code == 0
    assert result.output == write_text(lawdiff.read(path))


def test_json(corpora) -> None:
    result = run(corpora / "guizhou_chishui_joint_decision_2021.md", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["schema"] == "lawdiff.document/1" and data["kind"] == "decision" and len(data["units"]) == 18


def test_stats(corpora) -> None:
    result = run(corpora / "cn_legislation_law_2023.md", "--stats")
    assert result.exit_code == 0
    assert "条 (article): 120" in result.output and "章 (chapter): 6" in result.output
    assert "notices: 0 warning, 0 info" in result.output
    data = json.loads(run(corpora / "chongqing_jialing_river_decision_2021.md", "--stats", "--format", "json").output)
    assert data["counts"]["decision_item"] == 17 and data["notices"]["info"] == 3
    assert data["notices_list"][0]["message"] == "file-name date suffix removed from the title"


def test_akn(corpora) -> None:
    pytest.importorskip("lawdiff.io.akn")
    result = CliRunner().invoke(main, ["parse", str(corpora / "cn_public_holidays_measures_2024.md"), "--format", "akn"])
    assert result.exit_code == 0, result.output
    assert b"akomaNtoso" in result.stdout_bytes


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "the file is empty"),
        ("binary.txt", b"\x00\x01\x02\x03PK\x00", "this is a binary file"),
        ("old.doc", b"\xd0\xcf\x11\xe0", "legacy Word .doc is not supported; save it as .docx"),
        ("garbage.txt", bytes(range(0x81, 0xFF)) * 3, "cannot decode"),
        ("note.txt", "只是一段说明。".encode("gbk"), "no articles or numbered items found"),
    ],
    ids=["empty", "binary", "doc", "garbage", "no-units"],
)
def test_bad_inputs_exit_3_with_one_line(tmp_path, name: str, data: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    result = CliRunner().invoke(main, ["parse", str(path)])
    assert result.exit_code == 3
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"lawdiff: {path}: {message}")
    assert result.stdout == ""


def test_missing_file_and_usage_error(tmp_path) -> None:
    result = CliRunner().invoke(main, ["parse", str(tmp_path / "nope.md")])
    assert result.exit_code == 3 and "no such file" in result.stderr
    result = CliRunner().invoke(main, ["parse", "--format", "pdf", str(tmp_path)])
    assert result.exit_code == 2
