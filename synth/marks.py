"""What people add to a printed plan before it is scanned: the red seal over the signer, a blue
signature, a number and day written by hand, margin notes, a faint watermark.

Everything draws on an RGB page array (uint8, H x W x 3) at the scan resolution, as ink: the
colour multiplies the paper and the print below it, so text under a seal stays readable.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

FONTS = Path("/usr/share/fonts/truetype/dejavu")
RED = (205, 35, 45)
BLUE = (35, 55, 165)
BLUE_BLACK = (30, 35, 90)


@dataclass(frozen=True)
class Box:
    """A rectangle in pixels: x0, y0 (top), x1, y1 (bottom)."""

    x0: float
    y0: float
    x1: float
    y1: float


def ink(page: np.ndarray, alpha: np.ndarray, color: tuple[int, int, int], x: int, y: int) -> None:
    """Lay ink of `color` with coverage `alpha` (0..1, h x w) at (x, y), clipped to the page."""
    h, w = alpha.shape
    x0, y0, x1, y1 = max(x, 0), max(y, 0), min(x + w, page.shape[1]), min(y + h, page.shape[0])
    if x0 >= x1 or y0 >= y1:
        return
    a = alpha[y0 - y: y1 - y, x0 - x: x1 - x, None]
    region = page[y0:y1, x0:x1].astype(np.float32)
    tint = np.array(color, np.float32) / 255.0
    page[y0:y1, x0:x1] = np.clip(region * (1.0 - a * (1.0 - tint)), 0, 255).astype(np.uint8)


def _font(name: str, px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS / f"{name}.ttf"), max(6, px))


def _mottle(alpha: np.ndarray, rng: np.random.Generator, low: float) -> np.ndarray:
    """Uneven ink: a stamp or a pen leaves some places lighter."""
    noise = cv2.GaussianBlur(rng.random(alpha.shape).astype(np.float32), (0, 0), 3)
    noise = (noise - noise.min()) / (np.ptp(noise) or 1.0)
    return alpha * (low + (1 - low) * noise)


def seal(page: np.ndarray, center: tuple[float, float], radius: float, ring: str,
         rng: np.random.Generator) -> None:
    """A round red seal: two rings, the body's name around, a star in the middle."""
    size = int(radius * 2.3)
    img = Image.new("L", (size, size), 0)
    d = ImageDraw.Draw(img)
    c, r = size / 2, radius
    lw = max(2, int(r * 0.05))
    d.ellipse((c - r, c - r, c + r, c + r), outline=255, width=lw)
    d.ellipse((c - r * 0.68, c - r * 0.68, c + r * 0.68, c + r * 0.68), outline=255, width=lw // 2 + 1)
    font = _font("DejaVuSans-Bold", int(r * 0.21))
    text = ring + " ★ "
    step = 2 * math.pi / len(text)
    for i, ch in enumerate(text):
        angle = -math.pi / 2 + i * step
        glyph = Image.new("L", (int(r * 0.3), int(r * 0.3)), 0)
        ImageDraw.Draw(glyph).text((glyph.width / 2, glyph.height / 2), ch, fill=255, font=font,
                                   anchor="mm")
        glyph = glyph.rotate(-math.degrees(angle) - 90, resample=Image.Resampling.BICUBIC)
        gx, gy = c + r * 0.84 * math.cos(angle), c + r * 0.84 * math.sin(angle)
        img.paste(255, (int(gx - glyph.width / 2), int(gy - glyph.height / 2)), glyph)
    star = [(c + r * (0.3 if k % 2 == 0 else 0.12) * math.cos(-math.pi / 2 + k * math.pi / 5),
             c + r * (0.3 if k % 2 == 0 else 0.12) * math.sin(-math.pi / 2 + k * math.pi / 5))
            for k in range(10)]
    d.polygon(star, fill=255)
    img = img.rotate(float(rng.uniform(-25, 25)), resample=Image.Resampling.BICUBIC)
    alpha = _mottle(np.asarray(img, np.float32) / 255.0, rng, 0.55) * 0.85
    ink(page, alpha, RED, int(center[0] - size / 2), int(center[1] - size / 2))


def _bezier(p: np.ndarray, n: int = 40) -> np.ndarray:
    t = np.linspace(0, 1, n)[:, None]
    return ((1 - t) ** 3 * p[0] + 3 * (1 - t) ** 2 * t * p[1] + 3 * (1 - t) * t ** 2 * p[2]
            + t ** 3 * p[3])


def signature(page: np.ndarray, box: Box, rng: np.random.Generator) -> None:
    """A quick blue scribble: a few looping strokes across the box, then an underline."""
    w, h = int(box.x1 - box.x0), int(box.y1 - box.y0)
    mask = np.zeros((h, w), np.uint8)
    thick = max(2, h // 30)
    x = w * 0.05
    for _ in range(int(rng.integers(3, 6))):
        dx = w * rng.uniform(0.12, 0.25)
        pts = np.array([[x, h * rng.uniform(0.35, 0.7)], [x + dx * 0.3, h * rng.uniform(0.0, 0.3)],
                        [x + dx * 0.7, h * rng.uniform(0.7, 1.0)], [x + dx, h * rng.uniform(0.3, 0.6)]])
        cv2.polylines(mask, [_bezier(pts).astype(np.int32)], False, 255, thick, cv2.LINE_AA)
        x += dx * 0.8
    y = h * rng.uniform(0.65, 0.85)
    line = np.array([[w * 0.05, y], [w * 0.3, y + h * 0.1], [w * 0.6, y - h * 0.05], [x, y + h * 0.05]])
    cv2.polylines(mask, [_bezier(line).astype(np.int32)], False, 255, max(1, thick - 1), cv2.LINE_AA)
    ink(page, mask.astype(np.float32) / 255.0, BLUE, int(box.x0), int(box.y0))


def handwriting(page: np.ndarray, text: str, box: Box, rng: np.random.Generator,
                color: tuple[int, int, int] = BLUE_BLACK) -> None:
    """Digits written by hand into a blank (Hershey script strokes, slanted and wobbling)."""
    h = int(box.y1 - box.y0)
    scale = h / 30.0
    thick = max(2, int(h / 14))
    (tw, th), base = cv2.getTextSize(text, cv2.FONT_HERSHEY_SCRIPT_SIMPLEX, scale, thick)
    mask = np.zeros((th + base + 2 * thick + 8, tw + 2 * thick + 8), np.uint8)
    cv2.putText(mask, text, (thick + 4, th + thick + 4), cv2.FONT_HERSHEY_SCRIPT_SIMPLEX, scale, 255,
                thick, cv2.LINE_AA)
    shear = float(rng.uniform(0.1, 0.3))
    m = np.float32([[1, -shear, shear * mask.shape[0]], [0, 1, 0]])
    mask = cv2.warpAffine(mask, m, (mask.shape[1] + int(shear * mask.shape[0]), mask.shape[0]))
    x = int((box.x0 + box.x1) / 2 - mask.shape[1] / 2)
    y = int(box.y1 - mask.shape[0] + base + rng.uniform(-0.15, 0.1) * h)
    ink(page, _mottle(mask.astype(np.float32) / 255.0, rng, 0.7), color, x, y)


def note(page: np.ndarray, text: str, at: tuple[float, float], px: int, angle: float,
         rng: np.random.Generator) -> None:
    """A handwritten-looking note: oblique letters, a wobbling baseline, pen ink."""
    font = _font("DejaVuSans-Oblique", px)
    w = int(font.getlength(text)) + px
    img = Image.new("L", (w, int(px * 1.8)), 0)
    ImageDraw.Draw(img).text((px // 2, px // 3), text, fill=255, font=font)
    a = np.asarray(img, np.float32)
    yy, xx = np.mgrid[0: a.shape[0], 0: a.shape[1]].astype(np.float32)
    wobble = px * 0.12 * np.sin(xx / (px * 1.7) + rng.uniform(0, 6))
    a = cv2.remap(a, xx, yy + wobble.astype(np.float32), cv2.INTER_LINEAR)
    a = cv2.dilate(a, np.ones((2, 2), np.uint8)) if px > 20 else a
    rot = Image.fromarray(a.astype(np.uint8)).rotate(angle, expand=True, resample=Image.Resampling.BICUBIC)
    ink(page, np.asarray(rot, np.float32) / 255.0, BLUE, int(at[0]), int(at[1]))


def bracket(page: np.ndarray, x: float, y0: float, y1: float, rng: np.random.Generator) -> None:
    """A pen stroke down the margin beside a passage someone marked."""
    pts = np.array([[x + 8, y0], [x - 6, y0 + (y1 - y0) * 0.3], [x - 8, y0 + (y1 - y0) * 0.7],
                    [x + 6, y1]], np.float64)
    pts[:, 0] += rng.uniform(-3, 3, 4)
    mask = np.zeros(page.shape[:2], np.uint8)
    cv2.polylines(mask, [_bezier(pts).astype(np.int32)], False, 255, 3, cv2.LINE_AA)
    ink(page, mask.astype(np.float32) / 255.0, BLUE, 0, 0)


def watermark(page: np.ndarray, text: str, rng: np.random.Generator, strength: float = 0.16) -> None:
    """Large pale letters across the page on the diagonal."""
    h, w = page.shape[:2]
    font = _font("DejaVuSans-Bold", int(w * 0.13))
    length = int(font.getlength(text))
    img = Image.new("L", (length + 40, int(w * 0.2)), 0)
    ImageDraw.Draw(img).text((20, 10), text, fill=255, font=font)
    img = img.rotate(float(rng.uniform(30, 40)), expand=True, resample=Image.Resampling.BICUBIC)
    a = np.asarray(img, np.float32) / 255.0 * strength
    ink(page, a, (90, 90, 90), (w - a.shape[1]) // 2, (h - a.shape[0]) // 2)
