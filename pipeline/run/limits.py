"""Process-level limits of a worker: memory measured from outside, a hard backstop inside.

The parent measures each worker's resident memory (its OCR subprocesses included) a few times a
second and ends a worker that passes --max-memory. Allocation can outrun that polling (a flate
bomb inflates gigabytes in a second), so each worker also gets an address-space limit well above
the ceiling: past it an allocation fails with MemoryError inside the worker instead of taking
the machine down.
"""

from __future__ import annotations

import ctypes
import logging
import os
import resource
import signal
import sys
import warnings

import psutil

MB = 1 << 20


def tree_rss(pid: int) -> int:
    """Resident bytes of a process and its children (Tesseract runs as a child of the worker)."""
    try:
        proc = psutil.Process(pid)
        total = proc.memory_info().rss
        for child in proc.children(recursive=True):
            try:
                total += child.memory_info().rss
            except psutil.Error:
                continue  # a child that just ended
    except psutil.Error:
        return 0
    return total


def kill_tree(pid: int) -> None:
    """End a worker and its children now (SIGKILL: a stuck worker cannot be asked nicely)."""
    try:
        proc = psutil.Process(pid)
        victims = [*proc.children(recursive=True), proc]
    except psutil.Error:
        return
    for victim in victims:
        try:
            victim.kill()
        except psutil.Error:
            continue


def limit_address_space(max_memory_mb: int) -> None:
    """Cap the worker's address space at what it has now plus twice the memory ceiling."""
    try:
        vms = psutil.Process().memory_info().vms
        cap = vms + 2 * max_memory_mb * MB
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            cap = min(cap, hard)
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except (ValueError, OSError, psutil.Error):
        pass  # a platform without it keeps the parent's RSS watch only


_PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """Linux: the kernel kills this worker when its parent ends (kill -9 of the run included),
    so no orphan goes on burning a core on a document nobody will collect."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the parent was already gone before prctl took effect
        os._exit(1)


def quiet_worker(threads: int = 1) -> None:
    """Ctrl-C goes to the whole process group; the parent decides, workers ignore it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    worker_environment(threads)


def worker_environment(threads: int = 1) -> None:
    """What any worker (local or Dask, main thread or not) sets before reading documents.
    `threads`: the worker's share of the cores, for OpenCV (workers x threads = cores)."""
    os.environ["OMP_THREAD_LIMIT"] = "1"  # one Tesseract thread: the workers already fill the cores
    import cv2

    # OpenCV would start a thread per core in every worker: with a worker per core they only
    # take turns (measured: each document 15-20 % slower with two workers on two cores).
    cv2.setNumThreads(max(1, threads))
    # pdfminer logs each oddity of a broken file ("MediaBox missing ..."): on stderr that only
    # tears the progress bar; the document's own row says what went wrong.
    for name in ("pdfminer", "pdfplumber"):
        logging.getLogger(name).setLevel(logging.ERROR)
    warnings.filterwarnings("ignore", category=UserWarning, module=r"PIL\.")  # "Corrupt EXIF data"
