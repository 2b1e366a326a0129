"""Plain-text works: the seeds' layout, LiveJournal-style headers, FanFiction.net's stats line,
FanFicFare's TXT output, hard-wrapped (Project Gutenberg style) text.

The Work's text is the decoded file, unchanged: no newline translation, no normalisation, so every
offset indexes the file's characters. The one exception is a byte-order mark, which is an encoding
signature rather than text: it is dropped, and offsets count from the character after it.
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
from ficscope.readers.conventions import (
    classify,
    heading_level,
    is_disclaimer,
    is_landmark,
    is_scene_break,
    is_title_like,
    parse_genres,
    parse_heading,
    parse_number,
)
from ficscope.readers.fields import (
    FieldCollector,
    field_for_label,
    is_list_field,
    parse_ao3_stats,
    parse_ffnet_stats,
    split_list,
)

# Line breaks (one or more), and breaks holding a blank line, for each newline convention: a
# pattern that starts with a literal newline is scanned for quickly by the regex engine. The white
# space around a break is trimmed off the pieces.
_BREAKS = {
    eol: (re.compile(rf"{eol}(?:[ \t]*{eol})*"), re.compile(rf"{eol}(?:[ \t]*{eol})+"))
    for eol in ("\n", "\r?\n", "\r")
}
# "Rating: T", also in Markdown emphasis: "**Rating:** T", "__Rating__: T", and after an emoji
# or a bullet: "🔥 Fandom: ...", "- Pairing: ..."
_LABELLED = re.compile(
    r"^\s*(?:[^\w\s\"“'‘*_(\[]{1,3}\s*)?(?:[*_]{1,2})?"
    r"(?P<label>[A-Za-z][A-Za-z' ’()]{0,30}?)\s*(?:[*_]{1,2})?\s*:"
    r"\s*(?:[*_]{1,2}(?=\s|$))?\s*(?P<value>.*)$"
)
# Decorations around a header's title or byline: "~*~ Title ~*~", "✨ Title ✨", "# Title"
_DECOR = r"[\s~*=_\-–—•·✦✧★☆♥♡❤✿❀✨║═\u2600-\u27bf\U0001f300-\U0001faff\ufe0f]"
_DECORATED = re.compile(rf"^(?:#+\s+|{_DECOR})+|{_DECOR}+$")
_DASHED = re.compile(r"^\s*(?P<label>[A-Za-z][A-Za-z' ’]{0,20}?)\s+[-–—~]\s+(?P<value>\S.*)$")
_BYLINE = re.compile(rf"^{_DECOR}*by\s+(?P<author>\S.{{0,80}})$", re.I)
_FFNET_STATS = re.compile(r"^\s*Rated:\s*(?:Fiction\s+)?(?:K\+|K|T|M|MA)\s+-\s", re.I)
_CONTENTS = re.compile(r"^\W*(?:table\s+of\s+contents|contents)\W*$", re.I)
_SENTENCE_END = re.compile(r"[.!?…:\"”’'»)\]_*-]\s*$")
_CONTINUED_WHEN_EMPTY = frozenset({"summary", "notes", "end_notes"})
# "owlpost_andtea", "Quill (inkwell)", "a_b, c_d": user names, not a summary's sentence
_USERNAMES = re.compile(r"^[\w.\-]+(?: \([\w.\- ]+\))?(?:, [\w.\-]+(?: \([\w.\- ]+\))?)*$")
# FanFiction.net's breadcrumb above a story: "Books » Harry Potter", "Anime/Manga » Naruto"
_FFNET_BREADCRUMB = re.compile(
    r"^\s*(?:Anime/Manga|Books|Cartoons|Comics|Games|Misc|Movies|Plays/Musicals|TV Shows|TV)"
    r"\s*[»>›]\s*(?P<fandom>[^»>›\s][^»>›]{0,80}?)\s*$"
)
_CHAPTER_OF = re.compile(r"^\W*(?:chapter|part)\s+\d+\s*(?:of|/)\s*(?:\d+|\?)\W*$", re.I)
# Wattpad's counts under a story's title: "45.2K Reads 2.1K Votes 30 Parts", and its status
_WATTPAD_COUNT = re.compile(r"([\d.,]+[KkMm]?)\s+(reads|votes|parts)\b", re.I)
_WATTPAD_COUNTS = re.compile(r"^(?:[\d.,]+[KkMm]?\s+(?:reads|votes|parts)\b\s*){2,3}$", re.I)
_LONE_STATUS = re.compile(r"^(?:completed?|ongoing|in[- ]progress|on hiatus)\.?$", re.I)
_FOREWORD = re.compile(r"^\W*foreword\W*$", re.I)
_BOX_RULE = re.compile(r"^[─━═│┃║╔╗╚╝╭╮╰╯▬■□◆◇✦✧·•\s]{3,}$")
_FOLLOW_FAV = re.compile(r"\s*\bFollow/Fav\b\s*")
_HASHTAGS = re.compile(r"^#[^\s#][^#]*(?: #[^\s#][^#]*)+$")
# An author's note line among a header's labels: "A/N: ...", "AN - ...", "(a/n: ...)"
_NOTE_LINE = re.compile(r"^[(\[]?\s*(?:a\s?/\s?n|an)\s*(?::|\s[-–—])\s*(?P<value>.*?)[)\]]?$", re.I)
_NOTES_LABEL = re.compile(
    r"^\W{0,3}(?:(?:end\s+)?notes?|author['’]?s?['’]?\s+notes?|a\s?/\s?n)\s*:?\W{0,3}$", re.I
)
_SUMMARY_LABEL = re.compile(r"^\W{0,3}(?:chapter\s+)?summary\s*:?\W{0,3}$", re.I)
_NOTES_UNDER_LABEL = 4  # more blocks than this after a "Notes:" label are story again
_JUMP = re.compile(r"^\(?see the end of the (?:work|chapter) for (?:more )?notes\.?\)?$", re.I)
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0e-\x1f]")  # not \t \n \v \f \r
_FRONT_LIMIT = 20  # header blocks are looked for among the first pieces only
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
    return pieces


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
    front = _table_of_contents(texts, roles)
    if front is None:
        front = _front_matter(texts, roles, collector)
    else:
        for i in range(front):
            if roles[i] is BlockRole.PARAGRAPH:
                _parse_front_block(texts[i], collector)
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


def _front_matter(texts: list[str], roles: list[BlockRole], collector: FieldCollector) -> int:
    """Parse the header blocks into ``collector``; returns how many leading blocks they are.

    The header is everything before the first chapter heading when that is all short and holds
    no dialogue; otherwise the leading blocks up to the last one with a header line ("Rating: T",
    a genre line, FanFiction.net's stats line), when those are short.
    """
    window = range(min(len(texts), _FRONT_LIMIT))
    first_heading = next((i for i in window if roles[i] is BlockRole.HEADING), None)
    if first_heading == 0 and _FOREWORD.match(texts[0]):
        # AsianFanfics' "Foreword" page: the story's header under a heading of its own
        second = next((i for i in window if i > 0 and roles[i] is BlockRole.HEADING), None)
        if second is not None and any(_is_header_block(texts[i]) for i in range(1, second)):
            roles[0], first_heading = BlockRole.PARAGRAPH, second
    if first_heading is not None and all(
        len(texts[i]) < 1500 and not _opens_dialogue(texts[i]) for i in range(first_heading)
    ):
        front = first_heading
    else:
        # header blocks before the story's first line of dialogue: a short story's end notes
        # ("Notes:") fall in the window too
        talk = next(
            (i for i in window if roles[i] is BlockRole.PARAGRAPH and _opens_dialogue(texts[i])),
            len(texts),
        )
        evidence = [i for i in window if i < talk and _is_header_block(texts[i])]
        front = 0
        for i in window:
            if i > (evidence[-1] if evidence else -1) or len(texts[i]) >= 1500:
                break
            if roles[i] is BlockRole.PARAGRAPH and _opens_dialogue(texts[i]):
                break
            front = i + 1
    if front == 0 and len(texts) > 2 and _opening_title(texts[0], roles[0], roles[1]):
        front = 1  # "Something About Calibrations" alone on the first line: the work's title
    carry: str | None = None
    for i in range(front):
        if roles[i] is BlockRole.PARAGRAPH or (
            roles[i] is not BlockRole.HEADING and _all_header_lines(texts[i])
        ):
            roles[i] = BlockRole.PARAGRAPH  # made metadata by the caller
            carry = _parse_front_block(texts[i], collector, carry)
        else:
            carry = None
    return front


def _opening_title(text: str, role: BlockRole, next_role: BlockRole) -> bool:
    """A lone line opening the file, without a stop: the work's title, when it is in Title Case
    or a disclaimer or an author's note follows it ("five more sets" / "disclaimer: ...")."""
    line = text.strip()
    return (
        role is BlockRole.PARAGRAPH
        and "\n" not in line
        and not _opens_dialogue(line)
        and _title_like(line)
        and (
            is_title_like(line.strip("~*=_#- "))
            or next_role in (BlockRole.DISCLAIMER, BlockRole.AUTHOR_NOTE)
        )
    )


def _opens_dialogue(text: str) -> bool:
    return text[:1] in "\"“'‘«—―"


def _label(line: str) -> re.Match[str] | None:
    """``line`` as a labelled header line, with groups ``label`` and ``value``: "Rating: T", or a
    label ficscope knows set off by a dash or a tilde ("Rating - T", "Fandom ~ Sherlock")."""
    labelled = _LABELLED.match(line)
    if labelled is not None:
        return labelled
    dashed = _DASHED.match(line)
    if dashed is not None and field_for_label(dashed["label"]) is not None:
        return dashed
    return None


def _header_line(line: str) -> bool:
    labelled = _label(line)
    if labelled and field_for_label(labelled["label"]) is not None:
        return True
    return (
        _FFNET_STATS.match(line) is not None
        or parse_genres(line) is not None
        or _hashtags(line) is not None
        or _FFNET_BREADCRUMB.match(line) is not None
        or _WATTPAD_COUNTS.match(line) is not None
    )


def _hashtags(line: str) -> tuple[str, ...] | None:
    """("the witcher", "geraskier") for a line of two or more hashtags and nothing else
    ("#the witcher #geraskier", as Tumblr and Wattpad tag a post); None otherwise."""
    line = line.strip()
    if len(line) > 500 or not _HASHTAGS.match(line):
        return None
    return tuple(tag.strip() for tag in line[1:].split(" #") if tag.strip())


def _is_header_block(text: str) -> bool:
    """A block that opens with a header line, or with the work's title right above one
    ("Twelve Hours" / "Rating: Teen And Up Audiences"), and is mostly header lines."""
    lines = [ln for ln in text.splitlines()[:40] if ln.strip() and not _is_rule(ln)]
    if len(text) >= 3000 or not lines:
        return False
    # the title, and perhaps "by NAME" and "Chapter 1 of 3", right above the first header line
    opening = next((k for k, ln in enumerate(lines[:4]) if _header_line(ln)), None)
    titled = (
        opening is not None
        and 0 < opening < len(lines) - 1
        and _title_like(lines[0].strip())
        and all(_BYLINE.match(ln) or _CHAPTER_OF.match(ln) for ln in lines[1:opening])
    )
    if not (_header_line(lines[0]) or titled):
        return False
    above = opening if titled and opening is not None else 0  # the title and byline lines
    return 2 * (above + _header_line_count(lines[above:])) >= len(lines)


def _header_line_count(lines: list[str]) -> int:
    """How many lines are header lines, or short values under a label alone on its line
    ("Characters:" / "Dean Winchester" / "Sam Winchester", as a browser copies AO3's tags)."""
    count, under_label = 0, False
    for line in lines:
        if _header_line(line):
            count += 1
            labelled = _label(line)
            under_label = labelled is not None and not labelled["value"].strip()
        elif under_label and len(line) < 100:
            count += 1
        else:
            under_label = False
    return count


def _is_rule(line: str) -> bool:
    """A line of decoration ("-----", "═════", "~*~*~") under a title or between fields."""
    return is_scene_break(line) or _BOX_RULE.match(line.strip()) is not None


def _all_header_lines(text: str) -> bool:
    """Every line is a ``Label: value`` line (or continues the one before), at least one of them
    with a label ficscope knows: a LiveJournal-style header block."""
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if not lines or not _label(lines[0]):
        return False
    return any(_header_line(ln) for ln in lines)


def _parse_front_block(
    block: str, collector: FieldCollector, carry: str | None = None
) -> str | None:
    """Parse a front-matter block into ``collector``. Unlabelled lines continue the field above
    them; before any field, the first title-like line is the title and the others the summary.
    Labels ficscope has no field for are kept (in ``extra``) in blocks with a known label.

    A summary or notes label ending a block ("Summary:" alone, as AO3's page copies) goes on in
    the blocks after it: ``carry`` is the field the block before left open, and the field this
    one leaves open is returned.
    """
    lines = [part for ln in block.splitlines() if ln.strip() for part in _fields_of(ln.strip())]
    known = any(_header_line(ln) for ln in lines)
    last_field: str | None = carry
    under_label = False  # after a label alone on its line: the lines below are its value
    open_field = carry
    title_at = -2
    for n, line in enumerate(lines):
        line = _FOLLOW_FAV.sub(" ", line).strip()  # FanFiction.net's button, copied
        if not line or _JUMP.match(line) or _CHAPTER_OF.match(line) or _FOREWORD.match(line):
            continue  # "(See the end of the work for more notes.)", "Chapter 1 of 3"
        open_field = None
        if _is_rule(line):
            last_field, under_label = None, False  # a rule under the title or between fields
            continue
        if field_for_label(line) in _CONTINUED_WHEN_EMPTY and len(line) < 30:
            last_field = open_field = field_for_label(line)  # "Description" alone, no colon
            under_label = False
            continue
        if _WATTPAD_COUNTS.match(line):
            for number, name in _WATTPAD_COUNT.findall(line):
                collector.extra[name.capitalize()] = number  # "45.2K Reads 2.1K Votes 30 Parts"
            continue
        if _LONE_STATUS.match(line) and not collector.has("status"):
            collector.set("status", line.rstrip("."))  # "Completed", "Ongoing"
            continue
        crumb = _FFNET_BREADCRUMB.match(line)
        if crumb:
            collector.set("fandoms", crumb["fandom"], (crumb["fandom"],))
            continue
        if _FFNET_STATS.match(line) and parse_ffnet_stats(line, collector):
            last_field = None
            continue
        note = _NOTE_LINE.match(line) if known else None
        if note:
            collector.extend("notes", note["value"])  # "A/N: for anon, who asked"
            last_field, under_label = "notes", False
            continue
        labelled = _label(line)
        name = field_for_label(labelled["label"]) if labelled else None
        if (
            labelled
            and name is None
            and under_label
            and last_field is not None
            and is_list_field(last_field)
            and labelled["value"].strip()
        ):
            labelled = None  # "Star Wars Episode V: The Empire Strikes Back", a tag listed
        if (
            labelled
            and labelled["label"].strip().lower() == "stats"
            and parse_ao3_stats(labelled["value"], collector)
        ):
            last_field = None  # "Stats: Published: 2021-03-14 Words: 2,212 Chapters: 1/1"
            continue
        if name == "categories" and labelled and split_list(labelled["value"]):
            collector.route(split_list(labelled["value"]), rest="fandoms")
            last_field = None
            continue
        if labelled and (name is not None or (known and len(labelled["label"]) <= 25)):
            value = _undecorated(labelled["value"]) if name == "title" else labelled["value"]
            last_field = collector.add(labelled["label"], value) or labelled["label"]
            # "Age Rating:" with nothing under it is declared empty; "Rating:" with a line
            # under it has its value there.
            under_label = not labelled["value"].strip()
            if under_label and last_field in _CONTINUED_WHEN_EMPTY:
                open_field = last_field
            continue
        genres = parse_genres(line)
        if genres:
            collector.set("genres", ", ".join(genres), genres)
            continue
        tags = _hashtags(line)
        if tags:
            collector.set("additional_tags", ", ".join(tags), tags)
            last_field = None
            continue
        byline = _BYLINE.match(line)
        if byline and len(line) < 80:
            collector.set("authors", _undecorated(byline["author"]))
            continue
        if last_field is not None and (under_label or last_field in _CONTINUED_WHEN_EMPTY):
            if last_field == carry and not known:
                open_field = carry  # a second paragraph of the summary
            if last_field == "categories":
                collector.route(split_list(line), rest="fandoms")
            else:
                collector.extend(last_field, line)
            if not (is_list_field(last_field) or last_field in _CONTINUED_WHEN_EMPTY):
                last_field = None  # "Rating:" / "Mature": one line is the value
            continue
        if last_field is not None and not under_label:
            collector.extend(last_field, line)
            continue
        if _undecorated(line) == collector.values.get("title"):
            continue  # the title again, above the story (a FanFicFare-style header)
        if not collector.has("title") and not collector.has("summary") and _title_like(line):
            collector.set("title", _undecorated(line))
            title_at = n
        elif title_at == n - 1 and _USERNAMES.match(line) and not collector.has("authors"):
            names = split_list(line)  # AO3's page: the author's name under the title
            collector.set("authors", ", ".join(names), names)
        else:
            collector.extend("summary", line)
    return open_field


def _fields_of(line: str) -> list[str]:
    """Fields sharing a line, set apart by bars ("Rating: G | Words: 900 | Pairing: none"),
    one a line; any other line as it is (an AO3 fandom tag "僕のヒーローアカデミア | Boku no Hero
    Academia" keeps its bars)."""
    parts = [p.strip() for p in line.split(" | ")]
    if len(parts) > 1 and all((m := _label(p)) and field_for_label(m["label"]) for p in parts):
        return parts
    return [line]


def _undecorated(line: str) -> str:
    """A title or name without the decorations around it, nor quotation marks around all of it:
    "~*~ Ghost Witches ~*~" -> "Ghost Witches", '"Five More Sets"' -> "Five More Sets"."""
    bare = _DECORATED.sub("", line).strip() or line
    inner = bare[1:-1]
    quoted = len(bare) > 2 and bare[0] + bare[-1] in ('""', "“”", "''", "‘’")
    if quoted and bare[0] not in inner and bare[-1] not in inner:
        bare = inner.strip() or bare
    return bare


def _title_like(line: str) -> bool:
    return len(line.split()) <= 12 and line[-1:] not in ".!?…\"'”"


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
        if line[-1] in ",;:" or len(line.split()) > 14 or _opens_dialogue(line):
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
            _opens_dialogue(texts[j]) for j in under
        ):
            for j in (i, *under):
                if roles[j] is BlockRole.PARAGRAPH:
                    roles[j] = BlockRole.AUTHOR_NOTE


def _chapters(text: str, blocks: list[Block], titles: dict[int, str]) -> list[Chapter]:
    """Chapters from the heading blocks. Consecutive headings ("BOOK I." / "CHAPTER I." / a
    title line) make one chapter: its number and title come from the last numbered heading."""
    front = max((i + 1 for i, b in enumerate(blocks) if b.role is BlockRole.METADATA), default=0)
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
