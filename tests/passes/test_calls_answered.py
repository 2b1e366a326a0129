"""Who answers a call: a line that narration sets apart and that calls someone by name opens a
new exchange with the one it calls; one a line speaks of is not the one it is said to; one who
only opens their mouth is cut off by the one acting after; a call ending an answer's first
sentence names who said the line before (acc26-r23c, from blind round 23's last wrong lines)."""

from __future__ import annotations

from speaker_story import analyze, speakers


def test_a_call_after_narration_is_answered_by_the_one_called() -> None:
    # 'Jessica read the log and set it on top of the binder. "Harvey, you take the deposition
    # ..."' / '"That was my plan."': the answer is Harvey's, not that of the one who spoke two
    # lines before, across the narration
    work = analyze(
        "Petra came in out of the rain and shut the door behind her.",
        '"The boat is ready," Petra said.',
        '"Good," said Mira.',
        '"The nets are not. Nobody mended them."',
        "Nobody said anything for a while.",
        "Mira read Petra's list twice and put it down on the table. \"Tomas, you take the nets "
        'tonight."',
        '"That was my plan."',
    )
    said = speakers(work)
    assert said[3] == "Mira"
    assert said[4] == "Tomas"


def test_one_the_line_speaks_of_by_name_is_not_the_one_it_is_said_to() -> None:
    # 'Sarah sat down beside him ... Alison had sent a colour scheme.' / '"You know Alison's
    # going to have a laminated schedule," she said.' / '"Oh, she already does."': the
    # narration names just Sarah and Alison, but the line speaks of Alison, so it is not said
    # to her and she does not answer it
    work = analyze(
        '"You are late," Tomas said.',
        '"The boat was late," said Mira.',
        "Mira sat down beside him and picked up a rope. Petra had sent a list of knots.",
        '"You know Petra is going to check every one of them," Mira said.',
        '"Oh, she already does. She wrote it all down."',
    )
    said = speakers(work)
    assert said[2] == "Mira"
    assert said[3] == "Tomas"


def test_one_who_only_opens_his_mouth_is_cut_off_by_the_one_after() -> None:
    # 'Firestar opened his mouth to argue and Graystripe snickered. "I'd listen to her if I was
    # you."': the first only made to speak; the line is the one's who got in first
    work = analyze(
        '"I am going to look at the boat," Tomas said.',
        '"Not alone you are not," said Petra.',
        'Tomas opened his mouth to argue and Mira laughed. "I would listen to her if I were you."',
    )
    assert speakers(work)[2] == "Mira"


def test_a_call_ending_the_answers_first_sentence_names_who_said_the_line() -> None:
    # '"I wasn't going to touch the cake."' / '"You were looking at it, Felix. I know that
    # look."': the answer turns to the one it answers with its first sentence's call
    work = analyze(
        "Petra came down the stairs with the nets over her arm.",
        '"Nobody touch these," Petra said.',
        '"I was not going to touch them."',
        '"You were looking at them, Tomas. I know that look."',
    )
    assert speakers(work)[1] == "Tomas"
