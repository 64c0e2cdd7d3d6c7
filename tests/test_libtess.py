"""Tesseract in the worker process (libtesseract's C API) against the command line it replaces."""

from __future__ import annotations

import threading

import numpy as np
import pypdfium2 as pdfium
import pytest

from pipeline.errors import OcrError
from pipeline.sources.libtess import InProcessTesseract, default_engine, library_available
from pipeline.sources.ocr import TesseractEngine, words_from_tsv

from .conftest import SAMPLES


@pytest.fixture(scope="module")
def table_page() -> np.ndarray:
    """Page 2 of the sample scan: a ruled task table, read as the pipeline reads it (300 dpi)."""
    doc = pdfium.PdfDocument(str(SAMPLES / "chi-lang" / "ke-hoach-tdkt-2024-scan.pdf"))
    try:
        bitmap = doc[1].render(scale=300 / 72, force_bitmap_format=pdfium.raw.FPDFBitmap_Gray)
        return np.ascontiguousarray(bitmap.to_numpy())
    finally:
        doc.close()


def test_library_is_there() -> None:
    # `make setup` installs tesseract-ocr, which brings libtesseract: the fast path is the default.
    assert library_available("vie") is None
    assert isinstance(default_engine("vie", 60.0), InProcessTesseract)
    assert isinstance(default_engine("vie", 60.0, via="cli"), TesseractEngine)


def test_same_words_as_the_command_line(table_page: np.ndarray) -> None:
    in_process = InProcessTesseract().read(table_page, 300)
    command_line = TesseractEngine().read(table_page, 300)
    assert len(in_process) > 200
    assert in_process == command_line  # text, boxes, confidence and line keys


def _a_task_row(page: np.ndarray) -> np.ndarray:
    """A crop of one table row: its task number and the first words of its content."""
    words = InProcessTesseract().read(page, 300)
    number = next(w for w in words if w.text.isdigit() and w.box.x0 < page.shape[1] / 4)
    b = number.box
    return np.ascontiguousarray(page[int(b.top) - 10 : int(b.bottom) + 10, int(b.x0) - 10 : int(b.x1) + 900])


def test_options_of_one_call_do_not_leak_into_the_next(table_page: np.ndarray) -> None:
    engine = InProcessTesseract()
    crop = _a_task_row(table_page)
    digits_only = engine.read(crop, 300, psm=6, keep_small=True, charset="0123456789")
    assert digits_only and all(ch.isdigit() for w in digits_only for ch in w.text)
    # The same crop again, with no whitelist: the letters are back.
    free = engine.read(crop, 300, psm=6)
    assert any(ch.isalpha() for w in free for ch in w.text)
    assert free == TesseractEngine().read(crop, 300, psm=6)


def test_a_page_past_its_timeout_is_an_ocr_error(table_page: np.ndarray) -> None:
    with pytest.raises(OcrError, match="timed out"):
        InProcessTesseract(timeout=0.01).read(table_page, 300)
    # The API is still usable afterwards.
    assert len(InProcessTesseract().read(table_page[:800], 300)) > 5


def test_threads_read_side_by_side(table_page: np.ndarray) -> None:
    top = np.ascontiguousarray(table_page[:1000])
    expected = InProcessTesseract().read(top, 300)
    results: list[list] = [[], []]

    def read(slot: int) -> None:
        results[slot] = InProcessTesseract().read(top, 300)

    threads = [threading.Thread(target=read, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results[0] == expected and results[1] == expected


def test_tsv_rows_become_words() -> None:
    tsv = (
        "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
        "1\t1\t0\t0\t0\t0\t0\t0\t100\t50\t-1\t\n"
        "5\t1\t1\t1\t1\t1\t10\t20\t30\t12\t96.812\tKế\n"
        "5\t1\t1\t1\t1\t2\t45\t20\t40\t12\t88.1\thoạch\n"
        "5\t1\t1\t1\t1\t3\t90\t20\t5\t12\t95.0\t \n"
    )
    words = words_from_tsv(tsv)
    assert [w.text for w in words] == ["Kế", "hoạch"]
    assert words[0].conf == 96  # whole numbers, as the command line gives them
    assert (words[1].box.x0, words[1].box.x1, words[1].line_key) == (45, 85, (1, 1, 1))
