"""Proper-name mentions of people: capitalised sequences that the story itself shows to be
names (capitalised mid-sentence, rarely lower case), kept when they behave like people (speak,
act, own things, are addressed, carry titles or honorifics) rather than places: ``NameFinder``
finds the mentions, ``name_evidence.person_evidence`` scores each name word person or place.
The words around a call (``VOCATIVE_BEFORE``, ``VOCATIVE_AFTER``, ``BARE_CALL_BEFORE``,
``BARE_CALL_POINTING``) live here for every pass that reads calls."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from ficscope.lexicon import (
    HONORIFIC_SUFFIXES,
    TITLES,
    formal_given_names,
    given_name_genders,
    is_verb_like,
    word_list,
)
from ficscope.passes.discourse import Discourse, Token

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
# Words before a plural: "three Brahmins", "all the Boers" name a people, not a person.
_PLURAL_BEFORE = frozenset(
    "two three four five six seven eight nine ten twelve twenty hundred several many some few "
    "both all other those these".split()
)
# Words before a thing, not a person: "the Hall stood", "a Spring came"
_THING_LEADS = frozenset("the a an this that these those its".split())
# Words that never follow a possessive: "the Musgroves and", "Pococks have" are families
_NO_POSSESSION = frozenset(
    "and or but nor than that which who whom whose as if when where while to of in on at for by "
    "with from into onto upon over under about after before since until through among between "
    "against without within have has are were is was be been do did will would can could shall "
    "should may might must not there then so too also here now the a an this these those he she "
    "it we they i you his her its our their".split()
)
# Words before a form of address that is no name alone: "Your Worship", "His Grace".
_ADDRESS_OWNERS = frozenset({"your", "his", "her"})
# Number words, names in some stories ("Five", "Eleven"), but only called and acting like one.
_NUMBERS = frozenset("one two three four five six seven eight nine ten eleven twelve".split())
# Subjects after a verb that opens a question: "Will you sit?", "Can we go?"
_ASKED = frozenset({"you", "we", "he", "she", "they", "it", "I"})
# titles written shortened, whose full stop may stand before the name ("Mr. Stark"); a whole
# word ("Miss", "Sir", "Lady") before a full stop ends its sentence: "Excuse me, Miss. Inspector
# Robinson telephoned" calls someone "Miss" and names the inspector
_SHORTENED_TITLES = frozenset("mr mrs ms dr prof capt col sgt lt rev st gen fr sr".split())
_NOT_ONE_LETTER_NAMES = frozenset("AIO")  # "A man", "I said", "O Lord"
_POSSESSIVE = re.compile(r"^(.*?)(?:['’](?:s|ll|d|ve|re|m)|['’])$")


VOCATIVE_BEFORE = frozenset(
    {
        ",",
        '"',
        "“",
        "'",
        "‘",
        "—",
        "–",
        "-",
        "...",
        "…",
        "!",
        "?",
        ".",
        "you",
        "dear",
        "oh",
        "o",
        "ah",
        "hey",
    }
)
VOCATIVE_AFTER = frozenset({",", ".", "!", "?", "…", "...", '"', "”", "—", "–", "-", ";"})
# Words after a name called without its comma at a line's sentence's start, where no subject
# stands before them: "Keith you idiot", "Sam what happened", "ron you did that"
BARE_CALL_BEFORE = frozenset("you i what where why how please".split())
# Words pointing at a thing, opening a clause of their own after such a call: "Dad those give
# me a rash", "Keith this is"
BARE_CALL_POINTING = frozenset("those these this".split())
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


def _split_word(word: str) -> tuple[str, str | None, bool]:
    """(name, honorific, possessive) of a token:
    "Kakashi-sensei's" -> ("Kakashi", "sensei", True)."""
    possessive = False
    match = _POSSESSIVE.match(word)
    if match and match.group(1):
        word, possessive = match.group(1), True
    honorific = None
    while "-" in word:  # "Motoki-onii-san": both parts of the honorific
        head, _, tail = word.rpartition("-")
        if tail.lower() not in HONORIFIC_SUFFIXES or not head:
            break
        word, honorific = head, tail.lower() + (f"-{honorific}" if honorific else "")
    return word, honorific, possessive


_MONTHS = frozenset(
    "january february march april may june july august september october november december".split()
)
# words before a month that make it a date, not a name: "in March", "by May"
_MONTH_LEADS = frozenset("in by since until till through from last next early late".split())


def _norm(word: str) -> str:
    """Title case for shouted names: "SAKURA" -> "Sakura"."""
    return word[:1] + word[1:].lower() if word.isupper() and len(word) > 1 else word


# The letters a name's short form cuts off its end ("Duck" of Ducky, "Bell" of Bella).
_CLIPPED_TAILS = ("y", "ie", "ey", "o", "a", "er")


class NameFinder:
    """Finds person-name mentions in a discourse."""

    def __init__(self, dis: Discourse, known: Callable[[str], bool] | None = None) -> None:
        """``known``: whether a fandom pack or the author's tags know a word as a name (or
        one of a name's words): "Bones" of a Star Trek story."""
        self.dis = dis
        self.known = known
        self.common = word_list("common_lower")
        self.stop = word_list("name_stopwords")
        self.speech = word_list("speech_verbs")
        self.irregular = word_list("irregular_past")
        self.people = word_list("person_nouns")
        self._stats()

    def _stats(self) -> None:
        self.cap_mid: Counter[str] = Counter()
        self.cap_start: Counter[str] = Counter()
        self.lower: Counter[str] = Counter()
        self.placed: Counter[str] = Counter()  # capitals where only a name fits: "said Good"
        self.tagging: Counter[str] = Counter()  # right after a line, before its speech verb
        self.acting: Counter[str] = Counter()  # right before a past-tense verb: "Anakin laughed"
        self.called: Counter[str] = Counter()  # after a comma, ending a line: '"..., Grunt,"'
        self.owned: Counter[str] = Counter()  # after "your", "his", "her": "Your Worship"
        self.shouted: Counter[str] = Counter()  # in capitals: "NO", "JARVIS"
        self.shout_named: Counter[str] = Counter()  # ... tagging or called: '"...," JARVIS said
        self.shout_tags: Counter[str] = Counter()  # ... tagging only: '"...," ART said'
        self.acting_lower: Counter[str] = Counter()  # "and derek rubbed his face": a name
        # in lower case at a line's edge, the capitalised name acting: '"hermione we have"'
        self.edge_called: Counter[str] = Counter()
        self.plural_like: Counter[str] = Counter()  # "the Dedlocks", "Musgroves and"
        self.acting_mid: Counter[str] = Counter()  # "while Misty stayed": mid-sentence, acting
        self.titled: Counter[str] = Counter()  # right after a title: "Aunt March", "Mrs. May"
        self.in_full: Counter[str] = Counter()  # beside a name-like word: "April Ludgate"
        self.letter_titled: Counter[str] = Counter()  # one letter after a title: "Mrs S"
        tokens = self.dis.tokens
        lower_case: list[str] = []  # counted into ``lower`` after the loop, once per word
        common = self.common
        edge_case: list[str] = []  # ... and those opening or closing a line (_at_a_lines_edge)
        for i, tok in enumerate(tokens):
            word = tok.text
            if not word[0].isalpha():
                continue
            if word.isalpha():  # most words: nothing to split off
                name = word
            else:
                name, _, _ = _split_word(word)
            if name[0].isupper():
                key = _norm(name)
                if key.lower() in _MONTHS:
                    self._count_month(i, key)
                if len(name) == 1 and self._after_a_title(i):
                    self.letter_titled[key] += 1
                if name.isupper() and len(name) > 1:
                    # shouting counts for neither; but a name only ever in capitals ("JARVIS")
                    # tags lines and is called like any other
                    self.shouted[key] += 1
                    tags = self._tags_a_line(i)
                    if tags:
                        self.shout_tags[key] += 1
                    if tags or self._calls(i):
                        self.shout_named[key] += 1
                    continue
                if self._tags_a_line(i):
                    self.tagging[key] += 1  # '"...," Slim stated solemnly.'
                if i > 0 and tokens[i - 1].lower in _ADDRESS_OWNERS:
                    self.owned[key] += 1
                if key.endswith("s") and self._plural_like(i):
                    self.plural_like[key] += 1
                if tok.sent_start:
                    self.cap_start[key] += 1
                    if i + 1 < len(tokens) and self._past_verb(tokens[i + 1].text):
                        self.acting[key] += 1
                else:
                    self.cap_mid[key] += 1
                    if (
                        i + 1 < len(tokens)
                        and self._past_verb(tokens[i + 1].text)
                        and tokens[i - 1].lower not in _THING_LEADS
                    ):
                        self.acting_mid[key] += 1  # "while Misty stayed behind"
                    if self._ends_a_call(i):
                        self.called[key] += 1
                    before = tokens[i - 1]
                    if before.lower in self.speech or (
                        before.text[:1].isupper()
                        and not before.sent_start
                        and before.lower not in common
                    ):
                        self.placed[key] += 1  # "said Good", "Captain John Good"
            elif name in common:  # a common word never acts nor calls: no call for most words
                lower_case.append(name)
            elif self._acts_in_lower_case(i, name):
                self.acting_lower[name.capitalize()] += 1
            elif self._at_a_lines_edge(i, name):
                edge_case.append(name)
            else:
                lower_case.append(name)
        for name, n in Counter(lower_case).items():
            self.lower[name.capitalize()] += n
        for name, n in Counter(edge_case).items():
            key = name.capitalize()
            if not (self.acting[key] or self.acting_mid[key] or self.tagging[key]):
                self.lower[key] += n  # "ugh" opening a line is no name's use
            else:
                self.edge_called[key] += n

    def _at_a_lines_edge(self, i: int, word: str) -> bool:
        """Whether the lower-case ``word`` at token ``i``, no common word, opens or closes a
        line, where hasty writers call someone without a capital ('"hermione we have a match
        tomorrow"', '"you read one page harry"'): that is no use against the capitalised name
        of one who acts in the narration ("Hermione was already there")."""
        tokens = self.dis.tokens
        if word in self.common or not word.isalpha() or tokens[i].quote < 0:
            return False
        before = tokens[i - 1] if i > 0 else None
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        opens = before is None or before.quote != tokens[i].quote or before.text in ('"', "“")
        closes = after is None or after.quote != tokens[i].quote or after.text in VOCATIVE_AFTER
        return opens or closes

    def _title_before(self, i: int) -> Token | None:
        """The title token ``i`` follows in its paragraph, past a full stop after it ("Mrs S",
        "Mr. B", "Aunt March"), if it follows one."""
        tokens = self.dis.tokens
        if i == 0:
            return None
        before = tokens[i - 2] if i >= 2 and tokens[i - 1].text == "." else tokens[i - 1]
        if before.para == tokens[i].para and before.text.rstrip(".").lower() in TITLES:
            return before
        return None

    def _after_a_title(self, i: int) -> bool:
        """Whether token ``i`` follows a capitalised title in its paragraph ("Mrs S", "Mr. B")."""
        title = self._title_before(i)
        return title is not None and title.text[:1].isupper()

    def _count_month(self, i: int, key: str) -> None:
        """Where a month's name at token ``i`` stands as a name would: after a title, or
        beside a capitalised word that is no common word ("April Ludgate", "Jo March")."""
        tokens = self.dis.tokens
        if i > 0 and tokens[i - 1].lower in _MONTH_LEADS:
            return  # "in May Peter went fishing": a date
        if self._title_before(i) is not None:
            self.titled[key] += 1
            return
        for j in (i - 1, i + 1):
            if not 0 <= j < len(tokens) or tokens[j].para != tokens[i].para:
                continue
            other = tokens[j].text
            if (
                other[:1].isupper()
                and other.isalpha()
                and other.lower() not in self.common
                and other.lower() not in self.stop
            ):
                self.in_full[key] += 1
                return

    def _plural_like(self, i: int) -> bool:
        """Whether the capitalised word at token ``i``, ending in "s", is used as a plural
        would be: after "the" or a number, or before a word that takes no possessive ("the
        Dedlocks", "the Musgroves and", "Pococks have")."""
        tokens = self.dis.tokens
        before = tokens[i - 1].lower if i > 0 else ""
        after = tokens[i + 1].lower if i + 1 < len(tokens) else "."
        return (
            before == "the"
            or before in _PLURAL_BEFORE
            or not after[:1].isalpha()
            or after in _NO_POSSESSION
            or after.endswith(("ing", "ly"))  # "the Pyes going", "Yankees never"
        )

    def _acts_in_lower_case(self, i: int, word: str) -> bool:
        """Whether the lower-case ``word`` at token ``i`` stands where a hasty writer's name
        does, not where an English word would: no common word, opening a sentence or a clause
        of the narration before a verb ("derek didnt look up", "and sam caught it"), or tagging
        a line ('"..." hermione said', '"NO" said hermione')."""
        tokens = self.dis.tokens
        return (
            word not in self.common
            and tokens[i].quote < 0
            and i + 1 < len(tokens)
            and word.isalpha()
            and (
                (_opens_clause(tokens, i) and is_verb_like(tokens[i + 1].lower))
                or self._tags_a_line(i)  # '"..." hermione said'
                or (i >= 2 and tokens[i - 2].quote >= 0 and tokens[i - 1].lower in self.speech)
            )  # '"NO" said hermione before ron could'
        )

    def _ends_a_call(self, i: int) -> bool:
        """Whether token ``i`` follows a comma and ends its quotation but for one punctuation
        mark: '"We don't shoot shopkeepers, Grunt,"'."""
        tokens = self.dis.tokens
        quote = tokens[i].quote
        return (
            quote >= 0
            and tokens[i - 1].text == ","
            and i + 2 < len(tokens)
            and tokens[i + 1].text in VOCATIVE_AFTER
            and tokens[i + 1].quote == quote
            and (tokens[i + 2].quote != quote or not tokens[i + 2].text[:1].isalnum())
        )

    def _calls(self, i: int) -> bool:
        """Whether token ``i`` is a call set off by a comma, opening or ending its quotation:
        '"JARVIS, lights."', '"Thanks, JARVIS."'."""
        tokens = self.dis.tokens
        quote = tokens[i].quote
        if quote < 0 or i + 1 >= len(tokens):
            return False
        opens = tokens[i].sent_start and tokens[i + 1].text == ","
        return opens or self._ends_a_call(i)

    def _past_verb(self, word: str) -> bool:
        """A verb in the past, by its form: "laughed", "went", "said" (not a third-person "-s",
        as often a plural noun: "Meanwhile things ...")."""
        return word[:1].islower() and (
            word in self.speech or word in self.irregular or (word.endswith("ed") and len(word) > 3)
        )

    def _month_named(self, word: str) -> bool:
        """Whether a month's name is someone's here: after a title ("Aunt March", "Mrs. May"),
        in a full name ("Jo March", "April Ludgate"), tagging a line or called in one."""
        return bool(
            self.titled[word] or self.in_full[word] or self.tagging[word] or self.called[word]
        )

    def _tags_a_line(self, i: int) -> bool:
        """Whether token ``i`` stands right after a quotation and right before a speech verb or
        a past-tense verb, where only a name (or a pronoun) fits: '"...," Slim stated',
        '"...," Weary grinned', or after a quotation and its speech verb, ending the clause:
        '"...," said Brook.' (a name that is also an English word, met once)."""
        tokens = self.dis.tokens
        if not 0 < i < len(tokens) - 1 or tokens[i].quote >= 0:
            return False
        if tokens[i - 1].quote >= 0:
            return tokens[i + 1].lower in self.speech or (
                is_verb_like(tokens[i + 1].lower) and not tokens[i + 1].lower.endswith("s")
            )
        # inverted, ending the sentence or clause: '"...," said Brook.'
        return (
            i >= 2
            and tokens[i - 1].lower in self.speech
            and tokens[i - 2].quote >= 0
            and tokens[i + 1].text in (".", ",", "!", "?", ";")
        )

    def as_written(self, name: str) -> str:
        """A name with its words in capitals where the story only ever writes them so ("ART",
        "JARVIS"), not title-cased as they are kept."""
        return " ".join(
            w.upper() if self.shouted[w] and not self.cap_mid[w] and not self.cap_start[w] else w
            for w in name.split(" ")
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


# subject pronouns that tag the line before them ('"...," she said'); coref's subject forms
# are these and Spivak "ey"
PRONOUN_TAGS = frozenset({"he", "she", "they", "xe", "ze"})


_CLAUSE_STARTS = frozenset({",", ";", "and", "but", "when", "while", "then", "until"})


def _opens_clause(tokens: list[Token], i: int) -> bool:
    """Whether token ``i`` opens a sentence or a clause: "Upstairs, Rebecca was ..."."""
    return tokens[i].sent_start or (i > 0 and tokens[i - 1].lower in _CLAUSE_STARTS)
