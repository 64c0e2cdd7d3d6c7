"""The sample archive in data/raw/ and the truth of the plans made up for it.

Every truth file is written by code from the spec that was typeset, with the page numbers the
typesetter reports, so text and truth cannot drift apart.
"""

from __future__ import annotations

import calendar
import json
import re
from pathlib import Path

from synth.reference import parse_reference
from synth.scan import simulate_scan
from synth.spec import (
    Closing,
    Header,
    Heading,
    PageStyle,
    Paragraph,
    PeriodRow,
    PlanSpec,
    Signer,
    Table,
    TableRow,
    plain,
    to_json,
)
from synth.truth import metadata, printed_number, references
from synth.typeset import Layout, typeset_with_layout

ROOT = Path(__file__).resolve().parents[1]
REFERENCE_TXT = ROOT / "tests" / "golden" / "ke-hoach-tdkt-chi-lang-2024.txt"

_VQ = "UBND huyện"
_NV = "Phòng Nội vụ huyện"
_TCKH = "Phòng TC-KH"
_VP = "Văn phòng HĐND và UBND huyện"
_ALL = "Các cơ quan, đơn vị"
_XA = "UBND các xã, thị trấn"


def _agencies(*names: str) -> str:
    """An agency cell as offices type it: one "- " item a line, ";" between, "." at the end."""
    return "\n".join(f"- {n}{'.' if i == len(names) - 1 else ';'}" for i, n in enumerate(names))


def _row(no: int, content: str, agencies: tuple[str, ...], when: str) -> TableRow:
    return TableRow([str(no), content, _agencies(*agencies), when])


VAN_QUAN_ROWS = [
    PeriodRow("QUÝ I"),
    _row(1, "Ban hành Kế hoạch cải cách hành chính năm 2025 của huyện; Kế hoạch tuyên truyền "
         "cải cách hành chính năm 2025.", (_VQ, _NV), "Tháng 01/2025"),
    _row(2, "Ban hành Kế hoạch kiểm tra công tác cải cách hành chính năm 2025 đối với các "
         "cơ quan chuyên môn thuộc UBND huyện và UBND các xã, thị trấn.", (_NV,),
         "Trước ngày 28/02/2025"),
    _row(3, "Rà soát, cập nhật danh mục thủ tục hành chính thuộc thẩm quyền giải quyết của "
         "cấp huyện, cấp xã; niêm yết công khai tại Bộ phận Một cửa huyện và Bộ phận Một cửa "
         "các xã, thị trấn; cập nhật đầy đủ, kịp thời trên Cổng Dịch vụ công quốc gia và Hệ "
         "thống thông tin giải quyết thủ tục hành chính của tỉnh.", (_VP, _XA), "Quý I/2025"),
    PeriodRow("QUÝ II"),
    _row(4, "- Tổ chức tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm 2024 của huyện;\n"
         "- Hoàn thiện hồ sơ, tài liệu kiểm chứng gửi Sở Nội vụ thẩm định.", (_NV, _ALL),
         "Trước ngày 15/4/2025"),
    _row(5, "Rà soát, trình phê duyệt dự toán kinh phí bảo đảm thực hiện nhiệm vụ cải cách "
         "hành chính năm 2025 của huyện.", (_TCKH, _NV), "Quý II/2025"),
    _row(6, "Báo cáo công tác cải cách hành chính 6 tháng đầu năm 2025.", (_NV, _ALL),
         "Trước ngày 10/6/2025"),
    PeriodRow("QUÝ III"),
    _row(7, "Kiểm tra công tác cải cách hành chính tại các cơ quan chuyên môn thuộc UBND huyện "
         "và UBND các xã, thị trấn theo Kế hoạch; tập trung kiểm tra việc giải quyết thủ tục "
         "hành chính, việc số hóa hồ sơ, kết quả giải quyết thủ tục hành chính và việc thực "
         "hiện kỷ luật, kỷ cương hành chính của cán bộ, công chức, viên chức; kịp thời chấn "
         "chỉnh những tồn tại, hạn chế phát hiện qua kiểm tra.", (_NV, _VP), "Quý III/2025"),
    _row(8, "Đẩy mạnh thanh toán trực tuyến phí, lệ phí trong giải quyết thủ tục hành chính.",
         (_TCKH, _VP, "Phòng Tư pháp huyện", _ALL, _XA), "Thường xuyên"),
    _row(9, "Tổ chức đối thoại giữa Chủ tịch UBND huyện với người dân, doanh nghiệp về cải "
         "cách thủ tục hành chính.", (_VQ, _VP), "Tháng 9/2025"),
    PeriodRow("QUÝ IV"),
    _row(10, "Khảo sát mức độ hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan "
         "hành chính nhà nước trên địa bàn huyện.", (_NV, _XA), "Tháng 10/2025"),
    _row(11, "Báo cáo công tác cải cách hành chính năm 2025.", (_NV, _ALL),
         "Trước ngày 05/12/2025"),
    _row(12, "Tổng kết công tác cải cách hành chính năm 2025; xây dựng Kế hoạch cải cách hành "
         "chính năm 2026.", (_VQ, _NV, _ALL), "Trước ngày 25/12/2025"),
]


def van_quan_spec() -> PlanSpec:
    header = Header(
        issuer=["ỦY BAN NHÂN DÂN", "HUYỆN VĂN QUAN"],
        number="Số:        /KH-UBND",
        place_date="Văn Quan, ngày      tháng 01 năm 2025",
        title=["Cải cách hành chính năm 2025"],
    )
    table = Table(
        columns=["TT", "Nội dung", "Cơ quan thực hiện", "Thời gian thực hiện"],
        widths=[0.07, 0.45, 0.30, 0.18],
        rows=VAN_QUAN_ROWS,
        align=["center", "justify", "left", "center"],
    )
    body = [
        Paragraph("Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương "
                  "trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030;"),
        Paragraph("Căn cứ Kế hoạch số 268/KH-UBND ngày 20/12/2024 của Ủy ban nhân dân tỉnh Lạng "
                  "Sơn về cải cách hành chính nhà nước tỉnh Lạng Sơn năm 2025;"),
        Paragraph("Ủy ban nhân dân huyện Văn Quan ban hành Kế hoạch cải cách hành chính (CCHC) "
                  "năm 2025, như sau:"),
        Heading("I. MỤC ĐÍCH, YÊU CẦU"),
        Heading("1. Mục đích"),
        Paragraph("Triển khai đồng bộ, hiệu quả các nhiệm vụ CCHC năm 2025 trên địa bàn huyện; "
                  "tập trung cải cách thủ tục hành chính, xây dựng chính quyền số, nâng cao "
                  "chất lượng phục vụ người dân, doanh nghiệp."),
        Heading("2. Yêu cầu"),
        Paragraph("Xác định rõ nhiệm vụ, thời gian hoàn thành và trách nhiệm của từng cơ quan, "
                  "đơn vị; gắn kết quả thực hiện nhiệm vụ CCHC với việc đánh giá, xếp loại cán "
                  "bộ, công chức, viên chức và công tác thi đua, khen thưởng năm 2025."),
        Heading("II. NHIỆM VỤ CỤ THỂ"),
        table,
        Heading("III. TỔ CHỨC THỰC HIỆN"),
        Paragraph("**1.** Các cơ quan chuyên môn thuộc UBND huyện, UBND các xã, thị trấn căn cứ "
                  "Kế hoạch này xây dựng Kế hoạch CCHC năm 2025 của cơ quan, đơn vị, địa "
                  "phương; gửi về UBND huyện (qua Phòng Nội vụ) trước ngày **15/02/2025**."),
        Paragraph("**2.** Giao Phòng Nội vụ huyện chủ trì, phối hợp với Văn phòng HĐND và UBND "
                  "huyện theo dõi, đôn đốc, kiểm tra việc thực hiện Kế hoạch; tổng hợp, báo cáo "
                  "UBND huyện theo quy định."),
        Paragraph("**3.** Giao Phòng TC-KH tham mưu bố trí kinh phí thực hiện nhiệm vụ CCHC năm "
                  "2025 theo quy định./."),
    ]
    closing = Closing(
        recipients=[
            "- UBND tỉnh;", "- Sở Nội vụ;", "- TT Huyện ủy;", "- TT HĐND huyện;",
            "- CT, các PCT UBND huyện;", "- Các cơ quan, đơn vị;", "- UBND các xã, thị trấn;",
            "- Lưu: VT, NV.",
        ],
        signer=Signer(titles=["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], name="Nông Văn Hải"),
    )
    style = PageStyle(body_size=13.0, table_size=12.0)
    return PlanSpec("ke-hoach-cchc-van-quan-2025", header, body, closing, style)


# --- truth --------------------------------------------------------------------------------

AGENCIES = {  # printed abbreviation -> canonical name, as the expected files spell them
    "UBND huyện": "Ủy ban nhân dân huyện",
    "HĐ TĐKT huyện": "Hội đồng Thi đua - Khen thưởng huyện",
    "Hội đồng TĐKT huyện": "Hội đồng Thi đua - Khen thưởng huyện",
    "Phòng Nội vụ": "Phòng Nội vụ",
    "Phòng Nội vụ huyện": "Phòng Nội vụ",
    "Phòng TC-KH": "Phòng Tài chính - Kế hoạch",
    "Phòng Tư pháp huyện": "Phòng Tư pháp",
    "Văn phòng HĐND và UBND huyện": "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện",
    "UBND các xã, thị trấn": "Ủy ban nhân dân các xã, thị trấn",
    "Các cơ quan, đơn vị": "Các cơ quan, đơn vị",
    "Các đơn vị liên quan": "Các đơn vị liên quan",
}
QUARTERS = {"I": ("01-01", "03-31"), "II": ("04-01", "06-30"), "III": ("07-01", "09-30"),
            "IV": ("10-01", "12-31")}
HALVES = {"ĐẦU": ("01-01", "06-30"), "CUỐI": ("07-01", "12-31")}
_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_DUE = re.compile(r"(?:trước|chậm nhất|hạn|đến) ngày\s+(\d{1,2}/\d{1,2}/\d{4})", re.IGNORECASE)


def iso(date: str) -> str:
    d, m, y = _DATE.search(date).groups()
    return f"{y}-{int(m):02d}-{int(d):02d}"


def _lines(cell: str) -> list[str]:
    return [ln.strip() for ln in cell.split("\n") if ln.strip()]


def _join_cell(first: str, rest: str) -> str:
    """Glue a row's carried-over part back on: a new "- " item is a new line, else same item."""
    if not first or not rest:
        return first or rest
    return first + ("\n" if rest.startswith("- ") else " ") + rest


def _period(label: str, year: int) -> tuple[str, str | None, str | None]:
    words = label.split()
    rest = [w if w in QUARTERS else w.lower() for w in words[1:]]  # roman numerals stay
    name = " ".join([words[0].capitalize(), *rest])
    span = QUARTERS.get(words[-1]) if words[0] == "QUÝ" else None
    if "THÁNG" in words:
        span = next((v for k, v in HALVES.items() if k in words), None)
    return name, *((f"{year}-{span[0]}", f"{year}-{span[1]}") if span else (None, None))


_PERIOD_CELL = re.compile(r"^(Quý|Tháng)\s+(\w+)/(\d{4})$")


def _period_end(when: str) -> str | None:
    """A time cell naming a quarter or a month ("Quý I/2025", "Tháng 01/2025") is due by its
    last day (docs/annotation-guide.md, Deadlines)."""
    m = _PERIOD_CELL.match(when.strip())
    if not m:
        return None
    year = int(m[3])
    if m[1] == "Quý":
        return f"{year}-{QUARTERS[m[2]][1]}"
    month = int(m[2])
    return f"{year}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def _column(columns: list[str], *keys: str) -> int | None:
    return next((i for i, c in enumerate(columns) if any(k in c for k in keys)), None)


def _table_tasks(t: Table, bi: int, layout: Layout, section: str, year: int) -> list[dict]:
    col_agency, col_time = _column(t.columns, "Cơ quan"), _column(t.columns, "Thời gian")
    col_content = _column(t.columns, "Nội dung")
    rows: list[tuple[TableRow, list[int]]] = []
    period: tuple[str, str | None, str | None] = ("", None, None)
    periods = []
    for ri, row in enumerate(t.rows):
        if isinstance(row, PeriodRow):
            period = _period(row.text, year)
        elif isinstance(row, TableRow) and row.continued and rows:
            prev, pages = rows[-1]
            cells = [_join_cell(a, b) for a, b in zip(prev.cells, row.cells, strict=True)]
            rows[-1] = (TableRow(cells), pages + layout.rows[(bi, ri)])
        elif isinstance(row, TableRow):
            rows.append((row, list(layout.rows[(bi, ri)])))
            periods.append(period)
    tasks = []
    for (row, pages), (name, start, end) in zip(rows, periods, strict=True):
        agencies = _lines(row.cells[col_agency]) if col_agency is not None else []
        when = " ".join(_lines(row.cells[col_time])) if col_time is not None else ""
        items = [re.sub(r"^-\s+", "", plain(x)) for x in _lines(row.cells[col_content])]
        task = {
            "task_no": row.cells[0].strip(), "origin": "table", "section": section,
            "period": name, "period_start": start, "period_end": end,
            "content": "\n".join(items),
            "agencies": [AGENCIES[re.sub(r"^-\s*", "", a).rstrip(";.").strip()]
                         for a in agencies],
            "agencies_raw": " ".join(agencies), "time_text": when,
            "deadline": iso(when) if _DATE.search(when) else _period_end(when),
            "pages": sorted(set(pages)),
        }
        tasks.append(task)
    return tasks


def _text_task(p: Paragraph, pages: list[int], section: str) -> dict:
    number, content = printed_number(plain(p.text))
    content = re.sub(r"\./\.$", ".", content)
    due = _DUE.search(content)
    return {
        "task_no": number, "origin": "text", "section": section, "period": "",
        "period_start": None, "period_end": None, "content": content, "agencies": None,
        "agencies_raw": None, "time_text": "", "deadline": iso(due.group(1)) if due else None,
        "pages": pages,
    }


def build_truth(spec: PlanSpec, layout: Layout) -> dict:
    """The expected extraction of a typeset spec, in the shape of tests/golden/*.expected.json."""
    meta = metadata(spec)
    bases: list[str] = []
    tasks: list[dict] = []
    notes: list[str] = []
    section = ""
    for bi, block in enumerate(spec.body):
        if isinstance(block, Heading) and re.match(r"^[IVXL]+\.\s", block.text):
            section = block.text
        elif isinstance(block, Table):
            tasks += _table_tasks(block, bi, layout, section, meta["plan_year"])
        elif isinstance(block, Paragraph):
            text = plain(block.text)
            notes += [plain(n.text) for n in block.footnotes]
            if not section and text.startswith("Căn cứ "):
                bases.append(text.removeprefix("Căn cứ ").rstrip(";."))
            elif "TỔ CHỨC THỰC HIỆN" in section:
                tasks.append(_text_task(block, layout.blocks[bi], section))
    deadlines = [t["deadline"] for t in tasks if t["deadline"]]
    deadlines += [iso(d) for n in notes for d in _DUE.findall(n)]
    return {
        "source": spec.name,
        "metadata": meta,
        "legal_bases": bases,
        "referenced_documents": references(bases),
        "recipients": [re.sub(r"^-\s*", "", r).rstrip(";.").strip()
                       for r in spec.closing.recipients],
        "deadlines": sorted(set(deadlines)),  # a set of dates: the order of mention is no fact
        "tasks": [{"seq": i, **t} for i, t in enumerate(tasks, start=1)],
    }


def _check_splits(spec: PlanSpec, layout: Layout) -> None:
    """The made-up plan exists to carry rows cut by a page break in both text columns."""
    table = next(b for b in spec.body if isinstance(b, Table))
    cut = {col for _, _, cols in layout.splits for col in cols}
    wanted = {_column(table.columns, "Nội dung"), _column(table.columns, "Cơ quan")}
    if not wanted <= cut or layout.pages != 3:
        raise AssertionError(f"{spec.name}: {layout.pages} pages, columns cut {sorted(cut)}")


def _write_json(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def write_archive(raw: Path = ROOT / "data" / "raw", golden: Path = ROOT / "tests" / "golden",
                  scans: bool = True) -> dict[str, Path]:
    """Typeset, scan and write the truth of every sample; returns the files by role."""
    out: dict[str, Path] = {}
    chi_lang = parse_reference(REFERENCE_TXT)
    out["chi-lang"] = raw / "chi-lang" / "ke-hoach-tdkt-2024.pdf"
    layout = typeset_with_layout(chi_lang, out["chi-lang"])
    expected = json.loads(REFERENCE_TXT.with_suffix("").with_suffix(".expected.json")
                          .read_text(encoding="utf-8"))
    got = [t["pages"] for t in build_truth(chi_lang, layout)["tasks"]]
    if got != [t["pages"] for t in expected["tasks"]]:
        raise AssertionError(f"Chi Lăng rows landed on the wrong pages: {got}")
    van_quan = van_quan_spec()
    out["van-quan"] = raw / "van-quan" / "ke-hoach-cchc-2025.pdf"
    layout = typeset_with_layout(van_quan, out["van-quan"])
    _check_splits(van_quan, layout)
    out["van-quan-truth"] = golden / f"{van_quan.name}.expected.json"
    _write_json(out["van-quan-truth"], build_truth(van_quan, layout))
    out["van-quan-spec"] = golden / f"{van_quan.name}.spec.json"
    _write_json(out["van-quan-spec"], to_json(van_quan))
    if scans:
        out["chi-lang-scan"] = raw / "chi-lang" / "ke-hoach-tdkt-2024-scan.pdf"
        simulate_scan(out["chi-lang"], out["chi-lang-scan"], dpi=300, skew_deg=0.6, seed=1)
        out["van-quan-scan"] = raw / "van-quan" / "ke-hoach-cchc-2025-scan.pdf"
        simulate_scan(out["van-quan"], out["van-quan-scan"], dpi=200, skew_deg=-1.0, seed=2,
                      jpeg_quality=55)
    out["made-with"] = raw / "MADE_WITH.txt"
    out["made-with"].write_text(made_with(), encoding="utf-8")
    return out


FIXTURE_PACKAGES = ("reportlab", "pypdfium2", "numpy", "pillow", "opencv-python-headless")


def made_with() -> str:
    """What typeset and scanned the fixtures: their bytes depend on these versions (fonts are
    subset by reportlab, scans are drawn with numpy, Pillow and OpenCV)."""
    import platform
    import subprocess
    from importlib.metadata import version

    lines = ["# The versions that made the files of this folder (make samples writes this file).",
             f"python {platform.python_version()}"]
    lines += [f"{name} {version(name)}" for name in FIXTURE_PACKAGES]
    fonts = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", "fonts-dejavu-core"],
                           capture_output=True, text=True, check=False).stdout.strip()
    lines.append(f"fonts-dejavu-core {fonts or 'unknown'}")
    return "\n".join(lines) + "\n"


def main() -> None:
    for role, path in write_archive().items():
        print(f"{role:16} {path.relative_to(ROOT)}  {path.stat().st_size / 1024:.0f} KB")
