"""Coreference for characters: pronouns and "the + noun" descriptions in narration linked to the
cast, and each character's pronouns from how the text refers to them.

Method (fast and explainable):
1. Gender: after a name in narration, the next third-person pronouns before any other character
   is named usually refer to it; votes from titles ("Mrs.", "-kun") and gendered nouns count too.
2. Descriptions: "the [adjectives] noun" where the noun names a person (an English list) or is a
   word this story uses like one (an uncommon word that is the subject of speech verbs:
   "the copy-nin yelled"). A description takes the gender its own following pronouns give it.
3. Resolution walks the narration in order keeping a salience list; a pronoun or description
   goes to the most recent compatible character, preferring the subject of the sentence before.
   A description consistently resolved to one character becomes one of their aliases; one that
   never fits a named character and acts on its own becomes an unnamed character.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import partial

from ficscope.fandoms import fold
from ficscope.lexicon import (
    FEMALE_PRONOUNS,
    MALE_PRONOUNS,
    NEO_PRONOUNS,
    PLURAL_PRONOUNS,
    TITLES,
    formal_given_names,
    gendered_list,
    given_name_genders,
    is_verb_like,
    word_list,
)
from ficscope.model import NARRATOR, NARRATOR_NAME, BlockRole, Character, Mention, Work
from ficscope.passes.discourse import Discourse, Token, discourse
from ficscope.passes.known_cast import KnownCast, declared_pronouns, known_cast
from ficscope.passes.names import PRONOUN_TAGS
from ficscope.pipeline import register

_GENDER_OF = (
    {w: "m" for w in MALE_PRONOUNS}
    | {w: "f" for w in FEMALE_PRONOUNS}
    | {w: "p" for w in PLURAL_PRONOUNS}
)
_PRONOUN_LABEL = {"m": "he/him", "f": "she/her", "p": "they/them"}
_DETERMINERS = frozenset({"the", "that", "this", "a", "an"})
_INDEFINITE = frozenset({"a", "an"})
_INDEFINITE_WORDS = _INDEFINITE | {"one", "another", "some"}
_POSSESSIVE_DETERMINERS = frozenset({"his", "her", "their", "my", "your", "our"})
# Verbs only people do: "the subordinate swore" makes "subordinate" a word for a person.
_SAYING = frozenset(
    "said asked replied answered swore shouted yelled whispered muttered exclaimed told".split()
)
_MAX_DESC_WORDS = 5
# a doer's noun ("the airbender", "the archer") or a people's or calling's ("the quarian")
_AGENT_ENDINGS = ("er", "or", "ist", "man", "ian")
_WINDOW_PARAS = 6


@dataclass(slots=True)
class Ref:
    """A reference to a character at a token range."""

    first: int
    last: int  # inclusive
    character: str | None
    kind: str  # "name" | "pronoun" | "epithet"
    gender: str | None = None  # m, f, p or a neo-pronoun set
    text: str = ""
    indefinite: bool = False  # "a teacher": introduces someone new
    possessive: bool = False  # "his superior": someone related to another character


def name_refs(work: Work, dis: Discourse) -> list[Ref]:
    """The names of the narration and speech, as references; a name given as a guess at who
    "someone" is ("someone—Kaminari, probably—is laughing") is left out: the person is not
    there, and a "he" that follows is not them."""
    refs = []
    for m in work.mentions:
        if m.kind != "name":
            continue
        span = dis.token_span(m.start, m.end)
        if span is not None and not guessed_at(dis.tokens, span[0]):
            refs.append(Ref(*span, m.character, "name", text=work.text[m.start : m.end]))
    return refs


_SOMEONE = frozenset("someone somebody".split())


def guessed_at(tokens: Sequence[Token], first: int) -> bool:
    """Whether the name at token ``first`` is a guess at who "someone" is, set off after it
    ("Somewhere upstairs someone—Kaminari, probably—is laughing"): someone not in the scene."""
    if first < 2:
        return False
    return (
        tokens[first - 1].lower in ("—", "–", "-", ",", "(") and tokens[first - 2].lower in _SOMEONE
    )


_REMEMBERING = frozenset("remembered remembers remembering recalled recalls recalling".split())


def remembered(tokens: Sequence[Token], first: int) -> bool:
    """Whether a reference of the narration comes after a verb of remembering in its sentence
    ("He remembered Matthews's steady voice calling the time"): someone in the past, not there
    now."""
    sent = tokens[first].sent
    k = first - 1
    while k >= 0 and tokens[k].sent == sent and first - k <= 8:
        if tokens[k].lower in _REMEMBERING:
            return True
        k -= 1
    return False


def _opens_sentence(tokens: Sequence[Token], i: int) -> bool:
    """Whether token ``i`` opens its sentence, after adverbs at most ("Then somebody")."""
    k = i
    while k > 0 and tokens[k - 1].sent == tokens[i].sent:
        if not _is_adverb(tokens[k - 1].lower) and tokens[k - 1].lower not in ("and", "but"):
            return False
        k -= 1
    return True


def _someone_goes_on(tokens: Sequence[Token], i: int) -> bool:
    """Whether a "somebody" of the narration is a person the story goes on with: it opens its
    sentence and the next sentence opens with a he or she ("Then somebody dropped into the seat
    next to Emma. She was maybe sixteen"); not "as if somebody had dropped a bucket"."""
    if tokens[i].quote >= 0 or not _opens_sentence(tokens, i):
        return False
    k = i + 1
    while k < len(tokens) and tokens[k].sent == tokens[i].sent:
        k += 1
    return k < len(tokens) and tokens[k].quote < 0 and tokens[k].lower in ("he", "she")


def character_nouns() -> dict[str, str | None]:
    """Nouns that name people (and the animals stories make characters), with their gender."""
    return {**gendered_list("animal_nouns"), **gendered_list("person_nouns")}


_SUBJECT_WORDS = frozenset("i you he she it we they".split())


def description_heads(dis: Discourse, names: set[int]) -> set[str]:
    """Nouns this story uses for people: English person nouns, plus uncommon words it makes the
    subject of speech verbs ("the copy-nin yelled", "the konoichi whispered"), and uncommon
    doer nouns ("-er", "-or", "-ist", "-man", "-ian") opening a beat right after a line, as the
    subject of a past verb ('"It was all of us." The airbender waved a hand', "The quarian set
    the part down")."""
    nouns = character_nouns()
    common = word_list("common_lower")
    speech = word_list("speech_verbs")
    irregular = word_list("irregular_past")
    heads = set(nouns)
    votes: Counter[str] = Counter()
    tokens = dis.tokens
    for i in dis.positions(_DETERMINERS):
        tok = tokens[i]
        if tok.quote >= 0:
            continue
        j = i + 1
        while (
            j < len(tokens)
            and j - i <= _MAX_DESC_WORDS
            and tokens[j].text[0].isalpha()
            and j not in names
        ):
            nxt = tokens[j + 1] if j + 1 < len(tokens) else None
            if (
                nxt is not None
                and j == i + 1
                and tok.lower == "the"
                and tok.sent_start
                and i > 0
                and tokens[i - 1].quote >= 0
                and tokens[i - 1].para == tok.para
                and nxt.para == tok.para
                and tokens[j].text.islower()
                and tokens[j].lower.endswith(_AGENT_ENDINGS)
                and tokens[j].lower not in common
                and (nxt.lower.endswith("ed") or nxt.lower in irregular)
            ):
                votes[tokens[j].lower] += 1  # '"..." The airbender waved a hand': a doer
                break
            if nxt is not None and nxt.lower in speech and nxt.para == tok.para:
                if _shows_capitals(tokens, j + 2):
                    break  # "the caller ID said CAS", "a sign that says BEST PIE": a display
                head = tokens[j].lower
                talking = bool(dis.paragraphs[tok.para].quotes)  # not "the large bell chimed"
                if (head not in common and talking) or nxt.lower in _SAYING:
                    votes[head] += 1
                break
            j += 1
    # Inverted tags: '"Hm," said the chirurgeon.', '"Morning," said a dry voice from the door.'
    stop = word_list("name_stopwords") | word_list("function_words")
    for i in dis.positions(speech):
        tok = tokens[i]
        if i >= len(tokens) - 2 or tok.quote >= 0 or tokens[i + 1].lower not in _DETERMINERS:
            continue
        if not any(
            k >= 0 and tokens[k].quote >= 0 and tokens[k].para == tok.para for k in (i - 1, i - 2)
        ):
            continue  # "he cursed the sun": a verb after a quotation (of its paragraph) makes a tag
        if i - 1 in names or tokens[i - 1].lower in _SUBJECT_WORDS:
            continue  # "'...?' Enjolras asked the phone": no inverted tag, the phone is spoken to
        j = i + 2
        while (
            j < len(tokens)
            and j - i <= _MAX_DESC_WORDS + 1
            and tokens[j].text[0].isalpha()
            and j not in names
            and not (j > i + 2 and tokens[j].lower in _TAG_PHRASE_ENDS)
        ):
            j += 1
        ends = j < len(tokens) and (
            not tokens[j].text[0].isalpha() or tokens[j].lower in _TAG_PHRASE_ENDS
        )
        if j > i + 2 and ends and tokens[j].para == tok.para:
            votes[tokens[j - 1].lower] += 1
    heads |= {h for h, n in votes.items() if n >= 1 and h not in stop and not h.endswith("ly")}
    return heads


def _shows_capitals(tokens: Sequence[Token], i: int) -> bool:
    """Whether token ``i`` is a word in capitals ("CAS", "EXIT"), what a screen or a sign says."""
    word = tokens[i].text if i < len(tokens) else ""
    return len(word) > 1 and word.isalpha() and word.isupper()


_ORDINALS = frozenset("first second third next".split())


def _ordinal_newcomer(tokens: Sequence[Token], j: int, heads: Collection[str]) -> bool:
    """Whether tokens[j] is an ordinal that picks out someone new with the clause after its
    person noun: "The first man who came in was a large officer", "the next girl to speak"."""
    return (
        tokens[j].lower in _ORDINALS
        and j + 2 < len(tokens)
        and tokens[j + 1].lower in heads
        and tokens[j + 2].lower in ("who", "to")
    )


# Adverbs of degree inside a description, before its adjective: "a very small woman".
_DEGREE_ADVERBS = frozenset("very rather quite extremely fairly".split())


# The words a description can start on: a determiner ("the", "a", "his"), "One" for "a" ("One
# girl stood alone"), "someone".
_OPENS_A_DESCRIPTION = frozenset(
    {*_DETERMINERS, *_INDEFINITE, *_POSSESSIVE_DETERMINERS, *_SOMEONE, "one"}
)


# A description closing its sentence alone is a fragment about one already there ("The baker's
# boy."), not someone new
_FRAGMENT_ENDS = frozenset({".", "!", "?", "…"})


def find_descriptions(dis: Discourse, heads: set[str], names: set[int]) -> list[Ref]:
    """ "the [modifiers] head" spans in narration whose head is a person noun."""
    nouns = character_nouns()
    # "his lady": a title that is also a person noun heads a description
    stop = (word_list("name_stopwords") | word_list("function_words")) - set(nouns)
    tokens = dis.tokens
    refs = []
    after = 0  # the token after the last description found: the next one starts there or later
    for i in dis.positions(_OPENS_A_DESCRIPTION):
        if i < after:
            continue
        tok = tokens[i]
        if tok.lower in _SOMEONE and _someone_goes_on(tokens, i):
            # "Then somebody dropped into the seat next to Emma. She was ...": someone new
            refs.append(Ref(i, i, None, "epithet", text=tok.text, indefinite=True))
            continue
        possessive = tok.lower in _POSSESSIVE_DETERMINERS
        indefinite = tok.lower in _INDEFINITE or _one_as_article(tokens, i, heads)
        if (tok.lower not in _DETERMINERS and not possessive and not indefinite) or tok.quote >= 0:
            continue
        if tok.text.isupper() and len(tok.text) > 1:
            continue  # capitals in narration are a sign or a shout: "an apron saying KISS THE COOK"
        allowed: Collection[str] = nouns if possessive else heads
        if indefinite:
            allowed = heads | _UNSEEN_SPEAKERS  # "a younger voice came on the line"
        best = -1
        j = i + 1
        while j < len(tokens) and j - i <= _MAX_DESC_WORDS and tokens[j].para == tok.para:
            word = tokens[j]
            if not word.text[0].isalpha() or j in names:
                if (
                    word.text == "-"
                    and tokens[j - 1].end == word.start
                    and tokens[j + 1].text != "-"
                ):
                    j += 1  # "the copy-nin" split oddly; not a dash "the hotel--Geneva"
                    continue
                if (
                    word.text == ","
                    and best < 0
                    and indefinite
                    and j + 2 < len(tokens)
                    and tokens[j + 2].lower in _UNSEEN_SPEAKERS
                ):
                    j += 1  # "a thin, nasal voice asked"
                    continue
                break
            base = word.lower[:-2] if word.lower.endswith(("'s", "’s")) else word.lower
            if (
                base in stop
                and base not in _DEGREE_ADVERBS  # "a very small woman"
                and not (
                    indefinite and j + 1 < len(tokens) and tokens[j + 1].lower in _UNSEEN_SPEAKERS
                )
                and not _ordinal_newcomer(tokens, j, allowed)
            ):
                break  # but "a second voice", "the first man"
            if base in allowed:
                best = j
                if word.lower != base:
                    if (
                        not possessive  # "my brother's wife" is left to the kinship rules
                        and j + 2 < len(tokens)
                        and tokens[j + 1].lower in nouns
                        and tokens[j + 2].text not in _FRAGMENT_ENDS
                    ):  # "The farmer's wife who came to the door": the wife (not a fragment
                        best, possessive = j + 1, True  # describing one there: "The baker's boy.")
                    break
            elif best >= 0:
                break
            j += 1
        if best >= 0 and _names_a_trait(tokens, best):
            best = -1  # "his blond hair": a colour, not "his blond"
        if best >= 0:
            head = tokens[best].lower
            head = head[:-2] if head.endswith(("'s", "’s")) else head
            text = dis.text[tok.start : tokens[best].end]
            if text.endswith(("'s", "’s")):
                text = text[:-2]
            # "a woman servant", "the boy king": a gendered noun before the head decides
            modifiers = (nouns.get(tokens[k].lower) for k in range(i + 1, best))
            gender = nouns.get(head) or next((g for g in modifiers if g), None)
            indefinite = indefinite or _ordinal_newcomer(tokens, i + 1, allowed)
            refs.append(
                Ref(
                    i,
                    best,
                    None,
                    "epithet",
                    gender=gender,
                    text=text,
                    indefinite=indefinite,
                    possessive=possessive,
                )
            )
            after = best + 1
    return refs


def _one_as_article(tokens: Sequence[Token], i: int, heads: Collection[str]) -> bool:
    """Whether a sentence-opening "One" stands for "a" before a person noun: "One girl stood
    alone, apart from the rest." (not "One of the guards", which picks one out of a group); so
    does a "one" after a preposition ("staffed by one officer")."""
    tok = tokens[i]
    return (
        tok.lower == "one"
        and (tok.sent_start or (i > 0 and tokens[i - 1].lower in _ONE_AFTER))
        and i + 1 < len(tokens)
        and tokens[i + 1].para == tok.para
        and tokens[i + 1].lower in heads
    )


_PASSIVE_AUXILIARIES = frozenset("was were is are been being".split())
_ONE_AFTER = frozenset("by with to from for behind beside near".split())
_TRAIT_NOUNS = frozenset("hair locks curls mane bangs fringe beard eyes".split())


def _names_a_trait(tokens: Sequence[Token], head: int) -> bool:
    """Whether a description's head word is a modifier of a trait noun right after it ("his
    blond hair", "the redhead curls"), not a noun for a person."""
    nxt = head + 1
    return (
        nxt < len(tokens)
        and tokens[nxt].lower in _TRAIT_NOUNS
        and tokens[nxt].para == tokens[head].para
        and not tokens[head].lower.endswith(("'s", "’s"))
    )


_SUBJECT_SLOT = frozenset(
    {
        ",",
        ";",
        ":",
        "—",
        "–",
        "and",
        "but",
        "then",
        "when",
        "while",
        "as",
        "until",
        "before",
        "after",
        "because",
        "since",
        "where",
        "so",
        "suddenly",
        "soon",
    }
)
_EXISTENTIAL = frozenset({"was", "were", "is", "are", "stood", "sat", "came", "lay", "appeared"})
_RELATIVES = frozenset({"who", "whose"})


_APPOSITION_END = frozenset({",", ".", ";", ":", "!", "?"})


def appositions(dis: Discourse, names: list[Ref], descriptions: list[Ref]) -> dict[int, str]:
    """A description the narration names by apposition: "Tsunade, the Hokage,", "the Hokage,
    Tsunade," or "the artist himself, Basil Hallward,". When every apposition of a head names
    one character, each description with that head is that character ("the artist" all through
    the story); a generic head ("the man, Temple,") only where it is named, and so a possessive
    one ("Millie, her lymphatic maid,"). Returns description start token -> character id."""
    tokens = dis.tokens

    def word(i: int) -> str:
        return tokens[i].lower if 0 <= i < len(tokens) else ""

    def closes(i: int) -> bool:  # "Maren, the Warden, and Tobin" is a list
        return word(i) in _APPOSITION_END and not (word(i) == "," and word(i + 1) in {"and", "or"})

    def definite(ref: Ref) -> bool:
        return not ref.possessive and not ref.indefinite and word(ref.first) == "the"

    by_first = {r.first: r for r in names if r.character}
    by_last = {r.last: r for r in names if r.character}
    links: dict[str, Counter[str]] = defaultdict(Counter)
    apposed: dict[int, str] = {}
    for ref in descriptions:
        before = by_last.get(ref.first - 2)
        if ref.possessive and before and before.character and word(ref.first - 1) == ",":
            if tokens[before.first].quote < 0 and closes(ref.last + 1):
                apposed[ref.first] = before.character  # "Millie, her lymphatic maid,"
            continue
        if not definite(ref):
            continue
        comma = ref.last + 2 if word(ref.last + 1) in _REFLEXIVES else ref.last + 1
        after = by_first.get(comma + 1)
        named = None
        if before and word(ref.first - 1) == "," and tokens[before.first].quote < 0:
            if closes(ref.last + 1):
                named = before.character  # "Tsunade, the Hokage,"
        elif after and word(comma) == "," and tokens[after.first].quote < 0:
            if closes(after.last + 1):
                named = after.character  # "the Hokage, Tsunade,"
        if named:
            links[word(ref.last)][named] += 1
            apposed[ref.first] = named
    story = {
        head: next(iter(c))
        for head, c in links.items()
        if len(c) == 1 and head not in _GENERIC_HEADS
    }
    out = {
        ref.first: story[word(ref.last)]
        for ref in descriptions
        if definite(ref) and word(ref.last) in story
    }
    return {**apposed, **out}


def participates(dis: Discourse, ref: Ref) -> bool:
    """Whether an indefinite description acts or speaks where it is introduced: the subject of a
    verb ("A man stood in the door", '"...," a guard said'), the subject of an inverted tag
    ('said a woman'), or introduced by "there was". Not an object or a prepositional phrase
    ("in want of a wife", "the bark of a man who had not expected to"). A possessor opening a
    sentence takes part too ("A man's voice made her start"), and so does one opening a sentence
    and described by a phrase ("An older soldier with a scar across his chin stepped forward")."""
    tokens = dis.tokens
    first = tokens[ref.first]
    before = tokens[ref.first - 1] if ref.first > 0 else None
    speech = word_list("speech_verbs")
    if tokens[ref.last].lower in _UNSEEN_SPEAKERS and _line_follows(tokens, ref.last):
        return True  # "and then a second voice, much louder." "Is that Shrimpy?"
    if before is not None and before.para == first.para and before.quote < 0:
        if before.lower in speech and ref.first >= 2 and tokens[ref.first - 2].quote >= 0:
            return True  # '"...," said a woman'
        if (
            before.lower in _EXISTENTIAL
            and ref.first >= 2
            and tokens[ref.first - 2].lower == "there"
        ):
            return True  # "There was a man at the door"
        if before.lower in _EXISTENTIAL and _after_a_place(tokens, ref.first - 1):
            return True  # "On the front step was a kid", "In the doorway stood a woman"
        if (
            before.lower == "by"
            and ref.first >= 3
            and tokens[ref.first - 2].lower.endswith(("ed", "en"))
            and tokens[ref.first - 3].lower in _PASSIVE_AUXILIARIES
            and tokens[ref.first - 3].sent == first.sent
        ):
            return True  # "The checkpoint was staffed by one officer": the one who acts
            # (not "Sam came in, followed by a teenager", brought along)
        if (
            before.lower == "by"
            and ref.last + 1 < len(tokens)
            and tokens[ref.last + 1].lower == "who"
            and tokens[ref.last + 1].sent == first.sent
        ):
            return True  # "carried in on a silver tray by a guard who looked uncomfortable"
    k = ref.first
    while k > 0 and tokens[k - 1].para == first.para and _is_adverb(tokens[k - 1].lower):
        k -= 1  # "Presently a small boy came walking along the path"
    before = tokens[k - 1] if k > 0 else None
    opens = (
        tokens[k].sent_start
        or before is None
        or before.para != first.para
        or before.quote >= 0
        or before.lower in _SUBJECT_SLOT
    )
    if not opens:
        return _acts_past(tokens, ref.last + 1, first.para)
    if tokens[ref.last].lower.endswith(("'s", "’s")):
        return True  # "A man's voice beside her made her start": he is there, and speaks
    i = ref.last + 1
    while i < len(tokens) and _is_adverb(tokens[i].lower):
        i += 1
    if i >= len(tokens) or tokens[i].para != first.para:
        return False
    if tokens[i].lower in _DESCRIBING_PREPOSITIONS:
        return True  # "An older soldier with a scar across his chin stepped forward"
    if tokens[i].lower in _MODALS:
        return False  # "A sensible person wouldn't spend his life pining": anyone, no one here
    return tokens[i].lower in _RELATIVES or is_verb_like(tokens[i].lower)


_MODALS = frozenset(
    "would wouldn't wouldn’t should shouldn't shouldn’t must mustn't mustn’t ought".split()
)


_PLACE_OPENERS = frozenset(
    "on in at behind beside outside inside by near under across beyond before".split()
)


def _after_a_place(tokens: list[Token], verb: int) -> bool:
    """Whether the narration sentence of token ``verb`` opens on a place, with no verb before
    ``verb``: "On the front step was", "In the doorway stood"."""
    sent = tokens[verb].sent
    k = verb - 1
    while k > 0 and tokens[k - 1].sent == sent:
        k -= 1
    if tokens[k].lower not in _PLACE_OPENERS or tokens[k].quote >= 0:
        return False
    return not any(is_verb_like(tokens[i].lower) for i in range(k + 1, verb))


def _line_follows(tokens: list[Token], i: int) -> bool:
    """Whether a quotation opens right after the sentence of token ``i``, in its paragraph."""
    k = i + 1
    while k < len(tokens) and tokens[k].para == tokens[i].para and tokens[k].quote < 0:
        if tokens[k].sent != tokens[i].sent:
            return False
        k += 1
    return k < len(tokens) and tokens[k].para == tokens[i].para and tokens[k].quote >= 0


# Prepositions that go on describing a person who opens a sentence: "A man in a grey coat ..."
_DESCRIBING_PREPOSITIONS = frozenset("with in from wearing at".split())
# Heads of an indefinite description that speaks before anyone is seen: "a younger voice came
# on the line", "a thin, nasal voice asked".
_UNSEEN_SPEAKERS = frozenset({"voice"})
# Modifiers that make an indefinite someone else than the last of its kind: "a second voice".
_OTHER_ONE = frozenset({"second", "third", "other", "another", "different"})

# Words that end the subject of an inverted tag: "said a dry voice from the doorway".
_TAG_PHRASE_ENDS = frozenset(
    "from in at on by near behind beside across through with of to into over under".split()
)


_ADVERBS = frozenset(
    "then still just suddenly only also never always again soon now presently meanwhile".split()
)


# Past forms that are never a base form or a passive participle ("came", "stood", not "brought"
# or "cut"): only a subject goes before them ("have a girl brought forward" has an object).
_FINITE_PAST = frozenset(
    "arose awoke ate became began bit blew broke chose came crept did drank drew drove fell fled "
    "flew forbade forgave forgot froze gave grew hid knelt knew lay leapt ran rang rode rose sang "
    "sank sat saw shook shrank slept spoke sprang stole stood strode strove swam swore threw took "
    "tore trod went woke wore wrote".split()
)


def _acts_past(tokens: list[Token], i: int, para: int) -> bool:
    """Whether an indefinite description is the subject of the past-tense verb right after it,
    wherever it stands: "Before she could cry, a teacher came up" even without the comma.
    Only a past form that is no base form or participle: a noun after a verb is its object
    ("she saw a man" is no subject), but "saw a man came" is not English. A describing phrase
    may come between ("anything to say a guy in a flannel shirt came over")."""
    if i < len(tokens) and tokens[i].lower in _DESCRIBING_PREPOSITIONS:
        end = min(len(tokens), i + _DESCRIBING_SPAN)
        k = i + 1
        while k < end and tokens[k].para == para and tokens[k].lower not in _FINITE_PAST:
            if not tokens[k].text[0].isalpha() or tokens[k].lower in _RELATIVES:
                return False  # "told a man at the bar, who came": no subject
            k += 1
        if k >= end:
            return False
        i = k
    while i < len(tokens) and _is_adverb(tokens[i].lower):
        i += 1
    return i < len(tokens) and tokens[i].para == para and tokens[i].lower in _FINITE_PAST


_DESCRIBING_SPAN = 6  # tokens a describing phrase may take: "in a flannel shirt", "with a pram"


def _is_adverb(word: str) -> bool:
    return word in _ADVERBS or (word.endswith("ly") and len(word) > 4)


_FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself"})
_SECOND_PERSON = frozenset({"you", "your", "yours", "yourself"})
_MIN_NARRATOR_PRONOUNS = 8
_FEW_NARRATOR_PRONOUNS = 3  # enough in a short story whose narration says he and she less


def narrator_refs(dis: Discourse) -> list[Ref]:
    """The protagonist the narration speaks as or to: first-person pronouns in narration, when
    the story is told in the first person; else "you", when it is told in the second person (a
    reader-insert: "You push open the door."), where "you" in narration outnumbers "I" and is at
    least a third as frequent as he and she. Eight such pronouns make a narrator; in a short
    story (a drabble, a first chapter) three do, when they are at least half as many as the
    narration's he and she (not a third-person story's one "I thought")."""
    counts = Counter(  # the narration's pronouns
        dis.tokens[i].lower
        for i in dis.positions(_FIRST_PERSON | _SECOND_PERSON | {"he", "she"})
        if dis.tokens[i].quote < 0
    )
    first = sum(counts[w] for w in _FIRST_PERSON)
    second = sum(counts[w] for w in _SECOND_PERSON)
    third = counts["he"] + counts["she"]
    if first >= _MIN_NARRATOR_PRONOUNS or second < _FEW_NARRATOR_PRONOUNS:
        words = _FIRST_PERSON
    elif second > first and 3 * second >= third:
        words = _SECOND_PERSON
    else:
        words = _FIRST_PERSON
    refs = [
        Ref(i, i, NARRATOR, "pronoun", gender="1", text=dis.tokens[i].text)
        for i in dis.positions(words)
        if dis.tokens[i].quote < 0
    ]
    if len(refs) >= _MIN_NARRATOR_PRONOUNS:
        return refs
    # a short story told by "I" (or to "you"): fewer, but as many as the narration's he and she
    if len(refs) >= _FEW_NARRATOR_PRONOUNS and 2 * len(refs) >= third:
        return refs
    return []


def pronoun_refs(dis: Discourse) -> list[Ref]:
    refs = []
    for i in dis.positions(_GENDER_OF.keys() | NEO_PRONOUNS.keys()):
        tok = dis.tokens[i]
        if tok.quote >= 0:
            continue
        gender = _GENDER_OF.get(tok.lower) or (
            NEO_PRONOUNS.get(tok.lower) if tok.lower in NEO_PRONOUNS else None
        )
        if gender is not None:
            refs.append(Ref(i, i, None, "pronoun", gender=gender, text=tok.text))
    return refs


_SUBJECT_FORMS = PRONOUN_TAGS | {"ey"}  # "he", "she", "they", "xe", "ze", "ey"
# words after "her" that make it an object, not a possessive: "drove her home", "pulled her
# closer", "held her tightly"
_AFTER_AN_OBJECT = frozenset(
    "home away back up down off out in over inside outside there here close closer tight "
    "tighter again too anyway now then aside along forward around".split()
)
_JOINERS = frozenset(
    ", as and while when but so until because since before after though although".split()
)
_REFLEXIVES = frozenset(
    {"himself", "herself", "themselves", "themself", "xemself", "zirself", "emself"}
)


_OPENING_ADVERBS = frozenset(
    "later then now finally suddenly soon still slowly quietly again meanwhile today tonight "
    "instead afterwards eventually gently carefully".split()
)
_POSSESSIVE_FORMS = frozenset({"his", "their", "xyr", "zir", "eir"})
_FUNCTION = frozenset(
    "to from into at in on with by for of off up down out over away back and or but as than that "
    "the a an this so too again now then there here when while".split()
)


_COME_WITH = frozenset(("from", "with"))  # where one comes from, what one comes with
# Verbs of touching someone: "Nobara bumped his shoulder", "Bev squeezed his shoulder", "Maya
# steps on his foot": the part touched is someone else's, as an object is someone else
_TOUCHES = frozenset(
    "bump squeeze pat grab nudge poke tap touch kiss tug punch slap shove jab elbow step "
    "stroke".split()
)
_OWN_PARTS = frozenset("eye eyes lip lips mouth".split())  # "squeezed her eyes shut": her own


def _touches(word: str) -> bool:
    """Whether ``word`` is a form of a verb of touching someone ("bumped", "pats", "grabbing")."""
    stems = {word, word[:-1], word[:-2], word[:-3]}
    if len(word) > 4 and word.endswith("ed") and word[-3] == word[-4]:
        stems.add(word[:-3])  # "patted", "grabbed", "stepped"
    if len(word) > 5 and word.endswith("ing") and word[-4] == word[-5]:
        stems.add(word[:-4])
    return bool(stems & _TOUCHES)


def estimate_genders(
    dis: Discourse,
    refs: list[Ref],
    fixed: dict[str, str] | None = None,
    heard: dict[str, str] | None = None,
    prior: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Gender of each named character (and each description text) from the first pronoun that
    follows it in narration before another character is referred to.

    Votes by how surely that pronoun is the character's own: a reflexive in its clause
    ("Sakura ... herself") counts most; a possessive right after its verb ("Sakura bit her lip")
    and a subject pronoun opening the next sentence when the character was the sentence's only
    one ("Sakura fell. She ...") count well; so, less, does a possessive opening the next sentence
    ("Tommy sat down. His head ..."); a subject pronoun after a joiner
    ("as she ...") counts little, for it is often someone watched ("He watched as she ..."). A
    gender is decided when it clearly outweighs the others, whatever gender dominates the story.

    Then votes are explained away: a pronoun near a character of that gender already decided
    (by a title or the first round) counts little for anyone else, so in a two-person story the
    woman's "her" in "Kakashi pulled her closer" does not make Kakashi a woman.

    A description whose head the story taught ("the bard", not an English person noun) gets no
    gender here; what its pronouns say goes into ``heard``, if given. ``prior``: the sex of each
    character's given name ("Harry"); unsure votes (less than one sure pronoun's worth) against
    it decide nothing, and the given name is the default later.
    """
    cast: list[tuple[str, str, float, int]] = []  # key, gender, weight, paragraph
    tokens = dis.tokens
    ordered = sorted(refs, key=lambda r: r.first)
    people_in_sentence: Counter[int] = Counter(
        tokens[r.first].sent for r in ordered if r.kind != "pronoun" and tokens[r.first].quote < 0
    )
    thought = asterisked(dis)
    for k, ref in enumerate(ordered):
        if ref.kind == "pronoun" or tokens[ref.first].quote >= 0:
            continue
        key = ref.character if ref.kind == "name" else desc_key(ref.text)
        if key is None:
            continue
        head = tokens[ref.first]
        sent = head.sent
        before = tokens[ref.first - 1] if ref.first else head
        subject = (
            head.sent_start
            or before.lower in _JOINERS
            or (before.sent_start and before.lower in _OPENING_ADVERBS)
            or (before.quote >= 0 and ref.first > 0)  # '"She's fine," Yennefer said. She ...'
            or _inverted_tag(tokens, ref.first)  # '"Oi," says the archer. She ...'
        )
        alone = people_in_sentence[sent] == 1
        seen = 0
        objects: set[str | None] = set()  # genders of someone else the sentence has as object
        for nxt in ordered[k + 1 : k + 6]:
            nt = tokens[nxt.first]
            if nxt.kind != "pronoun" or nt.para != head.para or nt.sent > sent + 1 or seen == 2:
                break
            if nxt.first in thought:
                break  # "*He's sweet when he's embarrassed*, she thought": the thinker's words
            word = nt.lower
            following = tokens[nxt.first + 1].lower if nxt.first + 1 < len(tokens) else "."
            possessive = word in _POSSESSIVE_FORMS or (
                word == "her"
                and following[0].isalpha()
                and following not in _FUNCTION
                and following not in _AFTER_AN_OBJECT
                and not following.endswith("ly")
                and not _object_her(tokens, nxt.first)
            )
            if nt.sent == sent:
                if word in _REFLEXIVES:
                    weight = (
                        2.0 if subject else 0.0
                    )  # "Sakura ... herself"; not "sent Kakashi and herself"
                elif not subject:
                    weight = 0.1
                elif (
                    possessive
                    and any(_touches(t.lower) for t in tokens[ref.last + 1 : nxt.first])
                    and following not in _OWN_PARTS
                ):
                    weight = 0.0  # "Nobara bumped his shoulder": his, not hers
                    objects.add(nxt.gender)
                elif seen == 0 and possessive and _one_verb_between(tokens, ref.last, nxt.first):
                    weight = 1.0  # "Sakura bit her lip", "Hermione was already packing her bag"
                elif (
                    seen == 0
                    and possessive
                    and nxt.first - ref.last <= 5
                    and tokens[nxt.first - 1].lower == "with"
                    and all(t.lower not in _FUNCTION for t in tokens[ref.last + 1 : nxt.first - 2])
                ):
                    weight = 1.0  # "Minako sweeps in with her sunglasses": what one comes with
                elif word in _SUBJECT_FORMS and tokens[nxt.first - 1].lower in _JOINERS:
                    weight = 0.5  # "Sakura explained as she ..." (but "He watched as she ...")
                elif possessive and alone and tokens[nxt.first - 1].lower in _COME_WITH:
                    weight = 0.5  # "Benzo wandered over from his corner": no one else's
                elif seen == 0 and possessive and alone and _in_absolute(tokens, nxt.first):
                    weight = 0.8  # "Tobin climbed down, one hand on his bad knee"
                elif possessive:
                    weight = 0.2
                else:
                    weight = 0.0  # "Kakashi pulled her aside": an object is someone else
                    objects.add(nxt.gender)
            elif nt.sent_start and word in _SUBJECT_FORMS and nxt.gender in objects:
                weight = 0.0  # "Amy kicks him under the table. He kicks her back.": him, not Amy
            elif nt.sent_start and word in _SUBJECT_FORMS:
                weight = (0.8 if alone else 0.3) if subject else 0.1  # "Sakura fell. She ..."
            elif nt.sent_start and possessive and subject and alone:
                weight = 0.5  # "Tommy sat down. His bared head ..."
            else:
                weight = 0.0
            if weight:
                cast.append((key, nxt.gender or "?", weight / (1 + seen), nt.para))
                seen += 1
    present: dict[int, set[str]] = defaultdict(set)  # paragraph -> characters named in it
    for ref in ordered:
        if ref.kind == "name" and ref.character:
            present[tokens[ref.first].para].add(ref.character)
    genders: dict[str, str] = {}
    first_votes: dict[str, dict[str, float]] = {}
    for least in (1.0, 0.6):
        votes: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        for key, gender, weight, para in cast:
            others = set().union(*(present.get(p, set()) for p in range(para - 3, para + 1))) - {
                key
            }
            if any(genders.get(o) == gender for o in others):
                weight *= 0.2
            votes[key][gender] += weight
        decided = _decide(votes, least)
        genders = {**decided, **genders, **(fixed or {})}  # the first round's decisions stand
        first_votes = first_votes or votes
    genders = {**_unanimous(first_votes), **genders}
    for key, gender in list(genders.items()):
        if (
            (prior or {}).get(key, gender) != gender
            and key not in (fixed or {})
            and first_votes.get(key, {}).get(gender, 0.0) < 1.0
            and gender in ("m", "f", "p")
        ):
            # "Harry slid it across. She read it": one unsure "she" against the given name (but
            # "Tobias was sulking. Ze sat ...": no one writes a neopronoun by accident)
            del genders[key]
    # a character no pronoun of the narration genders: the tags of the lines it seems to speak
    acting: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for key, gender, weight, para in _actor_tag_votes(dis, ordered):
        others = (present.get(para - 1, set()) | present.get(para, set())) - {key}
        if (
            key not in genders
            and not any(first_votes.get(key, {}).values())
            and all(genders.get(o, gender) != gender for o in others)
        ):
            acting[key][gender] += weight
    genders.update(_unanimous(acting))
    # a description whose noun has no sex of its own keeps what its pronouns say ("The guard
    # was big and bald. He looked at us."); one with a sex has it from the noun
    nouns = character_nouns()
    if heard is not None:  # "the bard ... pleased with himself": a he, for the story's choice
        heard.update(
            (k, g)
            for k, g in genders.items()
            if k.startswith("desc:") and k[5:] not in nouns and g in ("m", "f")
        )
    genders = {
        k: g
        for k, g in genders.items()
        if not k.startswith("desc:") or (k[5:] in nouns and nouns[k[5:]] is None and g in "mf")
    }
    genders.update(_description_genders(dis, [r for r in ordered if r.kind == "epithet"]))
    return genders


_ACTOR_TAG_VOTE = 0.6
_AUXILIARIES = frozenset(
    "was were is are had has have did does do would could will should might must be been "
    "already still just also even never always only".split()
)


def _in_absolute(tokens: list[Token], at: int) -> bool:
    """Whether the possessive at ``at`` closes an absolute phrase after a comma, ", one hand on
    his", ", hands in her", ", the letter in his": the subject's own hand, or letter. Not a
    participle's (", standing at his shoulder" is beside someone else)."""
    words = [t.lower for t in tokens[max(0, at - 4) : at]]
    if "," not in words:
        return False
    phrase = words[len(words) - words[::-1].index(",") :]
    return (
        2 <= len(phrase) <= 3
        and phrase[-1] in _ABSOLUTE_PREPOSITIONS
        and phrase[-2].isalpha()
        and not phrase[-2].endswith("ing")  # ", standing at his shoulder": someone else's
        and (len(phrase) == 2 or phrase[0] in _ABSOLUTE_DETERMINERS)
    )


_ABSOLUTE_PREPOSITIONS = frozenset("on in at against over around between under".split())
_ABSOLUTE_DETERMINERS = frozenset("one both a an the his her their its two".split())


def _one_verb_between(tokens: list[Token], last: int, at: int) -> bool:
    """Whether one verb stands between a subject ending at ``last`` and token ``at``, with at
    most one more word, or with auxiliaries and adverbs before it ("Sakura bit her", "Kakashi
    ran a hand through his", "Hermione was already packing her")."""
    between = tokens[last + 1 : at]
    if 1 <= len(between) <= 2:
        return True
    content = [t for t in between if t.lower not in _AUXILIARIES and not t.lower.endswith("ly")]
    return len(content) == 1 and len(between) <= 4 and between[-1] is content[0]


_ASTERISKED = re.compile(r"\*[^*\n]+\*")


def asterisked(dis: Discourse) -> frozenset[int]:
    """Narration tokens between asterisks, a plain-text story's italics: mostly thoughts
    ("*He's sweet when he's embarrassed*, she thought"), whose pronouns are the thinker's."""
    text, tokens = dis.text, dis.tokens
    inside: set[int] = set()
    for para in dis.paragraphs:
        if "*" not in text[para.start : para.end]:
            continue
        spans = [m.span() for m in _ASTERISKED.finditer(text, para.start, para.end)]
        for i in range(para.first_token, para.last_token):
            if tokens[i].quote < 0 and any(a < tokens[i].start < b for a, b in spans):
                inside.add(i)
    return frozenset(inside)


def _inverted_tag(tokens: list[Token], i: int) -> bool:
    """Whether token ``i`` opens the subject of an inverted tag: '"Oi," says the archer'."""
    return (
        i >= 2
        and tokens[i - 1].lower in word_list("speech_verbs")
        and tokens[i - 2].text in _QUOTE_MARKS
        and tokens[i - 2].para == tokens[i].para
    )


def _actor_tag_votes(dis: Discourse, ordered: list[Ref]) -> list[tuple[str, str, float, int]]:
    """Votes of a pronoun tagging the line that opens a paragraph, for the named subject of the
    last sentence of the narration paragraph just before: 'Paimon darted behind Aether.' /
    '"Wait, wait," she said.' The one who just acted is the likeliest to speak, though her
    gender may be said nowhere else."""
    tokens = dis.tokens
    speech = word_list("speech_verbs")
    actors: dict[int, str] = {}  # paragraph -> the name opening its last sentence
    for ref in ordered:
        tok = tokens[ref.first]
        para = dis.paragraphs[tok.para]
        if (
            ref.kind == "name"
            and ref.character
            and tok.quote < 0
            and tok.sent_start
            and not para.quotes
            and tokens[para.last_token - 1].sent == tok.sent
        ):
            actors[tok.para] = ref.character
    votes = []
    for ref in ordered:
        tok = tokens[ref.first]
        actor = actors.get(tok.para - 1)
        if ref.kind != "pronoun" or actor is None or tok.lower not in _SUBJECT_FORMS:
            continue
        opening = tokens[dis.paragraphs[tok.para].first_token].quote
        before, after = tokens[ref.first - 1], tokens[min(ref.first + 1, len(tokens) - 1)]
        if opening >= 0 and before.quote == opening and after.lower in speech:
            votes.append((actor, ref.gender or "?", _ACTOR_TAG_VOTE, tok.para))
    return votes


_CLAUSE_ENDS = frozenset(
    {",", ";", ".", "!", "?", ":", "and", "but", "as", "while", "when", "so", "or", "—"}
)
_OWN_POSSESSIVES = {"his": "m", "her": "f", "their": "p", "hers": "f"}
_PLACE_PREPOSITIONS = frozenset("to beside behind near at toward towards with from by".split())


def _own_gender(tokens: list[Token], ref: Ref) -> str | None:
    """The gender a possessive in a description's own clause gives it: "her visitor still
    wore his hat"."""
    for i in range(ref.last + 1, min(len(tokens), ref.last + 9)):
        tok = tokens[i]
        if tok.lower in _CLAUSE_ENDS or tok.quote >= 0 or tok.para != tokens[ref.first].para:
            return None
        if tok.lower in _OWN_POSSESSIVES:
            nxt = tokens[i + 1].lower if i + 1 < len(tokens) else "."
            if not nxt[:1].isalpha() or _object_her(tokens, i):
                return None
            return _OWN_POSSESSIVES[tok.lower]
        if tok.lower in {"he", "she", "him", "they", "them", "i", "you"}:
            return None
    return None


def _object_her(tokens: Sequence[Token], i: int) -> bool:
    """Whether "her" at ``i`` is an object ending a place phrase, not a possessive: "the kid
    next to her continued to whine" (a verb follows), unlike "the medic nin earned a glare for
    her tone"."""
    nxt = tokens[i + 1].lower if i + 1 < len(tokens) else "."
    return (
        tokens[i].lower == "her"
        and i > 0
        and tokens[i - 1].lower in _PLACE_PREPOSITIONS
        and (
            nxt in word_list("speech_verbs")
            or nxt in word_list("irregular_past")
            or (nxt.endswith("ed") and len(nxt) > 3)
        )
    )


def _description_genders(dis: Discourse, descriptions: list[Ref]) -> dict[str, str]:
    """A description's gender from a possessive in its own clause: "the copy-nin shook his head",
    "the medic nin earned a glare for her tone". Only a clear majority counts."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    tokens = dis.tokens
    for ref in descriptions:
        if tokens[ref.first].quote < 0 and (gender := _own_gender(tokens, ref)) is not None:
            votes[desc_key(ref.text)][gender] += 1
    out = {}
    for key, counter in votes.items():
        best, n = counter.most_common(1)[0]
        if n / sum(counter.values()) >= 0.75:
            out[key] = best
    return out


def desc_key(text: str) -> str:
    """Descriptions vote by their head noun: "the tired medic" and "the medic" share a gender."""
    return "desc:" + text.lower().split()[-1]


def _unanimous(votes: dict[str, dict[str, float]], least: float = 0.6) -> dict[str, str]:
    """The gender of a character every one of whose pronoun votes (before any was explained
    away) is of that one gender, when they add up to ``least``: in a story of two men, the
    "Sherlock breathes. He ..." that the other man's presence discounts is still Sherlock's, since
    nothing says otherwise."""
    found = {}
    for key, counter in votes.items():
        given = {g: n for g, n in counter.items() if n > 0 and g != "?"}
        if len(given) == 1:
            [(gender, n)] = given.items()
            if gender in ("m", "f") and n >= least:
                found[key] = gender
    return found


def _decide(votes: dict[str, dict[str, float]], least: float = 1.0) -> dict[str, str]:
    """The gender that clearly outweighs the others (singular "they" only when it dominates)."""
    genders = {}
    for key, counter in votes.items():
        ranked = sorted(((n, g) for g, n in counter.items() if g not in ("p", "?")), reverse=True)
        if ranked:
            n, best = ranked[0]
            rest = sum(m for m, _ in ranked[1:])
            if n >= least and n >= 2.5 * rest:
                genders[key] = best
                continue
        plural = counter.get("p", 0.0)
        if plural >= 2.0 and plural >= 3 * sum(n for n, _ in ranked):
            genders[key] = "p"
    return genders


@register("coref", requires=("characters",), assigns=("coref", "pronouns"))
def coref_pass(work: Work) -> Work:
    """Link pronouns and descriptions in narration to characters; set characters' pronouns."""
    dis = discourse(work)
    names = name_refs(work, dis)
    name_tokens = {t for r in names for t in range(r.first, r.last + 1)}
    heads = description_heads(dis, name_tokens)
    cast = known_cast(work)
    known: dict[str, str] = {}  # known full name -> character id
    for c in work.characters:
        found = cast.match([c.name, *c.aliases]) if cast else None
        if found is not None:
            known.setdefault(found.name, c.id)
    if cast:  # the pack's epithets are descriptions: "the copy-nin"
        for k in cast.characters:
            for epithet in k.epithets:
                heads.add(epithet.replace(" ", "-"))  # one token: "copy-nin"
    descriptions = find_descriptions(dis, heads, name_tokens)
    epithets = {}
    for ref in descriptions:
        found = cast.by_epithet(ref.text) if cast and not ref.possessive else None
        if found is not None and found.name in known:
            epithets[ref.first] = known[found.name]
    for first, cid in appositions(dis, names, descriptions).items():
        epithets.setdefault(first, cid)
    holders = title_holders(_with_pack_titles(work.characters, cast, known))
    if "master" in holders and not _called_master(dis, names, holders["master"]):
        del holders["master"]  # "Master Hendrick Hudson", once: a courtesy, not the master
    for ref in descriptions:  # "the Judge" of a story whose one judge is Judge Miller
        head = ref.text.lower().split()[-1]
        if head in holders and not ref.possessive and not ref.indefinite:
            epithets.setdefault(ref.first, holders[head])
    epithets.update(
        (first, cid)
        for first, cid in _capitalised_titles(dis, descriptions, work.characters).items()
        if first not in epithets
    )
    pronouns = pronoun_refs(dis)
    titled = _titles_used_as_names(work, dis, names)
    if titled:  # "the Seeker snaps" of a story whose Seeker is Cassandra
        work = _merge_characters(work, titled)
        for ref in names:
            ref.character = titled.get(ref.character or "", ref.character)
    # "Aunt Polly", "Mrs. Lennox": a title decides; so does the pack ("Pakkun": he/him).
    fixed = _title_genders(work)
    for c in work.characters:
        found = cast.match([c.name, *c.aliases]) if cast else None
        if found is not None and found.gender:
            fixed[c.id] = found.gender
    fixed.update(declared_pronouns(work, work.characters))  # "Jehan uses they/them here"
    taught: dict[str, str] = {}  # "the bard ... himself": the story-level choice's gender
    by_name = name_genders(work.characters)
    estimated = estimate_genders(dis, names + descriptions + pronouns, fixed, taught, by_name)
    starts, kinship = scene_starts(work, dis), kinship_keys(work.characters)
    titles, calls = kin_titles(work.characters), title_names(work.characters)
    genders = dict(estimated)
    parents: set[str] = set()
    narrator = narrator_refs(dis)
    told = any(r.text.lower() in _SECOND_PERSON for r in narrator[:1])  # to "you"

    def resolve_all(genders: dict[str, str]) -> list[Ref]:
        return resolve(
            dis, names, descriptions, pronouns, genders, starts, kinship, epithets, titles,
            by_name, calls, parents, told, taught,
        )  # fmt: skip

    resolved = resolve_all(genders)
    learned = _resolved_genders(dis, resolved, estimated, starts)
    # a given name's sex where the text leaves it open and the pronouns resolution gave the
    # character mostly agree ("Ted" with four he and one she)
    heard: dict[str, Counter[str]] = defaultdict(Counter)
    for r in resolved:
        if r.kind == "pronoun" and r.character and r.gender in ("m", "f"):
            heard[r.character][r.gender] += 1
    learned |= {
        cid: g
        for cid, g in by_name.items()
        if cid not in estimated
        and cid not in learned
        and heard[cid][g] >= NAME_AGREES * sum(heard[cid].values())
    }
    learned = _described_genders(dis, resolved, estimated.keys() | learned.keys()) | learned
    if learned:  # resolve again, now knowing that "Bakugou" is a he
        genders = estimated | learned
        for ref in descriptions + pronouns:
            ref.character = None
        parents.clear()
        resolved = resolve_all(genders)
    give_voices_owners(dis, resolved)
    # where pronouns leave it open, "Florence" is a woman's name
    given = {c.id: g for c in work.characters if (g := given_name_gender(c))}
    sexes = {**given, **genders}  # a "he" for "Charlotte Temple" is too doubtful to go on
    sexes = {cid: g for cid, g in sexes.items() if given.get(cid, g) == g}
    merged = bare_titles(work.characters) | titled_surnames(
        work.characters, sexes, parents, spoken_only=_spoken_only(work, dis)
    )
    if merged:
        work = _merge_characters(work, merged)
        for ref in resolved:
            ref.character = merged.get(ref.character or "", ref.character)
    resolved = [r for r in resolved if r.character is not None or not r.indefinite]
    characters, resolved = _describe_cast(dis, work, resolved + narrator, genders)
    if narrator:
        characters.append(_narrator_character(work.text, narrator))
    mentions = sorted(
        [
            *work.mentions,
            *(
                Mention(dis.tokens[r.first].start, _end(dis, r), r.character, r.kind)
                for r in resolved
                if r.kind != "name"
            ),
        ],
        key=lambda m: (m.start, m.end),
    )
    return work.with_layers("coref", characters=tuple(characters), mentions=tuple(mentions))


NAME_AGREES = 0.6  # of the resolved pronouns, the share a given name's sex needs

_READER_NAMES = re.compile(r"\b[YyFf]/[Nn]\b")  # "Y/N", "F/N": the reader's own name goes here


def _narrator_character(text: str, refs: list[Ref]) -> Character:
    """The narrator: "I", or in a story told to "you", the Reader (the archive's name for a
    reader-insert's protagonist), whose name the text may leave blank ("Happy birthday, Y/N.")."""
    if refs[0].text.lower() not in _SECOND_PERSON:
        return Character(NARRATOR, NARRATOR_NAME, ("I",), None, len(refs))
    blank = _READER_NAMES.search(text)
    aliases = ("you", blank.group()) if blank else ("you",)
    return Character(NARRATOR, "Reader", aliases, None, len(refs))


def name_genders(characters: Sequence[Character]) -> dict[str, str]:
    """The gender of each character's given name, when it is a common English one of one sex
    ("Basil Hallward", "Tommy"): the default for a character the text does not gender itself,
    neither by the pronouns that follow its name nor by any that resolution gave it. (Used
    earlier, as a prior, it outweighs the text too often.)"""
    names, formal = given_name_genders(), formal_given_names()
    out = {}
    for c in characters:
        words = c.name.split()
        if not words or words[0].rstrip(".").lower() in TITLES:
            continue  # "Mr. Denham": the title decides, or nothing does
        first = words[0].lower()
        genders = {names[f] for f in formal.get(first, ()) if f in names}
        gender = names.get(first) or (genders.pop() if len(genders) == 1 else None)
        if gender:
            out[c.id] = gender
    return out


def _resolved_genders(
    dis: Discourse, refs: list[Ref], known: dict[str, str], starts: Collection[int] = ()
) -> dict[str, str]:
    """Genders of named characters the first estimate left open, from the pronouns resolution
    gave them: at least five, seven in ten of one gender. (A first-person story seldom puts
    "he" right after "Bakugou", but "he" goes to him all the same.) A pronoun counts little when
    a character known to be of its gender was named in its paragraph or the three before: the
    "her" near Sakura is most likely hers, not the unknown man's resolution happened to give it.

    Fewer will do when they all agree: two or more, none of the other sex, for a character the
    narration names three times or more, one of them in a paragraph where that character is
    the only one named before it ("Jayce came up the stairs, his coat soaked through ... He
    stopped beside her"): a modern or invented given name no list genders. Or three, none of
    the other sex, each in a scene (``starts``: paragraphs opening one) where no character
    known to be of that gender is named: in a scene of an old keeper and his apprentice, the
    "her"s are the apprentice's."""
    tokens = dis.tokens
    named: dict[int, set[str]] = defaultdict(set)  # paragraph -> genders of characters named
    narrated: Counter[str] = Counter()
    in_para: dict[int, list[tuple[int, str]]] = defaultdict(list)  # paragraph -> names in it
    opening = sorted(starts)
    in_scene: dict[int, set[str]] = defaultdict(set)  # scene -> genders of characters named

    def scene(para: int) -> int:
        return bisect_right(opening, para)

    for r in refs:
        if r.kind == "name" and r.character in known:
            named[tokens[r.first].para].add(known[r.character])
            in_scene[scene(tokens[r.first].para)].add(known[r.character])
        if r.kind == "name" and r.character and tokens[r.first].quote < 0:
            narrated[r.character] += 1
            in_para[tokens[r.first].para].append((r.first, r.character))

    def own_paragraph(r: Ref) -> bool:
        before = {c for first, c in in_para.get(tokens[r.first].para, ()) if first < r.first}
        return before == {r.character}

    counts: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    raw: dict[str, Counter[str]] = defaultdict(Counter)
    owned: dict[str, Counter[str]] = defaultdict(Counter)
    lone: dict[str, Counter[str]] = defaultdict(Counter)  # no one known of that gender in scene
    for r in refs:
        if r.kind == "pronoun" and r.character and r.gender in ("m", "f"):
            para = tokens[r.first].para
            near = any(r.gender in named.get(p, ()) for p in range(para - 3, para + 1))
            counts[r.character][r.gender] += 0.2 if near else 1.0
            raw[r.character][r.gender] += 1
            lone[r.character][r.gender] += r.gender not in in_scene[scene(para)]
            owned[r.character][r.gender] += own_paragraph(r)
    learned = {}
    for cid, counter in counts.items():
        if cid in known or cid.startswith("unnamed-"):
            continue
        gender, n = max(counter.items(), key=lambda item: item[1])
        if n >= 5 and n >= 0.7 * sum(counter.values()):
            learned[cid] = gender
        elif len(raw[cid]) == 1 and lone[cid][gender] >= 3:
            learned[cid] = gender  # all agree, and no one else of that gender is there
        elif (
            n >= 1
            and len(raw[cid]) == 1
            and raw[cid][gender] >= 2
            and narrated[cid] >= 3
            and owned[cid][gender] >= 1
        ):
            learned[cid] = gender  # all agree
    return learned


def scene_starts(work: Work, dis: Discourse) -> frozenset[int]:
    """Paragraphs that open a scene or a chapter. Only a marked break counts ("* * *", a rule):
    an extra blank line is as often a pause within a scene as a change of scene."""
    breaks = sorted(
        [
            b.start
            for b in work.blocks
            if b.role is BlockRole.SCENE_BREAK and work.text[b.start : b.end].strip()
        ]
        + [c.start for c in work.chapters]
    )
    starts = set()
    bi = 0
    for pi, para in enumerate(dis.paragraphs):
        moved = False
        while bi < len(breaks) and breaks[bi] <= para.start:
            bi += 1
            moved = True
        if moved:
            starts.add(pi)
    return frozenset(starts)


def _end(dis: Discourse, ref: Ref) -> int:
    return (
        dis.tokens[ref.first].start + len(ref.text)
        if ref.kind == "epithet"
        else dis.tokens[ref.last].end
    )


def given_name_gender(character: Character) -> str | None:
    """The sex an English given name in the character's names is given to, when they agree."""
    given = given_name_genders()
    found = {
        given.get(form.split()[0].lower())
        for form in (character.name, *character.aliases)
        if form[:1].isupper() and form.split()
    } - {None}
    return next(iter(found)) if len(found) == 1 else None


def _title_genders(work: Work) -> dict[str, str]:
    from ficscope.lexicon import FEMALE_TITLES, MALE_TITLES

    out = {}
    male = MALE_TITLES | {"master"}  # "Master Timothy": a household's young man (a neutral title
    # elsewhere: "Master Kenobi" is no woman's name either)
    for c in work.characters:
        m = sum(1 for a in c.aliases if a.split()[0].rstrip(".").lower() in male)
        f = sum(1 for a in c.aliases if a.split()[0].rstrip(".").lower() in FEMALE_TITLES)
        if m != f:
            out[c.id] = "m" if m > f else "f"
    return out


_YOUNG_HEADS = frozenset("boy girl child kid lad lass youngster".split())
_CHILD_HEADS = frozenset("child kid youngster".split())  # ungendered: the boy or girl just seen
_HUMAN_HEADS = frozenset("man woman boy girl lady gentleman guy person men women".split())
_ANAPHORS = frozenset("stranger figure person".split())  # someone already there, unnamed
_MET = frozenset("stranger visitor guest traveller newcomer".split())  # one met: one person
_GENERIC_HEADS = frozenset(
    "man woman boy girl lady gentleman guy person child kid figure stranger other one fellow "
    "others people men women boys girls".split()
)


def resolve(
    dis: Discourse,
    names: list[Ref],
    descriptions: list[Ref],
    pronouns: list[Ref],
    genders: dict[str, str],
    scene_starts: frozenset[int] = frozenset(),
    kinship: dict[str, tuple[str | None, str]] | None = None,
    epithets: dict[int, str] | None = None,
    kin_titled: dict[str, str] | None = None,
    given: dict[str, str] | None = None,
    calls: Mapping[str, str] | None = None,
    parents: set[str] | None = None,
    told: bool = False,
    heard: Mapping[str, str] | None = None,
) -> list[Ref]:
    """Walk the references in text order, resolving pronouns and descriptions by salience.
    ``told``: the story is told to "you" (a reader-insert). ``heard``: the genders the pronouns
    of descriptions with story-taught heads give them (see ``estimate_genders``).
    A character the text has not gendered (``genders``) has the gender of its given name
    (``given``) where a pronoun or description looks for one; ``calls`` are the titles that
    call one character ("Captain").

    A description ("the copy-nin") is first decided for the whole story: the character that is
    salient, of a compatible gender and not named in the same sentence wherever it is used. A
    description that fits nobody introduces an unnamed character ("the tracker"), who can then be
    the antecedent of later pronouns. Salience starts afresh at each scene break.
    """
    tokens = dis.tokens
    nouns = character_nouns()
    refs = sorted(names + descriptions + pronouns, key=lambda r: r.first)
    named_in_sentence: dict[int, set[str]] = defaultdict(set)
    named_at_in: dict[int, list[tuple[int, str]]] = defaultdict(list)  # narration names
    for r in names:
        if r.character:
            named_in_sentence[tokens[r.first].sent].add(r.character)
            if tokens[r.first].quote < 0:
                named_at_in[tokens[r.first].sent].append((r.first, r.character))
    # Pass 1: who is salient where, from names alone, to decide each description for the story.
    # A character whom the text genders only through a description ("the dog ... his ears" for
    # a dog called Pakkun) takes that description's gender; then the decision is made again.
    calls_in: dict[int, list[str]] = defaultdict(list)  # per quotation, the ones it calls
    called = _called(dis, names, calls, calls_in)
    decided = _decide_descriptions(
        dis, refs, descriptions, genders, scene_starts, named_in_sentence, called, given, heard
    )
    learned: dict[str, Counter[str]] = defaultdict(Counter)
    for head, cid in decided.items():
        if cid not in genders and genders.get(head) in ("m", "f"):
            learned[cid][genders[head]] += 1
    for cid, counter in learned.items():
        if len(counter) == 1:
            genders[cid] = next(iter(counter))
    if learned:
        taught = {head: cid for head, cid in decided.items() if cid in learned}
        decided = _decide_descriptions(
            dis, refs, descriptions, genders, scene_starts, named_in_sentence, called, given,
            heard,
        )  # fmt: skip
        decided.update(taught)
    beast = _the_beast(decided)
    # Pass 2: resolve in order.
    history: list[tuple[int, str, bool, int]] = []
    unnamed: dict[str, str] = {}
    described: dict[str, str] = {}  # "masked man" -> the unnamed one first described so
    pending: dict[str, list[Ref]] = {}  # indefinites that have not acted yet, by head
    kin_links: dict[str, Counter[str]] = defaultdict(Counter)  # "his wife" -> Mrs. Bennet
    traits: dict[str, str] = {}  # "silver-haired" -> the named character first described so
    young: list[str] = []  # the last one described as a boy, girl or child
    quoted_names = _quoted_names(tokens, names)
    partners: dict[str, Counter[str]] = defaultdict(Counter)  # "her cousin" -> whom she meets
    named_at = {r.first: r.character for r in names if r.character}
    earlier_scenes: set[str] = set()  # unnamed people of the scenes before
    newcomer: tuple[str, int] | None = None  # the last one introduced ("a teacher"), and where
    introduced_at = -1  # the token introducing the newcomer
    recalled: set[int] = set()  # names opening a that-clause: "reminded him that Sakura would"
    owners_inside: set[int] = set()  # "he brought the mirror away from Stephen's eyes"
    speech = word_list("speech_verbs")
    service = word_list("service_nouns")
    prominence: Counter[str] = Counter()  # names in the narration so far
    story_names = Counter(  # names in the whole narration
        r.character for r in names if r.character and tokens[r.first].quote < 0
    )
    hair: dict[str, str] = {}  # character -> hair colour ("his blond hair"; "the brunet")
    owned_at: dict[int, str] = {}  # a possessive description's first token -> its character
    used_heads: set[str] = set()  # the heads of the descriptions used so far

    def new_person(key: str, fresh: bool = False) -> str:
        """An unnamed character's id; "a man" of a new scene is someone new ("unnamed-man-2"),
        though a role ("the doctor") is the same person in every scene. ``fresh``: someone
        introduced ("A young man landed"), never the one of that noun already in the scene."""
        cid, n = f"unnamed-{key}", 2
        taken = set(unnamed.values()) if fresh else set()
        while key in _GENERIC_HEADS and (cid in earlier_scenes or cid in taken):
            cid, n = f"unnamed-{key}-{n}", n + 1
        return cid

    def another_person(key: str) -> str:
        """An id no unnamed character has yet: "a second voice" is not the first one."""
        cid, n = new_person(key), 2
        while cid in unnamed.values() or cid in earlier_scenes:
            cid, n = f"unnamed-{key}-{n}", n + 1
        return cid

    for ref in refs:
        tok = tokens[ref.first]
        if tok.para in scene_starts and history and history[-1][3] < tok.para:
            history = []
            earlier_scenes.update(unnamed.values())
            unnamed = {}
            described = {}
            pending = {}
            young = []
        subject = tok.sent_start or (ref.first > 0 and tokens[ref.first - 1].sent != tok.sent)
        if ref.kind == "name":
            if ref.character and tok.quote < 0:
                if not remembered(tokens, ref.first):  # no one there for the pronouns after
                    history.append((ref.first, ref.character, subject, tok.para))
                prominence[ref.character] += 1
                if _complement_subject(tokens, ref.first):
                    recalled.add(ref.first)
                elif _owner_inside(tokens, ref, subject):
                    owners_inside.add(ref.first)
            continue
        gender = ref.gender
        trait = colour = None
        if ref.kind == "epithet":
            head = desc_key(ref.text)
            gender = gender or genders.get(head)
            key = ref.text.lower() if ref.possessive else ref.text.lower().split()[-1]
            trait = _trait(ref.text) if not ref.possessive else None
            proper = _proper_modifier(ref.text) if not ref.possessive else None
            # "the man" is not the dog; nor is "the ninja" the story decided for a person
            person = decided.get(head) not in (None, beast)
            human = beast if key in _HUMAN_HEADS or person else None

            # the salient character of a given gender this description can be, if any
            nearby = partial(
                _pick,
                history,
                tok,
                genders=genders,
                subject=subject,
                is_pronoun=False,
                tokens=tokens,
                key=key,
                skip=human,
                given=given,
            )
            colour = _hair_colour(ref.text) if not ref.possessive else None
            if epithets and ref.first in epithets:
                ref.character = epithets[ref.first]  # the pack's epithet: "the copy-nin"
            elif colour and (
                haired := _of_colour(hair, colour, _recent(history, tok.para))
                or _of_colour(hair, colour, {cid for _, cid, _, _ in history}, alone=True)
            ):
                ref.character = haired  # "his blond hair" ... "the blond"
            elif trait in traits:
                ref.character = traits[trait]  # "the silver-haired ninja" ... "man": one person
            elif proper:
                # "the Mist ninja", "the Mist deserter": one person, not the story's "ninja"
                ref.character = traits.setdefault(proper, f"unnamed-{proper}-{key}")
                if gender:
                    genders.setdefault(ref.character, gender)
            elif beast and not ref.possessive and _beastly(ref.text):
                ref.character = beast  # "the canine leader" of a story whose one dog is Pakkun
            elif (
                key in _CHILD_HEADS
                and not ref.possessive
                and not ref.indefinite
                and young
                and (key not in unnamed or unnamed[key] == young[0])
            ):
                ref.character = young[0]  # "a small boy came along the path ... the child"
            elif ref.possessive:
                owner_gender = _OWNER_GENDER.get(tok.lower)
                owner = (
                    _pick(history, tok, owner_gender, genders, subject, True, given=given)
                    or _addressed(quoted_names.get(tok.para, ()), owner_gender, genders)
                    if owner_gender
                    else None
                )
                noun = key.split()[-1]
                kin = named_at.get(ref.last + 1)  # "my brother Robert", "her cousin Edith"
                kin = kin or _kin(owner, noun, kinship or {}, plural=tok.lower == "their")
                child = None if kin else _child(owner, noun, kinship or {}, genders)
                if child and owner and parents is not None:
                    parents.add(owner)  # Emma McChesney's "her son": she is a mother
                kin = kin or child
                kin = kin or decided.get("poss:" + " ".join(key.split()))  # "our friend"
                if kin is None and kin_titled and kin_titled.get(noun, owner) != owner:
                    kin = kin_titled[noun]  # "his aunt" of a story whose one aunt is Aunt Polly
                if kin is None and kin_titled and tok.lower == "my":
                    kin = kin_titled.get("my " + noun)  # "my mother" of a story calling her Mom
                if kin is None and noun in _SIBLINGS and owner:
                    kin = _sibling(
                        history,
                        tok.para,
                        owner,
                        _SIBLINGS[noun],
                        genders,
                        kinship,
                        owner_gender,
                        prominence,
                    )
                if kin is None and noun in _MET:  # "her guest": the stranger met just now
                    kin = _met_lately(history, tok.para)
                story = decided.get("desc:" + noun)
                if (
                    kin is None
                    and story not in (None, owner, beast)
                    and noun not in _GENERIC_HEADS
                    and (gender or genders.get(story or "")) in (None, genders.get(story or ""))
                    and story in _recent(history, tok.para)
                ):
                    kin = story  # "his medic" of a story whose "the medic" is Sakura, nearby
                if kin is None and noun in _PARTNERS and dis.paragraphs[tok.para].quotes:
                    # '"Florence," said her cousin': the one she is talking with. "his lover" is of
                    # either sex: the pronouns after it, which sexed it, are mostly the owner's
                    own = None if noun == "lover" else gender or _own_gender(tokens, ref)
                    itself = "unnamed-" + "-".join(key.split())
                    meets = (
                        _partner(history, tok, (owner, itself), own, {**(given or {}), **genders})
                        if owner
                        else None
                    )
                    partners[key][meets or ""] += 1
                if kin:
                    kin_links[key][kin] += 1
                ref.character = kin or "unnamed-" + "-".join(key.split())
                if kin is None:
                    owned_at[ref.first] = ref.character
                if gender:
                    genders.setdefault(ref.character, gender)
            elif ref.indefinite and not participates(dis, ref):
                # "in want of a wife", "the bark of a man who...": no one who takes part (yet)
                pending.setdefault(key, []).append(ref)
                continue
            elif ref.indefinite:
                other = _OTHER_ONE & set(ref.text.lower().split())
                ref.character = unnamed[key] = (
                    another_person(key) if other else new_person(key, fresh=True)
                )
                newcomer = (ref.character, tok.para)
                introduced_at = ref.first
                if gender:
                    genders.setdefault(ref.character, gender)
            elif key in unnamed and (
                key not in _GENERIC_HEADS
                or unnamed[key] in _recent(history, tok.para)
                or key not in _OTHER_ONE
                and _set_apart(tokens, ref)
            ):
                # "the masked man" is the one described so in this scene, not the young man
                # who came in since
                ref.character = described.get(_modified(ref.text), unnamed[key])
            elif key in pending and (
                tok.para - tokens[pending[key][-1].first].para <= 2
                or _restates_waiting(pending[key], ref)
            ):
                # "She saw a man by the door. The man raised a hand.": the man takes part now
                ref.character = unnamed[key] = new_person(key)
                for earlier in pending.pop(key):
                    earlier.character = ref.character
                if gender:
                    genders.setdefault(ref.character, gender)
            elif (
                head not in used_heads
                and key in nouns
                and key not in _GENERIC_HEADS
                and not ref.possessive
                and (brought := _brought_along(tokens, pending, ref, gender, genders))
            ):
                # "Martha came in with a young man in a green coat. / '...,' said the
                # messenger": the role's first use is the one just brought in, not Martha
                ref.character = unnamed[brought] = new_person(brought)
                for earlier in pending.pop(brought):
                    earlier.character = ref.character
                if gender:
                    genders.setdefault(ref.character, gender)
            elif not ref.possessive and key not in unnamed and _described_as_new(tokens, ref):
                # "The sheriff of Harlan Falls was a heavyset man with a gray mustache": a role
                # told like someone met for the first time, not the named man of the scene
                ref.character = unnamed[key] = new_person(key, fresh=True)
                newcomer = (ref.character, tok.para)
                introduced_at = ref.first
                if gender:
                    genders.setdefault(ref.character, gender)
            elif (
                not ref.possessive
                and key not in unnamed
                and key not in _GENERIC_HEADS
                and head not in decided
                and _comes_in(tokens, ref)
            ):
                # "There was a knock at the door, and the marine sentry put his head in": a
                # role first met coming in to those there, not the named man among them
                ref.character = unnamed[key] = new_person(key, fresh=True)
                newcomer = (ref.character, tok.para)
                introduced_at = ref.first
                if gender:
                    genders.setdefault(ref.character, gender)
            elif head in decided:
                # decided for the story, but "the elder medic" in a scene without the story's
                # medic is someone there
                story = decided[head]
                local = None
                if story not in _recent(history, tok.para):
                    want = gender or genders.get(story)
                    local = nearby(gender=want) if want else None
                ref.character = local or story
            elif key in nouns and _restates_newcomer(newcomer, history, tok.para, gender, genders):
                # "A young man landed beside him. He was slight. ..." / "the stranger said"
                ref.character = newcomer[0] if newcomer else None
                if ref.character and gender in ("m", "f"):
                    # '"...?" queried a loud voice.' / 'The man below growled': a he
                    genders.setdefault(ref.character, gender)
            elif beast is None and key in gendered_list("animal_nouns"):
                # "with the cat on his chest" in a story with no animal character: an animal
                # there, not the salient man the possessive's gender points to
                ref.character = unnamed.setdefault(key, new_person(key))
            elif key in service and not ref.possessive:
                # "The waitress came over with a pot of tea": someone met at their work, not
                # the named woman she stands near
                ref.character = unnamed.setdefault(key, new_person(key))
                if gender:
                    genders.setdefault(ref.character, gender)
            elif key in _HUMAN_HEADS and _at_a_post(tokens, ref):
                # "The woman at the checkout looked at Edward": someone met at their post, new
                ref.character = unnamed[key] = new_person(key, fresh=True)
                newcomer = (ref.character, tok.para)
                introduced_at = ref.first
                if gender:
                    genders.setdefault(ref.character, gender)
            else:
                # '"And ruin it?" the blond drawled. "I'm brooding, Potter."', no hair shown:
                # the one there who is not called by name in the paragraph's lines
                called_here = quoted_names.get(tok.para, ()) if key in _HAIR_NOUNS else ()
                ref.character = nearby(gender=gender, exclude=called_here) if gender else None
                if (
                    ref.character
                    and key in unnamed
                    and genders.get(unnamed[key]) == gender
                    and ref.character not in genders
                    and ref.character not in (given or {})
                ):
                    # "The old woman who ran it ..." ... "Kazuki was out the window. / The
                    # old woman was waiting": the woman of the scene, not one of unknown sex
                    ref.character = unnamed[key]
                if gender and key in _HUMAN_HEADS and len(ref.text.split()) == 2:
                    # '"More coffee?" The waitress was young.' / '"Please," said Sam.' / 'The
                    # woman poured': the role met just now, not the named woman salience gives
                    ref.character = (
                        _role_near(history, unnamed, tok.para, gender, genders) or ref.character
                    )
                restated = None
                if (
                    ref.character is None
                    and not gender
                    and subject
                    and tok.lower == "the"
                    and key not in _HAIR_NOUNS
                ):
                    # "Steve wandered in. The super soldier took one look at the counter.": a
                    # noun of no sex opening the sentence after one whose subject is a name
                    restated = ref.character = _subject_just_before(tokens, history, ref.first)
                if ref.character is None and gender and key in _HUMAN_HEADS and not history:
                    # a scene opening on '"Tuppence, old bean!"' ... 'continued the young man'
                    ref.character = _called_lately(
                        quoted_names, tok.para, gender, {**(given or {}), **genders}
                    )
                if ref.character is None and not gender and key in _ANAPHORS:
                    # "a solitary man ... This man talked with Manuel" ... "the stranger said"
                    # (the one referred to last, of the people, not animals, still near)
                    animals = gendered_list("animal_nouns")
                    present = {
                        c
                        for c in _recent(history, tok.para)
                        if c.startswith("unnamed-") and c.split("-")[-1] not in animals
                    }
                    ref.character = next(
                        (c for _, c, _, _ in reversed(history) if c in present), None
                    )
                if restated is None and (
                    ref.character is None
                    or head.removeprefix("desc:") not in _GENERIC_HEADS
                    and not gender
                ):
                    if key not in unnamed:
                        unnamed[key] = new_person(key)
                    ref.character = unnamed[key]
                    if gender:
                        genders.setdefault(ref.character, gender)
        elif newcomer and _newcomer_goes_on(
            tokens, ref, introduced_at, genders.get(newcomer[0]), gender
        ):
            # "Then somebody dropped into the seat next to Emma. She was maybe sixteen": the
            # one just introduced, opening the next sentence, not the woman named after
            ref.character = newcomer[0]
            if gender in ("m", "f"):
                genders.setdefault(ref.character, gender)
        elif (
            newcomer
            and history
            and _newcomer_speaks(dis, ref, newcomer[1], genders.get(newcomer[0]), gender)
            and newcomer[0] in (history[-1][1], _last_subject(history))
        ):
            ref.character = newcomer[0]
            if gender in ("m", "f"):
                genders.setdefault(ref.character, gender)
        elif answer := _answers_a_call(dis, ref, called, gender, genders, history, prominence):
            ref.character = answer
        elif hailed := _object_of_call(tokens, ref, gender, genders, calls_in, history):
            ref.character = hailed
        else:
            own = _clause_subject(tokens, history, ref.first)
            # "Millie, her lymphatic maid,": the maid is not her own
            apposed = (epithets or {}).get(ref.first)
            owned = owned_at.get(ref.first)  # "his lover": his own lover is not he
            ref.character = _possessor(tokens, history, ref.first, gender, genders)
            ref.character = ref.character or _subject_goes_on(
                tokens, history, ref.first, gender, genders, given or {}
            )
            tagging = _pronoun_tag(tokens, ref, speech)
            if ref.character is None or ref.character in (apposed, owned):
                ref.character = _pick(
                    history,
                    tok,
                    gender,
                    genders,
                    subject,
                    True,
                    skip=own,
                    given=given,
                    recalled=recalled,
                    owners=owners_inside if tagging else frozenset(),
                    topic_of=tokens if tagging else None,
                    exclude=(
                        *(c for c in (apposed, owned) if c),
                        *_named_after(tokens, ref, named_at_in.get(tok.sent, ())),
                    ),
                )
            if ref.character is None and not history and gender in ("m", "f"):
                # "of course he is there too" opening a scene: the story's lead of that gender
                ref.character = _lead(prominence, gender, genders)
            if (
                told
                and ref.character is None
                and gender in ("m", "f")
                and not any(genders.get(cid) == gender for cid in prominence)
            ):
                # "you see somebody come in. He shakes out his umbrella.": in a story told to
                # "you" (a reader-insert), a he or she met before the narration names anyone of
                # that sex is the story's lead of that sex, named later
                ref.character = _lead(story_names, gender, genders)
            waiting = _waiting(tokens, pending, history, ref, genders)
            if waiting is not None:  # "conscious of a man behind. She felt him ...": he acts now
                ref.character = unnamed[waiting] = new_person(waiting)
                for earlier in pending.pop(waiting):
                    earlier.character = ref.character
                genders.setdefault(ref.character, gender or "")
        if ref.kind == "epithet":
            used_heads.add(desc_key(ref.text))
        if ref.kind == "epithet" and colour and hair.get(ref.character or "", colour) != colour:
            # one person, one hair colour: "the brunet" is not the blond
            other_hair = {c for c, h in hair.items() if h != colour}
            ref.character = _pick(
                history,
                tok,
                gender,
                genders,
                subject,
                False,
                tokens=tokens,
                key=key,
                skip=None,
                given=given,
                exclude=other_hair,
            )
        if ref.kind == "pronoun" and ref.character and (shade := _hair_after(tokens, ref.first)):
            hair.setdefault(ref.character, shade)  # "Draco pushed his blond hair back"
        if ref.character:
            entry = (ref.first, ref.character, subject, tok.para)
            if ref.kind == "pronoun" and ref.first in owned_at and history[-1][0] == ref.first:
                history.insert(-1, entry)  # "his comrade dug": the comrade is the one met last
            else:
                history.append(entry)
            if ref.kind == "epithet" and colour:
                hair.setdefault(ref.character, colour)
            if ref.kind == "epithet" and key in _YOUNG_HEADS and not ref.possessive:
                young = [ref.character]
            if ref.kind == "epithet" and trait and not ref.character.startswith("unnamed-"):
                traits.setdefault(trait, ref.character)
            if ref.kind == "epithet" and ref.character.startswith("unnamed-"):
                if " " in _modified(ref.text) and not ref.possessive:
                    described.setdefault(_modified(ref.text), ref.character)
    # "his wife" shown once to be Mrs. Bennet (and never anyone else) is Mrs. Bennet throughout
    merged = {
        "unnamed-" + "-".join(key.split()): next(iter(links))
        for key, links in kin_links.items()
        if len(links) == 1
    }
    for key, met in partners.items():  # "her cousin" is always the one Florence meets
        if len(met) == 1 and "" not in met:
            merged.setdefault("unnamed-" + "-".join(key.split()), next(iter(met)))
    for ref in refs:
        if ref.character in merged:
            ref.character = merged[ref.character]
    return refs


_APART = frozenset("in from at with by near behind beside".split())


def _set_apart(tokens: Sequence[Token], ref: Ref) -> bool:
    """Whether a description is told apart by what follows it ("the woman in green", "the man
    at the bar"): someone met before and described so, not a named character."""
    after = ref.last + 1
    return (
        ref.last == ref.first + 1  # no adjective: "the withering woman in time to see"
        and after < len(tokens)
        and tokens[after].lower in _APART
        and tokens[after].sent == tokens[ref.first].sent
    )


def _modified(text: str) -> str:
    """A description without its determiner: "the masked man" -> "masked man"."""
    return " ".join(text.lower().split()[1:])


def _restates_waiting(waiting: Sequence[Ref], ref: Ref) -> bool:
    """Whether a definite description repeats, adjective and all, an indefinite one of its
    scene that has not acted yet: "and a bearded guard Thorfinn doesn't know" ... paragraphs of
    talk ... "The bearded guard snorts": the one brought in then, however far back."""
    modified = _modified(ref.text)
    return (
        " " in modified
        and not ref.indefinite
        and not ref.possessive
        and any(_modified(w.text) == modified for w in waiting)
    )


_POSTS = frozenset("at behind".split())


def _named_after(tokens: Sequence[Token], ref: Ref, named: Sequence[tuple[int, str]]) -> list[str]:
    """Who a subject pronoun opening its sentence or a tag cannot be: a name later in the
    sentence ('"I'm fine," she kept saying while Maddie unwrapped the towel', "She said Maddie
    was late"); a pronoun in a clause before the main one may be ("When she came in, Maddie
    sat down" is no subject opening the sentence's main clause: not excluded, for the comma)."""
    if tokens[ref.first].lower not in ("he", "she"):
        return []
    if not (tokens[ref.first].sent_start or (ref.first > 0 and tokens[ref.first - 1].quote >= 0)):
        return []
    later = [c for first, c in named if first > ref.first]
    if not later:
        return []
    comma = any(tokens[i].text == "," for i in range(ref.first, max(first for first, _ in named)))
    return [] if comma and tokens[ref.first].sent_start else later


def _at_a_post(tokens: Sequence[Token], ref: Ref) -> bool:
    """Whether a definite description is placed at a post ("the woman at the checkout", "the
    guy behind the counter"): someone met there, not a character the story names."""
    j = ref.last + 1
    return (
        j + 2 < len(tokens)
        and tokens[ref.first].lower == "the"
        and tokens[j].lower in _POSTS
        and tokens[j + 1].lower == "the"
        and tokens[j + 2].text.isalpha()
        and tokens[j + 2].quote < 0
    )


def _described_as_new(tokens: Sequence[Token], ref: Ref) -> bool:
    """Whether a definite description opens a sentence telling what the one it names looks
    like ("The sheriff of Harlan Falls was a heavyset man", "The owner is an old woman"), as
    one tells of someone met for the first time."""
    if tokens[ref.first].lower != "the" or not tokens[ref.first].sent_start:
        return False
    j = ref.last + 1
    if j < len(tokens) and tokens[j].lower == "of":  # "of Harlan Falls", "of the inn"
        j += 1
        while j < len(tokens) and j - ref.last <= 5 and tokens[j].lower not in _COPULAS:
            if not tokens[j].text.isalpha():
                return False
            j += 1
    return (
        j + 1 < len(tokens)
        and tokens[j].lower in _COPULAS
        and tokens[j + 1].lower in ("a", "an")
        and tokens[j].quote < 0
    )


_COPULAS = frozenset(("was", "is"))


def _restates_newcomer(
    newcomer: tuple[str, int] | None,
    history: list[tuple[int, str, bool, int]],
    para: int,
    gender: str | None,
    genders: dict[str, str],
) -> bool:
    """Whether a description the story has not used before is the one just introduced: the
    newcomer came in this paragraph or the one before, and is the last one referred to."""
    if newcomer is None or not history or history[-1][1] != newcomer[0]:
        return False
    known = genders.get(newcomer[0])
    return para - 1 <= newcomer[1] <= para and (gender is None or known in (None, gender))


def _lead(prominence: Counter[str], gender: str, genders: dict[str, str]) -> str | None:
    """The character of ``gender`` the narration has named most so far, if one clearly is."""
    ranked = [(n, cid) for cid, n in prominence.most_common() if genders.get(cid) == gender]
    if not ranked or len(ranked) > 1 and ranked[1][0] * 2 > ranked[0][0]:
        return None
    return ranked[0][1]


def _newcomer_goes_on(
    tokens: list[Token], ref: Ref, introduced: int, known: str | None, gender: str | None
) -> bool:
    """Whether a he or she opening a sentence of the narration is the newcomer introduced as the
    subject of the sentence just before ("Then somebody dropped into the seat next to Emma.
    She was maybe sixteen"): the newcomer opens that sentence, after adverbs at most."""
    tok = tokens[ref.first]
    if gender not in ("m", "f") or known not in (None, "", gender) or introduced < 0:
        return False
    if not tok.sent_start or tok.quote >= 0 or tokens[introduced].sent != tok.sent - 1:
        return False
    return _opens_sentence(tokens, introduced)


def _last_subject(history: Sequence[tuple[int, str, bool, int]]) -> str | None:
    """The character referred to last as a sentence's subject ("The woman at the checkout
    looked at Edward, and then at Bella": the woman)."""
    return next((c for _, c, subject, _ in reversed(history) if subject), None)


def _newcomer_speaks(
    dis: Discourse, ref: Ref, introduced: int, known: str | None, gender: str | None
) -> bool:
    """Whether a pronoun is the speech tag of a line spoken by someone just introduced: the
    last person referred to was introduced ("a teacher came up") in the paragraph before, and
    this paragraph opens with the line its pronoun tags ('"Don't cry." She said'). The newcomer
    is whom the line is for, even when an earlier character matches the pronoun's gender."""
    tokens = dis.tokens
    tok = tokens[ref.first]
    if introduced != tok.para - 1 or known not in (None, gender) or ref.first == 0:
        return False
    opening = tokens[dis.paragraphs[tok.para].first_token]
    return tokens[ref.first - 1].quote >= 0 and tokens[ref.first - 1].quote == opening.quote >= 0


# How much less salient a name opening a that-clause is ("reminded him that Sakura would never
# chew him out again"): thought or said about, not there acting.
_RECALLED = 1.5
# How much less salient, for the pronoun of a speech tag, a name is as the owner of a thing
# inside a sentence ("he brought the mirror away from Stephen's eyes. / '...,' he said."): the
# one speaking is the one the sentence is about.
_OWNER_INSIDE = 1.5
# How much less salient, for the pronoun of a speech tag, a character is when referred to after
# another of the pronoun's sex in the same narration sentence, past a comma or a clause's word
# ("Ben leaned on my chair and watched them all, even Luther. / '...,' he said."): the one the
# sentence is about is its first, not the one mentioned last.
_AFTER_ANOTHER = 3.0
# Verbs of perceiving: the one perceived ("he could hear Tony explaining") is not the perceiver
_PERCEIVING = frozenset(
    "hear hears heard hearing see sees saw seeing watch watches watched watching notice notices "
    "noticed feel feels felt".split()
)
# What sets a later reference apart from its sentence's subject: a clause's edge or a topic
# ("watched them all, even Luther", "because Luffy had never", "thought about the man").
_SET_APART = frozenset(
    ", ; : — because before after while when whenever since though although until unless if "
    "that about".split()
)
# Pronouns that can be a sentence's subject ("called him Captain Tomas, and Tomas ..." is not
# about the "him"); a name counts too when it owns nothing ("Ron's voice").
_SUBJECT_PRONOUNS = frozenset({"he", "she"})


def _pronoun_tag(tokens: list[Token], ref: Ref, speech: Collection[str]) -> bool:
    """Whether a "he" or "she" is the subject of a speech tag right after a line ('," he
    said', '," she cried')."""
    i = ref.first
    return (
        tokens[i].lower in ("he", "she")
        and i > 0
        and tokens[i - 1].quote >= 0
        and tokens[i - 1].para == tokens[i].para
        and i + 1 < len(tokens)
        and tokens[i + 1].lower in speech
    )


def _owner_inside(tokens: list[Token], ref: Ref, subject: bool) -> bool:
    """Whether a name in narration is a possessive inside its sentence, after a word that is no
    clause opener: "thrusting a hand into Stephen's pocket", not "Stephen's face fell"."""
    if subject or not tokens[ref.last].lower.endswith(("'s", "’s")):
        return False
    return tokens[ref.first - 1].lower not in (",", ";", "and", "but", "then", "when", "while")


_OBJECT_PRONOUNS = frozenset({"him", "her", "them", "me", "us", "you"})


def _complement_subject(tokens: list[Token], i: int) -> bool:
    """Whether token ``i`` opens a that-clause after a verb or its object: "reminded him that
    Sakura would never ...", "knew that Mira was gone"; or is the one seen in a to-clause of
    seeing ("Alya slid in just in time to see Marinette turn red. She sighed": she is Alya)."""
    if i >= 2 and tokens[i - 2].lower == "to" and tokens[i - 1].lower in _SEEING:
        return tokens[i - 2].sent == tokens[i].sent
    if i < 2 or tokens[i - 1].lower != "that" or tokens[i - 2].sent != tokens[i].sent:
        return False
    before = tokens[i - 2].lower
    if before in _OBJECT_PRONOUNS:
        return True
    # "at the thought that Waymarsh": a noun's clause, not a verb's
    noun = i >= 3 and tokens[i - 3].lower in _DETERMINERS | _POSSESSIVE_DETERMINERS
    return is_verb_like(before) and not noun


_SEEING = frozenset(("see", "watch", "find", "hear", "catch"))


def _the_beast(decided: dict[str, str]) -> str | None:
    """The story's one animal character: the one its animal descriptions ("the dog") are."""
    animals = gendered_list("animal_nouns")
    beasts = {cid for head, cid in decided.items() if head.removeprefix("desc:") in animals}
    return next(iter(beasts)) if len(beasts) == 1 else None


def _beastly(text: str) -> bool:
    """Whether a description calls a person noun an animal: "the canine leader"."""
    animals = gendered_list("animal_nouns")
    return any(word in animals for word in text.lower().split()[1:-1])


_TRAIT_SUFFIXES = ("-haired", "-eyed", "-skinned", "-bearded", "-masked")


def _proper_modifier(text: str) -> str | None:
    """A capitalised word that picks a description's person out: "the Mist ninja" -> "mist"."""
    words = text.split()[1:-1]
    for word in words:
        if word[:1].isupper() and word.lower() not in TITLES:
            return word.lower()
    return None


_FRIENDS = frozenset("friend companion comrade chum pal partner".split())


def _narrators_friend(text: str) -> bool:
    """ "our friend", "my companion": the narrator's friend, whom the story names (a role such
    as "my host" or "our visitor" may be someone never named)."""
    words = text.lower().split()
    return words[0] in ("my", "our") and words[-1] in _FRIENDS


def _trait(text: str) -> str | None:
    """The bodily trait a description picks its person out by: "the silver-haired man" ->
    "silver-haired" (a story gives one such trait to one character)."""
    for word in text.lower().split()[:-1]:
        if word.endswith(_TRAIT_SUFFIXES) and "-" in word.strip("-"):
            return word
    return None


_OWNER_GENDER = {"his": "m", "her": "f"}
_SPOUSES = frozenset({"wife", "husband", "lady"})
_PARENTS = frozenset({"mother", "father", "mamma", "papa", "mama", "mum", "mom", "dad"})
_TITLE_GENDER = {"mr": "m", "mrs": "f", "sir": "m", "lady": "f", "lord": "m", "miss": "f"}


_QUOTE_MARKS = frozenset("\"'“”‘’")
_CALL_AFTER = frozenset({",", ".", "!", "?", "—", "…"}) | _QUOTE_MARKS


def _called(
    dis: Discourse,
    names: list[Ref],
    titles: Mapping[str, str] | None = None,
    by_quote: dict[int, list[str]] | None = None,
) -> dict[int, list[str]]:
    """Per paragraph, the characters its speech calls by name, or by a title only they bear
    (``titles``, see ``title_names``): a name opening the line or set off by a comma, and
    closing it or followed by a comma ("'Hermione,' he said gently", "'Ready, Captain?'")."""
    tokens = dis.tokens
    found: dict[int, list[str]] = defaultdict(list)
    titles = titles or {}
    spans = [  # "Captain" alone is the one captain
        (
            r.first,
            r.last,
            titles.get(tokens[r.first].lower, r.character) if r.first == r.last else r.character,
        )
        for r in names
        if r.character
    ]
    if titles:
        named = {t for r in names for t in range(r.first, r.last + 1)}
        spans += [
            (i, i, titles[tokens[i].lower])
            for i in dis.positions(titles)
            if tokens[i].quote >= 0 and i not in named
        ]
    for first, last, character in spans:
        tok = tokens[first]
        if tok.quote < 0 or first == 0 or last + 1 >= len(tokens):
            continue
        before, after = tokens[first - 1].text, tokens[last + 1].text
        follow = tokens[last + 2].lower if last + 2 < len(tokens) else ""
        if after == "," and follow == "your":
            continue  # "'Mr. Lockwood, your new tenant, sir.'": the speaker presents himself
        if (before in _QUOTE_MARKS or before == ",") and after in _CALL_AFTER:
            found[tok.para].append(character)
            if by_quote is not None:
                by_quote[tok.quote].append(character)
    return found


def _object_of_call(
    tokens: list[Token],
    ref: Ref,
    gender: str | None,
    genders: dict[str, str],
    by_quote: dict[int, list[str]],
    history: list[tuple[int, str, bool, int]],
) -> str | None:
    """For a "him" or "her" in the narration sentence right after a line of its paragraph
    that calls one character of its gender, that character, when the sentence names no one
    else of that gender before it: '"Hey, Will." Bev gave him a little wave' - the one waved at
    is the one called, not the man named last before the line."""
    tok = tokens[ref.first]
    if gender not in ("m", "f") or tok.lower not in ("him", "her") or tok.quote >= 0:
        return None
    j = ref.first - 1
    while j >= 0 and tokens[j].quote < 0 and tokens[j].sent == tok.sent:
        j -= 1
    if j < 0 or tokens[j].quote < 0 or tokens[j].para != tok.para:
        return None  # the sentence does not open right after a line of the paragraph
    fits = {c for c in by_quote.get(tokens[j].quote, ()) if genders.get(c) == gender}
    if len(fits) != 1:
        return None
    (one,) = fits
    for first, cid, _, _ in reversed(history):
        if first <= j:
            break
        if cid != one and genders.get(cid) == gender:
            return None  # "Bev pulled Jack aside and told him": someone else of that sex
    return one


def _answers_a_call(
    dis: Discourse,
    ref: Ref,
    called: dict[int, list[str]],
    gender: str | None,
    genders: dict[str, str],
    history: list[tuple[int, str, bool, int]],
    narrated: Collection[str],
) -> str | None:
    """The one character of the pronoun's gender that the line before called by name, for a
    pronoun opening a paragraph, when that line's narration refers to no one else of that
    gender: "'Hermione,' he said. 'When did you sleep last?'" / "She opened her mouth" - she is
    the one spoken to. The line may run over paragraphs ("'... yours, Mira.' / 'Not even once.' /
    She closed her fingers"); one called whose gender is still open answers too when the
    narration has named them and everyone else in that line is known to be of another gender."""
    tokens = dis.tokens
    tok = tokens[ref.first]
    if gender not in ("m", "f") or tok.quote >= 0 or ref.first == 0:
        return None
    if tok.lower not in ("he", "she") or not _opens_narration(tokens, ref.first):
        return None
    para = tok.para - 1
    while para > 0 and para not in called and _continued_only(dis, para):
        para -= 1
    fits = {c for c in called.get(para, ()) if genders.get(c, gender) == gender}
    if len(fits) != 1:
        return None
    (one,) = fits
    there = {c for _, c, _, p in history if p == para and c != one}
    if genders.get(one) is None:  # one the narration has named, not a name heard only in speech
        sure = one in narrated and all(genders.get(c) not in (None, gender) for c in there)
        return one if sure else None
    return one if all(genders.get(c) != gender for c in there) else None


def _continued_only(dis: Discourse, para: int) -> bool:
    """Whether paragraph ``para`` is nothing but speech carried on from the paragraph before."""
    p = dis.paragraphs[para]
    if not p.quotes or not dis.quotes[p.quotes[0]].continued:
        return False
    return all(
        t.quote >= 0 or t.text in _QUOTE_MARKS for t in dis.tokens[p.first_token : p.last_token]
    )


def _opens_narration(tokens: list[Token], i: int) -> bool:
    """Whether token ``i`` starts its paragraph's narration: nothing but speech comes before it
    in the paragraph ('"Escort duty." He held up a scroll.')."""
    para = tokens[i].para
    j = i - 1
    while j >= 0 and tokens[j].para == para:
        if tokens[j].quote < 0 and tokens[j].text not in _QUOTE_MARKS:
            return False
        j -= 1
    return True


def _addressed(named: Sequence[str], gender: str, genders: dict[str, str]) -> str | None:
    """The one character of ``gender`` a paragraph's speech names, when narration has named
    nobody yet: '"My dear Mr. Bennet," said his lady to him' - "his" is the man spoken to."""
    fits = {cid for cid in named if genders.get(cid) in (gender, None)}
    return next(iter(fits)) if len(fits) == 1 else None


def _kin(
    owner: str | None,
    noun: str,
    kinship: dict[str, tuple[str | None, str]],
    *,
    plural: bool = False,
) -> str | None:
    """The named character a kinship description of ``owner`` names, when the cast shows it:
    Mr. Bennet's "his wife" is Mrs. Bennet; Mary Lennox's "her mother" is Mrs. Lennox (the one
    titled character of that surname and the right sex). The mother or father of someone with
    no surname in the text (Elizabeth's "her mother", the girls' "their father") is the mother
    or father of the story's one couple (a Mr. and a Mrs. of one surname), if it has one; so is
    "her father" whose "her" seemed to be one of the couple (a parent is not their own child's
    parent: the "her" is a daughter the text has not named)."""
    if noun not in _SPOUSES | _PARENTS:
        return None
    want = "f" if noun in ("wife", "lady", "mother", "mamma", "mama", "mum", "mom") else "m"
    couple = _couple(kinship) if noun in _PARENTS else {}
    if couple and (
        plural
        or owner in couple.values()
        or owner is not None
        and owner not in kinship
        and not owner.startswith("unnamed-")
    ):
        return couple.get(want)
    if owner is None or owner not in kinship:
        return None
    owner_title, surname = kinship[owner]
    if noun in _SPOUSES and _TITLE_GENDER.get(owner_title or "") == want:
        return None  # "her husband" of a Mr.: the text is not about a couple we can see
    found = [
        cid
        for cid, (title, name) in kinship.items()
        if cid != owner
        and name == surname
        and title in ("mr", "mrs")
        and _TITLE_GENDER[title] == want
    ]
    return found[0] if len(found) == 1 else None


def _child(
    owner: str | None,
    noun: str,
    kinship: dict[str, tuple[str | None, str]],
    genders: dict[str, str],
) -> str | None:
    """Emma McChesney's "her son" is the story's one other McChesney who may be a male and is
    no "Mr." (Jock McChesney)."""
    want = {"son": "m", "daughter": "f"}.get(noun)
    if want is None or owner not in kinship:
        return None
    surname = kinship[owner][1]
    found = [
        cid
        for cid, (title, name) in kinship.items()
        if cid != owner
        and name == surname
        and title not in ("mr", "mrs")
        and genders.get(cid) in (want, None)
    ]
    return found[0] if len(found) == 1 else None


def _couple(kinship: dict[str, tuple[str | None, str]]) -> dict[str, str]:
    """{"m": Mr. X, "f": Mrs. X} when the cast has exactly one such pair, else {}."""
    by_surname: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for cid, (title, surname) in kinship.items():
        if title in ("mr", "mrs"):
            by_surname[surname][title].append(cid)
    couples = [
        {"m": titled["mr"][0], "f": titled["mrs"][0]}
        for titled in by_surname.values()
        if len(titled["mr"]) == 1 and len(titled["mrs"]) == 1
    ]
    return couples[0] if len(couples) == 1 else {}


# "Mrs. X" only for a mother, "Miss X" / "Ms. X" only where lines say it (see titled_surnames)
_SURNAME_TITLES = {"mr": "m", "mrs": "f", "miss": "f", "ms": "f"}


_VOICE_REACH = 3  # paragraphs after a voice in which its owner is described


def give_voices_owners(dis: Discourse, refs: list[Ref]) -> None:
    """A voice is the person whose voice it is: "the voice of John Reed" is John Reed; "a
    terrible voice" that nobody names is the person described next, within a few paragraphs
    ("cried a terrible voice, as a man started up"). A generic "the man" that comes first is
    the voice's owner, though salience gave it to someone named ('"Wake up," said a rough
    voice. Dick opened his eyes. ... said the man'). Changes the refs in place."""
    tokens = dis.tokens
    named_at = {r.first: r.character for r in refs if r.kind == "name" and r.character}
    ordered = sorted(refs, key=lambda r: r.first)
    for k, ref in enumerate(ordered):
        if ref.kind != "epithet" or ref.possessive or ref.text.lower().split()[-1] != "voice":
            continue
        if ref.last + 2 in named_at and tokens[ref.last + 1].lower == "of":
            ref.character = named_at[ref.last + 2]
            continue
        if ref.character is None or not ref.character.startswith("unnamed-"):
            continue
        para = tokens[ref.first].para
        for other in ordered[k + 1 :]:
            if tokens[other.first].para - para > _VOICE_REACH:
                break
            if other.kind != "epithet" or other.possessive or other.character is None:
                continue
            head = other.text.lower().split()[-1]
            if head == "voice":
                continue
            if other.character.startswith("unnamed-"):
                ref.character = other.character
                break
            if head in _GENERIC_HEADS and not other.indefinite:
                other.character = ref.character  # "said the man": the voice's owner, seen
                break


def titled_surnames(
    characters: tuple[Character, ...],
    genders: dict[str, str],
    parents: set[str] | frozenset[str] = frozenset(),
    *,
    spoken_only: set[str] | frozenset[str] = frozenset(),
) -> dict[str, str]:
    """Character id -> the character it is: "Mr. Linden", known only by title and surname, is
    the story's one full name of that surname whose gender fits the title ("John Linden", not
    "Florence Linden"). Left alone when two fit, or one of the surname's gender is unknown.
    "Mrs. McChesney" is the one woman of the surname the story shows to be a mother (``parents``:
    "her son" is Jock McChesney), not a daughter ("Mary Lennox" is no Mrs. Lennox). "Miss
    Everdeen" only said in lines (``spoken_only``) is Katniss Everdeen; one the narration says
    may be the eldest sister of an older novel ("Miss Elliot" is Elizabeth, not Anne Elliot)."""
    by_surname: dict[str, list[Character]] = defaultdict(list)
    for c in characters:
        words = c.name.split()
        if len(words) >= 2 and words[0].rstrip(".").lower() not in TITLES:
            by_surname[words[-1]].append(c)
    out: dict[str, str] = {}
    for c in characters:
        words = c.name.split()
        want = _SURNAME_TITLES.get(words[0].rstrip(".").lower()) if len(words) == 2 else None
        holders = by_surname.get(words[-1], [])
        if want is None or any(h.id not in genders for h in holders):
            continue
        fits = [h for h in holders if genders[h.id] == want]
        if words[0].rstrip(".").lower() == "mrs":
            fits = [h for h in fits if h.id in parents]
        if words[0].rstrip(".").lower() in ("miss", "ms") and c.id not in spoken_only:
            fits = []
        if len(fits) == 1:
            out[c.id] = fits[0].id
    return out


def _spoken_only(work: Work, dis: Discourse) -> set[str]:
    """The characters whose every name mention is inside a quotation: "Miss Everdeen" of
    '"Will there be anything else, Miss Everdeen?"'."""
    inside: dict[str, bool] = {}
    for m in work.mentions:
        if m.kind != "name" or m.character is None:
            continue
        span = dis.token_span(m.start, m.end)
        quoted = span is not None and dis.tokens[span[0]].quote >= 0
        inside[m.character] = inside.get(m.character, True) and quoted
    return {cid for cid, only in inside.items() if only}


def _merge_characters(work: Work, merged: dict[str, str]) -> Work:
    """The work with each character of ``merged`` folded into the character it is."""
    characters, mentions = fold_characters(work.characters, work.mentions, merged)
    return replace(work, characters=tuple(characters), mentions=mentions)


def fold_characters(
    characters: Sequence[Character], mentions: Sequence[Mention], merged: Mapping[str, str]
) -> tuple[list[Character], tuple[Mention, ...]]:
    """Fold each character of ``merged`` into the one it is (``merged[id]``): its aliases and
    mention count join theirs and its mentions become theirs; the order of the rest is kept."""
    by_id = {c.id: c for c in characters}
    for cid, into in merged.items():
        if cid in by_id and into in by_id:
            other, target = by_id.pop(cid), by_id[into]
            by_id[into] = replace(
                target,
                aliases=tuple(dict.fromkeys((*target.aliases, *other.aliases))),
                mention_count=target.mention_count + other.mention_count,
            )
    folded = tuple(
        replace(m, character=merged[m.character])
        if m.character is not None and m.character in merged
        else m
        for m in mentions
    )
    return [by_id[c.id] for c in characters if c.id in by_id], folded


_OFFICES = frozenset(
    "captain capt colonel col general sergeant sgt lieutenant lt major admiral commander "
    "inspector detective doctor dr professor prof judge reverend rev count master".split()
)


# Titles a character is called by alone ("Yes, Captain.", "Thanks, sensei."): before a name
# ("Captain Holt") or joined after it ("Kakashi-sensei").
CALLING_TITLES = frozenset(
    "captain colonel general sergeant lieutenant major admiral commander inspector detective "
    "doctor professor judge master coach sensei senpai sempai".split()
)


def title_names(characters: Iterable[Character]) -> dict[str, str]:
    """Title of ``CALLING_TITLES`` -> the one character called by a name with it ("Captain
    Holt", "Kakashi-sensei"); a title two characters share is left out."""
    found: dict[str, set[str]] = defaultdict(set)
    for c in characters:
        for form in (c.name, *c.aliases):
            words = form.split()
            titles = {words[0].rstrip(".").lower()} if len(words) >= 2 else set()
            if words and "-" in words[-1]:
                titles.add(words[-1].rsplit("-", 1)[1].lower())
            for title in titles & CALLING_TITLES:
                found[title].add(c.id)
    return {title: next(iter(ids)) for title, ids in found.items() if len(ids) == 1}


def bare_titles(characters: Sequence[Character]) -> dict[str, str]:
    """Character id -> the character it is: one known only by a title ("Captain") is the one
    character named with that title ("Captain Holt")."""
    holders = title_names(characters)
    return {
        c.id: holder
        for c in characters
        if " " not in c.name and (holder := holders.get(c.name.lower())) not in (None, c.id)
    }


def _with_pack_titles(
    characters: tuple[Character, ...], cast: KnownCast, known: Mapping[str, str]
) -> tuple[Character, ...]:
    """The story's characters with the titled names their fandom's pack gives them as aliases
    ("Dr. McCoy", "Captain Vimes"), for ``title_holders``: a title of office the pack knows
    makes its character the story's one holder as the same name written in the text would.
    Only a name whose words after the title the story calls that character by ("McCoy"), and
    only for characters of the story (``known``: known full name -> character id), so a title
    held by several of the fandom over time ("Captain" of Kirk, Pike and Picard) is the one's
    the story has, and stays no one's when it has two."""
    if not cast:
        return characters
    by_id = {c.id: c for c in characters}
    extra: dict[str, list[str]] = defaultdict(list)
    for k in cast.characters:
        c = by_id.get(known.get(k.name, ""))
        if c is None:
            continue
        words = {fold(w) for form in (c.name, *c.aliases) for w in form.split()}
        titled = [
            parts
            for form in k.forms
            if len(parts := form.split()) >= 2 and parts[0] in _OFFICES and parts[1] in words
        ]
        if len({_ABBREVIATED.get(parts[0], parts[0]) for parts in titled}) == 1:
            extra[c.id].extend(" ".join(p.capitalize() for p in parts) for parts in titled)
    return tuple(
        replace(c, aliases=(*c.aliases, *extra[c.id])) if c.id in extra else c for c in characters
    )


def title_holders(characters: tuple[Character, ...]) -> dict[str, str]:
    """Title -> the one character named with it ("judge" -> Judge Miller, "captain" -> Captain
    Eldridge), for titles of office; not of courtesy, kin or rank ("Mr.", "Aunt", "King": a
    story's king is as often one it mentions). An abbreviation is its title ("Dr. Lecter" is
    "the doctor"), and a doctor's calling is the doctor's ("the psychiatrist")."""
    held = _sole_holders(characters, _OFFICES)
    full: dict[str, set[str]] = defaultdict(set)
    for title, cid in held.items():
        full[_ABBREVIATED.get(title, title)].add(cid)
    out = {title: next(iter(cids)) for title, cids in full.items() if len(cids) == 1}
    if "doctor" in out:
        out.update(dict.fromkeys(_DOCTORS, out["doctor"]))
    return out


_ABBREVIATED = {
    "dr": "doctor", "prof": "professor", "capt": "captain", "col": "colonel", "sgt": "sergeant",
    "lt": "lieutenant", "rev": "reverend",
}  # fmt: skip
_DOCTORS = frozenset("physician surgeon psychiatrist psychologist therapist medic".split())


_KIN_TITLES = frozenset(
    "aunt auntie uncle grandma granny grandmother grandpa grandfather cousin".split()
)


# A parent or grandparent called by the kinship word alone ("Mom handed me a mug"), and the
# nouns a first-person narration uses for them ("my mother", "my mom")
_KIN_NAMES = {
    **dict.fromkeys(
        ("mom", "mum", "mommy", "mummy", "mama", "mamma", "ma"), ("mother", "mom", "mum")
    ),
    **dict.fromkeys(("dad", "daddy", "papa", "pa", "pop", "pops"), ("father", "dad")),
    **dict.fromkeys(("grandma", "granny", "gran", "nana"), ("grandmother", "grandma", "granny")),
    **dict.fromkeys(("grandpa", "granddad", "grandad", "gramps"), ("grandfather", "grandpa")),
}


def kin_titles(characters: tuple[Character, ...]) -> dict[str, str]:
    """Kinship noun -> the one character the story calls by it as a title: "aunt" -> Aunt
    Polly, "uncle" -> John Linden (called "Uncle John"). A noun two characters use is left out.
    And "my " + noun -> the one character called by a kinship word alone: "my mother" -> the
    "Mom" of a story its narrator's child tells ("Mom handed me a mug")."""
    held = _sole_holders(characters, _KIN_TITLES)
    called: dict[str, set[str]] = defaultdict(set)
    for c in characters:
        for noun in _KIN_NAMES.get(c.name.lower(), ()):
            called["my " + noun].add(c.id)
    held.update((key, next(iter(cids))) for key, cids in called.items() if len(cids) == 1)
    return held


def _sole_holders(characters: tuple[Character, ...], titles: frozenset[str]) -> dict[str, str]:
    """Title of ``titles`` -> the one character with a name or alias "Title Name"."""
    found: dict[str, set[str]] = defaultdict(set)
    for c in characters:
        for form in (c.name, *c.aliases):
            words = form.split()
            title = words[0].rstrip(".").lower() if len(words) >= 2 else ""
            if title in titles and words[1][:1].isupper():
                found[title].add(c.id)
    return {title: next(iter(cids)) for title, cids in found.items() if len(cids) == 1}


def kinship_keys(characters: tuple[Character, ...]) -> dict[str, tuple[str | None, str]]:
    """Character id -> (title, surname) for characters whose name shows a surname: "Mr. Bennet",
    "Mary Lennox"."""
    out: dict[str, tuple[str | None, str]] = {}
    for c in characters:
        words = c.name.replace(".", " ").split()
        if not words or c.id.startswith("unnamed-"):
            continue
        title = words[0].lower() if words[0].lower() in _TITLE_GENDER else None
        if (title and len(words) >= 2) or len(words) >= 2:
            out[c.id] = (title, words[-1])
    return out


def _quoted_names(tokens: list[Token], refs: Sequence[Ref]) -> dict[int, list[str]]:
    """Per paragraph, the characters its lines name (in quotation)."""
    found: dict[int, list[str]] = defaultdict(list)
    for r in refs:
        if r.kind == "name" and r.character and tokens[r.first].quote >= 0:
            found[tokens[r.first].para].append(r.character)
    return found


def _decide_descriptions(
    dis: Discourse,
    refs: list[Ref],
    descriptions: list[Ref],
    genders: dict[str, str],
    scene_starts: frozenset[int],
    named_in_sentence: dict[int, set[str]],
    called: dict[int, list[str]] | None = None,
    given: Mapping[str, str] | None = None,
    heard: Mapping[str, str] | None = None,
    *,
    pointed: bool = True,
) -> dict[str, str]:
    """Description head -> the character it is for the whole story: the one salient (named in
    the last two paragraphs), of a compatible gender and not named in the same sentence wherever
    the description is used. A description its pronouns give a sex ("the sorceress ... her
    sleeves") is decided for a character neither pronouns nor an English given name (``given``)
    have sexed only on two uses or more: the character would take that sex from it. A description
    that has nobody named near on most of its uses ("the saloon-keeper" in a story about a dog) is
    a person of its own."""
    tokens = dis.tokens
    votes: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    history: list[tuple[int, str, bool, int]] = []
    sentence_heads: dict[int, set[str]] = defaultdict(set)  # descriptions used in one sentence
    uses: Counter[str] = Counter()
    strangers: Counter[str] = Counter()  # uses with another brought in after the last name
    stranger: tuple[int, str | None] = (-1, None)  # where that other was, and their gender
    called_in = _quoted_names(tokens, refs)
    crowded: set[str] = set()  # sexed descriptions with another of that sex in the scene
    entering: set[str] = set()  # first used coming in: "the marine sentry put his head in"
    for ref in refs:
        tok = tokens[ref.first]
        if tok.para in scene_starts and history and history[-1][3] < tok.para:
            history = []
        if ref.kind == "name" and ref.character and tok.quote < 0:
            history.append((ref.first, ref.character, True, tok.para))
        elif tok.quote < 0 and _brings_in(tokens, ref, history):
            stranger = (ref.first, ref.gender)
        elif ref.kind == "epithet":
            head = desc_key(ref.text)
            if ref.possessive and _narrators_friend(ref.text):
                head = "poss:" + " ".join(ref.text.lower().split())
            elif head.removeprefix("desc:") in _GENERIC_HEADS or ref.indefinite or ref.possessive:
                continue
            elif head.removeprefix("desc:") in _HAIR_NOUNS:
                continue  # "the redhead" is the one whose hair is shown red, not whoever is near
            gender = ref.gender or genders.get(head) or (heard or {}).get(head)
            present = named_in_sentence.get(tok.sent, set())
            if _tags_a_line(tokens, ref):
                present = present | set(called_in[tok.para])  # '"Geralt!" the bard cried.'
            fits = {
                cid
                for (_, cid, _, para) in history[-12:]
                if tok.para - para <= 2
                and cid not in present
                and (gender is None or genders.get(cid) in (None, gender))
            }
            if not fits and gender in ("m", "f"):
                # '"Sit," said the gleeman, pleased with himself.' with nobody named in the
                # last two paragraphs: the characters of his sex within the pronoun window
                fits = {
                    cid
                    for (_, cid, _, para) in history[-12:]
                    if tok.para - para <= _WINDOW_PARAS
                    and cid not in present
                    and genders.get(cid) == gender
                }
            if not uses[head] and _comes_in(tokens, ref):
                entering.add(head)
            answering = _answering(tokens, ref, (called or {}).get(tok.para - 1, ()), present)
            if answering:  # '"I must go, Basil." / "What is that?" said the painter': Basil
                fits = {answering}
            if len(fits) > 1 and not answering and history:
                first, cid, _, para = history[-1]
                last = dis.paragraphs[para].last_token - 1
                if (
                    cid in fits
                    and para == tok.para - 1
                    and tokens[first].sent_start
                    and tokens[first].sent == tokens[last].sent
                ):
                    fits = {cid}  # the subject of the last sentence before: "Joker had limped
                    # down from the cockpit." / '"...," the pilot said'
            for cid in fits:
                votes[head][cid] += 1 / len(fits)
            if gender in ("m", "f") and len(fits) == 1 and not answering:
                # one fit near, but another of that sex further back in the scene
                wider = {
                    cid
                    for (_, cid, _, para) in history[-12:]
                    if tok.para - para <= _WINDOW_PARAS
                    and cid not in present
                    and genders.get(cid) == gender
                }
                if wider - fits:
                    crowded.add(head)
            uses[head] += 1
            if (
                history
                and stranger[0] > history[-1][0]
                and tok.para - tokens[stranger[0]].para <= 2
                and (gender is None or stranger[1] in (None, gender))
                and not answering
            ):
                strangers[head] += 1
            sentence_heads[tok.sent].add(head)
    decided: dict[str, str] = {}
    introduced = {desc_key(r.text) for r in descriptions if r.indefinite}
    introduced |= _picked_from_many(tokens, votes)
    if pointed:  # not for titles: "watch the Seeker lose" is said of one already there
        naming = {tokens[r.first].quote for r in refs if r.kind == "name" and r.character}
        introduced |= _pointed_out(dis, descriptions, naming)
    service = word_list("service_nouns")
    for head, counter in votes.items():
        if head in introduced:
            continue  # "a teacher ... the teacher": someone new, decided scene by scene
        if head.removeprefix("desc:") in service:
            introduced.add(head)  # "the waitress": someone met at their work, not the named
            continue  # one she stands near
        if head in entering:
            introduced.add(head)  # "There was a knock at the door, and the marine sentry put his
            continue  # head in": someone coming in to those there, not one of them
        if uses[head] == 1 and strangers[head]:
            introduced.add(head)  # 'Stede found him. / "You missed it." / "Didn't," said
            # the pirate': the pirate is the one found, not Stede
            continue
        if 2 * sum(counter.values()) < uses[head]:
            introduced.add(head)  # mostly used with nobody named near: a person of its own
            continue
        if uses[head] == 1 and head in crowded:
            continue  # "The supervisor" used once: Dylan near, Milchick a little further back
        if (best := _clear_choice(head, counter, genders, given)) is not None:
            decided[head] = best
    # Two descriptions in one sentence are two people: "The witcher sat down, and the bard slid
    # in across from him" - once the bard is decided, the witcher is not the bard's character.
    apart: dict[str, set[str]] = defaultdict(set)
    for heads in sentence_heads.values():
        for head in heads:
            apart[head] |= heads - {head}
    for head, counter in votes.items():
        taken = {decided[other] for other in apart[head] if other in decided}
        if head in decided or head in introduced or not taken:
            continue
        rest = {cid: n for cid, n in counter.items() if cid not in taken}
        if rest and (best := _clear_choice(head, rest, genders, given)) is not None:
            decided[head] = best
    # Stories have few animals: "the dog" is the one "the pug" is, if it may be.
    animals = gendered_list("animal_nouns")
    beasts = {cid for head, cid in decided.items() if head.removeprefix("desc:") in animals}
    if len(beasts) == 1:
        beast = next(iter(beasts))
        for head, counter in votes.items():
            if head not in decided and head.removeprefix("desc:") in animals and beast in counter:
                decided[head] = beast
    return decided


# Coming in: "the sentry came in", "the nurse entered", "the clerk put his head in".
_COMING = frozenset(
    "came comes walked walks stepped steps hurried hurries strode strides wandered wanders "
    "burst bursts bustled bustles slipped slips looked looks peered peers".split()
)
_ENTERING = frozenset("entered enters".split())
_PUTTING = frozenset("put puts stuck sticks poked pokes popped pops".split())
_INTO = frozenset({"in", "into"})


def _comes_in(tokens: Sequence[Token], ref: Ref) -> bool:
    """Whether a definite description of the narration is the subject of coming in ("the
    marine sentry put his head in", "The nurse came in with a tray", "the clerk entered")."""
    j = ref.last + 1
    if ref.possessive or tokens[ref.first].lower != "the" or tokens[ref.first].quote >= 0:
        return False
    if j + 1 >= len(tokens) or tokens[j].sent != tokens[ref.first].sent:
        return False
    word = tokens[j].lower
    if word in _ENTERING:
        return True
    if word in _COMING:
        return tokens[j + 1].lower in _INTO
    return (
        word in _PUTTING
        and j + 3 < len(tokens)
        and tokens[j + 1].lower in ("his", "her", "their")
        and tokens[j + 2].lower == "head"
        and tokens[j + 3].lower in _INTO | {"round", "around"}
    )


def _called_master(dis: Discourse, names: list[Ref], holder: str) -> bool:
    """Whether a line calls ``holder`` "Master" with their name ("Yes, Master Ketil"): the
    master of the house or farm his people answer, whom the narration's "the master" is.
    "Master" written only in the narration is as often a courtesy of old books ("Master
    Hendrick Hudson") or a boy's."""
    return any(
        r.character == holder
        and dis.tokens[r.first].quote >= 0
        and dis.tokens[r.first].lower == "master"
        for r in names
    )


_PARTITIVE_OWNERS = frozenset("the his her their its our my your".split())


def _singulars(word: str) -> list[str]:
    """What a plural noun may be the plural of: "guards" guard, "sentries" sentry, "witches"
    witch, "men" man; nothing for a word that is no plural."""
    if word.endswith("men"):
        return [word[:-3] + "man"]
    if not word.endswith("s") or word.endswith("ss"):
        return []
    forms = [word[:-1]]
    if word.endswith("ies"):
        forms.append(word[:-3] + "y")
    elif word.endswith("es"):
        forms.append(word[:-2])
    return forms


def _picked_from_many(tokens: list[Token], heads: Collection[str]) -> set[str]:
    """Description heads the narration first brings in as one of many ("one of the castle
    guards came marching across", "one of his men"): "the guard" after it is that one, someone
    new, decided scene by scene like "a guard", not the named character salient there."""
    out: set[str] = set()
    partitives = [
        i
        for i in range(len(tokens) - 3)
        if tokens[i].lower == "one"
        and tokens[i].quote < 0
        and tokens[i + 1].lower == "of"
        and tokens[i + 2].lower in _PARTITIVE_OWNERS
    ]
    if not partitives:
        return out
    words = {key[5:] for key in heads if key.startswith("desc:")}
    first_use: dict[str, int] = {}
    for i, tok in enumerate(tokens):
        if tok.lower in words and tok.quote < 0:
            first_use.setdefault("desc:" + tok.lower, i)
    for i in partitives:
        for j in range(i + 3, min(i + 6, len(tokens))):
            word = tokens[j].lower
            if not word.isalpha() or tokens[j].sent != tokens[i].sent:
                break
            found = [
                key
                for key in ("desc:" + form for form in _singulars(word))
                if key in heads and i < first_use.get(key, i + 1)
            ]
            if found:
                out.add(found[0])
                break
    return out


def _brings_in(tokens: list[Token], ref: Ref, history: list[tuple[int, str, bool, int]]) -> bool:
    """Whether a reference of the narration is someone other than the one just named: "him" in
    the sentence that names another before it ("Stede found him")."""
    if ref.kind != "pronoun" or tokens[ref.first].lower != "him" or not history:
        return False
    first = history[-1][0]
    return tokens[first].sent == tokens[ref.first].sent and first < ref.first


def _clear_choice(
    head: str,
    counter: Mapping[str, float],
    genders: Mapping[str, str],
    given: Mapping[str, str] | None,
) -> str | None:
    """The character a description's votes clearly choose (three fifths of them, one use at
    least), if any. One use is too little to give a character the description's sex ("the
    sorceress" for an ungendered Geralt)."""
    best, n = max(counter.items(), key=lambda item: item[1])
    if n < 2 and genders.get(head) in ("m", "f") and best not in {**(given or {}), **genders}:
        return None
    return best if n >= 1 and n / sum(counter.values()) >= 0.6 else None


def _capitalised_titles(
    dis: Discourse, descriptions: list[Ref], characters: Sequence[Character]
) -> dict[int, str]:
    """First token -> an unnamed character's id, for "the Doctor", "the Judge": a person noun the
    story always writes capitalised after "the", twice or more mid-sentence and never in lower
    case, that no named character carries as a title ("Judge Miller"), is one person known only
    by it, not whoever is salient where it stands."""
    tokens = dis.tokens
    titles = {
        form.split()[0].rstrip(".").lower()
        for c in characters
        for form in (c.name, *c.aliases)
        if len(form.split()) >= 2
    }
    uses: dict[str, list[Ref]] = defaultdict(list)
    for ref in descriptions:
        words = ref.text.split()
        if (
            len(words) == 2
            and words[0].lower() == "the"
            and words[1][:1].isupper()
            and words[1].isalpha()
            and not ref.possessive
            and not ref.indefinite
        ):
            uses[words[1]].append(ref)
    out: dict[int, str] = {}
    for word, refs in uses.items():
        low = word.lower()
        mid = sum(1 for r in refs if not tokens[r.first].sent_start)
        written_lower = any(tokens[i].text == low for i in dis.positions([low]))
        if mid >= 2 and not written_lower and low not in titles:
            out.update((r.first, f"unnamed-{low}") for r in refs)
    return out


def _titles_used_as_names(work: Work, dis: Discourse, names: list[Ref]) -> dict[str, str]:
    """Character id -> the named character it is, for a character known only by one common
    English word that the narration writes after "the" ("the Seeker snaps", "the Watcher set the
    books down"): a title, decided like a description for the whole story (the one salient, of a
    compatible gender and not named in the same sentence wherever it is used)."""
    tokens = dis.tokens
    common = word_list("common_lower")
    titles = {
        c.id
        for c in work.characters
        if " " not in c.name and c.name.lower() in common and not c.id.startswith("unnamed-")
    }
    if not titles:
        return {}
    uses, others = [], []
    for ref in names:
        if (
            ref.character in titles
            and ref.first == ref.last
            and ref.first > 0
            and tokens[ref.first].quote < 0
            and tokens[ref.first - 1].lower == "the"
        ):
            text = f"{tokens[ref.first - 1].text} {tokens[ref.first].text}"
            uses.append(Ref(ref.first - 1, ref.last, None, "epithet", text=text))
        elif ref.character not in titles:
            others.append(ref)
    if not uses:
        return {}
    named_in_sentence: dict[int, set[str]] = defaultdict(set)
    for r in others:
        if r.character:
            named_in_sentence[tokens[r.first].sent].add(r.character)
    refs = sorted(others + uses, key=lambda r: r.first)
    decided = _decide_descriptions(
        dis, refs, uses, {}, frozenset(), named_in_sentence, pointed=False
    )
    by_word = {c.name.lower(): c.id for c in work.characters if c.id in titles}
    return {
        by_word[head.removeprefix("desc:")]: cid
        for head, cid in decided.items()
        if head.removeprefix("desc:") in by_word
    }


def _answering(
    tokens: list[Token], ref: Ref, called: Sequence[str], present: set[str]
) -> str | None:
    """The one character the line before called by name, for a description that tags a line of
    its own paragraph ('"I must be going, Basil," he murmured.' / '"What is that?" said the
    painter'): the painter answers, and is the one called."""
    tok = tokens[ref.first]
    if tok.quote >= 0 or not _tags_a_line(tokens, ref):
        return None
    fits = set(called) - present
    return next(iter(fits)) if len(fits) == 1 else None


def _tags_a_line(tokens: list[Token], ref: Ref) -> bool:
    """Whether a description is a tag's subject: right after a closing quotation mark and a
    speech verb ('" said the painter') or right after one ('," the painter said')."""
    i = ref.first - 1
    if i >= 0 and tokens[i].lower in _SAYING:
        i -= 1
    return i >= 0 and tokens[i].text in _QUOTE_MARKS and tokens[i].para == tokens[ref.first].para


def _pointed_out(dis: Discourse, descriptions: list[Ref], naming: set[int]) -> set[str]:
    """Description heads a line of speech brings in before the narration uses them ('"The
    security guard is coming over here."' ... "The guard was big and bald"): someone new pointed
    at, not a named character described. Not in a line that names someone (``naming``: the
    quotations that do; '"Geralt! Ladies and gentlemen, the witcher himself!"'): that presents
    one already there."""
    tokens = dis.tokens
    first_use: dict[str, int] = {}
    for ref in descriptions:
        if not ref.indefinite and not ref.possessive:
            first_use.setdefault(desc_key(ref.text), ref.first)
    out = set()
    for i in dis.positions({key.removeprefix("desc:") for key in first_use}):
        tok = tokens[i]
        key = "desc:" + tok.lower
        if tok.quote < 0 or key not in first_use or i > first_use[key]:
            continue
        if tok.quote in naming:
            continue
        for k in range(i - 1, max(-1, i - 4), -1):
            if tokens[k].quote != tok.quote or not tokens[k].text[0].isalpha():
                break
            if tokens[k].lower in _DETERMINERS:
                out.add(key)
                break
    return out


_OBJECT_FORMS = frozenset({"him", "her", "them"})
_CLAUSE_BOUNDS = _CLAUSE_ENDS | frozenset(
    "who whom which that what how why where because since until though although if than after "
    "before to".split()
)
_OTHER_SUBJECTS = frozenset("it i you we they this there".split())
_LOCATIVE = frozenset(
    "about around round behind beside before beneath under over near with after upon toward "
    "towards to from off on onto into against across through of".split()
)


def _clause_subject(
    tokens: list[Token], history: list[tuple[int, str, bool, int]], at: int
) -> str | None:
    """Who an object pronoun cannot be: the subject of its own clause ("Harry threw a cushion
    at him" is not Harry; "he hit him" is two men). A pronoun after a preposition of place may
    be the subject ("he looked about him", "she drew him to her"), and so may a possessive
    "her" ("she bit her lip"). The subject is the nearest character referred to before the
    pronoun in its clause (which ends at a comma, a conjunction, "that", "what", "to"...), unless
    another subject comes between ("how much it soothed her") or the nearest is a possessive
    ("her cousin repressed her")."""
    word = tokens[at].lower
    if word not in _OBJECT_FORMS or at == 0:
        return None
    if tokens[at - 1].lower in _LOCATIVE:
        return _described_before(tokens, history, at - 2)
    nxt = tokens[at + 1].lower if at + 1 < len(tokens) else "."
    if word == "her" and nxt[0].isalpha() and nxt not in _FUNCTION:
        return None  # possessive
    start = at
    while start > 0 and tokens[start - 1].sent == tokens[at].sent:
        if tokens[start - 1].lower in _CLAUSE_BOUNDS:
            break
        start -= 1
    referred = {first: cid for first, cid, _, _ in history[-12:] if first >= start}
    for i in range(at - 1, start - 1, -1):  # the nearest one before it: "what she told him"
        word = tokens[i].lower
        if word in _OWNER_GENDER or word in _OTHER_SUBJECTS:
            return None  # "her cousin repressed her", "how much it soothed her"
        if i in referred:
            return referred[i]
    return None


def _described_before(
    tokens: list[Token], history: list[tuple[int, str, bool, int]], j: int
) -> str | None:
    """The description whose place phrase holds an object pronoun, which is someone else: "a
    voice right behind her said", "the man beside him" (token ``j`` ends the description, before
    the preposition; "he looked about him" has no description there)."""
    while j > 0 and tokens[j].lower in _NEARLY:
        j -= 1
    for first, cid, _, _ in reversed(history[-3:]):
        if (
            j - _DESCRIPTION_HEAD <= first < j
            and tokens[first].lower in ("a", "an", "the")
            and tokens[first].sent == tokens[j].sent
        ):
            return cid
    return None


_NEARLY = frozenset("right just directly close".split())  # "a voice right behind her"
_DESCRIPTION_HEAD = 3  # words from a description's article to its head: "a low, rough voice"


def _referred_in_sentence(
    tokens: list[Token], history: list[tuple[int, str, bool, int]], at: int
) -> list[tuple[int, str]]:
    """(first token, character) of the references before token ``at`` in its sentence."""
    sent = tokens[at].sent
    return [(first, cid) for first, cid, _, _ in history[-12:] if tokens[first].sent == sent]


def _possessor(
    tokens: list[Token],
    history: list[tuple[int, str, bool, int]],
    at: int,
    gender: str | None,
    genders: dict[str, str],
) -> str | None:
    """The owner a possessive "his"/"her" takes from its own sentence: the character opening
    the sentence as its subject, when no one else is referred to between them and its gender
    does not forbid it ("Draco didn't look up from his book": Draco's, though the story has not
    yet said Draco is a he and the name Harry is a boy's)."""
    if tokens[at].lower not in ("his", "her") or gender not in ("m", "f"):
        return None
    nxt = tokens[at + 1].lower if at + 1 < len(tokens) else "."
    if not nxt[0].isalpha() or nxt in _FUNCTION or _object_her(tokens, at):
        return None  # "told her", "to her.", "the kid next to her continued"
    between = _referred_in_sentence(tokens, history, at)
    if len({cid for _, cid in between}) != 1:
        return None
    first, cid = between[0]
    if not tokens[first].sent_start or genders.get(cid, gender) != gender:
        return None
    return cid


def _subject_goes_on(
    tokens: list[Token],
    history: list[tuple[int, str, bool, int]],
    at: int,
    gender: str | None,
    genders: Mapping[str, str],
    given: Mapping[str, str],
) -> str | None:
    """The subject opening the sentence, for a "he" or "she" that goes on after "and" or "but"
    in it, when its gender (or, where the text gives none, its given name's: ``given``) does not
    forbid it ("Mensah was there already with Pin-Lee and Gurathin, and she smiled": Mensah, not
    Gurathin, named last). An unnamed role opening the sentence is so also for a he or she
    opening a clause of time or cause in it ("The shopkeeper stopped juggling when he saw their
    armor": the role, not the named man salience gives)."""
    if tokens[at].lower not in ("he", "she") or at < 2 or tokens[at].sent_start:
        return None
    joined = tokens[at - 1].lower in ("and", "but") and tokens[at - 2].text == ","
    if not joined and tokens[at - 1].lower not in _SUBORDINATORS:
        return None
    named = _referred_in_sentence(tokens, history, at)
    if not named or not tokens[named[0][0]].sent_start or tokens[named[0][0]].quote >= 0:
        return None
    first, cid = named[0]
    if not joined and not cid.startswith("unnamed-"):
        return None  # "The shopkeeper stopped juggling when he saw them": the role, unnamed
    if genders.get(cid, given.get(cid, gender)) != gender:
        return None
    return cid


_PREDICATIVE = frozenset("is was be been being as like such than become became".split())
# Words opening a clause inside the sentence of its subject: "stopped juggling when he saw".
_SUBORDINATORS = frozenset("when as while because until before after once since".split())


def _waiting(
    tokens: list[Token],
    pending: dict[str, list[Ref]],
    history: list[tuple[int, str, bool, int]],
    ref: Ref,
    genders: dict[str, str],
) -> str | None:
    """The head of an indefinite not yet taking part ("She was conscious of a man behind")
    that an object pronoun of its gender ("She felt him watching") means rather than the
    character resolution chose: it is in the same paragraph, in the same or the sentence
    before, and later than that character's last mention. Not a predicate ("was a man",
    "like a good father"): that is no one new."""
    if ref.gender not in ("m", "f") or tokens[ref.first].lower not in _OBJECT_FORMS or not pending:
        return None
    chosen = next((first for first, cid, _, _ in reversed(history) if cid == ref.character), -1)
    sent = tokens[ref.first].sent
    for key, waiting in pending.items():
        last = waiting[-1]
        if (
            (last.gender or genders.get(desc_key(last.text))) == ref.gender
            and tokens[last.first].sent >= sent - 1
            and tokens[last.first].para == tokens[ref.first].para
            and last.first > chosen
            and tokens[max(last.first - 1, 0)].lower not in _PREDICATIVE
        ):
            return key
    return None


_ALONG = frozenset({"with", "by"})  # "came in with a young man", "followed by a teenager"


def _brought_along(
    tokens: list[Token],
    pending: dict[str, list[Ref]],
    ref: Ref,
    gender: str | None,
    genders: dict[str, str],
) -> str | None:
    """The head of a person brought in by an indefinite that does not act ("Martha came in
    with a young man in a green coat") in this paragraph or the one before, of a sex that
    fits, whom a role used for the first time ("said the messenger") is."""
    para = tokens[ref.first].para
    found = None
    for key, waiting in pending.items():
        last = waiting[-1]
        sex = last.gender or genders.get(desc_key(last.text))
        if (
            key in _HUMAN_HEADS
            and para - 1 <= tokens[last.first].para <= para
            and last.first < ref.first
            and (gender is None or sex in (None, gender))
            and tokens[last.first].quote < 0
            and tokens[max(last.first - 1, 0)].lower in _ALONG
            and (found is None or last.first > pending[found][-1].first)
        ):
            found = key
    return found


_PARTNERS = frozenset("companion comrade cousin visitor guest host hostess lover".split())
_PARTNER_REACH = 1  # paragraphs back in which "her visitor" looks for the one visiting


_CALL_REACH = 3  # paragraphs back whose lines may call the one a description means


def _called_lately(
    quoted_names: dict[int, list[str]], para: int, gender: str, genders: dict[str, str]
) -> str | None:
    """The one character of ``gender`` the lines of the last few paragraphs name, if only one
    is: who a "the young man" is when the narration has named nobody yet."""
    found = {
        cid
        for p in range(para - _CALL_REACH, para + 1)
        for cid in quoted_names.get(p, ())
        if genders.get(cid) == gender
    }
    return found.pop() if len(found) == 1 else None


_SIBLINGS = {"sister": "f", "brother": "m"}


def _sibling(
    history: list[tuple[int, str, bool, int]],
    para: int,
    owner: str,
    gender: str,
    genders: dict[str, str],
    kinship: dict[str, tuple[str | None, str]] | None,
    owner_gender: str | None,
    prominence: Counter[str],
) -> str | None:
    """Whom "her sister" means when the scene shows it: the one named character of that sex
    other than its owner referred to in the last few paragraphs ("Jane ... said Elizabeth ...
    She sat down. Her sister sat beside her": the sister is Jane). Siblings share a surname:
    one of another surname is no sibling ("Madame Lebrun"); when the owner is known by a title
    and the cast holds others of that surname, it is left to the reader (a Miss Watkin's "her
    sister" may be the other Watkin, or Miss Watkin herself seen twice), while sisters named in
    full ("Jane Bennet" and "Elizabeth Bennet", as a fandom pack names them) are the scene's.
    A Mr. or Mrs. nearby is more likely a parent than the sibling ("their mother's voice").
    "Her sister" of a "her" that names no one of this paragraph or the one before is the lead's
    sister ("said Eloise" / a line / '"Not usually." Her sister sank down': the owner is the
    sister the story follows, and the sister is the one the pronoun would have picked): the
    more prominent of the two is the owner."""
    titled = kinship or {}
    if owner.startswith("unnamed-"):
        return None
    owner_title, surname = titled.get(owner, (None, None))
    if (
        surname
        and owner_title
        and any(
            c != owner and name == surname and title not in ("mr", "mrs")
            for c, (title, name) in titled.items()
        )
    ):
        return None
    near = {
        cid
        for cid in _recent(history, para)
        if cid != owner
        and not cid.startswith("unnamed-")
        and genders.get(cid) == gender
        and titled.get(cid, (None, ""))[0] in (None, "miss")
        and (not surname or titled.get(cid, (None, surname))[1] == surname)
    }
    if len(near) != 1:
        return None
    other = next(iter(near))
    if (
        owner_gender == gender
        and prominence[other] > prominence[owner]
        and not any(cid == owner and para - hpara <= 1 for _, cid, _, hpara in history[-12:])
    ):
        return owner
    return other


def _partner(
    history: list[tuple[int, str, bool, int]],
    tok: Token,
    skip: tuple[str, str],
    gender: str | None,
    genders: dict[str, str],
) -> str | None:
    """Whom a description of someone by their part in a meeting with its owner means ("her
    visitor", "his companion", "her cousin"): the last character of a compatible gender
    referred to in the last few paragraphs, other than the owner and the description's own
    unnamed character (``skip``)."""
    for _, cid, _, para in reversed(history):
        if tok.para - para > _PARTNER_REACH:
            break
        if cid in skip:  # the owner, and the description's own unnamed character
            continue
        if gender in ("m", "f") and genders.get(cid) != gender:
            continue
        return cid
    return None


_HAIR_COLOURS = {
    **dict.fromkeys(("blond", "blonde", "golden", "fair", "flaxen", "platinum"), "fair"),
    # "the brunet" in fan fiction is any dark-haired one, black hair or brown
    **dict.fromkeys(("brunet", "brunette", "brown", "chestnut", "black", "raven", "dark"), "dark"),
    **dict.fromkeys(("redhead", "red", "ginger", "auburn", "copper"), "red"),
    **dict.fromkeys(("silver", "grey", "gray", "white"), "silver"),
}
_HAIR_NOUNS = frozenset({"blond", "blonde", "brunet", "brunette", "redhead"})


def _hair_colour(text: str) -> str | None:
    """The hair colour a description names: "the blond", "the redhead", "the raven-haired boy"."""
    words = text.lower().split()
    if words[-1] in _HAIR_NOUNS:
        return _HAIR_COLOURS[words[-1]]
    for word in words[1:-1]:
        if word.endswith("-haired") and word[: -len("-haired")] in _HAIR_COLOURS:
            return _HAIR_COLOURS[word[: -len("-haired")]]
    return None


def _hair_after(tokens: list[Token], at: int) -> str | None:
    """The colour of "his/her [messy] blond hair" at a possessive pronoun, if it is one."""
    if tokens[at].lower not in ("his", "her"):
        return None
    shade = None
    for k in range(at + 1, min(at + 4, len(tokens))):
        if tokens[k].lower == "hair":
            return shade
        if not tokens[k].text[0].isalpha():
            return None
        shade = _HAIR_COLOURS.get(tokens[k].lower, shade)
    return None


def _of_colour(
    hair: dict[str, str], colour: str, near: set[str], *, alone: bool = False
) -> str | None:
    """The one character near whose hair is of ``colour``; ``alone``: only if nobody else the
    story has shown so far has hair of that colour (the scene's one blond, met pages ago)."""
    fits = {cid for cid, shade in hair.items() if shade == colour and (cid in near or alone)}
    return fits.pop() if len(fits) == 1 and fits <= near else None


def _another_noun(cid: str, key: str) -> bool:
    """Whether ``cid`` is an unnamed character known by a noun other than ``key``."""
    return cid.startswith("unnamed-") and not cid.startswith(f"unnamed-{key}")


def _met_lately(history: list[tuple[int, str, bool, int]], para: int) -> str | None:
    """The unnamed person last referred to by a noun for someone met ("the stranger"), if still
    near: who "her guest" or "her visitor" is."""
    near = _recent(history, para)
    for _, cid, _, _ in reversed(history):
        if cid in near and cid.startswith("unnamed-") and cid.split("-")[-1] in _MET:
            return cid
    return None


def _role_near(
    history: list[tuple[int, str, bool, int]],
    unnamed: Mapping[str, str],
    para: int,
    gender: str,
    genders: Mapping[str, str],
) -> str | None:
    """The one unnamed person of ``gender`` known by a role ("the waitress", "a guard", not "a
    man") referred to in this paragraph or the two before, if there is exactly one."""
    roles = {cid for key, cid in unnamed.items() if key not in _GENERIC_HEADS}
    near = {
        cid
        for _, cid, _, hpara in history[-20:]
        if para - hpara <= 2 and cid in roles and genders.get(cid) == gender
    }
    return near.pop() if len(near) == 1 else None


def _recent(history: list[tuple[int, str, bool, int]], para: int) -> set[str]:
    """Characters referred to within the pronoun window before paragraph ``para``."""
    out = set()
    for distance, (_, cid, _, hpara) in enumerate(reversed(history)):
        if para - hpara > _WINDOW_PARAS or distance > 40:
            break
        out.add(cid)
    return out


def _pick(
    history: list[tuple[int, str, bool, int]],
    tok: Token,
    gender: str | None,
    genders: dict[str, str],
    subject: bool,
    is_pronoun: bool,
    *,
    tokens: list[Token] | None = None,
    key: str = "",
    skip: str | None = None,
    given: dict[str, str] | None = None,
    recalled: set[int] | frozenset[int] = frozenset(),
    owners: set[int] | frozenset[int] = frozenset(),
    exclude: Collection[str] = (),
    topic_of: list[Token] | None = None,
) -> str | None:
    """The most salient character of a compatible gender; one the text has not gendered has
    the gender of its given name (``given``: "Emma" is no "he"). For a description (``tokens`` and
    its head ``key`` given): not someone referred to earlier in its sentence ("she said to the
    strange woman"), and not an unnamed character known by another noun ("the doctor" is not
    "a woman servant"), unless the noun is a generic one ("the woman"). A name opening a
    that-clause (``recalled``: "reminded him that Lena would never come back") is less salient;
    so is, with ``topic_of`` (the tokens) for a speech tag's pronoun, one referred to after
    another of the pronoun's sex in the same sentence ("watched them all, even Luther")."""
    para = tok.para
    if gender == "p":
        return None  # plural "they" rarely means one character in this prose; leave unresolved
    best: str | None = None
    best_score = -1e9
    seen: set[str] = set()
    in_sentence = _acting_in_sentence(tokens, history, tok) if tokens is not None else set()
    for distance, (first, cid, was_subject, hpara) in enumerate(reversed(history)):
        if para - hpara > _WINDOW_PARAS or distance > 40:
            break
        if cid in seen or cid == skip or cid in exclude:
            continue
        seen.add(cid)
        if tokens is not None:
            if tokens[first].sent == tok.sent and cid in in_sentence:
                continue
            if (
                cid.startswith("unnamed-")
                and cid != f"unnamed-{key}"
                and key not in _GENERIC_HEADS
                and not (key in _MET and cid.split("-")[-1] in _MET)
            ):
                continue  # "the doctor" is not "a woman servant"; "the visitor" is "the stranger"
        cg = genders.get(cid) or (given or {}).get(cid)
        if tokens is not None and gender and not cg and _another_noun(cid, key):
            continue  # "the old woman" is not "the surgeon", whose sex is unknown
        if gender is not None and cg is not None and cg != gender:
            continue
        score = -len(seen) * 1.0
        if cg is not None and gender is not None and cg == gender:
            score += 2.0
        elif tokens is not None and gender and not cg and _named_just_before(tokens, first, tok):
            score += 2.0  # "Sabine came out. The small woman smiled": the newcomer, ungendered
            if was_subject and subject:
                score += 1.0  # "Miroku sat with Sango. The monk smiled.": its subject
        if was_subject and subject:
            score += 0.5
        if first in recalled:
            score -= _RECALLED
        elif first in owners:
            score -= _OWNER_INSIDE
        if (
            topic_of is not None
            and gender
            and _after_another(topic_of, history, len(history) - 1 - distance, gender, genders)
        ):
            score -= _AFTER_ANOTHER
        if score > best_score:
            best, best_score = cid, score
    return best


def _acting_in_sentence(
    tokens: list[Token], history: list[tuple[int, str, bool, int]], tok: Token
) -> set[str]:
    """The characters referred to earlier in ``tok``'s sentence other than as an owner: a
    description after them is someone else ("she said to the strange woman"). One only owning
    there may be the one described ("Ignoring his own pain, the man got to his feet"; "he
    tilted his head in her hold to face the woman")."""
    found: set[str] = set()
    for first, cid, _, _ in reversed(history):
        if tokens[first].sent != tok.sent:
            break
        if not _owning(tokens, first):
            found.add(cid)
    return found


def _owning(tokens: list[Token], i: int) -> bool:
    """Whether the reference at token ``i`` is a possessive determiner before a lower-case word
    ("his own pain", "her hold"), not an object ("to face her.")."""
    if tokens[i].lower not in ("his", "her", "their"):
        return False
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    return (
        nxt is not None
        and nxt.text.isalpha()
        and nxt.text.islower()
        and (nxt.lower == "own" or nxt.lower not in word_list("function_words"))
    )


def _after_another(
    tokens: list[Token],
    history: list[tuple[int, str, bool, int]],
    at: int,
    gender: str,
    genders: dict[str, str],
) -> bool:
    """Whether the reference ``history[at]`` follows, in its narration sentence and past a comma
    or a clause's word, a reference to another character of sex ``gender`` ("Ben ... watched
    them all, even Luther"), or right after a verb of perceiving ("he could hear Tony
    explaining": the one heard)."""
    first, cid, _, _ = history[at]
    sent = tokens[first].sent
    for earlier, other, _, _ in reversed(history[max(0, at - 12) : at]):
        if earlier >= first:
            continue
        if tokens[earlier].sent != sent:
            return False
        if other != cid and genders.get(other) == gender and _topical(tokens[earlier]):
            if first > 0 and tokens[first - 1].lower in _PERCEIVING:
                return True  # "he could hear Tony explaining": the one heard, not the hearer
            return any(t.lower in _SET_APART for t in tokens[earlier + 1 : first])
    return False


def _topical(tok: Token) -> bool:
    """Whether a reference's first word can be its sentence's subject: "he", "she" or a name
    owning nothing (not "him", "his", "Ron's")."""
    if tok.lower in _SUBJECT_PRONOUNS:
        return True
    return tok.text[:1].isupper() and not tok.lower.endswith(("'s", "’s"))


def _subject_just_before(
    tokens: list[Token], history: list[tuple[int, str, bool, int]], at: int
) -> str | None:
    """The character named as the subject opening the narration sentence right before
    token ``at``'s, in its paragraph, when that sentence names no one else and ``at``'s
    sentence has no object pronoun (not "Steve came in. The doctor followed him.")."""
    tok = tokens[at]
    k = at
    while k < len(tokens) and tokens[k].sent == tok.sent:
        if tokens[k].lower in ("him", "her", "them"):
            return None
        k += 1
    named = []  # the names (capitalised) of the sentence before
    for first, cid, _, _ in reversed(history):
        if tokens[first].sent < tok.sent - 1:
            break
        if tokens[first].sent == tok.sent - 1 and tokens[first].text[:1].isupper():
            named.append((first, cid))
    if any(tokens[first].para != tok.para for first, _ in named):
        return None
    if len({cid for _, cid in named}) != 1 or named[0][1].startswith("unnamed-"):
        return None
    first, cid = named[0]
    opening = tokens[first].sent_start or (
        first > 0 and tokens[first - 1].lower == "the" and tokens[first - 1].sent_start
    )
    return cid if opening and tokens[first].quote < 0 else None


def _named_just_before(tokens: list[Token], first: int, tok: Token) -> bool:
    """A character named (a capital: a name, or "The boy") in the narration sentence right
    before ``tok``'s, in its paragraph (not a tag: '"By the king," said Xandor. The sorceress
    ...' is someone else)."""
    return (
        tokens[first].sent == tok.sent - 1
        and tokens[first].para == tok.para
        and tokens[first].quote < 0
        and tokens[first].text[:1].isupper()
    )


def _described_genders(dis: Discourse, refs: list[Ref], known: Collection[str]) -> dict[str, str]:
    """The gender of a named character nothing else genders, from the gendered descriptions
    resolved to it in the sentence after its name ("Sabine came out. The small woman smiled."),
    when they all agree, and when it is the only character that sentence names ("Miroku sat
    with Sango. The monk smiled." says nothing of Sango)."""
    tokens = dis.tokens
    in_sentence: dict[int, set[str | None]] = defaultdict(set)
    for r in refs:
        if r.kind == "name" and tokens[r.first].quote < 0:
            in_sentence[tokens[r.first].sent].add(r.character)
    named = {
        (r.character, tokens[r.first].sent + 1, tokens[r.first].para)
        for r in refs
        if r.kind == "name"
        and tokens[r.first].quote < 0
        and len(in_sentence[tokens[r.first].sent]) == 1
    }
    said: dict[str, set[str]] = defaultdict(set)
    for r in refs:
        tok = tokens[r.first]
        if r.kind == "epithet" and (r.character, tok.sent, tok.para) in named:
            said[r.character or ""].add(r.gender or "?")
    return {
        cid: g
        for cid, found in said.items()
        if cid not in known and len(found) == 1 and (g := next(iter(found))) in ("m", "f")
    }


def _describe_cast(
    dis: Discourse, work: Work, refs: list[Ref], genders: dict[str, str]
) -> tuple[list[Character], list[Ref]]:
    """Characters with pronouns and description aliases; mention counts including coreference.
    An unnamed character introduced with a describing phrase is called by it: "A man in a
    Richmond scarf", not "A man" like every other man of the story."""
    aliases: dict[str, Counter[str]] = defaultdict(Counter)
    counts: Counter[str] = Counter()
    introduced: dict[str, str] = {}
    for ref in refs:
        if ref.character is None:
            continue
        if not counts[ref.character] and ref.indefinite:  # introduced by its first mention
            introduced[ref.character] = _introduction(dis, ref)
        counts[ref.character] += 1
        if ref.kind == "epithet":
            aliases[ref.character][ref.text] += 1
    characters = []
    for c in work.characters:
        extra = tuple(a for a, _ in aliases[c.id].most_common() if a not in c.aliases)
        characters.append(
            replace(
                c,
                aliases=c.aliases + extra,
                pronouns=_label(genders.get(c.id)),
                mention_count=counts[c.id] or c.mention_count,
            )
        )
    known = {c.id for c in work.characters}
    for cid, forms in aliases.items():
        if cid in known or not cid.startswith("unnamed-"):
            continue
        # the form used most; of forms used as often, a definite one ("the server", not "A
        # server" where it came in)
        name = min(forms, key=lambda f: (-forms[f], f.split()[0].lower() in _INDEFINITE_WORDS))
        name = name[:1].lower() + name[1:] if name.split()[0] in ("The", "That", "This") else name
        name = introduced.get(cid) or name
        characters.append(
            Character(
                id=cid,
                name=name,
                aliases=tuple(a for a, _ in forms.most_common()),
                pronouns=_label(genders.get(cid)),
                mention_count=counts[cid],
            )
        )
    return characters, refs


# Words that end a describing phrase: "A woman waiting by the door with a pram cleared ...".
_PHRASE_ENDS = _RELATIVES | frozenset({"and", "but", "that", "which", "as"})
_MAX_PHRASE_WORDS = 8
# Words a describing phrase never ends on, so the word after them is no verb: "in a crooked cap".
_OPEN_ENDS = _INDEFINITE | _POSSESSIVE_DETERMINERS | {"the", "in", "with", "from", "wearing"}


def _introduction(dis: Discourse, ref: Ref) -> str:
    """An indefinite with the phrase that describes it where it is introduced ("A man in a
    Richmond scarf", "a woman waiting by the door with a pram"), or "" when none follows."""
    tokens = dis.tokens
    first = ref.last + 1
    if (
        first >= len(tokens)
        or tokens[first].quote >= 0
        or tokens[first].para != tokens[ref.first].para
    ):
        return ""
    if tokens[first].lower not in _DESCRIBING_PREPOSITIONS and not tokens[first].lower.endswith(
        "ing"
    ):
        return ""
    end = first
    while (
        end < len(tokens)
        and end - first < _MAX_PHRASE_WORDS
        and tokens[end].sent == tokens[first].sent
        and tokens[end].quote < 0
        and tokens[end].text[0].isalnum()
        and tokens[end].lower not in _PHRASE_ENDS
        and (
            end == first
            or tokens[end - 1].lower in _OPEN_ENDS  # "in a crooked cap": an adjective
            or not is_verb_like(tokens[end].lower)
        )
    ):
        end += 1
    if tokens[end - 1].lower in _OPEN_ENDS or end - first >= _MAX_PHRASE_WORDS:
        return ""  # "a man in a" cut short, or a phrase too long to be a name
    return dis.text[tokens[ref.first].start : tokens[end - 1].end]


def _label(gender: str | None) -> str | None:
    return _PRONOUN_LABEL.get(gender, gender) if gender else None
