"""What `pip install plans` installs: the pipeline with its data files (gazetteer, spaCy model,
review templates), no generator, and only run-time dependencies outside the extras."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", str(ROOT),
         "-w", str(out)],
        check=True, capture_output=True, cwd=out,
    )  # fmt: skip
    (path,) = out.glob("plans-*.whl")
    return zipfile.ZipFile(path)


def test_the_wheel_carries_the_data_files_the_pipeline_reads(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    source = {p.relative_to(ROOT / "models").as_posix() for p in (ROOT / "models").rglob("*") if p.is_file()}
    assert {f"pipeline/models/{s}" for s in source if "__pycache__" not in s} <= names
    assert "pipeline/models/spacy-agencies/meta.json" in names
    review = "pipeline/output/review"
    assert {f"{review}/templates/index.html.j2", f"{review}/static/review.js"} <= names


def test_the_wheel_has_no_generator_and_no_generator_dependency(wheel: zipfile.ZipFile) -> None:
    names = wheel.namelist()
    assert not [n for n in names if n.startswith("synth/") or "/synth/" in n]
    metadata = wheel.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
    runtime = [ln for ln in metadata.splitlines() if ln.startswith("Requires-Dist:") and "extra ==" not in ln]
    assert runtime and not [ln for ln in runtime if "reportlab" in ln or "pytest" in ln]
