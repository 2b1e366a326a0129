"""People described whom no character takes are mentions of no one."""

from __future__ import annotations

from ficscope.model import Mention
from ficscope.passes.described_people import described_people, without_unknown_plurals
from ficscope.pipeline import analyze_work
from ficscope.readers.plaintext import parse_text


def test_descriptions_of_people_with_an_owner_modifiers_and_plurals() -> None:
    text = (
        "She passed a tall old woman and the soldiers. His wife saw the man's hat, "
        "the Doctor and the house. That was the man."
    )
    his = text.index("His")
    found = described_people(text, [Mention(his, his + 3, "tom", "pronoun")])
    assert [text[m.start : m.end] for m in found] == [
        "a tall old woman",
        "the soldiers",
        "His wife",
        "the man",
        "the man",
    ]
    assert all(m.character is None and m.kind == "epithet" for m in found)
    # people whoever they are, and people by a collective noun
    text2 = "No one saw his family. Somebody told the people, and everyone-else left."
    assert [text2[m.start : m.end] for m in described_people(text2, [])] == [
        "No one",
        "his family",
        "Somebody",
        "the people",
    ]
    # a description a mention already covers is left to it
    taken = [Mention(text.index("the soldiers"), text.index("the soldiers") + 12, "x", "epithet")]
    assert "the soldiers" not in [text[m.start : m.end] for m in described_people(text, taken)]


def test_the_pipeline_adds_them_unresolved_and_leaves_the_cast_alone() -> None:
    text = (
        "Mira Voss walked past the guards and a small boy.\n\n"
        '"Hello," Mira said to Tobin Ash.\n\n'
        "Tobin Ash laughed."
    )
    work = analyze_work(parse_text(text))
    described = {text[m.start : m.end]: m.character for m in work.mentions if m.kind == "epithet"}
    assert described.get("the guards", "missing") is None
    assert described.get("a small boy", "missing") is None
    assert {c.name for c in work.characters} == {"Mira Voss", "Tobin Ash"}


def test_a_you_no_mention_holds_is_a_mention_of_no_one() -> None:
    text = 'Can you see your wife? "Go," said Ann to you.'
    said = text.index("you.")
    held = [Mention(said, said + 3, "bo", "pronoun")]
    found = [(text[m.start : m.end], m.kind) for m in described_people(text, held)]
    assert found == [("you", "pronoun"), ("your wife", "epithet"), ("your", "pronoun")]


def test_quantified_descriptions_and_bare_plurals() -> None:
    text = "Two old soldiers met no woman, and men came. People said family matters to Lords."
    assert [text[m.start : m.end] for m in described_people(text, [])] == [
        "Two old soldiers",
        "no woman",
        "men",
        "People",  # a sentence's first word; "Lords" mid-sentence is a name
    ]


def test_a_plural_pronoun_no_one_holds_is_left_out() -> None:
    text = "She packed the boxes and carried them. They thanked Ann."
    them, they = text.index("them"), text.index("They")
    mentions = [
        Mention(them, them + 4, None, "pronoun"),
        Mention(they, they + 4, "group", "pronoun"),
        Mention(0, 3, None, "pronoun"),
    ]
    kept = [text[m.start : m.end] for m in without_unknown_plurals(text, mentions)]
    assert kept == ["They", "She"]
