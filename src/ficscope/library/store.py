"""The library's SQLite store: one file holding works, their facets, cast, lines and an FTS5 index.

Schema (version in ``PRAGMA user_version``)::

    works(id, digest UNIQUE, title, authors JSON, summary, rating, words, chapters, opening,
          source_name, source_format, layers JSON, added)
    blobs(id, work BLOB)                            -- the zlib'd Work JSON, kept apart
    meta(key, value)                                -- "generation": bumped by every write
    tags(facet, key, work_id, value, source)        -- PK (facet, key, work_id): facet filters
    people(key, work_id, name, aliases JSON, pronouns, mentions, lines)  -- the cast
    lines(work_id, key, start, end, text, confidence)
    works_fts(title, creators, summary, tags, body) -- FTS5, rowid = works.id

A work is identified by its text's SHA-256: adding it again replaces its analysis in place.
Writes go in batches, one transaction each. Each thread gets its own connection (the web app
serves requests from a thread pool); WAL lets readers go on while an upload is being stored.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ficscope.errors import FicscopeError
from ficscope.library.records import WorkRecord, fts_tags, unpack_work
from ficscope.model import Work

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
APPLICATION_ID = 0x46435350  # "FCSP": marks the file as a ficscope library

_SCHEMA = """
CREATE TABLE IF NOT EXISTS works (
    id INTEGER PRIMARY KEY,
    digest TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    authors TEXT NOT NULL,
    summary TEXT NOT NULL,
    rating TEXT,
    words INTEGER NOT NULL,
    chapters INTEGER NOT NULL,
    opening TEXT NOT NULL,
    source_name TEXT NOT NULL,
    source_format TEXT NOT NULL,
    layers TEXT NOT NULL,
    added TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS blobs (
    id INTEGER PRIMARY KEY,
    work BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS works_words ON works(words);
CREATE TABLE IF NOT EXISTS tags (
    facet TEXT NOT NULL,
    key TEXT NOT NULL,
    work_id INTEGER NOT NULL,
    value TEXT NOT NULL,
    source TEXT NOT NULL,
    PRIMARY KEY (facet, key, work_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS tags_work ON tags(work_id, facet, key, value);
CREATE TABLE IF NOT EXISTS people (
    key TEXT NOT NULL,
    work_id INTEGER NOT NULL,
    name TEXT NOT NULL,
    aliases TEXT NOT NULL,
    pronouns TEXT,
    mentions INTEGER NOT NULL,
    lines INTEGER NOT NULL,
    PRIMARY KEY (key, work_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS people_work ON people(work_id);
CREATE TABLE IF NOT EXISTS lines (
    work_id INTEGER NOT NULL,
    key TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    confidence REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS lines_key ON lines(key, work_id);
CREATE INDEX IF NOT EXISTS lines_work ON lines(work_id);
CREATE VIRTUAL TABLE IF NOT EXISTS works_fts USING fts5(
    title, creators, summary, tags, body,
    tokenize = 'unicode61 remove_diacritics 2'
);
"""


class LibraryError(FicscopeError):
    """A library file that cannot be opened or used (not a ficscope library, newer schema...)."""

    def __init__(self, path: str | Path, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


@dataclass(frozen=True, slots=True)
class Stored:
    """What happened to one record in a write."""

    id: int
    title: str
    replaced: bool  # the same text was already in the library; its analysis was replaced


class Library:
    """A library file. Safe to share between threads: each thread uses its own connection."""

    def __init__(self, path: str | Path, *, create: bool = True) -> None:
        self.path = Path(path)
        self._local = threading.local()
        self._lock = threading.Lock()  # one writer at a time within this process
        if not create and not self.path.exists():
            raise LibraryError(self.path, "no such library (add works with `ficscope library add`)")
        if self.path.is_dir():
            raise LibraryError(self.path, "is a directory, not a library file")
        self._prepare()

    # -- connections ---------------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
        except sqlite3.DatabaseError as exc:
            raise LibraryError(self.path, f"cannot open as a library: {exc}") from exc
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute("PRAGMA cache_size=-32000")
        conn.execute("PRAGMA mmap_size=268435456")
        conn.execute("PRAGMA temp_store=MEMORY")
        return conn

    def connection(self) -> sqlite3.Connection:
        """This thread's connection."""
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._connect()
            self._local.conn = conn
        return conn

    def close(self) -> None:
        """Close this thread's connection (others close when their threads end)."""
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    def _prepare(self) -> None:
        conn = self.connection()
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise LibraryError(self.path, f"not a ficscope library ({exc})") from exc
        if tables and app_id != APPLICATION_ID:
            raise LibraryError(self.path, "an SQLite file, but not a ficscope library")
        if version > SCHEMA_VERSION:
            raise LibraryError(
                self.path,
                f"made by a newer ficscope (library schema {version},"
                f" this one knows {SCHEMA_VERSION})",
            )
        if not tables:
            with self._lock:
                conn.executescript(
                    f"BEGIN IMMEDIATE;{_SCHEMA}"
                    f"PRAGMA application_id={APPLICATION_ID};"
                    f"PRAGMA user_version={SCHEMA_VERSION};COMMIT;"
                )

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        conn = self.connection()
        with self._lock:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    # -- writing -------------------------------------------------------------------------------

    def add(self, records: Iterable[WorkRecord]) -> list[Stored]:
        """Store records in one transaction; a record whose text is already stored replaces it."""
        stored: list[Stored] = []
        now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        with self.transaction() as conn:
            for rec in records:
                row = conn.execute(
                    "SELECT id FROM works WHERE digest = ?", (rec.digest,)
                ).fetchone()
                values = (
                    rec.title,
                    json.dumps(list(rec.authors), ensure_ascii=False),
                    rec.summary,
                    rec.rating,
                    rec.words,
                    rec.chapters,
                    rec.opening,
                    rec.source_name,
                    rec.source_format,
                    json.dumps(list(rec.layers)),
                )
                if row is None:
                    cur = conn.execute(
                        "INSERT INTO works (title, authors, summary, rating, words, chapters,"
                        " opening,"
                        " source_name, source_format, layers, digest, added)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (*values, rec.digest, now),
                    )
                    work_id = int(cur.lastrowid or 0)
                else:
                    work_id = int(row[0])
                    conn.execute(
                        "UPDATE works SET title=?, authors=?, summary=?, rating=?, words=?,"
                        " chapters=?,"
                        " opening=?, source_name=?, source_format=?, layers=? WHERE id=?",
                        (*values, work_id),
                    )
                    self._delete_children(conn, work_id)
                conn.execute(
                    "INSERT OR REPLACE INTO blobs (id, work) VALUES (?, ?)", (work_id, rec.blob)
                )
                self._insert_children(conn, work_id, rec)
                stored.append(Stored(work_id, rec.title, row is not None))
            self._bump(conn)
        return stored

    @staticmethod
    def _bump(conn: sqlite3.Connection) -> None:
        conn.execute(
            "INSERT INTO meta (key, value) VALUES ('generation', 1)"
            " ON CONFLICT(key) DO UPDATE SET value = value + 1"
        )

    def generation(self) -> int:
        """A number that changes whenever works are added or removed (for caches)."""
        row = (
            self.connection().execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
        )
        return int(row[0]) if row else 0

    @staticmethod
    def _delete_children(conn: sqlite3.Connection, work_id: int) -> None:
        for table in ("tags", "people", "lines"):
            conn.execute(f"DELETE FROM {table} WHERE work_id = ?", (work_id,))
        conn.execute("DELETE FROM works_fts WHERE rowid = ?", (work_id,))

    @staticmethod
    def _insert_children(conn: sqlite3.Connection, work_id: int, rec: WorkRecord) -> None:
        conn.executemany(
            "INSERT OR IGNORE INTO tags (facet, key, work_id, value, source)"
            " VALUES (?, ?, ?, ?, ?)",
            [(f.facet, f.key, work_id, f.value, f.source) for f in rec.facets],
        )
        conn.executemany(
            "INSERT OR IGNORE INTO people (key, work_id, name, aliases, pronouns, mentions, lines)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    m.key,
                    work_id,
                    m.name,
                    json.dumps(list(m.aliases), ensure_ascii=False),
                    m.pronouns,
                    m.mentions,
                    m.lines,
                )
                for m in rec.cast
            ],
        )
        conn.executemany(
            "INSERT INTO lines (work_id, key, start, end, text, confidence)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [(work_id, ln.key, ln.start, ln.end, ln.text, ln.confidence) for ln in rec.lines],
        )
        conn.execute(
            "INSERT INTO works_fts (rowid, title, creators, summary, tags, body)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (work_id, rec.title, " ".join(rec.authors), rec.summary, fts_tags(rec), rec.body),
        )

    def remove(self, work_id: int) -> bool:
        with self.transaction() as conn:
            self._delete_children(conn, work_id)
            conn.execute("DELETE FROM blobs WHERE id = ?", (work_id,))
            cur = conn.execute("DELETE FROM works WHERE id = ?", (work_id,))
            self._bump(conn)
            return cur.rowcount > 0

    # -- reading -------------------------------------------------------------------------------

    def count(self) -> int:
        return int(self.connection().execute("SELECT count(*) FROM works").fetchone()[0])

    def work_info(self, work_id: int) -> dict[str, Any] | None:
        """The work's library row and its facet values (not the Work itself)."""
        conn = self.connection()
        row = conn.execute(
            "SELECT id, title, authors, summary, rating, words, chapters, opening, source_name,"
            " source_format, layers, added FROM works WHERE id = ?",
            (work_id,),
        ).fetchone()
        if row is None:
            return None
        info = work_row(row)
        info["tags"] = self.tags_of([work_id]).get(work_id, [])
        return info

    def load_work(self, work_id: int) -> Work | None:
        row = (
            self.connection().execute("SELECT work FROM blobs WHERE id = ?", (work_id,)).fetchone()
        )
        return None if row is None else unpack_work(row[0])

    def tags_of(self, work_ids: Sequence[int]) -> dict[int, list[dict[str, str]]]:
        if not work_ids:
            return {}
        marks = ",".join("?" * len(work_ids))
        out: dict[int, list[dict[str, str]]] = {}
        for r in self.connection().execute(
            f"SELECT work_id, facet, value, source FROM tags WHERE work_id IN ({marks})"
            " ORDER BY work_id, CASE facet WHEN 'fandom' THEN 0 WHEN 'rating' THEN 1"
            " WHEN 'warning' THEN 2"
            " WHEN 'category' THEN 3 WHEN 'relationship' THEN 4 WHEN 'character' THEN 5 ELSE 6 END,"
            " source = 'declared' DESC",
            tuple(work_ids),
        ):
            out.setdefault(r[0], []).append({"facet": r[1], "value": r[2], "source": r[3]})
        return out

    def character(self, key: str, *, lines_per_work: int = 50) -> dict[str, Any] | None:
        """A character across the library: their works (busiest first) and their lines in each."""
        conn = self.connection()
        rows = conn.execute(
            "SELECT c.work_id, c.name, c.aliases, c.pronouns, c.mentions, c.lines,"
            " w.title, w.authors, w.words"
            " FROM people c JOIN works w ON w.id = c.work_id WHERE c.key = ?"
            " ORDER BY c.lines DESC, c.mentions DESC, w.title",
            (key,),
        ).fetchall()
        if not rows:
            return None
        names = [r["name"] for r in rows]
        name = max(set(names), key=names.count)
        aliases: dict[str, None] = {}
        pronouns: dict[str, None] = {}
        works = []
        for r in rows:
            aliases.update(dict.fromkeys(a for a in json.loads(r["aliases"]) if a != name))
            if r["pronouns"]:
                pronouns[r["pronouns"]] = None
            said = conn.execute(
                "SELECT start, end, text, confidence FROM lines WHERE key = ? AND work_id = ?"
                " ORDER BY start LIMIT ?",
                (key, r["work_id"], lines_per_work),
            ).fetchall()
            works.append(
                {
                    "id": r["work_id"],
                    "title": r["title"],
                    "authors": json.loads(r["authors"]),
                    "words": r["words"],
                    "name_here": r["name"],
                    "mentions": r["mentions"],
                    "lines": r["lines"],
                    "quotes": [
                        {
                            "start": s["start"],
                            "end": s["end"],
                            "text": s["text"],
                            "confidence": round(s["confidence"] * 100),
                        }
                        for s in said
                    ],
                }
            )
        return {
            "key": key,
            "name": name,
            "aliases": list(aliases),
            "pronouns": list(pronouns),
            "works": works,
            "total_lines": sum(w["lines"] for w in works),
        }


def work_row(row: sqlite3.Row) -> dict[str, Any]:
    """A ``works`` row as plain data."""
    data = {k: row[k] for k in row.keys() if k != "work"}
    for key in ("authors", "layers"):
        if key in data:
            data[key] = json.loads(data[key])
    return data
