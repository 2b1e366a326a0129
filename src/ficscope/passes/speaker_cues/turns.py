"""``CueFinder``: every turn's cues (``turns``): tags, intros, beats, who was looked at just
before, descriptions kept apart (what the narration paragraph before says is in ``narration``)."""

from __future__ import annotations

import re

from ficscope.lexicon import word_list
from ficscope.model import Quote
from ficscope.passes.coref import guessed_at
from ficscope.passes.discourse import Paragraph
from ficscope.passes.speaker_cues.narration import _clears_throat, _Narration
from ficscope.passes.speaker_cues.records import QuoteCues, Subject, Turn, _who, character_genders
from ficscope.passes.speaker_cues.words import (
    _ACTION_VERBS,
    _ACTOR_GAP,
    _ATTENDING_TO,
    _AUXILIARIES,
    _CLOSINGS,
    _DASH_ENDS,
    _DASH_OPENS,
    _FROM_PLACES,
    _INTRO_ENDS,
    _MEANWHILE,
    _SPOKE,
    _STRAIGHT,
    POSSESSIVE_PRONOUNS,
    REPLY_VERBS,
    _attending,
    _in_range,
)

# Kin a possessive description tag may name: "said his sister", "her husband replied"
_KIN_NOUNS = frozenset("sister brother wife husband mother father son daughter twin cousin".split())

# the words a line speaking of an owner of that sex uses
_THIRD_OF = {
    "his": frozenset({"he", "him", "his", "himself"}),
    "her": frozenset({"she", "her", "hers", "herself"}),
}

_IN = frozenset({"in"})


class CueFinder(_Narration):
    """Finds every turn's cues in a work that has been through the coreference pass."""

    _owner_at: dict[int, str] | None = None

    def _described_again(self, turns: list[Turn]) -> None:
        """A definite description in a tag that takes up someone an inverted tag brought in
        earlier (head and a modifier): '"...," broke in a thin, elderly gentleman.' ...
        '"...," said the thin gentleman' is that gentleman, whoever coreference thought."""
        if not self.introduced:
            return
        for turn in turns:
            for cue in turn.quotes:
                s = cue.tag or cue.intro
                if s is None or s.kind != "epithet" or s.token not in self.refs:
                    continue
                words = self._ref_text(s.token).lower().replace(",", " ").split()
                if len(words) < 3 or words[0] != "the":
                    continue
                first, character, modifiers = self.introduced.get(words[-1], (-1, "", set()))
                if 0 <= first < s.token and modifiers & set(words[1:-1]):
                    s.character = character

    def _within(self, qi: int) -> tuple[int, int]:
        """Where the words of quotation ``qi`` (an index into ``dis.quotes``) are in the text,
        without its marks: as a pattern's ``pos`` and ``endpos``, no copy of them made."""
        q = self.dis.quotes[qi]
        return q.start + len(q.open), q.end - len(q.close) if q.close is not None else q.end

    def turns(self) -> list[Turn]:
        dis = self.dis
        tokens = self.tokens
        text = dis.text
        out: list[Turn] = []
        quiet = 0
        for pi, para in enumerate(dis.paragraphs):
            if not para.quotes:
                quiet += 1
                continue
            spans = [self.span(qi) for qi in para.quotes]
            cues: list[QuoteCues] = []
            beats_mid: list[Subject] = []
            for n, (qi, (a, b)) in enumerate(zip(para.quotes, spans, strict=True)):
                q = dis.quotes[qi]
                nxt = spans[n + 1][0] if n + 1 < len(spans) else para.last_token
                prev_end = spans[n - 1][1] if n > 0 else para.first_token
                cue = QuoteCues(qi)
                if q.close is None and q.open in "—–-":
                    self._inner_tag(cue, a, b, q)  # "—Tell me, Mulligan, Stephen said quietly."
                if cue.tag is None:  # "—Thanks, old chap, he cried briskly. That will do."
                    cue.tag, cue.objects = self.tag_after(q, b, nxt, text)
                if cue.tag is None:
                    cue.tag = self._voice_after(b, nxt)
                # a clause between two lines with no speech verb is the first one's tag or a beat
                cue.intro = self._intro(prev_end, a, needs_speech=n > 0)
                if cue.intro is None and n > 0:  # 'whereupon Mrs. Griffin spoke. "Well, ..."'
                    cue.spoke = self._spoke_before(prev_end, a)
                if cue.intro is None and cue.spoke is None and n > 0:
                    cue.turned_to = self._turned_to(prev_end, a, cues[-1].tag)
                if n > 0 and not cue.objects:
                    cue.objects = self._then_to(prev_end, a)
                cue.vocatives, cue.named = self.vocatives(a, b)
                cue.own_names = (
                    self.own_names(a, b)
                    or self._name_given(qi, a, b)
                    or self._answers_with_name(qi, a, b)
                    or self._initials_signed(a, b)
                )
                cue.named = [c for c in cue.named if c not in cue.own_names]
                cue.vocatives = [c for c in cue.vocatives if c not in cue.own_names]
                if len(set(cue.vocatives)) > 1:
                    cue.closing_calls = self._closing_calls(a, b, cue.vocatives)
                if cue.tag is None and n + 1 < len(spans):
                    # '"That is when I noticed you." He stroked her cheek. "As more than a ninja."'
                    mid = [i for i in range(b, nxt) if tokens[i].quote < 0]
                    if mid:
                        sent = tokens[mid[0]].sent
                        beat = self.sentence_subject(
                            [i for i in mid if tokens[i].sent == sent], owners=True
                        )
                        if beat is not None:
                            beats_mid.append(beat)
                cues.append(cue)
            turn = Turn(pi, cues, gap=quiet if out else 0, beats_mid=beats_mid)
            turn.continued = dis.quotes[para.quotes[0]].continued
            turn.resumes = _DASH_OPENS.match(text, *self._within(para.quotes[0])) is not None
            turn.cut = _DASH_ENDS.search(text, *self._within(para.quotes[-1])) is not None
            if cues[0].intro is None and spans[0][0] == para.first_token and quiet and pi > 0:
                # '... she whispered against his lips.' / '"I love you."'
                cues[0].intro, turn.reported, turn.told = self._closing_speech(
                    dis.paragraphs[pi - 1]
                )
            elif cues[0].intro is None and spans[0][0] == para.first_token and not quiet and pi > 0:
                # '"Do you know ...?" I answered that it was May. She shook her head as she said
                # again:' / '"Oh, yes! ..."': narration closing a turn on a colon introduces too
                cues[0].intro = self._colon_after_lines(dis.paragraphs[pi - 1])
            first_tag = cues[0].tag
            turn.reply = first_tag is not None and first_tag.verb in REPLY_VERBS
            turn.afar = any(self._from_afar(cue.tag) for cue in cues)
            first_a = spans[0][0]
            # the narration before its last line ('Then she turns to me. "And you, ..."')
            turn.looked_at = self._looked_at(para.first_token, spans[-1][0])
            if quiet and pi > 0 and first_a == para.first_token:
                before = dis.paragraphs[pi - 1]  # "... and settled on the witcher." / '"...," she'
                turn.looked_at = self._looked_at(before.first_token, before.last_token)
                if not turn.looked_at and first_tag is not None:
                    turn.met_by = self._met_by(before, para, first_tag)
                    # '"You know Alison's going to have a laminated schedule," she said.': one
                    # the line speaks of by name is not the one it is said to
                    turn.met_by -= {c for cue in cues for c in cue.named}
            if first_a > para.first_token:
                lead = dis.sentence_until(para.first_token, first_a)
                turn.beat_before = (
                    self.sentence_subject(lead, last=True, owners=True)
                    or self.sentence_subject(list(range(para.first_token, first_a)), last=True)
                    or self._face_owner(lead)
                )
                voice = self._voice(lead)
                if voice is None and lead[0] > para.first_token:
                    turn.beat_before = self._carried_on(para, turn.beat_before)
                if voice is not None:
                    turn.beat_before = voice  # 'ignoring Sakura's protests. "Wait, ..."'
                elif turn.beat_before is not None and turn.beat_before.alternative is not None:
                    beats_mid.append(turn.beat_before.alternative)  # either may speak
                turn.beat_before = self.opener_goes_on(turn.beat_before, para.first_token)
                cues[0].intro = self.opener_goes_on(cues[0].intro, para.first_token)
            elif 1 <= quiet <= _ACTOR_GAP and all(c.tag is None and c.intro is None for c in cues):
                # 'The guard was big and bald. [...] He looked at us.' / '"Any of you kids..."'
                turn.last_actor = self._last_actor(dis.paragraphs[pi - 1])
                before = dis.paragraphs[pi - 1]
                if turn.last_actor is not None and before.last_token > before.first_token:
                    last = self._last_sentence(before)
                    turn.acts_at_end = turn.last_actor.token in last
                    turn.clears_throat = turn.acts_at_end and _clears_throat(tokens, last)
                turn.shown_alone = self._shown_alone(before, turn.last_actor)
                if before.last_token > before.first_token:
                    turn.done_to = self._done_to(self._last_sentence(before))
            elif 1 <= quiet <= _ACTOR_GAP and first_tag is not None and first_tag.kind == "pronoun":
                # 'Curtis darted a glance at Florence.' / '"Is the girl mad?" he muttered.'; after
                # a pause of two or three narration paragraphs, the one the last of them opens on
                # ('Denji leaned back against the couch ... It was better then anything he had
                # ever had.' / '"Hey Pochita" he whispered.': acc24-r21a)
                before = dis.paragraphs[pi - 1]
                actor = self._last_actor(before) if quiet == 1 else self._opening_subject(before)
                if actor is not None and actor.kind != "pronoun" and first_tag.confirmed:
                    turn.tag_actor = actor
            last_b = spans[-1][1]
            turn.looked_after = self._looked_at(last_b, para.last_token) | self._put_before(
                last_b, para.last_token
            )
            turn.looked_after |= {o for cue in cues if (o := self._kin_tag_owner(cue))}
            after = [i for i in range(last_b, para.last_token) if tokens[i].quote < 0]
            if after:
                sent = tokens[after[0]].sent
                turn.beat_after = self.sentence_subject(
                    [i for i in after if tokens[i].sent == sent], owners=True
                )
            self._unresolve_addressed(turn)
            for i in self.refs_in(para.first_token, para.last_token):
                ref = self.refs[i]
                if ref[1] and tokens[i].quote < 0:
                    turn.mentioned[ref[1]] += 1
            out.append(turn)
            quiet = 0
        met = self.first_met()  # the references do not change in a turns(): read them once
        self._voices_owned(out, met)
        self._voice_next(out)
        self._signed(out)
        self._seen_after(out, met)
        self._head_in(out)
        self._heard_then_shown(out)
        self._separate_selves(out)
        self._described_again(out)
        self._separate_descriptions(out)
        return out

    def _from_afar(self, tag: Subject | None) -> bool:
        """Whether a name tag goes on to say where the line comes from: '"Hey, Mittens!" Eda
        hollered from behind the stall.', '"Is it Go Fish?" Gus asked from the doorway'."""
        if tag is None or tag.kind != "name" or tag.token < 0:
            return False
        tokens = self.tokens
        sent = tokens[tag.token].sent
        for i in range(tag.token + 1, min(tag.token + 5, len(tokens) - 1)):
            tok = tokens[i]
            if tok.quote >= 0 or tok.sent != sent:
                return False
            if tok.lower == "from":
                return tokens[i + 1].lower in _FROM_PLACES
        return False

    def _voice_next(self, turns: list[Turn]) -> None:
        """A line nobody tags, whose paragraph holds nothing else, followed by narration that
        opens on someone's voice: '"I beg your pardon."' / 'A man's voice beside her made her
        start and turn.' The line is the voice's owner's (a name or description, unconfirmed)."""
        dis = self.dis
        for turn in turns:
            if any(c.tag or c.intro or c.spoke for c in turn.quotes):
                continue
            para = dis.paragraphs[turn.para]
            if self.span(turn.quotes[0].index)[0] != para.first_token:
                continue
            if self.span(turn.quotes[-1].index)[1] < para.last_token:
                continue  # narration of its own after the line
            after = self._narration_after(turn)
            if after is None:
                continue
            owner = self._voice_after(after.first_token, after.last_token)
            if owner is None or owner.kind == "pronoun" or owner.character is None:
                continue
            owner.confirmed = False
            turn.quotes[-1].tag = owner

    def _signed(self, turns: list[Turn]) -> None:
        """A letter read out in quotation marks, signed: a paragraph that is only a name in
        quotation marks ('"DRACULA."'), right after one that is only a closing formula ('"Your
        friend,"'), after the letter's body, with no narration between them. The signature,
        the formula and the body before it are the signer's (a name only)."""
        dis, tokens = self.dis, self.tokens
        for n, turn in enumerate(turns):
            if n < 1 or turn.gap or len(turn.quotes) != 1 or turn.quotes[0].tag is not None:
                continue
            a, b = self.span(turn.quotes[0].index)
            para = dis.paragraphs[turn.para]
            if a != para.first_token or b != para.last_token:
                continue
            signer = self._signature(a, b)
            closing = turns[n - 1]
            if signer is None or len(closing.quotes) != 1 or closing.para != turn.para - 1:
                continue
            ca, cb = self.span(closing.quotes[0].index)
            words = [t.lower for t in tokens[ca:cb] if t.text[0].isalpha()]
            if not 1 <= len(words) <= 4 or not set(words) & _CLOSINGS:
                continue
            if not any(t.text == "," for t in tokens[ca:cb]):
                continue
            k = n
            while k >= 0 and turns[k].quotes[0].tag is None and turns[k].quotes[0].intro is None:
                turns[k].quotes[0].tag = Subject(signer[0], "name", token=signer[1])
                if k < n - 1 and not turns[k].continued:
                    break  # the body's first paragraph
                if k < 1 or turns[k].gap or turns[k].para != turns[k - 1].para + 1:
                    break
                k -= 1

    def _signature(self, a: int, b: int) -> tuple[str, int] | None:
        """The named character the tokens ``a`` to ``b`` (a quotation) are nothing but the
        name of ('"DRACULA."', '"Mina."'), if any, and where the name starts."""
        tokens = self.tokens
        starts = self.refs_in(a, b)
        if len(starts) != 1:
            return None
        last, character, kind = self.refs[starts[0]]
        if kind != "name" or character is None:
            return None
        rest = [t for t in (*tokens[a : starts[0]], *tokens[last + 1 : b]) if t.text[0].isalnum()]
        return None if rest else (character, starts[0])

    def _kin_tag_owner(self, cue: QuoteCues) -> str | None:
        """The one whose kin a description tag names ('"The almond cake is dry," said his
        sister.' after Alphinaud's line: Alphinaud), as coreference read its "his" or "her":
        the line is said to them, who answers next. Not a line speaking of someone of the
        owner's sex ('"She says she's fine, thank you," said her brother.': of her, to another)."""
        tag = cue.tag
        if tag is None or tag.kind != "epithet" or tag.token < 0 or not tag.confirmed:
            return None
        tokens = self.tokens
        k = tag.token
        if k + 1 >= len(tokens) or tokens[k].lower not in ("his", "her"):
            return None
        if tokens[k + 1].lower not in _KIN_NOUNS:
            return None
        third = _THIRD_OF[tokens[k].lower]
        a, b = self.span(cue.index)
        if any(t.lower in third for t in tokens[a:b]):
            return None
        owner = self._owners().get(tokens[k].start)
        return owner if owner is not None and owner != tag.character else None

    def _owners(self) -> dict[int, str]:
        """A pronoun mention's start -> its character (computed once)."""
        if self._owner_at is None:
            self._owner_at = {
                m.start: m.character
                for m in self.work.mentions
                if m.kind == "pronoun" and m.character
            }
        return self._owner_at

    def _face_owner(self, indices: list[int]) -> Subject | None:
        """With no one acting in the sentence before a line, the one whose face it shows: 'The
        look he feared shone in her stubborn eyes. "I wish ..."' (unconfirmed, like an owner)."""
        faces, function = word_list("body_parts"), word_list("function_words")
        for i in indices:
            word = self.tokens[i].lower
            ref = self.refs.get(i)
            if word not in POSSESSIVE_PRONOUNS or (ref is not None and ref[2] != "pronoun"):
                continue
            j = i + 1
            while j - i <= 3 and j < len(self.tokens) and self.tokens[j].lower not in faces:
                if self.tokens[j].lower in function:
                    break  # "turned her to face him": no face of hers
                j += 1  # "her sunken, smudged cheeks"
            if j < len(self.tokens) and self.tokens[j].lower in faces:
                resolved = ref[1] if ref is not None else None
                gender = POSSESSIVE_PRONOUNS[word]
                return Subject(None, "pronoun", gender, resolved, confirmed=False, token=i)
        return None

    def _separate_selves(self, turns: list[Turn]) -> None:
        """A name in a tag of a line that calls the same character by another name is someone
        else of that name: in '"For whom is this, Miss Jemima?" said Miss Pinkerton' the names
        clustered two sisters. Every tag, intro or beat naming that form is then the other one.
        Not when the tag's form is the name the story gives the character: in '"You mind your own
        business, Hall," said Mrs. Hall' the bare "Hall" (her husband) was clustered with her,
        and the one called, not Mrs. Hall, is someone else."""
        forms: dict[str, str] = {}  # the tag's words -> the new character
        names = {c.id: c.name.lower() for c in self.work.characters}
        for turn in turns:
            for cue in turn.quotes:
                s = cue.tag
                if s is not None and s.kind == "name" and s.character in cue.vocatives:
                    text = self._ref_text(s.token)
                    if text.lower() == names.get(s.character):
                        continue  # the name the story gives them: the one called is the other
                    if text.lower() not in self._vocative_forms(cue):
                        gender = character_genders(self.work).get(s.character)
                        forms[text.lower()] = self._unnamed(text, gender, named=True)
        if not forms:
            return
        for turn in turns:
            for s in turn.subjects():
                if s.kind == "name" and s.token in self.refs:
                    s.character = forms.get(self._ref_text(s.token).lower(), s.character)

    def _ref_text(self, first: int) -> str:
        last = self.refs[first][0]
        return " ".join(self.dis.text[self.tokens[first].start : self.tokens[last].end].split())

    def _vocative_forms(self, cue: QuoteCues) -> set[str]:
        """The words the line calls people by (its name references), lower-cased."""
        a, b = self.span(cue.index)
        return {self._ref_text(i).lower() for i in range(a, b) if i in self.refs}

    def _separate_descriptions(self, turns: list[Turn]) -> None:
        """A description that coreference gave to a named character, used as the speaker of a
        line answered (or answering) by that character by name, is someone else: in
        '"Halt!" the harbourmaster shouted.' / '"We are leaving," Tomas said.' the harbourmaster
        is not Tomas."""

        def named(turn: Turn) -> set[str]:
            return {
                s.character
                for cue in turn.quotes
                for s in (cue.tag, cue.intro)
                if s is not None and s.kind == "name" and s.character
            }

        for k, turn in enumerate(turns):
            near: set[str] = set()
            if k > 0 and turn.gap == 0:
                near |= named(turns[k - 1])
            if k + 1 < len(turns) and turns[k + 1].gap == 0:
                near |= named(turns[k + 1])
            for cue in turn.quotes:
                for s in (cue.tag, cue.intro):
                    if (
                        s is not None
                        and s.kind == "epithet"
                        and s.character in near
                        and s.token in self.refs
                    ):
                        last = self.refs[s.token][0]
                        text = self.dis.text[self.tokens[s.token].start : self.tokens[last].end]
                        s.character = self._unnamed(re.sub(r"['’]s$", "", text))

    def _unresolve_addressed(self, turn: Turn) -> None:
        """A pronoun about someone the turn's lines call by name is not theirs, whatever
        coreference guessed: in '"Eh, Annie?" She glanced away. "Annie," she teased' neither
        "she" is Annie; and a description is someone new: in '"Snake, fetch a pack," drawled
        this newcomer' the newcomer is not Snake."""
        called = {c for cue in turn.quotes for c in cue.vocatives}
        for s in turn.subjects():
            if s.kind == "pronoun" and s.resolved in called:
                s.resolved = None
            elif s.kind == "epithet" and s.character in called and s.token in self.refs:
                last = self.refs[s.token][0]
                text = self.dis.text[self.tokens[s.token].start : self.tokens[last].end]
                s.character = self._unnamed(re.sub(r"['’]s$", "", text))

    def _put_before(self, start: int, end: int) -> set[str]:
        """Characters the narration tokens ``start``..``end`` put something in front of ("laid
        the card down in front of Gus"): the line was said to them."""
        tokens = self.tokens
        found = set()
        for i in _in_range(self.positions(_IN), start, end - 3):
            if tokens[i].quote >= 0:
                continue
            if tokens[i + 1].lower == "front" and tokens[i + 2].lower == "of":
                ref = self.refs.get(i + 3)
                if ref is not None and ref[1] and ref[2] != "pronoun":
                    found.add(ref[1])
        return found

    def _looked_at(self, start: int, end: int) -> set[str]:
        """Characters the narration tokens ``start``..``end`` show someone turning to or looking
        at ("studying Yuji", "turned to Sakura", "her eyes settled on the witcher"): the lines
        after are most likely said to them."""
        tokens = self.tokens
        found = set()
        if self._attends is None:
            attends = self.dis.positions_where(_attending)
            self._attends = [i for i in attends if tokens[i].quote < 0]
        for i in _in_range(self._attends, start, end):
            j = i + 1
            if tokens[i].lower == "across":
                if j >= end or tokens[j].lower != "from":
                    continue  # "across the room"
                j += 1  # "sat down across from me"
            elif j < end and tokens[j].lower in _ATTENDING_TO:
                j += 1
            elif j + 1 < end and tokens[j].lower == "back" and tokens[j + 1].lower in _ATTENDING_TO:
                j += 2  # "She turned back to me."
            elif (
                j + 1 < end
                and tokens[j].lower in _STRAIGHT
                and tokens[j + 1].lower in _ATTENDING_TO
            ):
                j += 2  # "looks right at me"
            elif _attending(tokens[i].lower) < 2:
                continue  # "looked up", "turned round"
            ref = self.refs.get(j)
            # a name or description, or the first-person narrator: "Then she turns to me."
            sure = ref is not None and (ref[2] != "pronoun" or tokens[j].lower == "me")
            if j < end and ref is not None and sure and ref[1]:
                if not tokens[ref[0]].lower.endswith(("'s", "’s")):
                    found.add(ref[1])
        return found

    def _met_by(self, before: Paragraph, para: Paragraph, tag: Subject) -> set[str]:
        """The other one, when a narration paragraph names just two people and the tag of the
        line after it (in ``para``) is one of them: "Zuko was measuring tea when Katara slipped
        through." / '"You're doing it wrong," she said.' is said to Zuko. Not when the line's
        own narration names someone else ('"...," the pilot said, pointing a fork at Garrus')."""
        speaker = tag.who
        named = self.named_in(before)
        if len(named) != 2 or speaker not in named or self.named_in(para) - {speaker}:
            return set()
        return named - {speaker}

    def named_in(self, para: Paragraph, *, owners: bool = True, guesses: bool = True) -> set[str]:
        """The characters a paragraph's narration names or describes (not by a pronoun): who a
        narration paragraph brings together (``Turn.met_by`` here; the speakers pass's ``paired``
        reads it too). Without ``owners``, not one named only as an owner ("Aang's head" is no
        one there); without ``guesses``, not a guess at who "someone" is ("someone—Kaminari,
        probably—is laughing upstairs")."""
        tokens = self.tokens
        named = set()
        for i in self.refs_in(para.first_token, para.last_token):
            ref = self.refs[i]
            if not ref[1] or ref[2] == "pronoun" or tokens[i].quote >= 0:
                continue
            if not owners and tokens[ref[0]].lower.endswith(("'s", "’s")):
                continue
            if not guesses and guessed_at(tokens, i):
                continue
            named.add(ref[1])
        return named

    def _intro(self, start: int, a: int, *, needs_speech: bool = False) -> Subject | None:
        """The subject of the clause leading into a quotation, when it runs straight into it
        ('She said, "..."', 'Kakashi turned to her and said: "..."'). With ``needs_speech``, a
        clause running on from the quotation before introduces only with a speech verb or a colon
        ('"It is fine," he could tell she was lying, "but ..."' introduces nothing)."""
        tokens = self.tokens
        j = a - 1
        if j < start or tokens[j].quote >= 0:
            return None
        if not (tokens[j].text in _INTRO_ENDS or tokens[j].lower in self.speech):
            return None
        sent = tokens[j].sent
        k = j
        while k - 1 >= start and tokens[k - 1].sent == sent and tokens[k - 1].quote < 0:
            k -= 1
        if (
            needs_speech
            and k == start
            and not (
                tokens[j].text == ":"
                or any(tokens[i].lower in self.speech for i in range(k, j + 1))
            )
        ):
            return None
        if needs_speech and k == start and self._tag_then_while(k, j):
            return None  # '"Well," said Obi-Wan, settling in, while Anakin groaned, "your ...'
        v = j - 1 if tokens[j].text in _INTRO_ENDS else j
        verb = tokens[v].lower
        if v > k and verb in self.speech and verb not in _ACTION_VERBS:
            # 'he said, and seemed disappointed when she answered, "No."': she, not he (nor 'as
            # he finished, "...')
            for i in (v - 1, v - 2):
                near, end = self.subject_at(i)
                if i >= k and near is not None and self._skip_adverbs(end + 1, v) == v:
                    near.verb = verb
                    return near
        clause = list(range(k, j + 1))
        voice = self.sentence_subject(clause, last=True)
        if (
            voice is not None
            and self._unowned_voice(voice.token)
            and sum(1 for _, c, _ in self.refs.values() if c == voice.character) == 1
        ):
            voice.confirmed, voice.alternative = True, None
            return voice  # "Elena laughed and that's when a voice right behind her said"
        return self.sentence_subject(clause)

    def _tag_then_while(self, k: int, j: int) -> bool:
        """Whether the narration ``k``..``j`` between two quotations opens on the first one's
        speech verb and goes on into a clause of something done meanwhile ("said Obi-Wan,
        settling in, while Anakin groaned aloud,"): the second quotation goes on the first's
        sentence, said by the same speaker, not by the one acting meanwhile."""
        tokens = self.tokens
        opens = any(tokens[i].lower in self.speech for i in range(k, min(j, k + 3)))
        return opens and any(tokens[i].lower in _MEANWHILE for i in range(k + 2, j))

    def _turned_to(self, start: int, a: int, tag: Subject | None = None) -> Subject | None:
        """Someone else acting last between two lines of a paragraph, after the sentence that
        tied the first line to its speaker ('"We could climb it," Jonah said. Mira rolled her
        eyes. "After you."'): in less careful fan fiction a new speaker need not open a new
        paragraph. The subject opening the last sentence before the line, when the first
        sentence after the line before (its tag or beat) is about someone else; for a tag that
        opens on its verb ('"I will!" cried Laura. Mrs. Griffin looked up.'), the line before's
        ``tag`` is who that sentence is about."""
        tokens = self.tokens
        narration = [i for i in range(start, a) if tokens[i].quote < 0]
        if not narration:
            return None
        first, last = tokens[narration[0]].sent, tokens[narration[-1]].sent
        if last != first + 1:
            return None  # one sentence is the first line's tag or its speaker's beat; more, a story
        head = self.sentence_subject([i for i in narration if tokens[i].sent == first], owners=True)
        if head is None and tag is not None and tag.token >= 0 and tokens[tag.token].sent == first:
            head = tag  # an inverted tag: '"I will!" cried Laura. Mrs. Griffin looked up.'
        opening = next(i for i in narration if tokens[i].sent == last)
        turned, _ = self.subject_at(opening)
        if head is None or turned is None or not tokens[opening].sent_start:
            return None  # the sentence opens on its subject: "Mira rolled her eyes."
        if turned.kind == "pronoun" and head.kind != "pronoun":
            # 'Dean shrugged. I narrowed my eyes.', but 'Jonah said. He sighed.' is one man
            return turned if turned.gender == "1" else None
        if turned.kind == "pronoun":
            return turned if turned.gender not in (None, head.gender) else None
        return turned if turned.character != _who(head) else None

    def _then_to(self, start: int, a: int) -> list[str]:
        """The one named right before a paragraph's later line as the one it is said to: '"Tell
        her it's on his chair," Donna said, and then, to Josh, "That's me."' (acc27-r24a). Only
        "to" and a name (no pronoun) closing the narration between two lines on a comma or colon."""
        tokens = self.tokens
        j = a - 1
        if j - 2 < start or tokens[j].quote >= 0 or tokens[j].text not in (",", ":"):
            return []
        for k in range(j - 1, max(start, j - 5), -1):
            if tokens[k].quote >= 0:
                return []
            if tokens[k].lower == "to":
                ref = self.refs.get(k + 1)
                if ref is not None and ref[0] == j - 1 and ref[1] and ref[2] != "pronoun":
                    return [ref[1]]
                return []
        return []

    def _spoke_before(self, start: int, a: int) -> Subject | None:
        """The subject of a sentence that ends on its speech verb right before a quotation
        ('whereupon Mrs. Griffin spoke. "Well, ..."'): that person says it."""
        tokens = self.tokens
        j = a - 1
        if j - 2 < start or tokens[j].quote >= 0 or tokens[j].text != ".":
            return None
        verb = j - 1
        word = tokens[verb].lower
        if word not in self.speech and word not in _SPOKE or word in _ACTION_VERBS:
            return None
        sent = tokens[verb].sent
        for i in range(verb - 1, max(start, verb - 8) - 1, -1):
            if tokens[i].sent != sent or tokens[i].quote >= 0:
                return None
            subject, end = self.subject_at(i)
            if subject is not None:
                if start > 0 and tokens[start - 1].quote >= 0 and i <= start + 1:
                    return None  # '"Oh, no," she said. "Matthew went ..."': the first's tag
                after = self._skip_adverbs(end + 1, verb)
                while after < verb and tokens[after].lower in _AUXILIARIES:
                    after = self._skip_adverbs(after + 1, verb)
                return subject if after == verb else None
        return None

    def _inner_tag(self, cue: QuoteCues, a: int, b: int, q: Quote) -> None:
        """A dash-introduced line carries its tag inside: "—Back to barracks! he said sternly."."""
        tokens = self.tokens
        for i in range(a + 1, b - 1):
            if tokens[i - 1].text not in {",", "!", "?", "…", "..."}:
                continue
            subject, last = self.subject_at(i)
            if subject is None or (
                tokens[i].text[0].isupper() and subject.kind == "pronoun" and tokens[i].lower != "i"
            ):
                continue
            nxt = self._skip_adverbs(last + 1, b)
            if nxt < b and tokens[nxt].lower in self.speech:
                cue.tag = subject
                return
