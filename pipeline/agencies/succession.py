"""The 2025 reorganisation: which body carries the work of one merged or dissolved since.

`models/successors.csv` (columns `name,successor,effective,basis`) lists each body by its
canonical name as it was, the body that took over its work, the day that took effect and the
act that did it: the Sở merged from 1 March 2025 (Nghị định 45/2025/NĐ-CP), the ministries the
same day (Nghị quyết 176/2025/QH15), district-level police from 1 March 2025 and district-level
government from 1 July 2025 (Luật Tổ chức chính quyền địa phương 2025).

A document's canonical names stay as they were on its date; the successor is given where the
body was merged or dissolved after that date (or the date is not known).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipeline.agencies.names import keys
from pipeline.resources import models_dir
from pipeline.vietnamese.text import nfc

SUCCESSORS = models_dir() / "successors.csv"


@dataclass(frozen=True, slots=True)
class Succession:
    name: str
    successor: str
    effective: str  # ISO date the merger or dissolution took effect
    basis: str


def read_successions(path: Path = SUCCESSORS) -> list[Succession]:
    with path.open(encoding="utf-8", newline="") as f:
        return [
            Succession(nfc(r["name"].strip()), nfc(r["successor"].strip()), r["effective"].strip(),
                       r["basis"].strip())
            for r in csv.DictReader(f) if (r.get("name") or "").strip()
        ]


@lru_cache(maxsize=1)
def _table() -> dict[str, Succession]:
    return {keys(s.name)[0]: s for s in read_successions()}


def succession(canonical: str, on: str | None = None) -> Succession | None:
    """The row for `canonical` when it was merged or dissolved after the date `on` (ISO, as far
    as printed: "2025", "2025-03" and "2025-03-14" all do), or whenever when `on` is None."""
    row = _table().get(keys(canonical)[0])
    if row is None:
        return None
    if on and _after(on, row.effective):
        return None  # the change came before the document: nothing merged since its date
    return row


def _after(on: str, effective: str) -> bool:
    """True when a date printed as far as `on` is on or after `effective`; a year or month that
    holds the effective day ("2025" for 2025-03-01) is not known to be after it."""
    n = min(len(on), len(effective))
    if on[:n] != effective[:n]:
        return on[:n] > effective[:n]
    return len(on) >= len(effective)


def successor(canonical: str, on: str | None = None) -> str:
    row = succession(canonical, on)
    return row.successor if row else ""
