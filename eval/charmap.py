"""Predicted characters -> gold characters, by the names each side calls them (for speaker
accuracy, which needs to know whether predicted character ``c3`` *is* gold ``Mrs_Bennet-7``).

The rule (documented in docs/evaluation.md):

1. A name form is normalized: case-folded, anything but letters and digits made a space, spaces
   collapsed, a leading "the" dropped. "Mrs. Bennet" -> "mrs bennet".
2. Two forms *match* when they are equal, and *partly match* when, titles ("mr", "miss",
   "sir", "aunt", ...) and function words ("a", "his", "their", "of", ...) set aside, the words
   of one (at least one) are all words of the other, unless both carry titles and share none
   ("Walter" ~ "Sir Walter Elliot", "Bennet" ~ "Mr. Bennet", but "Mr. Bennet" !~
   "Mrs. Bennet", and "their father" has no words left to match with).
3. A predicted character P and a gold character G score, compared in this order: how well P's
   *name* fits any form of G (2 match, 1 partly, 0 not); then how many pairs of a form of P and
   a form of G match; then how many partly match. P's name leads because its aliases are
   looser: a "Mrs. Morel" whose aliases include "Morel" is Mrs. Morel, not the husband the
   novel calls "Morel".
4. P maps to the gold character whose form P's name *matches*, the best-scoring one if several.
5. Otherwise, when the gold has mentions (LitBank) and P's mentions align to gold PER mentions
   (evaluate.py aligns them as for coreference), P maps to the gold entity holding most of
   them: a "their father" that the system kept apart from Mr. Bennet, but whose mentions are
   Mr. Bennet's, did name the right speaker.
6. Otherwise P maps to the best-scoring gold character if any pair of forms partly matches.
In 4-6 a tie goes to the gold character with more gold quotes, then to the one listed first.
Several predicted characters may map to one gold character: a split character is not punished
here (speaker B3 and the clustering metrics see splits).
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
FUNCTION_WORDS = frozenset(
    "a an the of and or in on at to for with from by his her hers their its my your our "
    "this that these those one some any no every all other another s".split()
)
_NON_WORD = re.compile(r"[^\w]+|_+")


@lru_cache(maxsize=65536)
def normalize(form: str) -> str:
    words = _NON_WORD.sub(" ", form.casefold()).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _split(form: str) -> tuple[frozenset[str], frozenset[str]]:
    """(the words that are neither titles nor function words, the titles) of a normalized form."""
    words = form.split()
    core = frozenset(w for w in words if w not in TITLES and w not in FUNCTION_WORDS)
    return core, frozenset(w for w in words if w in TITLES)


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
    mention_votes: Mapping[str, Mapping[str, int]] | None = None,
) -> dict[str, str]:
    """Predicted character id -> gold character id (rules 4-6 above). ``mention_votes`` holds, per
    predicted character, how many of its mentions align to each gold entity's mentions."""
    counts = quote_counts or {}
    votes = mention_votes or {}
    order = {g.id: i for i, g in enumerate(gold)}
    mapping: dict[str, str] = {}
    for p in predicted:
        scored = [(name_score(p.name, p.aliases, g.forms), g.id) for g in gold]
        exact = [(s, gid) for s, gid in scored if s[0] == 2]
        partial = [(s, gid) for s, gid in scored if s != (0, 0, 0)]
        by_mentions = [(n, gid) for gid, n in votes.get(p.id, {}).items() if n > 0 and gid in order]
        for candidates in (exact, by_mentions, partial):
            if candidates:
                _, best_id = max(
                    candidates, key=lambda c: (c[0], counts.get(c[1], 0), -order[c[1]])
                )
                mapping[p.id] = best_id
                break
    return mapping
