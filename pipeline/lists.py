"""Numbered task lists: items with their "Đơn vị chủ trì / phối hợp / thực hiện" and time lines,
and a body's duties listed under its name ("2. Sở Tài chính:" then "a) …;" or "- …;").

Works on the paragraphs of one section or appendix, as the layout stage joined them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .agencies import AgencyMatcher, distinct_refs
from .dates import find_deadlines, time_cell
from .layout import Paragraph
from .model import AgencyRef, Role, Task

_ITEM = re.compile(r"^(\d+(?:\.\d+)*)[.)]\s+(.+)$", re.S)
_SUB = re.compile(r"^(?:([a-zđ])\)|([-+–•]))\s*(.+)$", re.S)
_ROLE_WORDS = {"chủ trì": Role.LEAD, "phối hợp": Role.PARTNER, "thực hiện": Role.DOES}
_AGENCY_LINE = re.compile(
    r"^(?:[a-zđ]\)\s*|[-+–•]\s*)?(?:(?:Đơn vị|Cơ quan)\s+)?(chủ trì|phối hợp|thực hiện)\s*:\s*(.*)$",
    re.I | re.S,
)
_TIME_LINE = re.compile(
    r"^(?:[a-zđ]\)\s*|[-+–•]\s*)?(?:Thời gian(?: thực hiện| hoàn thành)?|Thời hạn(?: hoàn thành)?|Tiến độ)"
    r"\s*:\s*(.*)$",
    re.I | re.S,
)
_INLINE = re.compile(
    r"\b[Gg]iao\s+(?P<lead>.+?)\s+chủ trì(?:,?\s*phối hợp với\s+(?P<partner>.+?))?"
    r"(?=\s+(?:tổ chức|thực hiện|triển khai|xây dựng|tham mưu|theo dõi|rà soát|hướng dẫn|kiểm tra|"
    r"tổng hợp|đôn đốc|báo cáo)\b|[,.;]|$)"
)


@dataclass(slots=True)
class _Item:
    number: str
    paragraphs: list[Paragraph]
    agency_lines: list[tuple[Role, str]] = field(default_factory=list)
    time_text: str = ""
    subs: list[tuple[str, Paragraph]] = field(default_factory=list)  # (marker, paragraph)
    extra: list[Paragraph] = field(default_factory=list)  # its agency and time lines


def _strip_end(text: str) -> str:
    return re.sub(r"\s*[;.,]+\s*$", "", text).strip()


def _items(paras: list[Paragraph]) -> list[_Item]:
    items: list[_Item] = []
    for p in paras:
        text = p.text.strip()
        agency = _AGENCY_LINE.match(text)
        when = _TIME_LINE.match(text)
        if items and agency:
            items[-1].agency_lines += _role_parts(agency[1], agency[2])
            items[-1].extra.append(p)
        elif items and when:
            items[-1].time_text = _strip_end(when[1])
            items[-1].extra.append(p)
        elif m := _ITEM.match(text):
            items.append(_Item(m[1], [p]))
        elif items and (sub := _SUB.match(text)):
            items[-1].subs.append((sub[1] or "-", p))
        elif items and not items[-1].subs and not items[-1].agency_lines:
            items[-1].paragraphs.append(p)  # the item's text went on past a page or a break
    return items


def _role_parts(role_word: str, rest: str) -> list[tuple[Role, str]]:
    """ "chủ trì: A; cơ quan phối hợp: B" on one line gives both parts."""
    parts = re.split(r";\s*(?:(?:đơn vị|cơ quan)\s+)?(phối hợp|chủ trì|thực hiện)\s*:\s*", rest, flags=re.I)
    out = [(_ROLE_WORDS[role_word.lower()], parts[0])]
    for i in range(1, len(parts) - 1, 2):
        out.append((_ROLE_WORDS[parts[i].lower()], parts[i + 1]))
    return [(r, _strip_end(t)) for r, t in out if t.strip()]


def is_task_list(paras: list[Paragraph], matcher: AgencyMatcher) -> bool:
    """A list of tasks: some item has agency lines, or names a body and lists its duties."""
    return any(it.agency_lines or _duty_body(it, matcher) for it in _items(paras))


def _duty_body(item: _Item, matcher: AgencyMatcher) -> str | None:
    head = _ITEM.match(item.paragraphs[0].text)
    text = head[2].strip() if head else ""
    if not text.endswith(":") or not item.subs:
        return None
    name = text[:-1].strip()
    refs = matcher.parse_cell(name)
    return name if refs and all(r.known for r in refs) else None


def list_tasks(
    paras: list[Paragraph],
    section: str,
    year: int | None,
    matcher: AgencyMatcher,
    locality: dict[str, str],
) -> list[Task]:
    tasks: list[Task] = []
    for item in _items(paras):
        body = _duty_body(item, matcher)
        if body is not None:
            tasks += _duties(item, body, section, year, matcher, locality)
        else:
            tasks.append(_item_task(item, section, year, matcher, locality))
    return tasks


def _item_task(
    item: _Item, section: str, year: int | None, matcher: AgencyMatcher, locality: dict[str, str]
) -> Task:
    head = _ITEM.match(item.paragraphs[0].text)
    texts = [head[2] if head else item.paragraphs[0].text] + [p.text for p in item.paragraphs[1:]]
    content = " ".join(t.strip() for t in texts)
    agencies: list[AgencyRef] = []
    for role, text in item.agency_lines:
        agencies += matcher.parse_cell(text, role, locality)
    if not item.agency_lines:
        agencies = inline_assignment(content, matcher)
    deadline, period = time_cell(item.time_text, year)
    paras = item.paragraphs + [p for _, p in item.subs] + item.extra
    return Task(
        seq=0,
        task_no=item.number,
        origin="text",
        section=section,
        content=content,
        period=period.label if period else "",
        period_start=period.start if period else None,
        period_end=period.end if period else None,
        agencies=distinct_refs(agencies),
        agencies_raw="; ".join(t for _, t in item.agency_lines),
        time_text=item.time_text,
        deadline=deadline,
        pages=sorted({pg for p in paras for pg in p.pages}),
        confidence=round(sum(p.conf for p in paras) / len(paras), 1),
        cells=[(ln.page, ln.box) for p in paras for ln in p.lines],
    )


def _duties(
    item: _Item,
    body: str,
    section: str,
    year: int | None,
    matcher: AgencyMatcher,
    locality: dict[str, str],
) -> list[Task]:
    agencies = distinct_refs(matcher.parse_cell(body, Role.DOES, locality))
    out = []
    for i, (marker, p) in enumerate(item.subs):
        number = f"{item.number}.{marker}" if marker != "-" else f"{item.number}.{i + 1}"
        sub = _SUB.match(p.text.strip())
        content = _strip_end(sub[3] if sub else p.text)
        dues = find_deadlines(content, year)
        out.append(
            Task(
                seq=0,
                task_no=number,
                origin="text",
                section=section,
                content=content,
                agencies=list(agencies),
                agencies_raw=body,
                deadline=dues[-1].date if dues else None,
                pages=p.pages,
                confidence=round(p.conf, 1),
                cells=[(ln.page, ln.box) for ln in p.lines],
            )
        )
    return out


def inline_assignment(text: str, matcher: AgencyMatcher) -> list[AgencyRef]:
    """ "Giao Phòng X chủ trì, phối hợp với Phòng Y …": X leads, Y partners."""
    m = _INLINE.search(text)
    if not m:
        return []
    refs = matcher.find_in_text(m["lead"], Role.LEAD)
    if m["partner"]:
        refs += matcher.find_in_text(m["partner"], Role.PARTNER)
    return refs
