"""The handmade suite's gold (eval/gold/handmade/) loads and fits its stories."""

from __future__ import annotations

import json

from eval import handmade

MARKS = '\u201c\u201d"'


def test_handmade_gold_loads_and_fits_the_text() -> None:
    docs = handmade.load_handmade()
    assert [d.id for d in docs] == [
        "genshin_action",
        "goodomens_ducks",
        "haikyuu_gym",
        "hp_group",
        "mha_firstperson",
        "pjo_busstation",
        "sherlock_present",
        "starwars_lift",
    ]
    for doc in docs:
        raw = json.loads((handmade.GOLD_DIR / f"{doc.id}.quotes.json").read_text("utf-8"))
        assert len(doc.quotes) == len(raw["quotes"]) > 40
        for item in raw["quotes"]:
            assert doc.text[item["start"] : item["end"]] == item["text"]
        bounds = {q.start for q in doc.quotes} | {q.end - 1 for q in doc.quotes}
        assert {i for i, c in enumerate(doc.text) if c in MARKS} <= bounds
        labels = {c.id for c in doc.characters}
        assert all(q.speaker is None or q.speaker in labels for q in doc.quotes)
        chars = json.loads((handmade.GOLD_DIR / f"{doc.id}.characters.json").read_text("utf-8"))
        assert len(doc.characters) == len(chars["characters"])
        text = doc.text.lower()
        assert all(a.lower() in text for c in chars["characters"] for a in c["aliases"])
