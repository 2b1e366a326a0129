"""The relationships pass on hand-made works: romantic vs platonic, the main pairing first,
evidence, and graceful degradation without the characters' layers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from ficscope.model import Character, Work
from ficscope.passes.relations import find_relationships, relationships_pass
from ficscope.pipeline import analyze_work

LOVERS = [
    "Mira waited for Tomas by the river. He came late, as always, and she laughed at him.",
    '"You are late," Mira said. "I love you anyway."',
    "Tomas kissed her, and she kissed him back under the bridge.",
    '"Marry me," Tomas whispered. Mira blushed and held his hand.',
    "Their first kiss had been on this bridge, a year ago. He remembered it.",
]
TEACHER = [
    "Old Brannock taught Mira to read the stars. He was a patient teacher.",
    '"Again," Brannock said to Mira. "The lesson is not over."',
    "Mira was his best student, and Brannock told her so.",
]


CAST = [
    ("mira", "Mira Vell", "she/her"),
    ("tomas", "Tomas Reyne", "he/him"),
    ("brannock", "Brannock", None),
]
Make = Callable[..., Work]


def test_romance_is_a_slash_pairing_first(make_work: Make) -> None:
    found = find_relationships(make_work(LOVERS + TEACHER, CAST))
    assert found, "no relationships"
    main = found[0]
    assert main.romantic and "/" in main.tag
    assert {main.source, main.target} == {"mira", "tomas"}
    assert main.kinds[0] == "love"
    assert main.confidence >= 0.6
    assert main.evidence, "a romantic pair needs evidence"


def test_teacher_and_student_are_platonic(make_work: Make) -> None:
    found = {
        frozenset((r.source, r.target)): r
        for r in find_relationships(make_work(LOVERS + TEACHER, CAST))
    }
    teach = found[frozenset(("mira", "brannock"))]
    assert not teach.romantic and " & " in teach.tag
    assert "teach" in teach.kinds


def test_family_outweighs_affection(make_work: Make) -> None:
    paragraphs = [
        "Anna hugged her brother Piet at the station. He was her only brother.",
        '"I missed you," Anna told Piet. "Mother sends her love."',
        "Piet kissed his sister on the cheek. Their father waved from the car.",
        "Anna and Piet talked about their parents all the way home.",
    ]
    work = make_work(paragraphs, [("anna", "Anna", "she/her"), ("piet", "Piet", "he/him")])
    found = find_relationships(work)
    assert found and not found[0].romantic
    assert "family" in found[0].kinds


def test_evidence_spans_lie_in_the_text_and_hold_a_cue(make_work: Make) -> None:
    work = make_work(LOVERS + TEACHER, CAST)
    for relationship in find_relationships(work):
        for evidence in relationship.evidence:
            assert 0 <= evidence.start < evidence.end <= len(work.text)
            assert evidence.note


def test_strangers_have_no_relationship(make_work: Make) -> None:
    paragraphs = [
        "Mira walked to the market. The sun was out.",
        "Far away, Tomas mended his boat and sang to himself.",
    ]
    work = make_work(paragraphs, [("mira", "Mira", "she/her"), ("tomas", "Tomas", "he/him")])
    assert find_relationships(work) == []


def test_without_characters_there_are_no_relationships(make_work: Make) -> None:
    work = replace(make_work(LOVERS + TEACHER, CAST), characters=(), mentions=())
    assert find_relationships(work) == []


def test_without_mentions_names_are_found_by_their_forms(make_work: Make) -> None:
    work = replace(make_work(LOVERS + TEACHER, CAST), mentions=())
    found = find_relationships(work)
    assert found and found[0].romantic


def test_unnamed_characters_get_no_relationship_tag(make_work: Make) -> None:
    work = make_work(LOVERS + TEACHER, CAST)
    stranger = Character("unnamed-the-tracker", "the tracker", (), None, 40, 5)
    work = replace(work, characters=(*work.characters, stranger))
    assert all("unnamed" not in (r.source + r.target) for r in find_relationships(work))


def test_the_pass_records_its_layer(make_work: Make) -> None:
    work = relationships_pass(make_work(LOVERS + TEACHER, CAST))
    assert "relationships" in work.layers and work.relationships


def test_the_pipeline_requires_the_speakers_layer(make_work: Make) -> None:
    work = analyze_work(make_work(LOVERS + TEACHER, CAST), ["relationships"])
    assert work.relationships
