"""Small corpora for the batch tests: plain-text works written to disk, and hand-built analysed
Works (with characters, speakers, relationships and tags) for the schema and query tests."""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from pathlib import Path

from ficscope.batch.output import OutputDir
from ficscope.batch.schema import Rows, empty_rows, extend, work_rows
from ficscope.batch.worker import encode
from ficscope.model import (
    Chapter,
    Character,
    Metadata,
    Quote,
    Relationship,
    Source,
    TagStatus,
    TagSuggestion,
    TagType,
    Work,
)

NAMES = ("Mara", "Tobin", "Ilse", "Corwin", "Anneke", "Jory")


def story(i: int, paragraphs: int = 12) -> str:
    """A small plain-text work with a header and some dialogue; ``i`` varies its content."""
    a, b = NAMES[i % len(NAMES)], NAMES[(i + 1) % len(NAMES)]
    lines = [f"Title: Story number {i}", f"Fandom: Test Fandom {i % 3}", "", ""]
    for p in range(paragraphs):
        lines.append(
            f'"Did you see the lantern, {b}?" {a} asked, and the river ran on past the mill '
            f"for the {p + 1}th time that evening."
        )
        lines.append("")
        lines.append(f'"I did," {b} said. "It was burning low by the old bridge, {a}."')
        lines.append("")
    return "\n".join(lines)


def write_corpus(folder: Path, n: int, *, paragraphs: int = 12) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = folder / f"work_{i:04d}.txt"
        path.write_text(story(i, paragraphs), encoding="utf-8")
        paths.append(path)
    return paths


def write_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _quote(text: str, phrase: str, speaker: str | None) -> Quote:
    start = text.index(phrase)
    return Quote(start, start + len(phrase), '"', '"', speaker=speaker, confidence=0.9)


def hand_work(
    *,
    title: str,
    fandom: str | None,
    rating: str | None,
    pair: tuple[str, str] | None,
    lines: dict[str, int],
) -> Work:
    """An analysed Work built by hand: ``lines`` maps a character's name to their quotations."""
    chars = tuple(
        Character(id=f"c{k}", name=name, quote_count=count, mention_count=count + 1)
        for k, (name, count) in enumerate(lines.items())
    )
    ids = {c.name: c.id for c in chars}
    parts, quotes_spec = [], []
    for name, count in lines.items():
        for n in range(count):
            phrase = f'"Line {n} of {name}."'
            parts.append(f"{phrase} {name} said.")
            quotes_spec.append((phrase, ids[name]))
    text = "\n\n".join(parts) or "Nothing was said."
    quotes = tuple(_quote(text, phrase, speaker) for phrase, speaker in quotes_spec)
    relationships: tuple[Relationship, ...] = ()
    tags: tuple[TagSuggestion, ...] = ()
    if pair is not None:
        tag = f"{pair[0]}/{pair[1]}"
        relationships = (Relationship(ids[pair[0]], ids[pair[1]], tag, True, ("love",), 0.8),)
        tags = (TagSuggestion(tag, TagType.RELATIONSHIP, 0.8, status=TagStatus.MISSING),)
    metadata = Metadata(
        title=title,
        fandoms=(fandom,) if fandom else (),
        rating=rating,
        declared=tuple(
            k for k, v in (("title", title), ("fandoms", fandom), ("rating", rating)) if v
        ),
    )
    return Work(
        text=text,
        metadata=metadata,
        source=Source(path=f"/corpus/{title}.txt", format="plaintext"),
        chapters=(Chapter(0, len(text), 0),),
        quotes=quotes,
        characters=chars,
        relationships=relationships,
        tags=tags,
        layers=("read", "segment", "quotes", "characters", "speakers", "relations", "tags"),
        word_count=len(text.split()),
    )


def hand_corpus() -> list[Work]:
    """Six works over two fandoms: Mara/Tobin is the top pairing in Lanterns, Ilse/Jory in Tides;
    Tobin has the most lines; two works declare no rating."""
    return [
        hand_work(
            title="a",
            fandom="Lanterns",
            rating="Teen And Up Audiences",
            pair=("Mara", "Tobin"),
            lines={"Mara": 2, "Tobin": 9},
        ),
        hand_work(
            title="b",
            fandom="Lanterns",
            rating=None,
            pair=("Mara", "Tobin"),
            lines={"Mara": 3, "Tobin": 1},
        ),
        hand_work(
            title="c",
            fandom="Lanterns",
            rating="Mature",
            pair=("Ilse", "Jory"),
            lines={"Ilse": 1, "Jory": 1},
        ),
        hand_work(
            title="d",
            fandom="Tides",
            rating="General Audiences",
            pair=("Ilse", "Jory"),
            lines={"Ilse": 4, "Jory": 2},
        ),
        hand_work(
            title="e",
            fandom="Tides",
            rating=None,
            pair=("Ilse", "Jory"),
            lines={"Ilse": 1, "Jory": 5},
        ),
        hand_work(
            title="f",
            fandom="Tides",
            rating="Explicit",
            pair=("Corwin", "Anneke"),
            lines={"Corwin": 1, "Anneke": 1},
        ),
    ]


def write_output(out: Path, works: Sequence[Work], *, per_part: int = 2) -> Path:
    """An output directory holding ``works``, committed as a batch run would."""
    with OutputDir.open(out) as output:
        for start in range(0, len(works), per_part):
            rows: Rows = empty_rows()
            keys = []
            for work in works[start : start + per_part]:
                assert work.source.path is not None
                extend(rows, work_rows(work, work.source.path))
                keys.append(work.source.path)
            output.commit(f"test-{start:04d}", ok=keys, failed=(), words=0, tables=encode(rows))
    return out
