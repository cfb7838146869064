"""Keeping freed memory in the process instead of handing it back to the system after every batch.

glibc's malloc returns the top of its heap to the system once 128 KB of it are free (and raises that
threshold only as it sees large blocks freed). A batch of stories allocates and frees some MB of model
arrays and Python objects, so on Reuters copy the heap shrank and grew again ~2.6 MB per story: 460 page
faults per story, 6% of the run in the kernel (bare spaCy: 50 per story). With the heap's top kept up to
`TRIM_THRESHOLD` and blocks up to `MMAP_THRESHOLD` served from the heap, the next batch reuses the same
pages; peak resident memory does not change, since the kept pages are the ones the batch just used.

Only glibc has `mallopt`; elsewhere (macOS, musl's no-op) nothing changes.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import os

M_TRIM_THRESHOLD = -1  # glibc's mallopt parameters (malloc.h)
M_MMAP_THRESHOLD = -3
TRIM_THRESHOLD = 128 * 1024 * 1024  # free memory kept at the top of the heap
MMAP_THRESHOLD = 32 * 1024 * 1024  # larger blocks get their own mapping (glibc's upper bound for this value)
OPT_OUT = "WIREFACTS_SYSTEM_MALLOC"  # set to 1 to leave malloc's settings alone


@functools.cache
def keep_freed_memory() -> bool:
    """Set glibc's trim and mmap thresholds for this process, once; False where they could not be set."""
    if os.environ.get(OPT_OUT, "") not in ("", "0"):
        return False
    mallopt = _mallopt()
    if mallopt is None:
        return False
    # mallopt returns 1 on success; setting either value also stops glibc from moving them on its own
    return bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)) and bool(mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD))


def _mallopt():
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        mallopt = ctypes.CDLL(name).mallopt
    except (OSError, AttributeError):
        return None
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    return mallopt
