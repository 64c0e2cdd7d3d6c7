"""The second recogniser's say over tone marks: taken on evidence, never just because it is second."""

from __future__ import annotations

from collections import Counter

import numpy as np

from pipeline.model import Box, Word
from pipeline.sources.second import _decode, choose, reread_doubted_words


def _word(text: str, conf: float, x: int = 0) -> Word:
    return Word(text, Box(x, 10, x + 60, 40), conf, (1, 1, 1))


def test_a_syllable_replaces_a_reading_that_is_none() -> None:
    # "quyêt" is no Vietnamese syllable ("quyết" is); even a sure Tesseract is wrong there.
    assert choose(_word("quyêt", 96.0), "quyết", 0.6, Counter()) == "quyết"


def test_a_doubted_word_takes_the_sure_second_reading() -> None:
    assert choose(_word("tô", 80.0), "tổ", 0.97, Counter()) == "tổ"


def test_an_unsure_second_reading_leaves_a_valid_word_alone() -> None:
    assert choose(_word("tô", 80.0), "tổ", 0.6, Counter()) == "tô"


def test_a_sure_first_reading_stays_when_both_are_syllables() -> None:
    assert choose(_word("báo", 97.0), "bảo", 0.99, Counter()) == "báo"


def test_the_pages_vocabulary_decides_between_two_syllables() -> None:
    seen = Counter({"chuyển": 3})
    assert choose(_word("chuyên", 95.0), "chuyển", 0.7, seen) == "chuyển"
    # ...and keeps the first when only it is attested
    assert choose(_word("công", 80.0), "cống", 0.99, Counter({"công": 5})) == "công"


def test_only_marks_change_letters_case_and_punctuation_stay() -> None:
    assert choose(_word("SÔ:", 70.0), "số", 0.99, Counter()) == "SỐ:"
    assert choose(_word("đinh", 70.0), "định.", 0.99, Counter()) == "định"  # its period not added
    assert choose(_word("kiểm", 70.0), "hiểm", 0.99, Counter()) == "kiểm"  # another letter: no


def test_ctc_decoding_gives_each_word_its_least_sure_letter() -> None:
    chars = {0: "<blank>", 1: "t", 2: "ổ", 3: " ", 4: "a"}
    frames = [(1, 0.9), (1, 0.95), (0, 0.99), (2, 0.7), (3, 0.99), (4, 0.8), (0, 0.99), (4, 0.99)]
    log_probs = np.full((len(frames), 5), np.log(1e-4), dtype=np.float32)
    for t, (index, p) in enumerate(frames):
        log_probs[t, index] = np.log(p)
    words = _decode(log_probs, chars, 0)
    assert [w for w, _ in words] == ["tổ", "aa"]  # a blank between two a's keeps both
    assert abs(words[0][1] - 0.7) < 1e-3 and abs(words[1][1] - 0.8) < 1e-3


class _Reader:
    def __init__(self, readings: list[list[tuple[str, float]]]) -> None:
        self.readings, self.crops = readings, 0

    def read_lines(self, crops: list[np.ndarray]) -> list[list[tuple[str, float]]]:
        self.crops += len(crops)
        return self.readings[: len(crops)]


def test_only_doubted_words_are_read_again() -> None:
    words = [_word("Thành", 97.0, 0), _word("lập", 96.0, 70), _word("tô", 71.0, 140)]
    reader = _Reader([[("tổ", 0.98)]])
    out = reread_doubted_words(words, np.full((60, 300), 255, np.uint8), reader)
    assert reader.crops == 1
    assert [w.text for w in out] == ["Thành", "lập", "tổ"] and out[2].reread and not out[0].reread


def test_a_word_read_as_two_is_not_the_same_word() -> None:
    reader = _Reader([[("t", 0.99), ("ổ", 0.99)]])
    out = reread_doubted_words([_word("tô", 71.0)], np.full((60, 300), 255, np.uint8), reader)
    assert out[0].text == "tô"


def test_a_box_no_word_is_that_wide_is_not_read_again() -> None:
    # a row of dots or a rule remnant read as one "word": the model would fail on it
    words = [Word("mmmmmmmmmmm", Box(0, 10, 900, 30), 20.0, (1, 1, 1)), _word("tô", 71.0, 950)]
    reader = _Reader([[("tổ", 0.98)]])
    out = reread_doubted_words(words, np.full((60, 1100), 255, np.uint8), reader)
    assert reader.crops == 1 and out[1].text == "tổ"
