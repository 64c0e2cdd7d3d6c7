"""`plans`: a thin command line over the library (options -> Config -> batch.run)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from pipeline.config import (
    DPI_RANGE,
    FORMATS,
    MIN_MAX_PAGES,
    MIN_MEMORY_MB,
    TESSERACT_WAYS,
    Config,
)
from pipeline.version import __version__

_DEFAULT = Config()  # the options' defaults are the library's


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
@click.option("--lang", default=_DEFAULT.lang, show_default=True, help="Tesseract language(s) for OCR.")
@click.option("--dpi", default=_DEFAULT.dpi, show_default=True, type=click.IntRange(*DPI_RANGE),
              help="Resolution scanned pages are rendered at for OCR.")
@click.option("--jobs", "-j", default=os.cpu_count() or 1, show_default="cores",
              type=click.IntRange(1, 256), help="Documents extracted in parallel.")
@click.option("--aliases", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="CSV of extra agency variants (columns of models/agencies.csv); wins over built-ins.")
@click.option("--force", is_flag=True, help="Re-extract documents already finished in this folder.")
@click.option("--force-ocr", is_flag=True, help="OCR every page, even those with a usable text layer.")
@click.option("--max-pages", default=_DEFAULT.max_pages, show_default=True,
              type=click.IntRange(MIN_MAX_PAGES),
              help="Refuse documents with more pages.")
@click.option("--page-timeout", default=_DEFAULT.page_timeout, show_default=True,
              type=click.FloatRange(0, min_open=True),
              help="Seconds of OCR allowed per page.")
@click.option("--doc-timeout", default=_DEFAULT.doc_timeout, show_default=True,
              type=click.FloatRange(0, min_open=True),
              help="Seconds allowed per document.")
@click.option("--max-memory", default=_DEFAULT.max_memory_mb, show_default=True,
              type=click.IntRange(MIN_MEMORY_MB),
              help="MB of memory per worker; a worker over it is replaced and its document fails.")
@click.option("--scheduler", metavar="ADDRESS", default=None,
              help="Run the per-document work on a Dask distributed scheduler (tcp://host:8786).")
@click.option("--tesseract", "tesseract_via", type=click.Choice(TESSERACT_WAYS), default=_DEFAULT.tesseract,
              show_default=True,
              help="Run Tesseract in the worker (model loaded once) or as one process per call.")
@click.option("--review", is_flag=True, help="Also write review/: HTML pages showing what was read.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option("--verbose", "-v", count=True, help="Say each document's outcome (-vv: more).")
@click.option("--log-file", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the log there, with the OCR libraries' own messages.")
def extract(
    inputs: tuple[Path, ...], out_dir: Path, formats: tuple[str, ...], lang: str, dpi: int, jobs: int,
    aliases: Path | None, force: bool, force_ocr: bool, max_pages: int, page_timeout: float,
    doc_timeout: float, max_memory: int, scheduler: str | None, tesseract_via: str, review: bool,
    quiet: bool, verbose: int, log_file: Path | None,
) -> None:
    """Extract every plan under INPUTS (files or folders) into --out.

    Folders are searched recursively for .pdf, .png, .jpg, .tif, .docx, .doc and .odt files.
    Writes documents.csv, tasks.csv, task_agencies.csv, errors.csv, warnings.csv, plans.xlsx,
    json/<doc_id>.json and manifest.json. Exit status: 0 when every document was extracted,
    1 when some failed (see errors.csv), 2 when there was nothing to read or an option is wrong.
    """
    from pipeline.run.batch import run
    from pipeline.sources.ocr import tesseract_available

    _logging(verbose, log_file)

    problem = tesseract_available(lang)
    if problem:
        click.echo(f"warning: {problem}; scanned pages will fail", err=True)
    config = Config(
        lang=lang,
        dpi=dpi,
        formats=frozenset(formats or FORMATS),
        aliases=aliases,
        max_pages=max_pages,
        page_timeout=page_timeout,
        force_ocr=force_ocr,
        doc_timeout=doc_timeout,
        max_memory_mb=max_memory,
        tesseract=tesseract_via,
    )
    from pipeline.errors import UsageError, one_line

    try:
        report = run(
            list(inputs),
            out_dir,
            config,
            jobs=jobs,
            force=force,
            progress=not quiet,
            scheduler=scheduler,
            review=review,
            log_file=log_file,
        )
    except UsageError as exc:  # the folder is in use, the scheduler cannot be reached
        click.echo(f"error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except OSError as exc:  # the output folder cannot be written (permissions, disk full)
        click.echo(f"error: cannot write into {out_dir}: {exc.strerror or exc}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        click.echo(
            f"interrupted: finished documents are kept in {out_dir}/.cache; "
            "run the same command again to go on",
            err=True,
        )
        sys.exit(130)
    finally:
        from pipeline.run.workers import stop_helper_processes

        stop_helper_processes()
    if not report.results:
        click.echo(f"warning: no document to read in {', '.join(map(str, inputs))} "
                   "(.pdf, .png, .jpg, .tif, .docx, .doc, .odt)", err=True)  # fmt: skip
        click.echo(report.summary(), err=True)
        sys.exit(2)
    click.echo(report.summary(), err=True)
    for r in report.results:
        for e in r.errors:
            click.echo(f"error: {one_line(r.source)}: {e.message}", err=True)
    sys.exit(1 if report.failed else 0)


def _logging(verbose: int, log_file: Path | None) -> None:
    """The "plans" logger: warnings (and with -v each document) on stderr; all in --log-file."""
    import logging

    logger = logging.getLogger("plans")
    for old in list(logger.handlers):  # a second command in one process (tests, a notebook)
        logger.removeHandler(old)
        old.close()
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    screen = logging.StreamHandler(sys.stderr)
    screen.setLevel(logging.DEBUG if verbose > 1 else logging.INFO if verbose else logging.ERROR)
    screen.setFormatter(logging.Formatter("%(message)s"))
    logger.addHandler(screen)
    if log_file:
        file = logging.FileHandler(log_file, encoding="utf-8")
        file.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        logger.addHandler(file)


@main.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of json/<doc_id>.json records."""
    import json

    from pipeline.output.schema import record_schema

    click.echo(json.dumps(record_schema(), ensure_ascii=False, indent=1))


@main.group()
def agencies() -> None:
    """Agency names: how a cell is split, expanded and named, and why."""


_ALIASES = click.option(
    "--aliases",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="CSV of your own rows (variant,canonical,level,kind,generic); they win over the built-in ones.",
)


@agencies.command("normalize")
@click.argument("text")
@_ALIASES
def normalize(text: str, aliases: Path | None) -> None:
    """Print the bodies in TEXT and their canonical names.

    A cell that starts with a bullet needs "--" before it:
    plans agencies normalize -- "- UBND huyện; - HĐ TĐKT huyện;"
    """
    from pipeline.agencies.matcher import AgencyMatcher

    matcher = AgencyMatcher.load(aliases)
    for ref in matcher.parse_cell(text):
        flag = "" if ref.known else "  [unknown]"
        generic = "  (generic)" if ref.generic else ""
        click.echo(f"{ref.raw}\t→ {ref.name}{generic}{flag}")


@agencies.command("explain")
@click.argument("text_or_file")
@click.option(
    "--date", "on", metavar="YYYY-MM-DD", help="The document's date, for successors (2025 reorganisation)."
)
@_ALIASES
def explain(text_or_file: str, on: str | None, aliases: Path | None) -> None:
    """Print how each name in TEXT_OR_FILE was split, expanded and matched, and why.

    TEXT_OR_FILE is a phrase ("Giám đốc Sở GD&ĐT, các đơn vị có liên quan") or a text file,
    read line by line; abbreviations the file defines ("Ban Chỉ đạo (BCĐ)") are applied to
    the rest of it.
    """
    from pipeline.agencies.matcher import AgencyMatcher

    matcher = AgencyMatcher.load(aliases)
    path = Path(text_or_file)
    if "\n" not in text_or_file and len(text_or_file.encode()) < 255 and path.is_file():
        text = path.read_text(encoding="utf-8", errors="replace")
        matcher = matcher.for_document(text)
        for word, name in sorted(matcher.defined.items()):
            click.echo(f"defined in the document: {word} = {name}")
        lines = [ln for ln in text.splitlines() if ln.strip()]
    else:
        lines = [text_or_file]
    for line in lines:
        if len(lines) > 1:
            click.echo(f"# {line.strip()[:100]}")
        for step in matcher.explain(line, on):
            click.echo(f"  {step}")


@main.command("review")
@click.argument("out_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
def review_command(out_dir: Path) -> None:
    """Write OUT_DIR/review/: HTML pages showing what was read, from a finished run's cache."""
    from pipeline.output.review import load_results, write_review

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
    from pipeline.evaluate import evaluate_dirs, format_details, format_report

    report = evaluate_dirs(out_dir, truth_dir)
    click.echo(format_report(report))
    if details:
        click.echo(format_details(report))
