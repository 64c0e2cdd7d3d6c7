"""The library calls: one document -> Plan, an archive -> outputs. The CLI only calls these."""

from __future__ import annotations

import time
from pathlib import Path

from pipeline.agencies.matcher import AgencyMatcher
from pipeline.config import Config
from pipeline.errors import OcrError, PlansError, one_line
from pipeline.layout.lines import page_lines
from pipeline.layout.tables import fill_cells, find_tables
from pipeline.model import DocumentResult, ErrorItem, Page, Plan, Stage, Status
from pipeline.sources.identity import doc_id_of
from pipeline.sources.libtess import default_engine
from pipeline.sources.ocr import OcrEngine
from pipeline.sources.pages import read_pages
from pipeline.sources.word import WORD_SUFFIXES, read_word
from pipeline.structure.plan import DocumentLayout, build_plan


def layout_document(pages: list[Page]) -> DocumentLayout:
    """Tables found and filled on every page; the words left over become lines of text."""
    layout = DocumentLayout(pages=pages)
    for page in pages:
        words = page.words
        columns = layout.tables[-1].col_edges if layout.tables else None
        for table in find_tables(page, columns):
            words = fill_cells(table, words)
            layout.tables.append(table)
        page.lines = page_lines(page, words)
        layout.lines.extend(page.lines)
    return layout


def warm_up(config: Config | None = None) -> None:
    """Load now what the first document would otherwise load: the gazetteer, the spaCy pipeline
    and Tesseract's model. Each is loaded once per process."""
    from pipeline.agencies.nlp import pipeline_for

    config = config or Config()
    pipeline_for(AgencyMatcher.shared(config.aliases))
    default_engine(config.lang, config.page_timeout, config.tesseract)


def extract(
    path: str | Path,
    config: Config | None = None,
    engine: OcrEngine | None = None,
    matcher: AgencyMatcher | None = None,
) -> Plan:
    """Extract one document. Raises PlansError with a one-line message when it cannot."""
    config = config or Config()
    engine = engine or default_engine(config.lang, config.page_timeout, config.tesseract)
    matcher = matcher or AgencyMatcher.shared(config.aliases)
    path = Path(path)
    if path.suffix.lower() in WORD_SUFFIXES:
        word = read_word(path, config)
        layout = DocumentLayout(pages=[word.page], lines=word.lines, tables=word.tables, anchors=word.anchors)
        plan = build_plan(layout, matcher)
        plan.pages = 0  # a Word file has no fixed pages: its tasks say none
        for task in plan.tasks:
            task.pages = []
        return plan
    pages = list(read_pages(path, config, engine, find_tables))
    return build_plan(layout_document(pages), matcher)


def extract_document(
    path: Path,
    source: str,
    config: Config,
    engine: OcrEngine | None = None,
    matcher: AgencyMatcher | None = None,
    doc_id: str = "",
) -> DocumentResult:
    """Extract one document of a batch: never raises for a bad document, records the error.

    The error is one line a user can act on (errors.csv); no traceback reaches the output.
    """
    started = time.perf_counter()
    try:
        doc_id = doc_id or doc_id_of(path)
    except OSError as exc:
        error = ErrorItem(source, Stage.READ, _os_message(exc))
        return DocumentResult("", source, Status.ERROR, errors=[error])
    try:
        plan = extract(path, config, engine, matcher)
        _note_failed_pages(plan)
    except Exception as exc:  # noqa: BLE001 - one document's failure must not end the batch
        stage, message, page = error_of(exc)
        error = ErrorItem(source, stage, message, page)
        seconds = time.perf_counter() - started
        return DocumentResult(doc_id, source, Status.ERROR, errors=[error], seconds=seconds)
    result = DocumentResult(doc_id, source, Status.OK, plan=plan, seconds=time.perf_counter() - started)
    result.ocr_seconds = plan.ocr_seconds
    if not plan.tasks:
        plan.warnings.append("no task found")
    return result


def error_of(exc: Exception) -> tuple[Stage, str, int | None]:
    """(stage, one-line message, page) of an exception that stopped a document."""
    if isinstance(exc, PlansError):
        return exc.stage, one_line(exc.message), exc.page
    if isinstance(exc, OSError):
        return Stage.READ, one_line(_os_message(exc)), None
    if isinstance(exc, MemoryError):
        return Stage.MEMORY, "out of memory while reading the document (--max-memory)", None
    if isinstance(exc, RecursionError):
        return Stage.OPEN, "corrupt PDF: objects nested too deeply to read", None
    return Stage.EXTRACT, one_line(f"internal error: {type(exc).__name__}: {exc}"), None


def failed_pages(plan: Plan) -> list[int]:
    """Pages whose OCR failed (timed out, Tesseract crashed): read as empty, the rest kept."""
    return [v.number for v in plan.views if v.ocr_failed]


def _note_failed_pages(plan: Plan) -> None:
    """A warning per failed page, and every task flagged for review: a task may have lost the
    part of its row that stood on that page. When no OCR'd page could be read at all, the
    document failed (Tesseract missing or broken), and says why."""
    failed = failed_pages(plan)
    if not failed:
        return
    reasons = {v.number: v.verdict for v in plan.views if v.number in failed}
    if len(failed) == plan.ocr_pages and not plan.tasks:
        first = reasons[failed[0]]
        raise OcrError(f"{first} (every one of the {len(failed)} scanned pages)", page=failed[0])
    for number in failed:
        plan.warnings.append(f"page {number}: {reasons[number]}")
    for task in plan.tasks:
        task.needs_review = True
        task.review_reasons.append(f"page {', '.join(map(str, failed))} could not be read")


def _os_message(exc: OSError) -> str:
    return f"cannot read file: {exc.strerror or exc}"
