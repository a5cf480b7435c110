"""The pages: upload form, progress, result (report frame, equivalences, downloads).

Routes (all on 127.0.0.1):

- ``GET /`` the upload form; ``POST /compare`` starts a comparison. The
  page's script sends ``Accept: application/json`` and gets ``202`` with the
  workspace id, then polls ``GET /w/<id>/status``; without JavaScript the
  request runs the comparison and redirects (303) to the result.
- ``GET /w/<id>`` the result (or progress, or the error); ``POST
  /w/<id>/settings`` compares the same drafts again with new equivalences.
- ``GET /w/<id>/report.html`` the HTML report, shown in a sandboxed frame.
- ``GET /w/<id>/download/<kind>`` table, redline, html, json, markdown, amendment.
"""
from __future__ import annotations

import io
from typing import Any

from flask import Blueprint, abort, current_app, g, jsonify, redirect, render_template, request, send_file, url_for
from werkzeug.datastructures import MultiDict

from ..errors import ConfigError, LawdiffError
from . import i18n, view, work
from .app import error_response, report_csp, wants_json
from .store import Store, Workspace

__all__ = ["bp"]

bp = Blueprint("web", __name__)

_SLOTS = tuple(range(1, work.MAX_DRAFTS + 1))


def _store() -> Store:
    return current_app.extensions["lawdiff_store"]


def _t(key: str, **params: Any) -> str:
    return i18n.translate(key, g.lang, **params)


def _message(err: LawdiffError) -> str:
    if isinstance(err, work.PageInputError):
        return err.translated(g.lang)
    return str(err)


# ---------------------------------------------------------------------------
# reading the form


def _drafts() -> tuple[work.Draft, ...]:
    """The drafts of the form, in slot order: a file or pasted text per slot (empty slots skipped)."""
    drafts = []
    for k in _SLOTS:
        upload = request.files.get(f"file{k}")
        name = work.safe_name(upload.filename) if upload is not None else ""
        text = request.form.get(f"text{k}", "")
        if name and text.strip():
            raise work.PageInputError("err_both", slot=k)
        if name:
            drafts.append(work.Draft(name, upload.read()))
        elif text.strip():
            drafts.append(work.Draft(i18n.draft_name(k, g.lang), text.encode("utf-8"), pasted=True))
    return tuple(drafts)


def _settings(form: MultiDict[str, str]) -> work.Settings:
    """The comparison settings of a form (checkboxes are on when present)."""
    threshold_text = form.get("threshold", "").strip()
    threshold = None
    if threshold_text:
        try:
            threshold = float(threshold_text)
        except ValueError:
            raise ConfigError(f"threshold must be a number between 0 and 1, got {threshold_text!r}") from None
        if not 0.0 <= threshold <= 1.0:
            raise ConfigError(f"threshold must be between 0 and 1, got {threshold}")
    base_text = form.get("base", "").strip()
    base = None
    if base_text:
        if not base_text.isdigit() or int(base_text) not in _SLOTS:
            raise ConfigError(f"base must be one of {', '.join(map(str, _SLOTS))}, got {base_text!r}")
        base = int(base_text) - 1
    title = form.get("title", "").strip() or None
    return work.Settings(
        equiv=work.parse_equivalences(form.get("equiv", "")),
        detect=bool(form.get("detect")),
        strict_format=bool(form.get("strict_format")),
        threshold=threshold,
        base=base,
        mark_style=form.get("mark_style", "underline"),
        notes=bool(form.get("notes")),
        title=title,
    )


def _check_origin() -> None:
    """Refuse a form posted from another site (its ``Origin`` is not this server)."""
    origin = request.headers.get("Origin")
    if origin and origin != "null" and origin.rstrip("/") != request.host_url.rstrip("/"):
        abort(403)


# ---------------------------------------------------------------------------
# running


def _progress(ws: Workspace):
    def report(step: str, done: int, total: int, detail: str) -> None:
        ws.step, ws.done, ws.total, ws.detail = step, done, total, detail

    return report


def _first_run(ws: Workspace) -> work.Result:
    return work.run(ws.drafts, ws.settings, _progress(ws))


def _rerun(documents: tuple[Any, ...]):
    def runner(ws: Workspace) -> work.Result:
        ws.total = 2
        return work.compare_documents(documents, ws.settings, _progress(ws), done=0, total=2)

    return runner


def _launch(ws: Workspace, runner) -> Any:
    """Start ``runner``: in the background for the page's script (202 + JSON), else now and redirect."""
    if wants_json():
        _store().start(ws, runner)
        response = jsonify(_status(ws))
        response.status_code = 202
        return response
    _store().run_now(ws, runner)
    return redirect(url_for("web.workspace", key=ws.id), code=303)


def _status(ws: Workspace) -> dict[str, Any]:
    data = ws.status()
    step = {"read": "step_read", "compare": "step_compare", "render": "step_render", "done": "step_done"}.get(
        ws.step, "step_queued"
    )
    data["message"] = _t("working", done=ws.done, total=ws.total, step=_t(step), detail=ws.detail)
    data["elapsed_text"] = _t("elapsed", seconds=int(float(data["elapsed"])))  # type: ignore[arg-type]
    data["result"] = url_for("web.workspace", key=ws.id)
    data["status"] = url_for("web.status", key=ws.id)
    if ws.state == "error" and ws.error is not None:
        data["error"] = _message(ws.error)
    return data


def _workspace(key: str) -> Workspace:
    ws = _store().get(key)
    if ws is None:
        abort(404)
    return ws


# ---------------------------------------------------------------------------
# pages


@bp.get("/")
def index() -> Any:
    """The upload form."""
    return render_template("index.html", form=MultiDict({"detect": "1", "notes": "1"}), error=None)


@bp.get("/compare")
def compare_get() -> Any:
    """A bookmark or a language switch on the error page of a POST: back to the form."""
    return redirect(url_for("web.index", **({"lang": request.args["lang"]} if "lang" in request.args else {})))


@bp.post("/compare")
def compare() -> Any:
    """Start a comparison of the uploaded or pasted drafts."""
    _check_origin()
    try:
        settings = _settings(request.form)
        drafts = _drafts()
        work.check_drafts(drafts, settings)
    except LawdiffError as err:
        if wants_json():
            return error_response(_message(err), 400)
        return render_template("index.html", form=request.form, error=_message(err)), 400
    ws = _store().create(drafts, settings)
    response = _launch(ws, _first_run)
    if not wants_json() and ws.state == "error" and ws.error is not None:
        return render_template("index.html", form=request.form, error=_message(ws.error)), 422
    return response


@bp.get("/w/<key>/status")
def status(key: str) -> Any:
    """The progress of a comparison, as JSON."""
    return jsonify(_status(_workspace(key)))


@bp.get("/w/<key>")
def workspace(key: str) -> Any:
    """The result page (or the progress page while running, or the form with the error)."""
    ws = _workspace(key)
    if ws.state in ("queued", "running"):
        return render_template("progress.html", ws=ws, status=_status(ws))
    if ws.state == "error" and ws.result is None:
        form = MultiDict({"equiv": work.format_equivalences(ws.settings.equiv), "detect": "1" if ws.settings.detect else ""})
        return render_template("index.html", form=form, error=_message(ws.error) if ws.error else None), 422
    return _result_page(ws)


def _result_page(ws: Workspace, error: str | None = None, form: MultiDict[str, str] | None = None) -> Any:
    result = ws.result
    assert result is not None
    line, counts = view.summary(result, g.lang)
    s = ws.settings
    if form is None:
        form = MultiDict(
            {
                "equiv": work.format_equivalences(s.equiv),
                "detect": "1" if s.detect else "",
                "strict_format": "1" if s.strict_format else "",
                "threshold": "" if s.threshold is None else str(s.threshold),
                "mark_style": s.mark_style,
                "notes": "1" if s.notes else "",
                "title": s.title or "",
                "base": "" if s.base is None else str(s.base + 1),
            }
        )
    if error is None and ws.state == "error" and ws.error is not None:
        error = _message(ws.error)
    return render_template(
        "result.html",
        ws=ws,
        result=result,
        roles=view.roles(result, g.lang),
        counts=counts,
        summary_line=line,
        jurisdictions=view.jurisdictions(result),
        terms=view.term_pairs(result),
        form=form,
        error=error,
        downloads=result.downloads,
        slots=len(result.documents),
    )


@bp.post("/w/<key>/settings")
def settings(key: str) -> Any:
    """Compare the same drafts again with the equivalences and options of the form."""
    _check_origin()
    ws = _workspace(key)
    if ws.state in ("queued", "running"):
        return error_response(_t("err_busy"), 409)
    if ws.result is None:
        abort(404)
    try:
        new = _settings(request.form)
        work.check_drafts(ws.drafts, new)
    except LawdiffError as err:
        if wants_json():
            return error_response(_message(err), 400)
        return _result_page(ws, _message(err), request.form), 400
    ws.settings = new
    return _launch(ws, _rerun(ws.result.documents))


@bp.get("/w/<key>/report.html")
def report(key: str) -> Any:
    """The HTML report, self-contained, for the sandboxed frame of the result page."""
    ws = _workspace(key)
    if ws.result is None:
        abort(404)
    html = ws.result.report_html
    response = current_app.response_class(html, mimetype="text/html")
    response.headers["Content-Security-Policy"] = report_csp(html)
    return response


@bp.get("/w/<key>/download/<kind>")
def download(key: str, kind: str) -> Any:
    """One of the reports as a file to save."""
    ws = _workspace(key)
    if ws.result is None or kind not in ws.result.downloads:
        abort(404)
    data, mimetype, filename = work.download(ws.result, kind)
    return send_file(io.BytesIO(data), mimetype=mimetype, as_attachment=True, download_name=filename, max_age=0)
