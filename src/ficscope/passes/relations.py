"""Relationships: which characters matter to each other, and how.

For every sentence the pass knows who is present: characters mentioned in it (names,
descriptions and pronouns, from the characters and coreference passes) and the speaker and
addressee of every quotation in it. Cue words in the sentence (kisses, "lover", family words,
teacher and student, master and summon, enemies, friends) count for every pair present; a cue
inside a quotation counts for its speaker and addressee ("I love you." said to Kakashi). Pairs who
share many paragraphs or talk to each other a lot interact strongly.

A pair is romantic ("A/B") when its love cues are many for how much it interacts, and outweigh
its family cues; otherwise it is platonic ("A & B") when it interacts enough and has a kind.
The main pairing comes first: romantic pairs by love, then platonic pairs by interaction.
Without the characters layer there are no relationships; without mentions, names are found by
their surface forms.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import combinations

from ficscope.model import Character, Evidence, Mention, Quote, Relationship, Work
from ficscope.passes.tags_text import (
    Cue,
    CueSet,
    Sentence,
    in_a_line,
    sentence_index,
    story_blocks,
    story_sentences,
)
from ficscope.pipeline import register

KINDS: dict[str, CueSet] = {
    "love": CueSet(
        "relation:love",
        {
            "kiss*": 1.0,
            "first kiss": 1.5,
            "lover/lovers": 1.2,
            "i love you too?": 2.5,
            "i like you too?": 1.0,
            "fell/falling/fall/in love": 1.2,
            "made/making/make love": 2.0,
            "had/have/having sex": 1.5,
            "slept/sleeping together": 1.5,
            "sleep/slept with": 1.0,
            "made/making/make out": 1.2,
            "affair/affairs/fling": 1.0,
            "romance/romantic/romantically": 0.7,
            "caress*": 0.8,
            "cuddl*/snuggl*/nuzzl*": 0.7,
            "boyfriend*/girlfriend*/husband*/wife/wives/fiance/fiancee/fiancé/fiancée/spouse*/"
            "married/marry/"
            "wedding*/engaged": 1.0,
            "dating/dated": 0.6,
            "on/a date": 0.6,
            "crush": 0.6,
            "darling/sweetheart/honey/babe": 0.5,
            "seduc*": 0.7,
            "intimate/intimately/intimacy": 0.7,
            "love mark/marks": 1.2,
            "lovemark*/hickey*": 1.2,
            "blush*": 0.3,
            "held/holding/hold hands": 0.6,
            "embrace/embraced/embraces/embracing": 0.4,
            "heated eyes/gaze/look": 0.4,
            "desire/desired/desires": 0.4,
            "our/their relationship": 0.8,
        },
    ),
    "family": CueSet(
        "relation:family",
        {
            "brother/brothers/sister/sisters/sibling*/mother/mothers/father/fathers/mom/mum/dad/"
            "son/sons/"
            "daughter*/cousin*/uncle*/aunt/aunts/auntie/niece*/nephew*/grandma/grandpa/"
            "grandmother*/"
            "grandfather*/grandson*/granddaughter*/parent/parents/twin/twins/mommy/daddy/papa/"
            "mama": 1.0,
        },
    ),
    "teach": CueSet(
        "relation:teach",
        {
            "teacher*/sensei/student*/pupil*/apprentice*/mentor*/mentee*/lesson*/taught/teach/"
            "teaches/"
            "teaching/trained/training/trainer": 1.0,
            "former/genin team": 1.0,
            "squad leader": 1.0,
        },
    ),
    "serve": CueSet(
        "relation:serve",
        {
            "master/masters/servant*/boss/summon*/familiar/bodyguard*/guard/guarded/guarding/"
            "guards/loyal/"
            "loyalty/obey/obeyed": 1.0,
            "my/your/his/her/their orders": 1.0,
        },
    ),
    "friend": CueSet(
        "relation:friend",
        {
            "friend/friends/friendship/teammate*/comrade*/partner/partners/buddy/pal/allies/"
            "ally": 1.0,
            "best friend": 1.0,
        },
    ),
    "fight": CueSet(
        "relation:fight",
        {
            "enemy/enemies/rival/rivals/rivalry/fought/fight/fighting/fights/attack/attacked/"
            "attacking/attacks/"
            "punch/punched/punches/hate/hated/hates/hatred/betray*/kill/killed/killing/glare/"
            "glared": 1.0,
        },
    ),
}

MIN_LOVE = (
    2.0  # love needed for a romantic pair, plus LOVE_PER_INTERACTION for each shared paragraph
)
LOVE_PER_INTERACTION = 0.03
MIN_INTERACTION = 3.0  # for a platonic pair to count
MIN_KIND = 1.0
MAX_PLATONIC = 6
MIN_DIALOGUE = 4  # lines a pair says to each other to count without any cue


@dataclass
class _Pair:
    a: str
    b: str
    paragraphs: set[int] = field(default_factory=set)
    dialogue: int = 0
    scores: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    cues: dict[str, list[tuple[float, int, int, str]]] = field(
        default_factory=lambda: defaultdict(list)
    )

    @property
    def interaction(self) -> float:
        return len(self.paragraphs) + 0.5 * self.dialogue


@register("relationships", requires=("characters", "speakers"), assigns=("relationships",))
def relationships_pass(work: Work) -> Work:
    """Pairs of characters and how they relate: romantic ("A/B") or platonic ("A & B")."""
    return work.with_layers("relationships", relationships=tuple(find_relationships(work)))


def _name_mentions(work: Work) -> list[Mention]:
    """Mentions by surface form, for works whose characters came without a mentions layer."""
    forms: dict[str, str] = {}
    for character in work.characters:
        for name in (character.name, *character.aliases):
            if name[:1].isupper():
                forms.setdefault(name, character.id)
    if not forms:
        return []
    regex = re.compile(
        r"\b(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + r")\b"
    )
    found = []
    for start, end in story_blocks(work):
        for match in regex.finditer(work.text, start, end):
            found.append(Mention(match.start(), match.end(), forms[match.group()], "name"))
    return found


def _narrated(work: Work, mentions: Sequence[Mention]) -> list[Mention]:
    """The mentions that show who is there: those of a character, but a pronoun inside a line
    ("How old would Harvey be if he still lived?" speaks of someone absent; the line's "I" and
    "you" are its speaker and addressee, counted from the quotation)."""
    inside = in_a_line(work)
    return [m for m in mentions if m.character and not (m.kind == "pronoun" and inside(m.start))]


def _present(
    sents: Sequence[Sentence], mentions: Sequence[Mention], quotes: Sequence[Quote], known: set[str]
) -> list[set[str]]:
    """The characters present in each sentence."""
    present: list[set[str]] = [set() for _ in sents]
    starts = [s.start for s in sents]

    def index(offset: int) -> int:
        lo, hi = 0, len(starts)
        while lo < hi:
            mid = (lo + hi) // 2
            if starts[mid] <= offset:
                lo = mid + 1
            else:
                hi = mid
        return lo - 1

    for mention in mentions:
        i = index(mention.start)
        if i >= 0 and mention.character in known and mention.start < sents[i].end:
            present[i].add(mention.character)
    for quote in quotes:
        first, last = index(quote.start), index(max(quote.start, quote.end - 1))
        for i in range(max(first, 0), last + 1):
            for who in (quote.speaker, quote.addressee):
                if who in known:
                    present[i].add(who)
    return present


def find_relationships(work: Work) -> list[Relationship]:
    # Named characters only: "the tracker" has no place in a relationship tag.
    characters = {c.id: c for c in work.characters if c.name[:1].isupper()}
    if len(characters) < 2:
        return []
    text = work.text
    sents = story_sentences(work)
    mentions = _narrated(work, list(work.mentions) or _name_mentions(work))
    present = _present(sents, mentions, work.quotes, set(characters))
    pairs: dict[tuple[str, str], _Pair] = {}

    def pair(a: str, b: str) -> _Pair:
        key = (a, b) if a < b else (b, a)
        if key not in pairs:
            pairs[key] = _Pair(*key)
        return pairs[key]

    by_paragraph: dict[int, set[str]] = defaultdict(set)
    for sent, who in zip(sents, present, strict=True):
        by_paragraph[sent.paragraph].update(who)
    for paragraph, who in by_paragraph.items():
        for a, b in combinations(sorted(who), 2):
            pair(a, b).paragraphs.add(paragraph)
    for quote in work.quotes:
        if (
            quote.speaker in characters
            and quote.addressee in characters
            and quote.speaker != quote.addressee
        ):
            pair(quote.speaker, quote.addressee).dialogue += 1

    where = sentence_index(sents)
    top_quotes = [q for q in work.quotes if q.depth == 0]
    quote_starts = [q.start for q in top_quotes]
    for kind, cueset in KINDS.items():
        for cue in cueset.in_story(work):
            i = where(cue.start)
            if i < 0:
                continue
            speaker_pair = _quote_pair(top_quotes, quote_starts, cue, characters)
            if speaker_pair is not None:
                _credit(pair(*speaker_pair), kind, cue, 1.0, sents[i], text)
                continue
            who = present[i]
            if len(who) == 1:
                # "He kissed him": one character resolved; the other is likely the one last
                # seen beside them in the sentences before. Half the weight.
                other = _recent_other(present, i, next(iter(who)))
                if other is not None:
                    _credit(pair(next(iter(who)), other), kind, cue, 0.5, sents[i], text)
                continue
            if len(who) < 2:
                continue
            share = 1.0 / (len(who) * (len(who) - 1) / 2)
            for a, b in combinations(sorted(who), 2):
                _credit(pair(a, b), kind, cue, share, sents[i], text)
    return _decide(pairs, characters)


def _recent_other(present: Sequence[set[str]], i: int, who: str, reach: int = 3) -> str | None:
    """The one other character present in the ``reach`` sentences before sentence ``i``."""
    others: set[str] = set()
    for j in range(max(0, i - reach), i):
        others |= present[j] - {who}
    return next(iter(others)) if len(others) == 1 else None


def _quote_pair(
    quotes: Sequence[Quote], starts: Sequence[int], cue: Cue, characters: dict[str, Character]
) -> tuple[str, str] | None:
    """Speaker and addressee of the quotation a cue stands in, if both are known."""
    i = bisect_right(starts, cue.start) - 1
    if i < 0 or cue.end > quotes[i].end:
        return None
    speaker, addressee = quotes[i].speaker, quotes[i].addressee
    if speaker in characters and addressee in characters and speaker != addressee:
        assert speaker is not None and addressee is not None
        return speaker, addressee
    return None


def _credit(p: _Pair, kind: str, cue: Cue, share: float, sent: Sentence, text: str) -> None:
    weight = cue.weight * share
    p.scores[kind] += weight
    p.cues[kind].append((weight, sent.start, sent.end, text[cue.start : cue.end]))


def _decide(
    pairs: dict[tuple[str, str], _Pair], characters: dict[str, Character]
) -> list[Relationship]:
    romantic: list[tuple[float, Relationship]] = []
    platonic: list[tuple[float, Relationship]] = []
    for p in pairs.values():
        love, family = p.scores.get("love", 0.0), p.scores.get("family", 0.0)
        kinds = sorted(
            (k for k, v in p.scores.items() if v >= MIN_KIND), key=lambda k: -p.scores[k]
        )
        a, b = _ordered(p.a, p.b, characters)
        names = (characters[a].name, characters[b].name)
        if love >= MIN_LOVE + LOVE_PER_INTERACTION * len(p.paragraphs) and love > 1.5 * family:
            confidence = round(min(0.95, 1 - math.exp(-love / 4)), 2)
            kinds = ["love", *[k for k in kinds if k != "love"]]
            romantic.append(
                (
                    love,
                    Relationship(
                        a,
                        b,
                        f"{names[0]}/{names[1]}",
                        True,
                        tuple(kinds),
                        confidence,
                        _evidence(p, "love"),
                    ),
                )
            )
        elif p.interaction >= MIN_INTERACTION and (kinds or p.dialogue >= MIN_DIALOGUE):
            kinds = [k for k in kinds if k != "love"] or kinds
            strength = p.scores[kinds[0]] if kinds else 0.0
            confidence = round(min(0.9, 0.3 + 0.05 * p.interaction + 0.05 * strength), 2)
            platonic.append(
                (
                    p.interaction,
                    Relationship(
                        a,
                        b,
                        f"{names[0]} & {names[1]}",
                        False,
                        tuple(kinds),
                        confidence,
                        _evidence(p, kinds[0]) if kinds else (),
                    ),
                )
            )
    romantic.sort(key=lambda t: -t[0])
    platonic.sort(key=lambda t: -t[0])
    return [r for _, r in romantic] + [r for _, r in platonic[:MAX_PLATONIC]]


def _ordered(a: str, b: str, characters: dict[str, Character]) -> tuple[str, str]:
    """The more prominent character first."""

    def weight(c: Character) -> int:
        return c.mention_count + c.quote_count

    return (a, b) if weight(characters[a]) >= weight(characters[b]) else (b, a)


def _evidence(p: _Pair, kind: str, limit: int = 3) -> tuple[Evidence, ...]:
    best = sorted(p.cues.get(kind, []), key=lambda c: (-c[0], c[1]))
    found: list[Evidence] = []
    for _, start, end, label in best:
        if any(e.start == start for e in found):
            continue
        found.append(Evidence(start, end, f"{kind}: '{label}'"))
        if len(found) == limit:
            break
    return tuple(sorted(found, key=lambda e: e.start))
