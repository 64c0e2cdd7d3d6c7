"""Image PDFs with an invisible text layer, and where things stand on a typeset page.

Scanners put a text layer under the page image that is not the page's text: an OCR made
without Vietnamese ("CQNG HOA XA H0I"). It is written here: the page as an image, the words
at their places in text render mode 3 (invisible), in embedded DejaVu Sans so any character
survives, so pdfplumber extracts exactly the string given. (Legacy-font text layers are made
by `legacy.legacy_font_pdfs`, on the vector page itself.)
"""

from __future__ import annotations

import io
import random
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from synth.marks import FONTS

LAYER_FONT = "DejaVuSans"


@dataclass(frozen=True)
class PWord:
    """A word of a typeset page, in points from the top-left corner."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float


@dataclass(frozen=True)
class PageInfo:
    width: float
    height: float
    words: list[PWord]


def read_words(pdf: Path) -> list[PageInfo]:
    with pdfplumber.open(str(pdf)) as doc:
        return [
            PageInfo(float(p.width), float(p.height), [
                PWord(w["text"], w["x0"], w["top"], w["x1"], w["bottom"], w["size"])
                for w in p.extract_words(extra_attrs=["size"], keep_blank_chars=False)
            ])
            for p in doc.pages
        ]


# --- where the blanks, the signer and the text stand -------------------------------------------


@dataclass(frozen=True)
class Gap:
    page: int  # 0-based
    x0: float
    x1: float
    top: float
    bottom: float


def _same_line(a: PWord, b: PWord) -> bool:
    return abs(a.top - b.top) < a.size * 0.5


def number_gap(page: PageInfo) -> Gap | None:
    """The blank of "Số:        /KH-UBND", where the number is written by hand."""
    for w in page.words:
        if w.text.startswith("Số:"):
            after = [v for v in page.words if _same_line(v, w) and v.x0 > w.x1 and v.text.startswith("/")]
            if after:
                return Gap(0, w.x1 + 2, after[0].x0 - 1, w.top, w.bottom)
    return None


def day_gap(page: PageInfo) -> Gap | None:
    """The blank of "ngày      tháng 03 năm 2025" on the date line."""
    for w in page.words:
        if w.text == "ngày" and w.top < page.height * 0.3:
            after = [v for v in page.words if _same_line(v, w) and v.text == "tháng" and v.x0 > w.x1]
            if after and after[0].x0 - w.x1 > w.size * 1.5:
                return Gap(0, w.x1 + 1, after[0].x0 - 2, w.top, w.bottom)
    return None


def signer_box(pages: list[PageInfo], name: str) -> Gap | None:
    """From the signer's first title line down to the name, in the right column."""
    first = name.split()[0]
    for i, page in enumerate(pages):
        for w in page.words:
            if w.text == first and w.x0 > page.width * 0.4:
                line = [v for v in page.words if _same_line(v, w) and v.x0 > page.width * 0.4]
                titles = [v for v in page.words if v.x0 > page.width * 0.4 and v.text.isupper()
                          and w.top - 130 < v.top < w.top - 40]
                top = min((v.top for v in titles), default=w.top - 100)
                return Gap(i, min(v.x0 for v in line), max(v.x1 for v in line), top, w.bottom)
    return None


# --- a wrong OCR layer ------------------------------------------------------------------------


def fake_ocr(text: str, rng: random.Random) -> str:
    """What a scanner's OCR without Vietnamese makes of a word: no marks, O read as 0 or Q."""
    out = []
    for ch in text:
        base = "".join(c for c in unicodedata.normalize("NFD", ch) if unicodedata.category(c) != "Mn")
        base = base.replace("đ", "d").replace("Đ", "D")
        marked = base != ch
        roll = rng.random()
        if base == "O" and marked and roll < 0.5:
            base = "Q"
        elif base in "Oo" and roll < 0.25:
            base = "0"
        elif base == "I" and marked:
            base = "i"
        elif base == "l" and roll < 0.1:
            base = "1"
        out.append(base)
    return "".join(out)


# --- the PDF --------------------------------------------------------------------------------


def _register() -> None:
    if LAYER_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(LAYER_FONT, str(FONTS / f"{LAYER_FONT}.ttf")))


def write_image_pdf(out: Path, jpegs: list[bytes], sizes: list[tuple[float, float]],
                    layers: list[list[PWord]] | None = None,
                    encode: Callable[[str], str] = str) -> None:
    """Pages showing `jpegs` (embedded as they are) at `sizes` (points), each with its words
    drawn invisibly, `encode`d, stretched to the width the visible word takes."""
    _register()
    out.parent.mkdir(parents=True, exist_ok=True)
    c = Canvas(str(out), pagesize=sizes[0], invariant=1)
    c.setTitle(out.stem)
    for i, (jpeg, (w, h)) in enumerate(zip(jpegs, sizes, strict=True)):
        c.setPageSize((w, h))
        c.drawImage(ImageReader(io.BytesIO(jpeg)), 0, 0, w, h)
        for word in (layers[i] if layers else []):
            text = encode(word.text)
            natural = pdfmetrics.stringWidth(text, LAYER_FONT, word.size) or 1.0
            t = c.beginText()
            t.setTextRenderMode(3)
            t.setFont(LAYER_FONT, word.size)
            t.setHorizScale(100.0 * (word.x1 - word.x0) / natural)
            t.setTextOrigin(word.x0, h - word.bottom + word.size * 0.22)
            t.textOut(text)
            c.drawText(t)
        c.showPage()
    c.save()
