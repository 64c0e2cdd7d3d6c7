"""A PDF or a page image -> Pages of words with boxes and ruling lines.

Text-layer pages are read with pdfium (pdftext.py); pages without a usable text layer are rendered with
pdfium, stood upright, straightened and OCR'd once. Both give the same Page, in PDF points.
"""

from __future__ import annotations

import math
import stat
import time
from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image

from pipeline.config import Config
from pipeline.errors import InputError, LimitError, OcrError, PlansError
from pipeline.model import Box, Page, PageSource, Rule, Word
from pipeline.sources import imaging, textlayer
from pipeline.sources.cellocr import TableFinder, reread_cells, reread_doubtful_lines
from pipeline.sources.ink import to_gray_without_colour_marks
from pipeline.sources.ocr import OcrEngine
from pipeline.sources.pdf import read_text_layer, read_text_layer_pdfminer
from pipeline.sources.reading import text_lines
from pipeline.sources.second import reread_doubted_words, second_recogniser
from pipeline.sources.textlines import reread_lost_lines
from pipeline.vietnamese import legacy
from pipeline.vietnamese.text import nfc

PDF_SUFFIXES = {".pdf"}
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}



def read_pages(path: Path, config: Config, engine: OcrEngine, tables: TableFinder) -> Iterator[Page]:
    """Pages of a document, one at a time so memory stays flat on long documents. `tables`
    finds a page's ruled tables (layout's job): OCR reads their cells again."""
    suffix = path.suffix.lower()
    if suffix in IMAGE_SUFFIXES:
        yield from _image_pages(path, config, engine, tables)
    else:
        yield from _pdf_pages(path, config, engine, tables)


# --- PDF -------------------------------------------------------------------------------------


def _head(path: Path, size: int = 1024) -> bytes:
    """The first bytes of a regular file (a FIFO or device would block or never end)."""
    if not stat.S_ISREG(path.stat().st_mode):
        raise InputError("not a regular file")
    with open(path, "rb") as f:
        return f.read(size)


def _open_pdf(path: Path) -> pdfium.PdfDocument:
    head = _head(path)
    if not head:
        raise InputError("empty file")
    if b"%PDF-" not in head:
        raise InputError("not a PDF (no %PDF- header)")
    try:
        # An encrypted file with an empty user password opens without one, as in a viewer.
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        text = str(exc).lower()
        # pdfium keeps its last error code per process and does not clear it when a file parses
        # but has no page tree: after a locked file, an empty one would also "need a password".
        if "password" in text and _declares_encryption(path):
            raise InputError("encrypted PDF: a password is needed to open it") from exc
        if "success" in text or "password" in text:
            raise InputError("corrupt PDF: no pages (empty or unreadable page tree)") from exc
        raise InputError(f"corrupt PDF: {exc}") from exc


def _declares_encryption(path: Path, window: int = 1 << 16) -> bool:
    """/Encrypt in the trailer: at the end of the file, or at its start when it is linearized."""
    with path.open("rb") as f:
        head = f.read(window)
        f.seek(0, 2)
        f.seek(max(0, f.tell() - window))
        tail = f.read()
    return b"/Encrypt" in head or b"/Encrypt" in tail


def _check_deadline(deadline: float, config: Config, number: int) -> None:
    if time.monotonic() > deadline:
        limit = f"{config.doc_timeout:.0f} s (--doc-timeout)"
        raise LimitError(f"document took longer than {limit}; stopped before page {number}", page=number)


def _pdf_pages(path: Path, config: Config, engine: OcrEngine, tables: TableFinder) -> Iterator[Page]:
    deadline = time.monotonic() + config.doc_timeout
    doc = _open_pdf(path)
    try:
        n = len(doc)
        if n == 0:
            raise InputError("PDF has no pages")
        if n > config.max_pages:
            raise LimitError(f"{n} pages, over the limit of {config.max_pages} (--max-pages)")
        for index in range(n):
            _check_deadline(deadline, config, index + 1)
            try:
                page = _pdf_page(doc, path, index, config, engine, tables)
            except pdfium.PdfiumError as exc:  # e.g. a page tree that points to itself
                message = f"corrupt PDF: page {index + 1} cannot be loaded ({exc})"
                raise InputError(message, page=index + 1) from exc
            yield page
    finally:
        doc.close()


def _pdf_page(
    doc: pdfium.PdfDocument, path: Path, index: int, config: Config, engine: OcrEngine, tables: TableFinder
) -> Page:
    number = index + 1
    try:
        words, rules, image_cover, on_image = read_text_layer(doc, index)
    except PlansError:
        raise
    except pdfium.PdfiumError:
        raise
    except Exception as exc:  # noqa: BLE001 - pdfium's text API fails on this page: pdfminer reads it
        words, rules, image_cover, on_image, verdict = _read_by_pdfminer(path, index, exc)
    else:
        verdict = textlayer.judge(" ".join(w.text for w in words), image_cover, on_image)
    if verdict.legacy:
        words, verdict = _from_legacy(words, image_cover, on_image)
    if verdict.usable and not config.force_ocr:
        width, height = (float(v) for v in doc[index].get_size())
        page = Page(number, width, height, words, rules, PageSource.TEXT, text_layer_verdict=verdict.reason)
        # No image kept: the review renders a text page from the PDF when it is asked for, so
        # asking for review pages never changes (nor re-runs) the extraction.
        return page
    gray, dpi = _render(doc[index], config, number)
    if verdict.over_scan and not config.force_ocr:
        return _layer_over_scan(words, gray, dpi, number, verdict.reason)
    try:
        page = _ocr_page(gray, dpi, number, engine, tables)
    except OcrError as exc:
        return _failed_page(number, gray, dpi, exc)
    # The page's own notes (lines read again) follow the reason it was OCR'd.
    page.text_layer_verdict = "; ".join(filter(None, [verdict.reason, page.text_layer_verdict]))
    return page


def _read_by_pdfminer(
    path: Path, index: int, failure: Exception
) -> tuple[list[Word], list[Rule], float, float, textlayer.Verdict]:
    """The page's text layer as pdfminer's parser reads it; a page neither reader can read is
    rendered and OCR'd."""
    try:
        words, rules, cover, on_image = read_text_layer_pdfminer(path, index)
    except Exception as exc:  # noqa: BLE001 - a page whose text cannot be read is still OCR'd
        reason = f"text layer unreadable ({type(failure).__name__}; pdfminer: {type(exc).__name__})"
        return [], [], 1.0, 0.0, textlayer.Verdict(False, reason)
    verdict = textlayer.judge(" ".join(w.text for w in words), cover, on_image)
    if verdict.usable:
        verdict = textlayer.Verdict(True, f"{verdict.reason} (read by pdfminer: pdfium could not)",
                                    verdict.over_scan)
    return words, rules, cover, on_image, verdict


def _layer_over_scan(words: list[Word], gray: np.ndarray, dpi: int, number: int, reason: str) -> Page:
    """A scan that carries a good Vietnamese text layer: words from the layer, ruling lines from
    the image (straightened, and the words moved with it). No OCR needed."""
    prepared = imaging.prepare(gray, dpi)
    k = 72.0 / dpi
    h, w = prepared.image.shape[:2]
    moved = []
    for word in words:
        cx, cy = imaging.rotate_point(word.box.cx / k, word.box.cy / k, prepared.skew, w, h)
        half_w, half_h = word.box.width / 2, word.box.height / 2
        box = Box(cx * k - half_w, cy * k - half_h, cx * k + half_w, cy * k + half_h)
        moved.append(Word(word.text, box, word.conf, word.line_key, word.size))
    rules = [Rule(r.x0 * k, r.y0 * k, r.x1 * k, r.y1 * k) for r in prepared.rules]
    page = Page(number, w * k, h * k, moved, rules, PageSource.TEXT, dpi=dpi, skew=prepared.skew,
                text_layer_verdict=f"{reason}: words from the layer, rules from the image")
    page.thumbnail = thumbnail(prepared.image, dpi)
    return page


def _failed_page(number: int, gray: np.ndarray, dpi: int, exc: OcrError) -> Page:
    """A page whose OCR failed (timed out, Tesseract crashed): kept empty so the rest of the
    document is read; the verdict says why, and the plan flags it for review."""
    k = 72.0 / dpi
    h, w = gray.shape[:2]
    verdict = f"OCR failed: {exc.message}"
    return Page(
        number, w * k, h * k, [], [], PageSource.OCR, dpi=dpi, text_layer_verdict=verdict, ocr_failed=True
    )




def _from_legacy(
    words: list[Word], image_cover: float, on_image: float
) -> tuple[list[Word], textlayer.Verdict]:
    """A TCVN3 or VNI text layer converted to Unicode, and whether it now reads as Vietnamese."""
    _, encoding = legacy.to_unicode(" ".join(w.text for w in words))
    if encoding == "unicode":
        return words, textlayer.Verdict(False, "text layer in an unknown legacy encoding")
    converted = []
    for line in text_lines(words):
        # TCVN3 capitals come from a separate font on the same codes: a line typed in capitals
        # ("KÕ HO¹CH") decodes in mixed case unless the whole line is raised.
        letters = [c for w in line for c in w.text if c.isascii() and c.isalpha()]
        capitals = len(letters) >= 3 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)
        for w in line:
            text = nfc(legacy.decode(w.text, encoding))
            converted.append(Word(text.upper() if capitals else text, w.box, w.conf, w.line_key, w.size))
    if encoding == "tcvn3":  # in reading order: "báo cáo ủy" / "ban nhân dân" spans two lines
        texts = legacy.restore_capitals([w.text for w in converted])
        converted = [
            Word(t, w.box, w.conf, w.line_key, w.size) for w, t in zip(converted, texts, strict=True)
        ]
    verdict = textlayer.judge(" ".join(w.text for w in converted), image_cover, on_image)
    if verdict.usable:
        verdict = textlayer.Verdict(True, f"text layer in {encoding.upper()}, converted to Unicode")
    return converted, verdict


def _render(pdf_page: pdfium.PdfPage, config: Config, number: int) -> tuple[np.ndarray, int]:
    width, height = pdf_page.get_size()
    dpi = _budget_dpi(width / 72, height / 72, config, number)
    # Rendered in colour so that seals and signatures can be told from print (ink.py); a page
    # that is only gray scans has none, and is rendered gray at a fraction of the cost.
    if _gray_scan(pdf_page):
        # A gray bitmap, not the `grayscale` flag: the flag renders in colour and converts (4x slower).
        bitmap = pdf_page.render(scale=dpi / 72, force_bitmap_format=pdfium_c.FPDFBitmap_Gray)
    else:
        bitmap = pdf_page.render(scale=dpi / 72)
    bgr = bitmap.to_numpy()
    if bgr.ndim == 2:
        return np.ascontiguousarray(bgr), dpi
    gray, _ = to_gray_without_colour_marks(np.ascontiguousarray(bgr[:, :, :3]))
    return gray, dpi


_GRAY_SPACES = {pdfium_c.FPDF_COLORSPACE_DEVICEGRAY, pdfium_c.FPDF_COLORSPACE_CALGRAY}


def _gray_scan(pdf_page: pdfium.PdfPage) -> bool:
    """The page holds nothing but images in a gray colour space."""
    try:
        objects = list(pdf_page.get_objects(max_depth=1))
        return bool(objects) and all(
            o.type == pdfium_c.FPDF_PAGEOBJ_IMAGE and o.get_metadata().colorspace in _GRAY_SPACES
            for o in objects
        )
    except Exception:  # noqa: BLE001 - a broken object: render in colour, as for any page
        return False


def _budget_dpi(width_in: float, height_in: float, config: Config, number: int) -> int:
    """The render dpi that keeps the page within the pixel budget, checked before any allocation."""
    if width_in <= 0 or height_in <= 0:
        raise InputError("page has no size", page=number)
    dpi = config.dpi
    if width_in * height_in * dpi * dpi > config.max_pixels:
        dpi = int(math.sqrt(config.max_pixels / (width_in * height_in)))
    if dpi < config.min_ocr_dpi:
        raise LimitError(
            f"page {number} is {width_in:.0f}x{height_in:.0f} in: too large to render "
            f"within {config.max_pixels / 1e6:.0f} megapixels",
            page=number,
        )
    return dpi


# --- images ----------------------------------------------------------------------------------


def _image_pages(path: Path, config: Config, engine: OcrEngine, tables: TableFinder) -> Iterator[Page]:
    deadline = time.monotonic() + config.doc_timeout
    if not _head(path, 1):
        raise InputError("empty file")
    try:
        im = Image.open(path)  # reads the header only: the size is known before any decoding
        n_frames = getattr(im, "n_frames", 1)
    except Image.DecompressionBombError as exc:  # over Pillow's own ceiling, before ours is asked
        raise LimitError(
            f"image too large to decode, over {2 * (Image.MAX_IMAGE_PIXELS or 0) / 1e6:.0f} megapixels "
            f"(the budget is {config.max_pixels / 1e6:.0f} megapixels)"
        ) from exc
    except Exception as exc:  # noqa: BLE001 - PIL raises several types for unreadable files
        raise InputError(f"not a readable image: {exc}") from exc
    with im:
        if n_frames > config.max_pages:
            raise LimitError(f"{n_frames} pages, over the limit of {config.max_pages} (--max-pages)")
        for index in range(n_frames):
            _check_deadline(deadline, config, index + 1)
            gray, dpi = _image_frame(im, index, config)
            try:
                page = _ocr_page(gray, dpi, index + 1, engine, tables)
            except OcrError as exc:
                page = _failed_page(index + 1, gray, dpi, exc)
            yield page


def _image_frame(im: Image.Image, index: int, config: Config) -> tuple[np.ndarray, int]:
    """Frame `index` in gray, after checking its size against the pixel budget."""
    try:
        im.seek(index)
    except Exception as exc:  # noqa: BLE001 - a truncated multi-page TIFF
        raise InputError(f"image cannot be decoded: page {index + 1}: {exc}", page=index + 1) from exc
    if im.width * im.height > config.max_pixels:
        raise LimitError(
            f"image of {im.width}x{im.height} pixels is over the budget of "
            f"{config.max_pixels / 1e6:.0f} megapixels",
            page=index + 1,
        )
    try:
        dpi = _image_dpi(im, config)
        rgb = np.asarray(im.convert("RGB"))
        gray, _ = to_gray_without_colour_marks(cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR))
    except Exception as exc:  # noqa: BLE001 - truncated or corrupt data
        raise InputError(f"image cannot be decoded: {exc}", page=index + 1) from exc
    if gray.ndim != 2 or min(gray.shape) < 1:
        raise InputError("image has no pixels", page=index + 1)
    return gray, dpi


def _image_dpi(im: Image.Image, config: Config) -> int:
    info = im.info.get("dpi")
    if info and 50 <= float(info[0]) <= 1200:
        return int(round(float(info[0])))
    # No resolution stored: assume the page is A4 wide, which is what office scanners produce.
    return max(50, int(round(min(im.width, im.height) / 8.27)))


# --- OCR -------------------------------------------------------------------------------------

_TARGET_DPI = 300  # small scans are upscaled to this before OCR: Tesseract wants ~20 px x-height


def _ocr_page(gray: np.ndarray, dpi: int, number: int, engine: OcrEngine, tables: TableFinder) -> Page:
    if dpi < _TARGET_DPI * 0.8:
        factor = _TARGET_DPI / dpi
        gray = _upscale(gray, factor)
        dpi = _TARGET_DPI
    rotation = 0
    mask = imaging.ink_mask(gray)
    if imaging.looks_sideways(mask):
        rotation = engine.orientation(gray, dpi)
    prepared = imaging.prepare(gray, dpi, rotation, mask)
    started = time.perf_counter()
    pixel_words = engine.read(prepared.image, dpi)
    if _reads_badly(pixel_words) and rotation == 0:
        # A page stored upside down reads as glyph noise; Tesseract's OSD says how to turn it.
        # Asked only here, so upright pages pay nothing for it.
        turn = engine.orientation(prepared.image, dpi)
        if turn:
            turned = imaging.prepare(gray, dpi, turn)
            turned_words = engine.read(turned.image, dpi)
            # OSD guesses on a sparse or stamped page too: the turn stands only if the page
            # then reads better than it did upright.
            if _reading_score(turned_words) > _reading_score(pixel_words):
                prepared, pixel_words = turned, turned_words
    seconds = time.perf_counter() - started
    k = 72.0 / dpi
    pixel_words = _drop_echoes(_drop_mark_fragments(pixel_words))
    second = second_recogniser()
    if second is not None:  # the ocr2 extra: tone marks of doubted lines from a second model
        pixel_words = reread_doubted_words(pixel_words, prepared.image, second)
    words = [_scale_word(w, k) for w in pixel_words]
    rules = [Rule(r.x0 * k, r.y0 * k, r.x1 * k, r.y1 * k) for r in prepared.rules]
    h, w = prepared.image.shape[:2]
    page = Page(
        number, w * k, h * k, words, rules, PageSource.OCR, dpi=dpi,
        rotation=prepared.rotation, skew=prepared.skew,
    )
    started = time.perf_counter()
    page = reread_cells(page, prepared.image, k, engine, tables, prepared.ink)
    page = reread_doubtful_lines(page, prepared.image, k, engine)
    page = _check_lines(page, prepared, k, engine, tables)
    page.ocr_seconds = seconds + time.perf_counter() - started
    page.thumbnail = thumbnail(prepared.image, dpi)
    return page


def _check_lines(
    page: Page, prepared: imaging.PreparedImage, k: float, engine: OcrEngine, tables: TableFinder
) -> Page:
    """Every line of print outside the tables must have reached the words (the cells had their
    own second look): the pieces that did not are read again alone, and the page's verdict says
    how many there were."""
    in_pixels = [Word(w.text, _scaled_box(w.box, 1 / k), w.conf) for w in page.words]
    table_boxes = [_scaled_box(t.box, 1 / k) for t in tables(page)]
    added, check = reread_lost_lines(in_pixels, prepared.image, prepared.ink, page.dpi, engine, table_boxes)
    page.words += [_scale_word(w, k) for w in added]
    page.text_layer_verdict = check.verdict()
    return page


THUMB_DPI = 100
_BAD_READING_CONF = 55.0


def _reading_score(words: list[Word]) -> float:
    """How well a page read: confident words count, noise does not."""
    return sum(w.conf for w in words if w.conf >= _BAD_READING_CONF)


def _reads_badly(words: list[Word]) -> bool:
    if len(words) < 15:
        return True
    return sum(w.conf for w in words) / len(words) < _BAD_READING_CONF


def thumbnail(gray: np.ndarray, dpi: int) -> bytes:
    """The page as read, small: the review page draws what was found over it."""
    scale = THUMB_DPI / dpi
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else gray
    ok, buf = cv2.imencode(".jpg", small, [cv2.IMWRITE_JPEG_QUALITY, 60])
    return buf.tobytes() if ok else b""


def _drop_mark_fragments(words: list[Word]) -> list[Word]:
    """Tesseract sometimes returns a lone tone mark over a bold word as a tiny word of its own
    ("^s" above "Nội"); such slivers are far shorter than any real word and read with doubt."""
    if not words:
        return words
    heights = sorted(w.box.height for w in words)
    median = heights[len(heights) // 2]
    return [w for w in words if not (w.box.height < 0.45 * median and w.conf < 80)]


def _drop_echoes(words: list[Word]) -> list[Word]:
    """Tesseract reads some bold words twice, the second time in part ("chủ hủ", "phối hối",
    "h hợp", "trì trì"): of two touching words on a line where one ends or starts the other,
    keep the longer."""
    words = list(words)
    keep = [True] * len(words)
    order = sorted(range(len(words)), key=lambda i: words[i].box.x0)
    for n, i in enumerate(order):
        a = words[i]
        for j in order[n + 1 : n + 6]:
            b = words[j]
            overlap = min(a.box.bottom, b.box.bottom) - max(a.box.top, b.box.top)
            if overlap < 0.5 * min(a.box.height, b.box.height) or b.box.x0 - a.box.x1 > 0.25 * b.box.height:
                continue
            ta, tb = a.text.lower(), b.text.lower()
            if ta.endswith(tb) or tb.startswith(ta):
                drop, stay = (j, i) if len(tb) <= len(ta) else (i, j)
                keep[drop] = False
                # The echo's ink is the kept word's: its box must cover both.
                w = words[stay]
                words[stay] = Word(w.text, w.box.union(words[drop].box), w.conf, w.line_key, w.size)
    return [w for w, k in zip(words, keep, strict=True) if k]


def _upscale(gray: np.ndarray, factor: float) -> np.ndarray:
    return cv2.resize(gray, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)


def _scale_word(w: Word, k: float) -> Word:
    return Word(nfc(w.text), _scaled_box(w.box, k), w.conf, w.line_key, w.size, w.reread)


def _scaled_box(b: Box, k: float) -> Box:
    return Box(b.x0 * k, b.top * k, b.x1 * k, b.bottom * k)
