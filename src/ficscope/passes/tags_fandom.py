"""Which fandom a work belongs to: from declared metadata, from disclaimers ("I don't own anything
Naruto" names the fandom, pack or no pack), and from the cast and vocabulary a fandom pack knows."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from ficscope.fandoms import Pack, find_pack, fold, load_packs, per_pack
from ficscope.model import BlockRole, Evidence, Work
from ficscope.passes.proof_lexicon import EnglishLexicon, english, pack_words
from ficscope.passes.tags_text import Words, find_phrase, story_vocabulary, story_words

# "I don't own anything Naruto", "I do not own Harry Potter or its characters", "We don't own..."
_DONT_OWN = re.compile(
    r"\b(?:I|we)\s+(?:(?:do|did|will)\s*n[o']?t|don[’']?t|dont|(?:do\s+)?not|never)\s+"
    r"(?:(?:and\s+)?(?:never\s+)?(?:will|did|shall)\s+)?(?:\w+\s+)?own\b[\s:,]*(?P<tail>[^\n]{1,120})",
    re.IGNORECASE,
)
# "Naruto belongs to Kishimoto", "Harry Potter is the property of J. K. Rowling"
_BELONGS = re.compile(
    r"(?P<name>[A-Z0-9][\w'’:!&.\- ]{0,60}?)\s+(?:and\s+(?:all\s+)?(?:its|it's|their|the)\s+"
    r"characters\s+)?(?:belongs?|is|are)\s+(?:not\s+mine|(?:the\s+)?(?:property|copyright)\s+of|"
    r"owned\s+by|(?:solely\s+)?to)\b"
)
# Where a sentence ends, before or after the name a disclaimer gives ("I own nothing. Harry
# Potter belongs to ...", "I don't own Avatar. If I did, ..."): after a word's last letters,
# not after an initial or a title ("J.K. Rowling", "Mr. Robot", "Mrs. Davis")
_NEXT_SENTENCE = re.compile(r"(?<=[a-z]{2}[.!?])(?<!Mrs\.)\s+(?=[A-Z0-9])")
_DISCLAIMER_LABEL = re.compile(r"^\s*disclaimer\s*[:\-–—]\s*", re.IGNORECASE)
_LEADING = re.compile(
    r"^(?:(?:anything|any|all|of|the|characters?|rights?|to|from|in|related|associated|with|"
    r"affiliated|or|and|its|their|world|universe|franchise|series|story|that|is|are|this|"
    r"these|those|them|it|own|recognizable|recognisable|mentioned|here)\s+)+",
)  # lower case only: a capitalised "The" belongs to a title ("The Witcher")
_NAME = re.compile(
    r"(?P<name>[A-Z0-9][\w'’!&.\-]*(?:(?:\s+|:\s*|\s*[-–]\s*)(?:of|the|and|&|in|no|[A-Z0-9][\w'’!&.\-]*))*)"
)
_NOT_A_FANDOM = frozenset(
    "i we it this that these those they he she all everything nothing anything the characters "
    "character disclaimer characters story plot ideas idea them own mine".split()
)
_PACK_NAME_WORDS = 5  # the longest fandom name looked for in a lower-case disclaimer
_TRAILING = re.compile(r"(?:\s+(?:of|the|and|&|in|no))+$|(?<!!)!$|[\s.:,-]+$")


@dataclass(frozen=True, slots=True)
class FandomGuess:
    """A fandom the work belongs to, and why."""

    name: str  # the archive's tag when a pack knows it, else the name as written
    confidence: float
    pack: Pack | None = None
    evidence: tuple[Evidence, ...] = ()
    declared: bool = False
    sources: tuple[str, ...] = field(default=())  # "declared", "disclaimer", "cast", "terms"


def header_blocks(work: Work) -> list[tuple[int, int]]:
    """Blocks where authors put disclaimers: disclaimers, notes, metadata, and the first and last
    few blocks of every chapter."""
    spans: set[tuple[int, int]] = set()
    roles = (BlockRole.DISCLAIMER, BlockRole.AUTHOR_NOTE, BlockRole.METADATA)
    for block in work.blocks:
        if block.role in roles:
            spans.add((block.start, block.end))
    for chapter in work.chapters or ():
        inside = [b for b in work.blocks if chapter.start <= b.start < chapter.end]
        for block in inside[:4] + inside[-3:]:
            spans.add((block.start, block.end))
    if not work.chapters:
        for block in work.blocks[:4] + work.blocks[-3:]:
            spans.add((block.start, block.end))
    return sorted(spans)


def _clean_name(raw: str) -> str | None:
    raw = _LEADING.sub("", raw.strip(" \t:-–—\"'“”"))
    match = _NAME.match(raw)
    if not match:
        return None
    name = _TRAILING.sub("", match.group("name")).strip()
    if not name or fold(name) in _NOT_A_FANDOM or len(name) > 60 or len(name.split()) > 7:
        return None
    return name


def _lower_case_pack_name(tail: str) -> str | None:
    """A fandom a pack knows, named in lower case ("i dont own bnha!! horikoshi does", "i do not
    own the witcher"): the longest run of the tail's first words that names a pack. Without a
    pack a lower-case name is not told from the sentence's other words."""
    words = _LEADING.sub("", tail.strip(" \t:-–—\"'“”")).split()[:_PACK_NAME_WORDS]
    for n in range(len(words), 0, -1):
        name = " ".join(words[:n])
        cut = re.split(r"[,.;]\s", name + " ")[0].strip()
        if cut != name.rstrip(",.;") or len(fold(name)) < 3 or fold(name) in _NOT_A_FANDOM:
            continue  # the run crosses a comma or a sentence's end, or is too short to tell
        if find_pack(name) is not None and name in tail:
            return name.rstrip(",.;")
    return None


def disclaimer_fandoms(work: Work) -> list[tuple[str, int, int]]:
    """``(name, start, end)`` of every fandom a disclaimer names."""
    text = work.text
    found: list[tuple[str, int, int]] = []
    for start, end in header_blocks(work):
        chunk = text[start:end]
        for match in _DONT_OWN.finditer(chunk):
            tail = _NEXT_SENTENCE.split(match.group("tail"))[0]  # "Avatar. If I did, ..."
            name = _clean_name(tail) or _lower_case_pack_name(tail)
            if name:
                offset = start + match.start("tail") + tail.find(name)
                found.append((name, offset, offset + len(name)))
        for match in _BELONGS.finditer(chunk):
            raw = _DISCLAIMER_LABEL.sub("", match.group("name"))
            raw = _NEXT_SENTENCE.split(raw)[-1]  # "I own nothing. Harry Potter belongs to ..."
            lead = len(match.group("name")) - len(raw)
            name = _clean_name(raw)
            if name and re.search(r"disclaim|own|belong|propert|copyright", chunk, re.I):
                offset = start + match.start("name") + lead + raw.find(name)
                found.append((name, offset, offset + len(name)))
    return found


def _cast_names(work: Work) -> list[tuple[str, int]]:
    """Names the work uses for its characters, with how often each character is mentioned."""
    return [(c.name, c.mention_count + c.quote_count) for c in work.characters] + [
        (alias, c.mention_count) for c in work.characters for alias in c.aliases if alias != c.name
    ]


def _text_names(work: Work, pack: Pack) -> Counter[str]:
    """Pack character names found in the story text (when no characters layer is there)."""
    tokens = story_words(work)
    vocabulary = set(tokens.forms)
    found: Counter[str] = Counter()
    for character in pack.characters:
        for name in character.names:
            first = name.split()[0]
            if name[:1].isupper() and first in vocabulary:
                count = _count_phrase(tokens, name)
                if count:
                    found[name] += count
    return found


def _count_phrase(tokens: Words, phrase: str) -> int:
    parts = phrase.split()
    n = 0
    for i, form in enumerate(tokens.forms):
        if form == parts[0] and tokens.forms[i : i + len(parts)] == parts:
            n += 1
    return n


def _distinctive(name: str, lex: EnglishLexicon) -> bool:
    """A name few stories outside the fandom use: a full name, or a word English does not have."""
    words = fold(name).split()
    return len(words) > 1 or (bool(words) and not lex.known(words[0]))


def cast_score(
    work: Work, pack: Pack, paragraphs: Sequence[tuple[int, int]]
) -> tuple[float, list[Evidence], list[str]]:
    """How strongly the cast and vocabulary point at ``pack``: (score, evidence, sources)."""
    lex = english()
    matched: dict[str, int] = {}  # pack character name -> mentions
    distinctive: set[str] = set()
    if work.characters:
        for name, count in _cast_names(work):
            if not all(w[:1].isupper() for w in name.split()):
                continue  # "the woman" is no name
            character = pack.character(name, epithets=False)
            if character is not None and count >= 2:
                matched[character.name] = max(matched.get(character.name, 0), count)
                if _distinctive(name, lex):
                    distinctive.add(character.name)
    else:
        for name, count in _text_names(work, pack).items():
            character = pack.character(name, epithets=False)
            if character is not None and count >= 2:
                matched[character.name] = matched.get(character.name, 0) + count
                if _distinctive(name, lex):
                    distinctive.add(character.name)
    evidence: list[Evidence] = []
    sources: list[str] = []
    score = 0.0
    if matched:
        sources.append("cast")
        score += 0.2 * len(matched) + 0.15 * len(distinctive)
        for name in sorted(matched, key=lambda n: -matched[n])[:3]:
            span = _first_mention(work, pack, name)
            if span:
                evidence.append(
                    Evidence(span[0], span[1], f"{name} is a character of {pack.fandom}")
                )
    hits = _term_hits(work, pack, paragraphs)
    if hits:
        sources.append("terms")
        score += min(0.1 * len(hits), 0.4)
        for term, (start, end) in list(hits.items())[:2]:
            evidence.append(Evidence(start, end, f"'{term}' is {pack.fandom} vocabulary"))
    # Common first names ("Mary", "John") are shared by many fandoms and stories: it takes two
    # names only this fandom uses, or one with the fandom's own vocabulary, or much vocabulary.
    strong = len(distinctive) >= 2 or (distinctive and hits) or len(hits) >= 3
    if len(matched) < 2 or not strong:
        return 0.0, [], []
    return score, evidence, sources


def _first_mention(work: Work, pack: Pack, name: str) -> tuple[int, int] | None:
    character = next(c for c in pack.characters if c.name == name)
    found = [
        f
        for f in (find_phrase(work, n, cased=True) for n in character.names if n[:1].isupper())
        if f
    ]
    return min(found) if found else None


def _term_hits(
    work: Work, pack: Pack, paragraphs: Sequence[tuple[int, int]]
) -> dict[str, tuple[int, int]]:
    """Pack terms that are not everyday English, with where each first occurs."""
    vocabulary = story_vocabulary(work)
    hits: dict[str, tuple[int, int]] = {}
    for term, words_of in rare_terms(pack):
        if not all(w in vocabulary for w in words_of):
            continue
        found = find_phrase(work, term)
        if found:
            hits[term.lower()] = found
    return hits


@per_pack
def rare_terms(pack: Pack) -> list[tuple[str, list[str]]]:
    """The pack's terms that are not everyday English, with their words (lower case), worked
    out once."""
    lex = pack_words()
    return [
        (term, term.lower().replace("-", " ").split())
        for term in pack.terms
        if len(term) > 3 and not lex.known(term.lower())
    ]


def identify_fandoms(work: Work, packs: Sequence[Pack] | None = None) -> list[FandomGuess]:
    """Every fandom the work shows, most certain first."""
    packs = load_packs() if packs is None else packs
    paragraphs = [(b.start, b.end) for b in work.blocks if b.role is BlockRole.PARAGRAPH]
    guesses: dict[str, FandomGuess] = {}

    def add(guess: FandomGuess) -> None:
        key = fold(guess.name)
        old = guesses.get(key)
        if old is None:
            guesses[key] = guess
            return
        guesses[key] = FandomGuess(
            name=old.name,
            confidence=min(0.99, max(old.confidence, guess.confidence) + 0.05),
            pack=old.pack or guess.pack,
            evidence=old.evidence + guess.evidence,
            declared=old.declared or guess.declared,
            sources=tuple(dict.fromkeys(old.sources + guess.sources)),
        )

    for name in work.metadata.fandoms:
        pack = find_pack(name, packs)
        add(FandomGuess(pack.fandom if pack else name, 0.95, pack, (), True, ("declared",)))
    for name, start, end in disclaimer_fandoms(work):
        pack = find_pack(name, packs)
        note = f"disclaimer names {name}"
        add(
            FandomGuess(
                pack.fandom if pack else name,
                0.9,
                pack,
                (Evidence(start, end, note),),
                False,
                ("disclaimer",),
            )
        )
    for pack in packs:
        score, evidence, sources = cast_score(work, pack, paragraphs)
        if score >= 0.5:
            add(
                FandomGuess(
                    pack.fandom,
                    min(0.95, 0.3 + score * 0.6),
                    pack,
                    tuple(evidence),
                    False,
                    tuple(sources),
                )
            )
    return sorted(guesses.values(), key=lambda g: -g.confidence)


def work_packs(work: Work, packs: Sequence[Pack] | None = None) -> list[Pack]:
    """The packs of the fandoms the work belongs to."""
    return [g.pack for g in identify_fandoms(work, packs) if g.pack is not None]
