"""`wirefacts export`: one tidy table per type, row counts equal to the facts, typed Parquet columns."""

from __future__ import annotations

import csv
import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from tests.conftest import ROOT
from wirefacts.api import read_records
from wirefacts.cli import app
from wirefacts.schema import ErrorRecord, StoryRecord
from wirefacts.views.export import COLUMNS, TABLES, ExportRefused, calendar_days, export_tables

runner = CliRunner()
RECORDS = ROOT / "tests" / "golden" / "samples.jsonl"
SEED_ID = "ians-2025-01-13-korea-israel"


@pytest.fixture(scope="module")
def records():
    """The samples' records plus one error record: every kind of output line."""
    error = ErrorRecord(id="broken", error={"kind": "encoding", "message": "not UTF-8"})
    return [*read_records(RECORDS), error]


def facts_in(records) -> dict[str, int]:
    stories = [r for r in records if isinstance(r, StoryRecord)]
    return {
        "stories": len(records),
        "officials": sum(len(r.officials) for r in stories),
        "organizations": sum(len(r.organizations) for r in stories),
        "mentions": sum(len(e.mentions) for r in stories for e in (*r.officials, *r.organizations)),
        "amounts": sum(len(r.amounts) for r in stories),
        "dates": sum(len(r.dates) for r in stories),
    }


def read_csv(path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def test_csv_row_counts_equal_the_facts(records, tmp_path):
    counts = export_tables(records, tmp_path / "t", "csv")
    expected = facts_in(records)
    assert counts == expected and all(expected.values())
    for table in TABLES:
        rows = read_csv(tmp_path / "t" / f"{table}.csv")
        assert len(rows) == expected[table]
        assert list(rows[0]) == [name for name, _ in COLUMNS[table]]


def test_rows_are_keyed_by_story_with_offsets_into_the_text(records, tmp_path):
    export_tables(records, tmp_path, "csv")
    texts = {r.id: r.text for r in records if isinstance(r, StoryRecord)}
    for table in ("mentions", "amounts", "dates"):
        for row in read_csv(tmp_path / f"{table}.csv"):
            assert texts[row["story_id"]][int(row["start"]) : int(row["end"])] == row["text"]
    for row in read_csv(tmp_path / "officials.csv"):
        if row["title_start"]:
            title = texts[row["story_id"]][int(row["title_start"]) : int(row["title_end"])]
            assert " ".join(title.split()) == row["title"]
    organizations = {(row["story_id"], row["organization_index"]): row["name"] for row in read_csv(tmp_path / "organizations.csv")}
    linked = [row for row in read_csv(tmp_path / "officials.csv") if row["organization_index"]]
    assert linked and all(organizations[(row["story_id"], row["organization_index"])] == row["organization"] for row in linked)
    [broken] = [row for row in read_csv(tmp_path / "stories.csv") if row["story_id"] == "broken"]
    assert (broken["error_kind"], broken["error_message"], broken["officials"]) == ("encoding", "not UTF-8", "")


def test_parquet_has_typed_columns(records, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet", reason="pyarrow is in the test extra: pip install -e '.[test]'")
    import pyarrow as pa

    counts = export_tables(records, tmp_path, "parquet")
    amounts = pq.read_table(tmp_path / "amounts.parquet")
    assert amounts.num_rows == counts["amounts"]
    assert amounts.schema.field("value").type == pa.float64() and amounts.schema.field("start").type == pa.int64()
    dates = pq.read_table(tmp_path / "dates.parquet")
    assert dates.schema.field("first_day").type == pa.date32()
    stories = pq.read_table(tmp_path / "stories.parquet").to_pylist()
    seed = next(row for row in stories if row["story_id"] == SEED_ID)
    assert seed["published"] == dt.date(2025, 1, 13) and seed["dateline_date"] == dt.date(2025, 1, 13)
    money = [row for row in amounts.to_pylist() if row["story_id"] == SEED_ID]
    assert {(row["text"], row["value"], row["currency"], row["period"]) for row in money} >= {("$8 million", 8e6, "USD", "year")}
    for table in TABLES:
        assert pq.read_table(tmp_path / f"{table}.parquet").num_rows == counts[table]


def test_an_empty_table_keeps_its_typed_columns(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    export_tables([StoryRecord(id="empty", text="")], tmp_path, "parquet")
    officials = pq.read_table(tmp_path / "officials.parquet")
    assert officials.num_rows == 0 and officials.schema.names == [name for name, _ in COLUMNS["officials"]]


@pytest.mark.parametrize(
    "value, first, last",
    [
        ("2025", "2025-01-01", "2025-12-31"),
        ("2025-Q1", "2025-01-01", "2025-03-31"),
        ("2024-02", "2024-02-01", "2024-02-29"),
        ("2025-W03", "2025-01-13", "2025-01-19"),
        ("1987-03-02", "1987-03-02", "1987-03-02"),
        ("2025-W53", None, None),  # 2025 has 52 ISO weeks
        (None, None, None),
    ],
)
def test_calendar_days(value, first, last):
    assert calendar_days(value) == (first and dt.date.fromisoformat(first), last and dt.date.fromisoformat(last))


def test_a_non_empty_directory_is_refused_without_force(records, tmp_path):
    mine = tmp_path / "notes.txt"
    mine.write_text("my notes", encoding="utf-8")
    with pytest.raises(ExportRefused, match="--force"):
        export_tables(records, tmp_path, "csv")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["notes.txt"]
    export_tables(records, tmp_path, "csv", force=True)
    assert mine.read_text(encoding="utf-8") == "my notes"
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted([f"{t}.csv" for t in TABLES] + ["notes.txt"])
    with pytest.raises(ExportRefused, match="is a file"):
        export_tables(records, mine, "csv", force=True)


def test_a_failed_export_leaves_no_half_written_tables(tmp_path):
    def broken_stream():
        yield StoryRecord(id="a", text="")
        raise RuntimeError("the input broke")

    with pytest.raises(RuntimeError):
        export_tables(broken_stream(), tmp_path / "t", "csv")
    assert list((tmp_path / "t").iterdir()) == []


def test_cli_export(tmp_path):
    out = tmp_path / "tables"
    result = runner.invoke(app, ["export", str(RECORDS), "--to", str(out)])
    assert result.exit_code == 0, result.output
    assert "stories 27" in result.stderr
    assert len(read_csv(out / "stories.csv")) == 27
    again = runner.invoke(app, ["export", str(RECORDS), "--to", str(out)])
    assert again.exit_code == 2 and "--force" in again.stderr
    wrong = runner.invoke(app, ["export", str(RECORDS), "--to", str(out), "--format", "xlsx", "--force"])
    assert wrong.exit_code == 2 and "csv, parquet" in wrong.stderr


def test_cli_export_names_a_bad_line(tmp_path):
    bad = tmp_path / "out.jsonl"
    bad.write_text(json.dumps({"id": "x", "text": "abc", "amounts": [{"start": 0, "end": 2, "text": "zz"}]}) + "\n")
    result = runner.invoke(app, ["export", str(bad), "--to", str(tmp_path / "t")])
    assert result.exit_code == 2 and "out.jsonl:1" in result.stderr


def test_cli_export_without_pyarrow_says_how_to_get_it(tmp_path, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_pyarrow(name, *args, **kwargs):
        if name.split(".")[0] == "pyarrow":
            raise ImportError("No module named 'pyarrow'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pyarrow)
    result = runner.invoke(app, ["export", str(RECORDS), "--to", str(tmp_path / "t"), "--format", "parquet"])
    assert result.exit_code == 2 and "wirefacts[tables]" in result.stderr
    assert not (tmp_path / "t").exists()
