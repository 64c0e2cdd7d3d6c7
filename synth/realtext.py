"""Real plans' published text, typeset: data/real-text/ (docs: data/real-text/README.md).

A transcription (`text/<name>.txt`, the markup `synth/reference.py` reads, plus a `<phụ lục>`
line before each Phụ lục printed after the signature) and its sidecar (`text/<name>.json`:
issuer lines, each table's column roles, widths and header spans, how each printed agency name
reads canonically, provenance) become a PlanSpec; each rendering of it gets a truth in the
format of `data/real/truth/*.json`, computed by `synth.truth` from the spec and the
typesetter's layout, so wording and truth cannot drift.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
import shutil
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from PIL import Image

from synth.overlay import read_words
from synth.reference import _table_line, parse_reference
from synth.scan import _FIXED_DATE
from synth.scanner import Variant, scan_pages, write_scan
from synth.spec import (
    Appendix,
    GroupRow,
    Layout,
    PageBreak,
    PageStyle,
    PeriodRow,
    PlanSpec,
    Table,
    TableRow,
    keyed_blocks,
)
from synth.truth import build_truth
from synth.typeset import typeset_with_layout
from synth.typeset_docx import write_docx

APPENDIX_MARK = "<phụ lục>"
_PERIOD = re.compile(r"^(QUÝ|THÁNG|6 THÁNG)\b")
_GROUP_NO = re.compile(r"^([IVXL]+|\d+)\.\s")
_BOLD = re.compile(r"^\*\*([^*]+)\*\*$")
_PERIOD_CELL = re.compile(r"^(Quý (?:I|II|III|IV)|Tháng \d{1,2})(?:/\d{4})?$")


@dataclass(frozen=True)
class Rendering:
    """One file made of a plan: how its table is laid out and how the file is made."""

    suffix: str
    kind: str = "digital"  # digital | scan | bilevel | word
    landscape: bool = False
    repeat_header: bool = True
    dpi: int = 300
    # False: the page breaks of the transcription (the original's) are dropped and the rows they
    # cut are joined again, so the table flows on pages of its own size
    original_breaks: bool = True

    @property
    def ext(self) -> str:
        return ".docx" if self.kind == "word" else ".pdf"

    def describe(self) -> str:
        page = "landscape" if self.landscape else "portrait"
        header = "header repeated" if self.repeat_header else "header printed once"
        made = {"digital": "text layer", "scan": f"{self.dpi}-dpi grey scan",
                "bilevel": f"{self.dpi}-dpi 1-bit scan", "word": "Word file"}[self.kind]
        breaks = "the original's page breaks" if self.original_breaks else "free page breaks"
        return f"{made}, {page}, {header}, {breaks}"


RENDERINGS = (
    Rendering("text"),
    Rendering("once", repeat_header=False, original_breaks=False),
    Rendering("landscape", landscape=True, original_breaks=False),
    Rendering("scan300", kind="scan"),
    Rendering("scan1bit", kind="bilevel"),
    Rendering("docx", kind="word"),
)


def load(txt: Path) -> tuple[PlanSpec, dict]:
    """The plan of a transcription and its sidecar."""
    meta = json.loads(txt.with_suffix(".json").read_text(encoding="utf-8"))
    main, *appendices = txt.read_text(encoding="utf-8").split(APPENDIX_MARK)
    with tempfile.TemporaryDirectory(prefix="realtext-") as tmp:
        body = Path(tmp) / txt.name  # parse_reference reads a file: the part before the Phụ lục
        body.write_text(main, encoding="utf-8")
        spec = parse_reference(body, issuer=meta["issuer"], name=txt.stem,
                               style=PageStyle(**meta.get("style", {})))
    spec.appendices = [_appendix(a) for a in appendices if a.strip()]
    tables = [b for _, _, b in keyed_blocks(spec) if isinstance(b, Table)]
    for table, shape in zip(tables, meta["tables"], strict=True):
        table.roles, table.widths = shape["roles"], shape["widths"]
        table.spans = [tuple(s) for s in shape.get("spans", [])]
        table.rows = [_grouped(r) for r in table.rows]
    return spec, meta


def _appendix(text: str) -> Appendix:
    title: list[str] = []
    note = ""
    table: Table | None = None
    for raw in text.splitlines():
        line = raw.rstrip(" \r")
        if "\t" in line:
            table = _table_line(line, table)
        elif bold := _BOLD.match(line.strip()):
            title.append(bold.group(1).strip())
        elif line.strip().startswith("("):
            note = line.strip()
    return Appendix(title=title, note=note, body=[table] if table else [])


def _grouped(row: object) -> object:
    """A merged row naming a group of tasks ("I. Hoàn thiện …") is not a period ("QUÝ I")."""
    if isinstance(row, PeriodRow) and not _PERIOD.match(row.text):
        return GroupRow(row.text)
    return row


def styled(spec: PlanSpec, r: Rendering) -> PlanSpec:
    """The plan as this rendering prints it (a copy: the renderings share one transcription)."""
    out = copy.deepcopy(spec)
    out.style = replace(out.style, landscape=r.landscape)
    out.name = f"{spec.name}-{r.suffix}"
    for _, _, block in keyed_blocks(out):
        if isinstance(block, Table):
            block.repeat_header = r.repeat_header
            if not r.original_breaks:
                block.rows = _reflowed(block.rows)
    return out


def _reflowed(rows: list) -> list:
    out: list = []
    for row in rows:
        if isinstance(row, PageBreak):
            continue
        if isinstance(row, TableRow) and row.continued and out and isinstance(out[-1], TableRow):
            prev = out[-1]
            cells = [_glued(a, b) for a, b in zip(prev.cells, row.cells, strict=True)]
            out[-1] = replace(prev, cells=cells)
        else:
            out.append(row)
    return out


def _glued(first: str | None, rest: str | None) -> str | None:
    """A carried-over part starting a new "- " item is a new line, else the same line."""
    if not first or not rest:
        return first or rest
    return first + ("\n" if rest.startswith("- ") else " ") + rest


# --- the truth --------------------------------------------------------------------------------


def _agency_reader(names: dict[str, list[str]]):  # noqa: ANN202
    def cell_agencies(cell: str) -> list[str]:
        out: list[str] = []
        for item in (n for line in cell.split("\n") for n in line.split("; ")):
            key = item.strip().removeprefix("- ").rstrip(";.,").strip()
            if key:
                out += names[key]  # a name missing from the sidecar is an error, not a guess
        return out

    return cell_agencies


def _same_kind(number: str, group: str) -> bool:
    """A row numbered like the group rows ("3" after group "2", "III" after "II") is not
    under the group above it but beside it (Nghị định 30's order: I, 1, a)."""
    return bool(number) and (number.isdigit() == group.isdigit()) and (
        number.isdigit() or bool(re.fullmatch(r"[IVXL]+", number)))


def _group_numbers(spec: PlanSpec) -> list[list[str]]:
    """For each table, the group numeral ("I", "1") each of its tasks stands under, in print
    order."""
    out: list[list[str]] = []
    for _, _, block in keyed_blocks(spec):
        if not isinstance(block, Table):
            continue
        no = (block.roles or []).index("no") if "no" in (block.roles or []) else None
        group, groups = "", []
        for row in block.rows:
            if isinstance(row, GroupRow) and (m := _GROUP_NO.match(row.text)):
                group = m.group(1)
            elif isinstance(row, TableRow) and not row.continued:
                number = _bare_number(row.cells[no] or "") if no is not None else ""
                if group and _same_kind(number, group):
                    group = ""
                groups.append(group)
        out.append(groups)
    return out


def _bare_number(printed: str) -> str:
    """ "a)" -> "a", "1." -> "1": a task number without its list punctuation (TASKS.md "2.a")."""
    return printed.strip().rstrip(".)")


def _number_by_group(table_tasks: list[dict], spec: PlanSpec) -> None:
    """Rows whose STT restarts in each group row take the group's numeral ("I.1", "1.a"), as
    docs/annotation-guide.md says; a table numbered straight through keeps its numbers."""
    for t in table_tasks:
        t["task_no"] = _bare_number(t["task_no"])
    start = 0
    for groups in _group_numbers(spec):
        tasks = table_tasks[start:start + len(groups)]
        start += len(groups)
        numbers = [t["task_no"] for t in tasks]
        if any(groups) and len(set(numbers)) < len(numbers):
            for t, g in zip(tasks, groups, strict=True):
                t["task_no"] = f"{g}.{t['task_no']}" if g and t["task_no"] else t["task_no"]


def truth(spec: PlanSpec, layout: Layout, meta: dict, source: str, sha256: str,
          word: bool) -> dict:
    # A real plan's names are read through its sidecar, not the generator's vocabulary.
    made = build_truth(spec, layout, _agency_reader(meta["agencies"]))
    roles = {r for _, _, b in keyed_blocks(spec) if isinstance(b, Table) for r in b.roles or []}
    split = bool(roles & {"lead", "partner"})
    _number_by_group([t for t in made["tasks"] if t["origin"] == "table"], spec)
    tasks = [_task(t, split and t["origin"] == "table", word) for t in made["tasks"]]
    meta_out = {k: v for k, v in made["metadata"].items() if k != "plan_year"}
    # Where the typesetter's reading of the header is not the spec's (a ministry's name is not
    # "Body + place"; a post it does not know), the sidecar writes the field by hand.
    meta_out.update(meta.get("metadata", {}))
    return {
        "source": source,
        "provenance": f"typeset from the published text ({meta['source']}); not a real file",
        "sha256": sha256,
        "notes": f"Real text, typeset (data/real-text/README.md). Crawl damage fixed: "
                 f"{meta['damage']}. Tests: {meta['tests']}.",
        "metadata": meta_out,
        "recipients": [],  # a plan has no "Kính gửi"; its Nơi nhận list is not scored
        "deadlines": made["deadlines"],
        "tasks": tasks,
        "agency_variants": sorted(
            [printed, canon, canon.startswith("Các ")]
            for printed, canons in meta["agencies"].items() for canon in canons),
    }


def _task(t: dict, split: bool, word: bool) -> dict:
    return {
        "task_no": t["task_no"], "origin": t["origin"], "content": t["content"],
        "lead_agencies": t["lead_agencies"] or [] if split else [],
        "partner_agencies": t["partner_agencies"] or [] if split else [],
        "agencies": None if split else t["agencies"],
        "lead_raw": None, "partner_raw": None,
        "time_text": t["time_text"] or None, "deadline": t["deadline"],
        "pages": None if word else t["pages"], "period": t["period"] or _period_of_cell(t),
    }


def _period_of_cell(t: dict) -> str | None:
    """No group row: the period a time cell names ("Quý II/2023" -> "Quý II", "Tháng 3" ->
    "Tháng 3"), as TASKS.md allows; a year or a range of years names none."""
    m = _PERIOD_CELL.match(t["time_text"] or "")
    return m.group(1) if m else None


# --- the files --------------------------------------------------------------------------------


def render(spec: PlanSpec, r: Rendering, out: Path, work: Path, seed: int) -> Layout:
    """Write one rendering of the plan to `out`; returns the layout of its printed pages."""
    out.parent.mkdir(parents=True, exist_ok=True)
    clean = work / f"{spec.name}.typeset.pdf"  # the typesetter's own page, never `out` itself
    layout = typeset_with_layout(spec, clean)
    if r.kind == "word":
        write_docx(spec, out)
    elif r.kind == "digital":
        shutil.copyfile(clean, out)
    else:
        v = Variant("scan", dpi=r.dpi, skew=0.5 if r.kind == "scan" else -0.3, quality=70)
        ring = " ".join(spec.header.issuer[spec.header.plain_issuer_lines:])
        pages = scan_pages(clean, v, read_words(clean), spec.closing.signer.name, ring, seed)
        if r.kind == "scan":
            write_scan(pages, out, v)
        else:
            _write_bilevel(pages, out, r.dpi)
    return layout


def _write_bilevel(pages: list[Image.Image], out: Path, dpi: int) -> None:
    """A fax-like 1-bit scan: every pixel black or white, as offices' old scanners store them."""
    bits = [p.convert("L").point(lambda v: 255 if v > 150 else 0).convert("1") for p in pages]
    bits[0].save(out, "PDF", save_all=True, append_images=bits[1:], resolution=float(dpi),
                 title=out.stem, creationDate=_FIXED_DATE, modDate=_FIXED_DATE)


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
