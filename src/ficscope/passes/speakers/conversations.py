"""Turns grouped into conversations, each turn with its candidates (the characters around
it, the scene's cast, the one of a gender named last) and its features."""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ficscope.model import NARRATOR
from ficscope.passes.addressees import UNKNOWN, call_ends
from ficscope.passes.coref import guessed_at, remembered, scene_starts
from ficscope.passes.coref.descriptions import character_nouns
from ficscope.passes.coref.newcomers import comes_in_at
from ficscope.passes.discourse import Token
from ficscope.passes.pov import stretch_of
from ficscope.passes.speaker_cues import (
    LABEL_GENDER,
    CueFinder,
    QuoteCues,
    Turn,
    character_genders,
)
from ficscope.passes.speakers.address import turn_address_words
from ficscope.passes.speakers.answers import (
    _acted_on,
    _asks,
    _asks_of_self,
    _called_in_answer,
    _echoed,
    _family_parent,
    _goes_on_at,
    _narrated_in,
    _said_you_to,
    meeting_before,
)
from ficscope.passes.speakers.departures import _away, _has_left, _offstage, departures, sleepers
from ficscope.passes.speakers.features import (
    _features,
    _shown_acting,
    group_scenes,
    shown_speaking,
    tagged_speakers,
    turn_subjects,
)
from ficscope.passes.speakers.phones import (
    _call_ended,
    _called_later_on_the_line,
    _heard_on_the_line,
    _holds_in_tag,
    _on_the_phone,
    _phone_holder,
    _relayed,
    _reports_speech,
    _said_to_the_phone,
)
from ficscope.passes.speakers.strangers import picked_out_last

MAX_CANDIDATES = 6
CAST_CANDIDATES = 4  # a scene's first turn is filled up to this with the story's speakers
CONVERSATION_GAP = 3  # narration-only paragraphs that end a conversation
WINDOW_BEFORE = 3  # paragraphs before a turn whose references make candidates
WINDOW_AFTER = 1
LOOK_AHEAD = 6  # paragraphs searched after a turn that has no candidate at all


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
    refs = finder.refs
    for first, para, away in _present(finder):  # in token order
        character = refs[first][1]
        if character:
            paragraph_refs[para][character] += 1
            if character not in first_para and away:
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
        one_sided = True  # no line of the call so far answered at once by another
        far_end: str | None = None  # the one a line of someone shown on the phone calls
        hung_up: set[str] = set()  # far ends of calls ended, until shown there or tagged
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
            if ended and far_end is not None:
                hung_up.add(far_end)  # '"I mean it, Pete." / He hung up.': Pete is not there
                far_end = None
            hung_up -= _shown_acting(turn) | set(tagged_speakers(turn))
            rang = _phone_holder(finder, previous, turn)
            held = _on_the_phone(finder, previous, turn) if rang is None else None
            if rang is not None or held is not None:
                holder = rang or held
                one_sided = True
            if held is not None and on_line is None:
                # '... the phone against his ear. It rang four times before she picked up.':
                # the one the call's lines call later ("Goodnight, Donna.") is on the line
                on_line = _called_later_on_the_line(finder, ends, group, k, held)
            elif turn.gap == 0:
                one_sided = False  # a line answered at once: both sides heard, or the room
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
                shown = {x.character for x in previous.subjects() if x.kind == "name"}
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
            for gender in sorted(tagged - {genders.get(c) for c in chosen}):
                # "she said" and nobody near is a she: the last she the narration named
                at = bisect_right(scenes, turn.para)
                opened = scenes[at - 1] if at else 0  # where the turn's scene began
                far = _last_of_gender(paragraph_refs, genders, gender, turn.para, opened)
                if far is not None and far not in chosen:
                    chosen.append(far)
            answer_calls = _called_in_answer(group, k)
            for cid in answer_calls:
                if cid not in chosen and not _away(cid, turn.para, gone, asleep, woken):
                    chosen.append(cid)
            # whom the line just before calls, when this one follows it at once with no cue of
            # its own
            just_called = (
                previous.quotes[-1].vocatives
                if previous is not None and turn.gap == 0 and not turn_subjects(turn)
                else []
            )
            # '"Joshua. You're seeing Haskell?"' / '"At ten, sir."': the one the line just before
            # called is there to answer it, however many the scene has met
            for cid in just_called:
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
                    if rang is not None or held is not None
                    else far_end is not None
                    and far_end in called
                    or on_line is not None
                    and (on_line in called or relayed in ("", on_line, *spoken))
                )
                else None
            )
            if (
                answering is None
                and holder is not None
                and rang is None
                and held is None
                and on_line is None
                and untagged
                and turn.gap > 0
                and previous is not None
                and set(turn_subjects(turn)) <= {holder}
                and holder not in called
                and not _reports_speech(finder, turn)
                and one_sided
            ):
                # one side of a call heard: after a pause or someone in the room shown watching,
                # the one on the phone talks on ('"No, I ordered six." / Sydney comes in ... and
                # stops in the office doorway. / "Okay, but ... can you just check?"': Carmy's)
                answering = holder
            if answering is not None and answering not in chosen:
                chosen.append(answering)
            if NARRATOR not in genders and all(c in called for c in chosen):
                # '"TOM!" / No answer. / ... / The old lady pulled her spectacles down': nobody
                # but the one called, so the first other person the narration shows after it
                chosen += _first_after(paragraph_refs, turn.para, called)
            teller = stretch_of(finder.pov, turn.para) if finder.pov else None
            if teller is not None:  # in Naruto's stretch of the story, Naruto is "I"
                chosen = [c for c in chosen if c != teller.character]
            chosen = [c for c in chosen if c not in hung_up]
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
            # and so does a name opening the narration just before the turn's first line, when
            # it is the turn's only subject: the one the line before called does not answer
            # ('"And you do it so well, Haughtstuff."' / 'Doc straightens up off the counter.
            # "I will bring the whiskey."', acc28-group4)
            first_beat = turn.beat_before
            if (
                first_beat is not None
                and first_beat.kind == "name"
                and first_beat.character
                and turn_subjects(turn) == [first_beat.character]
            ):
                beat_named.add(first_beat.character)
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
                _said_you_to(finder, previous, group[k - 2] if k >= 2 else None, party, genders)
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
                and _tagged_or_pronoun(previous) & called
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
            # the one person the bare line just before calls by name, in a line of three words
            # or more ('"Good night everyone. Denji-kun, dont stay up to late."' / '"i wont!!"';
            # not a name said alone, which answers a "who": '"Who's the prosecutor?"' ...
            # '"Mr. Edgeworth!" she says' / '"Oh, man. I'm so dead."' is not Edgeworth's)
            # '"... you know, Gilbert, she can do anything. And we should call some time, mamma;
            # ..."' / '"Of course, my dear."': of a line calling several, the one its last
            # sentence calls (acc28-lit4)
            closing = previous.quotes[-1].closing_calls if just_called and previous else []
            called_one = (
                just_called[0] if len(set(just_called)) == 1 else closing[-1] if closing else None
            )
            if called_one is not None and previous is not None:
                called_one = called_one if _words(finder, previous.quotes[-1]) >= 3 else None
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
                # not against a beat showing another: 'Tina wipes her forehead. "Chef, I'm at
                # eight portions."' / '"Heard. Syd, ..."' is still Tina's
                and shown_speaking(turn) <= set(after.quotes[0].vocatives)
                else set()
            )
            # an untagged line answered at once by an untagged one calling a single person:
            # the one called said it ('"The lunchbox has waves now?"' / '"Everything has waves,
            # Arisa."': Arisa's, acc25-r22c)
            answered_calling = (
                set(after.quotes[0].vocatives)
                if after is not None
                and after.gap == 0
                and len(set(after.quotes[0].vocatives)) == 1
                and not shown_speaking(after)
                and not shown_speaking(turn)
                and not called
                # not a sound ('"Hm."' / '"Not you, Skyguy."'): one word asks for no answer
                and _words_said(finder, turn) >= 2
                and _call_closes(finder, after)
                else set()
            )
            # and the other way: '"Dylan, perhaps ..."' (Irving's beat) / '"The handbook
            # suggests a lot of stuff, Irv."': the one called calls back the one who called them,
            # also after a call no tag or beat gives ('"Heard. Syd, start pushing the chicken."'
            # / '"Yes, Chef!"': Sydney's)
            shown_before = shown_speaking(previous) if previous is not None else set()
            calls_back = (
                set(previous.quotes[-1].vocatives) - called
                if previous is not None
                and turn.gap == 0
                and len(set(previous.quotes[-1].vocatives)) == 1
                and called
                and shown_before <= called
                # a kinship call after an untagged one is the child's: '"Theo! Come in."' /
                # '"Papa!"' is not Theo's
                and (
                    shown_before
                    or not any(finder.span(c.index)[0] in finder.kin_called for c in turn.quotes)
                )
                and previous.beat_after is None
                and not shown_speaking(turn) - set(previous.quotes[-1].vocatives)
                else set()
            )  # (not where a beat shows another: 'Aang perked up. "..., Katara, ..."', nor after
            # "'Edith! Edith!' cried she. Margaret stepped forward.": Margaret answers)
            goes_on_at = _goes_on_at(turn, previous) if untagged else None
            for cid, f in zip(chosen, feats, strict=True):
                if cid == goes_on_at:
                    f["goes_on_at"] = 1.0
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
                elif cid in answered_calling:
                    f["answered_calling"] = 1.0
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
                if group_scene[k] and "prev_addressed" in f and cid == called_one:
                    # in a group, the one called answers even as a third speaker (acc26-group2)
                    f["called_one"] = 1.0
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
                elif picked_out_last(finder, turn, cid, first_para, spoke_at):
                    # 'One of the other witches, a young one with a red band in her hair,
                    # leaned over her shoulder.' / '"The wound is still open, sister."'
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
            if held is not None and turn.quotes[0].vocatives:
                # '"No, Pete, I understand."' on the phone: the holder's lines calling Pete
                far_end = next((v for v in turn.quotes[0].vocatives if v != held), None)
            if holder is None:
                # '"Yeah, this is Carmen," he says, pinning the phone between his ear and his
                # shoulder.': he holds the call from the next turn on
                holder = _holds_in_tag(finder, turn)
                if holder is not None:
                    one_sided = True
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


# Every word that opens a subordinate clause ("while", "if", "though", ...): a subject after one
# is no main clause's; ``coref.clauses._TIME_OR_CAUSE_OPENERS`` is the narrower list of clauses
# of time or cause.
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
    if not comes_in_at(tokens, j):
        return False
    k = bisect_right(scenes, turn.para)
    start = scenes[k - 1] if k else 0
    return not any(c == cid and start <= p < turn.para for p, c in spoke_at)


def _words_said(finder: CueFinder, turn: Turn) -> int:
    """How many words the lines of ``turn`` say."""
    tokens = finder.tokens
    count = 0
    for cue in turn.quotes:
        a, b = finder.span(cue.index)
        count += sum(1 for i in range(a, b) if tokens[i].text[:1].isalpha())
    return count


def _call_closes(finder: CueFinder, turn: Turn) -> bool:
    """Whether the first line of ``turn`` ends on its call ("Everything has waves, Arisa."),
    as an answer that turns to the one it answers does; not one opening on a call that picks
    someone out ("Not you, Skyguy. The other one.")."""
    tokens = finder.tokens
    a, b = finder.span(turn.quotes[0].index)
    words = [i for i in range(a, b) if tokens[i].text[:1].isalpha()]
    if not words:
        return False
    refs, called = finder.refs, turn.quotes[0].vocatives
    # or its first sentence, when that says something before the call ("You were looking at
    # it, Felix. I know that look.")
    first_sentence = [i for i in words if tokens[i].sent == tokens[words[0]].sent]
    ends = {words[-1]}
    if len(first_sentence) >= 4:
        ends.add(first_sentence[-1])
    return any(
        refs[first][1] in called and any(refs[first][0] >= end >= first for end in ends)
        for first in finder.refs_in(a, words[-1] + 1)
    )


def _tagged_or_pronoun(turn: Turn) -> set[str]:
    """Who the tags of a turn show speaking: named, or a confirmed "he" or "she" coreference
    resolved ('"I was minding it," she said.': Orla)."""
    found = set(tagged_speakers(turn))
    for cue in turn.quotes:
        for s in (cue.tag, cue.intro):
            if s is not None and s.kind == "pronoun" and s.confirmed and s.resolved:
                if s.gender in ("m", "f"):
                    found.add(s.resolved)
    return found


NARRATOR_SHARE = 0.2  # of the tagged lines, a first-person narrator's that make it a talker


def narrator_talks(turns: Sequence[Turn]) -> bool:
    """Whether the first-person narrator's own tags ("I said") are a fifth or more of the
    tagged lines: such a narrator takes part in every conversation of the story (the hero of
    a fan fiction told by "I"), unlike one who mostly listens and tells ("said the old
    horse")."""
    mine = tagged = called = 0
    for turn in turns:
        for cue in turn.quotes:
            called += NARRATOR in cue.vocatives
            s = cue.tag or cue.intro
            if s is not None and (s.kind != "pronoun" or s.confirmed):
                tagged += 1
                mine += s.kind == "pronoun" and s.gender == "1"
    return mine >= 2 and (mine >= NARRATOR_SHARE * tagged or called >= NARRATOR_CALLED)


NARRATOR_CALLED = 3


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
    paragraph_refs: Mapping[int, Counter[str]],
    genders: Mapping[str, str],
    gender: str,
    para: int,
    scene: int = 0,
) -> str | None:
    """The character of ``gender`` the narration referred to last within 20 paragraphs before
    ``para``, in its scene (from paragraph ``scene`` on): after a break, "she said" is a she of
    the new scene, not the last she of the one before ('~~~' / 'Cinderpelt was pulling a thorn
    ...' / '"You dreamed" she said.' is no line of Sandstorm's, left in the den)."""
    for p in range(para, max(scene - 1, para - 20), -1):
        found = [c for c in paragraph_refs.get(p, ()) if genders.get(c) == gender]
        if found:
            return max(found, key=lambda c: paragraph_refs[p][c])
    return None


def _present(finder: CueFinder) -> list[tuple[int, int, bool]]:
    """The references of the narration to someone there, in token order (people talked about
    are seldom there; read once per work: the text alone says it): each one's token, its
    paragraph, and whether, if it is its character's first, the words around it make it
    someone only spoken of ("to see Mrs. Hendry", "Skinner's secretary")."""
    return finder.once("present", lambda: _read_present(finder))


def _read_present(finder: CueFinder) -> list[tuple[int, int, bool]]:
    tokens = finder.tokens
    out = []
    for first, last in finder.narration_refs():
        if guessed_at(tokens, first):
            continue  # "someone—Kaminari, probably—is laughing upstairs": not in the scene
        if remembered(tokens, first):
            continue  # "He remembered Matthews's steady voice": not there now
        away = _offstage(tokens, first) or _owner_of_someone(tokens, last)
        out.append((first, tokens[first].para, away))
    return out


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


def _words(finder: CueFinder, cue: QuoteCues) -> int:
    """How many words a line has."""
    quote = finder.dis.quotes[cue.index]
    return len(finder.dis.text[quote.start : quote.end].split())
