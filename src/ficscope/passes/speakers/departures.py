"""Who is still there: the characters the narration shows leaving (``departures``) and the
ones first met offstage (a voice from the next room)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence, Set
from typing import NamedTuple

from ficscope.passes.coref import scene_starts
from ficscope.passes.discourse import Token
from ficscope.passes.speaker_cues import CueFinder

# Words before a first mention that make the person someone the narration only speaks of
# ("to see Mrs. Hendry", "the bus to Long Island") or compares with ("as much dignity as a guy can
# have").
_OFFSTAGE = frozenset("see about of to from at in into on as like than".split())


def _offstage(tokens: Sequence[Token], first: int) -> bool:
    """Whether the word before a first mention at ``first``, or before the capitalised words
    running into it ("the bus to Long Island"), makes it someone only spoken of."""
    j = first - 1
    while j > 0 and tokens[j].text[:1].isupper() and not tokens[j].sent_start:
        j -= 1
    return j >= 0 and tokens[j].lower in _OFFSTAGE


# Verbs of leaving, alone ("She vanished.") or with a particle ("She backs out", "He hung up").
_LEAVING = frozenset(
    "left leaves vanished vanishes disappeared disappears departed departs exited exits".split()
)
_LEAVING_WITH = {
    v: frozenset({"out", "off", "away", "inside", "outside", "upstairs", "downstairs", "home"})
    for v in (
        "went goes walked walks ran runs hurried hurries stormed storms slipped slips backed "
        "backs headed heads stalked stalks limped limps"
    ).split()
}
_LEAVING_WITH.update({v: frozenset({"up"}) for v in ("hung", "hangs")})
# What one gets off to arrive: "Harvey walked off the elevator" comes in, not goes off
_ALIGHTED = frozenset(
    "elevator elevators lift lifts train bus plane boat ship ferry tram subway escalator".split()
)
_OWNERS = frozenset({"the", "his", "her", "their", "my", "our", "a"})
# Fleeing alone, with nothing after it, leaves: "and fled." (not "fled to the window")
_FLEEING = frozenset({"fled", "flees"})
_FOLLOWING = frozenset({"followed", "follows"})
# particles that leave even when a purpose follows: "ran off to find her brother"
_OFF_TO = frozenset({"off", "away", "home"})
# "She went back behind the counter": one met at their work going back to it
_BACK_TO_POST = frozenset({"to", "behind", "into", "inside"})
# pronouns that are never the subject of a verb ('to his left', 'behind her')
_NOT_SUBJECT = frozenset("him his her hers them their its me my us our your".split())
_AFTER_LEFT = frozenset({".", ",", "!", ";", "and", "without", "then"})
# Sleeping: "Laios is snoring.", "Tom was fast asleep", "She dozed": not there to talk
_ASLEEP = frozenset({"asleep", "snoring", "sleeping", "dozing"})
_SLEEPS = frozenset({"snores", "snored", "sleeps", "slept", "dozes", "dozed"})
_BEING = frozenset({"is", "was", "are", "were", "'s", "’s", "lies", "lay", "fell", "falls"})
_SLEEP_ADVERBS = frozenset({"still", "already", "fast", "sound", "now", "soundly", "quietly"})


def _asleep(tokens: Sequence[Token], v: int) -> bool:
    """Whether the words from ``v`` on, right after a subject, say it is asleep ("is
    snoring", "was fast asleep", "snored softly", "fell asleep")."""
    if v >= len(tokens) or tokens[v].quote >= 0:
        return False
    if tokens[v].lower in _SLEEPS:
        return True
    for j in range(v, min(v + 4, len(tokens) - 2)):  # "rolls over in his sleep"
        if tokens[j].lower == "in" and tokens[j + 2].lower == "sleep":
            return tokens[j + 1].lower in ("his", "her", "their")
    if tokens[v].lower not in _BEING:
        return False
    j = v + 1
    while j < len(tokens) and tokens[j].lower in _SLEEP_ADVERBS:
        j += 1
    return j < len(tokens) and tokens[j].lower in _ASLEEP


# "he left us slightly bewildered", "She left the room": those left behind, or the room
_LEFT_BEHIND = frozenset({"us", "them", "me"})
_LEFT_ROOMS = frozenset({"room", "house", "hall", "kitchen", "office", "parlour", "parlor"})


def departures(
    finder: CueFinder, genders: Mapping[str, str] | None = None
) -> dict[str, tuple[list[int], list[bool]]]:
    """Per character, the paragraphs whose narration refers to it, in order, and for each
    whether it leaves there: a reference is the subject of a verb of leaving ("She vanished.",
    "the guard went off", "She backs out, and the bell jangles behind her"). One met at their
    work going back to it ("She went back behind the counter") leaves, and the he or she who
    does so is the one role of that sex referred to in the last few paragraphs (``genders``),
    whoever coreference took the pronoun for."""
    refs = finder.refs
    found: dict[str, dict[int, bool]] = {}
    roles: dict[str, int] = {}  # unnamed characters -> the last paragraph referring to them
    for fact in _leavings(finder):
        character = refs[fact.first][1]
        if not character:
            continue
        para = fact.para
        if character.startswith("unnamed-"):
            roles[character] = para
        elif fact.to_post and genders and fact.gender:
            near = [c for c, p in roles.items() if para - p <= 3 and genders.get(c) == fact.gender]
            if len(near) == 1:
                character = near[0]  # '"Everybody knew them." / She went back behind the bar'
        leaving = fact.leaves or (fact.goes_back and character.startswith("unnamed-"))
        paras = found.setdefault(character, {})
        paras[para] = paras.get(para, False) or leaving
    for para, going in _strangers_leave(finder).items():
        for character in going:
            paras = found.setdefault(character, {})
            paras[para] = True
    for para, stayers in _others_leave(finder).items():
        for character in sorted(_scene_so_far(finder, para) - stayers):
            paras = found.setdefault(character, {})
            paras[para] = True
    return {c: (sorted(paras), [paras[p] for p in sorted(paras)]) for c, paras in found.items()}


class _Leaving(NamedTuple):
    """What the text says around a reference of the narration (``first``) about its leaving,
    whoever it refers to: the same for both decodes, so read once (``_leavings``)."""

    first: int
    para: int
    to_post: bool  # going back: "She went back behind the counter"
    gender: str | None  # "m" or "f" for a "he" or "she"
    leaves: bool  # its verb one of leaving, or "and" one ('"Not today," he admitted, and fled.')
    goes_back: bool  # going back to a post, its verb the narration's: leaving for one met there


def _leavings(finder: CueFinder) -> list[_Leaving]:
    """A ``_Leaving`` per reference of the narration, in token order (once per work)."""
    return finder.once("leavings", lambda: _read_leavings(finder))


def _read_leavings(finder: CueFinder) -> list[_Leaving]:
    tokens = finder.tokens
    # 'Phichit slipped out onto the balcony, and Viktor followed him': the scene goes with them
    followed = {tokens[i].para for i in finder.dis.positions(_FOLLOWING) if tokens[i].quote < 0}
    out = []
    for first, last in finder.narration_refs():
        v = _own_verb(tokens, last + 1)
        verb = tokens[v] if v < len(tokens) else None
        nxt = tokens[v + 1].lower if v + 1 < len(tokens) else "."
        then = tokens[v + 2].lower if v + 2 < len(tokens) else "."
        back = nxt == "back" and v + 2 < len(tokens)
        if back:
            nxt = then  # "went back inside"
            then = tokens[v + 3].lower if v + 3 < len(tokens) else "."
        para = tokens[first].para
        # "She went back behind the counter"
        to_post = back and nxt in _BACK_TO_POST and verb is not None and verb.lower in _LEAVING_WITH
        subject = _can_be_subject(tokens[last].lower)  # "a few feet to his left": no one leaves
        spoken = subject and verb is not None and verb.quote < 0
        leaves = False
        if spoken and verb is not None:  # not "Shippo ran out to meet them": one coming out
            # to someone; "She shrieked happily and ran off"
            leaves = (
                (
                    _leaving(verb.lower, nxt, then)
                    and not _gets_off(tokens, v, nxt, then)
                    and not _hangs_up_and_stays(tokens, v, nxt, then)
                )
                or _and_leaves(tokens, v)
                or _had_gone(tokens, first, v)
            )
        if leaves and nxt == "out" and _speaks_after(finder, v):
            # 'Captain Raymond Holt walked out with a folder under his arm. ... "Detectives."':
            # one who comes out and talks in the same paragraph came out to those there
            leaves = False
        if leaves and nxt == "out" and _goes_on_acting(tokens, v):
            # "Richie backs out with two trash bags, sees them, and stops.": the narration
            # stays with one who came out, to those there (not "She backs out, and the bell
            # jangles behind her")
            leaves = False
        if leaves and _because(tokens, first):
            # "He is also already soaked, because he ran out without opening it": a leaving
            # that says why something is so, not what happens now (acc26-cands)
            leaves = False
        there = para not in followed
        out.append(
            _Leaving(
                first,
                para,
                to_post,
                {"he": "m", "she": "f"}.get(tokens[last].lower),
                leaves and there,
                spoken and to_post and there,
            )
        )
    return out


# "The others went back up to the house.", "Everyone else left.": the rest of the scene leaves
_THE_OTHERS = (("the", "others"), ("everyone", "else"), ("everybody", "else"), ("the", "rest"))
_GROUP_LEAVING = frozenset(_LEAVING_WITH) | frozenset(
    "drifted wandered filed trooped trailed returned".split()
)
_GROUP_OFF = frozenset({"back", "out", "off", "away", "inside", "home", "upstairs", "downstairs"})
# "Steven stayed.": the ones who do not go with the others
_STAYING = frozenset("stayed stays remained remains lingered lingers".split())


def _others_leave(finder: CueFinder) -> dict[int, set[str]]:
    """Paragraphs of narration where "the others" leave ("The others went back up to the house
    eventually. Pearl wanted to press some seaweed ... Steven stayed. Lapis sat beside him"),
    each with who stays: the characters the first sentence saying someone stayed ("stayed",
    "remained", "lingered") refers to, and those the paragraph names or describes after it (not
    a later "she": 'where she had told it to' is no one new). Without such a sentence nobody is
    known to stay, and nothing is taken to leave."""
    tokens = finder.tokens
    out: dict[int, set[str]] = {}
    for p, paragraph in enumerate(finder.dis.paragraphs):
        if paragraph.quotes:
            continue
        lo, hi = paragraph.first_token, paragraph.last_token
        leave = False
        for i in range(lo, hi - 2):
            if (
                not tokens[i].sent_start
                or (tokens[i].lower, tokens[i + 1].lower) not in _THE_OTHERS
            ):
                continue
            verb, nxt = tokens[i + 2].lower, tokens[i + 3].lower if i + 3 < hi else "."
            if verb in _LEAVING and _leaving(verb, nxt, "."):
                leave = True
            elif verb in _GROUP_LEAVING and (nxt in _GROUP_OFF or verb == "returned"):
                leave = True
        if not leave:
            continue
        stay = next(
            (
                tokens[j].sent
                for j in range(lo, hi)
                if tokens[j].lower in _STAYING and tokens[j].quote < 0
            ),
            None,
        )
        if stay is None:
            continue
        out[p] = {
            character
            for first in finder.refs_in(lo, hi)
            if (character := finder.refs[first][1])
            and (
                tokens[first].sent == stay
                or tokens[first].sent > stay
                and finder.refs[first][2] != "pronoun"
            )
        }
    return out


_BE_GONE = frozenset({"were", "are", "was", "is"})


def _they_gone(tokens: Sequence[Token], i: int) -> bool:
    """Whether the "they" at ``i`` leaves: "they left.", "they went out", "When they were
    gone", "they're gone"."""
    v = i + 1
    if v + 1 >= len(tokens) or tokens[v].quote >= 0:
        return False
    if tokens[v].lower in _BE_GONE:
        return tokens[v + 1].lower == "gone"
    return tokens[v].lower == "gone" or _leaves(tokens, v)


def _strangers_leave(finder: CueFinder) -> dict[int, set[str]]:
    """Paragraphs of narration where a "they" leaves ("When they were gone Robin leaned her
    elbows on the counter"), each with the unnamed people of the scene so far (the lady and
    the little boy she brought in), who are the ones leaving: the named ones of a scene are
    named when they go. Not those the paragraph refers to after the "they"."""
    tokens = finder.tokens
    out: dict[int, set[str]] = {}
    for i in finder.dis.positions({"they"}):
        tok = tokens[i]
        if tok.quote >= 0 or not _they_gone(tokens, i):
            continue
        para = finder.dis.paragraphs[tok.para]
        after = {
            character
            for first in finder.refs_in(i + 1, para.last_token)
            if (character := finder.refs[first][1])
        }
        going = {
            c
            for c in _scene_so_far(finder, tok.para)
            if c.startswith("unnamed-") and c not in after
        }
        if going:
            out.setdefault(tok.para, set()).update(going)
    return out


def _scene_so_far(finder: CueFinder, para: int) -> set[str]:
    """The characters the narration has referred to since the scene of ``para`` began, up to
    and with ``para``."""
    tokens = finder.tokens
    starts = sorted(scene_starts(finder.work, finder.dis))
    k = bisect_right(starts, para)
    begin = starts[k - 1] if k else 0
    return {
        character
        for first, (_, character, _) in finder.refs.items()
        if character and tokens[first].quote < 0 and begin <= tokens[first].para <= para
    }


def _can_be_subject(word: str) -> bool:
    """Whether a reference ending on ``word`` can be its verb's subject: not an object or
    possessive pronoun, nor an owner ("to his left", "behind her", "Ron's voice")."""
    return word not in _NOT_SUBJECT and not word.endswith(("'s", "’s"))


_HAD = frozenset({"had", "was", "were", "is", "are", "'d", "’d"})
_AFTER_GONE = frozenset({",", ".", "!", ";"})
_TIME_CLAUSE = frozenset({"when", "after", "once", "until", "till", "now"})


def _had_gone(tokens: Sequence[Token], first: int, v: int) -> bool:
    """Whether the words at ``v`` say that the one referred to from ``first`` is gone, in a
    clause of time with nothing after "gone" ("When she had gone, leaving the second cup";
    not "had gone to the shop", nor "He was gone." of one lost in thought)."""
    return (
        first > 0
        and tokens[first - 1].lower in _TIME_CLAUSE
        and v + 2 < len(tokens)
        and tokens[v].lower in _HAD
        and tokens[v + 1].lower == "gone"
        and tokens[v + 2].text in _AFTER_GONE
    )


def _left_alone(nxt: str, then: str) -> bool:
    """Whether "left" followed by ``nxt`` and ``then`` is a leaving ("left.", "left us", "left
    the room"), not a leaving of something ("left the book", "left her speechless")."""
    return nxt in _AFTER_LEFT or nxt in _LEFT_BEHIND or nxt == "the" and then in _LEFT_ROOMS


def _leaving(word: str, nxt: str, then: str) -> bool:
    """Whether the verb ``word``, followed by the words ``nxt`` and ``then``, is one of
    leaving: "vanished", "left." (not "left the book"), "ran off", "went away to ..." (not
    "ran out to meet them")."""
    if word in _LEAVING:
        return word != "left" or _left_alone(nxt, then)
    if word in _FLEEING:
        return nxt in (".", "!")  # '"Not today," he admitted, and fled.'
    return nxt in _LEAVING_WITH.get(word, ()) and (then != "to" or nxt in _OFF_TO)


# words after a comma that do not go on with the subject's next verb
_NOT_A_VERB = frozenset(
    "and but or then so the a an his her their its my our your he she they it i we you to into "
    "onto through behind after before with without as while when where which who that of in on "
    "at for from by not because since though although until till if once unless like just even "
    "still only".split()
)


def _goes_on_acting(tokens: Sequence[Token], v: int) -> bool:
    """Whether the sentence of the verb at ``v`` goes on, after a comma, with a bare word
    that is no conjunction, pronoun, article, preposition or adverb: the subject's next verb
    ("backs out with two trash bags, sees them, and stops"; not "walked out together, because
    the hallways were long")."""
    sent = tokens[v].sent
    for j in range(v + 1, min(v + 12, len(tokens) - 1)):
        tok = tokens[j]
        if tok.sent != sent or tok.quote >= 0:
            return False
        if tok.text == ",":
            nxt = tokens[j + 1]
            return (
                nxt.sent == sent
                and nxt.quote < 0
                and nxt.text.isalpha()
                and nxt.text.islower()
                and nxt.lower not in _NOT_A_VERB
                and not nxt.lower.endswith("ing")
            )
    return False


def _because(tokens: Sequence[Token], first: int) -> bool:
    """Whether the reference at ``first`` opens a clause of "because" or "since"."""
    return first > 0 and tokens[first - 1].lower in ("because", "since") and tokens[first].quote < 0


def _speaks_after(finder: CueFinder, v: int) -> bool:
    """Whether a quotation follows the verb at ``v`` in its paragraph."""
    tokens = finder.tokens
    end = finder.dis.paragraphs[tokens[v].para].last_token
    return any(tokens[j].quote >= 0 for j in range(v + 1, end))


def _gets_off(tokens: Sequence[Token], v: int, nxt: str, then: str) -> bool:
    """Whether the verb at ``v``, its particle ``nxt`` "off" and the word after it ``then``,
    get off something one arrives by ("Harvey walked off the elevator", "ran off the bus"):
    one coming in, not going off."""
    return (
        nxt == "off"
        and then in _OWNERS
        and v + 3 < len(tokens)
        and tokens[v + 3].lower in _ALIGHTED
    )


def _hangs_up_and_stays(tokens: Sequence[Token], v: int, nxt: str, then: str) -> bool:
    """Whether "hung up" at ``v`` goes on, in its sentence, with "and" and a verb that is no
    leaving: "He hung up and tossed the phone onto the desk" is the one holding the phone,
    still in the room (a voice on the line hangs up and is gone: '"Idjit," said Bobby, and hung
    up.'; so does one who "hung up and walked out")."""
    if nxt != "up" or tokens[v].lower not in ("hung", "hangs") or then != "and":
        return False
    j = v + 3
    return j < len(tokens) and tokens[j].quote < 0 and not _leaves(tokens, j)


def _leaves(tokens: Sequence[Token], v: int) -> bool:
    """Whether the verb at ``v`` is one of leaving (``_leaving``)."""
    nxt = tokens[v + 1].lower if v + 1 < len(tokens) else "."
    then = tokens[v + 2].lower if v + 2 < len(tokens) else "."
    return _leaving(tokens[v].lower, nxt, then)


def _and_leaves(tokens: Sequence[Token], v: int) -> bool:
    """Whether the verb at ``v`` goes on, in its sentence, with "and" and a verb of leaving:
    "She shrieked happily and ran off to find her brother", and at the end of a series of
    its subject's verbs: "The barmaid bit the coin, shrugged, and went off"."""
    reach = v + 6  # "and" within five words; two more for each verb of a series
    for j in range(v + 1, len(tokens) - 1):
        tok = tokens[j]
        if j >= reach or tok.quote >= 0 or tok.sent != tokens[v].sent or tok.text == ";":
            return False
        if tok.text == "," and tokens[j + 1].lower != "and":
            if _in_series(tokens, j + 1):
                reach += 2  # "bit the coin, shrugged, and went off"
                continue
            return False  # '"Not today," he admitted, and fled.' goes on
        if tok.lower == "and":
            return _leaves(tokens, j + 1)
    return False


def _in_series(tokens: Sequence[Token], j: int) -> bool:
    """Whether the word at ``j``, after a comma, is a past-tense verb closed by a comma: one
    of a series of the same subject's verbs ("bit the coin, shrugged, and went off")."""
    if j + 1 >= len(tokens):
        return False
    word = tokens[j].lower
    return len(word) > 3 and word.isalpha() and word.endswith("ed") and tokens[j + 1].text == ","


def sleepers(finder: CueFinder) -> dict[str, tuple[list[int], list[bool]]]:
    """Like ``departures``, with falling asleep for leaving: a reference that is the subject
    of "is snoring", "was fast asleep", "dozed", "rolls over in his sleep", in a paragraph of
    narration only ("Laios is snoring."), puts its character to sleep until the narration
    refers to it again awake."""
    refs = finder.refs
    found: dict[str, dict[int, bool]] = {}
    for first, para, asleep in _sleeping(finder):
        character = refs[first][1]
        if not character:
            continue
        paras = found.setdefault(character, {})
        paras[para] = paras.get(para, False) or asleep
    return {c: (list(paras), list(paras.values())) for c, paras in found.items()}


def _sleeping(finder: CueFinder) -> list[tuple[int, int, bool]]:
    """Per reference of the narration, in token order: its token, its paragraph, and whether
    the text has it fall asleep there, whoever it refers to (once per work)."""
    return finder.once("sleeping", lambda: _read_sleeping(finder))


def _read_sleeping(finder: CueFinder) -> list[tuple[int, int, bool]]:
    tokens = finder.tokens
    out = []
    for first, last in finder.narration_refs():
        para = tokens[first].para
        subject = _can_be_subject(tokens[last].lower)
        asleep = (
            subject
            and not finder.dis.paragraphs[para].quotes
            and _asleep(tokens, _own_verb(tokens, last + 1))
        )
        out.append((first, para, asleep))
    return out


def _own_verb(tokens: Sequence[Token], i: int) -> int:
    """Where the verb of a reference ending before ``i`` is: right after it, or the one after
    ", and" that a tag runs into ('"You," said Pinako, and went back inside.')."""
    if i + 2 < len(tokens) and tokens[i].text == "," and tokens[i + 1].lower == "and":
        return i + 2
    return i


def _away(
    character: str,
    para: int,
    gone: Mapping[str, tuple[list[int], list[bool]]],
    asleep: Mapping[str, tuple[list[int], list[bool]]],
    woken: Set[str],
) -> bool:
    """Whether ``character`` is not there to speak at paragraph ``para``: gone
    (``departures``), or asleep (``sleepers``) and not spoken of by the line just before."""
    if _has_left(gone.get(character), para):
        return True
    return character not in woken and _has_left(asleep.get(character), para)


def _has_left(events: tuple[list[int], list[bool]] | None, para: int) -> bool:
    """Whether the character left in the last paragraph before ``para`` that refers to it."""
    if events is None:
        return False
    paras, leaving = events
    k = bisect_left(paras, para) - 1
    return k >= 0 and leaving[k]
