"""Data files installed with the package as `pipeline.models` (see pipeline/resources.py)."""
