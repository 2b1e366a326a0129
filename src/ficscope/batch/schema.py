"""The Parquet schema of a batch run: six tables, one versioned schema, every column documented.

Each column carries its documentation in the Arrow field metadata (``doc``); docs/batch.md lists
them all, and a test checks that it does. Bump :data:`SCHEMA_VERSION` whenever a column is added,
removed, renamed or changes meaning; an output directory of another version is refused rather than
mixed.

:func:`work_rows` turns one analysed :class:`~ficscope.model.Work` into rows for every table.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections.abc import Iterable
from typing import Any

import pyarrow as pa

from ficscope.model import Work

SCHEMA_VERSION = 1

_STR = pa.string()
_STRS = pa.list_(pa.string())
_I64 = pa.int64()
_I32 = pa.int32()
_F64 = pa.float64()
_BOOL = pa.bool_()


def _col(name: str, kind: pa.DataType, doc: str, *, nullable: bool = True) -> pa.Field[Any]:
    return pa.field(name, kind, nullable=nullable, metadata={"doc": doc})


def _table(*columns: pa.Field[Any]) -> pa.Schema:
    return pa.schema(columns, metadata={"ficscope_batch_schema": str(SCHEMA_VERSION)})


_WORK_ID = _col(
    "work_id",
    _STR,
    "stable id of the work: the first 16 hex digits of the SHA-1 of `path`",
    nullable=False,
)

WORKS = _table(
    _WORK_ID,
    _col(
        "path",
        _STR,
        "the file read, or `archive.zip!member` for a work inside a zip archive",
        nullable=False,
    ),
    _col("format", _STR, "the reader that read it: `plaintext`, `ao3_html`, `epub`, ..."),
    _col("title", _STR, "declared title"),
    _col("authors", _STRS, "declared authors"),
    _col("fandoms", _STRS, "declared fandoms"),
    _col("rating", _STR, "declared rating, as written (`Teen And Up Audiences`, `T`, ...)"),
    _col("warnings", _STRS, "declared archive warnings"),
    _col("categories", _STRS, "declared categories (`F/M`, `Gen`, ...)"),
    _col("relationships", _STRS, "declared relationship tags (`A/B`, `A & B`)"),
    _col("characters", _STRS, "declared character tags"),
    _col("additional_tags", _STRS, "declared freeform tags"),
    _col("genres", _STRS, "declared genres (FanFiction.net style)"),
    _col("language", _STR, "declared language"),
    _col("status", _STR, "declared status: `Complete` or `In-Progress`"),
    _col("published", _STR, "declared publication date, as written"),
    _col("updated", _STR, "declared last update, as written"),
    _col("summary", _STR, "declared summary"),
    _col("source_site", _STR, "the archive it came from (`ao3`, `ffnet`, ...), when known"),
    _col("source_url", _STR, "the work's address on that archive, when known"),
    _col("declared_words", _I64, "word count the archive declared"),
    _col("declared_chapters", _STR, "chapter count as declared: `3/?`, `1/1`"),
    _col(
        "missing",
        _STRS,
        "archive fields with no value: never declared, or declared empty "
        "(`title`, `authors`, `fandoms`, `rating`, `warnings`, `categories`, `relationships`, "
        "`characters`, `summary`)",
    ),
    _col(
        "word_count",
        _I64,
        "story words counted by ficscope (notes, headings, disclaimers excluded)",
    ),
    _col("text_chars", _I64, "characters of text read"),
    _col("chapter_count", _I32, "chapters found"),
    _col("scene_count", _I32, "scenes found"),
    _col("paragraph_count", _I32, "story paragraphs"),
    _col("quote_count", _I32, "quotations found (rows in `quotes`)"),
    _col("mention_count", _I32, "character mentions found"),
    _col("character_count", _I32, "characters found (rows in `characters`)"),
    _col("relationship_count", _I32, "relationships found (rows in `relationships`)"),
    _col("proof_flag_count", _I32, "likely errors flagged by proofreading"),
    _col("suggested_tags", _STRS, "every suggested archive tag (details in `tags`)"),
    _col("layers", _STRS, "the analysis passes that ran"),
    _col("model_schema", _I32, "version of the ficscope Work model the analysis used"),
)

CHARACTERS = _table(
    _WORK_ID,
    _col("character_id", _STR, "the character's id within the work", nullable=False),
    _col("name", _STR, "the name ficscope uses for the character"),
    _col("aliases", _STRS, "every other surface form used for them"),
    _col("pronouns", _STR, "`he/him`, `she/her`, `they/them`, ..., when known"),
    _col("mention_count", _I32, "mentions of the character"),
    _col("quote_count", _I32, "quotations the character speaks: their lines"),
)

QUOTES = _table(
    _WORK_ID,
    _col("quote_index", _I32, "position of the quotation in the work, from 0", nullable=False),
    _col("chapter", _I32, "index of the chapter it stands in (null in front matter)"),
    _col("start", _I64, "character offset where it starts in the work's text, marks included"),
    _col("end", _I64, "character offset where it ends (exclusive)"),
    _col("text", _STR, "the quotation, marks included"),
    _col("speaker", _STR, "character id of the speaker (null when unknown)"),
    _col("speaker_name", _STR, "the speaker's name (null when unknown)"),
    _col("addressee", _STR, "character id of the one spoken to (null when unknown)"),
    _col("addressee_name", _STR, "the addressee's name (null when unknown)"),
    _col("addressees", _STRS, "character ids of all those spoken to, when several (else empty)"),
    _col("confidence", _F64, "confidence in the speaker, 0 to 1"),
    _col("depth", _I32, "0 for dialogue, 1 and more for a quotation inside a quotation"),
    _col("closed", _BOOL, "false when the quotation never closes"),
    _col(
        "continued", _BOOL, "speech carried on from an unclosed quotation in the paragraph before"
    ),
)

RELATIONSHIPS = _table(
    _WORK_ID,
    _col("source", _STR, "character id of one side"),
    _col("source_name", _STR, "that character's name"),
    _col("target", _STR, "character id of the other side"),
    _col("target_name", _STR, "that character's name"),
    _col("tag", _STR, "AO3-style tag: `A/B` (romantic) or `A & B`"),
    _col("romantic", _BOOL, "true for a pairing"),
    _col("kinds", _STRS, "how they relate: `love`, `fight`, `family`, `friend`, ..."),
    _col("confidence", _F64, "confidence, 0 to 1"),
    _col("evidence_count", _I32, "passages of the text behind it"),
)

TAGS = _table(
    _WORK_ID,
    _col("tag", _STR, "the suggested archive tag", nullable=False),
    _col(
        "type",
        _STR,
        "`fandom`, `rating`, `warning`, `category`, `relationship`, `character` or `freeform`",
    ),
    _col(
        "status",
        _STR,
        "against what the author declared: `agrees`, `new`, `missing` "
        "(fills an empty field) or `conflict`",
    ),
    _col("confidence", _F64, "confidence, 0 to 1"),
    _col("declared", _STR, "the declared value it conflicts with (status `conflict`)"),
    _col("evidence_count", _I32, "passages of the text behind it"),
)

ERRORS = _table(
    _WORK_ID,
    _col(
        "path",
        _STR,
        "the file (or `archive.zip!member`) that could not be analysed",
        nullable=False,
    ),
    _col(
        "error",
        _STR,
        "kind of failure: the error class (`CorruptInputError`, "
        "`UnsupportedFormatError`, `WorkerDied`, ...)",
    ),
    _col("reason", _STR, "one-line explanation"),
)

TABLES: dict[str, pa.Schema] = {
    "works": WORKS,
    "characters": CHARACTERS,
    "quotes": QUOTES,
    "relationships": RELATIONSHIPS,
    "tags": TAGS,
    "errors": ERRORS,
}

Rows = dict[str, list[dict[str, Any]]]


def empty_rows() -> Rows:
    return {name: [] for name in TABLES}


def work_id(path: str) -> str:
    return hashlib.sha1(path.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def work_rows(work: Work, path: str) -> Rows:
    """One row in ``works`` and the work's rows in every other table (``errors`` stays empty)."""
    wid = work_id(path)
    meta = work.metadata
    names = {c.id: c.name for c in work.characters}
    rows = empty_rows()
    rows["works"].append(
        {
            "work_id": wid,
            "path": path,
            "format": work.source.format,
            "title": meta.title,
            "authors": list(meta.authors),
            "fandoms": list(meta.fandoms),
            "rating": meta.rating,
            "warnings": list(meta.warnings),
            "categories": list(meta.categories),
            "relationships": list(meta.relationships),
            "characters": list(meta.characters),
            "additional_tags": list(meta.additional_tags),
            "genres": list(meta.genres),
            "language": meta.language,
            "status": meta.status,
            "published": meta.published,
            "updated": meta.updated,
            "summary": meta.summary,
            "source_site": meta.source_site,
            "source_url": meta.source_url,
            "declared_words": meta.words,
            "declared_chapters": meta.chapters,
            "missing": list(meta.missing),
            "word_count": work.word_count,
            "text_chars": len(work.text),
            "chapter_count": len(work.chapters),
            "scene_count": len(work.scenes),
            "paragraph_count": len(work.paragraphs),
            "quote_count": len(work.quotes),
            "mention_count": len(work.mentions),
            "character_count": len(work.characters),
            "relationship_count": len(work.relationships),
            "proof_flag_count": len(work.proofreading),
            "suggested_tags": [t.tag for t in work.tags],
            "layers": list(work.layers),
            "model_schema": work.schema,
        }
    )
    rows["characters"] = [
        {
            "work_id": wid,
            "character_id": c.id,
            "name": c.name,
            "aliases": list(c.aliases),
            "pronouns": c.pronouns,
            "mention_count": c.mention_count,
            "quote_count": c.quote_count,
        }
        for c in work.characters
    ]
    starts = [c.start for c in work.chapters]
    rows["quotes"] = [
        {
            "work_id": wid,
            "quote_index": i,
            "chapter": _chapter_of(work, starts, q.start),
            "start": q.start,
            "end": q.end,
            "text": work.span_text(q),
            "speaker": q.speaker,
            "speaker_name": names.get(q.speaker) if q.speaker else None,
            "addressee": q.addressee,
            "addressee_name": names.get(q.addressee) if q.addressee else None,
            "addressees": list(q.addressees),
            "confidence": q.confidence,
            "depth": q.depth,
            "closed": q.closed,
            "continued": q.continued,
        }
        for i, q in enumerate(work.quotes)
    ]
    rows["relationships"] = [
        {
            "work_id": wid,
            "source": r.source,
            "source_name": names.get(r.source),
            "target": r.target,
            "target_name": names.get(r.target),
            "tag": r.tag,
            "romantic": r.romantic,
            "kinds": list(r.kinds),
            "confidence": r.confidence,
            "evidence_count": len(r.evidence),
        }
        for r in work.relationships
    ]
    rows["tags"] = [
        {
            "work_id": wid,
            "tag": t.tag,
            "type": t.type.value,
            "status": t.status.value,
            "confidence": t.confidence,
            "declared": t.declared,
            "evidence_count": len(t.evidence),
        }
        for t in work.tags
    ]
    return rows


def _chapter_of(work: Work, starts: list[int], offset: int) -> int | None:
    i = bisect_right(starts, offset) - 1
    if i < 0 or offset >= work.chapters[i].end:
        return None
    return i


def error_row(path: str, error: str, reason: str) -> dict[str, Any]:
    return {"work_id": work_id(path), "path": path, "error": error, "reason": reason}


def extend(rows: Rows, more: Rows) -> None:
    for name, table_rows in more.items():
        rows[name].extend(table_rows)


def to_arrow(name: str, rows: Iterable[dict[str, Any]]) -> pa.Table:
    return pa.Table.from_pylist(list(rows), schema=TABLES[name])
