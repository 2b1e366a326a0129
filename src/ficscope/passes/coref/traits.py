"""Descriptions that pick a person out by a trait: a hair colour ("the blond", "his blond hair"),
a bodily trait ("the silver-haired ninja"), a capitalised modifier ("the Mist ninja"), or an
animal's noun (the story's one animal character)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping

from ficscope.lexicon import TITLES, gendered_list
from ficscope.passes.coref.refs import Ref
from ficscope.passes.discourse import Discourse, Token


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


# Words by which the narration marks one old ("the old woman", "grey-haired"); "the older woman"
# or "the elder man" of those in a scene is the one the text marks so
_OLD_WORDS = frozenset("old elderly aged grey-haired gray-haired white-haired wrinkled".split())
_COMPARED_OLD = frozenset("older elder".split())
_AGED_NOUNS = frozenset("man woman lady gentleman guy fellow".split())


def _aged(dis: Discourse, names: list[Ref]) -> set[str]:
    """The characters the narration marks old: the one character a paragraph's narration names
    when that narration restates someone as old ("Pinako Rockbell was leaning in the doorway ...
    the old woman still managed to look down on all of them"). Not where the story brought in
    someone new by those words before ("an old woman with a cart of turnips waved her over" ...
    "Hilda said she was sorry. The old woman sniffed": the old woman is not Hilda)."""
    tokens = dis.tokens
    named: dict[int, set[str]] = defaultdict(set)
    for r in names:
        if r.character and tokens[r.first].quote < 0:
            named[tokens[r.first].para].add(r.character)
    met: set[str] = set()  # "old woman" after "an": someone new
    restated: dict[int, set[str]] = defaultdict(set)  # paragraph -> "old woman" after "the"
    for i in range(1, len(tokens) - 1):
        word, before, noun = tokens[i], tokens[i - 1].lower, tokens[i + 1].lower
        if word.quote >= 0 or word.lower not in _OLD_WORDS or noun not in _AGED_NOUNS:
            continue
        if before in ("a", "an"):
            met.add(noun)
        elif before == "the" and noun not in met:
            restated[word.para].add(noun)
    return {
        cid for para, cids in named.items() if len(cids) == 1 and restated.get(para) for cid in cids
    }


def _older_there(
    text: str,
    aged: Collection[str],
    there: Collection[str],
    gender: str | None,
    genders: Mapping[str, str],
) -> str | None:
    """For "the older woman" (``text``): the one of those ``there`` of a fitting sex whom the
    text marks old (``aged``), if exactly one is."""
    if not (_COMPARED_OLD | _OLD_WORDS) & set(text.lower().split()[:-1]):
        return None
    older = {c for c in there if c in aged and genders.get(c) in (None, gender)}
    return next(iter(older)) if len(older) == 1 else None
