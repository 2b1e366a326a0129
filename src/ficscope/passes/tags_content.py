"""What a work contains, for the rating and the archive warnings: language, violence and how
graphic it is, sexual content and how explicit, deaths and who dies, non-consent, minors.

Every finding keeps its sentence as evidence. The rating is the strongest level any kind of
content reaches; the evidence given is what decided it. Archive warnings are suggested only with
evidence; with none, "No Archive Warnings Apply".
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from ficscope.model import (
    Character,
    Evidence,
    Rating,
    TagSuggestion,
    TagType,
    Warning,
    Work,
)
from ficscope.passes.tags_text import (
    CueSet,
    Sentence,
    clip,
    in_a_line,
    sentence_index,
    story_sentences,
)

# --- cue lexicons (English) ----------------------------------------------------------------------

PROFANITY = {
    1: CueSet(
        "mild language",
        {
            "damn/damned/damnit/dammit/hell/crap/crappy/jerk/freaking/frickin/fricking": 1.0,
            "screw you/it/this": 1.0,
        },
    ),
    2: CueSet(
        "language",
        {
            "shit/shitty/shits/shitting/bullshit/bastard/bastards/bitch/bitches/bitchy/ass/"
            "asshole/assholes/arse/"
            "arsehole/piss/pissed/=dick/=dickhead/prick/slut/whore/jackass/goddamn/goddamnit/"
            "goddamned": 1.0,
            "bloody hell": 1.0,
        },
    ),
    3: CueSet("strong language", {"fuck*/motherfuck*/cunt/twat": 1.0}),
}
VIOLENCE = {
    1: CueSet(
        "violence",
        {
            "blood/bloodied/bloody/bleed/bleeding/bleeds/bled/wound/wounded/wounds/injury/"
            "injuries/injured/kill/"
            "killed/killing/kills/killer/murder*/stab/stabbed/stabbing/slash/slashed/shot/"
            "gunfire/punch/punched/"
            "punches/beaten/beating/fight/fighting/fought/attack/attacked/attackers/attacks/"
            "battle/weapon/weapons/"
            "sword/swords/knife/knives/blade/fractured": 1.0,
            "broken bone/bones/rib/ribs/arm/leg": 1.0,
        },
    ),
    2: CueSet(
        "graphic violence",
        {
            "gore/gory/entrails/intestines/viscera/disembowel*/decapitat*/dismember*/beheaded/"
            "gouged/flayed/"
            "mutilat*/massacre/massacred/carnage/corpses/tortured/torturing/maggot/maggots": 1.0,
            "severed head/limb/limbs/arm/arms/leg/legs/hand/hands/finger/fingers": 1.0,
            "brain/brains splattered/spilled/leaking": 1.0,
            "skull/face crushed/caved/shattered": 1.0,
            "bone/bones protruding/jutting": 1.0,
            "bone/bones sticking out": 1.0,
            "blood sprayed/spurted/gushed/fountained/soaked": 1.0,
            "gushing blood": 1.0,
            "pool/pools of blood": 1.0,
            "ripped/torn/tore/sliced open/apart": 1.0,
            "cut open": 1.0,
            "slit his/her/their/my throat": 1.0,
            "throat slit/cut": 1.0,
            "scream/screams of agony": 1.0,
            "gush/spurt/spray/fountain of blood": 1.0,
            "exit wound": 1.0,
            "coughed/coughing/cough/vomited/vomiting up blood": 1.0,
            "poking/sticking/jutting/protruding out of "
            "his/her/their/my chest/stomach/side/back": 1.0,
            "blood soaked/stained/drenched": 1.0,
        },
    ),
}
SEXUAL = {
    2: CueSet(
        "suggestive",
        {
            "groped/straddle/straddled/straddling/naked/nude/undress/undressed/undressing/"
            "shirtless/innuendo/seduce/"
            "seduced/seduction/seductive/seducing/sex/sexy/sexual/sexually/aroused/arousal/lust/"
            "lustful/hickey/"
            "hickeys/lovemarks/moan/moaned/moans/moaning": 1.0,
            "made/make/making out": 1.0,
            "in bed with": 1.0,
            "love mark/marks": 1.0,
            "without my/his/her/your pants/clothes": 1.0,
        },
    ),
    3: CueSet(
        "sexual content",
        {
            "orgasm/orgasms/orgasmed/erection/breasts/nipple/nipples/lingerie/foreplay": 1.0,
            "made/make/making love": 1.0,
            "had/have/having sex": 1.0,
            "slept/sleeping together": 1.0,
            "between his/her/my legs/thighs": 1.0,
            "grind/grinding/grinded against": 1.0,
            "sex scene": 1.0,
        },
    ),
    4: CueSet(
        "explicit sexual content",
        {
            "=cock/=cocks/penis/clit/clitoris/pussy/vagina/=cum/=cumming/semen/blowjob/lube/"
            "lubricant/anal": 1.0,
            "blow job": 1.0,
            "fucked/fucking/fuck him/her/me/you/them": 1.0,
            "his/her length/folds": 1.0,
            "came hard/inside": 1.0,
            "inside her/him hard/deep": 1.0,
        },
    ),
}
DEATH = CueSet(
    "death",
    {
        "died/dies/dead/death/killed/funeral/funerals/mourn/mourned/mourning/mourners/grave/"
        "graves/buried/burial/"
        "lifeless/corpse/cenotaph/memorial": 1.0,
        "passed away": 1.0,
        "last breath": 1.0,
        "stopped breathing": 1.0,
        "breathed his/her/their last": 1.0,
        "no pulse": 1.0,
        "heart stopped": 1.0,
        "time of death": 1.0,
        "gone forever": 1.0,
        "was/were gone": 1.0,
        "lost a student/friend/son/daughter/comrade/brother/sister": 1.0,
        "the dead": 1.0,
        "his/her/their last wish": 1.0,
    },
)
_STRONG_DEATH = re.compile(
    r"died|killed|passed away|funeral|last breath|stopped breathing|breathed \w+ last|"
    r"time of death|lifeless|corpse|no pulse|heart stopped|dead",
    re.I,
)
_NOT_DEATH = re.compile(
    r"\b(?:not|n't|never|almost|nearly|if|would|could|might|going to|gonna|afraid|fear(?:ed)?|"
    r"want to|"
    r"wanted to|trying to|try to|won't let|will|shall|wish|before|pretend(?:ed)?|play(?:ed|"
    r"ing)? dead|"
    r"as if|like a|dead (?:tired|silent|serious|set|still|center|end|weight|asleep|of night)|"
    r"dying to|die down|dies down|dies here|death glare|to die for)\b",
    re.I,
)
NONCON = CueSet(
    "non-consent",
    {
        "rape/raped/rapes/raping/rapist/noncon/nonconsensual/molest/molested/molesting/"
        "molestation": 1.0,
        "non con/consensual": 1.0,
        "sexual/sexually assault/assaulted": 1.0,
        "forced himself/herself/themselves on/upon": 1.0,
        "against her/his/their/my will": 1.0,
        "without her/his/their/my consent": 1.0,
        "didn't consent": 1.0,
    },
)
MINOR = CueSet(
    "minor",
    {
        "twelve/thirteen/fourteen/fifteen/sixteen/seventeen/12/13/14/15/16/17 year/years old": 1.0,
        "underage": 1.0,
        "age/aged of? twelve/thirteen/fourteen/fifteen/sixteen/seventeen/12/13/14/15/16/17": 1.0,
        "middle school/schooler": 1.0,
        "junior high": 1.0,
    },
)


@dataclass(frozen=True, slots=True)
class Hit:
    kind: str  # the lexicon's name: "strong language", "graphic violence", ...
    level: int
    start: int  # the cue
    end: int
    sentence: Sentence

    def evidence(self, text: str) -> Evidence:
        return Evidence(
            self.sentence.start, self.sentence.end, f"{self.kind}: '{text[self.start : self.end]}'"
        )


@dataclass
class Content:
    """Everything found, by kind."""

    words: int
    language: list[Hit] = field(default_factory=list)
    violence: list[Hit] = field(default_factory=list)
    sexual: list[Hit] = field(default_factory=list)
    deaths: dict[str, list[Hit]] = field(
        default_factory=lambda: defaultdict(list)
    )  # character id -> hits
    any_death: list[Hit] = field(default_factory=list)
    noncon: list[Hit] = field(default_factory=list)
    minors: list[Hit] = field(default_factory=list)

    def count(self, hits: Sequence[Hit], level: int) -> int:
        return sum(1 for h in hits if h.level == level)


def scan(work: Work) -> Content:
    text = work.text
    sents = story_sentences(work)
    where = sentence_index(sents)
    content = Content(words=work.word_count or len(text.split()))

    def hits(cues: CueSet, level: int) -> list[Hit]:
        found = []
        for cue in cues.in_story(work):
            i = where(cue.start)
            if i >= 0:
                found.append(Hit(cues.name, level, cue.start, cue.end, sents[i]))
        return found

    for level, cues in PROFANITY.items():
        content.language += hits(cues, level)
    for level, cues in VIOLENCE.items():
        content.violence += hits(cues, level)
    for level, cues in SEXUAL.items():
        content.sexual += hits(cues, level)
    for group in (content.language, content.violence, content.sexual):
        group.sort(key=lambda h: h.start)
    content.noncon = [h for h in hits(NONCON, 1) if not _negated(text, h.sentence.start, h.start)]
    content.minors = hits(MINOR, 1)
    for hit in hits(DEATH, 1):
        if _negated(text, hit.sentence.start, hit.start) or _NOT_DEATH.search(
            text, hit.start, min(hit.sentence.end, hit.end + 12)
        ):
            continue
        strong = bool(_STRONG_DEATH.fullmatch(text[hit.start : hit.end]))
        content.any_death.append(Hit("death", 2 if strong else 1, hit.start, hit.end, hit.sentence))
    _attribute_deaths(work, sents, content)
    return content


# Who dies: a character named (or referred to) right next to a death cue.
_DIES_AFTER = re.compile(
    r"\s+(?:(?:had|has|have|was|is|were|finally|already|just|then|slowly|quietly|eventually)\s+)*"
    r"(?P<cue>died|dies|passed away|(?:was|is|were) gone|(?:was|is|lay|lies) dead|"
    r"stopped breathing|"
    r"breathed (?:his|her|their) last|(?:was|is) no more|never woke(?: up)?|(?:was|had been|"
    r"got) killed|succumbed)\b",
    re.I,
)
_POSSESSED = re.compile(
    r"\s+(?:[a-z]+\s+)?(?P<cue>death|funeral|grave|corpse|dead body|last breath|last wish|"
    r"last moments|"
    r"memorial|passing|ashes|tombstone|coffin|casket)\b",
    re.I,
)
_KILLED_BEFORE = re.compile(
    r"\b(?P<cue>killed|murdered|mourned|buried|mourning|avenged|cremated)\s+$", re.I
)
_WEAK = {
    "was gone",
    "is gone",
    "were gone",
    "passing",
    "never woke",
    "never woke up",
    "last moments",
    "memorial",
    "ashes",
}
_POSSESSIVE_FORMS = {"his", "her", "their", "my", "your"}


_FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself"})


def _heard_pronouns(work: Work) -> set[int]:
    """Where a line's pronouns of someone other than its speaker start ("you", "he", "his"):
    resolved from who speaks and who is there, too unsure to say who dies ("his death")."""
    inside = in_a_line(work)
    return {
        m.start
        for m in work.mentions
        if m.kind == "pronoun"
        and inside(m.start)
        and work.text[m.start : m.end].lower() not in _FIRST_PERSON
    }


def _attribute_deaths(work: Work, sents: Sequence[Sentence], content: Content) -> None:
    text = work.text
    where = sentence_index(sents)
    named = {c.id for c in work.characters if c.name[:1].isupper()}
    heard = _heard_pronouns(work)
    for mention in work.mentions:
        if mention.character not in named or mention.start in heard:
            continue
        surface = text[mention.start : mention.end]
        possessive = surface.lower() in _POSSESSIVE_FORMS or surface.endswith(("'s", "’s"))
        match = _DIES_AFTER.match(text, mention.end)
        if match is None and possessive:
            match = _POSSESSED.match(text, mention.end)
        if match is None and mention.kind == "name":
            match = _KILLED_BEFORE.search(text, max(0, mention.start - 14), mention.start)
        if match is None:
            continue
        i = where(mention.start)
        if i < 0:
            continue
        sent = sents[i]
        if _negated(text, sent.start, min(mention.start, match.start("cue"))):
            continue
        cue = " ".join(match.group("cue").lower().split())
        hit = Hit("death", 1 if cue in _WEAK else 2, match.start("cue"), match.end("cue"), sent)
        content.deaths[mention.character].append(hit)


def _negated(text: str, sentence_start: int, cue_start: int) -> bool:
    window = text[max(sentence_start, cue_start - 40) : cue_start]
    return bool(_NOT_DEATH.search(window))


# --- rating --------------------------------------------------------------------------------------

_ORDER = [Rating.GENERAL, Rating.TEEN, Rating.MATURE, Rating.EXPLICIT]


def suggest_rating(content: Content, text: str) -> TagSuggestion:
    """The strongest level any content reaches, with the evidence that decided it."""
    per_k = 1000 / max(content.words, 1)
    reasons: list[tuple[Rating, float, list[Hit]]] = []

    lang = content.language
    strong, moderate, mild = (content.count(lang, n) for n in (3, 2, 1))
    if strong >= 15 and strong * per_k >= 3:
        reasons.append((Rating.MATURE, 0.6, [h for h in lang if h.level == 3]))
    elif strong >= 1 or moderate >= 2 or mild >= 6:
        hits = [h for h in lang if h.level == 3] or [h for h in lang if h.level == 2] or lang
        reasons.append((Rating.TEEN, min(0.85, 0.55 + 0.05 * (strong * 2 + moderate)), hits))

    graphic = content.count(content.violence, 2)
    violent = content.count(content.violence, 1)
    if graphic >= 4 and graphic * per_k >= 3:  # graphic violence that dominates, not one scene
        reasons.append(
            (
                Rating.MATURE,
                min(0.9, 0.5 + 0.05 * graphic),
                [h for h in content.violence if h.level == 2],
            )
        )
    elif graphic >= 1 or violent >= 5:
        hits = [h for h in content.violence if h.level == 2] + _serious(content.violence, text)
        reasons.append((Rating.TEEN, min(0.85, 0.5 + 0.02 * violent + 0.1 * graphic), hits))

    sex = content.sexual
    suggestive = content.count(sex, 2)
    explicit_scene = sex_scene(sex, text, level=4, need=3)
    mature_scene = sex_scene(sex, text, level=3, need=2)
    if explicit_scene:
        reasons.append(
            (Rating.EXPLICIT, min(0.95, 0.6 + 0.05 * len(explicit_scene)), explicit_scene)
        )
    elif mature_scene:
        reasons.append((Rating.MATURE, min(0.85, 0.55 + 0.05 * len(mature_scene)), mature_scene))
    elif suggestive + content.count(sex, 3) + content.count(sex, 4) >= 2:
        reasons.append(
            (Rating.TEEN, min(0.8, 0.5 + 0.04 * suggestive), [h for h in sex if h.level >= 2])
        )

    if content.noncon:
        reasons.append((Rating.MATURE, 0.6, content.noncon))
    if not reasons:
        return TagSuggestion(Rating.GENERAL.value, TagType.RATING, 0.6, ())
    top = max(_ORDER.index(r) for r, _, _ in reasons)
    deciding = [(c, hits) for r, c, hits in reasons if _ORDER.index(r) == top]
    confidence = max(c for c, _ in deciding)
    if len(deciding) > 1:
        confidence = min(0.95, confidence + 0.05 * (len(deciding) - 1))
    evidence: list[Evidence] = []
    for _, hits in deciding:
        evidence += _spread(hits, text, 2)
    return TagSuggestion(
        _ORDER[top].value, TagType.RATING, round(confidence, 2), tuple(evidence[:4])
    )


SCENE = 4000  # characters: how close sexual cues must stand to make one scene


def sex_scene(hits: Sequence[Hit], text: str, *, level: int, need: int) -> list[Hit]:
    """The densest run of sexual cues of at least ``level`` within one scene's reach, if it has
    ``need`` cues and two different words (one "cock robin" or dialect "cum" is no sex scene)."""
    strong = [h for h in hits if h.level >= level]
    best: list[Hit] = []
    lo = 0
    for hi in range(len(strong)):
        while strong[hi].start - strong[lo].start > SCENE:
            lo += 1
        run = strong[lo : hi + 1]
        if len(run) > len(best):
            best = run
    words = {text[h.start : h.end].lower() for h in best}
    return best if len(best) >= need and len(words) >= 2 else []


def _serious(hits: Sequence[Hit], text: str) -> list[Hit]:
    """Violence hits about blood and killing before the merely martial ones."""
    key = re.compile(r"blood|bleed|bled|kill|murder|stab|wound|injur", re.I)
    return sorted(hits, key=lambda h: 0 if key.match(text, h.start) else 1)


def _spread(hits: Sequence[Hit], text: str, limit: int) -> list[Evidence]:
    """Up to ``limit`` pieces of evidence from different sentences."""
    found: list[Evidence] = []
    for hit in hits:
        if all(e.start != hit.sentence.start for e in found):
            found.append(hit.evidence(text))
        if len(found) == limit:
            break
    return found


# --- archive warnings ----------------------------------------------------------------------------


def main_characters(work: Work) -> list[Character]:
    """The named characters who carry the story: the two most prominent, and anyone else with a
    large share of the mentions."""
    named = [c for c in work.characters if c.name[:1].isupper()]
    named.sort(key=lambda c: -(c.mention_count + c.quote_count))
    total = sum(c.mention_count + c.quote_count for c in named) or 1
    return [
        c for i, c in enumerate(named) if i < 2 or (c.mention_count + c.quote_count) / total >= 0.15
    ]


def death_of(work: Work, content: Content, character: Character) -> tuple[float, list[Hit]]:
    """How sure it is that ``character`` dies in the story, and the evidence: death cues naming
    them ("Sakura was gone.", "Sakura's funeral"), other deaths and mourning after their last
    line, and their silence from the first such cue on."""
    hits = sorted(content.deaths.get(character.id, []), key=lambda h: h.start)
    if not hits:
        return 0.0, []
    first = hits[0].start
    if sum(1 for q in work.quotes if q.speaker == character.id and q.start > first) > 1:
        return 0.0, []  # still talking afterwards: not dead (or back from the dead)
    named = sum(1.0 if h.level == 2 else 0.6 for h in hits)
    last_line = max((q.end for q in work.quotes if q.speaker == character.id), default=0)
    after = [h for h in content.any_death if h.start > last_line]
    score = named + 0.3 * len(after)
    if score < 1.5 or named < 1.0:
        return 0.0, []
    confidence = min(0.9, 0.45 + 0.1 * named + 0.05 * len(after))
    return round(confidence, 2), hits + sorted(after, key=lambda h: -h.level)


def suggest_warnings(work: Work, content: Content) -> list[TagSuggestion]:
    text = work.text
    found: list[TagSuggestion] = []
    graphic = [h for h in content.violence if h.level == 2]
    if len(graphic) >= max(3, content.words // 3000):
        found.append(
            TagSuggestion(
                Warning.VIOLENCE.value,
                TagType.WARNING,
                min(0.9, 0.4 + 0.05 * len(graphic)),
                tuple(_spread(graphic, text, 3)),
            )
        )
    deaths = []
    for character in main_characters(work):
        confidence, hits = death_of(work, content, character)
        if confidence:
            deaths.append((confidence, character, hits))
    if deaths:
        confidence, character, hits = max(deaths, key=lambda d: d[0])
        evidence = tuple(
            Evidence(e.start, e.end, f"{character.name} dies: {e.note}")
            for e in _spread(hits, text, 3)
        )
        found.append(
            TagSuggestion(Warning.DEATH.value, TagType.WARNING, round(confidence, 2), evidence)
        )
    if len(content.noncon) >= 2 or any(
        re.match(r"rap(?:ed|ing|ist)", text[h.start : h.end], re.I) for h in content.noncon
    ):
        found.append(
            TagSuggestion(
                Warning.NONCON.value,
                TagType.WARNING,
                min(0.85, 0.5 + 0.1 * len(content.noncon)),
                tuple(_spread(content.noncon, text, 3)),
            )
        )
    sexual = sex_scene(content.sexual, text, level=3, need=2)
    if sexual and content.minors:
        found.append(
            TagSuggestion(
                Warning.UNDERAGE.value,
                TagType.WARNING,
                0.5,
                tuple(_spread(content.minors, text, 1) + _spread(sexual, text, 1)),
            )
        )
    if not found:
        found.append(TagSuggestion(Warning.NONE_APPLY.value, TagType.WARNING, 0.7, ()))
    return found


def summary_line(hit: Hit, text: str) -> str:
    return clip(text[hit.sentence.start : hit.sentence.end])
