"""The typed model: Work -> JSON -> Work loses nothing, and bad JSON is refused with SchemaError.

The Work strategy is derived from the dataclasses' type hints, so a field added to the model is
covered (and has to round-trip) without touching this file.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from enum import Enum
from typing import Any, get_args, get_origin

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ficscope.errors import SchemaError
from ficscope.model import (
    SCHEMA_VERSION,
    Block,
    BlockRole,
    Chapter,
    Metadata,
    Quote,
    Span,
    Work,
    work_from_dict,
    work_from_json,
    work_to_dict,
    work_to_json,
)

# Text with the characters fan fiction is full of, plus anything else Hypothesis thinks of.
TEXT = st.text(
    alphabet=st.one_of(st.sampled_from("\n\r\t \"'“”‘’«»—…é漢\u00a0\U0001f600"), st.characters()),
    max_size=40,
)
FLOATS = st.floats(allow_nan=False, allow_infinity=False)
OFFSET = st.integers(min_value=0, max_value=10**7)


def strategy_for(tp: Any) -> st.SearchStrategy[Any]:
    """A strategy for any type used in the model."""
    origin = get_origin(tp)
    if origin is typing.Union or origin is types.UnionType:
        return st.one_of(*(strategy_for(a) for a in get_args(tp)))
    if tp is type(None):
        return st.none()
    if origin is tuple:
        return st.lists(strategy_for(get_args(tp)[0]), max_size=3).map(tuple)
    if origin is dict:
        key, value = get_args(tp)
        return st.dictionaries(strategy_for(key), strategy_for(value), max_size=4)
    if isinstance(tp, type) and issubclass(tp, Enum):
        return st.sampled_from(list(tp))
    if dataclasses.is_dataclass(tp):
        return dataclass_strategy(tp)
    simple: dict[Any, st.SearchStrategy[Any]] = {
        str: TEXT,
        int: st.integers(min_value=0, max_value=2**53),
        float: FLOATS,
        bool: st.booleans(),
    }
    if tp in simple:
        return simple[tp]
    raise TypeError(f"no strategy for {tp!r}: teach test_model.strategy_for about it")


def dataclass_strategy(cls: type) -> st.SearchStrategy[Any]:
    hints = typing.get_type_hints(cls)
    fields = {f.name: strategy_for(hints[f.name]) for f in dataclasses.fields(cls) if f.init}
    if "start" in fields and "end" in fields:
        # Spans are half-open ranges: start <= end.
        fields["start"] = OFFSET
        fields["end"] = st.integers(min_value=0, max_value=10**6)
        return st.fixed_dictionaries(fields).map(
            lambda kw: cls(**{**kw, "end": kw["start"] + kw["end"]})
        )
    if cls is Work:
        fields["schema"] = st.just(SCHEMA_VERSION)  # another version is refused, by design
    return st.builds(cls, **fields)


WORKS = dataclass_strategy(Work)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(WORKS)
def test_work_round_trips_through_json(work: Work) -> None:
    assert work_from_json(work_to_json(work)) == work


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(WORKS)
def test_round_trip_is_stable_and_compact_json_equals_indented(work: Work) -> None:
    once = work_to_json(work)
    assert work_to_json(work_from_json(once)) == once
    assert work_from_json(work_to_json(work, indent=None)) == work


@settings(max_examples=50, deadline=None)
@given(dataclass_strategy(Metadata))
def test_metadata_json_reports_missing_fields(metadata: Metadata) -> None:
    data = work_to_dict(Work(text="x", metadata=metadata))
    assert data["metadata"]["missing"] == list(metadata.missing)
    for name in metadata.missing:
        assert not getattr(metadata, name) or name in metadata.empty


def test_strategy_covers_every_model_type() -> None:
    # Every dataclass reachable from Work gets a strategy (this fails loudly on a new field type).
    seen: set[type] = set()

    def walk(cls: type) -> None:
        if cls in seen:
            return
        seen.add(cls)
        for tp in typing.get_type_hints(cls).values():
            for arg in (tp, *get_args(tp), *(a for t in get_args(tp) for a in get_args(t))):
                if dataclasses.is_dataclass(arg):
                    walk(arg)  # type: ignore[arg-type]
            strategy_for(tp)

    walk(Work)
    assert {Work, Metadata, Chapter, Block, Quote, Span} <= seen


def test_json_shape_puts_schema_and_text_first() -> None:
    work = Work(
        text='"Hi," she said.',
        chapters=(Chapter(0, 15, 0, heading=Span(0, 0)),),
        blocks=(Block(0, 15, BlockRole.PARAGRAPH),),
        quotes=(Quote(0, 5, '"', '"'),),
    )
    data = json.loads(work_to_json(work))
    assert list(data)[:2] == ["schema", "text"]
    assert data["schema"] == SCHEMA_VERSION
    assert data["blocks"] == [{"start": 0, "end": 15, "role": "paragraph"}]
    assert data["quotes"][0]["open"] == '"' and data["quotes"][0]["close"] == '"'
    assert data["characters"] == []
    assert "missing" in data["metadata"]


# --- refusing bad JSON ------------------------------------------------------------------------

GOOD = work_to_dict(
    Work(
        text="abc",
        chapters=(Chapter(0, 3, 0),),
        blocks=(Block(0, 3, BlockRole.PARAGRAPH),),
    )
)


def _with(path: str, value: Any) -> dict[str, Any]:
    data = json.loads(json.dumps(GOOD))
    *parents, last = path.split(".")
    node = data
    for key in parents:
        node = node[int(key)] if key.isdigit() else node[key]
    if value is _DELETE:
        del node[last]
    else:
        node[int(last) if last.isdigit() else last] = value
    return data


_DELETE = object()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([1, 2], "JSON object"),
        ("text", "JSON object"),
        (_with("schema", 999), "schema version"),
        (_with("schema", _DELETE), "schema version"),
        (_with("schema", "1"), "schema version"),
        (_with("text", _DELETE), "'text'"),
        (_with("text", 5), "'text'"),
        (_with("chapters", "not a list"), "work.chapters"),
        (_with("chapters", [5]), "work.chapters[0]"),
        (_with("chapters.0.start", "zero"), "work.chapters[0].start"),
        (_with("chapters.0.start", 1.5), "work.chapters[0].start"),
        (_with("chapters.0.index", None), "work.chapters[0].index"),
        (_with("blocks.0.role", "bogus"), "work.blocks[0].role"),
        (
            _with(
                "chapters.0", {"start": 0, "end": 3, "index": 0, "heading": {"start": 5, "end": 1}}
            ),
            "bad span",
        ),
        (_with("metadata.authors", "one author"), "work.metadata.authors"),
        (_with("metadata.extra", ["a"]), "work.metadata.extra"),
        (_with("metadata.extra", {"k": 3}), "work.metadata.extra.k"),
        (_with("metadata.words", "12,000"), "work.metadata.words"),
        (_with("chapters.0", {"end": 3, "index": 0}), "work.chapters[0]"),
    ],
)
def test_bad_work_dicts_raise_schema_error(data: Any, message: str) -> None:
    with pytest.raises(SchemaError, match=None) as info:
        work_from_dict(data)
    assert message in str(info.value)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("text", ["", "{", "{'schema': 1}", "NaN-ish", "[1, 2", "\x00"])
def test_text_that_is_not_json_raises_schema_error(text: str) -> None:
    with pytest.raises(SchemaError):
        work_from_json(text)


def test_booleans_are_not_accepted_as_numbers() -> None:
    with pytest.raises(SchemaError):
        work_from_dict(_with("chapters.0.start", True))


def test_derived_missing_is_ignored_when_reading_back() -> None:
    data = _with("metadata.missing", ["nonsense"])
    assert work_from_dict(data).metadata.missing == Metadata().missing


def test_a_quote_written_before_addressees_existed_reads_with_none() -> None:
    data = json.loads(json.dumps(GOOD))
    data["quotes"] = [
        {"start": 0, "end": 3, "open": '"', "close": '"', "speaker": "a", "addressee": "b"}
    ]
    quote = work_from_dict(data).quotes[0]
    assert quote.addressee == "b" and quote.addressees == ()
