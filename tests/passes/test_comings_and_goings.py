"""Who is there to speak: one who gets off a lift or hangs up and stays, a newcomer not named by
the call of someone else come in, a "she said" of a new scene, a role noun met again as "a ...",
and a child described by school grade (blind round 23, part a: acc26-r23a)."""

from __future__ import annotations

from collections import Counter

from ficscope.model import Work
from ficscope.passes.speaker_cues import CueFinder
from ficscope.passes.speakers import departures
from ficscope.passes.speakers.conversations import _last_of_gender
from ficscope.pipeline import analyze_work
from ficscope.readers.plaintext import parse_text
from tests.passes.speaker_story import PASSES, analyze, speakers


def story(*paragraphs: str) -> Work:
    """``paragraphs`` alone (no cast paragraph before them) through the speakers pass."""
    return analyze_work(parse_text("\n\n".join(paragraphs)), PASSES)


def _left(work: Work, name: str) -> list[bool]:
    """For each paragraph referring to the character called ``name``, whether it leaves there."""
    cid = next(c.id for c in work.characters if c.name == name)
    return departures(CueFinder(work)).get(cid, ([], []))[1]


def test_one_who_walks_off_the_elevator_has_come_in() -> None:
    # "walked off" is a leaving, but not off the elevator: Harvey has just arrived
    arrival = (
        "Harvey walked off the elevator at seven with a coffee in one hand. Donna was already "
        "at her desk, because Donna was always already at her desk. Harvey sighed.",
        '"You\'re late," she said without looking up.',
        "\"I'm early. It's seven.\"",
    )
    work = story(*arrival)
    assert not any(_left(work, "Harvey"))
    assert speakers(work)[-1] == "Harvey"
    assert _left(story(*arrival, "Harvey walked off without a word."), "Harvey")[-1]


def test_one_who_hangs_up_and_goes_on_acting_is_still_there() -> None:
    # the one holding the phone hangs up and tosses it on the desk: still in the room (one who
    # hangs up and walks out is gone)
    work = story(
        "Harvey dropped into his chair and answered his phone. Donna leaned in the doorway, "
        "arms folded.",
        '"Wear the blue tie, Dennis." Harvey hung up and tossed the phone onto the desk.',
        '"The blue tie?" Donna asked.',
        '"Nobody trusts a man in a red tie."',
    )
    assert not any(_left(work, "Harvey"))
    assert speakers(work)[-1] == "Harvey"
    gone = story(
        "Harvey dropped into his chair and answered his phone. Donna leaned in the doorway.",
        '"Wear the blue tie, Dennis." Harvey hung up and walked out.',
    )
    assert any(_left(gone, "Harvey"))


def test_a_newcomer_is_not_recognised_by_a_call_of_someone_else_come_in() -> None:
    # the maid announces Mrs Jennings, who comes in and calls Mrs Dashwood: the maid is not
    # Mrs Dashwood
    work = analyze(
        "* * *",
        "Mrs Dashwood sat at her sewing by the window, and Elinor read to her.",
        "The maid put her head round the parlour door. \"If you please, ma'am, it's Mrs "
        'Jennings, come over from the Park."',
        "Mrs Jennings was already in the passage, shaking out her cloak.",
        '"Mrs Dashwood, you said nothing to me of company!"',
    )
    assert speakers(work)[0] not in ("Mrs Dashwood", "Mrs. Dashwood")


def test_a_she_tag_after_a_scene_break_is_a_she_of_the_new_scene() -> None:
    # "she said" with no she among the candidates reaches back for the last she named, but not
    # across a scene break: Ashfern, left in the den of paragraph 1, says nothing in the scene
    # that opens at paragraph 4 (Mossheart's, whose gender the narration never gave)
    refs = {1: Counter({"ashfern": 1, "reedstar": 1}), 4: Counter({"mossheart": 2})}
    genders = {"ashfern": "f", "reedstar": "m"}
    assert _last_of_gender(refs, genders, "f", 6) == "ashfern"
    assert _last_of_gender(refs, genders, "f", 6, scene=4) is None
    assert _last_of_gender(refs, genders, "m", 6, scene=1) == "reedstar"


def test_a_role_met_again_as_a_in_a_later_scene_is_someone_new() -> None:
    # "a tired soldier" of the second scene is not "the young soldier" of the first
    work = analyze(
        "* * *",
        "The young soldier shook his head and sat down by Tomas.",
        '"Not tonight," the young soldier said.',
        "* * *",
        '"Leave the camp? In winter?" a tired soldier rasped from the edge of the crowd.',
    )
    first = next(m for m in work.mentions if work.text[m.start : m.end] == "The young soldier")
    second = next(m for m in work.mentions if work.text[m.start : m.end] == "a tired soldier")
    assert first.character is not None and second.character is not None
    assert first.character != second.character


def test_a_child_described_by_school_grade_is_a_person() -> None:
    # "A second-grader" is someone there, who asks the price: not the she named before
    work = analyze(
        "* * *",
        "Mira was behind the table with the cakes.",
        "A second-grader with a missing front tooth stands on her tiptoes to see over the "
        'table. "How much is the cupcake?"',
    )
    assert speakers(work)[-1] not in ("Mira", "Tomas", None)


def test_one_who_comes_out_and_talks_in_the_same_paragraph_is_there() -> None:
    # "walked out" and then a line of the same paragraph: come out to those there, not gone
    # (acc26-cands)
    work = story(
        "The squad room was quiet. Rosa and Dan were at their desks when the office door opened. "
        'Captain Vega walked out with a file under her arm. Her face did not move. "Officers. '
        'Why is there coffee on the floor?"',
        '"No reason, Captain!" Dan said.',
        '"Dan."',
    )
    assert not any(_left(work, "Captain Vega"))
    gone = story(
        "The squad room was quiet. Rosa and Dan were at their desks. Captain Vega walked out "
        "with a file under her arm.",
        '"Is she gone?" Dan asked.',
    )
    assert _left(gone, "Captain Vega")[-1]


def test_one_who_comes_out_and_goes_on_acting_is_there() -> None:
    # the sentence goes on with the one come out doing more ("sees them, and stops"): the
    # narration stays with them (not "She backs out, and the bell jangles behind her")
    work = story(
        "Carla and Marcus were sitting on the step in the alley. Danny was inside. The back "
        "door bangs open and Danny backs out with two trash bags, sees them, and stops.",
        '"Oh, great. Nobody invites me to anything."',
    )
    assert not any(_left(work, "Danny"))
    gone = story(
        "Carla and Marcus were sitting on the step while Danny worked inside. Danny backs "
        "out, and the door bangs behind him.",
    )
    assert _left(gone, "Danny")[-1]


def test_a_leaving_that_says_why_is_no_leaving_now() -> None:
    # "because he ran out without opening it" tells why he is wet, not that he goes
    work = story(
        "Lena stood at the gate with Priya and waited for Marco. Then Marco came up the path "
        "with a huge umbrella. He was soaked, because he ran out without opening it.",
        '"Senpai. You\'re wet."',
    )
    assert not any(_left(work, "Marco"))
    gone = story("Lena stood at the gate with Priya and waited for Marco. Then Marco ran out.")
    assert _left(gone, "Marco")[-1]


def test_lines_heard_before_two_newcomers_are_shown_alternate_between_them() -> None:
    # acc26-voice: '"--told you it was the left door, Pip--"' / '"It was the left door!"' /
    # 'The door burst open and Merry and Pippin came through it together.': lines heard
    # (the narration before says so) are the newcomers', opening with the one not called
    found = speakers(
        analyze(
            "Mira sat by the fire with a book. From the corridor came the sound of two people "
            "arguing.",
            '"--told you it was the left door, Pip--"',
            '"It was the left door! It is just that there were two left doors!"',
            "The door burst open and Halvard and Pippin came through it together.",
        )
    )
    assert found[-2:] == ["Halvard", "Pippin"]


def test_lines_after_narration_that_hears_nothing_are_not_given_to_newcomers() -> None:
    # the same lines after narration that says nothing is heard may be those already there
    found = speakers(
        analyze(
            "Mira sat by the fire with a book, and Tomas read the paper.",
            '"I told you it was the left door."',
            '"It was the right one."',
            "The door burst open and Halvard and Pippin came through it together.",
        )
    )
    assert "Halvard" not in found and "Pippin" not in found


def test_one_gone_in_a_clause_of_time_has_left() -> None:
    # "When she had gone, ...": Audrey leaves; "had gone to the shop" and "He was gone." do not
    # say so (acc27-r24b)
    scene = (
        "Cooper opened the door to find Audrey leaning against the frame.",
        '"Room service," she said.',
    )
    gone = story(*scene, "When Audrey had gone, leaving the cup, he picked the recorder up.")
    assert _left(gone, "Audrey")[-1]
    shop = story(*scene, "Audrey had gone to the shop first, and she smiled at him.")
    assert not _left(shop, "Audrey")[-1]
    lost = story(*scene, "Audrey was gone. Her eyes had gone far away.")
    assert not _left(lost, "Audrey")[-1]


def test_one_who_clears_their_throat_at_the_end_of_the_narration_says_the_next_line() -> None:
    # "... when Mr Butler cleared his throat from the sideboard." / "'Excuse me, Miss. ...'":
    # the one clearing their throat is about to speak, over the breakfast's alternation
    found = speakers(
        story(
            "Breakfast at Wardlow was quiet until Aunt Prudence arrived. Dot and Phryne were at "
            "the table, and Mr Butler stood by the sideboard.",
            "'Phryne, you simply must do something,' Prudence announced.",
            "'Right off her neck?' Dot put her cup down. 'Oh, that's awful, Mrs Stanley.'",
            "'It was, Dorothy. She was quite beside herself.'",
            "'Did she see who did it?'",
            "'Of course she didn't see who did it, Phryne, it was dark.'",
            "Phryne was trying very hard not to smile when Mr Butler cleared his throat from "
            "the sideboard.",
            "'Excuse me, Miss. Inspector Robinson telephoned while you were dressing.'",
        )
    )
    assert found[-1] == "Mr. Butler"
