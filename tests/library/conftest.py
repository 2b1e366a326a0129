"""Small libraries of hand-made works with declared tags, for search and web tests."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from ficscope.library import Library, record_for
from ficscope.model import Work
from ficscope.pipeline import analyze_work
from ficscope.readers.plaintext import parse_text
from ficscope.render.sample import sample_work

HEADER = """\
Title: {title}
Author: {author}
Fandom: {fandom}
Rating: {rating}
Archive Warning: {warning}
Characters: {characters}
Additional Tags: {tags}

Chapter 1

{body}
"""

# (title, fandom, rating, warning, characters, tags, body): bodies differ in length and words.
WORKS = (
    (
        "Lanterns at Low Tide",
        "Harbour Tales",
        "General Audiences",
        "No Archive Warnings Apply",
        "Mira, Tobin",
        "Fluff",
        '"The tide is turning," Mira said. The lanterns burned on the harbour wall.',
    ),
    (
        "The Last Watch",
        "Harbour Tales",
        "Mature",
        "Major Character Death",
        "Tobin",
        "Angst",
        "Tobin kept the last watch alone. The storm took the harbour lights one by one. " * 30,
    ),
    (
        "Paper Boats",
        "Cloud Kingdoms",
        "Teen And Up Audiences",
        "No Archive Warnings Apply",
        "Aya, Ren",
        "Fluff, Rivers",
        '"Fold it again," Aya told Ren. Paper boats sailed the gutter river.',
    ),
    (
        "Storm Glass",
        "Cloud Kingdoms",
        "Mature",
        "Graphic Depictions Of Violence",
        "Ren",
        "Storms",
        "The storm glass clouded over. Ren drew his sword against the sky. " * 120,
    ),
)


def make_work(
    title: str, fandom: str, rating: str, warning: str, characters: str, tags: str, body: str
) -> Work:
    text = HEADER.format(
        title=title,
        author="tester",
        fandom=fandom,
        rating=rating,
        warning=warning,
        characters=characters,
        tags=tags,
        body=body,
    )
    return analyze_work(
        parse_text(text, path=f"{title.lower().replace(' ', '-')}.txt"), ("segment", "quotes")
    )


@pytest.fixture
def works() -> list[Work]:
    return [make_work(*w) for w in WORKS]


@pytest.fixture
def library(tmp_path: Path, works: list[Work]) -> Iterator[Library]:
    lib = Library(tmp_path / "library.db")
    lib.add([record_for(w) for w in works])
    lib.add([record_for(sample_work())])
    yield lib
    lib.close()


def with_text(work: Work, text: str) -> Work:
    """The same work with other text (a new digest): for re-add tests."""
    return replace(work, text=text)
