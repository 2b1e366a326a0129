"""Fandom data packs: what a fan of a fandom knows that a dictionary does not.

A pack is one JSON file::

    {
      "fandom": "Naruto",                       # the archive's fandom tag
      "aliases": ["NARUTO", "Naruto Shippuden"],  # other names a disclaimer may use
      "characters": [
        {"name": "Hatake Kakashi",              # the archive's character tag
         "aliases": ["Kakashi", "Kakashi Hatake"],
         "epithets": ["copy-nin", "Copy Ninja"],
         "pronouns": "he/him"}
      ],
      "terms": ["chakra", "Konoha", "kunoichi"]   # the fandom's own words, spelled right
    }

Packs are read from the packs shipped with ficscope, then from the user's directory
(``$XDG_CONFIG_HOME/ficscope/packs``, by default ``~/.config/ficscope/packs``), then from every
directory in ``$FICSCOPE_PACKS`` (separated like ``PATH``). A later pack for the same fandom extends
the earlier one: its aliases, characters and terms are added, and a character of the same name
gains the later pack's aliases and epithets.

``FICSCOPE_BUILTIN_PACKS=0`` (or ``false``, ``no``, ``off``) leaves the shipped packs out, so the
analysis can be measured as on a fandom ficscope has no pack for; the user's packs are still read.
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from ficscope.errors import FicscopeError

log = logging.getLogger(__name__)

PACKS_ENV = "FICSCOPE_PACKS"
BUILTIN_PACKS_ENV = "FICSCOPE_BUILTIN_PACKS"
_MAX_PACK_BYTES = 5_000_000


class PackError(FicscopeError):
    """A fandom pack file that cannot be read or does not follow the pack format."""

    def __init__(self, path: str | Path, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


_T = TypeVar("_T")


def per_pack(compute: Callable[[Pack], _T]) -> Callable[[Pack], _T]:
    """What ``compute`` works out from a pack alone, kept for as long as the pack is loaded:
    questions every work asks of every pack ("its distinctive names") are answered once."""
    cache: dict[int, tuple[Pack, _T]] = {}

    def cached(pack: Pack) -> _T:
        hit = cache.get(id(pack))
        if hit is not None and hit[0] is pack:
            return hit[1]
        value = compute(pack)
        cache[id(pack)] = (pack, value)
        return value

    cached.__doc__ = compute.__doc__
    return cached


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """The key names and terms are compared by: case-folded, apostrophes, hyphens and
    punctuation dropped, white space collapsed ("Copy-Nin" == "copy nin" == "copynin" is not).
    Cached: every pack asks it of the same few names of a story."""
    text = text.casefold().replace("’", "'")
    text = re.sub(r"['.!?:;,()\"]", "", text)
    return " ".join(re.sub(r"[-_/]", " ", text).split())


@dataclass(frozen=True, slots=True)
class PackCharacter:
    """A canonical character: the archive's tag for them and every other name fans use."""

    name: str
    aliases: tuple[str, ...] = ()
    epithets: tuple[str, ...] = ()
    pronouns: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """The tag and the aliases (not the epithets)."""
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Pack:
    """One fandom's names and vocabulary."""

    fandom: str
    aliases: tuple[str, ...] = ()
    characters: tuple[PackCharacter, ...] = ()
    terms: tuple[str, ...] = ()
    sources: tuple[str, ...] = field(default=(), compare=False)

    @property
    def names(self) -> tuple[str, ...]:
        """Every name of the fandom itself."""
        return (self.fandom, *self.aliases)

    @cached_property
    def term_forms(self) -> dict[str, str]:
        """Folded words of the terms -> their right spelling. Multi-word terms contribute each
        word ("Hokage Mountain" -> "hokage", "mountain"); hyphenated ones the whole word and its
        joined form ("hitai-ate", "hitaiate")."""
        return _forms(_words(self.terms))

    @cached_property
    def name_forms(self) -> dict[str, str]:
        """The same for the characters' names and epithets."""
        entries: list[str] = []
        for character in self.characters:
            entries.extend(character.names)
            entries.extend(character.epithets)
        return _forms(_words(entries))

    @cached_property
    def known_words(self) -> frozenset[str]:
        """Every folded word a story of this fandom may use: the term and name forms, and the
        parts of hyphenated and apostrophised ones ("copy-nin" -> "copy", "nin")."""
        words = set(self.term_forms) | set(self.name_forms)
        for word in [*self.term_forms.values(), *self.name_forms.values()]:
            words.update(p.casefold() for p in re.split(r"[-'’]", word) if len(p) > 1)
        return frozenset(words)

    @cached_property
    def _by_name(self) -> dict[str, PackCharacter]:
        index: dict[str, PackCharacter] = {}
        for character in self.characters:
            for name in character.names:
                index.setdefault(fold(name), character)
        return index

    @cached_property
    def _by_epithet(self) -> dict[str, PackCharacter]:
        index: dict[str, PackCharacter] = {}
        for character in self.characters:
            for epithet in character.epithets:
                key = fold(epithet)
                key = key[4:] if key.startswith("the ") else key
                index.setdefault(key, character)
        return index

    def character(self, name: str, *, epithets: bool = True) -> PackCharacter | None:
        """The pack character a name in a story refers to: "Kakashi", "Hatake Kakashi",
        "Kakashi Hatake", "Kakashi-sensei" and (with ``epithets``) "the Copy-Nin" all find
        Hatake Kakashi."""
        key = fold(name)
        found = self._by_name.get(key)
        if found is not None:
            return found
        words = key.split()
        if not epithets:
            if len(words) == 2:
                return self._by_name.get(f"{words[1]} {words[0]}")
            if "-" in name and words:
                head = fold(name.rsplit("-", 1)[0])
                return self._by_name.get(head) if head != key else None
            return None
        if words and words[0] == "the":
            found = self._by_epithet.get(" ".join(words[1:]))
            if found is not None:
                return found
        found = self._by_epithet.get(key)
        if found is not None:
            return found
        if len(words) == 2:  # given-name-first or family-name-first
            found = self._by_name.get(f"{words[1]} {words[0]}")
            if found is not None:
                return found
        if words and "-" in name:  # an honorific: "Kakashi-sensei", "Hokage-sama"
            head = fold(name.rsplit("-", 1)[0])
            if head != key:
                return self.character(head)
        return None

    def names_fandom(self, name: str) -> bool:
        """Whether ``name`` (from a disclaimer or a declared field) is this fandom."""
        key = fold(name)
        return any(fold(n) == key for n in self.names)


def _words(entries: Iterable[str]) -> list[str]:
    words = []
    for entry in entries:
        for word in re.split(r"\s+", entry.strip()):
            word = word.strip(".,!?\"'()")
            if word:
                words.append(word)
    return words


def _forms(words: Iterable[str]) -> dict[str, str]:
    forms: dict[str, str] = {}
    for word in words:
        forms.setdefault(word.casefold().replace("’", "'"), word)
        if "-" in word:
            forms.setdefault(word.replace("-", "").casefold(), word)
    return forms


def _strings(value: Any, where: str, path: Path) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise PackError(path, f"{where} must be a list of strings")
    return tuple(v.strip() for v in value if v.strip())


def pack_from_data(data: Any, path: Path) -> Pack:
    """Validate parsed pack JSON and build the Pack."""
    if not isinstance(data, dict):
        raise PackError(path, "a pack must be a JSON object")
    fandom = data.get("fandom")
    if not isinstance(fandom, str) or not fandom.strip():
        raise PackError(path, "a pack needs a 'fandom' name")
    unknown = set(data) - {"fandom", "aliases", "characters", "terms", "about"}
    if unknown:
        raise PackError(path, f"unknown keys: {', '.join(sorted(unknown))}")
    characters = []
    raw_characters = data.get("characters") or []
    if not isinstance(raw_characters, list):
        raise PackError(path, "'characters' must be a list")
    for i, raw in enumerate(raw_characters):
        where = f"characters[{i}]"
        if isinstance(raw, str):
            raw = {"name": raw}
        if not isinstance(raw, dict) or not isinstance(raw.get("name"), str):
            raise PackError(path, f"{where} needs a 'name'")
        extra = set(raw) - {"name", "aliases", "epithets", "pronouns"}
        if extra:
            raise PackError(path, f"{where}: unknown keys: {', '.join(sorted(extra))}")
        pronouns = raw.get("pronouns")
        if pronouns is not None and not isinstance(pronouns, str):
            raise PackError(path, f"{where}.pronouns must be a string like 'she/her'")
        characters.append(
            PackCharacter(
                name=raw["name"].strip(),
                aliases=_strings(raw.get("aliases"), f"{where}.aliases", path),
                epithets=_strings(raw.get("epithets"), f"{where}.epithets", path),
                pronouns=pronouns,
            )
        )
    return Pack(
        fandom=fandom.strip(),
        aliases=_strings(data.get("aliases"), "aliases", path),
        characters=tuple(characters),
        terms=_strings(data.get("terms"), "terms", path),
        sources=(str(path),),
    )


def load_pack(path: str | Path) -> Pack:
    """Read one pack file."""
    path = Path(path)
    try:
        if path.stat().st_size > _MAX_PACK_BYTES:
            raise PackError(path, f"larger than {_MAX_PACK_BYTES:,} bytes")
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PackError(path, f"cannot read: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise PackError(path, "not UTF-8") from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise PackError(path, f"not JSON: {exc}") from exc
    return pack_from_data(data, path)


def merge(base: Pack, extra: Pack) -> Pack:
    """``base`` extended by a later pack for the same fandom."""
    characters = {c.name: c for c in base.characters}
    for c in extra.characters:
        old = characters.get(c.name)
        if old is None:
            characters[c.name] = c
        else:
            characters[c.name] = PackCharacter(
                name=c.name,
                aliases=_union(old.aliases, c.aliases),
                epithets=_union(old.epithets, c.epithets),
                pronouns=c.pronouns or old.pronouns,
            )
    return Pack(
        fandom=base.fandom,
        aliases=_union(base.aliases, extra.aliases),
        characters=tuple(characters.values()),
        terms=_union(base.terms, extra.terms),
        sources=base.sources + extra.sources,
    )


def _union(a: Iterable[str], b: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys([*a, *b]))


def builtin_dir() -> Path:
    return Path(str(resources.files("ficscope.fandoms")))


def builtin_enabled() -> bool:
    """Whether the shipped packs are read (``$FICSCOPE_BUILTIN_PACKS`` is not 0/false/no/off)."""
    value = os.environ.get(BUILTIN_PACKS_ENV, "").strip().lower()
    return value not in ("0", "false", "no", "off")


def user_dirs() -> tuple[Path, ...]:
    """The user's pack directories, in the order they are read."""
    config = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    dirs = [Path(config) / "ficscope" / "packs"]
    for entry in os.environ.get(PACKS_ENV, "").split(os.pathsep):
        if entry.strip():
            dirs.append(Path(entry.strip()).expanduser())
    return tuple(dirs)


def pack_files(dirs: Sequence[Path]) -> tuple[Path, ...]:
    files: list[Path] = []
    for directory in dirs:
        if directory.is_dir():
            files.extend(sorted(directory.glob("*.json")))
        elif directory.suffix == ".json" and directory.is_file():
            files.append(directory)
    return tuple(files)


def load_packs(dirs: Sequence[Path] | None = None) -> tuple[Pack, ...]:
    """Every pack: the built-in ones (unless ``$FICSCOPE_BUILTIN_PACKS`` is 0), then the user's
    (see the module docs). Cached until a pack file changes."""
    if dirs is None:
        dirs = (builtin_dir(), *user_dirs()) if builtin_enabled() else user_dirs()
    files = pack_files(dirs)
    stamp = tuple((str(p), _mtime(p)) for p in files)
    return _load_cached(stamp)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


@lru_cache(maxsize=8)
def _load_cached(stamp: tuple[tuple[str, float], ...]) -> tuple[Pack, ...]:
    packs: dict[str, Pack] = {}
    for name, _ in stamp:
        pack = load_pack(name)
        key = fold(pack.fandom)
        packs[key] = merge(packs[key], pack) if key in packs else pack
        log.debug("loaded fandom pack %s from %s", pack.fandom, name)
    return tuple(packs.values())


def find_pack(name: str, packs: Sequence[Pack] | None = None) -> Pack | None:
    """The pack for a fandom named in a disclaimer or a declared field, if any. A medium in
    brackets no alias names is looked past: "Naruto (anime)", "Merlin (TV 2008)"."""
    packs = packs if packs is not None else load_packs()
    for key in dict.fromkeys((name, _MEDIUM.sub("", name))):
        for pack in packs:
            if pack.names_fandom(key):
                return pack
    return None


_MEDIUM = re.compile(r"\s*\([^()]*\)$")
