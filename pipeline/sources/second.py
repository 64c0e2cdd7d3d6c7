"""A second recogniser for the lines Tesseract doubts: asterocr's line model (the `ocr2` extra).

Tesseract's `vie` model drops the hook or the acute over a circumflex (tổ→tô, số→sô, thẩm→thâm);
asterocr's errors are others (it adds tones, drops a line-final period). Each doubted line is read
by both, and a word takes the second reading's tone marks only on evidence: it is a Vietnamese
syllable where the first is not, or the page's confidently read words attest it and not the first,
or the first was read in doubt and the second is sure. Letters and punctuation stay Tesseract's.
Installed with `pip install 'plans[ocr2]'`; used with PLANS_OCR2=1 (off by default for now: on
two long real scans a worker still went over 2 GB with it).
"""

from __future__ import annotations

import os
import threading
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import Protocol

import cv2
import numpy as np

from pipeline.model import Box, Word
from pipeline.vietnamese.syllables import is_syllable

WORD_DOUBT = 93.0  # a word Tesseract read below this is read again, and may take its marks
SURE = 0.90  # the second reading's lowest character probability in a word, to overrule a doubt
MAX_ASPECT = 12.0  # width over height of a word's box; the model fails past about 32
ATTESTED = 90.0  # Tesseract confidence for a word to count in the page's vocabulary
_PUNCTUATION = ".,;:!?()[]\"'“”‘’…-–—"


class LineRecogniser(Protocol):
    def read_lines(self, crops: list[np.ndarray]) -> list[list[tuple[str, float]]]:
        """Words of each grayscale crop of one line (or word) of text, each word with the
        lowest probability of its characters."""
        ...


@dataclass
class AsterRecogniser:
    """asterocr's ONNX line model, run in this process on one thread (pages run side by side)."""

    path: str

    def __post_init__(self) -> None:
        import onnxruntime as ort
        from asterocr.vocab import default_vocab

        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        # Every batch has its own width: onnxruntime's arena and memory patterns, kept per shape,
        # grew a worker past 2 GB on a long scan. Without them memory stays flat.
        options.enable_cpu_mem_arena = False
        options.enable_mem_pattern = False
        self.session = ort.InferenceSession(self.path, options, providers=["CPUExecutionProvider"])
        self.input = self.session.get_inputs()[0].name
        self.chars = default_vocab.idx2char
        self.blank = default_vocab.blank_idx
        self.lock = threading.Lock()

    def read_lines(self, crops: list[np.ndarray]) -> list[list[tuple[str, float]]]:
        smalls = [_to_height(c) for c in crops]
        out: list[list[tuple[str, float]]] = [[] for _ in crops]
        # Crops of like widths in one run each, padded with paper: far cheaper than one run a crop.
        order = sorted(range(len(crops)), key=lambda i: smalls[i].shape[1])
        for batch in _batches(order, [s.shape[1] for s in smalls]):
            width = max(smalls[i].shape[1] for i in batch)
            x = np.full((len(batch), 3, 32, width), 1.0, dtype=np.float32)
            for row, i in enumerate(batch):
                # As the model was trained: RGB, scaled to [-1, 1].
                x[row, :, :, : smalls[i].shape[1]] = smalls[i][None] / 127.5 - 1.0
            with self.lock:
                log_probs = self.session.run(None, {self.input: x})[0]
            for row, i in enumerate(batch):
                out[i] = _decode(log_probs[:, row, :], self.chars, self.blank)
        return out


_BATCH_PIXELS = 32 * 32 * 400  # of the model's input at once: its memory grows with it


def _batches(order: list[int], widths: list[int]) -> list[list[int]]:
    """Runs of crops (in order of width) whose padded input stays within _BATCH_PIXELS."""
    batches: list[list[int]] = []
    for i in order:
        if batches and (len(batches[-1]) + 1) * widths[i] * 32 <= _BATCH_PIXELS:
            batches[-1].append(i)
        else:
            batches.append([i])
    return batches


def _to_height(crop: np.ndarray, height: int = 32) -> np.ndarray:
    h, w = crop.shape[:2]
    width = max(32, (int(w * height / max(1, h)) + 3) // 4 * 4)
    return cv2.resize(crop, (width, height), interpolation=cv2.INTER_LINEAR).astype(np.float32)


def _decode(log_probs: np.ndarray, chars: dict[int, str], blank: int) -> list[tuple[str, float]]:
    """Greedy CTC: the words and, for each, the lowest probability of its characters (a
    character's probability: the best of the frames it was read on)."""
    best = log_probs.argmax(axis=1).tolist()
    prob = np.exp(log_probs.max(axis=1)).tolist()
    read: list[tuple[str, float]] = []  # characters with their probability
    for t, index in enumerate(best):
        if index == blank:
            continue
        if t and best[t - 1] == index:
            read[-1] = (read[-1][0], max(read[-1][1], prob[t]))
        else:
            read.append((chars.get(index, ""), prob[t]))
    words: list[tuple[str, float]] = []
    text, low = "", 1.0
    for c, p in [*read, (" ", 1.0)]:
        if c == " ":
            if text:
                words.append((unicodedata.normalize("NFC", text), low))
            text, low = "", 1.0
        else:
            text, low = text + c, min(low, p)
    return words


@cache
def second_recogniser() -> LineRecogniser | None:
    """asterocr's model when the `ocr2` extra is installed and PLANS_OCR2=1, else None."""
    if os.environ.get("PLANS_OCR2", "0") != "1":
        return None
    try:
        from importlib.resources import files

        path = files("asterocr") / "assets" / "asternet.onnx"
        if not path.is_file():
            return None
        return AsterRecogniser(str(path))
    except Exception:  # noqa: BLE001 - not installed, or its runtime cannot load here: Tesseract alone
        return None


def reread_doubted_words(words: list[Word], image: np.ndarray, recogniser: LineRecogniser) -> list[Word]:
    """`words` (boxes in pixels of `image`) with the tone marks of the words Tesseract doubts
    chosen between its reading and the second recogniser's (each word read alone, all in a few
    batched runs)."""
    doubted = [i for i, w in enumerate(words) if _doubted(w)]
    if not doubted:
        return words
    vocabulary = Counter(_core(w.text).lower() for w in words if w.conf >= ATTESTED)
    readings = recogniser.read_lines([_crop(image, words[i].box) for i in doubted])
    out = list(words)
    for i, second in zip(doubted, readings, strict=True):
        if len(second) != 1:
            continue  # read as several words or none: not the same word
        w = words[i]
        chosen = choose(w, second[0][0], second[0][1], vocabulary)
        if chosen != w.text:
            out[i] = Word(chosen, w.box, w.conf, w.line_key, w.size, reread=True)
    return out


def _doubted(w: Word) -> bool:
    core = _core(w.text)
    if w.box.width > MAX_ASPECT * w.box.height:
        return False  # no single word (a rule's remnant, a row of dots): the model fails on it
    return any(c.isalpha() for c in core) and (w.conf < WORD_DOUBT or not is_syllable(core.lower()))


def _crop(image: np.ndarray, b: Box) -> np.ndarray:
    pad_y, pad_x = 0.15 * b.height, 0.3 * b.height
    h, w = image.shape[:2]
    top, bottom = max(0, int(b.top - pad_y)), min(h, int(b.bottom + pad_y))
    left, right = max(0, int(b.x0 - pad_x)), min(w, int(b.x1 + pad_x))
    return image[top:bottom, left:right]


def choose(first: Word, second: str, sure: float, vocabulary: Counter[str]) -> str:
    """The word as Tesseract read it, or with the second reading's marks, on evidence."""
    core, other = _core(first.text), _core(second)
    if not core or core.lower() == other.lower() or _bare(core) != _bare(other) or len(core) != len(other):
        return first.text
    if not is_syllable(other.lower()):
        return first.text
    seen_first, seen_other = vocabulary[core.lower()], vocabulary[other.lower()]
    take = (
        not is_syllable(core.lower())
        or (seen_other and not seen_first)
        or (first.conf < WORD_DOUBT and sure >= SURE and not (seen_first and not seen_other))
    )
    if not take:
        return first.text
    # The second reading's marks on Tesseract's letters: case and punctuation stay the first's.
    marked = "".join(o.upper() if c.isupper() else o.lower() for c, o in zip(core, other, strict=True))
    start = first.text.index(core)
    return first.text[:start] + marked + first.text[start + len(core) :]


def _core(text: str) -> str:
    return text.strip(_PUNCTUATION)


def _bare(text: str) -> str:
    """Letters without tone marks or hats, lower case: what the two readings must share."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
