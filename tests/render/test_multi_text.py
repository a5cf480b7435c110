"""Terminal, JSON and Markdown forms of N-way and three-way comparisons (lawdiff.render.multi_text)."""
from __future__ import annotations

import json
import re

import pytest

from lawdiff.errors import ConfigError
from lawdiff.multi import agreement_label, multi_summary, summary_line, three_summary, three_summary_line
from lawdiff.render.multi_marks import unified_runs
from lawdiff.render.multi_text import (
    MULTI_SCHEMA,
    THREE_SCHEMA,
    render_multi_json,
    render_multi_markdown,
    render_multi_terminal,
    render_three_json,
    render_three_markdown,
    render_three_terminal,
)

from ._multi_cases import SETS, chishui3, chishui3_non_transitive, corpus_set, foreign_trade_three


@pytest.mark.parametrize("name", sorted(SETS))
def test_json_holds_every_text_and_ops_rebuild_them(name: str) -> None:
    multi = corpus_set(name)
    data = json.loads(render_multi_json(multi))
    assert data["schema"] == MULTI_SCHEMA
    assert data["summary"] == multi_summary(multi)
    assert [t["tag"] for t in data["texts"]] == list(multi.tags)
    assert len(data["rows"]) == len(multi.rows)
    for k, text in enumerate(data["texts"]):
        labels = [u["label"] for row in data["rows"] for u in row["cells"][k]["units"]]
        assert sorted(labels) == sorted(u.label for u in multi.documents[k].units())
        assert text["units"] == len(labels)
    for jrow, row in zip(data["rows"], multi.rows):
        assert jrow["agreement"] == agreement_label(row, multi.tags)
        ref_text = jrow["cells"][jrow["reference"]]["text"]
        for k, cell in enumerate(jrow["cells"]):
            assert cell["text"] == row.text(k)
            if k == jrow["reference"]:
                assert cell["relation"] is None
                continue
            assert "".join(op[1] for op in cell["ops"]) == ref_text
            assert "".join(op[2] for op in cell["ops"]) == cell["text"]
    assert render_multi_json(multi) == render_multi_json(multi)


def test_unified_runs_without_deletions_give_the_draft_text() -> None:
    for name in SETS:
        multi = corpus_set(name)
        for row in multi.rows:
            for k, pair in enumerate(row.pairs):
                if pair is None or not pair.new:
                    continue
                paragraphs = unified_runs(pair)
                shown = "\n".join("".join(r.text for r in p if r.kind != "del") for p in paragraphs)
                assert shown == pair.new_text


def test_three_way_json() -> None:
    three = foreign_trade_three()
    data = json.loads(render_three_json(three))
    assert data["schema"] == THREE_SCHEMA
    assert set(data["texts"]) == {"base", "a", "b"}
    assert data["summary"] == three_summary(three)
    assert [r["status"] for r in data["rows"]] == [s.value for s in three.statuses]
    added = next(r for r in data["rows"] if r["status"] == "b_added")
    assert added["base"]["units"] == [] and added["reference"] == "b"
    assert added["b"]["text"].startswith("国家支持跨境电子商务")
    same = next(r for r in data["rows"] if r["status"] == "both_same")
    assert same["a_equals_b"] and same["a"]["relation"] == "modified" and same["a"]["renumbered"]


def test_terminal_tables() -> None:
    multi = chishui3()
    text = render_multi_terminal(multi)
    assert summary_line(multi) in text
    assert re.search(r"^3 +三、 +三、 +三、 +A≈B≈C +equivalent$", text, re.M)
    assert "partial" not in text
    partial = render_multi_terminal(chishui3_non_transitive())
    assert re.search(r"^3 +三、 +三、 +三、 +A≈B≠C +partial$", partial, re.M)
    assert "Differences" not in text  # every row agrees
    assert "[-昭通-]{+泸州+}" in partial  # C against A, in the Differences section
    assert "{+昭通市、曲靖+}" in partial
    short = render_multi_terminal(multi, changed_only=True)
    assert "A=B=C" not in short and "A≈B≈C" in short
    coloured = render_multi_terminal(multi, color=True)
    assert "\x1b[" in coloured and "\x1b[" not in text
    three = foreign_trade_three()
    out = render_three_terminal(three, changed_only=True)
    assert three_summary_line(three) in out
    assert re.search(r"第六十条 +第五十九条 +第六十条 +conflict +A and B changed differently", out)
    assert "处[-五-]{+十+}万元" in out
    assert "unchanged" not in out.split("\n\n")[1]  # the table lists changed rows only


def _cells(line: str) -> list[str]:
    return re.split(r"(?<!\\)\|", line)[1:-1]


def test_markdown_tables() -> None:
    multi = chishui3()
    md = render_multi_markdown(multi)
    table = [line for line in md.splitlines() if line.startswith("|")]
    assert len(table) == 2 + len(multi.rows)
    assert all(len(_cells(line)) == 4 for line in table)
    assert "<u>泸州市</u>" in md
    assert len([x for x in render_multi_markdown(multi, changed_only=True).splitlines() if x.startswith("|")]) == 2 + 5
    plain = render_three_markdown(foreign_trade_three(), marks="plain", changed_only=True)
    rows = [line for line in plain.splitlines() if line.startswith("|")]
    assert len(rows) == 2 + 10
    assert "~~五~~" in plain and "**十**" in plain
    with pytest.raises(ConfigError):
        render_multi_markdown(multi, marks="rtf")
