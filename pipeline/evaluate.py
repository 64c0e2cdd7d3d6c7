"""Accuracy measures of an extraction against truth files.

`evaluate_dirs(out_dir, truth_dir)` reads what `plans extract` wrote (documents.csv maps each
source file to its doc_id, json/<doc_id>.json holds the record) and the truth files
(truth/<stem>.json, matched by the source's file stem): those of the generated corpus and the
hand-checked ones of the real corpus (`../shared/spec/TASKS.md`: `any_of` values, `null` for a
field the document does not have, lead/partner roles, the "Kính gửi" recipients). Per document it
counts tasks found, missed and invented (extracted tasks aligned to true ones by content
similarity, within origin), content character errors, agency sets, lead/partner sets, periods,
task numbers, each metadata field and the due dates found. Counts add up, so totals are
micro-averages.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from dataclasses import dataclass, field, fields
from pathlib import Path

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from pipeline.sources.textlines import LineCheck
from pipeline.vietnamese.text import nfc

META_FIELDS = (
    "doc_type", "doc_number", "doc_symbol", "issuer", "place", "issued_date", "title",
    "plan_year", "signer_title", "signer_name",
)  # fmt: skip
MATCH_THRESHOLD = 0.5  # normalised edit distance above which two contents are different tasks
ORIGINS = ("table", "text")
# Why a true task was not found, in the order they are tried: what a reader fixes differs.
NOTHING_FOUND = "document gave no task"
OTHER_ORIGIN = "found as the other origin"
JOINED = "joined into a longer task"
CUT = "split or cut short"
DAMAGED = "read too far from the page"
NOT_A_TASK = "not read as a task"
MISS_REASONS = (NOTHING_FOUND, OTHER_ORIGIN, JOINED, CUT, DAMAGED, NOT_A_TASK)
PART = 85  # fuzz.partial_ratio at which one content holds the other


def cer(read: str, truth: str) -> float:
    """Character error rate: edit distance over the length of the truth."""
    if not truth:
        return 0.0 if not read else 1.0
    return Levenshtein.distance(read, truth) / len(truth)


@dataclass
class Counts:
    """Additive counts of one document (or of many: `+` sums them)."""

    true_tasks: int = 0
    found_tasks: int = 0
    matched: int = 0
    edits: int = 0  # content edit distance over matched tasks
    chars: int = 0  # content length of those true tasks
    agency_ok: int = 0
    agency_n: int = 0
    roles_ok: int = 0
    roles_n: int = 0
    period_ok: int = 0
    period_n: int = 0
    number_ok: int = 0
    number_n: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    @property
    def precision(self) -> float | None:
        return self.matched / self.found_tasks if self.found_tasks else None

    @property
    def recall(self) -> float | None:
        return self.matched / self.true_tasks if self.true_tasks else None

    @property
    def f1(self) -> float | None:
        if not self.true_tasks and not self.found_tasks:
            return None
        return 2 * self.matched / (self.true_tasks + self.found_tasks)

    @property
    def cer(self) -> float | None:
        return self.edits / self.chars if self.chars else None

    @property
    def agency(self) -> float | None:
        return _ratio(self.agency_ok, self.agency_n)

    @property
    def roles(self) -> float | None:
        return _ratio(self.roles_ok, self.roles_n)

    @property
    def period(self) -> float | None:
        return _ratio(self.period_ok, self.period_n)

    @property
    def number(self) -> float | None:
        return _ratio(self.number_ok, self.number_n)


def _ratio(ok: int, n: int) -> float | None:
    return ok / n if n else None


@dataclass
class DocScore:
    name: str
    kind: str
    status: str  # ok, error, or missing (no output for the document)
    form: str = ""  # how it was read: text layer, scan, word, image
    tasks: dict[str, Counts] = field(default_factory=lambda: {o: Counts() for o in ORIGINS})
    meta_ok: int = 0
    meta_n: int = 0
    meta_fields: Counter[str] = field(default_factory=Counter)  # field -> 1 right, 0 wrong
    meta_seen: Counter[str] = field(default_factory=Counter)
    dues_found: int = 0
    dues_n: int = 0
    misses: list[str] = field(default_factory=list)  # what went wrong, for the reader
    why_missed: Counter[str] = field(default_factory=Counter)  # MISS_REASONS -> true tasks
    ocr_pages: int = 0
    lost_line_pages: list[int] = field(default_factory=list)  # page OCR missed a line of print
    unread_line_pages: list[int] = field(default_factory=list)  # a line still unread after re-reading

    @property
    def all_tasks(self) -> Counts:
        return self.tasks["table"] + self.tasks["text"]


@dataclass
class Report:
    docs: list[DocScore]

    def total(self, origin: str | None = None) -> Counts:
        out = Counts()
        for d in self.docs:
            out = out + (d.all_tasks if origin is None else d.tasks[origin])
        return out

    @property
    def metadata(self) -> float | None:
        return _ratio(sum(d.meta_ok for d in self.docs), sum(d.meta_n for d in self.docs))

    def metadata_field(self, name: str) -> float | None:
        return _ratio(sum(d.meta_fields[name] for d in self.docs), sum(d.meta_seen[name] for d in self.docs))

    def groups(self, key: str) -> dict[str, Report]:
        """The documents by kind or by form, each as a report of its own."""
        out: dict[str, list[DocScore]] = {}
        for d in self.docs:
            out.setdefault(getattr(d, key) or "-", []).append(d)
        return {k: Report(v) for k, v in sorted(out.items())}

    @property
    def deadlines(self) -> float | None:
        return _ratio(sum(d.dues_found for d in self.docs), sum(d.dues_n for d in self.docs))

    @property
    def why_missed(self) -> Counter[str]:
        return sum((d.why_missed for d in self.docs), Counter())


# --- comparing -------------------------------------------------------------------------------


def norm(text: str | None) -> str:
    """NFC, whitespace collapsed within lines (line breaks between items are kept)."""
    text = nfc(text or "")
    return "\n".join(" ".join(line.split()) for line in text.split("\n") if line.strip())


def similarity(a: str, b: str) -> float:
    return Levenshtein.normalized_similarity(norm(a), norm(b))


def align(found: list[dict], truth: list[dict]) -> list[tuple[int, int]]:
    """Pairs (found index, truth index): greedy on content similarity, best pairs first, a pair
    only when the contents differ by less than the threshold."""
    scored = sorted(
        ((similarity(f.get("content", ""), t.get("content", "")), -abs(i - j), i, j)
         for i, f in enumerate(found) for j, t in enumerate(truth)),
        reverse=True,
    )
    used_f: set[int] = set()
    used_t: set[int] = set()
    pairs = []
    for sim, _, i, j in scored:
        if sim < 1 - MATCH_THRESHOLD:
            break
        if i not in used_f and j not in used_t:
            used_f.add(i)
            used_t.add(j)
            pairs.append((i, j))
    return sorted(pairs, key=lambda p: p[1])


def _names(value: object) -> set[str]:
    if value is None:
        return set()
    if isinstance(value, str):
        value = [v for v in value.split("; ") if v]
    return {norm(str(v)) for v in value}  # type: ignore[union-attr]


def _same(a: object, b: object) -> bool:
    """Equal as printed: None and "" agree, numbers compare as text; a truth value
    {"any_of": [...]} is met by any of its readings."""
    if isinstance(b, dict) and "any_of" in b:
        return any(_same(a, v) for v in b["any_of"])
    return norm("" if a is None else str(a)) == norm("" if b is None else str(b))


def _shown(value: object) -> str:
    if isinstance(value, dict) and "any_of" in value:
        return " | ".join(repr(v) for v in value["any_of"])
    return repr(value)


def score_tasks(
    found: list[dict], truth: list[dict], counts: Counts, misses: list[str]
) -> tuple[list[dict], list[dict]]:
    """Counts the tasks of one origin and notes what differs; returns the true tasks not
    found and the tasks found that match none."""
    counts.true_tasks += len(truth)
    counts.found_tasks += len(found)
    pairs = align(found, truth)
    for i, j in pairs:
        f, t = found[i], truth[j]
        counts.matched += 1
        content = norm(t.get("content"))
        counts.edits += Levenshtein.distance(norm(f.get("content")), content)
        counts.chars += len(content)
        if t.get("agencies") is not None:
            counts.agency_n += 1
            if _names(f.get("agencies")) == _names(t["agencies"]):
                counts.agency_ok += 1
            else:
                misses.append(f"task {_label(t)}: agencies {sorted(_names(f.get('agencies')))}")
        if t.get("lead_agencies") or t.get("partner_agencies"):  # chủ trì / phối hợp apart
            counts.roles_n += 1
            same = (_names(f.get("lead_agencies")) == _names(t["lead_agencies"])
                    and _names(f.get("partner_agencies")) == _names(t.get("partner_agencies")))
            counts.roles_ok += same
            if not same:
                misses.append(f"task {_label(t)}: lead {sorted(_names(f.get('lead_agencies')))} "
                              f"partners {sorted(_names(f.get('partner_agencies')))}")
        counts.period_n += 1
        keys = [k for k in ("period", "period_start", "period_end") if k in t]
        got = tuple(f.get(k) for k in keys)
        want = tuple(t.get(k) for k in keys)
        if all(_same(a, b) for a, b in zip(got, want, strict=True)):
            counts.period_ok += 1
        else:
            misses.append(f"task {_label(t)}: period {got[0]!r} for {want[0]!r}")
        counts.number_n += 1
        counts.number_ok += _same(f.get("task_no"), t.get("task_no"))
    paired = {i for i, _ in pairs}
    invented = [f for i, f in enumerate(found) if i not in paired]
    misses += [f"invented ({f.get('origin')}): {norm(f.get('content'))[:60]!r}" for f in invented]
    matched = {j for _, j in pairs}
    return [t for j, t in enumerate(truth) if j not in matched], invented


def why_missed(task: dict, found: list[dict], unmatched: list[dict]) -> str:
    """The likeliest reason a true task has no match among the tasks found (all origins);
    `unmatched` are those found that match no true task."""
    if not found:
        return NOTHING_FOUND
    content = norm(task.get("content"))
    others = [f for f in found if f.get("origin") != task.get("origin")]
    if any(similarity(f.get("content", ""), content) >= 1 - MATCH_THRESHOLD for f in others):
        return OTHER_ORIGIN
    contents = [norm(f.get("content")) for f in found]
    if any(len(c) > 1.25 * len(content) and fuzz.partial_ratio(content, c) >= PART for c in contents):
        return JOINED
    if any(20 <= len(c) < 0.8 * len(content) and fuzz.partial_ratio(c, content) >= PART for c in contents):
        return CUT
    # Neighbouring tasks of one document are below 0.4 nine times in ten.
    if any(similarity(f.get("content", ""), content) >= 0.4 for f in unmatched):
        return DAMAGED
    return NOT_A_TASK


def _label(task: dict) -> str:
    """A true task as a reader finds it in its document: its number, or its order."""
    return str(task.get("task_no") or task.get("seq") or "(unnumbered)")


def _kind(truth: dict) -> str:
    doc_type = (truth.get("metadata") or {}).get("doc_type")
    if isinstance(doc_type, dict):
        doc_type = (doc_type.get("any_of") or [""])[0]
    return truth.get("kind") or doc_type or ""


def _form(source: str, record: dict | None) -> str:
    """How the document reached the pipeline: a Word file, a page image, a PDF with a text
    layer or a scanned one (read by OCR)."""
    ext = Path(source).suffix.lower()
    if ext in (".docx", ".doc", ".odt"):
        return "word"
    if ext in (".png", ".jpg", ".jpeg", ".tif", ".tiff"):
        return "image"
    if not record or not record.get("pages"):
        return "pdf"
    return "scan" if record.get("ocr_pages") else "text layer"


def score_document(record: dict | None, truth: dict) -> DocScore:
    name = Path(truth.get("source", "")).stem
    status = "missing" if record is None else record.get("status", "ok")
    score = DocScore(name, _kind(truth), status, _form(truth.get("source", ""), record))
    found_tasks = (record or {}).get("tasks") or []
    missed: list[dict] = []
    invented: list[dict] = []
    for origin in ORIGINS:
        m, i = score_tasks([t for t in found_tasks if t.get("origin") == origin],
                           [t for t in truth.get("tasks", []) if t.get("origin") == origin],
                           score.tasks[origin], score.misses)
        missed += m
        invented += i
    for t in missed:
        reason = why_missed(t, found_tasks, invented)
        score.why_missed[reason] += 1
        score.misses.append(f"task {_label(t)} missed ({reason}): {norm(t.get('content'))[:60]!r}")
    meta = dict((record or {}).get("metadata") or {})
    wanted_meta = dict(truth["metadata"])
    if "sha256" in truth:  # a hand-checked truth: its recipients are the "Kính gửi" bodies
        meta["recipients"] = "\n".join((record or {}).get("addressees") or [])
        wanted_meta["recipients"] = "\n".join(truth.get("recipients") or [])
    for key in [k for k in (*META_FIELDS, "recipients") if k in wanted_meta]:
        score.meta_n += 1
        score.meta_seen[key] += 1
        if record and _same(meta.get(key), wanted_meta.get(key)):  # no record: all missed
            score.meta_ok += 1
            score.meta_fields[key] += 1
        else:
            score.misses.append(f"metadata {key}: {meta.get(key)!r} for {_shown(wanted_meta.get(key))}")
    found = {d.get("date") for d in (record or {}).get("deadlines") or []}
    found |= {t.get("deadline") for t in found_tasks}
    wanted = set(truth.get("deadlines", []))
    score.dues_n, score.dues_found = len(wanted), len(wanted & found)
    for page in (record or {}).get("page_reading") or []:
        if page.get("source") != "ocr":
            continue
        score.ocr_pages += 1
        check = LineCheck.of_verdict(page.get("verdict", ""))
        if check.lost:
            score.lost_line_pages.append(page.get("page"))
        if check.unread:
            score.unread_line_pages.append(page.get("page"))
    return score


# --- reading the folders ---------------------------------------------------------------------


def read_outputs(out_dir: Path) -> dict[str, dict]:
    """Extraction records by the stem of their source file."""
    out_dir = Path(out_dir)
    ids: dict[str, str] = {}
    docs_csv = out_dir / "documents.csv"
    if docs_csv.exists():
        with open(docs_csv, encoding="utf-8-sig", newline="") as f:
            ids = {row["doc_id"]: row["source"] for row in csv.DictReader(f) if row.get("doc_id")}
    records: dict[str, dict] = {}
    for path in sorted((out_dir / "json").glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        source = ids.get(record.get("doc_id", path.stem)) or record.get("source", "")
        records[Path(source).stem] = record
    return records


def evaluate_dirs(out_dir: Path, truth_dir: Path) -> Report:
    records = read_outputs(out_dir)
    docs = []
    for path in sorted(Path(truth_dir).glob("*.json")):
        truth = json.loads(path.read_text(encoding="utf-8"))
        truth.setdefault("source", path.stem)
        docs.append(score_document(records.get(path.stem), truth))
    return Report(docs)





# --- the table -------------------------------------------------------------------------------

_HEAD = (f"{'document':44} {'kind':8} {'origin':6} {'true':>4} {'found':>5} {'P':>5} {'R':>5} "
         f"{'F1':>5} {'CER%':>5} {'agcy':>5} {'roles':>5} {'period':>6} {'no.':>5} {'meta':>5} "
         f"{'dues':>5}")


def _pct(x: float | None, width: int = 5, digits: int = 2) -> str:
    return f"{'-':>{width}}" if x is None else f"{x:>{width}.{digits}f}"


def _line(name: str, kind: str, origin: str, c: Counts, meta: float | None, dues: float | None) -> str:
    return (f"{name[:44]:44} {kind[:8]:8} {origin:6} {c.true_tasks:>4} {c.found_tasks:>5} "
            f"{_pct(c.precision)} {_pct(c.recall)} {_pct(c.f1)} "
            f"{_pct(None if c.cer is None else 100 * c.cer, 5, 1)} {_pct(c.agency)} {_pct(c.roles)} "
            f"{_pct(c.period, 6)} {_pct(c.number)} {_pct(meta)} {_pct(dues)}")


def format_report(report: Report) -> str:
    """A plain-text table: per document a line per origin of its tasks, then the totals."""
    out = [_HEAD, "-" * len(_HEAD)]
    for d in report.docs:
        meta = _ratio(d.meta_ok, d.meta_n)
        dues = _ratio(d.dues_found, d.dues_n)
        origins = [o for o in ORIGINS if d.tasks[o].true_tasks or d.tasks[o].found_tasks] or ["table"]
        for k, origin in enumerate(origins):
            name = d.name if d.status == "ok" else f"{d.name} [{d.status}]"
            out.append(_line(name if k == 0 else "", d.kind if k == 0 else "", origin, d.tasks[origin],
                             meta if k == 0 else None, dues if k == 0 else None))
    out.append("-" * len(_HEAD))
    for origin in ORIGINS:
        out.append(_line(f"TOTAL {origin} tasks", "", origin, report.total(origin), None, None))
    for key in ("kind", "form"):
        groups = report.groups(key)
        if len(groups) > 1:
            out.append("-" * len(_HEAD))
            for name, group in groups.items():
                label = f"by {key}: {name} ({len(group.docs)})"
                out.append(_line(label, "", "all", group.total(), group.metadata, group.deadlines))
    out.append(_line(f"TOTAL ({len(report.docs)} documents)", "", "all", report.total(),
                     report.metadata, report.deadlines))
    if any(d.ocr_pages for d in report.docs):
        out.append(_lost_lines_line(report))
    return "\n".join(out)


def _lost_lines_line(report: Report) -> str:
    """How many OCR pages had a line of print that page OCR missed (found on the image, then
    read alone), and on which a line is still unread."""
    pages = sum(d.ocr_pages for d in report.docs)
    lost = sum(len(d.lost_line_pages) for d in report.docs)
    unread = [f"{d.name} p{p}" for d in report.docs for p in d.unread_line_pages]
    shown = f": {', '.join(unread)}" if unread else ""
    return (f"lost lines: {lost} of {pages} OCR pages had a line missed by page OCR (read again line by "
            f"line); {len(unread)} with a line still unread{shown}")


def format_details(report: Report) -> str:
    """Metadata by field, then what each document missed or invented: what to look at next."""
    names = [*META_FIELDS, "recipients"]
    seen = [n for n in names if any(d.meta_seen[n] for d in report.docs)]
    out = ["metadata by field: " + ", ".join(f"{n} {_pct(report.metadata_field(n)).strip()}" for n in seen)]
    why = report.why_missed
    out.append("missed by reason: " + (", ".join(f"{r} {why[r]}" for r in MISS_REASONS if why[r]) or "none"))
    for d in report.docs:
        if d.misses:
            out.append(f"{d.name}:")
            out += [f"  {m}" for m in d.misses]
    return "\n".join(out)
