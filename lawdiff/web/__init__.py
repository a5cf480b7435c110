"""``lawdiff serve``: a local web page for drafting staff (needs the ``web`` extra: Flask).

Upload or paste two drafts, adjust the jurisdiction equivalences, see the
side-by-side HTML report (in a sandboxed frame) and download the Word table,
tracked changes, HTML, JSON, Markdown or a draft amendment decision. The
server binds to 127.0.0.1 only; drafts and results stay in memory.

``create_app(config)`` builds the Flask application (``lawdiff serve`` runs it
with werkzeug's threaded server).
"""
from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
