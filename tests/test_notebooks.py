"""The tutorial notebooks: committed without outputs, and each runs top to bottom without error.

Executed with nbclient in a ``python3`` kernel of this interpreter (each notebook builds its
own temporary store, so they need no fixture and leave nothing behind).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

NOTEBOOKS_DIR = Path(__file__).resolve().parent.parent / "notebooks"
NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
EXPECTED = ["01_tour.ipynb", "02_network_analysis.ipynb", "03_add_an_article.ipynb"]


def test_the_three_tutorials_are_there():
    assert [p.name for p in NOTEBOOKS] == EXPECTED


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_committed_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    dirty = [i for i, cell in enumerate(nb.cells)
             if cell.cell_type == "code" and (cell.outputs or cell.execution_count is not None)]
    assert not dirty, f"{path.name}: cells {dirty} have outputs or execution counts; strip them before committing"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_each_step_is_explained_before_its_code(path):
    nb = nbformat.read(path, as_version=4)
    kinds = [cell.cell_type for cell in nb.cells]
    assert kinds[0] == "markdown" and nb.cells[0].source.startswith("# ")
    assert "code" in kinds
    unexplained = [i for i in range(1, len(kinds)) if kinds[i] == kinds[i - 1] == "code"]
    assert not unexplained, f"{path.name}: code cells {unexplained} have no markdown cell before them"


def _kernel_spec() -> str:
    """Register this interpreter as the ``python3`` kernel when no such kernel exists."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        KernelSpecManager().get_kernel_spec("python3")
    except NoSuchKernel:
        from ipykernel.kernelspec import install

        install(prefix=sys.prefix)
    return "python3"


@pytest.mark.slow  # a kernel per notebook, each building a store: 5 s apiece
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_without_error(path, tmp_path):
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=300, kernel_name=_kernel_spec(),
                                     resources={"metadata": {"path": str(tmp_path)}})
    client.execute()  # raises CellExecutionError, naming the cell, on any error
    errors = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs if o.output_type == "error"]
    assert not errors
    # Every code cell ran (none was skipped).
    assert all(cell.execution_count for cell in nb.cells if cell.cell_type == "code")
