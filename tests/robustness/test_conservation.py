"""Conservation: nothing is lost or invented between the input and the report.

* Every corpus file, read from .md and from the .docx / HTML / Akoma Ntoso that
  lawdiff writes for it: the characters of the model (title, 题注, intro,
  headings, labels, text, front matter) plus the notices' texts are exactly
  the non-blank characters of the input (a multiset, so nothing is dropped
  and nothing is added).
* Every compared pair of corpora/README.md: each unit of either document is
  in exactly one pair, in reading order; the JSON report's ops rebuild each
  pair's two texts, so the report's two sides rebuild the two documents'
  unit texts exactly.
"""
from __future__ import annotations

import json

import pytest

import lawdiff
from lawdiff.render.json import render_json
from parse_helpers import input_chars, model_chars

from ._support import CORPUS_FILES, count, corpus_pairs

PAIRS = corpus_pairs()


def test_corpus_pairs_are_listed() -> None:
    assert len(PAIRS) >= 14


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.stem)
def test_every_input_character_is_in_the_model_or_a_notice(corpus_docs, path) -> None:
    data, doc = corpus_docs[path.stem]
    text = data.decode("utf-8")
    expected = input_chars(text)
    got = model_chars(doc)
    missing, extra = expected - got, got - expected
    assert not missing and not extra, f"lost {dict(missing.most_common(10))}, invented {dict(extra.most_common(10))}"
    count("conservation: corpus files (.md)")


@pytest.mark.parametrize("fmt", ["docx", "html", "akn"])
def test_written_formats_read_back_to_the_same_document(corpus_docs, fmt: str) -> None:
    """What lawdiff writes (.docx, HTML via the canonical text, Akoma Ntoso) reads back unchanged."""
    from xml.sax.saxutils import escape

    from lawdiff.io.akn import write_document as write_akn
    from lawdiff.io.docx import write_document as write_docx
    from lawdiff.io.text import write_text

    differ = []
    for stem, (_, doc) in sorted(corpus_docs.items()):
        if fmt == "docx":
            data, name = write_docx(doc), f"{stem}.docx"
        elif fmt == "akn":
            data, name = write_akn(doc), f"{stem}.xml"
            data = data.encode("utf-8") if isinstance(data, str) else data
        else:
            body = "".join(f"<p>{escape(line)}</p>" for line in write_text(doc).splitlines() if line.strip())
            data, name = f"<html><body>{body}</body></html>".encode("utf-8"), f"{stem}.html"
        back = lawdiff.read_bytes(data, name=name)
        count(f"conservation: corpus files via {fmt}")
        if back != doc:
            differ.append(stem)
    assert not differ, f"{fmt}: read back differently: {differ}"


@pytest.mark.parametrize("old,new", PAIRS, ids=[f"{a}-{b}" for a, b in PAIRS])
def test_report_sides_rebuild_both_documents(corpus_docs, old: str, new: str) -> None:
    left, right = corpus_docs[old][1], corpus_docs[new][1]
    comparison = lawdiff.compare(left, right)
    for side, doc, compared in (("old", left, comparison.left), ("new", right, comparison.right)):
        seen = [u for p in comparison.pairs for u in getattr(p, side)]
        assert sorted(map(id, seen)) == sorted(id(u) for u in compared.units()), f"{side}: units lost or repeated"
        assert [u.text for u in doc.units()] == [u.text for u in compared.units()]
    data = json.loads(render_json(comparison))
    assert data["left"]["units"] == sum(1 for _ in left.units())
    assert data["right"]["units"] == sum(1 for _ in right.units())
    rebuilt_old, rebuilt_new = {}, {}
    for pair, jpair in zip(comparison.pairs, data["pairs"], strict=True):
        old_text = "".join(op[1] for op in jpair["ops"])
        new_text = "".join(op[2] for op in jpair["ops"])
        assert old_text == pair.old_text and new_text == pair.new_text
        assert [u["label"] for u in jpair["left"]] == [u.label for u in pair.old]
        for units, text, out in ((pair.old, old_text, rebuilt_old), (pair.new, new_text, rebuilt_new)):
            pieces = text.split("\n") if units else []
            # a unit's text may hold several paragraphs: give each unit its own paragraphs back
            k = 0
            for u in units:
                n = len(u.text.split("\n"))
                out[id(u)] = "\n".join(pieces[k:k + n])
                k += n
            assert k == len(pieces)
    assert [rebuilt_old[id(u)] for u in comparison.left.units()] == [u.text for u in left.units()]
    assert [rebuilt_new[id(u)] for u in comparison.right.units()] == [u.text for u in right.units()]
    count("conservation: corpus pairs")
    count("conservation: pairs of units rebuilt", len(comparison.pairs))
