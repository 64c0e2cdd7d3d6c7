"""Words in reading order: the one grouping of a page's words into lines that every stage uses."""

from __future__ import annotations

import statistics

from pipeline.model import Word

# A line's level where it has reached is taken from its last few words, not its last one alone: a
# speck or a word grown by a descender and a tone mark reaches into the next line, and through it
# that line would be read, word by word, into this one.
TRAIL = 3
SPECK = 0.5  # of the page's median word height: below, a mark or a speck, never a line's level
OVERLAP = 0.5  # of the smaller height: a word shares this much of a line's band to be on it


def text_lines(words: list[Word]) -> list[list[Word]]:
    """Words grouped into lines, each line left to right, lines top to bottom.

    Lines are followed from left to right, each word joining the line whose band where it has
    reached (its last words) the word overlaps most: a line that tilts or curls is followed as
    it goes, and the two lines of a tilted paragraph do not interleave."""
    if not words:
        return []
    speck = SPECK * statistics.median(w.box.height for w in words)
    lines: list[list[Word]] = []
    levels: list[list[Word]] = []  # per line, its last words of a line's height
    for w in sorted(words, key=lambda w: (w.box.x0, w.box.cy)):
        best, best_share = None, OVERLAP
        for i, trail in enumerate(levels):
            share = _share(w, trail or lines[i][-1:])
            if share > best_share:
                best, best_share = i, share
        if best is None:
            lines.append([w])
            levels.append([w] if w.box.height >= speck else [])
        else:
            lines[best].append(w)
            if w.box.height >= speck:
                levels[best] = (levels[best] + [w])[-TRAIL:]
    lines.sort(key=lambda ln: min(w.box.top for w in ln))
    return lines


def _share(word: Word, trail: list[Word]) -> float:
    """How much of the smaller of the two heights the word and the line's band (the median top
    and bottom of its last words) share."""
    top = statistics.median(w.box.top for w in trail)
    bottom = statistics.median(w.box.bottom for w in trail)
    overlap = min(bottom, word.box.bottom) - max(top, word.box.top)
    return overlap / max(1e-6, min(bottom - top, word.box.height))


def region_lines(words: list[Word]) -> list[list[Word]]:
    """Words of a small region (a table's cell or header band) grouped into lines by vertical
    overlap with the line's last word: there lines neither tilt nor curl, and the words of cells
    side by side at one level, read together, make the header's labels."""
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
