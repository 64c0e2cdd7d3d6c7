"""Section headings ("II. NỘI DUNG"): numbered in sequence, worded as offices word them."""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from pipeline.vietnamese.numbering import ocr_numeral, roman, roman_value
from pipeline.vietnamese.text import fold

HEADING = re.compile(r"^([IVXLl1|H]+)\s*[.:]\s+(.+)$")  # OCR reads "II" as "H" ("HI.")

# The headings plans use; OCR that loses a mark ("TỔ CHÚC") is put right by the folded form.
KNOWN = [
    "MỤC ĐÍCH, YÊU CẦU",
    "MỤC ĐÍCH",
    "YÊU CẦU",
    "MỤC TIÊU",
    "MỤC TIÊU, YÊU CẦU",
    "NỘI DUNG",
    "NỘI DUNG THỰC HIỆN",
    "NHIỆM VỤ CỤ THỂ",
    "NHIỆM VỤ VÀ GIẢI PHÁP",
    "NHIỆM VỤ, GIẢI PHÁP",
    "NHIỆM VỤ TRỌNG TÂM",
    "NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU",
    "GIẢI PHÁP THỰC HIỆN",
    "KINH PHÍ",
    "KINH PHÍ THỰC HIỆN",
    "TỔ CHỨC THỰC HIỆN",
    "PHÂN CÔNG NHIỆM VỤ",
    "CHẾ ĐỘ BÁO CÁO",
    "THỜI GIAN THỰC HIỆN",
    "PHẠM VI, ĐỐI TƯỢNG",
    "TRÁCH NHIỆM THỰC HIỆN",
    "KẾT QUẢ ĐẠT ĐƯỢC",
]
_KNOWN_BY_KEY = {fold(h): h for h in KNOWN}
def section_heading(text: str, previous: int) -> tuple[int, str] | None:
    """(number, "III. TỔ CHỨC THỰC HIỆN") for a section heading line, else None.

    Sections run I, II, III…: a numeral that OCR shortened ("II" for "III") or misread
    ("Il", "1I") after section `previous` is taken as the next one.
    """
    m = HEADING.match(text.strip())
    if not m or m[2].upper() != m[2]:
        return None
    value = roman_value(ocr_numeral(m[1]))
    if value is None or value <= previous:
        value = previous + 1
    title = m[2].strip().rstrip(".:")
    title = _known(title)
    return value, f"{roman(value)}. {title}"


def _known(title: str) -> str:
    """The heading as offices spell it, when OCR's reading is close to one ("TỔ CHỨC THỤỰC HIỆN")."""
    key = fold(title)
    found = process.extractOne(key, list(_KNOWN_BY_KEY), scorer=fuzz.ratio, score_cutoff=88)
    return _KNOWN_BY_KEY[found[0]] if found else title
