"""Write the sample archive (data/raw/) and the truth of the made-up plans (tests/golden/)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout, uninstalled

from synth.samples import main  # noqa: E402

if __name__ == "__main__":
    main()
