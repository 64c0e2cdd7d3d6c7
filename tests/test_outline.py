"""The body's outline as offices number it (Nghị định 30/2020), and the tasks it assigns: small
made-up snippets in the forms offices use."""

from __future__ import annotations

import pytest

from pipeline.agencies.matcher import AgencyMatcher
from pipeline.layout.lines import Paragraph
from pipeline.model import Box, Line, Role, Word
from pipeline.structure.outline import assigns_work, build, marker, tasks_of


@pytest.fixture(scope="module")
def matcher() -> AgencyMatcher:
    return AgencyMatcher.load()


def _paras(*texts: str, page: int = 1) -> list[Paragraph]:
    out = []
    for i, t in enumerate(texts):
        line = Line([Word(t, Box(50, 100 + 20 * i, 500, 112 + 20 * i))], page)
        out.append(Paragraph([line], t, [page]))
    return out


def _read(matcher: AgencyMatcher, *texts: str, section: str = "III. TỔ CHỨC THỰC HIỆN"):
    return tasks_of(_paras(*texts), section, 2025, matcher, {"huyện": "huyện Chi Lăng"})


@pytest.mark.parametrize(
    ("text", "kind", "label"),
    [
        ("II. NỘI DUNG", "roman", "II"),
        ("3. Rà soát hồ sơ", "arabic", "3"),
        ("1.2. Tập huấn", "multi2", "1.2"),
        ("2.1.3 Kiểm tra", "multi3", "2.1.3"),
        ("đ) Báo cáo kết quả", "letter", "đ"),
        ("(3) Rà soát hồ sơ", "paren", "3"),
        ("- Tổng hợp", "dash", ""),
        ("+ Chi tiết", "plus", ""),
        ("Năm 2025 tập trung", "para", ""),
        ("15/10/2025 là hạn", "para", ""),
        ("2, Địa điểm: Hội trường", "arabic", "2"),  # OCR's comma for the period
        ("1,3. Lịch học", "multi2", "1.3"),
        ("4.2, Phòng Đào tạo", "multi2", "4.2"),
        ("2, 3 và 4 là", "para", ""),
        ("5. 100% cán bộ được tập huấn", "arabic", "5"),  # an item opening with a figure
        ("12,5 tỷ đồng", "para", ""),
    ],
)
def test_markers_as_offices_print_them(text: str, kind: str, label: str) -> None:
    assert marker(text)[:2] == (kind, label)


def test_a_marker_seen_before_closes_the_items_opened_after_it() -> None:
    roots = build(
        _paras("1. Sở Y tế:", "a) Tiêm chủng;", "- Đợt một;", "b) Truyền thông.", "2. Sở Tài chính:")
    )
    assert [n.label for n in roots] == ["1", "2"]
    first = roots[0]
    assert [c.label for c in first.children] == ["a", "b"] and first.children[0].children[0].kind == "dash"


AB_FORM = (
    "5. Rà soát, củng cố mạng lưới y tế cơ sở, bảo đảm 100% trạm y tế xã có bác sĩ.",
    "a) Đơn vị chủ trì: Sở Y tế, UBND các huyện, thành phố; Trung tâm Y tế các huyện.",
    "b) Đơn vị phối hợp: Sở Nội vụ, Sở Tài chính và các cơ quan, đơn vị liên quan.",
    "Thời gian hoàn thành: Quý II/2025.",
    "6. Tổ chức tập huấn công tác y tế dự phòng.",
    "a) Đơn vị chủ trì: Sở Y tế;",
    "Thời gian hoàn thành: trước ngày 30/6/2025.",
)


def test_agency_and_time_lines_are_the_items_attributes(matcher: AgencyMatcher) -> None:
    first, second = _read(matcher, *AB_FORM)
    assert first.task_no == "5" and first.origin == "text"
    assert first.content == AB_FORM[0][3:]
    assert first.names(Role.LEAD)[0] == "Sở Y tế"
    assert first.names(Role.PARTNER)[:2] == ["Sở Nội vụ", "Sở Tài chính"]
    # a quarter is due by its last day (annotation guide, Deadlines)
    assert (first.time_text, first.period, first.deadline) == ("Quý II/2025", "Quý II", "2025-06-30")
    assert second.deadline == "2025-06-30"


@pytest.mark.parametrize(
    ("lines", "role"),
    [
        (
            (
                "1. Xây dựng kế hoạch.",
                "- Cơ quan chủ trì: Phòng Nội vụ;",
                "- Cơ quan phối hợp: Phòng Tư pháp.",
            ),
            None,
        ),
        (
            (
                "1. Xây dựng kế hoạch.",
                "Đơn vị thực hiện: Phòng Nội vụ, Phòng Tư pháp.",
                "Thời gian thực hiện: Tháng 6/2025.",
            ),
            Role.DOES,
        ),  # fmt: skip
        (("1. Xây dựng kế hoạch.", "Cơ quan chủ trì: Phòng Nội vụ; cơ quan phối hợp: Phòng Tư pháp."), None),
    ],
)
def test_agency_line_forms(matcher: AgencyMatcher, lines: tuple[str, ...], role: Role | None) -> None:
    (task,) = _read(matcher, *lines)
    assert task.names() == ["Phòng Nội vụ", "Phòng Tư pháp"]
    if role is None:
        assert task.names(Role.LEAD) == ["Phòng Nội vụ"] and task.names(Role.PARTNER) == ["Phòng Tư pháp"]
    else:
        assert task.names(role) == ["Phòng Nội vụ", "Phòng Tư pháp"]
    assert task.content == "Xây dựng kế hoạch."


@pytest.mark.parametrize("heading", ["2. Sở Tài chính:", "2. Sở Tài chính", "2. Giao Sở Tài chính:",
                                     "2. Đối với Sở Tài chính:", "2. Giám đốc Sở Tài chính:"])  # fmt: skip
@pytest.mark.parametrize(
    ("marker_lines", "numbers"),
    [
        (("a) Tham mưu bố trí kinh phí;", "b) Hướng dẫn quyết toán kinh phí."), ["2.a", "2.b"]),
        (("- Tham mưu bố trí kinh phí;", "- Hướng dẫn quyết toán kinh phí."), ["2.1", "2.2"]),
    ],
)
def test_duties_under_a_body_heading(
    matcher: AgencyMatcher, heading: str, marker_lines: tuple[str, ...], numbers: list[str]
) -> None:
    tasks = _read(matcher, heading, *marker_lines)
    assert [t.task_no for t in tasks] == numbers
    assert [t.content for t in tasks] == ["Tham mưu bố trí kinh phí;", "Hướng dẫn quyết toán kinh phí."]
    assert all(t.names() == ["Sở Tài chính"] for t in tasks)


def test_a_duty_under_a_body_keeps_that_body_whoever_its_sentence_mentions(matcher: AgencyMatcher) -> None:
    (task,) = _read(matcher, "1. Sở Y tế:", "a) Chủ trì, phối hợp với Sở Tài chính tổ chức tiêm chủng.")
    assert task.names() == ["Sở Y tế"] and task.task_no == "1.a"


def test_lettered_items_in_the_vietnamese_order_with_gaps_as_printed(matcher: AgencyMatcher) -> None:
    tasks = _read(matcher, "3. Công an tỉnh:", "d) Tuần tra;", "đ) Kiểm soát;", "g) Báo cáo.")
    assert [t.task_no for t in tasks] == ["3.d", "3.đ", "3.g"]


def test_lead_and_partner_from_the_sentence(matcher: AgencyMatcher) -> None:
    (task,) = _read(matcher, "2. Giao Phòng Nội vụ chủ trì, phối hợp với Phòng Tư pháp tổ chức rà soát.")
    assert task.names(Role.LEAD) == ["Phòng Nội vụ"] and task.names(Role.PARTNER) == ["Phòng Tư pháp"]
    (task,) = _read(matcher, "3. Phòng Tư pháp phối hợp chặt chẽ với Phòng Nội vụ kiểm tra hồ sơ.")
    assert task.names(Role.LEAD) == ["Phòng Tư pháp"] and task.names(Role.PARTNER) == ["Phòng Nội vụ"]


def test_a_sentence_whose_subject_is_a_body_is_that_bodys_task(matcher: AgencyMatcher) -> None:
    (task,) = _read(matcher, "4. Sở Y tế tăng cường kiểm tra an toàn thực phẩm.")
    assert task.names() == ["Sở Y tế"]


def test_points_without_an_actor_are_tasks_without_agencies(matcher: AgencyMatcher) -> None:
    tasks = _read(
        matcher, "1. Tổ chức hội nghị sơ kết.", "2. Tuyên truyền trên Cổng thông tin.", section="II. NỘI DUNG"
    )
    assert [(t.task_no, t.names()) for t in tasks] == [("1", []), ("2", [])]


def test_a_heading_sentence_that_introduces_its_items_is_not_a_task(matcher: AgencyMatcher) -> None:
    tasks = _read(matcher, "1. Tập trung thực hiện các nhiệm vụ sau:", "a) Rà soát hồ sơ;", "b) Báo cáo.")
    assert [t.task_no for t in tasks] == ["1.a", "1.b"]


def test_multi_level_numbers_are_written_as_printed(matcher: AgencyMatcher) -> None:
    tasks = _read(matcher, "1. Công tác tuyên truyền", "1.1. Tổ chức tọa đàm.", "1.2. Phát hành tài liệu.")
    assert [t.task_no for t in tasks] == ["1.1", "1.2"]


def test_an_unnumbered_paragraph_that_names_an_actor_is_a_duty_of_its_own(matcher: AgencyMatcher) -> None:
    tasks = _read(matcher, "1. Các đơn vị xây dựng kế hoạch của mình.",
                  "Đối với Phòng Nội vụ tổng hợp kết quả.",
                  "2. Giao Phòng Tư pháp theo dõi.")  # fmt: skip
    assert [t.task_no for t in tasks] == ["1", "", "2"]


def test_the_closing_formula_is_not_a_task(matcher: AgencyMatcher) -> None:
    tasks = _read(
        matcher, "1. Giao Phòng Nội vụ theo dõi.", "Trên đây là Kế hoạch công tác năm 2025 của UBND huyện./."
    )
    assert len(tasks) == 1 and tasks[0].content == "Giao Phòng Nội vụ theo dõi."


@pytest.mark.parametrize(
    ("section", "assigns"),
    [
        ("I. MỤC ĐÍCH, YÊU CẦU", False),
        ("I. ĐÁNH GIÁ CHUNG", False),
        ("II. NỘI DUNG", True),
        ("III. TỔ CHỨC THỰC HIỆN", True),
        ("IV. KINH PHÍ THỰC HIỆN", False),
        ("", True),
        ("II. LỘ TRÌNH THỰC HIỆN VÀ NỘI DUNG TUYÊN TRUYỀN", False),
        ("V. KHẨU HIỆU TUYÊN TRUYỀN", False),
        ("I. MỤC TIÊU, NHIỆM VỤ", True),
    ],  # fmt: skip
)
def test_sections_that_describe_assign_no_work(section: str, assigns: bool, matcher: AgencyMatcher) -> None:
    assert assigns_work(section) is assigns
    assert bool(_read(matcher, "1. Tổ chức hội nghị.", section=section)) is assigns


def test_targets_under_a_heading_are_not_tasks_but_its_duties_are(matcher: AgencyMatcher) -> None:
    lines = ("1. Cải cách thể chế", "a) Mục tiêu", "- 100% văn bản được cập nhật.", "b) Nhiệm vụ",
             "- Rà soát văn bản quy phạm pháp luật.")  # fmt: skip
    tasks = _read(matcher, *lines, section="I. MỤC TIÊU, NHIỆM VỤ")
    assert [(t.task_no, t.content) for t in tasks] == [("1.b.1", "Rà soát văn bản quy phạm pháp luật.")]


def test_dash_lines_under_a_whole_sentence_are_its_details(matcher: AgencyMatcher) -> None:
    item = "2. Kiểm tra việc niêm yết danh sách cử tri tại các khu vực bỏ phiếu trên địa bàn."
    tasks = _read(matcher, item, "- Thời gian niêm yết;", "- Địa điểm niêm yết.")
    assert [t.task_no for t in tasks] == ["2"]
    assert tasks[0].content.endswith("trên địa bàn.")


def test_an_item_named_by_its_work_keeps_its_dash_lines_as_what_to_look_at(matcher: AgencyMatcher) -> None:
    tasks = _read(matcher, "3. Giám sát việc lập danh sách cử tri", "- Thời gian lập;", "- Việc niêm yết.")
    assert [(t.task_no, t.content) for t in tasks] == [("3", "Giám sát việc lập danh sách cử tri")]


def test_an_item_named_by_its_topic_has_its_dash_lines_as_tasks(matcher: AgencyMatcher) -> None:
    tasks = _read(matcher, "1. Công tác tuyên truyền", "- Tổ chức tọa đàm;", "- Phát hành tờ rơi.")
    assert [t.task_no for t in tasks] == ["1.1", "1.2"]


def test_the_members_a_decision_names_are_not_tasks(matcher: AgencyMatcher) -> None:
    tasks = _read(matcher, "1. Ông Nguyễn Văn An, Phó Chủ tịch UBND phường, Trưởng ban;",
                  "2. Bà Trần Thị Bình, công chức Văn phòng, Thành viên.", section="")  # fmt: skip
    assert tasks == []


def test_the_heading_to_chuc_thuc_hien_keeps_its_dash_lines_as_tasks(matcher: AgencyMatcher) -> None:
    tasks = _read(matcher, "3. Tổ chức thực hiện", "- Chỉ đạo các cơ quan trực thuộc;", "- Bố trí kinh phí.")
    assert [t.task_no for t in tasks] == ["3.1", "3.2"]


def test_an_assignment_line_before_lettered_items_says_who_does_them(matcher: AgencyMatcher) -> None:
    tasks = _read(
        matcher,
        "1. Về cải cách thể chế",
        "Giao Sở Tư pháp chủ trì, phối hợp với các cơ quan, đơn vị liên quan:",
        "a) Rà soát văn bản quy phạm pháp luật của địa phương.",
        "b) Tham mưu sửa đổi, bổ sung văn bản không còn phù hợp.",
        "2. Về cải cách tổ chức bộ máy",
        "Giao Sở Nội vụ:",
        "a) Đề xuất sắp xếp tổ chức bộ máy.",
    )
    assert [t.task_no for t in tasks] == ["1.a", "1.b", "2.a"]  # the assignment line is no task
    assert [(a.name, a.role) for a in tasks[1].agencies] == [
        ("Sở Tư pháp", Role.LEAD), ("Các cơ quan, đơn vị liên quan", Role.PARTNER),
    ]  # fmt: skip
    assert tasks[2].names() == ["Sở Nội vụ"]


def test_a_partner_list_ends_at_the_verb_not_at_a_comma(matcher: AgencyMatcher) -> None:
    (task,) = _read(
        matcher,
        "1. Sở Y tế chủ trì, phối hợp với Công an tỉnh, Sở Tài chính triển khai kiểm tra an toàn thực phẩm.",
    )
    assert task.names(Role.LEAD) == ["Sở Y tế"]
    assert task.names(Role.PARTNER) == ["Công an tỉnh", "Sở Tài chính"]


def test_an_agency_line_after_a_block_of_dashes_gives_every_dash_its_roles(matcher: AgencyMatcher) -> None:
    tasks = _read(
        matcher,
        "1. Đẩy mạnh cải cách hành chính trong cơ quan",
        "- Rà soát quy trình nội bộ;",
        "- Hướng dẫn tiếp nhận hồ sơ trực tuyến.",
        "Lãnh đạo phụ trách: Phó Chủ tịch Trần Văn Bình.",
        "Đơn vị chủ trì: Phòng Nội vụ; Đơn vị phối hợp: Phòng Tư pháp.",
        "2. Công tác tập huấn",
        "- Xây dựng tài liệu tập huấn.",
        "- Đơn vị chủ trì: Phòng Tư pháp.",
    )
    assert [(t.task_no, t.content) for t in tasks[:2]] == [
        ("1.1", "Rà soát quy trình nội bộ;"), ("1.2", "Hướng dẫn tiếp nhận hồ sơ trực tuyến."),
    ]  # fmt: skip
    for task in tasks[:2]:
        assert task.names(Role.LEAD) == ["Phòng Nội vụ"] and task.names(Role.PARTNER) == ["Phòng Tư pháp"]
    # A dash of its own makes the agency line one of the last item's lines, not the block's.
    assert [t.task_no for t in tasks[2:]] == ["2.1"] and tasks[2].names(Role.LEAD) == ["Phòng Tư pháp"]


def test_an_assignment_line_before_the_first_item_says_who_does_the_items(matcher: AgencyMatcher) -> None:
    tasks = _read(
        matcher,
        "Giao Phòng Nội vụ chủ trì, phối hợp với Phòng Tư pháp:",
        "1. Theo dõi việc thực hiện Thông báo này.",
        "2. Tổng hợp kết quả, báo cáo hằng tháng.",
    )
    assert [t.task_no for t in tasks] == ["1", "2"]  # the assignment line is no task
    for task in tasks:
        assert task.names(Role.LEAD) == ["Phòng Nội vụ"] and task.names(Role.PARTNER) == ["Phòng Tư pháp"]


def test_a_preamble_line_that_assigns_nothing_stays_out(matcher: AgencyMatcher) -> None:
    tasks = _read(matcher, "Để triển khai kịp thời, yêu cầu thực hiện các nội dung sau:", "1. Rà soát hồ sơ.")
    assert [(t.task_no, t.names()) for t in tasks] == [("1", [])]


def test_an_agency_line_that_names_lead_and_partners(matcher: AgencyMatcher) -> None:
    (task,) = _read(
        matcher,
        "(2) Tổ chức tập huấn sử dụng chữ ký số.",
        "- Đơn vị thực hiện: Phòng Nội vụ chủ trì, phối hợp với Phòng Tư pháp.",
        "- Thời gian hoàn thành: Trong tháng 9/2025.",
    )
    assert task.names(Role.LEAD) == ["Phòng Nội vụ"] and task.names(Role.PARTNER) == ["Phòng Tư pháp"]


@pytest.mark.parametrize(
    "item",
    [
        "1. Khi có kết quả, giao Phòng Nội vụ chủ trì, phối hợp với Phòng Tư pháp tổng hợp, báo cáo.",
        "1. Trên cơ sở đề xuất của thôn, Phòng Nội vụ chủ trì, phối hợp với Phòng Tư pháp thẩm định.",
        "1. Đối với hồ sơ tồn đọng: Giao Phòng Nội vụ chủ trì, phối hợp với Phòng Tư pháp giải quyết.",
    ],
)
def test_the_actor_named_after_an_opening_clause(matcher: AgencyMatcher, item: str) -> None:
    (task,) = _read(matcher, item)
    assert task.names(Role.LEAD) == ["Phòng Nội vụ"] and task.names(Role.PARTNER) == ["Phòng Tư pháp"]


def test_a_closing_request_after_the_last_items_lines_is_not_its_text(matcher: AgencyMatcher) -> None:
    (task,) = _read(
        matcher,
        "(1) Rà soát danh mục thủ tục hành chính.",
        "- Đơn vị thực hiện: Phòng Tư pháp.",
        "- Thời gian hoàn thành: Thực hiện thường xuyên.",
        "Yêu cầu các cơ quan, đơn vị nghiên cứu, thực hiện nghiêm túc và báo cáo kết quả về Ủy ban nhân dân.",
    )
    assert task.content == "Rà soát danh mục thủ tục hành chính."


CLOSING_READ_AS_BODY = (
    "Nơi nhận:",  # as OCR may break it when the page's two columns interleave
    "CHỦ TỊCH",
    "- Như trên;",
    "- Thường trực HĐND huyện;",
    "Nguyễn Văn An",
    "- Lưu: VT, VP.",
)


@pytest.mark.parametrize(
    "last",
    [
        ["2. Giao Phòng Tư pháp theo dõi, tổng hợp kết quả thực hiện, báo cáo UBND huyện./."],
        ["2. Giao Phòng Tư pháp theo dõi, tổng hợp.", "Yêu cầu các cơ quan nghiêm túc thực hiện./."],
        ["2. Giao Phòng Tư pháp theo dõi, tổng hợp."],
    ],
)
def test_the_recipients_list_and_the_signer_are_no_tasks(matcher: AgencyMatcher, last: list[str]) -> None:
    lines = ["1. Giao Phòng Nội vụ rà soát hồ sơ.", *last, *CLOSING_READ_AS_BODY]
    tasks = _read(matcher, *[t.replace("Nơi nhận:", ".Nơi nhận:") for t in lines])
    assert [t.task_no for t in tasks] == ["1", "2"]
    assert tasks[1].content.startswith("Giao Phòng Tư pháp theo dõi, tổng hợp")


def test_an_events_arrangements_are_no_tasks(matcher: AgencyMatcher) -> None:
    tasks = _read(
        matcher,
        "1. Thời gian: 08 giờ 00 ngày 15/10/2025.",
        "2. Địa điểm: Hội trường Ủy ban nhân dân huyện.",
        "3. Đối tượng tham gia: Công chức làm công tác văn thư.",
        "4. Nội dung tập huấn: Quy định về thể thức văn bản.",
        "5. Giao Phòng Nội vụ chuẩn bị tài liệu tập huấn.",
        section="II. NỘI DUNG",
    )
    assert [t.task_no for t in tasks] == ["5"]


def test_a_procedures_steps_are_no_tasks(matcher: AgencyMatcher) -> None:
    tasks = _read(
        matcher,
        "1. Nhập số liệu trên phần mềm như sau:",
        "Bước 1: Đăng nhập phần mềm bằng tài khoản được cấp.",
        "Bước 2: Nhập số liệu và gửi về Phòng Nội vụ.",
        "2. Các xã gửi báo cáo trước ngày 30/11/2025.",
    )
    assert [t.task_no for t in tasks] == ["2"]


def test_a_heading_that_names_a_content_and_ends_in_a_colon_keeps_its_items(matcher: AgencyMatcher) -> None:
    tasks = _read(matcher, "1. Về báo cáo", "a) Nội dung báo cáo:", "Các xã đánh giá kết quả thực hiện.")
    assert [t.content for t in tasks] == ["Các xã đánh giá kết quả thực hiện."]


def test_what_an_item_yields_is_not_its_text_nor_a_task(matcher: AgencyMatcher) -> None:
    (task,) = _read(
        matcher,
        "1.1. Xây dựng hướng dẫn công tác bầu cử.",
        "- Thời gian hoàn thành: Tháng 11/2025.",
        "- Đơn vị chủ trì: Phòng Nội vụ",
        "- Kết quả: Dự thảo hướng dẫn trình lãnh đạo ban hành.",
    )
    assert task.content == "Xây dựng hướng dẫn công tác bầu cử." and task.names() == ["Phòng Nội vụ"]


def test_a_heading_for_who_is_surveyed_heads_no_tasks(matcher: AgencyMatcher) -> None:
    tasks = _read(
        matcher,
        "1. Về khảo sát",
        "a) Đối tượng, số lượng mẫu khảo sát:",
        "- Lãnh đạo phòng: khảo sát tất cả lãnh đạo phòng.",
        "b) Lập danh sách:",
        "- Các xã lập danh sách người được khảo sát.",
    )
    assert [t.task_no for t in tasks] == ["1.b.1"]


def test_a_dash_line_that_only_names_bodies_is_no_task(matcher: AgencyMatcher) -> None:
    tasks = _read(matcher, "- Phòng Tư pháp;", "- UBND các xã, thị trấn.", section="")
    assert tasks == []


def test_a_body_named_before_the_colon_of_its_item_acts(matcher: AgencyMatcher) -> None:
    first, second = _read(
        matcher,
        "1. Phòng Tư pháp: Là đầu mối tham mưu, tổng hợp kết quả thực hiện, chủ trì, phối hợp với các xã.",
        "2. Phòng Nội vụ: Chủ trì, phối hợp với Phòng Tư pháp tổ chức tập huấn.",
    )
    assert first.names() == ["Phòng Tư pháp"] and first.names(Role.LEAD) == []
    assert second.names(Role.LEAD) == ["Phòng Nội vụ"] and second.names(Role.PARTNER) == ["Phòng Tư pháp"]


def test_a_sentence_that_starts_with_several_bodies_is_their_task(matcher: AgencyMatcher) -> None:
    (task,) = _read(matcher, "3. Phòng Nội vụ, Phòng Tư pháp theo chức năng, nhiệm vụ hướng dẫn các xã.")
    assert task.names() == ["Phòng Nội vụ", "Phòng Tư pháp"]


def test_a_sentence_led_by_a_collective_is_its_task(matcher: AgencyMatcher) -> None:
    (task,) = _read(matcher, "3. Các phòng, ban, ngành huyện căn cứ chức năng, nhiệm vụ xây dựng kế hoạch.")
    assert task.names() == ["Các phòng, ban, ngành huyện"]


def test_a_working_sessions_agenda_is_no_task(matcher: AgencyMatcher) -> None:
    assert _read(matcher, "1. Công tác phòng, chống thiên tai.", section="I. NỘI DUNG LÀM VIỆC") == []


def test_an_item_listing_the_parts_of_a_report_is_one_task(matcher: AgencyMatcher) -> None:
    tasks = _read(
        matcher,
        "1. Các phòng chuyên môn gửi báo cáo về Phòng Nội vụ trước ngày 10/12/2025, gồm các nội dung sau:",
        "- Kết quả thực hiện nhiệm vụ năm 2025;",
        "- Những khó khăn, vướng mắc và kiến nghị (nếu có).",
        "2. Phòng Tài chính - Kế hoạch bố trí kinh phí thực hiện.",
    )
    assert [t.task_no for t in tasks] == ["1", "2"]
    assert tasks[0].deadline == "2025-12-10"
    assert tasks[0].content.endswith(
        "gồm các nội dung sau: - Kết quả thực hiện nhiệm vụ năm 2025;"
        " - Những khó khăn, vướng mắc và kiến nghị (nếu có)."
    )


def test_a_contents_heading_before_a_list_makes_its_items_parts_not_tasks(matcher: AgencyMatcher) -> None:
    tasks = _read(
        matcher,
        "Nội dung bồi dưỡng gồm:",
        "1. Truyền thống của nhà trường.",
        "2. Các quy định về đào tạo và công tác sinh viên.",
        section="",
    )
    assert tasks == []


def test_an_introducing_sentence_before_dashes_is_not_a_task_nor_numbered(matcher: AgencyMatcher) -> None:
    tasks = _read(
        matcher,
        "3. Tổ chức thực hiện",
        "Để bảo đảm tiến độ, Ủy ban nhân dân huyện đề nghị các cơ quan thực hiện một số nội dung sau:",
        "- Phổ biến Kế hoạch đến cán bộ, công chức.",
        "- Bố trí kinh phí thực hiện.",
        section="",
    )
    assert [(t.task_no, t.content[:10]) for t in tasks] == [("3.1", "Phổ biến K"), ("3.2", "Bố trí kin")]


def test_an_introducing_sentence_before_its_steps_is_the_task(matcher: AgencyMatcher) -> None:
    tasks = _read(
        matcher,
        "b) Nhập dữ liệu:",
        "Các phòng tổng hợp, nhập dữ liệu vào phần mềm theo các bước sau:",
        "Bước 1: Đăng nhập phần mềm.",
        "Bước 2: Chọn mục báo cáo.",
        section="",
    )
    assert [t.content[:14] for t in tasks] == ["Các phòng tổng"]


@pytest.mark.parametrize(
    "line",
    [
        "- Tiếp nhận, giải đáp vướng mắc: Ông Trần Văn Bình, Phòng Nội vụ; số điện thoại: 0912.000.111.",
        "- Nghiêm cấm mọi hình thức can thiệp vào việc trả lời phiếu khảo sát.",
        "- Phòng Nội vụ nhận được Công văn số 12/SNV ngày 02/01/2025 của Sở Nội vụ về việc rà soát.",
        "- Số điện thoại liên hệ:",
    ],
)
def test_lines_that_state_no_duty(matcher: AgencyMatcher, line: str) -> None:
    tasks = _read(matcher, "1. Tổ chức thực hiện", "- Phòng Nội vụ tổng hợp kết quả.", line, section="")
    assert [t.content[:9] for t in tasks] == ["Phòng Nội"]


def test_a_contact_inside_a_duty_keeps_the_duty(matcher: AgencyMatcher) -> None:
    tasks = _read(
        matcher,
        "1. Các phòng chuẩn bị hồ sơ, gửi về Phòng Nội vụ (liên hệ: Đ/c Trần Văn Bình, SĐT: 0912000111)"
        " trước ngày 25/3/2026.",
        section="",
    )
    assert len(tasks) == 1 and tasks[0].deadline == "2026-03-25"


@pytest.mark.parametrize("closing", ["Trân trọng.", "Đính kèm: Quyết định số 12/QĐ-UBND ngày 02/01/2025."])
def test_a_letter_s_closing_lines_are_not_tasks(matcher: AgencyMatcher, closing: str) -> None:
    tasks = _read(matcher, "1. Phòng Nội vụ tổng hợp kết quả.", closing, section="")
    assert [t.task_no for t in tasks] == ["1"]


def test_a_finding_s_remedy_lines_are_its_tasks(matcher: AgencyMatcher) -> None:
    tasks = _read(
        matcher,
        "2.1. Việc lập sổ theo dõi văn bản mật còn chưa đầy đủ theo quy định.",
        "- Nguyên nhân: Cán bộ phụ trách chưa nắm vững quy định.",
        "- Giải pháp thực hiện: Phân công cán bộ theo dõi sổ văn bản mật của từng phòng.",
        "+ Lập sổ theo đúng mẫu quy định;",
        "+ Ký nhận đầy đủ khi chuyển giao văn bản.",
        "- Thời gian thực hiện: Hoàn thành trước ngày 30/10/2025; giao Văn phòng HĐND và UBND huyện"
        " theo dõi, đôn đốc thực hiện.",
        section="",
    )
    assert [t.task_no for t in tasks] == ["2.1.1", "2.1.2", "2.1.3", "2.1"]
    assert tasks[1].content == "Lập sổ theo đúng mẫu quy định;"
    assert tasks[-1].content.startswith("giao Văn phòng HĐND")
    assert {t.time_text for t in tasks} == {"Hoàn thành trước ngày 30/10/2025"}
    assert all(t.deadline == "2025-10-30" for t in tasks)


def test_ocr_s_i_for_the_one_before_a_two_is_an_item_and_the_preamble_s_addressees_act(
    matcher: AgencyMatcher,
) -> None:
    tasks = _read(
        matcher,
        "Để bảo đảm tiến độ, Chủ tịch UBND huyện yêu cầu các phòng chuyên môn thực hiện các nhiệm vụ sau:",
        "I. Rà soát, bố trí công chức phụ trách công nghệ thông tin tại các phòng.",
        "Trường hợp chưa bố trí được, thực hiện hợp đồng thuê nhân sự.",
        "2. Sở Y tế tổ chức tập huấn kỹ năng số cho cán bộ, công chức.",
        section="II. NỘI DUNG",
    )
    assert [t.task_no for t in tasks] == ["1", "2"]
    assert tasks[0].content.endswith("thực hiện hợp đồng thuê nhân sự.")  # "Trường hợp" goes on with it
    assert tasks[0].names() == ["Các phòng chuyên môn"]
    assert tasks[1].names() == ["Sở Y tế"]  # an item's own subject comes first


def test_what_a_notice_tells_students_is_no_task(matcher: AgencyMatcher) -> None:
    tasks = _read(
        matcher,
        "1. Sinh viên tự đăng ký học phần trên hệ thống trước ngày 15/8/2025.",
        "2. Sau ngày 20/8/2025 sinh viên không đăng ký sẽ được xếp lớp theo kế hoạch.",
        "3. Sau 24 giờ, hệ thống phần mềm sẽ tự hủy các đăng ký chưa nộp học phí.",
        "4. Sinh viên khóa K20 học trực tuyến; yêu cầu các khoa thông báo lịch học đến sinh viên.",
        "5. Phòng Đào tạo hướng dẫn sinh viên đăng ký học phần.",
        section="",
    )
    assert [t.task_no for t in tasks] == ["4", "5"]


def test_a_doer_line_beside_a_partner_line_is_the_lead_and_a_content_line_is_the_item_s(
    matcher: AgencyMatcher,
) -> None:
    tasks = _read(
        matcher,
        "a. Rà soát các văn bản quy phạm pháp luật về lĩnh vực y tế.",
        "- Nội dung: tập trung vào thủ tục hành chính.",
        "- Đơn vị thực hiện: Sở Y tế.",
        "- Đơn vị phối hợp: Sở Tư pháp.",
        "- Thời gian thực hiện: Quý IV/2025",
        section="",
    )
    assert len(tasks) == 1
    task = tasks[0]
    assert task.content.endswith("Nội dung: tập trung vào thủ tục hành chính.")
    assert (task.names(Role.LEAD), task.names(Role.PARTNER)) == (["Sở Y tế"], ["Sở Tư pháp"])
    assert task.deadline == "2025-12-31"


def test_an_item_that_starts_with_its_work_keeps_its_dashes_as_details(matcher: AgencyMatcher) -> None:
    tasks = _read(
        matcher,
        "5.2. Tổ chức thực hiện công tác tuyên truyền về bầu cử; tập hợp dư luận xã hội",
        "- Đa dạng, phong phú, phù hợp với từng nhóm đối tượng cử tri;",
        "- Tập trung vào quyền và nghĩa vụ của công dân trong bầu cử.",
        section="",
    )
    assert [t.task_no for t in tasks] == ["5.2"]


def test_points_to_check_after_a_work_item_s_colon_are_its_details(matcher: AgencyMatcher) -> None:
    tasks = _read(
        matcher,
        "3. Kiểm tra, giám sát việc lập danh sách cử tri theo quy định của Luật Bầu cử. Cụ thể:",
        "- Việc niêm yết danh sách cử tri;",
        "- Tư cách cử tri và ghi tên cử tri vào danh sách.",
        "4. Theo dõi tiến độ, đôn đốc trả lời phiếu khảo sát:",
        "- Phòng Nội vụ tổng hợp tiến độ hằng tuần.",
        "- Đôn đốc các cơ quan trả lời phiếu đúng hạn.",
        section="",
    )
    assert [t.task_no for t in tasks] == ["3", "4.1", "4.2"]


def _decision(matcher: AgencyMatcher, *texts: str, kind: str = "Quyết định"):
    return tasks_of(_paras(*texts), "", 2025, matcher, {"huyện": "huyện Chi Lăng"}, kind)


def test_an_article_is_the_top_item_of_a_decision() -> None:
    assert marker("Điều 2. Sở Y tế chịu trách nhiệm:")[:2] == ("article", "2")
    assert marker("Điều 3: Giao Sở Tài chính bố trí kinh phí.")[:2] == ("article", "3")
    assert marker("Điều 5 Luật Đất đai quy định …")[0] == "para"  # a citation, not an article


def test_articles_that_assign_work_number_their_clauses_with_the_article(matcher: AgencyMatcher) -> None:
    tasks = _decision(
        matcher,
        "Điều 1. Phê duyệt Kế hoạch ứng phó sự cố của Công ty X (kèm theo Quyết định này).",
        "Điều 2. Sở Y tế chịu trách nhiệm:",
        "1. Trong công tác phòng ngừa:",
        "1.1. Bố trí đủ nhân lực, trang thiết bị theo kế hoạch được duyệt.",
        "1.2. Hằng năm tổ chức tập huấn cho cán bộ, nhân viên.",
        "2. Báo cáo kết quả thực hiện với Ủy ban nhân dân tỉnh.",
        "Điều 3. Sở Tài chính chủ trì kiểm tra, giám sát việc thực hiện Kế hoạch.",
        "Sở Nội vụ có trách nhiệm phối hợp khi có yêu cầu.",
        "Điều 4. Quyết định này có hiệu lực kể từ ngày ký.",
        "Điều 5. Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Y tế chịu trách nhiệm thi hành"
        " Quyết định này./.",
    )
    assert [t.task_no for t in tasks] == ["2.1.1", "2.1.2", "2.2", "3.1", "3.2"]
    assert [a.name for a in tasks[0].agencies] == ["Sở Y tế"]  # from the article's intro sentence
    assert [a.name for a in tasks[3].agencies] == ["Sở Tài chính"]


def test_the_one_article_that_assigns_work_numbers_its_clauses_as_printed(matcher: AgencyMatcher) -> None:
    tasks = _decision(
        matcher,
        "Điều 1: Phân công nhiệm vụ đối với công chức Văn phòng:",
        "1. Công chức Văn phòng, ông Nguyễn Văn A.",
        "a) Tham mưu xây dựng chương trình công tác của Ủy ban nhân dân.",
        "b) Thực hiện công tác lưu trữ.",
        "Điều 2: Quyết định này có hiệu lực kể từ ngày ký.",
        "Điều 3: Văn phòng và các đồng chí có tên tại Điều 1 căn cứ quyết định thi hành kể từ ngày ký.",
    )
    assert [t.task_no for t in tasks] == ["1.a", "1.b"]


def test_an_articles_paragraphs_are_numbered_by_position(matcher: AgencyMatcher) -> None:
    tasks = _decision(
        matcher,
        "Điều 1. Thành lập Ban bầu cử, gồm các ông, bà có tên sau:",
        "1. Ông Nguyễn Văn A, Chủ tịch Ủy ban Mặt trận, Trưởng ban;",
        "Điều 2. Ban bầu cử thực hiện nhiệm vụ, quyền hạn theo quy định của Luật Bầu cử.",
        "Trưởng ban bầu cử chịu trách nhiệm phân công nhiệm vụ cho từng thành viên.",
        "Ban bầu cử tự giải thể sau khi hoàn thành nhiệm vụ.",
        "Điều 3. Quyết định này có hiệu lực kể từ ngày ký.",
    )
    assert [(t.task_no, t.content[:22]) for t in tasks] == [
        ("2.1", "Ban bầu cử thực hiện n"),
        ("2.2", "Trưởng ban bầu cử chịu"),
    ]


def test_an_article_titled_over_its_text_that_repeals_is_no_task(matcher: AgencyMatcher) -> None:
    tasks = _decision(
        matcher,
        "Điều 1. Bãi bỏ toàn bộ Quyết định",
        "Bãi bỏ toàn bộ Quyết định số 78/2010/QĐ-TTg ngày 30 tháng 11 năm 2010 của Thủ tướng Chính phủ.",
        "Điều 2. Điều khoản thi hành",
        "1. Quyết định này có hiệu lực thi hành từ ngày 18 tháng 02 năm 2025.",
        "2. Các Bộ trưởng, Chủ tịch Ủy ban nhân dân các tỉnh chịu trách nhiệm thi hành Quyết định này./.",
    )
    assert tasks == []


@pytest.mark.parametrize("kind", ["Thông tư", "Thông tư liên tịch", "Nghị định"])
def test_rules_of_law_are_not_tasks_but_follow_up_work_is(matcher: AgencyMatcher, kind: str) -> None:
    texts = (
        "Điều 4. Giải quyết việc hủy kết hôn",
        "1. Khi xem xét yêu cầu, Tòa án phải căn cứ vào quy định của pháp luật tại thời điểm kết hôn.",
        "2. Cơ quan đăng ký phải ghi vào sổ việc hủy kết hôn trái pháp luật.",
        "Điều 5. Tổ chức thực hiện",
        "1. Thông tư này có hiệu lực kể từ ngày 01 tháng 3 năm 2016.",
        "2. Giao Sở Tư pháp hướng dẫn các xã thực hiện trước ngày 30/6/2025.",
    )
    tasks = _decision(matcher, *texts, kind=kind)
    assert [t.task_no for t in tasks] == ["5.2"]
    assert [a.name for a in tasks[0].agencies] == ["Sở Tư pháp"]
    assert len(_decision(matcher, *texts, kind="Quyết định")) == 3  # a decision's clauses stay


def test_a_decision_on_a_bodys_functions_gives_that_body_its_duties(matcher: AgencyMatcher) -> None:
    tasks = _decision(
        matcher,
        "Căn cứ Thông tư số 37/2025/TT-BCT hướng dẫn chức năng, nhiệm vụ, quyền hạn của Sở Tư pháp;",
        "Ủy ban nhân dân tỉnh ban hành Quyết định quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức"
        " của Sở Tư pháp.",
        "Điều 1. Vị trí và chức năng",
        "1. Sở Tư pháp là cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh.",
        "Điều 2. Nhiệm vụ và quyền hạn",
        "1. Trình Ủy ban nhân dân tỉnh dự thảo quyết định thuộc ngành, lĩnh vực.",
        "2. Hướng dẫn chuyên môn cho Ủy ban nhân dân cấp xã.",
        "Điều 3. Cơ cấu tổ chức",
        "1. Lãnh đạo Sở có Giám đốc và không quá 03 Phó Giám đốc.",
    )
    assert [t.task_no for t in tasks] == ["2.1", "2.2"]  # numbered with its article
    assert [[a.name for a in t.agencies] for t in tasks] == [["Sở Tư pháp"], ["Sở Tư pháp"]]


def test_a_letters_paragraphs_that_ask_bodies_to_act_are_its_tasks(matcher: AgencyMatcher) -> None:
    # A Công văn without numbered items: the paragraph that asks bodies to act is the task; the
    # paragraph on what reached the office, the one telling students and the closing are not.
    tasks = _read(
        matcher,
        "Ủy ban nhân dân tỉnh nhận được Công văn số 12/BNV ngày 05/3/2025 của Bộ Nội vụ về việc tổng kết.",
        "Chủ tịch Ủy ban nhân dân tỉnh giao Sở Nội vụ, Sở Tư pháp nghiên cứu, triển khai thực hiện.",
        "Nhà trường yêu cầu sinh viên nộp hồ sơ đúng hạn.",
        "Trân trọng./.",
        section="",
    )
    assert [(t.task_no, t.content[:24]) for t in tasks] == [("", "Chủ tịch Ủy ban nhân dân")]
    assert [a.name for a in tasks[0].agencies] == ["Sở Nội vụ", "Sở Tư pháp"]


def test_a_preambles_own_sentences_are_not_tasks(matcher: AgencyMatcher) -> None:
    tasks = _read(
        matcher,
        "Căn cứ Quyết định số 10/QĐ-UBND ngày 02/01/2025 của Ủy ban nhân dân tỉnh giao Sở Y tế thực hiện.",
        "Theo đề nghị của Sở Nội vụ, Ủy ban nhân dân huyện ban hành Kế hoạch như sau.",
        "Ủy ban nhân dân huyện xây dựng Kế hoạch thực hiện năm 2025.",
        section="",
    )
    assert tasks == []


def test_a_sections_unnumbered_paragraphs_are_its_duties(matcher: AgencyMatcher) -> None:
    tasks = _read(
        matcher,
        "Văn phòng Sở có trách nhiệm tổng hợp kết quả, báo cáo Ban Giám đốc.",
        "Các phòng, đơn vị có trách nhiệm phối hợp với Văn phòng Sở trong công tác kiểm tra.",
        "Định kỳ 6 tháng, hằng năm, Sở Tư pháp tổ chức sơ kết, đánh giá kết quả thực hiện.",
        "Trên đây là Kế hoạch thực hiện năm 2025./.",
        section="V. CHẾ ĐỘ BÁO CÁO",
    )
    assert [t.task_no for t in tasks] == ["", "", ""]
    assert [a.name for a in tasks[1].agencies if a.role is Role.PARTNER] == ["Văn phòng Sở"]
    assert [a.name for a in tasks[2].agencies] == ["Sở Tư pháp"]


def test_a_request_whose_items_give_only_its_arrangements_is_the_task(matcher: AgencyMatcher) -> None:
    tasks = _read(
        matcher,
        "Bệnh viện đa khoa tỉnh đề nghị Sở Y tế đăng tải thông tin trên trang điện tử với nội dung như sau:",
        "1. Thời gian đăng tải: từ ngày 02/10/2025 đến ngày 06/10/2025.",
        "2. Nội dung: theo phụ lục đính kèm.",
        section="",
    )
    assert [(t.task_no, t.content[-17:]) for t in tasks] == [("", "nội dung như sau:")]
    assert [a.name for a in tasks[0].agencies] == ["Sở Y tế"]


def test_a_letters_paragraph_broken_at_the_page_end_is_one_task(matcher: AgencyMatcher) -> None:
    tasks = _read(
        matcher,
        "Ủy ban nhân dân tỉnh giao Sở Tài chính chủ trì, phối hợp với Sở Nội vụ rà soát năm",
        "2025, báo cáo trước ngày 15/11/2025.",
        section="",
    )
    assert [t.content for t in tasks] == [
        "Ủy ban nhân dân tỉnh giao Sở Tài chính chủ trì, phối hợp với Sở Nội vụ rà soát năm 2025, báo cáo "
        "trước ngày 15/11/2025."
    ]
    assert [(a.name, a.role) for a in tasks[0].agencies] == [
        ("Sở Tài chính", Role.LEAD),
        ("Sở Nội vụ", Role.PARTNER),
    ]
    assert str(tasks[0].deadline) == "2025-11-15"


def test_a_preambles_request_before_the_sections_is_no_task(matcher: AgencyMatcher) -> None:
    said = "Để triển khai kịp thời, Chủ tịch Ủy ban nhân dân tỉnh yêu cầu Sở Y tế thực hiện các nhiệm vụ sau:"
    assert _read(matcher, said, section="") == []
