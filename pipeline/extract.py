"""Running the pipeline over a stream of stories: one record or error record per story, in input order."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
import re
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.io import error_record
from pipeline.records import build_record
from pipeline.schema import ErrorRecord, StoryInput, StoryRecord

Outcome = StoryRecord | ErrorRecord


_WRAPPED_LINE = re.compile(r"(?<=\S)\n(?=\S)")


def unwrap_lines(text: str) -> str:
    """Wire copy breaks lines inside sentences ("Minister Denis\nBra Kanon"); spaCy reads such a newline as a
    token of its own, which splits names. A lone newline between two words becomes a space: the text keeps
    its length, so every offset stays true to the original."""
    return _WRAPPED_LINE.sub(" ", text)


def make_doc(nlp: Language, story: StoryInput) -> Doc:
    doc = nlp.make_doc(unwrap_lines(story.text))
    doc._.source_text = story.text
    doc._.story_id = story.id
    doc._.published = story.published_date
    return doc


def _process_one(nlp: Language, story: StoryInput) -> Outcome:
    try:
        doc = nlp(make_doc(nlp, story))
        return build_record(doc, story.meta)
    except Exception as exc:  # one broken story must never stop the batch
        return error_record(story.id, "extraction", f"{type(exc).__name__}: {exc}", story.meta)


def _process_batch(nlp: Language, batch: list[StoryInput | ErrorRecord]) -> list[Outcome]:
    stories = [item for item in batch if isinstance(item, StoryInput)]
    try:
        docs = nlp.pipe((make_doc(nlp, story) for story in stories), batch_size=max(1, len(stories)))
        built = {id(story): build_record(doc, story.meta) for story, doc in zip(stories, docs, strict=True)}
    except Exception:
        # Something in the batch failed: redo its stories one by one so only the culprit becomes an error.
        built = {id(story): _process_one(nlp, story) for story in stories}
    return [item if isinstance(item, ErrorRecord) else built[id(item)] for item in batch]


def extract(nlp: Language, items: Iterable[StoryInput | ErrorRecord], batch_size: int = 64) -> Iterator[Outcome]:
    """Records for `items`, lazily, in input order; stories are processed `batch_size` at a time."""
    iterator = iter(items)
    while batch := list(islice(iterator, batch_size)):
        yield from _process_batch(nlp, batch)
