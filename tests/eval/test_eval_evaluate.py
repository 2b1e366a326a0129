"""Scoring a document end to end, the Work adapter, and the seeds' gold loader."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval import litbank, seeds
from eval.adapter import check_same_text, from_dict, from_work
from eval.documents import (
    GoldCharacter,
    GoldDataError,
    GoldDoc,
    GoldMention,
    GoldQuote,
    PredCharacter,
    Prediction,
    PredMention,
    PredQuote,
)
from eval.evaluate import run_ficscope, score_doc, total
from ficscope.model import Character, Mention, Quote, Work

approx = pytest.approx
TEXT = "“Hi,” said Ann. “Bye,” said Bob. “Yes,” she said."


def _span(text: str, part: str, after: int = 0) -> tuple[int, int]:
    start = text.index(part, after)
    return start, start + len(part)


def _gold() -> GoldDoc:
    q = [_span(TEXT, "“Hi,”"), _span(TEXT, "“Bye,”"), _span(TEXT, "“Yes,”")]
    ann, bob, she = _span(TEXT, "Ann"), _span(TEXT, "Bob"), _span(TEXT, "she")
    return GoldDoc(
        id="tiny",
        text=TEXT,
        quotes=(GoldQuote(*q[0], "A"), GoldQuote(*q[1], "B"), GoldQuote(*q[2], "A")),
        mentions=(
            GoldMention(*ann, "A", "PROP"),
            GoldMention(*bob, "B", "PROP"),
            GoldMention(*she, "A", "PRON"),
            GoldMention(0, 2, "HOUSE", "NOM", category="FAC"),  # not a person: never scored
        ),
        characters=(GoldCharacter("A", "Ann"), GoldCharacter("B", "Bob")),
    )


def test_score_doc_by_hand() -> None:
    gold = _gold()
    hi, bye, yes = (q.start for q in gold.quotes)
    pred = Prediction(
        quotes=(
            PredQuote(hi, hi + 5, "c1"),
            PredQuote(bye, bye + 6, "c2"),
            PredQuote(yes, yes + 5, "c2"),  # one character short, and the wrong speaker
            PredQuote(yes + 1, yes + 4, None, depth=1),  # nested: LitBank-style gold has none
        ),
        mentions=(
            PredMention(*_span(TEXT, "Ann"), "c1", "name"),
            PredMention(*_span(TEXT, "Bob"), "c2", "name"),
            PredMention(*_span(TEXT, "she"), "c2", "pronoun"),
        ),
        characters=(PredCharacter("c1", "Ann"), PredCharacter("c2", "Bob")),
    )
    values = score_doc(gold, pred).values()
    # quotes: 2 of 3 exact (P = R = 2/3); all 3 overlap; the depth-1 quote is not compared
    assert values["quote_f1"] == approx(2 / 3)
    assert values["quote_overlap_f1"] == approx(1.0)
    # speakers: c1 -> Ann = A right, c2 -> Bob = B right, c2 -> B for gold A wrong: 2/3
    assert values["speaker_accuracy"] == approx(2 / 3)
    # B3 key {0:A, 1:B, 2:A}, response {0:c1, 1:c2, 2:c2}: P = R = 2/3 (see test_eval_scoring)
    assert values["speaker_b3_f1"] == approx(2 / 3)
    # names: Ann and Bob apart on both sides -> B3 1; MUC has no links to score -> NA
    assert values["names_b3_f1"] == approx(1.0)
    assert values["names_muc_f1"] is None
    # coref: key {Ann, she} {Bob}; response {Ann} {Bob, she}
    # MUC 0 (the one key link is cut, the one response link is wrong); B3 P = R = 2/3;
    # CEAF-e: Ann~{Ann} 2/3 + Bob~{Bob, she} 2/3 = 4/3 over 2 entities each side -> 2/3
    assert values["coref_muc_f1"] == 0.0
    assert values["coref_b3_f1"] == approx(2 / 3)
    assert values["coref_ceafe_f1"] == approx(2 / 3)
    assert values["coref_conll_f1"] == approx((0 + 2 / 3 + 2 / 3) / 3)


def test_an_empty_prediction_scores_zero_not_an_error() -> None:
    values = score_doc(_gold(), Prediction()).values()
    assert values["quote_f1"] == 0.0
    assert values["speaker_accuracy"] is None  # no gold quote was matched
    assert values["names_b3_f1"] == 0.0 and values["coref_conll_f1"] == 0.0
    # quotes found but nobody attributed: accuracy 0, B3 0
    found = Prediction(quotes=tuple(PredQuote(q.start, q.end) for q in _gold().quotes))
    values = score_doc(_gold(), found).values()
    assert (values["speaker_accuracy"], values["speaker_b3_f1"]) == (0.0, 0.0)


def test_alternative_speakers_and_speaker_names_without_characters() -> None:
    gold = _gold()
    q = gold.quotes[2]
    gold = GoldDoc(
        gold.id,
        gold.text,
        (GoldQuote(q.start, q.end, "A", alt_speakers=("B",)),),
        None,
        gold.characters,
    )
    # a system that names speakers directly (no character list): "Bob" is read as a name
    pred = Prediction(quotes=(PredQuote(q.start, q.end, "Bob"),))
    assert score_doc(gold, pred).values()["speaker_accuracy"] == 1.0
    assert score_doc(gold, pred).values()["coref_conll_f1"] is None  # no mention layer: NA


def test_addressee_accuracy_over_gold_quotes_that_name_one() -> None:
    gold = _gold()
    hi, bye, yes = gold.quotes
    gold = GoldDoc(
        gold.id,
        gold.text,
        (
            GoldQuote(hi.start, hi.end, "A", addressees=("B",)),
            GoldQuote(bye.start, bye.end, "B", addressees=("A",)),
            GoldQuote(yes.start, yes.end, "A"),  # the gold names no addressee: not scored
        ),
        None,
        gold.characters,
    )
    pred = Prediction(
        quotes=(
            PredQuote(hi.start, hi.end, "c1", addressee="c2"),
            PredQuote(bye.start, bye.end, "c2", addressee=None),
            PredQuote(yes.start, yes.end, "c1", addressee="c2"),
        ),
        characters=(PredCharacter("c1", "Ann"), PredCharacter("c2", "Bob")),
    )
    assert score_doc(gold, pred).values()["addressee_accuracy"] == approx(1 / 2)


def _oracle(doc: GoldDoc) -> Prediction:
    return Prediction(
        quotes=tuple(PredQuote(q.start, q.end, q.speaker) for q in doc.quotes),
        mentions=tuple(
            PredMention(m.start, m.end, m.entity, "name" if m.kind == "PROP" else "pronoun")
            for m in doc.mentions or ()
            if m.category == "PER"
        ),
        characters=tuple(PredCharacter(c.id, c.name, c.aliases) for c in doc.characters),
    )


def test_gold_as_prediction_scores_perfectly(litbank_root: Path) -> None:
    docs = litbank.load_books(
        ["1342_pride_and_prejudice", "76_adventures_of_huckleberry_finn"], root=litbank_root
    )
    values = total(score_doc(d, _oracle(d)) for d in docs).values()
    for name in (
        "quote_f1",
        "speaker_accuracy",
        "speaker_b3_f1",
        "names_b3_f1",
        "names_muc_f1",
        "coref_conll_f1",
    ):
        assert values[name] == approx(1.0), name


def test_from_work() -> None:
    work = Work(
        text=TEXT,
        quotes=(Quote(0, 5, "“", "”", speaker="c1"), Quote(1, 3, "'", "'", depth=1)),
        mentions=(Mention(11, 14, "c1", "name"), Mention(40, 43, None, "pronoun")),
        characters=(Character("c1", "Ann", ("Annie",)),),
    )
    pred = from_work(work)
    assert pred.quotes == (PredQuote(0, 5, "c1", 0), PredQuote(1, 3, None, 1))
    assert pred.mentions == (
        PredMention(11, 14, "c1", "name"),
        PredMention(40, 43, None, "pronoun"),
    )
    assert pred.characters == (PredCharacter("c1", "Ann", ("Annie",)),)
    # a Work read from a different text cannot be scored against this gold
    with pytest.raises(GoldDataError, match="differs from the gold text at offset 2"):
        check_same_text(Work(text="“Ho"), _gold())


def test_prediction_json() -> None:
    pred = from_dict(
        {
            "quotes": [{"start": 0, "end": 5, "speaker": "c1"}],
            "mentions": [{"start": 11, "end": 14, "character": "c1"}],
            "characters": [{"id": "c1", "name": "Ann"}],
        }
    )
    assert pred == Prediction(
        (PredQuote(0, 5, "c1"),), (PredMention(11, 14, "c1"),), (PredCharacter("c1", "Ann"),)
    )
    with pytest.raises(GoldDataError, match="malformed"):
        from_dict({"quotes": [{"start": 0}]})


def test_run_ficscope_on_a_gold_text() -> None:
    [run] = run_ficscope([_gold()], passes=("segment", "quotes"))
    assert run.prediction.quotes  # the quotes pass found something in the same text
    assert run.scores.quote_exact.r_den == 3
    assert run.analyze_seconds >= 0


# -- the seeds' gold --


def _seed(tmp_path: Path, quotes: list[dict[str, object]]) -> tuple[Path, Path]:
    seeds_dir, gold_dir = tmp_path / "seeds", tmp_path / "gold"
    seeds_dir.mkdir()
    gold_dir.mkdir()
    (seeds_dir / "s1.txt").write_bytes(TEXT.encode("utf-8"))
    (seeds_dir / "s2.txt").write_bytes(b"no gold for this one")
    (gold_dir / "s1.quotes.json").write_text(json.dumps({"quotes": quotes}), encoding="utf-8")
    chars = {"characters": [{"name": "Ann Smith", "speaker_label": "Ann", "aliases": ["Annie"]}]}
    (gold_dir / "s1.characters.json").write_text(json.dumps(chars), encoding="utf-8")
    return seeds_dir, gold_dir


def test_seed_gold(tmp_path: Path) -> None:
    hi, bye, yes = _span(TEXT, "“Hi,”"), _span(TEXT, "“Bye,”"), _span(TEXT, "“Yes,”")
    seeds_dir, gold_dir = _seed(
        tmp_path,
        [
            {
                "start": hi[0],
                "end": hi[1],
                "text": "“Hi,”",
                "speaker": "Annie",
                "alt_speakers": ["Bob"],
            },
            {"start": bye[0], "end": bye[1], "speaker": "Bob", "depth": 0},
            {"start": yes[0], "end": yes[1], "speaker": "UNKNOWN"},
        ],
    )
    docs, missing = seeds.load_seeds(seeds_dir, gold_dir=gold_dir)
    assert [p.name for p in missing] == ["s2.txt"]
    [doc] = docs
    assert doc.nested_quotes and doc.mentions is None
    # "Annie" is an alias of the character labelled "Ann"; "Bob" is not listed, so becomes one;
    # UNKNOWN is no speaker
    assert [(q.speaker, q.alt_speakers) for q in doc.quotes] == [
        ("Ann", ("Bob",)),
        ("Bob", ()),
        (None, ()),
    ]
    assert [c.id for c in doc.characters] == ["Ann", "Bob"]
    assert doc.characters[0].forms == ("Ann Smith", "Ann", "Annie")


def test_seed_gold_that_does_not_fit_the_text_is_refused(tmp_path: Path) -> None:
    seeds_dir, gold_dir = _seed(
        tmp_path, [{"start": 0, "end": 5, "text": "“Ho,”", "speaker": "Ann"}]
    )
    with pytest.raises(GoldDataError, match="is not what"):
        seeds.load_seeds(seeds_dir, gold_dir=gold_dir)
    with pytest.raises(GoldDataError, match="no gold for s2.txt"):
        seeds.load_seed(seeds_dir / "s2.txt", gold_dir=gold_dir)


def test_cast_clustering_scores_the_forms_gold_lists_per_character() -> None:
    # Gold with no mention layer: Geralt goes by "Geralt", "the witcher", "the man"; Jaskier by
    # "Jaskier", "the bard", "the man" ("the man" names two: not scored). ficscope keeps "the
    # witcher" apart from Geralt and never finds "the bard".
    text = "Geralt sat. The witcher drank. Jaskier sang. The bard bowed. The man left."
    gold = GoldDoc(
        "inn",
        text,
        (),
        None,
        (
            GoldCharacter("G", "Geralt", ("the witcher", "the man")),
            GoldCharacter("J", "Jaskier", ("the bard", "the man")),
        ),
    )
    pred = Prediction(
        characters=(
            PredCharacter("geralt", "Geralt", ("Geralt",)),
            PredCharacter("unnamed-witcher", "The witcher"),
            PredCharacter("jaskier", "Jaskier", ("the man",)),
        )
    )
    scores = score_doc(gold, pred)
    values = scores.values()
    # items geralt, the witcher (G), jaskier (J): response splits G in two
    # recall (1/2 + 1/2 + 1) / 3; precision 1
    assert values["cast_b3_f1"] == approx(2 * 1 * (2 / 3) / (1 + 2 / 3))
    assert values["cast_found"] == approx(3 / 4)  # of geralt, the witcher, jaskier, the bard
    assert values["names_b3_f1"] is None
