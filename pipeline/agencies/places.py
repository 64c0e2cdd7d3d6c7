"""Place names of Vietnam's administrative units, before and after the 2025 reorganisation.

`models/places.csv` is derived from the `vietnam-provinces` package by
`scripts/build_places.py` (the package versions are on the file's first lines): the 63 provinces
and their districts before 1 July 2025, the 34 provinces and their communes after. Agency
matching uses it to put right a place name whose marks OCR lost ("huyện Binh Gia" -> "huyện Bình
Gia"): only where the letters, marks aside, name one unit of that level and no other.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from pipeline.agencies.names import LEVEL_OF_WORD, keys
from pipeline.resources import models_dir
from pipeline.vietnamese.text import nfc

PLACES = models_dir() / "places.csv"


class Places:
    def __init__(self, rows: list[dict[str, str]]) -> None:
        by_folded: dict[tuple[str, str], set[str]] = {}
        for r in rows:
            name = nfc(r["name"])
            by_folded.setdefault((r["level"], keys(name)[1]), set()).add(name)
        # a folded spelling shared by two different names (Bình Gia / Bính Gia) settles nothing
        self._spelled = {k: next(iter(v)) for k, v in by_folded.items() if len(v) == 1}
        self.count = len(rows)
        self._provinces = {keys(nfc(r["name"]))[0] for r in rows if r["level"] == "tỉnh"}
        self._provinces |= {keys(n)[0] for (lvl, _), n in self._spelled.items() if lvl == "tỉnh"}

    @classmethod
    @lru_cache(maxsize=1)
    def builtin(cls) -> Places:
        return cls.load(PLACES)

    @classmethod
    def load(cls, path: Path) -> Places:
        if not path.is_file():
            return cls([])
        lines = path.read_text(encoding="utf-8").splitlines()
        return cls(list(csv.DictReader(ln for ln in lines if not ln.startswith("#"))))

    def is_province(self, name: str) -> bool:
        """A province's (or centrally run city's) name, before or after 2025, marks as printed or
        lost."""
        return keys(self.spelled(name, "tỉnh"))[0] in self._provinces

    def spelled(self, place: str, level_word: str) -> str:
        """`place` with the marks of the one unit of that level it can be ("Binh Gia" after
        "huyện" -> "Bình Gia"); as printed when it is already a unit's name, or could be several."""
        level = "tỉnh" if level_word == "tỉnh" else LEVEL_OF_WORD.get(level_word, "")
        if not level or not place:
            return place
        name = self._spelled.get((level, keys(place)[1]))
        if name is None and level_word == "thành phố":  # a city run by the centre is a province
            name = self._spelled.get(("tỉnh", keys(place)[1]))
        if name is None or keys(name)[0] == keys(place)[0]:
            return place
        return name
