"""Blind round 25, part a (acc28-r25a): a description whose voice comes over the phone."""

from __future__ import annotations

from tests.passes.speaker_story import analyze_alone as analyze
from tests.passes.speaker_story import speaker_of


def test_a_description_whose_voice_comes_over_the_speaker_is_not_one_in_the_car() -> None:
    work = analyze(
        "Dan drove and Leo sat beside him with his feet on the dash.",
        "Leo's phone buzzed. He looked at the screen, and Dan reached over and tapped the "
        "speaker icon before he could stop him.",
        'The king\'s voice came out thin and crackly over the wind. "Leo? Are you there?"',
        '"Yeah. Hi. I\'m here."',
        '"Good. I heard you two got lost."',
        '"Who told you that?"',
        '"A little bird."',
        'Dan laughed, and when the king spoke again his voice was gentler. "Drive safely."',
    )
    king = next(c for c in work.characters if "The king" in c.aliases)
    assert king.name not in ("Dan", "Leo")
    assert speaker_of(work, "Are you there") == speaker_of(work, "Drive safely") == king.name


def test_a_she_after_a_clause_opened_by_and_a_name_is_that_one() -> None:
    work = analyze(
        "Mara sat between Mr. Dunn and Rosa at supper, and Mara kept her eyes on her plate.",
        "After supper Mr. Hale was telling Rosa everything Kitty had ever written about the "
        "weather in Bath, and Mara found herself at the window with Mr. Dunn, looking out at "
        "the dark lawn.",
        "'Well?' she said.",
        "'Well what?'",
        "'You have met him. Now you may tell me you were wrong.'",
    )
    assert speaker_of(work, "Well?") == "Mara"
    assert speaker_of(work, "you were wrong") == "Mara"


def test_one_named_looking_right_at_the_narrator_says_the_line() -> None:
    work = analyze(
        "The court is empty but for Rin and Sora. Rin is lying on the bench with a ball on "
        "his stomach, and Sora is sitting next to him with a notebook. I drop my bag.",
        '"Rin, he\'s here! Get up!"',
        '"Five more minutes, Sora."',
        '"You said that an hour ago!" She smacks him with the notebook. "Hi, Kai!"',
        '"Evening, Sora."',
        'Rin sits up slowly and looks right at me with a lazy grin. "Yo. You look tired."',
        '"I\'m not tired."',
        '"Your legs are shaking."',
    )
    assert speaker_of(work, "You look tired") == "Rin"


def test_a_line_heard_as_the_door_bangs_open_is_the_newcomers() -> None:
    work = analyze(
        "By the time practice ends my legs feel like noodles. Daichi is on the bench next to "
        "me, and Daichi is still complaining about the drill.",
        '"You missed every pass," he tells me.',
        '"I did not."',
        "The locker room smells like the menthol spray Daichi won't stop using. I'm halfway "
        "into a clean shirt when the door bangs open.",
        '"Daichi! Kagami! Surprise!"',
        "Kiyo is standing in the doorway in his school blazer, grinning like he owns the place.",
        '"Get out," I tell him.',
    )
    assert speaker_of(work, "Surprise") == "Kiyo"
