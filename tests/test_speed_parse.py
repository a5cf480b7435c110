"""Reading and parsing: the speed paths give exactly what the plain computations they replace give.

* ``lawdiff.patterns`` compiles a pattern on first use; ``FIRST`` (the characters a match can start
  with), ``FURNITURE_AFTER_DI`` and the 号 that ORDER_BLOCK and DOC_NUMBER need, which the parser tests
  before running a pattern, are checked against the patterns themselves.
* ARTICLE and DIVISION read the ordinal with possessive quantifiers and have a ``label`` group:
  compared with the backtracking patterns they replace.
* ``lawdiff.numerals.cn_to_int`` tests characters with sets and dictionaries in C: compared with the
  plain character loop (kept here as ``_reference_cn_to_int``).
* ``lawdiff.io.text`` decodes once and splits on LF with ``str.split``: compared with decoding twice
  and splitting with the regex; ``read_bytes`` and ``parse`` skip building ``SourceLine`` values:
  compared with ``parse_lines`` over ``read_lines``/``split_lines``, notices and spans included.
* The parser calls the model classes with positional arguments: their field order is checked.
"""
from __future__ import annotations

import copy
import dataclasses
import importlib
import pickle
import re
import re._constants as sre_constants
import re._parser as sre_parse
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import lawdiff
from lawdiff import patterns as P
from lawdiff.errors import InputError, LawdiffError
from lawdiff.io import text as text_io
from lawdiff.io.base import SourceLine
from lawdiff.model import Article, Clause, Division, Item, Span
from lawdiff.normalize import strip_whitespace
from lawdiff.numerals import DIGITS, cn_to_int, int_to_cn

parse_module = importlib.import_module("lawdiff.parse")


# ---------------------------------------------------------------------------
# patterns


def _first_chars(items) -> set[str] | None:
    """The characters a parsed (sub)pattern can start with; None when not a plain set of characters."""
    op, av = items[0]
    if op is sre_constants.LITERAL:
        return {chr(av)}
    if op is sre_constants.IN:
        out = set()
        for kind, value in av:
            if kind is sre_constants.LITERAL:
                out.add(chr(value))
            elif kind is sre_constants.RANGE:
                out.update(chr(c) for c in range(value[0], value[1] + 1))
            else:
                return None
        return out
    if op is sre_constants.SUBPATTERN:
        return _first_chars(list(av[3]))
    if op is sre_constants.BRANCH:
        out = set()
        for alternative in av[1]:
            chars = _first_chars(list(alternative))
            if chars is None:
                return None
            out |= chars
        return out
    if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, sre_constants.POSSESSIVE_REPEAT) and av[0] >= 1:
        return _first_chars(list(av[2]))
    return None


@pytest.mark.parametrize("name", sorted(P.FIRST))
def test_first_characters_are_those_of_the_pattern(name: str) -> None:
    pattern = getattr(P, name)
    items = list(sre_parse.parse(pattern.pattern, pattern.flags))
    assert items[0] == (sre_constants.AT, sre_constants.AT_BEGINNING)
    assert _first_chars(items[1:]) == set(P.FIRST[name])


def test_every_pattern_with_fixed_first_characters_lists_them() -> None:
    with_first = set()
    for name in P.__all__:
        pattern = getattr(P, name)
        if isinstance(pattern, re.Pattern):
            items = list(sre_parse.parse(pattern.pattern, pattern.flags))
            if items[0] == (sre_constants.AT, sre_constants.AT_BEGINNING) and _first_chars(items[1:]) is not None:
                with_first.add(name)
    assert with_first == set(P.FIRST)


def test_page_furniture_starting_with_di_needs_a_blank_or_digit_next() -> None:
    for code in range(0x10000):
        c = chr(code)
        if c in P.FURNITURE_AFTER_DI:
            continue
        for rest in ("", "1页", "1 页", "3页共10页", "1页 共 2 页"):
            assert P.PAGE_FURNITURE.match("第" + c + rest) is None, repr(c + rest)
    for c in P.FURNITURE_AFTER_DI:
        assert P.PAGE_FURNITURE.match("第" + c + "1页") is not None, repr(c)


@pytest.mark.parametrize("name", ["ORDER_BLOCK", "DOC_NUMBER"])
def test_order_block_and_doc_number_need_a_hao(name: str) -> None:
    pattern = getattr(P, name)
    assert (sre_constants.LITERAL, ord("号")) in list(sre_parse.parse(pattern.pattern, pattern.flags))


def test_patterns_are_compiled_on_first_use() -> None:
    script = (
        "import re, lawdiff.patterns as P\n"
        "assert not any(isinstance(v, re.Pattern) for v in vars(P).values())\n"
        "first = P.ARTICLE\n"
        "assert 'ARTICLE' in vars(P) and P.ARTICLE is first and isinstance(first, re.Pattern)\n"
        "assert not any(isinstance(v, re.Pattern) for k, v in vars(P).items() if k != 'ARTICLE')\n"
        "from lawdiff.patterns import DIVISION\n"
        "assert DIVISION is P.DIVISION\n"
        "assert set(P.__all__) <= set(dir(P))\n"
        "try:\n    P.NO_SUCH_PATTERN\nexcept AttributeError:\n    pass\nelse:\n    raise SystemExit(1)\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True)


def _backtracking(name: str) -> re.Pattern[str]:
    """ARTICLE or DIVISION as they were: the ordinal read with backtracking quantifiers, no label group."""
    old_spaced = r"[一二三四五六七八九十百千零〇○两](?:[ \u3000]?[一二三四五六七八九十百千零〇○两])*"
    source = P._SOURCES[name].replace(P._SPACED_NUM, old_spaced).replace("(?P<label>", "(?:")
    assert source != P._SOURCES[name]
    return re.compile(source, re.X)


_LABEL_CHARS = "第一二十百千零〇两条條章节節编編分之的规中、 \u3000\t。；x1（）"


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=_LABEL_CHARS, max_size=14), st.booleans())
def test_possessive_ordinals_match_what_backtracking_ones_matched(text: str, di: bool) -> None:
    text = "第" + text if di else text
    for name in ("ARTICLE", "DIVISION"):
        new, old = getattr(P, name).match(text), _backtracking(name).match(text)
        assert (new is None) == (old is None)
        if new is not None:
            assert new.span() == old.span()
            groups = new.groupdict()
            label = groups.pop("label")
            assert groups == old.groupdict()
            assert label == text[: new.start("sep")]
            assert parse_module._squeeze(label) == strip_whitespace(label)


def test_groups_are_read_in_order() -> None:
    """The parser unpacks ``match.groups()``: the group order it relies on."""
    assert list(P.ARTICLE.groupindex) == ["label", "num", "sub", "sep", "rest"]
    assert list(P.DIVISION.groupindex) == ["label", "num", "level", "sep", "heading"]
    assert list(P.ITEM.groupindex) == ["label", "num", "rest"]
    assert list(P.SUBITEM.groupindex) == ["label", "num", "rest"]
    assert P.ARTICLE.groups == 5 and P.DIVISION.groups == 5 and P.ITEM.groups == 3 and P.SUBITEM.groups == 3


# ---------------------------------------------------------------------------
# numerals


_SMALL = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_BIG = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}


def _reference_section(text: str, whole: str) -> int:
    total, digit, last_unit = 0, None, 10_000
    for ch in text:
        if ch in DIGITS:
            if digit is not None and digit != 0 and DIGITS[ch] != 0:
                raise ValueError(f"not a Chinese numeral: {whole!r}")
            digit = DIGITS[ch]
        elif ch in _SMALL:
            unit = _SMALL[ch]
            if unit >= last_unit:
                raise ValueError(f"not a Chinese numeral: {whole!r}")
            if digit is None:
                if unit != 10 or total:
                    raise ValueError(f"not a Chinese numeral: {whole!r}")
                digit = 1
            total += digit * unit
            last_unit = unit
            digit = None
        else:
            raise ValueError(f"not a Chinese numeral: {whole!r}")
    return total + digit if digit is not None else total


def _reference_cn_to_int(text: str) -> int:
    """cn_to_int as a plain loop over the characters."""
    if not text:
        raise ValueError("not a Chinese numeral: ''")
    if re.fullmatch(r"[0-9０-９]+", text):
        return int(text.translate(str.maketrans("０１２３４５６７８９", "0123456789")))
    if all(ch in DIGITS for ch in text):
        return DIGITS[text] if len(text) == 1 else int("".join(str(DIGITS[ch]) for ch in text))
    total, rest = 0, text
    for big, value in (("亿", 100_000_000), ("億", 100_000_000), ("万", 10_000), ("萬", 10_000)):
        if big in rest:
            head, _, rest = rest.partition(big)
            if not head or big in rest:
                raise ValueError(f"not a Chinese numeral: {text!r}")
            total += (_reference_cn_to_int(head) if any(c in _BIG for c in head)
                      else _reference_section(head, text)) * value
    if rest:
        total += _reference_section(rest, text)
    return total


def _outcome(function, text: str):
    try:
        return function(text)
    except ValueError as err:
        return str(err)


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="".join(DIGITS) + "十拾百佰千仟万萬亿億0129０９第a 两", max_size=9))
def test_cn_to_int_reads_what_the_character_loop_read(text: str) -> None:
    assert _outcome(cn_to_int, text) == _outcome(_reference_cn_to_int, text)


def test_cn_to_int_reads_every_canonical_numeral() -> None:
    for n in range(0, 20_001):
        assert cn_to_int(int_to_cn(n)) == n


# ---------------------------------------------------------------------------
# reading text


def _reference_split(text: str) -> list[str]:
    parts = re.split(r"\r\n|\r|\n", text)
    if parts and parts[-1] == "":
        parts.pop()
    return parts


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="甲a \r\n\u2028\x0c\x85\u3000", max_size=30))
def test_lines_are_split_as_the_regex_split_them(text: str) -> None:
    assert text_io._line_texts(text) == _reference_split(text)
    assert [(l.number, l.text) for l in text_io.split_lines(text)] == list(enumerate(_reference_split(text), 1))


_BINARY = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def _reference_decode(data: bytes) -> str:
    """decode as it was: detect the encoding, refuse binary data, then decode (a second time)."""
    encoding = text_io.detect_encoding(data)
    if not encoding.startswith("utf-16") and _BINARY.search(data):
        raise InputError("this is a binary file, not text (control bytes such as NUL found)", source="<bytes>")
    text = data.decode(encoding)
    if encoding.startswith("utf-16"):
        text = text.lstrip("\ufeff")
        if "\x00" in text:
            raise InputError("this is a binary file, not text (NUL characters found)", source="<bytes>")
    return text


def _decoded(function, data: bytes):
    try:
        return function(data)
    except (LawdiffError, UnicodeDecodeError) as err:
        return f"{type(err).__name__}: {err}"


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(["第一条", "甲", "\x00", "\x01", "\x1b", "\x0b", "\r\n", " ", "é", "\ufeff"]),
                max_size=12),
       st.sampled_from(["utf-8", "gb18030", "utf-16-le", "utf-16-be", "utf-8-sig"]))
def test_decoding_once_gives_what_decoding_twice_gave(pieces: list[str], encoding: str) -> None:
    try:
        data = "".join(pieces).encode(encoding)
    except UnicodeEncodeError:
        return
    if encoding == "utf-16-le":
        data = b"\xff\xfe" + data
    elif encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    assert _decoded(text_io.decode, data) == _decoded(_reference_decode, data)
    assert text_io._has_binary(data) == bool(_BINARY.search(data))


@settings(max_examples=500, deadline=None)
@given(st.binary(max_size=40))
def test_decoding_arbitrary_bytes(data: bytes) -> None:
    assert _decoded(text_io.decode, data) == _decoded(_reference_decode, data)
    assert text_io._has_binary(data) == bool(_BINARY.search(data))


def _variants(text: str) -> dict[str, str]:
    lines = text.split("\n")
    return {
        "lf": text,
        "crlf": text.replace("\n", "\r\n"),
        "cr": text.replace("\n", "\r"),
        "invisible": "\n".join(f"\u200b{line[:2]}\ufeff{line[2:]}\x00" if i % 3 == 0 else line
                               for i, line in enumerate(lines)),
        "indented": "\n".join(f"\u3000\u3000{line} \t" for line in lines),
        "separators": text.replace("。", "。\u2028", 3).replace("，", "，\x0c", 2),
    }


def _outcome_of(function):
    try:
        return repr(function())
    except LawdiffError as err:
        return f"{type(err).__name__}: {err}"


def _reference_read_bytes(data: bytes, name: str):
    """read_bytes of a text file as it was: SourceLine values from read_lines, then parse_lines."""
    if not data.strip(b" \t\r\n\x00") or not data.strip():
        raise InputError("the file is empty", source=name)
    lines = text_io.read_lines(data, source=name)
    if not any(line.text.strip() for line in lines):
        raise InputError("the file is empty (only whitespace)", source=name)
    return parse_module.parse_lines(lines, source=name)


@pytest.mark.parametrize("name", ["cn_legal_aid_law_2021.md", "cn_public_holidays_amendment_decision_2013.md",
                                  "chongqing_jialing_river_decision_2021.md", "cn_legislation_law_2023.md"])
def test_parse_and_read_bytes_give_what_parse_lines_gives(corpora, name: str) -> None:
    text = (corpora / name).read_text(encoding="utf-8")
    for kind, variant in _variants(text).items():
        expected = _outcome_of(lambda: parse_module.parse_lines(text_io.split_lines(variant), source="x.md"))
        assert _outcome_of(lambda: lawdiff.parse(variant, source="x.md")) == expected, kind
        for data in (variant.encode("utf-8"), variant.encode("gb18030"), b"\xff\xfe" + variant.encode("utf-16-le")):
            assert (_outcome_of(lambda: lawdiff.read_bytes(data, name="x.md"))
                    == _outcome_of(lambda: _reference_read_bytes(data, "x.md"))), kind


@pytest.mark.parametrize("text", ["", " ", "\u3000\r\n\t\n", "\n\n", "\x0c\x85", "\x0c\x1c", "甲", " 甲 \n",
                                  "\u2028\u3000", "\x00 \n"])
def test_blank_files_are_refused_as_before(text: str) -> None:
    for data in (text.encode("utf-8"), b"\xff\xfe" + text.encode("utf-16-le")):
        assert (_outcome_of(lambda: lawdiff.read_bytes(data, name="x.txt"))
                == _outcome_of(lambda: _reference_read_bytes(data, "x.txt")))


def test_parse_lines_keeps_gaps_in_line_numbers() -> None:
    text = "某某条例\n第一章　总则\n第一条　甲：\n（一）乙；\n1.丙\n第二条　丁。\n— 3 —\n第三条"
    lines = [SourceLine(t, 10 * i + 3) for i, t in enumerate(text.split("\n"))]
    doc = parse_module.parse_lines(lines)
    spans = [(u.span.start, u.span.end) for u in doc.units()]
    assert spans == [(23, 43), (53, 53), (73, 73)]
    assert [n.line for n in doc.notices if "furniture" in n.message] == [63]


# ---------------------------------------------------------------------------
# SourceLine and the model


def test_source_line_is_a_frozen_value() -> None:
    line = SourceLine("第一条　甲。", 3, "center", "第一条")
    same = SourceLine("第一条　甲。", 3, "center", "第一条")
    assert line == same and hash(line) == hash(same)
    assert line != SourceLine("第一条　甲。", 4, "center", "第一条") and line != ("第一条　甲。", 3, "center", "第一条")
    assert repr(SourceLine("甲", 1)) == "SourceLine(text='甲', number=1, align=None, numbering=None)"
    assert pickle.loads(pickle.dumps(line)) == line == copy.copy(line) == copy.deepcopy(line)
    with pytest.raises(dataclasses.FrozenInstanceError):
        line.text = "乙"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del line.number
    match line:
        case SourceLine(text, number, align):
            assert (text, number, align) == ("第一条　甲。", 3, "center")


def test_model_fields_are_in_the_order_the_parser_passes_them() -> None:
    names = lambda cls: [f.name for f in dataclasses.fields(cls)]  # noqa: E731
    assert names(Span) == ["start", "end"]
    assert names(Item) == ["number", "label", "text", "subitems", "span", "eid"]
    assert names(Clause) == ["index", "text", "items", "span", "eid"]
    assert names(Article) == ["number", "label", "clauses", "suffix", "heading", "heading_raw", "kind", "span",
                              "eid", "path"]
    assert names(Division) == ["level", "number", "label", "heading", "children", "span", "eid"]


def test_repeated_numbers_still_get_unique_eids() -> None:
    doc = lawdiff.parse("某法\n第一章　甲\n第一条　甲：\n（一）乙；\n（一）丙。\n第一条　丁。\n戊。\n"
                        "第一章　乙\n第一条　己。")
    eids = [u.eid for u in doc.units()]
    assert eids == ["chp_1__art_1", "chp_1__art_1_dup2", "chp_1_dup2__art_1"]
    first, second, third = doc.units()
    assert [i.eid for i in first.clauses[0].items] == ["chp_1__art_1__para_1__point_1",
                                                        "chp_1__art_1__para_1__point_1_dup2"]
    assert [c.eid for c in second.clauses] == ["chp_1__art_1_dup2__para_1", "chp_1__art_1_dup2__para_2"]
    assert third.clauses[0].eid == "chp_1_dup2__art_1__para_1"
    all_eids = [c.eid for u in doc.units() for c in u.clauses] + eids
    assert len(all_eids) == len(set(all_eids))


def test_an_article_of_one_paragraph_spans_what_the_paragraph_spans() -> None:
    doc = lawdiff.parse("某法\n第一条　甲。\n第二条　乙：\n（一）丙；\n第三条\n丁。\n戊。")
    first, second, third = doc.units()
    assert first.span == first.clauses[0].span == Span(2, 2)
    assert second.span == second.clauses[0].span == Span(3, 4)
    assert third.span == Span(5, 7) and [c.span for c in third.clauses] == [Span(6, 6), Span(7, 7)]
