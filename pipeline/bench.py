"""`wirefacts bench`: throughput, memory and time to first record, against bare spaCy on the same texts.

Each run is its own process, timed from start to last record by this process, with the resident memory of
every process in its tree sampled from /proc (Linux). The three runs: (a) bare `spacy.load(model)` with its
default pipeline and `nlp.pipe`, (b) `wirefacts extract` with one worker, (c) with N workers.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from wirefacts.io import read_stories
from wirefacts.schema import StoryInput

REUTERS = Path("shared/corpora/reuters21578/reuters21578.jsonl")
MEMORY_CHECKPOINT = 2000  # RSS is read when this many records are out, and again at the end


def default_corpus(start: Path | None = None) -> Path | None:
    """Reuters-21578 from ../shared/corpora, looked for above the working folder and above this package."""
    for base in [start or Path.cwd(), Path(__file__).resolve().parent.parent]:
        for folder in [base, *base.parents]:
            candidate = folder / REUTERS
            if candidate.exists():
                return candidate
    return None


@dataclass
class Run:
    name: str
    stories: int = 0
    seconds: float = 0.0
    first_record_seconds: float | None = None
    peak_rss_mb: dict[str, float] = field(default_factory=dict)  # per process role: main, worker (largest)
    rss_at_checkpoint_mb: dict[str, float] = field(default_factory=dict)
    rss_at_end_mb: dict[str, float] = field(default_factory=dict)
    words_per_second: float = 0.0
    stories_per_second: float = 0.0
    exit_code: int = 0
    errors: int = 0


# --- process tree memory -------------------------------------------------------------------------------------


def _status_kb(pid: int, key: str) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except (OSError, ValueError):
        return None
    return None


def _tree(pid: int) -> list[int]:
    pids, queue = [], [pid]
    while queue:
        current = queue.pop()
        pids.append(current)
        task_dir = Path(f"/proc/{current}/task")
        try:
            tasks = list(task_dir.iterdir())
        except OSError:
            continue
        for task in tasks:
            try:
                queue.extend(int(child) for child in (task / "children").read_text().split())
            except OSError:
                continue
    return pids


def _role(pid: int, root: int) -> str | None:
    if pid == root:
        return "main"
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return None
    return "worker" if b"spawn_main" in cmdline else None


class MemoryWatch:
    """Samples the resident memory of a process tree: the peak per role, and a reading on demand."""

    def __init__(self, root: int, every: float = 0.25):
        self.root = root
        self.every = every
        self.peak: dict[str, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def reading(self) -> dict[str, float]:
        """Current RSS in MB per role (the largest worker for "worker")."""
        now: dict[str, float] = {}
        for pid in _tree(self.root):
            role = _role(pid, self.root)
            rss = _status_kb(pid, "VmRSS")
            if role and rss is not None:
                now[role] = max(now.get(role, 0.0), rss / 1024)
        return now

    def _loop(self) -> None:
        while not self._stop.is_set():
            for role, megabytes in self.reading().items():
                self.peak[role] = max(self.peak.get(role, 0.0), megabytes)
            self._stop.wait(self.every)

    def __enter__(self) -> MemoryWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        self._thread.join()


# --- the runs ------------------------------------------------------------------------------------------------

_BARE_SCRIPT = """
import json, sys, spacy
nlp = spacy.load(sys.argv[2])
texts = (json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8"))
for doc in nlp.pipe(texts, batch_size=64):
    sys.stdout.write("1\\n")
    sys.stdout.flush()
"""


def _timed(name: str, command: list[str], words: int) -> Run:
    """Run `command`, one output line per story, timing it and watching its memory."""
    run = Run(name=name)
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, bufsize=1)
    with MemoryWatch(process.pid) as watch:
        assert process.stdout is not None
        for line in process.stdout:
            run.stories += 1
            if run.first_record_seconds is None:
                run.first_record_seconds = round(time.perf_counter() - started, 2)
            if '"error":{"kind"' in line[:400]:
                run.errors += 1
            if run.stories == MEMORY_CHECKPOINT:
                run.rss_at_checkpoint_mb = _rounded(watch.reading())
            run.rss_at_end_mb = _rounded(watch.reading()) if run.stories % 500 == 0 else run.rss_at_end_mb
        run.exit_code = process.wait()
        run.peak_rss_mb = _rounded(watch.peak)
    run.seconds = round(time.perf_counter() - started, 2)
    run.stories_per_second = round(run.stories / run.seconds, 1) if run.seconds else 0.0
    run.words_per_second = round(words / run.seconds) if run.seconds else 0.0
    return run


def _rounded(values: dict[str, float]) -> dict[str, float]:
    return {key: round(value, 1) for key, value in values.items()}


@dataclass
class BenchReport:
    input: str
    model: str
    stories: int
    words: int
    unusable_inputs: int
    runs: list[Run]
    ratios: dict[str, float]

    def as_dict(self) -> dict:
        return asdict(self)


def prepare(input_path: Path, limit: int | None, folder: Path) -> tuple[Path, int, int, int]:
    """The stories to time, as one JSONL file, with their count, word count and unusable inputs."""
    prepared = folder / "stories.jsonl"
    stories = words = unusable = 0
    with prepared.open("w", encoding="utf-8") as out:
        for item in read_stories([str(input_path)]):
            if not isinstance(item, StoryInput):
                unusable += 1
                continue
            out.write(json.dumps({"id": item.id, "text": item.text, "published": item.published}) + "\n")
            stories += 1
            words += len(item.text.split())
            if limit and stories >= limit:
                break
    return prepared, stories, words, unusable


def run_bench(input_path: Path, model: str, workers: int, limit: int | None = None) -> BenchReport:
    with tempfile.TemporaryDirectory(prefix="wirefacts-bench-") as tmp:
        prepared, stories, words, unusable = prepare(input_path, limit, Path(tmp))
        python = sys.executable
        extract = [python, "-m", "wirefacts", "extract", str(prepared), "--quiet", "--model", model]
        runs = [
            _timed("bare spaCy (default pipeline)", [python, "-c", _BARE_SCRIPT, str(prepared), model], words),
            _timed("wirefacts, 1 worker", extract, words),
            _timed(f"wirefacts, {workers} workers", extract + ["--workers", str(workers)], words),
        ]
    bare, one, many = runs
    ratios = {
        "one_worker_vs_bare_spacy": round(bare.seconds / one.seconds, 2) if one.seconds else 0.0,
        f"{workers}_workers_vs_one": round(one.seconds / many.seconds, 2) if many.seconds else 0.0,
    }
    return BenchReport(str(input_path), model, stories, words, unusable, runs, ratios)


def input_line(input_path: str, stories: int, words: int, unusable: int) -> str:
    """The first line of a benchmark report: what was timed."""
    return f"input: {input_path} ({stories} stories, {words} words, {unusable} unusable inputs skipped)"


def render(report: BenchReport) -> str:
    lines = [
        input_line(report.input, report.stories, report.words, report.unusable_inputs),
        f"model: {report.model}",
        "",
        f"{'run':32} {'seconds':>8} {'stories/s':>10} {'words/s':>9} {'first':>6}  peak RSS MB (main / worker)",
    ]
    for run in report.runs:
        peak = f"{run.peak_rss_mb.get('main', 0):.0f}" + (
            f" / {run.peak_rss_mb['worker']:.0f}" if "worker" in run.peak_rss_mb else ""
        )
        lines.append(
            f"{run.name:32} {run.seconds:8.1f} {run.stories_per_second:10.1f} {run.words_per_second:9.0f} "
            f"{run.first_record_seconds or 0:6.2f}  {peak}"
        )
    lines.append("")
    for run in report.runs[1:]:
        lines.append(
            f"{run.name}: RSS at {MEMORY_CHECKPOINT} stories {run.rss_at_checkpoint_mb}, at the end {run.rss_at_end_mb}; "
            f"{run.errors} error records, exit {run.exit_code}"
        )
    lines.append("")
    lines.extend(f"{name.replace('_', ' ')}: {value:.2f}x" for name, value in report.ratios.items())
    return "\n".join(lines)
