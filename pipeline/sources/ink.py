"""Colour marks apart from black print: red seals and blue signatures are lifted before OCR.

Official documents are printed black; a seal (red) or a signature (blue or violet) on top of the
signer block or the text makes OCR read garbage there. In a colour scan those strokes are
saturated, the print is not, so they can be whited out; print under a seal stays, being dark.
"""

from __future__ import annotations

import cv2
import numpy as np

MIN_SATURATION = 50  # of 255: paper and black toner are well below, ink pens well above
MIN_GRAY = 55  # darker than this is print (or print under a seal), whatever its hue
BLUE_HUES = (90, 150)  # OpenCV hue (0-180): blue to violet
FRINGE_GRAY = 110  # the blurred edge of a stroke: lighter than print, lifted with the stroke
RED_HUES = (10, 160)  # OpenCV hue: red is at or below the first, or at or above the second
PRINT_CORE = 100  # the dark core of printed strokes
# Median saturation of those cores: black toner scans at 0-15; real colour scans of real
# documents measured 26-229 (the real corpus), the print tinted blue or violet.
TINTED_PRINT = 30


def to_gray_without_colour_marks(bgr: np.ndarray) -> tuple[np.ndarray, float]:
    """Grayscale page with coloured strokes turned to paper; also the share of pixels lifted."""
    hsv = cv2.cvtColor(bgr, cv2.COLOR_BGR2HSV)
    gray = cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)
    saturated = hsv[:, :, 1] > MIN_SATURATION
    # Blue and violet are pen ink (signatures, numbers written in) however dark; a dark red is
    # print under a seal, and stays.
    blue = (hsv[:, :, 0] >= BLUE_HUES[0]) & (hsv[:, :, 0] <= BLUE_HUES[1])
    coloured = saturated & (blue | (gray > MIN_GRAY))
    core = gray < PRINT_CORE
    if core.any() and float(np.median(hsv[:, :, 1][core])) >= TINTED_PRINT:
        # The cores of the strokes are coloured: the print itself is tinted (a scanner's colour
        # cast, blue-black toner; most real colour scans), not only a seal or a signature on
        # it. Only red strokes (seals) are lifted then, and only where lighter than print.
        hue = hsv[:, :, 0]
        red = (hue <= RED_HUES[0]) | (hue >= RED_HUES[1])
        coloured = saturated & red & (gray > MIN_GRAY)
    share = float(np.count_nonzero(coloured)) / coloured.size
    if share:
        # JPEG and the scanner blur a stroke's edge into grey: lift that fringe too, or OCR
        # reads the outline of the seal that is left.
        grown = cv2.dilate(coloured.astype(np.uint8), np.ones((5, 5), np.uint8)).astype(bool)
        gray[coloured | (grown & (gray > FRINGE_GRAY))] = 255
    return gray, share
