"""Roman numerals as offices print them and as OCR misreads them."""

from pipeline.vietnamese.numbering import ocr_numeral, roman, roman_value


def test_roman_numerals_both_ways() -> None:
    assert [roman(n) for n in (1, 4, 9, 14, 40, 1990)] == ["I", "IV", "IX", "XIV", "XL", "MCMXC"]
    assert [roman_value(t) for t in ("III", "IX", "XII", "XL")] == [3, 9, 12, 40]


def test_what_is_not_a_numeral_has_no_value() -> None:
    assert [roman_value(t) for t in ("IIII", "VX", "C", "A", "")] == [None, None, None, None, None]


def test_ocr_misreadings_of_a_numeral_put_right() -> None:
    assert [ocr_numeral(t) for t in ("HI", "Il", "1I", "|V")] == ["III", "II", "II", "IV"]
