"""Text clean-up shared by the stages: NFC, tone-mark placement, folding, cell lines to items."""

from __future__ import annotations

import re
import unicodedata

# Old-style tone placement ("hoà", "Uỷ", "thuý") -> the placement official spelling uses
# ("hòa", "Ủy", "thúy"). Only the oa/oe/uy pairs differ between the two styles; after q the
# u is part of the consonant ("quý"), so the mark stays where it is.
_OLD_STYLE = re.compile(
    r"(?i)(?<![qQ])([oOuU])([aAeEyY])([\u0300\u0301\u0309\u0303\u0323])(?![^\W\d_]|[\u0300-\u036f])"
)

# List-item markers, in one place: the dashes offices type (and OCR reads them as), the bullets
# of Word and PDF converters, and "+" for the level below a dash.
DASHES = "-–—−•●▪◦*·"
BULLETS = DASHES + "+"
DASH = "[" + re.escape(DASHES) + "]"  # a character class, for patterns
BULLET = "[" + re.escape(BULLETS) + "]"
_BULLET = re.compile(rf"^\s*{BULLET}\s*")
_EDGE_NOISE = re.compile(r"^[|\]\[!]+\s*|\s*[|\]\[]+$")


def nfc(text: str) -> str:
    """Composed Vietnamese: "Ủy" in one code point per letter, whatever the source emitted.
    Every text the pipeline keeps goes through here."""
    return unicodedata.normalize("NFC", str(text))


_TONE_MARKS = "\u0300\u0301\u0309\u0303\u0323"
_SHAPE_MARKS = "\u0302\u0306\u031b"  # circumflex, breve, horn: â ê ô ă ơ ư
_SYLLABLE = re.compile(r"(?:[^\W\d_]|[\u0300-\u036f])+")  # letters with their combining marks


def official_tones(text: str) -> str:
    """Tone marks where official spelling puts them.

    "oa/oe/uy" at a syllable end carry the mark on the first vowel ("hòa", "Ủy"), and a syllable
    with a shaped vowel (â ê ô ă ơ ư) carries it on that vowel (the last one: "ười"). Text layers
    and OCR sometimes put it elsewhere ("lụât" for "luật").
    """
    decomposed = unicodedata.normalize("NFD", text)
    fixed = _OLD_STYLE.sub(lambda m: m[1] + m[3] + m[2], decomposed)
    return nfc(_SYLLABLE.sub(_tone_on_shaped_vowel, fixed))


def _tone_on_shaped_vowel(m: re.Match[str]) -> str:
    syl = m[0]
    tones = [i for i, c in enumerate(syl) if c in _TONE_MARKS]
    shaped = [_base(syl, i) for i, c in enumerate(syl) if c in _SHAPE_MARKS]
    if len(tones) != 1 or not shaped:
        return syl
    t, target = tones[0], shaped[-1]
    if _base(syl, t) == target:
        return syl
    without = syl[:t] + syl[t + 1 :]
    target = target if target < t else target - 1
    moved = without[: target + 1] + syl[t] + without[target + 1 :]
    return unicodedata.normalize("NFD", moved)  # canonical order of the marks again


def _base(syl: str, i: int) -> int:
    """Index of the letter a combining mark at i sits on."""
    while i > 0 and unicodedata.combining(syl[i]):
        i -= 1
    return i


def tidy(text: str) -> str:
    """NFC, official tone placement, the OCR "Ð" (U+00D0) as "Đ", whitespace collapsed."""
    text = official_tones(nfc(text))
    # Tesseract's vie model sometimes emits Đ twice, once as U+00D0 ("HĐÐ"); no word has two.
    text = re.sub("[\u0110\u00d0]{2,}", "Đ", text).replace("\u00d0", "Đ")
    return re.sub(r"\s+", " ", text).strip()


def fold(text: str) -> str:
    """Lowercase ASCII key without marks: for matching words that OCR or typists vary."""
    text = nfc(text).lower().replace("đ", "d").replace("\u00f0", "d")
    text = "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")
    return re.sub(r"\s+", " ", re.sub(r"[^a-z0-9/ ]", " ", text)).strip()


def clean_cell_line(line: str) -> str:
    """A cell's text line without the rule fragments OCR reads at the cell's edge ("|", "]")."""
    return _EDGE_NOISE.sub("", tidy(line)).strip()


def strip_bullet(text: str) -> str:
    return _BULLET.sub("", text, count=1).strip()


def is_bullet(text: str) -> bool:
    return bool(_BULLET.match(text)) and not re.match(r"^\s*-?\d", text)


def items_text(lines: list[str]) -> str:
    """A cell's lines as its items, one per line: a bullet starts an item, other lines continue it."""
    items: list[str] = []
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if is_bullet(line) or not items:
            items.append(strip_bullet(line) if is_bullet(line) else line)
        else:
            items[-1] = f"{items[-1]} {line}"
    return "\n".join(re.sub(r"\s+", " ", it).strip() for it in items if it.strip())


def agency_cell_text(lines: list[str]) -> str:
    """An agency cell's lines with wrapped names put back together.

    Names of bodies start with a capital ("Phòng", "UBND", "Các"): a line that starts in lower
    case ("huyện", "các xã, thị trấn") goes on with the name above it.
    """
    out: list[str] = []
    for line in lines:
        line = line.strip()
        # "Bộ" or "Sở" alone ends a name wrapped in a narrow column ("Thanh tra" / "Bộ").
        own_office = fold(line).strip(" .;,") in _OWN_OFFICE
        if out and (line[:1].islower() or ends_mid_name(out[-1]) or own_office):
            out[-1] = f"{out[-1]} {line}"
        elif line:
            out.append(line)
    return "\n".join(out)


_OWN_OFFICE = {"bo", "so"}  # "Văn phòng Bộ", "Thanh tra Sở": an office of the issuing body

# Words a body's name does not end with: "Phòng" / "NN&PTNT", "UBND các" / "xã, thị trấn".
_MID_NAME = {
    "phong",
    "so",
    "ban",
    "ubnd",
    "hdnd",
    "cac",
    "va",
    "trung",
    "tam",
    "hoi",
    "doan",
    "cuc",
    "chi",
    "van",
}


def ends_mid_name(line: str) -> bool:
    words = fold(line).split()
    # "Vụ" alone heads a name ("Vụ" / "Pháp chế"); at a line's end it is "Nội vụ"'s last word.
    head_alone = words == ["vu"]
    return bool(words) and (words[-1] in _MID_NAME or head_alone or line.rstrip().endswith(("&", "-", ",")))
