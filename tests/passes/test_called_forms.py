"""Calls by a form of a name or a title the narration gives (acc27-calls): a call cut short by
"-er" ("Coop" of Cooper), the full given name a narrated short one is for ("Joshua" of Josh,
"Donnatella" of Donna), a title of office held by one named character ("Sheriff Truman": "the
sheriff", "Sheriff"), and a whole-word title before a full stop ("Excuse me, Miss.") that takes
no name across it."""

from __future__ import annotations

from speaker_story import analyze, speakers

from ficscope.model import Work
from ficscope.passes.discourse import discourse
from ficscope.passes.names import NameFinder
from ficscope.pipeline import analyze_work
from ficscope.readers.plaintext import parse_text


def aliases(work: Work, name: str) -> tuple[str, ...]:
    return next(c.aliases for c in work.characters if c.name == name)


def test_a_call_cut_short_by_er_is_the_narrated_name() -> None:
    # '"Ben's always got a man from somewhere, Coop."' of the story's Cooper
    work = analyze(
        "Cooper set the box down on the desk, and Harry watched while Cooper opened it.",
        '"A doll," Cooper said.',
        '"Ben always has a man somewhere, Coop."',
        '"Then we will find out which one this is."',
        "Harry looked at the doll for a long time.",
        '"Coop."',
    )
    assert "Coop" in aliases(work, "Cooper")


def test_a_full_given_name_called_is_the_narrated_short_one() -> None:
    # '"Joshua. You're seeing Haskell?"' / '"Thank you, Joshua."' of the story's Josh Lyman;
    # "Donnatella" of Donna
    work = analyze(
        "Josh came in late. Donna followed him with the files, and Leo watched while Donna "
        "sorted them.",
        '"You are seeing the senator at ten?" Leo asked.',
        '"At ten, sir," Josh said.',
        '"Thank you, Joshua. Now go home."',
        "Josh went out. Donna was waiting by the door with his coat.",
        '"Good night, Donnatella," said Leo.',
        '"Good night, Leo," said Donna.',
    )
    assert "Joshua" in aliases(work, "Josh")
    assert "Donnatella" in aliases(work, "Donna")


def test_the_sheriff_is_the_one_sheriff_the_story_names() -> None:
    # "Sheriff Truman is on the phone" / "... where the sheriff was reading": the story's one
    # sheriff, as "the inspector" is its one Inspector Robinson
    work = analyze(
        '"Sheriff Truman is in his office," Lucy said.',
        "Cooper went in. Harry Truman waved him into a chair, and Cooper sat down.",
        '"A pie, Sheriff?" Cooper asked.',
        '"Later."',
        "Cooper looked across the desk, where the sheriff was reading a note.",
    )
    truman = next(c.id for c in work.characters if "Sheriff Truman" in c.aliases)
    sheriff = [m for m in work.mentions if work.text[m.start : m.end] == "the sheriff"]
    assert [m.character for m in sheriff] == [truman]


def test_a_whole_word_title_before_a_full_stop_takes_no_name() -> None:
    # "'Excuse me, Miss. Inspector Robinson telephoned'" calls someone "Miss" and names the
    # inspector; not a "Miss Inspector Robinson" (a woman) where the story writes "the
    # Inspector" capitalised
    text = "\n\n".join(
        [
            "Phryne looked up from her toast when Mr. Butler cleared his throat.",
            "'Excuse me, Miss. Inspector Robinson telephoned while you were dressing.'",
            "At the Regent the Inspector was waiting. 'Miss Fisher,' said the Inspector.",
        ]
    )
    work = analyze_work(parse_text(text), ("segment", "quotes"))
    found = {(m.title, m.parts) for m in NameFinder(discourse(work)).mentions()}
    assert ("Inspector", ("Robinson",)) in found
    assert ("Miss", ("Inspector", "Robinson")) not in found


def test_the_duke_is_the_one_duke_the_story_names() -> None:
    # "said Duke Leto" / "The Duke looked at her ... 'And what does the boy think?'": a duke's
    # title is his office, as a sheriff's is (acc28-r25b)
    work = analyze(
        "Alys sat at the table, and Thufir stood by the door.",
        "'Sit, both of you,' said Duke Orran. 'This will not take long.'",
        "'It changes everything,' said Alys.",
        "'Forgive me, my Lady, but an army needs a banner,' said Thufir.",
        "The Duke looked at her for a long moment. 'And what does the boy think?'",
    )
    orran = next(c.id for c in work.characters if "Duke Orran" in (c.name, *c.aliases))
    duke = [m for m in work.mentions if work.text[m.start : m.end] == "The Duke"]
    assert [m.character for m in duke] == [orran]
    assert speakers(work)[-1] == "Duke Orran"


def test_my_duke_calls_the_one_duke_and_he_answers() -> None:
    # "'There is the other matter, my Duke.'" / "'Not tonight, Thufir.'": a title called with
    # "my" calls its one holder, who answers (acc28-r25b)
    work = analyze(
        "Alys sat at the table, and Thufir and Duncan stood by the door.",
        "'Sit,' said Duke Orran. 'This will not take long.'",
        "'The sietch is bigger than we thought,' said Duncan.",
        "Thufir cleared his throat. 'There is the other matter, my Duke. The traitor.'",
        "'Not tonight, Thufir.'",
    )
    assert speakers(work)[-1] == "Duke Orran"
