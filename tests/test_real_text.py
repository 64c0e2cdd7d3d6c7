"""Real text, typeset (data/real-text/): every transcription parses into a plan whose tables say
what each column holds and whose printed agency names all have a canonical reading; every
committed truth validates against the real corpus's truth format; the script writes the same
file and the same truth again. The reading rules are checked on small made-up rows."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import jsonschema
import pytest

from synth.realtext import (
    RENDERINGS,
    _agency_reader,
    _grouped,
    _reflowed,
    load,
    render,
    sha256_of,
    styled,
    truth,
)
from synth.spec import GroupRow, PageBreak, PeriodRow, Table, TableRow, keyed_blocks

ROOT = Path(__file__).resolve().parent.parent
TEXT = ROOT / "data" / "real-text" / "text"
TRUTH = ROOT / "data" / "real-text" / "truth"
SCHEMA = ROOT / "data" / "real" / "truth.schema.json"


def _texts() -> list[Path]:
    return sorted(TEXT.glob("*.txt"))


def test_there_are_transcriptions_and_a_truth_for_each_rendering() -> None:
    assert _texts()
    for txt in _texts():
        for r in RENDERINGS:
            assert (TRUTH / f"{txt.stem}-{r.suffix}.json").exists(), (txt.stem, r.suffix)


@pytest.mark.parametrize("txt", _texts(), ids=lambda p: p.stem)
def test_transcription_parses_into_a_task_table(txt: Path) -> None:
    spec, meta = load(txt)
    tables = [b for _, _, b in keyed_blocks(spec) if isinstance(b, Table)]
    assert tables and all(t.roles and len(t.roles) == len(t.columns) for t in tables)
    reader = _agency_reader(meta["agencies"])
    for t in tables:
        agency_columns = [i for i, role in enumerate(t.roles) if role in ("agency", "lead")]
        for row in _reflowed(t.rows):  # a name cut by a page break is read whole
            if isinstance(row, TableRow):
                for i in agency_columns:
                    reader(row.cells[i] or "")  # raises on a name the sidecar does not read


@pytest.mark.parametrize("path", sorted(TRUTH.glob("*.json")), ids=lambda p: p.stem)
def test_truth_validates_and_has_table_tasks(path: Path) -> None:
    record = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.validate(record, json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert Path(record["source"]).stem == path.stem
    assert any(t["origin"] == "table" for t in record["tasks"])
    word = record["source"].endswith(".docx")
    assert all((t["pages"] is None) == word for t in record["tasks"])


def test_script_writes_the_same_file_and_truth(tmp_path: Path) -> None:
    txt = _texts()[0]
    spec, meta = load(txt)
    r = RENDERINGS[0]
    plan = styled(spec, r)
    shas = []
    for run in ("a", "b"):
        (tmp_path / run).mkdir()
        doc = tmp_path / run / f"{plan.name}{r.ext}"
        layout = render(plan, r, doc, tmp_path / run, seed=1)
        shas.append(sha256_of(doc))
    assert shas[0] == shas[1]
    made = truth(plan, layout, meta, doc.name, shas[0], word=False)
    committed = json.loads((TRUTH / f"{plan.name}.json").read_text(encoding="utf-8"))
    assert committed["sha256"] == shas[0]
    assert committed["tasks"] == made["tasks"]


def test_renderings_do_not_share_rows() -> None:
    spec, _ = load(_texts()[0])
    before = [len(b.rows) for _, _, b in keyed_blocks(spec) if isinstance(b, Table)]
    styled(spec, next(r for r in RENDERINGS if not r.original_breaks))
    assert [len(b.rows) for _, _, b in keyed_blocks(spec) if isinstance(b, Table)] == before


def test_group_rows_are_not_periods() -> None:
    assert isinstance(_grouped(PeriodRow("QUÝ II")), PeriodRow)
    assert isinstance(_grouped(PeriodRow("6 THÁNG ĐẦU NĂM")), PeriodRow)
    assert isinstance(_grouped(PeriodRow("II. Công tác tuyên truyền")), GroupRow)


def test_rows_cut_by_the_original_page_break_are_joined_when_reflowed() -> None:
    rows = [TableRow(["1", "Tổng hợp báo cáo", "- UBND xã;"]), PageBreak(),
            TableRow(["", "gửi Sở Nội vụ.", "- Công an xã."], continued=True)]
    (row,) = _reflowed(rows)
    assert row.cells == ["1", "Tổng hợp báo cáo gửi Sở Nội vụ.", "- UBND xã;\n- Công an xã."]


def test_agency_reader_splits_items_and_refuses_unknown_names() -> None:
    read = _agency_reader({"UBND xã": ["Ủy ban nhân dân xã"], "Công an xã": ["Công an xã"]})
    assert read("- UBND xã;\n- Công an xã.") == ["Ủy ban nhân dân xã", "Công an xã"]
    with pytest.raises(KeyError):
        read("- Trạm Y tế xã")


def test_a_time_cell_names_a_period_only_when_it_is_a_quarter_or_a_month() -> None:
    from synth.realtext import _period_of_cell

    assert _period_of_cell({"time_text": "Quý III/2025"}) == "Quý III"
    assert _period_of_cell({"time_text": "Tháng 10"}) == "Tháng 10"
    assert _period_of_cell({"time_text": "2024-2026"}) is None
    assert _period_of_cell({"time_text": "Thường xuyên"}) is None


def _numbered(rows: list) -> list[str]:
    from synth.realtext import _number_by_group

    table = Table(columns=["TT", "Nội dung", "Cơ quan thực hiện"], widths=[], rows=rows,
                  roles=["no", "content", "agency"])
    spec = SimpleNamespace(body=[table], appendices=[])  # keyed_blocks reads only these
    tasks = [{"task_no": r.cells[0]} for r in rows if isinstance(r, TableRow)]
    _number_by_group(tasks, spec)
    return [t["task_no"] for t in tasks]


def test_lettered_rows_under_numbered_groups_take_the_group_number() -> None:
    rows = [GroupRow("1. Tuyên truyền"), TableRow(["a)", "Phổ biến", "Sở Tư pháp"]),
            TableRow(["b)", "Tập huấn", "Sở Nội vụ"]), GroupRow("2. Xây dựng văn bản"),
            TableRow(["a)", "Soạn thảo", "Sở Tư pháp"]),
            TableRow(["3", "Sơ kết", "Sở Nội vụ"])]  # numbered like the groups: beside them
    assert _numbered(rows) == ["1.a", "1.b", "2.a", "3"]


def test_numbers_lose_their_list_punctuation_and_straight_numbering_stays() -> None:
    rows = [GroupRow("I. Tuyên truyền"), TableRow(["1.", "Phổ biến", "Sở Tư pháp"]),
            GroupRow("II. Kiểm tra"), TableRow(["2.", "Kiểm tra", "Sở Nội vụ"])]
    assert _numbered(rows) == ["1", "2"]
