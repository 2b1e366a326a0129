"""Generic HTML pages holding a story (tests/fixtures/html/)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ficscope.errors import CorruptInputError
from ficscope.model import BlockRole, Work
from ficscope.readers import find_reader, read_work
from ficscope.readers.html import chapter_number_title

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "html"


def write(tmp_path: Path, body: str, *, name: str = "story.html", head: str = "") -> Path:
    path = tmp_path / name
    path.write_text(
        "<!DOCTYPE html>\n<html><head><meta charset='utf-8'>"
        f"{head}</head><body>{body}</body></html>"
    )
    return path


@pytest.fixture
def work() -> Work:
    return read_work(FIXTURES / "lanterns.html")


def test_recognised_by_extension_or_doctype(tmp_path: Path) -> None:
    assert find_reader(FIXTURES / "lanterns.html").name == "html"
    saved = tmp_path / "story"
    saved.write_text("<!-- saved -->\n<!DOCTYPE html><html><body><p>Hi.</p></body></html>")
    assert find_reader(saved).name == "html"
    prose = tmp_path / "notes.txt"
    prose.write_text("She wrote <b>bold</b> words in a text file.\n")
    assert find_reader(prose).name == "plaintext"


def test_title_byline_and_labels_become_metadata(work: Work) -> None:
    md = work.metadata
    assert md.title == "The Lantern Keeper's Apprentice"
    assert md.authors == ("Wren Hollis",)
    assert md.fandoms == ("Original Work",)
    assert md.rating == "General Audiences"
    assert md.summary is not None and md.summary.startswith("On the last night of the festival")
    assert md.additional_tags == ("found family", "lighthouses")  # <meta name="keywords">
    assert md.language == "en"
    assert work.span_text(work.blocks[0]) == "by Wren Hollis"
    assert work.blocks[0].role is BlockRole.METADATA
    assert "Lantern Keeper's Apprentice" not in work.text  # the title is metadata, not text
    assert "Back to the index" not in work.text  # <footer>


def test_headings_split_chapters(work: Work) -> None:
    assert [(c.number, c.title, c.source) for c in work.chapters] == [
        (1, "Oil and Salt", "#chapter-1"),
        (2, "The Sea Wall", "#chapter-2"),
    ]
    for chapter in work.chapters:
        assert chapter.heading is not None and chapter.start == chapter.heading.start


def test_sub_headings_stay_inside_their_chapter(work: Work) -> None:
    second = work.chapters[1]
    inner = [
        b
        for b in work.blocks_of(BlockRole.HEADING)
        if second.heading and b.start > second.heading.start
    ]
    assert [work.span_text(b) for b in inner] == ["Later That Night"]
    assert second.start < inner[0].start < second.end


def test_paragraphs_scene_breaks_and_line_breaks(work: Work) -> None:
    roles = [b.role for b in work.blocks]
    assert roles.count(BlockRole.SCENE_BREAK) == 1
    assert roles.count(BlockRole.AUTHOR_NOTE) == 1
    assert (
        "The harbour smelled of salt and lamp oil, and Mira had smelled nothing else" in work.text
    )
    poem = next(b for b in work.paragraphs if work.span_text(b).startswith("Keep them burning"))
    assert work.span_text(poem) == "Keep them burning,\nand the sea remembers\nthe way home."


def test_no_headings_one_untitled_chapter(tmp_path: Path) -> None:
    work = read_work(write(tmp_path, "<p>One.</p><p>Two.</p>"))
    assert len(work.chapters) == 1
    assert (work.chapters[0].title, work.text) == (None, "One.\n\nTwo.")


def test_chapter_paragraphs_split_when_there_are_no_heading_tags(tmp_path: Path) -> None:
    body = "<p><b>Chapter 1</b></p><p>First.</p><p><b>Chapter 2: Home</b></p><p>Second.</p>"
    work = read_work(write(tmp_path, body))
    assert [(c.number, c.title) for c in work.chapters] == [(1, None), (2, "Home")]


def test_story_before_the_first_heading_is_a_chapter_of_its_own(tmp_path: Path) -> None:
    body = "<p>A prologue without a heading.</p><h2>Chapter 1</h2><p>Then the story.</p>"
    work = read_work(write(tmp_path, body))
    assert [c.number for c in work.chapters] == [None, 1]
    assert (
        work.text[work.chapters[0].start : work.chapters[0].end] == "A prologue without a heading."
    )


def test_title_from_the_head_when_headings_are_chapters(tmp_path: Path) -> None:
    body = "<h1>Chapter 1</h1><p>First.</p><h1>Chapter 2</h1><p>Second.</p>"
    work = read_work(
        write(tmp_path, body, head="<title>Two Chapters</title><meta name='author' content='Ash'>")
    )
    assert (work.metadata.title, work.metadata.authors) == ("Two Chapters", ("Ash",))
    assert len(work.chapters) == 2


def test_undeclared_windows_1252_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "old.htm"
    path.write_bytes("<html><body><p>“Café,” she said — twice.</p></body></html>".encode("cp1252"))
    assert read_work(path).text == "“Café,” she said — twice."


def test_declared_charset_and_xml_declaration(tmp_path: Path) -> None:
    path = tmp_path / "page.xhtml"
    path.write_bytes(
        '<?xml version="1.0" encoding="iso-8859-1"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'
        "<body><p>Jalapeño</p></body></html>".encode("latin-1")
    )
    assert read_work(path).text == "Jalapeño"


def test_binary_data_named_html_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "image.html"
    path.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(CorruptInputError):
        read_work(path)


def test_source_line_ends_are_spaces(tmp_path: Path) -> None:
    work = read_work(write(tmp_path, "<p>She said\nhello,\r\nthen left.</p>"))
    assert work.text == "She said hello, then left."


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Chapter 2: The Storm", (2, "The Storm")),
        ("9. Strange and Dangerous: Chapter 1", (9, "Strange and Dangerous: Chapter 1")),
        ("1. Chapter 1", (1, None)),
        ("Prologue", (None, "Prologue")),
        ("The Storm", (None, "The Storm")),
        ("", (None, None)),
    ],
)
def test_chapter_number_and_title(title: str, expected: tuple[int | None, str | None]) -> None:
    assert chapter_number_title(title) == expected
