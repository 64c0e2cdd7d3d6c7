"""review/: static HTML pages that show, over each page image, what the pipeline read there.

Everything comes from the DocumentResults the exports were written from (`Plan.views`,
`Task.cells`, `Plan.provenance`), and the page images are the thumbnails of the render the
OCR read: no second extraction and, for a normal run, no second render. The pages open from
disk: styles and script are files next to them, images are files under `img/`, charts are
inline SVG, and nothing is fetched from the network.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from functools import cache
from importlib.resources import files
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from PIL import Image

from pipeline.model import MERGED_ACROSS_PAGES, DocumentResult
from pipeline.output.export import atomic_write
from pipeline.output.review.context import (
    PageImage,
    conf_band,
    document_context,
    index_context,
    summarize,
)
from pipeline.output.rows import REVIEW_DIR
from pipeline.version import __version__

IMG_DIR = "img"
STATIC_FILES = ("review.css", "review.js")


# --- the one call ---------------------------------------------------------------------------


def write_review(results: list[DocumentResult], out_dir: Path) -> Path:
    """Write `out_dir/review/` (index.html, <doc_id>.html, img/, css, js); returns the folder."""
    review = out_dir / REVIEW_DIR
    img_dir = review / IMG_DIR
    img_dir.mkdir(parents=True, exist_ok=True)
    find_source = source_finder(out_dir)
    env = _env()
    written: set[Path] = set()
    summaries = [summarize(r) for r in results]
    # Previous/next follow the index's order (problems first), the order a reviewer works in.
    shown = sorted(
        ((s, r) for s, r in zip(summaries, results, strict=True) if s.href and r.plan is not None),
        key=lambda pair: pair[0].problem,
    )
    for i, (summary, result) in enumerate(shown):
        images = write_images(result, img_dir, find_source, written)
        context = document_context(summary, result, images)
        context["prev"] = shown[i - 1][0] if i > 0 else None
        context["next"] = shown[i + 1][0] if i + 1 < len(shown) else None
        html = env.get_template("document.html.j2").render(context)
        written.add(_write_text(review / summary.href, html))
    index = index_context(summaries, results, _manifest(out_dir))
    written.add(_write_text(review / "index.html", env.get_template("index.html.j2").render(index)))
    static = files("pipeline.output.review").joinpath("static")
    for name in STATIC_FILES:
        written.add(_write_bytes(review / name, static.joinpath(name).read_bytes()))
    _remove_stale(review, written)
    return review


# --- page images ----------------------------------------------------------------------------


def write_images(
    result: DocumentResult,
    img_dir: Path,
    find_source: Callable[[DocumentResult], Path | None],
    written: set[Path],
) -> dict[int, PageImage]:
    """Each page's image as `img/<doc_id>-<n>.jpg`: the thumbnail of the render the OCR read
    (or, for a text page of a run without page images, a small render of the source PDF)."""
    assert result.plan is not None
    images: dict[int, PageImage] = {}
    source: Path | None = None
    looked = False
    for view in result.plan.views:
        jpeg = view.image
        # Only a text page may be rendered anew: its boxes are the PDF's own. An OCR page's boxes
        # are those of the turned and deskewed image, which a fresh render would not match.
        if not jpeg and view.source == "text":
            if not looked:
                source, looked = find_source(result), True
            jpeg = render_thumbnail(source, view.number) if source else b""
        if not jpeg:
            continue
        name = f"{result.doc_id}-{view.number}.jpg"
        written.add(_write_bytes(img_dir / name, jpeg))
        with Image.open(io.BytesIO(jpeg)) as im:  # reads the header only
            width, height = im.size
        images[view.number] = PageImage(f"{IMG_DIR}/{name}", width, height)
    return images


def render_thumbnail(pdf: Path, number: int) -> bytes:
    """The page at the thumbnail resolution, as `pages` renders text pages for the review."""
    import numpy as np
    import pypdfium2 as pdfium

    from pipeline.sources.pages import THUMB_DPI, thumbnail

    try:
        doc = pdfium.PdfDocument(str(pdf))
        try:
            bitmap = doc[number - 1].render(scale=THUMB_DPI / 72, grayscale=True).to_numpy()
        finally:
            doc.close()
    except (pdfium.PdfiumError, IndexError, OSError):
        return b""  # the page is shown blank, with its overlays
    gray = bitmap[:, :, 0] if bitmap.ndim == 3 else bitmap
    return thumbnail(np.ascontiguousarray(gray), THUMB_DPI)


def source_finder(out_dir: Path) -> Callable[[DocumentResult], Path | None]:
    """Where a document's file is now: its source under one of the run's inputs (manifest.json),
    only if its bytes still hash to its doc_id (a changed file would put the overlays wrong)."""
    from pipeline.sources.identity import doc_id_of

    inputs = [Path(p) for p in _manifest(out_dir).get("inputs", []) if isinstance(p, str)]

    def find(result: DocumentResult) -> Path | None:
        for given in inputs:
            candidate = given if given.is_file() and given.name == result.source else given / result.source
            try:
                if (
                    candidate.is_file()
                    and candidate.suffix.lower() == ".pdf"
                    and doc_id_of(candidate) == result.doc_id
                ):
                    return candidate
            except OSError:
                continue
        return None

    return find


# --- files ----------------------------------------------------------------------------------


@cache
def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("pipeline.output.review", "templates"),
        autoescape=select_autoescape(["html.j2"]),
        undefined=StrictUndefined,  # a typo in a template fails the tests, not the analyst
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["num"] = _num
    env.globals.update(band=conf_band, version=__version__, merged_reason=MERGED_ACROSS_PAGES)
    env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "sort_keys": False}
    return env


def _num(value: float | int | None, digits: int = 1) -> str:
    if value is None:
        return "–"
    return f"{value:.{digits}f}" if isinstance(value, float) else str(value)


def _manifest(out_dir: Path) -> dict[str, object]:
    try:
        data = json.loads((out_dir / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_text(path: Path, text: str) -> Path:
    with atomic_write(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    return path


def _write_bytes(path: Path, data: bytes) -> Path:
    with atomic_write(path, "wb") as f:
        f.write(data)
    return path


def _remove_stale(review: Path, written: set[Path]) -> None:
    """Pages and images of documents no longer in the run go, so the folder shows this run only."""
    for pattern in ("*.html", f"{IMG_DIR}/*.jpg"):
        for path in review.glob(pattern):
            if path not in written:
                path.unlink(missing_ok=True)
