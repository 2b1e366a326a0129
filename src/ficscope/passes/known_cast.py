"""What is known about a work's cast before reading it: its fandom's pack, and the characters the
author declared.

Two sources, both optional (the characters and coreference passes work the same without them):

* the pack of each fandom the work belongs to (declared, named in a disclaimer, or recognised
  from its cast and vocabulary: ``tags_fandom.identify_fandoms``), with canonical names, aliases,
  epithets and pronouns;
* the work's own declared characters (AO3's "Characters:" tags such as "Honoroit Banlardois"),
  a work-local pack: the author's own cast list, with the full names the story may never spell
  out.

A name in the story matches a known character by one of its full names ("Hatake Kakashi",
"Kakashi Hatake", "Kakashi-sensei") or by a single word of a name that no other known character
shares ("Honoroit" of "Honoroit Banlardois"; not "Stark" when Tony and Howard are both known).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING, NamedTuple

from ficscope.fandoms import Pack, find_pack, fold, load_packs, per_pack
from ficscope.lexicon import (
    FEMALE_TITLES,
    HONORIFIC_SUFFIXES,
    MALE_TITLES,
    TITLES,
    formal_given_names,
)
from ficscope.model import BlockRole, Character, Work
from ficscope.passes.discourse import discourse

if TYPE_CHECKING:
    from ficscope.passes.proof_lexicon import PackWords

_DISAMBIGUATOR = re.compile(r"\s*\([^)]*\)\s*$")  # "Tsunade (Naruto)"
_GENDERS = {"he/him": "m", "she/her": "f", "they/them": "p"}
# A pronoun set an author declares for a character: "Jehan uses they/them here".
_PRONOUN_SET = re.compile(r"\b(he/him|she/her|they/them|xe/xem|ze/zir|ey/em)\b", re.IGNORECASE)
_NOTE_ROLES = (BlockRole.METADATA, BlockRole.DISCLAIMER, BlockRole.AUTHOR_NOTE)


@dataclass(frozen=True, slots=True)
class KnownCharacter:
    name: str  # the tag without its disambiguator: "Tsunade", "Honoroit Banlardois"
    forms: tuple[str, ...]  # folded full names: "hatake kakashi", "kakashi hatake", "kakashi"
    epithets: tuple[str, ...]  # folded, without a leading "the": "copy nin"
    gender: str | None  # m, f, p or a neo-pronoun set; None when not given
    declared: bool = False  # from the work's own character tags
    nickname: str | None = None  # folded; a tag's quoted one: 'Temperance "Bones" Brennan'


@dataclass(slots=True)
class KnownCast:
    characters: list[KnownCharacter] = field(default_factory=list)
    _by_form: dict[str, list[KnownCharacter]] = field(default_factory=dict)
    _by_word: dict[str, list[KnownCharacter]] = field(default_factory=dict)
    _by_epithet: dict[str, list[KnownCharacter]] = field(default_factory=dict)
    _by_given: dict[str, list[KnownCharacter]] = field(default_factory=dict)  # "james"
    # Folded names of things the fandom's packs list as terms, of two words or more and no
    # character's name: places, villages, weapons ("Hidden Mist", "Hokage Mountain").
    things: set[str] = field(default_factory=set)

    def add(self, character: KnownCharacter) -> None:
        self.characters.append(character)
        for form in character.forms:
            self._by_form.setdefault(form, []).append(character)
            words = form.split()
            if len(words) == 2:
                self._by_form.setdefault(f"{words[1]} {words[0]}", []).append(character)
            for word in words:
                if word not in TITLES and len(word) > 2:
                    self._by_word.setdefault(word, []).append(character)
        for epithet in character.epithets:
            self._by_epithet.setdefault(epithet, []).append(character)
        given = fold(character.name).split()
        if len(given) == 2 and given[0] not in TITLES:
            self._by_given.setdefault(given[0], []).append(character)

    def __bool__(self) -> bool:
        return bool(self.characters)

    def by_name(self, name: str) -> KnownCharacter | None:
        """The one known character a proper name in the story refers to, if any: a full name,
        an alias, an honorific form, or a word of exactly one known character's names."""
        key = fold(_strip_honorific(name))
        words = [w for w in key.split() if w not in TITLES]
        if not words:  # a title the pack gives as a name: "Doctor" for the Doctor
            found = _one(self._by_form.get(key, ()))
            if found is None:  # "Colonel" of the one known as "Colonel O'Neill"
                found = _one(
                    [c for c in self.characters if any(f.startswith(key + " ") for f in c.forms)]
                )
            return found
        titles = [w.rstrip(".") for w in key.split() if w in TITLES]
        key = " ".join(words)
        found = _one(self._by_form.get(key, ()))
        if found is None and len(words) == 1:
            found = _one(self._by_word.get(key, ()))
        if found is None and len(words) == 1 and titles:
            # "Mistress Murray" of Jenny and Ian Murray: the woman
            sex = "f" if titles[0] in FEMALE_TITLES else "m" if titles[0] in MALE_TITLES else None
            found = _one([c for c in self._by_word.get(key, ()) if sex and c.gender == sex])
        if found is None:
            found = _one(self._by_epithet.get(key, ()))
        if found is None and len(words) == 1:
            # "Jimmy" of the tag "James Wilson": a diminutive of one known given name
            found = _one(
                [c for f in formal_given_names().get(key, ()) for c in self._by_given.get(f, ())]
            )
        return found

    def by_alias(self, word: str) -> KnownCharacter | None:
        """The one known character a single word is a whole name or alias of ("Bones" for
        Leonard McCoy), not just one word of a longer name ("Might" of "All Might")."""
        return _one(self._by_form.get(fold(word), ()))

    def sharing(self, word: str) -> list[KnownCharacter]:
        """Every known character with ``word`` in one of its names ("Sinclair": Lucas and
        Erica Sinclair)."""
        return list(self._by_word.get(fold(word), ()))

    def match(self, names: Iterable[str]) -> KnownCharacter | None:
        """The known character the first of ``names`` that matches refers to."""
        for name in names:
            if name[:1].isupper():
                found = self.by_name(name)
                if found is not None:
                    return found
        return None

    def by_epithet(self, text: str) -> KnownCharacter | None:
        """The known character a description is the epithet of: "the copy-nin", "the Copy Ninja"."""
        key = fold(text)
        for det in ("the ", "that ", "this "):
            if key.startswith(det):
                key = key[len(det) :]
                break
        return _one(self._by_epithet.get(key, ()))

    def names_a_thing(self, name: str) -> bool:
        """Whether a capitalised name is a place or thing of the fandom, not a person."""
        return fold(name) in self.things


def _one(found: list[KnownCharacter] | tuple[()]) -> KnownCharacter | None:
    unique = {c.name: c for c in found}
    return next(iter(unique.values())) if len(unique) == 1 else None


def _strip_honorific(name: str) -> str:
    head, dash, tail = name.rpartition("-")
    return head if dash and tail.lower() in HONORIFIC_SUFFIXES and head else name


# the people of "A/B", "A & B" and a pairing line ("background Tao/Elle and Tara/Darcy")
_PAIRED = re.compile(r"\s*[/&,]\s*|\s+(?:and|x)\s+")
_QUALIFIER = re.compile(r"^(?:[a-z][\w-]*\s+)+")  # "background", "past", "mentioned"


def _display(tag: str) -> str:
    return _DISAMBIGUATOR.sub("", tag).strip()


def _from_pack(pack: Pack) -> list[KnownCharacter]:
    out = []
    for c in pack.characters:
        forms = {fold(_display(c.name))}
        forms.update(fold(_strip_honorific(a)) for a in c.aliases)
        epithets = []
        for e in c.epithets:
            key = fold(e)
            epithets.append(key[4:] if key.startswith("the ") else key)
        out.append(
            KnownCharacter(
                name=_display(c.name),
                forms=tuple(sorted(f for f in forms if f)),
                epithets=tuple(epithets),
                gender=_GENDERS.get(c.pronouns or "", c.pronouns) if c.pronouns else None,
            )
        )
    return out


# A character tag with the nickname in quotes between the names: 'James "Bucky" Barnes'.
_NICKNAMED = re.compile(
    r"(?P<given>[A-Z][\w.'-]*(?: [A-Z][\w.'-]*)*) [\"“](?P<nick>[A-Z][\w.' -]*)[\"”]"
    r" (?P<surname>[A-Z][\w'-]*(?: [A-Z][\w'-]*)*)"
)


def _declared(tags: tuple[str, ...], relationships: tuple[str, ...] = ()) -> list[KnownCharacter]:
    """The characters an author's tags name: the character tags, and the people of the
    relationship tags ("Pairing: Pell/Mira", "Dean Winchester & Sam Winchester")."""
    members = [_QUALIFIER.sub("", m) for tag in relationships for m in _PAIRED.split(_display(tag))]
    out: dict[str, KnownCharacter] = {}
    for tag in (*tags, *members):
        name = _display(tag)
        if not name or name.lower() in ("original character", "original characters", "ofc", "omc"):
            continue
        if "/" in name or "&" in name:
            continue  # a relationship, not a character
        nick = _NICKNAMED.fullmatch(name)
        nickname = None
        if nick:  # 'Temperance "Bones" Brennan': "Temperance Brennan", also called "Bones"
            name, nickname = f"{nick['given']} {nick['surname']}", fold(nick["nick"])
        forms = (fold(name), nickname) if nickname else (fold(name),)
        out.setdefault(
            fold(name),
            KnownCharacter(
                name=name, forms=forms, epithets=(), gender=None, declared=True, nickname=nickname
            ),
        )
    return list(out.values())


def _hashtag_names(work: Work) -> tuple[str, ...]:
    """Full names among a header's hashtags ("#max caulfield #chloe price #david madsen"): a
    tag of two words that the story writes, both, capitalised as words of its own."""
    out = []
    for tag in work.metadata.additional_tags:
        words = tag.split()
        if len(words) == 2 and all(w.isalpha() for w in words):
            title = [w.capitalize() for w in words]
            if all(re.search(rf"\b{w}\b", work.text) for w in title):
                out.append(" ".join(title))
    return tuple(out)


_CACHE: dict[int, tuple[Work, KnownCast]] = {}


def known_cast(work: Work) -> KnownCast:
    """The known cast of a work (cached by the identity of its text and metadata)."""
    key = id(work.text)
    hit = _CACHE.get(key)
    if hit is not None and hit[0].text is work.text and hit[0].metadata is work.metadata:
        return hit[1]
    cast = _build(work)
    _CACHE.clear()
    _CACHE[key] = (work, cast)
    return cast


def _build(work: Work) -> KnownCast:
    cast = KnownCast()
    packs = work_packs(work)
    # a header's hashtags name the cast only where no pack knows it (a pack's own names and
    # aliases are surer than a tag's two words)
    tagged = work.metadata.characters or (() if packs else _hashtag_names(work))
    declared = _declared(tagged, work.metadata.relationships)
    names = {fold(c.name) for c in declared}
    from_packs: dict[str, KnownCharacter] = {}
    terms: set[str] = set()
    for pack in packs:
        for c in _from_pack(pack):
            from_packs.setdefault(fold(c.name), c)
        terms.update(key for key in map(fold, pack.terms) if " " in key)
    # A declared tag that a pack knows takes the pack's knowledge (aliases, epithets, pronouns).
    for c in declared:
        pc = next((p for p in from_packs.values() if fold(c.name) in p.forms), None)
        cast.add(pc if pc is not None else c)
    for key, c in from_packs.items():
        if key not in names and not any(fold(d.name) in c.forms for d in declared):
            cast.add(c)
    cast.things = {t for t in terms if t not in cast._by_form}
    return cast


def work_packs(work: Work) -> list[Pack]:
    """The packs of the fandoms a work declares, names in a disclaimer, or shows by its cast:
    two characters of the pack named twice in the story by names few other stories use (a full
    name, or a word that is no English word), or one named twice and two more named once, or
    one with two of the fandom's rare capitalised terms. A name or term of English words only
    counts where its words run together, and one-word names the story joins into a full name
    that is no one's in the pack ("Hajime Hinata") count for neither character.
    A light version of the tags pass's ``identify_fandoms``: names only, from the tokens the
    analysis already has."""
    from ficscope.passes.tags_fandom import disclaimer_fandoms

    packs = load_packs()
    if not packs:
        return []
    named = [*work.metadata.fandoms, *(name for name, _, _ in disclaimer_fandoms(work))]
    chosen: dict[str, Pack] = {}
    for name in named:
        pack = find_pack(name, packs)
        if pack is not None:
            chosen[fold(pack.fandom)] = pack
    capitalised, runs = _capitalised_words(work)
    for pack in packs:
        key = fold(pack.fandom)
        if key in chosen:
            continue
        twice = once = 0  # characters named by a distinctive name, twice or more / at all
        foreign = _foreign_full_names(pack, capitalised, runs)
        for names in _distinctive_names(pack):
            best = single = 0
            for form in names:
                if len(form.words) > 1:
                    best = max(best, form.times_written(capitalised, runs))
                elif form.words[0] not in foreign:
                    times = capitalised[form.words[0]]
                    best, single = max(best, times), single + times
            best = max(best, single)  # "Bakugou" once and "Katsuki" once: named twice
            twice += best >= 2
            once += best >= 1
        if twice >= 2 or (twice >= 1 and once >= 3):
            chosen[key] = pack  # "Bakugou" three times, "Kirishima" and "Aizawa" once
            continue
        if once >= 1 and _places(pack, capitalised, runs) >= 2:
            chosen[key] = pack  # "Seb" with "the Stardrop" and "Cindersap Forest": villagers
            # whose names are all English words otherwise ("Abigail", "Shane", "Gus")
    return list(chosen.values())


def _places(pack: Pack, capitalised: Counter[str], runs: Counter[tuple[str, str]]) -> int:
    """How many of the pack's rare terms the story writes, capitalised as the pack does (asked
    only of a pack one of whose characters the story names)."""
    return sum(term.times_written(capitalised, runs) > 0 for term in _capitalised_terms(pack))


class _Written(NamedTuple):
    """A pack's name or term as the story would write it: its capitalised words, and whether
    they count only where they run together (all of them English words: "All For One" is not
    "All" opening one sentence and "One" another)."""

    words: tuple[str, ...]
    together: bool

    def times_written(self, capitalised: Counter[str], runs: Counter[tuple[str, str]]) -> int:
        """How often the story writes it: a word alone; a name with a word English does not
        have by the fewest times one of its words is written ("Eloise" three times and
        "Bridgerton" once: once); English words only by the times they run together."""
        if self.together:
            return min(runs[pair] for pair in pairwise(self.words))
        return min(capitalised[w] for w in self.words)


def _written(words: tuple[str, ...], lex: PackWords) -> _Written:
    if len(words) == 1:
        return _Written(words, False)
    return _Written(words, all(lex.known(w.lower()) for w in words))


def _capitalised_words(work: Work) -> tuple[Counter[str], Counter[tuple[str, str]]]:
    """How often the story writes each capitalised word (honorific suffixes off), and each two
    capitalised words running together in a paragraph ("All For", "For One", "Hajime Hinata")."""
    tokens = discourse(work).tokens
    caps = [(i, _strip_honorific(t.text)) for i, t in enumerate(tokens) if t.text[:1].isupper()]
    capitalised = Counter(word for _, word in caps)
    runs = Counter(
        (a, b)
        for (i, a), (j, b) in pairwise(caps)
        if j == i + 1 and tokens[i].para == tokens[j].para
    )
    return capitalised, runs


def _foreign_full_names(
    pack: Pack, capitalised: Counter[str], runs: Counter[tuple[str, str]]
) -> set[str]:
    """A pack's one-word names the story writes inside a full name that joins the one-word
    names of two of the pack's characters and is neither's name: "Hajime Hinata" is someone
    else than the pack's Hajime and the pack's Hinata."""
    owners_of = _one_word_owners(pack)
    written = capitalised.keys() & owners_of.keys()
    foreign: set[str] = set()
    if len(written) < 2:
        return foreign
    names_of = _distinctive_names(pack)
    for a in written:
        for b in written:
            if runs[a, b] and not owners_of[a] & owners_of[b]:
                own = (n.words for i in owners_of[a] | owners_of[b] for n in names_of[i])
                if not any((a, b) in pairwise(w) for w in own):
                    foreign |= {a, b}
    return foreign


@per_pack
def _one_word_owners(pack: Pack) -> dict[str, frozenset[int]]:
    """Each one-word distinctive name of a pack -> the characters (by index) it names."""
    owners: dict[str, set[int]] = {}
    for i, names in enumerate(_distinctive_names(pack)):
        for name in names:
            if len(name.words) == 1:
                owners.setdefault(name.words[0], set()).add(i)
    return {word: frozenset(ids) for word, ids in owners.items()}


@per_pack
def _distinctive_names(pack: Pack) -> list[list[_Written]]:
    """For each character of a pack, each of its names few stories outside the fandom use (a
    full name, or a word that is no English word), worked out once per pack."""
    from ficscope.passes.proof_lexicon import pack_words

    lex = pack_words()
    out = []
    for character in pack.characters:
        names = []
        for name in dict.fromkeys((_display(character.name), *character.aliases)):
            words = tuple(_strip_honorific(name).split())
            if words and (len(words) > 1 or not lex.known(words[0].lower())):
                names.append(_written(words, lex))
        out.append(names)
    return out


@per_pack
def _capitalised_terms(pack: Pack) -> list[_Written]:
    """The pack's rare terms (the tags pass's ``rare_terms``) written capitalised, as the pack
    writes them ("the Stardrop" is not one: "Cindersap Forest" is), worked out once per pack."""
    from ficscope.passes.proof_lexicon import pack_words
    from ficscope.passes.tags_fandom import rare_terms

    lex = pack_words()
    return [
        _written(tuple(words), lex)
        for term, _ in rare_terms(pack)
        if (words := term.split()) and all(w[:1].isupper() for w in words)
    ]


def declared_pronouns(work: Work, characters: Iterable[Character]) -> dict[str, str]:
    """Pronouns the author declares outside the story, in its notes, disclaimer, summary or
    tags ("My Lavellan is nonbinary and uses they/them.", "Jehan uses they/them here", "They/Them
    Pronouns for Jehan"): character id -> gender code (m, f, p or a neo-pronoun set), for a
    sentence naming one pronoun set and one character by a word of its name or aliases."""
    meta = work.metadata
    texts = [work.span_text(b) for b in work.blocks if b.role in _NOTE_ROLES]
    texts += [t for t in (meta.summary, meta.notes, meta.end_notes) if t]
    texts += meta.additional_tags
    if not any(_PRONOUN_SET.search(t) for t in texts):
        return {}
    by_word: dict[str, set[str]] = {}
    for c in characters:
        for form in (c.name, *c.aliases):
            for word in form.split():
                if word[:1].isupper() and word.lower() not in TITLES and len(word) > 2:
                    by_word.setdefault(word, set()).add(c.id)
    found: dict[str, str] = {}
    for text in texts:
        for sentence in re.split(r"(?<=[.!?;])\s+|\n", text):
            sets = {m.group(1).lower() for m in _PRONOUN_SET.finditer(sentence)}
            if len(sets) != 1:
                continue
            words = re.findall(r"[^\W\d_][\w'’-]*", sentence)
            named = set().union(
                *(by_word.get(w.removesuffix("'s").removesuffix("’s"), set()) for w in words)
            )
            if len(named) == 1:
                pronouns = sets.pop()
                found[named.pop()] = _GENDERS.get(pronouns, pronouns)
    return found
