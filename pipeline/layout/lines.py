"""A page's text outside its tables: lines split at column gaps, then paragraphs in reading order."""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from pipeline.model import Line, Page, Word
from pipeline.sources.reading import text_lines
from pipeline.vietnamese.text import BULLET

GAP_FACTOR = 2.2  # a gap wider than this many line heights separates two columns of one row

_ITEM_START = re.compile(
    rf"^(?:[IVXLC]+\.\s|\d+(?:\.\d+)*\.?\s|[a-zđ]\)\s|Căn cứ\b|{BULLET}\s|Nơi nhận)", re.UNICODE
)
_PAGE_NUMBER = re.compile(r"^[-–]?\s*\d{1,3}\s*[-–]?$")


@dataclass(slots=True)
class Paragraph:
    lines: list[Line]
    text: str = ""
    pages: list[int] = field(default_factory=list)

    @property
    def conf(self) -> float:
        words = [w for ln in self.lines for w in ln.words]
        return sum(w.conf for w in words) / len(words) if words else 100.0


def page_lines(page: Page, words: list[Word]) -> list[Line]:
    """Lines of the given words (those outside tables), split where a column gap parts them."""
    words = _drop_superscripts(words)
    out: list[Line] = []
    for row in text_lines(words):
        height = statistics.median(w.box.height for w in row)
        piece = [row[0]]
        for w in row[1:]:
            if w.box.x0 - piece[-1].box.x1 > GAP_FACTOR * height:
                out.append(Line(piece, page.number))
                piece = []
            piece.append(w)
        out.append(Line(piece, page.number))
    return [ln for ln in out if not _is_page_number(ln, page)]


def _drop_superscripts(words: list[Word]) -> list[Word]:
    """Footnote markers printed small and raised (text layers give their size; OCR does not)."""
    sizes = [w.size for w in words if w.size]
    if not sizes:
        return words
    body = statistics.median(sizes)
    return [w for w in words if not (w.size and w.size < 0.75 * body and w.text.isdigit())]


def _is_page_number(line: Line, page: Page) -> bool:
    box = line.box
    in_margin = box.bottom < page.height * 0.08 or box.top > page.height * 0.93
    return in_margin and bool(_PAGE_NUMBER.match(line.text))


@dataclass(frozen=True, slots=True)
class Margins:
    left: float
    right: float

    @property
    def width(self) -> float:
        return self.right - self.left


def margins(lines: list[Line]) -> Margins:
    if not lines:
        return Margins(0.0, 1.0)
    lefts = sorted(ln.box.x0 for ln in lines)
    rights = sorted(ln.box.x1 for ln in lines)
    # The most common extremes, not the absolute ones: a stray mark must not move the margin.
    return Margins(lefts[len(lefts) // 10], rights[len(rights) * 9 // 10])


def paragraphs(lines: list[Line], page_margins: dict[int, Margins]) -> list[Paragraph]:
    """Join full-width lines into paragraphs; a short line, an indent, an item mark or a gap ends one."""
    out: list[Paragraph] = []
    prev: Line | None = None
    for line in lines:
        m = page_margins[line.page]
        if prev is None or _starts_paragraph(prev, line, page_margins[prev.page], m):
            out.append(Paragraph([line]))
        else:
            out[-1].lines.append(line)
        prev = line
    for p in out:
        p.text = join_lines([ln.text for ln in p.lines])
        p.pages = sorted({ln.page for ln in p.lines})
    return out


def _starts_paragraph(prev: Line, line: Line, pm: Margins, m: Margins) -> bool:
    if _ITEM_START.match(line.text):
        return True
    if prev.box.x1 < pm.right - 0.1 * pm.width:
        return True  # the line before stopped short: it ended its paragraph
    if line.box.x0 > m.left + 0.03 * m.width:
        return True  # first-line indent
    if prev.page == line.page:
        height = max(prev.box.height, line.box.height)
        return line.box.top - prev.box.bottom > 1.2 * height
    return False


def join_lines(lines: list[str]) -> str:
    """Wrapped lines as one text: a space between them, except after a hyphen that split a word."""
    text = ""
    for ln in lines:
        ln = ln.strip()
        if not ln:
            continue
        if text.endswith("-") and not text.endswith(" -") and ln[:1].islower():
            text = text[:-1] + ln
        else:
            text = f"{text} {ln}" if text else ln
    return re.sub(r"\s+", " ", text)


