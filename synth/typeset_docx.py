"""A PlanSpec written as a Word file, the way offices type plans in Word.

The header and signature blocks are borderless two-column tables; headings, numbered tasks,
lettered lines and dash items carry Word's automatic numbering (a numbering part and numPr on
the paragraph, the marker not typed); task tables merge cells across columns (a period or group
row, a two-row header) and down rows (a lead body or a deadline printed once for a block).
Word has no fixed pages: rows the PDF carried over a page break are one row here, and the
truth of a Word file gives no pages.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt

from synth.spec import (
    Block,
    Duties,
    GroupRow,
    Heading,
    ListTask,
    PageBreak,
    PeriodRow,
    PlanSpec,
    Row,
    Table,
    TableRow,
    keyed_blocks,
    runs,
)
from synth.truth import join_carried
from synth.typeset_lists import duty_heading, duty_line, list_task_lines

ALIGN = {"center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT,
         "justify": WD_ALIGN_PARAGRAPH.JUSTIFY, "left": WD_ALIGN_PARAGRAPH.LEFT}
# The levels offices use: "I." headings, "1." items, "a)" lines, "-" items.
LEVELS = [("upperRoman", "%1."), ("decimal", "%2."), ("lowerLetter", "%3)"), ("bullet", "-")]
_MARKERS = [  # (level, pattern of the typed marker, its value); a marker may be bold ("**1.**")
    (0, re.compile(r"^([IVX]+)\.(?:\*\*)?\s+")),
    (1, re.compile(r"^(\d+)\.(?:\*\*)?\s+")),
    (2, re.compile(r"^([a-z])\)\s+")),
    (3, re.compile(r"^(-)\s+")),
]
_ROMAN = {"I": 1, "V": 5, "X": 10}
INDENT_TWIPS = 720  # 12.7 mm, the first-line indent of the plan's text (PageStyle.indent_mm)
ZIP_DATE = (2020, 1, 1, 0, 0, 0)  # every part's date: the same spec writes the same bytes


def _roman_value(text: str) -> int:
    values = [_ROMAN[c] for c in text]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def _value(level: int, marker: str) -> int:
    if level == 0:
        return _roman_value(marker)
    if level == 1:
        return int(marker)
    if level == 2:
        return ord(marker) - ord("a") + 1  # Word's lowerLetter: a list that skips j starts again
    return 0


class Numbering:
    """The plan's list in numbering.xml, and Word's counting of it as paragraphs are added.

    Word counts each level on from the last item at that level, a higher level restarting the
    ones below. An item whose printed number is not the next count ("5." after a table, "b)"
    without an "a)") gets a list instance of its own that starts at that number (startOverride).
    """

    def __init__(self, document: docx.document.Document) -> None:
        self.root = document.part.numbering_part.element
        # the template's lists keep their ids: the plan's list takes the next free one
        taken = [int(a.get(qn("w:abstractNumId"))) for a in self.root.findall(qn("w:abstractNum"))]
        self.abstract_id = max(taken, default=-1) + 1
        levels = "".join(
            f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="0" w:firstLine="{INDENT_TWIPS}"/></w:pPr></w:lvl>'
            for i, (fmt, text) in enumerate(LEVELS)
        )
        self.root.insert(len(taken), parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{self.abstract_id}">'
            f'<w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>'))
        self.num_id = self._num(None)
        self.counters = [0] * len(LEVELS)

    def _num(self, start: tuple[int, int] | None) -> int:
        ids = [int(n.get(qn("w:numId"))) for n in self.root.findall(qn("w:num"))]
        num_id = max(ids, default=0) + 1
        over = (f'<w:lvlOverride w:ilvl="{start[0]}"><w:startOverride w:val="{start[1]}"/>'
                f"</w:lvlOverride>") if start else ""
        self.root.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}">'
                                   f'<w:abstractNumId w:val="{self.abstract_id}"/>{over}</w:num>'))
        return num_id

    def number(self, paragraph: docx.text.paragraph.Paragraph, level: int, value: int) -> None:
        if level < 3 and self.counters[level] + 1 != value:
            self.num_id = self._num((level, value))
            self.counters = [0] * len(LEVELS)
        self.counters[level] = value
        for deeper in range(level + 1, len(LEVELS)):
            self.counters[deeper] = 0
        paragraph._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{self.num_id}"/></w:numPr>'))


def _marker(text: str) -> tuple[int, int, str] | None:
    """(level, value, the text without it) when the text starts with a typed list marker; a
    bold marker may close its bold ("**1.** Text") or not ("**2. Sở X:**")."""
    bold = text.startswith("**")
    bare = text.removeprefix("**")
    for level, pattern in _MARKERS:
        m = pattern.match(bare)
        if m:
            rest = bare[m.end():]
            closed = m[0].rstrip().endswith("**")
            return level, _value(level, m[1]), "**" + rest if bold and not closed else rest
    return None


class Writer:
    def __init__(self, spec: PlanSpec) -> None:
        self.spec, self.doc = spec, docx.Document()
        self.numbering = Numbering(self.doc)
        self.notes = Footnotes(self.doc)
        st = spec.style
        section = self.doc.sections[0]
        if st.landscape:
            section.page_width, section.page_height = section.page_height, section.page_width
        section.left_margin, section.right_margin = Cm(st.margin_left_mm / 10), Cm(st.margin_right_mm / 10)
        section.top_margin, section.bottom_margin = Cm(st.margin_top_mm / 10), Cm(st.margin_bottom_mm / 10)
        normal = self.doc.styles["Normal"]
        normal.font.name, normal.font.size = "Times New Roman", Pt(st.body_size)

    # --- paragraphs ---------------------------------------------------------------------------

    def text(self, container, text: str, bold: bool = False, italic: bool = False,  # noqa: ANN001
             align: str = "justify", size: float = 0.0, numbered: bool = True, indent: bool = False,
             notes: dict[str, str] | None = None) -> docx.text.paragraph.Paragraph:
        """One paragraph; a typed list marker at its start becomes Word's numbering."""
        marker = _marker(text) if numbered else None
        p = container.add_paragraph()
        if marker:
            level, value, text = marker
            self.numbering.number(p, level, value)
            if not indent:  # the list level indents its items: not in a cell or a column
                p.paragraph_format.first_line_indent = Cm(0)
        elif indent:
            p.paragraph_format.first_line_indent = Cm(self.spec.style.indent_mm / 10)
        p.alignment = ALIGN[align]
        for run in runs(text, bold, italic):
            if run.sup and notes and run.text in notes:
                self.notes.reference(p, notes[run.text])
                continue
            r = p.add_run(run.text)
            r.bold, r.italic = run.bold or None, run.italic or None
            r.font.superscript = run.sup or None
            if size:
                r.font.size = Pt(size)
        return p

    def block(self, block: Block) -> None:
        if isinstance(block, PageBreak):
            self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, Heading):
            self.text(self.doc, block.text, bold=True, align="left", indent=block.indent)
        elif isinstance(block, ListTask):
            for line in list_task_lines(block, block.year):
                self.text(self.doc, line, indent=True)
        elif isinstance(block, Duties):
            self.text(self.doc, duty_heading(block), indent=True)
            for i in range(len(block.duties)):
                self.text(self.doc, duty_line(block, i), indent=True)
        else:
            notes = {n.marker: n.text for n in block.footnotes}
            self.text(self.doc, block.text, block.bold, block.italic, indent=block.indent, notes=notes)

    # --- header and closing -------------------------------------------------------------------

    def header(self) -> None:
        h = self.spec.header
        t = _layout_table(self.doc, 2, [0.42, 0.58])
        left, right = t.cell(0, 0), t.cell(0, 1)
        for i, line in enumerate(h.issuer):
            self.text(left, line, bold=i >= h.plain_issuer_lines, align="center", numbered=False)
        self.text(left, h.number, align="center", numbered=False)
        if h.subject:
            self.text(left, h.subject, align="center", size=self.spec.style.body_size - 1, numbered=False)
        self.text(right, h.motto[0], bold=True, align="center", numbered=False)
        self.text(right, h.motto[1], bold=True, align="center", numbered=False)
        self.text(right, h.place_date, italic=True, align="center", numbered=False)
        for cell in (left, right):
            _drop_first_paragraph(cell)
        if h.subject:
            first, *rest = h.salutation or [""]
            self.text(self.doc, f"Kính gửi: {first}", align="left", numbered=False, indent=True)
            for line in rest:
                p = self.text(self.doc, line, align="left", numbered=False)
                p.paragraph_format.left_indent = Cm(4.5)
            return
        for line in [h.kind, *h.title]:
            self.text(self.doc, line, bold=True, align="center", size=self.spec.style.body_size + 1,
                      numbered=False)

    def closing(self) -> None:
        cl, st = self.spec.closing, self.spec.style
        t = _layout_table(self.doc, 2, [0.46, 0.54])
        left, right = t.cell(0, 0), t.cell(0, 1)
        self.text(left, cl.label, bold=True, italic=True, align="left", size=st.small_size + 1,
                  numbered=False)
        for r in cl.recipients:
            self.text(left, r, align="left", size=st.small_size)
        for title in cl.signer.titles:
            self.text(right, title, bold=True, align="center", numbered=False)
        for _ in range(4):
            right.add_paragraph()  # room for the signature and the seal
        self.text(right, cl.signer.name, bold=True, align="center", numbered=False)
        for cell in (left, right):
            _drop_first_paragraph(cell)

    def appendix_title(self, title: list[str], note: str) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        for line in title:
            self.text(self.doc, line, bold=True, align="center", numbered=False)
        self.text(self.doc, note, italic=True, align="center", numbered=False)

    # --- task tables --------------------------------------------------------------------------

    def table(self, t: Table) -> None:
        rows = _joined(t.rows)
        n = len(t.columns)
        head = 2 if t.spans else 1
        table = self.doc.add_table(rows=head + len(rows), cols=n)
        table.style = "Table Grid"
        _widths(table, t.widths)
        size = self.spec.style.table_size
        under = {c for _, a, b in t.spans for c in range(a, b + 1)}
        for c, label in enumerate(t.columns):
            cell = table.cell(head - 1 if c in under else 0, c)
            if head == 2 and c not in under:
                cell = cell.merge(table.cell(1, c))  # a column without a group: down both rows
            self._cell(cell, label, "center", size, bold=True)
        for label, a, b in t.spans:
            self._cell(table.cell(0, a).merge(table.cell(0, b)), label, "center", size, bold=True)
        align = t.align or ["center", "justify"] + ["left"] * (n - 2)
        for i, row in enumerate(rows):
            r = head + i
            if isinstance(row, PeriodRow | GroupRow):  # one cell across the table
                where = "center" if isinstance(row, PeriodRow) else "left"
                self._cell(table.cell(r, 0).merge(table.cell(r, n - 1)), row.text, where, size, bold=True)
                continue
            for c, text in enumerate(row.cells):
                top = _merged_from(rows, i, c)
                if top is not None:  # part of the cell above: merged down into this row
                    table.cell(head + top, c).merge(table.cell(r, c))
                else:
                    self._cell(table.cell(r, c), text or _above(rows, i, c), align[c], size)
        if t.repeat_header:
            for r in range(head):
                table.rows[r]._tr.get_or_add_trPr().append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))

    def _cell(self, cell, text: str, align: str, size: float, bold: bool = False) -> None:  # noqa: ANN001
        items = [item for item in text.split("\n") if item.strip()]
        for item in items:
            self.text(cell, item, bold=bold, align=align, size=size, numbered=item.startswith("- "))
        if items:
            _drop_first_paragraph(cell)

    def write(self, path: Path) -> None:
        self.header()
        blocks = keyed_blocks(self.spec)
        for _, _, block in (b for b in blocks if b[1] == 0):
            self.block(block)
        self.closing()
        for j, app in enumerate(self.spec.appendices, start=1):
            self.appendix_title(app.title, app.note)
            for _, _, block in (b for b in blocks if b[1] == j):
                self.block(block)
        if self.doc.element.body[-2].tag == qn("w:tbl"):  # the last element before sectPr
            self.doc.add_paragraph()  # Word ends a document with a paragraph, never a table
        path.parent.mkdir(parents=True, exist_ok=True)
        self.doc.save(str(path))
        _pin_dates(path)


def _joined(rows: list[Row]) -> list[Row]:
    """A row the PDF carried over a page break is one row in Word; page breaks go."""
    out: list[Row] = []
    for row in rows:
        if isinstance(row, PageBreak):
            continue
        if isinstance(row, TableRow) and row.continued and out and isinstance(out[-1], TableRow):
            prev = out[-1]
            cells = [join_carried(a or "", b or "") if a is not None else None
                     for a, b in zip(prev.cells, row.cells, strict=True)]
            out[-1] = TableRow(cells, when=prev.when)
        else:
            out.append(row)
    return out


def _merged_from(rows: list[Row], i: int, c: int) -> int | None:
    """The row whose cell in column c runs down into row i, when rows between are all its."""
    if not isinstance(rows[i], TableRow) or rows[i].cells[c] is not None:
        return None
    for k in range(i - 1, -1, -1):
        if not isinstance(rows[k], TableRow):
            return None  # a period row across the table cuts the merge: the text is repeated
        if rows[k].cells[c] is not None:
            return k
    return None


def _above(rows: list[Row], i: int, c: int) -> str:
    """The text of the merged cell a row belongs to, printed again where Word cannot merge."""
    for k in range(i - 1, -1, -1):
        row = rows[k]
        if isinstance(row, TableRow) and row.cells[c] is not None:
            return row.cells[c]
    return ""


def _widths(table, fractions: list[float], total_cm: float = 16.0) -> None:  # noqa: ANN001
    """Column widths in the grid (tblGrid) and on every cell, as Word writes them."""
    for col, frac in zip(table.columns, fractions, strict=True):
        col.width = Cm(total_cm * frac)
        for cell in col.cells:
            cell.width = Cm(total_cm * frac)


def _layout_table(doc: docx.document.Document, cols: int, fractions: list[float]):  # noqa: ANN202
    """A borderless table of one row: the header's or the signature's columns."""
    t = doc.add_table(rows=1, cols=cols)
    _widths(t, fractions)
    return t


def _drop_first_paragraph(cell) -> None:  # noqa: ANN001
    """A new cell holds an empty paragraph; the text was added after it."""
    first = cell.paragraphs[0]
    if not first.text and len(cell.paragraphs) > 1:
        first._p.getparent().remove(first._p)


class Footnotes:
    """Footnotes in their own part (word/footnotes.xml), referenced from the text by number."""

    URI = "/word/footnotes.xml"
    CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
    REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"

    def __init__(self, doc: docx.document.Document) -> None:
        self.doc, self.part, self.next_id = doc, None, 1

    def reference(self, p: docx.text.paragraph.Paragraph, text: str) -> None:
        from docx.opc.packuri import PackURI
        from docx.opc.part import XmlPart

        if self.part is None:
            xml = (f'<w:footnotes {nsdecls("w")}><w:footnote w:type="separator" w:id="-1"><w:p><w:r>'
                   '<w:separator/></w:r></w:p></w:footnote></w:footnotes>')
            self.part = XmlPart(PackURI(self.URI), self.CT, parse_xml(xml), self.doc.part.package)
            self.doc.part.relate_to(self.part, self.REL)
        n = self.next_id
        self.next_id += 1
        sup = '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
        p._p.append(parse_xml(f'<w:r {nsdecls("w")}>{sup}<w:footnoteReference w:id="{n}"/></w:r>'))
        self.part.element.append(parse_xml(
            f'<w:footnote {nsdecls("w")} w:id="{n}"><w:p><w:r>{sup}<w:footnoteRef/></w:r>'
            f'<w:r><w:t xml:space="preserve"> {_escape(text)}</w:t></w:r></w:p></w:footnote>'))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _pin_dates(path: Path) -> None:
    """The zip's parts dated alike, so that writing the same spec twice gives the same bytes."""
    with zipfile.ZipFile(path) as z:
        parts = [(info.filename, z.read(info.filename)) for info in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            z.writestr(zipfile.ZipInfo(name, ZIP_DATE), data, zipfile.ZIP_DEFLATED)


def write_docx(spec: PlanSpec, path: Path) -> None:
    """Write the spec as a .docx at path."""
    Writer(spec).write(path)
