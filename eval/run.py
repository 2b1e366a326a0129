"""Command line of the evaluation harness. Run from the repository root::

    python eval/run.py litbank --split test     # score ficscope on the LitBank test books
    python eval/run.py seeds                    # score ficscope on the seeds' gold
    python eval/run.py ao3                      # score ficscope on the AO3 downloads' gold
    python eval/run.py handmade                 # score ficscope on the hand-written fics' gold
    python eval/run.py blind                    # the blind hand-written set (eval/gold/blind)
    python eval/run.py gate                     # exit 1 if any metric fell below its floor
    python eval/run.py gate --pin               # raise the floors to the current numbers
    python eval/run.py speed --split all        # time read_work + analyze_work per book

(``python -m eval.run ...`` works too.) Exit status: 0 fine, 1 the gate failed, 2 bad input.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository root importable
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

from eval import ao3, handmade, litbank, seeds, splits  # noqa: E402
from eval import gate as gating  # noqa: E402
from eval.adapter import load_prediction  # noqa: E402
from eval.documents import GoldDoc  # noqa: E402
from eval.evaluate import Run, Scores, run_ficscope, score_doc, time_passes, total  # noqa: E402
from ficscope.errors import FicscopeError  # noqa: E402

EXIT_GATE_FAILED = 1
EXIT_BAD_INPUT = 2

COLUMNS: tuple[tuple[str, str], ...] = (
    ("quote_f1", "quote F1"),
    ("quote_overlap_f1", "quote F1~"),
    ("speaker_accuracy", "spk acc"),
    ("speaker_b3_f1", "spk B3"),
    ("addressee_accuracy", "addr acc"),
    ("names_b3_f1", "names B3"),
    ("coref_conll_f1", "coref F1"),
    ("cast_b3_f1", "cast B3"),
)


# -- suites --


def parse_passes(text: str | None) -> tuple[str, ...] | None:
    """``segment,quotes,characters`` -> a tuple; each pass module under ficscope.passes is
    imported so that passes not yet in the pipeline's defaults are registered."""
    if text is None:
        return None
    names = tuple(p.strip() for p in text.split(",") if p.strip())
    for name in names:
        try:
            importlib.import_module(f"ficscope.passes.{name}")
        except ModuleNotFoundError:
            pass  # a pass registered by another module; the pipeline reports unknown names
    return names


def litbank_docs(split: str, *, view: str, books: str | None = None) -> list[GoldDoc]:
    ids = [b.strip() for b in books.split(",") if b.strip()] if books else splits.load_split(split)
    return litbank.load_books(ids, view=view)


def evaluate(
    docs: Sequence[GoldDoc],
    *,
    passes: Sequence[str] | None = None,
    predictions: Path | None = None,
    on_doc: Callable[[Run], None] | None = None,
) -> list[Run]:
    """Run ficscope over the documents, or read a prediction file per document, and score."""
    if predictions is None:
        return run_ficscope(docs, passes=passes, on_doc=on_doc)
    runs = []
    for gold in docs:
        prediction = load_prediction(predictions / f"{gold.id}.json", gold)
        run = Run(gold, prediction, score_doc(gold, prediction))
        if on_doc is not None:
            on_doc(run)
        runs.append(run)
    return runs


def suite_docs(suite: str) -> list[GoldDoc]:
    """The documents of a gated suite: ``litbank-test`` (``-train``, ``-all``), ``seeds``,
    ``ao3``, or one of ``handmade.GATED_DIRS`` (``handmade``, ``blind``, ``blind4``, ...)."""
    if suite.startswith("litbank-"):
        return litbank_docs(suite.removeprefix("litbank-"), view=litbank.DEFAULT_VIEW)
    if suite == "seeds":
        docs, _ = seeds.load_seeds()
        return docs
    if suite == "ao3":
        return ao3.load_ao3()
    if suite in handmade.GATED_DIRS:
        return handmade.load_handmade(handmade.GATED_DIRS[suite])
    raise ValueError(f"unknown suite {suite!r}")


# -- output --


def fmt(value: float | None) -> str:
    return "NA" if value is None else f"{100 * value:.1f}"


def table(runs: Sequence[Run], *, per_doc: bool = False) -> str:
    head = f"{'document':<36} {'gold':>5} {'pred':>5}" + "".join(
        f" {label:>9}" for _, label in COLUMNS
    )
    lines = [head, "-" * len(head)]

    def row(name: str, scores: Scores) -> str:
        values = scores.values()
        cells = "".join(f" {fmt(values[key]):>9}" for key, _ in COLUMNS)
        return f"{name[:36]:<36} {scores.gold_quotes:>5} {scores.pred_quotes:>5}{cells}"

    if per_doc:
        lines += [row(r.gold.id, r.scores) for r in runs]
        lines.append("-" * len(head))
    all_scores = total(r.scores for r in runs)
    lines.append(row(f"TOTAL ({len(runs)} documents)", all_scores))
    return "\n".join(lines + notes(runs, all_scores))


def notes(runs: Sequence[Run], scores: Scores) -> list[str]:
    attributed = sum(1 for r in runs for q in r.prediction.quotes if q.speaker is not None)
    mentions = sum(len(r.prediction.mentions) for r in runs)
    out = [
        "",
        "quote F1 = exact spans, F1~ = overlapping spans; speaker metrics over the "
        f"{scores.speaker_accuracy.total} gold quotes matched to a predicted quote; "
        "addr acc = addressee right, over the gold quotes that say who is spoken to "
        "(NA: the gold does not); "
        "names B3 = character clustering of proper-name mentions; coref F1 = CoNLL F1; "
        "cast B3 = clustering of the names and descriptions gold lists per character "
        "(fan-fiction gold, which has no mention layer; over the forms found: --detail gives "
        "cast_found).",
    ]
    if attributed == 0:
        out.append(
            "note: no predicted quote has a speaker (speakers pass not run?): speaker metrics are 0"
        )
    if mentions == 0:
        out.append(
            "note: no predicted mentions (characters/coref passes not run?): names and coref are 0"
        )
    if scores.mention_docs == 0:
        out.append("note: this gold has no mention layer: names and coref are NA")
    seconds = sum(r.analyze_seconds for r in runs)
    if seconds:
        words = sum(len(r.gold.text.split()) for r in runs)
        out.append(
            f"analyze_work: {seconds:.2f} s for {words} words ({words / seconds:,.0f} words/s)"
        )
    return out


def detail(scores: Scores) -> str:
    """Precision, recall and F1 of every measure behind the table."""
    lines = ["", f"{'measure':<18} {'P':>6} {'R':>6} {'F1':>6}"]
    for name, d in scores.details().items():
        if "value" in d:
            lines.append(
                f"{name:<18} {'':>6} {'':>6} {fmt(d['value']):>6}  ({d['hits']}/{d['total']})"
            )
        else:
            lines.append(f"{name:<18} {fmt(d['p']):>6} {fmt(d['r']):>6} {fmt(d['f1']):>6}")
    return "\n".join(lines)


def write_json(runs: Sequence[Run], target: str) -> None:
    all_scores = total(r.scores for r in runs)
    data = {
        "total": all_scores.values(),
        "details": all_scores.details(),
        "documents": {r.gold.id: r.scores.values() for r in runs},
    }
    text = json.dumps(data, indent=2) + "\n"
    if target == "-":
        sys.stdout.write(text)
    else:
        Path(target).write_text(text, encoding="utf-8")


def report(runs: Sequence[Run], args: argparse.Namespace, title: str) -> None:
    if args.json:
        write_json(runs, args.json)
        if args.json == "-":
            return
    print(title)
    print(table(runs, per_doc=args.per_doc))
    if args.detail:
        print(detail(total(r.scores for r in runs)))


# -- commands --


def cmd_litbank(args: argparse.Namespace) -> int:
    docs = litbank_docs(args.split, view=args.view, books=args.books)
    runs = evaluate(docs, passes=parse_passes(args.passes), predictions=args.predictions)
    report(runs, args, f"LitBank {args.books or args.split} ({args.view} text view)")
    return 0


def cmd_seeds(args: argparse.Namespace) -> int:
    gold_dir = args.gold or seeds.GOLD_DIR
    docs, missing = seeds.load_seeds(gold_dir=gold_dir)
    for path in missing:
        print(
            f"no gold for seed {path.name} in {gold_dir} (expected {path.stem}.quotes.json)",
            file=sys.stderr,
        )
    if not docs:
        print(
            f"no seed has gold yet: add <seed name>.quotes.json files to {gold_dir}",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    runs = evaluate(docs, passes=parse_passes(args.passes), predictions=args.predictions)
    report(runs, args, "Seeds")
    return 0


def cmd_ao3(args: argparse.Namespace) -> int:
    gold_dir = args.gold or ao3.GOLD_DIR
    docs = ao3.load_ao3(args.samples, gold_dir=gold_dir)
    if not docs:
        print(f"no AO3 gold in {gold_dir} (expected <work id>.quotes.json)", file=sys.stderr)
        return EXIT_BAD_INPUT
    runs = evaluate(docs, passes=parse_passes(args.passes), predictions=args.predictions)
    report(runs, args, "AO3 downloads")
    return 0


def cmd_handmade(args: argparse.Namespace) -> int:
    blind = args.gold_set == "blind"
    default = handmade.BLIND_DIR if blind else handmade.GOLD_DIR
    docs = handmade.load_handmade(args.gold or default)
    if not docs:
        print("no hand-made gold (expected texts/<name>.txt + <name>.quotes.json)", file=sys.stderr)
        return EXIT_BAD_INPUT
    runs = evaluate(docs, passes=parse_passes(args.passes), predictions=args.predictions)
    report(runs, args, "Blind hand-written fan fiction" if blind else "Hand-written fan fiction")
    return 0


def cmd_gate(args: argparse.Namespace) -> int:
    floors = gating.load_floors(args.floors)
    suites = args.suite or sorted(floors) or ["litbank-test", "seeds"]
    failed = False
    new_floors = dict(floors)
    for suite in suites:
        docs = suite_docs(suite)
        if not docs:
            print(f"{suite}: no gold documents", file=sys.stderr)
            failed = failed or suite in floors
            continue
        values = total(r.scores for r in evaluate(docs)).values()
        if args.pin:
            new_floors[suite] = gating.pin(
                values, floors.get(suite, {}), allow_lower=args.allow_lower
            )
            print(f"{suite}: " + ", ".join(f"{m} {v:.3f}" for m, v in new_floors[suite].items()))
            continue
        if suite not in floors:
            print(f"{suite}: no floors pinned (run with --pin)")
            continue
        for verdict in gating.check(suite, values, floors[suite]):
            mark = "ok  " if verdict.passed else "FAIL"
            slack = (verdict.value or 0.0) - verdict.floor
            hint = "  (above its floor: raise it with --pin)" if slack >= 0.005 else ""
            print(
                f"{mark} {suite:<14} {verdict.metric:<18} {fmt(verdict.value):>6} "
                f"floor {fmt(verdict.floor):>6}{hint}"
            )
            failed = failed or not verdict.passed
    if args.pin:
        gating.write_floors(new_floors, args.floors)
        print(f"floors written to {args.floors}")
        return 0
    return EXIT_GATE_FAILED if failed else 0


def cmd_speed(args: argparse.Namespace) -> int:
    docs = litbank_docs(args.split, view=args.view, books=args.books)
    passes = parse_passes(args.passes)
    best: dict[str, Run] = {}
    for _ in range(args.repeat):
        for run in run_ficscope(docs, passes=passes):
            old = best.get(run.gold.id)
            if old is None or run.analyze_seconds < old.analyze_seconds:
                best[run.gold.id] = run
    runs = list(best.values())
    words = sum(len(r.gold.text.split()) for r in runs)
    chars = sum(len(r.gold.text) for r in runs)
    analyze = sum(r.analyze_seconds for r in runs)
    read = sum(r.read_seconds for r in runs)
    per_book = sorted(r.analyze_seconds for r in runs)
    print(f"{len(runs)} LitBank books ({args.view} view), {words} words, {chars} characters")
    print(f"read_work:    {read:.3f} s total")
    median, slowest = per_book[len(per_book) // 2], per_book[-1]
    print(
        f"analyze_work: {analyze:.3f} s total, {words / analyze:,.0f} words/s, "
        f"median {1000 * median:.1f} ms/book, max {1000 * slowest:.1f} ms (best of {args.repeat})"
    )
    spent = time_passes(docs, passes=passes)
    print("by pass (one run): " + ", ".join(f"{name} {s:.3f} s" for name, s in spent.items()))
    return 0


def cmd_split(args: argparse.Namespace) -> int:
    split = splits.write_split(litbank.book_ids())
    sizes = f"{len(split['train'])} train, {len(split['test'])} test"
    print(f"{splits.SPLITS_PATH}: {sizes} ({splits.RULE})")
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="eval/run.py", description="ficscope's evaluation harness")
    sub = top.add_subparsers(dest="command", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--passes", help="comma-separated passes (default: the pipeline's defaults)")
        p.add_argument("--per-doc", action="store_true", help="a row per document")
        p.add_argument(
            "--detail", action="store_true", help="precision and recall of every measure"
        )
        p.add_argument("--json", metavar="FILE", help="also write the numbers as JSON (- = stdout)")
        p.add_argument(
            "--predictions",
            type=Path,
            metavar="DIR",
            help="score DIR/<doc id>.json (a ficscope Work or a prediction JSON) instead of "
            "running ficscope",
        )

    def books(p: argparse.ArgumentParser, default: str) -> None:
        p.add_argument("--split", choices=splits.SPLIT_NAMES, default=default)
        p.add_argument("--books", help="comma-separated book ids instead of a split")
        p.add_argument(
            "--view", choices=litbank.VIEWS, default=litbank.DEFAULT_VIEW, help="text view"
        )

    p = sub.add_parser("litbank", help="score on LitBank books")
    books(p, "test")
    common(p)
    p.set_defaults(func=cmd_litbank)

    p = sub.add_parser("seeds", help="score on the seeds' gold (eval/gold/seeds/)")
    p.add_argument("--gold", type=Path, help="gold directory (default eval/gold/seeds)")
    common(p)
    p.set_defaults(func=cmd_seeds)

    p = sub.add_parser("ao3", help="score on the AO3 downloads' gold (eval/gold/ao3/)")
    p.add_argument("--gold", type=Path, help="gold directory (default eval/gold/ao3)")
    p.add_argument(
        "--samples", type=Path, help="the downloads (default ../shared/samples/ao3, $FICSCOPE_AO3)"
    )
    common(p)
    p.set_defaults(func=cmd_ao3)

    p = sub.add_parser(
        "handmade", help="score on the hand-written fics' gold (eval/gold/handmade/)"
    )
    p.add_argument("--gold", type=Path, help="gold directory (default eval/gold/handmade)")
    common(p)
    p.set_defaults(func=cmd_handmade, gold_set="handmade")

    p = sub.add_parser(
        "blind", help="score on the blind hand-written fics' gold (eval/gold/blind/)"
    )
    p.add_argument("--gold", type=Path, help="gold directory (default eval/gold/blind)")
    common(p)
    p.set_defaults(func=cmd_handmade, gold_set="blind")

    p = sub.add_parser("gate", help="check every metric against its pinned floor")
    p.add_argument(
        "--suite",
        action="append",
        help=f"litbank-test, seeds, ao3, {', '.join(handmade.GATED_DIRS)} (default: those pinned)",
    )
    p.add_argument("--floors", type=Path, default=gating.FLOORS_PATH)
    p.add_argument("--pin", action="store_true", help="raise the floors to the measured values")
    p.add_argument("--allow-lower", action="store_true", help="with --pin: let floors go down too")
    p.set_defaults(func=cmd_gate)

    p = sub.add_parser("speed", help="time ficscope on LitBank texts")
    books(p, "all")
    p.add_argument("--passes")
    p.add_argument("--repeat", type=int, default=3)
    p.set_defaults(func=cmd_speed)

    p = sub.add_parser("split", help="rewrite eval/splits.json from the LitBank book ids")
    p.set_defaults(func=cmd_split)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        code: int = args.func(args)
    except FicscopeError as exc:
        print(f"eval: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return code


if __name__ == "__main__":
    sys.exit(main())
