"""Mapping predicted characters to gold characters by name."""

from __future__ import annotations

from eval.charmap import fit, map_characters, name_score, normalize
from eval.documents import GoldCharacter, PredCharacter


def test_normalize() -> None:
    assert normalize("Mrs. Bennet") == "mrs bennet"
    assert normalize("  The  Widow Douglas ") == "widow douglas"
    assert normalize("Tom's Aunt Polly") == "tom s aunt polly"
    assert normalize("The") == "the"  # a lone "the" is kept, not emptied


def test_fit() -> None:
    assert fit("Elizabeth", "elizabeth") == 2
    # titles set aside, {walter} is within {walter, elliot}
    assert fit("Walter", "Sir Walter Elliot") == 1
    assert fit("Bennet", "Mr. Bennet") == 1
    assert fit("Mr. Darcy", "Fitzwilliam Darcy") == 1
    # Mr. and Mrs. Bennet: both titled, no title shared; a title alone never matches
    assert fit("Mr. Bennet", "Mrs. Bennet") == 0
    assert fit("Mr.", "Mr. Darcy") == 0


def test_name_score() -> None:
    # name "Kakashi" equals a gold form (2); pairs: kakashi=kakashi (match),
    # kakashi~hatake kakashi and copy nin~? (none): 1 match, 1 partial
    assert name_score("Kakashi", ["the copy-nin"], ["Kakashi", "Hatake Kakashi"]) == (2, 1, 1)
    # the name decides before the aliases: Mrs. Morel whose alias "Morel" is Mr. Morel's name
    mrs = name_score("Mrs. Morel", ["Morel"], ["Mrs. Morel"])
    mr = name_score("Mrs. Morel", ["Morel"], ["Morel", "Mr. Morel"])
    assert mrs == (2, 1, 1) and mr == (1, 1, 2)
    assert mrs > mr


def test_map_characters_takes_the_best_name_match() -> None:
    gold = [
        GoldCharacter("Mr_Bennet-6", "Mr. Bennet"),
        GoldCharacter("Mrs_Bennet-7", "Mrs. Bennet", ("Mrs Bennet",)),
        GoldCharacter("Lizzy-1", "Elizabeth", ("Lizzy", "Elizabeth Bennet")),
    ]
    pred = [
        PredCharacter("c1", "Mrs. Bennet"),
        PredCharacter("c2", "Elizabeth Bennet", ("Lizzy",)),
        PredCharacter("c3", "Netherfield"),
    ]
    assert map_characters(pred, gold) == {"c1": "Mrs_Bennet-7", "c2": "Lizzy-1"}


def test_ties_go_to_the_gold_character_with_more_quotes_then_the_first() -> None:
    gold = [GoldCharacter("Mr", "Mr. Bennet"), GoldCharacter("Mrs", "Mrs. Bennet")]
    bennet = [PredCharacter("c", "Bennet")]  # 1 point with each
    assert map_characters(bennet, gold) == {"c": "Mr"}
    assert map_characters(bennet, gold, quote_counts={"Mrs": 3, "Mr": 1}) == {"c": "Mrs"}


def test_mentions_decide_when_the_name_fits_no_gold_character_exactly() -> None:
    gold = [
        GoldCharacter("Mr", "Mr. Bennet"),
        GoldCharacter("Mrs", "Mrs. Bennet"),
        GoldCharacter("girls", "the girls", ("Bennet Daughters",)),
    ]
    pred = [
        PredCharacter("f", "their father"),  # no words left to match: mentions decide
        PredCharacter("b", "Bennet"),  # partly matches three; its mentions are Mrs. Bennet's
        PredCharacter("m", "Mr. Bennet"),  # an exact name beats what its mentions say
        PredCharacter("x", "Bennet"),  # no mentions aligned: the partial match (tie -> first)
    ]
    votes = {"f": {"Mr": 3, "Mrs": 1}, "b": {"Mrs": 2}, "m": {"Mrs": 5}}
    assert map_characters(pred, gold, mention_votes=votes) == {
        "f": "Mr",
        "b": "Mrs",
        "m": "Mr",
        "x": "Mr",
    }
    assert "f" not in map_characters(pred, gold)  # without gold mentions "their father" is lost
