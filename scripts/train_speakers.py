"""Learn the speakers pass's feature weights from LitBank's training books.

    .venv/bin/python scripts/train_speakers.py            # train, write the model
    .venv/bin/python scripts/train_speakers.py --folds 5  # also cross-validate on the train split
    .venv/bin/python scripts/train_speakers.py --dry-run  # train and report, write nothing

Recipe: every book of the ``train`` split (eval/splits.json; the ``test`` books are never read)
is run through ficscope up to the coreference pass, exactly as ``eval/run.py litbank`` runs it.
Each paragraph with quotations is a turn with a few candidate speakers and their features
(ficscope/passes/speaker_cues.py, speakers.py). A turn's gold speaker is the LitBank speaker of
its quotations, and the candidates that *are* that speaker are found the way the evaluation finds
them (eval/charmap.py: by name, else by the gold mentions a candidate's mentions align to).
A structured perceptron (Collins 2002, averaged) then learns the weights: for each conversation,
decode with the current weights; decode again restricted to the gold speakers (turns whose gold
speaker is no candidate are left free); add the difference of their features. Weights start from
the hand-set defaults. Last, a logistic fit of correctness on the Viterbi max-marginal margin
gives the confidence calibration.

With ``--epochs 0`` the hand-set defaults are kept and only the calibration is fitted. That is
what ships for now: 4-fold cross-validation over the train books gave the learned weights 65.4%
of turns right against 70.5% for the defaults (LitBank's gold speaker is among the candidates
for ~90% of turns, and the mapping of candidates to gold entities is noisy, so the perceptron
chases label noise). Rerun with ``--folds 4`` after changing the cues.

Writes src/ficscope/models/speakers.json with the weights, the calibration, this recipe and the
scores.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).absolute().parent.parent
sys.path[0:0] = [str(ROOT), str(ROOT / "src")]

from eval import litbank, splits  # noqa: E402
from eval.adapter import from_work  # noqa: E402
from eval.charmap import map_characters  # noqa: E402
from eval.documents import PredCharacter  # noqa: E402
from eval.evaluate import _mention_votes  # noqa: E402
from eval.scoring import match_spans  # noqa: E402
from ficscope.passes import speakers as S  # noqa: E402
from ficscope.passes.speaker_cues import CueFinder  # noqa: E402
from ficscope.pipeline import analyze_work  # noqa: E402
from ficscope.readers.plaintext import parse_text  # noqa: E402

MODEL = ROOT / "src" / "ficscope" / "models" / "speakers.json"
PASSES = ("segment", "quotes", "characters", "coref")


def examples(
    book_ids: list[str],
) -> list[tuple[S.Conversation, list[set[str] | None], list[str | None]]]:
    """(conversation, allowed candidates per turn, gold entity per turn) for every conversation."""
    out = []
    for gold in litbank.load_books(book_ids, view="original"):
        work = analyze_work(parse_text(gold.text), PASSES)
        finder = CueFinder(work)
        convs = S.conversations(finder, finder.turns())
        pred = from_work(work)
        characters = list(pred.characters) + [
            PredCharacter(c.id, c.name, c.aliases) for c in finder.unnamed.values()
        ]
        people = [m for m in gold.mentions or () if m.category == "PER"]
        counts = Counter(q.speaker for q in gold.quotes if q.speaker)
        to_gold = map_characters(
            characters,
            gold.characters,
            quote_counts=counts,
            mention_votes=_mention_votes(people, pred.mentions),
        )
        dq = finder.dis.quotes
        matched = match_spans(
            [(q.start, q.end) for q in dq], [(q.start, q.end) for q in gold.quotes], overlap=True
        )
        for conv in convs:
            allowed: list[set[str] | None] = []
            entities: list[str | None] = []
            for turn, cands in zip(conv.turns, conv.candidates, strict=True):
                golds = Counter(
                    gold.quotes[matched[c.index]].speaker
                    for c in turn.quotes
                    if c.index in matched and gold.quotes[matched[c.index]].speaker
                )
                entity = golds.most_common(1)[0][0] if golds else None
                entities.append(entity)
                ok = {c for c in cands if entity is not None and to_gold.get(c) == entity}
                allowed.append(ok or None)
            out.append((conv, allowed, entities))
    return out


def path_features(conv: S.Conversation, path: list[str]) -> Counter[str]:
    f: Counter[str] = Counter()
    many = S.many_speaking(conv.turns)
    for k, c in enumerate(path):
        f.update(conv.features[k][conv.candidates[k].index(c)])
        c1 = path[k - 1] if k >= 1 else None
        c2 = path[k - 2] if k >= 2 else None
        f.update(S.transition_features(conv.turns[k], c2, c1, c, many=many[k]))
    return f


def train(data: list, epochs: int, seed: int = 13) -> dict[str, float]:
    w: dict[str, float] = dict(S.DEFAULT_WEIGHTS)
    total: Counter[str] = Counter()
    steps = 0
    rng = random.Random(seed)
    order = list(range(len(data)))
    for _ in range(epochs):
        rng.shuffle(order)
        for i in order:
            conv, allowed, _ = data[i]
            if not any(allowed):
                continue
            pred, _ = S.viterbi(conv, w)
            good, _ = S.viterbi(conv, w, allowed)
            if pred != good:
                diff = path_features(conv, good)
                diff.subtract(path_features(conv, pred))
                for k, v in diff.items():
                    if v:
                        w[k] = w.get(k, 0.0) + v
            steps += 1
            for k, v in w.items():
                total[k] += v
    return {k: total[k] / steps for k in w} if steps else w


def accuracy(data: list, w: dict[str, float]) -> tuple[int, int, list[tuple[float, bool]]]:
    ok = n = 0
    margins = []
    for conv, allowed, entities in data:
        path, marginals = S.viterbi(conv, w)
        for k, c in enumerate(path):
            if entities[k] is None:
                continue
            right = allowed[k] is not None and c in allowed[k]  # type: ignore[operator]
            ok += right
            n += 1
            others = [v for x, v in marginals[k].items() if x != c]
            margins.append((marginals[k][c] - max(others) if others else 5.0, right))
    return ok, n, margins


def calibrate(margins: list[tuple[float, bool]]) -> tuple[float, float]:
    a, b = 1.0, 0.0
    for _ in range(2000):
        ga = gb = 0.0
        for m, y in margins:
            p = 1.0 / (1.0 + math.exp(-(a * m + b)))
            ga += (p - y) * m
            gb += p - y
        a -= 0.5 * ga / len(margins)
        b -= 0.5 * gb / len(margins)
    return a, b


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--folds", type=int, default=0)
    ap.add_argument("--dry-run", action="store_true")
    args = ap.parse_args()
    books = splits.load_split("train")
    report: dict[str, object] = {}
    if args.folds:
        held_ok = held_n = base_ok = 0
        for f in range(args.folds):
            test = books[f :: args.folds]
            rest = [b for b in books if b not in test]
            w = train(examples(rest), args.epochs)
            held = examples(test)
            ok, _, _ = accuracy(held, w)
            ok0, _, _ = accuracy(held, dict(S.DEFAULT_WEIGHTS))
            n = sum(1 for conv, _, ents in held for e in ents if e is not None)
            held_ok, held_n, base_ok = held_ok + ok, held_n + n, base_ok + ok0
            print(f"fold {f}: turns right {ok}/{n} (defaults {ok0})")
        held, base = held_ok / held_n, base_ok / held_n
        print(f"cross-validated turn accuracy {held:.3f} (defaults {base:.3f})")
        report["cv_turn_accuracy"] = round(held_ok / held_n, 4)
        report["cv_turn_accuracy_defaults"] = round(base_ok / held_n, 4)
    data = examples(books)
    w = train(data, args.epochs)
    ok, _, margins = accuracy(data, w)
    n = sum(1 for _, _, ents in data for e in ents if e is not None)
    reachable = sum(
        1
        for _, allowed, ents in data
        for a, e in zip(allowed, ents, strict=True)
        if e is not None and a
    )
    a, b = calibrate(margins)
    print(f"train turns right {ok}/{n} ({reachable} with the gold speaker among the candidates)")
    print(f"calibration a={a:.3f} b={b:.3f}")
    for k in sorted(w, key=lambda k: -abs(w[k])):
        print(f"  {k:20} {w[k]:7.3f}   (default {S.DEFAULT_WEIGHTS.get(k, 0.0)})")
    report.update({"train_turns": n, "train_turns_right": ok, "train_turns_reachable": reachable})
    if not args.dry_run:
        model = {
            "about": (
                "Feature weights of ficscope's speakers pass; made by scripts/train_speakers.py "
                "(see its docstring for the recipe)."
            ),
            "recipe": (__doc__ or "").strip().split("\n\n", 2)[2],
            "trained_on": (
                "LitBank train split (eval/splits.json), books run through ficscope up to coref"
            ),
            "epochs": args.epochs,
            "scores": report,
            "calibration": [round(a, 4), round(b, 4)],
            "weights": {k: round(v, 4) for k, v in sorted(w.items())},
        }
        MODEL.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {MODEL}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
