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
}
_NUMBER = re.compile(r"^S[ốo0Ốỏơ]\s*[:;.]?\s*(?P<num>[^/\s]*)\s*/\s*(?P<sym>[A-ZĐ0-9][A-ZĐ0-9.\-&]*)", re.I)
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
            h.number, h.symbol = nm["num"], nm["sym"].rstrip(".")
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
        if left and (text.startswith("V/v") or subject):
            subject.append(text)
            h.where.setdefault("subject", []).append(line)
            continue
        if left and not h.number and text.upper() == text and re.search(r"[A-ZĐ]{2}", text):
            h.issuer_lines.append(text.strip("-_ "))
            h.where.setdefault("issuer", []).append(line)
    h.issuer_lines = [i for i in h.issuer_lines if i]
    if type_index is not None:
        h.doc_type = DOC_TYPES[fold(lines[type_index].text)]
        h.where["doc_type"] = [lines[type_index]]
    elif subject:
        h.doc_type = "Công văn"
    h.subject = re.sub(r"^V/v\s*:?\s*", "", join_lines(subject)).strip()
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


def title_lines(lines: list[Line], start: int, m: Margins) -> tuple[str, int]:
    """The subject under the kind line: centred lines until the body starts."""
    out: list[str] = []
    i = start
    while i < len(lines) and len(out) < 4:
        line = lines[i]
        text = tidy(line.text)
        slack_l, slack_r = line.box.x0 - m.left, m.right - line.box.x1
        # Centred and short of the full width: a justified body line is "centred" too.
        centred = abs(slack_l - slack_r) < 0.12 * m.width and min(slack_l, slack_r) > 0.04 * m.width
        if not centred or text.startswith("Căn cứ") or re.fullmatch(r"[-_*=.\s]+", text):
            break
        out.append(text)
        i += 1
    title = join_lines(out)
    title = re.sub(r"^(?:V/v|Về việc)\s*:?\s*", "", title, flags=re.I)
    return title, i


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


def signer(right_lines: list[str]) -> tuple[str, str]:
    """(title, name) from the signer block's lines, top to bottom."""
    known = [_TITLE_BY_KEY[m[0]] for m in (_known_title(t) for t in right_lines) if m]
    titles = [t for t in right_lines if t.upper() == t and re.search(r"[A-ZĐ]{2}", t)]
    if known:
        titles = [t for t in titles if _known_title(t)] or titles
    names = [t for t in right_lines if t.upper() != t and _looks_like_name(t)]
    name = _RANKS.sub("", names[-1]).strip() if names else ""
    title = ""
    if titles:
        lead = [t for t in titles if not re.match(r"^(KT|TM|TL|TUQ|Q)\s*\.", t)]
        title = official_title(lead[-1] if lead else titles[-1])
    return title, name


def _looks_like_name(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 6 and all(w[:1].isupper() for w in words) and not re.search(r"\d", text)


_TITLES = [
    "Chủ tịch",
    "Phó Chủ tịch",
    "Giám đốc",
    "Phó Giám đốc",
    "Trưởng phòng",
    "Phó Trưởng phòng",
    "Chánh Văn phòng",
    "Phó Chánh Văn phòng",
    "Trưởng ban",
    "Phó Trưởng ban",
    "Bí thư",
    "Phó Bí thư",
    "Chỉ huy trưởng",
    "Chánh Thanh tra",
    "Cục trưởng",
    "Chi cục trưởng",
    "Phó Trưởng phòng phụ trách",
    "Tổng Biên tập",
    "Hiệu trưởng",
]
_TITLE_BY_KEY = {fold(t): t for t in _TITLES}


def _known_title(text: str) -> tuple[str, float, int] | None:
    """The known title a line reads as, allowing for a seal over a few letters."""
    key = re.sub(r"^(kt|tm|tl|tuq|q)\s+", "", fold(text))
    return process.extractOne(key, list(_TITLE_BY_KEY), scorer=fuzz.ratio, score_cutoff=85)


def official_title(upper: str) -> str:
    """'PHÓ CHỦ TỊCH' -> 'Phó Chủ tịch'; a known title survives a lost mark ('CHU TỊCH')."""
    found = _known_title(upper)
    if found:
        return _TITLE_BY_KEY[found[0]]
    words = upper.lower().split()
    if not words:
        return ""
    if words[0] == "phó" and len(words) > 1:
        return "Phó " + words[1].capitalize() + "".join(" " + w for w in words[2:])
    return words[0].capitalize() + "".join(" " + w for w in words[1:])


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
