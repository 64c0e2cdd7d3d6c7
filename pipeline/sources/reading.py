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
            if overlap > 0.5 * min(ref.height, w.box.height) and not any(_told_apart(x, w) for x in line):
                line.append(w)
                break
        else:
            lines.append([w])
    for line in lines:
        line.sort(key=lambda w: w.box.x0)
    lines.sort(key=lambda ln: min(w.box.top for w in ln))
    return lines


def _told_apart(a: Word, b: Word) -> bool:
    """A tall word (a descender with a tone mark, a box grown by a speck) that OCR put on the
    next line of the paragraph: its box overlaps both lines, and through it the next line would
    be read word by word into this one. Words of like height keep the overlap rule whatever OCR
    numbered them (the two lines of a table's header cell are read as one by the table's
    labels)."""
    ka, kb = a.line_key, b.line_key
    if ka is None or kb is None or len(ka) != len(kb) or ka[:-1] != kb[:-1] or ka == kb:
        return False
    low, high = sorted((a.box.height, b.box.height))
    return high > TALL * low and abs(a.box.cy - b.box.cy) > LEVEL * low


TALL = 1.6  # times the other word's height: a word that reaches into the next line
LEVEL = 0.25  # of a word's height: centres closer than this are on one line
