"""Reading stories (txt files, directories, JSONL, stdin) lazily, and writing JSONL records."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from pydantic import ValidationError

from wirefacts.schema import ErrorInfo, ErrorRecord, StoryInput

STDIN = "-"
PUBLISHED_ALIASES = ("published", "pub_date", "dct")
STORY_FIELDS = {"id", "text", "meta", *PUBLISHED_ALIASES}


class InputError(ValueError):
    """An input path that cannot be read at all (a usage error, not a story error)."""


def error_record(story_id: str | None, kind: str, message: str, meta: dict | None = None) -> ErrorRecord:
    return ErrorRecord(id=story_id, error=ErrorInfo(kind=kind, message=message), meta=meta or None)


def expand_inputs(inputs: Iterable[str]) -> list[str]:
    """Input arguments as a list of files (directories expanded to their sorted .txt and .jsonl files)."""
    paths: list[str] = []
    for raw in inputs:
        if raw == STDIN:
            paths.append(STDIN)
            continue
        path = Path(raw)
        if path.is_dir():
            paths.extend(
                str(child)
                for child in sorted(path.iterdir())
                if child.is_file() and child.suffix.lower() in {".txt", ".jsonl"}
            )
        elif path.is_file():
            if path.suffix.lower() not in {".txt", ".jsonl"}:
                raise InputError(f"{raw}: not a .txt or .jsonl file")
            paths.append(str(path))
        else:
            raise InputError(f"{raw}: no such file or directory")
    return paths


def read_stories(inputs: Iterable[str], default_published: str | None = None) -> Iterator[StoryInput | ErrorRecord]:
    """Every story of every input, in order: a validated StoryInput, or an ErrorRecord for a broken one."""
    yield from unique_ids(_read_all(inputs, default_published))


def _read_all(inputs: Iterable[str], default_published: str | None) -> Iterator[StoryInput | ErrorRecord]:
    for path in expand_inputs(inputs):
        if path == STDIN:
            stream = sys.stdin.buffer
            yield from _read_jsonl_lines(stream, "<stdin>", default_published)
        elif path.lower().endswith(".jsonl"):
            with open(path, "rb") as stream:
                yield from _read_jsonl_lines(stream, path, default_published)
        else:
            yield _read_txt(Path(path), default_published)


def unique_ids(items: Iterable[StoryInput | ErrorRecord]) -> Iterator[StoryInput | ErrorRecord]:
    """Records join to inputs by id, so an id must name one story: a repeated id becomes an error record
    (the first story with that id is extracted as usual)."""
    seen: set[str] = set()
    for item in items:
        if item.id is not None and item.id in seen:
            yield error_record(item.id, "duplicate_id", f"{item.id}: the id of an earlier story; ids must be unique")
            continue
        if item.id is not None:
            seen.add(item.id)
        yield item


def _mostly_control(text: str) -> bool:
    """A stray control character is noise in a story; a file made mostly of them is not a story."""
    if not text:
        return False
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    return controls > 0.1 * len(text)


def _decode(raw: bytes) -> str:
    text = raw.decode("utf-8")  # raises UnicodeDecodeError
    return text.removeprefix("\ufeff")


def _read_txt(path: Path, default_published: str | None) -> StoryInput | ErrorRecord:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return error_record(path.stem, "unreadable", f"{path}: {exc.strerror or exc}")
    return story_from_txt_bytes(raw, path.stem, str(path), default_published)


def story_from_txt_bytes(
    raw: bytes, story_id: str, source: str, default_published: str | None
) -> StoryInput | ErrorRecord:
    """The story of one .txt file's bytes (its id is the file name), or an error record saying why not."""
    try:
        text = _decode(raw)
    except UnicodeDecodeError as exc:
        if b"\x00" in raw:
            return error_record(story_id, "binary", f"{source}: a binary file (NUL bytes, not UTF-8), not a story")
        return error_record(story_id, "encoding", f"{source}: not valid UTF-8 ({exc.reason} at byte {exc.start})")
    if _mostly_control(text):
        return error_record(story_id, "binary", f"{source}: mostly control characters, not a story")
    return story_from_fields({"id": story_id, "text": text}, story_id, default_published)


def _read_jsonl_lines(stream: IO[bytes], source: str, default_published: str | None) -> Iterator[StoryInput | ErrorRecord]:
    for number, raw in enumerate(stream, start=1):
        item = story_from_json_line(raw, f"{source}:{number}", default_published)
        if item is not None:
            yield item


def story_from_json_line(raw: bytes, fallback_id: str, default_published: str | None) -> StoryInput | ErrorRecord | None:
    """The story of one JSONL line's bytes, an error record saying why not, or None for a blank line.
    `fallback_id` (source:line) names the error record of a line without a usable id."""
    if not raw.strip():
        return None
    try:
        line = _decode(raw)
    except UnicodeDecodeError as exc:
        return error_record(fallback_id, "encoding", f"{fallback_id}: not valid UTF-8 ({exc.reason})")
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        return error_record(fallback_id, "json", f"{fallback_id}: not a JSON line ({exc.msg})")
    if not isinstance(item, dict):
        return error_record(fallback_id, "json", f"{fallback_id}: a story line must be a JSON object")
    return story_from_fields(story_fields(item), fallback_id, default_published)


def story_fields(item: dict[str, Any]) -> dict[str, Any]:
    """id, text, published (from its first present alias) and everything else under meta."""
    fields: dict[str, Any] = {"id": item.get("id"), "text": item.get("text")}
    for alias in PUBLISHED_ALIASES:
        if item.get(alias) not in (None, ""):
            fields["published"] = item[alias]
            break
    meta = dict(item["meta"]) if isinstance(item.get("meta"), dict) else {}
    meta.update({key: value for key, value in item.items() if key not in STORY_FIELDS})
    fields["meta"] = meta
    return fields


def story_from_fields(fields: dict[str, Any], fallback_id: str, default_published: str | None) -> StoryInput | ErrorRecord:
    """A validated story from its fields (id, text, published, meta), or an `invalid` error record."""
    if fields.get("published") is None and default_published:
        fields["published"] = default_published
    raw_id = fields.get("id")
    story_id = raw_id.strip() if isinstance(raw_id, str) and raw_id.strip() else None
    if isinstance(raw_id, int) and not isinstance(raw_id, bool):
        story_id = str(raw_id)
    try:
        return StoryInput.model_validate(fields)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in error['loc']) or 'story'}: {error['msg']}" for error in exc.errors()
        )
        return error_record(story_id or fallback_id, "invalid", f"{story_id or fallback_id}: {problems}")


# JSON allows these raw inside strings, but str.splitlines() and many JSONL readers break lines on them.
_LINE_BREAKERS = {0x2028: "\\u2028", 0x2029: "\\u2029", 0x85: "\\u0085", 0x0B: "\\u000b", 0x0C: "\\u000c",
                  0x1C: "\\u001c", 0x1D: "\\u001d", 0x1E: "\\u001e"}


def to_json_line(record: Any) -> str:
    """One record as one JSON line that every line splitter keeps whole."""
    return record.model_dump_json().translate(_LINE_BREAKERS)


_ERROR_LINE = re.compile(r'^\{"id":(?:null|"(?:[^"\\]|\\.)*"),"error":\{"kind":"((?:[^"\\]|\\.)*)"')


def error_kind(line: str) -> str | None:
    """The error kind of a serialized error record, None for a story record (without parsing the line)."""
    match = _ERROR_LINE.match(line)
    return match.group(1) if match else None


def partial_path(final: Path) -> Path:
    """Where an unfinished run writes: renamed to `final` only when the run completes."""
    return final.with_name(final.name + ".part")


class AtomicOutput:
    """Write JSONL to OUT.part and rename it to OUT at the end, so OUT is never half-written.

    With `resume`, an existing OUT.part (an interrupted run) is kept and appended to; `done_ids` tells
    which stories it already holds.
    """

    def __init__(self, final: Path, resume: bool = False):
        self.final = final
        self.partial = partial_path(final)
        self.resume = resume
        self.done_ids: set[str] = set()
        self.stream: IO[str] | None = None

    def __enter__(self) -> AtomicOutput:
        self.final.parent.mkdir(parents=True, exist_ok=True)
        if self.resume and self.partial.exists():
            self.done_ids = _ids_in(self.partial)
            _drop_torn_last_line(self.partial)
            self.stream = self.partial.open("a", encoding="utf-8")
        else:
            self.stream = self.partial.open("w", encoding="utf-8")
        return self

    def write(self, line: str) -> None:
        """Write one JSON line (without its newline)."""
        assert self.stream is not None
        self.stream.write(line + "\n")

    def commit(self) -> None:
        assert self.stream is not None
        self.stream.close()
        self.partial.replace(self.final)

    def __exit__(self, *exc_info: object) -> None:
        if self.stream is not None and not self.stream.closed:
            self.stream.close()  # interrupted: OUT.part stays for --resume


def _ids_in(path: Path) -> set[str]:
    ids = set()
    with path.open(encoding="utf-8", errors="replace") as stream:
        for line in stream:
            try:
                story_id = json.loads(line).get("id")
            except (json.JSONDecodeError, AttributeError):
                continue  # a line torn by the interruption
            if isinstance(story_id, str):
                ids.add(story_id)
    return ids


def _drop_torn_last_line(path: Path) -> None:
    data = path.read_bytes()
    if data and not data.endswith(b"\n"):
        path.write_bytes(data[: data.rfind(b"\n") + 1])
