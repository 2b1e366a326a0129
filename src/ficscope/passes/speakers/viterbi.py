"""The decode of a conversation: second-order Viterbi with max-marginals (``viterbi``), and
the per-turn facts its transitions use (settled turns, resumed lines, group scenes, the
one a line turns to)."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence

from ficscope.model import NARRATOR
from ficscope.passes.speaker_cues import QuoteCues, Turn
from ficscope.passes.speakers.conversations import Conversation
from ficscope.passes.speakers.features import group_scenes, tagged_speakers, turn_subjects

MANY_REACH = 4  # turns back in which tags showing three speakers make a group scene


def settled_turns(turns: Sequence[Turn]) -> list[bool]:
    """Per turn, whether it is a line a tag gives by name (not "I") right after a turn only a
    beat shows someone in, in a scene of four or more ('Carlisle came in [...] "I take it ..."'
    / '"...," said Bella.'): such a line says nothing of who spoke the untagged line before
    that beat, so it gets no A-B-A reward (``same2``) from it. Nor does a line a tag gives by
    name after a run of three or more bare lines (``_after_bare_run``)."""
    crowded = group_scenes(turns, least=4)
    tagged = [tagged_speakers(turn) for turn in turns]
    bare_run = _after_bare_run(turns, tagged)
    return [False] + [
        (
            crowded[k]
            and bool(tagged[k])
            and NARRATOR not in tagged[k]
            and not tagged[k - 1]
            and bool(turn_subjects(turns[k - 1]))
        )
        or bare_run[k]
        or turns[k].afar
        for k in range(1, len(turns))
    ]


def _after_bare_run(turns: Sequence[Turn], tagged: Sequence[list[str]]) -> list[bool]:
    """Per turn, whether a tag gives it by name (not "I") right after three or more lines with
    no tag or beat and no narration between them, in a scene of three or more: '"I need someone
    who can drive the cart."' / '"I can drive the cart!"' / '"Someone who ..."' / '"That was
    once ..."' / '"He was, actually," said Bram.' is the third one chiming in; it says nothing
    of who spoke the bare line two before it, and with the A-B-A reward it pulled the whole run
    over to Bram and the one he had been talking to."""
    group = group_scenes(turns)
    bare = [not turn_subjects(turn) for turn in turns]
    return [
        k >= 3
        and group[k]
        and bool(tagged[k])
        and NARRATOR not in tagged[k]
        and bare[k - 1]
        and bare[k - 2]
        and bare[k - 3]
        and not (turns[k].gap or turns[k - 1].gap or turns[k - 2].gap)
        for k in range(len(turns))
    ]


def resumed_turns(turns: Sequence[Turn]) -> list[bool]:
    """Per turn, whether its first line picks up on a dash where the line two turns back broke
    off on one, someone else speaking between: '"I'll decide if you're—"' / '"Medical
    student," I said.' / '"—a future doctor, and I'll decide!"' goes on the first speaker's
    sentence (a dash right after the cut line finishes it for them, so only two back counts)."""
    return [k >= 2 and turn.resumes and turns[k - 2].cut for k, turn in enumerate(turns)]


def given_after_narration(turns: Sequence[Turn]) -> list[bool]:
    """Per turn, whether narration comes before it and a tag, intro or beat names who says it
    (not "I"): 'She is about to argue when Priya's voice comes up through the floorboards.' /
    '"Someone's coming."'. Such a line is given by its own cues, so the alternation does not
    reach through it: no A-B-A reward (``same2``) for its speaker, which pulled the untagged
    line two turns back to them (Tess's lines in the loft became Priya's, who had gone to the
    tack room), and no cost for a third speaker coming in (``third``). In a group scene
    (``group_scenes``) narration whose last sentence is about one named person and nobody else
    gives the line after it too ('For a second nobody said anything. Then Harvey smiled, slow
    and wide.' / '"Somebody wrote it after he was gone."': ``Turn.shown_alone``), and so does
    a paragraph that opens on one person and ends on them as "he" or "she" ('Kirk looked
    around the room ... He lifted his plate like a glass.' / '"To the best crew in the
    fleet."')."""
    given = []
    groups = group_scenes(turns)
    for turn, group in zip(turns, groups, strict=True):
        named = turn_subjects(turn)
        shown = group and turn.shown_alone
        given.append(bool(turn.gap) and (bool(named) or shown) and NARRATOR not in named)
    return given


def newcomer_acting(conv: Conversation, k: int) -> bool:
    """Whether turn ``k`` comes after narration whose last sentence shows someone just met by a
    description acting ('The delivery kid on the porch was maybe seventeen, and he looked at
    her, ...' / '"Uh. Are you guys, like, twins?"'): the line is given by that narration, as by
    a tag (``given_after_narration``), so the talk before it has no A-B-A claim on it."""
    turn = conv.turns[k]
    actor = turn.last_actor
    if not turn.gap or actor is None or actor.kind != "epithet" or actor.character is None:
        return False
    return any(
        c == actor.character and "new" in f
        for c, f in zip(conv.candidates[k], conv.features[k], strict=True)
    )


def settled_in(conv: Conversation, given: Sequence[bool] | None = None) -> list[bool]:
    """``settled_turns``, the turns ``given_after_narration`` (passed in as ``given`` when the
    caller has it already), and the turns where one of a pair the narration just brought
    together answers the other (the ``paired`` feature): whoever spoke before that narration has
    no A-B-A claim on the line ('Aang perked up. "The moon peach ones?"' / 'Zuko was in the
    back room when Katara slipped through.' / '"...," she said.' / '"I'm not doing it
    wrong."'), and the turns the one holding a phone is a candidate for (the ``holder``
    feature: one side of a call heard, '"Dennis. ..."' / 'Donna leaned in the doorway to
    watch, arms folded.' / '"Because they're going to ask you ..."' goes on Harvey's call; no
    A-B-A reward pulls it to the one watching)."""
    if given is None:
        given = given_after_narration(conv.turns)
    return [
        settled or g or any("paired" in f or "holder" in f for f in feats)
        for settled, g, feats in zip(settled_turns(conv.turns), given, conv.features, strict=True)
    ]


def calls_after_narration(turns: Sequence[Turn], given: Sequence[bool], k: int) -> bool:
    """Whether turn ``k`` answers, at once, a line that narration set apart from the talk before
    it and whose own cues give it, calling someone by name ('Jessica read the log and set it on
    top of the binder. "Harvey, you take the deposition tomorrow ..."' / '"That was my plan."'):
    that line opened a new exchange with the one it calls, so whoever spoke before the
    narration has no A-B-A claim (``same2``) on the answer."""
    if k < 1 or turns[k].gap or not given[k - 1]:
        return False
    return any(cue.vocatives for cue in turns[k - 1].quotes)


def acting_before(turn: Turn) -> str | None:
    """The character a name opening the turn's narration shows acting right before its line
    ('Ron threw a cushion at Harry. "Traitor."'), when the sentence is about no one else."""
    before = turn.beat_before
    if before is None or before.kind != "name" or not before.confirmed:
        return None
    return before.character


def many_speaking(turns: Sequence[Turn]) -> list[bool]:
    """Per turn, whether the tags of the turns just before it show three or more people
    speaking: in such a scene a third speaker is likelier than in an exchange of two."""
    tagged = [set(tagged_speakers(turn)) for turn in turns]
    return [len(set().union(*tagged[max(0, k - MANY_REACH) : k])) >= 3 for k in range(len(turns))]


def turned_to(cue: QuoteCues) -> str | None:
    """Who an untagged line goes to because someone else acted between it and the paragraph's
    line before ('"We could climb it," Jonah said. Mira rolled her eyes. "After you."')."""
    if cue.turned_to is None or cue.tag or cue.intro or cue.spoke:
        return None
    return cue.turned_to.who


def last_speaker(turn: Turn) -> str | None:
    """The one a turn ends on when its lines turn to someone else after its first speaker
    (``turned_to``): the next turn answers them, not the turn's speaker."""
    last = None
    for cue in turn.quotes:
        if cue.tag or cue.intro or cue.spoke:
            last = None
        last = turned_to(cue) or last
    return last


# the weights of turn-taking (``Transitions``); the rest are the candidates' features
TRANSITION_WEIGHTS = frozenset(
    "same1 same1_cont same1_gap reply_same told_back same2 resumed third third_many "
    "third_narrator".split()
)


class Transitions:
    """The turn-taking of one conversation as ``viterbi`` scores it, by weight name: per turn
    ``k``, the weights of the same speaker again (``same``), of the one two turns back again
    (``same2``) and of ``c`` coming in as a third speaker (``third``), and the two speakers a
    turn follows (``follows``). The decode sums these weights; scripts/train_speakers.py reads
    the same names as features, so its learners fit the decode the pass runs."""

    def __init__(self, conv: Conversation) -> None:
        turns = conv.turns
        self.turns = turns
        self.party = conv.party
        self.many = many_speaking(turns)  # a third speaker is likelier where three talked
        self.given = [
            g or newcomer_acting(conv, k) for k, g in enumerate(given_after_narration(turns))
        ]
        settled = settled_in(conv, self.given)
        self.settled = [
            s or calls_after_narration(turns, self.given, k) for k, s in enumerate(settled)
        ]
        self.resumed = resumed_turns(turns)
        self.acting = [acting_before(turn) for turn in turns]
        # in a group, the one the line just before calls by name answers it: they come in at
        # no third-speaker cost (the ``called_one`` feature, set by ``conversations``)
        self.asked = [
            {c for c, f in zip(cands, feats, strict=True) if "called_one" in f}
            for cands, feats in zip(conv.candidates, conv.features, strict=True)
        ]
        # a turn ending on someone else's line: the next one follows that line (``last_speaker``)
        self.ends = [last_speaker(turn) for turn in turns]

    def same(self, k: int) -> list[str]:
        """The weights of turn ``k``'s speaker being the one of the turn before."""
        turn = self.turns[k]
        names = ["same1_cont" if turn.continued else "same1_gap" if turn.gap else "same1"]
        if turn.reply:
            names.append("reply_same")
        if turn.told is not None and turn.reported is not None:
            # '"Hey, baby. You busy?"' / 'I tell her I'm never too busy for her.' / '"Of course
            # she is."': the one answered in reported words speaks again
            names.append("told_back")
        return names

    def same2(self, k: int) -> list[str]:
        """The weights of turn ``k``'s speaker being the one two turns back (A-B-A)."""
        return (["same2"] if not self.settled[k] else []) + (["resumed"] if self.resumed[k] else [])

    def third(self, k: int, c: str) -> list[str]:
        """The weights of ``c`` coming in as a third speaker at turn ``k``: none for a line its
        own cues give after narration, by a named beat, to the one just called or from afar."""
        if self.given[k] or c == self.acting[k] or c in self.asked[k] or self.turns[k].afar:
            return []
        names = ["third"]
        if self.many[k]:
            names.append("third_many")
        if c == self.party:
            names.append("third_narrator")
        return names

    def follows(self, k: int, c2: str | None, c1: str) -> tuple[str | None, str]:
        """The two speakers turn ``k`` follows, from state (c2, c1) of the turn before."""
        end = self.ends[k - 1]
        return (c2, c1) if end is None or end == c1 else (c1, end)

    def step(self, k: int, c2: str | None, c1: str, c: str) -> list[str]:
        """The weights of ``c`` at turn ``k`` after ``c1`` after ``c2`` (as ``follows`` gives
        them): after A, A any other speaker is the second one, at no cost."""
        if c == c1:
            return self.same(k)
        if c2 is None or c2 == c1:
            return []
        return self.same2(k) if c == c2 else self.third(k, c)


def third_weights(trans: Transitions, weights: Mapping[str, float]) -> Callable[[int, str], float]:
    """``_summed(weights, trans.third(k, c))`` as a function of (k, c), without building the
    list of names for every candidate of every turn: the same sums, added in the same order
    (tests/passes/test_speed_equivalence.py holds them equal)."""
    w_third = weights.get("third", 0.0)
    w_many = weights.get("third_many", 0.0)
    w_narrator = weights.get("third_narrator", 0.0)
    given, acting, asked, many = trans.given, trans.acting, trans.asked, trans.many
    party, turns = trans.party, trans.turns

    def third_of(k: int, c: str) -> float:
        """The weight of ``c`` coming in as a third speaker at turn ``k`` (both passes)."""
        if given[k] or c == acting[k] or c in asked[k] or turns[k].afar:
            return 0.0
        total = 0.0 + w_third
        if many[k]:
            total += w_many
        if c == party:
            total += w_narrator
        return total

    return third_of


def _summed(weights: Mapping[str, float], names: Sequence[str]) -> float:
    total = 0.0
    for name in names:
        total += weights.get(name, 0.0)
    return total


def _step(c2: str | None, c1: str | None, c: str, same: float, same2: float, third: float) -> float:
    """The transition score of ``c`` after ``c1`` after ``c2`` (``Transitions.step``)."""
    if c == c1:
        return same
    if c2 is None or c2 == c1:
        return 0.0
    return same2 if c == c2 else third


def dot(weights: Mapping[str, float], feats: Mapping[str, float]) -> float:
    return sum(weights.get(k, 0.0) * v for k, v in feats.items())


_State = tuple[str | None, str]  # (the speaker before, this turn's speaker)


class _Column:
    """The states (c2, c1) of one turn that share c1, summarised for the step to the next
    turn's speaker c: the transition score is ``same`` when c == c1, nothing when c2 is None or
    c2 == c1 (``plain``), ``same2`` when c == c2 and ``third`` otherwise. Each best is
    (score, position among the turn's states, c2); on a tie the earliest state wins, as in a
    plain scan of the states."""

    __slots__ = ("best", "plain", "top", "second", "by_c2")

    def __init__(self) -> None:
        none = (-math.inf, math.inf, None)
        self.best: tuple[float, float, str | None] = none
        self.plain: tuple[float, float, str | None] = none
        self.top: tuple[float, float, str | None] = none  # the two best of the other c2
        self.second: tuple[float, float, str | None] = none
        self.by_c2: dict[str, tuple[float, float, str | None]] = {}


def _columns(states: Mapping[_State, float]) -> dict[str, _Column]:
    columns: dict[str, _Column] = {}
    for position, ((c2, c1), value) in enumerate(states.items()):
        column = columns.get(c1)
        if column is None:
            column = columns[c1] = _Column()
        entry = (value, float(position), c2)
        if value > column.best[0]:
            column.best = entry
        if c2 is None or c2 == c1:
            if value > column.plain[0]:
                column.plain = entry
            continue
        column.by_c2[c2] = entry
        if value > column.top[0]:
            column.top, column.second = entry, column.top
        elif value > column.second[0]:
            column.second = entry
    return columns


_Ahead = tuple[float, float, dict[str, tuple[float, float]], str | None, float, float]


def _ahead(
    backward: Mapping[_State, float],
    emit: Mapping[str, float],
    same: float,
    thirds: Mapping[str, float],
) -> dict[str | None, _Ahead]:
    """The states (c1, c) of a turn grouped by c1, summarised for the backward step from a
    state of the turn before whose last speaker is c1: the best score on to the end when c is
    c1 again (``same``), when c is anyone else with no transition score (``plain``), each c's
    emission and score ahead (to add ``same2`` for the one two turns back), and the two best
    when c comes in as a third speaker (with the first's c). A max over one of these is the
    max the plain scan over every c would find."""
    grouped: dict[str | None, list[tuple[str, float, float]]] = {}
    for (p1, c), b in backward.items():
        grouped.setdefault(p1, []).append((c, emit[c], b))
    out: dict[str | None, _Ahead] = {}
    for p1, entries in grouped.items():
        own = plain = first = second = -math.inf
        top: str | None = None
        steps: dict[str, tuple[float, float]] = {}
        for c, e, b in entries:
            steps[c] = (e, b)
            if c == p1:
                own = same + e + b
                continue
            value = 0.0 + e + b
            if value > plain:
                plain = value
            value = thirds[c] + e + b
            if value > first:
                first, second, top = value, first, c
            elif value > second:
                second = value
        out[p1] = (own, plain, steps, top, first, second)
    return out


def viterbi(
    conv: Conversation, weights: Mapping[str, float], allowed: list[set[str] | None] | None = None
) -> tuple[list[str], list[dict[str, float]]]:
    """The best speaker per turn (second order), and per turn the max-marginal score of each
    candidate. ``allowed`` restricts turns to some candidates (for training on gold)."""
    n = len(conv.turns)
    emit = [
        {c: dot(weights, f) for c, f in zip(cands, feats, strict=True)}
        for cands, feats in zip(conv.candidates, conv.features, strict=True)
    ]
    if allowed is not None:
        for k in range(n):
            ok = allowed[k]
            if ok:
                keep = {c: s for c, s in emit[k].items() if c in ok}
                if keep:
                    emit[k] = keep
    trans = Transitions(conv)
    same_w = [_summed(weights, trans.same(k)) for k in range(n)]

    third_of = third_weights(trans, weights)

    def same2_of(k: int) -> float:
        return _summed(weights, trans.same2(k))

    ends = trans.ends
    follows = trans.follows

    # forward: score[k][(prev, cur)]
    forward: list[dict[_State, float]] = [{(None, c): s for c, s in emit[0].items()}]
    back: list[dict[_State, _State | None]] = [{(None, c): None for c in emit[0]}]
    for k in range(1, n):
        row: dict[_State, float] = {}
        ptr: dict[_State, _State | None] = {}
        same2 = same2_of(k)
        if ends[k - 1] is not None:  # rare: scan the states
            for c, s in emit[k].items():
                third = third_of(k, c)
                for state, value in forward[k - 1].items():
                    q2, q1 = follows(k, *state)
                    v = value + _step(q2, q1, c, same_w[k], same2, third) + s
                    if v > row.get((q1, c), -math.inf):
                        row[(q1, c)] = v
                        ptr[(q1, c)] = state
            forward.append(row)
            back.append(ptr)
            continue
        columns = _columns(forward[k - 1])
        same = same_w[k]
        for c, s in emit[k].items():
            third = third_of(k, c)
            for c1, col in columns.items():
                # the best state of column c1 followed by c (written out: the forward pass's
                # hottest loop)
                if c == c1:
                    kept = col.best
                    row[(c1, c)] = kept[0] + same + s
                    ptr[(c1, c)] = (kept[2], c1)
                    continue
                value, position, c2 = col.plain
                back_to = col.by_c2.get(c)
                if back_to is not None:
                    v = back_to[0] + same2
                    if v > value or (v == value and back_to[1] < position):
                        value, position, c2 = v, back_to[1], c
                other = col.top if col.top[2] != c else col.second
                if other[2] is not None:
                    v = other[0] + third
                    if v > value or (v == value and other[1] < position):
                        value, c2 = v, other[2]
                row[(c1, c)] = value + s
                ptr[(c1, c)] = (c2, c1)
        forward.append(row)
        back.append(ptr)
    # backward, for max-marginals
    backward: list[dict[_State, float]] = [dict() for _ in range(n)]
    backward[n - 1] = {state: 0.0 for state in forward[n - 1]}
    for k in range(n - 1, 0, -1):
        same = same_w[k]
        same2 = same2_of(k)
        thirds = {c: third_of(k, c) for c in emit[k]}
        ahead_of = _ahead(backward[k], emit[k], same, thirds)
        into = backward[k - 1]
        end = ends[k - 1]
        for c2, c1 in forward[k - 1]:
            q2, q1 = (c2, c1) if end is None or end == c1 else (c1, end)  # ``follows``
            column = ahead_of.get(q1)
            if column is None:
                into[(c2, c1)] = -math.inf
                continue
            # the transition score of (c2, c1) -> c is as in the forward pass (``_step``)
            own, plain, steps, top, first, second = column
            if q2 is None or q2 == q1:
                into[(c2, c1)] = own if own > plain else plain
                continue
            best_value = own
            step = steps.get(q2)
            if step is not None:
                value = same2 + step[0] + step[1]
                if value > best_value:
                    best_value = value
            value = first if top != q2 else second
            into[(c2, c1)] = value if value > best_value else best_value
    marginals = []
    for k in range(n):
        m: dict[str, float] = {}
        ahead = backward[k]  # every state of forward[k] has its score ahead
        for state, value in forward[k].items():
            total = value + ahead[state]
            c = state[1]
            if total > m.get(c, -math.inf):
                m[c] = total
        marginals.append(m)
    state = max(forward[n - 1], key=lambda s: forward[n - 1][s])
    path = [state[1]]
    for k in range(n - 1, 0, -1):
        prev = back[k][state]
        assert prev is not None
        state = prev
        path.append(state[1])
    path.reverse()
    return path, marginals
