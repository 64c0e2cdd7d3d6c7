"""Tesseract inside the worker process, through its C API (libtesseract, installed with the
`tesseract-ocr` package).

The command line costs about 0.13 s per call here before it reads a pixel: a new process that
loads the `vie` model again. A page is one call, but the second look at lost cells and lines is
one or two more, so a page paid that price up to three times. Here the model is loaded once per
worker process and each call hands over the pixels in memory: no process, no image file, no TSV
file. The words are the same as the command line's (a test compares them).
"""

from __future__ import annotations

import atexit
import ctypes
import ctypes.util
import os
import threading
import time
from dataclasses import dataclass, field

import numpy as np

from pipeline.errors import OcrError
from pipeline.model import Word
from pipeline.sources.ocr import KEEP_SMALL_VARIABLES, OcrEngine, TesseractEngine, words_from_tsv

_LIBRARY_NAMES = ("libtesseract.so.5", "libtesseract.so", "libtesseract.5.dylib")


def _load_library() -> ctypes.CDLL:
    # OpenMP reads its thread limit when the library is loaded, not when a page is read.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    names = list(_LIBRARY_NAMES)
    found = ctypes.util.find_library("tesseract")
    if found:
        names.insert(0, found)
    errors = []
    for name in names:
        try:
            lib = ctypes.CDLL(name)
            break
        except OSError as exc:
            errors.append(str(exc))
    else:
        raise OcrError("libtesseract cannot be loaded: " + "; ".join(errors[:2]))
    p, i, s = ctypes.c_void_p, ctypes.c_int, ctypes.c_char_p
    signatures = {
        "TessVersion": (s, []),
        "TessBaseAPICreate": (p, []),
        "TessBaseAPIDelete": (None, [p]),
        "TessBaseAPIInit3": (i, [p, s, s]),
        "TessBaseAPISetPageSegMode": (None, [p, i]),
        "TessBaseAPISetVariable": (i, [p, s, s]),
        "TessBaseAPISetImage": (None, [p, p, i, i, i, i]),
        "TessBaseAPISetSourceResolution": (None, [p, i]),
        "TessBaseAPIRecognize": (i, [p, p]),
        "TessBaseAPIGetTsvText": (ctypes.POINTER(ctypes.c_char), [p, i]),
        "TessBaseAPIClear": (None, [p]),
        "TessBaseAPIEnd": (None, [p]),
        "TessDeleteText": (None, [ctypes.POINTER(ctypes.c_char)]),
        "TessMonitorCreate": (p, []),
        "TessMonitorDelete": (None, [p]),
        "TessMonitorSetDeadlineMSecs": (None, [p, i]),
    }
    for name, (restype, argtypes) in signatures.items():
        fn = getattr(lib, name)
        fn.restype, fn.argtypes = restype, argtypes
    return lib


class _Api:
    """One initialised TessBaseAPI: the model stays loaded between calls."""

    def __init__(self, lang: str) -> None:
        self.lib = _load_library()
        self.handle = self.lib.TessBaseAPICreate()
        # The same tessdata the command line uses (TESSDATA_PREFIX or the built-in path).
        if self.lib.TessBaseAPIInit3(self.handle, None, lang.encode()) != 0:
            self.lib.TessBaseAPIDelete(self.handle)
            raise OcrError(f"Tesseract cannot load the language data {lang!r} (run `make setup`)")
        # Its progress notes ("Detected 291 diacritics") would land in the batch's terminal.
        self.set("debug_file", os.devnull)
        self.lock = threading.Lock()
        atexit.register(self.close)

    def close(self) -> None:
        """Free the model (otherwise Tesseract reports its dictionaries as leaked at exit)."""
        if self.handle:
            self.lib.TessBaseAPIEnd(self.handle)
            self.lib.TessBaseAPIDelete(self.handle)
            self.handle = None

    def set(self, name: str, value: str) -> None:
        if not self.lib.TessBaseAPISetVariable(self.handle, name.encode(), value.encode()):
            raise OcrError(f"Tesseract does not know the variable {name}")

    def read_tsv(
        self, image: np.ndarray, dpi: int, psm: int, variables: dict[str, str], timeout: float
    ) -> str:
        image = np.ascontiguousarray(image, dtype=np.uint8)
        height, width = image.shape[:2]
        with self.lock:
            for name, value in variables.items():
                self.set(name, value)
            monitor = self.lib.TessMonitorCreate()
            try:
                self.lib.TessBaseAPISetPageSegMode(self.handle, psm)
                self.lib.TessBaseAPISetImage(self.handle, image.ctypes.data, width, height, 1, width)
                self.lib.TessBaseAPISetSourceResolution(self.handle, dpi)
                self.lib.TessMonitorSetDeadlineMSecs(monitor, int(min(timeout * 1000, 2**31 - 1)))
                started = time.monotonic()
                if self.lib.TessBaseAPIRecognize(self.handle, monitor) != 0:
                    if time.monotonic() - started >= timeout:
                        raise OcrError(f"OCR timed out after {timeout:g} s")
                    raise OcrError("Tesseract could not read the page")
                raw = self.lib.TessBaseAPIGetTsvText(self.handle, 1)
                if not raw:
                    return ""
                try:
                    return ctypes.string_at(raw).decode("utf-8", "replace")
                finally:
                    self.lib.TessDeleteText(raw)
            finally:
                self.lib.TessMonitorDelete(monitor)
                self.lib.TessBaseAPIClear(self.handle)
                # Variables persist in the API: what one call asked for must not leak into the next.
                for name in variables:
                    self.set(name, _DEFAULTS[name])


_DEFAULTS = {
    "textord_noise_rejrows": "1",
    "textord_noise_rejwords": "1",
    "tessedit_char_whitelist": "",
}

_APIS: dict[tuple[int, int, str], _Api] = {}
_APIS_LOCK = threading.Lock()


def _api(lang: str) -> _Api:
    """The API of this process and thread for `lang`. A TessBaseAPI reads one page at a time, so
    threads (a Dask worker runs several) each get their own rather than queue for one; a worker
    forked from a parent must not share its parent's handle."""
    key = (os.getpid(), threading.get_ident(), lang)
    with _APIS_LOCK:
        if key not in _APIS:
            _APIS[key] = _Api(lang)
        return _APIS[key]


def default_engine(lang: str, timeout: float, via: str = "library") -> OcrEngine:
    """Tesseract in this process when the library loads (via="library"), else the command line."""
    if via == "library" and library_available(lang) is None:
        return InProcessTesseract(lang=lang, timeout=timeout)
    return TesseractEngine(lang=lang, timeout=timeout)


@dataclass(frozen=True)
class InProcessTesseract:
    """Reads pages with libtesseract in this process; orientation (rarely asked) goes through the
    command line, which loads the `osd` data only when it is needed."""

    lang: str = "vie"
    psm: int = 3
    timeout: float = 120.0
    _cli: TesseractEngine = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_cli", TesseractEngine(self.lang, self.psm, self.timeout))

    def read(
        self, image: np.ndarray, dpi: int, psm: int | None = None, keep_small: bool = False,
        charset: str | None = None,
    ) -> list[Word]:
        variables = dict(KEEP_SMALL_VARIABLES) if keep_small else {}
        if charset:
            variables["tessedit_char_whitelist"] = charset
        tsv = _api(self.lang).read_tsv(image, dpi, psm or self.psm, variables, self.timeout)
        return words_from_tsv(tsv)

    def orientation(self, image: np.ndarray, dpi: int) -> int:
        return self._cli.orientation(image, dpi)


def library_available(lang: str = "vie") -> str | None:
    """None when libtesseract with `lang` can be used in this process, else why not."""
    try:
        _api(lang)
    except OcrError as exc:
        return str(exc)
    return None
