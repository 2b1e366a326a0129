"""Who says each line of dialogue, and to whom.

Each paragraph with quotations is a *turn* (see speaker_cues.py for the cues it carries). A turn's
speaker is chosen among a few local candidates, the characters referred to around it, by a
linear score over named features:

* emissions, per turn and candidate: the subject of a speech tag after a quotation, of a clause
  leading into one, of the narration just before or after the quotations (each as a name, a
  description, or a pronoun whose gender matches, is unknown or clashes), being addressed
  (a vocative or tag object: not the speaker), giving one's own name ("I'm Naruto"), having
  been addressed in the turn before (likely the speaker now, more so in a group scene) or
  spoken of there by name, being named in the narration,
  having just spoken in reported speech ('Mr. Bennet replied that he had not.': the line after
  answers him), the one acting at the end of the narration paragraph before an untagged turn,
  and salience;
* transitions over the last two turns: the same speaker again (more likely when the speech
  continues an unclosed quotation), the speaker of two turns ago (alternation), a third one
  (a first-person narrator who tags a fifth of the lines or more is never a third one: they are
  in every conversation).

The best sequence of speakers for each conversation is found by second-order Viterbi. Weights
come from ``ficscope/models/speakers.json``: the hand-set values below, which no learner in
``scripts/train_speakers.py`` (perceptron, CRF, coordinate search; 4-fold cross-validation on
LitBank's training books) has beaten, and a calibration fitted on those books. A quotation with
its own explicit tag naming someone else than its turn's speaker keeps that tag's speaker. An
untagged quotation calling its turn's speaker by name is the likeliest other candidate's.

Confidence: the margin between the best sequence through the chosen speaker and the best through
any other (max-marginals), mapped to a probability by a logistic fit on the training books.
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources

from ficscope.lexicon import TITLES, formal_given_names, word_list
from ficscope.model import NARRATOR, NARRATOR_NAME, Character, Mention, Quote, Work
from ficscope.passes.addressees import (
    UNKNOWN,
    Around,
    addressees,
    call_ends,
    named_addressee,
    off_the_phone,
    read_lines,
    shared_in_turn,
)
from ficscope.passes.coref import (
    fold_characters,
    given_name_gender,
    guessed_at,
    remembered,
    scene_starts,
)
from ficscope.passes.coref.descriptions import character_nouns
from ficscope.passes.described_people import described_people, without_unknown_plurals
from ficscope.passes.discourse import Paragraph, Token
from ficscope.passes.known_cast import KnownCast, known_cast
from ficscope.passes.names import VOCATIVE_AFTER
from ficscope.passes.pov import (
    POV_LINE_MAX,
    character_named,
    notes_pov_names,
    pov_name,
    pov_stretches,
    stretch_of,
)
from ficscope.passes.speaker_cues import (
    KIN_VOCATIVES,
    LABEL_GENDER,
    PARENT_CALLS,
    UNTIL,
    CueFinder,
    QuoteCues,
    Subject,
    Turn,
    character_genders,
)
from ficscope.passes.speech_mentions import speech_mentions, third_persons
from ficscope.pipeline import register

PRONOUN_LABELS = {"m": "he/him", "f": "she/her"}
MAX_CANDIDATES = 6
CAST_CANDIDATES = 4  # a scene's first turn is filled up to this with the story's speakers
CONVERSATION_GAP = 3  # narration-only paragraphs that end a conversation
WINDOW_BEFORE = 3  # paragraphs before a turn whose references make candidates
WINDOW_AFTER = 1
LOOK_AHEAD = 6  # paragraphs searched after a turn that has no candidate at all
MANY_REACH = 4  # turns back in which tags showing three speakers make a group scene
GROUP_REACH = 8  # turns back in which three people shown speaking or acting make a group scene
MIN_TEACHING_CONFIDENCE = 0.6  # a line given less surely than this teaches its tag's gender nothing
SURE_CONFIDENCE = 0.9  # a line given this surely teaches it on its own
ADDRESS_CONFIDENCE = 0.6  # a line given this surely teaches how its speaker calls people

DEFAULT_WEIGHTS: dict[str, float] = {
    "tag_name": 6.0,
    "tag_epithet": 5.0,
    "tag_pron_match": 3.5,
    "tag_pron_unk": 1.2,
    "tag_pron_bad": -3.0,
    "tag_pron_coref": 0.8,
    "tag_other": -2.0,
    "intro_name": 4.0,
    "intro_epithet": 3.5,
    "intro_pron_match": 2.0,
    "intro_pron_unk": 1.0,
    "intro_pron_bad": -2.0,
    "intro_pron_coref": 0.6,
    "intro_other": -1.0,
    "before_name": 1.6,
    "before_epithet": 1.4,
    "before_pron_match": 0.8,
    "before_pron_unk": 0.4,
    "before_pron_bad": -0.5,
    "before_pron_coref": 0.6,
    "before_other": -0.3,
    "after_name": 0.8,
    "after_epithet": 0.7,
    "after_pron_match": 0.4,
    "after_pron_unk": 0.2,
    "after_pron_bad": -0.3,
    "after_pron_coref": 0.3,
    "after_other": -0.2,
    "mid_name": 1.6,
    "mid_epithet": 1.4,
    "mid_pron_match": 0.8,
    "mid_pron_unk": 0.4,
    "mid_pron_bad": -0.5,
    "mid_pron_coref": 0.6,
    "mid_other": -0.3,
    "actor_name": 0.8,
    "actor_epithet": 0.7,
    "actor_pron_match": 0.4,
    "actor_pron_unk": 0.2,
    "actor_pron_bad": -0.3,
    "actor_pron_coref": 0.3,
    "actor_other": -0.2,
    "reported_name": -2.0,
    "reported_epithet": -2.0,
    "reported_pron_coref": -1.0,
    "mention": 0.7,
    "vocative": -3.0,
    "named": -0.8,
    "object": -2.5,
    "prev_addressed": 1.0,
    "prev_named": 1.5,
    "asks_back": 3.0,  # '"Larry's paying!"' / '"I'm what?"': the one spoken of asks it
    "prev_addressed_many": 0.6,
    "prev_met": 1.5,
    "side_by_side": 0.6,  # the two the narration showed side by side, through their bare lines
    "kin_of": 1.5,  # '"Papa!"' to the one "Her father" is: hers
    "kin_child": 3.0,  # '"You don't have to come, Dad."' to Frank Reyes: Dana Reyes's
    "called_back": 2.0,  # '"Kageyama!"' / '"What, Hinata?"': the first call is Hinata's
    "paired": 1.0,  # the other of two the narration just brought together answers
    "echoed": 1.0,
    "new": 1.5,
    "sal1": 0.6,
    "sal2": 0.3,
    "narrator": 0.0,
    "same1": -1.2,
    "same1_cont": 4.0,
    "same1_gap": 0.0,
    "same2": 0.8,
    "resumed": 1.5,
    "reply_same": -2.0,
    "tag_actor": 3.5,
    "done_to": 3.0,
    "actor_to_me": 1.0,
    "called_me": 2.0,  # '"Tim, you're on comms."' / '"From bed?"': the narrator called answers
    "own_address": 2.0,
    "third": -0.4,
    "third_many": 0.3,
    "third_narrator": 0.4,
    "own_name": 3.0,
    "answer_calls": 2.5,  # '"WHO'S FAT?"' / '"Nobody's fat, Inosuke," said Tanjiro.'
    "on_line": 1.5,  # "Castiel's voice came through the receiver": his bare lines after it
    "holder": 2.0,  # "Her phone buzzed." / '"Hi, Jonah."': the one whose phone rang answers
}


@cache
def load_model() -> dict[str, object]:
    """The shipped model: ``{"weights": {...}, "calibration": [a, b], ...}``."""
    try:
        text = (resources.files("ficscope.models") / "speakers.json").read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return {"weights": DEFAULT_WEIGHTS, "calibration": [1.0, 0.0]}
    data: dict[str, object] = json.loads(text)
    return data


# -- features ---------------------------------------------------------------------------------


def subject_features(
    prefix: str, subject: Subject | None, c: str, genders: Mapping[str, str], out: dict[str, float]
) -> None:
    if subject is None:
        return
    value = 1.0 if subject.confirmed else 0.6
    if subject.kind != "pronoun":
        name = f"{prefix}_{'name' if subject.kind == 'name' else 'epithet'}"
        if subject.character == c:
            out[name] = max(out.get(name, 0.0), value)
        elif subject.character is not None:
            out[f"{prefix}_other"] = max(out.get(f"{prefix}_other", 0.0), value)
        return
    g = genders.get(c)
    if subject.gender == "1" or g == "1":
        key = "match" if subject.gender == g else "bad"
    elif g is None:
        key = "unk"
    else:
        key = "match" if g == subject.gender else "bad"
    out[f"{prefix}_pron_{key}"] = max(out.get(f"{prefix}_pron_{key}", 0.0), value)
    if subject.resolved == c:
        out[f"{prefix}_pron_coref"] = value


def tagged_speakers(turn: Turn) -> list[str]:
    """Characters a tag or intro of the turn names (not by a pronoun, but "I"): shown
    speaking."""
    found = []
    for cue in turn.quotes:
        for s in (cue.tag, cue.intro):
            if s is None:
                continue
            if s.kind != "pronoun" and s.character:
                found.append(s.character)
            elif s.kind == "pronoun" and s.gender == "1" and s.confirmed:
                found.append(NARRATOR)  # '"Is it, though?" I whispered.'
    return found


def turn_subjects(turn: Turn) -> list[str]:
    """Characters a tag, intro or beat of the turn names."""
    found = tagged_speakers(turn)
    for s in (turn.beat_before, turn.beat_after, *turn.beats_mid):
        if s is not None and s.kind != "pronoun" and s.character:
            found.append(s.character)
    return found


def shown_speaking(turn: Turn) -> set[str]:
    """Who the turn shows speaking or acting: ``turn_subjects``, and the one coreference took
    a confirmed pronoun tag or intro for ("I tell him" is the narrator)."""
    shown = set(turn_subjects(turn))
    for cue in turn.quotes:
        for s in (cue.tag, cue.intro):
            if s is not None and s.kind == "pronoun" and s.confirmed and s.resolved:
                shown.add(s.resolved)
    return shown


@dataclass(slots=True)
class Conversation:
    turns: list[Turn]
    candidates: list[list[str]]  # per turn
    features: list[list[dict[str, float]]]  # per turn, per candidate
    party: str | None = None  # a talking first-person narrator: in every conversation
    # per turn, the one on the phone after it and the one holding the phone (None: no call)
    calls: list[tuple[str | None, str | None]] | None = None


def conversations(
    finder: CueFinder,
    turns: list[Turn],
    genders: Mapping[str, str] | None = None,
    address: Mapping[str, Mapping[str, set[int]]] | None = None,
) -> list[Conversation]:
    """Turns grouped into conversations, each turn with its candidates and their features.
    ``address``: per character, the words it calls people by ("Boss", "sir") and the
    paragraphs of its lines that use them (see ``address_words``)."""
    if genders is None:
        genders = character_genders(finder.work)
        for c in finder.unnamed.values():
            if c.pronouns:
                genders[c.id] = LABEL_GENDER.get(c.pronouns, c.pronouns)
    paragraph_refs: dict[int, Counter[str]] = defaultdict(Counter)
    tokens = finder.tokens
    first_para: dict[str, int] = {}  # where the narration first refers to each character
    offstage: set[str] = set()  # first met as someone seen or spoken of: "to see Mrs. Hendry"
    for first, (end, character, _) in sorted(finder.refs.items()):
        if character and tokens[first].quote < 0:  # people talked about are seldom there
            para = tokens[first].para
            if guessed_at(tokens, first):
                continue  # "someone—Kaminari, probably—is laughing upstairs": not in the scene
            if remembered(tokens, first):
                continue  # "He remembered Matthews's steady voice": not there now
            paragraph_refs[para][character] += 1
            if character not in first_para and (
                _offstage(tokens, first) or _owner_of_someone(tokens, end)
            ):
                offstage.add(character)
            first_para[character] = min(first_para.get(character, para), para)
    gone = departures(finder, genders)
    asleep = sleepers(finder)
    mentioned = Counter(m.character for m in finder.work.mentions if m.character)
    lead = max(mentioned, key=mentioned.__getitem__, default="")  # the story's main character
    narrated: dict[str, list[int]] = defaultdict(list)  # the paragraphs referring to each
    for para in sorted(paragraph_refs):
        for character in paragraph_refs[para]:
            narrated[character].append(para)
    for turn in turns:  # people talked to are
        for cue in turn.quotes:
            for cid in cue.vocatives:
                paragraph_refs[turn.para][cid] += 1
    groups: list[list[Turn]] = []
    scenes = sorted(scene_starts(finder.work, finder.dis))
    for turn in turns:
        # a conversation ends after a long stretch of narration or at a scene break
        if (
            not groups
            or turn.gap > CONVERSATION_GAP
            or bisect_right(scenes, turn.para) > bisect_right(scenes, groups[-1][-1].para)
        ):
            groups.append([])
        groups[-1].append(turn)
    spoke_at = {(turn.para, c) for turn in turns for c in tagged_speakers(turn)}
    ends = call_ends(finder)
    out = []
    crowds = finder.groups()
    party = NARRATOR if narrator_talks(turns) else None
    animals = finder.animals()
    for group in groups:
        candidates: list[list[str]] = []
        features: list[list[dict[str, float]]] = []
        previous: Turn | None = None
        spoken: set[str] = set()  # shown speaking by a tag in the conversation so far
        group_scene = group_scenes(group)
        side: frozenset[str] = frozenset()  # ``Meeting.side``, kept through the bare lines
        on_line: str | None = None  # a voice heard through a phone, until the call ends
        holder: str | None = None  # the one whose phone rang, until the call ends
        calls: list[tuple[str | None, str | None]] = []
        relaying = False  # the turn before passed on to the phone what someone there says
        passed_on: str | None = None  # the one there whose words went to the phone last
        passed_back = False  # the turn before passed the answer on to the room
        for k, turn in enumerate(group):
            ended = turn.gap > 1 or (
                previous is not None and _call_ended(finder, ends, previous, turn)
            )
            if on_line is not None and (ended or on_line in _shown_acting(turn)):
                on_line = None  # hung up, come into the room ("Dick leaned in"), or long gone
            if ended:
                holder = None
            rang = _phone_holder(finder, previous, turn)
            if rang is not None:
                holder = rang
            # a sleeper the line before speaks of may wake: '"Bram is paying!"' / '"I'm what?"'
            # (not one it asks about: '"Do you think he knows?"' / '"Laios? No."')
            woken = (
                {c for cue in previous.quotes for c in cue.named} if previous is not None else set()
            )
            window: dict[str, float] = {}
            for p in range(turn.para - WINDOW_BEFORE, turn.para + WINDOW_AFTER + 1):
                for cid, n in paragraph_refs.get(p, {}).items():
                    weight = 2.0 if p == turn.para else 1.0
                    if p > turn.para and first_para.get(cid, p) > turn.para:
                        weight = 0.01  # not there yet: the reader has not met them
                    window[cid] = window.get(cid, 0.0) + n * weight
            # '"Mira. Everyone else went away."' after "What's your name?": Mira, though the
            # narration has only called her "a girl"
            forced = turn_subjects(turn) + [c for cue in turn.quotes for c in cue.own_names]
            meeting = meeting_before(finder, previous, turn, forced=bool(forced))
            if meeting.paired is not None:
                forced.append(meeting.paired)  # there, though they went out: the scene went too
            if meeting.side:
                side = meeting.side
            elif turn.gap or forced or any(cue.tag or cue.intro for cue in turn.quotes):
                side = frozenset()  # a tag, beat or narration ends the bare run
            for cue in turn.quotes:
                for s in (cue.tag, cue.intro):
                    if s is not None and s.resolved:
                        window[s.resolved] = window.get(s.resolved, 0.0) + 1.0
            for s in (turn.beat_before, turn.beat_after):
                if s is not None and s.resolved:
                    window[s.resolved] = window.get(s.resolved, 0.0) + 0.5
            for cid in [c for c in window if _away(c, turn.para, gone, asleep, woken)]:
                del window[cid]  # "She vanished.": not there to speak any more
            ranked = sorted(window, key=lambda cid: -window[cid])  # stable: ties keep order
            called_before = (
                {v for cue in previous.quotes for v in cue.vocatives} if previous else set()
            )
            if len(called_before) == 1 and turn.gap == 0:
                # '"Yuri, then."' / '"Don't call me anything." He drops onto the bench': a
                # he/she beat of the one just called is theirs, whoever coreference guessed
                (answers,) = called_before
                for b in (turn.beat_before, *turn.beats_mid):
                    if b is not None and b.kind == "pronoun" and b.gender == genders.get(answers):
                        b.resolved = answers
                    elif (
                        b is not None
                        and b.kind == "epithet"
                        and b.character not in (None, answers)
                        and not b.character.startswith("unnamed-")
                        and tokens[b.token].lower == "the"
                        and (
                            genders.get(answers) is None
                            or genders.get(b.character) in (None, genders.get(answers))
                        )
                    ):
                        b.character = answers
            elif previous is not None and turn.gap == 0:
                # 'Bobbie pushed off the wall. "Right here ma'am."' / '"Good. ..." There was a
                # pause, then the old woman's voice came back sharper.': a description beat
                # coreference took for the one the turn before named is someone else
                subjects = [previous.beat_before, previous.beat_after, *previous.beats_mid]
                subjects += [x for cue in previous.quotes for x in (cue.tag, cue.intro)]
                shown = {x.character for x in subjects if x is not None and x.kind == "name"}
                for b in turn.beats_mid:
                    if (
                        b.kind == "epithet"
                        and b.character in shown
                        and tokens[b.token].lower == "the"
                    ):
                        b.character = None
            # the one the narration just before shows acting is always a candidate: "Ben
            # leaned on my chair, watching Luther." / '"You did good," he said.'
            actors = [
                a.who
                for a in (turn.tag_actor, turn.last_actor)
                if a is not None and not (a.token >= 0 and guessed_at(tokens, a.token))
            ]
            chosen = list(dict.fromkeys(forced + [a for a in actors if a]))
            # the turn just before first: who it tagged answers now more often than two ago
            recent = [
                c
                for cands in reversed(candidates[-2:])
                for c in cands
                if c != UNKNOWN and not _away(c, turn.para, gone, asleep, woken)
            ]
            # and who a tag of this very turn names or its pronoun stands for: '"Don't cry."
            # She said' after "a teacher came up", however many were met before
            tag_refs = [
                s.resolved for cue in turn.quotes for s in (cue.tag, cue.intro) if s and s.resolved
            ]
            for cid in [*ranked[:2], *tag_refs, *recent, *ranked[2:]]:
                if len(chosen) >= MAX_CANDIDATES:
                    break
                if (
                    cid in animals
                    and cid not in called_before
                    and not any(cid in tagged_speakers(t) for t in group[max(0, k - 2) : k])
                ):
                    continue  # "she only resurrected the cat": an animal speaks where tagged
                if cid not in chosen and (cid not in crowds or cid in called_before):
                    chosen.append(cid)  # a group speaks only where a tag, beat or call says so
            if k == 0 and not forced:
                for cid in _scene_cast(spoke_at, scenes, turn.para):
                    if len(chosen) >= CAST_CANDIDATES:
                        break
                    if cid not in chosen and not _away(cid, turn.para, gone, asleep, woken):
                        chosen.append(cid)
            tagged = {
                s.gender
                for cue in turn.quotes
                for s in (cue.tag, cue.intro)
                if s is not None and s.kind == "pronoun" and s.confirmed and s.gender in ("m", "f")
            }
            for gender in tagged - {genders.get(c) for c in chosen}:
                # "she said" and nobody near is a she: the last she the narration named
                far = _last_of_gender(paragraph_refs, genders, gender, turn.para)
                if far is not None and far not in chosen:
                    chosen.append(far)
            answer_calls = _called_in_answer(group, k)
            for cid in answer_calls:
                if cid not in chosen and not _away(cid, turn.para, gone, asleep, woken):
                    chosen.append(cid)
            for cid in sorted(woken):  # the sleeper the line before spoke of is there to answer
                if cid not in chosen and _has_left(asleep.get(cid), turn.para):
                    chosen.append(cid)
            untagged = not any(cue.tag or cue.intro for cue in turn.quotes)
            relayed = _relayed(finder, turn) if on_line is not None else None
            voice = (  # not where the line before called another: '"Which one, Tim?"'; nor
                # a line passing on the words of someone there ('"Mira says hello."') or the
                # answer to one passing its words back
                on_line
                if untagged
                and not turn_subjects(turn)
                and called_before <= {on_line}
                and not passed_back
                and relayed not in spoken
                else None
            )
            if voice is not None and voice not in chosen:
                chosen.append(voice)
            called = {v for cue in turn.quotes for v in cue.vocatives}
            # the one whose phone rang answers it calling the caller ('Her phone buzzed.' /
            # '"Hi, Jonah."'; not a text read out: '"Which two were real? SH"'), and says the
            # bare lines calling the one on the line or passing on what someone there or on
            # the line says ('"Noya-senpai says—"', '"He says okay!"')
            answering = (
                holder
                if untagged
                and not turn_subjects(turn)
                and holder not in called
                and (
                    called
                    if rang is not None
                    else on_line is not None
                    and (on_line in called or relayed in ("", on_line, *spoken))
                )
                else None
            )
            if answering is not None and answering not in chosen:
                chosen.append(answering)
            if NARRATOR not in genders and all(c in called for c in chosen):
                # '"TOM!" / No answer. / ... / The old lady pulled her spectacles down': nobody
                # but the one called, so the first other person the narration shows after it
                chosen += _first_after(paragraph_refs, turn.para, called)
            teller = stretch_of(finder.pov, turn.para) if finder.pov else None
            if teller is not None:  # in Naruto's stretch of the story, Naruto is "I"
                chosen = [c for c in chosen if c != teller.character]
            if not chosen:
                chosen = [NARRATOR] if NARRATOR in genders else [UNKNOWN]
            # someone first met after the turn is no candidate the reader has in mind
            order = {cid: r for r, cid in enumerate(c for c in ranked if window[c] > _UNMET)}
            feats = [_features(turn, previous, cid, genders, order.get(cid, 99)) for cid in chosen]
            words = turn_address_words(finder, turn) if address else set()
            echoed = _echoed(finder, group[max(0, k - 7) : k], turn)
            # who the line before spoke of, when this one does not speak of them too
            talked_of = (
                {c for cue in previous.quotes for c in cue.named}
                - {c for cue in turn.quotes for c in (*cue.named, *cue.vocatives)}
                if previous is not None and turn.gap == 0
                else set()
            )
            # '"Then Harry will finish it."' / '"I will?"': one spoken of asks it back
            asked_back = talked_of if len(talked_of) == 1 and _asks_of_self(finder, turn) else set()
            # a beat between two quotations of the paragraph says who speaks: its name, or the
            # one coreference took its pronoun for ('"Sorry." He almost smiled. "Reflex."')
            beat_named = {
                b.character if b.kind == "name" else b.resolved
                for b in turn.beats_mid
                if b.kind == "name" or (b.kind == "pronoun" and b.resolved)
            }
            acted_on = _acted_on(finder, turn)
            # the one a beat shows acting, named or a resolved pronoun: '"Honey!" Pip brightened.
            # "Sam, you'll save me some?"' is Pip's, though Frodo always calls Sam "Sam"
            beat_shown = {
                b.who
                for b in (turn.beat_before, turn.beat_after, *turn.beats_mid)
                if b is not None and b.kind in ("name", "pronoun") and b.who
            }
            actor = turn.last_actor
            if not beat_shown and actor is not None and _opens_main_clause(tokens, actor.token):
                # or the last one the narration before the line shows acting, named, described
                # or a pronoun: "Then he made up his mind." / '"Mr Kennedy, my compliments ..."'
                # is Hornblower's, though a sailor says "Mr Hornblower" (acc24-r20c)
                beat_shown = {actor.who} if actor.who else set()
            kin_callers: set[str | None] = set()  # who calls a parent there "Papa", "Mom"
            called_kin: set[str] = set()  # and the parent, who does not say it
            kin_children: set[str] = set()  # those of the parent's family there
            for cue in turn.quotes:
                kin_call = finder.kin_called.get(finder.span(cue.index)[0])
                if kin_call is None:
                    continue
                if _narrated_in(narrated[kin_call[0]], group[0].para - WINDOW_BEFORE, turn.para):
                    kin_callers.add(finder.kin_of.get(kin_call))  # "Her father beamed": hers
                family = _family_parent(finder.work, chosen, genders, kin_call[1], lead)
                if family is not None:  # '"You don't have to come, Dad."' with Charlie Swan
                    called_kin.add(family[0])  # and Bella Swan there
                    kin_children.update(family[1])
            said_to = (
                _said_you_to(finder, previous, group[k - 2] if k >= 2 else None, party)
                if previous is not None and turn.gap == 0
                else None
            )
            to_phone = (
                on_line is not None
                and previous is not None
                and turn.gap == 0
                and (relaying or _said_to_the_phone(finder, previous))
            )
            if to_phone:
                # "'Will you come on Saturday?' Enjolras asked the phone." / "'Of course.'":
                # the one on the line answers, not the one who spoke before
                said_to = on_line
            elif passed_back and passed_on is not None and turn.gap == 0:
                said_to = passed_on  # '"Noya-senpai says—"' ... '"He says okay!"': Noya answers
            if (
                said_to is None
                and party is not None
                and previous is not None
                and turn.gap == 0
                and not turn_subjects(turn)
                and party not in tagged_speakers(previous)
                and set(tagged_speakers(previous)) & called
            ):
                # '"She ate half the sandwiches," said Rico.' / '"Rico!"': a bare line calling
                # the one a tag has just shown speaking is the talking narrator's, the one a
                # group's talk goes back to (the alternation gave it to whoever spoke before);
                # not when that line was said to someone ('"How do you shuffle?" Anna asked.' /
                # '"Badly, Anna."' is the one she asked)
                said_to = party
            asked = (
                previous.quotes[-1].vocatives[0]
                if previous is not None
                and turn.gap == 0
                and len(set(previous.quotes[-1].vocatives)) == 1
                and _asks(finder, previous.quotes[-1])
                else None
            )
            # a call answered by a call: '"Kageyama!"' / '"What, Hinata?"' is said by the one
            # the answer's first line calls (not a call after narration, which may answer
            # nobody, nor one further on: '"Yeah, yeah." He toed them off. "Hey, Replacement."')
            after = group[k + 1] if k + 1 < len(group) else None
            called_back = (
                set(after.quotes[0].vocatives) - called
                if called
                and after is not None
                and after.gap == 0
                and shown_speaking(after) <= called
                else set()
            )
            # and the other way: '"Dylan, perhaps ..."' (Irving's beat) / '"The handbook
            # suggests a lot of stuff, Irv."': the one called calls back the one who called them
            shown_before = shown_speaking(previous) if previous is not None else set()
            calls_back = (
                set(previous.quotes[-1].vocatives) - called
                if previous is not None
                and turn.gap == 0
                and len(set(previous.quotes[-1].vocatives)) == 1
                and shown_before
                and shown_before <= called
                and previous.beat_after is None
                and not shown_speaking(turn) - set(previous.quotes[-1].vocatives)
                else set()
            )  # (not where a beat shows another: 'Aang perked up. "..., Katara, ..."', nor after
            # "'Edith! Edith!' cried she. Margaret stepped forward.": Margaret answers)
            for cid, f in zip(chosen, feats, strict=True):
                if cid in answer_calls:
                    f["answer_calls"] = 1.0
                if cid in calls_back:
                    f["called_back"] = 1.0
                if cid == voice:
                    f["on_line"] = 1.0
                if cid == answering:
                    f["holder"] = 1.0
                meeting.mark(cid, f)
                if cid in called_back:
                    f["called_back"] = 1.0
                if cid == said_to and (cid == party or not turn_subjects(turn)):
                    # the talking narrator answers, or the one it was said to where no tag or
                    # beat of the turn shows someone else (a beat is a better cue: "And Beth
                    # looked at her rough hands")
                    f["prev_addressed"] = 1.0
                elif to_phone:
                    f.pop("prev_addressed", None)
                if beat_named and cid not in beat_named or cid in acted_on:
                    # '"Shut up, Mylo!"' / '"Hey." Vi put a hand on her head. "Nobody's ...":
                    # the one called does not answer where the beat shows another speaking,
                    # nor where the line opens on another acting on them ('"I know everything,
                    # Helvar."' / 'Nina patted his arm. "She does, my love."')
                    f.pop("prev_addressed", None)
                if (
                    cid in talked_of
                    and cid in spoken
                    and "prev_addressed" not in f
                    and not (group_scene[k] and cid in finder.self_naming_often)
                    and not to_phone
                ):
                    # '"Then Harry will finish it."' / '"I will?"': one spoken of in the line
                    # before, who has talked in this conversation, answers like one addressed
                    # (not, in a group, one who speaks of himself by name: '"Terry did not
                    # agree to-"' is Terry's own line, and says nothing of who answers it)
                    f["prev_named"] = 1.0
                if cid in asked_back:
                    f["asks_back"] = 1.0
                if group_scene[k] and "prev_addressed" in f:
                    f["prev_addressed_many"] = 1.0  # in a group the one addressed answers
                if cid == echoed:
                    f["echoed"] = 1.0  # '"...sorted out the timetable."' ... '"What timetable?"'
                if cid in finder.self_naming:
                    f.pop("named", None)  # '"Paimon's hungry now."': Paimon speaks so
                met = first_para.get(cid, -9)
                if (
                    turn.para - 1 <= met <= turn.para
                    and cid not in offstage
                    and (met == turn.para or (met, cid) not in spoke_at)
                ):
                    # "A waiter came to their table. "What can I get you?"" (not one met
                    # speaking just before: '"Well," Obi-Wan said.' / '"It's not my fault."')
                    f["new"] = 1.0
                elif _comes_in_last(finder, turn, cid, scenes, spoke_at):
                    # "Mulder came in with two cups of coffee" / '"Morning, sir."': one who has
                    # just come in, and has not spoken in the scene, greets those there
                    f["new"] = 1.0
                own = address.get(cid, {}) if address else {}
                if beat_shown and cid not in beat_shown:
                    own = {}  # how they call people weighs less than a beat showing another
                if asked is not None and cid != asked:
                    own = {}  # or than a question asked of another by name: '"Won't you,
                    # Pater?"' / '"I will, master."' is Pater's, though Einar says "master" too
                if any(own.get(word, set()) - {turn.para} for word in words):
                    f["own_address"] = 1.0  # '"Boss," he tried to warn.' ... '"Sure thing, Boss."'
                if cid in side:
                    f["side_by_side"] = 1.0  # their bare lines, however described the others
                if cid in kin_callers:
                    f["kin_of"] = 1.0
                if cid in called_kin:
                    f["vocative"] = 1.0
                if cid in kin_children:
                    f["kin_child"] = 1.0
            candidates.append(chosen)
            features.append(feats)
            previous = turn
            spoken.update(tagged_speakers(turn))
            on_line = _heard_on_the_line(finder, turn) or on_line
            if rang is not None and on_line is None and turn.quotes[0].vocatives:
                # '"Marius! You're on speaker."': the one the answer calls is on the line
                on_line = next((v for v in turn.quotes[0].vocatives if v != rang), None)
            calls.append((on_line, holder))
            # passing on to the phone what someone in the room says: the one on the line answers;
            # passing the answer back ('"He says okay!"'): the one it answers answers
            relaying = answering is not None and relayed not in (None, "", on_line)
            if relaying:
                passed_on = relayed
            passed_back = answering is not None and relayed in ("", on_line)
            if holder is None:
                passed_on = None
        out.append(Conversation(group, candidates, features, party, calls))
    return out


_KIN_SEX = {"father": "m", "mother": "f", "grandfather": "m", "grandmother": "f"}


_DEVICE = re.compile(
    r"\b(?:phones?|line|speaker|speakerphone|receiver|comms?|comlink|radio|earpiece|intercom"
    r"|headset|mic|static)\b",
    re.IGNORECASE,
)


_SUBORDINATORS = frozenset(
    "while whilst when as until till because if after before since though although once".split()
)


def _opens_main_clause(tokens: Sequence[Token], i: int) -> bool:
    """Whether token ``i`` is the subject its sentence opens on, at most three words in and after
    no subordinating word: "Then he made up his mind", not "... while Mira watched them"."""
    if i < 0:
        return False
    sent = tokens[i].sent
    j = i
    while j > 0 and tokens[j - 1].sent == sent and i - j < 3:
        j -= 1
        if tokens[j].lower in _SUBORDINATORS:
            return False
    return j == 0 or tokens[j - 1].sent != sent


# Verbs of coming in, with "in", "into", "through" after them: "Mulder came in", "Kate burst
# into the room" (``entered``, ``arrived`` need nothing after them)
_COMING_IN = frozenset(
    "came comes walked walks stepped steps hurried hurries strode strides wandered wanders "
    "burst bursts bustled bustles slipped slips marched marches strolled strolls".split()
)
_IN = frozenset({"in", "into", "through"})
_ENTERED = frozenset({"entered", "enters", "arrived", "arrives"})


def _comes_in_last(
    finder: CueFinder, turn: Turn, cid: str, scenes: Sequence[int], spoke_at: set[tuple[int, str]]
) -> bool:
    """Whether ``cid`` is the last actor, by name, of the narration before ``turn``, coming in
    ("Mulder came in with two cups of coffee", "Captain Pellew entered"), and has not been
    tagged speaking in the scene yet."""
    actor = turn.last_actor
    if not turn.gap or actor is None or actor.kind != "name" or actor.character != cid:
        return False
    tokens = finder.tokens
    j = finder.refs[actor.token][0] + 1 if actor.token in finder.refs else actor.token + 1
    if j + 1 >= len(tokens) or tokens[j].sent != tokens[actor.token].sent:
        return False
    word = tokens[j].lower
    if word not in _ENTERED and not (word in _COMING_IN and tokens[j + 1].lower in _IN):
        return False
    k = bisect_right(scenes, turn.para)
    start = scenes[k - 1] if k else 0
    return not any(c == cid and start <= p < turn.para for p, c in spoke_at)


def _heard_on_the_line(finder: CueFinder, turn: Turn) -> str | None:
    """The one whose voice a turn's narration says came through a phone or a radio: 'Castiel's
    voice came through, far too close to the receiver', or 'said Alya's voice' a paragraph
    after "Her phone buzzed": the one named by its tag, intro or beat, with "voice" in its
    narration and a phone, line or speaker in it or the paragraph before."""
    named = set(turn_subjects(turn))
    if len(named) != 1 or any(c.startswith("unnamed-") for c in named):
        return None  # not "a voice I didn't know": one unnamed voice is not the next
    dis = finder.dis
    para = dis.paragraphs[turn.para]
    text = dis.text[para.start : para.end]
    if "voice" not in text.lower():
        return None
    spans = [dis.quotes[cue.index] for cue in turn.quotes]
    narration = "".join(
        text[a - para.start : b - para.start]
        for a, b in zip(
            [para.start] + [q.end for q in spans],
            [q.start for q in spans] + [para.end],
            strict=True,
        )
    )
    if not re.search(r"\bvoice\b", narration, re.IGNORECASE):
        return None
    before = dis.paragraphs[turn.para - 1] if turn.para > 0 else para
    if not (_DEVICE.search(narration) or _DEVICE.search(dis.text[before.start : before.end])):
        return None
    return next(iter(named))


_PHONES = frozenset("phone cellphone cell mobile radio comm comlink communicator walkie".split())
_RINGS = frozenset(
    "rang rings ringing buzzed buzzes buzzing vibrated vibrates vibrating chimed chimes pinged "
    "pings beeped beeps trilled trills shrilled shrills blared blares chirped chirps went goes "
    "lit lights".split()
)
# "his phone went dead", "the radio goes quiet": went/goes ring only where no such word follows
_WENT_QUIET = frozenset("dead silent quiet still dark black blank flying out missing numb".split())


def _rings(tokens: Sequence[Token], j: int) -> bool:
    """Whether token j says a phone rang: "rang", "buzzed", "went" (not "went dead")."""
    word = tokens[j].lower
    if word not in _RINGS:
        return False
    if word in ("went", "goes"):
        return j + 1 >= len(tokens) or tokens[j + 1].lower not in _WENT_QUIET
    return True


def _phone_holder(finder: CueFinder, previous: Turn | None, turn: Turn) -> str | None:
    """The one whose phone the narration just before a turn says rang: "Her phone buzzed
    against the tiles.", "Courfeyrac's phone went at twenty to ten.", "his phone rang" (the
    owner a name's "'s" or a his/her/my that coreference resolved); "went dead" rings no one.
    The narration searched is the paragraphs since the turn before (the two before the turn at
    most) and the turn's own, up to its first quotation."""
    dis = finder.dis
    tokens = finder.tokens
    para = dis.paragraphs[turn.para]
    first = dis.paragraphs[turn.para - turn.gap].first_token if previous is not None else 0
    first = max(first, dis.paragraphs[max(0, turn.para - 2)].first_token)
    stop = dis.token_at(dis.quotes[turn.quotes[0].index].start)
    stop = min(stop, para.last_token)
    for i in range(max(first, 1), stop - 1):
        tok = tokens[i]
        if tok.quote >= 0 or tok.lower not in _PHONES:
            continue
        if not any(_rings(tokens, j) for j in range(i + 1, min(i + 3, stop))):
            continue
        owner = tokens[i - 1].lower
        for j in range(i - 1, max(i - 5, -1), -1):  # the ref ending right before the phone
            ref = finder.refs.get(j)
            if ref is not None and ref[0] == i - 1:
                if ref[2] == "pronoun" and owner in ("his", "her", "their"):
                    return ref[1]
                if ref[2] != "pronoun" and owner.endswith(("'s", "’s")):
                    return ref[1]
                if owner == "my":
                    return NARRATOR
                break
    return None


_TO_THE_PHONE = re.compile(
    r"\b(?:asked|asks|told|tells|said|says|shouted|shouts|yelled|yells|called|calls|added|adds"
    r"|answered|answers|replied|replies|snapped|snaps|muttered|mutters)\s+(?:(?:in)?to\s+|at\s+)?"
    r"(?:the|his|her|their|my|your)\s+(?:phone|receiver|handset|radio|comm|comlink|mic|intercom"
    r"|headset|speaker|speakerphone)\b",
    re.IGNORECASE,
)


_RELAY_VERBS = frozenset("says say said wants asks".split())
_RELAY_PRONOUNS = frozenset("he she they".split())


def _relayed(finder: CueFinder, turn: Turn) -> str | None:
    """Whose words a turn's first line opens by passing on: a character named, then "says"
    ('"Noya-senpai says—"'), or "" for a he, she or they ('"He says okay!"'); None for a line
    that does not open so. The caller decides whether that one is someone there or on the
    line ('"Kuroo says hi."' is the caller passing on a voice beside them, one heard
    nowhere)."""
    tokens = finder.tokens
    q = finder.dis.quotes[turn.quotes[0].index]
    i = finder.dis.token_at(q.start)
    while i < len(tokens) and tokens[i].quote >= 0 and not tokens[i].text[:1].isalnum():
        i += 1
    if i >= len(tokens) or tokens[i].quote < 0:
        return None
    ref = finder.refs.get(i)
    last = ref[0] if ref is not None else i
    if last + 1 >= len(tokens) or tokens[last + 1].lower not in _RELAY_VERBS:
        return None
    if ref is not None and ref[2] != "pronoun":
        return ref[1]
    return "" if tokens[i].lower in _RELAY_PRONOUNS else None


def _said_to_the_phone(finder: CueFinder, turn: Turn) -> bool:
    """Whether a turn's narration says its line was said to a phone or a radio ("Enjolras asked
    the phone", "she said into the receiver")."""
    dis = finder.dis
    para = dis.paragraphs[turn.para]
    for cue in turn.quotes:
        end = dis.quotes[cue.index].end
        if _TO_THE_PHONE.search(dis.text, end, min(para.end, end + 80)):
            return True
    return False


def _said_on_the_phone(
    finder: CueFinder,
    turn: Turn,
    who: str | None,
    before: str | None,
    call: tuple[str | None, str | None],
) -> tuple[str, ...]:
    """To whom a line in a phone call that calls nobody is said: a line said to the phone
    ("Mira asked the phone") to the one on the line, and the line of the one on the line to
    the one holding the phone ('"Girl, tell me you're awake," said Alya's voice' a paragraph
    after "Her phone buzzed": to Marinette, not to the kwami beside her), unless it answers
    someone else there who spoke right before (``before``: on speaker, anyone may talk to the
    phone). Empty otherwise."""
    on_line, holder = call
    if on_line is None or who is None:
        return ()
    if who != on_line and _said_to_the_phone(finder, turn):
        return (on_line,)
    if who == on_line and holder not in (None, who) and before in (None, who, holder):
        return (holder,)
    return ()


def _call_ended(finder: CueFinder, ends: Sequence[int], previous: Turn, turn: Turn) -> bool:
    """Whether the narration says a call ended between two turns ("The line went dead.")."""
    quotes = finder.dis.quotes
    start = quotes[previous.quotes[0].index].start
    return bisect_left(ends, start) < bisect_left(ends, quotes[turn.quotes[0].index].start)


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
    finder: CueFinder, turn: Turn, before: Turn | None, party: str | None
) -> str | None:
    """Who a turn a tag gives by name or "I" is said to, when it says "you" and calls nobody.
    The one the tag of ``before`` (the turn just before it) names, who has just spoken to its
    speaker ('"Yo, I love charades," said Jason.' / '"How do you play charades with
    fireworks?" Chidi asked.' / '"Carefully, Chidi."'); failing that, in a story whose narrator
    talks (``party``, see ``narrator_talks``), the narrator, the one a group most often turns to
    ('"Of course you have," Tomas muttered.' / '"I didn't."'), unless the narration turns the
    line to someone ("Then she turned to me."). A line only a beat gives to someone else
    ('Priya wiped her hands. "Did you remember the butter?"') is said to the talking narrator
    too. The one said to answers."""
    who = tagged_speakers(turn)
    shown = who or (_beat_speakers(turn) if party is not None else [])
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


NARRATOR_SHARE = 0.2  # of the tagged lines, a first-person narrator's that make it a talker


def narrator_talks(turns: Sequence[Turn]) -> bool:
    """Whether the first-person narrator's own tags ("I said") are a fifth or more of the
    tagged lines: such a narrator takes part in every conversation of the story (the hero of
    a fan fiction told by "I"), unlike one who mostly listens and tells ("said the old
    horse")."""
    mine = tagged = 0
    for turn in turns:
        for cue in turn.quotes:
            s = cue.tag or cue.intro
            if s is not None and (s.kind != "pronoun" or s.confirmed):
                tagged += 1
                mine += s.kind == "pronoun" and s.gender == "1"
    return mine >= 2 and mine >= NARRATOR_SHARE * tagged


def _scene_cast(spoke_at: set[tuple[int, str]], scenes: list[int], para: int) -> list[str]:
    """For a scene opening on talk no tag names ("we sat by gate nine and argued"), the named
    characters tags showed speaking before it, most often first: one of them may be talking.
    Nobody when ``para`` is no scene's first few paragraphs (an unnamed guard stays in his)."""
    k = bisect_right(scenes, para) - 1
    if k < 0 or scenes[k] == 0 or para - scenes[k] > WINDOW_BEFORE + 1:
        return []
    cast = Counter(c for p, c in sorted(spoke_at) if p < scenes[k] and not c.startswith("unnamed-"))
    return [c for c, _ in cast.most_common()]


_UNMET = 0.05  # the window weight of a character met only after the turn is 0.01 a mention


def _first_after(
    paragraph_refs: Mapping[int, Counter[str]], para: int, skip: set[str]
) -> list[str]:
    """The first character not in ``skip`` referred to in the few paragraphs after ``para``."""
    for p in range(para + 1, para + 1 + LOOK_AHEAD):
        for cid, _ in paragraph_refs.get(p, Counter()).most_common():
            if cid not in skip:
                return [cid]
    return []


def _last_of_gender(
    paragraph_refs: Mapping[int, Counter[str]], genders: Mapping[str, str], gender: str, para: int
) -> str | None:
    """The character of ``gender`` the narration referred to last within 20 paragraphs before
    ``para``."""
    for p in range(para, max(-1, para - 20), -1):
        found = [c for c in paragraph_refs.get(p, ()) if genders.get(c) == gender]
        if found:
            return max(found, key=lambda c: paragraph_refs[p][c])
    return None


# Words before a first mention that make the person someone the narration only speaks of
# ("to see Mrs. Hendry", "the bus to Long Island") or compares with ("as much dignity as a guy can
# have").
_OFFSTAGE = frozenset("see about of to from at in into on as like than".split())


def _owner_of_someone(tokens: Sequence[Token], last: int) -> bool:
    """Whether the mention ending at token ``last`` owns a person met with it, a person noun
    one or two words on ("Skinner's secretary looked up", "Sakura's old teacher"): the owner
    is spoken of, not met there (acc24-r20c)."""
    if not tokens[last].lower.endswith(("'s", "’s")) or last + 1 >= len(tokens):
        return False
    nouns = character_nouns()
    return tokens[last + 1].lower in nouns or (
        last + 2 < len(tokens) and tokens[last + 2].lower in nouns
    )


def _offstage(tokens: Sequence[Token], first: int) -> bool:
    """Whether the word before a first mention at ``first``, or before the capitalised words
    running into it ("the bus to Long Island"), makes it someone only spoken of."""
    j = first - 1
    while j > 0 and tokens[j].text[:1].isupper() and not tokens[j].sent_start:
        j -= 1
    return j >= 0 and tokens[j].lower in _OFFSTAGE


# Verbs of leaving, alone ("She vanished.") or with a particle ("She backs out", "He hung up").
_LEAVING = frozenset(
    "left leaves vanished vanishes disappeared disappears departed departs exited exits".split()
)
_LEAVING_WITH = {
    v: frozenset({"out", "off", "away", "inside", "outside", "upstairs", "downstairs", "home"})
    for v in (
        "went goes walked walks ran runs hurried hurries stormed storms slipped slips backed "
        "backs headed heads stalked stalks limped limps"
    ).split()
}
_LEAVING_WITH.update({v: frozenset({"up"}) for v in ("hung", "hangs")})
_FOLLOWING = frozenset({"followed", "follows"})
# particles that leave even when a purpose follows: "ran off to find her brother"
_OFF_TO = frozenset({"off", "away", "home"})
# "She went back behind the counter": one met at their work going back to it
_BACK_TO_POST = frozenset({"to", "behind", "into", "inside"})
# pronouns that are never the subject of a verb ('to his left', 'behind her')
_NOT_SUBJECT = frozenset("him his her hers them their its me my us our your".split())
_AFTER_LEFT = frozenset({".", ",", "!", ";", "and", "without", "then"})
# Sleeping: "Laios is snoring.", "Tom was fast asleep", "She dozed": not there to talk
_ASLEEP = frozenset({"asleep", "snoring", "sleeping", "dozing"})
_SLEEPS = frozenset({"snores", "snored", "sleeps", "slept", "dozes", "dozed"})
_BEING = frozenset({"is", "was", "are", "were", "'s", "’s", "lies", "lay", "fell", "falls"})
_SLEEP_ADVERBS = frozenset({"still", "already", "fast", "sound", "now", "soundly", "quietly"})


def _asleep(tokens: Sequence[Token], v: int) -> bool:
    """Whether the words from ``v`` on, right after a subject, say it is asleep ("is
    snoring", "was fast asleep", "snored softly", "fell asleep")."""
    if v >= len(tokens) or tokens[v].quote >= 0:
        return False
    if tokens[v].lower in _SLEEPS:
        return True
    for j in range(v, min(v + 4, len(tokens) - 2)):  # "rolls over in his sleep"
        if tokens[j].lower == "in" and tokens[j + 2].lower == "sleep":
            return tokens[j + 1].lower in ("his", "her", "their")
    if tokens[v].lower not in _BEING:
        return False
    j = v + 1
    while j < len(tokens) and tokens[j].lower in _SLEEP_ADVERBS:
        j += 1
    return j < len(tokens) and tokens[j].lower in _ASLEEP


# "he left us slightly bewildered", "She left the room": those left behind, or the room
_LEFT_BEHIND = frozenset({"us", "them", "me"})
_LEFT_ROOMS = frozenset({"room", "house", "hall", "kitchen", "office", "parlour", "parlor"})


def departures(
    finder: CueFinder, genders: Mapping[str, str] | None = None
) -> dict[str, tuple[list[int], list[bool]]]:
    """Per character, the paragraphs whose narration refers to it, in order, and for each
    whether it leaves there: a reference is the subject of a verb of leaving ("She vanished.",
    "the guard went off", "She backs out, and the bell jangles behind her"). One met at their
    work going back to it ("She went back behind the counter") leaves, and the he or she who
    does so is the one role of that sex referred to in the last few paragraphs (``genders``),
    whoever coreference took the pronoun for."""
    tokens = finder.tokens
    found: dict[str, dict[int, bool]] = {}
    roles: dict[str, int] = {}  # unnamed characters -> the last paragraph referring to them
    # 'Phichit slipped out onto the balcony, and Viktor followed him': the scene goes with them
    followed = {tokens[i].para for i in finder.dis.positions(_FOLLOWING) if tokens[i].quote < 0}
    for first, (last, character, _) in sorted(finder.refs.items()):
        if not character or tokens[first].quote >= 0:
            continue
        v = _own_verb(tokens, last + 1)
        verb = tokens[v] if v < len(tokens) else None
        nxt = tokens[v + 1].lower if v + 1 < len(tokens) else "."
        then = tokens[v + 2].lower if v + 2 < len(tokens) else "."
        back = nxt == "back" and v + 2 < len(tokens)
        if back:
            nxt = then  # "went back inside"
            then = tokens[v + 3].lower if v + 3 < len(tokens) else "."
        para = tokens[first].para
        # "She went back behind the counter"
        to_post = back and nxt in _BACK_TO_POST and verb is not None and verb.lower in _LEAVING_WITH
        if character.startswith("unnamed-"):
            roles[character] = para
        elif to_post and genders and tokens[last].lower in ("he", "she"):
            gender = "m" if tokens[last].lower == "he" else "f"
            near = [c for c, p in roles.items() if para - p <= 3 and genders.get(c) == gender]
            if len(near) == 1:
                character = near[0]  # '"Everybody knew them." / She went back behind the bar'
        # "a few feet to his left": only a subject leaves
        subject = tokens[last].lower not in _NOT_SUBJECT and not tokens[last].lower.endswith(
            ("'s", "’s")
        )
        leaving = (
            subject
            and verb is not None
            and verb.quote < 0
            and (
                (verb.lower in _LEAVING and (verb.lower != "left" or _left_alone(nxt, then)))
                or (nxt in _LEAVING_WITH.get(verb.lower, ()) and (then != "to" or nxt in _OFF_TO))
                or (to_post and character.startswith("unnamed-"))
            )
        )  # not "Shippo ran out to meet them": one coming out to someone
        if subject and not leaving and verb is not None and verb.quote < 0:
            leaving = _and_leaves(tokens, v)  # "She shrieked happily and ran off"
        paras = found.setdefault(character, {})
        paras[para] = paras.get(para, False) or (leaving and para not in followed)
    return {c: (list(paras), list(paras.values())) for c, paras in found.items()}


def _left_alone(nxt: str, then: str) -> bool:
    """Whether "left" followed by ``nxt`` and ``then`` is a leaving ("left.", "left us", "left
    the room"), not a leaving of something ("left the book", "left her speechless")."""
    return nxt in _AFTER_LEFT or nxt in _LEFT_BEHIND or nxt == "the" and then in _LEFT_ROOMS


def _leaves(tokens: Sequence[Token], v: int) -> bool:
    """Whether the verb at ``v`` is one of leaving: "vanished", "left." (not "left the
    room"), "ran off", "went away to ..." (not "ran out to meet them")."""
    word = tokens[v].lower
    nxt = tokens[v + 1].lower if v + 1 < len(tokens) else "."
    then = tokens[v + 2].lower if v + 2 < len(tokens) else "."
    if word in _LEAVING:
        return word != "left" or _left_alone(nxt, then)
    return nxt in _LEAVING_WITH.get(word, ()) and (then != "to" or nxt in _OFF_TO)


def _and_leaves(tokens: Sequence[Token], v: int) -> bool:
    """Whether the verb at ``v`` goes on, in its sentence, with "and" and a verb of leaving:
    "She shrieked happily and ran off to find her brother"."""
    for j in range(v + 1, min(v + 6, len(tokens) - 1)):
        tok = tokens[j]
        if tok.quote >= 0 or tok.sent != tokens[v].sent or tok.text in (",", ";"):
            return False
        if tok.lower == "and":
            return _leaves(tokens, j + 1)
    return False


def sleepers(finder: CueFinder) -> dict[str, tuple[list[int], list[bool]]]:
    """Like ``departures``, with falling asleep for leaving: a reference that is the subject
    of "is snoring", "was fast asleep", "dozed", "rolls over in his sleep", in a paragraph of
    narration only ("Laios is snoring."), puts its character to sleep until the narration
    refers to it again awake."""
    tokens = finder.tokens
    found: dict[str, dict[int, bool]] = {}
    for first, (last, character, _) in sorted(finder.refs.items()):
        if not character or tokens[first].quote >= 0:
            continue
        para = tokens[first].para
        subject = tokens[last].lower not in _NOT_SUBJECT and not tokens[last].lower.endswith(
            ("'s", "’s")
        )
        asleep = (
            subject
            and not finder.dis.paragraphs[para].quotes
            and _asleep(tokens, _own_verb(tokens, last + 1))
        )
        paras = found.setdefault(character, {})
        paras[para] = paras.get(para, False) or asleep
    return {c: (list(paras), list(paras.values())) for c, paras in found.items()}


def _own_verb(tokens: Sequence[Token], i: int) -> int:
    """Where the verb of a reference ending before ``i`` is: right after it, or the one after
    ", and" that a tag runs into ('"You," said Pinako, and went back inside.')."""
    if i + 2 < len(tokens) and tokens[i].text == "," and tokens[i + 1].lower == "and":
        return i + 2
    return i


def _away(
    character: str,
    para: int,
    gone: Mapping[str, tuple[list[int], list[bool]]],
    asleep: Mapping[str, tuple[list[int], list[bool]]],
    woken: Set[str],
) -> bool:
    """Whether ``character`` is not there to speak at paragraph ``para``: gone
    (``departures``), or asleep (``sleepers``) and not spoken of by the line just before."""
    if _has_left(gone.get(character), para):
        return True
    return character not in woken and _has_left(asleep.get(character), para)


def _has_left(events: tuple[list[int], list[bool]] | None, para: int) -> bool:
    """Whether the character left in the last paragraph before ``para`` that refers to it."""
    if events is None:
        return False
    paras, leaving = events
    k = bisect_left(paras, para) - 1
    return k >= 0 and leaving[k]


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


def _features(
    turn: Turn, previous: Turn | None, c: str, genders: Mapping[str, str], rank: int
) -> dict[str, float]:
    f: dict[str, float] = {}
    # (``subject_features`` adds nothing for a missing subject: most are missing, so no call)
    for cue in turn.quotes:
        if cue.tag is not None:
            subject_features("tag", cue.tag, c, genders, f)
        if cue.intro is not None:
            subject_features("intro", cue.intro, c, genders, f)
        if c in cue.vocatives:
            f["vocative"] = 1.0
        if c in cue.named:
            f["named"] = 1.0
        if c in cue.objects:
            f["object"] = 1.0
        if c in cue.own_names:
            f["own_name"] = 1.0
    if turn.beat_before is not None:
        subject_features("before", turn.beat_before, c, genders, f)
    if turn.beat_after is not None:
        subject_features("after", turn.beat_after, c, genders, f)
    if turn.reported is not None:
        subject_features("reported", turn.reported, c, genders, f)
    if turn.last_actor is not None:
        subject_features("actor", turn.last_actor, c, genders, f)
    for beat in turn.beats_mid:
        subject_features("mid", beat, c, genders, f)
    tag = turn.quotes[0].tag
    actor = turn.tag_actor
    if actor is not None and tag is not None and actor.character == c:
        if genders.get(c) == tag.gender:
            f["tag_actor"] = 1.0  # the "he" of the tag is the one the narration just followed
    if turn.done_to == c and "vocative" not in f:
        f["done_to"] = 1.0  # not when the line calls them: 'Something hit me. "Dipper!"
    if turn.mentioned.get(c):
        f["mention"] = 1.0
    if turn.gap and NARRATOR in turn.looked_at and c != NARRATOR and _acts_last(turn, c):
        # 'Everybody looked at me. Jason whistled low.' / '"Huh. So it pays off."': with the
        # narrator looked at, the one acting last speaks to them
        f["actor_to_me"] = 1.0
    if previous is not None and turn.gap == 0:
        if c in previous.looked_after or any(
            c in cue.vocatives or c in cue.objects for cue in previous.quotes
        ):
            f["prev_addressed"] = 1.0
            if c == NARRATOR and any(c in cue.vocatives for cue in previous.quotes):
                # '"Tim, you're on comms. From bed."' / '"From bed?"': a first-person narrator
                # called by name answers, over someone the narration had looked at and the
                # A-B-A alternation (the narrator never says the call to themself)
                f["called_me"] = 1.0
        elif c in previous.looked_at and c not in turn_subjects(previous):
            # 'studying Yuji. "You're the vessel."' / '"Who has?"' (not when the one looked at
            # said it: 'Mira smiled at Tomas.' / '"Leaking?" Tomas asked.')
            f["prev_addressed"] = 1.0
    if rank == 0:
        f["sal1"] = 1.0
    elif rank == 1:
        f["sal2"] = 1.0
    if c == NARRATOR:
        f["narrator"] = 1.0
    return f


def _called_in_answer(group: Sequence[Turn], k: int) -> set[str]:
    """Who the answer to turn ``k`` calls by name, when turn ``k`` is a line nobody is shown
    saying, heard after narration: '"WHO'S FAT?"' / '"Nobody's fat, Inosuke," said Tanjiro.',
    or a comlink's '"General, sir. Do you copy?"' / '"We copy, Commander."'."""
    turn = group[k]
    if k + 1 >= len(group) or not turn.gap:
        return set()
    if any(c.tag or c.intro for c in turn.quotes) or turn.beat_before or turn.beat_after:
        return set()
    if turn.beats_mid:
        return set()
    answer = group[k + 1]
    if answer.gap > 1:
        return set()  # one narration paragraph between: "Zenitsu screamed. There was a boar"
    said = set(tagged_speakers(answer)) | set(turn_subjects(answer))
    if turn.last_actor is not None:
        # 'he held his breath; but a violent hand pulled away a chair' / '"You naughty boy"' /
        # '"Hulloa, Emma!" he said.': the one acting last answers, calling who came
        if answer.gap or turn.last_actor.who not in shown_speaking(answer):
            return set()
        said |= shown_speaking(answer)
    return {v for c in answer.quotes for v in c.vocatives} - said


def _asks(finder: CueFinder, cue: QuoteCues) -> bool:
    """Whether a line ends on a question: '"... Won't you, Pater?"'."""
    quote = finder.dis.quotes[cue.index]
    return finder.dis.text[quote.start : quote.end].rstrip("\"”’' ").endswith("?")


def _acts_last(turn: Turn, c: str) -> bool:
    """Whether ``c`` is the subject of the narration's last sentence before ``turn``."""
    return turn.last_actor is not None and turn.last_actor.who == c


def transition_features(
    turn: Turn,
    c2: str | None,
    c1: str | None,
    c: str,
    *,
    many: bool = False,
    party: str | None = None,
    settled: bool = False,
    given: bool = False,
    resumed: bool = False,
) -> dict[str, float]:
    """Features of speaker ``c`` after ``c1`` (the turn before) and ``c2`` (two turns before);
    ``many``: tags just before showed three or more people speaking (see ``many_speaking``);
    ``party``: one in every conversation, who is never a third speaker coming in (a talking
    first-person narrator: ``Conversation.party``); ``settled``: no A-B-A reward here (see
    ``settled_in``); ``given``: no third-speaker cost either (see ``given_after_narration``);
    ``resumed``: the line picks up where the one two turns back broke off (``resumed_turns``).
    ``viterbi`` scores these same transitions."""
    f: dict[str, float] = {}
    if c1 is None:
        return f
    if c == c1:
        if turn.continued:
            f["same1_cont"] = 1.0
        elif turn.gap:
            f["same1_gap"] = 1.0
        else:
            f["same1"] = 1.0
        if turn.reply:
            f["reply_same"] = 1.0
    elif c2 is not None and c2 != c1:  # after A, A any other speaker is the second one
        if c == c2:
            if not settled:
                f["same2"] = 1.0
            if resumed:
                f["resumed"] = 1.0
        elif not given:
            f["third"] = 1.0
            if many:
                f["third_many"] = 1.0
            if c == party:
                f["third_narrator"] = 1.0
    return f


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
    tack room), and no cost for a third speaker coming in (``third``)."""
    given = []
    for turn in turns:
        named = turn_subjects(turn)
        given.append(bool(turn.gap) and bool(named) and NARRATOR not in named)
    return given


def settled_in(conv: Conversation, given: Sequence[bool] | None = None) -> list[bool]:
    """``settled_turns``, the turns ``given_after_narration`` (passed in as ``given`` when the
    caller has it already), and the turns where one of a pair the narration just brought
    together answers the other (the ``paired`` feature): whoever spoke before that narration has
    no A-B-A claim on the line ('Aang perked up. "The moon peach ones?"' / 'Zuko was in the
    back room when Katara slipped through.' / '"...," she said.' / '"I'm not doing it
    wrong."')."""
    if given is None:
        given = given_after_narration(conv.turns)
    return [
        settled or g or any("paired" in f for f in feats)
        for settled, g, feats in zip(settled_turns(conv.turns), given, conv.features, strict=True)
    ]


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


def group_scenes(turns: Sequence[Turn], least: int = 3) -> list[bool]:
    """Per turn, whether three or more people were shown speaking or acting in it and the
    ``GROUP_REACH`` turns before: named by a tag, an intro or a beat, or a confirmed pronoun tag
    coreference resolved ("I tell him" is the narrator). In such a scene the one a line is said
    to, rather than the one who spoke before it, answers it."""
    shown = [shown_speaking(turn) for turn in turns]
    return [
        len(set().union(*shown[max(0, k - GROUP_REACH) : k + 1])) >= least
        for k in range(len(turns))
    ]


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


def _step(c2: str | None, c1: str | None, c: str, same: float, same2: float, third: float) -> float:
    """The transition score of ``c`` after ``c1`` after ``c2`` (see ``transition_features``)."""
    if c == c1:
        return same
    if c2 is None or c2 == c1:
        return 0.0
    return same2 if c == c2 else third


def dot(weights: Mapping[str, float], feats: Mapping[str, float]) -> float:
    return sum(weights.get(k, 0.0) * v for k, v in feats.items())


# -- decoding ---------------------------------------------------------------------------------


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

    def add(self, value: float, position: int, c2: str | None, c1: str) -> None:
        entry = (value, float(position), c2)
        if value > self.best[0]:
            self.best = entry
        if c2 is None or c2 == c1:
            if value > self.plain[0]:
                self.plain = entry
            return
        self.by_c2[c2] = entry
        if value > self.top[0]:
            self.top, self.second = entry, self.top
        elif value > self.second[0]:
            self.second = entry

    def best_into(
        self, c: str, c1: str, same: float, same2: float, third: float
    ) -> tuple[float, str | None]:
        """The best score of a state of this column followed by c, and its c2."""
        if c == c1:
            return self.best[0] + same, self.best[2]
        value, position, c2 = self.plain
        own = self.by_c2.get(c)
        if own is not None:
            v = own[0] + same2
            if v > value or (v == value and own[1] < position):
                value, position, c2 = v, own[1], c
        other = self.top if self.top[2] != c else self.second
        if other[2] is not None:
            v = other[0] + third
            if v > value or (v == value and other[1] < position):
                value, position, c2 = v, other[1], other[2]
        return value, c2


def _columns(states: Mapping[_State, float]) -> dict[str, _Column]:
    columns: dict[str, _Column] = {}
    for position, ((c2, c1), value) in enumerate(states.items()):
        column = columns.get(c1)
        if column is None:
            column = columns[c1] = _Column()
        column.add(value, position, c2, c1)
    return columns


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
    same_w = [
        weights.get("same1_cont" if t.continued else "same1_gap" if t.gap else "same1", 0.0)
        + (weights.get("reply_same", 0.0) if t.reply else 0.0)
        for t in conv.turns
    ]
    same2_w = weights.get("same2", 0.0)
    narrator_w = weights.get("third_narrator", 0.0)
    third_w = [  # a third speaker is likelier where tags showed three or more talking
        weights.get("third", 0.0) + (weights.get("third_many", 0.0) if many else 0.0)
        for many in many_speaking(conv.turns)
    ]

    given = given_after_narration(conv.turns)
    settled = settled_in(conv, given)
    resumed = resumed_turns(conv.turns)
    resumed_w = weights.get("resumed", 0.0)

    acting = [acting_before(turn) for turn in conv.turns]

    def third_of(k: int, c: str) -> float:
        """The weight of ``c`` coming in as a third speaker at turn ``k`` (both passes)."""
        if given[k] or c == acting[k] or conv.turns[k].afar:
            return 0.0  # a line its own cues give, after narration, by a named beat or from afar
        return third_w[k] + (narrator_w if c == conv.party else 0.0)

    def same2_of(k: int) -> float:
        return (0.0 if settled[k] else same2_w) + (resumed_w if resumed[k] else 0.0)

    # a turn ending on someone else's line: the next one follows that line (``last_speaker``)
    ends = [last_speaker(turn) for turn in conv.turns]

    def follows(k: int, c2: str | None, c1: str) -> tuple[str | None, str]:
        """The two speakers turn ``k`` follows, from state (c2, c1) of the turn before."""
        end = ends[k - 1]
        return (c2, c1) if end is None or end == c1 else (c1, end)

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
        for c, s in emit[k].items():
            third = third_of(k, c)
            for c1, col in columns.items():
                value, c2 = col.best_into(c, c1, same_w[k], same2, third)
                row[(c1, c)] = value + s
                ptr[(c1, c)] = (c2, c1)
        forward.append(row)
        back.append(ptr)
    # backward, for max-marginals
    backward: list[dict[_State, float]] = [dict() for _ in range(n)]
    backward[n - 1] = {state: 0.0 for state in forward[n - 1]}
    for k in range(n - 1, 0, -1):
        after: dict[str | None, list[tuple[str, float, float]]] = {}
        for (p1, c), b in backward[k].items():
            after.setdefault(p1, []).append((c, emit[k][c], b))
        same = same_w[k]
        same2 = same2_of(k)
        thirds = {c: third_of(k, c) for c in emit[k]}
        into = backward[k - 1]
        end = ends[k - 1]
        for c2, c1 in forward[k - 1]:
            best_value = -math.inf
            q2, q1 = (c2, c1) if end is None or end == c1 else (c1, end)  # ``follows``
            for c, e, b in after.get(q1, ()):
                # the transition score of (c2, c1) -> c, as in the forward pass (``_step``,
                # written out: this loop is the decode's hottest)
                if c == q1:
                    t = same
                elif q2 is None or q2 == q1:
                    t = 0.0
                else:
                    t = same2 if c == q2 else thirds[c]
                value = t + e + b
                if value > best_value:
                    best_value = value
            into[(c2, c1)] = best_value
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


# -- the pass ---------------------------------------------------------------------------------


@dataclass(slots=True)
class Attribution:
    speaker: str | None
    confidence: float
    addressee: str | None = None
    addressees: tuple[str, ...] = ()  # all of them, when the line is said to several


def attribute(
    work: Work, weights: Mapping[str, float] | None = None
) -> tuple[list[Attribution], CueFinder]:
    """An attribution for each depth-0 quotation of the work, in Discourse.quotes order.

    Decoded twice when the first decode teaches a gender: a character the narration never
    genders ("Hermione asks") but whose lines carry gendered tags ('"Malfoy," she says.')
    takes that gender, and the lines are decoded again with it."""
    model = load_model()
    w = weights if weights is not None else model["weights"]
    calibration = model.get("calibration", [1.0, 0.0])
    finder = CueFinder(work)
    finder.pov = pov_stretches(work, finder.dis, finder.refs)
    if finder.pov:
        _told_by_turns(finder)
    else:
        _narrator_alias(finder)
    turns = finder.turns()
    genders = character_genders(work)
    for c in work.characters:  # pronouns said nothing: "Ron" is most likely a he
        if c.id not in genders and (g := given_name_gender(c)):
            genders[c.id] = g
    for c in finder.unnamed.values():
        if c.pronouns:
            genders[c.id] = LABEL_GENDER.get(c.pronouns, c.pronouns)
    out = _decode(finder, turns, genders, w, calibration)  # type: ignore[arg-type]
    learned = tag_genders(finder, turns, out, genders)
    address = address_words(finder, turns, out)
    if _called_descriptions(finder, turns, out, address):
        turns = finder.turns()
    finder.self_naming = self_naming(turns, out)
    finder.self_naming_often = self_naming(turns, out, least=2)
    finder.merged = address_names(finder, turns, out)
    finder.merged.update(introductions(finder, turns, out, genders))
    for who, name in replies_to_a_call(turns, out, genders).items():
        finder.merged.setdefault(who, name)
    for who, name in described_before_named(finder, genders).items():
        finder.merged.setdefault(who, name)
    named = named_in_an_identity(finder, genders)  # "That man below was Snake Anson"
    for first, (last, character, kind) in list(finder.refs.items()):
        if character in named and first < named[character][1]:
            finder.refs[first] = (last, named[character][0], kind)  # the voice until named
    for who, name in described_when_called(finder, turns, out, genders).items():
        finder.merged.setdefault(who, name)
    for who, name in called_after_acting(finder, turns, out, genders).items():
        finder.merged.setdefault(who, name)
    for who, name in described_in_an_exchange(finder, turns, out, genders).items():
        finder.merged.setdefault(who, name)
    for who, name in one_stranger(finder, turns, out, genders).items():
        finder.merged.setdefault(who, name)
        if who in genders:  # "his comrade ... he": the one he restates is a he
            genders.setdefault(name, genders[who])
    for who, name in finder.voice_owners.items():  # "a dry voice" was Tsukishima's
        finder.merged.setdefault(who, name)
    if finder.merged:  # "Kacchan" is Bakugou: his lines and mentions are Bakugou's
        finder.rename(finder.merged)
    if finder.merged or named:
        turns = finder.turns()
    if learned or address or finder.merged or finder.self_naming or named:
        genders.update(learned)
        out = _decode(finder, turns, genders, w, calibration, address)  # type: ignore[arg-type]
        out = [_folded(a, finder.merged) for a in out]
    recognised = recognised_by_name(finder, turns, out, genders)
    if recognised:  # named only after their first line: fold them into the name, no decode
        finder.rename(recognised)
        finder.merged.update(recognised)
        out = [_folded(a, recognised) for a in out]
    finder.learned_genders = learned
    return out, finder


_NAME_ENDS = frozenset({",", ".", "!", "?", ";", "—", "–", "-", "--"})


def introductions(
    finder: CueFinder, turns: list[Turn], out: list[Attribution], genders: Mapping[str, str]
) -> dict[str, str]:
    """Unnamed speakers who give their name: "the gentleman" whose line says "My name is
    Greyson", or answers "What name?" with "Greyson,--office on second floor.", is Mr.
    Greyson, when that one's gender does not clash with the description's."""
    tokens = finder.tokens
    found: dict[str, Counter[str]] = defaultdict(Counter)
    for turn in turns:
        for cue in turn.quotes:
            who = out[cue.index].speaker
            if who is None or not who.startswith("unnamed-"):
                continue
            a, b = finder.span(cue.index)
            names = [c for c in cue.own_names if _gives_own_name(finder, a, b, c)]
            first = next((i for i in range(a, b) if tokens[i].text[0].isalnum()), None)
            ref = finder.refs.get(first) if first is not None else None
            if (
                ref is not None
                and ref[2] == "name"
                and ref[1]
                and ref[0] + 1 < b
                and tokens[ref[0] + 1].text in _NAME_ENDS
                and _asked_name(finder, cue.index)
            ):
                names.append(ref[1])
            for name in names:
                if _may_be(who, name, genders):
                    found[who][name] += 1
    return _agreed(found)


def replies_to_a_call(
    turns: list[Turn], out: list[Attribution], genders: Mapping[str, str]
) -> dict[str, str]:
    """Unnamed speakers who answer to a name: '"Snake, what's this deal?" inquired Jim.' /
    '"You'll learn when I do," replied the leader.': the leader is Snake. The reply is tagged
    with a reply verb and its description, or (``_answering``) it opens its paragraph on a line
    a pronoun tags that was given to the unnamed one, whose sex and the name's agree: '"... and
    Fergus, what have you been doing?"' / ... / '"It's time you should be doing something else,
    Fergus," said I.' / '"What can I do?" replied he' (he: "that unmannerly lad"). Every such
    reply must answer to the same name."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for before, turn in zip(turns, turns[1:], strict=False):
        first = turn.quotes[0]
        tag = first.tag or first.intro
        if turn.gap > 0 or tag is None:
            continue
        if turn.reply and tag.kind == "epithet" and (tag.character or "").startswith("unnamed-"):
            who, sure = tag.character or "", False
        elif (answer := _answering(turn, out)) is not None:
            who, sure = answer, True
        else:
            continue
        callers = {out[c.index].speaker for c in before.quotes}
        if sure and who in callers:
            continue
        called = {v for c in before.quotes for v in c.vocatives} - callers - {None, who}
        if len(called) != 1:
            continue
        name = called.pop()
        sex = genders.get(who)
        if _may_be(who, name, genders) and (
            not sure or (sex in ("m", "f") and sex == genders.get(name))
        ):
            votes[who][name] += 1
    return _agreed(votes)


def _answering(turn: Turn, out: list[Attribution]) -> str | None:
    """The unnamed speaker a turn's first line was given to, when a pronoun tags it and the
    paragraph opens on it (no narration before the line: an answer, not someone arriving)."""
    first = turn.quotes[0]
    tag = first.tag or first.intro
    who = out[first.index].speaker
    if tag is None or tag.kind != "pronoun" or turn.continued or turn.beat_before is not None:
        return None
    return who if who is not None and who.startswith("unnamed-") else None


_DETERMINERS = frozenset({"the", "that", "this"})


def described_before_named(finder: CueFinder, genders: Mapping[str, str]) -> dict[str, str]:
    """Unnamed people met under a description before the story names them: "The old lady
    pulled her spectacles down" ... "His aunt Polly stood surprised" ... "The old lady whirled
    round". An unnamed character of a definite description, every reference to it before a
    named character's first name, is that character when the same description, used after the
    name, refers to it (and to no other such character)."""
    tokens = finder.tokens
    seen: dict[str, int] = {}  # character -> its last reference
    named_at: dict[str, int] = {}  # character -> its first name
    forms: dict[str, set[str]] = defaultdict(set)  # unnamed -> its descriptions
    later: dict[str, set[str]] = defaultdict(set)  # description -> characters named before it
    for first, (last, character, kind) in sorted(finder.refs.items()):
        if not character:
            continue
        seen[character] = first
        if kind == "name":
            named_at.setdefault(character, first)
        if kind != "epithet" or tokens[first].lower not in _DETERMINERS:
            continue
        form = " ".join(t.lower for t in tokens[first + 1 : last + 1])
        if character.startswith("unnamed-"):
            forms[character].add(form)
        elif character in named_at:
            later[form].add(character)
    found: dict[str, Counter[str]] = {}
    for who, described in forms.items():
        for form in described:
            for name in later.get(form, ()):
                if seen[who] < named_at[name] and _may_be(who, name, genders):
                    found.setdefault(who, Counter())[name] += 1
    return _agreed(found)


_IDENTITY_VERBS = frozenset({"was", "is"})
_IDENTITY_FILLERS = ("none other than", "no other than", "in fact", "actually")
_PRONOUN_WORDS = frozenset("i you he she it we they him her them me us".split())


def _identified(finder: CueFinder, last: int) -> str | None:
    """The named character a description ending at token ``last`` is said to be: "That
    deep-voiced man below was Snake Anson,", "The voice belonged to Draco.": at most three
    lower-case words (no pronoun: "The man said it was ...") lead to "was" or "is" (with "none
    other than" and the like after it) or to "belonged to", then a name closing the clause."""
    tokens = finder.tokens
    end = finder.dis.paragraphs[tokens[last].para].last_token
    i = last + 1
    while (
        i < min(end, last + 4)
        and tokens[i].text.isalpha()
        and tokens[i].text.islower()
        and tokens[i].lower not in _IDENTITY_VERBS | _PRONOUN_WORDS
    ):
        i += 1
    if i + 1 >= end or tokens[i].sent != tokens[last].sent:
        return None
    if tokens[i].lower == "belonged" and i == last + 1 and tokens[i + 1].lower == "to":
        i += 2
    elif tokens[i].lower in _IDENTITY_VERBS:
        i += 1
        for filler in _IDENTITY_FILLERS:
            words = filler.split()
            if [t.lower for t in tokens[i : i + len(words)]] == words:
                i += len(words)
                break
    else:
        return None
    ref = finder.refs.get(i)
    if ref is None or ref[2] != "name" or not ref[1]:
        return None
    after = ref[0] + 1
    if after < end and tokens[after].text not in _NAME_ENDS:
        return None  # "The boy was Harry's friend"
    return ref[1]


def named_in_an_identity(
    finder: CueFinder, genders: Mapping[str, str]
) -> dict[str, tuple[str, int]]:
    """Unnamed people the narration names in a sentence of identity: '"Wal, Beasley, are you
    here?" queried a loud voice.' / 'The man below growled' / ... / 'That deep-voiced man below
    was Snake Anson, the worst character of the region': a narration sentence opening on a
    definite description ("the", "that", "this") said to be a named character (``_identified``)
    names the unnamed person that description refers to, or else (coreference having given
    it to someone already named) the unnamed person described last by the same noun in the ten
    paragraphs before, when the genders agree and every such sentence agrees. Returned with the
    token where it is named: what refers to that person before it is the named one, what comes
    after is left alone (a later "a voice from the darkness" is someone new)."""
    tokens = finder.tokens
    described: dict[str, tuple[str, int]] = {}  # noun -> the unnamed one it last described
    found: dict[str, Counter[str]] = defaultdict(Counter)
    at: dict[str, int] = {}  # the unnamed one -> the token where it is first named
    for first, (last, character, kind) in sorted(finder.refs.items()):
        tok = tokens[first]
        if kind != "epithet" or not character or tok.quote >= 0:
            continue
        noun = tokens[last].lower
        if tok.sent_start and tok.lower in _DETERMINERS:
            name = _identified(finder, last)
            unnamed = character.startswith("unnamed-")
            who, para = (character, tok.para) if unnamed else described.get(noun, ("", -99))
            near = bool(who) and tok.para - para <= 10
            if name and name != character and near and _may_be(who, name, genders):
                found[who][name] += 1
                at.setdefault(who, first)
        if character.startswith("unnamed-"):
            described[noun] = (character, tok.para)
    return {who: (name, at[who]) for who, name in _agreed(found).items()}


def described_when_called(
    finder: CueFinder, turns: list[Turn], out: list[Attribution], genders: Mapping[str, str]
) -> dict[str, str]:
    """Unnamed people described as the one a line has just called: '"Awfully, Mrs. Lennox."' /
    'The Mem Sahib wrung her hands.': a description opening the paragraph right after a line
    that calls one named character is that character, when every such opening agrees (and it
    is not the one calling: '"... make yourself to home, Mig-u-ell." / The Old Man drove on')."""
    tokens = finder.tokens
    starts = scene_starts(finder.work, finder.dis)
    called: dict[int, set[str]] = {}
    callers: dict[int, set[str | None]] = {}
    for turn in turns:
        names = {v for cue in turn.quotes for v in cue.vocatives}
        called[turn.para] = {v for v in names if v != NARRATOR and not v.startswith("unnamed-")}
        callers[turn.para] = {out[cue.index].speaker for cue in turn.quotes}
    found: dict[str, Counter[str]] = defaultdict(Counter)
    for first, (_last, character, kind) in finder.refs.items():
        tok = tokens[first]
        if kind != "epithet" or not character or not character.startswith("unnamed-"):
            continue
        if tok.quote >= 0 or first != finder.dis.paragraphs[tok.para].first_token:
            continue
        if tok.lower not in _DETERMINERS:
            continue  # "The nurse bent down", not "His mother" (kinship says who she is)
        if tok.para in starts:
            continue  # a scene break between: the one called is left behind in the last scene
        names = called.get(tok.para - 1, set())
        if character in callers.get(tok.para - 1, set()):
            continue
        if len(names) == 1 and _may_be(character, name := next(iter(names)), genders):
            found[character][name] += 1
    return _agreed(found)


def _met_as_indefinite(finder: CueFinder) -> set[str]:
    """The unnamed people the narration ever refers to as "a ..." ("a waiter"): someone new
    each time, not one described anew."""
    tokens = finder.tokens
    return {
        character
        for first, (_last, character, _kind) in finder.refs.items()
        if character and tokens[first].lower in ("a", "an")
    }


def described_in_an_exchange(
    finder: CueFinder, turns: list[Turn], out: list[Attribution], genders: Mapping[str, str]
) -> dict[str, str]:
    """Unnamed people described in a two-person exchange: 'Upstairs, Rebecca was at her desk
    when Keeley swept in.' / eight lines in turn / 'The older woman took off her glasses.' /
    '"Keeley. You'll act surprised."': a description (never an indefinite one, "a waiter")
    whose line calls the named one Y who spoke the line before, after two full rounds of Y and
    one other named speaker X (X's slots may be the description's own), is X. Every such line
    must agree."""
    scenes = sorted(scene_starts(finder.work, finder.dis))
    indefinite = _met_as_indefinite(finder)
    said = [out[turn.quotes[0].index].speaker for turn in turns]
    scene = [bisect_right(scenes, turn.para) for turn in turns]
    linked = [  # turn k follows turn k - 1 in one exchange
        k > 0 and turns[k].gap <= 1 and scene[k] == scene[k - 1] for k in range(len(turns))
    ]
    found: dict[str, Counter[str]] = defaultdict(Counter)
    for k, who in enumerate(said):
        if who is None or not who.startswith("unnamed-") or who in indefinite or not linked[k]:
            continue
        other = said[k - 1]
        if (
            other is None
            or other == who
            or not any(other in cue.vocatives for cue in turns[k].quotes)
        ):
            continue
        if k < 4 or not all(linked[k - 3 : k + 1]) or said[k - 3] != other:
            continue  # two full rounds of the exchange, not three people talking
        named = {said[k - 2], said[k - 4]} - {who}
        if len(named) == 1 and (name := named.pop()) is not None and name != other:
            if _may_be(who, name, genders):
                found[who][name] += 1
    return _agreed(found)


# Nouns that say nothing new of whom they describe: "the man", "his companion", "the stranger"
_RESTATING = frozenset(
    "man woman boy girl lady gentleman guy person fellow figure stranger other companion "
    "comrade visitor guest newcomer".split()
)


def _noun_of(cid: str) -> str:
    """The noun an unnamed character is known by: "unnamed-his-companion" -> "companion"."""
    words = cid.removeprefix("unnamed-").split("-")
    while len(words) > 1 and words[-1].isdigit():
        words.pop()
    return words[-1]


def one_stranger(
    finder: CueFinder, turns: list[Turn], out: list[Attribution], genders: Mapping[str, str]
) -> dict[str, str]:
    """One unnamed person talking with one named one, described anew as the talk goes on: '"Hello,
    friend," said the man.' / '"Hello," said Cameron.' / ... / '"We might stay together," said
    Cameron's companion.': in one exchange whose lines go only to one named speaker and unnamed
    ones (turns at most three narration paragraphs apart, in one scene), an unnamed speaker
    known by a noun that says nothing new ("the man", "his companion", "the stranger"; not an
    indefinite "a man", who is someone new) is the unnamed speaker who spoke first there, when
    their genders agree. Every such exchange must agree."""
    scenes = sorted(scene_starts(finder.work, finder.dis))
    indefinite = _met_as_indefinite(finder)
    found: dict[str, Counter[str]] = defaultdict(Counter)
    run: list[str] = []

    def close() -> None:
        named = {who for who in run if not who.startswith("unnamed-")}
        strangers = list(dict.fromkeys(who for who in run if who.startswith("unnamed-")))
        if len(named) != 1 or len(strangers) < 2:
            return
        first = strangers[0]
        for who in strangers[1:]:
            g, h = genders.get(who), genders.get(first)
            if who in indefinite or _noun_of(who) not in _RESTATING:
                continue
            if g in ("m", "f") and h in ("m", "f") and g != h:
                continue
            found[who][first] += 1

    for k, turn in enumerate(turns):
        who = out[turn.quotes[0].index].speaker
        linked = (
            k > 0
            and turn.gap <= 3
            and bisect_right(scenes, turn.para) == bisect_right(scenes, turns[k - 1].para)
        )
        if not linked:
            close()
            run = []
        if who is not None:
            run.append(who)
    close()
    return _agreed(found)


def recognised_by_name(
    finder: CueFinder, turns: list[Turn], out: list[Attribution], genders: Mapping[str, str]
) -> dict[str, str]:
    """Unnamed speakers someone recognises by name: '"Well, well. Look who it is."' (someone
    just come in) / '"Clarisse."': a line that is only a named character's name, opening the
    turn after the unnamed speaker's line (not a question: '"Who is it?" / "Jane."' gives the
    answerer's own name) with at most one narration paragraph between, names that speaker. So
    does any call in that line, tagged or not, when the speaker was first met in the paragraph
    of its line or the one before, or only through its tag ('"...," drawled this newcomer.' /
    '"Reckon so, Jim."'; '"Open up!" someone shouted.' / '"Tomas? Is that you?" Mira asked.')."""
    tokens = finder.tokens
    met: dict[str, int] = {}  # the paragraph of each character's first reference
    for i, (_, character, _) in sorted(finder.refs.items()):
        if character:
            met.setdefault(character, tokens[i].para)
    for turn in turns:  # one only a tag brings in ('"Open up!" someone shouted.'): its first line
        for cue in turn.quotes:
            who = out[cue.index].speaker
            if who is not None and who not in met:
                met[who] = turn.para

    def newcomer(who: str, para: int) -> bool:
        """Whether ``who`` was first met in the paragraph of its line or the one before."""
        return para - 1 <= met.get(who, -9) <= para

    found: dict[str, Counter[str]] = defaultdict(Counter)
    for before, turn in zip(turns, turns[1:], strict=False):
        first = turn.quotes[0]
        if turn.para - before.para > 2 or len(first.vocatives) != 1:
            continue
        who, name = out[before.quotes[-1].index].speaker, first.vocatives[0]
        if who is None or not who.startswith("unnamed-") or out[first.index].speaker == who:
            continue
        tagged = first.tag is not None or first.intro is not None
        if tagged and not newcomer(who, before.para) or out[first.index].speaker == name:
            continue  # '"Tomas? Is that you?" Mira asked.' calls the one heard, not Mira
        a, b = finder.span(first.index)
        words = [t for t in tokens[a:b] if t.text[0].isalnum()]
        asked = _asks(finder, before.quotes[-1])
        bare = words and len(words) <= 3 and all(t.text[0].isupper() for t in words)
        if (bare and not asked or newcomer(who, before.para)) and _may_be(who, name, genders):
            found[who][name] += 1
    return _agreed(found)


def called_after_acting(
    finder: CueFinder, turns: list[Turn], out: list[Attribution], genders: Mapping[str, str]
) -> dict[str, str]:
    """A surname only the lines and the tags use, and the given name the narration uses:
    '"Who're you calling a child?" Nobara had a nail ready.' / '"Kugisaki."': Kugisaki is
    Nobara. A name the narration uses only as a tag's subject ('"Not you," Kugisaki said.'),
    or never ('"We're already stopped, Sammy."'), called out in a line right after a line whose
    narration names one other character, is that character, when every such call agrees, the
    turn calls no one else, the two names never share a paragraph, the caller is not that
    character and the genders agree."""
    tokens = finder.tokens
    tagged = {
        s.token
        for turn in turns
        for cue in turn.quotes
        for s in (cue.tag, cue.intro)
        if s is not None and s.kind == "name"
    }
    named: dict[int, set[str]] = defaultdict(set)  # paragraph -> names the narration uses
    paras: dict[str, set[int]] = defaultdict(set)  # character -> paragraphs naming it
    untagged: set[str] = set()  # named by the narration other than as a tag's subject
    for first, (_, character, kind) in finder.refs.items():
        if kind != "name" or not character:
            continue
        paras[character].add(tokens[first].para)
        if tokens[first].quote < 0:
            named[tokens[first].para].add(character)
            if first not in tagged:
                untagged.add(character)
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for before, turn in zip(turns, turns[1:], strict=False):
        if turn.gap > 0:
            continue
        actors = named.get(before.para, set())
        calls = {
            n for cue in turn.quotes for n in (*_set_off(finder, cue), *_name_alone(finder, cue))
        }
        if len(actors) != 1 or len(calls) != 1:
            continue  # '"Gotta go, Kenma! Bye, Kuroo-san!"': someone away, not the one before
        name = calls.pop()
        if name in untagged or name == NARRATOR or name.startswith("unnamed-"):
            continue
        if not actors & {out[cue.index].speaker for cue in turn.quotes}:
            votes[name][next(iter(actors))] += 1
    cast = known_cast(finder.work)
    return {
        name: into
        for name, into in _agreed(votes).items()
        if into != name
        and into in untagged
        and not paras[name] & paras[into]
        and _may_be(name, into, genders)
        and not _known_as_another(cast, finder, name, into)
    }


def _known_as_another(cast: KnownCast, finder: CueFinder, name: str, into: str) -> bool:
    """Whether the fandom's pack knows the name only as others' than ``into``'s: "Sinclair"
    (Lucas and Erica Sinclair) called right after a line of Will Byers's is no name of Will's."""
    called = next((c for c in finder.work.characters if c.id == name), None)
    target = next((c for c in finder.work.characters if c.id == into), None)
    if not cast or called is None or target is None:
        return False
    known = cast.sharing(called.name)
    return bool(known) and cast.match([target.name, *target.aliases]) not in known


def _set_off(finder: CueFinder, cue: QuoteCues) -> list[str]:
    """The characters a line calls by a name set off at its start or after a comma ("We're
    already stopped, Sammy."), not after a comma following another capitalised word inside a
    sentence ("since Lincoln, Nebraska.": a place) nor after an apostrophe ("i' Germany")."""
    tokens = finder.tokens
    a, b = finder.span(cue.index)
    found = []
    for name in cue.vocatives:
        for i in range(a, b):
            ref = finder.refs.get(i)
            if ref is None or ref[1] != name:
                continue
            words = [j for j in range(a, i) if tokens[j].text[0].isalnum()]
            if not words or (
                tokens[i - 1].text == ","
                and not (tokens[i - 2].text[:1].isupper() and not tokens[i - 2].sent_start)
            ):
                found.append(name)
                break
    return found


def _name_alone(finder: CueFinder, cue: QuoteCues) -> list[str]:
    """The character named by a line that is only a name ('"Kugisaki."'), read as an answer
    when it follows a question, but as likely a call."""
    a, b = finder.span(cue.index)
    words = [i for i in range(a, b) if finder.tokens[i].text[0].isalnum()]
    ref = finder.refs.get(words[0]) if words else None
    if ref is None or ref[2] != "name" or not ref[1] or words[-1] > ref[0]:
        return []
    return [ref[1]]


def _may_be(who: str, name: str, genders: Mapping[str, str]) -> bool:
    """Whether the unnamed speaker ``who`` may be the named character ``name``: a named one
    (not unnamed, not the narrator) whose known gender does not contradict ``who``'s."""
    if name.startswith("unnamed-") or name == NARRATOR:
        return False
    g, h = genders.get(who), genders.get(name)
    return not (g in ("m", "f") and h in ("m", "f") and g != h)


def _agreed(votes: Mapping[str, Counter[str]]) -> dict[str, str]:
    """Each unnamed speaker whose every vote names the same character -> that character."""
    return {who: c.most_common(1)[0][0] for who, c in votes.items() if len(c) == 1}


_MY_NAME_LEADS = ("my name is", "my name's", "i am", "i'm", "call me")


def _gives_own_name(finder: CueFinder, a: int, b: int, character: str) -> bool:
    """Whether the quotation in tokens ``a``..``b`` gives ``character`` as the speaker's own
    name in the first person ("My name is Greyson", "I'm Mira"; not "his name's George")."""
    tokens = finder.tokens
    for i in range(a + 1, b):
        ref = finder.refs.get(i)
        if ref is not None and ref[1] == character and ref[2] == "name":
            before = " ".join(t.text.lower() for t in tokens[max(a, i - 3) : i]).replace("’", "'")
            if before.endswith(_MY_NAME_LEADS):
                return True
    return False


def _asked_name(finder: CueFinder, index: int) -> bool:
    """Whether the quotation before quotation ``index``, in its paragraph or the one before,
    asks for a name ("What name?", "What is your name?")."""
    if index == 0:
        return False
    tokens = finder.tokens
    q, before = finder.dis.quotes[index], finder.dis.quotes[index - 1]
    a, b = finder.dis.token_at(before.start), finder.dis.token_at(before.end)
    if tokens[finder.dis.token_at(q.start)].para - tokens[a].para > 1:
        return False
    words = [t.lower for t in tokens[a:b] if t.text[0].isalnum() or t.text == "?"]
    if "?" not in words:
        return False
    asked = words[: len(words) - words[::-1].index("?")]  # up to the last question mark
    last = len(asked) - 1 - asked[::-1].index("?", 1) if "?" in asked[:-1] else -1
    return "name" in asked[last + 1 :]


def _folded(said: Attribution, merged: Mapping[str, str]) -> Attribution:
    """The attribution with merged characters replaced by the ones they are."""
    if said.speaker not in merged and said.addressee not in merged:
        if not any(a in merged for a in said.addressees):
            return said
    return replace(
        said,
        speaker=merged.get(said.speaker or "", said.speaker),
        addressee=merged.get(said.addressee or "", said.addressee),
        addressees=tuple(dict.fromkeys(merged.get(a, a) for a in said.addressees)),
    )


def self_naming(turns: list[Turn], out: list[Attribution], least: int = 1) -> set[str]:
    """Characters who speak of themselves by name, in the third person: ``least`` or more of the
    lines given them surely enough name them ("Paimon always stays back! That's Paimon's whole
    strategy!"). Naming them in a line then says nothing against their saying it."""
    counts: Counter[str] = Counter()
    for turn in turns:
        for cue in turn.quotes:
            said = out[cue.index]
            if said.speaker and said.confidence >= ADDRESS_CONFIDENCE and said.speaker in cue.named:
                counts[said.speaker] += 1
    return {c for c, n in counts.items() if n >= least}


def address_names(finder: CueFinder, turns: list[Turn], out: list[Attribution]) -> dict[str, str]:
    """Names that are only ever called out in speech ("Kacchan", "Deku"), never used by the
    narration, and the character each stands for: the one whose line the calling line answers
    ('"That's late, Deku," Bakugou said.' / '"Good morning, Kacchan."': Kacchan is Bakugou).
    Returned for a name called out twice or more, answering a named character, when every such
    answer agrees, and that character never says the name in a line of its own."""
    tokens = finder.tokens
    narrated = {c for first, (_, c, _) in finder.refs.items() if c and tokens[first].quote < 0}
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    called = Counter(name for turn in turns for cue in turn.quotes for name in cue.vocatives)
    sayers: dict[str, set[str]] = defaultdict(set)  # name -> who says it in a line
    for turn in turns:
        for cue in turn.quotes:
            if out[cue.index].confidence >= _SURE:
                for name in cue.named:
                    sayers[name].add(out[cue.index].speaker or "")
    for before, turn in zip(turns, turns[1:], strict=False):
        if turn.gap > 0:
            continue
        answered = {out[c.index].speaker for c in before.quotes}
        for cue in turn.quotes:
            speaker = out[cue.index].speaker
            for name in cue.vocatives:
                if name in narrated or name == NARRATOR or name.startswith("unnamed-"):
                    continue
                others = {a for a in answered if a is not None} - {name, speaker}
                if len(answered) == 1 and len(others) == 1:
                    votes[name][others.pop()] += 1
    found = {
        name: next(iter(c))
        for name, c in votes.items()
        if len(c) == 1
        and called[name] >= 2
        and not next(iter(c)).startswith("unnamed-")
        and next(iter(c)) not in sayers[name]  # '"... saying Shoyo's short," Nishinoya said'
    }
    return found | {
        name: full
        for name in called
        if name not in found and name not in narrated
        if (full := _shortened(name, finder.work.characters, narrated)) is not None
    }


def _shortened(cid: str, characters: Sequence[Character], narrated: set[str]) -> str | None:
    """The one narrated character whose name a called-out name (three letters or more) cuts
    short: "Buck" of "Bucky", "Cas" of "Castiel"."""
    by_id = {c.id: c for c in characters}
    short = by_id[cid].name.lower() if cid in by_id else ""
    if len(short) < 3 or " " in short:
        return None
    fits = [
        c.id
        for c in characters
        if c.id in narrated
        and c.id != cid
        and any(w.lower().startswith(short) and w.lower() != short for w in c.name.split())
    ]
    return fits[0] if len(fits) == 1 else None


_SURE = 0.8  # a line this sure of its speaker shows who speaks of a name


# Words that open a line set off by a comma without calling anyone anything ("Well, ...").
_NOT_ADDRESS = frozenset(
    "yes no well oh ah ahh eh hm hmm um uh now so and but please okay ok alright hey look listen "
    "right sure yeah yep nope then still why what wait fine good thanks indeed besides again "
    "first besides however perhaps maybe actually honestly seriously really come see there here "
    "i you he she we they it this that "
    # interjections and greetings: "Um, sorry!", "Ooh, ...", "Morning, Kacchan."
    "sorry ooh ohh oh aw aww ugh huh ha hah whoa wow oops shh hush hi hello bye goodbye morning "
    "evening night cheers please thank".split()
)


_ADDRESS_AFTER = frozenset({",", ".", "!", "?", "…", "...", '"', "”", "'", "’"})


def turn_address_words(finder: CueFinder, turn: Turn) -> set[str]:
    """The words the lines of a turn call someone by: a single word set off by a comma from the
    rest of the line ("Sure thing, Boss.", "Boss, that wound", "Yes, sir."), the title opening
    such a call of a name ("Boots, Master Jason.", "Your tea, Miss Clara,"), or a name in a form
    the narration never uses ('"Deku's too slow."': a nickname, said by whoever uses it)."""
    tokens = finder.tokens
    found = set()
    for cue in turn.quotes:
        a, b = finder.span(cue.index)
        opens = True  # no word before token i in the line yet
        for i in range(a, b):
            if i > a and tokens[i - 1].text[0].isalnum():
                opens = False
            before = tokens[i - 1].text if i > a else '"'
            after = tokens[i + 1].text if i + 1 < b else '"'
            set_off = (before == "," and after in _ADDRESS_AFTER) or (opens and after == ",")
            ref = finder.refs.get(i)
            titled = tokens[i].lower in TITLES and (ref or finder.refs.get(i + 1)) is not None
            if not set_off and ref is None and not titled:
                continue  # neither set off by a comma, nor a name, nor a name's title
            word = tokens[i].lower.removesuffix("'s").removesuffix("’s")  # "Deku's" is "Deku"
            if not word.isalpha() or word in _NOT_ADDRESS:
                continue
            if ref is not None and ref[1] in cue.own_names:
                continue  # '"Kiri. Everyone else went away."': a name given, no one called
            if set_off:
                found.add(word)
            elif (
                titled
                and (before == "," or opens)
                and i + 2 < b
                and tokens[i + 2].text in _ADDRESS_AFTER  # "Boots, Master Jason."
            ):
                found.add(word)  # "Boots, Master Jason.": one speaker's way of calling people
            elif _spoken_only(finder, i):
                found.add(word)  # '"Deku's too slow."': a nickname only speech uses
    return found


def _spoken_only(finder: CueFinder, i: int) -> bool:
    """Whether token ``i`` is a character's name in a form the narration never uses."""
    ref = finder.refs.get(i)
    if ref is None or ref[2] != "name" or ref[0] != i:
        return False
    if finder.narrated_forms is None:
        tokens = finder.tokens
        finder.narrated_forms = {
            _bare(tokens[f].lower)
            for f, (_, _, kind) in finder.refs.items()
            if kind == "name" and tokens[f].quote < 0
        }
    word = _bare(finder.tokens[i].lower)
    if formal_given_names().get(word, frozenset()) & finder.narrated_forms:
        return False  # "Lizzy" of the narration's Elizabeth: a family's name for her, not one
        # speaker's own
    return word not in finder.narrated_forms


def _bare(word: str) -> str:
    """A name without its possessive ending: "Kageyama's" is the narration's "Kageyama"."""
    return word.removesuffix("'s").removesuffix("’s")


def address_words(
    finder: CueFinder, turns: list[Turn], out: list[Attribution]
) -> dict[str, dict[str, set[int]]]:
    """Per character, the words its lines given surely enough call people by, with the
    paragraphs that use them: a dog calls his master "Boss", a servant says "sir"."""
    found: dict[str, dict[str, set[int]]] = {}
    for turn in turns:
        who = {out[cue.index].speaker for cue in turn.quotes}
        conf = min(out[cue.index].confidence for cue in turn.quotes)
        if len(who) != 1 or None in who or conf < ADDRESS_CONFIDENCE:
            continue
        speaker = who.pop()
        assert speaker is not None
        for word in turn_address_words(finder, turn):
            found.setdefault(speaker, {}).setdefault(word, set()).add(turn.para)
    talked_of = _talked_of_names(finder)
    # a word three speakers or more call people by ("Mr", "sir" aboard a ship) is the story's
    # way of calling, no one speaker's own
    sayers = Counter(w for words in found.values() for w in words)
    shared = {w for w, n in sayers.items() if n >= SHARED_CALL}
    return {
        speaker: {w: paras for w, paras in words.items() if w not in talked_of | shared}
        for speaker, words in found.items()
    }


SHARED_CALL = 3  # speakers who call people by a word that is then no one's own


def _talked_of_names(finder: CueFinder) -> set[str]:
    """Name words of characters only talked about: the narration never names them and no line
    calls them ("It's about Klaus."). Such a name is no speaker's own way of calling, even when
    one speaker alone says it (the first decode may have given another's line naming him to the
    wrong speaker, and the name would pull that speaker's lines); a name someone is called by
    ('"Pick that up, Birdie."') stays a way of calling."""
    tokens = finder.tokens
    present = {
        c for f, (_, c, kind) in finder.refs.items() if kind == "name" and tokens[f].quote < 0
    }
    present.update(  # called: '"Pick that up, Birdie."', '"Birdie, pick that up."' (not a
        # card's signature, '"... join us. Klaus"', nor '"It is about Klaus," he said.')
        c
        for f, (last, c, kind) in finder.refs.items()
        if tokens[f].quote >= 0
        and (
            tokens[f - 1].text == "," or (tokens[f - 1].quote < 0 and tokens[last + 1].text == ",")
        )
    )
    return {
        _bare(tokens[f].lower)
        for f, (_, c, kind) in finder.refs.items()
        if kind == "name" and c not in present and c != NARRATOR
    }


def _called_descriptions(
    finder: CueFinder,
    turns: list[Turn],
    out: list[Attribution],
    address: Mapping[str, Mapping[str, set[int]]],
) -> bool:
    """A description in a tag whose noun is a word its character calls someone else by ('"...,
    angel."' / '"...," the angel says.') is that someone: the one those lines were said to,
    when they were all said to one person. Its reference is changed; whether any was."""
    tokens = finder.tokens
    said_to: dict[int, set[str]] = defaultdict(set)  # paragraph -> addressees of its lines
    for turn in turns:
        for cue in turn.quotes:
            if out[cue.index].addressee:
                said_to[turn.para].add(out[cue.index].addressee or "")
    changed = False
    for turn in turns:
        for cue in turn.quotes:
            s = cue.tag or cue.intro
            if s is None or s.kind != "epithet" or not s.character or s.token not in finder.refs:
                continue
            last, character, kind = finder.refs[s.token]
            paras = address.get(s.character, {}).get(tokens[last].lower, set())
            others = {x for p in paras for x in said_to[p]} - {s.character}
            if len(others) == 1 and character == s.character:
                finder.refs[s.token] = (last, others.pop(), kind)
                changed = True
    return changed


def _told_by_turns(finder: CueFinder) -> None:
    """In a story told in the first person by turns, each stretch's teller is its narrator:
    what others call them there ("Sakura-chan!" in Sakura's stretch) is said to the narrator."""
    tokens = finder.tokens
    for first, (last, character, kind) in list(finder.refs.items()):
        stretch = stretch_of(finder.pov, tokens[first].para)
        if stretch is not None and character == stretch.character:
            finder.refs[first] = (last, NARRATOR, kind)


def _narrator_alias(finder: CueFinder) -> None:
    """In a story told in the first person, a name that others only ever say to someone
    ('"Tsukki, be nice," Yamaguchi whispered'), never used in the narration, is the narrator's:
    its mentions become the narrator's before the lines are decoded. Twice at least, in
    paragraphs where the narrator does not act, half sure each where a bare line says it
    ('"That's cruel, Commander."'), surely where the narration shows someone else saying it."""
    if not any(character == NARRATOR for _, character, _ in finder.refs.values()):
        return
    tokens = finder.tokens
    addressed: dict[str, float] = defaultdict(float)
    calls: Counter[str] = Counter()
    narrated: set[str] = set()
    for first, (_last, character, kind) in finder.refs.items():
        if not character or character == NARRATOR:
            continue
        if tokens[first].quote < 0:
            narrated.add(character)
        elif kind == "name":
            quote = finder.dis.quotes[tokens[first].quote]
            a, b = finder.dis.token_at(quote.start), finder.dis.token_at(quote.end)
            if character in finder.vocatives(a, b)[0]:
                surely = _said_by_another(finder, tokens[first].para)
                addressed[character] += surely
                calls[character] += surely > 0
    found = [(n, c) for c, n in addressed.items() if c not in narrated and calls[c] >= 2]
    declared = _pov_character(finder.work)
    if declared is not None:
        found = [(float("inf"), declared)]  # "A/N: Steve POV!": the author says who "I" is
    if not found:
        return
    alias = max(found)[1]
    finder.narrator_alias = alias
    finder.rename({alias: NARRATOR})


def _pov_names(work: Work) -> list[str]:
    """The names the notes and headers say the story is told by ("Eleanor POV", "Sakura's
    POV": Sakura), in order; and the name of the story's point-of-view lines when they all
    give one (lines giving two, "Y/N's POV" and "Gojo's POV", tell the story by turns)."""
    notes = " ".join(work.text[b.start : b.end] for b in work.blocks if not b.role.is_story)
    lines = {  # "Sakura's POV"
        name
        for b in work.blocks
        if b.role.is_story
        and b.end - b.start <= POV_LINE_MAX
        and (name := pov_name(work.span_text(b)))
    }
    return notes_pov_names(notes) + (list(lines) if len(lines) == 1 else [])


def _pov_character(work: Work) -> str | None:
    """The character a note or header says the story is told by ("Steve POV!", "Sakura's POV",
    "POV: Lucy"), when one named character of the story answers to that name."""
    for name in _pov_names(work):
        if (found := character_named(work.characters, name)) is not None:
            return found
    return None


def _named_by_note(work: Work, characters: list[Character], heard: set[str]) -> list[Character]:
    """The cast with a first-person narrator no one in the story names given the one name the
    notes say the story is told by ("Eleanor POV because she's my favorite"), when that name is
    no common English word, or is one the story's lines call someone by (``heard``: "Sky's
    POV" and '"She's worried about you, Sky."'), and no character of the story answers to it
    (``_pov_character`` joins those)."""
    named = set(_pov_names(work))
    if len(named) != 1 or not any(c.id == NARRATOR for c in characters):
        return characters
    name = named.pop()
    first = name.split()[0].lower()
    if (first in word_list("common_lower") and first not in heard) or first in _form_words(
        characters
    ):
        return characters
    return [
        replace(c, name=name, aliases=(name, *c.aliases)) if c.id == NARRATOR else c
        for c in characters
    ]


_CENTRIC = re.compile(r"^(.+?)[- ]centric$", re.IGNORECASE)  # the tag "Rogue-centric"
_NO_ONE = re.compile(r"[/&|]|\b(?:original|character|characters|ensemble|everyone|various)\b", re.I)


def _named_by_header(work: Work, characters: list[Character]) -> list[Character]:
    """The cast with a first-person narrator still nameless given a name the header lists
    ("Characters: Wren, Dr. Amari"; the tag "Wren-centric") that no character of the story
    answers to: the one "I" stands for, who is never named in the story; when several, the one
    a "-centric" tag gives, else the one the summary names ("Summary: Wren survives her first
    night shift."), else the first listed."""
    narrator = next((c for c in characters if c.id == NARRATOR), None)
    if narrator is None or narrator.name != NARRATOR_NAME:
        return characters
    meta = work.metadata
    centric = [m[1] for t in meta.additional_tags if (m := _CENTRIC.match(t))]
    listed = [*centric, *meta.characters]
    taken = _form_words(characters)
    names = [
        name
        for form in listed
        if (name := form.split("(")[0].strip())
        and not _NO_ONE.search(name)
        and name.split()[0].lower() not in taken
    ]
    if not names:
        return characters
    summary = meta.summary or ""
    in_summary = (n for n in names if re.search(rf"\b{re.escape(n.split()[0])}\b", summary))
    name = names[0] if names[0] in centric else next(in_summary, names[0])
    return [
        replace(c, name=name, aliases=(name, *c.aliases, NARRATOR_NAME)) if c.id == NARRATOR else c
        for c in characters
    ]


# the narrator naming themself in a line: "I'm Hope.", "My name is Wren", "Call me Ishmael"
_SELF_NAMED = re.compile(
    r"\b(?:I'm|I’m|I am|[Mm]y name is|[Mm]y name's|[Mm]y name’s|[Cc]all me|[Nn]ame's|[Nn]ame’s)"
    r" ([A-Z][a-z]+(?:[-'’][A-Za-z]+)?)\b"
)


def _named_by_calls(
    characters: list[Character], own: list[str], called: Counter[str]
) -> tuple[list[Character], set[str]]:
    """The cast with a first-person narrator still nameless (the evaluation, and a reader, know
    a character by name: a nameless narrator is no one) given the name they introduce
    themself by ('"Yeah. I'm Hope."'), else the one others call them most: a word set off by
    commas in someone else's line that names no one speaking ('"Morning, Rogue," Logan said.',
    '"Be careful with that car, Marie."'), once where the narrator answers the call or the
    narration around it acts on "me", else twice. Every such name becomes an alias, and a
    character that is only ever called (never speaks, never in the narration) is the
    narrator's: returns the cast and those characters' ids, to fold into the narrator. Who
    speaks each line stays as it is: only the narrator's name changes."""
    narrator = next((c for c in characters if c.id == NARRATOR), None)
    if narrator is None or narrator.name != NARRATOR_NAME:
        return characters, set()
    forms = _form_words(characters)
    names = [*own, *(n for n, k in called.most_common() if k >= 2)]
    if not names:
        return characters, set()
    folded = {c.id for n in names if (c := forms.get(n.lower())) is not None}
    gone = [c for c in characters if c.id in folded]
    named = replace(
        narrator,
        name=names[0],
        aliases=tuple(
            dict.fromkeys(
                (*names, *(a for c in gone for a in c.aliases), *narrator.aliases, NARRATOR_NAME)
            )
        ),
        mention_count=narrator.mention_count + sum(c.mention_count for c in gone),
    )
    return [named if c.id == NARRATOR else c for c in characters if c.id not in folded], folded


def _form_words(characters: Sequence[Character]) -> dict[str, Character]:
    """Each word of a character's name and aliases (lower case) -> the character."""
    return {w.lower(): c for c in characters for form in (c.name, *c.aliases) for w in form.split()}


def _narrator_calls(
    quotes: list[Quote], finder: CueFinder, characters: list[Character]
) -> tuple[list[str], Counter[str], set[str]]:
    """(the names a first-person narrator gives themself in their lines, the names others call
    them by, each counted twice where the narrator answers the call or the paragraph's
    narration has "me" or "my", once otherwise; every word, lower case, that someone else's
    line calls someone by): see ``_named_by_calls``."""
    own: list[str] = []
    called: Counter[str] = Counter()
    heard: set[str] = set()
    if not any(c.id == NARRATOR for c in characters):
        return own, called, heard
    tokens, dis = finder.tokens, finder.dis
    speaking = {q.speaker for q in quotes if q.speaker and q.depth == 0}
    speaking |= {w for first, (_, w, _) in finder.refs.items() if w and tokens[first].quote < 0}
    forms = _form_words(characters)
    order = list(zip(dis.quote_index, dis.quotes, strict=True))
    for k, (index, dq) in enumerate(order):
        q = quotes[index]
        if q.speaker is None:
            continue
        if q.speaker == NARRATOR:
            line = finder.work.text[q.start : q.end]
            own += [
                m[1]
                for m in _SELF_NAMED.finditer(line)
                if not _calls_no_name(finder, m[1].lower())
                and ((c := forms.get(m[1].lower())) is None or c.id not in speaking)
            ]
            continue
        a, b = dis.token_at(dq.start), dis.token_at(dq.end)
        for i in range(a + 1, b - 1):
            t = tokens[i]
            if not (
                len(t.text) > 1
                and t.text[:1].isupper()
                and t.text.isalpha()
                and tokens[i - 1].text == ","
                and tokens[i + 1].text in VOCATIVE_AFTER
            ):
                continue
            heard.add(t.lower)
            c = forms.get(t.lower)
            if c is None:
                if (
                    q.addressee not in (None, NARRATOR)
                    or finder.refs.get(i) is not None
                    or _calls_no_name(finder, t.lower)
                ):
                    continue
                name = t.text
            elif c.id not in speaking and q.addressee in (None, NARRATOR, c.id):
                name = c.name
            else:
                continue
            answered = _answered_by_narrator(quotes, finder, order, k)
            called[name] += 2 if answered or _acts_on_me(finder, t.para) else 1
    return own, called, heard


def _answered_by_narrator(
    quotes: list[Quote], finder: CueFinder, order: list[tuple[int, Quote]], k: int
) -> bool:
    """Whether the first line of the paragraph after line ``k``'s is the narrator's."""
    para = finder.tokens[finder.dis.token_at(order[k][1].start)].para
    for index, dq in order[k + 1 :]:
        if finder.tokens[finder.dis.token_at(dq.start)].para != para:
            return quotes[index].speaker == NARRATOR
    return False


def _acts_on_me(finder: CueFinder, para: int) -> bool:
    """Whether a paragraph's narration has the narrator as "me" or "my" ("He tossed me the
    keys.")."""
    paragraph = finder.dis.paragraphs[para]
    return any(
        t.quote < 0 and t.lower in ("me", "my")
        for t in finder.tokens[paragraph.first_token : paragraph.last_token]
    )


def _calls_no_name(finder: CueFinder, word: str) -> bool:
    """Whether a word set off as a call is a kin word, a title or a group rather than a name
    ("Thanks, Dad.", "Yes, Sir.", "Come on, guys.")."""
    return (
        word in KIN_VOCATIVES
        or word in PARENT_CALLS
        or word in TITLES
        or word in finder.titled
        or finder.is_people(word)
    )


def _said_by_another(finder: CueFinder, para: int) -> float:
    """How surely the lines of a paragraph are someone else's than a first-person narrator's:
    not at all when its narration has the narrator act ('I sit down. "Morning, Kacchan."'),
    surely when it has no "I" but someone else ('"Be nice, Tsukki," he said'), half otherwise."""
    paragraph = finder.dis.paragraphs[para]
    narration = [
        t.text
        for t in finder.tokens[paragraph.first_token : paragraph.last_token]
        if t.quote < 0 and t.text[0].isalpha()
    ]
    if "I" in narration:
        return 0.0
    return 1.0 if narration else 0.5


def tag_genders(
    finder: CueFinder, turns: list[Turn], out: list[Attribution], genders: Mapping[str, str]
) -> dict[str, str]:
    """Genders the speech tags teach: the pronouns of tags on lines given, surely enough, to a
    character of no known gender (two lines, or one given very surely; three times any other)."""
    votes: dict[str, Counter[str]] = {}
    for turn in turns:
        for cue in turn.quotes:
            who = out[cue.index]
            s = cue.tag or cue.intro
            if (
                s is None
                or s.kind != "pronoun"
                or s.gender not in ("m", "f")
                or not s.confirmed
                or who.speaker is None
                or who.speaker in genders
                or who.confidence < MIN_TEACHING_CONFIDENCE
            ):
                continue
            votes.setdefault(who.speaker, Counter())[s.gender] += (
                2 if who.confidence >= SURE_CONFIDENCE else 1
            )
    learned = {}
    for cid, counter in votes.items():
        (best, n), *rest = counter.most_common() + [("", 0)]
        if n >= 2 and n >= 3 * rest[0][1]:
            learned[cid] = best
    return learned


def _introduced_past_its_tag(cue: QuoteCues) -> bool:
    """Whether a quotation has both an intro and a tag, sure ones of two people, and the intro
    says it was said ('Naruto said "not all of us!" Sakura giggled at that'): the one who
    said it, the one after it only reacts."""
    intro, tag = cue.intro, cue.tag
    return (
        intro is not None
        and tag is not None
        and intro.confirmed
        and tag.confirmed
        and intro.kind != "pronoun"
        and intro.character is not None
        and intro.character != tag.character
        and intro.verb is not None
        and intro.verb.lower() in word_list("speech_verbs")
    )


def _shown_acting(turn: Turn) -> set[str]:
    """Who the narration of a turn shows acting: its beats' subjects and the last one acting
    in the narration before it (a resolved pronoun for its character)."""
    subjects = (turn.beat_before, turn.beat_after, *turn.beats_mid, turn.last_actor)
    return {s.who for s in subjects if s is not None and s.who}


def _off_the_line(
    conv: Conversation,
    path: list[str],
    marginals: list[dict[str, float]],
    hung_up: Sequence[set[str]],
) -> bool:
    """Gives a turn the decode gave to one who had hung up (``off_the_phone``: a voice on the
    line, '"Call me tomorrow." / The line went dead. / "She likes you more."') to its best
    other candidate instead, that turn alone; whether any turn changed. One the narration showed
    acting in the room is no voice on the line ('"Bye, Mom." She hung up.'), nor one the
    turn's own tag names."""
    acted: set[str] = set()
    changed = False
    for k, turn in enumerate(conv.turns):
        acted |= _shown_acting(turn)
        if path[k] not in hung_up[k] or path[k] in acted or path[k] in tagged_speakers(turn):
            continue
        left = {c: v for c, v in marginals[k].items() if c not in hung_up[k] or c in acted}
        if left:
            path[k] = max(left, key=lambda c: left[c])
            marginals[k] = left
            changed = True
    return changed


def _decode(
    finder: CueFinder,
    turns: list[Turn],
    genders: Mapping[str, str],
    w: Mapping[str, float],
    calibration: list[float],
    address: Mapping[str, Mapping[str, set[int]]] | None = None,
) -> list[Attribution]:
    a, b = calibration
    out = [Attribution(None, 0.0)] * len(finder.dis.quotes)
    groups = finder.groups()
    lines = read_lines(finder)
    ends = call_ends(finder)
    for conv in conversations(finder, turns, genders, address):
        path, marginals = viterbi(conv, w)
        hung_up = off_the_phone(finder, conv.turns, path, ends)
        if _off_the_line(conv, path, marginals, hung_up):
            hung_up = off_the_phone(finder, conv.turns, path, ends)
        lasts = [last_speaker(turn) for turn in conv.turns]  # turns that turned to someone
        for k, turn in enumerate(conv.turns):
            speaker = path[k]
            m = marginals[k]
            others = [v for c, v in m.items() if c != speaker]
            margin = m[speaker] - max(others) if others else 5.0
            confidence = 1.0 / (1.0 + math.exp(-(a * margin + b)))
            spoke_last = (lasts[k - 1] or path[k - 1]) if k > 0 else None
            answers = path[k + 1] if k + 1 < len(path) else None
            # a turn after narration that the next turn answers at once opens an exchange: it
            # is said to the one who answers ('The woman looks from one to the other. / "We're
            # closed," Aziraphale says. / "Oh. Okay."'), not to whoever spoke before the pause
            opens = turn.gap > 0 and answers is not None and conv.turns[k + 1].gap == 0
            neighbours = [
                c
                for c in (
                    *((answers, spoke_last) if opens else (spoke_last, answers)),
                    lasts[k],  # '"Late," Dean said. I sat. "Traffic."' to Dean
                )
                if c is not None and c != speaker
            ]
            nearby = [path[j] for d in (1, 2, 3) for j in (k - d, k + d) if 0 <= j < len(path)]
            by_score = sorted(m, key=lambda c: -m[c])
            runners_up = by_score if len(path) == 1 else []
            carried: tuple[str, float] | None = None  # a tagged line's speaker goes on talking
            for cue in turn.quotes:
                who: str | None = speaker or None
                conf = confidence if who else 0.0
                own = cue.tag or cue.intro or cue.spoke
                if _introduced_past_its_tag(cue):
                    own = cue.intro  # '"..." Naruto said "not all of us!" Sakura giggled at that'
                turned = turned_to(cue)
                if turned and turned != (carried[0] if carried else who):
                    # '"We could climb it," Jonah said. Mira rolled her eyes. "After you."'
                    who, conf = turned, min(conf, 0.6) if who else 0.5
                elif own is None and carried is not None:
                    who, conf = carried  # '"Couldn't sleep," Tomas said. "She snores."'
                elif (
                    own is not None
                    and own.kind != "pronoun"
                    and own.character
                    and own.character != speaker
                    and own.confirmed
                ):
                    who, conf = own.character, max(0.5, confidence * 0.8)
                elif (
                    own is not None
                    and own.kind == "pronoun"
                    and own.resolved not in (None, speaker)
                    and own.confirmed
                    and any(b.character == own.resolved for b in turn.beats_mid)
                ):
                    # '"...," Ron said. "..." Harry threw a cushion at him. "I don't snore," he
                    # said.': the one the narration turned to in between
                    who, conf = own.resolved, max(0.5, confidence * 0.7)
                elif (
                    own is not None
                    and (own is cue.tag or own.verb)
                    and own.kind == "pronoun"
                    and speaker
                    and (genders.get(speaker) not in (None, own.gender) or speaker in cue.objects)
                ):
                    # '"Ma, I've enlisted," he had said to her. "The Lord's will be done, Henry,"
                    # she had replied': the likeliest one the tag's pronoun can be
                    other = next(
                        (
                            c
                            for c in by_score
                            if c not in (speaker, UNKNOWN, *cue.vocatives, *cue.objects)
                            and genders.get(c) == own.gender
                        ),
                        None,
                    )
                    if other is not None:
                        who, conf = other, min(confidence, 0.6)
                if own is None and who is not None and who in cue.vocatives:
                    # '"Oh, dear!" observed Fergus. "Nonsense, Fergus!"': a line calling its
                    # turn's speaker by name is someone else's, the likeliest one not called
                    who = next(
                        (c for c in by_score if c not in (who, UNKNOWN, *cue.vocatives)),
                        None,
                    )
                    conf = min(conf, 0.5) if who else 0.0
                carried = (who, conf) if who != (speaker or None) and who is not None else None
                near = neighbours
                if turned and who == turned and speaker and speaker != who:
                    near = [speaker, *neighbours]  # Mira's "After you." answers Jonah
                around = Around(turn.gap == 0, near, nearby, runners_up, hung_up[k])
                to = addressees(cue, lines[cue.index], who, around, genders, groups)
                if conv.calls and not named_addressee(cue, who):
                    before = path[k - 1] if k > 0 and turn.gap == 0 else None
                    to = _said_on_the_phone(finder, turn, who, before, conv.calls[k]) or to
                out[cue.index] = Attribution(
                    who, round(conf, 2), to[0] if to else None, to if len(to) > 1 else ()
                )
            if len(turn.quotes) < 2:
                continue
            said = [out[cue.index] for cue in turn.quotes]
            heard = [lines[c.index] for c in turn.quotes]
            shared = shared_in_turn(turn.quotes, heard, [(x.speaker, x.addressee) for x in said])
            for cue, x, one in zip(turn.quotes, said, shared, strict=True):
                if one is not None:
                    out[cue.index] = Attribution(x.speaker, x.confidence, one)
    return out


def _at(m: Mention) -> int:
    return m.start


@register("speakers", requires=("coref",), assigns=("speakers",))
def speakers_pass(work: Work) -> Work:
    """Give every quotation a speaker (or unknown), a confidence and an addressee."""
    results, finder = attribute(work)
    quotes = list(work.quotes)
    for attribution, index in zip(results, finder.dis.quote_index, strict=True):
        quotes[index] = replace(
            quotes[index],
            speaker=attribution.speaker,
            addressee=attribution.addressee,
            addressees=attribution.addressees,
            confidence=attribution.confidence,
        )
    _attribute_nested(quotes, finder)
    characters = list(work.characters) + [
        c for c in finder.unnamed.values() if c.id not in {x.id for x in work.characters}
    ]
    mentions = work.mentions
    if finder.pov:
        quotes, told = _tellers(quotes, mentions, finder)
        characters = _counted_tellers(characters, mentions, told, quotes)
        mentions = told
    elif (named := name_the_narrator(quotes, finder, characters)) is not None:
        old, narrator = named
        quotes = [_renamed(q, old.id, narrator.id) for q in quotes]
        mentions = tuple(
            replace(m, character=narrator.id) if m.character == old.id else m for m in mentions
        )
        characters = [narrator if c.id == narrator.id else c for c in characters if c.id != old.id]
    else:
        own, called, heard = _narrator_calls(quotes, finder, characters)
        characters = _named_by_note(work, characters, heard)
        characters, folded = _named_by_calls(characters, own, called)
        characters = _named_by_header(work, characters)
        for old_id in folded:
            quotes = [_renamed(q, old_id, NARRATOR) for q in quotes]
        mentions = tuple(
            replace(m, character=NARRATOR) if m.character in folded else m for m in mentions
        )
    if finder.merged:
        characters, mentions = fold_characters(characters, mentions, finder.merged)
    spoken = speech_mentions(work.text, quotes, mentions)  # a line's "I" is its speaker
    # a line's "you" is its addressee, not counted in the addressee's mention count
    spoken_to = speech_mentions(work.text, quotes, (*mentions, *spoken), second=True)
    mentions = (*mentions, *spoken, *spoken_to)
    # a line's "he" and "she" are the one of that gender last named, not its speaker or addressee
    taught = finder.learned_genders
    genders = {c.id: c.pronouns or PRONOUN_LABELS.get(taught.get(c.id, "")) for c in characters}
    mentions = (*mentions, *third_persons(work.text, quotes, mentions, genders))
    # the people described whom no one is known to be: mentions of no character
    mentions = (*mentions, *described_people(work.text, mentions))
    # a "they" coreference gave no one is no sure mention of a person
    mentions = tuple(sorted(without_unknown_plurals(work.text, mentions), key=_at))
    said = Counter(m.character for m in spoken)
    counts = Counter(q.speaker for q in quotes if q.speaker and q.depth == 0)
    known = {c.id for c in characters}
    learned = finder.learned_genders  # pronouns taught by the tags of a character's own lines
    characters = [
        replace(
            c,
            quote_count=counts[c.id],
            mention_count=c.mention_count + said[c.id],
            pronouns=c.pronouns or PRONOUN_LABELS.get(learned.get(c.id, "")),
        )
        for c in characters
        if c.id in known or counts[c.id]
    ]
    return work.with_layers(
        "speakers", quotes=tuple(quotes), characters=tuple(characters), mentions=mentions
    )


def _tellers(
    quotes: list[Quote], mentions: tuple[Mention, ...], finder: CueFinder
) -> tuple[list[Quote], tuple[Mention, ...]]:
    """The quotations and mentions of a story told by turns with each stretch's narrator
    named: the "I" of Naruto's stretch is Naruto."""
    dis = finder.dis

    def teller(who: str | None, offset: int) -> str | None:
        if who != NARRATOR:
            return who
        stretch = stretch_of(finder.pov, dis.tokens[dis.token_at(offset)].para)
        return stretch.character if stretch is not None else who

    quotes = [
        replace(
            q,
            speaker=teller(q.speaker, q.start),
            addressee=teller(q.addressee, q.start),
            addressees=tuple(a for a in (teller(a, q.start) for a in q.addressees) if a),
        )
        for q in quotes
    ]
    mentions = tuple(replace(m, character=teller(m.character, m.start)) for m in mentions)
    return quotes, mentions


def _counted_tellers(
    characters: list[Character],
    before: tuple[Mention, ...],
    after: tuple[Mention, ...],
    quotes: list[Quote],
) -> list[Character]:
    """The cast with the narrator's mentions that went to a stretch's teller counted as the
    teller's, and the narrator gone when no mention or line of theirs is left."""
    moved = Counter(
        b.character for a, b in zip(before, after, strict=True) if a.character != b.character
    )
    left = sum(1 for m in after if m.character == NARRATOR)
    speaks = any(q.speaker == NARRATOR for q in quotes)
    return [
        replace(c, mention_count=left if c.id == NARRATOR else c.mention_count + moved[c.id])
        for c in characters
        if c.id != NARRATOR or left or speaks
    ]


_NESTED_END = (".", "!", "?", "…")


def _attribute_nested(quotes: list[Quote], finder: CueFinder) -> None:
    """Speech quoted inside speech is given to whoever first said it: "you said" and a bare
    quotation of someone's words ("I believe it was 'Give that dog a bone.'") are the person
    spoken to; "I said" the speaker; "Sakura said" Sakura; "he said" neither of the two (nobody,
    unless coreference knows who). Quoted words that are no sentence
    (scare quotes, titles: 'if only's') get nobody."""
    text = finder.dis.text
    tokens = finder.tokens
    outer: Quote | None = None
    for k, q in enumerate(quotes):
        if q.depth == 0:
            outer = q
            continue
        if outer is None or not (outer.start <= q.start < outer.end) or q.speaker is not None:
            continue
        inner = text[q.start + 1 : q.end - (1 if q.close else 0)].strip()
        if not inner[:1].isupper() or not inner.rstrip("'’\"”").endswith(_NESTED_END):
            continue
        who = outer.addressee
        first = finder.dis.token_at(q.start)
        lo = max(finder.dis.token_at(outer.start), first - 5)
        for i in range(first - 1, lo - 1, -1):
            if tokens[i].lower not in finder.speech:
                continue
            subject = tokens[i - 1] if i > lo else None
            ref = finder.refs.get(i - 1) if subject is not None else None
            if subject is not None and subject.lower in ("i", "we"):
                who = outer.speaker
            elif ref is not None and ref[2] == "name" and ref[1]:
                who = ref[1]
            elif subject is not None and subject.lower in ("he", "she", "they"):
                # "He said, 'Keep them burning.'": someone talked about, neither the one
                # speaking nor the one spoken to
                third = ref[1] if ref is not None else None
                who = third if third not in (outer.speaker, outer.addressee) else None
            break
        if who is not None:
            quotes[k] = replace(q, speaker=who, confidence=round(outer.confidence * 0.7, 2))


def _renamed(q: Quote, old: str, new: str) -> Quote:
    if q.speaker != old and q.addressee != old and old not in q.addressees:
        return q
    return replace(
        q,
        speaker=new if q.speaker == old else q.speaker,
        addressee=new if q.addressee == old else q.addressee,
        addressees=tuple(dict.fromkeys(new if a == old else a for a in q.addressees)),
    )


def name_the_narrator(
    quotes: list[Quote], finder: CueFinder, characters: list[Character]
) -> tuple[Character, Character] | None:
    """A first-person narrator is often named only by others: "My dear Watson," said Holmes.
    The name others use most for the narrator, when that name never speaks on its own, is the
    narrator's. Returns (the merged character, the renamed narrator)."""
    by_id = {c.id: c for c in characters}
    narrator = by_id.get(NARRATOR)
    if narrator is None:
        return None
    if finder.narrator_alias in by_id:
        return by_id[finder.narrator_alias], _named(narrator, by_id[finder.narrator_alias])
    votes: Counter[str] = Counter()
    speaking = Counter(q.speaker for q in quotes if q.speaker)
    for index, dq in zip(finder.dis.quote_index, finder.dis.quotes, strict=True):
        q = quotes[index]
        if q.speaker and q.speaker != narrator.id and q.addressee in (narrator.id, None):
            a, b = finder.dis.token_at(dq.start), finder.dis.token_at(dq.end)
            for v in finder.vocatives(a, b)[0]:
                if v != q.speaker and v != narrator.id:
                    votes[v] += 1
    if not votes:
        return None
    best, n = votes.most_common(1)[0]
    if n < 2 or speaking[best] > 0 or best not in by_id:
        return None
    other = by_id[best]
    return other, _named(narrator, other)


def _named(narrator: Character, other: Character) -> Character:
    return replace(
        narrator,
        name=other.name,
        aliases=tuple(dict.fromkeys((*other.aliases, *narrator.aliases))),
        pronouns=other.pronouns or narrator.pronouns,
        mention_count=narrator.mention_count + other.mention_count,
    )
