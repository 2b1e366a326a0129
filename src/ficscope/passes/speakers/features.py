"""A turn's features: who its tags, intros and beats name (``tagged_speakers``,
``turn_subjects``, ``shown_speaking``), the emission features of one turn and candidate
(``_features``), and group scenes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ficscope.model import NARRATOR
from ficscope.passes.speaker_cues import Subject, Turn

GROUP_REACH = 8  # turns back in which three people shown speaking or acting make a group scene


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
    if turn.told is not None and turn.told.kind != "pronoun" and turn.told.character == c:
        f["told_answers"] = 1.0  # 'I asked Finan why.' / '"Because ..."': his
    if turn.last_actor is not None:
        subject_features("actor", turn.last_actor, c, genders, f)
    for beat in turn.beats_mid:
        subject_features("mid", beat, c, genders, f)
    tag = turn.quotes[0].tag
    actor = turn.tag_actor
    if actor is not None and tag is not None and actor.character == c:
        if genders.get(c) == tag.gender:
            f["tag_actor"] = 1.0  # the "he" of the tag is the one the narration just followed
        elif genders.get(c) is None:
            # 'Alison looked at the three of them ...' / '"Fine," she said.': one whose gender
            # the story never gave, half as likely (acc26-r23b; the whole weight lost lines)
            f["tag_actor"] = 0.5
    if turn.clears_throat and _acts_last(turn, c):
        f["throat"] = 1.0  # '... when Mr Butler cleared his throat.' / '"Excuse me, Miss."'
    if turn.done_to == c and "vocative" not in f:
        f["done_to"] = 1.0  # not when the line calls them: 'Something hit me. "Dipper!"
    if turn.mentioned.get(c):
        f["mention"] = 1.0
    if turn.gap and NARRATOR in turn.looked_at and c != NARRATOR and _acts_last(turn, c):
        # 'Everybody looked at me. Jason whistled low.' / '"Huh. So it pays off."': with the
        # narrator looked at, the one acting last speaks to them
        f["actor_to_me"] = 1.0
    elif (
        NARRATOR in turn.looked_at
        and c != NARRATOR
        and turn.beat_before is not None
        and turn.beat_before.kind == "name"
        and turn.beat_before.character == c
    ):
        # 'Aomine sits up slowly and looks right at me with that lazy grin. "Yo, Bakagami."':
        # one named acting before the line who looks at the narrator says it to them
        f["actor_to_me"] = 1.0
    if previous is not None and turn.gap == 0:
        # a turn whose narration turns to someone between its lines ('"Thank you, Orla, love,"
        # said Mammy. She turned back to me. "You'll go in to that school ..."'): its last line
        # is said to that one, and the calls before it are no longer who it speaks to
        said = (
            previous.quotes[-1:]
            if previous.looked_at and len(previous.quotes) > 1
            else previous.quotes
        )
        # a tag's object is who its line is said to, wherever the narration looked before
        # ('... stares at Tamaki. / "Is that boy all right, dear?" she asks Haruhi.')
        told = {o for cue in previous.quotes for o in cue.objects}
        if (
            c in previous.looked_after
            or c in told
            or any(c in cue.vocatives or c in cue.objects for cue in said)
        ):
            f["prev_addressed"] = 1.0
            if c in told:
                f["prev_addressed_many"] = 1.0  # asked by name in a tag: surely the one answering
            if c == NARRATOR and any(c in (cue.closing_calls or cue.vocatives) for cue in said):
                # '"Tim, you're on comms. From bed."' / '"From bed?"': a first-person narrator
                # called by name answers, over someone the narration had looked at and the
                # A-B-A alternation (the narrator never says the call to themself)
                f["called_me"] = 1.0
        elif c in previous.looked_at and c not in turn_subjects(previous) and not told:
            # 'studying Yuji. "You're the vessel."' / '"Who has?"' (not when the one looked at
            # said it: 'Mira smiled at Tomas.' / '"Leaking?" Tomas asked.')
            f["prev_addressed"] = 1.0
    elif (
        # '"Varian, this is incredible. What does it do?"' / 'He lit up like somebody had
        # flipped a switch inside him, ...' / '"Okay, so, ..."': the one the line before
        # called, whom the one narration paragraph between shows acting last, answers
        previous is not None
        and turn.gap == 1
        and turn.acts_at_end
        and _acts_last(turn, c)
        and any(c in cue.vocatives for cue in previous.quotes[-1:])
    ):
        f["prev_addressed"] = 1.0
    if rank == 0:
        f["sal1"] = 1.0
    elif rank == 1:
        f["sal2"] = 1.0
    if c == NARRATOR:
        f["narrator"] = 1.0
    return f


def _acts_last(turn: Turn, c: str) -> bool:
    """Whether ``c`` is the subject of the narration's last sentence before ``turn``."""
    return turn.last_actor is not None and turn.last_actor.who == c


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


def _shown_acting(turn: Turn) -> set[str]:
    """Who the narration of a turn shows acting: its beats' subjects and the last one acting
    in the narration before it (a resolved pronoun for its character)."""
    subjects = (turn.beat_before, turn.beat_after, *turn.beats_mid, turn.last_actor)
    return {s.who for s in subjects if s is not None and s.who}
