"""render/terminal.py: summary line, table, inline changes, colour."""
from __future__ import annotations

from lawdiff.compare import compare
from lawdiff.render import render_report
from lawdiff.render.terminal import display_width, render_terminal


def test_table_and_changes(corpora):
    c = compare(corpora / "cn_foreign_trade_law_2016.md", corpora / "cn_foreign_trade_law_2022.md")
    text = render_terminal(c)
    lines = text.splitlines()
    assert lines[0] == "中华人民共和国对外贸易法  →  中华人民共和国对外贸易法"
    assert lines[1].startswith("63 of 70 articles identical, 6 modified, 1 deleted")
    assert any(line.startswith("第九条") and "deleted" in line for line in lines)
    row = next(line for line in lines if line.startswith("第十条 "))
    assert "第九条" in row and "identical" in row and "renumbered" in row
    assert "Changes" in lines
    assert "[-" in text and "{+" in text
    assert "\x1b[" not in text


def test_columns_line_up_with_cjk_labels(corpora):
    c = compare(corpora / "cn_foreign_trade_law_2016.md", corpora / "cn_foreign_trade_law_2022.md")
    rows = [line for line in render_terminal(c).splitlines() if " identical " in line]
    starts = {display_width(line[: line.index(" identical ")]) for line in rows}
    assert len(starts) == 1


def test_colour_and_changed_only(corpora):
    c = compare(corpora / "cn_biosecurity_law_2020.md", corpora / "cn_biosecurity_law_2024.md")
    coloured = render_terminal(c, color=True)
    assert "\x1b[31;9m科学技术\x1b[0m" in coloured and "\x1b[32;4m卫生健康\x1b[0m" in coloured
    short = render_terminal(c, changed_only=True)
    assert " identical " not in short and short.count(" modified ") == 5
    assert render_report(c, "text").decode("utf-8") == render_terminal(c)


def test_equivalent_rows_list_terms(corpora):
    c = compare(corpora / "yunnan_chishui_joint_decision_2021.md", corpora / "guizhou_chishui_joint_decision_2021.md")
    text = render_terminal(c)
    assert "13 of 18 items identical, 5 equivalent" in text
    assert "贵州省、四川省 ≈ 云南省、四川省" in text
