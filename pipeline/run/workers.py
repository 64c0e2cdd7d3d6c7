"""Local worker processes that a document cannot break.

Each worker is a long-lived process taking one document at a time over a pipe. The parent
watches every busy worker a few times a second: one that passes --max-memory (its OCR children
included) or runs past --doc-timeout is killed with its children and replaced, and its document
gets an error row; one that dies (a crash in a native library) likewise. The other documents
go on. concurrent.futures' pool cannot do this: one dead worker breaks the whole pool.

Workers come from a fork server (preloaded with the pipeline), so starting or replacing one costs
milliseconds and none inherits the parent's lock on the output folder.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import sys
import tempfile
import time
from collections import deque
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path

from pipeline.config import Config
from pipeline.errors import one_line
from pipeline.model import DocumentResult, Stage
from pipeline.run.jobs import Job, Work, extract_job, failed
from pipeline.run.limits import MB, die_with_parent, kill_tree, limit_address_space, quiet_worker, tree_rss

_CTX = mp.get_context("forkserver")
# Imported once in the fork server, shared by every worker forked from it (spaCy alone takes ~1 s);
# a module that fails to import is skipped there and imported by the worker when needed.
_CTX.set_forkserver_preload(["pipeline.api", "pipeline.run.workers", "pipeline.agencies.nlp"])

POLL_SECONDS = 0.2  # how often busy workers are measured
GRACE_SECONDS = 5.0  # past --doc-timeout before the parent kills (the worker stops itself between pages)


def _worker_main(
    conn: Connection,
    work: Work,
    max_memory_mb: int,
    scratch: str | None,
    threads: int = 1,
    native_log: str | None = None,
) -> None:
    die_with_parent()
    quiet_worker(threads)
    _native_stderr(native_log)
    limit_address_space(max_memory_mb)
    if scratch:  # Tesseract's page images go here, not to /tmp
        os.makedirs(scratch, exist_ok=True)
        tempfile.tempdir = scratch
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return  # the parent is gone
        if message is None:
            return
        job, config = message
        try:
            result = work(job, config)
        except MemoryError:
            result = failed(job, Stage.MEMORY, f"out of memory (over --max-memory {max_memory_mb} MB)")
        except Exception as exc:  # noqa: BLE001 - reported as this document's row
            result = failed(job, Stage.WORKER, f"internal error: {type(exc).__name__}: {exc}")
        try:
            conn.send(result)
        except (BrokenPipeError, EOFError, OSError):
            return
        except Exception as exc:  # noqa: BLE001 - a result that cannot be pickled
            conn.send(failed(job, Stage.WORKER, f"result cannot be sent back: {type(exc).__name__}: {exc}"))


def _native_stderr(log: str | None) -> None:
    """Native libraries write to file descriptor 2 ("Error in pixScanForForeground: invalid
    box", "Empty page!!"): in a worker that goes to the run's log file, or nowhere. What went
    wrong with a document reaches the user as its error row, not as library chatter."""
    fd = os.open(log or os.devnull, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    os.dup2(fd, 2)
    os.close(fd)


@contextmanager
def _main_not_imported(work: Work) -> Iterator[None]:
    """Start a worker without it importing the calling script again.

    multiprocessing re-imports the main script in every new process (where the `if __name__ ==
    "__main__":` guard comes from); a script calling `batch.run` without the guard would run
    again in each worker. The workers need nothing from the script unless the work function is
    defined there, so the script's path is hidden from the process being started.
    """
    main = sys.modules.get("__main__")
    hide = main is not None and getattr(work, "__module__", "") != "__main__" and hasattr(main, "__file__")
    if not hide:
        yield
        return
    spec, path = getattr(main, "__spec__", None), main.__file__
    main.__spec__ = None
    del main.__file__
    try:
        yield
    finally:
        main.__file__, main.__spec__ = path, spec


@contextmanager
def _children_allowed() -> Iterator[None]:
    """Let a daemonic process (a Dask worker under its nanny) start our workers.

    multiprocessing refuses children to daemonic processes so that none outlives its parent at
    exit; our workers cannot outlive it (die_with_parent), and the executor joins them on close.
    """
    config = mp.current_process()._config  # noqa: SLF001 - the flag has no public setter
    daemon = config.get("daemon", False)
    config["daemon"] = False
    try:
        yield
    finally:
        config["daemon"] = daemon


@dataclass(slots=True)
class _Worker:
    process: mp.process.BaseProcess
    conn: Connection
    job: Job | None = None
    started: float = 0.0

    @property
    def pid(self) -> int:
        return self.process.pid or 0


def _death(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            return f"the worker process was killed by {signal.Signals(-exitcode).name}"
        except ValueError:
            pass
    return f"the worker process ended unexpectedly (exit code {exitcode})"


class ProcessExecutor:
    def __init__(
        self,
        jobs: int,
        config: Config,
        work: Work = extract_job,
        poll: float = POLL_SECONDS,
        scratch: Path | None = None,
        grace: float = GRACE_SECONDS,
        native_log: Path | None = None,
    ) -> None:
        self.size = max(1, jobs)
        self.native_log = str(native_log) if native_log else None
        self.scratch = str(scratch) if scratch else None
        self.work = work
        self.poll = poll
        self.max_memory_mb = config.max_memory_mb
        self.hard_timeout = config.doc_timeout + grace
        self._workers: list[_Worker] = []

    def map(self, jobs: Sequence[Job], config: Config) -> Iterator[tuple[Job, DocumentResult]]:
        queue = deque(jobs)
        while queue or self._busy():
            while queue and len(self._busy()) < self.size:
                self._assign(self._idle_worker(), queue.popleft(), config)
            yield from self._collect()
            yield from self._police(config)

    def close(self) -> None:
        for worker in self._workers:
            try:
                worker.conn.send(None)
            except (OSError, ValueError):
                pass
        deadline = time.monotonic() + 2.0
        for worker in self._workers:
            worker.process.join(max(0.0, deadline - time.monotonic()))
            if worker.process.is_alive():
                kill_tree(worker.pid)
                worker.process.join(1.0)
            worker.conn.close()
        self._workers = []

    # --- workers -------------------------------------------------------------------------------

    def _busy(self) -> list[_Worker]:
        return [w for w in self._workers if w.job is not None]

    def _idle_worker(self) -> _Worker:
        for worker in self._workers:
            if worker.job is None:
                return worker
        parent, child = _CTX.Pipe()
        threads = max(1, (os.cpu_count() or 1) // self.size)
        args = (child, self.work, self.max_memory_mb, self.scratch, threads, self.native_log)
        process = _CTX.Process(target=_worker_main, args=args, daemon=True)
        with _main_not_imported(self.work), _children_allowed():
            process.start()
        child.close()
        worker = _Worker(process, parent)
        self._workers.append(worker)
        return worker

    def _assign(self, worker: _Worker, job: Job, config: Config) -> None:
        worker.job, worker.started = job, time.monotonic()
        try:
            worker.conn.send((job, config))
        except (OSError, ValueError):
            pass  # a worker dead on arrival: _collect sees its sentinel and reports it

    def _retire(self, worker: _Worker, kill: bool) -> None:
        if kill:
            kill_tree(worker.pid)
        worker.process.join(2.0)
        worker.conn.close()
        self._workers.remove(worker)

    # --- results and limits ----------------------------------------------------------------------

    def _collect(self) -> Iterator[tuple[Job, DocumentResult]]:
        busy = self._busy()
        if not busy:
            return
        by_handle: dict[object, _Worker] = {}
        for worker in busy:
            by_handle[worker.conn] = worker
            by_handle[worker.process.sentinel] = worker
        ready = wait(list(by_handle), timeout=self.poll)
        for worker in {id(by_handle[h]): by_handle[h] for h in ready}.values():
            job = worker.job
            assert job is not None
            result = self._receive(worker)
            worker.job = None
            if result is None:
                self._retire(worker, kill=True)
                result = failed(job, Stage.WORKER, _death(worker.process.exitcode))
            yield job, result

    def _receive(self, worker: _Worker) -> DocumentResult | None:
        try:
            if worker.conn.poll():
                return worker.conn.recv()
        except (EOFError, OSError):
            return None
        return None

    def _police(self, config: Config) -> Iterator[tuple[Job, DocumentResult]]:
        now = time.monotonic()
        for worker in self._busy():
            job = worker.job
            assert job is not None
            if now - worker.started > self.hard_timeout:
                message = f"took longer than {config.doc_timeout:.0f} s (--doc-timeout); stopped"
                stage = Stage.TIMEOUT
            elif tree_rss(worker.pid) > self.max_memory_mb * MB:
                message = f"went over the memory limit of {self.max_memory_mb} MB (--max-memory); stopped"
                stage = Stage.MEMORY
            else:
                continue
            worker.job = None
            self._retire(worker, kill=True)
            yield job, failed(job, stage, one_line(message))


def stop_helper_processes() -> None:
    """multiprocessing's fork server and resource tracker would end only after this process,
    unreaped: a program about to exit stops them and waits for them, so that it leaves no
    process behind. (Kept running between runs otherwise: starting them again costs the preload.)"""
    from multiprocessing import forkserver, resource_tracker

    # No public way to stop either; both have had `_stop` since Python 3.8.
    for helper in (forkserver._forkserver, resource_tracker._resource_tracker):  # noqa: SLF001
        stop = getattr(helper, "_stop", None)
        if stop is not None:
            stop()
