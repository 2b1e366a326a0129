"""Phone calls heard from one side: the one the narration shows on the phone says the lines that
call the one on the other end, who is no one in the room once the call is over (acc27-voice);
and with one side of a call heard, goes on talking past someone coming in or watching
(acc28-voice); a call heard from both sides whose far end is named only by a later call
(acc28-farend); and a written line signed with initials (acc28-farend)."""

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


# one side of a call heard, someone coming in or watching between its lines (acc28-voice)
_HELD_IN_THE_TAG = (
    "Tomas Brecht stood in the back office with the invoice in his hand. It said ten sacks of "
    "flour, and there were four sacks on the shelf.",
    '"Yes, this is Tomas Brecht," he says, pinning the phone between his ear and his '
    'shoulder. "From the bakery on Vine Street."',
    "A pause.",
    '"No, I ordered ten. Ten sacks. It says ten right here, with your driver\'s name on it."',
    "Lena Holz comes in through the back with her apron over one arm and two coffees in a "
    "paper tray, sees his face, and stops in the office doorway.",
    '"Okay, but can you just look? Can you please just look in the van?" He rubs his eyes '
    "with the heel of his hand.",
    "He hangs up and stares at the phone.",
    '"Flour guy?" Lena asks.',
    "She sets her coffee down on the filing cabinet and starts counting on her fingers.",
)


def test_the_one_who_holds_the_phone_in_a_tag_talks_on_past_one_coming_in() -> None:
    # "he says, pinning the phone between his ear and his shoulder": Tomas holds the call; the
    # line after Lena comes in and stops in the doorway is still his, said down the phone
    said = speakers(analyze(*_HELD_IN_THE_TAG))
    assert said[3] == "Tomas Brecht"


_ANSWERED = (
    "Vera Lund came back from the court at six. Her assistant, Nell Ash, was waiting at the "
    "door with the files.",
    '"Mr Pryce has called four times."',
    "Nell nodded at the phone in Vera's hand, which had started up again. Vera looked at the "
    "screen, sighed, and answered it on her way into the office.",
    '"Oliver. I was just talking about you. No, you do not have to bring anything."',
    "Nell leaned in the doorway to watch, arms folded.",
    '"Because they are going to ask you about the letters, that is why."',
    "Another, longer pause. Vera closed her eyes.",
    '"Eight o\'clock tomorrow, Oliver. Wear the grey suit." She hung up.',
    '"The grey suit?"',
)


def test_one_who_answered_the_phone_talks_on_past_one_watching() -> None:
    # "answered it", a phone in the narration before: Vera holds the call, and the line after
    # "Nell leaned in the doorway to watch" is hers, no answer of Nell's
    said = speakers(analyze(*_ANSWERED))
    assert said[1:4] == ["Vera Lund", "Vera Lund", "Vera Lund"]


def test_a_holder_whose_words_the_narration_tells_is_answered_by_the_far_end() -> None:
    # "I tell her ...", "I ask her ...": the narrator's side of the call is told, the far end's
    # is heard; the lines after such narration are Mara's, not the one holding the phone's
    said = speakers(
        analyze(
            "Mara Quinn had driven out to the farm at dawn, and she had not called since. At noon "
            "the phone rang. I step into the storeroom between the crates and press the phone to "
            "my ear.",
            '"Hey, you. Are you busy?"',
            "I tell her I'm never too busy for her, which is true, and also that Jonas is drinking "
            "all the coffee.",
            '"Of course he is. Listen, I can\'t stay on long. Something is wrong with the sheep."',
            "I ask her what kind of wrong.",
            "\"The kind where they all stand in a circle and none of them will move. I'm looking "
            'at them right now, Ada."',
            "She hangs up before I can tell her it's too late.",
        )
    )
    assert "the narrator" not in said[1:3]


def test_a_call_heard_from_both_sides_leaves_the_line_after_a_pause_to_the_decode() -> None:
    # Dana answers Kit's lines at once ('"Varga."' / '"It's me. ..."'): both sides are heard, so
    # the line after "A pause" is no holder's by that rule; it is hers, answering "Where?"
    said = speakers(
        analyze(
            "Dana Roth had been gone three days when Kit Varga's phone buzzed against the "
            "windowsill. He put it to his ear.",
            '"Varga."',
            '"It\'s me. Are you alone?"',
            '"More or less. What is it?"',
            '"They found the car."',
            "Kit sat down slowly on the arm of the couch. Outside, the rain went on.",
            '"Where?"',
            "A pause, long enough to hear traffic behind her.",
            '"In the river, under the old bridge. Nobody in it."',
        )
    )
    assert said[-1] != "Kit Varga"


def test_the_far_end_a_call_names_later_says_its_first_lines() -> None:
    # Tomas is alone with the phone against his ear; "she" who picks up is named only by his
    # "Goodnight, Nell." at the end: the lines answering his from the start are hers (acc28-farend)
    said = speakers(
        analyze(
            "Nell Harper left the council office at six, and Mrs Abbott locked the door behind "
            "her.",
            '"Goodnight, Mrs Abbott," Nell said.',
            '"Goodnight, dear," said Mrs Abbott.',
            "* * *",
            "At midnight the office was dark, and Tomas Reyes was at his desk with his boots up "
            "and the phone against his ear. It rang five times before she picked up.",
            '"Hello?"',
            '"It\'s me."',
            '"Tomas, it\'s midnight."',
            '"I know. The vote went through."',
            '"All of it?"',
            '"All of it. Every clause."',
            'He took his boots off the desk. "Goodnight, Nell."',
            '"Goodnight, Tomas."',
        )
    )
    assert said[2] == "Nell Harper"
    assert said[4] == "Nell Harper"


def test_a_written_line_signed_with_initials_is_the_one_they_belong_to() -> None:
    # "PG" after the last sentence of a text read out is Pia Greer's signature: the line is
    # hers, not that of the one who holds the phone (acc28-farend)
    said = speakers(
        analyze(
            "Dov Marsh and Lena Cho drove back to the motel alone; Pia Greer had stayed at the "
            "office to run the numbers.",
            '"She will be up all night," Lena said.',
            '"She always is," said Dov.',
            "His phone buzzed against the armrest. He turned the screen so Lena could see it.",
            '"Tell my boy genius to drink some water and go to bed. Love you all. PG"',
            '"She means you," Lena said.',
        )
    )
    assert said[2] == "Pia Greer"
