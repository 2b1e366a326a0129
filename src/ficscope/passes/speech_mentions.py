"""Mentions inside dialogue that the speaker attribution resolves: a line's "I", "me", "my" are its
speaker, its "you", "your" the one it is said to, its "he", "she" the one of that gender last named
who is neither.

Coreference (passes/coref/) links pronouns in narration; inside a quotation the first person points
at the line's speaker, which only the speakers pass knows. These mentions complete the mention
layer (LitBank annotates them: about one person mention in sixteen of its training books) and
the per-character mention counts. The second person ("you", "your", "yourself") is the line's
addressee when the line is said to one person (a line said to several, "What can I get you
boys?", has a plural "you"). These mentions are not counted in the addressee's mention count:
an addressee that is a nickname nobody merged ("Underoos") would gain the weight of a character
who is not one (a tag), and a "you" is as often general as it is the person spoken to.
The third person of a line ("How old would Harvey be if he still lived?") is whoever of that
gender was last named, in the narration or in a line, unless that is the speaker or the one
spoken to: a line speaks of someone else. These are not counted either.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from ficscope.model import Mention, Quote

_FIRST = re.compile(r"\b(?:i|me|my|mine|myself)\b", re.IGNORECASE)  # "I'm" holds an "I"
_SECOND = re.compile(  # "you're" holds a "you"; a respectful call is the one called
    r"\b(?:you|your|yours|yourself)\b|\b(?:sir|madam|ma['’]am)\b(?=\s*[,.!?;:—–-])",
    re.IGNORECASE,
)


def _inner(quotes: Sequence[Quote], k: int) -> list[tuple[int, int]]:
    """The spans of the quotations inside quotation ``k`` (quotes are in order of start)."""
    q = quotes[k]
    inner = []
    j = k + 1
    while j < len(quotes) and quotes[j].start < q.end:
        if quotes[j].depth > q.depth:
            inner.append((quotes[j].start, quotes[j].end))
        j += 1
    return inner


def speech_mentions(
    text: str, quotes: Sequence[Quote], existing: Iterable[Mention], *, second: bool = False
) -> list[Mention]:
    """A pronoun mention for each first-person singular pronoun of an attributed quotation (its
    speaker), in the innermost quotation holding it; none where a mention already starts. With
    ``second``, instead each second-person pronoun of a top-level quotation said to one person
    (its addressee)."""
    taken = {m.start for m in existing}
    found: list[Mention] = []
    for k, q in enumerate(quotes):
        who = q.addressee if second else q.speaker
        if who is None or (second and (q.depth or len(q.addressees) > 1)):
            continue
        inner = _inner(quotes, k)
        for match in (_SECOND if second else _FIRST).finditer(text, q.start, q.end):
            start = match.start()
            if start in taken or any(a <= start < b for a, b in inner):
                continue
            found.append(Mention(start, match.end(), who, "pronoun"))
    return found


_THIRD = {
    "he": "he/him",
    "him": "he/him",
    "his": "he/him",
    "himself": "he/him",
    "she": "she/her",
    "her": "she/her",
    "hers": "she/her",
    "herself": "she/her",
}
_THIRD_WORD = re.compile(r"\b(?:" + "|".join(_THIRD) + r")\b", re.IGNORECASE)
THIRD_WINDOW = 6000  # characters: a name further back than this is no longer the one meant


def third_persons(
    text: str,
    quotes: Sequence[Quote],
    existing: Iterable[Mention],
    pronouns: Mapping[str, str | None],
) -> list[Mention]:
    """A pronoun mention for each "he", "his", "she", "her" ... of a top-level attributed
    quotation that no mention holds: the character of that gender (``pronouns``: id -> "he/him",
    "she/her") last named, in the narration or a line, in the ``THIRD_WINDOW`` characters before,
    who is neither the line's speaker nor the one it is said to ("How old would Harvey be if he
    still lived?"). None when there is no such character."""
    existing = list(existing)
    taken = {m.start for m in existing}
    named = sorted(
        (m.start, m.character)
        for m in existing
        if m.kind == "name" and m.character and pronouns.get(m.character) in ("he/him", "she/her")
    )
    found: list[Mention] = []
    k = 0
    last: dict[str, tuple[int, str]] = {}  # character -> (offset, gender) of its last name
    for i, q in enumerate(quotes):
        if q.depth or q.speaker is None:
            continue
        inner = _inner(quotes, i)
        for match in _THIRD_WORD.finditer(text, q.start, q.end):
            start = match.start()
            while k < len(named) and named[k][0] < start:
                cid = named[k][1]
                last.pop(cid, None)
                last[cid] = (named[k][0], pronouns[cid] or "")
                k += 1
            if start in taken or any(a <= start < b for a, b in inner):
                continue
            gender = _THIRD[match.group().lower()]
            for cid, (at, their) in reversed(last.items()):
                if start - at > THIRD_WINDOW:
                    break
                if their == gender and cid not in (q.speaker, q.addressee):
                    found.append(Mention(start, match.end(), cid, "pronoun"))
                    break
    return found
