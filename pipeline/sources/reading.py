"""Words in reading order: the one grouping of a page's words into lines that every stage uses."""

from __future__ import annotations

from pipeline.model import Word


def text_lines(words: list[Word]) -> list[list[Word]]:
    """Words grouped into lines by vertical overlap, each line left to right, lines top to bottom."""
    lines: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (w.box.cy, w.box.x0)):
        for line in reversed(lines[-3:]):
            ref = line[-1].box
            overlap = min(ref.bottom, w.box.bottom) - max(ref.top, w.box.top)
            if overlap > 0.5 * min(ref.height, w.box.height):
                line.append(w)
                break
        else:
            lines.append([w])
    for line in lines:
        line.sort(key=lambda w: w.box.x0)
    lines.sort(key=lambda ln: min(w.box.top for w in ln))
    return lines
