"""The interface strings of the web page, in Chinese (default) and English.

The language comes from ``?lang=zh|en`` (remembered in a cookie) or the
cookie alone; nothing else (no Accept-Language guessing: drafting staff work
in Chinese, the English page is for reviewers who ask for it). Messages of
:class:`~lawdiff.errors.LawdiffError` raised by the library are shown as they
are (the same words as the CLI); only the page's own checks are translated.
"""
from __future__ import annotations

from typing import Any

__all__ = ["LANGUAGES", "DEFAULT", "COOKIE", "MESSAGES", "translate", "choose", "draft_name"]

LANGUAGES = ("zh", "en")
DEFAULT = "zh"
COOKIE = "lawdiff_lang"

_NUM_ZH = "一二三四五六七八九十"

#: key -> (Chinese, English). ``{name}`` placeholders are filled by :func:`translate`.
MESSAGES: dict[str, tuple[str, str]] = {
    "app_title": ("lawdiff 条文对照", "lawdiff comparison"),
    "switch_lang": ("English", "中文"),
    "intro": (
        "把两稿拖到下面（或选择文件、粘贴文本），调整辖区等同用语，查看逐条对照，下载 Word 对照表。"
        "文件只在本机处理，不会发送到网络。",
        "Drop two drafts below (or choose files, or paste text), adjust the jurisdiction equivalences, "
        "see the side-by-side comparison and download the Word table. Files are processed on this machine "
        "only; nothing is sent over the network.",
    ),
    "drop_here": ("把文件拖到这里：依次放入稿一（旧稿）、稿二（新稿）、稿三",
                  "Drop files here: they fill draft 1 (old), draft 2 (new) and draft 3 in turn"),
    "draft_legend_1": ("稿一（旧稿，左栏）", "Draft 1 (old, left column)"),
    "draft_legend_2": ("稿二（新稿，右栏）", "Draft 2 (new, right column)"),
    "draft_legend_3": ("稿三（可选：三稿对照或三方比较）", "Draft 3 (optional: three side by side, or three-way)"),
    "file_label": ("文件（.docx .txt .md .html .xml）", "File (.docx .txt .md .html .xml)"),
    "paste_label": ("或粘贴文本", "or paste the text"),
    "options": ("比较选项", "Comparison options"),
    "more_options": ("更多选项", "More options"),
    "equiv_label": ("等同用语（每行一组：左稿用语=右稿用语）", "Equivalent terms (one a line: left term=right term)"),
    "equiv_help": (
        "例如 四川省=重庆市。两稿中对应的用语视为相同，条文标为“等同”而不是“修改”。",
        "For example 四川省=重庆市. The two terms count as the same; articles differing only there are "
        "'equivalent', not 'modified'.",
    ),
    "detect_label": ("自动识别两稿的辖区（省、市名称及其下辖市）", "Detect the two jurisdictions automatically (province, city names)"),
    "detected": ("自动识别的辖区", "Detected jurisdictions"),
    "detected_none": ("未识别到两个不同的辖区", "no two different jurisdictions detected"),
    "detect_off": ("（已关闭）", "(turned off)"),
    "term_pairs": ("对应的辖区用语 {n} 组：", "{n} corresponding jurisdiction terms:"),
    "strict_label": ("全角半角、空格不同也算修改", "Count full/half-width and blank differences as changes"),
    "threshold_label": ("相似度阈值（0–1，留空用默认 0.5）", "Similarity threshold (0–1, blank for the default 0.5)"),
    "base_label": ("三方比较的底稿", "Base of a three-way comparison"),
    "base_none": ("无（两稿比较，或三稿并列）", "none (two drafts, or three side by side)"),
    "draft_short_1": ("稿一", "draft 1"),
    "draft_short_2": ("稿二", "draft 2"),
    "draft_short_3": ("稿三", "draft 3"),
    "base_note": (
        "上传三稿时：不选底稿，三稿并列对照，标出哪几稿一致；选一稿作底稿，另外两稿（甲方、乙方）逐条与底稿比较，"
        "标出哪一方改动、双方改动是否一致。",
        "With three drafts: no base shows them side by side and which agree; a base compares the two others "
        "(A and B) with it, item by item: who changed what, and whether the changes agree.",
    ),
    "summary_multi": ("共 {rows} 行（{n} 稿）：{parts}", "{rows} rows in {n} texts: {parts}"),
    "summary_three": ("共 {rows} 行（底稿与甲乙两稿）：{parts}", "{rows} rows (base, A and B): {parts}"),
    "role_base": ("底稿", "Base"),
    "role_a": ("甲方", "A"),
    "role_b": ("乙方", "B"),
    "word_options": ("Word 对照表", "Word table"),
    "mark_style_label": ("修改标记", "Change marks"),
    "mark_underline": ("增加加粗下划线，删除删除线", "insertions bold underlined, deletions struck through"),
    "mark_heiti": ("增加用黑体，删除加框（云南样式）", "insertions in 黑体, deletions boxed (Yunnan style)"),
    "mark_brackets": ("［增：…］［删：…］", "［增：…］［删：…］ brackets"),
    "notes_label": ("加“说明”栏", "Add the 说明 (notes) column"),
    "title_label": ("报告标题（留空则自动生成）", "Report title (blank: from the two titles)"),
    "submit": ("开始比较", "Compare"),
    "recompare": ("按新设置重新比较", "Compare again with these settings"),
    "new_comparison": ("新的比较", "New comparison"),
    "uploading": ("正在上传：{percent}%", "Uploading: {percent}%"),
    "working": ("正在处理（{done}/{total}）：{step} {detail}", "Working ({done}/{total}): {step} {detail}"),
    "step_read": ("读取", "reading"),
    "step_compare": ("比较", "comparing"),
    "step_render": ("生成报告", "rendering the report"),
    "step_done": ("完成", "done"),
    "step_queued": ("排队", "queued"),
    "elapsed": ("已用 {seconds} 秒", "{seconds} s elapsed"),
    "result_title": ("比较结果", "Comparison"),
    "summary": ("概要", "Summary"),
    "summary_line": ("共 {pairs} 对条文：{parts}", "{pairs} pairs: {parts}"),
    "renumbered": ("重新编号 {n}", "{n} renumbered"),
    "moved": ("移动 {n}", "{n} moved"),
    "left": ("左栏（旧稿）", "Left (old)"),
    "right": ("右栏（新稿）", "Right (new)"),
    "units": ("{n} 条/项", "{n} units"),
    "equiv_settings": ("调整等同用语", "Adjust the equivalences"),
    "downloads": ("下载", "Downloads"),
    "dl_table": ("Word 对照表（.docx）", "Word comparison table (.docx)"),
    "dl_redline": ("Word 修订模式（.docx，可逐处接受或拒绝）", "Word tracked changes (.docx, accept or reject each)"),
    "dl_html": ("网页报告（.html）", "HTML report (.html)"),
    "dl_json": ("JSON 数据（.json）", "JSON data (.json)"),
    "dl_markdown": ("Markdown（.md）", "Markdown (.md)"),
    "dl_amendment": ("修改决定草稿（.txt）", "Draft amendment decision (.txt)"),
    "report_frame": ("逐条对照（可筛选，按 n / p 跳到下一处 / 上一处差异）",
                     "Side by side (filters; keys n / p for next / previous change)"),
    "open_report": ("在新窗口打开报告", "Open the report in a new window"),
    "error_title": ("无法完成", "Could not finish"),
    "err_too_large": ("上传的内容太大：上限是 {limit}。请分开比较或减小文件。",
                      "The upload is too large: the limit is {limit}. Compare smaller files."),
    "err_not_found": ("没有这个页面，或这次比较已过期（结果只在内存中保留）。请重新上传。",
                      "No such page, or this comparison has expired (results are kept in memory only). Upload again."),
    "err_method": ("不支持这种请求。", "This request method is not supported here."),
    "err_bad_request": ("请求不完整或格式不对：{detail}", "The request is incomplete or malformed: {detail}"),
    "err_internal": ("内部错误：{detail}", "Internal error: {detail}"),
    "err_both": ("第 {slot} 稿：既上传了文件又粘贴了文本，请只保留一种",
                 "Draft {slot}: both a file and pasted text were given; keep one of them"),
    "err_host": ("只接受 127.0.0.1 或 localhost 的访问。", "Only 127.0.0.1 or localhost may be used to reach this server."),
    "err_need_two": ("比较需要两稿，现在{have}：请再上传一个文件或粘贴另一稿的文本",
                     "Two drafts are needed to compare, got {have}: upload a second file or paste its text"),
    "have_none": ("一稿也没有", "none"),
    "have_one": ("只有一稿（{name}）", "only one ({name})"),
    "err_too_many": ("一次最多比较 {max} 稿，现在有 {n} 稿", "At most {max} drafts can be compared at once, got {n}"),
    "err_base_needs_three": ("选了底稿就需要三稿（底稿和另外两稿），现在有 {n} 稿；不做三方比较时底稿请选“无”",
                             "A base needs three drafts (the base and two others), got {n}; "
                             "choose no base when not comparing three ways"),
    "err_busy": ("这次比较仍在进行，请稍候。", "This comparison is still running; please wait."),
    "pasted_name": ("稿{n}（粘贴的文本）", "draft {n} (pasted text)"),
    "noscript": ("未启用 JavaScript：仍可比较和下载，但看不到进度，报告的筛选和跳转也不可用。",
                 "JavaScript is off: comparing and downloads work, without progress, filters or navigation."),
    "footer": ("lawdiff {version} · 仅在本机运行（127.0.0.1）· 结果只保存在内存中",
               "lawdiff {version} · runs on this machine only (127.0.0.1) · results are kept in memory only"),
    "too_large_client": ("所选文件共 {size}，超过上限 {limit}。", "The chosen files total {size}, over the {limit} limit."),
    "network_error": ("与本机服务的连接中断。", "The connection to the local server was lost."),
}

#: Relation names on the page (Chinese as in the reports).
RELATIONS: dict[str, tuple[str, str]] = {
    "identical": ("相同", "identical"),
    "equivalent": ("等同", "equivalent"),
    "modified": ("修改", "modified"),
    "split": ("拆分", "split"),
    "merged": ("合并", "merged"),
    "added": ("新增", "added"),
    "deleted": ("删去", "deleted"),
}


def translate(key: str, lang: str, **params: Any) -> str:
    """The message ``key`` in ``lang`` with ``params`` filled in.

    >>> translate("uploading", "en", percent=40)
    'Uploading: 40%'
    >>> translate("uploading", "zh", percent=40)
    '正在上传：40%'
    """
    zh, en = MESSAGES[key]
    text = en if lang == "en" else zh
    return text.format(**params) if params else text


def relation_name(value: str, lang: str) -> str:
    """``identical`` -> ``相同`` / ``identical``."""
    zh, en = RELATIONS.get(value, (value, value))
    return en if lang == "en" else zh


def choose(query: str | None, cookie: str | None) -> str:
    """The page language: the query wins, then the cookie, then Chinese.

    >>> choose(None, None), choose("en", None), choose(None, "en"), choose("zh", "en"), choose("fr", None)
    ('zh', 'en', 'en', 'zh', 'zh')
    """
    for value in (query, cookie):
        if value in LANGUAGES:
            return value  # type: ignore[return-value]
    return DEFAULT


def draft_name(n: int, lang: str) -> str:
    """The display name of the n-th (1-based) pasted draft: ``稿二（粘贴的文本）``."""
    label = _NUM_ZH[n - 1] if lang != "en" and 1 <= n <= len(_NUM_ZH) else str(n)
    return translate("pasted_name", lang, n=label)


def human_size(n: int) -> str:
    """Bytes for people: ``32 MB``, ``512 KB``.

    >>> human_size(32 * 1024 * 1024), human_size(1536), human_size(10)
    ('32 MB', '1.5 KB', '10 bytes')
    """
    for unit, size in (("MB", 1024 * 1024), ("KB", 1024)):
        if n >= size:
            value = n / size
            return f"{value:.0f} {unit}" if value == int(value) else f"{value:.1f} {unit}"
    return f"{n} bytes"
