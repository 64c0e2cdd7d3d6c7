"""The gazetteer file (`models/agencies.csv`): the ways offices write a body, each with its
canonical name, level and kind. Read here for the matcher and the spaCy pipeline alike."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from pipeline.resources import gazetteer_path
from pipeline.vietnamese.text import nfc

COLUMNS = ("variant", "canonical", "level", "kind", "generic")
GAZETTEER = gazetteer_path()
# In prose a short name without its diacritics ("Cong an") is more likely other words.
PROSE_FOLDED_MIN_LEN = 12


@dataclass(frozen=True, slots=True)
class Entry:
    variant: str
    canonical: str
    level: str
    kind: str
    generic: bool
    priority: int = 0  # 1 for a user's alias row, which wins over the built-in gazetteer


def read_gazetteer(path: Path, priority: int = 0) -> list[Entry]:
    # utf-8-sig: alias files saved by Excel start with a byte-order mark
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        missing = set(COLUMNS) - set(reader.fieldnames or ())
        if missing:
            raise ValueError(f"{path}: missing columns {sorted(missing)}; need {','.join(COLUMNS)}")
        return [
            Entry(
                variant=nfc(row["variant"].strip()),
                canonical=nfc(row["canonical"].strip()),
                level=nfc((row["level"] or "").strip()),
                kind=(row["kind"] or "").strip(),
                generic=(row["generic"] or "").strip().lower() in {"true", "1", "yes", "x"},
                priority=priority,
            )
            for row in reader
            if (row["variant"] or "").strip() and (row["canonical"] or "").strip()
        ]
