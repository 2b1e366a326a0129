"""``_Subjects``: who a clause or sentence is about (``subject_at``, ``sentence_subject``):
a name, a description, a pronoun, a group, one picked out of a group."""

from __future__ import annotations

from ficscope.model import NARRATOR
from ficscope.passes.discourse import opens_its_sentence
from ficscope.passes.speaker_cues.records import Subject, _who
from ficscope.passes.speaker_cues.refs import _References
from ficscope.passes.speaker_cues.words import (
    _ADVERB_LIKE,
    _AUXILIARIES,
    _BEING_SOMEWHERE,
    _CLAUSE_OPENERS,
    _FRONTED_PRONOUNS,
    _NUMBERS,
    _OPENS_A_SUBJECT,
    _PICKING,
    _PICKS,
    _PREPOSITIONS,
    _RELATIVES,
    _SOMEONE,
    POSSESSIVE_PRONOUNS,
    SUBJECT_PRONOUNS,
)

# Modifiers a partitive's plural may have before it: "one of the little maids"
_PARTITIVE_MODIFIERS = 2


class _Subjects(_References):
    """Who a clause or sentence is about."""

    def subject_at(
        self, i: int, *, owners: bool = False, tag: bool = False
    ) -> tuple[Subject | None, int]:
        """The person token ``i`` starts (a reference or a subject pronoun) and its last token.
        With ``owners``, a possessor stands for what it owns: "Kakashi's voice", "His eyes"
        (marked unconfirmed: the owner is only probably the actor). A possessor of a person or
        an animal is not that one: "the child's nurse", "Sakura's mother" are new characters."""
        tokens = self.tokens
        ref = self.refs.get(i)
        word = tokens[i].lower
        if ref is None and word not in _OPENS_A_SUBJECT:
            return None, i  # any other word no reference covers is nobody
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        owned = (
            nxt is not None
            and nxt.text[0].isalpha()
            and nxt.text[0].islower()
            and nxt.quote == tokens[i].quote
        )
        if word == "the" and nxt is not None and nxt.lower in ("latter", "former"):
            pair = self._last_two_named(i)
            if pair is not None:  # '"...," said the latter'
                return Subject(pair[nxt.lower == "latter"], "name", token=i), i + 1
        narrator = ref is not None and ref[1] == NARRATOR
        if (word in POSSESSIVE_PRONOUNS or word == "your" and narrator) and (
            ref is None or ref[2] == "pronoun"
        ):
            if not (owners and owned):
                return None, i
            resolved = ref[1] if ref is not None else None
            gender = "1" if narrator else POSSESSIVE_PRONOUNS[word]
            return Subject(None, "pronoun", gender, resolved, confirmed=False, token=i), i + 1
        if ref is not None:
            last, character, kind = ref
            if kind == "pronoun":
                if word == "you" and character == NARRATOR:  # "You bite back a laugh."
                    return Subject(None, "pronoun", "1", character, token=i), last
                if word not in SUBJECT_PRONOUNS:
                    return None, last
                return Subject(None, "pronoun", SUBJECT_PRONOUNS[word], character, token=i), last
            if tokens[last].lower.endswith(("'s", "’s")):
                after = tokens[last + 1] if last + 1 < len(tokens) else None
                if after is None or not (after.text[0].isalpha() and after.text[0].islower()):
                    return None, last
                if after.lower in self.others:  # "the child's nurse" is not the child
                    text = self.dis.text[tokens[i].start : after.end]
                    other = self._unnamed(text, self.others[after.lower])
                    return Subject(other, "epithet", token=i), last + 1
                return Subject(character, kind, token=i), last + 1  # "Kakashi's disguise"
            return Subject(character, kind, token=i), last
        if word in SUBJECT_PRONOUNS:
            return Subject(None, "pronoun", SUBJECT_PRONOUNS[word], None, token=i), i
        determiner = (
            word in ("another", "one")
            and owned
            and nxt is not None
            and nxt.lower not in self.speech
        )
        group = self._group(i) if word == "the" else None
        if group is not None:
            # 'The soldiers bowed as one. "Lady Ayaka."': a group speaking together
            text = self.dis.text[tokens[i].start : tokens[group].end]
            return Subject(self._unnamed(text, "p"), "epithet", token=i), group
        picked = self._picked_out(i, tag=tag) if word in ("the", "one") else None
        if picked is not None:
            # '"Who is this?" the tallest of them barked', '"Uh," said the one at the front':
            # one of a group, someone unnamed
            text = self.dis.text[tokens[i].start : tokens[picked].end]
            return Subject(self._unnamed(text), "epithet", token=i), picked
        if tag and word in _SOMEONE and not determiner:
            # '"Hey!" someone shouted.', '"...," said another' (not "another voice": a description)
            last = i + 1 if nxt is not None and nxt.lower == "else" else i
            text = self.dis.text[tokens[i].start : tokens[last].end]
            return Subject(self._unnamed(text), "epithet", token=i), last
        return None, i

    def _picked_out(self, i: int, *, tag: bool = False) -> int | None:
        """The last token of a phrase at token ``i`` that picks one person out of a group the
        story does not name: "the tallest of them", "one of the guards", "the elder of the two";
        in a line's tag (``tag``) also the looser "the one at the front", "the tallest one",
        "one of those idiots in the back". None if there is none."""
        strict = self._partitive(i)
        if strict is not None or not tag:
            return strict
        tokens = self.tokens

        def low(k: int) -> str:
            return tokens[k].lower if k < len(tokens) else ""

        word, nxt = low(i), low(i + 1)
        if word == "the" and nxt == "one" and low(i + 2) in _PICKING:
            return self._phrase_end(i + 2)
        if word == "the" and nxt.endswith("est") and low(i + 2) in ("of", "one"):
            return self._phrase_end(i + 2)
        if word == "one" and nxt == "of":
            return self._phrase_end(i + 1)
        return None

    def _partitive(self, i: int) -> int | None:
        """_picked_out's strict forms: "the tallest of them", "one of the guards", "the elder of
        the two", where "of" is followed by a pronoun, or a determiner and a plural person noun
        (or a number)."""
        tokens = self.tokens
        if i + 3 >= len(tokens) or tokens[i + 3].quote != tokens[i].quote:
            return None
        word = tokens[i].lower
        k = i + 1
        if word == "the":
            pick = tokens[i + 1].lower
            if not (pick in _PICKS or pick.endswith("est") and len(pick) > 5):
                return None
            k = i + 2
        of = tokens[k]
        if of.lower != "of":
            return None
        group = tokens[k + 1]
        if group.lower in ("them", "us", "you"):
            return k + 1
        if group.lower not in ("the", "those", "these", "their", "his", "her"):
            return None
        last = k + 2
        if last < len(tokens) and tokens[last].lower in _NUMBERS and last + 1 < len(tokens):
            if tokens[last + 1].lower in self.speech or not tokens[last + 1].text[0].isalpha():
                return last  # "the elder of the two"
            last += 1
        for _ in range(_PARTITIVE_MODIFIERS):  # "one of the little maids", "of the older boys"
            mod = tokens[last] if last + 1 < len(tokens) else None
            if mod is None or self.is_people(mod.lower) or not mod.text.isalpha():
                break
            if not mod.text.islower() or tokens[last + 1].quote != tokens[i].quote:
                break
            last += 1
        noun = tokens[last] if last < len(tokens) else None
        if noun is None or not self.is_people(noun.lower):
            return None
        return last

    def _group(self, i: int) -> int | None:
        """The last token of "the soldiers", "the other students" at token ``i`` when a verb or
        a relative pronoun follows: people of the story acting together."""
        tokens = self.tokens
        for last in (i + 1, i + 2):
            if last + 1 >= len(tokens) or tokens[last].quote != tokens[i].quote:
                return None
            if self.is_people(tokens[last].lower):
                after = tokens[last + 1].lower
                # "cried the ladies whose departure had been fixed": a relative clause
                return last if self._verb_like(after) or after in _RELATIVES else None
            if not tokens[last].text.isalpha() or not tokens[last].text.islower():
                return None
        return None

    def groups(self) -> set[str]:
        """Unnamed characters that are groups ("the sailors", "the ladies"): people acting
        together, whose lines a tag or a beat marks."""
        found = set()
        for c in [*self.work.characters, *self.unnamed.values()]:
            words = c.name.lower().split()
            if c.id.startswith("unnamed-") and words and self.is_people(words[-1]):
                found.add(c.id)
        return found

    def animals(self) -> set[str]:
        """Unnamed characters that are animals ("the cat", "the old horse"): they speak only
        where a tag, a beat or a call says so, or where a tag just did."""
        found = set()
        for c in [*self.work.characters, *self.unnamed.values()]:
            words = c.name.lower().split()
            if c.id.startswith("unnamed-") and words and words[-1] in self.animal_nouns:
                found.add(c.id)
        return found

    def is_people(self, word: str) -> bool:
        """Whether ``word`` is a plural of a person noun: "guards", "men", "ladies"."""
        known = self._plurals.get(word)
        if known is None:
            if word.endswith("men"):
                known = word[:-3] + "man" in self.others
            elif word.endswith("ies") and word[:-3] + "y" in self.others:
                known = True  # "ladies"
            else:
                known = word.endswith("s") and (
                    word[:-1] in self.others or word[:-2] in self.others
                )
            self._plurals[word] = known
        return known

    def _phrase_end(self, k: int) -> int:
        """The last word of the phrase running on from token ``k`` (up to punctuation or a verb
        of speech), at most five words on."""
        tokens = self.tokens
        end = k
        while (
            end + 1 < len(tokens)
            and end - k < 5
            and tokens[end + 1].text[0].isalpha()
            and tokens[end + 1].lower not in self.speech
            and tokens[end + 1].quote == tokens[k].quote
        ):
            end += 1
        return end

    def _last_two_named(self, i: int) -> tuple[str, str] | None:
        """The two characters last named or described before token ``i`` in the narration, the
        earlier first: what "the former" and "the latter" point to."""
        found: list[str] = []
        for k in range(i - 1, max(-1, i - 120), -1):
            ref = self.refs.get(k)
            if ref is None or not ref[1] or ref[2] == "pronoun" or self.tokens[k].quote >= 0:
                continue
            if self.tokens[k + 1].lower in ("latter", "former"):
                continue  # 'said the latter' keeps the pair it points into
            if ref[1] not in found:
                found.append(ref[1])
            if len(found) == 2:
                return found[1], found[0]
        return None

    def _verb_like(self, word: str) -> bool:
        return (
            word in self.speech
            or word in _AUXILIARIES
            or word.endswith(("ed", "ew", "ought"))
            or (word.endswith("s") and not word.endswith("ss") and len(word) > 3)
        )

    def _skip_adverbs(self, i: int, end: int) -> int:
        while i < end and (
            self.tokens[i].lower.endswith("ly") or self.tokens[i].lower in _ADVERB_LIKE
        ):
            i += 1
        return i

    def sentence_subject(
        self, indices: list[int], *, last: bool = False, owners: bool = False
    ) -> Subject | None:
        """The subject-like person among narration tokens ``indices`` (one sentence): a reference
        or subject pronoun opening a clause and not governed by a preposition."""
        tokens = self.tokens
        found: list[Subject] = []
        k = 0
        refs = self.refs
        while k < len(indices):
            i = indices[k]
            if i not in refs and tokens[i].lower not in _OPENS_A_SUBJECT:
                k += 1  # nobody, as ``subject_at`` would say: most words, so no call for them
                continue
            subject, end = self.subject_at(i, owners=owners)
            if subject is not None:
                before = tokens[i - 1].lower if i > 0 else "."
                opening = (
                    tokens[i].sent_start
                    or before in _CLAUSE_OPENERS
                    or tokens[i - 1].quote >= 0
                    or (i > 0 and tokens[i - 1].sent != tokens[i].sent)
                    # "The Doctor knelt down": a name that takes "the" opening its sentence
                    or (before == "the" and tokens[i - 1].sent_start and subject.kind == "name")
                    or self._after_fronted_place(i, end)
                    or self._after_inverted_place(i)
                    or self._presented(i)
                )
                if opening and before not in _PREPOSITIONS:
                    found.append(subject)
                    if not last:
                        break
                while k < len(indices) and indices[k] <= end:
                    k += 1
                continue
            k += 1
        if not found:
            return None
        chosen = found[-1] if last else found[0]
        others = [f for f in found if _who(f) != _who(chosen)]
        if last and others and self._cut_off(others[0].token, chosen.token):
            # "Firestar opened his mouth to argue and Graystripe snickered.": the first only
            # made to speak, and the one after got in first
            return chosen
        if others:
            chosen.confirmed = False  # "She smiled and he kissed her palm.": either may speak
            chosen.alternative = others[0] if last else others[-1]
            chosen.alternative.confirmed = False
        return chosen

    def _cut_off(self, first: int, then: int) -> bool:
        """Whether the words from token ``first`` to ``then`` show the one at ``first`` only
        making to speak before someone else acts ("opened his mouth to argue and", "was about to
        answer when", "started to say something but")."""
        words = [t.lower for t in self.tokens[first:then]]
        pairs = set(zip(words, words[1:], strict=False))
        return (
            ("mouth" in words and any(w in ("opened", "opens", "open") for w in words))
            or ("about", "to") in pairs
            or any((w, "to") in pairs for w in ("began", "begins", "started", "starts"))
        )

    def _presented(self, i: int) -> bool:
        """Whether the one unnamed at token ``i`` is presented by a sentence opening "It was":
        "It was a young petty officer from the front desk" (the one come in, who speaks next)."""
        tokens = self.tokens
        ref = self.refs.get(i)
        return (
            i >= 2
            and ref is not None
            and ref[2] == "epithet"
            and bool(ref[1])
            and tokens[i - 1].lower in ("was", "is")
            and tokens[i - 2].lower == "it"
            and tokens[i - 2].sent_start
        )

    def _after_fronted_place(self, i: int, end: int) -> bool:
        """Whether the name or subject pronoun at token ``i`` (to ``end``) follows a short place
        phrase opening its sentence with no comma, and a verb follows it: "Across the table Jonah
        had gone still", "Behind them Tanaka was stretching" (Jonah acts; the table does not),
        "From the other room he could hear Tony ... and Peter laughing" (he, not Peter)."""
        tokens = self.tokens
        start = i - 1
        while start > 0 and not tokens[start].sent_start and i - start <= 4:
            start -= 1
        if not tokens[start].sent_start or tokens[start].lower not in _PREPOSITIONS:
            return False
        kind = self.refs.get(i, (0, None, ""))[2]
        if tokens[i].lower in _PREPOSITIONS or not (
            kind == "name" or (kind == "pronoun" and tokens[i].lower in _FRONTED_PRONOUNS)
        ):
            return False
        if any(not t.text[:1].isalpha() for t in tokens[start + 1 : i]):
            return False  # "Across the table, Jonah ...": the comma case is found already
        if any(j in self.refs for j in range(start + 1, i)):
            return False  # "Beside Mira Jonah ..."
        verb = self._skip_adverbs(end + 1, min(len(tokens), end + 4))
        return verb < len(tokens) and self._verb_like(tokens[verb].lower)

    def _after_inverted_place(self, i: int) -> bool:
        """Whether the name at token ``i`` is the subject of a clause that opens on a place phrase
        and a verb of being somewhere: "and in the middle of it all sat Elizabeth Turner",
        "Behind the bar stood Ma" (the name comes after its verb)."""
        tokens = self.tokens
        if i < 3 or self.refs.get(i, (0, None, ""))[2] != "name":
            return False
        if tokens[i - 1].lower not in _BEING_SOMEWHERE:
            return False
        start = i - 2
        while start > 0 and i - start <= 10:
            if tokens[start].sent_start or tokens[start - 1].lower in _CLAUSE_OPENERS:
                break
            start -= 1
        if tokens[start].lower not in _PREPOSITIONS:
            return False
        return not any(
            j in self.refs or not tokens[j].text[:1].isalpha() for j in range(start + 1, i - 1)
        )

    def opener_goes_on(self, subject: Subject | None, para_first: int) -> Subject | None:
        """A pronoun ``subject`` opening its sentence ("He picked up", "Then he stood") that
        coreference gave to the one the paragraph's narration opens on by name, with nobody
        referred to before that name: as sure as that name ("Hunk elbowed Lance out of the way.
        He picked up one of the fruits. '...'" is Hunk's; the subject goes on). Otherwise
        ``subject`` itself."""
        if subject is None or subject.kind != "pronoun" or subject.gender not in ("m", "f"):
            return subject
        tokens, at = self.tokens, subject.token
        if at <= para_first or subject.resolved is None or tokens[at].quote >= 0:
            return subject
        if not opens_its_sentence(tokens, at):
            return subject
        first = next((i for i in self.refs_in(para_first, at) if tokens[i].quote < 0), None)
        if first is None or tokens[first].sent == tokens[at].sent:
            return subject
        last, character, kind = self.refs[first]
        if kind != "name" or character != subject.resolved:
            return subject
        if last + 1 >= at or not self._verb_like(tokens[last + 1].lower):
            return subject  # "For a long moment Arthur stared": its subject
        if any(tokens[i].quote >= 0 for i in range(para_first, at)):
            return subject  # only narration before it: not a line's answer
        k = at
        while k < len(tokens) and tokens[k].quote < 0 and tokens[k].sent == tokens[at].sent:
            k += 1
        inside = k < len(tokens) and tokens[k].quote >= 0 and tokens[k - 1].text not in ".!?"
        if inside and not any(tokens[i].lower in self.speech for i in range(at, k)):
            return subject  # 'He ought to have been at school, "on account of his health."'
        return Subject(character, "name", confirmed=subject.confirmed, token=at, verb=subject.verb)
