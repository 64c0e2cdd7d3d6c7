"""Is a word a Vietnamese syllable? Used to judge text layers and legacy-font guesses.

A syllable is an onset, a rhyme and one tone. The rhymes are listed without tone; a word passes
when its onset and rhyme are both in the lists and it carries at most one tone mark, and a rhyme
closed by a stop (-p, -t, -c, -ch) carries the acute or the dot below, the only tones such a
syllable has ("tốt", "việc"; never "tôt", "viêc": OCR that dropped the mark).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

_ONSETS = sorted(
    "b c ch d đ g gh gi h k kh l m n ng ngh nh p ph q qu r s t th tr v x".split(), key=len, reverse=True
)
_RHYMES = set(
    """a ai ao au ay ac ach am an ang anh ap at
    ăc ăm ăn ăng ăp ăt âc âm ân âng âp ât âu ây
    e eo ec em en eng ep et ê êu êch êm ên ênh êp êt
    i ia iu ich im in inh ip it iêc iêm iên iêng iêp iêt iêu
    o oa oe oi oc om on ong op ot ooc oong
    oac oach oai oam oan oang oanh oao oap oat oay oăc oăm oăn oăng oăt oem oen oeo oet
    ô ôi ôc ôm ôn ông ôp ôt ơ ơi ơm ơn ơp ơt
    u ua ui uc um un ung up ut uân uâng uât uây uê uêch uênh uơ uy uya uych uyên uyêt uynh uyt uyu
    uôc uôi uôm uôn uông uôt
    ư ưa ưi ưu ưc ưm ưn ưng ưt ươ ươi ươu ươc ươm ươn ương ươp ươt
    y yêm yên yêng yêt yêu""".split()
)
_TONE_MARKS = {"\u0300", "\u0301", "\u0309", "\u0303", "\u0323"}
_STOP_TONES = {"\u0301", "\u0323"}  # acute, dot below


@cache
def is_syllable(word: str) -> bool:
    """True for a Vietnamese syllable ("nghiêng", "Quyết", "hòa"), False for "CQNG" or "Coọng"."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = sum(c in _TONE_MARKS for c in decomposed)
    if tones > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
    if not re.fullmatch(r"[a-zăâêôơưđ]+", bare):
        return False
    if bare.endswith(("p", "t", "c", "ch")) and not _STOP_TONES & set(decomposed):
        return False
    for onset in [*_ONSETS, ""]:
        if bare.startswith(onset) and bare[len(onset) :] in _RHYMES:
            # "gi" and "qu" already hold the vowel that starts the rhyme: "gì", "quá".
            return True
        if onset in ("gi", "qu") and bare == onset:
            return True
    return False


def syllable_share(text: str) -> float:
    """Share of the letter-only words of a text that are Vietnamese syllables."""
    words = re.findall(r"[^\W\d_]+", text)
    if not words:
        return 0.0
    return sum(is_syllable(w) for w in words) / len(words)
