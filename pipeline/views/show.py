"""Records as one self-contained HTML page per N stories: the text with every fact highlighted by displaCy's
span renderer, the records as small tables, an index of stories, and (with gold) every miss, false alarm
and wrong field marked, from the findings of `wirefacts.evaluate` (the same matching, not a second scorer).
"""

from __future__ import annotations

import glob
import html
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wirefacts.evaluate import ENTITY_TYPES, Evaluation, Finding, evaluate
from wirefacts.schema import TYPES, ErrorRecord, GoldStory, StoryRecord

DEFAULT_PER_PAGE = 50
TYPE_LABELS = {"officials": "OFFICIAL", "organizations": "ORG", "amounts": "AMOUNT", "dates": "DATE"}
MARKS = {"miss": "MISS", "false alarm": "FALSE ALARM", "wrong field": "WRONG FIELD"}
TYPE_COLORS = {
    "OFFICIAL": "#7fc8f8", "TITLE": "#cfe8fc", "ORG": "#ffd166", "AMOUNT": "#95d5b2", "DATE": "#cdb4db",
    "DATELINE": "#d9d9d9", "CREDIT": "#d9d9d9",
}
MARK_COLORS = {"MISS": "#ff4d4d", "FALSE ALARM": "#ff9e9e", "WRONG FIELD": "#ff9f1c"}


# --- facts of one story --------------------------------------------------------------------------------------


@dataclass
class Fact:
    """One highlighted stretch of text: a mention, a title, an amount, a date, the dateline or the credit."""

    start: int
    end: int
    label: str
    value: str
    anchor: str  # the id of its row in the story's tables


@dataclass
class StoryView:
    """Everything the page shows of one story."""

    number: int
    id: str
    record: StoryRecord | ErrorRecord | None
    gold: GoldStory | None = None
    findings: list[Finding] = field(default_factory=list)
    marks: dict[tuple[str, str, int], Finding] = field(default_factory=dict)  # (side, type, index) -> finding

    @property
    def text(self) -> str:
        if isinstance(self.record, StoryRecord):
            return self.record.text
        return self.gold.text if self.gold is not None else ""

    def items(self, kind: str) -> list:
        return list(getattr(self.record, kind) or []) if isinstance(self.record, StoryRecord) else []

    def count(self, what: str) -> int:
        return sum(1 for finding in self.findings if finding.what == what)


def _number(value: float | int | None) -> str:
    if value is None:
        return "?"
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


def describe(kind: str, item: Any) -> str:
    """The normalized value of a fact, as shown on hover."""
    if kind == "amounts":
        shown = _number(item.value) + (f"–{_number(item.value_max)}" if item.value_max is not None else "")
        shown = f"{shown}%" if item.kind == "percent" else f"{item.currency or '?'} {shown}"
        return shown + (f" per {item.period}" if item.period else "")
    if kind == "dates":
        return f"{item.value or 'unresolved'} ({item.granularity})"
    if kind == "officials":
        parts = [item.title, item.organization, item.country]
        return " · ".join(part for part in parts if part) or "no title"
    return item.name + (f" · {item.country}" if item.country else "")


def _spans(kind: str, item: Any) -> list:
    return list(item.mentions) if kind in ENTITY_TYPES else [item]


def _located(kind: str, items: list, described: dict[str, Any] | None, taken: set[int]) -> int | None:
    """The index of the item a finding describes: entities by name, amounts and dates by offsets."""
    if described is None:
        return None
    for index, item in enumerate(items):
        if index in taken:
            continue
        if kind in ENTITY_TYPES and item.name == described.get("name"):
            return index
        if kind not in ENTITY_TYPES and (item.start, item.end) == (described.get("start"), described.get("end")):
            return index
    return None


def attach_findings(story: StoryView) -> None:
    """Tie every finding of the story to the gold item and the predicted item it is about."""
    taken: dict[tuple[str, str], set[int]] = defaultdict(set)
    for finding in story.findings:
        for side, items, described in (
            ("gold", list(getattr(story.gold, finding.type) or []), finding.gold),
            ("predicted", story.items(finding.type), finding.predicted),
        ):
            index = _located(finding.type, items, described, taken[(side, finding.type)])
            if index is not None:
                taken[(side, finding.type)].add(index)
                story.marks[(side, finding.type, index)] = finding


def facts(story: StoryView) -> list[Fact]:
    """Every fact to highlight: the predicted ones (marked false alarm or wrong field where so), the
    dateline and credit, and the gold facts that were missed."""
    found = [*_predicted_facts(story), *_story_line_facts(story), *_missed_facts(story)]
    return [fact for fact in found if fact.end > fact.start]


def _predicted_facts(story: StoryView) -> Iterator[Fact]:
    for kind in TYPES:
        for index, item in enumerate(story.items(kind)):
            finding = story.marks.get(("predicted", kind, index))
            label, value = TYPE_LABELS[kind], describe(kind, item)
            if finding is not None:
                label = f"{label} {MARKS[finding.what]}"
                gold_item = _gold_item(story, finding)
                if gold_item is not None:
                    value = f"{value} | gold: {describe(kind, gold_item)}"
            anchor = f"s{story.number}-{kind}-{index}"
            yield from (Fact(span.start, span.end, label, value, anchor) for span in _spans(kind, item))
            if kind == "officials" and item.title_mention is not None:
                yield Fact(item.title_mention.start, item.title_mention.end, "TITLE", item.name, anchor)


def _story_line_facts(story: StoryView) -> Iterator[Fact]:
    record = story.record
    if not isinstance(record, StoryRecord):
        return
    if record.dateline is not None:
        line = record.dateline
        value = " · ".join(part for part in (line.place, line.date) if part) or "dateline"
        yield Fact(line.start, line.end, "DATELINE", value, f"s{story.number}")
    if record.credit is not None:
        yield Fact(record.credit.start, record.credit.end, "CREDIT", record.credit.text, f"s{story.number}")


def _missed_facts(story: StoryView) -> Iterator[Fact]:
    for (side, kind, index), finding in story.marks.items():
        if side == "gold" and finding.what == "miss":
            item = getattr(story.gold, kind)[index]
            anchor = f"s{story.number}-gold-{kind}-{index}"
            label = f"{TYPE_LABELS[kind]} MISS"
            yield from (Fact(span.start, span.end, label, describe(kind, item), anchor) for span in _spans(kind, item))


def _gold_item(story: StoryView, finding: Finding) -> Any:
    for (side, kind, index), other in story.marks.items():
        if other is finding and side == "gold":
            return getattr(story.gold, kind)[index]
    return None


# --- the text through displaCy -------------------------------------------------------------------------------


def _paragraphs(text: str, found: list[Fact]) -> list[tuple[int, int]]:
    """The text cut at line ends that lie outside every fact (a fact may span a wrapped line)."""
    inside = {i for fact in found for i in range(fact.start, fact.end)}
    bounds, start = [], 0
    for match in re.finditer(r"\n+", text):
        if match.start() not in inside:
            bounds.append((start, match.start()))
            start = match.end()
    bounds.append((start, len(text)))
    return [(a, b) for a, b in bounds if text[a:b].strip()]


def _tokens(text: str, start: int, end: int, found: list[Fact]) -> list[tuple[int, int]]:
    """Pieces of text[start:end]: every fact boundary cuts, and outside facts so does whitespace (so text
    wraps); inside a fact a piece stays whole, so the whole fact shows its value on hover."""
    cuts = sorted({start, end} | {p for fact in found for p in (fact.start, fact.end) if start < p < end})
    pieces = []
    for a, b in zip(cuts, cuts[1:]):
        if any(fact.start <= a and b <= fact.end for fact in found):
            pieces.append((a, b))
        else:
            pieces += [(a + m.start(), a + m.end()) for m in re.finditer(r"\S+", text[a:b])]
    return [(a, b) for a, b in pieces if text[a:b].strip()]


def displacy_docs(text: str, found: list[Fact]) -> list[dict[str, Any]]:
    """The story as displaCy span-renderer input (manual mode), one doc per paragraph."""
    docs = []
    for start, end in _paragraphs(text, found):
        tokens = _tokens(text, start, end, found)
        spans = []
        for fact in found:
            covered = [i for i, (a, b) in enumerate(tokens) if fact.start <= a and b <= fact.end]
            if covered and start <= fact.start < end:
                spans.append({
                    "start_token": covered[0], "end_token": covered[-1] + 1, "label": html.escape(fact.label),
                    "kb_id": html.escape(fact.value), "kb_url": f"#{fact.anchor}",
                })
        docs.append({"text": text[start:end], "tokens": [text[a:b].strip() for a, b in tokens], "spans": spans})
    return docs


def colors() -> dict[str, str]:
    palette = dict(TYPE_COLORS)
    for label in TYPE_LABELS.values():
        for mark in MARKS.values():
            palette[f"{label} {mark}"] = MARK_COLORS[mark]
    return palette


def render_text(text: str, found: list[Fact]) -> str:
    from spacy import displacy

    docs = displacy_docs(text, found)
    if not docs:
        return '<p class="wf-empty">(empty story)</p>'
    return displacy.render(docs, style="span", manual=True, jupyter=False, options={"colors": colors()})


# --- tables --------------------------------------------------------------------------------------------------

COLUMNS = {
    "officials": ("name", "title", "organization", "country", "mentions"),
    "organizations": ("name", "country", "mentions"),
    "amounts": ("text", "kind", "value", "value_max", "currency", "period", "start"),
    "dates": ("text", "value", "granularity", "start"),
}


def _cell(item: Any, column: str) -> str:
    value = getattr(item, column)
    if column == "mentions":
        return "; ".join(html.escape(m.text) for m in value)
    if column in ("value", "value_max") and isinstance(value, int | float):
        return _number(value)
    return "" if value is None else html.escape(str(value))


def _row(item: Any, kind: str, anchor: str, check: str, css: str, extra: str = "") -> str:
    cells = "".join(f"<td>{_cell(item, column)}</td>" for column in COLUMNS[kind])
    opening = f'<tr id="{anchor}" class="{css}" data-type="{kind}">'
    return f'{opening}<td class="wf-check">{check}</td>{cells}<td>{extra}</td></tr>'


def _predicted_rows(story: StoryView, kind: str, scored: bool) -> Iterator[str]:
    for index, item in enumerate(story.items(kind)):
        finding = story.marks.get(("predicted", kind, index))
        check = MARKS[finding.what] if finding else ("ok" if scored else "")
        css = f"wf-row wf-{finding.what.replace(' ', '-')}" if finding else "wf-row"
        gold = _gold_item(story, finding) if finding is not None else None
        extra = "gold: " + html.escape(describe(kind, gold)) if gold is not None else ""
        yield _row(item, kind, f"s{story.number}-{kind}-{index}", check, css, extra)


def _missed_rows(story: StoryView, kind: str) -> Iterator[str]:
    for (side, mark_kind, index), finding in sorted(story.marks.items(), key=lambda pair: pair[0][2]):
        if side == "gold" and mark_kind == kind and finding.what == "miss":
            item = getattr(story.gold, kind)[index]
            yield _row(item, kind, f"s{story.number}-gold-{kind}-{index}", "MISS", "wf-row wf-miss", "from the gold")


def render_tables(story: StoryView) -> str:
    """The story's records, one small table per type; with gold, a check column and the missed gold rows
    ("ok": no miss, false alarm or wrong field was found for it)."""
    parts = []
    for kind in TYPES:
        scored = story.gold is not None and getattr(story.gold, kind) is not None
        rows = [*_predicted_rows(story, kind, scored), *_missed_rows(story, kind)]
        if rows:
            head = "".join(f"<th>{column}</th>" for column in ("check", *COLUMNS[kind], ""))
            parts.append(f'<table class="wf-records"><caption>{kind}</caption><tr>{head}</tr>{"".join(rows)}</table>')
    return "".join(parts) or '<p class="wf-empty">No facts.</p>'


# --- pages ---------------------------------------------------------------------------------------------------

STYLE = """
body { font-family: -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif; margin: 0 auto; max-width: 70rem;
       padding: 1rem 2rem; color: #222; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.15rem; margin-top: 2.5rem; border-top: 2px solid #ccc; padding-top: .8rem; }
table { border-collapse: collapse; font-size: .8rem; margin: .6rem 0; }
td, th { border: 1px solid #ddd; padding: 2px 6px; text-align: left; vertical-align: top; }
caption { text-align: left; font-weight: bold; padding: 2px 0; }
.wf-meta { color: #555; font-size: .85rem; }
.wf-error { background: #ffe3e3; border-left: 4px solid #ff4d4d; padding: .4rem .8rem; }
.wf-text .spans span { white-space: nowrap; }
.wf-text .spans a { display: none; }
.wf-text .spans > span:hover a { display: inline; }
.wf-text .spans > span:hover { z-index: 20; }
.wf-miss { background: #ffe3e3; } .wf-false-alarm { background: #fff0f0; } .wf-wrong-field { background: #fff3e0; }
.wf-check { font-weight: bold; white-space: nowrap; }
.wf-legend span { padding: 1px 6px; margin-right: 4px; border-radius: 3px; font-size: .75rem; }
nav { margin: .8rem 0; } nav a { margin-right: .4rem; }
tr.wf-bad td { background: #fff3e0; }
"""


def _legend() -> str:
    labels = [*TYPE_COLORS.items(), *MARK_COLORS.items()]
    chips = "".join(f'<span style="background:{color}">{html.escape(label)}</span>' for label, color in labels)
    hint = "hover a highlighted fact for its normalized value; click the value for its row"
    return f'<p class="wf-legend">{chips} <small>{hint}</small></p>'


def _story_html(story: StoryView) -> str:
    """One story: its error if it gave none, else (or from the gold) the text with its facts and the tables."""
    record = story.record
    parts = [f'<h2 id="s{story.number}">{story.number}. {html.escape(story.id)}</h2>']
    if isinstance(record, ErrorRecord):
        error = f"<b>{html.escape(record.error.kind)}</b>: {html.escape(record.error.message)}"
        parts.append(f'<p class="wf-error">{error}</p>')
    meta = [f"published {record.published or 'unknown'}"] if isinstance(record, StoryRecord) else []
    if story.gold is not None:
        if not isinstance(record, StoryRecord):
            meta.append("no record for this gold story: everything in the gold is a miss")
        meta.append(", ".join(_plural(story.count(what), what) for what in MARKS))
        if isinstance(record, StoryRecord) and record.text != story.gold.text:
            meta.append("WARNING: the gold text differs from the record's, so their offsets may not line up")
    if isinstance(record, StoryRecord) or story.gold is not None:
        parts.append(f'<p class="wf-meta">{html.escape(" · ".join(meta))}</p>')
        parts.append(f'<div class="wf-text">{render_text(story.text, facts(story))}</div>{render_tables(story)}')
    return f'<section class="wf-story" data-story="{html.escape(story.id)}">{"".join(parts)}</section>'


def _plural(count: int, what: str) -> str:
    return f"{count} {what}" if count == 1 else f"{count} {what}es" if what == "miss" else f"{count} {what}s"


def _index(stories: list[StoryView], page_of: dict[int, str], with_gold: bool) -> str:
    head = ["story", "published", "officials", "orgs", "amounts", "dates", "error"]
    head += ["misses", "false alarms", "wrong fields"] if with_gold else []
    rows = []
    for story in stories:
        record = story.record
        counts = [str(len(story.items(kind))) for kind in TYPES]
        error = html.escape(f"{record.error.kind}: {record.error.message}") if isinstance(record, ErrorRecord) else ""
        published = record.published if isinstance(record, StoryRecord) else None
        link = f'<a href="{page_of[story.number]}#s{story.number}">{html.escape(story.id)}</a>'
        cells = [link, published or "", *counts, error]
        if with_gold:
            cells += [str(story.count(what)) for what in MARKS]
        bad = " wf-bad" if error or (with_gold and story.findings) else ""
        rows.append(f'<tr class="wf-index-row{bad}">' + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>")
    header = "".join(f"<th>{column}</th>" for column in head)
    return f'<table class="wf-index"><caption>Stories ({len(stories)})</caption><tr>{header}</tr>{"".join(rows)}</table>'


SCORE_KEYS = ("p", "r", "f", "tp", "fp", "fn")


def _scores(evaluation: Evaluation) -> str:
    report = evaluation.report()
    rows = "".join(
        f"<tr><td>{kind}</td>" + "".join(f"<td>{report[kind]['record'][key]}</td>" for key in SCORE_KEYS)
        + "</tr>"
        for kind in TYPES if kind in evaluation.scored_types
    )
    head = "".join(f"<th>{column}</th>" for column in ("type", "P", "R", "F1", *SCORE_KEYS[3:]))
    return f'<table class="wf-scores"><caption>Record-level scores against the gold</caption><tr>{head}</tr>{rows}</table>'


def _page(title: str, nav: str, body: str) -> str:
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">{GENERATOR}<title>{html.escape(title)}</title>'
        f"<style>{STYLE}</style></head><body><h1>{html.escape(title)}</h1>{nav}{_legend()}{body}{nav}</body></html>"
    )


GENERATOR = '<meta name="generator" content="wirefacts show">'


def remove_stale_pages(output: Path, pages: int) -> None:
    """Pages OUTPUT-N.html beyond this run's last, left by an earlier run on more stories: removed, but only
    files this command wrote (they carry its generator tag); anything else of that name is left alone."""
    for path in output.parent.glob(f"{glob.escape(output.stem)}-*{glob.escape(output.suffix)}"):
        number = path.stem[len(output.stem) + 1 :]
        ours = GENERATOR in path.read_text(encoding="utf-8", errors="replace")[:500]
        if number.isdigit() and int(number) > pages and ours:
            path.unlink()


def page_names(output: Path, pages: int) -> list[str]:
    """report.html, report-2.html, report-3.html, ...: the first page holds the index of every story."""
    return [output.name] + [f"{output.stem}-{n}{output.suffix}" for n in range(2, pages + 1)]


def build_views(
    records: Iterable[StoryRecord | ErrorRecord], gold: list[GoldStory] | None
) -> tuple[list[StoryView], Evaluation | None]:
    """One view per record (and per gold story the records lack); with gold, the findings of `evaluate`
    tied to the items they are about."""
    stories: list[StoryView] = []
    by_id: dict[str, StoryView] = {}
    for record in records:
        view = StoryView(number=len(stories) + 1, id=record.id or "(no id)", record=record)
        stories.append(view)
        by_id.setdefault(view.id, view)
    if gold is None:
        return stories, None
    for story in gold:
        if story.id not in by_id:  # a gold story the records lack: shown from the gold, all misses
            by_id[story.id] = StoryView(number=len(stories) + 1, id=story.id, record=None)
            stories.append(by_id[story.id])
        by_id[story.id].gold = story
    predictions = {view.id: view.record if isinstance(view.record, StoryRecord) else None for view in by_id.values()}
    evaluation = evaluate(gold, predictions)
    for finding in evaluation.findings:
        by_id[finding.story].findings.append(finding)
    for view in stories:
        attach_findings(view)
    return stories, evaluation


def render_pages(
    records: Iterable[StoryRecord | ErrorRecord], output: Path, gold: list[GoldStory] | None = None,
    per_page: int = DEFAULT_PER_PAGE, title: str | None = None,
) -> list[Path]:
    """Write the page(s) for `records` (with `gold`: marks); returns the files written."""
    stories, evaluation = build_views(records, gold)
    chunks = [stories[i : i + per_page] for i in range(0, len(stories), per_page)] or [[]]
    names = page_names(output, len(chunks))
    page_of = {story.number: names[n] for n, chunk in enumerate(chunks) for story in chunk}
    title = title or f"wirefacts: {len(stories)} stor{'y' if len(stories) == 1 else 'ies'}"
    output.parent.mkdir(parents=True, exist_ok=True)
    written = []
    for n, chunk in enumerate(chunks):
        links = "".join(f'<a href="{name}">{"index" if i == 0 else i + 1}</a>' for i, name in enumerate(names))
        nav = f"<nav>pages: {links}</nav>" if len(names) > 1 else ""
        head = ""
        if n == 0:
            head = (_scores(evaluation) if evaluation is not None else "") + _index(stories, page_of, gold is not None)
        body = head + "".join(_story_html(story) for story in chunk)
        path = output.with_name(names[n])
        path.write_text(_page(title if n == 0 else f"{title} (page {n + 1})", nav, body), encoding="utf-8")
        written.append(path)
    remove_stale_pages(output, len(chunks))
    return written
