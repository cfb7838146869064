"""The Spark engine: the same records as `extract`, computed on a Spark cluster (or `local[N]`).

Each Python worker builds the spaCy pipeline once (cached per process; Spark reuses its Python workers) and
runs `extract` itself on its partition: the same batching, memory zone and record building, one output row
per input story, a record or an error record. A broken story never fails a task.

The output schema is derived from the Pydantic models (the JSON Schema of `wirefacts schema`): officials,
organizations, amounts and dates stay nested (arrays of structs); the free-form `meta` object is a JSON
string column. Nothing here is imported unless the Spark engine is asked for.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from functools import lru_cache, partial
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wirefacts.batching import DEFAULT_BATCH_SIZE, batches
from wirefacts.io import (
    duplicate_id_record, error_record, story_fields, story_from_fields, story_from_json_line, story_from_txt_bytes,
    to_json_line, worker_crash_record,
)
from wirefacts.limits import Limits
from wirefacts.schema import ErrorRecord, StoryInput, StoryRecord
from wirefacts.spark_daemon import MODEL_VARIABLE

if TYPE_CHECKING:
    import pyarrow as pa
    from pyspark.sql import DataFrame, SparkSession
    from pyspark.sql.types import DataType, StructType

Outcome = StoryRecord | ErrorRecord
# Where a story comes in the run's input order: its file's place among the inputs, the byte offset of the file
# split it was read from, its row in that split.
Position = tuple[int, int, int]
Placed = tuple["Position | None", "StoryInput | ErrorRecord | None"]  # None: no position / a blank line
Read = Callable[[dict[str, Any]], Placed]

DEFAULT_MASTER = "local[*]"
TASK_ATTEMPTS = 4  # as spark.task.maxFailures on a cluster
# Rows per Arrow batch sent to a Python worker: small, so that a worker holds little text at a time and the
# first records come out soon; extraction still runs DEFAULT_BATCH_SIZE stories per nlp.pipe call.
ARROW_BATCH_ROWS = 256
# Input files are cut into about this many splits per core (Spark's default packs a small input into one
# split, which leaves all but one core idle). Two per core: a core that finishes early takes another split
# instead of idling while the other finishes a split that was slower than its size said; more cost more
# than they save (a task costs a few tenths of a second to start). Small files pack densely.
SPLITS_PER_CORE = 2
FILE_OPEN_COST_BYTES = 64 * 1024
# A local run is short and its JVM does little but move bytes: the client compiler starts it seconds sooner,
# and the serial collector needs no threads of its own.
# (-Xlog:cds*=off: the JVM lists every class it leaves out of a class archive on stdout, otherwise.)
LOCAL_JVM_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xlog:cds*=off"
# The archive holds the classes its first run loaded: a new generation when the engine's jobs change shape
# (2: the id pass, an aggregation), so that the archive holds what a run loads.
CLASS_ARCHIVE_GENERATION = 2
# Local .jsonl inputs up to this size have their ids checked on the driver while the JVM starts (a few
# seconds of JSON for the largest); larger or remote inputs by Spark's id pass.
LOCAL_ID_CHECK_BYTES = 256 * 1024 * 1024
FORMATS = ("jsonl", "parquet")
JSONL_SUFFIXES = (".jsonl", ".json")
COMPRESSION_SUFFIXES = (".gz", ".bz2", ".zst", ".lz4", ".snappy", ".deflate")

JAVA_FIX = (
    "Spark needs Java 17. Install it (Debian/Ubuntu: apt-get install openjdk-17-jre-headless; "
    "or run scripts/ensure_java.sh) or set JAVA_HOME to a Java 17 installation."
)
PYSPARK_FIX = "The Spark engine needs PySpark 4: pip install 'wirefacts[spark]'."


class SparkUnavailable(RuntimeError):
    """PySpark or Java is missing: the message says how to fix it."""


class SparkUsageError(ValueError):
    """An input or output the Spark engine cannot use (a usage error, not a story error)."""


class SparkJobFailed(RuntimeError):
    """The Spark job itself failed (not a story: those become error records), e.g. a lost executor or a
    Python worker that crashed more often than spark.task.maxFailures allows."""


# --- what Spark needs ----------------------------------------------------------------------------------------


def java_problem() -> str | None:
    """Why Java cannot be started, or None when a `java` is there (JAVA_HOME first, as Spark looks)."""
    java_home = os.environ.get("JAVA_HOME")
    if java_home:
        if not os.access(os.path.join(java_home, "bin", "java"), os.X_OK):
            return f"JAVA_HOME is {java_home!r} but it has no bin/java. {JAVA_FIX}"
        return None
    if shutil.which("java") is None:
        return f"no `java` found on PATH. {JAVA_FIX}"
    return None


def require_spark() -> None:
    try:
        import pyarrow  # noqa: F401
        import pyspark  # noqa: F401
    except ImportError as exc:
        raise SparkUnavailable(f"{PYSPARK_FIX} ({exc})") from None
    problem = java_problem()
    if problem:
        raise SparkUnavailable(problem)


def class_archive() -> Path | None:
    """Where this Java and this PySpark keep their class-data archive (JVM class-data sharing: Spark's classes
    mapped from one file instead of read and verified from jars), or None when WIREFACTS_SPARK_CDS=0."""
    if os.environ.get("WIREFACTS_SPARK_CDS", "1") == "0":
        return None
    import pyspark

    java_home = os.environ.get("JAVA_HOME")
    java = os.path.join(java_home, "bin", "java") if java_home else shutil.which("java") or "java"
    jars = Path(pyspark.__file__).parent / "jars"  # the archive holds only for the very jars it was made from
    stamp = jars.stat().st_mtime_ns if jars.exists() else 0
    key = f"{os.path.realpath(java)}|{jars}|{stamp}|{pyspark.__version__}|{CLASS_ARCHIVE_GENERATION}"
    key = hashlib.sha256(key.encode()).hexdigest()
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "wirefacts"
    return cache / f"spark-classes-{key[:16]}.jsa"


def _local_jvm_options(archive: Path | None, create_archive: bool) -> tuple[str, Path | None]:
    """JVM options for a local master, and the file the JVM will write a new class archive to, if any."""
    options = LOCAL_JVM_OPTIONS
    if archive is None:
        return options, None
    if archive.is_file():
        return f"{options} -XX:SharedArchiveFile={archive}", None
    if not create_archive:
        return options, None
    try:
        archive.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        return options, None
    partial = archive.with_name(f"{archive.name}.{os.getpid()}.partial")
    return f"{options} -XX:ArchiveClassesAtExit={partial}", partial


def stop_session(spark: SparkSession) -> None:
    """Stop the session; when its JVM was told to write a class archive, wait for the JVM to exit (it writes
    the archive then) and put the archive in place for the next runs."""
    partial = getattr(spark, "_wirefacts_archive_partial", None)
    process = getattr(spark.sparkContext._gateway, "proc", None)
    # PySpark's accumulator listener polls its connection once a second, and SparkContext.stop waits for the
    # poll to notice (about a second, after every run): it is stopped on a thread of its own instead.
    listener = getattr(spark.sparkContext, "_accumulatorServer", None)
    spark.sparkContext._accumulatorServer = None
    spark.stop()
    if listener is not None:
        threading.Thread(target=listener.shutdown, daemon=True).start()
    if partial is None or process is None or process.stdin is None:
        return
    process.stdin.close()  # the gateway JVM exits when its stdin closes
    try:
        process.wait(timeout=120)
    except subprocess.TimeoutExpired:
        return
    if partial.is_file() and partial.stat().st_size > 0:
        os.replace(partial, class_archive() or partial)


def session_running() -> bool:
    """Whether this process already runs a Spark context (whose settings a new session would reuse)."""
    from pyspark import SparkContext

    return SparkContext._active_spark_context is not None


def with_task_retries(master: str) -> str:
    """A local master that retries a failed task as a cluster does (local[N] tries each task once): the retry
    of a task whose worker died finds the story that killed it (see isolated_batch) instead of failing the job."""
    match = re.fullmatch(r"local(?:\[(\*|\d+)\])?", master.strip())
    return f"local[{match.group(1) or 1},{TASK_ATTEMPTS}]" if match else master


def spark_session(
    master: str = DEFAULT_MASTER,
    app_name: str = "wirefacts",
    create_class_archive: bool = False,
    model: str | None = None,
) -> SparkSession:
    """A Spark session tuned for extraction; on a local master its Python workers use this interpreter and
    its JVM maps Spark's classes from a class archive when there is one (the first run that may create it,
    `create_class_archive`, writes it when its JVM exits: see stop_session)."""
    require_spark()
    from pyspark.sql import SparkSession

    builder = (
        SparkSession.builder.master(with_task_retries(master))
        .appName(app_name)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.python.worker.reuse", "true")  # the model is loaded once per worker, not per task
        # ... and once per executor: its Python daemon builds the pipeline before it forks the workers
        .config("spark.python.daemon.module", "wirefacts.spark_daemon")
        .config(f"spark.executorEnv.{MODEL_VARIABLE}", model or "")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", str(ARROW_BATCH_ROWS))
        .config("spark.sql.files.openCostInBytes", str(FILE_OPEN_COST_BYTES))
    )
    partial = None
    if master.startswith("local") and not session_running():
        # PySpark starts its workers with $PYSPARK_PYTHON (else `python3` on PATH): on a local master, make
        # that this interpreter, whose environment holds wirefacts and the model.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        options, partial = _local_jvm_options(class_archive(), create_class_archive)
        builder = builder.config("spark.driver.extraJavaOptions", options)
    try:
        spark = builder.getOrCreate()
    except Exception as exc:  # the JVM did not start: almost always Java
        raise SparkUnavailable(f"Spark could not start ({type(exc).__name__}: {exc}). {JAVA_FIX}") from None
    spark._wirefacts_archive_partial = partial
    spark.sparkContext.setLogLevel("ERROR")
    spark.conf.set("spark.sql.files.minPartitionNum", str(SPLITS_PER_CORE * spark.sparkContext.defaultParallelism))
    return spark


# --- the output schema, derived from the Pydantic models -----------------------------------------------------


def output_json_schema() -> dict:
    """The JSON Schema of an output line, as `wirefacts schema` prints it."""
    from pydantic import TypeAdapter

    return TypeAdapter(StoryRecord | ErrorRecord).json_schema()


def output_schema() -> StructType:
    """One Spark row type for records and error records: the union of their fields, each nullable at the top
    (a record has no `error`, an error record no `text`); nested fields are nullable as the models say."""
    from pyspark.sql.types import StructField, StructType

    schema = output_json_schema()
    definitions = schema.get("$defs", {})
    properties: dict[str, dict] = {}
    for variant in schema["anyOf"]:
        properties.update(
            (name, prop) for name, prop in _resolve(variant, definitions)["properties"].items() if name not in properties
        )
    return StructType([StructField(name, _spark_type(prop, definitions), True) for name, prop in properties.items()])


def _resolve(prop: dict, definitions: dict) -> dict:
    while "$ref" in prop:
        prop = definitions[prop["$ref"].rsplit("/", 1)[-1]]
    return prop


def _spark_type(prop: dict, definitions: dict) -> DataType:
    from pyspark.sql import types as T

    prop = _resolve(prop, definitions)
    if "anyOf" in prop:
        options = [option for option in prop["anyOf"] if option.get("type") != "null"]
        if len(options) == 1:
            return _spark_type(options[0], definitions)
        if {option.get("type") for option in options} <= {"integer", "number"}:
            return T.DoubleType()  # int | float: one column type holds both
        raise TypeError(f"no Spark type for the union {prop['anyOf']}")
    kind = prop.get("type")
    if kind == "array":
        return T.ArrayType(_spark_type(prop["items"], definitions), containsNull=False)
    if kind == "object" and "properties" in prop:
        required = set(prop.get("required", ()))
        return T.StructType(
            [
                T.StructField(name, _spark_type(child, definitions), name not in required or _allows_null(child))
                for name, child in prop["properties"].items()
            ]
        )
    if kind == "object":
        return T.StringType()  # a free-form object (meta): its JSON text
    scalars = {"string": T.StringType(), "integer": T.LongType(), "number": T.DoubleType(), "boolean": T.BooleanType()}
    if kind in scalars:
        return scalars[kind]
    raise TypeError(f"no Spark type for {prop}")


def _allows_null(prop: dict) -> bool:
    return any(option.get("type") == "null" for option in prop.get("anyOf", ()))


JSON_LINE_SCHEMA = "value string"


# --- on the executors ----------------------------------------------------------------------------------------

_pipelines: dict[str | None, Any] = {}


def worker_pipeline(model: str | None):
    """The spaCy pipeline of this Python worker process, built on its first use (or inherited from the
    daemon that forked the worker: see wirefacts.spark_daemon)."""
    from wirefacts.nlp import build_pipeline, resolve_model

    name = resolve_model(model)
    if name not in _pipelines:
        _pipelines[name] = build_pipeline(name)
    return _pipelines[name]


@lru_cache(maxsize=1)
def _arrow_schema() -> pa.Schema:
    from pyspark.sql.pandas.types import to_arrow_schema

    return to_arrow_schema(output_schema())


def outcome_row(outcome: Outcome) -> dict[str, Any]:
    """A record as a row of output_schema(): the model's JSON form, with meta as JSON text."""
    row = outcome.model_dump(mode="json")
    if row.get("meta") is not None:
        row["meta"] = json.dumps(row["meta"], ensure_ascii=False)
    return row


def record_from_row(row: dict[str, Any]) -> dict[str, Any]:
    """The inverse of outcome_row: an output row (as a dict, e.g. Row.asDict(recursive=True)) back as the
    JSON object of a record or error record, valid against `wirefacts schema`."""
    meta = json.loads(row["meta"]) if row.get("meta") is not None else None
    if row.get("error") is not None:
        return {"id": row["id"], "error": row["error"], "meta": meta}
    return {**{key: value for key, value in row.items() if key != "error"}, "meta": meta}


def conform(value: Any, arrow_type: pa.DataType) -> Any:
    """A row value made to fit its Arrow type: an int in a double column (int | float in the models) becomes
    a float, as Arrow refuses ints a double cannot hold exactly."""
    import pyarrow as pa

    if value is None:
        return None
    if pa.types.is_struct(arrow_type):
        return {field.name: conform(value.get(field.name), field.type) for field in arrow_type}
    if pa.types.is_list(arrow_type):
        return [conform(item, arrow_type.value_type) for item in value]
    if pa.types.is_floating(arrow_type) and isinstance(value, int):
        return float(value)
    return value


def records_batch(outcomes: list[Outcome]) -> pa.RecordBatch:
    """Rows of output_schema(); a record that still does not fit (a value beyond a double) becomes an error
    record rather than failing the task."""
    import pyarrow as pa

    schema = _arrow_schema()
    row_type = pa.struct(list(schema))
    rows = []
    for outcome in outcomes:
        try:
            row = conform(outcome_row(outcome), row_type)
            pa.RecordBatch.from_pylist([row], schema=schema)
        except (pa.ArrowException, OverflowError, TypeError, ValueError) as exc:
            failed = error_record(outcome.id, "output", f"the record does not fit the output schema: {exc}")
            row = conform(outcome_row(failed), row_type)
        rows.append(row)
    return pa.RecordBatch.from_pylist(rows, schema=schema)


def json_lines_batch(outcomes: list[Outcome]) -> pa.RecordBatch:
    """The JSON lines that the local engine writes, byte for byte."""
    import pyarrow as pa

    return pa.RecordBatch.from_pydict({"value": [to_json_line(outcome) for outcome in outcomes]})


def outcome_kind(outcome: Outcome) -> str:
    return f"error:{outcome.error.kind}" if isinstance(outcome, ErrorRecord) else "record"


def extract_partition(
    arrow_batches: Iterator[pa.RecordBatch],
    make_reader: Callable[[], Read],
    model: str | None,
    batch_size: int,
    encode: Callable[[list[Outcome]], pa.RecordBatch],
    limits: Limits = Limits(),
    repeated=None,
    counts=None,
) -> Iterator[pa.RecordBatch]:
    """mapInArrow's function: the partition's rows read into stories, extracted `batch_size` at a time as
    `extract` does, encoded. `repeated` (a broadcast {id: position of its first story}) turns every later
    story with such an id into a duplicate_id error record. A retried task (its first attempt died, perhaps
    killed by one of its stories) extracts each batch in a forked copy of the worker: see isolated_batch."""
    from wirefacts.extract import extract_batch

    nlp = worker_pipeline(model)
    read = make_reader()
    first_positions = repeated.value if repeated is not None else {}
    rows = chain.from_iterable(batch.to_pylist() for batch in arrow_batches)
    items = (item for item in (_unique(read(row), first_positions) for row in rows) if item is not None)
    extract_one = isolated_batch if _retried_task() else extract_batch
    for batch in batches(items, batch_size):
        outcomes = extract_one(nlp, batch, limits)
        if counts is not None:
            counts.add(Counter(map(outcome_kind, outcomes)))
        yield encode(outcomes)


def _unique(placed: Placed, first_positions: dict[str, Position]) -> StoryInput | ErrorRecord | None:
    position, item = placed
    if item is not None and item.id in first_positions and position != first_positions[item.id]:
        return duplicate_id_record(item)
    return item


def _retried_task() -> bool:
    from pyspark import TaskContext

    context = TaskContext.get()
    return context is not None and context.attemptNumber() > 0


def isolated_batch(nlp, batch: list[StoryInput | ErrorRecord], limits: Limits) -> list[Outcome]:
    """extract_batch in a forked copy of this worker (the pipeline comes along, already loaded), so that a
    story that kills its process costs only itself: when the copy dies, each story of the batch runs again in
    a copy of its own, and a story whose copy dies too becomes a worker_crash error record, as with --workers."""
    from wirefacts.extract import extract_batch

    outcomes = in_forked_child(extract_batch, nlp, batch, limits)
    if outcomes is not None:
        return outcomes
    return [_isolated_story(nlp, item, limits) for item in batch]


def _isolated_story(nlp, item: StoryInput | ErrorRecord, limits: Limits) -> Outcome:
    from wirefacts.extract import extract_batch

    if isinstance(item, ErrorRecord):
        return item
    outcomes = in_forked_child(extract_batch, nlp, [item], limits)
    return outcomes[0] if outcomes else worker_crash_record(item)


def in_forked_child(function: Callable[..., Any], *args: Any) -> Any | None:
    """function(*args), computed in a forked copy of this process; None when the copy died before it had
    sent its whole answer."""
    import pickle

    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the copy: answer, then leave at once (none of the parent's clean-up may run twice)
        os.close(read_end)
        code = 1
        try:
            with os.fdopen(write_end, "wb") as answer:
                pickle.dump(function(*args), answer, protocol=pickle.HIGHEST_PROTOCOL)
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as answer:
        data = answer.read()
    try:
        _, status = os.waitpid(pid, 0)
    except ChildProcessError:  # reaped already (SIGCHLD ignored): the answer alone tells
        status = 0
    if status != 0 or not data:
        return None
    return pickle.loads(data)


class CounterParam:
    """Adds Counters (error kinds) across tasks, for a Spark accumulator."""

    def zero(self, value: Counter) -> Counter:
        return Counter()

    def addInPlace(self, total: Counter, more: Counter) -> Counter:
        total.update(more)
        return total


# --- reading rows into stories (on the executors) ------------------------------------------------------------


def _task_label() -> str:
    from pyspark import TaskContext

    context = TaskContext.get()
    return f"partition {context.partitionId()}" if context else "partition ?"


def _display_path(uri: str) -> str:
    return uri.removeprefix("file://").removeprefix("file:")


@dataclass(frozen=True)
class ReadSettings:
    """How input rows become stories, the same on every executor: as the local engine's options say, and
    where each input file comes in the run's input order (for the positions that decide which of two stories
    with one id is the first)."""

    default_published: str | None = None
    encoding: str = "utf-8"
    file_order: dict[str, int] = field(default_factory=dict)

    def place(self, uri: str) -> int:
        return self.file_order.get(_file_key(uri), len(self.file_order))


def _file_key(uri: str) -> str:
    """One spelling of a file's URI, whichever Spark API gave it ('file:/a b', 'file:///a%20b')."""
    from urllib.parse import unquote

    return unquote(_display_path(uri))


def fields_reader(settings: ReadSettings = ReadSettings()) -> Read:
    """Rows of (id, text, published, meta JSON of the other columns), as the DataFrame API passes them; a
    Parquet input's rows also carry their file and row index (their position)."""
    label, seen = _task_label(), 0

    def read(row: dict[str, Any]) -> Placed:
        nonlocal seen
        seen += 1
        item = json.loads(row["meta"]) if row.get("meta") else {}
        item.update(id=row["id"], text=row["text"], published=row.get("published"))
        position = (settings.place(row["file"]), row["row_index"], 0) if row.get("file") is not None else None
        return position, story_from_fields(story_fields(item), f"{label} row {seen}", settings.default_published)

    return read


def json_line_reader(settings: ReadSettings = ReadSettings()) -> Read:
    """Rows of one JSONL line's bytes with its file and the byte offset of its file split (line numbers count
    from the start of the split: the file's own line numbers when it is read in one piece)."""
    lines: Counter[tuple[str, int]] = Counter()

    def read(row: dict[str, Any]) -> Placed:
        key = (row["file"], row["block_start"])
        lines[key] += 1
        where = _display_path(row["file"]) + (f":@{row['block_start']}+" if row["block_start"] else ":")
        position = (settings.place(row["file"]), row["block_start"], lines[key])
        return position, story_from_json_line(row["value"], f"{where}{lines[key]}", settings.default_published)

    return read


def txt_reader(settings: ReadSettings = ReadSettings()) -> Read:
    """Rows of one .txt file's path and bytes: one story, its id the file name."""

    def read(row: dict[str, Any]) -> Placed:
        path = _display_path(row["path"])
        story_id = os.path.splitext(os.path.basename(path))[0]
        story = story_from_txt_bytes(row["content"], story_id, path, settings.default_published, settings.encoding)
        return (settings.place(row["path"]), 0, 0), story

    return read


def ids_partition(arrow_batches: Iterator[pa.RecordBatch], make_reader: Callable[[], Read]) -> Iterator[pa.RecordBatch]:
    """mapInArrow's function of the id pass: the id and position of every story (read, not extracted)."""
    import pyarrow as pa

    read = make_reader()
    for batch in arrow_batches:
        placed = (read(row) for row in batch.to_pylist())
        yield pa.RecordBatch.from_pylist(
            [
                {"id": item.id, "file": position[0], "split": position[1], "row": position[2]}
                for position, item in placed
                if item is not None and item.id is not None and position is not None
            ],
            schema=pa.schema([("id", pa.string()), ("file", pa.int64()), ("split", pa.int64()), ("row", pa.int64())]),
        )


# --- the DataFrame API ---------------------------------------------------------------------------------------


def story_columns(
    df: DataFrame, id_col: str = "id", text_col: str = "text", published_col: str = "published", keep: Iterable = ()
) -> DataFrame:
    """id, text, published, and every other column as one JSON object `meta` (as JSONL keys go to meta); the
    columns `keep` come along as they are."""
    from pyspark.sql import functions as F

    for name in (id_col, text_col):
        if name not in df.columns:
            raise SparkUsageError(f"no column {name!r} in the input (columns: {', '.join(df.columns)})")
    published = F.col(published_col) if published_col in df.columns else F.lit(None).cast("string")
    others = [name for name in df.columns if name not in (id_col, text_col, published_col)]
    meta = F.to_json(F.struct(*[F.col(name) for name in others])) if others else F.lit(None).cast("string")
    return df.select(
        F.col(id_col).alias("id"), F.col(text_col).alias("text"), published.alias("published"), meta.alias("meta"), *keep
    )


@dataclass(frozen=True)
class Source:
    """Input rows of one kind, and how to make (on an executor) the function that reads a row into a story."""

    rows: DataFrame
    make_reader: Callable[[], Read]


def _map_extract(
    source: Source,
    model: str | None,
    batch_size: int,
    as_json_lines: bool,
    limits: Limits = Limits(),
    repeated=None,
    counts=None,
) -> DataFrame:
    encode, schema = (json_lines_batch, JSON_LINE_SCHEMA) if as_json_lines else (records_batch, output_schema())
    function = partial(
        extract_partition, make_reader=source.make_reader, model=model, batch_size=batch_size, encode=encode,
        limits=limits, repeated=repeated, counts=counts,
    )
    return source.rows.mapInArrow(function, schema)


def extract_dataframe(
    df: DataFrame,
    id_col: str = "id",
    text_col: str = "text",
    published_col: str = "published",
    model: str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    default_published: str | None = None,
    limits: Limits = Limits(),
) -> DataFrame:
    """One output row per row of `df`: a record, or an error record (the `error` column set) for a row whose
    id, text or published is unusable or whose extraction failed. Columns: output_schema(); other input
    columns come back in `meta` (JSON text). A DataFrame has no input order to say which of two rows with one
    id comes first, so ids are not checked here: use dropDuplicates([id_col]) first when they may repeat.
    (`extract --engine spark` reads files, which have an order, and checks them as the local engine does.)"""
    rows = story_columns(df, id_col, text_col, published_col)
    source = Source(rows, partial(fields_reader, ReadSettings(default_published)))
    return _map_extract(source, model, batch_size, as_json_lines=False, limits=limits)


# --- the command line: paths in, a directory of part files out -----------------------------------------------


def _hadoop_fs(spark: SparkSession, uri: str):
    jvm = spark.sparkContext._jvm
    path = jvm.org.apache.hadoop.fs.Path(uri)
    return path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration()), path


def input_kind(name: str) -> str | None:
    """jsonl, txt or parquet by the file name (compression suffixes aside), or None."""
    lowered = name.lower()
    for suffix in COMPRESSION_SUFFIXES:
        lowered = lowered.removesuffix(suffix)
    if lowered.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if lowered.endswith(".txt"):
        return "txt"
    if lowered.endswith(".parquet"):
        return "parquet"
    return None


def classify_inputs(spark: SparkSession, inputs: Iterable[str]) -> tuple[dict[str, list[str]], dict[str, int]]:
    """Input files by kind, and each file's place in the input order (the arguments' order; a directory's
    files sorted by name, as the local engine reads them). A directory gives its .jsonl, .txt and .parquet
    files (hidden and _ files aside). Empty .txt files are listed apart ("empty_txt"): Spark's file sources
    skip empty files, but an empty story is still a story."""
    found: dict[str, list[str]] = {"jsonl": [], "txt": [], "parquet": [], "empty_txt": []}
    order: dict[str, int] = {}
    for raw in inputs:
        if raw == "-":
            raise SparkUsageError("the Spark engine reads paths or URIs, not stdin")
        fs, path = _hadoop_fs(spark, raw)
        if not fs.exists(path):
            raise SparkUsageError(f"{raw}: no such file or directory")
        status = fs.getFileStatus(path)
        if status.isDirectory():
            files = sorted((child for child in fs.listStatus(path) if child.isFile()), key=lambda s: s.getPath().getName())
            files = [child for child in files if not child.getPath().getName().startswith((".", "_"))]
        elif input_kind(raw):
            files = [status]
        else:
            raise SparkUsageError(f"{raw}: not a .jsonl, .txt or .parquet file")
        for file in files:
            kind = input_kind(file.getPath().getName())
            if kind == "txt" and file.getLen() == 0:
                kind = "empty_txt"
            if kind:
                uri = file.getPath().toString()
                found[kind].append(uri)
                order.setdefault(_file_key(uri), len(order))
    if not any(found.values()):
        raise SparkUsageError("no .jsonl, .txt or .parquet input found")
    return found, order


def local_ids_unique(inputs: Iterable[str], default_published: str | None = None) -> bool | None:
    """Whether every story of `inputs` has an id of its own, told here on the driver (while the JVM starts:
    Spark's id pass costs a job) when the inputs are plain .jsonl and .txt files on this machine, together at
    most LOCAL_ID_CHECK_BYTES; None when it cannot be told here (another file system, Parquet, compressed or
    larger inputs): the id pass tells then. Stories are read as the executors read them."""
    files: list[Path] = []
    for raw in inputs:
        if re.match(r"[A-Za-z][\w+.-]*:", raw) and not raw.startswith("file:"):
            return None  # s3a://, hdfs://, ...: Spark reads those
        path = Path(_display_path(raw))
        if path.is_dir() and not os.access(path, os.R_OK | os.X_OK):
            return None
        if path.is_dir():
            children = sorted(child for child in path.iterdir() if child.is_file() and not child.name.startswith((".", "_")))
            files.extend(child for child in children if input_kind(child.name))
        elif path.is_file():
            files.append(path)
        else:
            return None  # classify_inputs says what is wrong
    if any(not file.name.lower().endswith((*JSONL_SUFFIXES, ".txt")) for file in files):
        return None
    if sum(file.stat().st_size for file in files if input_kind(file.name) == "jsonl") > LOCAL_ID_CHECK_BYTES:
        return None
    seen: set[str] = set()
    try:
        for story_id in chain.from_iterable(_local_ids(file, default_published) for file in files):
            if story_id in seen:
                return False
            seen.add(story_id)
    except OSError:  # unreadable here: Spark reports it
        return None
    return True


def _local_ids(file: Path, default_published: str | None) -> Iterator[str]:
    if input_kind(file.name) == "txt":
        yield file.stem
        return
    with file.open("rb") as lines:
        for number, line in enumerate(lines, start=1):
            item = story_from_json_line(line, f"{file}:{number}", default_published)
            if item is not None and item.id is not None:
                yield item.id


def input_sources(spark: SparkSession, found: dict[str, list[str]], settings: ReadSettings) -> list[Source]:
    """The inputs as DataFrames of raw rows, each with the reader that turns its rows into stories."""
    from pyspark.sql import functions as F

    sources = []
    if found["jsonl"]:
        lines = spark.read.option("lineSep", "\n").text(found["jsonl"])
        rows = lines.select(
            F.col("value").cast("binary").alias("value"),  # the line's bytes as written: UTF-8 is checked per line
            F.col("_metadata.file_path").alias("file"),
            F.col("_metadata.file_block_start").alias("block_start"),
        )
        sources.append(Source(rows, partial(json_line_reader, settings)))
    if found["txt"]:
        rows = spark.read.format("binaryFile").load(found["txt"]).select("path", "content")
        sources.append(Source(rows, partial(txt_reader, settings)))
    if found["empty_txt"]:
        rows = spark.createDataFrame([(path, b"") for path in found["empty_txt"]], "path string, content binary")
        sources.append(Source(rows, partial(txt_reader, settings)))
    if found["parquet"]:
        table = spark.read.parquet(*found["parquet"])
        position = (F.col("_metadata.file_path").alias("file"), F.col("_metadata.row_index").alias("row_index"))
        sources.append(Source(story_columns(table, keep=position), partial(fields_reader, settings)))
    return sources


ID_SCHEMA = "id string, file long, split long, row long"


def repeated_ids(sources: list[Source]) -> dict[str, Position]:
    """Every id that more than one story has, with the position of its first story (which is extracted as
    usual; the others become duplicate_id error records, as in the local engine). A pass that only reads the
    stories, and then a shuffle of their ids alone: the texts stay where they are."""
    from pyspark.sql import functions as F

    tasks = sources[0].rows.sparkSession.sparkContext.defaultParallelism  # one per core: a task costs more to
    # start than reading its stories does (the per-split line numbers of a position need no split of its own)
    ids = [
        source.rows.coalesce(tasks).mapInArrow(partial(ids_partition, make_reader=source.make_reader), ID_SCHEMA)
        for source in sources
    ]
    every_id = ids[0]
    for more in ids[1:]:
        every_id = every_id.unionAll(more)
    repeated = (
        every_id.groupBy("id")
        .agg(F.count(F.lit(1)).alias("stories"), F.min(F.struct("file", "split", "row")).alias("first"))
        .where(F.col("stories") > 1)
    )
    return {row["id"]: tuple(row["first"]) for row in repeated.collect()}


def extract_paths(
    spark: SparkSession,
    inputs: Iterable[str],
    model: str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    default_published: str | None = None,
    as_json_lines: bool = True,
    counts=None,
    limits: Limits = Limits(),
    encoding: str = "utf-8",
    ids_unique: bool | None = None,
) -> DataFrame:
    """Output rows for every story in `inputs` (JSON lines, or rows of output_schema()). A later story with
    the id of an earlier one becomes a duplicate_id error record: unless `ids_unique` (local_ids_unique) says
    there is none, the ids are read first, in a job of their own."""
    found, order = classify_inputs(spark, inputs)
    sources = input_sources(spark, found, ReadSettings(default_published, encoding, order))
    first_positions = {} if ids_unique else repeated_ids(sources)
    repeated = spark.sparkContext.broadcast(first_positions) if first_positions else None
    outputs = [_map_extract(source, model, batch_size, as_json_lines, limits, repeated, counts) for source in sources]
    result = outputs[0]
    for more in outputs[1:]:
        result = result.union(more)
    return result


def run_extract(
    inputs: list[str],
    output: str,
    master: str = DEFAULT_MASTER,
    output_format: str = "jsonl",
    model: str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    default_published: str | None = None,
    limits: Limits = Limits(),
    encoding: str = "utf-8",
) -> Counter:
    """`wirefacts extract --engine spark`: write OUT as a directory of part files; the counts of records and
    of error records by kind. Raises SparkUnavailable or SparkUsageError for problems before any story."""
    if output_format not in FORMATS:
        raise SparkUsageError(f"--format must be one of {', '.join(FORMATS)}")
    from concurrent.futures import ThreadPoolExecutor

    from wirefacts.nlp import resolve_model

    require_spark()
    ours = not session_running()  # a caller's session (a notebook, the tests) is left running
    with ThreadPoolExecutor(max_workers=1) as pool:
        # the JVM starts while spaCy is imported here
        starting = pool.submit(spark_session, master, create_class_archive=ours, model=model)
        try:
            model_name = resolve_model(model)  # fail fast on the driver when the model is not installed
            ids_unique = local_ids_unique(inputs, default_published)
        except BaseException:
            if ours and starting.exception() is None:
                stop_session(starting.result())
            raise
    spark = starting.result()
    try:
        fs, out_path = _hadoop_fs(spark, output)
        if fs.exists(out_path):
            raise SparkUsageError(f"{output}: already exists (Spark writes a new directory); remove it or pick another")
        counts = spark.sparkContext.accumulator(Counter(), CounterParam())
        try:
            result = extract_paths(
                spark, inputs, model_name, batch_size, default_published, as_json_lines=output_format == "jsonl",
                counts=counts, limits=limits, encoding=encoding, ids_unique=ids_unique,
            )
            if output_format == "jsonl":
                result.write.text(output)
            else:
                result.write.parquet(output)
        except SparkUsageError:
            raise
        except Exception as exc:  # Py4J and PySpark errors carry the JVM's whole stack: keep its first line
            first_line = next((line for line in str(exc).splitlines() if line.strip()), type(exc).__name__)
            raise SparkJobFailed(f"the Spark job failed, {output} is incomplete: {first_line.strip()}") from exc
        return Counter(counts.value)
    finally:
        if ours:
            stop_session(spark)


def summary(counts: Counter) -> tuple[int, str]:
    """The number of error records, and the line the CLI prints (as the local engine's)."""
    errors = {kind[6:]: number for kind, number in sorted(counts.items()) if kind.startswith("error:")}
    total = sum(counts.values())
    kinds = ", ".join(f"{kind} {number}" for kind, number in errors.items())
    line = f"{total} stories read, {total - sum(errors.values())} records, {sum(errors.values())} errors"
    return sum(errors.values()), line + (f" ({kinds})" if kinds else "")


# --- the benchmark: Spark local[N] beside --workers N, on the same texts, in one run -------------------------


def _process_tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as stat:
                    parent = int(stat.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    tree, queue = [], [root]
    while queue:
        pid = queue.pop()
        tree.append(pid)
        queue.extend(children.get(pid, ()))
    return tree


def _process_role(pid: int, root: int) -> str | None:
    """main: the wirefacts command; jvm: Spark's driver and executors (local mode); worker: a Python worker
    (Spark's pyspark.daemon and its forks, or a --workers process)."""
    if pid == root:
        return "main"
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as stream:
            cmdline = stream.read()
    except OSError:
        return None
    if b"pyspark.daemon" in cmdline or b"pyspark.worker" in cmdline or b"spawn_main" in cmdline:
        return "worker"
    if os.path.basename(cmdline.split(b"\0", 1)[0]) == b"java":
        return "jvm"
    return None


def _rss_by_role(root: int) -> dict[str, float]:
    """Resident MB per role: the largest process of each role, and `all` for the whole tree."""
    now: dict[str, float] = {}
    for pid in _process_tree(root):
        role = _process_role(pid, root)
        try:
            with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as status:
                rss_kb = next((int(line.split()[1]) for line in status if line.startswith("VmRSS:")), 0)
        except (OSError, ValueError):
            continue
        now["all"] = now.get("all", 0.0) + rss_kb / 1024
        if role:
            now[role] = max(now.get(role, 0.0), rss_kb / 1024)
    return now


def _first_bytes_written(output: Path) -> bool:
    """Whether a record has reached the disk: OUT.part (the local engine) or a part file (Spark, under its
    _temporary folder while the job runs)."""
    partial = output.with_name(output.name + ".part")
    if partial.is_file() and partial.stat().st_size > 0:
        return True
    for folder, _, files in os.walk(output):
        for name in files:
            if name.startswith("part-") and not name.endswith(".crc"):
                try:
                    if os.path.getsize(os.path.join(folder, name)) > 0:
                        return True
                except OSError:
                    continue
    return False


def _output_lines(output: Path) -> list[str]:
    files = [output] if output.is_file() else sorted(output.glob("part-*"))
    return [line for file in files for line in file.read_text(encoding="utf-8").splitlines() if line]


def _timed_run(name: str, command: list[str], output: Path, words: int, every: float = 0.05):
    """Run `command` (which writes `output`), timed from start to exit, its memory sampled from /proc."""
    from wirefacts.bench import Run

    run = Run(name=name)
    started = time.perf_counter()
    with tempfile.TemporaryFile() as stderr:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr)
        next_sample = 0.0
        while process.poll() is None:
            now = time.perf_counter() - started
            if run.first_record_seconds is None and _first_bytes_written(output):
                run.first_record_seconds = round(now, 2)
            if now >= next_sample:
                for role, megabytes in _rss_by_role(process.pid).items():
                    run.peak_rss_mb[role] = round(max(run.peak_rss_mb.get(role, 0.0), megabytes), 1)
                next_sample = now + 0.25
            time.sleep(every)
        run.seconds = round(time.perf_counter() - started, 2)
        run.exit_code = process.returncode
        if run.exit_code not in (0, 1):
            stderr.seek(0)
            raise RuntimeError(f"{name} failed (exit {run.exit_code}):\n{stderr.read().decode(errors='replace')[-3000:]}")
    lines = _output_lines(output)
    run.stories = len(lines)
    run.errors = sum(1 for line in lines if '"error":{"kind"' in line[:400])
    run.stories_per_second = round(run.stories / run.seconds, 1) if run.seconds else 0.0
    run.words_per_second = round(words / run.seconds) if run.seconds else 0.0
    return run, lines


def run_spark_bench(input_path: Path, model: str, workers: int, limit: int | None = None) -> dict:
    """`wirefacts bench --engine spark`: `extract --workers N -o FILE` and `extract --engine spark
    --spark-master local[N] -o DIR` on the same prepared stories, start-up included; records compared by id."""
    from wirefacts.bench import prepare

    with tempfile.TemporaryDirectory(prefix="wirefacts-spark-bench-") as tmp:
        folder = Path(tmp)
        prepared, stories, words, unusable = prepare(input_path, limit, folder)
        extract = [sys.executable, "-m", "wirefacts", "extract", str(prepared), "--quiet", "--model", model]
        local, local_lines = _timed_run(
            f"wirefacts --workers {workers}", extract + ["--workers", str(workers), "-o", str(folder / "local.jsonl")],
            folder / "local.jsonl", words,
        )
        master = f"local[{workers}]"
        spark, spark_lines = _timed_run(
            f"spark {master}", extract + ["--engine", "spark", "--spark-master", master, "-o", str(folder / "spark")],
            folder / "spark", words,
        )
    by_id = {json.loads(line)["id"]: line for line in local_lines}
    differing = [
        story_id for story_id, line in ((json.loads(line)["id"], line) for line in spark_lines) if by_id.get(story_id) != line
    ]
    return {
        "input": str(input_path), "model": model, "stories": stories, "words": words, "unusable_inputs": unusable,
        "runs": [asdict(local), asdict(spark)],
        "spark_vs_workers": round(local.seconds / spark.seconds, 2) if spark.seconds else 0.0,
        "identical_records": not differing and len(spark_lines) == len(local_lines),
        "differing_ids": differing[:20],
        "load_average": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
    }


def render_spark_bench(report: dict) -> str:
    from wirefacts.bench import input_line

    lines = [
        input_line(report["input"], report["stories"], report["words"], report["unusable_inputs"]),
        f"model: {report['model']}; load average at the end: {report['load_average']:.1f}",
        "",
        f"{'run':26} {'seconds':>8} {'stories/s':>10} {'first out':>9}  peak RSS MB: main / JVM / worker (largest) / all",
    ]
    for run in report["runs"]:
        peak = run["peak_rss_mb"]
        lines.append(
            f"{run['name']:26} {run['seconds']:8.1f} {run['stories_per_second']:10.1f} "
            f"{run['first_record_seconds'] or 0:9.2f}  {peak.get('main', 0):.0f} / {peak.get('jvm', 0):.0f} / "
            f"{peak.get('worker', 0):.0f} / {peak.get('all', 0):.0f}   ({run['stories']} lines, {run['errors']} errors)"
        )
    lines += [
        "",
        f"spark vs workers (stories/s, start-up included): {report['spark_vs_workers']:.2f}x",
        "records identical by id: " + ("yes" if report["identical_records"] else f"NO {report['differing_ids']}"),
        "first out = first bytes of a record on disk (OUT.part, or a Spark part file under _temporary)",
    ]
    return "\n".join(lines)
