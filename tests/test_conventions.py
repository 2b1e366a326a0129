"""The text conventions every reader shares (readers/conventions.py) and labelled header fields
(readers/fields.py), judged one block at a time."""

from __future__ import annotations

import pytest

from ficscope.model import BlockRole
from ficscope.readers.conventions import (
    classify,
    heading_level,
    is_disclaimer,
    is_scene_break,
    is_title_like,
    parse_genres,
    parse_heading,
    parse_number,
)
from ficscope.readers.fields import (
    FieldCollector,
    field_for_label,
    parse_ffnet_stats,
    parse_int,
    split_list,
)


@pytest.mark.parametrize(
    ("word", "value"),
    [
        ("7", 7),
        ("one", 1),
        ("Twelve", 12),
        ("twenty", 20),
        ("twenty-one", 21),
        ("Thirty Two", 32),
        ("IV", 4),
        ("xlix", 49),
        ("XC", 90),
        ("first", 1),
        ("the Second", 2),
        ("twenty-first", 21),
        ("Fiftieth", 50),
    ],
)
def test_parse_number(word: str, value: int) -> None:
    assert parse_number(word) == value


@pytest.mark.parametrize("word", ["", "of", "IIII", "chapter", "ill", "twenty-zebra", "VX"])
def test_parse_number_refuses_non_numbers(word: str) -> None:
    assert parse_number(word) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Chapter 1", (1, None)),
        ("chapter 12", (12, None)),
        ("CHAPTER XII", (12, None)),
        ("Chapter One", (1, None)),
        ("Chapter Twenty-Three", (23, None)),
        ("Chapter 2: The Storm", (2, "The Storm")),
        ("Chapter 2 - The Storm", (2, "The Storm")),
        ("Chapter 2 – The Storm", (2, "The Storm")),
        ("Chapter 2. Who Stole the Tarts?", (2, "Who Stole the Tarts?")),
        ("Chapter Two The Storm", (2, "The Storm")),
        ("CHAPTER I IN WHICH I THROW AMBS-ACE", (1, "IN WHICH I THROW AMBS-ACE")),
        ("Ch. 3", (3, None)),
        ("Chap. 4", (4, None)),
        ("Part 2", (2, None)),
        ("PART ONE--The Old Buccaneer", (1, "The Old Buccaneer")),
        ("Book First", (1, None)),
        ("Phase the First: The Maiden", (1, "The Maiden")),
        ("Letter 4", (4, None)),
        ("STAVE ONE", (1, None)),
        ("_Chapter I_", (1, None)),
        ("~ Chapter 5 ~", (5, None)),
        ("**Chapter 5**", (5, None)),
        ("CHAPTER THE LAST", (None, "Chapter The Last")),
        ("Prologue", (None, "Prologue")),
        ("EPILOGUE", (None, "Epilogue")),
        ("Epilogue.", (None, "Epilogue")),
        ("Epilogue: Ten Years Later", (None, "Epilogue: Ten Years Later")),
        ("Interlude - Kakashi", (None, "Interlude: Kakashi")),
        ("I", (1, None)),
        ("IV.", (4, None)),
        ("— II —", (2, None)),
        ("[ 3 ]", (3, None)),
        ("12", (12, None)),
        ("_One_", (1, None)),
        ("I. THE PRISON DOOR", (1, "THE PRISON DOOR")),
        ("VII. The Blue Carbuncle", (7, "The Blue Carbuncle")),
        ("II The Little Shop-Window", (2, "The Little Shop-Window")),
        ("Chapter I.\nThe Missing Heir.", (1, "The Missing Heir")),
    ],
)
def test_headings(line: str, expected: tuple[int | None, str | None]) -> None:
    assert parse_heading(line) == expected
    assert classify(line) is BlockRole.HEADING


@pytest.mark.parametrize(
    "line",
    [
        "Chapter 5 was the worst part of the book.",
        "Part of me wanted to stay.",
        "Book two was better, he thought.",
        "Prologue was the word she chose, and she said it twice.",
        "Chapter 3, she said, was missing.",
        "I don't know.",
        "I Know",
        "1. never leave your partner behind.",
        "x",
        "X",
        "One.",
        "Chapter 1\nShe ran into the night and did not stop until morning came.",
        "Chapter " + "very " * 60,
        "",
    ],
)
def test_not_headings(line: str) -> None:
    assert parse_heading(line) is None
    assert classify(line) is not BlockRole.HEADING


@pytest.mark.parametrize(
    ("line", "level"),
    [
        ("Chapter 1", "chapter"),
        ("Prologue", "chapter"),
        ("Letter 2", "chapter"),
        ("Book I", "part"),
        ("PART TWO", "part"),
        ("Volume 3", "part"),
        ("IV", "numeral"),
        ("3. The End Of It", "numeral"),
        ("The rain", None),
    ],
)
def test_heading_level(line: str, level: str | None) -> None:
    assert heading_level(line) == level


@pytest.mark.parametrize(
    "line",
    [
        "***",
        "* * *",
        "*****",
        "-x-",
        "-X-",
        "oOo",
        "OoOoO",
        "~*~",
        "xxx",
        "XxX",
        "~~~~",
        "---",
        "===",
        "___",
        "#",
        "# # #",
        "<hr>",
        "<hr/>",
        "-o-",
        "~o~",
        "...oOo...",
        "• • •",
        "§§§",
        "Scene Break",
        "--break--",
        "+++",
        "~Time Skip~",
        "***Time skip***",
        "TIME SKIP",
        "~~~Flashback~~~",
        "-End Flashback-",
        "Line break",
        ".:.:.:.",
        "|||||",
        "~/~/~",
        "———",
        "– – –",
        "[break]",
        "(break)",
        "❀❀❀",
        "♥♥♥",
        "◆◇◆",
        "~",
        "**",
        "~ ~",
        "⁂",
    ],
)
def test_scene_breaks(line: str) -> None:
    if line == "#":
        assert not is_scene_break(line)
        return
    assert is_scene_break(line)
    assert classify(line) is BlockRole.SCENE_BREAK


@pytest.mark.parametrize(
    "line",
    [
        "Oo.",
        "ox",
        "xx",
        "No.",
        "* * * and then",
        "Ooh!",
        "- Yes -",
        "It was a flashback.",
        "!!!",
        "—",
        "break it",
    ],
)
def test_not_scene_breaks(line: str) -> None:
    assert not is_scene_break(line)


@pytest.mark.parametrize(
    "text",
    [
        "I don't own Naruto.",
        "I dont own anything!",
        "i do not own harry potter",
        "We don't own the characters.",
        "I own nothing but the plot.",
        "Disclaimer: Not mine.",
        "DISCLAIMER: see chapter one.",
        "**Disclaimer** Still not mine",
        "Standard disclaimers apply.",
        "Nothing here belongs to me.",
        "None of these characters are mine.",
        "All characters belong to Masashi Kishimoto.",
        "Naruto and its characters belong to Masashi Kishimoto; I make no money from this.",
        "The characters are the property of J.K. Rowling. No copyright infringement intended.",
        "I don't make any money from this fic.",
    ],
)
def test_disclaimers(text: str) -> None:
    assert is_disclaimer(text)
    assert classify(text) is BlockRole.DISCLAIMER


@pytest.mark.parametrize(
    "text",
    [
        '"We belong to each other," he said.',
        "“That belongs to Lavish,” said the clergyman.",
        "'They are not mine,' said the hostess.",
        "—And I belong to a race too, says Bloom.",
        "This was the last bid, and the girl became the property of Henry Linwood.",
        "She didn't own a car.",
        "A Fast-Fish belongs to the party fast to it.",
        "Naruto belongs to the village now.",
        "x" * 900,
    ],
)
def test_not_disclaimers(text: str) -> None:
    assert not is_disclaimer(text)
    assert classify(text) is not BlockRole.DISCLAIMER


def test_short_ownership_statement_is_a_disclaimer_at_a_chapter_edge() -> None:
    line = "Naruto belongs to Masashi Kishimoto."
    assert not is_disclaimer(line)
    assert is_disclaimer(line, at_edge=True)
    assert not is_disclaimer('"Naruto belongs to me," she said.', at_edge=True)


@pytest.mark.parametrize(
    "text",
    [
        "A/N: thanks!",
        "A/N - thanks!",
        "a/n thanks",
        "AN: thanks",
        "Author's Note: thanks",
        "Authors Note: thanks",
        "Author’s notes: thanks",
        "Note: this is late.",
        "Notes: beta'd",
        "End Notes: see you",
        "(A/N: sorry)",
        "[AN: sorry]",
        "[Author's note: sorry]",
        "**A/N:** hi",
        "T/N: translated from Spanish",
    ],
)
def test_author_notes(text: str) -> None:
    assert classify(text) is BlockRole.AUTHOR_NOTE


@pytest.mark.parametrize("text", ["Another note was pinned there.", "Annie laughed.", "(And then)"])
def test_not_author_notes(text: str) -> None:
    assert classify(text) is BlockRole.PARAGRAPH


@pytest.mark.parametrize(
    "text",
    [
        "The End",
        "The End.",
        "THE END",
        "~The End~",
        "Fin",
        "~fin~",
        "FINIS",
        "To Be Continued...",
        "TBC",
        "End of Chapter",
        "End of chapter 3",
        "End file.",
    ],
)
def test_end_markers(text: str) -> None:
    assert classify(text) is BlockRole.END_MARKER


@pytest.mark.parametrize("text", ["The end was near.", "In the end, she stayed.", "Finally."])
def test_not_end_markers(text: str) -> None:
    assert classify(text) is BlockRole.PARAGRAPH


@pytest.mark.parametrize(
    ("line", "genres"),
    [
        ("Action / Romance", ("Action", "Romance")),
        ("Romance/Drama", ("Romance", "Drama")),
        ("Hurt/Comfort", ("Hurt/Comfort",)),
        ("Angst, Hurt/Comfort & Romance", ("Angst", "Hurt/Comfort", "Romance")),
        ("Hurt / Comfort - Humor", ("Hurt/Comfort", "Humor")),
        ("Sci-Fi", ("Sci-Fi",)),
    ],
)
def test_genres(line: str, genres: tuple[str, ...]) -> None:
    assert parse_genres(line) == genres


@pytest.mark.parametrize("line", ["Action movie", "Kakashi / Sakura", "", "Romance." * 30])
def test_not_genres(line: str) -> None:
    assert parse_genres(line) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In Chancery", True),
        ("A Caucus-Race and a Long Tale", True),
        ("THE STORM", True),
        ("It was dark", False),
        ('"Run"', False),
        ("", False),
    ],
)
def test_title_like(text: str, expected: bool) -> None:
    assert is_title_like(text) is expected


# --- labelled fields ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "field"),
    [
        ("Title", "title"),
        ("Author", "authors"),
        ("Rating", "rating"),
        ("Age Rating", "rating"),
        ("Archive Warning", "warnings"),
        ("Archive Warnings:", "warnings"),
        ("Pairing", "relationships"),
        ("Pairings", "relationships"),
        ("Fandom(s)", "fandoms"),
        ("Word Count", "words"),
        ("Summary", "summary"),
        ("Author’s Note", "notes"),
        ("Story URL", "source_url"),
        ("Additional Tags", "additional_tags"),
        ("  CHARACTERS  ", "characters"),
        ("Spoilers", None),
    ],
)
def test_field_for_label(label: str, field: str | None) -> None:
    assert field_for_label(label) == field


def test_split_list_keeps_commas_inside_parentheses() -> None:
    assert split_list("Kakashi, Sakura (Naruto, mentioned), , Pakkun") == (
        "Kakashi",
        "Sakura (Naruto, mentioned)",
        "Pakkun",
    )


@pytest.mark.parametrize(
    ("value", "number"),
    [
        ("12,345", 12345),
        ("1.234", 1234),
        (" 7 ", 7),
        ("12 345", 12345),
        ("about 5", None),
        ("", None),
    ],
)
def test_parse_int(value: str, number: int | None) -> None:
    assert parse_int(value) == number


def test_field_collector_declared_empty_extra_and_continuation() -> None:
    c = FieldCollector()
    assert c.add("Age Rating", "") == "rating"
    assert c.add("Fandom", "Naruto") == "fandoms"
    assert c.add("Fandoms", "Naruto, Bleach") == "fandoms"  # merged, no duplicates
    assert c.add("Summary", "Two ninjas wait") == "summary"
    c.extend("summary", "out  a storm.")
    assert c.add("Spoilers", "none really") is None
    c.extend("Spoilers", "at all")
    assert c.add("Words", "about a thousand") == "words"
    md = c.build(source_site="ao3", title="Given")
    assert md.rating is None and md.empty == ("rating",) and "rating" in md.missing
    assert md.fandoms == ("Naruto", "Bleach")
    assert md.summary == "Two ninjas wait out a storm."
    assert md.extra == {"Spoilers": "none really at all", "words": "about a thousand"}
    assert md.title == "Given" and md.source_site == "ao3"
    assert md.declared[:3] == ("rating", "fandoms", "summary")
    assert "source_site" not in md.declared and "title" in md.declared


def test_a_later_value_fills_a_field_declared_empty() -> None:
    c = FieldCollector()
    c.add("Rating", "")
    c.add("Rating", "Teen And Up Audiences")
    md = c.build()
    assert md.rating == "Teen And Up Audiences" and md.empty == ()


def test_ffnet_stats_line() -> None:
    c = FieldCollector()
    line = (
        "Rated: Fiction K+ - English - Hurt/Comfort/Angst - Naruto U., Hinata H. - Chapters: 3 - "
        "Words: 2,000 - Reviews: 4 - Updated: 1/2/2010 - Published: 1/1/2010 - id: 99"
    )
    assert parse_ffnet_stats(line, c)
    md = c.build()
    assert md.rating == "Fiction K+"
    assert md.genres == ("Hurt/Comfort", "Angst")
    assert md.characters == ("Naruto U.", "Hinata H.")
    assert (md.words, md.chapters, md.language) == (2000, "3", "English")
    assert md.extra["ffnet_id"] == "99"


@pytest.mark.parametrize("line", ["Rated: T", "Rated R for violence", "Rating: T - English"])
def test_not_ffnet_stats(line: str) -> None:
    assert not parse_ffnet_stats(line, FieldCollector())
