"""Phone calls heard from one side: the one the narration shows on the phone says the lines that
call the one on the other end, who is no one in the room once the call is over (acc27-voice)."""

from __future__ import annotations

from ficscope.model import Work
from ficscope.pipeline import analyze_work
from ficscope.readers.plaintext import parse_text
from tests.passes.speaker_story import PASSES, speakers
from tests.passes.speaker_story import analyze as story_analyze


def analyze(*paragraphs: str) -> Work:
    """``paragraphs`` alone (no cast paragraph before them) through the speakers pass."""
    return analyze_work(parse_text("\n\n".join(paragraphs)), PASSES)


_CALL = (
    "Marta Quill was at the counter of the shop, sorting the post, when Ivo came in out of "
    "the rain.",
    '"Morning, Marta," Ivo said.',
    "Old Benedek waved him to a stool without looking up from the phone. The cord was "
    "wrapped twice around his fist.",
    '"No, Rosa, I hear you. When did it stop?"',
    "A pause. The thin, worried buzz on the other end went on for a while.",
    '"And the pump is still out? Fine. No. Leave it alone, Rosa, I will send the boy."',
    "Benedek hung up and sat looking at the counter for a second.",
    '"Rosa Dalca," Benedek said. "Her well pump quit in the night."',
    '"The old one?"',
    '"That is what she said."',
    '"Then I will need the long ladder, Benedek."',
)


def test_one_shown_on_the_phone_says_the_lines_calling_the_far_end() -> None:
    # "without looking up from the phone": Benedek is on a call; the bare line calling Rosa,
    # who is nowhere in the room, is his, and so is the next one calling her
    said = speakers(analyze(*_CALL))
    assert said[1:3] == ["Benedek", "Benedek"]


def test_the_far_end_says_nothing_once_the_call_is_over() -> None:
    # after "Benedek hung up", Rosa (spoken of by name in the next line) is not in the room to
    # answer: the line calling Benedek is Ivo's, not hers
    said = speakers(analyze(*_CALL))
    assert "Rosa Dalca" not in said
    assert said[-1] == "Ivo"


def test_one_who_picks_up_a_recorder_says_the_line_calling_someone_absent() -> None:
    # "he picked the recorder up again" after she has gone: the line calling Maren, who is away,
    # is his dictation, not the one who just left (the cast paragraph's Mira and Tomas first)
    said = speakers(
        story_analyze(
            "Mira brought the tea up at seven and set it down beside Tomas and his notes, which "
            "were all for Maren, who had gone to the coast.",
            '"You work too late," she said.',
            '"I work exactly as late as the work needs."',
            "When she had gone, leaving the cup to cool beside the lamp, he picked the recorder "
            "up again.",
            '"Maren, it is seven in the morning. Mira has brought tea. I have still not found '
            'the second key."',
        )
    )
    assert said[-1] == "Tomas"
