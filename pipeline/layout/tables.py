"""Ruling lines -> grid -> cells (merged ones too) -> tables, and words placed in cells.

Named steps that keep their intermediates, as pdfplumber's table finder does: segments are
snapped and joined, grouped into connected grids, the grid's slots are merged wherever the rule
between them is missing (a cell spanning rows or columns), and words go to the cell that holds
their centre.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.model import Box, Cell, Page, Rule, Table, Word
from pipeline.sources.reading import region_lines
from pipeline.vietnamese.dates import parse_period

SNAP = 3.0  # points: rules closer than this are the same line (a scan's rule is ~1-2 pt thick)
JOIN_GAP = 6.0  # points: breaks in a printed rule that noise or JPEG left
COVER = 0.6  # a boundary exists where rules cover this share of it


@dataclass(frozen=True, slots=True)
class Segment:
    pos: float  # y of a horizontal rule, x of a vertical one
    start: float
    end: float


def split_rules(rules: list[Rule]) -> tuple[list[Segment], list[Segment]]:
    hs = [Segment((r.y0 + r.y1) / 2, min(r.x0, r.x1), max(r.x0, r.x1)) for r in rules if r.horizontal]
    vs = [Segment((r.x0 + r.x1) / 2, min(r.y0, r.y1), max(r.y0, r.y1)) for r in rules if not r.horizontal]
    return join_segments(hs), join_segments(vs)


def join_segments(segs: list[Segment]) -> list[Segment]:
    """Snap near-collinear segments to one position and join those that overlap or nearly touch."""
    out: list[Segment] = []
    for s in sorted(segs, key=lambda s: (s.pos, s.start)):
        for i, o in enumerate(out):
            if abs(o.pos - s.pos) <= SNAP and s.start <= o.end + JOIN_GAP and o.start <= s.end + JOIN_GAP:
                out[i] = Segment((o.pos + s.pos) / 2, min(o.start, s.start), max(o.end, s.end))
                break
        else:
            out.append(s)
    # One pass can leave two pieces that the joined one now bridges; repeat until stable.
    return out if len(out) == len(segs) else join_segments(out)


def _touches(h: Segment, v: Segment) -> bool:
    return h.start - SNAP * 2 <= v.pos <= h.end + SNAP * 2 and v.start - SNAP * 2 <= h.pos <= v.end + SNAP * 2


def connected_grids(hs: list[Segment], vs: list[Segment]) -> list[tuple[list[Segment], list[Segment]]]:
    """Groups of rules that cross each other: each is one table candidate."""
    parent = list(range(len(hs) + len(vs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, h in enumerate(hs):
        for j, v in enumerate(vs):
            if _touches(h, v):
                parent[find(i)] = find(len(hs) + j)
    groups: dict[int, tuple[list[Segment], list[Segment]]] = {}
    for i, h in enumerate(hs):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vs):
        groups.setdefault(find(len(hs) + j), ([], []))[1].append(v)
    return [g for g in groups.values() if len(g[0]) >= 2 and len(g[1]) >= 2]


def _positions(segs: list[Segment]) -> list[float]:
    """Distinct rule positions. A short piece just beside a long rule (a residue of skew, a bold
    stroke) is that rule, not a column of its own."""
    clusters: list[list[Segment]] = []
    for s in sorted(segs, key=lambda s: s.pos):
        if clusters and s.pos - clusters[-1][-1].pos <= SNAP * 2:
            clusters[-1].append(s)
        else:
            clusters.append([s])
    weight = [sum(s.end - s.start for s in c) for c in clusters]
    pos = [max(c, key=lambda s: s.end - s.start).pos for c in clusters]
    keep = []
    for i, p in enumerate(pos):
        near = [j for j in range(len(pos)) if j != i and abs(pos[j] - p) <= SNAP * 4]
        if any(weight[j] > 4 * weight[i] for j in near):
            continue
        keep.append(p)
    return keep


def _covered(segs: list[Segment], pos: float, lo: float, hi: float, share: float = COVER) -> bool:
    """Whether rules at `pos` cover the span lo..hi well enough to count as a boundary."""
    need = (hi - lo) * share
    got = 0.0
    for s in segs:
        if abs(s.pos - pos) <= SNAP * 2:
            got += max(0.0, min(hi, s.end) - max(lo, s.start))
    return got >= need


def grid_cells(hs: list[Segment], vs: list[Segment]) -> tuple[list[float], list[float], list[Cell]]:
    """The cells of one grid: slots between adjacent rule positions, merged where no rule parts them."""
    ys, xs = _positions(hs), _positions(vs)
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    parent = list(range(n_rows * n_cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(n_rows):
        for c in range(n_cols):
            here = r * n_cols + c
            if c + 1 < n_cols and not _covered(vs, xs[c + 1], ys[r], ys[r + 1]):
                parent[find(here)] = find(here + 1)
            if r + 1 < n_rows and not _covered(hs, ys[r + 1], xs[c], xs[c + 1]):
                parent[find(here)] = find(here + n_cols)
    slots: dict[int, list[tuple[int, int]]] = {}
    for r in range(n_rows):
        for c in range(n_cols):
            slots.setdefault(find(r * n_cols + c), []).append((r, c))
    cells = []
    for members in slots.values():
        r0, r1 = min(m[0] for m in members), max(m[0] for m in members)
        c0, c1 = min(m[1] for m in members), max(m[1] for m in members)
        box = Box(xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1])
        cells.append(Cell(r0, c0, box, r1 - r0 + 1, c1 - c0 + 1))
    cells.sort(key=lambda c: (c.row, c.col))
    return ys, xs, cells


def find_tables(page: Page, columns: list[float] | None = None) -> list[Table]:
    """Tables of a page. columns: the column edges of the table on the page before, for a table
    that goes on here without its inner rules or its header."""
    hs, vs = split_rules(page.rules)
    tables = []
    for ghs, gvs in connected_grids(hs, vs):
        gvs = gvs + _floating_columns(ghs, gvs, vs)
        gvs = _drop_stray_verticals(ghs, gvs)
        ghs, gvs = _complete_ruling(ghs, gvs, page.words, columns)
        ys, xs, cells = grid_cells(ghs, gvs)
        if len(ys) < 2 or len(xs) < 3:
            continue  # a box around a paragraph or a signature line is not a table
        box = Box(xs[0], ys[0], xs[-1], ys[-1])
        tables.append(Table(page.number, box, len(ys) - 1, len(xs) - 1, cells, xs))
    tables.sort(key=lambda t: t.box.top)
    return tables


def _floating_columns(hs: list[Segment], gvs: list[Segment], vs: list[Segment]) -> list[Segment]:
    """Pieces of the grid's column rules that touch none of its horizontal rules: in a table
    printed without rules between rows, a period row ("QUÝ III") spanning the columns cuts them,
    and the pieces between two such rows cross nothing. Inside the grid, on a column it has,
    they are that column."""
    ys, xs = _positions(hs), _positions(gvs)
    if len(ys) < 2 or len(xs) < 2:
        return []
    own = set(gvs)
    return [
        v
        for v in vs
        if v not in own
        and ys[0] - SNAP <= v.start
        and v.end <= ys[-1] + SNAP
        and any(abs(v.pos - x) <= SNAP * 2 for x in xs)
    ]


STRAY = 0.35  # an inner vertical rule covering less of the table's height is a stroke, not a column


def _drop_stray_verticals(hs: list[Segment], vs: list[Segment]) -> list[Segment]:
    """Column rules run down most of a table; a short vertical stroke inside it (a pen mark, what
    is left of a seal) would cut a column in two."""
    ys = _positions(hs)
    if len(ys) < 2:
        return vs
    height = ys[-1] - ys[0]
    xs = _positions(vs)
    if len(xs) < 3:
        return vs
    # A rule through the header is a column even when the body was printed without it.
    weak = {
        x
        for x in xs[1:-1]
        if not _covered(vs, x, ys[0], ys[-1], share=STRAY) and not _covered(vs, x, ys[0], ys[1])
    }
    return [v for v in vs if not any(abs(v.pos - x) <= SNAP * 2 for x in weak)] if height > 0 else vs


# --- tables printed with part of their ruling --------------------------------------------------

_ROW_START = re.compile(r"^(?:\d+(?:\.\d+)*\.?|[IVX]+\.?)$")


def _complete_ruling(
    hs: list[Segment], vs: list[Segment], words: list[Word], columns: list[float] | None = None
) -> tuple[list[Segment], list[Segment]]:
    """Rules a table was printed without, put back from its text: column boundaries from the
    gaps between the header's labels, row boundaries where a task number starts a line."""
    ys, xs = _positions(hs), _positions(vs)
    if len(ys) < 2 or len(xs) < 2:
        return hs, vs
    top, bottom, left, right = ys[0], ys[-1], xs[0], xs[-1]
    if len(xs) == 2:  # only the outer frame: no inner vertical rules
        same_frame = columns and abs(columns[0] - left) < 6 and abs(columns[-1] - right) < 6
        if same_frame:
            inner = columns[1:-1]  # the table goes on from the page before
        else:
            inner = _label_gaps([w for w in words if ys[0] < w.box.cy < ys[1] and left < w.box.cx < right])
        vs = vs + [Segment(x, top, bottom) for x in inner]
    else:  # inner rules drawn through the header only: the columns go on below it
        body = (ys[1], bottom)
        inside = [w for w in words if left < w.box.cx < right and ys[1] < w.box.cy < bottom]
        vs = vs + [
            Segment(x, top, bottom)
            for x in xs[1:-1]
            if not _covered(vs, x, *body, share=0.3) and _column_goes_on(inside, x)
        ]
    xs = _positions(vs)
    if len(xs) >= 3 and len(ys) <= 3:  # a header and one tall body: no rules between rows
        hs = hs + [Segment(y, left, right) for y in _row_starts(words, xs, ys[-2], bottom)]
    return hs, vs


def _column_goes_on(words: list[Word], x: float) -> bool:
    """A header's column edge goes on down a body printed without it unless the body's text
    runs across it, or all the body holds is a period or group row spanning the table ("QUÝ I",
    "I. CẢI CÁCH THỂ CHẾ": a line in capitals)."""
    if any(w.box.x0 < x - 1 and w.box.x1 > x + 1 for w in words):
        return False
    texts = [" ".join(w.text for w in line) for line in region_lines(words)]
    return not texts or any(t.upper() != t for t in texts)


def _row_starts(words: list[Word], xs: list[float], top: float, bottom: float) -> list[float]:
    """Where rows begin in a body printed without rules between them: at each task number in
    the first column, and around each period line ("QUÝ II") across the table."""
    inside = [w for w in words if xs[0] < w.box.cx < xs[-1] and top < w.box.cy < bottom]
    out = [w.box.top - 2 for w in inside if xs[0] < w.box.cx < xs[1] and _ROW_START.match(w.text.strip())]
    for line in region_lines(inside):
        if parse_period(" ".join(w.text for w in line), None):
            out += [min(w.box.top for w in line) - 2, max(w.box.bottom for w in line) + 2]
    return sorted(y for y in out if y - top > 4 and bottom - y > 4)


def _label_gaps(words: list[Word]) -> list[float]:
    """x positions between the header's labels: gaps much wider than the space between words."""
    if len(words) < 2:
        return []
    words = sorted(words, key=lambda w: w.box.x0)
    height = sorted(w.box.height for w in words)[len(words) // 2]
    out = []
    # Labels wrap over lines: only a gap that no word of the row bridges separates two columns.
    spans = sorted((w.box.x0, w.box.x1) for w in words)
    reach = spans[0][1]
    for x0, x1 in spans[1:]:
        if x0 - reach > 1.5 * height:
            out.append((reach + x0) / 2)
        reach = max(reach, x1)
    return out


def fill_cells(table: Table, words: list[Word]) -> list[Word]:
    """Put each word whose centre lies in a cell into it; return the words outside the table."""
    outside: list[Word] = []
    by_cell: dict[int, list[Word]] = {}
    for w in words:
        if not table.box.contains_point(w.box.cx, w.box.cy, pad=1.0):
            outside.append(w)
            continue
        for i, cell in enumerate(table.cells):
            if cell.box.contains_point(w.box.cx, w.box.cy, pad=0.5):
                by_cell.setdefault(i, []).append(w)
                break
    for i, cell_words in by_cell.items():
        cell = table.cells[i]
        lines = region_lines(cell_words)
        cell.lines = [" ".join(x.text for x in line) for line in lines]
        cell.line_tops = [min(x.box.top for x in line) for line in lines]
        cell.conf = sum(w.conf for w in cell_words) / len(cell_words)
    return outside
