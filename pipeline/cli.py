"""The `wirefacts` command line: argument parsing, progress and exit codes. Nothing else."""

from __future__ import annotations

import json
import sys
from collections import Counter
from contextlib import nullcontext
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from wirefacts import __version__
from wirefacts.batching import DEFAULT_BATCH_SIZE
from wirefacts.parallel import worker_count

app = typer.Typer(
    help="Turn news wire stories into validated, structured facts: officials, organizations, amounts and dates.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, soft_wrap=True)

EXIT_OK, EXIT_SOME_ERRORS, EXIT_USAGE = 0, 1, 2


def _version(value: bool) -> None:
    if value:
        typer.echo(f"wirefacts {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        Optional[bool], typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = None,
) -> None:
    """wirefacts: facts from wire stories, with offsets, as JSONL."""


def _fail(message: str) -> typer.Exit:
    err.print(f"[bold red]error:[/] {message}", highlight=False)
    return typer.Exit(EXIT_USAGE)


def _load_nlp(model: str | None):
    from wirefacts.nlp import ModelNotFound, build_pipeline

    try:
        return build_pipeline(model)
    except ModelNotFound as exc:
        raise _fail(str(exc)) from exc


def _progress(enabled: bool) -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        disable=not enabled,
        transient=False,
    )


def _published_option(value: str | None) -> str | None:
    if value is None:
        return None
    from wirefacts.schema import check_published

    try:
        return check_published(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc


# --- Spark engine (issue 11): the choices of --engine and --format ---


class Engine(str, Enum):
    local = "local"
    spark = "spark"


class OutputFormat(str, Enum):
    jsonl = "jsonl"
    parquet = "parquet"


# --- end Spark engine choices ---


@app.command()
def extract(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Stories: .txt files (id = file name), directories (their .txt and .jsonl files), "
            ".jsonl files (id, text, optional published), or - for JSONL on stdin.",
            show_default=False,
        ),
    ],
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Write JSONL here (default: stdout).")] = None,
    published: Annotated[
        Optional[str],
        typer.Option(help="Publication date YYYY-MM-DD for stories that carry none.", callback=_published_option),
    ] = None,
    model: Annotated[
        Optional[str], typer.Option(help="spaCy model name or path (default: en_core_web_sm 3.8.0).")
    ] = None,
    batch_size: Annotated[
        int, typer.Option(min=1, help="Stories per nlp.pipe batch (more costs memory).")
    ] = DEFAULT_BATCH_SIZE,
    workers: Annotated[
        str, typer.Option(help="Worker processes: a number, or auto for every core. Output order is kept.")
    ] = "1",
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")] = False,
    resume: Annotated[
        bool, typer.Option("--resume", help="Continue an interrupted run into -o, skipping ids already written.")
    ] = False,
    # --- Spark engine (issue 11): the options; the work is in wirefacts.spark ---
    engine: Annotated[
        Engine, typer.Option(help="local: this machine. spark: a Spark cluster (needs 'wirefacts[spark]' and Java 17).")
    ] = Engine.local,
    spark_master: Annotated[
        str, typer.Option(help="Spark master URL for --engine spark (local[N], spark://..., yarn, k8s://...).")
    ] = "local[*]",
    output_format: Annotated[
        OutputFormat, typer.Option("--format", help="Output format; parquet needs --engine spark.")
    ] = OutputFormat.jsonl,
    # --- end Spark engine options ---
) -> None:
    """Extract officials, organizations, amounts and dates: one JSON line per story, in input order.

    With --engine spark, INPUT is any path or URI Spark reads (JSONL, .txt or Parquet with id, text and
    optional published; directories of them) and -o OUT is a new directory of part files.

    Exit status: 0 when every story gave a record, 1 when some gave error records, 2 on usage errors.
    """
    from wirefacts.io import AtomicOutput, InputError, error_kind, expand_inputs, read_stories

    # --- Spark engine (issue 11) ---
    if engine is Engine.spark:
        if resume:
            raise _fail("--resume is for the local engine; a Spark job writes a new directory each run")
        raise typer.Exit(_extract_on_spark(inputs, output, spark_master, output_format.value, model, batch_size, published, quiet))
    if output_format is not OutputFormat.jsonl:
        raise _fail("--format parquet needs --engine spark")
    # --- end Spark engine ---
    try:
        expand_inputs(inputs)
        worker_total = worker_count(workers)
    except (InputError, ValueError) as exc:
        raise _fail(str(exc)) from exc
    if resume and output is None:
        raise _fail("--resume needs -o/--output (it continues the file an interrupted run left)")
    counts: Counter[str] = Counter()
    sink = AtomicOutput(output, resume=resume) if output else None
    lines_out = _line_source(model, worker_total, batch_size)
    try:
        with _progress(not quiet and err.is_terminal) as progress, (sink or nullcontext()):
            skip = sink.done_ids if sink else set()
            write = sink.write if sink else (lambda line: sys.stdout.write(line + "\n"))
            task = progress.add_task("extracting", total=None)
            stories = (item for item in read_stories(inputs, published) if item.id not in skip)
            for line in lines_out(stories):
                write(line)
                counts["stories"] += 1
                kind = error_kind(line)
                if kind is not None:
                    counts[f"error:{kind}"] += 1
                progress.advance(task)
            if sink:
                sink.commit()
            else:
                sys.stdout.flush()
    except KeyboardInterrupt:
        where = f"; the records so far are in {sink.partial} (continue with --resume)" if sink else ""
        err.print(f"interrupted after {counts['stories']} stories{where}", highlight=False)
        raise typer.Exit(130) from None
    errors = sum(value for key, value in counts.items() if key.startswith("error:"))
    if not quiet:
        kinds = ", ".join(f"{key[6:]} {value}" for key, value in sorted(counts.items()) if key.startswith("error:"))
        skipped = f", {len(skip)} already done" if skip else ""
        err.print(
            f"{counts['stories']} stories read{skipped}, {counts['stories'] - errors} records, {errors} errors"
            + (f" ({kinds})" if kinds else ""),
            highlight=False,
        )
    raise typer.Exit(EXIT_SOME_ERRORS if errors else EXIT_OK)


# --- Spark engine (issue 11) ------------------------------------------------------------------------------------

EXIT_JOB_FAILED = 3  # the Spark job failed as a whole (a story alone never fails it)


def _extract_on_spark(
    inputs: list[str], output: Path | None, master: str, output_format: str, model: str | None,
    batch_size: int, published: str | None, quiet: bool,
) -> int:
    from rich.markup import escape

    from wirefacts.nlp import ModelNotFound
    from wirefacts.spark import SparkJobFailed, SparkUnavailable, SparkUsageError, run_extract, summary

    if output is None:
        raise _fail("--engine spark needs -o/--output: the directory Spark writes its part files to")
    try:
        counts = run_extract(inputs, str(output), master, output_format, model, batch_size, published)
    except (SparkUnavailable, SparkUsageError, ModelNotFound) as exc:
        raise _fail(escape(str(exc))) from None
    except SparkJobFailed as exc:
        err.print(f"[bold red]error:[/] {escape(str(exc))}", highlight=False)
        return EXIT_JOB_FAILED
    errors, line = summary(counts)
    if not quiet:
        err.print(line, highlight=False)
    return EXIT_SOME_ERRORS if errors else EXIT_OK


# --- end Spark engine ----------------------------------------------------------------------------------------


def _line_source(model: str | None, workers: int, batch_size: int):
    """A function from stories to output JSON lines, on this process or on `workers` processes."""
    if workers > 1:
        from wirefacts.parallel import ParallelExtractor

        from wirefacts.nlp import ModelNotFound, resolve_model

        try:
            resolve_model(model)  # fail fast, with a clear message, when the model is missing
        except ModelNotFound as exc:
            raise _fail(str(exc)) from exc
        return ParallelExtractor(model, workers, batch_size).run

    from wirefacts.extract import extract as run_extraction
    from wirefacts.io import to_json_line

    nlp = _load_nlp(model)
    return lambda stories: (to_json_line(outcome) for outcome in run_extraction(nlp, stories, batch_size=batch_size))


def _read_gold(path: Path):
    from pydantic import ValidationError

    from wirefacts.schema import GoldStory

    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    if not files or not all(file.is_file() for file in files):
        raise _fail(f"{path}: no gold .jsonl file there")
    stories, seen = [], set()
    for file in files:
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                story = GoldStory.model_validate_json(line)
            except ValidationError as exc:
                raise _fail(f"{file}:{number}: not a valid gold line: {exc.errors()[0]['msg']}") from exc
            if story.id in seen:
                raise _fail(f"{file}:{number}: duplicate id {story.id!r}")
            seen.add(story.id)
            stories.append(story)
    return stories


def _read_predictions(path: Path) -> dict:
    from pydantic import ValidationError

    from wirefacts.schema import ErrorRecord, StoryRecord

    predictions: dict = {}
    if not path.is_file():
        raise _fail(f"{path}: no such predictions file")
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise _fail(f"{path}:{number}: not a JSON line ({exc.msg})") from exc
        if not isinstance(data, dict):
            raise _fail(f"{path}:{number}: a record line must be a JSON object")
        try:
            if "error" in data:
                predictions[ErrorRecord.model_validate(data).id] = None
            else:
                record = StoryRecord.model_validate(data)
                predictions[record.id] = record
        except ValidationError as exc:
            raise _fail(f"{path}:{number}: not a valid record: {exc.errors()[0]['msg']}") from exc
    return predictions


def _predict(gold: list, model: str | None, quiet: bool) -> dict:
    from wirefacts.extract import extract as run_extraction
    from wirefacts.schema import StoryInput, StoryRecord

    nlp = _load_nlp(model)
    stories = [StoryInput(id=g.id, text=g.text, published=g.published) for g in gold]
    predictions = {}
    with _progress(not quiet and err.is_terminal) as progress:
        task = progress.add_task("extracting", total=len(stories))
        for outcome in run_extraction(nlp, stories):
            predictions[outcome.id] = outcome if isinstance(outcome, StoryRecord) else None
            progress.advance(task)
    return predictions


def _print_table(report: dict, scored: set[str], stories: int) -> None:
    from wirefacts.schema import LEVELS, TYPES

    table = Table(title=f"wirefacts evaluate: {stories} stories (micro-averaged)")
    for column in ("type", "level", "P", "R", "F1", "tp", "fp", "fn"):
        table.add_column(column, justify="left" if column in ("type", "level") else "right")
    for kind in TYPES:
        if kind not in scored:
            continue
        for level in LEVELS:
            score = report[kind][level]
            table.add_row(
                kind if level == "span" else "",
                level,
                f"{score['p']:.3f}",
                f"{score['r']:.3f}",
                f"[bold]{score['f']:.3f}[/]" if level == "record" else f"{score['f']:.3f}",
                str(score["tp"]),
                str(score["fp"]),
                str(score["fn"]),
            )
        table.add_section()
    Console().print(table)


def _print_findings(findings: list) -> None:
    console = Console()
    for finding in findings:
        console.print(f"[bold]{finding.story}[/] {finding.type} [yellow]{finding.what}[/]", highlight=False)
        if finding.gold is not None:
            console.print(f"    gold: {json.dumps(finding.gold, ensure_ascii=False)}", highlight=False, markup=False)
        if finding.predicted is not None:
            console.print(f"    pred: {json.dumps(finding.predicted, ensure_ascii=False)}", highlight=False, markup=False)


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold JSONL file (or a directory of them), shaped as ANNOTATION.md says.")],
    predictions: Annotated[
        Optional[Path],
        typer.Option(help="Records to score (JSONL from `wirefacts extract`). Default: run extraction on the gold texts."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the machine-readable report.")] = False,
    misses: Annotated[bool, typer.Option("--misses", help="List every miss, false alarm and wrong field.")] = False,
    min_f1: Annotated[
        Optional[float], typer.Option(min=0.0, max=1.0, help="Exit 1 when a scored type's record F1 is below this.")
    ] = None,
    model: Annotated[Optional[str], typer.Option(help="spaCy model for extraction (without --predictions).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Score records against annotated stories: span, strict and record levels, per type."""
    from wirefacts.evaluate import below_threshold
    from wirefacts.evaluate import evaluate as score

    gold_stories = _read_gold(gold)
    predicted = _read_predictions(predictions) if predictions else _predict(gold_stories, model, quiet)
    evaluation = score(gold_stories, predicted)
    report = evaluation.report()
    if as_json:
        typer.echo(json.dumps(report, indent=2))
    else:
        _print_table(report, evaluation.scored_types, evaluation.stories)
    if misses:
        if as_json:
            err.print_json(json.dumps([finding.as_dict() for finding in evaluation.findings]))
        else:
            _print_findings(evaluation.findings)
    if min_f1 is not None:
        failing = below_threshold(evaluation, min_f1)
        if failing:
            err.print(f"record F1 below {min_f1}: {', '.join(failing)}", highlight=False)
            raise typer.Exit(EXIT_SOME_ERRORS)


@app.command()
def schema() -> None:
    """Print the JSON Schema of an output line (a story record or an error record)."""
    from pydantic import TypeAdapter

    from wirefacts.schema import ErrorRecord, StoryRecord

    adapter = TypeAdapter(StoryRecord | ErrorRecord)
    typer.echo(json.dumps(adapter.json_schema(), indent=2))


@app.command()
def bench(
    input: Annotated[
        Optional[Path],
        typer.Argument(help="Stories to time (.jsonl, .txt or a directory). Default: Reuters-21578 from ../shared/corpora."),
    ] = None,
    limit: Annotated[Optional[int], typer.Option(min=1, help="Time only the first N stories.")] = None,
    workers: Annotated[str, typer.Option(help="Workers for the parallel run: a number or auto.")] = "auto",
    model: Annotated[Optional[str], typer.Option(help="spaCy model (default: en_core_web_sm 3.8.0).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the machine-readable report.")] = False,
    # --- Spark engine (issue 11) ---
    engine: Annotated[
        Engine, typer.Option(help="spark: time Spark local[N] beside --workers N instead (needs 'wirefacts[spark]').")
    ] = Engine.local,
    # --- end Spark engine ---
) -> None:
    """Throughput, memory and time to first record: bare spaCy vs wirefacts on 1 and N workers, one run each.

    Ratios are measured in one run on the same texts, so they compare like with like on a noisy machine.
    """
    from wirefacts.bench import default_corpus, render, run_bench
    from wirefacts.nlp import ModelNotFound, resolve_model

    source = input or default_corpus()
    if source is None or not source.exists():
        raise _fail("no INPUT given and Reuters-21578 was not found under ../shared/corpora")
    try:
        model_name = resolve_model(model)
        worker_total = max(2, worker_count(workers))
    except (ModelNotFound, ValueError) as exc:
        raise _fail(str(exc)) from exc
    # --- Spark engine (issue 11) ---
    if engine is Engine.spark:
        from rich.markup import escape

        from wirefacts.spark import SparkUnavailable, require_spark, render_spark_bench, run_spark_bench

        try:
            require_spark()
        except SparkUnavailable as exc:
            raise _fail(escape(str(exc))) from None
        err.print(f"timing {source} ({limit or 'all'} stories): --workers {worker_total}, then Spark local[{worker_total}] ...")
        spark_report = run_spark_bench(source, model_name, worker_total, limit)
        typer.echo(json.dumps(spark_report, indent=2) if as_json else render_spark_bench(spark_report))
        return
    # --- end Spark engine ---
    err.print(f"timing {source} ({limit or 'all'} stories): bare spaCy, then 1 and {worker_total} workers ...")
    report = run_bench(source, model_name, worker_total, limit)
    typer.echo(json.dumps(report.as_dict(), indent=2) if as_json else render(report))
