"""How a story uses each capitalised word (``NameUsage``): counts, over the whole story, of
where each word stands (mid-sentence or opening one, in lower case, tagging a line, acting,
called, owned, after a title, shouted in capitals, used as a plural), and the shapes of the
words they read (a token's name, honorific and possessive; shouted names title-cased; a clause's
first word). ``names.NameFinder`` decides from these counts which words are names and finds
their mentions. The words around a call (``VOCATIVE_BEFORE``, ``VOCATIVE_AFTER``,
``BARE_CALL_BEFORE``, ``BARE_CALL_POINTING``) live here for every pass that reads calls."""

from __future__ import annotations

import re
from collections import Counter

from ficscope.lexicon import HONORIFIC_SUFFIXES, TITLES, is_verb_like, word_list
from ficscope.passes.discourse import Discourse, Token

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


# subject pronouns that tag the line before them ('"...," she said'); coref's subject forms
# are these and Spivak "ey"
PRONOUN_TAGS = frozenset({"he", "she", "they", "xe", "ze"})


_CLAUSE_STARTS = frozenset({",", ";", "and", "but", "when", "while", "then", "until"})


def _opens_clause(tokens: list[Token], i: int) -> bool:
    """Whether token ``i`` opens a sentence or a clause: "Upstairs, Rebecca was ..."."""
    return tokens[i].sent_start or (i > 0 and tokens[i - 1].lower in _CLAUSE_STARTS)


class NameUsage:
    """Counts of how the story uses each word, keyed by its Title-cased form."""

    def __init__(self, dis: Discourse) -> None:
        self.dis = dis
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
