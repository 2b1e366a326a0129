"""Fandom data packs: the shipped ones, the lookups, and user packs that extend them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ficscope.fandoms import (
    BUILTIN_PACKS_ENV,
    PACKS_ENV,
    PackError,
    find_pack,
    fold,
    load_pack,
    load_packs,
)

SHIPPED = Path(__file__).resolve().parents[2] / "src" / "ficscope" / "fandoms"


@pytest.mark.parametrize("path", sorted(SHIPPED.glob("*.json")), ids=lambda p: p.name)
def test_shipped_packs_are_valid(path: Path) -> None:
    pack = load_pack(path)
    assert pack.fandom and pack.characters
    names = [c.name for c in pack.characters]
    assert len(names) == len(set(names)), "a character listed twice"


@pytest.mark.parametrize("path", sorted(SHIPPED.glob("*.json")), ids=lambda p: p.name)
def test_no_name_of_a_shipped_pack_names_two_characters(path: Path) -> None:
    """A name two characters go by ("Rose" of the Roses, "Miller" of Joel and Tommy) is left
    to the story: listed for one of them, the pack would send the other's lines to it."""
    owners: dict[str, str] = {}
    for character in load_pack(path).characters:
        for name in {fold(n) for n in character.names}:
            assert owners.setdefault(name, character.name) == character.name, name


def test_packs_of_shared_surnames_and_titles() -> None:
    house = find_pack("House M.D.")
    assert house is not None
    assert house.character("Dr. Cuddy").name == "Lisa Cuddy"  # type: ignore[union-attr]
    assert house.character("Jimmy").name == "James Wilson"  # type: ignore[union-attr]
    schitt = find_pack("Schitt's Creek")
    assert schitt is not None and schitt.character("Rose") is None
    assert schitt.character("Mr. Rose").name == "Johnny Rose"  # type: ignore[union-attr]
    murderbot = find_pack("The Murderbot Diaries")
    assert murderbot is not None
    assert murderbot.character("SecUnit").name == "Murderbot (Murderbot Diaries)"  # type: ignore[union-attr]


def test_character_lookup_by_any_name() -> None:
    naruto = find_pack("Naruto")
    assert naruto is not None
    for name in (
        "Kakashi",
        "Hatake Kakashi",
        "Kakashi Hatake",
        "Kakashi-sensei",
        "the Copy-Nin",
        "copy nin",
    ):
        found = naruto.character(name)
        assert found is not None and found.name == "Hatake Kakashi", name
    assert naruto.character("the Copy-Nin", epithets=False) is None
    assert naruto.character("Gandalf") is None


def test_fandom_aliases() -> None:
    assert find_pack("Naruto Shippuden") is find_pack("naruto")
    assert find_pack("MCU") is not None and find_pack("MCU").fandom == "Marvel Cinematic Universe"  # type: ignore[union-attr]
    assert find_pack("Middlemarch") is None


def test_terms_and_their_forms() -> None:
    naruto = find_pack("Naruto")
    assert naruto is not None
    assert naruto.term_forms["konoha"] == "Konoha"
    assert naruto.term_forms["hitaiate"] == "hitai-ate"
    assert "nin" in naruto.known_words and "kakashi" in naruto.known_words


def test_user_packs_extend_the_shipped_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "naruto-extra.json").write_text(
        json.dumps(
            {
                "fandom": "Naruto",
                "characters": [
                    {"name": "Hatake Kakashi", "aliases": ["Scarecrow"]},
                    {"name": "Original Kunoichi"},
                ],
                "terms": ["shinobi-no-kami"],
            }
        )
    )
    (tmp_path / "mine.json").write_text(
        json.dumps({"fandom": "My Original Saga", "characters": ["Aelin"]})
    )
    monkeypatch.setenv(PACKS_ENV, str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "no-config"))
    packs = load_packs()
    naruto = find_pack("Naruto", packs)
    assert naruto is not None
    assert (
        naruto.character("Scarecrow") is not None
        and naruto.character("Scarecrow").name == "Hatake Kakashi"
    )  # type: ignore[union-attr]
    assert naruto.character("Original Kunoichi") is not None
    assert "shinobi-no-kami" in naruto.terms and "chakra" in naruto.terms
    assert find_pack("My Original Saga", packs) is not None


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("not json", "not JSON"),
        ("[]", "JSON object"),
        ('{"characters": []}', "fandom"),
        ('{"fandom": "X", "typo": 1}', "unknown keys"),
        ('{"fandom": "X", "terms": "chakra"}', "list of strings"),
        ('{"fandom": "X", "characters": [{"aliases": ["a"]}]}', "name"),
    ],
)
def test_broken_packs_say_what_is_wrong(tmp_path: Path, content: str, problem: str) -> None:
    path = tmp_path / "broken.json"
    path.write_text(content)
    with pytest.raises(PackError, match=problem) as info:
        load_pack(path)
    assert str(path) in str(info.value)


def test_builtin_packs_can_be_left_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "mine.json").write_text(
        json.dumps({"fandom": "My Original Saga", "characters": ["Aelin"]})
    )
    monkeypatch.setenv(PACKS_ENV, str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "no-config"))
    monkeypatch.setenv(BUILTIN_PACKS_ENV, "0")
    packs = load_packs()
    assert find_pack("Naruto", packs) is None
    assert find_pack("My Original Saga", packs) is not None
    monkeypatch.setenv(BUILTIN_PACKS_ENV, "1")
    assert find_pack("Naruto", load_packs()) is not None


@pytest.mark.parametrize(
    ("fandom", "called", "character"),
    [
        ("Harry Potter", "Ferret", "Draco Malfoy"),
        ("Harry Potter", "the Boy Who Lived", "Harry Potter"),
        ("Harry Potter", "Padfoot", "Sirius Black"),
        ("Harry Potter", "the Potions Master", "Severus Snape"),
        ("MCU", "the Winter Soldier", 'James "Bucky" Barnes'),
        ("MCU", "Cap", "Steve Rogers"),
        ("MCU", "Spidey", "Peter Parker"),
        ("Supernatural", "Sammy", "Sam Winchester"),
        ("Supernatural", "Dean-o", "Dean Winchester"),
        ("Supernatural", "Clarence", "Castiel (Supernatural)"),
        ("Sherlock", "the Consulting Detective", "Sherlock Holmes"),
        ("My Hero Academia", "Kacchan", "Bakugou Katsuki"),
        ("My Hero Academia", "Deku", "Midoriya Izuku"),
        ("Attack on Titan", "Shorty", "Levi Ackerman"),
        ("Haikyuu!!", "the Great King", "Oikawa Tooru"),
        ("The Witcher", "the White Wolf", "Geralt z Rivii"),
        ("The Witcher", "Geralt of Rivia", "Geralt z Rivii"),
        ("The Witcher", "Bard", "Jaskier (The Witcher)"),
        ("Danganronpa", "the Ultimate Maid", "Toujou Kirumi"),
        ("Doctor Who", "the Master", "The Master (Doctor Who)"),
        ("Genshin Impact", "Ojou-sama", "Kamisato Ayaka"),
    ],
)
def test_fans_nicknames_and_epithets(fandom: str, called: str, character: str) -> None:
    pack = find_pack(fandom)
    assert pack is not None
    found = pack.character(called)
    assert found is not None and found.name == character


def test_an_epithet_two_characters_share_is_left_out() -> None:
    """'the Ultimate Lucky Student' is Naegi and Komaeda, 'the Ultimate Detective' Kirigiri and
    Saihara: neither names one character, so neither is listed."""
    danganronpa = find_pack("Danganronpa")
    assert danganronpa is not None
    assert danganronpa.character("the Ultimate Lucky Student") is None
    assert danganronpa.character("the Ultimate Detective") is None


@pytest.mark.parametrize(
    ("fandom", "called", "character"),
    [
        ("Miraculous Ladybug", "Chat Noir", "Adrien Agreste"),
        ("Miraculous Ladybug", "Ladybug", "Marinette Dupain-Cheng"),
        ("Miraculous Ladybug", "the bluenette", "Marinette Dupain-Cheng"),
        ("The Hunger Games", "the Girl on Fire", "Katniss Everdeen"),
        ("Les Mis", "Apollo", "Enjolras"),
        ("Les Misérables", "24601", "Jean Valjean"),
        ("Fullmetal Alchemist", "Fullmetal", "Edward Elric"),
        ("FMA", "the Flame Alchemist", "Roy Mustang"),
        ("Discworld", "the Patrician", "Havelock Vetinari"),
        ("Gravity Falls", "Sixer", "Stanford Pines"),
        ("Gravity Falls", "Pine Tree", "Dipper Pines"),
        ("Critical Role", "Percival de Rolo", "Percival de Rolo"),
        ("Critical Role", "Nott the Brave", "Veth Brenatto"),
        ("Bridgerton", "Lady Whistledown", "Penelope Featherington"),
        ("Our Flag Means Death", "Blackbeard", "Edward Teach"),
        ("Pride and Prejudice", "Lizzy", "Elizabeth Bennet"),
        ("Sailor Moon", "Serena", "Tsukino Usagi"),
        ("Sailor Moon", "Tuxedo Mask", "Chiba Mamoru"),
        ("Ted Lasso", "Coach Beard", "Coach Beard"),
        ("Arcane", "Powder", "Jinx (League of Legends)"),
        ("Arcane", "Cupcake", "Caitlyn Kiramman"),
        ("The Umbrella Academy", "Number Five", "Five Hargreeves"),
        ("The Umbrella Academy", "Vanya", "Viktor Hargreeves"),
        ("Brooklyn Nine-Nine", "Ames", "Amy Santiago"),
        ("Yuri!!! on Ice", "Yurio", "Yuri Plisetsky"),
        ("Yuri!!! on Ice", "Vitya", "Victor Nikiforov"),
        ("Six of Crows", "Dirtyhands", "Kaz Brekker"),
        ("Shadow and Bone", "the Sun Summoner", "Alina Starkov"),
        ("Twilight", "Bells", "Bella Swan"),
        ("Buffy the Vampire Slayer", "Ripper", "Rupert Giles"),
        ("BtVS", "Angelus", "Angel (Buffy the Vampire Slayer)"),
        ("Death Note", "Ryuzaki", "L (Death Note)"),
        ("Tokyo Ghoul", "Sasaki Haise", "Kaneki Ken"),
        ("Fairy Tail", "Titania", "Erza Scarlet"),
        ("Detroit: Become Human", "Nines", "RK900"),
        ("Life is Strange", "Mad Max", "Max Caulfield"),
        ("Baldur's Gate 3", "the Blade of Frontiers", "Wyll Ravengard"),
        ("Check Please!", "Bitty", "Eric Bittle"),
        ("ACOTAR", "Rhys", "Rhysand (ACoTaR)"),
        ("Throne of Glass", "Celaena Sardothien", "Aelin Ashryver Galathynius"),
        ("TGCF", "San Lang", "Hua Cheng"),
        ("SVSSS", "Peerless Cucumber", "Shen Qingqiu"),
        ("NCIS", "Probie", "Timothy McGee"),
        ("Stargate Atlantis", "McKay", "Rodney McKay"),
        ("Firefly", "Wash", "Hoban Washburne"),
        ("Friends", "Pheebs", "Phoebe Buffay"),
        ("Homestuck", "carcinoGeneticist", "Karkat Vantas"),
        ("Glee", "Mr. Schue", "Will Schuester"),
        ("The Vampire Diaries", "Niklaus", "Klaus Mikaelson"),
        ("Stardew Valley", "Seb", "Sebastian (Stardew Valley)"),
        ("Gilmore Girls", "Dodger", "Jess Mariano"),
        ("Grey's Anatomy", "McDreamy", "Derek Shepherd"),
        ("Grey's Anatomy", "Little Grey", "Lexie Grey"),
        ("Hades (Video Game)", "Zag", "Zagreus (Hades)"),
        ("The Locked Tomb", "Griddle", "Gideon Nav"),
        ("Gideon the Ninth", "the Reverend Daughter", "Harrowhark Nonagesimus"),
        ("JoJo's Bizarre Adventure", "Bucci", "Bruno Bucciarati"),
        ("JJBA", "Kakyoin", "Kakyoin Noriaki"),
        ("Once Upon a Time", "Captain Hook", "Killian Jones"),
        ("OUAT", "the Evil Queen", "Regina Mills"),
        ("Fruits Basket", "Gure-san", "Souma Shigure"),
        ("Free!", "Haru-chan", "Nanase Haruka"),
        ("Ouran High School Host Club", "Hunny-senpai", "Haninozuka Mitsukuni"),
        ("Castle (TV)", "Beckett", "Kate Beckett"),
        ("Bones", "Bones", "Temperance Brennan"),
        ("Hawaii Five-0", "Danno", "Danny Williams"),
        ("Kingsman", "Eggsy", 'Gary "Eggsy" Unwin'),
        ("Pacific Rim", "Newt", "Newton Geiszler"),
        ("Wynonna Earp", "Haught", "Nicole Haught"),
        ("Carmilla", "Laf", "LaFontaine (Carmilla)"),
        ("Hollow Knight", "Little Ghost", "The Knight (Hollow Knight)"),
        ("Deltarune", "Ralsei", "Ralsei (Deltarune)"),
        ("SK8 the Infinity", "Cherry Blossom", "Sakurayashiki Kaoru"),
        ("Given", "Ritsuka", "Uenoyama Ritsuka"),
        ("Frieren: Beyond Journey's End", "Himmel the Hero", "Himmel (Sousou no Frieren)"),
        ("Delicious in Dungeon", "Shuro", "Toshiro Nakamoto"),
        ("Gintama", "Zura", "Katsura Kotarou"),
        ("The Legend of Korra", "Asami", "Asami Sato"),
        ("Daredevil (TV)", "the Devil of Hell's Kitchen", "Matt Murdock"),
        ("The Adventure Zone", "Ango", "Angus McDonald"),
        ("Top Gun: Maverick", "Rooster", 'Bradley "Rooster" Bradshaw'),
        ("Sense8", "Neets", "Amanita Caplan"),
        ("Vinland Saga", "Knut", "Canute (Vinland Saga)"),
        ("Warrior Cats", "Fireheart", "Firestar"),
        ("Downton Abbey", "Mrs Hughes", "Elsie Hughes"),
        ("Thunderbirds Are Go", "Lady Penelope", "Lady Penelope Creighton-Ward"),
        ("The Boys", "Starlight", "Annie January"),
        ("Call of Duty", "Soap", 'John "Soap" MacTavish'),
        ("The X-Files", "Spooky", "Fox Mulder"),
        ("Omniscient Reader's Viewpoint", "the Demon King of Salvation", "Kim Dokja"),
        ("Word of Honor", "A-Xu", "Zhou Zishu"),
        ("Severance", "Mark S.", "Mark Scout"),
        ("She-Ra and the Princesses of Power", "Sparkles", "Glimmer (She-Ra)"),
        ("Danny Phantom", "Plasmius", "Vlad Masters"),
        ("TMNT", "Raph", "Raphael (TMNT)"),
    ],
)
def test_packs_of_more_fandoms(fandom: str, called: str, character: str) -> None:
    pack = find_pack(fandom)
    assert pack is not None, fandom
    found = pack.character(called)
    assert found is not None and found.name == character


def test_a_surname_a_family_shares_is_no_ones() -> None:
    """'Darcy' alone, or 'Miss Bingley' with its title dropped, would make Georgiana her brother
    (and Caroline hers): the Darcys' and Bingleys' surnames are no one character's alias, and a
    given name two characters could be is left to the story ('Yuri': Katsuki or Plisetsky)."""
    pride = find_pack("Pride and Prejudice")
    assert pride is not None
    assert pride.character("Darcy") is None and pride.character("Bingley") is None
    yoi = find_pack("Yuri!!! on Ice")
    assert yoi is not None and yoi.character("Yuri") is None


def test_the_shipped_answers_for_the_packs_words_are_the_lexicons() -> None:
    """``pack_words()`` (the shipped answers that spare a run through speakers the lexicon's
    load) says of every word what ``english()`` says."""
    from ficscope.passes.proof_lexicon import english, pack_words

    answers = pack_words()._answers
    assert len(answers) > 10_000, "fandoms/pack_words.txt not used: see its header's stamp"
    lex = english()
    assert {w for w, known in answers.items() if known != lex.known(w)} == set()


def test_the_shipped_packs_ask_only_words_the_shipped_answers_have(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Summarising every shipped pack needs no word the file lacks (else the full lexicon is
    loaded: run scripts/build_pack_words.py after changing a pack)."""
    from ficscope.passes import known_cast, proof_lexicon
    from ficscope.passes.tags_fandom import rare_terms

    asked: list[str] = []

    def lexicon() -> proof_lexicon.EnglishLexicon:
        asked.append("?")
        return proof_lexicon.EnglishLexicon(set(), {})

    monkeypatch.setattr(proof_lexicon, "english", lexicon)
    for path in sorted(SHIPPED.glob("*.json")):
        pack = load_pack(path)  # a new Pack: summarised afresh
        known_cast._distinctive_names(pack)
        known_cast._capitalised_terms(pack)
        rare_terms(pack)
        assert not asked, path.name
