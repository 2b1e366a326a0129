"""Quotations: every quoted span in the story paragraphs, robust to malformed quoting.

How a careful reader pairs marks, and so how this pass does:
- Quoting resets at paragraph boundaries. A quotation still open at the end of a paragraph ends
  there (``close`` is None); if the next paragraph opens with a quote mark, its first quotation is
  marked ``continued`` (speech running over paragraphs).
- Straight marks are read by their surroundings: ``"`` after a space and before a letter opens,
  after a letter and before a space closes. A mark that can only open, met while a quotation is
  open, means the earlier one was never closed: it ends where its last sentence ended.
- A closing mark with nothing open looks back for a single mark that opened it (``'Wait."``).
- Inside a quotation, single marks at word edges are a nested quotation (``depth`` 1).
- The dialogue style (double quotes, single quotes (British), guillemets, or em-dash dialogue)
  is detected for the work, and again for each chapter with dialogue enough to tell: a work
  written over years may change its convention between chapters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import Enum

from ficscope.model import Block, BlockRole, Chapter, Quote, Work
from ficscope.pipeline import register


class Style(str, Enum):
    DOUBLE = "double"
    SINGLE = "single"
    GUILLEMET = "guillemet"
    DASH = "dash"


_DOUBLE_MARKS = re.compile(r'["“”„«»]')
_SINGLE_MARKS = re.compile(r"['‘’‚]")
_APOSTROPHE_MARKS = re.compile(r"''|``|[\"“”]")  # two-character marks first
_OPEN_ONLY = {"“": "”", "„": "“", "«": "»"}
_CLOSE_ONLY = {"”", "»"}
_OPENING_CONTEXT = set(" \t\n\r([{—–-/\u00a0")
_CLOSING_FOLLOW = set(" \t\n\r,.;:!?)]}—–-…\u00a0")
_SENTENCE_END = re.compile(r"[.!?…]+['’]?(?=\s)")
_ELISIONS = re.compile(r"(?:em|tis|twas|cause|bout|til|till|round|n|im|er|ere|s|ol)\b", re.I)


def detect_style(text: str, paragraphs: Iterable[Block]) -> Style:
    """The dialogue convention of these paragraphs, from how they open and which marks they use.

    Dash dialogue needs at least two paragraphs opening with a speech dash (see
    ``_opens_with_speech``) and fewer than half as many paragraphs holding a double quotation mark
    or a guillemet: an epigraph signed "— Oscar Wilde" or a text that quotes with marks and opens
    the odd line with a dash keeps its quotation marks."""
    return _style_of(_style_counts(text, list(paragraphs)))


def _style_counts(text: str, paragraphs: list[Block]) -> dict[Style | str, int]:
    """How many paragraphs open in each style, and how many hold a double mark or guillemet
    ("marked") and how many double marks the first 200,000 characters hold ("doubles")."""
    counts: dict[Style | str, int] = dict.fromkeys(Style, 0)
    marked = doubles = seen = 0
    for block in paragraphs[:5000]:
        first = text[block.start : block.start + 2]
        if first[:1] in '"“„':
            counts[Style.DOUBLE] += 1
        elif first[:1] in "'‘" and first[1:2].isalpha():
            counts[Style.SINGLE] += 1
        elif first[:1] in "«»":
            counts[Style.GUILLEMET] += 1
        elif _opens_with_speech(text, block.start, block.end):
            counts[Style.DASH] += 1
        if _DOUBLE_MARKS.search(text, block.start, block.end):
            marked += 1
        if seen < 200_000:
            doubles += sum(text.count(m, block.start, block.end) for m in '"“”„')
            seen += block.end - block.start
    counts["marked"], counts["doubles"] = marked, doubles
    return counts


def _style_of(counts: dict[Style | str, int]) -> Style:
    styles = {s: counts[s] for s in Style}
    if styles[Style.DASH] < 2 or counts["marked"] >= styles[Style.DASH] * 0.5:
        styles[Style.DASH] = 0
    best = max(styles, key=lambda s: styles[s])
    if styles[best] == 0 or styles[Style.DOUBLE] >= styles[best] * 0.5:
        return Style.DOUBLE
    if best is Style.SINGLE and counts["doubles"] >= styles[Style.SINGLE]:
        # '"Wait," he said.' opening with the wrong mark is not British dialogue: in single-quote
        # works double marks are rare (nested quotations only).
        return Style.DOUBLE
    return best


_CHAPTER_EVIDENCE = 4  # paragraphs opening with dialogue before a chapter's own style counts


def chapter_styles(text: str, paragraphs: list[Block], chapters: Iterable[Chapter]) -> list[Style]:
    """The style of each paragraph: its chapter's, where the chapter opens at least
    ``_CHAPTER_EVIDENCE`` paragraphs with dialogue, else the work's."""
    work_style = detect_style(text, paragraphs)
    styles = [work_style] * len(paragraphs)
    bounds = sorted((c.start, c.end) for c in chapters)
    if len(bounds) < 2:
        return styles
    i = 0
    for lo, hi in bounds:
        while i < len(paragraphs) and paragraphs[i].start < lo:
            i += 1
        j = i
        while j < len(paragraphs) and paragraphs[j].start < hi:
            j += 1
        counts = _style_counts(text, paragraphs[i:j])
        if sum(counts[s] for s in Style) >= _CHAPTER_EVIDENCE:
            styles[i:j] = [_style_of(counts)] * (j - i)
        i = j
    return styles


@register("quotes", requires=("read",), assigns=("quotes",))
def quotes_pass(work: Work) -> Work:
    """Find every quotation in the story paragraphs."""
    paragraphs = [b for b in work.blocks if b.role is BlockRole.PARAGRAPH]
    styles = chapter_styles(work.text, paragraphs, work.chapters)
    return work.with_layers("quotes", quotes=tuple(find_quotes(work.text, paragraphs, styles)))


def find_quotes(
    text: str, paragraphs: list[Block], style: Style | list[Style] | None = None
) -> list[Quote]:
    """The quotations of the paragraphs, read in one style or in one style per paragraph."""
    if isinstance(style, list):
        styles = style
    else:
        styles = [style or detect_style(text, paragraphs)] * len(paragraphs)
    found: list[Quote] = []
    carried = False  # the previous paragraph ended inside a quotation
    for k, (block, own) in enumerate(zip(paragraphs, styles, strict=True)):
        if own is Style.DASH and _DASH_OPENER.match(text, block.start, block.end):
            found.extend(_dash_quotes(text, block))
            carried = False
            continue
        single = own is Style.SINGLE
        following = paragraphs[k + 1] if k + 1 < len(paragraphs) else None
        quotes, carried = _paired(
            text,
            block,
            carried,
            single=single,
            doubled=not single and _doubled(text, block),
            runs_on=following is not None and _opens_quoted(text, following, single=single),
        )
        found.extend(quotes)
    return found


def _opens_quoted(text: str, block: Block, *, single: bool) -> bool:
    """Whether a paragraph opens on a quotation mark: the way speech running on from an
    unclosed paragraph picks up again."""
    first = text[block.start : block.start + 1]
    return first in ("'‘" if single else '"“')


def _doubled(text: str, block: Block) -> bool:
    """Whether a paragraph of double-quoted dialogue types its marks as two apostrophes
    (''Hello,'' she said) or TeX's ``Hello,'': no double mark in it, and two such marks. (A
    paragraph with double marks keeps them: its ''Tis is a quotation opening on an elision.)"""
    if _DOUBLE_MARKS.search(text, block.start, block.end):
        return False
    return text.count("''", block.start, block.end) + text.count("``", block.start, block.end) >= 2


def _kind(text: str, pos: int, start: int, end: int, width: int = 1) -> str:
    """'open', 'close' or 'either' for the mark at ``pos`` (``width`` characters) from what
    surrounds it."""
    before = text[pos - 1] if pos > start else " "
    after = text[pos + width] if pos + width < end else " "
    opens = before in _OPENING_CONTEXT or before in "\"“'‘"
    closes = after in _CLOSING_FOLLOW or after in "\"”'’"
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "either"


_PAIRS = {"„": "“”", "«": "»", "»": "«", "“": "”", "‚": "‘’"}


def _mark_kind(text: str, pos: int, start: int, end: int, open_mark: str) -> str:
    """'open', 'close' or 'either' for a quote mark, given the mark of the open quotation.

    Curly marks have a direction, except that German quotes open low and close with “ („…“),
    and guillemets run either way (French «…», German and Danish »…«)."""
    mark = text[pos]
    if open_mark and mark in _PAIRS.get(open_mark, ""):
        return "close"
    after = text[pos + 1] if pos + 1 < end else " "
    if mark == "“" and open_mark and after.isspace():
        return "close"  # typed the wrong way round: '…why would you - “ Emmanellain’s voice failed'
    if mark in "„‚“":
        return "open"
    if mark == "”" and not open_mark and after.isalpha() and _kind(text, pos, start, end) == "open":
        return "open"  # '”Wait,” she said.'
    if mark == "”":
        return "close"
    if mark in "«»":
        if open_mark in "«»" and open_mark:
            return "close" if mark != open_mark else "open"
        kind = _kind(text, pos, start, end)
        return "open" if kind == "either" else kind
    return _kind(text, pos, start, end)


def _paired(
    text: str,
    block: Block,
    carried: bool,
    *,
    single: bool,
    doubled: bool = False,
    runs_on: bool = False,
) -> tuple[list[Quote], bool]:
    """The quotations of one paragraph in double, single (``single``) or doubled-apostrophe
    (``doubled``) style, and whether the last one is left open at its end. ``runs_on``: the
    next paragraph opens on a quotation mark, as speech carried over paragraphs does."""
    start, end = block.start, block.end
    marks = _APOSTROPHE_MARKS if doubled else _SINGLE_MARKS if single else _DOUBLE_MARKS
    quotes: list[Quote] = []
    open_at: int | None = None
    open_mark = ""
    last_end = start
    inner: list[Quote] = []  # single marks quoted inside single-quoted speech
    inner_at: int | None = None
    for match in marks.finditer(text, start, end):
        pos, mark, stop = match.start(), match.group(), match.end()
        if single and _is_apostrophe(text, pos, start, end, open_at is not None):
            continue
        if mark == "``":
            kind = "open"
        elif mark == "''":
            kind = _kind(text, pos, start, end, width=2)
        else:
            kind = _mark_kind(text, pos, start, end, open_mark if open_at is not None else "")
        if mark in "‘" and single:
            kind = "open"
        if inner_at is not None:
            if kind != "open":
                inner.append(Quote(inner_at, stop, text[inner_at], mark, depth=1))
                inner_at = None
            continue
        if (
            single
            and open_at is not None
            and kind == "open"
            and (
                _introduced(text, open_at, pos)
                or _short_inner(text, pos, end)
                or _mid_sentence(text, open_at, pos, end)
            )
        ):
            inner_at = pos  # 'She said, 'A witch who won't rest...' I thought she meant me.'
            continue
        if open_at is None:
            if kind == "close":
                if carried and not quotes and last_end == start:
                    # Speech running on from the paragraph before, without a new opening mark.
                    quotes.append(Quote(start, stop, "", mark, continued=True))
                    last_end = stop
                    continue
                opener = None if single or doubled else _single_opener(text, last_end, pos)
                if opener is not None:
                    quotes.append(Quote(opener, stop, text[opener], mark))
                    last_end = stop
                continue
            open_at, open_mark = pos, mark
            continue
        if kind == "open":
            # The open quotation was never closed: end it where its last sentence ended.
            cut = _last_sentence_end(text, open_at + len(open_mark), pos)
            quotes.append(Quote(open_at, cut, open_mark, None))
            open_at, open_mark = pos, mark
            continue
        quotes.append(Quote(open_at, stop, open_mark, mark))
        last_end = stop
        open_at = None
    still_open = open_at is not None
    if still_open:
        assert open_at is not None
        quotes.append(Quote(open_at, end, open_mark, None))
    if carried and quotes and quotes[0].start == start:
        first = quotes[0]
        quotes[0] = Quote(first.start, first.end, first.open, first.close, continued=True)
    if still_open:
        # A careful reader ends an unclosed quotation where narration resumes inside this
        # paragraph, if it does; otherwise the speech may run on into the next paragraph. When
        # the next paragraph opens on a quotation mark, the convention of speech running over
        # paragraphs, only a name resumes the narration ("Sakura walked over to the door"): "She
        # put in salt instead of sugar" goes on with the speaker's story.
        last = quotes[-1]
        resumed = _narration_resumes(
            text, last.start + max(1, len(last.open)), last.end, named=runs_on
        )
        if resumed is not None:
            quotes[-1] = Quote(last.start, resumed, last.open, None, continued=last.continued)
            still_open = False
    nested = [q for outer in quotes for q in _nested(text, outer, single=single)]
    nested += [q for q in inner if any(o.start < q.start and q.end < o.end for o in quotes)]
    if nested:
        quotes = sorted(quotes + nested, key=lambda q: (q.start, q.depth))
    return quotes, still_open


_NARRATION_SUBJECT = re.compile(
    r"(?!(?:Then|But|And|So|Now|If|When|This|That|There|What|Well|Yes|No|Oh|Just|Maybe|Please|"
    r"Let|We|You|I|It|Why|How|Who|Where|Because|After|Before|Once|All|Everyone|Nobody)\b)"
    r"(?:He|She|They|His|Her|Their|The|[A-Z][a-z]+)\s+(?:(?!I\b|we\b|you\b|me\b|my\b|our\b|your\b)\w+\s+){0,2}?"
    r"(?:\w+ed|was|were|had|said|went|took|saw|felt|knew|came|ran|got|made|put|stood|sat|"
    r"began|turned|found|thought|told|left|held|heard|gave|kept|let|looked|"
    # and the same told in the present ("He sighs.")
    r"says|asks|looks|turns|smiles|nods|sighs|shrugs|grins|laughs|frowns|walks|takes|sees|feels|"
    r"knows|comes|goes|gets|makes|puts|stands|sits|begins|finds|thinks|tells|leaves|holds|hears|"
    r"gives|keeps|runs|pulls|pushes|rolls|snorts|scoffs|huffs)\b"
)


_INTRODUCING = re.compile(r"[,:]\s*$")


def _introduced(text: str, lo: int, pos: int) -> bool:
    """Whether the quote mark at ``pos``, inside speech opened at ``lo``, follows words that
    introduce a quotation ("She said, '…"): someone quoted within the speech, not new speech."""
    return pos - lo > 2 and _INTRODUCING.search(text, max(lo, pos - 3), pos) is not None


_SHORT_INNER = re.compile(r"['‘][^'‘’\n.!?]{1,40}['’](?=,|\s+[a-z])")
# After a quotation's closing mark, the words of a speech tag ('Fine,' he said): such a
# quotation ends an unclosed one rather than being quoted inside it.
_TAG_AFTER = re.compile(
    r"\s+(?:he|she|they|i|we|you|said|says|asked|asks|replied|cried|whispered|muttered|"
    r"called|shouted|answered)\b"
)


_CURLY_INNER = re.compile(r"‘(?:[^‘’\n]|(?<=\w)’(?=\w)){1,60}’")  # "don’t" inside


def _mid_sentence(text: str, lo: int, pos: int, end: int) -> bool:
    """Whether the curly mark at ``pos``, inside speech opened at ``lo``, opens words quoted in
    the middle of a sentence of that speech, closed a few words on ("better pleased to say
    ‘good-by,’ than ‘how do you do.’ But ..."): a lower-case word right before it, so no new
    speech."""
    if pos - lo <= 2 or not _CURLY_INNER.match(text, pos, end):
        return False
    k = pos - 1
    while k > lo and text[k] in " \t":
        k -= 1
    return text[k].isalpha() and text[k].islower()


def _short_inner(text: str, pos: int, end: int) -> bool:
    """Whether the mark at ``pos`` opens a few quoted words that the speech then runs on
    from ("put in things like 'lunch', and 'sleep, you lunatic', and ..."): words quoted inside
    the speech, not the start of new speech."""
    found = _SHORT_INNER.match(text, pos, end)
    return found is not None and not _TAG_AFTER.match(text, found.end(), end)


def _narration_resumes(text: str, lo: int, hi: int, *, named: bool = False) -> int | None:
    """Where an unclosed quotation's speech ends because third-person past-tense narration
    begins: the end of the sentence before it. None when nothing reads as narration. ``named``:
    only narration whose subject is a name counts."""
    for match in _SENTENCE_END.finditer(text, lo, hi):
        nxt = match.end()
        while nxt < hi and text[nxt].isspace():
            nxt += 1
        found = _NARRATION_SUBJECT.match(text, nxt, hi) if nxt < hi else None
        if found is None or text.startswith("I ", nxt):
            continue
        if named and _NOT_A_NAME.match(text, nxt, hi):
            continue
        return match.end()
    return None


_NOT_A_NAME = re.compile(r"(?:He|She|They|His|Her|Their|The)\b")


def _is_apostrophe(text: str, pos: int, start: int, end: int, inside: bool) -> bool:
    before = text[pos - 1] if pos > start else " "
    after = text[pos + 1] if pos + 1 < end else " "
    if before.isalnum() and after.isalnum():
        return True  # don't, O'Brien
    if not inside and not before.isalnum() and _ELISIONS.match(text, pos + 1, min(end, pos + 8)):
        return not _closed_later(text, pos, end)  # 'em, 'tis; but 'Till sunrise.' is a line
    if (
        before in "sS"
        and inside
        and after in " \t"
        and text[pos + 1 : pos + 3].strip()[:1].islower()
    ):
        return True  # the boys' books
    return False


def _closed_later(text: str, pos: int, end: int) -> bool:
    """Whether the next single mark after ``pos`` that stands between no two letters closes a
    quotation: then the elision-like mark at ``pos`` ('Till, 'Tis) opens it, or that closing
    mark would have no opening one."""
    for match in _SINGLE_MARKS.finditer(text, pos + 1, end):
        at = match.start()
        if text[at - 1].isalnum() and at + 1 < end and text[at + 1].isalnum():
            continue  # don't, O'Brien
        if text[at - 1] in "sS" and text[at + 1 : at + 3].strip()[:1].islower():
            continue  # the boys' books
        return _kind(text, at, pos + 1, end) == "close"
    return False


def _single_opener(text: str, lo: int, hi: int) -> int | None:
    """A single mark at a word start in ``text[lo:hi]`` that opened the quotation closing at hi."""
    for pos in range(lo, hi):
        if text[pos] in "'‘" and (pos == lo or text[pos - 1] in _OPENING_CONTEXT):
            if pos + 1 < hi and text[pos + 1].isalpha():
                return pos
    return None


def _last_sentence_end(text: str, lo: int, hi: int) -> int:
    """The end of the first sentence-final punctuation run in ``text[lo:hi]`` followed by narration,
    falling back to the last word before ``hi``."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text, lo, hi)]
    if ends:
        return ends[0] if len(ends) == 1 else ends[-1]
    return lo + len(text[lo:hi].rstrip())  # slice the quotation only, never the whole text


def _nested(text: str, outer: Quote, *, single: bool = False) -> list[Quote]:
    """Quotations inside a quotation: single marks inside double-quoted dialogue, double marks
    inside single-quoted (British) dialogue."""
    lo = outer.start + (2 if len(outer.open) == 2 else 1)
    hi = outer.end - (len(outer.close) if outer.close else 0)
    marks = _DOUBLE_MARKS if single else _SINGLE_MARKS
    if marks.search(text, lo, hi) is None:
        return []
    found: list[Quote] = []
    open_at: int | None = None
    for match in marks.finditer(text, lo, hi):
        pos = match.start()
        before = text[pos - 1] if pos > lo else " "
        after = text[pos + 1] if pos + 1 < hi else " "
        if before.isalnum() and after.isalnum():
            continue
        if open_at is None:
            if (before in _OPENING_CONTEXT or pos == lo) and (after.isalnum() or after in "…."):
                if not _ELISIONS.match(text, pos + 1, min(hi, pos + 8)):
                    open_at = pos
        elif (after in _CLOSING_FOLLOW or pos + 1 == hi) and not before.isspace():
            found.append(
                Quote(open_at, pos + 1, text[open_at], match.group(), depth=outer.depth + 1)
            )
            open_at = None
    return found


# -- dash dialogue ------------------------------------------------------------------------------
#
# A paragraph opening with a dash is speech: an em dash, a horizontal bar or an en dash (Spanish,
# French, Russian and translated fan fiction), or two hyphens standing for one (Joyce, Project
# Gutenberg). Speech runs to the end of the paragraph except where narration interrupts it:
# - a spaced dash before a tag, "—No —dijo él—. Ven." / "— Where? — he asked — Here.": the
#   narration runs to its closing dash, and speech resumes there (the span starts at that dash);
# - an undashed tag after a comma, "?" or "!", Joyce's "—Thanks, old chap, he cried briskly.
#   That will do nicely.": speech resumes after the tag, without a mark;
# - a dash closing the paragraph after sentence punctuation ("eyes.--") ends the speech and is
#   left out, as LitBank does; after a word ("But I—") it is a broken-off sentence and stays.

_DASH_OPENER = re.compile(r"(?:--(?!-)|[—―–])[ \t\u00a0]?")
_DASH_RUN = re.compile(r"--+|[—―–]")
_SPEECH_VERBS = (
    r"(?:said|says|cried|asked|answered|replied|murmured|whispered|shouted|called|added|told|"
    r"repeated|exclaimed|muttered|returned|continued|rejoined|began|went on|broke in|put in)"
)
_SUBJECT = (
    r"(?:he|she|they|I|we|you|(?:the|a|his|her|their) [a-z]+|"
    r"(?:Mr\.? |Mrs\.? |Miss |Father |Uncle |Aunt )?[A-Z][\w’'-]*(?: [A-Z][\w’'-]*){0,2})"
)
_INLINE_TAG = re.compile(
    rf"(?<=[,?!…])[ \t]*\n?[ \t]*(?:{_SUBJECT}\s+(?:[a-z]+ly\s+)?{_SPEECH_VERBS}|"
    rf"{_SPEECH_VERBS}\s+{_SUBJECT})\b[^.,;:!?\"“”]{{0,80}}[.,;:!?]"
)


def _opens_with_speech(text: str, start: int, end: int) -> bool:
    """Whether the paragraph at ``start`` opens with a dash followed by the start of a sentence
    ("—Where", "-- What", "—¿Dónde", "– ..."): the paragraphs dash dialogue is detected by."""
    opener = _DASH_OPENER.match(text, start, end)
    if opener is None or opener.end() >= end:
        return False
    first = text[opener.end()]
    return first.isupper() or first in "¿¡…." or first.isdigit()


def _dash_quotes(text: str, block: Block) -> list[Quote]:
    """Dash dialogue: the paragraph's speech, split around the narration that interrupts it."""
    start, end = block.start, block.end
    opener = _DASH_OPENER.match(text, start, end)
    quotes: list[Quote] = []
    speech: int | None = start  # where the current stretch of speech began; None in narration
    pos = opener.end() if opener else start + 1
    while pos < end:
        if speech is None:
            dash = _DASH_RUN.search(text, pos, end)
            if dash is None:
                break
            # Narration ends at a dash; speech resumes if words follow it.
            words = dash.end()
            while words < end and (text[words].isspace() or text[words] in ".,;:"):
                words += 1
            if words >= end:
                break
            speech, pos = dash.start(), dash.end()
            continue
        dash = _DASH_RUN.search(text, pos, end)
        # A tag needs speech before it: in "said Buck Mulligan,\nsays you have" "says" is speech.
        tags = _INLINE_TAG.finditer(text, pos, dash.start() if dash else end)
        tag = next((t for t in tags if text[speech : t.start()].strip()), None)
        if tag is not None:
            quotes.append(_speech(text, speech, tag.start()))
            speech, pos = None, tag.end()
            resume = pos
            while resume < end and text[resume].isspace():
                resume += 1
            if resume < end and not _DASH_RUN.match(text, resume, end):
                speech = resume
            continue
        if dash is None:
            break
        pos = dash.end()
        if not text[pos:end].strip():
            if text[dash.start() - 1] in ".!?…":
                quotes.append(_speech(text, speech, dash.start()))  # "eyes.--" closes the speech
                speech = None
            break
        if text[dash.start() - 1].isspace() and _narration_after(text, speech, dash.start(), pos):
            quotes.append(_speech(text, speech, dash.start()))
            speech = None
    if speech is not None:
        quotes.append(_speech(text, speech, end))
    return quotes


def _narration_after(text: str, speech: int, dash: int, after: int) -> bool:
    """Whether the spaced dash at ``dash`` hands over to narration: a lower-case word follows it
    ("—No —dijo él", "— he asked"), or the speech before it has ended a sentence ("—Ya voy. —Y
    salió")."""
    follow = after
    while follow < len(text) and text[follow] in " \t\u00a0":
        follow += 1
    if follow < len(text) and text[follow].islower():
        return True
    before = text[speech:dash].rstrip()
    return before[-1:] in ".!?…,"


def _speech(text: str, start: int, end: int) -> Quote:
    """One stretch of dash-dialogue speech, trailing white space left out; it opens with its dash
    when it has one (``open`` is then that character), and has no closing mark."""
    while end > start + 1 and text[end - 1].isspace():
        end -= 1
    mark = text[start] if text[start] in "—―–-" else ""
    return Quote(start, end, mark, None)
