"""Word files read from their structure: no rendering, no OCR.

A DOCX is a zip of XML parts. python-docx opens the package; what it lacks is written here:
Word's automatic numbering shown as Word shows it ("1.", "a)", "II.", "1.1."), merged table cells
(gridSpan, vMerge) applied to every slot they cover, tracked changes (insertions kept, deletions
and moved-away text dropped, deleted rows gone), a field's shown value, text boxes at their place
across the page, footnotes and endnotes after the body, alignment, indent, bold and size from
the paragraph's style where it sets none itself. Targets outside the package (a linked
image, a hyperlink) are never opened. The paragraphs become lines laid out on one tall
page (indent, alignment and the gap between paragraphs as Word gives them), so that the header
reader, the outline and the table reader work on a Word file as on a PDF page. The header and
signature blocks, which Word files print as borderless two-column tables, become the two columns
of lines they print as; other tables become tables of cells.

DOC and ODT are converted to DOCX with LibreOffice when it is installed (`soffice`), within the
document's time limit.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.config import Config
from pipeline.errors import InputError, LimitError
from pipeline.model import Box, Cell, Line, Page, PageSource, ReadBy, Source, Table, Word
from pipeline.vietnamese.numbering import roman

WORD_SUFFIXES = frozenset({".docx", ".doc", ".odt", ".docm"})
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_UNZIPPED = 200 * 1024 * 1024  # bytes: a zip bomb is refused before any part is read
PAGE_WIDTH = 595.0  # points, A4: the width lines are laid out in
LEFT, RIGHT = 85.0, 540.0  # the text column Word's default margins leave
LINE_HEIGHT = 14.0
CHAR_WIDTH = 5.6  # points a character takes in 13-pt Times, roughly: only the line breaks need it
PARAGRAPH_GAP = 2.0 * LINE_HEIGHT  # wider than the layout stage's gap within a paragraph
TWIPS = 20.0  # twentieths of a point
CELL_MARGIN = 5.4  # points, Word's default left and right cell margin (0.19 cm)


@dataclass(slots=True)
class WordLayout:
    """What the layout stage gives for a PDF, made from the Word file's structure."""

    page: Page
    lines: list[Line]
    tables: list[Table]
    paragraph_of: dict[int, int] = field(default_factory=dict)  # id(line) -> paragraph index
    anchors: list[tuple[Box, Source]] = field(default_factory=list)  # laid-out box -> paragraph or cell


def read_word(path: Path, config: Config) -> WordLayout:
    suffix = path.suffix.lower()
    if suffix == ".docm":
        raise InputError("macro-enabled Word file (.docm): not read; save it as .docx")
    if suffix in (".doc", ".odt"):
        with tempfile.TemporaryDirectory(prefix="plans-word-") as tmp:
            return _read_docx(_converted(path, Path(tmp), config.doc_timeout))
    return _read_docx(path)


def _converted(path: Path, out: Path, timeout: float) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise InputError(f"{path.suffix} files need LibreOffice (soffice) to be read; it is not installed")
    # A profile of its own (no clash with a LibreOffice already open), by absolute URL: a
    # relative one makes soffice wait for ever.
    out = out.resolve()
    profile = out / "profile"
    cmd = [
        soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
        "--convert-to", "docx", "--outdir", str(out), str(path.resolve()),
    ]  # fmt: skip
    # soffice starts soffice.bin: in a session of its own, a hung conversion is killed whole.
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        raise LimitError(f"LibreOffice took longer than {timeout:.0f} s to convert the file") from None
    converted = out / f"{path.stem}.docx"
    if not converted.exists():
        raise InputError(f"LibreOffice could not convert this {path.suffix} file")
    return converted


def _read_docx(path: Path) -> WordLayout:
    import docx  # python-docx: imported here, so PDF-only runs do not pay for it
    from docx.opc.exceptions import PackageNotFoundError

    _check_package(path)
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise InputError(f"not a readable Word file: {exc}") from None
    parts = Parts(Numbering(document), Styles(document))
    builder = _Builder()
    for kind, element in _body_items(document.element.body):
        if kind == "p":
            builder.paragraph(_paragraph(element, parts))
        else:
            builder.table(element, parts)
    # Footnotes and endnotes after the body, as the last page prints its notes below the
    # signature; their markers in the text are numbers without words, as a PDF's raised ones.
    for note in _notes(document, parts):
        builder.paragraph(note)
    return builder.result()


_NOTE_PARTS = {  # relationship type -> the element of one note
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes": "footnote",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes": "endnote",
}


def _notes(document, parts: Parts) -> list[WordParagraph]:  # noqa: ANN001
    """The paragraphs of the notes the body refers to, in the order it refers to them."""
    from docx.oxml import parse_xml

    out: list[WordParagraph] = []
    for rel in document.part.rels.values():
        name = _NOTE_PARTS.get(rel.reltype)
        if name is None or rel.is_external:
            continue
        try:
            root = parse_xml(rel.target_part.blob)
        except Exception:  # noqa: BLE001 - a broken notes part loses the notes, not the document
            continue
        notes = {n.get(f"{W}id"): n for n in root.findall(f"{W}{name}") if n.get(f"{W}type") is None}
        body = document.element.body
        for ref in body.iter(f"{W}{name}Reference"):
            note = notes.pop(ref.get(f"{W}id"), None)
            if note is not None:
                out += [_paragraph(p, parts) for p in note.iter(f"{W}p")]
    return out


def _check_package(path: Path) -> None:
    """A zip, not a bomb, not an encrypted Office file (those are OLE files, as .doc is)."""
    with open(path, "rb") as f:
        head = f.read(8)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError("encrypted or legacy Office file: not a DOCX package (save it as .docx)")
    if not zipfile.is_zipfile(path):
        raise InputError("not a Word file: a .docx is a zip package and this is not one")
    with zipfile.ZipFile(path) as z:
        if sum(i.file_size for i in z.infolist()) > MAX_UNZIPPED:
            raise LimitError(f"Word file unpacks to more than {MAX_UNZIPPED >> 20} MB")
        if "word/document.xml" not in z.namelist():
            raise InputError("not a Word document: the package has no word/document.xml")


def _body_items(body):  # noqa: ANN001, ANN202 - lxml elements
    """Paragraphs and tables of the body in order, content controls opened."""
    for child in body:
        if child.tag == f"{W}p":
            yield "p", child
        elif child.tag == f"{W}tbl":
            yield "tbl", child
        elif child.tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                yield from _body_items(content)
        elif child.tag == f"{W}customXml":
            yield from _body_items(child)


# --- paragraphs ------------------------------------------------------------------------------


@dataclass(slots=True)
class WordParagraph:
    text: str  # its lines ("\n" where the paragraph breaks a line), spaces collapsed
    label: str = ""  # Word's automatic number as shown ("1.", "a)")
    bold: bool = False
    italic: bool = False
    size: float = 0.0
    align: str = "left"
    indent: float = 0.0  # points from the text column's left edge, first line
    boxes: list[TextBox] = field(default_factory=list)  # text boxes anchored in the paragraph


@dataclass(slots=True)
class TextBox:
    """A text box (w:txbxContent): where it stands across the page and what it holds."""

    x0: float  # points from the page's left edge
    width: float
    paragraphs: list[WordParagraph]


# Text that Word does not show: deleted or moved away (tracked changes), a text box's copy in
# the fallback drawing for old readers (mc:Fallback), a text box's own text (read as the box).
_HIDDEN = ("del", "moveFrom", "txbxContent", "Fallback")


def _paragraph(p, parts: Parts) -> WordParagraph:  # noqa: ANN001
    runs = [r for r in p.iter(f"{W}r") if not _inside(r, p, _HIDDEN)]
    text = "".join(_run_text(r) for r in runs)
    shown = [r for r in runs if _run_text(r).strip()]
    styles = parts.styles
    size = styles.size(shown[0], p) if shown else 0.0
    label, level = parts.numbering.label(p)
    # Word's order: the paragraph's own setting, else its list level's, else its style's.
    ind = styles.paragraph(p, "ind", own_only=True)
    if ind is None and level is not None:
        ind = level.ind
    return WordParagraph(
        text="\n".join(" ".join(part.split()) for part in text.split("\n") if part.strip()),
        label=label,
        bold=bool(shown) and all(styles.flag(r, "b", p) for r in shown),
        italic=bool(shown) and all(styles.flag(r, "i", p) for r in shown),
        size=size,
        align=_align(styles.paragraph(p, "jc")),
        indent=_indent(ind if ind is not None else styles.paragraph(p, "ind")) + _leading(text, size),
        boxes=_text_boxes(p, parts),
    )


@dataclass(slots=True)
class Parts:
    """What the paragraphs of a Word file are read with: its lists and its styles."""

    numbering: Numbering
    styles: Styles


class Styles:
    """Formatting a paragraph or run takes from its style (styles.xml, through basedOn) when it
    sets none of its own: offices centre and embolden titles by a heading style as often as by
    hand."""

    def __init__(self, document) -> None:  # noqa: ANN001
        self.by_id: dict[str, object] = {}
        self.default_paragraph: str | None = None
        self.default_size = 0.0
        try:
            root = document.styles.element
        except (KeyError, AttributeError, NotImplementedError):
            return
        for style in root.findall(f"{W}style"):
            sid = style.get(f"{W}styleId")
            self.by_id[sid] = style
            if style.get(f"{W}type") == "paragraph" and style.get(f"{W}default") in ("1", "true"):
                self.default_paragraph = sid
        self.default_size = _half_points(root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}sz"))

    def _chain(self, sid: str | None) -> list:  # noqa: ANN001
        out, seen = [], set()
        while sid and sid in self.by_id and sid not in seen:
            seen.add(sid)
            style = self.by_id[sid]
            out.append(style)
            based = style.find(f"{W}basedOn")
            sid = based.get(f"{W}val") if based is not None else None
        return out

    def _paragraph_styles(self, p) -> list:  # noqa: ANN001
        ps = p.find(f"{W}pPr/{W}pStyle")
        return self._chain(ps.get(f"{W}val") if ps is not None else self.default_paragraph)

    def paragraph(self, p, name: str, own_only: bool = False):  # noqa: ANN001, ANN201
        """The paragraph's pPr element `name` (jc, ind), its own or else its style's."""
        own = p.find(f"{W}pPr/{W}{name}")
        if own is not None or own_only:
            return own
        for style in self._paragraph_styles(p):
            el = style.find(f"{W}pPr/{W}{name}")
            if el is not None:
                return el
        return None

    def _run_props(self, r, p) -> list:  # noqa: ANN001
        """Where a run's properties come from, nearest first: the run, its character style,
        the paragraph mark, the paragraph's style."""
        out = [r.find(f"{W}rPr")]
        rs = r.find(f"{W}rPr/{W}rStyle")
        if rs is not None:
            out += [s.find(f"{W}rPr") for s in self._chain(rs.get(f"{W}val"))]
        out.append(p.find(f"{W}pPr/{W}rPr"))
        out += [s.find(f"{W}rPr") for s in self._paragraph_styles(p)]
        return [props for props in out if props is not None]

    def flag(self, r, name: str, p) -> bool:  # noqa: ANN001
        """A run's bold or italic."""
        for props in self._run_props(r, p):
            el = props.find(f"{W}{name}")
            if el is not None:
                return el.get(f"{W}val", "true") not in ("0", "false", "none")
        return False

    def size(self, r, p) -> float:  # noqa: ANN001
        """A run's font size in points; 0 where nothing says."""
        for props in self._run_props(r, p):
            size = _half_points(props.find(f"{W}sz"))
            if size:
                return size
        return self.default_size


def _half_points(el) -> float:  # noqa: ANN001
    try:
        return int(el.get(f"{W}val")) / 2 if el is not None else 0.0
    except (TypeError, ValueError):
        return 0.0


EMU = 12700.0  # English Metric Units in a point
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
_VML_SHAPES = tuple(f"{{urn:schemas-microsoft-com:vml}}{n}" for n in ("shape", "rect", "roundrect"))
_CSS_UNITS = {"pt": 1.0, "in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4, "px": 0.75}


def _text_boxes(p, parts: Parts) -> list[TextBox]:  # noqa: ANN001
    """The paragraph's text boxes, each once (not again from its mc:Fallback copy)."""
    boxes = []
    for content in p.iter(f"{W}txbxContent"):
        if _inside(content, p, ("txbxContent", "Fallback")):
            continue
        inner = [q for q in content.iter(f"{W}p") if not _inside(q, content, ("txbxContent",))]
        paras = [_paragraph(q, parts) for q in inner]
        x0, width = _box_place(content)
        boxes.append(TextBox(x0, width, paras))
    return sorted(boxes, key=lambda b: b.x0)


def _box_place(content) -> tuple[float, float]:  # noqa: ANN001
    """Left edge and width of a text box, in points, from its drawing's anchor (DrawingML) or
    its shape's style (VML); the text column where neither says."""
    el = content.getparent()
    while el is not None and el.tag not in (f"{WP}anchor", f"{WP}inline", *_VML_SHAPES):
        el = el.getparent()
    if el is None:
        return LEFT, RIGHT - LEFT
    if el.tag in _VML_SHAPES:  # style="position:absolute;margin-left:9pt;width:200pt"
        css = dict(part.split(":", 1) for part in (el.get("style") or "").split(";") if ":" in part)
        width = _css_points(css.get("width", "")) or RIGHT - LEFT
        return LEFT + (_css_points(css.get("margin-left", "")) or 0.0), width
    extent = el.find(f"{WP}extent")
    width = _emu(extent.get("cx")) if extent is not None else 0.0
    width = width or RIGHT - LEFT
    pos = el.find(f"{WP}positionH")
    if pos is None:
        return LEFT, width
    origin = 0.0 if pos.get("relativeFrom") == "page" else LEFT
    offset, align = pos.find(f"{WP}posOffset"), pos.find(f"{WP}align")
    if offset is not None:
        return origin + _emu(offset.text), width
    side = align.text if align is not None else "left"
    span = (0.0, PAGE_WIDTH) if origin == 0.0 else (LEFT, RIGHT)
    if side == "right":
        return span[1] - width, width
    if side == "center":
        return (span[0] + span[1] - width) / 2, width
    return span[0], width


def _emu(value: str | None) -> float:
    try:
        return float(value or 0) / EMU
    except ValueError:
        return 0.0


def _css_points(value: str) -> float:
    m = re.fullmatch(r"\s*(-?[\d.]+)\s*([a-z]*)\s*", value)
    if not m:
        return 0.0
    try:
        return float(m[1]) * _CSS_UNITS.get(m[2] or "px", 1.0)
    except ValueError:
        return 0.0


TAB_STOP = 36.0  # points: Word's default tab stops, every 1.27 cm


def _leading(text: str, size: float) -> float:
    """How far spaces and tabs typed before the text push it right: offices set the signer's
    name or a date under the right column so, with the space bar."""
    x = 0.0
    for ch in text:
        if ch == " ":
            x += 0.25 * (size or 13.0)  # a space is a quarter of an em in Times
        elif ch == "\t":
            x = (x // TAB_STOP + 1) * TAB_STOP
        elif ch != "\n":
            break
    return x


def _inside(el, stop, names: tuple[str, ...]) -> bool:  # noqa: ANN001
    parent = el.getparent()
    while parent is not None and parent is not stop:
        if parent.tag.rsplit("}", 1)[-1] in names:
            return True
        parent = parent.getparent()
    return False


def _run_text(r) -> str:  # noqa: ANN001
    out = []
    for child in r:
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "t":
            out.append(child.text or "")
        elif tag == "tab":
            out.append("\t")
        elif tag in ("br", "cr"):
            out.append("\n")  # a line break inside the paragraph: the header's two lines
        elif tag == "noBreakHyphen":
            out.append("-")
    return "".join(out)


def _align(el) -> str:  # noqa: ANN001
    """A w:jc as left, center or right."""
    value = el.get(f"{W}val", "left") if el is not None else "left"
    return {"both": "left", "start": "left", "end": "right", "distribute": "left"}.get(value, value)


def _indent(el) -> float:  # noqa: ANN001
    """Points of a w:ind's first line from the text column's edge."""
    if el is None:
        return 0.0

    def twips(name: str) -> float:
        try:
            return float(el.get(f"{W}{name}") or 0) / TWIPS
        except ValueError:
            return 0.0

    left = twips("left") or twips("start")
    return max(0.0, left + twips("firstLine") - twips("hanging"))


# --- numbering -------------------------------------------------------------------------------

def _letters(n: int, alphabet: str) -> str:
    out = ""
    while n > 0:
        n, r = divmod(n - 1, len(alphabet))
        out = alphabet[r] + out
    return out


def format_number(n: int, fmt: str) -> str:
    """A counter as Word's numFmt shows it."""
    if fmt == "decimal":
        return str(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "lowerLetter":
        return _letters(n, "abcdefghijklmnopqrstuvwxyz")
    if fmt == "upperLetter":
        return _letters(n, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    if fmt == "lowerRoman":
        return roman(n).lower()
    if fmt == "upperRoman":
        return roman(n)
    return str(n)


@dataclass(slots=True)
class _Level:
    fmt: str
    text: str  # lvlText: "%1.", "%1.%2.", "-"
    start: int
    ind: object = None  # the level's w:ind (lxml element), the indent its paragraphs take


class Numbering:
    """Word's list numbering (numbering.xml), counted in document order as Word does."""

    def __init__(self, document) -> None:  # noqa: ANN001
        self.levels: dict[str, dict[int, _Level]] = {}  # numId -> level -> definition
        self.abstract_of: dict[str, str] = {}
        self.counters: dict[str, list[int]] = {}  # abstractNumId -> counter per level
        self.style_num: dict[str, tuple[str, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            root = None
        if root is not None:
            self._read(root)
        self._read_styles(document)

    def _read(self, root) -> None:  # noqa: ANN001
        abstract: dict[str, dict[int, _Level]] = {}
        for a in root.findall(f"{W}abstractNum"):
            abstract[a.get(f"{W}abstractNumId")] = {
                int(lvl.get(f"{W}ilvl", 0)): self._level(lvl) for lvl in a.findall(f"{W}lvl")
            }
        for num in root.findall(f"{W}num"):
            num_id = num.get(f"{W}numId")
            ref = num.find(f"{W}abstractNumId")
            if ref is None:
                continue
            aid = ref.get(f"{W}val")
            levels = dict(abstract.get(aid, {}))
            for over in num.findall(f"{W}lvlOverride"):
                ilvl = int(over.get(f"{W}ilvl", 0))
                lvl = over.find(f"{W}lvl")
                start = over.find(f"{W}startOverride")
                if lvl is not None:
                    levels[ilvl] = self._level(lvl)
                elif start is not None and ilvl in levels:
                    base = levels[ilvl]
                    levels[ilvl] = _Level(base.fmt, base.text, int(start.get(f"{W}val", 1)), base.ind)
            self.levels[num_id] = levels
            # Lists that override their start count apart from the list they come from.
            self.abstract_of[num_id] = aid if not num.findall(f"{W}lvlOverride") else f"{aid}/{num_id}"

    @staticmethod
    def _level(lvl) -> _Level:  # noqa: ANN001
        def val(name: str, default: str) -> str:
            el = lvl.find(f"{W}{name}")
            return el.get(f"{W}val", default) if el is not None else default

        try:
            start = int(val("start", "1"))
        except ValueError:
            start = 1
        return _Level(val("numFmt", "decimal"), val("lvlText", ""), start, lvl.find(f"{W}pPr/{W}ind"))

    def _read_styles(self, document) -> None:  # noqa: ANN001
        try:
            styles = document.styles.element
        except (KeyError, AttributeError):
            return
        for style in styles.findall(f"{W}style"):
            num = style.find(f"{W}pPr/{W}numPr")
            if num is None:
                continue
            num_id = num.find(f"{W}numId")
            ilvl = num.find(f"{W}ilvl")
            if num_id is not None:
                level = int(ilvl.get(f"{W}val", 0)) if ilvl is not None else 0
                self.style_num[style.get(f"{W}styleId")] = (num_id.get(f"{W}val"), level)

    def label(self, p) -> tuple[str, _Level | None]:  # noqa: ANN001
        """The paragraph's number as Word shows it, counting it, and its list level; ("", None)
        when it has none."""
        num = p.find(f"{W}pPr/{W}numPr")
        num_id, ilvl = None, 0
        if num is not None:
            nid, lvl = num.find(f"{W}numId"), num.find(f"{W}ilvl")
            num_id = nid.get(f"{W}val") if nid is not None else None
            ilvl = int(lvl.get(f"{W}val", 0)) if lvl is not None else 0
        else:
            style = p.find(f"{W}pPr/{W}pStyle")
            if style is not None and style.get(f"{W}val") in self.style_num:
                num_id, ilvl = self.style_num[style.get(f"{W}val")]
        if not num_id or num_id == "0" or num_id not in self.levels:
            return "", None
        levels = self.levels[num_id]
        if ilvl not in levels:
            return "", None
        key = self.abstract_of[num_id]
        counters = self.counters.setdefault(key, [0] * 10)
        if counters[ilvl] == 0:
            counters[ilvl] = levels[ilvl].start
        else:
            counters[ilvl] += 1
        for deeper in range(ilvl + 1, 10):
            counters[deeper] = 0  # a higher level restarts the ones below it
        level = levels[ilvl]
        if level.fmt == "none":
            return "", level
        if level.fmt == "bullet":
            # A symbol font's private character or a real dash: offices' bullets are dashes.
            return "+" if level.text.strip() == "+" else "-", level

        def shown(m: re.Match[str]) -> str:
            k = int(m[1]) - 1
            lv = levels.get(k)
            value = counters[k] or (lv.start if lv else 1)
            return format_number(value, lv.fmt if lv else "decimal")

        return re.sub(r"%(\d)", shown, level.text).strip(), level


# --- layout ----------------------------------------------------------------------------------


class _Builder:
    """Paragraphs and tables placed one after the other down one tall page."""

    def __init__(self) -> None:
        self.y = 60.0
        self.lines: list[Line] = []
        self.tables: list[Table] = []
        self.paragraph_of: dict[int, int] = {}
        self.anchors: list[tuple[Box, Source]] = []
        self.index = 0
        self.table_count = 0  # every table of the body, the header and signature tables too

    def paragraph(self, para: WordParagraph, left: float = LEFT, right: float = RIGHT) -> None:
        self.index += 1
        text = f"{para.label} {para.text}".strip() if para.label else para.text
        if not text:
            self.y += LINE_HEIGHT / 2
        else:
            for line in self._wrapped(text, para, left, right):
                self.lines.append(line)
                self.paragraph_of[id(line)] = self.index
                self.anchors.append((line.box, Source(ReadBy.WORD, paragraph=self.index)))
            self.y += PARAGRAPH_GAP - LINE_HEIGHT
        if para.boxes:
            self._boxes(para.boxes)

    def _boxes(self, boxes: list[TextBox]) -> None:
        """Text boxes anchored in one paragraph side by side, at their place across the page
        (the issuer and the motto, or "Nơi nhận" and the signer, drawn in two boxes)."""
        top = bottom = self.y
        for box in boxes:
            self.y = top
            x0 = min(max(box.x0, 0.0), PAGE_WIDTH - 40)
            for para in box.paragraphs:
                self.paragraph(para, x0 + CELL_MARGIN, min(PAGE_WIDTH, x0 + box.width) - CELL_MARGIN)
            bottom = max(bottom, self.y)
        self.y = bottom

    def _wrapped(self, text: str, para: WordParagraph, left: float, right: float) -> list[Line]:
        size = para.size or 13.0
        char = CHAR_WIDTH * size / 13.0
        first_x = left + min(para.indent, (right - left) / 2)
        out: list[Line] = []
        x0 = first_x
        for part in text.split("\n"):
            row: list[str] = []
            for w in part.split():
                if row and x0 + char * (len(" ".join(row)) + 1 + len(w)) > right:
                    # justified as printed; a centred or right-aligned line keeps its width
                    out.append(self._line(row, x0, right, para, size, full=para.align == "left"))
                    row, x0 = [], left
                row.append(w)
            if row:
                out.append(self._line(row, x0, right, para, size, full=False))
                x0 = left
        if para.align in ("center", "right"):
            out = [self._aligned(ln, left, right, para.align) for ln in out]
        return out

    def _line(self, row: list[str], x0: float, right: float, para: WordParagraph, size: float,
              full: bool) -> Line:  # fmt: skip
        char = CHAR_WIDTH * size / 13.0
        words: list[Word] = []
        x = x0
        # A wrapped line reaches the right margin (justified), as it does on the printed page.
        spare = (right - x0 - char * len(" ".join(row))) / max(1, len(row) - 1) if full else 0.0
        for w in row:
            width = char * len(w)
            words.append(Word(w, Box(x, self.y, x + width, self.y + size), 100.0, None, size))
            x += width + char + spare
        self.y += LINE_HEIGHT * size / 13.0
        return Line(words, 1)

    def _aligned(self, line: Line, left: float, right: float, align: str) -> Line:
        width = line.box.x1 - line.box.x0
        target = (left + right - width) / 2 if align == "center" else right - width
        dx = target - line.box.x0
        moved = [Word(w.text, Box(w.box.x0 + dx, w.box.top, w.box.x1 + dx, w.box.bottom), 100.0, None, w.size)
                 for w in line.words]  # fmt: skip
        return Line(moved, 1)

    def table(self, tbl, parts: Parts) -> None:  # noqa: ANN001
        self.table_count += 1
        grid = _grid(tbl, parts)
        if not grid.rows:
            return
        if _is_layout_table(grid):
            self._columns(grid)
        else:
            self._cells(grid)

    def _columns(self, grid: _Grid) -> None:
        """A borderless header or signature table: its columns side by side, as printed."""
        # Word sets a table out by its cell margin, so that the text of its first column stands
        # at the body's left margin: "Nơi nhận" left of the body's lines would read as the
        # margin and every body line as indented.
        edges = grid.edges(LEFT - CELL_MARGIN, RIGHT + CELL_MARGIN)
        top = self.y
        bottom = top
        for c in range(grid.n_cols):
            self.y = top
            for r in range(len(grid.rows)):
                cell = grid.cell(r, c)
                if cell is None or cell.col != c or cell.row != r:
                    continue
                right = edges[c + cell.col_span]
                for para in cell.paragraphs:
                    self.paragraph(para, edges[c] + CELL_MARGIN, right - CELL_MARGIN)
            bottom = max(bottom, self.y)
        self.y = bottom + LINE_HEIGHT

    def _cells(self, grid: _Grid) -> None:
        edges = grid.edges(LEFT - 25, RIGHT + 25)
        tops = []
        for r in range(len(grid.rows)):
            tops.append(self.y)
            tallest = max((len(c.paragraphs) for c in grid.rows[r] if c.row == r), default=1)
            self.y += LINE_HEIGHT * max(1, tallest) + 6
        tops.append(self.y)
        cells = []
        for gc in grid.distinct():
            box = Box(edges[gc.col], tops[gc.row], edges[gc.col + gc.col_span], tops[gc.row + gc.row_span])
            texts = [f"{p.label} {p.text}".strip() for p in gc.paragraphs]
            lines = [t for text in texts for t in text.split("\n") if t]
            step = (box.bottom - box.top) / max(1, len(lines))
            cells.append(Cell(gc.row, gc.col, box, gc.row_span, gc.col_span, lines, 100.0,
                              [box.top + i * step for i in range(len(lines))]))  # fmt: skip
            where = Source(ReadBy.WORD, table=self.table_count, row=gc.row + 1, cell=gc.col + 1)
            self.anchors.append((box, where))
        self.tables.append(
            Table(1, Box(edges[0], tops[0], edges[-1], tops[-1]), len(grid.rows), grid.n_cols, cells, edges)
        )
        self.y += PARAGRAPH_GAP

    def result(self) -> WordLayout:
        words = [w for line in self.lines for w in line.words]
        page = Page(1, PAGE_WIDTH, max(842.0, self.y + 60), words, [], PageSource.WORD)
        page.lines = list(self.lines)
        return WordLayout(page, list(self.lines), self.tables, dict(self.paragraph_of), list(self.anchors))


# --- tables ----------------------------------------------------------------------------------


@dataclass(slots=True)
class _GridCell:
    row: int
    col: int
    col_span: int
    paragraphs: list[WordParagraph]
    row_span: int = 1


@dataclass(slots=True)
class _Grid:
    rows: list[list[_GridCell]]  # per row, the cell covering each grid column
    n_cols: int
    widths: list[float]

    def cell(self, r: int, c: int) -> _GridCell | None:
        row = self.rows[r]
        return row[c] if c < len(row) else None

    def distinct(self) -> list[_GridCell]:
        seen: dict[int, _GridCell] = {}
        for row in self.rows:
            for cell in row:
                seen.setdefault(id(cell), cell)
        return list(seen.values())

    def edges(self, left: float, right: float) -> list[float]:
        total = sum(self.widths) or self.n_cols
        widths = self.widths if sum(self.widths) else [1.0] * self.n_cols
        out = [left]
        for w in widths:
            out.append(out[-1] + (right - left) * w / total)
        return out


def _grid(tbl, parts: Parts) -> _Grid:  # noqa: ANN001
    widths = []
    for col in tbl.findall(f"{W}tblGrid/{W}gridCol"):
        try:
            widths.append(float(col.get(f"{W}w") or 0))
        except ValueError:
            widths.append(0.0)
    rows: list[list[_GridCell]] = []
    above: dict[int, _GridCell] = {}  # grid column -> the cell a vMerge continues
    # A row deleted with changes tracked is not shown.
    shown = [tr for tr in tbl.findall(f"{W}tr") if tr.find(f"{W}trPr/{W}del") is None]
    for r, tr in enumerate(shown):
        row: list[_GridCell] = []
        before = tr.find(f"{W}trPr/{W}gridBefore")
        col = int(before.get(f"{W}val", 0)) if before is not None else 0
        filler = _GridCell(r, 0, col, []) if col else None
        row += [filler] * col if filler else []
        for tc in tr.findall(f"{W}tc"):
            span_el = tc.find(f"{W}tcPr/{W}gridSpan")
            span = max(1, int(span_el.get(f"{W}val", 1))) if span_el is not None else 1
            merge = tc.find(f"{W}tcPr/{W}vMerge")
            continues = merge is not None and merge.get(f"{W}val", "continue") == "continue"
            if continues and col in above:
                cell = above[col]
                cell.row_span = r - cell.row + 1
            else:
                paras = [
                    _paragraph(p, parts) for p in tc.iter(f"{W}p") if not _inside(p, tc, ("txbxContent",))
                ]
                cell = _GridCell(r, col, span, paras)
            for k in range(span):
                above[col + k] = cell
            row += [cell] * span
            col += span
        rows.append(row)
    n_cols = max((len(r) for r in rows), default=0)
    for r, row in enumerate(rows):
        while len(row) < n_cols:
            row.append(_GridCell(r, len(row), 1, []))
    if len(widths) != n_cols:
        widths = [1.0] * n_cols
    return _Grid(rows, n_cols, widths)


_LAYOUT_WORDS = re.compile(
    r"CỘNG HÒA|CỘNG HOÀ|Độc lập|Nơi nhận|Kính gửi|KT\.|TM\.|TL\.|CHỦ TỊCH|GIÁM ĐỐC|Số:", re.I
)


def _is_layout_table(grid: _Grid) -> bool:
    """The header block (issuer and Số on the left, the national motto and the date on the
    right), a "Kính gửi:" set beside its list and the signature block (Nơi nhận on the left, the
    signer on the right) are tables in most Word files: two or three columns holding those
    lines, not a table of tasks."""
    # a column left empty for spacing does not count: only the columns something starts in
    if len({c.col for c in grid.distinct() if any(p.text for p in c.paragraphs)}) > 3 or len(grid.rows) > 6:
        return False
    text = " ".join(p.text for c in grid.distinct() for p in c.paragraphs)
    return bool(_LAYOUT_WORDS.search(text))
