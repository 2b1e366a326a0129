"""Build ficscope/fandoms/pack_words.txt: what the English lexicon says of every word the shipped
fandom packs ask it about, so that an analysis through ``speakers`` need not load the whole
lexicon to summarise the packs (``proof_lexicon.PackWords``).

The words: each word of every character's name and aliases (as written, without a disambiguator
in brackets or an honorific suffix), every term and each of its words, all lower-cased. Run it
after changing a pack (tests/passes/test_tags_packs.py says when a pack asks about a word the
file does not have; a word missing only costs the full lexicon's load, never a different
answer). Recipe:
    .venv/bin/python scripts/build_pack_words.py
"""

from __future__ import annotations

from pathlib import Path

from ficscope.fandoms.packs import builtin_dir, load_packs
from ficscope.passes.known_cast import _display, _strip_honorific
from ficscope.passes.proof_lexicon import PACK_WORDS_FILE, english, lexicon_stamp

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "ficscope" / "fandoms" / PACK_WORDS_FILE


def pack_words() -> set[str]:
    words: set[str] = set()
    for pack in load_packs((builtin_dir(),)):
        for character in pack.characters:
            for name in (character.name, _display(character.name), *character.aliases):
                words.update(w.lower() for w in _strip_honorific(name).split())
        for term in pack.terms:
            words.add(term.lower())
            words.update(w.lower() for w in term.split())
            words.update(term.lower().replace("-", " ").split())
    return {w for w in words if w and "\n" not in w and "\t" not in w}


def main() -> None:
    lex = english()
    lines = [
        "# Written by scripts/build_pack_words.py: word, tab, 1 if English (proof_lexicon.english)",
        f"# lexicon: {lexicon_stamp()}",
        *(f"{w}\t{int(lex.known(w))}" for w in sorted(pack_words())),
    ]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(lines) - 2} words")


if __name__ == "__main__":
    main()
