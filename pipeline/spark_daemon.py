"""Spark's Python daemon for wirefacts (`spark.python.daemon.module`): it builds the spaCy pipeline once, then
forks Spark's Python workers as PySpark's own daemon does, so every worker starts with the pipeline in memory
(shared copy-on-write) instead of importing spaCy and loading the model itself: one load per executor, not
one per core.

The model comes from the executor environment variable WIREFACTS_SPARK_MODEL (an empty value: the default
model). Without it, or when the pipeline cannot be built here, the daemon preloads nothing and each worker
loads the model of its task as before (a broken model then fails the task with its own error).
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys

MODEL_VARIABLE = "WIREFACTS_SPARK_MODEL"


def preload() -> None:
    model = os.environ.get(MODEL_VARIABLE)
    if model is None:
        return
    # Spark reads the daemon's port from its standard output: nothing else may be written there.
    with contextlib.redirect_stdout(sys.stderr):
        try:
            import pyarrow.ipc  # noqa: F401  (what a mapInArrow worker imports besides)

            from wirefacts.spark import worker_pipeline

            worker_pipeline(model or None)
        except Exception as exc:  # a worker that needs the model reports the problem itself
            print(f"wirefacts: no pipeline preloaded in the Spark daemon ({type(exc).__name__}: {exc})", file=sys.stderr)
    # Objects made so far live as long as the daemon: kept out of the garbage collector's scans, which would
    # otherwise touch (and so copy) their memory pages in every forked worker.
    gc.freeze()


if __name__ == "__main__":
    from pyspark import daemon

    preload()
    daemon.manager()
