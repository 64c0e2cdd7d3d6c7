"""`plans`: a thin command line over the library (options -> Config -> batch.run)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from . import __version__
from .config import FORMATS, Config


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="plans")
def main() -> None:
    """Turn archives of Vietnamese plans (Kế hoạch, Công văn, Phụ lục) into task tables."""


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Output folder (created if missing).")
@click.option("--format", "formats", multiple=True, type=click.Choice(FORMATS),
              help="Output formats; repeat for several. Default: all.")
@click.option("--lang", default="vie", show_default=True, help="Tesseract language(s) for OCR.")
@click.option("--dpi", default=300, show_default=True, type=click.IntRange(72, 600),
              help="Resolution scanned pages are rendered at for OCR.")
@click.option("--jobs", "-j", default=os.cpu_count() or 1, show_default="cores",
              type=click.IntRange(1, 256), help="Documents extracted in parallel.")
@click.option("--aliases", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="CSV of extra agency variants (columns of models/agencies.csv); wins over built-ins.")
@click.option("--force", is_flag=True, help="Re-extract documents already finished in this folder.")
@click.option("--force-ocr", is_flag=True, help="OCR every page, even those with a usable text layer.")
@click.option("--max-pages", default=500, show_default=True, type=click.IntRange(1),
              help="Refuse documents with more pages.")
@click.option("--page-timeout", default=120.0, show_default=True, type=click.FloatRange(1),
              help="Seconds of OCR allowed per page.")
@click.option("--doc-timeout", default=1800.0, show_default=True, type=click.FloatRange(1),
              help="Seconds allowed per document.")
@click.option("--max-memory", default=2048, show_default=True, type=click.IntRange(64),
              help="MB of memory per worker; a worker over it is replaced and its document fails.")
@click.option("--scheduler", metavar="ADDRESS", default=None,
              help="Run the per-document work on a Dask distributed scheduler (tcp://host:8786).")
@click.option("--tesseract", "tesseract_via", type=click.Choice(["library", "cli"]), default="library",
              show_default=True,
              help="Run Tesseract in the worker (model loaded once) or as one process per call.")
@click.option("--review", is_flag=True, help="Also write review/: HTML pages showing what was read.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def extract(
    inputs: tuple[Path, ...], out_dir: Path, formats: tuple[str, ...], lang: str, dpi: int, jobs: int,
    aliases: Path | None, force: bool, force_ocr: bool, max_pages: int, page_timeout: float,
    doc_timeout: float, max_memory: int, scheduler: str | None, tesseract_via: str, review: bool,
    quiet: bool,
) -> None:
    """Extract every plan under INPUTS (files or folders) into --out.

    Folders are searched recursively for .pdf, .png, .jpg and .tif files. Writes documents.csv,
    tasks.csv, task_agencies.csv, errors.csv, plans.xlsx, json/<doc_id>.json and manifest.json.
    Exit status: 0 when every document was extracted, 1 when some failed (see errors.csv).
    """
    from .batch import run
    from .ocr import tesseract_available

    problem = tesseract_available(lang)
    if problem:
        click.echo(f"warning: {problem}; scanned pages will fail", err=True)
    config = Config(
        lang=lang, dpi=dpi, formats=frozenset(formats or FORMATS), aliases=aliases,
        max_pages=max_pages, page_timeout=page_timeout, force_ocr=force_ocr,
        doc_timeout=doc_timeout, max_memory_mb=max_memory, page_images=review, tesseract=tesseract_via,
    )
    from .errors import UsageError, one_line

    try:
        report = run(
            list(inputs), out_dir, config, jobs=jobs, force=force, progress=not quiet,
            scheduler=scheduler, review=review,
        )
    except UsageError as exc:  # the folder is in use, the scheduler cannot be reached
        click.echo(f"error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except OSError as exc:  # the output folder cannot be written (permissions, disk full)
        click.echo(f"error: cannot write into {out_dir}: {exc.strerror or exc}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        click.echo(f"interrupted: finished documents are kept in {out_dir}/.cache; "
                   "run the same command again to go on", err=True)
        sys.exit(130)
    click.echo(report.summary(), err=True)
    for r in report.results:
        for e in r.errors:
            click.echo(f"error: {one_line(r.source)}: {e.message}", err=True)
    sys.exit(1 if report.failed else 0)


@main.group()
def agencies() -> None:
    """Agency names: debug how a cell is split and named."""


@agencies.command("normalize")
@click.argument("text")
@click.option("--aliases", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def normalize(text: str, aliases: Path | None) -> None:
    """Print the bodies in TEXT and their canonical names.

    A cell that starts with a bullet needs "--" before it:
    plans agencies normalize -- "- UBND huyện; - HĐ TĐKT huyện;"
    """
    from .agencies import AgencyMatcher

    matcher = AgencyMatcher.load(aliases)
    for ref in matcher.parse_cell(text):
        flag = "" if ref.known else "  [unknown]"
        generic = "  (generic)" if ref.generic else ""
        click.echo(f"{ref.raw}\t→ {ref.name}{generic}{flag}")


@main.command("review")
@click.argument("out_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
def review_command(out_dir: Path) -> None:
    """Write OUT_DIR/review/: HTML pages showing what was read, from a finished run's cache."""
    from .review import load_results, write_review

    try:
        results = load_results(out_dir)
    except FileNotFoundError:
        message = f"{out_dir} has no documents.csv: run plans extract --out {out_dir} first"
        raise click.ClickException(message) from None
    folder = write_review(results, out_dir)
    click.echo(f"{len(results)} documents: open {folder / 'index.html'}", err=True)


@main.command("evaluate")
@click.argument("out_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("truth_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--details", is_flag=True, help="Also metadata by field and every task missed or invented.")
def evaluate_command(out_dir: Path, truth_dir: Path, details: bool) -> None:
    """Score an extraction OUT_DIR against the truth files in TRUTH_DIR (the generated corpus's,
    or the hand-checked ones of data/real/truth)."""
    from .evaluate import evaluate_dirs, format_details, format_report

    report = evaluate_dirs(out_dir, truth_dir)
    click.echo(format_report(report))
    if details:
        click.echo(format_details(report))
