"""The cast: person-name mentions clustered into characters.

Clustering, from the text alone:
1. Every multi-word name is a candidate character, keyed by its set of words, so
   "Hatake Kakashi" and "Kakashi Hatake" are one; a name whose words are a subset of exactly one
   longer name joins it ("Mary Lennox" -> "Mary Anne Lennox").
2. A one-word mention ("Kakashi", "Kakashi-sensei", "Mr. Stark") joins the one full name holding
   that word. When several do ("Stark": Tony Stark, Howard Stark) it goes to the one mentioned most
   recently (compatible title gender first) — so characters sharing a surname stay apart.
3. One-word names held by no full name are characters of their own.
A fandom pack (if one matches) can add aliases that merge clusters; the analysis never needs one.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial

from ficscope.fandoms import fold
from ficscope.lexicon import (
    FEMALE_SUFFIXES,
    FEMALE_TITLES,
    MALE_SUFFIXES,
    MALE_TITLES,
    NEUTRAL_TITLES,
    TITLES,
    formal_given_names,
    given_name_genders,
    word_list,
)
from ficscope.model import Character, Mention, Work, name_key
from ficscope.passes.discourse import Discourse, discourse
from ficscope.passes.known_cast import KnownCast, known_cast
from ficscope.passes.name_evidence import person_evidence
from ficscope.passes.names import NameFinder, NameMention
from ficscope.pipeline import register

ClusterKey = frozenset[str] | tuple[str, str]  # a full name's words, or (title class, word)


@dataclass
class Cluster:
    key: frozenset[str]
    forms: Counter[str] = field(
        default_factory=Counter
    )  # full surface forms, e.g. "Hatake Kakashi"
    surfaces: Counter[str] = field(default_factory=Counter)  # every surface form seen
    mentions: list[int] = field(default_factory=list)  # indices into the name mention list
    title_gender: Counter[str] = field(default_factory=Counter)
    titles: Counter[str] = field(default_factory=Counter)  # title classes used: "mr", "miss", ...
    id: str = ""

    @property
    def size(self) -> int:
        return len(self.mentions)


def _gender_of_title(m: NameMention) -> str | None:
    title = (m.title or "").lower()
    if title in MALE_TITLES or (m.honorific or "").replace("-", "") in MALE_SUFFIXES:
        return "m"
    if title in FEMALE_TITLES or (m.honorific or "").replace("-", "") in FEMALE_SUFFIXES:
        return "f"
    return None


def _slug(name: str, taken: set[str]) -> str:
    base = name_key(name)
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


_TITLE_CLASS = {
    "mister": "mr",
    "mester": "mr",
    "maister": "mr",
    "missus": "mrs",
    "missis": "mrs",
    "mistress": "miss",
    "ms": "miss",
    "doctor": "dr",
    "capt": "captain",
    "prof": "professor",
}


# A family title names the person others call by a plain one: "Aunt Shaw" is Mrs. (or Miss) Shaw.
_FAMILY_TITLES = {"aunt": {"mrs", "miss"}, "auntie": {"mrs", "miss"}, "uncle": {"mr"}}


def _same_person_titles(a: str, b: str) -> bool:
    """Whether two title classes may be used for one person with the same surname: the same
    one, a family title and the plain one ("Aunt Shaw", "Mrs. Shaw"), or "Mr." and a rank or
    office ("Commander Harl" of the narration, "Mister Harl" of the lines)."""
    return (
        a == b
        or b in _FAMILY_TITLES.get(a, ())
        or a in _FAMILY_TITLES.get(b, ())
        or ("mr" in {a, b} and {a, b} <= _OFFICE_TITLES | {"mr"})
    )


def title_class(title: str | None) -> str | None:
    if not title:
        return None
    low = title.lower().rstrip(".")
    return _TITLE_CLASS.get(low, low)


_WIFE_TITLES = frozenset({"mrs", "missus", "missis"})
# Ranks and offices, which any member of a family may hold (not "Mr.", "Mrs.", "Master", "Cousin")
_OFFICE_TITLES = frozenset(title_class(t) for t in NEUTRAL_TITLES) - {
    "master",
    "cousin",
    "saint",
    "st",
}


def is_wife_form(m: NameMention) -> bool:
    """ "Mrs. Joe Gargery", "Mrs. Charles": "Mrs." before a man's given name names his wife,
    someone other than the man."""
    return (
        title_class(m.title) in _WIFE_TITLES and given_name_genders().get(m.parts[0].lower()) == "m"
    )


def cluster_names(mentions: list[NameMention], keep: set[str]) -> tuple[list[Cluster], list[int]]:
    """Clusters of person-name mentions, and the cluster index of each mention (-1: not a person).

    Titles decide between people who share a name: "Master Colin" is Colin Craven (a title on a
    first name), "Mr. Craven" is the Craven the story calls "Mr." in full ("Mr. Archibald
    Craven", before or after: a title on a surname), and "Mrs. Craven", never seen, is someone
    else.
    """

    places = word_list("place_words")

    def words_of(m: NameMention) -> tuple[str, ...]:
        if len(m.parts) > 1 and m.parts[-1].lower() in places:
            return ()  # "Fulton Street", "Thornfield Hall": a place
        return tuple(p for p in m.parts if p[0].isupper() and p in keep)

    full: dict[frozenset[str], Cluster] = {}
    for m in mentions:
        words = words_of(m)
        if len(set(words)) >= 2 and not is_wife_form(m):
            cluster = full.setdefault(frozenset(words), Cluster(frozenset(words)))
            cluster.forms[" ".join(words)] += 1
    keys = sorted(full, key=len, reverse=True)
    parent: dict[frozenset[str], frozenset[str]] = {}
    for words_key in keys:
        supersets = [
            k for k in keys if len(k) > len(words_key) and words_key < k and k not in parent
        ]
        if len(supersets) == 1:
            parent[words_key] = supersets[0]
            full[supersets[0]].forms.update(full[words_key].forms)
    for words_key in keys:  # "Jim Vane" is the "James Vane" of the same story
        if words_key in parent:
            continue
        for form in list(full[words_key].forms):
            first, *rest = form.split()
            for formal in formal_given_names().get(first.lower(), frozenset()):
                other = frozenset({formal.capitalize(), *rest})
                if other != words_key and other in full and other not in parent:
                    parent[words_key] = other
                    full[other].forms.update(full[words_key].forms)
                    break
            if words_key in parent:
                break
    clusters: dict[ClusterKey, Cluster] = {k: c for k, c in full.items() if k not in parent}
    # the titles each full name is given anywhere in the story: "Miss Sharp" on the first page is
    # the "Miss Rebecca Sharp" of the second, not someone new until that full name is read
    full_titles: dict[ClusterKey, set[str]] = defaultdict(set)
    for m in mentions:
        words = words_of(m)
        if len(set(words)) >= 2 and not is_wife_form(m) and (title := title_class(m.title)):
            held = frozenset(words)
            while held in parent:
                held = parent[held]
            full_titles[held].add(title)
    firsts = {k: {f.split()[0] for f in c.forms} for k, c in clusters.items()}
    lasts = {k: {f.split()[-1] for f in c.forms} for k, c in clusters.items()}
    order: list[ClusterKey] = list(clusters)
    index = {k: i for i, k in enumerate(order)}
    last_seen: dict[ClusterKey, int] = {}
    singles: dict[str, list[ClusterKey]] = defaultdict(list)  # word -> one-word cluster keys

    def by_nickname(word: str) -> list[ClusterKey]:
        """Full names whose first word is the given name ``word`` is short for ("Harry": Henry
        Wotton), when no full name holds ``word`` itself."""
        formal = formal_given_names().get(word.lower(), frozenset())
        return [
            k
            for k in order
            if isinstance(k, frozenset)
            and any(f.split()[0].lower() in formal for f in clusters[k].forms)
        ]

    def by_variant(word: str) -> list[ClusterKey]:
        """The one-word name ``word`` is a diminutive or the formal form of ("Sid": Sidney),
        when it is the only such name."""
        low = word.lower()
        variants = formal_given_names().get(low, frozenset()) | {
            nick for nick, formal in formal_given_names().items() if low in formal
        }
        found: list[ClusterKey] = [
            k
            for v in variants
            for k in singles.get(v.capitalize(), [])
            if k == ("", v.capitalize())
        ]
        return found if len(found) == 1 else []

    narrated = {w for m in mentions if not m.in_quote for w in m.parts}

    def by_truncation(word: str) -> list[ClusterKey]:
        """The one one-word name that ``word``, a name only speech uses, clips from the front or
        the back ("Noya-senpai" of Nishinoya, "Suga-san" of Sugawara)."""
        low = word.lower()
        if word in narrated or len(low) < 3:
            return []
        found: list[ClusterKey] = [
            k
            for k in order
            if isinstance(k, tuple)
            and k[0] == ""
            and len(k[1]) >= len(low) + 2
            and (k[1].lower().startswith(low) or k[1].lower().endswith(low))
        ]
        return found if len(found) == 1 else []

    def by_formal(word: str) -> list[ClusterKey]:
        """The one full name whose given name is a diminutive of ``word``, a formal given name
        only speech uses ("Joshua" called in the lines of a story that narrates "Josh Lyman":
        acc27-r24a)."""
        if word in narrated:
            return []
        low = word.lower()
        nicks = {nick for nick, formal in formal_given_names().items() if low in formal}
        found: list[ClusterKey] = [
            k
            for k in order
            if isinstance(k, frozenset)
            and any(f.split()[0].lower() in nicks for f in clusters[k].forms)
        ]
        return found if len(found) == 1 else []

    # given names a "Miss" is put before ("Miss Anne"): a younger daughter's way of being named
    missed = {m.parts[0] for m in mentions if len(m.parts) == 1 and title_class(m.title) == "miss"}

    def the_one_woman(word: str) -> list[ClusterKey]:
        """The one full name of surname ``word`` a "Miss X" is, when the story names no other of
        that surname in full, her given names are all women's and none is ever "Miss G" (the
        eldest daughter is "Miss Elliot", her sisters "Miss Anne")."""
        surnamed: list[ClusterKey] = [k for k in order if isinstance(k, frozenset) and word in k]
        if len(surnamed) != 1 or word not in lasts[surnamed[0]] or word in firsts[surnamed[0]]:
            return []
        genders = given_name_genders()
        given = {w for f in clusters[surnamed[0]].forms for w in f.split()[:-1]}
        if not given or given & missed or any(genders.get(w.lower()) != "f" for w in given):
            return []
        return surnamed

    def newest(candidates: Sequence[ClusterKey]) -> ClusterKey:
        return max(candidates, key=lambda k: (last_seen.get(k, -1), clusters[k].size))

    assignment: list[int] = []
    for i, m in enumerate(mentions):
        words = words_of(m)
        if not words:
            assignment.append(-1)
            continue
        tclass = title_class(m.title)
        key: ClusterKey
        if is_wife_form(m) and len(set(words)) >= 2:
            key = ("mrs", " ".join(words))
            if key not in clusters:
                clusters[key] = Cluster(frozenset(words))
                index[key] = len(order)
                order.append(key)
                singles[words[-1]].append(key)  # "Mrs. Gargery" later
        elif len(set(words)) >= 2:
            full_key = frozenset(words)
            while full_key in parent:
                full_key = parent[full_key]
            key = full_key
        else:
            word = words[0]
            holding: list[ClusterKey] = [k for k in order if isinstance(k, frozenset) and word in k]
            if is_wife_form(m):  # "Mrs. Charles": the wife of a Charles, as named before
                wives = [
                    k
                    for k in order
                    if isinstance(k, tuple) and k[0] == "mrs" and k[1].split()[0] == word
                ]
                key = newest(wives) if wives else ("mrs", word)
            elif tclass:
                as_first = [k for k in holding if word in firsts[k] and word not in lasts[k]]
                as_last = [
                    k
                    for k in holding
                    if word in lasts[k]
                    and (tclass in clusters[k].titles or tclass in full_titles.get(k, ()))
                ]
                same_title: list[ClusterKey] = [
                    k for k in singles[word] if k == (tclass, word)
                ] or [
                    k
                    for k in singles[word]
                    if not clusters[k].titles
                    or any(_same_person_titles(tclass, t) for t in clusters[k].titles)
                ]
                if not as_first and not as_last and tclass in _OFFICE_TITLES:
                    # "General Skywalker" of a story whose one Skywalker is Anakin Skywalker: a
                    # rank or office is no family member's title ("Mrs. Craven")
                    surnamed = [k for k in holding if word in lasts[k] and word not in firsts[k]]
                    as_last = surnamed if len(surnamed) == 1 else []
                if not as_first and not as_last and not same_title and tclass == "miss":
                    as_last = the_one_woman(word)
                pool: list[ClusterKey] = as_first or as_last or same_title
                key = newest(pool) if pool else (tclass, word)
            else:
                pool = (
                    (holding or by_nickname(word)) + singles[word]
                    or by_variant(word)
                    or by_formal(word)
                    or by_truncation(word)
                )
                key = newest(pool) if pool else ("", word)
            if key not in clusters:
                clusters[key] = Cluster(frozenset(words))
                index[key] = len(order)
                order.append(key)
                singles[word].append(key)
        cluster = clusters[key]
        cluster.mentions.append(i)
        cluster.surfaces[_surface(m)] += 1
        if isinstance(key, tuple):
            cluster.forms[_surface(m) if m.title else m.surface] += 1
        if tclass:
            cluster.titles[tclass] += 1
        gender = _gender_of_title(m)
        if gender:
            cluster.title_gender[gender] += 1
        last_seen[key] = i
        assignment.append(index[key])
    return [clusters[k] for k in order], assignment


def given_names_of_kept(
    found: list[NameMention], keep: set[str], cap_mid: Counter[str]
) -> set[str]:
    """Known given names before a kept surname: "of John Reed" is John Reed, though "John" after
    "of" looks like a place's word ("John" is an English given name, "Reed" a person's name)."""
    given = {n for nicks in formal_given_names().values() for n in nicks} | {
        f for forms in formal_given_names().values() for f in forms
    }
    return {
        m.parts[0]
        for m in found
        if len(m.parts) == 2
        and m.parts[1] in keep
        and m.parts[0].lower() in given
        and cap_mid[m.parts[0]]
    }


def called_diminutives(
    found: list[NameMention], keep: set[str], common: frozenset[str] | set[str]
) -> set[str]:
    """One-word names only ever called out in lines ('"Lizzy, you are unkind."'), no common
    word, that are the English diminutive of a kept given name ("Elizabeth"): the clustering
    joins them to it."""
    formal = formal_given_names()
    kept = {w.lower() for w in keep}
    uses: dict[str, list[NameMention]] = defaultdict(list)
    for m in found:
        for p in m.parts:
            uses[p].append(m)
    return {
        w
        for w, ms in uses.items()
        if w not in keep
        and w.lower() not in common
        and formal.get(w.lower(), frozenset()) & kept
        and all(m.vocative and len(m.parts) == 1 and not m.title for m in ms)
    }


def _form(m: NameMention, words: frozenset[str]) -> str:
    return " ".join(p for p in m.parts if p in words or not p[0].isupper())


def _surface(m: NameMention) -> str:
    name = m.surface
    if m.title:
        name = (
            f"{m.title}. {name}"
            if m.title.lower() in {"mr", "mrs", "ms", "dr", "st"}
            else f"{m.title} {name}"
        )
    if m.honorific:
        name = f"{name}-{m.honorific}"
    return name


def canonical_name(cluster: Cluster) -> str:
    """The fullest proper name: most words, then most used; a lone title-and-surname as used."""
    forms = cluster.forms or Counter({" ".join(sorted(cluster.key)): 1})
    return max(forms, key=lambda f: (len(f.split()), forms[f]))


_APPOSITION_END = frozenset({",", ".", ";", ":", "!", "?"})


def join_appositions(
    dis: Discourse, found: list[NameMention], clusters: list[Cluster], assignment: list[int]
) -> None:
    """A title used as a name joins the character the narration says it is, by apposition:
    "Tsunade, the Hokage," or "the Hokage, Tsunade,". Only when every such apposition of the
    title names the same character; the title's cluster is then merged into that character's."""
    tokens = dis.tokens

    def word(i: int) -> str:
        return tokens[i].lower if 0 <= i < len(tokens) else ""

    def closes(i: int) -> bool:  # a title or name that ends its phrase, not "the Weasley boy"
        return word(i) in _APPOSITION_END and not (word(i) == "," and word(i + 1) in {"and", "or"})

    links: dict[int, Counter[int]] = defaultdict(Counter)  # title cluster -> named clusters
    for a in range(len(found) - 1):
        b = a + 1
        ma, mb = found[a], found[b]
        ca, cb = assignment[a], assignment[b]
        if ca < 0 or cb < 0 or ca == cb or ma.in_quote or mb.in_quote:
            continue
        gap = [word(i) for i in range(ma.last_token + 1, mb.first_token)]
        lone_b = len(mb.parts) == 1 and not mb.title
        if gap == [",", "the"] and lone_b and closes(mb.last_token + 1):
            links[cb][ca] += 1  # "Tsunade, the Hokage,"
        elif (
            gap == [","]
            and word(ma.first_token - 1) == "the"
            and len(ma.parts) == 1
            and not ma.title
            and closes(mb.last_token + 1)
        ):
            links[ca][cb] += 1  # "the Hokage, Tsunade,"
    for title, named in links.items():
        if len(named) != 1:
            continue
        target = next(iter(named))
        if target in links or len(clusters[title].key) != 1:
            continue  # a chain, or a full name: leave both
        _merge_into(clusters[target], clusters[title], assignment, target)


def _merge_into(into: Cluster, other: Cluster, assignment: list[int], target: int) -> None:
    into.mentions.extend(other.mentions)
    into.surfaces.update(other.surfaces)
    into.titles.update(other.titles)
    into.title_gender.update(other.title_gender)
    for m in other.mentions:
        assignment[m] = target
    other.mentions.clear()


def _untitled(name: str) -> set[str]:
    """The words of a name without its titles: "Dr. Grey" -> {"Grey"}."""
    return {w for w in name.split() if w.rstrip(".").lower() not in TITLES}


def _pack_knows(cast: KnownCast, word: str) -> bool:
    """Whether a fandom pack (not the author's character tags, which name a pet "Trinket" as
    readily as a person) knows ``word`` as one character's whole name or alias ("Bones"; not
    "Might" of "All Might"), or the author's tags give it as a nickname in quotes
    ('Temperance "Bones" Brennan')."""
    known = cast.by_alias(word)
    return known is not None and (not known.declared or known.nickname == fold(word))


def merge_known(clusters: list[Cluster], assignment: list[int], cast: KnownCast) -> dict[int, str]:
    """Join the clusters that name one known character ("Kakashi", "Copy-nin" as a name,
    "Hatake Kakashi"); returns the known full name of each remaining cluster (by ``id()``)."""
    groups: dict[str, list[int]] = {}
    for i, cluster in enumerate(clusters):
        if cluster.size == 0:
            continue
        found = cast.match([canonical_name(cluster), *cluster.forms, *cluster.surfaces])
        if found is not None:
            groups.setdefault(found.name, []).append(i)
    names: dict[int, str] = {}
    for name, members in groups.items():
        target = max(members, key=lambda i: clusters[i].size)
        into = clusters[target]
        for i in members:
            if i == target:
                continue
            other = clusters[i]
            into.mentions.extend(other.mentions)
            into.surfaces.update(other.surfaces)
            into.forms.update(other.forms)
            into.titles.update(other.titles)
            into.title_gender.update(other.title_gender)
            other.mentions.clear()
            for m in into.mentions:
                assignment[m] = target
        names[id(into)] = name
    return names


def family_plurals(dis: Discourse, found: list[NameMention], keep: set[str]) -> set[str]:
    """Plurals of the story's names, used with "the" and never with a title: "the Harvilles",
    "the Jarndyces" are a family, not a person. ("the Miss Musgroves" stays, for want of a better
    name for the sisters.)"""
    tokens = dis.tokens
    titled = {p for m in found if m.title for p in m.parts}
    return {
        m.parts[-1]
        for m in found
        if m.parts[-1].endswith("s")
        and m.parts[-1][:-1] in keep
        and m.parts[-1] not in titled
        and m.first_token > 0
        and tokens[m.first_token - 1].lower == "the"
    }


def _called_the(cast: KnownCast, word: str) -> bool:
    """Whether the pack knows the word as a name with "the" ("the Doctor"): then "the Doctor"
    in the story is the character, not a thing called so."""
    known = cast.by_name(word)
    return known is not None and f"the {word.lower()}" in known.forms


@register("characters", requires=("quotes",), assigns=("characters", "mentions"))
def characters_pass(work: Work) -> Work:
    """Find the cast: person names clustered into characters, with a mention for each name."""
    dis = discourse(work)
    cast = known_cast(work)
    finder = NameFinder(dis, partial(_pack_knows, cast) if cast else None)
    found = finder.mentions()
    evidence = person_evidence(dis, found, word_list("speech_verbs"), finder.cap_mid)
    counts = Counter(p for m in found for p in m.parts)
    keep = {
        w
        for w, s in evidence.items()
        if s >= 1.0
        or (s >= 0.5 and finder.cap_mid[w])
        or (s >= 0 and counts[w] >= 3 and (finder.cap_mid[w] or counts[w] >= 5))
    }
    keep |= {p for m in found if (m.title or m.honorific) for p in m.parts}
    keep |= given_names_of_kept(found, keep, finder.cap_mid)
    keep |= called_diminutives(found, keep, finder.common)
    keep -= family_plurals(dis, found, keep)
    if cast:  # names the fandom's pack or the author's character tags know are people
        keep |= {
            w
            for w in counts
            if (finder.cap_mid[w] or w.lower() not in finder.common)
            and (evidence.get(w, 0.0) >= 0 or _called_the(cast, w))
            and cast.by_name(w) is not None
        }
    # "The Herald's Rest"; the fandom's "Hidden Mist"
    found = [m for m in found if not finder.names_a_place(m) and not cast.names_a_thing(m.surface)]
    clusters, assignment = cluster_names(found, keep)
    join_appositions(dis, found, clusters, assignment)
    known = merge_known(clusters, assignment, cast) if cast else {}
    clusters_kept = [c for c in clusters if c.size > 0]
    taken: set[str] = set()
    ids: dict[int, str] = {}
    characters: list[Character] = []
    for cluster in sorted(clusters_kept, key=lambda c: -c.size):
        name = canonical_name(cluster)
        fuller = known.get(id(cluster))
        if fuller is not None and _untitled(name) < set(fuller.split()):
            name = fuller  # "Honoroit" of the tag "Honoroit Banlardois"; "Dr. Grey" of
            # "Meredith Grey"
        cluster.id = _slug(name, taken)
        ids[id(cluster)] = cluster.id
        aliases = tuple(
            dict.fromkeys(
                finder.as_written(a)
                for a in sorted(
                    set(cluster.surfaces) | set(cluster.forms),
                    key=lambda s: (-cluster.surfaces[s], s),
                )
            )
        )
        name = finder.as_written(name)
        characters.append(
            Character(id=cluster.id, name=name, aliases=aliases, mention_count=cluster.size)
        )
    mentions = [
        Mention(m.start, m.end, clusters[a].id, "name")
        for m, a in zip(found, assignment, strict=True)
        if a >= 0 and clusters[a].id
    ]
    return work.with_layers("characters", characters=tuple(characters), mentions=tuple(mentions))
