"""Helpers of the web tests: upload drafts, wait for the background work, read an element's text."""
from __future__ import annotations

import io
import re
import time

from .conftest import GUIZHOU, YUNNAN  # noqa: F401 - re-exported for the tests

def upload(client, *files: tuple[str, bytes], json: bool = False, **fields: str):
    """POST /compare with ``files`` in slots 1, 2, … and extra form ``fields``."""
    data: dict[str, object] = {"detect": "1", "notes": "1", "mark_style": "underline"}
    data.update(fields)
    for k, (name, payload) in enumerate(files, start=1):
        data[f"file{k}"] = (io.BytesIO(payload), name)
    headers = {"Accept": "application/json"} if json else {}
    return client.post("/compare", data=data, content_type="multipart/form-data", headers=headers)


def wait_done(client, status_url: str, timeout: float = 60.0) -> dict:
    """Poll a workspace status until it is done or failed (the app works in a background thread)."""
    seen = []
    deadline = time.monotonic() + timeout
    while True:
        status = client.get(status_url, headers={"Accept": "application/json"}).get_json()
        seen.append(status)
        if status["state"] in ("done", "error"):
            status["seen"] = seen
            return status
        if time.monotonic() > deadline:  # pragma: no cover - a hung worker
            raise AssertionError(f"comparison still {status['state']} after {timeout}s: {status}")
        time.sleep(0.02)


def text_of(html: bytes | str, element_id: str) -> str:
    """The text inside the element with ``id`` (tags stripped)."""
    if isinstance(html, bytes):
        html = html.decode("utf-8")
    match = re.search(rf'id="{element_id}"[^>]*>(.*?)</(?:p|div|span|ul)>', html, re.S)
    assert match, f"no element #{element_id}"
    return re.sub(r"<[^>]+>", "", match.group(1)).strip()
