"""Stories written in Markdown (tests/fixtures/markdown/)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ficscope.errors import CorruptInputError
from ficscope.model import BlockRole, Work
from ficscope.readers import find_reader, read_work
from ficscope.readers.markdown import split_front_matter

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "markdown"


@pytest.fixture
def work() -> Work:
    return read_work(FIXTURES / "lanterns.md")


def test_recognised_by_extension(tmp_path: Path) -> None:
    assert find_reader(FIXTURES / "lanterns.md").name == "markdown"
    other = tmp_path / "story.markdown"
    other.write_text("Just text.\n")
    assert find_reader(other).name == "markdown"


def test_front_matter_becomes_metadata(work: Work) -> None:
    md = work.metadata
    assert md.title == "The Lantern Keeper's Apprentice"
    assert md.authors == ("Wren Hollis",)
    assert md.fandoms == ("Original Work",)
    assert md.rating == "General Audiences"
    assert md.additional_tags == ("found family", "lighthouses, harbours", "apprenticeship")
    assert md.characters == ("Mira", "Tobin")
    assert md.summary == (
        "On the last night of the festival, Mira finally asks old Tobin why the harbour "
        "lanterns never go out."
    )
    assert md.words == 1204
    assert "title:" not in work.text and "---" not in work.text


def test_headings_chapters_and_scene_breaks(work: Work) -> None:
    assert [(c.number, c.title) for c in work.chapters] == [
        (1, "Oil and Salt"),
        (2, "The Sea Wall"),
    ]
    assert [b.role for b in work.blocks[:2]] == [BlockRole.DISCLAIMER, BlockRole.HEADING]
    assert work.blocks[0].end <= work.chapters[0].start  # the disclaimer is front matter
    assert len(work.blocks_of(BlockRole.SCENE_BREAK)) == 1
    assert work.blocks[-1].role is BlockRole.END_MARKER


def test_text_is_rendered_and_offsets_index_it(work: Work) -> None:
    assert (
        "The harbour smelled of salt and lamp oil, and Mira had smelled nothing else "
        "for three winters." in work.text
    )
    assert "*salt*" not in work.text and "**" not in work.text  # emphasis marks are gone
    assert "spelled M*i*r*a in" in work.text and "\\" not in work.text  # escapes resolved
    verse = next(b for b in work.paragraphs if work.span_text(b).startswith("Keep"))
    assert work.span_text(verse) == "Keep them burning,\nand the sea remembers\nthe way home."
    for block in work.blocks:
        assert work.span_text(block) == work.span_text(block).strip() != ""


def test_label_lines_without_fences(tmp_path: Path) -> None:
    path = tmp_path / "plain.md"
    path.write_text("Title: Salt\nAuthor: Fen\nRating: T\n\nOnce there was a harbour.\n")
    work = read_work(path)
    assert (work.metadata.title, work.metadata.authors, work.metadata.rating) == (
        "Salt",
        ("Fen",),
        "T",
    )
    assert work.text == "Once there was a harbour."


def test_a_first_paragraph_with_a_colon_is_story(tmp_path: Path) -> None:
    path = tmp_path / "story.md"
    path.write_text("She said: no.\n\nThen she left.\n")
    assert read_work(path).text == "She said: no.\n\nThen she left."


def test_yamlish_front_matter_forms() -> None:
    fields, rest = split_front_matter(
        "---\nTitle: 'Quoted'\nrelationships:\n- A/B\n- C & D\n"
        "notes: >\n  folded\n  note\n# a comment\n---\nBody\n"
    )
    assert fields == [
        ("Title", "Quoted"),
        ("relationships", ("A/B", "C & D")),
        ("notes", "folded note"),
    ]
    assert rest == "Body\n"


def test_binary_data_named_markdown_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "x.md"
    path.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(CorruptInputError):
        read_work(path)
