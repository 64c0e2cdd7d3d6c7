"""The expected extraction of a typeset spec, computed from the spec and the typesetter's layout.

Same shape as tests/golden/*.expected.json. Nothing here reads the PDF: what was printed is
known from the spec (table cells, listed tasks, duties, time facts), where it landed from the
layout, so the text and its truth cannot drift apart.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from synth.spec import (
    Duties,
    Header,
    Heading,
    Layout,
    ListTask,
    Paragraph,
    PeriodRow,
    PlanSpec,
    Table,
    TableRow,
    When,
    keyed_blocks,
    plain,
)
from synth.typeset_lists import LETTERS, agency_list
from synth.vocab import CANON, TITLES, UNITS

ROMAN_Q = {"I": 1, "II": 2, "III": 3, "IV": 4}
_DUE = re.compile(r"(?:trước|chậm nhất)(?: ngày)?\s+(\d{1,2})/(\d{1,2})(?:/(\d{4}))?", re.IGNORECASE)
_DOC = re.compile(r"^(Kế hoạch|Quyết định|Nghị quyết|Chỉ thị|Nghị định|Thông tư|Công văn) số "
                  r"(\d+)/([\w-]+),? ngày (\d{1,2}/\d{1,2}/\d{4}) của (.+?)(?: về | ban hành | phê duyệt |$)")


def _iso(y: int, m: int, d: int) -> str:
    return f"{y:04d}-{m:02d}-{d:02d}"


def _month_end(y: int, m: int) -> str:
    days = [31, 29 if y % 4 == 0 and (y % 100 or y % 400 == 0) else 28, 31, 30, 31, 30, 31, 31,
            30, 31, 30, 31][m - 1]
    return _iso(y, m, days)


Period = tuple[str, str | None, str | None]
NO_PERIOD: Period = ("", None, None)


def quarter(q: int, y: int) -> Period:
    return f"Quý {['I', 'II', 'III', 'IV'][q - 1]}", _iso(y, 3 * q - 2, 1), _month_end(y, 3 * q)


def half(h: int, y: int) -> Period:
    if h == 1:
        return "6 tháng đầu năm", _iso(y, 1, 1), _iso(y, 6, 30)
    return "6 tháng cuối năm", _iso(y, 7, 1), _iso(y, 12, 31)


def period_of_row(text: str, y: int) -> Period:
    """ "QUÝ II", "THÁNG 3", "6 THÁNG ĐẦU NĂM" -> its label and dates in the plan year."""
    words = text.split()
    if words[0] == "QUÝ":
        return quarter(ROMAN_Q[words[1]], y)
    if "ĐẦU" in words or "CUỐI" in words:
        return half(1 if "ĐẦU" in words else 2, y)
    m = int(words[1])
    return f"Tháng {m}", _iso(y, m, 1), _month_end(y, m)


def period_of_when(w: When, y: int) -> Period:
    if w.kind == "quarter":
        return quarter(w.n, y)
    if w.kind == "month":
        return f"Tháng {w.n}", _iso(y, w.n, 1), _month_end(y, w.n)
    if w.kind == "half":
        return half(w.n, y)
    if w.kind == "year":
        return f"Năm {y}", _iso(y, 1, 1), _iso(y, 12, 31)
    return NO_PERIOD


def deadline_of(w: When | None, y: int) -> str | None:
    """A date's day, or the last day of the period a time cell names ("Quý II/2025" is due by
    30/6/2025, docs/annotation-guide.md)."""
    if w is None:
        return None
    if w.kind in ("before", "latest"):
        return _iso(y, w.m, w.n)
    return period_of_when(w, y)[2]


def dues_in(text: str, y: int) -> list[str]:
    """Due dates stated in prose: "trước ngày 15/02/2025", "chậm nhất 15/10"."""
    return [_iso(int(yy) if yy else y, int(m), int(d)) for d, m, yy in _DUE.findall(text)]


def canonical(name: str) -> str:
    return CANON[name.strip().removeprefix("- ").rstrip(";.,").strip()]


def cell_agencies(cell: str) -> list[str]:
    names = [n for item in cell.split("\n") for n in item.split("; ") if n.strip(" -;.")]
    return [canonical(n) for n in names]


AgencyReader = Callable[[str], list[str]]


def _unique(names: list[str]) -> list[str]:
    out: list[str] = []
    for n in names:
        if n not in out:
            out.append(n)
    return out


def _items(cell: str) -> str:
    lines = [ln.strip() for ln in cell.split("\n") if ln.strip()]
    return "\n".join(re.sub(r"^-\s+", "", plain(x)) for x in lines)


def _task(task_no: str, origin: str, section: str, period: Period, content: str,
          lead: list[str], partners: list[str], doers: list[str], raw: str | None,
          time_text: str, deadline: str | None, pages: list[int]) -> dict:
    agencies = _unique(lead + partners + doers)
    return {
        "task_no": task_no, "origin": origin, "section": section, "period": period[0],
        "period_start": period[1], "period_end": period[2], "content": content,
        "agencies": agencies if raw is not None else None,
        "lead_agencies": _unique(lead) if raw is not None else None,
        "partner_agencies": _unique(partners) if raw is not None else None,
        "agencies_raw": raw, "time_text": time_text, "deadline": deadline,
        "pages": sorted(set(pages)),
    }


def table_tasks(t: Table, key: int, layout: Layout, section: str, year: int,
                agencies: AgencyReader = cell_agencies) -> list[dict]:
    roles = t.roles or []
    col = {role: i for i, role in enumerate(roles)}
    merged: dict[int, str] = {}  # column -> the text of the merged cell above
    merged_when: When | None = None
    period = NO_PERIOD
    found: list[tuple[TableRow, Period, list[int]]] = []
    for ri, row in enumerate(t.rows):
        if isinstance(row, PeriodRow):
            period = period_of_row(row.text, year)
        elif isinstance(row, TableRow) and row.continued and found:
            prev, p, pages = found[-1]
            cells = [join_carried(a or "", b or "") for a, b in zip(prev.cells, row.cells, strict=True)]
            found[-1] = (TableRow(cells, when=prev.when), p, pages + layout.rows[(key, ri)])
        elif isinstance(row, TableRow):
            cells = list(row.cells)
            for c, text in enumerate(cells):
                if text is None:
                    cells[c] = merged.get(c, "")
                else:
                    merged[c] = text
            when = row.when
            if "time" in col and row.cells[col["time"]] is None:
                when = merged_when
            else:
                merged_when = row.when
            found.append((TableRow(cells, when=when), period, list(layout.rows[(key, ri)])))
    tasks = []
    for row, per, pages in found:
        cell = dict(zip(roles, row.cells, strict=True))
        lead, partners, doers = (agencies(cell.get(k) or "") for k in ("lead", "partner", "agency"))
        raw = " ".join(" ".join(ln.strip() for ln in (cell.get(k) or "").split("\n"))
                       for k in ("agency", "lead", "partner") if cell.get(k))
        time_text = " ".join((cell.get("time") or "").split())
        if per == NO_PERIOD and row.when is not None:
            per = period_of_when(row.when, year)  # no period row: the time cell states it
        tasks.append(_task((cell.get("no") or "").strip(), "table", section, per,
                           _items(cell.get("content") or ""), lead, partners, doers, raw,
                           time_text, deadline_of(row.when, year), pages))
    return tasks


def join_carried(first: str, rest: str) -> str:
    """Glue a row's carried-over part back on: a new "- " item is a new line, else same item."""
    if not first or not rest:
        return first or rest
    return first + ("\n" if rest.startswith("- ") else " ") + rest


def list_task(item: ListTask, pages: list[int], section: str, year: int) -> dict:
    lead = [canonical(n) for n in item.lead]
    partners = [canonical(n) for n in item.partners]
    raw = "; ".join(x for x in (agency_list(item.lead), agency_list(item.partners)) if x)
    when = item.when
    per = period_of_when(when, year) if when else NO_PERIOD
    if item.form == "doer":  # one "Đơn vị thực hiện" line: no chủ trì / phối hợp split
        lead, partners, doers = [], [], lead + partners
    else:
        doers = []
    return _task(item.number, "text", section, per, plain(item.content), lead, partners, doers,
                 raw, when.text(year) if when else "", deadline_of(when, year), pages)


def duty_tasks(d: Duties, key: int, layout: Layout, section: str, year: int) -> list[dict]:
    names = [canonical(n) for n in d.agencies]
    out = []
    for i, duty in enumerate(d.duties):
        number = f"{d.number}.{LETTERS[i]}" if d.marker == "letter" else f"{d.number}.{i + 1}"
        dues = dues_in(duty, year)
        out.append(_task(number, "text", section, NO_PERIOD, plain(duty), [], [], names,
                         agency_list(d.agencies), "", dues[-1] if dues else None,
                         layout.blocks[(key, i)]))
    return out


_NUMBERED = re.compile(r"^\d+\.\s")


def _number_by_section(tasks: list[dict]) -> None:
    """Numbers that start again in each section are written with the section's numeral
    ("III.1"), as docs/annotation-guide.md says."""
    sections: dict[str, set[str]] = {}
    for t in tasks:
        if t["origin"] == "text" and t["task_no"] and t["section"]:
            sections.setdefault(t["task_no"].split(".")[0], set()).add(t["section"])
    if not any(len(s) > 1 for s in sections.values()):
        return
    for t in tasks:
        numeral = re.match(r"^([IVX]+)\.", t["section"])
        if t["origin"] == "text" and t["task_no"] and numeral:
            t["task_no"] = f"{numeral[1]}.{t['task_no']}"


def prose_task(p: Paragraph, pages: list[int], section: str, year: int) -> dict:
    number, content = printed_number(plain(p.text))
    content = re.sub(r"\./\.$", ".", content)
    dues = dues_in(content, year)
    return _task(number, "text", section, NO_PERIOD, content, [], [], [], None, "",
                 dues[-1] if dues else None, pages)


def printed_number(text: str) -> tuple[str, str]:
    """("3", the rest) of "3. Rà soát …": a task's number is written as printed (TASKS.md)."""
    m = re.match(r"^(\d+(?:\.\d+)*)\.\s+", text)
    return (m[1], text[m.end():]) if m else ("", text)


def issuer(h: Header) -> str:
    """ "ỦY BAN NHÂN DÂN" + "HUYỆN VĂN QUAN" -> "Ủy ban nhân dân huyện Văn Quan"."""
    text = " ".join(h.issuer[h.plain_issuer_lines:])
    for unit in UNITS:
        m = re.search(rf"(?:^|\s){unit}\s", text)
        if m:
            body, place = text[: m.start()].strip(), text[m.end():].strip()
            return f"{body.capitalize()} {unit.lower()} {place.title()}".strip()
    return text.capitalize()


def metadata(spec: PlanSpec) -> dict:
    h = spec.header
    number = re.search(r"Số:\s*(\d*)\s*/\s*(\S+)", h.number)
    month = re.search(r"tháng\s+(\d+)\s+năm\s+(\d{4})", h.place_date)
    day = re.search(r"ngày\s+(\d+)\s+tháng", h.place_date)
    issued = f"{month.group(2)}-{int(month.group(1)):02d}" if month else None
    if issued and day:
        issued += f"-{int(day.group(1)):02d}"
    if h.subject:
        kind, title = "Công văn", re.sub(r"^V/v\s+", "", h.subject)
    else:
        kind, title = h.kind.capitalize(), " ".join(h.title)
    year = re.search(r"năm (\d{4})", title)
    titles = [t for t in spec.closing.signer.titles if not re.match(r"^(KT|TM|TL)\.", t)]
    last = titles[-1] if titles else spec.closing.signer.titles[-1]
    return {
        "doc_type": kind, "doc_number": number.group(1) if number else "",
        "doc_symbol": number.group(2) if number else "", "issuer": issuer(h),
        "place": h.place_date.split(",")[0].strip(), "issued_date": issued, "title": title,
        "plan_year": int(year.group(1)) if year else (int(month.group(2)) if month else None),
        "signer_title": TITLES.get(last, last.capitalize()),
        "signer_name": spec.closing.signer.name,
    }


def references(bases: list[str]) -> list[dict]:
    out = []
    for base in bases:
        if m := _DOC.match(base):
            kind, number, symbol, date, issuer_name = m.groups()
            d, mo, y = (int(x) for x in date.split("/"))
            out.append({"doc_type": kind, "doc_number": number, "doc_symbol": symbol,
                        "issued_date": _iso(y, mo, d), "issuer": issuer_name})
    return out


def word_truth(truth: dict) -> dict:
    """The truth of the same plan written as a Word file: no fixed pages (TASKS.md)."""
    return {**truth, "tasks": [{**t, "pages": None} for t in truth["tasks"]]}


def build_truth(spec: PlanSpec, layout: Layout, agencies: AgencyReader = cell_agencies) -> dict:
    """The truth of a generated plan; `agencies` gives the canonical bodies of a table cell
    (the generator's own vocabulary unless a plan brings its names)."""
    meta = metadata(spec)
    year = meta["plan_year"]
    bases: list[str] = []
    tasks: list[dict] = []
    dues: list[str] = []
    section, part = "", 0
    for key, blk_part, block in keyed_blocks(spec):
        if blk_part != part:  # a Phụ lục stands under its own headings
            section, part = "", blk_part
        if isinstance(block, Heading) and re.match(r"^[IVXL]+\.\s", block.text):
            section = block.text
        elif isinstance(block, Table):
            tasks += table_tasks(block, key, layout, section, year, agencies)
        elif isinstance(block, ListTask):
            tasks.append(list_task(block, layout.blocks[key], section, year))
        elif isinstance(block, Duties):
            tasks += duty_tasks(block, key, layout, section, year)
        elif isinstance(block, Paragraph):
            text = plain(block.text)
            dues += dues_in(text, year) + [d for n in block.footnotes for d in dues_in(n.text, year)]
            if not section and part == 0 and text.startswith("Căn cứ "):
                bases.append(text.removeprefix("Căn cứ ").rstrip(";.").strip())
            elif "TỔ CHỨC THỰC HIỆN" in section or (not section and part == 0 and _NUMBERED.match(text)):
                # A letter's or a notice's numbered points assign work too (TASKS.md).
                tasks.append(prose_task(block, layout.blocks[key], section, year))
    dues += [t["deadline"] for t in tasks if t["deadline"]]
    _number_by_section(tasks)
    return {
        "source": spec.name,
        "metadata": meta,
        "legal_bases": bases,
        "referenced_documents": references(bases),
        "recipients": [re.sub(r"^-\s*", "", r).rstrip(";.").strip() for r in spec.closing.recipients],
        "deadlines": sorted(set(dues)),
        "tasks": [{"seq": i, **t} for i, t in enumerate(tasks, start=1)],
    }
