"""Library benchmark: import speed and search latency on a library of LitBank chapters-as-works.

    .venv/bin/python bench/library_bench.py                 # 10,000 works, all cores
    .venv/bin/python bench/library_bench.py --works 1000 --jobs 1 --save

Builds the corpus by splitting the LitBank novels (../shared/data/litbank/original/) into chapters,
and chapters into parts until there are ``--works`` of them. Each work is a plain-text file with an
AO3-style header (fandom = the novel; rating, warnings and category drawn from a seeded random
generator, so facet filters have realistic selectivity). Then:

* import: ``ficscope library add`` over all the files (analysis with every default pass, batched
  SQLite writes), reported as works per second; the target is >= 20 works/s;
* search: a fixed, seeded mix of queries (common and rare words, phrases, prefixes, facet
  inclusions and exclusions, word ranges, paging), each timed through the library's search() and
  through the web app's JSON endpoint in-process; reported as p50/p95/max; the target is
  p95 < 50 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
LITBANK = ROOT.parent / "shared" / "data" / "litbank" / "original"
RATINGS = ["General Audiences", "Teen And Up Audiences", "Mature", "Explicit", "Not Rated"]
WARNINGS = [
    "No Archive Warnings Apply",
    "Creator Chose Not To Use Archive Warnings",
    "Graphic Depictions Of Violence",
    "Major Character Death",
]
CATEGORIES = ["Gen", "F/M", "M/M", "F/F", "Multi", "Other"]
TARGET_RATE = 20.0
TARGET_P95_MS = 50.0


def novel_title(path: Path) -> str:
    words = path.stem.split("_")[1:]
    return " ".join(w.capitalize() for w in words)


def build_corpus(folder: Path, works: int, seed: int = 7) -> list[Path]:
    """Split the novels into about ``works`` text files under ``folder``."""
    from ficscope.model import BlockRole
    from ficscope.readers import read_work

    rng = random.Random(seed)
    novels = sorted(LITBANK.glob("*.txt"))
    if not novels:
        sys.exit(f"no LitBank novels in {LITBANK}")
    chapters: list[tuple[str, int, list[str]]] = []
    for path in novels:
        work = read_work(path)
        for chapter in work.chapters:
            paras = [
                work.span_text(b)
                for b in work.blocks
                if chapter.start <= b.start < chapter.end and b.role is BlockRole.PARAGRAPH
            ]
            if paras:
                chapters.append((novel_title(path), chapter.index + 1, paras))
    total_words = sum(len(" ".join(p).split()) for _, _, p in chapters)
    per_work = max(
        150, total_words // works
    )  # split long chapters into parts of about this many words
    files: list[Path] = []
    for title, number, paras in chapters:
        part, size, parts = [], 0, []
        for para in paras:
            part.append(para)
            size += len(para.split())
            if size >= per_work:
                parts.append(part)
                part, size = [], 0
        if part:
            parts.append(part)
        for k, body in enumerate(parts, 1):
            if len(files) >= works:
                return files
            warnings = rng.choices(WARNINGS, weights=[6, 2, 2, 1], k=rng.randint(1, 2))
            header = "\n".join(
                (
                    f"Title: {title}, chapter {number}" + (f", part {k}" if len(parts) > 1 else ""),
                    "Author: LitBank",
                    f"Fandom: {title}",
                    f"Rating: {rng.choices(RATINGS, weights=[5, 4, 3, 1, 1])[0]}",
                    "Archive Warning: " + ", ".join(sorted(set(warnings))),
                    f"Category: {rng.choice(CATEGORIES)}",
                )
            )
            path = folder / f"{len(files):05d}.txt"
            path.write_text(
                header + f"\n\nChapter {number}\n\n" + "\n\n".join(body) + "\n", encoding="utf-8"
            )
            files.append(path)
    return files


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))]


def query_mix(library: Any, n: int, seed: int = 11) -> list[dict[str, list[str]]]:
    """A seeded mix of realistic queries drawn from the library's own words and facet values."""
    rng = random.Random(seed)
    conn = library.connection()
    sample = " ".join(
        r[0] for r in conn.execute("SELECT opening FROM works ORDER BY random() LIMIT 300")
    )
    words = [w for w in re.findall(r"[A-Za-z]{4,}", sample)]
    common = ["said", "would", "little", "time", "upon", "house", "night", "great", "face", "hand"]
    fandoms = [r[0] for r in conn.execute("SELECT DISTINCT value FROM tags WHERE facet = 'fandom'")]
    queries: list[dict[str, list[str]]] = []
    for i in range(n):
        kind = i % 10
        q: dict[str, list[str]] = {}
        if kind == 0:
            q["q"] = [rng.choice(common)]
        elif kind == 1:
            q["q"] = [rng.choice(words)]
        elif kind == 2:
            q["q"] = [f"{rng.choice(words)} {rng.choice(common)}"]
        elif kind == 3:
            start = rng.randrange(max(1, len(words) - 2))
            q["q"] = [f'"{words[start]} {words[start + 1]}"']
        elif kind == 4:
            q["q"] = [rng.choice(words)[:4] + "*"]
        elif kind == 5:
            q["fandom"] = [rng.choice(fandoms)]
            q["not_warning"] = ["Major Character Death"]
        elif kind == 6:
            q["q"] = [rng.choice(common)]
            q["not_warning"] = ["Major Character Death"]
            q["rating"] = [rng.choice(RATINGS)]
        elif kind == 7:
            q["words_min"] = ["1000"]
            q["words_max"] = ["5000"]
            q["category"] = [rng.choice(CATEGORIES)]
        elif kind == 8:
            q["not_rating"] = ["Explicit"]
            q["sort"] = ["words"]
            q["page"] = [str(rng.randint(1, 20))]
        else:
            q["q"] = [f"{rng.choice(common)} -{rng.choice(common)}"]
            q["not_category"] = [rng.choice(CATEGORIES)]
        queries.append(q)
    return queries


def time_searches(library: Any, queries: list[dict[str, list[str]]]) -> dict[str, Any]:
    from urllib.parse import urlencode

    from starlette.testclient import TestClient

    from ficscope.library import SearchQuery, search
    from ficscope.library.web import create_app

    direct, http = [], []
    for params in queries[:20]:  # warm the page cache once, as a running server would be
        search(library, SearchQuery.from_params(params))
    cpu = []  # CPU time: what a query costs when the machine is not shared with other work
    for params in queries:
        t, c = time.perf_counter(), time.process_time()
        search(library, SearchQuery.from_params(params))
        direct.append(1000 * (time.perf_counter() - t))
        cpu.append(1000 * (time.process_time() - c))
    with TestClient(create_app(library), base_url="http://127.0.0.1") as client:
        for params in queries:
            url = "/search.json?" + urlencode([(k, v) for k, vs in params.items() for v in vs])
            t = time.perf_counter()
            response = client.get(url)
            http.append(1000 * (time.perf_counter() - t))
            assert response.status_code == 200, (url, response.text[:200])

    def summary(ms: list[float]) -> dict[str, float]:
        return {
            "p50_ms": round(statistics.median(ms), 2),
            "p95_ms": round(percentile(ms, 95), 2),
            "max_ms": round(max(ms), 2),
        }

    return {
        "queries": len(queries),
        "search": summary(direct),
        "search_cpu": summary(cpu),
        "http_json": summary(http),
        "load_average": round(os.getloadavg()[0], 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--works", type=int, default=10_000)
    parser.add_argument(
        "--jobs", type=int, default=os.cpu_count() or 1, help="analysis worker processes"
    )
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument(
        "--import-only",
        type=int,
        metavar="N",
        help="import only the first N works (a quick estimate)",
    )
    parser.add_argument(
        "--search-only", action="store_true", help="time searches on the library already in --dir"
    )
    parser.add_argument(
        "--dir", type=Path, help="keep the corpus and library here (default: a temporary folder)"
    )
    parser.add_argument(
        "--save", action="store_true", help="write bench/results/library_bench.json"
    )
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT / "src"))
    from ficscope.library import Library, import_paths

    with tempfile.TemporaryDirectory(prefix="ficscope-bench-") as tmp:
        base = args.dir or Path(tmp)
        corpus = base / "corpus"
        corpus.mkdir(parents=True, exist_ok=True)
        t = time.perf_counter()
        files = sorted(corpus.glob("*.txt")) or build_corpus(corpus, args.works)
        print(f"corpus: {len(files)} works in {corpus} ({time.perf_counter() - t:.1f}s to build)")
        if args.import_only:
            files = files[: args.import_only]
        db = base / "library.db"
        if args.search_only:
            library = Library(db, create=False)
            timings = time_searches(library, query_mix(library, args.queries))
            print(json.dumps(timings, indent=2))
            if args.save:  # keep the import figures of the run that built this library
                out = ROOT / "bench" / "results" / "library_bench.json"
                saved = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {}
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_text(json.dumps({**saved, **timings}, indent=2) + "\n", encoding="utf-8")
            return
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        library = Library(db)
        report = import_paths(
            library,
            files,
            jobs=args.jobs,
            progress=lambda r: print(
                f"  {r.done:>6} stored  {r.rate:6.1f} works/s", end="\r", flush=True
            ),
        )
        print()
        print(
            f"import: {report.done} works in {report.seconds:.1f}s = {report.rate:.1f} works/s "
            f"with {args.jobs} job(s), {len(report.failed)} failed (target >= {TARGET_RATE:.0f})"
        )
        for _path, message in report.failed[:5]:
            print(f"  failed: {message}")
        size = sum(
            Path(f"{db}{s}").stat().st_size for s in ("", "-wal") if Path(f"{db}{s}").exists()
        )
        print(f"library: {size / 1e6:.0f} MB")
        timings = time_searches(library, query_mix(library, args.queries))
        s, h = timings["search"], timings["http_json"]
        print(
            f"search: {timings['queries']} queries: p50 {s['p50_ms']} ms, p95 {s['p95_ms']} ms,"
            f" max {s['max_ms']} ms "
            f"(target p95 < {TARGET_P95_MS:.0f})"
        )
        c = timings["search_cpu"]
        print(
            f"  CPU time per search: p50 {c['p50_ms']} ms, p95 {c['p95_ms']} ms"
            f" (load average {timings['load_average']} on {os.cpu_count()} cores)"
        )
        print(
            f"  via HTTP JSON in-process: p50 {h['p50_ms']} ms, p95 {h['p95_ms']} ms,"
            f" max {h['max_ms']} ms"
        )
        result = {
            "works": report.done,
            "failed": len(report.failed),
            "jobs": args.jobs,
            "import_seconds": round(report.seconds, 1),
            "import_works_per_second": round(report.rate, 1),
            "library_mb": round(size / 1e6, 1),
            **timings,
        }
        if args.save:
            out = ROOT / "bench" / "results" / "library_bench.json"
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
            print(f"saved {out}")


if __name__ == "__main__":
    main()
