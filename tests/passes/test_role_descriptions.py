"""A role described among people named by first name is the grown-up named with a title."""

from __future__ import annotations

from ficscope.pipeline import analyze_work
from ficscope.readers.plaintext import parse_text


def test_the_role_is_the_one_the_narration_names_with_a_title() -> None:
    text = (
        "The supply cupboard opens and Mr Ajayi comes out with an armful of canvases.\n\n"
        "Charlie looks down at his sketchbook.\n\n"
        "Nick leans over the table to see it.\n\n"
        '"Is that me?" Nick asks.\n\n'
        '"No," Charlie says.\n\n'
        'The art teacher sets the canvases down. "That is coming on well, Charlie."\n\n'
        '"Thanks, sir."'
    )
    work = analyze_work(parse_text(text))
    ids = {c.name: c.id for c in work.characters}
    teacher = next(m for m in work.mentions if text[m.start : m.end] == "The art teacher")
    assert teacher.character == ids["Mr. Ajayi"]
    line = next(q for q in work.quotes if text[q.start : q.end].startswith('"That is'))
    assert line.speaker == ids["Mr. Ajayi"]
