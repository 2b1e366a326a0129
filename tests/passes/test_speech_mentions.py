"""A line's first-person pronouns are mentions of its speaker, its "you" of its addressee, its
"he" and "she" of the one last named."""

from __future__ import annotations

from ficscope.model import Mention, Quote
from ficscope.passes.speech_mentions import speech_mentions, third_persons
from ficscope.pipeline import analyze_work
from ficscope.readers.plaintext import parse_text


def test_a_lines_i_me_and_my_are_its_speaker_and_a_quoted_line_inside_is_not() -> None:
    text = '"I\'m late, my dear. Tom said \'I quit\' to me," Ann said. "I know," said Bo.'
    outer = Quote(0, text.index(" Ann"), '"', '"', speaker="ann")
    inner_start = text.index("'I quit'")
    inner = Quote(inner_start, inner_start + len("'I quit'"), "'", "'", depth=1, speaker="tom")
    last = text.index('"I know')
    bo = Quote(last, last + len('"I know,"'), '"', '"', speaker="bo")
    unknown = Quote(last, last + len('"I know,"'), '"', '"')
    found = speech_mentions(text, [outer, inner, bo, unknown], [])
    said = [(text[m.start : m.end], m.character) for m in found]
    assert said == [("I", "ann"), ("my", "ann"), ("me", "ann"), ("I", "tom"), ("I", "bo")]
    assert all(m.kind == "pronoun" for m in found)
    # a mention coreference already made is kept as it is
    taken = [Mention(outer.start + 1, outer.start + 2, "someone", "pronoun")]
    assert ("I", "ann") not in [
        (text[m.start : m.end], m.character) for m in speech_mentions(text, [outer, inner], taken)
    ]


def test_the_speakers_pass_adds_them_to_the_mentions_and_the_counts() -> None:
    text = (
        "Mira Voss set the lamp down.\n\n"
        '"I found it in my cellar," Mira said. "Nobody believes me."\n\n'
        "Tobin Ash laughed at her."
    )
    work = analyze_work(parse_text(text))
    mira = next(c for c in work.characters if c.name == "Mira Voss")
    mine = [text[m.start : m.end] for m in work.mentions if m.character == mira.id]
    assert ["I", "my", "me"] == [w for w in mine if w in ("I", "my", "me")]
    assert mira.mention_count >= len(mine)


def test_a_lines_you_is_the_one_it_is_said_to_unless_said_to_several() -> None:
    text = '"You\'re late, and your tea is cold," Ann told Bo. "Are you boys hungry?" she asked.'
    first = Quote(0, text.index(" Ann"), '"', '"', speaker="ann", addressee="bo")
    second_start = text.index('"Are')
    several = Quote(
        second_start,
        second_start + len('"Are you boys hungry?"'),
        '"',
        '"',
        speaker="ann",
        addressee="bo",
        addressees=("bo", "cy"),
    )
    found = speech_mentions(text, [first, several], [], second=True)
    assert [(text[m.start : m.end], m.character) for m in found] == [("You", "bo"), ("your", "bo")]
    # the first person is not the second
    assert ("You", "ann") not in [
        (text[m.start : m.end], m.character) for m in speech_mentions(text, [first], [])
    ]


def test_the_speakers_pass_gives_a_lines_you_to_its_addressee_uncounted() -> None:
    text = (
        "Mira Voss set the lamp down. Tobin Ash watched her.\n\n"
        '"Did you find it in your cellar, Mira?" Tobin asked.\n\n'
        '"I did," Mira said.'
    )
    work = analyze_work(parse_text(text))
    mira = next(c for c in work.characters if c.name == "Mira Voss")
    yours = [m for m in work.mentions if text[m.start : m.end] in ("you", "your")]
    assert [m.character for m in yours] == [mira.id, mira.id]
    without = analyze_work(parse_text(text.replace("your", "our").replace("you", "we")))
    assert (
        mira.mention_count == next(c for c in without.characters if c.id == mira.id).mention_count
    )


def test_a_lines_he_and_she_are_the_one_of_that_gender_last_named_not_speaker_or_addressee() -> (
    None
):
    text = 'Harvey left. Ann met Bo. "He still lives, and she knows it, Bo," Ann said.'
    start = text.index('"He')
    line = Quote(start, text.index(" Ann said"), '"', '"', speaker="ann", addressee="bo")
    names = [
        Mention(0, 6, "harvey", "name"),
        Mention(text.index("Ann"), text.index("Ann") + 3, "ann", "name"),
        Mention(text.index("Bo"), text.index("Bo") + 2, "bo", "name"),
    ]
    genders = {"harvey": "he/him", "ann": "she/her", "bo": "he/him"}
    found = third_persons(text, [line], names, genders)
    # "He" is Harvey (Bo, named later, is spoken to); "she" is no one (Ann says the line)
    assert [(text[m.start : m.end], m.character) for m in found] == [("He", "harvey")]


def test_a_respectful_call_is_the_one_the_line_is_said_to_but_a_title_is_not() -> None:
    text = '"Yes, sir. Sir Tom is out, madam," Bo said.'
    line = Quote(0, text.index(" Bo said"), '"', '"', speaker="bo", addressee="ann")
    found = speech_mentions(text, [line], [], second=True)
    assert [(text[m.start : m.end], m.character) for m in found] == [
        ("sir", "ann"),
        ("madam", "ann"),
    ]
