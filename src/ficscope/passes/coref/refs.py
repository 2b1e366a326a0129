"""The references coreference works on: the ``Ref`` record (a name, pronoun or description at a
token range), the names of the characters pass and the pronouns of the narration as references,
and the narrator's own "I" or "you". Also the small word sets the other modules share
(determiners, reflexives, quotation marks) and ``desc_key``, the key descriptions vote by."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ficscope.lexicon import (
    FEMALE_PRONOUNS,
    MALE_PRONOUNS,
    NEO_PRONOUNS,
    PLURAL_PRONOUNS,
    phrase_list,
    word_list,
)
from ficscope.model import NARRATOR, Work
from ficscope.passes.discourse import Discourse, Token

_GENDER_OF = (
    {w: "m" for w in MALE_PRONOUNS}
    | {w: "f" for w in FEMALE_PRONOUNS}
    | {w: "p" for w in PLURAL_PRONOUNS}
)
_DETERMINERS = frozenset({"the", "that", "this", "a", "an"})
_INDEFINITE = frozenset({"a", "an"})
_POSSESSIVE_DETERMINERS = frozenset({"his", "her", "their", "my", "your", "our"})


@dataclass(slots=True)
class Ref:
    """A reference to a character at a token range."""

    first: int
    last: int  # inclusive
    character: str | None
    kind: str  # "name" | "pronoun" | "epithet"
    gender: str | None = None  # m, f, p or a neo-pronoun set
    text: str = ""
    indefinite: bool = False  # "a teacher": introduces someone new
    possessive: bool = False  # "his superior": someone related to another character


def name_refs(work: Work, dis: Discourse) -> list[Ref]:
    """The names of the narration and speech, as references; a name given as a guess at who
    "someone" is ("someone—Kaminari, probably—is laughing") is left out: the person is not
    there, and a "he" that follows is not them."""
    refs = []
    for m in work.mentions:
        if m.kind != "name":
            continue
        span = dis.token_span(m.start, m.end)
        if span is not None and not guessed_at(dis.tokens, span[0]):
            refs.append(Ref(*span, m.character, "name", text=work.text[m.start : m.end]))
    return refs


_SOMEONE = frozenset("someone somebody".split())


def guessed_at(tokens: Sequence[Token], first: int) -> bool:
    """Whether the name at token ``first`` is a guess at who "someone" is, set off after it
    ("Somewhere upstairs someone—Kaminari, probably—is laughing"): someone not in the scene."""
    if first < 2:
        return False
    return (
        tokens[first - 1].lower in ("—", "–", "-", ",", "(") and tokens[first - 2].lower in _SOMEONE
    )


_REMEMBERING = frozenset("remembered remembers remembering recalled recalls recalling".split())


def remembered(tokens: Sequence[Token], first: int) -> bool:
    """Whether a reference of the narration comes after a verb of remembering in its sentence
    ("He remembered Matthews's steady voice calling the time"): someone in the past, not there
    now."""
    sent = tokens[first].sent
    k = first - 1
    while k >= 0 and tokens[k].sent == sent and first - k <= 8:
        if tokens[k].lower in _REMEMBERING:
            return True
        k -= 1
    return False


_FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself"})
_SECOND_PERSON = frozenset({"you", "your", "yours", "yourself"})
_MIN_NARRATOR_PRONOUNS = 8
_FEW_NARRATOR_PRONOUNS = 3  # enough in a short story whose narration says he and she less


def narrator_refs(dis: Discourse) -> list[Ref]:
    """The protagonist the narration speaks as or to: first-person pronouns in narration, when
    the story is told in the first person; else "you", when it is told in the second person (a
    reader-insert: "You push open the door."), where "you" in narration outnumbers "I" and is at
    least a third as frequent as he and she. Eight such pronouns make a narrator; in a short
    story (a drabble, a first chapter) three do, when they are at least half as many as the
    narration's he and she (not a third-person story's one "I thought")."""
    counts = Counter(  # the narration's pronouns
        dis.tokens[i].lower
        for i in dis.positions(_FIRST_PERSON | _SECOND_PERSON | {"he", "she"})
        if dis.tokens[i].quote < 0
    )
    first = sum(counts[w] for w in _FIRST_PERSON)
    second = sum(counts[w] for w in _SECOND_PERSON)
    third = counts["he"] + counts["she"]
    if first >= _MIN_NARRATOR_PRONOUNS or second < _FEW_NARRATOR_PRONOUNS:
        words = _FIRST_PERSON
    elif second > first and 3 * second >= third:
        words = _SECOND_PERSON
    else:
        words = _FIRST_PERSON
    refs = [
        Ref(i, i, NARRATOR, "pronoun", gender="1", text=dis.tokens[i].text)
        for i in dis.positions(words)
        if dis.tokens[i].quote < 0
    ]
    if len(refs) >= _MIN_NARRATOR_PRONOUNS:
        return refs
    # a short story told by "I" (or to "you"): fewer, but as many as the narration's he and she
    if len(refs) >= _FEW_NARRATOR_PRONOUNS and 2 * len(refs) >= third:
        return refs
    return []


def pronoun_refs(dis: Discourse) -> list[Ref]:
    refs = []
    for i in dis.positions(_GENDER_OF.keys() | NEO_PRONOUNS.keys()):
        tok = dis.tokens[i]
        if tok.quote >= 0:
            continue
        gender = _GENDER_OF.get(tok.lower) or (
            NEO_PRONOUNS.get(tok.lower) if tok.lower in NEO_PRONOUNS else None
        )
        if gender is not None:
            refs.append(Ref(i, i, None, "pronoun", gender=gender, text=tok.text))
    return refs


_REFLEXIVES = frozenset(
    {"himself", "herself", "themselves", "themself", "xemself", "zirself", "emself"}
)


def desc_key(text: str) -> str:
    """Descriptions vote by their head noun: "the tired medic" and "the medic" share a gender."""
    return "desc:" + text.lower().split()[-1]


def service_role(text: str) -> bool:
    """Whether a description names someone met at their work: by its head in ``service_nouns``
    ("the waitress") or by its last two words in ``service_phrases`` ("the delivery guy")."""
    words = text.lower().split()
    return words[-1] in word_list("service_nouns") or (
        len(words) > 1 and " ".join(words[-2:]) in phrase_list("service_phrases")
    )


_QUOTE_MARKS = frozenset("\"'“”‘’")
