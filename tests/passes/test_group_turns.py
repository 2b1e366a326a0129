"""Turn-taking in scenes of three or more (acc26-group): who answers after narration."""

from __future__ import annotations

from speaker_story import CAST, analyze, speakers

from ficscope.passes.speaker_cues import CueFinder, QuoteCues, Subject, Turn
from ficscope.passes.speakers import _features
from ficscope.pipeline import analyze_work
from ficscope.readers.plaintext import parse_text


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


def test_a_group_line_after_a_paragraph_that_opens_and_ends_on_one_person_is_theirs() -> None:
    # blind7 startrek_birthday: 'Kirk looked around the room at all of them, ... He lifted his
    # plate like a glass.' / '"To the best crew in the fleet."': a narration paragraph that
    # opens on one person by name and ends on them as "he", about nobody else, gives them the
    # line after it, as a last sentence naming them does; the A-B-A speaker (Mira) has no
    # claim on it (acc28-group4)
    work = analyze(
        "Bram and Oskar sat down at the table across from Tomas and Mira.",
        '"The letter came this morning," Tomas said.',
        '"Who sent it?" Oskar asked.',
        '"Nobody knows," Mira said.',
        '"It was in the ledger room," said Oskar.',
        '"Then someone had a key."',
        '"Only three of us have keys."',
        "Bram looked down at his hands for a long moment. Then he smiled, slow and wide.",
        '"Someone wrote it after the room was locked."',
    )
    assert speakers(work)[-1] == "Bram"


def test_a_name_opening_the_line_s_paragraph_outweighs_the_call_before_it() -> None:
    # blind19 wynonna_shortys: '"And you do it so well, Haughtstuff."' / 'Doc straightens up
    # off the counter. "I will bring the whiskey."': the one named acting right before the
    # line says it, not the one the line before called (acc28-group4)
    work = analyze(
        "Bram and Oskar were already in the kitchen with Tomas and Mira.",
        '"We go tonight," Tomas said.',
        '"Sleeping is a plan too," said Oskar.',
        '"Fine. But Mira buys the snacks."',
        '"I always buy the snacks," Mira said.',
        '"And you do it so well, Mira."',
        'Bram straightens up off the counter. "I will bring the whiskey."',
    )
    assert speakers(work)[-1] == "Bram"


def test_the_one_called_answers_after_narration_only_if_acting_at_its_end() -> None:
    # blind20 wwdits_birthday: '"Happy birthday, Guillermo."' / 'Guillermo blew out the
    # candles. Everybody clapped, ...' / '"Can I go now?"' (a guest's): the last sentence shows
    # nobody acting, so the one called and shown in the sentence before is not turned to
    called = Turn(para=4, quotes=[QuoteCues(index=2, vocatives=["tomas"])])
    actor = Subject("tomas", "name", confirmed=False, token=40)
    shown = Turn(para=6, quotes=[QuoteCues(index=3)], gap=1, last_actor=actor)
    assert "prev_addressed" not in _features(shown, called, "tomas", {}, 1)
    shown.acts_at_end = True  # 'He lit up at once, and the words came tumbling out.'
    assert "prev_addressed" in _features(shown, called, "tomas", {}, 1)


def test_a_narration_paragraph_s_last_actor_acts_at_its_end_or_before_it() -> None:
    def last_turn(narration: str) -> Turn:
        work = analyze_work(
            parse_text(
                "\n\n".join(
                    (CAST, '"Happy birthday, Tomas," Mira said.', narration, '"Can I go now?"')
                )
            ),
            ("segment", "quotes", "characters", "coref"),
        )
        return CueFinder(work).turns()[-1]

    clapped = last_turn("Tomas blew out the candles. Everybody clapped.")
    assert clapped.last_actor is not None and not clapped.acts_at_end
    assert last_turn("Tomas blew out the candles, and then he grinned.").acts_at_end


def test_in_a_group_the_one_a_bare_line_calls_answers_as_a_third_speaker() -> None:
    # blind21 csm_groceries: '"Good night everyone. Denji-kun, dont stay up to late."' /
    # '"i wont!!"': in a group the one called answers, even as a third speaker: the
    # ``called_one`` feature takes away the third-speaker cost (acc26-group2)
    from ficscope.passes.speakers.conversations import Conversation
    from ficscope.passes.speakers.viterbi import viterbi
    from ficscope.passes.speakers.weights import DEFAULT_WEIGHTS

    tag = {"tag_name": 1.0}
    turns = [Turn(para=p, quotes=[QuoteCues(index=p)]) for p in range(3)]
    called = {"prev_addressed": 1.0, "prev_addressed_many": 1.0}
    conv = Conversation(
        turns=turns,
        candidates=[["mira", "oskar", "tomas"]] * 3,
        features=[
            [tag, {}, {}],
            [{}, tag, {}],
            [{"sal1": 1.0}, {}, called],
        ],
    )
    weights = {**DEFAULT_WEIGHTS, "prev_addressed_many": 0.6}
    assert viterbi(conv, weights)[0][-1] == "mira"
    conv.features[2][2] = {**called, "called_one": 1.0}
    assert viterbi(conv, weights)[0][-1] == "tomas"


def test_a_leaving_closes_a_series_of_verbs() -> None:
    # blind19 pirates_tortuga: 'The barmaid bit the coin, shrugged, and went off.': the last
    # verb of a series of the subject's verbs is a leaving (acc26-group2)
    from ficscope.passes.speakers.departures import departures

    text = "\n\n".join(
        (
            CAST,
            "The barmaid came to the table with a jug.",
            '"Paying tonight?" she asked.',
            "The barmaid bit the coin, shrugged, and went off.",
        )
    )
    work = analyze_work(parse_text(text), ("segment", "quotes", "characters", "coref"))
    found = departures(CueFinder(work))
    assert any(any(leaves) for c, (_, leaves) in found.items() if "barmaid" in c)


def test_the_one_the_line_before_calls_is_a_candidate_however_many_are_there() -> None:
    # blind24 westwing_appendix: '"Joshua. You're seeing Haskell?"' / '"At ten, sir."': in a
    # scene of many, the candidates of the last two turns and the most referred-to filled the
    # six places and left out the one just called (acc27-group3)
    work = analyze(
        "Bram, Oskar, Lena, Greta and Anna came into the meeting room, and at the end of the "
        "table sat Josh, who had the ledgers in front of him.",
        '"The harvest numbers are in," Bram said.',
        '"Good or bad?" Oskar asked.',
        '"Bad," said Lena.',
        '"How bad?" Greta asked.',
        '"Bad enough," Mira said.',
        '"We knew that already," said Tomas.',
        '"Did we?" Anna asked.',
        '"I did," said Lena, and Oskar laughed at her.',
        '"You always do," Greta said to Mira and Tomas.',
        '"Somebody has to," said Anna, and Oskar and Lena nodded.',
        '"Then we plan for the winter," Bram said. "Josh. You have the ledgers?"',
        '"Right here, all of them."',
    )
    assert speakers(work)[-1] == "Josh"


def test_of_two_called_the_one_the_last_sentence_calls_answers() -> None:
    # acc28-lit4, The Tenant of Wildfell Hall: '"... you know, Gilbert, she can do anything. And
    # we should call some time, mamma; it's only proper, you know."' / '"Of course, my dear."':
    # a line calling two people is answered by the one its last sentence calls, not by the
    # narrator called earlier in it
    work = analyze(
        '"Lukas! Supper!" my mother called from the kitchen.',
        '"Coming," I said, and went in to the fire, where my sister Rose sat.',
        '"Is it not strange, mamma?" said Rose.',
        '"Strange! I can hardly believe it."',
        '"But you may believe it. You know, Lukas, Jane saw her herself. And we should call '
        'on her soon, mamma; it is only proper."',
        '"Of course, my dear."',
    )
    said = speakers(work)
    assert said[3] == said[5] == "my mother"


def test_the_one_a_tag_shows_goes_on_at_the_one_then_shown_acting() -> None:
    # acc28-lit4, Little Women: '"Jo does use such slang words!" observed Amy, ...' / 'Jo
    # immediately sat up, put her hands in her pockets, and began to whistle.' / '"Don't, Jo.
    # It's so boyish!"': a bare line calling the one the narration between shows acting is
    # said by the one the tag before showed speaking
    work = analyze(
        "Mira, Oskar, Bram and Tomas sat round the fire while the rain came down outside.",
        '"I am tired of the rain," Oskar said.',
        '"So am I," said Tomas.',
        '"Bram does use such long words!" said Mira, frowning at the figure on the rug.',
        "Bram sat up at once, put his hands in his pockets, and began to whistle.",
        '"Don\'t, Bram. It is so rude!"',
    )
    assert speakers(work)[-1] == "Mira"
