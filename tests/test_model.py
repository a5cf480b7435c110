"""The model's classes behave as frozen dataclasses (lawdiff.model.frozen_dataclass writes their methods)."""
from __future__ import annotations

import copy
import dataclasses
import inspect
import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lawdiff import model
from lawdiff.model import Article, Clause, Document, Item, Notice, Op, Pair, Relation, Span

CLASSES = [getattr(model, name) for name in model.__all__ if dataclasses.is_dataclass(getattr(model, name))]


def _article(**changes) -> Article:
    values = dict(number=3, label="第三条", clauses=(Clause(1, "甲。", span=Span(4, 4)),), span=Span(4, 5), eid="art_3")
    values.update(changes)
    return Article(**values)


def test_every_model_class_is_a_dataclass():
    assert {c.__name__ for c in CLASSES} == {
        "Span", "Notice", "Item", "Clause", "Article", "Division", "Document", "Op", "TermDiff", "Pair",
        "Summary", "Alignment", "Comparison",
    }


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_signature_is_the_fields_in_order_with_their_defaults(cls):
    params = list(inspect.signature(cls).parameters.values())
    fields = dataclasses.fields(cls)
    assert [p.name for p in params] == [f.name for f in fields]
    for p, f in zip(params, fields):
        assert p.default == (inspect.Parameter.empty if f.default is dataclasses.MISSING else f.default)


def test_instances_are_frozen():
    art = _article()
    with pytest.raises(dataclasses.FrozenInstanceError):
        art.number = 4
    with pytest.raises(dataclasses.FrozenInstanceError):
        art.anything_else = 1
    with pytest.raises(dataclasses.FrozenInstanceError):
        del art.label
    assert art.number == 3


def test_equality_and_hash_ignore_positions_only():
    a = _article()
    b = _article(span=Span(90, 91), clauses=(Clause(1, "甲。", span=Span(90, 90)),))
    assert a == b and hash(a) == hash(b)
    assert a != _article(label="第三条之一")
    assert a != _article(eid="art_3_dup2")
    assert len({a, b, _article(number=4)}) == 2
    doc1 = Document("某法", (a,), source="a.md", notices=(Notice(1, "x"),))
    doc2 = Document("某法", (b,), source="b.docx")
    assert doc1 == doc2 and hash(doc1) == hash(doc2)


def test_only_the_same_class_compares_equal():
    assert Op("equal", "甲", "甲") != ("equal", "甲", "甲")
    assert Op("equal", "甲", "甲").__eq__(("equal", "甲", "甲")) is NotImplemented
    assert Span(1, 2) != Notice(1, "2")


def test_repr_shows_every_field():
    assert repr(Span(1, 2)) == "Span(start=1, end=2)"
    assert repr(Op("insert", "", "乙")) == "Op(tag='insert', old='', new='乙')"
    assert "span=Span(start=4, end=5)" in repr(_article())


def test_post_init_still_validates():
    with pytest.raises(ValueError, match="invalid span"):
        Span(5, 2)


def test_replace_copy_and_pickle():
    art = _article()
    moved = dataclasses.replace(art, number=9, label="第九条")
    assert (moved.number, moved.label, moved.clauses) == (9, "第九条", art.clauses)
    assert copy.deepcopy(art) == art and copy.copy(art) == art
    clone = pickle.loads(pickle.dumps(art))
    assert clone == art and clone.span == art.span
    with pytest.raises(dataclasses.FrozenInstanceError):
        clone.number = 1


def test_keywords_and_positions_give_the_same_object():
    assert Item(1, "（一）", "甲") == Item(number=1, label="（一）", text="甲", subitems=(), span=None, eid="")
    pair = Pair((), (_article(),), Relation.ADDED, 0.0)
    assert (pair.renumbered, pair.moved, pair.ops, pair.terms, pair.format_notes) == (False, False, (), (), ())
    with pytest.raises(TypeError):
        Span(1)
    with pytest.raises(TypeError):
        Span(1, 2, 3)


@given(st.integers(0, 10**6), st.integers(0, 10**6), st.text(max_size=20), st.text(max_size=20))
def test_equal_values_hash_equal(start, length, label, text):
    a = Item(start, label, text, span=Span(start, start + length))
    b = Item(start, label, text)
    assert a == b and hash(a) == hash(b)
    assert (a == Item(start, label, text + "x")) is False
