"""Normalisation for comparison, with an offset map back to the source.

Two drafts of the same law often differ only in layout: U+3000 versus ASCII
spaces, ``(一)`` versus ``（一）``, ``"`` versus ``“”``, ``<>`` versus ``〈〉``
inside ``《》``, full-width digits, ``二○○三年`` written with U+25CB. lawdiff
compares a *shadow copy* in which these are made uniform, and reports them as
format-only differences rather than changes of text.

The contract:

* :func:`normalize` returns a :class:`Normalized` value: ``text`` is the
  shadow copy and ``offsets[i]`` is the index in the source of the character
  ``text[i]`` (``offsets[len(text)] == len(source)``), so a position found in
  the shadow copy maps back with :meth:`Normalized.to_source`. Every output
  character comes from exactly one source character (replacements are one to
  one); removed characters (zero-width characters, BOM, surplus whitespace)
  have no output character. Offsets increase strictly.
* The rules, in this order:

  1. zero-width characters (U+200B–U+200D, U+2060, U+FEFF/BOM) are removed;
  2. CR LF and CR become ``\\n``; other whitespace (U+3000, U+00A0, tabs, any
     Unicode space) becomes one ASCII space per run; spaces at the start and
     end of each line are removed;
  3. full-width digits and Latin letters become ASCII (NFKC, digits and Latin
     only), and ``．`` after a digit becomes ``.`` (``1．`` -> ``1.``);
  4. ASCII ``( ) : ; , ? !`` become full width when the nearest non-space
     character before or after is CJK (``(一)`` -> ``（一）``, ``1,000`` stays);
  5. ``"`` alternates ``“``/``”`` within a line; ``「`` -> ``“``, ``」`` -> ``”``;
  6. ``<`` ``>`` ``＜`` ``＞`` (and U+2329/U+232A) inside ``《…》`` become ``〈`` ``〉``;
  7. ``○`` ``◯`` ``O`` ``0`` ``零`` among Chinese digits before ``年``
     (``二○○三年``) become ``〇``.

* :func:`compare_key` is ``normalize(strip_whitespace(text)).text``: the
  text with every whitespace character removed, then normalised (so line
  breaks do not decide the CJK context of rule 4). It is idempotent; it is the
  string the aligners hash for the exact pass.
* :func:`format_differences` lists, in order of first appearance, the
  format-only differences between two texts (``"（ vs ("``, ``"whitespace"``).

>>> n = normalize("第一条\\u3000为了(一)；")
>>> n.text
'第一条 为了（一）；'
>>> n.to_source(6), n.offsets[-1]
(6, 10)
>>> compare_key("第一条　为了(一)") == compare_key("第一条 为了（一）")
True
>>> compare_key("《关于修改<中华人民共和国立法法>的决定》")
'《关于修改〈中华人民共和国立法法〉的决定》'
>>> format_differences("（一）本法所称", "(一) 本法所称")
('（ vs (', '） vs )', 'whitespace')
"""
from __future__ import annotations

import functools
import re
from typing import Any, Iterable

from .model import frozen_dataclass

__all__ = ["Normalized", "normalize", "compare_key", "format_differences", "split_format_only", "strip_whitespace",
           "is_cjk", "ZERO_WIDTH"]

#: Characters removed outright.
ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")

_HALF_TO_FULL = {"(": "（", ")": "）", ":": "：", ";": "；", ",": "，", "?": "？", "!": "！"}
_ANGLE_OPEN = frozenset("<＜\u2329〈")
_ANGLE_CLOSE = frozenset(">＞\u232a〉")
_ZERO_VARIANTS = frozenset("○◯OＯ0０零〇")
_CN_DIGITS = frozenset("一二三四五六七八九〇")
_DATE_ZERO = r"[一二三四五六七八九〇○◯OＯ0０零]{2,4}(?=年)"  # compiled on first use: most texts never need it


def is_cjk(ch: str) -> bool:
    """True for CJK ideographs, CJK punctuation and full-width forms.

    >>> is_cjk("法"), is_cjk("（"), is_cjk("a"), is_cjk("1")
    (True, True, False, False)
    """
    o = ord(ch)
    return (
        0x3400 <= o <= 0x9FFF
        or 0xF900 <= o <= 0xFAFF
        or 0x3000 < o <= 0x303F
        or 0xFF01 <= o <= 0xFF0F
        or 0xFF1A <= o <= 0xFF20
        or 0xFF3B <= o <= 0xFF40
        or 0xFF5B <= o <= 0xFF65
        or 0x2018 <= o <= 0x201F
        or 0x20000 <= o <= 0x2FFFF
    )


def _is_space(ch: str) -> bool:
    return ch.isspace() and ch not in "\n\r"


@frozen_dataclass
class Normalized:
    """A normalised shadow copy and its map back to the source.

    ``offsets`` has ``len(text) + 1`` entries; the last is ``len(source)``.
    """

    source: str
    text: str
    offsets: tuple[int, ...]

    def to_source(self, i: int) -> int:
        """Index in ``source`` of ``text[i]`` (``i == len(text)`` gives ``len(source)``)."""
        return self.offsets[i]

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Source slice ``(s, e)`` covering ``text[start:end]``.

        >>> n = normalize("甲\\u3000\\u3000乙")
        >>> n.text, n.source_span(1, 3), n.source[slice(*n.source_span(2, 3))]
        ('甲 乙', (1, 4), '乙')
        """
        if start >= end:
            s = self.offsets[start]
            return s, s
        return self.offsets[start], self.offsets[end - 1] + 1


def _map_char(ch: str, prev: str) -> str:
    """Width rule for one character (rule 3), given the previous source character."""
    o = ord(ch)
    if 0xFF10 <= o <= 0xFF19 or 0xFF21 <= o <= 0xFF3A or 0xFF41 <= o <= 0xFF5A:
        import unicodedata  # here, not at the top: rarely needed

        return unicodedata.normalize("NFKC", ch)
    if ch == "．" and (prev.isdigit()):
        return "."
    return ch


def normalize(text: str) -> Normalized:
    """Normalise ``text`` for comparison; see the module docstring for the rules.

    >>> normalize("  甲\\t乙 \\r\\n１９９５年 二○○三年「丙」\\ufeff").text
    '甲 乙\\n1995年 二〇〇三年“丙”'
    """
    chars: list[str] = []
    offs: list[int] = []
    n = len(text)
    i = 0
    prev_src = ""
    while i < n:
        ch = text[i]
        if ch in ZERO_WIDTH:
            i += 1
            continue
        if ch == "\r":
            # CR LF or lone CR -> \n
            while chars and chars[-1] == " ":
                chars.pop()
                offs.pop()
            chars.append("\n")
            offs.append(i)
            i += 2 if i + 1 < n and text[i + 1] == "\n" else 1
            prev_src = "\n"
            continue
        if ch == "\n":
            while chars and chars[-1] == " ":
                chars.pop()
                offs.pop()
            chars.append("\n")
            offs.append(i)
            i += 1
            prev_src = "\n"
            continue
        if _is_space(ch):
            start = i
            while i < n and (_is_space(text[i]) or text[i] in ZERO_WIDTH):
                i += 1
            if chars and chars[-1] != "\n":
                chars.append(" ")
                offs.append(start)
            prev_src = " "
            continue
        chars.append(_map_char(ch, prev_src))
        offs.append(i)
        prev_src = ch
        i += 1
    while chars and chars[-1] == " ":
        chars.pop()
        offs.pop()
    _punctuation(chars)
    _date_zeros(chars)
    offs.append(n)
    return Normalized(text, "".join(chars), tuple(offs))


def _punctuation(chars: list[str]) -> None:
    """Rules 4–6 in place (one to one, so offsets are unchanged).

    Quotes and title marks are done first, so that ``("`` sees the ``“``.
    """
    quote_open = True
    title_depth = 0
    for i, ch in enumerate(chars):
        if ch == "\n":
            quote_open = True
            title_depth = 0
        elif ch == '"':
            chars[i] = "“" if quote_open else "”"
            quote_open = not quote_open
        elif ch == "「":
            chars[i] = "“"
        elif ch == "」":
            chars[i] = "”"
        elif ch == "《":
            title_depth += 1
        elif ch == "》":
            title_depth = max(0, title_depth - 1)
        elif title_depth and ch in _ANGLE_OPEN:
            chars[i] = "〈"
        elif title_depth and ch in _ANGLE_CLOSE:
            chars[i] = "〉"
        elif ch in "\u2329\u232a":
            chars[i] = "〈" if ch == "\u2329" else "〉"
    n = len(chars)
    for i, ch in enumerate(chars):
        if ch in _HALF_TO_FULL and _cjk_neighbour(chars, i, n):
            chars[i] = _HALF_TO_FULL[ch]


def _cjk_neighbour(chars: list[str], i: int, n: int) -> bool:
    """Is the nearest character before or after ``i`` CJK?

    Spaces and other convertible ASCII punctuation are skipped, so a run such
    as ``):`` converts as a whole (which keeps :func:`normalize` idempotent).
    """
    j = i - 1
    while j >= 0 and (chars[j] == " " or chars[j] in _HALF_TO_FULL):
        j -= 1
    if j >= 0 and chars[j] != "\n" and is_cjk(chars[j]):
        return True
    j = i + 1
    while j < n and (chars[j] == " " or chars[j] in _HALF_TO_FULL):
        j += 1
    return j < n and chars[j] != "\n" and is_cjk(chars[j])


@functools.cache
def _date_zero_regex() -> re.Pattern[str]:
    return re.compile(_DATE_ZERO)


def _date_zeros(chars: list[str]) -> None:
    """Rule 7 in place."""
    joined = "".join(chars)
    if "年" not in joined:
        return
    for m in _date_zero_regex().finditer(joined):
        run = m.group()
        if not any(c in _CN_DIGITS for c in run) or all(c in _ZERO_VARIANTS for c in run):
            continue
        if any(c.isdigit() and c.isascii() and c != "0" for c in run):
            continue
        for k in range(m.start(), m.end()):
            if chars[k] in _ZERO_VARIANTS:
                chars[k] = "〇"


_WS = re.compile(r"\s+")
# whitespace (``\s`` is exactly ``str.isspace``) and the zero-width characters
_WS_OR_ZERO_WIDTH = re.compile(r"[\s" + "".join(sorted(ZERO_WIDTH)) + "]+")


def strip_whitespace(text: str) -> str:
    """Remove every whitespace and zero-width character (used for headings).

    >>> strip_whitespace("总\\u3000\\u3000则 ")
    '总则'
    """
    return _WS_OR_ZERO_WIDTH.sub("", text)


def compare_key(text: str) -> str:
    """The exact-match key: remove all whitespace, then :func:`normalize`.

    >>> compare_key("（一）春节，放假3天") == compare_key("(一)春节,放假３天")
    True
    """
    return normalize(strip_whitespace(text)).text


def _visible(text: str) -> tuple[str, str]:
    """(raw non-space characters, their normalised forms), aligned one to one."""
    norm = normalize(text)
    raw: list[str] = []
    out: list[str] = []
    for ch, off in zip(norm.text, norm.offsets):
        if ch.isspace():
            continue
        raw.append(text[off])
        out.append(ch)
    return "".join(raw), "".join(out)


def _space_shape(text: str) -> str:
    """Where whitespace sits and which characters it uses (zero-width ignored)."""
    return "".join(ch if ch.isspace() else "x" for ch in text if ch not in ZERO_WIDTH).strip()


def format_differences(a: str, b: str) -> tuple[str, ...]:
    """Format-only differences between ``a`` and ``b``, as short notes.

    A note ``"x vs y"`` means a character ``x`` of ``a`` sits where ``b`` has
    ``y`` and both normalise to the same character (``（ vs (``, ``“ vs "``,
    ``１ vs 1``, ``〇 vs ○``). ``"whitespace"`` means the texts differ in
    whitespace (kind, amount or place, line breaks included); ``"zero-width
    characters"`` that one side has zero-width characters or a BOM. Notes are
    listed once each, in order of first appearance. When the texts also differ
    in substance (``compare_key(a) != compare_key(b)``), only the parts that
    match after normalisation are examined. Identical texts give ``()``.

    >>> format_differences("第一条　为了", "第一条 为了")
    ('whitespace',)
    >>> format_differences("二○○三年", "二〇〇三年")
    ('○ vs 〇',)
    >>> format_differences("甲", "甲")
    ()
    """
    if a == b:
        return ()
    notes: list[str] = []
    raw_a, key_a = _visible(a)
    raw_b, key_b = _visible(b)
    if key_a == key_b:
        blocks = [(0, 0, len(key_a))]
    else:
        import difflib  # here, not at the top: 1 ms of import that few runs need

        blocks = difflib.SequenceMatcher(None, key_a, key_b, autojunk=False).get_matching_blocks()
    for i, j, size in blocks:
        for k in range(size):
            x, y = raw_a[i + k], raw_b[j + k]
            if x != y:
                note = f"{x} vs {y}"
                if note not in notes:
                    notes.append(note)
    if any(ch in ZERO_WIDTH for ch in a) != any(ch in ZERO_WIDTH for ch in b):
        notes.append("zero-width characters")
    if key_a == key_b and _space_shape(a) != _space_shape(b):
        notes.append("whitespace")
    return tuple(notes)


class _Shadow:
    """The normalised form of a text, sliced by source positions (whitespace dropped)."""

    def __init__(self, text: str) -> None:
        self.norm = normalize(text)
        self.starts = self.norm.offsets[:-1]

    def piece(self, start: int, end: int) -> str:
        """What ``source[start:end]`` normalises to, in the context of the whole text, without whitespace."""
        from bisect import bisect_left

        k0 = bisect_left(self.starts, start)
        k1 = bisect_left(self.starts, end, k0)
        return _WS.sub("", self.norm.text[k0:k1])


def split_format_only(ops: Iterable[Any]) -> list[tuple[str, str, str]]:
    """Ops as ``(tag, old, new)`` with the format-only part of every replacement tagged ``"format"``.

    ``ops`` are :class:`~lawdiff.model.Op` values (or anything with ``tag``,
    ``old``, ``new``) that rebuild two texts. A replacement (an op with both
    ``old`` and ``new``) is format-only where its characters are equal once
    normalised in the context of the whole texts (``(`` next to Chinese text
    vs ``（``, ``３`` vs ``3``, U+3000 vs a space): the leading and trailing
    characters that match one to one that way are split off as ``"format"``,
    and the rest is ``"format"`` too when it normalises equal (whitespace
    ignored); otherwise it keeps the op's tag, or becomes ``"delete"`` /
    ``"insert"`` when one side is left empty. The pieces still rebuild both
    texts, in order. Renderers use this to show format-only changes quietly.

    >>> from lawdiff.model import Op
    >>> ops = [Op("equal", "国庆节", "国庆节"), Op("replace", "(", "（"), Op("equal", "10月1日", "10月1日"),
    ...        Op("replace", ")新年", "）元旦")]
    >>> split_format_only(ops)
    [('equal', '国庆节', '国庆节'), ('format', '(', '（'), ('equal', '10月1日', '10月1日'), \
('format', ')', '）'), ('replace', '新年', '元旦')]
    """
    ops = list(ops)
    out = [(op.tag, op.old, op.new) for op in ops]
    if not any(op.tag != "equal" and op.old and op.new for op in ops):
        return out
    old = _Shadow("".join(op.old for op in ops))
    new = _Shadow("".join(op.new for op in ops))
    result: list[tuple[str, str, str]] = []
    i = j = 0
    for tag, a, b in out:
        if tag != "equal" and a and b:
            result.extend(_split_replacement(old, new, i, j, tag, a, b))
        else:
            result.append((tag, a, b))
        i += len(a)
        j += len(b)
    return result


def _split_replacement(old: _Shadow, new: _Shadow, i: int, j: int, tag: str, a: str, b: str) -> list[tuple[str, str, str]]:
    """``a`` (at ``i`` in the old text) replaced by ``b`` (at ``j`` in the new text), split as in :func:`split_format_only`."""
    if old.piece(i, i + len(a)) == new.piece(j, j + len(b)):
        return [("format", a, b)]
    shortest = min(len(a), len(b))
    head = 0
    while head < shortest and old.piece(i + head, i + head + 1) == new.piece(j + head, j + head + 1):
        head += 1
    tail = 0
    while (tail < shortest - head
           and old.piece(i + len(a) - tail - 1, i + len(a) - tail) == new.piece(j + len(b) - tail - 1, j + len(b) - tail)):
        tail += 1
    mid_a, mid_b = a[head : len(a) - tail], b[head : len(b) - tail]
    middle_tag = tag if mid_a and mid_b else ("delete" if mid_a else "insert")
    if old.piece(i + head, i + len(a) - tail) == new.piece(j + head, j + len(b) - tail):
        middle_tag = "format"
    parts = [("format", a[:head], b[:head]), (middle_tag, mid_a, mid_b), ("format", a[len(a) - tail :], b[len(b) - tail :])]
    return [p for p in parts if p[1] or p[2]]
