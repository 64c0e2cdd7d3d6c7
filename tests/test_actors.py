"""Who acts in a duty's sentence or heading, as offices write it (made-up snippets)."""

from __future__ import annotations

import pytest

from pipeline.agencies.matcher import AgencyMatcher
from pipeline.layout.lines import Paragraph
from pipeline.model import Box, Line, Role, Word
from pipeline.structure.outline import tasks_of


@pytest.fixture(scope="module")
def matcher() -> AgencyMatcher:
    return AgencyMatcher.load()


def _paras(texts: tuple[str, ...]) -> list[Paragraph]:
    paras = []
    for i, t in enumerate(texts):
        line = Line([Word(t, Box(50, 100 + 20 * i, 500, 112 + 20 * i))], 1)
        paras.append(Paragraph([line], t, [1]))
    return paras


def _read(matcher: AgencyMatcher, *texts: str, section: str = "III. TỔ CHỨC THỰC HIỆN"):
    return tasks_of(_paras(texts), section, 2025, matcher, {"huyện": "huyện Chi Lăng"})


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        # a body the gazetteer does not hold acts when its name starts like a body's
        ("3. Phòng Hành chính Quản trị chuẩn bị hội trường, âm thanh.", ["Phòng Hành chính Quản trị"]),
        ("4. Trung tâm Dịch vụ việc làm thường xuyên cập nhật số liệu.", ["Trung tâm Dịch vụ việc làm"]),
        (
            "5. Phòng Khảo thí, Phòng Thanh tra giáo dục bố trí cán bộ coi thi.",
            ["Phòng Khảo thí", "Phòng Thanh tra giáo dục"],
        ),
        # "Giao" with a lowercase kind word, and a predicate that opens with an adverb
        ("6. Giao phòng Quản lý đô thị tổ chức kiểm tra trật tự xây dựng.", ["Phòng Quản lý đô thị"]),
        (
            "7. Giao Văn phòng Ủy ban nhân dân huyện thường xuyên theo dõi, đôn đốc.",
            ["Văn phòng Ủy ban nhân dân huyện"],
        ),
        # the subject after an opening clause
        (
            "8. Sau khi có kết quả, phòng Tài chính - Kế hoạch sẽ tổng hợp báo cáo.",
            ["Phòng Tài chính - Kế hoạch"],
        ),
        # a verb inside a body's own name does not end the subject
        (
            "9. Ban Quản lý dự án đầu tư xây dựng huyện đẩy nhanh tiến độ thi công.",
            ["Ban Quản lý dự án đầu tư xây dựng huyện"],
        ),
        # a collective subject in lower case after the opening clause, after a short label,
        # and a request after a condition's colon
        (
            "10. Căn cứ kết quả năm 2025, các cơ quan, đơn vị tiến hành rà soát, tổng hợp số liệu.",
            ["Các cơ quan, đơn vị"],
        ),
        (
            "11. Danh mục hồ sơ: Các cơ quan, địa phương liệt kê các văn bản đã ban hành.",
            ["Các cơ quan, địa phương"],
        ),
        (
            "12. Đối với tiêu chí không có tài liệu (nếu có): Đề nghị đơn vị lập phụ lục giải trình.",
            ["Đơn vị"],
        ),
    ],
)
def test_the_subject_of_a_duty_is_who_acts(matcher: AgencyMatcher, sentence: str, names: list[str]) -> None:
    (task,) = _read(matcher, sentence)
    assert task.names() == names


def test_heads_of_several_bodies_give_the_bodies(matcher: AgencyMatcher) -> None:
    (task,) = _read(
        matcher,
        "1. Thủ trưởng các cơ quan, đơn vị và Chủ tịch Ủy ban nhân dân các xã, thị trấn "
        "trực tiếp chỉ đạo thực hiện.",
    )
    assert task.names() == ["Các cơ quan, đơn vị", "Ủy ban nhân dân các xã, thị trấn"]


def test_a_collective_and_a_body_joined_by_va_are_two(matcher: AgencyMatcher) -> None:
    (task,) = _read(
        matcher,
        "2. Các phòng, ban, ngành và Ủy ban nhân dân các xã, thị trấn căn cứ Kế hoạch này "
        "xây dựng kế hoạch thực hiện.",
    )
    assert task.names() == ["Các phòng, ban, ngành", "Ủy ban nhân dân các xã, thị trấn"]


def test_a_verb_before_chu_tri_is_the_work_not_the_lead(matcher: AgencyMatcher) -> None:
    (task,) = _read(
        matcher,
        "3. Phòng Văn hóa và Thông tin xây dựng kế hoạch; tổ chức chủ trì, phối hợp với "
        "các đoàn thể kiểm tra.",
    )
    assert task.names() == ["Phòng Văn hóa và Thông tin"]
    assert task.names(Role.LEAD) == []


def test_a_heading_whose_collective_holds_a_verb_word_heads_its_duties(matcher: AgencyMatcher) -> None:
    tasks = _read(
        matcher,
        "2. Các tổ chức chính trị - xã hội huyện",
        "a) Tuyên truyền đến hội viên;",
        "b) Báo cáo kết quả.",
    )
    assert [t.names() for t in tasks] == [["Các tổ chức chính trị - xã hội huyện"]] * 2


def test_an_unknown_body_heading_with_a_verb_word_in_its_name(matcher: AgencyMatcher) -> None:
    tasks = _read(
        matcher, "4. Ban Quản lý dự án đầu tư xây dựng số 2:", "a) Rà soát hồ sơ;", "b) Báo cáo kết quả."
    )
    assert [t.names() for t in tasks] == [["Ban Quản lý dự án đầu tư xây dựng số 2"]] * 2


@pytest.mark.parametrize(
    ("cell", "names"),
    [
        (
            "Các sở, ban, ngành và Ủy ban nhân dân các xã, thị trấn",
            ["Các sở, ban, ngành", "Ủy ban nhân dân các xã, thị trấn"],
        ),
        (
            "Các cơ quan liên quan và UBND các xã: Quang Lang, Mai Sao",
            ["Các cơ quan liên quan", "Ủy ban nhân dân xã Quang Lang", "Ủy ban nhân dân xã Mai Sao"],
        ),
    ],
)
def test_a_cell_splits_where_another_body_starts(matcher: AgencyMatcher, cell: str, names: list[str]) -> None:
    assert [r.name for r in matcher.parse_cell(cell)] == names


def test_a_second_collective_after_a_comma_is_its_own(matcher: AgencyMatcher) -> None:
    cell = "các phòng, ban, ngành huyện, các đơn vị có liên quan"
    assert [r.name for r in matcher.parse_cell(cell)] == [
        "Các phòng, ban, ngành huyện",
        "Các đơn vị có liên quan",
    ]


def test_the_lead_is_the_subject_before_its_own_verb(matcher: AgencyMatcher) -> None:
    (task,) = _read(matcher, "5. Căn cứ Kế hoạch này, Thủ trưởng các phòng, ban, ngành huyện xây dựng kế "
                             "hoạch cụ thể, phối hợp chặt chẽ với Phòng Nội vụ thực hiện.")
    assert task.names(Role.LEAD) == ["Các phòng, ban, ngành huyện"]
    assert task.names(Role.PARTNER) == ["Phòng Nội vụ"]


def test_a_projects_investor_heads_its_duties(matcher: AgencyMatcher) -> None:
    tasks = _read(matcher, "1. Nhà đầu tư dự án đường tránh Quốc lộ 1A:", "a) Khẩn trương tập kết máy móc;",
                  "b) Báo cáo tiến độ hằng tuần.")
    assert [t.names() for t in tasks] == [["Nhà đầu tư dự án đường tránh Quốc lộ 1A"]] * 2


@pytest.mark.parametrize(
    ("sentence", "lead", "partners"),
    [
        # "phối hợp" without "với" before a body's name
        ("2. Phòng Văn hóa và Thông tin chủ động phối hợp Phòng Nội vụ, Công an huyện cung cấp thông tin.",
         ["Phòng Văn hóa và Thông tin"], ["Phòng Nội vụ", "Công an huyện"]),
        # the partner after the lead's own clause
        ("3. Giao Phòng Tư pháp chủ trì hướng dẫn nghiệp vụ, phối hợp với Phòng Nội vụ kiểm tra hồ sơ.",
         ["Phòng Tư pháp"], ["Phòng Nội vụ"]),
        # but not inside a condition
        ("4. Giao Phòng Tư pháp chủ trì hướng dẫn nghiệp vụ, khi cần thì phối hợp với Phòng Nội vụ.",
         ["Phòng Tư pháp"], []),
    ],
)
def test_partners_as_offices_write_them(
    matcher: AgencyMatcher, sentence: str, lead: list[str], partners: list[str]
) -> None:
    (task,) = _read(matcher, sentence)
    assert task.names(Role.LEAD) == lead and task.names(Role.PARTNER) == partners


def test_a_body_listing_its_own_works_before_phoi_hop_is_the_only_agency(matcher: AgencyMatcher) -> None:
    (task,) = _read(matcher, "6. Phòng Văn hóa và Thông tin tiếp thu ý kiến, khẩn trương rà soát, báo cáo "
                             "kết quả, phối hợp với các cơ quan liên quan thực hiện.")
    assert task.names() == ["Phòng Văn hóa và Thông tin"] and task.names(Role.LEAD) == []


def test_a_body_named_inside_the_opening_clause_does_not_act(matcher: AgencyMatcher) -> None:
    (task,) = _read(matcher, "2. Căn cứ kiến nghị của Đoàn kiểm tra, Bộ Công an tại huyện. Tổng hợp báo cáo.")
    assert task.names() == []


def _letter(matcher: AgencyMatcher, addressees: list[str], *texts: str):
    """A Công văn's body after its "Kính gửi:" items `addressees`."""
    bodies = [r for a in addressees for r in matcher.parse_cell(a, Role.DOES, {})]
    return tasks_of(_paras(texts), "", 2025, matcher, {}, "", bodies)


def test_a_letter_s_requests_are_asked_of_its_addressees(matcher: AgencyMatcher) -> None:
    tasks = _letter(
        matcher,
        ["Các sở, ban, ngành tỉnh", "UBND các xã, phường"],
        "Thực hiện Kế hoạch số 15/KH-UBND, Sở Nội vụ hướng dẫn các cơ quan, địa phương thực hiện một số"
        " nội dung như sau:",
        "1. Về báo cáo",
        "- Tự đánh giá, chấm điểm từng tiêu chí theo Phụ lục kèm theo.",
        "- Sở Tài chính hướng dẫn việc bố trí kinh phí.",
        "2. Tổ chức thực hiện",
        "Để bảo đảm tiến độ, Sở Nội vụ đề nghị Quý cơ quan quan tâm thực hiện một số nội dung sau:",
        "- Cử cán bộ đầu mối phụ trách công tác cải cách hành chính.",
    )
    asked = ["Các sở, ban, ngành tỉnh", "Ủy ban nhân dân các xã, phường"]
    assert [t.names() for t in tasks] == [asked, ["Sở Tài chính"], asked]


def test_a_guidance_that_names_no_one_gives_no_addressee(matcher: AgencyMatcher) -> None:
    tasks = _letter(
        matcher,
        [],
        "Sở Nội vụ hướng dẫn thực hiện tự đánh giá năm 2025 như sau:",
        "1. Cử cán bộ đầu mối phụ trách công tác cải cách hành chính.",
    )
    assert tasks[0].names() == []


def test_addressees_printed_without_the_word_for_each_are_one_body(matcher: AgencyMatcher) -> None:
    refs = matcher.parse_cell("Ủy ban nhân dân tỉnh, thành phố trực thuộc Trung ương", Role.DOES, {})
    assert [r.name for r in refs] == ["Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"]


def test_a_sub_item_whose_subject_is_one_of_its_heading_s_bodies_takes_it(matcher: AgencyMatcher) -> None:
    tasks = _read(
        matcher,
        "5. Sở Tài chính, Sở Nội vụ:",
        "a) Sở Tài chính hướng dẫn việc bố trí kinh phí thực hiện;",
        "b) Bố trí đủ cán bộ theo dõi, tổng hợp kết quả.",
    )
    assert [t.names() for t in tasks] == [["Sở Tài chính"], ["Sở Tài chính", "Sở Nội vụ"]]
