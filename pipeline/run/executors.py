"""Where the per-document work runs, behind one small interface.

- `SerialExecutor`: in this process, one document after the other (tests, notebooks).
- `ProcessExecutor` (`workers.py`): local worker processes with memory and time limits.
- `DaskExecutor`: the workers of a Dask distributed cluster (`--scheduler ADDRESS`).

Each yields `(job, result)` as documents finish, in any order; the batch puts them back in order.
A document never makes an executor raise: whatever happens to it becomes its error row.
"""

from __future__ import annotations

import re
import socket
import threading
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Protocol

from pipeline.config import Config
from pipeline.errors import SchedulerError, one_line
from pipeline.model import DocumentResult, Stage
from pipeline.run.jobs import Job, Work, extract_job, failed


class Executor(Protocol):
    def map(self, jobs: Sequence[Job], config: Config) -> Iterator[tuple[Job, DocumentResult]]:
        """Run every job; yield each result as soon as it is there."""
        ...

    def close(self) -> None:
        """Stop every worker (also called after Ctrl-C, part way through `map`)."""
        ...


class SerialExecutor:
    """In this process: no isolation, no memory ceiling; --doc-timeout is checked between pages."""

    def __init__(self, work: Work = extract_job) -> None:
        self.work = work

    def map(self, jobs: Sequence[Job], config: Config) -> Iterator[tuple[Job, DocumentResult]]:
        for job in jobs:
            try:
                yield job, self.work(job, config)
            except Exception as exc:  # noqa: BLE001 - a bug in one document is that document's row
                yield job, failed(job, Stage.WORKER, f"internal error: {type(exc).__name__}: {exc}")

    def close(self) -> None:
        pass


_LOCAL = threading.local()  # per thread of a Dask worker: its own guarded worker process


def _dask_task(work: Work, job: Job, config: Config) -> DocumentResult:
    """On a Dask worker: the document read in a child process that the same limits police as a
    local run's (--doc-timeout, --max-memory), so that one document cannot take the worker."""
    from pipeline.run.limits import worker_environment
    from pipeline.run.workers import ProcessExecutor

    worker_environment()  # OMP_THREAD_LIMIT=1 in the Dask worker too
    limits = (config.doc_timeout, config.max_memory_mb, work)
    executor = getattr(_LOCAL, "executor", None)
    if executor is None or _LOCAL.limits != limits:
        if executor is not None:
            executor.close()
        _LOCAL.executor, _LOCAL.limits = ProcessExecutor(1, config, work), limits
    for _, result in _LOCAL.executor.map([job], config):
        return result
    return failed(job, Stage.WORKER, "no result came back from the worker process")


# scheme://host:port, as Dask writes a scheduler's address; the scheme may be left out (tcp).
_ADDRESS = re.compile(
    r"(?:(?:tcp|tls|ws|wss|ucx)://)?(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?):(\d{1,5})"
)
LOST_AFTER = 60.0  # seconds without any Dask worker before the documents still to do fail
POLL_SECONDS = 0.2


def _probe(address: str, timeout: float) -> None:
    """A plain TCP connection first: a host that is down or a port nobody listens on is said at
    once, in one line, instead of after Dask's retries."""
    hostport = address.split("://", 1)[-1]
    host, _, port = hostport.rpartition(":")
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=timeout).close()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise SchedulerError(f"cannot reach the Dask scheduler at {address}: {reason}") from None


class DaskExecutor:
    """One Dask task per document on the cluster at `address`. The inputs are given to the
    workers as absolute paths: they must be readable by the workers under those names (a
    shared file system, or the same machine)."""

    def __init__(
        self, address: str, work: Work = extract_job, timeout: float = 8.0, lost_after: float = LOST_AFTER
    ) -> None:
        from dask.distributed import Client

        m = _ADDRESS.fullmatch(address.strip())
        if not m or not 0 < int(m[1]) < 65536:
            raise SchedulerError(f"--scheduler {address!r} is not a scheduler address (tcp://host:8786)")
        _probe(address.strip(), timeout / 2)
        try:
            self.client = Client(address.strip(), timeout=timeout, set_as_default=False)
        except Exception as exc:  # noqa: BLE001 - whatever answered there is not a scheduler we can use
            reason = one_line(f"{type(exc).__name__}: {exc}", 200)
            raise SchedulerError(f"cannot reach the Dask scheduler at {address}: {reason}") from None
        self.work = work
        self.lost_after = lost_after

    def map(self, jobs: Sequence[Job], config: Config) -> Iterator[tuple[Job, DocumentResult]]:
        from dask.distributed import as_completed

        run = uuid.uuid4().hex[:8]
        pending = {}
        for job in jobs:
            # A worker started in another folder must find the file: its absolute path.
            sent = replace(job, path=job.path.absolute())
            key = f"plans-{run}-{job.index}"
            pending[self.client.submit(_dask_task, self.work, sent, config, key=key, pure=False)] = job
        finished = as_completed(list(pending), loop=self.client.loop)
        alone_since: float | None = None
        while pending:
            done = finished.next_batch(block=False) if finished.has_ready() else []
            for future in done:
                job = pending.pop(future)
                yield job, self._result(future, job)
            if done:
                continue
            time.sleep(POLL_SECONDS)
            # No worker left: the scheduler would keep the documents waiting for ever.
            if self._workers():
                alone_since = None
            elif alone_since is None:
                alone_since = time.monotonic()
            elif time.monotonic() - alone_since > self.lost_after:
                message = f"no Dask worker left for {self.lost_after:.0f} s: the document was not read"
                for future, job in list(pending.items()):
                    future.cancel()
                    yield job, failed(job, Stage.WORKER, message)
                pending.clear()

    def _result(self, future, job: Job) -> DocumentResult:  # noqa: ANN001 - a dask Future
        try:
            result = future.result()
        except Exception as exc:  # noqa: BLE001 - KilledWorker, a lost connection: the document's row
            result = failed(job, Stage.WORKER, f"Dask worker failed: {type(exc).__name__}: {exc}")
        future.release()
        return result

    def _workers(self) -> int:
        try:
            return len(self.client.scheduler_info().get("workers", {}))
        except Exception:  # noqa: BLE001 - the scheduler itself gone: as good as no worker
            return 0

    def close(self) -> None:
        self.client.close()


def make_executor(
    jobs: int,
    config: Config,
    scheduler: str | None = None,
    work: Work = extract_job,
    scratch: Path | None = None,
    native_log: Path | None = None,
) -> Executor:
    """Dask when a scheduler is given, else local worker processes (also for --jobs 1: a worker
    that crashes or passes the memory ceiling must not take the run with it). `scratch`: the
    folder for the workers' temporary files (under --out, so a killed worker leaves none elsewhere)."""
    if scheduler:
        return DaskExecutor(scheduler, work)
    from pipeline.run.workers import ProcessExecutor

    return ProcessExecutor(jobs, config, work, scratch=scratch, native_log=native_log)
