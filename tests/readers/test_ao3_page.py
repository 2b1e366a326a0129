"""A work page saved from the AO3 website: the same works as the HTML download fixtures, read from
the site's own markup, plus an old page layout and broken pages."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

from ficscope.errors import CorruptInputError
from ficscope.model import BlockRole, Metadata
from ficscope.readers import find_reader, read_work
from ficscope.readers.ao3_html import Ao3HtmlReader
from ficscope.readers.ao3_page import Ao3PageReader

AO3 = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "ao3"
PAGE_JUNK = (
    "Chapter Text",
    "Work Text",
    "Work Header",
    "See the end of the",
    "left kudos",
    "Comments",
    "Great chapter",
    "Bookmark",
    "Organization for Transformative Works",
    "Series this work belongs to",
)


def declared_alike(page: Metadata, download: Metadata, *, skip: tuple[str, ...] = ()) -> list[str]:
    """The Metadata fields on which a page and a download of the same work disagree."""
    ignored = {"declared", "extra", *skip}
    return [
        f.name
        for f in fields(Metadata)
        if f.name not in ignored and getattr(page, f.name) != getattr(download, f.name)
    ]


def test_multi_chapter_page_matches_the_download() -> None:
    path = AO3 / "work_page.html"
    assert find_reader(path).name == "ao3_page"
    page = read_work(path)
    download = Ao3HtmlReader().read(AO3 / "wip_three_chapters.html")
    assert page.source.format == "ao3_page"
    assert page.text == download.text
    assert [b.role for b in page.blocks] == [b.role for b in download.blocks]
    assert declared_alike(page.metadata, download.metadata) == []
    for junk in PAGE_JUNK:
        assert junk not in page.text, junk
    md = page.metadata
    assert md.source_url == "https://archiveofourown.org/works/55501234"  # from the page's links
    assert (md.chapters, md.status, md.updated) == ("3/?", "In-Progress", "2022-03-01")
    assert md.extra == {"Comments": "12", "Kudos": "87", "Bookmarks": "9", "Hits": "1,402"}
    assert [(c.number, c.title, c.source) for c in page.chapters] == [
        (1, "Arrival", "work_page.html#chapter-1"),
        (2, None, "work_page.html#chapter-2"),
        (3, "Storm Warning", "work_page.html#chapter-3"),
    ]
    assert page.chapters[2].summary == "The barometer falls. So does something else."


def test_one_shot_page_matches_the_download() -> None:
    page = Ao3PageReader().read(AO3 / "work_page_oneshot.html")
    download = Ao3HtmlReader().read(AO3 / "plural_labels.html")
    assert page.text == download.text
    # The site shows a one-shot's completion date only in downloads.
    assert declared_alike(page.metadata, download.metadata) == ["completed"]
    md = page.metadata
    assert md.source_url == "https://archiveofourown.org/works/40012345"  # "saved from url"
    assert md.series == ("Moonlit Roads", "Crossroads, and Other Places")
    assert md.extra["Series"] == download.metadata.extra["Series"]
    assert md.extra["Related works"] == "Inspired by The Causeway by harbourlight."
    assert (md.extra["Kudos"], md.extra["Hits"]) == ("301", "4,020")
    assert (
        md.notes is None and md.end_notes == "Written for the Winter Exchange. Thank you, mod team!"
    )
    (chapter,) = page.chapters
    assert (
        chapter.title == "Crossing at Low Tide"
        and chapter.source == "work_page_oneshot.html#chapter-1"
    )
    for junk in PAGE_JUNK:
        assert junk not in page.text, junk


OLD_PAGE = """<!DOCTYPE html><html><head>
<title>Old Work - someone [Archive of Our Own]</title></head>
<body><div id="main">
<p class="message">Posted originally on the
<a href="http://archiveofourown.org">Archive of Our Own</a> at
<a href="http://archiveofourown.org/works/1234">http://archiveofourown.org/works/1234</a>.</p>
<dl class="work meta" role="complementary">
  <dt class="rating">Rating:</dt>
  <dd class="rating"><ul><li><a href="/tags/Mature">Mature</a></li></ul></dd>
  <dt class="warning"><a href="/tos_faq#tags">Warnings</a>:</dt>
  <dd class="warning"><ul><li><a href="/tags/a">Major Character Death</a></li>
  <li><a href="/tags/b">Graphic Depictions Of Violence</a></li></ul></dd>
  <dt class="fandom">Fandom:</dt>
  <dd class="fandom"><ul><li><a href="/tags/f">Old Fandom</a></li></ul></dd>
  <dt class="stats">Stats:</dt>
  <dd class="stats"><dl><dt>Published:</dt><dd>2009-11-14</dd>
  <dt>Completed:</dt><dd>2009-12-01</dd>
  <dt>Words:</dt><dd>20</dd><dt>Chapters:</dt><dd>2/2</dd></dl></dd>
</dl>
<div class="preface">
  <h2 class="title">Old Work</h2>
  <h3 class="byline"><a href="/users/someone/pseuds/someone">someone</a></h3>
  <blockquote class="summary"><h3>Summary:</h3><p>An old summary.</p></blockquote>
  <blockquote class="notes"><h3>Notes:</h3><p>An old note.</p>
  <span class="endnotes-link">See the end of the work for more
  <a href="#work_endnotes">notes</a>.</span></blockquote>
</div>
<div id="chapters" class="user-generated-view" role="article">
<h3 class="landmark">Work Text:</h3>
<div class="chapter" id="chapter-1">
  <div class="chapter preface group">
    <h3 class="title"><a href="/works/1234/chapters/1">Chapter 1</a>: Start</h3>
  </div>
  <div class="userstuff module" role="article">
    <h3 class="landmark heading" id="work">Chapter Text</h3>
    <p>It began on a Tuesday.</p><p>It went on for a while.</p>
  </div>
</div>
<div class="chapter" id="chapter-2">
  <div class="chapter preface group">
    <h3 class="title"><a href="/works/1234/chapters/2">Chapter 2</a></h3>
  </div>
  <div class="userstuff module" role="article"><p>It ended on a Wednesday.</p></div>
</div>
</div>
<div class="preface" role="complementary"><div id="work_endnotes" class="footnotes"><h3>Notes:</h3>
<blockquote class="user-generated-view"><p>The last word.</p></blockquote></div></div>
</div></body></html>"""


def test_old_page_layout(tmp_path: Path) -> None:
    path = tmp_path / "old.html"
    path.write_text(OLD_PAGE, encoding="utf-8")
    assert find_reader(path).name == "ao3_page"
    work = read_work(path)
    md = work.metadata
    assert md.title == "Old Work" and md.authors == ("someone",)
    assert md.warnings == ("Major Character Death", "Graphic Depictions Of Violence")
    assert md.fandoms == ("Old Fandom",)
    assert (md.published, md.completed, md.words, md.chapters, md.status) == (
        "2009-11-14",
        "2009-12-01",
        20,
        "2/2",
        "Complete",
    )
    assert md.summary == "An old summary."
    assert md.notes == "An old note."
    assert md.end_notes == "The last word."
    assert md.source_url == "http://archiveofourown.org/works/1234"
    assert [(c.number, c.title) for c in work.chapters] == [(1, "Start"), (2, None)]
    assert [work.span_text(b) for b in work.blocks] == [
        "Chapter 1: Start",
        "It began on a Tuesday.",
        "It went on for a while.",
        "Chapter 2",
        "It ended on a Wednesday.",
    ]
    assert work.blocks[3].role is BlockRole.HEADING


def test_can_read_is_specific(tmp_path: Path) -> None:
    reader = Ao3PageReader()
    page = AO3 / "work_page.html"
    assert reader.can_read(page, page.read_bytes()[:65536])
    download = AO3 / "wip_three_chapters.html"
    assert not reader.can_read(download, download.read_bytes()[:65536])
    other = tmp_path / "other.html"
    other.write_text(
        "<html><head><title>My blog</title></head><body><div id='workskin'>x</div></body></html>"
    )
    assert not reader.can_read(other, other.read_bytes())


def test_page_without_work_text_is_corrupt(tmp_path: Path) -> None:
    data = (AO3 / "work_page.html").read_text(encoding="utf-8")
    cut = tmp_path / "cut.html"
    cut.write_text(data[: data.index('<div id="chapters"')], encoding="utf-8")
    with pytest.raises(CorruptInputError) as info:
        read_work(cut)
    assert info.value.path == str(cut)
