"""Hostile input and faults: every story accounted for, offsets always true, nothing silently cut."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from wirefacts.cli import app
from wirefacts.extract import extract, text_for_nlp
from wirefacts.schema import ErrorRecord, StoryInput, StoryRecord
from tests.conftest import ROOT

HOSTILE = Path(__file__).resolve().parent / "hostile"
runner = CliRunner()

# What the hostile corpus must give, story by story: "record", or the error kind.
EXPECTED = {
    "01-plain": "record", "02-crlf": "record", "03-bom": "record", "04-latin1": "encoding", "05-binary": "binary",
    "06-empty": "record", "07-whitespace": "record", "08-html": "record", "09-control": "record",
    "10-german": "record", "11-chinese": "record", "12-quote-unclosed": "record",
    "j-ok": "record", "j-broken": "json", "list": "json", "no-id": "invalid", "empty-id": "invalid",
    "j-notext": "invalid", "j-emptytext": "record", "42": "record", "j-wrongtype": "invalid",
    "j-baddate": "invalid", "j-ok#2": "duplicate_id", "j-control": "record", "u-ok": "record", "u-bad": "encoding",
}


def outcome(line: dict) -> str:
    return line["error"]["kind"] if "error" in line else "record"


@pytest.fixture(scope="module")
def schema() -> dict:
    return json.loads(runner.invoke(app, ["schema"]).stdout)


@pytest.fixture(scope="module")
def hostile_lines():
    result = runner.invoke(app, ["extract", str(HOSTILE), "--published", "1987-03-03"])
    assert result.exit_code == 1, result.output  # some stories are errors, none is lost
    return result, [json.loads(line) for line in result.stdout.split("\n") if line]


def test_one_line_per_input_story_in_order(hostile_lines):
    _, lines = hostile_lines
    assert [outcome(line) for line in lines] == list(EXPECTED.values())


def test_summary_counts_errors_by_kind(hostile_lines):
    result, _ = hostile_lines
    assert "26 stories read, 15 records, 11 errors" in result.stderr
    assert "duplicate_id 1" in result.stderr and "encoding 2" in result.stderr


def test_every_line_validates_and_every_offset_is_true(hostile_lines, schema):
    _, lines = hostile_lines
    for line in lines:
        jsonschema.validate(line, schema)
        if "error" in line:
            continue
        text = line["text"]
        mentions = [m for key in ("officials", "organizations") for item in line[key] for m in item["mentions"]]
        for mention in mentions + line["amounts"] + line["dates"] + ([line["credit"]] if line["credit"] else []):
            assert text[mention["start"] : mention["end"]] == mention["text"]


def test_crlf_bom_and_html_give_the_facts_of_the_plain_story(hostile_lines):
    _, lines = hostile_lines
    by_id = {line.get("id"): line for line in lines}

    def facts(line):
        return ([o["name"] for o in line["officials"]], [a["value"] for a in line["amounts"]],
                [d["value"] for d in line["dates"]])

    assert facts(by_id["02-crlf"]) == facts(by_id["03-bom"]) == facts(by_id["01-plain"])
    assert by_id["02-crlf"]["text"].count("\r\n") == 2  # the text is written out as it came in
    html = by_id["08-html"]
    assert [o["name"] for o in html["officials"]] == ["James Baker"]
    assert html["text"].startswith("<html>")


def test_real_story_comes_out_the_same_inside_a_hostile_batch(hostile_lines):
    _, lines = hostile_lines
    alone = runner.invoke(app, ["extract", str(HOSTILE / "01-plain.txt"), "--published", "1987-03-03", "-q"])
    assert json.loads(alone.stdout) == next(line for line in lines if line.get("id") == "01-plain")


def test_story_longer_than_max_length_is_processed_in_pieces(full_nlp):
    paragraph = "Treasury Secretary James Baker said on Monday the dollar fell 2 pct.\n\n"
    text = paragraph * 60
    saved = full_nlp.max_length
    full_nlp.max_length = 1000
    try:
        [record] = list(extract(full_nlp, [StoryInput(id="long", text=text, published="1987-03-03")]))
    finally:
        full_nlp.max_length = saved
    assert isinstance(record, StoryRecord) and record.text == text
    assert len(record.amounts) == 60 and len(record.dates) == 60
    [baker] = record.officials
    assert len(baker.mentions) == 60
    assert all(text[m.start : m.end] == m.text for m in baker.mentions)


def test_text_for_nlp_keeps_length():
    text = "a\r\nb <p>Bank</p> c\x00d\nMinister Denis\nBra Kanon <TX>"
    assert len(text_for_nlp(text)) == len(text)
    assert "<TX>" in text_for_nlp(text)  # a Reuters ticker is not HTML


@settings(max_examples=60)
@given(st.text(max_size=300))
def test_random_unicode_never_breaks_extraction(full_nlp, text):
    [record] = list(extract(full_nlp, [StoryInput(id="random", text=text, published="2001-02-03")]))
    assert isinstance(record, StoryRecord), record
    StoryRecord.model_validate(record.model_dump())  # offsets true, fields valid


@settings(max_examples=30)
@given(
    st.lists(st.sampled_from(["Finance Minister", "Jos\u00e9 Ru\u00edz", "said", "5 pct", "$3 mln", "on Monday",
                              "\r\n", "\n", " ", "<b>", "Bank of Japan", "\u2014IANS", ",", "'s", "last year"]),
             max_size=40)
)
def test_wire_like_noise_never_breaks_extraction(full_nlp, words):
    text = " ".join(words)
    [record] = list(extract(full_nlp, [StoryInput(id="noise", text=text, published="2001-02-03")]))
    assert not isinstance(record, ErrorRecord), record


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            found.extend(int(child) for child in (task / "children").read_text().split())
        except OSError:
            continue  # the thread ended while we looked
    return found


def _is_worker(pid: int) -> bool:
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return False
    return "spawn_main" in cmdline


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc to find the workers")
def test_killed_worker_loses_no_story(tmp_path):
    stories = tmp_path / "in.jsonl"
    stories.write_text(
        "".join(json.dumps({"id": f"s{i}", "text": f"Finance Minister Jose Ruiz said on Monday profit rose {i} pct."})
                + "\n" for i in range(400)),
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    process = subprocess.Popen(
        [sys.executable, "-m", "wirefacts", "extract", str(stories), "-o", str(out), "--workers", "2",
         "--batch-size", "8", "--quiet"],
        cwd=ROOT, stderr=subprocess.PIPE, text=True,
    )
    partial = tmp_path / "out.jsonl.part"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not (partial.exists() and partial.stat().st_size > 0):
        time.sleep(0.05)
    workers = [pid for pid in _children(process.pid) if _is_worker(pid)]
    assert workers, "no worker process found"
    os.kill(workers[0], signal.SIGKILL)
    _, stderr = process.communicate(timeout=300)
    assert process.returncode in (0, 1), stderr
    ids = [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert ids == [f"s{i}" for i in range(400)]


@pytest.mark.slow
def test_two_workers_give_the_same_lines_on_hostile_input(hostile_lines):
    _, lines = hostile_lines
    result = subprocess.run(
        [sys.executable, "-m", "wirefacts", "extract", str(HOSTILE), "--published", "1987-03-03", "--workers", "2", "-q"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 1, result.stderr  # error records, never a traceback
    assert "Traceback" not in result.stderr
    assert [json.loads(line) for line in result.stdout.split("\n") if line] == lines
