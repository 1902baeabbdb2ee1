"""Where the project's data files live (ontology, shapes, seeds)."""

from __future__ import annotations

import os
from pathlib import Path

#: The repository root (kg is installed in editable mode; see README).
PROJECT_ROOT = Path(__file__).resolve().parent.parent


def ontology_dir() -> Path:
    """``$KG_ONTOLOGY_DIR`` or ``<project>/ontology``."""
    return Path(os.environ.get("KG_ONTOLOGY_DIR") or PROJECT_ROOT / "ontology")


def ontology_file() -> Path:
    """The OWL ontology in Turtle."""
    return ontology_dir() / "kg.ttl"


def shapes_file() -> Path:
    """The SHACL shapes in Turtle."""
    return ontology_dir() / "shapes.ttl"


def seeds_dir() -> Path:
    """``$KG_SEEDS_DIR`` or ``<project>/seeds`` (holds ``articles/`` and ``curated/``)."""
    return Path(os.environ.get("KG_SEEDS_DIR") or PROJECT_ROOT / "seeds")
