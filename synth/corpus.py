"""`python -m synth.corpus OUT_DIR [--small] [--only NAME]`: the evaluation corpus.

Writes OUT_DIR/docs/<name>.pdf|.png|.jpg|.docx and OUT_DIR/truth/<name>.json (the shape of
tests/golden/*.expected.json plus "kind", "layout" and "degradations"). Every truth is computed
from the spec that was typeset, with the pages the typesetter reports; every random choice is
seeded, so the same code writes the same bytes.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from synth.catalogue import Entry, entries
from synth.describe import describe, meets, word_tags
from synth.legacy import encode_tcvn3, encode_vni, legacy_font_pdfs
from synth.overlay import fake_ocr, read_words, write_image_pdf
from synth.scanner import Variant, jpeg, scan_pages, write_scan
from synth.spec import Layout, PlanSpec
from synth.truth import build_truth, word_truth
from synth.typeset import typeset_with_layout
from synth.typeset_docx import write_docx

# Margins (top, bottom, mm) tried in turn until the layout shows what the entry needs: a
# millimetre moves every page break by a fraction of a line.
MARGINS = [(20 + dt * sign, bottom) for bottom in (20, 17, 23, 15, 25)
           for dt in range(0, 7) for sign in ((1,) if dt == 0 else (1, -1))]


def fit(entry: Entry, path: Path) -> tuple[PlanSpec, Layout]:
    """Typeset the entry, shifting its margins until the layout meets the entry's needs."""
    spec = entry.make()
    for top, bottom in MARGINS:
        tried = replace(spec, style=replace(spec.style, margin_top_mm=top, margin_bottom_mm=bottom))
        layout = typeset_with_layout(tried, path)
        if all(meets(tried, layout, need) for need in entry.need):
            return tried, layout
    raise RuntimeError(f"{entry.name}: no margins give {entry.need}")


def suffix(v: Variant) -> str:
    if v.kind == "word":
        return ".docx"
    return f".{v.fmt}" if v.kind == "image" else ".pdf"


def write_variant(clean: Path, spec: PlanSpec, v: Variant, out: Path, seed: int) -> None:
    if v.kind == "digital":
        shutil.copyfile(clean, out)
        return
    if v.kind == "word":
        write_docx(spec, out)
        return
    info = read_words(clean)
    ring = " ".join(spec.header.issuer[spec.header.plain_issuer_lines:])
    if v.kind in ("scan", "image"):
        write_scan(scan_pages(clean, v, info, spec.closing.signer.name, ring, seed), out, v)
        return
    sizes = [(p.width, p.height) for p in info]
    layers = [p.words for p in info]
    if v.kind in ("tcvn3", "vni"):
        # typeset again in a "legacy font": the page shows Vietnamese, its text reads mojibake
        with legacy_font_pdfs(encode_tcvn3 if v.kind == "tcvn3" else encode_vni):
            typeset_with_layout(spec, out)
        return
    if v.kind == "wrong-ocr-layer":
        pages = scan_pages(clean, v, info, spec.closing.signer.name, ring, seed)
        rng = random.Random(seed)
        write_image_pdf(out, [jpeg(p, v.quality) for p in pages], sizes, layers,
                        lambda text: fake_ocr(text, rng))
        return
    raise ValueError(f"unknown variant kind {v.kind!r}")


def produce(entry: Entry, out_dir: Path, work: Path, only: set[str] | None, small: bool) -> list[str]:
    """Write the entry's variants and their truth; returns the names written."""
    chosen = [(sfx, v) for sfx, v in entry.variants
              if (not small or sfx in entry.small) and (only is None or entry.name + sfx in only)]
    if not chosen:
        return []
    clean = work / f"{entry.name}.pdf"
    spec, layout = fit(entry, clean)
    truth = build_truth(spec, layout)
    tags = describe(spec, layout)
    names = []
    for sfx, v in chosen:
        i = [s for s, _ in entry.variants].index(sfx)  # the seed must not depend on the slice
        name = entry.name + sfx
        doc = out_dir / "docs" / f"{name}{suffix(v)}"
        doc.parent.mkdir(parents=True, exist_ok=True)
        np.random.seed(entry.seed)  # nothing should draw from it; pinned in case a library does
        write_variant(clean, spec, v, doc, entry.seed * 100 + i)
        record = {**truth, "source": name, "kind": v.kind, "layout": tags,
                  "degradations": v.degradations()}
        if v.kind == "word":
            record = {**word_truth(record), "layout": word_tags(tags)}
        path = out_dir / "truth" / f"{name}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        names.append(name)
    return names


def generate(out_dir: Path, small: bool = False, only: set[str] | None = None,
             verbose: bool = False) -> list[str]:
    out_dir = Path(out_dir)
    names: list[str] = []
    with tempfile.TemporaryDirectory(prefix="corpus-") as tmp:
        for entry in entries():
            started = time.perf_counter()
            made = produce(entry, out_dir, Path(tmp), only, small)
            if made and verbose:
                print(f"{entry.name}: {len(made)} files, {time.perf_counter() - started:.1f} s",
                      file=sys.stderr)
            names += made
    return names


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m synth.corpus", description=__doc__)
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--small", action="store_true", help="a slice of ~6 documents (fast)")
    ap.add_argument("--only", action="append", help="a document name to write (repeatable)")
    args = ap.parse_args(argv)
    names = generate(args.out_dir, args.small, set(args.only) if args.only else None, verbose=True)
    for name in names:
        print(name)
    print(f"{len(names)} documents in {args.out_dir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
