"""The TCVN3 (ABC) and VNI-Windows encodings of Vietnamese, as pre-Unicode office fonts use them.

A PDF typed in ".VnTime" or "VNI-Times" keeps the legacy byte in its text layer, so a text
extractor reads "KÕ ho¹ch" (TCVN3) or "Keá hoaïch" (VNI) for "Kế hoạch". These tables are the
published ones (TCVN 5712:1993 VN3, and VNI for Windows), written as Unicode -> the Latin-1
character of the legacy byte.

TCVN3 has no capitals with tone marks: offices set capitals in the ".VnTimeH" font, whose
lowercase codes print as capitals, so a capital encodes as its lowercase code. Decoding cannot
tell, and `decode_tcvn3` restores capitals only in a line set all in capitals.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from reportlab.pdfbase import ttfonts

# TCVN3 (VN3): Unicode letter -> legacy character.
_TCVN3_ROWS = [
    ("à á ả ã ạ", "µ ¸ ¶ · ¹"),
    ("ă ằ ắ ẳ ẵ ặ", "¨ » ¾ ¼ ½ Æ"),
    ("â ầ ấ ẩ ẫ ậ", "© Ç Ê È É Ë"),
    ("đ", "®"),
    ("è é ẻ ẽ ẹ", "Ì Ð Î Ï Ñ"),
    ("ê ề ế ể ễ ệ", "ª Ò Õ Ó Ô Ö"),
    ("ì í ỉ ĩ ị", "× Ý Ø Ü Þ"),
    ("ò ó ỏ õ ọ", "ß ã á â ä"),
    ("ô ồ ố ổ ỗ ộ", "« å è æ ç é"),
    ("ơ ờ ớ ở ỡ ợ", "¬ ê í ë ì î"),
    ("ù ú ủ ũ ụ", "ï ó ñ ò ô"),
    ("ư ừ ứ ử ữ ự", "\u00ad õ ø ö ÷ ù"),
    ("ỳ ý ỷ ỹ ỵ", "ú ý û ü þ"),
    ("Ă Â Đ Ê Ô Ơ Ư", "¡ ¢ § £ ¤ ¥ ¦"),
]
TCVN3: dict[str, str] = {
    u: t for us, ts in _TCVN3_ROWS for u, t in zip(us.split(), ts.split(" "), strict=True)
}

# VNI-Windows: a base letter followed by one mark byte that carries shape and tone together.
_VNI_MARKS = {  # (shape, tone) -> lowercase mark byte; the capital mark is 0x20 lower
    ("", "grave"): "ø", ("", "acute"): "ù", ("", "hook"): "û", ("", "tilde"): "õ", ("", "dot"): "ï",
    ("circ", ""): "â", ("circ", "grave"): "à", ("circ", "acute"): "á", ("circ", "hook"): "å",
    ("circ", "tilde"): "ã", ("circ", "dot"): "ä",
    ("breve", ""): "ê", ("breve", "grave"): "è", ("breve", "acute"): "é", ("breve", "hook"): "ú",
    ("breve", "tilde"): "ü", ("breve", "dot"): "ë",
}
# Letters VNI writes as one byte: i with a tone, ơ, ư, đ, ỵ.
_VNI_SINGLE = {"ì": "ì", "í": "í", "ỉ": "æ", "ĩ": "ó", "ị": "ò", "ơ": "ô", "ư": "ö", "đ": "ñ",
               "ỵ": "î"}
_TONES = {"\u0300": "grave", "\u0301": "acute", "\u0309": "hook", "\u0303": "tilde",
          "\u0323": "dot"}
_SHAPES = {"\u0302": "circ", "\u0306": "breve", "\u031b": "horn"}


def _split(ch: str) -> tuple[str, str, str]:
    """"ế" -> ("e", "circ", "acute"); a plain letter -> (letter, "", "")."""
    base, shape, tone = "", "", ""
    for c in unicodedata.normalize("NFD", ch):
        if c in _TONES:
            tone = _TONES[c]
        elif c in _SHAPES:
            shape = _SHAPES[c]
        else:
            base += c
    return base, shape, tone


def _vni_char(ch: str) -> str:
    low = ch.lower()
    upper = ch != low
    if low in _VNI_SINGLE:
        out = _VNI_SINGLE[low]
        return out.upper() if upper else out
    base, shape, tone = _split(low)
    head = base
    if shape == "horn":  # ơ / ư with a tone: the one-byte letter, then the tone byte
        head, shape = _VNI_SINGLE[{"o": "ơ", "u": "ư"}[base]], ""
    if not shape and not tone:
        return ch  # a letter without marks
    mark = _VNI_MARKS[(shape, tone)]
    if upper:
        head, mark = head.upper(), chr(ord(mark) - 0x20)
    return head + mark


def encode_vni(text: str) -> str:
    return "".join(_vni_char(c) for c in unicodedata.normalize("NFC", text))


def encode_tcvn3(text: str) -> str:
    out = []
    for c in unicodedata.normalize("NFC", text):
        if c in TCVN3:
            out.append(TCVN3[c])
        elif c.lower() in TCVN3 and c.lower() != c:
            out.append(TCVN3[c.lower()])  # a capital with a tone: the lowercase code (.VnTimeH)
        else:
            out.append(c)
    return "".join(out)


_TCVN3_BACK = {t: u for u, t in TCVN3.items()}


def _vni_back() -> dict[str, str]:
    """Legacy sequence -> letter, for every Vietnamese letter with a mark, both cases."""
    letters = "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
    table: dict[str, str] = {}
    for ch in letters + letters.upper():
        table[_vni_char(ch)] = ch
    return table


_VNI_BACK = _vni_back()


def decode_vni(text: str) -> str:
    out, i = [], 0
    while i < len(text):
        pair = text[i: i + 2]
        if len(pair) == 2 and pair in _VNI_BACK:
            out.append(_VNI_BACK[pair])
            i += 2
        else:
            out.append(_VNI_BACK.get(text[i], text[i]))
            i += 1
    return "".join(out)


def decode_tcvn3(text: str) -> str:
    """Back to Unicode; in a text otherwise set in capitals the letters are given back theirs."""
    decoded = "".join(_TCVN3_BACK.get(c, c) for c in text)
    plain = [c for c, d in zip(text, decoded, strict=True) if c == d and c.isalpha()]
    if len(plain) >= 2 and all(c.isupper() for c in plain):
        return decoded.upper()
    return decoded


@contextmanager
def legacy_font_pdfs(encode: Callable[[str], str]) -> Iterator[None]:
    """While active, PDFs reportlab saves read like a legacy-font document: each glyph shows
    its Vietnamese letter, but the font's ToUnicode map gives the legacy bytes, so a text
    extractor reads "KÕ ho¹ch" off a page that prints "Kế hoạch" (as ".VnTime" files do)."""
    original = ttfonts.makeToUnicodeCMap

    def legacy_cmap(fontname: str, subset: list[int]) -> str:
        cmap = original(fontname, subset)
        for i, code in enumerate(subset):
            text = encode(chr(code)) if code else ""
            if text and text != chr(code):
                utf16 = "".join(f"{ord(c):04X}" for c in text)
                cmap = cmap.replace(f"<{i:02X}> <{code:04X}>", f"<{i:02X}> <{utf16}>", 1)
        return cmap

    ttfonts.makeToUnicodeCMap = legacy_cmap
    try:
        yield
    finally:
        ttfonts.makeToUnicodeCMap = original
