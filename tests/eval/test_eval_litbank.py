"""The LitBank loader: a hand-made book in LitBank's layout, then the real data when present."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from eval import litbank
from eval.documents import GoldDataError, GoldMention, GoldQuote
from eval.splits import load_split, make_split


def _tiny(
    root: Path, *, original: str = "“Wait,” said\nAnn.  She ran.\n\nMore text after.\n"
) -> Path:
    (root / "coref" / "tsv").mkdir(parents=True)
    (root / "quotations" / "tsv").mkdir(parents=True)
    (root / "original").mkdir()
    (root / "README.md").write_text("|1|1900|Doe, Jane|Tiny|\n", encoding="utf-8")
    (root / "coref" / "tsv" / "1_tiny_brat.txt").write_text(
        "“ Wait , ” said Ann .\nShe ran .\n", encoding="utf-8"
    )
    (root / "coref" / "tsv" / "1_tiny_brat.ann").write_text(
        "MENTION\tT1\t0\t5\t0\t5\tAnn\tPER\tPROP\n"
        "MENTION\tT2\t1\t0\t1\t0\tShe\tPER\tPRON\n"
        "MENTION\tT3\t1\t1\t1\t1\tran\tPER\tNOM\n"  # an attribute mention with no COREF
        "COREF\tT1\tAnn-0\nCOREF\tT2\tAnn-0\nCOP\tT3\tT2\n",
        encoding="utf-8",
    )
    (root / "quotations" / "tsv" / "1_tiny_brat.ann").write_text(
        "QUOTE\tQ1\t0\t0\t0\t3\t“ Wait , ”\nATTRIB\tQ1\tAnn-0\n", encoding="utf-8"
    )
    (root / "original" / "1_tiny.txt").write_text(original, encoding="utf-8")
    return root


def test_original_view_offsets(tmp_path: Path) -> None:
    doc = litbank.load_book("1_tiny", root=_tiny(tmp_path))
    # the excerpt runs from the first token to the last: the text after it is not annotated
    assert doc.text == "“Wait,” said\nAnn.  She ran."
    [quote] = doc.quotes
    assert (quote.start, quote.end, quote.speaker) == (0, 7, "Ann-0")
    assert doc.quote_text(quote) == "“Wait,”"
    # "Ann" after "“Wait,” said\n" (13 characters); "She" after "Ann.  " (13 + 4 + 2)
    assert [(m.start, m.end, m.entity, m.kind) for m in doc.mentions] == [
        (13, 16, "Ann-0", "PROP"),
        (19, 22, "Ann-0", "PRON"),
    ]
    assert doc.title == "Tiny"
    [ann] = doc.characters
    assert (ann.id, ann.name) == ("Ann-0", "Ann")


def test_brat_view_offsets(tmp_path: Path) -> None:
    doc = litbank.load_book("1_tiny", root=_tiny(tmp_path), view="brat")
    assert doc.text == "“ Wait , ” said Ann .\nShe ran .\n"  # the file, unchanged
    assert doc.quote_text(doc.quotes[0]) == "“ Wait , ”"
    # tokens “ Wait , ” said Ann . -> Ann at 16; the second line starts at 22
    assert [(m.start, m.end) for m in doc.mentions] == [(16, 19), (22, 25)]


def test_an_original_that_does_not_hold_the_tokens_is_refused(tmp_path: Path) -> None:
    root = _tiny(tmp_path, original="“Wait,” said Anne. She ran.")
    with pytest.raises(GoldDataError, match="not found in the original"):
        litbank.load_book("1_tiny", root=root)


def test_an_annotation_whose_text_is_not_its_tokens_is_refused(tmp_path: Path) -> None:
    root = _tiny(tmp_path)
    ann = root / "quotations" / "tsv" / "1_tiny_brat.ann"
    ann.write_text("QUOTE\tQ1\t0\t0\t0\t2\t“ Wait , ”\n", encoding="utf-8")
    with pytest.raises(GoldDataError, match="does not match the tokens"):
        litbank.load_book("1_tiny", root=root)


def test_the_first_person_narrator_is_called_the_narrator() -> None:
    text = "I went. “I stay,” said Bo. I sat; my hat fell on me."
    spans = [(m.start(), m.end()) for m in re.finditer(r"\b(I|my|me)\b", text)]
    quote = GoldQuote(text.index("“"), text.index("”") + 1, "Bo-1")
    # I, my, me outside the quotation: 4 for Nat; the "I" inside Bo's line does not count
    mentions = [
        GoldMention(s, e, "Bo-1" if quote.start < s < quote.end else "Nat-0", "PRON")
        for s, e in spans
    ]
    assert litbank._narrator(text, mentions, [quote]) == "Nat-0"
    assert litbank._narrator(text, mentions[:2], [quote]) is None  # fewer than 3: nobody
    [nat, bo] = litbank._characters(text, mentions, [quote])
    assert nat.forms == ("Nat", "the narrator") and bo.forms == ("Bo",)


def test_entity_label() -> None:
    assert litbank.entity_label("Miss_Watson-26") == "Miss Watson"
    assert litbank.entity_label("MRS__SHAW-14") == "MRS SHAW"
    assert litbank.entity_label("33") == "33"


def test_split_rule() -> None:
    split = make_split([f"b{i:02d}" for i in range(10)][::-1])
    assert split["test"] == ["b04", "b09"]
    assert len(split["train"]) == 8


# -- the real LitBank --


def test_every_book_loads_in_both_views_and_the_views_agree(litbank_root: Path) -> None:
    ids = litbank.book_ids(litbank_root)
    assert len(ids) == 100
    squash = re.compile(r"\s+")
    tokens = 0
    for book in ids:
        original = litbank.load_book(book, root=litbank_root)
        brat = litbank.load_book(book, root=litbank_root, view="brat")
        tokens += len(brat.text.split())
        assert len(original.quotes) == len(brat.quotes)
        assert len(original.mentions or ()) == len(brat.mentions or ())
        pairs = [*zip(original.quotes, brat.quotes, strict=True)]
        pairs += [*zip(original.mentions or (), brat.mentions or (), strict=True)]
        for a, b in pairs:
            # the same characters, apart from white space
            assert squash.sub("", original.text[a.start : a.end]) == squash.sub(
                "", brat.text[b.start : b.end]
            )
        # the original view is a piece of the Gutenberg file, untouched
        assert original.text in (litbank_root / "original" / f"{book}.txt").read_text(
            encoding="utf-8"
        )
    assert tokens == 210_532  # the token count LitBank's README gives


def test_the_pinned_split_follows_the_rule(litbank_root: Path) -> None:
    split = make_split(litbank.book_ids(litbank_root))
    assert load_split("test") == split["test"]
    assert load_split("train") == split["train"]
    assert not set(split["test"]) & set(split["train"])
    assert len(split["test"]) == 20 and len(split["train"]) == 80
