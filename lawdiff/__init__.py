"""lawdiff: compare, check and draft Chinese legislative texts article by article.

The public API. Read a file or parse a string into a
:class:`~lawdiff.model.Document`:

>>> import lawdiff
>>> doc = lawdiff.parse("某某条例\\n第一条　为了规范……，制定本条例。\\n第二条　本条例自公布之日起施行。")
>>> [(a.label, a.text) for a in doc.units()]
[('第一条', '为了规范……，制定本条例。'), ('第二条', '本条例自公布之日起施行。')]

Every public name is imported on first use, so ``import lawdiff`` (and the
``lawdiff`` command's start-up) does not pay for the modules a run does not
need. Seven names are both a function and a submodule: ``parse``,
``compare``, ``align``, ``amend``, ``apply``, ``renumber``, ``check``.
``lawdiff.compare`` is always the *function*, even after ``import
lawdiff.compare`` (which would otherwise rebind the package attribute to the
module); the modules stay importable with ``from lawdiff.compare import …``
or ``importlib.import_module("lawdiff.compare")``.
"""
from __future__ import annotations

import sys
import types
from importlib import import_module

__all__ = ["__version__", "read", "read_bytes", "parse", "amend", "apply", "renumber", "check", "align", "compare",
           "compare_many", "compare_three", "render_html", "render_docx_table", "render_docx_redline",
           "render_markdown"]

__version__ = "0.1.0"

#: public name -> (module, attribute), imported on first access.
_LAZY: dict[str, tuple[str, str]] = {
    "read": ("lawdiff.io", "read"),
    "read_bytes": ("lawdiff.io", "read_bytes"),
    "parse": ("lawdiff.parse", "parse"),
    "amend": ("lawdiff.amend", "amend"),
    "apply": ("lawdiff.apply", "apply"),
    "renumber": ("lawdiff.renumber", "renumber"),
    "check": ("lawdiff.check", "check"),
    "align": ("lawdiff.align", "align"),
    "compare": ("lawdiff.compare", "compare"),
    "compare_many": ("lawdiff.multi", "compare_many"),
    "compare_three": ("lawdiff.multi", "compare_three"),
    "render_html": ("lawdiff.render.html", "render_html"),
    "render_docx_table": ("lawdiff.render.docx_table", "render_docx_table"),
    "render_docx_redline": ("lawdiff.render.docx_redline", "render_docx_redline"),
    "render_markdown": ("lawdiff.render.markdown", "render_markdown"),
}

#: Public functions that share their name with a submodule of this package.
_CLASHING = frozenset(name for name, (module, _) in _LAZY.items() if module == f"{__name__}.{name}")


def __getattr__(name: str) -> object:
    """Import a public function on first access and keep it in the module namespace."""
    try:
        module, attr = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(import_module(module), attr)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


class _Package(types.ModuleType):
    """The package's module type: keeps ``lawdiff.compare`` & co. bound to the functions.

    When a submodule such as ``lawdiff.compare`` is first imported, Python
    sets the package attribute of that name to the module object. For the
    names in ``_CLASHING`` that binding is dropped (the module stays in
    ``sys.modules``), so the attribute is the function, imported lazily by
    ``__getattr__``. Any other assignment (e.g. ``monkeypatch.setattr``) is
    kept as usual.
    """

    def __setattr__(self, name: str, value: object) -> None:
        if (name in _CLASHING and isinstance(value, types.ModuleType)
                and value.__name__ == f"{self.__name__}.{name}"):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
