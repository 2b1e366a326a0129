"""The conventions fan fiction uses inside its text, shared by every reader: chapter headings,
scene breaks, disclaimers, author's notes, end markers, and labelled header lines.

Everything here judges one block of text on its own; readers add what position tells them
(a title line under a bare "CHAPTER I", a table of contents, front matter).
"""

from __future__ import annotations

import re

from ficscope.model import BlockRole

# --- numbers -------------------------------------------------------------------------------

_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
_NUMBER_WORDS = {w: i for i, w in enumerate(_UNITS)}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_ORDINALS = {
    w: i
    for i, w in enumerate(
        "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
        "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth".split()
    )
}
_ORDINAL_TENS = {
    "twentieth": 20,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
    "sixtieth": 60,
    "seventieth": 70,
    "eightieth": 80,
    "ninetieth": 90,
}
_ROMAN = re.compile(r"^(?=[ivxlc]+$)c{0,3}(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$", re.I)
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


def parse_number(word: str) -> int | None:
    """2 for "2", "two", "II", "second", "the second"; 21 for "twenty-one"; None otherwise."""
    word = word.strip().lower()
    if word.startswith("the "):
        word = word[4:].strip()
    if word.isdigit():
        return int(word)
    if word in _NUMBER_WORDS:
        return _NUMBER_WORDS[word]
    if word in _ORDINALS:
        return _ORDINALS[word]
    if word in _TENS:
        return _TENS[word]
    if word in _ORDINAL_TENS:
        return _ORDINAL_TENS[word]
    parts = re.split(r"[\s-]+", word)
    if len(parts) == 2 and parts[0] in _TENS:
        unit = _NUMBER_WORDS.get(parts[1]) or _ORDINALS.get(parts[1])
        if unit:
            return _TENS[parts[0]] + unit
    if _ROMAN.match(word):
        total = 0
        for a, b in zip(word, word[1:] + " ", strict=True):
            va, vb = _ROMAN_VALUES[a], _ROMAN_VALUES.get(b, 0)
            total += -va if va < vb else va
        return total
    return None


# --- chapter headings ----------------------------------------------------------------------

_DECOR = r"[#*_~=\-–—\[\]()<>|\s]"
_UNIT_WORDS = "|".join([*_UNITS[1:10], *list(_ORDINALS)[1:10]])
_NUMBER_ALTERNATIVES = "|".join(
    sorted(
        [
            *(rf"{tens}[\s-](?:{_UNIT_WORDS})" for tens in _TENS),
            *_UNITS,
            *_ORDINALS,
            *_TENS,
            *_ORDINAL_TENS,
        ],
        key=len,
        reverse=True,  # longest first: "seventeen" before "seven", "twenty-one" before "twenty"
    )
)
_KINDS = (
    r"chapter|chap\.?|ch\.?|part|book|volume|vol\.?|letter|stave|phase|adventure|section|"
    r"episode|act"
)
_HEADING = re.compile(
    rf"""^{_DECOR}*
    (?P<kind>{_KINDS})\s+
    (?P<num>\d{{1,4}}|[ivxlc]{{1,8}}|(?:the\s+)?(?:{_NUMBER_ALTERNATIVES}|last|final))(?![a-z0-9])
    (?:\s*(?P<sep>[:.\-–—|]+|\s)\s*(?P<title>.{{1,150}}?))?
    \.?{_DECOR}*$""",
    re.I | re.X,
)
_NAMED_HEADING = re.compile(
    rf"^{_DECOR}*(?P<kind>prologue|epilogue|interlude|preface|foreword|afterword|omake|"
    r"introduction|postscript)(?![a-z])"
    rf"(?:\s*[:.\-–—]?\s*(?P<title>.{{1,150}}?))?{_DECOR}*$",
    re.I,
)
# "I", "IV.", "— I —", "[ 1 ]", "12", "_One_", "ONE": a numeral standing alone.
_BARE_NUMERAL = re.compile(r"^[\s_\-–—\[(*#~=]*(?P<num>\d{1,3}|[IVXLC]{1,8})\.?[\s_\-–—\])*#~=]*$")
_BARE_WORD = re.compile(r"^(?:_(?P<a>[A-Za-z]+(?:-[A-Za-z]+)?)_|(?P<b>[A-Z]+(?:-[A-Z]+)?))$")
# "I. THE PRISON DOOR", "VII. The Blue Carbuncle", "I  The Old Pyncheon Family", "3 - Storm".
_NUMBERED_TITLE = re.compile(
    r"^\s*(?P<num>\d{1,3}|[IVXLC]{1,8})(?P<sep>\.\s+|\s*[:\-–—]\s+|\s+)(?P<title>\S.{0,120}?)\s*$"
)
_SMALL_WORDS = frozenset(
    "a an and as at but by for from in into nor of on or the to with upon over".split()
)


def parse_number_heading(line: str) -> tuple[int, str | None] | None:
    """A heading that is only a numeral, or a numeral and a title ("IV. THE STORM")."""
    match = _BARE_NUMERAL.match(line)
    if match:
        num = match["num"]
        if num.upper() in ("L", "C", "X") and not line.strip().endswith("."):
            return None  # a lone "x" is a scene break, a lone "C" a typo
        value = parse_number(num)
        return (value, None) if value is not None else None
    match = _BARE_WORD.match(line.strip())
    if match:
        value = parse_number(match["a"] or match["b"] or "")
        return (value, None) if value is not None and value > 0 else None
    match = _NUMBERED_TITLE.match(line)
    if match:
        title = match["title"]
        if title[-1] in ".!?,;:" or not (is_title_like(title) or title.isupper()):
            return None
        if not match["sep"].strip() and len(match["sep"]) == 1 and len(title.split()) < 2:
            return None  # "I Know": two words with a single space are a sentence
        value = parse_number(match["num"])
        return (value, title) if value is not None else None
    return None


def is_title_like(text: str, *, max_words: int = 12) -> bool:
    """A short line set in Title Case or capitals, as chapter titles are."""
    words = text.split()
    if not words or len(words) > max_words or text[:1] in "\"“'‘«":
        return False
    letters = [w.strip("\"“”'‘’()[]_*-—–.,;:!?") for w in words]
    letters = [w for w in letters if w[:1].isalpha()]
    if not letters or not letters[0][:1].isupper():
        return False
    return all(w[:1].isupper() or w.lower() in _SMALL_WORDS for w in letters if len(w) > 2)


def is_landmark(line: str) -> bool:
    """AO3's labels above a work's or a chapter's text, copied with it: "Chapter Text", "Work
    Text:". They open the text as a heading does."""
    return line.strip().casefold().rstrip(":") in ("chapter text", "work text")


def parse_heading(line: str) -> tuple[int | None, str | None] | None:
    """(number, title) when ``line`` is a chapter heading, else None.

    "Chapter 1" -> (1, None); "Chapter Two: Storm" -> (2, "Storm");
    "Prologue" -> (None, "Prologue"); "IV. THE STORM" -> (4, "THE STORM"); a bare "IV" -> (4, None);
    a heading and its title on two lines ("CHAPTER I.\\nThe Missing Heir.") -> (1, "The Missing
    Heir").
    """
    parsed = _parse(line)
    return None if parsed is None else (parsed[0], parsed[1])


def heading_level(line: str) -> str | None:
    """What kind of division a heading opens: "part" (Part, Book, Volume, Phase), "chapter"
    (Chapter, Letter, Prologue, ...), "numeral" (a bare "IV", or "IV. Title"); None when the line
    is not a heading. A bare numeral under a chapter heading numbers a section of it."""
    parsed = _parse(line)
    return None if parsed is None else parsed[2]


_PART_KINDS = frozenset("part book volume vol vol. phase".split())


def _parse(line: str) -> tuple[int | None, str | None, str] | None:
    line = line.strip()
    if len(line) > 200:
        return None
    if "\n" not in line:
        return _parse_line(line)
    first, _, rest = line.partition("\n")
    if "\n" in rest.strip():
        return None
    head = _parse_line(first.strip())
    if head is None or head[1] is not None:
        return None
    title = " ".join(rest.split()).rstrip(".").strip()
    if not title or not (is_title_like(title, max_words=14) or title.isupper()):
        return None
    return head[0], title, head[2]


def _parse_line(line: str) -> tuple[int | None, str | None, str] | None:
    if is_landmark(line):
        return None, None, "chapter"
    match = _HEADING.match(line)
    if match:
        number = parse_number(match["num"])
        level = "part" if match["kind"].lower() in _PART_KINDS else "chapter"
        title = (match["title"] or "").strip(" _*#~=") or None
        if number is None:
            if match["num"].split()[-1].lower() not in ("last", "final") or title:
                return None
            return None, f"{match['kind']} {match['num']}".title(), level  # "Chapter the Last"
        if title:
            if title[-1] in ",;" or len(title.split()) > 20:
                return None
            if not match["sep"].strip():
                # "Chapter 5 was the worst": a sentence, not a heading.
                if title[-1] in ".!?" and not title.isupper():
                    return None
                if not (is_title_like(title, max_words=20) or title.isupper()):
                    return None
        return number, title, level
    match = _NAMED_HEADING.match(line)
    if match:
        rest = (match["title"] or "").strip(" .")
        if rest and (len(rest.split()) > 12 or rest[-1] in ",;"):
            return None
        if (
            rest
            and not re.match(r"^\s*[:.\-–—]", line[match.end("kind") :])
            and not (is_title_like(rest) or rest.isupper())
        ):
            return None  # "Prologue was the word" is a sentence
        kind = match["kind"].capitalize()
        return None, f"{kind}: {rest}" if rest else kind, "chapter"
    parsed = parse_number_heading(line)
    if parsed is not None:
        return parsed[0], parsed[1], "numeral"
    return None


# --- scene breaks, notes, disclaimers, end markers -----------------------------------------

_SCENE_BREAK = re.compile(
    r"^\s*(?:(?:[*~\-–—=_#+•·.°oOxX0§&^❀✿❁✦✧★☆♥♡❤◆◇■□●○♦]\s*){3,40}|<hr\s*/?>"
    r"|(?:[-~=*\[(<]\s*)*(?:scene\s*break|break)(?:\s*[-~=*\])>])*"
    r"|[-~=*]+\s*(?:o|x|oo|xx)\s*[-~=*]+)\s*$",
    re.I,
)
_ONLY_LETTERS_OX = re.compile(r"^[\sOoXx.]+$")
# What hasty writers put between scenes besides rules: a named skip, decorated or not
# ("~Time Skip~", "***Line Break***", "TIME SKIP", "-Flashback-"), or marks the rule above does
# not list (".:.:.:.", "|||||", "~/~/~").
_NAMED_BREAK = re.compile(
    r"^[\W_]*(?:time\s*(?:skip|jump)|scene\s*(?:change|switch)|line\s*break|page\s*break|"
    r"(?:end\s+(?:of\s+)?)?flash\s*back)[\W_]*$",
    re.I,
)
_OTHER_MARKS = re.compile(r"^(?:[:|/\\~*.\-=+]\s*){3,40}$")
# A mark too short for the rules above, alone on its line: "~", "**", "⁂" (not "#", a
# Markdown heading's mark)
_SHORT_MARK = re.compile(r"^(?:[~*⁂§]\s*){1,2}$")

# Disclaimers: an unmistakable opening ...
_DISCLAIMER_STRONG = re.compile(
    r"^\W{0,4}(?:disclaimer\b|standard\s+disclaimers?\b|"
    r"(?:i|we)\s+(?:do\s+not|don'?t|don’t|dont|didn'?t|didn’t)\s+own\b|"
    r"(?:i|we)\s+own\s+(?:nothing|none)\b|"
    r"(?:i|we)\s+(?:do\s+not|don'?t|don’t)\s+(?:make|earn)\s+(?:any\s+)?(?:money|profit)|"
    r"nothing\s+(?:here\s+|in\s+this\s+\w+\s+)?(?:belongs\s+to\s+me|is\s+mine)\b|"
    r"none\s+of\s+(?:this|these|the\s+characters)\b[^.]{0,40}\b(?:mine|belongs?\s+to\s+me)\b|"
    r"all\s+(?:characters|rights)\b[^.]{0,80}\b(?:belong|reserved|property|owned)\b)",
    re.I,
)
# ... or ownership talk together with the vocabulary of rights, in a block without dialogue.
_OWNERSHIP = re.compile(
    r"\b(?:(?:do\s+not|don'?t|don’t|dont)\s+own|belongs?\s+to|(?:the\s+)?property\s+of|"
    r"not\s+mine|(?:is|are)\s+owned\s+by|no\s+(?:money|profit)|copyright|©)",
    re.I,
)
_RIGHTS_WORDS = re.compile(
    r"\b(?:characters?|rights|copyright|franchise|anime|manga|mangaka|profit|money|trademarks?|"
    r"creators?|fan\s*fic(?:tion)?|fanfics?|canon|studios?|publishers?|respective|"
    r"original\s+(?:author|owner|creator)s?)\b|©",
    re.I,
)
# Every ownership statement holds one of these (a quick test before the slower regexes).
# (Searched in lower case: a case-insensitive alternation is ten times slower in Python's re.)
_OWNERSHIP_HINT = re.compile(r"own|belong|propert|mine|money|profit|copyright|©")
_DIALOGUE_OPENERS = frozenset('"“„«»')
_DIALOGUE_MARK = re.compile(r"[\"“”«»]|^\s*['‘—–-]")
_AUTHOR_NOTE = re.compile(
    r"^\W{0,3}(?:a\s?/\s?n\b|an:|author['’]?s?['’]?\s+notes?\b|n\s?/\s?a\s*:|"
    r"notes?\s*:|note\s+from\s+the\s+author|end\s+notes?\s*:|translator['’]?s?['’]?\s+notes?\b|"
    r"t\s?/\s?n\s*:)",
    re.I,
)
_BRACKETED_NOTE = re.compile(r"^[(\[]\s*(?:a\s?/\s?n|author['’]?s?['’]?\s+note|note)\b", re.I)
_END_MARKER = re.compile(
    r"^\W*(?:the\s+end|fin|finis|end|end\s+(?:of\s+)?(?:chapter|part|story|file)(?:\s+\w+)?|"
    r"to\s+be\s+continued|tbc|end\s+notes)\W*$",
    re.I,
)


def is_scene_break(line: str) -> bool:
    stripped = line.strip()
    if not stripped or len(stripped) > 60:
        return False
    if _NAMED_BREAK.match(stripped) or _OTHER_MARKS.match(stripped) or _SHORT_MARK.match(stripped):
        return True
    if not _SCENE_BREAK.match(stripped):
        return False
    if _ONLY_LETTERS_OX.match(stripped):
        # "oOo", "xXx", "xxx", "OoOoO" are breaks; "Oo." or "ox" are not.
        letters = stripped.replace(" ", "").replace(".", "")
        return len(letters) >= 3 and letters.lower() in {"ooo", "xxx"} | _ox_runs(letters)
    return True


def _ox_runs(letters: str) -> set[str]:
    low = letters.lower()
    return (
        {low} if set(low) <= {"o", "x"} and (low.count("o") >= 2 or low.count("x") >= 3) else set()
    )


def is_disclaimer(text: str, *, at_edge: bool = False) -> bool:
    """ "I don't own Naruto.", "Disclaimer: ...", "All characters belong to their creators."

    Ownership talk in dialogue ("'We belong to each other,' he said.") is story, not a disclaimer.
    ``at_edge``: the block stands where disclaimers stand (before a chapter's story text or after
    it), so "Naruto belongs to Masashi Kishimoto." is enough.
    """
    stripped = text.strip()
    if len(stripped) > 800:
        return False
    if _DISCLAIMER_STRONG.match(stripped):
        return True
    if len(stripped) > 400:
        return False
    if not _OWNERSHIP_HINT.search(stripped.lower()):
        return False
    if _DIALOGUE_MARK.search(stripped):
        return False
    if _OWNERSHIP.search(stripped) is None:
        return False
    return at_edge and len(stripped) < 200 or _RIGHTS_WORDS.search(stripped) is not None


def is_author_note(text: str) -> bool:
    stripped = text.strip()
    return bool(_AUTHOR_NOTE.match(stripped) or _BRACKETED_NOTE.match(stripped))


def is_end_marker(text: str) -> bool:
    stripped = text.strip()
    return len(stripped) < 40 and bool(_END_MARKER.match(stripped))


def classify(text: str) -> BlockRole:
    """The role of one block of text (a paragraph), from the text alone."""
    stripped = text.strip()
    if stripped[:1] in _DIALOGUE_OPENERS:
        return BlockRole.PARAGRAPH  # dialogue: the commonest paragraph, and never anything else
    if is_scene_break(stripped):
        return BlockRole.SCENE_BREAK
    if len(stripped) <= 200 and parse_heading(stripped) is not None:
        return BlockRole.HEADING
    if is_author_note(stripped):
        return BlockRole.AUTHOR_NOTE
    if is_disclaimer(stripped):
        return BlockRole.DISCLAIMER
    if is_end_marker(stripped):
        return BlockRole.END_MARKER
    return BlockRole.PARAGRAPH


# --- genres --------------------------------------------------------------------------------

# Genres as fiction sites name them (FanFiction.net's list, with common spellings).
GENRES = frozenset(
    g.lower()
    for g in (
        "Action",
        "Adventure",
        "Angst",
        "Crime",
        "Drama",
        "Family",
        "Fantasy",
        "Friendship",
        "General",
        "Horror",
        "Humor",
        "Humour",
        "Hurt/Comfort",
        "Mystery",
        "Parody",
        "Poetry",
        "Romance",
        "Sci-Fi",
        "Science Fiction",
        "Spiritual",
        "Supernatural",
        "Suspense",
        "Tragedy",
        "Western",
        "Comedy",
        "Thriller",
        "Fluff",
        "Smut",
        "Slice of Life",
    )
)


def parse_genres(line: str) -> tuple[str, ...] | None:
    """("Action", "Romance") for "Action / Romance"; None if the line is not a genre list."""
    stripped = line.strip().rstrip(".")
    if not stripped or len(stripped) > 120:
        return None
    protected = re.sub(r"(?i)(hurt)\s*/\s*(comfort)", "\\1\x00\\2", stripped)
    parts = [p.strip().replace("\x00", "/") for p in re.split(r"\s*[/,&|]\s*|\s+-\s+", protected)]
    parts = [p for p in parts if p]
    if parts and all(p.lower() in GENRES for p in parts):
        return tuple(parts)
    return None
