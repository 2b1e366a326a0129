"""The tags pass on hand-made works: every tag type with evidence; declared tags kept, marked."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from ficscope.fandoms import load_packs
from ficscope.model import (
    BlockRole,
    Metadata,
    Rating,
    TagStatus,
    TagSuggestion,
    TagType,
    Warning,
    Work,
)
from ficscope.passes.known_cast import work_packs
from ficscope.passes.relations import relationships_pass
from ficscope.passes.tags import suggest_tags, tags_pass
from ficscope.passes.tags_declared import parse_rating, same_name, same_relationship
from ficscope.passes.tags_fandom import identify_fandoms

Make = Callable[..., Work]
DISCLAIMER = ("I don't own anything Naruto.", BlockRole.DISCLAIMER)
KAKASHI_SAKURA = [("kakashi", "Kakashi", "he/him"), ("sakura", "Sakura", "she/her")]
ROMANCE = [
    "Kakashi found Sakura on the roof of the hospital after her shift.",
    '"You came," Sakura said, and smiled at him.',
    "He kissed her, slowly, and she kissed him back.",
    '"I love you," Kakashi told Sakura. "I have for a long time."',
    "They kept their relationship a secret. No one knew, and they told no one.",
    "Sakura held his hand as the sun went down, and they kissed again.",
]


def tags(work: Work, tag_type: TagType) -> list[TagSuggestion]:
    work = relationships_pass(work)
    return [t for t in suggest_tags(work) if t.type is tag_type]


def names(suggestions: list[TagSuggestion]) -> list[str]:
    return [s.tag for s in suggestions]


def test_every_suggestion_has_type_confidence_and_status(make_work: Make) -> None:
    work = relationships_pass(make_work(ROMANCE, KAKASHI_SAKURA, header=[DISCLAIMER]))
    found = suggest_tags(work)
    assert {t.type for t in found} >= {
        TagType.FANDOM,
        TagType.RATING,
        TagType.WARNING,
        TagType.CATEGORY,
        TagType.RELATIONSHIP,
        TagType.CHARACTER,
        TagType.FREEFORM,
    }
    for t in found:
        assert 0 < t.confidence <= 1
        assert t.status is TagStatus.MISSING  # nothing declared
        for e in t.evidence:
            assert 0 <= e.start < e.end <= len(work.text)


def test_the_pass_records_its_layer(make_work: Make) -> None:
    work = tags_pass(relationships_pass(make_work(ROMANCE, KAKASHI_SAKURA)))
    assert "tags" in work.layers and work.tags


# --- fandom ------------------------------------------------------------------------------------


def test_fandom_from_a_disclaimer_with_a_pack(make_work: Make) -> None:
    found = tags(make_work(ROMANCE, KAKASHI_SAKURA, header=[DISCLAIMER]), TagType.FANDOM)
    assert names(found) == ["Naruto"]
    assert any("disclaimer" in (e.note or "") for e in found[0].evidence)


def test_fandom_from_a_disclaimer_without_a_pack(make_work: Make) -> None:
    header = [("Disclaimer: I do not own Link Click or its characters.", BlockRole.DISCLAIMER)]
    cast = [("cheng", "Cheng Xiaoshi", "he/him"), ("lu", "Lu Guang", "he/him")]
    found = tags(
        make_work(["Cheng Xiaoshi ran. Lu Guang took the photo."], cast, header=header),
        TagType.FANDOM,
    )
    assert names(found) == ["Link Click"]


@pytest.mark.parametrize(
    "line",
    [
        "Harry Potter belongs to J.K. Rowling.",
        "I don't own Harry Potter.",
        "Disclaimer: I don't own HP.",
        "Disclaimer: I own nothing. Harry Potter belongs to JKR.",
    ],
)
def test_disclaimer_forms_name_the_fandom(make_work: Make, line: str) -> None:
    work = make_work(["Nothing happened."], [], header=[(line, BlockRole.DISCLAIMER)])
    assert names(tags(work, TagType.FANDOM)) == ["Harry Potter - J. K. Rowling"]


@pytest.mark.parametrize(
    ("line", "found"),
    [
        ("disclaimer: i dont own harry potter, jk rowling does", ["Harry Potter - J. K. Rowling"]),
        ("i do not own the harry potter books!!", ["Harry Potter - J. K. Rowling"]),
        ("i dont own anything but the plot", []),
        ("i dont own link click, sadly", []),  # no pack: a lower-case name is not told apart
    ],
)
def test_a_lower_case_disclaimer_names_a_fandom_a_pack_knows(
    make_work: Make, line: str, found: list[str]
) -> None:
    work = make_work(["Nothing happened."], [], header=[(line, BlockRole.DISCLAIMER)])
    assert names(tags(work, TagType.FANDOM)) == found


def test_a_declared_fandom_with_its_medium_in_brackets_finds_its_pack(make_work: Make) -> None:
    md = Metadata(fandoms=("Harry Potter (films)",), declared=("fandoms",))
    work = make_work(["Nothing happened."], [], metadata=md)
    found = identify_fandoms(work)
    assert [(g.name, g.pack is not None) for g in found] == [("Harry Potter - J. K. Rowling", True)]


def test_fandom_from_the_cast_and_vocabulary(make_work: Make) -> None:
    paragraphs = [
        *ROMANCE,
        "Her chakra flared; the jutsu held. Naruto shouted from the Hokage Mountain.",
    ]
    cast = [*KAKASHI_SAKURA, ("naruto", "Naruto", "he/him")]
    found = tags(make_work(paragraphs, cast), TagType.FANDOM)
    assert names(found) == ["Naruto"]
    assert found[0].evidence


def test_common_first_names_do_not_make_a_fandom(make_work: Make) -> None:
    paragraphs = [
        "John met Mary at the station.",
        '"Hello," Mary said to John.',
        "John smiled at Mary.",
    ]
    cast = [("john", "John", "he/him"), ("mary", "Mary", "she/her")]
    assert tags(make_work(paragraphs, cast), TagType.FANDOM) == []


@pytest.mark.parametrize(
    "people",
    [
        ("Sam", "Dean", "John", "Bobby"),  # Supernatural's given names
        ("Will", "Mike", "Steve", "Nancy"),  # Stranger Things'
        ("Jim", "Leonard", "Will", "Christine"),  # Star Trek's
        ("Arthur", "Gwen", "Leon", "Will"),  # Merlin's
        ("Adam", "Michael", "Gabriel", "Anna"),  # angels and first men, in many fandoms
        ("Percy", "Luke", "Jason", "Frank"),  # Percy Jackson's
        ("Jean", "Amber", "Lisa", "Barbara"),  # Genshin Impact's
    ],
)
def test_common_given_names_of_packed_fandoms_do_not_make_a_fandom(
    make_work: Make, people: tuple[str, ...]
) -> None:
    a, b, c, d = people
    paragraphs = [
        f"{a} met {b} at the station, and {c} waited with {d} by the car.",
        f'"Hello," {b} said to {a}. {c} and {d} laughed.',
        f"{a} smiled at {b}. Later {c} drove {d} and {a} home, and {b} slept.",
    ]
    cast = [(p.lower(), p, None) for p in people]
    work = make_work(paragraphs, cast)
    assert tags(work, TagType.FANDOM) == []
    assert work_packs(work) == []


@pytest.mark.parametrize(
    ("people", "fandom"),
    [
        (("Hinata", "Kageyama"), "Haikyuu!!"),
        (("Castiel", "Dean Winchester"), "Supernatural (TV 2005)"),
        (("Geralt", "Jaskier"), "The Witcher (TV)"),
        (("Zuko", "Katara"), "Avatar: The Last Airbender"),
    ],
)
def test_a_shipped_pack_knows_its_fandom_by_two_of_its_own_names(
    make_work: Make, people: tuple[str, str], fandom: str
) -> None:
    a, b = people
    paragraphs = [
        f"{a} found {b} by the wall after dark.",
        f'"You came," {b} said, and {a} nodded.',
        f"{a} looked at {b} for a long time.",
    ]
    cast = [(p.lower().replace(" ", "-"), p, "he/him") for p in people]
    work = make_work(paragraphs, cast)
    assert names(tags(work, TagType.FANDOM)) == [fandom]
    assert [p.fandom for p in work_packs(work)] == [fandom]


def test_a_pack_is_known_by_one_character_named_twice_and_two_named_once(make_work: Make) -> None:
    # a short reader-insert: "Bakugou" and "Katsuki" once each (one character, twice), two more
    paragraphs = [
        '"The hell are you doing here?" Bakugou snaps.',
        '"Aizawa said I could use the room." You roll your eyes. "It is a big room, Katsuki."',
        'Kirishima pokes his head through the door. "Oh good, you two are getting along!"',
    ]
    cast = [("bakugou", "Bakugou", "he/him"), ("kirishima", "Kirishima", "he/him")]
    work = make_work(paragraphs, cast)
    assert [p.fandom for p in work_packs(work)] == [
        "僕のヒーローアカデミア | Boku no Hero Academia | My Hero Academia"
    ]


def test_a_name_of_english_words_counts_only_where_its_words_run_together(
    make_work: Make,
) -> None:
    # "All", "For" and "One" each open a sentence; no "All For One" or "One For All" is written,
    # so a detective called Aizawa is not the pack's Aizawa of a school of heroes
    paragraphs = [
        "All the lights were on when Aizawa came in. For once he had brought coffee.",
        '"One of them is lying," Aizawa said. Matsuda nodded.',
        "Aizawa sat down. For an hour no one spoke, and One Tree Hill played on the television.",
    ]
    cast = [("aizawa", "Aizawa", "he/him"), ("matsuda", "Matsuda", "he/him")]
    assert work_packs(make_work(paragraphs, cast)) == []


def test_a_full_name_joining_two_pack_characters_names_is_someone_else(make_work: Make) -> None:
    # "Hajime Hinata" is one person: not the pack's Hajime and the pack's Hinata
    paragraphs = [
        "Hajime Hinata woke in a classroom he did not know.",
        '"Where am I?" Hinata asked. Hajime, he told himself, stay calm.',
        "Hinata walked to the window. Hajime was his own name, at least; Hinata knew that much.",
    ]
    cast = [("hajime-hinata", "Hajime Hinata", "he/him")]
    assert work_packs(make_work(paragraphs, cast)) == []


# --- characters and relationships ----------------------------------------------------------------


def test_characters_under_canonical_names_most_prominent_first(make_work: Make) -> None:
    found = tags(make_work(ROMANCE, KAKASHI_SAKURA, header=[DISCLAIMER]), TagType.CHARACTER)
    assert set(names(found)) == {"Hatake Kakashi", "Haruno Sakura"}
    assert all(t.evidence for t in found)


def test_main_pairing_is_romantic_with_canonical_names(make_work: Make) -> None:
    found = tags(make_work(ROMANCE, KAKASHI_SAKURA, header=[DISCLAIMER]), TagType.RELATIONSHIP)
    assert found and "/" in found[0].tag
    assert same_relationship(found[0].tag, "Hatake Kakashi/Haruno Sakura")


@pytest.mark.parametrize(
    ("cast", "category"),
    [
        (KAKASHI_SAKURA, "F/M"),
        ([("kakashi", "Kakashi", "he/him"), ("sakura", "Sakura", "he/him")], "M/M"),
        ([("kakashi", "Kakashi", "she/her"), ("sakura", "Sakura", "she/her")], "F/F"),
        ([("kakashi", "Kakashi", "they/them"), ("sakura", "Sakura", "she/her")], "Other"),
    ],
)
def test_category_from_pronouns(
    make_work: Make, cast: list[tuple[str, str, str]], category: str
) -> None:
    assert names(tags(make_work(ROMANCE, cast), TagType.CATEGORY)) == [category]


def test_gen_without_romance(make_work: Make) -> None:
    paragraphs = [
        "Kakashi trained Sakura in the field every morning. He was her teacher.",
        '"Again," Kakashi said to Sakura. "Your stance is wrong."',
        "Sakura was his student, and a stubborn one.",
    ]
    assert names(tags(make_work(paragraphs, KAKASHI_SAKURA), TagType.CATEGORY)) == ["Gen"]


# --- rating and warnings -------------------------------------------------------------------------


def test_general_audiences_without_strong_content(make_work: Make) -> None:
    found = tags(make_work(ROMANCE, KAKASHI_SAKURA), TagType.RATING)
    assert names(found) == [Rating.GENERAL.value]


def test_teen_for_strong_language_with_the_deciding_evidence(make_work: Make) -> None:
    paragraphs = [*ROMANCE, '"For fuck\'s sake," Kakashi muttered.']
    found = tags(make_work(paragraphs, KAKASHI_SAKURA), TagType.RATING)
    assert names(found) == [Rating.TEEN.value]
    assert any("fuck" in (e.note or "") for e in found[0].evidence)


def test_explicit_needs_a_scene(make_work: Make) -> None:
    one_word = [*ROMANCE, "A cock crowed somewhere in the village."]
    assert names(tags(make_work(one_word, KAKASHI_SAKURA), TagType.RATING)) == [
        Rating.GENERAL.value
    ]
    scene = [
        *ROMANCE,
        "That night he pulled her onto the bed; she straddled him, naked, and they had sex.",
        "Her hand found his cock; he slid inside her deep, and she came hard around him.",
        "His length filled her, and she moaned as she reached orgasm.",
    ]
    assert names(tags(make_work(scene, KAKASHI_SAKURA), TagType.RATING)) == [Rating.EXPLICIT.value]


def test_major_character_death_with_evidence(make_work: Make) -> None:
    paragraphs = [
        *ROMANCE,
        "The fight was short. The blade took Sakura in the side and she fell.",
        "Kakashi carried her to the hospital, but it was too late. Sakura died that night.",
        "Sakura was gone. At her funeral, Kakashi stood in the rain and wept.",
        "He visited Sakura's grave every morning after that.",
    ]
    found = tags(make_work(paragraphs, KAKASHI_SAKURA), TagType.WARNING)
    assert names(found) == [Warning.DEATH.value]
    assert any("died" in (e.note or "") or "gone" in (e.note or "") for e in found[0].evidence)


def test_no_archive_warnings_apply_otherwise(make_work: Make) -> None:
    paragraphs = [
        *ROMANCE,
        '"I could have died of embarrassment," Sakura said.',
        "Nobody was dead tired.",
    ]
    found = tags(make_work(paragraphs, KAKASHI_SAKURA), TagType.WARNING)
    assert names(found) == [Warning.NONE_APPLY.value] and found[0].evidence == ()


def test_a_character_who_talks_after_a_death_cue_is_not_dead(make_work: Make) -> None:
    paragraphs = [
        *ROMANCE,
        "Everyone thought Sakura was dead after the battle.",
        '"I\'m fine," Sakura said to Kakashi. "Stop staring."',
        '"You scared me," Kakashi said. Sakura laughed at him.',
        '"Let\'s go home," Sakura said.',
    ]
    assert Warning.DEATH.value not in names(
        tags(make_work(paragraphs, KAKASHI_SAKURA), TagType.WARNING)
    )


# --- freeform ------------------------------------------------------------------------------------


def test_freeform_tags_come_with_evidence(make_work: Make) -> None:
    found = tags(make_work(ROMANCE, KAKASHI_SAKURA), TagType.FREEFORM)
    assert "Romance" in names(found) and "Secret Relationship" in names(found)
    assert all(t.evidence for t in found)


# --- declared tags -------------------------------------------------------------------------------


def test_declared_tags_are_kept_and_compared(make_work: Make) -> None:
    md = Metadata(
        rating="Mature",
        fandoms=("Naruto",),
        relationships=("Kakashi H./Sakura H.",),
        characters=("Sakura H.",),
        warnings=("No Archive Warnings Apply",),
        declared=("rating", "fandoms", "relationships", "characters", "warnings"),
    )
    work = relationships_pass(make_work(ROMANCE, KAKASHI_SAKURA, metadata=md, header=[DISCLAIMER]))
    found = {(t.type, t.tag): t for t in suggest_tags(work)}
    assert found[(TagType.FANDOM, "Naruto")].status is TagStatus.AGREES
    rating = found[(TagType.RATING, Rating.GENERAL.value)]
    assert rating.status is TagStatus.CONFLICT and rating.declared == "Mature"
    assert found[(TagType.RELATIONSHIP, "Hatake Kakashi/Haruno Sakura")].status is TagStatus.AGREES
    assert found[(TagType.CHARACTER, "Haruno Sakura")].status is TagStatus.AGREES
    assert found[(TagType.CHARACTER, "Hatake Kakashi")].status is TagStatus.NEW
    assert found[(TagType.WARNING, Warning.NONE_APPLY.value)].status is TagStatus.AGREES
    assert found[(TagType.CATEGORY, "F/M")].status is TagStatus.MISSING
    assert work.metadata is md  # never overwritten


@pytest.mark.parametrize(
    ("value", "rating"),
    [
        ("T", Rating.TEEN),
        ("Fiction K+", Rating.GENERAL),
        ("MA", Rating.EXPLICIT),
        ("Teen And Up Audiences", Rating.TEEN),
        ("M", Rating.MATURE),
        ("", None),
        ("whatever", None),
    ],
)
def test_declared_ratings_are_read_in_every_convention(value: str, rating: Rating | None) -> None:
    assert parse_rating(value) == rating


def test_name_matching() -> None:
    assert same_name("Haruno Sakura", "Sakura H.")
    assert same_name("Tsunade (Naruto)", "Tsunade")
    assert not same_name("Tony Stark", "Howard Stark")
    assert same_relationship("Hatake Kakashi/Haruno Sakura", "Sakura/Kakashi")
    assert not same_relationship("Hatake Kakashi/Haruno Sakura", "Kakashi & Sakura")


def test_packs_are_loaded_once(make_work: Make) -> None:
    assert load_packs() is load_packs()


# --- the accuracy gate on the tag gold ------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(
    not (ROOT.parent / "shared" / "seeds").exists(), reason="../shared not available"
)
def test_tag_gold_holds_its_floors() -> None:
    from eval.tags.score import evaluate

    floors = json.loads((ROOT / "eval" / "tags" / "floors.json").read_text())
    metrics = evaluate()["metrics"]
    for tag_type, pinned in floors.items():
        if tag_type == "about":
            continue
        for name, floor in pinned.items():
            assert (metrics[tag_type][name] or 0) >= floor, f"{tag_type} {name} below {floor}"


def test_a_minor_character_only_ever_called_by_a_title_gets_no_character_tag(
    make_work: Make,
) -> None:
    story = [
        *ROMANCE,
        "Far away, the Severer waited. The Severer laughed. The Severer growled.",
        "Kakashi watched the trees. Kakashi knew that Sakura was tired.",
        "Sakura slept while Kakashi kept watch. Kakashi whispered to Sakura.",
    ]
    cast = [*KAKASHI_SAKURA, ("severer", "Severer", None)]
    found = names(tags(make_work(story, cast, header=[DISCLAIMER]), TagType.CHARACTER))
    assert "Hatake Kakashi" in found
    assert "Severer" not in found


def test_tag_scorer_counts_a_required_entry_of_several_forms_once() -> None:
    from eval.tags.score import score_doc

    gold = {"fandom": {"required": [["The Witcher", "The Witcher (TV)"]], "optional": []}}
    found = score_doc({"fandom": ["The Witcher (TV)"]}, gold)["fandom"]
    assert found == {"tp": 1, "fp": 0, "required": 1, "found": 1}
    missed = score_doc({"fandom": ["Merlin (TV)"]}, gold)["fandom"]
    assert missed == {"tp": 0, "fp": 1, "required": 1, "found": 0}


@pytest.mark.parametrize(
    ("line", "fandom"),
    [
        ("I don't own Avatar. If I did, there would be more tea.", "Avatar"),
        ("I don't own Mr. Robot, sadly.", "Mr. Robot"),
        ("I don't own Avatar: The Last Airbender. Nick does.", "Avatar: The Last Airbender"),
    ],
)
def test_a_disclaimers_fandom_ends_with_its_sentence(
    make_work: Make, line: str, fandom: str
) -> None:
    work = make_work(["Nothing happened."], [], header=[(line, BlockRole.DISCLAIMER)])
    assert names(tags(work, TagType.FANDOM)) == [fandom]
