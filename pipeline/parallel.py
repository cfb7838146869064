"""Extraction on several processes: the model loaded once per worker, records (as JSON lines) sent back,
input order kept, memory bounded by a fixed number of batches in flight, and a crashed worker costing
only its own stories (they become error records)."""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context

from wirefacts.batching import DEFAULT_BATCH_SIZE, batches
from wirefacts.io import to_json_line, worker_crash_record
from wirefacts.limits import Limits
from wirefacts.schema import ErrorRecord, StoryInput

_worker_nlp = None
_worker_limits = None
IN_FLIGHT_PER_WORKER = 3


def worker_count(value: str | int) -> int:
    """`auto` is every core this process may use."""
    if value == "auto":
        try:
            return max(1, len(os.sched_getaffinity(0)))
        except AttributeError:  # not on Linux
            return max(1, os.cpu_count() or 1)
    count = int(value)
    if count < 1:
        raise ValueError("--workers must be 1 or more, or auto")
    return count


def _init_worker(model: str | None, limits: Limits) -> None:
    global _worker_nlp, _worker_limits
    from wirefacts.nlp import build_pipeline

    _worker_nlp = build_pipeline(model)
    _worker_limits = limits


def _run_batch(stories: list[StoryInput]) -> list[str]:
    from wirefacts.extract import extract_batch

    return [to_json_line(outcome) for outcome in extract_batch(_worker_nlp, stories, _worker_limits)]


class ParallelExtractor:
    """Yield JSON lines for `items` in input order, computed on `workers` processes."""

    def __init__(
        self, model: str | None, workers: int, batch_size: int = DEFAULT_BATCH_SIZE, limits: Limits | None = None
    ):
        self.model = model
        self.workers = workers
        self.batch_size = batch_size
        self.limits = limits or Limits()
        self.pool: ProcessPoolExecutor | None = None

    def _new_pool(self) -> ProcessPoolExecutor:
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
        # spawn: a fresh interpreter per worker, never a fork of a process holding threads or a model
        self.pool = ProcessPoolExecutor(
            max_workers=self.workers, mp_context=get_context("spawn"), initializer=_init_worker, initargs=(self.model, self.limits)
        )
        return self.pool

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None

    def run(self, items: Iterable[StoryInput | ErrorRecord]) -> Iterator[str]:
        pool = self._new_pool()
        incoming = batches(items, self.batch_size)
        pending: deque[tuple[list, Future | None]] = deque()
        limit = self.workers * IN_FLIGHT_PER_WORKER
        try:
            while True:
                while len(pending) < limit and (batch := next(incoming, None)):
                    stories = [item for item in batch if isinstance(item, StoryInput)]
                    pending.append((batch, pool.submit(_run_batch, stories) if stories else None))
                if not pending:
                    return
                batch, future = pending.popleft()
                try:
                    lines = future.result() if future is not None else []
                except BrokenProcessPool:
                    # A worker died. Every batch in flight failed with it; redo them one at a time
                    # so that only the stories that really kill a worker become error records.
                    retry = [batch] + [queued for queued, _ in pending]
                    pending.clear()
                    for redo in retry:
                        yield from self._isolate(redo)
                    pool = self.pool  # _isolate left a healthy pool
                    continue
                yield from _merge(batch, lines)
        finally:
            self.close()

    def _isolate(self, batch: list) -> Iterator[str]:
        stories = [item for item in batch if isinstance(item, StoryInput)]
        try:
            lines = self._new_pool().submit(_run_batch, stories).result() if stories else []
            yield from _merge(batch, lines)
            return
        except BrokenProcessPool:
            pass
        pool = self._new_pool()
        for item in batch:
            if not isinstance(item, StoryInput):
                yield to_json_line(item)
                continue
            try:
                [line] = pool.submit(_run_batch, [item]).result()
                yield line
            except BrokenProcessPool:
                yield to_json_line(worker_crash_record(item))
                pool = self._new_pool()


def _merge(batch: list, lines: list[str]) -> Iterator[str]:
    """Put the worker's lines back between the input's error records, in input order."""
    produced = iter(lines)
    for item in batch:
        yield to_json_line(item) if isinstance(item, ErrorRecord) else next(produced)
