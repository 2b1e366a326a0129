# ruff: noqa: E501  -- the sample story keeps one paragraph a line, as plain-text fics do
"""A short story annotated by hand with every layer the reader draws: characters, speakers,
relationships, tag suggestions with evidence, proofreading flags.

It shows what the reader looks like with full analysis (``ficscope render --sample``) and gives the
reader and library tests a Work exercising every feature whatever the analysis passes fill in.
The annotations are hand-made, not the output of ficscope's passes: only the structure and the
quotation marks come from the real reader and passes. Spans are found by searching the text, so
they always index it correctly.
"""

from __future__ import annotations

from dataclasses import replace

from ficscope.model import (
    Character,
    Evidence,
    Mention,
    ProofFlag,
    Relationship,
    TagStatus,
    TagSuggestion,
    TagType,
    Work,
)
from ficscope.pipeline import analyze_work

SAMPLE_TEXT = """\
Title: The Ferryman's Ledger
Author: ficscope sample
Fandom: Original Work
Rating: General Audiences
Archive Warning: No Archive Warnings Apply
Category: F/M
Relationships: Ines/Corrin
Characters: Ines Varga, Corrin, Old Hask
Additional Tags: Rivers, Found Family
Summary: Ines keeps the ferry's ledger. Corrin keeps forgetting to pay. The river keeps everyone honest.

Chapter 1: The Crossing

Disclaimer: Everyone here is made up; any resemblance to real ferrymen is a happy accident.

A/N: A sample story for ficscope's reader, annotated by hand.

The river was high that morning, brown and quick, and Ines Varga had already written three names in the ledger before the sun cleared the reeds.

"You owe me for Tuesday," Ines said, without looking up. "And for the Tuesday before that."

Corrin leaned on the rail as if he owned the ferry. "I paid you in stories. Stories are worth more than copper."

"Stories don't buy rope." She turned the page. "Old Hask says you told him the same thing."

"Hask says a lot of things," Corrin said. "He told me, 'Never trust a ledger you can't swim with.'"

Old Hask looked up from the tiller. "I said nothing of the kind, boy. Pay the girl."

* * *

By noon the current had teh strength of a horse. Corrin stopped joking and took an oar.

"Hold her steady!" Hask shouted. "If we loose the line we lose the ferry!"

Ines braced her feet and hauled on the rope until her palms burned. The ferry shuddered, swung, and held.

Chapter 2: The Ledger

That night the three of them sat by the stove, the ledger open between them.

"Write it down," Corrin said quietly. "Everything I owe. All of it."

Ines looked at him for a long moment, then closed the book. "Some thing's aren't for ledgers," she said.

The End.
"""


def _span(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    start = text.index(needle, after)
    return start, start + len(needle)


def _evidence(text: str, needle: str, note: str | None = None) -> Evidence:
    start, end = _span(text, needle)
    return Evidence(start, end, note)


# Who says each quotation, by a phrase unique to it: (phrase, speaker, addressee, confidence).
_SPEAKERS: tuple[tuple[str, str, str | None, float], ...] = (
    ("You owe me for Tuesday", "ines", "corrin", 0.93),
    ("And for the Tuesday", "ines", "corrin", 0.9),
    ("I paid you in stories", "corrin", "ines", 0.88),
    ("Stories don't buy rope", "ines", "corrin", 0.91),
    ("Old Hask says you", "ines", "corrin", 0.84),
    ("Hask says a lot", "corrin", "ines", 0.95),
    ("He told me,", "corrin", "ines", 0.72),
    ("Never trust a ledger", "hask", None, 0.61),
    ("I said nothing of the kind", "hask", "corrin", 0.89),
    ("Hold her steady", "hask", None, 0.97),
    ("If we loose the line", "hask", None, 0.77),
    ("Write it down", "corrin", "ines", 0.94),
    ("Everything I owe", "corrin", "ines", 0.82),
    ("Some thing's", "ines", "corrin", 0.9),
)


def sample_work() -> Work:
    """The sample story, read and structured for real, with hand-made analysis layers."""
    from ficscope.readers.plaintext import parse_text

    work = analyze_work(parse_text(SAMPLE_TEXT, path="ferrymans-ledger.txt"), ("segment", "quotes"))
    text = work.text
    quotes = []
    for quote in work.quotes:
        said = text[quote.start : quote.end]
        for phrase, speaker, addressee, confidence in _SPEAKERS:
            if phrase in said:
                quote = replace(quote, speaker=speaker, addressee=addressee, confidence=confidence)
                break
        quotes.append(quote)

    story = text.index("The river was high")
    mentions = []
    for name, cid in (("Ines", "ines"), ("Corrin", "corrin"), ("Hask", "hask"), ("She", "ines")):
        pos = story
        while (pos := text.find(name, pos)) != -1:
            mentions.append(
                Mention(pos, pos + len(name), cid, "pronoun" if name == "She" else "name")
            )
            pos += len(name)
    mentions.sort(key=lambda m: m.start)
    count = {
        cid: sum(1 for m in mentions if m.character == cid) for cid in ("ines", "corrin", "hask")
    }
    lines = {cid: sum(1 for q in quotes if q.speaker == cid and q.depth == 0) for cid in count}
    characters = (
        Character(
            "ines", "Ines Varga", ("Ines", "the girl"), "she/her", count["ines"], lines["ines"]
        ),
        Character("corrin", "Corrin", ("boy",), "he/him", count["corrin"], lines["corrin"]),
        Character("hask", "Old Hask", ("Hask",), "he/him", count["hask"], lines["hask"]),
    )
    relationships = (
        Relationship(
            "ines",
            "corrin",
            "Ines/Corrin",
            romantic=True,
            kinds=("love", "debt"),
            confidence=0.71,
            evidence=(
                _evidence(
                    text,
                    "Ines looked at him for a long moment, then closed the book.",
                    "a long look",
                ),
                _evidence(text, "You owe me for Tuesday", "an old account between them"),
            ),
        ),
        Relationship(
            "hask",
            "ines",
            "Old Hask & Ines Varga",
            romantic=False,
            kinds=("work", "guard"),
            confidence=0.58,
            evidence=(_evidence(text, "Pay the girl.", "takes her side"),),
        ),
        Relationship(
            "hask",
            "corrin",
            "Old Hask & Corrin",
            romantic=False,
            kinds=("fight",),
            confidence=0.42,
            evidence=(_evidence(text, "I said nothing of the kind, boy."),),
        ),
    )
    tags = (
        TagSuggestion(
            "Teen And Up Audiences",
            TagType.RATING,
            0.55,
            (_evidence(text, "the current had teh strength of a horse", "peril on the river"),),
            TagStatus.CONFLICT,
            declared="General Audiences",
        ),
        TagSuggestion(
            "Ines/Corrin",
            TagType.RELATIONSHIP,
            0.74,
            (_evidence(text, "Ines looked at him for a long moment"),),
            TagStatus.AGREES,
        ),
        TagSuggestion(
            "Hurt/Comfort",
            TagType.FREEFORM,
            0.66,
            (
                _evidence(text, "hauled on the rope until her palms burned", "an injury"),
                _evidence(text, "sat by the stove", "care afterwards"),
            ),
            TagStatus.NEW,
        ),
        TagSuggestion(
            "Storms",
            TagType.FREEFORM,
            0.61,
            # Evidence that starts in narration and ends inside the next quotation.
            (
                _evidence(
                    text, 'took an oar.\n\n"Hold her steady!', "weather that endangers the crossing"
                ),
            ),
            TagStatus.NEW,
        ),
    )
    proofreading = (
        ProofFlag(*_span(text, "teh"), "spelling", "not a word", "the", 0.97),
        ProofFlag(
            *_span(text, "loose the line"),
            "confusable",
            "“loose” where “lose” is meant?",
            "lose the line",
            0.62,
        ),
        ProofFlag(
            *_span(text, "Some thing's"),
            "split_word",
            "one word, and no apostrophe",
            "Some things",
            0.7,
        ),
    )
    layers = ("characters", "speakers", "relations", "tags", "proof")
    work = replace(work, quotes=tuple(quotes))
    for name in layers:
        work = work.with_layers(name)
    return replace(
        work,
        characters=characters,
        mentions=tuple(mentions),
        relationships=relationships,
        tags=tags,
        proofreading=proofreading,
    )
