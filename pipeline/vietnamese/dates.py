"""Vietnamese dates, periods and deadlines -> ISO 8601."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from pipeline.vietnamese.text import fold

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
_QUARTER_NAMES = {1: "Quý I", 2: "Quý II", 3: "Quý III", 4: "Quý IV"}


@dataclass(frozen=True, slots=True)
class Period:
    label: str  # normalised: "Quý I", "6 tháng đầu năm", "Tháng 3", "Năm 2024"
    start: str | None
    end: str | None


def iso(year: int, month: int, day: int) -> str | None:
    try:
        last = calendar.monthrange(year, month)[1]
    except (ValueError, calendar.IllegalMonthError):
        return None
    if not 1 <= day <= last:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def month_end(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def _year(text: str | None, default: int | None) -> int | None:
    if text is None:
        return default
    y = int(text)
    return y + 2000 if y < 100 else y


# --- the date line: "Chi Lăng, ngày 05 tháng 01 năm 2024", blanks allowed -----------------------

_DATE_LINE = re.compile(
    r"^(?P<place>[^,]{2,60}),\s*ngày\s*(?:(?P<d>\d{1,2})\s*|(?P<blank>[^,]{0,12}?))tháng\s*(?P<m>\d{1,2})?[\s.…_—–|-]*"
    r"năm\s*(?P<y>\d{4})",
    re.IGNORECASE,
)


# A day and month filled in by pen can read as junk that swallows "ngày … tháng" itself
# ("Hà Nội, ngà¿2háng0 năm 2022"): the place and the printed year are still sure.
_DATE_LINE_SPOILT = re.compile(
    r"^(?P<place>[A-ZĐÀ-Ỹ][^,]{1,59}),\s*ng[^\s,]{0,12}.{0,24}?\bnăm\s*(?P<y>\d{4})\b", re.IGNORECASE
)
_BLANK_DAY = re.compile(r"[\s.…_—–|-]*")


def day_written_in(text: str) -> bool:
    """The date line's day was filled in by hand: between "ngày" and "tháng" stands something
    that is neither a printed day nor the blank left for one (": 2", "#7")."""
    m = _DATE_LINE.search(text)
    if m is None:
        return bool(_DATE_LINE_SPOILT.search(text))
    return bool(m["blank"] and not _BLANK_DAY.fullmatch(m["blank"]))


def parse_date_line(text: str) -> tuple[str, str | None] | None:
    """(place, ISO date as far as printed) of a place-and-date line, or None."""
    m = _DATE_LINE.search(text)
    if not m:
        spoilt = _DATE_LINE_SPOILT.search(text)
        return (spoilt["place"].strip(), spoilt["y"]) if spoilt else None
    year = int(m["y"])
    month = int(m["m"]) if m["m"] else None
    day = int(m["d"]) if m["d"] else None
    if month is None or not 1 <= month <= 12:
        date = f"{year:04d}"
    elif day is None:
        date = f"{year:04d}-{month:02d}"
    else:
        date = iso(year, month, day) or f"{year:04d}-{month:02d}"
    return m["place"].strip(), date


_DMY = re.compile(r"(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{2,4})")


def parse_dmy(text: str) -> str | None:
    m = _DMY.search(text)
    return iso(_year(m[3], None) or 0, int(m[2]), int(m[1])) if m else None


# --- periods ---------------------------------------------------------------------------------

# Matched on the folded text (no marks, lower case): OCR loses marks on bold headings ("QUY I").
_PERIOD_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^quy\s*(iv|iii|ii|i|[1-4])\b(?:\s*(?:/|nam)\s*(\d{4}))?"), "quarter"),
    (re.compile(r"^(6|sau)\s+thang\s+dau\s+nam(?:\s+(\d{4}))?"), "h1"),
    (re.compile(r"^(6|sau)\s+thang\s+cuoi\s+nam(?:\s+(\d{4}))?"), "h2"),
    (re.compile(r"^thang\s+(\d{1,2})(?:\s*(?:/|nam)\s*(\d{4}))?\b"), "month"),
    (re.compile(r"^(?:ca\s+)?nam\s+(\d{4})$"), "year"),
]


def parse_period(text: str, year: int | None) -> Period | None:
    """A period heading or time cell ("QUÝ I", "Quý II/2025", "6 THÁNG ĐẦU NĂM", "THÁNG 3")."""
    t = re.sub(r"\s+", " ", text).strip().rstrip(".:;")
    # OCR reads the roman I of a quarter as l, | or 1 ("QUÝ l", "QUÝ Il").
    t = re.sub(
        r"^(qu\S\s*)([Il|1HU]{1,3}V?|V)(?=\s*(?:/|năm|NĂM|$))",
        lambda m: m[1] + re.sub(r"[l|1U]", "I", m[2]).replace("H", "II"),
        t,
        flags=re.I,
    )
    t = fold(t)
    t = re.sub(r"^(\d+)(thang)\b", r"\1 \2", t)  # the space lost by OCR: "6tháng cuối năm"
    # A speck read between the words ("QUÝ l4 III"): the quarter is the numeral that ends it.
    t = re.sub(r"^quy\s+\S+\s+(iv|iii|ii|i)$", r"quy \1", t)
    for pattern, kind in _PERIOD_PATTERNS:
        m = pattern.match(t)
        if not m:
            continue
        if kind == "year":
            y = int(m[1])
            return Period(f"Năm {y}", f"{y}-01-01", f"{y}-12-31")
        y = _year(m[2], year) if m.lastindex and m.lastindex >= 2 else year
        if kind == "quarter":
            q = _ROMAN.get(m[1].upper()) or int(m[1])
            start = f"{y}-{3 * q - 2:02d}-01" if y else None
            return Period(_QUARTER_NAMES[q], start, month_end(y, 3 * q) if y else None)
        if kind == "h1":
            return Period("6 tháng đầu năm", f"{y}-01-01" if y else None, f"{y}-06-30" if y else None)
        if kind == "h2":
            return Period("6 tháng cuối năm", f"{y}-07-01" if y else None, f"{y}-12-31" if y else None)
        month = int(m[1])
        if not 1 <= month <= 12:
            return None
        return Period(
            f"Tháng {month}", f"{y}-{month:02d}-01" if y else None, month_end(y, month) if y else None
        )
    return None


def period_rank(label: str) -> tuple[str, int] | None:
    """Where a period label stands in its series: ("quarter", 1..4), ("half", 1..2), ("month",
    1..12). Group rows of a plan follow their series in order."""
    for number, name in _QUARTER_NAMES.items():
        if label == name:
            return "quarter", number
    if label in ("6 tháng đầu năm", "6 tháng cuối năm"):
        return "half", 1 if label == "6 tháng đầu năm" else 2
    m = re.fullmatch(r"Tháng (\d{1,2})", label)
    return ("month", int(m[1])) if m else None


SERIES_LENGTH = {"quarter": 4, "half": 2, "month": 12}


def period_at(series: str, rank: int, year: int | None) -> Period | None:
    if series == "quarter":
        return parse_period(_QUARTER_NAMES[rank], year)
    if series == "half":
        return parse_period(("6 tháng đầu năm", "6 tháng cuối năm")[rank - 1], year)
    return parse_period(f"Tháng {rank}", year)


def rank_of_date(series: str, iso_date: str) -> int:
    """The rank, in a series, of the period a date falls in."""
    month = int(iso_date[5:7])
    return {"quarter": (month + 2) // 3, "half": 1 if month <= 6 else 2}.get(series, month)


def settle_series(read: list[int | None], votes: list[dict[int, float]], length: int) -> list[int] | None:
    """The ranks of consecutive group rows of one series (QUÝ I, QUÝ II …), which rise: the
    increasing sequence that disagrees least with what was read (None: the numeral was lost)
    and with the rows' own evidence (votes: rank -> weight, from the time cells under each
    group row). None when no increasing sequence fits (more rows than the series has)."""
    n = len(read)
    if not 0 < n <= length:
        return None
    inf = (float("inf"), 0.0)

    def cost(i: int, rank: int) -> tuple[float, float]:
        """(disagreement, lowering): between equal disagreements, OCR more often loses a
        stroke of a numeral than it adds one ("QUÝ III" read "QUÝ II"), so a reading put
        right upwards is the likelier one."""
        was = read[i]
        miss = 0.0 if was is None or was == rank else 1.0
        lowered = float(max(0, was - rank)) if was is not None else 0.0
        return miss + sum(w for r, w in votes[i].items() if r != rank), lowered

    def add(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
        return a[0] + b[0], a[1] + b[1]

    best = [[inf] * (length + 1) for _ in range(n)]
    back = [[0] * (length + 1) for _ in range(n)]
    for r in range(1, length + 1):
        best[0][r] = cost(0, r)
    for i in range(1, n):
        for r in range(1, length + 1):
            prev = min(range(1, r), key=lambda p: best[i - 1][p], default=None)
            if prev is not None and best[i - 1][prev] < inf:
                best[i][r] = add(best[i - 1][prev], cost(i, r))
                back[i][r] = prev
    last = min(range(1, length + 1), key=lambda r: (best[n - 1][r], r))
    if best[n - 1][last] == inf:
        return None
    ranks = [last]
    for i in range(n - 1, 0, -1):
        ranks.append(back[i][ranks[-1]])
    return ranks[::-1]


# --- deadlines -------------------------------------------------------------------------------

_DUE = r"(?:trước|chậm\s+nhất(?:\s+là)?|hạn\s+chót|không\s+quá|hoàn\s+thành\s+trước|phấn\s+đấu\s+đến)"
_TIME = r"(?:\s*\d{1,2}\s*(?:giờ|h)\s*\d{0,2}(?:\s*phút)?,?)?"
# A day's second digit as OCR reads a 1 ("3l", "3¡"): within a deadline phrase it is a digit.
_DAY = r"(\d[\dlI|¡]?)"
_DEADLINE_DMY = re.compile(
    _DUE + _TIME + rf"\s*(?:ngày\s*)?{_DAY}\s*[/.-]\s*(\d{{1,2}})(?:\s*[/.-]\s*(\d{{2,4}}))?", re.I
)
_DEADLINE_WORDS = re.compile(
    _DUE + _TIME + rf"\s*(?:ngày\s*)?{_DAY}\s+tháng\s+(\d{{1,2}})(?:\s+năm\s+(\d{{4}}))?", re.I
)
# "trong tháng 11/2025", "trong quý IV/2025", "trong quý I năm 2026", "trong năm 2025": due by the
# last day of that month, quarter or year (TASKS.md).
_WITHIN = re.compile(
    r"\btrong\s+(?:(?P<unit>tháng|quý)\s+(?P<n>\d{1,2}|IV|III|II|I)\s*(?:/|năm)\s*|năm\s+)(?P<y>\d{4})\b"
)

# "trong năm 2025" is due by its end where work is completed in it ("hoàn thành … trong năm 2025").
_COMPLETES = re.compile(r"\b(?:hoàn thành|hoàn tất|xong|dứt điểm|ban hành|phê duyệt)\b[^.;]*$", re.I)


@dataclass(frozen=True, slots=True)
class Due:
    date: str
    text: str  # the phrase that states it


def _day(text: str) -> int:
    return int(re.sub(r"[lI|¡]", "1", text))


def find_deadlines(text: str, year: int | None) -> list[Due]:
    """Due dates stated in a sentence, in order ("trước ngày 25/01/2024", "chậm nhất ngày 15/10",
    "trong quý IV/2025")."""
    found: list[tuple[int, Due]] = []
    for pattern in (_DEADLINE_DMY, _DEADLINE_WORDS):
        for m in pattern.finditer(text):
            y = _year(m[3], year)
            date = iso(y, int(m[2]), _day(m[1])) if y else None
            if date:
                found.append((m.start(), Due(date, m[0])))
    for m in _WITHIN.finditer(text):
        if m["unit"] is None and not _COMPLETES.search(text[max(0, m.start() - 60) : m.start()]):
            continue  # "các ngày lễ trong năm 2025": when things happen, not by when they are done
        end = _period_end(m["unit"], m["n"], int(m["y"]))
        if end:
            found.append((m.start(), Due(end, m[0])))
    found.sort(key=lambda x: x[0])
    return [d for _, d in found]


def _period_end(unit: str | None, n: str | None, y: int) -> str | None:
    """The last day of month n, quarter n (a roman numeral) or, with no unit, year y."""
    if unit is None or n is None:
        return f"{y:04d}-12-31"
    if unit.lower().startswith("q"):
        quarter = _ROMAN.get(n.upper()) or (int(n) if n.isdigit() else 0)
        return month_end(y, 3 * quarter) if 1 <= quarter <= 4 else None
    month = int(n)
    return month_end(y, month) if 1 <= month <= 12 else None


# The periods a time line names ("Quý IV/2025 và Quý I/2026", "Dự kiến tháng 11/2025 (sau khi …)").
_PERIOD_IN_TEXT = re.compile(
    r"\b(?:(?P<unit>tháng|quý)\s+(?P<n>\d{1,2}|IV|III|II|I)\s*(?:/|năm)\s*|năm\s+)(?P<y>\d{4})\b", re.I
)
# A range or a start ("Từ tháng 12/2025 đến quý I/2026"), a recurrence ("hằng năm"), the whole of
# a year ("Cả năm"): when the work runs, not by when it is due.
_NOT_DUE = re.compile(r"\b(?:từ|đến|hằng|hàng|cả năm|bắt đầu|giai đoạn)\b|\d\s*-\s*\d", re.I)


def period_deadline(text: str, year: int | None) -> str | None:
    """The deadline a time line gives by naming periods: the end of the latest of them."""
    if _NOT_DUE.search(text):
        return None
    ends = [_period_end(m["unit"], m["n"], int(m["y"])) for m in _PERIOD_IN_TEXT.finditer(text)]
    ends = [e for e in ends if e]
    if not ends:
        period = parse_period(text, year)
        return period.end if period else None
    return max(ends)


def time_cell(text: str, year: int | None) -> tuple[str | None, Period | None]:
    """A time column's value -> (deadline, period). "Thường xuyên" gives neither."""
    t = re.sub(r"\s+", " ", text).strip()
    if not t:
        return None, None
    dues = find_deadlines(t, year)
    if dues:
        return dues[-1].date, None
    period = parse_period(t, year)
    if period:
        # "Quý II/2025", "Năm 2026": due by the period's end (annotation guide, Deadlines).
        return period_deadline(t, year), period
    if named := period_deadline(t, year):
        return named, None
    bare = re.fullmatch(r"(?:ngày\s*)?(\d{1,2})\s*/\s*(\d{1,2})(?:\s*/\s*(\d{2,4}))?\.?", t, re.I)
    if bare:
        y = _year(bare[3], year)
        return (iso(y, int(bare[2]), int(bare[1])) if y else None), None
    # "Trước" misread ("Trứe 7C ngày 30/11/2025"): in a time column, one full date that closes
    # the cell is when the task is due, unless the cell says it is when it starts ("Từ ngày").
    end = re.search(r"ngày\s*(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})\.?$", t, re.I)
    if end and len(_FULL_DATE.findall(t)) == 1 and not re.search(r"\btừ\b", t, re.I):
        return iso(int(end[3]), int(end[2]), int(end[1])), None
    return None, None


_FULL_DATE = re.compile(r"\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}")
