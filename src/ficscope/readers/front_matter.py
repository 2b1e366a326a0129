"""A plain text's front matter: the header blocks above the story as sites and writers set them
("Title:" / "Rating:" fields, AO3's work page copied from a browser, FanFiction.net's page
copied, Tumblr and LiveJournal headers, a lone title line), read into a FieldCollector. The
shapes read are listed in docs/formats.md ("Headers copied from sites")."""

from __future__ import annotations

import re

from ficscope.model import BlockRole
from ficscope.readers.conventions import is_scene_break, is_title_like, parse_genres
from ficscope.readers.fields import (
    FieldCollector,
    field_for_label,
    is_list_field,
    parse_ao3_stats,
    parse_ffnet_stats,
    split_list,
)

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
# a label ficscope knows set off by a dash, a tilde or another mark: "Fandom ✦ Star Wars"
_DASHED = re.compile(
    r"^\s*(?P<label>[A-Za-z][A-Za-z' ’]{0,20}?)\s+[-–—~✦✧★☆•·»→]\s+(?P<value>\S.*)$"
)
# the title, the fandom and the author on one line: "Dust - a Star Wars fanfic by kyber",
# "Dust (a Star Wars one-shot) by kyber"
_TITLE_FANDOM_BY = re.compile(
    r"^(?P<title>\S.{0,80}?)\s*(?:\s[-–—|:~]\s*|:\s*|\(\s*)an?\s+(?P<fandom>\S.{0,60}?)\s+"
    r"(?:fan\s?fic(?:tion)?|fic|one[- ]?shot|drabble|story|au)\)?,?\s+by\s+(?P<author>\S.{0,60})$",
    re.I,
)
_BYLINE = re.compile(rf"^{_DECOR}*by\s+(?P<author>\S.{{0,80}})$", re.I)
_FFNET_STATS = re.compile(r"^\s*Rated:\s*(?:Fiction\s+)?(?:K\+|K|T|M|MA)\s+-\s", re.I)
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
_JUMP = re.compile(
    r"^\(?see the end of the (?:work|chapter) for (?:more )?notes\.?\)?$"
    r"|^[(\[]?\s*read more\W*[)\]]?$|^-*\s*cut here\s*-*$",  # a LiveJournal cut's link
    re.I,
)
_FRONT_LIMIT = 20  # header blocks are looked for among the first pieces only


def front_matter(texts: list[str], roles: list[BlockRole], collector: FieldCollector) -> int:
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
        len(texts[i]) < 1500 and not opens_dialogue(texts[i]) for i in range(first_heading)
    ):
        front = first_heading
    else:
        # header blocks before the story's first line of dialogue: a short story's end notes
        # ("Notes:") fall in the window too
        talk = next(
            (i for i in window if roles[i] is BlockRole.PARAGRAPH and opens_dialogue(texts[i])),
            len(texts),
        )
        evidence = [
            i
            for i in window
            if i < talk and roles[i] is not BlockRole.METADATA and _is_header_block(texts[i])
        ]  # (not the tags closing a short text: ``trailing_tags``, read first)
        front = 0
        for i in window:
            if i > (evidence[-1] if evidence else -1) or len(texts[i]) >= 1500:
                break
            if roles[i] is BlockRole.PARAGRAPH and opens_dialogue(texts[i]):
                break
            front = i + 1
    if front == 0 and len(texts) > 2 and _opening_title(texts[0], roles[0], roles[1]):
        front = 1  # "Something About Calibrations" alone on the first line: the work's title
    carry: str | None = None
    title_only = False  # the block before was the title alone
    for i in range(front):
        if roles[i] is BlockRole.PARAGRAPH or (
            roles[i] is not BlockRole.HEADING and _all_header_lines(texts[i])
        ):
            roles[i] = BlockRole.PARAGRAPH  # made metadata by the caller
            had_title = collector.has("title")
            carry = parse_front_block(texts[i], collector, carry, after_title=title_only)
            title_only = not had_title and collector.has("title") and "\n" not in texts[i].strip()
        else:
            carry, title_only = None, False
    return front


def trailing_tags(texts: list[str], roles: list[BlockRole], collector: FieldCollector) -> None:
    """A row of hashtags closing the text ("#the magnus archives #tma fic #my writing", as a
    Tumblr post copied with its tags) is the work's tags, not its last paragraph."""
    last = next((i for i in range(len(texts) - 1, -1, -1) if texts[i].strip()), None)
    if last is None or roles[last] is not BlockRole.PARAGRAPH:
        return
    tags = _hashtags(texts[last])
    if tags:
        roles[last] = BlockRole.METADATA
        collector.set("additional_tags", ", ".join(tags), tags)


def _opening_title(text: str, role: BlockRole, next_role: BlockRole) -> bool:
    """A lone line opening the file, without a stop: the work's title, when it is in Title Case
    or a disclaimer or an author's note follows it ("five more sets" / "disclaimer: ...")."""
    line = text.strip()
    return (
        role is BlockRole.PARAGRAPH
        and "\n" not in line
        and not opens_dialogue(line)
        and _title_like(line)
        and (
            is_title_like(line.strip("~*=_#- "))
            or next_role in (BlockRole.DISCLAIMER, BlockRole.AUTHOR_NOTE)
        )
    )


def opens_dialogue(text: str) -> bool:
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
        or _TITLE_FANDOM_BY.match(line) is not None
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


def parse_front_block(
    block: str, collector: FieldCollector, carry: str | None = None, *, after_title: bool = False
) -> str | None:
    """Parse a front-matter block into ``collector``. Unlabelled lines continue the field above
    them; before any field, the first title-like line is the title and the others the summary.
    Labels ficscope has no field for are kept (in ``extra``) in blocks with a known label.

    A summary or notes label ending a block ("Summary:" alone, as AO3's page copies) goes on in
    the blocks after it: ``carry`` is the field the block before left open, and the field this
    one leaves open is returned. ``after_title``: the block before held the title alone, so a
    user name opening this one is the author (AO3's page copied, the author under the title).
    """
    lines = [part for ln in block.splitlines() if ln.strip() for part in _fields_of(ln.strip())]
    known = any(_header_line(ln) for ln in lines)
    last_field: str | None = carry
    under_label = False  # after a label alone on its line: the lines below are its value
    open_field = carry
    title_at = -1 if after_title else -2  # the line the title is on
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
        one_line = _TITLE_FANDOM_BY.match(line)
        if one_line and not collector.has("title"):
            collector.set("title", _undecorated(one_line["title"]))
            collector.set("fandoms", one_line["fandom"], (one_line["fandom"],))
            collector.set("authors", _undecorated(one_line["author"]))
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
        if last_field == "authors" and not under_label and not _USERNAMES.match(line):
            last_field = None  # "By: quietlantern" over the summary's first sentence
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
