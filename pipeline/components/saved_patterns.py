"""What every component that holds Matcher patterns shares: they are saved with the pipeline
(`nlp.to_disk` writes them, `spacy.load` reads them back) and can be replaced at `initialize(patterns=...)`."""

from __future__ import annotations

from pathlib import Path

import srsly
from spacy.language import Language

PATTERNS_FILE = "patterns.jsonl"


class SavedPatterns:
    """A mixin for a component with `self.patterns` and `self._build(patterns)`."""

    patterns: list[dict]

    def _build(self, patterns: list[dict]) -> None:  # pragma: no cover - each component builds its matcher
        raise NotImplementedError

    def initialize(self, get_examples=None, *, nlp: Language | None = None, patterns: list[dict] | None = None) -> None:
        if patterns is not None:
            self._build(patterns)

    def to_disk(self, path, exclude=tuple()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_jsonl(path / PATTERNS_FILE, self.patterns)

    def from_disk(self, path, exclude=tuple()):
        self._build(list(srsly.read_jsonl(Path(path) / PATTERNS_FILE)))
        return self
