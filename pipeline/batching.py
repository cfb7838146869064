"""Cutting a stream of stories into batches: a small first batch (the first record out soon), then full ones."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TypeVar

T = TypeVar("T")

# measured on 1,500 Reuters stories: 32 is 2-4% faster than 16 for ~60 MB more peak memory (309 vs 247 MB);
# 64 costs ~200 MB more (453 MB, over the 400 MB per worker target) for little more speed
DEFAULT_BATCH_SIZE = 32
FIRST_BATCH_SIZE = 2


def batches(items: Iterable[T], size: int = DEFAULT_BATCH_SIZE) -> Iterator[list[T]]:
    iterator = iter(items)
    current = min(FIRST_BATCH_SIZE, size)
    while batch := list(islice(iterator, current)):
        yield batch
        current = size
