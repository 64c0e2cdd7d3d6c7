"""An archive run: find the documents, extract each (in parallel, cached), write the outputs.

Each finished document is kept in `<out>/.cache/` as soon as it is done, so a run that is
stopped (Ctrl-C, kill -9) loses nothing: the next run with the same inputs and options takes
finished documents from there and only re-writes the outputs. One run at a time per output
folder (`OUT/.lock`). Everything a run writes is named by doc_id and stays under `--out`.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import shutil
import stat
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from tqdm import tqdm

from pipeline.api import failed_pages
from pipeline.config import Config
from pipeline.errors import TRANSIENT_STAGES
from pipeline.model import DocumentResult, Stage, Status
from pipeline.output.export import RunInfo, atomic_write, write_outputs
from pipeline.output.rows import REVIEW_DIR
from pipeline.resources import models_dir
from pipeline.run.executors import Executor, make_executor
from pipeline.run.jobs import Job, Work, extract_job, failed
from pipeline.run.lock import OutputLock
from pipeline.sources.identity import doc_id_of
from pipeline.sources.pages import IMAGE_SUFFIXES, PDF_SUFFIXES
from pipeline.sources.word import WORD_SUFFIXES
from pipeline.version import __version__

log = logging.getLogger("plans")

SUFFIXES = PDF_SUFFIXES | IMAGE_SUFFIXES | WORD_SUFFIXES
CACHE_DIR = ".cache"
TMP_DIR = ".scratch"  # the workers' temporary files: removed after each run and before the next


@dataclass(frozen=True, slots=True)
class InputDoc:
    path: Path
    source: str  # relative to the input folder given, as documents.csv shows it
    problem: str = ""  # why it is not read at all (a link out of the archive, not a file)


@dataclass(slots=True)
class RunReport:
    results: list[DocumentResult]
    seconds: float
    cached: int = 0
    out_dir: Path = field(default_factory=Path)
    skipped: dict[str, int] = field(default_factory=dict)  # files not read, by extension
    extracted_pages: int = 0  # pages read in this run (not taken from the cache)

    @property
    def failed(self) -> int:
        return sum(r.status is Status.ERROR for r in self.results)

    @property
    def needs_review(self) -> int:
        return sum(r.plan.needs_review for r in self.results if r.plan and r.status is Status.OK)

    @property
    def tasks(self) -> int:
        return sum(len(r.plan.tasks) for r in self.results if r.plan)

    @property
    def ocr_pages(self) -> int:
        return sum(r.plan.ocr_pages for r in self.results if r.plan)

    @property
    def pages(self) -> int:
        return sum(r.plan.pages for r in self.results if r.plan)

    def summary(self) -> str:
        ok = len(self.results) - self.failed
        # A rate only over pages read now: pages served from the cache cost nothing.
        rate = (
            f", {self.extracted_pages / self.seconds * 60:.0f} pages/min"
            if self.extracted_pages and self.seconds
            else ""
        )
        skipped = (
            "; skipped (not a document the pipeline reads): "
            + ", ".join(f"{n} {ext}" for ext, n in sorted(self.skipped.items()))
            if self.skipped
            else ""
        )
        return (
            f"{len(self.results)} documents: {ok} ok, {self.failed} failed, {self.needs_review} to review "
            f"({self.cached} from cache); {self.tasks} tasks; {self.pages} pages ({self.ocr_pages} OCR'd); "
            f"{self.seconds:.1f} s{rate}{skipped}\noutputs in {self.out_dir}"
        )


# --- finding the documents --------------------------------------------------------------------


def display_name(text: str) -> str:
    """A path as text any file can hold: bytes that are not UTF-8 (kept by Python as lone
    surrogates) become U+FFFD, which CSV, XLSX and JSON writers all accept."""
    return os.fsencode(text).decode("utf-8", "replace")


def discover(
    inputs: list[Path], out_dir: Path | None = None, skipped: Counter[str] | None = None
) -> Iterator[InputDoc]:
    """Documents under the inputs, in a stable order; the output folder is never read as input.

    Entries that cannot be documents of the archive (links leaving it, link loops, FIFOs) are
    yielded with a `problem`, so that each gets its row instead of vanishing silently. Other
    files of the folders (a .xlsx, a .txt) are counted by extension in `skipped`.
    """
    out_real = out_dir.resolve() if out_dir else None
    skipped = Counter() if skipped is None else skipped
    for given in inputs:
        if not given.is_dir():
            yield _entry(given, given.name, None)
            continue
        root = given.resolve()
        found: list[InputDoc] = []
        for folder, dirs, files in os.walk(given, followlinks=False):
            here = Path(folder)
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and (here / d).resolve() != out_real)
            for name in sorted(files):
                path = here / name
                if name.startswith("."):
                    continue
                if path.suffix.lower() in SUFFIXES:
                    found.append(_entry(path, path.relative_to(given).as_posix(), root))
                else:
                    skipped[path.suffix.lower() or "(no extension)"] += 1
        yield from found


def _entry(path: Path, source: str, root: Path | None) -> InputDoc:
    source = display_name(source)
    try:
        if path.is_symlink():
            target = path.resolve(strict=True)
            if root is not None and not _inside(target, root):
                return InputDoc(path, source, "not read: a symbolic link pointing outside the input folder")
        mode = os.stat(path).st_mode
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop (Python 3.11)
        reason = getattr(exc, "strerror", None) or "symbolic link loop"
        return InputDoc(path, source, f"cannot read file: {reason}")
    if not stat.S_ISREG(mode):
        return InputDoc(path, source, "not read: not a regular file (a pipe, device or socket)")
    return InputDoc(path, source)


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
    except ValueError:
        return False
    return True


# --- the cache --------------------------------------------------------------------------------


@cache
def code_digest() -> str:
    """The pipeline's own code and built-in tables (gazetteer, abbreviations, successors,
    places): a change to any of them changes results."""
    package = Path(__file__).resolve().parents[1]
    h = hashlib.sha256(__version__.encode())
    for path in sorted(package.rglob("*.py")):
        h.update(path.relative_to(package).as_posix().encode())
        h.update(path.read_bytes())
    for path in sorted(models_dir().glob("*.csv")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:10]


def _settings_digest(config: Config) -> str:
    """The options that change what a document gives (not formats, jobs or time limits:
    outputs are re-written from the cache, and results of a crossed limit are not cached)."""
    aliases = hashlib.sha256(config.aliases.read_bytes()).hexdigest() if config.aliases else ""
    parts = (
        config.lang, config.dpi, config.force_ocr, config.max_pages, config.max_pixels,
        config.min_ocr_dpi, aliases,
    )  # fmt: skip
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:10]


def cache_key(doc_id: str, config: Config) -> str:
    return f"{doc_id}-{__version__}-{code_digest()}-{_settings_digest(config)}"


def _load_cached(cache_dir: Path, key: str) -> DocumentResult | None:
    try:
        with open(cache_dir / f"{key}.pkl", "rb") as f:
            result = pickle.load(f)
    except Exception:  # noqa: BLE001 - a damaged or outdated cache entry is only redone
        return None
    return result if isinstance(result, DocumentResult) else None


def cacheable(result: DocumentResult) -> bool:
    """Kept for the next run unless the failure may not happen again (a timeout, memory, a
    file being copied) or an OCR'd page failed: those documents are tried again."""
    if not result.doc_id:
        return False
    if result.status is Status.ERROR:
        return not any(e.stage in TRANSIENT_STAGES for e in result.errors)
    return result.plan is None or not failed_pages(result.plan)


def _store(cache_dir: Path, key: str, result: DocumentResult) -> None:
    with atomic_write(cache_dir / f"{key}.pkl", "wb") as f:
        pickle.dump(result, f, protocol=pickle.HIGHEST_PROTOCOL)


def _sweep_temporaries(out_dir: Path) -> None:
    """Half-written files of a run that was killed (atomic_write's `.name.xxxx.tmp`, the workers'
    scratch folder): never read, removed before anything else is written."""
    for folder in (out_dir, out_dir / "json", out_dir / CACHE_DIR):
        if folder.is_dir():
            for tmp in folder.glob(".*.tmp"):
                tmp.unlink(missing_ok=True)
    shutil.rmtree(out_dir / TMP_DIR, ignore_errors=True)


# --- the run ----------------------------------------------------------------------------------


@dataclass(slots=True)
class _Plan:
    """What this run has to do: documents done (from cache or refused), jobs to run, their keys."""

    results: dict[int, DocumentResult] = field(default_factory=dict)
    jobs: list[Job] = field(default_factory=list)
    keys: dict[int, str] = field(default_factory=dict)
    ids: dict[int, str] = field(default_factory=dict)
    cached: int = 0


def _plan_run(docs: list[InputDoc], cache_dir: Path, config: Config, force: bool) -> _Plan:
    todo = _Plan()
    for i, doc in enumerate(docs):
        job = Job(i, doc.path, doc.source)
        if doc.problem:
            todo.results[i] = failed(job, Stage.READ, doc.problem)
            continue
        try:
            doc_id = doc_id_of(doc.path)
        except OSError as exc:
            todo.results[i] = failed(job, Stage.READ, f"cannot read file: {exc.strerror or exc}")
            continue
        key = cache_key(doc_id, config)
        cached = None if force else _load_cached(cache_dir, key)
        if cached is not None:
            cached.source = doc.source
            for error in cached.errors:
                error.source = doc.source
            todo.results[i] = cached
            todo.cached += 1
        else:
            todo.jobs.append(Job(i, doc.path, doc.source, doc_id))
            todo.keys[i], todo.ids[i] = key, doc_id
    # Largest first: a big scan started last would keep one worker busy while the others idle.
    # (The outputs keep the archive's order whatever order the work is done in.)
    todo.jobs.sort(key=lambda job: _size(job.path), reverse=True)
    return todo


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def run(
    inputs: list[Path],
    out_dir: Path,
    config: Config,
    jobs: int = 1,
    force: bool = False,
    progress: bool = True,
    work: Work | None = None,
    scheduler: str | None = None,
    review: bool = False,
    executor: Executor | None = None,
    log_file: Path | None = None,
) -> RunReport:
    """Extract every document under `inputs` into `out_dir`. Raises FolderInUse when another run
    writes there, SchedulerError when --scheduler cannot be reached; KeyboardInterrupt passes
    through after the workers are stopped (finished documents are in the cache).

    Each document's outcome is logged (logger "plans"); log_file: where the local workers'
    native libraries (Tesseract, Leptonica) may write their own messages, else nowhere.

    A script may call run() at its top level: the local workers do not import the script again
    (the usual `if __name__ == "__main__":` guard is needed only when `work` is defined there).
    """
    started = time.perf_counter()
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    out_dir.mkdir(parents=True, exist_ok=True)
    with OutputLock(out_dir):
        _sweep_temporaries(out_dir)
        cache_dir = out_dir / CACHE_DIR
        cache_dir.mkdir(exist_ok=True)
        skipped: Counter[str] = Counter()
        docs = list(discover(inputs, out_dir, skipped))
        todo = _plan_run(docs, cache_dir, config, force)
        if todo.jobs:
            scratch = out_dir / TMP_DIR
            executor = executor or make_executor(
                jobs,
                config,
                scheduler,
                work or extract_job,
                scratch,
                log_file.resolve() if log_file else None,
            )
            _execute(todo, executor, config, cache_dir, len(docs), progress and sys.stderr.isatty())
        ordered = [todo.results[i] for i in range(len(docs))]
        seconds = time.perf_counter() - started
        info = RunInfo(__version__, [display_name(str(p)) for p in inputs], stamp, seconds,
                       _options(config, jobs, scheduler), dict(skipped))  # fmt: skip
        removed = [] if review else _remove_review(out_dir)
        write_outputs(ordered, out_dir, config.formats, info, review=review, removed=removed)
        shutil.rmtree(out_dir / TMP_DIR, ignore_errors=True)
        if review:  # under the lock too: it writes into the same folder
            from pipeline.output.review import write_review

            write_review(ordered, out_dir)
    extracted = sum(todo.results[j.index].plan.pages for j in todo.jobs if todo.results[j.index].plan)
    return RunReport(ordered, seconds, todo.cached, out_dir, dict(skipped), extracted)


def _remove_review(out_dir: Path) -> list[str]:
    """Review pages of an earlier run would no longer match the outputs: removed (`plans review
    OUT` writes them again from the cache)."""
    folder = out_dir / REVIEW_DIR
    if not folder.is_dir():
        return []
    shutil.rmtree(folder, ignore_errors=True)
    return [f"{REVIEW_DIR}/"]


def _execute(
    todo: _Plan, executor: Executor, config: Config, cache_dir: Path, total: int, progress: bool
) -> None:
    bar = tqdm(
        total=total,
        initial=total - len(todo.jobs),
        unit="doc",
        desc="plans",
        file=sys.stderr,
        disable=not progress,
        dynamic_ncols=True,
        smoothing=0.1,
    )
    pages = ocr = 0
    try:
        for job, result in executor.map(todo.jobs, config):
            result.doc_id = result.doc_id or todo.ids[job.index]
            todo.results[job.index] = result
            if cacheable(result):
                _store(cache_dir, todo.keys[job.index], result)
            if result.plan:
                pages, ocr = pages + result.plan.pages, ocr + result.plan.ocr_pages
            _log_result(result)
            bar.update(1)
            bar.set_postfix(pages=pages, ocr=ocr, refresh=False)
    finally:
        executor.close()
        bar.close()


def _log_result(result: DocumentResult) -> None:
    if result.status is Status.ERROR:
        for e in result.errors:
            log.warning("%s: failed at %s: %s", result.source, e.stage or "?", e.message)
        return
    plan = result.plan
    tasks = len(plan.tasks) if plan else 0
    review = " (to review)" if plan and plan.needs_review else ""
    log.info("%s: %d tasks, %d pages, %.1f s%s", result.source, tasks, plan.pages if plan else 0,
             result.seconds, review)  # fmt: skip


def _options(config: Config, jobs: int, scheduler: str | None) -> dict[str, object]:
    return {
        "lang": config.lang, "dpi": config.dpi, "formats": sorted(config.formats), "jobs": jobs,
        "max_pages": config.max_pages, "max_pixels": config.max_pixels, "force_ocr": config.force_ocr,
        "page_timeout": config.page_timeout, "doc_timeout": config.doc_timeout,
        "max_memory_mb": config.max_memory_mb, "scheduler": scheduler, "tesseract": config.tesseract,
        "aliases": str(config.aliases) if config.aliases else None,
    }  # fmt: skip
