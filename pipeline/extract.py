"""Running the pipeline over a stream of stories: one record or error record per story, in input order."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from wirefacts.batching import DEFAULT_BATCH_SIZE, batches
from wirefacts.io import error_record
from wirefacts.records import build_record
from wirefacts.components.dateline import DatelineValues
from wirefacts.schema import ErrorRecord, Official, Organization, StoryInput, StoryRecord, iter_mentions
from wirefacts.limits import Limits, StoryTimeout, time_limit

Outcome = StoryRecord | ErrorRecord

# A story is extracted in pieces of at most this many characters, whatever its length: some rules compare
# every mention with every other, so time per word would grow with the story and memory with it.
PIECE_CHARS = 20_000
KEPT_WORDS = 20_000  # words a pipeline's vocabulary keeps from its first stories (a few MB; 50,000 passed 400 MB peak on all of Reuters)


_WRAPPED_LINE = re.compile(r"(?<=\S)\n(?=\S)")
_CONTROL = {code: " " for code in (*range(0, 9), 11, 12, 13, *range(14, 32), 127)}
_HTML_TAG = re.compile(
    r"</?(?:p|br|div|span|a|b|i|u|em|strong|font|html|body|head|title|h[1-6]|ul|ol|li|table|tr|td|th|img|meta|"
    r"link|hr|pre|blockquote|section|article|header|footer)\b[^<>]{0,500}>",
    re.IGNORECASE,
)


def text_for_nlp(text: str) -> str:
    """The copy of a story that spaCy reads, always of the same length, so every offset stays true to the
    original: control characters (a CR of CRLF included) and HTML tags become spaces, and a lone newline
    inside a sentence ("Minister Denis\nBra Kanon": wire copy wraps lines) becomes a space too, because
    spaCy reads it as a token of its own, which splits names."""
    text = text.translate(_CONTROL)
    text = _HTML_TAG.sub(lambda match: " " * len(match.group()), text)
    return _WRAPPED_LINE.sub(" ", text)


def make_doc(nlp: Language, story: StoryInput) -> Doc:
    doc = nlp.make_doc(text_for_nlp(story.text))
    doc._.source_text = story.text
    doc._.story_id = story.id
    doc._.published = story.published_date
    return doc


def piece_bounds(text: str, limit: int) -> list[tuple[int, int]]:
    """Cut a text into pieces of at most `limit` characters, so that no fact is cut in two: at a paragraph end
    where one falls in the second half of the piece, else a sentence end (at a line end first: wire copy wraps
    its lines inside sentences), a line end, or a space. A text within the limit is one piece."""
    bounds, start = [], 0
    while len(text) - start > limit:
        cut = _cut_point(text[start : start + limit])
        bounds.append((start, start + cut))
        start += cut
    bounds.append((start, len(text)))
    return bounds


def _cut_point(window: str) -> int:
    for mark in ("\n\n", ".\n", ". ", "\n", " "):
        at = window.rfind(mark)
        if at > len(window) // 2:
            return at + len(mark)
    return len(window)


def _piece_docs(nlp: Language, stories: list[StoryInput]) -> Iterator[tuple[Doc, tuple[int, int, bool]]]:
    """Every story as Docs of at most PIECE_CHARS characters, each with (story index, piece start, last?)."""
    limit = min(PIECE_CHARS, nlp.max_length)
    for index, story in enumerate(stories):
        bounds = piece_bounds(story.text, limit)
        if len(bounds) == 1:
            yield make_doc(nlp, story), (index, 0, True)
            continue
        cleaned = text_for_nlp(story.text)
        for start, end in bounds:
            doc = nlp.make_doc(cleaned[start:end])
            doc._.source_text = story.text[start:end]
            doc._.story_id = story.id
            doc._.published = story.published_date
            yield doc, (index, start, end == len(story.text))


def _vocabulary_zone(nlp: Language):
    """A spaCy memory zone, once the vocabulary holds KEPT_WORDS words. The first batches' words stay: they
    are the commonest of the stories to come, and each batch in a zone makes every word it uses anew."""
    return nlp.memory_zone() if len(nlp.vocab) >= KEPT_WORDS else contextlib.nullcontext()


def _extract_stories(nlp: Language, stories: list[StoryInput], seconds: float | None) -> list[StoryRecord]:
    """Records for `stories` as one nlp.pipe stream of pieces, within `seconds` (else StoryTimeout).

    Once the vocabulary holds KEPT_WORDS words, strings and lexemes the stories add to it are freed when
    they are done, so a run over millions of stories keeps a flat vocabulary (no Doc outlives the zone:
    records are built inside it).
    The time limit lies inside the memory zone, so that it can never interrupt the zone's cleaning up.
    """
    with _vocabulary_zone(nlp), time_limit(seconds) as check:
        docs = nlp.pipe(_piece_docs(nlp, stories), batch_size=max(1, len(stories)), as_tuples=True)
        try:
            return _assemble(stories, docs, check)
        finally:
            docs.close()


def _assemble(stories: list[StoryInput], docs: Iterable, check: Callable[[], None]) -> list[StoryRecord]:
    """Build each piece's record as it comes, and join a story's pieces when its last one is in."""
    built: dict[int, StoryRecord] = {}
    parts: dict[int, list[tuple[int, StoryRecord]]] = {}
    datelines: dict[int, DatelineValues | None] = {}
    for doc, (index, start, last) in docs:
        check()
        story = stories[index]
        if start == 0:
            datelines[index] = doc._.dateline
        else:
            doc._.dateline = datelines[index]  # later pieces resolve relative dates against it too
        if not last:
            doc._.credit = None  # the sign-off ends the story
        record = build_record(doc, story.meta)
        if start == 0 and last:
            built[index] = record
            continue
        parts.setdefault(index, []).append((start, record))
        if last:
            built[index] = merge_pieces(story, parts.pop(index), datelines[index])
    return [built[index] for index in range(len(stories))]


def merge_pieces(story: StoryInput, pieces: list[tuple[int, StoryRecord]], dateline) -> StoryRecord:
    """One record from the records of a story's pieces (each with its piece's offset in the whole text):
    offsets moved into the whole text, officials and organizations found in several pieces joined by name."""
    officials: dict[str, Official] = {}
    organizations: dict[str, Organization] = {}
    amounts, dates, credit = [], [], None
    for offset, record in pieces:
        for mention in iter_mentions(record):
            mention.start += offset
            mention.end += offset
        for items, by_name in ((record.officials, officials), (record.organizations, organizations)):
            for item in items:
                if item.name in by_name:
                    by_name[item.name].mentions.extend(item.mentions)
                else:
                    by_name[item.name] = item
        amounts.extend(record.amounts)
        dates.extend(record.dates)
        credit = record.credit or credit
    return StoryRecord(
        id=story.id,
        text=story.text,
        published=story.published,
        dateline=dateline,
        credit=credit,
        officials=list(officials.values()),
        organizations=list(organizations.values()),
        amounts=amounts,
        dates=dates,
        meta=story.meta or None,
    )


def _too_long(item: StoryInput | ErrorRecord, limits: Limits) -> StoryInput | ErrorRecord:
    if isinstance(item, StoryInput) and len(item.text) > limits.max_chars:
        return error_record(
            item.id, "too_long", f"{len(item.text):,} characters, over the limit of {limits.max_chars:,} (--max-chars)",
            item.meta,
        )
    return item


def _extract_alone(nlp: Language, story: StoryInput, limits: Limits) -> Outcome:
    """One story on its own: its record, or an error record when it fails or runs out of time."""
    try:
        [record] = _extract_stories(nlp, [story], limits.story_timeout)
        return record
    except StoryTimeout:
        return error_record(
            story.id, "timeout", f"extraction took longer than {limits.story_timeout:g} s (--story-timeout)", story.meta
        )
    except Exception as exc:  # one broken story must never stop the batch
        return error_record(story.id, "extraction", f"{type(exc).__name__}: {exc}", story.meta)


def extract_batch(nlp: Language, batch: list[StoryInput | ErrorRecord], limits: Limits = Limits()) -> list[Outcome]:
    """Records for one batch, in the batch's order, as one nlp.pipe stream of pieces.

    The batch as a whole gets one story's time limit. When it fails or runs out of time, its stories are
    redone one by one, each with its own limit, so that only the culprit becomes an error record.
    """
    items = [_too_long(item, limits) for item in batch]
    stories = [item for item in items if isinstance(item, StoryInput)]
    if not stories:
        return items
    try:
        records = _extract_stories(nlp, stories, limits.story_timeout)
    except (Exception, StoryTimeout):
        records = [_extract_alone(nlp, story, limits) for story in stories]
    built = iter(records)
    return [item if isinstance(item, ErrorRecord) else next(built) for item in items]


def extract(
    nlp: Language,
    items: Iterable[StoryInput | ErrorRecord],
    batch_size: int = DEFAULT_BATCH_SIZE,
    limits: Limits = Limits(),
) -> Iterator[Outcome]:
    """Records for `items`, lazily, in input order; stories are processed `batch_size` at a time."""
    for batch in batches(items, batch_size):
        yield from extract_batch(nlp, batch, limits)
