"""Bad input gets a clear one-line reason per document, and the rest of the batch is written."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from reportlab.lib.pdfencrypt import StandardEncryption

from pipeline.config import Config
from pipeline.run.batch import run

from .conftest import write_small_plan


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def _make_bad(folder: Path) -> dict[str, str]:
    """Bad files by name -> the words their error must contain."""
    good = write_small_plan(folder / "good.pdf").read_bytes()
    (folder / "truncated.pdf").write_bytes(good[: len(good) // 3])
    (folder / "garbage.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20)
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "notes.pdf").write_text("Đây là một tệp văn bản, không phải PDF.\n", encoding="utf-8")
    write_small_plan(folder / "locked.pdf", encrypt=StandardEncryption("secret", canPrint=0))
    return {
        "truncated.pdf": "corrupt PDF",
        "garbage.pdf": "corrupt PDF",
        "empty.pdf": "empty file",
        "notes.pdf": "not a PDF",
        "locked.pdf": "password",
    }


@pytest.fixture(scope="module")
def bad_run(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("archive")
    expected = _make_bad(folder)
    write_small_plan(folder / "no-table.pdf", with_table=False)
    out = folder.parent / "out"
    report = run([folder], out, Config(), jobs=1, progress=False)
    return report, out, expected


def test_every_bad_file_has_one_error_row(bad_run) -> None:
    report, out, expected = bad_run
    errors = {r["source"]: r["message"] for r in _rows(out / "errors.csv")}
    assert set(errors) == set(expected)
    for name, words in expected.items():
        assert words in errors[name], (name, errors[name])
        assert "\n" not in errors[name] and "Traceback" not in errors[name]
    assert report.failed == len(expected)


def test_documents_csv_lists_failures_and_good_documents(bad_run) -> None:
    _, out, expected = bad_run
    docs = {r["source"]: r for r in _rows(out / "documents.csv")}
    for name in expected:
        assert docs[name]["status"] == "error" and docs[name]["error"]
    assert docs["good.pdf"]["status"] == "ok"
    assert docs["good.pdf"]["task_count"] == "1"


def test_good_document_still_written(bad_run) -> None:
    _, out, _ = bad_run
    tasks = _rows(out / "tasks.csv")
    assert [t["content"] for t in tasks if t["source"] == "good.pdf"] == ["Tuyên truyền cải cách hành chính"]
    assert (out / "plans.xlsx").exists() and (out / "manifest.json").exists()


def test_pdf_without_table_is_ok_with_zero_tasks_and_needs_review(bad_run) -> None:
    _, out, _ = bad_run
    docs = {r["source"]: r for r in _rows(out / "documents.csv")}
    row = docs["no-table.pdf"]
    assert (row["status"], row["task_count"], row["needs_review"]) == ("ok", "0", "true")
