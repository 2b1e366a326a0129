"""Batch throughput and memory: LitBank's 100 novels and a generated corpus of 10,000 works,
each run on a local cluster of 1 and of 2 workers; then one 2-million-word work. Prints a table
and the per-core rates the cost projection in docs/batch.md is built from.

    .venv/bin/python bench/batch_bench.py                  # everything (about half an hour here)
    .venv/bin/python bench/batch_bench.py --works 1000 --skip-litbank --json out.json

The generated works are runs of paragraphs taken from the LitBank novels (so their dialogue and
names are real prose), under an AO3-style header, with lengths drawn from a log-normal
distribution (median about 1,000 words), from a fixed seed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from ficscope.batch import run_batch

ROOT = Path(__file__).resolve().parent.parent
LITBANK = ROOT.parent / "shared" / "data" / "litbank" / "original"
FANDOMS = ("Lanterns Saga", "The Tidewatch", "Harbour Lights", "Old Mill Stories")
RATINGS = ("General Audiences", "Teen And Up Audiences", "Mature", "Explicit", None)


def _paragraphs(folder: Path) -> list[list[str]]:
    novels = []
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        paras = [" ".join(p.split()) for p in text.split("\n\n") if len(p.split()) > 3]
        novels.append(paras)
    return novels


def _novels(count: int) -> list[str]:
    """``count`` LitBank novels, every k-th by size, so a sample keeps the spread of lengths."""
    novels = sorted(LITBANK.glob("*.txt"), key=lambda p: p.stat().st_size)
    step = max(1, len(novels) // max(1, count))
    return [str(p) for p in novels[::step][:count]]


def generate_corpus(folder: Path, works: int, *, seed: int = 15) -> int:
    """Write ``works`` plain-text works into ``folder``; return their total word count."""
    rng = random.Random(seed)
    novels = _paragraphs(LITBANK)
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for i in range(works):
        target = int(min(30_000, max(150, rng.lognormvariate(6.9, 0.9))))  # median ~1,000
        novel = rng.choice(novels)
        at = rng.randrange(0, max(1, len(novel) - 50))
        body, words = [], 0
        while words < target and at < len(novel):
            body.append(novel[at])
            words += len(novel[at].split())
            at += 1
        header = [
            f"Title: Generated work {i}",
            f"Author: writer{rng.randrange(2000)}",
            f"Fandom: {rng.choice(FANDOMS)}",
        ]
        rating = rng.choice(RATINGS)
        header.append(f"Rating: {rating}" if rating else "Rating:")
        text = "\n".join(header) + "\n\n\n" + "\n\n".join(body) + "\n"
        (folder / f"work_{i:05d}.txt").write_text(text, encoding="utf-8")
        total += words
    return total


def measure(name: str, inputs: list[str], workers: int, scratch: Path) -> dict[str, Any]:
    out = scratch / f"out-{name}-{workers}"
    shutil.rmtree(out, ignore_errors=True)
    started = time.monotonic()
    client_cpu = time.process_time()
    report = run_batch(inputs, out, workers=workers)
    wall = time.monotonic() - started
    client_cpu = (
        time.process_time() - client_cpu
    )  # the client and, on a local cluster, the scheduler
    done = report.analysed + report.failed
    row = {
        "corpus": name,
        "workers": workers,
        "works": done,
        "failed": report.failed,
        "words": report.words,
        "wall_s": round(wall, 1),
        "startup_s": round(report.startup, 1),
        "analysis_s": round(report.elapsed, 1),
        "works_per_s": round(done / report.elapsed, 2),
        "words_per_s": round(report.words / report.elapsed),
        "peak_rss_mib": sorted(round(v / 2**20) for v in report.worker_peak_rss.values()),
        # CPU seconds of the workers: per-core rates that other programs on the machine do not
        # distort (wall-clock rates do, on a shared machine).
        "worker_cpu_s": round(sum(report.worker_cpu.values()), 1),
        "works_per_cpu_s": round(done / max(1e-9, sum(report.worker_cpu.values())), 2),
        "words_per_cpu_s": round(report.words / max(1e-9, sum(report.worker_cpu.values()))),
        "client_cpu_s": round(client_cpu, 1),
        "load_avg_1m": round(os.getloadavg()[0], 1),
    }
    print(json.dumps(row), flush=True)
    shutil.rmtree(out, ignore_errors=True)
    return row


def big_work(scratch: Path, words: int = 2_000_000) -> dict[str, Any]:
    """One work of ``words`` words (LitBank novels end to end), on one worker."""
    parts, count = [], 0
    for novel in _paragraphs(LITBANK):
        for para in novel:
            parts.append(para)
            count += len(para.split())
            if count >= words:
                break
        if count >= words:
            break
    path = scratch / "two_million_words.txt"
    path.write_text("\n\n".join(parts), encoding="utf-8")
    row = measure("one 2M-word work", [str(path)], 1, scratch)
    path.unlink()
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--works", type=int, default=10_000, help="size of the generated corpus")
    parser.add_argument(
        "--novels", type=int, default=100, help="LitBank novels to run, spread over their sizes"
    )
    parser.add_argument(
        "--workers", type=int, nargs="+", default=[1, 2], help="cluster sizes to measure"
    )
    parser.add_argument("--skip-litbank", action="store_true")
    parser.add_argument("--skip-generated", action="store_true")
    parser.add_argument("--skip-big", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()

    rows = []
    with tempfile.TemporaryDirectory(prefix="ficscope-bench-") as tmp:
        scratch = Path(tmp)
        if not args.skip_litbank:
            novels = _novels(args.novels)
            name = "litbank" if args.novels >= 100 else f"litbank-{len(novels)}"
            for workers in args.workers:
                rows.append(measure(name, novels, workers, scratch))
        if not args.skip_generated:
            corpus = scratch / "generated"
            words = generate_corpus(corpus, args.works)
            print(f"generated {args.works} works, {words:,} words", flush=True)
            for workers in args.workers:
                rows.append(measure(f"generated-{args.works}", [str(corpus)], workers, scratch))
        if not args.skip_big:
            rows.append(big_work(scratch))

    print()
    print(
        f"{'corpus':<22}{'workers':>8}{'works':>8}{'works/s':>10}{'words/s':>10}"
        f"{'speed-up':>10}{'words/cpu-s':>12}{'load':>6}  peak RSS per worker (MiB)"
    )
    one: dict[str, float] = {}
    for row in rows:
        if row["workers"] == 1:
            one[row["corpus"]] = row["works_per_s"]
        base = one.get(row["corpus"])
        speedup = f"{row['works_per_s'] / base:.2f}x" if base and row["workers"] > 1 else ""
        print(
            f"{row['corpus']:<22}{row['workers']:>8}{row['works']:>8}{row['works_per_s']:>10}"
            f"{row['words_per_s']:>10}{speedup:>10}{row['words_per_cpu_s']:>12}"
            f"{row['load_avg_1m']:>6}  {row['peak_rss_mib']}"
        )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":  # the workers are spawned processes that re-import this module
    main()
