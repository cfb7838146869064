"""wirefacts.evaluate agrees with the independent v2 scorer in tests/v2_reference.py.

On hand-made edge cases the two must agree exactly and with the answer worked out by hand; on the
development gold (../shared/corpora/wirefacts_dev) within 0.01 F1 per type and level, against
perturbed copies of the gold (fast) and against the extractor's own predictions (loads the model).
"""

from __future__ import annotations

import copy
import json
import random

import pytest

from tests import v2_reference
from tests.conftest import ROOT
from wirefacts.evaluate import evaluate
from wirefacts.schema import GoldStory, StoryRecord

DEV_GOLD = ROOT.parent / "shared" / "corpora" / "wirefacts_dev" / "gold.jsonl"
TOLERANCE = 0.01

TEXT = "CHICAGO, March 27 - Acme Corp's chairman John Smith said the U.S. Treasury's plan cost 5 mln dlrs. Reuters"


def at(text: str, occurrence: int = 1) -> dict:
    start = -1
    for _ in range(occurrence):
        start = TEXT.index(text, start + 1)
    return {"start": start, "end": start + len(text), "text": text}


def ours(gold_lines: list[dict], predicted_lines: list[dict]) -> dict:
    gold = [GoldStory.model_validate(line) for line in gold_lines]
    predictions = {line["id"]: StoryRecord.model_validate(line) for line in predicted_lines}
    return evaluate(gold, predictions).report()


def counts(report: dict) -> dict:
    return {(kind, level): (s["tp"], s["fp"], s["fn"]) for kind, levels in report.items() for level, s in levels.items()}


def assert_agree(gold_lines: list[dict], predicted_lines: list[dict], exactly: bool) -> None:
    mine, reference = ours(gold_lines, predicted_lines), v2_reference.score(gold_lines, predicted_lines)
    if exactly:
        assert counts(mine) == counts(reference)
    for kind in mine:
        for level in mine[kind]:
            assert abs(mine[kind][level]["f"] - reference[kind][level]["f"]) <= TOLERANCE, (kind, level)


# --- hand-made edge cases: both scorers give the hand-worked counts ----------------------------------------

ACME = {"name": "Acme Corp", "country": None, "mentions": [at("Acme Corp")]}
TREASURY = {"name": "U.S. Treasury", "country": "US", "mentions": [at("U.S. Treasury")]}
REUTERS = {"name": "Reuters", "country": None, "mentions": [at("Reuters")]}
SMITH = {"name": "John Smith", "title": "chairman", "organization": "Acme Corp", "country": None,
         "mentions": [at("John Smith")]}  # fmt: skip
MONEY = at("5 mln dlrs") | {"kind": "money", "value": 5000000, "value_max": None, "currency": "USD", "period": None}
DATELINE = at("March 27") | {"value": "1987-03-27", "granularity": "day"}


def line(**types) -> dict:
    return {"id": "s1", "text": TEXT, "published": "1987-03-27", **types}


CASES = {
    "perfect": (
        line(officials=[SMITH], organizations=[ACME, TREASURY, REUTERS], amounts=[MONEY], dates=[DATELINE]),
        line(officials=[SMITH], organizations=[ACME, TREASURY, REUTERS], amounts=[MONEY], dates=[DATELINE]),
        {("officials", "record"): (1, 0, 0), ("organizations", "record"): (3, 0, 0), ("dates", "strict"): (1, 0, 0)},
    ),
    "name differs only by case, 'the', possessive and punctuation": (
        line(organizations=[TREASURY]),
        line(organizations=[TREASURY | {"name": "the US Treasury's", "mentions": [at("Reuters")]}]),
        {("organizations", "strict"): (1, 0, 0), ("organizations", "record"): (1, 0, 0)},
    ),
    "predicted name equal to a gold mention text": (
        line(organizations=[TREASURY | {"name": "Treasury Department"}]),
        line(organizations=[TREASURY | {"name": "U.S. Treasury", "mentions": [at("Reuters")]}]),
        {("organizations", "span"): (1, 0, 0), ("organizations", "strict"): (0, 1, 1)},
    ),
    "overlapping mentions only": (
        line(organizations=[ACME]),
        line(organizations=[{"name": "Acme", "country": "US", "mentions": [at("Acme")]}]),
        {("organizations", "span"): (1, 0, 0), ("organizations", "strict"): (0, 1, 1), ("organizations", "record"): (0, 1, 1)},
    ),
    "official with a wrong title": (
        line(officials=[SMITH]),
        line(officials=[SMITH | {"title": "Corp's chairman"}]),
        {("officials", "span"): (1, 0, 0), ("officials", "record"): (0, 1, 1)},
    ),
    "official title and organization equal after normalizing": (
        line(officials=[SMITH]),
        line(officials=[SMITH | {"title": "The Chairman", "organization": "ACME CORP."}]),
        {("officials", "record"): (1, 0, 0)},
    ),
    "empty gold list is scored, absent key is not": (
        line(officials=[]),
        line(officials=[SMITH], amounts=[MONEY]),
        {("officials", "span"): (0, 1, 0), ("amounts", "span"): (0, 0, 0)},
    ),
    "prediction on an ignored span and no gold mention": (
        line(amounts=[], ignore=[[at("5 mln")["start"], at("5 mln")["end"]]]),
        line(amounts=[MONEY]),
        {("amounts", "span"): (0, 0, 0)},
    ),
    "prediction on an ignored span that overlaps a gold mention still counts": (
        line(amounts=[MONEY], ignore=[[at("5 mln")["start"], at("5 mln")["end"]]]),
        line(amounts=[MONEY | {"currency": "CAD"}]),
        {("amounts", "span"): (1, 0, 0), ("amounts", "record"): (0, 1, 1)},
    ),
    "overlapping date with another offset is span and record, not strict": (
        line(dates=[DATELINE]),
        line(dates=[at("March") | {"value": "1987-03-27", "granularity": "day"}]),
        {("dates", "span"): (1, 0, 0), ("dates", "strict"): (0, 1, 1), ("dates", "record"): (1, 0, 0)},
    ),
    "one gold item cannot match two predictions": (
        line(dates=[DATELINE]),
        line(dates=[at("27") | {"value": "1987-03-27", "granularity": "day"}, DATELINE]),
        {("dates", "span"): (1, 1, 0), ("dates", "strict"): (1, 1, 0), ("dates", "record"): (1, 1, 0)},
    ),
    "amounts one unit apart differ": (
        line(amounts=[MONEY]),
        line(amounts=[MONEY | {"value": 5000001}]),
        {("amounts", "record"): (0, 1, 1)},
    ),
    "story without a prediction": (
        line(officials=[SMITH], dates=[DATELINE]),
        {"id": "other", "text": TEXT},
        {("officials", "span"): (0, 0, 1), ("dates", "record"): (0, 0, 1)},
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_edge_case_agrees_with_the_reference_and_the_hand_count(name):
    gold_line, predicted_line, expected = CASES[name]
    mine, reference = counts(ours([gold_line], [predicted_line])), counts(v2_reference.score([gold_line], [predicted_line]))
    assert mine == reference
    for key, value in expected.items():
        assert mine[key] == value, key


# --- the development gold ------------------------------------------------------------------------------------

needs_dev_gold = pytest.mark.skipif(not DEV_GOLD.is_file(), reason=f"{DEV_GOLD} is not there")


@pytest.fixture(scope="module")
def dev_gold() -> list[dict]:
    return [json.loads(raw) for raw in DEV_GOLD.read_text(encoding="utf-8").splitlines() if raw.strip()]


def _perturbed(story: dict, rng: random.Random) -> dict:
    """A prediction made from a gold line by the kinds of error an extractor makes."""
    predicted = {"id": story["id"], "text": story["text"], "published": story["published"]}
    for kind in v2_reference.TYPES:
        items = []
        for item in copy.deepcopy(story[kind]):
            roll = rng.random()
            if roll < 0.1:
                continue  # a miss
            if kind in ("officials", "organizations"):
                if roll < 0.2 and len(item["mentions"]) > 1:
                    item["name"] = rng.choice(item["mentions"])["text"]  # named by a short form
                elif roll < 0.3:
                    item["name"] = item["name"].upper() + "."
                elif roll < 0.4:
                    item["country"] = None if item["country"] else "US"
                elif roll < 0.5 and kind == "officials":
                    item["title"] = None
                elif roll < 0.55:
                    item["name"] = "Someone Else"  # only its mentions can pair it
            elif roll < 0.25 and item["end"] - item["start"] > 2:
                item["end"] -= 1  # a span one character short
                item["text"] = story["text"][item["start"]:item["end"]]
            elif roll < 0.35:
                item["value"] = None if kind == "dates" else (item["value"] or 0) + 1
            items.append(item)
        if kind in ("amounts", "dates") and rng.random() < 0.3:
            items.append({"start": 0, "end": 1, "text": story["text"][0], "value": None, "granularity": "year"}
                         if kind == "dates" else
                         {"start": 0, "end": 1, "text": story["text"][0], "kind": "percent", "value": 1.0})  # fmt: skip
        predicted[kind] = items
    return predicted


@needs_dev_gold
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_agrees_on_dev_gold_with_perturbed_predictions(dev_gold, seed):
    rng = random.Random(seed)
    assert_agree(dev_gold, [_perturbed(story, rng) for story in dev_gold], exactly=True)


@needs_dev_gold
def test_dev_gold_against_itself_is_perfect(dev_gold):
    report = ours(dev_gold, dev_gold)
    assert all(report[kind][level]["f"] == 1.0 for kind in report for level in report[kind])


@needs_dev_gold
@pytest.mark.slow
def test_agrees_on_dev_gold_with_the_extractors_predictions(dev_gold, full_nlp):
    from wirefacts.extract import extract
    from wirefacts.schema import StoryInput

    stories = [StoryInput(id=s["id"], text=s["text"], published=s["published"]) for s in dev_gold]
    predicted = [json.loads(record.model_dump_json()) for record in extract(full_nlp, stories)]
    assert_agree(dev_gold, predicted, exactly=False)


@needs_dev_gold
def test_evaluate_json_on_the_command_line_agrees_with_the_reference(dev_gold, tmp_path):
    from typer.testing import CliRunner

    from wirefacts.cli import app

    rng = random.Random(7)
    predicted = [_perturbed(story, rng) for story in dev_gold]
    predictions = tmp_path / "predictions.jsonl"
    predictions.write_text("".join(json.dumps(line) + "\n" for line in predicted), encoding="utf-8")
    result = CliRunner().invoke(app, ["evaluate", str(DEV_GOLD), "--predictions", str(predictions), "--json"])
    assert result.exit_code == 0, result.output
    report, reference = json.loads(result.stdout), v2_reference.score(dev_gold, predicted)
    for kind in reference:
        for level in reference[kind]:
            assert abs(report[kind][level]["f"] - reference[kind][level]["f"]) <= TOLERANCE, (kind, level)
