"""The `wirefacts` command line: commands parse arguments, call the library, and map errors to exit codes."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import nullcontext
from enum import StrEnum
from itertools import chain
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from typer.core import TyperArgument, TyperCommand, TyperGroup

from wirefacts import __version__
from wirefacts.batching import DEFAULT_BATCH_SIZE
from wirefacts.limits import DEFAULT_MAX_CHARS, DEFAULT_STORY_TIMEOUT

EXIT_OK, EXIT_SOME_ERRORS, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
EXIT_STATUSES = (
    "Exit status: 0 every story gave a record; 1 some stories gave error records (evaluate: a score under "
    "--min-f1); 2 usage error (a bad option, an input that is missing or has no stories, an output that cannot "
    "be written or is an input, a model that is not installed); 3 the Spark job failed as a whole (--engine spark); 130 interrupted (Ctrl-C)."
)
MODEL_HELP = "spaCy model: an installed pipeline package or folder. Default: en_core_web_sm 3.8.0, installed with wirefacts."


class _PlainHelp:
    """Help without type noise: a flag shows no "<bool>", an argument no "<list[str]>" (its name says it)."""

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.metavar = ""
        return option

    def format_help(self, ctx, formatter):
        for param in self.params:
            if isinstance(param, TyperArgument):
                param.display_type_rich = lambda ctx: None
        return super().format_help(ctx, formatter)


class Command(_PlainHelp, TyperCommand):
    pass


class Group(_PlainHelp, TyperGroup):
    pass


app = typer.Typer(
    cls=Group,
    help="Turn news wire stories into validated, structured facts: officials, organizations, amounts and dates."
    f"\n\n{EXIT_STATUSES}",
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
    add_completion=False,
)
err = Console(stderr=True, soft_wrap=True)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"wirefacts {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        Optional[bool],
        typer.Option("--version", callback=_version, is_eager=True, metavar="", help="Show the version and exit."),
    ] = None,
) -> None:
    """wirefacts: facts from wire stories, with offsets, as JSONL."""


def _fail(message: str) -> typer.Exit:
    err.print(f"[bold red]error:[/] {escape(message)}", highlight=False)
    return typer.Exit(EXIT_USAGE)


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


# --- option types --------------------------------------------------------------------------------------------


def _workers_option(value: str | int) -> int:
    """A whole number of worker processes, 1 or more, or `auto` for one per core."""
    from wirefacts.parallel import worker_count

    try:
        return worker_count(value if isinstance(value, int) else str(value).strip().lower())
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a number of workers: give a whole number, 1 or more, or auto") from None


def _published_option(value: str | None) -> str | None:
    if value is None:
        return None
    from wirefacts.schema import check_published

    try:
        return check_published(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc


def _encoding_option(value: str) -> str:
    from wirefacts.io import check_encoding

    try:
        return check_encoding(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc


class StdinFormat(StrEnum):
    jsonl = "jsonl"
    text = "text"


FLAG = {"metavar": ""}  # a flag takes no value: no "<bool>" in the help
WorkersOption = Annotated[
    int,
    typer.Option(
        parser=_workers_option, metavar="N|auto", help="Worker processes: a number, or auto for one per core. Output order is kept."
    ),
]


# --- extract -------------------------------------------------------------------------------------------------


# --- Spark engine (issue 11): the choices of --engine and --format ---


class Engine(StrEnum):
    local = "local"
    spark = "spark"


class OutputFormat(StrEnum):
    jsonl = "jsonl"
    parquet = "parquet"


# --- end Spark engine choices ---



@app.command(cls=Command, epilog=EXIT_STATUSES)
def extract(
    inputs: Annotated[
        list[str],
        typer.Argument(
            metavar="INPUT",
            help="Stories: .txt files (id = file name), directories (their .txt and .jsonl files), "
            ".jsonl files (id, text, optional published), or - for standard input (JSONL, or see --stdin-format).",
            show_default=False,
        ),
    ],
    output: Annotated[
        Optional[Path], typer.Option("-o", "--output", metavar="OUT", help="Write JSONL here (default: standard output).")
    ] = None,
    published: Annotated[
        Optional[str],
        typer.Option(
            metavar="YYYY-MM-DD", help="Publication date for stories that carry none.", callback=_published_option
        ),
    ] = None,
    model: Annotated[Optional[str], typer.Option(metavar="NAME", help=MODEL_HELP)] = None,
    workers: WorkersOption = 1,
    batch_size: Annotated[
        int, typer.Option(min=1, metavar="N", help="Stories per nlp.pipe batch (more costs memory).")
    ] = DEFAULT_BATCH_SIZE,
    max_chars: Annotated[
        int, typer.Option(min=1, metavar="N", help="A longer story becomes a too_long error record.")
    ] = DEFAULT_MAX_CHARS,
    story_timeout: Annotated[
        float,
        typer.Option(
            min=0.001, metavar="SECONDS", help="A story that takes more processor time becomes a timeout error record; the run goes on."
        ),
    ] = DEFAULT_STORY_TIMEOUT,
    stdin_format: Annotated[
        StdinFormat,
        typer.Option(help="How to read - : jsonl (one story a line), or text (all of it is one story, id stdin)."),
    ] = StdinFormat.jsonl,
    encoding: Annotated[
        str,
        typer.Option(metavar="CODEC", help="Encoding of .txt files and of text on stdin (latin-1, cp1252, ...).", callback=_encoding_option),
    ] = "utf-8",
    resume: Annotated[
        bool,
        typer.Option("--resume", **FLAG, help="Continue an interrupted run into -o, skipping ids already written (same inputs only)."),
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", **FLAG, help="No progress bar or summary.")] = False,
    # --- Spark engine (issue 11): the options; the work is in wirefacts.spark ---
    engine: Annotated[
        Engine, typer.Option(help="local: this machine. spark: a Spark cluster (needs 'wirefacts\\[spark]' and Java 17).")
    ] = Engine.local,
    spark_master: Annotated[
        str, typer.Option(metavar="URL", help="Spark master URL for --engine spark (local\\[N], spark://..., yarn, k8s://...).")
    ] = "local[*]",
    output_format: Annotated[
        OutputFormat, typer.Option("--format", help="Output format; parquet needs --engine spark.")
    ] = OutputFormat.jsonl,
    # --- end Spark engine options ---
) -> None:
    """Extract officials, organizations, amounts and dates: one JSON line per story, in input order.

    With --engine spark, INPUT is any path or URI Spark reads (JSONL, .txt or Parquet with id, text and
    optional published; directories of them) and -o OUT is a new directory of part files.
    """
    from wirefacts.io import (
        STDIN, AtomicOutput, InputError, check_output, expand_inputs, input_fingerprint, read_stories,
    )
    from wirefacts.limits import Limits
    from wirefacts.nlp import ModelNotFound
    from wirefacts.runner import RunSettings, Tally, extract_lines

    # --- Spark engine (issue 11) ---
    if engine is Engine.spark:
        if resume:
            raise _fail("--resume is for the local engine; a Spark job writes a new directory each run")
        limits = Limits(max_chars, story_timeout)
        raise typer.Exit(_extract_on_spark(
            inputs, output, spark_master, output_format.value, model, batch_size, published, quiet, limits, encoding
        ))
    if output_format is not OutputFormat.jsonl:
        raise _fail("--format parquet needs --engine spark")
    # --- end Spark engine ---
    if resume and output is None:
        raise _fail("--resume needs -o/--output (it continues the file an interrupted run left)")
    settings = RunSettings(model, workers, batch_size, Limits(max_chars, story_timeout))
    shaping = {"model": model, "published": published, "encoding": encoding, "stdin_format": stdin_format.value,
               "max_chars": max_chars}  # what changes records: --resume with other values would mix two kinds
    sink: AtomicOutput | None = None
    tally = Tally()
    try:
        files = expand_inputs(inputs)
        if output is not None:
            check_output(output, files)
        if resume and STDIN in files:
            raise InputError("--resume cannot check that standard input is what the interrupted run read; "
                             "save the stories to a file and run on that file")
        stories = _primed(read_stories(files, published, encoding, stdin_format.value))
        skip: set[str] = set()  # ids an interrupted run already wrote (--resume)
        lines = extract_lines((item for item in stories if item.id not in skip), settings)  # loads the model
        sink = AtomicOutput(output, resume, input_fingerprint(files, shaping)) if output else None
        with _progress(not quiet and err.is_terminal) as progress, (sink or nullcontext()):
            skip.update(sink.done_ids if sink else ())
            write = sink.write if sink else _write_stdout
            task = progress.add_task("extracting", total=None)
            for line in lines:
                write(line)
                tally.add(line)
                progress.advance(task)
            if sink:
                sink.commit()
            else:
                sys.stdout.flush()
    except (InputError, ModelNotFound) as exc:
        raise _fail(str(exc)) from exc
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second complaint at exit
        raise _fail(f"standard output was closed after {tally.stories} records") from None
    except KeyboardInterrupt:
        where = f"; the records so far are in {sink.partial} (continue with --resume)" if sink else ""
        err.print(f"interrupted after {tally.stories} stories{where}", highlight=False)
        raise typer.Exit(EXIT_INTERRUPTED) from None
    if not quiet:
        err.print(tally.render(already_done=len(skip)), highlight=False)
    raise typer.Exit(EXIT_SOME_ERRORS if tally.error_count else EXIT_OK)


def _primed(items: Iterator) -> Iterator:
    """`items` with its first element read now, so that an input refused on reading (plain text on stdin) is
    a usage error before any output is created."""
    first = next(items, None)
    return chain([first], items) if first is not None else iter(())


# --- Spark engine (issue 11) ------------------------------------------------------------------------------------

EXIT_JOB_FAILED = 3  # the Spark job failed as a whole (a story alone never fails it)


def _extract_on_spark(
    inputs: list[str], output: Path | None, master: str, output_format: str, model: str | None,
    batch_size: int, published: str | None, quiet: bool, limits, encoding: str,
) -> int:
    from wirefacts.nlp import ModelNotFound
    from wirefacts.spark import SparkJobFailed, SparkUnavailable, SparkUsageError, run_extract, summary

    if output is None:
        raise _fail("--engine spark needs -o/--output: the directory Spark writes its part files to")
    try:
        counts = run_extract(inputs, str(output), master, output_format, model, batch_size, published, limits, encoding)
    except (SparkUnavailable, SparkUsageError, ModelNotFound) as exc:
        raise _fail(str(exc)) from None
    except SparkJobFailed as exc:
        err.print(f"[bold red]error:[/] {escape(str(exc))}", highlight=False)
        return EXIT_JOB_FAILED
    errors, line = summary(counts)
    if not quiet:
        err.print(line, highlight=False)
    return EXIT_SOME_ERRORS if errors else EXIT_OK


# --- end Spark engine ----------------------------------------------------------------------------------------




def _write_stdout(line: str) -> None:
    sys.stdout.write(line + "\n")


# --- evaluate ------------------------------------------------------------------------------------------------


def _predict(gold: list, model: str | None, quiet: bool) -> dict:
    from wirefacts.runner import predict_gold

    with _progress(not quiet and err.is_terminal) as progress:
        task = progress.add_task("extracting", total=len(gold))
        return predict_gold(gold, model, on_record=lambda: progress.advance(task))


@app.command(cls=Command, epilog=EXIT_STATUSES)
def evaluate(
    gold: Annotated[
        Path, typer.Argument(metavar="GOLD", help="Gold JSONL file (or a directory of them), shaped as ANNOTATION.md says.")
    ],
    predictions: Annotated[
        Optional[Path],
        typer.Option(
            metavar="PRED", help="Records to score (JSONL from `wirefacts extract`). Default: run extraction on the gold texts."
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", **FLAG, help="Print the machine-readable report.")] = False,
    misses: Annotated[bool, typer.Option("--misses", **FLAG, help="List every miss, false alarm and wrong field.")] = False,
    min_f1: Annotated[
        Optional[float],
        typer.Option(min=0.0, max=1.0, metavar="X", help="Exit 1 when a scored type's record F1 is below X."),
    ] = None,
    model: Annotated[Optional[str], typer.Option(metavar="NAME", help=MODEL_HELP + " Used without --predictions.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", **FLAG, help="No progress bar.")] = False,
) -> None:
    """Score records against annotated stories: span, strict and record levels, per type."""
    from wirefacts.evaluate import below_threshold, id_coverage
    from wirefacts.evaluate import evaluate as score
    from wirefacts.evaluate_render import coverage_notes, no_common_ids, print_findings, score_table
    from wirefacts.io import InputError, read_gold, read_predictions
    from wirefacts.nlp import ModelNotFound

    try:
        gold_stories = read_gold(gold)
        predicted = read_predictions(predictions) if predictions else _predict(gold_stories, model, quiet)
    except (InputError, ModelNotFound) as exc:
        raise _fail(str(exc)) from exc
    coverage = id_coverage(gold_stories, predicted)
    if coverage.in_common == 0:
        raise _fail(no_common_ids(coverage, [story.id for story in gold_stories], list(predicted)))
    for note in coverage_notes(coverage):
        err.print(f"[yellow]warning:[/] {escape(note)}", highlight=False)
    evaluation = score(gold_stories, predicted)
    out = Console(soft_wrap=True) if not sys.stdout.isatty() else Console()
    if as_json:
        typer.echo(json.dumps(evaluation.report(), indent=2))
    else:
        out.print(score_table(evaluation))
    if misses:
        if as_json:
            err.print_json(json.dumps([finding.as_dict() for finding in evaluation.findings]))
        else:
            print_findings(evaluation.findings, out)
    if min_f1 is not None:
        failing = below_threshold(evaluation, min_f1)
        if failing:
            err.print(f"record F1 below {min_f1}: {', '.join(failing)}", highlight=False)
            raise typer.Exit(EXIT_SOME_ERRORS)


# --- schema and bench ----------------------------------------------------------------------------------------


@app.command(cls=Command)
def schema() -> None:
    """Print the JSON Schema of an output line (a story record or an error record)."""
    from pydantic import TypeAdapter

    from wirefacts.schema import ErrorRecord, StoryRecord

    adapter = TypeAdapter(StoryRecord | ErrorRecord)
    typer.echo(json.dumps(adapter.json_schema(), indent=2))


@app.command(cls=Command)
def bench(
    input: Annotated[
        Optional[Path],
        typer.Argument(
            metavar="INPUT",
            help="Stories to time (.jsonl, .txt or a directory). Default: Reuters-21578 from shared/corpora, "
            "looked for above the current folder and above the wirefacts source.",
            show_default=False,
        ),
    ] = None,
    limit: Annotated[Optional[int], typer.Option(min=1, metavar="N", help="Time only the first N stories.")] = None,
    workers: Annotated[
        int, typer.Option(parser=_workers_option, metavar="N|auto", help="Workers for the parallel run (at least 2).")
    ] = "auto",
    model: Annotated[Optional[str], typer.Option(metavar="NAME", help=MODEL_HELP)] = None,
    as_json: Annotated[bool, typer.Option("--json", **FLAG, help="Print the machine-readable report.")] = False,
    # --- Spark engine (issue 11) ---
    engine: Annotated[
        Engine, typer.Option(help="spark: time Spark local[N] beside --workers N instead (needs 'wirefacts\\[spark]').")
    ] = Engine.local,
    # --- end Spark engine ---
) -> None:
    """Throughput, memory and time to first record: bare spaCy vs wirefacts on 1 and N workers, one run each.

    Ratios are measured in one run on the same texts, so they compare like with like on a noisy machine.
    """
    from wirefacts.bench import REUTERS, default_corpus, render, run_bench
    from wirefacts.nlp import ModelNotFound, resolve_model

    source = input or default_corpus()
    if source is None:
        raise _fail(
            f"no INPUT given, and {REUTERS} was not found above the current folder or above the wirefacts "
            "source; name the stories to time: wirefacts bench STORIES.jsonl"
        )
    if not source.exists():
        raise _fail(f"{source}: no such file or directory")
    try:
        model_name = resolve_model(model)
    except ModelNotFound as exc:
        raise _fail(str(exc)) from exc
    worker_total = max(2, workers)
    # --- Spark engine (issue 11) ---
    if engine is Engine.spark:
        from wirefacts.spark import SparkUnavailable, require_spark, render_spark_bench, run_spark_bench

        try:
            require_spark()
        except SparkUnavailable as exc:
            raise _fail(str(exc)) from None
        err.print(f"timing {source} ({limit or 'all'} stories): --workers {worker_total}, then Spark local[{worker_total}] ...")
        spark_report = run_spark_bench(source, model_name, worker_total, limit)
        typer.echo(json.dumps(spark_report, indent=2) if as_json else render_spark_bench(spark_report))
        return
    # --- end Spark engine ---
    err.print(f"timing {source} ({limit or 'all'} stories): bare spaCy, then 1 and {worker_total} workers ...")
    report = run_bench(source, model_name, worker_total, limit)
    typer.echo(json.dumps(report.as_dict(), indent=2) if as_json else render(report))


# --- export and show: thin commands; the work is in wirefacts.views -------------------------------------------



def _records_of(path: Path):
    """The records of a JSONL file, validated, with a usage error naming the line of a bad one."""
    from wirefacts.api import read_records

    if not path.is_file():
        raise _fail(f"{path}: no such records file")
    try:
        return list(read_records(path))
    except ValueError as exc:
        raise _fail(str(exc)) from exc


@app.command()
def export(
    records: Annotated[Path, typer.Argument(help="Records (JSONL from `wirefacts extract`).")],
    to: Annotated[Path, typer.Option("--to", help="Directory for the tables (created if missing).")],
    format: Annotated[str, typer.Option("--format", help="csv, or parquet (needs wirefacts[tables]).")] = "csv",
    force: Annotated[
        bool, typer.Option("--force", help="Write into a non-empty directory, replacing only the table files.")
    ] = False,
) -> None:
    """Write one tidy table per type (stories, officials, organizations, mentions, amounts, dates)."""
    from wirefacts.views.export import FORMATS, ExportRefused, export_tables

    if format not in FORMATS:
        raise _fail(f"--format must be one of {', '.join(FORMATS)}, not {format!r}")
    try:
        counts = export_tables(_records_of(records), to, format, force)
    except (ExportRefused, ImportError) as exc:
        raise _fail(str(exc)) from exc
    summary = ", ".join(f"{table} {rows}" for table, rows in counts.items())
    err.print(f"wrote {len(counts)} {format} tables to {to} (rows: {summary})", highlight=False)


@app.command()
def show(
    records: Annotated[Path, typer.Argument(help="Records (JSONL from `wirefacts extract`).")],
    output: Annotated[Path, typer.Option("-o", "--output", help="The HTML file to write.")] = Path("report.html"),
    gold: Annotated[
        Optional[Path], typer.Option(help="Gold JSONL file or directory: mark every miss, false alarm and wrong field.")
    ] = None,
    per_page: Annotated[int, typer.Option(min=1, help="Stories per HTML file; more go to OUTPUT-2.html, ...")] = 50,
) -> None:
    """Write a self-contained HTML page: every fact highlighted in its story, records as tables, an index."""
    from wirefacts.api import read_gold
    from wirefacts.views.show import render_pages

    stories = _records_of(records)
    try:
        gold_stories = read_gold(gold) if gold is not None else None
    except (ValueError, OSError) as exc:
        raise _fail(str(exc)) from exc
    written = render_pages(stories, output, gold_stories, per_page)
    last = f" ... {written[-1].name}" if len(written) > 1 else ""
    err.print(escape(f"wrote {len(written)} page(s): {written[0]}{last}"), highlight=False)
