"""The shipped model file carries the hand-set weights of weights.py, every one of them: a weight
added to ``DEFAULT_WEIGHTS`` and not to ``speakers.json`` would leave its feature silent."""

from ficscope.passes.speakers.weights import DEFAULT_WEIGHTS, load_model


def test_the_shipped_weights_are_the_hand_set_ones() -> None:
    shipped = load_model()["weights"]
    assert isinstance(shipped, dict)
    assert sorted(set(shipped) ^ set(DEFAULT_WEIGHTS)) == []
    assert {k: v for k, v in shipped.items() if v != DEFAULT_WEIGHTS[k]} == {}
