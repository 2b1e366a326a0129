"""AO3's HTML download: the real sample, hand-written layouts (old, plural labels, a three-chapter
work in progress), the shared field parsing, registration and broken files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ficscope.errors import CorruptInputError
from ficscope.model import BlockRole, Work
from ficscope.pipeline import analyze_work
from ficscope.readers import READERS, find_reader, read_work
from ficscope.readers.ao3 import Ao3Fields, parse_chapter_heading
from ficscope.readers.ao3_html import Ao3HtmlReader, looks_like_download

ROOT = Path(__file__).resolve().parents[2]
AO3_SAMPLES = ROOT.parent / "shared" / "samples" / "ao3"
AO3 = ROOT / "tests" / "fixtures" / "ao3"
JUNK = (
    "Posted originally",
    "See the end of the",
    "Chapter Text",
    "Preface",
    "Afterword",
    "drop by the",
    "Stats:",
    "Chapter Summary",
    "Chapter Notes",
    "Chapter End Notes",
    "End Notes",
)


@pytest.fixture
def sample_html() -> Path:
    path = AO3_SAMPLES / "23009290.html"
    if not path.exists():
        pytest.skip(f"{path} not available")
    return path


def read(path: Path) -> Work:
    return Ao3HtmlReader().read(path)


def blocks(work: Work, role: BlockRole) -> list[str]:
    return [work.span_text(b) for b in work.blocks_of(role)]


def chapter_blocks(work: Work, index: int) -> list[tuple[BlockRole, str]]:
    chapter = work.chapters[index]
    return [
        (b.role, work.span_text(b))
        for b in work.blocks
        if chapter.start <= b.start and b.end <= chapter.end
    ]


def assert_no_junk(work: Work) -> None:
    for junk in JUNK:
        assert junk not in work.text, junk


# -- the real sample ---------------------------------------------------------------------------


def test_sample_metadata(sample_html: Path) -> None:
    md = read(sample_html).metadata
    assert md.title == "My Aim Is Steady And True"
    assert md.authors == ("nianeyna",)
    assert md.rating == "Teen And Up Audiences"
    assert md.warnings == ("Graphic Depictions Of Violence",)
    assert md.categories == ("M/M",)
    assert md.fandoms == ("Final Fantasy XIV",)
    assert md.relationships == ("Honoroit Banlardois/Emmanellain de Fortemps",)
    assert md.characters == ("Honoroit Banlardois", "Emmanellain de Fortemps")
    assert md.additional_tags[0] == "Hurt/Comfort" and md.additional_tags[-1] == "Id Fic"
    assert len(md.additional_tags) == 8
    assert md.language == "English"
    assert (md.published, md.words, md.chapters, md.status) == (
        "2020-03-04",
        4559,
        "1/1",
        "Complete",
    )
    assert md.source_site == "ao3"
    assert md.source_url == "https://archiveofourown.org/works/23009290"
    assert md.summary is not None and md.summary.startswith("100 percent all-natural")
    assert md.notes == "Beta'd by the inimitable Cascaper."
    assert md.end_notes is not None and "the-emmhono-corner" in md.end_notes
    assert md.missing == ()


def test_sample_text_is_the_story_only(sample_html: Path) -> None:
    work = read(sample_html)
    assert_no_junk(work)
    md = work.metadata
    assert md.summary is not None and md.notes is not None and md.end_notes is not None
    for field in (md.summary, md.notes, md.end_notes):
        assert field[:40] not in work.text
    assert work.text.startswith("My Aim Is Steady And True\n\nTheir contact was late.")
    assert work.text.endswith("“I rather like the sound of that.”")
    (chapter,) = work.chapters
    assert chapter.title == "My Aim Is Steady And True" and chapter.number is None
    assert chapter.source == "23009290.html#chapter-1"
    assert chapter.heading is not None
    assert work.span_text(chapter.heading) == "My Aim Is Steady And True"
    assert work.blocks[0].role is BlockRole.HEADING
    assert not work.blocks_of(BlockRole.AUTHOR_NOTE)


def test_sample_story_words_match_ao3s_count(sample_html: Path) -> None:
    # AO3 counts words, not the spaced hyphens used as dashes.
    work = read(sample_html)
    words = [t for b in work.paragraphs for t in work.span_text(b).split() if re.search(r"\w", t)]
    assert abs(len(words) - 4559) <= 10


# -- hand-written layouts ----------------------------------------------------------------------


def test_three_chapter_work_in_progress() -> None:
    work = read(AO3 / "wip_three_chapters.html")
    md = work.metadata
    assert md.chapters == "3/?" and md.status == "In-Progress"
    assert (md.published, md.updated, md.completed, md.words) == (
        "2022-01-05",
        "2022-03-01",
        None,
        326,
    )
    assert md.fandoms == ("The Drowned Coast (Video Game)", "Lighthouse Keepers")
    assert md.warnings == ("Creator Chose Not To Use Archive Warnings",)
    assert md.summary == (
        "A lighthouse, a storm, and two women who keep the light burning.\n\n"
        "Updated every other week, more or less."
    )
    assert md.notes == "This started as a prompt fill for the Coastal Exchange."
    assert md.end_notes == (  # with a quotation inside, read once
        "Thank you for reading! Kudos and comments keep the lamp lit.\n\nThe prompt: a lighthouse."
    )
    assert md.source_url == "https://archiveofourown.org/works/55501234"
    assert_no_junk(work)

    chapters = work.chapters
    assert [(c.number, c.title) for c in chapters] == [
        (1, "Arrival"),
        (2, None),
        (3, "Storm Warning"),
    ]
    assert [c.summary for c in chapters] == [
        "Mara comes to the lighthouse.",
        None,
        "The barometer falls. So does something else.",
    ]
    assert [c.source for c in chapters] == [
        f"wip_three_chapters.html#chapter-{i}" for i in (1, 2, 3)
    ]

    one = chapter_blocks(work, 0)
    assert one[0] == (BlockRole.HEADING, "Chapter 1: Arrival")
    assert one[1] == (BlockRole.AUTHOR_NOTE, "Mara comes to the lighthouse.")
    assert one[2] == (BlockRole.AUTHOR_NOTE, "Thank you to my beta, saltwhistle!")
    assert one[-1] == (BlockRole.AUTHOR_NOTE, "Next chapter: the weather turns.")
    assert [r for r, _ in one[3:-1]] == [BlockRole.PARAGRAPH] * 5

    two = chapter_blocks(work, 1)
    assert two[0] == (BlockRole.HEADING, "Chapter 2")
    assert two[1] == (BlockRole.AUTHOR_NOTE, "Content note: a brief description of an injury.")
    assert [r for r, _ in two].count(BlockRole.SCENE_BREAK) == 2  # an <hr> and a "* * *"

    three = chapter_blocks(work, 2)
    assert three[1] == (BlockRole.AUTHOR_NOTE, "The barometer falls. So does something else.")
    assert three[2][0] is BlockRole.PARAGRAPH  # "Notes" held only the link to the end notes
    assert three[-3:] == [
        (BlockRole.AUTHOR_NOTE, "Sorry for the wait! Chapter four is half written."),
        (BlockRole.AUTHOR_NOTE, "Come and find me on the Coastal Exchange server."),
        (BlockRole.AUTHOR_NOTE, '"Keep the light," she said.'),
    ]


def test_notes_and_summaries_are_not_story_words() -> None:
    work = analyze_work(read(AO3 / "wip_three_chapters.html"), ("segment",))
    story = " ".join(work.span_text(b) for b in work.paragraphs)
    for note in ("saltwhistle", "Content note", "barometer", "half written", "prompt fill"):
        assert note not in story
    expected = [
        sum(
            len(text.split())
            for role, text in chapter_blocks(work, i)
            if role is BlockRole.PARAGRAPH
        )
        for i in range(3)
    ]
    assert [c.word_count for c in work.chapters] == expected
    assert work.word_count == sum(expected) > 250


def test_old_layout_without_preface_div() -> None:
    work = read(AO3 / "old_layout.html")
    md = work.metadata
    assert md.title == "The Cartographer's Daughter"
    assert md.authors == ("emberlark",)  # a byline link without rel="author"
    assert md.warnings == ("No Archive Warnings Apply",)  # "Warning:", the old label
    assert md.characters == ("Petra Vane",)  # "Character:"
    assert md.series == ("The Tidewater Cycle",)
    assert md.extra["Series"] == "Part 1 of The Tidewater Cycle"
    assert (md.published, md.completed, md.updated) == ("2011-05-02", "2011-06-10", None)
    assert (md.chapters, md.words, md.status) == ("2/2", 135, "Complete")  # chapters before words
    assert md.source_url == "http://archiveofourown.org/works/201234"
    assert md.summary == "Petra inherits a map that is still being drawn."
    assert md.notes == "Written for a friend who loves old maps."
    assert md.end_notes == "Thanks to saltmarsh for writing the second half with me."
    assert_no_junk(work)
    assert "Chapter by" not in work.text
    assert [(c.number, c.title, c.summary) for c in work.chapters] == [
        (1, None, None),
        (2, "Blank Water", "Petra goes where nobody has been."),
    ]
    assert chapter_blocks(work, 0)[-1] == (
        BlockRole.AUTHOR_NOTE,
        "The next part is shorter, sorry!",
    )
    assert chapter_blocks(work, 1)[-1] == (BlockRole.END_MARKER, "The End.")


def test_plural_labels_and_every_field() -> None:
    work = read(AO3 / "plural_labels.html")
    md = work.metadata
    assert md.authors == ("wrenfield", "Tamsin (tamsin_writes)")
    assert md.warnings == ("Graphic Depictions Of Violence", "Major Character Death")
    assert md.categories == ("F/M", "Gen")
    assert md.fandoms == ("Moonlit Roads (Anime)", "Crossroads Saga")
    assert md.relationships == ("Aiko Tan/Ren Hollis", "Aiko Tan & Mother Tan")
    assert md.characters == ("Aiko Tan", "Ren Hollis", "Mother Tan")
    assert md.additional_tags == ("Alternate Universe - Modern Setting", "Tides")
    assert md.series == ("Moonlit Roads", "Crossroads, and Other Places")
    assert md.extra["Series"] == "Part 2 of Moonlit Roads, Part 1 of Crossroads, and Other Places"
    assert md.collections == ("Winter Exchange 2021", "Rare Pairs Fest")
    assert (md.completed, md.words, md.chapters, md.status) == (
        "2021-02-01",
        1234,
        "1/1",
        "Complete",
    )
    assert md.extra["Related works"] == "Inspired by The Causeway by harbourlight."
    assert md.notes is None  # "Notes" held only the link to the end notes
    assert md.end_notes == "Written for the Winter Exchange. Thank you, mod team!"
    assert_no_junk(work)
    assert work.chapters[0].title == "Crossing at Low Tide"
    assert blocks(work, BlockRole.DISCLAIMER) == ["Disclaimer: I don't own Moonlit Roads."]
    assert blocks(work, BlockRole.SCENE_BREAK) == ["~*~"]
    assert (
        "The tide table was pinned to the fridge with a magnet shaped like a crab.\n"
        "Aiko knew it by heart anyway.\nLow water, 6:12. High water, 12:31."
    ) in blocks(work, BlockRole.PARAGRAPH)


# -- the shared parsing ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "field"),
    [
        ("Archive Warning:", "warnings"),
        ("Archive Warnings:", "warnings"),
        ("Fandom:", "fandoms"),
        ("Fandoms:", "fandoms"),
        ("Relationship(s):", "relationships"),
        ("Relationships:", "relationships"),
        ("Character(s):", "characters"),
        ("Characters:", "characters"),
        ("Additional Tags:", "additional_tags"),
        ("Collections:", "collections"),
        ("Category:", "categories"),
    ],
)
def test_labels_singular_and_plural(label: str, field: str) -> None:
    fields = Ao3Fields()
    fields.add(label, ["One", "Two"], "One, Two")
    assert getattr(fields.build(), field) == ("One", "Two")


@pytest.mark.parametrize(
    ("stats", "expected"),
    [
        (
            "Published: 2020-03-04 Words: 4,559 Chapters: 1/1",
            ("2020-03-04", None, None, 4559, "1/1", "Complete"),
        ),
        (
            "Published: 2019-01-01\n Updated: 2019-02-02\n Words: 12,345\n Chapters: 3/?",
            ("2019-01-01", "2019-02-02", None, 12345, "3/?", "In-Progress"),
        ),
        (
            "Published: 2019-01-01 Completed: 2019-03-03 Chapters: 2/2 Words: 900",
            ("2019-01-01", None, "2019-03-03", 900, "2/2", "Complete"),
        ),
        (
            "Published: 2019-01-01 Updated: 2019-02-02 Words: 10 Chapters: 2/5",
            ("2019-01-01", "2019-02-02", None, 10, "2/5", "In-Progress"),
        ),
        (
            "Published: 2019-01-01 Completed: 2019-02-02 Words: 10",
            ("2019-01-01", None, "2019-02-02", 10, None, "Complete"),
        ),
        (
            "Published: 2019-01-01 Words: 1,002,003 Chapters: 1,000/1,000",
            ("2019-01-01", None, None, 1002003, "1,000/1,000", "Complete"),
        ),
    ],
)
def test_stats(stats: str, expected: tuple[object, ...]) -> None:
    fields = Ao3Fields()
    fields.add("Stats:", [], stats)
    md = fields.build()
    assert (md.published, md.updated, md.completed, md.words, md.chapters, md.status) == expected


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("Chapter 2: The Storm", (2, "The Storm")),
        ("Chapter 12", (12, None)),
        ("  Chapter 3 :  Storm: Part Two ", (3, "Storm: Part Two")),
        ("Chapter 4: Why, though,", (4, "Why, though,")),
        ("My Aim Is Steady And True", (None, "My Aim Is Steady And True")),
    ],
)
def test_chapter_headings(heading: str, expected: tuple[int | None, str | None]) -> None:
    assert parse_chapter_heading(heading) == expected


def test_series_that_is_not_a_part_list_is_kept_as_declared() -> None:
    fields = Ao3Fields()
    fields.add("Series:", [], "Moonlit Roads")
    assert fields.build().series == ("Moonlit Roads",)


# -- recognising the format, and broken files --------------------------------------------------


def test_can_read_is_specific(tmp_path: Path, sample_html: Path) -> None:
    assert looks_like_download(sample_html.read_bytes()[:65536])
    plain = tmp_path / "notes.txt"
    plain.write_text("I first posted this on the Archive of Our Own (archiveofourown.org).\n")
    fanficfare = tmp_path / "fff.html"
    fanficfare.write_text(
        "<html><body><h1>Title</h1><p>Source: <a href='https://archiveofourown.org/works/1'>"
        "https://archiveofourown.org/works/1</a></p><p>Story.</p></body></html>"
    )
    page = AO3 / "work_page.html"
    for path in (plain, fanficfare, page):
        assert not Ao3HtmlReader().can_read(path, path.read_bytes()[:65536]), path


def test_registered_first(sample_html: Path) -> None:
    names = [r.name for r in READERS]
    assert names[:3] == ["ao3_html", "ao3_epub", "ao3_page"]
    assert names[-1] == "plaintext"
    assert find_reader(sample_html).name == "ao3_html"
    work = read_work(sample_html)
    assert work.source.format == "ao3_html" and work.metadata.words == 4559


def test_download_without_work_text_is_corrupt(tmp_path: Path, sample_html: Path) -> None:
    data = sample_html.read_bytes()
    cut = tmp_path / "cut.html"
    cut.write_bytes(data[: data.index(b'<div id="chapters"')])
    assert Ao3HtmlReader().can_read(cut, cut.read_bytes())
    with pytest.raises(CorruptInputError) as info:
        read_work(cut)
    assert info.value.path == str(cut) and "no #chapters" in str(info.value)


def test_hostile_html_is_refused_or_read_safely(tmp_path: Path, sample_html: Path) -> None:
    data = sample_html.read_bytes()
    # Deep nesting and an entity declaration inside the story: read, never expanded or crashed.
    hostile = data.replace(
        b"<p>Their contact was late.</p>",
        b"<p>Their contact was late.</p>"
        + b"<div>" * 5000
        + b"deep"
        + b"</div>" * 5000
        + b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]><p>&a;&a;&a;</p>',
    )
    path = tmp_path / "hostile.html"
    path.write_bytes(hostile)
    work = read_work(path)
    assert work.metadata.title == "My Aim Is Steady And True"
    assert "aaaaaaaaaa" not in work.text
