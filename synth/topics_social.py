"""More topics: traffic safety, health, education, and a commune's disaster plan."""

from __future__ import annotations

from synth.topics import (
    ALWAYS,
    CA,
    CQ,
    DAI,
    DOAN,
    GD,
    H1,
    H2,
    KTHT,
    LD,
    LQ,
    NN,
    NV,
    Q1,
    Q2,
    Q3,
    QLDA,
    TCKH,
    TH,
    TNMT,
    TP,
    TTYT,
    VHTT,
    XA,
    YEAR,
    YT,
    Idea,
    Topic,
    before,
    latest,
    month,
)

ATGT = Topic(
    "atgt", "Bảo đảm trật tự, an toàn giao thông năm {y}",
    ("Luật Trật tự, an toàn giao thông đường bộ ngày 27/6/2024",
     "Kế hoạch số {n}/KH-UBND ngày {d} của Ủy ban nhân dân tỉnh {p} về bảo đảm trật tự, an toàn "
     "giao thông năm {y}"),
    "Kiềm chế, kéo giảm tai nạn giao thông trên cả ba tiêu chí số vụ, số người chết và số người "
    "bị thương; nâng cao ý thức chấp hành pháp luật về giao thông của người dân.",
    ("I. CÔNG TÁC TUYÊN TRUYỀN", "II. TUẦN TRA, KIỂM SOÁT, XỬ LÝ VI PHẠM",
     "III. KẾT CẤU HẠ TẦNG GIAO THÔNG"),
    (
        Idea("Tuyên truyền, phổ biến Luật Trật tự, an toàn giao thông đường bộ và các văn bản "
             "hướng dẫn thi hành đến cán bộ, nhân dân.", (CA,), (TP, VHTT, XA), ALWAYS, "", 0),
        Idea("Tuyên truyền, giáo dục an toàn giao thông trong trường học; ký cam kết chấp hành "
             "pháp luật về trật tự, an toàn giao thông với học sinh, phụ huynh.", (GD,), (CA, TH),
             month(9), "Bản cam kết", 0),
        Idea("Phát động Tháng an toàn giao thông; tổ chức các hoạt động hưởng ứng Ngày thế giới "
             "tưởng niệm các nạn nhân tử vong do tai nạn giao thông.", (CA,), (DOAN, XA),
             month(11), "", 0),
        Idea("Tăng cường tuần tra, kiểm soát, xử lý nghiêm vi phạm về nồng độ cồn, tốc độ, chở "
             "hàng quá tải trọng.", (CA,), (LQ,), ALWAYS, "Báo cáo kết quả", 1),
        Idea("Kiểm tra, xử lý tình trạng lấn chiếm hành lang an toàn đường bộ, họp chợ, buôn bán "
             "dưới lòng đường.", (KTHT,), (CA, XA), Q2, "", 1),
        Idea("Bảo đảm trật tự, an toàn giao thông dịp Tết Nguyên đán, các ngày lễ lớn và mùa lễ "
             "hội.", (CA,), (KTHT, XA), Q1, "", 1),
        Idea("- Kiểm tra điều kiện an toàn của phương tiện đưa đón học sinh;\n- Xử lý nghiêm xe "
             "ô tô chở quá số người quy định.", (CA,), (GD,), month(8), "", 1),
        Idea("Rà soát, xử lý các điểm đen, điểm tiềm ẩn nguy cơ tai nạn giao thông trên các "
             "tuyến đường do huyện quản lý.", (KTHT,), (CA, TCKH), before(30, 6),
             "Danh mục điểm đen", 2),
        Idea("Bổ sung hệ thống biển báo, đèn tín hiệu, gờ giảm tốc tại các nút giao thông trọng "
             "điểm.", (KTHT,), (CA, XA), H2, "", 2),
        Idea("Duy tu, bảo dưỡng thường xuyên các tuyến đường huyện, đường xã.", (KTHT,), (XA,),
             ALWAYS, "", 2),
        Idea("Sơ kết 6 tháng, tổng kết năm công tác bảo đảm trật tự, an toàn giao thông.", (CA,),
             (CQ,), before(10, 12), "Báo cáo tổng kết", 0),
    ),
)

YTE = Topic(
    "yte", "Phòng, chống dịch bệnh truyền nhiễm năm {y}",
    ("Luật Phòng, chống bệnh truyền nhiễm ngày 21/11/2007",
     "Kế hoạch số {n}/KH-UBND ngày {d} của Ủy ban nhân dân tỉnh {p} về phòng, chống dịch bệnh "
     "truyền nhiễm năm {y}"),
    "Chủ động giám sát, phát hiện sớm và xử lý kịp thời các ổ dịch, không để dịch lớn xảy ra; "
    "giảm tỷ lệ mắc và tử vong do dịch bệnh truyền nhiễm.",
    ("I. PHÒNG, CHỐNG DỊCH BỆNH", "II. AN TOÀN THỰC PHẨM", "III. CHĂM SÓC SỨC KHỎE BAN ĐẦU"),
    (
        Idea("Giám sát chặt chẽ tình hình dịch bệnh sốt xuất huyết, tay chân miệng, sởi; phát "
             "hiện sớm, khoanh vùng, xử lý triệt để ổ dịch.", (TTYT,), (YT, XA), ALWAYS, "", 0),
        Idea("Triển khai tiêm chủng mở rộng; bảo đảm tỷ lệ trẻ em dưới 1 tuổi được tiêm chủng "
             "đầy đủ đạt trên 95%.", (TTYT,), (XA,), YEAR, "Báo cáo tiêm chủng", 0),
        Idea("Tổ chức chiến dịch vệ sinh môi trường, diệt bọ gậy phòng, chống sốt xuất huyết.",
             (TTYT,), (TNMT, XA), month(6), "", 0),
        Idea("Bảo đảm thuốc, hóa chất, vật tư, trang thiết bị phục vụ phòng, chống dịch.",
             (TTYT,), (TCKH,), Q2, "", 0),
        Idea("Báo cáo tình hình dịch bệnh và kết quả công tác phòng, chống dịch 6 tháng đầu năm "
             "{y}.", (YT,), (TTYT,), latest(15, 6), "Báo cáo", 0),
        Idea("Kiểm tra liên ngành về an toàn thực phẩm dịp Tết Nguyên đán và Tháng hành động vì "
             "an toàn thực phẩm.", (YT,), (KTHT, CA, NN), Q1, "Thông báo kết quả", 1),
        Idea("Tuyên truyền kiến thức về an toàn thực phẩm; hướng dẫn cơ sở kinh doanh dịch vụ ăn "
             "uống thực hiện đúng quy định.", (YT,), (VHTT, DAI, XA), ALWAYS, "", 1),
        Idea("Vận động người dân tham gia bảo hiểm y tế hộ gia đình; phấn đấu tỷ lệ bao phủ bảo "
             "hiểm y tế đạt trên 95%.", ("BHXH huyện",), (LD, XA), ALWAYS, "", 2),
        Idea("Quản lý, điều trị bệnh không lây nhiễm tại trạm y tế xã; lập hồ sơ sức khỏe điện "
             "tử cho người dân.", (TTYT,), (XA,), H2, "Hồ sơ sức khỏe", 2),
        Idea("Tổ chức khám sức khỏe định kỳ cho người cao tuổi, học sinh.", (TTYT,), (GD, XA), Q3,
             "", 2),
    ),
)

GDDT = Topic(
    "gddt", "Phát triển giáo dục và đào tạo năm {y}",
    ("Nghị quyết số 29-NQ/TW ngày 04/11/2013 của Ban Chấp hành Trung ương về đổi mới căn bản, "
     "toàn diện giáo dục và đào tạo",
     "Kế hoạch số {n}/KH-UBND ngày {d} của Ủy ban nhân dân tỉnh {p} về phát triển giáo dục và đào "
     "tạo năm {y}"),
    "Nâng cao chất lượng giáo dục toàn diện; củng cố, duy trì kết quả phổ cập giáo dục, xóa mù "
    "chữ; xây dựng đội ngũ nhà giáo đủ về số lượng, bảo đảm chất lượng.",
    ("I. MẠNG LƯỚI TRƯỜNG, LỚP", "II. CHẤT LƯỢNG GIÁO DỤC", "III. ĐỘI NGŨ VÀ CƠ SỞ VẬT CHẤT"),
    (
        Idea("Rà soát, sắp xếp mạng lưới trường, lớp học phù hợp với điều kiện thực tế của địa "
             "phương.", (GD,), (NV, XA), Q2, "Đề án sắp xếp", 0),
        Idea("Duy trì, nâng cao chất lượng phổ cập giáo dục mầm non cho trẻ em 5 tuổi, phổ cập "
             "giáo dục tiểu học, trung học cơ sở và xóa mù chữ.", (GD,), (XA,), YEAR, "", 0),
        Idea("Tổ chức tuyển sinh đầu cấp bảo đảm công khai, minh bạch, đúng quy định.", (GD,),
             (TH,), month(7), "Kết quả tuyển sinh", 0),
        Idea("Triển khai Chương trình giáo dục phổ thông 2018; đổi mới phương pháp dạy học, kiểm "
             "tra, đánh giá học sinh.", (GD,), (TH,), ALWAYS, "", 1),
        Idea("Tổ chức kỳ thi chọn học sinh giỏi cấp huyện các môn văn hóa lớp 9.", (GD,), (TH,),
             month(12), "Quyết định công nhận", 1),
        Idea("Tổng kết năm học; báo cáo kết quả thực hiện nhiệm vụ năm học.", (GD,), (TH,),
             latest(15, 6), "Báo cáo", 1),
        Idea("Bồi dưỡng chuyên môn, nghiệp vụ cho đội ngũ giáo viên, cán bộ quản lý giáo dục "
             "trong dịp hè.", (GD,), (NV,), month(7), "", 2),
        Idea("Tuyển dụng, bổ sung giáo viên còn thiếu theo định mức; thực hiện điều động, luân "
             "chuyển giáo viên hợp lý.", (NV,), (GD,), Q3, "", 2),
        Idea("Đầu tư xây dựng phòng học, nhà công vụ giáo viên, công trình vệ sinh tại các điểm "
             "trường.", (QLDA,), (GD, TCKH), YEAR, "Công trình", 2),
        Idea("Huy động các nguồn lực xã hội hóa để mua sắm trang thiết bị dạy học.", (GD,),
             (TCKH, XA), H2, "", 2),
        Idea("Xây dựng trường học đạt chuẩn quốc gia; kiểm định chất lượng giáo dục.", (GD,),
             (TH,), before(30, 11), "Hồ sơ công nhận", 2),
    ),
)

UBX, CAX, QSX, DTNX = "UBND xã", "Công an xã", "Ban CHQS xã", "Đoàn Thanh niên xã"
PNX, MTX, NDX, CCBX = "Hội LHPN xã", "UBMTTQ xã", "Hội Nông dân xã", "Hội CCB xã"

XA_PCTT = Topic(
    "xa-pctt", "Phòng, chống thiên tai và tìm kiếm cứu nạn năm {y}",
    ("Luật Phòng, chống thiên tai ngày 19/6/2013",
     "Kế hoạch số {n}/KH-UBND ngày {d} của Ủy ban nhân dân huyện {h} về phòng, chống thiên tai "
     "và tìm kiếm cứu nạn năm {y}"),
    "Chủ động phòng ngừa, ứng phó kịp thời với thiên tai theo phương châm \"bốn tại chỗ\"; "
    "bảo đảm an toàn tính mạng, tài sản của Nhân dân trên địa bàn xã.",
    ("I. TRƯỚC THIÊN TAI", "II. TRONG VÀ SAU THIÊN TAI"),
    (
        Idea("Kiện toàn Ban Chỉ huy phòng, chống thiên tai và tìm kiếm cứu nạn xã; phân công "
             "thành viên phụ trách từng thôn.", (UBX,), (QSX, CAX), before(15, 3),
             "Quyết định kiện toàn", 0),
        Idea("Rà soát các hộ dân sinh sống ở khu vực có nguy cơ sạt lở đất, lũ quét; lập danh "
             "sách và phương án di dời.", (UBX,), (CAX, MTX), Q2, "Danh sách hộ", 0),
        Idea("Thành lập và duy trì hoạt động đội xung kích phòng, chống thiên tai cấp xã.",
             (QSX,), (DTNX, CAX), month(4), "", 0),
        Idea("Tuyên truyền kỹ năng phòng, tránh thiên tai cho người dân trên hệ thống loa "
             "truyền thanh.", (UBX,), (PNX, NDX), ALWAYS, "", 0),
        Idea("Chuẩn bị lương thực, thuốc men, phương tiện cứu hộ tại chỗ.", (UBX,), (MTX, CCBX),
             H1, "", 0),
        Idea("Thu Quỹ phòng, chống thiên tai năm {y} theo quy định.", (UBX,), (MTX,),
             before(30, 10), "", 0),
        Idea("Bảo đảm an ninh, trật tự tại khu vực bị ảnh hưởng của thiên tai; hỗ trợ nhân dân "
             "sơ tán.", (CAX,), (QSX,), ALWAYS, "", 1),
        Idea("Tổ chức thăm hỏi, hỗ trợ các hộ gia đình bị thiệt hại do thiên tai.", (MTX,),
             (PNX, CCBX), ALWAYS, "", 1),
        Idea("Tổng hợp, báo cáo thiệt hại và kết quả khắc phục hậu quả thiên tai về UBND "
             "huyện.", (UBX,), (CAX,), latest(15, 11), "Báo cáo", 1),
    ),
)

