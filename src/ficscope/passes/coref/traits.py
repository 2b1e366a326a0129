"""Descriptions that pick a person out by a trait: a hair colour ("the blond", "his blond hair"),
a bodily trait ("the silver-haired ninja"), a capitalised modifier ("the Mist ninja"), or an
animal's noun (the story's one animal character)."""

from __future__ import annotations

from ficscope.lexicon import TITLES, gendered_list
from ficscope.passes.discourse import Token


def _the_beast(decided: dict[str, str]) -> str | None:
    """The story's one animal character: the one its animal descriptions ("the dog") are."""
    animals = gendered_list("animal_nouns")
    beasts = {cid for head, cid in decided.items() if head.removeprefix("desc:") in animals}
    return next(iter(beasts)) if len(beasts) == 1 else None


def _beastly(text: str) -> bool:
    """Whether a description calls a person noun an animal: "the canine leader"."""
    animals = gendered_list("animal_nouns")
    return any(word in animals for word in text.lower().split()[1:-1])


_TRAIT_SUFFIXES = ("-haired", "-eyed", "-skinned", "-bearded", "-masked")


def _proper_modifier(text: str) -> str | None:
    """A capitalised word that picks a description's person out: "the Mist ninja" -> "mist"."""
    words = text.split()[1:-1]
    for word in words:
        if word[:1].isupper() and word.lower() not in TITLES:
            return word.lower()
    return None


def _trait(text: str) -> str | None:
    """The bodily trait a description picks its person out by: "the silver-haired man" ->
    "silver-haired" (a story gives one such trait to one character)."""
    for word in text.lower().split()[:-1]:
        if word.endswith(_TRAIT_SUFFIXES) and "-" in word.strip("-"):
            return word
    return None


_HAIR_COLOURS = {
    **dict.fromkeys(("blond", "blonde", "golden", "fair", "flaxen", "platinum"), "fair"),
    # "the brunet" in fan fiction is any dark-haired one, black hair or brown
    **dict.fromkeys(("brunet", "brunette", "brown", "chestnut", "black", "raven", "dark"), "dark"),
    **dict.fromkeys(("redhead", "red", "ginger", "auburn", "copper"), "red"),
    **dict.fromkeys(("silver", "grey", "gray", "white"), "silver"),
}
_HAIR_NOUNS = frozenset({"blond", "blonde", "brunet", "brunette", "redhead"})


def _hair_colour(text: str) -> str | None:
    """The hair colour a description names: "the blond", "the redhead", "the raven-haired boy"."""
    words = text.lower().split()
    if words[-1] in _HAIR_NOUNS:
        return _HAIR_COLOURS[words[-1]]
    for word in words[1:-1]:
        if word.endswith("-haired") and word[: -len("-haired")] in _HAIR_COLOURS:
            return _HAIR_COLOURS[word[: -len("-haired")]]
    return None


def _hair_after(tokens: list[Token], at: int) -> str | None:
    """The colour of "his/her [messy] blond hair" at a possessive pronoun, if it is one."""
    if tokens[at].lower not in ("his", "her"):
        return None
    shade = None
    for k in range(at + 1, min(at + 4, len(tokens))):
        if tokens[k].lower == "hair":
            return shade
        if not tokens[k].text[0].isalpha():
            return None
        shade = _HAIR_COLOURS.get(tokens[k].lower, shade)
    return None


def _of_colour(
    hair: dict[str, str], colour: str, near: set[str], *, alone: bool = False
) -> str | None:
    """The one character near whose hair is of ``colour``; ``alone``: only if nobody else the
    story has shown so far has hair of that colour (the scene's one blond, met pages ago)."""
    fits = {cid for cid, shade in hair.items() if shade == colour and (cid in near or alone)}
    return fits.pop() if len(fits) == 1 and fits <= near else None
