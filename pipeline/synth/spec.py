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


@dataclass
class TableRow:
    cells: list[str]
    # True when this row is the rest of the previous one, carried over a forced page break
    # (how a transcription shows a row the original printed on two pages).
    continued: bool = False


@dataclass
class PeriodRow:
    """A merged row spanning all columns, bold and centered, e.g. "QUÝ I"."""

    text: str


@dataclass
class PageBreak:
    pass


Row = TableRow | PeriodRow | PageBreak


@dataclass
class Table:
    columns: list[str]  # header texts, repeated in bold on every page the table runs onto
    widths: list[float]  # fractions of the text width
    rows: list[Row]
    align: list[str] | None = None  # per column "left" | "center" | "justify"; None: default


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


Block = Paragraph | Heading | Table | PageBreak


@dataclass
class PlanSpec:
    name: str  # slug, e.g. "ke-hoach-tdkt-chi-lang-2024"
    header: Header
    body: list[Block]
    closing: Closing
    style: PageStyle = field(default_factory=PageStyle)


@dataclass
class Layout:
    """Where the typesetter put things: the truth files take their page numbers from here."""

    pages: int = 0
    blocks: dict[int, list[int]] = field(default_factory=dict)  # body block index -> pages
    rows: dict[tuple[int, int], list[int]] = field(default_factory=dict)  # (block, row) -> pages
    # rows split by a page break because they did not fit: (block, row, columns cut in two)
    splits: list[tuple[int, int, list[int]]] = field(default_factory=list)

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
