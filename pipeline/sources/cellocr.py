"""A second look at table cells that page-level OCR left empty or misread.

Tesseract's page layout analysis drops small isolated words: the "1", "12" or "TT" alone in a
narrow number column is often taken for noise (on the reference scan it lost 9 of 23 task
numbers). Those cells are cut out, stacked into one strip and read in a single extra call, so
the cost is one small image per page, not one call per cell.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import cv2
import numpy as np

from pipeline.model import Box, Page, Table, Word
from pipeline.sources.imaging import estimate_skew, ink_mask, rotate_small
from pipeline.sources.ocr import OcrEngine

NARROW = 60.0  # points: a column this narrow holds numbers or short labels
LOW_CONF = 65.0
SHORT_LABEL = 16  # characters: "QUÝ III", "6 THÁNG ĐẦU NĂM"
MIN_REREAD_CONF = 40.0  # below, a re-read crop held a speck or a stamp, not words
_NUMBER_LIKE = re.compile(r"^(?:\d+(?:\.\d+)*\.?|[IVX]+\.?|[a-zđ][.)]?|TT|STT)$")
_YEAR = re.compile(r"^(19|20)\d\d$")  # a narrow time column of years is not numbered
_GAP = 24  # pixels of white between stacked crops
_MIN_INK = 20  # dark pixels: fewer is a speck, not a word


TableFinder = Callable[[Page], list[Table]]  # a page's ruled tables


@dataclass(frozen=True, slots=True)
class _Crop:
    box: Box  # in page pixels
    top: int  # where it sits in the strip


def reread_cells(
    page: Page, image: np.ndarray, k: float, engine: OcrEngine, find_tables: TableFinder,
    mask: np.ndarray | None = None,
) -> Page:
    """Add the words of empty or suspicious cells, read again from `image` (k: points per pixel;
    find_tables: the layout's table finder; mask: ink_mask(image) when the caller has it)."""
    candidates: list[Box] = []
    numbers: list[Box] = []  # cells of a number column: read apart, as numbers
    drop: set[int] = set()
    tables = find_tables(page)
    # One mask for the page: cells are only windows on it (a mask per cell cost more than the
    # extra OCR it decides on).
    mask = ink_mask(image) if mask is None else mask
    for table in tables:
        held = {
            id(cell): [i for i, w in enumerate(page.words) if cell.box.contains_point(w.box.cx, w.box.cy)]
            for cell in table.cells
        }
        numeric = _number_columns(table, {key: _text(page, ix) for key, ix in held.items()})
        for cell in table.cells:
            inside = held[id(cell)]
            number_cell = cell.col_span == 1 and cell.col in numeric
            text = _text(page, inside)
            doubtful = min((page.words[i].conf for i in inside), default=100.0) < LOW_CONF
            # Short labels decide a lot (a task number, "QUÝ II"): read again when in doubt.
            suspicious = bool(inside) and (
                (number_cell and not _NUMBER_LIKE.match(text)) or (doubtful and len(text) <= SHORT_LABEL)
            )
            ink = _ink_box(mask, cell.box, k)
            if ink is None:
                continue
            if not inside or suspicious:
                (numbers if number_cell else candidates).append(ink)
                drop.update(inside if suspicious else [])
            else:
                covered = [_pixels(page.words[i].box, k, inset=0.0) for i in inside]
                candidates += _lost_lines(mask, ink, covered)
    candidates += _lost_text_lines(page, mask, k, [t.box for t in tables])
    words = [w for i, w in enumerate(page.words) if i not in drop]
    added: list[Word] = []
    # Alone, a "5" reads as ")": the number column is read as what it can only hold.
    for boxes, charset in ((numbers, NUMBER_CHARS), (candidates, None)):
        if boxes:
            added += _read_strip(image, boxes, engine, page.dpi, k, charset, words + added)
    page.words = words + added
    return page


def _text(page: Page, inside: list[int]) -> str:
    return " ".join(page.words[i].text for i in inside)


def _number_columns(table: Table, texts: dict[int, str]) -> set[int]:
    """Narrow columns that hold numbers: the first one (TT, STT) and any whose cells read mostly
    as item numbers ("Theo NQ 01": 37, 38), not years. A narrow column of names ("Bộ Tư pháp", "Chính phủ") is
    read as words: read as numbers, its text would be lost."""
    out: set[int] = set()
    for c in range(table.n_cols):
        cells = [x for x in table.cells if x.col == c and x.col_span == 1]
        if not cells or max(x.box.width for x in cells) > NARROW:
            continue
        read = [texts[id(x)] for x in cells if texts[id(x)]]
        if c == 0 or sum(bool(_NUMBER_LIKE.match(t) and not _YEAR.match(t)) for t in read) > len(read) / 2:
            out.add(c)
    return out


NUMBER_CHARS = "0123456789.IVXabcdđeghiklmnTS)"  # task numbers, roman groups, a) b), "TT", "STT"


def _read_strip(
    image: np.ndarray, boxes: list[Box], engine: OcrEngine, dpi: int, k: float, charset: str | None,
    known: list[Word],
) -> list[Word]:
    """The crops stacked into one image, read in one call, the words put back where they were."""
    strip, crops = _stack(image, boxes, numbers=charset is not None)
    found = engine.read(strip, dpi, psm=6, keep_small=True, charset=charset)
    added: list[Word] = []
    for w in _placed(found, crops, k):
        # A piece of a word already read (the stem of its last letter) must not come back twice.
        if w.conf >= MIN_REREAD_CONF and not any(_shared(w.box, o.box) > 0.3 for o in known + added):
            added.append(w)
    return added


def _placed(found: list[Word], crops: list[_Crop], k: float) -> list[Word]:
    """Words read from a strip of stacked crops, put back where their crop was on the page
    (points)."""
    out = []
    for w in found:
        crop = _crop_of(w, crops)
        if crop is None:
            continue
        dx, dy = crop.box.x0 - _GAP, crop.box.top - crop.top
        b = w.box
        box = Box((b.x0 + dx) * k, (b.top + dy) * k, (b.x1 + dx) * k, (b.bottom + dy) * k)
        out.append(Word(w.text, box, w.conf, None, w.size, reread=True))
    return out


def _lost_text_lines(page: Page, mask: np.ndarray, k: float, tables: list[Box]) -> list[Box]:
    """Lines of running text (outside tables) that page-level OCR dropped: on a curled sheet the
    lines tilt differently across the page and Tesseract loses some. Ink in the margins (notes
    written by hand) is left alone: only the text column counts."""
    words = [w for w in page.words if not any(t.contains_point(w.box.cx, w.box.cy) for t in tables)]
    if len(words) < 10:
        return []
    lefts = sorted(w.box.x0 for w in words)
    rights = sorted(w.box.x1 for w in words)
    column = Box(
        lefts[len(lefts) // 20],
        min(w.box.top for w in words),
        rights[len(rights) * 19 // 20],
        max(w.box.bottom for w in words),
    )
    region = _pixels(column, k, inset=0.0)
    covered = [_pixels(w.box, k, inset=0.0) for w in words] + [_pixels(t, k, inset=-3.0) for t in tables]
    # Only what is as long as a few words: a lost line, not a letter its word's box left out.
    return _lost_lines(mask, region, covered, min_words=4.0)


def _shared(a: Box, b: Box) -> float:
    """Share of box a's area that lies inside box b."""
    w = min(a.x1, b.x1) - max(a.x0, b.x0)
    h = min(a.bottom, b.bottom) - max(a.top, b.top)
    return max(0.0, w) * max(0.0, h) / max(1e-6, a.width * a.height)


def _pixels(box: Box, k: float, inset: float = 2.0) -> Box:
    """A box in points as pixels, inset so that what is left of erased rules stays out."""
    return Box((box.x0 + inset) / k, (box.top + inset) / k, (box.x1 - inset) / k, (box.bottom - inset) / k)


def _ink_box(page_mask: np.ndarray, box: Box, k: float) -> Box | None:
    """The part of a cell (pixels) that holds ink, with a small margin; None for a blank cell."""
    b = _pixels(box, k)
    x0, y0 = max(0, int(b.x0)), max(0, int(b.top))
    mask = page_mask[y0 : int(b.bottom), x0 : int(b.x1)]
    if mask.size == 0 or int(np.count_nonzero(mask)) < _MIN_INK:
        return None
    ys, xs = np.nonzero(mask)
    m = 8
    return Box(
        max(x0, x0 + int(xs.min()) - m),
        max(y0, y0 + int(ys.min()) - m),
        min(int(b.x1), x0 + int(xs.max()) + m),
        min(int(b.bottom), y0 + int(ys.max()) + m),
    )


_MIN_LINE = 10  # pixels: shorter bands of ink are marks or specks, not a line of text


def _lost_lines(page_mask: np.ndarray, ink: Box, words: list[Box], min_words: float = 0.0) -> list[Box]:
    """Ink in a cell that no OCR word covers: page-level OCR drops a line or a few words now and
    then (a justified line with wide gaps, a line that tilts on a curled sheet); none may be lost."""
    x0, y0 = int(ink.x0), int(ink.top)
    mask = page_mask[y0 : int(ink.bottom), x0 : int(ink.x1)].copy()
    for w in words:
        # A word's box leaves out its tone marks and descenders, and bold strokes at its ends.
        pad = w.height / 3
        mask[
            max(0, int(w.top - y0 - pad)) : max(0, int(w.bottom - y0 + pad)),
            max(0, int(w.x0 - x0 - pad / 2)) : max(0, int(w.x1 - x0 + pad / 2)),
        ] = 0
    if np.count_nonzero(mask) < 3 * _MIN_INK:
        return []  # the words read cover the cell's ink: nothing to look for (most cells)
    line_height = sorted(w.height for w in words)[len(words) // 2] if words else _MIN_LINE
    # Letters of one word (and words of one line) merge into one blob.
    blobs = cv2.dilate(mask, cv2.getStructuringElement(cv2.MORPH_RECT, (25, 5)))
    n, _, stats, _ = cv2.connectedComponentsWithStats(blobs, connectivity=8)
    lost: list[Box] = []
    for x, y, w, h, _area in stats[1:n]:
        # A lost word is about as tall as the words read; slivers left beside them are not.
        too_small = h < max(_MIN_LINE, 0.6 * line_height) or w < max(20, min_words * line_height)
        if too_small or np.count_nonzero(mask[y : y + h, x : x + w]) < 3 * _MIN_INK:
            continue
        lost.append(
            Box(
                max(ink.x0, x0 + x - 4),
                max(ink.top, y0 + y - 4),
                min(ink.x1, x0 + x + w + 4),
                min(ink.bottom, y0 + y + h + 4),
            )
        )
    return lost


def _stack(
    image: np.ndarray, boxes: list[Box], numbers: bool = False, straighten: bool = True,
    binarise: bool = True,
) -> tuple[np.ndarray, list[_Crop]]:
    width = int(max(b.width for b in boxes)) + 2 * _GAP
    height = int(sum(b.height for b in boxes)) + _GAP * (len(boxes) + 1)
    strip = np.full((height, width), 255, dtype=np.uint8)
    crops = []
    y = _GAP
    for b in boxes:
        part = image[int(b.top) : int(b.bottom), int(b.x0) : int(b.x1)]
        # Binarised, so the grey of the paper does not frame each crop with an edge.
        if binarise:
            _, part = cv2.threshold(part, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
        if numbers:
            part = _without_edge_specks(part)
        if straighten and part.shape[1] > 4 * part.shape[0]:
            # A long line from a curled sheet keeps its own tilt: straighten it alone.
            part = rotate_small(part, estimate_skew(ink_mask(part)))
        strip[y : y + part.shape[0], _GAP : _GAP + part.shape[1]] = part
        crops.append(_Crop(b, y))
        y += part.shape[0] + _GAP
    return strip, crops


def _without_edge_specks(part: np.ndarray) -> np.ndarray:
    """A number's crop without the specks before or after it: a dot of noise beside "13" made
    Tesseract give the number no confidence at all. A point between digits ("1.2") stays."""
    n, _, stats, _ = cv2.connectedComponentsWithStats(255 - part, connectivity=8)
    if n <= 2:
        return part
    tall = max(stats[1:n, cv2.CC_STAT_HEIGHT])
    digits = [i for i in range(1, n) if stats[i, cv2.CC_STAT_HEIGHT] >= 0.5 * tall]
    left = min(stats[i, cv2.CC_STAT_LEFT] for i in digits)
    right = max(stats[i, cv2.CC_STAT_LEFT] + stats[i, cv2.CC_STAT_WIDTH] for i in digits)
    out = part.copy()
    for i in range(1, n):
        x, y, w, h = stats[i, :4]
        if h < 0.5 * tall and (x + w <= left or x >= right):
            out[y : y + h, x : x + w] = 255
    return out


def _crop_of(w: Word, crops: list[_Crop]) -> _Crop | None:
    for c in crops:
        if c.top <= w.box.cy <= c.top + c.box.height:
            return c
    return None


DOUBT_CONF = 50.0  # a word read below this is read again, with its whole line
BETTER_BY = 15.0  # a second reading replaces the first only when this much more confident
SAME_WORD = 0.5  # share of a word's box that a second-reading word must cover to be its reading


def reread_doubtful_lines(page: Page, image: np.ndarray, k: float, engine: OcrEngine) -> Page:
    """Lines holding a word that Tesseract doubts, read again alone (one strip for the page).

    Read in the page's context a marginal glyph may go either way ("VF" or "VT" for the same
    print under two OpenCV releases); read as a line of its own it usually does not. For each
    doubted word the reading with the higher confidence is kept, and where the two readings
    differ the word keeps the lower confidence, so that what it feeds is flagged for review;
    where they agree, the higher."""
    lines: dict[tuple[int, ...], list[int]] = {}
    for i, w in enumerate(page.words):
        if w.line_key is not None:
            lines.setdefault(w.line_key, []).append(i)
    doubted = [ix for ix in lines.values() if any(page.words[i].conf < DOUBT_CONF for i in ix)]
    if not doubted:
        return page
    h, w = image.shape[:2]
    boxes = []
    for ix in doubted:
        b = _pixels(Box.enclosing([page.words[i].box for i in ix]), k, inset=0.0)
        # Wide at the ends, tight above and below: the next line's tone marks must stay out.
        pad = b.height * 0.15
        box = Box(b.x0 - 3 * pad, b.top - pad, b.x1 + 3 * pad, b.bottom + pad)
        boxes.append(Box(max(0, box.x0), max(0, box.top), min(w, box.x1), min(h, box.bottom)))
    # Lines of a page already deskewed, as grey as it was: the threshold of the first reading
    # is what made the glyph marginal.
    strip, crops = _stack(image, boxes, straighten=False, binarise=False)
    second = _placed(engine.read(strip, page.dpi, psm=6), crops, k)
    words = list(page.words)
    for ix in doubted:
        for i in ix:
            first = words[i]
            if first.conf >= DOUBT_CONF:
                continue
            match = max(second, key=lambda s, f=first: _shared(f.box, s.box), default=None)
            if match is None or _shared(first.box, match.box) < SAME_WORD:
                continue
            if match.text == first.text:  # two readings agree: that is evidence too
                conf = max(first.conf, match.conf)
                words[i] = Word(first.text, first.box, conf, first.line_key, first.size)
                continue
            text = match.text if match.conf >= first.conf + BETTER_BY else first.text
            words[i] = Word(text, first.box, min(first.conf, match.conf), first.line_key, first.size,
                            reread=text != first.text)
    page.words = words
    return page
