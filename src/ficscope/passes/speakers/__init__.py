"""Who says each line of dialogue, and to whom.

Each paragraph with quotations is a *turn* (see speaker_cues/ for the cues it carries). A turn's
speaker is chosen among a few local candidates, the characters referred to around it, by a
linear score over named features:

* emissions, per turn and candidate: the subject of a speech tag after a quotation, of a clause
  leading into one, of the narration just before or after the quotations (each as a name, a
  description, or a pronoun whose gender matches, is unknown or clashes), being addressed
  (a vocative or tag object: not the speaker), giving one's own name ("I'm Naruto"), having
  been addressed in the turn before (likely the speaker now, more so in a group scene) or
  spoken of there by name, being named in the narration,
  having just spoken in reported speech ('Mr. Bennet replied that he had not.': the line after
  answers him), the one acting at the end of the narration paragraph before an untagged turn,
  and salience;
* transitions over the last two turns: the same speaker again (more likely when the speech
  continues an unclosed quotation), the speaker of two turns ago (alternation), a third one
  (a first-person narrator who tags a fifth of the lines or more is never a third one: they are
  in every conversation).

The best sequence of speakers for each conversation is found by second-order Viterbi. Weights
come from ``ficscope/models/speakers.json``: the hand-set values in weights.py, which no learner in
``scripts/train_speakers.py`` (perceptron, CRF, coordinate search; 4-fold cross-validation on
LitBank's training books) has beaten, and a calibration fitted on those books. A quotation with
its own explicit tag naming someone else than its turn's speaker keeps that tag's speaker. An
untagged quotation calling its turn's speaker by name is the likeliest other candidate's.

Confidence: the margin between the best sequence through the chosen speaker and the best through
any other (max-marginals), mapped to a probability by a logistic fit on the training books.

The pass (``speakers_pass``), ``attribute`` and its decode (``_decode``) live here; the
rest in modules of one job each:

    weights        the hand-set weights (``DEFAULT_WEIGHTS``) and the shipped model
    features       who a turn's cues name, and a turn's emission and transition features
    conversations  turns grouped into conversations, each turn with its candidates and features
    phones         phone calls: voices on the line, the holder of a ringing phone, lines passed on
    answers        who answers a line: the parent called, the one met, the one asked or echoed
    departures     who has left the scene, and who is only spoken of offstage
    viterbi        the decode: second-order Viterbi and the per-turn facts its transitions use
    attributions   a line's ``Attribution``, and the genders and self-naming its lines teach
    strangers      unnamed people the narration names: described, identified, the one stranger
    introductions  unnamed speakers who give their name, answer to one, or are recognised by it
    address        how speakers call people: words they call by, names only ever called out
    narrator       the first-person narrator: named by others, by a note or header, by turns
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace

from ficscope.lexicon import word_list
from ficscope.model import NARRATOR, Mention, Quote, Work
from ficscope.passes.addressees import (
    UNKNOWN,
    Around,
    addressees,
    call_ends,
    named_addressee,
    off_the_phone,
    read_lines,
    shared_in_turn,
)
from ficscope.passes.coref import fold_characters, given_name_gender
from ficscope.passes.described_people import described_people, without_unknown_plurals
from ficscope.passes.pov import pov_stretches
from ficscope.passes.speaker_cues import (
    LABEL_GENDER,
    CueFinder,
    QuoteCues,
    Subject,
    Turn,
    character_genders,
)
from ficscope.passes.speakers.address import (
    _called_descriptions,
    address_names,
    address_words,
    kin_answered,
    known_apart,
    turn_address_words,
)
from ficscope.passes.speakers.answers import _called_in_answer
from ficscope.passes.speakers.attributions import Attribution, _folded, self_naming, tag_genders
from ficscope.passes.speakers.conversations import Conversation, conversations
from ficscope.passes.speakers.departures import _offstage, departures
from ficscope.passes.speakers.features import (
    _features,
    _shown_acting,
    tagged_speakers,
)
from ficscope.passes.speakers.introductions import (
    called_after_acting,
    introductions,
    recognised_by_name,
    replies_to_a_call,
)
from ficscope.passes.speakers.narrator import (
    _counted_tellers,
    _named_by_calls,
    _named_by_header,
    _named_by_note,
    _narrator_alias,
    _narrator_calls,
    _renamed,
    _tellers,
    _told_by_turns,
    name_the_narrator,
)
from ficscope.passes.speakers.phones import _said_on_the_phone
from ficscope.passes.speakers.strangers import (
    described_before_named,
    described_in_an_exchange,
    described_when_called,
    named_in_an_identity,
    one_stranger,
)
from ficscope.passes.speakers.viterbi import (
    TRANSITION_WEIGHTS,
    Transitions,
    dot,
    given_after_narration,
    last_speaker,
    many_speaking,
    resumed_turns,
    settled_in,
    turned_to,
    viterbi,
)
from ficscope.passes.speakers.weights import DEFAULT_WEIGHTS, load_model
from ficscope.passes.speech_mentions import speech_mentions, third_persons
from ficscope.pipeline import register

__all__ = [
    "Conversation",
    "DEFAULT_WEIGHTS",
    "TRANSITION_WEIGHTS",
    "Transitions",
    "UNKNOWN",
    "_called_in_answer",
    "_features",
    "_offstage",
    "address_words",
    "attribute",
    "conversations",
    "departures",
    "dot",
    "given_after_narration",
    "load_model",
    "many_speaking",
    "resumed_turns",
    "settled_in",
    "tagged_speakers",
    "turn_address_words",
    "viterbi",
]


PRONOUN_LABELS = {"m": "he/him", "f": "she/her"}


def attribute(
    work: Work, weights: Mapping[str, float] | None = None
) -> tuple[list[Attribution], CueFinder]:
    """An attribution for each depth-0 quotation of the work, in Discourse.quotes order.

    Decoded twice when the first decode teaches a gender: a character the narration never
    genders ("Hermione asks") but whose lines carry gendered tags ('"Malfoy," she says.')
    takes that gender, and the lines are decoded again with it."""
    model = load_model()
    w = weights if weights is not None else model["weights"]
    calibration = model.get("calibration", [1.0, 0.0])
    finder = CueFinder(work)
    finder.pov = pov_stretches(work, finder.dis, finder.refs)
    if finder.pov:
        _told_by_turns(finder)
    else:
        _narrator_alias(finder)
    turns = finder.turns()
    genders = character_genders(work)
    for c in work.characters:  # pronouns said nothing: "Ron" is most likely a he
        if c.id not in genders and (g := given_name_gender(c)):
            genders[c.id] = g
    for c in finder.unnamed.values():
        if c.pronouns:
            genders[c.id] = LABEL_GENDER.get(c.pronouns, c.pronouns)
    out = _decode(finder, turns, genders, w, calibration)  # type: ignore[arg-type]
    learned = tag_genders(finder, turns, out, genders)
    address = address_words(finder, turns, out)
    if _called_descriptions(finder, turns, out, address):
        turns = finder.turns()
    finder.self_naming = self_naming(turns, out)
    finder.self_naming_often = self_naming(turns, out, least=2)
    finder.merged = address_names(finder, turns, out)
    finder.merged.update(introductions(finder, turns, out, genders))
    for who, name in kin_answered(finder, turns, out, genders).items():
        finder.merged.setdefault(who, name)  # "Dad" the children call is the father who answers
    for who, name in replies_to_a_call(turns, out, genders).items():
        finder.merged.setdefault(who, name)
    for who, name in described_before_named(finder, genders).items():
        finder.merged.setdefault(who, name)
    named = named_in_an_identity(finder, genders)  # "That man below was Snake Anson"
    for first, (last, character, kind) in list(finder.refs.items()):
        if character in named and first < named[character][1]:
            finder.refs[first] = (last, named[character][0], kind)  # the voice until named
    for who, name in described_when_called(finder, turns, out, genders).items():
        finder.merged.setdefault(who, name)
    for who, name in called_after_acting(finder, turns, out, genders).items():
        finder.merged.setdefault(who, name)
    for who, name in described_in_an_exchange(finder, turns, out, genders).items():
        finder.merged.setdefault(who, name)
    for who, name in one_stranger(finder, turns, out, genders).items():
        finder.merged.setdefault(who, name)
        if who in genders:  # "his comrade ... he": the one he restates is a he
            genders.setdefault(name, genders[who])
    for who, name in finder.voice_owners.items():  # "a dry voice" was Tsukishima's
        finder.merged.setdefault(who, name)
    for who, name in list(finder.merged.items()):
        if known_apart(finder, who, name):  # the tags' "Caroline Julian" is no one else
            del finder.merged[who]
    if finder.merged:  # "Kacchan" is Bakugou: his lines and mentions are Bakugou's
        finder.rename(finder.merged)
    if finder.merged or named:
        turns = finder.turns()
    if learned or address or finder.merged or finder.self_naming or named:
        genders.update(learned)
        out = _decode(finder, turns, genders, w, calibration, address)  # type: ignore[arg-type]
        out = [_folded(a, finder.merged) for a in out]
    recognised = recognised_by_name(finder, turns, out, genders)
    if recognised:  # named only after their first line: fold them into the name, no decode
        finder.rename(recognised)
        finder.merged.update(recognised)
        out = [_folded(a, recognised) for a in out]
    finder.learned_genders = learned
    return out, finder


def _introduced_past_its_tag(cue: QuoteCues) -> bool:
    """Whether a quotation has both an intro and a tag, sure ones of two people, and the intro
    says it was said ('Naruto said "not all of us!" Sakura giggled at that'): the one who
    said it, the one after it only reacts."""
    intro, tag = cue.intro, cue.tag
    return (
        intro is not None
        and tag is not None
        and intro.confirmed
        and tag.confirmed
        and intro.kind != "pronoun"
        and intro.character is not None
        and intro.character != tag.character
        and intro.verb is not None
        and intro.verb.lower() in word_list("speech_verbs")
    )


def _someone_then_seen(finder: CueFinder, turn: Turn, own: Subject) -> str | None:
    """Who a line tagged "someone" or "somebody" is: the one named the paragraph's narration
    then shows, who says its next, untagged line ('"You two are so loud," somebody whispers from
    the doorway, and we both jump. Dolores is standing there in her nightgown. "I can hear you
    chewing from my room."'). None when the paragraph shows no such one."""
    if own.token < 0 or finder.tokens[own.token].lower not in ("someone", "somebody"):
        return None
    later = [cue for cue in turn.quotes if finder.span(cue.index)[0] > own.token]
    if not later or later[0].tag is not None or later[0].intro is not None:
        return None
    seen = turned_to(later[0])
    if not seen or seen.startswith("unnamed-") or seen == NARRATOR:
        return None
    tokens = finder.tokens
    start = finder.span(later[0].index)[0]
    named = any(
        finder.refs[first][1:] == (seen, "name") and tokens[first].quote < 0
        for first in finder.refs_in(own.token + 1, start)
    )
    return seen if named else None


def _off_the_line(
    conv: Conversation,
    path: list[str],
    marginals: list[dict[str, float]],
    hung_up: Sequence[set[str]],
) -> bool:
    """Gives a turn the decode gave to one who had hung up (``off_the_phone``: a voice on the
    line, '"Call me tomorrow." / The line went dead. / "She likes you more."') to its best
    other candidate instead, that turn alone; whether any turn changed. One the narration showed
    acting in the room is no voice on the line ('"Bye, Mom." She hung up.'), nor one the
    turn's own tag names."""
    acted: set[str] = set()
    changed = False
    for k, turn in enumerate(conv.turns):
        acted |= _shown_acting(turn)
        if path[k] not in hung_up[k] or path[k] in acted or path[k] in tagged_speakers(turn):
            continue
        left = {c: v for c, v in marginals[k].items() if c not in hung_up[k] or c in acted}
        if left:
            path[k] = max(left, key=lambda c: left[c])
            marginals[k] = left
            changed = True
    return changed


def _decode(
    finder: CueFinder,
    turns: list[Turn],
    genders: Mapping[str, str],
    w: Mapping[str, float],
    calibration: list[float],
    address: Mapping[str, Mapping[str, set[int]]] | None = None,
) -> list[Attribution]:
    a, b = calibration
    out = [Attribution(None, 0.0)] * len(finder.dis.quotes)
    groups = finder.groups()
    lines = read_lines(finder)
    ends = call_ends(finder)
    for conv in conversations(finder, turns, genders, address):
        path, marginals = viterbi(conv, w)
        hung_up = off_the_phone(finder, conv.turns, path, ends)
        if _off_the_line(conv, path, marginals, hung_up):
            hung_up = off_the_phone(finder, conv.turns, path, ends)
        lasts = [last_speaker(turn) for turn in conv.turns]  # turns that turned to someone
        for k, turn in enumerate(conv.turns):
            speaker = path[k]
            m = marginals[k]
            others = [v for c, v in m.items() if c != speaker]
            margin = m[speaker] - max(others) if others else 5.0
            confidence = 1.0 / (1.0 + math.exp(-(a * margin + b)))
            spoke_last = (lasts[k - 1] or path[k - 1]) if k > 0 else None
            answers = path[k + 1] if k + 1 < len(path) else None
            # a turn after narration that the next turn answers at once opens an exchange: it
            # is said to the one who answers ('The woman looks from one to the other. / "We're
            # closed," Aziraphale says. / "Oh. Okay."'), not to whoever spoke before the pause
            opens = turn.gap > 0 and answers is not None and conv.turns[k + 1].gap == 0
            # 'I tell her not to go inside the circle.' / '"I wasn't going to."': said to the one
            # who answered in the narration's reported words
            told_by = turn.reported.who if turn.reported else None
            neighbours = [
                c
                for c in (
                    told_by,
                    *((answers, spoke_last) if opens else (spoke_last, answers)),
                    lasts[k],  # '"Late," Dean said. I sat. "Traffic."' to Dean
                )
                if c is not None and c != speaker
            ]
            nearby = [path[j] for d in (1, 2, 3) for j in (k - d, k + d) if 0 <= j < len(path)]
            by_score = sorted(m, key=lambda c: -m[c])
            runners_up = by_score if len(path) == 1 else []
            carried: tuple[str, float] | None = None  # a tagged line's speaker goes on talking
            for cue in turn.quotes:
                who: str | None = speaker or None
                conf = confidence if who else 0.0
                own = cue.tag or cue.intro or cue.spoke
                if _introduced_past_its_tag(cue):
                    own = cue.intro  # '"..." Naruto said "not all of us!" Sakura giggled at that'
                turned = turned_to(cue)
                if turned and turned != (carried[0] if carried else who):
                    # '"We could climb it," Jonah said. Mira rolled her eyes. "After you."'
                    who, conf = turned, min(conf, 0.6) if who else 0.5
                elif own is None and carried is not None:
                    who, conf = carried  # '"Couldn't sleep," Tomas said. "She snores."'
                elif own is not None and (seen := _someone_then_seen(finder, turn, own)):
                    # '"...," somebody whispers from the doorway. Dolores is standing there.'
                    who, conf = seen, min(confidence, 0.6)
                elif (
                    own is not None
                    and own.kind != "pronoun"
                    and own.character
                    and own.character != speaker
                    and own.confirmed
                ):
                    who, conf = own.character, max(0.5, confidence * 0.8)
                elif (
                    own is not None
                    and own.kind == "pronoun"
                    and own.resolved not in (None, speaker)
                    and own.confirmed
                    and any(b.character == own.resolved for b in turn.beats_mid)
                ):
                    # '"...," Ron said. "..." Harry threw a cushion at him. "I don't snore," he
                    # said.': the one the narration turned to in between
                    who, conf = own.resolved, max(0.5, confidence * 0.7)
                elif (
                    own is not None
                    and (own is cue.tag or own.verb)
                    and own.kind == "pronoun"
                    and speaker
                    and (genders.get(speaker) not in (None, own.gender) or speaker in cue.objects)
                ):
                    # '"Ma, I've enlisted," he had said to her. "The Lord's will be done, Henry,"
                    # she had replied': the likeliest one the tag's pronoun can be
                    other = next(
                        (
                            c
                            for c in by_score
                            if c not in (speaker, UNKNOWN, *cue.vocatives, *cue.objects)
                            and genders.get(c) == own.gender
                        ),
                        None,
                    )
                    if other is not None:
                        who, conf = other, min(confidence, 0.6)
                if own is None and who is not None and who in cue.vocatives:
                    # '"Oh, dear!" observed Fergus. "Nonsense, Fergus!"': a line calling its
                    # turn's speaker by name is someone else's, the likeliest one not called
                    who = next(
                        (c for c in by_score if c not in (who, UNKNOWN, *cue.vocatives)),
                        None,
                    )
                    conf = min(conf, 0.5) if who else 0.0
                carried = (who, conf) if who != (speaker or None) and who is not None else None
                near = neighbours
                if turned and who == turned and speaker and speaker != who:
                    near = [speaker, *neighbours]  # Mira's "After you." answers Jonah
                around = Around(turn.gap == 0, near, nearby, runners_up, hung_up[k])
                to = addressees(cue, lines[cue.index], who, around, genders, groups)
                if conv.calls and not named_addressee(cue, who):
                    before = path[k - 1] if k > 0 and turn.gap == 0 else None
                    to = _said_on_the_phone(finder, turn, who, before, conv.calls[k]) or to
                out[cue.index] = Attribution(
                    who, round(conf, 2), to[0] if to else None, to if len(to) > 1 else ()
                )
            if len(turn.quotes) < 2:
                continue
            said = [out[cue.index] for cue in turn.quotes]
            heard = [lines[c.index] for c in turn.quotes]
            shared = shared_in_turn(turn.quotes, heard, [(x.speaker, x.addressee) for x in said])
            for cue, x, one in zip(turn.quotes, said, shared, strict=True):
                if one is not None:
                    out[cue.index] = Attribution(x.speaker, x.confidence, one)
    return out


def _at(m: Mention) -> int:
    return m.start


@register("speakers", requires=("coref",), assigns=("speakers",))
def speakers_pass(work: Work) -> Work:
    """Give every quotation a speaker (or unknown), a confidence and an addressee."""
    results, finder = attribute(work)
    quotes = list(work.quotes)
    for attribution, index in zip(results, finder.dis.quote_index, strict=True):
        quotes[index] = replace(
            quotes[index],
            speaker=attribution.speaker,
            addressee=attribution.addressee,
            addressees=attribution.addressees,
            confidence=attribution.confidence,
        )
    _attribute_nested(quotes, finder)
    characters = list(work.characters) + [
        c for c in finder.unnamed.values() if c.id not in {x.id for x in work.characters}
    ]
    mentions = work.mentions
    if finder.pov:
        quotes, told = _tellers(quotes, mentions, finder)
        characters = _counted_tellers(characters, mentions, told, quotes)
        mentions = told
    elif (named := name_the_narrator(quotes, finder, characters)) is not None:
        old, narrator = named
        quotes = [_renamed(q, old.id, narrator.id) for q in quotes]
        mentions = tuple(
            replace(m, character=narrator.id) if m.character == old.id else m for m in mentions
        )
        characters = [narrator if c.id == narrator.id else c for c in characters if c.id != old.id]
    else:
        own, called, heard = _narrator_calls(quotes, finder, characters)
        characters = _named_by_note(work, characters, heard)
        characters, folded = _named_by_calls(characters, own, called)
        characters = _named_by_header(work, characters)
        for old_id in folded:
            quotes = [_renamed(q, old_id, NARRATOR) for q in quotes]
        mentions = tuple(
            replace(m, character=NARRATOR) if m.character in folded else m for m in mentions
        )
    if finder.merged:
        characters, mentions = fold_characters(characters, mentions, finder.merged)
    spoken = speech_mentions(work.text, quotes, mentions)  # a line's "I" is its speaker
    # a line's "you" is its addressee, not counted in the addressee's mention count
    spoken_to = speech_mentions(work.text, quotes, (*mentions, *spoken), second=True)
    mentions = (*mentions, *spoken, *spoken_to)
    # a line's "he" and "she" are the one of that gender last named, not its speaker or addressee
    taught = finder.learned_genders
    genders = {c.id: c.pronouns or PRONOUN_LABELS.get(taught.get(c.id, "")) for c in characters}
    mentions = (*mentions, *third_persons(work.text, quotes, mentions, genders))
    # the people described whom no one is known to be: mentions of no character
    mentions = (*mentions, *described_people(work.text, mentions))
    # a "they" coreference gave no one is no sure mention of a person
    mentions = tuple(sorted(without_unknown_plurals(work.text, mentions), key=_at))
    said = Counter(m.character for m in spoken)
    counts = Counter(q.speaker for q in quotes if q.speaker and q.depth == 0)
    known = {c.id for c in characters}
    learned = finder.learned_genders  # pronouns taught by the tags of a character's own lines
    characters = [
        replace(
            c,
            quote_count=counts[c.id],
            mention_count=c.mention_count + said[c.id],
            pronouns=c.pronouns or PRONOUN_LABELS.get(learned.get(c.id, "")),
        )
        for c in characters
        if c.id in known or counts[c.id]
    ]
    return work.with_layers(
        "speakers", quotes=tuple(quotes), characters=tuple(characters), mentions=mentions
    )


_NESTED_END = (".", "!", "?", "…")


def _attribute_nested(quotes: list[Quote], finder: CueFinder) -> None:
    """Speech quoted inside speech is given to whoever first said it: "you said" and a bare
    quotation of someone's words ("I believe it was 'Give that dog a bone.'") are the person
    spoken to; "I said" the speaker; "Sakura said" Sakura; "he said" neither of the two (nobody,
    unless coreference knows who). Quoted words that are no sentence
    (scare quotes, titles: 'if only's') get nobody."""
    text = finder.dis.text
    tokens = finder.tokens
    outer: Quote | None = None
    for k, q in enumerate(quotes):
        if q.depth == 0:
            outer = q
            continue
        if outer is None or not (outer.start <= q.start < outer.end) or q.speaker is not None:
            continue
        inner = text[q.start + 1 : q.end - (1 if q.close else 0)].strip()
        if not inner[:1].isupper() or not inner.rstrip("'’\"”").endswith(_NESTED_END):
            continue
        who = outer.addressee
        first = finder.dis.token_at(q.start)
        lo = max(finder.dis.token_at(outer.start), first - 5)
        for i in range(first - 1, lo - 1, -1):
            if tokens[i].lower not in finder.speech:
                continue
            subject = tokens[i - 1] if i > lo else None
            ref = finder.refs.get(i - 1) if subject is not None else None
            if subject is not None and subject.lower in ("i", "we"):
                who = outer.speaker
            elif ref is not None and ref[2] == "name" and ref[1]:
                who = ref[1]
            elif subject is not None and subject.lower in ("he", "she", "they"):
                # "He said, 'Keep them burning.'": someone talked about, neither the one
                # speaking nor the one spoken to
                third = ref[1] if ref is not None else None
                who = third if third not in (outer.speaker, outer.addressee) else None
            break
        if who is not None:
            quotes[k] = replace(q, speaker=who, confidence=round(outer.confidence * 0.7, 2))
