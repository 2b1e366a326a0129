"""LitBank as gold documents: per book, the text ficscope reads and the gold layers as character
offsets into it.

What ships in ``../shared/data/litbank`` (LitBank commit in ``SOURCE_COMMIT``)::

    original/<id>.txt              the Project Gutenberg text of the whole book, hard-wrapped,
                                   paragraphs separated by blank lines, starting at the excerpt
    coref/tsv/<id>_brat.txt        the annotated excerpt (~2,000 words), tokenized: one sentence
                                   a line, tokens separated by single spaces (``Do n't``,
                                   ``“ Wait ,``); no paragraph breaks at all
    coref/tsv/<id>_brat.ann        MENTION  Tn  sent tok sent tok  text  CAT  PROP|NOM|PRON
                                   COREF    Tn  Entity_Label-7
                                   COP / APPOS  Tn Tm   (copula / apposition links)
    quotations/tsv/<id>_brat.txt   the same excerpt, byte for byte
    quotations/tsv/<id>_brat.ann   QUOTE  Qn  sent tok sent tok  text
                                   ATTRIB Qn  Entity_Label-7   (same ids as COREF)
    entities/tsv/<id>_brat.tsv     the entity layer in a layered BIO format (no pronouns); not used:
                                   the coref layer holds the same PER mentions plus pronouns.

Despite the ``.ann`` name these are not brat character offsets: positions are (sentence = line
number of the ``.txt``, token index within that line), both 0-based, end token inclusive.

Two views of a book's text (``view=``):

``original`` (the default)
    The untokenized excerpt cut from ``original/<id>.txt``: from the first to the last annotated
    token, with the book's own spacing, line wrapping and blank-line paragraphs. Every token of the
    ``.txt`` is found in order in the original with only white space between tokens (checked for
    all 100 books on load), so each token gets exact character offsets. This is what ficscope
    reads in real life (running prose with paragraphs), so it is what the harness feeds it.
``brat``
    The tokenized ``.txt`` itself. Spaces around every quote mark and no paragraphs make it a
    poor stand-in for a fan-fiction file; it is kept for comparison with token-based systems.

The loader keeps only identity coreference (COREF); the 692 attribute mentions that take part in
COP/APPOS links only have no entity and are left out. Quote speakers are coreference entity ids.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from eval.documents import GoldCharacter, GoldDataError, GoldDoc, GoldMention, GoldQuote

VIEWS = ("original", "brat")
DEFAULT_VIEW = "original"
_HERE = Path(__file__).resolve().parent


def default_root() -> Path:
    """``$FICSCOPE_LITBANK`` or ``../shared/data/litbank`` beside the checkout."""
    env = os.environ.get("FICSCOPE_LITBANK")
    return Path(env) if env else _HERE.parent.parent / "shared" / "data" / "litbank"


def book_ids(root: Path | None = None) -> list[str]:
    """Every book's id (``105_persuasion``), sorted as strings."""
    root = root or default_root()
    folder = root / "coref" / "tsv"
    if not folder.is_dir():
        raise GoldDataError(folder, "LitBank not found (set FICSCOPE_LITBANK to its directory)")
    return sorted(p.name[: -len("_brat.txt")] for p in folder.glob("*_brat.txt"))


@dataclass(frozen=True, slots=True)
class BookInfo:
    gutenberg_id: int
    year: int | None
    author: str
    title: str


def catalogue(root: Path | None = None) -> dict[int, BookInfo]:
    """Gutenberg id -> year, author and title, from the table in LitBank's README."""
    return dict(_catalogue(root or default_root()))


@lru_cache(maxsize=4)
def _catalogue(root: Path) -> dict[int, BookInfo]:
    rows: dict[int, BookInfo] = {}
    readme = root / "README.md"
    if not readme.exists():
        return rows
    for line in readme.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[0].isdigit():
            year = int(cells[1]) if cells[1].isdigit() else None
            rows[int(cells[0])] = BookInfo(int(cells[0]), year, cells[2], cells[3])
    return rows


# -- tokens -> character offsets --


def read_sentences(path: Path) -> list[list[str]]:
    """The tokenized excerpt: a list of sentences, each a list of tokens."""
    text = _read(path)
    return [line.split(" ") if line else [] for line in text.split("\n")]


def brat_offsets(sentences: list[list[str]]) -> tuple[str, list[list[tuple[int, int]]]]:
    """The ``.txt`` as text (lines joined by newlines) and every token's offsets in it."""
    offsets: list[list[tuple[int, int]]] = []
    pos = 0
    for tokens in sentences:
        row = []
        for token in tokens:
            row.append((pos, pos + len(token)))
            pos += len(token) + 1  # the space after it, or the newline after the last
        if not tokens:
            pos += 1
        offsets.append(row)
    return "\n".join(" ".join(tokens) for tokens in sentences), offsets


def original_offsets(
    sentences: list[list[str]], original: str, path: Path
) -> tuple[str, list[list[tuple[int, int]]]]:
    """The excerpt cut from the untokenized original and every token's offsets in it.

    Tokens are matched in order, allowing only white space between them; anything else means the
    original is not the text the tokens came from, and is an error.
    """
    offsets: list[list[tuple[int, int]]] = []
    pos = 0
    first: int | None = None
    size = len(original)
    for s, tokens in enumerate(sentences):
        row = []
        for t, token in enumerate(tokens):
            while pos < size and original[pos].isspace():
                pos += 1
            if not original.startswith(token, pos):
                found = original[pos : pos + 30]
                raise GoldDataError(
                    path, f"token {s}:{t} {token!r} not found in the original (it has {found!r})"
                )
            if first is None:
                first = pos
            row.append((pos, pos + len(token)))
            pos += len(token)
        offsets.append(row)
    if first is None:
        raise GoldDataError(path, "no tokens")
    shifted = [[(a - first, b - first) for a, b in row] for row in offsets]
    return original[first:pos], shifted


# -- the annotation files --


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise GoldDataError(path, "missing") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldDataError(path, f"cannot read: {exc}") from exc


def _rows(path: Path) -> Iterable[list[str]]:
    for n, line in enumerate(_read(path).splitlines(), 1):
        if line.strip():
            yield [*line.split("\t"), str(n)]


class _Positions:
    """Token (sentence, index) -> character offsets, with the checks every annotation needs."""

    def __init__(
        self, sentences: list[list[str]], offsets: list[list[tuple[int, int]]], path: Path
    ):
        self.sentences = sentences
        self.offsets = offsets
        self.path = path

    def span(self, fields: list[str], text: str, line: str) -> tuple[int, int]:
        s1, t1, s2, t2 = (int(x) for x in fields)
        try:
            start, end = self.offsets[s1][t1][0], self.offsets[s2][t2][1]
        except IndexError as exc:
            raise GoldDataError(self.path, f"line {line}: token {fields} out of range") from exc
        tokens = self._tokens(s1, t1, s2, t2)
        if tokens != text.split(" "):
            raise GoldDataError(
                self.path, f"line {line}: {text!r} does not match the tokens {tokens}"
            )
        return start, end

    def _tokens(self, s1: int, t1: int, s2: int, t2: int) -> list[str]:
        if s1 == s2:
            return self.sentences[s1][t1 : t2 + 1]
        out = self.sentences[s1][t1:]
        for s in range(s1 + 1, s2):
            out += self.sentences[s]
        return out + self.sentences[s2][: t2 + 1]


def _mentions(path: Path, pos: _Positions) -> list[GoldMention]:
    spans: dict[str, tuple[int, int, str, str]] = {}
    entity: dict[str, str] = {}
    for row in _rows(path):
        if row[0] == "MENTION":
            if len(row) != 10:
                raise GoldDataError(path, f"line {row[-1]}: a MENTION needs 8 fields")
            start, end = pos.span(row[2:6], row[6], row[-1])
            spans[row[1]] = (start, end, row[7], row[8])
        elif row[0] == "COREF":
            entity[row[1]] = row[2]
    missing = sorted(set(entity) - set(spans))
    if missing:
        raise GoldDataError(path, f"COREF for mentions never defined: {', '.join(missing[:5])}")
    found = [
        GoldMention(start, end, entity[mid], kind, category, mid)
        for mid, (start, end, category, kind) in spans.items()
        if mid in entity
    ]
    return sorted(found, key=lambda m: (m.start, -m.end, m.id))


def _quotes(path: Path, pos: _Positions) -> list[GoldQuote]:
    spans: dict[str, tuple[int, int]] = {}
    speaker: dict[str, str] = {}
    for row in _rows(path):
        if row[0] == "QUOTE":
            if len(row) != 8:
                raise GoldDataError(path, f"line {row[-1]}: a QUOTE needs 6 fields")
            spans[row[1]] = pos.span(row[2:6], row[6], row[-1])
        elif row[0] == "ATTRIB":
            speaker[row[1]] = row[2]
    quotes = [GoldQuote(s, e, speaker.get(qid), 0, qid) for qid, (s, e) in spans.items()]
    return sorted(quotes, key=lambda q: (q.start, q.end))


_SUFFIX = re.compile(r"-\d+$")
_SPACES = re.compile(r"\s+")


def entity_label(entity: str) -> str:
    """``Miss_Watson-26`` -> ``Miss Watson``; a bare number stays as it is."""
    label = _SPACES.sub(" ", _SUFFIX.sub("", entity).replace("_", " ")).strip()
    return label or entity


def _characters(
    text: str, mentions: list[GoldMention], quotes: list[GoldQuote]
) -> tuple[GoldCharacter, ...]:
    """Every PER entity and every speaker, with the names it is called by: its proper mentions, or
    its common-noun mentions when it has none, most frequent first, then its entity label. The
    first-person narrator (see _narrator) is also called "the narrator"."""
    speakers = {q.speaker for q in quotes if q.speaker}
    narrator = _narrator(text, mentions, quotes)
    by_entity: dict[str, list[GoldMention]] = {}
    for m in mentions:
        by_entity.setdefault(m.entity, []).append(m)
    characters = []
    for entity, ms in by_entity.items():
        if entity not in speakers and not any(m.category == "PER" for m in ms):
            continue
        forms = _forms(text, ms, "PROP") or _forms(text, ms, "NOM")
        label = entity_label(entity)
        if not label.isdigit() and label not in forms:
            forms.append(label)
        if entity == narrator and "narrator" not in label.casefold():
            forms.append("the narrator")
        name = forms[0] if forms else label
        characters.append(GoldCharacter(entity, name, tuple(forms[1:])))
    for entity in sorted(speakers - set(by_entity)):
        characters.append(GoldCharacter(entity, entity_label(entity)))
    return tuple(characters)


_FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself"})


def _narrator(text: str, mentions: list[GoldMention], quotes: list[GoldQuote]) -> str | None:
    """The entity most often called I/me/my/mine/myself outside quotations (3 times at least):
    a first-person narrator, whom a system can only name "the narrator"."""
    counts: Counter[str] = Counter()
    for m in mentions:
        if m.kind != "PRON" or text[m.start : m.end].casefold() not in _FIRST_PERSON:
            continue
        if not any(q.start <= m.start and m.end <= q.end for q in quotes):
            counts[m.entity] += 1
    best = counts.most_common(1)
    return best[0][0] if best and best[0][1] >= 3 else None


def _forms(text: str, mentions: list[GoldMention], kind: str) -> list[str]:
    counts = Counter(
        _SPACES.sub(" ", text[m.start : m.end]).strip() for m in mentions if m.kind == kind
    )
    return [form for form, _ in counts.most_common()]


def load_book(book_id: str, *, root: Path | None = None, view: str = DEFAULT_VIEW) -> GoldDoc:
    """One LitBank book as a GoldDoc in the given text view."""
    if view not in VIEWS:
        raise ValueError(f"unknown view {view!r} (known: {', '.join(VIEWS)})")
    root = root or default_root()
    txt = root / "coref" / "tsv" / f"{book_id}_brat.txt"
    sentences = read_sentences(txt)
    if view == "brat":
        text, offsets = brat_offsets(sentences)
    else:
        original = root / "original" / f"{book_id}.txt"
        text, offsets = original_offsets(sentences, _read(original), original)
    mentions = _mentions(
        root / "coref" / "tsv" / f"{book_id}_brat.ann", _Positions(sentences, offsets, txt)
    )
    quote_file = root / "quotations" / "tsv" / f"{book_id}_brat.ann"
    quotes = _quotes(quote_file, _Positions(sentences, offsets, quote_file))
    gutenberg = int(book_id.split("_", 1)[0]) if book_id.split("_", 1)[0].isdigit() else -1
    info = _catalogue(root).get(gutenberg)
    return GoldDoc(
        id=book_id,
        text=text,
        quotes=tuple(quotes),
        mentions=tuple(mentions),
        characters=_characters(text, mentions, quotes),
        nested_quotes=False,  # LitBank annotates no quotation inside another
        title=info.title if info else None,
        source=str(txt),
    )


def load_books(
    ids: Iterable[str] | None = None, *, root: Path | None = None, view: str = DEFAULT_VIEW
) -> list[GoldDoc]:
    root = root or default_root()
    return [load_book(i, root=root, view=view) for i in (book_ids(root) if ids is None else ids)]
