"""Who answers a line: the parent a line calls, the one a newcomer meets (``Meeting``), the
one a "you" is said to, the one a short question echoes or asks about, the one called by
name in the answer."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ficscope.lexicon import word_list
from ficscope.model import NARRATOR, Work
from ficscope.passes.discourse import Paragraph
from ficscope.passes.speaker_cues import UNTIL, CueFinder, QuoteCues, Turn
from ficscope.passes.speakers.features import shown_speaking, tagged_speakers, turn_subjects

_KIN_SEX = {"father": "m", "mother": "f", "grandfather": "m", "grandmother": "f"}


def _family_parent(
    work: Work, chosen: Sequence[str], genders: Mapping[str, str], noun: str, lead: str
) -> tuple[str, list[str]] | None:
    """The one candidate of ``chosen`` a line calling ``noun`` ("Dad": "father") calls, and
    those who may say it: the one candidate of the kinship word's sex (or of none known, where
    no other is of that sex) sharing a surname with other candidates (Charlie Swan, called
    "Dad" by Bella Swan); of several, the one of the family of the story's ``lead`` (the
    character most referred to)."""
    sex = _KIN_SEX.get(noun)
    if sex is None:
        return None
    surname = {c.id: words[-1] for c in work.characters if len(words := c.name.split()) > 1}
    parents = [
        c
        for c in chosen
        if genders.get(c, sex) == sex
        and c in surname
        and any(o != c and surname.get(o) == surname[c] for o in chosen)
    ]
    if len(parents) > 1:  # Frank Reyes a he, Dana Reyes of no known sex
        parents = [c for c in parents if genders.get(c) == sex]
    if len(parents) > 1 and lead in surname:  # the Swans' and the Cullens' men: the story's
        parents = [c for c in parents if c != lead and surname.get(c) == surname[lead]]  # lead's
    if len(parents) != 1:
        return None
    kids = [o for o in chosen if o != parents[0] and surname.get(o) == surname[parents[0]]]
    return parents[0], kids


def _narrated_in(paras: list[int], first: int, last: int) -> bool:
    """Whether any of the sorted paragraphs ``paras`` lies from ``first`` to ``last``."""
    i = bisect_left(paras, first)
    return i < len(paras) and paras[i] <= last


@dataclass(frozen=True, slots=True)
class Meeting:
    """Who answers a line right after a turn that came after a narration paragraph bringing two
    people together, when that turn is one of theirs: the other one ("Zuko was measuring leaves
    in the back room when Katara slipped through." / '"You're doing it wrong," she said.' /
    '"I'm not doing it wrong."' is Zuko's, whoever spoke before the narration). Two features:

    * ``met`` (feature ``prev_met``), found two ways: the narration paragraph names just the two,
      the turn's tag is one of them and its own narration names nobody else (``Turn.met_by``,
      from ``CueFinder.named_in``); or the speaker arrives in the paragraph's last sentence
      after a "when" or "until" and finds its subject (``_found_by``, the only one that reads a
      pronoun subject: "I was wiping the counter when Robin came in");
    * ``paired`` (feature ``paired``, a candidate however crowded the scene, and no A-B-A claim
      at the line: ``settled_in``): the paragraph names just the two, not as owners, with a
      verb of going, and the turn shows one of them speaking (``_paired_with``). As ``prev_met``
      (1.5) it loses lines (blind 94.6 -> 94.0, blind6 88.2 -> 87.5), so it keeps its 1.0.
      The two the last sentence shows side by side (``_side_by_side``) are paired too;
    * ``side``: those two, who alternate through the bare lines after (feature
      ``side_by_side`` on each, until a tag, beat or narration: ``conversations``)."""

    met: frozenset[str] = frozenset()
    paired: str | None = None
    side: frozenset[str] = frozenset()
    called: frozenset[str] = frozenset()  # whom the turn's lines call by name

    def mark(self, c: str, f: dict[str, float]) -> None:
        """Give candidate ``c`` its features ``f`` (after ``_features``) for this meeting."""
        if self.called and c not in self.called:
            return  # '"Whats up Cap?" the pilot asked.': the one called answers, not the other
        if c in self.met and "prev_addressed" not in f:
            f["prev_met"] = 1.0  # not where the line before called or looked at them
        if c == self.paired:
            f["paired"] = 1.0


def meeting_before(
    finder: CueFinder, previous: Turn | None, turn: Turn, *, forced: bool
) -> Meeting:
    """The ``Meeting`` that decides who answers ``turn``, the line right after ``previous``;
    ``forced``: the turn names its speaker itself (a tag, beat or own name), so no ``paired``
    one is forced among its candidates."""
    if previous is None or turn.gap:
        return Meeting()
    called = frozenset(v for cue in previous.quotes for v in cue.vocatives)
    if not previous.gap:  # the work's first turn still gets ``met_by`` after narration
        return Meeting(frozenset(previous.met_by), called=called)
    met = set(previous.met_by)
    found = _found_by(finder, previous)
    if found is not None:
        met.add(found)
    if forced:
        return Meeting(frozenset(met), called=called)
    side = _side_by_side(finder, previous)
    paired = _paired_with(finder, previous)
    if paired is None and side:
        paired = next(iter(side - shown_speaking(previous)))
    return Meeting(frozenset(met), paired, side, called)


def _found_by(finder: CueFinder, turn: Turn) -> str | None:
    """The one a newcomer finds: "Zuko was measuring leaves when Katara slipped through." /
    '"You're doing it wrong," she said.': when the sentence before a turn whose line a tag
    gives has one subject, and the one speaking arrives after its "when" or "until", that
    subject is spoken to and answers (``Meeting.met``, as ``Turn.met_by``)."""
    who = set(tagged_speakers(turn))
    for cue in turn.quotes:
        for s in (cue.tag, cue.intro):
            if s is not None and s.kind == "pronoun" and s.resolved and s.gender != "1":
                who.add(s.resolved)
    if len(who) != 1:
        return None
    para = finder.dis.paragraphs[turn.para - 1]
    if para.last_token <= para.first_token:
        return None
    tokens = finder.tokens
    last = finder.dis.sentence_until(para.first_token, para.last_token)
    arriving = finder.sentence_subject(last, last=True)
    found = finder.sentence_subject(last)
    if (
        arriving is None
        or found is None
        or not any(tokens[i].lower in UNTIL for i in range(found.token, arriving.token))
    ):
        return None
    ids = []
    for subject in (arriving, found):
        if subject.kind == "pronoun":
            ids.append(NARRATOR if subject.gender == "1" else subject.resolved)
        else:
            ids.append(subject.character)
    if ids[0] not in who or ids[1] is None or ids[1] in who:
        return None
    return ids[1]


def _said_you_to(
    finder: CueFinder,
    turn: Turn,
    before: Turn | None,
    party: str | None,
    genders: Mapping[str, str] | None = None,
) -> str | None:
    """Who a turn a tag gives by name or "I" is said to, when it says "you" and calls nobody.
    The one the tag of ``before`` (the turn just before it) names, who has just spoken to its
    speaker ('"Yo, I love charades," said Jason.' / '"How do you play charades with
    fireworks?" Chidi asked.' / '"Carefully, Chidi."'); failing that, in a story whose narrator
    talks (``party``, see ``narrator_talks``), the narrator, the one a group most often turns to
    ('"Of course you have," Tomas muttered.' / '"I didn't."'), unless the narration turns the
    line to someone ("Then she turned to me."). A line only a beat gives to someone else
    ('Priya wiped her hands. "Did you remember the butter?"') is said to the talking narrator
    too, and so is a line opening after narration that only a "he" or "she" tag gives to
    someone, when that narration names no other person of the pronoun's gender ("Charles
    spent the ride staring at the numbers." / '"You know who's coming today," he said.':
    ``_pronoun_tag_speakers``). The one said to answers."""
    who = tagged_speakers(turn)
    shown = who or (_beat_speakers(turn) if party is not None else [])
    if not shown and party is not None and turn.gap > 0:
        shown = _pronoun_tag_speakers(finder, turn, genders or {})
    if not shown or any(cue.vocatives or cue.objects for cue in turn.quotes):
        return None
    words = {w.strip("\"'“”‘’?!.,—") for w in _quote_words(finder, turn)}
    if not words & _YOU:
        return None
    if not who:  # no tag: nothing tells whom the one before spoke to, so only the narrator
        return party if party not in shown and not turn.looked_at else None
    if before is not None and not turn.gap and not turn.looked_at:  # "Then she turned to me."
        other = set(tagged_speakers(before)) - set(who)
        if len(other) == 1:
            return next(iter(other))
        if other:
            return None  # several spoke just before: no telling
    return party if party is not None and party not in who else None


def _pronoun_tag_speakers(finder: CueFinder, turn: Turn, genders: Mapping[str, str]) -> list[str]:
    """Whom the confirmed "he" or "she" tags of a turn opening after narration give its lines
    to, as coreference took them, when the narration paragraph just before names no other
    person of the pronoun's gender ("Will looked up from the other side of the stones." /
    "'Do you want help?' he said."). Not where it names two ("Mensah was there already with
    Pin-Lee and Gurathin, and she smiled": coreference may have taken the wrong one, and the
    one it took would pass the alternation its line; acc28-fp3)."""
    para = finder.dis.paragraphs[turn.para - 1]
    named = {
        c
        for i in finder.refs_in(para.first_token, para.last_token)
        if finder.refs[i][2] == "name" and (c := finder.refs[i][1])
    }
    found = []
    for cue in turn.quotes:
        for s in (cue.tag, cue.intro):
            if s is None or s.kind != "pronoun" or s.gender not in ("m", "f"):
                continue
            if not s.confirmed or not s.resolved:
                continue
            alike = {c for c in named if genders.get(c) == s.gender}
            if alike <= {s.resolved}:
                found.append(s.resolved)
    return found


def _beat_speakers(turn: Turn) -> list[str]:
    """Who the beats of a turn with no tag show saying it: a name ('Priya wiped her hands on
    her apron. "..."'), or a he or she before or inside its lines ('She grinned. "..."'), as
    coreference took it ("" where it took it for no one)."""
    return turn_subjects(turn) + [
        b.resolved or ""
        for b in (turn.beat_before, *turn.beats_mid)
        if b is not None and b.kind == "pronoun" and b.gender in ("m", "f")
    ]


_YOU = frozenset({"you", "your", "you're", "you’re", "you'll", "you’ll"})


_FUNCTION_WORDS = word_list("function_words")


def _quote_words(finder: CueFinder, turn: Turn) -> list[str]:
    words: list[str] = []
    for cue in turn.quotes:
        q = finder.dis.quotes[cue.index]
        words += finder.dis.text[q.start : q.end].lower().split()
    return words


# the words of a line asking about its own speaker
_SELF_WORDS = frozenset("i i'm i’m me my i'll i’ll i've i’ve i'd i’d myself".split())


def _asks_of_self(finder: CueFinder, turn: Turn) -> bool:
    """Whether ``turn`` is one short bare question about its own speaker ('"I will?"', '"I'm
    what?"', '"Me?"'), no tag, intro or beat showing who asks it: what one spoken of says
    back to the line that spoke of them."""
    if len(turn.quotes) != 1 or turn_subjects(turn) or turn.last_actor is not None:
        return False
    words = _quote_words(finder, turn)
    if not words or len(words) > 4 or not words[-1].rstrip("\"'”’").endswith("?"):
        return False
    return any(w.strip("\"'“”‘’?!.,") in _SELF_WORDS for w in words)


def _echoed(finder: CueFinder, before: list[Turn], turn: Turn) -> str | None:
    """Who answers a short question that echoes a word of an earlier line ("What timetable?"):
    the one a tag shows saying that earlier line. ``before``: the turns before ``turn`` in its
    conversation, the question last."""
    if not before or turn.gap:
        return None
    asked = _quote_words(finder, before[-1])
    if not asked or len(asked) > 3 or not asked[-1].rstrip("\"'”’").endswith("?"):
        return None
    keys = {w.strip("\"'“”‘’?!.,") for w in asked} - _FUNCTION_WORDS
    keys = {k for k in keys if len(k) >= 4}
    for earlier in reversed(before[:-1]):
        said = {w.strip("\"'“”‘’?!.,") for w in _quote_words(finder, earlier)}
        if keys & said:
            who = {
                s.who for cue in earlier.quotes for s in (cue.tag, cue.intro) if s is not None
            } - {None}
            return next(iter(who)) if len(who) == 1 else None
    return None


# verbs of going somewhere: the narration brings people together ('Natasha followed')
_MOVING = frozenset(
    "came comes went goes followed follows walked walks slipped slips stepped steps wandered "
    "wanders headed heads joined joins ducked ducks entered enters returned returns hurried "
    "hurries crossed crosses climbed climbs".split()
)


def _paired_with(finder: CueFinder, previous: Turn) -> str | None:
    """The other one of the two people the narration just before ``previous`` brought
    together with a verb of going, when ``previous`` came after that narration and its speaker
    is one of them: 'Zuko was measuring leaves in the back room when Katara slipped through.' /
    '"You're doing it wrong," she said.': the line after hers is his, whoever spoke before the
    narration."""
    para = finder.dis.paragraphs[previous.para - 1]
    two = finder.named_in(para, owners=False, guesses=False)
    if len(two) != 2:
        return None
    tokens = finder.tokens
    if not any(
        tokens[i].lower in _MOVING and tokens[i].quote < 0
        for i in range(para.first_token, para.last_token)
    ):
        return None
    shown = shown_speaking(previous)
    if len(shown) != 1 or not shown <= two:
        return None
    return next(iter(two - shown))


def _side_by_side(finder: CueFinder, previous: Turn) -> frozenset[str]:
    """The two people the last sentence of the narration paragraph just before ``previous``
    shows side by side, when it names nobody else and ``previous`` shows one of them speaking:
    each the subject of a clause joined by "while", or two subjects joined by "and" ("Loid
    washes bowls while Yor dries them.", "Joel and Ellie take the big shed."; not "Beard sat
    with his arms folded, and Higgins had brought a notepad"). ``Meeting.side``."""
    two = _side_by_side_in(finder, finder.dis.paragraphs[previous.para - 1])
    shown = shown_speaking(previous)
    return two if len(shown) == 1 and shown <= two else frozenset()


def _side_by_side_in(finder: CueFinder, para: Paragraph) -> frozenset[str]:
    """``_side_by_side``'s two in one paragraph, whoever speaks after it."""
    if para.last_token <= para.first_token:
        return frozenset()
    tokens = finder.tokens
    last = finder.dis.sentence_until(para.first_token, para.last_token)
    first = finder.sentence_subject(last)
    second = finder.sentence_subject(last, last=True)
    if first is None or second is None or "pronoun" in (first.kind, second.kind):
        return frozenset()
    two = frozenset(c for c in (first.character, second.character) if c)
    joined = tokens[second.token - 1].lower
    ref = finder.refs.get(first.token)
    together = joined in ("while", "whilst") or (
        joined == "and" and ref is not None and ref[0] + 2 == second.token
    )  # "Loid washes bowls while Yor dries them", "Joel and Ellie", not "..., and Higgins had"
    if len(two) != 2 or not together:
        return frozenset()
    named = {
        named_ref[1]
        for i in last
        if (named_ref := finder.refs.get(i)) is not None
        and named_ref[1]
        and named_ref[2] != "pronoun"
    }
    return two if named == two else frozenset()


def _acted_on(finder: CueFinder, turn: Turn) -> set[str]:
    """The others the sentence before a turn's first line refers to after its named subject,
    when it opens the line's paragraph: "Nina patted his arm." -> the one "his" is."""
    subject = turn.beat_before
    if subject is None or subject.kind != "name" or subject.token < 0:
        return set()
    tokens = finder.tokens
    sent = tokens[subject.token].sent
    end = finder.span(turn.quotes[0].index)[0]
    return {
        c
        for i in finder.refs_in(subject.token + 1, end)
        if tokens[i].sent == sent and (c := finder.refs[i][1]) and c != subject.character
    }


def _called_in_answer(group: Sequence[Turn], k: int) -> list[str]:
    """Who the answer to turn ``k`` calls by name, when turn ``k`` is a line nobody is shown
    saying, heard after narration: '"WHO'S FAT?"' / '"Nobody's fat, Inosuke," said Tanjiro.',
    or a comlink's '"General, sir. Do you copy?"' / '"We copy, Commander."'. In the order the
    answer calls them, not a set's: two called alike ('"Here, some of you men!" ... "gentlemen"')
    are candidates in one order, and a tie between them goes the same way, on every run."""
    turn = group[k]
    if k + 1 >= len(group) or not turn.gap:
        return []
    if any(c.tag or c.intro for c in turn.quotes) or turn.beat_before or turn.beat_after:
        return []
    if turn.beats_mid:
        return []
    answer = group[k + 1]
    if answer.gap > 1:
        return []  # one narration paragraph between: "Zenitsu screamed. There was a boar"
    said = set(tagged_speakers(answer)) | set(turn_subjects(answer))
    if turn.last_actor is not None:
        # 'he held his breath; but a violent hand pulled away a chair' / '"You naughty boy"' /
        # '"Hulloa, Emma!" he said.': the one acting last answers, calling who came
        if answer.gap or turn.last_actor.who not in shown_speaking(answer):
            return []
        said |= shown_speaking(answer)
    return [
        v for v in dict.fromkeys(v for c in answer.quotes for v in c.vocatives) if v not in said
    ]


def _asks(finder: CueFinder, cue: QuoteCues) -> bool:
    """Whether a line ends on a question: '"... Won't you, Pater?"'."""
    quote = finder.dis.quotes[cue.index]
    return finder.dis.text[quote.start : quote.end].rstrip("\"”’' ").endswith("?")


def _goes_on_at(turn: Turn, previous: Turn | None) -> str | None:
    """The one a tag of the turn before showed speaking, when this untagged turn calls only the
    one the narration paragraph between shows acting last, by name: '"Jo does use such slang
    words!" observed Amy, ...' / 'Jo immediately sat up, put her hands in her pockets, and
    began to whistle.' / '"Don't, Jo. It's so boyish!"' is Amy's, going on at Jo (acc28-lit4)."""
    actor = turn.last_actor
    if previous is None or turn.gap != 1 or not turn.acts_at_end or actor is None:
        return None
    if actor.kind != "name" or actor.character is None:
        return None
    shown = set(tagged_speakers(previous))
    if set(turn.quotes[0].vocatives) != {actor.character} or len(shown) != 1:
        return None
    (speaker,) = shown
    return None if speaker in (actor.character, NARRATOR) else speaker
