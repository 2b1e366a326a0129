"""The plain-text reader: encodings, newline conventions, the header layouts of fiction sites,
chapter headings, notes and disclaimers, scene breaks, and hard-wrapped books.

Every read goes through :func:`read_checked`, which asserts the offsets rule (the Work's text is
the file's decoded content, unchanged, a byte-order mark excepted) and the span invariants.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ficscope.model import BlockRole, Work, work_to_dict
from ficscope.passes.quotes import quotes_pass
from ficscope.passes.segment import segment
from ficscope.readers import read_work
from ficscope.readers.plaintext import layout, parse_text

HERE = Path(__file__).resolve().parent
PLAIN = HERE / "fixtures" / "plaintext"
NOVELS = HERE.parent.parent / "shared" / "data" / "litbank" / "original"


def need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} not available (../shared is not beside the checkout)")
    return path


def analyze(work: Work) -> Work:
    """The structure passes this reader feeds (called directly: these tests need no others)."""
    return quotes_pass(segment(work))


_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def check_spans(work: Work) -> None:
    """Blocks in order, trimmed, inside the text; chapters in order, holding their headings and
    every non-metadata block; quotes inside story paragraphs."""
    text = work.text
    last = 0
    for block in work.blocks:
        assert last <= block.start <= block.end <= len(text)
        piece = text[block.start : block.end]
        assert piece == piece.strip()
        assert piece or block.role is BlockRole.SCENE_BREAK
        last = block.end
    for i, chapter in enumerate(work.chapters):
        assert chapter.index == i
        assert chapter.start <= chapter.end <= len(text)
        if i:
            assert work.chapters[i - 1].end <= chapter.start
        if chapter.heading is not None:
            assert chapter.start <= chapter.heading.start <= chapter.heading.end <= chapter.end
    if work.chapters:
        # Front matter comes before the first chapter; every block after it is in one chapter.
        for block in work.blocks:
            inside = [c for c in work.chapters if c.start <= block.start and block.end <= c.end]
            if block.role is BlockRole.METADATA:
                assert block.end <= work.chapters[0].start
            elif block.start >= work.chapters[0].start and block.end > block.start:
                assert len(inside) == 1, (block, text[block.start : block.end])
    paragraphs = work.paragraphs
    for quote in work.quotes:
        assert any(p.start <= quote.start and quote.end <= p.end for p in paragraphs)


def read_checked(path: Path, encoding: str = "utf-8", *, quotes: bool = True) -> Work:
    """Read and analyse ``path``, asserting the offsets rule and the span invariants."""
    raw = path.read_bytes()
    for bom in _BOMS:
        if raw.startswith(bom):
            raw = raw[len(bom) :]
            break
    work = analyze(read_work(path)) if quotes else segment(read_work(path))
    assert work.text == raw.decode(encoding)
    check_spans(work)
    return work


def story_words(work: Work) -> int:
    return sum(len(work.span_text(b).split()) for b in work.paragraphs)


def texts(work: Work, role: BlockRole) -> list[str]:
    return [work.span_text(b) for b in work.blocks_of(role)]


# --- encodings and newlines ------------------------------------------------------------------

SAMPLE = (
    "Chapter 1: The Café\n\n"
    "“Naïve,” she said — déjà vu… «Señor?»\n\n"
    "He laughed. ‘Fine,’ he said, “fine.”\n\n"
    "* * *\n\n"
    "Chapter 2\n\n"
    "The End.\n"
)


def _structure(work: Work) -> tuple[object, ...]:
    return (
        [(c.number, c.title, c.word_count) for c in work.chapters],
        [b.role for b in work.blocks],
        [work.span_text(b).replace("\r", "") for b in work.blocks],
        [work.span_text(q) for q in work.quotes],
        work.word_count,
    )


REFERENCE = analyze(parse_text(SAMPLE))


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR"])
@pytest.mark.parametrize(
    ("encoding", "bom", "reported"),
    [
        ("utf-8", b"", "utf-8"),
        ("utf-8", codecs.BOM_UTF8, "utf-8-sig"),
        ("utf-16-le", codecs.BOM_UTF16_LE, "utf-16"),
        ("utf-16-be", codecs.BOM_UTF16_BE, "utf-16"),
        ("utf-16-le", b"", "utf-16-le"),
        ("cp1252", b"", "cp1252"),
    ],
)
def test_encodings_and_newlines_keep_the_text_unchanged(
    tmp_path: Path, encoding: str, bom: bytes, reported: str, newline: str
) -> None:
    content = SAMPLE.replace("\n", newline)
    path = tmp_path / "story.txt"
    path.write_bytes(bom + content.encode(encoding))
    work = read_checked(path, encoding)
    assert work.text == content  # the BOM is not part of the text; nothing else changes
    assert work.source.encoding == reported
    assert _structure(work) == _structure(REFERENCE)


def test_offsets_index_a_crlf_file(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(SAMPLE.replace("\n", "\r\n").encode("utf-8"))
    work = read_checked(path)
    on_disk = path.read_bytes().decode("utf-8")
    for block in work.blocks:
        assert on_disk[block.start : block.end] == work.span_text(block)
    assert all("\r" not in work.span_text(q) for q in work.quotes)
    assert work.chapters[0].title == "The Café"


def test_a_bom_only_file_or_blank_file_is_refused(tmp_path: Path) -> None:
    from ficscope.errors import EmptyInputError

    path = tmp_path / "bom.txt"
    path.write_bytes(codecs.BOM_UTF8 + b"  \r\n\t\n")
    with pytest.raises(EmptyInputError, match="bom.txt"):
        read_work(path)


# --- the seeds' layout and other headers --------------------------------------------------------


def test_seed_layout_fixture() -> None:
    work = read_checked(PLAIN / "seeds_layout.txt")
    md = work.metadata
    assert md.summary and md.summary.startswith("Kakashi and Sakura find themselves")
    assert md.genres == ("Action", "Romance")
    assert md.rating is None
    assert "rating" in md.declared and md.empty == ("rating",)
    assert "rating" in md.missing
    assert "rating" in work_to_dict(work)["metadata"]["missing"]
    assert [(c.number, c.title) for c in work.chapters] == [(1, None), (2, "The Cave")]
    assert texts(work, BlockRole.DISCLAIMER) == [
        "I don't own anything Naruto.",
        "Disclaimer: Still not mine.",
    ]
    assert texts(work, BlockRole.AUTHOR_NOTE) == [
        "A/N: Thanks to everyone who reviewed the first draft!"
    ]
    assert texts(work, BlockRole.END_MARKER) == ["The End."]
    # Story words only: 5 + 8 + 3 + 3 in chapter 1, 6 + 3 in chapter 2.
    assert [c.word_count for c in work.chapters] == [19, 9]
    assert work.word_count == 28 == story_words(work)
    # Two scenes in each chapter: a gap of two blank lines, then "* * *".
    assert [(s.chapter, s.word_count) for s in work.scenes] == [(0, 13), (0, 6), (1, 6), (1, 3)]


def test_livejournal_header() -> None:
    work = read_checked(PLAIN / "livejournal.txt")
    md = work.metadata
    assert md.title == "Lanterns in the Rain"
    assert md.authors == ("inkwell",)
    assert md.fandoms == ("Naruto",)
    assert md.rating == "PG-13"
    assert md.relationships == ("Kakashi/Sakura",)
    assert md.characters == ("Kakashi", "Sakura", "Pakkun")
    assert md.warnings == ("none",)
    assert md.words == 1234
    assert md.summary == "Two ninjas wait out a storm under a broken roof."
    assert md.extra == {"Disclaimer": "Not mine, no profit made."}
    assert [b.role for b in work.blocks] == [BlockRole.METADATA] + [BlockRole.PARAGRAPH] * 2
    assert work.word_count == 18


def test_fanfiction_net_stats_line() -> None:
    work = read_checked(PLAIN / "ffnet.txt")
    md = work.metadata
    assert (md.title, md.authors) == ("The Long Road", ("inkwell",))
    assert md.summary == "Two travelers, one road, and a promise neither will keep."
    assert md.rating == "Fiction T"
    assert md.language == "English"
    assert md.genres == ("Romance", "Drama")
    assert md.characters == ("Kakashi H.", "Sakura H.")
    assert md.relationships == ("Kakashi H./Sakura H.",)
    assert (md.chapters, md.words, md.status) == ("2", 1234, "Complete")
    assert (md.published, md.updated) == ("2/1/2012", "5/1/2012")
    assert md.extra["ffnet_id"] == "123456"
    assert [(c.number, c.title) for c in work.chapters] == [(1, "Departure"), (2, "Arrival")]


def test_fanfiction_net_page_copied_with_its_breadcrumb() -> None:
    text = (
        "Books » Lantern Coast\n\nFollow/Fav Lanterns\n\nBy: inkwell\n\nPell counts.\n\n"
        "Rated: Fiction T - English - Drama - Pell C. - Words: 1,234 - id: 42\n\n"
        "Pell counted the lanterns twice.\n"
    )
    md = parse_text(text).metadata
    assert (md.fandoms, md.title, md.authors) == (("Lantern Coast",), "Lanterns", ("inkwell",))
    assert md.summary == "Pell counts."


def test_fanfiction_net_page_copied_as_one_block_keeps_the_summary_apart_from_the_author() -> None:
    text = (
        "Lanterns\nBy: inkwell\nTwo keepers, one coast, and a lamp neither will light first.\n"
        "Rated: Fiction T - English - Drama - Pell C. - Words: 1,234 - id: 42\n\n"
        "Pell counted the lanterns twice.\n"
    )
    md = parse_text(text).metadata
    assert (md.title, md.authors) == ("Lanterns", ("inkwell",))
    assert md.summary == "Two keepers, one coast, and a lamp neither will light first."


def test_a_livejournal_header_and_its_cut() -> None:
    text = (
        "Title: Harbour Lights\nAuthor: quietlantern\nPairing: Tobin/Mira\nRating: PG-13\n"
        "Summary: The keeper's daughter comes home for one night.\n( Read more... )\n\n"
        "Tobin was on the stairs when the door banged.\n"
    )
    md = parse_text(text).metadata
    assert (md.title, md.authors, md.relationships) == (
        "Harbour Lights",
        ("quietlantern",),
        ("Tobin/Mira",),
    )
    assert md.summary == "The keeper's daughter comes home for one night."


def test_a_chapter_heading_with_no_blank_line_beside_it_stands_alone() -> None:
    text = (
        "Lanterns\nBy: inkwell\nTwo keepers, one coast.\n"
        "Rated: Fiction T - English - Drama - Pell C. - Words: 1,234\nChapter 1: Low Tide\n\n"
        "Pell counted the lanterns twice.\n\nChapter 2\nMira counted them once.\n"
    )
    work = parse_text(text)
    assert work.metadata.summary == "Two keepers, one coast."
    assert [c.title for c in work.chapters] == ["Low Tide", None]
    assert work.text[work.chapters[1].start : work.chapters[1].end].strip().endswith("once.")


def test_wattpad_counts_and_status_under_the_title() -> None:
    text = (
        "Lanterns\n\nby inkwell\n\n45.2K Reads 2.1K Votes 30 Parts\n\nOngoing\n\n"
        "Pell counts the lanterns.\n\nChapter 1\n\nPell counted the lanterns twice.\n"
    )
    md = parse_text(text).metadata
    assert (md.title, md.status, md.summary) == ("Lanterns", "Ongoing", "Pell counts the lanterns.")
    assert md.extra == {"Reads": "45.2K", "Votes": "2.1K", "Parts": "30"}


def test_asianfanfics_foreword_page_is_the_header() -> None:
    text = (
        "Foreword\n\nLanterns\n\nAuthor: inkwell\nCharacters: Pell, Arran\nTags: lanterns\n\n"
        "Chapter 1\n\nPell counted the lanterns twice.\n"
    )
    work = analyze(parse_text(text))
    md = work.metadata
    assert (md.title, md.authors, md.characters) == ("Lanterns", ("inkwell",), ("Pell", "Arran"))
    assert [(c.number, c.word_count) for c in work.chapters] == [(1, 5)]


def test_a_foreword_chapter_without_header_fields_stays_a_chapter() -> None:
    text = "Foreword\n\nI wrote this in a winter.\n\nChapter 1\n\nPell counted the lanterns.\n"
    work = analyze(parse_text(text))
    assert [c.title for c in work.chapters] == ["Foreword", None]


def test_a_summary_label_alone_without_a_colon() -> None:
    text = (
        "Lanterns\n\nAuthor: inkwell\nRating: T\n\nDescription\n\nPell counts.\n\n"
        "Chapter 1\n\nPell counted the lanterns twice.\n"
    )
    md = parse_text(text).metadata
    assert (md.title, md.summary) == ("Lanterns", "Pell counts.")


def test_table_of_contents_entries_become_headings() -> None:
    text = (
        "The Keeper\n\nby inkwell\n\nRating: T\n\n"
        "Table of Contents\n\nA Lamp\n\nThe Storm\n\n"
        "A Lamp\n\nHe lit it.\n\nThe Storm\n\nIt came.\n"
    )
    work = analyze(parse_text(text))
    check_spans(work)
    assert (work.metadata.title, work.metadata.authors) == ("The Keeper", ("inkwell",))
    assert [c.title for c in work.chapters] == ["A Lamp", "The Storm"]
    assert [c.word_count for c in work.chapters] == [3, 2]


def test_a_title_case_line_opening_the_file_is_the_title_and_the_note_after_it_a_disclaimer() -> (
    None
):
    text = (
        "Lanterns Over the Harbour\n\n"
        "Post-canon, gen. I don't own the show, the studio does. Reviews welcome!\n\n"
        "* * *\n\n"
        "The harbour was dark. Mira lit the first lamp.\n"
    )
    work = analyze(parse_text(text))
    check_spans(work)
    assert work.metadata.title == "Lanterns Over the Harbour"
    assert BlockRole.DISCLAIMER in [b.role for b in work.blocks]
    assert work.word_count == 9


@pytest.mark.parametrize("opening", ["Three years later", "The night was cold."])
def test_a_plain_opening_line_is_story_not_title(opening: str) -> None:
    work = analyze(parse_text(f"{opening}\n\nMira lit the lamp.\n\nIt burned.\n"))
    assert work.metadata.title is None


def test_a_lower_case_title_above_a_disclaimer() -> None:
    text = (
        "lanterns in the dark\n\ndisclaimer: i dont own lantern coast\n\n"
        "Pell counted the lanterns twice.\n\nArran waited by the door.\n"
    )
    work = analyze(parse_text(text))
    assert work.metadata.title == "lanterns in the dark"
    assert work.word_count == 10


def test_a_title_line_right_above_the_header_fields() -> None:
    # an AO3 header copied without the blank line under the title
    text = (
        "Twelve Hours\nRating: Teen And Up Audiences\nFandom: Lantern Coast\n"
        "Characters: Pell Corrin, Arran Vey\nNotes: Pell POV. Unbeta'd.\n\n"
        "Pell counted the lanterns twice.\n\nArran waited by the door.\n"
    )
    work = analyze(parse_text(text))
    md = work.metadata
    assert md.title == "Twelve Hours"
    assert md.fandoms == ("Lantern Coast",)
    assert md.characters == ("Pell Corrin", "Arran Vey")
    assert md.notes is not None and "Pell POV" in md.notes
    assert work.word_count == 10


def test_a_title_and_byline_right_above_the_header_fields() -> None:
    text = (
        "Lanterns\nby inkwell\nFandom: Lantern Coast\nRating: T\nPairing: Pell/Arran\n\n"
        "Pell counted the lanterns twice.\n\nArran waited by the door.\n"
    )
    md = parse_text(text).metadata
    assert (md.title, md.authors, md.fandoms) == ("Lanterns", ("inkwell",), ("Lantern Coast",))


def test_header_values_on_the_line_under_their_label() -> None:
    # an AO3 work page copied from a browser: each label alone on its line, the value (or the
    # tags, one a line) under it
    text = (
        "Rating:\nMature\nFandom:\nLantern Coast\nLantern Coast: The Long Dark (Radio)\n"
        "Characters:\nPell Corrin\nArran Vey\nLanguage:\nEnglish\nKudos:\n12\n\n"
        "Pell counted the lanterns twice.\n\nArran waited by the door.\n"
    )
    work = analyze(parse_text(text))
    md = work.metadata
    assert (md.title, md.rating, md.language) == (None, "Mature", "English")
    assert md.fandoms == ("Lantern Coast", "Lantern Coast: The Long Dark (Radio)")
    assert md.characters == ("Pell Corrin", "Arran Vey")
    assert md.extra == {"Kudos": "12"}
    assert work.word_count == 10


def test_ao3s_summary_and_notes_under_their_labels_in_blocks_of_their_own() -> None:
    text = (
        "Rating: General Audiences\nFandom: Lantern Coast\n\nLanterns\n\nSummary:\n\n"
        "Pell counts.\n\nArran waits.\n\nNotes:\n\nFor Jo.\n\n"
        "(See the end of the work for more notes.)\n\nWork Text:\n\n"
        "Pell counted the lanterns twice.\n"
    )
    md = parse_text(text).metadata
    assert (md.title, md.summary, md.notes) == ("Lanterns", "Pell counts. Arran waits.", "For Jo.")


@pytest.mark.parametrize(
    "header",
    [
        "Rating: General Audiences\nFandom: Lantern Coast\n\nLanterns\nink_well\n\n",
        # labels above their values, the author in a block of its own under the title's
        "Rating:\n    General Audiences\nFandom:\n    Lantern Coast\n\nLanterns\n\nink_well\n\n",
    ],
)
def test_ao3s_author_name_under_the_title(header: str) -> None:
    text = header + "Summary:\n\nPell counts.\n\nWork Text:\n\nPell counted the lanterns twice.\n"
    md = parse_text(text).metadata
    assert (md.title, md.authors, md.summary) == ("Lanterns", ("ink_well",), "Pell counts.")


def test_ao3s_stats_line_in_a_copied_header() -> None:
    text = (
        "Rating: Mature\nFandom: Lantern Coast\n"
        "Stats: Published: 2021-03-14 Updated: 2021-04-01 Words: 2,212 Chapters: 2/5 Kudos: 45\n\n"
        "Pell counted the lanterns twice.\n\nArran waited by the door.\n"
    )
    md = parse_text(text).metadata
    assert (md.published, md.updated, md.words, md.chapters) == (
        "2021-03-14",
        "2021-04-01",
        2212,
        "2/5",
    )
    assert md.extra == {"Kudos": "45"}


@pytest.mark.parametrize(
    ("header", "title"),
    [
        ("~*~ Lanterns ~*~\n\n~*~ by inkwell ~*~", "Lanterns"),
        ("✨ Lanterns ✨\nby inkwell", "Lanterns"),
        ("# Lanterns\nby inkwell", "Lanterns"),
        ('Title: "Lanterns"\nAuthor: inkwell', "Lanterns"),
        ('Title: "Lanterns" and "Lamps"\nAuthor: inkwell', '"Lanterns" and "Lamps"'),
    ],
)
def test_a_decorated_title_and_byline(header: str, title: str) -> None:
    fields = "Fandom: Lantern Coast\nRating: T\nPairing: Pell/Arran"
    text = f"{header}\n{fields}\n\nPell counted the lanterns twice.\n"
    md = parse_text(text).metadata
    assert (md.title, md.authors) == (title, ("inkwell",))


def test_a_rule_inside_a_header_block_ends_the_field_above_it() -> None:
    text = (
        "Title: Lanterns\nRating: K+\n-----------------\nDisclaimer: Not mine.\n"
        "═════════════\n\nPell counted the lanterns twice.\n"
    )
    md = parse_text(text).metadata
    assert (md.rating, md.extra) == ("K+", {"Disclaimer": "Not mine."})


def test_header_labels_set_off_by_a_dash_or_a_tilde() -> None:
    text = (
        "Title - Lanterns\nAuthor - inkwell\nFandom ~ Lantern Coast\nRating – T\n\n"
        "Chapter 1 - The Door\n\nPell counted the lanterns twice.\n\nArran waited by the door.\n"
    )
    work = analyze(parse_text(text))
    md = work.metadata
    assert (md.title, md.authors, md.fandoms, md.rating) == (
        "Lanterns",
        ("inkwell",),
        ("Lantern Coast",),
        "T",
    )
    assert work.word_count == 10


@pytest.mark.parametrize("mark", ["✦", "•", "»", "→", "★"])
def test_header_labels_set_off_by_other_marks(mark: str) -> None:
    text = (
        f"Lanterns\n\nFandom {mark} Lantern Coast\nRating {mark} T\nPairing {mark} Pell/Arran\n\n"
        "Pell counted the lanterns twice.\n\nArran waited by the door.\n"
    )
    work = analyze(parse_text(text))
    md = work.metadata
    assert (md.title, md.fandoms, md.rating, md.relationships) == (
        "Lanterns",
        ("Lantern Coast",),
        "T",
        ("Pell/Arran",),
    )
    assert work.word_count == 10


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("Lanterns - a Lantern Coast fanfic by inkwell", "inkwell"),
        ("Lanterns: A Lantern Coast Fanfiction by inkwell", "inkwell"),
        ("Lanterns | a Lantern Coast one-shot by Ink Well", "Ink Well"),
        ("Lanterns (a Lantern Coast fic) by inkwell", "inkwell"),
    ],
)
def test_a_title_fandom_and_author_on_one_line(line: str, author: str) -> None:
    text = f"{line}\n\nPell counted the lanterns twice.\n\nArran waited by the door.\n"
    work = analyze(parse_text(text))
    md = work.metadata
    assert (md.title, md.fandoms, md.authors) == ("Lanterns", ("Lantern Coast",), (author,))
    assert work.word_count == 10


def test_a_story_line_naming_a_fic_by_someone_is_no_header() -> None:
    text = (
        "She had read a Lantern Coast fanfic by inkwell the night before.\n\n"
        "Pell counted the lanterns twice.\n"
    )
    work = analyze(parse_text(text))
    assert work.metadata.authors == ()
    assert work.word_count == 17


def test_a_row_of_hashtags_closing_the_text_is_its_tags() -> None:
    text = (
        "Lanterns\n\nPell counted the lanterns twice.\n\nArran waited by the door.\n\n"
        "#lantern coast #pell #arran #my writing\n"
    )
    work = analyze(parse_text(text))
    assert work.metadata.additional_tags == ("lantern coast", "pell", "arran", "my writing")
    assert work.word_count == 10
    assert len(work.chapters) == 1


def test_header_fields_sharing_a_line_between_bars() -> None:
    text = (
        "Title: Lanterns | Fandom: Lantern Coast | Rating: K+\nRelationship: Pell | Arran/Jo\n\n"
        "Pell counted the lanterns twice.\n"
    )
    md = parse_text(text).metadata
    assert (md.title, md.fandoms, md.rating) == ("Lanterns", ("Lantern Coast",), "K+")
    assert md.relationships == ("Pell | Arran/Jo",)


def test_a_title_byline_and_chapter_count_right_above_the_header_fields() -> None:
    text = (
        "Lanterns\nChapter 1 of 3\nby inkwell\nRating: K\nFandom: Lantern Coast\n\n"
        "Pell counted the lanterns twice.\n"
    )
    work = analyze(parse_text(text))
    md = work.metadata
    assert (md.title, md.authors, md.fandoms, md.summary) == (
        "Lanterns",
        ("inkwell",),
        ("Lantern Coast",),
        None,
    )
    assert work.word_count == 5


def test_header_labels_in_markdown_emphasis() -> None:
    text = (
        "**Title:** Lanterns\n**Fandom:** Lantern Coast\n__Rating__: T\n"
        "**Summary:** Pell finds out why the lanterns never go out.\n\n"
        "Pell counted the lanterns twice.\n\nArran waited by the door.\n"
    )
    work = analyze(parse_text(text))
    md = work.metadata
    assert (md.title, md.fandoms, md.rating) == ("Lanterns", ("Lantern Coast",), "T")
    assert md.summary == "Pell finds out why the lanterns never go out."
    assert work.word_count == 10


def test_header_labels_after_an_emoji_or_a_bullet() -> None:
    text = (
        "Lanterns\n\n🔥 Fandom: Lantern Coast\n💚 Pairing: Pell/Arran\n⚠️ Warnings: none\n"
        "- Rating: T\n\nPell counted the lanterns twice.\n\nArran waited by the door.\n"
    )
    work = analyze(parse_text(text))
    md = work.metadata
    assert (md.fandoms, md.relationships, md.rating) == (("Lantern Coast",), ("Pell/Arran",), "T")
    assert work.word_count == 10


def test_an_authors_note_line_among_header_labels_is_the_notes() -> None:
    text = (
        "Lanterns\n\nPairing: Pell/Arran\nSummary: Pell counts.\nA/N: for anon, who asked!\n"
        "Word count: 900\nAN - unbeta'd\n\nPell counted the lanterns twice.\n"
    )
    md = parse_text(text).metadata
    assert (md.summary, md.notes, md.words) == (
        "Pell counts.",
        "for anon, who asked! unbeta'd",
        900,
    )


def test_a_line_of_hashtags_in_the_header_is_its_tags() -> None:
    text = (
        "Lanterns\n\nPairing: Pell/Arran\nWord count: 900\n\n"
        "#lantern coast #pell corrin #my writing\n\n"
        "Pell counted the lanterns twice.\n\nArran waited by the door. #blessed\n"
    )
    work = analyze(parse_text(text))
    assert work.metadata.additional_tags == ("lantern coast", "pell corrin", "my writing")
    assert work.word_count == 11


def test_a_site_category_is_the_fandom_and_the_title_repeated_is_no_summary() -> None:
    # a labelled header as fan fiction sites and their downloaders write it: "Category" is the
    # fandom there (AO3's own categories, "F/M", "Gen", stay categories), and the title comes
    # again above the story
    text = (
        "Title: Lanterns\nAuthor: inkwell\nCategory: Lantern Coast, Gen\n"
        "Genre: Drama, Friendship\nSummary: Pell finds out why the lanterns never go out.\n\n\n"
        "Lanterns\n\n\nChapter 1\n\nPell counted the lanterns twice.\n\nArran waited by the door.\n"
    )
    work = analyze(parse_text(text))
    md = work.metadata
    assert (md.fandoms, md.categories) == (("Lantern Coast",), ("Gen",))
    assert md.genres == ("Drama", "Friendship")
    assert md.summary == "Pell finds out why the lanterns never go out."
    assert work.word_count == 10


def test_ao3s_chapter_text_label_is_a_heading_not_story_text() -> None:
    text = (
        "Twelve Hours\n\nRating: General Audiences\nFandom: Lantern Coast\n\nChapter Text\n\n"
        "Pell counted the lanterns twice.\n\nArran waited by the door.\n"
    )
    work = analyze(parse_text(text))
    assert work.word_count == 10
    assert [c.word_count for c in work.chapters] == [10]


def test_ao3s_work_text_label_ends_the_header() -> None:
    # a one-shot's AO3 page copied as text: the summary and notes under their labels, then
    # "Work Text:", which ends the header
    text = (
        "Rating: General Audiences\nFandom: Lantern Coast\n\nLanterns\n\nSummary:\n\n"
        "Pell counts.\n\nWork Text:\n\nPell counted the lanterns twice.\n\n"
        "Arran waited by the door.\n"
    )
    work = analyze(parse_text(text))
    assert work.metadata.fandoms == ("Lantern Coast",)
    assert [c.word_count for c in work.chapters] == [10]


def test_the_blocks_under_a_notes_label_after_the_story_are_notes() -> None:
    text = (
        "Chapter 1\n\nPell counted the lanterns twice.\n\nArran waited by the door.\n\n"
        "Notes:\n\nThanks for reading!\n\nComments make my day.\n"
    )
    work = analyze(parse_text(text))
    assert work.word_count == 10
    roles = [b.role for b in work.blocks]
    assert roles[-3:] == [BlockRole.AUTHOR_NOTE] * 3


def test_a_notes_label_far_from_the_end_leaves_the_story_alone() -> None:
    story = "".join(f"Pell counted lantern {n}.\n\n" for n in range(1, 7))
    text = f"Chapter 1\n\nNote:\n\n{story}"
    assert analyze(parse_text(text)).word_count == 24


def test_a_chapters_notes_between_its_heading_and_ao3s_chapter_text_label() -> None:
    text = (
        "Chapter 1: Lanterns\n\nPell counted the lanterns twice.\n\n"
        "Chapter 2: The Door\n\nNotes:\n\nSorry for the wait!\n\nChapter Text\n\n"
        "Arran waited by the door.\n"
    )
    work = analyze(parse_text(text))
    assert [(c.number, c.title, c.word_count) for c in work.chapters] == [
        (1, "Lanterns", 5),
        (2, "The Door", 5),
    ]


def test_a_short_storys_end_notes_do_not_pull_its_opening_into_the_header() -> None:
    text = (
        "Title: Lanterns\nFandom: Lantern Coast\n\nPell counted the lanterns twice.\n\n"
        '"Twice?" Arran asked.\n\nNotes:\n\nThanks for reading!\n'
    )
    work = analyze(parse_text(text))
    assert work.metadata.fandoms == ("Lantern Coast",)
    assert work.word_count == 8


def test_a_chapters_summary_under_its_heading_is_no_story_text() -> None:
    text = (
        "Chapter 1: Lanterns\n\nPell counted the lanterns twice.\n\n"
        "Chapter 2: The Door\n\nSummary:\n\nArran waits.\n\nChapter Text\n\n"
        "Arran waited by the door.\n"
    )
    work = analyze(parse_text(text))
    assert [(c.number, c.word_count) for c in work.chapters] == [(1, 5), (2, 5)]


def test_story_that_opens_with_dialogue_is_not_front_matter() -> None:
    text = '"Run," she said.\n\nHe ran.\n\nChapter 2\n\nThey stopped.\n'
    work = analyze(parse_text(text))
    assert work.metadata.summary is None and work.metadata.title is None
    assert [c.number for c in work.chapters] == [None, 2]
    assert work.word_count == 7


def test_a_labelled_line_inside_the_story_is_not_metadata() -> None:
    text = "He checked the board.\nStatus: unknown.\n\nShe laughed.\n"
    work = parse_text(text)
    assert work.metadata.declared == () and work.metadata.status is None
    assert len(work.paragraphs) == 2


# --- headings, notes, disclaimers, end markers ---------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "number", "title"),
    [
        ("Chapter 3", 3, None),
        ("Chapter One", 1, None),
        ("Chapter Twenty-One", 21, None),
        ("Chapter 2: The Storm", 2, "The Storm"),
        ("CHAPTER IV.", 4, None),
        ("Chapter 7 - Homecoming", 7, "Homecoming"),
        ("Prologue", None, "Prologue"),
        ("Epilogue", None, "Epilogue"),
        ("Epilogue: Ten Years Later", None, "Epilogue: Ten Years Later"),
    ],
)
def test_chapter_headings(heading: str, number: int | None, title: str | None) -> None:
    text = f'Chapter 1\n\n"Before," she said.\n\n{heading}\n\nStory text here.\n'
    work = analyze(parse_text(text))
    check_spans(work)
    assert len(work.chapters) == 2
    chapter = work.chapters[1]
    assert (chapter.number, chapter.title) == (number, title)
    assert chapter.heading is not None and work.span_text(chapter.heading) == heading
    assert chapter.word_count == 3


@pytest.mark.parametrize(
    "note",
    [
        "I don't own Naruto.",
        "I do not own Harry Potter or any of its characters.",
        "Disclaimer: Not mine.",
        "DISCLAIMER - all rights belong to Masashi Kishimoto.",
        "Naruto and its characters belong to Masashi Kishimoto. No profit is made.",
        "Nothing here belongs to me.",
    ],
)
def test_disclaimers_are_not_story(note: str) -> None:
    text = f"Chapter 1\n\n{note}\n\nThe rain fell.\n"
    work = analyze(parse_text(text))
    assert texts(work, BlockRole.DISCLAIMER) == [note]
    assert work.word_count == 3


@pytest.mark.parametrize(
    "note",
    [
        "A/N: Thanks for reading!",
        "AN: short one today.",
        "Author's Note: this chapter was hard.",
        "Authors Note - see the end.",
        "(A/N: sorry for the wait)",
        "[Author's note: edited 2012]",
    ],
)
def test_authors_notes_are_not_story(note: str) -> None:
    text = f"Chapter 1\n\n{note}\n\nThe rain fell.\n\n{note}\n"
    work = analyze(parse_text(text))
    assert texts(work, BlockRole.AUTHOR_NOTE) == [note, note]
    assert work.word_count == 3


@pytest.mark.parametrize("marker", ["The End.", "THE END", "~Fin~", "To be continued...", "TBC"])
def test_end_markers(marker: str) -> None:
    work = analyze(parse_text(f"She smiled.\n\n{marker}\n"))
    assert texts(work, BlockRole.END_MARKER) == [marker]
    assert work.word_count == 2


@pytest.mark.parametrize(
    "line",
    [
        '"We belong to each other," he said.',
        "“That belongs to Lavish,” said the clergyman.",
        "The sword belongs to the Uchiha clan, and everyone in the village knows the story.",
        "She didn't own a single dress that fit.",
    ],
)
def test_ownership_inside_the_story_is_story(line: str) -> None:
    text = f"Chapter 1\n\nShe sat.\n\n{line}\n\nHe stood.\n"
    work = parse_text(text)
    assert line in [work.span_text(b) for b in work.paragraphs]


# --- layouts: paragraphs, hard wrapping, scene breaks ------------------------------------------


def test_gutenberg_style_fixture() -> None:
    work = read_checked(PLAIN / "gutenberg.txt")
    assert work.metadata.title == "THE LANTERN KEEPER"
    assert [(c.number, c.title) for c in work.chapters] == [
        (1, "In Which a Lamp Is Lit"),
        (2, "THE STORM"),
        (3, None),
    ]
    first = work.paragraphs[0]
    assert work.span_text(first).startswith("The keeper climbed") and "\n" in work.span_text(first)
    assert len(work.paragraphs) == 6
    assert [c.word_count for c in work.chapters] == [43, 27, 24]


def test_one_paragraph_per_line_with_blank_line_scene_break() -> None:
    work = read_checked(PLAIN / "one_per_line.txt")
    assert layout(work.text) == "line"
    assert len(work.paragraphs) == 6
    assert all("\n" not in work.span_text(p) for p in work.paragraphs)
    assert len(work.scenes) == 2


def test_short_lines_one_per_line_are_paragraphs() -> None:
    text = "".join(f"Line {i} of the chat.\n" for i in range(30))
    work = parse_text(text)
    assert len(work.paragraphs) == 30


def test_hard_wrapped_text_without_blank_lines() -> None:
    work = read_checked(PLAIN / "wrapped_no_blank_lines.txt")
    assert layout(work.text) == "wrapped"
    starts = [work.span_text(p).split()[0] for p in work.paragraphs]
    assert starts == ["When", "His", "On", '"Morning,"', "Upon"]


def test_scene_break_markers() -> None:
    work = read_checked(PLAIN / "scene_breaks.txt")
    assert texts(work, BlockRole.SCENE_BREAK) == ["***", "* * *", "-x-", "oOo", "~*~", "xxx"]
    assert [s.word_count for s in work.scenes] == [1] * 7
    assert work.word_count == 7


def test_blank_line_gap_is_a_scene_break_only_when_rare() -> None:
    # Two blank lines between every paragraph is the layout, not a scene break.
    text = "\n\n\n".join(f"Paragraph {i} here." for i in range(20)) + "\n\n\n\n\nAfter the gap."
    work = analyze(parse_text(text))
    assert len(work.scenes) == 2
    assert work.scenes[1].word_count == 3


# --- real files ---------------------------------------------------------------------------------


def test_seed_000(seed_000: Path) -> None:
    work = read_checked(seed_000)
    md = work.metadata
    assert md.summary and md.summary.startswith("Kakashi and Sakura")
    assert md.genres == ("Action", "Romance")
    assert md.empty == ("rating",) and "rating" in md.missing
    assert [(c.number, c.title) for c in work.chapters] == [(1, None)]
    assert texts(work, BlockRole.DISCLAIMER) == ["I don't own anything Naruto."]
    assert [t[:4] for t in texts(work, BlockRole.AUTHOR_NOTE)] == ["A/N:"]
    assert texts(work, BlockRole.END_MARKER) == ["The End."]
    assert work.word_count == story_words(work) < len(work.text.split())
    assert len(work.scenes) > 1


def test_seed_004(seed_004: Path) -> None:
    work = read_checked(seed_004)
    assert work.metadata.declared == ()
    assert len(work.chapters) == 1 and work.chapters[0].heading is None
    assert work.word_count == len(work.text.split())  # no notes: every word is story


@pytest.mark.parametrize(
    ("name", "chapters", "first_titles"),
    [
        (
            "11_alices_adventures_in_wonderland.txt",
            12,
            ["Down the Rabbit-Hole", "The Pool of Tears"],
        ),
        ("1023_bleak_house.txt", 67, ["In Chancery", "In Fashion"]),
        ("120_treasure_island.txt", 34, ["The Old Sea-dog at the Admiral Benbow"]),
        ("84_frankenstein_or_the_modern_prometheus.txt", 28, None),
        ("27_far_from_the_madding_crowd.txt", 57, ["DESCRIPTION OF FARMER OAK -- AN INCIDENT"]),
        ("76_adventures_of_huckleberry_finn.txt", 43, None),
        ("110_tess_of_the_durbervilles_a_pure_woman.txt", 59, None),
        (
            "472_the_house_behind_the_cedars.txt",
            33,
            ["A STRANGER FROM SOUTH CAROLINA", "AN EVENING VISIT"],
        ),
    ],
)
def test_gutenberg_novels(name: str, chapters: int, first_titles: list[str | None] | None) -> None:
    work = read_checked(need(NOVELS / name), quotes=False)
    assert len([c for c in work.chapters if c.heading is not None]) == chapters
    if first_titles is not None:
        titled = [c for c in work.chapters if c.heading is not None]
        assert [c.title for c in titled[: len(first_titles)]] == first_titles
    assert work.word_count == story_words(work)
    # Hard-wrapped paragraphs hold several lines; no paragraph swallows a chapter.
    assert max(len(work.span_text(p)) for p in work.paragraphs) < 20_000
    assert len(work.paragraphs) > 10 * chapters


def test_numbered_sections_inside_chapters_are_scenes() -> None:
    work = read_checked(need(NOVELS / "543_main_street.txt"), quotes=False)
    assert len(work.chapters) == 39
    assert len(work.scenes) > 2 * len(work.chapters)
    assert "I" in texts(work, BlockRole.SCENE_BREAK)


# --- any text at all --------------------------------------------------------------------------

PIECES = st.sampled_from(
    [
        "\n",
        "\n\n",
        "\r\n",
        "\r",
        "\n\n\n\n",
        " ",
        "\t",
        "Chapter 1",
        "Chapter Two: X",
        "I",
        "* * *",
        "xxx",
        "A/N: hi",
        "I don't own it.",
        "The End.",
        "Title: T",
        "Rating:",
        '"',
        "“",
        "”",
        "'",
        "word",
        "Word.",
        "Summary: s",
        "Rated: Fiction T - English - Words: 5",
        "Table of Contents",
        "—",
        "\u00a0",
        "\x0c",
        "é",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(PIECES, min_size=1, max_size=60).map("".join))
def test_any_text_parses_with_valid_spans(text: str) -> None:
    work = analyze(parse_text(text))
    assert work.text == text
    check_spans(work)
    assert work.word_count == story_words(work)


def test_a_heading_split_off_its_block_has_no_space_at_its_edges() -> None:
    work = parse_text("Lanterns by the sea\n  Chapter 1  \n\nPell counted.\n")
    spans = [work.text[b.start : b.end] for b in work.blocks]
    assert spans == [s.strip() for s in spans]
    assert "Chapter 1" in spans
