"""The executed notebooks in docs/notebooks (``make docs``) and the README links to them and the API."""

from __future__ import annotations

import re

import pytest

from tests.conftest import PROJECT_ROOT

NOTEBOOKS = sorted((PROJECT_ROOT / "notebooks").glob("*.ipynb"))
README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_each_notebook_has_an_executed_html_copy_linked_from_the_readme(notebook):
    page = PROJECT_ROOT / "docs" / "notebooks" / f"{notebook.stem}.html"
    assert page.is_file(), f"run make docs: {page} is missing"
    text = page.read_text(encoding="utf-8")
    assert "jp-OutputArea-output" in text  # executed: the cells have outputs
    assert "Traceback" not in text and "Error</span>" not in text
    assert f"(docs/notebooks/{notebook.stem}.html)" in README


def test_network_notebook_copy_has_its_figures():
    text = (PROJECT_ROOT / "docs" / "notebooks" / "02_network_analysis.html").read_text(encoding="utf-8")
    assert len(re.findall(r"data:image/png;base64,", text)) >= 3


def test_readme_points_to_the_api_and_the_notebook_targets():
    assert "(docs/api.md)" in README and "make notebooks" in README and "make docs" in README
    makefile = (PROJECT_ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^notebooks:", makefile, re.M) and re.search(r"^docs:", makefile, re.M)
    assert "[notebooks]" in makefile
