"""``_Tags``: the subject of the speech tag after a quotation (``tag_after``): named, an
epithet, someone new, a voice, one heard or seen speaking."""

from __future__ import annotations

from ficscope.model import Quote
from ficscope.passes.speaker_cues.records import Subject, _who
from ficscope.passes.speaker_cues.subjects import _Subjects
from ficscope.passes.speaker_cues.words import (
    _ACTION_VERBS,
    _ADVERB_LIKE,
    _BARE_SPEECH,
    _CALL_NOUNS,
    _CALL_VERBS,
    _DETERMINERS,
    _INDEFINITES,
    _NOT_IN_DESCRIPTION,
    _OBJECT_GENDER,
    _OPEN_ENDS,
    _PERCEPTION,
    _PHRASAL_SPEECH,
    _SENTENCE_END,
    _TAG_REACH,
    _THOUGHT_TAGS,
    _VOICE_NOUNS,
    REPLY_VERBS,
    SUBJECT_PRONOUNS,
)


class _Tags(_Subjects):
    """The subject of the speech tag after a quotation."""

    def tag_after(self, q: Quote, b: int, end: int, text: str) -> tuple[Subject | None, list[str]]:
        """The subject of the speech clause after a quotation (tokens from ``b`` to ``end``), and
        the characters it addresses ('"...," he told Sakura')."""
        tokens = self.tokens
        open_end = text[q.start : q.end].rstrip("\"”'’» \n").endswith(_OPEN_ENDS) or (
            text[q.start : q.end].rstrip("\"”'’» \n").endswith(("?", "!"))
            and b < end
            and tokens[b].text[0].islower()
        )
        i = b
        while i < end and tokens[i].text in {",", "—", "–", "-"}:
            i += 1
        called = self._call_from_afar(i, end)
        if called is not None:
            return called, []
        limit = min(end, i + _TAG_REACH)
        verb_first, verb = False, ""
        while i < limit:
            tok = tokens[i]
            if tok.quote >= 0 or tok.lower in _SENTENCE_END:
                return None, []
            if self._named_by_epithet(i):
                i += 1  # '"You can't read," said Black Pete': the name is the subject
                continue
            if not verb_first and tok.lower == "the" and self._name_at(i + 1):
                i += 1  # '"You're staring," the Doctor says': a name that takes "the"
                continue
            subject, last = self.subject_at(i, tag=True)
            if subject is not None:
                after = self._skip_adverbs(last + 1, end)
                nxt = tokens[after].lower if after < end else ""
                heard = self._perceived_speaker(after, end) if nxt in _PERCEPTION else None
                if heard is not None:  # '"This son of mine," he heard her tell the room'
                    hearer = subject.character if subject.kind != "pronoun" else None
                    if hearer is None:
                        return heard
                    if heard[0].resolved == hearer:
                        heard[0].resolved = None  # '"Is it so very bad?" Mary heard her say.'
                    return heard[0], [*heard[1], hearer]  # the one hearing is not speaking
                if verb_first:
                    subject.confirmed = True  # "said Kakashi", "said he"
                elif (
                    nxt in self.speech
                    or (nxt in _THOUGHT_TAGS and i == b)
                    or self._phrasal(after, end)
                    or (subject.gender in ("1", "p") and nxt in self.base_speech)
                ):  # '"...," you chirp', '"...," they hiss' (a singular they), "I mumble"
                    if nxt in _ACTION_VERBS and after + 1 < end:
                        if tokens[after + 1].lower in _DETERMINERS:
                            return None, []  # "Sakura pressed the bandage against her"
                    if nxt in REPLY_VERBS and after + 1 < end and tokens[after + 1].lower == "that":
                        # '"Do you know what day it is?" I answered that it was May.': the one
                        # answering in reported words is spoken to, not speaking
                        answering = subject.character or subject.resolved
                        return None, [answering] if answering else []
                    subject.confirmed = True
                elif open_end and i == b and self._verb_like(nxt):
                    if self._embedded_subject(subject, after + 1, end):
                        return None, []  # '"It is fine," he could tell she was lying'
                    subject.confirmed = False  # '"...," Kakashi countered'
                else:
                    return None, []
                verb_at = after if not verb_first else i
                subject.verb = verb if verb_first else nxt
                return subject, self._objects(verb_at + 1, end)
            if verb_first and tok.lower == "the" and (named := self._described_name(i, end)):
                subject, last = named  # '"Fire feels good," said the burly Moze'
                subject.confirmed, subject.verb = True, verb
                return subject, self._objects(last + 1, end)
            if verb_first and tok.lower in _INDEFINITES:
                found = self._indefinite_speaker(i, end)
                if found is not None:  # '"Goodwives," said a hard-featured dame of fifty'
                    subject, last = found
                    subject.verb = verb
                    return subject, self._objects(last + 1, end)
                return None, []
            if tok.lower in self.speech or (tok.lower in _THOUGHT_TAGS and i == b):
                verb_first, verb = True, tok.lower
            elif self._phrasal(i, end):
                verb_first, verb = True, tok.lower
                i += 1  # "went on Sir Henry"
            elif open_end and i == b and self._names_after_verb(i, end):
                verb_first, verb = True, tok.lower  # '"Aw," fleered Happy Jack'
            elif verb_first and (tok.text == "," or tok.lower in ("more", "less")):
                pass  # '"Ah, but," interposed, more softly, a young wife'
            elif not (tok.lower.endswith("ly") or tok.lower in _ADVERB_LIKE):
                return None, []
            i += 1
        return None, []

    def _call_from_afar(self, i: int, end: int) -> Subject | None:
        """An inverted tag of a call that comes from somewhere ('"Sail ho!" came the hail from
        the masthead', '"Who\'s there?" came a voice from the hall'): someone unseen, new, named
        by the call and where it came from."""
        tokens = self.tokens
        if i + 2 >= end or tokens[i].lower not in _CALL_VERBS:
            return None
        det = i + 1
        if tokens[det].lower not in ("the", "a", "an"):
            return None
        noun = next(
            (k for k in range(det + 1, min(end, det + 3)) if tokens[k].lower in _CALL_NOUNS), -1
        )
        if noun < 0 or not all(tokens[k].text.isalpha() for k in range(det + 1, noun)):
            return None
        last = noun
        if noun + 2 < end and tokens[noun + 1].lower == "from" and tokens[noun + 2].lower == "the":
            k = noun + 3
            while k < end and k - noun <= 4 and tokens[k].text.isalpha():
                k += 1
            if k > noun + 3:
                last = k - 1  # "the hail from the masthead"
        text = self.dis.text[tokens[det].start : tokens[last].end]
        return Subject(self._unnamed(text), "epithet", token=det, verb=tokens[i].lower)

    def _name_at(self, i: int) -> bool:
        """Whether a name (not a description) begins at token ``i``."""
        ref = self.refs.get(i)
        return ref is not None and ref[2] == "name" and self.tokens[i].text[:1].isupper()

    def _named_by_epithet(self, i: int) -> bool:
        """Whether token ``i`` is a capitalised word that is no name itself, right before a name
        ("Black Pete", "Little John"): part of how the story calls that person."""
        word = self.tokens[i].text
        ref = self.refs.get(i + 1)
        return (
            not self.tokens[i].sent_start  # not '"..." And Miss Taylor sailed out'
            and word[:1].isupper()
            and word.isalpha()
            and word.lower() not in self.speech  # '"Me too!" Cried Sakura's disguise.'
            and i not in self.refs
            and ref is not None
            and ref[2] == "name"
            and ref[1] is not None
        )

    def _described_name(self, i: int, end: int) -> tuple[Subject, int] | None:
        """A name after "the" and at most two lower-case words at token ``i`` ("the burly
        Moze", "the Slayer": a name the lines call out), as a subject, and its last token."""
        tokens = self.tokens
        for k in range(i + 1, min(end, i + 4)):
            if not all(t.text.isalpha() and t.text.islower() for t in tokens[i + 1 : k]):
                return None
            ref = self.refs.get(k)
            if ref is not None and ref[2] == "name" and ref[1]:
                return Subject(ref[1], "name", token=k), ref[0]
        return None

    def _names_after_verb(self, i: int, end: int) -> bool:
        """Whether token ``i`` is a past-tense verb the speech list does not know, followed by
        someone's name or description ('fleered Happy Jack', 'amended Mr. Pett')."""
        tokens = self.tokens
        word = tokens[i].text
        if not (word.isalpha() and word.islower() and word.endswith("ed")) or i + 1 >= end:
            return False
        ref = self.refs.get(i + 1)
        return ref is not None and ref[2] != "pronoun" and ref[1] is not None

    def _indefinite_speaker(self, i: int, end: int) -> tuple[Subject, int] | None:
        """Someone new an inverted tag introduces by an indefinite noun phrase starting at token
        ``i`` whose head the person-noun list does not know ("said a hard-featured dame",
        "added a third autumnal matron", "cried another female", "said one of the colts"), and
        its last token."""
        tokens = self.tokens
        head, start = -1, i + 1
        if tokens[i].lower == "one":  # "one of the colts"
            if not (
                i + 2 < end and tokens[i + 1].lower == "of" and tokens[i + 2].lower in _DETERMINERS
            ):
                return None
            start = i + 3
        for k in range(start, min(end, start + 5)):
            if tokens[k].text == "," and head >= 0 and self._describes(k + 1):
                continue  # "a thin, elderly gentleman"
            if not self._describes(k):
                break
            if self.tokens[k].lower.endswith("ly") and not self._describes(k + 1):
                break  # "said a woman softly", not "a surly man"
            head = k
        if head < 0 or tokens[head].lower in _VOICE_NOUNS:
            return None  # "replied another voice, which Margaret knew to be Mrs. Gibson's"
        text = self.dis.text[tokens[i].start : tokens[head].end]
        character = self._unnamed(text, self.others.get(tokens[head].lower))
        modifiers = {t.lower for t in tokens[start:head] if t.text.isalpha()}
        self.introduced.setdefault(tokens[head].lower, (i, character, modifiers))
        return Subject(character, "epithet", token=i), head

    def _describes(self, k: int) -> bool:
        """Whether token ``k`` can be a word of a description ("hard-featured", "dame")."""
        token = self.tokens[k] if k < len(self.tokens) else None
        if token is None:
            return False
        word = token.lower
        return (
            token.quote < 0
            and word.replace("-", "").isalpha()
            and token.text[0].islower()
            and word not in _NOT_IN_DESCRIPTION
            and word not in _DETERMINERS
            and not word.endswith("ing")
        )

    def _perceived_speaker(self, verb: int, end: int) -> tuple[Subject, list[str]] | None:
        """The one heard speaking after a perception verb at token ``verb``: "he heard her
        tell", "I heard Sakura whisper" (the hearer is not the speaker)."""
        tokens = self.tokens
        k = verb + 1
        if k >= end or tokens[k].quote >= 0:
            return None
        ref = self.refs.get(k)
        word = tokens[k].lower
        if ref is not None and ref[2] != "pronoun" and ref[1]:
            heard, last = Subject(ref[1], ref[2], token=k), ref[0]
        elif word in _OBJECT_GENDER:
            resolved = ref[1] if ref is not None else None
            heard, last = Subject(None, "pronoun", _OBJECT_GENDER[word], resolved, token=k), k
        elif word in ("a", "an", "one", "another") and (voice := self._voice_at(k + 1, end)):
            # '"What desolation!" she heard one voice say': someone unnamed, not the hearer
            text = self.dis.text[tokens[k].start : tokens[voice].end]
            heard, last = Subject(self._unnamed(text), "epithet", token=k), voice
        else:
            return None
        spoken = self._skip_adverbs(last + 1, end)
        if spoken >= end or tokens[spoken].lower not in self.speech | _BARE_SPEECH:
            return None
        heard.verb = tokens[spoken].lower
        return heard, self._objects(spoken + 1, end)

    def _voice_at(self, k: int, end: int) -> int | None:
        """The voice noun among tokens ``k``, ``k + 1`` ("voice", "deep voice"), if any."""
        for j in range(k, min(end, k + 2)):
            if self.tokens[j].lower in _VOICE_NOUNS:
                return j
            if not self.tokens[j].text.isalpha():
                return None
        return None

    def _phrasal(self, i: int, end: int) -> bool:
        """Whether tokens ``i``, ``i + 1`` are a two-word speech verb: "went on", "put in"."""
        return i + 1 < end and (self.tokens[i].lower, self.tokens[i + 1].lower) in _PHRASAL_SPEECH

    def _embedded_subject(self, subject: Subject, i: int, end: int) -> bool:
        """Whether someone else is the subject of a clause inside tokens ``i``..``end`` ("he could
        tell she was lying"): then the first subject only perceives the line."""
        tokens = self.tokens
        for k in range(i, min(end, i + _TAG_REACH)):
            if tokens[k].quote >= 0 or tokens[k].lower in _SENTENCE_END:
                return False
            if tokens[k].lower in SUBJECT_PRONOUNS:
                other, _ = self.subject_at(k)
                return other is not None and _who(other) != _who(subject)
        return False

    def _objects(self, i: int, end: int) -> list[str]:
        """Characters right after a tag's verb: "he told Sakura", "she asked the boy"."""
        tokens = self.tokens
        while i < end and tokens[i].lower in {"to", "at", "towards", "toward"} | _ADVERB_LIKE:
            i += 1
        if i < end and tokens[i].quote < 0:
            ref = self.refs.get(i)
            if ref is not None and ref[1] and ref[2] != "pronoun":
                return [ref[1]]
        return []
