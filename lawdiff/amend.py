"""Generate an amendment decision (修改决定) or a 修正案 from two versions of a text.

``amend(old, new)`` compares the two documents (:func:`lawdiff.compare`) and
writes one numbered item per amended old article, in old order, in the
standard phrasing of conventions §6::

    将第A条修改为：“…”                        whole article (many changes)
    将第A条第K款中的“x”修改为“y”，“p”修改为“q”   word level (few changes)
    删去第A条。 / 删去第A条第K款。
    增加一条，作为第N条：“…”
    第A条增加一款，作为第K款：“…”
    将第A条改为第B条，修改为：“…”
    将第A条、第B条合并，作为第N条，修改为：“…”

Locators use old numbers, ``作为``/``改为`` new ones; the tail
``此外，对条文顺序作相应调整。`` follows when numbering shifts. Word-level or
whole wording is chosen by how much of a 款 (and of the article) changed:
``threshold`` (share of changed characters) and ``max_edits`` (quoted pairs
per 款). Quoted old words are widened until they occur once in their unit.

``style="amendment"`` writes a 修正案 instead (刑法 style): nothing is
renumbered, new articles are ``第A条之一``, deleted ones keep their slot.

The output is meant to be read back by :func:`lawdiff.apply`; the round trip
``apply(old, amend(old, new))`` gives ``new``'s articles (see
tests/test_amend_roundtrip.py for the measured rate over the bulk corpus).
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConfigError, LawdiffError
from .instructions import NO_CHANGE
from .model import Article, Clause, Comparison, Document, Pair, Relation
from .numerals import article_label, decision_label, int_to_cn

__all__ = ["amend", "amend_comparison"]

_STYLES = ("decision", "amendment")


@dataclass
class _Entry:
    """The phrases for one old article (or one added article), with its sort key."""

    key: tuple[float, ...]
    lines: list[str] = field(default_factory=list)


def _cn(n: int) -> str:
    return int_to_cn(n)


def _clause_label(k: int) -> str:
    return f"第{_cn(k)}款"


def _quote(paragraphs: list[str]) -> str:
    """“p1\\n“p2\\n“p3” — every paragraph opens with “, only the last closes."""
    return "\n".join("“" + p for p in paragraphs) + "”"


def _balanced(text: str) -> bool:
    depth = 0
    for ch in text:
        if ch == "“":
            depth += 1
        elif ch == "”":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def _paras_ok(paragraphs: list[str]) -> bool:
    return all(_balanced(p) for p in paragraphs)


def _clause_paras(clause: Clause) -> list[str]:
    return list(clause.paragraphs())


# ---------------------------------------------------------------------------
# word-level edits


def _edits(old: str, new: str, *, join: int = 3) -> list[tuple[int, int, str]]:
    """Spans of ``old`` to replace, as (start, end, replacement), left to right."""
    sm = difflib.SequenceMatcher(None, old, new, autojunk=False)
    raw = [(i1, i2, new[j1:j2]) for tag, i1, i2, j1, j2 in sm.get_opcodes() if tag != "equal"]
    merged: list[tuple[int, int, str]] = []
    for s, e, rep in raw:
        if merged and s - merged[-1][1] <= join:
            ps, pe, prep = merged[-1]
            merged[-1] = (ps, e, prep + old[pe:s] + rep)
        else:
            merged.append((s, e, rep))
    return merged


_NUMERAL = set("零〇一二两三四五六七八九十百千万亿0123456789")
_STOP = set("，。；：、！？（）《》“”\n")


#: Words a quote should not cut (国务院, not 务院): frequent multi-character terms of legislative texts.
_WORDS = (
    "中华人民共和国", "全国人民代表大会", "人民代表大会", "常务委员会", "人民政府", "国务院", "委员会",
    "主管部门", "行政部门", "有关部门", "人民法院", "人民检察院", "监察机关", "监察委员会", "中央军事委员会",
    "国家监察委员会", "军事委员会",
    "县级以上", "地方各级", "法律、行政法规", "行政法规", "地方性法规", "规定", "管理", "组织", "应当",
)


def _snap(text: str, left: int, right: int, line_start: int, line_end: int) -> tuple[int, int]:
    """Move ``left``/``right`` out of the middle of a word in :data:`_WORDS`, within the line."""
    changed = True
    while changed:
        changed = False
        for w in _WORDS:
            for pos in (left, right):
                lo = max(line_start, pos - len(w) + 1)
                k = text.find(w, lo, min(line_end, pos + len(w) - 1))
                while k >= 0 and k < pos < k + len(w):
                    if pos == left and k < left:
                        left, changed = k, True
                    elif pos == right and k + len(w) > right:
                        right, changed = k + len(w), True
                    break
    return left, right


def _unique(text: str, x: str) -> bool:
    return bool(x) and text.count(x) == 1 and _balanced(x)


def _widen(text: str, s: int, e: int, rep: str, min_len: int = 4) -> tuple[str, str] | None:
    """Widen ``text[s:e]`` (and ``rep``) until it occurs once in ``text``; None if impossible.

    The quoted words are widened to at least ``min_len`` characters where the
    paragraph allows it, and never cut a number (``第十三条``, not ``三条``).
    """
    line_start = text.rfind("\n", 0, s) + 1
    line_end = text.find("\n", e)
    if line_end < 0:
        line_end = len(text)
    if "\n" in text[s:e] or "\n" in rep:
        return None
    left, right = s, e
    turn = 0
    while True:
        while left > line_start and left < right and text[left - 1] in _NUMERAL and text[left] in _NUMERAL:
            left -= 1
        while right < line_end and right > left and text[right - 1] in _NUMERAL and text[right] in _NUMERAL:
            right += 1
        x = text[left:right]
        y = text[left:s] + rep + text[e:right]
        can_left, can_right = left > line_start, right < line_end
        if _unique(text, x) and _balanced(y) and (len(x) >= min_len or not (can_left or can_right)):
            if left > line_start and text[left - 1] == "第" and x[0] in _NUMERAL:
                left -= 1  # 第十三条, not 十三条
            for _ in range(2 if right - left < 6 else 0):  # start the word: 或者出口, not 者出口
                if left > line_start and text[left - 1] not in _STOP and text[left] not in _STOP:
                    left -= 1
            for _ in range(2):  # finish the word: 组织, not 组
                if right < line_end and text[right] not in _STOP and text[right - 1] not in _STOP:
                    right += 1
            left, right = _snap(text, min(left, s), max(right, e), line_start, line_end)
            return text[left:right], text[left:s] + rep + text[e:right]
        if not can_left and not can_right:
            return None
        # widen to the right first (reads naturally: “…的规定”), alternating
        if (turn % 2 == 0 and can_right) or not can_left:
            right += 1
        else:
            left -= 1
        turn += 1


def _extend_everywhere(text: str, x: str, y: str) -> tuple[str, str]:
    """Finish the word on both sides when every occurrence of ``x`` has the same neighbours (星期六、星期 -> …星期日)."""
    if not x:
        return x, y
    starts = [m for m in range(len(text)) if text.startswith(x, m)]
    for _ in range(2):
        ends = [m + len(x) for m in starts]
        nxt = {text[e] if e < len(text) else "" for e in ends}
        if len(nxt) == 1 and (c := nxt.pop()) and c not in _STOP:
            x, y = x + c, y + c
    for _ in range(2):
        prv = {text[m - 1] if m > 0 else "" for m in starts}
        if len(prv) == 1 and (c := prv.pop()) and c not in _STOP:
            x, y, starts = c + x, c + y, [m - 1 for m in starts]
    if starts:  # 国务院科学技术主管, not 务院科学技术主管: widen alike at every occurrence
        left, right = _snap(text, starts[0], starts[0] + len(x), 0, len(text))
        pre, post = text[left : starts[0]], text[starts[0] + len(x) : right]
        if all(text[m - len(pre) : m] == pre and text[m + len(x) : m + len(x) + len(post)] == post for m in starts):
            x, y = pre + x + post, pre + y + post
    return x, y


def _cuts_number(text: str, x: str) -> bool:
    """True when some occurrence of ``x`` starts or ends inside a number (三 in 十三)."""
    start = text.find(x)
    while start >= 0:
        end = start + len(x)
        if (start > 0 and text[start - 1] in _NUMERAL and x[0] in _NUMERAL) or (
            end < len(text) and text[end] in _NUMERAL and x[-1] in _NUMERAL
        ):
            return True
        start = text.find(x, start + 1)
    return False


def _anchor(text: str, pos: int, *, before: bool, min_len: int = 4) -> str | None:
    """A unique stretch of ``text`` ending (or, with ``before``, starting) at ``pos``, within the line."""
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    if line_end < 0:
        line_end = len(text)
    if before:
        for right in range(pos + 1, line_end + 1):
            x = text[pos:right]
            if len(x) >= min(min_len, line_end - pos) and _unique(text, x) and (
                right == line_end or not (text[right - 1] in _NUMERAL and text[right] in _NUMERAL)
            ):
                return x
        return None
    for left in range(pos - 1, line_start - 1, -1):
        x = text[left:pos]
        if len(x) >= min(min_len, pos - line_start) and _unique(text, x) and (
            left == line_start or not (text[left - 1] in _NUMERAL and text[left] in _NUMERAL)
        ):
            for _ in range(2):  # start at a word: 依法竞争，, not 法竞争，
                if left > line_start and text[left - 1] not in _STOP and text[left] not in _STOP:
                    left -= 1
            left, _ = _snap(text, left, pos, line_start, line_end)
            return text[left:pos]
    return None


def _word_phrases(old: str, new: str, max_edits: int) -> list[tuple[str, str, str]] | None:
    """Word-level operations turning ``old`` into ``new`` when applied in order; None when unsuitable.

    Each is ``("replace", x, y)``, ``("delete", x, "")``, ``("after", x, y)``
    (insert ``y`` after ``x``) or ``("before", x, y)``.
    """
    ops: list[tuple[str, str, str]] = []
    current = old
    # the same change everywhere in the unit: one quote, all occurrences (将…中的“星期六”修改为“周六”)
    edits = _edits(old, new)
    same: dict[tuple[str, str], int] = {}
    for s, e, rep in edits:
        same[(old[s:e], rep)] = same.get((old[s:e], rep), 0) + 1
    for (x, y), count in list(same.items()):
        x, y = _extend_everywhere(current, x, y)
        if count > 1 and len(x) >= 2 and "\n" not in x + y and current.count(x) == count and _balanced(x) \
                and _balanced(y) and not _cuts_number(current, x):
            current = current.replace(x, y)
            ops.append(("replace", x, y))
    edits = _edits(current, new)
    if len(edits) + len(ops) > max_edits or not (edits or ops):
        return None
    shift = 0
    for s, e, rep in edits:
        s2, e2 = s + shift, e + shift
        op: tuple[str, str, str] | None = None
        if "\n" in rep or "\n" in current[s2:e2]:
            return None
        if s2 == e2 and rep and rep[0] not in _STOP:  # slide an insertion to start at punctuation
            k = 0
            while s2 + k < len(current) and k < len(rep) and current[s2 + k] == rep[k]:
                k += 1
                if rep[k % len(rep)] in _STOP:
                    s2, e2 = s2 + k, e2 + k
                    rep = rep[k:] + rep[:k]
                    break
        if s2 == e2 and _balanced(rep):  # pure insertion
            x = _anchor(current, s2, before=False)
            if x is not None:
                op = ("after", x, rep)
                current = current[:s2] + rep + current[s2:]
            else:
                x = _anchor(current, e2, before=True)
                if x is not None:
                    op = ("before", x, rep)
                    current = current[:s2] + rep + current[s2:]
        elif not rep and len(current[s2:e2]) >= 2 and _unique(current, current[s2:e2]):
            op = ("delete", current[s2:e2], "")
            current = current[:s2] + current[e2:]
        if op is None:
            got = _widen(current, s2, e2, rep)
            if got is None:
                return None
            x, y = got
            pos = current.find(x)
            current = current[:pos] + y + current[pos + len(x):]
            op = ("replace", x, y)
        shift += len(rep) - (e - s)
        ops.append(op)
    if current != new:
        return None
    return ops


def _words_phrase(locator: str, pairs: list[tuple[str, str]]) -> str:
    if len(pairs) == 1 and pairs[0][1] == "":
        return f"删去{locator}中的“{pairs[0][0]}”"
    body = "，".join(f"“{x}”修改为“{y}”" for x, y in pairs)
    return f"{locator}中的{body}"


# ---------------------------------------------------------------------------
# one modified article


def _align_clauses(old: tuple[Clause, ...], new: tuple[Clause, ...]) -> list[tuple[int | None, int | None]]:
    """Pairs of clause indexes (0-based), deletions (i, None), additions (None, j), in order."""
    a = ["\n".join(c.paragraphs()) for c in old]
    b = ["\n".join(c.paragraphs()) for c in new]
    out: list[tuple[int | None, int | None]] = []
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            out.extend(zip(range(i1, i2), range(j1, j2)))
            continue
        olds, news = list(range(i1, i2)), list(range(j1, j2))
        # pair by similarity, in order (a small monotone match)
        while olds and news:
            best = max(
                ((difflib.SequenceMatcher(None, a[i], b[j], autojunk=False).quick_ratio(), i, j)
                 for i in olds[:4] for j in news[:4]),
                default=None,
            )
            assert best is not None
            ratio, i, j = best
            if ratio < 0.5:
                break
            for ii in [x for x in olds if x < i]:
                out.append((ii, None))
            for jj in [x for x in news if x < j]:
                out.append((None, jj))
            out.append((i, j))
            olds = [x for x in olds if x > i]
            news = [x for x in news if x > j]
        out.extend((i, None) for i in olds)
        out.extend((None, j) for j in news)
    return out


def _end(text: str) -> str:
    """Close a phrase: quoted wording that ends a sentence (。”) takes no further 。."""
    if text.endswith("”") and len(text) > 1 and text[-2] in "。；！？" and text.rfind("：“") > text.rfind("修改为“"):
        return text
    return text + "。"


def _changed_share(old: str, new: str) -> float:
    if not old:
        return 1.0
    sm = difflib.SequenceMatcher(None, old, new, autojunk=False)
    same = sum(size for _, _, size in sm.get_matching_blocks())
    return 1.0 - same / max(len(old), len(new))


def _modified_lines(
    old: Article, new: Article, head: str, *, threshold: float, max_edits: int, detail: str
) -> list[str]:
    """Phrases turning ``old`` into ``new``; ``head`` is ``将第A条`` or ``将第A条改为第B条，``."""
    renumber = head.endswith("，")
    whole_paras = list(new.paragraphs())
    whole = _end(f"{head}修改为：{_quote(whole_paras)}")
    if detail == "article" or not _paras_ok(whole_paras):
        return [whole]
    if detail == "auto" and _changed_share(old.text, new.text) > threshold:
        return [whole]
    pairs = _align_clauses(old.clauses, new.clauses)
    single = len(old.clauses) == 1 and len(new.clauses) == 1
    article = head[1:] if not renumber else ""  # 第A条 when the first phrase must name it
    phrases: list[tuple[str, str, object]] = []  # (kind, clause locator, data)
    for i, j in pairs:
        if i is not None and j is not None:
            oc, nc = old.clauses[i], new.clauses[j]
            o, n = "\n".join(oc.paragraphs()), "\n".join(nc.paragraphs())
            if o == n:
                continue
            loc = "" if single else _clause_label(i + 1)
            words = None
            if detail == "words" or _changed_share(o, n) <= threshold:
                words = _word_phrases(o, n, max_edits if detail == "auto" else 10_000)
            if words is not None:
                phrases.append(("words", loc, words))
            else:
                paras = _clause_paras(nc)
                if single or not _paras_ok(paras):
                    return [whole]
                phrases.append(("replace", loc, paras))
        elif i is not None:
            if len(old.clauses) == 1:
                return [whole]
            phrases.append(("delete", _clause_label(i + 1), None))
        else:
            assert j is not None
            paras = _clause_paras(new.clauses[j])
            if not _paras_ok(paras):
                return [whole]
            phrases.append(("add", _clause_label(j + 1), paras))
    if not phrases:  # only the label/heading differs: restate the article
        return [whole]
    if detail == "auto" and len(phrases) > max(2, len(old.clauses)):
        return [whole]
    lines: list[str] = []
    for n, (kind, loc, data) in enumerate(phrases):
        a = article if n == 0 else ""
        where = a + loc
        if kind == "words":
            groups: list[list[tuple[str, str, str]]] = []
            for op in data:  # type: ignore[attr-defined]
                if groups and op[0] == "replace" and groups[-1][0][0] == "replace":
                    groups[-1].append(op)
                else:
                    groups.append([op])
            texts = []
            for g, group in enumerate(groups):
                w = where if g == 0 else loc
                kind_ = group[0][0]
                if kind_ == "delete":
                    texts.append(f"删去{w or '其'}中的“{group[0][1]}”")
                elif kind_ in ("after", "before"):
                    side = "后" if kind_ == "after" else "前"
                    texts.append(f"在{w + '中的' if w else ''}“{group[0][1]}”{side}增加“{group[0][2]}”")
                else:
                    body = "，".join(f"“{x}”修改为“{y}”" for _, x, y in group)
                    texts.append((f"将{w}" if (a and g == 0) else (w or "其")) + "中的" + body)
            text = "；".join(texts)
        elif kind == "replace":
            text = ("将" if a else "") + f"{where}修改为：{_quote(data)}"  # type: ignore[arg-type]
        elif kind == "delete":
            text = f"删去{where}"
        else:
            text = f"{a}增加一款，作为{loc}：{_quote(data)}"  # type: ignore[arg-type]
        if n == 0 and renumber:
            text = head + text
        lines.append(_end(text))
    return lines


# ---------------------------------------------------------------------------
# 章/节: renamed headings, and the 章 a new article goes into


def _strip(text: str) -> str:
    return "".join(text.split())


class _DivisionPlan:
    """Old and new divisions matched by level and heading (in order)."""

    def __init__(self, old: Document, new: Document) -> None:
        self.old = list(old.divisions())
        self.new = list(new.divisions())
        self.old_paths = self._paths(old)
        self.new_paths = self._paths(new)
        self.new_by_path = {p: n for n, p in enumerate(self.new_paths)}
        self.old_by_path = {p: n for n, p in enumerate(self.old_paths)}
        a = [(d.level, _strip(d.heading)) for d in self.old]
        b = [(d.level, _strip(d.heading)) for d in self.new]
        self.match: dict[int, int] = {}  # new division index -> old division index
        self.renamed: list[tuple[int, int]] = []
        sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
        for tag, i1, i2, j1, j2 in sm.get_opcodes():
            if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
                pairs = list(zip(range(i1, i2), range(j1, j2)))
            elif tag == "replace":  # pair similar headings in order (登记 -> 登记管理)
                pairs, j_from = [], j1
                for i in range(i1, i2):
                    scored = [(difflib.SequenceMatcher(None, a[i][1], b[j][1]).ratio(), j)
                              for j in range(j_from, j2) if b[j][0] == a[i][0]]
                    best = max(scored, default=(0.0, -1))
                    if best[0] >= 0.5:
                        pairs.append((i, best[1]))
                        j_from = best[1] + 1
            else:
                continue
            for i, j in pairs:
                if self.old[i].level != self.new[j].level:
                    continue
                self.match[j] = i
                if a[i] != b[j]:
                    self.renamed.append((i, j))

    @staticmethod
    def _paths(doc: Document) -> list[tuple[str, ...]]:
        out: list[tuple[str, ...]] = []

        def walk(nodes, prefix):  # type: ignore[no-untyped-def]
            from .model import Division

            for node in nodes:
                if isinstance(node, Division):
                    path = prefix + (_strip(node.label),)
                    out.append(path)
                    walk(node.children, path)

        walk(doc.body, ())
        return out

    def old_label(self, i: int) -> str:
        """``第三章`` or, when that is ambiguous, the full path ``第二编第三章``."""
        path = self.old_paths[i]
        for k in range(1, len(path) + 1):
            tail = path[-k:]
            if sum(1 for p in self.old_paths if p[-k:] == tail) == 1:
                return "".join(tail)
        return "".join(path)

    def renames(self, index: dict[int, int]) -> list[_Entry]:
        out = []
        names = {"编": "编名", "分编": "分编名", "章": "章名", "节": "节名"}
        for i, j in self.renamed:
            first = next(iter(self.old[i].articles()), None)
            pos = index[id(first)] - 0.5 if first is not None else float(len(index))
            level = self.old[i].level.chinese
            line = f"将{self.old_label(i)}的{names.get(level, '名称')}修改为“{self.new[j].heading}”。"
            out.append(_Entry((pos, 0.0, -1), [line]))
        return out

    _NAMES = {"编": "编名", "分编": "分编名", "章": "章名", "节": "节名"}

    def structure(self, new_doc: Document, end: float) -> list[_Entry]:
        """增加一章… for new divisions (with the articles they hold), 删去第三章的章名 for dropped ones."""
        out: list[_Entry] = []
        matched_old = set(self.match.values())
        for i, d in enumerate(self.old):
            if i not in matched_old:
                name = self._NAMES.get(d.level.chinese, "名称")
                out.append(_Entry((end, 0.0, float(i)), [f"删去{self.old_label(i)}的{name}。"]))
        units = list(new_doc.units())
        for j, d in enumerate(self.new):
            if j in self.match:
                continue
            path = self.new_paths[j]
            parent = self.new_by_path.get(path[:-1]) if len(path) > 1 else None
            if parent is not None and parent not in self.match:
                continue  # inside a division that is new itself: not written
            level = d.level.chinese
            siblings = [k for k, p in enumerate(self.new_paths) if p[:-1] == path[:-1] and k < j]
            anchor = next((self.match[k] for k in reversed(siblings) if k in self.match), None)
            label = _strip(d.label)
            if anchor is not None:
                head = f"在{self.old_label(anchor)}后增加一{level}"
            elif parent is not None:
                head = f"{self.old_label(self.match[parent])}增加一{level}"
            else:
                head = f"增加一{level}"
            line = f"{head}，作为{label}，{self._NAMES.get(level, '名称')}为“{d.heading}”"
            members = [u for u in units if tuple(_strip(x) for x in u.path) == path]
            if members:
                line += f"，将{_ranges(members, units)}列入该{level}"
            out.append(_Entry((end, 1.0, float(j)), [line + "。"]))
        return out

    def placements(self, old_doc: Document, new_doc: Document, text: str,
                   fixes: dict[int, dict[int, Article]]) -> bool:
        """Add to ``fixes`` the articles that applying ``text`` puts into the wrong division; True if any."""
        from .apply import apply

        try:
            got = apply(old_doc, text)
        except LawdiffError:  # the round trip test reports it; no placement then
            return False
        have = {u.label: tuple(_strip(x) for x in u.path) for u in got.units()}
        found = False
        for u in new_doc.units():
            want = tuple(_strip(x) for x in u.path)
            if have.get(u.label) != want and want in self.new_by_path:
                j = self.new_by_path[want]
                if j in self.match and id(u) not in fixes.get(self.match[j], {}):
                    fixes.setdefault(self.match[j], {})[id(u)] = u
                    found = True
        return found

    def place_entries(self, new_doc: Document, fixes: dict[int, dict[int, Article]], end: float) -> list[_Entry]:
        """将第P条至第Q条列入第三章, one item per division."""
        units = list(new_doc.units())
        pos = {id(u): n for n, u in enumerate(units)}
        out = []
        for i, members in sorted(fixes.items()):
            ordered = sorted(members.values(), key=lambda u: pos[id(u)])
            out.append(_Entry((end, 2.0, float(i)), [f"将{_ranges(ordered, units)}列入{self.old_label(i)}。"]))
        return out

    def new_division_of(self, unit: Article) -> int | None:
        return self.new_by_path.get(tuple(_strip(x) for x in unit.path)) if unit.path else None

    def old_division_of(self, unit: Article) -> int | None:
        return self.old_by_path.get(tuple(_strip(x) for x in unit.path)) if unit.path else None


def _ranges(members: list[Article], units: list[Article]) -> str:
    """``第十条至第十二条、第十五条``: runs of consecutive articles (in the new text's order)."""
    pos = {id(u): n for n, u in enumerate(units)}
    runs: list[list[Article]] = []
    for u in members:
        if runs and pos[id(u)] == pos[id(runs[-1][-1])] + 1:
            runs[-1].append(u)
        else:
            runs.append([u])
    return "、".join(_label_of(r[0].key) if len(r) == 1 else f"{_label_of(r[0].key)}至{_label_of(r[-1].key)}"
                    for r in runs)


def _chapter_hints(comparison: Comparison, index: dict[int, int], plan: _DivisionPlan) -> dict[int, str]:
    """``第K章`` for added articles that the applier would otherwise put into the 章 before them."""
    hints: dict[int, str] = {}
    prev: int | None = None
    for pair in comparison.pairs:
        if pair.old and pair.new:
            div = plan.old_division_of(pair.old[0])
            if div is not None:
                prev = div if prev is None else max(prev, div)
            continue
        for unit in pair.new:
            new_div = plan.new_division_of(unit)
            want = plan.match.get(new_div) if new_div is not None else None
            if want is not None and want != prev and (prev is None or want > prev):
                hints[id(unit)] = plan.old_label(want)
                prev = want
    return hints


def _label_of(key: tuple[int, int]) -> str:
    return article_label(*key)


def _continuation_first(comparison: Comparison) -> Comparison:
    """Split pairs whose old unit continues in a later piece: the pieces before it become additions.

    反垄断法 2007 第十三条 -> 2022 第十六条 (its closing definition, moved in front) + 第十七条 (the
    list): the decision reads 增加一条，作为第十六条 and 将第十三条改为第十七条，删去第二款, not
    第十三条改为第十六条 plus a restated 第十七条.
    """
    from dataclasses import replace as _replace

    from .align import similarity

    pairs: list[Pair] = []
    changed = False
    for pair in comparison.pairs:
        if len(pair.old) == 1 and len(pair.new) > 1:
            scores = [similarity(pair.old[0].text, u.text) for u in pair.new]
            k = max(range(len(scores)), key=lambda n: (scores[n], -n))
            if k > 0:
                rest = pair.new[k:]
                pairs.append(Pair((), pair.new[:k], Relation.ADDED, 0.0))
                pairs.append(_replace(pair, new=rest, relation=Relation.SPLIT if len(rest) > 1 else Relation.MODIFIED,
                                      ops=()))
                changed = True
                continue
        pairs.append(pair)
    return _replace(comparison, pairs=tuple(pairs)) if changed else comparison


def amend_comparison(
    comparison: Comparison,
    *,
    style: str = "decision",
    threshold: float = 0.3,
    max_edits: int = 3,
    detail: str = "auto",
    title: str | None = None,
    enacting: str | None = None,
    effective: str | None = None,
) -> str:
    """Write the decision for an existing :class:`~lawdiff.model.Comparison` (see :func:`amend`)."""
    if style not in _STYLES:
        raise ConfigError(f"unknown style {style!r} (expected one of {', '.join(_STYLES)})")
    if detail not in ("auto", "words", "article"):
        raise ConfigError(f"unknown detail {detail!r} (expected auto, words or article)")
    if not 0.0 <= threshold <= 1.0:
        raise ConfigError(f"threshold must be between 0 and 1, got {threshold}")
    for doc in (comparison.left, comparison.right):  # a decision names articles by number
        bad = next((u for u in doc.units() if u.number < 0 or u.suffix < 0), None)
        if bad is not None:
            from .errors import ParseError

            raise ParseError(f"cannot read the number of {bad.label}; correct it before writing an amendment",
                             source=doc.source, line=bad.span.start if bad.span else None)
    comparison = _continuation_first(comparison)
    old_units = list(comparison.left.units())
    index = {id(u): n for n, u in enumerate(old_units)}
    law = title or comparison.left.title or "本法"
    plan = _DivisionPlan(comparison.left, comparison.right)
    if style == "amendment":
        entries = _amendment_entries(comparison, index, threshold=threshold, max_edits=max_edits, detail=detail)
        shifted = False
    else:
        entries, shifted = _decision_entries(
            comparison, old_units, index, threshold=threshold, max_edits=max_edits, detail=detail, plan=plan
        )
    entries.extend(plan.renames(index))
    end = float(len(old_units) + 1)
    if style == "decision":
        entries.extend(plan.structure(comparison.right, end))
    text = _compose(entries, law=law, style=style, enacting=enacting, effective=effective, shifted=shifted)
    if style == "decision" and (plan.old or plan.new) and NO_CHANGE not in text:
        fixes: dict[int, dict[int, Article]] = {}
        for _ in range(3):  # a 列入 statement can shift the articles after it: check again
            if not plan.placements(comparison.left, comparison.right, text, fixes):
                break
            extra = plan.place_entries(comparison.right, fixes, end + 1)
            text = _compose(entries + extra, law=law, style=style, enacting=enacting, effective=effective,
                            shifted=shifted)
    return text


def _compose(entries: list[_Entry], *, law: str, style: str, enacting: str | None, effective: str | None,
             shifted: bool) -> str:
    """Title, opening sentence, numbered items (sorted), tail."""
    entries = sorted(entries, key=lambda e: e.key)
    out: list[str] = []
    if style == "amendment":
        out.append(f"{law}修正案")
        out.append("")
        out.append(f"{enacting or ''}对《{law}》作如下修改：".lstrip())
    else:
        out.append(f"关于修改《{law}》的决定")
        out.append("")
        out.append(f"{enacting or ''}决定对《{law}》作如下修改：")
    out.append("")
    n = 0
    for entry in entries:
        if not entry.lines:
            continue
        n += 1
        out.append(decision_label(n) + entry.lines[0])
        out.append("")
        for line in entry.lines[1:]:
            out.append(line)
            out.append("")
    if n == 0:
        out.append(NO_CHANGE)
        return "\n".join(out) + "\n"
    if shifted:
        out.append("此外，对条文顺序作相应调整。")
        out.append("")
    if style == "amendment":
        out.append(f"本修正案自{effective or '公布之日'}起施行。")
    else:
        out.append(f"本决定自{effective or '公布之日'}起施行。")
        out.append("")
        out.append(f"《{law}》根据本决定作相应修改，重新公布。")
    return "\n".join(out) + "\n"


def _position_keys(comparison: Comparison, index: dict[int, int]) -> list[tuple[float, ...]]:
    """A sort key per pair: old position, added pairs right after the old unit before them."""
    keys: list[tuple[float, ...]] = []
    last = -1.0
    for seq, pair in enumerate(comparison.pairs):
        if pair.old:
            pos = float(min(index[id(u)] for u in pair.old))
            keys.append((pos, 0.0, seq))
            last = max(last, pos)
        else:
            keys.append((last, 1.0, seq))
    return keys


def _decision_entries(
    comparison: Comparison,
    old_units: list[Article],
    index: dict[int, int],
    *,
    plan: "_DivisionPlan | None" = None,
    threshold: float,
    max_edits: int,
    detail: str,
) -> tuple[list[_Entry], bool]:
    from .apply import settle_keys

    keys = _position_keys(comparison, index)
    # what becomes of each old unit, and which new units are created
    fate: dict[int, tuple[str, tuple[int, int] | None]] = {}  # old idx -> (kind, new key)
    created: list[tuple[int, int]] = []
    for pair in comparison.pairs:
        if pair.relation is Relation.DELETED:
            for u in pair.old:
                fate[index[id(u)]] = ("deleted", None)
        elif pair.relation is Relation.MERGED or len(pair.old) > 1:
            for u in pair.old:
                fate[index[id(u)]] = ("merged", None)
            created.append(pair.new[0].key)
            created.extend(u.key for u in pair.new[1:])
        elif pair.old:
            fate[index[id(pair.old[0])]] = ("kept", pair.new[0].key)
            created.extend(u.key for u in pair.new[1:])
        else:
            created.extend(u.key for u in pair.new)
    # pins: every changed or moved unit whose number changes; then whatever the applier would misplace
    pinned: set[int] = set()
    for pair in comparison.pairs:
        if len(pair.old) == 1 and pair.new:
            i = index[id(pair.old[0])]
            if pair.old[0].key != pair.new[0].key and (_changed(pair) or pair.moved):
                pinned.add(i)
    kept = [i for i in range(len(old_units)) if fate.get(i, ("kept", old_units[i].key))[0] == "kept"]
    for _ in range(len(kept) + 1):
        entries = [(old_units[i].key, fate[i][1] if i in pinned else None) for i in kept]
        entries += [(None, k) for k in created]
        try:
            got = settle_keys(entries, "decision")
        except LawdiffError:  # inconsistent pins: pin everything that moves
            pinned.update(i for i in kept if old_units[i].key != fate[i][1])
            break
        wrong = [i for i, k in zip(kept, got) if k != fate[i][1] and i not in pinned]
        if not wrong:
            break
        # prefer pinning a unit whose number changes anyway (将第十六条改为第十四条)
        wrong.sort(key=lambda i: (old_units[i].key == fate[i][1], i))
        pinned.add(wrong[0])
    shifted = any(old_units[i].key != fate[i][1] for i in kept) or bool(created) or any(
        f[0] != "kept" for f in fate.values()
    )

    hints = _chapter_hints(comparison, index, plan) if plan is not None else {}
    entries_out: list[_Entry] = []
    for key, pair in zip(keys, comparison.pairs):
        entry = _Entry(key)
        entry.lines = _pair_lines(pair, index, pinned, threshold=threshold, max_edits=max_edits, detail=detail,
                                  hints=hints)
        entries_out.append(entry)
    return entries_out, shifted


def _changed(pair: Pair) -> bool:
    return pair.old_text != pair.new_text or len(pair.old) != len(pair.new) or any(
        a.heading_raw != b.heading_raw for a, b in zip(pair.old, pair.new)
    )


def _pair_lines(
    pair: Pair, index: dict[int, int], pinned: set[int], *, threshold: float, max_edits: int, detail: str,
    hints: dict[int, str] | None = None,
) -> list[str]:
    hints = hints or {}
    if pair.relation is Relation.DELETED or not pair.new:
        return [f"删去{'、'.join(_label_of(u.key) for u in pair.old)}。"]
    if not pair.old:
        return [_end(f"{hints.get(id(u), '')}增加一条，作为{_label_of(u.key)}：{_quote(list(u.paragraphs()))}")
                for u in pair.new]
    if len(pair.old) > 1:
        olds = "、".join(_label_of(u.key) for u in pair.old)
        first = pair.new[0]
        lines = [_end(f"将{olds}合并，作为{_label_of(first.key)}，修改为：{_quote(list(first.paragraphs()))}")]
        lines += [_end(f"增加一条，作为{_label_of(u.key)}：{_quote(list(u.paragraphs()))}") for u in pair.new[1:]]
        return lines
    old, new = pair.old[0], pair.new[0]
    moved_to = index[id(old)] in pinned
    lines: list[str] = []
    if old.text != new.text or old.heading_raw != new.heading_raw:
        head = f"将{_label_of(old.key)}改为{_label_of(new.key)}，" if moved_to else f"将{_label_of(old.key)}"
        lines = _modified_lines(old, new, head, threshold=threshold, max_edits=max_edits, detail=detail)
    elif moved_to:
        lines = [f"将{_label_of(old.key)}改为{_label_of(new.key)}。"]
    lines += [_end(f"增加一条，作为{_label_of(u.key)}：{_quote(list(u.paragraphs()))}") for u in pair.new[1:]]
    return lines


def _amendment_entries(
    comparison: Comparison, index: dict[int, int], *, threshold: float, max_edits: int, detail: str
) -> list[_Entry]:
    """修正案: old numbers stay; additions become 第A条之N after the unit before them."""
    keys = _position_keys(comparison, index)
    entries: list[_Entry] = []
    prev: tuple[int, int] | None = None  # the last old-numbered unit in new order
    chain = 0
    last_pos = -1.0
    for key, pair in zip(keys, comparison.pairs):
        if pair.old and not pair.moved:
            last_pos = max(last_pos, key[0])
        else:
            key = (last_pos, 1.0, key[2])
        entry = _Entry(key)
        if pair.relation is Relation.DELETED or not pair.new:
            entry.lines = [f"删去{'、'.join(_label_of(u.key) for u in pair.old)}。"]
            for u in pair.old:
                prev, chain = u.key, u.key[1]
        elif not pair.old or pair.moved:
            for u in pair.new:
                if prev is None:
                    raise ConfigError("a 修正案 cannot add an article before the first one; use style='decision'")
                chain += 1
                new_key = (prev[0], chain)
                entry.lines.append(
                    _end(f"在{_label_of((prev[0], chain - 1) if chain > 1 else prev)}后增加一条，"
                         f"作为{_label_of(new_key)}：{_quote(list(u.paragraphs()))}")
                )
            if pair.moved and pair.old:  # moved: added at the new place, deleted at the old one
                entries.append(_Entry((index[id(pair.old[0])], 0.0, key[2]), [f"删去{'、'.join(_label_of(u.key) for u in pair.old)}。"]))
        else:
            old = pair.old[0]
            if len(pair.old) > 1:
                olds = "、".join(_label_of(u.key) for u in pair.old)
                entry.lines.append(
                    _end(f"将{olds}合并，作为{_label_of(old.key)}，修改为：{_quote(list(pair.new[0].paragraphs()))}")
                )
            elif old.text != pair.new[0].text:
                entry.lines = _modified_lines(
                    old, pair.new[0], f"将{_label_of(old.key)}", threshold=threshold, max_edits=max_edits, detail=detail
                )
            prev, chain = pair.old[-1].key, pair.old[-1].key[1]
            for u in pair.new[1:]:
                chain += 1
                new_key = (prev[0], chain)
                entry.lines.append(
                    _end(f"在{_label_of((prev[0], chain - 1) if chain > 1 else prev)}后增加一条，"
                         f"作为{_label_of(new_key)}：{_quote(list(u.paragraphs()))}")
                )
        entries.append(entry)
    return entries


def amend(
    old: Document | str | Path,
    new: Document | str | Path,
    *,
    style: str = "decision",
    threshold: float = 0.3,
    max_edits: int = 3,
    detail: str = "auto",
    title: str | None = None,
    enacting: str | None = None,
    effective: str | None = None,
    **compare_options: object,
) -> str:
    """The text of a 修改决定 (``style="decision"``) or 修正案 (``"amendment"``) turning ``old`` into ``new``.

    ``detail``: ``"auto"`` chooses per 款 between quoted word changes and new
    wording — word level when at most ``threshold`` of the characters changed
    and at most ``max_edits`` quoted pairs suffice, and the whole article
    is restated when more than ``threshold`` of it changed; ``"words"``
    prefers word level wherever it can be written; ``"article"`` always
    restates amended articles. ``title`` is the act's name in 《》 (default:
    the old document's title); ``enacting`` the enacting body's sentence
    start (``第十二届全国人民代表大会常务委员会第五次会议``); ``effective``
    the date in ``本决定自…起施行`` (default ``公布之日``). Other keyword
    options go to :func:`lawdiff.compare`.
    """
    from .compare import compare

    comparison = compare(old, new, **compare_options)  # type: ignore[arg-type]
    return amend_comparison(
        comparison,
        style=style,
        threshold=threshold,
        max_edits=max_edits,
        detail=detail,
        title=title,
        enacting=enacting,
        effective=effective,
    )
