"""Writes models/places.csv, the place names agency matching checks, from the `vietnam-provinces`
package (https://pypi.org/project/vietnam-provinces/), which follows the General Statistics
Office's list of administrative units.

The package is not a dependency of the pipeline: run this with a Python that has it, once per
period, in a venv of its own (the pipeline's .venv stays as the lock makes it):

    python3 -m venv /tmp/vp-before && /tmp/vp-before/bin/pip install vietnam-provinces==0.6.0
    /tmp/vp-before/bin/python scripts/build_places.py      # 63 provinces and their districts
    python3 -m venv /tmp/vp-after && /tmp/vp-after/bin/pip install vietnam-provinces==2025.10.1
    /tmp/vp-after/bin/python scripts/build_places.py       # 34 provinces and their communes

0.6.x holds the units before the 2025 reorganisation (provinces, districts, communes), 2025.x the
units from 1 July 2025 (provinces and communes, no districts). Each run replaces the rows of its
period and keeps the other's. Kept: provinces and districts before, provinces and communes
after (the levels whose names follow a body: "UBND huyện Bình Gia", "UBND xã Tân Văn" of 2025);
the 10,000 communes before 2025 are left out to keep the file small.

Columns: period (before|after), level (tỉnh|huyện|xã), name (without its type word), type
(tỉnh, thành phố, huyện, quận, thị xã, xã, phường, đặc khu), province. The file starts with one
"# period: package version (data date)" line per period.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "models" / "places.csv"
COLUMNS = ("period", "level", "name", "type", "province")
TYPES = ("Thành phố", "Tỉnh", "Quận", "Huyện", "Thị xã", "Thị trấn", "Phường", "Xã", "Đặc khu")


def split_type(full: str) -> tuple[str, str]:
    """ "Huyện Bình Gia" -> ("Bình Gia", "huyện"); "Cao Bằng" (a province) -> ("Cao Bằng", "")."""
    for t in TYPES:
        if full.startswith(t + " "):
            return full[len(t) + 1 :], t.lower()
    return full, ""


def rows_from_package() -> tuple[str, str, list[dict[str, str]]]:
    import vietnam_provinces as vp

    source = f"vietnam-provinces {vp.__version__} (data {vp.__data_version__})"
    nested = json.loads(Path(vp.NESTED_DIVISIONS_JSON_PATH).read_text(encoding="utf-8"))
    before = any("districts" in p for p in nested)
    period = "before" if before else "after"
    rows: list[dict[str, str]] = []
    for p in nested:
        province, ptype = split_type(p["name"])
        ptype = ptype or "tỉnh"
        rows.append(dict(period=period, level="tỉnh", name=province, type=ptype, province=province))
        if before:
            for d in p["districts"]:
                name, dtype = split_type(d["name"])
                rows.append(dict(period=period, level="huyện", name=name, type=dtype, province=province))
        else:
            for w in p["wards"]:
                name, wtype = split_type(w["name"])
                rows.append(dict(period=period, level="xã", name=name, type=wtype, province=province))
    return source, period, rows


def _order(r: dict[str, str]) -> tuple[bool, bool, str, str]:
    return r["period"] != "before", r["level"] != "tỉnh", r["province"], r["name"]


def main() -> int:
    source, period, rows = rows_from_package()
    kept: list[dict[str, str]] = []
    sources = {period: source}
    if OUT.exists():
        lines = OUT.read_text(encoding="utf-8").splitlines()
        for line in lines:
            if line.startswith("# ") and ": " in line:
                p, _, s = line[2:].partition(": ")
                sources.setdefault(p, s)
        table = csv.DictReader(ln for ln in lines if not ln.startswith("#"))
        kept = [r for r in table if r["period"] != period]
    with OUT.open("w", encoding="utf-8", newline="") as f:
        for p in ("before", "after"):
            if p in sources:
                f.write(f"# {p}: {sources[p]}\n")
        writer = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(sorted(kept + rows, key=_order))
    print(f"{OUT}: {len(rows)} {period} rows from {source}, {len(kept)} others kept")
    return 0


if __name__ == "__main__":
    sys.exit(main())
