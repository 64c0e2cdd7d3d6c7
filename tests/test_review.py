"""Review pages of the sample archive, opened in a real headless browser.

Debian's `chromium` (installed by `make setup`) driven by Playwright: no browser is downloaded.
The sample archive is extracted once for the module (about 30 s), as `plans extract --review`
does it: batch.run with page images, then write_review over the same results.

`REVIEW_SCREENSHOT=docs/review.png pytest tests/test_review.py` also refreshes the README's
screenshot (a small palette PNG); by default it goes to a temporary folder.
"""

from __future__ import annotations

import copy
import csv
import os
import re
import shutil
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from pipeline.cli import main
from pipeline.config import Config
from pipeline.model import MERGED_ACROSS_PAGES, Box, ReadBy, Source
from pipeline.output.review import load_results, write_review
from pipeline.output.review.charts import Bar, hbar_chart, histogram
from pipeline.run.batch import RunReport, run
from tests.conftest import SAMPLES

CHROMIUM = Path("/usr/bin/chromium")
MERGED = MERGED_ACROSS_PAGES
VIEWPORT = {"width": 1280, "height": 800}


@dataclass
class Sample:
    out: Path
    review: Path
    report: RunReport
    review_seconds: float


@dataclass
class Tab:
    """A browser page that keeps every console error, page error and non-local request."""

    page: object
    problems: list[str] = field(default_factory=list)

    def open(self, path: Path) -> None:
        self.page.goto(path.as_uri())
        self.page.wait_for_load_state("load")

    def assert_clean(self) -> None:
        assert self.problems == []


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Sample:
    out = tmp_path_factory.mktemp("review-run")
    report = run([SAMPLES], out, Config(), jobs=2, progress=False)
    started = time.perf_counter()
    folder = write_review(report.results, out)
    return Sample(out, folder, report, time.perf_counter() - started)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.is_file():
        pytest.fail(
            f"{CHROMIUM} is missing: `make setup` installs Debian's chromium (apt-get install chromium)"
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("the playwright package is missing: `make setup` installs the dev extras")
    with sync_playwright() as pw:
        # Debian's browser, never one of Playwright's own downloads (nothing can be downloaded here).
        launched = pw.chromium.launch(executable_path=str(CHROMIUM))
        yield launched
        launched.close()


@pytest.fixture
def tab(browser: object) -> Iterator[Tab]:
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    found = Tab(page)
    page.on(
        "console",
        lambda m: found.problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None,
    )
    page.on("pageerror", lambda e: found.problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: found.problems.append(f"failed: {r.url}"))
    # The pages must work from disk alone: any request that is not a local file is a fault.
    page.on(
        "request",
        lambda r: (
            None if r.url.startswith(("file:", "data:")) else found.problems.append(f"network: {r.url}")
        ),
    )
    yield found
    context.close()


# --- the folder -----------------------------------------------------------------------------


def test_review_folder_is_small_and_self_contained(sample: Sample) -> None:
    files = [p for p in sample.review.rglob("*") if p.is_file()]
    size = sum(p.stat().st_size for p in files)
    pages = sample.report.pages
    assert size < 5_000_000, f"review/ is {size / 1e6:.1f} MB for {pages} pages"
    docs = _rows(sample.out / "documents.csv")
    names = {p.relative_to(sample.review).as_posix() for p in files}
    assert {f"{d['doc_id']}.html" for d in docs} | {"index.html", "review.css", "review.js"} <= names
    assert len([n for n in names if n.startswith("img/")]) == pages  # one image per page, as files
    for path in files:
        if path.suffix in {".html", ".css", ".js"}:
            text = path.read_text(encoding="utf-8")
            # Nothing from a CDN: no remote src/href, no remote CSS import or url().
            assert not re.search(
                r"""(src|href)=["']?(https?:)?//|url\(\s*["']?(https?:)?//|@import""", text
            ), path
            assert "data:image" not in text or path.suffix != ".html"  # images are files, not base64
    print(
        f"review: {size / 1e6:.2f} MB, written in {sample.review_seconds:.2f} s; "
        f"extraction {sample.report.seconds:.1f} s"
    )


def test_plans_review_command_rebuilds_it_from_the_cache(sample: Sample, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(sample.out, out, ignore=shutil.ignore_patterns("review"))
    (out / "review" / "img").mkdir(parents=True)
    (out / "review" / "img" / "gone-1.jpg").write_bytes(b"stale")  # of a document no longer in the run
    result = CliRunner().invoke(main, ["review", str(out)])
    assert result.exit_code == 0, result.output
    before = sorted(p.relative_to(sample.review) for p in sample.review.rglob("*"))
    after = sorted(p.relative_to(out / "review") for p in (out / "review").rglob("*"))
    assert after == before
    loaded = load_results(out)
    assert [r.doc_id for r in loaded] == [r.doc_id for r in sample.report.results]
    assert CliRunner().invoke(main, ["review", str(tmp_path)]).exit_code != 0  # no documents.csv there


# --- in the browser -------------------------------------------------------------------------


def test_index_lists_every_document_problems_first_and_sorts(sample: Sample, tab: Tab) -> None:
    tab.open(sample.review / "index.html")
    page = tab.page
    docs = _rows(sample.out / "documents.csv")
    rows = page.locator("table.docs tbody tr")
    assert rows.count() == len(docs)
    to_review = [int(v) for v in page.locator("table.docs tbody td:nth-child(6)").all_inner_texts()]
    assert to_review == sorted(to_review, reverse=True)  # no failures here: most to review first
    assert page.locator("svg.chart").count() == 3  # agencies, periods, OCR confidence
    assert page.locator("svg.hbar g.row").count() <= 20 + 30  # top 20 agencies, and the periods
    page.get_by_role("button", name="Tasks", exact=True).click()
    tasks = [int(v) for v in page.locator("table.docs tbody td:nth-child(5)").all_inner_texts()]
    assert tasks == sorted(tasks)
    assert page.locator("th[aria-sort=ascending]").count() == 1
    page.get_by_role("button", name="Tasks", exact=True).click()
    tasks = [int(v) for v in page.locator("table.docs tbody td:nth-child(5)").all_inner_texts()]
    assert tasks == sorted(tasks, reverse=True)
    for href in page.locator("table.docs a").evaluate_all("els => els.map(e => e.getAttribute('href'))"):
        assert (sample.review / href).is_file()
    tab.assert_clean()


def test_each_document_page_lists_the_tasks_of_tasks_csv(sample: Sample, tab: Tab) -> None:
    tasks = _rows(sample.out / "tasks.csv")
    agencies = _rows(sample.out / "task_agencies.csv")
    for doc in _rows(sample.out / "documents.csv"):
        mine = [t for t in tasks if t["doc_id"] == doc["doc_id"]]
        tab.open(sample.review / f"{doc['doc_id']}.html")
        page = tab.page
        rows = page.locator("tr.task")
        assert rows.count() == len(mine) == int(doc["task_count"]), doc["source"]
        seqs = rows.evaluate_all("els => els.map(e => e.dataset.seq)")
        assert sorted(seqs, key=int) == [t["seq"] for t in mine]
        assert page.locator("tr.task.needs-review").count() == sum(t["needs_review"] == "true" for t in mine)
        unknown = sum(a["known"] == "false" for a in agencies if a["doc_id"] == doc["doc_id"])
        assert page.locator("li.ag.unknown").count() == unknown
        # Every page: its image loaded, with the overlay of what was read on it.
        assert page.locator("section.page[data-page]").count() == int(doc["pages"])
        widths = page.locator("img").evaluate_all("els => els.map(e => e.complete ? e.naturalWidth : 0)")
        assert len(widths) == int(doc["pages"]) and all(w > 0 for w in widths)
        assert page.locator("svg.overlay rect.cell").count() > 0
        assert page.locator("svg.overlay path.w").count() > 0
        assert page.locator("svg.overlay rect.header").count() > 0
        assert page.locator("svg.overlay rect.group").count() > 0
    tab.assert_clean()


def test_clicking_a_merged_row_lights_it_on_both_pages(sample: Sample, tab: Tab, tmp_path: Path) -> None:
    merged = [t for t in _rows(sample.out / "tasks.csv") if MERGED in t["review_reasons"]]
    assert merged, "the sample archive has rows split by a page break"
    task = merged[0]
    first, last = task["page_start"], task["page_end"]
    assert first != last
    tab.open(sample.review / f"{task['doc_id']}.html")
    page = tab.page
    page.locator(f"#task-{task['seq']}").click()
    for n in (first, last):
        lit = page.locator(f"section.page[data-page='{n}'] svg.overlay rect.tcell.highlight")
        assert lit.count() > 0, f"page {n}"
        assert lit.first.is_visible()
        assert "merged" in (lit.first.get_attribute("class") or "")  # dashed outline
    assert page.locator(f"#task-{task['seq']}.highlight").count() == 1
    label = page.locator(f"section.page[data-page='{first}'] text.merge-label").first.text_content()
    assert label and label.startswith("↧ continues")
    assert page.locator(f"section.page[data-page='{last}'] tr.task-cont.highlight").count() == 1
    assert page.evaluate("location.hash") == f"#task-{task['seq']}"
    shot = _screenshot(page, tmp_path / "review.png")
    assert shot.stat().st_size < 600_000
    # Keyboard: j goes to the next task, Escape clears.
    page.keyboard.press("j")
    assert page.locator(f"rect.tcell.highlight[data-seq='{int(task['seq']) + 1}']").count() > 0
    page.keyboard.press("Escape")
    assert page.locator(".highlight").count() == 0
    # Clicking a cell on the page selects its task in the list.
    # Dispatched on the cell itself: the sticky toolbar may cover a cell at the top of a page.
    cell = page.locator(f"section.page[data-page='{last}'] rect.tcell[data-seq='{task['seq']}']")
    cell.first.dispatch_event("click")
    assert page.locator(f"#task-{task['seq']}[aria-current=true]").count() == 1
    tab.assert_clean()


def test_layers_and_review_filter_toggle(sample: Sample, tab: Tab) -> None:
    docs = _rows(sample.out / "documents.csv")
    tasks = _rows(sample.out / "tasks.csv")
    to_review = Counter(t["doc_id"] for t in tasks if t["needs_review"] == "true")
    doc = max(docs, key=lambda d: to_review[d["doc_id"]])
    tab.open(sample.review / f"{doc['doc_id']}.html")
    page = tab.page
    assert page.locator("g.l-words").first.is_visible()
    page.get_by_label("Words by OCR confidence").uncheck()
    assert not page.locator("g.l-words").first.is_visible()
    assert page.locator("g.l-cells").first.is_visible()
    page.get_by_label("Only tasks to review").check()
    shown = page.locator("tr.task").evaluate_all("els => els.filter(e => e.offsetParent !== null).length")
    assert shown == page.locator("tr.task.needs-review").count()
    tab.assert_clean()


def test_tasks_to_review_and_unknown_agencies_stand_out(sample: Sample, tab: Tab, tmp_path: Path) -> None:
    # The sample's own flags change with the extraction; set them here to see how they look.
    result = copy.deepcopy(next(r for r in sample.report.results if r.plan and len(r.plan.tasks) > 2))
    assert result.plan is not None
    flagged, plain = result.plan.tasks[1], result.plan.tasks[2]
    flagged.needs_review, flagged.review_reasons = True, ["low OCR confidence (41)"]
    flagged.agencies[0].known = False
    plain.needs_review, plain.review_reasons = False, []
    for ref in plain.agencies:
        ref.known = True
    folder = write_review([result], tmp_path)
    tab.open(folder / f"{result.doc_id}.html")
    page = tab.page
    row, other = page.locator(f"#task-{flagged.seq}"), page.locator(f"#task-{plain.seq}")
    assert "needs-review" in (row.get_attribute("class") or "")
    style = "e => getComputedStyle(e).backgroundColor + getComputedStyle(e).boxShadow"
    assert row.evaluate(style) != other.evaluate(style)
    assert row.locator(".reasons li.warn").inner_text() == "low OCR confidence (41)"
    unknown = row.locator("li.ag.unknown")
    assert unknown.count() == 1 and "(unknown agency)" in unknown.inner_text()
    color = "e => getComputedStyle(e).color"
    assert unknown.evaluate(color) != other.locator("li.ag").first.evaluate(color)
    assert page.locator(f"rect.tcell.review[data-seq='{flagged.seq}']").count() > 0  # tinted on the page
    tab.assert_clean()


def test_metadata_links_to_where_a_field_was_read(sample: Sample, tab: Tab, tmp_path: Path) -> None:
    result = copy.deepcopy(next(r for r in sample.report.results if r.plan and r.plan.views))
    assert result.plan is not None
    result.plan.provenance = {"issuer": Source(ReadBy.TEXT_LAYER, 1, Box(60.0, 50.0, 200.0, 80.0))}
    folder = write_review([result], tmp_path)
    tab.open(folder / f"{result.doc_id}.html")
    page = tab.page
    assert page.locator("a.prov-link").count() == 1  # only the field with a provenance is a link
    page.locator("a.prov-link[data-field=issuer]").click()
    assert page.locator("section.page[data-page='1'] rect.prov.highlight[data-field=issuer]").count() == 1
    tab.assert_clean()


def test_a_page_without_image_is_drawn_from_the_source_pdf_or_blank(sample: Sample, tmp_path: Path) -> None:
    text_doc = next(r for r in sample.report.results if r.plan and r.plan.ocr_pages == 0)
    scan_doc = next(r for r in sample.report.results if r.plan and r.plan.ocr_pages)
    results = [copy.deepcopy(text_doc), copy.deepcopy(scan_doc)]
    for r in results:
        assert r.plan is not None
        for view in r.plan.views:
            view.image = b""
    shutil.copy(sample.out / "manifest.json", tmp_path)  # lists the inputs, where the PDFs are
    folder = write_review(results, tmp_path)
    images = sorted(p.name for p in (folder / "img").iterdir())
    # A text page is rendered anew; an OCR page is not (a fresh render would not be deskewed).
    assert images == [f"{text_doc.doc_id}-{v.number}.jpg" for v in text_doc.plan.views]
    html = (folder / f"{scan_doc.doc_id}.html").read_text(encoding="utf-8")
    assert html.count('class="blank"') == scan_doc.plan.pages


# --- charts ---------------------------------------------------------------------------------


def test_charts_are_well_formed_svg_with_escaped_labels() -> None:
    bars = [Bar("Phòng <Nội vụ> & Co", 3, "unknown"), Bar("A very long agency name " * 4, 1)]
    for svg in (hbar_chart(bars, "t"), histogram(bars, "t")):
        root = ET.fromstring(str(svg))
        assert root.tag.endswith("svg") and root.get("role") == "img"
    labels = [
        t.text for t in ET.fromstring(str(hbar_chart(bars, "t"))).iter("{http://www.w3.org/2000/svg}text")
    ]
    assert "Phòng <Nội vụ> & Co" in labels
    assert any(label and label.endswith("…") for label in labels)
    assert "Nothing" in hbar_chart([], "t")


# --- helpers --------------------------------------------------------------------------------


def _screenshot(page: object, fallback: Path) -> Path:
    """The README's picture: the review page with a split row lit on its page."""
    path = Path(os.environ.get("REVIEW_SCREENSHOT") or fallback)
    page.wait_for_timeout(600)  # let the smooth scroll to the lit cells end
    page.screenshot(path=str(path))
    # A palette PNG: the page is mostly flat colours over a grey scan; 64 colours keep it legible.
    with Image.open(path) as shot:
        small = shot.convert("RGB").quantize(colors=64, method=Image.Quantize.MEDIANCUT)
    small.save(path, optimize=True)
    return path


def test_every_json_record_of_the_sample_run_validates_against_the_schema(sample: Sample) -> None:
    import json

    from jsonschema import Draft202012Validator

    from pipeline.output.schema import record_schema

    validator = Draft202012Validator(record_schema())
    records = sorted((sample.out / "json").glob("*.json"))
    assert len(records) == len(sample.report.results)
    for path in records:
        record = json.loads(path.read_text("utf-8"))
        assert not [e.message for e in validator.iter_errors(record)], path.name
        assert all(t["provenance"] for t in record["tasks"])  # every task says where it was read
