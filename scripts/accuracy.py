"""Print the accuracy table of the README: span and record F1 per type on every gold set at hand.

    python scripts/accuracy.py [--shared PATH] [--json] [--model NAME] [--errors N]      (or: make accuracy)

Gold sets: samples/gold (in the repository), the development gold of ../shared/corpora/wirefacts_dev,
and TimeBank + AQUAINT (TempEval-3 train, calendar DATE values, converted by tempeval_gold.py; the
TempEval-3 platinum test split is never read here). ../shared is found beside the repository root;
a gold set that is not there is reported as missing and the others are still scored.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import tempeval_gold  # noqa: E402  (the sibling script)

from wirefacts.evaluate import evaluate  # noqa: E402
from wirefacts.schema import TYPES, GoldStory, StoryInput, StoryRecord  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = ROOT.parent / "shared"
LEVELS_SHOWN = ("span", "record")


@dataclass
class GoldSet:
    name: str
    files: list[Path]
    convert_timeml: bool = False

    def missing(self) -> list[Path]:
        return [file for file in self.files if not file.is_file()]

    def stories(self) -> list[GoldStory]:
        lines: list[dict] = []
        for file in self.files:
            with file.open(encoding="utf-8") as source:
                if self.convert_timeml:
                    lines.extend(tempeval_gold.convert(source))
                else:
                    lines.extend(json.loads(raw) for raw in source if raw.strip())
        return [GoldStory.model_validate(line) for line in lines]


def gold_sets(shared: Path) -> list[GoldSet]:
    corpora = shared / "corpora"
    return [
        GoldSet("samples/gold (seed, Reuters 1987, MEANTIME)", sorted((ROOT / "samples" / "gold").glob("*.jsonl"))),
        GoldSet("the seed story alone", [ROOT / "samples" / "gold" / "seed.jsonl"]),
        GoldSet("wirefacts_dev gold (Reuters 1987, BBC 2004-05)", [corpora / "wirefacts_dev" / "gold.jsonl"]),
        GoldSet(
            "TimeBank + AQUAINT (calendar DATE values)",
            [corpora / "tempeval3" / "tempeval3_timebank.jsonl", corpora / "tempeval3" / "tempeval3_aquaint.jsonl"],
            convert_timeml=True,
        ),
    ]


def predict(nlp, gold: list[GoldStory]) -> dict[str, StoryRecord | None]:
    from wirefacts.extract import extract

    stories = [StoryInput(id=story.id, text=story.text, published=story.published) for story in gold]
    return {outcome.id: outcome if isinstance(outcome, StoryRecord) else None for outcome in extract(nlp, stories)}


def measure(nlp, gold_set: GoldSet) -> dict:
    """{"stories": n, "scores": {type: {level: f1}}, "errors": {class: count}} for the types the gold scores."""
    gold = gold_set.stories()
    evaluation = evaluate(gold, predict(nlp, gold))
    report = evaluation.report()
    scores = {
        kind: {level: report[kind][level]["f"] for level in LEVELS_SHOWN} for kind in TYPES if kind in evaluation.scored_types
    }
    return {"stories": evaluation.stories, "scores": scores, "errors": error_classes(evaluation.findings)}


def error_classes(findings) -> dict[str, int]:
    """Findings counted by type and kind of error, a wrong field split by which fields, most frequent first."""
    counts = Counter(
        f"{finding.type}: {finding.what}" + (f" ({', '.join(finding.fields)})" if finding.fields else "")
        for finding in findings
    )
    return dict(counts.most_common())


def markdown(results: dict[str, dict]) -> str:
    header = "| gold | stories | " + " | ".join(TYPES) + " |"
    rows = [header, "|---|---|" + "---|" * len(TYPES)]
    notes = []
    for name, result in results.items():
        if "missing" in result:
            rows.append(f"| {name} | missing |" + " |" * len(TYPES))
            notes.append(f"missing: {name}: {result['missing']} not found")
            continue
        cells = []
        for kind in TYPES:
            score = result["scores"].get(kind)
            cells.append(f"{score['span']:.3f} / **{score['record']:.3f}**" if score else "")
        rows.append(f"| {name} | {result['stories']} | " + " | ".join(cells) + " |")
    return "\n".join(rows + ([""] + notes if notes else []))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared folder (default: ../shared)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--model", help="spaCy model for extraction (default: the pinned one)")
    parser.add_argument("--errors", type=int, default=0, metavar="N", help="also list the N most frequent error classes")
    args = parser.parse_args(argv)

    from wirefacts.nlp import build_pipeline

    nlp = build_pipeline(args.model)
    results: dict[str, dict] = {}
    for gold_set in gold_sets(args.shared):
        missing = gold_set.missing()
        if missing or not gold_set.files:
            results[gold_set.name] = {"missing": ", ".join(str(file) for file in missing) or "any .jsonl file"}
            continue
        print(f"scoring {gold_set.name} ...", file=sys.stderr)
        results[gold_set.name] = measure(nlp, gold_set)
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print("F1 per type: span / **record** (ANNOTATION.md v2, micro-averaged)\n")
        print(markdown(results))
        if args.errors:
            print(most_frequent_errors(results, args.errors))
    return 0


def most_frequent_errors(results: dict[str, dict], limit: int) -> str:
    lines = []
    for name, result in results.items():
        if "errors" in result:
            lines += ["", f"Most frequent errors, {name}:"]
            lines += [f"  {count:5d}  {what}" for what, count in list(result["errors"].items())[:limit]]
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
