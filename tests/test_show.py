"""`wirefacts show`: the page, checked in its HTML and, as a person sees it, in headless Chromium."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

import wirefacts
from tests.conftest import ROOT, SAMPLES
from wirefacts.cli import app
from wirefacts.schema import ErrorRecord, StoryRecord
from wirefacts.views.show import build_views, describe, displacy_docs, facts, render_pages

runner = CliRunner()
RECORDS = ROOT / "tests" / "golden" / "samples.jsonl"
GOLD = SAMPLES / "gold"
SEED_ID = "ians-2025-01-13-korea-israel"
CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--hide-scrollbars",
)


class PageReader(HTMLParser):
    """What a person can find on the page: per story section, the fact chips (link target and the value
    shown on hover, with the chip's label) and the table rows (class and type)."""

    def __init__(self) -> None:
        super().__init__()
        self.story: str | None = None
        self.chips: list[dict] = []
        self.rows: list[dict] = []
        self.text_parts: list[str] = []
        self._link: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section" and "data-story" in attrs:
            self.story = attrs["data-story"]
        elif tag == "a" and (attrs.get("href") or "").startswith("#s") and self.story is not None:
            self._link = {"story": self.story, "href": attrs["href"][1:], "value": "", "label": self._label()}
        elif tag == "tr" and "wf-row" in (attrs.get("class") or ""):
            self.rows.append({"story": self.story, "id": attrs.get("id"), "class": attrs["class"], "type": attrs.get("data-type")})

    def _label(self) -> str:
        """The chip's label is the text just before its link."""
        return " ".join("".join(self.text_parts[-3:]).split()[-3:])

    def handle_data(self, data):
        if self._link is not None:
            self._link["value"] += data
        else:
            self.text_parts.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._link is not None:
            self._link["value"] = self._link["value"].strip()
            self.chips.append(self._link)
            self._link = None


def read_page(markup: str) -> PageReader:
    reader = PageReader()
    reader.feed(markup)
    return reader


@pytest.fixture(scope="module")
def samples_page(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("show") / "report.html"
    [page] = render_pages(wirefacts.read_records(RECORDS), out, wirefacts.read_gold(GOLD))
    return page


@pytest.fixture(scope="module")
def views():
    return build_views(list(wirefacts.read_records(RECORDS)), wirefacts.read_gold(GOLD))


def expected_chips(story) -> Counter:
    """(anchor, value) -> how many highlighted stretches the story's facts should give."""
    return Counter((fact.anchor, fact.value) for fact in facts(story) if fact.label not in ("DATELINE", "CREDIT"))


def check_seed_facts(page: PageReader, views) -> None:
    stories, _ = views
    seed = next(story for story in stories if story.id == SEED_ID)
    record = seed.record
    shown = Counter((chip["href"], chip["value"]) for chip in page.chips if chip["story"] == SEED_ID)
    expected = expected_chips(seed)
    assert shown >= expected
    facts_in_record = sum(len(e.mentions) + bool(getattr(e, "title_mention", None)) for e in (*record.officials, *record.organizations))
    assert sum(expected.values()) == facts_in_record + len(record.amounts) + len(record.dates)
    assert shown[("s27-amounts-0", "USD 8,000,000 per year")] == 1
    assert shown[("s27-dates-0", "2025-01-13 (day)")] == 1


def check_findings_marked(page: PageReader, views) -> None:
    """Every miss, false alarm and wrong field of `wirefacts evaluate --misses` has its marked row, and every
    miss its MISS chip in the text."""
    _, evaluation = views
    findings = Counter((f.story, f.type, f.what.replace(" ", "-")) for f in evaluation.findings)
    rows = Counter(
        (row["story"], row["type"], mark) for row in page.rows for mark in ("miss", "false-alarm", "wrong-field")
        if f"wf-{mark}" in row["class"].split()
    )
    assert rows == findings and sum(findings.values()) > 0
    miss_rows = {(row["story"], row["id"]) for row in page.rows if "wf-miss" in row["class"]}
    miss_chips = {(chip["story"], chip["href"]) for chip in page.chips if chip["label"].endswith("MISS")}
    assert miss_rows == miss_chips
    wrong_chips = [chip for chip in page.chips if chip["label"].endswith("WRONG FIELD")]
    assert wrong_chips and all(" | gold: " in chip["value"] for chip in wrong_chips)


# --- the page's HTML -----------------------------------------------------------------------------------------


def test_every_fact_of_the_seed_story_is_highlighted_with_its_value(samples_page, views):
    check_seed_facts(read_page(samples_page.read_text(encoding="utf-8")), views)


def test_every_finding_of_evaluate_is_marked(samples_page, views):
    check_findings_marked(read_page(samples_page.read_text(encoding="utf-8")), views)


def test_the_page_is_self_contained(samples_page):
    markup = samples_page.read_text(encoding="utf-8")
    assert not re.search(r"<(script|link|img|iframe)\b|\bsrc=|url\(", markup, re.IGNORECASE)
    assert not re.findall(r'href="(?!#|report)', markup)


def test_facts_stay_whole_and_the_text_keeps_its_words():
    text = "Acme chairman Jo Ng said on Monday\nprofit rose 5 pct to $8 million a year."
    start = text.index("$8 million")
    record = StoryRecord.model_validate({
        "id": "t", "text": text,
        "officials": [{"name": "Jo Ng", "title": "chairman", "title_mention": {"start": 5, "end": 13, "text": "chairman"},
                       "mentions": [{"start": 14, "end": 19, "text": "Jo Ng"}]}],
        "amounts": [{"start": start, "end": start + 10, "text": "$8 million", "kind": "money", "value": 8e6, "currency": "USD", "period": "year"}],
    })
    [story], _ = build_views([record], None)
    docs = displacy_docs(text, facts(story))
    assert [doc["text"] for doc in docs] == text.split("\n")
    assert " ".join(docs[1]["tokens"]).split() == text.split("\n")[1].split()
    [amount] = docs[1]["spans"]
    assert docs[1]["tokens"][amount["start_token"] : amount["end_token"]] == ["$8 million"]
    assert amount["kb_id"] == "USD 8,000,000 per year" and amount["label"] == "AMOUNT"
    labels = sorted(span["label"] for span in docs[0]["spans"])
    assert labels == ["OFFICIAL", "TITLE"]


def test_describe_values():
    record = next(r for r in wirefacts.read_records(RECORDS) if r.id == SEED_ID)
    assert describe("officials", record.officials[0]) == (
        "Director General for Technology Policy · Ministry of Trade, Industry and Energy · KR"
    )
    assert describe("organizations", record.organizations[0]) == "Ministry of Trade, Industry and Energy · KR"


@pytest.mark.parametrize("records", [[], [ErrorRecord(id=SEED_ID, error={"kind": "extraction", "message": "boom"})]])
def test_a_gold_story_without_record_is_all_misses(tmp_path, records):
    gold = [g for g in wirefacts.read_gold(GOLD) if g.id == SEED_ID]
    [page] = render_pages(records, tmp_path / "r.html", gold)
    markup = page.read_text(encoding="utf-8")
    reader = read_page(markup)
    assert {row["class"] for row in reader.rows} == {"wf-row wf-miss"}
    facts_in_gold = sum(len(getattr(gold[0], kind)) for kind in ("officials", "organizations", "amounts", "dates"))
    assert len(reader.rows) == facts_in_gold
    assert {chip["href"] for chip in reader.chips} == {row["id"] for row in reader.rows}
    assert ("boom" in markup) == bool(records)


def test_large_inputs_are_cut_into_pages(tmp_path):
    pages = render_pages(wirefacts.read_records(RECORDS), tmp_path / "report.html", per_page=10)
    assert [page.name for page in pages] == ["report.html", "report-2.html", "report-3.html"]
    first, second = (read_page(page.read_text(encoding="utf-8")) for page in pages[:2])
    index_links = re.findall(r'<td><a href="([^"]+)"', pages[0].read_text(encoding="utf-8"))
    assert len(index_links) == 27 and index_links[10] == "report-2.html#s11"
    assert len({chip["story"] for chip in first.chips}) == 10
    assert {chip["story"] for chip in second.chips} <= {r.id for r in list(wirefacts.read_records(RECORDS))[10:20]}


def test_fewer_pages_remove_only_the_stale_pages_this_command_wrote(tmp_path):
    records = list(wirefacts.read_records(RECORDS))
    render_pages(records, tmp_path / "report.html", per_page=5)
    assert (tmp_path / "report-6.html").exists()
    (tmp_path / "report-9.html").write_text("<html>the user's own page</html>", encoding="utf-8")
    render_pages(records, tmp_path / "report.html", per_page=10)
    names = sorted(path.name for path in tmp_path.iterdir())
    assert names == ["report-2.html", "report-3.html", "report-9.html", "report.html"]


def test_cli_show(tmp_path):
    out = tmp_path / "deep" / "report.html"
    result = runner.invoke(app, ["show", str(RECORDS), "--gold", str(GOLD), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.is_file() and "1 page(s)" in result.stderr
    bad = runner.invoke(app, ["show", str(tmp_path / "missing.jsonl"), "-o", str(out)])
    assert bad.exit_code == 2


# --- as a person sees it: headless Chromium ------------------------------------------------------------------


def chromium() -> str | None:
    return next((path for name in ("chromium", "chromium-browser", "google-chrome") if (path := shutil.which(name))), None)


def run_chromium(browser: str, page: Path, profile: Path, *args: str) -> subprocess.CompletedProcess:
    command = [browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args, page.resolve().as_uri()]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def test_the_page_in_headless_chromium(samples_page, views, tmp_path):
    browser = chromium()
    if browser is None:
        pytest.skip("no Chromium on PATH: `sh scripts/ensure_chromium.sh` installs it (apt-get, needs root)")
    dom = run_chromium(browser, samples_page, tmp_path / "profile-dom", "--dump-dom")
    assert dom.returncode == 0, dom.stderr[-2000:]
    page = read_page(dom.stdout)
    assert len({chip["story"] for chip in page.chips}) == 27
    check_seed_facts(page, views)
    check_findings_marked(page, views)

    shot = tmp_path / "report.png"
    screenshot = run_chromium(browser, samples_page, tmp_path / "profile-shot", "--window-size=1100,1400", f"--screenshot={shot}")
    assert screenshot.returncode == 0, screenshot.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000  # a page, not a blank


# --- scripts/ensure_chromium.sh ------------------------------------------------------------------------------


def run_ensure(path_dirs: list[Path]) -> subprocess.CompletedProcess:
    env = {"PATH": ":".join(str(d) for d in path_dirs)}
    return subprocess.run(["/bin/sh", str(ROOT / "scripts" / "ensure_chromium.sh")], env=env, capture_output=True, text=True, timeout=30)


def fake_command(directory: Path, name: str, body: str = "exit 0") -> None:
    directory.mkdir(exist_ok=True)
    path = directory / name
    path.write_text(f"#!/bin/sh\necho {name} \"$@\" >> {directory}/calls\n{body}\n", encoding="utf-8")
    path.chmod(0o755)


def test_ensure_chromium_does_nothing_when_a_browser_is_there(tmp_path):
    fake_command(tmp_path / "bin", "chromium")
    fake_command(tmp_path / "bin", "apt-get")
    result = run_ensure([tmp_path / "bin", Path("/usr/bin"), Path("/bin")])
    assert result.returncode == 0 and not (tmp_path / "bin" / "calls").exists()


def test_ensure_chromium_installs_with_apt_get_only_when_missing(tmp_path):
    tools = tmp_path / "bin"
    fake_command(tools, "apt-get")
    fake_command(tools, "id", "echo 0")  # as root
    result = run_ensure([tools])
    assert result.returncode == 0, result.stderr
    calls = (tools / "calls").read_text(encoding="utf-8").splitlines()
    assert calls[0] == "id -u" and calls[1].startswith("apt-get update")
    assert calls[2].startswith("apt-get install") and " chromium" in calls[2]


def test_ensure_chromium_without_apt_get_says_the_test_will_skip(tmp_path):
    fake_command(tmp_path / "bin", "id", "echo 0")
    result = run_ensure([tmp_path / "bin"])
    assert result.returncode == 0 and "skipped" in result.stderr
