"""The pipeline's running of passes: the cycle collector is paused while they run."""

from __future__ import annotations

import gc

import pytest

from ficscope import pipeline
from ficscope.model import Work
from ficscope.pipeline import Pass, analyze_work
from ficscope.readers.plaintext import parse_text


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_paused_during_the_passes_and_left_as_it_was(
    enabled: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[bool] = []

    def probe(work: Work) -> Work:
        seen.append(gc.isenabled())
        return work

    monkeypatch.setitem(pipeline._REGISTRY, "probe", Pass("probe", ("read",), (), probe))
    (gc.enable if enabled else gc.disable)()
    try:
        analyze_work(parse_text("One line of story."), ("probe",))
        assert seen == [False]
        assert gc.isenabled() is enabled
    finally:
        gc.enable()


def test_a_run_leaves_no_reference_cycles_behind() -> None:
    # the pause is safe only because the passes make no cycles: nothing is left for the
    # collector to find once it resumes
    text = '"Come in," said Mira. Tomas came in.\n\n"You\'re late," she said. He shrugged.'
    gc.collect()
    gc.disable()
    try:
        analyze_work(parse_text(text))
        assert gc.collect() == 0
    finally:
        gc.enable()
