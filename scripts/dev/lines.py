"""Every quotation of one hand-made gold story with its gold and predicted speaker (a
development aid, not a score; a predicted character is matched to a gold one as the evaluation
does, by ``eval.charmap.map_characters``, so the marks agree with ``eval/run.py``)::

    PYTHONPATH=src python scripts/dev/lines.py eval/gold/blind20 hornblower_chase [--wrong]
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from eval.adapter import from_work
from eval.charmap import map_characters
from eval.handmade import load_handmade
from ficscope.pipeline import analyze_path


def main(argv: list[str]) -> int:
    gold_dir, name = Path(argv[0]), argv[1]
    wrong_only = "--wrong" in argv
    gold = json.loads((gold_dir / f"{name}.quotes.json").read_text())["quotes"]
    work = analyze_path(gold_dir / "texts" / f"{name}.txt")
    names = {c.id: c.name for c in work.characters}
    predicted = {(q.start, q.end): q for q in work.quotes}
    doc = next(d for d in load_handmade(gold_dir) if d.id == name)
    said_by = Counter(q.speaker for q in doc.quotes if q.speaker)
    to_gold = map_characters(list(from_work(work).characters), doc.characters, quote_counts=said_by)

    def right(label: str | None, pid: str | None) -> bool:
        if label is None or pid is None:
            return label is None and pid is None
        return to_gold.get(pid) == label  # a gold character's id is its speaker label

    for g in gold:
        if g["depth"]:
            continue
        q = predicted.get((g["start"], g["end"]))
        pid = q.speaker if q else None
        ok = right(g["speaker"], pid)
        if wrong_only and ok:
            continue
        before = work.text[max(0, g["start"] - 80) : g["start"]].replace("\n", " / ")
        said = names.get(pid, pid) if pid else None
        print(
            f"{'  ' if ok else 'XX'} gold={g['speaker']!s:12} pred={said!s:22} "
            f"{g['text'][:70]!r}  <<{before[-70:]}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
