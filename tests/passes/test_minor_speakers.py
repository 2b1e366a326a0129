"""Unnamed minor speakers (acc25-minor): a role met at its work, a role in an inverted tag."""

from __future__ import annotations

from ficscope.model import Work
from ficscope.passes.speaker_cues import CueFinder
from ficscope.pipeline import analyze_work
from ficscope.readers.plaintext import parse_text
from tests.passes.speaker_story import analyze_alone as analyze
from tests.passes.speaker_story import speaker_of


def owners(work: Work, text: str) -> set[str | None]:
    names = {c.id: c.name for c in work.characters}
    return {
        names.get(m.character or "", m.character)
        for m in work.mentions
        if m.kind == "epithet" and work.text[m.start : m.end] == text
    }


def test_the_delivery_guy_is_someone_met_at_the_door() -> None:
    work = analyze(
        "Marcus dropped onto the couch. Helen was already there with the remote.",
        '"Did you order?" Helen asked.',
        '"An hour ago," said Marcus.',
        "The doorbell rang. Marcus got up and opened the door.",
        "The delivery guy shifted the boxes in his arms. "
        '"Two large pepperoni? That\'s forty dollars, man."',
        "Helen told him to keep the change, and the poor guy grinned and left.",
    )
    assert "Marcus" not in owners(work, "The delivery guy")
    assert owners(work, "the poor guy") == owners(work, "The delivery guy")
    assert speaker_of(work, "Two large pepperoni") not in ("Marcus", "Helen")


def test_an_adverb_after_an_inverted_tag_is_no_head() -> None:
    work = analyze(
        "Lord Ashby sat at his desk. A footman came in and bowed.",
        '"My lord, the carriage is ready."',
        '"Tell them to wait," said Lord Ashby.',
        '"Very good, my lord."',
        '"And bring the brandy."',
        '"Very good, my lord," said the footman again, and withdrew.',
    )
    assert "the footman again" not in {work.text[m.start : m.end] for m in work.mentions}
    names = {c.id: c.name for c in work.characters}
    assert names.get(work.quotes[-1].speaker or "") != "Lord Ashby"
    assert owners(work, "the footman") == owners(work, "A footman")


def test_one_described_by_a_participle_phrase_takes_part() -> None:
    work = analyze(
        "Captain Rourke strode down the gangplank, Mr. Penn at his heels.",
        '"Nobody mentions the cargo," Rourke said. "Nobody mentions the parrot."',
        '"Aye, Captain," said Penn.',
        'A young sailor coiling rope by the mast looked up, puzzled. "What parrot, sir?"',
        '"Exactly," said Rourke, and walked on.',
    )
    assert speaker_of(work, "What parrot") not in ("Captain Rourke", "Rourke", "Mr. Penn", "Penn")


def test_a_rancher_is_a_person() -> None:
    work = analyze(
        "Jolene wiped the bar down. Hank sat at the far end with his hat pushed back.",
        '"Slow night," Jolene said.',
        '"Always is," said Hank.',
        "At the other end of the bar, an old rancher in a feed-store cap has been nursing a "
        "beer since six. He lifts his glass at Hank.",
        '"You that fella from the rodeo?"',
    )
    assert speaker_of(work, "fella from the rodeo") not in ("Jolene", "Hank")


def test_one_who_puts_her_head_round_the_door_speaks_next() -> None:
    # acc27-door: a role met before (so not a newcomer) who only puts her head round the door
    # at the end of the narration says the untagged line after it, not the named one
    work = analyze(
        "Ward Three was quiet. Dr. Harlan sat by the window with his charts, and Dr. Ames read "
        "over his shoulder. A young nurse with a tray checked the drip. She smiled at them and "
        "went out.",
        '"The dosage is wrong," said Ames.',
        '"It was right on Tuesday," said Harlan.',
        "Harlan frowned at the chart for a long time, and he turned the page.",
        "The door swung open, and the young nurse with the tray put her head around it.",
        '"Sorry, sorry, but the ward round starts at nine. You need to clear the room."',
    )
    assert speaker_of(work, "ward round starts") not in ("Dr. Harlan", "Harlan", "Dr. Ames", "Ames")


def _door_scene(arrival: str) -> Work:
    return analyze(
        "The study was warm. Margaret sat at the desk with the ledgers, and Thomas stood by the "
        "fire.",
        '"The figures do not add up," said Margaret.',
        '"They never have," said Thomas.',
        f"Margaret frowned at the ledger for a long time, and she turned the page. {arrival}",
        '"Please, ma\'am, the carriage is at the gate and the horses are restless."',
    )


def test_one_of_a_kind_at_the_door_speaks_next() -> None:
    # acc27-roles: "one of the little maids" is one person of that kind (the partitive may have
    # modifiers before its plural), though no mention is made of "the little maids"
    work = _door_scene("Then one of the little maids put her head round the door.")
    assert speaker_of(work, "carriage is at the gate") not in ("Margaret", "Thomas")


def test_a_role_no_list_knows_at_the_door_speaks_next() -> None:
    # acc27-roles: only a person puts her head round a door, so "a wee first year with a
    # severe fringe" names one, though "first year" is in no list of person nouns
    work = _door_scene(
        "There was a knock, and a wee first year with a severe fringe put her head round the door."
    )
    assert speaker_of(work, "carriage is at the gate") not in ("Margaret", "Thomas")


def test_someones_role_leaning_in_at_the_door_speaks_next() -> None:
    # acc27-roles: "Her assistant leaned in through the glass door": the one Margaret has, not
    # Margaret ("assistant" is in no list of person nouns)
    work = _door_scene("Her assistant leaned in through the glass door.")
    assert speaker_of(work, "carriage is at the gate") not in ("Margaret", "Thomas")


def test_a_newcomer_after_and_acts_last() -> None:
    # acc28-minor (blind20 wwdits_birthday): the one met in the clause after ", and" acts last,
    # not the one the sentence opened on
    work = analyze_work(
        parse_text(
            "\n\n".join(
                (
                    "The party was loud. Marcus poured the wine, and Helen sat by the fire.",
                    '"Where is the cake?" said Helen.',
                    "The doorbell rang. Marcus swept past them all to open it, and a teenager in "
                    "a bakery shirt held out a box.",
                    '"Uh, cake for Marcus? It\'s paid for already."',
                )
            )
        ),
        ("segment", "quotes", "characters", "coref"),
    )
    actor = CueFinder(work).turns()[-1].last_actor
    assert actor is not None and actor.kind == "epithet"
    assert work.text[CueFinder(work).tokens[actor.token].start :].startswith("a teenager")


def test_one_picked_out_of_a_group_is_a_newcomer() -> None:
    # acc28-minor: "one of the other witches" met in the last sentence before an untagged line,
    # though no reference was made to her before, is a newcomer there like "a waiter"
    work = analyze(
        "The camp was quiet. Serafina knelt by the fire and unwrapped the boy's hand. Lyra "
        "watched from the furs.",
        '"Does it hurt?" said Serafina.',
        '"Not much," said Will.',
        '"It will," said Serafina. "Hold still."',
        '"I am holding still," said Will.',
        "Serafina looked at the wound for a long time. Then one of the other witches leaned "
        "over her shoulder.",
        '"The wound is still open, sister. It has not closed at all."',
    )
    assert speaker_of(work, "wound is still open") not in ("Serafina", "Will", "Lyra")
