"""Where a suite's speaker B3 recall is lost (a development aid, not a score)::

    PYTHONPATH=src:. python scripts/dev/b3_loss.py SUITE [--speakers]

SUITE is a development suite (``seeds``, ``handmade``, ``blind4``, ... as ``eval/run.py`` gates
them) or ``litbank-train``; ``litbank-test`` gives totals only. Over the gold lines that have a
gold speaker and are matched to a predicted quotation (the items B3 scores, as ``eval/evaluate.py``
does), each line is put in one class, with its predicted character mapped to a gold one as the
evaluation maps it (``eval.charmap.map_characters``):

right
    the line went to its speaker's main id: the predicted id most of the speaker's lines mapped
    to the speaker went to;
second id
    the line went to another id that also maps to its speaker (one person under two ids: a
    description never joined to the name, a name cluster split): right by accuracy, lost to B3;
wrong person / maps to nobody
    the line went to an id that maps to someone else, or to no gold character;
unknown
    no speaker.

For each class, the B3 recall the suite would have if every line of that class went to its
speaker's main id (each fix alone; they do not add up). Then the gold quotations the quote pass
missed or matched only by overlap (missed ones are outside B3 altogether), and the second-id lines
by the kind of the two ids (named, unnamed description, narrator) and by the kind of split (a
description and a name, two descriptions, the narrator and another id, a titled surname alone and
a name, two other name forms), each kind with the recall it would add joined. ``--speakers``
lists, for development suites only, each gold speaker with a recall deficit and the predicted ids
of its lines.
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from collections.abc import Hashable

from eval.documents import GoldDoc, Prediction
from eval.evaluate import gold_characters, run_ficscope
from eval.run import suite_docs
from eval.scoring import b_cubed, match_spans
from ficscope.lexicon import TITLES
from ficscope.model import NARRATOR

DEVELOPMENT = (
    "seeds ao3 handmade blind blind4 dev6 blind5 dev7 blind6 blind7 blind8 blind20 blind19 "
    "blind21 blind22 litbank-train"
).split()
TOTALS_ONLY = ("litbank-test",)
CLASSES = ("right", "second id", "wrong person", "maps to nobody", "unknown")
PAIRS = (
    "description and name",
    "two descriptions",
    "narrator and a name or description",
    "a titled surname and a name",
    "two name forms",
)


def _kind(cid: Hashable) -> str:
    if cid == NARRATOR:
        return "narrator"
    return "unnamed" if str(cid).startswith("unnamed-") else "named"


def _titled_surname(name: str) -> bool:
    words = name.replace(".", "").split()
    return len(words) == 2 and words[0].lower() in TITLES


def _pair(main: Hashable, second: Hashable, names: dict[Hashable, str]) -> str:
    """The kind of one person's two ids, in the order the brief lists them."""
    kinds = {_kind(main), _kind(second)}
    if "narrator" in kinds:
        return PAIRS[2]
    if kinds == {"unnamed"}:
        return PAIRS[1]
    if "unnamed" in kinds:
        return PAIRS[0]
    titled = [_titled_surname(str(names.get(c, c))) for c in (main, second)]
    return PAIRS[3] if titled.count(True) == 1 else PAIRS[4]


class Loss:
    def __init__(self) -> None:
        self.items = 0
        self.recall = 0.0
        self.fixed: Counter[str] = Counter()
        self.lines: Counter[str] = Counter()
        self.quotes: Counter[str] = Counter()
        self.kinds: Counter[tuple[str, str]] = Counter()
        self.pairs: Counter[str] = Counter()
        self.pair_fixed: Counter[str] = Counter()
        self.speakers: list[str] = []

    def add(self, gold: GoldDoc, pred: Prediction) -> None:
        pquotes = [q for q in pred.quotes if gold.nested_quotes or q.depth == 0]
        gspans = [(q.start, q.end) for q in gold.quotes]
        pspans = [(q.start, q.end) for q in pquotes]
        matched = match_spans(gspans, pspans, overlap=True)
        exact = match_spans(gspans, pspans)
        for gi in range(len(gspans)):
            self.quotes["exact" if gi in exact else "overlap" if gi in matched else "missed"] += 1
        to_gold = gold_characters(gold, pred, pquotes)
        names: dict[Hashable, str] = {
            q.speaker: q.speaker for q in pquotes if q.speaker is not None
        }
        names.update((c.id, c.name) for c in pred.characters)
        key: dict[Hashable, Hashable] = {}
        response: dict[Hashable, Hashable] = {}
        for gi, pi in matched.items():
            speaker = gold.quotes[gi].speaker
            if speaker is None:
                continue
            key[gi] = speaker
            if pquotes[pi].speaker is not None:
                response[gi] = pquotes[pi].speaker
        lines: dict[Hashable, list[Hashable]] = defaultdict(list)
        for gi, speaker in key.items():
            lines[speaker].append(gi)
        main: dict[Hashable, Hashable] = {}
        for speaker, items in lines.items():
            own = Counter(response[i] for i in items if to_gold.get(response.get(i)) == speaker)
            main[speaker] = own.most_common(1)[0][0] if own else ("gold", speaker)
        classes: dict[Hashable, str] = {}
        pair: dict[Hashable, str] = {}
        for gi, speaker in key.items():
            pid = response.get(gi)
            if pid is None:
                kind = "unknown"
            elif to_gold.get(pid) == speaker:
                kind = "right" if pid == main[speaker] else "second id"
            else:
                kind = "maps to nobody" if to_gold.get(pid) is None else "wrong person"
            classes[gi] = kind
            self.lines[kind] += 1
            if kind == "second id":
                self.kinds[(_kind(main[speaker]), _kind(pid))] += 1
                pair[gi] = _pair(main[speaker], pid, names)
                self.pairs[pair[gi]] += 1
        self.items += len(key)
        self.recall += b_cubed(key, response).r_num
        for kind in CLASSES[1:]:
            fixed = dict(response)
            for gi, speaker in key.items():
                if classes[gi] == kind:
                    fixed[gi] = main[speaker]
            self.fixed[kind] += b_cubed(key, fixed).r_num
        for kind in PAIRS:
            fixed = dict(response)
            for gi, speaker in key.items():
                if pair.get(gi) == kind:
                    fixed[gi] = main[speaker]
            self.pair_fixed[kind] += b_cubed(key, fixed).r_num
        for speaker, items in lines.items():
            ids = Counter(response.get(i) for i in items)
            deficit = sum(
                1 - sum(response.get(j) == response[i] for j in items) / len(items)
                if i in response
                else 1.0
                for i in items
            )
            if deficit:
                went = "; ".join(
                    f"{names.get(p, p) if p is not None else '(none)'} [{to_gold.get(p)}] x{n}"
                    for p, n in ids.most_common()
                )
                self.speakers.append(
                    f"{gold.id}\t{speaker}\t{len(items)} lines\tdeficit {deficit:.2f}\t{went}"
                )

    def report(self) -> list[str]:
        n = self.items or 1
        out = [
            f"matched gold lines with a speaker: {self.items}; B3 recall"
            f" {100 * self.recall / n:.2f} (deficit {self.items - self.recall:.1f} line-shares)",
            "lines: " + ", ".join(f"{k} {self.lines[k]}" for k in CLASSES if self.lines[k]),
        ]
        for kind in CLASSES[1:]:
            if self.lines[kind]:
                gain = 100 * (self.fixed[kind] - self.recall) / n
                out.append(f"  {kind} joined to the main id: recall +{gain:.2f}")
        out.append("gold quotations: " + ", ".join(f"{k} {v}" for k, v in self.quotes.items()))
        if self.kinds:
            kinds = ", ".join(f"{a} main / {b} second: {v}" for (a, b), v in self.kinds.items())
            out.append(f"second-id lines by kind: {kinds}")
        for kind in PAIRS:
            if self.pairs[kind]:
                gain = 100 * (self.pair_fixed[kind] - self.recall) / n
                out.append(f"  {kind}: {self.pairs[kind]} lines, joined: recall +{gain:.2f}")
        return out


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in DEVELOPMENT + list(TOTALS_ONLY):
        sys.stderr.write(f"usage: b3_loss.py {{{'|'.join(DEVELOPMENT + list(TOTALS_ONLY))}}}\n")
        return 2
    suite = argv[0]
    loss = Loss()
    for run in run_ficscope(suite_docs(suite)):
        loss.add(run.gold, run.prediction)
    sys.stdout.write("\n".join([suite, *loss.report()]) + "\n")
    if "--speakers" in argv and suite not in TOTALS_ONLY:
        sys.stdout.write("\n".join(sorted(loss.speakers)) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
