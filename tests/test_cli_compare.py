"""``lawdiff compare``: text and JSON output, options, files, errors."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from lawdiff.cli import main


@pytest.fixture()
def run():
    def _run(*args, env=None):
        return CliRunner().invoke(main, ["compare", *map(str, args)], env=env or {}, catch_exceptions=False)

    return _run


def test_text_output_has_summary_and_inline_changes(run, corpora):
    result = run(corpora / "cn_biosecurity_law_2020.md", corpora / "cn_biosecurity_law_2024.md", "--no-color")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[1] == "83 of 88 articles identical, 5 modified"
    assert "国务院[-科学技术-]{+卫生健康+}主管部门" in result.output
    assert "\x1b[" not in result.output


def test_color_flag_and_no_color_env(run, corpora):
    a, b = corpora / "cn_biosecurity_law_2020.md", corpora / "cn_biosecurity_law_2024.md"
    assert "\x1b[" in run(a, b, "--color").output
    # CliRunner is not a terminal, and NO_COLOR wins over auto-detection
    assert "\x1b[" not in run(a, b, env={"NO_COLOR": "1"}).output
    assert "\x1b[" not in run(a, b).output


def test_json_output(run, corpora):
    result = run(corpora / "cn_foreign_trade_law_2016.md", corpora / "cn_foreign_trade_law_2022.md", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["schema"] == "lawdiff.comparison/1"
    assert data["summary"]["identical"] == 63 and data["summary"]["deleted"] == 1
    assert data["left"]["units"] == 70 and data["right"]["units"] == 69
    deleted = [p for p in data["pairs"] if p["relation"] == "deleted"]
    assert deleted[0]["left"][0]["label"] == "第九条" and deleted[0]["right"] == []


def test_equiv_options(run, corpora, tmp_path):
    a, b = corpora / "cn_biosecurity_law_2020.md", corpora / "cn_biosecurity_law_2024.md"
    data = json.loads(run(a, b, "--format", "json", "--equiv", "科学技术=卫生健康").output)
    assert data["summary"]["equivalent"] == 4
    f = tmp_path / "equiv.toml"
    f.write_text('[equiv]\n"科学技术" = "卫生健康"\n', encoding="utf-8")
    data = json.loads(run(a, b, "--format", "json", "--equiv-file", f).output)
    assert data["summary"]["equivalent"] == 4


def test_joint_decisions_detected_without_equiv(run, corpora):
    result = run(corpora / "yunnan_chishui_joint_decision_2021.md", corpora / "guizhou_chishui_joint_decision_2021.md")
    assert "13 of 18 items identical, 5 equivalent" in result.output
    assert "昭通市 ≈ 毕节市、遵义市" in result.output


def test_output_files(run, corpora, tmp_path):
    a, b = corpora / "cn_public_holidays_measures_2013.md", corpora / "cn_public_holidays_measures_2024.md"
    out = tmp_path / "c.json"
    assert run(a, b, "-o", out).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["schema"] == "lawdiff.comparison/1"
    txt = tmp_path / "c.txt"
    assert run(a, b, "-o", txt, "--color").exit_code == 0
    assert "\x1b[" not in txt.read_text(encoding="utf-8")
    assert "added" in txt.read_text(encoding="utf-8")


def test_strict_format_and_threshold(run, corpora):
    a, b = corpora / "cn_public_holidays_measures_2013.md", corpora / "cn_public_holidays_measures_2024.md"
    loose = json.loads(run(a, b, "--format", "json").output)["summary"]
    strict = json.loads(run(a, b, "--format", "json", "--strict-format").output)["summary"]
    assert strict.get("identical", 0) < loose["identical"]
    strict_threshold = json.loads(run(a, b, "--format", "json", "--threshold", "0.99").output)["summary"]
    assert strict_threshold.get("modified", 0) <= loose.get("modified", 0)


def test_pins_option(run, corpora, tmp_path):
    pins = tmp_path / "pins.txt"
    pins.write_text("第九条 = 第九条\n", encoding="utf-8")
    data = json.loads(run(corpora / "cn_foreign_trade_law_2016.md", corpora / "cn_foreign_trade_law_2022.md",
                          "--format", "json", "--pins", pins).output)
    pinned = [p for p in data["pairs"] if [u["label"] for u in p["left"]] == ["第九条"]]
    assert pinned[0]["relation"] == "modified" and pinned[0]["right"][0]["label"] == "第九条"
    # the old 第十条, whose text the new 第九条 holds, has lost its partner
    deleted = [p["left"][0]["label"] for p in data["pairs"] if p["relation"] == "deleted"]
    assert deleted == ["第十条"]


@pytest.mark.parametrize(
    "extra, code, message",
    [
        (["--equiv", "四川省"], 2, "invalid equivalence"),
        (["--threshold", "2"], 2, "threshold"),
        (["-o", "report.pdf"], 2, "report.pdf"),
    ],
)
def test_usage_errors(run, corpora, extra, code, message, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["compare", str(corpora / "cn_public_holidays_measures_2013.md"),
                                       str(corpora / "cn_public_holidays_measures_2024.md"), *extra])
    assert result.exit_code == code, result.output
    assert message in result.output
    assert "Traceback" not in result.output


def test_unreadable_input_is_one_line(tmp_path, corpora):
    missing = tmp_path / "missing.md"
    result = CliRunner().invoke(main, ["compare", str(missing), str(corpora / "cn_public_holidays_measures_2024.md")])
    assert result.exit_code in (2, 3)
    assert "missing.md" in result.output
    assert "Traceback" not in result.output
    bad_pins = tmp_path / "pins.txt"
    bad_pins.write_text("第九十九条 = 第一条\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["compare", str(corpora / "cn_public_holidays_measures_2013.md"),
                                       str(corpora / "cn_public_holidays_measures_2024.md"), "--pins", str(bad_pins)])
    assert result.exit_code == 2
    assert "pins.txt:1" in result.output


@pytest.mark.parametrize("suffix", [".html", ".md", ".docx"])
def test_reports_go_through_write_report(run, corpora, tmp_path, suffix):
    out = tmp_path / f"report{suffix}"
    result = run(corpora / "cn_foreign_trade_law_2016.md", corpora / "cn_foreign_trade_law_2022.md", "-o", out,
                 "--title", "对外贸易法修改对照")
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert data
    if suffix == ".docx":
        assert data[:2] == b"PK"
    else:
        assert "第九条" in data.decode("utf-8")
