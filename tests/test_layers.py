"""The package's import structure: no circles, and no module importing a higher layer.

Imports are read from the source with ``ast``, including the ones inside functions (a lazy
import hides a circle, it does not remove it); imports under ``if TYPE_CHECKING:`` are
annotations only and are left out. A module belongs to the first layer whose prefix names
it; a module may import its own layer and the layers below.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parent.parent / "kg"

#: Lowest first. Each entry: module names or package prefixes (a prefix "kg.x." holds kg.x's modules).
LAYERS: list[tuple[str, ...]] = [
    ("kg.errors", "kg.config", "kg.rdf", "kg.rdf.vocab"),                    # no kg imports but these
    ("kg.rdf.iris", "kg.claims", "kg.articles", "kg.rdf.terms"),             # terms, records, input files
    ("kg.rdf.mapping", "kg.rdf.files", "kg.store", "kg.store."),             # graphs, where they live
    ("kg.extract", "kg.extract."),                                           # articles -> claims
    ("kg.load", "kg.load."),                                                 # claims -> store
    ("kg.queries", "kg.queries."),                                           # named queries, resolving names
    ("kg.ask", "kg.ask."),                                                   # answers
    ("kg.analysis", "kg.analysis."),                                         # networkx
    ("kg.render", "kg.render."),                                             # the HTML page
    ("kg", "kg.api"),                                                        # the Python API
    ("kg.cli", "kg.cli.", "kg.__main__"),                                    # the command line
]


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in ROOT.rglob("*.py")}


def layer_of(module: str) -> int:
    """The index of the layer a module belongs to (exact names before prefixes)."""
    for i, layer in enumerate(LAYERS):
        if module in layer:
            return i
    for i, layer in enumerate(LAYERS):
        if any(p.endswith(("_", ".")) and module.startswith(p) for p in layer):
            return i
    raise AssertionError(f"{module} is in no layer of tests/test_layers.py: place it")


def _runtime_imports(tree: ast.Module) -> list[ast.stmt]:
    """Import statements outside ``if TYPE_CHECKING:`` blocks."""
    found: list[ast.stmt] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            found.append(node)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def import_graph() -> nx.DiGraph:
    """Module -> module it imports (at run time), within ``kg``; edges carry the line."""
    graph = nx.DiGraph()
    graph.add_nodes_from(MODULES)
    for name, path in MODULES.items():
        for node in _runtime_imports(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                if node.level or not node.module:
                    continue
                subs = [f"{node.module}.{a.name}" for a in node.names if f"{node.module}.{a.name}" in MODULES]
                targets = subs if len(subs) == len(node.names) else [node.module, *subs]
            else:
                targets = [a.name for a in node.names]
            for target in targets:
                # importing a package one is part of runs nothing new: the package is imported first
                if target in MODULES and target != name and not name.startswith(target + "."):
                    graph.add_edge(name, target, line=node.lineno)
    return graph


GRAPH = import_graph()


def test_every_module_has_a_layer():
    for module in MODULES:
        layer_of(module)


def test_no_import_circle():
    cycles = sorted(" -> ".join([*c, c[0]]) for c in nx.simple_cycles(GRAPH))
    assert not cycles, "import circles:\n" + "\n".join(cycles)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_upward_import(module):
    upward = [f"{MODULES[module].relative_to(ROOT.parent)}:{data['line']}: {module} (layer {layer_of(module)}) "
              f"imports {target} (layer {layer_of(target)})"
              for _, target, data in GRAPH.out_edges(module, data=True) if layer_of(target) > layer_of(module)]
    assert not upward, "\n".join(upward)


def test_a_circle_and_an_upward_import_are_found():
    graph = nx.DiGraph([("kg.store.embedded", "kg.store.remote"), ("kg.store.remote", "kg.store.embedded")])
    assert list(nx.simple_cycles(graph))
    assert layer_of("kg.cli.ask") > layer_of("kg.store.remote") > layer_of("kg.rdf.vocab")


@pytest.mark.parametrize("package", sorted(m for m, p in MODULES.items() if p.name == "__init__.py" and m != "kg"))
def test_every_package_says_what_it_holds_and_may_import(package):
    doc = ast.get_docstring(ast.parse(MODULES[package].read_text(encoding="utf-8"))) or ""
    assert len(doc.split()) >= 20 and "import" in doc, f"{MODULES[package]}: say what the package holds and may import"
