"""The OCR engine behind a small interface, so tests can replay recorded output or inject a crash."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from typing import Protocol

import cv2
import numpy as np
import pytesseract

from pipeline.errors import OcrError
from pipeline.model import Box, Word


class OcrEngine(Protocol):
    def read(
        self, image: np.ndarray, dpi: int, psm: int | None = None, keep_small: bool = False,
        charset: str | None = None,
    ) -> list[Word]:
        """Words of a grayscale page image, boxes in pixels (psm: Tesseract's segmentation mode;
        keep_small: do not reject small isolated words as noise; charset: the only characters
        the image may hold)."""
        ...

    def orientation(self, image: np.ndarray, dpi: int) -> int:
        """Degrees (0, 90, 180, 270) to rotate the image clockwise so that it stands upright."""
        ...


# Tesseract drops short isolated words as noise ("vị." alone on a cell's last line, a lone "7" in
# the number column); on cut-out cells nothing is noise, so that rejection is turned off.
KEEP_SMALL_VARIABLES = {"textord_noise_rejrows": "0", "textord_noise_rejwords": "0"}
_KEEP_SMALL = "".join(f" -c {name}={value}" for name, value in KEEP_SMALL_VARIABLES.items())


@dataclass(frozen=True)
class TesseractEngine:
    lang: str = "vie"
    psm: int = 3
    timeout: float = 120.0

    def read(
        self, image: np.ndarray, dpi: int, psm: int | None = None, keep_small: bool = False,
        charset: str | None = None,
    ) -> list[Word]:
        # pytesseract would encode a PIL image as PNG (+35-40 % of Tesseract's own time on a noisy
        # page); an uncompressed PGM handed over by path costs nothing. The real dpi is passed,
        # otherwise Tesseract guesses one and may find an "Empty page".
        # Tesseract's OpenMP threads cost more than they give on a loaded machine (2.0 s against
        # 1.3 s for one page here); parallelism comes from running pages side by side instead.
        os.environ.setdefault("OMP_THREAD_LIMIT", "1")
        with tempfile.TemporaryDirectory(prefix="plans-ocr-") as tmp:
            path = os.path.join(tmp, "page.pgm")
            cv2.imwrite(path, image)
            try:
                data = pytesseract.image_to_data(
                    path,
                    lang=self.lang,
                    config=f"--dpi {dpi} --psm {psm or self.psm}"
                    + (_KEEP_SMALL if keep_small else "")
                    + (f" -c tessedit_char_whitelist={charset}" if charset else ""),
                    output_type=pytesseract.Output.DICT,
                    timeout=self.timeout,
                )
            except RuntimeError as exc:  # pytesseract signals its timeout this way
                raise OcrError(f"OCR timed out after {self.timeout:g} s") from exc
            except pytesseract.TesseractError as exc:
                raise OcrError(f"Tesseract failed: {exc.message.strip()[:200]}") from exc
            except pytesseract.TesseractNotFoundError as exc:
                raise OcrError("tesseract is not installed (run `make setup`)") from exc
        return _words_from_data(data)

    def orientation(self, image: np.ndarray, dpi: int) -> int:
        with tempfile.TemporaryDirectory(prefix="plans-osd-") as tmp:
            path = os.path.join(tmp, "page.pgm")
            cv2.imwrite(path, image)
            try:
                osd = pytesseract.image_to_osd(
                    path,
                    config=f"--dpi {dpi} --psm 0",
                    output_type=pytesseract.Output.DICT,
                    timeout=self.timeout,
                )
            except (pytesseract.TesseractError, RuntimeError):
                return 0  # too little text to tell: leave the page as it is
        return int(osd.get("rotate", 0)) % 360


def _words_from_data(data: dict[str, list]) -> list[Word]:
    words: list[Word] = []
    for i, text in enumerate(data["text"]):
        text = (text or "").strip()
        conf = float(data["conf"][i])
        if not text or conf < 0:
            continue
        left, top = data["left"][i], data["top"][i]
        box = Box(left, top, left + data["width"][i], top + data["height"][i])
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        words.append(Word(text=text, box=box, conf=conf, line_key=key))
    return words


def words_from_tsv(tsv: str) -> list[Word]:
    """Words of Tesseract's TSV (as the C API gives it: no header line)."""
    columns: dict[str, list] = {name: [] for name in _TSV_COLUMNS}
    for row in tsv.splitlines():
        cells = row.split("\t")
        if len(cells) != len(_TSV_COLUMNS) or cells[0] == "level":
            continue
        for name, cell in zip(_TSV_COLUMNS, cells, strict=True):
            # Whole numbers, as the command line writes them: thresholds must not depend on the engine.
            columns[name].append(cell if name == "text" else int(float(cell)))
    return _words_from_data(columns)


_TSV_COLUMNS = (
    "level", "page_num", "block_num", "par_num", "line_num", "word_num",
    "left", "top", "width", "height", "conf", "text",
)


def tesseract_available(lang: str = "vie") -> str | None:
    """None when Tesseract with `lang` can run, else the reason it cannot."""
    exe = shutil.which("tesseract")
    if exe is None:
        return "tesseract is not installed (run `make setup`)"
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError) as exc:
        return f"tesseract cannot run: {exc}"
    langs = set(out.stdout.split())
    missing = [part for part in lang.split("+") if part not in langs]
    if missing:
        return f"Tesseract language data missing: {', '.join(missing)} (run `make setup`)"
    return None
