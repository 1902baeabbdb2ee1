"""Shared fixtures: a store built from the seeds (once per session) and a CLI runner."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SEEDS = PROJECT_ROOT / "seeds"


def run_kg(*args: str, store: str | Path | None = None, env: dict | None = None,
           cwd: str | Path | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    """Run ``kg ARGS`` as a fresh process and capture its output."""
    full_env = {**os.environ, **(env or {})}
    full_env.pop("KG_STORE", None)
    if store is not None:
        full_env["KG_STORE"] = str(store)
    return subprocess.run(
        [sys.executable, "-m", "kg", *args],
        capture_output=True, text=True, env=full_env, cwd=cwd or PROJECT_ROOT, timeout=timeout,
    )


@pytest.fixture(scope="session")
def kg() -> Callable[..., subprocess.CompletedProcess]:
    """The ``run_kg`` function, as a fixture."""
    return run_kg


@pytest.fixture(scope="session")
def seed_store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store directory built from the seeds with ``kg build`` (read it, don't write it)."""
    path = tmp_path_factory.mktemp("seedstore") / "store"
    result = run_kg("build", store=path)
    assert result.returncode == 0, result.stderr
    return path


@pytest.fixture()
def seed_store_copy(seed_store_dir: Path, tmp_path: Path) -> Path:
    """A private, writable copy of the seeds store."""
    target = tmp_path / "store"
    shutil.copytree(seed_store_dir, target)
    return target


@pytest.fixture()
def seed_store(seed_store_dir: Path):
    """The seeds store opened read-only (closed after the test)."""
    from kg.store import open_store

    store = open_store(str(seed_store_dir), read_only=True)
    yield store
    store.close()
