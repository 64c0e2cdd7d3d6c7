"""The DocumentResults of a finished run, from its `.cache/` (what `plans review OUTDIR` shows).

documents.csv says which documents the run had and in which order; the cache holds each
finished document as batch.run stored it. A document the cache lacks (an unreadable file, a
cache someone cleared) still gets its index row, from documents.csv.
"""

from __future__ import annotations

import csv
import pickle
from pathlib import Path

from pipeline.model import DocumentResult, ErrorItem, Stage, Status

CACHE_DIR = ".cache"  # as pipeline.run.batch.CACHE_DIR


def load_results(out_dir: Path) -> list[DocumentResult]:
    """One result per documents.csv row, in its order; raises FileNotFoundError without it."""
    with open(out_dir / "documents.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    return [_result(row, out_dir / CACHE_DIR) for row in rows]


def _result(row: dict[str, str], cache: Path) -> DocumentResult:
    doc_id, source = row.get("doc_id") or "", row.get("source") or ""
    cached = _cached(cache, doc_id) if doc_id else None
    if cached is not None:
        cached.source = source  # as batch.run does: the path as this run was given it
        return cached
    status = Status.ERROR if row.get("status") == Status.ERROR.value else Status.OK
    message = (row.get("error") or "").strip() or "no cached result in .cache/: run plans extract again"
    return DocumentResult(doc_id, source, status, errors=[ErrorItem(source, Stage.REVIEW, message)])


def _cached(cache: Path, doc_id: str) -> DocumentResult | None:
    """The newest cache entry of the document (keys also hold version, language and dpi)."""
    for path in sorted(cache.glob(f"{doc_id}-*.pkl"), key=lambda p: p.stat().st_mtime, reverse=True):
        try:
            with open(path, "rb") as f:
                result = pickle.load(f)  # our own cache, written by batch.run
        except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError):
            continue
        if isinstance(result, DocumentResult) and result.doc_id == doc_id:
            return result
    return None
