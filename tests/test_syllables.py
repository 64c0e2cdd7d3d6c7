"""Vietnamese syllables: what OCR and legacy-font guesses are judged by."""

from __future__ import annotations

from pipeline.vietnamese.syllables import is_syllable


def test_a_rhyme_closed_by_a_stop_takes_only_the_acute_or_the_dot_below() -> None:
    assert all(is_syllable(w) for w in ("tốt", "việc", "quyết", "học", "thích", "nhập"))
    # the marks OCR dropped or changed: no such syllable exists
    assert not any(is_syllable(w) for w in ("tôt", "viêc", "quyêt", "hoc", "thìch", "nhẫp"))


def test_open_rhymes_take_any_tone() -> None:
    assert all(is_syllable(w) for w in ("tô", "tổ", "tố", "tồ", "tỗ", "tộ", "Quốc", "hòa"))
