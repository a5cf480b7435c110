"""Format-only replacements inside modified pairs are shown quietly by the terminal and Markdown reports.

The 2013 and 2024 holiday measures differ in real edits (新年 -> 元旦, 3 -> 4
days, 除夕) and, on every item of 第二条, in the width of the brackets of
``(一)``/``（一）``. The ops keep every difference (the JSON is unchanged); the
text reports show the brackets unmarked and name them in the notes.
"""
from __future__ import annotations

import json

import pytest

from lawdiff.compare import compare
from lawdiff.render.json import render_json
from lawdiff.render.markdown import render_markdown
from lawdiff.render.terminal import render_terminal


@pytest.fixture(scope="module")
def holidays(corpora):
    return compare(corpora / "cn_public_holidays_measures_2013.md", corpora / "cn_public_holidays_measures_2024.md")


def _article(comparison, label):
    return next(p for p in comparison.pairs if p.new and p.new[0].label == label)


def test_terminal_shows_only_the_real_edits(holidays):
    text = render_terminal(holidays)
    changes = text[text.index("Changes") :]
    assert "（一）[-新年-]{+元旦+}，放假1天（1月1日）；" in changes
    assert "（二）春节，放假[-3-]{+4+}天（农历{+除夕、+}正月初一[-、初二、-]{+至+}初三）；" in changes
    assert "（四）劳动节，放假[-1-]{+2+}天（5月1日{+、2日+}）；" in changes
    assert "[-(-]" not in changes and "{+（+}" not in changes and "[-)" not in changes
    # the notes still name the format differences of the pair
    row = next(line for line in text.splitlines() if line.startswith("第二条 ") and "modified" in line)
    assert "format: ( vs （, ) vs ）" in row


def test_terminal_colour_dims_format_only_text(holidays):
    text = render_terminal(holidays, color=True)
    assert "\x1b[2m（\x1b[0m一\x1b[2m）\x1b[0m\x1b[31;9m新年\x1b[0m\x1b[32;4m元旦\x1b[0m" in text
    assert "\x1b[31;9m(\x1b[0m" not in text


def test_markdown_marks_only_the_real_edits(holidays):
    md = render_markdown(holidays, changed_only=True)
    row = next(line for line in md.splitlines() if "**第二条**" in line)
    assert "<del>(</del>" not in row and "<ins>（</ins>" not in row and "<del>)新年</del>" not in row
    assert "(一)<del>新年</del>，放假1天(1月1日)；" in row  # the old side keeps its own brackets
    assert "（一）<ins>元旦</ins>，放假1天（1月1日）；" in row
    assert "（四）劳动节，放假<ins>2</ins>天（5月1日<ins>、2日</ins>）；" in row
    assert row.startswith("| 修改<br>( vs （<br>) vs ） |")
    assert render_markdown(holidays, marks="plain").count("~~新年~~") == 1


def test_ops_and_json_keep_every_difference(holidays):
    pair = _article(holidays, "第二条")
    assert ("replace", "(", "（") in [(o.tag, o.old, o.new) for o in pair.ops]
    assert "".join(o.old for o in pair.ops) == pair.old_text
    assert "".join(o.new for o in pair.ops) == pair.new_text
    data = json.loads(render_json(holidays))
    ops = next(p["ops"] for p in data["pairs"] if p["right"] and p["right"][0]["label"] == "第二条")
    assert ["replace", "(", "（"] in ops and ["replace", ")新年", "）元旦"] in ops


def test_real_edits_of_other_pairs_are_unchanged(corpora):
    c = compare(corpora / "cn_biosecurity_law_2020.md", corpora / "cn_biosecurity_law_2024.md")
    assert "国务院[-科学技术-]{+卫生健康+}主管部门" in render_terminal(c)
    assert "<del>科学技术</del>" in render_markdown(c)
