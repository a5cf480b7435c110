"""The real CLI (``python cli.py`` from the checkout, a fresh process each time) on every hostile file.

Documented exit codes: 0 success, 1 check findings, 2 usage error, 3 unreadable or
unparseable input. Without ``--debug`` a failure is one line on stderr,
``lawdiff: FILE: what is wrong``, never a traceback; the XXE secret never
appears; with ``--debug`` the traceback is shown.
"""
from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from ._hostile import GOOD_TEXT, SECRET
from ._support import CORPORA, ROOT, count

CLI = [sys.executable, str(ROOT / "cli.py")]
WORKERS = 3
#: refused files also run through ``compare`` (one per family; parse and check run on all of them)
COMPARE_REFUSED = ("bomb_3gib.docx", "xxe_http.docx", "billion_laughs.xml", "deep_nesting.html", "binary.md",
                   "too_large.md", "no_articles.md")


def run(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *map(str, args)], capture_output=True, text=True, timeout=120, cwd=cwd or ROOT,
                          env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8",
                               "LANG": "C.UTF-8"})


def _problem(name: str, cmd: str, proc: subprocess.CompletedProcess, allowed: set[int], path: str) -> str | None:
    out = proc.stdout + proc.stderr
    if "Traceback" in out:
        return f"{name} {cmd}: traceback\n{proc.stderr[-800:]}"
    if SECRET in out:
        return f"{name} {cmd}: the XXE secret was printed"
    if proc.returncode not in allowed:
        return f"{name} {cmd}: exit {proc.returncode}, expected {sorted(allowed)}: {proc.stderr.strip()[:300]}"
    if proc.returncode == 3:
        lines = proc.stderr.strip().splitlines()
        if len(lines) != 1 or not lines[0].startswith("lawdiff: ") or path not in lines[0]:
            return f"{name} {cmd}: the error is not one line naming the file: {proc.stderr!r}"
    return None


def test_cli_on_every_hostile_file(hostile, tmp_path) -> None:
    files, canary = hostile
    good = tmp_path / "good.md"
    good.write_text(GOOD_TEXT, encoding="utf-8")
    jobs = []
    for name, h in sorted(files.items()):
        refused = h.expect == "refused"
        path = str(h.path)
        jobs.append((name, "parse", ("parse", path), {3} if refused else {0}, path))
        jobs.append((name, "check", ("check", path), {3} if refused else {0, 1}, path))
        if not refused or name in COMPARE_REFUSED:  # compare reads like parse: one refused file per family
            jobs.append((name, "compare", ("compare", "--format", "json", good, path), {3} if refused else {0}, path))
    with ThreadPoolExecutor(WORKERS) as pool:
        results = list(pool.map(lambda job: (job, run(*job[2])), jobs))
    problems = []
    for (name, cmd, _, allowed, path), proc in results:
        count(f"cli: hostile file runs ({cmd})")
        problem = _problem(name, cmd, proc, allowed, path)
        if problem:
            problems.append(problem)
    assert not problems, "\n".join(problems)
    assert canary.hits == []
    assert len(results) >= 2 * len(files) + len(COMPARE_REFUSED) >= 85


def test_debug_shows_the_traceback(hostile) -> None:
    files, _ = hostile
    proc = run("--debug", "parse", files["not_a_zip.docx"].path)
    assert proc.returncode != 0 and "Traceback" in proc.stderr and "InputError" in proc.stderr


@pytest.mark.parametrize("args,code", [
    (("parse", CORPORA / "cn_public_holidays_measures_2024.md"), 0),
    (("compare", CORPORA / "cn_public_holidays_measures_2013.md", CORPORA / "cn_public_holidays_measures_2024.md"), 0),
    (("check", CORPORA / "cn_public_holidays_measures_2024.md"), 0),
    (("frobnicate",), 2),
    (("parse",), 2),
    (("parse", "--format", "pdf", CORPORA / "cn_public_holidays_measures_2024.md"), 2),
    (("compare", "--threshold", "7", CORPORA / "cn_public_holidays_measures_2013.md",
      CORPORA / "cn_public_holidays_measures_2024.md"), 2),
    (("compare", "-o", "report.pdf", CORPORA / "cn_public_holidays_measures_2013.md",
      CORPORA / "cn_public_holidays_measures_2024.md"), 2),
    (("check", "--frozen", "第一条", CORPORA / "cn_public_holidays_measures_2024.md"), 2),
    (("check", "--ignore", "no.such.rule", CORPORA / "cn_public_holidays_measures_2024.md"), 2),
    (("parse", "no/such/file.md"), 3),
    (("parse", CORPORA), 3),
    (("compare", CORPORA / "cn_public_holidays_measures_2013.md", "missing.docx"), 3),
    (("check", "missing.md"), 3),
])
def test_exit_codes_match_the_docs(args, code: int, tmp_path) -> None:
    proc = run(*args, cwd=tmp_path)
    count("cli: exit-code cases")
    assert "Traceback" not in proc.stderr
    assert proc.returncode == code, proc.stderr


def test_check_findings_exit_1_with_a_finding(tmp_path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text("某某条例\n第一条　甲。\n第三条　依照本条例第九条办理。\n", encoding="utf-8")
    for fmt in ("text", "json", "github", "junit"):
        proc = run("check", "--format", fmt, draft)
        count("cli: exit-code cases")
        assert proc.returncode == 1 and "Traceback" not in proc.stderr
        assert "num.article.gap" in proc.stdout


def test_bad_option_files_are_usage_errors(tmp_path) -> None:
    """Binary or malformed config, pin and equivalence files: exit 2, one line naming the file."""
    (tmp_path / "bad.toml").write_bytes(b"\x00\x01binary")
    (tmp_path / "pins.txt").write_text("A = B\n第一条 = \n", encoding="utf-8")
    (tmp_path / "equiv.toml").write_text('[equiv]\n"四川省" = 5\n', encoding="utf-8")
    old, new = CORPORA / "cn_public_holidays_measures_2013.md", CORPORA / "cn_public_holidays_measures_2024.md"
    cases = [
        (("check", "--config", "bad.toml"), "bad.toml"),
        (("compare", "--pins", "pins.txt", old, new), "pins.txt"),
        (("compare", "--pins", "bad.toml", old, new), "bad.toml"),
        (("compare", "--equiv-file", "equiv.toml", old, new), "equiv.toml"),
    ]
    for args, name in cases:
        proc = run(*args, cwd=tmp_path)
        count("cli: exit-code cases")
        assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr
        assert len(proc.stderr.strip().splitlines()) == 1 and name in proc.stderr
    proc = run("compare", "-o", tmp_path / "no" / "dir" / "x.html", old, new)
    assert proc.returncode == 3 and "cannot write" in proc.stderr and "Traceback" not in proc.stderr
