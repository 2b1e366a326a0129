"""Work -> rows for every table, against the documented Arrow schema."""

from __future__ import annotations

import pyarrow as pa

from ficscope.batch.schema import SCHEMA_VERSION, TABLES, to_arrow, work_id, work_rows
from ficscope.model import Chapter, Metadata, Quote, Work

from .corpus import hand_work


def test_every_table_has_a_work_id_and_every_column_a_doc() -> None:
    for name, schema in TABLES.items():
        assert schema.field("work_id").type == pa.string(), name
        assert schema.metadata[b"ficscope_batch_schema"] == str(SCHEMA_VERSION).encode()
        for field in schema:
            assert field.metadata and field.metadata[b"doc"].strip(), f"{name}.{field.name}"


def test_rows_of_an_analysed_work_fit_the_schema() -> None:
    work = hand_work(
        title="t",
        fandom="Lanterns",
        rating=None,
        pair=("Mara", "Tobin"),
        lines={"Mara": 2, "Tobin": 3},
    )
    rows = work_rows(work, "/corpus/t.txt")
    tables = {name: to_arrow(name, table_rows) for name, table_rows in rows.items()}
    wid = work_id("/corpus/t.txt")
    [works] = tables["works"].to_pylist()
    assert works["work_id"] == wid and works["path"] == "/corpus/t.txt"
    assert works["fandoms"] == ["Lanterns"] and works["rating"] is None
    assert "rating" in works["missing"] and "fandoms" not in works["missing"]
    assert works["quote_count"] == 5 and works["character_count"] == 2
    assert works["suggested_tags"] == ["Mara/Tobin"]
    assert tables["characters"].num_rows == 2
    quotes = tables["quotes"].to_pylist()
    assert [q["quote_index"] for q in quotes] == list(range(5))
    assert {q["speaker_name"] for q in quotes} == {"Mara", "Tobin"}
    for q in quotes:
        assert q["text"] == work.text[q["start"] : q["end"]]
        assert q["chapter"] == 0
    [rel] = tables["relationships"].to_pylist()
    assert (rel["source_name"], rel["target_name"], rel["romantic"]) == ("Mara", "Tobin", True)
    [tag] = tables["tags"].to_pylist()
    assert (tag["type"], tag["status"]) == ("relationship", "missing")
    assert tables["errors"].num_rows == 0
    assert all(t.column("work_id").to_pylist() == [wid] * t.num_rows for t in tables.values())


def test_quotes_outside_chapters_have_no_chapter() -> None:
    text = 'Front matter "hi" here.\n\nChapter 1\n\n"Hello," she said.'
    start = text.index('"Hello,"')
    work = Work(
        text=text,
        metadata=Metadata(),
        chapters=(Chapter(text.index("Chapter 1"), len(text), 0),),
        quotes=(Quote(13, 17, '"', '"'), Quote(start, start + 8, '"', '"')),
    )
    quotes = work_rows(work, "x").get("quotes", [])
    assert [q["chapter"] for q in quotes] == [None, 0]
    assert [q["speaker"] for q in quotes] == [None, None]


def test_work_id_is_stable_and_distinct() -> None:
    assert work_id("/a.txt") == work_id("/a.txt")
    assert work_id("/a.txt") != work_id("/b.txt")
    assert len(work_id("/archive.zip!x.txt")) == 16
