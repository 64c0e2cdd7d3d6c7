"""Text lines found on the page image itself, apart from Tesseract's layout: no line may be lost.

Tesseract's page layout drops whole lines now and then (a sheet that curls, so that lines tilt by
different angles across the page; a line squeezed between a seal and a table). The print of a
line is found here from the ink alone (letters and words closed into one band per line and
column), and each band is checked against the words OCR returned: a stretch of a band that no
word covers is a lost piece of a line, read again alone and straightened on its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np

from pipeline.model import Box, Word
from pipeline.sources.imaging import estimate_skew, ink_mask, rotate_small
from pipeline.sources.ocr import OcrEngine
from pipeline.vietnamese.syllables import is_syllable

# Sizes in inches, so that they hold at any resolution. Body text of official documents is set
# at 12-14 pt (13-14 pt, Nghị định 30/2020), table text down to 10-11 pt.
WORD_GAP = 0.10  # closes the gaps between letters and between words of a line, not column gutters
MIN_LINE_HEIGHT = 0.06  # below: a row of tone marks or dots, not a line of print
MAX_LINE_HEIGHT = 0.45  # above: a seal, a signature or a picture
MIN_LOST_WIDTH = 3.0  # line heights: a lost piece is as long as a few words, not a letter
COVERED_SHARE = 0.5  # of a stretch's ink under OCR words: the stretch was read
MIN_GLYPHS = 4  # letters in a stretch for it to be print (a signature's stroke is one mark)
LETTER_BODY = 0.35  # of the stretch's height: a letter's body is at least this tall, dust is not
MIN_LETTER = 0.04  # inches: the x-height of 10 pt type; the dots of a leader are smaller
MIN_CONTRAST = 60  # gray levels between paper and print; the back of the sheet seen through is less
WORD_SPACE = 0.05  # share of a stretch's columns free of ink: the spaces between words at least
GLYPH_SPACING = 4.0  # line heights: print has at least one letter this often (words touch)
MIN_CONF = 50.0  # a word read alone below this is a guess at a mark, not text
MIN_TEXT_SHARE = 0.5  # of a re-read piece's words that must be Vietnamese syllables or numbers
_GAP = 24  # pixels of white around a piece read alone


@dataclass(frozen=True, slots=True)
class LineCheck:
    """What the check found on one page: pieces of lines OCR lost, and those still unread after
    they were read alone (ink that holds no text OCR can read: a stamp, a signature's print)."""

    lost: int = 0
    recovered: int = 0

    @property
    def unread(self) -> int:
        return self.lost - self.recovered

    def verdict(self) -> str:
        """The note the page's reading verdict carries (empty when nothing was lost)."""
        if not self.lost:
            return ""
        note = f"{self.lost} text line(s) missed by page OCR, {self.recovered} read line by line"
        return note if not self.unread else f"{note}; {self.unread} unread"

    @staticmethod
    def of_verdict(verdict: str) -> LineCheck:
        """The check as a page's verdict reports it (what the evaluation counts)."""
        found = _VERDICT.search(verdict or "")
        return LineCheck(int(found[1]), int(found[2])) if found else LineCheck()


_VERDICT = re.compile(r"(\d+) text line\(s\) missed by page OCR, (\d+) read line by line")


def ink_lines(mask: np.ndarray, dpi: int) -> list[Box]:
    """Bands of print, one per line and column, in pixels (mask: print as 255, rules erased)."""
    gap = max(3, round(WORD_GAP * dpi))
    closed = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (gap, 1)))
    n, _, stats, _ = cv2.connectedComponentsWithStats(closed, connectivity=8)
    low, high = MIN_LINE_HEIGHT * dpi, MAX_LINE_HEIGHT * dpi
    out = []
    for x, y, w, h, _area in stats[1:n]:
        if low <= h <= high and w >= MIN_LOST_WIDTH * h:
            out.append(Box(float(x), float(y), float(x + w), float(y + h)))
    return out


def lost_pieces(
    mask: np.ndarray, gray: np.ndarray, dpi: int, words: list[Box], apart: Sequence[Box] = ()
) -> list[Box]:
    """Stretches of the page's lines of print (mask, of the image `gray`) that no OCR word
    (boxes in pixels) covers, outside the regions `apart` (tables, whose cells are checked and
    read on their own)."""
    covered = np.zeros(mask.shape, dtype=bool)
    for b in words:
        # A word's box leaves out its tone marks and descenders, and bold strokes at its ends.
        pad = b.height / 3
        covered[
            max(0, int(b.top - pad)) : max(0, int(b.bottom + pad)),
            max(0, int(b.x0 - pad)) : max(0, int(b.x1 + pad)),
        ] = True
    gap = max(3, round(WORD_GAP * dpi))
    lost = []
    for line in ink_lines(mask, dpi):
        if any(a.contains_point(line.cx, line.cy) for a in apart):
            continue
        x0, y0, x1, y1 = int(line.x0), int(line.top), int(line.x1), int(line.bottom)
        ink = mask[y0:y1, x0:x1] > 0
        bare = ink & ~covered[y0:y1, x0:x1]
        if np.count_nonzero(bare) <= (1 - COVERED_SHARE) * np.count_nonzero(ink):
            continue  # most of the line was read: what is left is edges of words
        for start, end in _runs(bare.any(axis=0), gap):
            piece = bare[:, start:end]
            shade = gray[y0:y1, x0 + start : x0 + end]
            if end - start < MIN_LOST_WIDTH * (y1 - y0) or not _is_print(piece, shade, dpi):
                continue
            rows = np.nonzero(piece.any(axis=1))[0]
            top, bottom = y0 + int(rows[0]), y0 + int(rows[-1]) + 1
            lost.append(Box(float(x0 + start), float(top), float(x0 + end), float(bottom)))
    return lost


def _runs(columns: np.ndarray, gap: int) -> list[tuple[int, int]]:
    """Runs of True, bridging gaps up to `gap` (the spaces between words)."""
    runs: list[tuple[int, int]] = []
    for x in np.nonzero(columns)[0]:
        if runs and x - runs[-1][1] <= gap:
            runs[-1] = (runs[-1][0], int(x) + 1)
        else:
            runs.append((int(x), int(x) + 1))
    return runs


def _is_print(piece: np.ndarray, gray: np.ndarray, dpi: int) -> bool:
    """Letters side by side: marks as tall as a letter's body, about one every few heights (a
    signature's stroke is one mark, a scanner's edge or dust a row of specks, a dotted leader
    a row of dots), darker than the paper by as much as print is (not the other side of the
    sheet showing through)."""
    ink = gray[piece]
    if ink.size and float(np.median(gray[~piece])) - float(np.median(ink)) < MIN_CONTRAST:
        return False
    n, _, stats, _ = cv2.connectedComponentsWithStats(piece.astype(np.uint8), connectivity=8)
    rows = np.nonzero(piece.any(axis=1))[0]
    height = int(rows[-1] - rows[0] + 1) if rows.size else 0
    body = max(MIN_LETTER * dpi, LETTER_BODY * height)
    letters = int(np.count_nonzero(stats[1:n, cv2.CC_STAT_HEIGHT] >= body))
    if letters < max(MIN_GLYPHS, piece.shape[1] / (GLYPH_SPACING * max(1, height))):
        return False
    # Between words (and most letters) the paper shows through from top to bottom; a band of
    # dust or a grey edge has no such gaps.
    return float(np.mean(~piece.any(axis=0))) >= WORD_SPACE


def reread_lost_lines(
    words: list[Word], image: np.ndarray, mask: np.ndarray, dpi: int, engine: OcrEngine,
    apart: Sequence[Box] = (),
) -> tuple[list[Word], LineCheck]:
    """Words of the lost pieces of lines (boxes in pixels, as `words`), each piece straightened
    on its own and read alone, all in one call; and what the check found (apart: regions left
    out, as for lost_pieces)."""
    pieces = lost_pieces(mask, image, dpi, [w.box for w in words], apart)
    if not pieces:
        return [], LineCheck()
    h, w = image.shape[:2]
    padded = []
    for b in pieces:
        pad = 0.3 * b.height
        box = Box(b.x0 - pad, b.top - pad, b.x1 + pad, b.bottom + pad)
        padded.append(Box(max(0, box.x0), max(0, box.top), min(w, box.x1), min(h, box.bottom)))
    added: list[Word] = []
    recovered = 0
    for piece in padded:
        # Alone, as one line (psm 7): Tesseract's block layout found nothing in a strip of such
        # pieces stacked (a photo's grey lines), where it reads each piece by itself.
        part = image[int(piece.top) : int(piece.bottom), int(piece.x0) : int(piece.x1)]
        part = rotate_small(part, estimate_skew(ink_mask(part)))
        framed = cv2.copyMakeBorder(part, _GAP, _GAP, _GAP, _GAP, cv2.BORDER_CONSTANT, value=255)
        found = engine.read(framed, dpi, psm=7)
        # Only words that read as words: the rest of a stamp or a seal's ring stays out.
        texts = [x for x in found if x.conf >= MIN_CONF and _is_text(x.text)]
        if not texts or len(texts) < MIN_TEXT_SHARE * len(found):
            continue
        recovered += 1
        dx, dy = piece.x0 - _GAP, piece.top - _GAP
        for x in texts:
            b = x.box
            added.append(Word(x.text, Box(b.x0 + dx, b.top + dy, b.x1 + dx, b.bottom + dy), x.conf,
                              None, x.size, reread=True))
    return added, LineCheck(len(pieces), recovered)


def _is_text(word: str) -> bool:
    core = word.strip(".,;:()\"'“”!?-–")
    return bool(core) and (is_syllable(core) or core.replace(".", "").replace("/", "").isdigit())
