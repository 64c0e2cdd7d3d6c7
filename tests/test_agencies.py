"""Agency names: gazetteer, matching of written and OCR-damaged variants, splitting, prose."""

from __future__ import annotations

import csv
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.agencies.gazetteer import GAZETTEER, Entry, read_gazetteer
from pipeline.agencies.matcher import AgencyMatcher
from pipeline.agencies.names import has_abbreviation, keys, level_word_of
from pipeline.model import Role

DATA = Path(__file__).resolve().parent / "data"
GAZETTEER = GAZETTEER
LOCALITY = {"huyện": "huyện Chi Lăng", "tỉnh": "tỉnh Lạng Sơn"}


def _variant_rows() -> list[tuple[str, str]]:
    with (DATA / "agency_variants.csv").open(encoding="utf-8", newline="") as f:
        return [(r["written"], r["canonical"]) for r in csv.DictReader(f)]


@pytest.fixture(scope="module")
def matcher() -> AgencyMatcher:
    return AgencyMatcher.load()


# --- the gazetteer file -------------------------------------------------------------------


def test_gazetteer_columns_and_size() -> None:
    with GAZETTEER.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        rows = list(reader)
    assert reader.fieldnames == ["variant", "canonical", "level", "kind", "generic"]
    assert len(rows) >= 250
    assert len({r["canonical"] for r in rows}) >= 60
    assert {r["level"] for r in rows} <= {"tỉnh", "huyện", "xã", ""}
    assert {r["generic"] for r in rows} == {"true", "false"}


def test_gazetteer_is_nfc_and_has_no_separator_characters() -> None:
    text = GAZETTEER.read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", text)
    for e in read_gazetteer(GAZETTEER):
        assert not set(e.variant) & set(";.\n•+"), e.variant  # they would split a name


def test_gazetteer_keys_are_unambiguous() -> None:
    """No two rows that compare equal lead to different bodies."""
    by_exact: dict[str, set[str]] = {}
    by_folded: dict[str, set[str]] = {}
    for e in read_gazetteer(GAZETTEER):
        exact, folded = keys(e.variant)
        by_exact.setdefault(exact, set()).add(e.canonical)
        by_folded.setdefault(folded, set()).add(e.canonical)
    assert [k for k, v in by_exact.items() if len(v) > 1] == []
    assert [k for k, v in by_folded.items() if len(v) > 1] == []


def test_level_word_kept_except_for_phong_and_so() -> None:
    for e in read_gazetteer(GAZETTEER):
        if e.canonical.startswith(("Phòng ", "Sở ")) and e.kind.startswith("department"):
            assert not level_word_of(e.canonical), e.canonical
        if e.kind in {"committee", "council", "front", "police"}:
            assert level_word_of(e.canonical), e.canonical


def _expected(e: Entry) -> str:
    """A collective keeps its printed wording (first letter up) unless abbreviated."""
    if e.generic and not has_abbreviation(e.variant):
        return e.variant[:1].upper() + e.variant[1:]
    return e.canonical


def test_every_gazetteer_variant_matches_its_canonical(matcher: AgencyMatcher) -> None:
    wrong = [
        (e.variant, _expected(e), matcher.match(e.variant).canonical)
        for e in read_gazetteer(GAZETTEER)
        if matcher.match(e.variant).canonical != _expected(e)
    ]
    assert wrong == []


# --- matching written variants ------------------------------------------------------------


@pytest.mark.parametrize(("written", "canonical"), _variant_rows())
def test_written_variant(matcher: AgencyMatcher, written: str, canonical: str) -> None:
    m = matcher.match(written)
    assert m.known
    assert m.canonical == canonical


def test_variant_table_is_large_enough() -> None:
    assert len(_variant_rows()) >= 150


@pytest.mark.parametrize(
    "written",
    ["Trường Tiểu học Chi Lăng", "Ban Chỉ đạo 389 huyện", "Tổ trưởng tổ dân phố", "Ban quản lý chợ"],
)
def test_unknown_name_is_returned_as_written(matcher: AgencyMatcher, written: str) -> None:
    m = matcher.match(f"- {written};")
    assert not m.known
    assert m.canonical == written
    [ref] = matcher.parse_cell(f"- {written};")
    assert (ref.name, ref.known, ref.raw) == (written, False, written)


@pytest.mark.parametrize("written", ["UBNB huyện", "HĐ TĐKX huyện", "Phòng GD&ĐX", "Sở KH&ĐY"])
def test_short_abbreviations_are_never_fuzzy(matcher: AgencyMatcher, written: str) -> None:
    assert not matcher.match(written).known


def test_generic_mentions(matcher: AgencyMatcher) -> None:
    for written in ("- Các đơn vị liên quan.", "Các cơ quan, đơn vị", "Các phòng, ban, ngành"):
        m = matcher.match(written)
        assert m.known and m.generic and m.kind == "generic"
    group = matcher.match("UBND các xã, thị trấn")
    assert group.canonical == "Ủy ban nhân dân các xã, thị trấn" and not group.generic


def test_match_gives_level_kind_and_score(matcher: AgencyMatcher) -> None:
    m = matcher.match("Phòng GD&ĐT")
    assert (m.level, m.kind, m.score) == ("huyện", "department", 100.0)
    assert matcher.match("Sở Nội vụ").kind == "department_province"
    assert 90.0 <= matcher.match("Hội đồng Thi đau - Khen thưởng huyện").score < 100.0


# --- splitting ----------------------------------------------------------------------------

SPLITS = [
    ("- UBND huyện; - HĐ TĐKT huyện;", ["UBND huyện", "HĐ TĐKT huyện"]),
    (
        "- Hội đồng TĐKT huyện - Phòng Nội vụ. - Các cơ quan, đơn vị.",
        ["Hội đồng TĐKT huyện", "Phòng Nội vụ", "Các cơ quan, đơn vị"],
    ),
    ("- UBND huyện; - Phòng Nội vụ huyện", ["UBND huyện", "Phòng Nội vụ huyện"]),
    ("- UBND huyện. - Phòng Nội vụ.", ["UBND huyện", "Phòng Nội vụ"]),
    ("- Các đơn vị liên quan.", ["Các đơn vị liên quan"]),
    (
        "Sở Y tế, UBND các huyện, thành phố; Trung tâm Y tế các huyện",
        ["Sở Y tế", "UBND các huyện, thành phố", "Trung tâm Y tế các huyện"],
    ),
    ("Phòng Nội vụ và các đơn vị liên quan", ["Phòng Nội vụ", "các đơn vị liên quan"]),
    ("Phòng Giáo dục và Đào tạo", ["Phòng Giáo dục và Đào tạo"]),
    ("Hội đồng Thi đua - Khen thưởng huyện", ["Hội đồng Thi đua - Khen thưởng huyện"]),
    ("Phòng Lao động - Thương binh và Xã hội", ["Phòng Lao động - Thương binh và Xã hội"]),
    ("Phòng Tài chính - Kế hoạch - Phòng Nội vụ", ["Phòng Tài chính - Kế hoạch", "Phòng Nội vụ"]),
    (
        "TT GDNN - GDTX huyện; Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên huyện",
        ["TT GDNN - GDTX huyện", "Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên huyện"],
    ),
    ("UBND các xã, thị trấn", ["UBND các xã, thị trấn"]),
    ("Các cơ quan, đơn vị liên quan", ["Các cơ quan, đơn vị liên quan"]),
    ("- UBND huyện\n- Phòng Nội vụ", ["UBND huyện", "Phòng Nội vụ"]),
    ("- Hội đồng Thi đua - Khen\nthưởng huyện;\n- Phòng Nội vụ.", [
        "Hội đồng Thi đua - Khen thưởng huyện", "Phòng Nội vụ"]),
    ("UBND TP. Lạng Sơn; Sở Nội vụ", ["UBND TP. Lạng Sơn", "Sở Nội vụ"]),
    ("• UBND huyện • Phòng Nội vụ ./.", ["UBND huyện", "Phòng Nội vụ"]),
    ("Trung tâm Y tế - Dân số", ["Trung tâm Y tế - Dân số"]),  # unknown: not cut at " - "
    ("Sở Y tế, Trường THPT Chi Lăng", ["Sở Y tế", "Trường THPT Chi Lăng"]),
    ("1. UBND huyện; 2. Phòng Nội vụ", ["UBND huyện", "Phòng Nội vụ"]),
    (
        "Phòng Nội vụ chủ trì, phối hợp với các cơ quan, đơn vị liên quan",
        ["Phòng Nội vụ", "các cơ quan, đơn vị liên quan"],
    ),
    ("Phòng Nội vụ (chủ trì); Phòng Tư pháp (phối hợp)", ["Phòng Nội vụ", "Phòng Tư pháp"]),
    ("", []),
]


@pytest.mark.parametrize(("cell", "pieces"), SPLITS)
def test_split(matcher: AgencyMatcher, cell: str, pieces: list[str]) -> None:
    assert matcher.split(cell) == pieces


PARSES = [
    (
        "- UBND huyện; - HĐ TĐKT huyện;",
        ["Ủy ban nhân dân huyện", "Hội đồng Thi đua - Khen thưởng huyện"],
    ),
    (
        "- Hội đồng TĐKT huyện - Phòng Nội vụ. - Các cơ quan, đơn vị.",
        ["Hội đồng Thi đua - Khen thưởng huyện", "Phòng Nội vụ", "Các cơ quan, đơn vị"],
    ),
    ("- UBND huyện; - Phòng Nội vụ huyện", ["Ủy ban nhân dân huyện", "Phòng Nội vụ"]),
    ("- UBND huyện. - Phòng Nội vụ.", ["Ủy ban nhân dân huyện", "Phòng Nội vụ"]),
    ("- UBND huyện; - Ủy ban nhân dân huyện; Uỷ ban nhân dân huyện", ["Ủy ban nhân dân huyện"]),
    ("Phòng Nội vụ và các đơn vị liên quan", ["Phòng Nội vụ", "Các đơn vị liên quan"]),
]


@pytest.mark.parametrize(("cell", "names"), PARSES)
def test_parse_cell_names(matcher: AgencyMatcher, cell: str, names: list[str]) -> None:
    assert [r.name for r in matcher.parse_cell(cell)] == names


def test_parse_cell_flags_role_and_jurisdiction(matcher: AgencyMatcher) -> None:
    refs = matcher.parse_cell(
        "- UBND huyện; - Phòng Nội vụ; - Sở Nội vụ; - UBND huyện Bình Gia; - Các cơ quan, đơn vị.",
        Role.LEAD, LOCALITY,
    )
    got = [(r.name, r.jurisdiction, r.generic, r.known, r.role) for r in refs]
    assert got == [
        ("Ủy ban nhân dân huyện", "huyện Chi Lăng", False, True, Role.LEAD),
        ("Phòng Nội vụ", "huyện Chi Lăng", False, True, Role.LEAD),
        ("Sở Nội vụ", "tỉnh Lạng Sơn", False, True, Role.LEAD),
        ("Ủy ban nhân dân huyện Bình Gia", "huyện Bình Gia", False, True, Role.LEAD),
        ("Các cơ quan, đơn vị", "", True, True, Role.LEAD),
    ]
    [phong] = matcher.parse_cell("Phòng Nội vụ huyện Hữu Lũng", locality=LOCALITY)
    assert (phong.name, phong.jurisdiction, phong.raw) == (
        "Phòng Nội vụ", "huyện Hữu Lũng", "Phòng Nội vụ huyện Hữu Lũng")


# The property: a cell built from gazetteer names, bullets and separators. Splitting may
# drop only separator and bullet characters, never a letter or digit of a name, and never
# cuts inside a name; when every separator is a hard one, it gives back exactly the names.
BULLETS = ["", "- ", "+ ", "• "]
SEPARATORS = ["; ", ". ", "\n", ";\n", ".\n"]
ENDINGS = ["", ";", ".", "./."]
VARIANTS = sorted({e.variant for e in read_gazetteer(GAZETTEER)})


def _letters(text: str) -> str:
    return "".join(c for c in text if c.isalnum())


def _letter_bounds(parts: list[str]) -> set[int]:
    out, n = set(), 0
    for p in parts:
        n += len(_letters(p))
        out.add(n)
    return out


@settings(max_examples=150, deadline=None, database=None)
@given(
    items=st.lists(
        st.tuples(st.sampled_from(VARIANTS), st.sampled_from(BULLETS), st.sampled_from(SEPARATORS)),
        min_size=1, max_size=5,
    ),
    ending=st.sampled_from(ENDINGS),
)
def test_split_keeps_every_letter_of_every_name(
    matcher: AgencyMatcher, items: list[tuple[str, str, str]], ending: str
) -> None:
    cell = "".join(
        bullet + name + (sep if i < len(items) - 1 else ending)
        for i, (name, bullet, sep) in enumerate(items)
    )
    names = [name for name, _, _ in items]
    pieces = matcher.split(cell)
    assert _letters("".join(pieces)) == _letters(cell) == _letters("".join(names))
    assert _letter_bounds(pieces) <= _letter_bounds(names)
    all_hard = all(
        sep != "\n" or items[i + 1][1] for i, (_, _, sep) in enumerate(items[:-1])
    )
    if all_hard:
        assert pieces == names


# --- aliases ------------------------------------------------------------------------------


def _write_aliases(path: Path, rows: list[str], bom: bool = False) -> Path:
    text = "variant,canonical,level,kind,generic\n" + "\n".join(rows) + "\n"
    path.write_text(("\ufeff" if bom else "") + text, encoding="utf-8")
    return path


def test_alias_rows_win_over_builtin(tmp_path: Path) -> None:
    aliases = _write_aliases(tmp_path / "aliases.csv", [
        "Ban TĐKT,Ban Thi đua - Khen thưởng,tỉnh,emulation,false",
        "Phòng NV-LĐTBXH,Phòng Nội vụ - Lao động - Thương binh và Xã hội,huyện,department,false",
        "Tổ công tác 1,Tổ công tác 1,,generic,true",
    ], bom=True)
    m = AgencyMatcher.load(aliases)
    assert m.match("Ban TĐKT").canonical == "Ban Thi đua - Khen thưởng"
    assert m.match("Ban Thi dua Khen thuong").canonical == "Ban Thi đua - Khen thưởng tỉnh"
    assert m.match("Phòng NV-LĐTBXH").canonical == (
        "Phòng Nội vụ - Lao động - Thương binh và Xã hội")
    assert m.match("Tổ công tác 1").generic
    assert AgencyMatcher.load().match("Ban TĐKT").canonical == "Ban Thi đua - Khen thưởng tỉnh"
    assert m.split("Phòng Nội vụ - Lao động - Thương binh và Xã hội - Phòng Y tế") == [
        "Phòng Nội vụ - Lao động - Thương binh và Xã hội", "Phòng Y tế"]


def test_alias_file_missing_columns(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("variant,canonical\nA,B\n", encoding="utf-8")
    with pytest.raises(ValueError, match="missing columns"):
        AgencyMatcher.load(bad)


# --- prose and headings -------------------------------------------------------------------

PROSE = (
    "Giao Phòng Nội vụ theo dõi, đôn đốc các Cụm thi đua, các cơ quan, tổ chức, đơn vị; "
    "các xã, thị trấn thực hiện kế hoạch, định kỳ báo cáo UBND huyện, Hội đồng TĐKT huyện./."
)


def test_find_in_text(matcher: AgencyMatcher) -> None:
    names = [r.name for r in matcher.find_in_text(PROSE)]
    assert names == [
        "Phòng Nội vụ", "Ủy ban nhân dân huyện", "Hội đồng Thi đua - Khen thưởng huyện"]


def test_find_in_text_keeps_the_place_and_raw_text(matcher: AgencyMatcher) -> None:
    [ref] = matcher.find_in_text("Căn cứ Kế hoạch số 241/KH-UBND của UBND tỉnh Lạng Sơn về")
    assert (ref.name, ref.raw, ref.jurisdiction) == (
        "Ủy ban nhân dân tỉnh Lạng Sơn", "UBND tỉnh Lạng Sơn", "tỉnh Lạng Sơn")


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Ủy ban nhân dân huyện Chi Lăng xây dựng kế hoạch", ["Ủy ban nhân dân huyện Chi Lăng"]),
        ("gửi về UBND huyện (qua Phòng Nội vụ) trước ngày 25/01/2024",
         ["Ủy ban nhân dân huyện", "Phòng Nội vụ"]),
        ("Đối với Phòng Giáo dục và Đào tạo; Trung tâm Giáo dục nghề nghiệp - Giáo dục thường "
         "xuyên huyện và các đơn vị sự nghiệp",
         ["Phòng Giáo dục và Đào tạo",
          "Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên huyện"]),
        ("Đoàn kiểm tra sẽ thanh tra huyện và các cơ quan, đơn vị liên quan", []),
        ("khen thưởng cho các cơ quan, đơn vị; ngành Giáo dục và Đào tạo", []),
    ],
)
def test_find_in_text_examples(matcher: AgencyMatcher, text: str, names: list[str]) -> None:
    assert [r.name for r in matcher.find_in_text(text)] == names


@pytest.mark.parametrize(
    ("upper", "cased"),
    [
        ("ỦY BAN NHÂN DÂN HUYỆN CHI LĂNG", "Ủy ban nhân dân huyện Chi Lăng"),
        ("UỶ BAN NHÂN DÂN TỈNH LẠNG SƠN", "Ủy ban nhân dân tỉnh Lạng Sơn"),
        ("SỞ Y TẾ", "Sở Y tế"),
        ("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "Phòng Giáo dục và Đào tạo"),
        ("HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG HUYỆN", "Hội đồng Thi đua - Khen thưởng huyện"),
        ("ỦY BAN NHÂN DÂN THÀNH PHỐ LẠNG SƠN", "Ủy ban nhân dân thành phố Lạng Sơn"),
        ("HUYỆN ỦY CHI LĂNG", "Huyện ủy Chi Lăng"),
        ("CÔNG TY ABC", "Công ty abc"),
        # the level word's marks lost by OCR: still the level word, and the place is a name
        ("ỦY BAN NHÂN DÂN TINH CAO BẰNG", "Ủy ban nhân dân tỉnh Cao Bằng"),
        ("ỦY BAN NHÂN DÂN THI TRAN ĐỒNG ĐĂNG", "Ủy ban nhân dân thị trấn Đồng Đăng"),
    ],
)
def test_title_case_body(matcher: AgencyMatcher, upper: str, cased: str) -> None:
    assert matcher.title_case_body(upper) == cased


@pytest.mark.parametrize(
    ("cell", "names"),
    [
        ("UBND các xã, phường, đặc khu", ["Ủy ban nhân dân các xã, phường, đặc khu"]),
        (
            "Sở Tư pháp, UBND các huyện, thị xã, thành phố",
            ["Sở Tư pháp", "Ủy ban nhân dân các huyện, thị xã, thành phố"],
        ),
        ("UBND các xã và phường", ["Ủy ban nhân dân các xã và phường"]),
    ],
)
def test_a_body_of_every_unit_of_several_levels_is_one_body(cell: str, names: list[str]) -> None:
    refs = AgencyMatcher.shared().parse_cell(cell)
    assert [r.name for r in refs] == names and all(r.known for r in refs)


# --- how offices write names (issue 20): one test per cause, names made up -----------------

FORMS = [
    # titles before the body are dropped; a plural collective after a title gets "Các"
    ("Giám đốc Sở Y tế", ["Sở Y tế"]),
    ("Chủ tịch UBND các xã, thị trấn", ["Ủy ban nhân dân các xã, thị trấn"]),
    ("Lãnh đạo Công an tỉnh", ["Công an tỉnh"]),
    ("Giao Sở Nội vụ", ["Sở Nội vụ"]),
    ("Thủ trưởng các sở, ban, ngành", ["Các sở, ban, ngành"]),
    ("Trưởng phòng, ban, đơn vị", ["Các phòng, ban, đơn vị"]),
    # collectives keep their wording, first letter up, however long their list
    ("các cơ quan, đơn vị có liên quan", ["Các cơ quan, đơn vị có liên quan"]),
    ("Các sở, ban, ngành, địa phương", ["Các sở, ban, ngành, địa phương"]),
    ("đơn vị nêu trên", ["Đơn vị nêu trên"]),
    ("các đơn vị, cá nhân có liên quan", ["Các đơn vị, cá nhân có liên quan"]),
    ("Cơ quan, đơn vị được giao nhiệm vụ theo dõi, kiểm tra",
     ["Cơ quan, đơn vị được giao nhiệm vụ theo dõi, kiểm tra"]),
    ("các cơ quan chủ trì quản lý Chương trình MTQG",
     ["Các cơ quan chủ trì quản lý Chương trình mục tiêu quốc gia"]),
    ("Sở Tư pháp, các sở, ngành liên quan", ["Sở Tư pháp", "Các sở, ngành liên quan"]),
    # commas inside one body's name
    ("UBND xã, phường", ["Ủy ban nhân dân xã, phường"]),
    ("Ủy ban nhân dân các quận-huyện", ["Ủy ban nhân dân các quận, huyện"]),
    ("UBND các xã, phường có cụm công nghiệp", ["Ủy ban nhân dân các xã, phường có cụm công nghiệp"]),
    ("Sở Lao động, Thương binh và Xã hội", ["Sở Lao động - Thương binh và Xã hội"]),
    # distributive lists
    ("Các Sở: Tài chính, Nội vụ, Y tế", ["Sở Tài chính", "Sở Nội vụ", "Sở Y tế"]),
    ("Các Sở: Tài chính, Kế hoạch và Đầu tư", ["Sở Tài chính", "Sở Kế hoạch và Đầu tư"]),
    ("UBND các huyện: Bình Gia, Văn Lãng",
     ["Ủy ban nhân dân huyện Bình Gia", "Ủy ban nhân dân huyện Văn Lãng"]),
    # a bracket after a body: the body
    ("Văn phòng UBND tỉnh (Trung tâm Phục vụ hành chính công)", ["Văn phòng Ủy ban nhân dân tỉnh"]),
    # abbreviations read by parts (the gazetteer has no row for these spellings)
    ("Bộ LĐ-TB&XH", ["Bộ Lao động - Thương binh và Xã hội"]),
    ("Bộ KHCN", ["Bộ Khoa học và Công nghệ"]),
    ("Trường THPT Hòa Bình", ["Trường Trung học phổ thông Hòa Bình"]),
    ("Công ty TNHH MTV Cấp nước An Phú", ["Công ty trách nhiệm hữu hạn một thành viên Cấp nước An Phú"]),
    ("Thường trực HĐND huyện", ["Thường trực Hội đồng nhân dân huyện"]),
    ("Ban Chỉ huy PCTT và TKCN huyện", ["Ban Chỉ huy Phòng, chống thiên tai và Tìm kiếm cứu nạn huyện"]),
    ("Phòng VH - XH", ["Phòng Văn hóa - Xã hội"]),
    # OCR damage: a lost mark or a stray letter
    ("Sở Tài chinh", ["Sở Tài chính"]),
    ("Phòng Nôi vụ", ["Phòng Nội vụ"]),
    # police units by their symbol
    ("C04 - Bộ Công an", ["Cục Cảnh sát điều tra tội phạm về ma túy"]),
    ("Phòng PC06, Công an tỉnh", ["Phòng Cảnh sát quản lý hành chính về trật tự xã hội"]),
    # personal names run together in a cell
    ("Hoàng Văn Nam Lê Thị Hoa", ["Hoàng Văn Nam", "Lê Thị Hoa"]),
    # a 2025 ward named with its old district after a dash
    ("Lãnh đạo UBND phường Hòa Bình - Tân Lập", ["Ủy ban nhân dân phường Hòa Bình - Tân Lập"]),
    # a kind word printed in lowercase
    ("phòng Kế hoạch - Tài vụ", ["Phòng Kế hoạch - Tài vụ"]),
    # two bodies the gazetteer does not know, each a kind word and its name: two, not one
    ("Trung tâm Dịch vụ Nông nghiệp, Phòng Khảo thí Chất lượng",
     ["Trung tâm Dịch vụ Nông nghiệp", "Phòng Khảo thí Chất lượng"]),
    # a provincial branch named after its province
    ("Sở Tài chính và Kho bạc Nhà nước Lạng Sơn", ["Sở Tài chính", "Kho bạc Nhà nước Lạng Sơn"]),
    # a place whose marks OCR lost, put right from the list of units
    ("UBND huyện Binh Gia", ["Ủy ban nhân dân huyện Bình Gia"]),
]


@pytest.mark.parametrize(("cell", "names"), FORMS)
def test_names_as_offices_write_them(matcher: AgencyMatcher, cell: str, names: list[str]) -> None:
    assert [r.name for r in matcher.parse_cell(cell)] == names


@pytest.mark.parametrize(
    ("cell", "generic"),
    [("các cơ quan có liên quan", True), ("Các sở, ban, ngành, địa phương", True), ("Sở Y tế", False),
     ("UBND xã, phường", False)],
)
def test_collectives_are_generic_and_bodies_are_not(matcher: AgencyMatcher, cell: str, generic: bool) -> None:
    [ref] = matcher.parse_cell(cell)
    assert ref.known and ref.generic is generic


@pytest.mark.parametrize("written", ["Trưởng đoàn thể xã", "Ban quản lý chợ", "Tổ trưởng tổ dân phố"])
def test_posts_and_unknown_boards_are_not_collectives(matcher: AgencyMatcher, written: str) -> None:
    assert not matcher.match(written).known


def test_abbreviations_the_document_defines(matcher: AgencyMatcher) -> None:
    text = ("Giao Sở Giáo dục và Đào tạo (GDĐT) chủ trì. Thành lập Ban Chỉ đạo chuyển đổi số huyện "
            "(sau đây gọi tắt là BCĐ).")
    doc = matcher.for_document(text)
    assert doc.defined == {"GDĐT": "Sở Giáo dục và Đào tạo", "BCĐ": "Ban Chỉ đạo chuyển đổi số huyện"}
    assert [r.name for r in doc.parse_cell("Thường trực BCĐ; Sở GDĐT")][1] == "Sở Giáo dục và Đào tạo"
    assert doc.match("BCĐ").canonical == "Ban Chỉ đạo chuyển đổi số huyện"
    assert matcher.for_document("Không có định nghĩa nào.") is matcher


@pytest.mark.parametrize(
    ("name", "on", "successor"),
    [
        ("Sở Kế hoạch và Đầu tư", "2024-11-20", "Sở Tài chính"),
        ("Sở Kế hoạch và Đầu tư", None, "Sở Tài chính"),
        ("Sở Kế hoạch và Đầu tư", "2025", "Sở Tài chính"),  # a year that holds 1 March: not known to be after
        ("Sở Kế hoạch và Đầu tư", "2025-06-02", ""),  # merged before the document: nothing since
        ("Sở Giao thông vận tải", "2024-05", "Sở Xây dựng"),
        ("Ủy ban nhân dân huyện", "2025-05-01", "Ủy ban nhân dân cấp xã"),
        ("Sở Tư pháp", "2024-01-01", ""),
    ],
)
def test_successor_by_the_document_s_date(name: str, on: str | None, successor: str) -> None:
    from pipeline.agencies.succession import successor as successor_of

    assert successor_of(name, on) == successor


def test_parse_cell_fills_the_successor_and_keeps_the_name_of_the_day(matcher: AgencyMatcher) -> None:
    [ref] = matcher.parse_cell("Sở TN&MT", on="2024-10-01")
    assert (ref.name, ref.successor) == ("Sở Tài nguyên và Môi trường", "Sở Nông nghiệp và Môi trường")
    [ref] = matcher.parse_cell("Sở Nông nghiệp và Môi trường", on="2025-10-01")
    assert ref.successor == ""


def test_every_successor_is_a_known_body(matcher: AgencyMatcher) -> None:
    from pipeline.agencies.succession import read_successions

    rows = read_successions()
    assert [r.name for r in rows if not matcher.match(r.name).known] == []
    assert [r.successor for r in rows if not matcher.match(r.successor).known] == []


def test_fuzzy_never_maps_one_body_onto_another(matcher: AgencyMatcher) -> None:
    """Every long name the fuzzy step may match, with one letter lost at each position, gives
    its own body or nothing: never another one (a wrong name is worse than an unknown one)."""
    wrong = []
    for key, entry in zip(matcher._fuzzy_keys, matcher._fuzzy_entries, strict=True):
        for i in range(0, len(key), 3):
            found = matcher._fuzzy(key[:i] + key[i + 1 :])
            if found and found[0].canonical != entry.canonical:
                wrong.append((entry.variant, i, found[0].canonical))
    assert wrong == []


def test_explain_says_how_each_piece_was_named(matcher: AgencyMatcher) -> None:
    steps = [str(s) for s in matcher.explain("Giám đốc Sở KH&ĐT; các đơn vị có liên quan", on="2024-12-01")]
    assert "title 'Giám đốc' dropped" in steps[0] and "today: Sở Tài chính" in steps[0]
    assert "[generic]" in steps[1]


def test_abbreviation_table_sources() -> None:
    from pipeline.agencies.forms import read_abbreviations

    rows = read_abbreviations()
    assert len(rows) >= 60 and all(r.source and r.use in {"word", "head", "part"} for r in rows)


def test_cli_explain_a_phrase_and_a_file(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from pipeline.cli import main

    runner = CliRunner()
    out = runner.invoke(main, ["agencies", "explain", "Lãnh đạo Sở KH&ĐT", "--date", "2024-06-01"])
    assert out.exit_code == 0, out.output
    assert "Sở Kế hoạch và Đầu tư" in out.output and "today: Sở Tài chính" in out.output
    doc = tmp_path / "doc.txt"
    doc.write_text("Giao Sở Nội vụ (SNV) chủ trì.\nSNV; các đơn vị có liên quan\n", encoding="utf-8")
    out = runner.invoke(main, ["agencies", "explain", str(doc)])
    assert out.exit_code == 0, out.output
    assert "defined in the document: SNV = Sở Nội vụ" in out.output
    assert "'SNV' -> 'Sở Nội vụ'" in out.output
