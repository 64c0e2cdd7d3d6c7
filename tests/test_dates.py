"""Vietnamese dates, periods and deadlines -> ISO."""

import pytest

from pipeline.vietnamese.dates import (
    day_written_in,
    find_deadlines,
    parse_date_line,
    parse_period,
    settle_series,
    time_cell,
)


@pytest.mark.parametrize(
    ("line", "place", "date"),
    [
        ("Chi Lăng, ngày   tháng 01 năm 2024", "Chi Lăng", "2024-01"),
        ("Chi Lăng, ngày … tháng … năm 2024", "Chi Lăng", "2024"),
        ("Lạng Sơn, ngày 05 tháng 3 năm 2025", "Lạng Sơn", "2025-03-05"),
        ("Văn Quan, ngày 28 tháng 12 năm 2023", "Văn Quan", "2023-12-28"),
    ],
)
def test_date_line(line: str, place: str, date: str) -> None:
    assert parse_date_line(line) == (place, date)


def test_not_a_date_line() -> None:
    assert parse_date_line("Độc lập - Tự do - Hạnh phúc") is None


@pytest.mark.parametrize(
    ("text", "label", "start", "end"),
    [
        ("QUÝ I", "Quý I", "2024-01-01", "2024-03-31"),
        ("QUÝ II", "Quý II", "2024-04-01", "2024-06-30"),
        ("QUÝ III", "Quý III", "2024-07-01", "2024-09-30"),
        ("QUÝ IV", "Quý IV", "2024-10-01", "2024-12-31"),
        ("QUÝ l", "Quý I", "2024-01-01", "2024-03-31"),
        ("QUÝI", "Quý I", "2024-01-01", "2024-03-31"),
        ("Quý II/2025", "Quý II", "2025-04-01", "2025-06-30"),
        ("6 THÁNG ĐẦU NĂM", "6 tháng đầu năm", "2024-01-01", "2024-06-30"),
        ("6 tháng cuối năm", "6 tháng cuối năm", "2024-07-01", "2024-12-31"),
        ("6tháng cuối năm", "6 tháng cuối năm", "2024-07-01", "2024-12-31"),
        ("THÁNG 3", "Tháng 3", "2024-03-01", "2024-03-31"),
        ("Tháng 2/2024", "Tháng 2", "2024-02-01", "2024-02-29"),
        ("Năm 2025", "Năm 2025", "2025-01-01", "2025-12-31"),
    ],
)
def test_period(text: str, label: str, start: str, end: str) -> None:
    p = parse_period(text, 2024)
    assert p is not None
    assert (p.label, p.start, p.end) == (label, start, end)


@pytest.mark.parametrize("text", ["Thường xuyên", "Phát động phong trào thi đua", "QUÝ V", "THÁNG 13"])
def test_not_a_period(text: str) -> None:
    assert parse_period(text, 2024) is None


@pytest.mark.parametrize(
    ("sentence", "dates"),
    [
        ("gửi về UBND huyện (qua Phòng Nội vụ) trước ngày 25/01/2024.", ["2024-01-25"]),
        ("gửi về Sở Y tế trước ngày 20/9/2025./.", ["2025-09-20"]),
        ("báo cáo trước 16 giờ 00 ngày 12/3/2025", ["2025-03-12"]),
        ("chậm nhất ngày 15/10", ["2024-10-15"]),
        ("hoàn thành trong tháng 11/2025", ["2025-11-30"]),
        ("trước ngày 30 tháng 6 năm 2025", ["2025-06-30"]),
        ("hoàn thành trong quý IV/2025", ["2025-12-31"]),
        ("triển khai xong trong quý I năm 2026", ["2026-03-31"]),
        ("hoàn thành việc sắp xếp trong năm 2025", ["2025-12-31"]),
        ("chào mừng các ngày lễ, kỷ niệm trong năm 2025", []),  # when, not by when
        ("phấn đấu đến ngày 30/6/2025 giải ngân 80%", ["2025-06-30"]),  # a target counts
        ("hoàn thành trước ngày 3l tháng 10 năm 2025", ["2025-10-31"]),  # OCR's l for a 1
        ("kỷ niệm 60 năm (16/12/1964 - 16/12/2024)", []),
        ("trước ngày 31/02/2024", []),
    ],
)
def test_deadlines(sentence: str, dates: list[str]) -> None:
    assert [d.date for d in find_deadlines(sentence, 2024)] == dates


@pytest.mark.parametrize(
    ("cell", "deadline", "period"),
    [
        ("Trước ngày 30/6/2025", "2025-06-30", None),
        ("Trước 30/6/2025", "2025-06-30", None),
        ("Chậm nhất 15/10", "2024-10-15", None),
        # a period named alone is due by its last day (annotation guide, Deadlines)
        ("Quý II/2025", "2025-06-30", "Quý II"),
        ("Tháng 6/2025", "2025-06-30", "Tháng 6"),
        ("6 tháng đầu năm", "2024-06-30", "6 tháng đầu năm"),
        ("Năm 2025", "2025-12-31", "Năm 2025"),
        ("Cả năm 2025", None, "Năm 2025"),  # the whole year: when the work runs
        ("Trong quý I năm 2026", "2026-03-31", None),
        ("Quý III/2025 và Quý I/2026", "2026-03-31", "Quý III"),  # the later period
        ("Dự kiến tháng 10/2025 (sau khi có hướng dẫn)", "2025-10-31", None),
        ("Từ tháng 10/2025 đến quý I/2026", None, None),  # a range
        ("Hằng năm", None, None),
        ("Thường xuyên", None, None),
        ("", None, None),
        ("Trứe 7C ngày 30/11/2025", "2025-11-30", None),  # "Trước" misread
        ("Hoàn thành ngày 30/6/2025.", "2025-06-30", None),
        ("Từ ngày 01/3/2025", None, None),  # when it starts, not when it is due
    ],
)
def test_time_cell(cell: str, deadline: str | None, period: str | None) -> None:
    got_deadline, got_period = time_cell(cell, 2024)
    assert got_deadline == deadline
    assert (got_period.label if got_period else None) == period


@pytest.mark.parametrize(
    ("line", "date", "by_hand"),
    [
        ("Tam Nông, ngày 05 tháng 3 năm 2025", "2025-03-05", False),
        ("Tam Nông, ngày      tháng 3 năm 2025", "2025-03", False),  # left blank for the day
        ("Tam Nông, ngày ... tháng 3 năm 2025", "2025-03", False),
        ("Tam Nông, ngày : 2 tháng 03 năm 2025", "2025-03", True),  # a day by pen, read as junk
        ("Tam Nông, ngày 5tháng 3 năm 2025", "2025-03-05", False),  # the space OCR lost
        # day and month by pen read as junk that swallows the words: the year is still printed
        ("Tam Nông, ngà¿7hán§ năm 2025", "2025", True),
        ("Tam Nông, ngày 1$ tháng 3] năm 2025", "2025", True),
    ],
)
def test_date_line_with_a_day_by_hand_keeps_the_month(line: str, date: str, by_hand: bool) -> None:
    assert parse_date_line(line) == ("Tam Nông", date)
    assert day_written_in(line) is by_hand


@pytest.mark.parametrize(
    ("read", "votes", "want"),
    [
        ([2, 2, 3, 4], [{}, {}, {}, {}], [1, 2, 3, 4]),  # four quarters can only be I-IV
        ([1, 1, 3], [{}, {}, {}], [1, 2, 3]),
        ([2, 2, 4], [{2: 0.2}, {3: 0.5}, {}], [2, 3, 4]),  # the time cells say which one
        ([None, 2], [{}, {}], [1, 2]),  # a numeral lost
        ([1, 3], [{}, {}], [1, 3]),  # a gap as printed stays
        ([2, 2, 4], [{}, {}, {}], [2, 3, 4]),  # a lost stroke is likelier than an added one
    ],
)
def test_group_rows_of_a_series_rise(read: list, votes: list, want: list) -> None:
    assert settle_series(read, votes, 4) == want


def test_more_group_rows_than_the_series_has_are_left_as_read() -> None:
    assert settle_series([1, 2, 3, 4, 4], [{}] * 5, 4) is None
