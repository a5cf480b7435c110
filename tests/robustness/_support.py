"""Shared pieces of the robustness suite: corpus access, case counting, a hang guard,
the full pipeline (compare -> every renderer -> check -> every check format) and
validators that parse every output back.

Counting: every test that generates or injects cases calls :func:`count` with a
category; ``tests/robustness/conftest.py`` prints the totals at the end of the
run ("robustness cases"), so the number of inputs tried is recorded in every
CI log. Tests also assert a lower bound on their own count, so a strategy that
silently generates nothing fails.
"""
from __future__ import annotations

import collections
import contextlib
import io
import json
import re
import signal
import struct
import threading
import zipfile
import zlib
from pathlib import Path
from typing import Iterator

import lawdiff
from lawdiff.errors import LawdiffError
from lawdiff.model import Comparison, Document

ROOT = Path(__file__).resolve().parents[2]
CORPORA = ROOT / "corpora"
CORPUS_FILES = sorted(p for p in CORPORA.glob("*.md") if p.name != "README.md")

COUNTS: collections.Counter[str] = collections.Counter()

#: Generous bound for one case of the pipeline: a case that runs longer is a hang (a failure,
#: not a timing assertion: real cases take well under a second on the slowest CI machine).
HANG_SECONDS = 60

#: Text that tries to break each output format.
NASTY = (
    "<script>alert('x')</script>",
    "</td></tr></table>",
    "]]>",
    "<![CDATA[x]]>",
    "a | b || c \\| d",
    "**粗** _斜_ ~~删~~ `码` [链](http://e.com) #",
    "&amp; &lt; &#x41;",
    '" onmouseover="alert(1)',
    "</w:t><w:t>注入</w:t>",
    "::error file=x::伪造",
    "%0A%25",
)
#: Characters XML 1.0 cannot hold (Word's vertical tab, backspace, unit separator, noncharacters).
INVALID_XML = ("\x0b", "\x0c", "\x1b", "\ufffe", "\uffff")


def count(category: str, n: int = 1) -> None:
    """Record ``n`` cases of ``category`` (printed at the end of the run)."""
    COUNTS[category] += n


def corpus_pairs() -> list[tuple[str, str]]:
    """The compared pairs listed in corpora/README.md (old, new file stems)."""
    pairs = []
    text = (CORPORA / "README.md").read_text(encoding="utf-8")
    for m in re.finditer(r"^\| ([a-z0-9_]+) \| ([a-z0-9_]+)(?: \([^)]*\))? \| \d+ \|", text, re.M):
        pairs.append((m.group(1), m.group(2)))
    return pairs


@contextlib.contextmanager
def no_hang(seconds: float = HANG_SECONDS) -> Iterator[None]:
    """Fail (TimeoutError) instead of hanging CI when the block runs longer than ``seconds``."""
    if threading.current_thread() is not threading.main_thread():  # pragma: no cover
        yield
        return

    def _alarm(signum, frame):  # noqa: ARG001
        raise TimeoutError(f"no result after {seconds}s: lawdiff hangs on this input")

    old = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def read_or_error(data: bytes, name: str) -> Document | LawdiffError:
    """``lawdiff.read_bytes`` that returns the LawdiffError instead of raising it (others propagate)."""
    try:
        with no_hang():
            return lawdiff.read_bytes(data, name=name)
    except LawdiffError as err:
        assert str(err).strip() and "\n" not in str(err), f"error message must be one line: {err!r}"
        return err


# ---------------------------------------------------------------------------
# the pipeline and its outputs

REPORT_FORMATS = ("html", "docx", "redline", "markdown", "json", "text")
CHECK_FORMATS = ("text", "json", "github", "junit")


def reports(comparison: Comparison) -> dict[str, bytes]:
    """Every report of a comparison, by format."""
    from lawdiff.render import render_report

    return {fmt: render_report(comparison, fmt) for fmt in REPORT_FORMATS}


def check_outputs(doc: Document, source: str = "draft.md") -> tuple[tuple, dict[str, str]]:
    """Lint findings of ``doc`` and their four renderings."""
    from lawdiff.check import lint
    from lawdiff.check.output import render

    findings = lint(doc, source=source)
    return findings, {fmt: render(findings, fmt, sources=[source]) for fmt in CHECK_FORMATS}


def run_pipeline(old: Document, new: Document) -> tuple[Comparison, dict[str, bytes], dict[str, str]]:
    """compare -> every report (validated) -> lint -> every check format (validated).

    Raises whatever lawdiff raises; a LawdiffError is an acceptable outcome for the caller.
    """
    with no_hang():
        comparison = lawdiff.compare(old, new)
        out = reports(comparison)
        validate_reports(comparison, out)
        _, checks = check_outputs(new)
        validate_checks(checks)
    return comparison, out, checks


def xml_text(data: bytes) -> "object":
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)
    return etree.fromstring(data, parser)


def docx_parts(data: bytes) -> dict[str, "object"]:
    """Every XML part of a .docx, parsed strictly (raises on malformed XML)."""
    out = {}
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None
        for name in z.namelist():
            if name.endswith((".xml", ".rels")):
                out[name] = xml_text(z.read(name))
    assert "word/document.xml" in out
    return out


def docx_text(data: bytes) -> str:
    """The text of word/document.xml (``w:t`` and ``w:delText``), runs joined."""
    root = docx_parts(data)["word/document.xml"]
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    return "".join(el.text or "" for el in root.iter(ns + "t", ns + "delText"))


def html_tree(data: bytes):
    """The HTML report parsed by lxml.html (strict enough: must be one document with a body)."""
    from lxml import html as lhtml

    root = lhtml.document_fromstring(data)
    assert root.find("body") is not None
    return root


def markdown_table_rows(md: str) -> list[list[str]]:
    """Rows of the Markdown report's tables, split on unescaped pipes."""
    rows = []
    for line in md.split("\n"):  # CommonMark ends lines at LF/CR only (not at U+2028, \x0b, \x1c ...)
        line = line.rstrip("\r")
        if line.startswith("|"):
            cells = re.split(r"(?<!\\)\|", line)
            rows.append(cells[1:-1])
    return rows


def validate_reports(comparison: Comparison, out: dict[str, bytes]) -> None:
    """Each report parses back; the JSON ops rebuild both sides; Markdown tables keep their columns."""
    html_tree(out["html"])
    docx_parts(out["docx"])
    docx_parts(out["redline"])
    data = json.loads(out["json"])
    assert len(data["pairs"]) == len(comparison.pairs)
    for pair, jpair in zip(comparison.pairs, data["pairs"]):
        old = "".join(op[1] for op in jpair["ops"])
        new = "".join(op[2] for op in jpair["ops"])
        assert old == pair.old_text and new == pair.new_text
    rows = markdown_table_rows(out["markdown"].decode("utf-8"))
    widths = {len(r) for r in rows}
    assert len(widths) <= 1, f"Markdown table rows with different cell counts: {sorted(widths)}"
    out["text"].decode("utf-8")


def validate_checks(checks: dict[str, str]) -> None:
    """JSON loads, JUnit parses, each GitHub annotation is one workflow command line."""
    json.loads(checks["json"])
    xml_text(checks["junit"].encode("utf-8"))
    for line in checks["github"].rstrip("\n").split("\n") if checks["github"] else []:  # the runner splits on LF only
        assert re.match(r"^::(error|warning|notice) [^:]*::", line), line


# ---------------------------------------------------------------------------
# building zip files by hand (zip bombs without writing gigabytes)


def deflate_repeated(block: bytes, times: int) -> bytes:
    """A raw deflate stream of ``block * times``, built in O(len(block)) work.

    After a full flush deflate forgets its history, so compressing the same block again
    gives the same bytes: the stream is ``first + middle * (times - 1) + end``.
    """
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = c.compress(block) + c.flush(zlib.Z_FULL_FLUSH)
    middle = c.compress(block) + c.flush(zlib.Z_FULL_FLUSH)
    end = c.flush()
    return first + middle * (times - 1) + end


def raw_zip(entries: list[tuple[str, bytes, int, int, int]]) -> bytes:
    """A zip archive from ``(name, payload, method, crc, declared_size)`` entries.

    The payload is written as is (already deflated for method 8), and the local and central
    headers declare ``declared_size`` as the uncompressed size, true or not (sizes below 4 GiB).
    """
    out = io.BytesIO()
    central = []
    for name, payload, method, crc, size in entries:
        fname = name.encode("utf-8")
        offset = out.tell()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0x21, crc, len(payload), size, len(fname), 0))
        out.write(fname)
        out.write(payload)
        central.append(
            struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0x21, crc, len(payload), size,
                        len(fname), 0, 0, 0, 0, 0, offset) + fname
        )
    start = out.tell()
    for entry in central:
        out.write(entry)
    end = out.tell()
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), end - start, start, 0))
    return out.getvalue()


CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/word/document.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    b"</Types>"
)
ROOT_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    b'officeDocument" Target="word/document.xml"/></Relationships>'
)
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def stored(name: str, data: bytes) -> tuple[str, bytes, int, int, int]:
    return (name, data, 0, zlib.crc32(data), len(data))


def docx_with_document(document_xml: bytes) -> bytes:
    """A minimal .docx whose word/document.xml is ``document_xml`` (stored, not deflated)."""
    return raw_zip([stored("[Content_Types].xml", CONTENT_TYPES), stored("_rels/.rels", ROOT_RELS),
                    stored("word/document.xml", document_xml)])


def document_xml(paragraphs: list[str], prolog: str = "") -> bytes:
    """WordprocessingML body with one paragraph per string (text XML-escaped)."""
    from xml.sax.saxutils import escape

    body = "".join(f"<w:p><w:r><w:t xml:space=\"preserve\">{escape(p)}</w:t></w:r></w:p>" for p in paragraphs)
    return (f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<w:document xmlns:w="{W_NS}"><w:body>{body}'
            "</w:body></w:document>").encode("utf-8")
