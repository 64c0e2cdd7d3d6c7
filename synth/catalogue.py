"""The evaluation corpus: which documents, made from which recipe, stored in which variants.

Each entry is one typeset document; its variants are the files the archive holds of it (the
digital PDF, scans, page images, legacy text layers, the Word file), all sharing the entry's
truth. `need` says what the typeset layout must show (rows cut by a page break, a merged block
crossing one, a single page) - the corpus tries a few margins until it does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from synth.builders import Recipe
from synth.directives import directive_spec, notice_spec
from synth.documents import dispatch_spec, plan_spec
from synth.scanner import Variant
from synth.spec import PlanSpec
from synth.topics import CCHC, CDS, NTM, PCTT
from synth.topics_social import ATGT, GDDT, XA_PCTT, YTE
from synth.vocab import PLACES

BG, TDINH, HA, TK, VX, HL, NC, DC, TN, CD = PLACES

DIGITAL = Variant("digital")
WORD = Variant("word")  # the plan as the office typed it in Word (.docx)
WORD_SUFFIX = "-word"
SCAN = Variant("scan", dpi=200, skew=1.2, quality=55)


@dataclass(frozen=True)
class Entry:
    name: str
    make: Callable[[], PlanSpec]
    variants: list[tuple[str, Variant]]  # (file name suffix, variant)
    need: tuple[str, ...] = ("splits",)  # splits | merged_cross | list_cross | one_page
    small: tuple[str, ...] = ()  # the suffixes of the variants in the --small slice
    seed: int = 0


def _plan(r: Recipe, **kw: object) -> Callable[[], PlanSpec]:
    return lambda: plan_spec(r, **kw)  # type: ignore[arg-type]


def entries() -> list[Entry]:
    e: list[Entry] = []
    r = Recipe("kh-cds-binh-gia-2025", CDS, BG, 2025, layout="A", groups="quarter", n_tasks=14,
               number="", month=2)
    e.append(Entry(r.name, _plan(r), [("", DIGITAL), ("-scan", SCAN)], small=("", "-scan"), seed=1))
    r = Recipe("kh-cchc-hoa-an-2025", CCHC, HA, 2025, layout="B", groups="roman", sub_numbers=True,
               n_tasks=14, number="18", day=9, month=1, deputy=True, spelling=1)
    e.append(Entry(r.name, _plan(r), [("", DIGITAL), ("-scan150", Variant(
        "scan", dpi=150, skew=-2.0, quality=55, light=0.15))], seed=2))
    r = Recipe("kh-pctt-hai-lang-2024", PCTT, HL, 2024, layout="C", groups="month", n_tasks=13,
               landscape=True, number="52", day=4, month=3, signer=3)
    e.append(Entry(r.name, _plan(r), [("", DIGITAL), ("-scan-rot90", Variant(
        "scan", dpi=200, skew=0.8, rotate=90, quality=55))], seed=3))
    r = Recipe("kh-ntm-nong-cong-2025", NTM, NC, 2025, layout="D", groups="half", n_tasks=12,
               number="", month=1, signer=4, deputy=True)
    e.append(Entry(r.name, _plan(r), [("", DIGITAL), ("-scan-skew3", Variant(
        "scan", dpi=200, skew=3.0, quality=45, light=0.25))], seed=4))
    r = Recipe("kh-atgt-dien-chau-2025", ATGT, DC, 2025, layout="E", groups="letter", n_tasks=11,
               number="27", day=21, month=2, signer=5)
    e.append(Entry(r.name, _plan(r), [("-unicode", DIGITAL), ("-tcvn3", Variant("tcvn3")),
                                      ("-vni", Variant("vni"))],
                   small=("-unicode", "-tcvn3"), seed=5))
    r = Recipe("kh-yte-vi-xuyen-2025", YTE, VX, 2025, layout="A", groups="none", n_tasks=10,
               ruling="no_inner_vertical", number="", month=1, signer=6, agency_style="semicolon")
    e.append(Entry(r.name, _plan(r), [("-no-vlines", DIGITAL)], seed=6))
    r = Recipe("kh-gddt-cho-don-2023", GDDT, CD, 2023, layout="E", groups="quarter", n_tasks=11,
               ruling="no_row_lines", number="105", day=16, month=2, signer=7, spelling=1)
    e.append(Entry(r.name, _plan(r), [("-no-hlines", DIGITAL), ("-no-hlines-scan", SCAN)], seed=7))
    r = Recipe("kh-cchc-trung-khanh-2025", CCHC, TK, 2025, layout="A", groups="quarter", n_tasks=14,
               repeat_header=False, first_task=3, number="", month=1, signer=8)
    e.append(Entry(r.name, _plan(r), [("-noheader", DIGITAL), ("-noheader-scan", SCAN)], seed=8))
    r = Recipe("kh-pctt-trang-dinh-2025", PCTT, TDINH, 2025, layout="A", groups="none", n_tasks=13,
               merged=True, number="", month=2, signer=9, deputy=True)
    e.append(Entry(r.name, _plan(r), [("-merged", DIGITAL), ("-merged-scan", SCAN)],
                   need=("splits", "merged_cross"), seed=9))
    r = Recipe("cv-cds-binh-gia-2025", CDS, BG, 2025, number="215", day=12, month=3, signer=10,
               deputy=True)
    e.append(Entry(r.name, lambda r=r: dispatch_spec(r), [("", DIGITAL), ("-scan", Variant(
        "scan", dpi=200, skew=-0.7, quality=55))], need=("list_cross",), small=("",), seed=10))
    r = Recipe("kh-ntm-tam-nong-2025", NTM, TN, 2025, layout="A", groups="quarter", n_tasks=12,
               number="", month=1, signer=11)
    e.append(Entry(r.name + "-list", _plan(r, extra_list=4), [("", DIGITAL)], seed=11))
    r = Recipe("ct-pctt-cao-bang-2024", PCTT, HA, 2024, level="tỉnh", number="03", day=15,
               month=3, signer=12)
    e.append(Entry(r.name, lambda r=r: directive_spec(r), [("", DIGITAL), ("-scan-rot180", Variant(
        "scan", dpi=200, skew=0.5, rotate=180, quality=55))], need=(), seed=12))
    r = Recipe("tb-giao-ban-vi-xuyen-2025", CCHC, VX, 2025, number="41", day=2, month=4, signer=13)
    e.append(Entry(r.name, lambda r=r: notice_spec(r), [("-scan", SCAN)], need=(), seed=13))
    r = Recipe("kh-atgt-hoa-an-2026", ATGT, HA, 2026, layout="A", groups="quarter", n_tasks=8,
               number="310", day=26, month=12, issued_year=2025, signer=0)
    e.append(Entry(r.name + "-phu-luc", _plan(r, appendix=True), [("", DIGITAL)], seed=14))
    r = Recipe("kh-yte-tam-nong-2025", YTE, TN, 2025, layout="E", groups="quarter", n_tasks=10,
               number="", month=3, signer=1)
    e.append(Entry(r.name + "-seal", _plan(r), [("", Variant(
        "scan", dpi=200, skew=0.6, quality=55, color=True, seal=True, hand="87/12"))], seed=15))
    r = Recipe("kh-gddt-vi-xuyen-2025", GDDT, VX, 2025, layout="B", groups="roman", n_tasks=11,
               number="64", day=7, month=3, signer=2)
    e.append(Entry(r.name + "-notes", _plan(r), [("", Variant(
        "scan", dpi=200, skew=-1.0, quality=55, watermark="BẢN SAO", notes=True))], seed=16))
    r = Recipe("kh-ntm-cho-don-2025", NTM, CD, 2025, layout="E", groups="none", n_tasks=10,
               number="", month=2, signer=3)
    e.append(Entry(r.name + "-curl", _plan(r), [("", Variant(
        "scan", dpi=200, skew=0.4, quality=55, curl=5.0))], seed=17))
    r = Recipe("kh-cds-trang-dinh-2025", CDS, TDINH, 2025, layout="E", groups="quarter", n_tasks=10,
               first_task=5, number="", month=1, signer=4)
    e.append(Entry(r.name + "-wrong-ocr", _plan(r), [("", Variant(
        "wrong-ocr-layer", dpi=200, skew=0.3, quality=55))], seed=18))
    r = Recipe("kh-xa-pctt-hai-ba-2025", XA_PCTT, HL, 2025, level="xã", layout="E", groups="none",
               n_tasks=4, number="12", day=5, month=3, signer=5, table_size=11.0)
    e.append(Entry(r.name + "-photo70", _plan(r, compact=True), [("", Variant(
        "image", dpi=70, quality=80, fmt="png", canvas=(600, 1000), noise=2.0))],
        need=("one_page",), seed=19))
    r = Recipe("kh-xa-pctt-dao-duc-2025", XA_PCTT, VX, 2025, level="xã", layout="A", groups="none",
               n_tasks=4, first_task=4, number="08", day=18, month=2, signer=6, superior_line=True,
               table_size=11.0)
    e.append(Entry(r.name, _plan(r, compact=True), [("", Variant(
        "image", dpi=150, skew=1.0, quality=35, fmt="jpg"))], need=("one_page",), small=("",),
        seed=20))
    r = Recipe("kh-xa-pctt-tan-van-2025", XA_PCTT, BG, 2025, level="xã", layout="B", groups="half",
               n_tasks=9, number="", month=1, signer=7, superior_line=True)
    e.append(Entry(r.name, _plan(r), [("", DIGITAL)], seed=21))
    # Every plan also as its Word file; appended last, so the other variants keep their seeds.
    return [replace(x, variants=[*x.variants, (WORD_SUFFIX, WORD)]) for x in e]
