"""The coreference pass: pronouns and "the + noun" descriptions in narration linked to the
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

This module runs the steps (``coref_pass``); each lives in a module of its own:

    refs                the Ref record; names, pronouns and the narrator's "I" or "you"
    descriptions        finding "the + noun" descriptions; whether an indefinite one takes part
    genders             each character's gender: the pronouns after its name, given names,
                        titles, and what resolution gave it
    titles              titles of office and kinship that name one character ("the judge")
    story_descriptions  a description decided for the whole story ("the copy-nin" is Kakashi)
    resolve             the walk in text order that resolves every pronoun and description
    salience            the salience list: scenes, recent characters, the likeliest antecedent
    clauses             who a pronoun is, or cannot be, from its own sentence
    calls               the names lines call, and the pronoun answering or hailed after them
    kinship             "his wife", "her sister", "her visitor": whom kin and partners are
    newcomers           unnamed people: someone new, or the one met before
    traits              descriptions by a trait: hair colour, "silver-haired", "the Mist ninja"
    cast                the cast from the resolved references: characters folded into one,
                        voices given owners, unnamed characters, the narrator"""

from __future__ import annotations

from collections import Counter, defaultdict

from ficscope.model import Mention, Work
from ficscope.passes.coref.cast import (
    _describe_cast,
    _merge_characters,
    _narrator_character,
    _spoken_only,
    fold_characters,
    give_voices_owners,
    titled_surnames,
)
from ficscope.passes.coref.descriptions import appositions, description_heads, find_descriptions
from ficscope.passes.coref.genders import (
    _described_genders,
    _resolved_genders,
    _title_genders,
    estimate_genders,
    given_name_gender,
    name_genders,
)
from ficscope.passes.coref.kinship import called_miss, kinship_keys
from ficscope.passes.coref.refs import (
    _SECOND_PERSON,
    Ref,
    guessed_at,
    name_refs,
    narrator_refs,
    pronoun_refs,
    remembered,
)
from ficscope.passes.coref.resolve import resolve
from ficscope.passes.coref.salience import scene_starts
from ficscope.passes.coref.titles import (
    _called_master,
    _capitalised_titles,
    _titles_used_as_names,
    _with_pack_titles,
    bare_titles,
    kin_titles,
    title_holders,
    title_names,
)
from ficscope.passes.discourse import Discourse, discourse
from ficscope.passes.known_cast import declared_pronouns, known_cast
from ficscope.pipeline import register

__all__ = [
    "coref_pass",
    "fold_characters",
    "given_name_gender",
    "guessed_at",
    "remembered",
    "scene_starts",
    "title_names",
]


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
    misses = called_miss(work.characters)
    titles, calls = kin_titles(work.characters), title_names(work.characters)
    genders = dict(estimated)
    parents: set[str] = set()
    narrator = narrator_refs(dis)
    told = any(r.text.lower() in _SECOND_PERSON for r in narrator[:1])  # to "you"

    def resolve_all(genders: dict[str, str]) -> list[Ref]:
        return resolve(
            dis, names, descriptions, pronouns, genders, starts, kinship, epithets, titles,
            by_name, calls, parents, told, taught, misses=misses,
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


def _end(dis: Discourse, ref: Ref) -> int:
    return (
        dis.tokens[ref.first].start + len(ref.text)
        if ref.kind == "epithet"
        else dis.tokens[ref.last].end
    )
