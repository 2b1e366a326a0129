"""How a corpus is cut into chunks: one chunk is one task on a worker and one committed part."""

from __future__ import annotations

from collections.abc import Sequence

from ficscope.batch.inputs import WorkItem

CHUNK_WORKS = 64  # at most this many works in one chunk (one Parquet part per table)
CHUNK_BYTES = 16 * 1024 * 1024  # and at most this much input, unless one work is larger
CHUNKS_PER_SLOT = 8  # small corpora are cut finer, so that the workers finish together


def plan_chunks(
    items: Sequence[WorkItem], *, slots: int, max_works: int, max_bytes: int
) -> list[list[WorkItem]]:
    """Cut the works into chunks, largest works first, so that the long ones start early and the
    small ones fill the end of the run. A chunk holds at most ``max_works`` works and, unless a
    single work is bigger, at most ``max_bytes`` of input; small corpora are cut finer, into
    about ``CHUNKS_PER_SLOT`` chunks per worker thread."""
    ordered = sorted(items, key=lambda item: item.size, reverse=True)
    total = sum(item.size for item in ordered)
    budget = max(1, min(max_bytes, total // (slots * CHUNKS_PER_SLOT)))
    chunks: list[list[WorkItem]] = []
    current: list[WorkItem] = []
    size = 0
    for item in ordered:
        if current and (len(current) >= max_works or size + item.size > budget):
            chunks.append(current)
            current, size = [], 0
        current.append(item)
        size += item.size
    if current:
        chunks.append(current)
    return chunks
