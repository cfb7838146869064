"""Write samples/stories.jsonl (the plain inputs) from the gold files in samples/gold/.

Run after editing a gold file: python scripts/make_sample_inputs.py
"""

from __future__ import annotations

import json
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def sample_inputs() -> list[dict]:
    lines = []
    for gold_file in sorted((SAMPLES / "gold").glob("*.jsonl")):
        for raw in gold_file.read_text(encoding="utf-8").splitlines():
            if raw.strip():
                gold = json.loads(raw)
                lines.append({key: gold[key] for key in ("id", "text", "published", "meta") if key in gold})
    return lines


def render() -> str:
    return "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in sample_inputs())


if __name__ == "__main__":
    (SAMPLES / "stories.jsonl").write_text(render(), encoding="utf-8")
    print(f"wrote {len(sample_inputs())} stories to {SAMPLES / 'stories.jsonl'}")
