"""The character a scene follows: after a jump in time, a "him" goes back to them."""

from __future__ import annotations

from ficscope.model import Work
from ficscope.pipeline import analyze_work
from ficscope.readers.plaintext import parse_text


def coref(*paragraphs: str) -> Work:
    return analyze_work(
        parse_text("\n\n".join(paragraphs)), ("segment", "quotes", "characters", "coref")
    )


def who_at(work: Work, phrase: str, word: str) -> str | None:
    at = work.text.index(phrase) + phrase.index(word)
    names = {c.id: c.name for c in work.characters}
    found = [m.character for m in work.mentions if m.start == at]
    return names.get(found[0] or "") if found else None


STORY = (
    "Arin noticed the smell the moment he came in. Arin realised they were all watching him.",
    "Brannoc rose from his place by the fire. Sela was beside him.",
    "'You went out alone,' said Brannoc.",
    "'I did,' said Arin.",
    "Brannoc looked at Sela. 'And you will stop helping him.'",
    "'I will try,' she said.",
)


def test_after_a_jump_in_time_him_is_the_one_the_story_follows() -> None:
    # the last man named is Brannoc, but the narration follows Arin (he notices, he realises)
    phrase = "Later, when the hall had emptied, Sela found him sitting alone."
    work = coref(*STORY, phrase)
    assert who_at(work, phrase, "him") == "Arin"


def test_after_a_jump_in_time_a_man_named_first_keeps_the_him() -> None:
    phrase = "Later, Sela found Brannoc by the well and sat down beside him."
    work = coref(*STORY, phrase)
    assert who_at(work, phrase, "him") == "Brannoc"
