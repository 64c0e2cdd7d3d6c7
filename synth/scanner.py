"""A typeset plan -> the file an archive holds: a scan (grey or colour, skewed, curled, lit
unevenly, stored sideways), a page photo, or an image PDF with a misleading text layer.

The steps follow the paper's life: people write and stamp on the printout (marks), the sheet
lies curled and crooked on the glass, the scanner blurs, lights and speckles it, the file is
stored turned and JPEG-compressed.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium
from PIL import Image

from synth import marks
from synth.overlay import Gap, PageInfo, day_gap, number_gap, signer_box
from synth.scan import _FIXED_DATE


@dataclass(frozen=True)
class Variant:
    kind: str = "digital"  # digital | scan | image | tcvn3 | vni | wrong-ocr-layer | word
    dpi: int = 200
    skew: float = 0.0  # degrees the sheet lies crooked
    quality: int = 55  # JPEG quality
    rotate: int = 0  # degrees the stored page is turned clockwise: 90, 180
    color: bool = False
    light: float = 0.0  # strength of uneven lighting (0: the flatbed's own)
    curl: float = 0.0  # largest displacement of a text line, mm
    noise: float = 3.0
    watermark: str = ""
    seal: bool = False  # red seal over the signer and a blue signature
    hand: str = ""  # "number/day" written by hand into the blanks, e.g. "87/12"
    notes: bool = False  # handwritten margin notes
    fmt: str = "pdf"  # pdf | png | jpg
    canvas: tuple[int, int] | None = None  # (w, h) pixels of a page photo, page pasted on it

    def degradations(self) -> list[str]:
        out: list[str] = []
        if self.kind in ("digital", "word"):  # a Word file is the text itself, nothing lost
            return out
        if self.kind in ("tcvn3", "vni"):
            return [f"{self.kind.upper()} legacy font: the text layer reads as mojibake"]
        out.append(f"{self.dpi} dpi")
        if self.skew:
            out.append(f"skew {self.skew:g}°")
        if self.rotate:
            out.append(f"stored turned {self.rotate}°")
        out.append(f"{'colour' if self.color else 'grey'} {self.fmt.upper()}"
                   + (f" q{self.quality}" if self.fmt != "png" else ""))
        flags = [(self.light, f"uneven light {self.light:g}"), (self.curl, f"curl {self.curl:g} mm"),
                 (self.watermark, f"watermark '{self.watermark}'"), (self.seal, "red seal, signature"),
                 (self.hand, "handwritten number and day"), (self.notes, "margin notes"),
                 (self.canvas, f"page photo {self.canvas}"), (self.kind == "wrong-ocr-layer",
                                                               "wrong OCR text layer")]
        return out + [text for on, text in flags if on]


def render(pdf_path: Path, dpi: int) -> list[np.ndarray]:
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        return [np.ascontiguousarray(p.render(scale=dpi / 72).to_numpy()[:, :, :3]) for p in pdf]
    finally:
        pdf.close()


def _px(g: Gap, dpi: int) -> marks.Box:
    s = dpi / 72
    return marks.Box(g.x0 * s, g.top * s, g.x1 * s, g.bottom * s)


def add_marks(pages: list[np.ndarray], v: Variant, info: list[PageInfo], signer: str, ring: str,
              rng: np.random.Generator) -> None:
    """Ink on the printout: hand-filled blanks, seal and signature, notes, watermark."""
    s = v.dpi / 72
    if v.hand:
        number, day = v.hand.split("/")
        for gap, text in ((number_gap(info[0]), number), (day_gap(info[0]), day)):
            if gap is None:
                raise ValueError("no blank to write in: the spec must leave number and day blank")
            box = _px(gap, v.dpi)
            marks.handwriting(pages[0], text, marks.Box(box.x0, box.y0 - 0.3 * (box.y1 - box.y0),
                                                        box.x1, box.y1), rng)
    if v.seal:
        box = signer_box(info, signer)
        if box is None:
            raise ValueError(f"signer {signer!r} not found")
        b = _px(box, v.dpi)
        page = pages[box.page]
        sig = marks.Box(b.x0 - 10 * s, b.y1 - 75 * s, b.x1 + 15 * s, b.y1 - 18 * s)
        marks.signature(page, sig, rng)
        marks.seal(page, (b.x0 + 4 * s, b.y0 + 50 * s), 50 * s, ring, rng)
    if v.notes:
        page = pages[0]
        marks.note(page, "Chuyển P.Nội vụ tham mưu", (page.shape[1] * 0.55, 14 * s), int(13 * s), 4.0, rng)
        marks.note(page, "Đ/c Hải - đôn đốc", (8 * s, page.shape[0] * 0.52), int(11 * s), 80.0, rng)
        marks.bracket(page, 70 * s, page.shape[0] * 0.36, page.shape[0] * 0.47, rng)
    if v.watermark:
        for page in pages:
            marks.watermark(page, v.watermark, rng)


def curl(a: np.ndarray, amp_px: float, rng: np.random.Generator) -> np.ndarray:
    """A sheet not lying flat: a smooth vertical displacement, growing towards one side and
    bending differently down the page, so lines tilt differently across it."""
    h, w = a.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    u, t = xx / w, yy / h
    phase = rng.uniform(0, np.pi)
    dy = amp_px * (u ** 2 * (0.6 + 0.4 * np.sin(np.pi * t + phase)) + 0.3 * np.sin(2 * np.pi * u) * t)
    return cv2.remap(a, xx, (yy - dy).astype(np.float32), cv2.INTER_LINEAR,
                     borderMode=cv2.BORDER_CONSTANT, borderValue=(255, 255, 255))


def _light(h: int, w: int, strength: float, rng: np.random.Generator) -> np.ndarray:
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    yy, xx = yy / h - 0.5, xx / w - 0.5
    gx, gy = rng.uniform(-0.05, 0.05, size=2) * (1 + 4 * strength)
    field = 1.0 - 0.05 * (xx ** 2 + yy ** 2) / 0.5 + gx * xx + gy * yy
    if strength:  # the lid left open, or a book's gutter: a shadow along one edge
        edge = xx + 0.5 if rng.random() < 0.5 else 0.5 - xx
        field -= strength * np.exp(-edge / 0.07)
    return field.astype(np.float32)


def degrade(a: np.ndarray, v: Variant, rng: np.random.Generator) -> np.ndarray:
    """Skew, toner and paper, optics, lamp, grain and dust of a flatbed scan (float32 0..255)."""
    angle = v.skew * rng.uniform(0.85, 1.15)
    h, w = a.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    a = cv2.warpAffine(a, m, (w, h), flags=cv2.INTER_CUBIC, borderValue=(255, 255, 255))
    a = a.astype(np.float32)
    ink, paper = rng.uniform(35, 55), rng.uniform(236, 248)
    a = paper - (255.0 - a) / 255.0 * (paper - ink)
    a = cv2.GaussianBlur(a, (0, 0), 0.45 * v.dpi / 150)
    light = _light(h, w, v.light, rng)
    a *= light[:, :, None] if a.ndim == 3 else light
    grain = cv2.GaussianBlur(rng.normal(0.0, v.noise, size=(h, w)).astype(np.float32), (0, 0), 0.6)
    a += grain[:, :, None] if a.ndim == 3 else grain
    for _ in range(int(rng.integers(6, 16))):
        r = max(1, int(rng.uniform(0.5, 2.0) * v.dpi / 150))
        cv2.circle(a, (int(rng.integers(0, w)), int(rng.integers(0, h))), r,
                   float(rng.uniform(40, 140)) if a.ndim == 2 else (90.0, 90.0, 90.0), -1)
    return np.clip(a, 0, 255).astype(np.uint8)


def scan_pages(pdf: Path, v: Variant, info: list[PageInfo], signer: str, ring: str,
               seed: int) -> list[Image.Image]:
    rng = np.random.default_rng(seed)
    pages = render(pdf, v.dpi)
    add_marks(pages, v, info, signer, ring, rng)
    out = []
    for a in pages:
        if v.curl:
            a = curl(a, v.curl * v.dpi / 25.4, rng)
        if not v.color:
            a = cv2.cvtColor(a, cv2.COLOR_RGB2GRAY)
        img = Image.fromarray(degrade(a, v, rng))
        if v.rotate:
            img = img.rotate(-v.rotate, expand=True)  # PIL turns counter-clockwise
        if v.canvas:
            photo = Image.new(img.mode, v.canvas, 250 if img.mode == "L" else (250, 250, 250))
            photo.paste(img, ((v.canvas[0] - img.width) // 2, (v.canvas[1] - img.height) // 3))
            img = photo
        out.append(img)
    return out


def jpeg(img: Image.Image, quality: int) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality, optimize=True)
    return buf.getvalue()


def write_scan(pages: list[Image.Image], out: Path, v: Variant) -> Path:
    """An image-only PDF (page size = pixels / dpi) or a single page image."""
    out.parent.mkdir(parents=True, exist_ok=True)
    if v.fmt == "pdf":
        pages[0].save(out, "PDF", save_all=True, append_images=pages[1:], resolution=float(v.dpi),
                      quality=v.quality, optimize=True, title=out.stem, creationDate=_FIXED_DATE,
                      modDate=_FIXED_DATE)
    elif v.fmt == "png":
        pages[0].save(out, dpi=(v.dpi, v.dpi), optimize=True)
    else:
        pages[0].save(out, quality=v.quality, dpi=(v.dpi, v.dpi), optimize=True)
    return out
