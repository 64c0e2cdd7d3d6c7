"""Regenerate data/real-text/: every transcription in data/real-text/text/, typeset in each
rendering of synth.realtext.RENDERINGS, with its truth in data/real-text/truth/.

The renderings are written to --out (not committed: the transcriptions are the source, and the
same code writes the same bytes); the truths, which name their file's SHA-256, are committed.
`--check` writes nothing to the truth folder and fails when a committed truth differs.

    python scripts/make_real_text.py --out data/processed/real-text/docs [--only NAME] [--check]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from synth.realtext import RENDERINGS, load, render, sha256_of, styled, truth  # noqa: E402

TEXT = ROOT / "data" / "real-text" / "text"
TRUTH = ROOT / "data" / "real-text" / "truth"


def make(txt: Path, out: Path, truth_dir: Path, work: Path) -> list[tuple[Path, str]]:
    """Write the renderings of one plan; returns (truth path, truth JSON) of each."""
    spec, meta = load(txt)
    made = []
    for seed, r in enumerate(RENDERINGS, start=1):
        plan = styled(spec, r)
        doc = out / f"{plan.name}{r.ext}"
        layout = render(plan, r, doc, work, seed)
        record = truth(plan, layout, meta, doc.name, sha256_of(doc), r.kind == "word")
        record["notes"] += f" Rendering: {r.describe()}."
        made.append((truth_dir / f"{plan.name}.json",
                     json.dumps(record, ensure_ascii=False, indent=1) + "\n"))
    return made


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=ROOT / "data" / "processed" / "real-text" / "docs")
    ap.add_argument("--truth", type=Path, default=TRUTH)
    ap.add_argument("--only", action="append", help="a transcription's name (repeatable)")
    ap.add_argument("--check", action="store_true", help="compare with the committed truths")
    args = ap.parse_args(argv)
    texts = sorted(p for p in TEXT.glob("*.txt") if not args.only or p.stem in args.only)
    stale = []
    with tempfile.TemporaryDirectory(prefix="real-text-") as tmp:
        for txt in texts:
            for path, text in make(txt, args.out, args.truth, Path(tmp)):
                if args.check:
                    if not path.exists() or path.read_text(encoding="utf-8") != text:
                        stale.append(path.name)
                else:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_text(text, encoding="utf-8")
            print(f"{txt.stem}: {len(RENDERINGS)} renderings", file=sys.stderr)
    if stale:
        print("truths differ from the committed ones: " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
