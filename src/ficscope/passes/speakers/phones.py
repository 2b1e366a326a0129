"""Phone calls: a voice heard on the line, the one whose phone rang or who holds or answers it,
lines said to the phone or passed on, speech the narration tells, and the end of a call."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from ficscope.model import NARRATOR
from ficscope.passes.discourse import Token
from ficscope.passes.speaker_cues import DEVICES, CueFinder, Turn
from ficscope.passes.speakers.features import turn_subjects

# a device, or what is heard through one: "came through, far too close to the receiver"
_DEVICE = re.compile(
    rf"\b(?:{'|'.join(sorted(DEVICES | {'phones', 'line', 'speaker', 'static'}))})\b", re.IGNORECASE
)


def _heard_on_the_line(finder: CueFinder, turn: Turn) -> str | None:
    """The one whose voice a turn's narration says came through a phone or a radio: 'Castiel's
    voice came through, far too close to the receiver', or 'said Alya's voice' a paragraph
    after "Her phone buzzed": the one named by its tag, intro or beat, with "voice" in its
    narration and a phone, line or speaker in it or the paragraph before."""
    named = set(turn_subjects(turn))
    if len(named) != 1 or any(c.startswith("unnamed-") for c in named):
        return None  # not "a voice I didn't know": one unnamed voice is not the next
    dis = finder.dis
    para = dis.paragraphs[turn.para]
    text = dis.text[para.start : para.end]
    if "voice" not in text.lower():
        return None
    spans = [dis.quotes[cue.index] for cue in turn.quotes]
    narration = "".join(
        text[a - para.start : b - para.start]
        for a, b in zip(
            [para.start] + [q.end for q in spans],
            [q.start for q in spans] + [para.end],
            strict=True,
        )
    )
    if not re.search(r"\bvoice\b", narration, re.IGNORECASE):
        return None
    before = dis.paragraphs[turn.para - 1] if turn.para > 0 else para
    if not (_DEVICE.search(narration) or _DEVICE.search(dis.text[before.start : before.end])):
        return None
    return next(iter(named))


_PHONES = DEVICES | {"cell"}  # what rings: "Her phone buzzed", "his cell went"
_RINGS = frozenset(
    "rang rings ringing buzzed buzzes buzzing vibrated vibrates vibrating chimed chimes pinged "
    "pings beeped beeps trilled trills shrilled shrills blared blares chirped chirps went goes "
    "lit lights".split()
)
# "his phone went dead", "the radio goes quiet": went/goes ring only where no such word follows
_WENT_QUIET = frozenset("dead silent quiet still dark black blank flying out missing numb".split())


def _rings(tokens: Sequence[Token], j: int) -> bool:
    """Whether token j says a phone rang: "rang", "buzzed", "went" (not "went dead")."""
    word = tokens[j].lower
    if word not in _RINGS:
        return False
    if word in ("went", "goes"):
        return j + 1 >= len(tokens) or tokens[j + 1].lower not in _WENT_QUIET
    return True


def _narration_before(finder: CueFinder, previous: Turn | None, turn: Turn) -> tuple[int, int]:
    """The token range of the narration just before a turn: the paragraphs since the turn before
    (the two before the turn at most) and the turn's own, up to its first quotation."""
    dis = finder.dis
    first = dis.paragraphs[turn.para - turn.gap].first_token if previous is not None else 0
    first = max(first, dis.paragraphs[max(0, turn.para - 2)].first_token)
    stop = dis.token_at(dis.quotes[turn.quotes[0].index].start)
    return first, min(stop, dis.paragraphs[turn.para].last_token)


def _phone_holder(finder: CueFinder, previous: Turn | None, turn: Turn) -> str | None:
    """The one whose phone the narration just before a turn says rang: "Her phone buzzed
    against the tiles.", "Courfeyrac's phone went at twenty to ten.", "his phone rang" (the
    owner a name's "'s" or a his/her/my that coreference resolved); "went dead" rings no one.
    The narration searched is the paragraphs since the turn before (the two before the turn at
    most) and the turn's own, up to its first quotation."""
    tokens = finder.tokens
    first, stop = _narration_before(finder, previous, turn)
    for i in range(max(first, 1), stop - 1):
        tok = tokens[i]
        if tok.quote >= 0 or tok.lower not in _PHONES:
            continue
        if not any(_rings(tokens, j) for j in range(i + 1, min(i + 3, stop))):
            continue
        owner = tokens[i - 1].lower
        for j in range(i - 1, max(i - 5, -1), -1):  # the ref ending right before the phone
            ref = finder.refs.get(j)
            if ref is not None and ref[0] == i - 1:
                if ref[2] == "pronoun" and owner in ("his", "her", "their"):
                    return ref[1]
                if ref[2] != "pronoun" and owner.endswith(("'s", "’s")):
                    return ref[1]
                if owner == "my":
                    return NARRATOR
                break
    return None


# a phone held to talk on: "the phone against his ear", "looking up from the phone", "into the
# receiver"; not one put away: "set the phone down", "hung up the phone"
_HOLDING = frozenset("against from into".split())
_HELD = _PHONES | {"recorder", "dictaphone"}  # what one picks up to speak into
_PICKS = frozenset("picked picks lifted lifts grabbed grabs raised raises snatched".split())
_PUT_AWAY = frozenset(
    "down away hung hangs pocketed pockets lowered lowers dropped drops set sets put puts "
    "dead silent quiet off".split()
)


def _on_the_phone(finder: CueFinder, previous: Turn | None, turn: Turn) -> str | None:
    """The one the narration just before a turn shows on the phone: "Josh was at his desk with
    ... the phone against his ear.", "Harry Truman waved him in without looking up from the
    phone." (the sentence's first character, named or a resolved pronoun and not unnamed, before
    a phone or receiver after "against", "from", "into" or "on the", or before "against/to
    his ear"); not "stared at the phone", "reads something on his phone", a sentence putting
    it away ("hung up", "set it down") or about a voice ("too close to the phone"). Or the one
    who picks up a phone or a recorder to speak into it ("When she had gone, ... he picked the
    recorder up again.": the one right before the verb). The narration searched is that of
    ``_phone_holder``."""
    return _held_in(finder, *_narration_before(finder, previous, turn))


def _holds_in_tag(finder: CueFinder, turn: Turn) -> str | None:
    """The one a turn's own narration after its first quotation shows on the phone, as
    ``_on_the_phone`` reads it: '"Yeah, this is Carmen," he says, pinning the phone between his
    ear and his shoulder.' (the holder of the call from the next turn on)."""
    dis = finder.dis
    para = dis.paragraphs[turn.para]
    return _held_in(finder, dis.token_at(dis.quotes[turn.quotes[0].index].end), para.last_token)


def _held_in(finder: CueFinder, first: int, stop: int) -> str | None:
    """``_on_the_phone`` over the tokens first..stop."""
    tokens = finder.tokens
    found = finder.positions(_ANSWERED_OR_HELD)  # only these tokens can pass a test below
    start = max(first, 3)
    for p in range(bisect_left(found, start), len(found)):
        i = found[p]
        if i >= stop:
            break
        tok = tokens[i]
        if tok.quote < 0 and tok.lower in _ANSWERED and _a_phone_answered(finder, first, stop, i):
            who = _first_in_sentence(finder, first, i)
            if who is not None:
                return who
        if tok.quote >= 0 or tok.lower not in _HELD:
            continue
        verb = i - 3 if tokens[i - 2].lower == "up" else i - 2  # "picked (up) the recorder"
        if tokens[verb].lower in _PICKS and tokens[i - 1].lower in ("the", "his", "her", "their"):
            who = next(
                (
                    finder.refs[k][1]
                    for k in range(verb - 1, max(verb - 5, 0), -1)
                    if k in finder.refs and finder.refs[k][0] == verb - 1
                ),
                None,
            )
            if who is not None and not who.startswith("unnamed-"):
                return who
        if tok.lower not in _PHONES:
            continue
        on_it = tokens[i - 2].lower == "on" and tokens[i - 1].lower == "the"  # not "on his phone"
        to_ear = i + 3 < len(tokens) and tokens[i + 1].lower in ("against", "to", "between")
        to_ear = to_ear and "ear" in (tokens[i + 2].lower, tokens[i + 3].lower)  # "against his ear"
        if not (
            on_it or to_ear or tokens[i - 1].lower in _HOLDING or tokens[i - 2].lower in _HOLDING
        ):
            continue
        j = i
        while j > first and tokens[j - 1].sent == tok.sent:
            j -= 1
        sentence = range(j, i)
        end = i
        while end < stop and tokens[end].sent == tok.sent:
            end += 1
        if any(tokens[k].lower in _PUT_AWAY or tokens[k].lower == "voice" for k in range(j, end)):
            continue
        who = next(
            (finder.refs[k][1] for k in sentence if k in finder.refs and tokens[k].quote < 0),
            None,
        )
        if who is not None and not who.startswith("unnamed-"):
            return who
    return None


_ANSWERED = frozenset("answered answers".split())
_ANSWERED_OR_HELD = _ANSWERED | _HELD


def _a_phone_answered(finder: CueFinder, first: int, stop: int, i: int) -> bool:
    """Whether token i, "answered", answers a phone: "answered the phone", "answered his
    phone", or "answered it" where the narration searched names a phone ("Donna nodded at the
    phone in his hand, which had started up again." / "Harvey ... answered it")."""
    tokens = finder.tokens
    if i + 1 >= len(tokens):
        return False
    after = tokens[i + 1].lower
    if after == "it":
        return any(tokens[k].quote < 0 and tokens[k].lower in _PHONES for k in range(first, stop))
    return (
        after in ("the", "his", "her", "their", "my")
        and i + 2 < len(tokens)
        and tokens[i + 2].lower in _PHONES
    )


def _first_in_sentence(finder: CueFinder, first: int, i: int) -> str | None:
    """The first character referred to in the narration of token i's sentence before it (a
    name or a resolved pronoun, not one unnamed)."""
    tokens = finder.tokens
    j = i
    while j > first and tokens[j - 1].sent == tokens[i].sent:
        j -= 1
    who = next(
        (finder.refs[k][1] for k in range(j, i) if k in finder.refs and tokens[k].quote < 0),
        None,
    )
    return who if who is not None and not who.startswith("unnamed-") else None


_TO_THE_PHONE = re.compile(
    r"\b(?:asked|asks|told|tells|said|says|shouted|shouts|yelled|yells|called|calls|added|adds"
    r"|answered|answers|replied|replies|snapped|snaps|muttered|mutters)\s+(?:(?:in)?to\s+|at\s+)?"
    r"(?:the|his|her|their|my|your)\s+"
    rf"(?:{'|'.join(sorted(DEVICES | {'speaker'}))})\b",
    re.IGNORECASE,
)


_RELAY_VERBS = frozenset("says say said wants asks".split())
_RELAY_PRONOUNS = frozenset("he she they".split())


def _relayed(finder: CueFinder, turn: Turn) -> str | None:
    """Whose words a turn's first line opens by passing on: a character named, then "says"
    ('"Noya-senpai says—"'), or "" for a he, she or they ('"He says okay!"'); None for a line
    that does not open so. The caller decides whether that one is someone there or on the
    line ('"Kuroo says hi."' is the caller passing on a voice beside them, one heard
    nowhere)."""
    tokens = finder.tokens
    q = finder.dis.quotes[turn.quotes[0].index]
    i = finder.dis.token_at(q.start)
    while i < len(tokens) and tokens[i].quote >= 0 and not tokens[i].text[:1].isalnum():
        i += 1
    if i >= len(tokens) or tokens[i].quote < 0:
        return None
    ref = finder.refs.get(i)
    last = ref[0] if ref is not None else i
    if last + 1 >= len(tokens) or tokens[last + 1].lower not in _RELAY_VERBS:
        return None
    if ref is not None and ref[2] != "pronoun":
        return ref[1]
    return "" if tokens[i].lower in _RELAY_PRONOUNS else None


def _said_to_the_phone(finder: CueFinder, turn: Turn) -> bool:
    """Whether a turn's narration says its line was said to a phone or a radio ("Enjolras asked
    the phone", "she said into the receiver")."""
    dis = finder.dis
    para = dis.paragraphs[turn.para]
    for cue in turn.quotes:
        end = dis.quotes[cue.index].end
        if _TO_THE_PHONE.search(dis.text, end, min(para.end, end + 80)):
            return True
    return False


def _said_on_the_phone(
    finder: CueFinder,
    turn: Turn,
    who: str | None,
    before: str | None,
    call: tuple[str | None, str | None],
) -> tuple[str, ...]:
    """To whom a line in a phone call that calls nobody is said: a line said to the phone
    ("Mira asked the phone") to the one on the line, and the line of the one on the line to
    the one holding the phone ('"Girl, tell me you're awake," said Alya's voice' a paragraph
    after "Her phone buzzed": to Marinette, not to the kwami beside her), unless it answers
    someone else there who spoke right before (``before``: on speaker, anyone may talk to the
    phone). Empty otherwise."""
    on_line, holder = call
    if on_line is None or who is None:
        return ()
    if who != on_line and _said_to_the_phone(finder, turn):
        return (on_line,)
    if who == on_line and holder not in (None, who) and before in (None, who, holder):
        return (holder,)
    return ()


# speech told in the narration: "I ask her what kind of wrong.", "I say yes."
_REPORTED = frozenset(
    "tell tells told ask asks asked say says said answer answers answered reply replies "
    "replied promise promises promised explain explains explained".split()
)


def _reports_speech(finder: CueFinder, turn: Turn) -> bool:
    """Whether the narration since the turn before (up to the turn's first quotation) tells of
    something said ("I tell her I'm never too busy for her"): on a call heard from one side,
    then, the holder's words were told and the voice on the line answers."""
    tokens = finder.tokens
    dis = finder.dis
    first = dis.paragraphs[turn.para - turn.gap].first_token
    stop = min(dis.token_at(dis.quotes[turn.quotes[0].index].start), len(tokens))
    return any(tokens[i].quote < 0 and tokens[i].lower in _REPORTED for i in range(first, stop))


def _call_ended(finder: CueFinder, ends: Sequence[int], previous: Turn, turn: Turn) -> bool:
    """Whether the narration says a call ended between two turns ("The line went dead.")."""
    quotes = finder.dis.quotes
    start = quotes[previous.quotes[0].index].start
    return bisect_left(ends, start) < bisect_left(ends, quotes[turn.quotes[0].index].start)


def _called_later_on_the_line(
    finder: CueFinder, ends: Sequence[int], group: Sequence[Turn], k: int, holder: str
) -> str | None:
    """The far end of a call the one shown on the phone makes, named only later by a call:
    'Josh was at his desk ... the phone against his ear. It rang four times before she picked
    up.' / '"Hello?"' ... 'He took his feet off the desk. "Goodnight, Donna."': the one person
    other than the holder that the call's lines call (from turn k until the call ends), not
    anyone its narration shows there speaking or acting. None where the call's lines call two
    others, or nobody, and where no line of the call answers the one before at once (one side
    heard: the holder goes on)."""
    called: set[str] = set()
    there: set[str] = {holder}
    for turn in group[:k]:  # those shown in the conversation before the call are in the room
        there.update(turn_subjects(turn))
    both_sides = False  # a line of the call answered at once: the far end is heard
    for j in range(k, len(group)):
        turn = group[j]
        if j > k and (turn.gap > 1 or _call_ended(finder, ends, group[j - 1], turn)):
            break
        both_sides = both_sides or (j > k and turn.gap == 0)
        there.update(turn_subjects(turn))
        called.update(v for cue in turn.quotes for v in cue.vocatives)
    if not both_sides:
        return None  # '"Dennis. ..." / Donna leaned in the doorway': one side heard
    if there != {holder}:
        return None  # someone else there, who may be the one answering
    far = {c for c in called - there if not c.startswith("unnamed-") and c != NARRATOR}
    return next(iter(far)) if len(far) == 1 else None
