"""Frozen run settings, passed to every stage that needs one (no global state)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

FORMATS = ("csv", "json", "xlsx")


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
