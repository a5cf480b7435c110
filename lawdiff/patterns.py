"""The numbering grammar of Chinese legislative texts, as compiled regexes.

Every pattern is matched against one line with its indentation already
removed (see :func:`lawdiff.parse.parse_lines`). ``NUM`` is the class of
characters a Chinese ordinal may use. Traditional forms (條 編 節) are accepted
where they occur. Each pattern is written in verbose mode with one comment per
group; the table in ``docs/data-model.md`` and conventions.md §2 explain them.

A pattern is compiled the first time it is used (``patterns.ARTICLE`` or
``from lawdiff.patterns import ARTICLE``), not when the module is imported:
``re`` compiles in pure Python, and compiling all of them took 5 ms, more
than parsing a short text; a run compiles only what its input needs. For the
patterns anchored at the start of a line, :data:`FIRST` lists the characters
a match can start with, so the parser runs a pattern only on lines that can
match it (and never compiles one that no line can match).

>>> from lawdiff.patterns import ARTICLE, ARTICLE_HEADING
>>> m = ARTICLE.match("第一百二十条之一　资助恐怖活动组织的")
>>> m.group("num"), m.group("sub"), m.group("rest")
('一百二十', '一', '资助恐怖活动组织的')
>>> ARTICLE.match("第一百二十条规定的情形") is None
True
>>> ARTICLE_HEADING.match("【立法目的】为了规范").group("heading")
'立法目的'
>>> ARTICLE_HEADING.match("（删去）") is None
True
"""
from __future__ import annotations

import re

__all__ = [
    "NUM",
    "FIRST",
    "FURNITURE_AFTER_DI",
    "ARTICLE",
    "ARTICLE_HEADING",
    "DELETED",
    "DIVISION",
    "UNNUMBERED_DIVISION",
    "ITEM",
    "SUBITEM",
    "DECISION_ITEM",
    "MD_HEADING",
    "MD_COMMENT",
    "MD_RULE",
    "MD_FRONT_KEY",
    "INFO_END",
    "TOC",
    "PREFACE",
    "PAGE_FURNITURE",
    "TIZHU_START",
    "DATE_LINE",
    "BARE_DATE",
    "ORDER_BLOCK",
    "STAGE_SUFFIX",
    "FILE_DATE_SUFFIX",
    "TITLE_END",
    "DOC_NUMBER",
    "TERMINAL",
    "DECISION_OPENING",
]

#: Characters of a Chinese ordinal (两 and 〇/○ are accepted when reading).
NUM = r"[一二三四五六七八九十百千零〇○两]+"
# a numeral that may be letter-spaced (第 一 百 条), as PDF extraction writes it: runs of ordinal characters
# separated by single blanks. The quantifiers are possessive (++ *+): what follows the numeral in ARTICLE
# and DIVISION (条, 章, ...) can only follow the longest run, so a match never needs characters given back,
# and not trying makes the DIVISION match that fails on every article line 3 times quicker (0.5 -> 0.17 µs).
_SPACED_NUM = r"[一二三四五六七八九十百千零〇○两]++(?:[ \u3000][一二三四五六七八九十百千零〇○两]++)*+"
# what may not follow a label glued to its text: the label is then a reference (第五条规定的, 第五条第二款)
_NOT_REFERENCE = r"(?=[^\s的规中、，,。；;：:至和或及第所项款])"

# name -> verbose source; compiled on first use by __getattr__ below
_SOURCES: dict[str, str] = {
    "ARTICLE": rf"""
        ^(?P<label>
          第[ \u3000]?(?P<num>{_SPACED_NUM})[ \u3000]?[条條]   # 第 + ordinal + 条 (traditional 條)
          (?:之(?P<sub>{NUM}))?                               # 之一: an article inserted by a 修正案
        )
        (?P<sep>[\s\u3000]+|$|{_NOT_REFERENCE})             # separator, end of line, or glued text that is not a reference
        (?P<rest>.*)$                                       # the first paragraph (款) of the article
        """,
    "ARTICLE_HEADING": r"""
        ^(?P<raw>
          [（(【\[]                          # opening bracket: （立法目的） (立法目的) 【立法目的】 [立法目的]
          (?!删去|删除)                      # never the （删去） placeholder
          (?P<heading>[^）)】\]，。；：,;:]{2,15})   # 2-15 characters without sentence punctuation
          [）)】\]]                          # closing bracket
        )
        [\s\u3000]*(?P<rest>.*)$             # the text of the first paragraph
        """,
    "DELETED": r"""
        ^[（(](?:删去|删除)[）)]$           # 第一百九十九条　（删去）: a slot kept by the 修正案 regime
        """,
    "DIVISION": rf"""
        ^(?P<label>
          第[ \u3000]?(?P<num>{_SPACED_NUM})[ \u3000]?   # 第 + ordinal
          (?P<level>分编|分編|编|編|章|节|節)              # the level: 编, 分编, 章, 节 (traditional 編 節)
        )
        (?P<sep>[\s\u3000]+|$|{_NOT_REFERENCE})          # separator or glued heading, never a reference (第二章规定的)
        (?P<heading>[^。；;]{{0,40}})$                     # the heading (总　　则), short, not a sentence
        """,
    "UNNUMBERED_DIVISION": r"""
        ^(?P<heading>附[ \u3000]*则)$        # 附则 after the last 编 of a code (民法典, 刑法)
        """,
    "ITEM": rf"""
        ^(?P<label>[（(][ \u3000]?(?P<num>{NUM})[ \u3000]?[）)])   # （一） (一) (一） : a 项
        [\s\u3000]*(?P<rest>.*)$                                     # its text
        """,
    "SUBITEM": r"""
        ^(?P<label>(?P<num>[0-9０-９]{1,2})[.．、](?![0-9０-９]))   # 1. 1． 1、 : a 目 (not 1.5)
        [\s\u3000]*(?P<rest>.*)$                                     # its text
        """,
    "DECISION_ITEM": rf"""
        ^(?P<label>(?P<num>{NUM})、)         # 一、 : a numbered item of a decision
        [\s\u3000]*(?P<rest>.*)$             # its text
        """,
    "MD_HEADING": r"""
        ^(?P<hashes>\#{1,6})[ \t]+(?P<text>.*?)          # markdown ATX heading: ## 第一章 总则
        (?:[ \t]+\#+|(?<=[ \t])\#+)?[ \t]*$            # optional closing #s, after a blank only (职# keeps its #)
        """,
    "MD_COMMENT": r"""
        ^<!--(?P<text>.*?)-->$               # a whole-line HTML comment (<!-- INFO END -->, <!-- FORCE BREAK -->)
        """,
    "MD_RULE": r"""
        ^-{3,}$                              # --- : front-matter delimiter
        """,
    "MD_FRONT_KEY": r"""
        ^[A-Za-z_][A-Za-z0-9_-]*:(?:\s.*)?$   # bookHidden: true : a front-matter key
        """,
    "INFO_END": r"""
        ^<!--\s*INFO\s+END\s*-->$            # LawRefBook: end of the title and 题注 block
        """,
    "TOC": r"""
        ^目[ \u3000]*录$                     # 目　　录
        """,
    "PREFACE": r"""
        ^(?P<heading>序[ \u3000]*言|前[ \u3000]*言)$   # 序言 (宪法), 前言
        """,
    "PAGE_FURNITURE": r"""
        ^(?:
          [—\-－–─]+[ \u3000]*[0-9０-９]{1,4}[ \u3000]*[—\-－–─]+   # — 3 —  - 3 -
        | 第[ \u3000]*[0-9０-９]{1,4}[ \u3000]*页(?:[ \u3000]*[，,/]?[ \u3000]*共[ \u3000]*[0-9０-９]{1,4}[ \u3000]*页)?  # 第3页 共10页
        | [0-9０-９]{1,4}[ \u3000]*/[ \u3000]*[0-9０-９]{1,4}       # 3/10
        | [0-9０-９]{1,4}                                           # a bare page number
        )$
        """,
    "TIZHU_START": r"""
        ^[（(][ \u3000]*                             # opening parenthesis of the 题注
        (?:[0-9０-９]{4}|[一二三四五六七八九〇○零]{4})年  # a year: 2021年 or 二〇二一年
        """,
    "DATE_LINE": r"""
        ^(?:[0-9０-９]{4}|[一二三四五六七八九〇○零]{4})年   # LawRefBook 题注 line: 2000年3月15日 …通过
        [ \u3000]*[0-9０-９一二三四五六七八九十]{1,3}月
        """,
    "BARE_DATE": r"""
        ^(?:[0-9０-９]{4}|[一二三四五六七八九〇○零]{4})年          # year
        [0-9０-９一二三四五六七八九十]{1,3}月[0-9０-９一二三四五六七八九十]{1,3}日$   # month and day, nothing else
        """,
    "ORDER_BLOCK": r"""
        ^(?:中华人民共和国)?\S{0,20}?                 # issuer: 中华人民共和国, 国务院, 某省人民政府
        (?:主席令|国务院令|政府令|令|公告)           # the instrument
        [ \u3000]*[（(]?第?[ \u3000]*\S{1,12}号[）)]?$   # its number: 第七号, 第722号, （第77号）
        """,
    "STAGE_SUFFIX": r"""
        [（(](?P<stage>[^（）()]*(?:草案|征求意见稿|送审稿|审议稿|修改稿|讨论稿|建议稿)[^（）()]*)[）)]$   # （草案） （修订草案） （征求意见稿）
        """,
    "FILE_DATE_SUFFIX": r"""
        (?P<suffix>_(?:19|20)\d{6})$         # _20210530: the date a dataset appended to the file name
        """,
    "TITLE_END": r"""
        (?:法|法典|条例|办法|规定|细则|规则|决定|修正案|决议|章程|解释|规程|标准|意见|通知|纲要|稿
         |安排|批复|答复|公约|条约|协定|规范|方案|目录|清单|要点|守则|准则|制度|宪法|[）)])$   # what a complete title ends with
        """,
    "TERMINAL": r"""
        [。；：？！”）;:?!)…」』]$            # a paragraph that ends here is complete (no wrap)
        """,
    "DECISION_OPENING": r"""
        (?:决定|修改|如下)[：:]$              # 作如下决定： 作如下修改： : a decision's opening sentence
        """,
    "DOC_NUMBER": r"""
        [〔［\[（(][0-9０-９]{4}[〕］\]）)][ \u3000]*[0-9０-９]+[ \u3000]*号   # 法释〔2022〕7号: a document number, never part of a title
        """,
}

#: For each pattern anchored at the start of a line with a fixed set of first characters (all but
#: ORDER_BLOCK): the characters a match can start with. ``tests/test_speed_parse.py`` checks these sets
#: against the patterns themselves.
FIRST: dict[str, frozenset[str]] = {
    "ARTICLE": frozenset("第"),
    "ARTICLE_HEADING": frozenset("（(【["),
    "DELETED": frozenset("（("),
    "DIVISION": frozenset("第"),
    "UNNUMBERED_DIVISION": frozenset("附"),
    "ITEM": frozenset("（("),
    "SUBITEM": frozenset("0123456789０１２３４５６７８９"),
    "DECISION_ITEM": frozenset("一二三四五六七八九十百千零〇○两"),
    "MD_HEADING": frozenset("#"),
    "MD_COMMENT": frozenset("<"),
    "MD_RULE": frozenset("-"),
    "MD_FRONT_KEY": frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"),
    "INFO_END": frozenset("<"),
    "TOC": frozenset("目"),
    "PREFACE": frozenset("序前"),
    "PAGE_FURNITURE": frozenset("—-－–─第0123456789０１２３４５６７８９"),
    "TIZHU_START": frozenset("（("),
    "DATE_LINE": frozenset("0123456789０１２３４５６７８９一二三四五六七八九〇○零"),
    "BARE_DATE": frozenset("0123456789０１２３４５６７８９一二三四五六七八九〇○零"),
}


#: PAGE_FURNITURE starts with 第 only as ``第 3 页``: the second character is then a blank or a digit. The
#: parser tests it too, so that article and heading lines (第一条, 第一章), which start with 第, never run it.
FURNITURE_AFTER_DI = frozenset(" \u30000123456789０１２３４５６７８９")


def __getattr__(name: str) -> re.Pattern[str]:
    """Compile the pattern ``name`` on first access and keep it as a module attribute (PEP 562)."""
    try:
        source = _SOURCES[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    compiled = globals()[name] = re.compile(source, re.X)
    return compiled


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
