"""Hostile files: broken and malicious .docx, XML with entities, scripted HTML, foreign Akoma Ntoso.

Each file of ``_hostile.build`` is either refused with a one-line
InputError/ParseError naming the file, or (a legitimate text in a hostile
wrapper) read with its text kept and its active content ignored. An XXE would
read ``secret.txt`` or call the canary HTTP server: neither may happen.
"""
from __future__ import annotations

import io
import zipfile

import pytest

import lawdiff
from lawdiff.errors import LawdiffError
from lawdiff.io.base import MAX_DOCX_PART_BYTES, MAX_INPUT_BYTES
from lawdiff.model import Document

from ._hostile import GOOD_LINES, SECRET
from ._support import count, docx_with_document, document_xml, html_tree, reports, validate_reports


def doc_strings(doc: Document) -> str:
    """Everything a Document holds as text, notices included."""
    parts = [doc.title, *doc.preamble, *doc.intro, *doc.front]
    parts += [d.label + d.heading for d in doc.divisions()]
    parts += [u.label + (u.heading_raw or "") + u.text for u in doc.units()]
    parts += [n.text for n in doc.notices]
    return "\n".join(parts)


def test_every_hostile_file_is_refused_or_read_safely(hostile) -> None:
    files, canary = hostile
    problems = []
    refused = read = 0
    for name, h in sorted(files.items()):
        count("hostile files (library)")
        try:
            doc = lawdiff.read(h.path)
        except LawdiffError as err:
            message = str(err)
            if h.expect != "refused":
                problems.append(f"{name}: refused but should be read: {message}")
            elif err.exit_code != 3 or "\n" in message or str(h.path) not in message:
                problems.append(f"{name}: bad error {type(err).__name__} exit {err.exit_code}: {message!r}")
            elif h.fragment and h.fragment not in message:
                problems.append(f"{name}: message lacks {h.fragment!r}: {message}")
            elif SECRET in message:
                problems.append(f"{name}: the secret leaked into the message")
            refused += 1
            continue
        if h.expect != "read":
            problems.append(f"{name}: read ({len(list(doc.units()))} units) but should be refused ({h.why})")
            continue
        read += 1
        text = doc_strings(doc)
        problems += [f"{name}: lost {s!r}" for s in h.present if s not in text]
        problems += [f"{name}: kept {s!r}" for s in h.absent if s in text]
        out = reports(lawdiff.compare(lawdiff.parse("\n".join(GOOD_LINES)), doc))
        for fmt, data in out.items():
            problems += [f"{name}: {fmt} report shows {s!r}" for s in h.absent if s.encode() in data]
    assert not problems, "\n".join(problems)
    assert canary.hits == [], f"an XML parser fetched {canary.hits}"
    assert refused >= 30 and read >= 3


def test_hostile_html_report_has_no_active_content(hostile) -> None:
    """The scripted page is read; the report built from it carries only lawdiff's own script."""
    files, _ = hostile
    doc = lawdiff.read(files["hostile.html"].path)
    assert [u.text for u in doc.units()] == ["为了规范管理，制定本条例。", "本条例自公布之日起施行。"]
    comparison = lawdiff.compare(lawdiff.parse("\n".join(GOOD_LINES)), doc)
    out = reports(comparison)
    validate_reports(comparison, out)
    root = html_tree(out["html"])
    assert not root.xpath("//iframe|//object|//embed|//svg")
    assert len(root.xpath("//script")) <= 1 and all(not s.get("src") for s in root.xpath("//script"))
    handlers = [a for el in root.iter() if isinstance(el.tag, str) for a in el.attrib if a.lower().startswith("on")]
    assert handlers == []
    assert not [h for h in root.xpath("//@href|//@src") if h.strip().lower().startswith("javascript:")]


def test_akn_unknown_elements_keep_their_text(hostile) -> None:
    files, _ = hostile
    doc = lawdiff.read(files["unknown_elements.xml"].path)
    assert [u.label for u in doc.units()] == ["第一条", "第二条"]
    assert doc.notices, "the unknown containers must be reported"
    assert all(n.text for n in doc.notices if n.severity == "warning")


def test_zip_bomb_limits_are_documented_values() -> None:
    """The limits the docs quote are the limits the code enforces."""
    from lawdiff.io.docx import MAX_COMPRESSION_RATIO

    assert MAX_INPUT_BYTES == 64 * 1024 * 1024
    assert MAX_DOCX_PART_BYTES == 256 * 1024 * 1024
    assert MAX_COMPRESSION_RATIO == 200


@pytest.mark.parametrize("size", [MAX_DOCX_PART_BYTES + 1, 2**31, 2**32 - 1])
def test_declared_sizes_over_the_part_limit_are_refused_without_inflating(size: int) -> None:
    """A forged central directory claiming a huge part: refused from the directory alone."""
    from ._support import CONTENT_TYPES, ROOT_RELS, raw_zip, stored

    payload = document_xml(GOOD_LINES)
    data = raw_zip([stored("[Content_Types].xml", CONTENT_TYPES), stored("_rels/.rels", ROOT_RELS),
                    ("word/document.xml", payload, 0, 0, size)])
    count("zip headers forged")
    with pytest.raises(LawdiffError, match="refusing"):
        lawdiff.read_bytes(data, name="forged.docx")


def test_docx_with_script_like_text_and_bad_xml_chars() -> None:
    """A .docx whose runs hold markup-looking text: read literally, nothing interpreted."""
    lines = ["某某条例", "第一条　<script>alert(1)</script>]]>&amp;|管|理|。", "第二条　本条例自公布之日起施行。"]
    doc = lawdiff.read_bytes(docx_with_document(document_xml(lines)), name="markup.docx")
    assert [u.text for u in doc.units()][0] == "<script>alert(1)</script>]]>&amp;|管|理|。"


def test_docx_part_that_is_not_xml() -> None:
    data = docx_with_document(b"\x89PNG\r\n\x1a\n" + bytes(100))
    with pytest.raises(LawdiffError, match="malformed XML"):
        lawdiff.read_bytes(data, name="png.docx")


def test_docx_zip_with_directory_traversal_names_is_read_from_the_package_only(tmp_path) -> None:
    """A relationship pointing outside the package (``../../etc/passwd``) never reaches the file system."""
    from ._support import CONTENT_TYPES, raw_zip, stored

    rels = (b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            b'<Relationship Id="r" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            b'officeDocument" Target="../../../../etc/passwd"/></Relationships>')
    data = raw_zip([stored("[Content_Types].xml", CONTENT_TYPES), stored("_rels/.rels", rels),
                    stored("word/document.xml", document_xml(GOOD_LINES))])
    try:
        doc = lawdiff.read_bytes(data, name="traversal.docx")
    except LawdiffError as err:
        assert "root:" not in str(err)
    else:
        assert "root:" not in doc_strings(doc)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert "word/document.xml" in z.namelist()
