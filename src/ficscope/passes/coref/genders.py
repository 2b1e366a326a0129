"""Each character's gender. First from the pronouns that follow its name in the narration, voted by
how surely each is its own (``estimate_genders``); then, where those leave it open, from its
given name, its title, and the pronouns and descriptions resolution gave it."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Collection, Mapping, Sequence

from ficscope.lexicon import TITLES, formal_given_names, given_name_genders, word_list
from ficscope.model import Character, Work
from ficscope.passes.coref.descriptions import character_nouns
from ficscope.passes.coref.refs import _QUOTE_MARKS, _REFLEXIVES, Ref, desc_key
from ficscope.passes.discourse import Discourse, Token
from ficscope.passes.name_usage import PRONOUN_TAGS

_SUBJECT_FORMS = PRONOUN_TAGS | {"ey"}  # "he", "she", "they", "xe", "ze", "ey"
# words after "her" that make it an object, not a possessive: "drove her home", "pulled her
# closer", "held her tightly"
_AFTER_AN_OBJECT = frozenset(
    "home away back up down off out in over inside outside there here close closer tight "
    "tighter again too anyway now then aside along forward around".split()
    # a preposition: "Oliver swept her toward the table" says nothing of Oliver (acc24-r21a)
    + "toward towards across through against onto upon past".split()
)
_JOINERS = frozenset(
    ", as and while when but so until because since before after though although".split()
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
