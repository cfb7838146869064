"""The command line, through Typer's CliRunner and once as a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from wirefacts.cli import app
from tests.conftest import ROOT, SAMPLES

runner = CliRunner()
SEED_GOLD = SAMPLES / "gold" / "seed.jsonl"
SEED_TEXT = ROOT.parent / "shared" / "seed" / "ians-korea-israel-japan.txt"


def lines_of(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def seed_story(tmp_path_factory):
    """The seed as a .txt input (from the gold line, so the test does not need ../shared)."""
    path = tmp_path_factory.mktemp("in") / "ians-korea-israel-japan.txt"
    path.write_text(json.loads(SEED_GOLD.read_text(encoding="utf-8"))["text"], encoding="utf-8")
    return path


def test_extract_txt_with_published(seed_story):
    result = runner.invoke(app, ["extract", str(seed_story), "--published", "2025-01-13", "--quiet"])
    assert result.exit_code == 0, result.output
    [record] = lines_of(result.stdout)
    assert record["id"] == "ians-korea-israel-japan"
    assert record["dateline"]["place"] == "Seoul" and record["dateline"]["date"] == "2025-01-13"
    assert record["credit"]["text"] == "IANS"
    assert {o["name"] for o in record["officials"]} == {"Je Kyung-hee", "Alon Stopel", "Jingo Kikukawa"}


def test_extract_directory_keeps_input_order(tmp_path):
    (tmp_path / "b.txt").write_text("TOKYO, March 3 - Japan's finance ministry said on Monday.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Nothing happened.", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(json.dumps({"id": "c1", "text": "Profits rose 5 pct."}) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path), "-q"])
    assert result.exit_code == 0
    assert [r["id"] for r in lines_of(result.stdout)] == ["a", "b", "c1"]


def test_extract_stdin_with_broken_lines_exits_1_and_loses_nothing():
    stdin = "\n".join(
        [json.dumps({"id": "ok", "text": "Sales rose 5 pct in 1986."}), "{broken", json.dumps({"id": "", "text": "x"})]
    )
    result = runner.invoke(app, ["extract", "-"], input=stdin)
    assert result.exit_code == 1
    records = lines_of(result.stdout)
    assert len(records) == 3
    assert "error" not in records[0] and records[0]["amounts"][0]["value"] == 5
    assert [r["error"]["kind"] for r in records[1:]] == ["json", "invalid"]
    assert "3 stories read, 1 records, 2 errors" in result.stderr


def test_usage_errors_exit_2(tmp_path):
    assert runner.invoke(app, ["extract", str(tmp_path / "missing.txt")]).exit_code == 2
    assert runner.invoke(app, ["extract", "-", "--published", "13 Jan"]).exit_code == 2
    assert runner.invoke(app, ["extract", "-", "--model", "no_such_model_xyz"], input="").exit_code == 2
    assert runner.invoke(app, ["extract", "-", "--workers", "0"], input="").exit_code == 2


def _interrupted_run(stories, out, monkeypatch) -> Path:
    """Run extract -o OUT and stop it at the end, before OUT.part is renamed: what Ctrl-C leaves."""
    from wirefacts.io import AtomicOutput

    def interrupt(self):
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        patch.setattr(AtomicOutput, "commit", interrupt)
        result = runner.invoke(app, ["extract", str(stories), "-o", str(out)])
    assert result.exit_code == 130, result.output
    assert "continue with --resume" in result.stderr
    return out.with_name(out.name + ".part")


def test_output_file_and_resume(tmp_path, monkeypatch):
    stories = tmp_path / "in.jsonl"
    stories.write_text("".join(json.dumps({"id": f"s{i}", "text": f"Profit rose {i} pct."}) + "\n" for i in range(4)))
    out = tmp_path / "out" / "records.jsonl"
    partial = _interrupted_run(stories, out, monkeypatch)
    # keep two records and half a line, as if the run had been stopped while writing the third
    lines = partial.read_text().splitlines(keepends=True)
    partial.write_text(lines[0] + lines[1] + lines[2][:20])
    result = runner.invoke(app, ["extract", str(stories), "-o", str(out), "--resume"])
    assert result.exit_code == 0, result.output
    assert not partial.exists() and not list(out.parent.glob("*.inputs.json"))
    assert [r["id"] for r in lines_of(out.read_text())] == ["s0", "s1", "s2", "s3"]
    assert "2 already done" in result.stderr


def test_resume_refuses_a_part_left_by_other_inputs(tmp_path, monkeypatch):
    stories = tmp_path / "in.jsonl"
    stories.write_text(json.dumps({"id": "a", "text": "Profit rose 1 pct."}) + "\n")
    out = tmp_path / "records.jsonl"
    partial = _interrupted_run(stories, out, monkeypatch)
    before = partial.read_text()
    other = tmp_path / "other.jsonl"
    other.write_text(json.dumps({"id": "b", "text": "Profit rose 2 pct."}) + "\n")
    result = runner.invoke(app, ["extract", str(other), "-o", str(out), "--resume"])
    assert result.exit_code == 2
    assert "other inputs" in result.stderr and "mix" in result.stderr
    assert partial.read_text() == before and not out.exists()
    # the same inputs with another publication date would mix two kinds of record too
    result = runner.invoke(app, ["extract", str(stories), "-o", str(out), "--resume", "--published", "2020-01-01"])
    assert result.exit_code == 2
    # standard input cannot be checked at all
    result = runner.invoke(app, ["extract", "-", "-o", str(out), "--resume"], input=stories.read_text())
    assert result.exit_code == 2 and "standard input" in result.stderr
    assert partial.read_text() == before


def test_evaluate_seed_json_report_is_perfect():
    result = runner.invoke(app, ["evaluate", str(SEED_GOLD), "--json", "--min-f1", "1.0", "-q"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert set(report) == {"officials", "organizations", "amounts", "dates"}
    for kind, levels in report.items():
        assert set(levels) == {"span", "strict", "record"}
        assert levels["record"]["f"] == 1.0, kind


def test_evaluate_predictions_misses_and_min_f1(tmp_path):
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    predicted = {key: gold[key] for key in ("id", "text", "published")} | {"dates": gold["dates"][:4]}
    predictions = tmp_path / "pred.jsonl"
    predictions.write_text(json.dumps(predicted) + "\n")
    result = runner.invoke(app, ["evaluate", str(SEED_GOLD), "--predictions", str(predictions), "--misses", "--min-f1", "0.5"])
    assert result.exit_code == 1
    assert "miss" in result.stdout and "Last year" in result.stdout
    assert "record F1 below 0.5" in result.stderr


def test_schema_command_validates_sample_output(tmp_path):
    import jsonschema

    schema = json.loads(runner.invoke(app, ["schema"]).stdout)
    result = runner.invoke(app, ["extract", str(SAMPLES / "stories.jsonl"), "-q"])
    records = lines_of(result.stdout)
    assert len(records) == len((SAMPLES / "stories.jsonl").read_text().splitlines())
    for record in records:
        jsonschema.validate(record, schema)
    jsonschema.validate({"id": "x", "error": {"kind": "json", "message": "m"}, "meta": None}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"id": "x", "text": "t", "amounts": [{"start": 0}]}, schema)


@pytest.mark.slow
def test_real_subprocess_two_workers_match_one(tmp_path):
    base = [sys.executable, "-m", "wirefacts", "extract", str(SAMPLES / "stories.jsonl"), "-q"]
    one = subprocess.run(base, capture_output=True, text=True, timeout=300, cwd=ROOT)
    two = subprocess.run(base + ["--workers", "2", "--batch-size", "4"], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert one.returncode == 0 and two.returncode == 0, one.stderr + two.stderr
    assert one.stdout == two.stdout
    assert len(one.stdout.splitlines()) == 27


@pytest.mark.parametrize("line", ['{"id": "x", "te', "[1, 2]"])
def test_evaluate_broken_predictions_line_is_a_usage_error(tmp_path, line):
    predictions = tmp_path / "pred.jsonl"
    predictions.write_text(line + "\n")
    result = runner.invoke(app, ["evaluate", str(SEED_GOLD), "--predictions", str(predictions)])
    assert result.exit_code == 2
    assert f"{predictions}:1" in result.stderr
