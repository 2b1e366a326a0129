"""``_References``, the base of ``CueFinder``: the work's references by first token, the
kin words and the descriptions its lines call people by, the unnamed people met."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from typing import TypeVar, cast

from ficscope.lexicon import gendered_list, word_list
from ficscope.model import NARRATOR, Character, Work
from ficscope.passes.coref import title_names
from ficscope.passes.discourse import Discourse, Token, discourse
from ficscope.passes.pov import Stretch
from ficscope.passes.speaker_cues.words import (
    _READER_BLANK,
    KIN_VOCATIVES,
    POSSESSIVE_PRONOUNS,
    _base_form,
    _in_range,
)

DROPPED_COMMAS = 3  # lines ending on a letter, and a tenth of them, make a comma-dropping writer


_Fact = TypeVar("_Fact")


class _References:
    """The work's references by first token, and what ``__init__`` sets up."""

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
        # a writer whose lines end on a letter, without the comma or stop before the tag ('"Its
        # a bad idea Nat" Taissa said'), leaves out the comma before a call too (``_bare_call``)
        unmarked = sum(
            1
            for q in dis.quotes
            if q.end - q.start > 2 and dis.text[q.end - 2 : q.end - 1].isalnum()
        )
        self.drops_commas = unmarked >= DROPPED_COMMAS and unmarked * 10 >= len(dis.quotes)
        self._positions: dict[frozenset[str], list[int]] = {}  # positions' answers
        self._asked_names: set[int] | None = None  # quotations asking a name (_name_given)
        # what the speakers pass reads from the text alone around each reference (who leaves,
        # falls asleep, is only spoken of), kept for the second decode: by the reader's name
        self.text_facts: dict[str, object] = {}

    def narrated(self) -> set[str]:
        """The characters the narration refers to (a reference outside quotation marks)."""
        tokens = self.tokens
        return {c for first, (_, c, _) in self.refs.items() if c and tokens[first].quote < 0}

    def positions(self, words: frozenset[str]) -> list[int]:
        """The tokens whose lower case is one of ``words``, in order, found once per word set
        (``Discourse.positions``): with ``_in_range``, a few words looked for in every line."""
        found = self._positions.get(words)
        if found is None:
            found = self._positions[words] = self.dis.positions(words)
        return found

    def once(self, key: str, read: Callable[[], _Fact]) -> _Fact:
        """What ``read`` reads from the text alone (the same for every decode, whatever the
        renames between them), read once and kept in ``text_facts`` under ``key``."""
        if key not in self.text_facts:
            self.text_facts[key] = read()
        return cast(_Fact, self.text_facts[key])

    def narration_refs(self) -> Iterator[tuple[int, int]]:
        """The references of the narration (outside quotation marks), in token order: each
        one's first and last token."""
        tokens = self.tokens
        for first in self.refs_in(0, len(tokens)):
            if tokens[first].quote < 0:
                yield first, self.refs[first][0]

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

    def span(self, qi: int) -> tuple[int, int]:
        """The tokens of quotation ``qi`` (an index into ``dis.quotes``): first, and one past
        the last."""
        return self._spans[qi]

    def rename(self, merged: Mapping[str, str]) -> None:
        """Make every reference to a character in ``merged`` one to the character it is."""
        for first, (last, character, kind) in list(self.refs.items()):
            if character is not None and character in merged:
                self.refs[first] = (last, merged[character], kind)
