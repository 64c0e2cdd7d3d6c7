"""The synthetic plan generator: reference parsing, typesetting, scan simulation, truth."""

from __future__ import annotations

import json
from pathlib import Path

import pdfplumber
import pytest
from reportlab.lib.units import mm

from synth.reference import parse_reference
from synth.samples import _check_splits, build_truth, van_quan_spec
from synth.scan import simulate_scan
from synth.spec import Layout, PageBreak, PeriodRow, PlanSpec, Table, TableRow, plain, runs
from synth.typeset import typeset, typeset_with_layout

GOLDEN = Path(__file__).parent / "golden"
REFERENCE = GOLDEN / "ke-hoach-tdkt-chi-lang-2024.txt"
EXPECTED = json.loads((GOLDEN / "ke-hoach-tdkt-chi-lang-2024.expected.json").read_text("utf-8"))


def _table(spec: PlanSpec) -> Table:
    return next(b for b in spec.body if isinstance(b, Table))


def _words(text: str, n: int = 6) -> str:
    return " ".join(text.split()[:n])


@pytest.fixture(scope="module")
def reference() -> PlanSpec:
    return parse_reference(REFERENCE)


@pytest.fixture(scope="module")
def typeset_reference(reference: PlanSpec, tmp_path_factory) -> tuple[Path, Layout]:
    path = tmp_path_factory.mktemp("synth") / "chi-lang.pdf"
    return path, typeset_with_layout(reference, path)


def test_markup_runs_and_plain_text() -> None:
    got = runs("trước ngày **25/01/2024**. huyện<sup>1</sup> xây")
    assert [(r.text, r.bold, r.sup) for r in got] == [
        ("trước ngày ", False, False), ("25/01/2024", True, False), (". huyện", False, False),
        ("1", False, True), (" xây", False, False),
    ]
    assert plain("**1.** Giao huyện<sup>1</sup> xây") == "1. Giao huyện xây"


def test_reference_parses_into_rows_periods_and_breaks(reference: PlanSpec) -> None:
    rows = _table(reference).rows
    task_rows = [r for r in rows if isinstance(r, TableRow) and not r.continued]
    assert len(task_rows) == 23  # 22 numbered + 1 unnumbered
    assert sum(1 for r in task_rows if r.cells[0]) == 22
    assert sum(1 for r in rows if isinstance(r, TableRow) and r.continued) == 2
    assert [r.text for r in rows if isinstance(r, PeriodRow)] == ["QUÝ I", "QUÝ II", "QUÝ III",
                                                                   "QUÝ IV"]
    assert sum(isinstance(r, PageBreak) for r in rows) == 3
    assert task_rows[0].cells[2] == "- UBND huyện;\n- HĐ TĐKT huyện;"
    assert reference.closing.signer.titles == ["CHỦ TỊCH"]
    assert reference.closing.signer.name == "Vi Nông Trường"
    assert len(reference.closing.recipients) == 9
    assert [f.marker for b in reference.body for f in getattr(b, "footnotes", [])] == ["1"]


def test_reference_pdf_puts_every_task_on_its_page(
    reference: PlanSpec, typeset_reference: tuple[Path, Layout]
) -> None:
    path, layout = typeset_reference
    assert layout.pages == 4 and not layout.splits  # every break is one of the transcription
    st, widths = reference.style, _table(reference).widths
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) == 4
        page = pdf.pages[0]
        x0 = st.margin_left_mm * mm + widths[0] * (page.width - (st.margin_left_mm
                                                                 + st.margin_right_mm) * mm)
        x1 = x0 + widths[1] * (page.width - (st.margin_left_mm + st.margin_right_mm) * mm)
        column = [" ".join((p.crop((x0, 0, x1, p.height)).extract_text() or "").split())
                  for p in pdf.pages]
        full = [" ".join((p.extract_text() or "").split()) for p in pdf.pages]
        # rows 11 and 20 run onto the next page under the repeated header, number not repeated
        carried = [p.extract_tables()[0][:2] for p in pdf.pages[2:]]
    assert carried[0] == [["TT", "Nội dung", "Cơ quan thực hiện"], ["", "", "- Phòng Nội vụ;"]]
    assert carried[1][1][0] == "" and carried[1][1][1].startswith("chấm điểm thi đua năm 2024")
    for task in EXPECTED["tasks"]:
        texts = column if task["origin"] == "table" else full
        first = _words(task["content"])
        on = [i + 1 for i, text in enumerate(texts) if first in text]
        assert task["pages"][0] in on, (task["seq"], first, on)


def test_truth_from_spec_matches_the_reference_truth(
    reference: PlanSpec, typeset_reference: tuple[Path, Layout]
) -> None:
    truth = build_truth(reference, typeset_reference[1])
    for task in truth["tasks"]:
        assert task.pop("time_text") == ""  # the reference table has no time column
    assert truth == EXPECTED


def test_typeset_is_deterministic(reference: PlanSpec, tmp_path: Path) -> None:
    typeset(reference, tmp_path / "a.pdf")
    typeset(reference, tmp_path / "b.pdf")
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()


def test_scan_is_image_only_at_the_asked_dpi(
    typeset_reference: tuple[Path, Layout], tmp_path: Path
) -> None:
    out = tmp_path / "scan.pdf"
    simulate_scan(typeset_reference[0], out, dpi=100, skew_deg=0.6, seed=3)
    with pdfplumber.open(out) as pdf:
        assert len(pdf.pages) == 4
        for page in pdf.pages:
            assert not page.chars
            assert abs(page.width - 595.3) < 1.5 and abs(page.height - 841.9) < 1.5  # A4
            (image,) = page.images
            assert round(image["srcsize"][0] / (page.width / 72)) == 100
    again = tmp_path / "again" / "scan.pdf"  # same name: the file name is the PDF title
    simulate_scan(typeset_reference[0], again, dpi=100, skew_deg=0.6, seed=3)
    assert out.read_bytes() == again.read_bytes()


def test_van_quan_plan_splits_rows_and_matches_its_golden(tmp_path: Path) -> None:
    spec = van_quan_spec()
    layout = typeset_with_layout(spec, tmp_path / "van-quan.pdf")
    _check_splits(spec, layout)  # 3 pages, a row cut in the content and one in the agencies
    truth = build_truth(spec, layout)
    assert len([t for t in truth["tasks"] if t["origin"] == "table"]) == 12
    assert "2025-02-15" in truth["deadlines"]
    golden = GOLDEN / f"{spec.name}.expected.json"
    if golden.exists():  # written by scripts/make_samples.py: must agree with the code
        assert json.loads(golden.read_text("utf-8")) == truth
    with pdfplumber.open(tmp_path / "van-quan.pdf") as pdf:
        text = " ".join((pdf.pages[2].extract_text() or "").split())
    assert "trước ngày 15/02/2025" in text and "PHÓ CHỦ TỊCH" in text
