"""How offices number things: roman section and group numerals, and OCR's misreadings of them."""

from __future__ import annotations

import re

_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]  # fmt: skip


def roman(n: int) -> str:
    """12 -> "XII"."""
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out += letters
            n -= value
    return out


def roman_value(text: str) -> int | None:
    """"XII" -> 12; None for what is not a roman numeral up to L (a group letter "C" stays one)."""
    values = {"I": 1, "V": 5, "X": 10, "L": 50}
    total = 0
    for i, c in enumerate(text):
        v = values.get(c)
        if v is None:
            return None
        nxt = values.get(text[i + 1], 0) if i + 1 < len(text) else 0
        total += -v if v < nxt else v
    return total if total > 0 and roman(total) == text else None


def ocr_numeral(text: str) -> str:
    """A roman numeral as OCR misreads it, put right: "HI" (II read as H) is "III", "Il" is "II"."""
    return re.sub(r"[l1|]", "I", text).replace("H", "II")
