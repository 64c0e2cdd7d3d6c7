"""Numbered task lists: agency lines in the forms offices use, duties under a body, inline giao."""

from __future__ import annotations

import pytest

from pipeline.agencies import AgencyMatcher
from pipeline.layout import Paragraph
from pipeline.lists import inline_assignment, is_task_list, list_tasks
from pipeline.model import Box, Line, Role, Word


@pytest.fixture(scope="module")
def matcher() -> AgencyMatcher:
    return AgencyMatcher.load()


def _paras(*texts: str, page: int = 1) -> list[Paragraph]:
    out = []
    for i, t in enumerate(texts):
        line = Line([Word(t, Box(50, 100 + 20 * i, 500, 112 + 20 * i))], page)
        out.append(Paragraph([line], t, [page]))
    return out


def _read(matcher: AgencyMatcher, *texts: str):
    return list_tasks(_paras(*texts), "PHỤ LỤC", 2025, matcher, {"huyện": "huyện Chi Lăng"})


AB_FORM = (
    "5. Rà soát, củng cố mạng lưới y tế cơ sở, bảo đảm 100% trạm y tế xã có bác sĩ.",
    "a) Đơn vị chủ trì: Sở Y tế, UBND các huyện, thành phố; Trung tâm Y tế các huyện.",
    "b) Đơn vị phối hợp: Sở Nội vụ, Sở Tài chính và các cơ quan, đơn vị liên quan.",
    "Thời gian hoàn thành: Quý II/2025.",
    "6. Tổ chức tập huấn công tác y tế dự phòng.",
    "a) Đơn vị chủ trì: Sở Y tế;",
    "Thời gian hoàn thành: trước ngày 30/6/2025.",
)


def test_ab_form_lead_partner_and_time(matcher: AgencyMatcher) -> None:
    first, second = _read(matcher, *AB_FORM)
    assert first.task_no == "5" and first.origin == "text"
    assert first.content.startswith("Rà soát, củng cố mạng lưới y tế cơ sở")
    assert first.names(Role.LEAD)[0] == "Sở Y tế"
    assert "Trung tâm Y tế huyện" in " ".join(first.names(Role.LEAD)) or len(first.names(Role.LEAD)) >= 2
    assert first.names(Role.PARTNER)[:2] == ["Sở Nội vụ", "Sở Tài chính"]
    assert (first.time_text, first.period, first.deadline) == ("Quý II/2025", "Quý II", None)
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
        ),
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


@pytest.mark.parametrize(
    ("marker_lines", "numbers"),
    [
        (("a) Tham mưu bố trí kinh phí;", "b) Hướng dẫn quyết toán kinh phí."), ["2.a", "2.b"]),
        (("- Tham mưu bố trí kinh phí;", "- Hướng dẫn quyết toán kinh phí."), ["2.1", "2.2"]),
    ],
)
def test_duties_under_a_body(
    matcher: AgencyMatcher, marker_lines: tuple[str, ...], numbers: list[str]
) -> None:
    tasks = _read(matcher, "2. Sở Tài chính:", *marker_lines)
    assert [t.task_no for t in tasks] == numbers
    assert [t.content for t in tasks] == ["Tham mưu bố trí kinh phí", "Hướng dẫn quyết toán kinh phí"]
    assert all(t.names() == ["Sở Tài chính"] for t in tasks)


def test_item_without_sub_items_is_one_task(matcher: AgencyMatcher) -> None:
    tasks = _read(
        matcher,
        "1. Sở Y tế:",
        "a) Chủ trì tổ chức tiêm chủng.",
        "2. Xây dựng báo cáo.",
        "Đơn vị thực hiện: Sở Y tế.",
    )
    assert [t.task_no for t in tasks] == ["1.a", "2"]


def test_numbered_paragraphs_without_agencies_are_not_a_task_list(matcher: AgencyMatcher) -> None:
    paras = _paras("1. Mục đích", "Đẩy mạnh các phong trào thi đua.", "2. Yêu cầu", "Bảo đảm thiết thực.")
    assert not is_task_list(paras, matcher)


def test_inline_assignment(matcher: AgencyMatcher) -> None:
    refs = inline_assignment(
        "Giao Phòng Nội vụ huyện chủ trì, phối hợp với Văn phòng HĐND và UBND huyện theo dõi, đôn đốc.",
        matcher,
    )
    assert [(r.name, r.role) for r in refs] == [
        ("Phòng Nội vụ", Role.LEAD),
        ("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện", Role.PARTNER),
    ]
