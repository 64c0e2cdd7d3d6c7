"""Where each value was read, said the way the outputs say it (OUTPUTS.md, "Provenance").

The stages keep geometry: a task's cells and lines as (page, box), the lines a metadata field
came from. Here that geometry becomes `Source`s: per page one box and how its text was read (the
text layer, OCR, or a second reading of doubted words), or, for a Word file, the paragraph or
table cell the Word file holds it in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from pipeline.model import Box, Line, Page, PageSource, ReadBy, Source

# A box on a Word file's laid-out page, and the paragraph or table cell it shows.
Anchor = tuple[Box, Source]


@dataclass(slots=True)
class Locator:
    pages: dict[int, Page]
    anchors: list[Anchor] = field(default_factory=list)

    @classmethod
    def of(cls, pages: Iterable[Page], anchors: list[Anchor] | None = None) -> Locator:
        return cls({p.number: p for p in pages}, list(anchors or []))

    def sources(self, places: Iterable[tuple[int, Box]]) -> list[Source]:
        """One source per page (the union of its boxes), pages in the order first met; for a
        Word file one per paragraph or cell, in order."""
        by_page: dict[int, Box] = {}
        word: list[Source] = []
        for page, box in places:
            if self._is_word(page):
                word += [s for s in self._anchored(box) if s not in word]
            else:
                by_page[page] = by_page[page].union(box) if page in by_page else box
        return word + [self._on_page(page, box) for page, box in by_page.items()]

    def lines(self, lines: list[Line]) -> list[Source]:
        return self.sources((ln.page, ln.box) for ln in lines)

    def _is_word(self, page: int) -> bool:
        p = self.pages.get(page)
        return p is not None and p.source == PageSource.WORD

    def _anchored(self, box: Box) -> list[Source]:
        # The laid-out box is kept for the review page, which shows the Word file's lines; the
        # JSON gives only the paragraph or cell (a Word file has no fixed pages).
        hits = [(a, s) for a, s in self.anchors if _overlap(a, box) > 0]
        hits.sort(key=lambda hit: (hit[0].top, hit[0].x0))
        return [replace(s, box=_rounded(a)) for a, s in hits]

    def _on_page(self, number: int, box: Box) -> Source:
        page = self.pages.get(number)
        read_by = ReadBy.TEXT_LAYER
        if page is not None and page.source == PageSource.OCR:
            inside = (w for w in page.words if box.contains_point(w.box.cx, w.box.cy))
            read_by = ReadBy.SECOND_READING if any(w.reread for w in inside) else ReadBy.OCR
        return Source(read_by, number, _rounded(box))


def _overlap(a: Box, b: Box) -> float:
    w = min(a.x1, b.x1) - max(a.x0, b.x0)
    h = min(a.bottom, b.bottom) - max(a.top, b.top)
    return w * h if w > 0 and h > 0 else 0.0


def _rounded(box: Box) -> Box:
    # Hundredths of a point: finer than any renderer places a glyph, and short in the JSON.
    return Box(round(box.x0, 2), round(box.top, 2), round(box.x1, 2), round(box.bottom, 2))


def source_json(source: Source) -> dict[str, object]:
    """The JSON form: page, bbox and source for a PDF, paragraph or table/row/cell for Word."""
    out: dict[str, object] = {"source": source.read_by.value}
    if source.page is not None:
        out["page"] = source.page
    if source.box is not None and source.read_by is not ReadBy.WORD:
        b = source.box
        out["bbox"] = [b.x0, b.top, b.x1, b.bottom]
    if source.paragraph is not None:
        out["paragraph"] = source.paragraph
    if source.table is not None:
        out.update(table=source.table, row=source.row, cell=source.cell)
    return out
