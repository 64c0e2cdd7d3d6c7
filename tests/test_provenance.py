"""Where each value was read: page and box for a PDF, paragraph or table cell for a Word file."""

from __future__ import annotations

from pathlib import Path

import docx

from pipeline import extract
from pipeline.model import Box, Page, PageSource, ReadBy, Source, Word
from pipeline.structure.provenance import Locator, source_json

from .conftest import add_docx_header, write_small_plan


def _inside(inner: Box, outer: Box, pad: float = 1.0) -> bool:
    return (
        outer.x0 - pad <= inner.x0
        and inner.x1 <= outer.x1 + pad
        and outer.top - pad <= inner.top
        and inner.bottom <= outer.bottom + pad
    )


def test_text_layer_plan_says_where_each_task_and_field_was_read(tmp_path: Path) -> None:
    plan = extract(write_small_plan(tmp_path / "plan.pdf"))
    (task,) = plan.tasks
    (where,) = task.sources
    assert where.read_by is ReadBy.TEXT_LAYER and where.page == 1
    # The row's box covers its cells: the number, the content and the agency lines.
    assert where.box is not None and where.box.x0 < 100 < 380 < where.box.x1
    by_field = plan.provenance
    assert {"issuer", "doc_number", "doc_symbol", "issued_date", "place", "doc_type"} <= set(by_field)
    number, date = by_field["doc_number"], by_field["issued_date"]
    assert number.page == date.page == 1
    assert number.box is not None and number.box.x1 < 290 <= date.box.x0  # left and right column
    assert by_field["doc_type"].box.top > date.box.top  # the kind line under the date line


def test_a_word_file_says_paragraph_and_table_cell(tmp_path: Path) -> None:
    doc = docx.Document()
    add_docx_header(doc)
    doc.add_paragraph("KẾ HOẠCH").alignment = 1
    doc.add_paragraph("Chuyển đổi số năm 2025").alignment = 1
    table = doc.add_table(rows=3, cols=3)
    for c, label in enumerate(["TT", "Nội dung", "Cơ quan chủ trì"]):
        table.cell(0, c).text = label
    for r, (no, content, body) in enumerate(
        [
            ("1", "Tập huấn chuyển đổi số", "Phòng Nội vụ"),
            ("2", "Số hóa hồ sơ", "Phòng Tài chính - Kế hoạch"),
        ],
        1,
    ):
        table.cell(r, 0).text, table.cell(r, 1).text, table.cell(r, 2).text = no, content, body
    path = tmp_path / "plan.docx"
    doc.save(str(path))
    plan = extract(path)
    second = next(t for t in plan.tasks if t.task_no == "2")
    cells = [(s.table, s.row, s.cell) for s in second.sources]
    assert (2, 3, 2) in cells and all(s.read_by is ReadBy.WORD and s.page is None for s in second.sources)
    kind, number = plan.provenance["doc_type"], plan.provenance["doc_number"]
    assert kind.paragraph is not None and kind.table is None  # its box: only as laid out, for the review
    assert source_json(kind) == {"source": "word", "paragraph": kind.paragraph}
    assert number.paragraph is not None and number.paragraph < kind.paragraph  # the header's Số line


def test_words_read_a_second_time_mark_their_task() -> None:
    first = Word("Phòng", Box(10, 10, 40, 20), 90.0)
    again = Word("Nội", Box(45, 10, 60, 20), 40.0, reread=True)
    other = Word("vụ", Box(10, 50, 30, 60), 95.0)
    page = Page(1, 595, 842, [first, again, other], [], PageSource.OCR)
    locate = Locator.of([page])
    assert locate.sources([(1, Box(5, 5, 65, 25))])[0].read_by is ReadBy.SECOND_READING
    assert locate.sources([(1, Box(5, 45, 65, 65))])[0].read_by is ReadBy.OCR
    # Two boxes on one page are one source; a second page is another.
    spans = locate.sources([(1, Box(5, 5, 65, 25)), (1, Box(5, 45, 65, 65)), (2, Box(0, 0, 1, 1))])
    assert [(s.page, s.box) for s in spans] == [(1, Box(5, 5, 65, 65)), (2, Box(0, 0, 1, 1))]
    assert source_json(Source(ReadBy.OCR, 2, Box(1.0, 2.0, 3.0, 4.0))) == {
        "source": "ocr",
        "page": 2,
        "bbox": [1.0, 2.0, 3.0, 4.0],
    }


def test_a_plan_repr_is_short(tmp_path: Path) -> None:
    plan = extract(write_small_plan(tmp_path / "plan.pdf"))
    assert len(repr(plan)) < 200 and "1 tasks" in repr(plan)
