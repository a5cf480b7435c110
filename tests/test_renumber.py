"""Renumbering a draft (lawdiff.renumber) and the ``amend``/``apply``/``renumber`` commands."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import lawdiff
from lawdiff.cli import main
from lawdiff.normalize import compare_key
from lawdiff.renumber import format_table, renumber


def test_foreign_trade_2016_without_article_9_gives_the_2022_text(corpora: Path) -> None:
    """The 2022 修正 deleted 第九条; renumbering the rest reproduces the republished text.

    Every later article moves up by one and every internal reference follows
    (第六十条 cites 第十一条 -> 第十条, 第三十七条 cites 第二十九条 -> 第二十八条 …).
    """
    src = (corpora / "cn_foreign_trade_law_2016.md").read_text(encoding="utf-8")
    draft = src[: src.index("\n第九条")] + src[src.index("\n第十条") :]
    got, rows = renumber(lawdiff.parse(draft))
    want = lawdiff.read(corpora / "cn_foreign_trade_law_2022.md")
    assert [(u.label, compare_key(u.text)) for u in got.units()] == [
        (u.label, compare_key(u.text)) for u in want.units()
    ]
    changed = [r for r in rows if r.changed]
    assert changed[0].level == "条" and (changed[0].old, changed[0].new) == ("第十条", "第九条")
    assert len([r for r in changed if r.level == "条"]) == 61  # 第十条…第七十条
    assert not got.notices


DRAFT = """某某条例（草案）

第一章　总则

第一条　为了规范甲事项，根据《中华人民共和国行政许可法》第十二条，制定本条例。

第一条之一　本条例所称甲事项，是指第三条第二项规定的事项。

第二条　依照本条例第三条、第五条至第六条的规定执行。

第二章　管理

第三条　有下列情形之一的，不予登记：
（一）材料不全的；
（三）逾期申请的；
（四）其他情形。
有前款第三项情形的，告知申请人。

第三章　附则

第三章　罚则

第五条　违反第三条规定的，依照“第三条”所列标准处理，适用刑法第三条。

第六条　本条例自公布之日起施行。第九条不存在。
"""


def test_draft_renumbering_and_references() -> None:
    got, rows = renumber(lawdiff.parse(DRAFT))
    texts = {u.label: u.text for u in got.units()}
    assert list(texts) == ["第一条", "第二条", "第三条", "第四条", "第五条", "第六条"]
    # other acts untouched, this act renumbered
    assert texts["第一条"] == "为了规范甲事项，根据《中华人民共和国行政许可法》第十二条，制定本条例。"
    # 第三条第二项: article 3 -> 4; its items were (一)(三)(四) -> (一)(二)(三), so old item 2 has no new number
    assert texts["第二条"].startswith("本条例所称甲事项，是指第四条第二项")
    assert texts["第三条"] == "依照本条例第四条、第五条至第六条的规定执行。"
    art4 = list(got.units())[3]
    assert [i.label for i in art4.clauses[0].items] == ["（一）", "（二）", "（三）"]
    # 前款第三项 is relative: the words stay, the item it names is now （二）
    assert art4.clauses[1].text == "有前款第二项情形的，告知申请人。"
    # quoted text and 刑法第三条 (another act) stay
    assert texts["第五条"] == "违反第四条规定的，依照“第三条”所列标准处理，适用刑法第三条。"
    # a reference to a number the draft lacks is left alone and reported
    assert texts["第六条"].endswith("第九条不存在。")
    assert any("第九条" in n.message and "does not exist" in n.message for n in got.notices)
    # chapters run on
    assert [(d.label, d.heading) for d in got.divisions()] == [
        ("第一章", "总则"), ("第二章", "管理"), ("第三章", "附则"), ("第四章", "罚则")]
    table = format_table(rows, changed_only=True)
    assert "| 条 | 第一条之一 | 第二条 |  |" in table
    assert "| 章 | 第三章 | 第四章 |  |" in table
    assert "| 项 | （三） | （二） | 第四条 |" in table


def test_renumber_is_idempotent(corpora: Path) -> None:
    doc = lawdiff.read(corpora / "cn_legislation_law_2023.md")
    once, rows = renumber(doc)
    assert not any(r.changed for r in rows if r.level == "条")
    twice, _ = renumber(once)
    assert [(u.label, u.text) for u in once.units()] == [(u.label, u.text) for u in twice.units()]
    assert [(u.label, u.text) for u in once.units()] == [(u.label, u.text) for u in doc.units()]


# -- command line ---------------------------------------------------------------------


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def test_cli_amend_then_apply(runner: CliRunner, corpora: Path, tmp_path: Path) -> None:
    old = corpora / "cn_foreign_trade_law_2016.md"
    new = corpora / "cn_foreign_trade_law_2022.md"
    decision = tmp_path / "decision.txt"
    res = runner.invoke(main, ["amend", str(old), str(new), "-o", str(decision), "--effective", "2023年1月1日"])
    assert res.exit_code == 0, res.output
    text = decision.read_text(encoding="utf-8")
    assert "一、删去第九条。" in text and "本决定自2023年1月1日起施行。" in text
    res = runner.invoke(main, ["apply", str(old), str(decision)])
    assert res.exit_code == 0, res.output
    assert [(u.label, u.text) for u in lawdiff.parse(res.output).units()] == [
        (u.label, u.text) for u in lawdiff.read(new).units()]
    res = runner.invoke(main, ["apply", str(old), str(decision), "--instructions"])
    assert res.exit_code == 0 and res.output.splitlines()[0].startswith("一、\tdelete\t第九条")
    out_docx = tmp_path / "new.docx"
    res = runner.invoke(main, ["apply", str(old), str(decision), "-o", str(out_docx)])
    assert res.exit_code == 0, res.output
    assert [u.text for u in lawdiff.read(out_docx).units()] == [u.text for u in lawdiff.read(new).units()]


def test_cli_apply_error_names_the_item(runner: CliRunner, corpora: Path, tmp_path: Path) -> None:
    decision = tmp_path / "bad.txt"
    decision.write_text("一、删去第九条。\n\n二、将第十条中的“不存在的词”修改为“甲”。\n", encoding="utf-8")
    res = runner.invoke(main, ["apply", str(corpora / "cn_foreign_trade_law_2016.md"), str(decision)])
    assert res.exit_code == 3
    assert "bad.txt: item 二、: “不存在的词” does not occur in 第十条" in res.output
    assert "Traceback" not in res.output


def test_cli_renumber_table_and_formats(runner: CliRunner, tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(DRAFT, encoding="utf-8")
    res = runner.invoke(main, ["renumber", str(draft), "--table", "--changed-only"])
    assert res.exit_code == 0, res.output
    assert res.output.startswith("| 层级 | 原序号 | 新序号 | 所在 |")
    res = runner.invoke(main, ["renumber", str(draft)])
    assert res.exit_code == 0 and "第二条　本条例所称甲事项，是指第四条第二项规定的事项。" in res.output
    for suffix in (".docx", ".xml"):
        out = tmp_path / f"renumbered{suffix}"
        res = runner.invoke(main, ["renumber", str(draft), "-o", str(out)])
        assert res.exit_code == 0, res.output
        back = lawdiff.read(out)
        assert [u.label for u in back.units()] == [f"第{n}条" for n in "一二三四五六"]
