"""Builders of small hand-made .docx packages for the reader tests.

``package(body_xml, numbering_xml=None, styles_xml=None)`` returns the bytes
of a minimal but complete WordprocessingML package (content types, package
and document relationships, ``word/document.xml`` and optional numbering and
styles parts), the way Word lays one out. Helpers build paragraphs, runs and
numbering definitions so that tests read like the documents they describe.
"""
from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
</Types>"""

_PACKAGE_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""

_DOC_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>"""


def document_xml(body: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{W_NS}" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        f"<w:body>{body}<w:sectPr/></w:body></w:document>"
    )


def package(
    body: str,
    *,
    numbering: str | None = None,
    styles: str | None = None,
    document: str | None = None,
    extra: dict[str, bytes] | None = None,
) -> bytes:
    """A .docx whose body is ``body`` (WordprocessingML block content)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _PACKAGE_RELS)
        zf.writestr("word/_rels/document.xml.rels", _DOC_RELS)
        zf.writestr("word/document.xml", document if document is not None else document_xml(body))
        if numbering is not None:
            zf.writestr(
                "word/numbering.xml",
                f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering xmlns:w="{W_NS}">'
                f"{numbering}</w:numbering>",
            )
        if styles is not None:
            zf.writestr(
                "word/styles.xml",
                f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w="{W_NS}">'
                f"{styles}</w:styles>",
            )
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return buffer.getvalue()


def run(text: str) -> str:
    """One run of text (spaces preserved)."""
    return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def para(*content: str, num: tuple[int, int] | None = None, center: bool = False, style: str | None = None) -> str:
    """A paragraph; ``content`` items are raw run-level XML or plain text (made into runs)."""
    ppr = ""
    if style:
        ppr += f'<w:pStyle w:val="{style}"/>'
    if num is not None:
        ppr += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    if center:
        ppr += '<w:jc w:val="center"/>'
    inner = "".join(c if c.startswith("<") else run(c) for c in content)
    return f"<w:p>{'<w:pPr>' + ppr + '</w:pPr>' if ppr else ''}{inner}</w:p>"


def level(ilvl: int, fmt: str, text: str, *, start: int = 1, suff: str | None = None, restart: int | None = None) -> str:
    extra = f'<w:suff w:val="{suff}"/>' if suff else ""
    extra += f'<w:lvlRestart w:val="{restart}"/>' if restart is not None else ""
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{extra}'
        f'<w:lvlText w:val="{escape(text)}"/><w:lvlJc w:val="left"/></w:lvl>'
    )


def abstract(abstract_id: int, *levels: str) -> str:
    return f'<w:abstractNum w:abstractNumId="{abstract_id}">{"".join(levels)}</w:abstractNum>'


def num(num_id: int, abstract_id: int, *, start_override: dict[int, int] | None = None) -> str:
    overrides = "".join(
        f'<w:lvlOverride w:ilvl="{lvl}"><w:startOverride w:val="{val}"/></w:lvlOverride>'
        for lvl, val in (start_override or {}).items()
    )
    return f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'


def table(rows: list[list[list[str]]]) -> str:
    """A table: rows of cells, each cell a list of paragraph texts."""
    out = ["<w:tbl><w:tblPr/><w:tblGrid/>"]
    for row in rows:
        out.append("<w:tr>")
        for cell in row:
            out.append("<w:tc><w:tcPr/>" + "".join(para(t) for t in (cell or [""])) + "</w:tc>")
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)
