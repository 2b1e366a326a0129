"""The tags pass: every archive tag type suggested from the text, each with evidence and a
confidence, marked against what the author declared (which is never changed).

- fandom         declared fandoms, disclaimers, and the cast and vocabulary of a fandom pack
- rating         the strongest content present (tags_content)
- warning        archive warnings only with evidence, else "No Archive Warnings Apply"
- category       from the romantic relationships and the characters' pronouns
- relationship   from the relationships layer, main pairing first: "A/B" romantic, "A & B" not
- character      the cast, most prominent first, under a pack's canonical names when known
- freeform       a useful set of additional tags (tags_freeform)
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from ficscope.fandoms import Pack, PackCharacter, fold, load_packs
from ficscope.model import (
    BlockRole,
    Category,
    Character,
    Evidence,
    Relationship,
    TagSuggestion,
    TagType,
    Work,
)
from ficscope.passes.tags_fandom import FandomGuess, identify_fandoms
from ficscope.pipeline import register

MIN_PROMINENCE = 3  # mentions + lines for a character tag
RELATIVE_PROMINENCE = 0.01  # ... and at least this share of the most prominent character's
MAX_CHARACTERS = 12
# A character only ever called by a title ("the Severer") is tagged only when it is a lead
# ("the Doctor"), this share of the most prominent character's weight at least.
TITLE_PROMINENCE = 0.3
MIN_PLATONIC_CONFIDENCE = 0.5
_NOT_NAMES = frozenset("the a an his her their my your our its this that these those some".split())


@register("tags", requires=("relationships",), assigns=("tags",))
def tags_pass(work: Work) -> Work:
    """Suggest archive tags of every type, with evidence; declared tags are kept as they are."""
    return work.with_layers("tags", tags=tuple(suggest_tags(work)))


def suggest_tags(work: Work, *, packs: Sequence[Pack] | None = None) -> list[TagSuggestion]:
    # imported here, not for every run: their patterns are compiled only for a run that tags
    from ficscope.passes.tags_content import scan, suggest_rating, suggest_warnings
    from ficscope.passes.tags_declared import mark
    from ficscope.passes.tags_freeform import suggest_freeforms

    packs = load_packs() if packs is None else packs
    fandoms = identify_fandoms(work, packs)
    fandom_packs = [g.pack for g in fandoms if g.pack is not None]
    content = scan(work)
    cast = Cast(work, fandom_packs)
    suggestions: list[TagSuggestion] = []
    suggestions += fandom_tags(fandoms)
    if any(b.role is BlockRole.PARAGRAPH for b in work.blocks):  # no story, nothing to rate
        suggestions.append(suggest_rating(content, work.text))
        suggestions += suggest_warnings(work, content)
    suggestions += category_tags(work.relationships, cast)
    suggestions += relationship_tags(work.relationships, cast)
    suggestions += character_tags(work, cast)
    suggestions += suggest_freeforms(work, content, work.relationships)
    return [mark(s, work.metadata) for s in suggestions]


def fandom_tags(fandoms: Sequence[FandomGuess]) -> list[TagSuggestion]:
    return [
        TagSuggestion(g.name, TagType.FANDOM, round(g.confidence, 2), g.evidence) for g in fandoms
    ]


class Cast:
    """The work's characters under their canonical names, with pronouns (the text's, else the
    pack's) and whether each is a person at all (a pack may know "Hokage" is a title)."""

    def __init__(self, work: Work, packs: Sequence[Pack]) -> None:
        self.by_id = {c.id: c for c in work.characters}
        self.packs = packs

    def canonical(self, character: Character) -> PackCharacter | None:
        """The pack character this one is: by its name, else by its most used proper alias."""
        names = [character.name] + [
            a
            for a in character.aliases
            if a != character.name and all(w[:1].isupper() for w in a.split())
        ]
        for name in names:
            for pack in self.packs:
                found = pack.character(name, epithets=False)
                if found is not None:
                    return found
        return None

    def name(self, character: Character) -> str:
        found = self.canonical(character)
        return found.name if found is not None else character.name

    def pronouns(self, character: Character) -> str | None:
        if character.pronouns:
            return character.pronouns
        found = self.canonical(character)
        return found.pronouns if found is not None else None

    def is_person(self, character: Character) -> bool:
        first = character.name.split()[0].lower() if character.name.split() else ""
        if not character.name[:1].isupper() or first in _NOT_NAMES:
            return False  # "the tracker", "His superior": described, not named
        for pack in self.packs:
            if pack.character(character.name) is not None:
                return True
            key = fold(character.name)
            if key in pack.term_forms or any(fold(t) == key for t in pack.terms):
                return False  # a title, a place or a word of the fandom, not a character
        return True


def character_tags(work: Work, cast: Cast) -> list[TagSuggestion]:
    first_mention: dict[str, Evidence] = {}
    for mention in work.mentions:
        if mention.kind == "name" and mention.character and mention.character not in first_mention:
            first_mention[mention.character] = Evidence(mention.start, mention.end, None)
    titles = _titles_only(work)
    merged: dict[str, tuple[int, Character]] = {}
    for character in work.characters:
        weight = character.mention_count + character.quote_count
        if weight < MIN_PROMINENCE or not cast.is_person(character):
            continue
        name = cast.name(character)
        old = merged.get(name)
        merged[name] = (weight + (old[0] if old else 0), old[1] if old else character)
    ranked = sorted(merged.items(), key=lambda kv: -kv[1][0])
    top = ranked[0][1][0] if ranked else 0
    found = []
    ranked = [
        (name, (weight, c))
        for name, (weight, c) in ranked
        if c.id not in titles or weight >= TITLE_PROMINENCE * top or cast.canonical(c)
    ]
    for name, (weight, character) in ranked[:MAX_CHARACTERS]:
        if weight < RELATIVE_PROMINENCE * top:
            break
        first = first_mention.get(character.id)
        note = f"{character.mention_count} mentions, {character.quote_count} lines of dialogue"
        evidence = (Evidence(first.start, first.end, note),) if first else ()
        confidence = min(0.95, 0.45 + 0.1 * math.log2(weight))
        found.append(TagSuggestion(name, TagType.CHARACTER, round(confidence, 2), evidence))
    return found


_TITLE_LEADS = frozenset({"the", "a", "an", "this", "that"})


def _titles_only(work: Work) -> set[str]:
    """Characters whose name the story only ever uses as a title, after "the" or an owner
    ("The Severer growled", "Hidden Mist's Severer"): a rank or an office, no name to tag."""
    titled: dict[str, bool] = {}
    for m in work.mentions:
        if m.kind != "name" or not m.character:
            continue
        before = work.text[max(0, m.start - 40) : m.start].split()
        lead = before[-1].lower() if before else ""
        title = lead in _TITLE_LEADS or lead.endswith(("'s", "’s"))
        titled[m.character] = titled.get(m.character, True) and title
    return {cid for cid, only in titled.items() if only}


def relationship_tags(relationships: Sequence[Relationship], cast: Cast) -> list[TagSuggestion]:
    found: list[TagSuggestion] = []
    seen: set[str] = set()
    for r in relationships:
        a, b = cast.by_id.get(r.source), cast.by_id.get(r.target)
        if a is None or b is None or not (cast.is_person(a) and cast.is_person(b)):
            continue
        if not r.romantic and r.confidence < MIN_PLATONIC_CONFIDENCE:
            continue
        joiner = "/" if r.romantic else " & "
        tag = f"{cast.name(a)}{joiner}{cast.name(b)}"
        if tag in seen:
            continue
        seen.add(tag)
        kinds = ", ".join(r.kinds)
        evidence = tuple(Evidence(e.start, e.end, e.note or kinds) for e in r.evidence)
        found.append(TagSuggestion(tag, TagType.RELATIONSHIP, r.confidence, evidence))
    return found


def _gender(pronouns: str | None) -> str | None:
    if not pronouns:
        return None
    first = pronouns.split("/")[0].strip().lower()
    return {"she": "F", "he": "M"}.get(first, "O")


def category_tags(relationships: Sequence[Relationship], cast: Cast) -> list[TagSuggestion]:
    romantic = [
        r for r in relationships if r.romantic and r.source in cast.by_id and r.target in cast.by_id
    ]
    if not romantic:
        if not cast.by_id:
            return []
        return [TagSuggestion(Category.GEN.value, TagType.CATEGORY, 0.65, ())]
    found: dict[str, TagSuggestion] = {}
    partners: dict[str, int] = {}
    for r in romantic:
        a, b = cast.by_id[r.source], cast.by_id[r.target]
        partners[a.id] = partners.get(a.id, 0) + 1
        partners[b.id] = partners.get(b.id, 0) + 1
        genders = sorted(g for g in (_gender(cast.pronouns(a)), _gender(cast.pronouns(b))) if g)
        if len(genders) < 2:
            continue
        category = {"FM": Category.FM, "FF": Category.FF, "MM": Category.MM}.get(
            "".join(genders), Category.OTHER
        )
        from_text = bool(a.pronouns and b.pronouns)
        confidence = round(r.confidence * (0.95 if from_text else 0.85), 2)
        note = f"{cast.name(a)} ({cast.pronouns(a)}) and {cast.name(b)} ({cast.pronouns(b)})"
        evidence = tuple(Evidence(e.start, e.end, note) for e in r.evidence[:1])
        if category.value not in found or found[category.value].confidence < confidence:
            found[category.value] = TagSuggestion(
                category.value, TagType.CATEGORY, confidence, evidence
            )
    if any(n >= 2 for n in partners.values()):
        found[Category.MULTI.value] = TagSuggestion(Category.MULTI.value, TagType.CATEGORY, 0.6, ())
    return sorted(found.values(), key=lambda s: -s.confidence)
