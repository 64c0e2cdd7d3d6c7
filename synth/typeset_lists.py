"""Tasks printed as numbered lists rather than table rows: a Phụ lục of tasks, each followed by
its agencies and time on lines of their own, and a Chỉ thị's duties under each body's name.

Every printed line of one task is a paragraph of the same block, so the layout reports the
pages the whole task lies on.
"""

from __future__ import annotations

from synth.spec import Duties, ListTask, Paragraph
from synth.typeset import Flow

# form -> (lead label, partner label, doer label, time label)
LABELS = {
    "ab": ("a) Đơn vị chủ trì", "b) Đơn vị phối hợp", "", "Thời gian hoàn thành"),
    "dash": ("- Cơ quan chủ trì", "- Cơ quan phối hợp", "", "- Thời gian thực hiện"),
    "doer": ("", "", "Đơn vị thực hiện", "Thời gian thực hiện"),
}
LETTERS = "abcdefghik"  # Vietnamese lists skip j


def agency_list(names: list[str]) -> str:
    return ", ".join(names)


def list_task_lines(item: ListTask, year: int) -> list[str]:
    """The printed lines of a listed task, in order."""
    lead, partner, doer, time = LABELS[item.form]
    lines = [f"{item.number}. {item.content}"]
    if item.form == "doer":
        lines.append(f"{doer}: {agency_list(item.lead + item.partners)}.")
    else:
        if item.lead:
            lines.append(f"{lead}: {agency_list(item.lead)};")
        if item.partners:
            lines.append(f"{partner}: {agency_list(item.partners)};")
    if item.when is not None:
        lines.append(f"{time}: {item.when.text(year)}.")
    return lines


def draw_list_task(f: Flow, item: ListTask, key: int) -> None:
    for line in list_task_lines(item, item.year):
        f.text(Paragraph(line), key)


def duty_marker(d: Duties, i: int) -> str:
    return f"{LETTERS[i]})" if d.marker == "letter" else "-"


def duty_heading(d: Duties) -> str:
    return f"**{d.number}. {agency_list(d.agencies)}:**"


def duty_line(d: Duties, i: int) -> str:
    """One duty a line, ";" between and "." after the last."""
    end = "." if i == len(d.duties) - 1 else ";"
    return f"{duty_marker(d, i)} {d.duties[i]}{end}"


def draw_duties(f: Flow, d: Duties, key: int) -> None:
    f.text(Paragraph(duty_heading(d)), key, keep_lines=2)
    for i in range(len(d.duties)):
        f.text(Paragraph(duty_line(d, i)), (key, i))  # each duty's pages, for its own task
