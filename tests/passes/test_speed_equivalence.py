"""Speed rewrites that must give what the plain code gives (acc28-speed)."""

from __future__ import annotations

import itertools

from ficscope.passes.speaker_cues import QuoteCues, Turn
from ficscope.passes.speakers.conversations import Conversation
from ficscope.passes.speakers.viterbi import Transitions, _summed, third_weights
from ficscope.passes.speakers.weights import DEFAULT_WEIGHTS


def test_third_weights_sum_what_transitions_third_names() -> None:
    # viterbi's third_of reads the weights once instead of summing trans.third's list of names
    # for every candidate of every turn: every (turn, candidate) gets the same float
    turns = [Turn(para=p, quotes=[QuoteCues(index=p)]) for p in range(5)]
    turns[3].afar = True
    cands = ["mira", "oskar", "tomas", "ines"]
    tag = {"tag_name": 1.0}
    conv = Conversation(
        turns=turns,
        candidates=[cands] * 5,
        features=[
            [tag, {}, {}, {}],
            [{}, tag, {}, {}],
            [{}, {}, tag, {}],
            [{}, {}, {}, {"called_one": 1.0}],
            [{}, {}, {"called_one": 1.0}, {}],
        ],
    )
    for party in (None, "tomas"):
        conv.party = party
        for weights in (
            DEFAULT_WEIGHTS,
            {**DEFAULT_WEIGHTS, "third": -0.37, "third_many": 0.11, "third_narrator": 0.29},
            {},
        ):
            trans = Transitions(conv)
            trans.many = [k % 2 == 0 for k in range(5)]
            fast = third_weights(trans, weights)
            for k, c in itertools.product(range(5), cands):
                assert fast(k, c) == _summed(weights, trans.third(k, c))
