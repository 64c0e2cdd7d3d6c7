"""An archive run: find the documents, extract each (in parallel, cached), write the outputs.

Each finished document is kept in `<out>/.cache/` as soon as it is done, so a run that is stopped
loses nothing: the next run with the same inputs takes finished documents from there.
"""

from __future__ import annotations

import os
import pickle
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from tqdm import tqdm

from . import __version__
from .api import doc_id_of, extract_document
from .config import Config
from .export import RunInfo, atomic_write, write_outputs
from .model import DocumentResult, ErrorItem, Status
from .pages import IMAGE_SUFFIXES, PDF_SUFFIXES

SUFFIXES = PDF_SUFFIXES | IMAGE_SUFFIXES
CACHE_DIR = ".cache"


@dataclass(frozen=True, slots=True)
class InputDoc:
    path: Path
    source: str  # relative to the input folder given, as documents.csv shows it


@dataclass(slots=True)
class RunReport:
    results: list[DocumentResult]
    seconds: float
    cached: int = 0
    out_dir: Path = field(default_factory=Path)

    @property
    def failed(self) -> int:
        return sum(r.status is Status.ERROR for r in self.results)

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
        rate = self.pages / self.seconds * 60 if self.seconds else 0.0
        return (
            f"{len(self.results)} documents: {ok} ok, {self.failed} failed ({self.cached} from cache); "
            f"{self.tasks} tasks; {self.pages} pages ({self.ocr_pages} OCR'd); "
            f"{self.seconds:.1f} s, {rate:.0f} pages/min"
        )


def discover(inputs: list[Path], out_dir: Path | None = None) -> Iterator[InputDoc]:
    """Documents under the inputs, in a stable order; the output folder is never read as input."""
    out_real = out_dir.resolve() if out_dir else None
    for given in inputs:
        if given.is_file():
            yield InputDoc(given, given.name)
            continue
        root = given.resolve()
        found: list[InputDoc] = []
        for folder, dirs, files in os.walk(given, followlinks=False):
            here = Path(folder)
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and (here / d).resolve() != out_real)
            for name in sorted(files):
                path = here / name
                if path.suffix.lower() not in SUFFIXES or name.startswith("."):
                    continue
                if path.is_symlink() and not _inside(path.resolve(), root):
                    continue  # a link out of the archive is not part of it
                found.append(InputDoc(path, path.relative_to(given).as_posix()))
        yield from found


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
    except ValueError:
        return False
    return True


def _cache_key(doc_id: str, config: Config) -> str:
    return f"{doc_id}-{__version__}-{config.lang}-{config.dpi}-{int(config.force_ocr)}"


def _load_cached(cache: Path, key: str) -> DocumentResult | None:
    try:
        with open(cache / f"{key}.pkl", "rb") as f:
            result = pickle.load(f)
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError):
        return None
    return result if isinstance(result, DocumentResult) else None


def _store(cache: Path, key: str, result: DocumentResult) -> None:
    with atomic_write(cache / f"{key}.pkl", "wb") as f:
        pickle.dump(result, f, protocol=pickle.HIGHEST_PROTOCOL)


def _work(doc: InputDoc, config: Config) -> DocumentResult:
    return extract_document(doc.path, doc.source, config)


def _init_worker() -> None:
    # One Tesseract thread per worker: the workers already use every core, and Tesseract's
    # OpenMP threads would only fight over them.
    os.environ["OMP_THREAD_LIMIT"] = "1"


def run(
    inputs: list[Path],
    out_dir: Path,
    config: Config,
    jobs: int = 1,
    force: bool = False,
    progress: bool = True,
    work: Callable[[InputDoc, Config], DocumentResult] = _work,
    scheduler: str | None = None,
    review: bool = False,
) -> RunReport:
    started = time.perf_counter()
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    out_dir.mkdir(parents=True, exist_ok=True)
    cache = out_dir / CACHE_DIR
    cache.mkdir(exist_ok=True)
    docs = list(discover(inputs, out_dir))
    results: dict[int, DocumentResult] = {}
    todo: list[tuple[int, InputDoc]] = []
    keys: dict[int, str] = {}
    n_cached = 0
    for i, doc in enumerate(docs):
        try:
            key = _cache_key(doc_id_of(doc.path), config)
        except OSError as exc:
            results[i] = DocumentResult("", doc.source, Status.ERROR, errors=[
                ErrorItem(doc.source, "open", f"cannot read file: {exc.strerror or exc}")])
            continue
        cached = None if force else _load_cached(cache, key)
        if cached is not None:
            cached.source = doc.source
            results[i] = cached
            n_cached += 1
        else:
            todo.append((i, doc))
            keys[i] = key
    bar = tqdm(total=len(docs), initial=len(docs) - len(todo), unit="doc", file=sys.stderr,
               disable=not progress or len(docs) < 2, desc="plans")
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    for i, result in _execute(todo, config, jobs, work):
        results[i] = result
        if result.doc_id:
            _store(cache, keys[i], result)
        bar.update(1)
        bar.set_postfix(pages=sum(r.plan.pages for r in results.values() if r.plan))
    bar.close()
    ordered = [results[i] for i in range(len(docs))]
    seconds = time.perf_counter() - started
    info = RunInfo(__version__, [str(p) for p in inputs], stamp, seconds, _options(config, jobs))
    write_outputs(ordered, out_dir, config.formats, info)
    return RunReport(ordered, seconds, n_cached, out_dir)


def _execute(
    todo: list[tuple[int, InputDoc]], config: Config, jobs: int,
    work: Callable[[InputDoc, Config], DocumentResult],
) -> Iterator[tuple[int, DocumentResult]]:
    if jobs <= 1 or len(todo) <= 1:
        for i, doc in todo:
            yield i, work(doc, config)
        return
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker) as pool:
        futures: dict[Future[DocumentResult], tuple[int, InputDoc]] = {
            pool.submit(work, doc, config): (i, doc) for i, doc in todo
        }
        pending = set(futures)
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for fut in done:
                i, doc = futures[fut]
                try:
                    yield i, fut.result()
                except Exception as exc:  # noqa: BLE001 - a worker that died is that document's error
                    yield i, DocumentResult("", doc.source, Status.ERROR, errors=[
                        ErrorItem(doc.source, "worker", f"worker failed: {type(exc).__name__}: {exc}")])


def _options(config: Config, jobs: int) -> dict[str, object]:
    return {
        "lang": config.lang, "dpi": config.dpi, "formats": sorted(config.formats), "jobs": jobs,
        "max_pages": config.max_pages, "max_pixels": config.max_pixels,
        "aliases": str(config.aliases) if config.aliases else None,
    }
