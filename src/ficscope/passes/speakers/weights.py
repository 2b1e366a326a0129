"""The speakers pass's weights: the hand-set ``DEFAULT_WEIGHTS`` and the shipped model
(``ficscope/models/speakers.json``, made by ``scripts/train_speakers.py``)."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

DEFAULT_WEIGHTS: dict[str, float] = {
    "tag_name": 6.0,
    "tag_epithet": 5.0,
    "tag_pron_match": 3.5,
    "tag_pron_unk": 1.2,
    "tag_pron_bad": -3.0,
    "tag_pron_coref": 0.8,
    "tag_other": -2.0,
    "intro_name": 4.0,
    "intro_epithet": 3.5,
    "intro_pron_match": 2.0,
    "intro_pron_unk": 1.0,
    "intro_pron_bad": -2.0,
    "intro_pron_coref": 0.6,
    "intro_other": -1.0,
    "before_name": 1.6,
    "before_epithet": 1.4,
    "before_pron_match": 0.8,
    "before_pron_unk": 0.4,
    "before_pron_bad": -0.5,
    "before_pron_coref": 0.6,
    "before_other": -0.3,
    "after_name": 0.8,
    "after_epithet": 0.7,
    "after_pron_match": 0.4,
    "after_pron_unk": 0.2,
    "after_pron_bad": -0.3,
    "after_pron_coref": 0.3,
    "after_other": -0.2,
    "mid_name": 1.6,
    "mid_epithet": 1.4,
    "mid_pron_match": 0.8,
    "mid_pron_unk": 0.4,
    "mid_pron_bad": -0.5,
    "mid_pron_coref": 0.6,
    "mid_other": -0.3,
    "actor_name": 0.8,
    "actor_epithet": 0.7,
    "actor_pron_match": 0.4,
    "actor_pron_unk": 0.2,
    "actor_pron_bad": -0.3,
    "actor_pron_coref": 0.3,
    "actor_other": -0.2,
    "reported_name": -2.0,
    "reported_epithet": -2.0,
    "reported_pron_coref": -1.0,
    "told_answers": 1.5,  # 'I asked Finan why.' / '"Because ..."': the one told answers
    "told_back": 1.5,  # '"You busy?"' / 'I tell her I'm not.' / '"Good."': the one answered
    "mention": 0.7,
    "vocative": -3.0,
    "named": -0.8,
    "object": -2.5,
    "prev_addressed": 1.0,
    "prev_named": 1.5,
    "asks_back": 3.0,  # '"Larry's paying!"' / '"I'm what?"': the one spoken of asks it
    "prev_addressed_many": 0.6,
    "prev_met": 1.5,
    "side_by_side": 0.6,  # the two the narration showed side by side, through their bare lines
    "kin_of": 1.5,  # '"Papa!"' to the one "Her father" is: hers
    "kin_child": 3.0,  # '"You don't have to come, Dad."' to Frank Reyes: Dana Reyes's
    "called_back": 2.0,  # '"Kageyama!"' / '"What, Hinata?"': the first call is Hinata's
    "answered_calling": 1.0,  # '"...waves now?"' / '"Everything has waves, Arisa."': Arisa's
    "paired": 1.0,  # the other of two the narration just brought together answers
    "echoed": 1.0,
    "new": 1.5,
    "sal1": 0.6,
    "sal2": 0.3,
    "narrator": 0.0,
    "same1": -1.2,
    "same1_cont": 4.0,
    "same1_gap": 0.0,
    "same2": 0.8,
    "resumed": 1.5,
    "reply_same": -2.0,
    "tag_actor": 3.5,
    "done_to": 3.0,
    "actor_to_me": 1.0,
    "called_me": 2.0,  # '"Tim, you're on comms."' / '"From bed?"': the narrator called answers
    "own_address": 2.0,
    "third": -0.4,
    "third_many": 0.3,
    "third_narrator": 0.4,
    "own_name": 3.0,
    "answer_calls": 2.5,  # '"WHO'S FAT?"' / '"Nobody's fat, Inosuke," said Tanjiro.'
    "on_line": 1.5,  # "Castiel's voice came through the receiver": his bare lines after it
    "holder": 2.0,  # "Her phone buzzed." / '"Hi, Jonah."': the one whose phone rang answers
    "throat": 2.0,  # "... when Mr Butler cleared his throat." / '"Excuse me, Miss."'
    "goes_on_at": 1.0,  # 'observed Amy' / 'Jo ... began to whistle.' / '"Don't, Jo."'
}


@cache
def load_model() -> dict[str, object]:
    """The shipped model: ``{"weights": {...}, "calibration": [a, b], ...}``."""
    try:
        text = (resources.files("ficscope.models") / "speakers.json").read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return {"weights": DEFAULT_WEIGHTS, "calibration": [1.0, 0.0]}
    data: dict[str, object] = json.loads(text)
    return data
