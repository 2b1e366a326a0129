"""The salience list: who was referred to where (the history resolution keeps), the paragraphs that
open a scene (salience starts afresh there), and the likeliest antecedent of a gender
(``_pick``), with the discounts for one recalled, owning something, or named after another."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence

from ficscope.lexicon import is_verb_like, word_list
from ficscope.model import BlockRole, Work
from ficscope.passes.coref.descriptions import _GENERIC_HEADS, _MET
from ficscope.passes.coref.refs import _GENDER_OF
from ficscope.passes.discourse import Discourse, Token

_WINDOW_PARAS = 6


def scene_starts(work: Work, dis: Discourse) -> frozenset[int]:
    """Paragraphs that open a scene or a chapter. Only a marked break counts ("* * *", a rule):
    an extra blank line is as often a pause within a scene as a change of scene."""
    breaks = sorted(
        [
            b.start
            for b in work.blocks
            if b.role is BlockRole.SCENE_BREAK and work.text[b.start : b.end].strip()
        ]
        + [c.start for c in work.chapters]
    )
    starts = set()
    bi = 0
    for pi, para in enumerate(dis.paragraphs):
        moved = False
        while bi < len(breaks) and breaks[bi] <= para.start:
            bi += 1
            moved = True
        if moved:
            starts.add(pi)
    return frozenset(starts)


def _lead(prominence: Counter[str], gender: str, genders: dict[str, str]) -> str | None:
    """The character of ``gender`` the narration has named most so far, if one clearly is."""
    ranked = [(n, cid) for cid, n in prominence.most_common() if genders.get(cid) == gender]
    if not ranked or len(ranked) > 1 and ranked[1][0] * 2 > ranked[0][0]:
        return None
    return ranked[0][1]


def _last_subject(history: Sequence[tuple[int, str, bool, int]]) -> str | None:
    """The character referred to last as a sentence's subject ("The woman at the checkout
    looked at Edward, and then at Bella": the woman)."""
    return next((c for _, c, subject, _ in reversed(history) if subject), None)


# How much less salient a name opening a that-clause is ("reminded him that Sakura would never
# chew him out again"): thought or said about, not there acting.
_RECALLED = 1.5
# How much less salient, for the pronoun of a speech tag, a name is as the owner of a thing
# inside a sentence ("he brought the mirror away from Stephen's eyes. / '...,' he said."): the
# one speaking is the one the sentence is about.
_OWNER_INSIDE = 1.5
# How much less salient, for the pronoun of a speech tag, a character is when referred to after
# another of the pronoun's sex in the same narration sentence, past a comma or a clause's word
# ("Ben leaned on my chair and watched them all, even Luther. / '...,' he said."): the one the
# sentence is about is its first, not the one mentioned last.
_AFTER_ANOTHER = 3.0
# How much less salient, for a "he" or "she" opening a narration sentence, one is whom the
# sentence before acted on after its subject of that sex ("Hunk elbowed Lance out of the way.
# He picked up ...": the subject goes on, centering's first rule)
_ACTED_ON = 1.5
# Verbs of perceiving: the one perceived ("he could hear Tony explaining") is not the perceiver
_PERCEIVING = frozenset(
    "hear hears heard hearing see sees saw seeing watch watches watched watching notice notices "
    "noticed feel feels felt".split()
)
# What sets a later reference apart from its sentence's subject: a clause's edge or a topic
# ("watched them all, even Luther", "because Luffy had never", "thought about the man").
_SET_APART = frozenset(
    ", ; : — because before after while when whenever since though although until unless if "
    "that about".split()
)
# Pronouns that can be a sentence's subject ("called him Captain Tomas, and Tomas ..." is not
# about the "him"); a name counts too when it owns nothing ("Ron's voice").
_SUBJECT_PRONOUNS = frozenset({"he", "she"})


def _another_noun(cid: str, key: str) -> bool:
    """Whether ``cid`` is an unnamed character known by a noun other than ``key``."""
    return cid.startswith("unnamed-") and not cid.startswith(f"unnamed-{key}")


def _recent(history: list[tuple[int, str, bool, int]], para: int) -> set[str]:
    """Characters referred to within the pronoun window before paragraph ``para``."""
    out = set()
    for distance, (_, cid, _, hpara) in enumerate(reversed(history)):
        if para - hpara > _WINDOW_PARAS or distance > 40:
            break
        out.add(cid)
    return out


def _pick(
    history: list[tuple[int, str, bool, int]],
    tok: Token,
    gender: str | None,
    genders: dict[str, str],
    subject: bool,
    is_pronoun: bool,
    *,
    tokens: list[Token] | None = None,
    key: str = "",
    skip: str | None = None,
    given: dict[str, str] | None = None,
    recalled: set[int] | frozenset[int] = frozenset(),
    owners: set[int] | frozenset[int] = frozenset(),
    exclude: Collection[str] = (),
    topic_of: list[Token] | None = None,
    opener_of: list[Token] | None = None,
) -> str | None:
    """The most salient character of a compatible gender; one the text has not gendered has
    the gender of its given name (``given``: "Emma" is no "he"). For a description (``tokens`` and
    its head ``key`` given): not someone referred to earlier in its sentence ("she said to the
    strange woman"), and not an unnamed character known by another noun ("the doctor" is not
    "a woman servant"), unless the noun is a generic one ("the woman"). A name opening a
    that-clause (``recalled``: "reminded him that Lena would never come back") is less salient;
    so is, with ``topic_of`` (the tokens) for a speech tag's pronoun, one referred to after
    another of the pronoun's sex in the same sentence ("watched them all, even Luther"); so is,
    with ``opener_of`` (the tokens) for a "he" or "she" opening a narration sentence, the one
    the sentence before did something to, after its subject of that sex ("Hunk elbowed Lance out
    of the way. He picked up ...": Hunk)."""
    para = tok.para
    if gender == "p":
        return None  # plural "they" rarely means one character in this prose; leave unresolved
    best: str | None = None
    best_score = -1e9
    seen: set[str] = set()
    in_sentence = _acting_in_sentence(tokens, history, tok) if tokens is not None else set()
    for distance, (first, cid, was_subject, hpara) in enumerate(reversed(history)):
        if para - hpara > _WINDOW_PARAS or distance > 40:
            break
        if cid in seen or cid == skip or cid in exclude:
            continue
        seen.add(cid)
        if tokens is not None:
            if tokens[first].sent == tok.sent and cid in in_sentence:
                continue
            if (
                cid.startswith("unnamed-")
                and cid != f"unnamed-{key}"
                and key not in _GENERIC_HEADS
                and not (key in _MET and cid.split("-")[-1] in _MET)
            ):
                continue  # "the doctor" is not "a woman servant"; "the visitor" is "the stranger"
        cg = genders.get(cid) or (given or {}).get(cid)
        if tokens is not None and gender and not cg and _another_noun(cid, key):
            continue  # "the old woman" is not "the surgeon", whose sex is unknown
        if gender is not None and cg is not None and cg != gender:
            continue
        score = -len(seen) * 1.0
        if cg is not None and gender is not None and cg == gender:
            score += 2.0
        elif tokens is not None and gender and not cg and _named_just_before(tokens, first, tok):
            score += 2.0  # "Sabine came out. The small woman smiled": the newcomer, ungendered
            if was_subject and subject:
                score += 1.0  # "Miroku sat with Sango. The monk smiled.": its subject
        elif (
            topic_of is not None
            and gender in ("m", "f")
            and not cg
            and _opens_the_paragraph(topic_of, history, first, para)
        ):
            # "The merchant looked at it. '...,' he said": the one described acting first in
            # the tag's paragraph, whose sex nothing has shown yet, as if the pronoun matched
            score += 2.0
        elif (
            topic_of is not None
            and gender in ("m", "f")
            and not cg
            and _holds_pronoun(topic_of, history, cid, gender, para)
        ):
            # "Cec had drifted over, his head on one side. '...,' he said": the one whose own
            # "his" the paragraph's narration already gave him, though no name list knows Cec
            score += 2.0
        if was_subject and subject:
            score += 0.5
        if first in recalled:
            score -= _RECALLED
        elif first in owners:
            score -= _OWNER_INSIDE
        if (
            topic_of is not None
            and gender
            and _after_another(topic_of, history, len(history) - 1 - distance, gender, genders)
        ):
            score -= _AFTER_ANOTHER
        if (
            opener_of is not None
            and gender
            and _acted_on(opener_of, history, len(history) - 1 - distance, tok, gender, genders)
        ):
            score -= _ACTED_ON
        if score > best_score:
            best, best_score = cid, score
    return best


def _opens_the_paragraph(
    tokens: list[Token], history: list[tuple[int, str, bool, int]], first: int, para: int
) -> bool:
    """Whether the reference at token ``first`` is a description (an unnamed character) opening
    a sentence of narration in paragraph ``para``, with nobody else referred to after it: the one
    acting just before a speech tag's pronoun there."""
    tok = tokens[first]
    if tok.para != para or not tok.sent_start or tok.quote >= 0:
        return False
    own = next((cid for at, cid, _, _ in history if at == first), "")
    later = {cid for at, cid, _, _ in history if at > first}
    return own.startswith("unnamed-") and later <= {own}


def _holds_pronoun(
    tokens: list[Token], history: list[tuple[int, str, bool, int]], cid: str, gender: str, para: int
) -> bool:
    """Whether ``cid``, whose sex is unknown, is the last one referred to in narration in
    paragraph ``para`` and that reference is a pronoun of sex ``gender`` already resolved to
    them (the speech tag's pronoun goes on with the one the paragraph is about)."""
    for at, who, _, hpara in reversed(history):
        if hpara != para:
            return False
        if tokens[at].quote >= 0:
            continue
        return who == cid and _GENDER_OF.get(tokens[at].lower) == gender
    return False


def _acting_in_sentence(
    tokens: list[Token], history: list[tuple[int, str, bool, int]], tok: Token
) -> set[str]:
    """The characters referred to earlier in ``tok``'s sentence other than as an owner: a
    description after them is someone else ("she said to the strange woman"). One only owning
    there may be the one described ("Ignoring his own pain, the man got to his feet"; "he
    tilted his head in her hold to face the woman")."""
    found: set[str] = set()
    for first, cid, _, _ in reversed(history):
        if tokens[first].sent != tok.sent:
            break
        if not _owning(tokens, first):
            found.add(cid)
    return found


def _owning(tokens: list[Token], i: int) -> bool:
    """Whether the reference at token ``i`` is a possessive determiner before a lower-case word
    ("his own pain", "her hold"), not an object ("to face her.")."""
    if tokens[i].lower not in ("his", "her", "their"):
        return False
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    return (
        nxt is not None
        and nxt.text.isalpha()
        and nxt.text.islower()
        and (nxt.lower == "own" or nxt.lower not in word_list("function_words"))
    )


def _after_another(
    tokens: list[Token],
    history: list[tuple[int, str, bool, int]],
    at: int,
    gender: str,
    genders: dict[str, str],
) -> bool:
    """Whether the reference ``history[at]`` follows, in its narration sentence and past a comma
    or a clause's word, a reference to another character of sex ``gender`` ("Ben ... watched
    them all, even Luther"), or right after a verb of perceiving ("he could hear Tony
    explaining": the one heard)."""
    first, cid, _, _ = history[at]
    sent = tokens[first].sent
    opens: list[int] | None = None  # read at the first earlier reference in its sentence
    for earlier, other, _, _ in reversed(history[max(0, at - 12) : at]):
        if earlier >= first:
            continue
        if tokens[earlier].sent != sent:
            return False
        if opens is None:
            opens = [
                f
                for f, c, _, _ in history[max(0, at - 12) : at + 1]
                if c == cid and _opens_a_clause(tokens, f)
            ]
        if any(earlier < f <= first for f in opens):
            return False  # "Miss Bates was telling ..., and Emma found herself at the window"
        if other != cid and genders.get(other) == gender and _topical(tokens[earlier]):
            if first > 0 and tokens[first - 1].lower in _PERCEIVING:
                return True  # "he could hear Tony explaining": the one heard, not the hearer
            return any(t.lower in _SET_APART for t in tokens[earlier + 1 : first])
    return False


def _acted_on(
    tokens: list[Token],
    history: list[tuple[int, str, bool, int]],
    at: int,
    tok: Token,
    gender: str,
    genders: dict[str, str],
) -> bool:
    """Whether the reference ``history[at]`` is the object of the narration sentence right before
    ``tok``'s, in its paragraph, whose opening subject is another of sex ``gender``, with only a
    verb and its little words between them ("Hunk elbowed Lance", "Arthur stared up at the
    man"), and nobody referred to after it there."""
    first, cid, _, _ = history[at]
    if at == 0 or tokens[first].sent != tok.sent - 1 or tokens[first].para != tok.para:
        return False
    if tokens[first].quote >= 0 or any(
        tokens[f].sent == tokens[first].sent for f, _, _, _ in history[at + 1 :]
    ):
        return False
    earlier, other, _, _ = history[at - 1]
    sent = tokens[first].sent
    if at >= 2 and tokens[history[at - 2][0]].sent == sent:
        return False  # the subject is the sentence's first reference
    if other == cid or tokens[earlier].sent != sent or tokens[earlier].quote >= 0:
        return False
    if genders.get(other) != gender or not _topical(tokens[earlier]):
        return False
    between = tokens[earlier + 1 : first]
    verb = next((i for i, t in enumerate(between[:3]) if is_verb_like(t.lower)), None)
    return (
        verb is not None
        and len(between) - verb <= 5
        and all(t.text.isalpha() for t in between)
        and all(t.text.islower() for t in between[verb:])
    )


# Not "but": 'Emmanellain cried out in protest, but Honoroit was already gasping. "What-" he
# said' is Emmanellain's
_JOINING = frozenset({"and"})


def _opens_a_clause(tokens: list[Token], first: int) -> bool:
    """Whether a name opens a clause of its own after a comma and "and" ("..., and
    Emma found herself at the window"): the subject of what comes next, not one in a list."""
    return (
        first >= 2
        and tokens[first].text[:1].isupper()
        and tokens[first - 1].lower in _JOINING
        and tokens[first - 2].text in (",", ";")
        and first + 1 < len(tokens)
        and tokens[first + 1].sent == tokens[first].sent
        and is_verb_like(tokens[first + 1].lower)
    )


def _topical(tok: Token) -> bool:
    """Whether a reference's first word can be its sentence's subject: "he", "she" or a name
    owning nothing (not "him", "his", "Ron's")."""
    if tok.lower in _SUBJECT_PRONOUNS:
        return True
    return tok.text[:1].isupper() and not tok.lower.endswith(("'s", "’s"))


def _named_just_before(tokens: list[Token], first: int, tok: Token) -> bool:
    """A character named (a capital: a name, or "The boy") in the narration sentence right
    before ``tok``'s, in its paragraph (not a tag: '"By the king," said Xandor. The sorceress
    ...' is someone else)."""
    return (
        tokens[first].sent == tok.sent - 1
        and tokens[first].para == tok.para
        and tokens[first].quote < 0
        and tokens[first].text[:1].isupper()
    )


# How a paragraph opens when the story moves on in time within a scene ("Later, when the cavern
# had emptied", "That night", "The next morning", "Hours later"): the narration comes back to
# the one it follows, whoever was named last before the jump.
_LATER = frozenset({"later", "afterwards", "afterward"})
_TIMES_OF_DAY = frozenset({"night", "evening", "afternoon", "morning", "day"})
_SPANS = frozenset({"hours", "days", "weeks", "months", "minutes", "years", "while", "time"})


def _after_a_time_jump(tokens: Sequence[Token], first_of_para: int, at: int) -> bool:
    """Whether the paragraph whose first token is ``first_of_para`` opens its narration by moving
    on in time ("Later, ...", "Much later", "That night", "The next morning", "Hours later",
    "Some time later") and the token ``at`` is in that first sentence."""
    if at >= len(tokens) or tokens[at].sent != tokens[first_of_para].sent:
        return False
    words = [t.lower for t in tokens[first_of_para : first_of_para + 3]]
    if tokens[first_of_para].quote >= 0 or not words:
        return False
    if words[0] in _LATER or words[:2] == ["much", "later"]:
        return True
    if words[0] == "that" and len(words) > 1 and words[1] in _TIMES_OF_DAY:
        return True
    if words[:2] in (["the", "next"], ["the", "following"]) and len(words) > 2:
        return words[2] in _TIMES_OF_DAY
    if words[0] in ("next", "in") and len(words) > 1 and words[1] in ("morning", "the"):
        return words[1] == "morning" or len(words) > 2 and words[2] == "morning"
    # "Hours later", "Some time later", "A while later", "Three days later"
    later_at = next((i for i, w in enumerate(words) if w in _LATER), -1)
    return later_at > 0 and any(w in _SPANS for w in words[:later_at])


# Verbs of noticing and thinking: the one whose mind the narration gives ("Paul noticed it the
# moment he stepped through", "Paul realised they were all looking at him") is the one it follows
_MINDING = frozenset(
    "noticed notices realised realises realized realizes thought thinks knew knows wondered "
    "wonders remembered remembers felt feels saw sees heard hears watched watches wanted wants "
    "hoped hopes decided decides understood understands supposed supposes imagined imagines "
    "recognised recognises recognized recognizes".split()
)


def _following(tokens: Sequence[Token], at: int, subject: bool) -> int:
    """How much a reference at token ``at`` in narration shows the narration following its
    character: 1 as a sentence's subject, 2 more when a verb of noticing or thinking follows
    it ("Paul noticed", "he realised"); nothing for an object or an owner."""
    if tokens[at].lower in ("him", "her", "his", "hers") or tokens[at].lower.endswith(("'s", "’s")):
        return 0
    nxt = tokens[at + 1].lower if at + 1 < len(tokens) else ""
    return (1 if subject else 0) + (2 if nxt in _MINDING else 0)


def _focal(
    tokens: Sequence[Token],
    history: Sequence[tuple[int, str, bool, int]],
    at: int,
    first_of_para: int,
    gender: str,
    prominence: Counter[str],
    genders: dict[str, str],
) -> str | None:
    """The character the narration follows (the one of ``gender`` it has named most so far,
    clearly), for a he or she at token ``at`` in the first sentence of a paragraph that moves on
    in time ("Later, when the cavern had emptied, Chani found him sitting alone"), when nobody of
    that sex is referred to earlier in that sentence: a reader takes the story's point of view,
    not the last man named before the jump."""
    if not _after_a_time_jump(tokens, first_of_para, at):
        return None
    sent = tokens[at].sent
    for first, cid, _, _ in reversed(history):
        if first >= at:
            continue
        if tokens[first].sent != sent:
            break
        if genders.get(cid) == gender:
            return None
    return _lead(prominence, gender, genders)
