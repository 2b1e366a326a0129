"""A "he" or "she" read as the other person of that sex (acc28-pron): the one the sentence
before acted on is not the next sentence's subject pronoun; a pronoun beat that goes on from the
paragraph's named subject is as sure as the name; a pronoun opening the narration after two bare
lines that follow a call is the one called."""

from __future__ import annotations

from speaker_story import analyze, speaker_of

from ficscope.model import Work
from ficscope.pipeline import analyze_work
from ficscope.readers.plaintext import parse_text


def _coref(*paragraphs: str) -> Work:
    return analyze_work(
        parse_text("\n\n".join(paragraphs)), ("segment", "quotes", "characters", "coref")
    )


def _pronoun_at(work: Work, words: str, pronoun: str) -> str | None:
    """The name of the one coreference gave the first ``pronoun`` after ``words``."""
    names = {c.id: c.name for c in work.characters}
    at = work.text.index(words)
    mention = min(
        (m for m in work.mentions if m.start >= at and work.text[m.start : m.end] == pronoun),
        key=lambda m: m.start,
    )
    return names.get(mention.character or "")


def test_the_one_acted_on_before_is_not_the_next_sentences_he() -> None:
    # "Hunk elbowed Lance out of the way with a big friendly smile. He picked up one of the
    # fruits": Hunk, the subject going on, not Lance, named last
    work = _coref(
        "Later Tomas walked to the harbour. He looked for the boat. Tomas pulled his hood down.",
        "At noon Aldo arrived. He waved. Aldo shook his head and laughed at himself.",
        "Tomas elbowed Aldo out of the way with a grin. He picked up a fish and sniffed it.",
    )
    assert _pronoun_at(work, "He picked up", "He") == "Tomas"


def test_then_he_after_the_paragraphs_named_subject_says_the_line() -> None:
    # 'For a long moment Arthur stared up at the man. Then he stood, and smiled, and said, "My
    # apologies, friend."': Arthur's, though the line before called Merlin
    work = analyze(
        "Aldo came in out of the rain. Aldo shook his coat and sat down beside Tomas.",
        '"He spilled my ale, Tomas," said Aldo.',
        'For a long moment Aldo stared at the jug. Then he stood, and smiled, and said, "Let me '
        'buy another, then."',
    )
    assert speaker_of(work, "Let me buy another") == "Aldo"


def test_she_after_two_bare_lines_that_follow_a_call_is_the_one_called() -> None:
    # 'Booth nods his thanks to her. "... Tell me you've got a name for me, Bones."' / '"I have
    # a skeleton, Booth."' / '"Okay, what does the skeleton say?"' / 'She points with the end
    # of her pen.': Brennan, called two lines before, not Cam, the last woman the narration named
    work = analyze(
        "Petra came in with the keys. Petra pulled her hood down, and Petra found herself "
        "smiling as she unlocked the shed for Tomas.",
        'Tomas nodded his thanks to her. "So what have we got? Tell me you have a name, Mira."',
        '"I have a boat, Tomas. Names are your department."',
        '"Okay, what does the boat say?"',
        'She points at the hull with her pen. "Boats say nothing. But this one was holed."',
    )
    assert _pronoun_at(work, "She points", "She") == "Mira"
    assert speaker_of(work, "Boats say nothing") == "Mira"
