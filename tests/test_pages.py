"""Pages as scanners give them: turned, small, with a wrong or legacy text layer."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image

import pipeline

from .conftest import write_small_plan


def _page_image(pdf: Path, dpi: int) -> Image.Image:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return doc[0].render(scale=dpi / 72, grayscale=True).to_pil()
    finally:
        doc.close()


# PIL turns counter-clockwise; the page view records the clockwise turn that undid it.
@pytest.mark.parametrize(("turn", "undone"), [(180, 180), (90, 90)])
def test_page_stored_turned_is_read_upright(tmp_path: Path, turn: int, undone: int) -> None:
    image = _page_image(write_small_plan(tmp_path / "plan.pdf"), 200).rotate(turn, expand=True)
    path = tmp_path / "turned.png"
    image.save(path, dpi=(200, 200))
    plan = pipeline.extract(path)
    assert plan.metadata.title == "Tuyên truyền cải cách hành chính năm 2025"
    assert [t.content for t in plan.tasks] == ["Tuyên truyền cải cách hành chính"]
    assert plan.views[0].rotation == undone


def test_small_photo_is_upscaled_before_ocr(tmp_path: Path) -> None:
    # 70 dpi: an A4 page of about 580 x 820 pixels
    path = tmp_path / "small.png"
    _page_image(write_small_plan(tmp_path / "plan.pdf"), 70).save(path, dpi=(70, 70))
    plan = pipeline.extract(path)
    assert plan.views[0].source == "ocr"
    assert plan.metadata.issuer == "Ủy ban nhân dân huyện Văn Quan"
    assert len(plan.tasks) == 1


def test_a_page_pdfium_cannot_read_the_text_of_is_read_by_pdfminer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipeline.sources import pages

    pdf = write_small_plan(tmp_path / "plan.pdf")
    by_pdfium = pipeline.extract(pdf)

    def broken(page: object) -> None:
        raise RuntimeError("text page cannot be loaded")

    monkeypatch.setattr(pages, "read_text_layer", broken)
    plan = pipeline.extract(pdf)
    assert plan.ocr_pages == 0 and "read by pdfminer" in plan.views[0].verdict  # not sent to OCR
    assert [t.content for t in plan.tasks] == [t.content for t in by_pdfium.tasks]
    assert plan.metadata.title == by_pdfium.metadata.title
    got, want = plan.views[0].words, by_pdfium.views[0].words
    # The same words in the same places (top-left origin both), within the few points by which
    # pdfminer's font-height boxes differ from pdfium's glyph boxes.
    assert len(got) == len(want)
    pairs = zip(got, want, strict=True)
    assert all(abs(g.cx - w.cx) < 4 and abs(g.cy - w.cy) < 4 for (g, _), (w, _) in pairs)


def test_a_page_neither_reader_can_read_goes_to_ocr(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline.sources import pages

    def broken(*args: object) -> None:
        raise RuntimeError("unreadable")

    monkeypatch.setattr(pages, "read_text_layer", broken)
    monkeypatch.setattr(pages, "read_text_layer_pdfminer", broken)
    plan = pipeline.extract(write_small_plan(tmp_path / "plan.pdf"))
    assert plan.ocr_pages == 1 and "unreadable" in plan.views[0].verdict
    assert [t.content for t in plan.tasks] == ["Tuyên truyền cải cách hành chính"]
