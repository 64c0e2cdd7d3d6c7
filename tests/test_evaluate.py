"""The evaluator on hand-made extraction outputs and truth files."""

from __future__ import annotations

import copy
import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.evaluate import (
    Report,
    align,
    cer,
    evaluate_dirs,
    format_details,
    format_report,
    score_document,
    why_missed,
)

META = {
    "doc_type": "Kế hoạch", "doc_number": "", "doc_symbol": "KH-UBND",
    "issuer": "Ủy ban nhân dân huyện Bình Gia", "place": "Bình Gia", "issued_date": "2025-02",
    "title": "Chuyển đổi số năm 2025", "plan_year": 2025, "signer_title": "Chủ tịch",
    "signer_name": "Hoàng Văn Minh",
}  # fmt: skip


def _task(seq: int, content: str, agencies: list[str] | None, origin: str = "table",
          period: str = "Quý I", task_no: str = "", deadline: str | None = None,
          lead: list[str] | None = None, partners: list[str] | None = None) -> dict:
    dates = {"Quý I": ("2025-01-01", "2025-03-31"), "": (None, None)}[period]
    return {
        "seq": seq, "task_no": task_no or str(seq), "origin": origin, "section": "II. NỘI DUNG",
        "period": period, "period_start": dates[0], "period_end": dates[1], "content": content,
        "agencies": agencies, "lead_agencies": lead or [], "partner_agencies": partners or [],
        "agencies_raw": "", "time_text": "", "deadline": deadline, "pages": [1],
    }


TASKS = [
    _task(1, "Tuyên truyền, phổ biến về chuyển đổi số trên Cổng thông tin điện tử huyện.",
          ["Phòng Văn hóa và Thông tin", "Ủy ban nhân dân các xã, thị trấn"],
          lead=["Phòng Văn hóa và Thông tin"], partners=["Ủy ban nhân dân các xã, thị trấn"]),
    _task(2, "Kiện toàn Ban Chỉ đạo chuyển đổi số huyện.\nBan hành quy chế hoạt động.",
          ["Phòng Văn hóa và Thông tin", "Phòng Nội vụ"], deadline="2025-03-31",
          lead=["Phòng Văn hóa và Thông tin"], partners=["Phòng Nội vụ"]),
    _task(3, "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính còn hiệu lực.",
          ["Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện"]),
    _task(4, "Phòng Văn hóa và Thông tin chủ trì theo dõi, tổng hợp, báo cáo trước ngày "
          "15/12/2025.", None, origin="text", period="", task_no="", deadline="2025-12-15"),
]
TRUTH = {"source": "kh-test", "kind": "digital", "metadata": META, "deadlines": ["2025-03-31",
         "2025-12-15"], "tasks": TASKS}


def _write(tmp: Path, tasks: list[dict], meta: dict | None = None,
           deadlines: list[dict] | None = None, pages: list[dict] | None = None) -> tuple[Path, Path]:
    out, truth = tmp / "out", tmp / "truth"
    (out / "json").mkdir(parents=True)
    truth.mkdir()
    (truth / "kh-test.json").write_text(json.dumps(TRUTH, ensure_ascii=False), "utf-8")
    record = {"doc_id": "abc123", "source": "sub/kh-test.pdf", "status": "ok",
              "metadata": meta or META, "tasks": tasks,
              "deadlines": deadlines if deadlines is not None else [
                  {"date": "2025-12-15", "text": "trước ngày 15/12/2025", "page": 1}],
              "page_reading": pages or []}
    (out / "json" / "abc123.json").write_text(json.dumps(record, ensure_ascii=False), "utf-8")
    with open(out / "documents.csv", "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "source", "status"])
        w.writerow(["abc123", "sub/kh-test.pdf", "ok"])
    return out, truth


def test_a_perfect_extraction_scores_one(tmp_path: Path) -> None:
    report = evaluate_dirs(*_write(tmp_path, copy.deepcopy(TASKS)))
    (doc,) = report.docs
    assert doc.status == "ok" and doc.name == "kh-test"
    total = report.total()
    assert (total.precision, total.recall, total.f1, total.cer) == (1.0, 1.0, 1.0, 0.0)
    assert (total.agency, total.roles, total.period, total.number) == (1.0, 1.0, 1.0, 1.0)
    assert report.metadata == 1.0 and report.deadlines == 1.0
    assert report.total("table").true_tasks == 3 and report.total("text").true_tasks == 1
    assert report.total("text").agency is None  # prose tasks carry no agency truth


def test_a_missing_task_lowers_recall_only(tmp_path: Path) -> None:
    tasks = copy.deepcopy(TASKS)
    del tasks[2]
    total = evaluate_dirs(*_write(tmp_path, tasks)).total("table")
    assert total.recall == pytest.approx(2 / 3) and total.precision == 1.0
    assert total.f1 == pytest.approx(0.8)
    assert total.agency == 1.0


def test_a_wrong_agency_lowers_agency_match(tmp_path: Path) -> None:
    tasks = copy.deepcopy(TASKS)
    tasks[0]["agencies"] = ["Phòng Văn hóa và Thông tin", "Phòng Nội vụ"]
    tasks[0]["partner_agencies"] = ["Phòng Nội vụ"]
    report = evaluate_dirs(*_write(tmp_path, tasks))
    total = report.total("table")
    assert total.agency == pytest.approx(2 / 3) and total.roles == pytest.approx(1 / 2)
    assert total.f1 == 1.0
    assert any("agencies" in m for m in report.docs[0].misses)


def test_content_cer_is_edits_over_true_characters(tmp_path: Path) -> None:
    tasks = copy.deepcopy(TASKS)
    truth_chars = sum(len(t["content"]) for t in TASKS if t["origin"] == "table")
    tasks[0]["content"] = tasks[0]["content"].replace("Tuyên", "Tuyen")  # one substitution
    tasks[1]["content"] = tasks[1]["content"].replace("\n", " ")  # items run together: one edit
    tasks[2]["content"] = "  " + tasks[2]["content"] + " "  # spacing is not an error
    total = evaluate_dirs(*_write(tmp_path, tasks)).total("table")
    assert total.edits == 2 and total.chars == truth_chars
    assert total.cer == pytest.approx(2 / truth_chars)
    assert cer("Tuyen", "Tuyên") == pytest.approx(0.2) and cer("", "") == 0.0 and cer("a", "") == 1.0


def test_origins_and_periods_and_numbers_are_checked(tmp_path: Path) -> None:
    tasks = copy.deepcopy(TASKS)
    tasks[3]["origin"] = "table"  # a prose task read as a table row is not that task
    tasks[1]["period"], tasks[1]["period_start"], tasks[1]["period_end"] = "", None, None
    tasks[2]["task_no"] = "3."
    report = evaluate_dirs(*_write(tmp_path, tasks))
    assert report.total("text").recall == 0.0
    assert report.total("table").precision == pytest.approx(3 / 4)
    assert report.total("table").period == pytest.approx(2 / 3)
    assert report.total("table").number == pytest.approx(2 / 3)


def test_metadata_and_deadlines(tmp_path: Path) -> None:
    meta = {**META, "title": "Chuyển đổi số", "plan_year": "2025", "doc_number": None}
    tasks = copy.deepcopy(TASKS)
    tasks[1]["deadline"] = None
    report = evaluate_dirs(*_write(tmp_path, tasks, meta=meta, deadlines=[]))
    assert report.metadata == pytest.approx(0.9)  # "2025" is 2025 and None is ""; the title differs
    assert report.deadlines == pytest.approx(0.5)  # 2025-12-15 still stands on task 4


def test_a_document_without_output_counts_as_missed(tmp_path: Path) -> None:
    out, truth = _write(tmp_path, copy.deepcopy(TASKS))
    (truth / "kh-other.json").write_text(json.dumps({**TRUTH, "source": "kh-other"}), "utf-8")
    report = evaluate_dirs(out, truth)
    other = next(d for d in report.docs if d.name == "kh-other")
    assert other.status == "missing" and other.all_tasks.recall == 0.0 and other.meta_ok == 0
    assert report.total().recall == pytest.approx(0.5)
    text = format_report(report)
    assert "kh-other [missing]" in text and "TOTAL (2 documents)" in text


def test_pages_where_ocr_lost_a_line_are_counted(tmp_path: Path) -> None:
    pages = [
        {"page": 1, "source": "ocr", "verdict": "scanned page: no text layer"},
        {"page": 2, "source": "ocr", "verdict": "scanned page: no text layer; 2 text line(s) missed "
                                                 "by page OCR, 2 read line by line"},
        {"page": 3, "source": "ocr", "verdict": "3 text line(s) missed by page OCR, 1 read line by "
                                                 "line; 2 unread"},
        {"page": 4, "source": "text", "verdict": "usable text layer"},
    ]
    report = evaluate_dirs(*_write(tmp_path, copy.deepcopy(TASKS), pages=pages))
    assert format_report(report).splitlines()[-1] == (
        "lost lines: 2 of 3 OCR pages had a line missed by page OCR (read again line by line); "
        "1 with a line still unread: kh-test p3"
    )


def test_alignment_prefers_the_closest_content() -> None:
    truth = [{"content": "Tổ chức tập huấn kỹ năng số"}, {"content": "Tổ chức tập huấn an toàn"}]
    found = [{"content": "Tổ chức tập huấn an toàn"}, {"content": "Hoàn toàn khác hẳn nội dung"},
             {"content": "Tổ chức tập huấn kỹ năng sô"}]
    assert align(found, truth) == [(2, 0), (0, 1)]


def test_the_evaluate_command_prints_the_table(tmp_path: Path) -> None:
    out, truth = _write(tmp_path, copy.deepcopy(TASKS))
    result = CliRunner().invoke(main, ["evaluate", str(out), str(truth)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split()[:3] == ["document", "kind", "origin"]
    assert any(line.startswith("kh-test") for line in lines)
    assert lines[-1].startswith("TOTAL (1 documents)")


A_TASK = "Rà soát, thống kê các thủ tục hành chính thuộc thẩm quyền giải quyết của cấp xã."
NEXT = "Tổ chức tập huấn nghiệp vụ cho cán bộ một cửa trước ngày 30/6/2025."


@pytest.mark.parametrize(
    ("found", "unmatched", "reason"),
    [
        ([], [], "document gave no task"),
        ([{"origin": "table", "content": A_TASK}], [], "found as the other origin"),
        ([{"origin": "text", "content": A_TASK + " " + NEXT}], [], "joined into a longer task"),
        ([{"origin": "text", "content": A_TASK[:45]}], [], "split or cut short"),
        ([{"origin": "text", "content": "Ra soat thong ke cac thu tuc hanh chinh thuoc tham quyen cap xa"}],
         "same", "read too far from the page"),
        ([{"origin": "text", "content": NEXT}], [], "not read as a task"),
    ],
)
def test_a_missed_task_is_given_its_likeliest_reason(
    found: list[dict], unmatched: object, reason: str
) -> None:
    truth = {"origin": "text", "content": A_TASK}
    assert why_missed(truth, found, found if unmatched == "same" else []) == reason


def test_the_details_count_missed_tasks_by_reason() -> None:
    truth = {"source": "kh.pdf", "metadata": {}, "tasks": [
        {"origin": "text", "task_no": "1", "content": A_TASK},
        {"origin": "text", "task_no": "2", "content": NEXT},
    ]}
    record = {"status": "ok", "tasks": [{"origin": "text", "content": A_TASK + " " + NEXT}]}
    details = format_details(Report([score_document(record, truth)]))
    assert "missed by reason: joined into a longer task 1" in details
    assert "task 2 missed (joined into a longer task)" in details
