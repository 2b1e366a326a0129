"""Build ficscope/lexicon/common_lower.txt: English words that are almost always written in lower
case, counted over the LitBank novels of the training split (../shared/data/litbank/original).

A capitalised word in a story that is on this list ("Ignoring", "Shit", "Moaning") is a sentence
start, not a name, unless the story itself shows it as a name. Recipe:
    .venv/bin/python scripts/build_lexicon.py
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ORIGINAL = ROOT.parent / "shared" / "data" / "litbank" / "original"
SPLITS = ROOT / "eval" / "splits.json"
OUT = ROOT / "src" / "ficscope" / "lexicon" / "common_lower.txt"
MIN_COUNT = 8
MIN_LOWER_SHARE = 0.85


def test_ids() -> set[str]:
    """Book ids held out for evaluation: excluded so the word list never sees them."""
    if SPLITS.exists():
        data = json.loads(SPLITS.read_text())
        return {str(x) for x in data.get("test", [])}
    books = sorted(p.name.split("_", 1)[0] for p in ORIGINAL.glob("*.txt"))
    return {b for i, b in enumerate(books) if i % 5 == 4}


def main() -> None:
    held_out = test_ids()
    counts: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    for path in sorted(ORIGINAL.glob("*.txt")):
        book = path.name.split("_", 1)[0]
        if book in held_out or path.stem in held_out:
            continue
        for word in re.findall(r"[A-Za-z][a-z]+(?:['’][a-z]+)?", path.read_text(encoding="utf-8")):
            key = word.lower()
            counts[key] += 1
            if word[0].islower():
                lower[key] += 1
    words = sorted(
        w for w, n in counts.items() if n >= MIN_COUNT and lower[w] / n >= MIN_LOWER_SHARE
    )
    header = (
        "# English words almost always written in lower case (LitBank training novels).\n"
        f"# Built by scripts/build_lexicon.py: count >= {MIN_COUNT}, "
        f"lower-case share >= {MIN_LOWER_SHARE}.\n"
    )
    OUT.write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} words -> {OUT}")


if __name__ == "__main__":
    main()
