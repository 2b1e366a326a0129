"""Scenes and word counts: story words only (headings, notes, disclaimers, metadata not counted)."""

from __future__ import annotations

import re
from dataclasses import replace

from ficscope.model import Block, BlockRole, Chapter, Scene, Work
from ficscope.pipeline import register


_PUNCTUATION_ONLY = re.compile(r"(?<!\S)[^\w\s]+(?!\S)")


def count_words(text: str) -> int:
    """White-space separated words, not counting lone punctuation (" - ", "...", "* * *"): the
    way archives count (AO3's own count for its sample work agrees exactly)."""
    return len(text.split()) - len(_PUNCTUATION_ONLY.findall(text))


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
    scenes: list[Scene] = []
    chapters: list[Chapter] = []
    for chapter, blocks in zip(work.chapters, blocks_by_chapter(work), strict=True):
        chapter_words = 0
        current: list[Block] = []
        words = 0
        for block in [*blocks, None]:
            if block is None or block.role is BlockRole.SCENE_BREAK:
                if current:
                    scenes.append(Scene(current[0].start, current[-1].end, chapter.index, words))
                current, words = [], 0
            elif block.role is BlockRole.PARAGRAPH:
                n = count_words(text[block.start : block.end])
                chapter_words += n
                words += n
                current.append(block)
        chapters.append(replace(chapter, word_count=chapter_words))
    total = sum(c.word_count for c in chapters)
    return work.with_layers("segment", scenes=tuple(scenes), chapters=tuple(chapters), word_count=total)
