"""The Python surface: `wirefacts.load()` gives an extractor, `wirefacts.evaluate()` scores records.

Nothing here imports spaCy until `load()` is called, so `import wirefacts` stays cheap.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import TypeAdapter, ValidationError

from wirefacts.batching import DEFAULT_BATCH_SIZE
from wirefacts.evaluate import Evaluation
from wirefacts.evaluate import evaluate as score
from wirefacts.io import error_record, unique_ids
from wirefacts.schema import ErrorRecord, GoldStory, StoryInput, StoryRecord, check_published

if TYPE_CHECKING:
    from spacy.language import Language

Outcome = StoryRecord | ErrorRecord
_OUTCOME = TypeAdapter(Outcome)


class ExtractionError(RuntimeError):
    """A story gave an error record instead of a record (see `.error`)."""

    def __init__(self, error: ErrorRecord):
        super().__init__(f"{error.id}: {error.error.kind}: {error.error.message}")
        self.error = error


class Extractor:
    """A loaded pipeline. `extractor(text)` gives one StoryRecord; `extractor.pipe(stories)` streams many."""

    def __init__(self, nlp: Language, model: str):
        self.nlp = nlp
        self.model = model

    def __repr__(self) -> str:
        return f"<wirefacts.Extractor model={self.model!r}>"

    def __call__(self, text: str, published: Any = None, id: str = "story") -> StoryRecord:
        """The facts of one story. `published` (a date or "YYYY-MM-DD") resolves relative dates."""
        from wirefacts.extract import extract_batch

        [outcome] = extract_batch(self.nlp, [StoryInput(id=id, text=text, published=published)])
        if isinstance(outcome, ErrorRecord):
            raise ExtractionError(outcome)
        return outcome

    def pipe(
        self, stories: Iterable[str | Mapping[str, Any] | StoryInput], workers: int | str = 1,
        batch_size: int = DEFAULT_BATCH_SIZE, published: Any = None,
    ) -> Iterator[Outcome]:
        """Records for `stories`, lazily and in input order: texts (ids "1", "2", ...), dicts with id, text and
        published, or StoryInput. `published` is the date of stories that carry none. A story that cannot be
        processed gives an ErrorRecord; nothing stops the stream. `workers` > 1 (or "auto") runs the
        extraction on that many processes."""
        from wirefacts.parallel import worker_count

        numbered = enumerate(stories, start=1)
        items = unique_ids(as_story(story, number, published) for number, story in numbered)
        total = worker_count(workers)
        if total == 1:
            from wirefacts.extract import extract

            yield from extract(self.nlp, items, batch_size=batch_size)
            return
        from wirefacts.parallel import ParallelExtractor

        for line in ParallelExtractor(self.model, total, batch_size).run(items):
            yield _OUTCOME.validate_json(line)


def as_story(item: str | Mapping[str, Any] | StoryInput, number: int, published: Any = None) -> StoryInput | ErrorRecord:
    """One input of `Extractor.pipe` as a validated story, or an error record saying what is wrong with it."""
    if isinstance(item, StoryInput):
        if item.published or published is None:
            return item
        return item.model_copy(update={"published": check_published(published)})
    if isinstance(item, str):
        item = {"id": str(number), "text": item}
    if published is not None and isinstance(item, Mapping) and not item.get("published"):
        item = {**item, "published": published}
    try:
        return StoryInput.model_validate(item)
    except ValidationError as exc:
        story_id = item.get("id") if isinstance(item, Mapping) else None
        return error_record(str(story_id or number), "invalid", f"story {number}: {exc.errors()[0]['msg']}")


def load(model: str | None = None) -> Extractor:
    """A ready extractor on `model` (a spaCy package name or pipeline folder; default: the bundled one)."""
    from wirefacts.nlp import build_pipeline, resolve_model

    name = resolve_model(model)
    return Extractor(build_pipeline(name), name)


def read_records(path: str | Path) -> Iterator[Outcome]:
    """The records and error records of a JSONL file written by `wirefacts extract`, validated, lazily.
    Raises ValueError naming the file and line of a line that is not one."""
    with Path(path).open(encoding="utf-8") as stream:
        for number, line in enumerate(stream, start=1):
            if line.strip():
                yield _parse(_OUTCOME, line, path, number)


def read_gold(path: str | Path) -> list[GoldStory]:
    """The gold stories of a JSONL file, or of every .jsonl file of a directory (sorted by name), as
    `wirefacts evaluate` reads them. Raises ValueError naming the file and line of a bad line."""
    from wirefacts.io import read_gold as read_gold_file

    return read_gold_file(Path(path))


def _parse(model: Any, line: str, path: str | Path, number: int) -> Any:
    validate = model.validate_json if isinstance(model, TypeAdapter) else model.model_validate_json
    try:
        return validate(line)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(part) for part in error["loc"])
        raise ValueError(f"{path}:{number}: not a valid line ({where}: {error['msg']})") from None


def evaluate(
    gold: str | Path | Iterable[GoldStory | Mapping[str, Any]],
    predictions: str | Path | Iterable[Outcome | Mapping[str, Any]] | Mapping[str, StoryRecord | None],
) -> Evaluation:
    """Score `predictions` against `gold` the way `wirefacts evaluate` does.

    `gold`: a gold JSONL file or directory, or gold stories (GoldStory or dicts). `predictions`: a JSONL file
    of records, records (StoryRecord, ErrorRecord or dicts), or a dict from story id to record. The result's
    `.report()` gives P/R/F1 per type and level; `.findings` lists every miss, false alarm and wrong field.
    """
    gold_stories = read_gold(gold) if isinstance(gold, str | Path) else [_gold(item) for item in gold]
    return score(gold_stories, _by_id(predictions))


def _gold(item: GoldStory | Mapping[str, Any]) -> GoldStory:
    return item if isinstance(item, GoldStory) else GoldStory.model_validate(item)


def _by_id(predictions: Any) -> dict[str, StoryRecord | None]:
    if isinstance(predictions, str | Path):
        predictions = read_records(predictions)
    if isinstance(predictions, Mapping):
        pairs = ((key, _record(value)) for key, value in predictions.items())
    else:
        pairs = ((record.id, record) for record in map(_record, predictions))
    return {key: record if isinstance(record, StoryRecord) else None for key, record in pairs}


def _record(item: Any) -> Outcome | None:
    if item is None or isinstance(item, StoryRecord | ErrorRecord):
        return item
    return _OUTCOME.validate_json(item) if isinstance(item, str) else _OUTCOME.validate_python(item)


def records_to_jsonl(records: Iterable[Outcome], path: str | Path) -> Path:
    """Write records as `wirefacts extract` does: one JSON line each."""
    from wirefacts.io import to_json_line

    path = Path(path)
    with path.open("w", encoding="utf-8") as stream:
        for record in records:
            stream.write(to_json_line(record) + "\n")
    return path


__all__ = ["ExtractionError", "Extractor", "evaluate", "load", "read_gold", "read_records", "records_to_jsonl"]
