"""Judge a PDF page's text layer before trusting it.

Scanners add invisible OCR layers made without Vietnamese ("CQNG HOA XA H0I"), legacy office fonts
give mojibake ("KÕ ho¹ch"), and a typed header over a scanned body covers only part of the page.
Each of those pages is read by OCR instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.vietnamese.syllables import syllable_share
from pipeline.vietnamese.text import nfc

# Letters only Vietnamese writes: vowels with tone or shape marks, and đ.
_VI_MARKED = set("àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ")
# Characters that TCVN3 (ABC) and VNI fonts leave in extracted text in place of Vietnamese
# letters, and that Vietnamese written in Unicode never uses.
_LEGACY = set("¸¹µ¶·¨©ª«¬®§¤¥¦Æ×ØÜÞßæçñöøûüþËÎÏÑäëïåÌ")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

MIN_WORDS = 8
MIN_MARKED_SHARE = 0.15  # Vietnamese prose: ~40 % of syllables carry a mark; English OCR: ~0
MIN_SYLLABLE_SHARE = 0.7  # a plan's words are ~97 % syllables (the rest abbreviations: UBND)


@dataclass(frozen=True, slots=True)
class Verdict:
    usable: bool
    reason: str
    over_scan: bool = False  # a good Vietnamese layer over a page image: its rules are in the image
    legacy: bool = False  # in a TCVN3/VNI font: to be converted, then judged again


def judge(text: str, image_cover: float, words_on_image: float) -> Verdict:
    """Whether a page's extracted text can stand for the page.

    image_cover: share of the page covered by its largest image; words_on_image: share of the
    text-layer words that lie over that image (an OCR layer lies on its scan).
    """
    text = nfc(text)
    words = _WORD.findall(text.lower())
    if len(words) < MIN_WORDS:
        if image_cover > 0.5:
            return Verdict(False, "scanned page: no text layer")
        return Verdict(False, "no text layer")
    if image_cover > 0.5 and words_on_image < 0.5:
        return Verdict(False, "text layer covers only part of a scanned page")
    letters = [c for w in words for c in w]
    legacy = sum(c in _LEGACY for c in letters) / len(letters)
    if legacy > 0.03:
        return Verdict(False, "text layer in a legacy font encoding (TCVN3/VNI)", legacy=True)
    marked = sum(any(c in _VI_MARKED for c in w) for w in words) / len(words)
    if marked < MIN_MARKED_SHARE:
        return Verdict(False, f"text layer is not Vietnamese ({marked:.0%} marked syllables)")
    spelled = syllable_share(text)
    if spelled < MIN_SYLLABLE_SHARE:
        return Verdict(False, f"text layer is not Vietnamese ({spelled:.0%} valid syllables)")
    if image_cover > 0.5:
        # A Vietnamese OCR layer over a scan: still read the image, where the ruling lines are.
        return Verdict(False, "Vietnamese text layer over a scanned page", over_scan=True)
    return Verdict(True, "text layer")
