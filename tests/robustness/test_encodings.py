"""Encodings and layout: every corpus file re-encoded and re-laid-out reads to the same Document.

Variants per file: UTF-8 with BOM, UTF-16 LE/BE with BOM, GB18030, mixed CR LF / LF / CR line
ends, zero-width characters sprinkled in labels and after sentences, non-breaking and
ideographic spaces around labels. NUL bytes are refused (binary). Full-width digits and
non-breaking spaces are kept literally and reported as format differences, never hidden.
"""
from __future__ import annotations

import random

import pytest

import lawdiff
from lawdiff.errors import InputError
from lawdiff.model import Relation

from ._support import CORPUS_FILES, count


def _mixed_line_ends(text: str, seed: int) -> str:
    rng = random.Random(seed)
    return "".join(line + rng.choice(("\n", "\r\n", "\r")) for line in text.splitlines())


def _zero_width(text: str) -> str:
    return (text.replace("第一条", "第\u200b一条").replace("。", "。\u200b").replace("；", "\u2060；")
            .replace("（一）", "\ufeff（一）"))


def _spaces(text: str) -> str:
    # non-breaking spaces after labels and leading indentation, as pages pasted from the web have
    return text.replace("条　", "条\u00a0").replace("\n第", "\n\u00a0\u3000第")


VARIANTS = {
    "utf-8-sig": lambda t, i: t.encode("utf-8-sig"),
    "utf-16-le-bom": lambda t, i: b"\xff\xfe" + t.encode("utf-16-le"),
    "utf-16-be-bom": lambda t, i: b"\xfe\xff" + t.encode("utf-16-be"),
    "gb18030": lambda t, i: t.encode("gb18030"),
    "mixed-line-ends": lambda t, i: _mixed_line_ends(t, i).encode("utf-8"),
    "zero-width": lambda t, i: _zero_width(t).encode("utf-8"),
    "nbsp": lambda t, i: _spaces(t).encode("utf-8"),
}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_every_corpus_file_reads_the_same_in_every_encoding_and_layout(corpus_docs, variant: str) -> None:
    make = VARIANTS[variant]
    differ = []
    for i, path in enumerate(CORPUS_FILES):
        data, expected = corpus_docs[path.stem]
        text = data.decode("utf-8")
        got = lawdiff.read_bytes(make(text, i), name=path.name)
        count(f"encodings: {variant}")
        if variant == "nbsp":
            # spaces are kept as typed: same structure, same text once the spaces are normalised
            same = [u.label for u in got.units()] == [u.label for u in expected.units()] and all(
                a.text.replace("\u00a0", "　") == b.text for a, b in zip(got.units(), expected.units()))
        else:
            same = got == expected
        if not same:
            differ.append(path.name)
    assert not differ, f"{variant}: differs for {differ}"


def test_gb18030_only_characters_survive() -> None:
    """Characters outside GBK (CJK extension B) round-trip through GB18030."""
    text = "某某条例\n第一条　𠀀𪚥𬌗字与“引号”。\n第二条　本条例自公布之日起施行。\n"
    doc = lawdiff.read_bytes(text.encode("gb18030"), name="ext.txt")
    assert next(doc.units()).text == "𠀀𪚥𬌗字与“引号”。"


@pytest.mark.parametrize("data", [
    "某某条例\n第一条　甲。\x00\n".encode("utf-8"),
    "某某条例\n第一条　甲。".encode("utf-16-le"),  # UTF-16 without a BOM: NUL bytes, not guessed
    b"\xff\xfe" + "某某条例\n第一条\x00甲。".encode("utf-16-le"),
])
def test_nul_bytes_are_refused(data: bytes) -> None:
    count("encodings: NUL inputs")
    with pytest.raises(InputError, match="binary|decode"):
        lawdiff.read_bytes(data, name="nul.txt")


def test_full_width_digits_are_kept_and_reported_not_hidden() -> None:
    full = lawdiff.parse("某某条例\n（２０２１年１月１日通过）\n第一条　罚款１０００元。\n第二条　甲\u00a0乙。\n")
    half = lawdiff.parse("某某条例\n（2021年1月1日通过）\n第一条　罚款1000元。\n第二条　甲 乙。\n")
    assert full.preamble == ("（２０２１年１月１日通过）",)
    assert [u.text for u in full.units()] == ["罚款１０００元。", "甲\u00a0乙。"]
    loose = lawdiff.compare(full, half)
    assert [p.relation for p in loose.pairs] == [Relation.IDENTICAL, Relation.IDENTICAL]
    assert all(p.format_notes for p in loose.pairs), "a width/space difference must be reported"
    strict = lawdiff.compare(full, half, strict_format=True)
    assert [p.relation for p in strict.pairs] == [Relation.MODIFIED, Relation.MODIFIED]
    count("encodings: width/space comparisons", 2)


def test_full_width_subitem_numbers_parse() -> None:
    doc = lawdiff.parse("某某条例\n第一条　下列事项：\n（一）甲：\n１．子项一；\n２．子项二。\n第二条　乙。\n")
    item = next(doc.units()).clauses[0].items[0]
    assert [s.label for s in item.subitems] == ["１．", "２．"]


def test_short_gbk_decision_full_of_quotes_is_read() -> None:
    """Regression: curly quotes and other GB2312 symbols counted as "not Chinese", so a short
    GBK amendment decision (“甲”修改为“乙”) was refused as undecodable."""
    text = "关于修改某条例的决定\n一、将第十条中的“甲”修改为“乙”。\n二、将第十一条中的“丙……”修改为“丁——①”。\n"
    doc = lawdiff.read_bytes(text.encode("gbk"), name="decision.txt")
    assert [u.text for u in doc.units()] == ["将第十条中的“甲”修改为“乙”。", "将第十一条中的“丙……”修改为“丁——①”。"]
