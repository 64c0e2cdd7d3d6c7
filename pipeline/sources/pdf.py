"""A PDF page's text layer and ruling lines, read with pdfium, or with pdfplumber where pdfium
cannot give a page's text.

pdfplumber (pdfminer) parses content streams in Python: 0.2-0.5 s a page of a plan here, slower
than the whole rest of the pipeline. pdfium reads the same characters with their boxes in C,
about 20 ms a page, so it is the reader of the text path; pdfminer's own parser is the second
reader of a page whose text pdfium's raises on, before the page is sent to OCR.
"""

from __future__ import annotations

import ctypes
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from pipeline.model import Box, Rule, Word
from pipeline.vietnamese.text import nfc

MIN_RULE = 8.0  # points: shorter strokes are glyph parts, bullets or underlines of a letter
THIN = 2.5  # points: a rule is at most this thick (a thin filled rectangle drawn as a line)


def read_text_layer(page: pdfium.PdfPage) -> tuple[list[Word], list[Rule], float, float]:
    """(words, rules, share of the page under its largest image, share of words on that image)."""
    width, height = page.get_size()
    words = _words(page, height)
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
