"""The Flask application: configuration, security headers, language, error pages.

:func:`create_app` builds the app; the pages themselves are in
:mod:`lawdiff.web.routes`. Every response carries a restrictive
Content-Security-Policy (no external origin, no inline script on the
application pages; the embedded report is allowed exactly its own inline style
and script by hash). Errors become a plain one-line message on the page (or in
JSON for the page's script), never a stack trace.
"""
from __future__ import annotations

import base64
import hashlib
import io
import re
from typing import Any, Mapping

from flask import Flask, Request, current_app, g, jsonify, render_template, request
from werkzeug.exceptions import HTTPException, SecurityError

from ..errors import LawdiffError
from . import i18n
from .store import Store

__all__ = ["create_app", "DEFAULT_MAX_UPLOAD", "APP_CSP", "report_csp"]

#: Default upload limit of one request (all drafts together), in bytes.
DEFAULT_MAX_UPLOAD = 32 * 1024 * 1024

#: The policy of the application pages: scripts and styles from this server only.
APP_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; frame-src 'self'; frame-ancestors 'none'; base-uri 'none'"
)

_INLINE = re.compile(r"<(script|style)>(.*?)</\1>", re.S)
_STYLE_ATTR = re.compile(r"""\sstyle=(?:"([^"]*)"|'([^']*)')""")


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def report_csp(html: str) -> str:
    """The policy of an embedded report: only its own inline ``<style>``/``<script>`` (by SHA-256), nothing else.

    Style attributes (the column widths of the N-way report) are allowed by
    hash with ``'unsafe-hashes'``: only those exact values. The ``sandbox
    allow-scripts`` directive keeps the report in an opaque origin even when
    opened outside its frame.
    """
    import html as _html

    hashes: dict[str, list[str]] = {"script": [], "style": []}
    for kind, body in _INLINE.findall(html):
        hashes[kind].append(_sha256(body))
    attributes = sorted({_html.unescape(a or b) for a, b in _STYLE_ATTR.findall(html)})
    if attributes:  # style="width: 30.33%" of the N-way report: exactly those values, nothing else
        hashes["style"] += ["'unsafe-hashes'", *(_sha256(value) for value in attributes)]
    script = " ".join(hashes["script"]) or "'none'"
    style = " ".join(hashes["style"]) or "'none'"
    return (
        f"default-src 'none'; script-src {script}; style-src {style}; img-src data:; "
        "form-action 'none'; frame-ancestors 'self'; base-uri 'none'; sandbox allow-scripts"
    )


class _MemoryRequest(Request):
    """Uploaded files are parsed into memory (bounded by ``MAX_CONTENT_LENGTH``), never spooled to disk."""

    def _get_file_stream(  # type: ignore[override]
        self,
        total_content_length: int | None,
        content_type: str | None,
        filename: str | None = None,
        content_length: int | None = None,
    ) -> io.BytesIO:
        return io.BytesIO()


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """The web application.

    ``config`` overrides Flask settings and these of lawdiff:
    ``MAX_CONTENT_LENGTH`` (upload limit in bytes, default 32 MB),
    ``LAWDIFF_MAX_WORKSPACES`` (comparisons kept in memory, default 16),
    ``LAWDIFF_TTL`` (seconds a comparison is kept unused, default 3600),
    ``LAWDIFF_WORKERS`` (comparisons running at once, default 2).
    """
    app = Flask(__name__, static_folder="static", template_folder="templates")
    app.request_class = _MemoryRequest
    app.config.update(
        MAX_CONTENT_LENGTH=DEFAULT_MAX_UPLOAD,
        LAWDIFF_MAX_WORKSPACES=16,
        LAWDIFF_TTL=3600.0,
        LAWDIFF_WORKERS=2,
        # only the loopback names: a page on another site cannot reach us through DNS rebinding
        TRUSTED_HOSTS=["127.0.0.1", "localhost", "::1", "[::1]"],
        SEND_FILE_MAX_AGE_DEFAULT=0,
    )
    if config:
        app.config.update(config)
    # pasted text arrives as form fields: let them be as large as the upload limit
    if not config or "MAX_FORM_MEMORY_SIZE" not in config:
        app.config["MAX_FORM_MEMORY_SIZE"] = app.config["MAX_CONTENT_LENGTH"]
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.extensions["lawdiff_store"] = Store(
        max_items=int(app.config["LAWDIFF_MAX_WORKSPACES"]),
        ttl=float(app.config["LAWDIFF_TTL"]),
        workers=int(app.config["LAWDIFF_WORKERS"]),
    )

    from . import routes

    app.register_blueprint(routes.bp)
    _install_hooks(app)
    return app


def _install_hooks(app: Flask) -> None:
    from .. import __version__

    @app.before_request
    def _language() -> None:
        g.lang = i18n.choose(request.args.get("lang"), request.cookies.get(i18n.COOKIE))

    @app.context_processor
    def _helpers() -> dict[str, Any]:
        lang = getattr(g, "lang", i18n.DEFAULT)
        return {
            "lang": lang,
            "t": lambda key, **params: i18n.translate(key, lang, **params),
            "relation_name": lambda value: i18n.relation_name(value, lang),
            "version": __version__,
            "max_upload": app.config["MAX_CONTENT_LENGTH"],
            "human_size": i18n.human_size,
        }

    @app.after_request
    def _headers(response):  # type: ignore[no-untyped-def]
        response.headers.setdefault("Content-Security-Policy", APP_CSP)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
        response.headers["Cross-Origin-Resource-Policy"] = "same-origin"
        response.headers.setdefault("Cache-Control", "no-store")
        lang = request.args.get("lang")
        if lang in i18n.LANGUAGES:
            response.set_cookie(i18n.COOKIE, lang, max_age=365 * 24 * 3600, samesite="Lax", httponly=True)
        return response

    @app.errorhandler(Exception)
    def _error(err: Exception):  # type: ignore[no-untyped-def]
        lang = getattr(g, "lang", None) or i18n.choose(request.args.get("lang"), request.cookies.get(i18n.COOKIE))
        g.lang = lang
        if isinstance(err, SecurityError):  # untrusted Host: no URL can be built, answer in plain text
            return current_app.response_class(i18n.translate("err_host", lang), 400, mimetype="text/plain")
        if isinstance(err, HTTPException):
            code = err.code or 500
            if code == 413:
                limit = i18n.human_size(int(app.config["MAX_CONTENT_LENGTH"]))
                message = i18n.translate("err_too_large", lang, limit=limit)
            elif code == 404:
                message = i18n.translate("err_not_found", lang)
            elif code == 405:
                message = i18n.translate("err_method", lang)
            else:
                message = i18n.translate("err_bad_request", lang, detail=err.description or err.name)
        elif isinstance(err, LawdiffError):
            code, message = 400, str(err)
        else:
            app.logger.error("internal error: %s: %s", type(err).__name__, err)
            code = 500
            message = i18n.translate("err_internal", lang, detail=f"{type(err).__name__}: {err}")
        return error_response(message, code)


def wants_json() -> bool:
    """True when the page's script asked (``Accept: application/json``)."""
    accept = request.accept_mimetypes
    return accept["application/json"] > accept["text/html"]


def error_response(message: str, code: int):  # type: ignore[no-untyped-def]
    """``message`` as JSON (for the page's script) or as a plain page, with HTTP status ``code``."""
    if wants_json():
        response = jsonify({"state": "error", "error": message})
        response.status_code = code
        return response
    return render_template("error.html", error=message), code
