"""From an annotated spaCy Doc to a StoryRecord (pure Python: no model calls here)."""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Doc

from wirefacts.components import story_text
from wirefacts.components.officials import TITLES_KEY, drafts_on
from wirefacts.amounts import amount_from_span
from wirefacts.dates import date_from_span
from wirefacts.lexicon import lexicon
from wirefacts.officials import official_records
from wirefacts.organizations import home_country, organization_entities, organization_record
from wirefacts.schema import Credit, Dateline, Mention, Official, Organization, StoryRecord


def reference_date(doc: Doc) -> dt.date | None:
    """The date relative expressions resolve against: published, else the dateline date, else None."""
    if doc._.published is not None:
        return doc._.published
    dateline = doc._.dateline
    if dateline is not None and dateline["date"]:
        return dt.date.fromisoformat(dateline["date"])
    return None


def dateline_record(doc: Doc) -> Dateline | None:
    """The record's dateline, from the plain values the dateline component wrote."""
    return Dateline(**doc._.dateline) if doc._.dateline is not None else None


def credit_record(doc: Doc) -> Credit | None:
    """The record's credit line, from the plain values the dateline component wrote."""
    return Credit(**doc._.credit) if doc._.credit is not None else None


def source_text(doc: Doc) -> str:
    """The story as it came in (the Doc may hold a copy with wrapped lines joined, of the same length)."""
    return story_text(doc)


def title_mention(doc: Doc, official: Official) -> Mention | None:
    """Where the official's title stands: its words inside a title span the officials component found ("chief
    executive" in "new chief executive"), the one nearest one of the official's mentions."""
    if not official.title or not official.mentions:
        return None
    words = re.compile(r"\s+".join(re.escape(word) for word in official.title.split()))
    found = [(span.start_char + m.start(), span.start_char + m.end())
             for span in doc.spans.get(TITLES_KEY, []) if (m := words.search(span.text))]
    if not found:
        return None
    start, end = min(found, key=lambda bounds: min(abs(bounds[0] - m.start) for m in official.mentions))
    return Mention(start=start, end=end, text=source_text(doc)[start:end])


def officials_and_organizations(doc: Doc) -> tuple[list[Official], list[Organization]]:
    """The story-level reasoning over the components' annotations: organization mentions linked into
    entities with their countries, then each official's organization and country."""
    lex = lexicon()
    home = home_country(doc, lex)
    entities = organization_entities(doc, lex, home)
    return official_records(doc, drafts_on(doc), entities, lex, home), [organization_record(e) for e in entities]


def build_record(doc: Doc, meta: dict | None = None) -> StoryRecord:
    text = source_text(doc)
    reference = reference_date(doc)
    amounts = [amount for span in doc.spans.get("amounts", []) if (amount := amount_from_span(span))]
    dates = [date for span in doc.spans.get("dates", []) if (date := date_from_span(span, reference))]
    officials, organizations = officials_and_organizations(doc)
    for official in officials:
        official.title_mention = title_mention(doc, official)
    for item in (*officials, *organizations):
        for mention in item.mentions:
            mention.text = text[mention.start : mention.end]
    for mention in (*amounts, *dates):
        mention.text = text[mention.start : mention.end]
    return StoryRecord(
        id=doc._.story_id,
        text=text,
        published=doc._.published.isoformat() if doc._.published else None,
        dateline=dateline_record(doc),
        credit=credit_record(doc),
        officials=officials,
        organizations=organizations,
        amounts=amounts,
        dates=dates,
        meta=meta or None,
    )
