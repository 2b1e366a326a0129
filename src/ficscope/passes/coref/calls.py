"""The names lines call ("'Hermione,' he said") and what follows from them: the pronoun opening
the narration after a line is the one called, who answers; a "him" right after a line is the one
hailed; a description tagging a line answers the one the line before called."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence

from ficscope.passes.coref.descriptions import _SAYING
from ficscope.passes.coref.refs import _QUOTE_MARKS, Ref
from ficscope.passes.discourse import Discourse, Token

_SENTENCE_ENDS = frozenset({".", "!", "?"})
_CALL_AFTER = frozenset({",", ".", "!", "?", "—", "…"}) | _QUOTE_MARKS


def _called(
    dis: Discourse,
    names: list[Ref],
    titles: Mapping[str, str] | None = None,
    by_quote: dict[int, list[str]] | None = None,
) -> dict[int, list[str]]:
    """Per paragraph, the characters its speech calls by name, or by a title only they bear
    (``titles``, see ``title_names``): a name opening the line or set off by a comma, and
    closing it or followed by a comma ("'Hermione,' he said gently", "'Ready, Captain?'")."""
    tokens = dis.tokens
    found: dict[int, list[str]] = defaultdict(list)
    titles = titles or {}
    spans = [  # "Captain" alone is the one captain
        (
            r.first,
            r.last,
            titles.get(tokens[r.first].lower, r.character) if r.first == r.last else r.character,
        )
        for r in names
        if r.character
    ]
    if titles:
        named = {t for r in names for t in range(r.first, r.last + 1)}
        spans += [
            (i, i, titles[tokens[i].lower])
            for i in dis.positions(titles)
            if tokens[i].quote >= 0 and i not in named
        ]
    for first, last, character in spans:
        tok = tokens[first]
        if tok.quote < 0 or first == 0 or last + 1 >= len(tokens):
            continue
        before, after = tokens[first - 1].text, tokens[last + 1].text
        follow = tokens[last + 2].lower if last + 2 < len(tokens) else ""
        if after == "," and follow == "your":
            continue  # "'Mr. Lockwood, your new tenant, sir.'": the speaker presents himself
        alone = before in _SENTENCE_ENDS and after in ("?", "!")  # '"Food. Scotty?"'
        if (before in _QUOTE_MARKS or before == "," or alone) and after in _CALL_AFTER:
            found[tok.para].append(character)
            if by_quote is not None:
                by_quote[tok.quote].append(character)
    return found


def _object_of_call(
    tokens: list[Token],
    ref: Ref,
    gender: str | None,
    genders: dict[str, str],
    by_quote: dict[int, list[str]],
    history: list[tuple[int, str, bool, int]],
) -> str | None:
    """For a "him" or "her" in the narration sentence right after a line of its paragraph
    that calls one character of its gender, that character, when the sentence names no one
    else of that gender before it: '"Hey, Will." Bev gave him a little wave' - the one waved at
    is the one called, not the man named last before the line."""
    tok = tokens[ref.first]
    if gender not in ("m", "f") or tok.lower not in ("him", "her") or tok.quote >= 0:
        return None
    j = ref.first - 1
    while j >= 0 and tokens[j].quote < 0 and tokens[j].sent == tok.sent:
        j -= 1
    if j < 0 or tokens[j].quote < 0 or tokens[j].para != tok.para:
        return None  # the sentence does not open right after a line of the paragraph
    fits = {c for c in by_quote.get(tokens[j].quote, ()) if genders.get(c) == gender}
    if len(fits) != 1:
        return None
    (one,) = fits
    for first, cid, _, _ in reversed(history):
        if first <= j:
            break
        if cid != one and genders.get(cid) == gender:
            return None  # "Bev pulled Jack aside and told him": someone else of that sex
    return one


def _answers_a_call(
    dis: Discourse,
    ref: Ref,
    called: dict[int, list[str]],
    gender: str | None,
    genders: dict[str, str],
    history: list[tuple[int, str, bool, int]],
    narrated: Collection[str],
) -> str | None:
    """The one character of the pronoun's gender that the line before called by name, for a
    pronoun opening a paragraph, when that line's narration refers to no one else of that
    gender: "'Hermione,' he said. 'When did you sleep last?'" / "She opened her mouth" - she is
    the one spoken to. The line may run over paragraphs ("'... yours, Mira.' / 'Not even once.' /
    She closed her fingers"); one called whose gender is still open answers too when the
    narration has named them and everyone else in that line is known to be of another gender."""
    tokens = dis.tokens
    tok = tokens[ref.first]
    if gender not in ("m", "f") or tok.quote >= 0 or ref.first == 0:
        return None
    if tok.lower not in ("he", "she") or not _opens_narration(tokens, ref.first):
        return None
    para = tok.para - 1
    while para > 0 and para not in called and _continued_only(dis, para):
        para -= 1
    alternated = False
    if para not in called and para >= 3 and _bare(dis, para) and _bare(dis, para - 1):
        # "'..., Bones.'" / "'I have a skeleton, Booth.'" / "'Okay, what does it say?'" / "She
        # points with her pen": two bare lines after a call, the one called speaks again
        para, alternated = para - 2, True
    fits = {c for c in called.get(para, ()) if genders.get(c, gender) == gender}
    if len(fits) != 1:
        return None
    (one,) = fits
    there = {
        c
        for at, c, _, p in history
        if p == para
        and c != one
        and not (alternated and tokens[at].lower in ("him", "her", "his", "them", "their"))
    }
    if genders.get(one) is None:  # one the narration has named, not a name heard only in speech
        sure = one in narrated and all(genders.get(c) not in (None, gender) for c in there)
        return one if sure else None
    return one if all(genders.get(c) != gender for c in there) else None


def _description_answers(
    dis: Discourse,
    ref: Ref,
    called: dict[int, list[str]],
    gender: str | None,
    genders: Mapping[str, str],
) -> str | None:
    """The one character the line before called by name, for a definite description opening a
    paragraph's narration: "'McGee,' said Gibbs. / 'Already on it, Boss.' The younger agent had
    his laptop open" - the younger agent is the one called, who answers. Like a pronoun opening
    the narration (``_answers_a_call``), but a description names someone other than the caller
    even when the caller is of the same sex, so only the description's sex must fit."""
    tokens = dis.tokens
    tok = tokens[ref.first]
    if ref.possessive or ref.indefinite or tok.lower != "the" or tok.quote >= 0:
        return None
    if not _opens_narration(tokens, ref.first):
        return None
    para = tok.para - 1
    while para > 0 and para not in called and _continued_only(dis, para):
        para -= 1
    fits = {c for c in called.get(para, ()) if gender is None or genders.get(c, gender) == gender}
    return next(iter(fits)) if len(fits) == 1 else None


def _bare(dis: Discourse, para: int) -> bool:
    """Whether paragraph ``para`` is one line and nothing else (no narration, no tag)."""
    p = dis.paragraphs[para]
    return len(p.quotes) == 1 and all(
        t.quote >= 0 or t.text in _QUOTE_MARKS for t in dis.tokens[p.first_token : p.last_token]
    )


def _continued_only(dis: Discourse, para: int) -> bool:
    """Whether paragraph ``para`` is nothing but speech carried on from the paragraph before."""
    p = dis.paragraphs[para]
    if not p.quotes or not dis.quotes[p.quotes[0]].continued:
        return False
    return all(
        t.quote >= 0 or t.text in _QUOTE_MARKS for t in dis.tokens[p.first_token : p.last_token]
    )


def _opens_narration(tokens: list[Token], i: int) -> bool:
    """Whether token ``i`` starts its paragraph's narration: nothing but speech comes before it
    in the paragraph ('"Escort duty." He held up a scroll.')."""
    para = tokens[i].para
    j = i - 1
    while j >= 0 and tokens[j].para == para:
        if tokens[j].quote < 0 and tokens[j].text not in _QUOTE_MARKS:
            return False
        j -= 1
    return True


def _addressed(named: Sequence[str], gender: str, genders: dict[str, str]) -> str | None:
    """The one character of ``gender`` a paragraph's speech names, when narration has named
    nobody yet: '"My dear Mr. Bennet," said his lady to him' - "his" is the man spoken to."""
    fits = {cid for cid in named if genders.get(cid) in (gender, None)}
    return next(iter(fits)) if len(fits) == 1 else None


def _quoted_names(tokens: list[Token], refs: Sequence[Ref]) -> dict[int, list[str]]:
    """Per paragraph, the characters its lines name (in quotation)."""
    found: dict[int, list[str]] = defaultdict(list)
    for r in refs:
        if r.kind == "name" and r.character and tokens[r.first].quote >= 0:
            found[tokens[r.first].para].append(r.character)
    return found


def _answering(
    tokens: list[Token], ref: Ref, called: Sequence[str], present: set[str]
) -> str | None:
    """The one character the line before called by name, for a description that tags a line of
    its own paragraph ('"I must be going, Basil," he murmured.' / '"What is that?" said the
    painter'): the painter answers, and is the one called."""
    tok = tokens[ref.first]
    if tok.quote >= 0 or not _tags_a_line(tokens, ref):
        return None
    fits = set(called) - present
    return next(iter(fits)) if len(fits) == 1 else None


def _tags_a_line(tokens: list[Token], ref: Ref) -> bool:
    """Whether a description is a tag's subject: right after a closing quotation mark and a
    speech verb ('" said the painter') or right after one ('," the painter said')."""
    i = ref.first - 1
    if i >= 0 and tokens[i].lower in _SAYING:
        i -= 1
    return i >= 0 and tokens[i].text in _QUOTE_MARKS and tokens[i].para == tokens[ref.first].para


_CALL_REACH = 3  # paragraphs back whose lines may call the one a description means


def _called_lately(
    quoted_names: dict[int, list[str]], para: int, gender: str, genders: dict[str, str]
) -> str | None:
    """The one character of ``gender`` the lines of the last few paragraphs name, if only one
    is: who a "the young man" is when the narration has named nobody yet."""
    found = {
        cid
        for p in range(para - _CALL_REACH, para + 1)
        for cid in quoted_names.get(p, ())
        if genders.get(cid) == gender
    }
    return found.pop() if len(found) == 1 else None
