"""Text helpers for agency names: tidying, comparison keys, level words, place names, and the
separators of an agency cell.

Offices, keyboards and OCR write the same body in many ways ("Ủy"/"Uỷ", "Đ"/"Ð", dropped
diacritics, a space lost or added). Names are compared on keys that make those writings equal:
`exact_key` keeps every letter and tone but not where the tone mark sits nor the spacing;
`folded_key` also drops the diacritics, for OCR text that lost them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import IntEnum
from functools import lru_cache

from pipeline.vietnamese.text import BULLET, nfc

# The five Vietnamese tone marks as combining characters (NFD), named by their Telex letter.
_TONES = {"\u0300": "f", "\u0301": "s", "\u0303": "x", "\u0309": "r", "\u0323": "j"}
# OCR and old fonts print Icelandic eth or African D for the Vietnamese Đ.
_D_LOOKALIKES = str.maketrans({"Ð": "Đ", "ð": "đ", "Ɖ": "Đ", "ɖ": "đ"})
WORD = re.compile(r"[^\W_]+")  # a run of letters and digits: punctuation is not in a key
_SPACE = re.compile(r"\s+")
# Bullets and item numbers that only mark list items.
_LEAD = re.compile(rf"^(?:(?:\s|{BULLET})+|\d{{1,2}}[.)]\s+|[a-zđ]\)\s+)+")
_TRAIL = re.compile(rf"(?:[\s;,.:/]|{BULLET})+$")
_PLACE_WORD = re.compile(r"^(?:\d+|[^\W\d_][^\W_]*(?:-[^\W_]+)*)$")
_ROMAN = re.compile(r"^[IVXLC]+$")
_DOUBLED = re.compile(r"(.)\1+")

LEVEL_ABBREVIATIONS = {"tp": "thành phố", "tx": "thị xã"}
# The `level` column for each level word: a district-level city is the usual "thành phố"
# of a provincial archive.
LEVEL_OF_WORD = {
    "tỉnh": "tỉnh",
    "thành phố": "huyện",
    "huyện": "huyện",
    "thị xã": "huyện",
    "quận": "huyện",
    "xã": "xã",
    "phường": "xã",
    "thị trấn": "xã",
}
# Party committees named after their level: "Huyện ủy" is the district's.
_COMMITTEE_LEVEL = {"tỉnh ủy": "tỉnh", "huyện ủy": "huyện", "thành ủy": "thành phố",
                    "thị ủy": "thị xã"}
MAX_PLACE_WORDS = 4


def tidy(text: str) -> str:
    """NFC, Đ look-alikes fixed, whitespace collapsed, list bullets and end punctuation removed."""
    text = _SPACE.sub(" ", nfc(text).translate(_D_LOOKALIKES)).strip()
    return _TRAIL.sub("", _LEAD.sub("", text))


@dataclass(frozen=True, slots=True)
class TokenKey:
    base: str  # lowercase letters with their vowel marks, without the tone
    tones: str  # the tone of the word, "" for the level tone
    folded: str  # plain letters: no marks at all, đ -> d, a doubled letter read as one


@lru_cache(maxsize=65536)
def token_key(token: str) -> TokenKey:
    decomposed = unicodedata.normalize("NFD", token.translate(_D_LOOKALIKES).lower())
    tones = "".join(_TONES[c] for c in decomposed if c in _TONES)
    base = nfc("".join(c for c in decomposed if c not in _TONES))
    folded = "".join(c for c in decomposed if not unicodedata.combining(c)).replace("đ", "d")
    # A Vietnamese syllable never doubles a letter, but OCR of bold capitals prints "HĐĐ TĐĐKT"
    # for "HĐ TĐKT". Within one word only: "TT Tỉnh ủy" must not become "Tỉnh ủy".
    return TokenKey(base, tones, _DOUBLED.sub(r"\1", folded))


def words(text: str) -> list[str]:
    """The letter-and-digit runs of a text; punctuation and spacing are not part of a key."""
    return WORD.findall(nfc(text))


def join_keys(keys: list[TokenKey]) -> tuple[str, str]:
    """(exact, folded) key of a run of tokens. The tones go after all the letters, so a
    dropped space ("Ủyban") or a tone mark on the other vowel ("Uỷ") gives the same key.
    """
    exact = "".join(k.base for k in keys) + "#" + "".join(k.tones for k in keys)
    return exact, "".join(k.folded for k in keys)


def keys(text: str) -> tuple[str, str]:
    return join_keys([token_key(w) for w in words(text)])


def has_abbreviation(text: str) -> bool:
    """True for "UBND huyện", "Phòng GD&ĐT": such names are matched exactly, never fuzzily."""
    return "&" in text or any(sum(c.isupper() for c in w) >= 2 for w in words(text))


def level_word_of(canonical: str) -> str:
    """The level word a canonical name carries ("Ủy ban nhân dân huyện" -> "huyện"), "" when
    its kind fixes the level (Phòng, Sở) and the name has none."""
    low = canonical.lower().split()
    if len(low) >= 2 and (tail := f"{low[-2]} {low[-1]}") in _COMMITTEE_LEVEL:
        return _COMMITTEE_LEVEL[tail]
    if len(low) >= 2 and (tail := f"{low[-2]} {low[-1]}") in LEVEL_OF_WORD:
        return tail
    return low[-1] if low and low[-1] in LEVEL_OF_WORD else ""


def is_group(canonical: str) -> bool:
    """ "Ủy ban nhân dân các xã, thị trấn" names several bodies: it takes no place name."""
    return "các" in canonical.lower().split()[1:]


def leading_level(tail: list[str]) -> tuple[str, int]:
    """The level word a list of words starts with and how many words it takes."""
    low = [w.lower().rstrip(".") for w in tail[:2]]
    if len(low) == 2 and f"{low[0]} {low[1]}" in LEVEL_OF_WORD:
        return f"{low[0]} {low[1]}", 2
    if low and low[0] in LEVEL_OF_WORD:
        return low[0], 1
    if low and low[0] in LEVEL_ABBREVIATIONS:
        return LEVEL_ABBREVIATIONS[low[0]], 1
    return "", 0


def place_name(tail: list[str]) -> str | None:
    """ "Chi Lăng" from ["Chi", "Lăng"], title-cased when printed in capitals; None when the words
    do not look like a place name (lowercase words, punctuation, too many words)."""
    # 2025 wards keep their old district's name after a dash: "Xuân Hương - Đà Lạt"
    dashes = [i for i, w in enumerate(tail) if w in ("-", "–")]
    if any(i in (0, len(tail) - 1) for i in dashes) or len(dashes) > 1:
        return None
    named = [w for w in tail if w not in ("-", "–")]
    if not named or len(named) > MAX_PLACE_WORDS + len(dashes):
        return None
    for w in named:
        if not _PLACE_WORD.match(w) or not (w[0].isupper() or w[0].isdigit()):
            return None
    if all(w.isupper() or w.isdigit() for w in named):
        return " ".join(w if w in ("-", "–") else title_word(w) for w in tail)
    return " ".join(tail)


def title_word(word: str) -> str:
    """ "LĂNG" -> "Lăng", "RANG-THÁP" -> "Rang-Tháp"; Roman numerals stay in capitals."""
    if _ROMAN.match(word):
        return word
    return "-".join(p[:1].upper() + p[1:].lower() for p in word.split("-"))


def case_rest(rest: list[str]) -> list[str]:
    """Words after a body name in a heading: level words lowercase, place names per syllable."""
    out: list[str] = []
    i = 0
    while i < len(rest):
        level, n = leading_level(rest[i:])
        if n and not rest[i].lower().startswith(("tp", "tx")):
            out.extend(level.split())
            i += n
            continue
        out.append(title_word(rest[i]))
        i += 1
    return out


_LEVELS_BY_KEY = {keys(w)[1]: w for w in LEVEL_OF_WORD}


def with_level_marks(parts: list[str]) -> list[str]:
    """A heading's words with the first level word whose marks OCR lost put right ("ỦY BAN NHÂN
    DÂN TINH CAO BẰNG" -> "... TỈNH ..."): only a word written without any mark is taken."""
    for i in range(1, len(parts)):
        for n in (2, 1):
            run = " ".join(parts[i : i + n])
            if i + n > len(parts) or not run.replace(" ", "").isascii():
                continue
            if level := _LEVELS_BY_KEY.get(keys(run)[1]):
                fixed = level.upper() if run.isupper() else level
                return [*parts[:i], *fixed.split(), *parts[i + n :]]
    return parts


# Separators in an agency cell. `hard` always ends a body; the others are tried by the splitter.
# Role words ("Phòng Nội vụ chủ trì, phối hợp với …") are not part of any name: they end one.
SEPARATOR = re.compile(
    r"(?P<hard>\s*;\s*|\s*\n\s*[-–—−+•●▪◦*]\s*|\s*[+•●▪◦*]\s+"
    # ("cơ quan chủ trì", "đơn vị chủ trì" name bodies by their role: no cut there)
    r"|\s*\(?(?<![Cc]ơ quan )(?<![Đđ]ơn vị )\b(?i:chủ trì|phối hợp(?: với)?)\b\)?[\s,:;]*)"
    # a full stop, but not after an item number ("1. "); after a unit's code ("C06. ") it is one
    r"|(?P<dot>(?:(?<!\d)|(?<=[A-ZĐ]\d\d))\.(?:/\.)?(?:\s+|$))"
    r"|(?P<newline>\s*\n\s*)"
    r"|(?P<dash>\s+[-–—−]\s*)"
    r"|(?P<comma>\s*,\s*)"
    r"|(?P<conj>\s+(?:và|&)\s+)"
)
ABBREVIATED_LEVEL = re.compile(r"\b(?:tp|tx)$", re.IGNORECASE)  # "TP. Lạng Sơn" is one name


class Cut(IntEnum):
    """How a separator may divide a cell, weakest first."""

    LOOSE = 0  # ", " or a line break: cut when that leaves fewer unknown parts
    STRICT = 1  # " - ", " và ": cut only between two known bodies (names contain them too)
    HARD = 2  # ";", a bullet, a full stop: always a boundary


Segment = tuple[str, str, Cut]  # text, the separator printed after it, the cut before it


def split_blocks(text: str) -> list[list[Segment]]:
    """Cut a cell at its hard separators; inside each block keep the other separators as
    candidate cuts."""
    segments: list[Segment] = []
    start, cut = 0, Cut.HARD
    for m in SEPARATOR.finditer(text):
        kind = _cut_kind(text, m)
        if not _has_letters(text[start:m.start()]):
            cut = max(cut, kind)  # an empty segment (a leading bullet): keep the stronger cut
            start = m.end()
            continue
        segments.append((text[start:m.start()], m.group(), cut))
        start, cut = m.end(), kind
    if _has_letters(text[start:]):
        segments.append((text[start:], "", cut))
    out: list[list[Segment]] = []
    for seg in segments:
        if seg[2] is Cut.HARD or not out:
            out.append([])
        out[-1].append(seg)
    return out


def _cut_kind(text: str, m: re.Match[str]) -> Cut:
    if m.group("hard"):
        return Cut.HARD
    if m.group("dot"):
        return Cut.STRICT if ABBREVIATED_LEVEL.search(text[:m.start()]) else Cut.HARD
    if m.group("dash") or m.group("conj"):
        return Cut.STRICT
    return Cut.LOOSE


def ends_a_name(text: str) -> bool:
    return text[-1].isalnum() or (text[-1] == "." and bool(ABBREVIATED_LEVEL.search(text[:-1])))


def _has_letters(text: str) -> bool:
    return any(c.isalnum() for c in text)


def group_text(block: list[Segment], i: int, j: int) -> str:
    """Segments i..j-1 as printed, with the separators between them but not after."""
    return "".join(text + sep for text, sep, _ in block[i : j - 1]) + block[j - 1][0]
