"""Where the data files the pipeline reads at run time are: the gazetteer and the spaCy model.

Their source is the repository's top-level `models/` folder; the package installs it as
`pipeline.models`, so they are found the same way from a checkout, an editable install and a
wheel installed anywhere.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def models_dir() -> Path:
    return Path(str(files("pipeline.models")))


def gazetteer_path() -> Path:
    return models_dir() / "agencies.csv"


def spacy_model_dir() -> Path:
    return models_dir() / "spacy-agencies"
