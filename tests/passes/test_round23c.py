"""Rules from blind round 23's last wrong lines (acc26-r23c): a line that narration sets apart
and that calls someone by name opens a new exchange with the one it calls."""

from __future__ import annotations

from speaker_story import analyze, speakers


def test_a_call_after_narration_is_answered_by_the_one_called() -> None:
    # 'Jessica read the log and set it on top of the binder. "Harvey, you take the deposition
    # ..."' / '"That was my plan."': the answer is Harvey's, not that of the one who spoke two
    # lines before, across the narration
    work = analyze(
        "Petra came in out of the rain and shut the door behind her.",
        '"The boat is ready," Petra said.',
        '"Good," said Mira.',
        '"The nets are not. Nobody mended them."',
        "Nobody said anything for a while.",
        "Mira read Petra's list twice and put it down on the table. \"Tomas, you take the nets "
        'tonight."',
        '"That was my plan."',
    )
    said = speakers(work)
    assert said[3] == "Mira"
    assert said[4] == "Tomas"
