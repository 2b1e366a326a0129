"""Descriptions: "the [modifiers] noun" mentions of people in the narration. Which nouns a story
uses for people (``description_heads``), the descriptions themselves (``find_descriptions``),
the ones named by apposition ("Tsunade, the Hokage,"), and whether an indefinite one ("a man")
takes part where it is introduced (``participates``). The word sets of description heads the
resolver uses (generic, human, young) live here too."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Sequence

from ficscope.lexicon import gendered_list, is_verb_like, word_list
from ficscope.passes.coref.refs import (
    _DETERMINERS,
    _INDEFINITE,
    _POSSESSIVE_DETERMINERS,
    _REFLEXIVES,
    _SOMEONE,
    Ref,
)
from ficscope.passes.discourse import Discourse, Token

# Verbs only people do: "the subordinate swore" makes "subordinate" a word for a person.
_SAYING = frozenset(
    "said asked replied answered swore shouted yelled whispered muttered exclaimed told".split()
)
_MAX_DESC_WORDS = 5
# a doer's noun ("the airbender", "the archer") or a people's or calling's ("the quarian")
_AGENT_ENDINGS = ("er", "or", "ist", "man", "ian")


def _opens_sentence(tokens: Sequence[Token], i: int) -> bool:
    """Whether token ``i`` opens its sentence, after adverbs at most ("Then somebody")."""
    k = i
    while k > 0 and tokens[k - 1].sent == tokens[i].sent:
        if not _is_adverb(tokens[k - 1].lower) and tokens[k - 1].lower not in ("and", "but"):
            return False
        k -= 1
    return True


def _someone_goes_on(tokens: Sequence[Token], i: int) -> bool:
    """Whether a "somebody" of the narration is a person the story goes on with: it opens its
    sentence and the next sentence opens with a he or she ("Then somebody dropped into the seat
    next to Emma. She was maybe sixteen"); not "as if somebody had dropped a bucket"."""
    if tokens[i].quote >= 0 or not _opens_sentence(tokens, i):
        return False
    k = i + 1
    while k < len(tokens) and tokens[k].sent == tokens[i].sent:
        k += 1
    return k < len(tokens) and tokens[k].quote < 0 and tokens[k].lower in ("he", "she")


def character_nouns() -> dict[str, str | None]:
    """Nouns that name people (and the animals stories make characters), with their gender."""
    return {**gendered_list("animal_nouns"), **gendered_list("person_nouns")}


_SUBJECT_WORDS = frozenset("i you he she it we they".split())


def description_heads(dis: Discourse, names: set[int]) -> set[str]:
    """Nouns this story uses for people: English person nouns, plus uncommon words it makes the
    subject of speech verbs ("the copy-nin yelled", "the konoichi whispered"), and uncommon
    doer nouns ("-er", "-or", "-ist", "-man", "-ian") opening a beat right after a line, as the
    subject of a past verb ('"It was all of us." The airbender waved a hand', "The quarian set
    the part down")."""
    nouns = character_nouns()
    common = word_list("common_lower")
    speech = word_list("speech_verbs")
    irregular = word_list("irregular_past")
    heads = set(nouns)
    votes: Counter[str] = Counter()
    tokens = dis.tokens
    for i in dis.positions(_DETERMINERS):
        tok = tokens[i]
        if tok.quote >= 0:
            continue
        j = i + 1
        while (
            j < len(tokens)
            and j - i <= _MAX_DESC_WORDS
            and tokens[j].text[0].isalpha()
            and j not in names
        ):
            nxt = tokens[j + 1] if j + 1 < len(tokens) else None
            if (
                nxt is not None
                and j == i + 1
                and tok.lower == "the"
                and tok.sent_start
                and i > 0
                and tokens[i - 1].quote >= 0
                and tokens[i - 1].para == tok.para
                and nxt.para == tok.para
                and tokens[j].text.islower()
                and tokens[j].lower.endswith(_AGENT_ENDINGS)
                and tokens[j].lower not in common
                and (nxt.lower.endswith("ed") or nxt.lower in irregular)
            ):
                votes[tokens[j].lower] += 1  # '"..." The airbender waved a hand': a doer
                break
            if nxt is not None and nxt.lower in speech and nxt.para == tok.para:
                if _shows_capitals(tokens, j + 2):
                    break  # "the caller ID said CAS", "a sign that says BEST PIE": a display
                head = tokens[j].lower
                talking = bool(dis.paragraphs[tok.para].quotes)  # not "the large bell chimed"
                if (head not in common and talking) or nxt.lower in _SAYING:
                    votes[head] += 1
                break
            j += 1
    # Inverted tags: '"Hm," said the chirurgeon.', '"Morning," said a dry voice from the door.'
    stop = word_list("name_stopwords") | word_list("function_words")
    for i in dis.positions(speech):
        tok = tokens[i]
        if i >= len(tokens) - 2 or tok.quote >= 0 or tokens[i + 1].lower not in _DETERMINERS:
            continue
        if not any(
            k >= 0 and tokens[k].quote >= 0 and tokens[k].para == tok.para for k in (i - 1, i - 2)
        ):
            continue  # "he cursed the sun": a verb after a quotation (of its paragraph) makes a tag
        if i - 1 in names or tokens[i - 1].lower in _SUBJECT_WORDS:
            continue  # "'...?' Enjolras asked the phone": no inverted tag, the phone is spoken to
        j = i + 2
        while (
            j < len(tokens)
            and j - i <= _MAX_DESC_WORDS + 1
            and tokens[j].text[0].isalpha()
            and j not in names
            and not (j > i + 2 and tokens[j].lower in _TAG_PHRASE_ENDS)
        ):
            j += 1
        ends = j < len(tokens) and (
            not tokens[j].text[0].isalpha() or tokens[j].lower in _TAG_PHRASE_ENDS
        )
        last = j - 1
        while last > i + 2 and tokens[last].lower in _ADVERBS:
            last -= 1  # '"Very good," said the footman again': the head is "footman"
        if j > i + 2 and ends and tokens[j].para == tok.para:
            votes[tokens[last].lower] += 1
    heads |= {h for h, n in votes.items() if n >= 1 and h not in stop and not h.endswith("ly")}
    return heads


def _shows_capitals(tokens: Sequence[Token], i: int) -> bool:
    """Whether token ``i`` is a word in capitals ("CAS", "EXIT"), what a screen or a sign says."""
    word = tokens[i].text if i < len(tokens) else ""
    return len(word) > 1 and word.isalpha() and word.isupper()


_ORDINALS = frozenset("first second third next".split())


def _ordinal_newcomer(tokens: Sequence[Token], j: int, heads: Collection[str]) -> bool:
    """Whether tokens[j] is an ordinal that picks out someone new with the clause after its
    person noun: "The first man who came in was a large officer", "the next girl to speak"."""
    return (
        tokens[j].lower in _ORDINALS
        and j + 2 < len(tokens)
        and tokens[j + 1].lower in heads
        and tokens[j + 2].lower in ("who", "to")
    )


# Adverbs of degree inside a description, before its adjective: "a very small woman".
_DEGREE_ADVERBS = frozenset("very rather quite extremely fairly".split())


# The words a description can start on: a determiner ("the", "a", "his"), "One" for "a" ("One
# girl stood alone"), "someone".
_OPENS_A_DESCRIPTION = frozenset(
    {*_DETERMINERS, *_INDEFINITE, *_POSSESSIVE_DETERMINERS, *_SOMEONE, "one"}
)


# A description closing its sentence alone is a fragment about one already there ("The baker's
# boy."), not someone new
_FRAGMENT_ENDS = frozenset({".", "!", "?", "…"})


def find_descriptions(dis: Discourse, heads: set[str], names: set[int]) -> list[Ref]:
    """ "the [modifiers] head" spans in narration whose head is a person noun."""
    nouns = character_nouns()
    # "his lady": a title that is also a person noun heads a description
    stop = (word_list("name_stopwords") | word_list("function_words")) - set(nouns)
    tokens = dis.tokens
    refs = []
    after = 0  # the token after the last description found: the next one starts there or later
    for i in dis.positions(_OPENS_A_DESCRIPTION):
        if i < after:
            continue
        tok = tokens[i]
        if tok.lower in _SOMEONE and _someone_goes_on(tokens, i):
            # "Then somebody dropped into the seat next to Emma. She was ...": someone new
            refs.append(Ref(i, i, None, "epithet", text=tok.text, indefinite=True))
            continue
        possessive = tok.lower in _POSSESSIVE_DETERMINERS
        indefinite = tok.lower in _INDEFINITE or _one_as_article(tokens, i, heads)
        if (tok.lower not in _DETERMINERS and not possessive and not indefinite) or tok.quote >= 0:
            continue
        if tok.text.isupper() and len(tok.text) > 1:
            continue  # capitals in narration are a sign or a shout: "an apron saying KISS THE COOK"
        allowed: Collection[str] = nouns if possessive else heads
        if indefinite:
            allowed = heads | _UNSEEN_SPEAKERS  # "a younger voice came on the line"
        best = -1
        j = i + 1
        while j < len(tokens) and j - i <= _MAX_DESC_WORDS and tokens[j].para == tok.para:
            word = tokens[j]
            if not word.text[0].isalpha() or j in names:
                if (
                    word.text == "-"
                    and tokens[j - 1].end == word.start
                    and tokens[j + 1].text != "-"
                ):
                    j += 1  # "the copy-nin" split oddly; not a dash "the hotel--Geneva"
                    continue
                if (
                    word.text == ","
                    and best < 0
                    and indefinite
                    and j + 2 < len(tokens)
                    and tokens[j + 2].lower in _UNSEEN_SPEAKERS
                ):
                    j += 1  # "a thin, nasal voice asked"
                    continue
                break
            base = word.lower[:-2] if word.lower.endswith(("'s", "’s")) else word.lower
            if (
                base in stop
                and base not in _DEGREE_ADVERBS  # "a very small woman"
                and not (
                    indefinite and j + 1 < len(tokens) and tokens[j + 1].lower in _UNSEEN_SPEAKERS
                )
                and not _ordinal_newcomer(tokens, j, allowed)
            ):
                break  # but "a second voice", "the first man"
            if base in allowed:
                best = j
                if word.lower != base:
                    if (
                        not possessive  # "my brother's wife" is left to the kinship rules
                        and j + 2 < len(tokens)
                        and tokens[j + 1].lower in nouns
                        and tokens[j + 2].text not in _FRAGMENT_ENDS
                    ):  # "The farmer's wife who came to the door": the wife (not a fragment
                        best, possessive = j + 1, True  # describing one there: "The baker's boy.")
                    break
            elif best >= 0:
                break
            j += 1
        if best >= 0 and _names_a_trait(tokens, best):
            best = -1  # "his blond hair": a colour, not "his blond"
        if best >= 0:
            head = tokens[best].lower
            head = head[:-2] if head.endswith(("'s", "’s")) else head
            text = dis.text[tok.start : tokens[best].end]
            if text.endswith(("'s", "’s")):
                text = text[:-2]
            # "a woman servant", "the boy king": a gendered noun before the head decides
            modifiers = (nouns.get(tokens[k].lower) for k in range(i + 1, best))
            gender = nouns.get(head) or next((g for g in modifiers if g), None)
            indefinite = indefinite or _ordinal_newcomer(tokens, i + 1, allowed)
            indefinite = indefinite or _in_front(tokens, i, best)
            refs.append(
                Ref(
                    i,
                    best,
                    None,
                    "epithet",
                    gender=gender,
                    text=text,
                    indefinite=indefinite,
                    possessive=possessive,
                )
            )
            after = best + 1
    return refs


# "the man in front", "the rider at the front", "the woman in the lead": one picked out of a group
_IN_FRONT = (("in", "front"), ("at", "the", "front"), ("in", "the", "lead"), ("at", "the", "head"))


def _in_front(tokens: Sequence[Token], i: int, best: int) -> bool:
    """Whether a definite description (``the`` at ``i``, head at ``best``) goes on to pick its
    person out of a group by place ("They came up out of the river ... The man in front was a
    big Dane"): someone new, one of them, like "a man", not the man salient before."""
    if tokens[i].lower != "the" or tokens[i].quote >= 0:
        return False
    for words in _IN_FRONT:
        k = best + 1
        if k + len(words) <= len(tokens) and all(
            tokens[k + n].lower == w for n, w in enumerate(words)
        ):
            return True
    return False


def _one_as_article(tokens: Sequence[Token], i: int, heads: Collection[str]) -> bool:
    """Whether a sentence-opening "One" stands for "a" before a person noun: "One girl stood
    alone, apart from the rest." (not "One of the guards", which picks one out of a group); so
    does a "one" after a preposition ("staffed by one officer")."""
    tok = tokens[i]
    return (
        tok.lower == "one"
        and (tok.sent_start or (i > 0 and tokens[i - 1].lower in _ONE_AFTER))
        and i + 1 < len(tokens)
        and tokens[i + 1].para == tok.para
        and tokens[i + 1].lower in heads
    )


_PASSIVE_AUXILIARIES = frozenset("was were is are been being".split())
_ONE_AFTER = frozenset("by with to from for behind beside near".split())
_TRAIT_NOUNS = frozenset("hair locks curls mane bangs fringe beard eyes".split())


def _names_a_trait(tokens: Sequence[Token], head: int) -> bool:
    """Whether a description's head word is a modifier of a trait noun right after it ("his
    blond hair", "the redhead curls"), not a noun for a person."""
    nxt = head + 1
    return (
        nxt < len(tokens)
        and tokens[nxt].lower in _TRAIT_NOUNS
        and tokens[nxt].para == tokens[head].para
        and not tokens[head].lower.endswith(("'s", "’s"))
    )


_SUBJECT_SLOT = frozenset(
    {
        ",",
        ";",
        ":",
        "—",
        "–",
        "and",
        "but",
        "then",
        "when",
        "while",
        "as",
        "until",
        "before",
        "after",
        "because",
        "since",
        "where",
        "so",
        "suddenly",
        "soon",
    }
)
_EXISTENTIAL = frozenset({"was", "were", "is", "are", "stood", "sat", "came", "lay", "appeared"})
_RELATIVES = frozenset({"who", "whose"})
# "It was a young officer": the one the narration presents, come in or found there
_PRESENTING = frozenset({"was", "is"})
# Subjects opening a relative clause with no "who": "A guard I've never seen before leans in"
_RELATIVE_SUBJECTS = frozenset(
    "i i've i'd i’ve i’d we we'd we've we’d we’ve you'd you've you’d you’ve".split()
)


_APPOSITION_END = frozenset({",", ".", ";", ":", "!", "?"})


def appositions(dis: Discourse, names: list[Ref], descriptions: list[Ref]) -> dict[int, str]:
    """A description the narration names by apposition: "Tsunade, the Hokage,", "the Hokage,
    Tsunade," or "the artist himself, Basil Hallward,". When every apposition of a head names
    one character, each description with that head is that character ("the artist" all through
    the story); a generic head ("the man, Temple,") only where it is named, and so a possessive
    one, before or after the name ("Millie, her lymphatic maid,", "his wife, Mrs. Hall,"). A
    first-person narrator's own ("My sister, Mrs. Joe Gargery, was ...") has one owner all
    through the story: when every such apposition of it names one character, the narration's
    every "my sister" is that character. Returns description start token -> character id."""
    tokens = dis.tokens

    def word(i: int) -> str:
        return tokens[i].lower if 0 <= i < len(tokens) else ""

    def closes(i: int) -> bool:  # "Maren, the Warden, and Tobin" is a list
        return word(i) in _APPOSITION_END and not (word(i) == "," and word(i + 1) in {"and", "or"})

    def definite(ref: Ref) -> bool:
        return not ref.possessive and not ref.indefinite and word(ref.first) == "the"

    by_first = {r.first: r for r in names if r.character}
    by_last = {r.last: r for r in names if r.character}
    links: dict[str, Counter[str]] = defaultdict(Counter)
    apposed: dict[int, str] = {}
    mine: dict[str, Counter[str]] = defaultdict(Counter)  # "my sister" -> whom it names
    for ref in descriptions:
        called = _called(tokens, ref.last + 1, ref.indefinite)
        if called and (one := by_first.get(called)) and tokens[ref.first].quote < 0:
            apposed[ref.first] = one.character or ""  # "A classmate named Stewart Snyder"
            continue
        before = by_last.get(ref.first - 2)
        if ref.possessive:
            named = None
            after = by_first.get(ref.last + 2)
            if before and before.character and word(ref.first - 1) == ",":
                if tokens[before.first].quote < 0 and closes(ref.last + 1):
                    named = before.character  # "Millie, her lymphatic maid,"
            elif (
                after
                and after.character
                and word(ref.last + 1) == ","
                and tokens[ref.first].quote < 0
                and tokens[after.first].quote < 0
                and closes(after.last + 1)
            ):
                named = after.character  # "My sister, Mrs. Joe Gargery, was ..."
            if named:
                apposed[ref.first] = named
                if word(ref.first) in _FIRST_PERSON_OWNERS and tokens[ref.first].quote < 0:
                    mine[_said(tokens, ref)][named] += 1
            continue
        if not definite(ref):
            continue
        comma = ref.last + 2 if word(ref.last + 1) in _REFLEXIVES else ref.last + 1
        after = by_first.get(comma + 1)
        named = None
        if before and word(ref.first - 1) == "," and tokens[before.first].quote < 0:
            if closes(ref.last + 1):
                named = before.character  # "Tsunade, the Hokage,"
        elif after and word(comma) == "," and tokens[after.first].quote < 0:
            if closes(after.last + 1):
                named = after.character  # "the Hokage, Tsunade,"
        if named:
            links[word(ref.last)][named] += 1
            apposed[ref.first] = named
    story = {
        head: next(iter(c))
        for head, c in links.items()
        if len(c) == 1 and head not in _GENERIC_HEADS
    }
    out = {
        ref.first: story[word(ref.last)]
        for ref in descriptions
        if definite(ref) and word(ref.last) in story
    }
    # the narrator's "my sister", once named by apposition, is that one all through the story
    narrators = {form: next(iter(c)) for form, c in mine.items() if len(c) == 1}
    for ref in descriptions:
        if (
            ref.possessive
            and word(ref.first) in _FIRST_PERSON_OWNERS
            and tokens[ref.first].quote < 0
            and (form := _said(tokens, ref)) in narrators
        ):
            out.setdefault(ref.first, narrators[form])
    return {**apposed, **out}


_FIRST_PERSON_OWNERS = frozenset({"my", "our"})
_CALLED = frozenset({"called", "christened", "nicknamed"})


def _called(tokens: Sequence[Token], i: int, indefinite: bool) -> int | None:
    """The token where the name a description is given starts: "a classmate named Stewart
    Snyder", "a man called Neville" (only after "a": "the servant called Mary" may be a call),
    "a girl by the name of Polly"."""
    words = [t.lower for t in tokens[i : i + 6]]
    if words[:1] == ["named"] or indefinite and words[:1] and words[0] in _CALLED:
        return i + 1
    if words[:4] == ["by", "the", "name", "of"]:
        return i + 4
    return None


def _said(tokens: Sequence[Token], ref: Ref) -> str:
    """A description as written, lower case, one space between words: "my sister"."""
    return " ".join(tokens[i].lower for i in range(ref.first, ref.last + 1))


def participates(dis: Discourse, ref: Ref) -> bool:
    """Whether an indefinite description acts or speaks where it is introduced: the subject of a
    verb ("A man stood in the door", '"...," a guard said'), the subject of an inverted tag
    ('said a woman'), or introduced by "there was". Not an object or a prepositional phrase
    ("in want of a wife", "the bark of a man who had not expected to"). A possessor opening a
    sentence takes part too ("A man's voice made her start"), and so does one opening a sentence
    and described by a phrase ("An older soldier with a scar across his chin stepped forward")."""
    tokens = dis.tokens
    first = tokens[ref.first]
    before = tokens[ref.first - 1] if ref.first > 0 else None
    speech = word_list("speech_verbs")
    if tokens[ref.last].lower in _UNSEEN_SPEAKERS and _line_follows(tokens, ref.last):
        return True  # "and then a second voice, much louder." "Is that Shrimpy?"
    if before is not None and before.para == first.para and before.quote < 0:
        if before.lower in speech and ref.first >= 2 and tokens[ref.first - 2].quote >= 0:
            return True  # '"...," said a woman'
        if (
            before.lower in _EXISTENTIAL
            and ref.first >= 2
            and tokens[ref.first - 2].lower == "there"
        ):
            return True  # "There was a man at the door"
        if before.lower in _EXISTENTIAL and _after_a_place(tokens, ref.first - 1):
            return True  # "On the front step was a kid", "In the doorway stood a woman"
        if (
            before.lower in _PRESENTING
            and ref.first >= 2
            and tokens[ref.first - 2].lower == "it"
            and tokens[ref.first - 2].sent_start
        ):
            return True  # "It was a young petty officer from the front desk": the one come in
        if (
            before.lower == "by"
            and ref.first >= 3
            and tokens[ref.first - 2].lower.endswith(("ed", "en"))
            and tokens[ref.first - 3].lower in _PASSIVE_AUXILIARIES
            and tokens[ref.first - 3].sent == first.sent
        ):
            return True  # "The checkpoint was staffed by one officer": the one who acts
            # (not "Sam came in, followed by a teenager", brought along)
        if (
            before.lower == "by"
            and ref.last + 1 < len(tokens)
            and tokens[ref.last + 1].lower == "who"
            and tokens[ref.last + 1].sent == first.sent
        ):
            return True  # "carried in on a silver tray by a guard who looked uncomfortable"
    k = ref.first
    while k > 0 and tokens[k - 1].para == first.para and _is_adverb(tokens[k - 1].lower):
        k -= 1  # "Presently a small boy came walking along the path"
    before = tokens[k - 1] if k > 0 else None
    opens = (
        tokens[k].sent_start
        or before is None
        or before.para != first.para
        or before.quote >= 0
        or before.lower in _SUBJECT_SLOT
        # "At the scanner station a young tech cleared his throat. "Sir, ..."": after a place,
        # one who speaks in the paragraph
        or _after_a_place(tokens, k)
        and _line_follows(tokens, ref.last)
    )
    if not opens:
        return _acts_past(tokens, ref.last + 1, first.para)
    if tokens[ref.last].lower.endswith(("'s", "’s")):
        return True  # "A man's voice beside her made her start": he is there, and speaks
    i = ref.last + 1
    while i < len(tokens) and _is_adverb(tokens[i].lower):
        i += 1
    if i >= len(tokens) or tokens[i].para != first.para:
        return False
    if tokens[i].lower in _DESCRIBING_PREPOSITIONS:
        return True  # "An older soldier with a scar across his chin stepped forward"
    if tokens[i].lower in _RELATIVE_SUBJECTS and tokens[i].sent == first.sent:
        return True  # "A security guard I've never seen before leans in": a relative clause
    if tokens[i].lower in _MODALS:
        return False  # "A sensible person wouldn't spend his life pining": anyone, no one here
    if len(tokens[i].lower) > 5 and tokens[i].lower.endswith("ing"):
        return _acts_after_participle(tokens, i)
    return tokens[i].lower in _RELATIVES or is_verb_like(tokens[i].lower)


def _acts_after_participle(tokens: list[Token], i: int) -> bool:
    """Whether a participle phrase at token ``i`` that describes a sentence's opening
    indefinite is followed, in that sentence, by its past-tense verb: "A young deckhand coiling
    line by the rail looked up" (no comma between: "A man, grinning," is a description too)."""
    end = min(len(tokens), i + _DESCRIBING_SPAN + 2)
    for k in range(i + 1, end):
        if tokens[k].sent != tokens[i].sent or not tokens[k].text[0].isalpha():
            return False
        word = tokens[k].lower
        if word in _FINITE_PAST or (word.endswith("ed") and is_verb_like(word)):
            return True
    return False


_MODALS = frozenset(
    "would wouldn't wouldn’t should shouldn't shouldn’t must mustn't mustn’t ought".split()
)


_PLACE_OPENERS = frozenset(
    "on in at behind beside outside inside by near under across beyond before".split()
)


def _after_a_place(tokens: list[Token], verb: int) -> bool:
    """Whether the narration sentence of token ``verb`` opens on a place, with no verb before
    ``verb``: "On the front step was", "In the doorway stood"."""
    sent = tokens[verb].sent
    k = verb - 1
    while k > 0 and tokens[k - 1].sent == sent:
        k -= 1
    if tokens[k].lower not in _PLACE_OPENERS or tokens[k].quote >= 0:
        return False
    return not any(is_verb_like(tokens[i].lower) for i in range(k + 1, verb))


def _line_follows(tokens: list[Token], i: int) -> bool:
    """Whether a quotation opens right after the sentence of token ``i``, in its paragraph."""
    k = i + 1
    while k < len(tokens) and tokens[k].para == tokens[i].para and tokens[k].quote < 0:
        if tokens[k].sent != tokens[i].sent:
            return False
        k += 1
    return k < len(tokens) and tokens[k].para == tokens[i].para and tokens[k].quote >= 0


# Prepositions that go on describing a person who opens a sentence: "A man in a grey coat ..."
_DESCRIBING_PREPOSITIONS = frozenset("with in from wearing at".split())
# Heads of an indefinite description that speaks before anyone is seen: "a younger voice came
# on the line", "a thin, nasal voice asked".
_UNSEEN_SPEAKERS = frozenset({"voice"})

# Words that end the subject of an inverted tag: "said a dry voice from the doorway".
_TAG_PHRASE_ENDS = frozenset(
    "from in at on by near behind beside across through with of to into over under".split()
)


_ADVERBS = frozenset(
    "then still just suddenly only also never always again soon now presently meanwhile".split()
)


# Past forms that are never a base form or a passive participle ("came", "stood", not "brought"
# or "cut"): only a subject goes before them ("have a girl brought forward" has an object).
_FINITE_PAST = frozenset(
    "arose awoke ate became began bit blew broke chose came crept did drank drew drove fell fled "
    "flew forbade forgave forgot froze gave grew hid knelt knew lay leapt ran rang rode rose sang "
    "sank sat saw shook shrank slept spoke sprang stole stood strode strove swam swore threw took "
    "tore trod went woke wore wrote".split()
)


def _acts_past(tokens: list[Token], i: int, para: int) -> bool:
    """Whether an indefinite description is the subject of the past-tense verb right after it,
    wherever it stands: "Before she could cry, a teacher came up" even without the comma.
    Only a past form that is no base form or participle: a noun after a verb is its object
    ("she saw a man" is no subject), but "saw a man came" is not English. A describing phrase
    may come between ("anything to say a guy in a flannel shirt came over")."""
    if i < len(tokens) and tokens[i].lower in _DESCRIBING_PREPOSITIONS:
        end = min(len(tokens), i + _DESCRIBING_SPAN)
        k = i + 1
        while k < end and tokens[k].para == para and tokens[k].lower not in _FINITE_PAST:
            if not tokens[k].text[0].isalpha() or tokens[k].lower in _RELATIVES:
                return False  # "told a man at the bar, who came": no subject
            k += 1
        if k >= end:
            return False
        i = k
    while i < len(tokens) and _is_adverb(tokens[i].lower):
        i += 1
    return i < len(tokens) and tokens[i].para == para and tokens[i].lower in _FINITE_PAST


_DESCRIBING_SPAN = 6  # tokens a describing phrase may take: "in a flannel shirt", "with a pram"


def _is_adverb(word: str) -> bool:
    return word in _ADVERBS or (word.endswith("ly") and len(word) > 4)


_YOUNG_HEADS = frozenset("boy girl child kid lad lass youngster".split())
_CHILD_HEADS = frozenset("child kid youngster".split())  # ungendered: the boy or girl just seen
_HUMAN_HEADS = frozenset("man woman boy girl lady gentleman guy person men women".split())
_ANAPHORS = frozenset("stranger figure person".split())  # someone already there, unnamed
_MET = frozenset(
    "stranger visitor guest traveller newcomer intruder caller".split()
)  # one met: one person
_GENERIC_HEADS = frozenset(
    "man woman boy girl lady gentleman guy person child kid figure stranger other one fellow "
    "others people men women boys girls".split()
)
