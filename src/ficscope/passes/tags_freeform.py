"""Freeform ("additional") tags: a useful set, each suggested only with evidence from the text.

Each rule counts cue sentences (English lexicons) and looks at what the other layers found (the
relationships, the deaths, the rating's content scan). The tags are the archive's usual spellings.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ficscope.model import Evidence, Relationship, TagSuggestion, TagType, Work
from ficscope.passes.tags_content import Content, death_of, main_characters, sex_scene
from ficscope.passes.tags_fandom import header_blocks
from ficscope.passes.tags_text import (
    CueSet,
    Sentence,
    sentence_index,
    story_sentences,
)

SADNESS = CueSet(
    "sadness",
    {
        "tear/tears/sob/sobs/sobbed/sobbing/cry/cried/crying/wept/weep/weeping/grief/grieve/grieved/"
        "grieving/despair/"
        "guilt/guilty/heartbreak/heartbreaking/heartbroken/mourn/mourned/mourning/sorrow/anguish/"
        "devastated/"
        "devastating/hopeless/hopelessness/regret/regrets/regretted": 1.0,
        "lump in his/her/my throat": 1.0,
        "choked up/back": 1.0,
    },
)
HURT = CueSet(
    "hurt",
    {
        "wound/wounded/wounds/injury/injuries/injured/bleeding/bled/hurt/pain/painful/bandage/"
        "bandaged/bandages/concussion/laceration/gauze/sprained/bruised/bruises/"
        "dressing/suture/stitch/stitches/heal/healed/healing/hospital/fever/broken/limp/limped/"
        "limping": 1.0,
    },
)
COMFORT = CueSet(
    "comfort",
    {
        "comfort/comforted/comforting/comforts/soothe/soothed/soothing/hug/hugged/hugs/stroked/"
        "reassure/reassured/"
        "reassuring/nuzzle/nuzzled/nuzzling/cradle/cradled/cradling/huddled": 1.0,
        "held/holding/hold/squeezed/squeezing/squeeze her/his/their hand/hands": 1.0,
        "held her/him/them": 1.0,
        "ruffled his/her hair": 1.0,
        "stroked/stroking his/her hair/cheek/face/back": 1.0,
        "took his/her hand": 1.0,
        "fussed/fussing over": 1.0,
        "sat/stayed/sitting by his/her bed/bedside/side": 1.0,
        "you're going to be okay/fine/all": 1.0,
        "i'm here": 1.0,
        "hand on his/her shoulder": 1.0,
        "i've/i got you": 1.0,
        "it's all right": 1.0,
        "stay with me": 1.0,
        "it's okay": 1.0,
        "you're safe": 1.0,
        "his/her embrace": 1.0,
        "pulled her/him closer": 1.0,
    },
)
JOY = CueSet(
    "joy",
    {
        "smile/smiled/smiles/smiling/laugh/laughed/laughs/laughing/laughter/giggle/giggled/"
        "giggles/giggling/grin/"
        "grinned/grins/grinning/cuddle/cuddled/cuddling/happy/happily/happiness/tease/teased/"
        "teasing/blush/"
        "blushed/blushing/beamed/beaming": 1.0,
    },
)
SECRET = CueSet(
    "secret",
    {
        "a/the/their/our/this secret": 1.0,
        "secrecy/secretly": 1.0,
        "no one knew/knows": 1.0,
        "told/telling/tell anyone": 1.0,
        "keep it/this/us/them a? secret/quiet/hidden": 1.0,
        "hid/hide/hiding their/our relationship": 1.0,
        "told/tell the world about us": 1.0,
        "come clean": 1.0,
    },
)
FORBIDDEN = CueSet(
    "forbidden",
    {
        "forbidden/taboo": 1.0,
        "not allowed to be together": 1.0,
        "never/won't/don't accept us": 1.0,
        "will never accept us": 1.0,
        "they/people don't/won't understand": 1.0,
        "separate us": 1.0,
        "keep/tear us apart": 1.0,
        "knows/know your/my/our age": 1.0,
        "age difference": 1.0,
        "too young for": 1.0,
    },
)
RUN = CueSet(
    "on the run",
    {
        "on the run": 1.0,
        "fugitive/fugitives/escape/escaped/escaping/hunted/flee/fleeing/fled/pursued/pursuers/"
        "pursuing/pursuit/"
        "chased/chasing": 1.0,
        "to/in hide/hiding": 1.0,
        "hiding place/spot": 1.0,
        "run/ran away": 1.0,
        "following us": 1.0,
        "lost them": 1.0,
        "lost two of": 1.0,
        "get away from here": 1.0,
    },
)
AGE = CueSet(
    "age",
    {
        "old man": 1.0,
        "older/younger": 1.0,
        "age gap/difference": 1.0,
        "your/my/his/her age": 1.0,
        "too old/young": 1.0,
        "years older/younger": 1.0,
    },
)
SUICIDE = CueSet(
    "suicide",
    {
        "killed himself/herself/themselves/myself": 1.0,
        "suicide/overdose/overdosed": 1.0,
        "took his/her/their/my own life": 1.0,
        "hanged himself/herself/themselves": 1.0,
    },
)
SELF_HARM = CueSet(
    "self-harm",
    {
        "self harm/harming": 1.0,
        "cut herself/himself/themselves/myself": 1.0,
        "razor blade/blades": 1.0,
    },
)
MOURNING = CueSet(
    "mourning",
    {
        "funeral/funerals/grave/graves/mourn/mourned/mourning/grief/grieve/grieved/grieving/"
        "memorial/cenotaph": 1.0,
    },
)
TEACHER = CueSet(
    "teacher",
    {
        "sensei": 1.0,
        "my/your/his/her/former/old teacher/sensei/student/pupil/mentor/apprentice": 1.0,
    },
)
KISS = CueSet("kiss", {"kiss*": 1.0})
FIRST_KISS = CueSet("first kiss", {"first real? kiss": 1.0, "never been kissed": 1.0})
INJURY = CueSet(
    "injury",
    {
        "blood/bloodied/bloody/bleed/bleeding/bleeds/bled/wound/wounded/wounds/injury/injuries/"
        "injured": 1.0,
    },
)
AU = re.compile(
    r"(?<![\w-])AU(?![\w-])|\b(?:[Aa]lternat(?:e|ive) [Uu]niverse|[Cc]anon [Dd]ivergen(?:ce|t)|"
    r"[Ww]hat if)\b"
)


@dataclass(frozen=True, slots=True)
class _Facts:
    work: Work
    sents: Sequence[Sentence]
    words: int
    content: Content
    romantic: Sequence[Relationship]
    dead: bool  # a main character dies


Rule = Callable[[_Facts], "tuple[float, list[Evidence]] | None"]


def _hits(facts: _Facts, cues: CueSet) -> list[Evidence]:
    """One piece of evidence per sentence holding a cue of ``cues``."""
    text = facts.work.text
    where = sentence_index(facts.sents)
    found: list[Evidence] = []
    last = -1
    for cue in cues.in_story(facts.work):
        i = where(cue.start)
        if i < 0 or i == last:
            continue
        last = i
        sent = facts.sents[i]
        found.append(Evidence(sent.start, sent.end, f"{cues.name}: '{text[cue.start : cue.end]}'"))
    return found


def _density(count: int, facts: _Facts) -> float:
    return count * 1000 / max(facts.words, 1)


def _pick(evidence: Sequence[Evidence], limit: int = 2) -> list[Evidence]:
    """Evidence spread over the work: the first and the last, then the middle."""
    if len(evidence) <= limit:
        return list(evidence)
    if limit == 1:
        return [evidence[0]]
    step = (len(evidence) - 1) / (limit - 1)
    return [evidence[round(i * step)] for i in range(limit)]


def angst(f: _Facts) -> tuple[float, list[Evidence]] | None:
    hits = _hits(f, SADNESS)
    if f.dead and len(hits) >= 2:
        return 0.8, _pick(hits)
    if len(hits) >= 5 and _density(len(hits), f) >= 2.0:
        return min(0.85, 0.4 + 0.05 * len(hits)), _pick(hits)
    return None


def grief(f: _Facts) -> tuple[float, list[Evidence]] | None:
    """Mourning a character the story lost."""
    if not f.dead:
        return None
    hits = _hits(f, MOURNING)
    return (min(0.75, 0.45 + 0.1 * len(hits)), _pick(hits)) if len(hits) >= 2 else None


def violence(f: _Facts) -> tuple[float, list[Evidence]] | None:
    graphic = [h for h in f.content.violence if h.level == 2]
    if len(graphic) >= 3:
        return min(0.8, 0.45 + 0.05 * len(graphic)), [h.evidence(f.work.text) for h in graphic[:2]]
    return None


def character_death(f: _Facts) -> tuple[float, list[Evidence]] | None:
    for character in main_characters(f.work) + list(f.work.characters):
        confidence, hits = death_of(f.work, f.content, character)
        if confidence:
            return confidence, [h.evidence(f.work.text) for h in hits[:2]]
    strong = [h for h in f.content.any_death if h.level == 2]
    if len(strong) >= 3:
        return 0.6, [h.evidence(f.work.text) for h in strong[:2]]
    return None


def hurt_comfort(f: _Facts) -> tuple[float, list[Evidence]] | None:
    hurt, comfort = _hits(f, HURT), _hits(f, COMFORT)
    need = max(2, f.words // 2000)  # cues a work of this length needs for each side
    if len(hurt) >= need + 2 and len(comfort) >= need:
        confidence = min(0.8, 0.4 + 0.03 * (len(hurt) + len(comfort)))
        return confidence, _pick(hurt, 1) + _pick(comfort, 1)
    return None


def fluff(f: _Facts) -> tuple[float, list[Evidence]] | None:
    joy, sad = _hits(f, JOY), _hits(f, SADNESS)
    violent = sum(1 for h in f.content.violence if h.level >= 1)
    need = max(3, 2 * f.words // 1000)
    if f.dead or len(joy) < need or len(joy) < 3 * max(len(sad), 1) or violent > len(joy) // 2:
        return None
    return min(0.8, 0.4 + 0.03 * len(joy)), _pick(joy)


def romance(f: _Facts) -> tuple[float, list[Evidence]] | None:
    if not f.romantic:
        return None
    main = f.romantic[0]
    return main.confidence, list(main.evidence[:2])


def secret_relationship(f: _Facts) -> tuple[float, list[Evidence]] | None:
    hits = _hits(f, SECRET)
    if f.romantic and len(hits) >= 2:
        return min(0.85, 0.45 + 0.1 * len(hits)), _pick(hits)
    return None


def love_confessions(f: _Facts) -> tuple[float, list[Evidence]] | None:
    if not f.romantic:
        return None
    text = f.work.text
    said = [e for e in f.romantic[0].evidence if "love you" in text[e.start : e.end].lower()]
    return (0.7, said[:2]) if said else None


def kissing(f: _Facts) -> tuple[float, list[Evidence]] | None:
    if not f.romantic:
        return None
    kisses = _hits(f, KISS)
    return (min(0.75, 0.4 + 0.07 * len(kisses)), _pick(kisses)) if len(kisses) >= 3 else None


def first_kiss(f: _Facts) -> tuple[float, list[Evidence]] | None:
    """A first kiss the story tells (not one remembered in dialogue)."""
    if not f.romantic:
        return None
    text = f.work.text
    quoted = [(q.start, q.end) for q in f.work.quotes]
    told = [
        e for e in _hits(f, FIRST_KISS) if not any(a <= e.start and e.end <= b for a, b in quoted)
    ]
    told = [
        e for e in told if not any(a <= text.find("first", e.start, e.end) < b for a, b in quoted)
    ]
    return (0.65, told[:1]) if told else None


def forbidden_love(f: _Facts) -> tuple[float, list[Evidence]] | None:
    hits = _hits(f, FORBIDDEN)
    if f.romantic and len(hits) >= 2:
        return min(0.8, 0.45 + 0.1 * len(hits)), _pick(hits)
    return None


def on_the_run(f: _Facts) -> tuple[float, list[Evidence]] | None:
    hits = _hits(f, RUN)
    if len(hits) >= 5 and _density(len(hits), f) >= 2.5:
        return min(0.8, 0.4 + 0.04 * len(hits)), _pick(hits)
    return None


def teacher_student(f: _Facts) -> tuple[float, list[Evidence]] | None:
    """A romance where one was the other's teacher ("my old teacher", "Thanks, sensei.")."""
    if not any("teach" in r.kinds for r in f.romantic):
        return None
    hits = _hits(f, TEACHER)
    return (min(0.7, 0.45 + 0.1 * len(hits)), _pick(hits)) if hits else None


def age_difference(f: _Facts) -> tuple[float, list[Evidence]] | None:
    hits = _hits(f, AGE)
    if f.romantic and len(hits) >= 3:
        return min(0.7, 0.35 + 0.07 * len(hits)), _pick(hits)
    return None


def tragedy(f: _Facts) -> tuple[float, list[Evidence]] | None:
    if f.dead and f.romantic and len(_hits(f, SADNESS)) >= 5:
        return 0.6, [h.evidence(f.work.text) for h in f.content.any_death[-1:]]
    return None


def blood_and_injury(f: _Facts) -> tuple[float, list[Evidence]] | None:
    hits = _hits(f, INJURY)
    if len(hits) >= 8 and _density(len(hits), f) >= 2:
        return min(0.75, 0.35 + 0.03 * len(hits)), _pick(hits)
    return None


def swearing(f: _Facts) -> tuple[float, list[Evidence]] | None:
    hits = [h for h in f.content.language if h.level >= 2]
    if len(hits) >= 8:
        return min(0.75, 0.4 + 0.03 * len(hits)), [h.evidence(f.work.text) for h in hits[:2]]
    return None


def sexual_content(f: _Facts) -> tuple[float, list[Evidence]] | None:
    hits = sex_scene(f.content.sexual, f.work.text, level=3, need=3)
    if hits:
        return min(0.8, 0.4 + 0.05 * len(hits)), [h.evidence(f.work.text) for h in hits[:2]]
    return None


def smut(f: _Facts) -> tuple[float, list[Evidence]] | None:
    hits = sex_scene(f.content.sexual, f.work.text, level=4, need=6)
    if hits:
        return min(0.8, 0.4 + 0.04 * len(hits)), [h.evidence(f.work.text) for h in hits[:2]]
    return None


def suicide(f: _Facts) -> tuple[float, list[Evidence]] | None:
    hits = _hits(f, SUICIDE)
    return (min(0.8, 0.5 + 0.1 * len(hits)), _pick(hits)) if hits else None


def self_harm(f: _Facts) -> tuple[float, list[Evidence]] | None:
    hits = _hits(f, SELF_HARM)
    return (min(0.8, 0.4 + 0.1 * len(hits)), _pick(hits)) if len(hits) >= 2 else None


def alternate_universe(f: _Facts) -> tuple[float, list[Evidence]] | None:
    """Only what the author says in the notes, summary or header: no guessing from the story."""
    text = f.work.text
    for start, end in header_blocks(f.work):
        cue = AU.search(text, start, end)
        if cue is not None:
            return 0.7, [Evidence(cue.start(), cue.end(), "the author's notes say so")]
    return None


RULES: tuple[tuple[str, Rule], ...] = (
    ("Romance", romance),
    ("Angst", angst),
    ("Character Death", character_death),
    ("Hurt/Comfort", hurt_comfort),
    ("Fluff", fluff),
    ("Secret Relationship", secret_relationship),
    ("Forbidden Love", forbidden_love),
    ("Love Confessions", love_confessions),
    ("Kissing", kissing),
    ("First Kiss", first_kiss),
    ("On the Run", on_the_run),
    ("Teacher-Student Relationship", teacher_student),
    ("Age Difference", age_difference),
    ("Tragedy", tragedy),
    ("Grief/Mourning", grief),
    ("Violence", violence),
    ("Blood and Injury", blood_and_injury),
    ("Swearing", swearing),
    ("Sexual Content", sexual_content),
    ("Smut", smut),
    ("Suicide", suicide),
    ("Self-Harm", self_harm),
    ("Alternate Universe", alternate_universe),
)


def suggest_freeforms(
    work: Work, content: Content, relationships: Sequence[Relationship]
) -> list[TagSuggestion]:
    romantic = [r for r in relationships if r.romantic]
    dead = any(death_of(work, content, c)[0] for c in main_characters(work))
    facts = _Facts(work, story_sentences(work), content.words, content, romantic, dead)
    found: list[TagSuggestion] = []
    for tag, rule in RULES:
        result = rule(facts)
        if result is not None:
            confidence, evidence = result
            found.append(
                TagSuggestion(tag, TagType.FREEFORM, round(confidence, 2), tuple(evidence))
            )
    return sorted(found, key=lambda s: -s.confidence)
