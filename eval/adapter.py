"""What a system said, in the scorers' terms: a ficscope Work, or a prediction JSON from any other
system, becomes a Prediction.

From a Work: every ``Work.quotes`` entry (its ``speaker`` is a character id, None if unknown),
every ``Work.mentions`` entry (``character`` id, ``kind`` name/epithet/pronoun) and every
``Work.characters`` entry (id, name, aliases). Layers the Work lacks are simply empty: a Work from
before the speakers or characters passes scores 0 (or NA) on their metrics, never an error.

A prediction JSON (for systems that are not ficscope) is::

    {"quotes":     [{"start": 0, "end": 9, "speaker": "c1", "depth": 0}],
     "mentions":   [{"start": 20, "end": 24, "character": "c1", "kind": "name"}],
     "characters": [{"id": "c1", "name": "Alice", "aliases": ["Al"]}]}

with offsets into the gold document's text. A JSON object carrying ``schema`` and ``text`` is
read as a serialized ficscope Work instead.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from eval.documents import GoldDataError, GoldDoc, PredCharacter, Prediction, PredMention, PredQuote
from ficscope.model import Work, work_from_dict


def from_work(work: Work) -> Prediction:
    return Prediction(
        quotes=tuple(
            PredQuote(q.start, q.end, q.speaker, q.depth, q.addressee) for q in work.quotes
        ),
        mentions=tuple(PredMention(m.start, m.end, m.character, m.kind) for m in work.mentions),
        characters=tuple(PredCharacter(c.id, c.name, tuple(c.aliases)) for c in work.characters),
    )


def check_same_text(work: Work, gold: GoldDoc) -> None:
    """Offsets only compare if the Work's text is the gold's text, character for character."""
    if work.text == gold.text:
        return
    at = next(
        (i for i, (a, b) in enumerate(zip(work.text, gold.text, strict=False)) if a != b),
        min(len(work.text), len(gold.text)),
    )
    raise GoldDataError(
        gold.source or gold.id,
        f"the Work's text differs from the gold text at offset {at} "
        f"({work.text[at : at + 20]!r} vs {gold.text[at : at + 20]!r}); offsets would not compare",
    )


def from_dict(data: Any, *, gold: GoldDoc | None = None, source: str = "prediction") -> Prediction:
    """A Prediction from a prediction JSON object, or from a serialized ficscope Work (whose text
    is then checked against ``gold``'s)."""
    if not isinstance(data, dict):
        raise GoldDataError(source, "a prediction must be a JSON object")
    if "schema" in data and "text" in data:
        work = work_from_dict(data)
        if gold is not None:
            check_same_text(work, gold)
        return from_work(work)
    try:
        return Prediction(
            quotes=tuple(
                PredQuote(
                    int(q["start"]),
                    int(q["end"]),
                    q.get("speaker"),
                    int(q.get("depth", 0)),
                    q.get("addressee"),
                )
                for q in data.get("quotes", [])
            ),
            mentions=tuple(
                PredMention(
                    int(m["start"]), int(m["end"]), m.get("character"), m.get("kind", "name")
                )
                for m in data.get("mentions", [])
            ),
            characters=tuple(
                PredCharacter(
                    str(c["id"]), str(c.get("name", c["id"])), tuple(c.get("aliases", ()))
                )
                for c in data.get("characters", [])
            ),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise GoldDataError(source, f"malformed prediction: {exc!r}") from exc


def load_prediction(path: Path, gold: GoldDoc | None = None) -> Prediction:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GoldDataError(path, f"cannot read prediction: {exc}") from exc
    return from_dict(data, gold=gold, source=str(path))
