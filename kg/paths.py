"""Where the project's data files live (ontology, shapes, seeds).

They ship inside the package (``kg/ontology`` and ``kg/seeds``), read through
:mod:`importlib.resources`, so a wheel installed anywhere finds them. In the source
tree those two folders are symbolic links to the top-level ``ontology/`` and
``seeds/``, so both read the very same files.

Examples
--------
>>> ontology_file().name, shapes_file().name
('kg.ttl', 'shapes.ttl')
>>> (seeds_dir() / "curated").is_dir()
True
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

#: The repository root when kg runs from the source tree (editable install); not used
#: to find data, which lives in the package.
PROJECT_ROOT = Path(__file__).resolve().parent.parent


def package_data(name: str) -> Path:
    """The folder ``name`` shipped inside the ``kg`` package, as a file-system path."""
    return Path(str(files("kg") / name))


def ontology_dir() -> Path:
    """``$KG_ONTOLOGY_DIR`` or the packaged ``kg/ontology``."""
    return Path(os.environ.get("KG_ONTOLOGY_DIR") or package_data("ontology"))


def ontology_file() -> Path:
    """The OWL ontology in Turtle."""
    return ontology_dir() / "kg.ttl"


def shapes_file() -> Path:
    """The SHACL shapes in Turtle."""
    return ontology_dir() / "shapes.ttl"


def seeds_dir() -> Path:
    """``$KG_SEEDS_DIR`` or the packaged ``kg/seeds`` (holds ``articles/`` and ``curated/``)."""
    return Path(os.environ.get("KG_SEEDS_DIR") or package_data("seeds"))
