"""The HTML report in a real browser: Debian's Chromium driven by playwright.

Never ``playwright install``: the tests use /usr/bin/chromium and skip (with
the reason) when it or the playwright package is missing. With
``LAWDIFF_SCREENSHOTS=1`` they also save docs/images/report-html.png.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from lawdiff.render import write_report

DOCS_IMAGES = Path(__file__).resolve().parents[2] / "docs" / "images"

pytestmark = pytest.mark.browser


def _open(browser, path: Path, width: int = 1280, height: int = 900):
    page = browser.new_page(viewport={"width": width, "height": height})
    requests = []
    page.on("request", lambda r: requests.append(r.url) if not r.url.startswith("file://") else None)
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, requests, dialogs, errors


def _visible_pairs(page) -> list[str]:
    return page.eval_on_selector_all("tr.pair", "rows => rows.filter(r => r.offsetParent !== null).map(r => r.id)")


def _in_viewport(page, selector: str) -> bool:
    return page.eval_on_selector(
        selector,
        "el => { const r = el.getBoundingClientRect(); return r.bottom > 0 && r.top < window.innerHeight; }",
    )


def test_filter_and_next_change(browser, tmp_path, foreign_trade):
    path = tmp_path / "report.html"
    write_report(foreign_trade, path)
    page, requests, dialogs, errors = _open(browser, path)
    assert len(_visible_pairs(page)) == len(foreign_trade.pairs)
    changed = [f"pair-{i}" for i, p in enumerate(foreign_trade.pairs, start=1) if p.relation.value != "identical"]

    page.check("#changed-only")
    assert _visible_pairs(page) == changed
    # chapters without a change are hidden with their rows
    visible_chapters = page.eval_on_selector_all("tr.chapter", "rows => rows.filter(r => r.offsetParent !== null).length")
    assert 0 < visible_chapters < 11

    page.click("#next-change")
    assert page.eval_on_selector("tr.current", "el => el.id") == changed[0]
    page.click("#next-change")
    page.click("#next-change")
    current = page.eval_on_selector("tr.current", "el => el.id")
    assert current == changed[2]
    assert _in_viewport(page, f"#{current}")
    assert page.inner_text("#position") == f"3 / {len(changed)}"

    page.keyboard.press("p")
    assert page.eval_on_selector("tr.current", "el => el.id") == changed[1]
    page.keyboard.press("n")
    page.keyboard.press("n")
    last = page.eval_on_selector("tr.current", "el => el.id")
    assert last == changed[3]
    assert _in_viewport(page, f"#{last}")

    page.uncheck("#changed-only")
    assert len(_visible_pairs(page)) == len(foreign_trade.pairs)
    assert not requests and not dialogs and not errors
    page.close()


def test_scrolls_far_down_to_the_last_change(browser, tmp_path, foreign_trade):
    path = tmp_path / "report.html"
    write_report(foreign_trade, path)
    page, *_ = _open(browser, path, height=600)
    changed = [f"pair-{i}" for i, p in enumerate(foreign_trade.pairs, start=1) if p.relation.value != "identical"]
    for _ in changed:
        page.keyboard.press("n")
    assert page.eval_on_selector("tr.current", "el => el.id") == changed[-1]
    assert page.evaluate("window.scrollY") > 2000
    assert _in_viewport(page, f"#{changed[-1]}")
    page.close()


def test_equivalent_filter_and_screenshot(browser, tmp_path, chishui):
    path = tmp_path / "chishui.html"
    write_report(chishui, path)
    page, requests, dialogs, errors = _open(browser, path)
    page.check("#changed-only")
    assert len(_visible_pairs(page)) == 5  # the 5 equivalent items
    page.check("#hide-equivalent")
    assert _visible_pairs(page) == []
    assert page.inner_text("#position") == "没有差异"
    page.uncheck("#hide-equivalent")
    page.click("#next-change")
    assert page.eval_on_selector("tr.current", "el => el.dataset.relation") == "equivalent"
    # the term marks print: a wavy underline, not only a colour
    decoration = page.eval_on_selector(".term", "el => getComputedStyle(el).textDecorationStyle")
    assert decoration == "wavy"
    if os.environ.get("LAWDIFF_SCREENSHOTS") == "1":
        DOCS_IMAGES.mkdir(parents=True, exist_ok=True)
        page.uncheck("#changed-only")
        page.set_viewport_size({"width": 1200, "height": 800})
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=str(DOCS_IMAGES / "report-html.png"), type="png")
    assert not requests and not dialogs and not errors
    page.close()


def test_hostile_text_runs_no_script(browser, tmp_path, hostile):
    path = tmp_path / "hostile.html"
    write_report(hostile, path)
    page, requests, dialogs, errors = _open(browser, path)
    assert not dialogs and not errors and not requests
    text = page.inner_text("#comparison")
    assert "<script>alert('x')</script>" in text
    assert page.eval_on_selector_all("script", "s => s.length") == 1
    page.close()


def test_filter_keeps_outer_headings_of_changed_units(browser, tmp_path, nested):
    path = tmp_path / "nested.html"
    write_report(nested, path)
    page, *_ = _open(browser, path)
    page.check("#changed-only")
    visible = page.eval_on_selector_all(
        "#comparison tbody tr", "rows => rows.filter(r => r.offsetParent !== null).map(r => r.textContent.slice(0, 5))"
    )
    # 第二编/第一章 holds only an identical unit: hidden; 第二编 itself stays (its 第二章 changed)
    assert visible == ["第一编\u3000总", "第一章\u3000基", visible[2], "第二编\u3000物", "第二章\u3000合", visible[5]]
    assert page.eval_on_selector_all("tr.pair", "rows => rows.filter(r => r.offsetParent !== null).map(r => r.id)") == ["pair-2", "pair-4"]
    page.close()


def test_print_media_keeps_non_colour_cues(browser, tmp_path, holidays):
    path = tmp_path / "holidays.html"
    write_report(holidays, path)
    page, *_ = _open(browser, path)
    page.emulate_media(media="print")
    assert page.eval_on_selector(".toolbar", "el => getComputedStyle(el).display") == "none"
    assert page.eval_on_selector("#toc", "el => getComputedStyle(el).display") == "none"
    ins = page.eval_on_selector(
        "#comparison ins", "el => [getComputedStyle(el).textDecorationLine, getComputedStyle(el).backgroundColor]"
    )
    assert ins == ["underline", "rgba(0, 0, 0, 0)"]
    deleted = page.eval_on_selector("#comparison del", "el => getComputedStyle(el).textDecorationLine")
    assert deleted == "line-through"
    assert page.eval_on_selector("#comparison thead", "el => getComputedStyle(el).display") == "table-header-group"
    pdf = page.pdf(format="A4", landscape=True)
    assert pdf.startswith(b"%PDF")
    page.close()
