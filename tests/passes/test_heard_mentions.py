"""A line's pronouns of someone other than its speaker ("he" of someone absent, "you") name no
one present and no one who dies."""

from __future__ import annotations

from ficscope.model import Mention, Quote, Work
from ficscope.passes.relations import _narrated
from ficscope.passes.tags_content import _heard_pronouns


def _work() -> tuple[Work, list[Mention]]:
    text = 'Ann sat. "He still lives, and I know it," she said. His death was a lie.'
    line = Quote(text.index('"He'), text.index(" she said"), '"', '"', speaker="ann")
    he, i, his = text.index("He "), text.index("I know"), text.index("His")
    mentions = [
        Mention(0, 3, "ann", "name"),
        Mention(he, he + 2, "harvey", "pronoun"),
        Mention(i, i + 1, "ann", "pronoun"),
        Mention(his, his + 3, "harvey", "pronoun"),
    ]
    return Work(text=text, quotes=(line,), mentions=tuple(mentions)), mentions


def test_a_lines_third_person_shows_no_one_present() -> None:
    work, mentions = _work()
    kept = _narrated(work, mentions)
    assert [work.text[m.start : m.end] for m in kept] == ["Ann", "His"]


def test_a_lines_third_person_is_heard_its_first_person_is_not() -> None:
    work, mentions = _work()
    assert _heard_pronouns(work) == {mentions[1].start}
