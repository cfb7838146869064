"""Token tests that depend only on a token's text, kept as lexeme flags so the Matcher checks them in C.

spaCy's Matcher runs a Python predicate for each {"IN": [...]}, {"NOT_IN": [...]}, {"REGEX": ...} and
custom-attribute test of a pattern, on every token it tries. Whether "dlrs" is in a word list, whether
"10/31/74" has a date's shape or what role "mln" plays in an amount never changes, so such a test can be
a flag of the vocabulary (`Vocab.add_flag`): computed once per distinct word, when spaCy first meets it,
then read by the Matcher as it reads IS_DIGIT. A vocabulary has 45 spare flag bits (FLAG19 to FLAG63); the
tests the Matcher runs on the most tokens get them (see `allocate`), the others stay predicates. The matches
are the same either way.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable

from spacy.attrs import IDS
from spacy.errors import MatchPatternError
from spacy.schemas import validate_token_pattern
from spacy.vocab import Vocab

SPARE_FLAGS = tuple(range(IDS["FLAG19"], IDS["FLAG63"] + 1))
TEXT_ATTRS = {"TEXT": "ORTH", "ORTH": "ORTH", "LOWER": "LOWER"}
TEXT_PREDICATES = frozenset({"IN", "NOT_IN", "REGEX"})
TextRole = Callable[[str], str | None]


class TextTest:
    """A test of a word's text: whether its `attr` (ORTH, LOWER, or a custom attribute computed from the
    text by `role`) passes `predicates` ({"IN": [...]}, {"NOT_IN": [...]}, {"REGEX": ...}, or an equal
    value). Kept in the vocabulary's `lex_attr_getters`, it runs on every word the vocabulary meets, so
    the common one-predicate tests are single set or regex calls; it pickles with the vocabulary."""

    def __init__(self, key: str, attr: str, predicates: dict | str, role: TextRole | None = None):
        self.key, self.attr, self.predicates, self.role = key, attr, predicates, role
        if not isinstance(predicates, dict):
            predicates = {"IN": [predicates]}
        members = frozenset(predicates["IN"]) if "IN" in predicates else None
        excluded = frozenset(predicates.get("NOT_IN", ()))
        regex = re.compile(predicates["REGEX"]) if "REGEX" in predicates else None
        if set(predicates) == {"IN"}:
            self.passes = members.__contains__
        elif set(predicates) == {"NOT_IN"}:
            self.passes = lambda value: value not in excluded
        elif set(predicates) == {"REGEX"}:
            self.passes = lambda value: regex.search(value) is not None
        else:
            self.passes = lambda value: (
                (members is None or value in members) and value not in excluded
                and (regex is None or regex.search(value) is not None)
            )

    def __call__(self, text: str) -> bool:
        if self.role is not None:
            return self.passes(self.role(text) or "")
        return self.passes(text.lower() if self.attr == "LOWER" else text)

    def __reduce__(self):
        return TextTest, (self.key, self.attr, self.predicates, self.role)


class LexemeFlags:
    """Rewrites patterns so that their text tests read lexeme flags. `roles` names the custom token
    attributes that are a function of the token's text only ({"amount_part": role_of})."""

    def __init__(self, vocab: Vocab, roles: dict[str, TextRole] | None = None):
        self.vocab = vocab
        self.roles = roles or {}

    def allocate(self, patterns: Iterable[list[dict]], most: int | None = None) -> None:
        """Give flags to the text tests of `patterns`, at most `most` new ones and as many as the vocabulary
        has spare bits for, the tests that run on the most tokens first. The Matcher reads a custom attribute
        compared to a value ({"_": {"amount_part": "UNIT"}}) on every token, and tries a pattern's first token
        at every token; other tests run only where a pattern's beginning has matched. Within each rank, the
        most used first."""
        patterns = list(patterns)
        tests = {key: test for pattern in patterns for spec in pattern for key, test in self._tests(spec)}
        uses = Counter(key for pattern in patterns for spec in pattern for key, _ in self._tests(spec))
        entries = {key for pattern in patterns for spec in _entry_specs(pattern) for key, _ in self._tests(spec)}
        read_everywhere = {key for key, test in tests.items() if test.role is not None and isinstance(test.predicates, str)}

        def rank(key: str) -> int:
            return 0 if key in read_everywhere else 1 if key in entries else 2

        added = 0
        for key, _ in sorted(uses.most_common(), key=lambda item: rank(item[0])):
            if self._existing_flag(key) is not None:
                continue
            if (most is not None and added >= most) or self._new_flag(tests[key]) is None:
                break
            added += 1

    def compile(self, pattern: list[dict]) -> list[dict]:
        """The pattern with each of its text tests that has a flag replaced by the flag."""
        return [self._rewritten(spec) for spec in pattern]

    def _tests(self, spec: dict) -> list[tuple[str, TextTest]]:
        """The text tests of one token spec, with their keys."""
        found = []
        for attr, value in spec.items():
            if attr in TEXT_ATTRS and isinstance(value, dict) and value and set(value) <= TEXT_PREDICATES:
                key = _key(TEXT_ATTRS[attr], value)
                found.append((key, TextTest(key, TEXT_ATTRS[attr], value)))
            elif attr == "_" and isinstance(value, dict):
                for name, predicates in value.items():
                    if name in self.roles and _is_text_predicate(predicates):
                        key = _key(f"_{name}", predicates)
                        found.append((key, TextTest(key, name, predicates, self.roles[name])))
        return found

    def _rewritten(self, spec: dict) -> dict:
        """The token spec with each of its flagged tests replaced by its flag."""
        rewritten: dict = {}
        for attr, value in spec.items():
            if attr == "_" and isinstance(value, dict):
                kept = {}
                for name, predicates in value.items():
                    flag = self._existing_flag(_key(f"_{name}", predicates)) if name in self.roles else None
                    if flag is None:
                        kept[name] = predicates
                    else:
                        rewritten[f"FLAG{flag}"] = True
                if kept:
                    rewritten["_"] = kept
                continue
            flag = self._existing_flag(_key(TEXT_ATTRS[attr], value)) if attr in TEXT_ATTRS and isinstance(value, dict) else None
            if flag is None:
                rewritten[attr] = value
            else:
                rewritten[f"FLAG{flag}"] = True
        return rewritten

    def _existing_flag(self, key: str) -> int | None:
        for flag, getter in self.vocab.lex_attr_getters.items():
            if isinstance(getter, TextTest) and getter.key == key:
                return flag
        return None

    def _new_flag(self, test: TextTest) -> int | None:
        """A spare bit of the vocabulary for `test`, or None when none is left."""
        spare = next((flag for flag in SPARE_FLAGS if flag not in self.vocab.lex_attr_getters), None)
        if spare is not None:
            self.vocab.add_flag(test, spare)
        return spare


def _entry_specs(pattern: list[dict]) -> list[dict]:
    """The token specs a match of `pattern` can begin with: the first one, and the first after only optional ones."""
    entries = []
    for spec in pattern:
        entries.append(spec)
        if spec.get("OP") not in ("?", "*"):
            break
    return entries


def validated(key: str, pattern: list[dict]) -> list[dict]:
    """`pattern`, checked as a Matcher with `validate=True` checks it (a Matcher cannot check a pattern that
    reads flags, so patterns are checked before their tests become flags)."""
    errors = validate_token_pattern(pattern)
    if errors:
        raise MatchPatternError(key, {0: errors})
    return pattern


def _is_text_predicate(predicates: object) -> bool:
    return isinstance(predicates, str) or (isinstance(predicates, dict) and bool(predicates) and set(predicates) <= TEXT_PREDICATES)


def _key(attr: str, predicates: object) -> str:
    return attr + json.dumps(predicates, sort_keys=True)
