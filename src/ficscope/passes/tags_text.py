"""Reading aids shared by the relationships, tags and proofreading passes: story sentences, the
story's words, and cue lexicons (English words and phrases with a weight).

A cue lexicon entry is a phrase of space-separated word patterns, matched on whole words,
case-insensitively, with only white space between the words:

- ``kiss*``              a word starting with "kiss" (kiss, kissed, kissing)
- ``fell/falling/in``    one of several words
- ``too?``               an optional word
- ``=AU``                a word in exactly this case

Every lexicon is matched in one pass over the story's words (hyphenated words count as their
parts), which keeps the passes fast on long works: no regex alternation is scanned position by
position.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from ficscope.model import BlockRole, Work

# A sentence ends after . ! ? or … (and any closing quotes) when white space and a capital letter,
# a digit or an opening quote follow.
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    paragraph: int  # index into the story paragraphs


def story_blocks(work: Work) -> list[tuple[int, int]]:
    """``(start, end)`` of every story paragraph, in order."""
    return [(b.start, b.end) for b in work.blocks if b.role is BlockRole.PARAGRAPH]


def sentences(text: str, paragraphs: Sequence[tuple[int, int]]) -> list[Sentence]:
    """The sentences of the story paragraphs (a paragraph always ends a sentence)."""
    found: list[Sentence] = []
    for index, (start, end) in enumerate(paragraphs):
        pos = start
        for match in _SENTENCE_END.finditer(text, start, end):
            cut = match.start() + len(match.group().rstrip())
            if cut > pos:
                found.append(Sentence(pos, cut, index))
            pos = match.end()
        if end > pos:
            found.append(Sentence(pos, end, index))
    return found


def sentence_index(sents: Sequence[Sentence]) -> Callable[[int], int]:
    """A function from a text offset to the index of the sentence holding it (-1: none)."""
    starts = [s.start for s in sents]

    def index(offset: int) -> int:
        i = bisect_right(starts, offset) - 1
        return i if i >= 0 and offset < sents[i].end else -1

    return index


def in_a_line(work: Work) -> Callable[[int], bool]:
    """A function telling whether a text offset falls inside one of the work's lines (an
    outermost quotation)."""
    lines = sorted((q.start, q.end) for q in work.quotes if q.depth == 0)
    starts = [a for a, _ in lines]

    def inside(offset: int) -> bool:
        k = bisect_right(starts, offset) - 1
        return k >= 0 and offset < lines[k][1]

    return inside


@dataclass(frozen=True, slots=True)
class Words:
    """The words of some spans of a text: parallel lists of offsets, original and lower-case
    forms."""

    starts: list[int]
    ends: list[int]
    forms: list[str]
    lower: list[str]


def words(text: str, spans: Iterable[tuple[int, int]]) -> Words:
    starts: list[int] = []
    ends: list[int] = []
    forms: list[str] = []
    for start, end in spans:
        for match in _WORD.finditer(text, start, end):
            starts.append(match.start())
            ends.append(match.end())
            forms.append(match.group())
    lower = [f.lower().replace("’", "'") for f in forms]
    return Words(starts, ends, forms, lower)


@dataclass(frozen=True, slots=True)
class Cue:
    """One match of a cue lexicon: ``text[start:end]`` is the cue; ``label`` names its entry."""

    start: int
    end: int
    label: str
    weight: float


@dataclass(frozen=True, slots=True)
class _Slot:
    """One word pattern of a phrase."""

    exact: frozenset[str]  # lower-case words
    prefixes: tuple[str, ...]
    cased: frozenset[str]  # words in exactly this case
    optional: bool

    def accepts(self, low: str, form: str) -> bool:
        if low in self.exact or form in self.cased:
            return True
        for prefix in self.prefixes:
            if low.startswith(prefix):
                return True
        return False


def _slot(pattern: str) -> _Slot:
    optional = pattern.endswith("?")
    pattern = pattern.rstrip("?")
    exact, prefixes, cased = set(), [], set()
    for alt in pattern.split("/"):
        if alt.startswith("="):
            cased.add(alt[1:])
        elif alt.endswith("*"):
            prefixes.append(alt[:-1].lower())
        else:
            exact.add(alt.lower())
    return _Slot(frozenset(exact), tuple(prefixes), frozenset(cased), optional)


REGISTRY: dict[str, CueSet] = {}


class CueSet:
    """A named lexicon of weighted phrases (see the module docs for the phrase syntax). Every
    cue set registers itself, so one pass over a work's words can match them all."""

    def __init__(self, name: str, entries: Mapping[str, float]) -> None:
        if name in REGISTRY:
            raise ValueError(f"a cue set named {name!r} exists already")
        self.name = name
        self.entries: list[tuple[str, tuple[_Slot, ...], float]] = [
            (phrase, tuple(_slot(p) for p in phrase.split()), weight)
            for phrase, weight in entries.items()
        ]
        REGISTRY[name] = self

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[Cue]:
        """The cues in ``text[start:end]`` (for small spans; whole works go through
        :func:`story_cues`)."""
        span = (start, len(text) if end is None else end)
        yield from match(text, [span], [self])[self.name]

    def search(self, text: str, start: int = 0, end: int | None = None) -> Cue | None:
        return next(self.finditer(text, start, end), None)

    def in_story(self, work: Work) -> list[Cue]:
        """This set's cues in the work's story paragraphs."""
        return story_cues(work)[self.name]


class _Index:
    """First-word index over several cue sets: word -> candidate (set, entry) pairs."""

    def __init__(self, cuesets: Sequence[CueSet]) -> None:
        self.exact: dict[str, list[tuple[int, int]]] = defaultdict(list)
        self.cased: dict[str, list[tuple[int, int]]] = defaultdict(list)
        self.prefixes: dict[str, list[tuple[str, int, int]]] = defaultdict(list)  # by first letter
        for s, cueset in enumerate(cuesets):
            for e, (_, slots, _) in enumerate(cueset.entries):
                first = slots[0]
                for word in first.exact:
                    self.exact[word].append((s, e))
                for word in first.cased:
                    self.cased[word].append((s, e))
                for prefix in first.prefixes:
                    self.prefixes[prefix[:1]].append((prefix, s, e))

    def candidates(self, low: str, form: str) -> list[tuple[int, int]]:
        found = list(self.exact.get(low, ()))
        found += self.cased.get(form, ())
        for prefix, s, e in self.prefixes.get(low[:1], ()):
            if low.startswith(prefix):
                found.append((s, e))
        return found


def _extend(text: str, w: Words, i: int, slots: Sequence[_Slot]) -> int | None:
    """The index past the last word when ``slots`` match from word ``i`` on, else None (the
    longest match when optional words allow several)."""
    if not any(slot.optional for slot in slots):
        j = i
        for k, slot in enumerate(slots):
            if j >= len(w.lower) or not slot.accepts(w.lower[j], w.forms[j]):
                return None
            if k and not _gap_ok(text, w.ends[j - 1], w.starts[j]):
                return None
            j += 1
        return j

    def go(i: int, k: int) -> int | None:
        if k == len(slots):
            return i
        slot = slots[k]
        best = None
        if (
            i < len(w.lower)
            and slot.accepts(w.lower[i], w.forms[i])
            and (k == 0 or _gap_ok(text, w.ends[i - 1], w.starts[i]))
        ):
            best = go(i + 1, k + 1)
        if slot.optional:
            other = go(i, k + 1)
            if other is not None and (best is None or other > best):
                best = other
        return best

    return go(i, 0)


def _gap_ok(text: str, a: int, b: int) -> bool:
    gap = text[a:b]
    return bool(gap) and (gap.isspace() or gap == "-")


def match(
    text: str,
    spans: Sequence[tuple[int, int]],
    cuesets: Sequence[CueSet],
    *,
    tokens: Words | None = None,
) -> dict[str, list[Cue]]:
    """Every cue of every set in the spans (or the ``tokens`` already found there), in one pass:
    set name -> cues in text order. Matches of one set do not overlap (the longest wins, then the
    earliest entry)."""
    index = _Index(cuesets)
    w = tokens if tokens is not None else words(text, spans)
    found: dict[str, list[Cue]] = {c.name: [] for c in cuesets}
    taken = [-1] * len(cuesets)  # per set: the word index its last match ended at
    memo: dict[str, list[tuple[int, int]]] = {}
    for i, form in enumerate(w.forms):
        candidates = memo.get(form)
        if candidates is None:
            candidates = memo[form] = index.candidates(w.lower[i], form)
        if not candidates:
            continue
        best: dict[int, tuple[int, int]] = {}
        for s, e in candidates:
            if i < taken[s]:
                continue
            stop = _extend(text, w, i, cuesets[s].entries[e][1])
            if stop is not None and (s not in best or stop > best[s][0]):
                best[s] = (stop, e)
        for s, (stop, e) in best.items():
            label, _, weight = cuesets[s].entries[e]
            found[cuesets[s].name].append(Cue(w.starts[i], w.ends[stop - 1], label, weight))
            taken[s] = stop
    return found


class _StoryCache:
    """What one scan of a work's story finds, kept for the work's text (passes share it)."""

    def __init__(self, work: Work) -> None:
        self.text = work.text
        self.words = words(work.text, story_blocks(work))
        self.vocabulary = frozenset(self.words.lower)
        self.cues: dict[str, list[Cue]] = {}
        self.sentences = sentences(work.text, story_blocks(work))
        self._positions: dict[str, list[int]] | None = None

    @property
    def positions(self) -> dict[str, list[int]]:
        if self._positions is None:
            positions: dict[str, list[int]] = defaultdict(list)
            for i, low in enumerate(self.words.lower):
                positions[low].append(i)
            self._positions = dict(positions)
        return self._positions


_CACHE: dict[int, _StoryCache] = {}


def _story(work: Work) -> _StoryCache:
    text = work.text
    hit = _CACHE.get(id(text))
    if hit is None or hit.text is not text:
        if len(_CACHE) >= 2:
            _CACHE.clear()
        hit = _CACHE[id(text)] = _StoryCache(work)
    return hit


def story_words(work: Work) -> Words:
    """The words of the story paragraphs (cached for the work's text)."""
    return _story(work).words


def story_sentences(work: Work) -> list[Sentence]:
    """The sentences of the story paragraphs (cached for the work's text)."""
    return _story(work).sentences


def story_vocabulary(work: Work) -> frozenset[str]:
    """The lower-case words the story uses."""
    return _story(work).vocabulary


def find_phrase(work: Work, phrase: str, *, cased: bool = False) -> tuple[int, int] | None:
    """The first occurrence of a phrase (words separated by white space or hyphens) in the story,
    case-insensitively unless ``cased``."""
    story = _story(work)
    parts = [p for p in re.split(r"[\s-]+", phrase.strip()) if p]
    if not parts:
        return None
    lowered = [p.lower().replace("’", "'") for p in parts]
    w = story.words
    for i in story.positions.get(lowered[0], ()):
        j = i + len(parts)
        if w.lower[i:j] == lowered and (not cased or w.forms[i:j] == parts):
            if all(_gap_ok(story.text, w.ends[k], w.starts[k + 1]) for k in range(i, j - 1)):
                return w.starts[i], w.ends[j - 1]
    return None


def story_cues(work: Work) -> dict[str, list[Cue]]:
    """Every registered cue set matched over the story paragraphs, in one pass, cached."""
    story = _story(work)
    missing = [c for c in REGISTRY.values() if c.name not in story.cues]
    if missing:
        story.cues.update(match(story.text, (), missing, tokens=story.words))
    return story.cues


def clip(text: str, width: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
