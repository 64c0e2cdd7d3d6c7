"""What the made-up plans are about: per topic, its title, legal bases, groups and tasks.

Texts may hold `{y}` (the plan's year), `{y0}` (the year before) and `{p}` (the province).
Agencies are named by their base spelling (a key of vocab.CANON), a document may respell them.
"""

from __future__ import annotations

from dataclasses import dataclass

from synth.spec import When

Q1, Q2, Q3, Q4 = (When("quarter", i) for i in range(1, 5))
H1, H2 = When("half", 1, with_year=False), When("half", 2, with_year=False)
YEAR, ALWAYS = When("year"), When("always")


def month(m: int) -> When:
    return When("month", m)


def before(d: int, m: int) -> When:
    return When("before", d, m)


def latest(d: int, m: int) -> When:
    return When("latest", d, m, with_year=False)


@dataclass(frozen=True)
class Idea:
    content: str
    lead: tuple[str, ...]
    partners: tuple[str, ...]
    when: When
    product: str = ""
    group: int = 0  # index into the topic's groups


@dataclass(frozen=True)
class Topic:
    key: str
    title: str  # "Chuyển đổi số năm {y}"
    bases: tuple[str, ...]  # legal bases, without "Căn cứ" and the closing ";"
    purpose: str
    groups: tuple[str, ...]  # "I. ..." headings of group rows
    ideas: tuple[Idea, ...]


UB, NV, TCKH, GD, VHTT = "UBND huyện", "Phòng Nội vụ", "Phòng TC-KH", "Phòng GD&ĐT", "Phòng VH&TT"
NN, LD, VP, CA, QS = "Phòng NN&PTNT", "Phòng LĐ-TB&XH", "Văn phòng HĐND và UBND huyện", \
    "Công an huyện", "BCH Quân sự huyện"
XA, LQ, CQ, TP = "UBND các xã, thị trấn", "Các cơ quan, đơn vị liên quan", "Các cơ quan, đơn vị", \
    "Phòng Tư pháp"
TNMT, YT, TTYT, KTHT, DAI = "Phòng TN&MT", "Phòng Y tế", "Trung tâm Y tế huyện", "Phòng KT-HT", \
    "Đài TT-TH huyện"
MT, DOAN, PN, BHXH, TTRA = "UBMTTQ Việt Nam huyện", "Huyện đoàn", "Hội LHPN huyện", "BHXH huyện", \
    "Thanh tra huyện"
TH, QLDA = "Các trường học", "Ban QLDA ĐTXD huyện"

_PROVINCE_PLAN = ("Kế hoạch số {n}/KH-UBND ngày {d} của Ủy ban nhân dân tỉnh {p} về {what} "
                  "năm {y}")

CDS = Topic(
    "cds", "Chuyển đổi số năm {y}",
    ("Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ phê duyệt Chương trình "
     "Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030",
     _PROVINCE_PLAN.replace("{what}", "chuyển đổi số tỉnh {p}")),
    "Đẩy mạnh chuyển đổi số toàn diện trên ba trụ cột chính quyền số, kinh tế số, xã hội số; "
    "nâng cao chất lượng phục vụ người dân, doanh nghiệp.",
    ("I. CHUYỂN ĐỔI NHẬN THỨC", "II. PHÁT TRIỂN HẠ TẦNG SỐ", "III. PHÁT TRIỂN CHÍNH QUYỀN SỐ",
     "IV. PHÁT TRIỂN KINH TẾ SỐ, XÃ HỘI SỐ"),
    (
        Idea("Tuyên truyền, phổ biến về chuyển đổi số trên Cổng thông tin điện tử huyện, Đài "
             "Truyền thanh - Truyền hình huyện và hệ thống loa truyền thanh cơ sở.",
             (VHTT,), (DAI, XA), ALWAYS, "Tin, bài tuyên truyền", 0),
        Idea("Kiện toàn Ban Chỉ đạo chuyển đổi số huyện và Tổ công nghệ số cộng đồng tại các "
             "thôn, khối phố.", (VHTT,), (NV, XA), before(31, 3), "Quyết định kiện toàn", 0),
        Idea("Tổ chức tập huấn, bồi dưỡng kỹ năng số cho cán bộ, công chức, viên chức và thành "
             "viên Tổ công nghệ số cộng đồng.", (VHTT,), (NV, XA), Q2, "Lớp tập huấn", 0),
        Idea("Rà soát, nâng cấp hạ tầng mạng nội bộ, thiết bị đầu cuối tại các cơ quan chuyên "
             "môn thuộc UBND huyện; bảo đảm kết nối mạng truyền số liệu chuyên dùng đến 100% "
             "UBND các xã, thị trấn.", (VHTT,), (TCKH, XA), Q3, "Báo cáo kết quả", 1),
        Idea("Triển khai các giải pháp bảo đảm an toàn thông tin mạng theo mô hình 4 lớp; phê "
             "duyệt hồ sơ đề xuất cấp độ an toàn hệ thống thông tin.", (VHTT,), (CA, LQ), YEAR,
             "Hồ sơ cấp độ", 1),
        Idea("Đẩy mạnh cung cấp dịch vụ công trực tuyến toàn trình; nâng tỷ lệ hồ sơ thủ tục hành "
             "chính được tiếp nhận, giải quyết trực tuyến đạt trên 80%.", (VP,), (XA, LQ), ALWAYS,
             "Báo cáo định kỳ", 2),
        Idea("Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính còn hiệu lực tại Bộ phận Một "
             "cửa huyện và Bộ phận Một cửa các xã, thị trấn.", (VP,), (NV, XA), before(30, 9),
             "Dữ liệu số hóa", 2),
        Idea("- Sử dụng hiệu quả hệ thống quản lý văn bản và điều hành;\n- Thực hiện ký số đối "
             "với 100% văn bản đi của cơ quan, đơn vị, trừ văn bản mật.", (VP,), (CQ,), ALWAYS,
             "", 2),
        Idea("Triển khai các nhiệm vụ của Đề án 06 trên địa bàn huyện; làm sạch dữ liệu dân cư, "
             "hộ tịch, đất đai, an sinh xã hội.", (CA,), (TP, TNMT, LD, XA), Q2, "Báo cáo", 2),
        Idea("Hỗ trợ hộ sản xuất, hợp tác xã đưa sản phẩm OCOP, nông sản chủ lực lên các sàn "
             "thương mại điện tử.", (NN,), (KTHT, XA), H2, "Sản phẩm trên sàn", 3),
        Idea("Vận động người dân kích hoạt tài khoản định danh điện tử mức độ 2 và sử dụng ứng "
             "dụng VNeID.", (CA,), (DOAN, XA), ALWAYS, "", 3),
        Idea("Đẩy mạnh thanh toán không dùng tiền mặt trong trường học, cơ sở y tế và thu phí, "
             "lệ phí thủ tục hành chính.", (TCKH,), (GD, TTYT, XA), YEAR, "", 3),
        Idea("Triển khai phần mềm quản lý trường học, học bạ số tại các trường mầm non, tiểu "
             "học, trung học cơ sở.", (GD,), (TH,), month(9), "Học bạ số", 3),
        Idea("Báo cáo kết quả thực hiện chuyển đổi số 6 tháng đầu năm {y}.", (VHTT,), (CQ, XA),
             before(15, 6), "Báo cáo", 0),
        Idea("Đánh giá, xếp hạng mức độ chuyển đổi số của các cơ quan, đơn vị và UBND các xã, "
             "thị trấn năm {y}.", (VHTT,), (NV, XA), before(15, 12), "Quyết định công nhận", 0),
    ),
)

CCHC = Topic(
    "cchc", "Cải cách hành chính năm {y}",
    ("Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng thể cải "
     "cách hành chính nhà nước giai đoạn 2021 - 2030",
     _PROVINCE_PLAN.replace("{what}", "cải cách hành chính nhà nước")),
    "Tiếp tục đẩy mạnh cải cách hành chính, trọng tâm là cải cách thủ tục hành chính, nâng cao "
    "chỉ số hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính.",
    ("I. CẢI CÁCH THỂ CHẾ", "II. CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "III. CẢI CÁCH TỔ CHỨC BỘ MÁY",
     "IV. CẢI CÁCH TÀI CHÍNH CÔNG"),
    (
        Idea("Rà soát văn bản quy phạm pháp luật do HĐND, UBND huyện ban hành; kịp thời đề xuất "
             "sửa đổi, bổ sung, thay thế văn bản không còn phù hợp.", (TP,), (CQ,), H2,
             "Báo cáo rà soát", 0),
        Idea("Theo dõi tình hình thi hành pháp luật trong các lĩnh vực trọng tâm trên địa bàn "
             "huyện.", (TP,), (LQ,), YEAR, "Báo cáo", 0),
        Idea("Công khai thủ tục hành chính tại Bộ phận Một cửa huyện, Bộ phận Một cửa các xã, "
             "thị trấn và trên Cổng thông tin điện tử huyện.", (VP,), (XA,), ALWAYS, "", 1),
        Idea("Rà soát, đánh giá thủ tục hành chính; đề xuất phương án đơn giản hóa thủ tục hành "
             "chính thuộc thẩm quyền giải quyết của cấp huyện, cấp xã.", (VP,), (CQ, XA),
             before(30, 6), "Phương án đơn giản hóa", 1),
        Idea("Tiếp nhận, xử lý phản ánh, kiến nghị của cá nhân, tổ chức về quy định hành chính.",
             (VP,), (LQ,), ALWAYS, "", 1),
        Idea("Đo lường sự hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành "
             "chính nhà nước trên địa bàn huyện.", (NV,), (VP, XA), month(10), "Báo cáo", 1),
        Idea("Rà soát, sắp xếp tổ chức bộ máy các cơ quan chuyên môn, đơn vị sự nghiệp công lập "
             "thuộc UBND huyện theo hướng tinh gọn, hoạt động hiệu lực, hiệu quả.", (NV,), (CQ,),
             Q2, "Đề án", 2),
        Idea("Thực hiện tinh giản biên chế theo quy định; quản lý chặt chẽ biên chế công chức, "
             "số lượng người làm việc được giao.", (NV,), (CQ, XA), YEAR, "", 2),
        Idea("Kiểm tra công vụ, kỷ luật, kỷ cương hành chính tại các cơ quan, đơn vị, địa "
             "phương.", (NV,), (VP, TTRA), Q3, "Thông báo kết luận", 2),
        Idea("Tổ chức bồi dưỡng kiến thức, kỹ năng cho cán bộ, công chức cấp xã năm {y}.", (NV,),
             (XA,), month(8), "Lớp bồi dưỡng", 2),
        Idea("Giao dự toán ngân sách nhà nước năm {y}; thực hiện cơ chế tự chủ tài chính tại các "
             "đơn vị sự nghiệp công lập.", (TCKH,), (CQ,), Q1, "Quyết định giao dự toán", 3),
        Idea("Công khai dự toán, quyết toán ngân sách nhà nước theo quy định.", (TCKH,), (CQ, XA),
             ALWAYS, "", 3),
        Idea("Tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm {y0} của huyện; hoàn thiện "
             "tài liệu kiểm chứng gửi Sở Nội vụ thẩm định.", (NV,), (CQ,), latest(15, 1),
             "Hồ sơ tự đánh giá", 2),
        Idea("Báo cáo công tác cải cách hành chính quý, 6 tháng, 9 tháng và năm {y}.", (NV,),
             (CQ, XA), latest(15, 12), "Báo cáo", 0),
    ),
)

PCTT = Topic(
    "pctt", "Phòng, chống thiên tai và tìm kiếm cứu nạn năm {y}",
    ("Luật Phòng, chống thiên tai ngày 19/6/2013; Luật sửa đổi, bổ sung một số điều của Luật "
     "Phòng, chống thiên tai và Luật Đê điều ngày 17/6/2020",
     _PROVINCE_PLAN.replace("{what}", "phòng, chống thiên tai và tìm kiếm cứu nạn")),
    "Chủ động phòng ngừa, ứng phó kịp thời, khắc phục khẩn trương, có hiệu quả hậu quả thiên "
    "tai; giảm thiểu thiệt hại về người và tài sản của Nhân dân và Nhà nước.",
    ("I. CÔNG TÁC PHÒNG NGỪA", "II. CÔNG TÁC ỨNG PHÓ", "III. KHẮC PHỤC HẬU QUẢ"),
    (
        Idea("Kiện toàn Ban Chỉ huy phòng, chống thiên tai và tìm kiếm cứu nạn huyện; phân công "
             "nhiệm vụ cụ thể cho từng thành viên.", (NN,), (QS, XA), before(15, 3),
             "Quyết định kiện toàn", 0),
        Idea("Rà soát, cập nhật phương án ứng phó thiên tai theo các cấp độ rủi ro thiên tai trên "
             "địa bàn.", (NN,), (XA,), Q2, "Phương án", 0),
        Idea("Kiểm tra hiện trạng các công trình đê điều, hồ đập, kênh mương trước mùa mưa lũ; "
             "xử lý kịp thời các vị trí xung yếu.", (NN,), (KTHT, XA), month(4), "Báo cáo", 0),
        Idea("Tuyên truyền, phổ biến kiến thức phòng, chống thiên tai cho người dân, nhất là ở "
             "vùng thường xuyên bị ảnh hưởng của lũ quét, sạt lở đất.", (VHTT,), (DAI, XA),
             ALWAYS, "", 0),
        Idea("Chuẩn bị vật tư, phương tiện, trang thiết bị theo phương châm \"bốn tại chỗ\".",
             (QS,), (CA, XA), H1, "", 0),
        Idea("Thu, nộp Quỹ phòng, chống thiên tai năm {y} theo quy định.", (XA,), (TCKH,),
             before(30, 11), "", 0),
        Idea("Tổ chức diễn tập phòng, chống thiên tai và tìm kiếm cứu nạn cấp xã.", (QS,),
             (NN, XA), month(5), "Báo cáo diễn tập", 1),
        Idea("Duy trì chế độ trực ban, theo dõi chặt chẽ diễn biến thời tiết; kịp thời thông "
             "tin, cảnh báo đến người dân.", (NN,), (DAI, XA), ALWAYS, "", 1),
        Idea("Tổ chức sơ tán, di dời người dân ra khỏi khu vực nguy hiểm khi có cảnh báo lũ "
             "quét, sạt lở đất.", (XA,), (QS, CA), ALWAYS, "", 1),
        Idea("Bảo đảm an ninh trật tự, an toàn giao thông tại các khu vực bị ngập lụt, chia "
             "cắt.", (CA,), (KTHT, XA), ALWAYS, "", 1),
        Idea("Thống kê, đánh giá thiệt hại; đề xuất hỗ trợ khắc phục hậu quả thiên tai theo "
             "quy định.", (NN,), (TCKH, LD, XA), ALWAYS, "Báo cáo thiệt hại", 2),
        Idea("- Khắc phục công trình hạ tầng bị hư hỏng;\n- Vệ sinh môi trường, phòng chống dịch "
             "bệnh sau thiên tai.", (KTHT,), (TNMT, TTYT, XA), H2, "", 2),
        Idea("Tổng kết công tác phòng, chống thiên tai và tìm kiếm cứu nạn năm {y}.", (NN,),
             (CQ,), before(20, 12), "Báo cáo tổng kết", 2),
    ),
)

NTM = Topic(
    "ntm", "Xây dựng nông thôn mới năm {y}",
    ("Quyết định số 263/QĐ-TTg ngày 22/02/2022 của Thủ tướng Chính phủ phê duyệt Chương trình "
     "mục tiêu quốc gia xây dựng nông thôn mới giai đoạn 2021 - 2025",
     _PROVINCE_PLAN.replace("{what}", "thực hiện Chương trình mục tiêu quốc gia xây dựng nông "
                            "thôn mới")),
    "Huy động sức mạnh tổng hợp của cả hệ thống chính trị và Nhân dân; phấn đấu hoàn thành các "
    "chỉ tiêu xây dựng nông thôn mới năm {y}.",
    ("I. CÔNG TÁC CHỈ ĐẠO, TUYÊN TRUYỀN", "II. PHÁT TRIỂN SẢN XUẤT, NÂNG CAO THU NHẬP",
     "III. XÂY DỰNG KẾT CẤU HẠ TẦNG", "IV. VĂN HÓA, XÃ HỘI, MÔI TRƯỜNG"),
    (
        Idea("Đẩy mạnh tuyên truyền phong trào thi đua \"Chung sức xây dựng nông thôn mới\" trên "
             "địa bàn huyện.", (VHTT,), (MT, XA), ALWAYS, "", 0),
        Idea("Rà soát, đánh giá thực trạng các tiêu chí nông thôn mới tại các xã; xây dựng lộ "
             "trình phấn đấu đạt chuẩn.", (NN,), (CQ, XA), Q1, "Báo cáo rà soát", 0),
        Idea("Phân bổ, giao kế hoạch vốn thực hiện Chương trình mục tiêu quốc gia xây dựng nông "
             "thôn mới năm {y}.", (TCKH,), (NN,), before(31, 3), "Quyết định giao vốn", 0),
        Idea("Triển khai Chương trình Mỗi xã một sản phẩm (OCOP); hỗ trợ các chủ thể hoàn thiện "
             "hồ sơ đánh giá, phân hạng sản phẩm.", (NN,), (KTHT, XA), Q3, "Sản phẩm OCOP", 1),
        Idea("Hỗ trợ phát triển hợp tác xã, tổ hợp tác gắn với chuỗi giá trị nông sản chủ lực "
             "của huyện.", (NN,), (TCKH, XA), YEAR, "", 1),
        Idea("Đào tạo nghề cho lao động nông thôn gắn với nhu cầu của doanh nghiệp và thị trường "
             "lao động.", (LD,), (XA,), H2, "Lớp đào tạo nghề", 1),
        Idea("Đầu tư xây dựng, nâng cấp đường giao thông nông thôn, kênh mương nội đồng theo kế "
             "hoạch được giao.", (KTHT,), (NN, XA), YEAR, "Công trình hoàn thành", 2),
        Idea("Vận động nhân dân hiến đất, đóng góp ngày công làm đường giao thông nông thôn.",
             (XA,), (MT,), ALWAYS, "", 2),
        Idea("Nâng cao chất lượng hoạt động của nhà văn hóa thôn; duy trì phong trào \"Toàn dân "
             "đoàn kết xây dựng đời sống văn hóa\".", (VHTT,), (MT, XA), ALWAYS, "", 3),
        Idea("Thu gom, xử lý rác thải sinh hoạt ở khu dân cư nông thôn; xây dựng tuyến đường "
             "hoa, cây xanh, sạch, đẹp.", (TNMT,), (PN, DOAN, XA), Q2, "", 3),
        Idea("Thẩm định, đề nghị công nhận xã đạt chuẩn nông thôn mới, nông thôn mới nâng cao "
             "năm {y}.", (NN,), (CQ,), before(15, 11), "Hồ sơ đề nghị", 0),
        Idea("Báo cáo kết quả thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới "
             "năm {y}.", (NN,), (XA,), latest(10, 12), "Báo cáo", 0),
    ),
)
