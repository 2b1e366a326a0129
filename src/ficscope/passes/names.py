"""Proper-name mentions of people: capitalised sequences that the story itself shows to be
names (capitalised mid-sentence, rarely lower case), kept when they behave like people (speak,
act, own things, are addressed, carry titles or honorifics) rather than places: ``NameFinder``
decides from ``name_usage.NameUsage``'s counts which words are names and finds the mentions,
``name_evidence.person_evidence`` scores each name word person or place."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ficscope.lexicon import (
    TITLES,
    formal_given_names,
    given_name_genders,
    is_verb_like,
    word_list,
)
from ficscope.passes.discourse import Discourse
from ficscope.passes.name_usage import (
    _MONTHS,
    BARE_CALL_BEFORE,
    BARE_CALL_POINTING,
    VOCATIVE_AFTER,
    VOCATIVE_BEFORE,
    NameUsage,
    _norm,
    _split_word,
)

# a parent's kinship words, which a child's story writes as a name ("Mum said")
_PARENT_WORDS = frozenset("mum mom dad mama papa mommy daddy mummy".split())

_PARTICLES = frozenset(
    {
        "de",
        "van",
        "von",
        "der",
        "den",
        "di",
        "da",
        "del",
        "la",
        "le",
        "du",
        "bin",
        "al",
        "mac",
        "o'",
    }
)
# Number words, names in some stories ("Five", "Eleven"), but only called and acting like one.
_NUMBERS = frozenset("one two three four five six seven eight nine ten eleven twelve".split())
# Subjects after a verb that opens a question: "Will you sit?", "Can we go?"
_ASKED = frozenset({"you", "we", "he", "she", "they", "it", "I"})
# titles written shortened, whose full stop may stand before the name ("Mr. Stark"); a whole
# word ("Miss", "Sir", "Lady") before a full stop ends its sentence: "Excuse me, Miss. Inspector
# Robinson telephoned" calls someone "Miss" and names the inspector
_SHORTENED_TITLES = frozenset("mr mrs ms dr prof capt col sgt lt rev st gen fr sr".split())
_NOT_ONE_LETTER_NAMES = frozenset("AIO")  # "A man", "I said", "O Lord"
# Words after a name called at a sentence's start: "ron, you did that", "ron you did that",
# "keith what"
_CALLED_BEFORE = BARE_CALL_BEFORE | {","}
# Subjects of a clause after a call with no comma: '"hermione we have a match"'
_CALLED_CLAUSE = BARE_CALL_POINTING | {"we", "they", "that"}


@dataclass(frozen=True, slots=True)
class NameMention:
    start: int  # span of the whole mention, title and honorific included
    end: int
    parts: tuple[str, ...]  # the name's words, Title-cased, without title or honorific
    title: str | None  # "Mr", "Lady", ...
    honorific: str | None  # "sensei", "sama", ...
    first_token: int
    last_token: int  # inclusive
    in_quote: bool
    vocative: bool = False

    @property
    def surface(self) -> str:
        return " ".join(self.parts)


# the honorifics that make any capitalised word before them a name: "Gin-san", "Shin-chan"
_NAMING_SUFFIXES = frozenset("san sama kun chan sensei senpai dono".split())


def _clipped_call(key: str, honorific: str | None) -> bool:
    """Whether ``key`` is a name by the honorific written on it, though it is also an English
    word ("Gin-san" of Gintoki, "Shin-chan"): no word but a name takes "-san" (acc27-r24a)."""
    return honorific in _NAMING_SUFFIXES and key.isalpha() and len(key) >= 2


# The letters a name's short form cuts off its end ("Duck" of Ducky, "Bell" of Bella).
_CLIPPED_TAILS = ("y", "ie", "ey", "o", "a", "er")


class NameFinder(NameUsage):
    """Finds person-name mentions in a discourse."""

    def __init__(self, dis: Discourse, known: Callable[[str], bool] | None = None) -> None:
        """``known``: whether a fandom pack or the author's tags know a word as a name (or
        one of a name's words): "Bones" of a Star Trek story."""
        self.known = known
        super().__init__(dis)

    def _month_named(self, word: str) -> bool:
        """Whether a month's name is someone's here: after a title ("Aunt March", "Mrs. May"),
        in a full name ("Jo March", "April Ludgate"), tagging a line or called in one."""
        return bool(
            self.titled[word] or self.in_full[word] or self.tagging[word] or self.called[word]
        )

    def is_name_word(self, word: str) -> bool:
        """Does the story show ``word`` (Title-cased) as a proper name?"""
        low = word.lower()
        if low in _NUMBERS and self.called[word] and self.acting[word] + self.tagging[word]:
            return True  # '"Thank you, Five," Luther said.' and "Five took a knife.": a name
        if len(word) == 1 and word not in _NOT_ONE_LETTER_NAMES:
            # "L", "V", "Q": a name of one letter when a pack knows it, or when it tags a line
            # and tags, acts or is called once more ('"...," L said.', "V shrugged."), or
            # when it follows a title twice or more ("Mrs S", acc26-r23b)
            known = self.known is not None and self.known(word)
            return known or self._plays_a_person(word) or self.letter_titled[word] >= 2
        if low in _MONTHS and self._month_named(word):
            return True  # "Aunt March", "April Ludgate", '"No," April said.'
        if low in self.stop or len(word) < 2 or low in TITLES and word not in self.cap_mid:
            return False
        if low.endswith(("n't", "n’t")):
            return False  # "Don't", "Can't": a negated verb
        mid, start, lower = self.cap_mid[word], self.cap_start[word], self.lower[word]
        if mid > lower and self.known is not None and self.known(word):
            return True  # '"I was busy, Bones."' where the pack calls McCoy "Bones"
        if lower == 0 and start and self.known is not None and self.known(word):
            return True  # "Maze is behind the bar.": the pack's Mazikeen, never a maze here
        if mid == 0 and start == 0:
            # only ever in capitals: a name if it tags a line or is called, and is written so
            # more than once ("JARVIS"), not a shouted English word ("NO", "STOP"); an English
            # word too when it tags two lines outside the quotations ('"...," ART said'), as no
            # shouted word does
            return lower == 0 and (
                self.shout_named[word] >= 1
                and self.shouted[word] >= 2
                and low not in self.common
                or self.shout_tags[word] >= 2
            )
        if mid == 0:
            # Only ever sentence-initial: trust it only if it is no common English word.
            return (
                start >= 1
                and low not in self.common
                and lower == 0
                and not low.endswith("ing")
                and not self._adverb_like(low)
            )
        if self.owned[word] == mid + start:
            return False  # "Your Worship", "His Grace", "his Kage's eyes": a form of address
            # or a title, never a name alone
        if self.tagging[word] and lower == 0 and not self._adverb_like(low):
            return True  # a line's tag: '"...," Slim stated solemnly.'
        if self.placed[word] >= 2 and lower < mid:
            return True  # where only a name can stand: "said Good", "Captain John Good"
        if self._plays_a_person(word):
            return True  # "Will laughed.", '"...," Rose said.' beside "will" and "a rose"
        if self.acting_lower[word] >= 2 and low not in self.common:
            # "hermione glared at harry", '"..." said hermione.': a writer who leaves names in
            # lower case; only the lower-case uses outside a name's place count against it
            return lower <= mid + start + self.acting_lower[word]
        if low in _PARENT_WORDS and mid >= 2 and mid > lower:
            # "where Mum was standing", '"Morning, sweetie," Mum said' beside "her mum": a
            # parent's kinship word written as a name (acc26-cands)
            return True
        if lower > 0.25 * (mid + start):
            return False
        if low in self.common:
            # "Rose", "Will", "Hope": names when mid-sentence capitals clearly outnumber lower
            # case, or when never in lower case, called at the end of a line and acting in the
            # narration ('"..., Grunt,"', "Grunt had claimed the table"); not a word for a
            # person said as a title ("Coach", "Grandmother")
            called = self.called[word] > 0 and self.acting[word] > 0 and low not in self.people
            # "while Misty stayed behind" ... "Misty was sitting": acting mid-sentence and at
            # a sentence's start, and never in lower case
            acts = self.acting_mid[word] > 0 and self.acting[word] > 0 and low not in self.people
            return (
                mid >= 2
                and lower <= 0.1 * mid
                or (called or acts or self._called_short(word))
                and lower == 0
            )
        return True

    def _called_short(self, word: str) -> bool:
        """Whether an English word is called out at the end of a line as the short form of a
        given name the story writes mid-sentence ('"That's most of this town, Em."' of Emily)."""
        formal = formal_given_names().get(word.lower(), frozenset())
        if self.called[word] == 0:
            return False
        if any(self.cap_mid[f.capitalize()] for f in formal):
            return True
        # '"Thanks, Duck."' of the story's Ducky: the front of a name written mid-sentence, one
        # or two letters cut off
        return len(word) >= 3 and any(
            self.cap_mid[word + tail] and (word + tail).lower() not in self.common
            for tail in _CLIPPED_TAILS
        )

    def _adverb_like(self, low: str) -> bool:
        """An "-ly" word from an English word ("wryly", "humbly", "happily"), not a given name
        that ends so ("Emily", "Molly", "Beverly")."""
        if not low.endswith("ly") or low in given_name_genders():
            return False
        stems = (low[:-2], low[:-2] + "e", low[:-1] + "e", low[:-3] + "y")
        return any(stem in self.common for stem in stems)

    def _plays_a_person(self, word: str) -> bool:
        """Whether a word that is also English ("Will", "Rose", "Hope") stands where only a
        person can, often enough to outweigh its lower-case uses: it tags a line at least once
        ('"...," Rose said.') and tags, ends a call or acts at least twice in all. A word only
        called and acting ('"Nice throw, Stone"') needs no lower-case use (``is_name_word``); a
        word for a person said as a title ("Coach") is no name by this."""
        tagging = self.tagging[word]
        return (
            tagging >= 1
            and tagging + self.called[word] + self.acting[word] >= 2
            and word.lower() not in self.people
        )

    def mentions(self) -> list[NameMention]:
        tokens = self.dis.tokens
        found: list[NameMention] = []
        i = 0
        n = len(tokens)
        lowered = {w.lower() for w in self.acting_lower}  # "derek" of "derek didnt look up"
        lowered |= {w.lower() for w in self.edge_called}  # '"scott back me up"', name acting
        while i < n:
            tok = tokens[i]
            if not tok.text[0].isupper():
                if tok.text in lowered and self._named_in_lower_case(i):
                    found.append(self._lower_case_mention(i))
                i += 1
                continue
            if self._opener(i):
                i += 1  # "Thereupon Ignosi": the adverb opening the sentence is no name
                continue
            mention, nxt = self._sequence(i)
            if mention is not None:
                found.append(mention)
            i = max(nxt, i + 1)
        return found

    def _named_in_lower_case(self, i: int) -> bool:
        """Whether token ``i``, in lower case, is a name the story writes capitalised too, in
        a name's place ("derek didnt even look up" beside "Derek said")."""
        word = self.dis.tokens[i].text
        key = word.capitalize()
        if (
            self.edge_called[key]
            and self._at_a_lines_edge(i, word)
            and self._called_at_a_lines_edge(i)
        ):
            return self.cap_mid[key] + self.cap_start[key] > 0 and self.is_name_word(key)
        return (
            self.acting_lower[key] > 0
            and (self._acts_in_lower_case(i, word) or self._called_in_lower_case(i))
            and self.cap_mid[key] + self.cap_start[key] > 0
            and self.is_name_word(key)
        )

    def _called_in_lower_case(self, i: int) -> bool:
        """Whether the lower-case token ``i`` is called in a line, as a name the writer also
        leaves in lower case elsewhere: opening a sentence before "you", "i" or a question word
        ('"Ow!! ron you did that on purpose"'), or after a comma closing one ('"thanks, ron"')."""
        tokens = self.dis.tokens
        if tokens[i].quote < 0 or i + 1 >= len(tokens):
            return False
        after = tokens[i + 1]
        if tokens[i].sent_start:
            return after.quote == tokens[i].quote and after.lower in _CALLED_BEFORE
        return tokens[i - 1].text == "," and (
            after.quote != tokens[i].quote or after.text in VOCATIVE_AFTER
        )

    def _called_at_a_lines_edge(self, i: int) -> bool:
        """Whether the lower-case token ``i`` at a line's edge (``_at_a_lines_edge``) stands as
        a call: opening the line before a word no subject has after it ('"scott back me up"',
        '"hermione we have"', not '"harry is late"'), or closing it after one no object
        follows ('"you read one page harry"', not '"neither has harry"', '"i saw harry"')."""
        tokens = self.dis.tokens
        if i < 1 or i + 1 >= len(tokens):
            return False
        before, after = tokens[i - 1], tokens[i + 1]

        def plain(word: str) -> bool:  # a word, no function word and not verb-like
            return (
                word.isalpha()
                and word not in word_list("function_words")
                and not is_verb_like(word)
            )

        if before.quote != tokens[i].quote or before.text in ('"', "“"):
            word = after.lower
            return after.quote == tokens[i].quote and (
                word in _CALLED_BEFORE or word in _CALLED_CLAUSE or plain(word)
            )
        return before.lower == "," or plain(before.lower)

    def _lower_case_mention(self, i: int) -> NameMention:
        tok = self.dis.tokens[i]
        return NameMention(
            start=tok.start,
            end=tok.end,
            parts=(tok.text.capitalize(),),
            title=None,
            honorific=None,
            first_token=i,
            last_token=i,
            in_quote=tok.quote >= 0,
            vocative=tok.quote >= 0,
        )

    def _opener(self, i: int) -> bool:
        """A sentence's first word never capitalised elsewhere, before a name the story does
        capitalise mid-sentence: "Thereupon Ignosi", "Meanwhile Tuppence". Not a word that
        also opens a sentence as the subject of a past-tense verb ("Anakin laughed."): that is
        a given name, and "Anakin Skywalker leaned" a full name."""
        tokens = self.dis.tokens
        if not tokens[i].sent_start or i + 1 >= len(tokens):
            return False
        word = _norm(_split_word(tokens[i].text)[0])
        nxt = tokens[i + 1]
        following = _norm(_split_word(nxt.text)[0])
        return (
            self.cap_mid[word] == 0
            and self.acting[word] == 0  # "Anakin laughed." elsewhere: a name, no adverb
            and word.lower() not in TITLES
            and nxt.text[:1].isupper()
            and nxt.para == tokens[i].para
            and self.cap_mid[following] > 0
            and self.is_name_word(following)
        )

    def _sequence(self, i: int) -> tuple[NameMention | None, int]:
        tokens = self.dis.tokens
        title = None
        j = i
        word = tokens[j].text
        if word.rstrip(".").lower() in TITLES and j + 1 < len(tokens):
            # "Mr. Stark", "Lady Catelyn", "Captain Rogers"
            k = j + 1
            if tokens[k].text == "." and k + 1 < len(tokens) and word.lower() in _SHORTENED_TITLES:
                k += 1  # "Mr. Stark", "Capt. Rogers"; not "That's cruel, Commander. Accurate
            if tokens[k].text[:1].isupper() and tokens[k].para == tokens[j].para:
                title = word.rstrip(".").capitalize()
                j = k
        parts: list[str] = []
        honorific = None
        last = j
        possessive = False
        while (
            j < len(tokens)
            and tokens[j].para == tokens[i].para
            and tokens[j].quote == tokens[i].quote
        ):
            raw = tokens[j].text
            if raw[:1].isupper():
                name, hon, poss = _split_word(raw)
                key = _norm(name)
                if self._owner_without_apostrophe(j, key):
                    key, poss = key[:-1], True  # "Brocks ear": Brock's
                if (
                    not (self.is_name_word(key) or _clipped_call(key, hon))
                    or not parts
                    and self._asks(j, key)
                ):
                    break
                parts.append(key)
                honorific = hon or honorific
                last = j
                j += 1
                if poss or hon:
                    possessive = poss
                    break
                continue
            if (
                raw.lower() in _PARTICLES
                and parts
                and j + 1 < len(tokens)
                and tokens[j + 1].text[:1].isupper()
            ):
                nxt, _, _ = _split_word(tokens[j + 1].text)
                if self.is_name_word(_norm(nxt)):
                    parts.append(raw.lower())
                    j += 1
                    continue
            break
        del possessive
        if not parts:
            return None, j if title is None else i + 1
        start_tok = tokens[i] if title else tokens[i]
        end_tok = tokens[last]
        vocative = self._vocative(i, last)
        return (
            NameMention(
                start=start_tok.start,
                end=end_tok.end,
                parts=tuple(parts),
                title=title,
                honorific=honorific,
                first_token=i,
                last_token=last,
                in_quote=tokens[i].quote >= 0,
                vocative=vocative,
            ),
            last + 1,
        )

    def _owner_without_apostrophe(self, j: int, key: str) -> bool:
        """Whether ``key`` at token ``j`` is a name with the possessive's "s" but not its
        apostrophe, as hasty writers leave it ("nearly knocked over Amys binders"): the name
        without the "s" is one the story uses as often, and a noun, no verb, follows."""
        tokens = self.dis.tokens
        if not key.endswith("s") or len(key) < 4 or j + 1 >= len(tokens):
            return False
        stem, after = key[:-1], tokens[j + 1].text
        return (
            self.plural_like[key] == 0  # "the Musgroves have": a family
            and after.isalpha()
            and after.islower()
            and not self._past_verb(after)  # "Amys binders", but not "Amys said"
            and self.cap_mid[stem] + self.cap_start[stem] >= self.cap_mid[key] + self.cap_start[key]
            and self.is_name_word(stem)
        )

    def _asks(self, j: int, key: str) -> bool:
        """Whether a sentence's first word, one the story also writes in lower case, is the
        verb of a question before its subject: "Will you sit?" where Will is a name too."""
        tokens = self.dis.tokens
        return (
            tokens[j].sent_start
            and self.lower[key] > 0
            and j + 1 < len(tokens)
            and tokens[j + 1].text in _ASKED
        )

    def names_a_place(self, m: NameMention) -> bool:
        """Whether a possessive name after "the" begins a capitalised name of its own ("The
        Herald's Rest", "the King's Arms"): an inn, a ship or a street, not a person's thing."""
        tokens = self.dis.tokens
        first, nxt = m.first_token, m.last_token + 1
        return (
            m.title is None
            and first > 0
            and tokens[first - 1].lower == "the"
            and tokens[first - 1].sent == tokens[first].sent
            and tokens[m.last_token].lower.endswith(("'s", "’s"))
            and nxt < len(tokens)
            and tokens[nxt].sent == tokens[first].sent
            and tokens[nxt].text[:1].isupper()
        )

    def _vocative(self, first: int, last: int) -> bool:
        """Inside a quotation, set off by commas or ending it:
        "Thanks, Sakura." / "Sakura! Run." """
        tokens = self.dis.tokens
        if tokens[first].quote < 0:
            return False
        before = (
            tokens[first - 1].lower
            if first > 0 and tokens[first - 1].quote == tokens[first].quote
            else '"'
        )
        after = (
            tokens[last + 1].text
            if last + 1 < len(tokens) and tokens[last + 1].quote == tokens[first].quote
            else '"'
        )
        opens = before in VOCATIVE_BEFORE or tokens[first].sent_start
        closes = after in VOCATIVE_AFTER
        return opens and closes and not self._echoed(first, last) and not self._listed(first, last)

    def _listed(self, first: int, last: int) -> bool:
        """Whether a name set off by commas is an item of a list of things or people, not a
        call: '"Me, you, Nellie, the park."' (an item before it and a determiner after)."""
        tokens = self.dis.tokens
        if first < 2 or last + 2 >= len(tokens):
            return False
        q = tokens[first].quote
        return (
            tokens[first - 1].text == ","
            and tokens[last + 1].text == ","
            and tokens[first - 2].quote == q
            and tokens[last + 2].quote == q
            and tokens[first - 2].lower in _LIST_ITEMS_BEFORE
            and tokens[last + 2].lower in ("the", "a", "an", "and", "or", "me", "you", "him", "her")
        )

    def _echoed(self, first: int, last: int) -> bool:
        """Whether a name that is its quotation's only words repeats the quotation just before
        ('"The hunt's in Wichita."' / '"Wichita?"'): an echo, no call to anyone."""
        tokens = self.dis.tokens
        q = tokens[first].quote
        if q < 1:
            return False
        rest = [
            tokens[i].text
            for i in self._quote_tokens(q)
            if not first <= i <= last and tokens[i].quote == q
        ]
        if "?" not in rest or any(t[:1].isalnum() for t in rest):
            return False  # not '"Tellmoor!"', a call
        said = {tokens[i].lower for i in self._quote_tokens(q - 1) if tokens[i].quote == q - 1}
        return all(tokens[i].lower in said for i in range(first, last + 1))

    def _quote_tokens(self, q: int) -> range:
        """The tokens from quotation ``q``'s first to its last (nested ones among them)."""
        quote = self.dis.quotes[q]
        return range(self.dis.token_at(quote.start), self.dis.token_at(quote.end))


_LIST_ITEMS_BEFORE = frozenset({"me", "you", "him", "her", "us", "them"})
