"""Golden files over samples/: the extraction of every sample story, compared with committed output.

After a deliberate change, regenerate with `pytest tests/test_samples.py --update-golden` and review the diff.
"""

from __future__ import annotations

import json

import pytest

from wirefacts.evaluate import evaluate
from wirefacts.extract import extract
from wirefacts.schema import GoldStory, StoryInput
from tests.conftest import GOLDEN, ROOT, SAMPLES

# Record-level F1 on samples/ may not fall below these (measured, minus a small margin).
FLOORS = {"officials": 0.58, "organizations": 0.65, "amounts": 0.88, "dates": 0.95}


@pytest.fixture(scope="module")
def sample_records(full_nlp, sample_stories):
    stories = [StoryInput.model_validate(story) for story in sample_stories]
    return list(extract(full_nlp, stories))


def test_sample_inputs_are_in_sync_with_gold():
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_sample_inputs", ROOT / "scripts" / "make_sample_inputs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert (SAMPLES / "stories.jsonl").read_text(encoding="utf-8") == module.render(), (
        "run: python scripts/make_sample_inputs.py"
    )


def test_at_least_25_annotated_stories():
    gold = [GoldStory.model_validate_json(line) for f in (SAMPLES / "gold").glob("*.jsonl")
            for line in f.read_text(encoding="utf-8").splitlines()]
    assert len(gold) >= 25 and len({g.id for g in gold}) == len(gold)


def test_golden_output(sample_records, update_golden):
    golden = GOLDEN / "samples.jsonl"
    produced = "".join(record.model_dump_json() + "\n" for record in sample_records)
    if update_golden:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(produced, encoding="utf-8")
    expected = golden.read_text(encoding="utf-8").splitlines()
    for got, want in zip(produced.splitlines(), expected, strict=True):
        got_record, want_record = json.loads(got), json.loads(want)
        assert got_record == want_record, f"golden output changed for {want_record['id']}"


def test_accuracy_floor_on_samples(sample_records):
    gold = [GoldStory.model_validate_json(line) for f in sorted((SAMPLES / "gold").glob("*.jsonl"))
            for line in f.read_text(encoding="utf-8").splitlines()]
    report = evaluate(gold, {record.id: record for record in sample_records}).report()
    for kind, floor in FLOORS.items():
        assert report[kind]["record"]["f"] >= floor, (kind, report[kind]["record"])


def test_seed_is_perfect(sample_records):
    [seed] = [GoldStory.model_validate_json((SAMPLES / "gold" / "seed.jsonl").read_text(encoding="utf-8"))]
    report = evaluate([seed], {record.id: record for record in sample_records}).report()
    assert all(report[kind]["record"]["f"] == 1.0 for kind in report), report

