"""Hostile and broken inputs, made small and cheap: malformed PDFs, page and pixel bombs.

Used by the tests (each file is generated, no large binary is committed) and by the benchmarks
(peak memory on the bombs). Every PDF here is written by hand from object bodies, so a test
says exactly which structure is broken.
"""

from __future__ import annotations

import random
import re
import struct
import zlib
from pathlib import Path

_HEAD = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"


def raw_pdf(objects: list[bytes], root: int = 1, with_xref: bool = True) -> bytes:
    """A PDF of numbered object bodies (object i+1 is objects[i]) with a correct xref table."""
    out = bytearray(_HEAD)
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    if not with_xref:
        return bytes(out + b"trailer\n<< /Root %d 0 R >>\n%%%%EOF\n" % root)
    xref_at = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    trailer = b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
    out += trailer % (len(objects) + 1, root, xref_at)
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n%s\nendstream" % (len(data), extra, data)


_CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
_EMPTY_CONTENT = _stream(b"")


def pages_pdf(n_pages: int, size: tuple[float, float] = (595, 842)) -> bytes:
    """n pages sharing one empty content stream: the page-count bomb is a few bytes a page."""
    first = 4
    kids = b" ".join(b"%d 0 R" % (first + i) for i in range(n_pages))
    objects = [
        _CATALOG,
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n_pages),
        _EMPTY_CONTENT,
    ]
    box = b"[0 0 %g %g]" % size
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox %s /Contents 3 0 R /Resources << >> >>" % box
    objects += [page] * n_pages
    return raw_pdf(objects)


def self_referencing_tree() -> bytes:
    """The page tree's only kid is the tree itself (an endless walk for a naive reader)."""
    return raw_pdf([_CATALOG, b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>"])


def zero_pages() -> bytes:
    return raw_pdf([_CATALOG, b"<< /Type /Pages /Kids [] /Count 0 >>"])


def page_without_box_or_contents() -> bytes:
    tree = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
    return raw_pdf([_CATALOG, tree, b"<< /Type /Page /Parent 2 0 R >>"])


def random_after_header(size: int = 64 * 1024, seed: int = 7) -> bytes:
    rng = random.Random(seed)
    return b"%PDF-1.4\n" + rng.randbytes(size)


def broken_xref(pdf: bytes) -> bytes:
    """Every xref offset pointing to the wrong place (a reader has to rebuild the table)."""
    return re.sub(rb"\d{10} 00000 n", b"0000000001 00000 n", pdf)


def missing_xref(pdf: bytes) -> bytes:
    """No xref table and no startxref: only the objects and a trailer are left."""
    cut = pdf.rfind(b"xref\n")
    return pdf[:cut] + b"%%EOF\n" if cut > 0 else pdf


def with_javascript(pdf: bytes) -> bytes:
    """An incremental update giving the catalog an /OpenAction JavaScript (an endless loop)."""
    catalog = rb"(\d+) 0 obj\s*<<((?:(?!endobj).)*?/Type\s*/Catalog(?:(?!endobj).)*?)>>\s*endobj"
    match = re.search(catalog, pdf, re.S)
    size = re.search(rb"/Size\s+(\d+)", pdf)
    start = re.findall(rb"startxref\s+(\d+)", pdf)
    if not (match and size and start):
        raise ValueError("not a PDF this helper can update")
    number, body = int(match.group(1)), match.group(2)
    js = b"/OpenAction << /S /JavaScript /JS (app.alert\\('hi'\\); while \\(true\\) {}) >>"
    update = bytearray(pdf if pdf.endswith(b"\n") else pdf + b"\n")
    at = len(update)
    update += b"%d 0 obj\n<<%s %s>>\nendobj\n" % (number, body, js)
    xref_at = len(update)
    update += b"xref\n0 1\n0000000000 65535 f \n%d 1\n%010d 00000 n \n" % (number, at)
    update += b"trailer\n<< /Size %s /Root %d 0 R /Prev %s >>\nstartxref\n%d\n%%%%EOF\n" % (
        size.group(1), number, start[-1], xref_at)
    return bytes(update)


def flate_bomb(gigabytes: float = 2.0) -> bytes:
    """A one-page PDF whose content stream inflates to `gigabytes` of spaces from ~1 MB.

    Made without ever holding the inflated data: one block compressed with a full flush is
    independent of what came before, so repeating its bytes repeats the output.
    """
    chunk = b" " * (1 << 20)
    comp = zlib.compressobj(9)
    head = comp.compress(chunk) + comp.flush(zlib.Z_FULL_FLUSH)
    block = head[2:]  # the zlib header only once
    n = int(gigabytes * 1024)
    check = 1
    for _ in range(n):
        check = zlib.adler32(chunk, check)
    final = comp.flush()[:-4] + struct.pack(">I", check)  # the last empty block, the real checksum
    data = head[:2] + block * n + final
    objects = [
        _CATALOG,
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        _stream(data, b"/Filter /FlateDecode "),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R /Resources << >> >>",
    ]
    return raw_pdf(objects)


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def huge_png(path: Path, width: int = 40_000, height: int = 40_000) -> Path:
    """A valid 1-bit PNG of width x height, streamed row by row: the pixels never exist in memory."""
    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    comp = zlib.compressobj(9)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(_png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)))
        rows_per_chunk = max(1, (1 << 22) // len(row))
        done = 0
        while done < height:
            n = min(rows_per_chunk, height - done)
            data = comp.compress(row * n)
            if data:
                f.write(_png_chunk(b"IDAT", data))
            done += n
        f.write(_png_chunk(b"IDAT", comp.flush()))
        f.write(_png_chunk(b"IEND", b""))
    return path
