"""The metrics, as plain functions over spans and clusterings. No datasets, no ficscope model.

Every score keeps its numerators and denominators (``PRF``, ``Ratio``), so scores of many
documents add up to a micro-average (the CoNLL-2012 reference scorer does the same for MUC, B3 and
CEAF-e); a value whose denominator is 0 is None and shows as NA.

Spans are ``(start, end)`` character offsets. A clustering maps an item (any hashable: a span, a
quote index) to its cluster id; the key (gold) and the response (system) may hold different
items. An item missing from one side counts as the CoNLL scorer counts a "twinless" mention: it
earns nothing there, so a missing answer costs recall and an invented one costs precision.
Definitions are written out in docs/evaluation.md.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

Span = tuple[int, int]
Clustering = Mapping[Hashable, Hashable]


@dataclass(frozen=True, slots=True)
class PRF:
    """Precision = p_num / p_den, recall = r_num / r_den, F1 their harmonic mean."""

    p_num: float = 0.0
    p_den: float = 0.0
    r_num: float = 0.0
    r_den: float = 0.0

    @property
    def precision(self) -> float | None:
        return self.p_num / self.p_den if self.p_den else None

    @property
    def recall(self) -> float | None:
        return self.r_num / self.r_den if self.r_den else None

    @property
    def f1(self) -> float | None:
        """None when neither precision nor recall is defined; an undefined one counts as 0."""
        p, r = self.precision, self.recall
        if p is None and r is None:
            return None
        p, r = p or 0.0, r or 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: PRF) -> PRF:
        return PRF(
            self.p_num + other.p_num,
            self.p_den + other.p_den,
            self.r_num + other.r_num,
            self.r_den + other.r_den,
        )


@dataclass(frozen=True, slots=True)
class Ratio:
    hits: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        return self.hits / self.total if self.total else None

    def __add__(self, other: Ratio) -> Ratio:
        return Ratio(self.hits + other.hits, self.total + other.total)


def mean_f1(*scores: PRF) -> float | None:
    """The average of the F1s (the CoNLL F1 of MUC, B3 and CEAF-e); None if none is defined."""
    values = [s.f1 for s in scores]
    if all(v is None for v in values):
        return None
    return sum(v or 0.0 for v in values) / len(values)


# -- spans --


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match_spans(
    gold: Sequence[Span], pred: Sequence[Span], *, overlap: bool = False
) -> dict[int, int]:
    """A one-to-one matching gold index -> predicted index.

    Identical spans match first. With ``overlap``, the rest are paired greedily by the number of
    characters they share (most first; ties by position), any shared character being enough.
    """
    matches: dict[int, int] = {}
    free: dict[Span, list[int]] = {}
    for pi, span in enumerate(pred):
        free.setdefault(span, []).append(pi)
    for gi, span in enumerate(gold):
        if free.get(span):
            matches[gi] = free[span].pop(0)
    if not overlap:
        return matches
    used = set(matches.values())
    gold_left = [gi for gi in range(len(gold)) if gi not in matches]
    pred_left = sorted((p for p in range(len(pred)) if p not in used), key=lambda p: pred[p])
    pairs = []
    for gi in gold_left:
        for pi in pred_left:
            if pred[pi][0] >= gold[gi][1]:
                break
            shared = _overlap(gold[gi], pred[pi])
            if shared:
                pairs.append((-shared, gi, pi))
    for _, gi, pi in sorted(pairs):
        if gi not in matches and pi not in used:
            matches[gi] = pi
            used.add(pi)
    return matches


def span_prf(gold: Sequence[Span], pred: Sequence[Span], *, overlap: bool = False) -> PRF:
    """Span detection: a predicted span is right when it is matched to a gold one."""
    hits = len(match_spans(gold, pred, overlap=overlap))
    return PRF(hits, len(pred), hits, len(gold))


def align_mentions(
    gold: Sequence[Span], pred: Sequence[Span], *, overlap: bool = True
) -> dict[int, int]:
    """A one-to-one alignment predicted mention index -> gold mention index.

    Identical spans first. With ``overlap``: then a predicted span inside a gold one goes to the
    smallest gold span holding it ("his" in "his wife" is taken by an exact "his" first; a lone
    "Walter" goes to "Sir Walter Elliot"); then the rest by the largest share of their union.
    """
    exact = match_spans(pred, gold)  # pred index -> gold index
    if not overlap:
        return exact
    taken = set(exact.values())
    pairs: list[tuple[tuple[int, float], int, int]] = []
    for pi, p in enumerate(pred):
        if pi in exact:
            continue
        for gi, g in enumerate(gold):
            if gi in taken:
                continue
            shared = _overlap(p, g)
            if not shared:
                continue
            if g[0] <= p[0] and p[1] <= g[1]:
                rank = (0, float(g[1] - g[0]))
            else:
                union = max(p[1], g[1]) - min(p[0], g[0])
                rank = (1, -shared / union)
            pairs.append((rank, pi, gi))
    aligned = dict(exact)
    for _, pi, gi in sorted(pairs):
        if pi not in aligned and gi not in taken:
            aligned[pi] = gi
            taken.add(gi)
    return aligned


def accuracy(pairs: Iterable[tuple[Hashable, Hashable]]) -> Ratio:
    """The share of (gold, predicted) pairs that agree; a None prediction is wrong."""
    hits = total = 0
    for gold, pred in pairs:
        total += 1
        hits += pred is not None and gold == pred
    return Ratio(hits, total)


# -- clusterings --


def clusters(assignment: Clustering) -> dict[Hashable, frozenset[Hashable]]:
    """Cluster id -> the items in it."""
    out: dict[Hashable, set[Hashable]] = {}
    for item, cluster in assignment.items():
        out.setdefault(cluster, set()).add(item)
    return {c: frozenset(items) for c, items in out.items()}


def b_cubed(key: Clustering, response: Clustering) -> PRF:
    """B-cubed (Bagga & Baldwin 1998), per item then averaged over items.

    Recall averages |K(i) ∩ R(i)| / |K(i)| over the key's items; precision averages
    |K(i) ∩ R(i)| / |R(i)| over the response's items (an item absent from the other side scores 0).
    """
    key_sets, resp_sets = clusters(key), clusters(response)
    r_num = 0.0
    for item, cluster in key.items():
        mine = key_sets[cluster]
        if item in response:
            r_num += len(mine & resp_sets[response[item]]) / len(mine)
    p_num = 0.0
    for item, cluster in response.items():
        mine = resp_sets[cluster]
        if item in key:
            p_num += len(mine & key_sets[key[item]]) / len(mine)
    return PRF(p_num, len(response), r_num, len(key))


def _muc_side(one: Clustering, other: Clustering) -> tuple[float, float]:
    """Σ(|C| − |p(C)|) and Σ(|C| − 1) over the clusters C of ``one``, where p(C) partitions C by the
    clusters of ``other`` (an item ``other`` lacks is a part of its own)."""
    num = den = 0
    for items in clusters(one).values():
        parts = {other[i] for i in items if i in other}
        parts_count = len(parts) + sum(1 for i in items if i not in other)
        num += len(items) - parts_count
        den += len(items) - 1
    return float(num), float(den)


def muc(key: Clustering, response: Clustering) -> PRF:
    """MUC (Vilain et al. 1995): links kept. Singletons carry no links, so add nothing."""
    r_num, r_den = _muc_side(key, response)
    p_num, p_den = _muc_side(response, key)
    return PRF(p_num, p_den, r_num, r_den)


def ceaf_e(key: Clustering, response: Clustering) -> PRF:
    """Entity-based CEAF (Luo 2005) with φ4(K, R) = 2|K ∩ R| / (|K| + |R|): the best one-to-one
    alignment of key and response clusters; recall divides its total by the number of key
    clusters, precision by the number of response clusters."""
    key_sets = list(clusters(key).values())
    resp_sets = list(clusters(response).values())
    best = _best_alignment(key_sets, resp_sets)
    return PRF(best, len(resp_sets), best, len(key_sets))


def _best_alignment(
    key_sets: list[frozenset[Hashable]], resp_sets: list[frozenset[Hashable]]
) -> float:
    """The largest total φ4 of a one-to-one alignment, solved per connected group of clusters
    that share items (clusters sharing nothing with anything add 0)."""
    where: dict[Hashable, int] = {}
    for ri, items in enumerate(resp_sets):
        for item in items:
            where[item] = ri
    parent = list(range(len(key_sets) + len(resp_sets)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    edges = set()
    for ki, items in enumerate(key_sets):
        for item in items:
            if item in where:
                edges.add((ki, where[item]))
                parent[find(ki)] = find(len(key_sets) + where[item])
    groups: dict[int, tuple[list[int], list[int]]] = {}
    for ki, ri in edges:
        rows, cols = groups.setdefault(find(ki), ([], []))
        if ki not in rows:
            rows.append(ki)
        if ri not in cols:
            cols.append(ri)
    total = 0.0
    for rows, cols in groups.values():
        weights = [
            [
                2 * len(key_sets[k] & resp_sets[r]) / (len(key_sets[k]) + len(resp_sets[r]))
                for r in cols
            ]
            for k in rows
        ]
        total += max_weight_matching(weights)
    return total


def max_weight_matching(weights: Sequence[Sequence[float]]) -> float:
    """The largest total weight of a one-to-one assignment of rows to columns (Hungarian method,
    shortest augmenting paths with potentials, O(n²m))."""
    if not weights or not weights[0]:
        return 0.0
    if len(weights) > len(weights[0]):
        weights = [list(col) for col in zip(*weights, strict=True)]
    n, m = len(weights), len(weights[0])
    inf = float("inf")
    u = [0.0] * (n + 1)
    v = [0.0] * (m + 1)
    owner = [0] * (m + 1)  # column j -> the row assigned to it (1-based; 0 = none)
    way = [0] * (m + 1)
    for i in range(1, n + 1):
        owner[0] = i
        j0 = 0
        minv = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = owner[j0], inf, 0
            for j in range(1, m + 1):
                if not used[j]:
                    cur = -weights[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(m + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if owner[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            owner[j0] = owner[j1]
            j0 = j1
    return sum(weights[owner[j] - 1][j - 1] for j in range(1, m + 1) if owner[j])
