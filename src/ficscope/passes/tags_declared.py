"""Suggestions against what the author declared. Declared tags are never changed: each suggestion
is marked ``agrees`` (declared too), ``new`` (the field was filled, without this tag),
``missing`` (the author left the field empty) or ``conflict`` (the author declared something that
contradicts it: "declared Teen, text suggests Mature")."""

from __future__ import annotations

import re
from dataclasses import replace

from ficscope.fandoms import fold
from ficscope.model import Category, Metadata, Rating, TagStatus, TagSuggestion, TagType, Warning

# Ratings as archives and authors write them: AO3, FanFiction.net (K, K+, T, M, MA), film-style.
_RATINGS: dict[str, Rating] = {
    "general audiences": Rating.GENERAL,
    "general": Rating.GENERAL,
    "g": Rating.GENERAL,
    "k": Rating.GENERAL,
    "k+": Rating.GENERAL,
    "fiction k": Rating.GENERAL,
    "fiction k+": Rating.GENERAL,
    "pg": Rating.GENERAL,
    "everyone": Rating.GENERAL,
    "all ages": Rating.GENERAL,
    "teen and up audiences": Rating.TEEN,
    "teen and up": Rating.TEEN,
    "teen": Rating.TEEN,
    "teens": Rating.TEEN,
    "t": Rating.TEEN,
    "fiction t": Rating.TEEN,
    "pg-13": Rating.TEEN,
    "pg13": Rating.TEEN,
    "13+": Rating.TEEN,
    "mature": Rating.MATURE,
    "m": Rating.MATURE,
    "fiction m": Rating.MATURE,
    "r": Rating.MATURE,
    "16+": Rating.MATURE,
    "explicit": Rating.EXPLICIT,
    "e": Rating.EXPLICIT,
    "ma": Rating.EXPLICIT,
    "fiction ma": Rating.EXPLICIT,
    "nc-17": Rating.EXPLICIT,
    "nc17": Rating.EXPLICIT,
    "x": Rating.EXPLICIT,
    "18+": Rating.EXPLICIT,
    "not rated": Rating.NOT_RATED,
    "unrated": Rating.NOT_RATED,
}
_CATEGORIES: dict[str, Category] = {
    "f/m": Category.FM,
    "m/f": Category.FM,
    "het": Category.FM,
    "f/f": Category.FF,
    "femslash": Category.FF,
    "m/m": Category.MM,
    "slash": Category.MM,
    "gen": Category.GEN,
    "general": Category.GEN,
    "multi": Category.MULTI,
    "other": Category.OTHER,
}


def parse_rating(value: str | None) -> Rating | None:
    if not value:
        return None
    key = " ".join(value.casefold().replace("rated", "").split()).strip(" :.")
    return _RATINGS.get(key)


def parse_warning(value: str) -> Warning | None:
    low = value.casefold()
    if "chose not" in low or "choose not" in low:
        return Warning.CHOSE_NOT_TO_USE
    if "no archive warning" in low or low.strip() in ("none", "no warnings", "n/a"):
        return Warning.NONE_APPLY
    if "death" in low or "dies" in low:
        return Warning.DEATH
    if "violence" in low or "gore" in low:
        return Warning.VIOLENCE
    if "rape" in low or "non-con" in low or "noncon" in low:
        return Warning.NONCON
    if "underage" in low:
        return Warning.UNDERAGE
    return None


def parse_category(value: str) -> Category | None:
    return _CATEGORIES.get(value.casefold().strip())


def _declared(md: Metadata, tag_type: TagType) -> tuple[str, ...]:
    if tag_type is TagType.FANDOM:
        return md.fandoms
    if tag_type is TagType.RATING:
        return (md.rating,) if md.rating else ()
    if tag_type is TagType.WARNING:
        return md.warnings
    if tag_type is TagType.CATEGORY:
        return md.categories
    if tag_type is TagType.RELATIONSHIP:
        return md.relationships
    if tag_type is TagType.CHARACTER:
        return md.characters
    return md.additional_tags + md.genres


def _name_words(name: str) -> set[str]:
    """The words of a name worth matching on ("Sakura H." -> {"sakura"})."""
    name = re.sub(r"\([^)]*\)", " ", name)  # "Tsunade (Naruto)" -> "Tsunade"
    return {w for w in fold(name).split() if len(w) > 1}


def same_name(a: str, b: str) -> bool:
    """Two names of one character: "Haruno Sakura" ~ "Sakura" ~ "Sakura H."."""
    wa, wb = _name_words(a), _name_words(b)
    return bool(wa and wb) and (wa <= wb or wb <= wa)


def _members(tag: str) -> list[str]:
    return [m.strip() for m in re.split(r"\s*(?:/|&| x )\s*", tag) if m.strip()]


def same_relationship(a: str, b: str) -> bool:
    ma, mb = _members(a), _members(b)
    if len(ma) != len(mb) or ("/" in a) != ("/" in b):
        return False
    return all(any(same_name(x, y) for y in mb) for x in ma)


def same_tag(a: str, b: str) -> bool:
    fa, fb = fold(a), fold(b)
    return fa == fb or fa.rstrip("s") == fb.rstrip("s")


def mark(suggestion: TagSuggestion, md: Metadata) -> TagSuggestion:
    """The suggestion with its status against the declared metadata."""
    declared = _declared(md, suggestion.type)
    if not declared:
        return replace(suggestion, status=TagStatus.MISSING)
    kind = suggestion.type
    if kind is TagType.RATING:
        said = parse_rating(declared[0])
        if said is None or said is Rating.NOT_RATED:
            return replace(suggestion, status=TagStatus.NEW, declared=declared[0])
        if said.value == suggestion.tag:
            return replace(suggestion, status=TagStatus.AGREES)
        return replace(suggestion, status=TagStatus.CONFLICT, declared=declared[0])
    if kind is TagType.WARNING:
        warnings = {parse_warning(w) for w in declared} - {None}
        mine = Warning(suggestion.tag)
        if mine in warnings:
            return replace(suggestion, status=TagStatus.AGREES)
        if Warning.CHOSE_NOT_TO_USE in warnings:
            return replace(suggestion, status=TagStatus.NEW)
        if (Warning.NONE_APPLY in warnings) != (mine is Warning.NONE_APPLY):
            return replace(suggestion, status=TagStatus.CONFLICT, declared=", ".join(declared))
        return replace(suggestion, status=TagStatus.NEW)
    if kind is TagType.CATEGORY:
        categories = {parse_category(c) for c in declared} - {None}
        mine_category = Category(suggestion.tag)
        if mine_category in categories:
            return replace(suggestion, status=TagStatus.AGREES)
        if (mine_category is Category.GEN) != (Category.GEN in categories) and categories:
            return replace(suggestion, status=TagStatus.CONFLICT, declared=", ".join(declared))
        return replace(suggestion, status=TagStatus.NEW)
    if kind is TagType.RELATIONSHIP:
        agrees = any(same_relationship(suggestion.tag, d) for d in declared)
    elif kind is TagType.CHARACTER:
        agrees = any(same_name(suggestion.tag, d) for d in declared)
    else:
        agrees = any(same_tag(suggestion.tag, d) for d in declared)
    return replace(suggestion, status=TagStatus.AGREES if agrees else TagStatus.NEW)
