"""scripts/train_speakers.py: its training turns decode as the speakers pass decodes them, from
LitBank books and from hand-written fan fiction."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "train_speakers.py"


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("train_speakers", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["train_speakers"] = module
    spec.loader.exec_module(module)
    return module


def test_the_shipped_weights_get_most_training_turns_of_a_book_right(litbank_root: Path) -> None:
    script = load_script()
    books = script.prepared(["113_the_secret_garden"])
    data = [ex for gold, work in books.values() for ex in script.examples(gold, work)]
    weights = script.S.load_model()["weights"]
    right, turns = script.turns_right(data, weights)
    assert turns >= 10
    assert right >= 0.8 * turns  # the pass's own decode (speaker accuracy 90 on this book)


def hand_written_examples(script: ModuleType, story_id: str) -> list[Any]:
    from eval import handmade

    story = next(d for d in handmade.load_handmade() if d.id == story_id)
    books = script.prepared_fanfic([story])
    return [ex for gold, work in books.values() for ex in script.examples(gold, work)]


def test_a_hand_written_story_gives_turns_with_their_gold_candidates() -> None:
    script = load_script()
    data = hand_written_examples(script, "goodomens_ducks")
    gold = [a for _, allowed in data for a in allowed if a is not None]
    assert len(gold) >= 30  # fan-fiction gold has no mentions: candidates map by name
    assert all(gold)
    right, turns = script.turns_right(data, script.S.load_model()["weights"])
    assert right >= 0.9 * turns
