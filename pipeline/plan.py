"""Pages with their lines and tables -> Plan: metadata, sections, table tasks, prose tasks, deadlines."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import metadata as meta
from . import outline
from .agencies import AgencyMatcher, distinct_refs
from .dates import find_deadlines, time_cell
from .layout import Margins, Paragraph, margins, paragraphs
from .model import Deadline, Line, Page, Plan, Table, Task
from .provenance import Anchor, Locator
from .sections import HEADING, section_heading
from .tasktable import ROLE_OF, Col, RowDraft, TableReading, read_tables
from .text import agency_cell_text, fold, items_text, tidy
from .views import page_views

LOW_CONFIDENCE = 70.0


@dataclass(slots=True)
class DocumentLayout:
    """What the stages before the plan found on each page."""

    pages: list[Page]
    lines: list[Line] = field(default_factory=list)  # outside tables, reading order
    tables: list[Table] = field(default_factory=list)
    anchors: list[Anchor] = field(default_factory=list)  # a Word file's paragraphs and cells


def build_plan(layout: DocumentLayout, matcher: AgencyMatcher) -> Plan:
    page_margins = {
        p.number: margins([ln for ln in layout.lines if ln.page == p.number]) for p in layout.pages
    }
    lines = layout.lines
    first_page = layout.pages[0]
    m1 = page_margins[first_page.number]
    type_index = _doc_type_index(lines, m1)
    header = meta.read_header(lines, type_index, m1, first_page.width)
    body_start = type_index + 1 if type_index is not None else _first_body_line(lines)
    if type_index is not None:
        title, body_start = meta.title_lines(lines, body_start, m1)
    else:
        title = header.subject
    closing = _closing_index(lines)
    appendices = _appendix_starts(lines, closing)
    end_of_closing = appendices[0] if appendices else len(lines)
    body = paragraphs(lines[body_start:closing], page_margins)
    addressees, body = _addressees(body)
    bounds = [*appendices, len(lines)]
    parts = [body] + [paragraphs(lines[a:b], page_margins) for a, b in zip(bounds, bounds[1:], strict=False)]
    bases = [b for b in (meta.legal_basis(p) for p in body) if b]
    # The document's own abbreviations and date, for every name read from here on.
    matcher = matcher.for_document(" ".join(ln.text for ln in lines), header.date)
    issuer = _issuer(header, body, matcher)
    year = meta.plan_year(title, header.date)
    locality = meta.locality(issuer, bases)
    recipients, who = _closing(lines[closing:end_of_closing], first_page.width, page_margins)
    plan = Plan(
        metadata=meta.assemble(header, title, issuer, year, who),
        tasks=[],
        legal_bases=bases,
        referenced_documents=meta.referenced_documents(bases),
        recipients=recipients,
        addressees=addressees,
        pages=len(layout.pages),
        ocr_pages=sum(p.source == "ocr" for p in layout.pages),
        page_sources=[p.source.value for p in layout.pages],
        ocr_seconds=sum(p.ocr_seconds for p in layout.pages),
    )
    plan.unsure_fields = list(header.unsure)
    readings = read_tables(layout.tables, year)
    plan.tasks = _tasks(parts, readings, year, matcher, locality)
    plan.views = page_views(layout.pages, layout.tables, readings)
    plan.deadlines = _deadlines(
        [p for part in parts for p in part] + paragraphs(lines[closing:end_of_closing], page_margins), year
    )
    plan.deadlines += [
        Deadline(t.deadline, t.time_text or t.content, t.pages[0] if t.pages else 0)
        for t in plan.tasks
        if t.origin == "table" and t.deadline
    ]
    locate = Locator.of(layout.pages, layout.anchors)
    for task in plan.tasks:
        task.sources = locate.sources(task.cells)
    where = dict(header.where)
    if type_index is not None:
        where["title"] = lines[type_index + 1 : body_start]
    elif "subject" in where:
        where["title"] = where.pop("subject")
    where["signer_title"], where["signer_name"] = _signer_lines(lines[closing:end_of_closing], plan)
    plan.provenance = _field_sources(plan, where, locate)
    return plan


def _signer_lines(closing: list[Line], plan: Plan) -> tuple[list[Line], list[Line]]:
    """The closing's lines that hold the signer's title and name (the signature block)."""
    m = plan.metadata

    def holding(value: str) -> list[Line]:
        key = fold(value)
        return [ln for ln in closing if key and key in fold(ln.text)][-1:]

    return holding(m.signer_title), holding(m.signer_name)


def _field_sources(plan: Plan, where: dict[str, list[Line]], locate: Locator) -> dict:
    """Metadata field -> the place its value was read, for the fields that have a value."""
    values = {name: getattr(plan.metadata, name) for name in where if hasattr(plan.metadata, name)}
    out = {}
    for name, value in values.items():
        found = locate.lines(where[name]) if value else []
        if found:
            out[name] = found[0]
    return out


def _doc_type_index(lines: list[Line], m: Margins) -> int | None:
    for i, line in enumerate(lines[:25]):
        if meta.is_doc_type_line(line, m):
            return i
    return None


def _first_body_line(lines: list[Line]) -> int:
    for i, line in enumerate(lines):
        if line.text.startswith(("Căn cứ", "Kính gửi")) or HEADING.match(line.text):
            return i
    return 0


def _closing_index(lines: list[Line]) -> int:
    for i, line in enumerate(lines):
        if fold(line.text).startswith("noi nhan"):
            return i
    return len(lines)


_UNIT_START = re.compile(
    r"^(SỞ|PHÒNG|BAN|TRUNG TÂM|CÔNG AN|BỘ CHỈ HUY|BAN CHỈ HUY|VĂN PHÒNG|THANH TRA|CHI CỤC|CỤC|KHO BẠC|"
    r"BẢO HIỂM|HỘI ĐỒNG|ĐOÀN|HỘI|LIÊN ĐOÀN|BỆNH VIỆN|TRƯỜNG)\b"
)
_PARENT_BODY = re.compile(r"^(?:ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|UBND|HỘI ĐỒNG NHÂN DÂN|HĐND)\b")
_LEVEL_WORD = r"\b(?:tỉnh|huyện|xã|thành phố|thị xã|thị trấn|phường|quận)\s+[A-ZĐ]"
_PARENT = re.compile(
    r"^(?:UBND|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN)\s+(TỈNH|HUYỆN|THÀNH PHỐ|THỊ XÃ|XÃ|PHƯỜNG|THỊ TRẤN)\s+(.+)$"
)


def _issuer(header: meta.HeaderFacts, body: list[Paragraph], matcher: AgencyMatcher) -> str:
    lines = header.issuer_lines
    if lines:
        # "UBND TỈNH LẠNG SƠN" over "SỞ Y TẾ": the body issues, the parent line gives its place.
        own = next(
            (
                i
                for i in range(1, len(lines))
                if _UNIT_START.match(lines[i])
                or _PARENT.match(" ".join(lines[i:]))
                or _PARENT_BODY.match(lines[i])
            ),
            None,
        )
        parent = _PARENT.match(" ".join(lines[:own])) if own else None
        if own and parent:
            body = matcher.title_case_body(" ".join(lines[own:]))
            if _PARENT.match(" ".join(lines[own:]).upper()) or re.search(_LEVEL_WORD, body):
                return body  # "UBND HUYỆN X / ỦY BAN NHÂN DÂN XÃ Y": the commune names its own place
            place = " ".join(w.capitalize() for w in parent[2].lower().split())
            return f"{body} {parent[1].lower()} {place}"
        return matcher.title_case_body(" ".join(lines))
    # No header block: the preamble names the issuer ("Ủy ban nhân dân huyện X xây dựng kế hoạch").
    for p in body[:6]:
        found = matcher.find_in_text(p.text)
        if found and not p.text.startswith("Căn cứ"):
            return found[0].name
    return ""


def _addressees(body: list[Paragraph]) -> tuple[list[str], list[Paragraph]]:
    """A Công văn's "Kính gửi: - A; - B." as a list, and the body without those lines."""
    for i, p in enumerate(body[:6]):
        if not p.text.startswith("Kính gửi"):
            continue
        first = re.sub(r"^Kính gửi\s*:?\s*", "", p.text)
        items = [first] if first else []
        j = i + 1
        while j < len(body) and body[j].text.startswith(("-", "+", "•")):
            items.append(body[j].text)
            j += 1
        names = [re.sub(r"^[-+•]\s*", "", t).rstrip(";.,").strip() for t in items]
        return [n for n in names if n], body[:i] + body[j:]
    return [], body


_ATTACHED = ("ke hoach", "chuong trinh", "de an", "quy che", "quy dinh")


def _appendix_starts(lines: list[Line], after: int) -> list[int]:
    """Where each part after the signature begins: a Phụ lục, or the plan a Quyết định issues
    ("Điều 1. Ban hành kèm theo Quyết định này Kế hoạch …", then the plan under its own
    "KẾ HOẠCH" heading)."""
    out = []
    for i in range(after, len(lines)):
        text = tidy(lines[i].text)
        if text.upper() != text:
            continue
        folded = fold(text)
        if folded.startswith("phu luc") or folded in _ATTACHED:
            out.append(i)
    return out


# A Phụ lục that is a form or an outline to be filled in (a report's Đề cương, a Mẫu, a Biểu)
# lists headings to write under, not work.
_FORM_PART = re.compile(r"^(?:de cuong|mau|bieu mau|bieu so|bieu)\b")


def _is_form(paras: list[Paragraph]) -> bool:
    return any(_FORM_PART.match(fold(p.text)) for p in paras[:4])


def _closing(
    lines: list[Line], page_width: float, pm: dict[int, Margins]
) -> tuple[list[str], tuple[str, str]]:
    """Recipients (left column, after "Nơi nhận:") and the signer block (right column)."""
    if not lines:
        return [], ("", "")
    recipients: list[str] = []
    right: list[str] = []
    in_list = True
    for line in lines[1:]:
        text = tidy(line.text)
        if line.box.x0 >= page_width * 0.45:
            right.append(text)
            continue
        if not in_list:
            continue
        if text.startswith(("-", "+", "•")):
            recipients.append(text.lstrip("-+• "))
        elif recipients and line.box.x1 < page_width * 0.5:
            recipients[-1] = f"{recipients[-1]} {text}"
        else:
            in_list = False  # a footnote or other full-width text ends the list
    recipients = [r.rstrip(";.,").strip() for r in recipients]
    return recipients, meta.signer(right)


def _tasks(
    parts: list[list[Paragraph]],
    readings: list[TableReading],
    year: int | None,
    matcher: AgencyMatcher,
    locality: dict[str, str],
) -> list[Task]:
    """Tasks in document order: a table's rows where it stands, lists and prose in their sections.

    parts: the body, then each appendix (Phụ lục), whose headings start afresh.
    """
    pending = [(_reading_start(r), r) for r in readings if r.rows]
    tasks: list[Task] = []
    section, number, buffer = "", 0, []

    def flush() -> None:
        nonlocal buffer
        tasks.extend(_section_tasks(buffer, section, year, matcher, locality))
        buffer = []

    for index, paras in enumerate(parts):
        if index:
            flush()
            section, number = "", 0
            if _is_form(paras):
                continue
        for p in paras:
            pos = (p.lines[0].page, p.lines[0].box.top)
            while pending and pending[0][0] <= pos:
                flush()
                tasks += [
                    _table_task(row, section, year, matcher, locality) for row in pending.pop(0)[1].rows
                ]
            heading = section_heading(p.text, number)
            if heading:
                flush()
                number, section = heading
            else:
                buffer.append(p)
    flush()
    for _, reading in pending:
        tasks += [_table_task(row, section, year, matcher, locality) for row in reading.rows]
    _prefix_repeated_numbers(tasks)
    for i, t in enumerate(tasks, 1):
        t.seq = i
    return tasks


def _reading_start(reading: TableReading) -> tuple[int, float]:
    page, box = reading.rows[0].boxes[0]
    return page, box.top


def _section_tasks(
    paras: list[Paragraph], section: str, year: int | None, matcher: AgencyMatcher, locality: dict[str, str]
) -> list[Task]:
    tasks = outline.tasks_of(paras, section, year, matcher, locality) if paras else []
    for task in tasks:
        _review(task)  # the same reasons as a table row's: low confidence, unknown agencies
    return tasks


def _prefix_repeated_numbers(tasks: list[Task]) -> None:
    """Item numbers that start again in each section ("1." under II and under III), and table
    rows numbered again under each group row, are told apart by the numeral of the section or
    group: "II.1.a", "III.1", "VII.2"."""
    for origin, scope in (("text", "section"), ("table", "group")):
        firsts: dict[str, set[str]] = {}
        for t in tasks:
            if t.origin == origin and t.task_no and getattr(t, scope):
                firsts.setdefault(t.task_no.split(".")[0], set()).add(getattr(t, scope))
        if not any(len(s) > 1 for s in firsts.values()):
            continue
        for t in tasks:
            numeral = re.match(r"^([IVX]+)\.", getattr(t, scope))
            if t.origin == origin and t.task_no and numeral and not t.task_no.startswith(f"{numeral[1]}."):
                t.task_no = f"{numeral[1]}.{t.task_no}"


def _table_task(
    row: RowDraft, section: str, year: int | None, matcher: AgencyMatcher, loc: dict[str, str]
) -> Task:
    agencies = []
    raw_parts = []
    for col, role in ROLE_OF.items():
        cell_lines = row.lines.get(col, [])
        if cell_lines:
            raw_parts.append(" ".join(cell_lines))
            agencies += matcher.parse_cell(agency_cell_text(cell_lines), role, loc)
    time_text = " ".join(row.lines.get(Col.TIME, []))
    deadline, time_period = time_cell(time_text, year)
    period = row.period or time_period
    task = Task(
        seq=0,
        task_no=row.number,
        origin="table",
        section=section,
        content=items_text(row.lines.get(Col.CONTENT, [])),
        period=period.label if period else "",
        period_start=period.start if period else None,
        period_end=period.end if period else None,
        group=row.group,
        agencies=distinct_refs(agencies),
        agencies_raw=" ".join(raw_parts),
        time_text=time_text,
        deadline=deadline,
        pages=row.pages,
        confidence=round(sum(row.confs) / len(row.confs), 1) if row.confs else 100.0,
        cells=list(row.boxes),
    )
    extra = {Col.PRODUCT: "product", Col.NOTE: "note"}
    for col, name in extra.items():
        if row.lines.get(col):
            task.extra[name] = " ".join(row.lines[col])
    for name, ls in row.other.items():
        if ls:
            task.extra[name] = " ".join(ls)
    if row.continued:
        task.review_reasons.append("merged across a page break")
    task.review_reasons += row.review
    _review(task)
    return task


def _review(task: Task) -> None:
    if task.confidence < LOW_CONFIDENCE:
        task.review_reasons.append(f"low OCR confidence ({task.confidence:.0f})")
    if not task.content:
        task.review_reasons.append("no content")
    if task.origin == "table" and not task.agencies:
        task.review_reasons.append("no agency")
    unknown = [a.raw for a in task.agencies if not a.known]
    if unknown:
        task.review_reasons.append("unknown agency: " + "; ".join(unknown))
    task.needs_review = any(not r.startswith("merged") for r in task.review_reasons)


def _deadlines(paras: list[Paragraph], year: int | None) -> list[Deadline]:
    out: list[Deadline] = []
    for p in paras:
        for sentence in re.split(r"(?<=\.)\s+(?=[A-ZĐ])", p.text):
            for due in find_deadlines(sentence, year):
                out.append(Deadline(due.date, sentence.strip(), p.pages[0]))
    return out
