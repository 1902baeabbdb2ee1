"""Shared fixtures: a store built from the seeds (once per session) and two CLI runners.

``kg`` runs the command in this process (spaCy and the store libraries load once per test
session), exactly as ``python -m kg`` would: same ``main()``, same environment variables,
working directory and argv, stdout and stderr captured apart, the exit code from
``SystemExit``. ``kg_process`` (and :func:`run_kg`) start a fresh process, for the tests
that are about processes: start-up imports, signals, locks between processes.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
import traceback
from collections.abc import Callable, Iterator
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


@contextlib.contextmanager
def _environment(env: dict[str, str], cwd: str | Path) -> Iterator[None]:
    """``os.environ``, the working directory and argv as a fresh process would have them, restored after."""
    saved_env, saved_cwd, saved_argv = dict(os.environ), os.getcwd(), sys.argv
    os.environ.clear()
    os.environ.update(env)
    os.chdir(cwd)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved_env)
        os.chdir(saved_cwd)
        sys.argv = saved_argv


def run_kg_in_process(*args: str, store: str | Path | None = None, env: dict | None = None,
                      cwd: str | Path | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    """Run ``kg ARGS`` through :func:`kg.cli.main` in this process; the result a process run would give.

    An exception ``main()`` lets through is what a process would print as a traceback:
    it goes to stderr with exit code 1, so tests see it the same way. ``timeout`` is
    accepted for the same signature and not enforced.
    """
    from kg.cli import main

    full_env = {**os.environ, **(env or {})}
    full_env.pop("KG_STORE", None)
    if store is not None:
        full_env["KG_STORE"] = str(store)
    # text streams over bytes, as a process has (some commands write bytes to sys.stdout.buffer)
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", write_through=True)
    err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", write_through=True)
    code = 0
    with _environment(full_env, cwd or PROJECT_ROOT), contextlib.redirect_stdout(out), \
            contextlib.redirect_stderr(err):
        sys.argv = ["kg", *args]
        try:
            main()
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
            if isinstance(exc.code, str):
                err.write(exc.code + "\n")
        except BaseException:  # a process would print the traceback and exit 1
            err.write(traceback.format_exc())
            code = 1
    out.flush()
    err.flush()
    return subprocess.CompletedProcess(["kg", *args], code, _text(out), _text(err))


def _text(stream: io.TextIOWrapper) -> str:
    """What ``subprocess.run(text=True)`` reads: UTF-8 with universal newlines."""
    data = stream.buffer.getvalue().decode("utf-8", errors="replace")  # type: ignore[attr-defined]
    return data.replace("\r\n", "\n").replace("\r", "\n")


@pytest.fixture(scope="session")
def kg() -> Callable[..., subprocess.CompletedProcess]:
    """Run ``kg ARGS`` in this process (see :func:`run_kg_in_process`)."""
    return run_kg_in_process


@pytest.fixture(scope="session")
def kg_process() -> Callable[..., subprocess.CompletedProcess]:
    """Run ``kg ARGS`` as a fresh process (see :func:`run_kg`)."""
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
