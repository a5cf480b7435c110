"""Pins: force or forbid pairs in an alignment.

A pin file is UTF-8 text, one rule a line; ``#`` starts a comment::

    # left = right            force a pair
    第十条 = 第十一条
    # left != right           forbid a pair
    第十条 != 第十条
    # several units: a split (one -> several) or a merge (several -> one)
    第五条 = 第五条 + 第六条
    第七条 + 第八条 = 第七条
    # - on one side: force deleted / added
    第九条 = -
    - = 第七十条

Labels are the unit labels as written (``第十条``, ``第十二条之一``, ``三、``);
whitespace inside them is ignored, and Arabic numbers (``10``) name 第10条 /
item 10. The left side names units of the left (old) document, the right side
units of the right (new) one. A label that matches no unit is a ConfigError
naming the file and line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from .errors import ConfigError
from .model import Article

__all__ = ["Pin", "Pins", "parse_pins", "read_pins"]


@dataclass(frozen=True)
class Pin:
    """One rule: ``left`` and ``right`` labels; ``forbid`` for ``!=``; ``line`` for messages."""

    left: tuple[str, ...]
    right: tuple[str, ...]
    forbid: bool = False
    line: int = 0


@dataclass(frozen=True)
class Pins:
    """A set of pin rules (``source`` names the file for messages)."""

    rules: tuple[Pin, ...]
    source: str | None = None

    @property
    def forced(self) -> tuple[Pin, ...]:
        return tuple(r for r in self.rules if not r.forbid)

    def resolve(
        self, left: Sequence[Article], right: Sequence[Article]
    ) -> tuple[list[tuple[tuple[int, ...], tuple[int, ...]]], set[tuple[int, int]]]:
        """Turn labels into unit indices: (forced groups, forbidden index pairs)."""
        forced: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
        forbidden: set[tuple[int, int]] = set()
        lseen: set[int] = set()
        rseen: set[int] = set()
        for rule in self.rules:
            lidx = tuple(sorted(self._find(lab, left, "left", rule.line) for lab in rule.left))
            ridx = tuple(sorted(self._find(lab, right, "right", rule.line) for lab in rule.right))
            if rule.forbid:
                forbidden.update((i, j) for i in lidx for j in ridx)
                continue
            if lseen & set(lidx) or rseen & set(ridx):
                raise ConfigError("a unit is pinned twice", source=self.source, line=rule.line)
            if len(lidx) > 1 and len(ridx) > 1:
                raise ConfigError("a pin joins several units to several units; use one side of one unit",
                                  source=self.source, line=rule.line)
            lseen.update(lidx)
            rseen.update(ridx)
            forced.append((lidx, ridx))
        return forced, forbidden

    def _find(self, label: str, units: Sequence[Article], side: str, line: int) -> int:
        want = _squash(label)
        for k, unit in enumerate(units):
            if _squash(unit.label) == want:
                return k
        if want.isdigit():
            for k, unit in enumerate(units):
                if unit.number == int(want) and unit.suffix == 0:
                    return k
        try:
            from .numerals import parse_article_label

            key = parse_article_label(want)
        except ValueError:
            key = None
        if key is not None:
            for k, unit in enumerate(units):
                if unit.key == key:
                    return k
        raise ConfigError(f"{label!r} names no unit of the {side} document", source=self.source, line=line)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text).rstrip("、.．")


def _side(text: str) -> tuple[str, ...]:
    text = text.strip()
    if text == "-":
        return ()
    parts = [p.strip() for p in re.split(r"[+＋]", text)]
    return tuple(p for p in parts if p)


def parse_pins(text: str, *, source: str | None = None) -> Pins:
    """Parse pin rules from ``text`` (see the module docstring for the format)."""
    rules: list[Pin] = []
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        m = re.fullmatch(r"(.+?)\s*(!=|≠|=)\s*(.+)", line)
        if not m:
            raise ConfigError(f"expected 'LEFT = RIGHT' or 'LEFT != RIGHT', found {raw.strip()!r}", source=source, line=n)
        left, right = _side(m.group(1)), _side(m.group(3))
        forbid = m.group(2) != "="
        if not left and not right:
            raise ConfigError("both sides of a pin are '-'", source=source, line=n)
        if forbid and (not left or not right):
            raise ConfigError("'!=' needs a unit on both sides", source=source, line=n)
        rules.append(Pin(left, right, forbid, n))
    return Pins(tuple(rules), source)


def read_pins(path: str | Path) -> Pins:
    """Read a pin file (UTF-8)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise ConfigError(f"cannot read pin file: {err.strerror or err}", source=str(path)) from err
    except UnicodeDecodeError as err:
        raise ConfigError("pin file is not UTF-8", source=str(path)) from err
    return parse_pins(text, source=str(path))
