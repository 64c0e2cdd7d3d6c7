"""Recipes -> PlanSpecs: the header, closing and task table of a made-up plan.

A recipe names the variant (place, topic, year, table layout, groups, ruling ...); the builder
turns it into a spec with deterministic choices, so the same recipe always prints the same page.
"""

from __future__ import annotations

from dataclasses import dataclass

from synth.spec import (
    ROMAN,
    Closing,
    GroupRow,
    Header,
    PeriodRow,
    Row,
    Signer,
    Table,
    TableRow,
    When,
)
from synth.topics import Idea, Topic
from synth.vocab import SIGNERS, Place, spell

# layout key -> (columns, roles, widths, spans)
LAYOUTS: dict[str, tuple[list[str], list[str], list[float], list[tuple[str, int, int]]]] = {
    "A": (["STT", "Nội dung công việc", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"],
          ["no", "content", "lead", "partner", "time"], [0.07, 0.40, 0.17, 0.20, 0.16], []),
    "B": (["TT", "Nhiệm vụ", "Đơn vị thực hiện", "Thời gian thực hiện", "Sản phẩm"],
          ["no", "content", "agency", "time", "product"], [0.07, 0.40, 0.23, 0.16, 0.14], []),
    "C": (["STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Tiến độ", "Ghi chú"],
          ["no", "content", "lead", "partner", "time", "note"],
          [0.06, 0.38, 0.16, 0.19, 0.12, 0.09], []),
    "D": (["STT", "Nội dung", "Chủ trì", "Phối hợp", "Thời gian hoàn thành"],
          ["no", "content", "lead", "partner", "time"], [0.07, 0.40, 0.17, 0.20, 0.16],
          [("Cơ quan thực hiện", 2, 3)]),
    "E": (["TT", "Nội dung", "Cơ quan thực hiện", "Thời gian thực hiện"],
          ["no", "content", "agency", "time"], [0.07, 0.46, 0.28, 0.19], []),
}
ALIGN = {"no": "center", "content": "justify", "time": "center", "product": "left", "note": "left"}


@dataclass(frozen=True)
class Recipe:
    name: str
    topic: Topic
    place: Place
    year: int
    level: str = "huyện"  # huyện | xã | tỉnh: who issues it
    layout: str = "A"
    groups: str = "quarter"  # quarter | month | half | roman | letter | none
    n_tasks: int = 12
    first_task: int = 0  # where in the topic's ideas the table starts
    landscape: bool = False
    ruling: str = "full"
    repeat_header: bool = True
    merged: bool = False  # lead and time cells merged down blocks of rows
    sub_numbers: bool = False  # 1.1, 1.2 within each group
    agency_style: str = "dash"  # dash: "- X;" a line; semicolon: "X; Y" on one line
    number: str = ""  # printed document number; "" leaves the blank for the hand
    day: int | None = None  # printed day of the date line; None leaves the blank
    month: int = 1
    signer: int = 0
    deputy: bool = False  # "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"
    spelling: int = 0  # which office spelling of agency names
    superior_line: bool = False  # a commune's header names its district first
    commune: int = 0  # which of the place's communes issues it (level "xã")
    table_size: float = 12.0
    issued_year: int = 0  # the date line's year when not the plan's (a plan made in December)


def fill(text: str, r: Recipe) -> str:
    return text.replace("{y0}", str(r.year - 1)).replace("{y}", str(r.year)) \
        .replace("{p}", r.place.province).replace("{h}", r.place.district)


def issuer_lines(r: Recipe) -> tuple[list[str], int]:
    """The issuer block and how many of its leading lines name the superior body."""
    p = r.place
    if r.level == "tỉnh":
        return ["ỦY BAN NHÂN DÂN", f"TỈNH {p.province.upper()}"], 0
    if r.level == "xã":
        commune = p.communes[r.commune % len(p.communes)]
        if r.superior_line:
            return [f"UBND HUYỆN {p.district.upper()}", f"ỦY BAN NHÂN DÂN XÃ {commune.upper()}"], 1
        return ["ỦY BAN NHÂN DÂN", f"XÃ {commune.upper()}"], 0
    return ["ỦY BAN NHÂN DÂN", f"HUYỆN {p.district.upper()}"], 0


def place_name(r: Recipe) -> str:
    if r.level == "tỉnh":
        return r.place.province
    if r.level == "xã":
        return r.place.communes[r.commune % len(r.place.communes)]
    return r.place.district


def body_name(r: Recipe) -> str:
    """The issuer as prose names it: "Ủy ban nhân dân huyện Bình Gia"."""
    return f"Ủy ban nhân dân {r.level} {place_name(r)}"


def header(r: Recipe, symbol: str, title: list[str], kind: str = "KẾ HOẠCH",
           subject: str = "", salutation: list[str] | None = None) -> Header:
    lines, plain_lines = issuer_lines(r)
    number = f"Số: {r.number}/{symbol}" if r.number else f"Số:        /{symbol}"
    day = f"ngày {r.day:02d}" if r.day else "ngày      "
    place_date = f"{place_name(r)}, {day} tháng {r.month:02d} năm {r.issued_year or r.year}"
    return Header(lines, number, place_date, title, kind, plain_issuer_lines=plain_lines,
                  subject=subject, salutation=salutation or [])


def closing(r: Recipe, recipients: list[str], titles: list[str] | None = None) -> Closing:
    if titles is None:
        titles = ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"] if r.deputy else ["CHỦ TỊCH"]
    return Closing(recipients, Signer(titles, SIGNERS[r.signer % len(SIGNERS)]))


def district_recipients(r: Recipe) -> list[str]:
    return ["- UBND tỉnh;", "- TT Huyện ủy, TT HĐND huyện;", "- CT, các PCT UBND huyện;",
            "- Các cơ quan, đơn vị;", "- UBND các xã, thị trấn;", "- Lưu: VT."]


# --- the task table ----------------------------------------------------------------------


def _agency_cell(names: list[str], style: str) -> str:
    if len(names) == 1:
        return names[0]
    if style == "semicolon":
        return "; ".join(names)
    return "\n".join(f"- {n}{'.' if i == len(names) - 1 else ';'}" for i, n in enumerate(names))


def _month_of(w: When, i: int) -> int:
    """The month a task belongs to, for grouping; undated tasks are spread over the year."""
    if w.kind in ("month",):
        return w.n
    if w.kind in ("before", "latest"):
        return w.m
    if w.kind == "quarter":
        return 3 * w.n - 2
    if w.kind == "half":
        return 1 if w.n == 1 else 7
    return 1 + (i * 5) % 12


def _group_label(groups: str, idea: Idea, topic: Topic, i: int) -> tuple[int, Row]:
    """(sort key, group row) of one task under the recipe's grouping."""
    m = _month_of(idea.when, i)
    if groups == "quarter":
        q = (m - 1) // 3 + 1
        return q, PeriodRow(f"QUÝ {ROMAN[q]}")
    if groups == "month":
        return m, PeriodRow(f"THÁNG {m}")
    if groups == "half":
        return (1, PeriodRow("6 THÁNG ĐẦU NĂM")) if m <= 6 else (2, PeriodRow("6 THÁNG CUỐI NĂM"))
    if groups in ("roman", "letter"):
        text = topic.groups[idea.group]
        if groups == "letter":
            text = "ABCDEFGH"[idea.group] + text[text.index("."):]
        return idea.group + 1, GroupRow(text)  # group I numbers its rows 1.1, 1.2 ...
    return 0, PeriodRow("")


def pick_ideas(r: Recipe) -> list[Idea]:
    ideas = list(r.topic.ideas)
    start = r.first_task % len(ideas)
    ideas = ideas[start:] + ideas[:start]
    return ideas[: r.n_tasks]


def task_table(r: Recipe, ideas: list[Idea], layout: str | None = None) -> Table:
    columns, roles, widths, spans = LAYOUTS[layout or r.layout]
    keyed = sorted(((_group_label(r.groups, idea, r.topic, i), i, idea) for i, idea in enumerate(ideas)),
                   key=lambda x: (x[0][0], x[1]))
    rows: list[Row] = []
    last: Row | None = None
    n, in_group = 0, 0
    for (key, group_row), _, idea in keyed:
        if r.groups != "none" and (last is None or group_row.text != last.text):
            rows.append(group_row)
            last, in_group = group_row, 0
        n, in_group = n + 1, in_group + 1
        number = f"{key}.{in_group}" if r.sub_numbers else str(n)
        rows.append(_row(r, idea, roles, number))
    if r.merged:
        _merge_blocks(rows, roles)
    align = [ALIGN.get(role, "left") for role in roles]
    return Table(columns, widths, rows, align=align, roles=roles, spans=spans,
                 repeat_header=r.repeat_header, ruling=r.ruling)


def _row(r: Recipe, idea: Idea, roles: list[str], number: str) -> TableRow:
    lead = [spell(a, r.spelling) for a in idea.lead]
    partners = [spell(a, r.spelling) for a in idea.partners]
    values = {
        "no": number, "content": fill(idea.content, r),
        "agency": _agency_cell(lead + partners, "dash" if r.agency_style == "dash" else "semicolon"),
        "lead": _agency_cell(lead, r.agency_style), "partner": _agency_cell(partners, r.agency_style),
        "time": idea.when.text(r.year), "product": idea.product, "note": "",
    }
    return TableRow([values[role] for role in roles], when=idea.when)


def _merge_blocks(rows: list[Row], roles: list[str]) -> None:
    """Merge the lead and time cells down blocks of three rows (every other block)."""
    cols = [i for i, role in enumerate(roles) if role in ("lead", "time", "agency")]
    tasks = [row for row in rows if isinstance(row, TableRow)]
    for start in range(1, len(tasks) - 2, 5):
        for row in tasks[start + 1: start + 3]:
            for c in cols:
                row.cells[c] = None  # printed once, in the block's first row
