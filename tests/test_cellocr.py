"""The second look at cells: what goes into the strip that is read again."""

from __future__ import annotations

import cv2
import numpy as np

from pipeline.model import Box, Page, PageSource, Word
from pipeline.sources.cellocr import _without_edge_specks, reread_doubtful_lines


def _crop(text: str, speck_at: int | None) -> np.ndarray:
    img = np.full((60, 140), 255, np.uint8)
    cv2.putText(img, text, (30, 45), cv2.FONT_HERSHEY_SIMPLEX, 1.2, 0, 3)
    if speck_at is not None:
        cv2.circle(img, (speck_at, 30), 2, 0, -1)
    return img


def test_a_speck_beside_a_number_is_removed() -> None:
    cleaned = _without_edge_specks(_crop("13", speck_at=12))
    assert cleaned[26:35, 8:17].min() == 255  # the speck is gone
    assert np.count_nonzero(cleaned < 128) == np.count_nonzero(_crop("13", None) < 128)


def test_the_point_between_digits_stays() -> None:
    crop = _crop("1.2", speck_at=None)
    assert np.array_equal(_without_edge_specks(crop), crop)


class _SecondReader:
    """An OCR engine that reads each dark box of the strip as the next of `texts`, left to
    right and top to bottom, with `confs`."""

    def __init__(self, texts: list[str], confs: list[float]) -> None:
        self.texts, self.confs, self.calls = texts, confs, 0

    def read(self, image: np.ndarray, dpi: int, psm: int | None = None, **_: object) -> list[Word]:
        self.calls += 1
        n, _, stats, _ = cv2.connectedComponentsWithStats((image < 128).astype(np.uint8))
        boxes = sorted((tuple(stats[i, :4]) for i in range(1, n)), key=lambda b: (b[1] // 20, b[0]))
        return [
            Word(t, Box(x, y, x + w, y + h), c)
            for (x, y, w, h), t, c in zip(boxes, self.texts, self.confs, strict=True)
        ]


def _line_page() -> tuple[Page, np.ndarray, float]:
    """A page with one line "Lưu: VF, NV" whose middle word was read with doubt."""
    k = 72 / 300
    image = np.full((400, 1200), 255, np.uint8)
    first = [("Lưu:", 93.0, 200), ("VF,", 32.0, 400), ("NV", 93.0, 560)]
    words = []
    for text, conf, x in first:
        cv2.rectangle(image, (x, 200), (x + 100, 240), 0, -1)
        words.append(Word(text, Box(x * k, 200 * k, (x + 100) * k, 240 * k), conf, (1, 1, 1)))
    page = Page(1, 1200 * k, 400 * k, words, [], PageSource.OCR, dpi=300)
    return page, image, k


def test_a_doubted_word_takes_the_more_confident_second_reading_and_stays_doubted() -> None:
    page, image, k = _line_page()
    engine = _SecondReader(["Lưu:", "VT,", "NV"], [92.0, 91.0, 56.0])
    out = reread_doubtful_lines(page, image, k, engine)
    assert engine.calls == 1
    assert [w.text for w in out.words] == ["Lưu:", "VT,", "NV"]
    # the readings differ: the word keeps the lower confidence, so what it feeds is flagged
    assert [w.conf for w in out.words] == [93.0, 32.0, 93.0]


def test_a_second_reading_not_clearly_better_is_not_taken() -> None:
    page, image, k = _line_page()
    out = reread_doubtful_lines(page, image, k, _SecondReader(["Lưu:", "VI,", "NV"], [92.0, 40.0, 93.0]))
    assert [w.text for w in out.words] == ["Lưu:", "VF,", "NV"]


def test_two_readings_that_agree_lift_the_doubt() -> None:
    page, image, k = _line_page()
    out = reread_doubtful_lines(page, image, k, _SecondReader(["Lưu:", "VF,", "NV"], [92.0, 88.0, 93.0]))
    assert [w.conf for w in out.words] == [93.0, 88.0, 93.0]


def test_pages_read_without_doubt_cost_no_second_reading() -> None:
    page, image, k = _line_page()
    page.words = [Word(w.text, w.box, 95.0, w.line_key) for w in page.words]
    engine = _SecondReader([], [])
    reread_doubtful_lines(page, image, k, engine)
    assert engine.calls == 0
