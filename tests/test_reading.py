"""Words into lines: the one grouping every stage reads."""

from __future__ import annotations

from pipeline.model import Box, Word
from pipeline.sources.reading import text_lines


def _line(texts: str, x: float, top: float, slope: float = 0.0, height: float = 12.0,
          key: tuple[int, ...] | None = None) -> list[Word]:
    """Words of one printed line from x on, the line rising `slope` pixels a pixel to the right."""
    out = []
    for word in texts.split():
        width = 10.0 * len(word)
        y = top + slope * (x - 100)
        out.append(Word(word, Box(x, y, x + width, y + height), 95.0, key))
        x += width + 8
    return out


def _texts(words: list[Word]) -> list[str]:
    return [" ".join(w.text for w in line) for line in text_lines(words)]


def test_a_tall_word_and_a_speck_do_not_pull_the_next_line_into_this_one() -> None:
    # A word grown by a descender and a tone mark reaches down towards the next line, and a speck
    # OCR read as a letter touches both it and the next line: no chain from one line to the next.
    first = _line("nguy", 100, 98, height=20) + _line("hiểm và trình tự thủ tục", 150, 100)
    second = _line("cấp giấy chứng nhận hoàn thành", 100, 116)
    speck = Word("h", Box(105, 114, 108, 119), 90.0)
    lines = [[w.text for w in line if w is not speck] for line in text_lines(first + second + [speck])]
    assert [" ".join(line) for line in lines if line] == [
        "nguy hiểm và trình tự thủ tục", "cấp giấy chứng nhận hoàn thành"
    ]


def test_the_lines_of_a_tilted_paragraph_do_not_interleave() -> None:
    # Tilted by more than half a line over its width: a global band would mix the two lines.
    first = _line("các sở ban ngành cấp tỉnh chủ động triển khai", 100, 100, slope=-0.02)
    second = _line("theo chức năng nhiệm vụ được giao hằng năm", 100, 118, slope=-0.02)
    assert _texts(second + first) == [
        "các sở ban ngành cấp tỉnh chủ động triển khai",
        "theo chức năng nhiệm vụ được giao hằng năm",
    ]


def test_words_level_with_each_other_stay_one_line_whatever_ocr_numbered() -> None:
    # A table row whose cells OCR read as two lines of one paragraph: they print on one line.
    row = _line("Trình duyệt", 100, 100, key=(1, 1, 2)) + _line("Quyết định", 400, 101, key=(1, 1, 1))
    assert _texts(row) == ["Trình duyệt Quyết định"]


def test_two_lines_of_a_cell_stay_two_lines_beside_a_cell_of_one() -> None:
    label = _line("Trách nhiệm", 100, 100) + _line("thực hiện", 100, 116)
    beside = _line("Thời gian", 300, 108)
    lines = text_lines(label + beside)
    assert [w.text for w in lines[0]][:2] == ["Trách", "nhiệm"]
    assert any(" ".join(w.text for w in line).startswith("thực hiện") for line in lines)
