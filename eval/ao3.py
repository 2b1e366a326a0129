"""Hand-made gold for real AO3 downloads (``eval/gold/ao3/``) as gold documents: the ``ao3``
suite.

The gold is in the seeds' format (see eval/seeds.py and eval/gold/seeds/README.md), one
``<work id>.quotes.json`` (and ``<work id>.characters.json``) per story. The story is the file the
quotes JSON names in its ``"file"`` field (``<work id>.html`` when it names none), looked up in
``../shared/samples/ao3/`` beside the checkout (``$FICSCOPE_AO3`` overrides). Offsets index the
text ficscope's reader gives for that file (``read_work(path).text``), and ficscope is evaluated
by reading the download itself, so its AO3 metadata (tags, notes) are available to it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from eval.documents import GoldDataError, GoldDoc
from eval.seeds import load_gold_doc

_HERE = Path(__file__).resolve().parent
GOLD_DIR = _HERE / "gold" / "ao3"
QUOTES_SUFFIX = ".quotes.json"


def default_samples_dir() -> Path:
    """``$FICSCOPE_AO3`` or ``../shared/samples/ao3`` beside the checkout."""
    env = os.environ.get("FICSCOPE_AO3")
    return Path(env) if env else _HERE.parent.parent / "shared" / "samples" / "ao3"


def story_file(quotes_path: Path, samples_dir: Path) -> Path:
    """The story a quotes gold file annotates: its ``"file"``, else ``<work id>.html``."""
    stem = quotes_path.name.removesuffix(QUOTES_SUFFIX)
    try:
        data = json.loads(quotes_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GoldDataError(quotes_path, f"cannot read: {exc}") from exc
    name = data.get("file") if isinstance(data, dict) else None
    story = samples_dir / (name if isinstance(name, str) and name else f"{stem}.html")
    if story.stem != stem:
        raise GoldDataError(quotes_path, f"names {story.name}, whose stem is not {stem!r}")
    return story


def load_ao3(samples_dir: Path | None = None, *, gold_dir: Path = GOLD_DIR) -> list[GoldDoc]:
    """Every story with gold in ``gold_dir``, as GoldDocs. A missing story is an error."""
    samples_dir = samples_dir or default_samples_dir()
    docs = []
    for quotes_path in sorted(gold_dir.glob(f"*{QUOTES_SUFFIX}")):
        story = story_file(quotes_path, samples_dir)
        if not story.is_file():
            raise GoldDataError(story, "the story this gold annotates is missing (FICSCOPE_AO3)")
        docs.append(load_gold_doc(story, gold_dir))
    return docs
