"""Word files read from their structure: Word's numbering as shown, merged cells, the header
table as the two columns it prints as, tracked changes, and bad packages as clear errors."""

from __future__ import annotations

import itertools
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from pipeline.api import extract, extract_document
from pipeline.config import Config
from pipeline.errors import InputError, LimitError
from pipeline.evaluate import score_document
from pipeline.output.rows import document_json
from pipeline.sources.word import CHAR_WIDTH, format_number, read_word
from synth.catalogue import WORD_SUFFIX, entries
from synth.corpus import generate

from .conftest import add_docx_header

NUMBERING = (
    f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl>'
    '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0b7"/></w:lvl>'
    "</w:abstractNum>"
)


def _numbered(doc: docx.document.Document, text: str, level: int) -> None:
    p = doc.add_paragraph(text)
    p._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>')
    )


def _plan_docx(path: Path) -> Path:
    doc = docx.Document()
    numbering = doc.part.numbering_part.element
    numbering.insert(0, parse_xml(NUMBERING))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    header = doc.add_table(rows=2, cols=2)
    header.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nHUYỆN VĂN QUAN"
    header.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    header.cell(1, 0).text = "Số: 12/KH-UBND"
    header.cell(1, 1).text = "Văn Quan, ngày 05 tháng 3 năm 2025"
    doc.add_paragraph("KẾ HOẠCH").alignment = 1
    doc.add_paragraph("Chuyển đổi số năm 2025").alignment = 1
    _numbered(doc, "Phòng Nội vụ:", 0)
    _numbered(doc, "Rà soát thủ tục hành chính;", 1)
    _numbered(doc, "Báo cáo kết quả trước ngày 30/6/2025.", 1)
    _numbered(doc, "Phòng Tài chính - Kế hoạch:", 0)
    _numbered(doc, "Bố trí kinh phí thực hiện.", 2)
    table = doc.add_table(rows=4, cols=3)
    for c, label in enumerate(["TT", "Nội dung", "Cơ quan chủ trì"]):
        table.cell(0, c).text = label
    for r, (no, content) in enumerate([("1", "Tập huấn chuyển đổi số"), ("2", "Số hóa hồ sơ"),
                                       ("3", "Tổng kết")], 1):  # fmt: skip
        table.cell(r, 0).text, table.cell(r, 1).text = no, content
    lead = table.cell(1, 2).merge(table.cell(2, 2))  # one lead body printed once for two rows
    lead.text = "Phòng Văn hóa và Thông tin"
    table.cell(3, 2).text = "Phòng Nội vụ"
    # Word ends a document with a paragraph, never with a table (a .doc cannot end with one).
    doc.add_paragraph("Ủy ban nhân dân huyện yêu cầu các cơ quan nghiêm túc thực hiện./.")
    out = path / "plan.docx"
    doc.save(str(out))
    return out


@pytest.fixture(scope="module")
def plan_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _plan_docx(tmp_path_factory.mktemp("word"))


def test_numbering_is_shown_as_word_shows_it(plan_docx: Path) -> None:
    texts = [ln.text for ln in read_word(plan_docx, Config()).lines]
    assert "1. Phòng Nội vụ:" in texts and "a) Rà soát thủ tục hành chính;" in texts
    assert "b) Báo cáo kết quả trước ngày 30/6/2025." in texts
    # a higher level restarts the ones below it; a bullet reads as the dash offices print
    assert "2. Phòng Tài chính - Kế hoạch:" in texts and "- Bố trí kinh phí thực hiện." in texts


def test_header_table_becomes_its_two_columns(plan_docx: Path) -> None:
    word = read_word(plan_docx, Config())
    by_text = {ln.text: ln for ln in word.lines}
    assert by_text["ỦY BAN NHÂN DÂN"].box.cx < 297 < by_text["Độc lập - Tự do - Hạnh phúc"].box.cx
    assert len(word.tables) == 1  # the header is not a table of tasks


def test_a_header_table_with_an_empty_spacing_column_is_still_the_header(tmp_path: Path) -> None:
    """Some Word files keep an empty column at the left of the header table, and the V/v cell
    spans it: the header is still read as its columns, not as a table of tasks."""
    doc = docx.Document()
    header = doc.add_table(rows=3, cols=4)
    header.cell(0, 1).text = "ỦY BAN NHÂN DÂN\nTỈNH NINH BÌNH"
    header.cell(0, 2).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    header.cell(1, 1).text = "Số: 40/UBND-VP"
    header.cell(1, 2).text = "Ninh Bình, ngày 02 tháng 4 năm 2025"
    header.cell(2, 0).merge(header.cell(2, 1)).text = "V/v rà soát hồ sơ lưu trữ"
    doc.add_paragraph("Kính gửi: Sở Nội vụ.")
    doc.add_paragraph("Ủy ban nhân dân tỉnh đề nghị Sở Nội vụ rà soát hồ sơ lưu trữ.")
    path = tmp_path / "letter.docx"
    doc.save(str(path))
    assert read_word(path, Config()).tables == []
    m = extract(path).metadata
    assert (m.doc_type, m.doc_symbol, m.issuer, m.title) == (
        "Công văn", "UBND-VP", "Ủy ban nhân dân tỉnh Ninh Bình", "rà soát hồ sơ lưu trữ")


def test_merged_cell_covers_every_row_it_spans(plan_docx: Path) -> None:
    (table,) = read_word(plan_docx, Config()).tables
    lead = table.cell_at(1, 2)
    assert lead is not None and lead.row_span == 2 and table.cell_at(2, 2) is lead
    assert lead.lines == ["Phòng Văn hóa và Thông tin"]


def test_a_word_plan_gives_its_metadata_and_table_tasks(plan_docx: Path) -> None:
    plan = extract(plan_docx)
    m = plan.metadata
    assert (m.doc_type, m.doc_number, m.doc_symbol, m.issued_date) == (
        "Kế hoạch",
        "12",
        "KH-UBND",
        "2025-03-05",
    )
    assert m.issuer == "Ủy ban nhân dân huyện Văn Quan"
    rows = [t for t in plan.tasks if t.origin == "table"]
    assert [t.task_no for t in rows] == ["1", "2", "3"]
    assert [[a.name for a in t.agencies] for t in rows] == [
        ["Phòng Văn hóa và Thông tin"], ["Phòng Văn hóa và Thông tin"], ["Phòng Nội vụ"],
    ]  # fmt: skip
    assert plan.pages == 0 and all(t.pages == [] for t in plan.tasks)  # Word files have no pages


def test_tracked_changes_keep_insertions_and_drop_deletions(tmp_path: Path) -> None:
    doc = docx.Document()
    p = doc.add_paragraph("Hoàn thành ")
    p._p.append(
        parse_xml(
            f'<w:ins {nsdecls("w")} w:id="1" w:author="a"><w:r><w:t>trước ngày 30/6</w:t></w:r></w:ins>'
        )
    )
    p._p.append(
        parse_xml(
            f'<w:del {nsdecls("w")} w:id="2" w:author="a"><w:r><w:delText>15/6</w:delText></w:r></w:del>'
        )
    )
    doc.save(str(tmp_path / "t.docx"))
    assert [ln.text for ln in read_word(tmp_path / "t.docx", Config()).lines] == [
        "Hoàn thành trước ngày 30/6"
    ]


def test_a_numbered_paragraph_takes_its_list_level_s_indent(tmp_path: Path) -> None:
    """Word indents list items by their level (lvl/pPr/ind) unless the paragraph sets its own."""
    doc = docx.Document()
    numbering = doc.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="91"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/><w:pPr><w:ind w:left="0" w:firstLine="720"/>'
        "</w:pPr></w:lvl></w:abstractNum>"
    ))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="91"><w:abstractNumId w:val="91"/></w:num>'))
    own_indent = '<w:ind w:firstLine="0"/>'
    for text, own in (("Tổ chức hội nghị triển khai.", ""), ("Kiểm tra việc thực hiện.", own_indent)):
        p = doc.add_paragraph(text)
        p._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="91"/></w:numPr>'
        ))
        if own:
            p._p.get_or_add_pPr().append(parse_xml(own.replace("<w:ind", f'<w:ind {nsdecls("w")}')))
    doc.save(str(tmp_path / "n.docx"))
    first, second = read_word(tmp_path / "n.docx", Config()).lines
    assert first.text == "1. Tổ chức hội nghị triển khai." and second.text == "2. Kiểm tra việc thực hiện."
    assert first.box.x0 - second.box.x0 == pytest.approx(36.0)  # 720 twips; the second sets 0


def test_kinh_gui_set_beside_its_list_in_a_table_gives_the_addressees(tmp_path: Path) -> None:
    """Word letters often set "Kính gửi:" in a borderless table's left cell and the list in the
    right one; the list is the letter's addressees, not a table of tasks."""
    doc = docx.Document()
    add_docx_header(doc, "ỦY BAN NHÂN DÂN\nTỈNH NINH BÌNH")
    doc.add_paragraph("V/v rà soát hồ sơ lưu trữ")
    to = doc.add_table(rows=1, cols=2)
    to.cell(0, 0).text = "Kính gửi:"
    to.cell(0, 1).text = "- Các Sở: Nội vụ, Tài chính;\n- UBND các xã, phường."
    doc.add_paragraph("Ủy ban nhân dân tỉnh đề nghị các cơ quan rà soát hồ sơ lưu trữ năm 2025.")
    doc.save(str(tmp_path / "kg.docx"))
    assert read_word(tmp_path / "kg.docx", Config()).tables == []
    assert extract(tmp_path / "kg.docx").addressees == ["Các Sở: Nội vụ, Tài chính", "UBND các xã, phường"]


def test_the_signature_table_s_left_column_stands_at_the_body_s_margin(tmp_path: Path) -> None:
    """Word sets a table out by its cell margin: "Nơi nhận" lines up with the body's text, so the
    body's continuation lines are not taken for indented ones."""
    doc = docx.Document()
    doc.add_paragraph("Các phòng, ban chuyên môn tổ chức thực hiện nghiêm túc nội dung Kế hoạch này, "
                      "báo cáo kết quả về Ủy ban nhân dân huyện trước ngày 15 tháng 12 năm 2025./.")
    closing = doc.add_table(rows=1, cols=2)
    closing.cell(0, 0).text = "Nơi nhận:\n- Như trên;\n- Lưu: VT."
    closing.cell(0, 1).text = "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"
    doc.save(str(tmp_path / "s.docx"))
    by_text = {ln.text: ln for ln in read_word(tmp_path / "s.docx", Config()).lines}
    body = next(ln for text, ln in by_text.items() if text.startswith("Các phòng"))
    assert by_text["Nơi nhận:"].box.x0 == pytest.approx(body.box.x0)


def test_moved_text_and_deleted_rows_follow_the_tracked_changes(tmp_path: Path) -> None:
    doc = docx.Document()
    p = doc.add_paragraph("Tổng kết ")
    p._p.append(parse_xml(
        f'<w:moveFrom {nsdecls("w")} w:id="3" w:author="a"><w:r><w:t>năm 2024 </w:t></w:r></w:moveFrom>'
    ))
    p._p.append(parse_xml(
        f'<w:moveTo {nsdecls("w")} w:id="4" w:author="a"><w:r><w:t>trong tháng 12</w:t></w:r></w:moveTo>'
    ))
    table = doc.add_table(rows=3, cols=2)
    for r, (no, content) in enumerate([("TT", "Nội dung"), ("1", "Rà soát hồ sơ"), ("2", "Số hóa hồ sơ")]):
        table.cell(r, 0).text, table.cell(r, 1).text = no, content
    table.rows[1]._tr.get_or_add_trPr().append(
        parse_xml(f'<w:del {nsdecls("w")} w:id="5" w:author="a"/>')
    )
    doc.save(str(tmp_path / "t.docx"))
    word = read_word(tmp_path / "t.docx", Config())
    assert [ln.text for ln in word.lines] == ["Tổng kết trong tháng 12"]
    (grid,) = word.tables
    assert grid.n_rows == 2 and grid.cell_at(1, 1).lines == ["Số hóa hồ sơ"]


def test_footnotes_are_read_after_the_body(tmp_path: Path) -> None:
    from synth.typeset_docx import Footnotes

    doc = docx.Document()
    p = doc.add_paragraph("Các xã báo cáo kết quả theo Kế hoạch số 20/KH-UBND")
    Footnotes(doc).reference(p, "Hạn gửi báo cáo trước ngày 15/11/2025.")
    doc.add_paragraph("Phòng Nội vụ tổng hợp.")
    doc.save(str(tmp_path / "f.docx"))
    texts = [ln.text for ln in read_word(tmp_path / "f.docx", Config()).lines]
    assert texts == ["Các xã báo cáo kết quả theo Kế hoạch số 20/KH-UBND", "Phòng Nội vụ tổng hợp.",
                     "Hạn gửi báo cáo trước ngày 15/11/2025."]  # fmt: skip


_WPS = (
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)


def _text_box(lines: list[str], x_pt: float, width_pt: float) -> str:
    """A text box as Word writes it: DrawingML anchored at x, and the VML copy for old readers."""
    centred = '<w:pPr><w:jc w:val="center"/></w:pPr>'
    paras = "".join(f"<w:p>{centred}<w:r><w:t>{t}</w:t></w:r></w:p>" for t in lines)
    emu = int(width_pt * 12700)
    return (
        f'<w:r {nsdecls("w")} {_WPS}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0" '
        'locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="page"><wp:posOffset>{int(x_pt * 12700)}</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="page"><wp:posOffset>500000</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{emu}" cy="900000"/><wp:wrapNone/><wp:docPr id="1" name="Text Box 1"/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        f"<wps:wsp><wps:txbx><w:txbxContent>{paras}</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp>"
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict>"
        f'<v:shape style="position:absolute;margin-left:{x_pt}pt;width:{width_pt}pt">'
        f"<v:textbox><w:txbxContent>{paras}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )


def test_a_header_drawn_in_text_boxes_reads_as_its_two_columns(tmp_path: Path) -> None:
    doc = docx.Document()
    anchor = doc.add_paragraph()
    anchor._p.append(parse_xml(_text_box(["ỦY BAN NHÂN DÂN", "HUYỆN VĂN QUAN", "Số: 12/KH-UBND"], 60, 200)))
    motto = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
             "Văn Quan, ngày 05 tháng 3 năm 2025"]  # fmt: skip
    anchor._p.append(parse_xml(_text_box(motto, 270, 290)))
    doc.add_paragraph("KẾ HOẠCH").alignment = 1
    doc.add_paragraph("Chuyển đổi số năm 2025").alignment = 1
    doc.save(str(tmp_path / "b.docx"))
    lines = read_word(tmp_path / "b.docx", Config()).lines
    texts = [ln.text for ln in lines]
    assert texts.count("HUYỆN VĂN QUAN") == 1  # not again from the VML copy
    by_text = {ln.text: ln for ln in lines}
    assert by_text["HUYỆN VĂN QUAN"].box.cx < 297 < by_text["Độc lập - Tự do - Hạnh phúc"].box.cx
    assert by_text["HUYỆN VĂN QUAN"].box.top < by_text["KẾ HOẠCH"].box.top  # beside, then below
    m = extract(tmp_path / "b.docx").metadata
    assert (m.doc_symbol, m.issued_date) == ("KH-UBND", "2025-03-05")
    assert m.issuer == "Ủy ban nhân dân huyện Văn Quan"


def test_a_field_reads_as_the_value_it_shows(tmp_path: Path) -> None:
    doc = docx.Document()
    simple = doc.add_paragraph("Văn Quan, ")
    simple._p.append(parse_xml(
        f'<w:fldSimple {nsdecls("w")} w:instr=" DATE \\@ &quot;dd/MM/yyyy&quot; ">'
        "<w:r><w:t>05/3/2025</w:t></w:r></w:fldSimple>"
    ))
    complex_ = doc.add_paragraph("Xem Phụ lục ")
    runs = ['<w:fldChar w:fldCharType="begin"/>', '<w:instrText xml:space="preserve"> REF PL1 </w:instrText>',
            '<w:fldChar w:fldCharType="separate"/>', "<w:t>II</w:t>", '<w:fldChar w:fldCharType="end"/>']
    for run in runs:  # a complex field: its instruction is not shown, its result is
        complex_._p.append(parse_xml(f'<w:r {nsdecls("w")}>{run}</w:r>'))
    doc.save(str(tmp_path / "d.docx"))
    assert [ln.text for ln in read_word(tmp_path / "d.docx", Config()).lines] == [
        "Văn Quan, 05/3/2025", "Xem Phụ lục II",
    ]  # fmt: skip


def test_external_targets_are_never_fetched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A linked image and a hyperlink pointing outside the package: read without a network."""
    import socket

    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("a Word file was read over the network")

    doc = docx.Document()
    image = doc.part.relate_to("http://192.0.2.1/logo.png", RT.IMAGE, is_external=True)
    link = doc.part.relate_to("http://192.0.2.1/ke-hoach", RT.HYPERLINK, is_external=True)
    p = doc.add_paragraph("Chi tiết tại ")
    p._p.append(parse_xml(
        f'<w:hyperlink {nsdecls("w", "r")} r:id="{link}">'
        "<w:r><w:t>Cổng thông tin huyện</w:t></w:r></w:hyperlink>"
    ))
    p._p.append(parse_xml(
        f'<w:r {nsdecls("w", "r")} {_WPS} '
        'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><w:drawing><wp:inline>'
        '<wp:extent cx="100000" cy="100000"/><wp:docPr id="2" name="Logo"/><a:graphic>'
        '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>'
        f'<pic:blipFill><a:blip r:link="{image}"/></pic:blipFill></pic:pic></a:graphicData></a:graphic>'
        "</wp:inline></w:drawing></w:r>"
    ))
    doc.save(str(tmp_path / "x.docx"))
    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    assert [ln.text for ln in read_word(tmp_path / "x.docx", Config()).lines] == [
        "Chi tiết tại Cổng thông tin huyện"
    ]
    extract(tmp_path / "x.docx")  # the whole pipeline too


def test_a_paragraph_takes_alignment_bold_and_size_from_its_style(tmp_path: Path) -> None:
    """A title centred and bold by a heading style (basedOn Normal), not by hand."""
    doc = docx.Document()
    doc.styles.element.append(parse_xml(
        f'<w:style {nsdecls("w")} w:type="paragraph" w:styleId="TieuDe"><w:name w:val="Tieu de"/>'
        '<w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:b/><w:sz w:val="28"/>'
        "</w:rPr></w:style>"
    ))
    doc.add_paragraph("KẾ HOẠCH").style = doc.styles["Tieu de"]
    doc.add_paragraph("Tổ chức Hội khỏe Phù Đổng năm 2025").style = doc.styles["Tieu de"]
    body = doc.add_paragraph("Ủy ban nhân dân xã ban hành Kế hoạch như sau:")
    doc.save(str(tmp_path / "s.docx"))
    kind, title, text = read_word(tmp_path / "s.docx", Config()).lines
    assert kind.box.cx == pytest.approx(title.box.cx, abs=1) and title.box.x0 > text.box.x0 + 50
    assert {w.size for w in title.words} == {14.0} and body.style.name == "Normal"


def _signed_with(tmp_path: Path, name_line: str) -> Path:
    """A plan whose signer's name is typed in a paragraph under the signature table."""
    doc = docx.Document()
    add_docx_header(doc)
    doc.add_paragraph("KẾ HOẠCH").alignment = 1
    doc.add_paragraph("Phòng Nội vụ tổ chức thực hiện Kế hoạch này./.")
    closing = doc.add_table(rows=1, cols=2)
    closing.cell(0, 0).text = "Nơi nhận:\n- Như trên;\n- Lưu: VT."
    closing.cell(0, 1).text = "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"
    doc.add_paragraph(name_line)
    path = tmp_path / f"signed-{len(name_line)}.docx"
    doc.save(str(path))
    return path


@pytest.mark.parametrize("typed", [" " * 80, "\t" * 7], ids=["spaces", "tabs"])
def test_spaces_typed_before_the_text_push_it_right(tmp_path: Path, typed: str) -> None:
    """The signer's name moved under the right column with the space bar or tabs: it stands
    there, as printed, and is read as the signer."""
    path = _signed_with(tmp_path, typed + "Hoàng Văn Tám")
    assert read_word(path, Config()).lines[-1].box.x0 > 297
    assert extract(path).metadata.signer_name == "Hoàng Văn Tám"


def test_a_centred_paragraph_wraps_into_centred_lines(tmp_path: Path) -> None:
    """A long title: its wrapped lines keep their own width about the centre, not justified."""
    doc = docx.Document()
    doc.add_paragraph("Tăng cường công tác phòng, chống thiên tai, tìm kiếm cứu nạn và bảo đảm an "
                      "toàn hồ đập trên địa bàn huyện trong mùa mưa lũ năm 2025").alignment = 1
    doc.save(str(tmp_path / "c.docx"))
    first, *rest = read_word(tmp_path / "c.docx", Config()).lines
    assert rest and all(ln.box.cx == pytest.approx(first.box.cx, abs=0.5) for ln in rest)
    gaps = [w.box.x0 - v.box.x1 for v, w in itertools.pairwise(first.words)]
    space = CHAR_WIDTH * first.words[0].size / 13.0  # the builder's width of a space
    assert gaps == pytest.approx([space] * len(gaps))  # one space between words, no more


def test_vietnamese_and_roman_counters() -> None:
    assert [format_number(n, "upperRoman") for n in (1, 4, 9, 14)] == ["I", "IV", "IX", "XIV"]
    assert [format_number(n, "lowerLetter") for n in (1, 26, 27)] == ["a", "z", "aa"]


def test_a_docx_that_is_not_a_zip_is_an_input_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"%PDF-1.4 not a word file")
    with pytest.raises(InputError, match="zip"):
        read_word(bad, Config())


def test_an_encrypted_office_file_is_an_input_error(tmp_path: Path) -> None:
    ole = tmp_path / "locked.docx"
    ole.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    with pytest.raises(InputError, match="encrypted"):
        read_word(ole, Config())


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"")
        for i in range(3):
            z.writestr(f"word/media/big{i}.bin", bytes(80 * 1024 * 1024))
    with pytest.raises(LimitError, match="unpacks"):
        read_word(bomb, Config())


def test_a_macro_enabled_file_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "m.docm").write_bytes(b"PK")
    with pytest.raises(InputError, match="macro"):
        read_word(tmp_path / "m.docm", Config())


def _to_doc(docx_file: Path, out: Path) -> Path:
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{out / 'profile'}", "--headless",
         "--convert-to", "doc", "--outdir", str(out), str(docx_file)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    return out / f"{docx_file.stem}.doc"


NO_SOFFICE = "LibreOffice (soffice) is not installed: .doc files are converted with it, and cannot be here"


@pytest.mark.skipif(shutil.which("soffice") is None, reason=NO_SOFFICE)
def test_a_doc_file_is_converted_and_read(plan_docx: Path, tmp_path: Path) -> None:
    doc = _to_doc(plan_docx, tmp_path)
    plan = extract(doc)
    assert (plan.metadata.doc_symbol, plan.metadata.issued_date) == ("KH-UBND", "2025-03-05")
    rows = [t for t in plan.tasks if t.origin == "table"]  # the merged lead cell survives the trip
    assert [(t.task_no, t.content, [a.name for a in t.agencies]) for t in rows] == [
        ("1", "Tập huấn chuyển đổi số", ["Phòng Văn hóa và Thông tin"]),
        ("2", "Số hóa hồ sơ", ["Phòng Văn hóa và Thông tin"]),
        ("3", "Tổng kết", ["Phòng Nội vụ"]),
    ]
    texts = [ln.text for ln in read_word(doc, Config()).lines]
    assert "1. Phòng Nội vụ:" in texts and "b) Báo cáo kết quả trước ngày 30/6/2025." in texts


@pytest.mark.skipif(shutil.which("soffice") is None, reason=NO_SOFFICE)
def test_a_generated_plan_saved_as_doc_reads_as_its_truth(word_corpus: Path, tmp_path: Path) -> None:
    name = f"kh-pctt-trang-dinh-2025{WORD_SUFFIX}"  # cells merged down blocks of rows
    doc = _to_doc(word_corpus / "docs" / f"{name}.docx", tmp_path)
    truth = json.loads((word_corpus / "truth" / f"{name}.json").read_text("utf-8"))
    score = score_document(document_json(extract_document(doc, doc.name, Config())), truth)
    total = score.tasks["table"] + score.tasks["text"]
    assert (total.f1, total.agency, score.meta_ok) == (1.0, 1.0, score.meta_n), score.misses


def test_without_libreoffice_a_doc_file_is_an_error_that_says_so(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(InputError, match="LibreOffice"):
        read_word(tmp_path / "old.doc", Config())


# --- the generated plans as Word files ----------------------------------------------------------

WORD_DOCS = sorted(e.name + WORD_SUFFIX for e in entries())


@pytest.fixture(scope="module")
def word_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("word-corpus")
    assert sorted(generate(out, only=set(WORD_DOCS))) == WORD_DOCS
    return out


@pytest.mark.parametrize("name", WORD_DOCS)
def test_a_generated_word_plan_reads_as_its_truth(word_corpus: Path, name: str) -> None:
    """Every task found with its agencies: the Word file holds the text itself, nothing to OCR."""
    doc = word_corpus / "docs" / f"{name}.docx"
    truth = json.loads((word_corpus / "truth" / f"{name}.json").read_text("utf-8"))
    record = document_json(extract_document(doc, doc.name, Config()))
    score = score_document(record, truth)
    total = score.tasks["table"] + score.tasks["text"]
    assert (total.f1, total.agency) == (1.0, 1.0), score.misses
    assert all(t["pages"] == [] for t in record["tasks"])


def _part(word_corpus: Path, entry: str, part: str) -> str:
    with zipfile.ZipFile(word_corpus / "docs" / f"{entry}{WORD_SUFFIX}.docx") as z:
        return z.read(part).decode()


def test_the_word_plan_numbers_its_items_with_word_s_numbering(word_corpus: Path) -> None:
    body = _part(word_corpus, "ct-pctt-cao-bang-2024", "word/document.xml")
    numbering = _part(word_corpus, "ct-pctt-cao-bang-2024", "word/numbering.xml")
    assert "<w:numPr>" in body and 'w:numFmt w:val="lowerLetter"' in numbering
    assert ">1. " not in body and ">a) " not in body  # no typed item numbers or letters


def test_the_word_plan_merges_cells_down_and_across(word_corpus: Path) -> None:
    merged = _part(word_corpus, "kh-pctt-trang-dinh-2025", "word/document.xml")
    assert '<w:vMerge w:val="restart"/>' in merged and "<w:vMerge/>" in merged  # a lead for a block
    two_rows = _part(word_corpus, "kh-ntm-nong-cong-2025", "word/document.xml")
    assert '<w:gridSpan w:val="2"/>' in two_rows  # "Cơ quan thực hiện" over Chủ trì | Phối hợp
    assert '<w:gridSpan w:val="5"/>' in two_rows  # a period row across the table


def test_generated_word_files_are_deterministic(word_corpus: Path, tmp_path: Path) -> None:
    name = f"cv-cds-binh-gia-2025{WORD_SUFFIX}"
    generate(tmp_path, only={name})
    again, first = (folder / "docs" / f"{name}.docx" for folder in (tmp_path, word_corpus))
    assert again.read_bytes() == first.read_bytes()
