"""Hostile and broken input in one batch with two good plans: every file gets its row with a
reason, the good plans are extracted, nothing escapes the output folder, no cell is a formula."""

from __future__ import annotations

import csv
import os
import time
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from reportlab.lib.pdfencrypt import StandardEncryption

import pipeline.run.batch as batch
from pipeline.api import extract_document
from pipeline.cli import main
from pipeline.config import Config
from pipeline.errors import OcrError
from pipeline.model import Status
from synth import hostile

from .conftest import write_small_plan

FORMULA = ("=", "+", "-", "@")

# name -> words its error must contain, or "ok" for a file that must be read.
MALFORMED = {
    "random-after-header.pdf": "corrupt PDF",
    "broken-xref.pdf": "ok",  # the table is rebuilt, the page read
    "missing-xref.pdf": "ok",
    "self-tree.pdf": "corrupt PDF",
    "zero-pages.pdf": "corrupt PDF",
    "no-box-no-contents.pdf": "ok",  # an empty page: no task, needs review
    "empty-password.pdf": "ok",
    "locked.pdf": "password",
    "javascript.pdf": "ok",
    "pages-5000.pdf": "--max-pages",
    "page-14400pt.pdf": "megapixels",
    "pixels-40000.png": "megapixels",
    "flate-bomb.pdf": "--max-memory",
    "truncated.png": "image",
}
NAMES = [
    "a, b.pdf",
    'say "hi".pdf',
    "line\nbreak.pdf",
    "=cmd.pdf",
    "+sum.pdf",
    "-minus.pdf",
    "@at.pdf",
    "x" * 246 + ".pdf",
]
LATIN1 = b"caf\xe9-latin1.pdf"  # not UTF-8: shown with U+FFFD
SPECIAL = {
    "loop-a.pdf": "cannot read file",
    "loop-b.pdf": "cannot read file",
    "outside.pdf": "outside the input folder",
    "fifo.pdf": "not a regular file",
    "unreadable.pdf": "Permission denied",
    "vanishing.pdf": "No such file",
    "bad\ufffd-image.png": "not a readable image",  # its message quotes a path that is not UTF-8
}


def _make(folder: Path, outside: Path) -> None:
    good = write_small_plan(folder / "good-1.pdf").read_bytes()
    (folder / "good-2.pdf").write_bytes(good + b"% the second good plan\n")
    files = {
        "random-after-header.pdf": hostile.random_after_header(),
        "broken-xref.pdf": hostile.broken_xref(good),
        "missing-xref.pdf": hostile.missing_xref(good),
        "self-tree.pdf": hostile.self_referencing_tree(),
        "zero-pages.pdf": hostile.zero_pages(),
        "no-box-no-contents.pdf": hostile.page_without_box_or_contents(),
        "javascript.pdf": hostile.with_javascript(good),
        "pages-5000.pdf": hostile.pages_pdf(5000),
        "page-14400pt.pdf": hostile.pages_pdf(1, (14400, 14400)),
        "flate-bomb.pdf": hostile.flate_bomb(1.5),
        "truncated.png": b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\x0dIHDR" + b"\x00" * 7,
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    write_small_plan(
        folder / "empty-password.pdf", encrypt=StandardEncryption("", ownerPassword="o", canModify=0)
    )
    write_small_plan(folder / "locked.pdf", encrypt=StandardEncryption("secret", canPrint=0))
    hostile.huge_png(folder / "pixels-40000.png")
    for i, name in enumerate([*NAMES, os.fsdecode(LATIN1), "unreadable.pdf", "vanishing.pdf"]):
        (folder / name).write_bytes(good + b"%% copy %d\n" % i)
    (folder / "loop-a.pdf").symlink_to("loop-b.pdf")
    (folder / "loop-b.pdf").symlink_to("loop-a.pdf")
    (folder / "loop-dir").symlink_to(".")  # a folder loop: not followed
    outside.mkdir()
    (outside / "secret.pdf").write_bytes(good + b"% outside\n")
    (folder / "outside.pdf").symlink_to(outside / "secret.pdf")
    os.mkfifo(folder / "fifo.pdf")
    (folder / os.fsdecode(b"bad\xff-image.png")).write_bytes(b"not an image at all")


def _snapshot(root: Path, skip: Path) -> set[tuple[str, int]]:
    out = set()
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if Path(folder, d) != skip]
        for name in files:
            path = Path(folder, name)
            out.add((str(path), path.lstat().st_size))
    return out


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("hostile")
    folder = root / "archive"
    folder.mkdir()
    _make(folder, root / "outside")
    out = folder / "out"  # inside the input folder: must not be read back
    out.mkdir()
    (out / "stray.pdf").write_bytes((folder / "good-1.pdf").read_bytes() + b"% stray\n")
    before = _snapshot(root, out)
    real_id, real_plan = batch.doc_id_of, batch._plan_run

    def doc_id_of(path: Path) -> str:
        if path.name == "unreadable.pdf":
            raise PermissionError(13, "Permission denied")
        return real_id(path)

    def plan_run(*args, **kwargs):  # the file vanishes after it was listed and hashed
        todo = real_plan(*args, **kwargs)
        (folder / "vanishing.pdf").unlink()
        return todo

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(batch, "doc_id_of", doc_id_of)
        mp.setattr(batch, "_plan_run", plan_run)
        args = ["extract", str(folder), "--out", str(out), "-j", "2", "-q", "--max-memory", "700"]
        result = CliRunner().invoke(main, args)
    after = _snapshot(root, out)
    return result, out, before, after, folder


def _csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def _docs(out: Path) -> dict[str, dict[str, str]]:
    """documents.csv by source as the file was named (the formula guard's `'` taken off)."""

    def name(source: str) -> str:
        return source[1:] if source.startswith("'") and source[1:2] in FORMULA else source

    return {name(r["source"]): r for r in _csv(out / "documents.csv")}


def test_exit_status_1_and_no_traceback(hostile_run) -> None:
    result, *_ = hostile_run
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "documents:" in result.output  # the summary line


def test_every_hostile_file_has_its_row_with_a_reason(hostile_run) -> None:
    _, out, *_ = hostile_run
    docs = _docs(out)
    expected = {**MALFORMED, **SPECIAL}
    for name, words in expected.items():
        row = docs[name]
        if words == "ok":
            assert row["status"] == "ok", (name, row["error"])
        else:
            assert row["status"] == "error" and words in row["error"], (name, row["error"])
            assert "\n" not in row["error"] and "Traceback" not in row["error"]
    errors = {r["source"].removeprefix("'") for r in _csv(out / "errors.csv")}
    assert errors == {n for n, w in expected.items() if w != "ok"}
    assert docs["no-box-no-contents.pdf"]["needs_review"] == "true"
    assert docs["empty-password.pdf"]["task_count"] == "1"


def test_good_plans_and_hostile_names_are_extracted(hostile_run) -> None:
    _, out, *_ = hostile_run
    docs = _docs(out)
    for name in ["good-1.pdf", "good-2.pdf", *NAMES, "caf\ufffd-latin1.pdf"]:
        assert docs[name]["status"] == "ok" and docs[name]["task_count"] == "1", name
    assert not any("stray" in s or s.startswith("out/") for s in docs), "the output folder was read as input"
    assert "loop-dir" not in " ".join(docs)


def test_nothing_is_written_outside_the_output_folder(hostile_run) -> None:
    _, out, before, after, folder = hostile_run
    assert after == {entry for entry in before if not entry[0].endswith("vanishing.pdf")}
    json_names = {p.name for p in (out / "json").iterdir()}
    assert all(len(n) == len("0123456789abcdef.json") for n in json_names)


def test_no_spreadsheet_cell_starts_a_formula(hostile_run) -> None:
    _, out, *_ = hostile_run
    for path in out.glob("*.csv"):
        with open(path, encoding="utf-8-sig", newline="") as f:
            for row in csv.reader(f):
                assert not any(cell.startswith(FORMULA) for cell in row), (path.name, row)
    book = load_workbook(out / "plans.xlsx")
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate)
                # Typed a string cell, text that looks like a formula is shown as printed.
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA):
                    assert cell.data_type == "s", (sheet.title, cell.coordinate)
    sources = [r["source"] for r in _csv(out / "documents.csv")]
    assert "'=cmd.pdf" in sources and "'@at.pdf" in sources  # guarded, not dropped


# --- one page that cannot be OCR'd, a document that takes too long --------------------------------


class FailingEngine:
    """OCR that fails like a Tesseract timeout; `delay` makes each call slow instead."""

    def __init__(self, delay: float = 0.0) -> None:
        self.delay = delay

    def read(self, image: object, dpi: int, psm: int | None = None, **_: object) -> list:
        if self.delay:
            time.sleep(self.delay)
            return []
        raise OcrError("OCR timed out after 120 s")

    def orientation(self, image: object, dpi: int) -> int:
        return 0


def _text_then_blank(path: Path, blanks: int = 1) -> Path:
    """A text-layer plan followed by `blanks` pages without text (they go to OCR)."""
    plan = pdfium.PdfDocument(str(write_small_plan(path.with_name("one-page.pdf"))))
    doc = pdfium.PdfDocument.new()
    doc.import_pages(plan)
    for _ in range(blanks):
        doc.new_page(595, 842)
    doc.save(str(path))
    return path


def test_a_failed_ocr_page_is_kept_empty_and_flagged(tmp_path: Path) -> None:
    path = _text_then_blank(tmp_path / "plan.pdf")
    result = extract_document(path, "plan.pdf", Config(), engine=FailingEngine())
    assert result.status is Status.OK and result.plan is not None
    assert result.plan.pages == 2 and len(result.plan.tasks) == 1
    assert any("page 2" in w and "OCR failed" in w for w in result.plan.warnings)
    assert result.plan.needs_review and result.plan.tasks[0].needs_review


def test_every_ocr_page_failed_is_an_error_row(tmp_path: Path) -> None:
    path = tmp_path / "blank.pdf"
    doc = pdfium.PdfDocument.new()
    doc.new_page(595, 842)
    doc.save(str(path))
    result = extract_document(path, "blank.pdf", Config(), engine=FailingEngine())
    assert result.status is Status.ERROR
    assert result.errors[0].stage == "ocr" and "OCR failed" in result.errors[0].message


def test_doc_timeout_stops_between_pages(tmp_path: Path) -> None:
    path = _text_then_blank(tmp_path / "slow.pdf", blanks=3)
    result = extract_document(path, "slow.pdf", Config(doc_timeout=0.3), engine=FailingEngine(delay=0.4))
    assert result.status is Status.ERROR
    assert "--doc-timeout" in result.errors[0].message


def test_an_empty_pdf_after_a_locked_one_is_not_called_encrypted(tmp_path) -> None:
    # pdfium's last error code outlives the file that set it: the order of a worker's files
    # must not change what a file is said to be.
    locked = write_small_plan(tmp_path / "locked.pdf", encrypt=StandardEncryption("secret", canPrint=0))
    empty = tmp_path / "zero-pages.pdf"
    empty.write_bytes(hostile.zero_pages())
    first = extract_document(locked, "locked.pdf", Config())
    second = extract_document(empty, "zero-pages.pdf", Config())
    assert "password" in first.errors[0].message
    assert "corrupt PDF" in second.errors[0].message
