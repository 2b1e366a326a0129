""" "The older woman" of those in a scene is the one the narration marks old."""

from __future__ import annotations

from ficscope.pipeline import analyze_work
from ficscope.readers.plaintext import parse_text


def test_the_older_woman_is_the_one_the_narration_marks_old() -> None:
    text = (
        "Pinako Rockbell was leaning in the doorway, pipe in her teeth. She was barely taller "
        "than the railing, but somehow the old woman still managed to look down on all of them.\n\n"
        "Winry came out of the workshop wiping her hands. Pinako nodded at her.\n\n"
        '"Ed, elbows," said Winry.\n\n'
        '"I only have one elbow right now," Ed said.\n\n'
        '"Then get it off the table," Winry said.\n\n'
        '"So how long are you two staying?" the older woman asked.'
    )
    work = analyze_work(parse_text(text))
    ids = {c.name: c.id for c in work.characters}
    older = next(m for m in work.mentions if text[m.start : m.end] == "the older woman")
    assert older.character == ids["Pinako Rockbell"]
    line = next(q for q in work.quotes if text[q.start : q.end].startswith('"So how'))
    assert line.speaker == ids["Pinako Rockbell"]
