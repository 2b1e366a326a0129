"""Search: full text (FTS5) with AO3-like facet filters, inclusion and exclusion.

A :class:`SearchQuery` is built from URL parameters::

    q=storm -sea "paper lights"     words AND, -word excludes, "quoted phrase", prefix*
    fandom=Naruto                   include (repeatable: every one must match)
    not_warning=Major Character Death   exclude (repeatable: none may match)
    words_min=1000&words_max=5000   word-count range
    sort=relevance|recent|words|title   page=2

User text never reaches FTS5 as syntax: each term is quoted, so ``AND(`` or an unbalanced quote
is searched for, not parsed.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from ficscope.library.records import FACETS, facet_key
from ficscope.library.store import Library, work_row

PER_PAGE = 20
FACET_VALUES_SHOWN = 12
SORTS = ("relevance", "recent", "words", "title")
WORD_BUCKETS: tuple[tuple[str, int, int | None], ...] = (
    ("under 1,000", 0, 1000),
    ("1,000–5,000", 1000, 5000),
    ("5,000–10,000", 5000, 10000),
    ("10,000–50,000", 10000, 50000),
    ("50,000+", 50000, None),
)
_HIT_OPEN, _HIT_CLOSE = "\x02", "\x03"


class QueryError(ValueError):
    """A parameter that cannot be understood (a bad number, an unknown sort)."""


@dataclass(frozen=True, slots=True)
class SearchQuery:
    text: str = ""
    include: tuple[tuple[str, str], ...] = ()
    exclude: tuple[tuple[str, str], ...] = ()
    words_min: int | None = None
    words_max: int | None = None
    sort: str = "relevance"
    page: int = 1
    per_page: int = PER_PAGE

    @classmethod
    def from_params(cls, params: Mapping[str, Sequence[str]]) -> SearchQuery:
        """From URL parameters (each name mapped to all its values)."""

        def one(name: str) -> str:
            values = params.get(name) or [""]
            return values[-1].strip()

        include: list[tuple[str, str]] = []
        exclude: list[tuple[str, str]] = []
        for facet in FACETS:
            include.extend((facet, v.strip()) for v in params.get(facet, ()) if v.strip())
            exclude.extend((facet, v.strip()) for v in params.get(f"not_{facet}", ()) if v.strip())
        sort = one("sort") or "relevance"
        if sort not in SORTS:
            raise QueryError(f"unknown sort {sort!r} (use one of: {', '.join(SORTS)})")
        return cls(
            text=one("q")[:500],
            include=tuple(dict.fromkeys(include)),
            exclude=tuple(dict.fromkeys(exclude)),
            words_min=_int(one("words_min"), "words_min"),
            words_max=_int(one("words_max"), "words_max"),
            sort=sort,
            page=max(1, _int(one("page"), "page") or 1),
        )

    def params(self, **changes: Any) -> list[tuple[str, str]]:
        """URL parameters for this query, with some fields changed (page reset unless given)."""
        data: dict[str, Any] = {
            "text": self.text,
            "include": self.include,
            "exclude": self.exclude,
            "words_min": self.words_min,
            "words_max": self.words_max,
            "sort": self.sort,
            "page": 1,
        }
        data.update(changes)
        out: list[tuple[str, str]] = []
        if data["text"]:
            out.append(("q", str(data["text"])))
        out.extend((f, v) for f, v in data["include"])
        out.extend((f"not_{f}", v) for f, v in data["exclude"])
        for name in ("words_min", "words_max"):
            if data[name] is not None:
                out.append((name, str(data[name])))
        if data["sort"] != "relevance":
            out.append(("sort", str(data["sort"])))
        if data["page"] != 1:
            out.append(("page", str(data["page"])))
        return out

    def url(self, base: str, **changes: Any) -> str:
        query = urlencode(self.params(**changes))
        return f"{base}?{query}" if query else base


def _int(value: str, name: str) -> int | None:
    if not value:
        return None
    if not re.fullmatch(r"\d{1,9}", value.replace(",", "")):
        raise QueryError(f"{name} must be a whole number, not {value!r}")
    return int(value.replace(",", ""))


# -- full-text expressions ------------------------------------------------------------------------

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(-?)(\S+)')


def fts_terms(text: str) -> tuple[list[str], list[str]]:
    """(terms every result must match, terms none may match) as quoted FTS5 strings."""
    positive: list[str] = []
    negative: list[str] = []
    for m in _TOKEN.finditer(text):
        neg = bool(m.group(1) or m.group(3))
        raw = m.group(2) if m.group(2) is not None else m.group(4)
        prefix = raw.endswith("*") and m.group(2) is None
        words = re.findall(r"\w+", raw)
        if not words:
            continue
        term = '"' + " ".join(words) + '"' + ("*" if prefix else "")
        (negative if neg else positive).append(term)
    return positive, negative


# -- running a search -----------------------------------------------------------------------------


def search(library: Library, query: SearchQuery) -> dict[str, Any]:
    """Results, total and facet counts for ``query`` (plain data: the JSON twin of the page)."""
    conn = library.connection()
    positive, negative = fts_terms(query.text)
    where, args, ranked = _filters(query, positive, negative)
    conn.execute(
        "CREATE TEMP TABLE IF NOT EXISTS hits (id INTEGER PRIMARY KEY, rank REAL, words INTEGER)"
    )
    conn.execute("DELETE FROM temp.hits")
    if ranked:
        sql = (
            "INSERT INTO temp.hits (id, rank, words)"
            " SELECT f.rowid, bm25(works_fts, 8.0, 4.0, 2.0, 2.0, 1.0), w.words"
            " FROM works_fts f JOIN works w ON w.id = f.rowid WHERE works_fts MATCH ?"
        )
        args = [_match_expression(positive, negative), *args]
    else:
        sql = "INSERT INTO temp.hits (id, rank, words) SELECT w.id, 0, w.words FROM works w WHERE 1"
    conn.execute(sql + "".join(f" AND {w}" for w in where), args)
    total = conn.execute("SELECT count(*) FROM temp.hits").fetchone()[0]
    order = {
        "relevance": "m.rank, w.id DESC" if ranked else "w.id DESC",
        "recent": "w.id DESC",
        "words": "w.words DESC, w.id DESC",
        "title": "w.title COLLATE NOCASE, w.id",
    }[query.sort]
    offset = (query.page - 1) * query.per_page
    rows = conn.execute(
        "SELECT w.id, w.title, w.authors, w.summary, w.rating, w.words, w.chapters, w.opening,"
        " w.source_name, w.source_format, w.layers, w.added"
        f" FROM temp.hits m JOIN works w ON w.id = m.id ORDER BY {order} LIMIT ? OFFSET ?",
        (query.per_page, offset),
    ).fetchall()
    ids = [r["id"] for r in rows]
    tags = library.tags_of(ids)
    snippets = _snippets(conn, positive, ids) if positive else {}
    results = []
    for row in rows:
        item = work_row(row)
        item["tags"] = tags.get(row["id"], [])
        item["snippet"] = snippets.get(row["id"]) or []
        results.append(item)
    return {
        "total": total,
        "page": query.page,
        "per_page": query.per_page,
        "pages": max(1, -(-total // query.per_page)),
        "results": results,
        "facets": _facets(library, query, total, filtered=bool(where or ranked)),
        "words": _word_buckets(conn),
    }


def _match_expression(positive: list[str], negative: list[str]) -> str:
    expr = " AND ".join(positive)
    if negative:
        expr = f"({expr}) NOT ({' OR '.join(negative)})"
    return expr


def _filters(
    query: SearchQuery, positive: list[str], negative: list[str]
) -> tuple[list[str], list[Any], bool]:
    where: list[str] = []
    args: list[Any] = []
    for facet, value in query.include:
        where.append("w.id IN (SELECT work_id FROM tags WHERE facet = ? AND key = ?)")
        args.extend((facet, facet_key(value)))
    for facet, value in query.exclude:
        where.append("w.id NOT IN (SELECT work_id FROM tags WHERE facet = ? AND key = ?)")
        args.extend((facet, facet_key(value)))
    if query.words_min is not None:
        where.append("w.words >= ?")
        args.append(query.words_min)
    if query.words_max is not None:
        where.append("w.words <= ?")
        args.append(query.words_max)
    if negative and not positive:
        # Only exclusions: everything except what matches them.
        where.append("w.id NOT IN (SELECT rowid FROM works_fts WHERE works_fts MATCH ?)")
        args.append(" OR ".join(negative))
    return where, args, bool(positive)


class _FacetIndex:
    """Facet counts for the whole library, and bitmaps of the most common values of each facet.

    A search matching many works counts those values by intersecting bitmaps (Python ints, one bit
    per work id) instead of grouping tens of thousands of tag rows. Rebuilt when the library's
    generation changes.
    """

    def __init__(self, library: Library) -> None:
        conn = library.connection()
        self.generation = library.generation()
        rows = conn.execute("SELECT facet, key, value, work_id FROM tags").fetchall()
        counts: dict[tuple[str, str], list[Any]] = {}
        for facet, key, value, work_id in rows:
            entry = counts.setdefault((facet, key), [value, 0, []])
            entry[1] += 1
            entry[2].append(work_id)
        self.totals: dict[str, list[tuple[str, str, int]]] = {f: [] for f in FACETS}
        self.masks: dict[str, list[tuple[str, str, int]]] = {f: [] for f in FACETS}
        for (facet, key), (value, count, _) in counts.items():
            if facet in self.totals:
                self.totals[facet].append((key, value, count))
        for facet, values in self.totals.items():
            values.sort(key=lambda x: (-x[2], x[1].casefold()))
            for key, value, _ in values[:BITMAP_VALUES]:
                self.masks[facet].append((key, value, _bitmap(counts[(facet, key)][2])))


_INDEXES: dict[str, _FacetIndex] = {}
_INDEX_LOCK = threading.Lock()
SMALL_RESULT = 300  # up to this many matches, count facets exactly in SQL
BITMAP_VALUES = 300  # values per facet kept as bitmaps for larger result sets


def _facet_index(library: Library) -> _FacetIndex:
    key = str(library.path.resolve())
    index = _INDEXES.get(key)
    if index is None or index.generation != library.generation():
        with _INDEX_LOCK:
            index = _FacetIndex(library)
            _INDEXES[key] = index
    return index


def _bitmap(ids: Sequence[int]) -> int:
    if not ids:
        return 0
    buf = bytearray((max(ids) >> 3) + 1)
    for i in ids:
        buf[i >> 3] |= 1 << (i & 7)
    return int.from_bytes(buf, "little")


def _count_rows(
    library: Library, total: int, *, filtered: bool
) -> tuple[dict[str, list[tuple[str, str, int]]], bool]:
    """(facet -> [(key, value, count)], exact) for the works in temp.hits."""
    conn = library.connection()
    by_facet: dict[str, list[tuple[str, str, int]]] = {f: [] for f in FACETS}
    if not filtered:
        index = _facet_index(library)
        return index.totals, True
    if total <= SMALL_RESULT:
        rows = conn.execute(
            "SELECT t.facet, t.key, min(t.value), count(*) FROM temp.hits h"
            " JOIN tags t ON t.work_id = h.id GROUP BY t.facet, t.key"
        ).fetchall()
        for facet, key, value, count in rows:
            if facet in by_facet:
                by_facet[facet].append((key, value, count))
        return by_facet, True
    index = _facet_index(library)
    hits = _bitmap([r[0] for r in conn.execute("SELECT id FROM temp.hits")])
    for facet, values in index.masks.items():
        for key, value, mask in values:
            count = (mask & hits).bit_count()
            if count:
                by_facet[facet].append((key, value, count))
    return by_facet, False


def _facets(library: Library, query: SearchQuery, total: int, *, filtered: bool) -> dict[str, Any]:
    rows, exact = _count_rows(library, total, filtered=filtered)
    included = {(f, facet_key(v)) for f, v in query.include}
    excluded = {(f, facet_key(v)) for f, v in query.exclude}
    out: dict[str, Any] = {}
    for facet, label in FACETS.items():
        values = sorted(rows[facet], key=lambda x: (-x[2], x[1].casefold()))
        shown = values[:FACET_VALUES_SHOWN]
        keys = {k for k, _, _ in shown}
        # Active filters always show, even when outside the top values or now at zero.
        for f, v in (*query.include, *query.exclude):
            if f == facet and facet_key(v) not in keys:
                found = next((x for x in values if x[0] == facet_key(v)), None)
                shown.append(found or (facet_key(v), v, 0))
                keys.add(facet_key(v))
        out[facet] = {
            "label": label,
            "more": max(0, len(values) - FACET_VALUES_SHOWN),
            "exact": exact,
            "values": [
                {
                    "value": value,
                    "count": count,
                    "included": (facet, key) in included,
                    "excluded": (facet, key) in excluded,
                }
                for key, value, count in shown
            ],
        }
    return out


def _word_buckets(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    parts = []
    for _, lo, hi in WORD_BUCKETS:
        cond = f"words >= {lo}" + (f" AND words < {hi}" if hi is not None else "")
        parts.append(f"sum(CASE WHEN {cond} THEN 1 ELSE 0 END)")
    row = conn.execute(f"SELECT {', '.join(parts)} FROM temp.hits").fetchone()
    return [
        {"label": label, "min": lo, "max": None if hi is None else hi - 1, "count": row[i] or 0}
        for i, (label, lo, hi) in enumerate(WORD_BUCKETS)
    ]


def _snippets(
    conn: sqlite3.Connection, positive: list[str], ids: list[int]
) -> dict[int, list[dict[str, Any]]]:
    """Where each result matches, as parts with the hits marked (never HTML)."""
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    out = {}
    for rowid, text in conn.execute(
        f"SELECT rowid, snippet(works_fts, 4, char(2), char(3), '…', 24) FROM works_fts"
        f" WHERE works_fts MATCH ? AND rowid IN ({marks})",
        (" AND ".join(positive), *ids),
    ):
        out[rowid] = split_hits(text)
    return out


def split_hits(text: str) -> list[dict[str, Any]]:
    """A snippet with hit markers as ``[{"text": ..., "hit": bool}, ...]``."""
    parts = []
    for i, piece in enumerate(re.split(f"[{_HIT_OPEN}{_HIT_CLOSE}]", text)):
        if piece:
            parts.append({"text": re.sub(r"\s+", " ", piece), "hit": i % 2 == 1})
    return parts


def query_summary(query: SearchQuery) -> dict[str, Any]:
    """The query as data, for the JSON twin and the page's "active filters" line."""
    return {
        "q": query.text,
        "include": [{"facet": f, "value": v} for f, v in query.include],
        "exclude": [{"facet": f, "value": v} for f, v in query.exclude],
        "words_min": query.words_min,
        "words_max": query.words_max,
        "sort": query.sort,
        "page": query.page,
    }
