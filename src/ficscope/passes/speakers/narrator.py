"""The first-person narrator: the name others call them (``name_the_narrator``), a story told
by turns (each stretch's teller), a name given by the notes, a header or the lines."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace

from ficscope.lexicon import FEMALE_TITLES, MALE_TITLES, TITLES, word_list
from ficscope.model import NARRATOR, NARRATOR_NAME, Character, Mention, Quote, Work
from ficscope.passes.coref import given_name_gender
from ficscope.passes.name_usage import VOCATIVE_AFTER
from ficscope.passes.pov import POV_LINE_MAX, character_named, notes_pov_names, pov_name, stretch_of
from ficscope.passes.speaker_cues import KIN_VOCATIVES, PARENT_CALLS, CueFinder


def _told_by_turns(finder: CueFinder) -> None:
    """In a story told in the first person by turns, each stretch's teller is its narrator:
    what others call them there ("Sakura-chan!" in Sakura's stretch) is said to the narrator."""
    tokens = finder.tokens
    for first, (last, character, kind) in list(finder.refs.items()):
        stretch = stretch_of(finder.pov, tokens[first].para)
        if stretch is not None and character == stretch.character:
            finder.refs[first] = (last, NARRATOR, kind)


def _narrator_alias(finder: CueFinder) -> None:
    """In a story told in the first person, a name that others only ever say to someone
    ('"Tsukki, be nice," Yamaguchi whispered'), never used in the narration, is the narrator's:
    its mentions become the narrator's before the lines are decoded. Twice at least, in
    paragraphs where the narrator does not act, half sure each where a bare line says it
    ('"That's cruel, Commander."'), surely where the narration shows someone else saying it."""
    if not any(character == NARRATOR for _, character, _ in finder.refs.values()):
        return
    tokens = finder.tokens
    addressed: dict[str, float] = defaultdict(float)
    calls: Counter[str] = Counter()
    narrated: set[str] = set()
    for first, (_last, character, kind) in finder.refs.items():
        if not character or character == NARRATOR:
            continue
        if tokens[first].quote < 0:
            narrated.add(character)
        elif kind == "name":
            quote = finder.dis.quotes[tokens[first].quote]
            a, b = finder.dis.token_at(quote.start), finder.dis.token_at(quote.end)
            if character in finder.vocatives(a, b)[0]:
                surely = _said_by_another(finder, tokens[first].para)
                addressed[character] += surely
                calls[character] += surely > 0
    found = [(n, c) for c, n in addressed.items() if c not in narrated and calls[c] >= 2]
    declared = _pov_character(finder.work)
    if declared is not None:
        found = [(float("inf"), declared)]  # "A/N: Steve POV!": the author says who "I" is
    if not found:
        return
    alias = max(found)[1]
    finder.narrator_alias = alias
    # a title and the surname of the name others call the narrator ("Miss Quinn" for the "Erin
    # Quinn" others call Erin), called out and never in the narration: the narrator too, unless
    # the title is of the other sex than the narrator's given name
    names = {c.id: c.name.split() for c in finder.work.characters}
    surname = names.get(alias, [])[-1:] if len(names.get(alias, [])) >= 2 else []
    by_id = {c.id: c for c in finder.work.characters}
    sex = given_name_gender(by_id[alias]) if alias in by_id else None
    titles = {"m": TITLES - FEMALE_TITLES, "f": TITLES - MALE_TITLES}.get(sex or "", TITLES)
    titled = {
        c: NARRATOR
        for c in addressed
        if c != alias
        and c not in narrated
        and len(names.get(c, [])) == 2
        and names[c][0].lower().rstrip(".") in titles  # "Mr. Quinn" is Erin's father
        and names[c][1:] == surname
    }
    finder.rename({alias: NARRATOR} | titled)


def _pov_names(work: Work) -> list[str]:
    """The names the notes and headers say the story is told by ("Eleanor POV", "Sakura's
    POV": Sakura), in order; and the name of the story's point-of-view lines when they all
    give one (lines giving two, "Y/N's POV" and "Gojo's POV", tell the story by turns)."""
    notes = " ".join(work.text[b.start : b.end] for b in work.blocks if not b.role.is_story)
    lines = {  # "Sakura's POV"
        name
        for b in work.blocks
        if b.role.is_story
        and b.end - b.start <= POV_LINE_MAX
        and (name := pov_name(work.span_text(b)))
    }
    return notes_pov_names(notes) + (list(lines) if len(lines) == 1 else [])


def _pov_character(work: Work) -> str | None:
    """The character a note or header says the story is told by ("Steve POV!", "Sakura's POV",
    "POV: Lucy"), when one named character of the story answers to that name."""
    for name in _pov_names(work):
        if (found := character_named(work.characters, name)) is not None:
            return found
    return None


def _named_by_note(work: Work, characters: list[Character], heard: set[str]) -> list[Character]:
    """The cast with a first-person narrator no one in the story names given the one name the
    notes say the story is told by ("Eleanor POV because she's my favorite"), when that name is
    no common English word, or is one the story's lines call someone by (``heard``: "Sky's
    POV" and '"She's worried about you, Sky."'), and no character of the story answers to it
    (``_pov_character`` joins those)."""
    named = set(_pov_names(work))
    if len(named) != 1 or not any(c.id == NARRATOR for c in characters):
        return characters
    name = named.pop()
    first = name.split()[0].lower()
    if (first in word_list("common_lower") and first not in heard) or first in _form_words(
        characters
    ):
        return characters
    return [
        replace(c, name=name, aliases=(name, *c.aliases)) if c.id == NARRATOR else c
        for c in characters
    ]


_CENTRIC = re.compile(r"^(.+?)[- ]centric$", re.IGNORECASE)  # the tag "Rogue-centric"
_NO_ONE = re.compile(r"[/&|]|\b(?:original|character|characters|ensemble|everyone|various)\b", re.I)


def _named_by_header(work: Work, characters: list[Character]) -> list[Character]:
    """The cast with a first-person narrator still nameless given a name the header lists
    ("Characters: Wren, Dr. Amari"; the tag "Wren-centric") that no character of the story
    answers to: the one "I" stands for, who is never named in the story; when several, the one
    a "-centric" tag gives, else the one the summary names ("Summary: Wren survives her first
    night shift."), else the first listed."""
    narrator = next((c for c in characters if c.id == NARRATOR), None)
    if narrator is None or narrator.name != NARRATOR_NAME:
        return characters
    meta = work.metadata
    centric = [m[1] for t in meta.additional_tags if (m := _CENTRIC.match(t))]
    listed = [*centric, *meta.characters]
    taken = _form_words(characters)
    names = [
        name
        for form in listed
        if (name := form.split("(")[0].strip())
        and not _NO_ONE.search(name)
        and name.split()[0].lower() not in taken
    ]
    if not names:
        return characters
    summary = meta.summary or ""
    in_summary = (n for n in names if re.search(rf"\b{re.escape(n.split()[0])}\b", summary))
    name = names[0] if names[0] in centric else next(in_summary, names[0])
    return [
        replace(c, name=name, aliases=(name, *c.aliases, NARRATOR_NAME)) if c.id == NARRATOR else c
        for c in characters
    ]


# the narrator naming themself in a line: "I'm Hope.", "My name is Wren", "Call me Ishmael"
_SELF_NAMED = re.compile(
    r"\b(?:I'm|I’m|I am|[Mm]y name is|[Mm]y name's|[Mm]y name’s|[Cc]all me|[Nn]ame's|[Nn]ame’s)"
    r" ([A-Z][a-z]+(?:[-'’][A-Za-z]+)?)\b"
)


def _named_by_calls(
    characters: list[Character], own: list[str], called: Counter[str]
) -> tuple[list[Character], set[str]]:
    """The cast with a first-person narrator still nameless (the evaluation, and a reader, know
    a character by name: a nameless narrator is no one) given the name they introduce
    themself by ('"Yeah. I'm Hope."'), else the one others call them most: a word set off by
    commas in someone else's line that names no one speaking ('"Morning, Rogue," Logan said.',
    '"Be careful with that car, Marie."'), once where the narrator answers the call or the
    narration around it acts on "me", else twice. Every such name becomes an alias, and a
    character that is only ever called (never speaks, never in the narration) is the
    narrator's: returns the cast and those characters' ids, to fold into the narrator. Who
    speaks each line stays as it is: only the narrator's name changes."""
    narrator = next((c for c in characters if c.id == NARRATOR), None)
    if narrator is None or narrator.name != NARRATOR_NAME:
        return characters, set()
    forms = _form_words(characters)
    names = [*own, *(n for n, k in called.most_common() if k >= 2)]
    if not names:
        return characters, set()
    folded = {c.id for n in names if (c := forms.get(n.lower())) is not None}
    gone = [c for c in characters if c.id in folded]
    named = replace(
        narrator,
        name=names[0],
        aliases=tuple(
            dict.fromkeys(
                (*names, *(a for c in gone for a in c.aliases), *narrator.aliases, NARRATOR_NAME)
            )
        ),
        mention_count=narrator.mention_count + sum(c.mention_count for c in gone),
    )
    return [named if c.id == NARRATOR else c for c in characters if c.id not in folded], folded


def _form_words(characters: Sequence[Character]) -> dict[str, Character]:
    """Each word of a character's name and aliases (lower case) -> the character."""
    return {w.lower(): c for c in characters for form in (c.name, *c.aliases) for w in form.split()}


def _narrator_calls(
    quotes: list[Quote], finder: CueFinder, characters: list[Character]
) -> tuple[list[str], Counter[str], set[str]]:
    """(the names a first-person narrator gives themself in their lines, the names others call
    them by, each counted twice where the narrator answers the call or the paragraph's
    narration has "me" or "my", once otherwise; every word, lower case, that someone else's
    line calls someone by): see ``_named_by_calls``."""
    own: list[str] = []
    called: Counter[str] = Counter()
    heard: set[str] = set()
    if not any(c.id == NARRATOR for c in characters):
        return own, called, heard
    tokens, dis = finder.tokens, finder.dis
    speaking = {q.speaker for q in quotes if q.speaker and q.depth == 0}
    speaking |= finder.narrated()
    forms = _form_words(characters)
    order = list(zip(dis.quote_index, dis.quotes, strict=True))
    for k, (index, dq) in enumerate(order):
        q = quotes[index]
        if q.speaker is None:
            continue
        if q.speaker == NARRATOR:
            line = finder.work.text[q.start : q.end]
            own += [
                m[1]
                for m in _SELF_NAMED.finditer(line)
                if not _calls_no_name(finder, m[1].lower())
                and ((c := forms.get(m[1].lower())) is None or c.id not in speaking)
            ]
            continue
        a, b = dis.token_at(dq.start), dis.token_at(dq.end)
        for i in range(a + 1, b - 1):
            t = tokens[i]
            if not (
                len(t.text) > 1
                and t.text[:1].isupper()
                and t.text.isalpha()
                and tokens[i - 1].text == ","
                and tokens[i + 1].text in VOCATIVE_AFTER
            ):
                continue
            heard.add(t.lower)
            c = forms.get(t.lower)
            if c is None:
                if (
                    q.addressee not in (None, NARRATOR)
                    or finder.refs.get(i) is not None
                    or _calls_no_name(finder, t.lower)
                ):
                    continue
                name = t.text
            elif c.id not in speaking and q.addressee in (None, NARRATOR, c.id):
                name = c.name
            else:
                continue
            answered = _answered_by_narrator(quotes, finder, order, k)
            called[name] += 2 if answered or _acts_on_me(finder, t.para) else 1
    return own, called, heard


def _answered_by_narrator(
    quotes: list[Quote], finder: CueFinder, order: list[tuple[int, Quote]], k: int
) -> bool:
    """Whether the first line of the paragraph after line ``k``'s is the narrator's."""
    para = finder.tokens[finder.dis.token_at(order[k][1].start)].para
    for index, dq in order[k + 1 :]:
        if finder.tokens[finder.dis.token_at(dq.start)].para != para:
            return quotes[index].speaker == NARRATOR
    return False


def _acts_on_me(finder: CueFinder, para: int) -> bool:
    """Whether a paragraph's narration has the narrator as "me" or "my" ("He tossed me the
    keys.")."""
    paragraph = finder.dis.paragraphs[para]
    return any(
        t.quote < 0 and t.lower in ("me", "my")
        for t in finder.tokens[paragraph.first_token : paragraph.last_token]
    )


def _calls_no_name(finder: CueFinder, word: str) -> bool:
    """Whether a word set off as a call is a kin word, a title or a group rather than a name
    ("Thanks, Dad.", "Yes, Sir.", "Come on, guys.")."""
    return (
        word in KIN_VOCATIVES
        or word in PARENT_CALLS
        or word in TITLES
        or word in finder.titled
        or finder.is_people(word)
    )


def _said_by_another(finder: CueFinder, para: int) -> float:
    """How surely the lines of a paragraph are someone else's than a first-person narrator's:
    not at all when its narration has the narrator act ('I sit down. "Morning, Kacchan."'),
    surely when it has no "I" but someone else ('"Be nice, Tsukki," he said'), half otherwise."""
    paragraph = finder.dis.paragraphs[para]
    narration = [
        t.text
        for t in finder.tokens[paragraph.first_token : paragraph.last_token]
        if t.quote < 0 and t.text[0].isalpha()
    ]
    if "I" in narration:
        return 0.0
    return 1.0 if narration else 0.5


def _tellers(
    quotes: list[Quote], mentions: tuple[Mention, ...], finder: CueFinder
) -> tuple[list[Quote], tuple[Mention, ...]]:
    """The quotations and mentions of a story told by turns with each stretch's narrator
    named: the "I" of Naruto's stretch is Naruto."""
    dis = finder.dis

    def teller(who: str | None, offset: int) -> str | None:
        if who != NARRATOR:
            return who
        stretch = stretch_of(finder.pov, dis.tokens[dis.token_at(offset)].para)
        return stretch.character if stretch is not None else who

    quotes = [
        replace(
            q,
            speaker=teller(q.speaker, q.start),
            addressee=teller(q.addressee, q.start),
            addressees=tuple(a for a in (teller(a, q.start) for a in q.addressees) if a),
        )
        for q in quotes
    ]
    mentions = tuple(replace(m, character=teller(m.character, m.start)) for m in mentions)
    return quotes, mentions


def _counted_tellers(
    characters: list[Character],
    before: tuple[Mention, ...],
    after: tuple[Mention, ...],
    quotes: list[Quote],
) -> list[Character]:
    """The cast with the narrator's mentions that went to a stretch's teller counted as the
    teller's, and the narrator gone when no mention or line of theirs is left."""
    moved = Counter(
        b.character for a, b in zip(before, after, strict=True) if a.character != b.character
    )
    left = sum(1 for m in after if m.character == NARRATOR)
    speaks = any(q.speaker == NARRATOR for q in quotes)
    return [
        replace(c, mention_count=left if c.id == NARRATOR else c.mention_count + moved[c.id])
        for c in characters
        if c.id != NARRATOR or left or speaks
    ]


def _renamed(q: Quote, old: str, new: str) -> Quote:
    if q.speaker != old and q.addressee != old and old not in q.addressees:
        return q
    return replace(
        q,
        speaker=new if q.speaker == old else q.speaker,
        addressee=new if q.addressee == old else q.addressee,
        addressees=tuple(dict.fromkeys(new if a == old else a for a in q.addressees)),
    )


def name_the_narrator(
    quotes: list[Quote], finder: CueFinder, characters: list[Character]
) -> tuple[Character, Character] | None:
    """A first-person narrator is often named only by others: "My dear Watson," said Holmes.
    The name others use most for the narrator, when that name never speaks on its own, is the
    narrator's. Returns (the merged character, the renamed narrator)."""
    by_id = {c.id: c for c in characters}
    narrator = by_id.get(NARRATOR)
    if narrator is None:
        return None
    if finder.narrator_alias in by_id:
        return by_id[finder.narrator_alias], _named(narrator, by_id[finder.narrator_alias])
    votes: Counter[str] = Counter()
    speaking = Counter(q.speaker for q in quotes if q.speaker)
    for index, dq in zip(finder.dis.quote_index, finder.dis.quotes, strict=True):
        q = quotes[index]
        if q.speaker and q.speaker != narrator.id and q.addressee in (narrator.id, None):
            a, b = finder.dis.token_at(dq.start), finder.dis.token_at(dq.end)
            for v in finder.vocatives(a, b)[0]:
                if v != q.speaker and v != narrator.id:
                    votes[v] += 1
    if not votes:
        return None
    best, n = votes.most_common(1)[0]
    if n < 2 or speaking[best] > 0 or best not in by_id:
        return None
    other = by_id[best]
    return other, _named(narrator, other)


def _named(narrator: Character, other: Character) -> Character:
    return replace(
        narrator,
        name=other.name,
        aliases=tuple(dict.fromkeys((*other.aliases, *narrator.aliases))),
        pronouns=other.pronouns or narrator.pronouns,
        mention_count=narrator.mention_count + other.mention_count,
    )
