"""Loading and validating the data in models/: gazetteers (TSV) and spaCy patterns (JSONL).

In every file a line starting with "#" is a comment, and "\\#" at the start of a line stands for "#".

Every error names the file and the line, so a broken word list is fixed in seconds.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable


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


@cache
def _load_patterns(relative: str) -> tuple[str, ...]:
    lines = []
    for number, line in _read_lines(relative):
        try:
            pattern = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ResourceError(f"models/{relative}:{number}: not JSON: {exc}") from exc
        if not isinstance(pattern, dict) or "label" not in pattern or "pattern" not in pattern:
            raise ResourceError(f"models/{relative}:{number}: a pattern needs 'label' and 'pattern'")
        lines.append(line)
    return tuple(lines)


def load_patterns(relative: str) -> list[dict]:
    """spaCy ruler patterns, one JSON object per line; a fresh copy each call (never mutate shared lists)."""
    return [json.loads(line) for line in _load_patterns(relative)]
