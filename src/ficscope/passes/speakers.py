"""Who says each line of dialogue, and to whom.

Cues, strongest first (each gives the confidence stored on the quote):
1. a speech tag right after the quotation: '"...," Kakashi yelled', '"...," she whispered',
   '"...," said the old man', '"...," the copy-nin yelled from the roof';
2. a tag introducing it: 'Sakura clicked her tongue and accused, "Masochist."';
3. another tagged quotation in the same paragraph (one speaker a paragraph);
4. speech continued from the paragraph before;
5. an action beat: the subject of the paragraph's narration ('Sakura bit her lip. "..."');
6. turn-taking: in a two-person exchange untagged lines alternate;
vocatives ("Thanks, Sakura.") name the addressee and rule that character out as the speaker.
Pronouns and descriptions in tags are resolved by the coreference pass. A description that names
no known character ("the tracker") becomes an unnamed character of its own.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from ficscope.lexicon import word_list
from ficscope.model import Character, Quote, Work
from ficscope.passes.discourse import Discourse, discourse
from ficscope.passes.names import VOCATIVE_AFTER, VOCATIVE_BEFORE
from ficscope.pipeline import register

_OBJECT_FORMS = frozenset({"him", "them", "himself", "herself", "themselves"})
_POSSESSIVES = frozenset({"his", "her", "their", "its", "hers", "theirs"})
_AUXILIARIES = frozenset(
    "was were had has did does could would should might must can will is are wasn't weren't "
    "hadn't didn't couldn't wouldn't shouldn't can't won't isn't aren't just still then also "
    "only never always finally slowly quickly suddenly simply".split()
)


def _verb_like(word: str, speech: frozenset[str]) -> bool:
    return word in speech or word in _AUXILIARIES or word.endswith(("ed", "ew", "ought")) or (
        word.endswith("s") and not word.endswith("ss") and len(word) > 3
    )


_MAX_STATES = 6  # candidate speakers kept per conversation
_STAY_PENALTY = 1.2
_PRIOR_WEIGHT = 2.0  # cost of the same speaker in consecutive paragraphs
_TAG_REACH = 4  # tokens after a quotation in which its tag's subject or verb may stand
_CONVERSATION_GAP = 3  # narration-only paragraphs that end a conversation

CONF_TAG_NAME = 0.95
CONF_TAG_REF = 0.9
CONF_INTRO = 0.9
CONF_PARAGRAPH = 0.85
CONF_CONTINUED = 0.9
CONF_BEAT = 0.75
CONF_TURN = 0.65


@dataclass(slots=True)
class Ref:
    first: int
    last: int
    character: str | None
    kind: str
    text: str


@dataclass(slots=True)
class Attribution:
    speaker: str | None
    confidence: float
    cue: str


def _refs_by_token(work: Work, dis: Discourse) -> dict[int, Ref]:
    refs: dict[int, Ref] = {}
    for m in work.mentions:
        first = dis.token_at(m.start)
        last = dis.token_at(m.end) - 1
        if first <= last < len(dis.tokens):
            refs[first] = Ref(first, last, m.character, m.kind, work.text[m.start : m.end])
    return refs


class SpeakerFinder:
    def __init__(self, work: Work) -> None:
        self.work = work
        self.dis = discourse(work)
        self.tokens = self.dis.tokens
        self.refs = _refs_by_token(work, self.dis)
        self.speech = word_list("speech_verbs")
        self.unnamed: dict[str, Character] = {}
        self.names = {c.id: c for c in work.characters}

    # -- locating quotations in tokens -------------------------------------------------
    def span_tokens(self, q: Quote) -> tuple[int, int]:
        return self.dis.token_at(q.start), self.dis.token_at(q.end)

    def character_of(self, ref: Ref) -> str | None:
        if ref.character:
            return ref.character
        if ref.kind == "epithet":
            return self._unnamed(ref.text)
        return None

    def _unnamed(self, text: str) -> str:
        name = re.sub(r"^(?:The|That|This)\b", lambda m: m.group().lower(), text.strip())
        key = name.lower()
        if key not in self.unnamed:
            cid = "unnamed-" + re.sub(r"[^a-z0-9]+", "-", key.removeprefix("the ").removeprefix("that ")).strip("-")
            self.unnamed[key] = Character(id=cid, name=name, aliases=(name,))
        return self.unnamed[key].id

    # -- cues ------------------------------------------------------------------------------
    def tag_after(self, end_tok: int, para_end: int) -> tuple[Ref | None, bool]:
        """The subject of a tag right after a quotation; True when a speech verb confirms it."""
        tokens = self.tokens
        i = end_tok
        limit = min(para_end, end_tok + _TAG_REACH + 3)
        verb_at = None
        while i < limit and tokens[i].quote < 0:
            word = tokens[i].lower
            ref = self.refs.get(i)
            if ref is not None:
                # '"...," Kakashi said' / '"...," said Kakashi' / '"...," the copy-nin yelled'
                after = ref.last + 1
                while after < para_end and tokens[after].lower.endswith("ly") and tokens[after].quote < 0:
                    after += 1
                confirmed = verb_at is not None or (after < para_end and tokens[after].lower in self.speech)
                return ref, confirmed
            if word in self.speech:
                verb_at = i
            elif not (word.endswith("ly") or word in {",", "then", "finally", "quietly"}) and verb_at is None:
                if i > end_tok:
                    break
            i += 1
        return None, False

    def tag_before(self, start_tok: int, para_start: int) -> tuple[Ref | None, bool]:
        """The subject of the sentence that introduces a quotation ('She said, "..."');
        True when that sentence runs straight into the quotation (ends with , or :)."""
        tokens = self.tokens
        j = start_tok - 1
        if j < para_start or tokens[j].quote >= 0:
            return None, False
        intro = tokens[j].text in {",", ":", "—", "-", "–"} or tokens[j].lower in self.speech
        sent = tokens[j].sent
        k = j
        while k - 1 >= para_start and tokens[k - 1].sent == sent and tokens[k - 1].quote < 0:
            k -= 1
        for i in range(k, j + 1):
            ref = self.refs.get(i)
            if ref is not None:
                return ref, intro
        return None, intro

    def beat(self, para: int) -> tuple[Ref | None, bool]:
        """The character acting in the paragraph's narration, and whether that narration comes
        before its first quotation ('Sakura bit her lip. "..."') rather than after it.

        Before the quotation, the actor is the last subject-like reference of the sentence
        leading into it ("He knew she rolled her eyes." -> she); after it, the first one.
        """
        p = self.dis.paragraphs[para]
        tokens = self.tokens
        first_quote = next((i for i in range(p.first_token, p.last_token) if tokens[i].quote >= 0), p.last_token)
        if first_quote > p.first_token:
            sent = tokens[first_quote - 1].sent
            lead = [i for i in range(p.first_token, first_quote) if tokens[i].sent == sent]
            chosen = self._actor(lead, last=True) or self._actor(range(p.first_token, first_quote), last=True)
            if chosen is not None:
                return chosen, True
        after = [i for i in range(first_quote, p.last_token) if tokens[i].quote < 0]
        if after:
            sent = tokens[after[0]].sent
            chosen = self._actor([i for i in after if tokens[i].sent == sent], last=False) or self._actor(after, last=False)
            if chosen is not None:
                return chosen, False
        return None, False

    def _actor(self, indices: object, *, last: bool) -> Ref | None:
        """A subject-like reference among token ``indices``: one followed by a verb, or opening
        its sentence; falls back to any resolved reference."""
        tokens = self.tokens
        subjects: list[Ref] = []
        others: list[Ref] = []
        for i in indices:  # type: ignore[attr-defined]
            ref = self.refs.get(i)
            if ref is None or (ref.kind == "pronoun" and ref.character is None) or ref.kind == "pronoun" and tokens[i].lower in _OBJECT_FORMS:
                continue
            nxt = ref.last + 1
            while nxt < len(tokens) and tokens[nxt].lower.endswith("ly") and tokens[nxt].quote < 0:
                nxt += 1
            verb = nxt < len(tokens) and _verb_like(tokens[nxt].lower, self.speech)
            opening = i == 0 or tokens[i - 1].sent != tokens[i].sent or tokens[i - 1].quote >= 0
            possessive = ref.text.endswith(("'s", "’s")) or tokens[i].lower in _POSSESSIVES
            (subjects if (verb or opening) and not possessive else others).append(ref)
        pool = subjects or others
        if not pool:
            return None
        return pool[-1] if last else pool[0]

    def vocatives(self, q: Quote) -> list[str]:
        """Characters addressed by name inside the quotation."""
        found = []
        a, b = self.span_tokens(q)
        tokens = self.tokens
        for i in range(a, b):
            ref = self.refs.get(i)
            if ref is None or ref.kind != "name" or not ref.character:
                continue
            before = tokens[i - 1].lower if i > a else '"'
            after = tokens[ref.last + 1].text if ref.last + 1 < b else '"'
            if (before in VOCATIVE_BEFORE or tokens[i].sent_start) and after in VOCATIVE_AFTER:
                found.append(ref.character)
        return found

    # -- per-quotation cues -----------------------------------------------------------------
    def explicit(self, qi: int, para_first: int, para_last: int) -> Attribution | None:
        """A tag after the quotation or a sentence introducing it."""
        q = self.dis.quotes[qi]
        a, b = self.span_tokens(q)
        ref, confirmed = self.tag_after(b, para_last)
        if ref is not None and (confirmed or _ends_open(self.dis.text, q)):
            cid = self.character_of(ref)
            if cid:
                conf = CONF_TAG_NAME if ref.kind == "name" else CONF_TAG_REF
                return Attribution(cid, conf if confirmed else conf - 0.1, "tag")
        ref, intro = self.tag_before(a, para_first)
        if ref is not None and intro:
            cid = self.character_of(ref)
            if cid:
                return Attribution(cid, CONF_INTRO, "intro")
        return None

    # -- the decode ----------------------------------------------------------------------------
    def units(self) -> list[list[int]]:
        """Conversations: runs of paragraphs with quotations, broken by long narration."""
        conversations: list[list[int]] = []
        current: list[int] = []
        quiet = 0
        for pi, para in enumerate(self.dis.paragraphs):
            if para.quotes:
                if quiet > _CONVERSATION_GAP and current:
                    conversations.append(current)
                    current = []
                current.append(pi)
                quiet = 0
            else:
                quiet += 1
        if current:
            conversations.append(current)
        return conversations

    def run(self) -> list[tuple[Attribution, str | None]]:
        out: list[tuple[Attribution, str | None]] = [(Attribution(None, 0.0, "none"), None)] * len(self.dis.quotes)
        for conversation in self.units():
            self._decode(conversation, out)
        return out

    def _decode(self, paras: list[int], out: list[tuple[Attribution, str | None]]) -> None:
        """Viterbi over the paragraphs of one conversation: each paragraph has one speaker;
        cues score candidates, and consecutive paragraphs prefer a change of speaker."""
        dis = self.dis
        cues: list[dict[str, float]] = []
        explicit: list[list[Attribution | None]] = []
        vocs: list[set[str]] = []
        candidates: Counter[str] = Counter()
        for pi in paras:
            para = dis.paragraphs[pi]
            found = [self.explicit(qi, para.first_token, para.last_token) for qi in para.quotes]
            explicit.append(found)
            score: Counter[str] = Counter()
            for f in found:
                if f is not None and f.speaker:
                    score[f.speaker] += 4.0 if f.confidence >= CONF_INTRO else 3.0
            ref, before = self.beat(pi)
            actor = self.character_of(ref) if ref is not None else None
            if actor:
                score[actor] += 1.5 if before else 0.8
            for i in range(para.first_token, para.last_token):
                r = self.refs.get(i)
                if r is not None and r.character and self.tokens[i].quote < 0:
                    score[r.character] += 0.2
                    candidates[r.character] += 1
            v = {c for qi in para.quotes for c in self.vocatives(dis.quotes[qi])}
            for c in v:
                score[c] -= 3.0
            vocs.append(v)
            cues.append(dict(score))
            candidates.update({c: 3 for c in score if score[c] > 0})
        states = [c for c, _ in candidates.most_common(_MAX_STATES)]
        if not states:
            return
        # Prior: the conversation's main participants are likelier speakers of untagged lines.
        top = max(candidates[c] for c in states)
        prior = {c: _PRIOR_WEIGHT * (candidates[c] / top - 1.0) for c in states}
        # Viterbi.
        stay = _STAY_PENALTY
        best: list[dict[str, float]] = []
        back: list[dict[str, str]] = []
        for k, pi in enumerate(paras):
            continued = any(dis.quotes[qi].continued for qi in dis.paragraphs[pi].quotes[:1])
            row: dict[str, float] = {}
            ptr: dict[str, str] = {}
            for c in states:
                emit = cues[k].get(c, 0.0) + prior[c]
                if k == 0:
                    row[c] = emit
                    continue
                options = []
                for prev in states:
                    t = (1.5 if continued else -stay) if prev == c else (-1.5 if continued else 0.0)
                    options.append((best[k - 1][prev] + t, prev))
                value, prev = max(options)
                row[c], ptr[c] = value + emit, prev
            best.append(row)
            back.append(ptr)
        path = [max(best[-1], key=lambda c: best[-1][c])]
        for k in range(len(paras) - 1, 0, -1):
            path.append(back[k][path[-1]])
        path.reverse()
        for k, pi in enumerate(paras):
            speaker = path[k]
            para = dis.paragraphs[pi]
            margin = cues[k].get(speaker, 0.0)
            for qi, found in zip(para.quotes, explicit[k], strict=True):
                if found is not None and found.speaker and found.speaker != speaker and found.confidence >= CONF_INTRO:
                    attribution = found  # a quotation's own tag outranks the paragraph's
                elif found is not None and found.speaker == speaker:
                    attribution = found
                elif any(f is not None and f.speaker == speaker for f in explicit[k]):
                    attribution = Attribution(speaker, CONF_PARAGRAPH, "paragraph")
                elif margin >= 1.5:
                    attribution = Attribution(speaker, CONF_BEAT, "beat")
                elif margin > 0:
                    attribution = Attribution(speaker, CONF_BEAT - 0.1, "beat")
                else:
                    attribution = Attribution(speaker, CONF_TURN, "turn")
                who = attribution.speaker
                addressee = next((v for v in vocs[k] if v != who), None)
                if addressee is None and who is not None:
                    neighbours = [path[j] for j in (k - 1, k + 1) if 0 <= j < len(path) and path[j] != who]
                    addressee = neighbours[0] if neighbours else None
                out[qi] = (attribution, addressee)


def _ends_open(text: str, q: Quote) -> bool:
    """A quotation ending in a comma (or ?/! before a lower-case word) expects a tag."""
    inner = text[q.start : q.end].rstrip("\"”'’» ")
    return inner.endswith((",", "—", "-", "–"))


@register("speakers", requires=("coref",), assigns=("speakers",))
def speakers_pass(work: Work) -> Work:
    """Give every quotation a speaker (or unknown), a confidence and an addressee."""
    finder = SpeakerFinder(work)
    results = finder.run()
    quotes = list(work.quotes)
    for (attribution, addressee), index in zip(results, finder.dis.quote_index, strict=True):
        quotes[index] = replace(
            quotes[index],
            speaker=attribution.speaker,
            addressee=addressee,
            confidence=round(attribution.confidence, 2),
        )
    characters = list(work.characters) + list(finder.unnamed.values())
    mentions = work.mentions
    named = name_the_narrator(quotes, finder, characters)
    if named is not None:
        old, narrator = named
        quotes = [_renamed(q, old.id, narrator.id) for q in quotes]
        mentions = tuple(replace(m, character=narrator.id) if m.character == old.id else m for m in mentions)
        characters = [narrator if c.id == narrator.id else c for c in characters if c.id != old.id]
    counts = Counter(q.speaker for q in quotes if q.speaker and q.depth == 0)
    known = {c.id for c in work.characters}
    characters = [
        replace(c, quote_count=counts[c.id]) for c in characters if c.id in known or counts[c.id]
    ]
    return work.with_layers(
        "speakers", quotes=tuple(quotes), characters=tuple(characters), mentions=mentions
    )


def _renamed(q: Quote, old: str, new: str) -> Quote:
    if q.speaker != old and q.addressee != old:
        return q
    return replace(
        q,
        speaker=new if q.speaker == old else q.speaker,
        addressee=new if q.addressee == old else q.addressee,
    )


def name_the_narrator(
    quotes: list[Quote], finder: SpeakerFinder, characters: list[Character]
) -> tuple[Character, Character] | None:
    """A first-person narrator is often named only by others: "My dear Watson," said Holmes.
    The name others use most for the narrator, when that name never speaks on its own, is the
    narrator's. Returns (the merged character, the renamed narrator)."""
    by_id = {c.id: c for c in characters}
    narrator = by_id.get("narrator")
    if narrator is None:
        return None
    votes: Counter[str] = Counter()
    speaking = Counter(q.speaker for q in quotes if q.speaker)
    for index, dq in zip(finder.dis.quote_index, finder.dis.quotes, strict=True):
        q = quotes[index]
        if q.speaker and q.speaker != narrator.id and q.addressee in (narrator.id, None):
            for v in finder.vocatives(dq):
                if v != q.speaker and v != narrator.id:
                    votes[v] += 1
    if not votes:
        return None
    best, n = votes.most_common(1)[0]
    if n < 2 or speaking[best] > 0 or best not in by_id:
        return None
    other = by_id[best]
    renamed = replace(
        narrator,
        name=other.name,
        aliases=tuple(dict.fromkeys((*other.aliases, *narrator.aliases))),
        pronouns=other.pronouns or narrator.pronouns,
        mention_count=narrator.mention_count + other.mention_count,
    )
    return other, renamed
