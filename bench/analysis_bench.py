"""Benchmark: analysis through speakers (read, segment, quotes, characters, coref, speakers) on
*The Secret Garden* — BookNLP's timing text — then every default pass, and peak memory through
speakers on a ~1M-word work.

    .venv/bin/python bench/analysis_bench.py [--repeat 3] [--million]

Reports CPU seconds (one core: the pipeline is single-threaded) and words per second.
Targets (issue 3): under 2 s for The Secret Garden (>= 40k words/s); under 1 GB peak for 1M words.
The 1M-word run happens in a child process so its peak memory is its own.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ORIGINAL = ROOT.parent / "shared" / "data" / "litbank" / "original"
GARDEN = ORIGINAL / "113_the_secret_garden.txt"


THROUGH_SPEAKERS = ("segment", "quotes", "characters", "coref", "speakers")


def time_garden(repeat: int, passes: tuple[str, ...] | None = None) -> dict[str, float]:
    """Best CPU time of ``repeat`` runs reading and analysing The Secret Garden."""
    from ficscope.pipeline import DEFAULT_PASSES, analyze_path

    best = float("inf")
    words = 0
    for _ in range(repeat):
        start = time.process_time()
        work = analyze_path(GARDEN, passes=passes or DEFAULT_PASSES)
        best = min(best, time.process_time() - start)
        words = work.word_count
    return {"words": words, "cpu_seconds": round(best, 3), "words_per_second": round(words / best)}


def million(target_words: int = 1_000_000) -> dict[str, float]:
    from ficscope.pipeline import analyze_work
    from ficscope.readers.plaintext import parse_text

    parts, count = [], 0
    for path in sorted(ORIGINAL.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        parts.append(text)
        count += len(text.split())
        if count >= target_words:
            break
    start = time.process_time()
    work = analyze_work(parse_text("\n\n".join(parts)), THROUGH_SPEAKERS)
    seconds = time.process_time() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "words": work.word_count,
        "cpu_seconds": round(seconds, 2),
        "words_per_second": round(work.word_count / seconds),
        "peak_mb": round(peak_mb),
        "characters": len(work.characters),
        "quotes": len(work.quotes),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--million", action="store_true", help="(internal) run the 1M-word part")
    args = parser.parse_args()
    if args.million:
        print(json.dumps(million()))
        return
    garden = time_garden(args.repeat, THROUGH_SPEAKERS)
    print(
        f"The Secret Garden, read through speakers: {garden['words']:,} words in "
        f"{garden['cpu_seconds']} s CPU ({garden['words_per_second']:,} words/s; "
        "BookNLP small: 216 s)"
    )
    full = time_garden(args.repeat)
    print(
        f"The Secret Garden, every default pass (+ relationships, tags, proofreading): "
        f"{full['cpu_seconds']} s CPU ({full['words_per_second']:,} words/s)"
    )
    child = subprocess.run(
        [sys.executable, __file__, "--million"], capture_output=True, text=True, check=True
    )
    big = json.loads(child.stdout)
    print(
        f"1M-word work: {big['words']:,} words in {big['cpu_seconds']} s CPU "
        f"({big['words_per_second']:,} words/s), peak memory {big['peak_mb']} MB, "
        f"{big['characters']} characters, {big['quotes']} quotations"
    )


if __name__ == "__main__":
    main()
