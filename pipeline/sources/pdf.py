"""A PDF page's text layer and ruling lines, read with pdfium, or with pdfplumber where pdfium
cannot give a page's text.

pdfplumber (pdfminer) parses content streams in Python: 0.2-0.5 s a page of a plan here, slower
than the whole rest of the pipeline. pdfium reads the same characters with their boxes in C,
about 20 ms a page, so it is the reader of the text path; pdfminer's own parser is the second
reader of a page whose text pdfium's raises on, before the page is sent to OCR.
"""

from __future__ import annotations

import ctypes
import re
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from pipeline.model import Box, Rule, Word
from pipeline.vietnamese.text import nfc

MIN_RULE = 8.0  # points: shorter strokes are glyph parts, bullets or underlines of a letter
THIN = 2.5  # points: a rule is at most this thick (a thin filled rectangle drawn as a line)


def read_text_layer(doc: pdfium.PdfDocument, index: int) -> tuple[list[Word], list[Rule], float, float]:
    """(words, rules, share of the page under its largest image, share of words on that image)
    of page `index`, with the numbers a digital signing stamps into the page's blanks."""
    page = doc[index]
    width, height = page.get_size()
    words = _words(page, height)
    words += _filled_blanks(doc, index, words, height)
    rules: list[Rule] = []
    image: Box | None = None
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_IMAGE]):
        left, bottom, right, top = obj.get_bounds()
        box = Box(left, height - top, right, height - bottom)
        if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            if image is None or box.width * box.height > image.width * image.height:
                image = box
        else:
            rules += _rules_of(box, _stroked(obj))
    cover, on_image = 0.0, 0.0
    if image is not None:
        cover = min(1.0, max(0.0, image.width * image.height) / (width * height or 1.0))
        if words:
            on_image = sum(image.contains_point(w.box.cx, w.box.cy) for w in words) / len(words)
    return words, rules, cover, on_image


_FILLED = re.compile(r"\d{1,6}\.?")  # a number or a day or month: "12094", "15", "09."


def _filled_blanks(doc: pdfium.PdfDocument, index: int, printed: list[Word], height: float) -> list[Word]:
    """The number and the day a signing tool stamps into "Số:      /BNV-CCHC" and "ngày   tháng"
    as signature widgets: their text is only in the widgets' appearance, not in the page's
    content, so the page is read again with its widgets flattened into it (in a copy). A widget's
    number counts where it stands on a printed line; the signer's stamp ("Ký bởi: …, Thời gian
    ký: …") is no part of the text."""
    page = doc[index]
    areas = _widget_areas(page, height)
    if not areas:
        return []
    copy = pdfium.PdfDocument.new()
    try:
        copy.import_pages(doc, [index])
        flat = copy[0]
        if pdfium_c.FPDFPage_Flatten(flat.raw, pdfium_c.FLAT_NORMALDISPLAY) != pdfium_c.FLATTEN_SUCCESS:
            return []
        flat.close()  # the flattened content is read only by a page loaded again
        stamped = _words(copy[0], height)
    finally:
        copy.close()
    filled = []
    for word in stamped:
        if _FILLED.fullmatch(word.text) and any(a.contains_point(word.box.cx, word.box.cy) for a in areas):
            blank = _blank_filled(word, printed)
            if blank is not None:
                filled.append(blank)
    return filled


def _widget_areas(page: pdfium.PdfPage, height: float) -> list[Box]:
    areas = []
    for k in range(pdfium_c.FPDFPage_GetAnnotCount(page.raw)):
        annot = pdfium_c.FPDFPage_GetAnnot(page.raw, k)
        try:
            rect = pdfium_c.FS_RECTF()
            if pdfium_c.FPDFAnnot_GetSubtype(
                annot
            ) == pdfium_c.FPDF_ANNOT_WIDGET and pdfium_c.FPDFAnnot_GetRect(annot, rect):
                bottom, top = sorted((rect.bottom, rect.top))
                areas.append(
                    Box(min(rect.left, rect.right), height - top, max(rect.left, rect.right), height - bottom)
                )
        finally:
            pdfium_c.FPDFPage_CloseAnnot(annot)
    return areas


def _blank_filled(word: Word, printed: list[Word]) -> Word | None:
    """The stamped word set level with the printed line whose blank it fills (stamps sit a little
    above or below the line), or None when it fills no blank: it overlaps printed text, or no
    printed word stands level with it."""
    box = word.box
    touch = 0.3 * word.size  # a stamp set tight against the slash may touch it
    if any(
        p.box.x0 + touch < box.x1
        and box.x0 + touch < p.box.x1
        and p.box.top < box.bottom
        and box.top < p.box.bottom
        for p in printed
    ):
        return None
    level = [p for p in printed if abs(p.box.cy - box.cy) < p.box.height]
    if not level:
        return None
    beside = min(level, key=lambda p: min(abs(p.box.x1 - box.x0), abs(box.x1 - p.box.x0)))
    return Word(word.text, Box(box.x0, beside.box.top, box.x1, beside.box.bottom), size=word.size)


def _stroked(obj: pdfium.PdfObject) -> bool:
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    ok = pdfium_c.FPDFPath_GetDrawMode(obj.raw, ctypes.byref(fill), ctypes.byref(stroke))
    return bool(ok and stroke.value)


def _rules_of(box: Box, stroked: bool) -> list[Rule]:
    """A path's box as rules: a thin one is a line (or a thin filled bar, as word processors draw
    table borders); a larger stroked one is a frame, its four edges."""
    if box.height <= THIN and box.width >= MIN_RULE:
        return [Rule(box.x0, box.cy, box.x1, box.cy)]
    if box.width <= THIN and box.height >= MIN_RULE:
        return [Rule(box.cx, box.top, box.cx, box.bottom)]
    if stroked and box.width >= MIN_RULE and box.height >= MIN_RULE:
        return [
            Rule(box.x0, box.top, box.x1, box.top),
            Rule(box.x0, box.bottom, box.x1, box.bottom),
            Rule(box.x0, box.top, box.x0, box.bottom),
            Rule(box.x1, box.top, box.x1, box.bottom),
        ]
    return []


def _words(page: pdfium.PdfPage, height: float) -> list[Word]:
    """Characters joined into words at spaces and line ends, each with its box and font size."""
    textpage = page.get_textpage()
    try:
        words: list[Word] = []
        chars: list[str] = []
        box: list[float] | None = None
        size = 0.0
        for i in range(textpage.count_chars()):
            char = textpage.get_text_range(i, 1)
            if not char or char.isspace() or char in "\ufffe\u0002":
                if chars and box:
                    words.append(_word(chars, box, size, height))
                chars, box = [], None
                continue
            left, bottom, right, top = textpage.get_charbox(i)
            char_size = pdfium_c.FPDFText_GetFontSize(textpage.raw, i)
            if chars and box and (left - box[2] > 0.6 * char_size or char_size != size):
                # A gap the size of a space, or a change of size (a raised footnote marker).
                words.append(_word(chars, box, size, height))
                chars, box = [], None
            if box is None:
                box, size = [left, bottom, right, top], char_size
            else:
                box = [min(box[0], left), min(box[1], bottom), max(box[2], right), max(box[3], top)]
            chars.append(char)
        if chars and box:
            words.append(_word(chars, box, size, height))
        return words
    finally:
        textpage.close()


def _word(chars: list[str], box: list[float], size: float, height: float) -> Word:
    text = nfc("".join(chars))
    return Word(text, Box(box[0], height - box[3], box[2], height - box[1]), size=size)


def read_text_layer_pdfminer(path: Path, index: int) -> tuple[list[Word], list[Rule], float, float]:
    """What `read_text_layer` gives, read by pdfplumber (pdfminer's parser) from page `index`."""
    import pdfplumber  # loaded only when a page needs it

    with pdfplumber.open(path, pages=[index + 1]) as pdf:
        page = pdf.pages[0]
        x_off, y_off = float(page.bbox[0]), float(page.bbox[1])
        width, height = float(page.width), float(page.height)

        def box_of(obj: dict) -> Box:
            return Box(obj["x0"] - x_off, obj["top"] - y_off, obj["x1"] - x_off, obj["bottom"] - y_off)

        # Split at a change of size, as pdfium's words are (a raised footnote marker).
        words = [
            Word(nfc(w["text"]), box_of(w), size=round(float(w.get("size") or 0.0), 2))
            for w in page.extract_words(extra_attrs=["size"])
        ]
        rules: list[Rule] = []
        for line in page.lines:
            rules += _rules_of(box_of(line), stroked=True)
        for rect in page.rects:
            rules += _rules_of(box_of(rect), stroked=bool(rect.get("stroke")))
        images = [box_of(im) for im in page.images]
    cover, on_image = 0.0, 0.0
    if images:
        image = max(images, key=lambda b: b.width * b.height)
        cover = min(1.0, max(0.0, image.width * image.height) / (width * height or 1.0))
        if words:
            on_image = sum(image.contains_point(w.box.cx, w.box.cy) for w in words) / len(words)
    return words, rules, cover, on_image
