"""Header and signature facts as offices print them (Nghị định 30/2020 layout): issuer, place and
date, subject, signer. Every header below is made up."""

from __future__ import annotations

import pytest

from pipeline.agencies.matcher import AgencyMatcher
from pipeline.layout.lines import Paragraph
from pipeline.model import Box, Line, Page, PageSource, Word
from pipeline.structure.metadata import HeaderFacts, official_title, signer, subject_text
from pipeline.structure.plan import (
    DocumentLayout,
    _closing,
    _closing_index,
    _issuer,
    _signature_rows,
    build_plan,
)

WIDTH, LEFT, RIGHT = 595.0, 85.0, 540.0
CHAR = 5.6  # points per character of 13-point Times, near enough for a layout


@pytest.fixture(scope="module")
def matcher() -> AgencyMatcher:
    return AgencyMatcher.load()


def line(text: str, x0: float | None = None, top: float = 0.0, x1: float | None = None) -> Line:
    """A line of words; centred on the text column unless x0 or x1 is given."""
    width = len(text) * CHAR if x1 is None or x0 is None else x1 - x0
    if x0 is None:
        x0 = (LEFT + RIGHT - width) / 2 if x1 is None else x1 - width
    words, x = [], x0
    for w in text.split():
        words.append(Word(w, Box(x, top, x + len(w) * CHAR * width / (len(text) * CHAR), top + 13)))
        x = words[-1].box.x1 + CHAR * width / (len(text) * CHAR)
    return Line(words, 1)


def document(*rows: tuple[str, float | None, float | None]) -> DocumentLayout:
    """Lines top to bottom, each (text, x0, x1) with None for "centred"."""
    lines = [line(text, x0, 60.0 + 15 * i, x1) for i, (text, x0, x1) in enumerate(rows)]
    page = Page(1, WIDTH, 842.0, [w for ln in lines for w in ln.words], [], PageSource.TEXT)
    return DocumentLayout(pages=[page], lines=lines)


HEADER = [
    ("ỦY BAN NHÂN DÂN", 110.0, None),
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 300.0, None),
    ("TỈNH NINH BÌNH", 115.0, None),
    ("Độc lập - Tự do - Hạnh phúc", 330.0, None),
    ("Số: 25/KH-UBND", 115.0, None),
    ("Ninh Bình, ngày 14 tháng 3 năm 2025", 310.0, None),
]
BODY = [  # the first paragraph indented 1.27 cm, then lines from margin to margin
    ("Căn cứ Quyết định số 10/QĐ-UBND ngày 02/01/2025 của Ủy ban nhân dân tỉnh Ninh", 121.0, RIGHT),
    ("Bình về việc ban hành kế hoạch công tác năm 2025 của tỉnh;", LEFT, 400.0),
    ("1. Sở Nội vụ chủ trì tổng hợp, báo cáo kết quả trước ngày 30/11/2025.", 121.0, RIGHT),
]


def test_a_subject_over_three_lines_ends_at_the_indented_body(matcher: AgencyMatcher) -> None:
    layout = document(
        *HEADER,
        ("KẾ HOẠCH", None, None),
        ("Triển khai Chương trình chuyển đổi số trong các cơ quan hành chính nhà nước và", 88.0, 537.0),
        ("đơn vị sự nghiệp công lập trên địa bàn tỉnh Ninh Bình, giai đoạn 2025 - 2030", 87.0, 538.0),
        ("và định hướng đến năm 2035", None, None),
        *BODY,
    )
    m = build_plan(layout, matcher).metadata
    assert m.title == (
        "Triển khai Chương trình chuyển đổi số trong các cơ quan hành chính nhà nước và đơn vị sự "
        "nghiệp công lập trên địa bàn tỉnh Ninh Bình, giai đoạn 2025 - 2030 và định hướng đến năm 2035"
    )
    assert (m.doc_type, m.issuer, m.place, m.issued_date) == (
        "Kế hoạch", "Ủy ban nhân dân tỉnh Ninh Bình", "Ninh Bình", "2025-03-14")


def test_a_subject_under_the_kind_keeps_ve_viec(matcher: AgencyMatcher) -> None:
    layout = document(
        *HEADER[:4], ("Số: 7/TB-UBND", 115.0, None), HEADER[5],
        ("THÔNG BÁO", None, None),
        ("Về việc tổ chức tập huấn nghiệp vụ văn thư, lưu trữ năm 2025.", None, None),
        *BODY,
    )
    assert build_plan(layout, matcher).metadata.title == (
        "Về việc tổ chức tập huấn nghiệp vụ văn thư, lưu trữ năm 2025")


def test_a_decisions_subject_stops_at_the_authority_in_capitals(matcher: AgencyMatcher) -> None:
    layout = document(
        *HEADER[:4], ("Số: 31/QĐ-UBND", 115.0, None), HEADER[5],
        ("QUYẾT ĐỊNH", None, None),
        ("V/v thành lập Tổ công tác rà soát thủ tục hành chính", None, None),
        ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH NINH BÌNH", None, None),
        *BODY,
    )
    assert build_plan(layout, matcher).metadata.title == "thành lập Tổ công tác rà soát thủ tục hành chính"


def test_a_subject_set_flush_left_ends_at_the_indented_body(matcher: AgencyMatcher) -> None:
    """Word files may set the subject flush left; the next paragraph's indent still ends it."""
    layout = document(
        *HEADER, ("KẾ HOẠCH", None, None),
        ("Tuyên truyền phổ biến pháp luật năm 2025", LEFT, None),
        ("Thực hiện Chương trình phổ biến, giáo dục pháp luật giai đoạn 2022 - 2027, Ủy ban", 113.0, RIGHT),
        ("nhân dân tỉnh ban hành Kế hoạch như sau:", LEFT, 300.0),
    )
    assert build_plan(layout, matcher).metadata.title == "Tuyên truyền phổ biến pháp luật năm 2025"


def test_a_letters_subject_under_its_number_with_or_without_vv(matcher: AgencyMatcher) -> None:
    letter = [*HEADER[:4], ("Số: 118/UBND-KT", 115.0, None), HEADER[5]]
    tail = [("Kính gửi: Sở Tài chính.", 200.0, None),
            ("Ủy ban nhân dân tỉnh nhận được văn bản số 45/STC ngày 02/3/2025 về việc", 121.0, RIGHT)]
    with_vv = document(*letter, ("V/v góp ý dự thảo quy chế", 80.0, None),
                       ("quản lý tài sản công.", 100.0, None), *tail)
    assert build_plan(with_vv, matcher).metadata.title == "góp ý dự thảo quy chế quản lý tài sản công"
    without = document(*letter, ("Về tăng cường quản lý", 80.0, None), ("tài sản công", 100.0, None), *tail)
    m = build_plan(without, matcher).metadata
    assert (m.doc_type, m.title) == ("Công văn", "Về tăng cường quản lý tài sản công")


ISSUERS = [
    (["UBND TỈNH NINH BÌNH", "SỞ NỘI VỤ"], "Sở Nội vụ tỉnh Ninh Bình"),
    (["ỦY BAN NHÂN DÂN", "TINH CAO BANG"], "Ủy ban nhân dân tỉnh Cao Bằng"),  # marks lost
    (["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HỒ CHÍ MINH", "SỞ TƯ PHÁP"], "Sở Tư pháp Thành phố Hồ Chí Minh"),
    (["UBND TỈNH NINH BÌNH", "VĂN PHÒNG"], "Văn phòng Ủy ban nhân dân tỉnh Ninh Bình"),
    (["ỦY BAN MTTQ VIỆT NAM", "XÃ AN PHÚ", "BAN THƯỜNG TRỰC"],
     "Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam xã An Phú"),
    (["ỦY BAN BẦU CỬ XÃ AN PHÚ", "TIỂU BAN AN NINH, TRẬT TỰ,", "Y TẾ"],
     "Tiểu ban An ninh, trật tự, y tế Ủy ban bầu cử xã An Phú"),
    (["UBND TỈNH HÀ TĨNH", "BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ"], "Ban Chỉ đạo chuyển đổi số tỉnh Hà Tĩnh"),
    (["UBND TỈNH HÀ TĨNH", "BAN CHỈ ĐẠO THỰC HIỆN", "CHƯƠNG TRÌNH 135"],
     "Ban Chỉ đạo thực hiện Chương trình 135 tỉnh Hà Tĩnh"),
    (["SỞ Y TẾ NGHỆ AN", "BỆNH VIỆN ĐA KHOA TỈNH"], "Bệnh viện đa khoa tỉnh Nghệ An"),
    (["BỘ XÂY DỰNG", "TRƯỜNG ĐẠI HỌC KIẾN TRÚC"], "Trường Đại học Kiến trúc"),
    (["SỞ GD&ĐT AN GIANG", "TRƯỜNG THPT LONG XUYÊN"], "Trường Trung học phổ thông Long Xuyên"),
    (["UBND HUYỆN AN PHÚ", "ỦY BAN NHÂN DÂN XÃ AN THẠNH"], "Ủy ban nhân dân xã An Thạnh"),
]


@pytest.mark.parametrize(("lines", "issuer"), ISSUERS)
def test_the_issuer_is_the_last_body_of_the_header(
    matcher: AgencyMatcher, lines: list[str], issuer: str
) -> None:
    header = HeaderFacts(issuer_lines=lines, number="", symbol="", place="", date=None, doc_type="", title="")
    assert _issuer(header, [Paragraph(lines=[], text="Căn cứ Luật Tổ chức chính quyền địa phương;")],
                   matcher) == issuer


def test_the_place_of_the_date_line_is_spelled_as_the_places_list_has_it(matcher: AgencyMatcher) -> None:
    layout = document(*HEADER[:5], ("Cao Bang, ngày 14 tháng 3 năm 2025", 310.0, None),
                      ("KẾ HOẠCH", None, None), ("Công tác văn thư năm 2025", None, None), *BODY)
    assert build_plan(layout, matcher).metadata.place == "Cao Bằng"


SIGNERS = [
    (["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Văn An"], ("Phó Chủ tịch", "Lê Văn An")),
    (["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Thị Bình"],
     ("Phó Chủ tịch", "Trần Thị Bình")),
    (["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Mai Văn Cúc"], ("Chủ tịch", "Mai Văn Cúc")),
    (["KT.HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG", "Vũ Thị Hoa"], ("Phó Hiệu trưởng", "Vũ Thị Hoa")),
    (["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "Thiếu tướng Hoàng Văn Em"], ("Thứ trưởng", "Hoàng Văn Em")),
    (["TL. BỘ TRƯỞNG", "VỤ TRƯỞNG", "VỤ PHÁP CHẾ", "Ngô Văn Cường"],
     ("Vụ trưởng Vụ Pháp chế", "Ngô Văn Cường")),
    (["TL. HIỆU TRƯỞNG", "TRƯỞNG PHÒNG ĐÀO TẠO", "Phan Văn Dũng"], ("Trưởng phòng Đào tạo", "Phan Văn Dũng")),
    # the post under a seal read as specks: none, rather than the specks
    (["KT. GIÁM ĐỐC", "+ '® ĐÓC", "Lý Văn Minh"], ("", "Lý Văn Minh")),
    # a second post printed under the name is not the one signed with
    (["TM. TIỂU BAN", "TRƯỞNG TIỂU BAN", "Đỗ Văn Giang", "CHỦ TỊCH HỘI NÔNG DÂN XÃ"],
     ("Trưởng Tiểu ban", "Đỗ Văn Giang")),
]


@pytest.mark.parametrize(("block", "who"), SIGNERS)
def test_the_signer_is_the_post_under_the_signing_line(block: list[str], who: tuple[str, str]) -> None:
    assert signer(block) == who


def test_a_post_keeps_the_case_of_its_unit() -> None:
    assert official_title("PHÓ TRƯỞNG PHÒNG QUẢN LÝ DỰ ÁN") == "Phó Trưởng phòng Quản lý dự án"


def test_recipients_of_a_file_in_the_body_do_not_start_the_closing() -> None:
    lines = [line("Nơi nhận hồ sơ: Bộ phận một cửa, 12 đường Trần Phú.", 121.0, 0.0, RIGHT),
             line("Nơi nhận:", 64.0, 20.0)]
    assert _closing_index(lines) == 1


def test_the_name_set_after_the_recipients_list_is_the_signers() -> None:
    """Word files may put the name in a paragraph of its own under the signature table."""
    closing = [line("Nơi nhận:", 64.0, 0.0), line("KT. CHỦ TỊCH", 396.0, 0.0),
               line("- Như trên;", 64.0, 15.0), line("PHÓ CHỦ TỊCH", 396.0, 15.0),
               line("- Lưu: VT, TH.", 64.0, 30.0), line("Lý Văn Khánh", LEFT, 90.0)]
    recipients, who = _closing(closing, WIDTH, {})
    assert recipients == ["Như trên", "Lưu: VT, TH"]
    assert who == ("Phó Chủ tịch", "Lý Văn Khánh")



def test_a_footnote_under_the_signature_gives_no_name() -> None:
    """A note under the closing (who attended, in full-width lines) may end in a place's name."""
    closing = [line("Nơi nhận:", 64.0, 0.0), line("TL. CHỦ TỊCH", 396.0, 0.0),
               line("- Như trên;", 64.0, 15.0), line("CHÁNH VĂN PHÒNG", 396.0, 15.0),
               line("- Lưu: VT.", 64.0, 30.0), line("Trần Thị Hoa", 400.0, 80.0),
               line("Tham dự họp có đại diện các sở, ngành và Ủy ban nhân dân các xã: An Phú,",
                    LEFT, 120.0, RIGHT),
               line("Tân Lập.", LEFT, 132.0)]
    assert _closing(closing, WIDTH, {})[1] == ("Chánh Văn phòng", "Trần Thị Hoa")

NUMBERS = [
    ("Số: 25/KH-UBND", "25", "KH-UBND"),
    ("Số: /QĐ-UBND", "", "QĐ-UBND"),  # left for the number stamped when it is signed
    ("Sô: 25/KH-UBND", "25", "KH-UBND"),  # a mark read wrong
    ("Só:25 KH-SYT", "25", "KH-SYT"),  # the slash lost
    ("Số:„4⁄⁄/ê/TB-ĐHXD", "", "TB-ĐHXD"),  # a number by pen read as junk: not guessed
    ("Số: 12/2025/QĐ-UBND", "12", "QĐ-UBND"),  # a legal normative document's year between them
    ("Số: 03/2024/TTLT-BTC-BNV", "03", "TTLT-BTC-BNV"),
]


@pytest.mark.parametrize(("printed", "number", "symbol"), NUMBERS)
def test_the_number_line_as_printed_and_as_ocr_reads_it(
    matcher: AgencyMatcher, printed: str, number: str, symbol: str
) -> None:
    layout = document(*HEADER[:4], (printed, 115.0, None), HEADER[5], ("KẾ HOẠCH", None, None),
                      ("Công tác văn thư năm 2025", None, None), *BODY)
    m = build_plan(layout, matcher).metadata
    assert (m.doc_number, m.doc_symbol) == (number, symbol)


def test_a_body_line_with_a_hyphened_code_is_not_the_number(matcher: AgencyMatcher) -> None:
    layout = document(("UBND TỈNH NINH BÌNH", 110.0, None), ("SỞ GD-ĐT", 120.0, None), *HEADER[3:],
                      ("KẾ HOẠCH", None, None), ("Công tác văn thư năm 2025", None, None), *BODY)
    m = build_plan(layout, matcher).metadata
    assert (m.doc_number, m.doc_symbol) == ("25", "KH-UBND")
    assert m.issuer == "Sở Giáo dục và Đào tạo tỉnh Ninh Bình"


def test_without_recipients_the_signature_is_the_right_column_at_the_end(matcher: AgencyMatcher) -> None:
    signature = [("KT. CHỦ TỊCH", 396.0, None), ("PHÓ CHỦ TỊCH", 396.0, None), ("Lý Văn Khánh", 400.0, None)]
    layout = document(*HEADER, ("KẾ HOẠCH", None, None), ("Công tác văn thư năm 2025", None, None), *BODY,
                      *signature)
    m = build_plan(layout, matcher).metadata
    assert (m.signer_title, m.signer_name) == ("Phó Chủ tịch", "Lý Văn Khánh")


def test_an_attachment_after_the_closing_page_is_not_the_signature() -> None:
    closing = [line("Nơi nhận:", 64.0, 700.0), line("CHỦ TỊCH", 420.0, 700.0),
               line("- Như trên;", 64.0, 715.0), line("- Lưu: VT.", 64.0, 730.0)]
    form = [line(text, x0, 60.0 + 15 * i) for i, (text, x0) in enumerate(
        [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 300.0), ("PHIẾU ĐĂNG KÝ", 260.0),
         ("Họ và tên người đăng ký", 64.0), ("Ngày sinh", 64.0), ("Địa chỉ", 64.0), ("Số điện thoại", 64.0),
         ("Nơi công tác", 64.0), ("Ghi chú", 64.0), ("TRƯỞNG ĐƠN VỊ", 400.0), ("Người đăng ký", 400.0),
         ("Trần Văn Lâm", 400.0)])]
    for ln in form:
        ln.page = 2
    assert _closing(closing + form, WIDTH, {}) == (["Như trên", "Lưu: VT"], ("Chủ tịch", ""))


def test_a_line_in_capitals_after_the_subject_is_the_issuers(matcher: AgencyMatcher) -> None:
    """A Word header laid out column by column may give the V/v lines before the issuer's."""
    layout = document(("V/v rà soát hồ sơ", 90.0, None), ("lưu trữ năm 2025", 100.0, None), *HEADER[:4],
                      ("Số: 40/UBND-VP", 115.0, None), HEADER[5], ("Kính gửi: Sở Nội vụ.", 200.0, None),
                      ("Ủy ban nhân dân tỉnh đề nghị Sở Nội vụ rà soát hồ sơ lưu trữ.", 121.0, RIGHT))
    m = build_plan(layout, matcher).metadata
    assert (m.title, m.issuer) == ("rà soát hồ sơ lưu trữ năm 2025", "Ủy ban nhân dân tỉnh Ninh Bình")


def test_without_recipients_an_appendix_is_not_the_signature(matcher: AgencyMatcher) -> None:
    signature = [("CHỦ TỊCH", 420.0, None), ("Lý Văn Khánh", 400.0, None)]
    appendix = [("PHỤ LỤC", None, None), ("DANH SÁCH CÁC ĐƠN VỊ", None, None), ("Mẫu số 01", 400.0, None),
                ("NGƯỜI LẬP BIỂU", 400.0, None), ("Trần Văn Lâm", 400.0, None)]
    layout = document(*HEADER, ("KẾ HOẠCH", None, None), ("Công tác văn thư năm 2025", None, None), *BODY,
                      *signature, *appendix)
    m = build_plan(layout, matcher).metadata
    assert (m.signer_title, m.signer_name) == ("Chủ tịch", "Lý Văn Khánh")


@pytest.mark.parametrize(
    ("printed", "title"),
    [
        # no final stop
        (["V/v tổng kết công tác", "văn thư năm 2025."], "tổng kết công tác văn thư năm 2025"),
        (["V/v rà soát các khoản thu, chi..."], "rà soát các khoản thu, chi..."),  # an ellipsis stays
    ],
)
def test_a_subject_has_no_final_full_stop(printed: list[str], title: str) -> None:
    assert subject_text(printed) == title


def test_an_addressee_wrapped_onto_its_own_line_is_one_name(matcher: AgencyMatcher) -> None:
    """A long name in the "Kính gửi" list runs onto a second line set under it; the body's first
    paragraph, at its own indent, is not part of the list."""
    layout = document(
        *HEADER[:4], ("Số: 52/UBND-VX", 115.0, None), HEADER[5], ("V/v báo cáo kết quả năm 2025", 80.0, None),
        ("Kính gửi:", 200.0, None),
        ("- Các cơ quan thành viên Ban Chỉ đạo phòng, chống tội phạm", 230.0, None),
        ("và tệ nạn xã hội tỉnh;", 230.0, None),
        ("- Ủy ban nhân dân các xã, phường.", 230.0, None),
        ("Ủy ban nhân dân tỉnh đề nghị các cơ quan báo cáo kết quả thực hiện năm 2025.", 121.0, RIGHT),
    )
    assert build_plan(layout, matcher).addressees == [
        "Các cơ quan thành viên Ban Chỉ đạo phòng, chống tội phạm và tệ nạn xã hội tỉnh",
        "Ủy ban nhân dân các xã, phường",
    ]


def test_two_rows_of_the_signature_run_together_by_ocr_are_parted() -> None:
    """Under a seal OCR may give "KT. GIÁM ĐỐC" over "PHÓ GIÁM ĐỐC" as one line, the words of the
    two rows interleaved; a seal's stroke across both rows is no word of either."""
    top, low = line("KT. GIÁM ĐỐC", 380.0, 180.0), line("PHÓ GIÁM ĐỐC", 378.0, 196.0)
    seal = Word("~", Box(410.0, 176.0, 428.0, 212.0), conf=10.0)
    inked = low.words[1]  # a letter with a stroke of the seal on it reads taller
    low.words[1] = Word(inked.text, Box(inked.box.x0, inked.box.top, inked.box.x1, inked.box.bottom + 8))
    merged = Line(sorted([*top.words, *low.words, seal], key=lambda w: w.box.x0), 1)
    assert _signature_rows(merged) == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]
    assert signer(_signature_rows(merged)) == ("Phó Giám đốc", "")
    assert _signature_rows(line("KT. GIÁM ĐỐC", 380.0, 180.0)) == ["KT. GIÁM ĐỐC"]


def test_a_name_parted_by_the_pen_s_strokes_is_read_whole() -> None:
    """The signature's strokes cross the name: OCR reads lone marks in it and may part the row."""
    closing = [line("Nơi nhận:", 64.0, 0.0), line("TM. ỦY BAN NHÂN DÂN", 380.0, 0.0),
               line("- Như trên;", 64.0, 15.0), line("CHỦ TỊCH", 410.0, 15.0),
               line("- Lưu: VT.", 64.0, 30.0), line("_— Lê x", 390.0, 80.0), line("Văn x Hòa", 440.0, 80.0)]
    assert _closing(closing, WIDTH, {})[1] == ("Chủ tịch", "Lê Văn Hòa")


def test_a_long_centred_subject_line_is_not_the_body_s_indented_first_line(matcher: AgencyMatcher) -> None:
    """A subject line almost as wide as the column, centred a little off on a scan, leaves room
    on both sides; the body's first line is indented and runs to the right margin."""
    layout = document(
        *HEADER,
        ("KẾ HOẠCH", None, None),
        ("Thực hiện Chương trình chuyển đổi số trong các cơ quan nhà nước trên địa bàn tỉnh", 106.0, 530.0),
        ("giai đoạn 2025 - 2030", None, None),
        *BODY,
    )
    assert build_plan(layout, matcher).metadata.title == (
        "Thực hiện Chương trình chuyển đổi số trong các cơ quan nhà nước trên địa bàn tỉnh "
        "giai đoạn 2025 - 2030"
    )


@pytest.mark.parametrize(
    ("kind_line", "number", "doc_type"),
    [
        ("THÔNG TƯ LIÊN TỊCH", "Số: 01/2016/TTLT-TANDTC-VKSNDTC-BTP", "Thông tư liên tịch"),
        ("NGHỊ ĐỊNH", "Số: 30/2020/NĐ-CP", "Nghị định"),
        ("NGHỊ QUYẾT", "Số: 12/NQ-CP", "Nghị quyết"),
        (None, "Số: 01/2016/TTLT-TANDTC-VKSNDTC-BTP", "Thông tư liên tịch"),  # the kind line lost
        (None, "Số: 25/KH-UBND", "Kế hoạch"),
    ],
)
def test_the_kind_is_its_line_or_else_its_symbols(
    matcher: AgencyMatcher, kind_line: str | None, number: str, doc_type: str
) -> None:
    header = [row if not row[0].startswith("Số:") else (number, 115.0, None) for row in HEADER]
    kind = [(kind_line, None, None)] if kind_line else []
    layout = document(*header, *kind, ("Quy định chi tiết một số điều", None, None), *BODY)
    assert build_plan(layout, matcher).metadata.doc_type == doc_type


def test_a_letters_symbol_opening_like_a_kind_keeps_it_a_letter(matcher: AgencyMatcher) -> None:
    # A Cục Thuế writes "…/CT-TTHT": the issuer's initials, not a Chỉ thị, under its "V/v" subject.
    header = [row if not row[0].startswith("Số:") else ("Số: 310/CT-TTHT", 115.0, None) for row in HEADER]
    layout = document(*header, ("V/v hướng dẫn chính sách thuế", 100.0, None), *BODY)
    assert build_plan(layout, matcher).metadata.doc_type == "Công văn"


def test_a_stray_colon_and_an_unmarked_last_name_stay_in_the_addressees(matcher: AgencyMatcher) -> None:
    """The colon of "Kính gửi:" read apart as a line of its own, and the list's last name wrapped
    without a closing mark, set in from the body: both belong to the list; the letter's request
    to "Quý cơ quan" is a task of those it is sent to."""
    layout = document(
        *HEADER[:4], ("Số: 53/STP-VB", 115.0, None), HEADER[5], ("V/v chuyển văn bản", 80.0, None),
        ("Kính gửi:", 200.0, None),
        (":", 400.0, None),
        ("- Sở Nội vụ;", 300.0, None),
        ("- Trung tâm Xúc tiến Thương mại và Đầu", 300.0, None),
        ("tư tỉnh", 300.0, None),
        ("Sở Tư pháp kính chuyển Quyết định số 12 đến Quý cơ quan để nghiên cứu, thực hiện.", 121.0, RIGHT),
    )  # fmt: skip
    plan = build_plan(layout, matcher)
    assert plan.addressees == ["Sở Nội vụ", "Trung tâm Xúc tiến Thương mại và Đầu tư tỉnh"]
    assert [t.content[:22] for t in plan.tasks] == ["Sở Tư pháp kính chuyển"]
    assert [a.name for a in plan.tasks[0].agencies][:1] == ["Sở Nội vụ"]
