"""scripts/accuracy.py: which gold sets it reads, how it says one is missing, the table it prints."""

from __future__ import annotations

import importlib.util
import sys

import pytest

from tests.conftest import ROOT


@pytest.fixture(scope="module")
def accuracy():
    spec = importlib.util.spec_from_file_location("accuracy_script", ROOT / "scripts" / "accuracy.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["accuracy_script"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    yield module
    for name in ("accuracy_script", "tempeval_gold"):
        sys.modules.pop(name, None)


def test_never_reads_tempeval_platinum(accuracy, tmp_path):
    files = [file.name for gold_set in accuracy.gold_sets(tmp_path) for file in gold_set.files]
    assert "tempeval3_timebank.jsonl" in files and "tempeval3_aquaint.jsonl" in files
    assert not any("platinum" in name for name in files)


def test_a_missing_corpus_is_named_and_the_samples_are_not(accuracy, tmp_path):
    missing = {gold_set.name: gold_set.missing() for gold_set in accuracy.gold_sets(tmp_path)}
    assert all(not paths for name, paths in missing.items() if name.startswith(("samples", "the seed")))
    dev = next(paths for name, paths in missing.items() if name.startswith("wirefacts_dev"))
    assert dev == [tmp_path / "corpora" / "wirefacts_dev" / "gold.jsonl"]


def test_table_shows_scored_types_and_missing_sets(accuracy):
    results = {
        "dates only": {"stories": 3, "scores": {"dates": {"span": 0.95, "record": 0.9}}},
        "absent": {"missing": "/x/gold.jsonl"},
    }
    table = accuracy.markdown(results).splitlines()
    assert table[2] == "| dates only | 3 |  |  |  | 0.950 / **0.900** |"
    assert table[3].startswith("| absent | missing |")
    assert table[-1] == "missing: absent: /x/gold.jsonl not found"


def test_timeml_gold_set_converts_to_dates_and_ignores(accuracy, tmp_path):
    source = tmp_path / "corpora" / "tempeval3"
    source.mkdir(parents=True)
    doc = {"id": "d1", "text": "On March 3, 1998 it rose for two weeks.", "dct": "1998-03-05",
           "timex3": [{"start": 3, "end": 16, "text": "March 3, 1998", "type": "DATE", "value": "1998-03-03"},
                      {"start": 29, "end": 38, "text": "two weeks", "type": "DURATION", "value": "P2W"}]}  # fmt: skip
    for name in ("tempeval3_timebank.jsonl", "tempeval3_aquaint.jsonl"):
        (source / name).write_text(__import__("json").dumps(doc | {"id": name}) + "\n", encoding="utf-8")
    [timeml] = [gold_set for gold_set in accuracy.gold_sets(tmp_path) if gold_set.convert_timeml]
    stories = timeml.stories()
    assert [story.dates[0].value for story in stories] == ["1998-03-03", "1998-03-03"]
    assert stories[0].ignore == [(29, 38)] and stories[0].officials is None


def test_error_classes_count_wrong_fields_by_field(accuracy):
    from wirefacts.evaluate import Finding

    findings = [Finding("s", "officials", "wrong field", fields=["country"]),
                Finding("s", "officials", "wrong field", fields=["country"]),
                Finding("s", "officials", "wrong field", fields=["title", "country"]),
                Finding("s", "dates", "miss")]  # fmt: skip
    assert accuracy.error_classes(findings) == {
        "officials: wrong field (country)": 2, "officials: wrong field (title, country)": 1, "dates: miss": 1,
    }
    listing = accuracy.most_frequent_errors({"dev": {"errors": accuracy.error_classes(findings)}}, 1)
    assert listing.splitlines()[-1] == "      2  officials: wrong field (country)"
