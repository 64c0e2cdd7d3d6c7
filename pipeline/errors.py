"""Error types: each carries the one-line message a user reads in errors.csv."""

from __future__ import annotations

from pipeline.model import Stage


class PlansError(Exception):
    """A failure of one document; the batch goes on."""

    stage = Stage.EXTRACT

    def __init__(self, message: str, page: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.page = page


class InputError(PlansError):
    """The file cannot be read as a document (corrupt, encrypted, empty, wrong type)."""

    stage = Stage.OPEN


class LimitError(PlansError):
    """The document exceeds a configured limit (pages, pixels, time)."""

    stage = Stage.LIMITS


class OcrError(PlansError):
    stage = Stage.OCR


class UsageError(Exception):
    """Bad options or arguments: exit status 2."""

    exit_code = 2


class FolderInUse(UsageError):
    """Another run is writing into the same output folder."""


class SchedulerError(UsageError):
    """The Dask scheduler given with --scheduler cannot be reached."""


# Stages of failures that may not happen again (a slow or busy machine, a file being copied,
# a worker killed): their results are not cached, the next run tries the document again.
TRANSIENT_STAGES = frozenset({Stage.READ, Stage.TIMEOUT, Stage.MEMORY, Stage.WORKER})


def one_line(message: str, limit: int = 300) -> str:
    """A message as errors.csv shows it: one line, whitespace collapsed, not endless."""
    text = " ".join(str(message).split())
    # A path in a message ("cannot identify image file '/in/caf\udce9.png'") may carry the lone
    # surrogates Python keeps for bytes that are not UTF-8: no UTF-8 file can hold those.
    handler = "surrogateescape" if _escaped_only(text) else "replace"
    text = text.encode("utf-8", handler).decode("utf-8", "replace")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _escaped_only(text: str) -> bool:
    return all(not 0xD800 <= ord(c) <= 0xDFFF or 0xDC80 <= ord(c) <= 0xDCFF for c in text)
