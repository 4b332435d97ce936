"""Where a build runs (a Dask client) and what follows it (the search index).

One code path for both: :func:`dask_client` gives a ``distributed.Client`` on a
``LocalCluster`` of worker processes sized to the machine, or on the running
cluster whose scheduler is named; :func:`align.build.build_corpus` takes either.
Workers are processes with one thread each: segmenting and aligning are pure
Python, so threads would share one core under the GIL.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import threading
from collections.abc import Iterator
from typing import Any

from corpus.errors import KopirError
from corpus.search.index import Index, UpdateReport
from corpus.storage.store import Corpus

#: How long to wait for a named scheduler before saying it is not there.
CONNECT_TIMEOUT = "10s"


def local_workers() -> int:
    """How many worker processes a local cluster gets: one per CPU this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


@contextlib.contextmanager
def dask_client(scheduler: str | None = None, workers: int | None = None) -> Iterator[Any]:
    """A Dask client: on the cluster at ``scheduler`` (``tcp://HOST:PORT``), else a local one.

    The local cluster has ``workers`` processes (default: :func:`local_workers`),
    its HTTP server on any free port (8787 may be another cluster's) and quiet logs; it is shut
    down, workers and all, when the block ends, also on Ctrl+C.
    """
    import dask
    from distributed import Client, LocalCluster

    if scheduler is not None:
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError, ValueError) as exc:
            raise KopirError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
        with client:
            if not client.nthreads():
                raise KopirError(f"the Dask cluster at {scheduler} has no workers")
            yield client
        return
    if workers is not None and workers < 1:
        raise KopirError(f"--workers {workers}: a build needs at least one worker")
    # The workers' statistical profiler (for the dashboard, which a build never shows)
    # samples the task thread's stack every 10 ms and takes the GIL to do it: 5-8 % of a
    # worker's CPU on 300 generated pairs, measured. Workers get the config when they start.
    with _ignoring_ctrl_c(), dask.config.set({"distributed.worker.profile.enabled": False}):
        cluster = LocalCluster(
            n_workers=workers or local_workers(),
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",  # its HTTP server (health checks) on a free port, not 8787
            silence_logs=logging.CRITICAL,  # a task's failure reaches the build as data
        )
    with cluster, Client(cluster) as client:
        yield client


@contextlib.contextmanager
def _ignoring_ctrl_c() -> Iterator[None]:
    """SIGINT ignored meanwhile (in the main thread), so processes started now ignore it.

    Ctrl+C goes to every process of the terminal's group: the workers would
    each print a traceback as they died. The client alone takes it, and
    shuts them down.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def update_index(corpus: Corpus) -> UpdateReport:
    """Bring the corpus's search index up to date once, after a build (in parallel, as always)."""
    index = Index(corpus)
    try:
        return index.refresh()
    finally:
        index.close()
