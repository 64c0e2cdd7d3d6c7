"""The export edge: typed results -> plain rows (the CSV/XLSX tables) and nested JSON records.

Values here are NFC but un-guarded; the formula guard belongs to the spreadsheet writers
(`textsafe`), because JSON must carry the text as printed. Column names and order follow
`OUTPUTS.md`, the contract with analysts: contract columns first, extra columns after.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict
from typing import cast

from pipeline.agencies.matcher import distinct_refs
from pipeline.model import AgencyRef, DocumentResult, ErrorItem, Plan, Role, Stage, Status, Task
from pipeline.output.textsafe import CellValue, nfc_deep
from pipeline.structure.provenance import source_json
from pipeline.vietnamese.text import nfc

Row = dict[str, CellValue]

DOCUMENT_COLUMNS = (
    "doc_id", "source", "status", "pages", "ocr_pages", "doc_type", "doc_number", "doc_symbol",
    "issuer", "place", "issued_date", "title", "plan_year", "signer_title", "signer_name",
    "task_count", "needs_review", "error",
)  # fmt: skip
TASK_COLUMNS = (
    "doc_id", "source", "seq", "task_no", "origin", "section", "period", "period_start",
    "period_end", "content", "agencies", "agencies_raw", "lead_agencies", "partner_agencies",
    "time_text", "deadline", "page_start", "page_end", "confidence", "needs_review",
    "group", "review_reasons", "review_page",
)  # fmt: skip
TASK_AGENCY_COLUMNS = (
    "doc_id", "seq", "agency", "agency_raw", "role", "generic", "successor", "known", "jurisdiction",
)  # fmt: skip
ERROR_COLUMNS = ("doc_id", "source", "stage", "page", "message")
UNKNOWN_AGENCY_COLUMNS = ("agency_raw", "count", "example_doc_id")
WARNING_COLUMNS = ("doc_id", "source", "seq", "field", "page", "reason")

# Table name -> columns, in the order of the files and of the XLSX sheets.
TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "documents": DOCUMENT_COLUMNS,
    "tasks": TASK_COLUMNS,
    "task_agencies": TASK_AGENCY_COLUMNS,
    "errors": ERROR_COLUMNS,
    "warnings": WARNING_COLUMNS,
    "agencies_unknown": UNKNOWN_AGENCY_COLUMNS,
}

# The columns holding ISO dates ("2024-01-25", or "2024-01" where the day was not printed).
DATE_COLUMNS = frozenset({"issued_date", "period_start", "period_end", "deadline"})
REVIEW_DIR = "review"  # where `--review` writes the review pages, under the output folder

NAME_SEP = "; "  # the contract's joiner for agency names within one cell
ERROR_SEP = "\n"  # several error messages in one cell: one per line


def _s(text: str | None) -> str | None:
    return None if text is None else nfc(text)


def _names(task: Task, role: Role | None = None) -> list[str]:
    # NFC before de-duplicating, so composed and decomposed spellings are one name.
    out: list[str] = []
    for name in task.names(role):
        if (n := nfc(name)) not in out:
            out.append(n)
    return out


def _confidence(value: float) -> float:
    return round(value, 1)


def _plan(result: DocumentResult) -> Plan | None:
    """The plan the tables show: none for a failed document, whatever it got to."""
    return result.plan if result.status == Status.OK else None


def _error_items(result: DocumentResult) -> list[ErrorItem]:
    # A failed document always has an errors.csv row, even if the stage forgot its item.
    if result.status == Status.ERROR and not result.errors:
        return [ErrorItem(source=result.source, stage=Stage.UNKNOWN, message="failed without a message")]
    return result.errors


def document_row(result: DocumentResult) -> Row:
    row: Row = dict.fromkeys(DOCUMENT_COLUMNS)
    row.update(doc_id=_s(result.doc_id), source=_s(result.source), status=result.status.value)
    if result.status == Status.ERROR:
        row["error"] = ERROR_SEP.join(nfc(e.message) for e in _error_items(result))
        return row
    plan = result.plan
    if plan is None:
        row["task_count"] = 0
        return row
    meta = plan.metadata
    row.update(
        pages=plan.pages,
        ocr_pages=plan.ocr_pages,
        doc_type=_s(meta.doc_type),
        doc_number=_s(meta.doc_number),
        doc_symbol=_s(meta.doc_symbol),
        issuer=_s(meta.issuer),
        place=_s(meta.place),
        issued_date=_s(meta.issued_date),
        title=_s(meta.title),
        plan_year=meta.plan_year,
        signer_title=_s(meta.signer_title),
        signer_name=_s(meta.signer_name),
        task_count=len(plan.tasks),
        needs_review=plan.needs_review,
    )
    return row


def review_page(result: DocumentResult, task: Task) -> str:
    """The task on its review page, relative to the output folder."""
    return f"{REVIEW_DIR}/{result.doc_id}.html#task-{task.seq}"


def task_row(result: DocumentResult, task: Task, review: bool = False) -> Row:
    return {
        "doc_id": _s(result.doc_id),
        "source": _s(result.source),
        "seq": task.seq,
        "task_no": _s(task.task_no),
        "origin": _s(task.origin),
        "section": _s(task.section),
        "period": _s(task.period),
        "period_start": _s(task.period_start),
        "period_end": _s(task.period_end),
        "content": _s(task.content),
        "agencies": NAME_SEP.join(_names(task)),
        "agencies_raw": _s(task.agencies_raw),
        "lead_agencies": NAME_SEP.join(_names(task, Role.LEAD)),
        "partner_agencies": NAME_SEP.join(_names(task, Role.PARTNER)),
        "time_text": _s(task.time_text),
        "deadline": _s(task.deadline),
        "page_start": min(task.pages, default=None),
        "page_end": max(task.pages, default=None),
        "confidence": _confidence(task.confidence),
        "needs_review": task.needs_review,
        "group": _s(task.group),
        "review_reasons": NAME_SEP.join(nfc(r) for r in task.review_reasons),
        "review_page": review_page(result, task) if review and result.doc_id else None,
    }


def task_agency_rows(result: DocumentResult, task: Task) -> list[Row]:
    return [
        {
            "doc_id": _s(result.doc_id),
            "seq": task.seq,
            "agency": nfc(ref.name),
            "agency_raw": nfc(ref.raw),
            "role": ref.role.value,
            "generic": ref.generic,
            "successor": _s(ref.successor) or None,
            "known": ref.known,
            "jurisdiction": nfc(ref.jurisdiction),
        }
        # Also for a Task built by hand: a name printed twice must not count twice in a pivot.
        for ref in distinct_refs(task.agencies)
    ]


def error_rows(result: DocumentResult) -> list[Row]:
    return [
        {
            "doc_id": _s(result.doc_id),
            "source": nfc(err.source or result.source),
            "stage": nfc(err.stage),
            "page": err.page,
            "message": nfc(err.message),
        }
        for err in _error_items(result)
    ]


def warning_rows(result: DocumentResult) -> list[Row]:
    """Everything of one document that needs a person's look, with the reason, in one place:
    the document's own warnings, metadata left out because it read with doubt, tasks to review."""
    plan = _plan(result)
    if plan is None:
        return []
    base = {"doc_id": _s(result.doc_id), "source": _s(result.source)}
    rows: list[Row] = []
    for text in plan.warnings:
        page = re.match(r"page (\d+):", text)
        rows.append({**base, "seq": None, "field": "document", "page": int(page[1]) if page else None,
                     "reason": nfc(text)})  # fmt: skip
    for name in plan.unsure_fields:
        where = plan.provenance.get(name)
        rows.append({**base, "seq": None, "field": name, "page": where.page if where else None,
                     "reason": "read with doubt (a number or day written by pen?): left out"})  # fmt: skip
    for task in plan.tasks:
        if task.needs_review:
            reasons = task.review_reasons or ["needs review"]
            rows.append({**base, "seq": task.seq, "field": "task", "page": min(task.pages, default=None),
                         "reason": NAME_SEP.join(nfc(r) for r in reasons)})  # fmt: skip
    return rows


def unknown_agency_rows(agency_rows: Iterable[Row]) -> list[Row]:
    """Agencies no gazetteer entry matched, most frequent first: the list to add aliases from."""
    counts: Counter[str] = Counter()
    example: dict[str, CellValue] = {}
    for row in agency_rows:
        if row["known"]:
            continue
        raw = str(row["agency_raw"] or row["agency"])
        counts[raw] += 1
        example.setdefault(raw, row["doc_id"])
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return [{"agency_raw": raw, "count": n, "example_doc_id": example[raw]} for raw, n in ranked]


def table_rows(results: Iterable[DocumentResult], review: bool = False) -> dict[str, list[Row]]:
    """All tables of a run as plain dicts, keyed like `TABLE_COLUMNS` (review: link each task
    to its review page)."""
    tables: dict[str, list[Row]] = {name: [] for name in TABLE_COLUMNS}
    for result in results:
        tables["documents"].append(document_row(result))
        tables["errors"].extend(error_rows(result))
        tables["warnings"].extend(warning_rows(result))
        plan = _plan(result)
        for task in plan.tasks if plan else []:
            tables["tasks"].append(task_row(result, task, review))
            tables["task_agencies"].extend(task_agency_rows(result, task))
    tables["agencies_unknown"] = unknown_agency_rows(tables["task_agencies"])
    return tables


def _agency_json(ref: AgencyRef) -> dict[str, object]:
    return {
        "name": ref.name,
        "raw": ref.raw,
        "role": ref.role.value,
        "generic": ref.generic,
        "known": ref.known,
        "jurisdiction": ref.jurisdiction,
        "successor": ref.successor or None,
    }


def task_json(task: Task) -> dict[str, object]:
    return {
        "seq": task.seq,
        "task_no": task.task_no,
        "origin": task.origin,
        "section": task.section,
        "period": task.period,
        "period_start": task.period_start,
        "period_end": task.period_end,
        "group": task.group,
        "content": task.content,
        "agencies": _names(task),
        "agencies_detail": [_agency_json(ref) for ref in task.agencies],
        "lead_agencies": _names(task, Role.LEAD),
        "partner_agencies": _names(task, Role.PARTNER),
        "agencies_raw": task.agencies_raw,
        "time_text": task.time_text,
        "deadline": task.deadline,
        "pages": list(task.pages),
        "confidence": _confidence(task.confidence),
        "needs_review": task.needs_review,
        "review_reasons": list(task.review_reasons),
        "extra": dict(task.extra),
        "provenance": [source_json(s) for s in task.sources],
    }


def _error_json(err: ErrorItem) -> dict[str, object]:
    return {"source": err.source, "stage": err.stage, "page": err.page, "message": err.message}


def _plan_json(plan: Plan | None) -> dict[str, object]:
    """The plan part of a record; without a plan the same keys, null or empty."""
    if plan is None:
        return {
            "pages": None, "ocr_pages": None, "page_sources": [], "metadata": None,
            "legal_bases": [], "referenced_documents": [], "recipients": [], "addressees": [],
            "metadata_provenance": {}, "deadlines": [], "tasks": [], "needs_review": None,
            "warnings": [], "unsure_fields": [], "page_reading": [],
        }  # fmt: skip
    return {
        "pages": plan.pages,
        "ocr_pages": plan.ocr_pages,
        "page_sources": list(plan.page_sources),
        "metadata": asdict(plan.metadata),
        "metadata_provenance": {name: source_json(s) for name, s in plan.provenance.items()},
        "legal_bases": list(plan.legal_bases),
        "referenced_documents": [asdict(d) for d in plan.referenced_documents],
        "recipients": list(plan.recipients),
        "addressees": list(plan.addressees),
        "deadlines": [{"date": d.date, "text": d.text, "page": d.page} for d in plan.deadlines],
        "tasks": [task_json(t) for t in plan.tasks],
        "needs_review": plan.needs_review,
        "warnings": list(plan.warnings),
        "unsure_fields": list(plan.unsure_fields),
        # Which source each page was read from, and why: the text layer or OCR.
        "page_reading": [
            {
                "page": v.number,
                "source": v.source,
                "verdict": v.verdict,
                "rotation": v.rotation,
                "skew": v.skew,
            }
            for v in plan.views
        ],
    }


def document_json(result: DocumentResult) -> dict:
    """The nested record of `json/<doc_id>.json`: everything known, with provenance.

    Unlike the tables, a failed document keeps whatever plan it got to: the record shows
    how far it went.
    """
    record: dict[str, object] = {
        "doc_id": result.doc_id,
        "source": result.source,
        "status": result.status.value,
        **_plan_json(result.plan),
        "errors": [_error_json(e) for e in _error_items(result)],
    }
    return cast(dict, nfc_deep(record))
