"""Words into lines: the one grouping every stage reads."""

from __future__ import annotations

from pipeline.model import Box, Word
from pipeline.sources.reading import text_lines


def test_a_tall_word_does_not_pull_the_next_line_into_this_one() -> None:
    # Two lines of one paragraph on a tilted sheet; the first word of the second line is tall
    # (a descender and a tone mark) and overlaps the first line too.
    first = [Word(t, Box(100 + 60 * i, 100 + i, 150 + 60 * i, 112 + i), 95.0, (1, 1, 1))
             for i, t in enumerate("kế hoạch tổ chức".split())]
    second = [Word("mình", Box(40, 104, 90, 128), 95.0, (1, 1, 2))]
    second += [Word(t, Box(100 + 60 * i, 116, 150 + 60 * i, 128), 95.0, (1, 1, 2))
               for i, t in enumerate("khi có yêu cầu".split())]
    lines = text_lines(first + second)
    assert [" ".join(w.text for w in line) for line in lines] == ["kế hoạch tổ chức", "mình khi có yêu cầu"]


def test_words_level_with_each_other_stay_one_line_whatever_ocr_numbered() -> None:
    # A table row whose cells OCR read as two lines of one paragraph: they print on one line.
    row = [Word("Trình", Box(100, 100, 150, 112), 95.0, (1, 1, 2)),
           Word("duyệt", Box(160, 100, 210, 112), 95.0, (1, 1, 2)),
           Word("Quyết", Box(400, 101, 450, 113), 95.0, (1, 1, 1)),
           Word("định", Box(460, 101, 500, 113), 95.0, (1, 1, 1))]
    assert [" ".join(w.text for w in line) for line in text_lines(row)] == ["Trình duyệt Quyết định"]
