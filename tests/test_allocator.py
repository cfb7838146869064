"""The process keeps freed heap memory for its next batches (pipeline/allocator.py)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from wirefacts import allocator

glibc = pytest.mark.skipif(allocator._mallopt() is None or not sys.platform.startswith("linux"), reason="needs glibc")

# Rounds of blocks allocated, written and freed, as batches of stories do; prints the page faults they cost.
CHURN = """
import resource, sys
from wirefacts.allocator import keep_freed_memory
if sys.argv[1] == "keep":
    assert keep_freed_memory()
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for _ in range(20):
    blocks = [bytearray(b"x" * 1_000_000) for _ in range(40)]
    del blocks
print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
"""


def _page_faults(mode: str) -> int:
    done = subprocess.run([sys.executable, "-c", CHURN, mode], capture_output=True, text=True, check=True)
    return int(done.stdout)


@glibc
@pytest.mark.slow
def test_freed_memory_is_reused_without_page_faults():
    default, kept = _page_faults("default"), _page_faults("keep")
    assert default > 50_000  # 40 MB given back and faulted in again each round
    assert kept < default / 5


@glibc
def test_settings_apply_once(monkeypatch):
    allocator.keep_freed_memory.cache_clear()
    monkeypatch.delenv(allocator.OPT_OUT, raising=False)
    assert allocator.keep_freed_memory() is True
    assert allocator.keep_freed_memory() is True


def test_opt_out_leaves_malloc_alone(monkeypatch):
    allocator.keep_freed_memory.cache_clear()
    monkeypatch.setenv(allocator.OPT_OUT, "1")
    try:
        assert allocator.keep_freed_memory() is False
    finally:
        allocator.keep_freed_memory.cache_clear()
