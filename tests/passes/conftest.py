"""Hand-made Works for the relationships and tags tests: paragraphs, a cast, name and pronoun
mentions, quotations with speakers — what the characters, coref and speakers passes would give.
Tests take the ``make_work`` fixture (the :func:`build` function)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import pytest

from ficscope.model import Block, BlockRole, Character, Mention, Metadata, Quote, Work

_PRONOUNS = {"he": "he/him", "him": "he/him", "his": "he/him", "she": "she/her", "her": "she/her"}


def build(
    paragraphs: Sequence[str],
    cast: Sequence[tuple[str, str, str | None]],
    *,
    metadata: Metadata | None = None,
    header: Sequence[tuple[str, BlockRole]] = (),
) -> Work:
    """A Work from story paragraphs and a cast of ``(id, name, pronouns)``.

    Names (and each word of a full name) are mentions; he/him/his and she/her are mentions of the
    one character of that gender; a quotation's speaker is the first character named or referred
    to in its paragraph outside quotation marks, its addressee the other character in the
    paragraph (or of the previous one).
    """
    parts = [*[h for h, _ in header], *paragraphs]
    roles = [*[r for _, r in header], *[BlockRole.PARAGRAPH] * len(paragraphs)]
    text = "\n\n".join(parts)
    blocks, pos = [], 0
    for part, role in zip(parts, roles, strict=True):
        blocks.append(Block(pos, pos + len(part), role))
        pos += len(part) + 2
    by_gender = {}
    for cid, _, pronouns in cast:
        if pronouns:
            by_gender.setdefault(pronouns, []).append(cid)
    forms: dict[str, str] = {}
    for cid, name, _ in cast:
        forms[name] = cid
        for word in name.split():
            forms.setdefault(word, cid)
    alternatives = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) or r"(?!x)x"
    regex = re.compile(r"\b(?:" + alternatives + r")\b")
    mentions: list[Mention] = []
    counts: dict[str, int] = {cid: 0 for cid, _, _ in cast}
    for block in blocks:
        if block.role is not BlockRole.PARAGRAPH:
            continue
        for match in regex.finditer(text, block.start, block.end):
            mentions.append(Mention(match.start(), match.end(), forms[match.group()], "name"))
        for match in re.finditer(
            r"\b(?:he|him|his|she|her)\b", text[block.start : block.end], re.I
        ):
            owners = by_gender.get(_PRONOUNS[match.group().lower()], [])
            if len(owners) == 1:
                start = block.start + match.start()
                mentions.append(Mention(start, start + len(match.group()), owners[0], "pronoun"))
    mentions.sort(key=lambda m: m.start)
    for m in mentions:
        if m.character:
            counts[m.character] += 1
    quotes: list[Quote] = []
    previous: list[str] = []
    for block in blocks:
        if block.role is not BlockRole.PARAGRAPH:
            continue
        spans = [
            (m.start(), m.end()) for m in re.finditer(r'"[^"]*"', text[block.start : block.end])
        ]
        spans = [(block.start + a, block.start + b) for a, b in spans]
        outside = [
            m
            for m in mentions
            if block.start <= m.start < block.end and not any(a <= m.start < b for a, b in spans)
        ]
        present = list(dict.fromkeys(m.character for m in outside if m.character))
        speaker = present[0] if present else None
        others = [c for c in present[1:] + previous if c != speaker]
        addressee = others[0] if others else None
        for a, b in spans:
            quotes.append(
                Quote(a, b, '"', '"', speaker=speaker, addressee=addressee, confidence=0.9)
            )
        if present:
            previous = present
    lines: dict[str, int] = {cid: 0 for cid, _, _ in cast}
    for q in quotes:
        if q.speaker:
            lines[q.speaker] += 1
    characters = tuple(
        Character(
            cid,
            name,
            tuple(dict.fromkeys([name, *name.split()])),
            pronouns,
            counts[cid],
            lines[cid],
        )
        for cid, name, pronouns in cast
    )
    return Work(
        text=text,
        metadata=metadata or Metadata(),
        blocks=tuple(blocks),
        characters=characters,
        mentions=tuple(mentions),
        quotes=tuple(quotes),
        word_count=sum(len(p.split()) for p in paragraphs),
        layers=("read", "segment", "quotes", "characters", "coref", "speakers"),
    )


@pytest.fixture
def make_work() -> Callable[..., Work]:
    return build
