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

from collections import Counter, defaultdict
from dataclasses import dataclass, replace

from ficscope.lexicon import (
    FEMALE_PRONOUNS,
    MALE_PRONOUNS,
    NEO_PRONOUNS,
    PLURAL_PRONOUNS,
    gendered_list,
    word_list,
)
from ficscope.model import Character, Mention, Work
from ficscope.passes.discourse import Discourse, discourse
from ficscope.pipeline import register

_GENDER_OF = {w: "m" for w in MALE_PRONOUNS} | {w: "f" for w in FEMALE_PRONOUNS} | {
    w: "p" for w in PLURAL_PRONOUNS
}
_PRONOUN_LABEL = {"m": "he/him", "f": "she/her", "p": "they/them"}
_DETERMINERS = frozenset({"the", "that", "this"})
_MAX_DESC_WORDS = 5
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


def name_refs(work: Work, dis: Discourse) -> list[Ref]:
    refs = []
    for m in work.mentions:
        if m.kind != "name":
            continue
        first = dis.token_at(m.start)
        last = dis.token_at(m.end) - 1
        if first <= last:
            refs.append(Ref(first, last, m.character, "name", text=work.text[m.start : m.end]))
    return refs


def description_heads(dis: Discourse, names: set[int]) -> set[str]:
    """Nouns this story uses for people: English person nouns, plus uncommon words it makes the
    subject of speech verbs ("the copy-nin yelled", "the konoichi whispered")."""
    nouns = gendered_list("person_nouns")
    common = word_list("common_lower")
    speech = word_list("speech_verbs")
    heads = set(nouns)
    votes: Counter[str] = Counter()
    tokens = dis.tokens
    for i, tok in enumerate(tokens):
        if tok.lower not in _DETERMINERS or tok.quote >= 0:
            continue
        j = i + 1
        while j < len(tokens) and j - i <= _MAX_DESC_WORDS and tokens[j].text[0].isalpha() and j not in names:
            nxt = tokens[j + 1] if j + 1 < len(tokens) else None
            if nxt is not None and nxt.lower in speech and nxt.para == tok.para:
                head = tokens[j].lower.rstrip("'’s") if tokens[j].lower.endswith(("'s", "’s")) else tokens[j].lower
                if head not in common:
                    votes[head] += 1
                break
            j += 1
    stop = word_list("name_stopwords") | word_list("function_words")
    heads |= {h for h, n in votes.items() if n >= 1 and h not in stop and not h.endswith("ly")}
    return heads


def find_descriptions(dis: Discourse, heads: set[str], names: set[int]) -> list[Ref]:
    """"the [modifiers] head" spans in narration whose head is a person noun."""
    nouns = gendered_list("person_nouns")
    stop = word_list("name_stopwords") | word_list("function_words")
    tokens = dis.tokens
    refs = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.lower not in _DETERMINERS or tok.quote >= 0:
            i += 1
            continue
        best = -1
        j = i + 1
        while j < len(tokens) and j - i <= _MAX_DESC_WORDS and tokens[j].para == tok.para:
            word = tokens[j]
            if not word.text[0].isalpha() or j in names:
                if word.text == "-" :
                    j += 1
                    continue
                break
            base = word.lower[:-2] if word.lower.endswith(("'s", "’s")) else word.lower
            if base in stop:
                break
            if base in heads:
                best = j
                if word.lower != base:
                    break
            elif best >= 0:
                break
            j += 1
        if best >= 0:
            head = tokens[best].lower
            head = head[:-2] if head.endswith(("'s", "’s")) else head
            text = dis.text[tok.start : tokens[best].end]
            if text.endswith(("'s", "’s")):
                text = text[:-2]
            refs.append(Ref(i, best, None, "epithet", gender=nouns.get(head), text=text))
            i = best + 1
        else:
            i += 1
    return refs


def pronoun_refs(dis: Discourse) -> list[Ref]:
    refs = []
    for i, tok in enumerate(dis.tokens):
        if tok.quote >= 0:
            continue
        gender = _GENDER_OF.get(tok.lower) or (NEO_PRONOUNS.get(tok.lower) if tok.lower in NEO_PRONOUNS else None)
        if gender is not None:
            refs.append(Ref(i, i, None, "pronoun", gender=gender, text=tok.text))
    return refs


_SUBJECT_FORMS = frozenset({"he", "she", "they", "xe", "ze", "ey"})
_JOINERS = frozenset({",", "as", "and", "while", "when", "but", "so", "until", "because", "since", "before", "after"})
_REFLEXIVES = frozenset({"himself", "herself", "themselves", "themself", "xemself", "zirself", "emself"})


def estimate_genders(dis: Discourse, refs: list[Ref]) -> dict[str, str]:
    """Gender of each named character (and each description text) from the pronouns that follow
    it in narration before another character is referred to.

    Subject pronouns and reflexives after a name are strong votes; possessives and objects weak
    ones (in "Sakura searched his face" the "his" is someone else). Votes are compared with how
    common each pronoun is in the story, so a two-person story does not give everyone one gender.
    """
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    loose: dict[str, Counter[str]] = defaultdict(Counter)
    tokens = dis.tokens
    ordered = sorted(refs, key=lambda r: r.first)
    for k, ref in enumerate(ordered):
        if ref.kind == "pronoun" or tokens[ref.first].quote >= 0:
            continue
        key = ref.character if ref.kind == "name" else desc_key(ref.text)
        if key is None:
            continue
        sent = tokens[ref.first].sent
        for nxt in ordered[k + 1 : k + 4]:
            if nxt.kind != "pronoun":
                break
            nt = tokens[nxt.first]
            if nt.sent > sent + 1 or nt.para != tokens[ref.first].para:
                break
            word = nt.lower
            weight = 0.0
            if word in _REFLEXIVES and nt.sent == sent:
                weight = 1.0  # "Sakura ... herself"
            elif nxt.first == ref.last + 2 and nt.sent == sent:
                weight = 1.0  # "Sakura bit her lip": name, verb, pronoun
            elif nt.sent == sent + 1 and nt.sent_start:
                weight = 0.7 if word in _SUBJECT_FORMS else 0.4  # "Sakura fell. She ..."
            elif nt.sent == sent and word in _SUBJECT_FORMS and tokens[nxt.first - 1].lower in _JOINERS:
                weight = 0.7  # "Sakura explained as she ..."
            if weight:
                votes[key][nxt.gender or "?"] += weight
            loose[key][nxt.gender or "?"] += 1.0 if word in _SUBJECT_FORMS else 0.3
            break
    names_only = {k: v for k, v in loose.items() if not k.startswith("desc:")}
    genders = _decide(names_only, min_votes=1.5)
    genders.update(_decide(votes, min_votes=0.7))
    return genders


def desc_key(text: str) -> str:
    """Descriptions vote by their head noun: "the tired medic" and "the medic" share a gender."""
    return "desc:" + text.lower().split()[-1]


def _decide(votes: dict[str, Counter[str]], *, min_votes: float) -> dict[str, str]:
    total: Counter[str] = Counter()
    for counter in votes.values():
        total.update(counter)
    grand = sum(total.values()) or 1.0
    genders = {}
    for key, counter in votes.items():
        n_all = sum(counter.values())
        if n_all < min_votes:
            continue
        # Share of each pronoun near this character relative to its share in the whole story.
        lift = {g: (n / n_all) / (total[g] / grand) for g, n in counter.items() if g != "?"}
        if not lift:
            continue
        best = max(lift, key=lambda g: lift[g])
        share = counter[best] / n_all
        if share >= 0.7 or (share >= 0.4 and lift[best] > 1.05):
            genders[key] = best
    return genders


@register("coref", requires=("characters",), assigns=("coref", "pronouns"))
def coref_pass(work: Work) -> Work:
    """Link pronouns and descriptions in narration to characters; set characters' pronouns."""
    dis = discourse(work)
    names = name_refs(work, dis)
    name_tokens = {t for r in names for t in range(r.first, r.last + 1)}
    heads = description_heads(dis, name_tokens)
    descriptions = find_descriptions(dis, heads, name_tokens)
    pronouns = pronoun_refs(dis)
    genders = estimate_genders(dis, names + descriptions + pronouns)
    title_gender = _title_genders(work)
    for cid, g in title_gender.items():
        genders.setdefault(cid, g)
    resolved = resolve(dis, names, descriptions, pronouns, genders)
    characters, resolved = _describe_cast(work, resolved, genders)
    mentions = sorted(
        [*work.mentions, *(
            Mention(dis.tokens[r.first].start, _end(dis, r), r.character, r.kind)
            for r in resolved if r.kind != "name"
        )],
        key=lambda m: (m.start, m.end),
    )
    return work.with_layers("coref", characters=tuple(characters), mentions=tuple(mentions))


def _end(dis: Discourse, ref: Ref) -> int:
    return dis.tokens[ref.first].start + len(ref.text) if ref.kind == "epithet" else dis.tokens[ref.last].end


def _title_genders(work: Work) -> dict[str, str]:
    from ficscope.lexicon import FEMALE_TITLES, MALE_TITLES

    out = {}
    for c in work.characters:
        m = sum(1 for a in c.aliases if a.split()[0].rstrip(".").lower() in MALE_TITLES)
        f = sum(1 for a in c.aliases if a.split()[0].rstrip(".").lower() in FEMALE_TITLES)
        if m != f:
            out[c.id] = "m" if m > f else "f"
    return out


def resolve(
    dis: Discourse, names: list[Ref], descriptions: list[Ref], pronouns: list[Ref], genders: dict[str, str]
) -> list[Ref]:
    """Walk the references in text order, resolving pronouns and descriptions by salience."""
    tokens = dis.tokens
    refs = sorted(names + descriptions + pronouns, key=lambda r: r.first)
    # history of (token index, character, is sentence subject, paragraph)
    history: list[tuple[int, str, bool, int]] = []
    desc_links: dict[str, Counter[str]] = defaultdict(Counter)
    for ref in refs:
        tok = tokens[ref.first]
        subject = tok.sent_start or (ref.first > 0 and tokens[ref.first - 1].sent != tok.sent)
        if ref.kind == "name":
            if ref.character and tok.quote < 0:
                history.append((ref.first, ref.character, subject, tok.para))
            continue
        gender = ref.gender
        if ref.kind == "epithet" and gender is None:
            gender = genders.get(desc_key(ref.text))
        if ref.kind == "epithet" and gender is None:
            ref.character = None  # a description of unknown gender could be anyone: leave it
        else:
            ref.character = _pick(history, tok, gender, genders, subject, ref.kind == "pronoun")
        if ref.kind == "epithet":
            desc_links[ref.text.lower()][ref.character or ""] += 1
        if ref.character and ref.kind == "pronoun" and gender != "p":
            history.append((ref.first, ref.character, subject, tok.para))
        elif ref.character:
            history.append((ref.first, ref.character, subject, tok.para))
    # Descriptions consistently resolved to one character are aliases: make every use agree.
    for ref in refs:
        if ref.kind != "epithet":
            continue
        links = desc_links[ref.text.lower()]
        best, n = links.most_common(1)[0]
        if best and n >= 2 and n / sum(links.values()) >= 0.6:
            ref.character = best
    return refs


def _pick(
    history: list[tuple[int, str, bool, int]],
    tok: object,
    gender: str | None,
    genders: dict[str, str],
    subject: bool,
    is_pronoun: bool,
) -> str | None:
    para = tok.para  # type: ignore[attr-defined]
    if gender == "p":
        return None  # plural "they" rarely means one character in this prose; leave unresolved
    best: str | None = None
    best_score = -1e9
    seen: set[str] = set()
    for distance, (_, cid, was_subject, hpara) in enumerate(reversed(history)):
        if para - hpara > _WINDOW_PARAS or distance > 40:
            break
        if cid in seen:
            continue
        seen.add(cid)
        cg = genders.get(cid)
        if gender is not None and cg is not None and cg != gender:
            continue
        score = -len(seen) * 1.0
        if cg is not None and gender is not None and cg == gender:
            score += 2.0
        if was_subject and subject:
            score += 0.5
        if score > best_score:
            best, best_score = cid, score
    return best


def _describe_cast(work: Work, refs: list[Ref], genders: dict[str, str]) -> tuple[list[Character], list[Ref]]:
    """Characters with pronouns and description aliases; mention counts including coreference."""
    aliases: dict[str, Counter[str]] = defaultdict(Counter)
    counts: Counter[str] = Counter()
    for ref in refs:
        if ref.character is None:
            continue
        counts[ref.character] += 1
        if ref.kind == "epithet":
            aliases[ref.character][ref.text] += 1
    characters = []
    for c in work.characters:
        extra = tuple(a for a, n in aliases[c.id].most_common() if n >= 2 and a not in c.aliases)
        g = genders.get(c.id)
        pronouns = _PRONOUN_LABEL.get(g, g) if g else None
        characters.append(replace(c, aliases=c.aliases + extra, pronouns=pronouns, mention_count=counts[c.id] or c.mention_count))
    return characters, refs
