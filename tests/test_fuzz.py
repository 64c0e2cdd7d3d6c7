"""Byte-mutated PDFs and images never make extract_document raise: each ends ok or as an error row.

`make test` runs a few examples with a fixed seed; `make fuzz` runs many more
(PLANS_FUZZ_EXAMPLES=N). An input that makes extract_document raise is saved to
tests/regressions/ before the test fails, and `test_regressions_replay` keeps it fixed.
"""

from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, event, given, seed, settings
from hypothesis import strategies as st
from PIL import Image

from pipeline.agencies.matcher import AgencyMatcher
from pipeline.api import extract_document
from pipeline.config import Config
from pipeline.model import DocumentResult, Status, Word
from synth import hostile

from .conftest import write_small_plan

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")  # PIL on corrupt TIFF tags

REGRESSIONS = Path(__file__).resolve().parent / "regressions"
EXAMPLES = int(os.environ.get("PLANS_FUZZ_EXAMPLES", "30"))
CONFIG = Config(dpi=100, max_pages=20, doc_timeout=60, formats=frozenset({"json"}))
SUFFIXES = {".pdf", ".png", ".jpg", ".tif"}


class BlankEngine:
    """OCR that reads nothing, at once: the fuzz target is our reading code, not Tesseract."""

    def read(self, image: np.ndarray, dpi: int, psm: int | None = None, **_: object) -> list[Word]:
        return []

    def orientation(self, image: np.ndarray, dpi: int) -> int:
        return 0


def _image_bytes(fmt: str) -> bytes:
    im = Image.new("L", (240, 340), 255)
    im.paste(0, (20, 20, 220, 22))  # a ruling line and a block of "text"
    im.paste(60, (30, 40, 200, 60))
    buf = io.BytesIO()
    im.save(buf, fmt, dpi=(40, 40))
    return buf.getvalue()


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("seeds")
    return {
        ".pdf": write_small_plan(folder / "plan.pdf").read_bytes(),
        ".pdf#raw": hostile.pages_pdf(2, (300, 400)),
        ".png": _image_bytes("PNG"),
        ".jpg": _image_bytes("JPEG"),
        ".tif": _image_bytes("TIFF"),
    }


MUTATION = st.tuples(
    st.sampled_from(["flip", "truncate", "insert", "delete", "duplicate", "digit"]),
    st.integers(0, 1 << 30),
    st.binary(min_size=1, max_size=24),
)


def mutate(data: bytes, ops: list[tuple[str, int, bytes]]) -> bytes:
    """Apply each mutation at a position taken modulo the current length."""
    buf = bytearray(data)
    for op, where, blob in ops:
        if not buf:
            break
        at = where % len(buf)
        if op == "flip":
            buf[at] ^= blob[0] or 0xFF
        elif op == "truncate":
            del buf[at:]
        elif op == "insert":
            buf[at:at] = blob
        elif op == "delete":
            del buf[at : at + len(blob) * 8]
        elif op == "duplicate":
            buf[at:at] = buf[at : at + len(blob) * 16]
        elif op == "digit":  # numbers drive PDF structure: offsets, lengths, counts, sizes
            digits = [i for i in range(at, min(len(buf), at + 200)) if 48 <= buf[i] <= 57]
            if digits:
                buf[digits[0]] = 48 + blob[0] % 10
    return bytes(buf)


def check(path: Path) -> DocumentResult:
    """extract_document on `path`; an exception saves the input as a regression, then fails."""
    try:
        result = extract_document(path, path.name, CONFIG, engine=BlankEngine(), matcher=_MATCHER)
    except BaseException:
        REGRESSIONS.mkdir(exist_ok=True)
        data = path.read_bytes()
        name = f"found-{hashlib.sha256(data).hexdigest()[:12]}{path.suffix}"
        (REGRESSIONS / name).write_bytes(data)
        raise
    assert isinstance(result, DocumentResult)
    if result.status is Status.OK:
        assert result.plan is not None
    else:
        assert result.errors and all(e.message and "\n" not in e.message for e in result.errors)
    return result


def _events(result: DocumentResult) -> None:
    """What `make fuzz` reports (--hypothesis-show-statistics): outcomes and error stages."""
    event(f"status: {result.status.value}")
    if result.errors:
        event(f"error stage: {result.errors[0].stage}")
        if "internal error" in result.errors[0].message:
            event("internal error: " + result.errors[0].message[:60])


_MATCHER = AgencyMatcher.load(None)


@seed(20250205)
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    kind=st.sampled_from([".pdf", ".pdf#raw", ".png", ".jpg", ".tif"]),
    ops=st.lists(MUTATION, min_size=1, max_size=4),
)
def test_mutated_inputs_end_ok_or_as_an_error_row(
    seeds: dict[str, bytes], tmp_path: Path, kind: str, ops: list[tuple[str, int, bytes]]
) -> None:
    suffix = kind.split("#")[0]
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(mutate(seeds[kind], ops))
    _events(check(path))


def _regressions() -> list[Path]:
    return sorted(p for p in REGRESSIONS.glob("*") if p.suffix in SUFFIXES) if REGRESSIONS.is_dir() else []


@pytest.mark.parametrize("path", _regressions(), ids=lambda p: p.name)
def test_regressions_replay(path: Path) -> None:
    result = check(path)
    assert not any("internal error" in e.message for e in result.errors), result.errors
