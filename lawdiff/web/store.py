"""Workspaces: the drafts of one comparison and its result, kept in memory only.

Nothing is written to disk: an uploaded file becomes bytes in a
:class:`Workspace`, which lives in a small :class:`Store` (least recently used
first out, and dropped after ``ttl`` seconds unused). The work itself runs in a
background thread so that the page can poll its progress (:meth:`Store.start`)
or, without JavaScript, in the request (:meth:`Store.run_now`).
"""
from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Callable

from ..errors import LawdiffError
from .work import Draft, Result, Settings

__all__ = ["Workspace", "Store"]


@dataclass
class Workspace:
    """One comparison: its drafts, settings, progress and (when done) result or error.

    ``version`` grows with every run, so the report URL changes when the user
    compares again and the browser does not show a stale frame.
    """

    id: str
    drafts: tuple[Draft, ...]
    settings: Settings
    state: str = "queued"  # queued, running, done, error
    step: str = "queued"
    done: int = 0
    total: int = 1
    detail: str = ""
    error: LawdiffError | None = None
    result: Result | None = None
    version: int = 0
    started: float = field(default_factory=time.monotonic)
    finished: float | None = None
    used: float = field(default_factory=time.monotonic)

    def status(self) -> dict[str, object]:
        """The progress as JSON-ready data (the error is added by the route, translated)."""
        return {
            "id": self.id,
            "state": self.state,
            "step": self.step,
            "done": self.done,
            "total": self.total,
            "detail": self.detail,
            "version": self.version,
            "elapsed": round((self.finished or time.monotonic()) - self.started, 1),
        }


Runner = Callable[[Workspace], Result]


class Store:
    """Thread-safe, bounded, in-memory workspaces.

    ``max_items`` workspaces at most (the least recently used goes first);
    a workspace unused for ``ttl`` seconds is dropped. ``workers`` bounds how
    many comparisons run at once (the rest wait their turn).
    """

    def __init__(self, *, max_items: int = 16, ttl: float = 3600.0, workers: int = 2) -> None:
        self._items: OrderedDict[str, Workspace] = OrderedDict()
        self._lock = threading.Lock()
        self._slots = threading.Semaphore(workers)
        self.max_items = max_items
        self.ttl = ttl

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)

    def create(self, drafts: tuple[Draft, ...], settings: Settings) -> Workspace:
        """A new workspace with an unguessable id."""
        ws = Workspace(secrets.token_urlsafe(12), drafts, settings)
        with self._lock:
            self._expire()
            self._items[ws.id] = ws
            while len(self._items) > self.max_items:
                self._items.popitem(last=False)
        return ws

    def get(self, key: str) -> Workspace | None:
        """The workspace ``key`` (marking it used), or ``None`` when unknown or expired."""
        with self._lock:
            self._expire()
            ws = self._items.get(key)
            if ws is not None:
                ws.used = time.monotonic()
                self._items.move_to_end(key)
            return ws

    def _expire(self) -> None:
        now = time.monotonic()
        for key in [k for k, ws in self._items.items() if now - ws.used > self.ttl and ws.state != "running"]:
            del self._items[key]

    def run_now(self, ws: Workspace, runner: Runner) -> None:
        """Run ``runner`` for ``ws`` in this thread; the outcome lands in the workspace."""
        ws.state, ws.step, ws.done, ws.detail, ws.error = "queued", "queued", 0, "", None
        ws.started, ws.finished = time.monotonic(), None
        with self._slots:
            ws.state = "running"
            try:
                result = runner(ws)
            except LawdiffError as err:
                ws.error, ws.state = err, "error"
            except Exception as err:  # noqa: BLE001 - shown as one line, never a traceback
                ws.error, ws.state = LawdiffError(f"internal error: {type(err).__name__}: {err}"), "error"
            else:
                ws.result, ws.state, ws.step, ws.done = result, "done", "done", ws.total
            ws.finished = time.monotonic()
            ws.version += 1

    def start(self, ws: Workspace, runner: Runner) -> threading.Thread:
        """Run ``runner`` for ``ws`` in a background thread (daemon: stopping the server stops it)."""
        ws.state, ws.step, ws.done = "queued", "queued", 0
        thread = threading.Thread(target=self.run_now, args=(ws, runner), name=f"lawdiff-{ws.id}", daemon=True)
        thread.start()
        return thread
