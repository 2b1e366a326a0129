"""Fandom data packs (JSON files beside this module, plus the user's): canonical character
names, nicknames, epithets and the fandom's own vocabulary. Data, not code: see docs/packs.md."""

from ficscope.fandoms.packs import (
    BUILTIN_PACKS_ENV,
    PACKS_ENV,
    Pack,
    PackCharacter,
    PackError,
    find_pack,
    fold,
    load_pack,
    load_packs,
    per_pack,
    user_dirs,
)

__all__ = [
    "BUILTIN_PACKS_ENV",
    "PACKS_ENV",
    "Pack",
    "PackCharacter",
    "PackError",
    "find_pack",
    "fold",
    "load_pack",
    "load_packs",
    "per_pack",
    "user_dirs",
]
