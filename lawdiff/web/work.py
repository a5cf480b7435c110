"""The work behind the web page, without Flask: read drafts, compare them, render downloads.

Pure functions over bytes and the frozen model, so the routes stay thin and
these steps can be tested (and reused) without a web server. Every failure is a
:class:`~lawdiff.errors.LawdiffError` with the same one-line message the CLI
prints.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any, Callable, Sequence

from ..errors import ConfigError, InputError

if TYPE_CHECKING:  # pragma: no cover
    from ..jurisdiction import Jurisdiction
    from ..model import Document

__all__ = [
    "Draft",
    "Settings",
    "Result",
    "DOWNLOADS",
    "MULTI_DOWNLOADS",
    "MAX_DRAFTS",
    "Progress",
    "parse_equivalences",
    "format_equivalences",
    "safe_name",
    "check_drafts",
    "PageInputError",
    "run",
    "download",
]

#: Most drafts one page accepts (the form shows three slots; more are refused).
MAX_DRAFTS = 3

#: Mark styles of the Word table (as ``lawdiff compare --mark-style``).
MARK_STYLES = ("underline", "heiti", "brackets")

#: ``kind -> (render format, suffix, MIME type)`` of each download.
DOWNLOADS: dict[str, tuple[str, str, str]] = {
    "table": ("docx", "对照表.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "redline": ("redline", "修订.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "html": ("html", "对照.html", "text/html; charset=utf-8"),
    "json": ("json", "comparison.json", "application/json"),
    "markdown": ("markdown", "对照.md", "text/markdown; charset=utf-8"),
    "amendment": ("amendment", "修改决定.txt", "text/plain; charset=utf-8"),
}

#: The downloads of a comparison of three drafts (with or without a base).
MULTI_DOWNLOADS = ("table", "html", "json", "markdown")

#: ``progress(step, done, total, detail)``: ``step`` is read, compare or render.
Progress = Callable[[str, int, int, str], None]


@dataclass(frozen=True)
class Draft:
    """One uploaded file or pasted text: a display ``name`` and its bytes.

    ``pasted`` drafts are read as plain text whatever their name.
    """

    name: str
    data: bytes
    pasted: bool = False


@dataclass(frozen=True)
class Settings:
    """What the user chose on the page (the keyword options of :func:`lawdiff.compare` and the renderers)."""

    equiv: tuple[tuple[str, str], ...] = ()
    detect: bool = True
    strict_format: bool = False
    threshold: float | None = None
    base: int | None = None  # 0-based slot of the common base of a three-way comparison
    mark_style: str = "underline"
    notes: bool = True
    title: str | None = None


@dataclass(frozen=True)
class Result:
    """A finished comparison with what the page shows about it.

    ``comparison`` is a :class:`~lawdiff.model.Comparison` (two drafts), a
    :class:`~lawdiff.multi.MultiComparison` (three drafts side by side) or a
    :class:`~lawdiff.multi.ThreeWay` (two drafts against a base); ``mode``
    says which.
    """

    documents: tuple["Document", ...]
    comparison: Any
    report_html: str
    jurisdictions: tuple["Jurisdiction | None", ...] = ()
    settings: Settings = field(default_factory=Settings)
    mode: str = "pair"  # pair, multi, three

    @property
    def downloads(self) -> tuple[str, ...]:
        """The download kinds that exist for this mode (tracked changes and decisions need two texts)."""
        return tuple(DOWNLOADS) if self.mode == "pair" else MULTI_DOWNLOADS

    @property
    def order(self) -> tuple[int, ...]:
        """For each column of the comparison, the slot (0-based) of its draft: the base comes first."""
        n = len(self.documents)
        base = self.settings.base
        if self.mode != "three" or base is None:
            return tuple(range(n))
        return (base, *(k for k in range(n) if k != base))


_EQUIV_SPLIT = re.compile(r"[\n;；]+")


def parse_equivalences(text: str) -> tuple[tuple[str, str], ...]:
    """Equivalences typed one a line (or separated by ``;``): ``四川省=重庆市``.

    Full-width ``＝`` is accepted; blank lines and lines starting with ``#`` are
    skipped; duplicates are kept once. A malformed line is a ConfigError.

    >>> parse_equivalences("四川省=重庆市\\n\\n云南省 ＝ 贵州省；四川省=重庆市")
    (('四川省', '重庆市'), ('云南省', '贵州省'))
    >>> parse_equivalences("四川省")
    Traceback (most recent call last):
    ...
    lawdiff.errors.ConfigError: invalid equivalence '四川省': expected LEFT=RIGHT with two different terms, e.g. 四川省=重庆市
    """
    from ..jurisdiction import parse_equiv

    pairs: list[tuple[str, str]] = []
    for line in _EQUIV_SPLIT.split(text or ""):
        line = line.strip().replace("＝", "=")
        if not line or line.startswith("#"):
            continue
        pair = parse_equiv(line)
        if pair not in pairs:
            pairs.append(pair)
    return tuple(pairs)


def format_equivalences(pairs: Sequence[tuple[str, str]]) -> str:
    """The inverse of :func:`parse_equivalences`: one ``LEFT=RIGHT`` a line."""
    return "\n".join(f"{left}={right}" for left, right in pairs)


def safe_name(filename: str | None) -> str:
    """The last component of an uploaded file name (browsers may send a path), or ``""``.

    >>> safe_name("C:\\\\drafts\\\\云南.docx"), safe_name("../../etc/passwd"), safe_name(None)
    ('云南.docx', 'passwd', '')
    """
    if not filename:
        return ""
    name = PurePosixPath(filename.replace("\\", "/")).name
    return "".join(ch for ch in name if ch.isprintable()).strip()


class PageInputError(InputError):
    """An input error of the page itself (not of one file), translatable: ``key`` and ``params`` of
    :data:`lawdiff.web.i18n.MESSAGES`; the message is the English text."""

    def __init__(self, key: str, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(self.translated("en"))

    def translated(self, lang: str) -> str:
        """The message in ``lang`` (``have`` keys are translated too)."""
        from .i18n import translate

        params = dict(self.params)
        have = params.get("have")
        if isinstance(have, tuple):
            params["have"] = translate(have[0], lang, **have[1])
        return translate(self.key, lang, **params)


def check_drafts(drafts: Sequence[Draft], settings: Settings) -> None:
    """Refuse what the page cannot compare: fewer than two drafts, too many, a base without two other drafts."""
    n = len(drafts)
    if n < 2:
        have = ("have_one", {"name": drafts[0].name}) if n == 1 else ("have_none", {})
        raise PageInputError("err_need_two", have=have)
    if n > MAX_DRAFTS:
        raise PageInputError("err_too_many", max=MAX_DRAFTS, n=n)
    if settings.base is not None:
        if n != 3:
            raise PageInputError("err_base_needs_three", n=n)
    if settings.mark_style not in MARK_STYLES:
        raise ConfigError(f"unknown mark style {settings.mark_style!r} (expected one of {', '.join(MARK_STYLES)})")


def _read(draft: Draft) -> "Document":
    from ..io import read_bytes

    return read_bytes(draft.data, name=draft.name, format="text" if draft.pasted else None)


def _noop(step: str, done: int, total: int, detail: str) -> None:
    return None


def run(drafts: Sequence[Draft], settings: Settings, progress: Progress = _noop) -> Result:
    """Read every draft, compare them, render the HTML report.

    Two drafts: the first is old (left), the second new (right). Three drafts:
    side by side (:func:`lawdiff.compare_many`), or, with ``settings.base``,
    the two others against that base (:func:`lawdiff.compare_three`).
    ``progress`` is called before each step with ``(step, done, total,
    detail)``; there are ``len(drafts) + 2`` steps.
    """
    check_drafts(drafts, settings)
    total = len(drafts) + 2
    documents = []
    for k, draft in enumerate(drafts):
        progress("read", k, total, draft.name)
        documents.append(_read(draft))
    return compare_documents(tuple(documents), settings, progress, done=len(drafts), total=total)


def _options(settings: Settings) -> dict[str, Any]:
    options: dict[str, Any] = {
        "equiv": settings.equiv,
        "strict_format": settings.strict_format,
        "detect_jurisdictions": settings.detect,
    }
    if settings.threshold is not None:
        options["threshold"] = settings.threshold
    return options


def compare_documents(
    documents: tuple["Document", ...],
    settings: Settings,
    progress: Progress = _noop,
    *,
    done: int = 0,
    total: int = 2,
) -> Result:
    """Compare documents already read (used again when the user edits the equivalences)."""
    from ..jurisdiction import detect

    progress("compare", done, total, " ↔ ".join(str(d.source) for d in documents))
    if len(documents) == 2 and settings.base is None:
        from ..compare import compare
        from ..render import render_report

        comparison: Any = compare(documents[0], documents[1], **_options(settings))
        mode = "pair"
        progress("render", done + 1, total, "HTML")
        html = render_report(comparison, "html", title=settings.title).decode("utf-8")
    else:
        from ..multi import compare_many, compare_three
        from ..render.multi_html import render_multi_html, render_three_html

        if settings.base is not None:
            base = settings.base
            others = [d for k, d in enumerate(documents) if k != base]
            comparison = compare_three(documents[base], others[0], others[1], **_options(settings))
            mode = "three"
            progress("render", done + 1, total, "HTML")
            html = render_three_html(comparison, title=settings.title)
        else:
            comparison = compare_many(documents, **_options(settings))
            mode = "multi"
            progress("render", done + 1, total, "HTML")
            html = render_multi_html(comparison, title=settings.title)
    progress("done", total, total, "")
    return Result(documents, comparison, html, tuple(detect(d) for d in documents), settings, mode)


def _amendment(result: Result) -> bytes:
    try:
        from ..amend import amend_comparison
    except ImportError:  # pragma: no cover - older amend module: recompute through the public API
        from .. import amend

        s = result.settings
        extra = {"threshold": s.threshold} if s.threshold is not None else {}
        text = amend(*result.documents, equiv=s.equiv, strict_format=s.strict_format,
                     detect_jurisdictions=s.detect, **extra)
    else:
        text = amend_comparison(result.comparison)
    return text.encode("utf-8")


def download(result: Result, kind: str) -> tuple[bytes, str, str]:
    """``(data, mimetype, filename)`` of one download (see :data:`DOWNLOADS`; :data:`MULTI_DOWNLOADS` for three drafts)."""
    if kind not in result.downloads:
        raise ConfigError(f"no {kind!r} download for this comparison (expected one of {', '.join(result.downloads)})")
    fmt, suffix, mimetype = DOWNLOADS[kind]
    if fmt == "html":
        data = result.report_html.encode("utf-8")
    elif result.mode == "pair":
        data = _pair_download(result, fmt)
    else:
        data = _multi_download(result, fmt)
    return data, mimetype, f"{_stem(result)}-{suffix}"


def _pair_download(result: Result, fmt: str) -> bytes:
    from ..render import render_report

    s = result.settings
    if fmt == "amendment":
        return _amendment(result)
    if fmt == "docx":
        return render_report(result.comparison, "docx", mark_style=s.mark_style, notes=s.notes, title=s.title)
    return render_report(result.comparison, fmt)


def _multi_download(result: Result, fmt: str) -> bytes:
    from ..render import multi_text

    three = result.mode == "three"
    s = result.settings
    if fmt == "docx":
        from ..render.multi_docx import render_multi_docx, render_three_docx

        render = render_three_docx if three else render_multi_docx
        return render(result.comparison, mark_style=s.mark_style, notes=s.notes, title=s.title)
    if fmt == "json":
        render_json = multi_text.render_three_json if three else multi_text.render_multi_json
        return render_json(result.comparison).encode("utf-8")
    render_md = multi_text.render_three_markdown if three else multi_text.render_multi_markdown
    return render_md(result.comparison).encode("utf-8")


def _stem(result: Result) -> str:
    """A file name stem from the new draft's name (``guizhou_chishui_joint_decision_2021``)."""
    source = result.documents[-1].source or "lawdiff"
    stem = PurePosixPath(source).stem if "." in source else source
    stem = re.sub(r"[\\/:*?\"<>|\s]+", "_", stem).strip("._") or "lawdiff"
    return stem[:80]
