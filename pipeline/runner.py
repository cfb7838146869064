"""Stories in, JSON lines out: the core of `wirefacts extract`, on this process or on worker processes.

`extract_lines` is what every front end calls (the command line, the Python API, other engines): one line
per input item, in input order, every failure an error record; only a missing model raises.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from wirefacts.batching import DEFAULT_BATCH_SIZE
from wirefacts.io import error_kind
from wirefacts.limits import Limits
from wirefacts.schema import ErrorRecord, GoldStory, StoryInput, StoryRecord


@dataclass(frozen=True)
class RunSettings:
    model: str | None = None  # None: en_core_web_sm
    workers: int = 1
    batch_size: int = DEFAULT_BATCH_SIZE
    limits: Limits = field(default_factory=Limits)


def extract_lines(items: Iterable[StoryInput | ErrorRecord], settings: RunSettings = RunSettings()) -> Iterator[str]:
    """One JSON line (a record or an error record) per item, lazily, in input order.

    The model is loaded (one worker) or checked (several) before this returns, so a missing model raises
    ModelNotFound here, before any story is read.
    """
    if settings.workers > 1:
        from wirefacts.nlp import resolve_model
        from wirefacts.parallel import ParallelExtractor

        resolve_model(settings.model)
        return ParallelExtractor(settings.model, settings.workers, settings.batch_size, settings.limits).run(items)

    from wirefacts.extract import extract
    from wirefacts.io import to_json_line
    from wirefacts.nlp import build_pipeline

    nlp = build_pipeline(settings.model)
    return (to_json_line(outcome) for outcome in extract(nlp, items, settings.batch_size, settings.limits))


def predict_gold(gold: Iterable[GoldStory], model: str | None = None, on_record=None) -> dict[str, StoryRecord | None]:
    """Records for the texts of gold stories, by id (None for a story that gave an error record)."""
    from wirefacts.extract import extract
    from wirefacts.nlp import build_pipeline

    nlp = build_pipeline(model)
    stories = [StoryInput(id=story.id, text=story.text, published=story.published) for story in gold]
    predictions: dict[str, StoryRecord | None] = {}
    for outcome in extract(nlp, stories):
        predictions[outcome.id] = outcome if isinstance(outcome, StoryRecord) else None
        if on_record is not None:
            on_record()
    return predictions


@dataclass
class Tally:
    """What a run wrote: stories, and error records by kind."""

    stories: int = 0
    errors: Counter[str] = field(default_factory=Counter)

    def add(self, line: str) -> None:
        self.stories += 1
        kind = error_kind(line)
        if kind is not None:
            self.errors[kind] += 1

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())

    def render(self, already_done: int = 0) -> str:
        kinds = ", ".join(f"{kind} {count}" for kind, count in sorted(self.errors.items()))
        skipped = f", {already_done} already done" if already_done else ""
        return (
            f"{self.stories} stories read{skipped}, {self.stories - self.error_count} records, "
            f"{self.error_count} errors" + (f" ({kinds})" if kinds else "")
        )
