"""compare(): align + diff + summary, on real corpora."""
from __future__ import annotations

from lawdiff.compare import compare, summary_line
from lawdiff.diff import rebuild
from lawdiff.model import Relation


def test_compare_paths_and_summary(corpora):
    c = compare(corpora / "cn_biosecurity_law_2020.md", corpora / "cn_biosecurity_law_2024.md")
    assert c.summary.count(Relation.IDENTICAL) == 83
    assert c.summary.count(Relation.MODIFIED) == 5
    assert (c.summary.left_units, c.summary.right_units) == (88, 88)
    assert summary_line(c) == "83 of 88 articles identical, 5 modified"
    for p in c.pairs:
        assert rebuild(p.ops) == (p.old_text, p.new_text)
    changed = [p for p in c.pairs if p.relation is Relation.MODIFIED]
    assert any(op.old == "科学技术" and op.new == "卫生健康" for p in changed for op in p.ops)


def test_decision_summary_says_items(corpora):
    c = compare(corpora / "yunnan_chishui_joint_decision_2021.md", corpora / "guizhou_chishui_joint_decision_2021.md")
    assert summary_line(c) == "13 of 18 items identical, 5 equivalent"


def test_renumbering_is_not_a_change(corpora):
    c = compare(corpora / "cn_foreign_trade_law_2016.md", corpora / "cn_foreign_trade_law_2022.md")
    s = c.summary
    assert s.count(Relation.IDENTICAL) == 63 and s.count(Relation.DELETED) == 1
    assert s.moved == 0
    assert s.renumbered == sum(1 for p in c.pairs if p.renumbered) > 55
    assert summary_line(c).startswith("63 of 70 articles identical")


def test_format_differences_are_notes_not_changes(corpora):
    c = compare(corpora / "cn_public_holidays_measures_2013.md", corpora / "cn_public_holidays_measures_2024.md")
    noted = [p for p in c.pairs if p.format_notes]
    assert noted, "2013 uses half-width () where 2024 uses （）"
    strict = compare(
        corpora / "cn_public_holidays_measures_2013.md", corpora / "cn_public_holidays_measures_2024.md", strict_format=True
    )
    assert strict.summary.count(Relation.IDENTICAL) < c.summary.count(Relation.IDENTICAL)
    assert c.summary.count(Relation.ADDED) == 1


def test_equivalences_and_options_are_recorded(corpora):
    c = compare(
        corpora / "cn_biosecurity_law_2020.md", corpora / "cn_biosecurity_law_2024.md",
        equiv=[("科学技术", "卫生健康")], threshold=0.6,
    )
    assert dict(c.options)["equiv"] == (("科学技术", "卫生健康"),)
    assert dict(c.options)["threshold"] == 0.6
    # 科学技术 -> 卫生健康 was the whole change of four of the five modified articles (第五十四条 also reorders a list)
    assert c.summary.count(Relation.EQUIVALENT) == 4
    assert c.summary.count(Relation.MODIFIED) == 1


def test_import_does_not_load_heavy_libraries():
    """compare/align/diff import rapidfuzz, numpy and diff-match-patch only when they run."""
    import subprocess
    import sys

    code = (
        "import sys, lawdiff, lawdiff.align, lawdiff.diff, lawdiff.jurisdiction, lawdiff.pins; "
        "print(sorted({'rapidfuzz', 'numpy', 'diff_match_patch'} & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
