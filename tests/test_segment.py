"""The segment pass: scenes between scene breaks, story words per scene, chapter and work."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from ficscope.model import Block, BlockRole, Chapter, Metadata, Span, Work
from ficscope.passes.segment import blocks_by_chapter, count_words, segment
from ficscope.pipeline import plan, registered
from ficscope.readers.base import WorkBuilder

P, H, B, N, D, M = (
    BlockRole.PARAGRAPH,
    BlockRole.HEADING,
    BlockRole.SCENE_BREAK,
    BlockRole.AUTHOR_NOTE,
    BlockRole.DISCLAIMER,
    BlockRole.METADATA,
)


def build(*chapters: list[tuple[str, BlockRole]], front: tuple[str, ...] = ()) -> Work:
    """A Work from blocks, through the builder every HTML/EPUB reader uses."""
    builder = WorkBuilder()
    builder.add_all(front, M)
    for blocks in chapters:
        heading = blocks[0][0] if blocks and blocks[0][1] is H else None
        builder.start_chapter(heading=heading)
        for text, role in blocks[1 if heading else 0 :]:
            builder.add(text, role)
    return builder.build(path=Path("test"), fmt="test", metadata=Metadata())


def test_count_words() -> None:
    assert count_words("") == 0
    assert count_words("  one\ttwo\nthree  ") == 3
    assert count_words("don't copy-nin — yes…") == 4


def test_only_story_paragraphs_count() -> None:
    work = segment(
        build(
            [("Chapter 1", H), ("I don't own it.", D), ("A/N: hi there", N), ("One two three.", P)],
            [("Chapter 2", H), ("Four five.", P), ("A/N: bye now friends", N)],
            front=("Title: Words Words Words", "Summary: many words here"),
        )
    )
    assert [c.word_count for c in work.chapters] == [3, 2]
    assert work.word_count == 5
    assert "segment" in work.layers


def test_scenes_split_at_breaks_and_skip_empty_ones() -> None:
    work = segment(
        build(
            [
                ("Chapter 1", H),
                ("* * *", B),
                ("a b", P),
                ("c", P),
                ("* * *", B),
                ("* * *", B),
                ("d e f", P),
                ("* * *", B),
            ],
            [("Chapter 2", H), ("A/N: only a note", N)],
            [("Chapter 3", H), ("g", P), ("A/N: mid", N), ("h", P)],
        )
    )
    assert [(s.chapter, s.word_count) for s in work.scenes] == [(0, 3), (0, 3), (2, 2)]
    first = work.scenes[0]
    assert work.text[first.start : first.end] == "a b\n\nc"
    third = work.scenes[2]
    assert work.text[third.start : third.end] == "g\n\nA/N: mid\n\nh"
    assert [c.word_count for c in work.chapters] == [6, 0, 2]


def test_zero_width_scene_break_blocks_split_scenes() -> None:
    text = "one\n\n\n\ntwo three"
    work = Work(
        text=text,
        chapters=(Chapter(0, len(text), 0),),
        blocks=(Block(0, 3, P), Block(7, 7, B), Block(7, len(text), P)),
        layers=("read",),
    )
    work = segment(work)
    assert [s.word_count for s in work.scenes] == [1, 2]


def test_paragraphs_outside_chapters_still_count_for_the_work() -> None:
    text = "one two\n\nthree"
    work = segment(Work(text=text, blocks=(Block(0, 7, P), Block(9, 14, P)), layers=("read",)))
    assert work.chapters == () and work.scenes == ()
    assert work.word_count == 3


def test_blocks_by_chapter_assigns_each_block_once() -> None:
    text = "x" * 40
    chapters = (
        Chapter(5, 10, 0, heading=Span(5, 7)),
        Chapter(10, 10, 1),  # empty chapter
        Chapter(12, 30, 2),
    )
    blocks = (
        Block(0, 3, M),
        Block(5, 7, H),
        Block(8, 10, P),
        Block(12, 20, P),
        Block(30, 30, B),
        Block(32, 35, P),
    )
    groups = blocks_by_chapter(Work(text=text, chapters=chapters, blocks=blocks))
    assert groups == [[blocks[1], blocks[2]], [], [blocks[3]]]


def test_segment_is_registered_and_planned_after_reading() -> None:
    passes = registered()
    assert passes["segment"].requires == ("read",)
    assert "scenes" in passes["segment"].assigns
    assert [p.name for p in plan(["segment"])] == ["segment"]


ROLES = st.sampled_from([P, P, P, H, B, N, D])
WORDS = st.lists(st.sampled_from(["a", "bb", "c-d", "e'f", "—"]), min_size=1, max_size=6).map(
    " ".join
)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.lists(st.tuples(WORDS, ROLES), max_size=8), min_size=1, max_size=5).filter(
        lambda chapters: any(chapters)
    )
)
def test_counts_add_up(chapters: list[list[tuple[str, BlockRole]]]) -> None:
    work = segment(build(*chapters))
    paragraphs = [work.span_text(b) for b in work.paragraphs]
    assert work.word_count == sum(count_words(p) for p in paragraphs)
    assert sum(c.word_count for c in work.chapters) == work.word_count
    assert sum(s.word_count for s in work.scenes) == work.word_count
    for scene in work.scenes:
        chapter = work.chapters[scene.chapter]
        assert chapter.start <= scene.start < scene.end <= chapter.end
    assert all(a.end <= b.start for a, b in zip(work.scenes, work.scenes[1:], strict=False))
