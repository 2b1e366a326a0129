"""Scenes and word counts: story words only (headings, notes, disclaimers, metadata not counted)."""

from __future__ import annotations

from dataclasses import replace

from ficscope.model import Block, BlockRole, Scene, Work
from ficscope.pipeline import register


def count_words(text: str) -> int:
    """Words as white-space separated tokens ("don't" and "copy-nin" are one word each)."""
    return len(text.split())


def blocks_by_chapter(work: Work) -> list[list[Block]]:
    """The blocks inside each chapter, in order (front-matter blocks belong to none)."""
    groups: list[list[Block]] = [[] for _ in work.chapters]
    ci = 0
    chapters = work.chapters
    for block in work.blocks:
        while ci < len(chapters) and block.start >= chapters[ci].end:
            ci += 1
        if ci == len(chapters):
            break
        if chapters[ci].start <= block.start:
            groups[ci].append(block)
    return groups


@register("segment", requires=("read",), assigns=("scenes", "word_counts"))
def segment(work: Work) -> Work:
    """Split chapters into scenes at scene breaks; count story words per scene, chapter, work."""
    text = work.text
    scenes = []
    chapters = []
    in_chapters = 0
    for chapter, blocks in zip(work.chapters, blocks_by_chapter(work), strict=True):
        chapter_words = 0
        first: Block | None = None
        last: Block | None = None
        words = 0
        for block in blocks:
            if block.role is BlockRole.PARAGRAPH:
                n = count_words(text[block.start : block.end])
                chapter_words += n
                words += n
                first = first or block
                last = block
            elif block.role is BlockRole.SCENE_BREAK and first is not None and last is not None:
                scenes.append(Scene(first.start, last.end, chapter.index, words))
                first, last, words = None, None, 0
        if first is not None and last is not None:
            scenes.append(Scene(first.start, last.end, chapter.index, words))
        in_chapters += sum(1 for b in blocks if b.role is BlockRole.PARAGRAPH)
        chapters.append(replace(chapter, word_count=chapter_words))
    total = sum(c.word_count for c in chapters)
    if in_chapters != sum(1 for b in work.blocks if b.role is BlockRole.PARAGRAPH):
        # Story paragraphs outside every chapter (a reader that found none): the work's count
        # is every story paragraph's.
        total = sum(
            count_words(text[b.start : b.end]) for b in work.blocks if b.role is BlockRole.PARAGRAPH
        )
    return work.with_layers(
        "segment", scenes=tuple(scenes), chapters=tuple(chapters), word_count=total
    )
