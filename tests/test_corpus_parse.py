"""The parser over the bulk corpus (3,504 LawRefBook texts), marked ``corpus``.

Independent count: an article heading is a line that starts (after an optional
Markdown ``#`` marker) with ``第`` + Chinese numeral + ``条`` (+ ``之``
numeral), followed by whitespace or the end of the line:

    ^(?:#+\\s*)?第[一二三四五六七八九十百千零]+条(?:之[一二三四五六七八九十]+)?(?:[\\s\\u3000]|$)

The parser must find exactly that many articles in at least 99% of the files,
and may raise nothing but a LawdiffError on any file. Figures are printed and
put into assertion messages (visible with ``-rA``).
"""
from __future__ import annotations

import collections
import re
import time

import pytest

import lawdiff
from lawdiff.errors import LawdiffError
from parse_helpers import input_chars, model_chars

ARTICLE_HEADING = re.compile(
    r"^(?:#+\s*)?第[一二三四五六七八九十百千零]+条(?:之[一二三四五六七八九十]+)?(?:[\s\u3000]|$)", re.M
)


@pytest.mark.corpus
def test_bulk_corpus_article_counts(bulk_corpus) -> None:
    files = sorted(p for p in bulk_corpus.rglob("*.md") if p.name != "_index.md")
    assert len(files) > 3000
    start = time.perf_counter()
    with_articles = matched = 0
    errors: collections.Counter[str] = collections.Counter()
    mismatches: list[str] = []
    lost: list[str] = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        expected = len(ARTICLE_HEADING.findall(text))
        try:
            doc = lawdiff.read(path)
        except LawdiffError as err:  # anything else fails the test
            errors[err.message] += 1
            if expected:
                with_articles += 1
                mismatches.append(f"{path.relative_to(bulk_corpus)}: expected {expected}, got {err.message}")
            continue
        if model_chars(doc) != input_chars(text):
            lost.append(str(path.relative_to(bulk_corpus)))
        if not expected:
            continue
        with_articles += 1
        found = sum(1 for u in doc.units() if u.kind == "article")
        if found == expected:
            matched += 1
        else:
            mismatches.append(f"{path.relative_to(bulk_corpus)}: expected {expected}, got {found}")
    seconds = time.perf_counter() - start
    share = matched / with_articles
    report = (
        f"bulk corpus: {len(files)} files, {with_articles} with article headings, "
        f"{matched} with the same article count ({share:.2%}); "
        f"LawdiffErrors: {dict(errors)}; files losing characters: {len(lost)}; {seconds:.1f}s\n"
        + "\n".join(mismatches[:20])
    )
    print(report)
    assert share >= 0.99, report
    assert not lost, report + "\nlost characters in: " + ", ".join(lost[:10])
