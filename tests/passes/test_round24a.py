"""Blind round 24, part a (acc27-r24a): a staffer met in the corridor, a split line's second part
said "to" someone named in the tag."""

from __future__ import annotations

from ficscope.passes.characters import cluster_names
from ficscope.passes.names import NameMention
from tests.passes.speaker_story import analyze_alone as analyze
from tests.passes.speaker_story import speaker_of


def test_a_staffer_is_a_person() -> None:
    work = analyze(
        "Marcus and Helen walked down the corridor toward the briefing room.",
        '"You read the memo?" Helen asked.',
        '"Most of it," said Marcus.',
        "A young staffer with a stack of folders jogged up on Helen's side. "
        '"Helen? The director needs the file before the meeting."',
    )
    assert speaker_of(work, "The director needs") not in ("Marcus", "Helen")


def test_a_split_lines_second_part_said_to_someone_is_answered_by_them() -> None:
    work = analyze(
        "Marcus, Helen and Toby walked down the corridor toward the briefing room.",
        '"Toby, the file is late," said Marcus.',
        '"It\'s on his chair," Toby said.',
        '"Tell her it\'s on his chair," Helen said, and then, to Marcus, "That\'s me. Go. '
        'Be nice to the congressman."',
        '"I\'m always nice."',
        '"Be nicer," she called over her shoulder, and left.',
    )
    names = {c.id: c.name for c in work.characters}
    second = next(q for q in work.quotes if "That's me" in work.text[q.start : q.end])
    assert names.get(second.addressee or "") == "Marcus"
    assert speaker_of(work, "always nice") == "Marcus"


def test_a_formal_given_name_only_called_joins_the_narrated_diminutive() -> None:
    def mention(at: int, *parts: str, in_quote: bool = False) -> NameMention:
        return NameMention(at, at + 1, parts, None, None, at, at, in_quote, vocative=in_quote)

    found = [
        mention(0, "Josh", "Lyman"),
        mention(10, "Leo"),
        mention(20, "Joshua", in_quote=True),
        mention(30, "Josh"),
        mention(40, "Joshua", in_quote=True),
    ]
    clusters, assignment = cluster_names(found, {"Josh", "Lyman", "Leo", "Joshua"})
    assert assignment[2] == assignment[4] == assignment[0] == assignment[3]


def test_the_one_running_a_stall_is_someone_met_there() -> None:
    work = analyze(
        "That night Marcus ended up at the noodle stall by the river. Tom was already there.",
        '"You again," Tom said without looking up.',
        '"Where did you get that?"',
        '"I always carry a spare."',
        "The old man running the stall put two glasses down in front of them. "
        '"On the house. You two look like you had a long day."',
        '"You have no idea, old man," Marcus said.',
    )
    assert speaker_of(work, "On the house") not in ("Marcus", "Tom")


def test_a_clipped_name_with_an_honorific_is_a_name_and_joins_the_full_name() -> None:
    work = analyze(
        "Kurosawa Kintaro was lying on the couch. Daisuke was standing over him.",
        '"Kin-san, we have to pay the rent" Daisuke said.',
        '"let her sell the scooter" Kintaro said.',
        '"Kin-san!"',
    )
    joined = [c for c in work.characters if "Kin-san" in c.aliases]
    assert len(joined) == 1 and "Kintaro" in joined[0].aliases
