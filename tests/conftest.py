"""Shared fixtures: the full pipeline is built once per test session (loading the model takes seconds).

Tests marked `slow` (real subprocesses, a model loaded of their own) run only with --slow: the quick loop is
`pytest`, and `make test` (CI) runs `pytest --slow`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# One Hypothesis profile for the suite: no per-example deadline (the first example may load lazily built
# resources, and the machine may be loaded), and session fixtures may be used in @given tests.
settings.register_profile(
    "wirefacts", deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture], print_blob=True
)
settings.load_profile("wirefacts")

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GOLDEN = Path(__file__).resolve().parent / "golden"


def pytest_addoption(parser):
    parser.addoption(
        "--update-golden", action="store_true", help="Rewrite tests/golden/ from the current extraction (review the diff)."
    )
    parser.addoption("--slow", action="store_true", help="Also run the tests marked slow (real subprocesses).")


def pytest_collection_modifyitems(config, items):
    if config.getoption("--slow"):
        return
    skip = pytest.mark.skip(reason="slow: run with --slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


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
