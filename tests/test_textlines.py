"""The lost-line check: lines of print found on the image itself, against the words OCR read."""

from __future__ import annotations

import cv2
import numpy as np

from pipeline.model import Box, Word
from pipeline.sources.textlines import LineCheck, ink_lines, lost_pieces, reread_lost_lines


def _print_line(mask: np.ndarray, x: int, y: int, words: int, dpi: int, tilt: float = 0.0) -> list[Box]:
    """Draws a line of `words` words of 5 letters each (12 pt at `dpi`) onto `mask`; returns the
    words' boxes. `tilt`: pixels the line drops per pixel to the right (a curled sheet)."""
    unit = dpi / 300
    letter, height, space = int(14 * unit), int(30 * unit), int(22 * unit)
    boxes = []
    for _ in range(words):
        start = x
        for _ in range(5):
            dy = int((x - 100) * tilt)
            cv2.rectangle(mask, (x, y + dy), (x + letter - int(4 * unit), y + dy + height), 255, -1)
            x += letter
        boxes.append(Box(start, y + int((start - 100) * tilt), x, y + int((x - 100) * tilt) + height))
        x += space
    return boxes


def _page(dpi: int) -> tuple[np.ndarray, list[list[Box]]]:
    unit = dpi / 300
    mask = np.zeros((int(1200 * unit), int(2400 * unit)), np.uint8)
    lines = [_print_line(mask, int(100 * unit), int(y * unit), 12, dpi) for y in (200, 300, 400)]
    return mask, lines


def test_every_line_of_print_is_found_on_the_image() -> None:
    mask, lines = _page(300)
    found = ink_lines(mask, 300)
    assert len(found) == 3
    assert [round(b.top) for b in sorted(found, key=lambda b: b.top)] == [200, 300, 400]


def test_a_line_no_word_covers_is_reported_lost() -> None:
    mask, lines = _page(300)
    read = lines[0] + lines[2]  # page OCR dropped the middle line
    lost = lost_pieces(mask, 255 - mask, 300, read)
    assert len(lost) == 1
    assert 295 <= lost[0].top <= 305 and lost[0].x0 <= 105 and lost[0].x1 >= lines[1][-1].x1 - 5


def test_lines_read_whole_report_nothing() -> None:
    mask, lines = _page(300)
    assert lost_pieces(mask, 255 - mask, 300, [b for line in lines for b in line]) == []


def test_the_right_half_of_a_line_dropped_is_reported_as_that_half() -> None:
    mask, lines = _page(300)
    read = lines[0] + lines[1][:5] + lines[2]
    lost = lost_pieces(mask, 255 - mask, 300, read)
    assert len(lost) == 1
    assert lost[0].x0 >= lines[1][5].x0 - 40 and lost[0].x1 >= lines[1][-1].x1 - 5


def test_the_check_holds_at_another_resolution() -> None:
    mask, lines = _page(150)
    assert len(ink_lines(mask, 150)) == 3
    assert len(lost_pieces(mask, 255 - mask, 150, lines[0] + lines[2])) == 1


def test_one_long_stroke_is_not_a_line_of_print() -> None:
    mask, lines = _page(300)
    cv2.line(mask, (300, 700), (1500, 720), 255, 9)  # a signature's flourish
    assert lost_pieces(mask, 255 - mask, 300, [b for line in lines for b in line]) == []


class _LineReader:
    """Reads each piece of the strip as `text`, one word per dark blob, with `conf`."""

    def __init__(self, text: str, conf: float) -> None:
        self.words, self.conf, self.calls = text.split(), conf, 0

    def read(self, image: np.ndarray, dpi: int, psm: int | None = None, **_: object) -> list[Word]:
        self.calls += 1
        blobs = cv2.dilate((image < 128).astype(np.uint8), np.ones((1, 9), np.uint8))
        n, _, stats, _ = cv2.connectedComponentsWithStats(blobs)
        boxes = sorted((tuple(stats[i, :4]) for i in range(1, n)), key=lambda b: (b[1] // 20, b[0]))
        return [Word(self.words[i % len(self.words)], Box(x, y, x + w, y + h), self.conf)
                for i, (x, y, w, h) in enumerate(boxes)]


def _image_and_words() -> tuple[np.ndarray, np.ndarray, list[Word]]:
    mask, lines = _page(300)
    words = [Word("chỉ", b, 95.0) for b in lines[0] + lines[2]]
    return 255 - mask, mask, words


def test_a_lost_line_is_read_alone_and_put_back_where_it_was() -> None:
    image, mask, words = _image_and_words()
    engine = _LineReader("tổ chức thực hiện", 90.0)
    added, check = reread_lost_lines(words, image, mask, 300, engine)
    assert engine.calls == 1
    assert check == LineCheck(lost=1, recovered=1)
    assert len(added) == 12 and all(w.reread for w in added)
    assert all(290 <= w.box.top <= 310 for w in added)


def test_a_piece_that_reads_as_no_vietnamese_stays_unread() -> None:
    image, mask, words = _image_and_words()
    added, check = reread_lost_lines(words, image, mask, 300, _LineReader("~~ ;;/ x8Qz", 90.0))
    assert added == [] and check.unread == 1


def test_the_verdict_says_what_the_evaluation_counts() -> None:
    check = LineCheck(lost=3, recovered=2)
    assert LineCheck.of_verdict(f"scanned page: no text layer; {check.verdict()}") == check
    assert LineCheck.of_verdict("scanned page: no text layer") == LineCheck()
    assert LineCheck().verdict() == ""


def test_the_edge_of_the_scanned_sheet_is_not_a_line_of_print() -> None:
    mask, lines = _page(300)
    # A grey band of dust along the sheet's edge, as tall as a line of text.
    mask[800:822, 100:2300] = (np.random.default_rng(1).random((22, 2200)) < 0.25) * 255
    assert len(ink_lines(mask, 300)) == 4  # it looks like a line by its outline
    assert lost_pieces(mask, 255 - mask, 300, [b for line in lines for b in line]) == []


def test_a_dotted_leader_to_fill_in_is_not_a_line_of_print() -> None:
    mask, lines = _page(300)
    label = _print_line(mask, 100, 790, 1, 300)  # read by OCR
    for x in range(185, 2300, 18):  # "............" after the label, left for handwriting
        cv2.circle(mask, (x, 814), 4, 255, -1)
    assert len(ink_lines(mask, 300)) == 4
    assert lost_pieces(mask, 255 - mask, 300, [b for line in lines for b in line] + label) == []


def test_print_seen_through_from_the_back_is_not_a_lost_line() -> None:
    mask, lines = _page(300)
    ghost = np.zeros_like(mask)
    _print_line(ghost, 100, 700, 12, 300)
    gray = 255 - mask
    gray[ghost > 0] = 215  # faint: the other side of the sheet
    assert lost_pieces(mask | ghost, gray, 300, [b for line in lines for b in line]) == []
    gray[ghost > 0] = 40  # as dark as print: a line OCR lost
    assert len(lost_pieces(mask | ghost, gray, 300, [b for line in lines for b in line])) == 1
