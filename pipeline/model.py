"""Typed objects passed between the stages: a page of words, a table of cells, a plan of tasks.

All coordinates are PDF points (1/72 inch) from the top-left corner of the upright page,
whichever path (text layer or OCR) produced them, so every stage after `pages` is written once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


@dataclass(frozen=True, slots=True)
class Box:
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2

    def union(self, other: Box) -> Box:
        return Box(
            min(self.x0, other.x0),
            min(self.top, other.top),
            max(self.x1, other.x1),
            max(self.bottom, other.bottom),
        )

    def contains_point(self, x: float, y: float, pad: float = 0.0) -> bool:
        return self.x0 - pad <= x <= self.x1 + pad and self.top - pad <= y <= self.bottom + pad

    @staticmethod
    def enclosing(boxes: list[Box]) -> Box:
        it = iter(boxes)
        out = next(it)
        for b in it:
            out = out.union(b)
        return out


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    box: Box
    conf: float = 100.0  # OCR confidence 0-100; 100 for a text layer
    line_key: tuple[int, ...] | None = None  # the OCR engine's own line id, when it has one
    size: float = 0.0  # font size (points) when the text layer gives one
    reread: bool = False  # its text comes from a second reading (a cell or a doubted line read again)


@dataclass(frozen=True, slots=True)
class Rule:
    """A ruling line: horizontal when y0 == y1, vertical when x0 == x1."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def horizontal(self) -> bool:
        return abs(self.y1 - self.y0) <= abs(self.x1 - self.x0)


@dataclass(slots=True)
class Line:
    """A line of text: words on one baseline, not separated by a column gap."""

    words: list[Word]
    page: int

    @property
    def box(self) -> Box:
        return Box.enclosing([w.box for w in self.words])

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def conf(self) -> float:
        return sum(w.conf for w in self.words) / len(self.words)


class PageSource(StrEnum):
    TEXT = "text"
    OCR = "ocr"
    WORD = "word"  # a Word file's paragraphs, laid out on one page (no fixed pages)


class ReadBy(StrEnum):
    """How a value's text was read, as the JSON's provenance says it."""

    TEXT_LAYER = "text_layer"
    OCR = "ocr"
    SECOND_READING = "ocr_second_reading"
    WORD = "word"


@dataclass(frozen=True, slots=True)
class Source:
    """Where a value was read: a box on a PDF page, or a Word file's paragraph or table cell."""

    read_by: ReadBy
    page: int | None = None  # 1-based PDF page
    box: Box | None = None  # PDF points, from the top-left corner of the upright page (Word: as laid out)
    paragraph: int | None = None  # Word: 1-based paragraph of the body, tables' paragraphs not counted
    table: int | None = None  # Word: 1-based table, row and cell (a merged cell: its first slot)
    row: int | None = None
    cell: int | None = None


@dataclass(slots=True)
class PageView:
    """What a review page shows of one page: its image and what the pipeline saw on it."""

    number: int
    width: float  # points
    height: float
    source: str  # "text" or "ocr"
    verdict: str  # why the text layer was used or not
    image: bytes = b""  # JPEG of the page as read (upright, deskewed), downscaled
    words: list[tuple[Box, float]] = field(default_factory=list)  # word boxes and confidence
    tables: list[Box] = field(default_factory=list)
    cells: list[Box] = field(default_factory=list)
    header_cells: list[Box] = field(default_factory=list)
    group_rows: list[Box] = field(default_factory=list)  # period and group rows
    rotation: int = 0
    skew: float = 0.0
    texts: list[tuple[Box, str]] = field(default_factory=list)  # a Word file's lines: no image to show
    ocr_failed: bool = False  # the page could not be read (its verdict says why)

    def __repr__(self) -> str:
        return (
            f"PageView(page {self.number}, {self.source}, {len(self.words)} words, {len(self.image)} B image)"
        )


@dataclass(slots=True)
class Page:
    number: int  # 1-based
    width: float
    height: float
    words: list[Word]
    rules: list[Rule]
    source: PageSource
    dpi: int = 0  # render resolution for OCR pages
    rotation: int = 0  # degrees the page image was turned to stand upright
    skew: float = 0.0  # degrees of skew corrected
    text_layer_verdict: str = ""  # why the text layer was used or not
    ocr_failed: bool = False  # OCR timed out or crashed: the page is kept empty
    ocr_seconds: float = 0.0
    lines: list[Line] = field(default_factory=list)
    thumbnail: bytes = b""  # JPEG of the page as read, for the review page

    def __repr__(self) -> str:
        return f"Page({self.number}, {self.source.value}, {len(self.words)} words, {len(self.rules)} rules)"


@dataclass(slots=True)
class Cell:
    row: int
    col: int
    box: Box
    row_span: int = 1
    col_span: int = 1
    lines: list[str] = field(default_factory=list)  # text lines as laid out in the cell
    conf: float = 100.0
    line_tops: list[float] = field(default_factory=list)  # where each line starts (points)

    @property
    def text(self) -> str:
        return " ".join(self.lines).strip()


@dataclass(slots=True)
class Table:
    """One ruled table on one page: a grid of cells (merged cells span several grid slots)."""

    page: int
    box: Box
    n_rows: int
    n_cols: int
    cells: list[Cell]
    col_edges: list[float]  # x of the column boundaries, n_cols + 1 values

    def row_cells(self, row: int) -> list[Cell]:
        """The cells that start in grid row `row`, left to right."""
        return sorted((c for c in self.cells if c.row == row), key=lambda c: c.col)

    def cell_at(self, row: int, col: int) -> Cell | None:
        for c in self.cells:
            if c.row <= row < c.row + c.row_span and c.col <= col < c.col + c.col_span:
                return c
        return None


class Role(StrEnum):
    DOES = "thực hiện"
    LEAD = "chủ trì"
    PARTNER = "phối hợp"


@dataclass(slots=True)
class AgencyRef:
    raw: str  # as printed
    name: str  # canonical name (the raw text, tidied, when unknown)
    role: Role = Role.DOES
    generic: bool = False
    known: bool = True
    jurisdiction: str = ""
    successor: str = ""  # the body that carries this one's work today, when it was merged or renamed


# A note on a task, not a reason to review it: the row continued on the next page was joined.
MERGED_ACROSS_PAGES = "merged across a page break"


@dataclass(slots=True)
class Task:
    seq: int
    task_no: str
    origin: str  # "table" or "text"
    section: str
    content: str
    period: str = ""
    period_start: str | None = None
    period_end: str | None = None
    group: str = ""
    agencies: list[AgencyRef] = field(default_factory=list)
    agencies_raw: str = ""
    time_text: str = ""
    deadline: str | None = None
    pages: list[int] = field(default_factory=list)
    confidence: float = 100.0
    needs_review: bool = False
    review_reasons: list[str] = field(default_factory=list)
    extra: dict[str, str] = field(default_factory=dict)  # columns not mapped to a field
    cells: list[tuple[int, Box]] = field(default_factory=list)  # (page, box) the task was read from
    sources: list[Source] = field(default_factory=list)  # the same places, as the outputs say them

    def names(self, role: Role | None = None) -> list[str]:
        out: list[str] = []
        for a in self.agencies:
            if (role is None or a.role == role) and a.name not in out:
                out.append(a.name)
        return out


@dataclass(slots=True)
class DocRef:
    doc_type: str
    doc_number: str
    doc_symbol: str
    issued_date: str | None
    issuer: str


@dataclass(slots=True)
class Deadline:
    date: str
    text: str
    page: int


@dataclass(slots=True)
class Metadata:
    doc_type: str = ""
    doc_number: str = ""
    doc_symbol: str = ""
    issuer: str = ""
    place: str = ""
    issued_date: str | None = None
    title: str = ""
    plan_year: int | None = None
    signer_title: str = ""
    signer_name: str = ""


@dataclass(slots=True)
class Plan:
    """Everything extracted from one document."""

    metadata: Metadata
    tasks: list[Task]
    legal_bases: list[str] = field(default_factory=list)
    referenced_documents: list[DocRef] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    addressees: list[str] = field(default_factory=list)  # a Công văn's "Kính gửi:" bodies
    deadlines: list[Deadline] = field(default_factory=list)
    pages: int = 0
    ocr_pages: int = 0
    page_sources: list[str] = field(default_factory=list)
    ocr_seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)
    unsure_fields: list[str] = field(default_factory=list)  # metadata left out: read with doubt
    views: list[PageView] = field(default_factory=list)
    provenance: dict[str, Source] = field(default_factory=dict)  # metadata field -> where it was read

    @property
    def needs_review(self) -> bool:
        return not self.tasks or bool(self.unsure_fields) or any(t.needs_review for t in self.tasks)

    def __repr__(self) -> str:
        # The default repr would print every page image and task (hundreds of KB in a notebook).
        m = self.metadata
        return (
            f"Plan({m.doc_type} {m.doc_number}/{m.doc_symbol} {m.issued_date or ''}: "
            f"{len(self.tasks)} tasks, {self.pages} pages ({self.ocr_pages} OCR), "
            f"needs_review={self.needs_review})"
        )


class Status(StrEnum):
    OK = "ok"
    ERROR = "error"


class Stage(StrEnum):
    """Where a document's work stopped (errors.csv `stage`)."""

    READ = "read"  # the file could not be read from disk
    OPEN = "open"  # not a document the pipeline can open: corrupt, encrypted, empty, wrong type
    LIMITS = "limits"  # over a configured limit: pages, pixels, size
    OCR = "ocr"  # Tesseract missing or failing on every page
    EXTRACT = "extract"  # an internal error while extracting
    MEMORY = "memory"  # over --max-memory
    TIMEOUT = "timeout"  # over --doc-timeout
    WORKER = "worker"  # the worker process or Dask worker died or sent nothing back
    REVIEW = "review"  # a cached result the review pages could not load
    UNKNOWN = ""  # a result that failed without saying where


@dataclass(slots=True)
class ErrorItem:
    source: str
    stage: Stage
    message: str
    page: int | None = None


@dataclass(slots=True)
class DocumentResult:
    """One input document after the run: its plan or the error that stopped it."""

    doc_id: str
    source: str
    status: Status
    plan: Plan | None = None
    errors: list[ErrorItem] = field(default_factory=list)
    seconds: float = 0.0
    ocr_seconds: float = 0.0
