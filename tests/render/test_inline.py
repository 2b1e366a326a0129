"""Laying overlapping annotations out as properly nested nodes."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from ficscope.render.inline import Mark, layout, plain_text


def _shape(nodes: list[dict[str, Any]]) -> list[Any]:
    out: list[Any] = []
    for n in nodes:
        if n["kind"] == "text":
            out.append(n["text"])
        else:
            out.append((n["kind"], n["first"], _shape(n["children"])))
    return out


def test_no_marks_is_one_text_node() -> None:
    assert layout("abcdef", 1, 4, []) == [{"kind": "text", "text": "bcd"}]


def test_nested_marks_nest() -> None:
    text = "\"Say 'no' now,\" she said."
    outer = Mark(0, 15, "quote")
    inner = Mark(5, 9, "quote")
    assert _shape(layout(text, 0, len(text), [inner, outer])) == [
        ("quote", True, ['"Say ', ("quote", True, ["'no'"]), ' now,"']),
        " she said.",
    ]


def test_crossing_mark_is_split_and_only_the_first_piece_is_first() -> None:
    text = "0123456789abcdefghij"
    nodes = layout(text, 0, 20, [Mark(2, 8, "quote"), Mark(5, 12, "evidence")])
    assert _shape(nodes) == [
        "01",
        ("quote", True, ["234", ("evidence", True, ["567"])]),
        ("evidence", False, ["89ab"]),
        "cdefghij",
    ]


def test_marks_are_clipped_to_the_block() -> None:
    text = "aaaa bbbb cccc"
    nodes = layout(text, 5, 9, [Mark(0, 7, "evidence"), Mark(8, 14, "proof")])
    assert _shape(nodes) == [("evidence", False, ["bb"]), "b", ("proof", True, ["b"])]


def test_zero_width_mark_stays_where_it_stands() -> None:
    nodes = layout("abcd", 0, 4, [Mark(2, 2, "proof")])
    assert _shape(nodes) == ["ab", ("proof", True, []), "cd"]
    # A real mark ending where the block starts is not in the block at all.
    assert _shape(layout("abcd", 2, 4, [Mark(0, 2, "evidence")])) == ["cd"]


_marks = st.lists(
    st.tuples(
        st.integers(0, 40), st.integers(0, 15), st.sampled_from(["quote", "proof", "evidence"])
    ),
    max_size=12,
)


@given(
    text=st.text(min_size=0, max_size=40),
    marks=_marks,
    bounds=st.tuples(st.integers(0, 40), st.integers(0, 40)),
)
def test_layout_keeps_every_character_once_in_order(
    text: str, marks: list[tuple[int, int, str]], bounds: tuple[int, int]
) -> None:
    start, end = sorted(b % (len(text) + 1) for b in bounds)
    spans = [Mark(s, s + n, kind) for s, n, kind in marks]
    nodes = layout(text, start, end, spans)
    assert plain_text(nodes) == text[start:end]

    def check(items: list[dict[str, Any]]) -> None:
        for n in items:
            if n["kind"] == "text":
                assert n["text"]  # no empty text nodes
            else:
                check(n["children"])

    check(nodes)
