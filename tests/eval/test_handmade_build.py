"""eval/handmade_build.py: the handmade sources give exactly the committed texts and gold."""

from __future__ import annotations

import pytest

from eval import handmade, handmade_build

NAMES = sorted(p.stem for p in (handmade.GOLD_DIR / "src").glob("*.src"))


@pytest.mark.parametrize("name", NAMES)
def test_source_builds_the_committed_text_and_gold(name: str) -> None:
    built, problems = handmade_build.build(name)
    assert problems == []
    path = handmade.TEXTS_DIR / f"{name}.txt"
    with open(path, encoding="utf-8", newline="") as handle:
        assert handle.read() == built.text
    committed = (handmade.GOLD_DIR / f"{name}.quotes.json").read_text("utf-8")
    assert committed == handmade_build.quotes_json(name, built)


def test_markers_nest_and_flags_set_the_fields() -> None:
    src = (
        "\u27e8'She said \u27e8'Go.'\u27e9{Gran|d1} to me.\u27e9{Neville>[Harry,Ron]|open}\n\n"
        "\u27e8'Fine.'\u27e9{null|other} \u27e8\"Run!\"\u27e9{Paimon}"
    )
    built = handmade_build.parse(src)
    outer, inner, other, run = built.quotes
    assert built.text.startswith("'She said 'Go.' to me.")
    assert (outer["speaker"], outer["addressee"], outer["closed"]) == (
        "Neville",
        ["Harry", "Ron"],
        False,
    )
    assert (inner["text"], inner["depth"], inner["speaker"]) == ("'Go.'", 1, "Gran")
    assert (other["speaker"], other["kind"]) == (None, "other")
    assert (run["speaker"], run["addressee"], run["kind"]) == ("Paimon", None, "speech")


def test_check_finds_stray_marks_and_unknown_labels() -> None:
    built = handmade_build.parse('He said "hi and \u27e8"Yo,"\u27e9{Zed>Amy} don\'t \'go')
    problems = handmade_build.check(built, [{"name": "Amy", "aliases": ["Bob"]}])
    assert any("on no span boundary" in p for p in problems)
    assert sum("no apostrophe" in p for p in problems) == 1
    assert any("'Zed'" in p for p in problems)
    assert any("'Bob'" in p for p in problems)


def test_an_unmatched_marker_is_an_error() -> None:
    with pytest.raises(handmade_build.MarkupError):
        handmade_build.parse('\u27e8"Hi"')
