"""The spaCy pipeline that finds bodies and dates in prose.

`scripts/build_model.py` (`make model`) builds it from the gazetteer into `models/spacy-agencies/`:
a blank Vietnamese pipeline whose tokens are syllables and punctuation marks, a component that
gives every token the comparison keys of `agency_text`, and an entity ruler with a token pattern
per gazetteer variant (label ORG, id the canonical name) and per way of writing a date (DATE).

The pipeline is loaded once per process, on first use. The saved model records a fingerprint of
the gazetteer it was built from; when the gazetteer has changed since (or a user's alias file
adds names, or the directory is missing, as in a fresh clone) the same code builds it in memory.
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple
from weakref import WeakKeyDictionary

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import DummyTokenizer, load_meta
from spacy.vocab import Vocab

from pipeline.agencies import (
    BUILTIN_PATHS,
    PROSE_FOLDED_MIN_LEN,
    AgencyMatcher,
    Entry,
    read_gazetteer,
)
from pipeline.agency_text import keys, nfc, token_key, words
from pipeline.dates import iso

log = logging.getLogger(__name__)

MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "spacy-agencies"
ORG = "ORG"
DATE = "DATE"
TOKENIZER = "plans.vi_syllables.v1"
KEYS_COMPONENT = "plans_vi_keys"
FOLD = "plans_fold"  # token extension: the letters without any mark, as agency_text folds them
CAP = "plans_cap"  # token extension: the word starts with a capital
BARE = "plans_bare"  # token extension: its folded letters when written without marks, else ""
FINGERPRINT_KEY = "plans_gazetteer"
# Bump when the patterns or the tokenizer change: a saved model built by older code is stale.
PATTERN_VERSION = "1"

# A token is a run of letters and digits (agency_text.WORD, so token bounds are word bounds)
# or one other printed character; runs of spaces are kept for the Doc.
_PIECE = re.compile(r"[^\W_]+|\S|\s+")
# What may lie between the words of one name, as in AgencyMatcher's prose scan: spacing,
# "&", "," and dashes. These tokens get JOINER as their NORM.
_JOIN_CHARS = frozenset("&,-–—")
JOINER = "~"

_DAY = {"IS_DIGIT": True, "LENGTH": {"<=": 2}}
_MONTH = _DAY
_YEAR = {"IS_DIGIT": True, "LENGTH": 4}
_SLASH = {"ORTH": {"IN": ["/", "-", "."]}}


def _word(folded: str) -> dict[str, Any]:
    # dates are matched on folded letters: OCR often loses the marks of "ngày", "tháng", "năm"
    return {"_": {FOLD: folded}}


DATE_PATTERNS: list[list[dict[str, Any]]] = [
    [_word("ngay"), _DAY, _SLASH, _MONTH, _SLASH, _YEAR],  # ngày 25/01/2024
    [_word("ngay"), _DAY, _word("thang"), _MONTH, _word("nam"), _YEAR],  # ngày 30 tháng 6 năm 2025
    [_word("ngay"), _DAY, {"ORTH": "/"}, _MONTH],  # ngày 30/6
    [_word("thang"), _MONTH, {"ORTH": "/"}, _YEAR],  # tháng 11/2025
    [_word("thang"), _MONTH, _word("nam"), _YEAR],  # tháng 6 năm 2025
    [_DAY, {"ORTH": "/"}, _MONTH, {"ORTH": "/"}, _YEAR],  # 25/01/2024 on its own
]


class Found(NamedTuple):
    start: int  # character offsets in the NFC form of the text
    end: int
    label: str  # ORG or DATE
    value: str  # ORG: the canonical name; DATE: ISO date as far as printed, "" if impossible


# --- tokenizer and keys -----------------------------------------------------------------------


class SyllableTokenizer(DummyTokenizer):
    """Vietnamese writes one syllable per word, so splitting at spaces and punctuation gives
    syllables. spaCy's own Vietnamese tokenizer needs pyvi to split off punctuation; without it
    "huyện," and "GD&ĐT" stay one token and no name pattern could match them."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        pieces: list[str] = []
        spaces: list[bool] = []
        for m in _PIECE.finditer(text):
            piece = m.group()
            if piece.isspace():
                # spaCy's convention: one plain space is the previous token's trailing space,
                # any other spacing is a token of its own
                if pieces and not spaces[-1] and not pieces[-1].isspace() and piece[0] == " ":
                    spaces[-1] = True
                    piece = piece[1:]
                if not piece:
                    continue
            pieces.append(piece)
            spaces.append(False)
        return Doc(self.vocab, words=pieces, spaces=spaces)


@spacy.registry.tokenizers(TOKENIZER)
def create_syllable_tokenizer() -> Any:
    def make(nlp: Language) -> SyllableTokenizer:
        return SyllableTokenizer(nlp.vocab)

    return make


@lru_cache(maxsize=65536)
def _norm(text: str) -> str:
    if text.isspace() or text in _JOIN_CHARS:
        return JOINER
    k = token_key(text)
    # agency_text's exact key of one word: lowercase, tone placement and Đ look-alikes ignored
    return f"{k.base}#{k.tones}"


@Language.component(KEYS_COMPONENT)
def set_keys(doc: Doc) -> Doc:
    """NORM = the word's exact key, so patterns compare names as AgencyMatcher does."""
    for token in doc:
        token.norm_ = _norm(token.text)
    return doc


def _register_extensions() -> None:
    # getters, not stored values: the matcher reads each once per token, and nothing is kept
    Token.set_extension(FOLD, getter=lambda t: token_key(t.text).folded, force=True)
    Token.set_extension(CAP, getter=lambda t: t.text[:1].isupper(), force=True)
    Token.set_extension(BARE, getter=lambda t: _bare(t.text), force=True)


@lru_cache(maxsize=65536)
def _bare(text: str) -> str:
    return token_key(text).folded if text.isascii() else ""


_register_extensions()


# --- patterns ---------------------------------------------------------------------------------


class Spelling(StrEnum):
    """How the words of a name must be written to match."""

    EXACT = "exact"  # every mark right (tone placement, case and Đ look-alikes aside)
    FOLDED = "folded"  # any marks, or none: long names, which other words rarely fold to
    BARE = "bare"  # every mark right, or every word without any (text typed or read unmarked)


def _word_spec(word: str, spelling: Spelling) -> dict[str, Any]:
    k = token_key(word)
    if spelling is Spelling.FOLDED:
        return {"_": {FOLD: k.folded}}
    if spelling is Spelling.BARE:
        return {"_": {BARE: k.folded}}
    return {"NORM": f"{k.base}#{k.tones}"}


def _name_pattern(variant: str, spelling: Spelling) -> list[dict[str, Any]]:
    """Token pattern of a name: one token per word, any joiners between them. Only a capitalised
    first word starts a name in prose ("Thanh tra huyện" the body, "thanh tra" the verb)."""
    pattern: list[dict[str, Any]] = []
    for n, word in enumerate(words(variant)):
        spec = _word_spec(word, spelling)
        if n == 0:
            spec.setdefault("_", {})[CAP] = True
        else:
            pattern.append({"NORM": JOINER, "OP": "*"})
        pattern.append(spec)
    return pattern


def body_patterns(matcher: AgencyMatcher) -> list[dict[str, Any]]:
    """The patterns of every name the matcher knows, each once.
    Collective mentions ("Các cơ quan, đơn vị") are not bodies in prose and get none."""
    out: dict[str, dict[str, Any]] = {}
    for text, entry in _names(matcher):
        for spelling, canonical in _spellings(matcher, text, entry):
            pattern = _name_pattern(text, spelling)
            out.setdefault(repr(pattern), {"label": ORG, "id": canonical, "pattern": pattern})
    return list(out.values())


def _names(matcher: AgencyMatcher) -> list[tuple[str, Entry]]:
    """Every way a name is written, with the matcher's entry for it. The matcher keeps one row
    per key and its keys ignore spacing ("HĐ TĐKT huyện" = "HĐTĐKT huyện"), a token pattern does
    not: so the rows of the built-in file are read again, and runs of abbreviations glued."""
    builtin = next((p for p in BUILTIN_PATHS if p.exists()), None)
    texts = [e.variant for e in matcher._exact.values()]
    texts += [e.variant for e in read_gazetteer(builtin)] if builtin else []
    texts += [_glued(t) for t in texts]
    out: list[tuple[str, Entry]] = []
    for text in dict.fromkeys(texts):
        entry = matcher._exact.get(keys(text)[0])
        if entry is not None and not entry.generic and words(text):
            out.append((text, entry))
    return out


def _glued(text: str) -> str:
    """ "HĐ TĐKT huyện" -> "HĐTĐKT huyện": offices write adjacent abbreviations either way."""
    parts = text.split(" ")
    out = parts[:1]
    for part in parts[1:]:
        if _is_abbreviation(part) and _is_abbreviation(out[-1]):
            out[-1] += part
        else:
            out.append(part)
    return " ".join(out)


def _is_abbreviation(word: str) -> bool:
    return len(word) >= 2 and word.isupper()


def _spellings(matcher: AgencyMatcher, text: str, entry: Entry) -> list[tuple[Spelling, str]]:
    """How a name may be written in prose, and the canonical name each spelling gives.
    OCR drops marks ("Phong Noi vu"), so a name whose folded letters point to one body also
    matches without them: a long name however damaged, a short one ("Sở Y tế" folds like
    "Số y tế") only with every mark right or none at all. Where two bodies fold alike only the
    exact spelling tells them apart."""
    folded = keys(text)[1]
    by_folded = matcher._folded.get(folded)
    if by_folded is None or by_folded.generic:
        return [(Spelling.EXACT, entry.canonical)]
    if len(folded) >= PROSE_FOLDED_MIN_LEN:
        return [(Spelling.FOLDED, by_folded.canonical)]
    return [(Spelling.EXACT, entry.canonical), (Spelling.BARE, by_folded.canonical)]


def fingerprint(matcher: AgencyMatcher) -> str:
    """Changes whenever the names the matcher knows change, or the pattern code does."""
    rows = sorted(f"{t}\t{e.canonical}\t{e.priority}" for t, e in _names(matcher))
    return hashlib.sha256("\n".join([PATTERN_VERSION, *rows]).encode()).hexdigest()[:16]


def build(matcher: AgencyMatcher) -> Language:
    """The pipeline for the names `matcher` knows; `scripts/build_model.py` saves it."""
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER}}})
    nlp.add_pipe(KEYS_COMPONENT)
    # validate=False: the patterns are generated here, and validating 1,000 of them is slow
    ruler = nlp.add_pipe("entity_ruler", config={"validate": False})
    date_patterns = [{"label": DATE, "pattern": p} for p in DATE_PATTERNS]
    ruler.add_patterns(body_patterns(matcher) + date_patterns)  # type: ignore[attr-defined]
    nlp.meta.update({
        "name": "agencies",
        "version": "1.0.0",
        "description": "Bodies (ORG, id = canonical name) and dates in Vietnamese plans",
        FINGERPRINT_KEY: fingerprint(matcher),
    })
    return nlp


# --- loading, once per process ----------------------------------------------------------------

_LOCK = threading.Lock()
_BY_MATCHER: WeakKeyDictionary[AgencyMatcher, Language] = WeakKeyDictionary()
_BY_FINGERPRINT: dict[str, Language] = {}


def pipeline_for(matcher: AgencyMatcher) -> Language:
    """The pipeline for the names `matcher` knows: the saved model when it was built from the
    same names, else one built in memory. Cached, so each is loaded or built once."""
    nlp = _BY_MATCHER.get(matcher)
    if nlp is None:
        with _LOCK:
            fp = fingerprint(matcher)
            nlp = _BY_FINGERPRINT.get(fp)
            if nlp is None:
                nlp = _BY_FINGERPRINT[fp] = _saved(fp, MODEL_DIR) or build(matcher)
            _BY_MATCHER[matcher] = nlp
    return nlp


@lru_cache(maxsize=1)
def _default_matcher() -> AgencyMatcher:
    return AgencyMatcher.load()


def load() -> Language:
    """The pipeline for the built-in gazetteer."""
    return pipeline_for(_default_matcher())


def _saved(fp: str, path: Path) -> Language | None:
    meta_path = path / "meta.json"
    if not meta_path.exists():
        log.info("no saved model at %s: building it in memory (make model saves it)", path)
        return None
    if load_meta(meta_path).get(FINGERPRINT_KEY) != fp:
        log.info("model at %s was built from other names: building it in memory", path)
        return None
    return spacy.load(path)


# --- finding ----------------------------------------------------------------------------------


def entities(text: str, nlp: Language | None = None) -> list[Found]:
    doc = (nlp or load())(nfc(text))
    return [_found(ent) for ent in doc.ents]


def find_bodies(text: str, nlp: Language | None = None) -> list[Found]:
    """The bodies named in `text`, in order: (start, end, "ORG", canonical name)."""
    return [f for f in entities(text, nlp) if f.label == ORG]


def find_dates(text: str, nlp: Language | None = None) -> list[Found]:
    """The dates written in `text`, in order: (start, end, "DATE", ISO date as far as printed)."""
    return [f for f in entities(text, nlp) if f.label == DATE]


def _found(ent: Span) -> Found:
    value = ent.ent_id_ if ent.label_ == ORG else _iso(ent)
    return Found(ent.start_char, ent.end_char, ent.label_, value)


def _iso(ent: Span) -> str:
    """ "ngày 25/01/2024" -> 2024-01-25, "tháng 11/2025" -> 2025-11, "ngày 30/6" -> --06-30."""
    numbers = [int(t.text) for t in ent if t.is_digit]
    has_day = ent[0]._.get(FOLD) == "ngay" or len(numbers) == 3
    if has_day and len(numbers) == 3:
        return iso(numbers[2], numbers[1], numbers[0]) or ""
    if has_day:  # no year printed
        day, month = numbers
        return f"--{month:02d}-{day:02d}" if iso(2024, month, day) else ""
    month, year = numbers
    return f"{year:04d}-{month:02d}" if 1 <= month <= 12 else ""


def pattern_count(nlp: Language) -> int:
    return len(nlp.get_pipe("entity_ruler"))  # type: ignore[arg-type]
