"""Every scorer on tiny cases whose answers are worked out by hand in the comments."""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eval.scoring import (
    PRF,
    Ratio,
    accuracy,
    align_mentions,
    b_cubed,
    ceaf_e,
    match_spans,
    max_weight_matching,
    mean_f1,
    muc,
    span_prf,
)

approx = pytest.approx


# -- spans --


def test_quote_spans_exact_and_overlapping() -> None:
    gold = [(0, 5), (10, 20), (30, 40)]
    pred = [(0, 5), (10, 19), (50, 60)]
    # exact: only (0, 5) agrees -> P = 1/3, R = 1/3
    exact = span_prf(gold, pred)
    assert (exact.precision, exact.recall, exact.f1) == (
        approx(1 / 3),
        approx(1 / 3),
        approx(1 / 3),
    )
    # overlap: (10, 19) shares 9 characters with (10, 20) -> 2 hits; P = R = F1 = 2/3
    loose = span_prf(gold, pred, overlap=True)
    assert (loose.precision, loose.recall, loose.f1) == (
        approx(2 / 3),
        approx(2 / 3),
        approx(2 / 3),
    )


def test_overlap_matching_is_one_to_one_and_prefers_the_larger_share() -> None:
    # (2, 10) shares 8 characters with the gold span, (0, 3) only 3: the gold goes to (2, 10),
    # and (0, 3) is left a false positive -> P = 1/2, R = 1/1.
    assert match_spans([(0, 10)], [(0, 3), (2, 10)], overlap=True) == {0: 1}
    score = span_prf([(0, 10)], [(0, 3), (2, 10)], overlap=True)
    assert (score.precision, score.recall) == (0.5, 1.0)


def test_exact_matches_win_over_larger_overlaps() -> None:
    # gold A=(0,10), B=(10,20); pred (0,20) overlaps both by 10, pred (0,10) is exactly A.
    # A takes its exact twin; B then gets (0, 20).
    assert match_spans([(0, 10), (10, 20)], [(0, 20), (0, 10)], overlap=True) == {0: 1, 1: 0}


def test_a_duplicate_prediction_counts_once() -> None:
    score = span_prf([(0, 5)], [(0, 5), (0, 5)])
    assert (score.precision, score.recall) == (0.5, 1.0)


def test_nothing_to_score_is_na_and_nothing_found_is_zero() -> None:
    empty = span_prf([], [])
    assert (empty.precision, empty.recall, empty.f1) == (None, None, None)
    missed = span_prf([(0, 1)], [])
    assert (missed.precision, missed.recall, missed.f1) == (None, 0.0, 0.0)
    invented = span_prf([], [(0, 1)])
    assert (invented.precision, invented.recall, invented.f1) == (0.0, None, 0.0)


def test_scores_add_up_to_a_micro_average() -> None:
    # doc 1: 1 of 2 found, 1 predicted; doc 2: 3 of 3 found, 4 predicted
    # micro: P = 4/5, R = 4/5 (not the mean of per-document values)
    total = PRF(1, 1, 1, 2) + PRF(3, 4, 3, 3)
    assert (total.precision, total.recall) == (approx(0.8), approx(0.8))
    assert (Ratio(1, 2) + Ratio(2, 2)).value == approx(0.75)


def test_accuracy_counts_no_answer_as_wrong() -> None:
    assert accuracy([("a", "a"), ("b", None), ("c", "d")]) == Ratio(1, 3)
    assert accuracy([]).value is None


# -- the worked example of Pradhan et al. (2014), "Scoring coreference partitions" --
# key:      {a b c} {d e f g}
# response: {a b} {c d} {f g h i}
KEY = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2, "f": 2, "g": 2}
RESPONSE = {"a": "x", "b": "x", "c": "y", "d": "y", "f": "z", "g": "z", "h": "z", "i": "z"}


def test_muc_on_the_worked_example() -> None:
    # recall: {a b c} splits into 2 parts by the response (3 - 2 = 1 link kept), {d e f g} into
    # 3 parts, e missing is a part of its own (4 - 3 = 1); 2 of (2 + 3) links -> 0.4.
    # precision: {a b} 1 part (1), {c d} 2 parts (0), {f g h i} 3 parts (1); 2 of (1+1+3) -> 0.4.
    score = muc(KEY, RESPONSE)
    assert (score.recall, score.precision) == (approx(0.4), approx(0.4))


def test_b_cubed_on_the_worked_example() -> None:
    # recall per key item: a 2/3, b 2/3, c 1/3, d 1/4, e 0 (missing), f 2/4, g 2/4 -> 35/12 over 7
    # precision per response item: a 1, b 1, c 1/2, d 1/2, f 2/4, g 2/4, h 0, i 0 -> 4 over 8
    score = b_cubed(KEY, RESPONSE)
    assert score.recall == approx(float(Fraction(35, 12) / 7))  # 5/12
    assert score.precision == approx(0.5)


def test_ceaf_e_on_the_worked_example() -> None:
    # φ4: K1~R1 2*2/5 = 0.8, K1~R2 2/5, K2~R2 2/6, K2~R3 2*2/8 = 0.5; best K1-R1 + K2-R3 = 1.3
    # recall 1.3 / 2 key entities = 0.65, precision 1.3 / 3 response entities
    score = ceaf_e(KEY, RESPONSE)
    assert score.recall == approx(0.65)
    assert score.precision == approx(1.3 / 3)


def test_conll_f1_is_the_mean_of_the_three() -> None:
    m, b, c = muc(KEY, RESPONSE), b_cubed(KEY, RESPONSE), ceaf_e(KEY, RESPONSE)
    f_b3 = 2 * 0.5 * (5 / 12) / (0.5 + 5 / 12)
    f_ceaf = 2 * 0.65 * (1.3 / 3) / (0.65 + 1.3 / 3)
    assert mean_f1(m, b, c) == approx((0.4 + f_b3 + f_ceaf) / 3)
    assert mean_f1(PRF(), PRF()) is None


def test_b_cubed_over_quotes_clustered_by_speaker() -> None:
    # BookNLP's setting: the same items on both sides. Gold speakers q1 A, q2 A, q3 B;
    # predicted q1 x, q2 y, q3 y.
    # recall: q1 |{q1 q2} ∩ {q1}|/2 = 1/2, q2 |{q1 q2} ∩ {q2 q3}|/2 = 1/2, q3 1/1 -> 2/3
    # precision: q1 1/1, q2 |{q2 q3} ∩ {q1 q2}|/2 = 1/2, q3 1/2 -> 2/3
    score = b_cubed({1: "A", 2: "A", 3: "B"}, {1: "x", 2: "y", 3: "y"})
    assert (score.precision, score.recall, score.f1) == (
        approx(2 / 3),
        approx(2 / 3),
        approx(2 / 3),
    )


def test_b_cubed_unanswered_items_cost_recall_only() -> None:
    # q2 has no predicted speaker: recall q1 1/2 + q2 0 -> 1/4; precision q1 1/1 -> 1; F1 = 0.4
    score = b_cubed({1: "A", 2: "A"}, {1: "x"})
    assert (score.precision, score.recall, score.f1) == (1.0, 0.25, approx(0.4))
    assert b_cubed({1: "A"}, {}).f1 == 0.0


def test_perfect_and_all_singleton_responses() -> None:
    key = {1: "A", 2: "A", 3: "B"}
    for metric in (muc, b_cubed, ceaf_e):
        assert metric(key, {1: 0, 2: 0, 3: 9}).f1 == approx(1.0)
    # all singletons: MUC has no links to score precision on, and recalls none
    singles = muc(key, {1: 1, 2: 2, 3: 3})
    assert (singles.precision, singles.recall) == (None, 0.0)
    # B3 recall: 1/2 + 1/2 + 1 over 3 = 2/3; precision 1
    b3 = b_cubed(key, {1: 1, 2: 2, 3: 3})
    assert (b3.precision, b3.recall) == (1.0, approx(2 / 3))


# -- the assignment solver behind CEAF-e --


def test_max_weight_matching_small_cases() -> None:
    assert max_weight_matching([[1.0, 2.0], [3.0, 1.0]]) == 5.0  # 2 + 3
    assert max_weight_matching([[5.0], [4.0], [1.0]]) == 5.0  # more rows than columns
    assert max_weight_matching([]) == 0.0


def _brute(weights: list[list[float]]) -> float:
    n, m = len(weights), len(weights[0])
    if n > m:
        weights = [list(c) for c in zip(*weights, strict=True)]
        n, m = m, n
    return max(
        sum(weights[i][cols[i]] for i in range(n)) for cols in itertools.permutations(range(m), n)
    )


@settings(max_examples=150, deadline=None)
@given(
    st.integers(1, 5).flatmap(
        lambda n: st.integers(1, 5).flatmap(
            lambda m: st.lists(
                st.lists(st.integers(0, 9).map(float), min_size=m, max_size=m),
                min_size=n,
                max_size=n,
            )
        )
    )
)
def test_max_weight_matching_agrees_with_brute_force(weights: list[list[float]]) -> None:
    assert max_weight_matching(weights) == approx(_brute(weights))


@settings(max_examples=100, deadline=None)
@given(
    st.dictionaries(st.integers(0, 7), st.integers(0, 3), max_size=8),
    st.dictionaries(st.integers(0, 7), st.integers(0, 3), max_size=8),
)
def test_ceaf_e_agrees_with_brute_force(key: dict[int, int], response: dict[int, int]) -> None:
    ks = [{i for i, c in key.items() if c == k} for k in set(key.values())]
    rs = [{i for i, c in response.items() if c == r} for r in set(response.values())]
    if ks and rs:
        phi = [[2 * len(k & r) / (len(k) + len(r)) for r in rs] for k in ks]
        best = _brute(phi)
    else:
        best = 0.0
    score = ceaf_e(key, response)
    assert score.r_num == approx(best)
    assert score.r_den == len(ks) and score.p_den == len(rs)


# -- aligning predicted mentions to gold mentions --


def test_align_mentions() -> None:
    #        his     his wife  Sir Walter Elliot
    gold = [(0, 3), (0, 8), (20, 37)]
    #       his     wife    Walter    (nothing)  Sir Walter Elliot's (overlaps)
    pred = [(0, 3), (4, 8), (24, 30), (50, 55)]
    assert align_mentions(gold, pred) == {0: 0, 1: 1, 2: 2}
    assert align_mentions(gold, pred, overlap=False) == {0: 0}
    # a predicted span sticking out of a gold one goes by the share of their union
    assert align_mentions([(10, 20), (18, 40)], [(12, 22)]) == {0: 0}
