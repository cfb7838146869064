"""Our components as spaCy components: their settings live in the pipeline's config, their rules are saved with
it (`nlp.to_disk`) and come back with `spacy.load`, changed rules included. On a blank pipeline (no model)."""

from __future__ import annotations

import datetime as dt

import pytest
import spacy
import srsly
from spacy.tokens import DocBin

from wirefacts.components.dateline import DATELINE_WINDOW, MAX_CREDIT_CHARS, default_forms
from wirefacts.extract import make_doc
from wirefacts.nlp import OUR_COMPONENTS, build_blank_pipeline
from wirefacts.records import build_record, reference_date
from wirefacts.schema import Credit, Dateline, StoryInput

PERCENT_ONLY = [{"label": "PERCENT", "pattern": [{"_": {"amount_part": "NUMBER"}}, {"_": {"amount_part": "PERCENT"}}]}]
JUNE_ONLY = [{"label": "DATE", "id": "month", "pattern": [{"LOWER": "june"}]}]
ZORBLAX_ONLY = [{"label": "ORG", "id": "only", "pattern": [{"ORTH": "Zorblax"}]}]
TREASURER_ONLY = ["treasurer"]


def _spans(nlp, text: str, key: str) -> list[str]:
    doc = nlp(text)
    return [span.text for span in doc.spans[key]]


def _pipe_separated_datelines() -> dict[str, list[str]]:
    """The shipped forms with "|" as the only separator, and "Zorbnews" a news agency that may sign off."""
    forms = default_forms()
    return forms | {"separator": ["|"], "news_agency": [*forms["news_agency"], "Zorbnews"]}


def _dateline(nlp, text: str):
    doc = nlp(text)
    return doc._.dateline["place"] if doc._.dateline else None, doc._.credit["text"] if doc._.credit else None


def _changed_rules_hold(nlp) -> None:
    assert _spans(nlp, "Profit rose 5 pct to 10 mln dlrs.", "amounts") == ["5 pct"]
    assert _spans(nlp, "It opened on May 5 and closed in June.", "dates") == ["June"]
    assert _spans(nlp, "Zorblax rose and Acme Corp fell.", "org_mentions") == ["Zorblax"]
    assert _spans(nlp, "Zorbo Corp chairman John Tarker met treasurer Anna Belk.", "officials") == ["Anna Belk"]
    assert _dateline(nlp, "OSLO | Prices rose.\nZorbnews") == ("OSLO", "Zorbnews")
    assert _dateline(nlp, "OSLO - Prices rose.") == (None, None)


def test_every_component_that_holds_rules_keeps_changed_rules_through_to_disk_and_spacy_load(tmp_path):
    nlp = build_blank_pipeline()
    nlp.get_pipe("wirefacts_amounts").initialize(patterns=PERCENT_ONLY)
    nlp.get_pipe("wirefacts_dates").initialize(patterns=JUNE_ONLY)
    nlp.get_pipe("wirefacts_org_mentions").initialize(patterns=ZORBLAX_ONLY)
    nlp.get_pipe("wirefacts_officials").initialize(titles=TREASURER_ONLY)
    nlp.get_pipe("wirefacts_dateline").initialize(forms=_pipe_separated_datelines())
    _changed_rules_hold(nlp)
    nlp.to_disk(tmp_path / "saved")
    reloaded = spacy.load(tmp_path / "saved")
    assert reloaded.pipe_names == nlp.pipe_names
    _changed_rules_hold(reloaded)


def test_the_shipped_rules_come_back_unchanged(tmp_path):
    nlp = build_blank_pipeline()
    nlp.to_disk(tmp_path / "saved")
    reloaded = spacy.load(tmp_path / "saved")
    assert reloaded.get_pipe("wirefacts_dateline").forms == nlp.get_pipe("wirefacts_dateline").forms
    assert reloaded.get_pipe("wirefacts_officials").titles == nlp.get_pipe("wirefacts_officials").titles
    for name in ("wirefacts_amounts", "wirefacts_dates", "wirefacts_org_mentions"):
        assert reloaded.get_pipe(name).patterns == nlp.get_pipe(name).patterns
    story = "OSLO, March 3 - Acme Corp chairman John Tarker said profit rose 5 pct in June.\nReuter"
    story = StoryInput(id="s", text=story)
    assert build_record(reloaded(make_doc(reloaded, story))) == build_record(nlp(make_doc(nlp, story)))


def test_settings_are_written_to_the_config_and_read_back(tmp_path):
    nlp = spacy.blank("en")
    nlp.add_pipe("wirefacts_dateline", config={"window": 12, "max_credit_chars": 5})
    nlp.add_pipe("wirefacts_amounts", config={"max_reach": 3})
    nlp.to_disk(tmp_path / "saved")
    config = (tmp_path / "saved" / "config.cfg").read_text()
    assert "window = 12" in config and "max_credit_chars = 5" in config and "max_reach = 3" in config
    reloaded = spacy.load(tmp_path / "saved")
    dateline = reloaded.get_pipe("wirefacts_dateline")
    assert (dateline.window, dateline.max_credit_chars) == (12, 5)
    assert reloaded.get_pipe("wirefacts_amounts").max_reach == 3


def test_the_defaults_are_the_shipped_behaviour():
    nlp = spacy.blank("en")
    dateline = nlp.add_pipe("wirefacts_dateline")
    assert (dateline.window, dateline.max_credit_chars) == (DATELINE_WINDOW, MAX_CREDIT_CHARS)
    assert nlp.get_pipe_meta("wirefacts_dateline").default_config == {
        "window": DATELINE_WINDOW, "max_credit_chars": MAX_CREDIT_CHARS}


@pytest.mark.parametrize(
    ("config", "text", "found"),
    [
        pytest.param({}, "A LONG HEADLINE OF THIRTY CHARS\n\nOSLO - Prices rose.", ("OSLO", None), id="default-window"),
        pytest.param({"window": 20}, "A LONG HEADLINE OF THIRTY CHARS\n\nOSLO - Prices rose.", (None, None),
                     id="dateline-past-the-window"),
        pytest.param({}, "Prices rose.\n-- Zorbo Agency Wire", (None, "Zorbo Agency Wire"), id="default-credit-length"),
        pytest.param({"max_credit_chars": 10}, "Prices rose.\n-- Zorbo Agency Wire", (None, None), id="credit-too-long"),
    ],
)
def test_the_dateline_settings_change_what_is_found(config, text, found):
    nlp = spacy.blank("en")
    nlp.add_pipe("wirefacts_dateline", config=config)
    assert _dateline(nlp, text) == found


def test_max_reach_bounds_an_open_ended_amount_pattern():
    nlp = spacy.blank("en")
    long_form = [{"label": "MONEY", "pattern": [{"ORTH": "dlrs"}, {"IS_ALPHA": True, "OP": "+"}, {"ORTH": "!"}]}]
    text = "It cost dlrs one two three four five !"
    for reach, expected in ((12, [(2, 9)]), (3, [])):
        finder = nlp.add_pipe("wirefacts_amounts", name=f"amounts_{reach}", config={"max_reach": reach})
        finder.initialize(patterns=long_form)
        assert [(start, end) for _key, start, end in finder.matcher(nlp.make_doc(text))] == expected


def test_the_dateline_component_writes_plain_values_and_the_records_layer_the_records():
    nlp = build_blank_pipeline()
    doc = nlp(make_doc(nlp, StoryInput(id="s", text="SEOUL, Jan 13 (IANS) Prices rose on Monday.")))
    assert doc._.dateline == {"place": "SEOUL", "date": doc._.dateline["date"], "start": 0, "end": 20,
                              "text": "SEOUL, Jan 13 (IANS)"}
    assert doc._.credit == {"start": 15, "end": 19, "text": "IANS"}
    assert srsly.json_loads(srsly.json_dumps([doc._.dateline, doc._.credit])) == [doc._.dateline, doc._.credit]
    record = build_record(doc)
    assert record.dateline == Dateline(**doc._.dateline) and record.credit == Credit(**doc._.credit)
    assert reference_date(doc) == dt.date.fromisoformat(doc._.dateline["date"])


def test_every_component_declares_what_it_assigns_and_what_it_reads_is_assigned_before_it(full_nlp):
    analysis = full_nlp.analyze_pipes()
    assert all(analysis["summary"][name]["assigns"] for name in OUR_COMPONENTS)
    assert not any(analysis["problems"][name] for name in OUR_COMPONENTS)


def test_rules_can_come_from_files_named_in_the_initialize_config(tmp_path):
    """As for spaCy's span_ruler: `[initialize.components.NAME]` names a reader, `nlp.initialize()` passes the rules."""
    srsly.write_json(tmp_path / "titles.json", TREASURER_ONLY)
    srsly.write_jsonl(tmp_path / "dates.jsonl", JUNE_ONLY)
    nlp = build_blank_pipeline()
    nlp.config["initialize"]["components"] = {
        "wirefacts_officials": {"titles": {"@readers": "srsly.read_json.v1", "path": str(tmp_path / "titles.json")}},
        "wirefacts_dates": {"patterns": {"@readers": "srsly.read_jsonl.v1", "path": str(tmp_path / "dates.jsonl")}},
    }
    nlp.initialize()
    assert _spans(nlp, "Zorbo Corp chairman John Tarker met treasurer Anna Belk.", "officials") == ["Anna Belk"]
    assert _spans(nlp, "It opened on May 5 and closed in June.", "dates") == ["June"]


def test_the_records_layer_needs_only_what_the_components_wrote():
    """The annotations are plain values: a Doc saved with DocBin (user data kept) gives the same record back.
    (The runner's `published` is a date, which DocBin cannot store: this story dates itself.)"""
    nlp = build_blank_pipeline()
    story = StoryInput(id="s", text="ZURICH, March 3, 1987 - Acme AG chairman John Tarker said profit rose 5 francs "
                                    "in June. Tarker, 64, is Swiss.\nReuter")
    doc = nlp(make_doc(nlp, story))
    saved = DocBin(store_user_data=True, docs=[doc]).to_bytes()
    [restored] = DocBin().from_bytes(saved).get_docs(nlp.vocab)
    record = build_record(restored)
    assert record == build_record(doc)
    assert record.officials[0].organization == "Acme AG" and record.credit.text == "Reuter"
