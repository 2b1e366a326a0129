"""The seed works' hand-made gold (``eval/gold/seeds/``) as gold documents.

For a seed ``../shared/seeds/<name>.txt`` the gold is

``<name>.quotes.json`` (or ``<name>.json``)
    ``{"quotes": [{"start", "end", "text", "depth", "speaker", "addressee", "alt_speakers"?,
    "kind"?, ...}]}``: offsets are Python str indices into the text ficscope's reader gives for
    the story (``read_work(path).text``; for a plain-text file that is the file read as UTF-8 with
    ``newline=''``), half-open. ``speaker`` is a
    character's ``speaker_label``; ``"UNKNOWN"`` or null means the line has no gold speaker and is
    left out of the speaker metrics. Every quoted span is listed, nested ones (depth 1) and scare
    quotes (``kind: "other"``) included, so predicted quotes of every depth are compared.
``<name>.characters.json``
    ``{"characters": [{"name", "speaker_label"?, "aliases": [...], "gender", "group"?}]}``.
    A character's gold id is its ``speaker_label`` (its ``name`` when it has none); its names for
    the speaker mapping are the name, the label and the aliases. Optional: without it each gold
    speaker label is a character called by that label only.

The seeds have no mention layer, so character clustering and coreference are NA for them.

``load_gold_doc(story, gold_dir)`` reads gold in this format for a story file of any format
ficscope reads; eval/ao3.py uses it for the AO3 downloads' gold (``eval/gold/ao3/``).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from eval.charmap import normalize
from eval.documents import GoldCharacter, GoldDataError, GoldDoc, GoldQuote

_HERE = Path(__file__).resolve().parent
GOLD_DIR = _HERE / "gold" / "seeds"
NO_SPEAKER = frozenset({"UNKNOWN"})


def default_seeds_dir() -> Path:
    """``$FICSCOPE_SEEDS`` or ``../shared/seeds`` beside the checkout."""
    env = os.environ.get("FICSCOPE_SEEDS")
    return Path(env) if env else _HERE.parent.parent / "shared" / "seeds"


def seed_files(seeds_dir: Path | None = None) -> list[Path]:
    seeds_dir = seeds_dir or default_seeds_dir()
    if not seeds_dir.is_dir():
        raise GoldDataError(seeds_dir, "seeds directory not found (set FICSCOPE_SEEDS)")
    return sorted(seeds_dir.glob("*.txt"))


def quotes_gold_path(seed: Path, gold_dir: Path = GOLD_DIR) -> Path | None:
    for name in (f"{seed.stem}.quotes.json", f"{seed.stem}.json"):
        if (gold_dir / name).exists():
            return gold_dir / name
    return None


def _load_json(path: Path, key: str) -> list[dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldDataError(path, f"cannot read: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise GoldDataError(path, f"not JSON: {exc}") from exc
    items = data.get(key) if isinstance(data, dict) else None
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise GoldDataError(path, f"expected an object with a {key!r} list of objects")
    return items


def _characters(path: Path) -> list[GoldCharacter]:
    found = []
    for n, item in enumerate(_load_json(path, "characters")):
        name = item.get("name")
        if not isinstance(name, str) or not name:
            raise GoldDataError(path, f"character {n} has no name")
        label = item.get("speaker_label") or name
        aliases = [a for a in item.get("aliases") or [] if isinstance(a, str)]
        forms = [f for f in dict.fromkeys([label, *aliases]) if f != name]
        found.append(GoldCharacter(label, name, tuple(forms)))
    return found


def _speaker_id(label: Any, characters: list[GoldCharacter], path: Path) -> str | None:
    if label is None or label in NO_SPEAKER:
        return None
    if not isinstance(label, str):
        raise GoldDataError(path, f"a speaker must be a string or null, not {label!r}")
    for c in characters:
        if c.id == label:
            return c.id
    wanted = normalize(label)
    for c in characters:
        if any(normalize(f) == wanted for f in c.forms):
            return c.id
    characters.append(GoldCharacter(label, label))
    return label


def _addressees(label: Any, characters: list[GoldCharacter], path: Path) -> tuple[str, ...]:
    """Those a line is said to: one label, a list of them, or none."""
    labels = label if isinstance(label, list) else [label]
    found = (_speaker_id(a, characters, path) for a in labels if not isinstance(a, list))
    return tuple(a for a in found if a is not None)


def load_seed(seed: Path, *, gold_dir: Path = GOLD_DIR) -> GoldDoc:
    """One seed and its gold. Raises GoldDataError when there is no gold or it does not fit."""
    return load_gold_doc(seed, gold_dir)


def load_gold_doc(source: Path, gold_dir: Path) -> GoldDoc:
    """The hand-made gold in ``gold_dir`` for the story file ``source`` (any format ficscope
    reads: plain text, an AO3 HTML download, ...), keyed by the file's stem. Offsets index the
    text ``read_work(source)`` gives, which for a plain-text file is the file read as UTF-8 with
    ``newline=''``. A file that is not plain text is what ficscope reads for the document
    (``GoldDoc.input_file``). Raises GoldDataError when there is no gold or it does not fit."""
    from ficscope.errors import FicscopeError
    from ficscope.readers import read_work

    quotes_path = quotes_gold_path(source, gold_dir)
    if quotes_path is None:
        raise GoldDataError(
            gold_dir,
            f"no gold for {source.name} (expected {source.stem}.quotes.json or {source.stem}.json)",
        )
    try:
        work = read_work(source)
    except (OSError, UnicodeDecodeError, FicscopeError) as exc:
        raise GoldDataError(source, f"cannot read: {exc}") from exc
    text = work.text
    chars_path = gold_dir / f"{source.stem}.characters.json"
    characters = _characters(chars_path) if chars_path.exists() else []
    quotes = []
    for n, item in enumerate(_load_json(quotes_path, "quotes")):
        start, end = item.get("start"), item.get("end")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text)):
            raise GoldDataError(quotes_path, f"quote {n}: bad offsets {start!r}, {end!r}")
        if "text" in item and text[start:end] != item["text"]:
            raise GoldDataError(
                quotes_path, f"quote {n}: text {item['text']!r} is not what [{start}:{end}] holds"
            )
        alts = tuple(
            s
            for a in item.get("alt_speakers") or []
            if (s := _speaker_id(a, characters, quotes_path))
        )
        quotes.append(
            GoldQuote(
                start,
                end,
                _speaker_id(item.get("speaker"), characters, quotes_path),
                int(item.get("depth") or 0),
                f"q{n}",
                alts,
                _addressees(item.get("addressee"), characters, quotes_path),
            )
        )
    return GoldDoc(
        id=source.stem,
        text=text,
        quotes=tuple(sorted(quotes, key=lambda q: (q.start, q.end))),
        mentions=None,
        characters=tuple(characters),
        nested_quotes=True,
        title=None,
        source=str(source),
        input_file=None if source.suffix == ".txt" else str(source),
    )


def load_seeds(
    seeds_dir: Path | None = None, *, gold_dir: Path = GOLD_DIR
) -> tuple[list[GoldDoc], list[Path]]:
    """The seeds that have gold, as GoldDocs, and the seed files that have none yet."""
    docs, missing = [], []
    for seed in seed_files(seeds_dir):
        if quotes_gold_path(seed, gold_dir) is None:
            missing.append(seed)
        else:
            docs.append(load_seed(seed, gold_dir=gold_dir))
    return docs, missing
