"""Loading and validating the data in models/: gazetteers (TSV) and spaCy patterns (JSONL).

In every file a line starting with "#" is a comment, and "\\#" at the start of a line stands for "#".

Every error names the file and the line, so a broken word list is fixed in seconds.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from spacy.schemas import validate_token_pattern


class ResourceError(ValueError):
    """A file in models/ is missing or malformed."""


def models_dir() -> Traversable:
    """The models/ folder, wherever the package is installed (wheel or editable)."""
    return files("wirefacts.models")


def _read_lines(relative: str) -> list[tuple[int, str]]:
    path = models_dir().joinpath(relative)
    try:
        content = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ResourceError(f"models/{relative}: file not found") from exc
    # "#" starts a comment; a line that must begin with "#" (MEANTIME writes the pound sign so) begins "\#".
    return [
        (number, line[1:] if line.startswith("\\#") else line)
        for number, line in enumerate(content.splitlines(), start=1)
        if line.strip() and not line.lstrip().startswith("#")
    ]


@cache
def load_tsv(relative: str, columns: int) -> tuple[tuple[str, ...], ...]:
    """Rows of a tab-separated gazetteer; '#' lines are comments; each row must have `columns` fields."""
    rows = []
    for number, line in _read_lines(relative):
        fields = tuple(field.strip() for field in line.split("\t"))
        if len(fields) != columns or not all(fields[:1]):
            raise ResourceError(
                f"models/{relative}:{number}: expected {columns} tab-separated fields, got {len(fields)}: {line!r}"
            )
        rows.append(fields)
    return tuple(rows)


def load_words(relative: str) -> frozenset[str]:
    """A one-column word list, lowercased."""
    return frozenset(row[0].lower() for row in load_tsv(relative, 1))


class PatternLine(BaseModel):
    """One line of a models/patterns/*.jsonl file: a spaCy Matcher pattern with its label and optional id.

    Token attributes may name a word list instead of listing its words, in one placeholder syntax:
    {"LOWER": {"SET": "month"}} stands for {"LOWER": {"IN": [the words of "month"]}}, and
    {"LOWER": {"NOT_IN": {"SET": "month"}}} for {"LOWER": {"NOT_IN": [...]}}. The component that loads the
    file says which lists it knows (`sets`)."""

    model_config = ConfigDict(extra="forbid")

    label: str = Field(min_length=1, description="The match label (or the component's kind of match).")
    id: str | None = Field(default=None, description="A name for the pattern, e.g. the shape it reads.")
    pattern: list[dict] = Field(min_length=1, description="spaCy Matcher token specs.")


@cache
def _load_patterns(relative: str) -> tuple[tuple[int, dict], ...]:
    """Each line of a pattern file, checked against `PatternLine` once: (line number, entry)."""
    lines = []
    for number, line in _read_lines(relative):
        where = f"models/{relative}:{number}"
        try:
            entry = PatternLine.model_validate_json(line)
        except ValidationError as exc:
            problems = "; ".join(f"{'.'.join(map(str, error['loc'])) or 'line'}: {error['msg']}" for error in exc.errors())
            raise ResourceError(f"{where}: {problems}") from exc
        lines.append((number, entry.model_dump(exclude_none=True)))
    return tuple(lines)


def load_patterns(relative: str, sets: Mapping[str, Iterable[str]] | None = None) -> list[dict]:
    """The pattern lines of a models/patterns file, placeholders filled from `sets`, each token spec checked
    by spaCy's own pattern schema; every error names the file and the line. A fresh copy each call."""
    entries = []
    for number, cached in _load_patterns(relative):
        where = f"models/{relative}:{number}"
        entry = copy.deepcopy(cached)  # never hand out the cached lists
        entry["pattern"] = [_filled(spec, sets or {}, where) for spec in entry["pattern"]]
        errors = validate_token_pattern(entry["pattern"])
        if errors:
            raise ResourceError(f"{where}: {'; '.join(errors)}")
        entries.append(entry)
    return entries


def _filled(spec: dict, sets: Mapping[str, Iterable[str]], where: str) -> dict:
    filled = dict(spec)
    for attr, value in spec.items():
        if not isinstance(value, dict):
            continue
        lowercase = attr in ("LOWER", "NORM")
        if "SET" in value:
            filled[attr] = {"IN": _set_words(value["SET"], sets, lowercase, where)}
        elif isinstance(value.get("NOT_IN"), dict) and "SET" in value["NOT_IN"]:
            filled[attr] = {"NOT_IN": _set_words(value["NOT_IN"]["SET"], sets, lowercase, where)}
    return filled


def _set_words(name: str, sets: Mapping[str, Iterable[str]], lowercase: bool, where: str) -> list[str]:
    if name not in sets:
        known = ", ".join(sorted(sets)) or "none"
        raise ResourceError(f"{where}: unknown word list {name!r} in a {{\"SET\": ...}} placeholder (known: {known})")
    return sorted({word.lower() if lowercase else word for word in sets[name]})
