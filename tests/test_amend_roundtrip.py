"""Round trip over the bulk corpus: apply(old, amend(old, new)) reproduces new's articles.

Every pair of consecutive versions of one law in the bulk corpus (files named
``反垄断法(2007-08-30).md``, ``反垄断法(2022-06-24).md`` in one folder) is
turned into a 修改决定 and applied back. The test prints the rate and every
failure with its reason; it fails below 95 %.
"""
from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest

import lawdiff
from lawdiff.amend import amend
from lawdiff.apply import apply

pytestmark = pytest.mark.corpus

_VERSION = re.compile(r"(.+)\((\d{4}-\d{2}-\d{2})\)\.md")


def version_pairs(root: Path) -> list[tuple[Path, Path]]:
    laws: dict[tuple[Path, str], list[tuple[str, Path]]] = defaultdict(list)
    for path in root.rglob("*.md"):
        m = _VERSION.fullmatch(path.name)
        if m:
            laws[(path.parent, m.group(1))].append((m.group(2), path))
    pairs = []
    for _, versions in sorted(laws.items()):
        versions.sort()
        pairs.extend((a, b) for (_, a), (_, b) in zip(versions, versions[1:]))
    return pairs


def units(doc):
    return [(u.label, u.heading_raw, tuple(u.paragraphs())) for u in doc.units()]


def _first_difference(got, want) -> str:
    for g, w in zip(got, want):
        if g != w:
            return f"got {g[0]} {g[2][:1]!r}, want {w[0]} {w[2][:1]!r}"[:200]
    return f"got {len(got)} articles, want {len(want)}"


def structure(doc):
    """Each article's enclosing divisions, and the divisions' labels and headings (whitespace aside)."""
    return (
        [(u.label, tuple("".join(x.split()) for x in u.path)) for u in doc.units()],
        [(d.label, "".join(d.heading.split())) for d in doc.divisions()],
    )


def _round_trip(root: Path, style: str) -> tuple[int, list[str], int, int]:
    pairs = version_pairs(root)
    ok = 0
    same_structure = 0
    failures: list[str] = []
    for a_path, b_path in pairs:
        name = f"{a_path.name} -> {b_path.name}"
        try:
            a, b = lawdiff.read(a_path), lawdiff.read(b_path)
            got = apply(a, amend(a, b, style=style))
        except lawdiff.errors.LawdiffError as err:
            failures.append(f"{name}: {type(err).__name__}: {err}")
            continue
        want = units(b)
        have = units(got)
        if style == "amendment":  # 修正案: numbers stay, deleted slots remain; compare wording in order
            have = [u[1:] for u in have if u[2] != ("（删去）",)]
            want = [u[1:] for u in want]
        if have == want:
            ok += 1
        else:
            failures.append(f"{name}: {_first_difference(have, want)}")
        same_structure += structure(got) == structure(b)
    return ok, failures, len(pairs), same_structure


@pytest.mark.parametrize("style", ["decision", "amendment"])
def test_bulk_round_trip(bulk_corpus: Path, style: str) -> None:
    ok, failures, total, same_structure = _round_trip(bulk_corpus, style)
    assert total >= 90, f"expected the 91 version pairs of the bulk corpus, found {total}"
    rate = ok / total
    print(f"\n{style}: {ok}/{total} version pairs round-trip ({rate:.1%}); "
          f"chapter structure also identical in {same_structure}/{total}")
    for line in failures:
        print("  FAIL", line)
    assert rate >= 0.95, "\n".join(failures)
    if style == "decision":  # 章/节 added, dropped, renamed and filled (not nested new divisions)
        assert same_structure / total >= 0.9
