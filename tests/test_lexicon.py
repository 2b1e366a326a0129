"""The shipped word lists: each entry once, so that a later line cannot silently undo an
earlier one ("boy m" ... "boy" made boys ungendered)."""

from __future__ import annotations

from collections import Counter
from importlib import resources

import pytest

from ficscope.lexicon import _lines, gendered_list

LISTS = sorted(
    p.name.removesuffix(".txt")
    for p in resources.files("ficscope.lexicon").iterdir()
    if p.name.endswith(".txt")
)


@pytest.mark.parametrize("name", LISTS)
def test_no_entry_is_listed_twice(name: str) -> None:
    rows = _lines(name)
    if name in ("person_nouns", "animal_nouns"):  # "word [m|f]"
        entries = Counter(row[0].lower() for row in rows)
    elif name == "given_names":  # "m name name ..."
        entries = Counter(w.lower() for row in rows for w in row[1:])
    elif name == "service_phrases":  # one phrase a line: "delivery guy", "delivery boy"
        entries = Counter(" ".join(row).lower() for row in rows)
    elif name == "nicknames":  # "formal nick nick ...": a nickname may shorten several names
        entries = Counter(f"{row[0]} {w}".lower() for row in rows for w in row[1:])
    else:
        entries = Counter(w.lower() for row in rows for w in row)
    assert [w for w, n in entries.items() if n > 1] == []


def test_gendered_person_nouns() -> None:
    nouns = gendered_list("person_nouns")
    assert (nouns["boy"], nouns["girl"], nouns["blond"], nouns["blonde"]) == ("m", "f", "m", "f")
