"""Scoring per ANNOTATION.md, on small hand-made stories whose right answer is worked out by hand."""

from __future__ import annotations

import pytest

from wirefacts.evaluate import below_threshold, evaluate, name_key, title_key
from wirefacts.schema import GoldStory, StoryRecord

TEXT = "Treasury Secretary James Baker said on Monday the Federal Reserve would lend $5 mln at 7 pct."


def span(text: str, occurrence: int = 1) -> dict:
    start = -1
    for _ in range(occurrence):
        start = TEXT.index(text, start + 1)
    return {"start": start, "end": start + len(text), "text": text}


BAKER = {"name": "James Baker", "title": "Treasury Secretary", "organization": None, "country": None,
         "mentions": [span("James Baker")]}
FED = {"name": "Federal Reserve", "country": "US", "mentions": [span("Federal Reserve")]}
MONEY = span("$5 mln") | {"kind": "money", "value": 5000000, "value_max": None, "currency": "USD", "period": None}
PERCENT = span("7 pct") | {"kind": "percent", "value": 7, "value_max": None, "currency": None, "period": None}
MONDAY = span("Monday") | {"value": "1987-03-02", "granularity": "day"}


def gold(**fields) -> GoldStory:
    return GoldStory.model_validate({"id": "s1", "text": TEXT, "published": "1987-03-02", **fields})


def predicted(**fields) -> StoryRecord:
    return StoryRecord.model_validate({"id": "s1", "text": TEXT, **fields})


def report_for(gold_story: GoldStory, record: StoryRecord | None) -> dict:
    return evaluate([gold_story], {"s1": record} if record else {}).report()


def test_perfect_prediction_scores_one_everywhere():
    fields = dict(officials=[BAKER], organizations=[FED], amounts=[MONEY, PERCENT], dates=[MONDAY])
    report = report_for(gold(**fields), predicted(**fields))
    for kind in ("officials", "organizations", "amounts", "dates"):
        for level in ("span", "strict", "record"):
            assert report[kind][level]["f"] == 1.0, (kind, level)


def test_overlapping_span_counts_for_span_and_record_but_not_strict():
    wider = span("$5 mln at") | {k: v for k, v in MONEY.items() if k not in ("start", "end", "text")}
    report = report_for(gold(amounts=[MONEY]), predicted(amounts=[wider]))
    assert report["amounts"]["span"]["tp"] == 1
    assert report["amounts"]["strict"] == {"p": 0.0, "r": 0.0, "f": 0.0, "tp": 0, "fp": 1, "fn": 1}
    assert report["amounts"]["record"]["f"] == 1.0


def test_wrong_field_is_a_false_alarm_and_a_miss_at_record_level():
    wrong = MONEY | {"currency": "CAD"}
    report = report_for(gold(amounts=[MONEY, PERCENT]), predicted(amounts=[wrong, PERCENT]))
    assert report["amounts"]["span"]["f"] == 1.0
    assert report["amounts"]["record"] == {"p": 0.5, "r": 0.5, "f": 0.5, "tp": 1, "fp": 1, "fn": 1}


def test_entities_match_by_normalized_name_even_without_overlap():
    elsewhere = FED | {"name": "the Federal Reserve's", "mentions": [span("Treasury")]}
    report = report_for(gold(organizations=[FED]), predicted(organizations=[elsewhere]))
    assert report["organizations"]["span"]["tp"] == 1
    assert report["organizations"]["record"]["tp"] == 1


def test_entities_fall_back_to_overlapping_mentions():
    other_name = FED | {"name": "Fed Reserve Bank"}
    report = report_for(gold(organizations=[FED]), predicted(organizations=[other_name]))
    assert report["organizations"]["span"]["tp"] == 1


def test_official_title_compares_lowercased_without_articles():
    lower = BAKER | {"title": "the treasury secretary"}
    report = report_for(gold(officials=[BAKER]), predicted(officials=[lower]))
    assert report["officials"]["record"]["tp"] == 1
    wrong = BAKER | {"country": "GB"}
    report = report_for(gold(officials=[BAKER]), predicted(officials=[wrong]))
    assert report["officials"]["record"]["tp"] == 0 and report["officials"]["span"]["tp"] == 1


def test_missing_key_is_not_scored_but_empty_list_is():
    record = predicted(amounts=[MONEY])
    assert report_for(gold(), record)["amounts"]["span"] == {"p": 1.0, "r": 1.0, "f": 1.0, "tp": 0, "fp": 0, "fn": 0}
    assert report_for(gold(amounts=[]), record)["amounts"]["span"]["fp"] == 1


def test_ignored_span_neither_right_nor_wrong():
    story = gold(amounts=[MONEY], ignore=[[span("7 pct")["start"], span("7 pct")["end"]]])
    report = report_for(story, predicted(amounts=[MONEY, PERCENT]))
    assert report["amounts"]["span"] == {"p": 1.0, "r": 1.0, "f": 1.0, "tp": 1, "fp": 0, "fn": 0}


def test_missing_prediction_counts_every_gold_item_as_missed():
    report = report_for(gold(dates=[MONDAY]), None)
    assert report["dates"]["record"]["fn"] == 1 and report["dates"]["record"]["f"] == 0.0


def test_micro_average_over_stories():
    first = gold(dates=[MONDAY])
    second = GoldStory.model_validate({"id": "s2", "text": TEXT, "dates": [MONDAY, ]})
    evaluation = evaluate([first, second], {"s1": predicted(dates=[MONDAY]), "s2": None})
    assert evaluation.report()["dates"]["record"] == {"p": 1.0, "r": 0.5, "f": 0.6667, "tp": 1, "fp": 0, "fn": 1}
    assert below_threshold(evaluation, 0.7) == ["dates"]
    assert below_threshold(evaluation, 0.6) == []


@pytest.mark.parametrize(
    ("left", "right"),
    [("The Federal Reserve", "federal reserve"), ("Israel's innovation ministry", "Israel innovation ministry"),
     ("Texaco, Inc.", "texaco inc"), ("U.S. Treasury", "US Treasury"), ("MACY'S.", "Macy"),
     ("Korea-Israel Industrial R&D Foundation", "korea israel industrial r d foundation")],
)
def test_name_normalization(left, right):
    assert name_key(left) == name_key(right)


def test_title_normalization():
    assert title_key("The Chief Scientist") == title_key("chief scientist")


def test_entity_matches_when_predicted_name_is_a_gold_mention_text():
    # gold "Federal Reserve" with mentions "Federal Reserve" and "Fed"; predicted name "Fed", mention elsewhere
    text = "The Federal Reserve said the Fed would act. Fed officials agreed."
    fed = {"name": "Federal Reserve", "country": "US",
           "mentions": [{"start": 4, "end": 19, "text": "Federal Reserve"}, {"start": 29, "end": 32, "text": "Fed"}]}
    short = {"name": "Fed", "country": "US", "mentions": [{"start": 44, "end": 47, "text": "Fed"}]}
    story = GoldStory.model_validate({"id": "s1", "text": text, "organizations": [fed]})
    record = StoryRecord.model_validate({"id": "s1", "text": text, "organizations": [short]})
    report = evaluate([story], {"s1": record}).report()["organizations"]
    assert report["span"]["tp"] == 1 and report["record"]["tp"] == 1
    assert report["strict"]["tp"] == 0  # strict: by name only


def test_mention_text_match_comes_before_overlap():
    text = "The Federal Reserve said the Fed would act."
    fed = {"name": "Federal Reserve", "country": "US",
           "mentions": [{"start": 4, "end": 19, "text": "Federal Reserve"}, {"start": 29, "end": 32, "text": "Fed"}]}
    overlapping = {"name": "Reserve", "country": "US", "mentions": [{"start": 12, "end": 19, "text": "Reserve"}]}
    short = {"name": "Fed", "country": None, "mentions": [{"start": 29, "end": 32, "text": "Fed"}]}
    story = GoldStory.model_validate({"id": "s1", "text": text, "organizations": [fed]})
    record = StoryRecord.model_validate({"id": "s1", "text": text, "organizations": [overlapping, short]})
    evaluation = evaluate([story], {"s1": record})
    assert evaluation.report()["organizations"]["record"]["tp"] == 0  # paired with "Fed", whose country is wrong
    [wrong] = [f for f in evaluation.findings if f.what == "wrong field"]
    assert wrong.predicted["name"] == "Fed" and wrong.fields == ["country"]


def test_strict_entities_are_matched_by_name_only():
    same_offsets = FED | {"name": "Fed Reserve Bank"}
    report = report_for(gold(organizations=[FED]), predicted(organizations=[same_offsets]))
    assert report["organizations"]["span"]["tp"] == 1 and report["organizations"]["strict"]["tp"] == 0


def test_official_title_ignores_punctuation_and_organization_compares_like_names():
    gold_baker = BAKER | {"title": "Vice-President, Finance", "organization": "The U.S. Treasury's"}
    pred_baker = BAKER | {"title": "vice president finance", "organization": "US Treasury"}
    report = report_for(gold(officials=[gold_baker]), predicted(officials=[pred_baker]))
    assert report["officials"]["record"]["tp"] == 1
    other_org = pred_baker | {"organization": "Treasury"}
    report = report_for(gold(officials=[gold_baker]), predicted(officials=[other_org]))
    assert report["officials"]["record"]["tp"] == 0


def test_organization_country_is_scored_at_record_level():
    report = report_for(gold(organizations=[FED]), predicted(organizations=[FED | {"country": None}]))
    assert report["organizations"]["span"]["tp"] == 1 and report["organizations"]["record"]["tp"] == 0


def test_title_keeps_words_and_drops_articles_anywhere():
    assert title_key("Director General for the Technology Policy") == title_key("director general for technology policy")
    assert title_key("deputy chairman") != title_key("chairman")
    assert title_key(None) == title_key("") == ""
