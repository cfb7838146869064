"""From an annotated spaCy Doc to a StoryRecord (pure Python: no model calls here)."""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc

from pipeline.amounts import amount_from_span
from pipeline.dates import date_from_span
from pipeline.schema import StoryRecord


def reference_date(doc: Doc) -> dt.date | None:
    """The date relative expressions resolve against: published, else the dateline date, else None."""
    if doc._.published is not None:
        return doc._.published
    dateline = doc._.dateline
    if dateline is not None and dateline.date:
        return dt.date.fromisoformat(dateline.date)
    return None


def build_record(doc: Doc, meta: dict | None = None) -> StoryRecord:
    reference = reference_date(doc)
    amounts = [amount for span in doc.spans.get("amounts", []) if (amount := amount_from_span(span))]
    dates = [date for span in doc.spans.get("dates", []) if (date := date_from_span(span, reference))]
    return StoryRecord(
        id=doc._.story_id,
        text=doc.text,
        published=doc._.published.isoformat() if doc._.published else None,
        dateline=doc._.dateline,
        credit=doc._.credit,
        officials=doc._.officials or [],
        organizations=doc._.organizations or [],
        amounts=amounts,
        dates=dates,
        meta=meta or None,
    )
