"""Mentions inside dialogue that the speaker attribution resolves: a line's "I", "me", "my" are its
speaker.

Coreference (coref.py) links pronouns in narration; inside a quotation the first person points
at the line's speaker, which only the speakers pass knows. These mentions complete the mention
layer (LitBank annotates them: about one person mention in sixteen of its training books) and
the per-character mention counts. The second person ("you") is left out: it is as often
general or plural as it is the addressee, and an addressee that is a nickname nobody merged
("Underoos") would gain mentions of a character who is not one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ficscope.model import Mention, Quote

_FIRST = re.compile(r"\b(?:i|me|my|mine|myself)\b", re.IGNORECASE)  # "I'm" holds an "I"


def speech_mentions(
    text: str, quotes: Sequence[Quote], existing: Iterable[Mention]
) -> list[Mention]:
    """A pronoun mention for each first-person singular pronoun of an attributed quotation (its
    speaker), in the innermost quotation holding it; none where a mention already starts."""
    taken = {m.start for m in existing}
    found: list[Mention] = []
    for k, q in enumerate(quotes):
        if q.speaker is None:
            continue
        inner = []  # quotations inside this one (quotes are in order of start)
        j = k + 1
        while j < len(quotes) and quotes[j].start < q.end:
            if quotes[j].depth > q.depth:
                inner.append((quotes[j].start, quotes[j].end))
            j += 1
        for match in _FIRST.finditer(text, q.start, q.end):
            start = match.start()
            if start in taken or any(a <= start < b for a, b in inner):
                continue
            found.append(Mention(start, match.end(), q.speaker, "pronoun"))
    return found
