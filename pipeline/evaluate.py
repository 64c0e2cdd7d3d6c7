"""Accuracy measures of an extraction against a truth file."""

from __future__ import annotations

from rapidfuzz.distance import Levenshtein


def cer(read: str, truth: str) -> float:
    """Character error rate: edit distance over the length of the truth."""
    if not truth:
        return 0.0 if not read else 1.0
    return Levenshtein.distance(read, truth) / len(truth)
