"""Read ahead in a second process: a large dataset file's next chunks are read and
validated while this process writes the last one to the store.

Both halves are Python-heavy (pandas conversion on one side, binding a million rows of
parameters for SQLite on the other), so threads would take turns on the GIL; a forked
reader runs beside the writer on its own core. Chunks come back through a pipe
(pickled: a 100,000-row chunk in about 0.1 s), in order, with the reader's progress.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
from collections.abc import Callable, Iterator
from typing import Any

__all__ = ["read_ahead"]

Progress = Callable[[int, int], None]


def read_ahead(make: Callable[[Progress | None], Iterator[Any]], *,
               progress: Progress | None = None) -> Iterator[Any]:
    """The items of ``make(progress)``, made in a forked process.

    ``make`` is called in the child with a progress callback of its own; each call
    there reaches ``progress`` here before the next item. An exception raised in the
    child is raised here at its place (unpicklable ones as RuntimeError naming it). A
    consumer that stops early ends the child. Where ``fork`` is not available the
    items are made here, in this process.
    """
    if "fork" not in multiprocessing.get_all_start_methods():
        yield from make(progress)
        return
    receive, send = multiprocessing.get_context("fork").Pipe(duplex=False)
    child = multiprocessing.get_context("fork").Process(
        target=_produce, args=(make, send), name="read-ahead", daemon=True)
    child.start()
    send.close()
    finished = False
    try:
        while True:
            try:
                kind, payload = receive.recv()
            except EOFError:
                raise RuntimeError("the reading process ended without a word "
                                   f"(exit code {child.exitcode})") from None
            if kind == "item":
                yield payload
            elif kind == "progress":
                if progress is not None:
                    progress(*payload)
            elif kind == "error":
                raise payload
            else:
                finished = True
                return
    finally:
        receive.close()
        if not finished and child.is_alive():
            child.terminate()
        child.join()


def _produce(make, send) -> None:
    code = 0
    try:
        def progress(done: int, total: int) -> None:
            send.send(("progress", (done, total)))

        for item in make(progress):
            send.send(("item", item))
        send.send(("end", None))
    except BaseException as exc:  # noqa: BLE001 - every failure goes to the consumer
        try:
            pickle.dumps(exc)
        except Exception:  # noqa: BLE001
            exc = RuntimeError(f"{type(exc).__name__}: {exc}")
        try:
            send.send(("error", exc))
        except (BrokenPipeError, OSError):
            code = 1
    finally:
        send.close()
        # the forked copy of the parent (its store connections, atexit hooks) is left
        # alone: only this function's work happened here
        os._exit(code)
