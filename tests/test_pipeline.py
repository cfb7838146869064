"""The assembled pipeline: lean, in a fixed order, and the same after nlp.to_disk() and spacy.load()."""

from __future__ import annotations

import spacy

from wirefacts.extract import make_doc
from wirefacts.nlp import OUR_COMPONENTS, UNUSED_COMPONENTS, build_pipeline
from wirefacts.records import build_record
from wirefacts.schema import StoryInput


def test_pipeline_is_lean_and_ordered(full_nlp):
    assert not set(UNUSED_COMPONENTS) & set(full_nlp.pipe_names)
    ours = [name for name in full_nlp.pipe_names if name.startswith("wirefacts_")]
    assert ours == list(OUR_COMPONENTS)


def test_saved_pipeline_loads_and_gives_the_same_records(full_nlp, tmp_path, sample_stories):
    full_nlp.to_disk(tmp_path / "saved")
    reloaded = spacy.load(tmp_path / "saved")
    assert reloaded.pipe_names == full_nlp.pipe_names
    assert build_pipeline(str(tmp_path / "saved")).pipe_names == full_nlp.pipe_names  # --model PATH
    for story in map(StoryInput.model_validate, sample_stories[:5]):
        before = build_record(full_nlp(make_doc(full_nlp, story)))
        after = build_record(reloaded(make_doc(reloaded, story)))
        assert after == before


def test_vocabulary_keeps_its_first_words_then_stays_flat(full_nlp, monkeypatch):
    import wirefacts.extract as extract_module

    def stories(seed: int):
        return [StoryInput(id=f"s{seed}-{i}", text=f"Zorblax{seed}x{i} Corp said profit rose {i} pct.") for i in range(40)]

    kept = len(full_nlp.vocab) + 20
    monkeypatch.setattr(extract_module, "KEPT_WORDS", kept)
    list(extract_module.extract(full_nlp, stories(0), batch_size=8))
    assert kept <= len(full_nlp.vocab) < kept + 100  # the first batches' words are kept, up to KEPT_WORDS
    before = len(full_nlp.vocab.strings)
    list(extract_module.extract(full_nlp, stories(1), batch_size=8))  # 40 stories of words the vocabulary never saw
    assert len(full_nlp.vocab.strings) == before


def test_batches_start_small_then_run_full():
    from wirefacts.batching import FIRST_BATCH_SIZE, batches

    assert FIRST_BATCH_SIZE == 2
    assert [len(batch) for batch in batches(range(50), size=16)] == [2, 16, 16, 16]


def test_every_component_that_holds_rules_saves_them_and_declares_what_it_assigns(full_nlp, tmp_path):
    full_nlp.to_disk(tmp_path / "saved")
    for name in ("wirefacts_amounts", "wirefacts_dates", "wirefacts_org_mentions"):
        assert (tmp_path / "saved" / name / "patterns.jsonl").exists()
    assert (tmp_path / "saved" / "wirefacts_officials" / "titles.json").exists()
    assert (tmp_path / "saved" / "wirefacts_dateline" / "forms.json").exists()
    config = (tmp_path / "saved" / "config.cfg").read_text()
    assert all(f'factory = "{name}"' in config for name in OUR_COMPONENTS)
    analysis = full_nlp.analyze_pipes()["summary"]
    assert all(analysis[name]["assigns"] for name in OUR_COMPONENTS)


def test_rules_can_be_replaced_at_initialize():
    from wirefacts.nlp import build_blank_pipeline

    nlp = build_blank_pipeline()
    percent_only = [{"label": "PERCENT", "pattern": [{"_": {"amount_part": "NUMBER"}}, {"_": {"amount_part": "PERCENT"}}]}]
    nlp.get_pipe("wirefacts_amounts").initialize(patterns=percent_only)
    doc = nlp("Profit rose 5 pct to 10 mln dlrs.")
    assert [span.text for span in doc.spans["amounts"]] == ["5 pct"]
    june_only = [{"label": "DATE", "id": "month", "pattern": [{"LOWER": "june"}]}]
    nlp.get_pipe("wirefacts_dates").initialize(patterns=june_only)
    doc = nlp("It opened on May 5 and closed in June.")
    assert [span.text for span in doc.spans["dates"]] == ["June"]


def test_titles_can_be_replaced_at_initialize():
    from wirefacts.nlp import build_blank_pipeline

    nlp = build_blank_pipeline()
    text = "Zorbo Corp chairman John Tarker met treasurer Anna Belk on Monday."
    doc = nlp(text)
    assert [span.text for span in doc.spans["officials"]] == ["John Tarker", "Anna Belk"]
    nlp.get_pipe("wirefacts_officials").initialize(titles=["treasurer"])
    doc = nlp(text)
    assert [span.text for span in doc.spans["officials"]] == ["Anna Belk"]
