"""The library calls: one document -> Plan, an archive -> outputs. The CLI only calls these."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

from .agencies import AgencyMatcher
from .config import Config
from .errors import PlansError
from .layout import page_lines
from .model import DocumentResult, ErrorItem, Page, Plan, Status
from .ocr import OcrEngine, TesseractEngine
from .pages import read_pages
from .plan import DocumentLayout, build_plan
from .tables import fill_cells, find_tables


def doc_id_of(path: Path) -> str:
    """First 16 hex digits of the SHA-256 of the file's bytes."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()[:16]


def layout_document(pages: list[Page]) -> DocumentLayout:
    """Tables found and filled on every page; the words left over become lines of text."""
    layout = DocumentLayout(pages=pages)
    for page in pages:
        words = page.words
        for table in find_tables(page):
            words = fill_cells(table, words)
            layout.tables.append(table)
        page.lines = page_lines(page, words)
        layout.lines.extend(page.lines)
    return layout


def extract(
    path: str | Path,
    config: Config | None = None,
    engine: OcrEngine | None = None,
    matcher: AgencyMatcher | None = None,
) -> Plan:
    """Extract one document. Raises PlansError with a one-line message when it cannot."""
    config = config or Config()
    engine = engine or TesseractEngine(lang=config.lang, timeout=config.page_timeout)
    matcher = matcher or AgencyMatcher.load(config.aliases)
    pages = list(read_pages(Path(path), config, engine))
    return build_plan(layout_document(pages), matcher)


def extract_document(
    path: Path,
    source: str,
    config: Config,
    engine: OcrEngine | None = None,
    matcher: AgencyMatcher | None = None,
) -> DocumentResult:
    """Extract one document of a batch: never raises for a bad document, records the error."""
    started = time.perf_counter()
    try:
        doc_id = doc_id_of(path)
    except OSError as exc:
        return DocumentResult("", source, Status.ERROR, errors=[ErrorItem(source, "open", _os_message(exc))])
    try:
        plan = extract(path, config, engine, matcher)
    except PlansError as exc:
        error = ErrorItem(source, exc.stage, exc.message, exc.page)
        return DocumentResult(doc_id, source, Status.ERROR, errors=[error], seconds=time.perf_counter() - started)
    except OSError as exc:
        error = ErrorItem(source, "open", _os_message(exc))
        return DocumentResult(doc_id, source, Status.ERROR, errors=[error], seconds=time.perf_counter() - started)
    except Exception as exc:  # noqa: BLE001 - one document's bug must not end the batch
        error = ErrorItem(source, "extract", f"internal error: {type(exc).__name__}: {exc}"[:300])
        return DocumentResult(doc_id, source, Status.ERROR, errors=[error], seconds=time.perf_counter() - started)
    result = DocumentResult(doc_id, source, Status.OK, plan=plan, seconds=time.perf_counter() - started)
    result.ocr_seconds = plan.ocr_seconds
    if not plan.tasks:
        plan.warnings.append("no task found")
    return result


def _os_message(exc: OSError) -> str:
    return f"cannot read file: {exc.strerror or exc}"
