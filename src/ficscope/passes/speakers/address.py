"""How speakers call people: the words a turn's lines call someone by, each speaker's own
ways of calling (``address_words``), names only ever called out (``address_names``), and
descriptions in tags that are a speaker's way of calling."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

from ficscope.lexicon import HONORIFIC_SUFFIXES, TITLES, formal_given_names
from ficscope.model import NARRATOR, Character
from ficscope.passes.known_cast import known_cast
from ficscope.passes.speaker_cues import KIN_VOCATIVES, PARENT_CALLS, CueFinder, Turn
from ficscope.passes.speaker_cues.words import _in_range
from ficscope.passes.speakers.attributions import ADDRESS_CONFIDENCE, Attribution


def address_names(finder: CueFinder, turns: list[Turn], out: list[Attribution]) -> dict[str, str]:
    """Names that are only ever called out in speech ("Kacchan", "Deku"), never used by the
    narration, and the character each stands for: the one whose line the calling line answers
    ('"That's late, Deku," Bakugou said.' / '"Good morning, Kacchan."': Kacchan is Bakugou).
    Returned for a name called out twice or more, answering a named character, when every such
    answer agrees, and that character never says the name in a line of its own."""
    narrated = finder.narrated()
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    called = Counter(name for turn in turns for cue in turn.quotes for name in cue.vocatives)
    sayers: dict[str, set[str]] = defaultdict(set)  # name -> who says it in a line
    for turn in turns:
        for cue in turn.quotes:
            if out[cue.index].confidence >= _SURE:
                for name in cue.named:
                    sayers[name].add(out[cue.index].speaker or "")
    for before, turn in zip(turns, turns[1:], strict=False):
        if turn.gap > 0:
            continue
        answered = {out[c.index].speaker for c in before.quotes}
        called_here = {name for cue in turn.quotes for name in cue.vocatives}
        for cue in turn.quotes:
            speaker = out[cue.index].speaker
            for name in cue.vocatives:
                if name in narrated or name == NARRATOR or name.startswith("unnamed-"):
                    continue
                others = {a for a in answered if a is not None} - {name, speaker}
                if len(answered) == 1 and len(others) == 1:
                    # '"DiNozzo, talk to the sister. Ziva, McGee, get me an address."' after
                    # McGee's line: a turn that calls the one answered by a name of theirs
                    # calls someone else by the other name (a vote against any answer)
                    other = others.pop()
                    votes[name]["" if other in called_here else other] += 1
    found = {
        name: next(iter(c))
        for name, c in votes.items()
        if len(c) == 1
        and called[name] >= 2
        and next(iter(c))
        and not next(iter(c)).startswith("unnamed-")
        and next(iter(c)) not in sayers[name]  # '"... saying Shoyo's short," Nishinoya said'
    }
    # a name cut short from a narrated one ("Duck" of Ducky) is that one, whoever the answers
    # point at ('"Thanks, Duck."' right after another's line, said in passing)
    named = {  # the characters the narration names (not only refers to by a pronoun)
        c
        for first, (_, c, kind) in finder.refs.items()
        if c and kind == "name" and finder.tokens[first].quote < 0
    }
    return (
        found
        | {
            name: full
            for name in called
            if name not in narrated
            if (full := _shortened(name, finder.work.characters, narrated)) is not None
        }
        | {
            name: full
            for name in called
            if name not in named and name not in found
            if (full := _lengthened(name, finder.work.characters, named)) is not None
        }
    )


def known_apart(finder: CueFinder, name: str, full: str) -> bool:
    """Whether the work's pack or character tags know a name as a person other than the one a
    reading would join it to ("Caroline" of the tag "Caroline Julian" is not Cam, whom Booth's
    "Caroline. Hi." seemed to answer)."""
    cast = known_cast(finder.work)
    if not cast:
        return False
    by_id = {c.id: c for c in finder.work.characters}
    if name not in by_id or full not in by_id:
        return False
    known = cast.match([by_id[name].name, *by_id[name].aliases])
    return known is not None and known != cast.match([by_id[full].name, *by_id[full].aliases])


_FATHERS = frozenset({"father", "grandfather"})


def kin_answered(
    finder: CueFinder, turns: list[Turn], out: list[Attribution], genders: Mapping[str, str]
) -> dict[str, str]:
    """Parents called by a kinship word that only the lines use ("Dad", "Mum": a character
    of its own the narration never refers to), and the named character each is: the one of the
    word's sex who answers the lines calling it ('"Dad, can Muffin come too?"' / 'Bandit wiped
    his forehead. "That's up to Stripe."'). Returned where two answers or more agree and no
    answer of that sex differs."""
    narrated = finder.narrated()
    words = {c.id: c.name.lower() for c in finder.work.characters}
    kin = {c for c, w in words.items() if w in PARENT_CALLS and c not in narrated}
    if not kin:
        return {}
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for turn, nxt in zip(turns, turns[1:], strict=False):
        if nxt.gap > 1:
            continue  # '"Dad! Dad, get up!"' / 'Bandit opened one eye.' / '"Camping where?"'
        answer = out[nxt.quotes[0].index].speaker
        if answer is None or answer in kin or answer == NARRATOR or answer.startswith("unnamed-"):
            continue
        for cue in turn.quotes:
            for name in set(cue.vocatives) & kin:
                sex = "m" if KIN_VOCATIVES[words[name]] in _FATHERS else "f"
                if answer != out[cue.index].speaker and genders.get(answer) == sex:
                    votes[name][answer] += 1
    return {name: next(iter(c)) for name, c in votes.items() if len(c) == 1 and c.total() >= 2}


def _shortened(cid: str, characters: Sequence[Character], narrated: set[str]) -> str | None:
    """The one narrated character whose name a called-out name (three letters or more) cuts
    short: "Buck" of "Bucky", "Cas" of "Castiel", "Abbs" of "Abby"."""
    by_id = {c.id: c for c in characters}
    short = by_id[cid].name.lower() if cid in by_id else ""
    if len(short) < 3 or " " in short:
        return None
    # a pet form ending in "s" on the front of the name: "Abbs" of Abby, "Mags" of Maggie
    stem = short[:-1] if short.endswith("s") and len(short) >= 4 else short
    fits = [
        c.id
        for c in characters
        if c.id in narrated
        and c.id != cid
        and any(w.lower().startswith(stem) and w.lower() != short for w in c.name.split())
    ]
    return fits[0] if len(fits) == 1 else None


def _lengthened(cid: str, characters: Sequence[Character], named: set[str]) -> str | None:
    """The one character the narration names by a short form of a called-out given name: "Josh"
    of "Joshua" (the nicknames list), "Donna" of "Donnatella" (its front, three letters or
    more): the full form a boss or a parent calls someone by."""
    by_id = {c.id: c for c in characters}
    full = by_id[cid].name.lower() if cid in by_id else ""
    if len(full) < 4 or " " in full:
        return None
    formal = formal_given_names()
    fits = [
        c.id
        for c in characters
        if c.id in named
        and c.id != cid
        and len(first := c.name.split()[0].lower()) >= 3
        and first != full
        and (full in formal.get(first, frozenset()) or full.startswith(first))
    ]
    return fits[0] if len(fits) == 1 else None


_SURE = 0.8  # a line this sure of its speaker shows who speaks of a name


# Words that open a line set off by a comma without calling anyone anything ("Well, ...").
_NOT_ADDRESS = frozenset(
    "yes no well oh ah ahh eh hm hmm um uh now so and but please okay ok alright hey look listen "
    "right sure yeah yep nope then still why what wait fine good thanks indeed besides again "
    "first besides however perhaps maybe actually honestly seriously really come see there here "
    "i you he she we they it this that "
    # interjections and greetings: "Um, sorry!", "Ooh, ...", "Morning, Kacchan."
    "sorry ooh ohh oh aw aww ugh huh ha hah whoa wow oops shh hush hi hello bye goodbye morning "
    "evening night cheers please thank".split()
)


_ADDRESS_AFTER = frozenset({",", ".", "!", "?", "…", "...", '"', "”", "'", "’"})
_COMMA = frozenset({","})


def turn_address_words(finder: CueFinder, turn: Turn) -> set[str]:
    """The words the lines of a turn call someone by: a single word set off by a comma from the
    rest of the line ("Sure thing, Boss.", "Boss, that wound", "Yes, sir."), the title opening
    such a call of a name ("Boots, Master Jason.", "Your tea, Miss Clara,"), or a name in a form
    the narration never uses ('"Deku's too slow."': a nickname, said by whoever uses it)."""
    tokens = finder.tokens
    found = set()
    commas, titles = finder.positions(_COMMA), finder.positions(TITLES)
    for cue in turn.quotes:
        a, b = finder.span(cue.index)
        first = next((i for i in range(a, b) if tokens[i].text[0].isalnum()), b)  # first word
        # the only tokens that may pass the test below: one after a comma, one up to the
        # line's first word, a reference, a title (every token of the line was tested before)
        maybe = {c + 1 for c in _in_range(commas, a, b - 1)}
        maybe.update(range(a, min(first + 1, b)), finder.refs_in(a, b), _in_range(titles, a, b))
        for i in sorted(maybe):
            opens = i <= first  # no word before token i in the line
            before = tokens[i - 1].text if i > a else '"'
            after = tokens[i + 1].text if i + 1 < b else '"'
            set_off = (before == "," and after in _ADDRESS_AFTER) or (opens and after == ",")
            ref = finder.refs.get(i)
            suffix = _honorific(tokens[i].lower) if ref is not None else None
            if suffix is not None and ref is not None and ref[1] not in cue.own_names:
                found.add(suffix)  # '"Kyoya-senpai."', '"Haru-chan!"': how the speaker calls
            titled = tokens[i].lower in TITLES and (ref or finder.refs.get(i + 1)) is not None
            if not set_off and ref is None and not titled:
                continue  # neither set off by a comma, nor a name, nor a name's title
            word = tokens[i].lower.removesuffix("'s").removesuffix("’s")  # "Deku's" is "Deku"
            if not word.isalpha() or word in _NOT_ADDRESS:
                continue
            if ref is not None and ref[1] in cue.own_names:
                continue  # '"Kiri. Everyone else went away."': a name given, no one called
            if set_off:
                found.add(word)
            elif (
                titled
                and (before == "," or opens)
                and i + 2 < b
                and tokens[i + 2].text in _ADDRESS_AFTER  # "Boots, Master Jason."
            ):
                found.add(word)  # "Boots, Master Jason.": one speaker's way of calling people
            elif _spoken_only(finder, i):
                found.add(word)  # '"Deku's too slow."': a nickname only speech uses
    return found


def _honorific(word: str) -> str | None:
    """The honorific suffix of a name joined to one by a hyphen ("senpai" of "kyoya-senpai"),
    the word a speaker who says it calls people by, as a bare "Senpai." is."""
    _, dash, suffix = word.rpartition("-")
    return suffix if dash and suffix in HONORIFIC_SUFFIXES else None


def _spoken_only(finder: CueFinder, i: int) -> bool:
    """Whether token ``i`` is a character's name in a form the narration never uses."""
    ref = finder.refs.get(i)
    if ref is None or ref[2] != "name" or ref[0] != i:
        return False
    if finder.narrated_forms is None:
        tokens = finder.tokens
        finder.narrated_forms = {
            _bare(tokens[f].lower)
            for f, (_, _, kind) in finder.refs.items()
            if kind == "name" and tokens[f].quote < 0
        }
    word = _bare(finder.tokens[i].lower)
    if formal_given_names().get(word, frozenset()) & finder.narrated_forms:
        return False  # "Lizzy" of the narration's Elizabeth: a family's name for her, not one
        # speaker's own
    return word not in finder.narrated_forms


def _bare(word: str) -> str:
    """A name without its possessive ending: "Kageyama's" is the narration's "Kageyama"."""
    return word.removesuffix("'s").removesuffix("’s")


def address_words(
    finder: CueFinder, turns: list[Turn], out: list[Attribution]
) -> dict[str, dict[str, set[int]]]:
    """Per character, the words its lines given surely enough call people by, with the
    paragraphs that use them: a dog calls his master "Boss", a servant says "sir"."""
    found: dict[str, dict[str, set[int]]] = {}
    for turn in turns:
        who = {out[cue.index].speaker for cue in turn.quotes}
        conf = min(out[cue.index].confidence for cue in turn.quotes)
        if len(who) != 1 or None in who or conf < ADDRESS_CONFIDENCE:
            continue
        speaker = who.pop()
        assert speaker is not None
        for word in turn_address_words(finder, turn):
            if word in HONORIFIC_SUFFIXES and conf < SUFFIX_SURE:
                continue
            found.setdefault(speaker, {}).setdefault(word, set()).add(turn.para)
    talked_of = _talked_of_names(finder)
    # a word three speakers or more call people by ("Mr", "sir" aboard a ship) is the story's
    # way of calling, no one speaker's own
    sayers = Counter(w for words in found.values() for w in words)
    shared = {w for w, n in sayers.items() if n >= SHARED_CALL}
    return {
        speaker: {w: paras for w, paras in words.items() if w not in talked_of | shared}
        for speaker, words in found.items()
    }


SUFFIX_SURE = 0.8  # how surely a line is given to teach its speaker's honorific ("-senpai")
SHARED_CALL = 3  # speakers who call people by a word that is then no one's own


def _talked_of_names(finder: CueFinder) -> set[str]:
    """Name words of characters only talked about: the narration never names them and no line
    calls them ("It's about Klaus."). Such a name is no speaker's own way of calling, even when
    one speaker alone says it (the first decode may have given another's line naming him to the
    wrong speaker, and the name would pull that speaker's lines); a name someone is called by
    ('"Pick that up, Birdie."') stays a way of calling."""
    tokens = finder.tokens
    present = {
        c for f, (_, c, kind) in finder.refs.items() if kind == "name" and tokens[f].quote < 0
    }
    present.update(  # called: '"Pick that up, Birdie."', '"Birdie, pick that up."' (not a
        # card's signature, '"... join us. Klaus"', nor '"It is about Klaus," he said.')
        c
        for f, (last, c, kind) in finder.refs.items()
        if tokens[f].quote >= 0
        and (
            tokens[f - 1].text == "," or (tokens[f - 1].quote < 0 and tokens[last + 1].text == ",")
        )
    )
    return {
        _bare(tokens[f].lower)
        for f, (_, c, kind) in finder.refs.items()
        if kind == "name" and c not in present and c != NARRATOR
    }


def _called_descriptions(
    finder: CueFinder,
    turns: list[Turn],
    out: list[Attribution],
    address: Mapping[str, Mapping[str, set[int]]],
) -> bool:
    """A description in a tag whose noun is a word its character calls someone else by ('"...,
    angel."' / '"...," the angel says.') is that someone: the one those lines were said to,
    when they were all said to one person. Its reference is changed; whether any was."""
    tokens = finder.tokens
    said_to: dict[int, set[str]] = defaultdict(set)  # paragraph -> addressees of its lines
    for turn in turns:
        for cue in turn.quotes:
            if out[cue.index].addressee:
                said_to[turn.para].add(out[cue.index].addressee or "")
    changed = False
    for turn in turns:
        for cue in turn.quotes:
            s = cue.tag or cue.intro
            if s is None or s.kind != "epithet" or not s.character or s.token not in finder.refs:
                continue
            last, character, kind = finder.refs[s.token]
            paras = address.get(s.character, {}).get(tokens[last].lower, set())
            others = {x for p in paras for x in said_to[p]} - {s.character}
            if len(others) == 1 and character == s.character:
                finder.refs[s.token] = (last, others.pop(), kind)
                changed = True
    return changed
