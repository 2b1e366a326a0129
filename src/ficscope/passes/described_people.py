"""People a story mentions by a description that no character takes: "a tall woman", "the
soldiers", "his two sisters".

Coreference (passes/coref/) makes a description a mention of a character only when it can tell whom
it means, and makes someone new of an indefinite only when it acts where it is introduced; the
rest ("in want of a wife", "she passed the guards") are no mentions at all. They are still
people the text speaks of, each most often once. This finds them, after every pass that decides
who is who has run, as mentions with no character: they change no attribution, no count and no
cast, and they complete the mention layer (LitBank annotates every person noun phrase; about a
third of its train books' person mentions are such descriptions, most of them said once).

A description here is a determiner, quantifier or owner ("the", "a", "these", "no", "all",
"two", "his", "their", ...), at most two lower-case modifiers that are no function words, and a
person noun from the English list (singular or plural: "the men", "two old soldiers"); "the
man's" is "the man". A plural person noun with no determiner is one too ("men came", "between
gentlemen", "people say"; capitalised only opening a sentence). A span that overlaps
a mention already made is left alone, except an owner's pronoun opening it ("his" of "his
wife" is a mention of its own).

The words for people whoever they are ("no one", "somebody", "everyone") are such mentions too,
and so is a "you", "your", "yourself" no mention holds: the reader a narration turns to ("Can
you see how foggy the day is?"), anyone at all ("when you'd killed a spider"), a letter's
recipient, or a line's hearers when it is said to several or to no one known. Each is left a
mention of its own: chaining a narration's every "you" into one person did worse on LitBank.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, insort
from collections.abc import Iterable
from functools import cache

from ficscope.lexicon import gendered_list, word_list
from ficscope.model import Mention

_OPENERS = frozenset(
    "the a an this that these those some another every each one".split()
    + "any no all both many several few two three four five six seven eight nine ten".split()
    + "his her their my your our its".split()  # an owner
)
_COLLECTIVE = frozenset("people folk folks family".split())  # no person nouns, but people
# whoever they are: "no one", "somebody"; a word of its own, no determiner before it
_ANYONE = re.compile(
    r"\b(?:(?:no|some|any|every)[ ]?one|(?:no|some|any|every)body)\b(?![-'’])", re.IGNORECASE
)
_YOU = re.compile(r"\b(?:you|your|yours|yourself|yourselves)\b", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_OWNERS_S = ("'s", "’s")  # "the man's" is "the man"
_MODIFIERS = 2
_LONGEST = 200  # no mention is longer: an overlap starts at most this far before


def _opens_sentence(text: str, at: int) -> bool:
    """Whether the word at ``at`` opens a sentence ("Men came."): nothing but quotation marks
    and space between it and a sentence's end or the text's start."""
    before = text[max(0, at - 8) : at].rstrip(" \t\n\"'“‘")
    return not before or before.endswith((".", "!", "?"))


@cache
def _plurals() -> frozenset[str]:
    """The plural person nouns ("men", "sisters", "children", "people")."""
    singular = set(gendered_list("person_nouns")) | _COLLECTIVE
    return (_heads() - singular) | {"people", "folks"}  # "family" alone is as often a modifier


@cache
def _heads() -> frozenset[str]:
    """The person nouns, singular and plural ("man", "men", "sisters", "children")."""
    heads = set(gendered_list("person_nouns")) | _COLLECTIVE
    for noun in list(heads):
        if " " in noun:
            continue
        if noun.endswith("man"):
            heads.add(noun[:-3] + "men")
        elif noun == "child":
            heads.add("children")
        elif noun in _COLLECTIVE:
            continue
        elif noun.endswith(("s", "x", "ch", "sh")):
            heads.add(noun + "es")
        elif noun.endswith("y") and noun[-2:-1] not in ("a", "e", "o", "u"):
            heads.add(noun[:-1] + "ies")
        else:
            heads.add(noun + "s")
    return frozenset(heads)


def described_people(text: str, existing: Iterable[Mention]) -> list[Mention]:
    """An unresolved ``epithet`` mention for each description of a person (see the module)
    that overlaps no mention already made."""
    taken = sorted((m.start, m.end, m.kind) for m in existing)
    heads = _heads()
    function = word_list("function_words")
    plurals = _plurals()
    # each word's span in two int arrays (no match object kept: a 1M-word text has 1M words),
    # and where the openers and the bare plurals are
    starts, ends = array("l"), array("l")
    openers: list[int] = []
    bares: list[int] = []
    for k, match in enumerate(_WORD.finditer(text)):
        a, b = match.span()
        starts.append(a)
        ends.append(b)
        low = match.group().lower()
        if low in _OPENERS:
            openers.append(k)
        if low in plurals:
            bares.append(k)
    found: list[Mention] = []
    for i in openers:
        end = None
        for j in range(i + 1, min(i + 2 + _MODIFIERS, len(starts))):
            if not text[ends[j - 1] : starts[j]].isspace():
                break
            word = text[starts[j] : ends[j]]
            stem = word[:-2] if word.endswith(_OWNERS_S) else word
            if stem in heads:  # lower case only: "the Doctor" is a name
                end = starts[j] + len(stem)
                break
            if stem != word or not word.islower() or word in function or word in _OPENERS:
                break
        if end is None:
            continue
        start = starts[i]
        near = taken[bisect_left(taken, (start - _LONGEST,)) : bisect_left(taken, (end,))]
        if any(start < b and not (a == start and kind == "pronoun") for a, b, kind in near):
            continue
        found.append(Mention(start, end, None, "epithet"))
        insort(taken, (start, end, "epithet"))
    for k in bares:
        start, end = starts[k], ends[k]
        word = text[start:end]  # a plural with no determiner: "men came", "between gentlemen"
        if word not in plurals and not (
            word[1:].islower() and word.lower() in plurals and _opens_sentence(text, start)
        ):
            continue
        near = taken[bisect_left(taken, (start - _LONGEST,)) : bisect_left(taken, (end,))]
        if not any(start < b for _, b, _ in near):
            found.append(Mention(start, end, None, "epithet"))
            insort(taken, (start, end, "epithet"))
    for match in _ANYONE.finditer(text):
        start, end = match.span()
        near = taken[bisect_left(taken, (start - _LONGEST,)) : bisect_left(taken, (end,))]
        if not any(start < b for _, b, _ in near):
            found.append(Mention(start, end, None, "epithet"))
    for match in _YOU.finditer(text):
        start, end = match.span()
        near = taken[bisect_left(taken, (start - _LONGEST,)) : bisect_left(taken, (end,))]
        # a description the word opens ("your wife") leaves it a mention of its own
        if not any(start < b and not (a == start and b > end) for a, b, _ in near):
            found.append(Mention(start, end, None, "pronoun"))
    return sorted(found, key=lambda m: m.start)


_PLURAL_PRONOUNS = frozenset("they them their theirs themselves em 'em ’em".split())


def without_unknown_plurals(text: str, mentions: Iterable[Mention]) -> list[Mention]:
    """The mentions but the plural pronouns ("they", "them", "their") that coreference left
    with no one: as often things as people ("she packed the boxes and carried them"), they are
    no sure mention of a person, and the group they are has no character to hold it."""
    return [
        m
        for m in mentions
        if not (
            m.kind == "pronoun"
            and m.character is None
            and text[m.start : m.end].lower() in _PLURAL_PRONOUNS
        )
    ]
