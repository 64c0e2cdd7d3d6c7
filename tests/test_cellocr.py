"""The second look at cells: what goes into the strip that is read again."""

from __future__ import annotations

import cv2
import numpy as np

from pipeline.cellocr import _without_edge_specks


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
