"""Whole documents from recipes: a Kế hoạch (table, list, Phụ lục), a Công văn whose Phụ lục
lists the tasks, and the header and closing they share."""

from __future__ import annotations

import zlib
from dataclasses import replace

from synth.builders import (
    Recipe,
    body_name,
    closing,
    district_recipients,
    fill,
    header,
    pick_ideas,
    task_table,
)
from synth.spec import (
    Appendix,
    Block,
    Heading,
    ListTask,
    PageStyle,
    Paragraph,
    PlanSpec,
)
from synth.topics import Idea
from synth.vocab import CANON, spell


def num(r: Recipe, k: int = 0, lo: int = 20, hi: int = 320) -> int:
    """A stable made-up document number for the recipe (the k-th one it needs)."""
    return lo + zlib.crc32(f"{r.name}/{k}".encode()) % (hi - lo)


def province_date(r: Recipe) -> str:
    return f"{10 + num(r, 7, 0, 18)}/12/{r.year - 1}"


def bases(r: Recipe) -> list[Paragraph]:
    out = []
    for b in r.topic.bases:
        text = fill(b, r).replace("{n}", str(num(r, 1))).replace("{d}", province_date(r))
        out.append(Paragraph(f"Căn cứ {text};"))
    return out


def style(r: Recipe) -> PageStyle:
    return PageStyle(landscape=r.landscape, table_size=r.table_size)


def lead_body(r: Recipe, ideas: list[Idea]) -> str:
    """The body most tasks are given to, by its full name: it follows the plan up."""
    leads = [i.lead[0] for i in ideas if i.lead]
    return CANON[max(leads, key=leads.count)] if leads else body_name(r)


def _flat(content: str) -> str:
    """A multi-item cell text as one listed task's sentence."""
    return " ".join(ln.strip().removeprefix("- ") for ln in content.split("\n"))


def list_tasks(r: Recipe, ideas: list[Idea], forms: list[str], start: int = 1) -> list[ListTask]:
    out = []
    for i, idea in enumerate(ideas):
        lead = [spell(a, r.spelling) for a in idea.lead]
        partners = [spell(a, r.spelling) for a in idea.partners]
        out.append(ListTask(str(start + i), _flat(fill(idea.content, r)), lead, partners, idea.when,
                            forms[i % len(forms)], r.year))
    return out


def organisation(r: Recipe, ideas: list[Idea], number: str) -> list[Block]:
    """Section "TỔ CHỨC THỰC HIỆN": the plan's follow-up, each paragraph a task in prose."""
    y, unit = r.year, "xã" if r.level == "xã" else "huyện"
    others = ("Các ban, ngành, đoàn thể xã" if r.level == "xã"
              else "Các cơ quan, đơn vị, Ủy ban nhân dân các xã, thị trấn")
    return [
        Heading(f"{number}. TỔ CHỨC THỰC HIỆN"),
        Paragraph(f"**1.** {lead_body(r, ideas)} là cơ quan thường trực, chủ trì theo dõi, đôn đốc, "
                  f"hướng dẫn triển khai thực hiện Kế hoạch; tổng hợp, báo cáo Ủy ban nhân dân {unit} "
                  f"trước ngày {10 + num(r, 2, 0, 10)}/12/{y}."),
        Paragraph(f"**2.** {others} căn cứ nhiệm vụ được giao xây dựng kế hoạch chi tiết, tổ chức "
                  f"thực hiện hiệu quả; báo cáo kết quả thực hiện trước ngày {20 + num(r, 3, 0, 10)}"
                  f"/11/{y} để tổng hợp./."),
    ]


def plan_spec(r: Recipe, appendix: bool = False, extra_list: int = 0, compact: bool = False) -> PlanSpec:
    """A Kế hoạch: bases, purpose, the task table, optionally listed tasks and a Phụ lục table.
    A compact one (a commune's one-page plan) states its purpose in one paragraph."""
    ideas = pick_ideas(r)
    table_ideas = ideas[: len(ideas) - extra_list] if extra_list else ideas
    title = fill(r.topic.title, r)
    body: list[Block] = [
        *bases(r)[-1 if compact else 0:],
        Paragraph(f"{body_name(r)} ban hành Kế hoạch {title[0].lower() + title[1:]}, cụ thể như sau:"),
    ]
    if compact:
        body += [Heading("I. MỤC ĐÍCH, YÊU CẦU"), Paragraph(fill(r.topic.purpose, r))]
    else:
        body += [
            Heading("I. MỤC ĐÍCH, YÊU CẦU"),
            Heading("1. Mục đích"),
            Paragraph(fill(r.topic.purpose, r)),
            Heading("2. Yêu cầu"),
            Paragraph("Xác định rõ nội dung công việc, thời hạn hoàn thành và trách nhiệm của từng cơ "
                      "quan, đơn vị; bảo đảm triển khai nghiêm túc, đồng bộ, hiệu quả, đúng tiến độ."),
        ]
    body += [
        Heading(["II. NỘI DUNG, NHIỆM VỤ CỤ THỂ", "II. NHIỆM VỤ VÀ GIẢI PHÁP",
                 "II. NHIỆM VỤ TRỌNG TÂM"][num(r, 4, 0, 3)]),
        task_table(r, table_ideas),
    ]
    number = "III"
    if extra_list:
        body += [Heading("III. NHIỆM VỤ THƯỜNG XUYÊN"),
                 *list_tasks(r, ideas[len(table_ideas):], ["dash", "doer"])]
        number = "IV"
    body += organisation(r, ideas, number)[: 2 if compact else 3]
    symbol = "KH-UBND"
    appendices = []
    if appendix:
        more = [i for i in r.topic.ideas if i not in table_ideas][:6] or list(r.topic.ideas[:6])
        app_recipe = replace(r, layout="B", groups="none", sub_numbers=False)
        number_text = r.number or "     "
        appendices.append(Appendix(
            ["PHỤ LỤC", "DANH MỤC NHIỆM VỤ TRỌNG TÂM GIAO CÁC CƠ QUAN, ĐƠN VỊ"],
            f"(Kèm theo Kế hoạch số {number_text}/{symbol} ngày {r.day or '   '}/{r.month:02d}/"
            f"{r.issued_year or r.year} của {body_name(r)})",
            [task_table(app_recipe, more)]))
    recipients = district_recipients(r)
    page = style(r)
    if compact:  # a one-page plan set a point smaller, as clerks do to keep it on one sheet
        page = replace(page, body_size=12.0, table_size=11.0, para_space=3.0)
    return PlanSpec(r.name, header(r, symbol, [title]), body, closing(r, recipients), page,
                    appendices)


def dispatch_spec(r: Recipe, n_listed: int = 15) -> PlanSpec:
    """A Công văn asking the offices to carry out the tasks its Phụ lục lists."""
    ideas = list(r.topic.ideas)[:n_listed]
    y, dept = r.year, "VHTT"
    subject = f"V/v triển khai nhiệm vụ chuyển đổi số năm {y}"
    head = header(r, f"UBND-{dept}", [], kind="CÔNG VĂN", subject=subject,
                  salutation=["- Các cơ quan chuyên môn thuộc UBND huyện;", "- UBND các xã, thị trấn."])
    body: list[Block] = [
        Paragraph(f"Thực hiện Kế hoạch số {num(r, 1)}/KH-UBND ngày {province_date(r)} của Ủy ban nhân "
                  f"dân tỉnh {r.place.province} về chuyển đổi số tỉnh {r.place.province} năm {y}; để hoàn "
                  f"thành các chỉ tiêu chuyển đổi số năm {y}, Ủy ban nhân dân huyện đề nghị các cơ quan, "
                  "đơn vị, Ủy ban nhân dân các xã, thị trấn thực hiện một số nội dung sau:"),
        Paragraph("1. Quán triệt, triển khai đến toàn thể cán bộ, công chức, viên chức các nhiệm vụ "
                  "chuyển đổi số được giao tại Phụ lục kèm theo Công văn này."),
        Paragraph("2. Chủ động bố trí nguồn lực, lồng ghép nhiệm vụ chuyển đổi số với nhiệm vụ chuyên "
                  "môn của cơ quan, đơn vị, địa phương."),
        Paragraph(f"3. Báo cáo kết quả thực hiện về Ủy ban nhân dân huyện (qua Phòng Văn hóa và Thông "
                  f"tin) trước ngày 15/12/{y} để tổng hợp."),
        Paragraph("Ủy ban nhân dân huyện đề nghị các cơ quan, đơn vị, địa phương nghiêm túc triển khai "
                  "thực hiện./."),
    ]
    listed: list[Block] = []
    groups = sorted({i.group for i in ideas})
    n = 1
    for g in groups:
        mine = [i for i in ideas if i.group == g]
        listed.append(Heading(r.topic.groups[g]))
        listed += list_tasks(r, mine, ["ab"], start=n)
        n += len(mine)
    note = (f"(Kèm theo Công văn số {r.number or '     '}/UBND-{dept} ngày {r.day or '   '}/"
            f"{r.month:02d}/{y} của {body_name(r)})")
    app = Appendix(["PHỤ LỤC", f"NHIỆM VỤ CHUYỂN ĐỔI SỐ NĂM {y} CỦA CÁC CƠ QUAN, ĐƠN VỊ"], note, listed)
    recipients = ["- Như trên;", "- TT Huyện ủy;", "- CT, các PCT UBND huyện;", f"- Lưu: VT, {dept}."]
    return PlanSpec(r.name, head, body, closing(r, recipients), style(r), [app])
