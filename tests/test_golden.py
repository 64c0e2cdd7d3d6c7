"""Golden test: the reference plan (checked by a person) from its text layer and from its scan."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

import pipeline
from pipeline.model import Plan

from .conftest import GOLDEN, SAMPLES
from pipeline.evaluate import cer

EXPECTED = GOLDEN / "ke-hoach-tdkt-chi-lang-2024.expected.json"
DIGITAL = SAMPLES / "chi-lang" / "ke-hoach-tdkt-2024.pdf"
SCAN = SAMPLES / "chi-lang" / "ke-hoach-tdkt-2024-scan.pdf"
META_FIELDS = [
    "doc_type", "doc_number", "doc_symbol", "issuer", "place", "issued_date", "title",
    "plan_year", "signer_title", "signer_name",
]


@cache
def _expected() -> dict:
    return json.loads(EXPECTED.read_text(encoding="utf-8"))


@cache
def _plan(path: Path) -> Plan:
    return pipeline.extract(path)


def _table_tasks(plan: Plan):
    return [t for t in plan.tasks if t.origin == "table"]


def _expected_table_tasks():
    return [t for t in _expected()["tasks"] if t["origin"] == "table"]


SOURCES = [pytest.param(DIGITAL, id="text-layer"), pytest.param(SCAN, id="scan")]


@pytest.mark.parametrize("path", SOURCES)
def test_table_tasks_numbers_periods_agencies(path: Path) -> None:
    got = _table_tasks(_plan(path))
    want = _expected_table_tasks()
    assert len(want) == 23
    assert [t.task_no for t in got] == [t["task_no"] for t in want]
    assert [t.period for t in got] == [t["period"] for t in want]
    assert [(t.period_start, t.period_end) for t in got] == [
        (t["period_start"], t["period_end"]) for t in want
    ]
    assert [t.names() for t in got] == [t["agencies"] for t in want]
    assert [t.pages for t in got] == [t["pages"] for t in want]


def test_content_equal_on_text_layer() -> None:
    got = _table_tasks(_plan(DIGITAL))
    assert [t.content for t in got] == [t["content"] for t in _expected_table_tasks()]


def test_content_cer_on_scan_at_most_one_percent() -> None:
    got = _table_tasks(_plan(SCAN))
    want = _expected_table_tasks()
    truth = "\n".join(t["content"] for t in want)
    read = "\n".join(t.content for t in got)
    assert cer(read, truth) <= 0.01


@pytest.mark.parametrize("path", SOURCES)
@pytest.mark.parametrize("field", META_FIELDS)
def test_metadata_field(path: Path, field: str) -> None:
    assert getattr(_plan(path).metadata, field) == _expected()["metadata"][field]


@pytest.mark.parametrize("path", SOURCES)
def test_both_deadlines_found(path: Path) -> None:
    plan = _plan(path)
    assert sorted({d.date for d in plan.deadlines}) == _expected()["deadlines"]
    prose = [t for t in plan.tasks if t.origin == "text"]
    assert [t.deadline for t in prose] == [t["deadline"] for t in _expected()["tasks"] if t["origin"] == "text"]


@pytest.mark.parametrize("path", SOURCES)
def test_legal_bases_recipients_and_references(path: Path) -> None:
    plan = _plan(path)
    exp = _expected()
    assert plan.legal_bases == exp["legal_bases"]
    assert plan.recipients == exp["recipients"]
    refs = [
        {"doc_type": r.doc_type, "doc_number": r.doc_number, "doc_symbol": r.doc_symbol,
         "issued_date": r.issued_date, "issuer": r.issuer}
        for r in plan.referenced_documents
    ]
    assert refs == exp["referenced_documents"]


def test_prose_task_gives_follow_up_to_phong_noi_vu() -> None:
    prose = [t for t in _plan(DIGITAL).tasks if t.origin == "text"]
    assert prose[-1].content.startswith("Giao Phòng Nội vụ theo dõi")
    assert prose[-1].names()[0] == "Phòng Nội vụ"
    assert [t.content for t in prose] == [t["content"] for t in _expected()["tasks"] if t["origin"] == "text"]
