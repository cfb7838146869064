"""Running the pipeline over a stream of stories: one record or error record per story, in input order."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
import re

from spacy.language import Language
from spacy.tokens import Doc

from wirefacts.batching import DEFAULT_BATCH_SIZE, batches
from wirefacts.io import error_record
from wirefacts.records import build_record
from wirefacts.schema import ErrorRecord, Official, Organization, StoryInput, StoryRecord, iter_mentions

Outcome = StoryRecord | ErrorRecord


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


def _process_one(nlp: Language, story: StoryInput) -> Outcome:
    try:
        if len(story.text) > nlp.max_length:
            return _process_long(nlp, story)
        doc = nlp(make_doc(nlp, story))
        return build_record(doc, story.meta)
    except Exception as exc:  # one broken story must never stop the batch
        return error_record(story.id, "extraction", f"{type(exc).__name__}: {exc}", story.meta)


def _piece_bounds(text: str, limit: int) -> list[tuple[int, int]]:
    """Cut a text longer than spaCy's max_length into pieces of at most `limit` characters, at paragraph,
    line or sentence ends where possible, so that no fact is cut in two."""
    bounds, start = [], 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = max(window.rfind("\n\n"), window.rfind("\n"), window.rfind(". "))
        cut = cut + 1 if cut > limit // 2 else limit
        bounds.append((start, start + cut))
        start += cut
    bounds.append((start, len(text)))
    return bounds


def _process_long(nlp: Language, story: StoryInput) -> StoryRecord:
    """A story over nlp.max_length: every piece is extracted, offsets are moved back into the whole text, and
    entities found in several pieces are joined by name. Nothing is truncated."""
    pieces = _piece_bounds(story.text, nlp.max_length)
    records = []
    dateline = None
    for index, (start, end) in enumerate(pieces):
        doc = nlp(make_doc(nlp, story.model_copy(update={"text": story.text[start:end]})))
        if index == 0:
            dateline = doc._.dateline
        else:
            doc._.dateline = dateline  # later pieces resolve relative dates against the story's dateline too
        if index < len(pieces) - 1:
            doc._.credit = None  # the sign-off ends the story
        records.append((start, build_record(doc)))
    return merge_pieces(story, records, dateline)


def merge_pieces(story: StoryInput, pieces: list[tuple[int, StoryRecord]], dateline) -> StoryRecord:
    """One record from the records of a story's pieces (each with its piece's offset in the whole text)."""
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


def extract_batch(nlp: Language, batch: list[StoryInput | ErrorRecord]) -> list[Outcome]:
    """Records for one batch, as one nlp.pipe call, in the batch's order.

    Strings and lexemes that the batch adds to the vocabulary are freed when it is done, so a run over
    millions of stories keeps a flat vocabulary (no Doc outlives the zone: records are built inside it).
    """
    with nlp.memory_zone():
        return _process_batch_in_zone(nlp, batch)


def _process_batch_in_zone(nlp: Language, batch: list[StoryInput | ErrorRecord]) -> list[Outcome]:
    stories = [item for item in batch if isinstance(item, StoryInput)]
    if any(len(story.text) > nlp.max_length for story in stories):
        return [item if isinstance(item, ErrorRecord) else _process_one(nlp, item) for item in batch]
    try:
        docs = nlp.pipe((make_doc(nlp, story) for story in stories), batch_size=max(1, len(stories)))
        built = {id(story): build_record(doc, story.meta) for story, doc in zip(stories, docs, strict=True)}
    except Exception:
        # Something in the batch failed: redo its stories one by one so only the culprit becomes an error.
        built = {id(story): _process_one(nlp, story) for story in stories}
    return [item if isinstance(item, ErrorRecord) else built[id(item)] for item in batch]


def extract(
    nlp: Language, items: Iterable[StoryInput | ErrorRecord], batch_size: int = DEFAULT_BATCH_SIZE
) -> Iterator[Outcome]:
    """Records for `items`, lazily, in input order; stories are processed `batch_size` at a time."""
    for batch in batches(items, batch_size):
        yield from extract_batch(nlp, batch)
