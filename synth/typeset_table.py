"""Ruled tables of a plan: the header (one or two rows), period and group rows, rows split at a
page break, cells merged down several rows, and the partial rulings offices leave.

A row that does not fit is cut line by line: the lines that fit stay, the rest go on under the
repeated header (or without one), and the number cell, already printed, is not repeated.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from synth.spec import GroupRow, PageBreak, PeriodRow, Row, Table, TableRow
from synth.typeset import PAD, RULE_WIDTH, Flow, TLine, cell_lines, draw_line


def _grid(f: Flow, top: float, bottom: float, xs: list[float], top_line: bool) -> None:
    """Rules of one row: its bottom and its column edges (the row above drew its top)."""
    f.c.setLineWidth(RULE_WIDTH)
    if top_line:
        f.c.line(xs[0], top, xs[-1], top)
    f.c.line(xs[0], bottom, xs[-1], bottom)
    for x in xs:
        f.c.line(x, top, x, bottom)


def _hline(f: Flow, y: float, x0: float, x1: float) -> None:
    f.c.setLineWidth(RULE_WIDTH)
    f.c.line(x0, y, x1, y)


def _vlines(f: Flow, top: float, bottom: float, xs: list[float]) -> None:
    f.c.setLineWidth(RULE_WIDTH)
    for x in xs:
        f.c.line(x, top, x, bottom)


@dataclass
class Geometry:
    xs: list[float]  # column edges
    inner: list[float]  # text width of each column
    size: float
    lh: float


def _center_lines(f: Flow, g: Geometry, lines: list[TLine], x: float, width: float,
                  top: float, height: float) -> None:
    """Header text, centred both ways in its box."""
    y = top - PAD - (height - 2 * PAD - len(lines) * g.lh) / 2
    for ln in lines:
        draw_line(f.c, ln, x + PAD, f.baseline(y, g.size), width, "center")
        y -= g.lh


def header_drawer(f: Flow, t: Table, g: Geometry) -> tuple[float, Callable[[], None]]:
    """The header's height and a function drawing it at the cursor."""
    xs, inner, size, lh = g.xs, g.inner, g.size, g.lh
    head = [cell_lines(text, inner[i], size, bold=True) for i, text in enumerate(t.columns)]
    if not t.spans:
        head_h = max(len(h) for h in head) * lh + 2 * PAD

        def one_row() -> None:
            top = f.y
            for i, lines in enumerate(head):
                _center_lines(f, g, lines, xs[i], inner[i], top, head_h)
            _grid(f, top, top - head_h, xs, top_line=True)
            f.y -= head_h

        return head_h, one_row
    under = {c for _, a, b in t.spans for c in range(a, b + 1)}
    tops = [cell_lines(text, xs[b + 1] - xs[a] - 2 * PAD, size, bold=True) for text, a, b in t.spans]
    h1 = max(len(x) for x in tops) * lh + 2 * PAD
    h2 = max(len(head[c]) for c in under) * lh + 2 * PAD
    whole = max((len(head[c]) for c in range(len(head)) if c not in under), default=0) * lh + 2 * PAD
    h2 = max(h2, whole - h1)
    total = h1 + h2

    def two_rows() -> None:
        top = f.y
        for (_, a, b), lines in zip(t.spans, tops, strict=True):
            _center_lines(f, g, lines, xs[a], xs[b + 1] - xs[a] - 2 * PAD, top, h1)
            _hline(f, top - h1, xs[a], xs[b + 1])
        for c, lines in enumerate(head):
            if c in under:
                _center_lines(f, g, lines, xs[c], inner[c], top - h1, h2)
            else:
                _center_lines(f, g, lines, xs[c], inner[c], top, total)
        _hline(f, top, xs[0], xs[-1])
        _hline(f, top - total, xs[0], xs[-1])
        inside = {i for _, a, b in t.spans for i in range(a + 1, b + 1)}  # edges within a span
        for i, x in enumerate(xs):
            _vlines(f, top - h1 if i in inside else top, top - total, [x])
        f.y -= total

    return total, two_rows


def _next_row(rows: list[Row], ri: int) -> Row | None:
    for row in rows[ri + 1:]:
        if not isinstance(row, PageBreak):
            return row
    return None


def _merged_below(rows: list[Row], ri: int, n_cols: int) -> set[int]:
    """Columns whose cell goes on into the next row (a merged cell): no rule between them."""
    nxt = _next_row(rows, ri)
    if not isinstance(nxt, TableRow):
        return set()
    return {c for c in range(n_cols) if nxt.cells[c] is None}


def _ends_in_hyphen(line: TLine) -> bool:
    return bool(line.words) and line.words[-1][-1].text.endswith("-") and len(line.words[-1][-1].text) > 1


def draw_table(f: Flow, t: Table, index: int) -> None:
    size = f.st.table_size
    lh = size * f.st.leading
    xs = [f.left]
    for frac in t.widths:
        xs.append(xs[-1] + frac * f.width)
    inner = [xs[i + 1] - xs[i] - 2 * PAD for i in range(len(t.widths))]
    g = Geometry(xs, inner, size, lh)
    align = t.align or ["center", "justify"] + ["left"] * (len(t.widths) - 2)
    head_h, header = header_drawer(f, t, g)
    body_xs = [xs[0], xs[-1]] if t.ruling == "no_inner_vertical" else xs
    row_lines = t.ruling != "no_row_lines"
    open_bottom = False  # the last row drawn left (part of) its bottom rule out

    def close() -> None:
        nonlocal open_bottom
        if open_bottom:
            _hline(f, f.y, xs[0], xs[-1])  # a table broken by a page, or ended, is closed
        open_bottom = False

    def new_page() -> None:
        close()
        f.new_page()
        if t.repeat_header:
            header()
        else:
            _hline(f, f.y, xs[0], xs[-1])

    space = t.space_before  # blank space above (where a chart would stand): it may fill a page
    while space > f.room() > 0:
        space -= f.room()
        f.new_page()
    f.y -= space
    if f.room() < head_h + 2 * lh + 2 * PAD:
        f.new_page()
    header()
    for ri, row in enumerate(t.rows):
        if isinstance(row, PageBreak):
            new_page()
            continue
        if isinstance(row, PeriodRow | GroupRow):  # one merged cell across the table
            edges, aligns = [xs[0], xs[-1]], ["center" if isinstance(row, PeriodRow) else "left"]
            cells = [cell_lines(row.text, f.width - 2 * PAD, size, bold=True)]
            vx, skip = [xs[0], xs[-1]], set()
        else:
            edges, aligns = xs, align
            cells = [cell_lines(text or "", inner[i], size, hyphens=f.st.break_hyphens)
                     for i, text in enumerate(row.cells)]
            vx, skip = body_xs, _merged_below(t.rows, ri, len(inner))
        f.layout.lines[(index, ri)] = max(1, *(len(c) for c in cells))
        while True:
            n = max(1, *(len(c) for c in cells))
            k = n if f.room() >= n * lh + 2 * PAD else int((f.room() - 2 * PAD) // lh)
            if k < 1:  # not even one line fits: the row starts on the next page
                new_page()
                continue
            for i, lines in enumerate(cells):
                for j, ln in enumerate(lines[:k]):
                    y = f.baseline(f.y - PAD - j * lh, size)
                    width = edges[i + 1] - edges[i] - 2 * PAD
                    draw_line(f.c, ln, edges[i] + PAD, y, width, aligns[i])
            top, bottom = f.y, f.y - k * lh - 2 * PAD
            if t.ruling == "full" and not skip:
                _grid(f, top, bottom, edges, top_line=False)
                open_bottom = False
            else:
                _vlines(f, top, bottom, vx if len(edges) > 2 else edges)
                if row_lines:
                    for c in range(len(edges) - 1):
                        if len(edges) == 2 or c not in skip:
                            _hline(f, bottom, edges[c], edges[c + 1])
                open_bottom = bool(skip) or not row_lines
            f.y = bottom
            f.layout.mark(f.layout.rows, (index, ri), f.page)
            if k >= n:
                break
            f.layout.splits.append((index, ri, [i for i, c in enumerate(cells) if k < len(c)]))
            if any(k < len(c) and _ends_in_hyphen(c[k - 1]) for c in cells):
                f.layout.hyphen_cuts.append((index, ri))
            cells = [c[k:] for c in cells]
            new_page()
    close()
    f.y -= f.st.para_space
