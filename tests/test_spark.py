"""The Spark engine on a local[2] session: the local engine's records, one row per input, a derived schema."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from wirefacts.cli import app
from tests.conftest import ROOT, SAMPLES

pytest.importorskip("pyspark", reason="the Spark engine's tests need the 'spark' extra")
spark_module = pytest.importorskip("wirefacts.spark")

HOSTILE = Path(__file__).resolve().parent / "hostile"
runner = CliRunner()


def kind_of(line: dict) -> str:
    return line["error"]["kind"] if line.get("error") else "record"


@pytest.fixture(scope="module")
def spark():
    if spark_module.java_problem():
        pytest.fail(spark_module.java_problem())
    session = spark_module.spark_session("local[2]", app_name="wirefacts-tests")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def local_lines() -> dict[str, str]:
    """The local engine's output for samples/, by id."""
    result = runner.invoke(app, ["extract", str(SAMPLES), "--quiet"])
    assert result.exit_code == 0, result.output
    return {json.loads(line)["id"]: line for line in result.stdout.splitlines()}


@pytest.fixture(scope="module")
def output_json_schema() -> dict:
    return json.loads(runner.invoke(app, ["schema"]).stdout)


def read_part_files(folder: Path) -> list[str]:
    return [line for part in sorted(folder.glob("part-*")) for line in part.read_text(encoding="utf-8").splitlines()]


def test_schema_is_derived_from_the_models_and_stays_nested():
    from pyspark.sql.types import ArrayType, DoubleType, StringType, StructType

    from wirefacts.schema import ErrorRecord, Official, StoryRecord

    schema = spark_module.output_schema()
    assert schema.fieldNames() == list(dict.fromkeys([*StoryRecord.model_fields, *ErrorRecord.model_fields]))
    officials = schema["officials"].dataType
    assert isinstance(officials, ArrayType) and isinstance(officials.elementType, StructType)
    assert officials.elementType.fieldNames() == list(Official.model_fields)
    assert isinstance(officials.elementType["title_mention"].dataType, StructType)  # an optional Mention
    mention = officials.elementType["mentions"].dataType.elementType
    assert mention["start"].nullable is False and mention["text"].nullable is False
    assert isinstance(schema["amounts"].dataType.elementType["value"].dataType, DoubleType)  # int | float
    assert isinstance(schema["meta"].dataType, StringType)  # free-form: JSON text
    assert schema["error"].dataType.fieldNames() == ["kind", "message"]


def test_cli_through_spark_gives_the_local_records_line_for_line(spark, local_lines, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(app, ["extract", str(SAMPLES), "-o", str(out), "--engine", "spark", "--quiet"])
    assert result.exit_code == 0, result.output
    lines = read_part_files(out)
    assert len(lines) == len(local_lines)
    assert {json.loads(line)["id"]: line for line in lines} == local_lines


def test_dataframe_api_gives_the_local_records_field_for_field(spark, local_lines):
    stories = spark.read.json(str(SAMPLES / "stories.jsonl"))
    rows = spark_module.extract_dataframe(stories).collect()
    records = {row.id: spark_module.record_from_row(row.asDict(recursive=True)) for row in rows}
    assert records.keys() == local_lines.keys()
    for story_id, line in local_lines.items():
        assert records[story_id] == json.loads(line), story_id  # 5 == 5.0: int|float amounts are doubles


def test_bad_rows_become_error_records_and_other_columns_go_to_meta(spark):
    rows = [
        ("ok", "Profits rose 4 pct on Monday.", "1987-03-02", "wire"),
        (None, "a story without an id", None, "wire"),
        ("no-text", None, None, "wire"),
        ("bad-date", "Sales rose 3 pct.", "next Tuesday", "wire"),
    ]
    stories = spark.createDataFrame(rows, "id string, text string, published string, source string")
    out = {row.id: row for row in spark_module.extract_dataframe(stories).collect()}
    assert len(out) == 4
    assert out["ok"].error is None and json.loads(out["ok"].meta) == {"source": "wire"}
    assert out["ok"].amounts[0].value == 4 and out["ok"].amounts[0].kind == "percent"
    assert out["no-text"].error.kind == "invalid" and out["bad-date"].error.kind == "invalid"
    [unnamed] = [row for story_id, row in out.items() if story_id not in {"ok", "no-text", "bad-date"}]
    assert unnamed.error.kind == "invalid" and unnamed.id.startswith("partition ")


def test_hostile_corpus_one_row_per_input_and_no_failed_job(spark, tmp_path):
    out = tmp_path / "hostile"
    result = runner.invoke(
        app, ["extract", str(HOSTILE), "-o", str(out), "--engine", "spark", "--published", "1987-03-03"]
    )
    local = runner.invoke(app, ["extract", str(HOSTILE), "--published", "1987-03-03", "--quiet"])
    assert result.exit_code == local.exit_code == 1, result.output  # some stories are errors, none is lost
    assert "Traceback" not in result.output
    lines = [json.loads(line) for line in read_part_files(out)]
    local_lines = [json.loads(line) for line in local.stdout.splitlines()]
    assert Counter(map(kind_of, lines)) == Counter(map(kind_of, local_lines))
    assert "26 stories read, 15 records, 11 errors" in result.output
    by_id = {line["id"]: line for line in lines}
    assert by_id["06-empty"]["text"] == ""  # Spark skips empty files; an empty story still gets its record
    assert by_id["04-latin1"]["error"]["kind"] == "encoding"


def test_parquet_round_trip_validates_against_the_schema(spark, tmp_path, output_json_schema):
    from wirefacts.schema import ErrorRecord, StoryRecord

    out = tmp_path / "parquet"
    result = runner.invoke(
        app, ["extract", str(SAMPLES), str(HOSTILE), "-o", str(out), "--engine", "spark", "--format", "parquet", "-q"]
    )
    assert result.exit_code == 1, result.output
    table = spark.read.parquet(str(out))
    rows = table.collect()
    assert len(rows) == 27 + 26
    for row in rows:
        record = spark_module.record_from_row(row.asDict(recursive=True))
        jsonschema.validate(record, output_json_schema)
        (ErrorRecord if "error" in record else StoryRecord).model_validate(record)  # offsets true
    from pyspark.sql import functions as F

    officials = table.select(F.explode("officials").alias("official")).select("official.name")
    assert "Thomas Enders" in {row.name for row in officials.collect()}


def test_spark_output_directory_must_be_new(spark, tmp_path):
    result = runner.invoke(app, ["extract", str(SAMPLES), "-o", str(tmp_path), "--engine", "spark"])
    assert result.exit_code == 2 and "already exists" in result.output


def test_missing_java_is_a_clear_error_with_the_fix(tmp_path):
    env = {**os.environ, "JAVA_HOME": str(tmp_path / "no-java"), "PATH": str(Path(sys.executable).parent)}
    result = subprocess.run(
        [sys.executable, "-m", "wirefacts", "extract", str(SAMPLES), "-o", str(tmp_path / "out"), "--engine", "spark"],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=120,
    )
    assert result.returncode == 2
    assert "Java 17" in result.stderr and "openjdk-17-jre-headless" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_pyspark_is_a_clear_error_with_the_fix(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "pyspark", None)  # import pyspark now raises ImportError
    result = runner.invoke(app, ["extract", str(SAMPLES), "-o", str(tmp_path / "out"), "--engine", "spark"])
    assert result.exit_code == 2
    assert "pip install 'wirefacts[spark]'" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_the_local_engine_imports_nothing_of_spark():
    code = (
        "import sys; from typer.testing import CliRunner; from wirefacts.cli import app; "
        "result = CliRunner().invoke(app, ['extract', '--help']); "
        "assert result.exit_code == 0; print(sorted(m for m in sys.modules if m.startswith(('pyspark', 'py4j'))))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_parquet_output_needs_the_spark_engine():
    result = runner.invoke(app, ["extract", str(SAMPLES), "--format", "parquet"])
    assert result.exit_code == 2 and "--engine spark" in result.output


def test_local_jvm_maps_spark_classes_from_an_archive_once_written(tmp_path, monkeypatch):
    archive = tmp_path / "cache" / "spark-classes.jsa"
    options, partial = spark_module._local_jvm_options(archive, create_archive=False)
    assert partial is None and "SharedArchiveFile" not in options and "ArchiveClassesAtExit" not in options
    options, partial = spark_module._local_jvm_options(archive, create_archive=True)
    assert f"-XX:ArchiveClassesAtExit={partial}" in options and partial.parent == archive.parent
    archive.write_bytes(b"archive")
    options, partial = spark_module._local_jvm_options(archive, create_archive=True)
    assert partial is None and f"-XX:SharedArchiveFile={archive}" in options
    monkeypatch.setenv("WIREFACTS_SPARK_CDS", "0")
    assert spark_module.class_archive() is None


def test_a_failed_job_is_one_clear_error_not_a_traceback(spark, tmp_path):
    broken_model = tmp_path / "broken-model"  # found on the driver, unloadable on the workers
    broken_model.mkdir()
    (broken_model / "config.cfg").write_text("not a spaCy config\n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["extract", str(SAMPLES), "-o", str(out), "--engine", "spark", "--model", str(broken_model)]
    )
    assert result.exit_code == 3, result.output
    assert "the Spark job failed" in result.output and "Traceback" not in result.output


def test_a_record_beyond_the_parquet_types_becomes_an_error_row_not_a_failed_task():
    from wirefacts.schema import Amount, StoryRecord

    text = "Debt hit 99999999999999999999 dlrs."
    figure = text.index("9")

    def record(value):
        amount = Amount(start=figure, end=figure + 25, text=text[figure : figure + 25], kind="money", value=value)
        return StoryRecord(id="huge", text=text, amounts=[amount])

    [fits] = spark_module.records_batch([record(99999999999999999999)]).to_pylist()
    assert fits["error"] is None and fits["amounts"][0]["value"] == 1e20  # an int beyond 2**53: a double
    [too_big] = spark_module.records_batch([record(10**400)]).to_pylist()
    assert too_big["id"] == "huge" and too_big["error"]["kind"] == "output"


def test_parquet_input_gives_the_records_of_the_same_stories_as_jsonl(spark, local_lines, tmp_path):
    stories = tmp_path / "stories.parquet"
    spark.read.json(str(SAMPLES / "stories.jsonl")).write.parquet(str(stories))
    out = tmp_path / "out"
    result = runner.invoke(app, ["extract", str(stories), "-o", str(out), "--engine", "spark", "-q"])
    assert result.exit_code == 0, result.output
    assert {json.loads(line)["id"]: json.loads(line) for line in read_part_files(out)} == {
        story_id: json.loads(line) for story_id, line in local_lines.items()
    }


def test_a_broken_line_is_named_by_its_file_and_line_within_its_split():
    settings = spark_module.ReadSettings(file_order={"/data/0.jsonl": 0, "/data/a.jsonl": 1})
    read = spark_module.json_line_reader(settings)
    rows = [
        {"file": "file:/data/a.jsonl", "block_start": 0, "value": b'{"id": "ok", "text": "x"}\n'},
        {"file": "file:/data/a.jsonl", "block_start": 0, "value": b"{broken\n"},
        {"file": "file:/data/a.jsonl", "block_start": 4096, "value": b"[1]\n"},
        {"file": "file:/data/a.jsonl", "block_start": 4096, "value": b"\n"},  # a blank line is no story
    ]
    placed = [read(row) for row in rows]
    assert [position for position, _ in placed] == [(1, 0, 1), (1, 0, 2), (1, 4096, 1), (1, 4096, 2)]
    ok, broken, listed, blank = (item for _, item in placed)
    assert ok.id == "ok" and blank is None
    assert (broken.id, broken.error.kind) == ("/data/a.jsonl:2", "json")
    assert (listed.id, listed.error.kind) == ("/data/a.jsonl:@4096+1", "json")


def local_run(*arguments: str) -> tuple[int, list[str]]:
    result = runner.invoke(app, ["extract", *arguments, "--quiet"])
    return result.exit_code, result.stdout.splitlines()


def write_jsonl(path: Path, stories: list[dict]) -> Path:
    path.write_text("".join(json.dumps(story) + "\n" for story in stories), encoding="utf-8")
    return path


def test_repeated_ids_are_duplicates_after_the_first_story_in_input_order_as_locally(spark, tmp_path):
    """The first story of an id is the first in the input order (files in argument order, lines in file
    order), even when the file is cut into splits that run in parallel and finish in any order."""
    story = "Finance Minister Jose Ruiz said on Monday profits rose {} pct."
    first = write_jsonl(tmp_path / "a.jsonl", [{"id": f"s{i}", "text": story.format(i)} for i in range(300)]
                        + [{"id": "s7", "text": "a later s7"}, {"id": "late", "text": story.format(1)}])
    folder = tmp_path / "more"
    folder.mkdir()
    write_jsonl(folder / "b.jsonl", [{"id": "late", "text": "again"}, {"id": "s299", "text": "s299 again"}])
    (folder / "s3.txt").write_text("A text file named like an earlier story.", encoding="utf-8")
    out = tmp_path / "out"
    spark.conf.set("spark.sql.files.maxPartitionBytes", "4096")  # a.jsonl: several splits
    try:
        result = runner.invoke(app, ["extract", str(first), str(folder), "-o", str(out), "--engine", "spark", "-q"])
    finally:
        spark.conf.unset("spark.sql.files.maxPartitionBytes")
    assert result.exit_code == 1, result.output
    local_code, local = local_run(str(first), str(folder))
    assert local_code == 1
    assert sorted(read_part_files(out)) == sorted(local)  # the same lines, duplicate_id records included
    duplicates = [json.loads(line) for line in local if '"duplicate_id"' in line]
    assert sorted(line["id"] for line in duplicates) == ["late", "s299", "s3", "s7"]


def test_story_limits_are_the_local_engines(spark, tmp_path):
    stories = write_jsonl(tmp_path / "in.jsonl", [{"id": "short", "text": "Sales rose."}, {"id": "long", "text": "x " * 40}])
    out = tmp_path / "out"
    result = runner.invoke(app, ["extract", str(stories), "-o", str(out), "--engine", "spark", "--max-chars", "30", "-q"])
    assert result.exit_code == 1, result.output
    assert sorted(read_part_files(out)) == sorted(local_run(str(stories), "--max-chars", "30")[1])


def test_a_local_master_retries_failed_tasks():
    assert spark_module.with_task_retries("local[2]") == "local[2,4]"
    assert spark_module.with_task_retries("local[*]") == "local[*,4]"
    assert spark_module.with_task_retries("local") == "local[1,4]"
    assert spark_module.with_task_retries("local[2,3]") == "local[2,3]"  # the caller's own number of tries
    assert spark_module.with_task_retries("spark://host:7077") == "spark://host:7077"


FATAL = "this story kills the process that extracts it"


def partition_with_a_fatal_story(arrow_batches, **options):
    """The engine's own partition function, in a worker where extracting a batch that holds the FATAL story
    kills the process outright (as the kernel's OOM killer would): no exception, no clean-up."""
    import signal

    import wirefacts.extract as extraction
    from wirefacts import spark as engine

    extract_batch = extraction.extract_batch

    def fatal(nlp, batch, *more):
        if any(FATAL in getattr(item, "text", "") for item in batch):
            os.kill(os.getpid(), signal.SIGKILL)
        return extract_batch(nlp, batch, *more)

    extraction.extract_batch = fatal
    try:
        yield from engine.extract_partition(arrow_batches, **options)
    finally:
        extraction.extract_batch = extract_batch


def test_a_story_that_kills_its_worker_is_an_error_record_not_a_failed_job(spark, monkeypatch):
    from pyspark import cloudpickle

    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the workers cannot import the tests
    monkeypatch.setattr(spark_module, "extract_partition", partition_with_a_fatal_story)
    texts = [f"Treasury Secretary James Baker said on Monday the dollar fell {i} pct." for i in range(7)]
    texts[4] = f"Minister Ana Lopez said {FATAL}."
    stories = spark.createDataFrame([(f"s{i}", text) for i, text in enumerate(texts)], "id string, text string")
    rows = spark_module.extract_dataframe(stories.coalesce(1), batch_size=3).collect()
    by_id = {row.id: row for row in rows}
    assert len(rows) == len(texts) and len(by_id) == len(texts)
    assert by_id["s4"].error.kind == "worker_crash"
    assert by_id["s4"].error.message == "the worker process died while extracting this story"  # as --workers says
    assert all(by_id[f"s{i}"].error is None and by_id[f"s{i}"].officials for i in (0, 1, 2, 3, 5, 6))


def test_ids_of_small_local_inputs_are_checked_on_the_driver(tmp_path):
    """While the JVM starts, the driver reads small local .jsonl and .txt inputs as the executors do: no id
    pass when every id is unique; the id pass (which knows Spark's positions) when one repeats or when the
    driver cannot tell."""
    stories = write_jsonl(tmp_path / "a.jsonl", [{"id": "x", "text": "One."}, {"id": " 42 ", "text": "Two."}, {"text": "?"}])
    assert spark_module.local_ids_unique([str(SAMPLES)]) is True
    assert spark_module.local_ids_unique([str(stories), f"file:{tmp_path}"]) is False  # the same file twice
    (tmp_path / "42.txt").write_text("A story whose file name is an id read above.", encoding="utf-8")
    assert spark_module.local_ids_unique([str(stories)]) is True
    assert spark_module.local_ids_unique([str(tmp_path)]) is False  # a.jsonl's ' 42 ' is 42.txt's id
    assert spark_module.local_ids_unique(["s3a://bucket/stories.jsonl"]) is None
    (tmp_path / "more.jsonl.gz").write_bytes(b"")
    assert spark_module.local_ids_unique([str(tmp_path)]) is None  # Spark reads it decompressed
