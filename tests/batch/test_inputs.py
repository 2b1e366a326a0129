"""Finding works: files, folders, globs, zip archives (EPUBs are works, not archives)."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from ficscope.batch import inputs
from ficscope.batch.inputs import WorkItem, discover, local_file
from ficscope.errors import CorruptInputError, FileAccessError

from .corpus import write_corpus, write_zip


def test_files_folders_and_globs_each_work_once(tmp_path: Path) -> None:
    paths = write_corpus(tmp_path / "c", 4)
    (tmp_path / "c" / ".hidden.txt").write_text("not a work")
    (tmp_path / "c" / "sub").mkdir()
    (tmp_path / "c" / "sub" / "deep.txt").write_text("a deeper work")
    items = discover([str(paths[0]), str(tmp_path / "c"), str(tmp_path / "c" / "*.txt")])
    keys = [item.key for item in items]
    assert len(keys) == len(set(keys)) == 5
    assert keys[0] == os.path.abspath(paths[0])
    assert os.path.abspath(tmp_path / "c" / "sub" / "deep.txt") in keys
    assert not any(".hidden" in key for key in keys)
    assert all(item.size > 0 for item in items)


def test_recursive_glob(tmp_path: Path) -> None:
    write_corpus(tmp_path / "a" / "b", 2)
    items = discover([str(tmp_path / "**" / "*.txt")])
    assert len(items) == 2


def test_missing_input_and_empty_glob_are_mistakes_in_the_command(tmp_path: Path) -> None:
    with pytest.raises(FileAccessError, match="no such file"):
        discover([str(tmp_path / "nope.txt")])
    with pytest.raises(FileAccessError, match="matches no files"):
        discover([str(tmp_path / "*.nothing")])


def test_zip_archive_members_are_works(tmp_path: Path) -> None:
    archive = write_zip(
        tmp_path / "works.zip",
        {
            "one.txt": b"First work.",
            "dir/two.html": b"<p>Second work.</p>",
            "dir/": b"",
            "__MACOSX/dir/._two.html": b"junk",
            ".DS_Store": b"junk",
        },
    )
    items = discover([str(archive)])
    assert [item.member for item in items] == ["one.txt", "dir/two.html"]
    assert items[0].key == f"{os.path.abspath(archive)}!one.txt"
    with local_file(items[1]) as path:
        assert path.name == "two.html"  # the suffix survives, for format detection
        assert path.read_bytes() == b"<p>Second work.</p>"
        extracted = path
    assert not extracted.exists()


def test_epub_is_one_work_even_named_zip(tmp_path: Path) -> None:
    epub = write_zip(
        tmp_path / "book.zip",
        {"mimetype": b"application/epub+zip", "META-INF/container.xml": b"<container/>"},
    )
    assert discover([str(epub)]) == [WorkItem(os.path.abspath(epub), size=epub.stat().st_size)]


def test_broken_zip_becomes_an_item_that_fails(tmp_path: Path) -> None:
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"PK\x03\x04 this is not really a zip")
    [item] = discover([str(bad)])
    assert item.problem is not None
    with pytest.raises(CorruptInputError) as caught, local_file(item):
        pass
    assert caught.value.path == item.key


def test_member_larger_than_a_work_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = write_zip(tmp_path / "bomb.zip", {"big.txt": b"a" * 5000})
    [item] = discover([str(archive)])
    monkeypatch.setattr(inputs, "MAX_FILE_BYTES", 1000)
    with pytest.raises(FileAccessError, match="too large"), local_file(item):
        pass


def test_member_gone_from_the_archive(tmp_path: Path) -> None:
    archive = write_zip(tmp_path / "a.zip", {"x.txt": b"x"})
    item = WorkItem(str(archive), member="y.txt")
    with pytest.raises(FileAccessError, match="no longer in the archive"), local_file(item):
        pass


def test_damaged_member_is_corrupt(tmp_path: Path) -> None:
    archive = tmp_path / "damaged.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_STORED) as handle:
        handle.writestr("story.txt", b"A story that will not survive the trip.")
    data = bytearray(archive.read_bytes())
    at = data.index(b"survive")
    data[at : at + 7] = b"SURVIVE"  # the CRC no longer matches
    archive.write_bytes(bytes(data))
    [item] = discover([str(archive)])
    with pytest.raises(CorruptInputError, match="cannot extract"), local_file(item):
        pass
