"""Tables of one document -> task rows: columns by meaning, period rows, rows split across pages."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from rapidfuzz import fuzz, process

from pipeline.model import Box, Cell, Role, Table
from pipeline.vietnamese.dates import (
    SERIES_LENGTH,
    Period,
    parse_period,
    period_at,
    period_rank,
    rank_of_date,
    settle_series,
    time_cell,
)
from pipeline.vietnamese.numbering import ocr_numeral, roman_value
from pipeline.vietnamese.text import BULLETS, clean_cell_line, ends_mid_name, fold


class Col(StrEnum):
    NUMBER = "number"
    CONTENT = "content"
    AGENCY = "agency"
    LEAD = "lead"
    PARTNER = "partner"
    TIME = "time"
    PRODUCT = "product"
    NOTE = "note"
    OTHER = "other"


ROLE_OF = {Col.AGENCY: Role.DOES, Col.LEAD: Role.LEAD, Col.PARTNER: Role.PARTNER}

# Checked in order ("thời gian thực hiện" is a time column before "thực hiện" makes it an
# agency), each on the folded label and on the same label with its spaces removed, as OCR drops
# them ("Thờigian thụchiện"). OCR mangles bold header words ("phối h Lư", "chủ hủ trì"): a part
# of each is enough.
_HEADER_WORDS: list[tuple[Col, re.Pattern[str], re.Pattern[str]]] = [
    (Col.NUMBER, re.compile(r"^(s\s*t\s*t|t\s*t|so\s*tt|so thu tu)$"), re.compile(r"^(s?tt|sott|sothutu)$")),
    # The level a draft goes to ("Cấp trình", over "Chính phủ" | "Thủ tướng Chính phủ" columns
    # that hold its submission month or an "x") says where it is sent, not when the work is due.
    (Col.OTHER, re.compile(r"\bcap trinh\b"), re.compile(r"captrinh")),
    (Col.TIME, re.compile(r"\bthoi\b|tien do|hoan thanh"), re.compile(r"thoigian|thoihan|tiendo|hoanthanh")),
    (Col.AGENCY, re.compile(r"chu tri.*phoi|phoi.*chu tri"), re.compile(r"chutri.*phoihop|phoihop.*chutri")),
    (Col.LEAD, re.compile(r"\bchu\b.*\btri\b|chu tri"), re.compile(r"chutri")),
    # Who gives an opinion on a draft ("Đơn vị cho ý kiến") takes part in the work.
    (Col.PARTNER, re.compile(r"\bphoi\b|cho y kien|gop y"), re.compile(r"phoihop|choykien|gopy")),
    # A label that starts with the work is the content ("Nhiệm vụ thực hiện"), whatever follows.
    (
        Col.CONTENT,
        re.compile(r"^(noi dung|nhiem vu|cong viec|hoat dong)\b"),
        re.compile(r"^(noidung|nhiemvu)"),
    ),
    (
        Col.AGENCY,
        re.compile(r"co quan|don vi|thuc hien|phan cong"),
        re.compile(r"coquan|donvi|thuchien|phancong"),
    ),
    (
        Col.CONTENT,
        # A list of texts to draft names each one ("Tên văn bản", "Tên đề án"): that is the work.
        re.compile(r"noi dung|nhiem vu|cong viec|hoat dong|ten (de an|nhiem vu|van ban)"),
        re.compile(r"noidung|nhiemvu|congviec|hoatdong|ten(dean|vanban)"),
    ),
    (Col.PRODUCT, re.compile(r"san pham|ket qua"), re.compile(r"sanpham|ketqua")),
    (Col.NOTE, re.compile(r"ghi chu"), re.compile(r"ghichu")),
]

_GROUP = re.compile(r"^([IVX]+|[IVXHl1|]*H[IVXHl1|]*|[A-ZĐ])[.)]\s*\S")




# Whole labels, for a header OCR mangled past the patterns ("Cơ quan chủ bì", "P hối h").
_LABELS = {
    "co quan chu tri": Col.LEAD,
    "don vi chu tri": Col.LEAD,
    "chu tri": Col.LEAD,
    "co quan phoi hop": Col.PARTNER,
    "don vi phoi hop": Col.PARTNER,
    "phoi hop": Col.PARTNER,
    "co quan thuc hien": Col.AGENCY,
    "don vi thuc hien": Col.AGENCY,
    "thoi gian thuc hien": Col.TIME,
    "thoi gian hoan thanh": Col.TIME,
    "thoi han": Col.TIME,
    "noi dung": Col.CONTENT,
    "noi dung cong viec": Col.CONTENT,
    "nhiem vu": Col.CONTENT,
    "san pham": Col.PRODUCT,
    "ghi chu": Col.NOTE,
}


def classify_header(text: str) -> Col | None:
    col = _classify_by_words(text)
    both_roles = "chu" in fold(text) and "phoi" in fold(text)  # "Đơn vị chủ trì/phối hợp"
    if col is None or (col is Col.AGENCY and not both_roles):
        # A generic agency label may be a mangled "chủ trì" / "phối hợp": the closest whole label.
        best = process.extractOne(fold(text), list(_LABELS), scorer=fuzz.ratio, score_cutoff=75)
        if best and (col is None or _LABELS[best[0]] in (Col.LEAD, Col.PARTNER)):
            return _LABELS[best[0]]
    return col


def _classify_by_words(text: str) -> Col | None:
    key = fold(text)
    if not key:
        return None
    glued = key.replace(" ", "")
    for col, spaced, joined in _HEADER_WORDS:
        if spaced.search(key) or joined.search(glued):
            return col
    return None


NUMBER_WIDTH = 45.0  # points: a first column this narrow holds the task numbers


def _header_kinds(table: Table, r: int) -> list[Col | None] | None:
    """Meanings of row r's labels when it reads as a header row (most of its cells are labels)."""
    texts = [c.text for c in table.row_cells(r) if c.text]
    # Header cells are short labels; a task's text that happens to say "thực hiện" is not one.
    kinds = [classify_header(t) if len(t) <= 45 else None for t in texts]
    known = sum(k is not None for k in kinds)
    if known >= 2 and known >= 0.6 * len(kinds):
        return kinds
    if r > 0 and texts and known == len(kinds) and all(_label_like(t) for t in texts):
        return kinds  # a second header row: "Chủ trì" | "Phối hợp" under "Cơ quan thực hiện"
    return None


def _label_like(text: str) -> bool:
    """A header label is a few words: no list bullet, no ";" between names, no closing full stop.
    The end of an agency list run over from the page before ("đơn vị; - UBND các xã.") is not."""
    text = text.strip()
    return not (";" in text or text[:1] in BULLETS or text.endswith((".", ",")))


def header_rows(table: Table) -> tuple[int, list[Col]] | None:
    """How many rows at the top are header rows, and each grid column's meaning; None: no header."""
    if _header_kinds(table, 0) is None:
        return None
    # A header cell spanning two grid rows (a rule fragment, a two-level header) spans the header.
    n_header = max(c.row_span for c in table.row_cells(0))
    while n_header < min(3, table.n_rows) and _header_kinds(table, n_header) is not None:
        n_header += 1
    cols: list[Col] = []
    for c in range(table.n_cols):
        kind: Col | None = None
        # The lowest header cell over a column names it ("Chủ trì" under "Cơ quan thực hiện").
        for r in reversed(range(n_header)):
            cell = table.cell_at(r, c)
            kind = classify_header(cell.text) if cell and len(cell.text) <= 45 else None
            if kind:
                break
        if kind is None and c == 0 and table.col_edges[1] - table.col_edges[0] <= NUMBER_WIDTH:
            kind = Col.NUMBER  # its "STT" misread or lost
        cols.append(kind or Col.OTHER)
    # A task table says what is to be done and who does it (TASKS.md): a timetable or a list
    # whose columns name no agency ("Thời gian | Ngành | Khoa | Nội dung học") is not one.
    if Col.CONTENT not in cols or not any(c in ROLE_OF for c in cols):
        return None
    return n_header, cols


@dataclass(slots=True)
class RowDraft:
    """A task row as it is assembled, possibly from two pages."""

    number: str
    lines: dict[Col, list[str]]
    other: dict[str, list[str]]
    pages: list[int]
    confs: list[float]
    period: Period | None
    group: str
    continued: bool = False
    merged_cells: list[str] = field(default_factory=list)
    boxes: list[tuple[int, Box]] = field(default_factory=list)  # the cells it was read from
    review: list[str] = field(default_factory=list)  # why the row's values need a second look


@dataclass(slots=True)
class TableReading:
    rows: list[RowDraft]
    header_names: list[str]
    header_boxes: list[tuple[int, Box]] = field(default_factory=list)
    group_boxes: list[tuple[int, Box]] = field(default_factory=list)  # period and group rows
    period_rows: list[tuple[Period, list[RowDraft]]] = field(default_factory=list)  # as read


EDGE_TOLERANCE = 6.0  # points: the same column boundary on the next page


def _same_grid(a: Table, b: Table) -> bool:
    return len(a.col_edges) == len(b.col_edges) and all(
        abs(x - y) <= EDGE_TOLERANCE for x, y in zip(a.col_edges, b.col_edges, strict=True)
    )


def _repeated_header(table: Table, names: list[str]) -> int:
    """Rows at the top that repeat the header (its labels, however OCR read them this time)."""
    texts = [fold(c.text) for c in table.row_cells(0)]
    want = [fold(n) for n in names]
    if len(texts) == len(want) and fuzz.ratio(" ".join(texts), " ".join(want)) >= 60:
        return max(c.row_span for c in table.row_cells(0))
    return 0


def read_tables(tables: list[Table], year: int | None) -> list[TableReading]:
    """Task rows of consecutive tables. A table on the next page with the same columns continues
    the one before it, whether its header is printed again (and however OCR read it) or not."""
    readings: list[TableReading] = []
    cols: list[Col] = []
    names: list[str] = []
    period: Period | None = None
    group = ""
    current: TableReading | None = None
    previous: Table | None = None
    carry: dict[int, list[str]] = {}
    for table in tables:
        found = header_rows(table)
        inherit: dict[int, list[str]] = {}
        if (
            current is not None
            and previous is not None
            and table.page > previous.page
            and _same_grid(table, previous)
        ):
            start = found[0] if found else _repeated_header(table, names)
            inherit = dict(carry)
        elif found:
            start, cols = found
            names = [
                (table.cell_at(start - 1, c).text if table.cell_at(start - 1, c) else "")
                for c in range(table.n_cols)
            ]
            current = TableReading([], names)
            readings.append(current)
            period, group = None, ""
        else:
            continue  # a ruled box that is not a task table (no header, nothing to continue)
        previous = table
        current.header_boxes += [(table.page, c.box) for c in table.cells if c.row < start]
        first = True
        for r in range(start, table.n_rows):
            if not any(c.row == r for c in table.cells):
                continue  # every cell here spans down from the row above: nothing new
            row = _read_row(table, r, cols, names)
            if row is None:
                continue
            kind, value = _row_kind(row, table, r, year)
            if kind != "task":
                current.group_boxes += row.boxes
            if kind == "period":
                period = value  # type: ignore[assignment]
                current.period_rows.append((period, []))
                first = False
                continue
            if kind == "group":
                group = str(value)
                first = False
                continue
            row.period, row.group = period, group
            if first and current.rows and _continues_previous(row, current.rows[-1], current.rows):
                _merge(current.rows[-1], row)
                inherit.update(_spanning_on(table, r, cols, current.rows[-1]))
            else:
                _inherit(row, table, r, cols, inherit)
                current.rows.append(row)
                if period is not None and current.period_rows:
                    current.period_rows[-1][1].append(row)
            first = False
        carry = _running_off(table, cols)
    for reading in readings:
        _settle_periods(reading, year)
    return readings


def _running_off(table: Table, cols: list[Col]) -> dict[int, list[str]]:
    """Cells merged down a block of rows that reach the bottom of the page: the block goes on
    over the page break, its text printed once, on this page. The page's last row may be the
    block's first: its lead agency and time then stand for the rows at the top of the next page
    that leave those cells empty (a partner cell is often empty on its own: not that one)."""
    out: dict[int, list[str]] = {}
    for c, col in enumerate(cols):
        cell = table.cell_at(table.n_rows - 1, c)
        if not (cell and cell.text and col in (*ROLE_OF, Col.TIME)):
            continue
        if cell.row_span > 1 or col in (Col.AGENCY, Col.LEAD, Col.TIME):
            out[c] = [t for t in (clean_cell_line(x) for x in cell.lines) if t]
    return out


def _spanning_on(table: Table, r: int, cols: list[Col], whole: RowDraft) -> dict[int, list[str]]:
    """Cells of a row carried over the page break that go on down over the rows below it (a
    merged cell whose block began in that row): those rows take the whole row's value."""
    out: dict[int, list[str]] = {}
    for c, col in enumerate(cols):
        cell = table.cell_at(r, c)
        if col in (*ROLE_OF, Col.TIME) and cell and cell.row == r and cell.row_span > 1:
            out[c] = list(whole.lines.get(col, []))
    return out


def _inherit(row: RowDraft, table: Table, r: int, cols: list[Col], inherit: dict[int, list[str]]) -> None:
    """Rows at the top of a page under a merged cell left empty take the text printed above."""
    for c in list(inherit):
        cell = table.cell_at(r, c)
        if cell is None or (cell.row == r and cell.text):
            del inherit[c]  # a new value: the block has ended
            continue
        row.lines[cols[c]] = list(inherit[c])
        row.merged_cells.append(cols[c].value)


TIME_VOTE = 0.5  # a time cell that names a period ("Quý II/2024") says which group it is in
DUE_VOTE = 0.2  # a deadline inside a period says so too, weakly: work may be due later


def _settle_periods(reading: TableReading, year: int | None) -> None:
    """Group rows of one series follow each other in order (Quý I, II, III, IV; Tháng 1 … 12),
    and the time cells under a group row name or fall in its period: a numeral that OCR
    misread ("QUÝ I1", "QUÝ H") is put right from that structure, and the rows under it are
    flagged with the reason."""
    series: dict[str, list[int]] = {}
    for i, (period, _) in enumerate(reading.period_rows):
        rank = period_rank(period.label)
        if rank:
            series.setdefault(rank[0], []).append(i)
    for name, idx in series.items():
        read = [period_rank(reading.period_rows[i][0].label)[1] for i in idx]  # type: ignore[index]
        votes = [_period_votes(reading.period_rows[i][1], name, year) for i in idx]
        ranks = settle_series(read, votes, SERIES_LENGTH[name])
        if ranks is None:
            continue
        for i, was, rank in zip(idx, read, ranks, strict=True):
            if rank == was:
                continue
            settled = period_at(name, rank, year)
            printed, rows = reading.period_rows[i]
            for row in rows:
                row.period = settled
                row.review.append(
                    f"period row read '{printed.label}', its place in the series gives '{settled.label}'"
                )
            reading.period_rows[i] = (settled, rows)  # type: ignore[assignment]


def _period_votes(rows: list[RowDraft], series: str, year: int | None) -> dict[int, float]:
    votes: dict[int, float] = {}
    for row in rows:
        due, named = time_cell(" ".join(row.lines.get(Col.TIME, [])), year)
        rank = period_rank(named.label) if named else None
        if rank and rank[0] == series:
            votes[rank[1]] = votes.get(rank[1], 0.0) + TIME_VOTE
        elif due and len(due) >= 7:
            r = rank_of_date(series, due)
            votes[r] = votes.get(r, 0.0) + DUE_VOTE
    return votes


def _read_row(table: Table, r: int, cols: list[Col], names: list[str]) -> RowDraft | None:
    lines: dict[Col, list[str]] = {}
    other: dict[str, list[str]] = {}
    confs: list[float] = []
    merged: list[str] = []
    boxes: list[tuple[int, Box]] = []
    seen: set[int] = set()
    for c, col in enumerate(cols):
        cell = table.cell_at(r, c)
        if cell is None or id(cell) in seen:
            continue
        seen.add(id(cell))
        own = _own_times(table, cell, r) if col is Col.TIME and cell.row_span > 1 else None
        text_lines = [t for t in (clean_cell_line(x) for x in (cell.lines if own is None else own)) if t]
        if cell.row_span > 1 and cell.col_span == 1 and own is None:
            merged.append(col.value)  # one value printed once for a block of rows
        if col is Col.OTHER:
            other[names[c] or f"col{c + 1}"] = text_lines
        else:
            lines.setdefault(col, []).extend(text_lines)
        if text_lines:
            confs.append(cell.conf)
        boxes.append((table.page, cell.box))
    if not any(lines.values()) and not any(other.values()):
        return None
    number = " ".join(lines.pop(Col.NUMBER, [])).strip().rstrip(".")
    return RowDraft(number, lines, other, [table.page], confs, None, "", merged_cells=merged, boxes=boxes)


def _own_times(table: Table, cell: Cell, r: int) -> list[str] | None:
    """Row r's lines of a time cell that spans rows, when the cell holds a time for each of its
    rows: the rule between them was not found (a curled sheet), it is not one time printed for
    the block. None otherwise."""
    if len(cell.line_tops) != len(cell.lines):
        return None
    parts = []
    for row in range(cell.row, cell.row + cell.row_span):
        alone = [c for c in table.row_cells(row) if c.row_span == 1]
        if not alone:
            return None
        top, bottom = min(c.box.top for c in alone), max(c.box.bottom for c in alone)
        part = [x for x, y in zip(cell.lines, cell.line_tops, strict=True) if top - 1 <= y < bottom]
        if not part or not _is_time(" ".join(part)):
            return None
        parts.append(part)
    return parts[r - cell.row]


_STANDING_TIMES = {"thuong xuyen", "hang nam", "hang thang", "hang quy", "ca nam", "lien tuc"}


def _is_time(text: str) -> bool:
    return time_cell(text, None) != (None, None) or fold(text).strip(" .;") in _STANDING_TIMES


def _row_kind(row: RowDraft, table: Table, r: int, year: int | None) -> tuple[str, object]:
    """A period row ("QUÝ I"), a group heading ("I. CÔNG TÁC ..."), or a task row."""
    filled = [c for c in table.row_cells(r) if c.text]
    only = " ".join(c.text for c in filled).strip()
    spans = len(filled) == 1 and filled[0].col_span >= 2
    # A period or group row starts with a capital: "năm 2025." alone is the rest of a sentence.
    if (spans or (len(filled) == 1 and not row.number)) and not only[:1].islower():
        # "QUÝ" whose numeral OCR lost is still a quarter row: the sequence tells which.
        period = parse_period("Quý I" if fold(only) == "quy" else only, year)
        if period and len(only) < 40:
            return "period", period
        if (m := _GROUP.match(only)) and only.upper() == only:
            return "group", f"{_group_numeral(m[1])}{only[len(m[1]):]}"
        # A cell across the whole table heads a group whatever its case: a task has its content
        # and its actors in columns of their own.
        if spans and filled[0].col_span >= table.n_cols - 1:
            return "group", _group_label(only)
    numeral = _group_numeral(row.number)
    if numeral:
        rest = " ".join(t for ls in row.lines.values() for t in ls)
        # A Roman-numbered row in capitals, or one that names only a topic (no body, no
        # time: "I | Cải cách thể chế"), heads a group of rows.
        topic_only = not any(ls for col, ls in row.lines.items() if col is not Col.CONTENT)
        if rest and (rest.upper() == rest or (topic_only and re.fullmatch(r"[IVX]+", numeral))):
            return "group", f"{numeral}. {rest}"
    return "task", None


# A roman numeral at the head of a line, as OCR may read its "I" ("l.", "1.", "L.").
_HEAD_NUMERAL = re.compile(r"^([IVXHLl1|]+)(?=[.)]\s*\S)")


def _group_label(text: str) -> str:
    """A group row's text with its numeral read right ("L. Hoàn thiện …" is "I. Hoàn thiện …")."""
    m = _HEAD_NUMERAL.match(text)
    numeral = ocr_numeral(m[1].replace("L", "I")) if m else ""
    return f"{numeral}{text[len(m[1]):]}" if m and roman_value(numeral) else text


def _group_numeral(number: str) -> str:
    """The numeral of a group row ("II", "B"), also as OCR misreads a roman one ("HI" for
    "III"); "" for a task number."""
    if re.fullmatch(r"[IVX]+|[A-ZĐ]", number):
        return number
    if re.fullmatch(r"[IVXHl1|]+", number) and re.search(r"[IVXH]", number):
        numeral = ocr_numeral(number)
        return numeral if roman_value(numeral) else ""
    return ""


_STOPS = (".", ";", ":", "!", "?", "./.")


def _continues_previous(row: RowDraft, prev: RowDraft, rows: list[RowDraft]) -> bool:
    """The first row after a page break without a number finishes the row above when one of its
    cells is empty, when its text starts mid-sentence (a task's text starts with a capital), or
    when the row above stops mid-sentence or mid-list."""
    if row.number:
        return False
    content = row.lines.get(Col.CONTENT, [])
    agencies = [t for col in (Col.AGENCY, Col.LEAD, Col.PARTNER) for t in row.lines.get(col, [])]
    firsts = [ls[0] for col, ls in row.lines.items() if ls and col in (Col.CONTENT, *ROLE_OF)]
    if not content or not agencies or any(t[:1].islower() for t in firsts):
        return True
    if _MID_SENTENCE.match(content[0]):
        return True
    # An agency name cut by the page break ("Phòng" / "NN&PTNT") goes on in this row.
    if any(prev.lines.get(col) and ends_mid_name(prev.lines[col][-1]) for col in ROLE_OF):
        return True
    # The row above lacks the stop that ends that cell in the table's other rows: the break
    # cut its sentence or its list of agencies (a table whose cells end without one says nothing).
    return _cut_short(prev, rows, Col.CONTENT, _STOPS) or any(
        _cut_short(prev, rows, col, (".",)) for col in ROLE_OF
    )


# A task's text starts with a capitalised word or a bullet; a number, a bracket or an acronym
# first ("2024.", "TĐKT năm 2024") is the rest of a sentence.
_MID_SENTENCE = re.compile(r"^(?:[\d(),.;:]|[A-ZĐ]{2,}\b)")


def _cut_short(prev: RowDraft, rows: list[RowDraft], col: Col, stops: tuple[str, ...]) -> bool:
    ends = [r.lines[col][-1].rstrip() for r in rows if r is not prev and r.lines.get(col)]
    last = prev.lines.get(col, [])
    cut = bool(last) and not last[-1].rstrip().endswith(stops)
    return cut and len(ends) >= 2 and sum(e.endswith(stops) for e in ends) >= 0.8 * len(ends)


# A line ending in a hyphen right after a letter broke a compound there ("Phòng LĐ-" /
# "TB&XH"): Vietnamese syllables are not hyphenated, so the hyphen is the word's own.
_HYPHEN_CUT = re.compile(r"\w-$")


def _merge(into: RowDraft, more: RowDraft) -> None:
    for col, ls in more.lines.items():
        have = into.lines.setdefault(col, [])
        if have and ls and _HYPHEN_CUT.search(have[-1]) and not ls[0][:1].isspace():
            have[-1], ls = have[-1] + ls[0], ls[1:]
        have.extend(ls)
    for name, ls in more.other.items():
        into.other.setdefault(name, []).extend(ls)
    into.pages = sorted(set(into.pages) | set(more.pages))
    into.confs.extend(more.confs)
    into.boxes.extend(more.boxes)
    into.continued = True
