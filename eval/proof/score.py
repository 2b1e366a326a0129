"""Score the proofreader against hand-annotated errors (eval/proof/gold/*.json).

Run from the repository root::

    python -m eval.proof.score            # table per file and in total
    python -m eval.proof.score --json     # the numbers as JSON

Gold format (offsets into the file decoded as UTF-8 without newline translation)::

    {"file": "seeds/000_bc7b31d521a80148.txt",      # relative to ../shared, or to the repo
     "errors": [{"start": 1234, "end": 1242, "text": "konoichi", "kind": "fandom_term",
                 "suggestion": "kunoichi", "scope": "in", "optional": false, "note": ""}]}

``scope`` is "in" for the kinds the proofreader looks for (spelling, fandom_term, confusable,
split_word, quotation) and "out" for grammar and punctuation slips it does not try to catch.
``optional`` marks doubtful entries: a flag on one counts neither for nor against.

Metrics: a flag is right when it overlaps a gold error (of any scope); precision is over flags
that do not fall only on optional entries. Recall counts the required errors overlapped by some
flag, over the in-scope ones (the target) and over all. Suggestion accuracy: of the in-scope
errors found that have a gold suggestion, how many got exactly that suggestion (case-insensitive).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
GOLD = Path(__file__).resolve().parent / "gold"
FLOORS = Path(__file__).resolve().parent / "floors.json"


@dataclass(frozen=True, slots=True)
class GoldError:
    start: int
    end: int
    text: str
    kind: str
    scope: str
    optional: bool
    suggestion: str | None = None


@dataclass
class Tally:
    flags: int = 0
    right: int = 0
    required_in: int = 0
    found_in: int = 0
    required_all: int = 0
    found_all: int = 0
    suggested: int = 0
    suggested_right: int = 0
    by_kind: Counter[str] = field(default_factory=Counter)  # "kind:found" / "kind:total"
    flag_kinds: Counter[str] = field(default_factory=Counter)  # "kind:right" / "kind:flags"

    def add(self, other: Tally) -> None:
        for name in (
            "flags",
            "right",
            "required_in",
            "found_in",
            "required_all",
            "found_all",
            "suggested",
            "suggested_right",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.by_kind.update(other.by_kind)
        self.flag_kinds.update(other.flag_kinds)

    def metrics(self) -> dict[str, Any]:
        def ratio(a: int, b: int) -> float | None:
            return round(a / b, 3) if b else None

        kinds = sorted(
            {k.split(":")[0] for k in self.by_kind} | {k.split(":")[0] for k in self.flag_kinds}
        )
        return {
            "flags": self.flags,
            "precision": ratio(self.right, self.flags),
            "recall_in_scope": ratio(self.found_in, self.required_in),
            "recall_all": ratio(self.found_all, self.required_all),
            "suggestion_accuracy": ratio(self.suggested_right, self.suggested),
            "errors_in_scope": self.required_in,
            "errors_all": self.required_all,
            "by_kind": {
                k: {
                    "gold": self.by_kind[f"{k}:total"],
                    "found": self.by_kind[f"{k}:found"],
                    "flags": self.flag_kinds[f"{k}:flags"],
                    "right": self.flag_kinds[f"{k}:right"],
                }
                for k in kinds
            },
        }


def read_text(name: str) -> str:
    for base in (SHARED, ROOT):
        path = base / name
        if path.exists():
            with path.open(encoding="utf-8", newline="") as fh:
                return fh.read()
    raise FileNotFoundError(name)


def load_gold(path: Path) -> tuple[str, str, list[GoldError]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    text = read_text(data["file"])
    errors = []
    for raw in data["errors"]:
        error = GoldError(
            raw["start"],
            raw["end"],
            raw["text"],
            raw["kind"],
            raw["scope"],
            bool(raw.get("optional")),
            raw.get("suggestion"),
        )
        if text[error.start : error.end] != error.text:
            raise ValueError(
                f"{path.name}: gold {error.text!r} does not match the text at {error.start}"
            )
        errors.append(error)
    return data["file"], text, errors


def score(flags: list[Any], errors: list[GoldError]) -> Tally:
    """``flags``: objects with start, end, kind, suggestion (ProofFlag)."""
    tally = Tally()
    for flag in flags:
        hits = [e for e in errors if flag.start < e.end and e.start < flag.end]
        if hits and all(e.optional for e in hits):
            continue
        tally.flags += 1
        tally.flag_kinds[f"{flag.kind}:flags"] += 1
        if hits:
            tally.right += 1
            tally.flag_kinds[f"{flag.kind}:right"] += 1
    for error in errors:
        if error.optional:
            continue
        found = [f for f in flags if f.start < error.end and error.start < f.end]
        tally.required_all += 1
        tally.found_all += bool(found)
        if error.scope == "in":
            tally.required_in += 1
            tally.found_in += bool(found)
            tally.by_kind[f"{error.kind}:total"] += 1
            tally.by_kind[f"{error.kind}:found"] += bool(found)
            if found and error.suggestion:
                tally.suggested += 1
                said = {(f.suggestion or "").casefold() for f in found}
                tally.suggested_right += error.suggestion.casefold() in said
    return tally


def evaluate(gold_dir: Path = GOLD) -> dict[str, Any]:
    from ficscope.pipeline import analyze_work
    from ficscope.readers import read_work

    results: dict[str, Any] = {}
    total = Tally()
    for path in sorted(gold_dir.glob("*.json")):
        name, text, errors = load_gold(path)
        source = SHARED / name if (SHARED / name).exists() else ROOT / name
        work = analyze_work(read_work(source))
        if work.text != text:
            raise ValueError(
                f"{name}: the reader's text is not the file's text; offsets would not match"
            )
        tally = score(list(work.proofreading), errors)
        results[path.stem] = tally.metrics()
        total.add(tally)
    results["total"] = total.metrics()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    args = parser.parse_args(argv)
    results = evaluate()
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(f"{'file':<12} {'flags':>5} {'P':>6} {'R(in)':>6} {'R(all)':>6} {'sugg':>6}")
    for name, m in results.items():
        print(
            f"{name:<12} {m['flags']:>5} {_pct(m['precision'])} {_pct(m['recall_in_scope'])} "
            f"{_pct(m['recall_all'])} {_pct(m['suggestion_accuracy'])}"
        )
    print("\nby kind (in-scope gold found / gold; flags right / flags):")
    for kind, k in results["total"]["by_kind"].items():
        print(f"  {kind:<12} found {k['found']}/{k['gold']}   right {k['right']}/{k['flags']}")
    return 0


def _pct(value: float | None) -> str:
    return f"{value * 100:5.1f}%" if value is not None else "    NA"


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
