"""Misspellings: words neither English, nor the fandom's own, nor names the work uses.

How a word is judged, precision first (a proofreader that cries wolf is switched off):
- Known English (see proof_lexicon), any pack's terms and names, the cast's names, interjections
  ("heh", "hmph", "aww") and drawn-out words ("Nooo") are never flagged; neither are contractions
  and dialect with apostrophes ("c'mon", "nothin'"), nor words of one or two letters.
- Capitalised words used mid-sentence are names: they are only checked against the fandom's
  names and terms (a "Kakshi" met once), never against English.
- A lower-case word the work repeats (three times or more) is the work's own vocabulary, unless it
  is one edit or two from a term of the work's fandom: "konoichi" eight times is still "kunoichi".
- Otherwise an unknown word is flagged with the nearest fandom term (``fandom_term``) or the
  likeliest English word (``spelling``), with a confidence that falls when the choice is unclear.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from ficscope.fandoms import Pack
from ficscope.model import ProofFlag
from ficscope.passes.proof_lexicon import EnglishLexicon, english, osa_distance
from ficscope.passes.tags_text import Words

_INTERJECTION = re.compile(
    r"^(?:(?:h+[aeiou]+)+h*|a+w+|a+h+|m+h*m+|u+[hm]+|h+m+p*h*|a+r+g+h*|t+s+k+|s+h+|p+s+t+|o+[hw]+|"
    r"w+o+a+h+|e+h+|l+o+l+|o+m+g+|g+r+|b+r+|z+|e+w+|y+a+y+|n+y+a+h*|m+e+h+|p+f+t+|b+l+e+h+)$"
)
_ELONGATED = re.compile(r"(.)\1\1")
_SENTENCE_OPENERS = set(".!?…\"“”‘'([{—–-:;*~")
_SUFFIXES = ("'s", "’s")

REPEATED_IS_VOCABULARY = 3  # a lower-case word used this often is the work's own word


class TermIndex:
    """A fandom's words (terms, names, epithets) for near-miss lookups, by first letter."""

    def __init__(self, packs: Iterable[Pack], *, names: bool = True) -> None:
        self.forms: dict[str, str] = {}
        self.words: set[str] = set()
        for pack in packs:
            for form, right in pack.term_forms.items():
                self.forms.setdefault(form, right)
            if names:
                for form, right in pack.name_forms.items():
                    self.forms.setdefault(form, right)
            self.words.update(pack.known_words)
        self._by_letter: dict[str, list[str]] = defaultdict(list)
        for form in self.forms:
            if len(form) >= 4 and form.isalpha():
                self._by_letter[form[0]].append(form)

    def __contains__(self, word: str) -> bool:
        if word in self.words:
            return True
        for suffix in ("s", "es"):  # plurals: "Hokages", "jutsus"
            if word.endswith(suffix) and word[: -len(suffix)] in self.forms:
                return True
        return False

    def nearest(self, word: str) -> tuple[str, int, bool] | None:
        """``(term, distance, tied)``: the term one or two edits from ``word`` (lower case).
        ``tied`` when another term is as near (the pack's first is taken); None when more are."""
        limit = 1 if len(word) <= 5 else 2
        best: list[tuple[int, str]] = []
        for form in self._by_letter.get(word[:1], ()):
            if abs(len(form) - len(word)) > limit:
                continue
            distance = osa_distance(word, form, limit + 1)
            if distance <= limit:
                best.append((distance, form))
        if not best:
            return None
        best.sort(key=lambda t: t[0])  # stable: ties keep the pack's order
        distance, form = best[0]
        rivals = {self.forms[f] for d, f in best if d == distance}
        if len(rivals) > 2:
            return None  # several terms equally near: no telling which was meant
        return self.forms[form], distance, len(rivals) > 1


def _base(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            return word[: -len(suffix)]
    return word.rstrip("'’")


def check_spelling(
    text: str,
    tokens: Words,
    *,
    fandom_packs: Sequence[Pack] = (),
    all_packs: Sequence[Pack] = (),
    names: Iterable[str] = (),
    lexicon: EnglishLexicon | None = None,
) -> list[ProofFlag]:
    """Spelling and fandom-term flags for the story's words (see tags_text.story_words)."""
    lex = lexicon or english()
    fandom = TermIndex(fandom_packs)  # names and terms: for capitalised words
    fandom_terms = TermIndex(fandom_packs, names=False)  # for lower-case words
    everything = TermIndex(all_packs)
    cast = {part.casefold() for name in names for part in re.split(r"[\s\-]+", name) if part}
    counts = Counter(tokens.forms)

    def plainly_known(form: str) -> bool:
        low = _base(form).casefold().replace("’", "'")
        return (
            len(low) <= 2 or lex.known(low) or low in everything or low in cast or not low.isalpha()
        )

    unknown = {form for form in counts if not plainly_known(form)}
    # Every occurrence of an unknown word, and whether it starts a sentence.
    occurrences: list[tuple[int, int, str, bool]] = []
    mid_capitals: Counter[str] = Counter()
    for i, form in enumerate(tokens.forms):
        if form not in unknown:
            continue
        start, end = tokens.starts[i], tokens.ends[i]
        if (start > 0 and text[start - 1] == "-") or text[end : end + 1] == "-":
            if _compound_known(text, start, end, lex, everything):
                continue
        initial = _starts_sentence(text, start)
        word = _base(form)
        if word[:1].isupper() and not initial:
            mid_capitals[word.casefold()] += 1
        occurrences.append((start, start + len(word), word, initial))
    lower_counts: Counter[str] = Counter()
    for form, n in counts.items():
        if form[:1].islower():
            lower_counts[_base(form).casefold()] += n

    flags: list[ProofFlag] = []
    verdicts: dict[tuple[str, bool], tuple[str, str, float] | None] = {}
    for start, end, word, initial in occurrences:
        key = (word, initial and word[:1].isupper())
        if key not in verdicts:
            verdicts[key] = _judge(
                word,
                key[1],
                lex,
                (fandom, fandom_terms),
                everything,
                cast,
                mid_capitals,
                lower_counts,
            )
        verdict = verdicts[key]
        if verdict is not None:
            kind, suggestion, confidence = verdict
            if kind == "spelling" and _in_dialect(text, start):
                continue
            flags.append(_flag(start, end, word, kind, suggestion, confidence))
    return _drop_clusters(text, flags)


def _drop_clusters(text: str, flags: list[ProofFlag]) -> list[ProofFlag]:
    """Spelling flags that come two or more to a paragraph are dropped: a paragraph full of
    unknown words is dialect, a foreign language or abbreviations, not a run of slips."""
    per_paragraph: Counter[int] = Counter()
    where: list[int] = []
    for flag in flags:
        paragraph = text.rfind("\n", 0, flag.start)
        where.append(paragraph)
        if flag.kind == "spelling":
            per_paragraph[paragraph] += 1
    return [
        f for f, p in zip(flags, where, strict=True) if f.kind != "spelling" or per_paragraph[p] < 2
    ]


# Words cut short with an apostrophe: "tellin'", "th'", "o' ", "'em", "'bout".
_TRUNCATION = re.compile(
    r"[^\W\d_]['’](?=[\s,.!?;:\"”—-])|(?<=[\s\"“])['‘’](?:em|bout|cause|til|tis|twas|n|ere|ow)\b"
)


def _in_dialect(text: str, pos: int) -> bool:
    """Whether the paragraph around ``pos`` is written in eye dialect (two or more words cut
    short with apostrophes): its odd spellings are the author's, not slips."""
    lo = text.rfind("\n", 0, pos) + 1
    hi = text.find("\n", pos)
    paragraph = text[lo : hi if hi >= 0 else len(text)]
    return len(_TRUNCATION.findall(paragraph)) >= 2


def _starts_sentence(text: str, pos: int) -> bool:
    back = pos - 1
    while back >= 0 and text[back] in " \t":
        back -= 1
    return back < 0 or text[back] in _SENTENCE_OPENERS or text[back] in "\r\n"


def _compound_known(
    text: str, start: int, end: int, lex: EnglishLexicon, everything: TermIndex
) -> bool:
    """Whether the hyphenated compound around ``text[start:end]`` is fine as a whole
    ("light-heartedly" is "lightheartedly", "hitai-ate" is a term) or is a stutter ("S-Sakura",
    "Te-e-meee"): then its parts are not checked one by one."""
    lo, hi = start, end
    while lo > 1 and text[lo - 1] == "-" and text[lo - 2].isalpha():
        lo -= 1
        while lo > 0 and text[lo - 1].isalpha():
            lo -= 1
    while hi + 1 < len(text) and text[hi] == "-" and text[hi + 1].isalpha():
        hi += 1
        while hi < len(text) and text[hi].isalpha():
            hi += 1
    whole = text[lo:hi].casefold()
    pieces = whole.split("-")
    if any(len(p) == 1 for p in pieces) or any(
        b.startswith(a) for a, b in zip(pieces, pieces[1:], strict=False)
    ):
        return True
    return whole in everything or lex.known(whole) or lex.known(whole.replace("-", ""))


def _judge(
    word: str,
    initial_capital: bool,
    lex: EnglishLexicon,
    fandoms: tuple[TermIndex, TermIndex],
    everything: TermIndex,
    cast: set[str],
    mid_capitals: Counter[str],
    lower_counts: Counter[str],
) -> tuple[str, str, float] | None:
    """(kind, suggestion, confidence) when ``word`` looks misspelt, else None. ``fandoms`` holds
    the fandom's names and terms, and its terms alone."""
    fandom, fandom_terms = fandoms
    if len(word) <= 2 or "'" in word or "’" in word or not word.isalpha():
        return None
    low = word.casefold()
    if lex.known(low) or low in everything or low in cast:
        return None
    if _INTERJECTION.match(low) or _ELONGATED.search(low):
        return None
    if low.endswith("in") and lex.known(low + "g"):
        return None  # a dropped g: "nothin'", "mornin'"
    shouted = word.isupper()
    capital = word[:1].isupper()
    name_like = shouted or (capital and (not initial_capital or mid_capitals[low] > 0))
    if name_like:
        # A name: only a near miss of the fandom's own names and terms, seen at most twice.
        if mid_capitals[low] > 2 or shouted:
            return None
        near = fandom.nearest(low)
        if near is None or near[1] > 1 or near[2]:
            return None
        return "fandom_term", near[0], 0.6
    near = fandom_terms.nearest(low)
    if near is not None:
        right, distance, tied = near
        if right.casefold() != low:
            confidence = (0.85 if distance == 1 else 0.75) - (0.15 if tied else 0.0)
            return "fandom_term", _match_case(right, word), confidence
    if lower_counts[low] >= REPEATED_IS_VOCABULARY:
        return None
    confidence_cut = 0.15 if initial_capital else 0.0
    if lower_counts[low] == 2:
        confidence_cut += 0.05
    if _derived(low, lex):
        return None
    stem = _known_stem(low, lex)
    if stem is not None:
        # A known word inflected ("poofed", "deeped"): flag only a slip of the same word.
        same_word = [s for s in lex.suggest(low) if s[0].startswith(stem)]
        if not same_word or same_word[0][0] == stem:
            return None  # a plural or a verb form of a known word: "loppings", "poofed"
        return "spelling", _match_case(same_word[0][0], word), round(0.55 - confidence_cut, 2)
    split = lex.split(low) if len(low) >= 5 else None
    if split:
        # Two words English often writes side by side, run together ("eachother").
        return "spelling", _match_case(" ".join(split), word), round(0.7 - confidence_cut, 2)
    if _compound(low, lex):
        return None  # two words made one on purpose: "leafbuds", "knobstick"
    suggestions = lex.suggest(low, max_distance=2 if len(low) >= 7 else 1)
    if not suggestions:
        return None
    best, distance, count = suggestions[0]
    runner_up = suggestions[1][2] if len(suggestions) > 1 and suggestions[1][1] == distance else 0
    confidence = 0.6 if distance == 1 else 0.5
    if runner_up == 0 or count >= 5 * runner_up:
        confidence += 0.15
    if len(low) >= 7:
        confidence += 0.1
    if best[:1] != low[:1]:
        confidence -= 0.2  # slips rarely change a word's first letter
    if len(low) <= 4:
        confidence -= 0.1  # short words have many neighbours: "ilm" is a unit, not "film"
    return "spelling", _match_case(best, word), round(confidence - confidence_cut, 2)


_PREFIXES = (
    "un",
    "re",
    "non",
    "over",
    "under",
    "mis",
    "out",
    "dis",
    "pre",
    "counter",
    "half",
    "self",
)


def _derived(word: str, lex: EnglishLexicon) -> bool:
    """A known word with a productive prefix: "uncompanionable", "overthink"."""
    return any(
        word.startswith(p) and len(word) - len(p) >= 5 and lex.known(word[len(p) :])
        for p in _PREFIXES
    )


def _compound(word: str, lex: EnglishLexicon) -> bool:
    """Two known words of three letters or more, joined."""
    return any(lex.count(word[:i]) and lex.count(word[i:]) for i in range(3, len(word) - 2))


_INFLECTIONS = ("ing", "ed", "es", "er", "est", "ly", "s", "d", "y", "ness", "ish", "less")


def _known_stem(word: str, lex: EnglishLexicon) -> str | None:
    """The known word ``word`` inflects, if it is one: "poofed" -> "poof", "snowing" -> "snow"."""
    for suffix in _INFLECTIONS:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)]
            candidates = [stem, stem + "e"]
            if len(stem) > 3 and stem[-1] == stem[-2]:
                candidates.append(stem[:-1])  # "stopped" -> "stop"
            if stem.endswith("i"):
                candidates.append(stem[:-1] + "y")  # "cried" -> "cry"
            for candidate in candidates:
                if lex.known(candidate):
                    return candidate
    return None


def _match_case(suggestion: str, word: str) -> str:
    if word.isupper() and len(word) > 1:
        return suggestion.upper()
    if word[:1].isupper():
        return suggestion[:1].upper() + suggestion[1:]
    if suggestion[:1].isupper() and not word[:1].isupper():
        return suggestion  # a proper noun: "kohona" -> "Konoha"
    return suggestion


def _flag(
    start: int, end: int, word: str, kind: str, suggestion: str, confidence: float
) -> ProofFlag:
    if kind == "fandom_term":
        message = f"'{word}' looks like a misspelling of the fandom's '{suggestion}'"
    else:
        message = f"'{word}' is not an English word; did you mean '{suggestion}'?"
    return ProofFlag(start, end, kind, message, suggestion, confidence)
