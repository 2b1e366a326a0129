"""The SQLite store, facet records and search (no web server)."""

from __future__ import annotations

import importlib
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from ficscope.cli.main import main
from ficscope.library import (
    Library,
    LibraryError,
    QueryError,
    SearchQuery,
    import_paths,
    record_for,
    search,
)
from ficscope.library.records import looks_like_a_name
from ficscope.library.search import fts_terms
from ficscope.model import Character, Metadata, TagStatus, TagSuggestion, TagType, Work, name_key
from ficscope.render.sample import sample_work


def titles(library: Library, **params: list[str]) -> list[str]:
    return [r["title"] for r in search(library, SearchQuery.from_params(params))["results"]]


def test_full_text_search_finds_and_ranks(library: Library) -> None:
    assert titles(library, q=["storm"])[:2] == [
        "Storm Glass",
        "The Last Watch",
    ]  # title match first
    assert titles(library, q=['"paper boats"']) == ["Paper Boats"]
    assert titles(library, q=["lant*"]) == ["Lanterns at Low Tide"]
    assert titles(library, q=["harbour -storm"]) == ["Lanterns at Low Tide"]
    assert set(titles(library, q=["-storm"])) == {
        "Lanterns at Low Tide",
        "Paper Boats",
        "The Ferryman's Ledger",
    }


@pytest.mark.parametrize(
    "text", ["AND(", '"unbalanced', "*", "NEAR(a b)", "title:x", "-", "''", "^", "a OR"]
)
def test_query_syntax_in_user_text_never_breaks_search(library: Library, text: str) -> None:
    search(library, SearchQuery.from_params({"q": [text]}))


def test_fts_terms_quote_every_word() -> None:
    assert fts_terms('storm -sea "paper lights" lant*') == (
        ['"storm"', '"paper lights"', '"lant"*'],
        ['"sea"'],
    )


def test_facet_inclusion_and_exclusion(library: Library) -> None:
    assert set(titles(library, fandom=["harbour tales"])) == {
        "Lanterns at Low Tide",
        "The Last Watch",
    }
    assert titles(library, fandom=["Harbour Tales"], not_warning=["Major Character Death"]) == [
        "Lanterns at Low Tide"
    ]
    assert "The Last Watch" not in titles(library, not_warning=["Major Character Death"])
    assert set(titles(library, rating=["Mature"], character=["Ren"])) == {"Storm Glass"}
    assert titles(library, rating=["Mature"], not_rating=["Mature"]) == []


def test_facet_counts_follow_the_filters_and_keep_active_values(library: Library) -> None:
    found = search(library, SearchQuery.from_params({"not_warning": ["Major Character Death"]}))
    ratings = {v["value"]: v["count"] for v in found["facets"]["rating"]["values"]}
    assert ratings == {"General Audiences": 2, "Teen And Up Audiences": 1, "Mature": 1}
    warnings = {
        v["value"]: (v["count"], v["excluded"]) for v in found["facets"]["warning"]["values"]
    }
    assert warnings["Major Character Death"] == (
        0,
        True,
    )  # excluded, still shown so it can be undone
    assert found["total"] == 4


def test_word_range_and_buckets(library: Library) -> None:
    long_ones = titles(library, words_min=["1000"])
    assert long_ones == ["Storm Glass"]
    found = search(library, SearchQuery.from_params({"words_max": ["999"]}))
    assert found["total"] == 4
    buckets = {b["label"]: b["count"] for b in search(library, SearchQuery())["words"]}
    assert buckets["under 1,000"] == 4 and buckets["1,000–5,000"] == 1


def test_bad_parameters_are_refused_clearly() -> None:
    with pytest.raises(QueryError, match="words_min must be a whole number"):
        SearchQuery.from_params({"words_min": ["lots"]})
    with pytest.raises(QueryError, match="unknown sort"):
        SearchQuery.from_params({"sort": ["random"]})


def test_snippets_mark_hits_as_data(library: Library) -> None:
    result = search(library, SearchQuery.from_params({"q": ["gutter"]}))["results"][0]
    assert any(p["hit"] and p["text"].lower() == "gutter" for p in result["snippet"])


def test_sorting_and_paging(library: Library) -> None:
    assert titles(library, sort=["words"])[0] == "Storm Glass"
    assert titles(library, sort=["title"])[0] == "Lanterns at Low Tide"
    page = search(library, SearchQuery(per_page=2, page=3))
    assert page["pages"] == 3 and len(page["results"]) == 1


def test_adding_the_same_text_again_replaces_it(library: Library, works: list[Work]) -> None:
    before = library.count()
    (again,) = library.add([record_for(works[0])])
    assert again.replaced and library.count() == before
    assert titles(library, q=["tide"]) == ["Lanterns at Low Tide"]  # indexed once, not twice


def test_character_pages_collect_lines_across_works(library: Library) -> None:
    person = library.character("corrin")
    assert person is not None
    assert person["name"] == "Corrin" and person["pronouns"] == ["he/him"]
    (work,) = person["works"]
    assert work["lines"] == 5 and work["quotes"][0]["text"].startswith('"I paid you')
    declared_only = library.character("tobin")
    assert declared_only is not None and {w["title"] for w in declared_only["works"]} == {
        "Lanterns at Low Tide",
        "The Last Watch",
    }
    assert library.character("nobody") is None


def test_found_characters_use_the_declared_name_when_one_fits() -> None:
    work = Work(
        text="x",
        metadata=Metadata(characters=("Haruno Sakura", "Hatake Kakashi")),
        characters=(
            Character("c1", "Sakura", ("Sakura Haruno",), "she/her", 40, 10),
            Character("c2", "the woman", (), None, 9, 0),
        ),
    )
    record = record_for(work)
    keys = {m.key: m for m in record.cast}
    assert keys["haruno-sakura"].character_id == "c1" and "Sakura" in keys["haruno-sakura"].aliases
    characters = {f.value for f in record.facets if f.facet == "character"}
    assert characters == {"Haruno Sakura", "Hatake Kakashi"}  # "the woman" is no facet
    assert looks_like_a_name("Old Hask") and not looks_like_a_name("a teacher")
    assert name_key("Ines Varga") == "ines-varga" and name_key("李").startswith("c-")


def test_conflicting_suggestions_are_not_indexed() -> None:
    work = Work(
        text="x",
        metadata=Metadata(rating="General Audiences"),
        tags=(
            TagSuggestion(
                "Mature",
                TagType.RATING,
                0.9,
                status=TagStatus.CONFLICT,
                declared="General Audiences",
            ),
            TagSuggestion("Angst", TagType.FREEFORM, 0.8, status=TagStatus.MISSING),
            TagSuggestion("Fluff", TagType.FREEFORM, 0.2, status=TagStatus.MISSING),
        ),
    )
    facets = {(f.facet, f.value, f.source) for f in record_for(work).facets}
    assert facets == {("rating", "General Audiences", "declared"), ("tag", "Angst", "suggested")}


def test_the_stored_work_round_trips(library: Library) -> None:
    sample = sample_work()
    hit = search(library, SearchQuery.from_params({"q": ["ferry"]}))["results"][0]
    assert library.load_work(hit["id"]) == sample


def test_import_reports_bad_files_and_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text('"Hello," said Ann.\n', encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"\x00\x01\x02" * 100)
    (folder / "empty.txt").write_bytes(b"")
    (folder / ".hidden.txt").write_text("skipped", encoding="utf-8")
    (folder / "notes.pdf").write_bytes(b"%PDF")
    library = Library(tmp_path / "lib.db")
    report = import_paths(library, [folder, tmp_path / "missing.txt"])
    assert [s.title for s in report.added] == ["good"]
    failed = dict(report.failed)
    assert set(failed) == {
        str(folder / "bad.txt"),
        str(folder / "empty.txt"),
        str(tmp_path / "missing.txt"),
    }
    assert (
        "binary" in failed[str(folder / "bad.txt")]
        and "no such file" in failed[str(tmp_path / "missing.txt")]
    )


def test_import_with_worker_processes(tmp_path: Path) -> None:
    for n in range(4):
        (tmp_path / f"w{n}.txt").write_text(
            f'Story number {n}.\n\n"Line {n}," said Bo.\n', encoding="utf-8"
        )
    library = Library(tmp_path / "lib.db")
    report = import_paths(library, sorted(tmp_path.glob("w*.txt")), jobs=2, batch=3)
    assert report.done == 4 and library.count() == 4


def test_files_that_are_not_libraries_are_refused(tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("not a database " * 100, encoding="utf-8")
    with pytest.raises(LibraryError, match="cannot open as a library|not a ficscope library"):
        Library(text)
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    with pytest.raises(LibraryError, match="not a ficscope library"):
        Library(other)
    with pytest.raises(LibraryError, match="no such library"):
        Library(tmp_path / "absent.db", create=False)


def test_library_add_command(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text('"Hi," said Ann.\n', encoding="utf-8")
    db = tmp_path / "lib.db"
    result = CliRunner().invoke(
        main, ["library", "add", "--db", str(db), "-q", str(tmp_path / "a.txt")]
    )
    assert result.exit_code == 0, result.output
    assert "added 1, replaced 0, failed 0" in result.output
    result = CliRunner().invoke(
        main, ["library", "add", "--db", str(db), str(tmp_path / "nope.txt")]
    )
    assert (
        result.exit_code == 2 and "cannot add" in result.output and "no such file" in result.output
    )
    result = CliRunner().invoke(
        main, ["library", "add", "--db", str(tmp_path / "a.txt"), str(tmp_path / "a.txt")]
    )
    assert result.exit_code == 2 and "ficscope: error:" in result.output


def test_bitmap_facet_counts_match_the_exact_counts(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    search_module = importlib.import_module("ficscope.library.search")

    params = {"q": ["the"], "not_rating": ["Explicit"]}
    exact = search(library, SearchQuery.from_params(params))["facets"]
    monkeypatch.setattr(search_module, "SMALL_RESULT", 0)  # force the bitmap path
    fast = search(library, SearchQuery.from_params(params))["facets"]
    for facet in exact:
        assert exact[facet]["values"] == fast[facet]["values"], facet
    assert exact["rating"]["exact"] and not fast["rating"]["exact"]


def test_facet_index_follows_writes(library: Library, works: list[Work]) -> None:
    before = search(library, SearchQuery())["facets"]["fandom"]["values"]
    extra = replace(works[0], text=works[0].text + "\nMore.")
    library.add([record_for(extra)])
    after = search(library, SearchQuery())["facets"]["fandom"]["values"]
    count = {v["value"]: v["count"] for v in after}
    assert count["Harbour Tales"] == {v["value"]: v["count"] for v in before}["Harbour Tales"] + 1
