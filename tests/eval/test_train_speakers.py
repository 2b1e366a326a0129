"""scripts/train_speakers.py: its training turns decode as the speakers pass decodes them, from
LitBank books and from hand-written fan fiction, and its CRF scores paths as the decode does."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

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


def test_the_crf_scores_a_path_as_the_decode_does() -> None:
    """Restricted to one path, the CRF's log Z is that path's score, and so is the dot product of
    the path's features: the decode's own best score (its max-marginal). Their transitions are
    the decode's (``Transitions``: no A-B-A reward where settled, no third-speaker cost where
    given, by a named beat or for the one just called, the line a turn ends on followed, ...)."""
    script = load_script()
    data = hand_written_examples(script, "goodomens_ducks")
    w = dict(script.S.load_model()["weights"])
    keys = sorted({*w, *(k for conv, _ in data for fs in conv.features for f in fs for k in f)})
    index = {k: i for i, k in enumerate(keys)}
    for conv, _ in data:
        path, marginals = script.S.viterbi(conv, w)
        best = max(marginals[0].values())
        assert script.S.dot(w, script.path_features(conv, path)) == pytest.approx(best)
        crf = script._Crf(conv, index)
        log_z = crf.log_z([w.get(k, 0.0) for k in keys], [{c} for c in path], [0.0] * len(keys), 1)
        assert log_z == pytest.approx(best)
