"""Who a pronoun is, or cannot be, from its own sentence: the subject of its clause is no object
pronoun ("Harry threw a cushion at him"); a possessive belongs to the subject opening the
sentence ("Draco didn't look up from his book"); a he or she after "and" goes on with the
subject; a name opening a that-clause is only recalled."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from ficscope.lexicon import is_verb_like
from ficscope.passes.coref.genders import _CLAUSE_ENDS, _FUNCTION, _object_her
from ficscope.passes.coref.refs import _DETERMINERS, _POSSESSIVE_DETERMINERS, Ref
from ficscope.passes.discourse import Token


def _named_after(tokens: Sequence[Token], ref: Ref, named: Sequence[tuple[int, str]]) -> list[str]:
    """Who a subject pronoun opening its sentence or a tag cannot be: a name later in the
    sentence ('"I'm fine," she kept saying while Maddie unwrapped the towel', "She said Maddie
    was late"); a pronoun in a clause before the main one may be ("When she came in, Maddie
    sat down" is no subject opening the sentence's main clause: not excluded, for the comma)."""
    if tokens[ref.first].lower not in ("he", "she"):
        return []
    if not (tokens[ref.first].sent_start or (ref.first > 0 and tokens[ref.first - 1].quote >= 0)):
        return []
    later = [c for first, c in named if first > ref.first]
    if not later:
        return []
    comma = any(tokens[i].text == "," for i in range(ref.first, max(first for first, _ in named)))
    return [] if comma and tokens[ref.first].sent_start else later


def _pronoun_tag(tokens: list[Token], ref: Ref, speech: Collection[str]) -> bool:
    """Whether a "he" or "she" is the subject of a speech tag right after a line ('," he
    said', '," she cried')."""
    i = ref.first
    return (
        tokens[i].lower in ("he", "she")
        and i > 0
        and tokens[i - 1].quote >= 0
        and tokens[i - 1].para == tokens[i].para
        and i + 1 < len(tokens)
        and tokens[i + 1].lower in speech
    )


def _owner_inside(tokens: list[Token], ref: Ref, subject: bool) -> bool:
    """Whether a name in narration is a possessive inside its sentence, after a word that is no
    clause opener: "thrusting a hand into Stephen's pocket", not "Stephen's face fell"."""
    if subject or not tokens[ref.last].lower.endswith(("'s", "’s")):
        return False
    return tokens[ref.first - 1].lower not in (",", ";", "and", "but", "then", "when", "while")


_OBJECT_PRONOUNS = frozenset({"him", "her", "them", "me", "us", "you"})


def _complement_subject(tokens: list[Token], i: int) -> bool:
    """Whether token ``i`` opens a that-clause after a verb or its object: "reminded him that
    Sakura would never ...", "knew that Mira was gone"; or is the one seen in a to-clause of
    seeing ("Alya slid in just in time to see Marinette turn red. She sighed": she is Alya)."""
    if i >= 2 and tokens[i - 2].lower == "to" and tokens[i - 1].lower in _SEEING:
        return tokens[i - 2].sent == tokens[i].sent
    if i < 2 or tokens[i - 1].lower != "that" or tokens[i - 2].sent != tokens[i].sent:
        return False
    before = tokens[i - 2].lower
    if before in _OBJECT_PRONOUNS:
        return True
    # "at the thought that Waymarsh": a noun's clause, not a verb's
    noun = i >= 3 and tokens[i - 3].lower in _DETERMINERS | _POSSESSIVE_DETERMINERS
    return is_verb_like(before) and not noun


_SEEING = frozenset(("see", "watch", "find", "hear", "catch"))


_OWNER_GENDER = {"his": "m", "her": "f"}


_OBJECT_FORMS = frozenset({"him", "her", "them"})
_CLAUSE_BOUNDS = _CLAUSE_ENDS | frozenset(
    "who whom which that what how why where because since until though although if than after "
    "before to".split()
)
_OTHER_SUBJECTS = frozenset("it i you we they this there".split())
_LOCATIVE = frozenset(
    "about around round behind beside before beneath under over near with after upon toward "
    "towards to from off on onto into against across through of".split()
)


def _clause_subject(
    tokens: list[Token], history: list[tuple[int, str, bool, int]], at: int
) -> str | None:
    """Who an object pronoun cannot be: the subject of its own clause ("Harry threw a cushion
    at him" is not Harry; "he hit him" is two men). A pronoun after a preposition of place may
    be the subject ("he looked about him", "she drew him to her"), and so may a possessive
    "her" ("she bit her lip"). The subject is the nearest character referred to before the
    pronoun in its clause (which ends at a comma, a conjunction, "that", "what", "to"...), unless
    another subject comes between ("how much it soothed her") or the nearest is a possessive
    ("her cousin repressed her")."""
    word = tokens[at].lower
    if word not in _OBJECT_FORMS or at == 0:
        return None
    if tokens[at - 1].lower in _LOCATIVE:
        return _described_before(tokens, history, at - 2)
    nxt = tokens[at + 1].lower if at + 1 < len(tokens) else "."
    if word == "her" and nxt[0].isalpha() and nxt not in _FUNCTION:
        return None  # possessive
    start = at
    while start > 0 and tokens[start - 1].sent == tokens[at].sent:
        if tokens[start - 1].lower in _CLAUSE_BOUNDS:
            break
        start -= 1
    referred = {first: cid for first, cid, _, _ in history[-12:] if first >= start}
    for i in range(at - 1, start - 1, -1):  # the nearest one before it: "what she told him"
        word = tokens[i].lower
        if word in _OWNER_GENDER or word in _OTHER_SUBJECTS:
            return None  # "her cousin repressed her", "how much it soothed her"
        if i in referred:
            return referred[i]
    return None


def _described_before(
    tokens: list[Token], history: list[tuple[int, str, bool, int]], j: int
) -> str | None:
    """The description whose place phrase holds an object pronoun, which is someone else: "a
    voice right behind her said", "the man beside him" (token ``j`` ends the description, before
    the preposition; "he looked about him" has no description there)."""
    while j > 0 and tokens[j].lower in _NEARLY:
        j -= 1
    for first, cid, _, _ in reversed(history[-3:]):
        if (
            j - _DESCRIPTION_HEAD <= first < j
            and tokens[first].lower in ("a", "an", "the")
            and tokens[first].sent == tokens[j].sent
        ):
            return cid
    return None


_NEARLY = frozenset("right just directly close".split())  # "a voice right behind her"
_DESCRIPTION_HEAD = 3  # words from a description's article to its head: "a low, rough voice"


def _referred_in_sentence(
    tokens: list[Token], history: list[tuple[int, str, bool, int]], at: int
) -> list[tuple[int, str]]:
    """(first token, character) of the references before token ``at`` in its sentence."""
    sent = tokens[at].sent
    return [(first, cid) for first, cid, _, _ in history[-12:] if tokens[first].sent == sent]


def _possessor(
    tokens: list[Token],
    history: list[tuple[int, str, bool, int]],
    at: int,
    gender: str | None,
    genders: dict[str, str],
) -> str | None:
    """The owner a possessive "his"/"her" takes from its own sentence: the character opening
    the sentence as its subject, when no one else is referred to between them and its gender
    does not forbid it ("Draco didn't look up from his book": Draco's, though the story has not
    yet said Draco is a he and the name Harry is a boy's)."""
    if tokens[at].lower not in ("his", "her") or gender not in ("m", "f"):
        return None
    nxt = tokens[at + 1].lower if at + 1 < len(tokens) else "."
    if not nxt[0].isalpha() or nxt in _FUNCTION or _object_her(tokens, at):
        return None  # "told her", "to her.", "the kid next to her continued"
    between = _referred_in_sentence(tokens, history, at)
    if len({cid for _, cid in between}) != 1:
        return None
    first, cid = between[0]
    if not tokens[first].sent_start or genders.get(cid, gender) != gender:
        return None
    return cid


def _subject_goes_on(
    tokens: list[Token],
    history: list[tuple[int, str, bool, int]],
    at: int,
    gender: str | None,
    genders: Mapping[str, str],
    given: Mapping[str, str],
) -> str | None:
    """The subject opening the sentence, for a "he" or "she" that goes on after "and" or "but"
    in it, when its gender (or, where the text gives none, its given name's: ``given``) does not
    forbid it ("Mensah was there already with Pin-Lee and Gurathin, and she smiled": Mensah, not
    Gurathin, named last). An unnamed role opening the sentence is so also for a he or she
    opening a clause of time or cause in it ("The shopkeeper stopped juggling when he saw their
    armor": the role, not the named man salience gives)."""
    if tokens[at].lower not in ("he", "she") or at < 2 or tokens[at].sent_start:
        return None
    joined = tokens[at - 1].lower in ("and", "but") and tokens[at - 2].text == ","
    if not joined and tokens[at - 1].lower not in _TIME_OR_CAUSE_OPENERS:
        return None
    named = _referred_in_sentence(tokens, history, at)
    if not named or not tokens[named[0][0]].sent_start or tokens[named[0][0]].quote >= 0:
        return None
    first, cid = named[0]
    if not joined and not cid.startswith("unnamed-"):
        return None  # "The shopkeeper stopped juggling when he saw them": the role, unnamed
    if genders.get(cid, given.get(cid, gender)) != gender:
        return None
    return cid


# Words opening a clause of time or cause inside the sentence of its subject: "stopped juggling
# when he saw". Only these, not every subordinator: no "if", "though", "although", "whilst" or
# "till" (``speakers.conversations._SUBORDINATORS`` is the full list, for another question).
_TIME_OR_CAUSE_OPENERS = frozenset("when as while because until before after once since".split())


def _subject_just_before(
    tokens: list[Token], history: list[tuple[int, str, bool, int]], at: int
) -> str | None:
    """The character named as the subject opening the narration sentence right before
    token ``at``'s, in its paragraph, when that sentence names no one else and ``at``'s
    sentence has no object pronoun (not "Steve came in. The doctor followed him.")."""
    tok = tokens[at]
    k = at
    while k < len(tokens) and tokens[k].sent == tok.sent:
        if tokens[k].lower in ("him", "her", "them"):
            return None
        k += 1
    named = []  # the names (capitalised) of the sentence before
    for first, cid, _, _ in reversed(history):
        if tokens[first].sent < tok.sent - 1:
            break
        if tokens[first].sent == tok.sent - 1 and tokens[first].text[:1].isupper():
            named.append((first, cid))
    if any(tokens[first].para != tok.para for first, _ in named):
        return None
    if len({cid for _, cid in named}) != 1 or named[0][1].startswith("unnamed-"):
        return None
    first, cid = named[0]
    opening = tokens[first].sent_start or (
        first > 0 and tokens[first - 1].lower == "the" and tokens[first - 1].sent_start
    )
    return cid if opening and tokens[first].quote < 0 else None
