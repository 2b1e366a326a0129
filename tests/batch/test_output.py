"""The output directory: atomic commits, the manifest, recovery after a crash, the lock."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ficscope.batch.output import MANIFEST, OutputDir, OutputError, read_header
from ficscope.batch.schema import empty_rows, error_row
from ficscope.batch.worker import encode
from ficscope.errors import SchemaError


def _tables(path: str) -> dict[str, bytes]:
    rows = empty_rows()
    rows["errors"].append(error_row(path, "CorruptInputError", "broken"))
    return encode(rows)


def test_commit_then_reopen_knows_what_is_done(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with OutputDir.open(out) as output:
        output.commit("p1", ok=["/a", "/b"], failed=["/c"], words=30, tables=_tables("/c"))
        assert (out / "errors" / "part-p1.parquet").exists()
        assert not (out / "works" / "part-p1.parquet").exists()  # empty tables are not written
    with OutputDir.open(out) as output:
        assert output.done == {"/a", "/b", "/c"}
        assert (output.committed.works, output.committed.failed) == (2, 1)
        assert output.committed.failure_ratio == pytest.approx(1 / 3)
        with pytest.raises(ValueError, match="already committed"):
            output.commit("p1", ok=[], failed=[], words=0, tables={})
    assert read_header(out)["schema"] == 1


def test_recovery_drops_uncommitted_parts_and_a_half_written_line(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with OutputDir.open(out) as output:
        output.commit("p1", ok=["/a"], failed=[], words=1, tables=_tables("/x"))
    # What a run killed mid-commit leaves: a part without its manifest line, a temporary file,
    # and a manifest line cut short.
    (out / "errors" / "part-p2.parquet").write_bytes(_tables("/y")["errors"])
    (out / "quotes" / "part-p3.parquet.tmp").write_bytes(b"half")
    (out / "works" / "notes.txt").write_text("not ours")
    with (out / MANIFEST).open("a", encoding="utf-8") as handle:
        handle.write('{"part": "p2", "ok": ["/b"')
    with OutputDir.open(out) as output:
        assert output.done == {"/a"}
        output.commit("p4", ok=["/b"], failed=[], words=1, tables={})
    assert sorted(p.name for p in (out / "errors").iterdir()) == ["part-p1.parquet"]
    assert not (out / "quotes" / "part-p3.parquet.tmp").exists()
    assert (out / "works" / "notes.txt").exists()
    lines = (out / MANIFEST).read_text(encoding="utf-8").splitlines()
    assert [json.loads(line).get("part") for line in lines] == [None, "p1", "p4"]


def test_a_second_writer_is_refused(tmp_path: Path) -> None:
    with OutputDir.open(tmp_path / "out"):
        with pytest.raises(OutputError, match="another batch run"):
            OutputDir.open(tmp_path / "out")
    OutputDir.open(tmp_path / "out").close()  # free again once the first is closed


def test_other_schema_version_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / MANIFEST).write_text(json.dumps({"format": "ficscope-batch", "schema": 99}) + "\n")
    with pytest.raises(SchemaError, match="schema 99"):
        OutputDir.open(out)


def test_a_folder_of_other_things_is_not_taken_over(tmp_path: Path) -> None:
    (tmp_path / "mine.txt").write_text("keep me")
    with pytest.raises(OutputError, match="not empty"):
        OutputDir.open(tmp_path)
    with pytest.raises(OutputError, match="not a batch output"):
        read_header(tmp_path)


def test_damaged_manifest_line_is_reported(tmp_path: Path) -> None:
    out = tmp_path / "out"
    OutputDir.open(out).close()
    with (out / MANIFEST).open("a", encoding="utf-8") as handle:
        handle.write("{not json}\n")
    with pytest.raises(OutputError, match="line 2 is damaged"):
        OutputDir.open(out)
