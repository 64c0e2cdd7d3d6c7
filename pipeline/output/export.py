"""Writers of the output folder (OUTPUTS.md): CSVs, plans.xlsx, json/<doc_id>.json, manifest.json.

Every file is written to a temporary name in its folder and moved into place with
`os.replace`, so a reader (an analyst's open spreadsheet, a watching tool) never sees half a
file. No output name derives from an input name: JSON records are named by doc_id.
"""

from __future__ import annotations

import csv
import json
import os
import re
import secrets
import warnings
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.table import Table as XlTable
from openpyxl.worksheet.table import TableColumn, TableStyleInfo

from pipeline.model import DocumentResult, Status
from pipeline.output.rows import DATE_COLUMNS, TABLE_COLUMNS, Row, document_json, table_rows
from pipeline.output.textsafe import csv_cell, nfc_deep, xlsx_value

__all__ = [
    "FORMATS",
    "SCHEMA_VERSION",
    "RunInfo",
    "atomic_write",
    "document_json",
    "manifest",
    "table_rows",
    "write_outputs",
]

FORMATS = frozenset({"csv", "json", "xlsx"})
SCHEMA_VERSION = "1.0"  # bump when the meaning of a contract column changes (OUTPUTS.md)
XLSX_NAME = "plans.xlsx"
JSON_DIR = "json"
MANIFEST_NAME = "manifest.json"

# A doc_id becomes a file name: only plain characters, so it can never be a path.
_SAFE_ID = re.compile(r"[0-9A-Za-z_-]{1,64}")


@dataclass(frozen=True)
class RunInfo:
    tool_version: str
    inputs: list[str]
    started: str  # ISO timestamp
    seconds: float
    options: dict[str, object] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)  # files not read, by extension


# --- atomic files ---------------------------------------------------------------------------


@contextmanager
def atomic_write(path: Path, mode: str = "w", **open_args: Any) -> Iterator[IO[Any]]:
    """Open a temporary sibling of `path`; on success fsync it and move it over `path`.

    On any error the temporary file is removed and `path` keeps its previous content.
    """
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    # os.open with 0o666 lets the umask decide, as for a normal file (mkstemp would give 0600);
    # O_BINARY keeps Windows from translating newlines under the text layer's own handling.
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    fd = os.open(tmp, flags, 0o666)
    try:
        with open(fd, mode, **open_args) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


# --- CSV ------------------------------------------------------------------------------------


def write_csv(path: Path, columns: Sequence[str], rows: Iterable[Row]) -> None:
    """UTF-8 with BOM (Excel then reads Vietnamese right), RFC 4180 quoting, `\\n` rows."""
    with atomic_write(path, "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([csv_cell(row[c]) for c in columns] for row in rows)


# --- XLSX -----------------------------------------------------------------------------------

_HEADER_FONT = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")
_WRAPPED_COLUMNS = frozenset({"content", "error", "message", "reason"})
_LINK_COLUMNS = frozenset({"review_page"})
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_WIDTH_SAMPLE = 500  # rows looked at for a column's width: enough to judge, cheap on a big run
_MIN_WIDTH, _MAX_WIDTH, _WRAPPED_WIDTH = 6, 50, 80


def _column_width(column: str, rows: Sequence[Row]) -> float:
    if column in _WRAPPED_COLUMNS:
        return _WRAPPED_WIDTH
    longest = len(column)
    for row in rows[:_WIDTH_SAMPLE]:
        value = row[column]
        if value is not None:
            longest = max(longest, *(len(line) for line in str(value).split("\n")))
    return min(max(longest + 2, _MIN_WIDTH), _MAX_WIDTH)


def _xlsx_cell(ws: WriteOnlyWorksheet, column: str, value: object) -> object:
    """A value for `ws.append`: plain when openpyxl types it right, else an explicit cell.

    Plain values write faster (measured: 7 s against 10 s for 380,000 cells, openpyxl without
    lxml), so an explicit cell is made only where needed: a full ISO date (a date cell), a link,
    wrapped columns, and text openpyxl would otherwise take for a formula ("=...") or an error
    value ("#N/A"). A string cell is never evaluated by a spreadsheet: no visible guard needed.
    """
    typed = xlsx_value(value)
    if not isinstance(typed, str):
        return typed
    if column in DATE_COLUMNS and _ISO_DAY.fullmatch(typed):
        cell = WriteOnlyCell(ws, value=date.fromisoformat(typed))
        cell.number_format = "yyyy-mm-dd"
        return cell
    if column in _LINK_COLUMNS:
        cell = WriteOnlyCell(ws, value=typed)
        cell.hyperlink = typed
        return cell
    wrapped = column in _WRAPPED_COLUMNS
    if not (wrapped or typed.startswith("=") or typed in ERROR_CODES):
        return typed
    cell = WriteOnlyCell(ws, value=typed)
    cell.data_type = "s"  # text stays text
    if wrapped:
        cell.alignment = _WRAP
    return cell


def _header_cell(ws: WriteOnlyWorksheet, column: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=column)
    cell.font = _HEADER_FONT
    return cell


def _write_sheet(wb: Workbook, name: str, columns: Sequence[str], rows: Sequence[Row]) -> None:
    ws = wb.create_sheet(name)
    # Write-only sheets take widths and panes before the first row, not after.
    for i, column in enumerate(columns, 1):
        ws.column_dimensions[get_column_letter(i)].width = _column_width(column, rows)
    ws.freeze_panes = "A2"
    ws.append([_header_cell(ws, c) for c in columns])
    for row in rows:
        ws.append([_xlsx_cell(ws, c, row[c]) for c in columns])
    # An Excel table over the sheet: a filter on every column, banded rows, sorting that keeps
    # rows whole. Excel wants at least one row under the header, so an empty sheet gets an
    # empty one.
    ref = f"A1:{get_column_letter(len(columns))}{max(2, len(rows) + 1)}"
    table = XlTable(displayName=name, ref=ref)
    table.tableColumns = [TableColumn(id=i, name=c) for i, c in enumerate(columns, 1)]
    table.autoFilter = AutoFilter(ref=ref)
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight1", showRowStripes=True)
    with warnings.catch_warnings():  # "add table columns manually": they are, above
        warnings.simplefilter("ignore", UserWarning)
        ws.add_table(table)


def write_xlsx(path: Path, tables: dict[str, list[Row]]) -> None:
    wb = Workbook(write_only=True)
    for name, columns in TABLE_COLUMNS.items():
        _write_sheet(wb, name, columns, tables[name])
    with atomic_write(path, "wb") as f:
        wb.save(f)


# --- JSON -----------------------------------------------------------------------------------


def write_json(path: Path, record: object) -> None:
    # default=str: run options may hold Paths and the like; they are shown, not re-read.
    text = json.dumps(nfc_deep(record), ensure_ascii=False, indent=1, default=str)
    with atomic_write(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text + "\n")


def json_name(doc_id: str) -> str:
    if not _SAFE_ID.fullmatch(doc_id):
        raise ValueError(f"doc_id {doc_id!r} cannot name a file")
    return f"{doc_id}.json"


def write_records(results: Iterable[DocumentResult], folder: Path) -> list[str]:
    """One record per document that has an id (a file that could not be read has none: no bytes
    to hash; its failure is in documents.csv and errors.csv). Records of documents not in this
    run are removed, so that the folder matches documents.csv; their names are returned."""
    folder.mkdir(parents=True, exist_ok=True)
    kept = set()
    for result in results:
        if result.doc_id:
            name = json_name(result.doc_id)
            write_json(folder / name, document_json(result))
            kept.add(name)
    stale = sorted(p.name for p in folder.glob("*.json") if p.name not in kept)
    for name in stale:
        (folder / name).unlink(missing_ok=True)
    return [f"{JSON_DIR}/{name}" for name in stale]


# --- manifest -------------------------------------------------------------------------------


def _tool_version() -> str:
    try:
        return version("plans")
    except PackageNotFoundError:
        return "unknown"


def default_run(results: Sequence[DocumentResult]) -> RunInfo:
    """What can be said of a run when the caller did not say it (library use, tests)."""
    return RunInfo(
        tool_version=_tool_version(),
        inputs=[r.source for r in results],
        started=datetime.now(UTC).isoformat(timespec="seconds"),
        seconds=sum(r.seconds for r in results),
    )


def manifest(
    results: Sequence[DocumentResult],
    run: RunInfo,
    formats: frozenset[str],
    outputs: list[str],
    removed: Sequence[str] = (),
) -> dict[str, object]:
    # Pages and tasks count over the documents that made it, as documents.csv shows them.
    plans = [r.plan for r in results if r.status == Status.OK and r.plan is not None]
    return {
        "tool_version": run.tool_version,
        "schema_version": SCHEMA_VERSION,
        "inputs": list(run.inputs),
        "options": dict(run.options),
        "started": run.started,
        "seconds": round(run.seconds, 3),
        "formats": sorted(formats),
        "outputs": outputs,
        "removed": list(removed),  # outputs of an earlier run whose documents are not in this one
        "counts": {
            "documents": len(results),
            "ok": sum(r.status == Status.OK for r in results),
            "error": sum(r.status == Status.ERROR for r in results),
            "needs_review": sum(p.needs_review for p in plans),
            "tasks": sum(len(p.tasks) for p in plans),
            "pages": sum(p.pages for p in plans),
            "ocr_pages": sum(p.ocr_pages for p in plans),
        },
        "skipped": dict(run.skipped),
        "timings": {
            r.doc_id: {"seconds": round(r.seconds, 3), "ocr_seconds": round(r.ocr_seconds, 3)}
            for r in results
            if r.doc_id
        },
    }


# --- the one call ---------------------------------------------------------------------------


def _write_selected(
    results: list[DocumentResult], out_dir: Path, formats: frozenset[str], review: bool
) -> tuple[list[str], list[str]]:
    """Write each selected format; the names written and the stale ones removed, for the manifest."""
    written: list[str] = []
    removed: list[str] = []
    tables = table_rows(results, review) if formats & {"csv", "xlsx"} else {}
    if "csv" in formats:
        for name, columns in TABLE_COLUMNS.items():
            write_csv(out_dir / f"{name}.csv", columns, tables[name])
            written.append(f"{name}.csv")
    if "xlsx" in formats:
        write_xlsx(out_dir / XLSX_NAME, tables)
        written.append(XLSX_NAME)
    if "json" in formats:
        removed += write_records(results, out_dir / JSON_DIR)
        written.append(f"{JSON_DIR}/")
    return written, removed


def write_outputs(
    results: Iterable[DocumentResult],
    out_dir: Path,
    formats: frozenset[str] = FORMATS,
    run: RunInfo | None = None,
    review: bool = False,
    removed: Sequence[str] = (),
) -> None:
    """Write the selected formats ("csv", "xlsx", "json") into `out_dir`; manifest.json always.

    review: review pages are written too (tasks link to them); removed: what the caller
    already removed as stale, for the manifest."""
    unknown = set(formats) - FORMATS
    if unknown:
        raise ValueError(f"unknown output formats: {sorted(unknown)}; known: {sorted(FORMATS)}")
    results = list(results)
    if "json" in formats:
        for doc_id in {r.doc_id for r in results if r.doc_id}:
            json_name(doc_id)  # fail before writing anything, not half-way through the folder
    out_dir.mkdir(parents=True, exist_ok=True)
    outputs, stale = _write_selected(results, out_dir, formats, review)
    record = manifest(results, run or default_run(results), formats, outputs, [*removed, *stale])
    write_json(out_dir / MANIFEST_NAME, record)
