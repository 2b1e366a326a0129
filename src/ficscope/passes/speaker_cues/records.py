"""What the cues fill: a ``Subject`` (who a tag, intro or beat is about), a quotation's
``QuoteCues``, a ``Turn``; and each character's gender as the cues compare it
(``character_genders``)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ficscope.model import NARRATOR, Work

LABEL_GENDER = {"he/him": "m", "she/her": "f", "they/them": "p"}


@dataclass(slots=True)
class Subject:
    """Who a tag, intro or beat is about: a character (name or description), or a bare pronoun
    of some gender (that coreference may also have resolved)."""

    character: str | None  # for names and descriptions
    kind: str  # "name" | "epithet" | "pronoun"
    gender: str | None = None  # for pronouns: m, f, p, 1 or a neo-pronoun set
    resolved: str | None = None  # for pronouns: coreference's guess
    confirmed: bool = True  # a speech verb goes with it
    token: int = -1
    verb: str = ""  # a tag's verb: "said", "answered"
    alternative: Subject | None = None  # another person the same sentence is about

    @property
    def who(self) -> str | None:
        """The character it is about: its own for a name or description, coreference's guess
        for a pronoun."""
        return self.resolved if self.kind == "pronoun" else self.character


@dataclass(slots=True)
class QuoteCues:
    index: int  # into Discourse.quotes
    tag: Subject | None = None  # after the quotation
    intro: Subject | None = None  # the clause leading into it
    vocatives: list[str] = field(default_factory=list)
    # whom its last sentence calls, when the line calls more than one person: '"..., you know,
    # Gilbert, she can do anything. And we should call some time, mamma; ..."' (the mother)
    closing_calls: list[str] = field(default_factory=list)
    named: list[str] = field(default_factory=list)  # characters named inside, not addressed
    objects: list[str] = field(default_factory=list)  # '"...," he told Sakura'
    own_names: list[str] = field(default_factory=list)  # '"My name is Sakura."': the speaker
    spoke: Subject | None = None  # 'whereupon Mrs. Griffin spoke. "Well, ..."' (a later line)
    turned_to: Subject | None = None  # 'Jonah said. Mira rolled her eyes. "After you."'


@dataclass(slots=True)
class Turn:
    """A paragraph with quotations, and what its narration and quotations say."""

    para: int
    quotes: list[QuoteCues]
    beat_before: Subject | None = None
    beat_after: Subject | None = None
    beats_mid: list[Subject] = field(default_factory=list)  # narration between its quotations
    mentioned: Counter[str] = field(default_factory=Counter)  # characters in its narration
    continued: bool = False  # its first quotation continues the paragraph before's
    reply: bool = False  # its first tag says it answers someone: "she answered", "he retorted"
    gap: int = 0  # narration-only paragraphs since the previous turn
    reported: Subject | None = None  # 'Mr. Bennet replied that he had not.' just before
    told: Subject | None = None  # whom a reported turn told: 'I tell her not to go inside ...'
    last_actor: Subject | None = None  # of the narration before an untagged turn
    met_by: set[str] = field(default_factory=set)  # the other of two the narration names
    tag_actor: Subject | None = None  # of the narration before a turn opening on "he said"
    looked_at: set[str] = field(default_factory=set)  # "studying Yuji" before its last line
    done_to: str | None = None  # hit by a thing just before: 'The wrench caught him.' / '"OW!"'
    cut: bool = False  # its last quotation breaks off on a dash: '"I'll decide if you're—"'
    resumes: bool = False  # its first quotation picks up on a dash: '"—a future doctor!"'
    afar: bool = False  # a name tag says where from: '"Hey!" Eda hollered from behind the stall.'
    # turned to after its last line: '"Is that legal?" Hunter turned to Luz.'
    looked_after: set[str] = field(default_factory=set)
    # the last actor acts in the last sentence of the narration before ('Guillermo blew out the
    # candles. Everybody clapped.' has Guillermo for last actor, not acting at the end)
    acts_at_end: bool = False
    # the last actor clears their throat in that last sentence ('... when Mr Butler cleared his
    # throat from the sideboard.' / '"Excuse me, Miss."'): about to speak
    clears_throat: bool = False
    # the narration paragraph just before ends on a sentence about one named person only:
    # 'For a second nobody said anything. Then Harvey smiled, slow and wide.', or about the one
    # it opens on, as "he" or "she": 'Kirk looked around ... He lifted his plate like a glass.'
    shown_alone: bool = False

    def subjects(self) -> list[Subject]:
        """Its beats' subjects (before, after, in the middle), then each quotation's tag and
        intro subject."""
        found = [self.beat_before, self.beat_after, *self.beats_mid]
        found += [s for cue in self.quotes for s in (cue.tag, cue.intro)]
        return [s for s in found if s is not None]


def _who(subject: Subject) -> str | None:
    return subject.character or subject.resolved or subject.gender


def character_genders(work: Work) -> dict[str, str]:
    """Character id -> gender code (m, f, p, 1 for the first-person narrator, or a neo set)."""
    out = {}
    for c in work.characters:
        if c.id == NARRATOR:
            out[c.id] = "1"
        elif c.pronouns:
            out[c.id] = LABEL_GENDER.get(c.pronouns, c.pronouns)
    return out
