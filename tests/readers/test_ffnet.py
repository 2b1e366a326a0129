"""A FanFiction.net chapter page saved from the browser (tests/fixtures/ffnet/, the site's real
markup around an original story)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ficscope.errors import CorruptInputError
from ficscope.model import BlockRole, Work
from ficscope.readers import find_reader, read_work

PAGE = Path(__file__).resolve().parent.parent / "fixtures" / "ffnet" / "snow_wall_ch2.html"


@pytest.fixture
def work() -> Work:
    return read_work(PAGE)


def variant(tmp_path: Path, name: str, *edits: tuple[str, str]) -> Path:
    """The fixture page with some markup replaced (each edit must apply)."""
    html = PAGE.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in html, old
        html = html.replace(old, new)
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    return path


def test_page_is_recognised() -> None:
    assert find_reader(PAGE).name == "ffnet"


def test_story_header_becomes_metadata(work: Work) -> None:
    md = work.metadata
    assert md.title == "The Snow Wall"
    assert md.authors == ("Quill and Kunai",)
    assert md.summary is not None and md.summary.startswith("Trapped behind an earth wall")
    assert md.fandoms == ("Naruto",)
    assert md.language == "English"
    assert md.genres == ("Romance", "Hurt/Comfort")
    assert md.characters == ("Kakashi H.", "Sakura H.")
    assert md.relationships == ("Kakashi H./Sakura H.",)
    assert md.rating is not None and md.rating.endswith("T")
    assert (md.chapters, md.words) == ("3", 4210)
    assert md.status == "In-Progress"
    assert md.source_site == "ffnet"
    assert md.source_url == "https://www.fanfiction.net/s/8012345/2/The-Snow-Wall"
    assert md.extra["Author URL"] == "https://www.fanfiction.net/u/4433221/Quill-and-Kunai"


def test_dates_come_from_the_timestamps_not_the_relative_display(work: Work) -> None:
    assert (work.metadata.published, work.metadata.updated) == ("2012-02-01", "2012-05-01")


def test_the_page_is_one_chapter_named_by_the_chapter_menu(work: Work) -> None:
    assert len(work.chapters) == 1
    chapter = work.chapters[0]
    assert (chapter.number, chapter.title) == (2, "Thaw")
    assert chapter.heading is not None and work.span_text(chapter.heading) == "2. Thaw"
    assert chapter.source == "https://www.fanfiction.net/s/8012345/2/The-Snow-Wall"


def test_only_the_story_text_is_read(work: Work) -> None:
    for chrome in (
        "Follow/Fav",
        "Post Review",
        "Next",
        "Prev",
        "unleash your imagination",
        "document.write",
        "Rated:",
        "Quill and Kunai",
        "3. The Way Home",
    ):
        assert chrome not in work.text
    assert work.text.startswith("2. Thaw\n\nDisclaimer: I don't own Naruto.")
    roles = [b.role for b in work.blocks]
    assert roles[:4] == [
        BlockRole.HEADING,
        BlockRole.DISCLAIMER,
        BlockRole.AUTHOR_NOTE,
        BlockRole.SCENE_BREAK,
    ]
    assert roles.count(BlockRole.SCENE_BREAK) == 2  # <hr size=1 noshade>
    assert roles[-1] is BlockRole.END_MARKER  # "To be continued..."


def test_complete_crossover_one_shot(tmp_path: Path) -> None:
    path = variant(
        tmp_path,
        "oneshot.html",
        (
            "<a class=xcontrast_txt href='/anime/'>Anime/Manga</a><span class='xcontrast_txt "
            "icon-chevron-right xicon-section-arrow'></span><a class=xcontrast_txt "
            'href="/anime/Naruto/">Naruto</a>',
            "<a class=xcontrast_txt href='/Naruto_and_Harry_Potter_Crossovers/1402/224/'>"
            "Naruto + Harry Potter Crossover</a>",
        ),
        ("Chapters: 3   - ", ""),
        ("- id: 8012345", "- Status: Complete - id: 8012345"),
        ("Updated: <span data-xutime='1335830400'>5/1/2012</span> - ", ""),
    )
    html = path.read_text(encoding="utf-8")
    path.write_text(
        re.sub(r"<SELECT id=chap_select.*?</select>", "", html, flags=re.S), encoding="utf-8"
    )
    work = read_work(path)
    md = work.metadata
    assert md.fandoms == ("Naruto", "Harry Potter")
    assert md.status == "Complete"
    assert (md.published, md.updated, md.chapters) == ("2012-02-01", None, None)
    assert len(work.chapters) == 1
    assert work.chapters[0].heading is None and work.chapters[0].title is None
    assert work.text.startswith("Disclaimer:")


def test_fictionpress_page(tmp_path: Path) -> None:
    path = variant(
        tmp_path,
        "fp.html",
        (
            'href="//www.fanfiction.net/s/8012345/2/The-Snow-Wall"',
            'href="//www.fictionpress.com/s/3312345/2/The-Snow-Wall"',
        ),
    )
    work = read_work(path)
    assert work.metadata.source_site == "fictionpress"
    assert work.metadata.source_url == "https://www.fictionpress.com/s/3312345/2/The-Snow-Wall"


def test_page_without_story_text_is_corrupt(tmp_path: Path) -> None:
    path = variant(tmp_path, "nostory.html", ("id='storytext'", "id='gone'"))
    with pytest.raises(CorruptInputError, match="storytext"):
        read_work(path)


def test_page_in_windows_1252_without_a_declared_charset(tmp_path: Path) -> None:
    html = PAGE.read_text(encoding="utf-8").replace("<meta charset='utf-8'>", "")
    html = html.replace(
        "The wall held through the night.", "The wall held through the night — barely."
    )
    path = tmp_path / "cp1252.html"
    path.write_bytes(html.encode("cp1252"))
    assert "The wall held through the night — barely." in read_work(path).text
