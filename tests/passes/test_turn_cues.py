"""Cues a turn takes from its narration and tags (acc26-r23b, from blind round 23's part b): a
title before one letter ("Mrs S"), the actor before a pronoun tag whose gender the story never
gave, a newcomer met after a place phrase, answering a link with one's own name, leaning toward
someone, and the one a tag says a line was asked of."""

from __future__ import annotations

from speaker_story import analyze, speakers

from ficscope.passes.speaker_cues import QuoteCues, Subject, Turn
from ficscope.passes.speakers import Conversation, _features, load_model, viterbi


def test_a_title_before_one_letter_is_a_name() -> None:
    # "Mrs S" (one letter after a title, twice) is someone: her lines are hers, not the
    # nearest other woman's
    work = analyze(
        "Later Mira went out to the back step. Mrs S was already there, smoking.",
        '"Don\'t," said Mrs S before Mira could open her mouth.',
        '"I wasn\'t going to say anything."',
        '"You were. You\'ve got your face on."',
        "Mrs S stubbed out her cigarette and stood.",
    )
    names = {c.name for c in work.characters}
    assert "Mrs. S" in names
    assert speakers(work)[0] == "Mrs. S"
    assert speakers(work)[2] == "Mrs. S"


def test_the_actor_before_a_pronoun_tag_counts_half_when_their_gender_is_unknown() -> None:
    # 'Alison looked at the three of them ...' / '"Fine," she said.': the one the narration
    # just followed, whose gender the story never gave, is likely the "she" (half the weight
    # of one whose gender matches)
    she = Subject(None, "pronoun", gender="f", confirmed=True, verb="said")
    actor = Subject("alison", "name")
    turn = Turn(para=5, quotes=[QuoteCues(index=0, tag=she)], tag_actor=actor, gap=1)
    unknown = _features(turn, None, "alison", {}, 2)
    assert unknown.get("tag_actor") == 0.5
    matching = _features(turn, None, "alison", {"alison": "f"}, 2)
    assert matching.get("tag_actor") == 1.0
    clashing = _features(turn, None, "alison", {"alison": "m"}, 2)
    assert "tag_actor" not in clashing


def test_a_newcomer_after_a_place_phrase_who_speaks_is_someone_new() -> None:
    # "At the scanner station a young tech cleared his throat." opens on a place: the tech is
    # the subject, someone new who says the paragraph's line, not Tomas
    work = analyze(
        '"Report," Tomas said.',
        '"Quiet night," Mira said.',
        'At the scanner station a young tech cleared his throat. "Sir, the harbour is calling '
        'again."',
    )
    said = speakers(work)
    assert said[2] not in ("Tomas", "Mira", None)
    assert "tech" in str(said[2]).lower()


def test_answering_a_link_with_ones_own_name_is_no_call() -> None:
    # 'Tomas tapped his link. "Tomas. Go ahead, Garrick."': his own name, said to the one on
    # the line; and the tech who announced the call is not Garrick, whom Tomas calls
    work = analyze(
        '"Report," Tomas said.',
        'At the scanner station a young tech cleared his throat. "Sir, Garrick is on the link '
        'again."',
        'Tomas tapped his link. "Tomas. Go ahead, Garrick."',
        '"Captain, you want to come down here," Garrick said. His voice came tinny out of the '
        "speaker.",
    )
    said = speakers(work)
    assert said[2] == "Tomas"
    assert said[1] not in ("Tomas", "Garrick", None)


def test_leaning_toward_someone_says_the_line_to_them() -> None:
    # 'Tomas leaned toward Quill. "They really do sing."' / '"Yes. Listen," she said.': Quill
    # (whose gender the story never gave) answers, not Mira, the other woman there
    work = analyze(
        "Three nights later the dome was full. Quill stood at the glass with Mira and Tomas.",
        '"You are the commander, yes?" Quill asked.',
        '"Second in command," Mira said.',
        "Outside the glass the first of the fireworks bloomed gold.",
        'Tomas leaned toward Quill. "They really do sing."',
        '"Yes. Listen," she said.',
    )
    said = speakers(work)
    lines = [q for q in work.quotes if q.depth == 0]
    assert lines[2].addressee == "quill"
    assert said[3] == "Quill"


def test_the_one_a_tag_says_was_asked_answers() -> None:
    # '... stares at Tomas. / "Is that boy all right, dear?" she asks Mira.' / '"He's fine."':
    # the tag names who was asked, over the one the narration looked at before
    work = analyze(
        "At the station a woman with a shopping bag stares at Tomas and his dripping hair.",
        '"Is that boy all right, dear?" she asks Mira. "He looks like he fell in the river."',
        "\"He's fine. He's just like that.\"",
    )
    said = speakers(work)
    assert said[2] == "Mira"


def test_a_newcomer_acting_after_narration_says_the_line_over_the_alternation() -> None:
    # 'The delivery kid on the porch ... looked at her, ...' / '"Uh. Are you guys, like,
    # twins?"' / '"Something like that," said Sarah.' / '"Please leave," Alison added.': the
    # line after narration whose last sentence shows someone just met acting is theirs; the
    # talk before has no A-B-A claim on it, and the newcomer pays no cost of a third speaker
    kid = Subject("unnamed-kid", "epithet", confirmed=False)
    turns = [
        Turn(para=0, quotes=[]),
        Turn(para=1, quotes=[]),
        Turn(para=3, quotes=[], gap=1, last_actor=kid),
        Turn(para=4, quotes=[]),
        Turn(para=5, quotes=[]),
    ]
    tagged = {"tag_name": 1.0}
    candidates = [
        ["alison", "sarah"],
        ["alison", "sarah"],
        ["alison", "unnamed-kid"],
        ["alison", "sarah", "unnamed-kid"],
        ["alison", "sarah", "unnamed-kid"],
    ]
    features: list[list[dict[str, float]]] = [
        [tagged, {}],
        [{}, tagged],
        [{"sal2": 1.0, "actor_other": 0.6}, {"new": 1.0, "actor_epithet": 0.6}],
        [{}, tagged, {}],
        [tagged, {}, {}],
    ]
    weights = load_model()["weights"]
    assert isinstance(weights, dict)
    path, _ = viterbi(Conversation(turns, candidates, features), weights)
    assert path == ["alison", "sarah", "unnamed-kid", "sarah", "alison"]


def test_a_quoted_thought_is_tagged_by_its_thinker() -> None:
    # acc28-lit3: "thought" tags a quoted thought right after it, verb first or subject first,
    # as a speech verb tags a line ("...," thought Ragged Dick); the stranger acting last in the
    # narration before does not take it
    work = analyze(
        "A stranger in a grey coat walked up the steps of the court house and tried the door.",
        '"He won\'t get in there," thought Tomas, folding his arms. "Not without a key."',
        "Mira watched the stranger rattle the handle a second time.",
        '"He will try the window next," she thought.',
    )
    assert speakers(work) == ["Tomas", "Tomas", "Mira"]
