"""Real N-way and three-way cases shared by tests/test_multi.py and tests/render/test_multi_*.py.

* ``chishui3``: the real 云南 and 贵州 赤水河 decisions plus a *constructed*
  四川 text: the 云南 decision with 云南省↔四川省 and 昭通市↔泸州市 swapped
  (the real 四川 decision is not in the corpus). All three agree on every
  item: 18 rows, 13 identical, 5 equivalent.
* ``chishui3_non_transitive``: the same with one edit in the 四川 text (see
  :func:`sichuan_qujing_text`), so that on item 三 A≈B and A≈C but B≠C.
* ``foreign_trade_three``: base = 对外贸易法 2016 (real), A = its real 2022
  revision, B = the 2016 text with the scripted edits of :func:`foreign_trade_b`.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import lawdiff
from lawdiff.model import Document
from lawdiff.multi import MultiComparison, ThreeWay, compare_many, compare_three

CORPORA = Path(__file__).resolve().parents[2] / "corpora"

_SWAP = {"云南省": "四川省", "四川省": "云南省", "昭通市": "泸州市", "泸州市": "昭通市"}


def sichuan_text() -> str:
    """The 云南 赤水河 decision with 云南省↔四川省 and 昭通市↔泸州市 swapped (a constructed 四川 version)."""
    text = (CORPORA / "yunnan_chishui_joint_decision_2021.md").read_text(encoding="utf-8")
    return re.sub("云南省|四川省|昭通市|泸州市", lambda m: _SWAP[m.group(0)], text)


def sichuan_qujing_text() -> str:
    """The constructed 四川 text whose item 三 lists 云南省及昭通市、曲靖市 instead of 云南省及昭通市.

    A real non-transitive agreement, item 三 (A = 云南, B = 贵州, C = this text):

    * A≈B: the real texts, each naming itself 本省 and the other as partner;
    * A≈C: for the pair 云南/四川, 云南's cities are C's *counterpart* cities,
      masked to one ⟨OTHER-CITY⟩ token whatever their number (贵州 names its
      own 毕节市、遵义市 where 云南 names 昭通市), so the extra 曲靖市 is a
      jurisdiction term;
    * B≠C: for the pair 贵州/四川, 云南 is a *third party* written out as is,
      and B's 云南省及昭通市 is not C's 云南省及昭通市、曲靖市: the two drafts
      name different 云南 cities, a real difference between them.
    """
    return _sub(sichuan_text(), "，云南省及昭通市在立项", "，云南省及昭通市、曲靖市在立项")


def _sub(text: str, old: str, new: str, count: int = 1) -> str:
    assert text.count(old) == count, (old, text.count(old))
    return text.replace(old, new)


def _drop_article(lines: list[str], label: str, next_label: str) -> list[str]:
    start = next(k for k, line in enumerate(lines) if line.startswith(label))
    end = next(k for k, line in enumerate(lines) if line.startswith(next_label))
    return lines[:start] + lines[end:]


def foreign_trade_b() -> str:
    """对外贸易法 2016 with scripted edits, as a second committee's draft B.

    * 第二条: 国际服务贸易 -> 国际服务贸易和数字贸易 (only B changes it);
    * 第九条 deleted (as in the real 2022 revision: both delete it);
    * 第十条之一 added (only B);
    * 第十八条: the cross-references updated exactly as in 2022 (both, the same way);
    * 第十九条 deleted (only B; A keeps it as 第十八条);
    * 第六十条: 五万元 -> 十万元 (A changes a cross-reference there: a conflict).
    """
    text = (CORPORA / "cn_foreign_trade_law_2016.md").read_text(encoding="utf-8")
    text = _sub(text, "是指货物进出口、技术进出口和国际服务贸易。", "是指货物进出口、技术进出口、国际服务贸易和数字贸易。")
    text = _sub(text, "本法第十六条和第十七条", "本法第十五条和第十六条", 2)
    text = _sub(text, "可以处五万元以下罚款", "可以处十万元以下罚款")
    lines = text.split("\n")
    lines = _drop_article(lines, "第九条", "第十条")
    lines = _drop_article(lines, "第十九条", "第二十条")
    at = next(k for k, line in enumerate(lines) if line.startswith("第十一条"))
    lines[at:at] = ["第十条之一 国家支持跨境电子商务、市场采购贸易等对外贸易新业态新模式发展。", ""]
    return "\n".join(lines)


#: Expected three-way status per base label (or B label for B's addition); the rest are unchanged.
FOREIGN_TRADE_STATUS = {
    "第二条": "b_changed",
    "第九条": "both_deleted",
    "第十条之一": "b_added",
    "第十八条": "both_same",
    "第十九条": "b_deleted",
    "第二十八条": "a_changed",
    "第三十七条": "a_changed",
    "第六十条": "conflict",
    "第六十三条": "a_changed",
    "第六十四条": "a_changed",
}


@lru_cache(maxsize=None)
def doc(name: str) -> Document:
    """A corpus file by stem, or a constructed text (``sichuan_chishui``, ``sichuan_chishui_qujing``, ``foreign_trade_b``)."""
    if name == "sichuan_chishui":
        return lawdiff.parse(sichuan_text(), source="constructed/sichuan_chishui_joint_decision.md")
    if name == "sichuan_chishui_qujing":
        return lawdiff.parse(sichuan_qujing_text(), source="constructed/sichuan_chishui_joint_decision_qujing.md")
    if name == "foreign_trade_b":
        return lawdiff.parse(foreign_trade_b(), source="constructed/cn_foreign_trade_law_2016_draft_b.md")
    return lawdiff.read(CORPORA / f"{name}.md")


CHISHUI = ("yunnan_chishui_joint_decision_2021", "guizhou_chishui_joint_decision_2021", "sichuan_chishui")


CHISHUI_NON_TRANSITIVE = (*CHISHUI[:2], "sichuan_chishui_qujing")


@lru_cache(maxsize=None)
def chishui3() -> MultiComparison:
    return compare_many([doc(n) for n in CHISHUI])


@lru_cache(maxsize=None)
def chishui3_non_transitive() -> MultiComparison:
    """云南, 贵州 and the 四川 text of :func:`sichuan_qujing_text`: item 三 is A≈B≠C although A≈C."""
    return compare_many([doc(n) for n in CHISHUI_NON_TRANSITIVE])


@lru_cache(maxsize=None)
def foreign_trade_three() -> ThreeWay:
    return compare_three(doc("cn_foreign_trade_law_2016"), doc("cn_foreign_trade_law_2022"), doc("foreign_trade_b"))


#: Real multi-text sets of the corpus (same subject, several jurisdictions or versions).
SETS = {
    "chishui": CHISHUI,
    "legal_aid": (
        "beijing_legal_aid_reg_2008",
        "henan_legal_aid_reg_2010",
        "shandong_legal_aid_reg_2015",
        "zhejiang_legal_aid_reg_2016",
        "hangzhou_legal_aid_reg_2017",
        "shanghai_legal_aid_provisions_2020",
    ),
    "business_env": (
        "cn_business_env_regulation_2019",
        "shanghai_business_env_reg_2020",
        "chongqing_business_env_reg_2021",
        "shanghai_business_env_reg_2024",
    ),
    "railway": ("cn_railway_safety_regulation_2013", "shandong_railway_safety_reg_2021", "chongqing_railway_safety_reg_2022"),
    "holidays": ("cn_public_holidays_measures_2013", "cn_public_holidays_measures_2024"),
    "foreign_trade": ("cn_foreign_trade_law_2016", "cn_foreign_trade_law_2022", "foreign_trade_b"),
}


@lru_cache(maxsize=None)
def corpus_set(name: str) -> MultiComparison:
    return compare_many([doc(n) for n in SETS[name]])
