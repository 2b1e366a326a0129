"""The English word list the proofreader checks against, from two maintained PyPI packages that
ship their data inside the package (nothing is downloaded at run time):

- pyspellchecker's English word-frequency list (~160k words, rare and literary words included);
- symspellpy's frequency dictionary (~83k words with Google Books counts, British spellings
  included), which also ranks suggestions.

A word is known when either list has it. Suggestions come only from the second list (frequent,
clean words), ranked by edit distance, then by frequency.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import logging
import re
from collections.abc import Collection, Mapping
from functools import cache
from importlib import resources
from pathlib import Path

from ficscope.errors import FicscopeError

log = logging.getLogger(__name__)

_LETTERS = "abcdefghijklmnopqrstuvwxyz"


class EnglishLexicon:
    def __init__(self, known: Collection[str], counts: dict[str, int]) -> None:
        self._known = known
        self.counts = counts

    def known(self, word: str) -> bool:
        """Whether ``word`` (lower case) is an English word."""
        return word in self._known or word in self.counts

    def count(self, word: str) -> int:
        return self.counts.get(word, 0)

    def suggest(self, word: str, *, max_distance: int = 1) -> list[tuple[str, int, int]]:
        """``(suggestion, distance, count)`` for a lower-case word, best first."""
        ones = {w for w in edits1(word) if w in self.counts}
        found = [(w, 1, self.counts[w]) for w in ones]
        if not found and max_distance >= 2:
            # Distance two, the cheap half: a deletion plus any one edit. (Two substitutions or
            # two insertions are not searched: too costly for what they find.)
            seen: set[str] = set()
            for shorter in deletes1(word):
                for w in edits1(shorter):
                    if w in self.counts and w not in seen and w != word:
                        seen.add(w)
                        found.append((w, 2, self.counts[w]))
        return sorted(found, key=lambda t: (t[1], -t[2]))

    def split(self, word: str) -> tuple[str, str] | None:
        """Two words that run together as ``word``, when English often writes them side by side
        ("eachother" -> "each", "other"; not "hitate" -> "hit", "ate"). The most frequent pair
        wins."""
        best: tuple[int, tuple[str, str]] | None = None
        for i in range(1, len(word)):
            left, right = word[:i], word[i:]
            if len(left) < 2 or len(right) < 2:
                continue  # "abear" is dialect, not "a bear" run together
            if f"{left} {right}" in _bigrams():
                score = min(self.count(left), self.count(right))
                if best is None or score > best[0]:
                    best = (score, (left, right))
        return best[1] if best else None


def deletes1(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def edits1(word: str) -> set[str]:
    """Every string one edit away: a deletion, an adjacent transposition, a substitution or an
    insertion (Norvig's recipe)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    transposes = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in _LETTERS]
    inserts = [a + c + b for a, b in splits for c in _LETTERS]
    return set(deletes + transposes + replaces + inserts)


def osa_distance(a: str, b: str, limit: int = 3) -> int:
    """Optimal-string-alignment edit distance (transpositions count one), capped at ``limit``."""
    if abs(len(a) - len(b)) >= limit:
        return limit
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) >= limit:
            return limit
        prev2, prev = prev, cur
    return min(prev[-1], limit)


def _package_file(package: str, *parts: str) -> Path:
    """A data file inside an installed package, found without importing the package."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise FicscopeError(
            f"the {package} package is not installed (pip install ficscope installs it)"
        )
    return Path(next(iter(spec.submodule_search_locations)), *parts)


@cache
def english() -> EnglishLexicon:
    """The English lexicon, loaded once (about 0.25 s)."""
    with gzip.open(_package_file("spellchecker", "resources", "en.json.gz")) as fh:
        known: dict[str, int] = json.loads(fh.read())  # word -> count: its keys are the words
    text = _package_file("symspellpy", "frequency_dictionary_en_82_765.txt").read_text(
        encoding="utf-8"
    )
    parts = text.split()
    if len(parts) == 2 * (text.count("\n") + (not text.endswith("\n"))):
        # every line "word count", as the shipped file is: pair the parts, no loop per line
        counts = dict(zip(parts[0::2], map(int, parts[1::2]), strict=True))
    else:
        counts = {}
        for line in text.splitlines():
            word, _, count = line.partition(" ")
            if count:
                counts[word] = int(count)
    log.debug("English lexicon: %d + %d words", len(known), len(counts))
    return EnglishLexicon(known, counts)


PACK_WORDS_FILE = "pack_words.txt"  # in ficscope/fandoms, written by scripts/build_pack_words.py


class PackWords:
    """What the English lexicon says of the words the shipped fandom packs ask it about (their
    names' words and their terms: ``known_cast``'s distinctive names and capitalised terms, the
    tags pass's rare terms), read from a small file shipped with ficscope, so that a run that
    reads no other English through the lexicon (analysis through ``speakers``) does not load
    the whole of it (about 0.13 s, a sixteenth of *The Secret Garden*'s cold run). Any other
    word, a user's pack's, is asked of ``english()``. The same answers as ``english()``: the file
    records the sizes of the two lexicon data files it was written from, and is not used when
    the installed ones differ."""

    def __init__(self, answers: Mapping[str, bool]) -> None:
        self._answers = answers

    def known(self, word: str) -> bool:
        """Whether ``word`` (lower case) is an English word."""
        answer = self._answers.get(word)
        return english().known(word) if answer is None else answer


def lexicon_stamp() -> str:
    """The sizes of the lexicon's two data files, which ``PackWords`` answers are valid for."""
    files = (
        _package_file("spellchecker", "resources", "en.json.gz"),
        _package_file("symspellpy", "frequency_dictionary_en_82_765.txt"),
    )
    return " ".join(f"{f.name}={f.stat().st_size}" for f in files)


@cache
def pack_words() -> PackWords:
    """The shipped answers for the packs' words (see ``PackWords``), loaded once."""
    text = (resources.files("ficscope.fandoms") / PACK_WORDS_FILE).read_text(encoding="utf-8")
    lines = text.splitlines()
    stamp = lines[1].removeprefix("# lexicon: ") if len(lines) > 1 else ""
    if stamp != lexicon_stamp():
        log.debug("%s was written from another English lexicon: not used", PACK_WORDS_FILE)
        return PackWords({})
    answers = {}
    for line in lines:
        if line and not line.startswith("#"):
            word, _, known = line.rpartition("\t")
            answers[word] = known == "1"
    return PackWords(answers)


@cache
def _bigrams() -> frozenset[str]:
    """symspellpy's English bigrams ("in case", "each other"), loaded on first use."""
    text = _package_file("symspellpy", "frequency_bigramdictionary_en_243_342.txt").read_text(
        encoding="utf-8"
    )
    return frozenset(re.findall(r"^(\S+ \S+) ", text, re.M))
