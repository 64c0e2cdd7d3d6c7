"""A document's identity: the hash of its bytes, whatever its name or folder."""

from __future__ import annotations

import hashlib
from pathlib import Path


def doc_id_of(path: Path) -> str:
    """First 16 hex digits of the SHA-256 of the file's bytes."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()[:16]
