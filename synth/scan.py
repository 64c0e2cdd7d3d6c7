"""Turn a digital PDF into what a district office scanner makes of a printed copy.

Each page is rendered in grayscale, turned by a small skew, given the defects of a cheap
flatbed (soft optics, grain, uneven lamp, dust specks, grey toner on off-white paper) and
stored as a JPEG in an image-only PDF: no text layer, so the pipeline has to OCR it.
"""

from __future__ import annotations

import time
from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium
from PIL import Image

# Fixed PDF dates: the archive must come out byte-identical on every run.
_FIXED_DATE = time.strptime("2025-01-01", "%Y-%m-%d")


def render_pages(pdf_path: Path, dpi: int) -> list[Image.Image]:
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        return [page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for page in pdf]
    finally:
        pdf.close()


def _brightness_field(h: int, w: int, rng: np.random.Generator) -> np.ndarray:
    """A smooth multiplicative field: the lamp is brighter in the middle and to one side."""
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    yy, xx = yy / h - 0.5, xx / w - 0.5
    gx, gy = rng.uniform(-0.05, 0.05, size=2)
    vignette = 0.05 * (xx**2 + yy**2) / 0.5
    return (1.0 - vignette + gx * xx + gy * yy).astype(np.float32)


def degrade(
    img: Image.Image, dpi: int, skew_deg: float, noise: float, rng: np.random.Generator
) -> Image.Image:
    # the sheet lies a little crooked; the scanner bed around it is white
    img = img.rotate(-skew_deg, resample=Image.Resampling.BICUBIC, fillcolor=255)
    a = np.asarray(img, dtype=np.float32)
    ink, paper = rng.uniform(35, 55), rng.uniform(238, 248)  # toner is grey, paper off-white
    a = paper - (255.0 - a) / 255.0 * (paper - ink)
    sigma = 0.45 * dpi / 150  # the same optical softness whatever the resolution
    a = cv2.GaussianBlur(a, (0, 0), sigma)
    a *= _brightness_field(*a.shape, rng)
    grain = rng.normal(0.0, noise, size=a.shape).astype(np.float32)
    a += cv2.GaussianBlur(grain, (0, 0), 0.6)  # sensor grain is a little correlated
    _specks(a, dpi, rng)
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), mode="L")


def _specks(a: np.ndarray, dpi: int, rng: np.random.Generator) -> None:
    """Dust and toner specks: a handful of small dark dots anywhere on the page."""
    h, w = a.shape
    for _ in range(int(rng.integers(6, 16))):
        r = max(1, int(rng.uniform(0.5, 2.0) * dpi / 150))
        x, y = int(rng.integers(0, w)), int(rng.integers(0, h))
        cv2.circle(a, (x, y), r, float(rng.uniform(40, 140)), thickness=-1)


def _orient(img: Image.Image, landscape: bool, rotate90: bool) -> Image.Image:
    if landscape and img.width > img.height:
        # a landscape page fed through a portrait scanner comes out lying on its side
        img = img.rotate(90, expand=True)
    if rotate90:
        img = img.rotate(-90, expand=True)  # the sheet was put on the glass sideways
    return img


def scanned_pages(
    pdf_path: Path,
    dpi: int = 300,
    skew_deg: float = 0.6,
    noise: float = 3.0,
    seed: int = 0,
    landscape: bool = False,
    rotate90: bool = False,
) -> list[Image.Image]:
    rng = np.random.default_rng(seed)
    out = []
    for page in render_pages(pdf_path, dpi):
        angle = skew_deg * rng.uniform(0.85, 1.15)  # each sheet lies a little differently
        out.append(_orient(degrade(page, dpi, angle, noise, rng), landscape, rotate90))
    return out


def simulate_scan(
    pdf_path: Path,
    out_path: Path,
    dpi: int = 300,
    skew_deg: float = 0.6,
    noise: float = 3.0,
    jpeg_quality: int = 50,
    seed: int = 0,
    landscape: bool = False,
    rotate90: bool = False,
) -> None:
    """Write an image-only PDF whose pages keep the paper size (pixels / dpi)."""
    pages = scanned_pages(pdf_path, dpi, skew_deg, noise, seed, landscape, rotate90)
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    pages[0].save(
        out_path,
        "PDF",
        save_all=True,
        append_images=pages[1:],
        resolution=float(dpi),
        quality=jpeg_quality,
        optimize=True,  # Huffman tables fitted to the page: ~8% smaller, same pixels
        title=out_path.stem,
        creationDate=_FIXED_DATE,
        modDate=_FIXED_DATE,
    )


def simulate_scan_images(
    pdf_path: Path,
    out_dir: Path,
    dpi: int = 300,
    skew_deg: float = 0.6,
    noise: float = 3.0,
    jpeg_quality: int = 60,
    seed: int = 0,
    fmt: str = "jpg",
    landscape: bool = False,
    rotate90: bool = False,
) -> list[Path]:
    """The same scan as one image file per page (photos and scans sent as images)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    pages = scanned_pages(pdf_path, dpi, skew_deg, noise, seed, landscape, rotate90)
    for i, img in enumerate(pages, start=1):
        path = out_dir / f"{Path(pdf_path).stem}-p{i}.{fmt}"
        if fmt == "png":
            img.save(path, dpi=(dpi, dpi))
        else:
            img.save(path, quality=jpeg_quality, dpi=(dpi, dpi))
        paths.append(path)
    return paths
