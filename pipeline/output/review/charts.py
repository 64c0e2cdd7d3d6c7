"""Small inline SVG charts for the review index: no chart library, no script, no network.

Each chart is a self-contained `<svg role="img">` sized by its viewBox, so it scales with the
page and prints; its numbers are also given as a table by the template, for screen readers
and for copying.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

# Approximate width of one character of the 12 px UI font: SVG text does not wrap or clip,
# so labels are shortened in Python to the room they have.
_CHAR_PX = 7.2  # generous: a label cut short is better than one running off the chart
_ROW = 20  # px per bar of a horizontal chart
_FONT = 12


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: int
    kind: str = ""  # a CSS class for the bar's colour ("unknown", "generic", "low", ...)
    note: str = ""  # extra words for the tooltip


def _short(label: str, room_px: float) -> str:
    limit = max(4, int(room_px / _CHAR_PX))
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _svg_open(width: int, height: int, title: str, klass: str) -> str:
    # role=img with a <title>: a screen reader announces the chart by its title, and the
    # template's data table gives the numbers.
    return (
        f'<svg class="chart {klass}" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(title)}</title>"
    )


def hbar_chart(bars: Sequence[Bar], title: str, width: int = 560, label_px: int = 250) -> Markup:
    """Horizontal bars, one row per item, the label left and the count at the bar's end."""
    if not bars:
        return Markup('<p class="empty">Nothing to chart.</p>')
    top = max(b.value for b in bars) or 1
    room = width - label_px - 44  # the count is written right of the bar
    height = len(bars) * _ROW + 4
    parts = [_svg_open(width, height, title, "hbar")]
    for i, bar in enumerate(bars):
        y = i * _ROW + 2
        length = max(1.0, bar.value / top * room)
        tip = f"{bar.label}: {bar.value}" + (f" ({bar.note})" if bar.note else "")
        parts.append(
            f'<g class="row {escape(bar.kind)}"><title>{escape(tip)}</title>'
            f'<text class="label" x="{label_px - 8}" y="{y + 14}" text-anchor="end" font-size="{_FONT}">'
            f"{escape(_short(bar.label, label_px - 12))}</text>"
            f'<rect class="bar" x="{label_px}" y="{y + 3}" width="{length:.1f}" height="{_ROW - 6}" rx="2"/>'
            f'<text class="value" x="{label_px + length + 5:.1f}" y="{y + 14}" font-size="{_FONT}">'
            f"{bar.value}</text></g>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def histogram(bars: Sequence[Bar], title: str, width: int = 560, height: int = 170) -> Markup:
    """Vertical bars over ordered bins (labels under each bar), counts above the bars."""
    if not bars or not any(b.value for b in bars):
        return Markup('<p class="empty">Nothing to chart.</p>')
    top = max(b.value for b in bars)
    base, head = height - 22, 16  # room for the bin labels below and the counts above
    step = width / len(bars)
    parts = [_svg_open(width, height, title, "hist")]
    parts.append(f'<line class="axis" x1="0" y1="{base}" x2="{width}" y2="{base}"/>')
    for i, bar in enumerate(bars):
        h = bar.value / top * (base - head)
        x, w = i * step + 3, step - 6
        mid = x + w / 2
        tip = f"{bar.label}: {bar.value}" + (f" ({bar.note})" if bar.note else "")
        parts.append(
            f'<g class="col {escape(bar.kind)}"><title>{escape(tip)}</title>'
            f'<rect class="bar" x="{x:.1f}" y="{base - h:.1f}" width="{w:.1f}" height="{h:.1f}" rx="2"/>'
            f'<text class="value" x="{mid:.1f}" y="{base - h - 4:.1f}" text-anchor="middle" '
            f'font-size="{_FONT - 1}">{bar.value if bar.value else ""}</text>'
            f'<text class="label" x="{mid:.1f}" y="{height - 6}" text-anchor="middle" '
            f'font-size="{_FONT - 1}">{escape(bar.label)}</text></g>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
