"""A line's ``Attribution`` (speaker, confidence, addressees), and what the attributed lines
teach: the genders their tags give (``tag_genders``), who speaks of themselves by name."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace

from ficscope.passes.speaker_cues import CueFinder, Turn

MIN_TEACHING_CONFIDENCE = 0.6  # a line given less surely than this teaches its tag's gender nothing
SURE_CONFIDENCE = 0.9  # a line given this surely teaches it on its own
ADDRESS_CONFIDENCE = 0.6  # a line given this surely teaches how its speaker calls people


@dataclass(slots=True)
class Attribution:
    speaker: str | None
    confidence: float
    addressee: str | None = None
    addressees: tuple[str, ...] = ()  # all of them, when the line is said to several


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
