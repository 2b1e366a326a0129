"""How the cast reads in the summary and the reader: each character's forms once, the forms the
story uses most first, and descriptions as they read mid-sentence ("the copy-nin", not "The
copy-nin" as it happened to open a sentence)."""

from __future__ import annotations

from collections import Counter

from ficscope.model import NARRATOR, NARRATOR_NAME, Character, Work

_DETERMINERS = frozenset({"The", "A", "An", "His", "Her", "Their", "That", "This", "My", "Your"})


def form_counts(work: Work) -> Counter[tuple[str, str]]:
    """How often each character is mentioned by each form, in lower case."""
    text = work.text
    return Counter(
        (m.character, " ".join(text[m.start : m.end].lower().split()))
        for m in work.mentions
        if m.character
    )


def shown_form(form: str) -> str:
    """A description as it reads mid-sentence: "The copy-nin" -> "the copy-nin"."""
    head, _, rest = form.partition(" ")
    return head.lower() + " " + rest if head in _DETERMINERS and rest else form


def display_name(c: Character) -> str:
    """The name, or for someone never named the description as it reads mid-sentence (a
    named "The Doctor" keeps its capital); a first-person narrator's name says so: "Rogue
    (narrator)"."""
    if c.id == NARRATOR and c.name != NARRATOR_NAME:
        return f"{c.name} (narrator)"
    return shown_form(c.name) if c.id.startswith("unnamed-") else c.name


def shown_aliases(c: Character, used: Counter[tuple[str, str]]) -> list[str]:
    """The character's other forms, each once, the most used first (``used`` from
    ``form_counts``), ties in the order the characters layer gives them."""
    forms: dict[str, str] = {}  # lower case -> the form shown
    for alias in c.aliases:
        forms.setdefault(alias.lower(), shown_form(alias))
    forms.pop(c.name.lower(), None)
    forms.pop(NARRATOR_NAME, None)  # "Rogue (narrator)" says it
    return [forms[f] for f in sorted(forms, key=lambda f: -used[(c.id, f)])]
