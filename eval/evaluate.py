"""Score a prediction against a gold document, add scores up over documents, and run ficscope over
gold texts to get its predictions.

What each metric compares (definitions of the measures themselves are in scoring.py and
docs/evaluation.md):

quotes
    Gold quote spans against predicted quote spans (depth 0 only when the gold annotates no nested
    quotes, as LitBank): exact offsets, and overlap-tolerant.
speakers
    Over the gold quotes that have a gold speaker and are matched (overlap-tolerant) to a predicted
    quote. Accuracy: the predicted speaker's character, mapped to a gold character by name, or
    by its mentions when its name fits no gold character exactly (charmap.py), is the gold
    speaker (or one of its accepted alternatives). B3: the quotes
    clustered by gold speaker against the quotes clustered by predicted speaker id; no mapping
    needed; a quote with no predicted speaker is missing from the response.
names (character clustering)
    Gold PER proper-name mentions clustered by entity against predicted ``name`` mentions
    clustered by character id; B3 and MUC.
coref
    All gold PER mentions (names, noun phrases, pronouns) clustered by entity against all
    predicted mentions clustered by character id; MUC, B3, CEAF-e and their mean (CoNLL F1).

For names and coref a predicted mention is first aligned to a gold mention (scoring.align_mentions:
exact span, else the smallest gold span holding it, else the largest overlap); an unaligned
predicted mention stays a mention of its own (it costs precision), and a predicted mention with no
character is a singleton.
"""

from __future__ import annotations

import tempfile
import time
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from eval.adapter import check_same_text, from_work
from eval.charmap import map_characters
from eval.documents import GoldDoc, GoldMention, PredCharacter, Prediction, PredMention, PredQuote
from eval.scoring import (
    PRF,
    Clustering,
    Ratio,
    accuracy,
    align_mentions,
    b_cubed,
    ceaf_e,
    match_spans,
    mean_f1,
    muc,
    span_prf,
)


@dataclass(frozen=True, slots=True)
class Scores:
    """Every count the metrics need, for one document or summed over many."""

    docs: int = 0
    gold_quotes: int = 0
    pred_quotes: int = 0
    quote_exact: PRF = field(default_factory=PRF)
    quote_overlap: PRF = field(default_factory=PRF)
    speaker_accuracy: Ratio = field(default_factory=Ratio)
    speaker_b3: PRF = field(default_factory=PRF)
    addressee_accuracy: Ratio = field(default_factory=Ratio)  # over gold quotes with an addressee
    names_found: PRF = field(default_factory=PRF)
    names_b3: PRF = field(default_factory=PRF)
    names_muc: PRF = field(default_factory=PRF)
    coref_muc: PRF = field(default_factory=PRF)
    coref_b3: PRF = field(default_factory=PRF)
    coref_ceafe: PRF = field(default_factory=PRF)
    mention_docs: int = 0  # documents that have a gold mention layer
    cast_b3: PRF = field(default_factory=PRF)  # gold forms clustered by predicted character
    cast_found: Ratio = field(default_factory=Ratio)  # gold forms some predicted character has
    cast_docs: int = 0  # documents scored for cast_b3 (gold characters, no mention layer)

    def __add__(self, other: Scores) -> Scores:
        return Scores(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    def values(self) -> dict[str, float | None]:
        """The headline numbers, by the names floors.json and the JSON output use."""
        has_mentions = self.mention_docs > 0
        out: dict[str, float | None] = {
            "quote_f1": self.quote_exact.f1,
            "quote_precision": self.quote_exact.precision,
            "quote_recall": self.quote_exact.recall,
            "quote_overlap_f1": self.quote_overlap.f1,
            "speaker_accuracy": self.speaker_accuracy.value,
            "speaker_b3_f1": self.speaker_b3.f1,
            "addressee_accuracy": self.addressee_accuracy.value,
            "names_found_f1": self.names_found.f1 if has_mentions else None,
            "names_b3_f1": self.names_b3.f1 if has_mentions else None,
            "names_muc_f1": self.names_muc.f1 if has_mentions else None,
            "coref_muc_f1": self.coref_muc.f1 if has_mentions else None,
            "coref_b3_f1": self.coref_b3.f1 if has_mentions else None,
            "coref_ceafe_f1": self.coref_ceafe.f1 if has_mentions else None,
            "coref_conll_f1": (
                mean_f1(self.coref_muc, self.coref_b3, self.coref_ceafe) if has_mentions else None
            ),
            "cast_b3_f1": self.cast_b3.f1 if self.cast_docs else None,
            "cast_found": self.cast_found.value if self.cast_docs else None,
        }
        return out

    def details(self) -> dict[str, dict[str, float | None]]:
        """Precision, recall and F1 of every PRF measure (accuracy as its value)."""
        out: dict[str, dict[str, float | None]] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, PRF):
                out[f.name] = {"p": value.precision, "r": value.recall, "f1": value.f1}
            elif isinstance(value, Ratio):
                out[f.name] = {"value": value.value, "hits": value.hits, "total": value.total}
        return out


def total(scores: Iterable[Scores]) -> Scores:
    out = Scores()
    for s in scores:
        out = out + s
    return out


# -- one document --


def gold_characters(
    gold: GoldDoc, pred: Prediction, pquotes: Sequence[PredQuote]
) -> dict[str, str]:
    """Each predicted character mapped to the gold character it is scored as (``map_characters``
    by the lines and mentions they share); a speaker id of ``pquotes`` with no character entry is
    taken to be a name."""
    characters = list(pred.characters)
    known = {c.id for c in characters}
    for q in pquotes:
        if q.speaker is not None and q.speaker not in known:
            characters.append(PredCharacter(q.speaker, q.speaker))
            known.add(q.speaker)
    people = [m for m in gold.mentions or () if m.category == "PER"]
    return map_characters(
        characters,
        gold.characters,
        quote_counts=Counter(q.speaker for q in gold.quotes if q.speaker),
        mention_votes=_mention_votes(people, _votable(gold.text, pred)),
    )


def score_doc(gold: GoldDoc, pred: Prediction) -> Scores:
    pquotes = [q for q in pred.quotes if gold.nested_quotes or q.depth == 0]
    gspans = [(q.start, q.end) for q in gold.quotes]
    pspans = [(q.start, q.end) for q in pquotes]
    matched = match_spans(gspans, pspans, overlap=True)

    to_gold = gold_characters(gold, pred, pquotes)
    people = [m for m in gold.mentions or () if m.category == "PER"]

    pairs: list[tuple[Hashable, Hashable]] = []
    addressed: list[tuple[Hashable, Hashable]] = []
    key: dict[Hashable, Hashable] = {}
    response: dict[Hashable, Hashable] = {}
    for gi, pi in matched.items():
        gq, pq = gold.quotes[gi], pquotes[pi]
        if gq.addressees:
            said_to = to_gold.get(pq.addressee or "")
            addressed.append((said_to if said_to in gq.addressees else gq.addressees[0], said_to))
        if gq.speaker is None:
            continue
        mapped = to_gold.get(pq.speaker) if pq.speaker is not None else None
        accepted = mapped if mapped in gq.alt_speakers else gq.speaker
        pairs.append((accepted, mapped))
        key[gi] = gq.speaker
        if pq.speaker is not None:
            response[gi] = pq.speaker

    scores = Scores(
        docs=1,
        gold_quotes=len(gspans),
        pred_quotes=len(pspans),
        quote_exact=span_prf(gspans, pspans),
        quote_overlap=span_prf(gspans, pspans, overlap=True),
        speaker_accuracy=accuracy(pairs),
        speaker_b3=b_cubed(key, response),
        addressee_accuracy=accuracy(addressed),
    )
    if gold.mentions is None:
        if not any(c.aliases for c in gold.characters):
            return scores
        key, response, forms = cast_clusterings(gold, pred)
        return replace(
            scores,
            cast_b3=b_cubed(key, response),
            cast_found=Ratio(len(key), forms),
            cast_docs=1,
        )
    names = [m for m in people if m.kind == "PROP"]
    pred_names = [m for m in pred.mentions if m.kind == "name"]
    name_key, name_resp = _clusterings(names, pred_names)
    coref_key, coref_resp = _clusterings(people, list(pred.mentions))
    return replace(
        scores,
        names_found=span_prf(
            [(m.start, m.end) for m in names], [(m.start, m.end) for m in pred_names], overlap=True
        ),
        names_b3=b_cubed(name_key, name_resp),
        names_muc=muc(name_key, name_resp),
        coref_muc=muc(coref_key, coref_resp),
        coref_b3=b_cubed(coref_key, coref_resp),
        coref_ceafe=ceaf_e(coref_key, coref_resp),
        mention_docs=1,
    )


def cast_clusterings(gold: GoldDoc, pred: Prediction) -> tuple[Clustering, Clustering, int]:
    """Character clustering where the gold has no mention layer but lists every form each
    character goes by (fan-fiction gold: "Kakashi", "Hatake Kakashi", "the copy-nin").

    The items are the forms (case folded) that name one gold character only ("the man" may be
    two) and that some predicted character has as its name or an alias; the key is their gold
    character, the response the predicted character that has the form as its name, else the
    first that has it as an alias. One person split over several predicted characters costs
    recall; two joined in one cost precision. Returns (key, response, number of unambiguous
    gold forms), the last for how many forms were found at all."""
    owners: dict[str, set[str]] = {}
    for c in gold.characters:
        for form in c.forms:
            owners.setdefault(_folded(form), set()).add(c.id)
    response: dict[Hashable, Hashable] = {}
    for c in pred.characters:
        response.setdefault(_folded(c.name), c.id)
    for c in pred.characters:
        for form in c.aliases:
            response.setdefault(_folded(form), c.id)
    single = {form: ids.pop() for form, ids in owners.items() if len(ids) == 1}
    key: dict[Hashable, Hashable] = {f: c for f, c in single.items() if f in response}
    return key, {f: response[f] for f in key}, len(single)


def _folded(form: str) -> str:
    return " ".join(form.lower().split())


_SPEECH_PERSONS = frozenset("i me my mine myself you your yours yourself".split())


def _votable(text: str, pred: Prediction) -> list[PredMention]:
    """The predicted mentions that may map characters onto gold entities: not a line's "I" or
    "you", whose character is the speaker (or addressee) attribution chose, the very thing
    being scored."""
    lines = sorted((q.start, q.end) for q in pred.quotes if q.depth == 0)
    starts = [a for a, _ in lines]

    def in_a_line(i: int) -> bool:
        k = bisect_right(starts, i) - 1
        return k >= 0 and i < lines[k][1]

    return [
        m
        for m in pred.mentions
        if not (
            m.kind == "pronoun"
            and text[m.start : m.end].lower() in _SPEECH_PERSONS
            and in_a_line(m.start)
        )
    ]


def _mention_votes(
    gold: Sequence[GoldMention], pred: Sequence[PredMention]
) -> dict[str, Counter[str]]:
    """Per predicted character, how many of its mentions align to each gold entity's mentions."""
    aligned = align_mentions([(m.start, m.end) for m in gold], [(m.start, m.end) for m in pred])
    votes: dict[str, Counter[str]] = {}
    for pi, gi in aligned.items():
        character = pred[pi].character
        if character is not None:
            votes.setdefault(character, Counter())[gold[gi].entity] += 1
    return votes


def _clusterings(
    gold: Sequence[GoldMention], pred: Sequence[PredMention]
) -> tuple[dict[Hashable, Hashable], dict[Hashable, Hashable]]:
    """Gold and predicted mentions as clusterings over shared mention keys."""
    aligned = align_mentions([(m.start, m.end) for m in gold], [(m.start, m.end) for m in pred])
    key: dict[Hashable, Hashable] = {("g", i): m.entity for i, m in enumerate(gold)}
    response: dict[Hashable, Hashable] = {}
    for pi, m in enumerate(pred):
        item = ("g", aligned[pi]) if pi in aligned else ("p", pi)
        response[item] = ("c", m.character) if m.character is not None else ("single", pi)
    return key, response


# -- running ficscope --


def input_path(gold: GoldDoc, tmp: Path) -> Path:
    """The file ficscope reads for ``gold``: its ``input_file``, or its text written to a
    plain-text file in ``tmp``."""
    if gold.input_file is not None:
        return Path(gold.input_file)
    path = tmp / f"{gold.id}.txt"
    path.write_text(gold.text, encoding="utf-8", newline="")
    return path


def time_passes(
    docs: Sequence[GoldDoc], *, passes: Sequence[str] | None = None
) -> dict[str, float]:
    """Seconds each pass takes over all the documents (the pipeline's plan, step by step)."""
    from ficscope import pipeline
    from ficscope.readers import read_work

    steps = tuple(passes) if passes is not None else pipeline.DEFAULT_PASSES
    spent: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="ficscope-eval-") as tmp:
        for gold in docs:
            path = input_path(gold, Path(tmp))
            work = read_work(path)
            for step in pipeline.plan(steps, work.layers):
                t0 = time.perf_counter()
                work = step.run(work)
                spent[step.name] = spent.get(step.name, 0.0) + time.perf_counter() - t0
    return spent


@dataclass(frozen=True, slots=True)
class Run:
    gold: GoldDoc
    prediction: Prediction
    scores: Scores
    read_seconds: float = 0.0
    analyze_seconds: float = 0.0


def run_ficscope(
    docs: Sequence[GoldDoc],
    *,
    passes: Sequence[str] | None = None,
    on_doc: Callable[[Run], None] | None = None,
) -> list[Run]:
    """Read each gold text the way ficscope reads a plain-text file (or the document's own
    ``input_file``, an HTML download say, when it has one), run the passes (the pipeline's
    defaults unless given), time both, and score the result."""
    from ficscope import pipeline
    from ficscope.readers import read_work

    steps = tuple(passes) if passes is not None else pipeline.DEFAULT_PASSES
    runs = []
    with tempfile.TemporaryDirectory(prefix="ficscope-eval-") as tmp:
        for gold in docs:
            path = input_path(gold, Path(tmp))
            t0 = time.perf_counter()
            work = read_work(path)
            t1 = time.perf_counter()
            work = pipeline.analyze_work(work, steps)
            t2 = time.perf_counter()
            check_same_text(work, gold)
            prediction = from_work(work)
            run = Run(gold, prediction, score_doc(gold, prediction), t1 - t0, t2 - t1)
            if on_doc is not None:
                on_doc(run)
            runs.append(run)
    return runs
