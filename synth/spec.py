"""A structured spec of a Vietnamese plan (Kế hoạch), the input of the typesetter.

The spec says what is printed, in reading order; where it lands on the page is the typesetter's
business. Inline markup in texts is the one of the reference transcriptions: `**bold**` and
`<sup>1</sup>` footnote markers. A table cell holds several printed items as lines joined by "\\n".
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any

MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")


@dataclass
class Header:
    """The block above the title: issuer (left), national motto (right), number and date."""

    issuer: list[str]  # e.g. ["ỦY BAN NHÂN DÂN", "HUYỆN CHI LĂNG"]
    number: str  # "Số:      /KH-UBND": the number itself is often left blank, filled in by hand
    place_date: str  # "Chi Lăng, ngày      tháng 01 năm 2024", printed in italics
    title: list[str]  # the title lines under the document kind, bold
    kind: str = "KẾ HOẠCH"
    motto: tuple[str, str] = MOTTO
    plain_issuer_lines: int = 0  # leading issuer lines naming the superior body, printed regular
    # A Công văn prints no kind line: its subject ("V/v ...") stands under the number, and the
    # bodies it is sent to follow the header ("Kính gửi: ...").
    subject: str = ""
    salutation: list[str] = field(default_factory=list)


@dataclass
class Footnote:
    marker: str  # the text of the `<sup>` marker in the paragraph
    text: str


@dataclass
class Paragraph:
    text: str
    bold: bool = False
    indent: bool = True  # first-line indent
    italic: bool = False
    footnotes: list[Footnote] = field(default_factory=list)


@dataclass
class Heading:
    """A bold line such as "I. MỤC ĐÍCH, YÊU CẦU" or "1. Mục đích", kept with what follows."""

    text: str
    indent: bool = True


ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


@dataclass(frozen=True)
class When:
    """A time cell as a fact: the printed text and the truth both come from it.

    kind: "quarter" (n), "month" (n), "half" (n = 1 or 2), "year", "before" (day n, month m),
    "latest" (day n, month m, printed without the year), "always" ("Thường xuyên").
    """

    kind: str
    n: int = 0
    m: int = 0
    with_year: bool = True

    def text(self, year: int) -> str:
        y = f"/{year}" if self.with_year else ""
        if self.kind == "quarter":
            return f"Quý {ROMAN[self.n]}{y}"
        if self.kind == "month":
            return f"Tháng {self.n}{y}"
        if self.kind == "half":
            which = "đầu" if self.n == 1 else "cuối"
            return f"6 tháng {which} năm" + (f" {year}" if self.with_year else "")
        if self.kind == "year":
            return f"Năm {year}"
        if self.kind == "before":  # a one-digit day is padded, as clerks type "05/12/2025"
            day = f"{self.n:02d}/{self.m:02d}" if self.n < 10 else f"{self.n}/{self.m}"
            return f"Trước ngày {day}/{year}"
        if self.kind == "latest":
            return f"Chậm nhất {self.n}/{self.m}"
        return "Thường xuyên"


@dataclass
class TableRow:
    # None: the cell is part of a merged cell begun in a row above (printed once, at its top)
    cells: list[str | None]
    # True when this row is the rest of the previous one, carried over a forced page break
    # (how a transcription shows a row the original printed on two pages).
    continued: bool = False
    when: When | None = None  # what the time cell says, for the truth (None: read its text)


@dataclass
class PeriodRow:
    """A merged row spanning all columns, bold and centered, e.g. "QUÝ I"."""

    text: str


@dataclass
class GroupRow:
    """A merged row spanning all columns, bold and left-aligned: "I. CÔNG TÁC TUYÊN TRUYỀN"."""

    text: str


@dataclass
class PageBreak:
    pass


Row = TableRow | PeriodRow | GroupRow | PageBreak

# What a column holds, for the truth: the header words vary from office to office.
ROLES = ("no", "content", "agency", "lead", "partner", "time", "product", "note")


@dataclass
class Table:
    columns: list[str]  # header texts, repeated in bold on every page the table runs onto
    widths: list[float]  # fractions of the text width
    rows: list[Row]
    align: list[str] | None = None  # per column "left" | "center" | "justify"; None: default
    roles: list[str] | None = None  # per column, one of ROLES; None: read from the header words
    # A first header row over several columns: (text, first column, last column), e.g.
    # ("Cơ quan thực hiện", 2, 3) over "Chủ trì" | "Phối hợp".
    spans: list[tuple[str, int, int]] = field(default_factory=list)
    repeat_header: bool = True  # False: the header is printed on the table's first page only
    ruling: str = "full"  # "full" | "no_inner_vertical" | "no_row_lines"
    space_before: float = 0.0  # points of blank space above the table (moves its page breaks)


@dataclass
class ListTask:
    """A task of a numbered list, its agencies and time on lines of their own.

    form "ab": "a) Đơn vị chủ trì: …" / "b) Đơn vị phối hợp: …" / "Thời gian hoàn thành: …";
    "dash": "- Cơ quan chủ trì: …" / "- Cơ quan phối hợp: …" / "- Thời gian thực hiện: …";
    "doer": "Đơn vị thực hiện: …" / "Thời gian thực hiện: …" (no chủ trì / phối hợp split).
    """

    number: str
    content: str
    lead: list[str] = field(default_factory=list)  # printed names
    partners: list[str] = field(default_factory=list)
    when: When | None = None
    form: str = "ab"
    year: int = 0  # the plan's year, in which the time is printed


@dataclass
class Duties:
    """ "2. Sở Tài chính:" and the duties it is given, "a) …;" or "- …;" one a paragraph."""

    number: str
    agencies: list[str]  # printed names, joined with ", " on the heading line
    duties: list[str]
    marker: str = "letter"  # "letter": a) b) c); "dash": - (numbered 2.1, 2.2 in the truth)


@dataclass
class Signer:
    titles: list[str]  # ["CHỦ TỊCH"] or ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    name: str


@dataclass
class Closing:
    recipients: list[str]  # as printed: "- UBND tỉnh;"
    signer: Signer
    label: str = "Nơi nhận:"


@dataclass
class PageStyle:
    landscape: bool = False
    margin_left_mm: float = 30.0
    margin_right_mm: float = 20.0
    margin_top_mm: float = 20.0
    margin_bottom_mm: float = 20.0
    body_size: float = 13.0
    table_size: float = 12.0
    small_size: float = 11.0  # recipients
    note_size: float = 10.0  # footnotes
    leading: float = 1.2  # line height as a multiple of the font size
    para_space: float = 6.0  # points after a paragraph
    indent_mm: float = 12.7
    page_numbers: bool = True  # centered at the top, from page 2 on (Nghị định 30/2020)
    break_hyphens: bool = False  # table cells may break a word after a hyphen ("LĐ-" / "TB&XH")


Block = Paragraph | Heading | Table | PageBreak | ListTask | Duties


@dataclass
class Appendix:
    """A Phụ lục printed after the signature, from a new page: title, note, its own blocks."""

    title: list[str]  # ["PHỤ LỤC", "DANH MỤC NHIỆM VỤ ..."], bold and centered
    note: str  # "(Kèm theo Kế hoạch số .../KH-UBND ngày ... của ...)", italic
    body: list[Block]


@dataclass
class PlanSpec:
    name: str  # slug, e.g. "ke-hoach-tdkt-chi-lang-2024"
    header: Header
    body: list[Block]
    closing: Closing
    style: PageStyle = field(default_factory=PageStyle)
    appendices: list[Appendix] = field(default_factory=list)


APPENDIX_KEY = 1000  # block keys of appendix j start at APPENDIX_KEY * (j + 1)


def keyed_blocks(spec: PlanSpec) -> list[tuple[int, int, Block]]:
    """(key, part, block) of every block in print order: part 0 is the body, j + 1 appendix j.

    The key is the block's index in the layout; the typesetter and the truth share it.
    """
    out = [(i, 0, b) for i, b in enumerate(spec.body)]
    for j, app in enumerate(spec.appendices):
        out += [(APPENDIX_KEY * (j + 1) + i, j + 1, b) for i, b in enumerate(app.body)]
    return out


@dataclass
class Layout:
    """Where the typesetter put things: the truth files take their page numbers from here."""

    pages: int = 0
    # block key -> pages; (block key, i) -> pages of the i-th duty of a Duties block
    blocks: dict[int | tuple[int, int], list[int]] = field(default_factory=dict)
    rows: dict[tuple[int, int], list[int]] = field(default_factory=dict)  # (block, row) -> pages
    # rows split by a page break because they did not fit: (block, row, columns cut in two)
    splits: list[tuple[int, int, list[int]]] = field(default_factory=list)
    lines: dict[tuple[int, int], int] = field(default_factory=dict)  # (block, row) -> its lines
    hyphen_cuts: list[tuple[int, int]] = field(default_factory=list)  # rows cut after a "LĐ-"

    def mark(self, key: dict, k: object, page: int) -> None:
        pages = key.setdefault(k, [])
        if page not in pages:
            pages.append(page)


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    sup: bool = False


_TOKEN = re.compile(r"(\*\*|<sup>|</sup>)")


def runs(text: str, bold: bool = False, italic: bool = False) -> list[Run]:
    """Split marked-up text into runs of one style; `**` toggles bold around the base style."""
    out: list[Run] = []
    strong, sup = False, False
    for tok in _TOKEN.split(text):
        if tok == "**":
            strong = not strong
        elif tok in ("<sup>", "</sup>"):
            sup = tok == "<sup>"
        elif tok:
            out.append(Run(tok, bold or strong, italic, sup))
    return out


def plain(text: str) -> str:
    """The text a reader takes in: markup gone, footnote markers dropped (they are not content)."""
    text = re.sub(r"<sup>.*?</sup>", "", text)
    return re.sub(r"\s+", " ", text.replace("**", "")).strip()


def to_json(obj: Any) -> Any:
    """The spec as plain JSON data, each dataclass tagged with its type (blocks are a union)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        data = {"type": type(obj).__name__}
        data.update({f.name: to_json(getattr(obj, f.name)) for f in dataclasses.fields(obj)})
        return data
    if isinstance(obj, list | tuple):
        return [to_json(x) for x in obj]
    return obj
