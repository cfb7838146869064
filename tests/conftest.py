"""Shared fixtures: the full pipeline is built once per test session (loading the model takes seconds)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GOLDEN = Path(__file__).resolve().parent / "golden"


def pytest_addoption(parser):
    parser.addoption(
        "--update-golden", action="store_true", help="Rewrite tests/golden/ from the current extraction (review the diff)."
    )


@pytest.fixture(scope="session")
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


@pytest.fixture(scope="session")
def full_nlp():
    from wirefacts.nlp import build_pipeline

    return build_pipeline()


@pytest.fixture(scope="session")
def extract_text(full_nlp):
    """Run the whole pipeline on one text and return its StoryRecord."""
    from wirefacts.extract import make_doc
    from wirefacts.records import build_record
    from wirefacts.schema import StoryInput

    def run(text: str, published: str | None = None, story_id: str = "test"):
        return build_record(full_nlp(make_doc(full_nlp, StoryInput(id=story_id, text=text, published=published))))

    return run


@pytest.fixture(scope="session")
def sample_stories() -> list[dict]:
    return [json.loads(line) for line in (SAMPLES / "stories.jsonl").read_text(encoding="utf-8").splitlines()]
