"""Builds the spaCy pipeline that finds bodies and dates in prose (`make model`).

Reads the gazetteer (models/agencies.csv) and writes models/spacy-agencies/. The pipeline code
lives in pipeline/agencies/nlp.py, which also builds the same pipeline in memory when this directory is
missing or older than the gazetteer, so running this only saves that work at start-up.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from spacy.language import Language

from pipeline.agencies import nlp
from pipeline.agencies.matcher import AgencyMatcher


def directory_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def write(pipeline: Language, out: Path) -> None:
    """Save next to `out`, then swap it in: a failed run leaves the old model whole."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out.parent) as tmp:
        staged = Path(tmp) / out.name
        pipeline.to_disk(staged)
        shutil.rmtree(out, ignore_errors=True)
        staged.rename(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=nlp.MODEL_DIR)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    matcher = AgencyMatcher.load()  # models/agencies.csv, as the pipeline reads it
    pipeline = nlp.build(matcher)
    write(pipeline, args.out)
    print(
        f"{args.out}: {nlp.pattern_count(pipeline)} patterns, "
        f"{directory_size(args.out) / 1024:.0f} KiB, {time.perf_counter() - started:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
