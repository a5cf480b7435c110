"""The public API of ``lawdiff`` (lawdiff/__init__.py): lazy names, and names shared by a function and a submodule.

Seven public functions have the name of a submodule (``lawdiff.compare`` is a
function and ``lawdiff/compare.py`` a module). Importing the submodule makes
Python bind the package attribute to the module; the package keeps the
function. Each case runs in a fresh interpreter, because the binding happens
once, on the first import of the submodule.
"""
from __future__ import annotations

import importlib
import json
import subprocess
import sys
import types
from pathlib import Path

import pytest

import lawdiff

ROOT = Path(__file__).resolve().parent.parent
CLASHING = ("parse", "compare", "align", "amend", "apply", "renumber", "check")
OLD = ROOT / "corpora" / "cn_public_holidays_measures_2013.md"
NEW = ROOT / "corpora" / "cn_public_holidays_measures_2024.md"

# Uses every clashing function on a real pair and prints what it got, as JSON.
_EXERCISE = """
import importlib, json, types
import lawdiff
from pathlib import Path
old, new = Path(OLD), Path(NEW)
kinds = {}
for name in CLASHING:
    value = getattr(lawdiff, name)
    module = importlib.import_module("lawdiff." + name)
    kinds[name] = [isinstance(value, types.ModuleType), value is getattr(module, name)]
doc = lawdiff.parse(old.read_text(encoding="utf-8"), source=str(old))
comparison = lawdiff.compare(old, new)
alignment = lawdiff.align(old, new)
decision = lawdiff.amend(old, new)
applied = lawdiff.apply(lawdiff.read(old), decision)
renumbered, rows = lawdiff.renumber(doc)
findings = lawdiff.check([doc], lang="en")
print(json.dumps({
    "kinds": kinds,
    "units": [u.label for u in doc.units()],
    "summary": [[r.value, c] for r, c in comparison.summary.counts],
    "relations": [p.relation.value for p in alignment.pairs],
    "decision": decision,
    "applied": [u.text for u in applied.units()],
    "renumbered": [u.label for u in renumbered.units()],
    "rows": len(rows),
    "findings": sorted(f.rule for f in findings),
}, ensure_ascii=False))
"""


def _run(prelude: str) -> dict:
    code = prelude + "\n" + _EXERCISE
    code = code.replace("CLASHING", repr(CLASHING)).replace("OLD", repr(str(OLD))).replace("NEW", repr(str(NEW)))
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.fixture(scope="module")
def expected() -> dict:
    """The same calls made through the submodules, in this process."""
    from lawdiff.align import align
    from lawdiff.amend import amend
    from lawdiff.apply import apply
    from lawdiff.check import check
    from lawdiff.compare import compare
    from lawdiff.io import read
    from lawdiff.parse import parse
    from lawdiff.renumber import renumber

    doc = parse(OLD.read_text(encoding="utf-8"), source=str(OLD))
    decision = amend(OLD, NEW)
    renumbered, rows = renumber(doc)
    return {
        "kinds": {name: [False, True] for name in CLASHING},
        "units": [u.label for u in doc.units()],
        "summary": [[r.value, c] for r, c in compare(OLD, NEW).summary.counts],
        "relations": [p.relation.value for p in align(OLD, NEW).pairs],
        "decision": decision,
        "applied": [u.text for u in apply(read(OLD), decision).units()],
        "renumbered": [u.label for u in renumbered.units()],
        "rows": len(rows),
        "findings": sorted(f.rule for f in check([doc], lang="en")),
    }


@pytest.mark.parametrize("name", CLASHING)
def test_function_survives_import_of_its_submodule(name, expected):
    # the submodule is imported first, before anything touched lawdiff.<name>
    assert _run(f"import lawdiff.{name}") == expected


def test_functions_survive_submodule_imports_after_first_use(expected):
    # the functions are bound first, then every submodule is imported (as the CLI commands do)
    prelude = "import lawdiff\n" + "".join(f"lawdiff.{n}\nimport lawdiff.{n}\n" for n in CLASHING)
    prelude += "".join(f"from lawdiff.{n} import {n} as _f; assert _f is lawdiff.{n}\n" for n in CLASHING)
    assert _run(prelude) == expected


def test_public_names_resolve_in_this_process():
    for name in lawdiff.__all__:
        value = getattr(lawdiff, name)
        assert not isinstance(value, types.ModuleType), name
        if name != "__version__":
            assert callable(value), name
    for name in CLASHING:
        assert getattr(lawdiff, name) is getattr(importlib.import_module(f"lawdiff.{name}"), name)
    assert set(lawdiff.__all__) <= set(dir(lawdiff))


def test_submodules_stay_importable_and_unknown_names_fail():
    from lawdiff import numerals

    assert numerals.cn_to_int("一百零一") == 101
    assert importlib.import_module("lawdiff.parse").parse_lines is not None
    with pytest.raises(AttributeError, match="no attribute 'no_such_name'"):
        lawdiff.no_such_name  # noqa: B018


def test_monkeypatching_a_public_function_is_kept(monkeypatch):
    monkeypatch.setattr(lawdiff, "compare", "patched")
    assert lawdiff.compare == "patched"
    monkeypatch.undo()
    assert lawdiff.compare is importlib.import_module("lawdiff.compare").compare


def _modules_after(code: str) -> set[str]:
    probe = code + "\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))"
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return set(json.loads(proc.stdout.splitlines()[-1]))


HEAVY = ("rapidfuzz", "numpy", "lxml", "docx", "diff_match_patch", "flask")


def test_import_lawdiff_loads_no_submodule():
    loaded = _modules_after("import lawdiff")
    assert {m for m in loaded if m.startswith("lawdiff.")} == set()
    assert not loaded & set(HEAVY)
