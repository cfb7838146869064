"""Scoring predictions against gold per ANNOTATION.md version 2 ("How evaluate scores"): span, strict and
record levels, per type, micro-averaged.

Pure Python: this module never imports spaCy.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from dataclasses import dataclass, field
from typing import Any

from wirefacts.schema import LEVELS, TYPES, GoldStory, StoryRecord

ENTITY_TYPES = ("officials", "organizations")
MENTION_TYPES = ("amounts", "dates")
_ARTICLES = {"the", "a", "an"}


# --- normalization -------------------------------------------------------------------------------------------
# "Punctuation ignored" is read as: punctuation neither joins nor separates words, so "U.S." equals "US" and
# "Korea-Israel" equals "Korea Israel". The keys below are the remaining words run together.


def _words(text: str) -> list[str]:
    """Lowercased words of `text`, every character that is not a letter or digit acting as a break."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("\u2019", "'")
    return re.findall(r"[^\W_]+", text)


@lru_cache(maxsize=65536)
def name_key(name: str | None) -> str:
    """Entity and organization names compare with case, a leading "the", possessive "'s" and punctuation ignored."""
    if not name:
        return ""
    text = re.sub(r"'s\b", "", unicodedata.normalize("NFKC", name).replace("\u2019", "'"), flags=re.IGNORECASE)
    words = _words(text)
    if words and words[0] == "the":
        words = words[1:]
    return "".join(words)


def title_key(title: str | None) -> str:
    """Titles compare lowercased, with articles and punctuation dropped."""
    if not title:
        return ""
    return "".join(word for word in _words(title) if word not in _ARTICLES)


def _same_number(left: float | None, right: float | None) -> bool:
    if left is None or right is None:
        return left is None and right is None
    # Tight enough that 1,000,000,000,001 differs from 1e12; loose enough for float rounding (0.1 * 3).
    return math.isclose(left, right, rel_tol=1e-14, abs_tol=1e-6)


def _overlaps(a: Any, b: Any) -> bool:
    return a.start < b.end and b.start < a.end


def _overlap_length(a: Any, b: Any) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


# --- the tally -----------------------------------------------------------------------------------------------


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn

    def as_score(self) -> dict[str, float | int]:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "p": round(precision, 4),
            "r": round(recall, 4),
            "f": round(f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass
class Finding:
    """One miss, false alarm or wrong field, for people to read."""

    story: str
    type: str
    what: str  # "miss", "false alarm", "wrong field"
    gold: Any = None
    predicted: Any = None
    fields: list[str] = field(default_factory=list)  # for a wrong field: which ones

    def as_dict(self) -> dict[str, Any]:
        data = {"story": self.story, "type": self.type, "what": self.what, "gold": self.gold, "predicted": self.predicted}
        if self.fields:
            data["fields"] = self.fields
        return data


@dataclass
class Evaluation:
    tallies: dict[str, dict[str, Tally]] = field(
        default_factory=lambda: {kind: {level: Tally() for level in LEVELS} for kind in TYPES}
    )
    findings: list[Finding] = field(default_factory=list)
    stories: int = 0
    scored_types: set[str] = field(default_factory=set)

    def report(self) -> dict[str, dict[str, dict[str, float | int]]]:
        return {kind: {level: self.tallies[kind][level].as_score() for level in LEVELS} for kind in TYPES}


# --- matching ------------------------------------------------------------------------------------------------


def _match_mentions(gold: list, predicted: list, same: Any) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index) for which `same(g, p)` holds, largest overlap first."""
    candidates = (
        (-_overlap_length(g, p), gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(predicted) if same(g, p)
    )
    return _greedy_pairs(candidates)


def _greedy_pairs(candidates, used_pred: set[int] | None = None) -> list[tuple[int, int]]:
    """One-to-one pairs from (cost, gold index, predicted index) candidates, cheapest first."""
    used_gold: set[int] = set()
    used_pred = set() if used_pred is None else used_pred
    pairs = []
    for _, gi, pi in sorted(candidates):
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            pairs.append((gi, pi))
    return pairs


def _match_entities(gold: list, predicted: list) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Entity pairs in the spec's three steps, each step only among entities the earlier ones left unpaired.

    Returns (span pairs, strict pairs): strict pairs are those of the first step, matched by name.
    """
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    by_name = _pair_in_order(gold, predicted, used_gold, used_pred, lambda g, p: _same_name(g.name, p.name))
    by_mention_text = _pair_in_order(
        gold, predicted, used_gold, used_pred, lambda g, p: any(_same_name(m.text, p.name) for m in g.mentions)
    )
    candidates = (
        (-_shared_mentions(gold[gi], predicted[pi]), gi, pi)
        for gi in range(len(gold))
        for pi in range(len(predicted))
        if gi not in used_gold and pi not in used_pred and _shared_mentions(gold[gi], predicted[pi])
    )
    by_overlap = _greedy_pairs(candidates, used_pred)
    return by_name + by_mention_text + by_overlap, by_name


def _same_name(left: str | None, right: str | None) -> bool:
    key = name_key(left)
    return bool(key) and key == name_key(right)


def _pair_in_order(gold: list, predicted: list, used_gold: set[int], used_pred: set[int], same: Any) -> list[tuple[int, int]]:
    """Each unpaired gold entity, in order, takes the first unpaired prediction for which `same` holds."""
    pairs = []
    for gi, g in enumerate(gold):
        if gi in used_gold:
            continue
        found = next((pi for pi, p in enumerate(predicted) if pi not in used_pred and same(g, p)), None)
        if found is not None:
            used_gold.add(gi)
            used_pred.add(found)
            pairs.append((gi, found))
    return pairs


def _shared_mentions(gold_entity: Any, predicted_entity: Any) -> int:
    """How many (gold mention, predicted mention) pairs of the two entities overlap."""
    return sum(1 for gm in gold_entity.mentions for pm in predicted_entity.mentions if _overlaps(gm, pm))


# --- fields --------------------------------------------------------------------------------------------------


def _official_fields(item: Any) -> dict[str, Any]:
    return {"title": title_key(item.title), "organization": name_key(item.organization), "country": item.country}


def _organization_fields(item: Any) -> dict[str, Any]:
    return {"country": item.country}


def _amount_fields(item: Any) -> dict[str, Any]:
    return {
        "kind": item.kind,
        "value": item.value,
        "value_max": item.value_max,
        "currency": item.currency,
        "period": item.period,
    }


def _date_fields(item: Any) -> dict[str, Any]:
    return {"value": item.value}


FIELDS = {
    "officials": _official_fields,
    "organizations": _organization_fields,
    "amounts": _amount_fields,
    "dates": _date_fields,
}


def _wrong_fields(kind: str, gold: Any, predicted: Any) -> list[str]:
    """The record-level fields on which a span-matched prediction differs from its gold item."""
    gold_fields, predicted_fields = FIELDS[kind](gold), FIELDS[kind](predicted)
    wrong = []
    for name, gold_value in gold_fields.items():
        predicted_value = predicted_fields[name]
        if name in ("value", "value_max") and kind == "amounts":
            same = _same_number(gold_value, predicted_value)
        else:
            same = gold_value == predicted_value
        if not same:
            wrong.append(name)
    return wrong


def _describe(kind: str, item: Any) -> dict[str, Any]:
    if kind in ENTITY_TYPES:
        data = item.model_dump(exclude={"mentions"})
        data["mentions"] = [m.text for m in item.mentions]
        return data
    return item.model_dump()


# --- scoring -------------------------------------------------------------------------------------------------


def _without_ignored(predicted: list, gold: list, ignore: list[tuple[int, int]]) -> list:
    """Predictions that overlap an ignored span and no gold mention are neither right nor wrong."""
    if not ignore:
        return predicted
    spans = [_Span(start, end) for start, end in ignore]
    return [
        p
        for p in predicted
        if not (any(_overlaps(p, s) for s in spans) and not any(_overlaps(p, g) for g in gold))
    ]


@dataclass(frozen=True)
class _Span:
    start: int
    end: int


def score_story(evaluation: Evaluation, gold: GoldStory, predicted: StoryRecord | None) -> None:
    evaluation.stories += 1
    for kind in TYPES:
        gold_items = getattr(gold, kind)
        if gold_items is None:
            continue
        evaluation.scored_types.add(kind)
        predicted_items = list(getattr(predicted, kind) or []) if predicted is not None else []
        if kind in MENTION_TYPES:
            predicted_items = _without_ignored(predicted_items, gold_items, gold.ignore)
        _score_type(evaluation, gold.id, kind, gold_items, predicted_items)


def _score_type(evaluation: Evaluation, story_id: str, kind: str, gold: list, predicted: list) -> None:
    span, strict = _pairs(kind, gold, predicted)
    wrong = {(gi, pi): _wrong_fields(kind, gold[gi], predicted[pi]) for gi, pi in span}
    right = [pair for pair in span if not wrong[pair]]
    for level, pairs in (("span", span), ("strict", strict), ("record", right)):
        evaluation.tallies[kind][level].add(len(pairs), len(predicted) - len(pairs), len(gold) - len(pairs))
    _record_findings(evaluation, story_id, kind, gold, predicted, wrong)


def _pairs(kind: str, gold: list, predicted: list) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(span-level pairs, strict-level pairs) of gold and predicted indices."""
    if kind in ENTITY_TYPES:
        return _match_entities(gold, predicted)
    span = _match_mentions(gold, predicted, _overlaps)
    strict = _match_mentions(gold, predicted, lambda g, p: (g.start, g.end) == (p.start, p.end))
    return span, strict


def _record_findings(
    evaluation: Evaluation, story_id: str, kind: str, gold: list, predicted: list, wrong: dict[tuple[int, int], list[str]]
) -> None:
    """Every miss, false alarm and wrong field of one type in one story, for people to read."""
    matched_gold = {gi for gi, _ in wrong}
    matched_pred = {pi for _, pi in wrong}
    for gi, g in enumerate(gold):
        if gi not in matched_gold:
            evaluation.findings.append(Finding(story_id, kind, "miss", gold=_describe(kind, g)))
    for pi, p in enumerate(predicted):
        if pi not in matched_pred:
            evaluation.findings.append(Finding(story_id, kind, "false alarm", predicted=_describe(kind, p)))
    for (gi, pi), fields in wrong.items():
        if fields:
            evaluation.findings.append(
                Finding(story_id, kind, "wrong field", gold=_describe(kind, gold[gi]),
                        predicted=_describe(kind, predicted[pi]), fields=fields)  # fmt: skip
            )


def evaluate(gold: Iterable[GoldStory], predictions: dict[str, StoryRecord | None]) -> Evaluation:
    """Score every gold story against the prediction with the same id (a missing one finds nothing)."""
    evaluation = Evaluation()
    for story in gold:
        score_story(evaluation, story, predictions.get(story.id))
    return evaluation


@dataclass
class IdCoverage:
    """How the ids of the predictions meet those of the gold: only ids in common are scored as predicted."""

    gold: int
    predicted: int
    in_common: int
    only_predicted: list[str]  # ignored: no gold story to score them against
    no_prediction: list[str]  # scored as finding nothing


def id_coverage(gold: Iterable[GoldStory], predictions: dict[str, Any]) -> IdCoverage:
    gold_ids = [story.id for story in gold]
    known = set(gold_ids)
    return IdCoverage(
        gold=len(gold_ids),
        predicted=len(predictions),
        in_common=sum(1 for story_id in gold_ids if story_id in predictions),
        only_predicted=[story_id for story_id in predictions if story_id not in known],
        no_prediction=[story_id for story_id in gold_ids if story_id not in predictions],
    )


def below_threshold(evaluation: Evaluation, min_f1: float) -> list[str]:
    """The scored types whose record-level F1 is under `min_f1`."""
    report = evaluation.report()
    return [kind for kind in TYPES if kind in evaluation.scored_types and report[kind]["record"]["f"] < min_f1]
