"""Seals and signatures (colour ink) are lifted; black print, also under a seal, stays."""

import numpy as np

from pipeline.sources.ink import to_gray_without_colour_marks


def _page() -> np.ndarray:
    bgr = np.full((120, 90, 3), 245, dtype=np.uint8)  # off-white paper
    bgr[10:20, 10:80] = (20, 20, 20)  # a line of black print
    for top in range(60, 120, 12):
        bgr[top : top + 8, 5:85] = (20, 20, 20)  # the body's print: most of a page's ink
    bgr[30:50, 10:40] = (40, 40, 220)  # red seal ink (BGR)
    bgr[30:50, 50:80] = (200, 60, 40)  # blue signature
    bgr[35:45, 20:30] = (15, 15, 60)  # print under the seal: dark, slightly red
    return bgr


def test_colour_strokes_become_paper() -> None:
    gray, share = to_gray_without_colour_marks(_page())
    assert gray[40, 12] == 255 and gray[40, 60] == 255
    assert share > 0.1


def test_black_print_stays_also_under_a_seal() -> None:
    gray, _ = to_gray_without_colour_marks(_page())
    assert gray[15, 40] < 60
    assert gray[40, 25] < 80


def test_grey_scan_is_untouched() -> None:
    bgr = np.repeat(np.linspace(0, 255, 90, dtype=np.uint8)[None, :, None], 3, axis=2).repeat(20, axis=0)
    gray, share = to_gray_without_colour_marks(np.ascontiguousarray(bgr))
    assert share == 0.0
    assert np.array_equal(gray, bgr[:, :, 0])


def test_print_tinted_by_the_scanner_stays_and_the_seal_still_goes() -> None:
    """Most real colour scans tint the print (blue-black, violet): that is print, not a pen."""
    bgr = np.full((60, 90, 3), 245, dtype=np.uint8)
    bgr[5:25, 5:85] = (110, 40, 45)  # lines of print, dark and blue-violet (BGR)
    bgr[30:50, 10:40] = (40, 40, 220)  # a red seal
    gray, _ = to_gray_without_colour_marks(bgr)
    assert gray[15, 40] < 100  # the print is kept
    assert gray[40, 20] == 255  # the seal is lifted
