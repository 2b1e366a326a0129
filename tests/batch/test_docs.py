"""docs/batch.md cannot drift: its example analyses run and give the right answers, and every
column of the schema and every option of the commands is documented."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from ficscope.batch import TABLES, query
from ficscope.cli.batch import batch_cli, query_cli

from .corpus import hand_corpus, write_output

DOC = Path(__file__).resolve().parents[2] / "docs" / "batch.md"


def _sql_blocks() -> list[str]:
    return re.findall(r"```sql\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)


def _example(name: str) -> str:
    for block in _sql_blocks():
        if block.startswith(f"-- example: {name}\n"):
            return block
    raise AssertionError(f"docs/batch.md has no example {name!r}")


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_output(tmp_path_factory.mktemp("docs") / "out", hand_corpus())


def test_most_frequent_pairings_per_fandom(out: Path) -> None:
    result = query(out, _example("most frequent pairings per fandom"))
    assert result.columns == ["fandom", "pairing", "works"]
    assert result.rows == [
        ("Lanterns", "Mara/Tobin", 2),
        ("Lanterns", "Ilse/Jory", 1),
        ("Tides", "Ilse/Jory", 2),
        ("Tides", "Corwin/Anneke", 1),
    ]


def test_characters_with_the_most_lines(out: Path) -> None:
    result = query(out, _example("characters with the most lines"))
    assert result.columns == ["title", "character", "lines"]
    assert result.rows[:4] == [
        ("a", "Tobin", 9),
        ("e", "Jory", 5),
        ("d", "Ilse", 4),
        ("b", "Mara", 3),
    ]


def test_works_missing_a_rating(out: Path) -> None:
    result = query(out, _example("works missing a rating"))
    assert result.rows == [("/corpus/b.txt", "b"), ("/corpus/e.txt", "e")]


def test_every_sql_block_runs(out: Path) -> None:
    blocks = _sql_blocks()
    assert len(blocks) >= 4
    for block in blocks:
        if "read_parquet('results/" in block:  # DuckDB alone, on the files
            sql = block.replace("read_parquet('results/", f"read_parquet('{out}/")
            with duckdb.connect() as con:
                assert con.execute(sql).fetchall()
        else:
            query(out, block)


def test_every_column_is_documented_under_its_table() -> None:
    text = DOC.read_text(encoding="utf-8")
    sections = re.split(r"^### ", text, flags=re.M)
    for name, schema in TABLES.items():
        [section] = [s for s in sections if s.startswith(f"`{name}`")]
        documented = re.findall(r"^\| `(\w+)` \|", section, re.M)
        assert documented == schema.names, name


def test_every_option_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    for command in (batch_cli, query_cli):
        for param in command.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("--"):
                    assert f"`{opt}" in text or f"{opt} " in text, opt
