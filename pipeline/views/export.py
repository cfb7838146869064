"""Records as tidy tables: one CSV or Parquet file per type, every row keyed by story id.

Parquet goes through pyarrow (the optional extra `wirefacts[tables]`), with real column types.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import json
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from wirefacts.schema import ErrorRecord, StoryRecord

FORMATS = ("csv", "parquet")
CHUNK_ROWS = 20_000  # rows held in memory per table before they are written out

# Every table's columns, in order, with their type: string, int, float or date.
COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "stories": (
        ("story_id", "string"), ("published", "date"), ("text_length", "int"),
        ("dateline_place", "string"), ("dateline_date", "date"), ("dateline_start", "int"), ("dateline_end", "int"),
        ("dateline_text", "string"), ("credit_start", "int"), ("credit_end", "int"), ("credit_text", "string"),
        ("officials", "int"), ("organizations", "int"), ("amounts", "int"), ("dates", "int"),
        ("error_kind", "string"), ("error_message", "string"), ("meta", "string"),
    ),
    "officials": (
        ("story_id", "string"), ("official_index", "int"), ("name", "string"), ("title", "string"),
        ("title_start", "int"), ("title_end", "int"), ("organization", "string"), ("organization_index", "int"),
        ("country", "string"), ("mention_count", "int"), ("first_start", "int"), ("first_end", "int"),
    ),
    "organizations": (
        ("story_id", "string"), ("organization_index", "int"), ("name", "string"), ("country", "string"),
        ("mention_count", "int"), ("first_start", "int"), ("first_end", "int"),
    ),
    "mentions": (
        ("story_id", "string"), ("entity_type", "string"), ("entity_index", "int"), ("name", "string"),
        ("start", "int"), ("end", "int"), ("text", "string"),
    ),
    "amounts": (
        ("story_id", "string"), ("amount_index", "int"), ("start", "int"), ("end", "int"), ("text", "string"),
        ("kind", "string"), ("value", "float"), ("value_max", "float"), ("currency", "string"), ("period", "string"),
    ),
    "dates": (
        ("story_id", "string"), ("date_index", "int"), ("start", "int"), ("end", "int"), ("text", "string"),
        ("value", "string"), ("granularity", "string"), ("first_day", "date"), ("last_day", "date"),
    ),
}
TABLES = tuple(COLUMNS)


class ExportRefused(FileExistsError):
    """The output directory holds files and --force was not given."""


# --- rows ----------------------------------------------------------------------------------------------------


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def calendar_days(value: str | None) -> tuple[dt.date | None, dt.date | None]:
    """The first and last calendar day a date value covers: "2025-Q1" is 2025-01-01 to 2025-03-31."""
    if not value:
        return None, None
    try:
        if match := re.fullmatch(r"(\d{4})-W(\d{2})", value):
            year, week = int(match[1]), int(match[2])
            return dt.date.fromisocalendar(year, week, 1), dt.date.fromisocalendar(year, week, 7)
        if match := re.fullmatch(r"(\d{4})-Q([1-4])", value):
            year, last_month = int(match[1]), 3 * int(match[2])
            return dt.date(year, last_month - 2, 1), dt.date(year, last_month, calendar.monthrange(year, last_month)[1])
        if match := re.fullmatch(r"(\d{4})-(\d{2})", value):
            year, month = int(match[1]), int(match[2])
            return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
        if re.fullmatch(r"\d{4}", value):
            return dt.date(int(value), 1, 1), dt.date(int(value), 12, 31)
        return dt.date.fromisoformat(value), dt.date.fromisoformat(value)
    except ValueError:  # a week 53 the year does not have, say: no days rather than wrong ones
        return None, None


def story_row(record: StoryRecord | ErrorRecord) -> dict[str, Any]:
    meta = json.dumps(record.meta, ensure_ascii=False) if record.meta else None
    row: dict[str, Any] = {"story_id": record.id, "meta": meta}
    if isinstance(record, ErrorRecord):
        return row | {"error_kind": record.error.kind, "error_message": record.error.message}
    row |= {"published": _day(record.published), "text_length": len(record.text)}
    row |= {kind: len(getattr(record, kind)) for kind in ("officials", "organizations", "amounts", "dates")}
    if record.dateline is not None:
        line = record.dateline
        row |= {"dateline_place": line.place, "dateline_date": _day(line.date), "dateline_start": line.start,
                "dateline_end": line.end, "dateline_text": line.text}
    if record.credit is not None:
        row |= {"credit_start": record.credit.start, "credit_end": record.credit.end, "credit_text": record.credit.text}
    return row


def _first(mentions: list) -> dict[str, Any]:
    first = min(mentions, key=lambda m: m.start, default=None)
    return {"mention_count": len(mentions), "first_start": first and first.start, "first_end": first and first.end}


def official_rows(record: StoryRecord) -> Iterator[dict[str, Any]]:
    for index, official in enumerate(record.officials):
        title = official.title_mention
        yield {
            "story_id": record.id, "official_index": index, "name": official.name, "title": official.title,
            "title_start": title and title.start, "title_end": title and title.end,
            "organization": official.organization, "organization_index": official.organization_index,
            "country": official.country, **_first(official.mentions),
        }


def organization_rows(record: StoryRecord) -> Iterator[dict[str, Any]]:
    for index, organization in enumerate(record.organizations):
        yield {"story_id": record.id, "organization_index": index, "name": organization.name,
               "country": organization.country, **_first(organization.mentions)}


def mention_rows(record: StoryRecord) -> Iterator[dict[str, Any]]:
    for entity_type, entities in (("official", record.officials), ("organization", record.organizations)):
        for index, entity in enumerate(entities):
            for mention in entity.mentions:
                yield {"story_id": record.id, "entity_type": entity_type, "entity_index": index, "name": entity.name,
                       "start": mention.start, "end": mention.end, "text": mention.text}


def amount_rows(record: StoryRecord) -> Iterator[dict[str, Any]]:
    for index, amount in enumerate(record.amounts):
        yield {"story_id": record.id, "amount_index": index, **amount.model_dump()}


def date_rows(record: StoryRecord) -> Iterator[dict[str, Any]]:
    for index, date in enumerate(record.dates):
        first_day, last_day = calendar_days(date.value)
        yield {"story_id": record.id, "date_index": index, **date.model_dump(),
               "first_day": first_day, "last_day": last_day}


ROWS: dict[str, Callable[[StoryRecord], Iterable[dict[str, Any]]]] = {
    "officials": official_rows,
    "organizations": organization_rows,
    "mentions": mention_rows,
    "amounts": amount_rows,
    "dates": date_rows,
}


def rows_of(record: StoryRecord | ErrorRecord) -> dict[str, list[dict[str, Any]]]:
    """Every table's rows for one record (an error record has only its stories row)."""
    rows = {"stories": [story_row(record)]}
    for table, make in ROWS.items():
        rows[table] = list(make(record)) if isinstance(record, StoryRecord) else []
    return rows


# --- files ---------------------------------------------------------------------------------------------------


class _CsvTable:
    def __init__(self, path: Path, columns: tuple[tuple[str, str], ...]):
        self.stream = path.open("w", encoding="utf-8", newline="")
        self.writer = csv.DictWriter(self.stream, fieldnames=[name for name, _ in columns], extrasaction="ignore")
        self.writer.writeheader()

    def write(self, rows: list[dict[str, Any]]) -> None:
        self.writer.writerows(rows)

    def close(self) -> None:
        self.stream.close()


class _ParquetTable:
    def __init__(self, path: Path, columns: tuple[tuple[str, str], ...]):
        import pyarrow as pa
        import pyarrow.parquet as pq

        types = {"string": pa.string(), "int": pa.int64(), "float": pa.float64(), "date": pa.date32()}
        self.schema = pa.schema([(name, types[kind]) for name, kind in columns])
        self.table_from_rows = pa.Table.from_pylist
        self.writer = pq.ParquetWriter(path, self.schema)
        self.wrote_rows = False

    def write(self, rows: list[dict[str, Any]]) -> None:
        if rows:
            self.writer.write_table(self.table_from_rows(rows, schema=self.schema))
            self.wrote_rows = True

    def close(self) -> None:
        if not self.wrote_rows:
            self.writer.write_table(self.schema.empty_table())  # an empty table still has its typed columns
        self.writer.close()


def table_paths(directory: Path, fmt: str) -> dict[str, Path]:
    return {table: directory / f"{table}.{fmt}" for table in TABLES}


def check_directory(directory: Path, force: bool) -> None:
    """Refuse to write into a directory that holds files, unless forced; never into a file."""
    if directory.exists() and not directory.is_dir():
        raise ExportRefused(f"{directory} is a file, not a directory")
    if directory.is_dir() and any(directory.iterdir()) and not force:
        raise ExportRefused(f"{directory} exists and is not empty: pass --force to replace the tables in it")


def export_tables(
    records: Iterable[StoryRecord | ErrorRecord], directory: Path, fmt: str = "csv", force: bool = False
) -> dict[str, int]:
    """Write the six tables of `records` to `directory`; returns the rows written per table.

    Files are written as NAME.part and renamed when complete; with `force`, only the six table files of
    `directory` are replaced, nothing else in it is touched.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown table format {fmt!r}: use one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        _require_pyarrow()
    check_directory(directory, force)
    directory.mkdir(parents=True, exist_ok=True)
    paths = table_paths(directory, fmt)
    partial = {table: path.with_name(path.name + ".part") for table, path in paths.items()}
    opener = _ParquetTable if fmt == "parquet" else _CsvTable
    sinks = {table: opener(partial[table], COLUMNS[table]) for table in TABLES}
    counts = dict.fromkeys(TABLES, 0)
    buffers: dict[str, list] = {table: [] for table in TABLES}
    try:
        for record in records:
            for table, rows in rows_of(record).items():
                buffers[table].extend(rows)
                counts[table] += len(rows)
                if len(buffers[table]) >= CHUNK_ROWS:
                    sinks[table].write(buffers[table])
                    buffers[table] = []
        for table in TABLES:
            sinks[table].write(buffers[table])
            sinks[table].close()
    except BaseException:
        for table in TABLES:
            _close_quietly(sinks[table])
            partial[table].unlink(missing_ok=True)
        raise
    for table in TABLES:
        partial[table].replace(paths[table])
    return counts


def _close_quietly(sink: Any) -> None:
    try:
        sink.close()
    except Exception:  # noqa: BLE001 - the first error is the one to report
        pass


def _require_pyarrow() -> None:
    try:
        import pyarrow  # noqa: F401
    except ImportError as exc:
        raise ImportError("Parquet needs pyarrow: pip install 'wirefacts[tables]' (or --format csv)") from exc
