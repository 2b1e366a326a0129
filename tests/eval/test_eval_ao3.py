"""The AO3 suite's hand-made gold (eval/gold/ao3/) loads and fits the text ficscope reads."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from eval import ao3
from eval.documents import GoldDataError

MARKS = '\u201c\u201d"\u2018'


@pytest.fixture(scope="module")
def samples() -> Path:
    root = ao3.default_samples_dir()
    if not root.is_dir():
        pytest.skip(f"{root} not available")
    return root


def _raw(stem: str) -> list[dict[str, Any]]:
    data = json.loads((ao3.GOLD_DIR / f"{stem}.quotes.json").read_text(encoding="utf-8"))
    quotes: list[dict[str, Any]] = data["quotes"]
    return quotes


def test_ao3_gold_loads_and_fits_the_text(samples: Path) -> None:
    docs = ao3.load_ao3(samples)
    assert [d.id for d in docs] == ["23009290"]
    [doc] = docs
    assert doc.input_file == str(samples / "23009290.html")
    assert doc.nested_quotes and doc.mentions is None
    raw = _raw(doc.id)
    assert len(doc.quotes) == len(raw) == 135
    for item in raw:
        assert doc.text[item["start"] : item["end"]] == item["text"]
    # in text order, not overlapping, and every quote mark lies on a span boundary
    assert all(a.end <= b.start for a, b in zip(doc.quotes, doc.quotes[1:], strict=False))
    bounds = {q.start for q in doc.quotes} | {q.end - 1 for q in doc.quotes}
    marks = [i for i, c in enumerate(doc.text) if c in MARKS]
    assert len(marks) == 270 and set(marks) <= bounds
    # every speaker is a listed character (none was made up from an unknown label)
    labels = {c.id for c in doc.characters}
    assert {"Honoroit", "Emmanellain", "Thorne", "chirurgeon"} <= labels
    assert all(q.speaker in labels for q in doc.quotes)
    assert all(set(q.alt_speakers) <= labels for q in doc.quotes)
    assert len(doc.characters) == len(
        json.loads((ao3.GOLD_DIR / "23009290.characters.json").read_text(encoding="utf-8"))[
            "characters"
        ]
    )


def test_ao3_aliases_occur_in_the_text(samples: Path) -> None:
    [doc] = ao3.load_ao3(samples)
    text = doc.text.lower()
    data = json.loads((ao3.GOLD_DIR / "23009290.characters.json").read_text(encoding="utf-8"))
    for c in data["characters"]:
        for alias in c["aliases"]:
            assert alias.lower() in text, alias


def test_ao3_gold_for_a_missing_story_is_refused(tmp_path: Path) -> None:
    (tmp_path / "1.quotes.json").write_text('{"file": "1.html", "quotes": []}', encoding="utf-8")
    with pytest.raises(GoldDataError, match="missing"):
        ao3.load_ao3(tmp_path, gold_dir=tmp_path)
    (tmp_path / "1.quotes.json").write_text('{"file": "2.html", "quotes": []}', encoding="utf-8")
    with pytest.raises(GoldDataError, match="stem"):
        ao3.load_ao3(tmp_path, gold_dir=tmp_path)
