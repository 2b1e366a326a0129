"""Titles that name one character: a title of office ("the judge" of a story whose one judge is
Judge Miller, with the fandom pack's titled names), a calling title used alone ("Captain"),
kinship titles ("Aunt Polly", "Mom"), a title the story always capitalises ("the Doctor"), and
a one-word name written after "the" ("the Seeker")."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from ficscope.fandoms import fold
from ficscope.lexicon import word_list
from ficscope.model import Character, Work
from ficscope.passes.coref.refs import Ref
from ficscope.passes.coref.story_descriptions import _decide_descriptions
from ficscope.passes.discourse import Discourse
from ficscope.passes.known_cast import KnownCast

_OFFICES = frozenset(
    "captain capt colonel col general sergeant sgt lieutenant lt major admiral commander "
    "inspector detective doctor dr professor prof judge reverend rev count master sheriff "
    "constable marshal duke duchess".split()
)  # a duke is his duchy's one, as a sheriff is his county's: "the Duke" of "Duke Leto"


# Titles a character is called by alone ("Yes, Captain.", "Thanks, sensei."): before a name
# ("Captain Holt") or joined after it ("Kakashi-sensei").
CALLING_TITLES = frozenset(
    "captain colonel general sergeant lieutenant major admiral commander inspector detective "
    "doctor professor judge master coach sensei senpai sempai sheriff constable chief officer "
    "agent marshal deputy duke duchess".split()
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
    # "my Lady", "my lord": the house's one titled lady or lord, as her people speak of her
    held.update(("my " + t, cid) for t, cid in _sole_holders(characters, _NOBLE).items())
    return held


_NOBLE = frozenset({"lady", "lord"})


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
