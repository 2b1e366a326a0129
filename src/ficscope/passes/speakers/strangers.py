"""Unnamed people whom the text names: met under a description before the story names them,
named in a sentence of identity, described as the one a line just called, described in a
two-person exchange, or the one stranger talking with one named character; and one picked out
of a group at the end of the narration, a newcomer there (``picked_out_last``)."""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Mapping

from ficscope.model import NARRATOR
from ficscope.passes.coref import scene_starts
from ficscope.passes.speaker_cues import CueFinder, Turn
from ficscope.passes.speakers.attributions import Attribution

_NAME_ENDS = frozenset({",", ".", "!", "?", ";", "—", "–", "-", "--"})


_DETERMINERS = frozenset({"the", "that", "this"})


def described_before_named(finder: CueFinder, genders: Mapping[str, str]) -> dict[str, str]:
    """Unnamed people met under a description before the story names them: "The old lady
    pulled her spectacles down" ... "His aunt Polly stood surprised" ... "The old lady whirled
    round". An unnamed character of a definite description, every reference to it before a
    named character's first name, is that character when the same description, used after the
    name, refers to it (and to no other such character)."""
    tokens = finder.tokens
    seen: dict[str, int] = {}  # character -> its last reference
    named_at: dict[str, int] = {}  # character -> its first name
    forms: dict[str, set[str]] = defaultdict(set)  # unnamed -> its descriptions
    later: dict[str, set[str]] = defaultdict(set)  # description -> characters named before it
    for first, (last, character, kind) in sorted(finder.refs.items()):
        if not character:
            continue
        seen[character] = first
        if kind == "name":
            named_at.setdefault(character, first)
        if kind != "epithet" or tokens[first].lower not in _DETERMINERS:
            continue
        form = " ".join(t.lower for t in tokens[first + 1 : last + 1])
        if character.startswith("unnamed-"):
            forms[character].add(form)
        elif character in named_at:
            later[form].add(character)
    found: dict[str, Counter[str]] = {}
    for who, described in forms.items():
        for form in described:
            for name in later.get(form, ()):
                if seen[who] < named_at[name] and _may_be(who, name, genders):
                    found.setdefault(who, Counter())[name] += 1
    return _agreed(found)


_IDENTITY_VERBS = frozenset({"was", "is"})
_IDENTITY_FILLERS = ("none other than", "no other than", "in fact", "actually")
_PRONOUN_WORDS = frozenset("i you he she it we they him her them me us".split())


def _identified(finder: CueFinder, last: int) -> str | None:
    """The named character a description ending at token ``last`` is said to be: "That
    deep-voiced man below was Snake Anson,", "The voice belonged to Draco.": at most three
    lower-case words (no pronoun: "The man said it was ...") lead to "was" or "is" (with "none
    other than" and the like after it) or to "belonged to", then a name closing the clause."""
    tokens = finder.tokens
    end = finder.dis.paragraphs[tokens[last].para].last_token
    i = last + 1
    while (
        i < min(end, last + 4)
        and tokens[i].text.isalpha()
        and tokens[i].text.islower()
        and tokens[i].lower not in _IDENTITY_VERBS | _PRONOUN_WORDS
    ):
        i += 1
    if i + 1 >= end or tokens[i].sent != tokens[last].sent:
        return None
    if tokens[i].lower == "belonged" and i == last + 1 and tokens[i + 1].lower == "to":
        i += 2
    elif tokens[i].lower in _IDENTITY_VERBS:
        i += 1
        for filler in _IDENTITY_FILLERS:
            words = filler.split()
            if [t.lower for t in tokens[i : i + len(words)]] == words:
                i += len(words)
                break
    else:
        return None
    ref = finder.refs.get(i)
    if ref is None or ref[2] != "name" or not ref[1]:
        return None
    after = ref[0] + 1
    if after < end and tokens[after].text not in _NAME_ENDS:
        return None  # "The boy was Harry's friend"
    return ref[1]


def named_in_an_identity(
    finder: CueFinder, genders: Mapping[str, str]
) -> dict[str, tuple[str, int]]:
    """Unnamed people the narration names in a sentence of identity: '"Wal, Beasley, are you
    here?" queried a loud voice.' / 'The man below growled' / ... / 'That deep-voiced man below
    was Snake Anson, the worst character of the region': a narration sentence opening on a
    definite description ("the", "that", "this") said to be a named character (``_identified``)
    names the unnamed person that description refers to, or else (coreference having given
    it to someone already named) the unnamed person described last by the same noun in the ten
    paragraphs before, when the genders agree and every such sentence agrees. Returned with the
    token where it is named: what refers to that person before it is the named one, what comes
    after is left alone (a later "a voice from the darkness" is someone new)."""
    tokens = finder.tokens
    described: dict[str, tuple[str, int]] = {}  # noun -> the unnamed one it last described
    found: dict[str, Counter[str]] = defaultdict(Counter)
    at: dict[str, int] = {}  # the unnamed one -> the token where it is first named
    for first, (last, character, kind) in sorted(finder.refs.items()):
        tok = tokens[first]
        if kind != "epithet" or not character or tok.quote >= 0:
            continue
        noun = tokens[last].lower
        if tok.sent_start and tok.lower in _DETERMINERS:
            name = _identified(finder, last)
            unnamed = character.startswith("unnamed-")
            who, para = (character, tok.para) if unnamed else described.get(noun, ("", -99))
            near = bool(who) and tok.para - para <= 10
            if name and name != character and near and _may_be(who, name, genders):
                found[who][name] += 1
                at.setdefault(who, first)
        if character.startswith("unnamed-"):
            described[noun] = (character, tok.para)
    return {who: (name, at[who]) for who, name in _agreed(found).items()}


def described_when_called(
    finder: CueFinder, turns: list[Turn], out: list[Attribution], genders: Mapping[str, str]
) -> dict[str, str]:
    """Unnamed people described as the one a line has just called: '"Awfully, Mrs. Lennox."' /
    'The Mem Sahib wrung her hands.': a description opening the paragraph right after a line
    that calls one named character is that character, when every such opening agrees (and it
    is not the one calling: '"... make yourself to home, Mig-u-ell." / The Old Man drove on').
    Not one the narration brought in as someone new ('A server in a crisp apron appeared at her
    elbow.' ... '"... in your life, Alisaie." / The server looked at Eira.': the server met
    before, not Alisaie described)."""
    tokens = finder.tokens
    starts = scene_starts(finder.work, finder.dis)
    indefinite = _first_met_as_indefinite(finder)
    called: dict[int, set[str]] = {}
    callers: dict[int, set[str | None]] = {}
    for turn in turns:
        names = {v for cue in turn.quotes for v in cue.vocatives}
        called[turn.para] = {v for v in names if v != NARRATOR and not v.startswith("unnamed-")}
        callers[turn.para] = {out[cue.index].speaker for cue in turn.quotes}
    found: dict[str, Counter[str]] = defaultdict(Counter)
    for first, (_last, character, kind) in finder.refs.items():
        tok = tokens[first]
        if kind != "epithet" or not character or not character.startswith("unnamed-"):
            continue
        if character in indefinite:
            continue
        if tok.quote >= 0 or first != finder.dis.paragraphs[tok.para].first_token:
            continue
        if tok.lower not in _DETERMINERS:
            continue  # "The nurse bent down", not "His mother" (kinship says who she is)
        if tok.para in starts:
            continue  # a scene break between: the one called is left behind in the last scene
        names = called.get(tok.para - 1, set())
        if character in callers.get(tok.para - 1, set()):
            continue
        if len(names) == 1 and _may_be(character, name := next(iter(names)), genders):
            found[character][name] += 1
    return _agreed(found)


def _met_as_indefinite(finder: CueFinder) -> set[str]:
    """The unnamed people the narration ever refers to as "a ..." ("a waiter"): someone new
    each time, not one described anew."""
    tokens = finder.tokens
    return {
        character
        for first, (_last, character, _kind) in finder.refs.items()
        if character and tokens[first].lower in ("a", "an")
    }


def _first_met_as_indefinite(finder: CueFinder) -> set[str]:
    """The unnamed people whose first reference is indefinite ("A server in a crisp apron
    appeared"): brought in as someone new, not a description of someone already there."""
    tokens = finder.tokens
    return {c for c, first in finder.first_met().items() if tokens[first].lower in ("a", "an")}


def described_in_an_exchange(
    finder: CueFinder, turns: list[Turn], out: list[Attribution], genders: Mapping[str, str]
) -> dict[str, str]:
    """Unnamed people described in a two-person exchange: 'Upstairs, Rebecca was at her desk
    when Keeley swept in.' / eight lines in turn / 'The older woman took off her glasses.' /
    '"Keeley. You'll act surprised."': a description (never an indefinite one, "a waiter")
    whose line calls the named one Y who spoke the line before, after two full rounds of Y and
    one other named speaker X (X's slots may be the description's own), is X. Every such line
    must agree."""
    scenes = sorted(scene_starts(finder.work, finder.dis))
    indefinite = _met_as_indefinite(finder)
    said = [out[turn.quotes[0].index].speaker for turn in turns]
    scene = [bisect_right(scenes, turn.para) for turn in turns]
    linked = [  # turn k follows turn k - 1 in one exchange
        k > 0 and turns[k].gap <= 1 and scene[k] == scene[k - 1] for k in range(len(turns))
    ]
    found: dict[str, Counter[str]] = defaultdict(Counter)
    for k, who in enumerate(said):
        if who is None or not who.startswith("unnamed-") or who in indefinite or not linked[k]:
            continue
        other = said[k - 1]
        if (
            other is None
            or other == who
            or not any(other in cue.vocatives for cue in turns[k].quotes)
        ):
            continue
        if k < 4 or not all(linked[k - 3 : k + 1]) or said[k - 3] != other:
            continue  # two full rounds of the exchange, not three people talking
        named = {said[k - 2], said[k - 4]} - {who}
        if len(named) == 1 and (name := named.pop()) is not None and name != other:
            if _may_be(who, name, genders):
                found[who][name] += 1
    return _agreed(found)


# Nouns that say nothing new of whom they describe: "the man", "his companion", "the stranger"
_RESTATING = frozenset(
    "man woman boy girl lady gentleman guy person fellow figure stranger other companion "
    "comrade visitor guest newcomer".split()
)


def _noun_of(cid: str) -> str:
    """The noun an unnamed character is known by: "unnamed-his-companion" -> "companion"."""
    words = cid.removeprefix("unnamed-").split("-")
    while len(words) > 1 and words[-1].isdigit():
        words.pop()
    return words[-1]


def one_stranger(
    finder: CueFinder, turns: list[Turn], out: list[Attribution], genders: Mapping[str, str]
) -> dict[str, str]:
    """One unnamed person talking with one named one, described anew as the talk goes on: '"Hello,
    friend," said the man.' / '"Hello," said Cameron.' / ... / '"We might stay together," said
    Cameron's companion.': in one exchange whose lines go only to one named speaker and unnamed
    ones (turns at most three narration paragraphs apart, in one scene), an unnamed speaker
    known by a noun that says nothing new ("the man", "his companion", "the stranger"; not an
    indefinite "a man", who is someone new) is the unnamed speaker who spoke first there, when
    their genders agree. Every such exchange must agree."""
    scenes = sorted(scene_starts(finder.work, finder.dis))
    indefinite = _met_as_indefinite(finder)
    found: dict[str, Counter[str]] = defaultdict(Counter)
    run: list[str] = []

    def close() -> None:
        named = {who for who in run if not who.startswith("unnamed-")}
        strangers = list(dict.fromkeys(who for who in run if who.startswith("unnamed-")))
        if len(named) != 1 or len(strangers) < 2:
            return
        first = strangers[0]
        for who in strangers[1:]:
            g, h = genders.get(who), genders.get(first)
            if who in indefinite or _noun_of(who) not in _RESTATING:
                continue
            if g in ("m", "f") and h in ("m", "f") and g != h:
                continue
            found[who][first] += 1

    for k, turn in enumerate(turns):
        who = out[turn.quotes[0].index].speaker
        linked = (
            k > 0
            and turn.gap <= 3
            and bisect_right(scenes, turn.para) == bisect_right(scenes, turns[k - 1].para)
        )
        if not linked:
            close()
            run = []
        if who is not None:
            run.append(who)
    close()
    return _agreed(found)


def _may_be(who: str, name: str, genders: Mapping[str, str]) -> bool:
    """Whether the unnamed speaker ``who`` may be the named character ``name``: a named one
    (not unnamed, not the narrator) whose known gender does not contradict ``who``'s."""
    if name.startswith("unnamed-") or name == NARRATOR:
        return False
    g, h = genders.get(who), genders.get(name)
    return not (g in ("m", "f") and h in ("m", "f") and g != h)


def _agreed(votes: Mapping[str, Counter[str]]) -> dict[str, str]:
    """Each unnamed speaker whose every vote names the same character -> that character."""
    return {who: c.most_common(1)[0][0] for who, c in votes.items() if len(c) == 1}


def picked_out_last(
    finder: CueFinder,
    turn: Turn,
    cid: str,
    first_para: Mapping[str, int],
    spoke_at: set[tuple[int, str]],
) -> bool:
    """Whether ``cid`` is the last actor of the narration just before ``turn``, acting in its
    last sentence, as an unnamed one the narration picks out of a group ("one of the other
    witches", "the tallest of them"): no reference of the story is to them before, so they are
    met there, a newcomer like "a waiter" (whom ``first_para`` already knows). Not when that
    narration meets someone else too: 'One of them, a skinny guy with a dragon tattoo ...,
    backs into the side of the van' is the skinny guy, a newcomer already."""
    actor = turn.last_actor
    if (
        not turn.gap
        or not turn.acts_at_end
        or actor is None
        or actor.kind != "epithet"
        or actor.character != cid
        or cid in first_para
    ):
        return False
    if any(p == turn.para - 1 for p in first_para.values()):
        return False
    return cid in {c.id for c in finder.unnamed.values()} and not any(c == cid for _, c in spoke_at)
