"""Whom kin and partners are: "his wife" of Mr. Bennet is Mrs. Bennet, "her son" is the story's one
other of the surname, "her sister" the one other woman of the scene, "her visitor" the one she
meets, "her guest" the stranger met just now."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence

from ficscope.model import Character
from ficscope.passes.coref.descriptions import _MET
from ficscope.passes.coref.refs import Ref
from ficscope.passes.coref.salience import _recent
from ficscope.passes.discourse import Token

_SPOUSES = frozenset({"wife", "husband", "lady"})
_PARENTS = frozenset({"mother", "father", "mamma", "papa", "mama", "mum", "mom", "dad"})
_TITLE_GENDER = {"mr": "m", "mrs": "f", "sir": "m", "lady": "f", "lord": "m", "miss": "f"}


def _kin(
    owner: str | None,
    noun: str,
    kinship: dict[str, tuple[str | None, str]],
    *,
    plural: bool = False,
) -> str | None:
    """The named character a kinship description of ``owner`` names, when the cast shows it:
    Mr. Bennet's "his wife" is Mrs. Bennet; Mary Lennox's "her mother" is Mrs. Lennox (the one
    titled character of that surname and the right sex). The mother or father of someone with
    no surname in the text (Elizabeth's "her mother", the girls' "their father") is the mother
    or father of the story's one couple (a Mr. and a Mrs. of one surname), if it has one; so is
    "her father" whose "her" seemed to be one of the couple (a parent is not their own child's
    parent: the "her" is a daughter the text has not named)."""
    if noun not in _SPOUSES | _PARENTS:
        return None
    want = "f" if noun in ("wife", "lady", "mother", "mamma", "mama", "mum", "mom") else "m"
    couple = _couple(kinship) if noun in _PARENTS else {}
    if couple and (
        plural
        or owner in couple.values()
        or owner is not None
        and owner not in kinship
        and not owner.startswith("unnamed-")
    ):
        return couple.get(want)
    if owner is None or owner not in kinship:
        return None
    owner_title = kinship[owner][0]
    if noun in _SPOUSES and _TITLE_GENDER.get(owner_title or "") == want:
        return None  # "her husband" of a Mr.: the text is not about a couple we can see
    return _one_of_surname(
        kinship,
        owner,
        lambda cid, title: title in ("mr", "mrs") and _TITLE_GENDER[title] == want,
    )


def _child(
    owner: str | None,
    noun: str,
    kinship: dict[str, tuple[str | None, str]],
    genders: dict[str, str],
) -> str | None:
    """Emma McChesney's "her son" is the story's one other McChesney who may be a male and is
    no "Mr." (Jock McChesney)."""
    want = {"son": "m", "daughter": "f"}.get(noun)
    if want is None or owner not in kinship:
        return None
    return _one_of_surname(
        kinship,
        owner,
        lambda cid, title: title not in ("mr", "mrs") and genders.get(cid) in (want, None),
    )


def _one_of_surname(
    kinship: dict[str, tuple[str | None, str]],
    owner: str,
    fits: Callable[[str, str | None], bool],
) -> str | None:
    """The one character other than ``owner`` of ``owner``'s surname whose id and title
    ``fits``, if exactly one is."""
    surname = kinship[owner][1]
    found = [
        cid
        for cid, (title, name) in kinship.items()
        if cid != owner and name == surname and fits(cid, title)
    ]
    return found[0] if len(found) == 1 else None


def _couple(kinship: dict[str, tuple[str | None, str]]) -> dict[str, str]:
    """{"m": Mr. X, "f": Mrs. X} when the cast has exactly one such pair, else {}."""
    by_surname: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for cid, (title, surname) in kinship.items():
        if title in ("mr", "mrs"):
            by_surname[surname][title].append(cid)
    couples = [
        {"m": titled["mr"][0], "f": titled["mrs"][0]}
        for titled in by_surname.values()
        if len(titled["mr"]) == 1 and len(titled["mrs"]) == 1
    ]
    return couples[0] if len(couples) == 1 else {}


def kinship_keys(characters: tuple[Character, ...]) -> dict[str, tuple[str | None, str]]:
    """Character id -> (title, surname) for characters whose name shows a surname: "Mr. Bennet",
    "Mary Lennox"."""
    out: dict[str, tuple[str | None, str]] = {}
    for c in characters:
        words = c.name.replace(".", " ").split()
        if not words or c.id.startswith("unnamed-"):
            continue
        title = words[0].lower() if words[0].lower() in _TITLE_GENDER else None
        if (title and len(words) >= 2) or len(words) >= 2:
            out[c.id] = (title, words[-1])
    return out


def called_miss(characters: tuple[Character, ...]) -> frozenset[str]:
    """Characters named in full who are also a "Miss" of their surname ("Henrietta Watkin",
    "Miss Watkin")."""
    out = set()
    for c in characters:
        words = c.name.split()
        if len(words) >= 2 and words[0].lower() not in _TITLE_GENDER:
            if f"Miss {words[-1]}" in c.aliases:
                out.add(c.id)
    return frozenset(out)


_PARTNERS = frozenset("companion comrade cousin visitor guest host hostess lover".split())
_PARTNER_REACH = 1  # paragraphs back in which "her visitor" looks for the one visiting


_SIBLINGS = {"sister": "f", "brother": "m"}


def _sibling(
    history: list[tuple[int, str, bool, int]],
    para: int,
    owner: str,
    gender: str,
    genders: dict[str, str],
    kinship: dict[str, tuple[str | None, str]] | None,
    owner_gender: str | None,
    prominence: Counter[str],
    misses: frozenset[str] = frozenset(),
) -> str | None:
    """Whom "her sister" means when the scene shows it: the one named character of that sex
    other than its owner referred to in the last few paragraphs ("Jane ... said Elizabeth ...
    She sat down. Her sister sat beside her": the sister is Jane). Siblings share a surname:
    one of another surname is no sibling ("Madame Lebrun"); when the owner is known by a title
    and the cast holds others of that surname, it is left to the reader (a Miss Watkin's "her
    sister" may be the other Watkin, or Miss Watkin herself seen twice), while sisters named in
    full ("Jane Bennet" and "Elizabeth Bennet", as a fandom pack names them) are the scene's.
    A Mr. or Mrs. nearby is more likely a parent than the sibling ("their mother's voice").
    "Her sister" of a "her" that names no one of this paragraph or the one before is the lead's
    sister ("said Eloise" / a line / '"Not usually." Her sister sank down': the owner is the
    sister the story follows, and the sister is the one the pronoun would have picked): the
    more prominent of the two is the owner. An owner of no title named in full whose surname
    one other untitled character of the cast shares, of that sex (known), has that one
    for a sibling wherever in the story ("Alphinaud Leveilleur" ... '"The almond cake is dry,"
    said his sister.': Alisaie Leveilleur, though only the Warrior of Light was near). The
    sister of a "Miss X" named in full (``misses``: "Henrietta Watkin", "Miss Watkin") is one
    known by that surname, not the maid known by her given name who is near ("Emma")."""
    titled = kinship or {}
    if owner.startswith("unnamed-"):
        return None
    owner_title, surname = titled.get(owner, (None, None))
    if (
        surname
        and owner_title
        and any(
            c != owner and name == surname and title not in ("mr", "mrs")
            for c, (title, name) in titled.items()
        )
    ):
        return None
    recent = _recent(history, para)
    mates = {  # "Alphinaud Leveilleur" ... "said his sister": Alisaie Leveilleur
        cid
        for cid in titled
        if surname
        and not owner_title
        and cid != owner
        and not cid.startswith("unnamed-")
        and genders.get(cid) == gender
        and titled.get(cid, (None, ""))[0] is None
        and titled.get(cid, (None, ""))[1] == surname
    }
    if len(mates) == 1:
        return next(iter(mates))
    near = {
        cid
        for cid in recent
        if cid != owner
        and not cid.startswith("unnamed-")
        and genders.get(cid) == gender
        and titled.get(cid, (None, ""))[0] in (None, "miss")
        and (not surname or titled.get(cid, (None, surname))[1] == surname)
        and (owner not in misses or titled.get(cid, (None, None))[1] == surname)
    }
    if len(near) != 1:
        return None
    other = next(iter(near))
    if (
        owner_gender == gender
        and prominence[other] > prominence[owner]
        and not any(cid == owner and para - hpara <= 1 for _, cid, _, hpara in history[-12:])
    ):
        return owner
    return other


def _partner(
    history: list[tuple[int, str, bool, int]],
    tok: Token,
    skip: tuple[str, str],
    gender: str | None,
    genders: dict[str, str],
) -> str | None:
    """Whom a description of someone by their part in a meeting with its owner means ("her
    visitor", "his companion", "her cousin"): the last character of a compatible gender
    referred to in the last few paragraphs, other than the owner and the description's own
    unnamed character (``skip``)."""
    for _, cid, _, para in reversed(history):
        if tok.para - para > _PARTNER_REACH:
            break
        if cid in skip:  # the owner, and the description's own unnamed character
            continue
        if gender in ("m", "f") and genders.get(cid) != gender:
            continue
        return cid
    return None


def _met_lately(history: list[tuple[int, str, bool, int]], para: int) -> str | None:
    """The unnamed person last referred to by a noun for someone met ("the stranger"), if still
    near: who "her guest" or "her visitor" is."""
    near = _recent(history, para)
    for _, cid, _, _ in reversed(history):
        if cid in near and cid.startswith("unnamed-") and cid.split("-")[-1] in _MET:
            return cid
    return None


# Kin nouns and the nouns their converse is known by, with the sex each noun says.
_CONVERSE = {
    "cousin": ("cousin",),
    "wife": ("husband",),
    "husband": ("wife",),
    "nephew": ("uncle", "aunt"),
    "niece": ("uncle", "aunt"),
    "uncle": ("nephew", "niece"),
    "aunt": ("nephew", "niece"),
}
_NOUN_GENDER = {"wife": "f", "husband": "m", "nephew": "m", "niece": "f", "uncle": "m", "aunt": "f"}
SPOUSES = frozenset({"wife", "husband"})


def spouse_called(
    called: Sequence[str], owner: str, noun: str, genders: Mapping[str, str]
) -> str | None:
    """The one of the sex ``noun`` ("wife", "husband": ``SPOUSES``) says whom the lines of the
    paragraph call, other than ``owner``: '"Well, Alice," said Clayton, as he rejoined his wife'
    - his wife is Alice."""
    ones = {c for c in called if c != owner and genders.get(c) == _NOUN_GENDER[noun]}
    return next(iter(ones)) if len(ones) == 1 else None


def read_back(owned: list[tuple[Ref, str, str]], genders: dict[str, str]) -> None:
    """Kin read back the other way: once "her cousin" of Florence has been found to be Curtis,
    Curtis's "his cousin" is Florence; so a husband's "his wife" is the one whose "her husband"
    he was, and an uncle's "his nephew" the one whose "his uncle" he was. ``owned`` lists each
    possessive kin description with its owner and noun, in text order; one still standing for
    someone unnamed ("unnamed-his-cousin") takes the one character whose kin of the converse
    noun its owner was, read earlier, when that character's sex fits the noun (set in place)."""
    known: dict[tuple[str, str], set[str]] = defaultdict(set)  # (Curtis, cousin) -> {Florence}
    for ref, owner, noun in owned:
        cid = ref.character
        if cid and not cid.startswith("unnamed-") and cid != owner:
            known[(cid, noun)].add(owner)
            continue
        if noun not in _CONVERSE:
            continue
        whose = set().union(*(known.get((owner, other), set()) for other in _CONVERSE[noun]))
        want = _NOUN_GENDER.get(noun)
        whose = {c for c in whose if c != owner and (not want or genders.get(c) in (None, want))}
        if len(whose) == 1:
            ref.character = next(iter(whose))
            known[(ref.character, noun)].add(owner)
