"""Task tables read the same wherever the page breaks fall.

Each plan is typeset again with its table's page breaks moved (synth/breaks.py): above every
row and inside every row, after a compound's hyphen, at a period or group row, with the header
repeated or printed once, through merged agency and time cells. Every rendering must give the
same tasks as its truth: content exact from the text layer and within the OCR tolerance from a
scan, the same numbers, agencies, periods and deadlines. The full sweep is slow (make eval);
make test reads a sample of breaks that once went wrong.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest

import pipeline
from pipeline.evaluate import cer, norm
from pipeline.output.rows import task_json
from synth import samples
from synth import truth as synth_truth
from synth.breaks import Subject, places_of, renderings, shifted, sweep, table_key, unbroken
from synth.catalogue import entries
from synth.reference import parse_reference
from synth.scan import simulate_scan
from synth.typeset import typeset_with_layout

OCR_CER = 0.01  # content read from a scan: at most 1 % of its characters wrong (as the goldens)
FIELDS = ("task_no", "period", "period_start", "period_end", "deadline")
ROLES = ("agencies", "lead_agencies", "partner_agencies")
# What each generated plan brings: group rows by quarter (QUÝ II) and Roman numeral, the header
# printed once, merged lead and time cells, a two-level header, tables without inner vertical
# rules or without rules between rows; two of them break words after their hyphens.
GENERATED = {
    "kh-cds-binh-gia-2025": False, "kh-cchc-hoa-an-2025": False, "kh-cchc-trung-khanh-2025": False,
    "kh-pctt-trang-dinh-2025": True, "kh-ntm-nong-cong-2025": True, "kh-yte-vi-xuyen-2025": False,
    "kh-gddt-cho-don-2023": False,
}  # fmt: skip


@cache
def subject(name: str) -> Subject:
    if name == "chi-lang":  # the reference plan: QUÝ rows, an unnumbered row of its own
        return Subject(name, unbroken(parse_reference(samples.REFERENCE_TXT)), samples.build_truth)
    if name == "van-quan":
        return Subject(name, samples.van_quan_spec(), samples.build_truth)
    entry = next(e for e in entries() if e.name == name)
    spec = entry.make()
    spec = replace(spec, style=replace(spec.style, break_hyphens=GENERATED[name]))
    return Subject(name, spec, synth_truth.build_truth)


def _table_tasks(tasks: list[dict]) -> list[dict]:
    return [t for t in tasks if t["origin"] == "table"]


def differences(got: list[dict], want: list[dict], ocr: bool) -> list[str]:
    """What the extraction got wrong in the table's tasks, task by task; [] when nothing."""
    got, want = _table_tasks(got), _table_tasks(want)
    if len(got) != len(want):
        return [f"{len(got)} table tasks for {len(want)}: "
                f"{[t['task_no'] for t in got]} for {[t['task_no'] for t in want]}"]
    out = []
    for g, w in zip(got, want, strict=True):
        label = w["task_no"] or w["content"][:30]
        content, expected = norm(g["content"]), norm(w["content"])
        if (cer(content, expected) > OCR_CER) if ocr else content != expected:
            out.append(f"{label}: content {content[-60:]!r} for {expected[-60:]!r}")
        for field in FIELDS:
            if norm(str(g.get(field) or "")) != norm(str(w.get(field) or "")):
                out.append(f"{label}: {field} {g.get(field)!r} for {w.get(field)!r}")
        for field in ROLES:
            if w.get(field) is not None and sorted(g.get(field) or []) != sorted(w[field]):
                out.append(f"{label}: {field} {g.get(field)} for {w[field]}")
    return out


def read(pdf: Path, scan: bool) -> list[dict]:
    if scan:
        scanned = pdf.with_name(pdf.stem + "-scan.pdf")
        simulate_scan(pdf, scanned, dpi=200, skew_deg=0.6, seed=7)
        pdf = scanned
    return [task_json(t) for t in pipeline.extract(pdf).tasks]


def _check(name: str, space: float, bottom: float, place: tuple[int, str], tmp: Path, scan: bool) -> None:
    s = subject(name)
    spec = shifted(s.spec, space, bottom)
    pdf = tmp / f"{name}.pdf"
    layout = typeset_with_layout(spec, pdf)
    assert place in places_of(layout, table_key(spec)), "the break no longer falls where this case needs"
    assert differences(read(pdf, scan), s.truth(spec, layout)["tasks"], scan) == []


# (plan, space above the table in points, bottom margin in mm, where the break falls): breaks
# that once went wrong.
SAMPLE = [
    pytest.param("chi-lang", 324.0, 45.0, (19, "inside"), id="acronym-starts-the-rest"),
    pytest.param("chi-lang", 446.4, 45.0, (17, "inside"), id="number-starts-the-rest"),
    pytest.param("chi-lang", 612.0, 45.0, (3, "before"), id="unnumbered-row-of-its-own"),
    pytest.param("van-quan", 93.6, 45.0, (1, "before"), id="period-row-alone-at-the-foot"),
    pytest.param("kh-cchc-hoa-an-2025", 122.4, 45.0, (1, "before"), id="group-row-alone-at-the-foot"),
    pytest.param("kh-pctt-trang-dinh-2025", 43.2, 20.0, (2, "before"), id="merged-block-begun-at-the-foot"),
    pytest.param("kh-pctt-trang-dinh-2025", 0.0, 45.0, (1, "inside"), id="merged-block-begun-in-a-cut-row"),
    pytest.param("kh-ntm-nong-cong-2025", 7.2, 20.0, (13, "inside"), id="lower-case-rest-alone"),
    pytest.param("kh-ntm-nong-cong-2025", 21.6, 20.0, (3, "hyphen"), id="cut-after-a-hyphen"),
    pytest.param("kh-yte-vi-xuyen-2025", 100.8, 45.0, (9, "inside"), id="no-inner-rules-rest-alone"),
]


@pytest.mark.parametrize(("name", "space", "bottom", "place"), SAMPLE)
def test_sampled_break_reads_the_same_tasks(name: str, space: float, bottom: float,
                                            place: tuple[int, str], tmp_path: Path) -> None:
    _check(name, space, bottom, place, tmp_path, scan=False)


@pytest.mark.parametrize(("name", "space", "bottom", "place"), [
    pytest.param("van-quan", 230.4, 45.0, (15, "inside"), id="row-cut-in-its-content"),
])
def test_sampled_break_reads_the_same_tasks_from_a_scan(name: str, space: float, bottom: float,
                                                        place: tuple[int, str], tmp_path: Path) -> None:
    _check(name, space, bottom, place, tmp_path, scan=True)


def test_differences_sees_a_row_glued_to_the_one_above() -> None:
    want = [{"origin": "table", "task_no": n, "content": c, "period": "", "deadline": None,
             "agencies": ["Phòng Nội vụ"]} for n, c in (("1", "Ban hành kế hoạch."), ("2", "Báo cáo."))]
    glued = [{**want[0], "content": "Ban hành kế hoạch. Báo cáo."}]
    assert differences(glued, want, ocr=False)
    assert differences([want[0], {**want[1], "agencies": []}], want, ocr=False)
    assert differences(want, want, ocr=False) == []


SWEPT = ["chi-lang", "van-quan", *GENERATED]


@pytest.mark.slow
@pytest.mark.parametrize("scan", [False, True], ids=["text", "scan"])
@pytest.mark.parametrize("name", SWEPT)
def test_every_break_reads_the_same_tasks(name: str, scan: bool, tmp_path: Path) -> None:
    s = subject(name)
    pdf = tmp_path / f"{name}.pdf"
    step = s.spec.style.table_size * s.spec.style.leading / 2  # half a line
    _, chosen = sweep(s.spec, pdf, typeset_with_layout, step)
    wrong = {}
    for r, truth in renderings(s, s.spec, chosen, pdf, typeset_with_layout):
        if found := differences(read(pdf, scan), truth["tasks"], scan):
            wrong[f"space {r.space:.1f} pt, bottom {r.bottom_mm} mm, {sorted(r.places)}"] = found[:3]
    assert wrong == {}
