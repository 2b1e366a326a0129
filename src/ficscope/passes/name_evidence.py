"""Whether a name is a person's or a place's: a score per name word from how the story uses
its mentions (``person_evidence``). A title, a call, a speech verb or a verb of acting after it,
"to" after a speech verb or "at" after a verb of looking before it tell a person; a preposition
of place, "the" or "a", a place name's first word ("New", "Fort") or a number before a plural
tell a place, a thing or a people. ``names.NameFinder`` finds the mentions."""

from __future__ import annotations

from collections import Counter, defaultdict

from ficscope.lexicon import is_verb_like, word_list
from ficscope.passes.discourse import Discourse, Token
from ficscope.passes.name_usage import _PLURAL_BEFORE, _POSSESSIVE, PRONOUN_TAGS, _opens_clause
from ficscope.passes.names import NameMention

# verbs whose "at" points at someone: "looked at Jaskier", "grinned at Kiri"
_LOOKING = frozenset(
    "looked looks stared stares glared glares glanced glances smiled smiles grinned grins "
    "laughed laughs frowned frowns winked winks nodded nods waved waves scowled scowls "
    "peered peers blinked blinks shouted shouts yelled yells snapped snaps".split()
)
_PLACE_PREPS = frozenset(
    "in into to from at near towards toward across through of around outside inside within "
    "beyond via leave left visit visited reach reached".split()
)
# Words before a town and its region: "since Lincoln, Nebraska", "from Paris, Texas".
_PAIR_PREPS = _PLACE_PREPS | {"since"}
# Capitalised words that begin place names: "New York", "Fort Worth", "Cape Cod".
_PLACE_STARTS = frozenset({"New", "Fort", "Port", "Cape", "Lake", "Mount", "Upper", "Lower"})


def _place_pair(tokens: list[Token], m: NameMention) -> bool:
    """Whether a name after a comma follows a capitalised name that follows a preposition of
    place: "since Lincoln, Nebraska", "in Grand Island, Nebraska" (a town and its state, not a
    call to someone named Nebraska)."""
    j = m.first_token - 2
    if j < 1 or tokens[j + 1].text != ",":
        return False
    while j > 0 and tokens[j].text[:1].isupper() and not tokens[j].sent_start:
        j -= 1
    return j < m.first_token - 2 and tokens[j].lower in _PAIR_PREPS


def _plural_of_people(m: NameMention, tokens: list[Token]) -> bool:
    """A plural name after a number or quantifier: "three Brahmins", "all the Boers"."""
    last = tokens[m.last_token].text  # "Brahmins", not "Mary's"
    if m.title or len(m.parts) > 1 or last != m.parts[-1] or not last.endswith("s"):
        return False
    if last.endswith(("ss", "us", "is")):
        return False
    i = m.first_token - 1
    if i >= 0 and tokens[i].lower == "the":
        i -= 1
    return i >= 0 and tokens[i].lower in _PLURAL_BEFORE


def _speaks_next(tokens: list[Token], i: int, speech: frozenset[str]) -> bool:
    """Whether a quotation with no speech tag of its own opens in the paragraph of token ``i``,
    in its sentence or the next: 'Sam walks in. "Nope."', not 'Threepence had a value -- "Here,"
    he said'; or, when token ``i``'s sentence ends its paragraph and names nobody else, opens
    the next paragraph with no tag or a pronoun's: 'Alex stood in the doorway.' / '"Sorry I'm
    late," he said.'."""
    j = i + 1
    while j < len(tokens):
        if tokens[j].para != tokens[i].para:
            # 'Alex stood in the doorway, soaked.' / '"Sorry I'm late," he said.': the last
            # sentence of its paragraph, and the next opens on a line no other name tags
            if tokens[j].para != tokens[i].para + 1 or tokens[j - 1].sent != tokens[i].sent:
                return False
            if any(t.text[:1].isupper() for t in tokens[i + 1 : j]):
                return False  # "Neither does Peeta.": someone else named is the one acting
            break
        if tokens[j].quote >= 0:
            break
        if tokens[j].sent - tokens[i].sent > 1:
            return False
        j += 1
    if j == len(tokens) or tokens[j].quote < 0:
        return False
    para = tokens[j].para
    quote = tokens[j].quote
    while j < len(tokens) and tokens[j].quote == quote:
        j += 1
    after = tokens[j : j + 3]
    if para != tokens[i].para:
        return all(
            t.lower not in speech or (k > 0 and after[k - 1].lower in PRONOUN_TAGS)
            for k, t in enumerate(after)
            if t.para == para
        )
    return not any(t.lower in speech and t.para == para for t in after)


def _who_follows(tokens: list[Token], last: int) -> bool:
    """Whether ", who" follows token ``last``: "at Jaskier, who was grinning"."""
    return (
        last + 2 < len(tokens) and tokens[last + 1].text == "," and tokens[last + 2].lower == "who"
    )


def person_evidence(
    dis: Discourse, mentions: list[NameMention], speech: frozenset[str], cap_mid: Counter[str]
) -> dict[str, float]:
    """A score per name word: positive when the story treats it as a person, negative as a place."""
    tokens = dis.tokens
    score: dict[str, float] = defaultdict(float)
    tagged = Counter(
        tokens[i].lower.endswith("s") for i in dis.positions(speech) if tokens[i].quote < 0
    )
    irregular = word_list("irregular_past")  # "was", "has", "does": verbs, though in "-s"
    present = tagged[True] > tagged[False]  # "she says": "Tanaka drops" is a person acting
    for m in mentions:
        weight = 0.0
        if m.title or m.honorific:
            weight += 2
        if m.vocative and all(cap_mid[p] for p in m.parts) and not _place_pair(tokens, m):
            weight += 1.5  # not "Well," or "Right,": a word the story capitalises mid-sentence
            # or one that is no common English word ("Malfoy,")
        after = tokens[m.last_token + 1] if m.last_token + 1 < len(tokens) else None
        after2 = tokens[m.last_token + 2] if m.last_token + 2 < len(tokens) else None
        before = tokens[m.first_token - 1] if m.first_token > 0 else None
        raw_last = tokens[m.last_token].text
        if (
            _POSSESSIVE.match(raw_last)
            and raw_last[-1] in "s'’"
            and ("'" in raw_last or "’" in raw_last)
        ):
            weight += 0.75
        if (
            after is not None
            and after.text == ":"
            and after2 is not None
            and after2.quote >= 0
            and after2.para == after.para
            and (m.first_token == 0 or tokens[m.first_token - 1].para != after.para)
        ):
            weight += 2  # a script's speaker label opening the paragraph: 'Tomas: "Traitor."'
        if after is not None and after.para == tokens[m.last_token].para:
            if after.lower in speech or (
                after2 is not None and after.lower.endswith("ly") and after2.lower in speech
            ):
                weight += 2
            elif is_verb_like(after.lower) and (
                present
                or not after.lower.endswith("s")
                or (
                    after.lower in irregular
                    and m.first_token == m.last_token
                    and _opens_clause(tokens, m.first_token)
                )
            ):
                weight += 0.75  # "Bruce came in", "Draco doesn't look up" (not "-s", "Konoha
                # streets", unless the story is told in the present; but "Upstairs, Rebecca
                # was", not "the Citadel's Zakera Ward was")
                if tokens[m.first_token].sent_start and _speaks_next(tokens, m.last_token, speech):
                    weight += 0.5  # 'Sam walks in. "Nope."': acting, then speaking
        if before is not None and before.lower in speech:
            weight += 1.5
        said_to = (
            before is not None
            and before.lower == "to"
            and m.first_token >= 2
            and tokens[m.first_token - 2].lower in speech
        )
        looked_at = (
            before is not None
            and before.lower == "at"
            and m.first_token >= 2
            and tokens[m.first_token - 2].lower in _LOOKING
        )
        if said_to:
            weight += 1.5  # "Jake whispers to Charles": someone spoken to
        elif looked_at:
            weight += 0.5  # "He looked at Jaskier": someone looked at, no place
        elif (
            before is not None
            and before.lower in _PLACE_PREPS
            and not m.title
            and not _who_follows(tokens, m.last_token)
        ):
            weight -= 1.0  # not "then at Jaskier, who was grinning": a person
        if before is not None and before.lower in ("the", "a", "an") and not m.title:
            weight -= 1.0  # "the Falcon", "a Norfolk suit": a thing, or a name used as one
        if not m.title and (
            (before is not None and before.text in _PLACE_STARTS)
            or (len(m.parts) > 1 and m.parts[0] in _PLACE_STARTS)
        ):
            weight -= 1.5  # "New York", also as one name: "New York was a metropolis"
        if _plural_of_people(m, tokens):
            weight -= 2.0
        for part in m.parts:
            score[part] += weight
    # Names joined by "and" are the same kind of thing: "Ino and Naruto were watching". Not a
    # word the story mostly uses as a place ("talk of Lyme and Louisa"), and only from the
    # words' own evidence, so that one such pair does not pass a person's score down a chain.
    own = dict(score)
    uses = Counter(p for m in mentions for p in m.parts)
    for a, b in zip(mentions, mentions[1:], strict=False):
        if b.first_token == a.last_token + 2 and tokens[a.last_token + 1].lower in ("and", "or"):
            shared = max(own.get(a.parts[-1], 0.0), own.get(b.parts[-1], 0.0), 0.0)
            for part in (*a.parts, *b.parts):
                if uses[part] < 3 or own.get(part, 0.0) >= -0.6 * uses[part]:
                    score[part] = max(score[part], shared)  # not a word mostly "at Lyme"
    return score
