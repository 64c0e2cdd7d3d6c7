"""One plan typeset so that its task table's page breaks fall everywhere: at every row boundary
and inside every row that takes more than one line.

The plan is typeset again and again with more blank space above its table and a taller or
shorter page (the bottom margin): each rendering moves the breaks by part of a line. The
renderings kept are the fewest that together put a break at each place; each comes with the
truth of its own layout.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from synth.spec import Layout, PageBreak, PlanSpec, Table, TableRow, keyed_blocks
from synth.truth import join_carried

# (row index in the table, "before" | "inside" | "hyphen"): a page break above that row, within
# it, or within it right after a word's hyphen
Place = tuple[int, str]
BOTTOMS_MM = (20.0, 45.0)  # page heights tried, each swept through by the space above


@dataclass(frozen=True)
class Subject:
    name: str
    spec: PlanSpec
    truth: Callable[[PlanSpec, Layout], dict]


@dataclass(frozen=True)
class Rendering:
    space: float  # points of blank space above the table
    bottom_mm: float
    places: frozenset[Place]  # where this rendering breaks the table


def unbroken(spec: PlanSpec) -> PlanSpec:
    """The plan without the page breaks a transcription forced into its tables: each row cut
    by one is glued back together, so the typesetter decides where pages break."""
    body = []
    for block in spec.body:
        if isinstance(block, Table):
            rows: list = []
            for row in block.rows:
                if isinstance(row, PageBreak):
                    continue
                if isinstance(row, TableRow) and row.continued and rows:
                    prev = rows[-1]
                    pairs = zip(prev.cells, row.cells, strict=True)
                    cells = [join_carried(a or "", b or "") for a, b in pairs]
                    rows[-1] = TableRow(cells, when=prev.when)
                else:
                    rows.append(row)
            block = replace(block, rows=rows)
        body.append(block)
    return replace(spec, body=body)


def table_key(spec: PlanSpec) -> int:
    return next(key for key, _, block in keyed_blocks(spec) if isinstance(block, Table))


def shifted(spec: PlanSpec, space: float, bottom_mm: float) -> PlanSpec:
    key = table_key(spec)
    body = [replace(b, space_before=space) if i == key else b for i, b in enumerate(spec.body)]
    return replace(spec, body=body, style=replace(spec.style, margin_bottom_mm=bottom_mm))


def places_of(layout: Layout, key: int) -> frozenset[Place]:
    """Where the typesetter broke the table: above a row that starts a page, inside a row cut."""
    rows = sorted((ri, pages) for (k, ri), pages in layout.rows.items() if k == key)
    out = {(ri, "inside") for k, ri, _ in layout.splits if k == key}
    out |= {(ri, "hyphen") for k, ri in layout.hyphen_cuts if k == key}
    for (_, before), (ri, pages) in zip(rows, rows[1:], strict=False):
        if min(pages) > max(before):
            out.add((ri, "before"))
    return frozenset(out)


def wanted(layout: Layout, key: int) -> set[Place]:
    """Every place a break can fall: above each row but the first, inside each row of two lines
    or more."""
    rows = sorted(ri for (k, ri) in layout.lines if k == key)
    out = {(ri, "before") for ri in rows[1:]}
    return out | {(ri, "inside") for ri in rows if layout.lines[(key, ri)] > 1}


def sweep(spec: PlanSpec, path: Path, typeset: Callable[[PlanSpec, Path], Layout],
          step: float) -> tuple[set[Place], list[Rendering]]:
    """Every place a break can fall in the table and the fewest renderings that break it at each
    (greedy cover); raises when some place is never reached."""
    key = table_key(spec)
    base = typeset(spec, path)
    want = wanted(base, key)
    seen: list[Rendering] = []
    for bottom in BOTTOMS_MM:
        space = 0.0
        while True:
            layout = typeset(shifted(spec, space, bottom), path)
            places = places_of(layout, key)
            kept = frozenset(p for p in places if p in want or p[1] == "hyphen")
            seen.append(Rendering(space, bottom, kept))
            if _first_page(layout, key) > _first_page(base, key) + 1:
                break  # pushed a whole page down: every break has been moved through a page
            space += step
    # a cut right after a compound's hyphen ("LĐ-" / "TB&XH") is wanted wherever one was seen
    want |= {p for r in seen for p in r.places if p[1] == "hyphen"}
    missing = want - set().union(*(r.places for r in seen))
    if missing:
        raise AssertionError(f"no rendering breaks the table at {sorted(missing)}")
    return want, cover(want, seen)


def _first_page(layout: Layout, key: int) -> int:
    return min(pages[0] for (k, _), pages in layout.rows.items() if k == key)


def cover(want: set[Place], seen: list[Rendering]) -> list[Rendering]:
    left, chosen = set(want), []
    while left:
        best = max(seen, key=lambda r: (len(r.places & left), -r.space))
        chosen.append(best)
        left -= best.places
    return sorted(chosen, key=lambda r: (r.bottom_mm, r.space))


def renderings(subject: Subject, spec: PlanSpec, chosen: list[Rendering], path: Path,
               typeset: Callable[[PlanSpec, Path], Layout]) -> Iterator[tuple[Rendering, dict]]:
    """Each chosen rendering written to path, with its truth."""
    for r in chosen:
        shown = shifted(spec, r.space, r.bottom_mm)
        yield r, subject.truth(shown, typeset(shown, path))
