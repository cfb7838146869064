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


def test_vocabulary_stays_flat_across_batches(full_nlp):
    from wirefacts.extract import extract

    def stories(seed: int):
        return [StoryInput(id=f"s{seed}-{i}", text=f"Zorblax{seed}x{i} Corp said profit rose {i} pct.") for i in range(40)]

    list(extract(full_nlp, stories(0), batch_size=8))
    before = len(full_nlp.vocab.strings)
    list(extract(full_nlp, stories(1), batch_size=8))  # 40 stories of words the vocabulary never saw
    assert len(full_nlp.vocab.strings) == before


def test_batches_start_small_then_run_full():
    from wirefacts.batching import FIRST_BATCH_SIZE, batches

    assert FIRST_BATCH_SIZE == 2
    assert [len(batch) for batch in batches(range(50), size=16)] == [2, 16, 16, 16]
