"""`wirefacts evaluate` for people: the score table, the list of misses, and the note on ids."""

from __future__ import annotations

import json

from rich.console import Console
from rich.table import Table

from wirefacts.evaluate import Evaluation, Finding, IdCoverage
from wirefacts.schema import LEVELS, TYPES

SHOWN_IDS = 5


def score_table(evaluation: Evaluation) -> Table:
    report = evaluation.report()
    table = Table(title=f"wirefacts evaluate: {evaluation.stories} stories (micro-averaged)")
    for column in ("type", "level", "P", "R", "F1", "tp", "fp", "fn"):
        table.add_column(column, justify="left" if column in ("type", "level") else "right")
    for kind in TYPES:
        if kind not in evaluation.scored_types:
            continue
        for level in LEVELS:
            score = report[kind][level]
            f1 = f"{score['f']:.3f}"
            table.add_row(
                kind if level == "span" else "",
                level,
                f"{score['p']:.3f}",
                f"{score['r']:.3f}",
                f"[bold]{f1}[/]" if level == "record" else f1,
                str(score["tp"]),
                str(score["fp"]),
                str(score["fn"]),
            )
        table.add_section()
    return table


def print_findings(findings: list[Finding], console: Console) -> None:
    """One finding per line and its gold and predicted items on lines of their own, never wrapped (so that
    grep and diff work on the output when it is piped)."""
    for finding in findings:
        console.print(f"[bold]{finding.story}[/] {finding.type} [yellow]{finding.what}[/]", highlight=False, soft_wrap=True)
        for label, item in (("gold", finding.gold), ("pred", finding.predicted)):
            if item is not None:
                console.print(
                    f"    {label}: {json.dumps(item, ensure_ascii=False)}", highlight=False, markup=False, soft_wrap=True
                )


def _some(ids: list[str]) -> str:
    shown = ", ".join(repr(story_id) for story_id in ids[:SHOWN_IDS])
    return shown + (f" and {len(ids) - SHOWN_IDS} more" if len(ids) > SHOWN_IDS else "")


def coverage_notes(coverage: IdCoverage) -> list[str]:
    """What to tell the user about ids that do not pair up (nothing when every id pairs up)."""
    notes = []
    if coverage.only_predicted:
        notes.append(
            f"{len(coverage.only_predicted)} prediction ids are not in the gold and are not scored: "
            f"{_some(coverage.only_predicted)}"
        )
    if coverage.no_prediction:
        notes.append(
            f"{len(coverage.no_prediction)} of {coverage.gold} gold stories have no prediction and score as "
            f"finding nothing: {_some(coverage.no_prediction)}"
        )
    return notes


def no_common_ids(coverage: IdCoverage, gold_ids: list[str], predicted_ids: list[str]) -> str:
    return (
        f"no prediction id is a gold id ({coverage.predicted} predictions, {coverage.gold} gold stories): "
        f"gold ids are like {_some(gold_ids[:2])}, prediction ids like {_some(predicted_ids[:2])}. "
        "Were the predictions extracted from these gold stories?"
    )
