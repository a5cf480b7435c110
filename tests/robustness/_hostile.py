"""Hostile input files, built in a temporary folder (no gigabytes written).

:func:`build` writes every file and returns ``{name: Hostile}``, where
``expect`` is ``"refused"`` (lawdiff must raise an InputError/ParseError and
the CLI exit with 3) or ``"read"`` (a legitimate text in a hostile wrapper:
it must be read, with the dangerous parts ignored and the text kept).
``absent`` lists strings that must never appear in anything lawdiff prints or
builds from the file (script bodies, the XXE secret); ``present`` lists text
that must survive.
"""
from __future__ import annotations

import http.server
import threading
import zlib
from dataclasses import dataclass
from pathlib import Path

from ._support import (
    CONTENT_TYPES,
    CORPORA,
    ROOT_RELS,
    W_NS,
    deflate_repeated,
    docx_with_document,
    document_xml,
    raw_zip,
    stored,
)

SECRET = "LAWDIFF-SECRET-7f3a9c"
MiB = 1024 * 1024


@dataclass(frozen=True)
class Hostile:
    path: Path
    expect: str  # "refused" or "read"
    why: str
    absent: tuple[str, ...] = ()
    present: tuple[str, ...] = ()
    fragment: str = ""  # expected in the error message when refused


class Canary:
    """A local HTTP server that records every request: an XXE fetch would show up here."""

    def __init__(self) -> None:
        hits: list[str] = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                hits.append(self.path)
                body = f"<!ENTITY leak '{SECRET}'>".encode()
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:  # quiet
                pass

        self.hits = hits
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "Canary":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


GOOD_LINES = ["某某条例", "第一条　为了规范管理，制定本条例。", "第二条　本条例自公布之日起施行。"]
GOOD_TEXT = "\n".join(GOOD_LINES) + "\n"


def _entities(secret_file: Path, url: str) -> dict[str, str]:
    """DOCTYPE prologs: external file/URL entities, parameter entities, billion laughs."""
    laughs = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)
    ]
    return {
        "xxe_file": f'<!DOCTYPE d [<!ENTITY xxe SYSTEM "{secret_file.as_uri()}">]>',
        "xxe_http": f'<!DOCTYPE d [<!ENTITY xxe SYSTEM "{url}/xxe">]>',
        "xxe_param": f'<!DOCTYPE d [<!ENTITY % p SYSTEM "{url}/param"> %p;]>',
        "xxe_dtd": f'<!DOCTYPE d SYSTEM "{url}/dtd">',
        "billion_laughs": "<!DOCTYPE d [" + "".join(laughs) + "]>",
    }


def _entity_ref(kind: str) -> str:
    return {"xxe_file": "&xxe;", "xxe_http": "&xxe;", "xxe_param": "&leak;", "xxe_dtd": "",
            "billion_laughs": "&lol9;"}[kind]


def _akn(body: str, prolog: str = "") -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}'
        '<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">'
        '<act name="regulation"><preface><longTitle><p><docTitle>某某条例</docTitle></p></longTitle></preface>'
        f"<body>{body}</body></act></akomaNtoso>"
    )


def _akn_article(n: int, label: str, text: str) -> str:
    return (f'<article eId="art_{n}"><num>{label}</num><paragraph eId="art_{n}__para_1">'
            f"<content><p>{text}</p></content></paragraph></article>")


def _corpus_docx() -> bytes:
    import lawdiff
    from lawdiff.io.docx import write_document

    return write_document(lawdiff.read(CORPORA / "cn_public_holidays_measures_2024.md"))


def build(folder: Path, url: str) -> dict[str, Hostile]:
    """Write every hostile file into ``folder``; ``url`` is the canary server."""
    folder.mkdir(parents=True, exist_ok=True)
    secret_file = folder / "secret.txt"
    secret_file.write_text(SECRET, encoding="utf-8")
    files: dict[str, Hostile] = {}

    def add(name: str, data: bytes, expect: str, why: str, **kw) -> None:
        path = folder / name
        path.write_bytes(data)
        files[name] = Hostile(path, expect, why, **kw)

    real_docx = _corpus_docx()
    # --- .docx containers
    add("not_a_zip.docx", GOOD_TEXT.encode("utf-8"), "refused", "a text file named .docx", fragment="not a .docx")
    add("legacy_ole.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096), "refused", "a Word 97 .doc renamed",
        fragment="legacy")
    add("truncated_half.docx", real_docx[: len(real_docx) // 2], "refused", "zip cut in half")
    add("truncated_tail.docx", real_docx[:-10], "refused", "end-of-central-directory record cut")
    flipped = bytearray(real_docx)
    for i in range(200, len(flipped) - 200, max(1, len(flipped) // 40)):
        flipped[i] ^= 0x5A
    add("bytes_flipped.docx", bytes(flipped), "refused", "40 bytes flipped inside the deflated parts")
    add("empty.docx", b"", "refused", "zero bytes", fragment="empty")
    add("no_document_part.docx", raw_zip([stored("[Content_Types].xml", CONTENT_TYPES)]), "refused",
        "a zip without word/document.xml")
    # --- zip bombs
    block = b" " * MiB
    bomb200 = deflate_repeated(block, 200)
    crc = 0
    for _ in range(200):
        crc = zlib.crc32(block, crc)
    add("bomb_ratio.docx", raw_zip([stored("[Content_Types].xml", CONTENT_TYPES), stored("_rels/.rels", ROOT_RELS),
                                    ("word/document.xml", bomb200, 8, crc, 200 * MiB)]),
        "refused", "200 MiB part deflated ~1000:1 (under the size limit, over the ratio limit)",
        fragment="compression ratio")
    bomb3g = deflate_repeated(block, 3072)
    add("bomb_3gib.docx", raw_zip([stored("[Content_Types].xml", CONTENT_TYPES), stored("_rels/.rels", ROOT_RELS),
                                   ("word/document.xml", bomb3g, 8, 0, 3072 * MiB)]),
        "refused", "a part that inflates to 3 GiB (declared honestly)", fragment="uncompressed")
    add("bomb_lying_header.docx", raw_zip([stored("[Content_Types].xml", CONTENT_TYPES),
                                           stored("_rels/.rels", ROOT_RELS),
                                           ("word/document.xml", bomb3g, 8, 0, 4000)]),
        "refused", "3 GiB stream whose header claims 4,000 bytes (forged size)")
    one = deflate_repeated(block, 1)
    add("bomb_many_parts.docx", raw_zip([stored("[Content_Types].xml", CONTENT_TYPES), stored("_rels/.rels", ROOT_RELS)]
                                        + [(f"word/media/p{i}.bin", one, 8, zlib.crc32(block), MiB) for i in range(300)]
                                        + [stored("word/document.xml", document_xml(GOOD_LINES))]),
        "refused", "300 parts of 1 MiB each (total over the limit)", fragment="total")
    # numbering that would expand a forged start value: upperLetter of 2**31 is 82 million letters per paragraph
    numbered = document_xml(["某某条例"]).replace(
        b"</w:body>",
        "".join('<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
                f'<w:r><w:t>{t}</w:t></w:r></w:p>' for t in ["为了规范管理，制定本条例。"] * 40).encode()
        + b"</w:body>")
    numbering = (f'<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="{W_NS}">'
                 '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="2147483647"/>'
                 '<w:numFmt w:val="upperLetter"/><w:lvlText w:val="第%1条"/><w:suff w:val="space"/></w:lvl>'
                 '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>').encode()
    doc_rels = (b'<?xml version="1.0" encoding="UTF-8"?><Relationships '
                b'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" '
                b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" '
                b'Target="numbering.xml"/></Relationships>')
    add("numbering_bomb.docx", raw_zip([stored("[Content_Types].xml", CONTENT_TYPES), stored("_rels/.rels", ROOT_RELS),
                                        stored("word/document.xml", numbered), stored("word/numbering.xml", numbering),
                                        stored("word/_rels/document.xml.rels", doc_rels)]),
        "refused", "40 list paragraphs numbered from 2**31 in letters (3 GB of labels; now decimal, so no 条 found)",
        fragment="no articles")
    # --- XML entities in .docx and Akoma Ntoso
    for kind, prolog in _entities(secret_file, url).items():
        ref = _entity_ref(kind)
        doc = document_xml(["某某条例", f"第一条　引用{ref}。", "第二条　本条例自公布之日起施行。"], prolog)
        doc = doc.replace("引用&amp;".encode(), "引用&".encode())  # a raw entity reference, not escaped text
        add(f"{kind}.docx", docx_with_document(doc), "refused", f"document.xml with {kind}", absent=(SECRET, "lollol"),
            fragment="DTD")
        akn = _akn(_akn_article(1, "第一条", f"引用{ref}。"), prolog)
        add(f"{kind}.xml", akn.encode("utf-8"), "refused", f"Akoma Ntoso with {kind}", absent=(SECRET, "lollol"),
            fragment="DTD")
    xxe = _akn(_akn_article(1, "第一条", "引用&xxe;。"), _entities(secret_file, url)["xxe_file"])
    add("xxe_utf16_bom.xml", xxe.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16"), "refused",
        "XXE in UTF-16 with BOM", absent=(SECRET,))
    add("xxe_utf16_nobom.xml", xxe.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16-le"), "refused",
        "XXE in UTF-16 without BOM", absent=(SECRET,))
    xinclude = _akn(_akn_article(1, "第一条", "引用。") + _akn_article(2, "第二条", "本条例自公布之日起施行。")).replace(
        "<body>", f'<body><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{secret_file.as_uri()}" '
                  'parse="text"/>')
    add("xinclude.xml", xinclude.encode("utf-8"), "read", "XInclude of a local file (never processed)",
        absent=(SECRET,), present=("本条例自公布之日起施行",))
    add("deep_nesting.xml", _akn("<hcontainer>" * 300 + _akn_article(1, "第一条", "甲。") + "</hcontainer>" * 300)
        .encode("utf-8"), "refused", "elements nested 300 deep")
    unknown = _akn(
        '<hcontainer name="toc"><heading>目录</heading><p>未知容器里的文字</p></hcontainer>'
        '<chapter eId="chp_1"><num>第一章</num><heading>总则</heading>'
        '<subchapter><num>其一</num><heading>子章标题</heading>'
        + _akn_article(1, "第一条", "为了规范管理，制定本条例。")
        + '</subchapter><foo:bar xmlns:foo="urn:x">外来命名空间的文字</foo:bar>'
        + _akn_article(2, "第二条", "本条例自公布之日起施行。<b>加粗</b><unknownInline>行内未知</unknownInline>")
        + "</chapter><conclusions><p>结尾文字</p></conclusions>"
    )
    add("unknown_elements.xml", unknown.encode("utf-8"), "read", "Akoma Ntoso with elements lawdiff does not model",
        present=("未知容器里的文字", "子章标题", "外来命名空间的文字", "行内未知", "加粗", "本条例自公布之日起施行"))
    add("not_akn.xml", b'<?xml version="1.0"?><html><body>x</body></html>', "refused", "XML that is not Akoma Ntoso",
        fragment="not Akoma Ntoso")
    # --- HTML
    hostile_html = (
        "<!DOCTYPE html><html><head><title>标题里的脚本</title><script>var leak='SCRIPT-BODY';</script>"
        "<style>p{background:url(javascript:STYLE-BODY)}</style><meta http-equiv='refresh' content='0;url=http://evil'>"
        "</head><body onload=\"alert('ONLOAD-ATTR')\"><p>某某条例</p>"
        "<iframe src='http://evil/'>IFRAME-BODY</iframe><noscript>NOSCRIPT-BODY</noscript>"
        "<p onclick=\"alert('ONCLICK-ATTR')\">第一条　为了规范管理，<a href=\"javascript:alert('HREF-JS')\">制定</a>本条例。</p>"
        "<object data='x.swf'>OBJECT-BODY</object><svg onload=\"alert('SVG')\"><text>SVG-BODY</text></svg>"
        "<img src=x onerror=\"alert('ONERROR-ATTR')\">"
        "<p>第二条　本条例自公布之日起施行。<script>document.write('INLINE-SCRIPT')</script></p>"
        "<template>TEMPLATE-BODY</template></body></html>"
    )
    add("hostile.html", hostile_html.encode("utf-8"), "read", "scripts, iframes, event attributes, javascript: URLs",
        absent=("SCRIPT-BODY", "STYLE-BODY", "ONLOAD-ATTR", "IFRAME-BODY", "NOSCRIPT-BODY", "ONCLICK-ATTR", "HREF-JS",
                "OBJECT-BODY", "SVG-BODY", "ONERROR-ATTR", "INLINE-SCRIPT", "TEMPLATE-BODY"),
        present=("为了规范管理，制定本条例。", "本条例自公布之日起施行。"))
    deep = "<html><body><p>某某条例</p><p>第一条　甲。</p>" + "<div>" * 300 + "<p>第二条　乙。</p>" + "</div>" * 300
    add("deep_nesting.html", (deep + "<p>第三条　丙。</p></body></html>").encode("utf-8"), "refused",
        "300 nested divs: libxml2 stops at 256 (the text after them would be lost)", fragment="whole page")
    big = "<html><body><p>某某条例</p><p>第一条　甲。</p><pre>" + "第二条　乙。\n" * 800_000 + "</pre></body></html>"
    add("huge_text_node.html", big.encode("utf-8"), "refused", "an 11 MB text node (libxml2 limit 10 MB)",
        fragment="whole page")
    add("undeclared_binary.html", bytes(range(128, 256)) * 64, "refused", "bytes that are neither UTF-8 nor GB18030")
    # --- text
    add("binary.md", bytes(range(256)) * 16, "refused", "binary data", fragment="cannot decode")
    add("nul_bytes.md", GOOD_TEXT.encode("utf-8").replace("第二条".encode(), b"\x00\x00"), "refused",
        "NUL bytes inside UTF-8 text", fragment="binary")
    add("whitespace_only.md", b" \r\n\t\r\n\xe3\x80\x80\n", "refused", "blanks only", fragment="empty")
    add("no_articles.md", "一段没有条文的文字。\n另一段。\n".encode("utf-8"), "refused", "no 条 and no 一、",
        fragment="no articles")
    add("truncated_utf8.md", GOOD_TEXT.encode("utf-8")[:-2], "refused", "a multi-byte character cut in half")
    add("latin1.md", "Règlement: café, über, façade.\n".encode("latin-1"), "refused", "Latin-1, not a Chinese encoding")
    with (folder / "too_large.md").open("wb") as fh:  # sparse: no 65 MiB are written
        fh.truncate(65 * MiB)
    files["too_large.md"] = Hostile(folder / "too_large.md", "refused", "65 MiB (over the 64 MiB input limit)",
                                    fragment="too large")
    add("legacy.doc", b"\xd0\xcf\x11\xe0" + bytes(64), "refused", "a legacy .doc", fragment=".doc")
    add("unknown.pdf", b"%PDF-1.4\n", "refused", "an unsupported suffix", fragment="unknown file type")
    return files
