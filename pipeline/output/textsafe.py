"""Cell text at the export edge: NFC, the spreadsheet formula guard, what a file format can hold.

The guard is for CSV only: a spreadsheet opening a CSV guesses each cell's type and evaluates
what looks like a formula. XLSX cells carry their type (a string cell is never evaluated) and
JSON readers are programs: a leading `'` there would be a change to the data, not a protection.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

from pipeline.vietnamese.text import nfc

CellValue = str | int | float | bool | None

# A spreadsheet reads a cell starting with one of these as a formula (or, for tab and CR,
# as a formula once trimmed): OWASP "CSV injection".
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Control characters an XLSX file cannot hold (openpyxl raises on them); tab, LF, CR are fine.
_XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
XLSX_MAX_CHARS = 32767  # Excel's cell limit; longer text makes the file "need repair"


def guard(text: str) -> str:
    """Neutralise a would-be formula with a leading `'` (the common spreadsheet practice)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def unguard(text: str) -> str:
    """The text `guard` was given back (for readers of the CSV files)."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text


def one_newline(text: str) -> str:
    """Line breaks as `\\n` only: a bare CR is not quoted by the csv module, and readers
    such as pandas take it for the end of a row."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def sheet_text(text: str) -> str:
    """A string as it goes into a spreadsheet cell: NFC, guarded, `\\n` line breaks.

    Guarded before the line breaks are changed, so a cell starting with CR is still guarded.
    """
    return one_newline(guard(nfc(text)))


def csv_cell(value: object) -> str | int | float:
    """One CSV field: booleans `true`/`false`, None empty, numbers as numbers, text guarded."""
    if value is None:
        return ""
    if isinstance(value, bool):  # before int: bool is an int
        return "true" if value else "false"
    if isinstance(value, int | float):
        return "" if isinstance(value, float) and not math.isfinite(value) else value
    return sheet_text(str(value))


def xlsx_value(value: object) -> CellValue:
    """One XLSX cell value: numbers and booleans typed, text storable. Not guarded: the writer
    stores text as a string cell, which no spreadsheet evaluates."""
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    text = _XLSX_ILLEGAL.sub("", one_newline(nfc(str(value))))
    return text[:XLSX_MAX_CHARS]


def nfc_deep(obj: object) -> object:
    """NFC every string (keys too) of a JSON-able structure; the JSON safety net."""
    if isinstance(obj, str):
        return nfc(obj)
    if isinstance(obj, Mapping):
        return {nfc(str(k)): nfc_deep(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [nfc_deep(v) for v in obj]
    return obj
