"""Long stories (pieces of bounded size, offsets into the whole text) and the per-story limits."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.conftest import ROOT
from wirefacts import extract as extraction
from wirefacts.cli import app
from wirefacts.extract import extract, piece_bounds
from wirefacts.limits import Limits, StoryTimeout, time_limit
from wirefacts.schema import StoryInput, StoryRecord

runner = CliRunner()
TINY = "Treasury Secretary James Baker said on Monday the dollar fell 2 pct."


def paragraph(i: int) -> str:
    return f"Finance Minister Jose Ruiz said on Monday that exports rose {i % 90 + 1} pct to {i + 5} mln dlrs.\n\n"


def long_story(paragraphs: int) -> str:
    return "WASHINGTON, March 2 - " + "".join(paragraph(i) for i in range(paragraphs)) + "Reuter"


def lines_of(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


@settings(max_examples=200)
@given(text=st.text(alphabet=st.sampled_from("ab .\n"), max_size=400), limit=st.integers(min_value=4, max_value=60))
def test_pieces_cover_the_text_in_order_within_the_limit(text, limit):
    bounds = piece_bounds(text, limit)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(end == next_start for (_, end), (next_start, _) in zip(bounds, bounds[1:]))
    assert all(0 < end - start <= limit for start, end in bounds) or text == ""


def test_pieces_are_cut_at_paragraph_ends():
    text = "".join(paragraph(i) for i in range(40))
    for start, end in piece_bounds(text, 1000)[:-1]:
        assert text[end - 2 : end] == "\n\n", text[start:end][-30:]


def test_long_story_gives_what_its_paragraphs_give_alone(full_nlp, monkeypatch):
    monkeypatch.setattr(extraction, "PIECE_CHARS", 1500)
    text = long_story(60)
    [record] = list(extract(full_nlp, [StoryInput(id="long", text=text, published="1987-03-03")]))
    assert isinstance(record, StoryRecord) and record.text == text
    assert len(piece_bounds(text, 1500)) >= 4
    StoryRecord.model_validate(record.model_dump())  # every offset true in the whole text
    assert record.dateline is not None and record.dateline.place == "WASHINGTON"
    assert record.credit is not None and record.credit.text == "Reuter"
    assert [amount.value for amount in record.amounts if amount.kind == "percent"] == [i % 90 + 1 for i in range(60)]
    [ruiz] = [official for official in record.officials if official.name == "Jose Ruiz"]
    assert len(ruiz.mentions) == 60  # one entity across every piece
    assert {date.value for date in record.dates} == {"1987-03-02"}


def test_too_long_story_is_an_error_record_and_the_run_goes_on(tmp_path):
    stories = tmp_path / "in.jsonl"
    stories.write_text("".join(json.dumps({"id": i, "text": text}) + "\n" for i, text in enumerate([TINY, TINY * 5, TINY])))
    result = runner.invoke(app, ["extract", str(stories), "--max-chars", "200"])
    assert result.exit_code == 1
    first, too_long, last = lines_of(result.stdout)
    assert too_long["error"]["kind"] == "too_long" and "--max-chars" in too_long["error"]["message"]
    assert first["officials"] and last["officials"]
    assert "too_long 1" in result.stderr


def burn(seconds: float) -> None:
    """Compute for `seconds` (the limit counts processor time, which sleeping does not spend)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def test_time_limit_interrupts_the_main_thread_and_is_cooperative_elsewhere():
    started = time.monotonic()
    with pytest.raises(StoryTimeout), time_limit(0.2):
        burn(20)
    assert time.monotonic() - started < 10
    with time_limit(0.3) as check:
        time.sleep(0.5)  # waiting spends no processor time: no timeout
        check()
    burn(0.1)  # nothing fires after the block

    raised = []

    def in_a_thread():
        with time_limit(0.1) as check:
            burn(0.4)
            try:
                check()
            except StoryTimeout:
                raised.append(True)

    thread = threading.Thread(target=in_a_thread)
    thread.start()
    thread.join()
    assert raised == [True]


@pytest.mark.parametrize("batch_size", ["1", "16"])
def test_a_runaway_story_times_out_and_its_batch_is_written(monkeypatch, tmp_path, batch_size):
    real_build = extraction.build_record

    def stalls_on_slow(doc, meta=None):
        if doc._.story_id == "slow":
            burn(60)
        return real_build(doc, meta)

    monkeypatch.setattr(extraction, "build_record", stalls_on_slow)
    stories = tmp_path / "in.jsonl"
    stories.write_text("".join(json.dumps({"id": i, "text": TINY}) + "\n" for i in ["a", "slow", "b", "c"]))
    started = time.monotonic()
    result = runner.invoke(app, ["extract", str(stories), "--story-timeout", "0.5", "--batch-size", batch_size])
    assert time.monotonic() - started < 20
    assert result.exit_code == 1
    lines = lines_of(result.stdout)
    assert [line["id"] for line in lines] == ["a", "slow", "b", "c"]
    assert [line.get("error", {}).get("kind") for line in lines] == [None, "timeout", None, None]
    assert "timeout 1" in result.stderr


def test_limits_reach_the_worker_processes():
    from wirefacts.parallel import ParallelExtractor

    limits = Limits(max_chars=50, story_timeout=3.0)
    assert ParallelExtractor(None, 2, limits=limits).limits == limits


def _three_stories(path, long_text: str):
    path.write_text(
        "".join(json.dumps({"id": story_id, "text": body, "published": "1987-03-03"}) + "\n"
                for story_id, body in [("tiny1", TINY), ("long", long_text), ("tiny2", TINY)]),
        encoding="utf-8",
    )
    return path


@pytest.mark.slow
@pytest.mark.parametrize("workers", ["1", "2"])
def test_long_story_between_tiny_ones_with_and_without_a_time_limit(tmp_path, workers):
    base = [sys.executable, "-m", "wirefacts", "extract", "--workers", workers, "-q"]

    runaway = _three_stories(tmp_path / "runaway.jsonl", long_story(1400))  # ~150 KB: seconds of work
    limited = subprocess.run(base + [str(runaway), "--story-timeout", "1.5"], capture_output=True, text=True,
                             timeout=300, cwd=ROOT)
    assert limited.returncode == 1, limited.stderr
    lines = lines_of(limited.stdout)
    assert [line.get("error", {}).get("kind") for line in lines] == [None, "timeout", None]
    assert lines[0]["officials"][0]["name"] == "James Baker" and lines[2]["id"] == "tiny2"

    paragraphs = 550  # ~60 KB: three pieces
    whole = subprocess.run(base + [str(_three_stories(tmp_path / "long.jsonl", long_story(paragraphs)))],
                           capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert whole.returncode == 0, whole.stderr
    tiny1, long_record, tiny2 = lines_of(whole.stdout)
    record = StoryRecord.model_validate(long_record)  # offsets true in the whole text
    assert len(record.amounts) == 2 * paragraphs and record.credit is not None
    assert (tiny1["id"], tiny2["id"]) == ("tiny1", "tiny2") and tiny1["officials"] and tiny2["officials"]


def test_pieces_of_wrapped_wire_copy_end_at_sentence_ends():
    sentence = "Finance Minister Kiichi\nMiyazawa said the yen would\nstay stable. "
    text = sentence * 40
    for start, end in piece_bounds(text, 700)[:-1]:
        assert text[start:end].endswith("stable. "), text[start:end][-40:]
