"""The output tables as typed pandas DataFrames: `read_outputs(out)` for an analyst's notebook.

`pandas.read_csv(out / "tasks.csv", dtype=DTYPES["tasks"], parse_dates=DATES["tasks"])` gives
the same frame, but for the formula guard (a leading `'` on text such as "- UBND huyện"), which
`read_outputs` takes off again.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipeline.output.rows import DATE_COLUMNS, TABLE_COLUMNS
from pipeline.output.textsafe import unguard

_INTEGERS = frozenset(
    {"seq", "pages", "ocr_pages", "plan_year", "task_count", "page_start", "page_end", "page", "count"}
)
_FLOATS = frozenset({"confidence"})
_BOOLEANS = frozenset({"needs_review", "generic", "known"})


def _dtype(column: str) -> str:
    if column in _INTEGERS:
        return "Int64"
    if column in _FLOATS:
        return "Float64"
    if column in _BOOLEANS:
        return "boolean"
    return "string"  # task_no too: "1.1" and "II" are labels, not numbers


# Dates are read as text first, then parsed: a date printed without its day ("2024-01")
# becomes NaT in the typed column rather than a made-up first of the month.
DTYPES: dict[str, dict[str, str]] = {
    name: {c: "string" if c in DATE_COLUMNS else _dtype(c) for c in columns}
    for name, columns in TABLE_COLUMNS.items()
}
DATES: dict[str, list[str]] = {
    name: [c for c in columns if c in DATE_COLUMNS] for name, columns in TABLE_COLUMNS.items()
}


def read_table(path: Path, name: str) -> pd.DataFrame:
    frame = pd.read_csv(path, dtype=DTYPES[name], keep_default_na=False, na_values=[""],
                        encoding="utf-8-sig")  # fmt: skip
    for column in DATES[name]:
        frame[column] = pd.to_datetime(frame[column], format="%Y-%m-%d", errors="coerce")
    for column, dtype in DTYPES[name].items():
        if dtype == "string" and column not in DATE_COLUMNS and column in frame:
            frame[column] = frame[column].map(unguard, na_action="ignore").astype("string")
    return frame


def read_outputs(out_dir: str | Path) -> dict[str, pd.DataFrame]:
    """Every CSV table of an output folder, typed: {"documents": ..., "tasks": ..., ...}.

    Integers (seq, pages, task_count) are nullable Int64, flags are boolean, dates datetime64
    (NaT where only a month was printed: the CSV keeps "2024-01"), text is pandas' string type.
    """
    out = Path(out_dir)
    found = {name: out / f"{name}.csv" for name in TABLE_COLUMNS}
    missing = [p.name for p in found.values() if not p.is_file()]
    if missing:
        raise FileNotFoundError(f"{out} lacks {', '.join(missing)}: run plans extract --out {out} first")
    return {name: read_table(path, name) for name, path in found.items()}
