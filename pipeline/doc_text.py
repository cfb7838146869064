"""A Doc's text, made once: spaCy rebuilds `doc.text` from every token on each call. A module of its own, so
that the rule modules the components import (amounts, dates) can use it without an import cycle."""

from __future__ import annotations

from spacy.tokens import Doc

TEXT_KEY = "wirefacts_text"


def doc_text(doc: Doc) -> str:
    """The Doc's own text, kept in `doc.user_data` once made."""
    if TEXT_KEY not in doc.user_data:
        doc.user_data[TEXT_KEY] = doc.text
    return doc.user_data[TEXT_KEY]


def story_text(doc: Doc) -> str:
    """The story's text, of the Doc's length: as the runner gave it, else the Doc's own."""
    source = doc._.source_text if doc.has_extension("source_text") else None
    return source if source is not None else doc_text(doc)
