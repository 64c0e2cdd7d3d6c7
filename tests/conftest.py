"""Fixtures made by the tests themselves: small typeset PDFs and broken files."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
SAMPLES = ROOT / "data" / "raw"


def _font() -> str:
    if "Serif" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("Serif", FONT))
    return "Serif"


def write_small_plan(path: Path, with_table: bool = True, **canvas_args: object) -> Path:
    """A one-page plan with the usual header block and, optionally, a three-column task table."""
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1, **canvas_args)
    _, h = A4
    c.setFont(_font(), 12)
    c.drawString(60, h - 60, "ỦY BAN NHÂN DÂN")
    c.drawString(330, h - 60, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    c.drawString(62, h - 75, "HUYỆN VĂN QUAN")
    c.drawString(360, h - 75, "Độc lập - Tự do - Hạnh phúc")
    c.drawString(70, h - 100, "Số: 12/KH-UBND")
    c.drawString(300, h - 100, "Văn Quan, ngày 05 tháng 02 năm 2025")
    c.drawCentredString(297, h - 130, "KẾ HOẠCH")
    c.drawCentredString(297, h - 145, "Tuyên truyền cải cách hành chính năm 2025")
    c.drawString(85, h - 175, "Căn cứ Kế hoạch số 20/KH-UBND ngày 10/01/2025 của UBND tỉnh Lạng Sơn;")
    c.drawString(60, h - 200, "II. NỘI DUNG")
    if with_table:
        xs = [60, 100, 380, 540]
        ys = [h - 220, h - 240, h - 260, h - 300]
        for y in ys:
            c.line(xs[0], y, xs[-1], y)
        for x in xs:
            c.line(x, ys[0], x, ys[-1])
        c.drawString(70, h - 235, "TT")
        c.drawString(110, h - 235, "Nội dung")
        c.drawString(390, h - 235, "Cơ quan thực hiện")
        c.drawString(110, h - 255, "QUÝ I")
        c.drawString(70, h - 275, "1")
        c.drawString(110, h - 275, "Tuyên truyền cải cách hành chính")
        c.drawString(390, h - 275, "- UBND huyện;")
        c.drawString(390, h - 290, "- Phòng Nội vụ huyện.")
    else:
        c.drawString(85, h - 225, "Ủy ban nhân dân huyện Văn Quan tổ chức tuyên truyền trong năm.")
    c.save()
    return path


def add_docx_header(doc: object, issuer: str = "ỦY BAN NHÂN DÂN\nHUYỆN VĂN QUAN") -> None:
    """The header block as Word files print it: a borderless two-column table, the issuer and
    Số on the left, Quốc hiệu and the date on the right."""
    header = doc.add_table(rows=2, cols=2)  # type: ignore[attr-defined]
    header.cell(0, 0).text = issuer
    header.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    header.cell(1, 0).text = "Số: 12/KH-UBND"
    header.cell(1, 1).text = "Văn Quan, ngày 05 tháng 3 năm 2025"


@pytest.fixture
def small_plan(tmp_path: Path) -> Path:
    return write_small_plan(tmp_path / "plan.pdf")
