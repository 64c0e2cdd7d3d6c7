"""The output folder against OUTPUTS.md: columns, encoding, quoting, guard, JSON, atomicity."""

from __future__ import annotations

import csv
import json
import unicodedata
from datetime import datetime
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from pipeline.model import (
    AgencyRef,
    Box,
    Deadline,
    DocRef,
    DocumentResult,
    ErrorItem,
    Metadata,
    Plan,
    ReadBy,
    Role,
    Source,
    Status,
    Task,
)
from pipeline.output.export import RunInfo, atomic_write, document_json, table_rows, write_outputs
from pipeline.output.textsafe import csv_cell, guard, xlsx_value

OK_ID = "a1b2c3d4e5f60718"
ERR_ID = "ffff000011112222"
OK_SOURCE = "=SUM(1+1)/ke-hoach-2024.pdf"  # a hostile input name
ERR_SOURCE = "@hỏng.pdf"
ERR_MESSAGE = "-1: không tìm thấy đầu tệp PDF"
RAW_AGENCIES = "- UBND huyện; - HĐ TĐKT huyện;"
MULTI_CONTENT = "Tổ chức hội nghị sơ kết;\nTổng kết công tác thi đua."
NFD_CONTENT = unicodedata.normalize("NFD", "Báo cáo kết quả về Ủy ban nhân dân tỉnh.")
UNKNOWN_X = "Ban Quản lý dự án X"
UNKNOWN_Y = "Tổ công tác đặc biệt"

CSV_NAMES = ["documents", "tasks", "task_agencies", "errors", "warnings", "agencies_unknown"]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# The contract columns (OUTPUTS.md), written out here so a change to the code cannot move them.
CONTRACT_COLUMNS = {
    "documents": [
        "doc_id", "source", "status", "pages", "ocr_pages", "doc_type", "doc_number",
        "doc_symbol", "issuer", "place", "issued_date", "title", "plan_year", "signer_title",
        "signer_name", "task_count", "needs_review", "error",
    ],
    "tasks": [
        "doc_id", "source", "seq", "task_no", "origin", "section", "period", "period_start",
        "period_end", "content", "agencies", "agencies_raw", "lead_agencies",
        "partner_agencies", "time_text", "deadline", "page_start", "page_end", "confidence",
        "needs_review",
    ],
    "task_agencies": ["doc_id", "seq", "agency", "agency_raw", "role", "generic", "successor"],
    "errors": ["doc_id", "source", "stage", "page", "message"],
    "warnings": [],
    "agencies_unknown": ["agency_raw", "count", "example_doc_id"],
}  # fmt: skip
EXTRA_COLUMNS = {
    "documents": [],
    "tasks": ["group", "review_reasons", "review_page"],
    "task_agencies": ["known", "jurisdiction"],
    "errors": [],
    "warnings": ["doc_id", "source", "seq", "field", "page", "reason"],
    "agencies_unknown": [],
}


def _ref(raw: str, name: str, role: Role = Role.DOES, **kw: object) -> AgencyRef:
    return AgencyRef(raw=raw, name=name, role=role, **kw)  # type: ignore[arg-type]


def _tasks() -> list[Task]:
    ubnd = _ref("UBND huyện", "Ủy ban nhân dân huyện", jurisdiction="huyện")
    hd = _ref("HĐ TĐKT huyện", "Hội đồng Thi đua - Khen thưởng huyện", jurisdiction="huyện")
    quarter = {"period": "Quý I", "period_start": "2024-01-01", "period_end": "2024-03-31"}
    return [
        Task(1, "1", "table", "II. NỘI DUNG", "Phát động phong trào thi đua năm 2024.",
             agencies=[ubnd, hd], agencies_raw=RAW_AGENCIES, pages=[1], confidence=93.44,
             **quarter),
        Task(2, "", "table", "II. NỘI DUNG", MULTI_CONTENT,
             agencies=[
                 _ref("Phòng Nội vụ", "Phòng Nội vụ", Role.LEAD),
                 _ref("Các đơn vị liên quan", "Các đơn vị liên quan", Role.PARTNER, generic=True),
                 _ref(UNKNOWN_X, UNKNOWN_X, Role.PARTNER, known=False),
             ],
             agencies_raw="Phòng Nội vụ / Các đơn vị liên quan, Ban QLDA X",
             time_text="Trước 25/01/2024", deadline="2024-01-25", pages=[2, 1],
             needs_review=True, review_reasons=["low confidence"],
             sources=[Source(ReadBy.OCR, 2, Box(80.0, 100.5, 500.0, 140.0))], **quarter),
        Task(3, "", "text", "III. TỔ CHỨC THỰC HIỆN", NFD_CONTENT, group="Nhiệm vụ khác",
             agencies=[
                 _ref(UNKNOWN_X, UNKNOWN_X, known=False),
                 _ref(UNKNOWN_Y, UNKNOWN_Y, known=False),
                 _ref(UNKNOWN_Y, UNKNOWN_Y, known=False),  # printed twice: one row
             ],
             time_text="#N/A", pages=[3], extra={"ghi chú": "x"}),
    ]  # fmt: skip


def _ok_doc() -> DocumentResult:
    meta = Metadata(
        doc_type="Kế hoạch", doc_symbol="KH-UBND", issuer="Ủy ban nhân dân huyện Chi Lăng",
        place="Chi Lăng", issued_date="2024-01", title="Công tác thi đua, khen thưởng năm 2024",
        plan_year=2024, signer_title="Chủ tịch", signer_name="Vi Nông Trường",
    )  # fmt: skip
    plan = Plan(
        metadata=meta,
        tasks=_tasks(),
        legal_bases=["Luật Thi đua, khen thưởng"],
        referenced_documents=[DocRef("Kế hoạch", "241", "KH-UBND", "2023-12-28", "UBND tỉnh")],
        recipients=["UBND tỉnh", "Sở Nội vụ"],
        deadlines=[Deadline("2024-01-25", "Trước ngày 25/01/2024 gửi báo cáo", 2)],
        pages=3,
        ocr_pages=2,
        page_sources=["ocr", "ocr", "text"],
        unsure_fields=["doc_number"],
        provenance={"issued_date": Source(ReadBy.TEXT_LAYER, 1, Box(300.0, 80.0, 520.0, 95.0))},
    )
    return DocumentResult(OK_ID, OK_SOURCE, Status.OK, plan=plan, seconds=2.5, ocr_seconds=1.75)


def _err_doc() -> DocumentResult:
    err = ErrorItem(source=ERR_SOURCE, stage="pages", message=ERR_MESSAGE, page=None)
    return DocumentResult(ERR_ID, ERR_SOURCE, Status.ERROR, errors=[err], seconds=0.1)


RUN = RunInfo("0.1.0", ["in"], "2024-05-01T10:00:00+00:00", 2.6, {"workers": 2, "out": Path("o")})


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("out")
    write_outputs([_ok_doc(), _err_doc()], folder, run=RUN)
    return folder


def _csv(folder: Path, name: str) -> list[list[str]]:
    with open(folder / f"{name}.csv", encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def _frame(folder: Path, name: str) -> pd.DataFrame:
    path = folder / f"{name}.csv"
    return pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)


def _record(folder: Path, doc_id: str) -> dict:
    return json.loads((folder / "json" / f"{doc_id}.json").read_text(encoding="utf-8"))


# --- CSV ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", CSV_NAMES)
def test_csv_starts_with_bom(out: Path, name: str) -> None:
    assert (out / f"{name}.csv").read_bytes().startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize("name", CSV_NAMES)
def test_csv_columns_follow_contract(out: Path, name: str) -> None:
    assert _csv(out, name)[0] == CONTRACT_COLUMNS[name] + EXTRA_COLUMNS[name]


@pytest.mark.parametrize("name", CSV_NAMES)
def test_no_csv_cell_reads_as_formula(out: Path, name: str) -> None:
    cells = [c for row in _csv(out, name) for c in row]
    assert cells and not [c for c in cells if c.startswith(FORMULA_STARTS)]


def test_pandas_round_trip_keeps_vietnamese_and_line_breaks(out: Path) -> None:
    tasks = _frame(out, "tasks").set_index("seq")
    assert tasks.loc["2", "content"] == MULTI_CONTENT
    both = "Ủy ban nhân dân huyện; Hội đồng Thi đua - Khen thưởng huyện"
    assert tasks.loc["1", "agencies"] == both
    assert _frame(out, "documents").loc[0, "issuer"] == "Ủy ban nhân dân huyện Chi Lăng"


def test_pandas_reads_numbers_and_booleans_typed(out: Path) -> None:
    tasks = pd.read_csv(out / "tasks.csv", encoding="utf-8-sig")
    assert tasks["seq"].tolist() == [1, 2, 3]
    assert tasks["needs_review"].tolist() == [False, True, False]
    assert tasks["confidence"].tolist() == [93.4, 100.0, 100.0]


def test_multi_item_cell_is_quoted_with_lf(out: Path) -> None:
    text = (out / "tasks.csv").read_text(encoding="utf-8-sig")
    assert f'"{MULTI_CONTENT}"' in text
    assert "\r" not in text


@pytest.mark.parametrize(
    ("name", "column", "expected"),
    [
        ("tasks", "agencies_raw", "'" + RAW_AGENCIES),
        ("tasks", "source", "'" + OK_SOURCE),
        ("documents", "source", "'" + OK_SOURCE),
        ("errors", "message", "'" + ERR_MESSAGE),
    ],
)
def test_guard_prefixes_quote(out: Path, name: str, column: str, expected: str) -> None:
    assert expected in _frame(out, name)[column].tolist()


def test_task_columns(out: Path) -> None:
    t = _frame(out, "tasks").set_index("seq").loc["2"]
    assert (t["task_no"], t["origin"], t["period"]) == ("", "table", "Quý I")
    assert (t["page_start"], t["page_end"]) == ("1", "2")
    assert t["lead_agencies"] == "Phòng Nội vụ"
    assert t["partner_agencies"] == f"Các đơn vị liên quan; {UNKNOWN_X}"
    assert (t["deadline"], t["time_text"]) == ("2024-01-25", "Trước 25/01/2024")
    assert (t["needs_review"], t["review_reasons"]) == ("true", "low confidence")


def test_text_is_nfc(out: Path) -> None:
    content = _frame(out, "tasks").set_index("seq").loc["3", "content"]
    assert content == unicodedata.normalize("NFC", NFD_CONTENT)


def test_error_document_row_has_status_and_message_only(out: Path) -> None:
    docs = _frame(out, "documents").set_index("doc_id")
    row = docs.loc[ERR_ID]
    assert (row["status"], row["error"]) == ("error", "'" + ERR_MESSAGE)
    assert row["source"] == "'" + ERR_SOURCE
    assert set(row.drop(["source", "status", "error"])) == {""}
    assert docs.loc[OK_ID, "status"] == "ok" and docs.loc[OK_ID, "error"] == ""
    assert docs.loc[OK_ID, "task_count"] == "3" and docs.loc[OK_ID, "needs_review"] == "true"


def test_errors_csv_row(out: Path) -> None:
    assert _csv(out, "errors")[1:] == [[ERR_ID, "'" + ERR_SOURCE, "pages", "", "'" + ERR_MESSAGE]]


def test_errors_csv_is_header_only_when_nothing_failed(tmp_path: Path) -> None:
    write_outputs([_ok_doc()], tmp_path, frozenset({"csv"}))
    raw = (tmp_path / "errors.csv").read_text(encoding="utf-8-sig")
    assert raw == "doc_id,source,stage,page,message\n"


def test_task_agencies_one_row_per_agency_and_role(out: Path) -> None:
    rows = _frame(out, "task_agencies")
    assert rows.groupby("seq").size().to_dict() == {"1": 2, "2": 3, "3": 2}
    generic = rows[rows["agency"] == "Các đơn vị liên quan"].iloc[0]
    assert (generic["role"], generic["generic"], generic["known"]) == ("phối hợp", "true", "true")


def test_agencies_unknown_counted_most_frequent_first(out: Path) -> None:
    assert _csv(out, "agencies_unknown")[1:] == [[UNKNOWN_X, "2", OK_ID], [UNKNOWN_Y, "1", OK_ID]]


def test_table_rows_are_plain_and_unguarded() -> None:
    tables = table_rows([_ok_doc(), _err_doc()])
    assert tables["tasks"][0]["agencies_raw"] == RAW_AGENCIES
    assert tables["tasks"][0]["needs_review"] is False
    types = {type(v) for row in tables["documents"] for v in row.values()}
    assert types <= {str, int, float, bool, type(None)}


# --- XLSX -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def workbook(out: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(out / "plans.xlsx")


def test_xlsx_sheets(workbook: openpyxl.Workbook) -> None:
    assert workbook.sheetnames == CSV_NAMES


@pytest.mark.parametrize("sheet", CSV_NAMES)
def test_no_xlsx_cell_reads_as_formula(workbook: openpyxl.Workbook, sheet: str) -> None:
    cells = [c for row in workbook[sheet].iter_rows() for c in row if c.value is not None]
    assert cells
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    # Text that looks like a formula is a string cell, shown as printed (no visible guard).
    risky = [c for c in cells if isinstance(c.value, str) and c.value.startswith(FORMULA_STARTS)]
    assert all(c.data_type == "s" for c in risky)


@pytest.mark.parametrize("sheet", CSV_NAMES)
def test_xlsx_sheet_is_an_excel_table(workbook: openpyxl.Workbook, sheet: str) -> None:
    ws = workbook[sheet]
    (table,) = ws.tables.values()
    header = [c.value for c in ws[1]]
    assert [col.name for col in table.tableColumns] == header
    assert table.autoFilter is not None and table.autoFilter.ref == table.ref
    assert (
        table.ref.startswith("A1:") and int(table.ref.split(":")[1].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) >= 2
    )
    assert ws.column_dimensions["A"].width > 6


@pytest.mark.parametrize("sheet", CSV_NAMES)
def test_xlsx_header_bold_and_frozen(workbook: openpyxl.Workbook, sheet: str) -> None:
    ws = workbook[sheet]
    header = [c.value for c in ws[1]]
    assert header == CONTRACT_COLUMNS[sheet] + EXTRA_COLUMNS[sheet]
    assert all(c.font.bold for c in ws[1]) and ws.freeze_panes == "A2"


def test_xlsx_cells_typed_and_guarded(workbook: openpyxl.Workbook) -> None:
    ws = workbook["tasks"]
    header = [c.value for c in ws[1]]
    row = {h: c for h, c in zip(header, ws[3], strict=True)}  # seq 2
    assert row["seq"].value == 2 and row["confidence"].value == 100.0
    assert row["needs_review"].value is True
    assert row["content"].value == MULTI_CONTENT and row["content"].alignment.wrap_text
    first = {h: c for h, c in zip(header, ws[2], strict=True)}
    assert (first["agencies_raw"].value, first["agencies_raw"].data_type) == (RAW_AGENCIES, "s")
    assert first["period_start"].value == datetime(2024, 1, 1)  # a date cell, shown as a date
    assert first["period_start"].number_format == "yyyy-mm-dd"
    assert row["deadline"].value == datetime(2024, 1, 25)
    error_like = ws.cell(row=4, column=header.index("time_text") + 1)
    assert (error_like.value, error_like.data_type) == ("#N/A", "s")  # text, not an Excel error
    documents = workbook["documents"]
    doc_header = [c.value for c in documents[1]]
    issued = documents.cell(row=2, column=doc_header.index("issued_date") + 1)
    assert issued.value == "2024-01"  # no day printed: kept as text, not a made-up date


def test_warnings_sheet_lists_what_needs_review(workbook: openpyxl.Workbook) -> None:
    ws = workbook["warnings"]
    header = [c.value for c in ws[1]]
    rows = [dict(zip(header, (c.value for c in r), strict=True)) for r in ws.iter_rows(min_row=2)]
    assert {"doc_id": OK_ID, "source": OK_SOURCE, "seq": 2, "field": "task", "page": 1,
            "reason": "low confidence"} in rows  # fmt: skip
    assert {(r["field"], r["reason"]) for r in rows if r["seq"] is None} == {
        ("doc_number", "read with doubt (a number or day written by pen?): left out")
    }


# --- JSON -----------------------------------------------------------------------------------


def test_json_is_not_guarded(out: Path) -> None:
    record = _record(out, OK_ID)
    assert record["source"] == OK_SOURCE
    assert record["tasks"][0]["agencies_raw"] == RAW_AGENCIES
    assert _record(out, ERR_ID)["errors"][0]["message"] == ERR_MESSAGE


def test_json_record_content(out: Path) -> None:
    record = _record(out, OK_ID)
    assert (record["status"], record["pages"], record["ocr_pages"]) == ("ok", 3, 2)
    assert record["page_sources"] == ["ocr", "ocr", "text"]
    assert record["metadata"]["issued_date"] == "2024-01"
    assert record["deadlines"] == [
        {"date": "2024-01-25", "text": "Trước ngày 25/01/2024 gửi báo cáo", "page": 2}
    ]
    assert record["referenced_documents"][0]["doc_number"] == "241"
    task = record["tasks"][1]
    assert task["content"] == MULTI_CONTENT
    assert task["lead_agencies"] == ["Phòng Nội vụ"]
    assert task["agencies_detail"][1] == {
        "name": "Các đơn vị liên quan", "raw": "Các đơn vị liên quan", "role": "phối hợp",
        "generic": True, "known": True, "jurisdiction": "", "successor": None,
    }  # fmt: skip
    assert task["provenance"] == [{"source": "ocr", "page": 2, "bbox": [80.0, 100.5, 500.0, 140.0]}]
    assert record["metadata_provenance"] == {
        "issued_date": {"source": "text_layer", "page": 1, "bbox": [300.0, 80.0, 520.0, 95.0]}
    }
    assert record["tasks"][2]["content"] == unicodedata.normalize("NFC", NFD_CONTENT)
    assert record["tasks"][2]["extra"] == {"ghi chú": "x"}
    assert record["needs_review"] is True


def test_json_is_readable_utf8(out: Path) -> None:
    assert "Ủy ban nhân dân huyện" in (out / "json" / f"{OK_ID}.json").read_text("utf-8")


def test_json_error_record_keeps_shape() -> None:
    record = document_json(_err_doc())
    assert set(record) == set(document_json(_ok_doc()))
    assert record["status"] == "error" and record["tasks"] == [] and record["metadata"] is None


def test_manifest(out: Path) -> None:
    m = json.loads((out / "manifest.json").read_text("utf-8"))
    assert (m["schema_version"], m["tool_version"], m["options"]["out"]) == ("1.0", "0.1.0", "o")
    assert m["counts"] == {
        "documents": 2, "ok": 1, "error": 1, "needs_review": 1, "tasks": 3, "pages": 3, "ocr_pages": 2
    }  # fmt: skip
    assert m["timings"][OK_ID] == {"seconds": 2.5, "ocr_seconds": 1.75}


# --- files ----------------------------------------------------------------------------------


def test_no_temporary_files_left(out: Path) -> None:
    assert not [p for p in out.rglob("*") if p.name.startswith(".") or p.suffix == ".tmp"]


def test_failed_write_keeps_old_file_and_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "tasks.csv"
    target.write_text("old")
    with pytest.raises(RuntimeError), atomic_write(target) as f:
        f.write("half")
        raise RuntimeError("disk full")
    assert target.read_text() == "old" and list(tmp_path.iterdir()) == [target]


CSV_FILES = {f"{n}.csv" for n in CSV_NAMES}


@pytest.mark.parametrize(
    ("formats", "expected"),
    [
        (frozenset(), set()),
        (frozenset({"csv"}), CSV_FILES),
        (frozenset({"xlsx"}), {"plans.xlsx"}),
        (frozenset({"json"}), {"json"}),
        (frozenset({"csv", "json", "xlsx"}), CSV_FILES | {"plans.xlsx", "json"}),
    ],
)
def test_formats_select_files(tmp_path: Path, formats: frozenset[str], expected: set) -> None:
    write_outputs([_ok_doc(), _err_doc()], tmp_path, formats)
    assert {p.name for p in tmp_path.iterdir()} == expected | {"manifest.json"}


def test_unreadable_document_without_id_is_reported_without_record(tmp_path: Path) -> None:
    unread = DocumentResult("", "mất.pdf", Status.ERROR, errors=[ErrorItem("mất.pdf", "open", "x")])
    write_outputs([_ok_doc(), unread], tmp_path, frozenset({"csv", "json"}))
    assert [p.name for p in (tmp_path / "json").iterdir()] == [f"{OK_ID}.json"]
    assert _csv(tmp_path, "errors")[1:] == [["", "mất.pdf", "open", "", "x"]]
    assert _csv(tmp_path, "documents")[2][:3] == ["", "mất.pdf", "error"]


def test_unknown_format_rejected(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="pdf"):
        write_outputs([_ok_doc()], tmp_path, frozenset({"pdf"}))


def test_doc_id_that_is_a_path_rejected_before_writing(tmp_path: Path) -> None:
    bad = DocumentResult("../evil", "x.pdf", Status.OK, plan=_ok_doc().plan)
    with pytest.raises(ValueError, match="doc_id"):
        write_outputs([_ok_doc(), bad], tmp_path)
    assert list(tmp_path.iterdir()) == []


# --- cell helpers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+84 912", "'+84 912"),
        ("-UBND", "'-UBND"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("UBND huyện", "UBND huyện"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_guard(text: str, expected: str) -> None:
    assert guard(text) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (-3, -3),
        (-2.5, -2.5),
        (True, "true"),
        (False, "false"),
        (None, ""),
        (float("nan"), ""),
        ("-3", "'-3"),
        ("a\r\nb\rc", "a\nb\nc"),
        ("\rx", "'\nx"),
        (Role.LEAD, "chủ trì"),
    ],
)
def test_csv_cell(value: object, expected: object) -> None:
    assert csv_cell(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (-3, -3),
        (True, True),
        (None, None),
        ("=A1", "=A1"),  # typed a string cell by the writer, never a formula
        ("a\x00b\x1fc", "abc"),
        ("x" * 40000, "x" * 32767),
    ],
)
def test_xlsx_value(value: object, expected: object) -> None:
    assert xlsx_value(value) == expected


# --- schema and typed frames ----------------------------------------------------------------


def test_every_record_validates_against_the_schema(out: Path) -> None:
    from jsonschema import Draft202012Validator

    from pipeline.output.schema import record_schema

    validator = Draft202012Validator(record_schema())
    records = [json.loads(p.read_text("utf-8")) for p in sorted((out / "json").glob("*.json"))]
    assert len(records) == 2
    for record in records:
        assert not [e.message for e in validator.iter_errors(record)]


def test_schema_refuses_a_key_it_does_not_list(out: Path) -> None:
    from jsonschema import Draft202012Validator

    from pipeline.output.schema import record_schema

    record = _record(out, OK_ID)
    record["tasks"][0]["invented"] = 1
    assert list(Draft202012Validator(record_schema()).iter_errors(record))


def test_read_outputs_gives_typed_frames(out: Path) -> None:
    from pipeline import read_outputs

    frames = read_outputs(out)
    tasks = frames["tasks"]
    assert str(tasks["seq"].dtype) == "Int64" and str(tasks["task_no"].dtype) == "string"
    assert tasks["task_no"].tolist()[0] == "1"  # a label, never 1.0
    assert str(tasks["needs_review"].dtype) == "boolean" and tasks["needs_review"].tolist()[1] is True
    assert tasks["deadline"].tolist()[1] == pd.Timestamp("2024-01-25")
    assert tasks["agencies_raw"].tolist()[0] == RAW_AGENCIES  # the CSV's guard taken off
    documents = frames["documents"]
    assert pd.isna(documents["issued_date"].tolist()[0])  # "2024-01": no day, no made-up date
    assert documents["source"].tolist()[0] == OK_SOURCE


def test_read_csv_with_the_documented_dtypes_gives_the_same(out: Path) -> None:
    from pipeline.output.frames import DATES, DTYPES, read_outputs

    typed = read_outputs(out)["task_agencies"]
    plain = pd.read_csv(out / "task_agencies.csv", dtype=DTYPES["task_agencies"], encoding="utf-8-sig")
    assert DATES["task_agencies"] == []
    pd.testing.assert_frame_equal(typed, plain)


def test_records_of_documents_no_longer_in_the_input_are_removed(tmp_path: Path) -> None:
    write_outputs([_ok_doc(), _err_doc()], tmp_path, run=RUN)
    write_outputs([_err_doc()], tmp_path, run=RUN)
    assert sorted(p.name for p in (tmp_path / "json").iterdir()) == [f"{ERR_ID}.json"]
    m = json.loads((tmp_path / "manifest.json").read_text("utf-8"))
    assert m["removed"] == [f"json/{OK_ID}.json"]


def test_tasks_link_to_their_review_page_when_review_pages_are_written(tmp_path: Path) -> None:
    write_outputs([_ok_doc()], tmp_path, frozenset({"csv", "xlsx"}), RUN, review=True)
    rows = _frame(tmp_path, "tasks")
    assert rows["review_page"].tolist()[1] == f"review/{OK_ID}.html#task-2"
    ws = openpyxl.load_workbook(tmp_path / "plans.xlsx")["tasks"]
    header = [c.value for c in ws[1]]
    link = ws.cell(row=3, column=header.index("review_page") + 1)
    assert link.hyperlink is not None and link.hyperlink.target == f"review/{OK_ID}.html#task-2"
