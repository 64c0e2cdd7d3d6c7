"""The archive run: cache and re-runs, locking, worker limits, Dask, stop and resume."""

from __future__ import annotations

import contextlib
import csv
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.config import Config
from pipeline.errors import SchedulerError
from pipeline.model import DocumentResult, ErrorItem, Status
from pipeline.output.rows import DOCUMENT_COLUMNS, TASK_COLUMNS
from pipeline.run.batch import CACHE_DIR, cache_key, cacheable, run
from pipeline.run.executors import DaskExecutor, SerialExecutor
from pipeline.run.jobs import Job, extract_job
from pipeline.run.lock import OutputLock
from pipeline.run.workers import ProcessExecutor

from .conftest import ROOT, write_small_plan

PLANS = ROOT / ".venv" / "bin" / "plans"


def make_archive(folder: Path, n: int) -> Path:
    """n small text-layer plans, each with its own doc_id (a trailing comment differs)."""
    folder.mkdir(parents=True, exist_ok=True)
    base = write_small_plan(folder / "base.tmp.pdf").read_bytes()
    (folder / "base.tmp.pdf").unlink()
    for i in range(n):
        (folder / f"plan-{i:02d}.pdf").write_bytes(base + b"%% copy %d\n" % i)
    return folder


def contract(out: Path) -> dict[str, list[dict[str, str]]]:
    """The contract columns of documents.csv and tasks.csv: what must not depend on how a run went."""
    tables = {}
    for name, columns in (("documents", DOCUMENT_COLUMNS), ("tasks", TASK_COLUMNS)):
        with open(out / f"{name}.csv", encoding="utf-8-sig", newline="") as f:
            tables[name] = [{c: row[c] for c in columns} for row in csv.DictReader(f)]
    return tables


# --- cache and re-runs ---------------------------------------------------------------------------


def test_rerun_takes_finished_documents_from_cache(tmp_path: Path) -> None:
    archive = make_archive(tmp_path / "in", 3)
    out = tmp_path / "out"
    first = run([archive], out, Config(), executor=SerialExecutor(), progress=False)
    assert first.cached == 0 and first.failed == 0
    before = contract(out)
    (out / "tasks.csv").unlink()  # outputs are re-written from the cache
    second = run([archive], out, Config(), executor=SerialExecutor(), progress=False)
    assert second.cached == 3
    assert contract(out) == before and len(before["tasks"]) == 3
    forced = run([archive], out, Config(), force=True, executor=SerialExecutor(), progress=False)
    assert forced.cached == 0


def test_cache_key_follows_options_that_change_results(tmp_path: Path) -> None:
    base = Config()
    key = cache_key("abc", base)
    for changed in (Config(dpi=200), Config(lang="vie+eng"), Config(force_ocr=True), Config(max_pages=10)):
        assert cache_key("abc", changed) != key
    assert cache_key("abc", Config(formats=frozenset({"csv"}), page_timeout=5)) == key
    aliases = tmp_path / "a.csv"
    aliases.write_text("variant,canonical\nX,Y\n", encoding="utf-8")
    with_aliases = cache_key("abc", Config(aliases=aliases))
    aliases.write_text("variant,canonical\nX,Z\n", encoding="utf-8")
    assert cache_key("abc", Config(aliases=aliases)) != with_aliases  # the file's content counts


def test_transient_failures_are_not_cached() -> None:
    def error(stage: str) -> DocumentResult:
        return DocumentResult("abc", "a.pdf", Status.ERROR, errors=[ErrorItem("a.pdf", stage, "x")])

    assert cacheable(error("open")) and cacheable(error("limits"))
    for stage in ("timeout", "memory", "worker", "read"):
        assert not cacheable(error(stage))


def test_half_written_files_of_a_killed_run_are_swept(tmp_path: Path) -> None:
    archive = make_archive(tmp_path / "in", 1)
    out = tmp_path / "out"
    (out / "json").mkdir(parents=True)
    (out / CACHE_DIR).mkdir()
    stale = [
        out / ".tasks.csv.0a1b2c.tmp",
        out / "json" / ".x.json.0a1b2c.tmp",
        out / CACHE_DIR / ".k.pkl.1.tmp",
    ]
    for path in stale:
        path.write_bytes(b"half")
    run([archive], out, Config(), executor=SerialExecutor(), progress=False)
    assert not any(p.exists() for p in stale)


# --- CLI: summary, lock ----------------------------------------------------------------------


def test_cli_prints_one_summary_line(tmp_path: Path) -> None:
    archive = make_archive(tmp_path / "in", 2)
    result = CliRunner().invoke(
        main, ["extract", str(archive), "--out", str(tmp_path / "out"), "-j", "1", "-q"]
    )
    assert result.exit_code == 0, result.output
    assert "2 documents: 2 ok, 0 failed" in result.output and "pages/min" in result.output


def test_summary_says_what_to_review_where_the_outputs_are_and_what_was_skipped(tmp_path: Path) -> None:
    archive = make_archive(tmp_path / "in", 1)
    (archive / "notes.txt").write_text("x")
    (archive / "budget.xlsx").write_bytes(b"x")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["extract", str(archive), "--out", str(out), "-j", "1"])
    assert result.exit_code == 0, result.output
    assert "to review" in result.output and f"outputs in {out}" in result.output
    assert "skipped (not a document the pipeline reads): 1 .txt, 1 .xlsx" in result.output
    assert "\r" not in result.output  # no progress frames when stderr is not a terminal
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert manifest["skipped"] == {".txt": 1, ".xlsx": 1}
    again = CliRunner().invoke(main, ["extract", str(archive), "--out", str(out), "-j", "1"])
    assert "1 from cache" in again.output and "pages/min" not in again.output  # nothing was read


def test_empty_input_is_a_warning_and_exit_2(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    result = CliRunner().invoke(main, ["extract", str(tmp_path / "in"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "warning: no document to read" in result.output


def test_verbose_and_log_file_say_each_document(tmp_path: Path) -> None:
    archive = make_archive(tmp_path / "in", 2)
    log = tmp_path / "run.log"
    args = ["extract", str(archive), "--out", str(tmp_path / "out"), "-j", "1", "-v", "--log-file", str(log)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "plan-00.pdf: 1 tasks" in result.output and "plan-01.pdf: 1 tasks" in result.output
    assert "plan-00.pdf: 1 tasks" in log.read_text("utf-8")
    quiet = CliRunner().invoke(main, ["extract", str(archive), "--out", str(tmp_path / "o2"), "-j", "1"])
    assert "plan-00.pdf: 1 tasks" not in quiet.output


def test_review_pages_do_not_change_the_cache_and_stale_ones_go(tmp_path: Path) -> None:
    archive = make_archive(tmp_path / "in", 2)
    out = tmp_path / "out"
    run([archive], out, Config(), executor=SerialExecutor(), progress=False)
    reviewed = run([archive], out, Config(), executor=SerialExecutor(), progress=False, review=True)
    assert reviewed.cached == 2  # asking for review pages never re-reads a document
    assert (out / "review" / "index.html").is_file()
    (archive / "plan-01.pdf").unlink()
    run([archive], out, Config(), executor=SerialExecutor(), progress=False)
    assert not (out / "review").exists()  # pages of the earlier run no longer match the outputs
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert "review/" in manifest["removed"] and len(list((out / "json").glob("*.json"))) == 1
    assert any(name.startswith("json/") for name in manifest["removed"])


@pytest.mark.skipif(not PLANS.exists(), reason="needs the installed `plans` command")
def test_plans_extract_leaves_no_process_behind(tmp_path: Path) -> None:
    archive = make_archive(tmp_path / "in", 2)
    proc = _extract(archive, tmp_path / "out")
    assert proc.wait(timeout=300) == 0
    with pytest.raises(ProcessLookupError):  # nothing of its process group is still running
        os.killpg(proc.pid, 0)


def test_a_script_may_call_run_without_a_main_guard(tmp_path: Path) -> None:
    archive = make_archive(tmp_path / "in", 2)
    script = tmp_path / "script.py"
    script.write_text(
        "from pathlib import Path\n"
        "from pipeline.run.batch import run\n"
        "from pipeline.config import Config\n"
        "print('top level')\n"
        f"r = run([Path({str(archive)!r})], Path({str(tmp_path / 'out')!r}), Config(), jobs=2,"
        " progress=False)\n"
        "print(r.failed, r.tasks)\n"
    )
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=300, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:2] == ["top level", "0 2"]  # ran once, nothing failed


def test_second_run_into_the_same_folder_exits_2(tmp_path: Path) -> None:
    archive = make_archive(tmp_path / "in", 1)
    out = tmp_path / "out"
    out.mkdir()
    with OutputLock(out):
        result = CliRunner().invoke(main, ["extract", str(archive), "--out", str(out), "-q"])
    assert result.exit_code == 2
    assert "in use" in result.output and "Traceback" not in result.output


# --- worker limits ------------------------------------------------------------------------------


def _hog(job: Job, config: Config) -> DocumentResult:
    if "hog" in job.source:
        chunks = []
        for _ in range(200):  # 50 MB at a time, slowly enough for the watcher to see it
            chunks.append(bytearray(50 << 20))
            time.sleep(0.02)
    if "sleep" in job.source:
        time.sleep(60)
    if "crash" in job.source:
        os.kill(os.getpid(), signal.SIGSEGV)
    return extract_job(job, config)


def _jobs(archive: Path, names: list[str]) -> list[Job]:
    plan = next(archive.glob("*.pdf"))
    return [Job(i, plan, name) for i, name in enumerate(names)]


def _run_pool(archive: Path, config: Config, names: list[str]) -> dict[str, DocumentResult]:
    pool = ProcessExecutor(2, config, _hog, poll=0.05, grace=0.5)
    try:
        return {job.source: r for job, r in pool.map(_jobs(archive, names), config)}
    finally:
        pool.close()


def test_worker_over_memory_or_crashing_is_replaced(tmp_path: Path) -> None:
    # A time limit no loaded machine reaches: only memory and the crash stop a worker here.
    got = _run_pool(make_archive(tmp_path / "in", 1), Config(max_memory_mb=300, doc_timeout=300),
                    ["hog", "crash", "ok-1", "ok-2"])
    assert got["hog"].errors[0].stage == "memory" and "--max-memory" in got["hog"].errors[0].message
    assert got["crash"].errors[0].stage == "worker" and "SIGSEGV" in got["crash"].errors[0].message
    assert got["ok-1"].status is Status.OK and got["ok-2"].status is Status.OK


def test_worker_over_time_is_replaced(tmp_path: Path) -> None:
    names = ["sleep-1", "sleep-2", "sleep-3"]  # three jobs on two workers: one was replaced
    got = _run_pool(make_archive(tmp_path / "in", 1), Config(doc_timeout=1), names)
    for name in names:
        assert got[name].errors[0].stage == "timeout" and "--doc-timeout" in got[name].errors[0].message


# --- Dask -------------------------------------------------------------------------------------


def test_dask_cluster_gives_the_same_outputs_as_a_local_run(tmp_path: Path) -> None:
    distributed = pytest.importorskip("dask.distributed")
    archive = make_archive(tmp_path / "in", 3)
    run([archive], tmp_path / "local", Config(), executor=SerialExecutor(), progress=False)
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as cluster:
        report = run(
            [archive], tmp_path / "dask", Config(), scheduler=cluster.scheduler_address, progress=False
        )
    assert report.failed == 0
    assert contract(tmp_path / "dask") == contract(tmp_path / "local")


def test_unreachable_scheduler_is_a_usage_error() -> None:
    pytest.importorskip("dask.distributed")
    with pytest.raises(SchedulerError, match="cannot reach the Dask scheduler"):
        DaskExecutor("tcp://127.0.0.1:9", timeout=1)
    assert SchedulerError("x").exit_code == 2


class _Cluster:
    """A real `dask scheduler` and `dask worker`, each started in a folder of its own."""

    def __init__(self, tmp: Path, workers: int = 1) -> None:
        import socket

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        self.address = f"tcp://127.0.0.1:{port}"
        self.tmp = tmp
        dask = ROOT / ".venv" / "bin" / "dask"
        env = {**os.environ, "PYTHONPATH": str(ROOT)}  # the tests' own work functions
        (tmp / "scheduler").mkdir(parents=True)
        self.scheduler = subprocess.Popen(
            [str(dask), "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
            cwd=tmp / "scheduler", stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
            start_new_session=True,
        )  # fmt: skip
        self.workers = [self.add_worker(env, i) for i in range(workers)]

    def add_worker(self, env: dict[str, str], i: int) -> subprocess.Popen[bytes]:
        folder = self.tmp / f"worker-{i}"
        folder.mkdir()
        dask = ROOT / ".venv" / "bin" / "dask"
        return subprocess.Popen(
            [str(dask), "worker", self.address, "--nthreads", "1", "--no-dashboard", "--no-nanny"],
            cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
            start_new_session=True,
        )  # fmt: skip

    def wait_for_workers(self, n: int) -> None:
        from dask.distributed import Client

        with Client(self.address, timeout=30, set_as_default=False) as client:
            client.wait_for_workers(n, timeout=60)

    def close(self) -> None:
        for proc in [*self.workers, self.scheduler]:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[_Cluster]:
    pytest.importorskip("dask.distributed")
    c = _Cluster(tmp_path / "cluster")
    try:
        c.wait_for_workers(1)
        yield c
    finally:
        c.close()


def test_dask_workers_in_another_folder_read_relative_inputs_within_the_limits(
    cluster: _Cluster, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_archive(tmp_path / "in", 1)
    monkeypatch.chdir(tmp_path)  # the input given relative to here; the worker runs elsewhere
    config = Config(doc_timeout=1, max_memory_mb=300)
    executor = DaskExecutor(cluster.address, work=_hog)
    plan = Path("in") / "plan-00.pdf"
    jobs = [Job(i, plan, name) for i, name in enumerate(["ok", "sleep", "hog"])]
    try:
        got = {job.source: r for job, r in executor.map(jobs, config)}
    finally:
        executor.close()
    assert got["ok"].status is Status.OK, got["ok"].errors
    assert got["sleep"].errors[0].stage == "timeout"  # --doc-timeout on a Dask worker too
    assert got["hog"].errors[0].stage == "memory"  # and --max-memory


def test_losing_the_last_dask_worker_ends_the_run_with_error_rows(cluster: _Cluster, tmp_path: Path) -> None:
    import threading

    archive = make_archive(tmp_path / "in", 1)
    executor = DaskExecutor(cluster.address, work=_hog, lost_after=3)
    worker = cluster.workers[0]
    kill = threading.Timer(3.0, lambda: os.killpg(worker.pid, signal.SIGKILL))
    started = time.monotonic()
    kill.start()
    try:
        got = dict(
            (job.source, r) for job, r in executor.map(_jobs(archive, ["sleep-1", "sleep-2"]), Config())
        )
    finally:
        kill.cancel()
        executor.close()
    assert time.monotonic() - started < 40  # bounded: not the 60 s each document would sleep
    for result in got.values():
        assert result.status is Status.ERROR and "no Dask worker left" in result.errors[0].message


def test_malformed_or_unreachable_scheduler_is_one_line_and_exit_2(tmp_path: Path) -> None:
    pytest.importorskip("dask.distributed")
    archive = make_archive(tmp_path / "in", 1)
    for address in ("nonsense", "tcp//host:1", "tcp://127.0.0.1:9"):
        started = time.monotonic()
        result = CliRunner().invoke(
            main, ["extract", str(archive), "--out", str(tmp_path / "out"), "-q", "--scheduler", address]
        )
        assert result.exit_code == 2, result.output
        assert time.monotonic() - started < 10
        assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1


# --- stop and resume ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def scanned_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three one-page scanned plans (distinct scans of the same small plan)."""
    from synth.scan import simulate_scan

    folder = tmp_path_factory.mktemp("scans")
    plan = write_small_plan(folder.parent / "scan-source.pdf")
    for seed in range(3):
        simulate_scan(plan, folder / f"scan-{seed}.pdf", dpi=300, seed=seed)
    return folder


def _extract(archive: Path, out: Path) -> subprocess.Popen[bytes]:
    cmd = [str(PLANS), "extract", str(archive), "--out", str(out), "--jobs", "2", "-q"]
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    return subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True, env=env
    )


@pytest.mark.skipif(not PLANS.exists(), reason="needs the installed `plans` command")
def test_run_killed_with_sigkill_resumes_to_the_same_outputs(scanned_archive: Path, tmp_path: Path) -> None:
    whole = _extract(scanned_archive, tmp_path / "whole")
    assert whole.wait(timeout=300) == 0, whole.stderr.read() if whole.stderr else ""
    killed = _extract(scanned_archive, tmp_path / "resumed")
    cache = tmp_path / "resumed" / CACHE_DIR
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not list(cache.glob("*.pkl")):
        time.sleep(0.05)
    os.killpg(killed.pid, signal.SIGKILL)
    killed.wait(timeout=30)
    finished = len(list(cache.glob("*.pkl")))
    assert 1 <= finished < 3, "the kill should land part way"
    resumed = _extract(scanned_archive, tmp_path / "resumed")
    _, err = resumed.communicate(timeout=300)
    assert resumed.returncode == 0, err
    assert contract(tmp_path / "resumed") == contract(tmp_path / "whole")
    assert not list((tmp_path / "resumed").rglob("*.tmp")), "no half-written file survives"


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__, "-q"]))
