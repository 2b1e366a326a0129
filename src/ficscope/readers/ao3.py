"""What the Archive of Our Own readers share: the declared fields AO3 prints, its stats line and
series notes, its chapter headings, and the assembly of a parsed work into a :class:`Work`.

Three readers build on this, one per form a work leaves AO3 in:

* :mod:`ficscope.readers.ao3_html` — the HTML download (and the layout-level parsing of it),
* :mod:`ficscope.readers.ao3_epub` — the EPUB download, Calibre's conversion of that HTML,
* :mod:`ficscope.readers.ao3_page` — a work page saved from the website.

Each parses its file into an :class:`Ao3Work` (declared fields plus chapters, each split into
summary, notes, story text and end notes); :func:`assemble` turns that into the Work, so the three
agree on what goes where: work summary and notes go to Metadata, never into the text; chapter
summaries and notes become AUTHOR_NOTE blocks, so they are not counted as story words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ficscope.model import BlockRole, Metadata, Work
from ficscope.readers.base import WorkBuilder
from ficscope.readers.conventions import parse_heading
from ficscope.readers.fields import FieldCollector, add_ao3_stat, parse_ao3_stats

SITE = "ao3"
ARCHIVE_NAME = "Archive of Our Own"
WORK_URL = re.compile(r"https?://(?:www\.)?archiveofourown\.org/works/\d+", re.I)

# "Chapter 2: Title" / "Chapter 2", as AO3 writes chapter headings.
_AO3_HEADING = re.compile(r"^\s*Chapter\s+(?P<num>\d+)\s*(?::\s*(?P<title>.*\S))?\s*$", re.I | re.S)
_CHAPTER_COUNT = re.compile(r"^\s*(?P<done>[\d,.]+)\s*/\s*(?P<total>[\d,.]+|\?)\s*$")
_SERIES_PART = re.compile(
    r"Part\s+(?P<part>[\d,]+)\s+of\s+(?P<name>.+?)\s*(?=,\s*Part\s+[\d,]+\s+of\s|$)", re.I | re.S
)
_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """White space folded to single spaces, ends stripped."""
    return _SPACE.sub(" ", text).strip()


@dataclass
class Ao3Chapter:
    """One chapter as AO3 lays it out. ``document`` is where it was found (an EPUB member)."""

    document: str | None = None
    heading: str | None = None
    summary: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    text: list[tuple[str, BlockRole]] = field(default_factory=list)
    end_notes: list[str] = field(default_factory=list)

    @property
    def started(self) -> bool:
        """Whether anything of the chapter body (beyond heading and front notes) was seen."""
        return bool(self.text or self.end_notes)


class Ao3Fields:
    """The declared metadata of an AO3 work, collected label by label.

    Tag fields come in as AO3 prints them ("Archive Warnings:", "Fandom:", "Relationship(s)");
    the stats line and series notes are parsed here. Summary, notes and end notes are kept as
    blocks of text (paragraphs) and joined with blank lines.
    """

    def __init__(self) -> None:
        self.collector = FieldCollector()
        self.summary: list[str] = []
        self.notes: list[str] = []
        self.end_notes: list[str] = []
        self.source_url: str | None = None

    def has(self, name: str) -> bool:
        return self.collector.has(name)

    def set_title(self, title: str) -> None:
        title = fold(title)
        if title and not self.collector.has("title"):
            self.collector.set("title", title)

    def set_authors(self, names: Sequence[str]) -> None:
        names = [fold(n) for n in names if fold(n)]
        if names and not self.collector.has("authors"):
            self.collector.set("authors", ", ".join(names), tuple(names))

    def set_source_url(self, url: str | None) -> None:
        if url and self.source_url is None:
            match = WORK_URL.search(url)
            self.source_url = match.group() if match else url.strip()

    def add(self, label: str, values: Sequence[str], text: str) -> None:
        """One labelled field: ``values`` are its tags (link texts) when it has any, ``text`` the
        whole value as printed."""
        clean = fold(label).rstrip(":").strip().replace("(s)", "s")
        key = clean.lower()
        if key == "stats":
            self.add_stats(text)
        elif key == "series":
            self.add_series(text)
        elif values:
            self.collector.add(clean, [fold(v) for v in values])
        else:
            self.collector.add(clean, fold(text))

    def add_stats(self, text: str) -> None:
        """AO3's stats: "Published: 2020-03-04 Updated: ... Words: 4,559 Chapters: 3/?"."""
        parse_ao3_stats(text, self.collector)

    def add_stat(self, label: str, value: str) -> None:
        add_ao3_stat(label, value, self.collector)

    def add_series(self, text: str) -> None:
        """ "Part 2 of My Series" (several joined by commas): the series names go to ``series``, the
        declared text is kept in ``extra["Series"]`` for the part numbers."""
        text = fold(text)
        parts = [(m["part"], fold(m["name"])) for m in _SERIES_PART.finditer(text)]
        if not parts:
            self.collector.add("Series", text)
            return
        names = tuple(name for _, name in parts)
        self.collector.set("series", ", ".join(names), names)
        self.collector.extra["Series"] = ", ".join(f"Part {p} of {n}" for p, n in parts)

    def add_related(self, texts: Iterable[str]) -> None:
        """Related works and associations ("Inspired by ...", "Translation into ..."), in extra."""
        items = [fold(t) for t in texts if fold(t)]
        if items:
            old = self.collector.extra.get("Related works")
            self.collector.extra["Related works"] = "; ".join([old, *items] if old else items)

    def build(self) -> Metadata:
        return self.collector.build(
            summary=_join(self.summary),
            notes=_join(self.notes),
            end_notes=_join(self.end_notes),
            status=self.status(),
            source_url=self.source_url,
            source_site=SITE,
        )

    def status(self) -> str | None:
        """ "Complete" or "In-Progress", from the chapter count ("3/3", "3/?", "2/5") or, for works
        without one, from a "Completed:" date."""
        values = self.collector.values
        count = _CHAPTER_COUNT.match(values.get("chapters", ""))
        if count:
            total = count["total"]
            if total == "?":
                return "In-Progress"
            return "Complete" if _digits(count["done"]) >= _digits(total) else "In-Progress"
        if "completed" in values:
            return "Complete"
        if "updated" in values:
            return "In-Progress"
        return None


def _digits(text: str) -> int:
    return int(re.sub(r"\D", "", text) or 0)


def _join(blocks: Sequence[str]) -> str | None:
    return "\n\n".join(blocks) if blocks else None


@dataclass
class Ao3Work:
    """A parsed AO3 file: declared fields and chapters, ready to :func:`assemble`."""

    fields: Ao3Fields = field(default_factory=Ao3Fields)
    chapters: list[Ao3Chapter] = field(default_factory=list)


def parse_chapter_heading(heading: str) -> tuple[int | None, str | None]:
    """(number, title) of an AO3 chapter heading.

    "Chapter 2: The Storm" -> (2, "The Storm"); "Chapter 2" -> (2, None); a one-shot's heading is
    the work title: "My Aim Is Steady And True" -> (None, "My Aim Is Steady And True").
    """
    heading = fold(heading)
    match = _AO3_HEADING.match(heading)
    if match:
        return int(match["num"]), (match["title"] or None)
    parsed = parse_heading(heading)
    if parsed is not None:
        return parsed
    return None, heading or None


def assemble(parsed: Ao3Work, *, path: Path, fmt: str, sources: Sequence[str | None]) -> Work:
    """The Work for a parsed AO3 file; ``sources`` gives each chapter's ``Chapter.source``.

    A chapter's text is its heading (the work title for a one-shot without one), its summary and
    notes (AUTHOR_NOTE), its story blocks (roles as read), then its end notes (AUTHOR_NOTE).
    """
    builder = WorkBuilder()
    title = parsed.fields.collector.values.get("title")
    single = len(parsed.chapters) == 1
    for chapter, source in zip(parsed.chapters, sources, strict=True):
        heading = chapter.heading or (title if single else None)
        number, chapter_title = parse_chapter_heading(heading) if heading else (None, None)
        builder.start_chapter(
            heading=heading,
            title=chapter_title,
            number=number,
            source=source,
            summary=_join(chapter.summary),
        )
        builder.add_all(chapter.summary, BlockRole.AUTHOR_NOTE)
        builder.add_all(chapter.notes, BlockRole.AUTHOR_NOTE)
        for text, role in chapter.text:
            builder.add(text, role)
        builder.add_all(chapter.end_notes, BlockRole.AUTHOR_NOTE)
    return builder.build(path=path, fmt=fmt, metadata=parsed.fields.build())
