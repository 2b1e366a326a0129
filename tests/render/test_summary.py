"""The readable summary of ``ficscope analyze``: the cast lines."""

from __future__ import annotations

from dataclasses import replace

from ficscope.model import Character, Work
from ficscope.pipeline import analyze_work
from ficscope.readers.plaintext import parse_text
from ficscope.render.summary import summary_text

STORY = (
    "Mira came down to the harbour. Tobin was waiting by the lanterns.\n\n"
    '"You are late," Tobin said.\n\n'
    '"The tide was high," said Mira. "Nobody could cross."\n\n'
    "Tobin laughed, and Mira laughed with him.\n"
)


def test_the_cast_names_speakers_in_full_and_the_once_mentioned_on_one_line() -> None:
    work = analyze_work(parse_text(STORY))
    passerby = Character("unnamed-fisherman", "a fisherman", ("a fisherman",), None, 1, 0)
    work = replace(work, characters=(*work.characters, passerby))
    rows = [line.strip() for line in summary_text(work).splitlines()]
    assert any(r.startswith("Tobin") and " 1 line " in r for r in rows)
    assert any(r.startswith("Mira") and " 2 lines " in r for r in rows)
    assert not any(r.startswith("a fisherman") for r in rows)  # mentioned once, never speaks
    assert "... and 1 more: a fisherman" in rows


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
    assert "aka Kakashi, the ninja, the copy-nin, the man, the rival, …" in cast_line


def test_a_cast_line_shows_the_forms_used_most_first_and_descriptions_in_lower_case() -> None:
    from ficscope.model import Mention

    text = "The medic ran. Sakura fell. The medic knelt. The medic rose. Nobody called the woman."
    sakura = Character(
        id="sakura",
        name="Haruno Sakura",
        aliases=("Sakura", "the woman", "The medic"),
        mention_count=5,
    )
    stranger = Character(id="unnamed-guard", name="The guard", mention_count=2, quote_count=1)

    def spans(form: str) -> list[Mention]:
        found, at = [], text.find(form)
        while at >= 0:
            found.append(Mention(at, at + len(form), "sakura", "epithet"))
            at = text.find(form, at + 1)
        return found

    mentions = tuple(
        sorted(spans("The medic") + spans("Sakura") + spans("the woman"), key=lambda m: m.start)
    )
    work = Work(text=text, characters=(sakura, stranger), mentions=mentions)
    lines = summary_text(work).splitlines()
    assert any("aka the medic, Sakura, the woman" in line for line in lines)
    assert any(line.strip().startswith("the guard") for line in lines)


def test_a_named_first_person_narrator_reads_as_the_narrator() -> None:
    narrator = Character(
        id="narrator",
        name="Rogue",
        aliases=("Rogue", "Marie", "I", "the narrator"),
        mention_count=4,
    )
    text = summary_text(Work(text="I ran.", characters=(narrator,)))
    cast_line = next(line for line in text.splitlines() if "Rogue" in line)
    assert "Rogue (narrator)" in cast_line
    assert "aka Marie, I" in cast_line or "aka I, Marie" in cast_line
