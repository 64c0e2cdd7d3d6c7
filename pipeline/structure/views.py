"""Per-page records of what the pipeline saw, for the review page (no second extraction)."""

from __future__ import annotations

from pipeline.model import Box, Page, PageSource, PageView, Table
from pipeline.structure.tasktable import TableReading


def page_views(pages: list[Page], tables: list[Table], readings: list[TableReading]) -> list[PageView]:
    views = []
    for page in pages:
        view = PageView(
            number=page.number,
            width=page.width,
            height=page.height,
            source=page.source.value,
            verdict=page.text_layer_verdict,
            ocr_failed=page.ocr_failed,
            image=page.thumbnail,
            words=[(w.box, round(w.conf, 1)) for w in page.words],
            rotation=page.rotation,
            skew=round(page.skew, 2),
        )
        for t in tables:
            if t.page == page.number:
                view.tables.append(t.box)
                view.cells += [c.box for c in t.cells]
        if page.source == PageSource.WORD:
            view.texts = _word_texts(page, [t for t in tables if t.page == page.number])
        for r in readings:
            view.header_cells += [b for p, b in r.header_boxes if p == page.number]
            view.group_rows += [b for p, b in r.group_boxes if p == page.number]
        views.append(view)
    return views


def _word_texts(page: Page, tables: list[Table]) -> list[tuple[Box, str]]:
    """What a Word file says, where its laid-out page has it: the review shows these paragraphs
    (and cell texts) in place of a page image, the extracted fields over them."""
    out = [(line.box, line.text) for line in page.lines]
    for table in tables:
        for cell in table.cells:
            step = cell.box.height / max(1, len(cell.lines))
            for i, text in enumerate(cell.lines):
                top = cell.line_tops[i] if i < len(cell.line_tops) else cell.box.top + i * step
                box = Box(cell.box.x0 + 3, top + 2, cell.box.x1 - 3, min(cell.box.bottom, top + 2 + 11))
                out.append((box, text))
    return out
