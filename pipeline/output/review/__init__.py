"""Review pages: static HTML showing, over each page image, what the pipeline read there.

`write_review(results, out_dir)` writes `out_dir/review/` from the same DocumentResults the
exports are written from; `load_results(out_dir)` gets them back from a finished run's cache
(for `plans review OUTDIR`).
"""

from __future__ import annotations

from pipeline.output.review.build import REVIEW_DIR, write_review
from pipeline.output.review.loader import load_results

__all__ = ["REVIEW_DIR", "load_results", "write_review"]
