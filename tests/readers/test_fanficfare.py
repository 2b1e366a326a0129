"""FanFicFare's EPUB, HTML and TXT output of one story (tests/fixtures/fanficfare/, written after
FanFicFare's default templates and settings) read into the same Work."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from ficscope.errors import CorruptInputError
from ficscope.model import BlockRole, Work
from ficscope.readers import find_reader, read_work
from ficscope.readers.fanficfare import FanFicFareTextReader, add_field
from ficscope.readers.fields import FieldCollector
from ficscope.readers.plaintext import decode

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "fanficfare"
CHAPTER_TITLES = [(1, "Doton"), (2, "Thaw"), (3, "The Way Home")]


def zip_epub(source: Path, dest: Path, *, replace: dict[str, str] | None = None) -> Path:
    """Zip a directory of EPUB members, ``mimetype`` first and stored; ``replace`` swaps members."""
    replace = replace or {}
    with zipfile.ZipFile(dest, "w") as zf:
        zf.write(source / "mimetype", "mimetype", compress_type=zipfile.ZIP_STORED)
        for member in sorted(source.rglob("*")):
            name = member.relative_to(source).as_posix()
            if member.is_file() and name != "mimetype" and name not in replace:
                zf.write(member, name, compress_type=zipfile.ZIP_DEFLATED)
        for name, text in replace.items():
            zf.writestr(name, text, compress_type=zipfile.ZIP_DEFLATED)
    return dest


@pytest.fixture
def epub_path(tmp_path: Path) -> Path:
    return zip_epub(FIXTURES / "snow_wall_epub", tmp_path / "The Snow Wall-ffnet_8012345.epub")


@pytest.fixture
def epub(epub_path: Path) -> Work:
    return read_work(epub_path)


@pytest.fixture
def html() -> Work:
    return read_work(FIXTURES / "snow_wall.html")


@pytest.fixture
def txt() -> Work:
    return read_work(FIXTURES / "snow_wall.txt")


def story_blocks(work: Work) -> list[tuple[BlockRole, str]]:
    return [
        (b.role, " ".join(work.span_text(b).split()))
        for b in work.blocks
        if b.role is not BlockRole.METADATA
    ]


# ------------------------------------------------------------------------------ recognition


def test_each_output_is_recognised_as_fanficfare(epub_path: Path) -> None:
    assert find_reader(epub_path).name == "fanficfare_epub"
    assert find_reader(FIXTURES / "snow_wall.html").name == "fanficfare_html"
    assert find_reader(FIXTURES / "snow_wall.txt").name == "fanficfare_txt"


def test_plain_text_with_a_byline_is_not_taken_for_fanficfare(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(
        "The Storm\n\nby Someone\n\nRating: T\nGenre: Angst\n\nChapter 1\n\nIt rained.\n"
    )
    assert find_reader(path).name == "plaintext"


def test_an_epub_without_fanficfare_in_its_package_is_left_to_other_readers(tmp_path: Path) -> None:
    opf = (FIXTURES / "snow_wall_epub" / "content.opf").read_text()
    opf = opf.replace("FanFicFare [https://github.com/JimmXinu/FanFicFare]", "Calibre").replace(
        "fanficfare-uid", "calibre-uid"
    )
    path = zip_epub(
        FIXTURES / "snow_wall_epub", tmp_path / "other.epub", replace={"content.opf": opf}
    )
    assert find_reader(path).name == "epub"


# ----------------------------------------------------------------------------------- EPUB


def test_epub_title_page_becomes_metadata(epub: Work) -> None:
    md = epub.metadata
    assert md.title == "The Snow Wall"
    assert md.authors == ("Quill and Kunai",)
    assert md.fandoms == ("Naruto",)  # FanFicFare's "Category" is the fandom
    assert md.genres == ("Hurt/Comfort", "Romance")
    assert md.characters == ("Kakashi H.", "Sakura H.")
    assert md.relationships == ("Kakashi H./Sakura H.",)
    assert md.language == "English"
    assert md.status == "In-Progress"
    assert (md.published, md.updated) == ("2012-02-01", "2012-05-01")
    assert md.rating == "T"
    assert (md.chapters, md.words) == ("3", 4210)
    assert md.source_url == "https://www.fanfiction.net/s/8012345/1/"
    assert md.source_site == "fanficfare"
    assert md.extra["Packaged"] == "2024-03-09 14:22:05"
    assert md.extra["Publisher"] == "www.fanfiction.net"
    assert md.summary is not None and md.summary.startswith("Trapped behind an earth wall")


def test_epub_subjects_do_not_leak_into_tags(epub: Work) -> None:
    # The OPF's dc:subject repeats genres, fandom and "Last Update: ..." stamps.
    assert epub.metadata.additional_tags == ()


def test_epub_chapters_come_from_the_chapter_files(epub: Work, epub_path: Path) -> None:
    assert [(c.number, c.title) for c in epub.chapters] == CHAPTER_TITLES
    assert [c.source for c in epub.chapters] == [
        f"{epub_path.name}:OEBPS/file{i:04d}.xhtml" for i in (1, 2, 3)
    ]
    for chapter, (number, title) in zip(epub.chapters, CHAPTER_TITLES, strict=True):
        assert chapter.heading is not None
        assert epub.span_text(chapter.heading) == f"{number}. {title}"
        assert chapter.start == chapter.heading.start


def test_title_page_and_contents_are_not_story_text(epub: Work, html: Work) -> None:
    for work in (epub, html):
        for label in ("Packaged", "Category:", "Publisher", "Table of Contents", "Quill and Kunai"):
            assert label not in work.text
        assert work.text.startswith("1. Doton")


def test_epub_story_blocks_keep_their_roles(epub: Work) -> None:
    roles = [role for role, _ in story_blocks(epub)]
    assert roles.count(BlockRole.HEADING) == 3
    assert roles.count(BlockRole.SCENE_BREAK) == 2
    assert roles.count(BlockRole.DISCLAIMER) == 1
    assert roles.count(BlockRole.AUTHOR_NOTE) == 1
    assert roles[-1] is BlockRole.END_MARKER


def test_epub_title_page_as_a_table(tmp_path: Path) -> None:
    """``titlepage_use_table: true``: entries in rows, wide ones spanning both columns."""
    page = """<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>T by A</title></head>
<body class="fff_titlepage">
<h3><a href="https://archiveofourown.org/works/1">The Quiet Year</a> by <a class="authorlink"
href="https://archiveofourown.org/users/a">Alder</a>, <a class="authorlink" href="https://archiveofourown.org/users/b">Birch</a></h3>
<table class="full">
<tr><td><b>Category:</b></td><td>Star Wars - All Media Types</td></tr>
<tr><td><b>Genre:</b></td><td>F/M, Angst, Slow Burn</td></tr>
<tr><td><b>Status:</b></td><td>Completed</td></tr>
<tr><td><b>Warnings:</b></td><td>No Archive Warnings Apply</td></tr>
<tr><td><b>Kudos:</b></td><td>1,024</td></tr>
<tr><td colspan="2"><b>Summary:</b> <p>First line.</p><p>Second &amp; last.</p></td></tr>
</table>
</body></html>"""
    path = zip_epub(
        FIXTURES / "snow_wall_epub",
        tmp_path / "table.epub",
        replace={"OEBPS/title_page.xhtml": page},
    )
    md = read_work(path).metadata
    assert md.title == "The Quiet Year"
    assert md.authors == ("Alder", "Birch")
    assert md.fandoms == ("Star Wars - All Media Types",)
    assert md.categories == ("F/M",)
    assert md.genres == ("Angst",)
    assert md.additional_tags == ("Slow Burn",)
    assert md.status == "Complete"
    assert md.warnings == ("No Archive Warnings Apply",)
    assert md.extra["Kudos"] == "1,024"
    assert md.summary == "First line.\n\nSecond & last."


def test_ao3_entries_go_where_they_belong() -> None:
    collector = FieldCollector()
    for label, value in [
        ("Fandoms", "Harry Potter - J. K. Rowling"),
        ("Freeform Tags", "Found Family, Slow Burn"),
        ("AO3 Categories", "Gen"),
        ("Chapters/Total Chapters", "3/?"),
        ("Archive Warning", "Major Character Death"),
        ("Collections", "Rarepair Fest 2020"),
    ]:
        add_field(label, value, collector)
    md = collector.build()
    assert md.fandoms == ("Harry Potter - J. K. Rowling",)
    assert md.additional_tags == ("Found Family", "Slow Burn")
    assert md.categories == ("Gen",)
    assert md.chapters == "3/?"
    assert md.warnings == ("Major Character Death",)
    assert md.collections == ("Rarepair Fest 2020",)


AO3_CHAPTER = """<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<title>Chapter 1: Doton</title>
<meta name="chaptertitle" content="Chapter 1: Doton" />
</head>
<body class="fff_chapter">
<h3 class="fff_chapter_title">Chapter 1: Doton</h3>
<div class="fff_chapter_notes fff_head_notes"><b>Author's Note:</b><blockquote class="userstuff">
<p>Written for the winter exchange.</p></blockquote><b>Summary for the Chapter:</b>
<blockquote class="userstuff"><p>In which a wall goes up.</p></blockquote>
<b>Notes for the Chapter:</b><blockquote class="userstuff"><p>Unbeta'd.</p></blockquote></div>
<div class="userstuff module" role="article"><p>The wall went up.</p>
<p>The snow came down.</p></div>
<div class="fff_chapter_notes fff_foot_notes"><b>Author's Note:</b><blockquote class="userstuff">
<p>Thanks for reading the whole thing!</p></blockquote></div>
</body>
</html>
"""


def test_ao3_chapter_notes_are_notes_and_summaries(tmp_path: Path) -> None:
    path = zip_epub(
        FIXTURES / "snow_wall_epub",
        tmp_path / "ao3.epub",
        replace={"OEBPS/file0001.xhtml": AO3_CHAPTER},
    )
    work = read_work(path)
    first = work.chapters[0]
    assert (first.number, first.title, first.summary) == (1, "Doton", "In which a wall goes up.")
    assert work.metadata.notes == "Written for the winter exchange."
    assert work.metadata.end_notes == "Thanks for reading the whole thing!"
    inside = [
        (b.role, work.span_text(b)) for b in work.blocks if first.start <= b.start < first.end
    ]
    assert inside == [
        (BlockRole.HEADING, "Chapter 1: Doton"),
        (BlockRole.AUTHOR_NOTE, "Author's Note:"),
        (BlockRole.AUTHOR_NOTE, "Written for the winter exchange."),
        (BlockRole.METADATA, "Summary for the Chapter:"),
        (BlockRole.METADATA, "In which a wall goes up."),
        (BlockRole.AUTHOR_NOTE, "Notes for the Chapter:"),
        (BlockRole.AUTHOR_NOTE, "Unbeta'd."),
        (BlockRole.PARAGRAPH, "The wall went up."),
        (BlockRole.PARAGRAPH, "The snow came down."),
        (BlockRole.AUTHOR_NOTE, "Author's Note:"),
        (BlockRole.AUTHOR_NOTE, "Thanks for reading the whole thing!"),
    ]


def test_ao3_chapter_notes_in_the_html_output(tmp_path: Path) -> None:
    body = AO3_CHAPTER.split('<h3 class="fff_chapter_title">Chapter 1: Doton</h3>')[1].split(
        "</body>"
    )[0]
    page = (FIXTURES / "snow_wall.html").read_text()
    start = page.index('<a name="section0001">')
    end = page.index('<a name="section0002">')
    page = page[:start] + '<a name="section0001"><h2>Chapter 1: Doton</h2></a>' + body + page[end:]
    path = tmp_path / "ao3.html"
    path.write_text(page)
    work = read_work(path)
    assert work.chapters[0].summary == "In which a wall goes up."
    assert work.metadata.notes == "Written for the winter exchange."
    assert [work.span_text(b) for b in work.paragraphs[:2]] == [
        "The wall went up.",
        "The snow came down.",
    ]


def test_a_missing_chapter_file_is_a_corrupt_epub(tmp_path: Path) -> None:
    source = FIXTURES / "snow_wall_epub"
    path = tmp_path / "broken.epub"
    with zipfile.ZipFile(path, "w") as zf:
        for member in sorted(source.rglob("*")):
            name = member.relative_to(source).as_posix()
            if member.is_file() and name != "OEBPS/file0002.xhtml":
                zf.write(member, name)
    assert find_reader(path).name == "fanficfare_epub"
    with pytest.raises(CorruptInputError, match="file0002"):
        read_work(path)


# ----------------------------------------------------------------------------------- HTML


def test_html_and_epub_give_the_same_work(epub: Work, html: Work) -> None:
    assert html.metadata == epub.metadata
    assert " ".join(html.text.split()) == " ".join(epub.text.split())
    assert story_blocks(html) == story_blocks(epub)
    assert [(c.number, c.title) for c in html.chapters] == CHAPTER_TITLES


def test_html_chapters_point_at_their_anchors(html: Work) -> None:
    assert [c.source for c in html.chapters] == ["#section0001", "#section0002", "#section0003"]


# ------------------------------------------------------------------------------------ TXT


def test_txt_text_is_the_file_unchanged(txt: Work) -> None:
    raw = (FIXTURES / "snow_wall.txt").read_bytes()
    assert txt.text == raw.decode("utf-8")
    assert "\r\n" in txt.text  # FanFicFare writes Windows line ends by default
    assert txt.source.encoding == "utf-8"
    for block in txt.blocks:
        piece = txt.span_text(block)
        assert piece and piece == piece.strip()


def test_txt_header_and_contents_are_metadata(txt: Work) -> None:
    metadata = [txt.span_text(b) for b in txt.blocks_of(BlockRole.METADATA)]
    assert metadata[:2] == ["The Snow Wall", "by Quill and Kunai"]
    assert "TABLE OF CONTENTS" in metadata
    assert ["1. Doton", "2. Thaw", "3. The Way Home"] == metadata[4:7]
    assert metadata[-1] == "End file."
    first_chapter = txt.chapters[0]
    assert all(b.end <= first_chapter.start for b in txt.blocks_of(BlockRole.METADATA)[:-1])


def test_txt_chapters_and_headings(txt: Work) -> None:
    assert [(c.number, c.title) for c in txt.chapters] == CHAPTER_TITLES
    for chapter in txt.chapters:
        assert chapter.heading is not None
        line_start = txt.text.rfind("\n", 0, chapter.heading.start) + 1
        assert txt.text[line_start : chapter.heading.start] == " " * 8  # wrapped "\t" heading
    assert txt.text[txt.chapters[-1].end - len("The End.") : txt.chapters[-1].end] == "The End."


def test_txt_metadata_matches_the_epub(txt: Work, epub: Work) -> None:
    fields = (
        "title",
        "authors",
        "fandoms",
        "genres",
        "characters",
        "relationships",
        "status",
        "published",
        "updated",
        "rating",
        "words",
        "chapters",
        "language",
        "summary",
        "source_url",
        "source_site",
    )
    for name in fields:
        assert getattr(txt.metadata, name) == getattr(epub.metadata, name), name
    assert txt.metadata.extra["Author URL"] == "https://www.fanfiction.net/u/4433221"


def test_txt_blocks_have_the_roles_of_the_epub_blocks(txt: Work, epub: Work) -> None:
    assert [r for r, _ in story_blocks(txt)] == [r for r, _ in story_blocks(epub)]


def test_txt_unwrapped_single_chapter_without_contents(tmp_path: Path) -> None:
    """``wrap_width: 0``, Unix line ends, one chapter (no contents page), a summary that wraps
    onto a line that looks like a label."""
    text = (
        "\n\n\nLate Bloom\n\nby Fennel\n\n\n\n"
        "Category: Original Work\nStatus: Completed\nPackaged: 2023-01-02 10:00:00\n"
        "Summary: The garden never grew.\nNote: until it did.\n\n\n\n"
        "\n\n\tLate Bloom\n\n"
        "The seeds went in on a grey morning.\n\n* * *\n\nBy June the beds were green.\n\n"
        "\n\nEnd file.\n"
    )
    path = tmp_path / "Late Bloom-ao3_1.txt"
    path.write_text(text)
    assert find_reader(path).name == "fanficfare_txt"
    work = read_work(path)
    assert work.text == text
    assert work.metadata.summary == "The garden never grew. Note: until it did."
    assert work.metadata.status == "Complete"
    assert len(work.chapters) == 1
    chapter = work.chapters[0]
    assert chapter.heading is not None and work.span_text(chapter.heading) == "Late Bloom"
    assert [b.role for b in work.blocks if chapter.start <= b.start < chapter.end] == [
        BlockRole.HEADING,
        BlockRole.PARAGRAPH,
        BlockRole.SCENE_BREAK,
        BlockRole.PARAGRAPH,
    ]


def test_txt_reader_decodes_like_the_plain_text_reader() -> None:
    raw = (FIXTURES / "snow_wall.txt").read_bytes()
    text, _ = decode(raw, FIXTURES / "snow_wall.txt")
    assert FanFicFareTextReader().read(FIXTURES / "snow_wall.txt").text == text


def test_the_seeds_stay_plain_text(seed_000: Path, seed_004: Path) -> None:
    assert find_reader(seed_000).name == "plaintext"
    assert find_reader(seed_004).name == "plaintext"


def test_txt_whose_headings_lost_their_indent_keeps_its_story(tmp_path: Path) -> None:
    """A FanFicFare text file edited by hand (the tab before the chapter heading gone, the blank
    line under the title too): the header ends where its entries do, and the story is not read
    as the summary's tail."""
    text = (
        "\n\n\nLate Bloom\nby Fennel\n\n\n\n"
        "Category: Original Work\nPackaged: 2023-01-02 10:00:00\n"
        "Summary: The garden never grew.\n\nIt did, later.\n\n\n\n"
        "Late Bloom\n\nThe seeds went in on a grey morning.\n\n"
        '"Water them," said Ada.\n\nBy June the beds were green.\n'
    )
    path = tmp_path / "Late Bloom-ao3_1.txt"
    path.write_text(text)
    work = read_work(path)
    assert work.metadata.summary == "The garden never grew.\n\nIt did, later."
    assert (work.metadata.title, work.metadata.authors) == ("Late Bloom", ("Fennel",))
    story = [work.span_text(b) for b in work.blocks_of(BlockRole.PARAGRAPH)]
    assert story[-3:] == [
        "The seeds went in on a grey morning.",
        '"Water them," said Ada.',
        "By June the beds were green.",
    ]
