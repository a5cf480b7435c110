"""Tests of the HTML reader (lawdiff.io.html)."""
from __future__ import annotations

import codecs
import re
from html import escape
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lawdiff.errors import InputError
from lawdiff.io.html import decode, read_lines
from lawdiff.io.docx import layout
from lawdiff.model import Document

CORPORA = Path(__file__).resolve().parents[2] / "corpora"
CORPUS_FILES = sorted(p for p in CORPORA.glob("*.md") if p.name not in ("INDEX.md", "README.md"))


def lines_of(page: str | bytes, **kw) -> list[tuple[str, str | None]]:
    data = page.encode("utf-8") if isinstance(page, str) else page
    return [(ln.text, ln.align) for ln in read_lines(data, source="p.html", **kw)]


# ---------------------------------------------------------------------------
# a realistic government page, built from a Document


def gov_page(doc: Document, *, charset: str = "utf-8") -> str:
    """The text page of a typical 人大/政府 site (its printable view): scripts, styles, a
    statistics <noscript>, a centred title, the 题注 in a centred block, paragraphs indented
    with &nbsp;, a share iframe and comments. Site navigation and footers are left out: the
    reader keeps their text (see test_site_chrome_is_read_not_dropped), so they would become
    front matter or a last 款."""
    out = [
        "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" "
        "\"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">",
        f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}" />',
        f"<title>{escape(doc.title)}_法律法规_中国人大网</title>",
        "<link rel=\"stylesheet\" href=\"/css/main.css\"><style>.nav{display:none} p{text-indent:2em}</style>",
        "<script type=\"text/javascript\">var _hmt = _hmt || []; document.write('第九十九条 注入');</script>",
        "</head><body onload=\"init()\">",
        "<noscript><img src=\"//stat.example/1.gif\"></noscript>",
        '<div class="main"><div id="Zoom">',
    ]
    for role, text in layout(doc):
        if role == "title":
            out.append(f'<h1 style="TEXT-ALIGN: center; FONT-SIZE: 22px">{escape(text)}</h1>')
        elif role == "preamble":
            out.append(f'<p align="center"><span style="font-family:楷体">{escape(text)}</span></p>')
        elif role == "heading":
            out.append(f'<p style="text-align:center"><strong>{escape(text)}</strong></p>')
        elif role == "blank":
            out.append("<p>&nbsp;</p>")
        else:
            out.append(f"<p>&nbsp;&nbsp;&nbsp;&nbsp;{escape(text)}</p>")
    out += [
        "</div></div>",
        '<iframe src="https://share.example/widget">第一百条 iframe里的文字</iframe>',
        '<div class="share"><!-- 第八条 注释 --><script>share()</script></div>',
        "</body></html>",
    ]
    return "\n".join(out)


# ---------------------------------------------------------------------------
# decoding


def test_charset_from_http_equiv_gbk() -> None:
    page = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body><p>第一条　测试。</p></body></html>'
    assert lines_of(page.encode("gbk")) == [("第一条\u3000测试。", None)]


def test_charset_from_meta_charset_and_bom() -> None:
    page = '<html><head><meta charset="GBK"></head><body><p>第二条</p></body></html>'
    assert lines_of(page.encode("gbk")) == [("第二条", None)]
    assert lines_of(codecs.BOM_UTF8 + "<p>第三条</p>".encode()) == [("第三条", None)]
    assert lines_of(codecs.BOM_UTF16_LE + "<p>第四条</p>".encode("utf-16-le")) == [("第四条", None)]


def test_undeclared_gbk_falls_back_to_gb18030() -> None:
    assert lines_of("<p>第五条　甲。</p>".encode("gbk")) == [("第五条\u3000甲。", None)]


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        ('<meta charset="utf-8"><p>第一条</p>'.encode("utf-8") + "第二条".encode("gbk"), "invalid utf-8 byte"),
        ('<meta charset="klingon-8"><p>x</p>'.encode(), "unknown charset"),
        (b"<p>\x81\x30\xff\xff</p>", "neither UTF-8 nor GB18030"),
        (b"   ", "empty file"),
    ],
)
def test_undecodable_pages_are_refused(data: bytes, fragment: str) -> None:
    with pytest.raises(InputError) as info:
        read_lines(data, source="bad.html")
    assert info.value.source == "bad.html"
    assert fragment in str(info.value) and "\n" not in str(info.value)


def test_decode_prefers_bom_over_meta() -> None:
    data = codecs.BOM_UTF8 + '<meta charset="gbk"><p>条</p>'.encode("utf-8")
    assert "条" in decode(data, source="x")


# ---------------------------------------------------------------------------
# lines


def test_blocks_breaks_tables_and_pre() -> None:
    page = (
        "<body><div>第一条　甲<br>乙<br/>丙</div>"
        "<table><tr><td>现行条文</td><td>修改后条文</td></tr><tr><td><p>第一款</p><p>第二款</p></td><td>新</td></tr></table>"
        "<ul><li>一项</li><li>二项</li></ul><h3>第二章　附则</h3>"
        "<pre>第二条　行一\n第三条　行二</pre><p>第四条　这是 <b>加粗</b> 和<span>行内</span>文字。</p></body>"
    )
    assert [t for t, _ in lines_of(page)] == [
        "第一条\u3000甲", "乙", "丙", "现行条文", "修改后条文", "第一款", "第二款", "新", "一项", "二项",
        "第二章\u3000附则", "第二条\u3000行一", "第三条\u3000行二", "第四条\u3000这是 加粗 和行内文字。",
    ]


def test_hard_wrapped_cjk_joins_without_space_and_nbsp_is_kept() -> None:
    page = "<p>&nbsp;&nbsp;第一条　为了规范\n      管理，制定本条例。\nSee   the\nrules.</p>"
    assert lines_of(page) == [("\u00a0\u00a0第一条\u3000为了规范管理，制定本条例。 See the rules.", None)]


def test_centring_from_align_style_center_and_inheritance() -> None:
    page = (
        '<div align="center"><p>甲</p><p style="text-align:left">乙</p></div>'
        "<center>丙</center><p style=\"margin:0; TEXT-ALIGN : Center\">丁</p><p>戊</p>"
    )
    assert lines_of(page) == [("甲", "center"), ("乙", None), ("丙", "center"), ("丁", "center"), ("戊", None)]


def test_hostile_page() -> None:
    page = """<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<html><head><title>标题栏文字</title><script>alert("第一条 脚本")</script>
<style>body{background:url(javascript:alert(1))}</style></head>
<body onload="steal()" onerror="x()">
<noscript>第二条 noscript</noscript><template><p>第三条 模板</p></template>
<iframe src="file:///etc/passwd">第四条 iframe</iframe><object data="x.swf">第五条 object</object>
<p onclick="evil()" onmouseover="evil()">第六条　&lt;script&gt;不是标签&lt;/script&gt;&amp;&#x7B2C;&#19971;&nbsp;。&xxe;</p>
<!-- 第八条 注释 --><?php echo "第九条"; ?>
<svg><text>第十条 svg</text></svg>
<p>第十一条　正文。</p><script>document.write("<p>第十二条</p>")</script>尾
</body></html>"""
    got = lines_of(page)
    text = "\n".join(t for t, _ in got)
    for gone in ("脚本", "noscript", "模板", "iframe", "object", "注释", "第九条", "svg", "第十二条", "标题栏", "root:", "alert"):
        assert gone not in text
    # the HTML doctype ends at its first ">": browsers show the rest of the internal subset as text
    assert got[0] == ("]>", None)
    assert got[1][0] == "第六条\u3000<script>不是标签</script>&第七\u00a0。&xxe;"
    assert ("第十一条\u3000正文。", None) in got
    assert got[-1] == ("尾", None)


def test_site_chrome_is_read_not_dropped() -> None:
    page = (
        '<body><div class="nav"><a href="/">首页</a> &gt; <a href="/flfg">法律法规</a></div>'
        '<h1 align="center">某某条例</h1><p>第一条　甲。</p><div class="footer">主办单位：某某</div></body>'
    )
    assert lines_of(page) == [("首页 > 法律法规", None), ("某某条例", "center"), ("第一条\u3000甲。", None), ("主办单位：某某", None)]


def test_too_large_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from lawdiff.io import html as html_io

    monkeypatch.setattr(html_io, "MAX_INPUT_BYTES", 10)
    with pytest.raises(InputError, match="too large"):
        read_lines(b"<p>" + b"x" * 20 + b"</p>", source="big.html")


_LINE = st.text(alphabet=st.sampled_from("法律条例第一二三四五六七八九十，。；：“”（）\u3000abc12<>&\"'"), min_size=1, max_size=30)


@settings(max_examples=40, deadline=None)
@given(parts=st.lists(_LINE.filter(lambda s: s.strip(" ")), min_size=1, max_size=8))
def test_escaped_paragraphs_come_back(parts: list[str]) -> None:
    page = "<html><body>" + "".join(f"<p>{escape(p)}</p>" for p in parts) + "</body></html>"
    assert [t for t, _ in lines_of(page)] == [p.strip(" ") for p in parts]


def test_corpus_page_lines_in_order(corpora: Path) -> None:
    """Every paragraph of a real text, wrapped line by line into a page, comes back in order."""
    for path in CORPUS_FILES[:6]:
        raw = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()]
        paras = [ln for ln in raw if ln and not ln.startswith("<!--")]
        page = "<html><body>" + "\n".join(f"<p>{escape(p)}</p>" for p in paras) + "</body></html>"
        # HTML renders a run of ASCII spaces as one space
        expected = [re.sub(" +", " ", p) for p in paras]
        assert [t for t, _ in lines_of(page.encode("gbk", errors="xmlcharrefreplace"))] == expected, path.name


# ---------------------------------------------------------------------------
# Document level (needs lawdiff.parse and lawdiff.io.read from the text reader's author)


@pytest.fixture(scope="module")
def io_api():
    pytest.importorskip("lawdiff.parse", reason="lawdiff.parse is not written yet")
    return pytest.importorskip("lawdiff.io", reason="lawdiff.io is not written yet")


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.stem)
def test_corpus_gov_page_parses_like_markdown(io_api, path: Path) -> None:
    expected = io_api.read(path)
    page = gov_page(expected)
    assert io_api.read_bytes(page.encode("utf-8"), name=path.stem + ".html") == expected
    gbk = gov_page(expected, charset="gbk").encode("gbk", errors="xmlcharrefreplace")
    assert io_api.read_bytes(gbk, name=path.stem + ".htm") == expected
