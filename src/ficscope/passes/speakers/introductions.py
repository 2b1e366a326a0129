"""Unnamed speakers named by their lines: they give their name (``introductions``), answer
to one (``replies_to_a_call``), are recognised by it (``recognised_by_name``), or are
called by a surname after acting under their given name (``called_after_acting``)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping

from ficscope.model import NARRATOR
from ficscope.passes.known_cast import KnownCast, known_cast
from ficscope.passes.speaker_cues import CueFinder, QuoteCues, Turn
from ficscope.passes.speakers.answers import _asks
from ficscope.passes.speakers.attributions import Attribution
from ficscope.passes.speakers.strangers import _NAME_ENDS, _agreed, _may_be


def introductions(
    finder: CueFinder, turns: list[Turn], out: list[Attribution], genders: Mapping[str, str]
) -> dict[str, str]:
    """Unnamed speakers who give their name: "the gentleman" whose line says "My name is
    Greyson", or answers "What name?" with "Greyson,--office on second floor.", is Mr.
    Greyson, when that one's gender does not clash with the description's."""
    tokens = finder.tokens
    found: dict[str, Counter[str]] = defaultdict(Counter)
    for turn in turns:
        for cue in turn.quotes:
            asked = _asked_if(finder, cue.index)
            if asked is not None and cue.index >= 2 and _says_yes(finder, *finder.span(cue.index)):
                # '"Have you forgotten Tim Bolton?"' / '"Are you Tim Bolton?" faltered Curtis.'
                # / '"Yes; ..."': the one asked is the one who spoke before the question
                asker, one = out[cue.index - 1].speaker, out[cue.index - 2].speaker
                if one is not None and one.startswith("unnamed-") and one != asker:
                    if _may_be(one, asked, genders):
                        found[one][asked] += 1
            who = out[cue.index].speaker
            if who is None or not who.startswith("unnamed-"):
                continue
            a, b = finder.span(cue.index)
            names = [c for c in cue.own_names if _gives_own_name(finder, a, b, c)]
            first = next((i for i in range(a, b) if tokens[i].text[0].isalnum()), None)
            ref = finder.refs.get(first) if first is not None else None
            if (
                ref is not None
                and ref[2] == "name"
                and ref[1]
                and ref[0] + 1 < b
                and tokens[ref[0] + 1].text in _NAME_ENDS
                and _asked_name(finder, cue.index)
            ):
                names.append(ref[1])
            for name in names:
                if _may_be(who, name, genders):
                    found[who][name] += 1
    return _agreed(found)


_YES = frozenset("yes yeah yep aye ay".split())


def _asked_if(finder: CueFinder, index: int) -> str | None:
    """The named character the quotation before quotation ``index`` (in its paragraph or the
    one before) asks whether the one spoken to is: '"Are you Tim Bolton?"', '"Is that you,
    Tim?"' is not asked so. None when it asks no such thing."""
    span = _line_before(finder, index)
    if span is None:
        return None
    tokens, (a, b) = finder.tokens, span
    words = [i for i in range(a, b) if tokens[i].text[0].isalnum() or tokens[i].text == "?"]
    for n in range(len(words) - 2):
        i = words[n]
        if tokens[i].lower != "are" or tokens[words[n + 1]].lower != "you":
            continue
        if n > 0 and tokens[words[n - 1]].text != "?":
            continue  # the question opens the quotation or follows another: "Who? Are you X?"
        ref = finder.refs.get(words[n + 2])
        if ref is None or ref[2] != "name" or not ref[1]:
            return None
        end = next((k for k in words[n + 2 :] if k > ref[0]), None)
        return ref[1] if end is not None and tokens[end].text == "?" else None
    return None


def _says_yes(finder: CueFinder, a: int, b: int) -> bool:
    """Whether the quotation of tokens ``a`` .. ``b`` opens on a yes ("Yes; but ...", "I am.")."""
    words = [t.lower for t in finder.tokens[a:b] if t.text[0].isalnum()]
    return bool(words) and (words[0] in _YES or words[:2] == ["i", "am"])


def replies_to_a_call(
    turns: list[Turn], out: list[Attribution], genders: Mapping[str, str]
) -> dict[str, str]:
    """Unnamed speakers who answer to a name: '"Snake, what's this deal?" inquired Jim.' /
    '"You'll learn when I do," replied the leader.': the leader is Snake. The reply is tagged
    with a reply verb and its description, or (``_answering``) it opens its paragraph on a line
    a pronoun tags that was given to the unnamed one, whose sex and the name's agree: '"... and
    Fergus, what have you been doing?"' / ... / '"It's time you should be doing something else,
    Fergus," said I.' / '"What can I do?" replied he' (he: "that unmannerly lad"). Every such
    reply must answer to the same name."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for before, turn in zip(turns, turns[1:], strict=False):
        first = turn.quotes[0]
        tag = first.tag or first.intro
        if turn.gap > 0 or tag is None:
            continue
        if turn.reply and tag.kind == "epithet" and (tag.character or "").startswith("unnamed-"):
            who, sure = tag.character or "", False
        elif (answer := _answering(turn, out)) is not None:
            who, sure = answer, True
        else:
            continue
        callers = {out[c.index].speaker for c in before.quotes}
        if sure and who in callers:
            continue
        called = {v for c in before.quotes for v in c.vocatives} - callers - {None, who}
        if len(called) != 1:
            continue
        name = called.pop()
        sex = genders.get(who)
        if _may_be(who, name, genders) and (
            not sure or (sex in ("m", "f") and sex == genders.get(name))
        ):
            votes[who][name] += 1
    return _agreed(votes)


def _answering(turn: Turn, out: list[Attribution]) -> str | None:
    """The unnamed speaker a turn's first line was given to, when a pronoun tags it and the
    paragraph opens on it (no narration before the line: an answer, not someone arriving)."""
    first = turn.quotes[0]
    tag = first.tag or first.intro
    who = out[first.index].speaker
    if tag is None or tag.kind != "pronoun" or turn.continued or turn.beat_before is not None:
        return None
    return who if who is not None and who.startswith("unnamed-") else None


def recognised_by_name(
    finder: CueFinder, turns: list[Turn], out: list[Attribution], genders: Mapping[str, str]
) -> dict[str, str]:
    """Unnamed speakers someone recognises by name: '"Well, well. Look who it is."' (someone
    just come in) / '"Clarisse."': a line that is only a named character's name, opening the
    turn after the unnamed speaker's line (not a question: '"Who is it?" / "Jane."' gives the
    answerer's own name) with at most one narration paragraph between, names that speaker. So
    does any call in that line, tagged or not, when the speaker was first met in the paragraph
    of its line or the one before, or only through its tag ('"...," drawled this newcomer.' /
    '"Reckon so, Jim."'; '"Open up!" someone shouted.' / '"Tomas? Is that you?" Mira asked.')."""
    tokens = finder.tokens
    met: dict[str, int] = {}  # the paragraph of each character's first reference
    for i, (_, character, _) in sorted(finder.refs.items()):
        if character:
            met.setdefault(character, tokens[i].para)
    for turn in turns:  # one only a tag brings in ('"Open up!" someone shouted.'): its first line
        for cue in turn.quotes:
            who = out[cue.index].speaker
            if who is not None and who not in met:
                met[who] = turn.para

    def newcomer(who: str, para: int) -> bool:
        """Whether ``who`` was first met in the paragraph of its line or the one before."""
        return para - 1 <= met.get(who, -9) <= para

    found: dict[str, Counter[str]] = defaultdict(Counter)
    for before, turn in zip(turns, turns[1:], strict=False):
        first = turn.quotes[0]
        if turn.para - before.para > 2 or len(first.vocatives) != 1:
            continue
        who, name = out[before.quotes[-1].index].speaker, first.vocatives[0]
        if _another_comes(turn, name):
            continue
        if who is None or not who.startswith("unnamed-") or out[first.index].speaker == who:
            continue
        if first.own_names:
            continue  # 'Sheridan tapped his link. "Sheridan. Go ahead, Michael."': one who
            # answers with their own name calls the one on the line, not the stranger
        tagged = first.tag is not None or first.intro is not None
        if tagged and not newcomer(who, before.para) or out[first.index].speaker == name:
            continue  # '"Tomas? Is that you?" Mira asked.' calls the one heard, not Mira
        a, b = finder.span(first.index)
        words = [t for t in tokens[a:b] if t.text[0].isalnum()]
        asked = _asks(finder, before.quotes[-1])
        bare = words and len(words) <= 3 and all(t.text[0].isupper() for t in words)
        if (bare and not asked or newcomer(who, before.para)) and _may_be(who, name, genders):
            found[who][name] += 1
    return _agreed(found)


def _another_comes(turn: Turn, name: str) -> bool:
    """Whether the narration just before a turn that calls ``name`` shows someone else named
    coming in or acting ('"If you please, ma'am, it's Mrs Jennings," [the maid] / Mrs
    Jennings was already in the passage. / '"Mrs Dashwood, you said nothing ..."': the line
    is Mrs Jennings's, said to Mrs Dashwood, and the maid is not Mrs Dashwood)."""
    actor = turn.last_actor
    return (
        turn.gap > 0
        and actor is not None
        and actor.kind == "name"
        and actor.who is not None
        and actor.who != name
    )


def called_after_acting(
    finder: CueFinder, turns: list[Turn], out: list[Attribution], genders: Mapping[str, str]
) -> dict[str, str]:
    """A surname only the lines and the tags use, and the given name the narration uses:
    '"Who're you calling a child?" Nobara had a nail ready.' / '"Kugisaki."': Kugisaki is
    Nobara. A name the narration uses only as a tag's subject ('"Not you," Kugisaki said.'),
    or never ('"We're already stopped, Sammy."'), called out in a line right after a line whose
    narration names one other character, is that character, when every such call agrees, the
    turn calls no one else, the two names never share a paragraph, the caller is not that
    character and the genders agree."""
    tokens = finder.tokens
    tagged = {
        s.token
        for turn in turns
        for cue in turn.quotes
        for s in (cue.tag, cue.intro)
        if s is not None and s.kind == "name"
    }
    named: dict[int, set[str]] = defaultdict(set)  # paragraph -> names the narration uses
    paras: dict[str, set[int]] = defaultdict(set)  # character -> paragraphs naming it
    untagged: set[str] = set()  # named by the narration other than as a tag's subject
    for first, (_, character, kind) in finder.refs.items():
        if kind != "name" or not character:
            continue
        paras[character].add(tokens[first].para)
        if tokens[first].quote < 0:
            named[tokens[first].para].add(character)
            if first not in tagged:
                untagged.add(character)
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for before, turn in zip(turns, turns[1:], strict=False):
        if turn.gap > 0:
            continue
        actors = named.get(before.para, set())
        calls = {
            n for cue in turn.quotes for n in (*_set_off(finder, cue), *_name_alone(finder, cue))
        }
        if len(actors) != 1 or len(calls) != 1:
            continue  # '"Gotta go, Kenma! Bye, Kuroo-san!"': someone away, not the one before
        name = calls.pop()
        if name in untagged or name == NARRATOR or name.startswith("unnamed-"):
            continue
        if not actors & {out[cue.index].speaker for cue in turn.quotes}:
            votes[name][next(iter(actors))] += 1
    cast = known_cast(finder.work)
    return {
        name: into
        for name, into in _agreed(votes).items()
        if into != name
        and into in untagged
        and not paras[name] & paras[into]
        and _may_be(name, into, genders)
        and not _known_as_another(cast, finder, name, into)
    }


def _known_as_another(cast: KnownCast, finder: CueFinder, name: str, into: str) -> bool:
    """Whether the fandom's pack knows the name only as others' than ``into``'s: "Sinclair"
    (Lucas and Erica Sinclair) called right after a line of Will Byers's is no name of Will's."""
    called = next((c for c in finder.work.characters if c.id == name), None)
    target = next((c for c in finder.work.characters if c.id == into), None)
    if not cast or called is None or target is None:
        return False
    known = cast.sharing(called.name)
    return bool(known) and cast.match([target.name, *target.aliases]) not in known


def _set_off(finder: CueFinder, cue: QuoteCues) -> list[str]:
    """The characters a line calls by a name set off at its start or after a comma ("We're
    already stopped, Sammy."), not after a comma following another capitalised word inside a
    sentence ("since Lincoln, Nebraska.": a place) nor after an apostrophe ("i' Germany")."""
    tokens = finder.tokens
    a, b = finder.span(cue.index)
    found = []
    for name in cue.vocatives:
        for i in range(a, b):
            ref = finder.refs.get(i)
            if ref is None or ref[1] != name:
                continue
            words = [j for j in range(a, i) if tokens[j].text[0].isalnum()]
            if not words or (
                tokens[i - 1].text == ","
                and not (tokens[i - 2].text[:1].isupper() and not tokens[i - 2].sent_start)
            ):
                found.append(name)
                break
    return found


def _name_alone(finder: CueFinder, cue: QuoteCues) -> list[str]:
    """The character named by a line that is only a name ('"Kugisaki."'), read as an answer
    when it follows a question, but as likely a call."""
    a, b = finder.span(cue.index)
    words = [i for i in range(a, b) if finder.tokens[i].text[0].isalnum()]
    ref = finder.refs.get(words[0]) if words else None
    if ref is None or ref[2] != "name" or not ref[1] or words[-1] > ref[0]:
        return []
    return [ref[1]]


_MY_NAME_LEADS = ("my name is", "my name's", "i am", "i'm", "call me")


def _gives_own_name(finder: CueFinder, a: int, b: int, character: str) -> bool:
    """Whether the quotation in tokens ``a``..``b`` gives ``character`` as the speaker's own
    name in the first person ("My name is Greyson", "I'm Mira"; not "his name's George")."""
    tokens = finder.tokens
    for i in range(a + 1, b):
        ref = finder.refs.get(i)
        if ref is not None and ref[1] == character and ref[2] == "name":
            before = " ".join(t.text.lower() for t in tokens[max(a, i - 3) : i]).replace("’", "'")
            if before.endswith(_MY_NAME_LEADS):
                return True
    return False


def _line_before(finder: CueFinder, index: int) -> tuple[int, int] | None:
    """The tokens of the quotation before quotation ``index`` when it stands in the same
    paragraph or the one before (a question that one may answer), else None."""
    if index == 0:
        return None
    quotes, tokens = finder.dis.quotes, finder.tokens
    a, b = finder.dis.token_at(quotes[index - 1].start), finder.dis.token_at(quotes[index - 1].end)
    if tokens[finder.dis.token_at(quotes[index].start)].para - tokens[a].para > 1:
        return None
    return a, b


def _asked_name(finder: CueFinder, index: int) -> bool:
    """Whether the quotation before quotation ``index``, in its paragraph or the one before,
    asks for a name ("What name?", "What is your name?")."""
    span = _line_before(finder, index)
    if span is None:
        return False
    a, b = span
    words = [t.lower for t in finder.tokens[a:b] if t.text[0].isalnum() or t.text == "?"]
    if "?" not in words:
        return False
    asked = words[: len(words) - words[::-1].index("?")]  # up to the last question mark
    last = len(asked) - 1 - asked[::-1].index("?", 1) if "?" in asked[:-1] else -1
    return "name" in asked[last + 1 :]
