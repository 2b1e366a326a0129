"""A description decided for the whole story: "the copy-nin" is the character salient, of a
compatible gender and not named in the same sentence wherever it is used. A description
brought in as someone new (indefinite, one of many, pointed out in a line, a service noun,
coming in) is decided scene by scene instead."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Mapping

from ficscope.lexicon import gendered_list, word_list
from ficscope.passes.coref.calls import _answering, _quoted_names, _tags_a_line
from ficscope.passes.coref.descriptions import _GENERIC_HEADS
from ficscope.passes.coref.newcomers import _comes_in, heard_through
from ficscope.passes.coref.refs import _DETERMINERS, Ref, desc_key, service_role
from ficscope.passes.coref.salience import _WINDOW_PARAS
from ficscope.passes.coref.traits import _HAIR_NOUNS
from ficscope.passes.discourse import Discourse, Token

_FRIENDS = frozenset("friend companion comrade chum pal partner".split())

# Titles of address before a surname ("Mr Ajayi", "Mrs. Hughes", "Dr Chen", "Coach Ukai"): the
# way a story names a grown-up at their work among people it calls by their first names
_ADDRESS_TITLES = frozenset("mr mrs ms miss mx dr professor prof coach".split())


def _addressed_by_title(text: str) -> bool:
    """Whether the name ``text`` opens with a title of address ("Mr. Johnson")."""
    words = text.split()
    return len(words) > 1 and words[0].rstrip(".").lower() in _ADDRESS_TITLES


def _titled(tokens: list[Token], refs: list[Ref]) -> set[str]:
    """The characters the narration names with a title of address ("Mr Ajayi comes out"), in a
    story that names most of its people without one (a school, a squad: not a novel of Mr.
    Darcys and Mrs. Bennets, where every grown-up is titled); else none."""
    named = {r.character for r in refs if r.kind == "name" and r.character}
    titled = {
        r.character
        for r in refs
        if r.kind == "name"
        and r.character
        and tokens[r.first].quote < 0
        and _addressed_by_title(r.text)
    }
    return titled if 3 * len(titled) <= len(named) else set()


def _titled_near(
    history: list[tuple[int, str, bool, int]],
    para: int,
    titled: Collection[str],
    present: Collection[str],
) -> set[str]:
    """The characters named with a title of address (``titled``) among the last references of
    ``history`` within the pronoun window of paragraph ``para``, not those in ``present``."""
    return {
        cid
        for (_, cid, _, hpara) in history[-40:]
        if para - hpara <= _WINDOW_PARAS and cid in titled and cid not in present
    }


def _narrators_friend(text: str) -> bool:
    """ "our friend", "my companion": the narrator's friend, whom the story names (a role such
    as "my host" or "our visitor" may be someone never named)."""
    words = text.lower().split()
    return words[0] in ("my", "our") and words[-1] in _FRIENDS


def _of_sex_near(
    history: list[tuple[int, str, bool, int]],
    para: int,
    gender: str,
    genders: Mapping[str, str],
    present: Collection[str],
) -> set[str]:
    """The characters of sex ``gender`` among the last references of ``history`` within the
    pronoun window of paragraph ``para`` (``_WINDOW_PARAS``), not those in ``present``."""
    return {
        cid
        for (_, cid, _, p) in history[-12:]
        if para - p <= _WINDOW_PARAS and cid not in present and genders.get(cid) == gender
    }


def _decide_descriptions(
    dis: Discourse,
    refs: list[Ref],
    descriptions: list[Ref],
    genders: dict[str, str],
    scene_starts: frozenset[int],
    named_in_sentence: dict[int, set[str]],
    called: dict[int, list[str]] | None = None,
    given: Mapping[str, str] | None = None,
    heard: Mapping[str, str] | None = None,
    *,
    pointed: bool = True,
) -> dict[str, str]:
    """Description head -> the character it is for the whole story: the one salient (named in
    the last two paragraphs), of a compatible gender and not named in the same sentence wherever
    the description is used. A description its pronouns give a sex ("the sorceress ... her
    sleeves") is decided for a character neither pronouns nor an English given name (``given``)
    have sexed only on two uses or more: the character would take that sex from it. A description
    that has nobody named near on most of its uses ("the saloon-keeper" in a story about a dog) is
    a person of its own."""
    tokens = dis.tokens
    votes: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    history: list[tuple[int, str, bool, int]] = []
    sentence_heads: dict[int, set[str]] = defaultdict(set)  # descriptions used in one sentence
    uses: Counter[str] = Counter()
    strangers: Counter[str] = Counter()  # uses with another brought in after the last name
    stranger: tuple[int, str | None] = (-1, None)  # where that other was, and their gender
    called_in = _quoted_names(tokens, refs)
    crowded: set[str] = set()  # sexed descriptions with another of that sex in the scene
    entering: set[str] = set()  # first used coming in: "the marine sentry put his head in"
    first_named: dict[str, int] = {}  # character -> paragraph of its first name
    # head -> the paragraph and words of its first use, "our master" included
    met_first: dict[str, tuple[int, str]] = {}
    titled = _titled(tokens, refs)
    for ref in refs:
        tok = tokens[ref.first]
        if ref.kind == "name" and ref.character:
            first_named.setdefault(ref.character, tok.para)
        elif ref.kind == "epithet" and not ref.indefinite and tok.quote < 0:
            met_first.setdefault(desc_key(ref.text), (tok.para, ref.text.lower()))
        if tok.para in scene_starts and history and history[-1][3] < tok.para:
            history = []
        if ref.kind == "name" and ref.character and tok.quote < 0:
            history.append((ref.first, ref.character, True, tok.para))
        elif tok.quote < 0 and _brings_in(tokens, ref, history):
            stranger = (ref.first, ref.gender)
        elif ref.kind == "epithet":
            head = desc_key(ref.text)
            if ref.possessive and _narrators_friend(ref.text):
                head = "poss:" + " ".join(ref.text.lower().split())
            elif head.removeprefix("desc:") in _GENERIC_HEADS or ref.indefinite or ref.possessive:
                continue
            elif head.removeprefix("desc:") in _HAIR_NOUNS:
                continue  # "the redhead" is the one whose hair is shown red, not whoever is near
            gender = ref.gender or genders.get(head) or (heard or {}).get(head)
            present = named_in_sentence.get(tok.sent, set())
            if _tags_a_line(tokens, ref):
                present = present | set(called_in[tok.para])  # '"Geralt!" the bard cried.'
            fits = {
                cid
                for (_, cid, _, para) in history[-12:]
                if tok.para - para <= 2
                and cid not in present
                and (gender is None or genders.get(cid) in (None, gender))
            }
            if not fits and gender in ("m", "f"):
                # '"Sit," said the gleeman, pleased with himself.' with nobody named in the
                # last two paragraphs: the characters of his sex within the pronoun window
                fits = _of_sex_near(history, tok.para, gender, genders, present)
            if gender is None and fits and not fits & titled:
                # "Mr Ajayi comes out with an armful of canvases" ... (Nick, Charlie) ... "The art
                # teacher sets the canvases down": a role among people named by first name is
                # the one grown-up the scene names with a title of address
                formal = _titled_near(history, tok.para, titled, present)
                if len(formal) == 1:
                    fits = formal
            if not uses[head] and (_comes_in(tokens, ref) or heard_through(dis, ref)):
                entering.add(head)
            answering = _answering(tokens, ref, (called or {}).get(tok.para - 1, ()), present)
            if answering:  # '"I must go, Basil." / "What is that?" said the painter': Basil
                fits = {answering}
            if len(fits) > 1 and not answering and history:
                first, cid, _, para = history[-1]
                last = dis.paragraphs[para].last_token - 1
                if (
                    cid in fits
                    and para == tok.para - 1
                    and tokens[first].sent_start
                    and tokens[first].sent == tokens[last].sent
                ):
                    fits = {cid}  # the subject of the last sentence before: "Joker had limped
                    # down from the cockpit." / '"...," the pilot said'
            for cid in fits:
                votes[head][cid] += 1 / len(fits)
            if gender in ("m", "f") and len(fits) == 1 and not answering:
                # one fit near, but another of that sex further back in the scene
                wider = _of_sex_near(history, tok.para, gender, genders, present)
                if wider - fits:
                    crowded.add(head)
            uses[head] += 1
            if (
                history
                and stranger[0] > history[-1][0]
                and tok.para - tokens[stranger[0]].para <= 2
                and (gender is None or stranger[1] in (None, gender))
                and not answering
            ):
                strangers[head] += 1
            sentence_heads[tok.sent].add(head)
    decided: dict[str, str] = {}
    never = len(dis.paragraphs)  # a paragraph after every one
    introduced = {desc_key(r.text) for r in descriptions if r.indefinite}
    introduced |= _picked_from_many(tokens, votes)
    if pointed:  # not for titles: "watch the Seeker lose" is said of one already there
        naming = {tokens[r.first].quote for r in refs if r.kind == "name" and r.character}
        introduced |= _pointed_out(dis, descriptions, naming)
    service = word_list("service_nouns")
    served = {desc_key(r.text) for r in descriptions if service_role(r.text)}
    for head, counter in votes.items():
        if head in introduced:
            continue  # "a teacher ... the teacher": someone new, decided scene by scene
        if head.removeprefix("desc:") in service or head in served:
            introduced.add(head)  # "the waitress": someone met at their work, not the named
            continue  # one she stands near
        if head in entering:
            introduced.add(head)  # "There was a knock at the door, and the marine sentry put his
            continue  # head in": someone coming in to those there, not one of them
        if uses[head] == 1 and strangers[head]:
            introduced.add(head)  # 'Stede found him. / "You missed it." / "Didn't," said
            # the pirate': the pirate is the one found, not Stede
            continue
        if 2 * sum(counter.values()) < uses[head]:
            introduced.add(head)  # mostly used with nobody named near: a person of its own
            continue
        if uses[head] == 1 and head in crowded:
            continue  # "The supervisor" used once: Dylan near, Milchick a little further back
        if (best := _clear_choice(head, counter, genders, given)) is not None:
            met_para, met_words = met_first.get(head, (never, ""))
            words = met_words.split()
            if words[:1] in (["our"], ["my"]) and met_para < first_named.get(best, never):
                # "Our master was a good, kind man" long before "a plowboy, Dick": the one the
                # narrator knew as "our master" before that name came in is not Dick
                decided[head] = "unnamed-" + "-".join(words)
                continue
            decided[head] = best
    # Two descriptions in one sentence are two people: "The witcher sat down, and the bard slid
    # in across from him" - once the bard is decided, the witcher is not the bard's character.
    apart: dict[str, set[str]] = defaultdict(set)
    for heads in sentence_heads.values():
        for head in heads:
            apart[head] |= heads - {head}
    for head, counter in votes.items():
        taken = {decided[other] for other in apart[head] if other in decided}
        if head in decided or head in introduced or not taken:
            continue
        rest = {cid: n for cid, n in counter.items() if cid not in taken}
        if rest and (best := _clear_choice(head, rest, genders, given)) is not None:
            decided[head] = best
    # Stories have few animals: "the dog" is the one "the pug" is, if it may be.
    animals = gendered_list("animal_nouns")
    beasts = {cid for head, cid in decided.items() if head.removeprefix("desc:") in animals}
    if len(beasts) == 1:
        beast = next(iter(beasts))
        for head, counter in votes.items():
            if head not in decided and head.removeprefix("desc:") in animals and beast in counter:
                decided[head] = beast
    return decided


_PARTITIVE_OWNERS = frozenset("the his her their its our my your".split())


def _singulars(word: str) -> list[str]:
    """What a plural noun may be the plural of: "guards" guard, "sentries" sentry, "witches"
    witch, "men" man; nothing for a word that is no plural."""
    if word.endswith("men"):
        return [word[:-3] + "man"]
    if not word.endswith("s") or word.endswith("ss"):
        return []
    forms = [word[:-1]]
    if word.endswith("ies"):
        forms.append(word[:-3] + "y")
    elif word.endswith("es"):
        forms.append(word[:-2])
    return forms


def _picked_from_many(tokens: list[Token], heads: Collection[str]) -> set[str]:
    """Description heads the narration first brings in as one of many ("one of the castle
    guards came marching across", "one of his men"): "the guard" after it is that one, someone
    new, decided scene by scene like "a guard", not the named character salient there."""
    out: set[str] = set()
    partitives = [
        i
        for i in range(len(tokens) - 3)
        if tokens[i].lower == "one"
        and tokens[i].quote < 0
        and tokens[i + 1].lower == "of"
        and tokens[i + 2].lower in _PARTITIVE_OWNERS
    ]
    if not partitives:
        return out
    words = {key[5:] for key in heads if key.startswith("desc:")}
    first_use: dict[str, int] = {}
    for i, tok in enumerate(tokens):
        if tok.lower in words and tok.quote < 0:
            first_use.setdefault("desc:" + tok.lower, i)
    for i in partitives:
        for j in range(i + 3, min(i + 6, len(tokens))):
            word = tokens[j].lower
            if not word.isalpha() or tokens[j].sent != tokens[i].sent:
                break
            found = [
                key
                for key in ("desc:" + form for form in _singulars(word))
                if key in heads and i < first_use.get(key, i + 1)
            ]
            if found:
                out.add(found[0])
                break
    return out


def _brings_in(tokens: list[Token], ref: Ref, history: list[tuple[int, str, bool, int]]) -> bool:
    """Whether a reference of the narration is someone other than the one just named: "him" in
    the sentence that names another before it ("Stede found him")."""
    if ref.kind != "pronoun" or tokens[ref.first].lower != "him" or not history:
        return False
    first = history[-1][0]
    return tokens[first].sent == tokens[ref.first].sent and first < ref.first


def _clear_choice(
    head: str,
    counter: Mapping[str, float],
    genders: Mapping[str, str],
    given: Mapping[str, str] | None,
) -> str | None:
    """The character a description's votes clearly choose (three fifths of them, one use at
    least), if any. One use is too little to give a character the description's sex ("the
    sorceress" for an ungendered Geralt)."""
    best, n = max(counter.items(), key=lambda item: item[1])
    if n < 2 and genders.get(head) in ("m", "f") and best not in {**(given or {}), **genders}:
        return None
    return best if n >= 1 and n / sum(counter.values()) >= 0.6 else None


def _pointed_out(dis: Discourse, descriptions: list[Ref], naming: set[int]) -> set[str]:
    """Description heads a line of speech brings in before the narration uses them ('"The
    security guard is coming over here."' ... "The guard was big and bald"): someone new pointed
    at, not a named character described. Not in a line that names someone (``naming``: the
    quotations that do; '"Geralt! Ladies and gentlemen, the witcher himself!"'): that presents
    one already there."""
    tokens = dis.tokens
    first_use: dict[str, int] = {}
    for ref in descriptions:
        if not ref.indefinite and not ref.possessive:
            first_use.setdefault(desc_key(ref.text), ref.first)
    out = set()
    for i in dis.positions({key.removeprefix("desc:") for key in first_use}):
        tok = tokens[i]
        key = "desc:" + tok.lower
        if tok.quote < 0 or key not in first_use or i > first_use[key]:
            continue
        if tok.quote in naming:
            continue
        for k in range(i - 1, max(-1, i - 4), -1):
            if tokens[k].quote != tok.quote or not tokens[k].text[0].isalpha():
                break
            if tokens[k].lower in _DETERMINERS:
                out.add(key)
                break
    return out
