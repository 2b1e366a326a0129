"""Score the suggested archive tags against hand-made gold (eval/tags/gold/*.json), per tag type.

Run from the repository root::

    python -m eval.tags.score            # precision and recall per tag type, and per document
    python -m eval.tags.score --json
    python -m eval.tags.score --held-out  # the texts written after the rules were frozen

Gold format: per tag type a list of ``required`` tags (the recall counts them) and of ``optional``
ones (right but not expected: a suggestion matching one counts neither for nor against). A
required entry may be a list of equally right forms, found when any one is suggested (a fandom
the archive tags both as "The Witcher (TV)" and as its all-media umbrella)::

    {"file": "seeds/000_bc7b31d521a80148.txt", "notes": "...",
     "rating": {"required": ["Teen And Up Audiences"], "optional": []},
     "relationship": {"required": ["Hatake Kakashi/Haruno Sakura"], "optional": [...]}, ...}

Matching: characters by name ("Sakura" ~ "Haruno Sakura"), relationships by both members and
the kind of tag ("/" or "&"), everything else by the tag folded (case and punctuation ignored).
Every suggestion the tags pass makes is scored, at any confidence.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
GOLD = Path(__file__).resolve().parent / "gold"
HELD_OUT = Path(__file__).resolve().parent / "held_out" / "gold"
TYPES = ("fandom", "rating", "warning", "category", "relationship", "character", "freeform")


def _matcher(tag_type: str) -> Callable[[str, str], bool]:
    from ficscope.passes.tags_declared import same_name, same_relationship, same_tag

    if tag_type == "character":
        return same_name
    if tag_type == "relationship":
        return same_relationship
    return same_tag


def score_doc(predicted: dict[str, list[str]], gold: dict[str, Any]) -> dict[str, dict[str, int]]:
    """Counts per type: tp (suggestions matching gold), fp, required, found (required matched)."""
    counts: dict[str, dict[str, int]] = {}
    for tag_type in TYPES:
        same = _matcher(tag_type)
        required: Sequence[str | list[str]] = gold.get(tag_type, {}).get("required", [])
        optional: Sequence[str] = gold.get(tag_type, {}).get("optional", [])
        forms = [[g] if isinstance(g, str) else g for g in required]
        tp = fp = 0
        for tag in predicted.get(tag_type, []):
            if any(same(tag, g) for f in forms for g in f):
                tp += 1
            elif not any(same(tag, g) for g in optional):
                fp += 1
        suggested = predicted.get(tag_type, [])
        found = sum(1 for f in forms if any(same(t, g) for t in suggested for g in f))
        counts[tag_type] = {"tp": tp, "fp": fp, "required": len(required), "found": found}
    return counts


def predict(name: str) -> dict[str, list[str]]:
    from ficscope.pipeline import analyze_work
    from ficscope.readers import read_work

    source = SHARED / name if (SHARED / name).exists() else ROOT / name
    work = analyze_work(read_work(source))
    predicted: dict[str, list[str]] = defaultdict(list)
    for suggestion in work.tags:
        predicted[suggestion.type.value].append(suggestion.tag)
    return predicted


def evaluate(gold_dir: Path = GOLD) -> dict[str, Any]:
    per_doc: dict[str, Any] = {}
    totals = {t: {"tp": 0, "fp": 0, "required": 0, "found": 0} for t in TYPES}
    for path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        predicted = predict(gold["file"])
        counts = score_doc(predicted, gold)
        per_doc[path.stem] = {"counts": counts, "predicted": dict(predicted)}
        for tag_type, c in counts.items():
            for key in c:
                totals[tag_type][key] += c[key]
    metrics = {t: _metrics(c) for t, c in totals.items()}
    everything = {k: sum(c[k] for c in totals.values()) for k in ("tp", "fp", "required", "found")}
    metrics["all"] = _metrics(everything)
    return {"metrics": metrics, "documents": per_doc}


def _metrics(c: dict[str, int]) -> dict[str, Any]:
    predicted = c["tp"] + c["fp"]
    return {
        "precision": round(c["tp"] / predicted, 3) if predicted else None,
        "recall": round(c["found"] / c["required"], 3) if c["required"] else None,
        **c,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    parser.add_argument(
        "--held-out",
        action="store_true",
        help="score the texts written after the rules were frozen",
    )
    args = parser.parse_args(argv)
    result = evaluate(HELD_OUT if args.held_out else GOLD)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"{'type':<13} {'P':>6} {'R':>6}   suggested  right  gold  found")
    for tag_type, m in result["metrics"].items():
        print(
            f"{tag_type:<13} {_pct(m['precision'])} {_pct(m['recall'])}   {m['tp'] + m['fp']:>9} "
            f"{m['tp']:>6} {m['required']:>5} {m['found']:>6}"
        )
    print()
    for name, doc in result["documents"].items():
        misses = {
            t: f"{c['found']}/{c['required']}"
            for t, c in doc["counts"].items()
            if c["found"] < c["required"]
        }
        extras = {t: c["fp"] for t, c in doc["counts"].items() if c["fp"]}
        print(f"{name:<20} missed {misses or '-'}  wrong {extras or '-'}")
    return 0


def _pct(value: float | None) -> str:
    return f"{value * 100:5.1f}%" if value is not None else "    NA"


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
