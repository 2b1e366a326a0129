"""The proofreading pass: likely errors in the story text, each with a suggestion and a confidence.

Kinds of flag (``ProofFlag.kind``):
- ``spelling``     a word that is not English, not a name and not the fandom's (proof_spelling)
- ``fandom_term``  a near miss of the fandom's own words: "chatura" -> "chakra",
                   "kohona" -> "Konoha"
- ``confusable``   a real word used for another in context: "Your right" -> "You're right"
                   (proof_confusables)
- ``split_word``   a word broken by a space: "H e" -> "He"
- ``quotation``    a quotation never closed, closed with the other kind of mark, or speech carried
                   into a new paragraph without an opening mark (from the quotes layer)

Precision comes first: flags under ``MIN_CONFIDENCE`` are not reported.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ficscope.fandoms import Pack, load_packs
from ficscope.model import ProofFlag, Quote, Work
from ficscope.passes.proof_lexicon import EnglishLexicon, english
from ficscope.passes.tags_fandom import work_packs
from ficscope.passes.tags_text import Words, story_words
from ficscope.pipeline import register

MIN_CONFIDENCE = 0.5
_SINGLE = set("'‘’‚")
_DOUBLE = set('"“”„«»')
_DASHES = set("—―–-")
_ONE_LETTER_WORDS = frozenset({"a", "i", "o"})


@register("proofreading", requires=("quotes",), assigns=("proofreading",))
def proofreading_pass(work: Work) -> Work:
    """Flag likely misspellings, misused words, broken words and quotation-mark problems."""
    return work.with_layers("proofreading", proofreading=tuple(proofread(work)))


def proofread(
    work: Work, *, packs: Sequence[Pack] | None = None, min_confidence: float = MIN_CONFIDENCE
) -> list[ProofFlag]:
    """Every flag of at least ``min_confidence``, in text order, none overlapping another."""
    # imported here: their patterns are compiled only for a run that proofreads
    from ficscope.passes.proof_confusables import check_confusables
    from ficscope.passes.proof_spelling import check_spelling

    packs = load_packs() if packs is None else packs
    lex = english()
    tokens = story_words(work)
    names = [n for c in work.characters for n in (c.name, *c.aliases) if _proper(n)]
    flags: list[ProofFlag] = []
    flags += check_spelling(
        work.text,
        tokens,
        fandom_packs=work_packs(work, packs),
        all_packs=packs,
        names=names,
        lexicon=lex,
    )
    flags += check_confusables(work.text, tokens)
    flags += split_words(work.text, tokens, lex, names)
    flags += quotation_flags(work.text, work.quotes)
    return _resolve(f for f in flags if f.confidence >= min_confidence)


def _proper(name: str) -> bool:
    """A proper name ("Hatake Kakashi", "Hokage-sama"), not a description ("the konoichi")."""
    return all(word[:1].isupper() for word in name.split())


def _resolve(flags: Iterable[ProofFlag]) -> list[ProofFlag]:
    """Keep the most confident of overlapping flags."""
    kept: list[ProofFlag] = []
    for flag in sorted(flags, key=lambda f: (-f.confidence, f.start)):
        if all(flag.end <= k.start or flag.start >= k.end for k in kept):
            kept.append(flag)
    return sorted(kept, key=lambda f: (f.start, f.end))


def split_words(
    text: str, tokens: Words, lex: EnglishLexicon, names: Iterable[str] = ()
) -> list[ProofFlag]:
    """Words broken in two by a space: "H e" -> "He", "wh at" -> "what". Only pairs with a part
    that is not a word on its own are looked at."""
    cast = {n.casefold() for n in names}
    flags: list[ProofFlag] = []

    def word_like(w: str) -> bool:
        low = w.casefold()
        if len(low) == 1:
            return low in _ONE_LETTER_WORDS
        return lex.known(low) or low in cast or (w[:1].isupper() and len(w) > 1)

    forms = tokens.forms
    suspects = {f for f in set(forms) if not word_like(f)}
    done: set[int] = set()
    for i, form in enumerate(forms):
        if form not in suspects:
            continue
        for j in (i - 1, i):
            if j < 0 or j + 1 >= len(forms) or j in done:
                continue
            a, b = forms[j], forms[j + 1]
            if tokens.starts[j + 1] != tokens.ends[j] + 1 or text[tokens.ends[j]] != " ":
                continue
            joined = a + b
            if "'" in joined or "’" in joined or b[:1].isupper() or (word_like(a) and word_like(b)):
                continue
            around = (
                text[tokens.starts[j] - 1 : tokens.starts[j]]
                + text[tokens.ends[j + 1] : tokens.ends[j + 1] + 1]
            )
            if any(c in "'’‘-—–" for c in around):
                continue  # dialect ("over t' day"), stutters, dashes
            if (len(a) == 1 and word_like(b)) or (len(b) == 1 and word_like(a)):
                continue  # a letter beside a word: initials, labels ("B and C")
            if lex.count(joined.casefold()) >= 100_000 or joined.casefold() in cast:
                done.add(j)
                single = len(a) == 1 or len(b) == 1
                flags.append(
                    ProofFlag(
                        tokens.starts[j],
                        tokens.ends[j + 1],
                        "split_word",
                        f"'{a} {b}' looks like one word broken by a space: '{joined}'",
                        joined,
                        0.8 if single else 0.65,
                    )
                )
    return flags


def _next_paragraph_opens_quote(text: str, end: int) -> bool:
    newline = text.find("\n", end)
    if newline < 0 or text[end:newline].strip():
        return False  # narration follows in the same paragraph
    rest = text[newline : newline + 200].lstrip()
    return rest[:1] in _OPENERS


_OPENERS = set("\"“‘'«„")


def _family(mark: str) -> str:
    return "single" if mark in _SINGLE else "double" if mark in _DOUBLE else "other"


def quotation_flags(text: str, quotes: Sequence[Quote]) -> list[ProofFlag]:
    """Quotation-mark problems the quotes layer shows."""
    flags: list[ProofFlag] = []
    top = [q for q in quotes if q.depth == 0]
    dash_until = -1  # end of the last dash-dialogue quotation
    for i, quote in enumerate(top):
        following = top[i + 1] if i + 1 < len(top) else None
        if quote.open and quote.open in _DASHES:
            dash_until = quote.end
            continue  # dash dialogue has no closing mark
        if not quote.open and 0 <= dash_until and "\n\n" not in text[dash_until : quote.start]:
            dash_until = quote.end
            continue  # dash dialogue resumed after its tag ("--Thanks, he cried. Do go.")
        if quote.continued and not quote.open:
            end = min(quote.end, quote.start + 60)
            flags.append(
                ProofFlag(
                    quote.start,
                    end,
                    "quotation",
                    "speech goes on from the paragraph before without an opening quotation mark",
                    None,
                    0.7,
                )
            )
        if quote.close is None:
            if following is not None and following.continued:
                continue  # speech running over paragraphs: the next one reopens it
            if _next_paragraph_opens_quote(text, quote.end):
                continue  # the same convention, whatever the quotes layer made of it
            flags.append(
                ProofFlag(
                    quote.start,
                    quote.end,
                    "quotation",
                    f"this quotation opens with {quote.open or 'no mark'} but is never closed",
                    None,
                    0.8,
                )
            )
        elif (
            quote.open
            and _family(quote.open) != _family(quote.close)
            and "other"
            not in (
                _family(quote.open),
                _family(quote.close),
            )
        ):
            right = '"' if _family(quote.close) == "double" else "'"
            flags.append(
                ProofFlag(
                    quote.start,
                    quote.end,
                    "quotation",
                    f"this quotation opens with {quote.open} but closes with {quote.close}",
                    right + text[quote.start + 1 : quote.end],
                    0.85,
                )
            )
    return flags
