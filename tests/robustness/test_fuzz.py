"""Fuzzing: parse, compare, every renderer and check succeed or raise a LawdiffError.

Two sources of inputs:

* **hypothesis** builds texts from the pieces of Chinese legislation (labels
  第X条/第X条之X, 章/节/编, 项 （一）, 目 1., decision items 一、, headings
  【…】, （删去）, 目录, Markdown markers, 题注) mixed with arbitrary Unicode,
  markup and control characters, joined with any line ends; and arbitrary bytes
  under every file suffix;
* **mutation** of the real corpus files: truncation, random byte flips, random structural characters,
  shuffled lines, deleted headings, deleted lines, and for the binary formats
  (.docx, Akoma Ntoso, HTML written by lawdiff) truncation, byte flips, XML
  elements renamed or deleted.

Any exception other than a LawdiffError fails; every case runs under a hang
guard. Whenever a text parses, its characters are conserved (model + notices
= input). The number of cases of each kind is printed at the end of the run.
"""
from __future__ import annotations

import io
import random
import re
import zipfile

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import lawdiff
from lawdiff.errors import LawdiffError
from lawdiff.io.akn import write_document as write_akn
from lawdiff.model import Document
from lawdiff.numerals import article_label, decision_label, int_to_cn, item_label, subitem_label
from parse_helpers import input_chars, model_chars

from ._support import CORPUS_FILES, check_outputs, count, no_hang, read_or_error, run_pipeline

#: hypothesis budget per test; the whole suite stays within ~2 minutes on 2 cores
PARSE_EXAMPLES = 500
PIPELINE_EXAMPLES = 40
BYTES_EXAMPLES = 200
DECISION_EXAMPLES = 300
#: mutants per corpus file and mutation kind (text), and per written format (containers)
TEXT_MUTANTS = 3
CONTAINER_FILES = 8
CONTAINER_MUTANTS = 4

FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
                derandomize=True, database=None)

numbers = st.integers(min_value=0, max_value=1300)
small = st.integers(min_value=1, max_value=30)
LABELS = st.one_of(
    numbers.map(lambda n: article_label(max(n, 1))),
    st.tuples(small, st.integers(1, 5)).map(lambda t: article_label(*t)),
    st.tuples(st.sampled_from("编章节"), small).map(lambda t: f"第{int_to_cn(t[1])}{t[0]}"),
    st.tuples(st.sampled_from(["分编"]), small).map(lambda t: f"第{int_to_cn(t[1])}{t[0]}"),
    small.map(item_label),
    small.map(lambda n: f"({int_to_cn(n)})"),
    small.map(subitem_label),
    small.map(lambda n: f"{n}．"),
    small.map(decision_label),
    st.sampled_from(["第一条之一", "第 一 条", "第5條", "第十条", "第〇条", "第两百条", "第一千零一条",
                     # numerals that do not read: the parser keeps them with number -1
                     "第十十条", "第二条之十十", "第百百章", "（十十）", "十十、", "十十．", "第零零条"]),
)
PIECES = st.sampled_from([
    "　", " ", "\t", "【立法目的】", "（立法目的）", "（删去）", "目　　录", "目录", "序言", "附　　则", "总则",
    "# ", "## ", "### ", "#### ", "---", "<!-- INFO END -->", "<!-- x -->", "title: 某法", "（2021年1月1日通过）",
    "（草案）", "（征求意见稿）", "本条例自公布之日起施行。", "依照本法第九条第二款第（三）项", "前款", "前两款",
    "本省", "本市", "四川省", "重庆市", "。", "；", "：", "，", "、", "“", "”", "（", "）", "《", "》", "…",
    "— 3 —", "修改为", "增加一条，作为第十条：", "删去第五条。", "中华人民共和国某某法", "某某条例", "的决定",
    "<script>", "</td>", "]]>", "|", "*", "`", "\x0b", "\x1b[2J", "\u200b", "\ufeff", "\u00a0", "\ufffe",
    "２０２１", "１．", "\u2028", "\r",
])
CHARS = st.characters(blacklist_categories=("Cs",), min_codepoint=1)
LINE = st.lists(st.one_of(LABELS, PIECES, st.text(CHARS, max_size=12), st.text("甲乙丙丁条款项章节第一二三十百", max_size=8)),
                max_size=5).map("".join)
TEXT = st.tuples(st.lists(LINE, max_size=25), st.lists(st.sampled_from(["\n", "\r\n", "\r", "\n\n"]), min_size=1,
                                                         max_size=3)).map(
    lambda t: "".join(line + t[1][i % len(t[1])] for i, line in enumerate(t[0])))


def assert_conserved(text: str, doc: Document) -> None:
    """Model + notices hold every non-blank input character (Markdown heading markers aside)."""
    expected, got = input_chars(text), model_chars(doc)
    # ``#`` is counted apart: whether a ``##`` is a heading marker or text is the parser's call
    hashes_in, hashes_out = expected.pop("#", 0), got.pop("#", 0)
    missing, extra = expected - got, got - expected
    assert not missing and not extra and hashes_out <= text.count("#"), (
        f"lost {dict(missing.most_common(8))}, invented {dict(extra.most_common(8))}, # {hashes_in}->{hashes_out}")


def parse_or_none(text: str, source: str = "<fuzz>") -> Document | None:
    try:
        with no_hang():
            return lawdiff.parse(text, source=source)
    except LawdiffError as err:
        assert "\n" not in str(err)
        return None


# ---------------------------------------------------------------------------
# hypothesis


@settings(FUZZ, max_examples=PARSE_EXAMPLES)
@given(TEXT)
def test_parse_any_text(text: str) -> None:
    doc = parse_or_none(text)
    count(f"fuzz: hypothesis texts, {'parsed' if doc is not None else 'refused'}")
    if doc is not None:
        assert_conserved(text, doc)
        with no_hang():
            check_outputs(doc)
            try:
                lawdiff.renumber(doc)
            except LawdiffError:
                pass
            try:  # Akoma Ntoso out and back in gives the same Document (or a clear refusal)
                xml = write_akn(doc)
            except LawdiffError:
                count("fuzz: hypothesis texts, AKN refused (XML-unsafe)")
            else:
                assert lawdiff.read_bytes(xml, name="fuzz.xml") == doc


@settings(FUZZ, max_examples=PIPELINE_EXAMPLES)
@given(TEXT, TEXT)
@example("", "第一条第一条\u2028第一条\n")  # found by a deeper run: U+2028 is no line end for Markdown
def test_compare_render_check_any_pair(old_text: str, new_text: str) -> None:
    old = parse_or_none("某某条例\n第一条　甲。\n" + old_text)
    new = parse_or_none("某某条例\n第一条　乙。\n" + new_text)
    if old is None or new is None:
        count("fuzz: hypothesis pairs, refused by parse")
        return
    count("fuzz: hypothesis pairs, through the pipeline")
    try:
        run_pipeline(old, new)
    except LawdiffError:
        pass


SUFFIXES = ("a.md", "a.txt", "a.docx", "a.html", "a.xml", "a")
PREFIXES = (b"", b"PK\x03\x04", b"\xef\xbb\xbf", b"\xff\xfe", b"<?xml version='1.0'?><akomaNtoso>", b"<html><body><p>",
            "某某条例\n第一条　".encode("gb18030"))


@settings(FUZZ, max_examples=BYTES_EXAMPLES)
@given(st.sampled_from(SUFFIXES), st.sampled_from(PREFIXES), st.binary(max_size=400))
@example("a.xml", b"<?xml version='1.0'?><akomaNtoso>", b"\x00")  # lxml's message had a newline
def test_read_any_bytes(name: str, prefix: bytes, data: bytes) -> None:
    result = read_or_error(prefix + data, name)
    count(f"fuzz: hypothesis byte strings, {'read' if isinstance(result, Document) else 'refused'}")


# ---------------------------------------------------------------------------
# mutation of the real corpus

MUTATIONS = ("truncate", "flip_bytes", "replace_chars", "shuffle_lines", "delete_headings", "delete_lines")
#: characters that change the structure when dropped into a text
_STRUCTURAL = "第一二三四十百条章节编之（）()、。：；.#\n 　【】<>-*|\u200b\x0b"
_HEADING = re.compile(r"^(#+ .*|第[一二三四五六七八九十百千零〇两]+[编章节条].*)$")


def mutate_text(data: bytes, kind: str, rng: random.Random) -> bytes:
    if kind == "truncate":  # at any byte (usually inside a character) or at a character boundary
        cut = data[: rng.randrange(1, len(data))]
        return cut if rng.random() < 0.5 else cut.decode("utf-8", "ignore").encode("utf-8")
    if kind == "flip_bytes":
        out = bytearray(data)
        for _ in range(rng.randrange(1, 30)):
            out[rng.randrange(len(out))] = rng.randrange(256)
        return bytes(out)
    if kind == "replace_chars":
        chars = list(data.decode("utf-8"))
        for _ in range(rng.randrange(1, 40)):
            chars[rng.randrange(len(chars))] = rng.choice(_STRUCTURAL)
        return "".join(chars).encode("utf-8")
    lines = data.decode("utf-8").split("\n")
    if kind == "shuffle_lines":
        rng.shuffle(lines)
    elif kind == "delete_headings":
        lines = [ln for ln in lines if not (_HEADING.match(ln.strip()) and rng.random() < 0.6)]
    else:
        lines = [ln for ln in lines if rng.random() < 0.85]
    return "\n".join(lines).encode("utf-8")


@pytest.mark.parametrize("kind", MUTATIONS)
def test_mutated_corpus_files(corpus_docs, kind: str) -> None:
    """Every corpus file, mutated: read (conserving characters) or refused; one mutant per file
    also goes through compare, every renderer and check against the original."""
    rng = random.Random(f"mutate-{kind}")
    parsed = refused = piped = 0
    for i, path in enumerate(CORPUS_FILES):
        data, original = corpus_docs[path.stem]
        for k in range(TEXT_MUTANTS):
            mutant = mutate_text(data, kind, rng)
            result = read_or_error(mutant, path.name)
            count(f"fuzz: corpus mutants ({kind}), {'read' if isinstance(result, Document) else 'refused'}")
            if not isinstance(result, Document):
                refused += 1
                continue
            parsed += 1
            assert_conserved(mutant.decode("utf-8"), result)
            if k == 0 and i % 2 == MUTATIONS.index(kind) % 2:  # half the files, alternating per kind
                try:
                    run_pipeline(original, result)
                except LawdiffError:
                    pass
                piped += 1
                count("fuzz: corpus mutants through the pipeline")
    assert parsed + refused == len(CORPUS_FILES) * TEXT_MUTANTS
    assert parsed >= (len(CORPUS_FILES) if kind != "flip_bytes" else 0)  # a flipped byte rarely leaves valid UTF-8
    assert piped >= 10 or kind == "flip_bytes"


def _zip_mutants(data: bytes, rng: random.Random) -> list[bytes]:
    """Container faults: truncation, byte flips, and XML damage inside an intact zip."""
    out = [data[: rng.randrange(len(data))]]
    flipped = bytearray(data)
    for _ in range(rng.randrange(1, 10)):
        flipped[rng.randrange(len(flipped))] ^= 1 << rng.randrange(8)
    out.append(bytes(flipped))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    for damage in (_truncate_xml, _rename_elements, _delete_elements):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            for name, part in parts.items():
                z.writestr(name, damage(part, rng) if name.endswith(".xml") and rng.random() < 0.7 else part)
        out.append(buf.getvalue())
    return out


def _truncate_xml(xml: bytes, rng: random.Random) -> bytes:
    return xml[: rng.randrange(len(xml))]


def _rename_elements(xml: bytes, rng: random.Random) -> bytes:
    names = sorted(set(re.findall(rb"<([A-Za-z][\w:.-]*)", xml)))
    for name in rng.sample(names, min(len(names), 3)):
        new = b"unknown" + name.split(b":")[-1]
        xml = re.sub(rb"(</?)" + re.escape(name) + rb"([\s/>])", rb"\g<1>" + new + rb"\g<2>", xml)
    return xml


def _delete_elements(xml: bytes, rng: random.Random) -> bytes:
    tags = list(re.finditer(rb"<[A-Za-z][^>]*>", xml))
    for m in sorted(rng.sample(tags, min(len(tags), 5)), key=lambda m: -m.start()):
        xml = xml[: m.start()] + xml[m.end():]  # an unbalanced document, usually
    return xml


@pytest.mark.parametrize("fmt", ["docx", "akn", "html"])
def test_mutated_written_formats(corpus_docs, fmt: str) -> None:
    """.docx, Akoma Ntoso and HTML written by lawdiff for corpus files, then damaged."""
    from xml.sax.saxutils import escape

    from lawdiff.io.akn import write_document as write_akn
    from lawdiff.io.docx import write_document as write_docx
    from lawdiff.io.text import write_text

    rng = random.Random(f"container-{fmt}")
    stems = sorted(corpus_docs)[:: max(1, len(corpus_docs) // CONTAINER_FILES)][:CONTAINER_FILES]
    tried = read = 0
    for stem in stems:
        doc = corpus_docs[stem][1]
        if fmt == "docx":
            mutants = [m for _ in range(CONTAINER_MUTANTS // 2) for m in _zip_mutants(write_docx(doc), rng)]
            name = f"{stem}.docx"
        else:
            if fmt == "akn":
                xml = write_akn(doc)
                name = f"{stem}.xml"
            else:
                xml = "<html><body>" + "".join(f"<p>{escape(ln)}</p>" for ln in write_text(doc).splitlines()) + "</body></html>"
                name = f"{stem}.html"
            xml = xml.encode("utf-8") if isinstance(xml, str) else xml
            mutants = [damage(xml, rng) for _ in range(CONTAINER_MUTANTS)
                       for damage in (_truncate_xml, _rename_elements, _delete_elements)]
        for mutant in mutants:
            tried += 1
            ok = isinstance(read_or_error(mutant, name), Document)
            read += ok
            count(f"fuzz: {fmt} mutants, {'read' if ok else 'refused'}")
    assert tried >= CONTAINER_FILES * CONTAINER_MUTANTS


@pytest.mark.parametrize("kind", ["delete_lines", "shuffle_lines"])
def test_mutated_corpus_drafting_aids(corpus_docs, kind: str) -> None:
    """amend (original -> mutant), apply the decision to the original, renumber the mutant:
    a result or a LawdiffError, never another exception (this found the apply() crash in
    test_regressions.py)."""
    rng = random.Random(f"drafting-{kind}")
    done = 0
    for path in CORPUS_FILES[::2]:
        data, original = corpus_docs[path.stem]
        mutant = read_or_error(mutate_text(data, kind, rng), path.name)
        if not isinstance(mutant, Document):
            continue
        with no_hang():
            try:
                decision = lawdiff.amend(original, mutant)
                lawdiff.apply(original, decision)
            except LawdiffError:
                pass
            try:
                lawdiff.renumber(mutant)
            except LawdiffError:
                pass
        done += 1
        count("fuzz: corpus mutants through amend/apply/renumber")
    assert done >= len(CORPUS_FILES[::2]) - 3


NUMERAL = st.one_of(st.integers(1, 40).map(int_to_cn), st.integers(1, 40).map(int_to_cn),
                    st.sampled_from(["十十", "百百", "零零", "一一", "两", "一百"]))
WORDS = st.text("甲乙丙丁戊规定管理", min_size=1, max_size=6)
TEMPLATES = [
    "将第{n}条修改为：“{w}。”", "删去第{n}条。", "在第{n}条后增加一条，作为第{m}条：“{w}。”",
    "将第{n}条中的“{w}”修改为“{v}”。", "将第{n}条第{k}款修改为：“{w}。”", "删去第{n}条第{k}款第（{j}）项。",
    "第{c}章增加一节，作为第{k}节，节名为“{w}”，将第{n}条至第{m}条列入该节。", "将第{n}条改为第{m}条。",
    "在第{n}条中增加一款，作为第{k}款：“{w}。”", "将第{c}章的章名修改为“{w}”。", "删去第{n}条中的“{w}”。",
    "将第{n}条、第{m}条合并，作为第{n}条，修改为：“{w}。”", "增加一条，作为第{n}条之{k}：“{w}。”",
]
TEMPLATED = st.builds(lambda t, n, m, k, j, c, w, v: t.format(n=n, m=m, k=k, j=j, c=c, w=w, v=v),
                      st.sampled_from(TEMPLATES), NUMERAL, NUMERAL, NUMERAL, NUMERAL, NUMERAL, WORDS, WORDS)
INSTRUCTION = st.one_of(
    TEMPLATED, TEMPLATED, TEMPLATED,
    st.lists(st.sampled_from(["将", "删去", "修改为：", "中的", "增加一条，作为", "后增加", "列入该章", "至", "。", "“", "”",
                              "第一条", "第十十条", "第二款"]), max_size=8).map("".join),
)
DECISION = st.lists(INSTRUCTION, min_size=1, max_size=3).map(
    lambda items: "关于修改《法律援助条例》的决定\n" + "".join(f"{int_to_cn(i)}、{x}\n" for i, x in enumerate(items, 1))
    + "本决定自公布之日起施行。\n")


_LAW: list[Document] = []


def _law_with_chapters() -> Document:
    if not _LAW:
        _LAW.append(lawdiff.read(CORPUS_FILES[0].parent / "cn_legal_aid_regulation_2003.md"))
    return _LAW[0]


@settings(FUZZ, max_examples=DECISION_EXAMPLES)
@given(DECISION)
def test_apply_any_decision(decision: str) -> None:
    """Decision text built from the phrasebook's pieces (numerals readable or not) applied to a real law."""
    law = _law_with_chapters()
    try:
        with no_hang():
            lawdiff.apply(law, decision)
        count("fuzz: hypothesis decisions, applied")
    except LawdiffError as err:
        assert "\n" not in str(err)
        count("fuzz: hypothesis decisions, refused")


def test_mutated_corpus_multi_and_three_way(corpus_docs) -> None:
    """compare_many / compare_three of a corpus file and two mutants, through every N-way renderer
    (HTML and .docx parsed back, JSON loaded, Markdown rows counted)."""
    import json

    from lawdiff.render.multi_docx import render_multi_docx, render_three_docx
    from lawdiff.render.multi_html import render_multi_html, render_three_html
    from lawdiff.render.multi_text import (render_multi_json, render_multi_markdown, render_multi_terminal,
                                           render_three_json, render_three_markdown, render_three_terminal)

    from ._support import docx_parts, html_tree, markdown_table_rows

    rng = random.Random("multi")
    done = 0
    for path in CORPUS_FILES[::4]:
        data, original = corpus_docs[path.stem]
        mutants = [m for m in (read_or_error(mutate_text(data, kind, rng), path.name)
                               for kind in ("replace_chars", "delete_lines")) if isinstance(m, Document)]
        if len(mutants) < 2:
            continue
        with no_hang():
            many = lawdiff.compare_many([original, *mutants])
            three = lawdiff.compare_three(original, *mutants)
            for html, docx, js, md, term in (
                (render_multi_html(many), render_multi_docx(many), render_multi_json(many),
                 render_multi_markdown(many), render_multi_terminal(many)),
                (render_three_html(three), render_three_docx(three), render_three_json(three),
                 render_three_markdown(three), render_three_terminal(three)),
            ):
                html_tree(html.encode("utf-8"))
                docx_parts(docx)
                json.loads(js)
                assert term
                for table in md.split("\n\n"):
                    assert len({len(r) for r in markdown_table_rows(table)}) <= 1
        done += 1
        count("fuzz: corpus mutants through compare_many/compare_three", 2)
    assert done >= 8
