"""What a fandom's pack would supply, read from the story itself (acc24-nopack): names only
speech uses (a clipped or pet form of a narrated name, "Duck" of Ducky, "Abbs" of Abby; a name
called beside the one answered, which is someone else)."""

from __future__ import annotations

from speaker_story import analyze, analyze_alone, speaker_of, speakers

from ficscope.model import Work


def aliases(work: Work, name: str) -> tuple[str, ...]:
    return next(c.aliases for c in work.characters if c.name == name)


def test_a_call_cut_short_from_a_narrated_name_is_that_name() -> None:
    # "Thanks, Duck." right after Mira's lines, of the story's Ducky: an English word called
    # as the front of a name written mid-sentence is a name, and joins the name it clips
    # rather than the one whose lines the calls answer
    work = analyze(
        "The cold room smelled of disinfectant. Ducky was bent over the table, and Tomas watched"
        " while Ducky worked.",
        '"You have excellent timing, as ever," Ducky said without looking up.',
        '"He drown?" Tomas asked.',
        '"No. And that is the interesting part. You know, this reminds me of a case in'
        " Edinburgh, a ship's cook, as it happens, and a most unpleasant business with a—\"",
        "The doors hissed open and Mira came in with her phone in her hand.",
        '"The address is a flat over a bait shop," she said.',
        '"Good." Tomas dropped his cup in the bin on his way past. "Thanks, Duck."',
        '"And the sister knows him," Mira said.',
        '"See you later, Duck."',
    )
    assert "Duck" in aliases(work, "Ducky")
    assert "Duck" not in aliases(work, "Mira")
    assert speakers(work)[-3:] == ["Tomas", "Mira", "Tomas"]


def test_a_pet_form_in_s_is_the_narrated_name_it_starts() -> None:
    # '"Already do, Abbs."': "Abbs" is Abby's, and the one called answers
    work = analyze(
        "Abby's music was loud enough to feel in their teeth. Abby killed it with a remote the"
        " second she saw Tomas, and spun round on her stool.",
        '"Tomas! Okay, so, you are going to love me."',
        '"Already do, Abbs."',
        '"You\'re going to love me more." She pulled up a photograph on the big screen.',
    )
    assert "Abbs" in aliases(work, "Abby")
    assert speakers(work)[:3] == ["Abby", "Tomas", "Abby"]


def test_a_name_called_beside_the_one_answered_is_someone_else() -> None:
    # '"DiMarco, talk to the sister. Tomas, get me an address."' right after Tomas's line: the
    # line calls Tomas by his own name, so "DiMarco" is someone else, not the one answered
    work = analyze(
        "Halvard came back into the office with his coat still on.",
        '"Agent DiMarco? There is a woman downstairs asking for you," a clerk said from the door.',
        '"Three of them have priors," Tomas said.',
        '"DiMarco, talk to the sister. Tomas, get me an address," Halvard said.',
        '"On it," Tomas said.',
    )
    assert "DiMarco" not in aliases(work, "Tomas")
    assert any(c.name == "Agent DiMarco" for c in work.characters)


def test_a_character_tag_with_a_nickname_in_quotes_gives_the_nickname() -> None:
    # 'Temperance "Bones" Brennan' in the header's character tags: "Bones" called in the
    # lines is her (a fandom with no pack), and the one called answers
    work = analyze_alone(
        'Title: Low Tide\nCharacters: Margaret "Sparrow" Hale, Tom Reyes',
        "Margaret Hale bends over the chart, and Tom Reyes leans in the door of the hut.",
        '"Tell me you found it, Sparrow."',
        '"I found a reef, Reyes. Reefs are your department."',
        '"And the boat?"',
    )
    assert "Sparrow" in aliases(work, "Margaret Hale")
    assert speaker_of(work, "I found a reef") == "Margaret Hale"


def test_a_called_name_the_character_tags_give_another_stays_apart() -> None:
    # "Caroline" of the tag "Caroline Julian", heard only on the phone, is not joined to Cam,
    # whose line Booth's "Caroline. Hi." seemed to answer
    work = analyze_alone(
        "Title: Bridge\nCharacters: Seeley Booth, Cam Rivers, Caroline Julian",
        "Booth and Cam cross the bridge in the car, and Booth's phone buzzes.",
        '"It\'s the prosecutor," Booth says.',
        '"You should answer it," says Cam.',
        '"Caroline. Hi. Yes, we are on our way."',
        '"She will call back," says Cam.',
        '"Goodbye, Caroline."',
    )
    assert "Caroline" not in aliases(work, "Cam Rivers")
