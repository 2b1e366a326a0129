"""``_Calls``: whom a line calls (``vocatives``: names, kin words, descriptions, bare calls)
and the names speakers give as their own (``own_names``)."""

from __future__ import annotations

from bisect import bisect_right

from ficscope.lexicon import is_verb_like, word_list
from ficscope.passes.discourse import Token
from ficscope.passes.name_usage import (
    BARE_CALL_BEFORE,
    BARE_CALL_POINTING,
    VOCATIVE_AFTER,
    VOCATIVE_BEFORE,
)
from ficscope.passes.speaker_cues.tags import _Tags
from ficscope.passes.speaker_cues.words import (
    _ANSWERS_A_PHONE,
    _ASKS_A_NAME,
    _BARE_CALL_AFTER,
    _BARE_CALL_ASKED,
    _BARE_CALL_ASKING,
    _CALL_OPENERS,
    _KEYS_A_DEVICE,
    _OWN_NAME_LEADS,
    _PARTICLE_CALL_ENDS,
    _PARTICLE_NAME,
    KIN_VOCATIVES,
    PARENT_CALLS,
    _in_range,
)


class _Calls(_Tags):
    """Whom a line calls, and the names speakers give as their own."""

    def _my_title_call(self, i: int, a: int) -> bool:
        """Whether the title at token ``i`` is called with "my" ("There is the other matter,
        my Duke."; "My Duke, with respect"): "my" set off as a call is."""
        tokens = self.tokens
        if i - 1 < a or tokens[i - 1].lower != "my" or not tokens[i].text[:1].isupper():
            return False
        return i - 1 == a or tokens[i - 2].lower in VOCATIVE_BEFORE or tokens[i - 1].sent_start

    def vocatives(self, a: int, b: int) -> tuple[list[str], list[str]]:
        """(addressed, otherwise named) characters inside the quotation tokens ``a``..``b``.
        A kinship word used as a name ("I cannot agree with you, papa") addresses the character
        the narration calls "her father"."""
        tokens = self.tokens
        addressed, named = [], []
        for i in self._may_call(a, b):
            ref = self.refs.get(i)
            if ref is None:  # a word no name or pronoun: a kinship word, a title, a group
                low = tokens[i].lower
                kin = self.kin.get(KIN_VOCATIVES.get(low, ""))
                titled = self.titled.get(low) if kin is None else None
                before = tokens[i - 1].lower if i > a else '"'
                if titled is None and kin is None and self._epithet_called(tokens[i], before):
                    titled = self.epithet_calls[low]  # '"Not bad, Slayer."': "the Slayer"
                after = tokens[i + 1].text if i + 1 < b else '"'
                if (
                    tokens[i].text[0].isupper()
                    and low in KIN_VOCATIVES
                    and self._bare_call_opening(i, b)
                ):
                    after = ","  # '"Dad those give me a rash"': a call written without its comma
                if kin is None and titled is None and not self.is_people(low):
                    if (
                        low in PARENT_CALLS
                        and before in VOCATIVE_BEFORE
                        and after in VOCATIVE_AFTER
                    ):
                        self.kin_called[a] = ("", KIN_VOCATIVES[low])  # "Dad" of no one known
                    continue
                if after not in VOCATIVE_AFTER:
                    continue
                if kin is not None:
                    if before in VOCATIVE_BEFORE and before != "you":
                        addressed.append(kin)
                        self.kin_called[a] = (kin, KIN_VOCATIVES[low])  # '"Papa!"': his child
                elif (
                    before in VOCATIVE_BEFORE
                    or tokens[i].sent_start
                    or (titled is not None and self._my_title_call(i, a))
                ):
                    # "So what's the mission, sensei?"; "Gentlemen, she is worth more": a
                    # group called, who may answer
                    addressed.append(titled or self._unnamed(low, "p"))
                continue
            if ref[2] != "name" or not ref[1]:
                continue
            if self._in_nested(tokens[i].start):
                continue  # '"The other three were 'Miss Elizabeth Bennet'"': someone else's words
            start = self._name_start(i, a, ref[1])  # "Kaedehara Kazuha," of a ref "Kazuha"
            before = tokens[start - 1].lower if start > a else '"'
            end = ref[0]
            if (
                end + 2 < b
                and _PARTICLE_NAME.match(tokens[end + 1].text)
                and tokens[end + 2].text in _PARTICLE_CALL_ENDS
            ):
                end += 1  # "Rand al'Thor." of a ref "Rand" (not "Sir John d'Urberville--")
            after = tokens[end + 1].text if end + 1 < b else '"'
            if (
                after == "."
                and self._after_question(a)
                and all(  # the name alone in the line
                    not tokens[j].text[0].isalnum() for j in range(a, b) if not i <= j <= end
                )
            ):
                named.append(ref[1])  # '"What is his name?" / "Bingley."': an answer, not a call
            elif (
                before in VOCATIVE_BEFORE or tokens[start].sent_start
            ) and after in VOCATIVE_AFTER:
                addressed.append(ref[1])
                noun = KIN_VOCATIVES.get(tokens[i].lower, "") if i == ref[0] else ""
                if noun:  # '"Dad, ..."', "Dad" a name: the narration's "her father" if any
                    self.kin_called[a] = (self.kin.get(noun, ref[1]), noun)
            elif before in _CALL_OPENERS and tokens[start - 1].sent_start and after in "?!,":
                addressed.append(ref[1])  # '"And Percy? Next time, maybe just buy the chips."'
            elif self._bare_call(start, ref[0], b):
                addressed.append(ref[1])  # '"Oi Zoro."', '"Nami can we get all of it?"'
            else:
                named.append(ref[1])
        return addressed, named

    def _closing_calls(self, a: int, b: int, calls: list[str]) -> list[str]:
        """Of ``calls``, those of a line from ``a`` to ``b`` calling more than one person,
        whom its last sentence calls ('"... you know, Gilbert, she can do anything. And we
        should call some time, mamma; it's only proper, you know."': the mother, who answers)."""
        tokens = self.tokens
        words = [i for i in range(a, b) if tokens[i].text[:1].isalnum()]
        if not words:
            return []
        last = tokens[words[-1]].sent  # (the closing quotation mark starts a sentence of its own)
        start = next(i for i in range(a, b) if tokens[i].sent == last)
        if start == a:
            return []  # one sentence: no call is the later one
        # read again from ``start``: ``vocatives`` notes a kin call under the start it is
        # given, and the whole line's reading (under its own start) is what stays
        earlier = self.kin_called.get(start)
        closing, _ = self.vocatives(start, b)
        if earlier is None:
            self.kin_called.pop(start, None)
        else:
            self.kin_called[start] = earlier
        return [c for c in closing if c in calls]

    def _may_call(self, a: int, b: int) -> list[int]:
        """The tokens from ``a`` to ``b`` that ``vocatives`` reads: references, and words that
        call a kin, a titled character or a group ("papa", "sensei", "gentlemen"). The rest
        call nobody, and a quotation's words are mostly those."""
        if self._callers is None:

            def calls(word: str) -> bool:
                kin = self.kin.get(KIN_VOCATIVES.get(word, ""))
                titled = self.titled.get(word) if kin is None else None
                return (
                    kin is not None
                    or titled is not None
                    or word in self.epithet_calls
                    or word in PARENT_CALLS
                    or self.is_people(word)
                )

            self._callers = sorted(self.refs.keys() | set(self.dis.positions_where(calls)))
        return _in_range(self._callers, a, b)

    def _epithet_called(self, token: Token, before: str) -> bool:
        """Whether ``token`` of a quotation, after the word ``before``, calls the one the
        narration calls "the" it: capitalised, set off by a comma or the like ("Not bad,
        Slayer.", "Welcome to look elsewhere. Turian.")."""
        return (
            token.lower in self.epithet_calls
            and token.text[0].isupper()
            and before in VOCATIVE_BEFORE
        )

    def _bare_call(self, start: int, last: int, b: int) -> bool:
        """Whether the name in tokens ``start``..``last`` of a quotation ending before token
        ``b`` is a call written without its comma: closing its sentence after a word of
        ``_BARE_CALL_AFTER``, or opening one before a word no subject has after it."""
        tokens = self.tokens
        after = tokens[last + 1].text if last + 1 < b else '"'
        if after in VOCATIVE_AFTER:
            before = tokens[start - 1]
            if before.lower == "no" and not before.sent_start:
                return False  # "I am no Saxon,": a determiner, not "No Harry."
            return before.lower in _BARE_CALL_AFTER or (
                self.drops_commas and _ends_a_said_thing(before.lower, before.text)
            )
        return self._bare_call_opening(start, b, last)

    def _bare_call_opening(self, start: int, b: int, last: int | None = None) -> bool:
        """Whether the word (or name) in tokens ``start``..``last`` opens a
        quotation's sentence before a word no subject has after it ("Keith you idiot", "Dad
        those give me a rash", "Nami can we go?")."""
        tokens = self.tokens
        last = start if last is None else last
        if not tokens[start].sent_start or last + 2 >= b:
            return False
        word, then = tokens[last + 1].lower, tokens[last + 2].lower
        return (
            word in BARE_CALL_BEFORE
            or word in BARE_CALL_POINTING
            or word in _BARE_CALL_ASKING
            and then in _BARE_CALL_ASKED
        )

    def _in_nested(self, pos: int) -> bool:
        """Whether text offset ``pos`` lies inside a quotation within a quotation."""
        k = bisect_right(self._nested_starts, pos) - 1
        return k >= 0 and pos < self.nested_spans[k][1]

    def _name_start(self, i: int, a: int, character: str) -> int:
        """The first token of the name whose reference starts at token ``i``, taking in the
        capitalised words just before it that belong to the character's name ("Kaedehara" of
        "Kaedehara Kazuha" when only "Kazuha" was found)."""
        if self._name_words is None:
            self._name_words = {
                c.id: {w.lower() for form in (c.name, *c.aliases) for w in form.split()}
                for c in self.work.characters
            }
        words = self._name_words.get(character, set())
        while i > a and self.tokens[i - 1].text[:1].isupper() and self.tokens[i - 1].lower in words:
            i -= 1
        return i

    def own_names(self, a: int, b: int) -> list[str]:
        """Characters a quotation in tokens ``a``..``b`` gives as its speaker's own name: "My
        name is Sakura", "I'm Naruto", "I am Mrs. Hale", "Call me Anne"."""
        tokens = self.tokens
        found = []
        for i in self.refs_in(a + 1, b):  # the references in the line, not every token
            ref = self.refs[i]
            if ref[2] != "name" or not ref[1]:
                continue
            if tokens[ref[0]].lower.endswith(("'s", "’s")):
                continue  # "I am Jane's friend"
            before = " ".join(t.text.lower() for t in tokens[max(a, i - 2) : i]).replace("’", "'")
            if before.endswith(_OWN_NAME_LEADS):
                found.append(ref[1])
        return found

    def _initials_signed(self, a: int, b: int) -> list[str]:
        """The one a written line is signed by: a last word of two or three capitals after the
        end of a sentence that are the initials of one character's name of two words or more
        ('"Also we are out of milk. SH"', '"Love you all. PG"' from Penelope Garcia)."""
        tokens = self.tokens
        end = b - 1  # the last word, read from the line's end: most lines fail at once
        while end > a and not tokens[end].text[:1].isalnum():
            end -= 1
        if end <= a:
            return []
        last = tokens[end].text
        if not (2 <= len(last) <= 3 and last.isalpha() and last.isupper()):
            return []
        if not any(tokens[i].text[:1].isalnum() for i in range(a + 1, end)):
            return []  # a word before it
        if tokens[end - 1].text not in (".", "!", "?", "…"):
            return []
        found = {
            c.id
            for c in self.work.characters
            for form in (c.name, *c.aliases)
            if len(form.split()) >= 2
            and "".join(w[:1] for w in form.split() if w[:1].isupper()) == last
        }
        return list(found) if len(found) == 1 else []

    def _name_given(self, qi: int, a: int, b: int) -> list[str]:
        """The name a line opens with when the line before asked for it ('"What's your name?"'
        / '"Mira. Everyone else went away."'): the speaker's own."""
        if qi == 0 or qi - 1 not in self._asking_names():
            return []
        ref = self._opening_name(a, b)
        if ref is None:
            return []
        after = ref[0] + 1
        if after < b and self.tokens[after].text not in (".", "!", ",", "…", "..."):
            return []  # "Mira went away": a sentence about her, not her name
        return [ref[1]]

    def _asking_names(self) -> set[int]:
        """The quotations (indices into ``dis.quotes``) that ask for a name ("What's your
        name?"), read once from the text: every ``turns()`` asks it of every line."""
        if self._asked_names is None:
            text = self.dis.text
            self._asked_names = {
                qi
                for qi, q in enumerate(self.dis.quotes)
                if _ASKS_A_NAME.search(text[q.start : q.end].lower().replace("’", "'"))
            }
        return self._asked_names

    def _opening_name(self, a: int, b: int) -> tuple[int, str, str] | None:
        """The name reference a quotation in tokens ``a``..``b`` opens with, if any."""
        first = next((i for i in range(a + 1, b) if self.tokens[i].text[:1].isalnum()), None)
        ref = self.refs.get(first) if first is not None else None
        if ref is None or ref[2] != "name" or not ref[1]:
            return None
        return ref[0], ref[1], ref[2]

    def _answers_with_name(self, qi: int, a: int, b: int) -> list[str]:
        """The name a line is, alone, when it opens its paragraph right after narration that
        answers a phone ("She picked up on the second ring." / '"Beckett."', "The phone rang."
        / '"Scully."'): the one answering says who she is, she does not call herself."""
        tokens = self.tokens
        ref = self._opening_name(a, b)
        if ref is None:
            return []
        rest = [tokens[i].text for i in range(ref[0] + 1, b) if tokens[i].quote >= 0]
        dis = self.dis
        p = tokens[a].para
        para = dis.paragraphs[p]
        if rest[:1] == ["."] and self._keyed_by(para.first_token, a, ref[1]):
            return [ref[1]]  # 'Sheridan tapped his link. "Sheridan. Go ahead, Michael."'
        if rest[:1] != ["."] or any(t[:1].isalnum() or t in "!?,;:" for t in rest):
            return []  # "Beckett!" or "Beckett, listen": a call
        if p == 0 or dis.text[para.start : dis.quotes[qi].start].strip():
            return []
        before = dis.paragraphs[p - 1]
        inside = range(before.first_token, min(before.last_token + 1, len(tokens)))
        if any(tokens[i].quote >= 0 and tokens[i].para == p - 1 for i in inside):
            return []  # the paragraph before is someone's line, not narration
        text = dis.text[before.start : before.end].lower()
        return [ref[1]] if _ANSWERS_A_PHONE.search(text) else []

    def _keyed_by(self, start: int, a: int, who: str) -> bool:
        """Whether the narration of tokens ``start``..``a`` (a paragraph's, before its first
        line) names ``who`` and has someone touch what they talk through ("Sheridan tapped his
        link."): a line then opening on ``who``'s name and a full stop is ``who`` answering the
        call with their own name, not calling themselves."""
        tokens = self.tokens
        if a <= start or any(tokens[i].quote >= 0 for i in range(start, a)):
            return False
        if not any(self.refs[i][1:] == (who, "name") for i in self.refs_in(start, a - 1)):
            return False
        text = self.dis.text[tokens[start].start : tokens[a - 1].end].lower()
        return _KEYS_A_DEVICE.search(text) is not None

    def _after_question(self, a: int) -> bool:
        """Whether the quotation before the one starting at token ``a`` (in this paragraph or
        the one before) ended on a question."""
        tokens = self.tokens
        j = a - 1
        while j >= 0 and tokens[j].quote < 0 and tokens[a].para - tokens[j].para <= 1:
            j -= 1
        if j < 0 or tokens[a].para - tokens[j].para > 1:
            return False
        while j > 0 and not tokens[j].text[0].isalnum() and tokens[j].text != "?":
            j -= 1
        return tokens[j].text == "?"


_TAKES_SOMEONE = frozenset(
    # base forms that take a person after them ("I know Nat.", "Tell Jane.", "Poor Jane!")
    "know tell ask see meet call love hate find help trust leave kill like miss believe beat "
    "need want get follow thank forgive kiss hug marry remember join wake bring take give "
    "let make show watch hear stop save fight lose pay poor dear dearest".split()
)


def _ends_a_said_thing(word: str, text: str) -> bool:
    """Whether a lower-case word before a name closing a line's sentence ends something said
    to that one, so that the name is a call written without its comma ('"Its a bad idea
    Nat"', '"Wasnt trying to be funny Tai."'): no function word ("with Nat"), no verb or word
    that takes a person after it ("I know Nat.", "saw Nat", "helping Van")."""
    return (
        text.isalpha()
        and text.islower()
        and word not in word_list("function_words")
        and word not in _TAKES_SOMEONE
        and not is_verb_like(word)
        and not word.endswith("ing")
    )
