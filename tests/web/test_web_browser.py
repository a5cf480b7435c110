"""``lawdiff serve`` in a real browser: Debian's Chromium driven by playwright.

Never ``playwright install``: /usr/bin/chromium is used and the tests skip
(with the reason) when it, playwright or Flask is missing. The server runs in
a thread on a free loopback port. With ``LAWDIFF_SCREENSHOTS=1`` the tests
also save docs/images/web-*.png (small viewport PNGs for docs/web.md).
"""
from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

pytest.importorskip("flask", reason="Flask is not installed (pip install 'lawdiff[web]')")

from ._support import GUIZHOU, YUNNAN

DOCS_IMAGES = Path(__file__).resolve().parents[2] / "docs" / "images"
SCREENSHOTS = os.environ.get("LAWDIFF_SCREENSHOTS") == "1"

pytestmark = pytest.mark.browser


@pytest.fixture()
def page(browser, live_server):
    """A fresh page (own cookies) that records every request, console message and page error."""
    context = browser.new_context(viewport={"width": 1280, "height": 860}, accept_downloads=True)
    page = context.new_page()
    page.requests = []
    page.problems = []
    page.on("request", lambda r: page.requests.append(r.url))
    page.on("console", lambda m: page.problems.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    page.base = live_server
    yield page
    context.close()


def _shot(page, name: str) -> None:
    if not SCREENSHOTS:
        return
    DOCS_IMAGES.mkdir(parents=True, exist_ok=True)
    path = DOCS_IMAGES / f"web-{name}.png"
    page.screenshot(path=str(path))
    assert path.stat().st_size < 300_000, f"{path} is {path.stat().st_size} bytes"


def _upload_chishui(page) -> None:
    from playwright.sync_api import expect

    page.goto(page.base + "/")
    expect(page.locator("#submit")).to_have_text("开始比较")
    _shot(page, "upload")
    page.set_input_files("#file1", str(YUNNAN))
    page.set_input_files("#file2", str(GUIZHOU))
    page.click("#submit")
    page.wait_for_url("**/w/*")


def test_upload_compare_toggle_download(page):
    import docx
    from playwright.sync_api import expect

    _upload_chishui(page)
    expect(page.locator("#summary")).to_have_text("共 18 对条文：相同 13，等同 5")
    expect(page.locator("#counts li[data-relation=identical] .n")).to_have_text("13")
    expect(page.locator("#counts li[data-relation=equivalent] .n")).to_have_text("5")

    # the embedded report: the HTML report's rows, marks, filter and navigation
    report = page.frame_locator("#report")
    expect(report.locator("tr.pair")).to_have_count(18)
    marked = report.locator("tr.rel-equivalent span.term").first
    expect(marked).to_be_visible()
    assert marked.inner_text() in ("昭通市", "毕节市、遵义市", "贵州省", "云南省")
    report.locator("#changed-only").check()
    expect(report.locator("tr.pair:visible")).to_have_count(5)
    report.locator("#next-change").click()
    expect(report.locator("#position")).to_have_text("1 / 5")
    report.locator("#changed-only").uncheck()
    page.locator("h1").scroll_into_view_if_needed()
    _shot(page, "result")

    # remove the detected equivalence: the five items become modified, with insertions and deletions
    page.uncheck("#detect")
    page.click("#recompare")
    expect(page.locator("#summary")).to_have_text("共 18 对条文：相同 13，修改 5")
    expect(page.locator("#jurisdictions")).to_contain_text("已关闭")
    expect(report.locator("tr.rel-modified")).to_have_count(5)
    expect(report.locator("tr.rel-modified ins.i").first).to_be_visible()
    expect(report.locator("tr.rel-modified del.d").first).to_be_visible()
    if SCREENSHOTS:
        report.locator("#next-change").click()
        page.locator("#report").scroll_into_view_if_needed()
        _shot(page, "modified")

    # add 云南省=贵州省 by hand: two items are equivalent again
    page.fill("#equiv", "云南省=贵州省")
    page.click("#recompare")
    expect(page.locator("#summary")).to_have_text("共 18 对条文：相同 13，等同 3，修改 2")
    expect(page.locator("#equiv")).to_have_value("云南省=贵州省")

    # download the Word table and the tracked changes; python-docx opens both
    with page.expect_download() as info:
        page.click("#dl-table")
    download = info.value
    assert download.suggested_filename == "guizhou_chishui_joint_decision_2021-对照表.docx"
    table = docx.Document(download.path())
    cells = [c.text for t in table.tables for row in t.rows for c in row.cells]
    assert any("赤水河" in c for c in cells)
    with page.expect_download() as info:
        page.click("#dl-redline")
    redline = docx.Document(io.BytesIO(Path(info.value.path()).read_bytes()))
    assert redline.paragraphs

    # nothing left the machine, nothing broke the policy
    assert all(url.startswith(page.base) or url.startswith("data:") for url in page.requests), page.requests
    assert page.problems == []


def test_english_toggle_is_remembered(page):
    from playwright.sync_api import expect

    _upload_chishui(page)
    page.click("#lang-switch")
    expect(page.locator("#summary")).to_have_text("18 pairs: 13 identical, 5 equivalent")
    expect(page.locator("#recompare")).to_have_text("Compare again with these settings")
    page.goto(page.base + "/")
    expect(page.locator("#submit")).to_have_text("Compare")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.click("#lang-switch")
    expect(page.locator("#submit")).to_have_text("开始比较")


def test_errors_are_shown_on_the_page(page, tmp_path):
    from playwright.sync_api import expect

    page.goto(page.base + "/")
    page.set_input_files("#file1", str(YUNNAN))
    page.click("#submit")
    expect(page.locator("#error")).to_be_visible()
    expect(page.locator("#error-text")).to_have_text(f"比较需要两稿，现在只有一稿（{YUNNAN.name}）：请再上传一个文件或粘贴另一稿的文本")
    _shot(page, "error")

    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    page.set_input_files("#file1", str(binary))
    page.set_input_files("#file2", str(GUIZHOU))
    page.click("#submit")
    expect(page.locator("#error-text")).to_have_text(
        "scan.txt: this is a binary file, not text (control bytes such as NUL found)"
    )
    assert "/w/" not in page.url
    # the refused upload answers 400 (Chromium logs that); nothing else went wrong
    assert [p for p in page.problems if not p.startswith("Failed to load resource: the server responded with a status of 400")] == []


def test_pasted_text_and_progress(page, corpora):
    """Pasting two versions of a long law: the progress box shows, then the result."""
    from playwright.sync_api import expect

    old = (corpora / "cn_legislation_law_2015.md").read_text(encoding="utf-8")
    new = (corpora / "cn_legislation_law_2023.md").read_text(encoding="utf-8")
    page.goto(page.base + "/")
    page.fill("#text1", old)
    page.fill("#text2", new)
    page.click("#submit")
    expect(page.locator("#progress")).to_be_visible()
    page.wait_for_url("**/w/*")
    import lawdiff

    expected = lawdiff.compare(lawdiff.parse(old), lawdiff.parse(new))
    counts = {r.value: n for r, n in expected.summary.counts}
    for relation, count in counts.items():
        expect(page.locator(f"#counts li[data-relation={relation}] .n")).to_have_text(str(count))
    expect(page.frame_locator("#report").locator("tr.pair")).to_have_count(len(expected.pairs))


def test_three_drafts_side_by_side_then_against_a_base(page, tmp_path, corpora):
    """Three 赤水河 texts (四川's constructed as in docs/multi.md): the N-way view, then a three-way one."""
    from playwright.sync_api import expect

    text = YUNNAN.read_text(encoding="utf-8")
    for a, b in (("云南省", "四川省"), ("昭通市", "泸州市")):
        text = text.replace(a, "@@").replace(b, a).replace("@@", b)
    sichuan = tmp_path / "sichuan_chishui.md"
    sichuan.write_text(text, encoding="utf-8")

    page.goto(page.base + "/")
    page.set_input_files("#file1", str(YUNNAN))
    page.set_input_files("#file2", str(GUIZHOU))
    page.set_input_files("#file3", str(sichuan))
    page.click("#submit")
    page.wait_for_url("**/w/*")
    expect(page.locator("#summary")).to_have_text("共 18 行（3 稿）：各稿相同 13，仅辖区用语不同 5")
    report = page.frame_locator("#report")
    report.locator("#changed-only").check()
    report.locator("#next-change").click()
    expect(report.locator("#position")).to_have_text("1 / 5")
    expect(page.locator("#dl-redline")).to_have_count(0)
    _shot(page, "three")

    # 云南's text as the base of the two others: up to jurisdiction names neither departs from it
    page.select_option("#base", "1")
    page.click("#recompare")
    expect(page.locator("#summary")).to_have_text("共 18 行（底稿与甲乙两稿）：均未改动 18")
    assert page.problems == []


def test_files_dropped_on_the_page_fill_the_slots(page):
    from playwright.sync_api import expect

    page.goto(page.base + "/")
    transfer = page.evaluate_handle(
        """([a, b]) => {
            const dt = new DataTransfer();
            dt.items.add(new File([a.text], a.name, { type: "text/markdown" }));
            dt.items.add(new File([b.text], b.name, { type: "text/markdown" }));
            return dt;
        }""",
        [
            {"name": YUNNAN.name, "text": YUNNAN.read_text(encoding="utf-8")},
            {"name": GUIZHOU.name, "text": GUIZHOU.read_text(encoding="utf-8")},
        ],
    )
    page.dispatch_event("#dropzone", "drop", {"dataTransfer": transfer})
    page.click("#submit")
    page.wait_for_url("**/w/*")
    expect(page.locator("#summary")).to_have_text("共 18 对条文：相同 13，等同 5")
    expect(page.locator("table.docs")).to_contain_text(YUNNAN.name)
