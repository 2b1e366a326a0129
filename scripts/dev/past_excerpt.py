"""Unseen prose: ficscope on the text that follows a LitBank *train* book's annotated excerpt (a
development aid, no gold, no score)::

    PYTHONPATH=src:. python scripts/dev/past_excerpt.py [WORDS] [--chars N] [--show]

The train excerpts have been read line by line for many rounds; the next N characters (15,000 by
default, from the first paragraph break after the excerpt) are prose of the same books nobody
fitted a rule to. For each train book whose id contains one of the comma-separated WORDS (all
when none), prints the cast with each character's line count and aliases, so that one person
under two ids ("Miss Gostrey" and "Maria Gostrey", "my sister" and "Mrs. Joe Gargery") shows at
a glance; ``--show`` prints the text instead, each quotation marked ``[[speaker]]``. Only train
books are read: LitBank test is read as totals only.
"""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from pathlib import Path

from eval import litbank, splits
from ficscope import pipeline
from ficscope.model import Work
from ficscope.readers import read_work


def unseen(book: str, chars: int) -> str:
    """The ``chars`` characters after the book's excerpt, from a paragraph's start to one's end."""
    gold = litbank.load_book(book)
    original = (litbank.default_root() / "original" / f"{book}.txt").read_text(encoding="utf-8")
    tail = gold.text[-200:]
    at = original.find(tail)
    if at < 0:
        return ""
    start = original.find("\n\n", at + len(tail))
    if start < 0:
        return ""
    chunk = original[start + 2 : start + 2 + chars]
    return chunk[: chunk.rfind("\n\n")] if "\n\n" in chunk else chunk


def analyse(text: str, folder: Path, book: str) -> Work:
    path = folder / f"{book}.txt"
    path.write_text(text, encoding="utf-8")
    return pipeline.analyze_work(read_work(path), pipeline.DEFAULT_PASSES)


def cast(work: Work) -> list[str]:
    said = Counter(q.speaker for q in work.quotes if q.depth == 0 and q.speaker)
    return [
        f"  {said[c.id]:3d} {c.id:32s} {c.name!r} {list(c.aliases)[:6]}"
        for c in work.characters
        if said[c.id]
    ]


def marked(work: Work) -> str:
    names = {c.id: c.name for c in work.characters}
    out: list[str] = []
    pos = 0
    for q in sorted((q for q in work.quotes if q.depth == 0), key=lambda q: q.start):
        who = names.get(q.speaker or "", q.speaker or "?")
        out += [work.text[pos : q.start], f"[[{who}]]", work.text[q.start : q.end]]
        pos = q.end
    out.append(work.text[pos:])
    return "".join(out)


def main(argv: list[str]) -> int:
    chars = int(argv[argv.index("--chars") + 1]) if "--chars" in argv else 15000
    words = [a for a in argv if not a.startswith("--") and not a.isdigit()]
    wanted = [w for arg in words for w in arg.split(",") if w]
    train = splits.load_split("train")  # never a test book: LitBank test is read as totals only
    books = [b for b in train if not wanted or any(w in b for w in wanted)]
    with tempfile.TemporaryDirectory(prefix="ficscope-unseen-") as tmp:
        for book in books:
            work = analyse(unseen(book, chars), Path(tmp), book)
            lines = [marked(work)] if "--show" in argv else cast(work)
            sys.stdout.write("\n".join([f"== {book}", *lines]) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
