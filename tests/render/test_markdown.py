"""The Markdown report: GFM table, marks, escaping, folding."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lawdiff.errors import ConfigError
from lawdiff.model import Relation
from lawdiff.render import render_report
from lawdiff.render.markdown import escape, render_markdown

_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def _table_rows(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("|")]


def test_table_shape(foreign_trade):
    text = render_markdown(foreign_trade)
    rows = _table_rows(text)
    assert rows[0] == "| 差异 | 修改前 | 修改后 |" and rows[1] == "| --- | --- | --- |"
    for row in rows:
        assert len(_UNESCAPED_PIPE.findall(row)) == 4, row
    chapters = [r for r in rows if r.startswith("| | **")]
    assert len(chapters) == 11
    assert len(rows) == 2 + 11 + len(foreign_trade.pairs)
    assert text.splitlines()[2].startswith(f"{foreign_trade.summary.count(Relation.IDENTICAL)} of 70 identical")


def test_html_and_plain_marks(holidays):
    html = render_markdown(holidays, marks="html", fold=0)
    assert "<ins>周</ins>六" in html and "<del>星期</del>六" in html
    plain = render_markdown(holidays, marks="plain", fold=0)
    assert "**周**六" in plain and "~~星期~~六" in plain
    assert "<ins>" not in plain and "<del>" not in plain
    added = [r for r in _table_rows(html) if r.startswith("| 新增")]
    assert len(added) == 1 and "带薪年休假" in added[0]
    renumbered = [r for r in _table_rows(html) if "原第七条" in r]
    assert renumbered and "**第八条**" in renumbered[0]


def test_terms_are_underlined(chishui):
    text = render_markdown(chishui)
    assert "<u>云南省</u>" in text and "<u>贵州省</u>" in text
    assert "<ins>" not in text.split("| --- |")[1] and "<del>" not in text.split("| --- |")[1]


def test_folding(holidays):
    folded = render_markdown(holidays, fold=100)
    rows = [r for r in _table_rows(folded) if "第二条" in r]
    assert rows and rows[0].count("<details><summary>") == 2
    assert "<details>" not in render_markdown(holidays, fold=0)
    short = [r for r in _table_rows(folded) if "第一条" in r]
    assert "<details>" not in short[0]


def test_changed_only(holidays):
    rows = _table_rows(render_markdown(holidays, changed_only=True))
    assert len(rows) == 2 + sum(p.relation is not Relation.IDENTICAL for p in holidays.pairs)


def test_hostile_text_is_escaped(hostile):
    text = render_report(hostile, "markdown").decode("utf-8")
    body = text.split("| --- | --- | --- |")[1]
    assert "<script" not in text and "</td>" not in text and "<b>" not in text and "<hr>" not in text
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in body
    assert "\x0b" not in text and "\x00" not in text and "\ufffd" in text
    for row in _table_rows(text):
        assert len(_UNESCAPED_PIPE.findall(row)) == 4, row
    assert r"a \| b \|\| c \\\| d \`code\` \*星\* \_下\_ \~\~删\~\~ \[链接\](http://example.com) \# 标题" in body


def test_unknown_marks(chishui):
    with pytest.raises(ConfigError, match="marks"):
        render_markdown(chishui, marks="bbcode")


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_escape_never_leaves_a_live_pipe_tag_or_newline(text):
    out = escape(text)
    assert not _UNESCAPED_PIPE.search(out.replace("\\\\", ""))
    assert "<" not in out and ">" not in out and "\n" not in out
    out.encode("utf-8")


def test_real_comparisons_give_one_row_per_pair(real_comparison):
    text = render_markdown(real_comparison)
    rows = [r for r in _table_rows(text)[2:] if not r.startswith("| | **")]
    assert len(rows) == len(real_comparison.pairs)
    for row in _table_rows(text):
        assert len(_UNESCAPED_PIPE.findall(row)) == 4, row


def test_write_report_errors_are_one_line(tmp_path, chishui):
    from lawdiff.errors import ConfigError as Config, InputError
    from lawdiff.render import write_report

    with pytest.raises(InputError, match="cannot write the report"):
        write_report(chishui, tmp_path / "missing" / "report.md")
    with pytest.raises(Config, match="cannot tell the report format"):
        write_report(chishui, tmp_path / "report.pdf")
    write_report(chishui, tmp_path / "report.markdown")
    assert (tmp_path / "report.markdown").read_text(encoding="utf-8").startswith("### ")
