"""The real corpus (data/real/): every document has a hand-checked truth that validates against
the truth format and names the document's bytes, a provenance row, and none is reserved for
independent measurement. Then a fast slice of it is extracted and scored against floors that
only ever rise (tests/real_floors.json); the whole corpus runs in make eval-real."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from pathlib import Path

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "data" / "real"
TRUTH = REAL / "truth"
RESERVED = ROOT.parent / "shared" / "reserved.sha256"
FLOORS = Path(__file__).resolve().parent / "real_floors.json"
DOCUMENT_SUFFIXES = {".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".docx", ".doc", ".odt"}
MAX_FILE = 5 * 1024 * 1024
MAX_CORPUS = 60 * 1024 * 1024


def _documents() -> list[Path]:
    return sorted(p for p in REAL.iterdir() if p.suffix.lower() in DOCUMENT_SUFFIXES)


def _truths() -> list[Path]:
    return sorted(TRUTH.glob("*.json"))


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _provenance() -> dict[str, dict[str, str]]:
    """The rows of the provenance table in data/real/README.md, by file name."""
    rows: dict[str, dict[str, str]] = {}
    header: list[str] = []
    for line in (REAL / "README.md").read_text("utf-8").splitlines():
        if not line.startswith("|"):
            header = [] if not line.strip() else header
            continue
        cells = [c.strip().strip("`") for c in line.strip().strip("|").split("|")]
        if not header:
            header = cells
        elif not set(line) <= set("|-: "):
            rows[cells[0]] = dict(zip(header, cells, strict=True))
    return rows


def test_every_document_has_its_truth_and_every_truth_its_document() -> None:
    assert {p.stem for p in _documents()} == {p.stem for p in _truths()}
    assert len(_documents()) >= 40


@pytest.mark.parametrize("path", _truths(), ids=lambda p: p.stem)
def test_truth_validates_and_names_the_documents_bytes(path: Path) -> None:
    text = path.read_text("utf-8")
    assert text == unicodedata.normalize("NFC", text)
    truth = json.loads(text)
    schema = json.loads((REAL / "truth.schema.json").read_text("utf-8"))
    jsonschema.validate(truth, schema)
    document = REAL / truth["source"]
    assert document.stem == path.stem and _sha(document) == truth["sha256"]


def test_the_corpus_is_light_and_holds_nothing_reserved() -> None:
    sizes = [p.stat().st_size for p in _documents()]
    assert max(sizes) <= MAX_FILE and sum(sizes) <= MAX_CORPUS
    if RESERVED.exists():  # the measurement set, beside the project where it is checked out
        reserved = set(re.findall(r"^[0-9a-f]{64}", RESERVED.read_text(), re.M))
        assert reserved and not reserved & {_sha(p) for p in _documents()}


def test_every_document_has_a_provenance_row_with_its_digest() -> None:
    rows = _provenance()
    assert set(rows) == {p.name for p in _documents()}
    for path in _documents():
        assert rows[path.name]["sha256"] == _sha(path), path.name
    assert len({r["source"] for r in rows.values()}) >= 10


# --- the fast slice: text-layer files and a few scanned pages, each against its floors ---------

SLICE = [
    "tb-565-ubnd-quang-ngai-2024.pdf",  # digital, duties under body headings
    "tb-co-phan-hoa-qisc-ubnd-quang-ngai-2025.pdf",  # digital, a distributive list
    "tb-2027-dhdl-2020.pdf",  # 1-bit scan with a landscape table page
    "cv-6191-bvdk-bac-ninh-2021.png",  # a colour page image, seal over the signer
]


@pytest.fixture(scope="module")
def slice_scores() -> dict:
    from pipeline.api import extract_document
    from pipeline.config import Config
    from pipeline.evaluate import score_document
    from pipeline.output.rows import document_json

    scores = {}
    for name in SLICE:
        result = extract_document(REAL / name, name, Config())
        truth = json.loads((TRUTH / f"{Path(name).stem}.json").read_text("utf-8"))
        scores[Path(name).stem] = score_document(document_json(result), truth)
    return scores


def test_the_slice_is_in_the_corpus_and_has_floors() -> None:
    floors = json.loads(FLOORS.read_text("utf-8"))
    assert set(floors) == {Path(n).stem for n in SLICE}
    assert all((REAL / n).exists() for n in SLICE)


@pytest.mark.parametrize("name", [Path(n).stem for n in SLICE])
@pytest.mark.parametrize("figure", ["task_f1", "metadata", "deadlines"])
def test_real_document_scores_at_least_its_floor(slice_scores: dict, name: str, figure: str) -> None:
    score = slice_scores[name]
    measured = {
        "task_f1": score.all_tasks.f1 or 0.0,
        "metadata": score.meta_ok / score.meta_n if score.meta_n else 1.0,
        "deadlines": score.dues_found / score.dues_n if score.dues_n else 1.0,
    }[figure]
    floor = json.loads(FLOORS.read_text("utf-8"))[name][figure]
    assert measured >= floor, f"{name}: {figure} {measured:.2f} below its floor {floor:.2f}"
