"""Pages with their lines and tables -> Plan: metadata, sections, table tasks, prose tasks, deadlines."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.agencies.matcher import AgencyMatcher, distinct_refs
from pipeline.layout.lines import Margins, Paragraph, join_lines, margins, paragraphs
from pipeline.model import MERGED_ACROSS_PAGES, Deadline, Line, Page, Plan, Table, Task
from pipeline.structure import metadata as meta
from pipeline.structure import outline
from pipeline.structure.provenance import Anchor, Locator
from pipeline.structure.sections import HEADING, section_heading
from pipeline.structure.tasktable import ROLE_OF, Col, RowDraft, TableReading, read_tables
from pipeline.structure.views import page_views
from pipeline.vietnamese.dates import find_deadlines, time_cell
from pipeline.vietnamese.text import BULLETS, agency_cell_text, fold, items_text, strip_bullet, tidy

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
    header.place = _place(header.place, matcher)
    year = meta.plan_year(title, header.date)
    locality = meta.locality(issuer, bases)
    closing_lines = lines[closing:end_of_closing]
    if closing_lines:
        recipients, who = _closing(closing_lines, first_page.width, page_margins)
    else:  # no "Nơi nhận:" (or OCR lost it): the signature is the right column of the last lines
        attached = _appendix_starts(lines, body_start)  # before any Phụ lục
        closing_lines = _signature_tail(lines[: attached[0] if attached else len(lines)], first_page.width)
        recipients, who = [], meta.signer(_signature_texts(closing_lines))
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
    kind = _law_kind(lines[: type_index if type_index is not None else body_start]) or header.doc_type
    plan.tasks = _tasks(parts, readings, year, matcher, locality, kind, addressees)
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
    where["signer_title"], where["signer_name"] = _signer_lines(closing_lines, plan)
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


# "Nơi nhận:" heads the recipients beside the signature; "Nơi nhận hồ sơ: …" in the body does not.
_RECIPIENTS_HEAD = re.compile(r"^N[ơo]i\s+nh[ậa]n\s*(?:[:;.]|$|(?=[^a-zà-ỹđ]*$))", re.IGNORECASE)


def _closing_index(lines: list[Line]) -> int:
    """Where the closing (recipients and signature) starts: the "Nơi nhận:" line."""
    for i, line in enumerate(lines):
        if _RECIPIENTS_HEAD.match(tidy(line.text)):
            return i
    return len(lines)


_BODY_LINE = re.compile(
    r"^(?:ỦY BAN|UỶ BAN|UBND|HỘI ĐỒNG|HĐND|BỘ|SỞ|PHÒNG|BAN|TIỂU BAN|TRUNG TÂM|CÔNG AN|BỘ CHỈ HUY|"
    r"VĂN PHÒNG|THANH TRA|TỔNG CỤC|CHI CỤC|CỤC|VỤ|KHO BẠC|BẢO HIỂM|ĐOÀN|HỘI|LIÊN ĐOÀN|BỆNH VIỆN|"
    r"TRƯỜNG|HỌC VIỆN|VIỆN|ĐÀI|ĐẢNG ỦY|ĐẢNG UỶ|TỈNH ỦY|TỈNH UỶ|HUYỆN ỦY|HUYỆN UỶ)\b"
)
# Parts of a body that exist only inside it: named with the whole of the body above them
# ("UBND TỈNH X" / "VĂN PHÒNG" -> "Văn phòng Ủy ban nhân dân tỉnh X").
_PART_OF_BODY = re.compile(r"^(?:VĂN PHÒNG|BAN THƯỜNG TRỰC|BAN THƯỜNG VỤ|THƯỜNG TRỰC|TIỂU BAN)\b")
# Nghị định 30/2020, Phụ lục II: "Thành phố Hồ Chí Minh" keeps its capital in any name.
_CITY_CAPITAL = re.compile(r"\bthành phố Hồ Chí Minh\b")


def _issuer(header: meta.HeaderFacts, body: list[Paragraph], matcher: AgencyMatcher) -> str:
    if header.issuer_lines:
        return _CITY_CAPITAL.sub("Thành phố Hồ Chí Minh", _issuing_body(header.issuer_lines, matcher))
    # No header block: the preamble names the issuer ("Ủy ban nhân dân huyện X xây dựng kế hoạch").
    for p in body[:6]:
        found = matcher.find_in_text(p.text)
        if found and not p.text.startswith("Căn cứ"):
            return found[0].name
    return ""


_PLACE_LEVELS = {fold(w): w for w in meta.LEVELS.removeprefix("(?:").removesuffix(")").split("|")}


def _place(place: str, matcher: AgencyMatcher) -> str:
    """The date line's place as the places list spells it ("Thành phó Hỗ Chí Minh" -> "Thành phố
    Hồ Chí Minh"); as printed when it names no unit, or several."""
    words = place.split()
    for n in (2, 1):
        level = _PLACE_LEVELS.get(fold(" ".join(words[:n])))
        if level and len(words) > n:
            if words[0][:1].isupper():
                level = level[:1].upper() + level[1:]
            return f"{level} {matcher.places.spelled(' '.join(words[n:]), level.lower())}"
    return matcher.places.spelled(place, "tỉnh")


def _issuing_body(lines: list[str], matcher: AgencyMatcher) -> str:
    """The issuing body of a header block: the last body named. A body of a local government
    takes its place ("UBND TỈNH LẠNG SƠN" / "SỞ Y TẾ" -> "Sở Y tế tỉnh Lạng Sơn"), a part of one
    its whole name ("… / VĂN PHÒNG" -> "Văn phòng Ủy ban nhân dân tỉnh Lạng Sơn"), a name ending
    in its level the place of the body above ("SỞ Y TẾ LẠNG SƠN" / "BỆNH VIỆN ĐA KHOA TỈNH");
    a body under a ministry or a Sở ("BỘ CÔNG THƯƠNG" / "TRƯỜNG ĐẠI HỌC …") is named alone."""
    bodies: list[str] = []
    for line in lines:
        if bodies and (not _BODY_LINE.match(line) or bodies[-1].endswith((",", "-"))):
            bodies[-1] = f"{bodies[-1]} {line}"
        else:
            bodies.append(line)
    name, place = _body_name(bodies[-1], matcher)
    if len(bodies) == 1 or place:
        return name
    parent, parent_place = _body_name(bodies[-2], matcher)
    if _PART_OF_BODY.match(bodies[-1]):
        return f"{name} {parent}"
    level = re.search(rf"\s{meta.LEVELS}$", name)
    if level and parent_place.startswith(level[0].strip() + " "):
        return f"{name[: level.start()]} {parent_place}"
    if parent_place and not level and parent.endswith(parent_place):
        return f"{name} {parent_place}"
    return name


def _body_name(upper: str, matcher: AgencyMatcher) -> tuple[str, str]:
    """(the name in its own case, the place it names or ""), from a header's capitals."""
    found = matcher.match(upper)
    if found.known and not found.generic:
        return found.canonical, found.place
    text = matcher.abbreviations.plain(upper)
    return meta.body_case(text) or matcher.title_case_body(text), meta.place_of(text)


def _addressees(body: list[Paragraph]) -> tuple[list[str], list[Paragraph]]:
    """A Công văn's "Kính gửi: - A; - B." as a list, and the body without those lines."""
    for i, p in enumerate(body[:6]):
        if not p.text.startswith("Kính gửi"):
            continue
        first = re.sub(r"^Kính gửi\s*:?\s*", "", p.text)
        items = [first] if first else []
        j = i + 1
        while j < len(body):
            if body[j].text[:1] in BULLETS:
                items.append(body[j].text)
            elif items and _continues_addressee(items[-1], body[j - 1], body[j], body[j + 1 : j + 2]):
                items[-1] = join_lines([items[-1], body[j].text])
            else:
                break
            j += 1
        names = [strip_bullet(t).rstrip(";.,").strip() for t in items]
        return [n for n in names if n], body[:i] + body[j:]
    return [], body


def _continues_addressee(item: str, before: Paragraph, para: Paragraph, after: list[Paragraph]) -> bool:
    """A name wrapped onto a line of its own ("- Các Bộ, ngành thành viên Ủy ban Quốc gia phòng,
    chống" / "AIDS, ma túy, mại dâm;"): the item before has no closing mark yet, the line stands
    under it (not out at the body's indent) and closes the item, or the next item follows it."""
    if re.search(r"[;.]$", item) or len(para.lines) != 1:
        return False
    first = before.lines[0].box
    under = para.lines[0].box.x0 >= first.x0 - first.height  # a centred list wraps a little left
    closes = bool(re.search(r"[;.]$", para.text)) or bool(after and after[0].text[:1] in BULLETS)
    return under and closes


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


SIGNATURE_TAIL = 30  # lines at the end of a document without "Nơi nhận:" (the recipients may be most)


def _signature_tail(lines: list[Line], page_width: float) -> list[Line]:
    last = [ln for ln in lines[-SIGNATURE_TAIL:] if ln.page == lines[-1].page] if lines else []
    return [ln for ln in last if ln.box.x0 >= page_width * 0.45]


CLOSING_LINES_OVER = 8  # the recipients' last items and the name can run onto the next page


def _signature_texts(lines: list[Line]) -> list[str]:
    """The signature block's rows, top to bottom: a row parted at a gap the signature left in it
    is put back together ("Đặng" … "Văn Minh"), two rows run together are parted."""
    texts: list[str] = []
    before: Line | None = None
    for line in lines:
        if (
            before is not None
            and before.page == line.page
            and abs(before.box.top - line.box.top) < before.box.height / 2
            and line.box.x0 > before.box.x1
        ):
            texts[-1] = f"{texts[-1]} {tidy(line.text)}"
        else:
            texts += _signature_rows(line)
        before = line
    return texts


def _signature_rows(line: Line) -> list[str]:
    """A signature block's line as its printed rows. Under a seal or a signature OCR may run
    two rows of the block into one line, their words interleaved ("CHANH TL. CHỦ VAN TỊCH
    PHONG" for "TL. CHỦ TỊCH" over "CHÁNH VĂN PHÒNG"): the words are parted where their
    middles step down by most of a row. A mark much smaller than a letter, or one across both
    rows, is the seal's or the pen's and is left out then; a tall word (a letter with a stroke
    of the seal on it) goes with the row it stands in."""
    words = line.words
    if len(words) < 4:
        return [tidy(line.text)]
    height = sorted(w.box.height for w in words)[len(words) // 2]
    letters = [w for w in words if 0.5 * height <= w.box.height <= 1.5 * height]
    letters.sort(key=lambda w: w.box.cy)
    steps = [(b.box.cy - a.box.cy, i) for i, (a, b) in enumerate(zip(letters, letters[1:], strict=False), 1)]
    step, at = max(steps, default=(0.0, 0))
    if step < 0.8 * height:
        return [tidy(line.text)]
    upper, lower = letters[:at], letters[at:]
    centre_up = sum(w.box.cy for w in upper) / len(upper)
    centre_low = sum(w.box.cy for w in lower) / len(lower)
    for w in words:
        if w.box.height <= 1.5 * height:  # a letter, in its row already, or a speck
            continue
        if not (w.box.top < centre_up and w.box.bottom > centre_low):  # not across both rows
            (upper if abs(w.box.cy - centre_up) < abs(w.box.cy - centre_low) else lower).append(w)
    return [tidy(" ".join(w.text for w in sorted(row, key=lambda w: w.box.x0))) for row in (upper, lower)]


def _closing(
    lines: list[Line], page_width: float, pm: dict[int, Margins]
) -> tuple[list[str], tuple[str, str]]:
    """Recipients (left column, after "Nơi nhận:") and the signer block (right column)."""
    if not lines:
        return [], ("", "")
    recipients: list[str] = []
    right: list[Line] = []
    in_list = True
    after_note = False

    # The closing stands on the page of "Nơi nhận:", its end perhaps at the top of the next one;
    # pages after it hold attachments (a form, a process chart), not the signature.
    page = lines[0].page
    next_page = [ln for ln in lines if ln.page == page + 1][:CLOSING_LINES_OVER]
    for line in [ln for ln in lines[1:] if ln.page == page] + next_page:
        text = tidy(line.text)
        if line.box.x0 >= page_width * 0.45:
            right.append(line)
            continue
        if not in_list:
            # the name under the signature, where a Word file puts it in a paragraph of its own;
            # under a footnote's full-width lines a name-like phrase is the note's ("… Bảo Lộc.")
            if meta.looks_like_name(text) and not after_note:
                right.append(line)
            after_note = after_note or line.box.x1 >= page_width * 0.5
            continue
        if text[:1] in BULLETS:
            recipients.append(strip_bullet(text))
            in_list = not fold(strip_bullet(text)).startswith("luu")  # "- Lưu: VT" ends the list
        elif recipients and line.box.x1 < page_width * 0.5:
            recipients[-1] = f"{recipients[-1]} {text}"
        else:
            in_list = False  # a footnote or other full-width text ends the list
            after_note = line.box.x1 >= page_width * 0.5
    recipients = [r.rstrip(";.,").strip() for r in recipients]
    return recipients, meta.signer(_signature_texts(right))


def _tasks(
    parts: list[list[Paragraph]],
    readings: list[TableReading],
    year: int | None,
    matcher: AgencyMatcher,
    locality: dict[str, str],
    kind: str = "",
    addressees: list[str] | None = None,
) -> list[Task]:
    """Tasks in document order: a table's rows where it stands, lists and prose in their sections.

    parts: the body, then each appendix (Phụ lục), whose headings start afresh; kind: the
    document's kind, whose rules of law (a Thông tư's) are not tasks; addressees: a letter's
    "Kính gửi:" bodies. An appendix is a text of its own kind (a Kế hoạch attached to a Quyết
    định), so the kind and the addressees hold for the body only.
    """
    pending = [(_reading_start(r), r) for r in readings if r.rows and _names_actors(r)]
    tasks: list[Task] = []
    section, number, buffer = "", 0, []

    def flush() -> None:
        nonlocal buffer
        tasks.extend(_section_tasks(buffer, section, year, matcher, locality, kind if in_body else "",
                                    addressees if in_body else None))  # fmt: skip
        buffer = []

    in_body = True
    for index, paras in enumerate(parts):
        if index:
            flush()
            in_body = False
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


# A legal normative document's kind, as its header prints it ("THÔNG TƯ LIÊN TỊCH", "NGHỊ ĐỊNH")
# or as its number's symbol says ("Số: 01/2016/TTLT-TANDTC-…", "…/2020/NĐ-CP", "…/TT-BTC").
_LAW_TITLE = {"THÔNG TƯ": "Thông tư", "THÔNG TƯ LIÊN TỊCH": "Thông tư liên tịch", "NGHỊ ĐỊNH": "Nghị định",
              "LUẬT": "Luật"}  # fmt: skip
_LAW_SYMBOL = re.compile(r"\d{4}\s*/\s*(?:(TTLT|TT|NĐ)-|QH\d)")
_SYMBOL_KIND = {"TTLT": "Thông tư liên tịch", "TT": "Thông tư", "NĐ": "Nghị định"}


def _law_kind(header: list[Line]) -> str:
    """ "Thông tư", "Thông tư liên tịch", "Nghị định" or "Luật" from the header; "" for others."""
    for line in header[:30]:
        text = " ".join(line.text.split()).strip(" .")
        if text in _LAW_TITLE:
            return _LAW_TITLE[text]
        if m := _LAW_SYMBOL.search(line.text):
            return _SYMBOL_KIND.get(m[1], "Luật")
    return ""


def _names_actors(reading: TableReading) -> bool:
    """A task table has a column for who acts (chủ trì, phối hợp, thực hiện); a table with none
    (a timetable: Thời gian | Khoa | Nội dung học) says when and what, not who must do it."""
    return any(col in row.lines for row in reading.rows for col in ROLE_OF)


def _reading_start(reading: TableReading) -> tuple[int, float]:
    page, box = reading.rows[0].boxes[0]
    return page, box.top


def _section_tasks(
    paras: list[Paragraph], section: str, year: int | None, matcher: AgencyMatcher, locality: dict[str, str],
    kind: str, addressees: list[str] | None,
) -> list[Task]:  # fmt: skip
    tasks = outline.tasks_of(paras, section, year, matcher, locality, kind, addressees) if paras else []
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
        task.review_reasons.append(MERGED_ACROSS_PAGES)
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
    task.needs_review = any(r != MERGED_ACROSS_PAGES for r in task.review_reasons)


def _deadlines(paras: list[Paragraph], year: int | None) -> list[Deadline]:
    out: list[Deadline] = []
    for p in paras:
        for sentence in re.split(r"(?<=\.)\s+(?=[A-ZĐ])", p.text):
            for due in find_deadlines(sentence, year):
                out.append(Deadline(due.date, sentence.strip(), p.pages[0]))
    return out
