"""Read a reference plan transcription (tests/golden/*.txt) back into a PlanSpec.

The transcription is markdown-ish: `**bold**`, table rows tab-separated, `<b>QUÝ I</b>` period
rows, and the bold header row repeated where the printed page broke. It carries no header
block (issuer and motto were images of a table in the original), so the caller supplies it.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from synth.spec import (
    Block,
    Closing,
    Footnote,
    Header,
    Heading,
    PageBreak,
    PageStyle,
    Paragraph,
    PeriodRow,
    PlanSpec,
    Signer,
    Table,
    TableRow,
)

CHI_LANG_ISSUER = ["ỦY BAN NHÂN DÂN", "HUYỆN CHI LĂNG"]
# Where the Chi Lăng plan's rows fall: the page breaks come from the transcription and these
# widths and sizes make the rest fit its four pages (checked in tests/test_synth.py).
CHI_LANG_WIDTHS = [0.08, 0.60, 0.32]
CHI_LANG_STYLE = PageStyle(body_size=12.5, table_size=12.0, leading=1.2, para_space=5.0)

_BOLD_ONLY = re.compile(r"^\*\*([^*]+)\*\*$")
_TAGS = re.compile(r"</?b>")
_ITEM_SPLIT = re.compile(r"\s+(?=-\s)")
_NOTE = re.compile(r"^<sup>(\w+)</sup>\s*(.*)$")


def split_items(cell: str) -> str:
    """ "- UBND huyện; - HĐ TĐKT huyện;" are two printed lines: one "- " item per line."""
    cell = cell.strip()
    if not cell.startswith("- "):
        return cell
    return "\n".join(_ITEM_SPLIT.split(cell))


def _blank_number(line: str) -> str:
    """The transcription squeezed the blank left for the hand-written number and day."""
    line = line.replace("Số: /", "Số:        /")
    return re.sub(r"ngày tháng", "ngày      tháng", line)


def _table_line(line: str, table: Table | None) -> Table:
    cells = line.split("\t")
    if table is None:
        return Table(columns=[c.strip() for c in cells], widths=[], rows=[])
    if cells[0].startswith("<b>TT</b>"):  # header repeated: the original page broke here
        table.rows.append(PageBreak())
    elif cells[0].startswith("<b>") and not any(c.strip() for c in cells[1:]):
        table.rows.append(PeriodRow(_TAGS.sub("", cells[0]).strip()))
    else:
        cells = [split_items(c) for c in cells] + [""] * (len(table.columns) - len(cells))
        # a row without number after a break whose text starts in lower case, or with an
        # empty content cell, is the rest of the row printed at the foot of the last page
        rest = cells[1]
        continued = (
            not cells[0]
            and bool(table.rows)
            and isinstance(table.rows[-1], PageBreak)
            and (not rest or rest[0].islower())
        )
        table.rows.append(TableRow(cells, continued=continued))
    return table


def parse_reference(
    txt_path: Path,
    issuer: list[str] | None = None,
    name: str | None = None,
    style: PageStyle | None = None,
    widths: list[float] | None = None,
) -> PlanSpec:
    text = unicodedata.normalize("NFC", Path(txt_path).read_text(encoding="utf-8"))
    number = place_date = ""
    title: list[str] = []
    body: list[Block] = []
    table: Table | None = None
    recipients: list[str] = []
    signer: list[str] = []
    notes: dict[str, str] = {}
    state = "head"
    for raw in text.splitlines():
        line = raw.rstrip(" \r")  # trailing tabs are empty cells
        if not line.strip():
            continue
        if "\t" in line:
            table = _table_line(line, table)
            if not body or body[-1] is not table:
                body.append(table)
            continue
        line = line.strip().lstrip("#").strip()
        bold = _BOLD_ONLY.match(line)
        if state == "head":
            if line.startswith("Số:"):
                number = _blank_number(line)
            elif "ngày" in line and "năm" in line and not title:
                place_date = _blank_number(line)
            elif bold:
                title.append(bold.group(1).strip())
            else:
                state = "body"
        if note := _NOTE.match(line):
            notes[note.group(1)] = note.group(2)
        elif state == "close":
            if line.startswith("- "):
                recipients.append(line)
            elif bold:
                signer.append(bold.group(1).strip())
        elif state == "body":
            if line == "**Nơi nhận:**":
                state = "close"
            elif bold:
                body.append(Heading(bold.group(1).strip()))
            else:
                body.append(Paragraph(line))
    for block in body:
        if isinstance(block, Paragraph):
            markers = re.findall(r"<sup>(\w+)</sup>", block.text)
            block.footnotes = [Footnote(m, notes[m]) for m in markers if m in notes]
        if isinstance(block, Table):
            block.widths = widths or CHI_LANG_WIDTHS
    kind, *title_lines = title
    header = Header(
        issuer=issuer or CHI_LANG_ISSUER,
        number=number,
        place_date=place_date,
        title=title_lines,
        kind=kind,
    )
    closing = Closing(recipients, Signer(titles=signer[:-1], name=signer[-1]))
    return PlanSpec(
        name=name or Path(txt_path).stem,
        header=header,
        body=body,
        closing=closing,
        style=style or CHI_LANG_STYLE,
    )
