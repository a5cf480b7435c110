"""The web routes through Flask's test client: pages, downloads, equivalences, errors, headers."""
from __future__ import annotations

import io
import json
import re

import pytest

pytest.importorskip("flask", reason="Flask is not installed (pip install 'lawdiff[web]')")

import lawdiff
from lawdiff.compare import summary_line

from ._support import GUIZHOU, YUNNAN, text_of, upload, wait_done


def _result(client, chishui_files, **fields):
    response = upload(client, *chishui_files, **fields)
    assert response.status_code == 303, response.data.decode()[:500]
    location = response.headers["Location"]
    page = client.get(location)
    assert page.status_code == 200
    return location, page


def _counts(html: bytes) -> dict[str, int]:
    return {k.decode(): int(v) for k, v in re.findall(rb'data-relation="(\w+)" data-count="(\d+)"', html)}


# ---------------------------------------------------------------------------
# pages


def test_form_is_chinese_by_default_and_english_on_request(client):
    page = client.get("/")
    assert page.status_code == 200
    html = page.data.decode()
    assert '<html lang="zh-CN">' in html and "开始比较" in html
    assert "lawdiff_lang" not in page.headers.get("Set-Cookie", "")

    english = client.get("/?lang=en")
    assert '<html lang="en">' in english.data.decode() and ">Compare<" in english.data.decode()
    cookie = english.headers["Set-Cookie"]
    assert "lawdiff_lang=en" in cookie and "SameSite=Lax" in cookie and "HttpOnly" in cookie
    # the cookie keeps English on the next page without ?lang
    assert '<html lang="en">' in client.get("/").data.decode()
    assert '<html lang="zh-CN">' in client.get("/?lang=zh").data.decode()
    assert '<html lang="zh-CN">' in client.get("/").data.decode()


def test_chishui_pair_summary_and_report(client, chishui_files):
    location, page = _result(client, chishui_files)
    (a_name, a_data), (b_name, b_data) = chishui_files
    expected = lawdiff.compare(lawdiff.read_bytes(a_data, name=a_name), lawdiff.read_bytes(b_data, name=b_name))
    assert summary_line(expected) == "13 of 18 items identical, 5 equivalent"
    assert _counts(page.data) == {"identical": 13, "equivalent": 5}
    assert text_of(page.data, "summary") == "共 18 对条文：相同 13，等同 5"
    html = page.data.decode()
    assert "云南省 ↔ 贵州省" in html  # the detected jurisdictions
    assert "昭通市 = 毕节市、遵义市" in html  # a term pair behind the equivalent items
    report_url = re.search(r'<iframe id="report"[^>]*src="([^"]+)"', html).group(1)
    assert 'sandbox="allow-scripts"' in html
    report = client.get(report_url)
    assert report.status_code == 200 and report.mimetype == "text/html"
    body = report.data.decode()
    assert body == lawdiff.render_html(expected)  # the same view as the HTML report
    assert body.count('class="pair ') == 18 and 'class="term"' in body


def test_report_policy_allows_exactly_its_inline_code(client, chishui_files):
    import base64
    import hashlib

    location, page = _result(client, chishui_files)
    report = client.get(location + "/report.html")
    policy = report.headers["Content-Security-Policy"]
    body = report.data.decode()
    for kind in ("script", "style"):
        inline = re.findall(rf"<{kind}>(.*?)</{kind}>", body, re.S)
        assert inline
        for code in inline:
            digest = base64.b64encode(hashlib.sha256(code.encode()).digest()).decode()
            assert f"'sha256-{digest}'" in policy
    assert "sandbox allow-scripts" in policy and "'unsafe-inline'" not in policy
    assert "frame-ancestors 'self'" in policy and "http" not in policy


def test_security_headers_name_no_external_origin(client):
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy and "unsafe" not in policy
    assert not re.search(r"https?:", policy)
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    # the pages load nothing from elsewhere
    html = response.data.decode()
    assert not re.search(r'(?:src|href)="(?:https?:)?//', html)


def test_json_flow_reports_progress_steps(client, chishui_files):
    response = upload(client, *chishui_files, json=True)
    assert response.status_code == 202
    data = response.get_json()
    assert data["state"] in ("queued", "running", "done")
    status = wait_done(client, data["status"])
    assert status["state"] == "done", status
    assert status["done"] == status["total"] == 4  # two reads, compare, render
    assert "完成" in status["message"]
    page = client.get(status["result"])
    assert _counts(page.data) == {"identical": 13, "equivalent": 5}


def test_progress_callback_steps_in_order(chishui_files):
    from lawdiff.web import work

    steps = []
    drafts = [work.Draft(name, data) for name, data in chishui_files]
    result = work.run(drafts, work.Settings(), lambda step, done, total, detail: steps.append((step, done, total)))
    assert steps == [("read", 0, 4), ("read", 1, 4), ("compare", 2, 4), ("render", 3, 4), ("done", 4, 4)]
    assert summary_line(result.comparison) == "13 of 18 items identical, 5 equivalent"


# ---------------------------------------------------------------------------
# equivalences


def test_turning_detection_off_and_adding_an_equivalence_changes_the_summary(client, chishui_files):
    location, page = _result(client, chishui_files)
    settings_url = location + "/settings"

    off = client.post(settings_url, data={"equiv": "", "notes": "1"})
    assert off.status_code == 303
    page = client.get(location)
    expected = lawdiff.compare(lawdiff.read(YUNNAN), lawdiff.read(GUIZHOU), detect_jurisdictions=False)
    assert _counts(page.data) == {r.value: n for r, n in expected.summary.counts} == {"identical": 13, "modified": 5}
    assert "（已关闭）" in page.data.decode()
    assert "<ins" in client.get(location + "/report.html?v=2").data.decode()  # marked changes now

    added = client.post(settings_url, data={"equiv": "云南省＝贵州省", "notes": "1"})
    assert added.status_code == 303
    page = client.get(location)
    expected = lawdiff.compare(
        lawdiff.read(YUNNAN), lawdiff.read(GUIZHOU), detect_jurisdictions=False, equiv=[("云南省", "贵州省")]
    )
    assert _counts(page.data) == {r.value: n for r, n in expected.summary.counts}
    assert _counts(page.data) == {"identical": 13, "equivalent": 3, "modified": 2}
    assert "云南省=贵州省</textarea>" in page.data.decode()  # the form shows what is in force

    back = client.post(settings_url, data={"detect": "1", "notes": "1"})
    assert back.status_code == 303
    assert _counts(client.get(location).data) == {"identical": 13, "equivalent": 5}


def test_user_equivalence_on_the_first_upload(client):
    """四川省=重庆市 style: two real texts of different jurisdictions, detection off, one user pair."""
    a = (YUNNAN.name, YUNNAN.read_bytes())
    b = (GUIZHOU.name, GUIZHOU.read_bytes())
    response = upload(client, a, b, detect="", equiv="云南省=贵州省\n昭通市=毕节市、遵义市")
    page = client.get(response.headers["Location"])
    expected = lawdiff.compare(
        lawdiff.read(YUNNAN),
        lawdiff.read(GUIZHOU),
        detect_jurisdictions=False,
        equiv=[("云南省", "贵州省"), ("昭通市", "毕节市、遵义市")],
    )
    assert _counts(page.data) == {r.value: n for r, n in expected.summary.counts}


def test_bad_equivalence_and_threshold_are_one_line_messages(client, chishui_files):
    page = upload(client, *chishui_files, equiv="四川省")
    assert page.status_code == 400
    assert "invalid equivalence &#39;四川省&#39;: expected LEFT=RIGHT" in page.data.decode()
    page = upload(client, *chishui_files, threshold="abc")
    assert page.status_code == 400 and "threshold must be a number between 0 and 1" in page.data.decode()
    page = upload(client, *chishui_files, threshold="1.5")
    assert page.status_code == 400 and "threshold must be between 0 and 1, got 1.5" in page.data.decode()
    location, _ = _result(client, chishui_files)
    page = client.post(location + "/settings", data={"equiv": "a=a"})
    assert page.status_code == 400 and "invalid equivalence" in page.data.decode()


# ---------------------------------------------------------------------------
# downloads


def test_downloads_open_in_their_tools(client, chishui_files):
    import docx

    location, page = _result(client, chishui_files)
    html = page.data.decode()
    links = dict(re.findall(r'<a id="dl-(\w+)" href="([^"]+)"', html))
    assert set(links) == {"table", "redline", "html", "json", "markdown", "amendment"}

    table = client.get(links["table"])
    assert table.status_code == 200 and table.headers["Content-Disposition"].startswith("attachment")
    assert "filename*=UTF-8''guizhou_chishui_joint_decision_2021-" in table.headers["Content-Disposition"]
    document = docx.Document(io.BytesIO(table.data))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert any("赤水河" in c for c in cells)
    assert len(document.tables[0].rows) >= 18

    redline = docx.Document(io.BytesIO(client.get(links["redline"]).data))
    assert any("赤水河" in p.text for p in redline.paragraphs)

    data = json.loads(client.get(links["json"]).data)
    assert data["schema"] == "lawdiff.comparison/1" and len(data["pairs"]) == 18

    assert client.get(links["html"]).data.decode() == client.get(location + "/report.html").data.decode()
    assert "|" in client.get(links["markdown"]).data.decode()
    amendment = client.get(links["amendment"]).data.decode()
    assert amendment.startswith("关于修改《云南省人民代表大会常务委员会关于加强赤水河流域共同保护的决定》的决定")
    assert client.get(location + "/download/pdf").status_code == 404


def test_mark_style_reaches_the_word_table(client, chishui_files):
    import docx

    location, _ = _result(client, chishui_files, detect="", mark_style="brackets")
    document = docx.Document(io.BytesIO(client.get(location + "/download/table").data))
    text = "".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert "［增：" in text or "［删：" in text


# ---------------------------------------------------------------------------
# other inputs


def test_pasted_texts(client, corpora):
    old = (corpora / "cn_foreign_trade_law_2016.md").read_text(encoding="utf-8")
    new = (corpora / "cn_foreign_trade_law_2022.md").read_text(encoding="utf-8")
    response = client.post("/compare", data={"text1": old, "text2": new, "detect": "1"})
    assert response.status_code == 303
    page = client.get(response.headers["Location"])
    expected = lawdiff.compare(lawdiff.parse(old), lawdiff.parse(new))
    assert _counts(page.data) == {r.value: n for r, n in expected.summary.counts}
    assert "稿一（粘贴的文本）" in page.data.decode()


def test_docx_upload_matches_the_markdown(client):
    import docx

    document = docx.Document()
    for line in GUIZHOU.read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    response = upload(client, (YUNNAN.name, YUNNAN.read_bytes()), ("贵州.docx", buffer.getvalue()))
    assert response.status_code == 303
    assert _counts(client.get(response.headers["Location"]).data) == {"identical": 13, "equivalent": 5}


# ---------------------------------------------------------------------------
# errors: plain messages, the CLI's words, never a traceback


def _cli_message(tmp_path, name: str, data: bytes) -> str:
    from click.testing import CliRunner

    from lawdiff.cli import main

    bad = tmp_path / name
    bad.write_bytes(data)
    result = CliRunner().invoke(main, ["compare", str(bad), str(GUIZHOU)])
    assert result.exit_code == 3
    line = result.output.strip().splitlines()[-1]
    assert line.startswith(f"lawdiff: {bad}: ")
    return line.removeprefix(f"lawdiff: {bad}: ")


@pytest.mark.parametrize(
    "name, data",
    [
        ("scan.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"),  # binary
        ("draft.docx", b"PK but not a zip archive"),  # corrupt .docx
        ("draft.pdf", b"%PDF-1.7 ..."),  # unknown type
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"),  # legacy Word
        ("notes.md", "随便写点什么，没有条文。".encode()),  # no structure
        ("empty.txt", b"  \n\n"),
    ],
)
def test_bad_file_shows_the_cli_message(client, tmp_path, name, data):
    expected = _cli_message(tmp_path, name, data)
    page = upload(client, (name, data), (GUIZHOU.name, GUIZHOU.read_bytes()))
    assert page.status_code == 422
    html = page.data.decode()
    assert f"{name}: {expected}".replace("'", "&#39;") in html
    assert "Traceback" not in html and 'id="error"' in html

    response = upload(client, (name, data), (GUIZHOU.name, GUIZHOU.read_bytes()), json=True)
    status = wait_done(client, response.get_json()["status"])
    assert status["state"] == "error" and status["error"] == f"{name}: {expected}"


def test_one_file_only(client, chishui_files):
    page = upload(client, chishui_files[0])
    assert page.status_code == 400
    assert f"比较需要两稿，现在只有一稿（{YUNNAN.name}）" in page.data.decode()
    data = upload(client, chishui_files[0], json=True).get_json()
    assert data["state"] == "error" and "比较需要两稿" in data["error"]
    english = client.post("/compare?lang=en", data={}, content_type="multipart/form-data")
    assert "Two drafts are needed to compare, got none" in english.data.decode()


def _sichuan(corpora) -> bytes:
    """The 云南 decision with 云南省↔四川省 and 昭通市↔泸州市 swapped, standing in for 四川's (as in docs/multi.md)."""
    text = (corpora / "yunnan_chishui_joint_decision_2021.md").read_text(encoding="utf-8")
    for a, b in (("云南省", "四川省"), ("昭通市", "泸州市")):
        text = text.replace(a, "@@").replace(b, a).replace("@@", b)
    return text.encode("utf-8")


def test_three_drafts_side_by_side(client, chishui_files, corpora):
    from lawdiff.multi import compare_many, summary_line as multi_line

    sichuan = ("sichuan_chishui.md", _sichuan(corpora))
    response = upload(client, *chishui_files, sichuan)
    assert response.status_code == 303
    location = response.headers["Location"]
    page = client.get(location)
    docs = [lawdiff.read_bytes(data, name=name) for name, data in (*chishui_files, sichuan)]
    expected = compare_many(docs)
    assert multi_line(expected) == "18 rows in 3 texts: 13 identical, 5 equivalent"
    assert _counts(page.data) == {"identical": 13, "equivalent": 5}
    assert text_of(page.data, "summary") == "共 18 行（3 稿）：各稿相同 13，仅辖区用语不同 5"
    english = client.get(location + "?lang=en").data
    assert text_of(english, "summary") == multi_line(expected)  # the library's own words
    html = page.data.decode()
    assert "A · 云南省" in html and "C · 四川省" in html
    assert re.findall(r'id="dl-(\w+)"', html) == ["table", "html", "json", "markdown"]
    assert client.get(location + "/download/redline").status_code == 404  # tracked changes need two texts
    data = json.loads(client.get(location + "/download/json").data)
    assert len(data["rows"]) == 18
    import docx

    table = docx.Document(io.BytesIO(client.get(location + "/download/table").data)).tables[0]
    assert len(table.columns) >= 4  # agreement + one column per draft


def test_two_drafts_against_a_base(client, corpora):
    """Three-way: 对外贸易法 2016 as the base, the real 2022 revision as 甲, a scripted second draft as 乙."""
    from lawdiff.multi import compare_three, three_summary

    base = (corpora / "cn_foreign_trade_law_2016.md").read_bytes()
    real = (corpora / "cn_foreign_trade_law_2022.md").read_bytes()
    other = base.decode("utf-8").replace("五万元", "十万元").replace("国务院对外贸易主管部门", "国务院商务主管部门", 3)
    files = [("ft2022.md", real), ("ft2016.md", base), ("draft_b.md", other.encode("utf-8"))]
    response = upload(client, *files, base="2")
    assert response.status_code == 303
    location = response.headers["Location"]
    page = client.get(location)
    docs = [lawdiff.read_bytes(data, name=name) for name, data in files]
    expected = three_summary(compare_three(docs[1], docs[0], docs[2]))
    counts = {k: v for k, v in expected.items() if k != "rows" and v}
    assert _counts(page.data) == counts
    assert counts.get("a_changed") and counts.get("b_changed")  # both sides departed from the base somewhere
    html = page.data.decode()
    assert "底稿 · " in html and "甲方 · " in html and "乙方 · " in html
    assert html.index("ft2016.md") < html.index("ft2022.md") < html.index("draft_b.md")  # base first
    assert '<option value="2" selected>' in html  # the base can be changed on the result page
    # compare the same three side by side instead: no base
    from lawdiff.multi import compare_many, multi_summary

    assert client.post(location + "/settings", data={"detect": "1", "base": ""}).status_code == 303
    side_by_side = {k: v for k, v in multi_summary(compare_many(docs)).items() if k != "rows" and v}
    assert _counts(client.get(location).data) == side_by_side


def test_base_needs_three_drafts(client, chishui_files):
    page = upload(client, *chishui_files, base="1")
    assert page.status_code == 400 and "选了底稿就需要三稿（底稿和另外两稿），现在有 2 稿" in page.data.decode()
    page = upload(client, *chishui_files, base="9")
    assert page.status_code == 400 and "base must be one of 1, 2, 3" in page.data.decode()
    location, _ = _result(client, chishui_files)
    page = client.post(location + "/settings", data={"base": "1", "detect": "1"})
    assert page.status_code == 400 and "选了底稿就需要三稿" in page.data.decode()


def test_file_and_text_in_one_slot(client, chishui_files):
    page = upload(client, *chishui_files, text1="第一条　粘贴的文字。")
    assert page.status_code == 400 and "第 1 稿：既上传了文件又粘贴了文本" in page.data.decode()


def test_too_large_is_a_plain_413(chishui_files):
    from lawdiff.web import create_app

    client = create_app({"MAX_CONTENT_LENGTH": 16 * 1024}).test_client()
    page = upload(client, *chishui_files)
    assert page.status_code == 413
    html = page.data.decode()
    assert "上传的内容太大：上限是 16 KB" in html and "Traceback" not in html
    response = upload(client, *chishui_files, json=True)
    assert response.status_code == 413 and response.get_json()["error"].startswith("上传的内容太大")
    # pasted text counts too (form fields are limited like files)
    page = client.post("/compare", data={"text1": "第一条　" + "甲" * 20000, "text2": "第一条　乙"})
    assert page.status_code == 413


def test_unknown_workspace_method_and_internal_error(client, chishui_files, monkeypatch):
    page = client.get("/w/nope")
    assert page.status_code == 404 and "已过期" in page.data.decode()
    assert client.get("/w/nope/status", headers={"Accept": "application/json"}).get_json()["state"] == "error"
    assert client.delete("/").status_code == 405

    from lawdiff.web import work

    def boom(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(work, "compare_documents", boom)
    page = upload(client, *chishui_files)
    html = page.data.decode()
    assert page.status_code == 422 and "internal error: RuntimeError: boom" in html and "Traceback" not in html


def test_foreign_origin_and_host_are_refused(client, chishui_files):
    response = client.post("/compare", data={}, headers={"Origin": "http://evil.example"})
    assert response.status_code == 403
    response = client.get("/", headers={"Host": "evil.example"})
    assert response.status_code == 400  # DNS rebinding: only loopback names are served
    assert response.data.decode() == "只接受 127.0.0.1 或 localhost 的访问。"


def test_workspaces_live_in_memory_only(monkeypatch, chishui_files):
    """Uploads never touch the disk (Werkzeug would spool files over 500 KB); LRU drops old workspaces."""
    import werkzeug.formparser

    from lawdiff.web import create_app

    def no_disk(*args, **kwargs):
        raise AssertionError("an upload was spooled to a temporary file")

    monkeypatch.setattr(werkzeug.formparser, "SpooledTemporaryFile", no_disk)
    app = create_app({"LAWDIFF_MAX_WORKSPACES": 2})
    client = app.test_client()
    (a_name, a_data), (b_name, b_data) = chishui_files
    padding = b"\n" + b" " * 600_000 + b"\n"  # one blank line over Werkzeug's 500 KB spooling threshold
    response = upload(client, (a_name, a_data + padding), (b_name, b_data + padding))
    assert response.status_code == 303
    assert _counts(client.get(response.headers["Location"]).data) == {"identical": 13, "equivalent": 5}
    locations = [response.headers["Location"]] + [upload(client, *chishui_files).headers["Location"] for _ in range(2)]
    assert client.get(locations[0]).status_code == 404  # evicted
    assert client.get(locations[2]).status_code == 200
    assert len(app.extensions["lawdiff_store"]) == 2
