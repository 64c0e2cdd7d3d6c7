"""A PDF's text layer as digital signing leaves it: a number and a day stamped into the blanks."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

import pipeline
from pipeline.sources.pdf import read_text_layer

from .conftest import _font


def _stamped_letter(path: Path) -> Path:
    """A Công văn whose "Số:" and "ngày" are left blank in print and filled by form widgets, as
    signing tools stamp the number and the day; a signer's stamp stands apart in the corner."""
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    _, h = A4
    font = _font()
    c.setFont(font, 12)
    c.drawString(60, h - 60, "SỞ NỘI VỤ")
    c.drawString(330, h - 60, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    c.drawString(360, h - 75, "Độc lập - Tự do - Hạnh phúc")
    c.drawString(60, h - 100, "Số:")
    c.drawString(120, h - 100, "/SNV-VP")
    c.drawString(300, h - 100, "Đà Lạt, ngày")
    c.drawString(410, h - 100, "tháng 11 năm 2025")
    c.drawString(60, h - 118, "V/v rà soát hồ sơ công chức")
    c.drawString(150, h - 150, "Kính gửi: Các phòng chuyên môn.")
    c.drawString(85, h - 180, "Sở Nội vụ đề nghị các phòng rà soát hồ sơ công chức.")
    form = c.acroForm
    for name, value, x, y, width in [("so", "418", 82, h - 103, 36), ("ngay", "07", 382, h - 103, 26)]:
        form.textfield(
            name=name,
            value=value,
            x=x,
            y=y,
            width=width,
            height=14,
            fontSize=11,
            borderWidth=0,
            fillColor=None,
            textColor=None,
            borderColor=None,
        )
    form.textfield(
        name="stamp",
        value="Signed by: SNV 10.11.2025 09:15",
        x=380,
        y=h - 40,
        width=180,
        height=14,
        fontSize=8,
        borderWidth=0,
        fillColor=None,
        borderColor=None,
    )
    c.save()
    return path


def test_numbers_stamped_into_blanks_are_read_on_their_line(tmp_path: Path) -> None:
    path = _stamped_letter(tmp_path / "cv.pdf")
    doc = pdfium.PdfDocument(str(path))
    try:
        words, _, _, _ = read_text_layer(doc, 0)
    finally:
        doc.close()
    texts = [w.text for w in words]
    assert "418" in texts and "07" in texts
    assert not any(t in texts for t in ("Signed", "10.11.2025"))  # the signer's stamp is no part of the text
    number = words[texts.index("418")]
    so = words[texts.index("Số:")]
    assert so.box.top == number.box.top  # set level with the line whose blank it fills


def test_stamped_number_and_day_reach_the_metadata(tmp_path: Path) -> None:
    meta = pipeline.extract(_stamped_letter(tmp_path / "cv.pdf")).metadata
    assert (meta.doc_number, meta.doc_symbol) == ("418", "SNV-VP")
    assert meta.issued_date == "2025-11-07"
