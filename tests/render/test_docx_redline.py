"""Word tracked changes: accept-all gives the new text, reject-all the old one, paragraph by paragraph."""
from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lawdiff.model import Article, Clause, Division, Document, Level, Relation
from lawdiff.render import render_report, write_report
from lawdiff.render.docx_redline import document_paragraphs, render_docx_redline
from lawdiff.render.marks import clean

from ._build import compare_docs
from ._revisions import NS, W, document_xml, resolve

DATE = "2024-06-01T08:00:00Z"


def official(doc: Document) -> list[str]:
    """The expected paragraphs, written out independently of the renderer."""
    out = [doc.title, *doc.preamble, *doc.intro]

    def walk(nodes) -> None:
        for node in nodes:
            if isinstance(node, Division):
                out.append(f"{node.label}\u3000{node.heading}")
                walk(node.children)
            else:
                sep = "" if node.kind == "item" else "\u3000"
                paragraphs = node.text.split("\n")
                out.append(node.label + sep + paragraphs[0])
                out.extend(paragraphs[1:])

    walk(doc.body)
    return [clean(p) for p in out]


def test_accept_gives_new_text_and_reject_gives_old_text(corpus_comparison):
    data = render_docx_redline(corpus_comparison, date=DATE)
    assert resolve(data, "accept") == official(corpus_comparison.right)
    assert resolve(data, "reject") == official(corpus_comparison.left)


def test_accept_reject_on_real_comparisons(real_comparison):
    """The parser + aligner + diff output, including splits, added chapters and a full revision."""
    data = render_docx_redline(real_comparison, date=DATE)
    assert resolve(data, "accept") == official(real_comparison.right)
    assert resolve(data, "reject") == official(real_comparison.left)
    assert document_paragraphs(real_comparison.right) == official(real_comparison.right)


def test_revisions_have_author_date_and_unique_ids(foreign_trade):
    data = render_docx_redline(foreign_trade, author="法工委<审>", date=DATE)
    root = document_xml(data)
    revisions = root.findall(".//w:ins", NS) + root.findall(".//w:del", NS)
    assert revisions
    ids = [r.get(f"{{{W}}}id") for r in revisions]
    assert len(ids) == len(set(ids))
    assert {r.get(f"{{{W}}}author") for r in revisions} == {"法工委<审>"}
    assert {r.get(f"{{{W}}}date") for r in revisions} == {DATE}
    # deleted text sits in w:delText, never in w:t
    assert not root.findall(".//w:del//w:t", NS)
    deleted = "".join(t.text for t in root.iterfind(".//w:delText", NS))
    assert "备案登记的具体办法由国务院对外贸易主管部门规定" in deleted
    # the renumbering 第十条 -> 第九条 is a revision of the label
    assert root.findall(".//w:del//w:delText", NS)


def test_whole_articles_are_inserted_and_deleted_paragraphs(foreign_trade, holidays):
    root = document_xml(render_docx_redline(foreign_trade, date=DATE))
    deleted_marks = root.findall(".//w:p/w:pPr/w:rPr/w:del", NS)
    assert len(deleted_marks) >= 2  # 第九条 of 2016 has two paragraphs
    root = document_xml(render_docx_redline(holidays, date=DATE))
    inserted_marks = root.findall(".//w:p/w:pPr/w:rPr/w:ins", NS)
    assert inserted_marks
    inserted = [p for p in root.iterfind(".//w:body/w:p", NS) if p.find("w:ins", NS) is not None and p.find("w:r", NS) is None]
    assert any("带薪年休假" in "".join(t.text for t in p.iterfind(".//w:t", NS)) for p in inserted)


def test_python_docx_reads_it_and_fonts(chishui):
    data = render_report(chishui, "docx", redline=True, author="lawdiff", date=DATE, heading_font="楷体")
    document = docx.Document(io.BytesIO(data))
    assert len(document.paragraphs) >= len(official(chishui.right))  # every paragraph reads
    assert resolve(data, "accept")[0] == chishui.right.title
    assert "楷体" in str(docx.Document(io.BytesIO(data)).element.xml)


def test_hostile_text(hostile):
    data = render_docx_redline(hostile, date=DATE)
    assert resolve(data, "accept") == official(hostile.right)
    assert resolve(data, "reject") == official(hostile.left)
    assert "\ufffd" in "".join(resolve(data, "reject"))


def _doc(units: list[list[str]], chapters: list[int], title: str) -> Document:
    articles = [
        Article(number=i + 1, label=f"第{i + 1}条", clauses=tuple(Clause(index=k + 1, text=t) for k, t in enumerate(paras)))
        for i, paras in enumerate(units)
    ]
    body: list = []
    bounds = sorted({c for c in chapters if 0 < c < len(articles)})
    start = 0
    for n, end in enumerate(bounds + [len(articles)]):
        body.append(Division(level=Level.CHAPTER, number=n + 1, label=f"第{n + 1}章", heading=f"章{n % 2}", children=tuple(articles[start:end])))
        start = end
    return Document(title=title, body=tuple(body), preamble=(f"（{title}）",))


_para = st.text(alphabet="甲乙丙丁戊己庚辛壬癸，。\x0b<>|", min_size=1, max_size=12)
_unit = st.lists(_para, min_size=1, max_size=3)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    old=st.lists(_unit, min_size=0, max_size=6),
    edits=st.lists(st.tuples(st.integers(0, 5), st.sampled_from(["drop", "edit", "add", "keep"]), _unit), max_size=6),
    chapters=st.lists(st.integers(1, 5), max_size=2),
    new_chapters=st.lists(st.integers(1, 5), max_size=2),
)
def test_accept_reject_invariant(old, edits, chapters, new_chapters):
    new = [list(u) for u in old]
    for where, what, unit in edits:
        k = min(where, len(new))
        if what == "drop" and new:
            new.pop(min(k, len(new) - 1))
        elif what == "edit" and new:
            new[min(k, len(new) - 1)] = new[min(k, len(new) - 1)][:1] + unit
        elif what == "add":
            new.insert(k, unit)
    left = _doc(old, chapters, "旧法")
    right = _doc(new, new_chapters, "新法")
    comparison = compare_docs(left, right)
    data = render_docx_redline(comparison, date=DATE)
    assert resolve(data, "accept") == official(right)
    assert resolve(data, "reject") == official(left)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_converts_both_word_reports(tmp_path: Path, foreign_trade, hostile):
    files = []
    for name, comparison in (("ft", foreign_trade), ("hostile", hostile)):
        for kind in ("table", "redline"):
            path = tmp_path / f"{name}_{kind}.docx"
            write_report(comparison, path, redline=kind == "redline", date=DATE)
            files.append(path)
    result = subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--convert-to", "pdf",
         "--outdir", str(tmp_path), *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    for path in files:
        pdf = path.with_suffix(".pdf")
        assert pdf.is_file() and pdf.stat().st_size > 1000, f"{pdf.name} was not produced: {result.stdout} {result.stderr}"
        assert pdf.read_bytes().startswith(b"%PDF")


def test_moved_split_and_merged_units(reshuffled):
    """A moved unit is deleted where it was and inserted where it is; split/merge pairs keep both texts."""
    data = render_docx_redline(reshuffled, date=DATE)
    assert resolve(data, "accept") == official(reshuffled.right)
    assert resolve(data, "reject") == official(reshuffled.left)


CIVIL_CODE_PARTS = ("总则", "物权编", "合同编", "人格权编", "婚姻家庭编", "继承编", "侵权责任编", "附则")


@pytest.mark.corpus
def test_civil_code_all_reports(bulk_corpus):
    """The 1,260 articles of the Civil Code against a copy with every 20th article edited."""
    import lawdiff
    from lawdiff.render import render_html, render_markdown
    from lawdiff.render.docx_table import render_docx_table

    folder = next(bulk_corpus.rglob("民法典/总则.md")).parent
    lines: list[str] = []
    for k, name in enumerate(CIVIL_CODE_PARTS):
        part = (folder / f"{name}.md").read_text(encoding="utf-8").splitlines()
        if k:
            part = part[part.index("<!-- INFO END -->") + 1 :]
        lines += [ln for ln in part if not ln.startswith("<!--")]
    edited, n = [], 0
    for line in lines:
        if line.startswith("第") and "条 " in line[:12]:
            n += 1
            if n % 20 == 0:
                line = line.replace("应当", "必须", 1) + "但是法律另有规定的除外。"
        edited.append(line)
    comparison = lawdiff.compare(lawdiff.parse("\n".join(lines)), lawdiff.parse("\n".join(edited)))
    assert comparison.summary.left_units == 1260
    data = render_docx_redline(comparison, date=DATE)
    assert resolve(data, "accept") == official(comparison.right)
    assert resolve(data, "reject") == official(comparison.left)
    assert render_html(comparison).count('class="pair ') == len(comparison.pairs)
    assert render_docx_table(comparison).startswith(b"PK")
    assert render_markdown(comparison, changed_only=True).count("\n| 修改") == comparison.summary.count(Relation.MODIFIED)
