"""Convert TempEval-3 / MEANTIME TIMEX3 annotations to wirefacts gold lines that score dates only.

    python scripts/tempeval_gold.py INPUT.jsonl -o OUT.jsonl

Each output line is {"id", "text", "published", "dates", "ignore"}: TIMEX3 of type DATE whose value is
a calendar value (YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Qn, YYYY-Wnn) become dates; every other TIMEX3
(durations, times, sets, PRESENT_REF, XXXX-.., seasons, decades, half-years) goes into "ignore", so a
prediction there is neither right nor wrong. Write outputs outside the repository (corpus text must
not be copied into it).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable, Iterator

CALENDAR_VALUE = re.compile(r"^\d{4}(?:-(?:\d{2}(?:-\d{2})?|Q[1-4]|W\d{1,2}))?$")
GRANULARITY_BY_SHAPE = (
    (re.compile(r"^\d{4}$"), "year"),
    (re.compile(r"^\d{4}-\d{2}$"), "month"),
    (re.compile(r"^\d{4}-\d{2}-\d{2}$"), "day"),
    (re.compile(r"^\d{4}-Q[1-4]$"), "quarter"),
    (re.compile(r"^\d{4}-W\d{2}$"), "week"),
)


def calendar_value(timex: dict) -> str | None:
    """The TIMEX3's value when it is a DATE with a calendar value; TimeBank's 'W7' becomes 'W07'."""
    value = (timex.get("value") or "").strip()
    if timex.get("type") != "DATE" or not CALENDAR_VALUE.match(value):
        return None
    week = re.match(r"^(\d{4})-W(\d{1,2})$", value)
    if week:
        number = int(week[2])
        return f"{week[1]}-W{number:02d}" if 1 <= number <= 53 else None
    return value


def granularity(value: str) -> str:
    for shape, name in GRANULARITY_BY_SHAPE:
        if shape.match(value):
            return name
    raise ValueError(f"not a calendar value: {value!r}")


def gold_line(doc: dict) -> dict:
    text = doc["text"]
    dates, ignore = [], []
    for timex in doc.get("timex3") or []:
        start, end = timex.get("start"), timex.get("end")
        if start is None or end is None:
            continue  # non-consuming or creation-time TIMEX3 outside the text
        if text[start:end] != timex["text"]:
            raise ValueError(f"{doc['id']}: offsets {start}:{end} do not give {timex['text']!r}")
        value = calendar_value(timex)
        if value is None:
            ignore.append([start, end])
        else:
            dates.append({"start": start, "end": end, "text": timex["text"], "value": value,
                          "granularity": granularity(value)})  # fmt: skip
    dates.sort(key=lambda d: (d["start"], d["end"]))
    published = (doc.get("dct") or "")[:10] or None
    return {"id": doc["id"], "text": text, "published": published, "dates": dates, "ignore": sorted(ignore)}


def convert(lines: Iterable[str]) -> Iterator[dict]:
    for line in lines:
        if line.strip():
            yield gold_line(json.loads(line))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", help="a tempeval3_*.jsonl or meantime_en.jsonl file")
    parser.add_argument("-o", "--output", required=True, help="the gold JSONL to write ('-' for stdout)")
    args = parser.parse_args(argv)
    with open(args.input, encoding="utf-8") as source:
        gold = list(convert(source))
    out = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8")
    try:
        for line in gold:
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
    dates = sum(len(line["dates"]) for line in gold)
    ignored = sum(len(line["ignore"]) for line in gold)
    print(f"{len(gold)} documents, {dates} dates, {ignored} ignored spans -> {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
