"""What the text says about who speaks each paragraph of dialogue: the cues the speakers pass
weighs, found once per work.

A *turn* is a story paragraph holding quotations. For each turn and each candidate character the
cues become named features (``tag_name``, ``beat_pron_match``, ``vocative``...) whose weights the
speakers pass learns (see ``ficscope/models/speakers.json``). Subjects are found at the token
level: a name or description that the characters and coreference passes found, or a bare
pronoun, whose gender is matched against each candidate's (so "he said" in a dialogue between two
men is decided by the turn-taking, not by whichever man coreference guessed).

Where each cue stands::

    Sakura bit her lip. "Masochist," she hissed. "Go."   He laughed.
    |--- beat before --|           |- tag -|  |intro|   |beat after|

* tag: the subject of a speech clause right after a quotation ('"...," said Kakashi',
  '"...," the copy-nin yelled', '"...," Kakashi's disguise cried'; '"...," someone shouted' and
  'said another' are someone unnamed and new; 'said the latter' is the later of the two last
  named); *confirmed* by a speech verb,
  or accepted without one when the quotation ends open ('"...," he countered'); else the owner
  of a voice opening the narration after it ('"Kakashi…" Her ghostly whisper was lost.');
* intro: the subject of the clause leading into a quotation and ending with "," or ":"
  ('Sakura clicked her tongue and accused, "Masochist."');
* beats: the subject of the narration sentence just before the paragraph's first quotation, and
  of the first one after its last;
* last actor: for a paragraph of untagged lines right after one narration paragraph, the subject
  of that paragraph's last sentence ('... and she turned to seize the boy.' / '"There!"');
* vocatives and tag objects ('"...," he told Sakura'): someone addressed, hence not the speaker
  and likely the next one;
* own names ('"My name is Sakura."', '"I'm Naruto!"'): the speaker introducing themselves.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache

from ficscope.lexicon import (
    FEMALE_PRONOUNS,
    MALE_PRONOUNS,
    NEO_PRONOUNS,
    PLURAL_PRONOUNS,
    gendered_list,
    word_list,
)
from ficscope.model import NARRATOR, Character, Quote, Work
from ficscope.passes.coref import guessed_at, title_names
from ficscope.passes.discourse import Discourse, Paragraph, Token, discourse
from ficscope.passes.names import VOCATIVE_AFTER, VOCATIVE_BEFORE
from ficscope.passes.pov import Stretch

_READER_BLANK = re.compile(r"[YyFf]/[Nn]")  # "Y/N", "F/N": where a reader-insert leaves a name

SUBJECT_PRONOUNS = {"he": "m", "she": "f", "they": "p", "i": "1", "we": "p"} | {
    w: g for w, g in NEO_PRONOUNS.items() if w in ("xe", "ze", "ey")
}
PRONOUN_GENDER = (
    {w: "m" for w in MALE_PRONOUNS}
    | {w: "f" for w in FEMALE_PRONOUNS}
    | {w: "p" for w in PLURAL_PRONOUNS}
    | dict(NEO_PRONOUNS)
    | {w: "1" for w in ("i", "me", "my", "myself")}
)
POSSESSIVE_PRONOUNS = {
    "his": "m",
    "her": "f",
    "their": "p",
    "my": "1",
    "xyr": "xe/xem",
    "zir": "ze/zir",
    "eir": "ey/em",
}
# Tag verbs that answer someone else: the line before was another speaker's.
REPLY_VERBS = frozenset(
    "answered answers replied replies responded responds retorted retorts countered counters "
    "rejoined returned agreed disagreed objected protested admitted conceded".split()
)
# A kinship word a child uses as a name, and the noun the narration uses for that person.
KIN_VOCATIVES = {
    **dict.fromkeys("father papa dad daddy pa pop".split(), "father"),
    **dict.fromkeys("mother mamma mama mum mom mommy mummy ma".split(), "mother"),
    **{w: w for w in "uncle aunt grandfather grandmother brother sister".split()},
    "auntie": "aunt",
    "grandpa": "grandfather",
    "granny": "grandmother",
    "grandma": "grandmother",
}
# The kinship words a child calls a parent or grandparent by ("Dad", "Mama", "Grandma")
PARENT_CALLS = frozenset(
    w
    for w, noun in KIN_VOCATIVES.items()
    if noun in ("father", "mother", "grandfather", "grandmother")
)
LABEL_GENDER = {"he/him": "m", "she/her": "f", "they/them": "p"}

_ADVERB_LIKE = frozenset(
    "then again softly quietly finally slowly quickly simply just still only also now suddenly "
    "gently coldly calmly firmly sharply dryly flatly brightly darkly sadly".split()
)
_AUXILIARIES = frozenset(
    "was were had has did does could would should might must can will is are wasn't weren't "
    "hadn't didn't couldn't wouldn't shouldn't can't won't isn't aren't".split()
)
_PREPOSITIONS = frozenset(
    "to from into at in on with by for of about over under behind beside toward towards upon "
    "across through around after before between against without like near".split()
)
# Verbs of turning to or looking at someone, with the preposition that leads to them ("glanced
# at Sakura", "turned to him", "settled on the witcher"); some take their person bare ("studying
# Yuji", "eyed the stranger", "faced Tomas").
_ATTENDING = re.compile(
    r"(?:look|glanc|star|glar|peer|gaz|turn|nodd?|smil|grinn?|frown|wink|settl|eye|stud(?:y|i)"
    r"|fac|address)(?:s|es|ed|d|ing)?$"
)
_ATTENDING_BARE = re.compile(r"(?:eye|stud(?:y|i)|fac|address)(?:s|es|ed|d|ing)?$")
_ATTENDING_TO = frozenset({"at", "to", "toward", "towards", "on", "upon"})
# Verbs of giving, whose first object is the one given to, the one a line after is said to:
# "She hands the Doctor a sandwich. "Eat something."".
GIVING = frozenset("hands handed passes passed gives gave offers offered tosses tossed".split())


@cache
def _attending(word: str) -> int:
    """2 for a verb of attending that takes its person bare ("studying", "handed"), 1 for one
    that takes a preposition ("glanced"), 0 for any other word."""
    if word in GIVING or _ATTENDING_BARE.match(word):
        return 2
    return 1 if _ATTENDING.match(word) else 0


_CALL_OPENERS = frozenset({"and", "but", "so"})  # "And Percy?": a call after a conjunction
# Calls written without their comma, as hasty writers do: a name closing its sentence after a
# greeting, an interjection or a word that ends a command ("Oi Zoro.", "Go home Stiles",
# "Sit down Lance!"), or opening one before a word that cannot follow a subject there ("Keith
# you idiot", "Sam what happened", "Nami can we go?").
_BARE_CALL_AFTER = frozenset(
    "oi hi hello yo thanks morning night bye sorry please okay ok yes yeah yep no nope sure "
    "now already too again here there anyway up down out home away me us".split()
)
_BARE_CALL_BEFORE = frozenset("you i what where why how please".split())
# Words opening a clause of their own after a call: "Dad those give me a rash", "Keith this is"
_BARE_CALL_POINTING = frozenset("those these this".split())
_BARE_CALL_ASKING = frozenset("can could will would do did are should".split())
_BARE_CALL_ASKED = frozenset({"you", "we", "i"})
_CLAUSE_OPENERS = frozenset(
    {",", ";", ":", "and", "but", "then", "so", "as", "while", "when", "—", "–"}
)
_SENTENCE_END = frozenset({".", "!", "?", "…", "...", ";"})
_MEANWHILE = frozenset({"while", "whilst"})
# Verbs of someone arriving where the hearers are: "Damon slid into the booth next to her".
_ARRIVING = frozenset(
    "slid slides dropped drops appeared appears stepped steps strolled strolls sauntered "
    "saunters emerged emerges swept sweeps plopped plops flopped flops popped pops".split()
)
# Coming in, said after the subject in its sentence: "as he comes in", "walked into", "entered"
_COMING_IN = frozenset(
    "came comes walked walks stepped steps strode strides hurried hurries wandered wanders "
    "burst bursts slipped slips".split()
)
_ENTERING = frozenset({"entered", "enters"})
_INTO = frozenset({"in", "into"})
# A surname written with a lower-case particle and an apostrophe: "al'Thor", "d'Artagnan"
_PARTICLE_NAME = re.compile(r"[a-z]{1,3}['’][A-Z][a-z]")
_PARTICLE_CALL_ENDS = frozenset({",", ".", "!", "?"})
_OBJECTS = frozenset({"him", "her", "them", "me"})
_THING_OPENERS = frozenset({"the", "a", "an", "something"})  # "The wrench caught him"
# "X waited until Y came in": Y acts last, and X is the one found (speakers ``_found_by``)
UNTIL = frozenset({"when", "until", "till"})
# A plural subject opening a sentence whose later clause names one of the group acting
_GROUP_SUBJECTS = frozenset({"we", "they"})
# subject pronouns after a place phrase opening the sentence: "From the other room he could hear"
_FRONTED_PRONOUNS = frozenset({"he", "she", "i", "we", "they"})
# Verbs of being somewhere, which a place phrase can put before their subject ("In the corner sat
# Elizabeth"): the past and the present
_BEING_SOMEWHERE = frozenset(
    "sat stood lay leaned lounged waited perched crouched knelt was sits stands lies leans "
    "lounges waits perches crouches kneels".split()
)
_ACTOR_GAP = 3  # narration paragraphs after which an untagged line leans to the last subject
_OPEN_ENDS = (",", "—", "–", "-", "…", "...")
_INTRO_ENDS = frozenset({",", ":", "—", "–", "-"})
# Nouns for what someone says: their owner in the sentence before a line is its speaker.
_VOICE_NOUNS = frozenset(
    "voice protest protests words whisper plea reply answer question tone command order "
    "response retort demand".split()
)
# Irregular verbs of a voice that _verb_like misses: "a voice came from the hall".
_VOICE_VERBS = frozenset("came rang rose cut broke drifted carried sang".split())
# A call that comes from somewhere: '"Sail ho!" came the hail from the masthead'.
_CALL_VERBS = frozenset("came comes".split())
_CALL_NOUNS = frozenset("voice voices hail cry shout call yell answer reply".split())
_TAG_REACH = 6  # tokens after a quotation in which its tag's subject may start
# Speech verbs that as often act on a thing: with an object after them they are no tag.
_ACTION_VERBS = frozenset(
    "pressed presses shot shoots fired fires threw throws bit bites read reads ground grinds "
    "managed manages finished finishes offered offers returned returns supplied supplies "
    "prodded prods trailed trails echoed echoes sang sings hummed hums breathed breathes spat "
    "spits choked chokes gritted crooned croons mouthed mouths began begins continued "
    "continues added adds ordered orders".split()
)
# Two-word speech verbs: '"...," went on Sir Henry', '"Forty years!" Griffin put in.'
_PHRASAL_SPEECH = frozenset(
    (verb, particle)
    for verbs, particle in (
        ("went goes go", "on"),
        ("broke breaks put puts cut cuts chimed chimes struck strikes", "in"),
        ("spoke speaks piped pipes", "up"),
        ("wound winds", "up"),
        ("broke breaks", "off"),
    )
    for verb in verbs.split()
)
# Words after a speech verb that report what was said ("mumbled that ...", "asked whether ...").
_REPORTED = frozenset("that whether if how what why when where who".split())
# Words before a name that make it the speaker's own ("My name is Sakura", "I'm Naruto").
_OWN_NAME_LEADS = ("name is", "i am", "i'm", "call me", "name's")
_ASKS_A_NAME = re.compile(
    r"\b(?:what(?:'s| is) your name|who are you|and you are|your name)\b[^.!]*\?"
)
# A phone answered in the narration just before a line: '"Beckett."' is her own name then
_ANSWERS_A_PHONE = re.compile(
    r"\b(?:picked up|picks up|answered|answers|rang|rings|ringing|buzzed|buzzes|on the \w+ ring)\b"
)
# Someone the story does not name, and not anyone named before, speaking a line.
_SOMEONE = frozenset("someone somebody another one".split())
# The words that open a subject no reference covers: a pronoun, "the" of "the latter", "the
# soldiers" or "the tallest of them", "one of the guards", "someone".
_OPENS_A_SUBJECT = frozenset({"the", *_SOMEONE, *SUBJECT_PRONOUNS, *POSSESSIVE_PRONOUNS})
# What follows "the one" picking a person out: "the one at the front", "the one with the scar".
_PICKING = frozenset("at in on with by near who nearest closest behind from".split())
_DETERMINERS = frozenset("the a an his her its their my our your this that these those".split())
# Words of a letter's closing formula: "Your friend,", "Yours truly,", "Love,"
_CLOSINGS = frozenset(
    "yours friend sincerely truly faithfully love regards affectionately respectfully "
    "obedient servant cordially".split()
)
# Relative pronouns opening a clause about the noun before: "the ladies whose departure ...".
_RELATIVES = frozenset({"who", "whose", "that", "which"})
# Words picking one out of a group: "the tallest of them", "the elder of the two".
_PICKS = frozenset(
    "first second third last other elder older younger taller shorter bigger smaller".split()
)
_NUMBERS = frozenset("two three four five six seven eight nine ten few".split())


def _in_range(indices: list[int], start: int, end: int) -> list[int]:
    """The ones of the sorted token ``indices`` from ``start`` up to (not including) ``end``."""
    return indices[bisect_left(indices, start) : bisect_left(indices, end)]


@dataclass(slots=True)
class Subject:
    """Who a tag, intro or beat is about: a character (name or description), or a bare pronoun
    of some gender (that coreference may also have resolved)."""

    character: str | None  # for names and descriptions
    kind: str  # "name" | "epithet" | "pronoun"
    gender: str | None = None  # for pronouns: m, f, p, 1 or a neo-pronoun set
    resolved: str | None = None  # for pronouns: coreference's guess
    confirmed: bool = True  # a speech verb goes with it
    token: int = -1
    verb: str = ""  # a tag's verb: "said", "answered"
    alternative: Subject | None = None  # another person the same sentence is about

    @property
    def who(self) -> str | None:
        """The character it is about: its own for a name or description, coreference's guess
        for a pronoun."""
        return self.resolved if self.kind == "pronoun" else self.character


@dataclass(slots=True)
class QuoteCues:
    index: int  # into Discourse.quotes
    tag: Subject | None = None  # after the quotation
    intro: Subject | None = None  # the clause leading into it
    vocatives: list[str] = field(default_factory=list)
    named: list[str] = field(default_factory=list)  # characters named inside, not addressed
    objects: list[str] = field(default_factory=list)  # '"...," he told Sakura'
    own_names: list[str] = field(default_factory=list)  # '"My name is Sakura."': the speaker
    spoke: Subject | None = None  # 'whereupon Mrs. Griffin spoke. "Well, ..."' (a later line)
    turned_to: Subject | None = None  # 'Jonah said. Mira rolled her eyes. "After you."'


@dataclass(slots=True)
class Turn:
    """A paragraph with quotations, and what its narration and quotations say."""

    para: int
    quotes: list[QuoteCues]
    beat_before: Subject | None = None
    beat_after: Subject | None = None
    beats_mid: list[Subject] = field(default_factory=list)  # narration between its quotations
    mentioned: Counter[str] = field(default_factory=Counter)  # characters in its narration
    continued: bool = False  # its first quotation continues the paragraph before's
    reply: bool = False  # its first tag says it answers someone: "she answered", "he retorted"
    gap: int = 0  # narration-only paragraphs since the previous turn
    reported: Subject | None = None  # 'Mr. Bennet replied that he had not.' just before
    last_actor: Subject | None = None  # of the narration before an untagged turn
    met_by: set[str] = field(default_factory=set)  # the other of two the narration names
    tag_actor: Subject | None = None  # of the narration before a turn opening on "he said"
    looked_at: set[str] = field(default_factory=set)  # "studying Yuji" before its last line
    done_to: str | None = None  # hit by a thing just before: 'The wrench caught him.' / '"OW!"'
    cut: bool = False  # its last quotation breaks off on a dash: '"I'll decide if you're—"'
    resumes: bool = False  # its first quotation picks up on a dash: '"—a future doctor!"'
    afar: bool = False  # a name tag says where from: '"Hey!" Eda hollered from behind the stall.'
    # turned to after its last line: '"Is that legal?" Hunter turned to Luz.'
    looked_after: set[str] = field(default_factory=set)


# What "from" opens when a tag says where a line comes from ("from behind the stall")
_FROM_PLACES = frozenset(
    "the behind across upstairs downstairs inside outside below above over down up out beyond "
    "somewhere far".split()
)
_DASH_OPENS = re.compile(r"\s*(?:—|–|--)")
_DASH_ENDS = re.compile(r"(?:—|–|--|-)\s*$")


def _base_form(verb: str) -> str:
    """The base form of a present-tense "-s" verb: "mumbles" -> "mumble", "hisses" -> "hiss",
    "cries" -> "cry" (what "I", "you", "we" and singular "they" take: '"...," you chirp')."""
    if verb.endswith("ies"):
        return verb[:-3] + "y"
    if verb.endswith(("sses", "shes", "ches", "xes", "zes")):
        return verb[:-2]
    return verb[:-1]


class CueFinder:
    """Finds every turn's cues in a work that has been through the coreference pass."""

    def __init__(self, work: Work) -> None:
        self.work = work
        self.dis: Discourse = discourse(work)
        self.tokens: list[Token] = self.dis.tokens
        self.speech = word_list("speech_verbs")
        self.base_speech = {_base_form(w) for w in self.speech if w.endswith("s")} - self.speech
        # nouns for someone else than their owner: "the child's nurse", "Kakashi's dog"
        self.others = {**gendered_list("person_nouns"), **gendered_list("animal_nouns")}
        self.animal_nouns = set(gendered_list("animal_nouns"))
        # first token -> (last, character, kind); its keys are all set here, in __init__
        self.refs: dict[int, tuple[int, str | None, str]] = {}
        self.unnamed: dict[str, Character] = {}  # descriptions no pass resolved: new characters
        self.learned_genders: dict[str, str] = {}  # genders the speakers pass learned from tags
        self.narrator_alias: str | None = None  # the name others call the first-person narrator
        self.pov: list[Stretch] = []  # a story told in the first person by turns ("Sakura's POV")
        self.merged: dict[str, str] = {}  # names only called out -> the character they call
        self.voice_owners: dict[str, str] = {}  # an unnamed voice -> whose it turned out to be
        self.narrated_forms: set[str] | None = None  # name words the narration uses
        self._plurals: dict[str, bool] = {}  # is_people's answers, by word
        self.self_naming: set[str] = set()  # who speak of themselves by name ("Paimon is hungry")
        self.self_naming_often: set[str] = set()  # two or more lines of theirs name them
        # someone an inverted tag brought in, by head noun: (token, character, modifiers)
        self.introduced: dict[str, tuple[int, str, set[str]]] = {}
        for m in work.mentions:
            span = self.dis.token_span(m.start, m.end)
            if span is not None:
                first, last = span
                character = m.character
                if character is None and m.kind == "epithet":
                    character = self._unnamed(work.text[m.start : m.end])
                self.refs[first] = (last, character, m.kind)
        self._reader_names()
        self._ref_starts = sorted(self.refs)  # for refs_in
        dis = self.dis
        self._spans = [(dis.token_at(q.start), dis.token_at(q.end)) for q in dis.quotes]  # span
        self._name_words: dict[str, set[str]] | None = None  # per character, its name's words
        self.kin = self._kin_names(work)
        self.kin_of = self._kin_owners(work)
        # a line's first token -> the kin it calls and the word's noun ("Papa!": the father)
        self.kin_called: dict[int, tuple[str, str]] = {}
        self.titled = title_names(work.characters)
        self.epithet_calls = self._epithet_calls(work)
        # the spans of quotations inside quotations: 'he said them as though...' of another
        self.nested_spans = sorted((q.start, q.end) for q in work.quotes if q.depth > 0)
        self._nested_starts = [lo for lo, _ in self.nested_spans]
        self._callers: list[int] | None = None  # tokens that may call someone (_may_call)
        self._attends: list[int] | None = None  # the narration's verbs of attending (_looked_at)

    def refs_in(self, start: int, end: int) -> list[int]:
        """The tokens from ``start`` to ``end`` that start a reference, in order."""
        return _in_range(self._ref_starts, start, end)

    def _reader_names(self) -> None:
        """In a reader-insert ("you" the narrator), the blank left for the reader's name ("Oh my
        god, Y/N.") names the narrator: a line calling "Y/N" calls the narrator."""
        if not any(character == NARRATOR for _, character, _ in self.refs.values()):
            return
        tokens = self.tokens
        for i in range(len(tokens) - 2):
            if (
                tokens[i + 1].text == "/"
                and _READER_BLANK.fullmatch(tokens[i].text + "/" + tokens[i + 2].text)
                and i not in self.refs
            ):
                self.refs[i] = (i + 2, NARRATOR, "name")

    def _kin_names(self, work: Work) -> dict[str, str]:
        """Kinship noun -> the character the narration most often calls "her father" etc., else
        the one character whose name it titles ("Aunt Polly" for "aunt")."""
        votes: dict[str, Counter[str]] = {}
        for m in work.mentions:
            if m.kind != "epithet" or not m.character:
                continue
            words = work.text[m.start : m.end].lower().split()
            if len(words) == 2 and words[0] in POSSESSIVE_PRONOUNS and words[1] in KIN_VOCATIVES:
                votes.setdefault(KIN_VOCATIVES[words[1]], Counter())[m.character] += 1
        found = {noun: c.most_common(1)[0][0] for noun, c in votes.items()}
        titled: dict[str, list[str]] = {}  # "Aunt Polly", "Uncle Vernon": called "aunt", "uncle"
        for c in work.characters:
            first = c.name.split()[0].lower() if c.name.split() else ""
            if first in KIN_VOCATIVES and len(c.name.split()) > 1:
                titled.setdefault(KIN_VOCATIVES[first], []).append(c.id)
        for noun, ids in titled.items():
            if len(ids) == 1:
                found.setdefault(noun, ids[0])
        return found

    def _epithet_calls(self, work: Work) -> dict[str, str]:
        """Head noun -> the one character the narration calls "the" it ("asked the Slayer",
        "Mara, the ratcatcher, went first"): a line calling "Slayer" calls them ('"Not bad,
        Slayer."'). A noun the narration gives two characters is left out, and a description
        opening a sentence is not read: coreference guesses those from salience ("The doctor
        put the tricorder away" given to the captain)."""
        found: dict[str, set[str]] = {}
        for m in work.mentions:
            if m.kind != "epithet" or not m.character:
                continue
            words = work.text[m.start : m.end].lower().split()
            if len(words) != 2 or words[0] != "the" or not words[1].isalpha():
                continue
            span = self.dis.token_span(m.start, m.end)
            if span is not None and not self.tokens[span[0]].sent_start:
                found.setdefault(words[1], set()).add(m.character)
        return {noun: next(iter(who)) for noun, who in found.items() if len(who) == 1}

    def _kin_owners(self, work: Work) -> dict[tuple[str, str], str]:
        """(character, kinship noun) -> the one character whose kin the narration shows them
        as, opening a sentence ("Her father beamed over her head": the father is hers;
        "Marinette's mom waved"): who calls them "Papa", "Mom". Left out where the narration
        gives the noun several owners; not from a kin only talked of ("of which his father had
        been a great collector")."""
        owners: dict[int, str] = {}  # a mention's start -> its character, for the owners
        for m in work.mentions:
            if m.kind != "epithet" and m.character:
                owners.setdefault(m.start, m.character)
        found: dict[tuple[str, str], set[str]] = {}
        for m in work.mentions:
            if m.kind != "epithet" or not m.character or m.start not in owners:
                continue
            words = work.text[m.start : m.end].lower().split()
            if len(words) != 2 or words[1] not in KIN_VOCATIVES or owners[m.start] == m.character:
                continue
            span = self.dis.token_span(m.start, m.end)
            if span is not None and self.tokens[span[0]].sent_start:
                key = (m.character, KIN_VOCATIVES[words[1]])
                found.setdefault(key, set()).add(owners[m.start])
        return {key: next(iter(who)) for key, who in found.items() if len(who) == 1}

    def _unnamed(self, text: str, gender: str | None = None, *, named: bool = False) -> str:
        """A new character of the story's words ``text`` ("the subordinate"); ``named``: a name
        ("Miss Pinkerton"), whose id has no ``unnamed-`` prefix unless another character has it."""
        name = re.sub(r"^(?:The|That|This)\b", lambda m: m.group().lower(), " ".join(text.split()))
        key = name.lower()
        if key not in self.unnamed:
            slug = re.sub(r"[^a-z0-9]+", "-", key.removeprefix("the ").removeprefix("that ")).strip(
                "-"
            )
            pronouns = {"m": "he/him", "f": "she/her", "p": "they/them"}.get(gender or "")
            taken = named and any(c.id == slug for c in self.work.characters)
            self.unnamed[key] = Character(
                id=slug if named and not taken else f"unnamed-{slug}",
                name=name,
                aliases=(name,),
                pronouns=pronouns,
            )
        return self.unnamed[key].id

    # -- subjects ------------------------------------------------------------------------
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
            if tok.lower in self.speech:
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
        if others:
            chosen.confirmed = False  # "She smiled and he kissed her palm.": either may speak
            chosen.alternative = others[0] if last else others[-1]
            chosen.alternative.confirmed = False
        return chosen

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
                elif before in VOCATIVE_BEFORE or tokens[i].sent_start:
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
            return tokens[start - 1].lower in _BARE_CALL_AFTER
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
            word in _BARE_CALL_BEFORE
            or word in _BARE_CALL_POINTING
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
        for i in range(a + 1, b):
            ref = self.refs.get(i)
            if ref is None or ref[2] != "name" or not ref[1]:
                continue
            if tokens[ref[0]].lower.endswith(("'s", "’s")):
                continue  # "I am Jane's friend"
            before = " ".join(t.text.lower() for t in tokens[max(a, i - 2) : i]).replace("’", "'")
            if before.endswith(_OWN_NAME_LEADS):
                found.append(ref[1])
        return found

    def _name_given(self, qi: int, a: int, b: int) -> list[str]:
        """The name a line opens with when the line before asked for it ('"What's your name?"'
        / '"Mira. Everyone else went away."'): the speaker's own."""
        if qi == 0:
            return []
        before = self.dis.quotes[qi - 1]
        asked = self.dis.text[before.start : before.end].lower().replace("’", "'")
        if not _ASKS_A_NAME.search(asked):
            return []
        ref = self._opening_name(a, b)
        if ref is None:
            return []
        after = ref[0] + 1
        if after < b and self.tokens[after].text not in (".", "!", ",", "…", "..."):
            return []  # "Mira went away": a sentence about her, not her name
        return [ref[1]]

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
        if rest[:1] != ["."] or any(t[:1].isalnum() or t in "!?,;:" for t in rest):
            return []  # "Beckett!" or "Beckett, listen": a call
        dis = self.dis
        p = tokens[a].para
        para = dis.paragraphs[p]
        if p == 0 or dis.text[para.start : dis.quotes[qi].start].strip():
            return []
        before = dis.paragraphs[p - 1]
        inside = range(before.first_token, min(before.last_token + 1, len(tokens)))
        if any(tokens[i].quote >= 0 and tokens[i].para == p - 1 for i in inside):
            return []  # the paragraph before is someone's line, not narration
        text = dis.text[before.start : before.end].lower()
        return [ref[1]] if _ANSWERS_A_PHONE.search(text) else []

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

    # -- turns ---------------------------------------------------------------------------
    def _words(self, q: Quote) -> str:
        """A quotation's words, without its marks."""
        end = q.end - len(q.close) if q.close is not None else q.end
        return self.dis.text[q.start + len(q.open) : end]

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
                cue.vocatives, cue.named = self.vocatives(a, b)
                cue.own_names = (
                    self.own_names(a, b)
                    or self._name_given(qi, a, b)
                    or self._answers_with_name(qi, a, b)
                )
                cue.named = [c for c in cue.named if c not in cue.own_names]
                cue.vocatives = [c for c in cue.vocatives if c not in cue.own_names]
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
            turn.resumes = _DASH_OPENS.match(self._words(dis.quotes[para.quotes[0]])) is not None
            turn.cut = _DASH_ENDS.search(self._words(dis.quotes[para.quotes[-1]])) is not None
            if cues[0].intro is None and spans[0][0] == para.first_token and quiet and pi > 0:
                # '... she whispered against his lips.' / '"I love you."'
                cues[0].intro, turn.reported = self._closing_speech(dis.paragraphs[pi - 1])
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
            if first_a > para.first_token:
                lead = dis.sentence_until(para.first_token, first_a)
                turn.beat_before = (
                    self.sentence_subject(lead, last=True, owners=True)
                    or self.sentence_subject(list(range(para.first_token, first_a)), last=True)
                    or self._face_owner(lead)
                )
                voice = self._voice(lead)
                if voice is not None:
                    turn.beat_before = voice  # 'ignoring Sakura's protests. "Wait, ..."'
                elif turn.beat_before is not None and turn.beat_before.alternative is not None:
                    beats_mid.append(turn.beat_before.alternative)  # either may speak
            elif 1 <= quiet <= _ACTOR_GAP and all(c.tag is None and c.intro is None for c in cues):
                # 'The guard was big and bald. [...] He looked at us.' / '"Any of you kids..."'
                turn.last_actor = self._last_actor(dis.paragraphs[pi - 1])
                before = dis.paragraphs[pi - 1]
                if before.last_token > before.first_token:
                    turn.done_to = self._done_to(self._last_sentence(before))
            elif quiet == 1 and first_tag is not None and first_tag.kind == "pronoun":
                # 'Curtis darted a glance at Florence.' / '"Is the girl mad?" he muttered.'
                actor = self._last_actor(dis.paragraphs[pi - 1])
                if actor is not None and actor.kind != "pronoun" and first_tag.confirmed:
                    turn.tag_actor = actor
            last_b = spans[-1][1]
            turn.looked_after = self._looked_at(last_b, para.last_token) | self._put_before(
                last_b, para.last_token
            )
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
        self._voices_owned(out)
        self._voice_next(out)
        self._signed(out)
        self._seen_after(out)
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

    def _voices_owned(self, turns: list[Turn]) -> None:
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
        started up')."""
        dis = self.dis
        met = self._first_met()
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

    def _seen_after(self, turns: list[Turn]) -> None:
        """A line heard before anyone is shown: an untagged turn after narration in which
        nobody acts last ('the television on the wall flickers on.' / '"--and here they are,
        folks!"'), followed by narration whose first sentence brings in someone new by an
        indefinite description ('A man with blue hair leans toward the camera.'): the line is
        that newcomer's (unconfirmed)."""
        dis, tokens = self.dis, self.tokens
        met = self._first_met()
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
            word = tokens[j].lower
            if word in _ENTERING or (word in _COMING_IN and tokens[j + 1].lower in _INTO):
                return True
        return False

    def _first_met(self) -> dict[str, int]:
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
        clustered two sisters. Every tag, intro or beat naming that form is then the other one."""
        forms: dict[str, str] = {}  # the tag's words -> the new character
        for turn in turns:
            for cue in turn.quotes:
                s = cue.tag
                if s is not None and s.kind == "name" and s.character in cue.vocatives:
                    text = self._ref_text(s.token)
                    if text.lower() not in self._vocative_forms(cue):
                        gender = character_genders(self.work).get(s.character)
                        forms[text.lower()] = self._unnamed(text, gender, named=True)
        if not forms:
            return
        for turn in turns:
            subjects = [turn.beat_before, turn.beat_after, *turn.beats_mid]
            subjects += [s for cue in turn.quotes for s in (cue.tag, cue.intro)]
            for s in subjects:
                if s is not None and s.kind == "name" and s.token in self.refs:
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
        subjects = [turn.beat_before, turn.beat_after, *turn.beats_mid]
        subjects += [s for cue in turn.quotes for s in (cue.tag, cue.intro)]
        for s in subjects:
            if s is None:
                continue
            if s.kind == "pronoun" and s.resolved in called:
                s.resolved = None
            elif s.kind == "epithet" and s.character in called and s.token in self.refs:
                last = self.refs[s.token][0]
                text = self.dis.text[self.tokens[s.token].start : self.tokens[last].end]
                s.character = self._unnamed(re.sub(r"['’]s$", "", text))

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

    def span(self, qi: int) -> tuple[int, int]:
        """The tokens of quotation ``qi`` (an index into ``dis.quotes``): first, and one past
        the last."""
        return self._spans[qi]

    def rename(self, merged: Mapping[str, str]) -> None:
        """Make every reference to a character in ``merged`` one to the character it is."""
        for first, (last, character, kind) in list(self.refs.items()):
            if character is not None and character in merged:
                self.refs[first] = (last, merged[character], kind)

    def _closing_speech(self, para: Paragraph) -> tuple[Subject | None, Subject | None]:
        """Who a narration paragraph ends on speaking: the subject of its last sentence when a
        speech verb follows it. Either it introduces the next line ("The moment before he landed
        she whispered against his lips."), or, when the verb reports what was said ("Mr. Bennet
        replied that he had not."), it was a turn of that person's: (introduces, reported)."""
        tokens = self.tokens
        if para.last_token <= para.first_token:
            return None, None
        last = self._last_sentence(para)
        found = reported = None
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
                tokens[after].lower in self.speech or _spoke_alone(tokens, after, para.last_token)
            ):
                verb = tokens[after].lower
                nxt = tokens[after + 1].lower if after + 1 < para.last_token else ""
                if nxt in _REPORTED:
                    reported = subject  # "Lucy mumbled that they seemed odd."
                elif verb not in _ACTION_VERBS or nxt not in _DETERMINERS:
                    # "Then Nasty Roche had said:" leads into the next line for sure
                    subject.confirmed = tokens[para.last_token - 1].text == ":"
                    found = subject
            elif found is None and after < para.last_token and tokens[after].lower in _PERCEPTION:
                heard = self._perceived_speaker(after, para.last_token)
                if heard is not None:  # "He heard her speak." / '"Master Philip wants ..."'
                    found = heard[0]
                    found.confirmed = False
        if found is None and reported is None and tokens[para.last_token - 1].text == ":":
            found = self._colon_speaker(last)  # "He came over and, thrusting a hand ..., said:"
        return found, reported

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
        if para.last_token <= para.first_token or tokens[para.last_token - 1].text != ":":
            return None
        if any(tokens[i].quote >= 0 for i in self._last_sentence(para)):
            return None
        found, _ = self._closing_speech(para)
        return found if found is not None and found.confirmed else None

    def _last_sentence(self, para: Paragraph) -> list[int]:
        """The tokens of a (non-empty) paragraph's last sentence."""
        return self.dis.sentence_until(para.first_token, para.last_token)

    def _put_before(self, start: int, end: int) -> set[str]:
        """Characters the narration tokens ``start``..``end`` put something in front of ("laid
        the card down in front of Gus"): the line was said to them."""
        tokens = self.tokens
        found = set()
        for i in range(start, end - 3):
            if tokens[i].quote >= 0 or tokens[i].lower != "in":
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
            if j < end and tokens[j].lower in _ATTENDING_TO:
                j += 1
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
        if subject is None or self.tokens[subject.token - 1].lower not in UNTIL:
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


# Words that open someone new in an inverted tag: '"...," said a woman', '"...," cried another
# female'.
_INDEFINITES = frozenset("a an another one".split())
# Words that end the description of someone an inverted tag introduces.
_NOT_IN_DESCRIPTION = (
    _PREPOSITIONS | _CLAUSE_OPENERS | frozenset("who whom whose that which holding wearing".split())
)
_SPOKE = frozenset("spoke speaks".split())  # speaking with nothing said: "Mrs. Griffin spoke."


def _spoke_alone(tokens: Sequence[Token], i: int, end: int) -> bool:
    """Whether token ``i`` is "spoke" ending its sentence ("Then one of the strangers spoke.",
    "At last Mira spoke:"), not "spoke to him", "spoke of the war"."""
    return tokens[i].lower in _SPOKE and (i + 1 >= end or tokens[i + 1].text in (".", ":", "—"))


_PERCEPTION = frozenset("heard hears hear overheard overhears saw sees watched watches".split())
_OBJECT_GENDER = {"him": "m", "her": "f", "them": "p", "me": "1"}
_BARE_SPEECH = frozenset(
    "say tell ask speak whisper mutter murmur shout yell call cry answer reply explain insist "
    "saying telling asking speaking whispering muttering murmuring shouting yelling calling".split()
)


def _who(subject: Subject) -> str | None:
    return subject.character or subject.resolved or subject.gender


def character_genders(work: Work) -> dict[str, str]:
    """Character id -> gender code (m, f, p, 1 for the first-person narrator, or a neo set)."""
    out = {}
    for c in work.characters:
        if c.id == NARRATOR:
            out[c.id] = "1"
        elif c.pronouns:
            out[c.id] = LABEL_GENDER.get(c.pronouns, c.pronouns)
    return out
