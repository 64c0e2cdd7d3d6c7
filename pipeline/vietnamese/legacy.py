"""Text layers in the legacy Vietnamese font encodings TCVN3 (ABC, ".VnTime") and VNI, back to Unicode.

Office PDFs made with those fonts extract as valid characters that are not Vietnamese
("KÕ ho¹ch", "Keá hoaïch"). The tables below are the public code charts of both encodings,
written as one row per vowel: the vowel without tone, then with grave, acute, hook, tilde, dot.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from pipeline.vietnamese.syllables import syllable_share

_TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]
_VOWELS = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"]

# TCVN3: one byte per letter (lowercase; uppercase fonts ".VnTimeH" reuse the same bytes).
_TCVN3 = {
    "a": "aµ¸¶·¹",
    "ă": "¨»¾¼½Æ",
    "â": "©ÇÊÈÉË",
    "e": "eÌÐÎÏÑ",
    "ê": "ªÒÕÓÔÖ",
    "i": "i×ÝØÜÞ",
    "o": "oßãáâä",
    "ô": "«åèæçé",
    "ơ": "¬êíëìî",
    "u": "uïóñòô",
    "ư": "\xadõøö÷ù",
    "y": "yúýûüþ",
}
_TCVN3_EXTRA = {"đ": "®", "Ă": "¡", "Â": "¢", "Ê": "£", "Ô": "¤", "Ơ": "¥", "Ư": "¦", "Đ": "§"}

# VNI: the base letter followed by a mark character (a few letters are one character).
_VNI_TONE = ["", "ø", "ù", "û", "õ", "ï"]
_VNI_CIRCUMFLEX = ["â", "à", "á", "å", "ã", "ä"]
_VNI_BREVE = ["ê", "è", "é", "ú", "ü", "ë"]
_VNI_SINGLE = {"i": ["i", "ì", "í", "æ", "ó", "ò"], "y": ["y", "yø", "yù", "yû", "yõ", "î"]}
_VNI_HORN = {"ơ": "ô", "ư": "ö"}


def _letter(vowel: str, tone: int) -> str:
    return unicodedata.normalize("NFC", vowel + _TONES[tone])


def _vni_forms(vowel: str, tone: int) -> str:
    if vowel in _VNI_SINGLE:
        return _VNI_SINGLE[vowel][tone]
    if vowel in ("â", "ê", "ô"):
        return {"â": "a", "ê": "e", "ô": "o"}[vowel] + _VNI_CIRCUMFLEX[tone]
    if vowel == "ă":
        return "a" + _VNI_BREVE[tone]
    if vowel in _VNI_HORN:
        return _VNI_HORN[vowel] + _VNI_TONE[tone]
    return vowel + _VNI_TONE[tone]


@cache
def _table(encoding: str) -> tuple[re.Pattern[str], dict[str, str]]:
    pairs: dict[str, str] = {}
    for vowel in _VOWELS:
        for tone in range(6):
            uni = _letter(vowel, tone)
            if encoding == "tcvn3":
                code = _TCVN3[vowel][tone]
                if code != uni:
                    pairs[code] = uni
            else:
                code = _vni_forms(vowel, tone)
                if code != uni:
                    pairs[code] = uni
                    pairs[code.upper()] = uni.upper()
    if encoding == "tcvn3":
        pairs.update({code: uni for uni, code in _TCVN3_EXTRA.items()})
    else:
        pairs.update({"ñ": "đ", "Ñ": "Đ"})
    keys = sorted(pairs, key=len, reverse=True)  # longest first: "aù" before "a"
    return re.compile("|".join(re.escape(k) for k in keys)), pairs


def decode(text: str, encoding: str) -> str:
    pattern, pairs = _table(encoding)
    out = pattern.sub(lambda m: pairs[m[0]], text)
    return _fix_case(out) if encoding == "tcvn3" else out


def restore_capitals(words: list[str]) -> list[str]:
    """TCVN3 has no code for a capital vowel with a tone mark ("Ủ", "Ấ"): offices type the small
    one, and it decodes in lower case. "Ủy ban" is written with its capital in every name, so
    there the capital is certain. words: in reading order."""
    out = list(words)
    for i, w in enumerate(out[:-1]):
        if w == "ủy" and out[i + 1].startswith("ban"):
            out[i] = "Ủy"
    return out


def _fix_case(text: str) -> str:
    """Uppercase fonts of TCVN3 reuse the lowercase codes: "HOẠCH" extracts as "HO¹CH"."""

    def word(m: re.Match[str]) -> str:
        w = m[0]
        ascii_letters = [c for c in w if c.isascii() and c.isalpha()]
        if len(ascii_letters) >= 2 and all(c.isupper() for c in ascii_letters):
            return w.upper()
        return w

    return re.sub(r"[^\W\d_]+", word, text)


def to_unicode(text: str) -> tuple[str, str]:
    """(text in Unicode, the encoding it was in): the reading whose words are Vietnamese syllables.

    Both legacy encodings reuse Latin-1 letters, so a character alone does not tell them apart;
    decoding both ways and keeping the one that spells Vietnamese does.
    """
    best, best_score = (text, "unicode"), syllable_share(text)
    for encoding in ("tcvn3", "vni"):
        converted = decode(text, encoding)
        score = syllable_share(converted)
        if score > best_score + 0.05:
            best, best_score = (converted, encoding), score
    return best
