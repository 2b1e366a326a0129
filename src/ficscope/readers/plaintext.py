"""Plain-text works: the seeds' layout, LiveJournal-style headers, FanFiction.net's stats line,
FanFicFare's TXT output, hard-wrapped (Project Gutenberg style) text. The header above the story
is read by :mod:`ficscope.readers.front_matter`.

The Work's text is the decoded file, unchanged: no newline translation, no normalisation, so every
offset indexes the file's characters. The one exception is a byte-order mark, which is an encoding
signature rather than text: it is dropped, and offsets count from the character after it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ficscope.errors import EmptyInputError, UnsupportedFormatError
from ficscope.model import Block, BlockRole, Chapter, Source, Span, Work
from ficscope.readers.base import read_bytes
from ficscope.readers.conventions import (
    classify,
    heading_level,
    is_disclaimer,
    is_landmark,
    is_title_like,
    parse_heading,
    parse_number,
)
from ficscope.readers.fields import FieldCollector
from ficscope.readers.front_matter import (
    front_matter,
    opens_dialogue,
    parse_front_block,
    trailing_tags,
)

# Line breaks (one or more), and breaks holding a blank line, for each newline convention: a
# pattern that starts with a literal newline is scanned for quickly by the regex engine. The white
# space around a break is trimmed off the pieces.
_BREAKS = {
    eol: (re.compile(rf"{eol}(?:[ \t]*{eol})*"), re.compile(rf"{eol}(?:[ \t]*{eol})+"))
    for eol in ("\n", "\r?\n", "\r")
}
_CONTENTS = re.compile(r"^\W*(?:table\s+of\s+contents|contents)\W*$", re.I)
_SENTENCE_END = re.compile(r"[.!?…:\"”’'»)\]_*-]\s*$")
_NOTES_LABEL = re.compile(
    r"^\W{0,3}(?:(?:end\s+)?notes?|author['’]?s?['’]?\s+notes?|a\s?/\s?n)\s*:?\W{0,3}$", re.I
)
_SUMMARY_LABEL = re.compile(r"^\W{0,3}(?:chapter\s+)?summary\s*:?\W{0,3}$", re.I)
_NOTES_UNDER_LABEL = 4  # more blocks than this after a "Notes:" label are story again
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0e-\x1f]")  # not \t \n \v \f \r
_SAMPLE_CHARS = 200_000  # enough lines to tell a layout apart
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


# --- decoding ------------------------------------------------------------------------------


def decode(data: bytes, path: Path) -> tuple[str, str]:
    """(text, encoding) of a plain-text file; refuses binary data.

    A byte-order mark chooses the encoding and is not part of the text. Without one, UTF-8 is
    tried first, then charset-normalizer's best guess (cp1252, Latin-1, ...).
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding.removesuffix("-sig") + _endian(bom))
            except UnicodeDecodeError as exc:
                raise UnsupportedFormatError(
                    path, f"broken {encoding.upper()} text: {exc.reason} at byte {exc.start}"
                ) from exc
            _refuse_binary(text, path)
            return text, encoding
    head = data[:8192]
    if b"\x00" in head:
        utf16 = _utf16_without_bom(data, head)
        if utf16 is None:
            raise UnsupportedFormatError(path, "binary data, not text (no reader for this format)")
        _refuse_binary(utf16[0], path)
        return utf16
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text, encoding = _detect(data, path)
    _refuse_binary(text, path)
    return text, encoding


def _endian(bom: bytes) -> str:
    if len(bom) == 3:
        return ""
    return "-le" if bom.startswith(b"\xff\xfe") else "-be"


def _utf16_without_bom(data: bytes, head: bytes) -> tuple[str, str] | None:
    """UTF-16 text without a byte-order mark: ASCII-range characters put a NUL in every other
    byte. None when the NULs do not fall that way (binary data)."""
    even, odd = head[0::2].count(0), head[1::2].count(0)
    half = len(head) // 2
    for zeros, encoding in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if half and zeros > 0.6 * half and (even if zeros is odd else odd) < 0.05 * half:
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                return None
    return None


def _detect(data: bytes, path: Path) -> tuple[str, str]:
    """Decode with charset-normalizer's guess. On short texts its guesses among the single-byte
    Windows code pages are close calls; cp1252 (Western, what Windows editors wrote) wins ties."""
    import charset_normalizer  # here: only text that is not UTF-8 needs it

    matches = list(charset_normalizer.from_bytes(data[: 1024 * 1024]))
    if not matches or matches[0].encoding is None:
        raise UnsupportedFormatError(path, "binary data, not text (no reader for this format)")
    encoding = matches[0].encoding
    for match in matches:
        if "cp1252" in match.could_be_from_charset and match.chaos <= matches[0].chaos + 0.1:
            encoding = "cp1252"
            break
    try:
        return data.decode(encoding), encoding
    except (UnicodeDecodeError, LookupError) as exc:
        raise UnsupportedFormatError(
            path, f"not text in any encoding ficscope can detect (best guess {encoding})"
        ) from exc


def _refuse_binary(text: str, path: Path) -> None:
    sample = text[:8192]
    if not sample:
        return
    controls = len(_CONTROL_CHARACTERS.findall(sample))
    if "\x00" in sample or controls / len(sample) > 0.01:
        raise UnsupportedFormatError(path, "binary data, not text (no reader for this format)")


# --- pieces: paragraphs separated by blank lines, one per line, or hard-wrapped ------------------


@dataclass(frozen=True, slots=True)
class _Piece:
    start: int
    end: int
    gap_before: int  # newlines between this piece and the previous one


def layout(text: str) -> str:
    """How a text separates paragraphs: "blank" (blank lines), "line" (one paragraph a line),
    "wrapped" (hard-wrapped lines with no blank line between paragraphs)."""
    sample = text[:_SAMPLE_CHARS]
    lines = [line.strip() for line in sample.splitlines()]
    widths = sorted(len(line) for line in lines if line)
    if not widths:
        return "blank"
    blanks = sum(1 for a, b in zip(lines, lines[1:], strict=False) if not a and b)
    ratio = blanks / len(widths)
    p95 = widths[int(len(widths) * 0.95)]
    near_full = sum(1 for n in widths if n >= 0.7 * p95) / len(widths)
    if 50 <= p95 <= 100 and near_full >= 0.5:  # lines of a steady width: hard-wrapped
        return "blank" if ratio >= 1 / 40 else "wrapped"
    if ratio >= 0.3:
        return "blank"
    # Few blank lines: one paragraph a line if lines followed by another line end sentences
    # (a header block's "Label: value" lines do not).
    inner = [a for a, b in zip(lines, lines[1:], strict=False) if a and b]
    ends = sum(1 for line in inner if _SENTENCE_END.search(line))
    return "line" if inner and ends >= 0.6 * len(inner) else "blank"


def split_pieces(text: str) -> list[_Piece]:
    """Non-blank pieces of text (paragraph candidates) with the number of newlines before each.

    Paragraphs are separated by blank lines, except in texts with one paragraph a line and in
    hard-wrapped texts with no blank lines, where a short line ending a sentence ends a paragraph.
    Hard-wrapped text separated by blank lines keeps its lines together.
    """
    mode = layout(text)
    eol = "\n" if "\r" not in text else "\r?\n" if "\n" in text else "\r"
    breaks = _BREAKS[eol][1 if mode == "blank" else 0]
    pieces: list[_Piece] = []
    pos, pending = 0, 0
    for match in breaks.finditer(text):
        _append(pieces, text, pos, match.start(), pending)
        gap = match.group()
        pos, pending = match.end(), gap.count("\n") or gap.count("\r")
    _append(pieces, text, pos, len(text), pending)
    if mode == "wrapped":
        pieces = _join_wrapped(text, pieces)
    return [part for piece in pieces for part in _heading_apart(text, piece)]


_LINE = re.compile(r"[^\r\n]+")
_HEADING_WORD = re.compile(r"(?:chapter|part|prologue|epilogue|book|interlude|act)\b", re.I)


def _heading_apart(text: str, piece: _Piece) -> list[_Piece]:
    """A piece whose first or last line is a chapter heading ("Chapter 1: Motel Six") with no
    blank line between it and the text beside it (a page copied from FanFiction.net: the
    story's header, then the heading) is two pieces: the heading stands alone."""
    chunk = text[piece.start : piece.end]
    if "\n" not in chunk and "\r" not in chunk:
        return [piece]
    lines = [m for m in _LINE.finditer(chunk) if m.group().strip()]
    if len(lines) < 2:
        return [piece]

    def heading(m: re.Match[str]) -> bool:
        line = m.group().strip()
        return _HEADING_WORD.match(line) is not None and classify(line) is BlockRole.HEADING

    def start(m: re.Match[str]) -> int:
        return piece.start + m.start() + len(m.group()) - len(m.group().lstrip())

    def end(m: re.Match[str]) -> int:
        return piece.start + m.start() + len(m.group().rstrip())

    first, last = lines[0], lines[-1]
    if heading(last) and not heading(first):
        return [
            _Piece(piece.start, end(lines[-2]), piece.gap_before),
            _Piece(start(last), piece.end, 1),
        ]
    if heading(first) and not heading(last):
        return [
            _Piece(piece.start, end(first), piece.gap_before),
            _Piece(start(lines[1]), piece.end, 1),
        ]
    return [piece]


def _append(pieces: list[_Piece], text: str, start: int, end: int, gap: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    s = start + (len(chunk) - len(chunk.lstrip()))
    pieces.append(_Piece(s, s + len(stripped), gap))


def _join_wrapped(text: str, lines: list[_Piece]) -> list[_Piece]:
    """Join hard-wrapped lines into paragraphs. A line that ends a sentence ends its paragraph
    when it is short, when the next line's first word would have fitted on it (so the break was
    not the wrapping's), or when the next line opens dialogue; so does an indented next line."""
    if not lines:
        return lines
    widths = sorted(p.end - p.start for p in lines)
    wrap = widths[min(len(widths) - 1, int(len(widths) * 0.99))]
    pieces: list[_Piece] = []
    first = lines[0]
    for prev, line in zip(lines, lines[1:], strict=False):
        width = prev.end - prev.start
        ends = False
        if _SENTENCE_END.search(text, prev.start, prev.end):
            word = text.find(" ", line.start, line.end)
            next_word = (word if word >= 0 else line.end) - line.start
            ends = (
                width < 0.75 * wrap
                or width + 1 + next_word <= wrap
                or text[line.start] in "\"“'‘«—―"
            )
        if ends or line.gap_before > 1 or text[line.start - 1] in " \t":
            pieces.append(_Piece(first.start, prev.end, first.gap_before))
            first = line
    pieces.append(_Piece(first.start, lines[-1].end, first.gap_before))
    return pieces


# --- the reader ----------------------------------------------------------------------------


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
    texts = [text[p.start : p.end] for p in pieces]
    roles = [classify(t) for t in texts]
    collector = FieldCollector()
    trailing_tags(texts, roles, collector)
    front = _table_of_contents(texts, roles)
    if front is None:
        front = front_matter(texts, roles, collector)
    else:
        for i in range(front):
            if roles[i] is BlockRole.PARAGRAPH:
                parse_front_block(texts[i], collector)
    _numeral_sequence(texts, roles, front)
    _sections(texts, roles, front)
    titles = _title_lines(texts, roles, front)
    _edge_disclaimers(texts, roles, front)
    _notes_under_label(texts, roles, front)
    scene_gap = _scene_gap(pieces[front + 1 :])
    blocks: list[Block] = []
    for i, (piece, role) in enumerate(zip(pieces, roles, strict=True)):
        if i < front and role is BlockRole.PARAGRAPH:
            role = BlockRole.METADATA
        if (
            i > front
            and piece.gap_before >= scene_gap
            and role not in (BlockRole.HEADING, BlockRole.SCENE_BREAK)
            and blocks
            and blocks[-1].role not in (BlockRole.HEADING, BlockRole.SCENE_BREAK)
        ):
            blocks.append(Block(piece.start, piece.start, BlockRole.SCENE_BREAK))
        blocks.append(Block(piece.start, piece.end, role))

    chapters = _chapters(text, blocks, {pieces[i].start: t for i, t in titles.items()})
    return Work(
        text=text,
        metadata=collector.build(source_site=None),
        source=Source(path=path, format="plaintext", encoding=encoding),
        chapters=tuple(chapters),
        blocks=tuple(blocks),
        layers=("read",),
    )


def _scene_gap(pieces: list[_Piece]) -> int:
    """How many newlines make a scene break: more than separate paragraphs, and rare (some
    books put two blank lines between paragraphs as often as one)."""
    gaps = Counter(p.gap_before for p in pieces)
    if not gaps:
        return 3
    typical = gaps.most_common(1)[0][0]
    scene_gap = typical + 1 if typical == 1 else max(typical + 1, 3)
    total = sum(gaps.values())
    while sum(n for gap, n in gaps.items() if gap >= scene_gap) > max(0.1 * total, 3):
        scene_gap += 1
    return scene_gap


_ROMAN_LINE = re.compile(r"^[IVXLC]{1,8}\.?$")


def _numeral_sequence(texts: list[str], roles: list[BlockRole], front: int) -> None:
    """A lone "X", "L" or "XXX" reads as a typo or a scene break, but between "IX" and "XI" it
    is chapter ten."""
    last = 0
    for i in range(front, len(texts)):
        role = roles[i]
        if role is BlockRole.HEADING:
            parsed = parse_heading(texts[i]) if heading_level(texts[i]) == "numeral" else None
            if parsed is not None and parsed[0] is not None:
                last = parsed[0]
        elif (
            _ROMAN_LINE.match(texts[i]) and last and parse_number(texts[i].rstrip(".")) == last + 1
        ):
            roles[i] = BlockRole.HEADING
            last += 1


def _sections(texts: list[str], roles: list[BlockRole], front: int) -> None:
    """Bare numerals under a chapter heading ("CHAPTER I" / "I" / "II") number its sections:
    they are scene breaks, not chapters. Numbering that restarts without a new chapter heading
    (a prologue's sections, then chapters "I", "II") numbers chapters again."""
    in_chapter, last = False, 0
    for i in range(front, len(texts)):
        if roles[i] is not BlockRole.HEADING:
            continue
        level = heading_level(texts[i])
        if level != "numeral":
            in_chapter, last = level == "chapter", 0
            continue
        parsed = parse_heading(texts[i])
        if not in_chapter or parsed is None or parsed[1] is not None or parsed[0] is None:
            continue
        if parsed[0] <= last:
            in_chapter = False
            continue
        last = parsed[0]
        roles[i] = BlockRole.SCENE_BREAK


def _table_of_contents(texts: list[str], roles: list[BlockRole]) -> int | None:
    """FanFicFare's TXT output and many compiled works list their chapters first. When a
    "Table of Contents" block opens the list, its entries become metadata and the blocks that
    repeat them, in order, become chapter headings. Returns where the front matter ends."""
    at = next((i for i in range(min(len(texts), 40)) if _CONTENTS.match(texts[i])), None)
    if at is None:
        return None
    entries: list[str] = []
    i = at + 1
    while i < len(texts) and len(texts[i]) < 150 and "\n" not in texts[i].strip():
        entry = " ".join(texts[i].split())
        if entries and entry == entries[0]:
            break
        entries.append(entry)
        i += 1
    if not entries:
        return None
    front = i
    for j in range(at, front):
        roles[j] = BlockRole.METADATA if roles[j] is not BlockRole.SCENE_BREAK else roles[j]
    wanted = 0
    for j in range(front, len(texts)):
        if wanted < len(entries) and " ".join(texts[j].split()) == entries[wanted]:
            roles[j] = BlockRole.HEADING
            wanted += 1
    return front


def _title_lines(texts: list[str], roles: list[BlockRole], front: int) -> dict[int, str]:
    """A short Title Case or capitals line right under a bare heading ("CHAPTER I" / "In
    Chancery") is the chapter's title: it becomes part of the heading. Returns {index: title}."""
    titles: dict[int, str] = {}
    for i in range(max(front, 0), len(texts) - 2):
        if roles[i] is not BlockRole.HEADING or roles[i + 1] is not BlockRole.PARAGRAPH:
            continue
        parsed = parse_heading(texts[i])
        line = texts[i + 1]
        if parsed is None or parsed[1] is not None or "\n" in line or len(line) > 100:
            continue
        if line[-1] in ",;:" or len(line.split()) > 14 or opens_dialogue(line):
            continue
        if line.isupper() or (is_title_like(line, max_words=14) and line[-1] not in ".!?"):
            roles[i + 1] = BlockRole.HEADING
            titles[i + 1] = line.rstrip(".").strip()
    return titles


def _edge_disclaimers(texts: list[str], roles: list[BlockRole], front: int) -> None:
    """Ownership statements standing before a chapter's story text or after it ("Naruto
    belongs to Masashi Kishimoto.") are disclaimers even without the word."""
    story_seen = False
    for i in range(front, len(texts)):
        role = roles[i]
        if role is BlockRole.HEADING:
            story_seen = False
        elif role is BlockRole.PARAGRAPH:
            next_heading = i + 1 == len(texts) or roles[i + 1] in (
                BlockRole.HEADING,
                BlockRole.END_MARKER,
                BlockRole.AUTHOR_NOTE,
            )
            if (not story_seen or next_heading) and is_disclaimer(texts[i], at_edge=True):
                roles[i] = BlockRole.DISCLAIMER
            else:
                story_seen = True


def _notes_under_label(texts: list[str], roles: list[BlockRole], front: int) -> None:
    """A notes label alone in its block ("Notes:", "End Notes", "Author's Note:"), as AO3's
    page copies a chapter's notes, makes the few blocks after it, up to the next heading or the
    end of the text, notes too; so does a "Summary:" label under a chapter heading, up to AO3's
    "Chapter Text" label (a chapter's summary is no story text either)."""
    for i in range(front, len(texts)):
        notes = roles[i] is BlockRole.AUTHOR_NOTE and _NOTES_LABEL.match(texts[i])
        summary = i > 0 and roles[i - 1] is BlockRole.HEADING and _SUMMARY_LABEL.match(texts[i])
        if not (notes or summary):
            continue
        end = i + 1
        while end < len(texts) and roles[end] is not BlockRole.HEADING:
            end += 1
        if summary and not (end < len(texts) and is_landmark(texts[end])):
            continue  # a chapter's summary stands between its heading and "Chapter Text"
        under = range(i + 1, end)
        if 0 < len(under) <= _NOTES_UNDER_LABEL and not any(
            opens_dialogue(texts[j]) for j in under
        ):
            for j in (i, *under):
                if roles[j] is BlockRole.PARAGRAPH:
                    roles[j] = BlockRole.AUTHOR_NOTE


def _chapters(text: str, blocks: list[Block], titles: dict[int, str]) -> list[Chapter]:
    """Chapters from the heading blocks. Consecutive headings ("BOOK I." / "CHAPTER I." / a
    title line) make one chapter: its number and title come from the last numbered heading."""
    # the header's metadata, not the tags closing the text
    last_text = max(
        (i for i, b in enumerate(blocks) if b.role is BlockRole.PARAGRAPH), default=len(blocks)
    )
    front = max(
        (i + 1 for i, b in enumerate(blocks) if b.role is BlockRole.METADATA and i < last_text),
        default=0,
    )
    story = blocks[front:]
    if not story:
        return []
    runs: list[tuple[int, int]] = []  # [first, last] heading indexes into story
    for i, block in enumerate(story):
        if block.role is BlockRole.HEADING:
            if runs and runs[-1][1] == i - 1:
                runs[-1] = (runs[-1][0], i)
            else:
                runs.append((i, i))
    starts: list[tuple[int, tuple[int, int] | None]] = []
    if not runs or any(b.role is BlockRole.PARAGRAPH for b in story[: runs[0][0]]):
        starts.append((0, None))
    for heads in runs:
        if starts and _landmark_only(text, story, starts[-1][0], heads):
            continue  # "Chapter 2: Title" / the chapter's notes / "Chapter Text": one chapter
        starts.append((heads[0], heads))
    chapters = []
    for n, (i, run) in enumerate(starts):
        last = (starts[n + 1][0] if n + 1 < len(starts) else len(story)) - 1
        number, title, heading = None, None, None
        if run is not None:
            number, title = _heading_of(text, story[run[0] : run[1] + 1], titles)
            heading = Span(story[run[0]].start, story[run[1]].end)
        chapters.append(
            Chapter(
                start=story[i].start,
                end=max(story[i].start, story[last].end),
                index=n,
                title=title,
                number=number,
                heading=heading,
                source=None,
            )
        )
    return chapters


def _landmark_only(text: str, story: list[Block], start: int, run: tuple[int, int]) -> bool:
    """Whether a run of headings is only AO3's "Chapter Text" label, with no story text since
    the chapter heading at ``start`` (its notes and summary stand between them)."""
    return all(is_landmark(text[b.start : b.end]) for b in story[run[0] : run[1] + 1]) and not any(
        b.role is BlockRole.PARAGRAPH for b in story[start : run[0]]
    )


def _heading_of(
    text: str, run: list[Block], titles: dict[int, str]
) -> tuple[int | None, str | None]:
    number: int | None = None
    title: str | None = None
    for block in run:
        if block.start in titles:
            title = titles[block.start]
            continue
        line = text[block.start : block.end]
        parsed = parse_heading(line)
        if parsed is None and _ROMAN_LINE.match(line):  # a lone "X" in a run of numerals
            number, title = parse_number(line.rstrip(".")), None
        elif parsed is None:  # a heading known from a table of contents
            number, title = None, " ".join(line.split())
        elif parsed[0] is not None or number is None:
            number, title = parsed
    return number, title
