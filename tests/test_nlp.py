"""The spaCy pipeline: bodies named in prose, dates, the saved model and its in-memory twin."""

from __future__ import annotations

from pathlib import Path
from weakref import WeakKeyDictionary

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.util import load_meta

from pipeline.agencies import nlp
from pipeline.agencies.gazetteer import GAZETTEER, read_gazetteer
from pipeline.agencies.matcher import AgencyMatcher
from pipeline.layout.lines import Paragraph
from pipeline.model import Role
from pipeline.structure.metadata import HeaderFacts
from pipeline.structure.plan import _issuer


def _built_in():  # noqa: ANN202 - the spaCy pipeline of the built-in gazetteer
    return nlp.pipeline_for(AgencyMatcher.shared())


GOLDEN = Path(__file__).resolve().parent / "golden"
MAX_MODEL_BYTES = 2 * 1024 * 1024


@pytest.fixture(scope="module")
def matcher() -> AgencyMatcher:
    return AgencyMatcher.load()


# --- bodies in prose ----------------------------------------------------------------------

BODIES = [
    (  # a task of the implementation section: the collective mentions are not bodies
        "Giao Phòng Nội vụ theo dõi, đôn đốc các Cụm thi đua, các cơ quan, tổ chức, đơn vị; "
        "các xã, thị trấn thực hiện kế hoạch, định kỳ báo cáo UBND huyện, Hội đồng TĐKT huyện./.",
        ["Phòng Nội vụ", "Ủy ban nhân dân huyện", "Hội đồng Thi đua - Khen thưởng huyện"],
    ),
    (
        "Sở Y tế chủ trì, phối hợp với Sở Tài chính và UBND các huyện, thành phố triển khai …",
        ["Sở Y tế", "Sở Tài chính", "Ủy ban nhân dân các huyện, thành phố"],
    ),
    ("gửi về UBND huyện (qua Phòng Nội vụ) trước ngày 25/01/2024",
     ["Ủy ban nhân dân huyện", "Phòng Nội vụ"]),
    ("Căn cứ Kế hoạch số 241/KH-UBND của UBND tỉnh Lạng Sơn về", ["Ủy ban nhân dân tỉnh Lạng Sơn"]),
    ("Giao Phòng GD&ĐT, Phòng Tài chính - Kế hoạch thực hiện",
     ["Phòng Giáo dục và Đào tạo", "Phòng Tài chính - Kế hoạch"]),
    # OCR damage: every mark lost, or some marks of a long name
    ("Giao Phong Noi vu theo doi, bao cao UBND huyen", ["Phòng Nội vụ", "Ủy ban nhân dân huyện"]),
    ("trình Hội đồng Thi dua - Khen thuong huyện xem xét", ["Hội đồng Thi đua - Khen thưởng huyện"]),
    ("Hoi dong nhan dan tinh", ["Hội đồng nhân dân tỉnh"]),
    # spacing, dashes and line breaks inside a name
    ("báo cáo HĐTĐKT huyện", ["Hội đồng Thi đua - Khen thưởng huyện"]),
    ("báo cáo Hội đồng Thi đua-Khen thưởng huyện", ["Hội đồng Thi đua - Khen thưởng huyện"]),
    ("báo cáo Hội đồng Thi đua – Khen thưởng huyện", ["Hội đồng Thi đua - Khen thưởng huyện"]),
    ("giao Phòng Nội\nvụ và  Sở Nội vụ", ["Phòng Nội vụ", "Sở Nội vụ"]),
    ("ỦY BAN NHÂN DÂN HUYỆN Chi Lăng", ["Ủy ban nhân dân huyện Chi Lăng"]),
    # the same body twice is named once
    ("UBND huyện chỉ đạo; Ủy ban nhân dân huyện kiểm tra; Uỷ ban nhân dân huyện", [
        "Ủy ban nhân dân huyện"]),
]

NOTHING = [
    "Tổ chức thực hiện tốt công tác thi đua, khen thưởng",
    "công an toàn",
    "Công an toàn dân",  # "Công an" alone names no body
    "Đoàn kiểm tra sẽ thanh tra huyện và các cơ quan, đơn vị liên quan",
    "khen thưởng cho các cơ quan, đơn vị; ngành Giáo dục và Đào tạo",
    "Số y tế cơ sở",  # folds like "Sở Y tế": a short name needs its marks, or none at all
    "Phòng Noi vu",  # marks lost on some words only: too uncertain for a short name
    "",
]


@pytest.mark.parametrize(("text", "names"), BODIES)
def test_bodies_in_prose(matcher: AgencyMatcher, text: str, names: list[str]) -> None:
    assert [r.name for r in matcher.find_in_text(text)] == names


@pytest.mark.parametrize("text", NOTHING)
def test_no_false_bodies(matcher: AgencyMatcher, text: str) -> None:
    assert matcher.find_in_text(text) == []
    assert nlp.find_bodies(text, _built_in()) == []


def test_lowercase_words_hide_no_body(matcher: AgencyMatcher) -> None:
    """ "thanh tra huyện" (a verb phrase) overlaps "Huyện ủy": it must not hide it."""
    assert [r.name for r in matcher.find_in_text("đoàn thanh tra Huyện ủy")] == ["Huyện ủy"]


def test_find_in_text_role_raw_and_place(matcher: AgencyMatcher) -> None:
    refs = matcher.find_in_text("Phòng Nội vụ, UBND huyện Bình Gia phối hợp", Role.PARTNER)
    assert [(r.name, r.raw, r.role, r.jurisdiction) for r in refs] == [
        ("Phòng Nội vụ", "Phòng Nội vụ", Role.PARTNER, ""),
        ("Ủy ban nhân dân huyện Bình Gia", "UBND huyện Bình Gia", Role.PARTNER, "huyện Bình Gia"),
    ]


def test_find_bodies_offsets_and_canonical_ids() -> None:
    text = "Giao Phòng Nội vụ, UBND huyện./."
    found = nlp.find_bodies(text, _built_in())
    assert [(text[f.start:f.end], f.label, f.value) for f in found] == [
        ("Phòng Nội vụ", "ORG", "Phòng Nội vụ"), ("UBND huyện", "ORG", "Ủy ban nhân dân huyện")]


ISSUERS = [
    ("Ủy ban nhân dân huyện Chi Lăng xây dựng kế hoạch công tác thi đua, khen thưởng năm 2024, "
     "như sau:", "Ủy ban nhân dân huyện Chi Lăng"),
    ("UBND huyện Văn Quan ban hành Kế hoạch cải cách hành chính năm 2025 như sau:",
     "Ủy ban nhân dân huyện Văn Quan"),
    ("Sở Nội vụ xây dựng Kế hoạch như sau:", "Sở Nội vụ"),
]


@pytest.mark.parametrize(("preamble", "issuer"), ISSUERS)
def test_issuer_named_in_the_preamble(matcher: AgencyMatcher, preamble: str, issuer: str) -> None:
    header = HeaderFacts(issuer_lines=[], number="", symbol="", place="", date=None, doc_type="",
                         title="")
    body = [Paragraph(lines=[], text="Căn cứ Kế hoạch số 12/KH-UBND của UBND tỉnh Lạng Sơn;"),
            Paragraph(lines=[], text=preamble)]
    assert _issuer(header, body, matcher) == issuer


# --- dates --------------------------------------------------------------------------------

DATES = [
    ("trước ngày 25/01/2024.", "ngày 25/01/2024", "2024-01-25"),
    ("Lạng Sơn, ngày 30 tháng 6 năm 2025", "ngày 30 tháng 6 năm 2025", "2025-06-30"),
    ("hoàn thành trong tháng 11/2025;", "tháng 11/2025", "2025-11"),
    ("từ tháng 6 năm 2025", "tháng 6 năm 2025", "2025-06"),
    ("chậm nhất ngày 30/6", "ngày 30/6", "--06-30"),
    ("ngay 05-02-2025 (OCR)", "ngay 05-02-2025", "2025-02-05"),
    ("hạn 15/12/2024", "15/12/2024", "2024-12-15"),
    ("ngày 31/02/2024", "ngày 31/02/2024", ""),  # no such day: found, but no ISO date
]


@pytest.mark.parametrize(("text", "written", "iso"), DATES)
def test_dates(text: str, written: str, iso: str) -> None:
    [found] = nlp.find_dates(text, _built_in())
    assert (text[found.start:found.end], found.label, found.value) == (written, "DATE", iso)


def test_dates_and_bodies_apart() -> None:
    text = "UBND huyện báo cáo trước ngày 25/01/2024 và tháng 11/2025."
    assert [f.label for f in nlp.entities(text, _built_in())] == ["ORG", "DATE", "DATE"]
    assert nlp.find_dates("Kế hoạch số 241/KH-UBND năm học 2023 - 2024", _built_in()) == []


# --- tokens -------------------------------------------------------------------------------


def test_tokens_are_syllables_with_joiners_kept_on_the_word() -> None:
    doc = _built_in().make_doc("UBND huyện, Hội đồng TĐKT huyện./. (25/01/2024)")
    assert [t.text for t in doc] == [
        "UBND", "huyện,", "Hội", "đồng", "TĐKT", "huyện", ".", "/", ".", "(", "25", "/", "01", "/",
        "2024", ")"]


PIECES = [*"aĐđêở ,-–&/.;\n\t(1", "  ", "Phòng", "Nội", "vụ", "ngày", "25/01/2024", "UBND"]


@settings(max_examples=200, deadline=None, database=None)
@given(st.lists(st.sampled_from(PIECES), max_size=20).map("".join))
def test_tokenizer_keeps_the_text(text: str) -> None:
    assert _built_in().make_doc(text).text == text
    for f in nlp.entities(text, _built_in()):
        assert 0 <= f.start < f.end <= len(text)


# --- the saved model ----------------------------------------------------------------------


def test_saved_model_is_small_and_up_to_date(matcher: AgencyMatcher) -> None:
    meta = load_meta(nlp.MODEL_DIR / "meta.json")
    assert meta[nlp.FINGERPRINT_KEY] == nlp.fingerprint(matcher), "run `make model`"
    size = sum(p.stat().st_size for p in nlp.MODEL_DIR.rglob("*") if p.is_file())
    assert size < MAX_MODEL_BYTES


def test_saved_model_equals_the_one_built_in_memory(matcher: AgencyMatcher) -> None:
    saved = spacy.load(nlp.MODEL_DIR)
    built = nlp.build(matcher)
    texts = [line for line in _golden_lines() if line.strip()] + [t for t, _ in BODIES]
    assert [nlp.entities(t, saved) for t in texts] == [nlp.entities(t, built) for t in texts]


def test_missing_model_is_built_in_memory(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(nlp, "MODEL_DIR", tmp_path / "absent")
    monkeypatch.setattr(nlp, "_BY_FINGERPRINT", {})
    monkeypatch.setattr(nlp, "_BY_MATCHER", WeakKeyDictionary())
    fresh = AgencyMatcher.load()
    assert [r.name for r in fresh.find_in_text("Giao Phong Noi vu")] == ["Phòng Nội vụ"]
    assert nlp.pipeline_for(fresh).meta[nlp.FINGERPRINT_KEY] == nlp.fingerprint(fresh)


def test_alias_names_are_found_in_prose(tmp_path: Path) -> None:
    aliases = tmp_path / "aliases.csv"
    aliases.write_text("variant,canonical,level,kind,generic\n"
                       "Tổ CCHC,Tổ công tác cải cách hành chính huyện,huyện,task_force,false\n",
                       encoding="utf-8")
    m = AgencyMatcher.load(aliases)
    assert [r.name for r in m.find_in_text("Giao Tổ CCHC và Phòng Nội vụ")] == [
        "Tổ công tác cải cách hành chính huyện", "Phòng Nội vụ"]
    assert nlp.pipeline_for(m) is not _built_in()


def test_pipeline_is_loaded_once(matcher: AgencyMatcher) -> None:
    assert nlp.pipeline_for(matcher) is nlp.pipeline_for(AgencyMatcher.load()) is _built_in()


def _golden_lines() -> list[str]:
    return [ln for p in sorted(GOLDEN.glob("*.txt")) for ln in p.read_text("utf-8").splitlines()]


# --- every name of the gazetteer, in a sentence ---------------------------------------------


def test_every_body_of_the_gazetteer_is_found_in_a_sentence(matcher: AgencyMatcher) -> None:
    """Each written form, as a sentence's subject, gives its body's canonical name."""
    entries = [e for e in read_gazetteer(GAZETTEER) if not e.generic and e.variant[:1].isupper()]
    missed = []
    for e in entries:
        text = f"Giao {e.variant} chủ trì, phối hợp với các cơ quan liên quan triển khai thực hiện./."
        if matcher.match(e.variant).canonical not in [r.name for r in matcher.find_in_text(text)]:
            missed.append(e.variant)
    assert missed == []
