"""The edges a new user hits (issue 9's table), row by row: through CliRunner, and as a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from tests.conftest import ROOT, SAMPLES
from wirefacts.cli import app

runner = CliRunner()
SEED_GOLD = SAMPLES / "gold" / "seed.jsonl"
STORY = "Treasury Secretary James Baker said on Monday the dollar fell 2 pct."


def lines_of(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def wirefacts(*args: str, stdin: str | None = None, cwd=ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "wirefacts", *args], input=stdin, capture_output=True, text=True, timeout=300, cwd=cwd
    )


@pytest.fixture
def story_file(tmp_path):
    path = tmp_path / "stories.jsonl"
    path.write_text(json.dumps({"id": "a", "text": STORY}) + "\n", encoding="utf-8")
    return path


# --- nothing the user owns is overwritten or mixed -----------------------------------------------------------


def test_output_naming_an_input_is_refused_before_writing(story_file):
    before = story_file.read_bytes()
    hard_link = story_file.with_name("same.jsonl")
    os.link(story_file, hard_link)
    for output in (story_file, story_file.parent / "." / story_file.name, hard_link):
        result = runner.invoke(app, ["extract", str(story_file), "-o", str(output)])
        assert result.exit_code == 2
        assert "that is an input" in result.stderr
    assert story_file.read_bytes() == before
    assert sorted(path.name for path in story_file.parent.iterdir()) == ["same.jsonl", "stories.jsonl"]


def test_output_inside_an_input_folder_that_is_one_of_its_stories_is_refused(tmp_path, story_file):
    result = runner.invoke(app, ["extract", str(tmp_path), "-o", str(story_file)])
    assert result.exit_code == 2 and "that is an input" in result.stderr


@pytest.mark.parametrize("where", ["under-a-file", "folder"])
def test_output_that_cannot_be_created_is_a_usage_error(tmp_path, story_file, where):
    output = story_file / "out.jsonl" if where == "under-a-file" else tmp_path
    result = runner.invoke(app, ["extract", str(story_file), "-o", str(output)])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("error:") and str(output) in result.stderr.replace("\n", "")
    assert result.exception is None or isinstance(result.exception, SystemExit)


# --- inputs a person types -----------------------------------------------------------------------------------


def test_directory_without_stories_says_what_was_looked_for(tmp_path):
    (tmp_path / "notes.md").write_text("not a story")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "story.txt").write_text(STORY)
    result = runner.invoke(app, ["extract", str(tmp_path)])
    assert result.exit_code == 2
    assert "no stories there" in result.stderr and ".txt and .jsonl" in result.stderr


def test_plain_text_on_stdin_is_refused_with_the_hint():
    result = runner.invoke(app, ["extract", "-"], input=STORY + "\nA second line.\n")
    assert result.exit_code == 2
    assert "--stdin-format text" in result.stderr
    assert result.stdout == ""


def test_plain_text_on_stdin_as_one_story():
    result = runner.invoke(app, ["extract", "-", "--stdin-format", "text", "-q"], input=STORY + "\nMore.\n")
    assert result.exit_code == 0, result.output
    [record] = lines_of(result.stdout)
    assert record["id"] == "stdin" and record["text"] == STORY + "\nMore.\n"
    assert [o["name"] for o in record["officials"]] == ["James Baker"]


def test_encoding_option_reads_latin1_and_cp1252_and_still_reports_bytes_that_do_not_decode(tmp_path):
    (tmp_path / "latin.txt").write_bytes("Finance Minister Jos\xe9 Ru\xedz said profit rose 5 pct.".encode("latin-1"))
    (tmp_path / "windows.txt").write_bytes(b"Profit rose 5 pct \x96 a record.")  # an en dash in cp1252
    (tmp_path / "undefined.txt").write_bytes(b"Profit rose \x81 5 pct.")  # 0x81 is not a cp1252 character
    utf8 = runner.invoke(app, ["extract", str(tmp_path), "-q"])
    assert [r["error"]["kind"] for r in lines_of(utf8.stdout)] == ["encoding"] * 3
    result = runner.invoke(app, ["extract", str(tmp_path), "--encoding", "cp1252", "-q"])
    assert result.exit_code == 1
    latin, undefined, windows = lines_of(result.stdout)
    assert "Jos\u00e9 Ru\u00edz" in latin["text"] and windows["text"].count("\u2013") == 1
    assert undefined["error"]["kind"] == "encoding" and "CP1252" in undefined["error"]["message"]
    assert runner.invoke(app, ["extract", str(tmp_path), "--encoding", "klingon"]).exit_code == 2


@pytest.mark.parametrize("value", ["zero", "0", "-1", "1.5", ""])
def test_workers_is_validated_with_a_clear_message(value):
    result = runner.invoke(app, ["extract", "-", "--workers", value], input="")
    assert result.exit_code == 2
    assert "is not a number of workers" in result.stderr and "auto" in result.stderr
    assert "invalid literal" not in result.stderr


def test_workers_auto_and_numbers_are_taken():
    from wirefacts.cli import _workers_option

    assert _workers_option("auto") >= 1 and _workers_option(" 3 ") == 3 and _workers_option("AUTO") >= 1


def test_the_official_model_name_loads_the_installed_model(story_file):
    result = runner.invoke(app, ["extract", str(story_file), "--model", "en_core_web_sm", "-q"])
    assert result.exit_code == 0, result.output
    missing = runner.invoke(app, ["extract", str(story_file), "--model", "en_core_web_xx"])
    assert missing.exit_code == 2
    assert "'en_core_web_xx' is not installed" in missing.stderr
    assert "en_core_web_sm 3.8.0" in missing.stderr  # names the default, not the model that is missing


# --- evaluate tells the truth about its inputs ---------------------------------------------------------------


def _predictions(tmp_path, ids: list[str]):
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    path = tmp_path / "pred.jsonl"
    path.write_text("".join(json.dumps({"id": story_id, "text": gold["text"]}) + "\n" for story_id in ids))
    return path


def test_evaluate_with_no_id_in_common_is_an_error(tmp_path):
    result = runner.invoke(app, ["evaluate", str(SEED_GOLD), "--predictions", str(_predictions(tmp_path, ["x", "y"]))])
    assert result.exit_code == 2
    assert "no prediction id is a gold id" in result.stderr
    assert "'x'" in result.stderr and "ians" in result.stderr


def test_evaluate_counts_ids_that_do_not_pair_up(tmp_path):
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    seed = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    (gold_dir / "two.jsonl").write_text(json.dumps(seed) + "\n" + json.dumps(seed | {"id": "unpredicted"}) + "\n")
    predictions = _predictions(tmp_path, [seed["id"], "stray-1", "stray-2"])
    result = runner.invoke(app, ["evaluate", str(gold_dir), "--predictions", str(predictions), "--json"])
    assert result.exit_code == 0, result.output
    assert "2 prediction ids are not in the gold" in result.stderr and "'stray-1'" in result.stderr
    assert "1 of 2 gold stories have no prediction" in result.stderr and "'unpredicted'" in result.stderr
    json.loads(result.stdout)  # the report on stdout stays machine-readable


def test_evaluate_misses_do_not_wrap_when_piped(tmp_path):
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    predictions = tmp_path / "pred.jsonl"
    predictions.write_text(json.dumps({key: gold[key] for key in ("id", "text")}) + "\n")
    result = runner.invoke(app, ["evaluate", str(SEED_GOLD), "--predictions", str(predictions), "--misses"])
    gold_lines = [line for line in result.stdout.splitlines() if line.startswith("    gold: ")]
    assert gold_lines and max(len(line) for line in gold_lines) > 100
    for line in gold_lines:
        json.loads(line.removeprefix("    gold: "))  # each item whole on its line


# --- help that reads well ------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", [[], ["extract"], ["evaluate"], ["bench"], ["schema"]])
def test_help_has_no_type_noise_and_documents_exit_statuses(command):
    result = runner.invoke(app, [*command, "--help"], terminal_width=200)
    assert result.exit_code == 0
    assert "<bool>" not in result.stdout and "list[str]" not in result.stdout
    if command in ([], ["extract"], ["evaluate"]):
        text = " ".join(result.stdout.split())
        assert all(f"{code} " in text for code in ("0", "1", "2", "130")) and "Exit status" in text


def test_bench_finds_its_corpus_from_any_folder(tmp_path, monkeypatch):
    from wirefacts import bench

    found = bench.default_corpus(start=tmp_path)
    if found is None:
        pytest.skip("no shared corpora beside this checkout")
    assert found.is_file() and found.name == "reuters21578.jsonl"


def test_bench_without_a_corpus_asks_for_one(monkeypatch):
    from wirefacts import bench

    monkeypatch.setattr(bench, "default_corpus", lambda start=None: None)
    result = runner.invoke(app, ["bench"])
    assert result.exit_code == 2
    assert "wirefacts bench STORIES.jsonl" in result.stderr


# --- the same, as a user runs them -----------------------------------------------------------------------------


@pytest.mark.slow
def test_table_rows_as_a_real_subprocess(tmp_path, story_file):
    clobber = wirefacts("extract", str(story_file), "-o", str(story_file))
    assert clobber.returncode == 2 and "that is an input" in clobber.stderr
    assert story_file.read_text(encoding="utf-8").startswith('{"id": "a"')
    unwritable = wirefacts("extract", str(story_file), "-o", str(story_file / "out.jsonl"))
    assert unwritable.returncode == 2 and "Traceback" not in unwritable.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    assert wirefacts("extract", str(empty)).returncode == 2
    plain = wirefacts("extract", "-", stdin=STORY + "\n")
    assert plain.returncode == 2 and "--stdin-format text" in plain.stderr
    as_text = wirefacts("extract", "-", "--stdin-format", "text", "-q", stdin=STORY + "\n")
    assert as_text.returncode == 0 and json.loads(as_text.stdout)["officials"][0]["name"] == "James Baker"
    workers = wirefacts("extract", "-", "--workers", "zero", stdin="")
    assert workers.returncode == 2 and "not a number of workers" in workers.stderr
    no_common = wirefacts("evaluate", str(SEED_GOLD), "--predictions", str(_predictions(tmp_path, ["x"])))
    assert no_common.returncode == 2 and "no prediction id is a gold id" in no_common.stderr
    for result in (clobber, unwritable, plain, workers, no_common):
        assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_bench_from_another_folder_finds_its_corpus(tmp_path):
    """A fresh shell in an unrelated folder: the lookup does not depend on the working folder."""
    expected = (ROOT.parent / "shared" / "corpora" / "reuters21578" / "reuters21578.jsonl").resolve()
    script = "from wirefacts.bench import default_corpus; print(default_corpus())"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (str(expected) if expected.exists() else "None")
