"""What the review pages show, as plain typed values the templates read.

Built from the DocumentResults the exports were written from, through the same row functions
(`document_row`, `task_row`), so a review page says what documents.csv and tasks.csv say.
All boxes stay in PDF points from the page's top-left: the overlay's viewBox is the page.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from statistics import fmean, median

from pipeline.model import (
    MERGED_ACROSS_PAGES,
    AgencyRef,
    Box,
    DocumentResult,
    PageView,
    Plan,
    Role,
    Status,
    Task,
)
from pipeline.output.review.charts import Bar, hbar_chart, histogram
from pipeline.output.rows import document_row, task_row

TOP_AGENCIES = 20

# The same cut-offs colour the words on the pages and the bars of the index's histogram.
LOW_CONF, MID_CONF = 60.0, 80.0

# A doc_id names files: only plain characters, so it can never be a path (as export.json_name).
_SAFE_ID = re.compile(r"[0-9A-Za-z_-]{1,64}")

# documents.csv fields shown at the top of a document page, in reading order.
META_FIELDS = (
    ("doc_type", "Type"), ("doc_number", "Number"), ("doc_symbol", "Symbol"), ("issuer", "Issuer"),
    ("place", "Place"), ("issued_date", "Issued"), ("title", "Title"), ("plan_year", "Plan year"),
    ("signer_title", "Signer title"), ("signer_name", "Signer"),
)  # fmt: skip

# --- small value types the templates read ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class Rect:
    """A box in PDF points, rounded: the overlay's viewBox is the page in points."""

    x: float
    y: float
    w: float
    h: float

    @staticmethod
    def of(box: Box) -> Rect:
        # Boxes may hold numpy floats (OCR path); the HTML and JSON want plain short numbers.
        x0, top = float(box.x0), float(box.top)
        return Rect(
            round(x0, 1), round(top, 1), round(float(box.x1) - x0, 1), round(float(box.bottom) - top, 1)
        )


@dataclass(frozen=True, slots=True)
class TaskCell:
    seq: int
    rect: Rect
    merged: bool
    review: bool


@dataclass(frozen=True, slots=True)
class Label:
    """Text drawn on the overlay, e.g. "↧ continues on p. 3" under a row split by a page break."""

    x: float
    y: float
    text: str
    klass: str


@dataclass(frozen=True, slots=True)
class AgencyChip:
    name: str
    raw: str
    role: str
    known: bool
    generic: bool


@dataclass(slots=True)
class TaskItem:
    seq: int
    task_no: str
    origin: str
    section: str
    period: str
    content: str
    agencies: list[AgencyChip]
    time_text: str
    deadline: str
    confidence: float
    needs_review: bool
    reasons: list[str]
    pages: list[int]
    merged: bool

    @property
    def unknown(self) -> bool:
        return any(not a.known for a in self.agencies)


@dataclass(frozen=True, slots=True)
class PageImage:
    src: str  # relative to review/; empty when the page has no image (overlays on blank paper)
    width: int
    height: int


@dataclass(slots=True)
class PageItem:
    number: int
    width: float
    height: float
    source: str
    verdict: str
    rotation: int
    skew: float
    image: PageImage
    word_paths: dict[str, str]  # confidence band -> one SVG path of all its word boxes
    word_counts: dict[str, int]
    word_mean: float | None
    tables: list[Rect]
    cells: list[Rect]
    header_cells: list[Rect]
    group_rows: list[Rect]
    task_cells: list[TaskCell]
    labels: list[Label]
    provenance: list[tuple[str, Rect]]
    texts: list[tuple[Rect, str]]  # a Word file's lines, shown where a scan's image would be
    tasks: list[TaskItem] = field(default_factory=list)  # tasks that start on this page
    continued: list[TaskItem] = field(default_factory=list)  # tasks from an earlier page


@dataclass(slots=True)
class DocSummary:
    """One row of the index (and the head of a document page)."""

    doc_id: str
    source: str
    status: str
    pages: int | None
    ocr_pages: int | None
    tasks: int
    review: int
    unknown: int
    mean_conf: float | None
    error: str
    title: str
    href: str  # the document page, relative to review/; empty when there is none

    @property
    def problem(self) -> tuple[int, int, float, str]:
        """Sort key: failed first, then those without a task (a plan has some: something was
        missed), then the most tasks to review, then the least confident."""
        rank = 0 if self.status == Status.ERROR.value else 1 if not self.tasks else 2
        return (rank, -self.review, self.mean_conf if self.mean_conf is not None else 101.0, self.source)


# --- documents ------------------------------------------------------------------------------


def summarize(result: DocumentResult) -> DocSummary:
    row = document_row(result)  # the documents.csv row: the index shows what the CSV says
    plan = result.plan if result.status == Status.OK else None
    tasks = plan.tasks if plan else []
    safe = bool(result.doc_id and _SAFE_ID.fullmatch(result.doc_id))
    return DocSummary(
        doc_id=result.doc_id,
        source=result.source,
        status=result.status.value,
        pages=plan.pages if plan else None,
        ocr_pages=plan.ocr_pages if plan else None,
        tasks=len(tasks),
        review=sum(t.needs_review for t in tasks),
        unknown=sum(not a.known for t in tasks for a in t.agencies),
        mean_conf=round(fmean(t.confidence for t in tasks), 1) if tasks else None,
        # A result the review could not load keeps its status but says why it shows nothing.
        error=str(row["error"] or "\n".join(e.message for e in result.errors)),
        title=str(row["title"] or ""),
        href=f"{result.doc_id}.html" if plan is not None and safe else "",
    )


def task_item(result: DocumentResult, task: Task) -> TaskItem:
    row = task_row(result, task)  # the tasks.csv row: same text, same rounding
    return TaskItem(
        seq=task.seq,
        task_no=str(row["task_no"] or ""),
        origin=task.origin,
        section=str(row["section"] or ""),
        period=str(row["period"] or ""),
        content=str(row["content"] or ""),
        agencies=[_chip(a) for a in task.agencies],
        time_text=str(row["time_text"] or ""),
        deadline=str(row["deadline"] or ""),
        confidence=float(row["confidence"] or 0.0),
        needs_review=task.needs_review,
        reasons=list(task.review_reasons),
        pages=sorted(set(task.pages) | {p for p, _ in task.cells}),
        merged=_merged(task),
    )


def _merged(task: Task) -> bool:
    return MERGED_ACROSS_PAGES in task.review_reasons or len({p for p, _ in task.cells}) > 1


def _chip(ref: AgencyRef) -> AgencyChip:
    role = "" if ref.role == Role.DOES else ref.role.value
    return AgencyChip(ref.name, ref.raw, role, ref.known, ref.generic)


def document_context(
    summary: DocSummary, result: DocumentResult, images: dict[int, PageImage]
) -> dict[str, object]:
    plan = result.plan
    assert plan is not None
    result_tasks = [task_item(result, t) for t in plan.tasks]
    by_seq = {t.seq: t for t in result_tasks}
    pages = [page_item(v, plan, images.get(v.number)) for v in plan.views]
    page_of = {p.number: p for p in pages}
    unplaced: list[TaskItem] = []
    for item in result_tasks:
        first = page_of.get(item.pages[0]) if item.pages else None
        if first is None:
            unplaced.append(item)
            continue
        first.tasks.append(item)
        for n in item.pages[1:]:
            if n in page_of:
                page_of[n].continued.append(item)
    data = {
        "doc_id": summary.doc_id,
        "tasks": {
            str(seq): {"pages": t.pages, "merged": t.merged, "review": t.needs_review}
            for seq, t in by_seq.items()
        },
        "provenance": {name: s.page for name, s in plan.provenance.items() if s.page is not None},
    }
    return {
        "doc": summary,
        "meta": _meta(result, plan),
        "warnings": list(plan.warnings),
        "pages": pages,
        "unplaced": unplaced,
        "data": data,
        "low": LOW_CONF,
        "mid": MID_CONF,
    }


def _meta(result: DocumentResult, plan: Plan) -> list[dict[str, object]]:
    row = document_row(result)
    out = []
    for name, label in META_FIELDS:
        where = plan.provenance.get(name)
        out.append(
            {
                "name": name,
                "label": label,
                "value": "" if row[name] is None else str(row[name]),
                "page": where.page if where else None,
            }
        )
    return out


def page_item(view: PageView, plan: Plan, image: PageImage | None) -> PageItem:
    words_by_band: dict[str, list[Box]] = {"low": [], "mid": [], "high": []}
    for box, conf in view.words:
        words_by_band[conf_band(conf)].append(box)
    return PageItem(
        number=view.number,
        width=round(float(view.width), 2),
        height=round(float(view.height), 2),
        source=view.source,
        verdict=view.verdict,
        rotation=view.rotation,
        skew=float(view.skew),
        image=image or PageImage("", 0, 0),
        word_paths={band: _boxes_path(boxes) for band, boxes in words_by_band.items() if boxes},
        word_counts={band: len(boxes) for band, boxes in words_by_band.items()},
        word_mean=round(fmean(float(c) for _, c in view.words), 1) if view.words else None,
        tables=[Rect.of(b) for b in view.tables],
        cells=[Rect.of(b) for b in view.cells],
        header_cells=[Rect.of(b) for b in view.header_cells],
        group_rows=[Rect.of(b) for b in view.group_rows],
        task_cells=[
            TaskCell(t.seq, Rect.of(b), _merged(t), t.needs_review)
            for t in plan.tasks
            for p, b in t.cells
            if p == view.number
        ],
        labels=_merge_labels(plan.tasks, view.number),
        provenance=[
            (name, Rect.of(s.box))
            for name, s in plan.provenance.items()
            if s.box and (s.page if s.page is not None else 1) == view.number
        ],
        texts=[(Rect.of(b), text) for b, text in view.texts],
    )


def conf_band(conf: float) -> str:
    return "low" if conf < LOW_CONF else "mid" if conf < MID_CONF else "high"


def _boxes_path(boxes: Sequence[Box]) -> str:
    """All boxes of one kind as one SVG path: a few hundred words cost one element, not hundreds."""
    parts = []
    for b in boxes:
        x0, top = float(b.x0), float(b.top)
        w, h = float(b.x1) - x0, float(b.bottom) - top
        parts.append(f"M{x0:.1f} {top:.1f}h{w:.1f}v{h:.1f}h{-w:.1f}z")
    return "".join(parts)


def _merge_labels(tasks: Sequence[Task], page: int) -> list[Label]:
    """ "↧ continues" beside the part of a split row that goes on, "↥ continued" beside the part
    that goes on from the page before: in the left margin, which is free of text, where the
    rows above and below (a repeated header, the page number) would be covered."""
    labels = []
    for task in tasks:
        pages = sorted({p for p, _ in task.cells})
        if len(pages) < 2 or page not in pages:
            continue
        here = Box.enclosing([b for p, b in task.cells if p == page])
        x = round(float(here.x0) - 4, 1)
        i = pages.index(page)
        if i + 1 < len(pages):
            labels.append(
                Label(x, round(float(here.bottom) - 2, 1), f"↧ continues p. {pages[i + 1]}", "cont")
            )
        if i > 0:
            labels.append(Label(x, round(float(here.top) + 9, 1), f"↥ continued p. {pages[i - 1]}", "from"))
    return labels


# --- index ----------------------------------------------------------------------------------


def index_context(
    summaries: list[DocSummary], results: list[DocumentResult], manifest: dict[str, object]
) -> dict[str, object]:
    plans = [r.plan for r in results if r.status == Status.OK and r.plan is not None]
    tasks = [t for p in plans for t in p.tasks]
    agencies = agency_bars(tasks)
    periods = period_bars(tasks)
    confs = [float(c) for p in plans for v in p.views if v.source == "ocr" for _, c in v.words]
    hist = conf_bars(confs)
    return {
        "docs": sorted(summaries, key=lambda s: s.problem),
        "totals": {
            "documents": len(summaries),
            "ok": sum(s.status == Status.OK.value for s in summaries),
            "failed": sum(s.status == Status.ERROR.value for s in summaries),
            "pages": sum(p.pages for p in plans),
            "ocr_pages": sum(p.ocr_pages for p in plans),
            "tasks": len(tasks),
            "review": sum(t.needs_review for t in tasks),
            "unknown": sum(not a.known for t in tasks for a in t.agencies),
            "mean_conf": round(fmean(t.confidence for t in tasks), 1) if tasks else None,
        },
        "run": _run_info(manifest),
        "agencies": agencies,
        "agencies_chart": hbar_chart(
            agencies, f"Tasks per agency (top {TOP_AGENCIES})", width=640, label_px=300
        ),
        "periods": periods,
        "periods_chart": hbar_chart(periods, "Tasks per period", label_px=170),
        "conf": hist,
        "conf_words": len(confs),
        "conf_median": round(median(confs), 1) if confs else None,
        # The low tail is what matters and the histogram's tall last bar dwarfs it: say it in words.
        "conf_below_low": _share(confs, LOW_CONF),
        "conf_below_mid": _share(confs, MID_CONF),
        "conf_chart": histogram(hist, "OCR word confidence"),
        "low": LOW_CONF,
        "mid": MID_CONF,
    }


def _share(values: Sequence[float], below: float) -> float | None:
    return round(100 * sum(v < below for v in values) / len(values), 1) if values else None


def _run_info(manifest: dict[str, object]) -> dict[str, object]:
    """What the index says of the run, from manifest.json (empty when there is none)."""
    seconds = manifest.get("seconds")
    inputs = manifest.get("inputs")
    return {
        "tool_version": str(manifest.get("tool_version") or ""),
        "started": str(manifest.get("started") or ""),
        "seconds": float(seconds) if isinstance(seconds, int | float) else None,
        "inputs": [str(i) for i in inputs] if isinstance(inputs, list) else [],
    }


def agency_bars(tasks: Sequence[Task]) -> list[Bar]:
    """Tasks per canonical agency (a task counts once per agency), the most frequent first."""
    counts: Counter[str] = Counter()
    kind: dict[str, str] = {}
    for task in tasks:
        for ref in {a.name: a for a in task.agencies}.values():
            counts[ref.name] += 1
            kind.setdefault(ref.name, "unknown" if not ref.known else "generic" if ref.generic else "")
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_AGENCIES]
    notes = {"unknown": "not in the gazetteer", "generic": "generic mention"}
    return [Bar(name, n, kind[name], notes.get(kind[name], "")) for name, n in ranked]


def period_bars(tasks: Sequence[Task]) -> list[Bar]:
    """Tasks per period, in calendar order (by the period's start), tasks without one last."""
    counts: Counter[str] = Counter()
    start: dict[str, str] = {}
    for task in tasks:
        label = task.period or "(no period)"
        counts[label] += 1
        if task.period_start:
            start[label] = min(start.get(label, task.period_start), task.period_start[5:])
    order = sorted(counts, key=lambda p: (p == "(no period)", start.get(p, "99"), p))
    return [Bar(p, counts[p], "none" if p == "(no period)" else "") for p in order]


def conf_bars(confs: Sequence[float]) -> list[Bar]:
    """Words per 10-point confidence bin, coloured as the words are on the pages."""
    bins = [0] * 10
    for c in confs:
        bins[min(max(int(c // 10), 0), 9)] += 1
    return [Bar(f"{10 * i}–{10 * i + 10}", n, conf_band(10 * i + 5)) for i, n in enumerate(bins)]
