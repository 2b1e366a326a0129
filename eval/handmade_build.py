"""Build the handmade suite's texts and quotation gold from the author's marked-up sources.

A story is written once, in ``eval/gold/handmade/src/<name>.src``, with every quotation wrapped
in a marker that names its speaker and addressee, decided while writing::

    ⟨"Hello,"⟩{Izuku>Katsuki} he said.      speaker Izuku, said to Katsuki
    ⟨"Run!"⟩{Paimon}                        no addressee
    ⟨"Right,"⟩{Ron>[Harry,Neville]}         said to several
    ⟨'lunch'⟩{null|d1|other}                no speaker; flags after ``|``

Flags: ``open`` (the quotation never closes: ``closed: false``), ``cont`` (it continues an
unclosed quotation of the paragraph before: ``continued: true``), ``d1`` (nested: depth 1) and
``speech`` / ``thought`` / ``written`` / ``other`` (the kind; ``speech`` by default). Markers
nest. ``<name>.characters.json`` is written by hand beside the source.

``build(name)`` strips the markers and gives the text and the quotation records; ``check``
returns every problem found (a quote mark on no span boundary, a label no character has, an
alias the text never uses). Run as a script it rewrites ``texts/<name>.txt`` and
``<name>.quotes.json`` for the names given (all sources by default) and exits 1 on a problem::

    python eval/handmade_build.py [NAME ...]
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

GOLD_DIR = Path(__file__).resolve().parent / "gold" / "handmade"
NOTES = (
    "Hand-written story and hand-made gold, decided by the author while writing, "
    "before ficscope was run on it (see README.md)."
)
OPEN_MARK, CLOSE_MARK = "\u27e8", "\u27e9"
KINDS = ("speech", "thought", "written", "other")
DOUBLE_MARKS = '"\u201c\u201d'
SINGLE_MARKS = "'\u2018\u2019"


class MarkupError(ValueError):
    """A source whose markers do not parse (the message gives the offset in the source)."""


@dataclass(frozen=True)
class Built:
    """A story with its markers stripped: the text and its quotation records."""

    text: str
    quotes: list[dict[str, Any]]


def _parse_label(label: str) -> str | list[str] | None:
    if label == "null" or label == "":
        return None
    if label.startswith("[") and label.endswith("]"):
        return [part.strip() for part in label[1:-1].split(",")]
    return label


def _record(start: int, end: int, text: str, annotation: str) -> dict[str, Any]:
    who, *flags = annotation.split("|")
    speaker, _, addressee = who.partition(">")
    unknown = [f for f in flags if f not in ("open", "cont", "d1", *KINDS)]
    if unknown:
        raise MarkupError(f"unknown flag(s) {unknown} in {{{annotation}}}")
    kind = next((f for f in flags if f in KINDS), "speech")
    return {
        "start": start,
        "end": end,
        "text": text[start:end],
        "depth": 1 if "d1" in flags else 0,
        "closed": "open" not in flags,
        "continued": "cont" in flags,
        "kind": kind,
        "speaker": _parse_label(speaker.strip()),
        "addressee": _parse_label(addressee.strip()),
    }


def parse(source: str) -> Built:
    """Strip the markers of ``source``; the records come in order of their start."""
    out: list[str] = []
    length = 0
    stack: list[int] = []
    spans: list[tuple[int, int, str]] = []
    i = 0
    while i < len(source):
        char = source[i]
        if char == OPEN_MARK:
            stack.append(length)
            i += 1
        elif char == CLOSE_MARK:
            if not stack or source[i + 1 : i + 2] != "{":
                raise MarkupError(f"unmatched {CLOSE_MARK} or no {{label}} at {i}")
            close = source.find("}", i)
            spans.append((stack.pop(), length, source[i + 2 : close]))
            i = close + 1
        else:
            out.append(char)
            length += 1
            i += 1
    if stack:
        raise MarkupError(f"{len(stack)} marker(s) never closed")
    text = "".join(out)
    records = [_record(s, e, text, a) for s, e, a in spans]
    records.sort(key=lambda r: (r["start"], -r["end"]))
    return Built(text, records)


def _is_apostrophe(text: str, i: int) -> bool:
    """A ``'`` or ``’`` inside a word (don't), after a plural (the guards'), or before a
    number ('90s)."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isalpha() and after.isalpha():
        return True
    if before in "sS" and not after.isalnum():
        return True
    return after.isdigit()


def _labels(value: str | list[str] | None) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def check(built: Built, characters: list[dict[str, Any]]) -> list[str]:
    """Every problem of a built story against its characters (empty when it is sound)."""
    problems: list[str] = []
    text = built.text
    bounds = {q["start"] for q in built.quotes} | {q["end"] - 1 for q in built.quotes}
    for i, char in enumerate(text):
        if i in bounds:
            continue
        if char in DOUBLE_MARKS or char == "\u2018":
            problems.append(
                f"quote mark {char!r} at {i} on no span boundary: {text[i - 30 : i + 30]!r}"
            )
        elif char in SINGLE_MARKS and not _is_apostrophe(text, i):
            problems.append(f"single mark at {i} is no apostrophe: {text[i - 30 : i + 30]!r}")
    known = {c.get("speaker_label") or c["name"] for c in characters} | {"UNKNOWN"}
    for q in built.quotes:
        for label in _labels(q["speaker"]) + _labels(q["addressee"]):
            if label not in known:
                problems.append(f"label {label!r} of {q['text'][:40]!r} is no character")
    lowered = text.lower()
    for c in characters:
        for alias in c.get("aliases", []):
            if alias.lower() not in lowered:
                problems.append(f"alias {alias!r} of {c['name']!r} is not in the text")
    return problems


def build(name: str, gold_dir: Path = GOLD_DIR) -> tuple[Built, list[str]]:
    """Parse ``src/<name>.src`` and check it against ``<name>.characters.json``."""
    built = parse((gold_dir / "src" / f"{name}.src").read_text("utf-8"))
    chars_file = gold_dir / f"{name}.characters.json"
    chars = json.loads(chars_file.read_text("utf-8"))["characters"] if chars_file.exists() else []
    problems = check(built, chars)
    if not chars_file.exists():
        problems.append(f"{chars_file.name} is missing")
    return built, problems


def quotes_json(name: str, built: Built) -> str:
    """The ``<name>.quotes.json`` text (the format of the suite's other files)."""
    payload = {"file": f"{name}.txt", "annotator_notes": NOTES, "quotes": built.quotes}
    return json.dumps(payload, ensure_ascii=False, indent=1)


def write(name: str, built: Built, gold_dir: Path = GOLD_DIR) -> None:
    """Write ``texts/<name>.txt`` and ``<name>.quotes.json``."""
    with open(gold_dir / "texts" / f"{name}.txt", "w", encoding="utf-8", newline="") as handle:
        handle.write(built.text)
    (gold_dir / f"{name}.quotes.json").write_text(quotes_json(name, built), "utf-8")


def main(argv: list[str]) -> int:
    names = argv or sorted(p.stem for p in (GOLD_DIR / "src").glob("*.src"))
    status = 0
    for name in names:
        built, problems = build(name)
        for problem in problems:
            sys.stderr.write(f"{name}: {problem}\n")
        if problems:
            status = 1
            continue
        write(name, built)
        sys.stdout.write(f"{name}: {len(built.text.split())} words, {len(built.quotes)} quotes\n")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
