"""Plain-text works: the seeds' layout, LiveJournal-style headers, FanFiction.net's stats line,
hard-wrapped (Project Gutenberg style) text.

The Work's text is the decoded file, unchanged: every offset indexes the file's characters.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer

from ficscope.errors import EmptyInputError, UnsupportedFormatError
from ficscope.model import Block, BlockRole, Chapter, Source, Span, Work
from ficscope.readers.base import read_bytes
from ficscope.readers.conventions import classify, parse_genres, parse_heading
from ficscope.readers.fields import FieldCollector, field_for_label, parse_ffnet_stats

_NEWLINES = re.compile(r"[ \t]*\r?\n(?:[ \t]*\r?\n)*[ \t]*")
_LABELLED = re.compile(r"^\s*(?P<label>[A-Za-z][A-Za-z' ’()]{0,30}?)\s*:\s*(?P<value>.*)$")
_BYLINE = re.compile(r"^\s*by\s+(?P<author>\S.{0,80})$", re.I)
_FRONT_LIMIT = 20


def decode(data: bytes, path: Path) -> tuple[str, str]:
    """(text, encoding) of a plain-text file; refuses binary data."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise UnsupportedFormatError(path, f"broken UTF-16 text: {exc.reason}") from exc
    try:
        text = data.decode("utf-8")
        encoding = "utf-8"
    except UnicodeDecodeError:
        text, encoding = _detect(data, path)
    if _looks_binary(text):
        raise UnsupportedFormatError(path, "binary data, not text (no reader for this format)")
    return text, encoding


def _detect(data: bytes, path: Path) -> tuple[str, str]:
    best = charset_normalizer.from_bytes(data[: 4 * 1024 * 1024]).best()
    if best is None or best.encoding is None:
        raise UnsupportedFormatError(path, "binary data, not text (no reader for this format)")
    try:
        return data.decode(best.encoding), best.encoding
    except (UnicodeDecodeError, LookupError) as exc:
        raise UnsupportedFormatError(path, f"cannot decode as {best.encoding}") from exc


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    if not sample:
        return False
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    return "\x00" in sample or controls / len(sample) > 0.01


@dataclass(frozen=True, slots=True)
class _Piece:
    start: int
    end: int
    gap_before: int  # newlines between this piece and the previous one


def split_pieces(text: str) -> list[_Piece]:
    """Non-blank pieces of text with the number of newlines before each.

    Paragraphs are separated by blank lines, except in texts that separate paragraphs by single
    newlines with long lines (one paragraph a line). Hard-wrapped text keeps its lines together.
    """
    gaps = [(m.start(), m.end(), m.group().count("\n")) for m in _NEWLINES.finditer(text)]
    singles = sum(1 for g in gaps if g[2] == 1)
    line_mode = False
    if gaps and singles / len(gaps) > 0.5:
        lengths = sorted(b[0] - a[1] for a, b in zip(gaps, gaps[1:], strict=False))
        median = lengths[len(lengths) // 2] if lengths else 0
        line_mode = median > 100  # long lines separated by single newlines: a paragraph each
    pieces: list[_Piece] = []
    pos, pending = 0, 0
    for start, end, count in gaps:
        if count >= 2 or line_mode:
            _append(pieces, text, pos, start, pending)
            pos, pending = end, count
    _append(pieces, text, pos, len(text), pending)
    return pieces


def _append(pieces: list[_Piece], text: str, start: int, end: int, gap: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    lead = len(chunk) - len(chunk.lstrip())
    s = start + lead
    pieces.append(_Piece(s, s + len(stripped), gap))


class PlainTextReader:
    name = "plaintext"

    def can_read(self, path: Path, head: bytes) -> bool:
        return True  # the fallback: decode() refuses binary data with a clear error

    def read(self, path: Path) -> Work:
        text, encoding = decode(read_bytes(path), path)
        if not text.strip():
            raise EmptyInputError(path, "the file holds only white space")
        return parse_text(text, path=str(path), encoding=encoding)


def parse_text(text: str, *, path: str | None = None, encoding: str | None = None) -> Work:
    """Structure a plain text: front matter, blocks with roles, chapters."""
    pieces = split_pieces(text)
    gap_counts = Counter(p.gap_before for p in pieces[1:])
    typical = gap_counts.most_common(1)[0][0] if gap_counts else 2
    scene_gap = max(typical + 1, 3)

    roles = [classify(text[p.start : p.end]) for p in pieces]
    collector = FieldCollector()
    front = _front_matter(text, pieces, roles, collector)

    blocks: list[Block] = []
    for i, (piece, role) in enumerate(zip(pieces, roles, strict=True)):
        if i < front and role is BlockRole.PARAGRAPH:
            role = BlockRole.METADATA
        if i > front and piece.gap_before >= scene_gap and role is not BlockRole.HEADING:
            if blocks and blocks[-1].role is not BlockRole.HEADING:
                blocks.append(Block(piece.start, piece.start, BlockRole.SCENE_BREAK))
        blocks.append(Block(piece.start, piece.end, role))

    chapters = _chapters(text, blocks)
    metadata = collector.build(source_site=None)
    return Work(
        text=text,
        metadata=metadata,
        source=Source(path=path, format="plaintext", encoding=encoding),
        chapters=tuple(chapters),
        blocks=tuple(blocks),
        layers=("read",),
    )


def _front_matter(
    text: str, pieces: list[_Piece], roles: list[BlockRole], collector: FieldCollector
) -> int:
    """Parse the header blocks into ``collector``; returns how many leading blocks they are."""
    window = range(min(len(pieces), _FRONT_LIMIT))
    first_heading = next((i for i in window if roles[i] is BlockRole.HEADING), None)
    if first_heading is not None and all(
        pieces[i].end - pieces[i].start < 1500 for i in range(first_heading)
    ):
        for i in range(first_heading):
            if roles[i] is BlockRole.PARAGRAPH:
                _parse_front_block(text[pieces[i].start : pieces[i].end], collector, free=True)
        return first_heading
    count = 0
    for i in window:
        if roles[i] in (BlockRole.DISCLAIMER, BlockRole.AUTHOR_NOTE) and count == i:
            count += 1
            continue
        if roles[i] is not BlockRole.PARAGRAPH:
            break
        if not _parse_front_block(text[pieces[i].start : pieces[i].end], collector, free=False):
            break
        count = i + 1
    return count


def _parse_front_block(block: str, collector: FieldCollector, *, free: bool) -> bool:
    """Parse header lines. With ``free`` unlabelled lines become title or summary; without it a
    block counts as header only when every line is a recognised header line."""
    lines = [ln.strip() for ln in block.splitlines() if ln.strip()]
    last_field: str | None = None
    for line in lines:
        labelled = _LABELLED.match(line)
        name = field_for_label(labelled["label"]) if labelled else None
        if labelled and name is not None:
            last_field = collector.add(labelled["label"], labelled["value"])
            continue
        if parse_ffnet_stats(line, collector):
            continue
        genres = parse_genres(line)
        if genres:
            collector.set("genres", ", ".join(genres), genres)
            continue
        byline = _BYLINE.match(line)
        if byline and len(line) < 80:
            collector.set("authors", byline["author"].strip())
            continue
        if last_field in ("summary", "notes") and not free:
            collector.values[last_field] = f"{collector.values.get(last_field, '')} {line}".strip()
            continue
        if not free:
            return False
        if not collector.has("title") and not collector.has("summary") and _title_like(line):
            collector.set("title", line)
        else:
            old = collector.values.get("summary")
            collector.set("summary", line) if old is None else collector.values.update(
                summary=f"{old} {line}"
            )
    return True


def _title_like(line: str) -> bool:
    return len(line.split()) <= 12 and line[-1:] not in ".!?…\"'”"


def _chapters(text: str, blocks: list[Block]) -> list[Chapter]:
    story = [b for b in blocks if b.role is not BlockRole.METADATA]
    if not story:
        return []
    starts: list[tuple[int, Block | None]] = []
    first_heading = next((i for i, b in enumerate(story) if b.role is BlockRole.HEADING), None)
    has_text_before = first_heading is None or any(
        b.role is BlockRole.PARAGRAPH for b in story[:first_heading]
    )
    if has_text_before:
        starts.append((0, None))
    starts += [(i, b) for i, b in enumerate(story) if b.role is BlockRole.HEADING]
    chapters = []
    for n, (i, heading) in enumerate(starts):
        last = (starts[n + 1][0] if n + 1 < len(starts) else len(story)) - 1
        number, title = (None, None)
        if heading is not None:
            parsed = parse_heading(text[heading.start : heading.end])
            number, title = parsed if parsed else (None, None)
        chapters.append(
            Chapter(
                start=story[i].start,
                end=max(story[i].start, story[last].end),
                index=n,
                title=title,
                number=number,
                heading=Span(heading.start, heading.end) if heading else None,
                source=None,
            )
        )
    return chapters

