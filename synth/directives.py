"""A Chỉ thị of a province and a Thông báo of a district: tasks as duties under each body's
name ("2. Sở Tài chính:" then "a) …;" or "- …;"), no table."""

from __future__ import annotations

from synth.builders import Recipe, closing, header
from synth.documents import num, style
from synth.spec import Block, Duties, Heading, Paragraph, PlanSpec

DIRECTIVE_DUTIES = [
    (["Các sở, ban, ngành", "UBND các huyện, thành phố"], [
        "Quán triệt phương châm \"bốn tại chỗ\", chủ động xây dựng, cập nhật phương án ứng phó "
        "thiên tai phù hợp với tình hình thực tế của ngành, địa phương",
        "Kiểm tra, rà soát các khu dân cư ở vùng có nguy cơ cao xảy ra lũ quét, sạt lở đất; chủ "
        "động di dời người dân đến nơi an toàn",
        "Báo cáo kết quả triển khai thực hiện Chỉ thị trước ngày 30/11/{y}",
    ]),
    (["Sở NN&PTNT"], [
        "Tham mưu kiện toàn Ban Chỉ huy phòng, chống thiên tai và tìm kiếm cứu nạn tỉnh",
        "Theo dõi chặt chẽ diễn biến thời tiết, kịp thời tham mưu chỉ đạo ứng phó với các tình "
        "huống thiên tai",
        "Kiểm tra an toàn hồ đập, đê điều trước mùa mưa lũ; hoàn thành trước ngày 15/5/{y}",
    ]),
    (["Sở Tài chính"], [
        "Tham mưu bố trí kinh phí cho công tác phòng, chống thiên tai và tìm kiếm cứu nạn",
        "Hướng dẫn, kiểm tra việc quản lý, sử dụng Quỹ phòng, chống thiên tai theo quy định",
    ]),
    (["Công an tỉnh", "Bộ CHQS tỉnh"], [
        "Xây dựng phương án, chuẩn bị lực lượng, phương tiện sẵn sàng tham gia cứu hộ, cứu nạn",
        "Bảo đảm an ninh, trật tự tại các khu vực bị ảnh hưởng của thiên tai",
    ]),
    (["Sở TT&TT", "Đài PT-TH tỉnh"], [
        "Tăng cường thông tin, tuyên truyền, phổ biến kiến thức, kỹ năng phòng, tránh thiên tai cho "
        "Nhân dân",
        "Bảo đảm thông tin liên lạc thông suốt phục vụ công tác chỉ đạo, điều hành",
    ]),
]

NOTICE_DUTIES = [
    (["Phòng Nội vụ"], [
        "Tham mưu kiện toàn Ban Chỉ đạo cải cách hành chính huyện",
        "Hoàn thiện hồ sơ tự đánh giá Chỉ số cải cách hành chính năm {y0}, trình ký trước ngày "
        "15/4/{y}",
    ]),
    (["Phòng TC-KH"], [
        "Rà soát tiến độ giải ngân vốn đầu tư công, báo cáo trước ngày 10/4/{y}",
        "Đôn đốc các chủ đầu tư hoàn thiện hồ sơ thanh toán khối lượng hoàn thành",
    ]),
    (["Văn phòng HĐND và UBND huyện"], [
        "Theo dõi, đôn đốc việc thực hiện các nhiệm vụ được giao tại Thông báo này",
        "Tổng hợp kết quả giải quyết thủ tục hành chính quý I năm {y}",
    ]),
    (["Phòng NN&PTNT", "UBND các xã, thị trấn"], [
        "Chỉ đạo sản xuất vụ Xuân bảo đảm khung thời vụ",
        "Tăng cường công tác phòng, chống dịch bệnh trên đàn gia súc, gia cầm",
        "Chủ động các phương án phòng, chống hạn hán, thiếu nước sản xuất",
    ]),
]


def _fill(text: str, y: int) -> str:
    return text.replace("{y0}", str(y - 1)).replace("{y}", str(y))


def _duties(table: list[tuple[list[str], list[str]]], y: int, marker: str) -> list[Duties]:
    return [Duties(str(i), names, [_fill(d, y) for d in duties], marker)
            for i, (names, duties) in enumerate(table, start=1)]


def directive_spec(r: Recipe) -> PlanSpec:
    """A provincial Chỉ thị on disaster prevention: context, then duties by body, a) b) c)."""
    y, p = r.year, r.place.province
    title = f"Về tăng cường công tác phòng, chống thiên tai và tìm kiếm cứu nạn năm {y}"
    body: list[Block] = [
        Paragraph(f"Năm {y - 1}, thiên tai diễn biến phức tạp, bất thường, gây thiệt hại nặng nề về "
                  f"người và tài sản trên địa bàn tỉnh {p}. Dự báo năm {y}, thời tiết tiếp tục diễn "
                  "biến khó lường, nguy cơ xảy ra lũ quét, sạt lở đất, mưa đá, rét đậm, rét hại."),
        Paragraph("Để chủ động phòng ngừa, ứng phó kịp thời, hạn chế thấp nhất thiệt hại do thiên tai "
                  "gây ra, Chủ tịch Ủy ban nhân dân tỉnh yêu cầu:"),
        *_duties(DIRECTIVE_DUTIES, y, "letter"),
        Paragraph("Yêu cầu Giám đốc các sở, Thủ trưởng các ban, ngành, Chủ tịch Ủy ban nhân dân các "
                  "huyện, thành phố nghiêm túc triển khai thực hiện Chỉ thị này./."),
    ]
    head = header(r, "CT-UBND", [title], kind="CHỈ THỊ")
    recipients = ["- Văn phòng Chính phủ;", "- Bộ Nông nghiệp và PTNT;", "- TT Tỉnh ủy, TT HĐND tỉnh;",
                  "- CT, các PCT UBND tỉnh;", "- Như mục 1, 2, 3, 4, 5;", "- Lưu: VT, KT."]
    return PlanSpec(r.name, head, body, closing(r, recipients), style(r))


def notice_spec(r: Recipe) -> PlanSpec:
    """A district's Thông báo of conclusions: an assessment, then duties by office, "- …"."""
    y = r.year
    month = r.month - 1 or 12
    title = f"Kết luận của Chủ tịch UBND huyện tại cuộc họp giao ban tháng {month} năm {y}"
    body: list[Block] = [
        Paragraph(f"Ngày {20 + num(r, 5, 0, 8)}/{month}/{y}, Chủ tịch Ủy ban nhân dân huyện chủ trì cuộc "
                  "họp giao ban đánh giá kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội tháng "
                  f"{month} và triển khai nhiệm vụ trọng tâm tháng {month % 12 + 1} năm {y}. Sau khi "
                  "nghe báo cáo và ý kiến của các đại biểu, Chủ tịch Ủy ban nhân dân huyện kết luận "
                  "như sau:"),
        Heading("I. ĐÁNH GIÁ CHUNG"),
        Paragraph("Trong tháng, các cơ quan, đơn vị, địa phương đã tích cực triển khai nhiệm vụ được "
                  "giao; tình hình kinh tế - xã hội ổn định, quốc phòng, an ninh được giữ vững. Tuy "
                  "nhiên, tiến độ giải ngân vốn đầu tư công còn chậm; việc số hóa hồ sơ thủ tục hành "
                  "chính ở một số xã chưa đạt yêu cầu."),
        Heading("II. NHIỆM VỤ TRỌNG TÂM THỜI GIAN TỚI"),
        *_duties(NOTICE_DUTIES, y, "dash"),
        Paragraph("Văn phòng HĐND và UBND huyện thông báo để các cơ quan, đơn vị, địa phương biết, "
                  "thực hiện./."),
    ]
    head = header(r, "TB-UBND", [title], kind="THÔNG BÁO")
    recipients = ["- TT Huyện ủy, TT HĐND huyện;", "- CT, các PCT UBND huyện;",
                  "- Các cơ quan, đơn vị dự họp;", "- Lưu: VT."]
    return PlanSpec(r.name, head, body, closing(r, recipients, ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"]),
                    style(r))


