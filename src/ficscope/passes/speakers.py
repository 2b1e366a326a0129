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
from ficscope.pipeline import register

_TAG_REACH = 4  # tokens after a quotation in which its tag's subject or verb may stand
_CONVERSATION_GAP = 3  # narration-only paragraphs that end a conversation

CONF_TAG_NAME = 0.95
CONF_TAG_REF = 0.9
CONF_INTRO = 0.9
CONF_PARAGRAPH = 0.85
CONF_CONTINUED = 0.9
CONF_BEAT = 0.75
CONF_TURN = 0.65
CONF_VOCATIVE_OTHER = 0.6


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

    def beat(self, para: int) -> Ref | None:
        """The subject of the paragraph's narration: a reference opening a narration sentence,
        else the first reference in narration."""
        p = self.dis.paragraphs[para]
        first_any = None
        tokens = self.tokens
        for i in range(p.first_token, p.last_token):
            if tokens[i].quote >= 0:
                continue
            ref = self.refs.get(i)
            if ref is None:
                continue
            if ref.kind == "pronoun" and ref.character is None:
                continue
            s = tokens[i].sent
            opening = i == p.first_token or tokens[i - 1].sent != s or tokens[i - 1].quote >= 0
            if opening:
                return ref
            if first_any is None:
                first_any = ref
        return first_any

    def vocatives(self, q: Quote) -> list[str]:
        """Characters addressed by name inside the quotation."""
        found = []
        a, b = self.span_tokens(q)
        tokens = self.tokens
        for i in range(a, b):
            ref = self.refs.get(i)
            if ref is None or ref.kind != "name" or not ref.character:
                continue
            before = tokens[i - 1].text if i > a else '"'
            after = tokens[ref.last + 1].text if ref.last + 1 < b else '"'
            if (before in {",", '"', "“", "'", "‘", "!", "?", ".", "…", "..."} or tokens[i].sent_start) and after in {
                ",", ".", "!", "?", "…", "...", '"', "”", "—", "-",
            }:
                found.append(ref.character)
        return found

    # -- the walk ----------------------------------------------------------------------------
    def run(self) -> list[tuple[Attribution, str | None]]:
        dis = self.dis
        out: list[tuple[Attribution, str | None]] = [(Attribution(None, 0.0, "none"), None)] * len(dis.quotes)
        recent: list[str] = []  # speakers of the conversation, most recent last
        quiet = 0
        previous: str | None = None
        for pi, para in enumerate(dis.paragraphs):
            if not para.quotes:
                quiet += 1
                if quiet > _CONVERSATION_GAP:
                    recent, previous = [], None
                continue
            quiet = 0
            attributions = self._paragraph(pi, para.quotes, recent, previous)
            for qi, attribution in zip(para.quotes, attributions, strict=True):
                vocs = self.vocatives(dis.quotes[qi])
                speaker = attribution.speaker
                if speaker is not None and speaker in vocs and attribution.confidence < CONF_INTRO:
                    other = self._other(recent, speaker)
                    if other is not None:
                        attribution = Attribution(other, CONF_VOCATIVE_OTHER, "vocative")
                        speaker = other
                addressee = next((v for v in vocs if v != speaker), None)
                if addressee is None and speaker is not None:
                    addressee = self._other(recent, speaker)
                out[qi] = (attribution, addressee)
                if speaker is not None:
                    if recent and recent[-1] == speaker:
                        pass
                    else:
                        if speaker in recent:
                            recent.remove(speaker)
                        recent.append(speaker)
                    previous = speaker
        return out

    @staticmethod
    def _other(recent: list[str], speaker: str) -> str | None:
        others = [s for s in reversed(recent) if s != speaker]
        return others[0] if others else None

    def _paragraph(self, pi: int, quotes: list[int], recent: list[str], previous: str | None) -> list[Attribution]:
        dis = self.dis
        para = dis.paragraphs[pi]
        found: list[Attribution | None] = []
        for qi in quotes:
            q = dis.quotes[qi]
            a, b = self.span_tokens(q)
            ref, confirmed = self.tag_after(b, para.last_token)
            attribution = None
            if ref is not None and (confirmed or q.end <= len(dis.text) and _ends_open(dis.text, q)):
                cid = self.character_of(ref)
                if cid:
                    conf = CONF_TAG_NAME if ref.kind == "name" else CONF_TAG_REF
                    attribution = Attribution(cid, conf if confirmed else conf - 0.1, "tag")
            if attribution is None:
                ref, intro = self.tag_before(a, para.first_token)
                if ref is not None and intro:
                    cid = self.character_of(ref)
                    if cid:
                        attribution = Attribution(cid, CONF_INTRO, "intro")
            if attribution is None and q.continued and previous is not None:
                attribution = Attribution(previous, CONF_CONTINUED, "continued")
            found.append(attribution)
        tagged = [f for f in found if f is not None]
        fallback: Attribution | None = None
        if tagged:
            fallback = Attribution(tagged[0].speaker, CONF_PARAGRAPH, "paragraph")
        else:
            ref = self.beat(pi)
            cid = self.character_of(ref) if ref is not None else None
            if cid:
                fallback = Attribution(cid, CONF_BEAT, "beat")
            elif len(recent) >= 2 and previous is not None:
                fallback = Attribution(self._other(recent, previous), CONF_TURN, "turn")
            elif len(recent) == 1 and previous is not None and not self._vocative_names(quotes, previous):
                fallback = None
        return [f or fallback or Attribution(None, 0.0, "none") for f in found]

    def _vocative_names(self, quotes: list[int], who: str) -> bool:
        return any(who in self.vocatives(self.dis.quotes[q]) for q in quotes)


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
    counts = Counter(q.speaker for q in quotes if q.speaker and q.depth == 0)
    characters = [replace(c, quote_count=counts[c.id]) for c in work.characters]
    characters += [replace(c, quote_count=counts[c.id]) for c in finder.unnamed.values() if counts[c.id]]
    return work.with_layers("speakers", quotes=tuple(quotes), characters=tuple(characters))
