"""Reading stories (txt files, directories, JSONL, stdin) lazily, and writing JSONL records."""

from __future__ import annotations

import codecs
import hashlib
import json
import re
import sys
from collections.abc import Iterable, Iterator
from itertools import chain
from pathlib import Path
from typing import IO, Any, Literal

from pydantic import ValidationError

from wirefacts.schema import ErrorInfo, ErrorRecord, GoldStory, StoryInput, StoryRecord

STDIN = "-"
STDIN_STORY_ID = "stdin"
STORY_SUFFIXES = (".txt", ".jsonl")
StdinFormat = Literal["jsonl", "text"]
PUBLISHED_ALIASES = ("published", "pub_date", "dct")
STORY_FIELDS = {"id", "text", "meta", *PUBLISHED_ALIASES}


class InputError(ValueError):
    """An input path that cannot be read at all (a usage error, not a story error)."""


def error_record(story_id: str | None, kind: str, message: str, meta: dict | None = None) -> ErrorRecord:
    return ErrorRecord(id=story_id, error=ErrorInfo(kind=kind, message=message), meta=meta or None)


def duplicate_id_record(item: StoryInput | ErrorRecord) -> ErrorRecord:
    """What a story becomes when an earlier story of the run has its id (every engine says it alike)."""
    return error_record(item.id, "duplicate_id", f"{item.id}: the id of an earlier story; ids must be unique")


def worker_crash_record(story: StoryInput) -> ErrorRecord:
    """What a story becomes when the process extracting it died (every engine says it alike)."""
    return error_record(story.id, "worker_crash", "the worker process died while extracting this story", story.meta)


def expand_inputs(inputs: Iterable[str]) -> list[str]:
    """Input arguments as a list of files (directories expanded to their sorted .txt and .jsonl files)."""
    paths: list[str] = []
    for raw in inputs:
        if raw == STDIN:
            paths.append(STDIN)
            continue
        path = Path(raw)
        if path.is_dir():
            found = [str(child) for child in sorted(path.iterdir()) if child.is_file() and _is_story_file(child)]
            if not found:
                raise InputError(f"{raw}: no stories there (looked for .txt and .jsonl files, not in sub-folders)")
            paths.extend(found)
        elif path.is_file():
            if not _is_story_file(path):
                raise InputError(f"{raw}: not a .txt or .jsonl file")
            paths.append(str(path))
        else:
            raise InputError(f"{raw}: no such file or directory")
    return paths


def _is_story_file(path: Path) -> bool:
    return path.suffix.lower() in STORY_SUFFIXES


def check_encoding(name: str) -> str:
    """The codec's canonical name, or ValueError for a name Python does not know."""
    try:
        return codecs.lookup(name).name
    except LookupError as exc:
        raise ValueError(f"unknown encoding {name!r} (try utf-8, latin-1 or cp1252)") from exc


def read_stories(
    inputs: Iterable[str],
    default_published: str | None = None,
    encoding: str = "utf-8",
    stdin_format: StdinFormat = "jsonl",
) -> Iterator[StoryInput | ErrorRecord]:
    """Every story of every input, in order: a validated StoryInput, or an ErrorRecord for a broken one.

    `encoding` is that of .txt files and of text on stdin (JSONL is always UTF-8). Raises InputError when
    stdin, read as JSONL, starts with a line that is plain text."""
    yield from unique_ids(_read_all(inputs, default_published, encoding, stdin_format))


def _read_all(
    inputs: Iterable[str], default_published: str | None, encoding: str, stdin_format: StdinFormat
) -> Iterator[StoryInput | ErrorRecord]:
    for path in expand_inputs(inputs):
        if path == STDIN and stdin_format == "text":
            yield story_from_txt_bytes(sys.stdin.buffer.read(), STDIN_STORY_ID, "<stdin>", default_published, encoding)
        elif path == STDIN:
            yield from _read_jsonl_lines(_jsonl_stdin(sys.stdin.buffer), "<stdin>", default_published)
        elif path.lower().endswith(".jsonl"):
            yield from _read_jsonl_file(path, default_published)
        else:
            yield _read_txt(Path(path), default_published, encoding)


def _read_jsonl_file(path: str, default_published: str | None) -> Iterator[StoryInput | ErrorRecord]:
    try:
        stream = open(path, "rb")  # closed below; an open that fails is one error record
    except OSError as exc:
        yield error_record(path, "unreadable", f"{path}: {exc.strerror or exc}")
        return
    with stream:
        yield from _read_jsonl_lines(stream, path, default_published)


def _jsonl_stdin(stream: IO[bytes]) -> Iterator[bytes]:
    """Standard input as JSONL lines, refused (InputError) when its first line is plain text: a story piped
    in as text would otherwise give one `json` error per line."""
    lines = iter(stream)
    for first in lines:
        head = first.lstrip(b"\xef\xbb\xbf \t\r\n")
        if not head:
            continue
        if head[:1] not in (b"{", b"["):
            raise InputError(
                "standard input is read as JSONL (one {\"id\": ..., \"text\": ...} object a line), and its first "
                "line is plain text; to read it as one story, pass --stdin-format text"
            )
        return chain([first], lines)
    return iter(())


def unique_ids(items: Iterable[StoryInput | ErrorRecord]) -> Iterator[StoryInput | ErrorRecord]:
    """Records join to inputs by id, so an id must name one story: a repeated id becomes an error record
    (the first story with that id is extracted as usual)."""
    seen: set[str] = set()
    for item in items:
        if item.id is not None and item.id in seen:
            yield duplicate_id_record(item)
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


def _decode(raw: bytes, encoding: str = "utf-8") -> str:
    text = raw.decode(encoding)  # raises UnicodeDecodeError
    return text.removeprefix("\ufeff")


def _read_txt(path: Path, default_published: str | None, encoding: str = "utf-8") -> StoryInput | ErrorRecord:
    story_id = path.stem
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return error_record(story_id, "unreadable", f"{path}: {exc.strerror or exc}")
    return story_from_txt_bytes(raw, story_id, str(path), default_published, encoding)


def story_from_txt_bytes(
    raw: bytes, story_id: str, source: str, default_published: str | None, encoding: str = "utf-8"
) -> StoryInput | ErrorRecord:
    """One story from the bytes of a text file; binary data is not a story. Single-byte codecs (Latin-1, cp1252)
    decode any bytes, so there a NUL byte alone marks a binary file."""
    try:
        text = _decode(raw, encoding)
    except UnicodeDecodeError as exc:
        if b"\x00" in raw:
            return error_record(story_id, "binary", f"{source}: a binary file (NUL bytes), not a story")
        return error_record(
            story_id, "encoding", f"{source}: not valid {encoding.upper()} ({exc.reason} at byte {exc.start})"
        )
    single_byte = not codecs.lookup(encoding).name.startswith("utf")
    if _mostly_control(text) or (single_byte and "\x00" in text):
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
    """The story of one input's fields (id, text, published, meta), or an error record saying why not."""
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


def inputs_path(final: Path) -> Path:
    """Beside OUT.part: what it was made from, so that --resume never mixes two runs' records."""
    return final.with_name(final.name + ".part.inputs.json")


def input_fingerprint(files: Iterable[str], settings: dict[str, Any]) -> dict[str, Any]:
    """What a run's records depend on: each input file (path, size, modification time; stdin as "-") and the
    settings that change records. A hash of it is compared on --resume."""
    described = []
    for name in files:
        if name == STDIN:
            described.append([STDIN])
            continue
        stat = Path(name).stat()
        described.append([str(Path(name).resolve()), stat.st_size, stat.st_mtime_ns])
    body = {"inputs": described, "settings": settings}
    digest = hashlib.sha256(json.dumps(body, sort_keys=True).encode("utf-8")).hexdigest()
    return {"fingerprint": digest, **body}


def check_output(final: Path, files: Iterable[str]) -> None:
    """Refuse (InputError) an output that is an input, or a folder, before anything is written."""
    if final.is_dir():
        raise InputError(f"-o {final}: a folder; give the path of the JSONL file to write")
    blocking = next((parent for parent in final.parents if parent.exists()), None)
    if blocking is not None and not blocking.is_dir():
        raise InputError(f"-o {final}: cannot be created, {blocking} is a file, not a folder")
    targets = [final, partial_path(final)]
    for name in files:
        if name != STDIN and any(_same_file(Path(name), target) for target in targets):
            raise InputError(f"-o {final}: that is an input ({name}); write the records to another file")


def _same_file(left: Path, right: Path) -> bool:
    """The same file, under another spelling, a symbolic or a hard link."""
    if right.exists():
        return left.samefile(right)
    return left.resolve() == right.resolve()


class OutputError(InputError):
    """The output cannot be created or written, or a .part left there cannot be continued."""


class AtomicOutput:
    """Write JSONL to OUT.part and rename it to OUT at the end, so OUT is never half-written.

    Beside OUT.part, OUT.part.inputs.json records the fingerprint of the inputs. With `resume`, an existing
    OUT.part (an interrupted run) is kept and appended to, if it came from the same inputs and settings
    (else OutputError); `done_ids` tells which stories it already holds.
    """

    def __init__(self, final: Path, resume: bool = False, fingerprint: dict[str, Any] | None = None):
        self.final = final
        self.partial = partial_path(final)
        self.inputs = inputs_path(final)
        self.resume = resume
        self.fingerprint = fingerprint or {}
        self.done_ids: set[str] = set()
        self.stream: IO[str] | None = None

    def __enter__(self) -> AtomicOutput:
        try:
            self.final.parent.mkdir(parents=True, exist_ok=True)
            if self.resume and self.partial.exists():
                self._check_same_inputs()
                self.done_ids = _ids_in(self.partial)
                _drop_torn_last_line(self.partial)
                self.stream = self.partial.open("a", encoding="utf-8")
            else:
                self.stream = self.partial.open("w", encoding="utf-8")
                self.inputs.write_text(json.dumps(self.fingerprint, indent=1) + "\n", encoding="utf-8")
        except OSError as exc:
            raise OutputError(f"-o {self.final}: cannot be written ({exc.strerror or exc}: {exc.filename})") from exc
        return self

    def _check_same_inputs(self) -> None:
        try:
            recorded = json.loads(self.inputs.read_text(encoding="utf-8")).get("fingerprint")
        except (OSError, ValueError, AttributeError):
            recorded = None
        if recorded is None:
            raise OutputError(
                f"--resume: {self.partial} has no record of its inputs ({self.inputs.name}), so it cannot be "
                "checked against this run; remove it, or run without --resume to start over"
            )
        if recorded != self.fingerprint.get("fingerprint"):
            raise OutputError(
                f"--resume: {self.partial} was written from other inputs or settings (see {self.inputs}); "
                "continuing it would mix two runs. Run without --resume to start over, or with the same inputs"
            )

    def write(self, line: str) -> None:
        """Write one JSON line (without its newline)."""
        assert self.stream is not None
        try:
            self.stream.write(line + "\n")
        except OSError as exc:  # a full disk, a removed folder
            raise OutputError(f"cannot write {self.partial}: {exc.strerror or exc}") from exc

    def commit(self) -> None:
        assert self.stream is not None
        try:
            self.stream.close()
            self.partial.replace(self.final)
        except OSError as exc:
            raise OutputError(f"cannot write {self.final}: {exc.strerror or exc}") from exc
        self.inputs.unlink(missing_ok=True)

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


# --- gold and predictions (for `wirefacts evaluate`) ---------------------------------------------------------


def read_gold(path: Path) -> list[GoldStory]:
    """Gold stories from a JSONL file or a folder of them; InputError names the file and line of a bad one."""
    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    if not files or not all(file.is_file() for file in files):
        raise InputError(f"{path}: no gold .jsonl file there")
    stories, seen = [], set()
    for file in files:
        for number, line in _numbered_lines(file):
            try:
                story = GoldStory.model_validate_json(line)
            except ValidationError as exc:
                raise InputError(f"{file}:{number}: not a valid gold line: {exc.errors()[0]['msg']}") from exc
            if story.id in seen:
                raise InputError(f"{file}:{number}: duplicate id {story.id!r}")
            seen.add(story.id)
            stories.append(story)
    return stories


def read_predictions(path: Path) -> dict[str, StoryRecord | None]:
    """Records by id from `wirefacts extract` output (an error record: None, the story found nothing)."""
    if not path.is_file():
        raise InputError(f"{path}: no such predictions file")
    predictions: dict[str, StoryRecord | None] = {}
    for number, line in _numbered_lines(path):
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{number}: not a JSON line ({exc.msg})") from exc
        if not isinstance(data, dict):
            raise InputError(f"{path}:{number}: a record line must be a JSON object")
        try:
            if "error" in data:
                predictions[ErrorRecord.model_validate(data).id] = None
            else:
                record = StoryRecord.model_validate(data)
                predictions[record.id] = record
        except ValidationError as exc:
            raise InputError(f"{path}:{number}: not a valid record: {exc.errors()[0]['msg']}") from exc
    return predictions


def _numbered_lines(path: Path) -> Iterator[tuple[int, str]]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot be read ({exc})") from exc
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            yield number, line
