"""plans: Vietnamese government plans (scanned or digital) -> structured task tables."""

from __future__ import annotations

from pipeline.version import __version__


def extract(path, config=None, engine=None, matcher=None):  # noqa: ANN001, ANN201
    """Extract one document into a Plan (see pipeline.api.extract)."""
    from pipeline.api import extract as _extract

    return _extract(path, config, engine, matcher)


def read_outputs(out_dir):  # noqa: ANN001, ANN201
    """The tables of an output folder as typed pandas DataFrames (see pipeline.output.frames)."""
    from pipeline.output.frames import read_outputs as _read

    return _read(out_dir)


__all__ = ["__version__", "extract", "read_outputs"]
