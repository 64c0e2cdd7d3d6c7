"""Which installed packages differ from the versions a lock file pins (make test-latest)."""

from __future__ import annotations

import re
import sys
from importlib.metadata import distributions
from pathlib import Path


def pins(lock: Path) -> dict[str, str]:
    found: dict[str, str] = {}
    for line in lock.read_text("utf-8").splitlines():
        m = re.match(r"^([A-Za-z0-9_.-]+)==([^\s;\\]+)", line)
        if m:
            found.setdefault(_key(m[1]), m[2])
    return found


def _key(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def main() -> None:
    locked = pins(Path(sys.argv[1]))
    installed = {_key(d.metadata["Name"]): d.version for d in distributions()}
    changed = sorted((n, locked[n], v) for n, v in installed.items() if n in locked and locked[n] != v)
    new = sorted(n for n in installed if n not in locked and n not in {"plans", "pip"})
    print(f"test-latest: {len(changed)} of {len(locked)} locked packages have newer releases installed")
    for name, old, now in changed:
        print(f"  {name}: {old} -> {now}")
    if new:
        print("  not in the lock: " + ", ".join(new))


if __name__ == "__main__":
    main()
