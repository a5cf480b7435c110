"""The numbering grammar of Chinese legislative texts, as compiled regexes.

Every pattern is matched against one line with its indentation already
removed (see :func:`lawdiff.parse.parse_lines`). ``NUM`` is the class of
characters a Chinese ordinal may use. Traditional forms (條 編 節) are accepted
where they occur. Each pattern is written in verbose mode with one comment per
group; the table in ``docs/data-model.md`` and conventions.md §2 explain them.

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
# a numeral that may be letter-spaced (第 一 百 条), as PDF extraction writes it
_SPACED_NUM = r"[一二三四五六七八九十百千零〇○两](?:[ \u3000]?[一二三四五六七八九十百千零〇○两])*"
# what may not follow a label glued to its text: the label is then a reference (第五条规定的, 第五条第二款)
_NOT_REFERENCE = r"(?=[^\s的规中、，,。；;：:至和或及第所项款])"

ARTICLE = re.compile(
    rf"""
    ^第[ \u3000]?(?P<num>{_SPACED_NUM})[ \u3000]?[条條]   # 第 + ordinal + 条 (traditional 條)
    (?:之(?P<sub>{NUM}))?                               # 之一: an article inserted by a 修正案
    (?P<sep>[\s\u3000]+|$|{_NOT_REFERENCE})             # separator, end of line, or glued text that is not a reference
    (?P<rest>.*)$                                       # the first paragraph (款) of the article
    """,
    re.X,
)

ARTICLE_HEADING = re.compile(
    r"""
    ^(?P<raw>
      [（(【\[]                          # opening bracket: （立法目的） (立法目的) 【立法目的】 [立法目的]
      (?!删去|删除)                      # never the （删去） placeholder
      (?P<heading>[^）)】\]，。；：,;:]{2,15})   # 2-15 characters without sentence punctuation
      [）)】\]]                          # closing bracket
    )
    [\s\u3000]*(?P<rest>.*)$             # the text of the first paragraph
    """,
    re.X,
)

DELETED = re.compile(
    r"""
    ^[（(](?:删去|删除)[）)]$           # 第一百九十九条　（删去）: a slot kept by the 修正案 regime
    """,
    re.X,
)

DIVISION = re.compile(
    rf"""
    ^第[ \u3000]?(?P<num>{_SPACED_NUM})[ \u3000]?   # 第 + ordinal
    (?P<level>分编|分編|编|編|章|节|節)              # the level: 编, 分编, 章, 节 (traditional 編 節)
    (?P<sep>[\s\u3000]+|$|{_NOT_REFERENCE})          # separator or glued heading, never a reference (第二章规定的)
    (?P<heading>[^。；;]{{0,40}})$                     # the heading (总　　则), short, not a sentence
    """,
    re.X,
)

UNNUMBERED_DIVISION = re.compile(
    r"""
    ^(?P<heading>附[ \u3000]*则)$        # 附则 after the last 编 of a code (民法典, 刑法)
    """,
    re.X,
)

ITEM = re.compile(
    rf"""
    ^(?P<label>[（(][ \u3000]?(?P<num>{NUM})[ \u3000]?[）)])   # （一） (一) (一） : a 项
    [\s\u3000]*(?P<rest>.*)$                                     # its text
    """,
    re.X,
)

SUBITEM = re.compile(
    r"""
    ^(?P<label>(?P<num>[0-9０-９]{1,2})[.．、](?![0-9０-９]))   # 1. 1． 1、 : a 目 (not 1.5)
    [\s\u3000]*(?P<rest>.*)$                                     # its text
    """,
    re.X,
)

DECISION_ITEM = re.compile(
    rf"""
    ^(?P<label>(?P<num>{NUM})、)         # 一、 : a numbered item of a decision
    [\s\u3000]*(?P<rest>.*)$             # its text
    """,
    re.X,
)

MD_HEADING = re.compile(
    r"""
    ^(?P<hashes>\#{1,6})[ \t]+(?P<text>.*?)          # markdown ATX heading: ## 第一章 总则
    (?:[ \t]+\#+|(?<=[ \t])\#+)?[ \t]*$            # optional closing #s, after a blank only (职# keeps its #)
    """,
    re.X,
)

MD_COMMENT = re.compile(
    r"""
    ^<!--(?P<text>.*?)-->$               # a whole-line HTML comment (<!-- INFO END -->, <!-- FORCE BREAK -->)
    """,
    re.X,
)

MD_RULE = re.compile(
    r"""
    ^-{3,}$                              # --- : front-matter delimiter
    """,
    re.X,
)

MD_FRONT_KEY = re.compile(
    r"""
    ^[A-Za-z_][A-Za-z0-9_-]*:(?:\s.*)?$   # bookHidden: true : a front-matter key
    """,
    re.X,
)

INFO_END = re.compile(
    r"""
    ^<!--\s*INFO\s+END\s*-->$            # LawRefBook: end of the title and 题注 block
    """,
    re.X,
)

TOC = re.compile(
    r"""
    ^目[ \u3000]*录$                     # 目　　录
    """,
    re.X,
)

PREFACE = re.compile(
    r"""
    ^(?P<heading>序[ \u3000]*言|前[ \u3000]*言)$   # 序言 (宪法), 前言
    """,
    re.X,
)

PAGE_FURNITURE = re.compile(
    r"""
    ^(?:
      [—\-－–─]+[ \u3000]*[0-9０-９]{1,4}[ \u3000]*[—\-－–─]+   # — 3 —  - 3 -
    | 第[ \u3000]*[0-9０-９]{1,4}[ \u3000]*页(?:[ \u3000]*[，,/]?[ \u3000]*共[ \u3000]*[0-9０-９]{1,4}[ \u3000]*页)?  # 第3页 共10页
    | [0-9０-９]{1,4}[ \u3000]*/[ \u3000]*[0-9０-９]{1,4}       # 3/10
    | [0-9０-９]{1,4}                                           # a bare page number
    )$
    """,
    re.X,
)

TIZHU_START = re.compile(
    r"""
    ^[（(][ \u3000]*                             # opening parenthesis of the 题注
    (?:[0-9０-９]{4}|[一二三四五六七八九〇○零]{4})年  # a year: 2021年 or 二〇二一年
    """,
    re.X,
)

DATE_LINE = re.compile(
    r"""
    ^(?:[0-9０-９]{4}|[一二三四五六七八九〇○零]{4})年   # LawRefBook 题注 line: 2000年3月15日 …通过
    [ \u3000]*[0-9０-９一二三四五六七八九十]{1,3}月
    """,
    re.X,
)

BARE_DATE = re.compile(
    r"""
    ^(?:[0-9０-９]{4}|[一二三四五六七八九〇○零]{4})年          # year
    [0-9０-９一二三四五六七八九十]{1,3}月[0-9０-９一二三四五六七八九十]{1,3}日$   # month and day, nothing else
    """,
    re.X,
)

ORDER_BLOCK = re.compile(
    r"""
    ^(?:中华人民共和国)?\S{0,20}?                 # issuer: 中华人民共和国, 国务院, 某省人民政府
    (?:主席令|国务院令|政府令|令|公告)           # the instrument
    [ \u3000]*[（(]?第?[ \u3000]*\S{1,12}号[）)]?$   # its number: 第七号, 第722号, （第77号）
    """,
    re.X,
)

STAGE_SUFFIX = re.compile(
    r"""
    [（(](?P<stage>[^（）()]*(?:草案|征求意见稿|送审稿|审议稿|修改稿|讨论稿|建议稿)[^（）()]*)[）)]$   # （草案） （修订草案） （征求意见稿）
    """,
    re.X,
)

FILE_DATE_SUFFIX = re.compile(
    r"""
    (?P<suffix>_(?:19|20)\d{6})$         # _20210530: the date a dataset appended to the file name
    """,
    re.X,
)

TITLE_END = re.compile(
    r"""
    (?:法|法典|条例|办法|规定|细则|规则|决定|修正案|决议|章程|解释|规程|标准|意见|通知|纲要|稿
     |安排|批复|答复|公约|条约|协定|规范|方案|目录|清单|要点|守则|准则|制度|宪法|[）)])$   # what a complete title ends with
    """,
    re.X,
)

TERMINAL = re.compile(
    r"""
    [。；：？！”）;:?!)…」』]$            # a paragraph that ends here is complete (no wrap)
    """,
    re.X,
)

DECISION_OPENING = re.compile(
    r"""
    (?:决定|修改|如下)[：:]$              # 作如下决定： 作如下修改： : a decision's opening sentence
    """,
    re.X,
)

DOC_NUMBER = re.compile(
    r"""
    [〔［\[（(][0-9０-９]{4}[〕］\]）)][ \u3000]*[0-9０-９]+[ \u3000]*号   # 法释〔2022〕7号: a document number, never part of a title
    """,
    re.X,
)
