"""Turn-taking in scenes of three or more (acc26-group): who answers after narration."""

from __future__ import annotations

from speaker_story import analyze, speakers


def test_one_called_then_shown_acting_answers_after_the_narration() -> None:
    # blind20 tangled_lab: '"Varian, this is incredible. What does it do?"' / 'He lit up like
    # somebody had flipped a switch inside him, ...' / '"Okay, so, ..."': the one a line calls,
    # whom the narration paragraph between shows acting next, answers, not the one who spoke
    # two turns back
    work = analyze(
        "Bram and Oskar came down to the workshop, where Tomas was bent over a machine of pipes.",
        '"What on earth is that?" Oskar asked.',
        '"A thresher. Nearly."',
        '"Nearly," Bram repeated, and stepped back from it.',
        'Mira ran her hand along the pipes. "Tomas, this is wonderful. What does it do?"',
        "He lit up at once, and the words came tumbling out.",
        '"You pour the grain in the top, and the wind does the rest."',
    )
    assert speakers(work)[-1] == "Tomas"


def test_a_group_line_after_narration_ending_on_one_named_alone_is_no_a_b_a_turn() -> None:
    # blind23 suits_deposition: 'For a second nobody said anything. Then Harvey smiled, slow
    # and wide.' / '"Somebody wrote it after he was gone."': in a group, narration whose last
    # sentence is about one named person and nobody else ends the alternation; the one who
    # spoke two turns back has no claim on the line
    work = analyze(
        "Bram and Oskar sat down at the table across from Tomas and Mira.",
        '"The letter came this morning," Bram said.',
        '"Who sent it?" Oskar asked.',
        '"Nobody knows," Mira said.',
        '"It was in the ledger room," said Oskar.',
        '"Then someone had a key."',
        '"Only three of us have keys."',
        "Mira turned the letter over in her hands, and Mira frowned at it, and Oskar watched "
        "her. Then Tomas smiled, slow and wide.",
        '"Someone wrote it after the room was locked."',
    )
    assert speakers(work)[-1] == "Tomas"
