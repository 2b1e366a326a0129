"""Unnamed people: whether a description or pronoun is someone new or the one met before. One set
apart or placed at a post ("the woman at the checkout"), described as if met for the first time,
coming in, brought along ("came in with a young man"), or waiting to take part ("conscious of a
man behind"); and the pronoun that goes on with the one just introduced."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ficscope.passes.coref.clauses import _OBJECT_FORMS
from ficscope.passes.coref.descriptions import _GENERIC_HEADS, _HUMAN_HEADS, _opens_sentence
from ficscope.passes.coref.refs import Ref, desc_key
from ficscope.passes.discourse import Discourse, Token

_APART = frozenset("in from at with by near behind beside".split())


def _set_apart(tokens: Sequence[Token], ref: Ref) -> bool:
    """Whether a description is told apart by what follows it ("the woman in green", "the man
    at the bar"): someone met before and described so, not a named character."""
    after = ref.last + 1
    return (
        ref.last == ref.first + 1  # no adjective: "the withering woman in time to see"
        and after < len(tokens)
        and tokens[after].lower in _APART
        and tokens[after].sent == tokens[ref.first].sent
    )


def _modified(text: str) -> str:
    """A description without its determiner: "the masked man" -> "masked man"."""
    return " ".join(text.lower().split()[1:])


def _restates_waiting(waiting: Sequence[Ref], ref: Ref) -> bool:
    """Whether a definite description repeats, adjective and all, an indefinite one of its
    scene that has not acted yet: "and a bearded guard Thorfinn doesn't know" ... paragraphs of
    talk ... "The bearded guard snorts": the one brought in then, however far back."""
    modified = _modified(ref.text)
    return (
        " " in modified
        and not ref.indefinite
        and not ref.possessive
        and any(_modified(w.text) == modified for w in waiting)
    )


_POSTS = frozenset("at behind".split())
# a participle of keeping a place: "the old man running the stall" (acc27-r24a)
_TENDING = frozenset("running manning minding tending keeping".split())


def _at_a_post(tokens: Sequence[Token], ref: Ref) -> bool:
    """Whether a definite description is placed at a post ("the woman at the checkout", "the
    guy behind the counter", "the old man running the stall"): someone met there, not a
    character the story names."""
    j = ref.last + 1
    return (
        j + 2 < len(tokens)
        and tokens[ref.first].lower == "the"
        and (tokens[j].lower in _POSTS or tokens[j].lower in _TENDING)
        and tokens[j + 1].lower == "the"
        and tokens[j + 2].text.isalpha()
        and tokens[j + 2].quote < 0
    )


def _described_as_new(tokens: Sequence[Token], ref: Ref) -> bool:
    """Whether a definite description opens a sentence telling what the one it names looks
    like ("The sheriff of Harlan Falls was a heavyset man", "The owner is an old woman"), as
    one tells of someone met for the first time."""
    if tokens[ref.first].lower != "the" or not tokens[ref.first].sent_start:
        return False
    j = ref.last + 1
    if j < len(tokens) and tokens[j].lower == "of":  # "of Harlan Falls", "of the inn"
        j += 1
        while j < len(tokens) and j - ref.last <= 5 and tokens[j].lower not in _COPULAS:
            if not tokens[j].text.isalpha():
                return False
            j += 1
    return (
        j + 1 < len(tokens)
        and tokens[j].lower in _COPULAS
        and tokens[j + 1].lower in ("a", "an")
        and tokens[j].quote < 0
    )


_COPULAS = frozenset(("was", "is"))


def _restates_newcomer(
    newcomer: tuple[str, int] | None,
    history: list[tuple[int, str, bool, int]],
    para: int,
    gender: str | None,
    genders: dict[str, str],
) -> bool:
    """Whether a description the story has not used before is the one just introduced: the
    newcomer came in this paragraph or the one before, and is the last one referred to."""
    if newcomer is None or not history or history[-1][1] != newcomer[0]:
        return False
    known = genders.get(newcomer[0])
    return para - 1 <= newcomer[1] <= para and (gender is None or known in (None, gender))


def _newcomer_goes_on(
    tokens: list[Token], ref: Ref, introduced: int, known: str | None, gender: str | None
) -> bool:
    """Whether a he or she opening a sentence of the narration is the newcomer introduced as the
    subject of the sentence just before ("Then somebody dropped into the seat next to Emma.
    She was maybe sixteen"): the newcomer opens that sentence, after adverbs at most."""
    tok = tokens[ref.first]
    if gender not in ("m", "f") or known not in (None, "", gender) or introduced < 0:
        return False
    if not tok.sent_start or tok.quote >= 0 or tokens[introduced].sent != tok.sent - 1:
        return False
    return _opens_sentence(tokens, introduced)


def _newcomer_speaks(
    dis: Discourse, ref: Ref, introduced: int, known: str | None, gender: str | None
) -> bool:
    """Whether a pronoun is the speech tag of a line spoken by someone just introduced: the
    last person referred to was introduced ("a teacher came up") in the paragraph before, and
    this paragraph opens with the line its pronoun tags ('"Don't cry." She said'). The newcomer
    is whom the line is for, even when an earlier character matches the pronoun's gender."""
    tokens = dis.tokens
    tok = tokens[ref.first]
    if introduced != tok.para - 1 or known not in (None, gender) or ref.first == 0:
        return False
    opening = tokens[dis.paragraphs[tok.para].first_token]
    return tokens[ref.first - 1].quote >= 0 and tokens[ref.first - 1].quote == opening.quote >= 0


# Coming in: "the sentry came in", "Kate burst into the room", "walked through the door" (with
# "in", "into", "through" after them); "the nurse entered", "Pellew arrived" (alone)
_COMING_IN = frozenset(
    "came comes walked walks stepped steps hurried hurries strode strides wandered wanders "
    "burst bursts bustled bustles slipped slips marched marches strolled strolls".split()
)
_IN = frozenset({"in", "into", "through"})
_ENTERING = frozenset("entered enters arrived arrives".split())
# Looking or putting one's head in: "the clerk looked in", "the clerk put his head in"
_LOOKING = frozenset("looked looks peered peers".split())
_PUTTING = frozenset("put puts stuck sticks poked pokes popped pops".split())
_INTO = frozenset({"in", "into"})


def comes_in_at(tokens: Sequence[Token], j: int) -> bool:
    """Whether the words from token ``j`` on say someone comes in: "entered", "arrived", "came
    in", "burst into the room", "walked through the door"."""
    word = tokens[j].lower
    if word in _ENTERING:
        return True
    return word in _COMING_IN and j + 1 < len(tokens) and tokens[j + 1].lower in _IN


def _comes_in(tokens: Sequence[Token], ref: Ref) -> bool:
    """Whether a definite description of the narration is the subject of coming in ("the
    marine sentry put his head in", "The nurse came in with a tray", "the clerk entered")."""
    j = ref.last + 1
    if ref.possessive or tokens[ref.first].lower != "the" or tokens[ref.first].quote >= 0:
        return False
    if j + 1 >= len(tokens) or tokens[j].sent != tokens[ref.first].sent:
        return False
    word = tokens[j].lower
    if comes_in_at(tokens, j):
        return True
    if word in _LOOKING:
        return tokens[j + 1].lower in _INTO
    return (
        word in _PUTTING
        and j + 3 < len(tokens)
        and tokens[j + 1].lower in ("his", "her", "their")
        and tokens[j + 2].lower == "head"
        and tokens[j + 3].lower in _INTO | {"round", "around"}
    )


# What a voice comes through from someone not there: "The king's voice came out small and
# crackly" after "tapped the speaker icon" (the words of ``speaker_cues.words.DEVICES``, which
# coreference runs before)
_THROUGH = frozenset(
    "phone cellphone mobile radio comm comms comlink communicator walkie receiver handset "
    "headset earpiece intercom mic speakerphone speaker line".split()
)


def heard_through(dis: Discourse, ref: Ref) -> bool:
    """Whether a definite description of the narration owns a voice heard through a phone, a
    radio or a speaker ("The king's voice came out small and crackly over the wind", a phone or
    speaker word in its paragraph or the one before): someone on the line, not one of those in
    the room."""
    tokens = dis.tokens
    tok = tokens[ref.first]
    if ref.possessive or tok.lower != "the" or tok.quote >= 0:
        return False
    if not tokens[ref.last].lower.endswith(("'s", "’s")) or ref.last + 1 >= len(tokens):
        return False
    if tokens[ref.last + 1].lower != "voice":
        return False
    start = dis.paragraphs[max(tok.para - 1, 0)].first_token
    stop = dis.paragraphs[tok.para].last_token
    return any(t.quote < 0 and t.lower in _THROUGH for t in tokens[start:stop])


_PREDICATIVE = frozenset("is was be been being as like such than become became".split())


def _waiting(
    tokens: list[Token],
    pending: dict[str, list[Ref]],
    history: list[tuple[int, str, bool, int]],
    ref: Ref,
    genders: dict[str, str],
) -> str | None:
    """The head of an indefinite not yet taking part ("She was conscious of a man behind")
    that an object pronoun of its gender ("She felt him watching") means rather than the
    character resolution chose: it is in the same paragraph, in the same or the sentence
    before, and later than that character's last mention. Not a predicate ("was a man",
    "like a good father"): that is no one new."""
    if ref.gender not in ("m", "f") or tokens[ref.first].lower not in _OBJECT_FORMS or not pending:
        return None
    chosen = next((first for first, cid, _, _ in reversed(history) if cid == ref.character), -1)
    sent = tokens[ref.first].sent
    for key, waiting in pending.items():
        last = waiting[-1]
        if (
            (last.gender or genders.get(desc_key(last.text))) == ref.gender
            and tokens[last.first].sent >= sent - 1
            and tokens[last.first].para == tokens[ref.first].para
            and last.first > chosen
            and tokens[max(last.first - 1, 0)].lower not in _PREDICATIVE
        ):
            return key
    return None


_ALONG = frozenset({"with", "by"})  # "came in with a young man", "followed by a teenager"


def _brought_along(
    tokens: list[Token],
    pending: dict[str, list[Ref]],
    ref: Ref,
    gender: str | None,
    genders: dict[str, str],
) -> str | None:
    """The head of a person brought in by an indefinite that does not act ("Martha came in
    with a young man in a green coat") in this paragraph or the one before, of a sex that
    fits, whom a role used for the first time ("said the messenger") is."""
    para = tokens[ref.first].para
    found = None
    for key, waiting in pending.items():
        last = waiting[-1]
        sex = last.gender or genders.get(desc_key(last.text))
        if (
            key in _HUMAN_HEADS
            and para - 1 <= tokens[last.first].para <= para
            and last.first < ref.first
            and (gender is None or sex in (None, gender))
            and tokens[last.first].quote < 0
            and tokens[max(last.first - 1, 0)].lower in _ALONG
            and (found is None or last.first > pending[found][-1].first)
        ):
            found = key
    return found


def _role_near(
    history: list[tuple[int, str, bool, int]],
    unnamed: Mapping[str, str],
    para: int,
    gender: str,
    genders: Mapping[str, str],
) -> str | None:
    """The one unnamed person of ``gender`` known by a role ("the waitress", "a guard", not "a
    man") referred to in this paragraph or the two before, if there is exactly one."""
    roles = {cid for key, cid in unnamed.items() if key not in _GENERIC_HEADS}
    near = {
        cid
        for _, cid, _, hpara in history[-20:]
        if para - hpara <= 2 and cid in roles and genders.get(cid) == gender
    }
    return near.pop() if len(near) == 1 else None
