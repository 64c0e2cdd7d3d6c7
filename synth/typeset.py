"""Typeset a PlanSpec into a PDF laid out the way Vietnamese offices print plans.

Drawn on a reportlab canvas rather than with platypus: the header block, ruled tables that
repeat their header and split rows line by line, and footnotes pinned to the page of their
marker all need exact control of where each line lands. The text layer is real (embedded
DejaVu Serif with a ToUnicode map), and `invariant=1` keeps the bytes stable between runs.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from synth.spec import (
    Appendix,
    Block,
    Duties,
    Footnote,
    Heading,
    Layout,
    ListTask,
    PageBreak,
    Paragraph,
    PlanSpec,
    Table,
    keyed_blocks,
    runs,
)

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
_FACES = {
    (False, False): "DejaVuSerif",
    (True, False): "DejaVuSerif-Bold",
    (False, True): "DejaVuSerif-Italic",
    (True, True): "DejaVuSerif-BoldItalic",
}
RULE_WIDTH = 0.6  # points: what a table grid printed from Word measures
PAD = 3.0  # cell padding, points


def register_fonts() -> None:
    """Register the four DejaVu Serif faces once; they cover every Vietnamese letter."""
    registered = set(pdfmetrics.getRegisteredFontNames())
    for name in _FACES.values():
        if name in registered:
            continue
        path = FONT_DIR / f"{name}.ttf"
        if not path.is_file():
            raise FileNotFoundError(f"font {path} is missing: install fonts-dejavu-extra")
        pdfmetrics.registerFont(TTFont(name, str(path)))


def face(bold: bool = False, italic: bool = False) -> str:
    return _FACES[(bold, italic)]


def width_of(text: str, font: str, size: float) -> float:
    return pdfmetrics.stringWidth(text, font, size)


@dataclass(frozen=True)
class Piece:
    """A stretch of one font within a word (a word may end in a superscript marker)."""

    text: str
    font: str
    size: float
    rise: float = 0.0

    @property
    def width(self) -> float:
        return width_of(self.text, self.font, self.size)


Word = tuple[Piece, ...]


@dataclass
class TLine:
    words: list[Word]
    last: bool  # last line of its paragraph or cell item: never justified
    indent: float = 0.0


def words(text: str, size: float, bold: bool = False, italic: bool = False) -> list[Word]:
    out: list[Word] = []
    cur: list[Piece] = []
    for run in runs(text, bold, italic):
        font, sz = face(run.bold, run.italic), size * 0.62 if run.sup else size
        for i, part in enumerate(run.text.split(" ")):
            if i > 0 and cur:
                out.append(tuple(cur))
                cur = []
            if part:
                cur.append(Piece(part, font, sz, size * 0.36 if run.sup else 0.0))
    if cur:
        out.append(tuple(cur))
    return out


def word_width(w: Word) -> float:
    return sum(p.width for p in w)


def _hyphen_split(w: Word, room: float) -> tuple[Word, Word] | None:
    """A word broken after one of its hyphens ("LĐ-" / "TB&XH"), its head fitting in `room`, as
    Word breaks a compound at a line's end; None when no head fits."""
    if len(w) != 1:
        return None
    p = w[0]
    cuts = [i + 1 for i, ch in enumerate(p.text[:-1]) if ch == "-" and i > 0]
    for cut in reversed(cuts):
        head = replace(p, text=p.text[:cut])
        if head.width <= room:
            return (head,), (replace(p, text=p.text[cut:]),)
    return None


def wrap(text: str, width: float, size: float, bold: bool = False, italic: bool = False,
         indent: float = 0.0, hyphens: bool = False) -> list[TLine]:
    """Greedy line breaking of marked-up text; an over-long word gets a line of its own.
    hyphens: a word may also break after a hyphen inside it."""
    space = width_of(" ", face(), size)
    lines: list[TLine] = []
    cur: list[Word] = []
    cur_w = 0.0
    for w in words(text, size, bold, italic):
        ww = word_width(w)
        avail = width - (indent if not lines else 0.0)
        split = _hyphen_split(w, avail - cur_w - space) if hyphens and cur else None
        if cur and cur_w + space + ww > avail and split:
            lines.append(TLine([*cur, split[0]], False, indent if not lines else 0.0))
            cur, cur_w = [split[1]], word_width(split[1])
        elif cur and cur_w + space + ww > avail:
            lines.append(TLine(cur, False, indent if not lines else 0.0))
            cur, cur_w = [w], ww
        else:
            cur_w = cur_w + space + ww if cur else ww
            cur.append(w)
    lines.append(TLine(cur, True, indent if not lines else 0.0))
    return lines


def cell_lines(text: str, width: float, size: float, bold: bool = False,
               hyphens: bool = False) -> list[TLine]:
    """Each "\\n"-separated item of a cell starts on a line of its own."""
    if not text.strip():
        return []
    return [ln for item in text.split("\n") if item.strip()
            for ln in wrap(item, width, size, bold, hyphens=hyphens)]


def draw_line(c: Canvas, line: TLine, x: float, baseline: float, width: float, align: str) -> None:
    """Place each word at its own x so justified lines keep real space glyphs in the text layer."""
    if not line.words:
        return
    size = line.words[0][0].size
    space = width_of(" ", face(), size)
    natural = sum(word_width(w) for w in line.words)
    x, width = x + line.indent, width - line.indent
    gap = space
    if align == "justify" and not line.last and len(line.words) > 1:
        gap = (width - natural) / (len(line.words) - 1)
    elif align == "center":
        x += (width - natural - space * (len(line.words) - 1)) / 2
    elif align == "right":
        x += width - natural - space * (len(line.words) - 1)
    for i, w in enumerate(line.words):
        for j, p in enumerate(w):
            tail = " " if j == len(w) - 1 and i < len(line.words) - 1 else ""
            c.setFont(p.font, p.size)
            c.drawString(x, baseline + p.rise, p.text + tail)
            x += p.width
        x += gap


class Flow:
    """A cursor running down the pages: breaks pages, reserves room for footnotes."""

    def __init__(self, c: Canvas, spec: PlanSpec) -> None:
        self.c, self.spec, self.st = c, spec, spec.style
        self.w, self.h = landscape(A4) if self.st.landscape else A4
        self.left = self.st.margin_left_mm * mm
        self.width = self.w - self.left - self.st.margin_right_mm * mm
        self.top = self.h - self.st.margin_top_mm * mm
        self.page, self.y = 1, self.top
        self.notes: list[list[TLine]] = []
        self.layout = Layout()

    @property
    def notes_h(self) -> float:
        if not self.notes:
            return 0.0
        return 10.0 + sum(len(n) for n in self.notes) * self.st.note_size * self.st.leading

    @property
    def floor(self) -> float:
        return self.st.margin_bottom_mm * mm + self.notes_h

    def room(self) -> float:
        return self.y - self.floor

    def baseline(self, top: float, size: float) -> float:
        return top - 0.5 * (self.st.leading - 1.0) * size - 0.8 * size

    def new_page(self) -> None:
        self._draw_notes()
        self.c.showPage()
        self.page, self.y, self.notes = self.page + 1, self.top, []
        if self.st.page_numbers:
            self.c.setFont(face(), self.st.body_size)
            self.c.drawCentredString(self.left + self.width / 2, self.h - 12 * mm, str(self.page))

    def finish(self) -> None:
        self._draw_notes()
        self.c.showPage()
        self.c.save()
        self.layout.pages = self.page

    def _draw_notes(self) -> None:
        if not self.notes:
            return
        size = self.st.note_size
        y = self.st.margin_bottom_mm * mm + self.notes_h - 4.0
        self.c.setLineWidth(0.5)
        self.c.line(self.left, y, self.left + 50 * mm, y)
        y -= 6.0
        for note in self.notes:
            for ln in note:
                draw_line(self.c, ln, self.left, self.baseline(y, size), self.width, "justify")
                y -= size * self.st.leading

    # --- running text -------------------------------------------------------------------

    def text(self, p: Paragraph | Heading, index: int | tuple[int, int], keep_lines: int = 1) -> None:
        size = self.st.body_size
        lh = size * self.st.leading
        bold = isinstance(p, Heading) or p.bold
        italic = isinstance(p, Paragraph) and p.italic
        indent = self.st.indent_mm * mm if p.indent else 0.0
        lines = wrap(p.text, self.width, size, bold, italic, indent)
        notes = p.footnotes if isinstance(p, Paragraph) else []
        if self.room() < lh * keep_lines:
            self.new_page()  # a heading is not left alone at the foot of a page
        for ln in lines:
            mine = [n for n in notes if _has_marker(ln, n.marker)]
            extra = [self._note_lines(n) for n in mine]
            need = lh + sum(len(e) for e in extra) * self.st.note_size * self.st.leading
            if self.room() < need + (0.0 if self.notes or not extra else 10.0):
                self.new_page()
            self.notes.extend(extra)
            align = "left" if isinstance(p, Heading) else "justify"
            draw_line(self.c, ln, self.left, self.baseline(self.y, size), self.width, align)
            self.layout.mark(self.layout.blocks, index, self.page)
            self.y -= lh
        self.y -= self.st.para_space

    def _note_lines(self, note: Footnote) -> list[TLine]:
        text = f"<sup>{note.marker}</sup> {note.text}"
        return wrap(text, self.width, self.st.note_size, indent=self.st.indent_mm * mm)

    # --- header and closing blocks --------------------------------------------------------

    def header(self) -> None:
        """Issuer left, motto right (both underlined by a short rule), number and date below."""
        h, c, size = self.spec.header, self.c, self.st.body_size
        lh = size * self.st.leading
        lw = self.width * 0.42  # issuer column; the motto takes the rest
        lx, rx, rw = self.left - 8 * mm, self.left + lw - 4 * mm, self.width - lw + 12 * mm
        y = self.top
        for i, text in enumerate(h.issuer):
            bold = i >= h.plain_issuer_lines  # the superior body's line is not bold
            _centered(c, text, face(bold), size, lx, lw, self.baseline(y, size))
            y -= lh
        _rule(c, lx + lw / 2, y - 1, min(width_of(h.issuer[-1], face(True), size), lw) * 0.4)
        left_y, y = y - 6, self.top
        _centered(c, h.motto[0], face(True), size - 1, rx, rw, self.baseline(y, size))
        msize = _centered(c, h.motto[1], face(True), size, rx, rw, self.baseline(y - lh, size))
        y -= 2 * lh
        _rule(c, rx + rw / 2, y - 1, width_of(h.motto[1], face(True), msize))
        y = min(y, left_y) - 8
        _centered(c, h.number, face(), size, lx, lw, self.baseline(y, size))
        _centered(c, h.place_date, face(italic=True), size, rx, rw, self.baseline(y, size))
        if h.subject:
            self.y = self._subject(y - lh, lx, lw)
            return
        y -= lh + 18
        tsize = size + 1
        for text in [h.kind, *h.title]:
            for ln in wrap(text, self.width * 0.9, tsize, bold=True):
                draw_line(c, ln, self.left, self.baseline(y, tsize), self.width, "center")
                y -= tsize * self.st.leading
        _rule(c, self.left + self.width / 2, y - 3, 40 * mm)
        self.y = y - 16

    def _subject(self, y: float, lx: float, lw: float) -> float:
        """A Công văn's "V/v ..." under its number, then "Kính gửi:" and the bodies addressed."""
        h, size = self.spec.header, self.st.body_size - 1
        for ln in wrap(h.subject, lw - 10 * mm, size):
            draw_line(self.c, ln, lx + 5 * mm, self.baseline(y, size), lw - 10 * mm, "center")
            y -= size * self.st.leading
        y -= 18
        bsize, lh = self.st.body_size, self.st.body_size * self.st.leading
        label_x = self.left + self.width * 0.16
        self.c.setFont(face(), bsize)
        self.c.drawString(label_x, self.baseline(y, bsize), "Kính gửi:")
        x = label_x + width_of("Kính gửi: ", face(), bsize) + 2
        for line in h.salutation:
            for ln in wrap(line, self.left + self.width - x, bsize):
                draw_line(self.c, ln, x, self.baseline(y, bsize), self.left + self.width - x, "left")
                y -= lh
        return y - 10

    def appendix_title(self, app: Appendix) -> None:
        """A Phụ lục starts on a page of its own under its bold title and italic note."""
        self.new_page()
        size = self.st.body_size + 1
        for text in app.title:
            for ln in wrap(text, self.width * 0.9, size, bold=True):
                draw_line(self.c, ln, self.left, self.baseline(self.y, size), self.width, "center")
                self.y -= size * self.st.leading
        for ln in wrap(app.note, self.width * 0.9, self.st.body_size, italic=True):
            draw_line(self.c, ln, self.left, self.baseline(self.y, self.st.body_size), self.width,
                      "center")
            self.y -= self.st.body_size * self.st.leading
        self.y -= 12

    def closing(self) -> None:
        cl, c, st = self.spec.closing, self.c, self.st
        lw, rx = self.width * 0.46, self.left + self.width * 0.46
        rw = self.width - lw
        small, slh = st.small_size, st.small_size * 1.1
        left = [ln for r in cl.recipients for ln in wrap(r, lw, small)]
        left_h = st.small_size * 1.4 + len(left) * slh
        tlh = st.body_size * st.leading
        right_h = len(cl.signer.titles) * tlh + 28 * mm + tlh
        self.y -= 6
        if self.room() < max(left_h, right_h):
            self.new_page()
        y = self.y
        c.setFont(face(True, True), small + 1)
        c.drawString(self.left, self.baseline(y, small + 1), cl.label)
        y -= (small + 1) * 1.3
        for ln in left:
            draw_line(c, ln, self.left, self.baseline(y, small), lw, "left")
            y -= slh
        y = self.y
        for title in cl.signer.titles:
            _centered(c, title, face(True), st.body_size, rx, rw, self.baseline(y, st.body_size))
            y -= tlh
        y -= 28 * mm  # room for the signature and the seal
        _centered(c, cl.signer.name, face(True), st.body_size, rx, rw,
                  self.baseline(y, st.body_size))
        self.y -= max(left_h, right_h)


def _has_marker(line: TLine, marker: str) -> bool:
    return any(p.rise > 0 and p.text == marker for w in line.words for p in w)


def _centered(c: Canvas, text: str, font: str, size: float, x: float, w: float, y: float) -> float:
    """Center one line in a column, shrunk to fit as a clerk would in Word; returns its size."""
    while size > 8 and width_of(text, font, size) > w:
        size -= 0.5
    c.setFont(font, size)
    c.drawCentredString(x + w / 2, y, text)
    return size


def _rule(c: Canvas, cx: float, y: float, length: float) -> None:
    c.setLineWidth(0.6)
    c.line(cx - length / 2, y, cx + length / 2, y)


# --- the document ----------------------------------------------------------------------------


def draw_block(flow: Flow, key: int, block: Block) -> None:
    # imported here: the table and list modules build on this one
    from synth.typeset_lists import draw_duties, draw_list_task
    from synth.typeset_table import draw_table

    if isinstance(block, PageBreak):
        flow.new_page()
    elif isinstance(block, Table):
        draw_table(flow, block, key)
    elif isinstance(block, Heading):
        flow.text(block, key, keep_lines=3)
    elif isinstance(block, ListTask):
        draw_list_task(flow, block, key)
    elif isinstance(block, Duties):
        draw_duties(flow, block, key)
    else:
        flow.text(block, key)


def typeset_with_layout(spec: PlanSpec, path: Path) -> Layout:
    """Write the PDF and report which page every block and table row landed on."""
    register_fonts()
    path.parent.mkdir(parents=True, exist_ok=True)
    c = Canvas(str(path), pagesize=landscape(A4) if spec.style.landscape else A4, invariant=1)
    c.setTitle(" ".join([spec.header.kind.capitalize(), *spec.header.title]))
    c.setAuthor(" ".join(spec.header.issuer))
    flow = Flow(c, spec)
    flow.header()
    blocks = keyed_blocks(spec)
    for key, _, block in (b for b in blocks if b[1] == 0):
        draw_block(flow, key, block)
    flow.closing()
    for j, appendix in enumerate(spec.appendices, start=1):
        flow.appendix_title(appendix)
        for key, _, block in (b for b in blocks if b[1] == j):
            draw_block(flow, key, block)
    flow.finish()
    return flow.layout


def typeset(spec: PlanSpec, path: Path) -> None:
    typeset_with_layout(spec, path)
