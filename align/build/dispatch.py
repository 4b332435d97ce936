"""Tasks on the Dask workers, a window at a time: the one loop of a build and of its
realign pass.

A task is a few documents (:func:`align.build.task.build_pairs` says why), and
at most :data:`IN_FLIGHT` tasks a worker thread are in flight, so memory stays
flat for a corpus of any size and a crash or Ctrl+C loses only those. Results
are gathered as they come, in bunches rather than one round trip each; a
task's error is a value, so a worker that died fails its documents, not the
run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from align.build.task import Failed, one_line

#: Tasks in flight per worker thread: one running, one waiting (the client writes meanwhile).
IN_FLIGHT = 2

Item = TypeVar("Item")


def dispatch(
    client: Any,
    task: Callable[..., list[Any]],
    batches: Iterable[list[Item]],
    args: tuple[Any, ...],
    doc_id: Callable[[Item], str],
    take: Callable[[Any], None],
) -> None:
    """Run ``task(batch, *args)`` on ``client``'s workers for each of ``batches`` and hand
    every result of a task to ``take`` as it comes.

    A task that died (its worker killed, or cancelled) hands ``take`` a
    :class:`~align.build.task.Failed` for each of its documents (``doc_id``
    names an item's). ``batches`` is drawn only while the window has room, so
    it may read its documents lazily. Interrupted (Ctrl+C), the tasks in flight
    are cancelled, not left running, and the interrupt goes on to the caller.
    """
    from distributed import as_completed  # Dask is slow to load: not at import time

    window = IN_FLIGHT * max(1, sum(client.nthreads().values()))
    pending = as_completed(with_results=True, raise_errors=False)
    flying: dict[Any, tuple[Any, list[str]]] = {}  # tasks in flight by key: future, doc ids

    def finish() -> None:
        future, result = next(pending)
        doc_ids = flying.pop(future.key)[1]
        if future.status != "finished":  # the worker died (KilledWorker), or it was cancelled
            error = result[1] if isinstance(result, tuple) else result
            reason = one_line(f"{type(error).__name__}: {error}")
            for one in doc_ids:
                take(Failed(one, reason))
            return
        for one in result:
            take(one)

    try:
        for batch in batches:
            future = client.submit(task, batch, *args, pure=False)
            flying[future.key] = (future, [doc_id(item) for item in batch])
            pending.add(future)
            while len(flying) >= window:
                finish()
        while flying:
            finish()
    finally:
        pending.clear()
        if flying:  # interrupted: what is in flight is lost, and not left running
            client.cancel([future for future, _ in flying.values()])


def scatter_once(client: Any, data: Any) -> Any:
    """``data`` on every worker, once, as a future the tasks take."""
    # A key of its own (no content hash): another build sending the same lexicon, its copy
    # released when it ends, must not take this build's data with it.
    return client.scatter([data], broadcast=True, hash=False)[0]
