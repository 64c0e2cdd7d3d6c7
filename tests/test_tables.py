"""Ruling lines -> cells, merged cells, words in cells, and the rows read from them."""

from pipeline.layout.tables import Segment, fill_cells, find_tables, join_segments
from pipeline.model import Box, Page, PageSource, Rule, Word
from pipeline.structure.tasktable import Col, header_rows, read_tables

XS = [50.0, 90.0, 330.0, 450.0, 550.0]  # TT | Nội dung | Cơ quan chủ trì | Thời gian
YS = [100.0, 130.0, 150.0, 190.0, 230.0, 270.0]


def _word(text: str, x: float, y: float) -> Word:
    return Word(text, Box(x, y, x + 6 * len(text), y + 10))


def _page(number: int, rules: list[Rule], words: list[Word]) -> Page:
    return Page(number, 595, 842, words, rules, PageSource.TEXT)


def _grid_rules(merge_period_row: int | None, merge_lead_rows: tuple[int, int] | None) -> list[Rule]:
    rules = [Rule(XS[0], y, XS[-1], y) for y in YS]
    for j, x in enumerate(XS):
        for i in range(len(YS) - 1):
            inner = 0 < j < len(XS) - 1
            if merge_period_row == i and inner:
                continue  # a period row spans all columns
            rules.append(Rule(x, YS[i], x, YS[i + 1]))
    if merge_lead_rows:
        a, b = merge_lead_rows
        # remove the horizontal rule between rows a and b in the lead column
        rules = [r for r in rules if not (r.horizontal and r.y0 == YS[b] and r.x0 == XS[0])]
        rules += [Rule(XS[0], YS[b], XS[2], YS[b]), Rule(XS[3], YS[b], XS[4], YS[b])]
    return rules


def _words() -> list[Word]:
    return [
        _word("TT", 55, 110),
        _word("Nội dung", 95, 110),
        _word("Cơ quan chủ trì", 335, 110),
        _word("Thời gian", 455, 110),
        _word("QUÝ I", 250, 135),
        _word("1", 60, 160),
        _word("Phát động phong trào", 95, 160),
        _word("UBND huyện", 335, 200),
        _word("Quý I", 455, 160),
        _word("2", 60, 200),
        _word("Ban hành kế hoạch", 95, 200),
        _word("Tháng 2", 455, 200),
        _word("3", 60, 240),
        _word("Báo cáo", 95, 240),
        _word("- Phòng Nội vụ;", 335, 240),
        _word("Trước 30/6/2024", 455, 240),
    ]


def test_segments_join_across_small_breaks() -> None:
    joined = join_segments([Segment(100, 0, 50), Segment(101, 53, 120), Segment(300, 0, 10)])
    assert sorted((round(s.start), round(s.end)) for s in joined) == [(0, 10), (0, 120)]


def test_grid_with_spanning_period_row_and_merged_lead_cell() -> None:
    page = _page(1, _grid_rules(merge_period_row=1, merge_lead_rows=(2, 3)), _words())
    (table,) = find_tables(page)
    assert (table.n_rows, table.n_cols) == (5, 4)
    period = table.cell_at(1, 1)
    assert period is not None and period.col_span == 4
    lead = table.cell_at(2, 2)
    assert lead is not None and lead.row_span == 2 and table.cell_at(3, 2) is lead
    outside = fill_cells(table, page.words)
    assert outside == []
    assert period.lines == ["QUÝ I"]


def test_rows_get_period_merged_lead_and_columns_by_meaning() -> None:
    page = _page(1, _grid_rules(merge_period_row=1, merge_lead_rows=(2, 3)), _words())
    (table,) = find_tables(page)
    fill_cells(table, page.words)
    found = header_rows(table)
    assert found is not None
    assert found[1] == [Col.NUMBER, Col.CONTENT, Col.LEAD, Col.TIME]
    (reading,) = read_tables([table], 2024)
    assert [r.number for r in reading.rows] == ["1", "2", "3"]
    assert all(r.period is not None and r.period.label == "Quý I" for r in reading.rows)
    # the lead agency printed once in a cell merged over rows 1-2 applies to both
    assert reading.rows[0].lines[Col.LEAD] == ["UBND huyện"]
    assert reading.rows[1].lines[Col.LEAD] == ["UBND huyện"]


def _continuation_page(first_row: list[Word]) -> Page:
    ys = [100.0, 130.0, 170.0, 210.0]
    rules = [Rule(XS[0], y, XS[-1], y) for y in ys] + [Rule(x, ys[0], x, ys[-1]) for x in XS]
    header = [
        _word("TT", 55, 110),
        _word("Nội dung", 95, 110),
        _word("Cơ quan chủ trì", 335, 110),
        _word("Thời gian", 455, 110),
    ]
    second = [_word("4", 60, 180), _word("Tổng kết", 95, 180), _word("UBND huyện", 335, 180)]
    return _page(2, rules, header + first_row + second)


def _read(*pages: Page):
    """The one table reading of these pages, each holding one table."""
    tables = []
    for p in pages:
        (t,) = find_tables(p)
        fill_cells(t, p.words)
        tables.append(t)
    (reading,) = read_tables(tables, 2024)
    return reading


def _read_two_pages(first_row: list[Word]):
    p1 = _page(1, _grid_rules(merge_period_row=1, merge_lead_rows=None), _words())
    return _read(p1, _continuation_page(first_row))


def test_row_split_by_page_break_is_merged() -> None:
    reading = _read_two_pages([_word("- HĐ TĐKT huyện;", 335, 140)])
    assert [r.number for r in reading.rows] == ["1", "2", "3", "4"]
    assert reading.rows[2].lines[Col.LEAD] == ["- Phòng Nội vụ;", "- HĐ TĐKT huyện;"]
    assert reading.rows[2].pages == [1, 2]


def test_unnumbered_row_with_both_cells_is_its_own_task() -> None:
    reading = _read_two_pages([_word("Phát động", 95, 140), _word("UBND huyện", 335, 140)])
    assert [r.number for r in reading.rows] == ["1", "2", "3", "", "4"]
    assert reading.rows[3].period is not None and reading.rows[3].period.label == "Quý I"


def test_merged_lead_cell_running_off_the_page_applies_to_rows_on_the_next() -> None:
    words = [w for w in _words() if w.text not in ("UBND huyện", "- Phòng Nội vụ;")]
    words.append(_word("Phòng Nội vụ", 335, 200))  # printed once, merged over tasks 2-3
    p1 = _page(1, _grid_rules(merge_period_row=1, merge_lead_rows=(3, 4)), words)
    p2 = _continuation_page([])  # row "4" with its lead cell left empty under the block
    p2.words = [w for w in p2.words if w.text != "UBND huyện"]
    reading = _read(p1, p2)
    assert [r.number for r in reading.rows] == ["1", "2", "3", "4"]
    assert [r.lines.get(Col.LEAD) for r in reading.rows[1:]] == [["Phòng Nội vụ"]] * 3


def test_group_row_whose_numeral_ocr_misread_is_a_group_not_a_task() -> None:
    # "III" read as "HI" in the number column, the group's title in capitals beside it.
    words = [w for w in _words() if w.text not in ("2", "Ban hành kế hoạch", "UBND huyện", "Tháng 2")]
    words += [_word("HI", 60, 200), _word("CẢI CÁCH TỔ CHỨC BỘ MÁY", 95, 200)]
    reading = _read(_page(1, _grid_rules(merge_period_row=1, merge_lead_rows=None), words))
    assert [r.number for r in reading.rows] == ["1", "3"]
    assert reading.rows[1].group == "III. CẢI CÁCH TỔ CHỨC BỘ MÁY"


def test_columns_cut_by_period_rows_without_rules_between_rows() -> None:
    # Rules only above and below the header and at the bottom; the column rules stop at each
    # spanning period row, so the pieces between two period rows touch no horizontal rule.
    bands = [(100.0, 150.0), (170.0, 230.0), (245.0, 270.0)]
    rules = [Rule(XS[0], y, XS[-1], y) for y in (100.0, 130.0, 270.0)]
    rules += [Rule(x, 100.0, x, 270.0) for x in (XS[0], XS[-1])]
    rules += [Rule(x, top, x, bottom) for x in XS[1:-1] for top, bottom in bands]
    words = [
        _word("TT", 55, 110), _word("Nội dung", 95, 110), _word("Cơ quan chủ trì", 335, 110),
        _word("Thời gian", 455, 110),
        _word("1", 60, 135), _word("Rà soát", 95, 135), _word("Phòng Nội vụ", 335, 135),
        _word("QUÝ III", 250, 155),
        _word("2", 60, 175), _word("Tuyển sinh", 95, 175), _word("Các trường học", 335, 175),
        _word("Tháng 7", 455, 175),
        _word("3", 60, 205), _word("Bồi dưỡng", 95, 205), _word("Phòng GD&ĐT", 335, 205),
        _word("QUÝ IV", 250, 233),
        _word("4", 60, 252), _word("Thi học sinh giỏi", 95, 252), _word("Các trường học", 335, 252),
    ]
    page = _page(1, rules, words)
    (table,) = find_tables(page)
    assert table.n_cols == 4
    reading = _read(page)
    assert [r.number for r in reading.rows] == ["1", "2", "3", "4"]
    assert reading.rows[1].lines[Col.CONTENT] == ["Tuyển sinh"]
    assert reading.rows[1].lines[Col.LEAD] == ["Các trường học"]
    periods = [r.period.label if r.period else None for r in reading.rows]
    assert periods == [None, "Quý III", "Quý III", "Quý IV"]


def test_agency_list_run_over_the_page_break_is_not_a_second_header_row() -> None:
    # Alone under the repeated header, "đơn vị;" reads like the label "Đơn vị thực hiện".
    reading = _read_two_pages([_word("đơn vị;", 335, 135), _word("- UBND các xã.", 335, 150)])
    assert [r.number for r in reading.rows] == ["1", "2", "3", "4"]
    assert reading.rows[2].lines[Col.LEAD] == ["- Phòng Nội vụ;", "đơn vị;", "- UBND các xã."]


def _time_column_without_rule() -> tuple[list[Rule], list[Word]]:
    """The grid with the rule between rows 2 and 3 missing in the time column only (a curled
    sheet), and the words without those rows' times."""
    rules = [r for r in _grid_rules(merge_period_row=1, merge_lead_rows=None)
             if not (r.horizontal and r.y0 == YS[4])]
    rules += [Rule(XS[0], YS[4], XS[3], YS[4])]
    return rules, [w for w in _words() if w.text not in ("Tháng 2", "Trước 30/6/2024")]


def test_time_cell_over_two_rows_holding_a_time_for_each_is_split() -> None:
    rules, words = _time_column_without_rule()
    words += [_word("Thường xuyên", 455, 200), _word("Quý II/2024", 455, 240)]
    page = _page(1, rules, words)
    (table,) = find_tables(page)
    assert table.cell_at(3, 3) is table.cell_at(4, 3)  # one cell in the grid
    reading = _read(page)
    assert [r.lines[Col.TIME] for r in reading.rows] == [["Quý I"], ["Thường xuyên"], ["Quý II/2024"]]
    assert "time" not in reading.rows[1].merged_cells


def test_one_time_printed_for_a_block_of_rows_stays_shared() -> None:
    rules, words = _time_column_without_rule()
    words += [_word("Năm 2024", 455, 225)]
    reading = _read(_page(1, rules, words))
    assert [r.lines[Col.TIME] for r in reading.rows[1:]] == [["Năm 2024"], ["Năm 2024"]]


def _quarter_table(readings: list[str], times: list[str]) -> Page:
    """A table of one task under each period row; the period rows printed as `readings` say
    (as OCR read them), each task's time cell as `times` say."""
    ys = [100.0, 130.0]  # the header row, then a period row (20) and a task row (40) each
    for _ in readings:
        ys += [ys[-1] + 20, ys[-1] + 60]
    rules = [Rule(XS[0], y, XS[-1], y) for y in ys]
    words = [_word("TT", 55, 110), _word("Nội dung", 95, 110), _word("Cơ quan chủ trì", 335, 110),
             _word("Thời gian", 455, 110)]
    for j, x in enumerate(XS):
        rules.append(Rule(x, ys[0], x, ys[1]))
        for i, (label, time) in enumerate(zip(readings, times, strict=True)):
            top, mid, bottom = ys[1 + 2 * i], ys[2 + 2 * i], ys[3 + 2 * i]
            if j in (0, len(XS) - 1):
                rules.append(Rule(x, top, x, mid))  # the period row spans the table
            rules.append(Rule(x, mid, x, bottom))
            if j == 0:
                words += [_word(label, 250, top + 5), _word(str(i + 1), 60, mid + 10),
                          _word(f"Nhiệm vụ số {i + 1}", 95, mid + 10), _word("UBND huyện", 335, mid + 10),
                          _word(time, 455, mid + 10)]
    return _page(1, rules, words)


def test_a_misread_quarter_row_is_put_right_by_the_series_and_flagged() -> None:
    reading = _read(_quarter_table(["QUÝ II", "QUÝ II", "QUÝ III", "QUÝ IV"], ["", "", "", ""]))
    assert [r.period.label for r in reading.rows] == ["Quý I", "Quý II", "Quý III", "Quý IV"]
    assert reading.rows[0].period.start == "2024-01-01"
    assert [bool(r.review) for r in reading.rows] == [True, False, False, False]
    assert "QUÝ II" in reading.rows[0].review[0].upper()


def test_time_cells_decide_which_of_two_quarter_rows_was_misread() -> None:
    # II, II, IV: either the first is I or the second is III; the time cells say the second.
    times = ["Trước 15/5/2024", "Quý III/2024", "Tháng 12/2024"]
    reading = _read(_quarter_table(["QUÝ II", "QUÝ II", "QUÝ IV"], times))
    assert [r.period.label for r in reading.rows] == ["Quý II", "Quý III", "Quý IV"]
    assert [bool(r.review) for r in reading.rows] == [False, True, False]


def test_quarter_rows_read_right_are_left_alone() -> None:
    reading = _read(_quarter_table(["QUÝ I", "QUÝ III"], ["Tháng 2", "Tháng 8"]))
    assert [r.period.label for r in reading.rows] == ["Quý I", "Quý III"]
    assert not any(r.review for r in reading.rows)


def test_a_label_that_starts_with_the_work_is_the_content_column() -> None:
    from pipeline.structure.tasktable import classify_header

    assert classify_header("Nhiệm vụ thực hiện") is Col.CONTENT
    assert classify_header("Người thực hiện") is Col.AGENCY
    assert classify_header("Đơn vị thực hiện") is Col.AGENCY


def test_a_timetable_whose_header_names_no_agency_gives_no_tasks() -> None:
    rules = _grid_rules(None, None)
    labels = [_word("Thời gian", 55, 110), _word("Ngành", 95, 110), _word("Khoa", 335, 110),
              _word("Nội dung học", 455, 110)]
    rows = [_word("7h30", 55, 160), _word("Kế toán", 95, 160), _word("Khoa Kinh tế", 335, 160),
            _word("Từ nội dung 1", 455, 160)]
    (table,) = find_tables(_page(1, rules, labels + rows))
    fill_cells(table, labels + rows)
    assert header_rows(table) is None
    assert read_tables([table], 2025) == []
    # the same grid under a header that names who acts is a task table
    labels[2] = _word("Đơn vị thực hiện", 335, 110)
    (table,) = find_tables(_page(1, rules, labels + rows))
    fill_cells(table, labels + rows)
    assert header_rows(table) is not None


def test_a_numbered_row_across_the_table_heads_a_group_whatever_its_case() -> None:
    words = [w for w in _words() if w.text != "QUÝ I"]
    words.append(_word("II. Phát triển văn hóa, giáo dục", 95, 135))
    reading = _read(_page(1, _grid_rules(merge_period_row=1, merge_lead_rows=None), words))
    assert [r.number for r in reading.rows] == ["1", "2", "3"]
    assert all(r.group == "II. Phát triển văn hóa, giáo dục" for r in reading.rows)
    assert all(r.lines.get(Col.CONTENT) for r in reading.rows)


def test_a_list_of_texts_to_draft_is_a_task_table() -> None:
    from pipeline.structure.tasktable import classify_header

    assert classify_header("Tên văn bản") is Col.CONTENT
    assert classify_header("Tên đề án") is Col.CONTENT
    assert classify_header("Đơn vị chủ trì soạn thảo") is Col.LEAD
    assert classify_header("Đơn vị cho ý kiến") is Col.PARTNER


def test_columns_under_the_submission_level_are_not_times() -> None:
    # "Cấp trình và thời gian trình" over "Bộ trưởng" | "Chính phủ": the month a draft goes to
    # each level, not when the work is due; "Thời gian" over "Bắt đầu" stays a time.
    ys = [100.0, 120.0, 140.0, 180.0]
    xs = [50.0, 80.0, 250.0, 350.0, 430.0, 510.0]
    rules = [Rule(xs[0], y, xs[-1], y) for y in (ys[0], ys[2], ys[3])]
    rules.append(Rule(xs[3], ys[1], xs[5], ys[1]))  # under the spanning label only
    rules += [Rule(x, ys[0], x, ys[3]) for x in (*xs[:4], xs[5])]
    rules.append(Rule(xs[4], ys[1], xs[4], ys[3]))
    words = [_word("TT", 55, 105), _word("Tên văn bản", 85, 105), _word("Đơn vị chủ trì", 255, 105),
             _word("Cấp trình và thời gian trình", 355, 103), _word("Bộ trưởng", 355, 125),
             _word("Chính phủ", 435, 125), _word("1", 55, 150), _word("Luật Đất đai", 85, 150),
             _word("Vụ Đất đai", 255, 150), _word("Tháng 2", 355, 150), _word("Tháng 3", 435, 150)]
    page = _page(1, rules, words)
    (table,) = find_tables(page)
    fill_cells(table, words)
    found = header_rows(table)
    assert found is not None and found[1] == [Col.NUMBER, Col.CONTENT, Col.LEAD, Col.OTHER, Col.OTHER]
    words[3] = _word("Thời gian", 355, 103)
    (table,) = find_tables(page)
    fill_cells(table, words)
    found = header_rows(table)
    assert found is not None and found[1][3:] == [Col.TIME, Col.TIME]


def test_a_name_wrapped_in_a_narrow_agency_column_is_put_back_together() -> None:
    from pipeline.vietnamese.text import agency_cell_text

    assert agency_cell_text(["Vụ", "Pháp chế"]) == "Vụ Pháp chế"
    assert agency_cell_text(["Thanh tra", "Bộ"]) == "Thanh tra Bộ"
    assert agency_cell_text(["Vụ Pháp chế", "Cục Địa chất"]) == "Vụ Pháp chế\nCục Địa chất"
