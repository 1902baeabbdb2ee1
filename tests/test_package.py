"""The wheel: it ships the ontology, shapes and seeds, installs into a clean venv and works
outside the source tree (built and installed once per session; about 40 s, marked slow)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT

pytestmark = pytest.mark.slow


def _run(args: list[str], cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("KG_STORE", "KG_SEEDS_DIR", "KG_ONTOLOGY_DIR",
                                                          "PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run(args, capture_output=True, text=True, cwd=cwd, env=env, timeout=timeout)


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's wheel, built from the source tree (no dependencies fetched)."""
    out = tmp_path_factory.mktemp("dist")
    result = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
                   "-w", str(out), str(PROJECT_ROOT)], cwd=out)
    assert result.returncode == 0, result.stderr
    (path,) = out.glob("positions_kg-*.whl")
    return path


@pytest.fixture(scope="session")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A clean venv (made by the test interpreter) with the wheel installed; returns its bin/."""
    venv = tmp_path_factory.mktemp("venv") / "env"
    started = time.perf_counter()
    made = _run([sys.executable, "-m", "venv", str(venv)], cwd=venv.parent)
    assert made.returncode == 0, made.stderr
    pip = _run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", str(wheel)], cwd=venv.parent)
    assert pip.returncode == 0, pip.stderr
    sys.stderr.write(f"\n[test_package] clean venv + wheel install: {time.perf_counter() - started:.1f} s\n")
    return venv / "bin"


def test_wheel_ships_ontology_shapes_and_seeds(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"kg/ontology/kg.ttl", "kg/ontology/shapes.ttl"} <= names
    for folder in ("curated", "articles"):
        source = sorted(p.name for p in (PROJECT_ROOT / "seeds" / folder).iterdir() if p.is_file())
        shipped = sorted(n.rsplit("/", 1)[1] for n in names if n.startswith(f"kg/seeds/{folder}/"))
        assert shipped == source, folder


def test_installed_wheel_builds_and_answers_outside_the_source_tree(installed, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    store = tmp_path / "store"
    kg = str(installed / "kg")
    version = _run([kg, "--version"], cwd=elsewhere)
    assert version.returncode == 0 and version.stdout.split()[-1][0].isdigit(), version.stdout
    built = _run([kg, "build", "--store", str(store)], cwd=elsewhere)
    assert built.returncode == 0, built.stderr
    assert "5 articles" in built.stdout + built.stderr
    valid = _run([kg, "validate", "--store", str(store)], cwd=elsewhere)
    assert valid.returncode == 0, valid.stdout + valid.stderr
    asked = _run([kg, "ask", "who opposes troop deployment and why", "--store", str(store), "--format", "json"],
                 cwd=elsewhere)
    assert asked.returncode == 0, asked.stderr
    assert json.loads(asked.stdout), asked.stdout
    # the installed package reads its own copy of the data, not the source tree's
    where = _run([str(installed / "python"), "-c", "import kg.config as p; print(p.seeds_dir())"], cwd=elsewhere)
    assert where.returncode == 0, where.stderr
    assert not Path(where.stdout.strip()).resolve().is_relative_to(PROJECT_ROOT)
