"""English word lists the analysis passes share: titles, pronouns, speech verbs, person nouns.

Language knowledge, not fandom knowledge: nothing here names a character or a world. Larger lists
live in text files beside this module (one entry per line, ``#`` comments) and load lazily.
"""

from __future__ import annotations

from functools import cache
from importlib import resources


def _lines(name: str) -> list[list[str]]:
    text = (resources.files("ficscope.lexicon") / f"{name}.txt").read_text(encoding="utf-8")
    rows = (line.split("#", 1)[0].split() for line in text.splitlines())
    return [row for row in rows if row]


@cache
def word_list(name: str) -> frozenset[str]:
    """A word list shipped with ficscope (``name`` without ``.txt``): every word, lower-cased."""
    return frozenset(word.lower() for row in _lines(name) for word in row)


@cache
def phrase_list(name: str) -> frozenset[str]:
    """A list of phrases shipped with ficscope, one a line, lower-cased ("delivery guy")."""
    return frozenset(" ".join(row).lower() for row in _lines(name))


@cache
def gendered_list(name: str) -> dict[str, str | None]:
    """A list of ``word [m|f]`` lines: word -> "m", "f" or None."""
    return {row[0].lower(): (row[1] if len(row) > 1 else None) for row in _lines(name)}


@cache
def given_name_genders() -> dict[str, str]:
    """Common English given names -> "m" or "f", lower-cased."""
    return {name.lower(): row[0] for row in _lines("given_names") for name in row[1:]}


@cache
def formal_given_names() -> dict[str, frozenset[str]]:
    """Diminutive -> the given names it is short for ("harry" -> henry, harold), lower-cased."""
    formal: dict[str, set[str]] = {}
    for row in _lines("nicknames"):
        for nick in row[1:]:
            formal.setdefault(nick.lower(), set()).add(row[0].lower())
    return {nick: frozenset(names) for nick, names in formal.items()}


MALE_TITLES = frozenset(
    "mr mister mester maister sir lord king prince duke earl count baron emperor father brother "
    "uncle grandpa grandfather monsieur signor senor herr mr. lordship".split()
)
FEMALE_TITLES = frozenset(
    "mrs missus missis ms miss lady madam madame mistress queen princess duchess countess "
    "baroness empress mother sister aunt auntie grandma granny grandmother dame mademoiselle "
    "signora senora frau mrs. ms. ladyship".split()
)
NEUTRAL_TITLES = frozenset(
    "dr doctor professor prof captain capt colonel col general sergeant sgt lieutenant lt major "
    "agent detective officer inspector commander admiral senator president reverend rev saint st "
    "master cousin judge nurse coach chief director governor sheriff deputy constable "
    "marshal".split()
)
TITLES = MALE_TITLES | FEMALE_TITLES | NEUTRAL_TITLES

# Honorific suffixes joined by a hyphen ("Kakashi-sensei"); Japanese honorifics are common
# across anime and manga fandoms, and in English-language fiction generally.
HONORIFIC_SUFFIXES = frozenset(
    "san sama kun chan sensei senpai sempai dono hime nii nee niisan neesan onii onee oniisan "
    "oneesan "
    "shishou shisho taichou taicho kohai chama tan bo".split()
)
MALE_SUFFIXES = frozenset({"kun", "nii", "niisan", "onii", "oniisan"})
FEMALE_SUFFIXES = frozenset({"chan", "hime", "nee", "neesan", "onee", "oneesan"})

MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves", "themself"})
FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself"})
SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "i", "xe", "ze", "ey", "it"})
NEO_PRONOUNS = {
    "xe": "xe/xem",
    "xem": "xe/xem",
    "xyr": "xe/xem",
    "xyrs": "xe/xem",
    "xemself": "xe/xem",
    "ze": "ze/zir",
    "zir": "ze/zir",
    "zirs": "ze/zir",
    "zirself": "ze/zir",
    "ey": "ey/em",
    "em": "ey/em",
    "eir": "ey/em",
    "eirs": "ey/em",
    "emself": "ey/em",
}
PRONOUN_SETS = {"m": "he/him", "f": "she/her", "p": "they/them"}


_NEGATED = ("n't", "n’t")
# the same written without the apostrophe, as hasty writers do ("Zoro didnt look up")
_NEGATED_BARE = frozenset(
    "didnt doesnt dont wasnt werent isnt arent hadnt hasnt havent couldnt wouldnt shouldnt "
    "cant wont".split()
)


def is_verb_like(word: str) -> bool:
    """A finite verb, by its form (lower case): a speech verb, an irregular past or auxiliary,
    a negated auxiliary ("doesn't"), "-ed", a third-person "-s" ("sighs", "looks")."""
    return (
        word in word_list("speech_verbs")
        or word in word_list("irregular_past")
        or word.endswith(_NEGATED)
        or word in _NEGATED_BARE
        or (word.endswith("ed") and len(word) > 3)
        or (word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3)
    )
