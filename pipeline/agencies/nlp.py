"""The spaCy pipeline that finds bodies and dates in prose.

`scripts/build_model.py` (`make model`) builds it from the gazetteer into `models/spacy-agencies/`:
a blank Vietnamese pipeline whose tokens are syllables, a component that sets each token's NORM
to its folded letters, and an entity ruler with a pattern per way the gazetteer writes a body
(label ORG, id the canonical name) and per way of writing a date (DATE).

The pipeline is loaded once per process, on first use. The saved model records a fingerprint of
the names it was built from; when they have changed since (the gazetteer was edited, a user's
alias file adds names) or the directory is missing (a fresh clone), the same code builds it in
memory instead, which takes a fraction of a second.
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple
from weakref import WeakKeyDictionary

import spacy
from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc, Span
from spacy.util import DummyTokenizer, load_meta
from spacy.vocab import Vocab

from pipeline.agencies.gazetteer import GAZETTEER, PROSE_FOLDED_MIN_LEN, Entry, read_gazetteer
from pipeline.agencies.names import keys, token_key, words
from pipeline.resources import spacy_model_dir
from pipeline.vietnamese.dates import iso
from pipeline.vietnamese.text import nfc

if TYPE_CHECKING:  # the matcher imports this module for prose
    from pipeline.agencies.matcher import AgencyMatcher

log = logging.getLogger(__name__)

MODEL_DIR = spacy_model_dir()
ORG = "ORG"
DATE = "DATE"
TOKENIZER = "plans.vi_syllables.v1"
KEYS_COMPONENT = "plans_vi_keys"
RULER_FACTORY = "plans_body_ruler"
RULER = "entity_ruler"
FINGERPRINT_KEY = "plans_gazetteer"
# Bump when the patterns, the tokenizer or the keys change: a saved model built by older code
# is then stale and rebuilt in memory until `make model` is run.
PATTERN_VERSION = "2"

# What may lie between the words of one name (as in a body's written name): spacing,
# "&", "," and dashes. A word takes them into its token, so "Thi đua - Khen thưởng",
# "Thi đua-Khen thưởng" and "Thi đua Khen thưởng" are the same four tokens to the matcher.
_JOINERS = "&,\\-–—"
# A word starting with a letter with the joiners after it | a number (dates keep their dashes)
# | spacing | any other character.
_PIECE = re.compile(rf"[^\W\d_][^\W_]*[\s{_JOINERS}]*|[^\W_]+|\s+|\S")
_TRAILING = re.compile(rf"[\s{_JOINERS}]+$")

_NUMBER = {"IS_DIGIT": True, "LENGTH": {"<=": 2}}
_YEAR = {"IS_DIGIT": True, "LENGTH": 4}
_SEP = {"ORTH": {"IN": ["/", "-", "."]}}
_SLASH = {"ORTH": "/"}
# NORM is the folded word, so OCR that lost the marks of "ngày", "tháng", "năm" still matches.
_NGAY, _THANG, _NAM = {"NORM": "ngay"}, {"NORM": "thang"}, {"NORM": "nam"}
DATE_PATTERNS: list[list[dict[str, Any]]] = [
    [_NGAY, _NUMBER, _SEP, _NUMBER, _SEP, _YEAR],  # ngày 25/01/2024
    [_NGAY, _NUMBER, _THANG, _NUMBER, _NAM, _YEAR],  # ngày 30 tháng 6 năm 2025
    [_NGAY, _NUMBER, _SLASH, _NUMBER],  # ngày 30/6
    [_THANG, _NUMBER, _SLASH, _YEAR],  # tháng 11/2025
    [_THANG, _NUMBER, _NAM, _YEAR],  # tháng 6 năm 2025
    [_NUMBER, _SLASH, _NUMBER, _SLASH, _YEAR],  # 25/01/2024 on its own
]


class Found(NamedTuple):
    start: int  # character offsets in the NFC form of the text
    end: int
    label: str  # ORG or DATE
    value: str  # ORG: the canonical name; DATE: the ISO date as far as printed, "" if impossible


# --- tokenizer and keys -----------------------------------------------------------------------


class SyllableTokenizer(DummyTokenizer):
    """Vietnamese writes one syllable per word, so splitting at spaces and punctuation gives
    syllables; the joiners after a word stay on its token (see _JOINERS). spaCy's own Vietnamese
    tokenizer needs pyvi to split off punctuation; without it (use_pyvi=False) it splits at
    spaces only, so "huyện./." or "(qua" stay one token and no name could match them."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        pieces: list[str] = []
        spaces: list[bool] = []
        for piece in _PIECE.findall(text):
            if piece.isspace() and pieces and not spaces[-1] and piece[0] == " ":
                spaces[-1] = True  # spaCy's convention: one space belongs to the token before
                piece = piece[1:]
            elif piece.endswith(" ") and not piece.isspace():
                pieces.append(piece[:-1])
                spaces.append(True)
                continue
            if piece:
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
    # agency_text's folded key of the word: no marks, no case, đ -> d, joiners after it dropped
    return token_key(_TRAILING.sub("", text) or text).folded


@Language.component(KEYS_COMPONENT)
def set_keys(doc: Doc) -> Doc:
    """NORM = the folded word, which the ruler's phrase patterns are matched on."""
    for token in doc:
        token.norm_ = _norm(token.text)
    return doc


# --- the ruler --------------------------------------------------------------------------------


class BodyRuler(EntityRuler):
    """An entity ruler whose phrase patterns match on folded letters (NORM), so one pattern finds
    a name however its marks were printed (and fast: a phrase matcher looks each token up once,
    where 1,000 token patterns would each be tried at every token, 8 ms a paragraph). A match is
    kept only when its first word is capitalised (a body is written with a capital, "thanh tra"
    the verb is not) and its spelling is one the patterns allow:

    - the exact spelling of a pattern (case, tone placement and Đ look-alikes aside);
    - for a name that also has a pattern printed without marks ("Phong Noi vu", added where its
      folded letters point to one body only): a long name however damaged, a short one only
      written entirely without marks ("Sở Y tế" folds like "Số y tế").
    """

    def __init__(self, nlp: Language, name: str = RULER, **kwargs: Any) -> None:
        self._exact_ids: dict[str, str] = {}
        self._folded_ids: dict[str, str | None] = {}  # None: two bodies fold alike
        super().__init__(nlp, name, **kwargs)

    def clear(self) -> None:
        super().clear()
        self._exact_ids, self._folded_ids = {}, {}

    def add_patterns(self, patterns: Iterable[dict[str, Any]]) -> None:  # type: ignore[override]
        patterns = list(patterns)  # from_disk passes a generator, read twice here
        super().add_patterns(patterns)  # type: ignore[arg-type]
        for p in patterns:
            if p["label"] == ORG and isinstance(p["pattern"], str):
                self._note(p["pattern"], p["id"])

    def _note(self, text: str, canonical: str) -> None:
        exact, folded = keys(text)
        self._exact_ids[exact] = canonical
        if _unmarked(text):
            known = self._folded_ids.get(folded, canonical)
            self._folded_ids[folded] = canonical if known == canonical else None

    def match(self, doc: Doc) -> list[tuple[int, int, int]]:
        # filtered before the parent resolves overlaps, so a rejected match hides no other
        return [m for m in super().match(doc) if self._allowed(doc, *m)]

    def _allowed(self, doc: Doc, match_id: int, start: int, end: int) -> bool:
        label, canonical = self._ent_ids.get(match_id, (None, None))
        if label != ORG:
            return True
        text = doc[start:end].text
        if not text[:1].isupper():
            return False
        exact, folded = keys(text)
        if self._exact_ids.get(exact) == canonical:
            return True
        if self._folded_ids.get(folded) != canonical:
            return False
        return len(folded) >= PROSE_FOLDED_MIN_LEN or _unmarked(text)


@Language.factory(
    RULER_FACTORY,
    assigns=["doc.ents", "token.ent_type", "token.ent_iob"],
    default_config={"overwrite_ents": False},
)
def make_body_ruler(nlp: Language, name: str, overwrite_ents: bool) -> BodyRuler:
    return BodyRuler(nlp, name, phrase_matcher_attr="NORM", overwrite_ents=overwrite_ents)


def _unmarked(text: str) -> bool:
    return all(w.isascii() for w in words(text))


# --- patterns ---------------------------------------------------------------------------------


def body_patterns(matcher: AgencyMatcher) -> list[dict[str, Any]]:
    """The phrase patterns of every name the matcher knows, each once: as written, and without
    marks where its folded letters point to one body. Collective mentions ("Các cơ quan, đơn
    vị") are not bodies in prose and get none."""
    out: dict[str, dict[str, Any]] = {}
    for text, entry in _names(matcher):
        out.setdefault(text, {"label": ORG, "pattern": text, "id": entry.canonical})
        by_folded = matcher._folded.get(keys(text)[1])
        if by_folded is not None and by_folded.canonical == entry.canonical:
            bare = unmark(text)
            out.setdefault(bare, {"label": ORG, "pattern": bare, "id": entry.canonical})
    return list(out.values())


def _names(matcher: AgencyMatcher) -> list[tuple[str, Entry]]:
    """Every way a name is written, with the matcher's entry for it. The matcher keeps one row
    per key and its keys ignore spacing ("HĐ TĐKT huyện" = "HĐTĐKT huyện"), a pattern does
    not: so the rows of the built-in file are read again, and runs of abbreviations glued."""
    texts = [e.variant for e in matcher._exact.values()]
    texts += [e.variant for e in read_gazetteer(GAZETTEER)] if GAZETTEER.is_file() else []
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


def unmark(text: str) -> str:
    """ "Phòng Nội vụ" -> "Phong Noi vu": the letters without their marks, case kept."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fingerprint(matcher: AgencyMatcher) -> str:
    """Changes whenever the names the matcher knows change, or the pattern code does."""
    rows = sorted(f"{t}\t{e.canonical}\t{e.priority}" for t, e in _names(matcher))
    return hashlib.sha256("\n".join([PATTERN_VERSION, *rows]).encode()).hexdigest()[:16]


def build(matcher: AgencyMatcher) -> Language:
    """The pipeline for the names `matcher` knows; `scripts/build_model.py` saves it."""
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER}}})
    nlp.add_pipe(KEYS_COMPONENT)
    ruler = nlp.add_pipe(RULER_FACTORY, name=RULER)
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


def entities(text: str, nlp: Language) -> list[Found]:
    """Bodies and dates in `text`, in order (nlp: `pipeline_for(matcher)`)."""
    doc = nlp(nfc(text))
    return [_found(ent) for ent in doc.ents]


def find_bodies(text: str, nlp: Language) -> list[Found]:
    """The bodies named in `text`, in order: (start, end, "ORG", canonical name)."""
    return [f for f in entities(text, nlp) if f.label == ORG]


def find_dates(text: str, nlp: Language) -> list[Found]:
    """The dates written in `text`, in order: (start, end, "DATE", ISO date as far as printed)."""
    return [f for f in entities(text, nlp) if f.label == DATE]


def _found(ent: Span) -> Found:
    if ent.label_ == DATE:
        return Found(ent.start_char, ent.end_char, DATE, _iso(ent))
    # the last word's token holds the joiners after it ("huyện, "): not part of the name
    end = ent.start_char + len(_TRAILING.sub("", ent.text))
    return Found(ent.start_char, end, ORG, ent.ent_id_)


def _iso(ent: Span) -> str:
    """ "ngày 25/01/2024" -> 2024-01-25, "tháng 11/2025" -> 2025-11, "ngày 30/6" -> --06-30."""
    numbers = [int(t.text) for t in ent if t.is_digit]
    if len(numbers) == 3:
        return iso(numbers[2], numbers[1], numbers[0]) or ""
    if ent[0].norm_ == "ngay":  # day and month, no year printed
        day, month = numbers
        return f"--{month:02d}-{day:02d}" if iso(2024, month, day) else ""  # 2024: a leap year
    month, year = numbers
    return f"{year:04d}-{month:02d}" if 1 <= month <= 12 else ""


def pattern_count(nlp: Language) -> int:
    return len(nlp.get_pipe(RULER))  # type: ignore[arg-type]
