"""A document's unit of work in a batch, as every executor runs it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pipeline.api import extract_document
from pipeline.config import Config
from pipeline.errors import one_line
from pipeline.model import DocumentResult, ErrorItem, Stage, Status


@dataclass(frozen=True, slots=True)
class Job:
    index: int  # position in the run, to put results back in order
    path: Path
    source: str  # as documents.csv shows it
    doc_id: str = ""  # when the batch has hashed the file already (its cache key)


Work = Callable[[Job, Config], DocumentResult]


def extract_job(job: Job, config: Config) -> DocumentResult:
    return extract_document(job.path, job.source, config, doc_id=job.doc_id)


def failed(job: Job, stage: Stage, message: str, doc_id: str = "") -> DocumentResult:
    """The error row of a document whose work did not come back."""
    error = ErrorItem(job.source, stage, one_line(message))
    return DocumentResult(doc_id, job.source, Status.ERROR, errors=[error])
