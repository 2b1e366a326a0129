"""From resolved references to the cast: characters that are one folded together ("Mr. Linden" is
John Linden), voices given their owners, characters with their pronouns and description
aliases, unnamed characters named by the phrase that introduced them, and the narrator."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace

from ficscope.lexicon import TITLES, is_verb_like
from ficscope.model import NARRATOR, NARRATOR_NAME, Character, Mention, Work
from ficscope.passes.coref.descriptions import _DESCRIBING_PREPOSITIONS, _GENERIC_HEADS, _RELATIVES
from ficscope.passes.coref.refs import _INDEFINITE, _POSSESSIVE_DETERMINERS, _SECOND_PERSON, Ref
from ficscope.passes.discourse import Discourse

_PRONOUN_LABEL = {"m": "he/him", "f": "she/her", "p": "they/them"}
_INDEFINITE_WORDS = _INDEFINITE | {"one", "another", "some"}

_READER_NAMES = re.compile(r"\b[YyFf]/[Nn]\b")  # "Y/N", "F/N": the reader's own name goes here


def _narrator_character(text: str, refs: list[Ref]) -> Character:
    """The narrator: "I", or in a story told to "you", the Reader (the archive's name for a
    reader-insert's protagonist), whose name the text may leave blank ("Happy birthday, Y/N.")."""
    if refs[0].text.lower() not in _SECOND_PERSON:
        return Character(NARRATOR, NARRATOR_NAME, ("I",), None, len(refs))
    blank = _READER_NAMES.search(text)
    aliases = ("you", blank.group()) if blank else ("you",)
    return Character(NARRATOR, "Reader", aliases, None, len(refs))


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
