"""Generic EPUB 2 and 3 books, zipped from the members in tests/fixtures/epub/."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from ficscope.errors import CorruptInputError
from ficscope.model import BlockRole, Work
from ficscope.readers import find_reader, read_work
from ficscope.readers.epub import EpubReader

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "epub"


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


def minimal_epub(dest: Path, documents: dict[str, str], *, toc: str | None = None) -> Path:
    """An EPUB 2 of the given XHTML documents, in that order, with an optional toc.ncx."""
    items = "".join(
        f'<item id="d{i}" href="{name}" media-type="application/xhtml+xml"/>'
        for i, name in enumerate(documents)
    )
    refs = "".join(f'<itemref idref="d{i}"/>' for i in range(len(documents)))
    ncx_item = (
        '<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>' if toc else ""
    )
    opf = (
        '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="2.0">'
        '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">'
        "<dc:title>Small Book</dc:title></metadata>"
        f'<manifest>{ncx_item}{items}</manifest><spine toc="ncx">{refs}</spine></package>'
    )
    with zipfile.ZipFile(dest, "w") as zf:
        zf.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        zf.writestr(
            "META-INF/container.xml",
            '<?xml version="1.0"?><container version="1.0" '
            'xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>'
            '<rootfile full-path="content.opf" media-type="application/oebps-package+xml"/>'
            "</rootfiles></container>",
        )
        zf.writestr("content.opf", opf)
        if toc:
            zf.writestr("toc.ncx", toc)
        for name, body in documents.items():
            zf.writestr(
                name,
                f'<html xmlns="http://www.w3.org/1999/xhtml"><head><title>x</title></head><body>{body}</body></html>',
            )
    return dest


@pytest.fixture
def epub3(tmp_path: Path) -> Work:
    return read_work(zip_epub(FIXTURES / "lanterns_epub3", tmp_path / "lanterns3.epub"))


@pytest.fixture
def epub2(tmp_path: Path) -> Work:
    return read_work(zip_epub(FIXTURES / "lanterns_epub2", tmp_path / "lanterns2.epub"))


def test_recognised_as_epub(tmp_path: Path) -> None:
    path = zip_epub(
        FIXTURES / "lanterns_epub3", tmp_path / "book.zip"
    )  # by its mimetype, not its name
    assert find_reader(path).name == "epub"


def test_epub3_dublin_core_metadata(epub3: Work) -> None:
    md = epub3.metadata
    assert md.title == "The Lantern Keeper's Apprentice"
    assert md.authors == ("Wren Hollis",)
    assert md.additional_tags == ("Found Family", "Lighthouses", "Apprenticeship")
    assert md.summary == (
        "On the last night of the festival, Mira finally asks old Tobin why the harbour lanterns "
        "never go out.\n\nA short story in two chapters."
    )
    assert (md.language, md.published) == ("en-GB", "2021-11-05")
    assert md.source_url == "https://example.org/works/lantern-keeper"


def test_epub3_title_page_lines_are_metadata_not_text(epub3: Work) -> None:
    assert (epub3.metadata.rating, epub3.metadata.fandoms) == (
        "General Audiences",
        ("Original Work",),
    )
    for skipped in ("Rating:", "by Wren Hollis", "Contents", "Title Page"):
        assert skipped not in epub3.text


def test_epub3_chapters_from_the_navigation_document(epub3: Work) -> None:
    assert [(c.number, c.title) for c in epub3.chapters] == [
        (1, "Oil and Salt"),
        (2, "The Sea Wall"),
    ]
    assert [c.source for c in epub3.chapters] == [
        "lanterns3.epub:EPUB/text/chapter-1.xhtml",
        "lanterns3.epub:EPUB/text/chapter-2.xhtml#ch2",
    ]
    first, second = epub3.chapters
    assert first.heading is not None and epub3.span_text(first.heading) == "Chapter 1: Oil and Salt"
    # chapter-2-split.xhtml is not in the TOC: it continues chapter 2.
    assert epub3.text[second.start : second.end].endswith("only just let go of it.\n\nThe End.")


def test_epub3_blocks(epub3: Work) -> None:
    roles = [b.role for b in epub3.blocks]
    assert roles.count(BlockRole.HEADING) == 2
    assert roles.count(BlockRole.DISCLAIMER) == 1
    assert roles.count(BlockRole.SCENE_BREAK) == 1  # <hr class="scene-break"/>
    assert roles[-1] is BlockRole.END_MARKER
    assert epub3.text.startswith("Chapter 1: Oil and Salt\n\nDisclaimer:")


def test_epub2_ncx_chapters_inside_one_document(epub2: Work) -> None:
    assert [(c.number, c.title) for c in epub2.chapters] == [
        (None, "Oil and Salt"),
        (None, "The Sea Wall"),
    ]
    assert [c.source for c in epub2.chapters] == [
        "lanterns2.epub:OEBPS/Text/story.xhtml#c1",
        "lanterns2.epub:OEBPS/Text/story.xhtml#c2",
    ]
    assert epub2.chapters[0].end < epub2.chapters[1].start
    assert epub2.text.startswith("Oil and Salt\n\n")  # cover and contents pages skipped


def test_epub2_metadata(epub2: Work) -> None:
    md = epub2.metadata
    assert md.series == ("Greyhaven Tales",)
    assert md.extra == {"Publisher": "Greyhaven Press", "Series index": "1"}
    assert md.summary is not None and md.summary.endswith("never go out.")


def test_both_versions_hold_the_same_story(epub2: Work, epub3: Work) -> None:
    def story(work: Work) -> list[str]:
        return [work.span_text(b) for b in work.paragraphs]

    assert story(epub2) == story(epub3)


def test_without_a_toc_chapter_headings_split_the_text(tmp_path: Path) -> None:
    path = minimal_epub(
        tmp_path / "notoc.epub",
        {
            "cover.xhtml": "<p><img src='c.png' alt=''/></p>",
            "all.xhtml": "<h2>Chapter One</h2><p>First.</p><h2>Chapter Two</h2><p>Second.</p>",
        },
    )
    work = read_work(path)
    assert [(c.number, work.text[c.start : c.end]) for c in work.chapters] == [
        (1, "Chapter One\n\nFirst."),
        (2, "Chapter Two\n\nSecond."),
    ]


def test_a_front_page_with_story_text_is_kept(tmp_path: Path) -> None:
    prose = " ".join(["The tide came in and went out again."] * 50)
    path = minimal_epub(tmp_path / "front.epub", {"title.xhtml": f"<p>{prose}</p>"})
    assert prose in read_work(path).text


def test_not_a_zip_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "broken.epub"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    assert find_reader(path).name == "epub"
    with pytest.raises(CorruptInputError):
        read_work(path)


def test_entity_bomb_in_the_toc_is_refused(tmp_path: Path) -> None:
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE ncx [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;">]>'
        '<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/"><navMap><navPoint><navLabel><text>&b;</text>'
        '</navLabel><content src="a.xhtml"/></navPoint></navMap></ncx>'
    )
    path = minimal_epub(tmp_path / "bomb.epub", {"a.xhtml": "<p>Text.</p>"}, toc=bomb)
    with pytest.raises(CorruptInputError, match="entities"):
        read_work(path)


def test_malformed_package_document_is_corrupt(tmp_path: Path) -> None:
    path = zip_epub(
        FIXTURES / "lanterns_epub2",
        tmp_path / "bad.epub",
        replace={"OEBPS/content.opf": "<package><metadata>"},
    )
    with pytest.raises(CorruptInputError, match="well-formed"):
        read_work(path)


def test_an_ao3_epub_read_as_a_plain_epub() -> None:
    """``--format epub`` on AO3's Calibre-made EPUB: no crash, the book's title and its text."""
    sample = Path(__file__).resolve().parents[3] / "shared" / "samples" / "ao3" / "23009290.epub"
    if not sample.exists():
        pytest.skip(f"{sample} not available")
    work = EpubReader().read(sample)
    assert work.metadata.title == "My Aim Is Steady And True"
    assert work.chapters and len(work.paragraphs) > 50
