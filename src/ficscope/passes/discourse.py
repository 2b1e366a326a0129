"""Tokens and sentences of the story paragraphs, with which tokens stand inside quotations.

Shared by the characters, coreference and speakers passes. Built once per work and cached on it
(by identity), so each pass does not tokenise the text again.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Collection
from dataclasses import dataclass, field

from ficscope.model import BlockRole, Quote, Work

# a word (an apostrophe or hyphen inside it joins its parts: "don't", "copy-nin"), an ellipsis,
# or one other mark
_TOKEN = re.compile(r"[^\W_]\w*(?:['’\-][^\W_]\w*)*|\.{3}|[^\w\s]")
_SENTENCE_FINAL = frozenset({".", "!", "?", "…", "..."})
_ABBREVIATIONS = frozenset(  # "Mrs. Pell" is no sentence end
    "Mr Mrs Ms Mx Dr St Prof Capt Lt Col Gen Sgt Rev Hon Mt Jr Sr Messrs Mme Mlle Esq".split()
)
_CLOSERS = frozenset({'"', "”", "’", "'", ")", "»"})
# "I'd", "she's", "they're": a pronoun with a contracted verb is that pronoun to the passes
_PRONOUN_CLITIC = re.compile(r"(i|you|he|she|we|they)['’](?:d|s|m|ll|re|ve)")


@dataclass(slots=True)
class Token:
    start: int
    end: int
    text: str
    lower: str  # lower case; a pronoun with a contracted verb is the pronoun: "I'd" -> "i"
    para: int  # index into Discourse.paragraphs
    sent: int  # global sentence index
    quote: int  # index into Discourse.quotes when inside a quotation, else -1
    sent_start: bool = False  # first word of its sentence (or of a quotation)


@dataclass(slots=True)
class Paragraph:
    start: int
    end: int
    first_token: int
    last_token: int  # exclusive
    quotes: list[int] = field(default_factory=list)  # indices into Discourse.quotes (depth 0)


@dataclass(slots=True)
class Discourse:
    text: str
    tokens: list[Token]
    paragraphs: list[Paragraph]
    quotes: list[Quote]  # the work's depth-0 quotations, in order
    quote_index: list[int]  # positions in Work.quotes of ``quotes``
    sentence_starts: list[int]  # token index where each sentence starts
    starts: list[int] = field(init=False)  # each token's start offset, for token_at
    _by_word: dict[str, list[int]] | None = field(init=False, default=None)  # for positions

    def __post_init__(self) -> None:
        self.starts = [t.start for t in self.tokens]

    def positions(self, words: Collection[str]) -> list[int]:
        """The indices, in order, of the tokens whose lower case is one of ``words``: a pass
        looking for a few words reads an index made once, not every token."""
        by_word = self._words()
        return sorted(i for w in set(words) if w in by_word for i in by_word[w])

    def positions_where(self, test: Callable[[str], object]) -> list[int]:
        """The indices, in order, of the tokens whose lower case passes ``test``, asked once
        per distinct word rather than once per token."""
        return self.positions([w for w in self._words() if test(w)])

    def _words(self) -> dict[str, list[int]]:
        """Each lower-case word's token indices, in order (made on first use)."""
        if self._by_word is None:
            self._by_word = defaultdict(list)
            for i, t in enumerate(self.tokens):
                self._by_word[t.lower].append(i)
        return self._by_word

    def sentence_until(self, start: int, end: int) -> list[int]:
        """The tokens from ``start`` to ``end`` (exclusive; end > start) in the sentence of
        token ``end - 1``: a paragraph's last sentence, the narration leading into a line.
        A sentence's tokens run together, so it starts at its first token or at ``start``."""
        return list(range(max(start, self.sentence_starts[self.tokens[end - 1].sent]), end))

    def token_at(self, offset: int) -> int:
        """Index of the first token starting at or after ``offset``."""
        return bisect_left(self.starts, offset)

    def token_span(self, start: int, end: int) -> tuple[int, int] | None:
        """(first, last) token indices, last inclusive, of the tokens starting inside
        ``[start, end)``; None when no token does (a span outside the story paragraphs)."""
        first = self.token_at(start)
        last = self.token_at(end) - 1
        return (first, last) if first <= last else None


_CACHE: dict[int, tuple[Work, Discourse]] = {}


def discourse(work: Work) -> Discourse:
    """The (cached) discourse view of a work's story paragraphs."""
    key = id(work.text)
    hit = _CACHE.get(key)
    if hit is not None and hit[0].text is work.text and hit[0].quotes == work.quotes:
        return hit[1]
    built = build(work)
    _CACHE.clear()
    _CACHE[key] = (work, built)
    return built


def build(work: Work) -> Discourse:
    text = work.text
    quote_index = [i for i, q in enumerate(work.quotes) if q.depth == 0]
    quotes = [work.quotes[i] for i in quote_index]
    quote_starts = [q.start for q in quotes]
    tokens: list[Token] = []
    paragraphs: list[Paragraph] = []
    sentence_starts: list[int] = []
    sent = -1
    append = tokens.append
    last_word = ""  # the text of the token before (across paragraphs, as tokens[-2] was)
    for block in work.blocks:
        if block.role is not BlockRole.PARAGRAPH:
            continue
        para = len(paragraphs)
        first = len(tokens)
        new_sentence = True
        q = bisect_right(quote_starts, block.start) - 1
        if q >= 0 and quotes[q].end <= block.start:
            q += 1
        q = max(q, 0)
        para_quotes = []
        while q < len(quotes) and quotes[q].start < block.end:
            para_quotes.append(q)
            q += 1
        qi = 0
        n_quotes = len(para_quotes)
        q_starts = [quotes[i].start for i in para_quotes]
        q_ends = [quotes[i].end for i in para_quotes]
        previous_quote = -1
        counted = False  # the pending sentence already has its number
        for match in _TOKEN.finditer(text, block.start, block.end):
            start, end = match.span()
            while qi < n_quotes and q_ends[qi] <= start:
                qi += 1
            inside = para_quotes[qi] if qi < n_quotes and q_starts[qi] <= start else -1
            word = match.group()
            if inside != previous_quote:
                if inside >= 0 and not new_sentence:
                    new_sentence, counted = True, False  # a quotation starts a sentence-like unit
                previous_quote = inside
            if new_sentence and not counted:
                sent += 1
                sentence_starts.append(len(tokens))
                counted = True
            is_word = word[0].isalnum()
            lower = word.lower()
            if len(lower) < 8 and ("'" in lower or "’" in lower):
                clitic = _PRONOUN_CLITIC.fullmatch(lower)
                if clitic is not None:
                    lower = clitic.group(1)
            append(Token(start, end, word, lower, para, sent, inside, new_sentence and is_word))
            before, last_word = last_word, word
            if new_sentence and not is_word:
                continue  # a leading quote mark: the next word still starts the sentence
            if word in _CLOSERS and before in _SENTENCE_FINAL:
                new_sentence, counted = True, False  # '"Wait." The man...'
                continue
            new_sentence = word in _SENTENCE_FINAL and not (
                word == "." and before in _ABBREVIATIONS
            )
            counted = not new_sentence
        paragraphs.append(Paragraph(block.start, block.end, first, len(tokens), para_quotes))
    return Discourse(text, tokens, paragraphs, quotes, quote_index, sentence_starts)


def is_capitalised(word: str) -> bool:
    return word[:1].isupper()


# Words a sentence may open with before its subject: "Then he stood."
_LEADING = frozenset("then and but so".split())


def opens_its_sentence(tokens: list[Token], at: int) -> bool:
    """Whether token ``at`` opens its sentence, or comes right after a first word "then",
    "and", "but" or "so" ("Then he stood.")."""
    return tokens[at].sent_start or (
        at > 0 and tokens[at - 1].sent_start and tokens[at - 1].lower in _LEADING
    )
