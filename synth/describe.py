"""What a typeset document shows, in words (the truth's "layout"), and the layout checks the
corpus needs (rows cut by a page break, a merged block crossing one, one page)."""

from __future__ import annotations

import re

from synth.spec import (
    Duties,
    GroupRow,
    Layout,
    ListTask,
    PeriodRow,
    PlanSpec,
    Table,
    TableRow,
    keyed_blocks,
)

AGENCY_ROLES = {"agency", "lead", "partner"}


def _tables(spec: PlanSpec) -> list[tuple[int, Table]]:
    return [(k, b) for k, _, b in keyed_blocks(spec) if isinstance(b, Table)]


def _table_pages(key: int, t: Table, layout: Layout) -> set[int]:
    return {p for ri in range(len(t.rows)) for p in layout.rows.get((key, ri), [])}


def cut_roles(spec: PlanSpec, layout: Layout) -> set[str]:
    """Roles of the columns whose text a page break cut in two."""
    roles = {k: t.roles or [] for k, t in _tables(spec)}
    return {roles[key][c] for key, _, cols in layout.splits if key in roles for c in cols
            if c < len(roles[key])}


def meets(spec: PlanSpec, layout: Layout, need: str) -> bool:
    if need == "one_page":
        return layout.pages == 1
    if need == "splits":
        multi = [(k, t) for k, t in _tables(spec) if len(_table_pages(k, t, layout)) > 1]
        split_keys = {key for key, _, _ in layout.splits}
        cut = cut_roles(spec, layout)
        return all(k in split_keys for k, _ in multi) and (
            not multi or ("content" in cut and bool(cut & AGENCY_ROLES)))
    if need == "merged_cross":
        for key, t in _tables(spec):
            head_pages: list[int] = []
            for ri, row in enumerate(t.rows):
                if not isinstance(row, TableRow):
                    continue
                pages = layout.rows[(key, ri)]
                if None not in row.cells:
                    head_pages = pages
                elif set(pages) - set(head_pages):
                    return True
        return False
    if need == "list_cross":
        return any(len(layout.blocks.get(k, [])) > 1 for k, _, b in keyed_blocks(spec)
                   if isinstance(b, ListTask))
    raise ValueError(f"unknown need {need!r}")


def _row_kinds(t: Table) -> list[str]:
    out = []
    texts = [r.text for r in t.rows if isinstance(r, PeriodRow)]
    for word, name in (("QUÝ", "quarter rows"), ("THÁNG ", "month rows"), ("6 THÁNG", "half-year rows")):
        if any(x.startswith(word) for x in texts):
            out.append(name)
    groups = [r.text for r in t.rows if isinstance(r, GroupRow)]
    if any(re.match(r"^[IVX]+\.", g) for g in groups):
        out.append("roman group rows")
    if any(re.match(r"^[A-H]\.", g) for g in groups):
        out.append("letter group rows")
    numbers = [r.cells[0] for r in t.rows if isinstance(r, TableRow) and r.cells[0]]
    if any("." in (n or "") for n in numbers):
        out.append("sub-numbered rows")
    return out


_PRINTED_ONLY = re.compile(
    r"^\d+ pages$|split across pages|first page only|no inner vertical|no rules between"
)


def word_tags(tags: list[str]) -> list[str]:
    """What the Word file of a plan shows: its tables and lists, not how the PDF broke or ruled
    them (Word has no fixed pages; its tables are fully ruled)."""
    kept = [t for t in tags if not _PRINTED_ONLY.search(t)]
    return [*kept, "Word: automatic numbering, merged cells, header and signature tables"]


def describe(spec: PlanSpec, layout: Layout) -> list[str]:
    tags = [f"{layout.pages} pages"]
    if spec.style.landscape:
        tags.append("landscape")
    if spec.header.subject:
        tags.append("Công văn header (V/v, Kính gửi)")
    for key, t in _tables(spec):
        head = list(t.columns)
        for text, a, _ in t.spans:
            head[a] = f"{text}: {head[a]}"
        tags.append("table: " + " | ".join(head))
        if t.spans:
            tags.append("two-row header")
        tags += _row_kinds(t)
        if t.ruling != "full":
            tags.append({"no_inner_vertical": "no inner vertical rules",
                         "no_row_lines": "no rules between rows"}[t.ruling])
        if not t.repeat_header:
            tags.append("header on the first page only")
        if any(isinstance(r, TableRow) and None in r.cells for r in t.rows):
            tags.append("merged lead and time cells")
        if key >= 1000:
            tags.append("table in a Phụ lục after the signature")
        whens = {r.when.kind for r in t.rows if isinstance(r, TableRow) and r.when}
        tags.append("time cells: " + ", ".join(sorted(whens)))
    cut = cut_roles(spec, layout)
    if cut:
        tags.append("rows split across pages in: " + ", ".join(sorted(cut)))
    forms = sorted({b.form for _, _, b in keyed_blocks(spec) if isinstance(b, ListTask)})
    if forms:
        tags.append("listed tasks: " + ", ".join(forms))
    duties = sorted({b.marker for _, _, b in keyed_blocks(spec) if isinstance(b, Duties)})
    if duties:
        tags.append("duties by body: " + ", ".join(duties))
    if spec.appendices:
        tags.append(f"{len(spec.appendices)} Phụ lục")
    return tags
