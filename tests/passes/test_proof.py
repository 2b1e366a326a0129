"""The proofreading pass: misspellings, fandom terms, confusables, split words, quotation marks;
and the accuracy gate against the hand-annotated seeds (eval/proof/gold)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from ficscope.fandoms import load_pack
from ficscope.model import Block, BlockRole, Character, Quote, Work
from ficscope.passes.proof import proofread, quotation_flags
from ficscope.passes.proof_lexicon import english, osa_distance

ROOT = Path(__file__).resolve().parents[2]
NARUTO = ROOT / "src" / "ficscope" / "fandoms" / "naruto.json"


def story(
    *paragraphs: str, characters: tuple[Character, ...] = (), quotes: tuple[Quote, ...] = ()
) -> Work:
    """A Work whose paragraphs are the given strings, separated by blank lines."""
    text = "\n\n".join(paragraphs)
    blocks, pos = [], 0
    for paragraph in paragraphs:
        blocks.append(Block(pos, pos + len(paragraph), BlockRole.PARAGRAPH))
        pos += len(paragraph) + 2
    return Work(text=text, blocks=tuple(blocks), characters=characters, quotes=quotes)


def flagged(work: Work, **kwargs: object) -> dict[str, tuple[str, str | None]]:
    """Flagged text -> (kind, suggestion)."""
    return {work.text[f.start : f.end]: (f.kind, f.suggestion) for f in proofread(work, **kwargs)}  # type: ignore[arg-type]


def test_english_lexicon_ships_inside_the_packages() -> None:
    lex = english()
    assert lex.known("colour") and lex.known("color") and lex.known("perspicacity")
    assert not lex.known("doppleganger")


def test_osa_distance_counts_transpositions_once() -> None:
    assert osa_distance("konoha", "kohona") == 2
    assert osa_distance("doppleganger", "doppelganger") == 1
    assert osa_distance("abc", "abcdef", 3) == 3


def test_misspelling_gets_a_suggestion() -> None:
    work = story("She looked at the doppleganger standing by the door.")
    assert flagged(work, packs=()) == {"doppleganger": ("spelling", "doppelganger")}


def test_correct_prose_is_not_flagged() -> None:
    work = story(
        "The colour of the theatre curtains was grey; the perspicacity of the critic was famous.",
        '"Hmm," she said. "Heh. Whatever you say, Mr. Blackwood." Blackwood laughed.',
        "It was a light-heartedly uncompanionable evening; the leafbuds were out.",
    )
    assert flagged(work, packs=()) == {}


def test_fandom_terms_flag_near_misses_and_keep_real_terms() -> None:
    pack = load_pack(NARUTO)
    work = story(
        "I don't own anything Naruto.",
        "The konoichi gathered her chakra and formed the seals for the jutsu.",
        '"Do you have enough chatura?" Kakashi asked. "I love kohona," Sakura said.',
        "The jonin and the chuunin watched the Sharingan spin. Kakashi's ninken growled.",
    )
    found = flagged(work, packs=(pack,))
    assert found["konoichi"] == ("fandom_term", "kunoichi")
    assert found["chatura"] == ("fandom_term", "chakra")
    assert found["kohona"] == ("fandom_term", "Konoha")
    for fine in ("chakra", "jutsu", "jonin", "chuunin", "Sharingan", "ninken", "Kakashi"):
        assert fine not in found


def test_fandom_terms_are_only_suggested_for_the_works_fandom() -> None:
    pack = load_pack(NARUTO)
    work = story("The konoichi walked home after the long day at the bakery with Margaret.")
    # No disclaimer, no Naruto cast: the pack's terms are known words, not suggestions.
    assert (
        "konoichi" not in flagged(work, packs=(pack,))
        or flagged(work, packs=(pack,))["konoichi"][0] != "fandom_term"
    )


def test_repeated_unknown_words_are_the_works_own_vocabulary() -> None:
    work = story(
        "The grimlet hissed. Another grimlet answered from the dark.",
        "Every grimlet in the valley was awake now.",
    )
    assert flagged(work, packs=()) == {}


def test_names_are_learned_from_the_work() -> None:
    cast = (Character("c1", "Thessaly Vorne", ("Thessaly", "Vorne")),)
    work = story('Thessaly nodded. "Vorne is late," Thessaly said to Oskarine.', characters=cast)
    assert flagged(work, packs=()) == {}


@pytest.mark.parametrize(
    ("text", "wrong", "right"),
    [
        ('"Your right," she admitted.', "Your", "You're"),
        ('"Its okay," he said.', "Its", "It's"),
        ('"Lets go home."', "Lets", "Let's"),
        ("They dashed off though the hospital halls.", "though", "through"),
        ("She looked at them though a window.", "though", "through"),
        ("Two shadows sail pass them.", "pass", "past"),
        ("I could of been a contender.", "of", "have"),
        ("He was taller then his father.", "then", "than"),
        ("I don't want to loose you.", "loose", "lose"),
        ("It was used incase of fire.", "incase", "in case"),
        ("He rushed to her aide at once.", "aide", "aid"),
        ("They both accessed the situation.", "accessed", "assessed"),
        ("I wander if he knows.", "wander", "wonder"),
    ],
)
def test_confusables_in_context(text: str, wrong: str, right: str) -> None:
    assert flagged(story(text), packs=()) == {wrong: ("confusable", right)}


@pytest.mark.parametrize(
    "text",
    [
        "Even though the door was locked, he waited.",
        "He smiled, though the pain was great.",
        "It looked as though it could never end.",
        "She lets go of the rope.",
        "The dog wagged its tail; its very nature was kind.",
        "I am afraid of your going to Paris.",
        "Oh, quit your kidding.",
        "It is your right to know.",
        "He had the might of a giant.",
        "Let them pass the salt.",
        "No more then, we'll stop.",
    ],
)
def test_confusables_stay_silent_on_correct_uses(text: str) -> None:
    assert flagged(story(text), packs=()) == {}


def test_split_word() -> None:
    work = story("H e was afraid to ask.", "She had a plan B and a plan C.")
    assert flagged(work, packs=()) == {"H e": ("split_word", "He")}


def test_eye_dialect_is_left_alone() -> None:
    work = story(
        "\"I'm goin' to th' moor, an' I'll tell thee summat o' mysel' an' hersel,\" said Dickon."
    )
    assert flagged(work, packs=()) == {}


def test_quotation_problems_come_from_the_quotes_layer() -> None:
    text = '"Are you holding back?\n\nShe laughed.\n\n\'We have to go."\n\n"Wait,\n\n"and listen."'
    mismatched = text.index("'We")
    wait = text.index('"Wait')
    listen = text.index('"and')
    quotes = (
        Quote(0, 22, '"', None),  # never closed; narration follows
        Quote(mismatched, mismatched + 16, "'", '"'),  # opened with ' and closed with "
        Quote(wait, wait + 6, '"', None),  # speech over paragraphs, reopened: fine
        Quote(listen, len(text), '"', '"', continued=True),
    )
    flags = quotation_flags(text, quotes)
    assert [(text[f.start : f.end], f.kind) for f in flags] == [
        ('"Are you holding back?', "quotation"),
        ("'We have to go.\"", "quotation"),
    ]
    assert flags[1].suggestion == '"We have to go."'


def test_dash_dialogue_resumed_after_its_tag_is_not_a_quotation_problem() -> None:
    text = '--Thanks, old chap, he cried. That will do.\n\nHe left.\n\nShe said: "Go.'
    thanks, that, go = text.index("--Thanks"), text.index("That"), text.index('"Go')
    quotes = (
        Quote(thanks, thanks + len("--Thanks, old chap,"), "-", None),
        Quote(that, that + len("That will do."), "", None),  # resumed after the tag: fine
        Quote(go, len(text), '"', None),  # never closed, in another paragraph
    )
    flags = quotation_flags(text, quotes)
    assert [text[f.start : f.end] for f in flags] == ['"Go.']


def test_flags_never_overlap_and_are_in_text_order() -> None:
    work = story("Its okay, lets go. H e said the doppleganger was alot like him.")
    flags = proofread(work, packs=())
    assert [f.start for f in flags] == sorted(f.start for f in flags)
    assert all(a.end <= b.start for a, b in zip(flags, flags[1:], strict=False))
    assert all(0.5 <= f.confidence <= 1 for f in flags)


def test_no_story_no_flags() -> None:
    assert proofread(Work(text=""), packs=()) == []


def test_speed_100k_words() -> None:
    sentence = (
        "Kakashi walked through the quiet village while the snow fell on the roofs, and Sakura "
        "watched him from the window of the hospital with a cup of tea in her hands. "
    )
    paragraph = sentence * 5
    work = story(*([paragraph] * 140))  # about 100k words
    english()
    start = time.process_time()
    proofread(work, packs=())
    assert time.process_time() - start < 2.0


# --- the accuracy gate on the seeds --------------------------------------------------------------

FLOORS = json.loads((ROOT / "eval" / "proof" / "floors.json").read_text())


@pytest.mark.skipif(
    not (ROOT.parent / "shared" / "seeds").exists(), reason="../shared not available"
)
def test_seed_gold_precision_and_recall_hold_their_floors() -> None:
    from eval.proof.score import evaluate

    total = evaluate()["total"]
    assert total["precision"] >= FLOORS["precision"]
    assert total["recall_in_scope"] >= FLOORS["recall_in_scope"]
