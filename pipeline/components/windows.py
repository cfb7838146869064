"""Running Matcher patterns only where they can match: on windows around the tokens that anchor them.

A Matcher tries every pattern at every token, and patterns that test custom attributes or long word lists
cost time on each. A story's amounts and dates sit in a small part of it. So each pattern gets an anchor:
the one of its required tokens whose text alone says whether the pattern could match there ("dlrs",
"pct", a month name, "10/31/74") and that is likely to be rarest (the component's `anchor_of` turns a
token spec into an `Anchor` with a cost). Patterns are grouped by anchor kind, one Matcher per group, and
a group runs only on merged windows that reach from each of its anchors as far as its patterns can reach.

The matches are those of the whole Doc (tests/test_windows.py checks it), with one bound: a pattern
whose length has no limit ("OP": "*") is taken to reach `max_reach` words from its anchor at most.
Given `flags`, the Matcher reads each pattern's text tests as lexeme flags (lexeme_flags.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np
from spacy.attrs import ORTH
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from wirefacts.components.lexeme_flags import LexemeFlags, validated

TextTest = Callable[[str], bool]
OPTIONAL = ("?", "*")
UNBOUNDED = ("*", "+")
EVERYWHERE = "everywhere"
VERDICTS_KEPT = 50_000  # distinct token texts whose anchor verdict a group remembers across Docs


@dataclass(frozen=True)
class Anchor:
    """What a token spec says of a token's text: one of `words` (lower case), a match of `regex` (of the
    text, or of its lower case), or a role among `roles` (of the matcher's `role_of`). `cost` ranks the
    anchors of one pattern: about how many of a story's tokens it is likely to open windows on."""

    group: str
    cost: float = 0.0
    words: frozenset[str] = frozenset()
    regex: str | None = None
    lower_regex: str | None = None
    roles: frozenset[str] = frozenset()


AnchorOf = Callable[[dict], "Anchor | None"]


class DocTexts:
    """A Doc's token texts as numpy arrays over its distinct texts: no Token object is made (the cost of
    iterating a Doc), and a test is asked once per distinct text."""

    def __init__(self, doc: Doc):
        self.doc = doc
        distinct, self.inverse = np.unique(doc.to_array(ORTH), return_inverse=True)
        strings = doc.vocab.strings
        self.texts = [strings[orth] for orth in distinct.tolist()]
        self.words = np.flatnonzero(~self.mask(str.isspace))  # positions of the tokens that are not space

    def mask(self, test: TextTest) -> np.ndarray:
        """For every token of the Doc, whether its text passes `test`."""
        return np.fromiter(map(test, self.texts), dtype=bool, count=len(self.texts))[self.inverse]

    def values(self, value_of: Callable[[str], int]) -> np.ndarray:
        """For every token of the Doc, the integer `value_of` its text."""
        return np.fromiter(map(value_of, self.texts), dtype=np.int64, count=len(self.texts))[self.inverse]


def windows(doc: Doc | DocTexts, is_anchor: TextTest, reach: tuple[int, int]) -> list[Span]:
    """Merged stretches of the Doc from `reach[0]` tokens before to `reach[1]` tokens after every token
    whose text is an anchor, counting only tokens that are not white space (a line break may fall inside
    a match)."""
    texts = doc if isinstance(doc, DocTexts) else DocTexts(doc)
    return windows_around(texts, texts.mask(is_anchor), reach)


def windows_around(texts: DocTexts, anchored: np.ndarray, reach: tuple[int, int]) -> list[Span]:
    """The windows of `windows`, around the tokens that `anchored` marks."""
    words = texts.words
    anchors = np.flatnonzero(anchored[words])  # ranks of the anchors among the words
    if not len(anchors):
        return []
    before, after = reach
    starts = words[np.maximum(anchors - before, 0)]
    ends = words[np.minimum(anchors + after, len(words) - 1)] + 1
    # both are non-decreasing: a window opens where its start passes the previous window's end
    opens = np.flatnonzero(starts[1:] > ends[:-1]) + 1
    firsts, lasts = np.concatenate(([0], opens)), np.concatenate((opens - 1, [len(ends) - 1]))
    return [texts.doc[start:end] for start, end in zip(starts[firsts].tolist(), ends[lasts].tolist())]


@dataclass
class _Group:
    """Patterns sharing one kind of anchor: their Matcher, the union of their anchors, their reach."""

    matcher: Matcher
    role_of: Callable[[str], str | None] | None
    words: set[str] = field(default_factory=set)
    regexes: set[str] = field(default_factory=set)
    lower_regexes: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)
    reach: tuple[int, int] = (0, 0)  # words a match can reach before and after its anchor
    _test: TextTest | None = None

    def take(self, anchor: Anchor, before: int, after: int) -> None:
        self.words |= anchor.words
        self.roles |= anchor.roles
        self.regexes |= {anchor.regex} if anchor.regex else set()
        self.lower_regexes |= {anchor.lower_regex} if anchor.lower_regex else set()
        self.reach = (max(self.reach[0], before), max(self.reach[1], after))
        self._test = None

    def is_anchor(self, text: str) -> bool:
        return self._compiled()(text)

    def _compiled(self) -> TextTest:
        if self._test is None:
            words, roles, role_of = frozenset(self.words), frozenset(self.roles), self.role_of
            regex = _alternation(self.regexes)
            lower_regex = _alternation(self.lower_regexes)

            def test(text: str) -> bool:
                lower = text.lower()
                return (
                    lower in words
                    or (regex is not None and regex.search(text) is not None)
                    or (lower_regex is not None and lower_regex.search(lower) is not None)
                    or (bool(roles) and role_of is not None and role_of(text) in roles)
                )

            self._test = test
        return self._test


def _alternation(patterns: set[str]) -> re.Pattern | None:
    return re.compile("|".join(f"(?:{pattern})" for pattern in sorted(patterns))) if patterns else None


class AnchoredMatcher:
    """Matcher patterns run on windows around their anchors; called like a Matcher on a whole Doc."""

    def __init__(
        self,
        vocab: Vocab,
        anchor_of: AnchorOf,
        max_reach: int = 1_000,
        role_of: Callable[[str], str | None] | None = None,
        flags: LexemeFlags | None = None,
        validate: bool = False,
        **matcher_options,
    ):
        self.vocab = vocab
        self.anchor_of = anchor_of
        self.max_reach = max_reach  # the farthest a match reaches from its anchor, when its pattern allows more
        self.role_of = role_of
        self.flags = flags  # text tests the Matcher reads as lexeme flags (their patterns are checked here)
        self.validate = validate
        self.matcher_options = matcher_options
        self.groups: dict[str, _Group] = {}
        self._anchor_bits: dict[str, int] = {}  # per token text, a bit for each group it anchors

    def add(self, key: str, patterns: Iterable[list[dict]], **options) -> None:
        for pattern in patterns:
            if self.validate:
                validated(key, pattern)
            anchor, at = self._anchor(pattern)
            name = anchor.group if anchor is not None else EVERYWHERE
            group = self.groups.get(name)
            if group is None:
                group = self.groups[name] = _Group(Matcher(self.vocab, validate=False, **self.matcher_options), self.role_of)
            group.matcher.add(key, [self.flags.compile(pattern) if self.flags else pattern], **options)
            if anchor is not None:
                group.take(anchor, self._length(pattern[:at]), self._length(pattern[at + 1 :]))
        self._anchor_bits.clear()

    def _anchor(self, pattern: list[dict]) -> tuple[Anchor | None, int]:
        """The pattern's cheapest anchor among its required tokens, and its position."""
        found = []
        for at, spec in enumerate(pattern):
            if spec.get("OP") not in OPTIONAL:
                anchor = self.anchor_of({key: value for key, value in spec.items() if key != "OP"})
                if anchor is not None:
                    found.append((anchor.cost, at, anchor))
        if not found:
            return None, 0
        _, at, anchor = min(found, key=lambda item: item[:2])
        return anchor, at

    def _length(self, specs: list[dict]) -> int:
        """The most words (tokens other than white space) that `specs` can match."""
        if any(spec.get("OP") in UNBOUNDED for spec in specs):
            return self.max_reach
        return min(self.max_reach, sum(not _only_space(spec) for spec in specs))

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        """(match id, start, end) of every match in `doc`, as `Matcher(doc)` would give them."""
        matches: list[tuple[int, int, int]] = []
        texts = DocTexts(doc)
        bits = None
        for bit, (name, group) in enumerate(self.groups.items()):
            if name == EVERYWHERE:
                matches.extend(group.matcher(doc))
                continue
            if bits is None:
                bits = texts.values(self._bits_of)
            for window in windows_around(texts, (bits & (1 << bit)) != 0, group.reach):
                offset = window.start
                matches.extend((match_id, offset + start, offset + end) for match_id, start, end in group.matcher(window))
        return matches

    def _bits_of(self, text: str) -> int:
        """A bit for each group whose anchor `text` is (by the groups' order), remembered across Docs."""
        found = self._anchor_bits.get(text)
        if found is None:
            if len(self._anchor_bits) > VERDICTS_KEPT:
                self._anchor_bits.clear()
            found = self._anchor_bits[text] = sum(
                1 << bit for bit, group in enumerate(self.groups.values()) if group.is_anchor(text)
            )
        return found


def _only_space(spec: dict) -> bool:
    return spec.get("IS_SPACE") is True


# --- anchors that components share -------------------------------------------------------------------------

WORD_ATTRS = ("LOWER", "ORTH", "TEXT")


def word_anchor(spec: dict, group: str, is_stop: Callable[[str], bool]) -> Anchor | None:
    """The anchor of a token spec naming words ({"LOWER": "dlrs"}, {"LOWER": {"IN": [...]}}), costing the
    number of stop words and punctuation marks among them; None when all are (a window on every "the" or
    "," is the story)."""
    for attr in WORD_ATTRS:
        value = spec.get(attr)
        words = [value] if isinstance(value, str) else value.get("IN") if isinstance(value, dict) else None
        if not words:
            continue
        stops = sum(is_stop(word.lower()) or not any(ch.isalnum() for ch in word) for word in words)
        if stops < len(words):
            return Anchor(group, cost=stops, words=frozenset(word.lower() for word in words))
    return None


def regex_anchor(spec: dict, group: str, cost: float) -> Anchor | None:
    """The anchor of a token spec given by a regular expression ({"TEXT": {"REGEX": "^\\d{4}$"}})."""
    for attr in WORD_ATTRS:
        value = spec.get(attr)
        if isinstance(value, dict) and "REGEX" in value:
            if attr == "LOWER":
                return Anchor(group, cost=cost, lower_regex=value["REGEX"])
            return Anchor(group, cost=cost, regex=value["REGEX"])
    return None
