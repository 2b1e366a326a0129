"""The conventions fan fiction uses inside its text, shared by every reader: chapter headings,
scene breaks, disclaimers, author's notes, end markers, and labelled header lines."""

from __future__ import annotations

import re

from ficscope.model import BlockRole

_NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_ROMAN = re.compile(r"^(?=[ivxlc]+$)c{0,3}(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$", re.I)

_HEADING = re.compile(
    r"""^\s*(?:[#*_~=\-]+\s*)?
    (?P<kind>chapter|chap\.?|ch\.?|part|book|volume)\s+
    (?P<num>\d{1,4}|[ivxlc]{1,8}|[a-z]+(?:[\s-][a-z]+)?)\b\.?
    (?:\s*(?:[:.\-–—|]|\s)\s*(?P<title>.{1,150}?))?
    \s*(?:[#*_~=\-]+)?\s*$""",
    re.I | re.X,
)
_NAMED_HEADING = re.compile(
    r"^\s*(?P<kind>prologue|epilogue|interlude|preface|foreword|afterword|omake)\b"
    r"(?:\s*[:.\-–—]?\s*(?P<title>.{1,150}?))?\s*$",
    re.I,
)
_SCENE_BREAK = re.compile(
    r"^\s*(?:(?:[*~\-=_#+•·.°oOxX0§&^]\s*){3,40}|<hr\s*/?>|(?:[-~=*]\s*)*(?:scene\s*break|break)"
    r"(?:\s*[-~=*])*|[-~=*]+\s*(?:o|x|oo|xx)\s*[-~=*]+)\s*$",
    re.I,
)
_ONLY_LETTERS_OX = re.compile(r"^[\sOoXx.]+$")
_DISCLAIMER = re.compile(
    r"^\W*(?:disclaimer\b|i\s+(?:do\s+not|don'?t|don’t)\s+own\b|(?:i|we)\s+own\s+nothing\b|"
    r"nothing\s+(?:here\s+)?(?:belongs|is\s+mine)|.{0,200}?\b(?:(?:do\s+not|don'?t|don’t)\s+own|"
    r"belongs?\s+to|property\s+of|not\s+mine)\b.{0,120}$)",
    re.I | re.S,
)
_AUTHOR_NOTE = re.compile(
    r"^\W{0,3}(?:a\s?/\s?n\b|an:|author'?s?’?\s+notes?\b|authors?\s+notes?\b|n\s?/\s?a\s*:|"
    r"notes?\s*:|note\s+from\s+the\s+author|end\s+notes?\s*:)",
    re.I,
)
_END_MARKER = re.compile(
    r"^\W*(?:the\s+end|fin|finis|end|end\s+of\s+(?:chapter|part|story)(?:\s+\w+)?|"
    r"to\s+be\s+continued|tbc|end\s+notes)\W*$",
    re.I,
)


def parse_number(word: str) -> int | None:
    """2 for "2", "two", "II"; 21 for "twenty-one"; None when it is not a number."""
    word = word.strip().lower()
    if word.isdigit():
        return int(word)
    if word in _NUMBER_WORDS:
        return _NUMBER_WORDS[word]
    parts = re.split(r"[\s-]+", word)
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in _NUMBER_WORDS:
        return _TENS[parts[0]] + _NUMBER_WORDS[parts[1]]
    if word in _TENS:
        return _TENS[word]
    if _ROMAN.match(word):
        values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
        total = 0
        for a, b in zip(word, word[1:] + " ", strict=True):
            va, vb = values[a], values.get(b, 0)
            total += -va if va < vb else va
        return total
    return None


def parse_heading(line: str) -> tuple[int | None, str | None] | None:
    """(number, title) when ``line`` is a chapter heading, else None.

    "Chapter 1" -> (1, None); "Chapter Two: Storm" -> (2, "Storm"); "Prologue" -> (None, "Prologue").
    """
    if len(line) > 200 or "\n" in line.strip():
        return None
    match = _HEADING.match(line)
    if match:
        number = parse_number(match["num"])
        if number is None:
            return None
        title = (match["title"] or "").strip() or None
        if title and (title[-1] in ",;" or len(title.split()) > 20):
            return None
        return number, title
    match = _NAMED_HEADING.match(line)
    if match:
        rest = (match["title"] or "").strip()
        if rest and len(rest.split()) > 12:
            return None
        kind = match["kind"].capitalize()
        return None, f"{kind}: {rest}" if rest else kind
    return None


def is_scene_break(line: str) -> bool:
    stripped = line.strip()
    if not stripped or len(stripped) > 60 or not _SCENE_BREAK.match(stripped):
        return False
    if _ONLY_LETTERS_OX.match(stripped):
        # "oOo", "xXx", "xxx", "OoOoO" are breaks; "Oo." or "ox" are not.
        letters = stripped.replace(" ", "").replace(".", "")
        return len(letters) >= 3 and letters.lower() in {"ooo", "xxx"} | _ox_runs(letters)
    return True


def _ox_runs(letters: str) -> set[str]:
    low = letters.lower()
    return {low} if set(low) <= {"o", "x"} and (low.count("o") >= 2 or low.count("x") >= 3) else set()


def classify(text: str) -> BlockRole:
    """The role of one block of text (a paragraph), from the text alone."""
    stripped = text.strip()
    if is_scene_break(stripped):
        return BlockRole.SCENE_BREAK
    if parse_heading(stripped) is not None:
        return BlockRole.HEADING
    if _AUTHOR_NOTE.match(stripped) or _is_bracketed_note(stripped):
        return BlockRole.AUTHOR_NOTE
    if len(stripped) < 600 and _DISCLAIMER.match(stripped) and '"' not in stripped[:1]:
        return BlockRole.DISCLAIMER
    if len(stripped) < 40 and _END_MARKER.match(stripped):
        return BlockRole.END_MARKER
    return BlockRole.PARAGRAPH


def _is_bracketed_note(text: str) -> bool:
    return bool(re.match(r"^[(\[]\s*(?:a\s?/\s?n|author'?s?’?\s+note)\b", text, re.I))


# Genres as fiction sites name them (FanFiction.net's list, with common spellings).
GENRES = frozenset(
    g.lower()
    for g in (
        "Action", "Adventure", "Angst", "Crime", "Drama", "Family", "Fantasy", "Friendship",
        "General", "Horror", "Humor", "Humour", "Hurt/Comfort", "Mystery", "Parody", "Poetry",
        "Romance", "Sci-Fi", "Science Fiction", "Spiritual", "Supernatural", "Suspense",
        "Tragedy", "Western", "Comedy", "Thriller", "Fluff", "Smut", "Slice of Life",
    )
)


def parse_genres(line: str) -> tuple[str, ...] | None:
    """("Action", "Romance") for "Action / Romance"; None if the line is not a genre list."""
    stripped = line.strip().rstrip(".")
    if not stripped or len(stripped) > 120:
        return None
    protected = stripped.replace("Hurt/Comfort", "Hurt\x00Comfort").replace("hurt/comfort", "hurt\x00comfort")
    parts = [p.strip().replace("\x00", "/") for p in re.split(r"\s*[/,&|]\s*|\s+-\s+", protected)]
    parts = [p for p in parts if p]
    if parts and all(p.lower() in GENRES for p in parts):
        return tuple(parts)
    return None
