"""Frozen run settings, passed to every stage that needs one (no global state)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

FORMATS = ("csv", "json", "xlsx")
TESSERACT_WAYS = ("library", "cli")
# The ranges a setting may take: the command line offers the same (one place for both).
DPI_RANGE = (72, 600)
MIN_MAX_PAGES = 1
MIN_MEMORY_MB = 64


@dataclass(frozen=True)
class Config:
    lang: str = "vie"
    dpi: int = 300
    formats: frozenset[str] = frozenset(FORMATS)
    aliases: Path | None = None
    max_pages: int = 500
    max_pixels: int = 60_000_000  # per rendered page; larger pages are rendered at a lower dpi
    page_timeout: float = 120.0
    doc_timeout: float = 1800.0  # seconds per document, all pages together
    max_memory_mb: int = 2048  # per worker; a worker over it is replaced and its document fails
    min_ocr_dpi: int = 72  # below this a page is refused rather than read badly
    force_ocr: bool = False
    tesseract: str = "library"  # "library": in this process (model loaded once); "cli": one process a call

    def __post_init__(self) -> None:
        """A setting out of range is a clear error here, not a failure deep in a stage."""
        problems = []
        if not DPI_RANGE[0] <= self.dpi <= DPI_RANGE[1]:
            problems.append(f"dpi {self.dpi} is outside {DPI_RANGE[0]}-{DPI_RANGE[1]}")
        if not self.formats or not set(self.formats) <= set(FORMATS):
            problems.append(f"formats {sorted(self.formats)} are not among {', '.join(FORMATS)}")
        if self.max_pages < MIN_MAX_PAGES:
            problems.append(f"max_pages {self.max_pages} is below {MIN_MAX_PAGES}")
        if self.max_pixels < 1_000_000:
            problems.append(f"max_pixels {self.max_pixels} is below one megapixel")
        for name in ("page_timeout", "doc_timeout"):
            if not getattr(self, name) > 0:
                problems.append(f"{name} {getattr(self, name)} is not a positive number of seconds")
        if self.max_memory_mb < MIN_MEMORY_MB:
            problems.append(f"max_memory_mb {self.max_memory_mb} is below {MIN_MEMORY_MB}")
        if self.tesseract not in TESSERACT_WAYS:
            problems.append(f"tesseract {self.tesseract!r} is not one of {', '.join(TESSERACT_WAYS)}")
        if not self.lang:
            problems.append("lang is empty")
        if problems:
            raise ValueError("invalid settings: " + "; ".join(problems))
