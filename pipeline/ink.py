"""Colour marks apart from black print: red seals and blue signatures are lifted before OCR.

Official documents are printed black; a seal (red) or a signature (blue or violet) on top of the
signer block or the text makes OCR read garbage there. In a colour scan those strokes are
saturated, the print is not, so they can be whited out; print under a seal stays, being dark.
"""

from __future__ import annotations

import cv2
import numpy as np

MIN_SATURATION = 70  # of 255: paper and black toner are well below, ink pens well above
MIN_VALUE = 70  # darker than this is print (or print under a seal), whatever its hue


def to_gray_without_colour_marks(bgr: np.ndarray) -> tuple[np.ndarray, float]:
    """Grayscale page with coloured strokes turned to paper; also the share of pixels lifted."""
    hsv = cv2.cvtColor(bgr, cv2.COLOR_BGR2HSV)
    coloured = (hsv[:, :, 1] > MIN_SATURATION) & (hsv[:, :, 2] > MIN_VALUE)
    gray = cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)
    share = float(np.count_nonzero(coloured)) / coloured.size
    if share:
        gray[coloured] = 255
    return gray, share
