"""``_Voices``: voices and their owners ('"..." Her ghostly whisper'), someone arriving or
seen after a line, the speech that closes a paragraph, a speaker before a colon."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from ficscope.lexicon import word_list
from ficscope.model import NARRATOR
from ficscope.passes.coref.newcomers import comes_in_at
from ficscope.passes.discourse import Paragraph, Token
from ficscope.passes.speaker_cues.calls import _Calls
from ficscope.passes.speaker_cues.records import Subject, Turn
from ficscope.passes.speaker_cues.words import (
    _ACTION_VERBS,
    _ARRIVING,
    _AUXILIARIES,
    _CLAUSE_OPENERS,
    _CLAUSE_SUBJECTS,
    _DETERMINERS,
    _HEARD_FIRST,
    _OBJECT_GENDER,
    _OPENS_A_SUBJECT,
    _PERCEPTION,
    _PREPOSITIONS,
    _REPORTED,
    _SAID_WHOLE,
    _SPOKE,
    _TELLING,
    _TOLD_PRONOUNS,
    _VOICE_NOUNS,
    _VOICE_VERBS,
)

_RUN_HEARD = 4  # at most so many lines heard before their speakers are shown
_RUN_LOOKBACK = 8  # paragraphs before the lines in which a newcomer is not yet named


class _Voices(_Calls):
    """Voices and their owners, newcomers, the speech closing a paragraph."""

    def _voices_owned(self, turns: list[Turn], met: Mapping[str, int]) -> None:
        """A voice nobody owns yet, and the narration right after shows whose it is. The
        sentence after a voice's tag, in its paragraph: '"Morning," said a dry voice from the
        door. Tsukishima was leaning on the frame.' (not one who answers it in the next turn:
        '"Ready?" said a dry voice. Mira looked up.' / '"Almost," Mira said.'). Else, when the
        voice's turn names nobody else, the narration paragraph after it: '"...," said a voice
        from the door.' / 'Everyone turned. Spike leaned in the doorway.', or '"..."' / 'The
        voice comes down the hall before its owner does. Effie sweeps in.': the line is the
        first person that paragraph names or describes (not a pronoun, not the narrator) in its
        second or third sentence (the first is the hearers' or the voice's own: '"Wake up
        there," said a rough voice.' / 'Ragged Dick opened his eyes'). Not when coreference
        already made the voice someone the turn names ('cried a terrible voice, as a man
        started up'). ``met``: ``first_met()``."""
        dis = self.dis
        for n, turn in enumerate(turns):
            cue = next((c for c in turn.quotes if c.tag and self._unowned_voice(c.tag.token)), None)
            heard = next(
                (c for c in turn.quotes if c.intro and self._unowned_voice(c.intro.token)), None
            )
            if cue is None and heard is not None and heard.tag is None and heard.intro is not None:
                cue, heard.tag = heard, heard.intro  # 'a voice right behind her said "..."'
            voice = cue.tag.character if cue is not None and cue.tag is not None else None
            if cue is not None and cue.tag is not None:
                owner = self._next_sentence_person(cue.tag.token, dis.paragraphs[turn.para])
                answer = turns[n + 1] if n + 1 < len(turns) else None
                answers = {
                    s.character
                    for c in (answer.quotes if answer is not None and answer.gap == 0 else [])
                    for s in (c.tag, c.intro)
                    if s is not None
                }
                if owner is not None and owner.character not in (voice, *answers):
                    self._owns(voice, owner)
                    cue.tag = replace(owner, verb=cue.tag.verb)
                    continue
            after = self._narration_after(turn)
            if after is None:
                continue
            if cue is None and all(c.tag is None and c.intro is None for c in turn.quotes):
                if self._unowned_voice(after.first_token):  # '"..."' / 'The voice comes ...'
                    cue = turn.quotes[-1]
                elif (
                    turn.para > 0
                    and not self.dis.paragraphs[turn.para - 1].quotes
                    and self._newcomer_seen(after, met)
                ):
                    cue = turn.quotes[-1]  # '"..."' / 'He turned. Harry was leaning ...'
            hearers = set(turn.mentioned) - {voice}
            arrives = self._arrives(after)
            if cue is None or turn.mentioned[voice or ""] > 1 or hearers and cue is not heard:
                continue  # 'a voice right behind her said "..."': she hears it
            if cue is heard and not arrives:
                continue  # "the pale face of a young woman was raised; and a faint voice said"
            start = after.first_token if arrives else self._first_sentence_end(after)
            owner = self._first_person(start, after.last_token)
            if owner is not None and owner.character not in hearers:
                self._owns(voice, owner)
                cue.tag = replace(owner, verb=cue.tag.verb if cue.tag is not None else "")

    def _head_in(self, turns: list[Turn]) -> None:
        """Someone described, not named, who only puts their head in at a door or leans in
        through it in the last sentence of the narration before an untagged line ('The door
        banged open, and the young woman with the clipboard put her head around it.' / '"Sorry,
        so sorry, but Room Four is booked from eleven."'), or in the sentence the line's own
        paragraph opens on ('Her assistant leaned in through the glass door. "..."'): the line
        is the one at the door's (unconfirmed), not the named one the scene was about. The one
        at the door is the last reference before the words not governed by a preposition ("the
        young woman with the clipboard", "one of the little maids"); a name or a pronoun there
        is left to the other rules (they already weigh one who acts last)."""
        dis, tokens = self.dis, self.tokens
        for turn in turns:
            cue = turn.quotes[0]
            if cue.tag is not None or cue.intro is not None or cue.spoke:
                continue
            para = dis.paragraphs[turn.para]
            a = self.span(cue.index)[0]
            if a > para.first_token:
                last = dis.sentence_until(para.first_token, a)
            elif turn.gap >= 1 and turn.para > 0 and not dis.paragraphs[turn.para - 1].quotes:
                last = self._last_sentence(dis.paragraphs[turn.para - 1])
            else:
                continue
            verb = next((j for j in last if _looks_in_at(tokens, j)), None)
            if verb is None:
                continue
            starts = [
                i
                for i in self.refs_in(last[0], verb)
                if tokens[i].quote < 0
                and (
                    i < 2
                    or tokens[i - 1].lower not in _PREPOSITIONS
                    or tokens[i - 2].lower == "one"
                )
            ]
            subject = self._one_of_them(starts[-1] if starts else last[0], verb)
            if subject is None and starts:
                subject = self.subject_at(starts[-1])[0]
            if subject is None or subject.kind in ("pronoun", "name") or subject.character is None:
                continue
            subject.confirmed = False
            cue.tag = subject

    def _one_of_them(self, first: int, verb: int) -> Subject | None:
        """The one at the door when coreference made no mention of them: the phrase that ends
        right before the words at ``verb`` and opens with "one of" and a plural person noun
        ("one of the little maids put her head round the parlour door": one person of that
        kind), or with "a"/"an" and lower-case words, a "with" phrase at most ("a wee first year
        with a very severe fringe put her head round the door"), or with "his"/"her"/"their"
        and one lower-case word no part of a face ("Her assistant leaned in through the glass
        door"): only a person puts their head in or leans in at a door, so the words name one.
        None when no such phrase opens the clause, or a description coreference made does
        ("a bailiff sticks his head in": that one's character, above)."""
        tokens = self.tokens
        for i in range(first, verb):
            word = tokens[i].lower
            ref = self.refs.get(i)
            if (i > 0 and tokens[i - 1].lower in _PREPOSITIONS) or (ref and ref[2] != "pronoun"):
                continue  # a description coreference made is left to the rule above
            if word == "one":
                subject, last = self.subject_at(i)
                if subject is not None and subject.kind == "epithet" and last == verb - 1:
                    return subject
            elif word in ("a", "an") and self._plain_phrase(i + 1, verb):
                text = self.dis.text[tokens[i].start : tokens[verb - 1].end]
                return Subject(self._unnamed(text), "epithet", confirmed=False, token=i)
            elif (
                word in ("his", "her", "their")
                and i + 2 == verb
                and tokens[i + 1].text.isalpha()
                and tokens[i + 1].text.islower()
                and tokens[i + 1].lower not in word_list("body_parts") | _NOT_PEOPLE
            ):
                text = self.dis.text[tokens[i].start : tokens[i + 1].end]
                return Subject(self._unnamed(text), "epithet", confirmed=False, token=i)
        return None

    def _plain_phrase(self, start: int, end: int) -> bool:
        """Whether tokens ``start`` to ``end`` (exclusive) are one to four lower-case words, then
        at most a "with" and up to five more ("wee first year with a very severe fringe")."""
        tokens = self.tokens
        words = [tokens[k] for k in range(start, end)]
        if not words or not all(w.text.isalpha() and w.text.islower() for w in words):
            return False
        cut = next((n for n, w in enumerate(words) if w.lower == "with"), len(words))
        return 1 <= cut <= 4 and len(words) - cut <= 6 and all(w.quote < 0 for w in words)

    def _seen_after(self, turns: list[Turn], met: Mapping[str, int]) -> None:
        """A line heard before anyone is shown: an untagged turn after narration in which
        nobody acts last ('the television on the wall flickers on.' / '"--and here they are,
        folks!"'), followed by narration whose first sentence brings in someone new by an
        indefinite description ('A man with blue hair leans toward the camera.'): the line is
        that newcomer's (unconfirmed). ``met``: ``first_met()``."""
        dis, tokens = self.dis, self.tokens
        for turn in turns:
            if turn.gap == 0 or turn.last_actor is not None or turn.beat_before is not None:
                continue
            if any(c.tag or c.intro or c.spoke for c in turn.quotes) or turn.para < 1:
                continue
            before = dis.paragraphs[turn.para - 1]
            if self.sentence_subject(self._last_sentence(before), owners=True) is not None:
                continue
            after = self._narration_after(turn)
            if after is None:
                continue
            seen = self.sentence_subject(
                list(range(after.first_token, self._first_sentence_end(after)))
            )
            if (
                seen is not None
                and seen.kind == "epithet"
                and seen.character is not None
                and tokens[seen.token].lower in ("a", "an")
                and met.get(seen.character, seen.token) >= seen.token
            ):
                seen.confirmed = False
                turn.quotes[0].tag = seen

    def _heard_then_shown(self, turns: list[Turn]) -> None:
        """Lines heard before anyone is shown: a run of one to four untagged turns after
        narration, holding nothing but their quotations, followed by narration whose first
        sentence names people the narration has not named in the paragraphs before the run
        ('"--told you it was the left door, Pip--"' / '"It was the left door!"' / 'The door burst
        open and Merry and Pippin came through it together.'). With one newcomer, a single line
        is theirs; with two, the lines alternate between them, opening with the one the first
        line does not name (unconfirmed)."""
        dis, tokens = self.dis, self.tokens
        n = 0
        while n < len(turns):
            start = n
            opens = turns[n].gap > 0 or (n == 0 and turns[n].para > 0)  # after narration
            if not opens or not self._bare(turns[n]):
                n += 1
                continue
            end = n
            while end + 1 < len(turns) and turns[end + 1].gap == 0 and self._bare(turns[end + 1]):
                if turns[end + 1].para != turns[end].para + 1:
                    break
                end += 1
            n = end + 1
            if end - start >= _RUN_HEARD:
                continue
            before_para = dis.paragraphs[turns[start].para - 1]
            if not any(
                tokens[i].lower in _HEARD_FIRST
                for i in range(before_para.first_token, before_para.last_token)
            ):
                continue  # nothing said to be heard: the lines may be those already there
            after = self._narration_after(turns[end])
            if after is None:
                continue
            first_end = self._first_sentence_end(after)
            shown: dict[str, int] = {}  # character -> its first token there
            for i in self.refs_in(after.first_token, first_end):
                character, kind = self.refs[i][1], self.refs[i][2]
                if character and kind == "name" and tokens[i].quote < 0:
                    shown.setdefault(character, i)
            lo = dis.paragraphs[max(0, turns[start].para - _RUN_LOOKBACK)].first_token
            hi = dis.paragraphs[turns[start].para].first_token
            before = {
                c for i in self.refs_in(lo, hi) if (c := self.refs[i][1]) and tokens[i].quote < 0
            }
            new = [c for c in shown if c not in before]
            if not new or len(new) > 2 or len(new) < len(shown):
                continue
            run = turns[start : end + 1]
            if len(new) == 1:
                if len(run) == 1 and new[0] not in run[0].quotes[0].vocatives:
                    # '"Kurokocchi! Kagamicchi! Surprise!"' calls those there, not the newcomer
                    self._heard_as(run[0], new[0], shown[new[0]])
                continue
            first_names = {c for q in run[0].quotes for c in (*q.vocatives, *q.named)}
            order = new if new[0] not in first_names else [new[1], new[0]]
            if order[0] in first_names:
                continue
            for k, turn in enumerate(run):
                self._heard_as(turn, order[k % 2], shown[order[k % 2]])

    def _bare(self, turn: Turn) -> bool:
        """Whether the turn is only its untagged quotations."""
        if any(c.tag or c.intro or c.spoke for c in turn.quotes):
            return False
        para = self.dis.paragraphs[turn.para]
        return (
            self.span(turn.quotes[0].index)[0] == para.first_token
            and self.span(turn.quotes[-1].index)[1] >= para.last_token
        )

    def _heard_as(self, turn: Turn, character: str, token: int) -> None:
        """Give the turn's first line to the character named at ``token`` (unconfirmed)."""
        turn.quotes[0].tag = Subject(character, "name", confirmed=False, token=token)

    def _arrives(self, para: Paragraph) -> bool:
        """Whether the narration paragraph opens on someone named or described arriving
        ("Damon slid into the booth next to her", "A tall boy stepped out of the shadows",
        "Doc takes off his hat as he comes in"): the owner of the voice heard just before, not a
        hearer's reaction."""
        first = self.refs_in(para.first_token, para.first_token + 2)  # "Draco [Malfoy]"
        if not first:
            return False
        subject, end = self.subject_at(first[0])
        if subject is None or subject.kind == "pronoun":
            return False
        verb = self._skip_adverbs(end + 1, para.last_token)
        if verb < para.last_token and self.tokens[verb].lower in _ARRIVING:
            return True
        return self._coming_in(end + 1)  # "Doc takes off his hat as he comes in"

    def _coming_in(self, start: int) -> bool:
        """Whether the sentence of token ``start`` says, from there on, that someone comes in
        ("as he comes in", "and walked into the kitchen", "entered")."""
        tokens = self.tokens
        for j in range(start, len(tokens) - 1):
            if tokens[j].sent != tokens[start].sent or tokens[j].quote >= 0:
                return False
            if comes_in_at(tokens, j):
                return True
        return False

    def first_met(self) -> dict[str, int]:
        """Per character, the token of the first reference to it."""
        met: dict[str, int] = {}
        for i, (_, character, _) in self.refs.items():
            if character is not None and i < met.get(character, i + 1):
                met[character] = i
        return met

    def _newcomer_seen(self, after: Paragraph, met: Mapping[str, int]) -> bool:
        """Whether the first person the narration paragraph names or describes after its first
        sentence (the hearer's turning round) is met there for the first time: an untagged line
        before it is that newcomer's voice ('"You could just cast a charm, you know."' / 'He
        turned. Harry Potter was leaning against the wall beside him.')."""
        start = self._first_sentence_end(after)
        owner = self._first_person(start, after.last_token)
        if owner is None or owner.character is None or owner.kind != "name":
            return False
        if not self.tokens[owner.token].sent_start or start <= after.first_token:
            return False  # the subject of its sentence: "Harry was leaning", not "to Harry"
        if not any(
            self.refs.get(i, (0, None, ""))[1] is not None and self.tokens[i].quote < 0
            for i in range(after.first_token, start)
        ):
            return False  # the first sentence is someone's: the hearer's reaction
        return met.get(owner.character, start) >= start

    def _narration_after(self, turn: Turn) -> Paragraph | None:
        """The paragraph right after the turn's, when it is narration (no quotation)."""
        if turn.para + 1 >= len(self.dis.paragraphs):
            return None
        after = self.dis.paragraphs[turn.para + 1]
        if after.quotes or after.last_token <= after.first_token:
            return None
        return after

    def _first_sentence_end(self, para: Paragraph) -> int:
        """The token after the paragraph's first sentence."""
        tokens = self.tokens
        sent = tokens[para.first_token].sent
        return next(
            (i for i in range(para.first_token, para.last_token) if tokens[i].sent != sent),
            para.last_token,
        )

    def _owns(self, voice: str | None, owner: Subject) -> None:
        """Note an unnamed voice referred to only once as the owner's: one person, not two."""
        if voice is None or owner.character is None or not voice.startswith("unnamed-"):
            return
        if sum(1 for _, c, _ in self.refs.values() if c == voice) == 1:
            self.voice_owners[voice] = owner.character

    def _next_sentence_person(self, i: int, para: Paragraph) -> Subject | None:
        """The first person the narration sentence right after token ``i``'s names or
        describes, in paragraph ``para``, before any quotation."""
        tokens = self.tokens
        k = i
        while k < para.last_token and tokens[k].sent == tokens[i].sent:
            k += 1
        if k >= para.last_token or tokens[k].quote >= 0:
            return None
        end = k
        while (
            end < para.last_token and tokens[end].quote < 0 and tokens[end].sent == tokens[k].sent
        ):
            end += 1
        return self._first_person(k, end)

    def _unowned_voice(self, i: int) -> bool:
        """Whether token ``i`` opens a voice with no owner: "a voice", "the tinny voice"."""
        tokens = self.tokens
        if i < 0 or i >= len(tokens) or tokens[i].lower not in ("a", "an", "the"):
            return False
        return self._voice_at(i + 1, min(len(tokens), i + 3)) is not None

    def _first_person(self, start: int, end: int) -> Subject | None:
        """The first character named or described in narration tokens ``start`` .. ``end``,
        within three sentences, unless it is the narrator."""
        tokens = self.tokens
        if start >= end:
            return None
        last_sent = tokens[start].sent + 2
        for i in range(start, end):
            if tokens[i].sent > last_sent:
                return None
            ref = self.refs.get(i)
            if ref is None or tokens[i].quote >= 0 or ref[2] == "pronoun" or not ref[1]:
                continue
            if ref[1] == NARRATOR:
                return None
            return Subject(ref[1], ref[2], token=i)
        return None

    def _voice(self, indices: list[int]) -> Subject | None:
        """The owner of a voice in the sentence before a line ("Sakura's protests", "her
        voice"): the line is that voice."""
        tokens = self.tokens
        for i in reversed(indices):
            if i + 1 >= len(tokens) or tokens[i].quote >= 0:
                continue
            subject, last = self.subject_at(i, owners=True)
            if subject is None or last >= len(tokens) or tokens[last].lower not in _VOICE_NOUNS:
                continue
            subject.confirmed = True
            return subject
        return None

    def _voice_after(self, b: int, end: int) -> Subject | None:
        """The owner of a voice opening the narration right after a line, at token ``b``
        ('"Kakashi…" Her ghostly whisper was lost in the wind.'): the line is that voice."""
        tokens = self.tokens
        if b >= end or tokens[b].quote >= 0:
            return None
        subject, last = self.subject_at(b, owners=True)
        if subject is None:
            return None
        for k in range(last, min(end, last + 3)):  # up to two words describe it: "low, hoarse"
            if tokens[k].lower in _VOICE_NOUNS:
                subject.confirmed = True
                return subject
            if not tokens[k].text.isalpha() or not tokens[k].text[0].islower():
                break
        return None

    def _closing_speech(
        self, para: Paragraph
    ) -> tuple[Subject | None, Subject | None, Subject | None]:
        """Who a narration paragraph ends on speaking: the subject of its last sentence when a
        speech verb follows it. Either it introduces the next line ("The moment before he landed
        she whispered against his lips."), or, when the verb reports what was said ("Mr. Bennet
        replied that he had not.", "I tell her not to go inside the circle.", "I say yes."), it
        was a turn of that person's: (introduces, reported, the one told in that reported turn,
        who answers next)."""
        tokens = self.tokens
        if para.last_token <= para.first_token:
            return None, None, None
        last = self._last_sentence(para)
        found = reported = None
        told: Subject | None = None
        for i in last:
            if i not in self.refs and tokens[i].lower not in _OPENS_A_SUBJECT:
                continue  # nobody (``subject_at``'s first test)
            subject, end = self.subject_at(i)
            if subject is None or subject.kind == "pronoun" and subject.gender == "p":
                continue
            after = self._skip_adverbs(end + 1, para.last_token)
            while after < para.last_token and tokens[after].lower in _AUXILIARIES:
                after = self._skip_adverbs(after + 1, para.last_token)  # "had said", "would ask"
            before = tokens[i - 1].lower if i > para.first_token else "."
            opens = tokens[i].sent_start or (
                before in _CLAUSE_OPENERS and before not in (",", ";", ":", "—", "–")
            )
            voice = self._owned_voice(end, para.last_token, opens=opens)
            if voice is not None and subject.kind != "pronoun":
                # "Buck Mulligan's gay voice went on." / "—My name is absurd too: ..." / "and
                # a woman's voice, tinny and far away, spills out into the room."
                subject.confirmed = False
                found = subject
            elif after < para.last_token and (
                tokens[after].lower in self.speech
                or _spoke_alone(tokens, after, para.last_token)
                or (  # "I tell her not to go inside the circle." (present tense, I or they)
                    subject.gender in ("1", "p")
                    and tokens[after].lower in self.base_speech
                    and _said_in_full(tokens, after + 1, para.last_token)
                )
            ):
                verb = tokens[after].lower
                nxt = tokens[after + 1].lower if after + 1 < para.last_token else ""
                if nxt in _REPORTED or _said_in_full(tokens, after + 1, para.last_token):
                    # "Lucy mumbled that they seemed odd.", "I tell her not to go inside the
                    # circle.", "I say yes.": that was their turn
                    reported = subject
                    told = self._told(after + 1, para.last_token)
                elif verb not in _ACTION_VERBS or nxt not in _DETERMINERS:
                    # "Then Nasty Roche had said:" leads into the next line for sure
                    subject.confirmed = _ends_on_colon(tokens, para)
                    found = subject
            elif found is None and after < para.last_token and tokens[after].lower in _PERCEPTION:
                heard = self._perceived_speaker(after, para.last_token)
                if heard is not None:  # "He heard her speak." / '"Master Philip wants ..."'
                    found = heard[0]
                    found.confirmed = False
        if found is None and reported is None and _ends_on_colon(tokens, para):
            found = self._colon_speaker(last)  # "He came over and, thrusting a hand ..., said:"
        return found, reported, told

    def _told(self, i: int, end: int) -> Subject | None:
        """The one told at token ``i``, right after a verb of telling: "I tell her not to go"
        (a pronoun: its gender, and whom coreference resolved it to), "I asked Finan why"."""
        tokens = self.tokens
        if i >= end or tokens[i - 1].lower not in _TELLING:
            return None
        word = tokens[i].lower
        ref = self.refs.get(i)
        if word in _OBJECT_GENDER:
            return Subject(None, "pronoun", _OBJECT_GENDER[word], ref[1] if ref else None, token=i)
        if ref is not None and ref[1] is not None:
            return Subject(ref[1], "name" if ref[2] == "name" else "epithet", token=i)
        return None

    def _owned_voice(self, end: int, stop: int, *, opens: bool = False) -> int | None:
        """Whether the words from ``end``, right after an owner's "'s", are a voice that speaks
        ("gay voice went on", "voice said"): the index of the voice noun. With ``opens`` (the
        owner opens a clause), a voice doing anything speaks too, after a description set off
        by commas ("and a woman's voice, tinny and far away, spills out into the room")."""
        tokens = self.tokens
        if end < 1 or not tokens[end - 1].lower.endswith(("'s", "’s")):
            return None
        for k in range(end, min(stop, end + 3)):
            if tokens[k].lower in _VOICE_NOUNS:
                verb = self._skip_adverbs(k + 1, stop)
                if verb < stop and (tokens[verb].lower in self.speech or self._phrasal(verb, stop)):
                    return k
                if opens and verb < stop and tokens[verb].text == ",":
                    close = next(
                        (j for j in range(verb + 1, min(stop, verb + 12)) if tokens[j].text == ","),
                        None,
                    )
                    verb = self._skip_adverbs(close + 1, stop) if close is not None else stop
                if opens and verb < stop and self._voice_verb(tokens[verb].lower):
                    return k
                return None
            if not (tokens[k].text.isalpha() and tokens[k].text.islower()):
                return None
        return None

    def _voice_verb(self, word: str) -> bool:
        """Whether ``word`` can be what a voice does ("spills", "floated", "came", "rang")."""
        return word not in _AUXILIARIES and (self._verb_like(word) or word in _VOICE_VERBS)

    def _colon_speaker(self, indices: list[int]) -> Subject | None:
        """The subject of the last speech verb of a sentence ending on a colon, when other words
        stand between them: the nearest person before the verb that a content word follows ("He
        came over to the gunrest and, thrusting a hand into Stephen's pocket, said:")."""
        tokens = self.tokens
        verbs = [i for i in indices if tokens[i].quote < 0 and self._speech_form(tokens[i].lower)]
        if not verbs:
            return None
        found, function = None, word_list("function_words")
        for i in indices:
            if i >= verbs[-1]:
                break
            subject, end = self.subject_at(i)
            if subject is None or (i > 0 and tokens[i - 1].lower in _PREPOSITIONS):
                continue
            after = self._skip_adverbs(end + 1, verbs[-1] + 1)
            word = tokens[after].text if after <= verbs[-1] else ""
            if word.isalpha() and word.islower() and word not in function:
                found = subject  # "He came", "he rose"
        return found

    def _speech_form(self, word: str) -> bool:
        """A speech verb, or its -ing form ("remarking")."""
        stem = word[:-3] if word.endswith("ing") else ""
        return (
            word in self.speech
            or bool(stem)
            and (stem + "ed" in self.speech or stem + "s" in self.speech)
        )

    def _colon_after_lines(self, para: Paragraph) -> Subject | None:
        """Who a paragraph with lines ends on speaking, when its last sentence is narration
        ending on a speech verb and a colon ("She shook her head as she said again:")."""
        tokens = self.tokens
        if para.last_token <= para.first_token or not _ends_on_colon(tokens, para):
            return None
        if any(tokens[i].quote >= 0 for i in self._last_sentence(para)):
            return None
        found, _, _ = self._closing_speech(para)
        return found if found is not None and found.confirmed else None

    def _last_sentence(self, para: Paragraph) -> list[int]:
        """The tokens of a (non-empty) paragraph's last sentence."""
        return self.dis.sentence_until(para.first_token, para.last_token)


def _ends_on_colon(tokens: Sequence[Token], para: Paragraph) -> bool:
    """Whether a paragraph's narration ends on a colon, or on a colon and a dash, as older prose
    writes it ("Again he said:--")."""
    i = para.last_token - 1
    while i > para.first_token and tokens[i].quote < 0 and tokens[i].text in ("-", "—", "–"):
        i -= 1
    return tokens[i].text == ":"


def _said_in_full(tokens: Sequence[Token], i: int, end: int) -> bool:
    """Whether the words from ``i``, right after a speech verb, give what was said in full:
    "yes", "no", "nothing", or someone told and then what ("her not to go inside the
    circle", "her what kind of wrong", "him I was fine"), not a bare "told him." or "asked
    her again." that may lead into the next line."""
    if i >= end:
        return False
    word = tokens[i].lower
    if word in _SAID_WHOLE:
        return True
    if tokens[i - 1].lower not in _TELLING or i + 1 >= end:
        return False  # "reminded him that ..." is no speech: "Her stubbornness reminded him"
    if word not in _OBJECT_GENDER and word not in _TOLD_PRONOUNS:
        return False
    nxt = tokens[i + 1].lower
    return nxt in _REPORTED or nxt in _SAID_WHOLE or nxt in ("not", "to") or nxt in _CLAUSE_SUBJECTS


def _spoke_alone(tokens: Sequence[Token], i: int, end: int) -> bool:
    """Whether token ``i`` is "spoke" ending its sentence ("Then one of the strangers spoke.",
    "At last Mira spoke:"), not "spoke to him", "spoke of the war"."""
    return tokens[i].lower in _SPOKE and (i + 1 >= end or tokens[i + 1].text in (".", ":", "—"))


# what a possessive before "leaned in" may own that is no person: "her head leaned in"
_NOT_PEOPLE = frozenset("head hand hands shadow shoulder shoulders".split())
_HEAD_VERBS = frozenset("put puts stuck sticks poked pokes popped pops".split())
_HEAD_IN = frozenset("in into round around through".split())
_LEANING = frozenset("leaned leant leans peered peers".split())


def _looks_in_at(tokens: Sequence[Token], j: int) -> bool:
    """Whether the words from token ``j`` on show someone only looking in at a door: "put her
    head round the door", "stuck his head in", "leaned in through the glass door", "peered
    in"."""
    word = tokens[j].lower
    nxt = tokens[j + 1].lower if j + 1 < len(tokens) else ""
    if word in _LEANING:
        return nxt in ("in", "into") and tokens[j + 1].sent == tokens[j].sent
    if word not in _HEAD_VERBS or j + 3 >= len(tokens):
        return False
    return (
        nxt in ("his", "her", "their")
        and tokens[j + 2].lower == "head"
        and tokens[j + 3].lower in _HEAD_IN
    )
