"""Confusables: real words used for another word, caught only in contexts where the written word
cannot stand ("Your right," "its okay", "dashed off though the halls", "could of").

Each rule is a regex over one paragraph whose group ``w`` is the wrong word; the replacement keeps
the original's capitalisation. Rules are English knowledge, not fandom knowledge; each one is kept
only if it stays silent on published novels (see eval/proof/README.md).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ficscope.model import ProofFlag

_P = r"(?=\s*[,.!?;:\"”…—]|\s*$)"  # followed by punctuation or the end
_OBJ = r"(?:him|her|them|me|us|it|you)"
_DET = r"(?:the|a|an|his|her|their|my|your|our|its|this|that|these|those|every|each|all|some)"
_START = r"(?:^|(?<=[.!?…]\s)|(?<=[\"“‘'(]))"  # sentence or quotation start
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
    r"didn't|doesn't|don't|couldn't|wouldn't|won't|can't|said|says|thought|wanted|"
    r"[a-z]+ed)\b"
)


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    replacement: str | Callable[[re.Match[str]], str | None]
    message: str
    confidence: float


def _rule(name: str, pattern: str, replacement: str | Callable[[re.Match[str]], str | None], message: str,
          confidence: float, flags: int = re.IGNORECASE) -> Rule:
    return Rule(name, re.compile(pattern, flags | re.MULTILINE), replacement, message, confidence)


def _though(match: re.Match[str]) -> str | None:
    """'though' for 'through' unless a clause follows ("though the man was tired")."""
    rest = match.string[match.end("w") : match.end("w") + 60]
    stop = re.search(r"[,.;:!?\"”—]|\b(?:and|but|or|so|as|while|when)\b", rest)
    phrase = rest[: stop.start()] if stop else rest
    if _CLAUSE_VERB.search(phrase):
        return None
    return "through"


RULES: tuple[Rule, ...] = (
    _rule("your-youre", r"\b(?P<w>your)\s+(?:right|welcome|sure|kidding|joking|lying|wrong)" + _P,
          "you're", "'your' where 'you're' (you are) is meant", 0.9),
    _rule("your-youre", r"\b(?P<w>your)\s+(?:so|too|not|gonna|such\s+an?|an?|the|very|really|always|never)\s+"
          r"(?!own\b)(?=[a-z])",
          "you're", "'your' where 'you're' (you are) is meant", 0.75),
    _rule("your-youre", r"\b(?P<w>your)\s+going\s+to\b", "you're", "'your' where 'you're' (you are) is meant", 0.85),
    _rule("youre-your", r"\b(?P<w>you're)\s+(?:own|house|mother|father|mom|dad|hand|hands|eyes|face|head|life|room|"
          r"sister|brother|friend|friends|family|team|phone|name|fault|hair|mind|heart|body)\b",
          "your", "'you're' (you are) where the possessive 'your' is meant", 0.85),
    _rule("its-its", r"\b(?P<w>its)\s+(?:okay|ok|alright|fine|not|been|gonna|a|an|the|so|too|very|really|"
          r"already|nothing|never|always|my|your|our|their|me|you|him|us|them|quite|pretty|what|how|why|"
          r"who|no|getting|going)\b",
          "it's", "'its' (possessive) where 'it's' (it is) is meant", 0.85),
    _rule("its-its", r"\b(?P<w>its)\s+(?:time)\s+(?:to|for)\b", "it's", "'its' (possessive) where 'it's' (it is) is meant", 0.8),
    _rule("its-its", r"\b(?P<w>its)\s+(?:over|true|late|cold|hot|done|me|you|mine|yours)" + _P,
          "it's", "'its' (possessive) where 'it's' (it is) is meant", 0.8),
    _rule("it's-its", r"\b(?P<w>it's)\s+own\b", "its", "'it's' (it is) where the possessive 'its' is meant", 0.85),
    _rule("lets-let's", _START + r"\s*(?P<w>lets)\s+(?:go|just|get|be|see|do|try|not|have|make|find|take|talk|"
          r"start|eat|leave|move|hope|say|play|all|really|keep|stay|hurry|head|call|put|face|think|wait)\b",
          "let's", "'lets' where 'let's' (let us) is meant", 0.85),
    _rule("lets-let's", r"(?:^|[\"“,]\s*)(?:okay|ok|well|so|now|alright|come\s+on|then),?\s+(?P<w>lets)\s+[a-z]",
          "let's", "'lets' where 'let's' (let us) is meant", 0.8),
    _rule("though-through", r"\b" + _MOTION + r"(?:\s+[a-z]+){0,2}?"
          r"\s+(?P<w>though)\s+(?=(?:" + _DET + r"|" + _OBJ + r"|[a-z]+s)\b)",
          _though, "'though' where 'through' is meant", 0.8),
    _rule("though-through", r"(?<!even )(?<!as )(?<!although )\b(?P<w>though)\s+(?:the|a)\s+(?:window|door|"
          r"doorway|hall|halls|hallway|crowd|streets?|forest|woods|trees|market|alley|alleys|alleyways|tunnel|"
          r"gate|gates|wall|walls|air|water|snow|rain|mist|smoke|darkness|glass|mask|fabric|hole)\b",
          _though, "'though' where 'through' is meant", 0.8),
    _rule("pass-past", r"\b" + _MOTION + r"\s+(?P<w>pass)\s+(?:" + _DET + r"|" + _OBJ + r")\b",
          "past", "'pass' where 'past' is meant", 0.8),
    _rule("of-have", r"\b(?:could|would|should|must|might|may|shouldn't|couldn't|wouldn't|mustn't)\s+(?P<w>of)\b(?!\s+course)",
          "have", "'of' where 'have' is meant", 0.9),
    _rule("then-than", r"\b(?:more|less|better|worse|rather|bigger|smaller|faster|slower|older|younger|stronger|"
          r"weaker|taller|shorter|higher|lower|harder|easier|larger|greater|smarter|louder|quicker|"
          r"further|farther|other)\s+(?P<w>then)\s+(?!(?:I|he|she|they|we|it|you|the|a|again)\b)",
          "than", "'then' where the comparison 'than' is meant", 0.75),
    _rule("loose-lose", r"\b(?:to|will|would|gonna|can|could|might|don't|didn't|never|not|won't|can't)\s+(?P<w>loose)\s+"
          r"(?:you|him|her|them|it|me|us|my|your|his|their|our|the|this|control|track|sight|hope|everything|anyone)\b",
          "lose", "'loose' (not tight) where 'lose' is meant", 0.85),
    _rule("breath-breathe", r"\b(?:to|could|can|can't|couldn't|cannot|will|would|just|please|must)\s+(?P<w>breath)\b(?!\s*(?:of|and))",
          "breathe", "the noun 'breath' where the verb 'breathe' is meant", 0.8),
    _rule("breathe-breath", r"\b(?:a|deep|her|his|my|their|your|shaky|sharp|ragged|last)\s+(?P<w>breathe)\b",
          "breath", "the verb 'breathe' where the noun 'breath' is meant", 0.85),
    _rule("aide-aid", r"\b(?:rushed|rush|rushing|came|come|coming|went|go|going|ran|run|running|hurried|hurry|"
          r"leapt|leaped|jumped|flew|raced)\s+to\s+(?:his|her|their|my|your|our|the|its)\s+(?P<w>aide)\b",
          "aid", "'aide' (an assistant) where 'aid' (help) is meant", 0.85),
    _rule("access-assess", r"\b(?P<w>access(?:ed|ing)?)\s+the\s+(?:situation|damage|injury|injuries|wound|wounds|"
          r"threat|danger|risk|risks|scene|options)\b",
          lambda m: "assess" + m.group("w")[6:], "'access' where 'assess' (judge) is meant", 0.8),
    _rule("tortuous-torturous", r"\b(?P<w>tortuous(?:ly)?)\s+(?:slow|slowly|long|painful|pain|wait)\b",
          lambda m: "torturous" + m.group("w")[8:], "'tortuous' (winding) where 'torturous' (painful) is meant", 0.75),
    _rule("loll-lull", r"\b(?P<w>loll(?:ed|ing|s)?)\s+(?:him|her|them|me|us|you|it)\s+(?:in)?to\b",
          lambda m: "lull" + m.group("w")[4:], "'loll' where 'lull' (soothe into) is meant", 0.8),
    _rule("reveled-revealed", r"\b(?:was|were|been|be|is|are|being)\s+(?P<w>reveled|revelled)\b",
          "revealed", "'reveled' (made merry) where 'revealed' is meant", 0.85),
    _rule("peak-peek", r"\b(?:sneak|a\s+quick)\s+(?P<w>peak)\b", "peek", "'peak' where 'peek' is meant", 0.85),
    _rule("peak-peek", r"\b(?P<w>peak(?:ed|ing|s)?)\s+(?:out|through|around|over|inside|into|at)\b(?!\s+(?:the\s+)?(?:age|level))",
          lambda m: "peek" + m.group("w")[4:], "'peak' where 'peek' (look) is meant", 0.7),
    _rule("peak-pique", r"\b(?P<w>peak(?:ed)?)\s+(?:my|his|her|their|your|our)\s+(?:interest|curiosity)\b",
          lambda m: "pique" + ("d" if m.group("w").lower().endswith("ed") else ""), "'peak' where 'pique' is meant", 0.85),
    _rule("reign-rein", r"\bfree\s+(?P<w>reign)\b", "rein", "'reign' where 'rein' is meant", 0.85),
    _rule("wander-wonder", r"\b(?:I|she|he|they|we|you)\s+(?P<w>wander(?:ed)?)\s+(?:if|whether|why|what|how)\b",
          lambda m: "wonder" + m.group("w")[6:], "'wander' where 'wonder' is meant", 0.8),
    _rule("weather-whether", r"\b(?P<w>weather)\s+or\s+not\b", "whether", "'weather' where 'whether' is meant", 0.9),
    _rule("quiet-quite", r"\b(?P<w>quiet)\s+(?:a\s+(?:bit|lot|few|while)|sure|right|possibly|likely|honestly|certain|frankly)\b",
          "quite", "'quiet' where 'quite' is meant", 0.8),
    _rule("quite-quiet", r"\b(?:be|was|were|stay|stayed|keep|kept|grew|fell|went|so|very|too|been|is|are)\s+(?P<w>quite)" + _P,
          "quiet", "'quite' where 'quiet' is meant", 0.8),
    _rule("to-too", r"\b(?:much|way|far)\s+(?P<w>to)\s+(?:many|much|late|early|long|big|small|soon|fast|slow|tired|busy|young|old)\b"
          r"(?!\s+(?:to|of)\b)",
          "too", "'to' where 'too' is meant", 0.75),
    _rule("to-too", r"\b(?:me|you)\s+(?P<w>to)(?=\s*[.!])", "too", "'to' where 'too' is meant", 0.75),
    _rule("everyday", r"\b(?P<w>everyday)" + _P, "every day", "'everyday' (ordinary) where 'every day' is meant", 0.8),
    _rule("run-on", r"\b(?P<w>alot|incase|infront|aswell|atleast|eachother|noone|everytime|inbetween|upto|alittle|atleast|"
          r"nevermind(?=\s*[a-z]))\b",
          lambda m: _RUN_ON[m.group("w").lower()], "two words run together", 0.85),
    _rule("their-there", r"\b(?P<w>their)\s+(?:is|are|was|were)\b(?!\s+(?:own)\b)", "there", "'their' where 'there' is meant", 0.8),
    _rule("there-their", r"\b(?P<w>there)\s+own\b", "their", "'there' where 'their' is meant", 0.85),
    _rule("scrapped-scraped", r"\b(?P<w>scrapped)\s+(?:knee|knees|elbow|elbows|palm|palms|skin|shin|shins|hands?|arms?|chin|cheek)\b",
          "scraped", "'scrapped' (thrown away) where 'scraped' is meant", 0.8),
    _rule("haltered-halted", r"\b(?P<w>haltered)" + _P, "halted", "'haltered' where 'halted' is meant", 0.8),
    _rule("questionably", r"\b(?:looked|looking|look|looks|stared|staring|glanced|glancing|gazed|peered|eyed|asked)\s+"
          r"(?:up\s+|over\s+|back\s+|at\s+\w+\s+)?(?P<w>questionably)\b",
          "questioningly", "'questionably' (doubtfully) where 'questioningly' is meant", 0.8),
    _rule("lightening", r"\b(?:thunder\s+and\s+)(?P<w>lightening)\b|\b(?P<w2>lightening)\s+(?:bolt|bolts|strike|struck|flashed|storm)\b",
          "lightning", "'lightening' where 'lightning' is meant", 0.85),
)

_RUN_ON = {
    "alot": "a lot", "incase": "in case", "infront": "in front", "aswell": "as well", "atleast": "at least",
    "eachother": "each other", "noone": "no one", "everytime": "every time", "inbetween": "in between",
    "upto": "up to", "alittle": "a little", "nevermind": "never mind",
}


def _keep_case(suggestion: str, word: str) -> str:
    if word[:1].isupper():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion


def check_confusables(text: str, paragraphs: Sequence[tuple[int, int]]) -> list[ProofFlag]:
    flags: list[ProofFlag] = []
    seen: set[int] = set()
    for start, end in paragraphs:
        chunk = text[start:end]
        for rule in RULES:
            for match in rule.pattern.finditer(chunk):
                group = "w" if match.group("w") is not None else "w2"
                begin = start + match.start(group)
                if begin in seen:
                    continue
                replacement = rule.replacement(match) if callable(rule.replacement) else rule.replacement
                if replacement is None:
                    continue
                word = match.group(group)
                seen.add(begin)
                flags.append(
                    ProofFlag(
                        begin,
                        begin + len(word),
                        "confusable",
                        f"{rule.message}: '{word}' -> '{_keep_case(replacement, word)}'",
                        _keep_case(replacement, word),
                        rule.confidence,
                    )
                )
    return flags
