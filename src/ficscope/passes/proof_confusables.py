"""Confusables: real words used for another word, caught only in contexts where the written word
cannot stand ("Your right," "its okay", "dashed off though the halls", "could of").

Each rule is a regex over one paragraph whose group ``w`` is the wrong word; the replacement keeps
the original's capitalisation. Rules are English knowledge, not fandom knowledge; each one is kept
only if it stays silent on published novels (see eval/proof/README.md).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ficscope.model import ProofFlag
from ficscope.passes.tags_text import Words

_P = r"(?=\s*[,.!?;:\"”…—]|\s*$)"  # followed by punctuation or the end
_OBJ = r"(?:him|her|them|me|us|it|you)"
_DET = r"(?:the|a|an|his|her|their|my|your|our|its|this|that|these|those|every|each|all|some)"
_MOTION = (
    r"(?:walk|walked|walking|ran|run|running|rushed|rush|rushing|dashed|dash|dashing|went|go|going|"
    r"goes|drove|drive|driving|flew|fly|flying|sail|sailed|sailing|raced|race|racing|hurried|hurry|"
    r"zoomed|zoom|sped|speed|slipped|slip|moved|move|moving|strolled|stroll|marched|march|stormed|"
    r"brushed|brush|pushed|push|pushing|shoved|squeezed|swept|sweep|darted|dart|jogged|jog|limped|"
    r"stumbled|wandered|wander|crept|creep|sprinted|sprint|rode|ride|swam|swim|looked|looking|look|"
    r"peered|peer|peeked|peek|stared|glanced|shot|cut|cutting|tore|torn|broke|break|crashed|"
    r"way|path|paths|turns|switchbacks|tunnel|tunnels)"
)
_CLAUSE_VERB = re.compile(
    r"\b(?:was|were|is|are|am|had|has|have|did|does|do|could|would|should|might|must|can|will|"
    r"shall|seemed|seems|felt|feels|knew|knows|looked|looks|wasn't|weren't|isn't|aren't|hadn't|"
    r"didn't|doesn't|don't|couldn't|wouldn't|won't|can't|said|says|thought|wanted|began|begins|came|"
    r"comes|went|goes|fell|falls|stood|stands|sat|sits|lay|lies|grew|grows|ran|runs|rose|saw|sees|made|"
    r"took|gave|got|kept|left|held|found|told|became|broke|brought|shone|seemed|meant|hung|sank|"
    r"[a-z]+ed)\b"
)


@dataclass(frozen=True, slots=True)
class Rule:
    """A confusable: ``anchors`` are the written word's forms; ``before`` must match the text just
    before it (up to its paragraph's start), ``after`` the text right after it; ``not_before`` and
    ``not_after`` must not. ``check`` may still refuse a match (returning None)."""

    name: str
    anchors: frozenset[str]
    replacement: str | Callable[[str], str]
    message: str
    confidence: float
    before: re.Pattern[str] | None = None
    after: re.Pattern[str] | None = None
    not_before: re.Pattern[str] | None = None
    not_after: re.Pattern[str] | None = None
    check: Callable[[str, int], bool] | None = None


def _rule(
    name: str,
    anchors: str,
    replacement: str | Callable[[str], str],
    message: str,
    confidence: float,
    *,
    before: str | None = None,
    after: str | None = None,
    not_before: str | None = None,
    not_after: str | None = None,
    check: Callable[[str, int], bool] | None = None,
) -> Rule:
    def end(p: str | None) -> re.Pattern[str] | None:
        return re.compile(f"(?:{p})$", re.I) if p is not None else None

    def start(p: str | None) -> re.Pattern[str] | None:
        return re.compile(p, re.I) if p is not None else None

    return Rule(
        name,
        frozenset(anchors.split()),
        replacement,
        message,
        confidence,
        end(before),
        start(after),
        end(not_before),
        start(not_after),
        check,
    )


def _though(text: str, end: int) -> bool:
    """'though' for 'through' unless a clause follows ("though the man was tired")."""
    rest = text[end : end + 60]
    stop = re.search(r"[,.;:!?\"”—\n]|\b(?:and|but|or|so|as|while|when)\b", rest)
    phrase = rest[: stop.start()] if stop else rest
    return not _CLAUSE_VERB.search(phrase)


def _suffix(base: str, cut: int) -> Callable[[str], str]:
    """A replacement keeping the written word's ending: assess + "ed" for "accessed"."""
    return lambda word: base + word[cut:]


_RUN_ON_WORDS = {
    "alot": "a lot",
    "incase": "in case",
    "infront": "in front",
    "aswell": "as well",
    "atleast": "at least",
    "eachother": "each other",
    "noone": "no one",
    "everytime": "every time",
    "inbetween": "in between",
    "upto": "up to",
    "alittle": "a little",
}

_YOURE = "'your' where 'you're' (you are) is meant"
_ITS = "'its' (possessive) where 'it's' (it is) is meant"
_LETS = "'lets' where 'let's' (let us) is meant"
_THROUGH = "'though' where 'through' is meant"
_TOO = "'to' where 'too' is meant"

# Where "your" can only be "you're": at a sentence or quotation start, or after words that
# introduce a clause ("I think your right").
_CLAUSE_START = (
    r"^|[.!?…][\"”’']?\s+|[\"“‘(]\s*|\b(?:think|thought|know|knew|guess|hope|bet|if|because|cause|"
    r"but|and|that|when|maybe|probably|well|oh|yes|yeah|no|okay|ok|said|say)\s+"
)
_SENTENCE_START = r"^|[.!?…][\"”’']?\s+|[\"“‘(]\s*"
_GERUND_NEXT = r"\s+(?:not|never|always|really)\s+(?:[a-z]+ing|un[a-z]+)\b"
_PARTICIPLE = (
    r"\s+(?:been|known|done|gone|had|seen|said|made|got|gotten|taken|thought|told|given|come|went|"
    r"[a-z]{2,}ed|[a-z]+en)\b"
)

RULES: tuple[Rule, ...] = (
    _rule(
        "your-youre",
        "your",
        "you're",
        _YOURE,
        0.9,
        before=_CLAUSE_START,
        after=r"\s+(?:right|welcome|sure|kidding|joking|lying|wrong)" + _P,
    ),
    _rule(
        "your-youre",
        "your",
        "you're",
        _YOURE,
        0.75,
        before=_CLAUSE_START,
        after=r"\s+(?:too|not|gonna|such\s+an?|an?|the|really|always|never)\s+(?!own\b)[a-z]",
        not_after=_GERUND_NEXT,
    ),
    _rule(
        "your-youre",
        "your",
        "you're",
        _YOURE,
        0.85,
        before=_CLAUSE_START,
        after=r"\s+going\s+to\s+(?:be|have|get|do|make|go|need|want|love|hate|regret|die|kill|fall|hurt)\b",
    ),
    _rule(
        "youre-your",
        "you're you’re",
        "your",
        "'you're' (you are) where the possessive 'your' is meant",
        0.85,
        after=r"\s+(?:own|house|mother|father|mom|dad|hand|hands|eyes|face|head|life|room|sister|brother|"
        r"friend|phone|name|fault|hair|mind|heart|body)\b",
    ),
    _rule(
        "its-its",
        "its",
        "it's",
        _ITS,
        0.85,
        after=r"\s+(?:okay|ok|alright|been|gonna|a|an|the|too|nothing|my|your|our|their|me|you|him|us|them|"
        r"what|how|why|who|no|not)\b",
        not_after=_GERUND_NEXT,
    ),
    _rule(
        "its-its", "its", "it's", _ITS, 0.8, before=_SENTENCE_START, after=r"\s+time\s+(?:to|for)\b"
    ),
    _rule(
        "its-its",
        "its",
        "it's",
        _ITS,
        0.8,
        after=r"\s+(?:over|true|done|mine|yours|fine)(?=\s*[.!?\"”])",
    ),
    _rule(
        "it's-its",
        "it's it’s",
        "its",
        "'it's' (it is) where the possessive 'its' is meant",
        0.85,
        after=r"\s+own\b",
    ),
    _rule(
        "lets-let's",
        "lets",
        "let's",
        _LETS,
        0.85,
        before=_SENTENCE_START,
        after=r"\s+(?:go|just|get|be|see|do|try|not|have|make|find|take|talk|start|eat|leave|move|hope|say|"
        r"play|all|really|keep|stay|hurry|head|call|put|face|think|wait)\b",
    ),
    _rule(
        "lets-let's",
        "lets",
        "let's",
        _LETS,
        0.8,
        before=r"(?:^|[\"“,]\s*)(?:okay|ok|well|so|now|alright|come\s+on|then),?\s+",
        after=r"\s+[a-z]",
    ),
    _rule(
        "though-through",
        "though",
        "through",
        _THROUGH,
        0.8,
        before=r"\b" + _MOTION + r"(?:\s+[a-z]+){0,2}?\s+",
        not_before=r"\b(?:as|even)\s+",
        after=r"\s+(?:" + _DET + r"|" + _OBJ + r"|[a-z]+s)\b",
        check=_though,
    ),
    _rule(
        "though-through",
        "though",
        "through",
        _THROUGH,
        0.8,
        not_before=r"\b(?:even|as|although|and|but|or|yet)\s+|[,;:—]\s*",
        after=r"\s+(?:the|a)\s+(?:window|door|doorway|hall|halls|hallway|crowd|streets?|forest|woods|trees|"
        r"market|alley|alleys|alleyways|tunnel|gate|gates|wall|walls|air|water|snow|rain|mist|smoke|"
        r"darkness|glass|mask|fabric|hole)\b",
        check=_though,
    ),
    _rule(
        "pass-past",
        "pass",
        "past",
        "'pass' where 'past' is meant",
        0.8,
        before=r"\b" + _MOTION + r"\s+",
        after=r"\s+(?:" + _DET + r"|" + _OBJ + r")\b",
    ),
    _rule(
        "of-have",
        "of",
        "have",
        "'of' where 'have' is meant",
        0.9,
        before=r"\b(?:could|would|should|must|might|shouldn't|couldn't|wouldn't|mustn't)\s+",
        not_before=r"\b(?:the|a|with|of|what|all|his|her|their|its|any|could|can|as)\s+\w+\s+",
        after=_PARTICIPLE,
    ),
    _rule(
        "then-than",
        "then",
        "than",
        "'then' where the comparison 'than' is meant",
        0.75,
        before=r"\b(?:more|less|better|worse|rather|bigger|smaller|faster|slower|older|younger|stronger|"
        r"weaker|taller|shorter|higher|lower|harder|easier|larger|greater|smarter|louder|quicker|"
        r"further|farther|other)\s+",
        not_after=r"\s+(?:I|he|she|they|we|it|you|the|a|again|when|than|there|and|on|was|is)\b|\s*[,.;:!?)\-—]",
    ),
    _rule(
        "loose-lose",
        "loose",
        "lose",
        "'loose' (not tight) where 'lose' is meant",
        0.85,
        before=r"\b(?:to|will|would|gonna|can|could|might|don't|didn't|never|not|won't|can't)\s+",
        after=r"\s+(?:you|him|her|them|me|us|my|your|his|their|our|control|track|sight|hope|everything|"
        r"anyone|it)\b",
    ),
    _rule(
        "breath-breathe",
        "breath",
        "breathe",
        "the noun 'breath' where the verb 'breathe' is meant",
        0.8,
        before=r"\b(?:to|could|can|can't|couldn't|cannot|will|would|just|please|must)\s+",
        not_after=r"\s*(?:of|and)\b",
    ),
    _rule(
        "breathe-breath",
        "breathe",
        "breath",
        "the verb 'breathe' where the noun 'breath' is meant",
        0.85,
        before=r"\b(?:a|deep|her|his|my|their|your|shaky|sharp|ragged|last)\s+",
    ),
    _rule(
        "aide-aid",
        "aide",
        "aid",
        "'aide' (an assistant) where 'aid' (help) is meant",
        0.85,
        before=r"\b(?:rushed|rush|rushing|came|come|coming|went|go|going|ran|run|running|hurried|hurry|leapt|"
        r"leaped|jumped|flew|raced)\s+to\s+(?:his|her|their|my|your|our|the|its)\s+",
    ),
    _rule(
        "access-assess",
        "access accessed accessing",
        _suffix("assess", 6),
        "'access' where 'assess' (judge) is meant",
        0.8,
        after=r"\s+the\s+(?:situation|damage|injury|injuries|wound|wounds|threat|danger|risk|risks|scene|"
        r"options)\b",
    ),
    _rule(
        "tortuous-torturous",
        "tortuous tortuously",
        _suffix("torturous", 8),
        "'tortuous' (winding) where 'torturous' (painful) is meant",
        0.75,
        after=r"\s+(?:slow|slowly|long|painful|pain|wait)\b",
    ),
    _rule(
        "loll-lull",
        "loll lolled lolling lolls",
        _suffix("lull", 4),
        "'loll' where 'lull' (soothe into) is meant",
        0.8,
        after=r"\s+(?:him|her|them|me|us|you|it)\s+(?:in)?to\b",
    ),
    _rule(
        "reveled-revealed",
        "reveled revelled",
        "revealed",
        "'reveled' (made merry) where 'revealed' is meant",
        0.85,
        before=r"\b(?:was|were|been|be|is|are|being)\s+",
    ),
    _rule(
        "peak-peek",
        "peak",
        "peek",
        "'peak' where 'peek' is meant",
        0.85,
        before=r"\b(?:sneak|a\s+quick)\s+",
    ),
    _rule(
        "peak-peek",
        "peak peaked peaking peaks",
        _suffix("peek", 4),
        "'peak' where 'peek' (look) is meant",
        0.7,
        after=r"\s+(?:out|through|around|inside|into)\b",
    ),
    _rule(
        "peak-pique",
        "peak peaked",
        lambda w: "piqued" if w.lower().endswith("ed") else "pique",
        "'peak' where 'pique' is meant",
        0.85,
        after=r"\s+(?:my|his|her|their|your|our)\s+(?:interest|curiosity)\b",
    ),
    _rule(
        "reign-rein", "reign", "rein", "'reign' where 'rein' is meant", 0.85, before=r"\bfree\s+"
    ),
    _rule(
        "wander-wonder",
        "wander wandered",
        _suffix("wonder", 6),
        "'wander' where 'wonder' is meant",
        0.8,
        before=r"\b(?:I|she|he|they|we|you)\s+",
        after=r"\s+(?:if|whether|why|what|how)\b",
    ),
    _rule(
        "weather-whether",
        "weather",
        "whether",
        "'weather' where 'whether' is meant",
        0.9,
        after=r"\s+or\s+not\b",
    ),
    _rule(
        "quiet-quite",
        "quiet",
        "quite",
        "'quiet' where 'quite' is meant",
        0.8,
        after=r"\s+(?:a\s+(?:bit|lot|few)|sure|right|possibly|likely|honestly|certain|frankly)\b",
    ),
    _rule(
        "quite-quiet",
        "quite",
        "quiet",
        "'quite' where 'quiet' is meant",
        0.8,
        before=r"\b(?:be|was|were|stay|stayed|keep|kept|grew|fell|went|so|very|too|been|is|are)\s+",
        after=r"(?=\s*[.!?])",
    ),
    _rule(
        "to-too",
        "to",
        "too",
        _TOO,
        0.75,
        before=r"\b(?:much|way|far)\s+",
        after=r"\s+(?:many|much|late|early|long|big|small|soon|fast|slow|tired|busy|young|old)\b"
        r"(?!\s+(?:to|of)\b)",
    ),
    _rule(
        "everyday",
        "everyday",
        "every day",
        "'everyday' (ordinary) where 'every day' is meant",
        0.8,
        after=r"(?=\s*[.!?,])",
    ),
    _rule(
        "run-on",
        " ".join(_RUN_ON_WORDS),
        lambda w: _RUN_ON_WORDS[w.lower()],
        "two words run together",
        0.85,
    ),
    _rule(
        "their-there",
        "their",
        "there",
        "'their' where 'there' is meant",
        0.8,
        after=r"\s+(?:is|are|was|were)\b",
    ),
    _rule(
        "there-their",
        "there",
        "their",
        "'there' where 'their' is meant",
        0.85,
        before=r"\b(?:in|on|to|of|with|for|by|at|into|onto|made|make|do|did|take|took|have|had|lost|found)\s+",
        after=r"\s+own\b",
    ),
    _rule(
        "scrapped-scraped",
        "scrapped",
        "scraped",
        "'scrapped' (thrown away) where 'scraped' is meant",
        0.8,
        after=r"\s+(?:knee|knees|elbow|elbows|palm|palms|skin|shin|shins|hands?|arms?|chin|cheek)\b",
    ),
    _rule(
        "haltered-halted", "haltered", "halted", "'haltered' where 'halted' is meant", 0.8, after=_P
    ),
    _rule(
        "questionably",
        "questionably",
        "questioningly",
        "'questionably' (doubtfully) where 'questioningly' is meant",
        0.8,
        before=r"\b(?:looked|looking|look|looks|stared|staring|glanced|glancing|gazed|peered|eyed|asked)\s+"
        r"(?:(?:up|over|back)\s+|at\s+\w+\s+)?",
    ),
    _rule(
        "lightening",
        "lightening",
        "lightning",
        "'lightening' where 'lightning' is meant",
        0.85,
        before=r"\bthunder\s+and\s+",
    ),
    _rule(
        "lightening",
        "lightening",
        "lightning",
        "'lightening' where 'lightning' is meant",
        0.85,
        after=r"\s+(?:bolt|bolts|strike|struck|flashed|storm)\b",
    ),
)


def _keep_case(suggestion: str, word: str) -> str:
    if word[:1].isupper():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion


_BY_ANCHOR: dict[str, list[Rule]] = {}
for _r in RULES:
    for _a in _r.anchors:
        _BY_ANCHOR.setdefault(_a, []).append(_r)


def check_confusables(text: str, tokens: Words) -> list[ProofFlag]:
    """Confusable flags for the story's words (tags_text.story_words)."""
    flags: list[ProofFlag] = []
    for start, end, low, word in zip(
        tokens.starts, tokens.ends, tokens.lower, tokens.forms, strict=True
    ):
        rules = _BY_ANCHOR.get(low)
        if rules is None:
            continue
        for rule in rules:
            replacement = _apply(rule, text, start, end, word)
            if replacement is not None:
                suggestion = _keep_case(replacement, word)
                flags.append(
                    ProofFlag(
                        start,
                        end,
                        "confusable",
                        f"{rule.message}: '{word}' -> '{suggestion}'",
                        suggestion,
                        rule.confidence,
                    )
                )
                break
    return flags


def _apply(rule: Rule, text: str, start: int, end: int, word: str) -> str | None:
    if rule.before is not None or rule.not_before is not None:
        lo = max(0, start - 60)
        newline = text.rfind("\n", lo, start)
        window = text[newline + 1 : start] if newline >= 0 else text[lo:start]
        if newline < 0 and lo > 0:
            window = "\x00" + window  # not a paragraph start: keep '^' from matching
        if rule.before is not None and not rule.before.search(window):
            return None
        if rule.not_before is not None and rule.not_before.search(window):
            return None
    if rule.after is not None and not rule.after.match(text, end, min(len(text), end + 80)):
        return None
    if rule.not_after is not None and rule.not_after.match(text, end, min(len(text), end + 80)):
        return None
    if rule.check is not None and not rule.check(text, end):
        return None
    return rule.replacement(word) if callable(rule.replacement) else rule.replacement
