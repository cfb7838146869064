"""What one story may cost (`--max-chars`, `--story-timeout`), and the time limit that enforces the second.

The limit counts processor time, not time on the clock: extraction only computes, so a runaway story burns
processor time, while a machine busy with other work would turn slow but sound stories into timeouts on the
clock (a 5 MB story took 152 s of processor time and nearly 10 minutes on a loaded 2-core machine).

In the main thread of a process (where extraction runs: the CLI with one worker, and each worker process)
a SIGPROF timer raises `StoryTimeout` wherever the code is: Python code, and `re` / `regex` matching,
which check for signals as they backtrack. spaCy's compiled code returns to Python between the pieces of
bounded size a story is cut into, so the limit holds within about one piece's time. Where no timer can be
set (another thread, no SIGPROF), the `check` function the block receives is called between pieces:
a cooperative bound, good to one piece's time unless a single piece runs away.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

DEFAULT_MAX_CHARS = 10_000_000  # a longer story is a `too_long` error record
DEFAULT_STORY_TIMEOUT = 600.0  # processor seconds: twice what a story of DEFAULT_MAX_CHARS takes


@dataclass(frozen=True)
class Limits:
    """Longer stories become `too_long` error records, slower ones `timeout` (None: no time limit)."""

    max_chars: int = DEFAULT_MAX_CHARS
    story_timeout: float | None = DEFAULT_STORY_TIMEOUT


class StoryTimeout(BaseException):
    """The time limit ran out. A BaseException, so no `except Exception` on the way turns it into an error
    of another kind."""


def _never() -> None:
    return None


def _can_alarm() -> bool:
    return hasattr(signal, "SIGPROF") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float | None) -> Iterator[Callable[[], None]]:
    """Raise StoryTimeout in the block after `seconds` of this process's processor time (None: no limit).
    Yields a check to call between steps, which raises once the time is up."""
    if seconds is None:
        yield _never
        return
    deadline = time.process_time() + seconds

    def check() -> None:
        if time.process_time() > deadline:
            raise StoryTimeout

    if not _can_alarm():
        yield check
        return
    armed = True

    def on_alarm(signum: int, frame: object) -> None:
        if armed:
            raise StoryTimeout

    previous = signal.signal(signal.SIGPROF, on_alarm)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield check
    finally:
        armed = False  # an alarm that lands after the block is done must not fail it
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
