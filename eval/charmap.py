"""Predicted characters -> gold characters, by the names each side calls them (for speaker
accuracy, which needs to know whether predicted character ``c3`` *is* gold ``Mrs_Bennet-7``).

The rule (documented in docs/evaluation.md):

1. A name form is normalized: case-folded, anything but letters and digits made a space, spaces
   collapsed, a leading "the" dropped. "Mrs. Bennet" -> "mrs bennet".
2. Two forms *match* when they are equal, and *partly match* when, titles ("mr", "miss",
   "sir", "aunt", ...) set aside, the words of one (at least one) are all words of the other,
   unless both carry titles and share none ("Walter" ~ "Sir Walter Elliot", "Bennet" ~
   "Mr. Bennet", but "Mr. Bennet" !~ "Mrs. Bennet").
3. A predicted character P and a gold character G score, compared in this order: how well P's
   *name* fits any form of G (2 match, 1 partly, 0 not); then how many pairs of a form of P and
   a form of G match; then how many partly match. P's name leads because its aliases are
   looser: a "Mrs. Morel" whose aliases include "Morel" is Mrs. Morel, not the husband the
   novel calls "Morel".
4. P maps to the gold character with the best score, if any pair of forms (partly) matches;
   a tie goes to the gold character with more gold quotes, then to the one listed first.
   Several predicted characters may map to one gold character (a split character is not
   punished here; speaker B3 sees splits).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

from eval.documents import GoldCharacter, PredCharacter

TITLES = frozenset(
    "mr mrs ms miss mister master madam madame mme mlle monsieur sir lady lord dame dr doctor "
    "prof professor rev reverend capt captain col colonel gen general lt lieutenant sgt sergeant "
    "st saint father mother brother sister uncle aunt king queen prince princess duke duchess "
    "count countess baron baroness esq jr sr".split()
)
_NON_WORD = re.compile(r"[^\w]+|_+")


@lru_cache(maxsize=65536)
def normalize(form: str) -> str:
    words = _NON_WORD.sub(" ", form.casefold()).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _split(form: str) -> tuple[frozenset[str], frozenset[str]]:
    """(the words that are not titles, the titles) of a normalized form."""
    words = form.split()
    return frozenset(w for w in words if w not in TITLES), frozenset(
        w for w in words if w in TITLES
    )


def _partial(a: str, b: str) -> bool:
    (a_core, a_titles), (b_core, b_titles) = _split(a), _split(b)
    if a_titles and b_titles and not a_titles & b_titles:
        return False
    return bool(a_core and b_core and (a_core <= b_core or b_core <= a_core))


def fit(a: str, b: str) -> int:
    """2 when two forms match, 1 when they partly match, else 0 (rule 2 above)."""
    a, b = normalize(a), normalize(b)
    if not a or not b:
        return 0
    return 2 if a == b else 1 if _partial(a, b) else 0


def name_score(
    name: str, aliases: Iterable[str], gold_forms: Iterable[str]
) -> tuple[int, int, int]:
    """(fit of the name, matching pairs, partly matching pairs) of a predicted character's name
    and aliases against a gold character's forms (rule 3 above); compare as a tuple."""
    golds = list(dict.fromkeys(f for f in (normalize(g) for g in gold_forms) if f))
    preds = list(dict.fromkeys(f for f in (normalize(p) for p in (name, *aliases)) if f))
    fits = [fit(p, g) for p in preds for g in golds]
    return max((fit(name, g) for g in golds), default=0), fits.count(2), fits.count(1)


def map_characters(
    predicted: Sequence[PredCharacter],
    gold: Sequence[GoldCharacter],
    *,
    quote_counts: Mapping[str, int] | None = None,
) -> dict[str, str]:
    """Predicted character id -> gold character id, for those that share a name (rule 4 above)."""
    counts = quote_counts or {}
    mapping: dict[str, str] = {}
    for p in predicted:
        best: tuple[tuple[int, int, int], int, int] | None = None
        best_id = None
        for order, g in enumerate(gold):
            score = name_score(p.name, p.aliases, g.forms)
            if score == (0, 0, 0):
                continue
            rank = (score, counts.get(g.id, 0), -order)
            if best is None or rank > best:
                best, best_id = rank, g.id
        if best_id is not None:
            mapping[p.id] = best_id
    return mapping
