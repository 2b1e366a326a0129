"""The resolver: walks the references in text order, resolving each pronoun and description by
salience, with the rules of the modules it draws on (salience, clauses, calls, kinship,
newcomers, traits)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from functools import partial

from ficscope.lexicon import gendered_list, word_list
from ficscope.passes.coref.calls import (
    _addressed,
    _answers_a_call,
    _called,
    _called_lately,
    _description_answers,
    _object_of_call,
    _quoted_names,
)
from ficscope.passes.coref.clauses import (
    _OWNER_GENDER,
    _clause_subject,
    _complement_subject,
    _named_after,
    _owner_inside,
    _possessor,
    _pronoun_tag,
    _subject_goes_on,
    _subject_just_before,
)
from ficscope.passes.coref.descriptions import (
    _ANAPHORS,
    _CHILD_HEADS,
    _GENERIC_HEADS,
    _HUMAN_HEADS,
    _MET,
    _YOUNG_HEADS,
    character_nouns,
    participates,
)
from ficscope.passes.coref.genders import _own_gender
from ficscope.passes.coref.kinship import (
    _PARTNERS,
    _SIBLINGS,
    SPOUSES,
    _child,
    _kin,
    _met_lately,
    _partner,
    _sibling,
    read_back,
    spouse_called,
)
from ficscope.passes.coref.newcomers import (
    _at_a_post,
    _brought_along,
    _comes_in,
    _described_as_new,
    _modified,
    _newcomer_goes_on,
    _newcomer_speaks,
    _restates_newcomer,
    _restates_waiting,
    _role_near,
    _set_apart,
    _waiting,
    heard_through,
)
from ficscope.passes.coref.refs import Ref, desc_key, remembered, service_role
from ficscope.passes.coref.salience import (
    _focal,
    _following,
    _holds_pronoun,
    _last_subject,
    _lead,
    _pick,
    _recent,
)
from ficscope.passes.coref.story_descriptions import _decide_descriptions
from ficscope.passes.coref.traits import (
    _HAIR_NOUNS,
    _beastly,
    _hair_after,
    _hair_colour,
    _of_colour,
    _proper_modifier,
    _the_beast,
    _trait,
)
from ficscope.passes.discourse import Discourse, Token, opens_its_sentence

# Modifiers that make an indefinite someone else than the last of its kind: "a second voice".
_OTHER_ONE = frozenset({"second", "third", "other", "another", "different"})
# What stands for someone unseen: "a voice" of a later scene may be anyone heard before
_VOICES = frozenset({"voice", "voices"})


def _possessed(key: str) -> str:
    """The id of the unnamed one a possessive description stands for: "his wife" ->
    "unnamed-his-wife"."""
    return "unnamed-" + "-".join(key.split())


def resolve(
    dis: Discourse,
    names: list[Ref],
    descriptions: list[Ref],
    pronouns: list[Ref],
    genders: dict[str, str],
    scene_starts: frozenset[int] = frozenset(),
    kinship: dict[str, tuple[str | None, str]] | None = None,
    epithets: dict[int, str] | None = None,
    kin_titled: dict[str, str] | None = None,
    given: dict[str, str] | None = None,
    calls: Mapping[str, str] | None = None,
    parents: set[str] | None = None,
    told: bool = False,
    heard: Mapping[str, str] | None = None,
    misses: frozenset[str] = frozenset(),
) -> list[Ref]:
    """Walk the references in text order, resolving pronouns and descriptions by salience.
    ``told``: the story is told to "you" (a reader-insert). ``heard``: the genders the pronouns
    of descriptions with story-taught heads give them (see ``estimate_genders``).
    A character the text has not gendered (``genders``) has the gender of its given name
    (``given``) where a pronoun or description looks for one; ``calls`` are the titles that
    call one character ("Captain").

    A description ("the copy-nin") is first decided for the whole story: the character that is
    salient, of a compatible gender and not named in the same sentence wherever it is used. A
    description that fits nobody introduces an unnamed character ("the tracker"), who can then be
    the antecedent of later pronouns. Salience starts afresh at each scene break.
    """
    tokens = dis.tokens
    nouns = character_nouns()
    refs = sorted(names + descriptions + pronouns, key=lambda r: r.first)
    named_in_sentence: dict[int, set[str]] = defaultdict(set)
    named_at_in: dict[int, list[tuple[int, str]]] = defaultdict(list)  # narration names
    for r in names:
        if r.character:
            named_in_sentence[tokens[r.first].sent].add(r.character)
            if tokens[r.first].quote < 0:
                named_at_in[tokens[r.first].sent].append((r.first, r.character))
    # Pass 1: who is salient where, from names alone, to decide each description for the story.
    # A character whom the text genders only through a description ("the dog ... his ears" for
    # a dog called Pakkun) takes that description's gender; then the decision is made again.
    calls_in: dict[int, list[str]] = defaultdict(list)  # per quotation, the ones it calls
    called = _called(dis, names, calls, calls_in)
    decided = _decide_descriptions(
        dis, refs, descriptions, genders, scene_starts, named_in_sentence, called, given, heard
    )
    learned: dict[str, Counter[str]] = defaultdict(Counter)
    for head, cid in decided.items():
        if cid not in genders and genders.get(head) in ("m", "f"):
            learned[cid][genders[head]] += 1
    for cid, counter in learned.items():
        if len(counter) == 1:
            genders[cid] = next(iter(counter))
    if learned:
        taught = {head: cid for head, cid in decided.items() if cid in learned}
        decided = _decide_descriptions(
            dis, refs, descriptions, genders, scene_starts, named_in_sentence, called, given,
            heard,
        )  # fmt: skip
        decided.update(taught)
    beast = _the_beast(decided)
    # Pass 2: resolve in order.
    history: list[tuple[int, str, bool, int]] = []
    unnamed: dict[str, str] = {}
    described: dict[str, str] = {}  # "masked man" -> the unnamed one first described so
    pending: dict[str, list[Ref]] = {}  # indefinites that have not acted yet, by head
    kin_links: dict[str, Counter[str]] = defaultdict(Counter)  # "his wife" -> Mrs. Bennet
    traits: dict[str, str] = {}  # "silver-haired" -> the named character first described so
    young: list[str] = []  # the last one described as a boy, girl or child
    quoted_names = _quoted_names(tokens, names)
    partners: dict[str, Counter[str]] = defaultdict(Counter)  # "her cousin" -> whom she meets
    named_at = {r.first: r.character for r in names if r.character}
    earlier_scenes: set[str] = set()  # unnamed people of the scenes before
    newcomer: tuple[str, int] | None = None  # the last one introduced ("a teacher"), and where
    introduced_at = -1  # the token introducing the newcomer
    recalled: set[int] = set()  # names opening a that-clause: "reminded him that Sakura would"
    owners_inside: set[int] = set()  # "he brought the mirror away from Stephen's eyes"
    speech = word_list("speech_verbs")
    service = word_list("service_nouns")
    prominence: Counter[str] = Counter()  # names in the narration so far
    followed: Counter[str] = Counter()  # subjects of the narration's sentences so far
    story_names = Counter(  # names in the whole narration
        r.character for r in names if r.character and tokens[r.first].quote < 0
    )
    hair: dict[str, str] = {}  # character -> hair colour ("his blond hair"; "the brunet")
    owned_at: dict[int, str] = {}  # a possessive description's first token -> its character
    owners: list[tuple[Ref, str, str]] = []  # each possessive description, its owner and noun
    used_heads: set[str] = set()  # the heads of the descriptions used so far

    def new_person(key: str, fresh: bool = False) -> str:
        """An unnamed character's id; "a man" of a new scene is someone new ("unnamed-man-2"),
        though a role ("the doctor") is the same person in every scene. ``fresh``: someone
        introduced ("A young man landed"), never the one of that noun already in the scene nor
        one of an earlier scene ("a scrawny old tom rasped" is not "The ginger tom" who sat up in
        the den two scenes before)."""
        cid, n = f"unnamed-{key}", 2
        taken = set(unnamed.values()) if fresh else set()
        new_one = fresh and key not in _VOICES  # "a voice" may be anyone heard before
        while (key in _GENERIC_HEADS or new_one) and (cid in earlier_scenes or cid in taken):
            cid, n = f"unnamed-{key}-{n}", n + 1
        return cid

    def another_person(key: str) -> str:
        """An id no unnamed character has yet: "a second voice" is not the first one."""
        cid, n = new_person(key), 2
        while cid in unnamed.values() or cid in earlier_scenes:
            cid, n = f"unnamed-{key}-{n}", n + 1
        return cid

    def introduce(ref: Ref, key: str, cid: str, gender: str | None) -> str:
        """``cid``, someone new met at ``ref`` ("A young man landed", "the woman at the
        checkout"), is the scene's one of ``key`` and the newcomer a he or she may go on with."""
        nonlocal newcomer, introduced_at
        unnamed[key] = cid
        newcomer = (cid, tokens[ref.first].para)
        introduced_at = ref.first
        if gender:
            genders.setdefault(cid, gender)
        return cid

    def takes_part(key: str) -> str:
        """The indefinite of ``key`` that has not acted yet (``pending``) takes part now: someone
        new, whom its earlier mentions ("She saw a man by the door") are too."""
        cid = unnamed[key] = new_person(key)
        for earlier in pending.pop(key):
            earlier.character = cid
        return cid

    for ref in refs:
        tok = tokens[ref.first]
        if tok.para in scene_starts and history and history[-1][3] < tok.para:
            history = []
            earlier_scenes.update(unnamed.values())
            unnamed = {}
            described = {}
            pending = {}
            young = []
        subject = tok.sent_start or (ref.first > 0 and tokens[ref.first - 1].sent != tok.sent)
        if ref.kind == "name":
            if ref.character and tok.quote < 0:
                if not remembered(tokens, ref.first):  # no one there for the pronouns after
                    history.append((ref.first, ref.character, subject, tok.para))
                prominence[ref.character] += 1
                followed[ref.character] += _following(tokens, ref.first, subject)
                if _complement_subject(tokens, ref.first):
                    recalled.add(ref.first)
                elif _owner_inside(tokens, ref, subject):
                    owners_inside.add(ref.first)
            continue
        gender = ref.gender
        trait = colour = None
        if ref.kind == "epithet":
            head = desc_key(ref.text)
            gender = gender or genders.get(head)
            key = ref.text.lower() if ref.possessive else ref.text.lower().split()[-1]
            trait = _trait(ref.text) if not ref.possessive else None
            proper = _proper_modifier(ref.text) if not ref.possessive else None
            # "the man" is not the dog; nor is "the ninja" the story decided for a person
            person = decided.get(head) not in (None, beast)
            human = beast if key in _HUMAN_HEADS or person else None

            # the salient character of a given gender this description can be, if any
            nearby = partial(
                _pick,
                history,
                tok,
                genders=genders,
                subject=subject,
                is_pronoun=False,
                tokens=tokens,
                key=key,
                skip=human,
                given=given,
            )
            colour = _hair_colour(ref.text) if not ref.possessive else None
            if epithets and ref.first in epithets:
                ref.character = epithets[ref.first]  # the pack's epithet: "the copy-nin"
            elif colour and (
                haired := _of_colour(hair, colour, _recent(history, tok.para))
                or _of_colour(hair, colour, {cid for _, cid, _, _ in history}, alone=True)
            ):
                ref.character = haired  # "his blond hair" ... "the blond"
            elif trait in traits:
                ref.character = traits[trait]  # "the silver-haired ninja" ... "man": one person
            elif proper:
                # "the Mist ninja", "the Mist deserter": one person, not the story's "ninja"
                ref.character = traits.setdefault(proper, f"unnamed-{proper}-{key}")
                if gender:
                    genders.setdefault(ref.character, gender)
            elif beast and not ref.possessive and _beastly(ref.text):
                ref.character = beast  # "the canine leader" of a story whose one dog is Pakkun
            elif (
                key in _CHILD_HEADS
                and not ref.possessive
                and not ref.indefinite
                and young
                and (key not in unnamed or unnamed[key] == young[0])
            ):
                ref.character = young[0]  # "a small boy came along the path ... the child"
            elif (
                key in _CHILD_HEADS
                and not ref.possessive
                and not ref.indefinite
                and key not in unnamed
                and (little := _young_waiting(tokens, pending, ref))
            ):
                # "A lady came in holding a little boy by the wrist. The kid had chocolate all
                # over his face": the child is the young one just seen, who takes part now
                ref.character = takes_part(little)
            elif ref.possessive:
                owner_gender = _OWNER_GENDER.get(tok.lower)
                owner = (
                    _pick(history, tok, owner_gender, genders, subject, True, given=given)
                    or _addressed(quoted_names.get(tok.para, ()), owner_gender, genders)
                    if owner_gender
                    else None
                )
                noun = key.split()[-1]
                kin = named_at.get(ref.last + 1)  # "my brother Robert", "her cousin Edith"
                kin = kin or _kin(owner, noun, kinship or {}, plural=tok.lower == "their")
                child = None if kin else _child(owner, noun, kinship or {}, genders)
                if child and owner and parents is not None:
                    parents.add(owner)  # Emma McChesney's "her son": she is a mother
                kin = kin or child
                kin = kin or decided.get("poss:" + " ".join(key.split()))  # "our friend"
                if kin is None and kin_titled and kin_titled.get(noun, owner) != owner:
                    kin = kin_titled[noun]  # "his aunt" of a story whose one aunt is Aunt Polly
                if kin is None and kin_titled and tok.lower == "my":
                    kin = kin_titled.get("my " + noun)  # "my mother" of a story calling her Mom
                if kin is None and noun in SPOUSES and owner:
                    # '"Well, Alice," said Clayton, as he rejoined his wife': the one he calls
                    sexes = {**(given or {}), **genders}
                    kin = spouse_called(called.get(tok.para, ()), owner, noun, sexes)
                if kin is None and noun in _SIBLINGS and owner:
                    kin = _sibling(
                        history,
                        tok.para,
                        owner,
                        _SIBLINGS[noun],
                        genders,
                        kinship,
                        owner_gender,
                        prominence,
                        misses,
                    )
                if kin is None and noun in _MET:  # "her guest": the stranger met just now
                    kin = _met_lately(history, tok.para)
                story = decided.get("desc:" + noun)
                if (
                    kin is None
                    and story not in (None, owner, beast)
                    and noun not in _GENERIC_HEADS
                    and (gender or genders.get(story or "")) in (None, genders.get(story or ""))
                    and story in _recent(history, tok.para)
                ):
                    kin = story  # "his medic" of a story whose "the medic" is Sakura, nearby
                if kin is None and noun in _PARTNERS and dis.paragraphs[tok.para].quotes:
                    # '"Florence," said her cousin': the one she is talking with. "his lover" is of
                    # either sex: the pronouns after it, which sexed it, are mostly the owner's
                    own = None if noun == "lover" else gender or _own_gender(tokens, ref)
                    itself = _possessed(key)
                    meets = (
                        _partner(history, tok, (owner, itself), own, {**(given or {}), **genders})
                        if owner
                        else None
                    )
                    partners[key][meets or ""] += 1
                if kin:
                    kin_links[key][kin] += 1
                ref.character = kin or _possessed(key)
                if kin is None:
                    owned_at[ref.first] = ref.character
                if owner:
                    owners.append((ref, owner, noun))
                if gender:
                    genders.setdefault(ref.character, gender)
            elif ref.indefinite and not participates(dis, ref):
                # "in want of a wife", "the bark of a man who...": no one who takes part (yet)
                pending.setdefault(key, []).append(ref)
                continue
            elif ref.indefinite:
                other = _OTHER_ONE & set(ref.text.lower().split())
                ref.character = introduce(
                    ref, key, another_person(key) if other else new_person(key, fresh=True), gender
                )
            elif (
                key not in unnamed
                and tok.para not in scene_starts
                and (answering := _description_answers(dis, ref, called, gender, genders))
            ):
                # "'McGee,' said Gibbs. / 'On it, Boss.' The younger agent had his laptop open":
                # a description opening the narration after a call is the one called
                ref.character = answering
            elif key in unnamed and (
                key not in _GENERIC_HEADS
                or unnamed[key] in _recent(history, tok.para)
                or key not in _OTHER_ONE
                and _set_apart(tokens, ref)
            ):
                # "the masked man" is the one described so in this scene, not the young man
                # who came in since
                ref.character = described.get(_modified(ref.text), unnamed[key])
            elif key in pending and (
                tok.para - tokens[pending[key][-1].first].para <= 2
                or _restates_waiting(pending[key], ref)
            ):
                # "She saw a man by the door. The man raised a hand.": the man takes part now
                ref.character = takes_part(key)
                if gender:
                    genders.setdefault(ref.character, gender)
            elif (
                head not in used_heads
                and key in nouns
                and key not in _GENERIC_HEADS
                and not ref.possessive
                and (brought := _brought_along(tokens, pending, ref, gender, genders))
            ):
                # "Martha came in with a young man in a green coat. / '...,' said the
                # messenger": the role's first use is the one just brought in, not Martha
                ref.character = takes_part(brought)
                if gender:
                    genders.setdefault(ref.character, gender)
            elif not ref.possessive and key not in unnamed and _described_as_new(tokens, ref):
                # "The sheriff of Harlan Falls was a heavyset man with a gray mustache": a role
                # told like someone met for the first time, not the named man of the scene
                ref.character = introduce(ref, key, new_person(key, fresh=True), gender)
            elif (
                not ref.possessive
                and key not in unnamed
                and key not in _GENERIC_HEADS
                and head not in decided
                and (_comes_in(tokens, ref) or heard_through(dis, ref))
            ):
                # "There was a knock at the door, and the marine sentry put his head in": a
                # role first met coming in to those there, not the named man among them; "The
                # king's voice came out small and crackly" over a phone's speaker: one on the line
                ref.character = introduce(ref, key, new_person(key, fresh=True), gender)
            elif head in decided:
                # decided for the story, but "the elder medic" in a scene without the story's
                # medic is someone there
                story = decided[head]
                local = None
                if story not in _recent(history, tok.para):
                    want = gender or genders.get(story)
                    local = nearby(gender=want) if want else None
                ref.character = local or story
            elif key in nouns and _restates_newcomer(newcomer, history, tok.para, gender, genders):
                # "A young man landed beside him. He was slight. ..." / "the stranger said"
                ref.character = newcomer[0] if newcomer else None
                if ref.character and gender in ("m", "f"):
                    # '"...?" queried a loud voice.' / 'The man below growled': a he
                    genders.setdefault(ref.character, gender)
            elif beast is None and key in gendered_list("animal_nouns"):
                # "with the cat on his chest" in a story with no animal character: an animal
                # there, not the salient man the possessive's gender points to
                ref.character = unnamed.setdefault(key, new_person(key))
            elif service_role(ref.text) and not ref.possessive:
                # "The waitress came over with a pot of tea": someone met at their work, not
                # the named woman she stands near; "the delivery guy" is one by his last two words
                role = key if key in service else "-".join(ref.text.lower().split()[-2:])
                ref.character = unnamed.setdefault(role, new_person(role))
                unnamed.setdefault(key, ref.character)  # "the poor guy" after him is he
                if gender:
                    genders.setdefault(ref.character, gender)
            elif key in _HUMAN_HEADS and _at_a_post(tokens, ref):
                # "The woman at the checkout looked at Edward": someone met at their post, new
                ref.character = introduce(ref, key, new_person(key, fresh=True), gender)
            else:
                # '"And ruin it?" the blond drawled. "I'm brooding, Potter."', no hair shown:
                # the one there who is not called by name in the paragraph's lines
                called_here = quoted_names.get(tok.para, ()) if key in _HAIR_NOUNS else ()
                ref.character = nearby(gender=gender, exclude=called_here) if gender else None
                if (
                    ref.character
                    and key in unnamed
                    and genders.get(unnamed[key]) == gender
                    and ref.character not in genders
                    and ref.character not in (given or {})
                ):
                    # "The old woman who ran it ..." ... "Kazuki was out the window. / The
                    # old woman was waiting": the woman of the scene, not one of unknown sex
                    ref.character = unnamed[key]
                if gender and key in _HUMAN_HEADS and len(ref.text.split()) == 2:
                    # '"More coffee?" The waitress was young.' / '"Please," said Sam.' / 'The
                    # woman poured': the role met just now, not the named woman salience gives
                    ref.character = (
                        _role_near(history, unnamed, tok.para, gender, genders) or ref.character
                    )
                restated = None
                if (
                    ref.character is None
                    and not gender
                    and subject
                    and tok.lower == "the"
                    and key not in _HAIR_NOUNS
                ):
                    # "Steve wandered in. The super soldier took one look at the counter.": a
                    # noun of no sex opening the sentence after one whose subject is a name
                    restated = ref.character = _subject_just_before(tokens, history, ref.first)
                if ref.character is None and gender and key in _HUMAN_HEADS and not history:
                    # a scene opening on '"Tuppence, old bean!"' ... 'continued the young man'
                    ref.character = _called_lately(
                        quoted_names, tok.para, gender, {**(given or {}), **genders}
                    )
                if ref.character is None and not gender and key in _ANAPHORS:
                    # "a solitary man ... This man talked with Manuel" ... "the stranger said"
                    # (the one referred to last, of the people, not animals, still near)
                    animals = gendered_list("animal_nouns")
                    present = {
                        c
                        for c in _recent(history, tok.para)
                        if c.startswith("unnamed-") and c.split("-")[-1] not in animals
                    }
                    ref.character = next(
                        (c for _, c, _, _ in reversed(history) if c in present), None
                    )
                if restated is None and (
                    ref.character is None
                    or head.removeprefix("desc:") not in _GENERIC_HEADS
                    and not gender
                ):
                    if key not in unnamed:
                        unnamed[key] = new_person(key)
                    ref.character = unnamed[key]
                    if gender:
                        genders.setdefault(ref.character, gender)
        elif newcomer and _newcomer_goes_on(
            tokens, ref, introduced_at, genders.get(newcomer[0]), gender
        ):
            # "Then somebody dropped into the seat next to Emma. She was maybe sixteen": the
            # one just introduced, opening the next sentence, not the woman named after
            ref.character = newcomer[0]
            if gender in ("m", "f"):
                genders.setdefault(ref.character, gender)
        elif (
            newcomer
            and history
            and _newcomer_speaks(dis, ref, newcomer[1], genders.get(newcomer[0]), gender)
            and newcomer[0] in (history[-1][1], _last_subject(history))
        ):
            ref.character = newcomer[0]
            if gender in ("m", "f"):
                genders.setdefault(ref.character, gender)
        elif answer := _answers_a_call(dis, ref, called, gender, genders, history, prominence):
            ref.character = answer
        elif hailed := _object_of_call(tokens, ref, gender, genders, calls_in, history):
            ref.character = hailed
        else:
            own = _clause_subject(tokens, history, ref.first)
            # "Millie, her lymphatic maid,": the maid is not her own
            apposed = (epithets or {}).get(ref.first)
            owned = owned_at.get(ref.first)  # "his lover": his own lover is not he
            ref.character = _possessor(tokens, history, ref.first, gender, genders)
            ref.character = ref.character or _subject_goes_on(
                tokens, history, ref.first, gender, genders, given or {}
            )
            tagging = _pronoun_tag(tokens, ref, speech)
            if ref.character is None and gender in ("m", "f") and not tagging:
                # "Later, when the cavern had emptied, Chani found him sitting alone": after a
                # jump in time the narration is back with the one it follows
                first_of_para = dis.paragraphs[tok.para].first_token
                ref.character = _focal(
                    tokens, history, ref.first, first_of_para, gender, followed, genders
                )
            if ref.character is None or ref.character in (apposed, owned):
                ref.character = _pick(
                    history,
                    tok,
                    gender,
                    genders,
                    subject,
                    True,
                    skip=own,
                    given=given,
                    recalled=recalled,
                    owners=owners_inside if tagging else frozenset(),
                    topic_of=tokens if tagging else None,
                    opener_of=tokens if _he_or_she_opening(tokens, ref.first) else None,
                    exclude=(
                        *(c for c in (apposed, owned) if c),
                        *_named_after(tokens, ref, named_at_in.get(tok.sent, ())),
                        *_carried(tokens, ref, named_at),
                    ),
                )
            if (
                tagging
                and gender in ("m", "f")
                and ref.character is not None
                and ref.character not in genders
                and _holds_pronoun(tokens, history, ref.character, gender, tok.para)
            ):
                # "Cec had drifted over, his head on one side. '...,' he said": twice a he
                genders[ref.character] = gender
            if ref.character is None and not history and gender in ("m", "f"):
                # "of course he is there too" opening a scene: the story's lead of that gender
                ref.character = _lead(prominence, gender, genders)
            if (
                told
                and ref.character is None
                and gender in ("m", "f")
                and not any(genders.get(cid) == gender for cid in prominence)
            ):
                # "you see somebody come in. He shakes out his umbrella.": in a story told to
                # "you" (a reader-insert), a he or she met before the narration names anyone of
                # that sex is the story's lead of that sex, named later
                ref.character = _lead(story_names, gender, genders)
            waiting = _waiting(tokens, pending, history, ref, genders)
            if waiting is not None:  # "conscious of a man behind. She felt him ...": he acts now
                ref.character = takes_part(waiting)
                genders.setdefault(ref.character, gender or "")
        if ref.kind == "epithet":
            used_heads.add(desc_key(ref.text))
        if ref.kind == "epithet" and colour and hair.get(ref.character or "", colour) != colour:
            # one person, one hair colour: "the brunet" is not the blond
            other_hair = {c for c, h in hair.items() if h != colour}
            ref.character = nearby(gender=gender, skip=None, exclude=other_hair)
        if ref.kind == "pronoun" and ref.character and (shade := _hair_after(tokens, ref.first)):
            hair.setdefault(ref.character, shade)  # "Draco pushed his blond hair back"
        if ref.character:
            if tok.quote < 0 and ref.kind == "pronoun":
                followed[ref.character] += _following(tokens, ref.first, subject)
            entry = (ref.first, ref.character, subject, tok.para)
            if ref.kind == "pronoun" and ref.first in owned_at and history[-1][0] == ref.first:
                history.insert(-1, entry)  # "his comrade dug": the comrade is the one met last
            else:
                history.append(entry)
            if ref.kind == "epithet" and colour:
                hair.setdefault(ref.character, colour)
            if ref.kind == "epithet" and key in _YOUNG_HEADS and not ref.possessive:
                young = [ref.character]
            if ref.kind == "epithet" and trait and not ref.character.startswith("unnamed-"):
                traits.setdefault(trait, ref.character)
            if ref.kind == "epithet" and ref.character.startswith("unnamed-"):
                if " " in _modified(ref.text) and not ref.possessive:
                    described.setdefault(_modified(ref.text), ref.character)
    # "his wife" shown once to be Mrs. Bennet (and never anyone else) is Mrs. Bennet throughout
    merged = {
        _possessed(key): next(iter(links)) for key, links in kin_links.items() if len(links) == 1
    }
    for key, met in partners.items():  # "her cousin" is always the one Florence meets
        if len(met) == 1 and "" not in met:
            merged.setdefault(_possessed(key), next(iter(met)))
    for ref in refs:
        if ref.character in merged:
            ref.character = merged[ref.character]
    # Curtis's "his cousin" is Florence, whose "her cousin" was Curtis
    read_back(owners, genders)
    return refs


def _he_or_she_opening(tokens: list[Token], at: int) -> bool:
    """Whether token ``at`` is a "he" or "she" opening a sentence of narration, or after its
    first word "then", "and", "but" or "so" ("Then he stood")."""
    tok = tokens[at]
    return tok.lower in ("he", "she") and tok.quote < 0 and opens_its_sentence(tokens, at)


def _young_waiting(
    tokens: Sequence[Token], pending: Mapping[str, list[Ref]], ref: Ref
) -> str | None:
    """The head of the one young person ("a little boy") an indefinite brought in within the
    two paragraphs before ``ref`` without their acting yet, if only one is waiting and the
    narration has shown no others of their age since ("toppling a small child over ... The
    small children were looking at them": the kid after it may be any of them)."""
    para = tokens[ref.first].para
    heads = [
        key
        for key, refs in pending.items()
        if key in _YOUNG_HEADS and para - tokens[refs[-1].first].para <= 2
    ]
    if len(heads) != 1:
        return None
    since = range(pending[heads[0]][-1].last + 1, ref.first)
    if any(tokens[i].lower in _YOUNG_GROUPS and tokens[i].quote < 0 for i in since):
        return None
    return heads[0]


_YOUNG_GROUPS = frozenset("children kids boys girls youngsters".split())


_CARRIED_ON = frozenset({"on", "in", "under", "over", "against", "across"})


def _carried(tokens: Sequence[Token], ref: Ref, named_at: Mapping[int, str]) -> tuple[str, ...]:
    """The one named in a "with" phrase before a possessive pronoun after a preposition, in its
    sentence, who is not its owner: "Stripe came through the gate with Socks on his hip and a
    swag under his other arm" (Stripe's hip and arm)."""
    i = ref.first
    if i < 3 or tokens[i].lower not in ("his", "her") or tokens[i - 1].lower not in _CARRIED_ON:
        return ()
    for k in range(i - 2, max(i - 12, 0), -1):
        if tokens[k].sent != tokens[i].sent:
            break
        if k in named_at and tokens[k - 1].lower == "with":
            return (named_at[k],)  # and "... and a bag under his other arm" after it
    return ()
