"""How offices write agency names, beyond the gazetteer's rows: titles before a body, collective
mentions, distributive lists, personal names, a body with a bracket after it, and abbreviations.

Each function reads one form and says what it found; `AgencyMatcher` (pipeline/agencies.py)
decides what to do with it. The forms are those of Nghị định 30/2020/NĐ-CP documents:

- a title before the body it heads ("Giám đốc Sở Y tế", "Chủ tịch UBND các xã", "Thủ trưởng các
  sở, ban, ngành", "Lãnh đạo Công an tỉnh", "Đồng chí …"): the body is the agency;
- a collective mention ("các cơ quan, đơn vị có liên quan", "Các sở, ban, ngành, địa phương",
  "đơn vị nêu trên"): one agency that keeps its wording, first letter capitalised, generic;
- a distributive list ("Các Sở: Tài chính, Nội vụ", "UBND các phường: An Bình, Tân Hòa"): one
  body per item;
- personal names run together in a "Người thực hiện" cell ("Lê Văn An Trần Thị Bình"): cut
  before each family name;
- "X (Y)": the body X (Y is a unit inside it or a note), and "Sở Giáo dục và Đào tạo (GDĐT)"
  defines GDĐT for the rest of the document;
- abbreviations: `models/abbreviations.csv` lists abbreviation parts, not whole names. A "word"
  row is expanded wherever it stands (UBND, THPT, TNHH); a "head" row only as a name's first word
  (TT = Trung tâm); "part" rows spell the pieces of a glued abbreviation (GD + ĐT, LĐ + TB + XH)
  and may have several meanings (ĐT: đào tạo, đầu tư): a reading made from them counts only when
  the gazetteer knows the body it gives.
"""

from __future__ import annotations

import csv
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from pipeline.resources import models_dir
from pipeline.vietnamese.text import nfc

ABBREVIATIONS = models_dir() / "abbreviations.csv"
MAX_READINGS = 32  # readings of one name built from ambiguous parts; more is never needed

# --- titles -----------------------------------------------------------------------------------

# A prefix that only introduces the body ("Giao Sở Y tế", "Đề nghị UBND các xã") and a title of
# the person who heads it. Longest first, so "Phó Chủ tịch" is not read as "Chủ tịch".
_PREFIX = re.compile(r"^(?:Giao(?:\s+cho)?|Đề nghị|Yêu cầu|Đối với)\s+", re.I)
_TITLE_WORDS = (
    "Phó Chủ tịch Thường trực", "Phó Chủ tịch", "Chủ tịch", "Phó Giám đốc", "Tổng Giám đốc",
    "Giám đốc", "Phó Thủ trưởng", "Thủ trưởng", "Người đứng đầu", "Lãnh đạo", "Phó Trưởng",
    "Trưởng", "Chánh Văn phòng", "Chánh Thanh tra", "Bí thư", "Phó Bí thư", "Cục trưởng",
    "Vụ trưởng", "Hiệu trưởng", "Viện trưởng", "Chỉ huy trưởng", "Đồng chí", "đ/c", "Đ/c",
)  # fmt: skip
_TITLE = re.compile(
    r"^(?:(?:các|Các)\s+)?(?:" + "|".join(sorted(map(re.escape, _TITLE_WORDS), key=len, reverse=True))
    + r")\s+(?=\S)",
    re.I,
)


def strip_title(text: str) -> tuple[str, str]:
    """("Giám đốc ", "Sở Y tế") from "Giám đốc Sở Y tế"; ("", text) when it has no title."""
    taken = ""
    while m := (_PREFIX.match(text) or _TITLE.match(text)):
        taken += m.group()
        text = text[m.end():]
    return taken, text


# --- collectives ------------------------------------------------------------------------------

# The kinds of body a collective mention names, as lowercase words. Longest first.
UNIT_NOUNS = (
    "tổ chức chính trị - xã hội", "tổ chức chính trị xã hội", "cơ quan ngang bộ", "cơ quan chuyên môn",
    "cơ quan, đơn vị", "đơn vị sự nghiệp công lập", "đơn vị sự nghiệp", "phòng chức năng",
    "phòng chuyên môn", "cơ sở giáo dục", "doanh nghiệp nhà nước", "tổ chức thành viên",
    "tổ chức đoàn thể", "hội đoàn thể", "hội quần chúng", "ngành chức năng", "chủ đầu tư",
    "nhà đầu tư", "đoàn thể", "cơ quan", "đơn vị", "địa phương", "sở", "ban", "ngành", "phòng",
    "tổ chức", "cá nhân", "doanh nghiệp", "hội", "trường", "trường học", "khoa", "bộ môn", "bộ",
    "cơ sở", "lực lượng", "thành viên", "cấp ủy", "chính quyền", "hợp tác xã", "chi bộ", "đảng bộ",
    "cán bộ", "công chức", "viên chức", "giáo viên", "chuyên viên", "nghiệp vụ", "chức năng",
    "tập thể", "hộ gia đình", "trung tâm", "bệnh viện", "chi cục", "cục", "vụ", "viện",
    "trường đại học", "đại học", "cao đẳng", "cơ quan báo", "báo", "đài",
)  # fmt: skip
_NOUN = "(?:" + "|".join(sorted(map(re.escape, UNIT_NOUNS), key=len, reverse=True)) + ")"
# ", các …" starts another collective ("Các địa phương, các cơ quan có nguồn thu"); "và các …" not
_NOUNS = rf"{_NOUN}(?:(?:\s+|\s*,\s*){_NOUN}|\s+và\s+(?:các\s+)?{_NOUN})*"
# "các sở, ban, ngành, địa phương có liên quan": nouns, then any words but another list's comma.
# A qualifier may run over commas while it stays in lowercase words ("được giao nhiệm vụ theo
# dõi, kiểm tra, đôn đốc"); a capital after a comma starts another body.
COLLECTIVE = re.compile(
    rf"^(?:(?:các|những|toàn thể|tất cả các)\s+)?(?P<nouns>{_NOUNS})(?P<rest>\s+[^,;]+(?:\s*,\s*[^,;]+)*)?$",
    re.I,
)
# "… và các đơn vị", "… và UBND các xã", "… và Ủy ban nhân dân …": the text goes on with another
# body (any capital, accented ones too, starts its name)
_LATIN = ((0x41, 0x5B), (0xC0, 0x250), (0x1E00, 0x1F00))  # ASCII, Latin-1 and Extended, Vietnamese
_CAPITAL = "[" + "".join(c for r in _LATIN for c in map(chr, range(*r)) if c.isupper()) + "]"
_ANOTHER = re.compile(rf"\s(?:và|cùng|với)\s+(?:các\s|{_CAPITAL})")
# What may follow a single kind word in a collective mention ("đơn vị nêu trên", "cơ quan có
# liên quan", "đơn vị được giao …"); anything else after it names one body.
_REFERRING = re.compile(
    r"^(?:có liên quan|liên quan|nêu trên|trên|được|thuộc|trực thuộc|cấp|chủ trì|phụ trách|đầu mối|"
    r"chức năng|chuyên môn|khác|này|đó|có)\b"
)
# Capitalised words that may follow the kinds of a collective: where the bodies sit.
_PLACE_AFTER = ("Thành phố", "Trung ương", "Tỉnh", "Sở", "Trường", "Nhà nước", "Quận", "Huyện")
_PLURAL = re.compile(r"^(?:các|những|toàn thể|tất cả)\s", re.I)


def collective(text: str) -> str | None:
    """The wording of a collective mention, first letter capitalised, or None.
    "các cơ quan, đơn vị có liên quan" -> "Các cơ quan, đơn vị có liên quan". A bare kind
    word with a capitalised name after it ("Phòng Tư pháp", "Trường Tiểu học An Bình") is a body,
    not a collective."""
    m = COLLECTIVE.match(text)
    if not m or _ANOTHER.search(m["rest"] or ""):
        return None
    later = (m["rest"] or "").split(",")[1:]
    if any(any(c.isupper() for c in chunk) for chunk in later):
        return None
    if any(_PLURAL.match(chunk.strip()) for chunk in later):
        return None  # "các sở, ngành tỉnh, các đơn vị có liên quan": ", các …" starts another
    plural = bool(_PLURAL.match(text)) or "," in m["nouns"] or " và " in m["nouns"]
    rest = (m["rest"] or "").strip()
    if not plural and "," in rest:
        return None  # "Khoa chuyên môn, cố vấn học tập": two mentions
    if rest[:1].isupper() and not rest.startswith(_PLACE_AFTER):
        return None  # "các đơn vị Thành ủy": a collective, then a body
    if not plural and rest and not _REFERRING.match(rest):
        return None  # "Phòng Tư pháp", "Ban quản lý chợ", "Hội đồng …": a body's own name
    return capitalised(text)


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- distributive lists -----------------------------------------------------------------------

_DISTRIBUTIVE = re.compile(
    r"^(?P<head>(?:(?:Ủy ban nhân dân|Uỷ ban nhân dân|UBND|Công an|Hội đồng nhân dân|HĐND)\s+)?"
    r"(?:các|Các)\s+(?P<kind>[^\W\d_][^\s:,;]*(?:\s+[^\W\d_][^\s:,;]*)?))\s*:\s*(?P<items>.+)$",
    re.S,
)
_ITEM_CUT = re.compile(r"\s*(?:,|;|\bvà\b)\s*")


def distributed(text: str, known: Callable[[str], bool]) -> list[str] | None:
    """ "Các Sở: Tài chính, Nội vụ" -> ["Sở Tài chính", "Sở Nội vụ"]; "UBND các phường: An Bình,
    Tân Hòa" -> ["UBND phường An Bình", "UBND phường Tân Hòa"]; None for any other text. An item
    with "và" in it is one body when `known` says so ("Các Sở: Tài chính, Kế hoạch và Đầu tư")."""
    m = _DISTRIBUTIVE.match(text.strip())
    if not m:
        return None
    head = m["head"][: m["head"].lower().rfind("các")].strip()
    kind = m["kind"]
    kind = kind[:1].upper() + kind[1:] if not head else kind

    def body(item: str) -> str:
        return " ".join(p for p in (head, kind, item) if p)

    out: list[str] = []
    for chunk in re.split(r"\s*[,;]\s*", m["items"]):
        chunk = chunk.strip(" .")
        if not chunk:
            continue
        parts = [chunk] if known(body(chunk)) else [p for p in _ITEM_CUT.split(chunk) if p]
        out += [body(p) for p in parts]
    if not out or any(not b[len(body("")) + 1 :][:1].isupper() and not b[-1:].isdigit() for b in out):
        return None
    return out


# --- personal names ---------------------------------------------------------------------------

# The family names that most Vietnamese carry (over 90 % of the population, by the 1999 and 2009
# censuses' name counts): a run of capitalised words is cut before each.
FAMILY_NAMES = frozenset(
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đào Đinh Lâm Mai Trịnh "
    "Trương Đoàn Hà Lương Lưu Tô Tạ Châu Cao Thái Vương Triệu Nông Lục Hứa Quách Kiều Thân Vi "
    "Chu Khổng Mạc Tăng Lò Lường Bế Hoàng".split()
)
_NAME_WORD = re.compile(r"^[^\W\d_][^\W\d_]*$")
_HONORIFIC = re.compile(r"^(?:Ông|Bà|Đồng chí|Đ/c|đ/c|Anh|Chị)\s+")


def persons(text: str) -> list[str] | None:
    """ "Lê Văn An Trần Thị Bình" -> ["Lê Văn An", "Trần Thị Bình"]; "Ông Lê Văn An" ->
    ["Lê Văn An"]; None unless the text is only personal names of two to four words each."""
    bare = _HONORIFIC.sub("", text.strip())
    words_ = bare.split()
    if len(words_) < 2 or not all(_NAME_WORD.match(w) and w[0].isupper() and not w.isupper() for w in words_):
        return None
    if words_[0] not in FAMILY_NAMES:
        return None
    names: list[list[str]] = []
    for w in words_:
        if w in FAMILY_NAMES and (not names or len(names[-1]) >= 2):
            names.append([w])
        else:
            names[-1].append(w)
    if not all(2 <= len(n) <= 4 for n in names):
        return None
    if len(names) == 1 and bare == text.strip():
        return None  # one unmarked name could as well be a place or a body: left to the matcher
    return [" ".join(n) for n in names]


# --- brackets and abbreviations the document defines -----------------------------------------

_BRACKET = re.compile(r"^(?P<body>.+?)\s*\((?P<inner>[^()]+)\)\s*$")
_DEFINED = re.compile(
    r"(?P<name>(?:[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ][\w]*|và|,|-|–)(?:\s+(?:[\w]+|và|,|-|–)){1,14}?)\s*"
    r"\(\s*(?:sau đây\s+)?(?:gọi tắt là|viết tắt là|gọi là|sau đây gọi là)?\s*[:\s]*"
    r"(?P<abbr>[A-ZĐ][A-ZĐ0-9&\-]{1,11})\s*\)"
)


def bracketed(text: str) -> tuple[str, str] | None:
    """("Văn phòng UBND tỉnh", "Trung tâm Phục vụ hành chính công") from "Văn phòng UBND tỉnh
    (Trung tâm Phục vụ hành chính công)"; None when the text does not end in a bracket."""
    m = _BRACKET.match(text)
    return (m["body"], m["inner"]) if m else None


def defined_abbreviations(text: str, known: Callable[[str], bool]) -> dict[str, str]:
    """Abbreviations a document defines, "Sở Giáo dục và Đào tạo (GDĐT)" or "Ban Chỉ đạo (sau
    đây gọi tắt là BCĐ)": abbreviation -> the name before the bracket. `known(name)` says whether
    a leading part of the words before the bracket is a body's name; the shortest tail of words
    that is known wins, so a sentence before the name is not taken into it."""
    out: dict[str, str] = {}
    for m in _DEFINED.finditer(nfc(text)):
        words_ = m["name"].split()
        for k in range(len(words_) - 1, -1, -1):
            name = " ".join(words_[k:])
            if name[:1].isupper() and known(name) and _initials_fit(m["abbr"], name):
                out.setdefault(m["abbr"], name)
                break
    return out


def _initials_fit(abbr: str, name: str) -> bool:
    """GDĐT fits "Giáo dục và Đào tạo" (its letters are the words' initials, in order)."""
    letters = [c for c in abbr.upper() if c.isalpha()]
    initials = [w[0].upper() for w in name.split() if w[0].isalpha()]
    i = 0
    for c in initials:
        if i < len(letters) and c == letters[i]:
            i += 1
    return i == len(letters)


# --- abbreviation parts -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Abbreviation:
    abbreviation: str
    expansion: str
    use: str  # "word", "head" or "part"
    source: str


def read_abbreviations(path: Path = ABBREVIATIONS) -> list[Abbreviation]:
    with path.open(encoding="utf-8", newline="") as f:
        return [
            Abbreviation(nfc(r["abbreviation"].strip()), nfc(r["expansion"].strip()), r["use"].strip(),
                         r["source"].strip())
            for r in csv.DictReader(f) if (r.get("abbreviation") or "").strip()
        ]


class Abbreviations:
    """The table, ready to expand the abbreviations of a name."""

    def __init__(self, rows: list[Abbreviation]) -> None:
        self.words: dict[str, str] = {}
        self.heads: dict[str, str] = {}
        self.parts: dict[str, list[str]] = {}
        for r in rows:
            if r.use == "word":
                self.words.setdefault(r.abbreviation, r.expansion)
            elif r.use == "head":
                self.heads.setdefault(r.abbreviation, r.expansion)
            else:
                self.parts.setdefault(r.abbreviation, []).append(r.expansion)
        self._longest_part = max((len(p) for p in self.parts), default=1)

    @classmethod
    @lru_cache(maxsize=1)
    def builtin(cls) -> Abbreviations:
        return cls(read_abbreviations())

    def size(self) -> int:
        return len(self.words) + len(self.heads) + sum(len(v) for v in self.parts.values())

    def plain(self, text: str) -> str:
        """The name with its unambiguous abbreviations ("word" rows, and a "head" row as the
        first word) spelled out; other words as printed. "Trường THPT An Lạc" -> "Trường Trung
        học phổ thông An Lạc"."""
        out: list[str] = []
        for i, (word, sep) in enumerate(_tokens(text)):
            core = word.strip("()")
            exp = self.words.get(core) or (self.heads.get(core) if i == 0 else None)
            out.append((_cased(exp, out) if exp else word) + sep)
        return "".join(out).strip()

    def readings(self, text: str) -> list[str]:
        """Every spelling of the name with each abbreviation (glued or joined by "&" / "-") read
        by the table; the readings of ambiguous parts are all given, the gazetteer chooses."""
        options: list[list[str]] = []
        any_change = False
        for i, (word, sep) in enumerate(_tokens(text)):
            spelled = self._spell(word, first=i == 0)
            any_change |= spelled != [word]
            options.append([s + sep for s in spelled])
        if not any_change:
            return []
        out = []
        for combo in itertools.islice(itertools.product(*options), MAX_READINGS):
            out.append("".join(combo).strip())
        return out

    def _spell(self, word: str, first: bool) -> list[str]:
        if word in self.words:
            return [self.words[word]]
        if first and word in self.heads:
            return [self.heads[word]]
        if not _ABBREVIATION.match(word):
            return [word]
        # "GD&ĐT", "LĐ-TB&XH", "KHĐT": pieces joined by & (và), - ( - ) or nothing
        pieces = re.split(r"([&\-–])", word)
        spelled: list[list[str]] = []
        for piece in pieces:
            if piece in ("&",):
                spelled.append(["và"])
            elif piece in ("-", "–"):
                spelled.append(["-"])
            elif piece:
                found = self.words.get(piece)
                segs = [found] if found else self._segments(piece)
                if not segs:
                    return [word]
                spelled.append(segs)
        out = []
        for combo in itertools.islice(itertools.product(*spelled), MAX_READINGS):
            out.append(" ".join(combo).replace(" - ", " - "))
        return out or [word]

    def _segments(self, letters: str) -> list[str]:
        """ "LĐTB" -> ["lao động thương binh"]: every way to read the letters as parts; a name of
        several parts is also read with "và" before its last ("KHCN": "khoa học và công nghệ")."""
        @cache
        def from_(i: int) -> tuple[tuple[str, ...], ...]:
            if i == len(letters):
                return ((),)
            found: list[tuple[str, ...]] = []
            for j in range(i + 1, min(len(letters), i + self._longest_part) + 1):
                for exp in self.parts.get(letters[i:j], ()):
                    found += [(exp, *rest) for rest in from_(j)]
                    if len(found) >= MAX_READINGS:
                        return tuple(found)
            return tuple(found)

        out: list[str] = []
        for parts in from_(0):
            out.append(" ".join(parts))
            if len(parts) >= 2:
                out.append(" ".join(parts[:-1]) + " và " + parts[-1])
        return out[:MAX_READINGS]


_ABBREVIATION = re.compile(r"^[A-ZĐ][A-ZĐ&\-–]*[A-ZĐ]$")
_TOKEN = re.compile(r"(\S+)(\s*)")


def _tokens(text: str) -> list[tuple[str, str]]:
    return [(m[1], m[2]) for m in _TOKEN.finditer(text)]


def _cased(expansion: str, before: list[str]) -> str:
    """An expansion capitalised where it starts a body's own name: first in the text, or right
    after a kind word ("Trường", "Công ty", "Ban", "Phòng"); lowercase inside a collective."""
    if not before:
        return capitalised(expansion)
    prev = before[-1].strip().lower()
    if prev in _KIND_WORDS and not any(w.strip().lower() == "các" for w in before):
        return capitalised(expansion)
    return expansion


# (Not "Công ty": its legal form is written in lowercase, "Công ty trách nhiệm hữu hạn …".)
_KIND_WORDS = {"trường", "ban", "phòng", "sở", "trung tâm", "tâm", "đội", "chi cục", "cục", "hội", "đài",
               "văn phòng", "viện", "bệnh viện"}
