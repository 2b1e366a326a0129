"""Mentions inside dialogue that the speaker attribution resolves: a line's "I", "me", "my" are its
speaker, its "you", "your" the one it is said to.

Coreference (coref.py) links pronouns in narration; inside a quotation the first person points
at the line's speaker, which only the speakers pass knows. These mentions complete the mention
layer (LitBank annotates them: about one person mention in sixteen of its training books) and
the per-character mention counts. The second person ("you", "your", "yourself") is the line's
addressee when the line is said to one person (a line said to several, "What can I get you
boys?", has a plural "you"). These mentions are not counted in the addressee's mention count:
an addressee that is a nickname nobody merged ("Underoos") would gain the weight of a character
who is not one (a tag), and a "you" is as often general as it is the person spoken to.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ficscope.model import Mention, Quote

_FIRST = re.compile(r"\b(?:i|me|my|mine|myself)\b", re.IGNORECASE)  # "I'm" holds an "I"
_SECOND = re.compile(r"\b(?:you|your|yours|yourself)\b", re.IGNORECASE)  # "you're" holds a "you"


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
        inner = []  # quotations inside this one (quotes are in order of start)
        j = k + 1
        while j < len(quotes) and quotes[j].start < q.end:
            if quotes[j].depth > q.depth:
                inner.append((quotes[j].start, quotes[j].end))
            j += 1
        for match in (_SECOND if second else _FIRST).finditer(text, q.start, q.end):
            start = match.start()
            if start in taken or any(a <= start < b for a, b in inner):
                continue
            found.append(Mention(start, match.end(), who, "pronoun"))
    return found
