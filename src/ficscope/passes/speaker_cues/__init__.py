"""What the text says about who speaks each paragraph of dialogue: the cues the speakers pass
weighs, found once per work.

A *turn* is a story paragraph holding quotations. For each turn and each candidate character the
cues become named features (``tag_name``, ``beat_pron_match``, ``vocative``...) whose weights the
speakers pass learns (see ``ficscope/models/speakers.json``). Subjects are found at the token
level: a name or description that the characters and coreference passes found, or a bare
pronoun, whose gender is matched against each candidate's (so "he said" in a dialogue between two
men is decided by the turn-taking, not by whichever man coreference guessed).

Where each cue stands::

    Sakura bit her lip. "Masochist," she hissed. "Go."   He laughed.
    |--- beat before --|           |- tag -|  |intro|   |beat after|

* tag: the subject of a speech clause right after a quotation ('"...," said Kakashi',
  '"...," the copy-nin yelled', '"...," Kakashi's disguise cried'; '"...," someone shouted' and
  'said another' are someone unnamed and new; 'said the latter' is the later of the two last
  named); *confirmed* by a speech verb,
  or accepted without one when the quotation ends open ('"...," he countered'); else the owner
  of a voice opening the narration after it ('"Kakashi…" Her ghostly whisper was lost.');
* intro: the subject of the clause leading into a quotation and ending with "," or ":"
  ('Sakura clicked her tongue and accused, "Masochist."');
* beats: the subject of the narration sentence just before the paragraph's first quotation, and
  of the first one after its last;
* last actor: for a paragraph of untagged lines right after one narration paragraph, the subject
  of that paragraph's last sentence ('... and she turned to seize the boy.' / '"There!"');
* vocatives and tag objects ('"...," he told Sakura'): someone addressed, hence not the speaker
  and likely the next one;
* own names ('"My name is Sakura."', '"I'm Naruto!"'): the speaker introducing themselves.

The cues live in modules of one job each; this package re-exports what other modules
use. ``CueFinder`` is a chain of classes, one module each, every layer using the ones
below it: ``_References`` <- ``_Subjects`` <- ``_Tags`` <- ``_Calls`` <- ``_Voices`` <-
``_Narration`` <- ``CueFinder``.

    words     the word lists and patterns the cues read
    records   what the cues fill: ``Subject``, ``QuoteCues``, ``Turn``; characters' genders
    refs      ``_References``: the work's references by token, kin and callers, unnamed people
    subjects  ``_Subjects``: who a clause is about (``subject_at``, ``sentence_subject``)
    tags      ``_Tags``: the speech tag after a quotation (``tag_after``)
    calls     ``_Calls``: whom a line calls (``vocatives``) and own names given
    voices    ``_Voices``: voices and their owners, newcomers, closing speech and colons
    narration ``_Narration``: the narration paragraph before a line: last actor, shown alone,
              opening subject, the one a thing is done to, a throat cleared
    turns     ``CueFinder``: every turn's cues (``turns``): intros, beats, looks
"""

from __future__ import annotations

from ficscope.passes.speaker_cues.records import (
    LABEL_GENDER,
    QuoteCues,
    Subject,
    Turn,
    character_genders,
)
from ficscope.passes.speaker_cues.turns import CueFinder
from ficscope.passes.speaker_cues.words import (
    DEVICES,
    GIVING,
    KIN_VOCATIVES,
    PARENT_CALLS,
    UNTIL,
)

__all__ = [
    "CueFinder",
    "DEVICES",
    "GIVING",
    "KIN_VOCATIVES",
    "LABEL_GENDER",
    "PARENT_CALLS",
    "QuoteCues",
    "Subject",
    "Turn",
    "UNTIL",
    "character_genders",
]
