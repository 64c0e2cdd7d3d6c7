"""The document's own facts: issuer, number and symbol, place and date, kind, subject, signer,
recipients, legal bases and the documents they cite."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from pipeline.layout.lines import Margins, Paragraph, join_lines
from pipeline.model import DocRef, Line, Metadata
from pipeline.vietnamese.dates import day_written_in, parse_date_line, parse_dmy
from pipeline.vietnamese.text import fold, tidy

DOC_TYPES = {
    "ke hoach": "Kế hoạch",
    "quyet dinh": "Quyết định",
    "thong bao": "Thông báo",
    "chi thi": "Chỉ thị",
    "bao cao": "Báo cáo",
    "huong dan": "Hướng dẫn",
    "to trinh": "Tờ trình",
    "cong van": "Công văn",
    "chuong trinh": "Chương trình",
    "ke hoach lien tich": "Kế hoạch liên tịch",
    "nghi quyet": "Nghị quyết",
    "thong tu": "Thông tư",
    "thong tu lien tich": "Thông tư liên tịch",
    "nghi dinh": "Nghị định",
    "luat": "Luật",
}
# The kind a number's symbol names (Nghị định 30/2020, Phụ lục III: "25/KH-UBND", "01/2016/TTLT-…"),
# for a header whose kind line OCR lost. A Công văn's symbol opens with its issuer instead, which may
# read like a kind ("CT-TTHT" of a Cục Thuế), so it is asked only where no "V/v" subject is printed.
SYMBOL_KINDS = {
    "KH": "Kế hoạch", "QĐ": "Quyết định", "TB": "Thông báo", "CT": "Chỉ thị", "BC": "Báo cáo",
    "HD": "Hướng dẫn", "TTr": "Tờ trình", "CTr": "Chương trình", "NQ": "Nghị quyết", "TT": "Thông tư",
    "TTLT": "Thông tư liên tịch", "NĐ": "Nghị định", "KHLT": "Kế hoạch liên tịch",
}  # fmt: skip
# "Số: 25/KH-UBND", also as OCR reads it: the o with another mark ("Sô:", "Só:"), a speck before
# it, junk for a number written by pen ("Só„2⁄⁄/é/TB-…"), the slash lost before a symbol ("9 KH-SYT");
# the year a legal normative document puts between them ("12/2025/QĐ-UBND") is not the symbol.
_NUMBER = re.compile(
    r"^\W{0,3}S[oóòọôốồổộơớ0]\s*[:;.„]?\s*(?P<num>[^/\s]*?)\s*(?:/[^/\s]*?)*?(?:/|\s(?=[A-ZĐ]+-))\s*"
    r"(?!(?:19|20)\d\d/)(?P<sym>[A-ZĐ0-9][A-ZĐ0-9.\-&]*)",
    re.I,
)
_RANKS = re.compile(
    r"^(?:Đại tướng|Thượng tướng|Trung tướng|Thiếu tướng|Đại tá|Thượng tá|Trung tá|Thiếu tá|"
    r"Đại úy|Thượng úy|Trung úy|Thiếu úy)\s+"
)
_LEVELS = r"(tỉnh|huyện|xã|thành phố|thị xã|thị trấn|quận|phường)"
_LOCALITY = re.compile(rf"\b{_LEVELS}\s+((?:[A-ZĐÂĂÊÔƠƯ][^\s,;.()]*\s?){{1,4}})")


@dataclass(slots=True)
class HeaderFacts:
    issuer_lines: list[str]
    number: str
    symbol: str
    place: str
    date: str | None
    doc_type: str
    title: str
    subject: str = ""  # a Công văn's "V/v ..."
    unsure: list[str] = field(default_factory=list)  # values left out because they read with doubt
    where: dict[str, list[Line]] = field(default_factory=dict)  # field -> the lines it was read from


def in_capitals(text: str) -> bool:
    """Printed in capitals, as a header's bodies and a signer's post are ("SỞ NỘI VỤ": marked
    capitals count, so a name without one plain letter A-Z is capitals too)."""
    return text.upper() == text and len(re.findall(r"[^\W\d_]", text)) >= 2


def is_doc_type_line(line: Line, m: Margins) -> str | None:
    text = tidy(line.text)
    if text.upper() != text or len(text) > 40:
        return None
    return DOC_TYPES.get(fold(text))


HANDWRITING_CONF = 70.0  # a number or day filled in by pen reads below this; never guess it


def read_header(lines: list[Line], type_index: int | None, m: Margins, page_width: float) -> HeaderFacts:
    """Facts above the document kind line (or above the body when there is none: a Công văn)."""
    top = _join_blank_fields(lines[:type_index] if type_index is not None else lines[: _body_start(lines)])
    h = HeaderFacts([], "", "", "", None, "", "")
    subject: list[str] = []
    for line in top:
        text = tidy(line.text)
        left = line.box.cx < page_width * 0.45
        nm = _NUMBER.match(text)
        if nm:
            # a stamped number may carry a full stop ("3070. /KH-UBND")
            h.number, h.symbol = nm["num"].rstrip("."), nm["sym"].rstrip(".")
            h.where["doc_number"] = h.where["doc_symbol"] = [line]
            # A number filled in by pen reads as junk ("#7") or with doubt: never guess it.
            if h.number and (not h.number.isdigit() or _conf_of(line, h.number) < HANDWRITING_CONF):
                h.number = ""
                h.unsure.append("doc_number")
            continue
        dl = parse_date_line(text)
        if dl:
            h.place, h.date = dl
            h.where["place"] = h.where["issued_date"] = [line]
            h.date = _drop_unsure_day(line, h.date, h.unsure)
            if day_written_in(text) and "issued_date" not in h.unsure:
                h.unsure.append("issued_date")  # a day written by pen, not read: left out
            continue
        # A Công văn's subject stands under its number: "V/v …", or printed without it ("Về …").
        under_number = type_index is None and "doc_number" in h.where and text.upper() != text
        # the subject is in sentence case: a line in capitals is the issuer's, never the subject's
        if left and (text.startswith("V/v") or (subject and not in_capitals(text)) or under_number):
            subject.append(text)
            h.where.setdefault("subject", []).append(line)
            continue
        if left and not h.number and in_capitals(text):
            h.issuer_lines.append(text.strip("-_ "))
            h.where.setdefault("issuer", []).append(line)
    h.issuer_lines = [i for i in h.issuer_lines if i]
    if type_index is not None:
        h.doc_type = DOC_TYPES[fold(lines[type_index].text)]
        h.where["doc_type"] = [lines[type_index]]
    elif subject:
        h.doc_type = "Công văn"
    elif kind := SYMBOL_KINDS.get(h.symbol.split("-")[0]):
        h.doc_type = kind
        h.where["doc_type"] = h.where["doc_symbol"]
    h.subject = subject_text(subject)
    return h


def _body_start(lines: list[Line]) -> int:
    for i, line in enumerate(lines[:40]):
        if line.text.startswith(("Kính gửi", "Căn cứ")):
            return i
    return min(len(lines), 12)


def _conf_of(line: Line, token: str) -> float:
    confs = [w.conf for w in line.words if token in w.text]
    return min(confs) if confs else 100.0


def _drop_unsure_day(line: Line, date: str | None, unsure: list[str]) -> str | None:
    """A day written in by pen (read with doubt) is left out: the date as far as it is sure."""
    if not date or len(date) < 10:
        return date
    words = line.words
    for i, w in enumerate(words[:-1]):
        day = words[i + 1]
        # Printed days read clean ("05"); a day written by pen reads with doubt or with junk ("2:").
        if fold(w.text) == "ngay" and re.search(r"\d", day.text):
            if not day.text.isdigit() or day.conf < HANDWRITING_CONF:
                unsure.append("issued_date")
                return date[:7]
    return date


_BLANK_FIELD = re.compile(r"(?:^S[ốo0Ốỏơ]\s*[:;.]?|\bngày|\btháng)$", re.I)


def _join_blank_fields(lines: list[Line]) -> list[Line]:
    """A number or day left blank ("Số:      /KH-UBND", "ngày      tháng 01") leaves a gap as wide
    as a column's: put the two halves of such a line back together."""
    out: list[Line] = []
    for line in lines:
        prev = out[-1] if out else None
        if (
            prev is not None
            and _BLANK_FIELD.search(tidy(prev.text))
            and abs(prev.box.top - line.box.top) < prev.box.height / 2
            and line.box.x0 > prev.box.x1
        ):
            out[-1] = Line(prev.words + line.words, prev.page)
            continue
        out.append(line)
    return out


# The lead-in words of a body's first paragraph; "Căn cứ" and "Kính gửi" never start a subject.
_BODY_OPENING = re.compile(r"^(?:Căn cứ|Kính gửi)\b")
_LATER_OPENING = re.compile(r"^(?:Thực hiện|Tiếp tục|Theo|Xét|Ngày\s+\d|\d{1,2}\s*[.)]\s)")
MAX_TITLE_LINES = 6


def title_lines(lines: list[Line], start: int, m: Margins) -> tuple[str, int]:
    """The subject under the kind line, up to the body's first paragraph.

    Nghị định 30/2020 centres the subject under the kind; a long one runs over lines as wide as
    the text column. The body's first line is indented (1-1.27 cm) and runs to the right margin;
    a Quyết định's authority ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH") stands in capitals under the
    subject. The subject is kept as printed, "Về việc" too; only a "V/v" before it and a final
    full stop are dropped."""
    out: list[str] = []
    i = start
    while i < len(lines) and len(out) < MAX_TITLE_LINES:
        line = lines[i]
        text = tidy(line.text)
        slack_l, slack_r = line.box.x0 - m.left, m.right - line.box.x1
        # indented and out to the right margin; a long centred line (a little off centre on a
        # scan) has as much room on its left as on its right
        off_centre = slack_l - slack_r > 0.03 * m.width
        first_line = slack_l > 0.04 * m.width and slack_r < 0.03 * m.width and off_centre
        capitals = in_capitals(text)
        if (
            first_line
            or _BODY_OPENING.match(text)
            or (out and _LATER_OPENING.match(text))
            or re.fullmatch(r"[-_*=.\s]+", text)
            or (capitals and out and out[-1].upper() != out[-1])
        ):
            break
        out.append(text)
        i += 1
    return subject_text(out), i


def subject_text(lines: list[str]) -> str:
    """A subject's lines as one line, without "V/v" and without a final full stop."""
    title = re.sub(r"^V/v\s*:?\s*", "", join_lines(lines), flags=re.I)
    return re.sub(r"(?<!\.)\.$", "", title).strip()


def legal_basis(paragraph: Paragraph) -> str | None:
    text = paragraph.text
    if not text.startswith("Căn cứ"):
        return None
    return text[len("Căn cứ") :].strip().rstrip(";.,").strip()


_REF = re.compile(
    r"(?P<type>Kế hoạch|Quyết định|Công văn|Thông báo|Chỉ thị|Nghị quyết|Hướng dẫn|Thông tư|Nghị định)"
    r"\s+số\s+(?P<num>\d+)\s*/\s*(?P<sym>[A-ZĐ0-9][A-ZĐ0-9.\-&/]*[A-ZĐ0-9])"
    r"(?P<rest>[^;]*)"
)


def referenced_documents(bases: list[str]) -> list[DocRef]:
    refs = []
    for base in bases:
        for m in _REF.finditer(base):
            rest = m["rest"]
            date = parse_dmy(rest)
            if not date:
                words = re.search(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", rest)
                if words:
                    date = f"{int(words[3]):04d}-{int(words[2]):02d}-{int(words[1]):02d}"
            issuer = ""
            by = re.search(r"\bcủa\s+(.+?)(?:\s+về\s|\s+ban hành|\s+hướng dẫn|$)", rest)
            if by:
                issuer = by[1].strip(" ,")
            refs.append(DocRef(m["type"], m["num"], m["sym"], date, issuer))
    return refs


def locality(issuer: str, bases: list[str]) -> dict[str, str]:
    """Level word -> the named place it means in this document ("huyện" -> "huyện Chi Lăng")."""
    out: dict[str, str] = {}
    for text in [issuer, *bases]:
        for m in _LOCALITY.finditer(text):
            out.setdefault(m[1], f"{m[1]} {m[2].strip()}")
    return out


# "KT. CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN", "TL. BỘ TRƯỞNG": signing for the head or the body;
# the signer's own post is printed under the last such line.
_SIGNS_FOR = re.compile(r"^(?:KT|TM|TL|TUQ|Q)\s*[.,]\s*")


def signer(right_lines: list[str]) -> tuple[str, str]:
    """(post, name) from the signature block's lines, top to bottom: the post in capitals under
    any "KT." / "TM." / "TL." line, the unit it heads on the next lines ("VỤ TRƯỞNG" / "VỤ CẢI
    CÁCH HÀNH CHÍNH"), the name under the signature. Lines under the name are not the post."""
    names = [
        i
        for i, t in enumerate(right_lines)
        if not in_capitals(t) and looks_like_name(_RANKS.sub("", _without_pen_marks(t)))
    ]
    name = _RANKS.sub("", _without_pen_marks(right_lines[names[-1]])).strip() if names else ""
    caps = [t for t in right_lines[: names[-1] if names else len(right_lines)] if in_capitals(t)]
    if not caps:
        return "", name
    last_for = max((i for i, t in enumerate(caps) if _SIGNS_FOR.match(t)), default=-1)
    posts = caps[last_for + 1 :] or [_SIGNS_FOR.sub("", caps[last_for])]
    # a seal's ring text reads as capitals too: a known post wins over it
    at = next((i for i, t in enumerate(posts) if _known_title(t)), 0)
    post = _SIGNS_FOR.sub("", posts[at])
    unit = [t for t in posts[at + 1 : at + 3] if _heads(post, t)]
    if at == 0 and not _known_title(post) and not re.fullmatch(r"(?:[^\W\d_]{2,}\s?)+", post):
        return "", name  # no post read, only specks and scraps of a seal or of two lines run together
    return official_title(" ".join([post, *unit])), name


def _without_pen_marks(text: str) -> str:
    """A name as printed under a signature, without what OCR reads in the pen's strokes around
    it: marks with no letter ("_—", "“") and lone small letters ("Đặng x Văn x Minh"); no part
    of a Vietnamese name is one letter."""
    words = text.split()
    return " ".join(w for w in words if re.search(r"[^\W\d_]", w) and not (len(w) == 1 and w.islower()))


def _heads(post: str, line: str) -> bool:
    """The line names the unit the post heads: its kind is a word of the post ("VỤ TRƯỞNG" /
    "VỤ CẢI CÁCH HÀNH CHÍNH", "TRƯỞNG PHÒNG" / "PHÒNG ĐÀO TẠO")."""
    kind = fold(line).split()[:1]
    return bool(kind) and body_case(line) is not None and kind[0] in fold(post).split()


def looks_like_name(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 6 and all(w[:1].isupper() for w in words) and not re.search(r"\d", text)


_TITLES = [
    "Chủ tịch",
    "Phó Chủ tịch",
    "Giám đốc",
    "Phó Giám đốc",
    "Tổng Giám đốc",
    "Phó Tổng Giám đốc",
    "Trưởng phòng",
    "Phó Trưởng phòng",
    "Chánh Văn phòng",
    "Phó Chánh Văn phòng",
    "Trưởng ban",
    "Phó Trưởng ban",
    "Trưởng Tiểu ban",
    "Phó Trưởng Tiểu ban",
    "Bí thư",
    "Phó Bí thư",
    "Chỉ huy trưởng",
    "Chánh Thanh tra",
    "Bộ trưởng",
    "Thứ trưởng",
    "Vụ trưởng",
    "Phó Vụ trưởng",
    "Cục trưởng",
    "Phó Cục trưởng",
    "Chi cục trưởng",
    "Phó Trưởng phòng phụ trách",
    "Tổng Biên tập",
    "Hiệu trưởng",
    "Phó Hiệu trưởng",
    "Viện trưởng",
    "Phó Viện trưởng",
]
_TITLE_BY_KEY = {fold(t): t for t in _TITLES}


def _known_title(text: str) -> tuple[str, float, int] | None:
    """The known title a line reads as, allowing for a seal over a few letters."""
    key = re.sub(r"^(kt|tm|tl|tuq|q)\s+", "", fold(text))
    return process.extractOne(key, list(_TITLE_BY_KEY), scorer=fuzz.ratio, score_cutoff=85)


def _unit_case(post: str, rest: list[str]) -> str:
    """The unit after a post, in its own case: "VỤ CẢI CÁCH HÀNH CHÍNH" -> "Vụ Cải cách hành
    chính"; after "Trưởng phòng" the unit's kind is the post's last word ("ĐÀO TẠO" -> "Đào tạo")."""
    if not rest:
        return ""
    unit = body_case(" ".join(rest))
    if unit:
        return unit
    kind = post.split()[-1]
    named = body_case(" ".join([kind, *rest]))
    return named[len(kind) + 1 :] if named else " ".join(rest).lower()


def official_title(upper: str) -> str:
    """'PHÓ CHỦ TỊCH' -> 'Phó Chủ tịch'; a known title survives a lost mark ('CHU TỊCH'); the
    unit after a post keeps its own case ('VỤ TRƯỞNG VỤ CẢI CÁCH HÀNH CHÍNH' -> 'Vụ trưởng Vụ
    Cải cách hành chính', 'TRƯỞNG PHÒNG ĐÀO TẠO' -> 'Trưởng phòng Đào tạo')."""
    found = _known_title(upper)
    if found:
        return _TITLE_BY_KEY[found[0]]
    words = upper.split()
    folded = [fold(w) for w in words]
    for n in range(len(words) - 1, 0, -1):  # the longest known post the line starts with
        post = _TITLE_BY_KEY.get(" ".join(folded[:n]))
        if post:
            unit = _unit_case(post, words[n:])
            return f"{post} {unit}" if unit else post
    words = upper.lower().split()
    if not words:
        return ""
    if words[0] == "phó" and len(words) > 1:
        return "Phó " + words[1].capitalize() + "".join(" " + w for w in words[2:])
    return words[0].capitalize() + "".join(" " + w for w in words[1:])


# --- names printed in capitals, in the case Nghị định 30/2020 (Phụ lục II) gives them -------

LEVELS = r"(?:tỉnh|huyện|xã|thành phố|thị xã|thị trấn|phường|quận|đặc khu)"
# The kind of a body and the start of its function take capitals, the rest of its name lower
# case ("Tiểu ban Thông tin, tuyên truyền", "Vụ Cải cách hành chính"). Kind -> whether the word
# after it takes a capital ("Ban Chỉ đạo" holds its function already). A school below the
# university level is named after a place or a person: each word of that name is capitalised.
_KIND_CASE = {
    "Ban Chỉ đạo": False, "Ban Thường trực": False, "Ban Thường vụ": False, "Ban Quản lý": False,
    "Bệnh viện đa khoa": False, "Ủy ban": False, "Hội đồng": False, "Tiểu ban": True,
    "Trường Đại học": True, "Trường Cao đẳng": True, "Học viện": True, "Bệnh viện": True,
    "Trung tâm": True, "Văn phòng": True, "Ban": True, "Trường": True, "Viện": True, "Vụ": True,
    "Phòng": True, "Cục": True, "Sở": True,
}
_KIND_WORDS = {kind: [fold(w) for w in kind.split()] for kind in _KIND_CASE}
_NAMED_SCHOOL = re.compile(r"^Trường (?:Trung học phổ thông|Trung học cơ sở|Tiểu học|Mầm non)\b")


def body_case(text: str) -> str | None:
    """A body's name printed in capitals ("TIỂU BAN THÔNG TIN, TUYÊN TRUYỀN") in its own case;
    None when it starts with no kind of body. Words already in mixed case (an abbreviation
    spelled out) are kept."""
    words = text.split()
    folded = [fold(w) for w in words]
    for kind, capital in _KIND_CASE.items():
        n = len(_KIND_WORDS[kind])
        if folded[:n] == _KIND_WORDS[kind]:
            return _cased_name(kind, words[n:], capital)
    return None


def _cased_name(kind: str, rest: list[str], capital: bool) -> str:
    out = [kind]
    named = bool(_NAMED_SCHOOL.match(" ".join([kind, *rest])))
    for i, w in enumerate(rest):
        low = w.lower()
        if w.upper() != w:
            out.append(w)
        elif re.fullmatch(LEVELS, low) or low == "và":
            out.append(low)
        elif named or (i == 0 and capital):
            out.append(w[:1] + low[1:])
        else:
            out.append(low)
    text = " ".join(out)
    # a document named by its number is a name: "… VÀ ĐỀ ÁN 06" -> "và Đề án 06"
    text = _NAMED_DOCUMENT.sub(lambda m: m[1].capitalize() + m[2], text)
    # "… xã PHỐ BẢNG": the place after a level word ("thành phố" is two words) is a name
    return re.sub(rf"\b({LEVELS})\s+(.+)$", lambda m: f"{m[1]} {_title(m[2])}", text)


_NAMED_DOCUMENT = re.compile(r"\b(đề án|chương trình|dự án|nghị quyết|kế hoạch)(\s+(?:số\s+)?\d)")


def _title(place: str) -> str:
    return " ".join(w if w.isdigit() else w[:1].upper() + w[1:].lower() for w in place.split())


def place_of(text: str) -> str:
    """ "tỉnh Lâm Đồng" from a name's last words, "" when it names no place."""
    m = re.search(rf"\b({LEVELS})\s+(\S.*)$", text, flags=re.I)
    return f"{m[1].lower()} {_title(m[2])}" if m else ""


def assemble(h: HeaderFacts, title: str, issuer: str, year: int | None, who: tuple[str, str]) -> Metadata:
    return Metadata(
        doc_type=h.doc_type,
        doc_number=h.number,
        doc_symbol=h.symbol,
        issuer=issuer,
        place=h.place,
        issued_date=h.date,
        title=title,
        plan_year=year,
        signer_title=who[0],
        signer_name=who[1],
    )


def plan_year(title: str, date: str | None) -> int | None:
    years = re.findall(r"\b(20\d{2}|19\d{2})\b", title)
    if years:
        return int(years[0])
    return int(date[:4]) if date else None
