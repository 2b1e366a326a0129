"""The readable summary of ``ficscope analyze``: the cast lines."""

from __future__ import annotations

from ficscope.model import Character, Work
from ficscope.render.summary import summary_text


def test_a_cast_line_lists_whole_aliases_and_never_cuts_one() -> None:
    kakashi = Character(
        id="kakashi",
        name="Hatake Kakashi",
        aliases=(
            "Kakashi",
            "the ninja",
            "The copy-nin",
            "The man",
            "the frantically sealing copy-nin",
            "the rival",
        ),
        mention_count=3,
    )
    text = summary_text(Work(text="Kakashi ran.", characters=(kakashi,)))
    cast_line = next(line for line in text.splitlines() if "Hatake Kakashi" in line)
    assert "the frantically seal…" not in cast_line
    assert "aka Kakashi, the ninja, The copy-nin, The man, the rival, …" in cast_line
