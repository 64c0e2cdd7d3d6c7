"""Where the per-document work runs, behind one small interface.

- `SerialExecutor`: in this process, one document after the other (tests, notebooks).
- `ProcessExecutor` (`workers.py`): local worker processes with memory and time limits.
- `DaskExecutor`: the workers of a Dask distributed cluster (`--scheduler ADDRESS`).

Each yields `(job, result)` as documents finish, in any order; the batch puts them back in order.
A document never makes an executor raise: whatever happens to it becomes its error row.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from .api import extract_document
from .config import Config
from .errors import SchedulerError, one_line
from .model import DocumentResult, ErrorItem, Status


@dataclass(frozen=True, slots=True)
class Job:
    index: int  # position in the run, to put results back in order
    path: Path
    source: str  # as documents.csv shows it


Work = Callable[[Job, Config], DocumentResult]


def extract_job(job: Job, config: Config) -> DocumentResult:
    return extract_document(job.path, job.source, config)


def failed(job: Job, stage: str, message: str, doc_id: str = "") -> DocumentResult:
    """The error row of a document whose work did not come back."""
    error = ErrorItem(job.source, stage, one_line(message))
    return DocumentResult(doc_id, job.source, Status.ERROR, errors=[error])


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
                yield job, failed(job, "worker", f"internal error: {type(exc).__name__}: {exc}")

    def close(self) -> None:
        pass


def _dask_task(work: Work, job: Job, config: Config) -> DocumentResult:
    from .limits import worker_environment

    worker_environment()  # OMP_THREAD_LIMIT=1 in the Dask worker too
    return work(job, config)


class DaskExecutor:
    """One Dask task per document on the cluster at `address`; the input paths must be readable
    by the workers under the same names (a shared file system, or the same machine)."""

    def __init__(self, address: str, work: Work = extract_job, timeout: float = 15.0) -> None:
        from dask.distributed import Client

        try:
            self.client = Client(address, timeout=timeout, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            reason = one_line(str(exc), 200)
            raise SchedulerError(f"cannot reach the Dask scheduler at {address}: {reason}") from exc
        self.work = work

    def map(self, jobs: Sequence[Job], config: Config) -> Iterator[tuple[Job, DocumentResult]]:
        from dask.distributed import as_completed

        run = uuid.uuid4().hex[:8]
        futures = {}
        for job in jobs:
            key = f"plans-{run}-{job.index}"
            futures[self.client.submit(_dask_task, self.work, job, config, key=key, pure=False)] = job
        for future in as_completed(futures, loop=self.client.loop):
            job = futures[future]
            try:
                result = future.result()
            except Exception as exc:  # noqa: BLE001 - KilledWorker, a lost connection: the document's row
                result = failed(job, "worker", f"Dask worker failed: {type(exc).__name__}: {exc}")
            future.release()
            yield job, result

    def close(self) -> None:
        self.client.close()


def make_executor(
    jobs: int,
    config: Config,
    scheduler: str | None = None,
    work: Work = extract_job,
    scratch: Path | None = None,
) -> Executor:
    """Dask when a scheduler is given, else local worker processes (also for --jobs 1: a worker
    that crashes or passes the memory ceiling must not take the run with it). `scratch`: the
    folder for the workers' temporary files (under --out, so a killed worker leaves none elsewhere)."""
    if scheduler:
        return DaskExecutor(scheduler, work)
    from .workers import ProcessExecutor

    return ProcessExecutor(jobs, config, work, scratch=scratch)
