"""``_Narration``: what a narration paragraph before a line says of who acts in it: the last
actor of an untagged line, whether that one is shown alone at the paragraph's end, the subject
its first sentence opens on (and a pronoun beat that carries it on), the one a thing is done
to, a throat cleared."""

from __future__ import annotations

from collections.abc import Sequence

from ficscope.passes.discourse import Paragraph, Token
from ficscope.passes.speaker_cues.records import Subject
from ficscope.passes.speaker_cues.voices import _Voices
from ficscope.passes.speaker_cues.words import (
    _GROUP_SUBJECTS,
    _OBJECTS,
    _OPENS_A_SUBJECT,
    _PREPOSITIONS,
    _THING_OPENERS,
    UNTIL,
)


class _Narration(_Voices):
    """Readings of the narration paragraph before a turn: who acts last, alone or first in it."""

    def _last_actor(self, para: Paragraph) -> Subject | None:
        """The subject of the last sentence of a narration paragraph, as an unsure beat of the
        untagged line after it: 'she turned just in time to seize a small boy' / '"There!"'.
        When nobody acts in the last sentence, the named one (or owner) acting in the sentence
        before: 'Megumi's hands came together. The shadows under the bench stirred.' (not a
        pronoun there: 'he received a punch. The fact that it didn't wind him ...' is as often
        the other one's doing)."""
        if para.last_token <= para.first_token:
            return None
        last = self._last_sentence(para)
        # "Rebecca was at her desk when Keeley swept in": the one arriving acts last
        subject = self.sentence_subject(last, last=True)
        if (
            subject is not None
            and self.tokens[subject.token - 1].lower in UNTIL
            and self._main_goes_on(last, subject.token)
        ):
            subject = None  # "X looked up when I came in, and gave me the look": X acts last
        # "Laszlo swept past them all to open it, and a teenager ... held out a box": the one met
        # there acts last
        comes_in = subject is not None and self._comes_in_after_and(subject)
        if not comes_in and (subject is None or self.tokens[subject.token - 1].lower not in UNTIL):
            first = self.sentence_subject(last)
            if (
                first is None
                or subject is None
                or subject.kind == "pronoun"
                or self.tokens[first.token].lower not in _GROUP_SUBJECTS
            ):
                subject = first
            # else "We slide into our booth, and Chloe puts her boots up": of a group, the one
            # named acting after it acts last
        if subject is None and last[0] > para.first_token:
            before = self.dis.sentence_until(para.first_token, last[0])
            # "Wynonna comes and stands next to me. The snow has stopped. The sky is very big.":
            # sentences that refer to no one are scenery, passed over
            while before[0] > para.first_token and not any(i in self.refs for i in before):
                before = self.dis.sentence_until(para.first_token, before[0])
            subject = self.sentence_subject(before, owners=True)
            if subject is not None and subject.kind == "pronoun":
                subject = None
        if subject is not None:
            subject.confirmed = False
        return subject

    def _comes_in_after_and(self, subject: Subject) -> bool:
        """Whether ``subject``, the last subject of a sentence, is someone described and met there
        for the first time, opening the clause after ", and": 'Laszlo swept past them all to
        open it, and a teenager in a bakery polo shirt held out a large white box.' (the one
        who comes in acts last, not the one the sentence opened on)."""
        tokens, i = self.tokens, subject.token
        if subject.kind != "epithet" or subject.character is None or i < 2:
            return False
        if tokens[i - 1].lower != "and" or tokens[i - 2].text != ",":
            return False
        return self.first_met().get(subject.character) == i  # rare: no need to keep it

    def _shown_alone(self, para: Paragraph, actor: Subject | None) -> bool:
        """Whether the last sentence of a narration paragraph has ``actor`` for its subject and
        refers to nobody else: a name ('Then Harvey smiled, slow and wide.', not 'Kirishima
        watches me do this', 'Rand followed the Warder to a clearing'), or a pronoun coreference
        took for the one the paragraph's first sentence names or describes as its subject, a
        paragraph that follows one person to its end ('Kirk looked around the room at all of
        them, ... He lifted his plate like a glass.'; not 'The farmwife looked at the Wisdom
        ... Then she stepped back from the door.' with the "she" taken for the Wisdom)."""
        if actor is None or actor.who is None or actor.kind not in ("name", "pronoun"):
            return False
        last = self._last_sentence(para)
        if actor.token not in last:
            return False
        for first in self.refs_in(last[0], last[-1] + 1):
            if self.refs[first][1] not in (actor.who, None):
                return False
        if actor.kind == "pronoun":
            opening = self._opening_subject(para)
            return opening is not None and opening.character == actor.who
        return True

    def _opening_subject(self, para: Paragraph) -> Subject | None:
        """The named or described subject opening a narration paragraph's first sentence (not a
        pronoun), as an unsure cue: who a pronoun tag after a pause most likely is."""
        tokens = self.tokens
        if para.last_token <= para.first_token:
            return None
        sent = tokens[para.first_token].sent
        first = [i for i in range(para.first_token, para.last_token) if tokens[i].sent == sent]
        subject = self.sentence_subject(first)
        if subject is None or subject.kind == "pronoun":
            return None
        subject.confirmed = False
        return subject

    def _carried_on(self, para: Paragraph, beat: Subject | None) -> Subject | None:
        """A pronoun beat before a paragraph's first line that takes up the one its first
        sentence names as subject is that named one, as plain as a name: 'Elinor put down her
        pencil very carefully ... She did not need to go to the window; she had known the set of
        those shoulders from the first.' / "'It is Mr Ferrars.'" (acc28-beat5)."""
        if beat is None or beat.kind != "pronoun" or not beat.confirmed:
            return beat
        at = beat.token
        if not self.tokens[at].sent_start and self.tokens[at - 1].text not in (";", ":"):
            return beat  # "It was smaller ..., and he kept glaring at it.": the thing's sentence
        opener = self._opening_subject(para)
        if opener is None or opener.token >= beat.token or opener.character != beat.resolved:
            return beat
        return Subject(opener.character, opener.kind, token=opener.token)

    def _main_goes_on(self, sentence: list[int], at: int) -> bool:
        """Whether, after the "when" clause whose subject is token ``at``, the sentence goes on
        with ", and" and a verb: the main clause's subject acting again ("Skinner's secretary
        looked up when I came in at eight, and gave me the expression")."""
        tokens = self.tokens
        later = [i for i in sentence if i > at]
        for i, j in zip(later, later[1:], strict=False):
            if tokens[i].text == "," and tokens[j].lower == "and":
                after = j + 1
                return (
                    after < len(tokens)
                    and after in sentence
                    and after not in self.refs
                    and tokens[after].lower not in _OPENS_A_SUBJECT
                    and tokens[after].text[:1].islower()
                )
        return False

    def _done_to(self, indices: list[int]) -> str | None:
        """The person a sentence about a thing does something to: 'The wrench caught him square
        in the forehead.' / '"OW!"', 'Something soft hit me in the face.' (the one hit reacts).
        The sentence opens on a thing ("the", "a", "something"), and its verb, one or two words
        on, is followed by a name or an object pronoun (coreference's guess)."""
        tokens = self.tokens
        if len(indices) < 3 or tokens[indices[0]].lower not in _THING_OPENERS:
            return None
        for i in indices[2:5]:
            ref = self.refs.get(i)
            if ref is None:
                if not tokens[i].text[0].isalpha() or tokens[i].lower in _PREPOSITIONS:
                    return None
                continue
            if tokens[i - 1].lower in _PREPOSITIONS | _THING_OPENERS:
                return None  # "the hand on Sakura", "The Watcher set"
            if ref[2] == "pronoun" and tokens[i].lower not in _OBJECTS:
                return None
            if tokens[ref[0]].lower.endswith(("'s", "’s")):
                return None
            return ref[1]
        return None


_CLEARS = frozenset({"cleared", "clears", "clearing"})


def _clears_throat(tokens: Sequence[Token], sentence: Sequence[int]) -> bool:
    """Whether a narration sentence says someone clears their throat ("cleared his throat")."""
    return any(
        tokens[i].lower in _CLEARS
        and i + 2 < len(tokens)
        and tokens[i + 2].lower == "throat"
        and tokens[i + 1].quote < 0
        for i in sentence
    )
