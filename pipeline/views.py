"""Per-page records of what the pipeline saw, for the review page (no second extraction)."""

from __future__ import annotations

from .model import Page, PageView, Table
from .tasktable import TableReading


def page_views(pages: list[Page], tables: list[Table], readings: list[TableReading]) -> list[PageView]:
    views = []
    for page in pages:
        view = PageView(
            number=page.number,
            width=page.width,
            height=page.height,
            source=page.source.value,
            verdict=page.text_layer_verdict,
            image=page.thumbnail,
            words=[(w.box, round(w.conf, 1)) for w in page.words],
            rotation=page.rotation,
            skew=round(page.skew, 2),
        )
        for t in tables:
            if t.page == page.number:
                view.tables.append(t.box)
                view.cells += [c.box for c in t.cells]
        for r in readings:
            view.header_cells += [b for p, b in r.header_boxes if p == page.number]
            view.group_rows += [b for p, b in r.group_boxes if p == page.number]
        views.append(view)
    return views
