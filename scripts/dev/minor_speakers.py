"""Lines of unnamed minor speakers over the development suites (a development aid, not a
score): a gold character is unnamed when its name or speaker label is a lower-case role
("guard", "delivery guy") or one of ``EXTRA``. Prints, per suite, the gold lines of such roles,
how many are wrong, and how many named characters' lines were given to a role, then each wrong
line with the narration before it. Predicted characters are matched to gold ones as
``eval/run.py`` does::

    PYTHONPATH=src python scripts/dev/minor_speakers.py [SUITE ...]
"""

from __future__ import annotations

import sys

from eval.documents import GoldCharacter
from eval.evaluate import gold_characters, run_ficscope
from eval.run import suite_docs
from eval.scoring import match_spans

SUITES = (
    "seeds ao3 handmade blind blind4 dev6 blind5 dev7 blind6 blind7 blind8 blind20 blind19 "
    "blind21 blind22"
).split()
EXTRA = frozenset({"JV girl", "O&D woman"})  # roles written with a capital
NAMED = frozenset({"the Doctor"})  # lower-case, but the story's name for a main character


def unnamed(c: GoldCharacter) -> bool:
    if c.name in NAMED:
        return False
    return c.name[:1].islower() or c.id[:1].islower() or c.name in EXTRA


def main(argv: list[str]) -> int:
    for suite in argv or SUITES:
        lines = wrong = to_role = 0
        shown: list[str] = []
        for run in run_ficscope(suite_docs(suite)):
            gold, pred = run.gold, run.prediction
            pquotes = [q for q in pred.quotes if gold.nested_quotes or q.depth == 0]
            matched = match_spans(
                [(q.start, q.end) for q in gold.quotes],
                [(q.start, q.end) for q in pquotes],
                overlap=True,
            )
            to_gold = gold_characters(gold, pred, pquotes)
            roles = {c.id for c in gold.characters if unnamed(c)}
            for gi, gq in enumerate(gold.quotes):
                if gq.speaker is None:
                    continue
                pi = matched.get(gi)
                said = pquotes[pi].speaker if pi is not None else None
                mapped = to_gold.get(said) if said is not None else None
                ok = mapped == gq.speaker or mapped in gq.alt_speakers
                lines += gq.speaker in roles
                if ok or (gq.speaker not in roles and mapped not in roles):
                    continue
                wrong += gq.speaker in roles
                to_role += gq.speaker not in roles
                before = gold.text[max(0, gq.start - 90) : gq.start].replace("\n", " / ")
                shown.append(
                    f"  {gold.id} @{gq.start} gold={gq.speaker} pred={mapped}  "
                    f"...{before} >>{gold.text[gq.start : gq.end][:60]}"
                )
        print(f"{suite}: {lines} role lines, {wrong} wrong; {to_role} named lines given to a role")
        print("\n".join(shown))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
