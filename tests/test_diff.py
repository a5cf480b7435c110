"""Character diff: exact rebuild, readable edits, paragraphs first."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lawdiff.diff import diff_chars, diff_text, rebuild
from lawdiff.model import Op

CJK = st.text(alphabet=st.sampled_from(list("国务院科学技术卫生健康主管部门，。；：（一）\n 、的和或者")), max_size=80)


@settings(max_examples=300, deadline=None)
@given(CJK, CJK)
def test_ops_rebuild_both_texts(old, new):
    ops = diff_text(old, new)
    assert rebuild(ops) == (old, new)
    for op in ops:
        assert op.tag in {"equal", "insert", "delete", "replace"}
        assert (op.tag == "equal") == (op.old == op.new)
        assert op.tag != "insert" or op.old == ""
        assert op.tag != "delete" or op.new == ""
    # neighbours are coalesced: no two equal ops, no two changes in a row
    for a, b in zip(ops, ops[1:]):
        assert (a.tag == "equal") != (b.tag == "equal")


def test_replacement_shows_deletion_then_insertion():
    ops = diff_text("国务院科学技术主管部门组织开展调查。", "国务院卫生健康主管部门组织开展调查。")
    assert ops == (
        Op("equal", "国务院", "国务院"),
        Op("replace", "科学技术", "卫生健康"),
        Op("equal", "主管部门组织开展调查。", "主管部门组织开展调查。"),
    )


def test_new_paragraph_is_one_insertion(corpora):
    old = "经营者实施垄断行为，给他人造成损失的，依法承担民事责任。"
    new = old + "\n经营者实施垄断行为，损害社会公共利益的，设区的市级以上人民检察院可以依法向人民法院提起民事公益诉讼。"
    ops = diff_text(old, new)
    assert ops == (Op("equal", old, old), Op("insert", "", new[len(old):]))


def test_paragraphs_are_aligned_before_characters():
    old = "第一款内容保持不变。\n（一）甲项；\n（二）乙项。"
    new = "第一款内容保持不变。\n（一）甲项；\n（二）新增的丙项；\n（三）乙项。"
    ops = diff_text(old, new)
    assert rebuild(ops) == (old, new)
    inserted = "".join(op.new for op in ops if op.tag in ("insert", "replace"))
    assert "新增的丙项" in inserted


def test_long_texts_are_not_degraded_by_a_timeout():
    old = "甲乙丙丁戊己庚辛壬癸" * 800
    new = old[:4000] + "新增内容" + old[4000:]
    ops = diff_chars(old, new)
    assert [op.tag for op in ops] == ["equal", "insert", "equal"]


def test_identical_and_empty():
    assert diff_text("", "") == ()
    assert diff_text("同", "同") == (Op("equal", "同", "同"),)
    assert diff_text("", "新") == (Op("insert", "", "新"),)
    assert diff_text("旧", "") == (Op("delete", "旧", ""),)
