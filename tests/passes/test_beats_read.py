"""How a beat before a line is read (acc28-beat5): a pronoun beat that takes up the one the
paragraph opened on is as plain as that one's name."""

from __future__ import annotations

from speaker_story import analyze

from ficscope.passes.speaker_cues import CueFinder, Turn


def _turns(*paragraphs: str) -> list[Turn]:
    return CueFinder(analyze(*paragraphs)).turns()


def test_a_pronoun_beat_taking_up_the_opening_name_is_that_name() -> None:
    # 'Elinor put down her pencil ... She did not need to go to the window; she had known the
    # set of those shoulders from the first.' / "'It is Mr Ferrars.'"
    turns = _turns(
        "Mira put the rope down very carefully. She did not need to look; she had known the "
        'boat from the first. "It is the Heron."'
    )
    beat = turns[-1].beat_before
    assert beat is not None
    assert beat.kind == "name"
    assert beat.character is not None
    assert "mira" in beat.character.lower()


def test_a_pronoun_beat_inside_a_sentence_about_something_else_stays_a_pronoun() -> None:
    # 'Oliver was clipping the backup mic ... It was smaller and a little bit dented, and he
    # kept glaring at it.': "he" does not open its sentence, so it stays the pronoun it is
    turns = _turns(
        "Tomas was tying the rope to the post. It was old and a little frayed, and he kept "
        'frowning at it. "Hold this."'
    )
    beat = turns[-1].beat_before
    assert beat is not None
    assert beat.kind == "pronoun"
