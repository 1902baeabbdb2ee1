"""Writing a pyvis ``Network`` as one self-contained, offline HTML page.

pyvis's own template links Bootstrap from a CDN even with ``cdn_resources="in_line"``,
writes tooltips with ``innerHTML`` as soon as one title contains ``href``, and does not
escape its heading. This page is our own: vis-network's script and style sheet (the
copy bundled with pyvis) are inlined, every text goes through Jinja's autoescaping or,
in the script, through ``textContent``; the graph travels as a JSON data block; and a
Content-Security-Policy allows only the page's own inline scripts (by hash), so even a
stray ``onerror=`` attribute would not run, and no request can leave the page.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import InputError
from kg.render.layout import Engine, Positions
from kg.render.network import main_proposal, node_positions, short_label, to_pyvis
from kg.render.style import (
    EDGE_STYLES,
    FALLBACK_EDGE_STYLE,
    FALLBACK_NODE_STYLE,
    NODE_STYLES,
    POSITION_COLORS,
    SCOPE_DASHES,
    SCOPE_LABELS,
)

if TYPE_CHECKING:
    import networkx as nx
    from pyvis.network import Network

#: The vis-network build shipped inside the pyvis package (pinned with pyvis).
VIS_DIR = "templates/lib/vis-9.1.2"
DEFAULT_TITLE = "positions-kg: who stands where"


@dataclass(frozen=True)
class SourceOption:
    """One entry of the page's source filter: an article IRI and how to name it."""

    iri: str
    label: str


def source_options(graph: nx.MultiDiGraph) -> list[SourceOption]:
    """The articles the graph's claims come from, named by outlet, date and title.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> _ = g.add_edge("x", "y", kind="stance", source="a1", outlet="Daily", date="2025-01-02",
    ...                source_label="Leaders meet")
    >>> source_options(g)
    [SourceOption(iri='a1', label='2025-01-02 · Daily · Leaders meet')]
    """
    found: dict[str, SourceOption] = {}
    dates: dict[str, str] = {}
    for _, _, data in graph.edges(data=True):
        iri = data.get("source")
        if not iri or data.get("kind") == "reports" or iri in found:
            continue
        parts = [data.get("date"), data.get("outlet"), short_label(data.get("source_label") or iri, 60)]
        found[iri] = SourceOption(iri, " · ".join(p for p in parts if p))
        dates[iri] = data.get("date") or ""
    return sorted(found.values(), key=lambda s: (dates[s.iri], s.label))


def render_html(graph: nx.MultiDiGraph, *, title: str = DEFAULT_TITLE, positions: Positions | None = None,
                engine: Engine = "auto", proposal: str | None = None) -> str:
    """The page for ``graph``: claims merged, layout, pyvis network and HTML in one call.

    Actors are coloured by their position on ``proposal`` (a proposal node of ``graph``;
    default: the one with the most stance claims).

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("p", type="person", label="<b>Jo</b>", iri="p")
    >>> html = render_html(g, title="A & B")
    >>> "<title>A &amp; B</title>" in html, "<b>Jo" in html
    (True, False)
    """
    from kg.render.aggregate import aggregate_claims

    drawn = aggregate_claims(graph)
    if positions is None:
        positions = node_positions(drawn, engine=engine)
    proposal = proposal or main_proposal(drawn)
    label = str(drawn.nodes[proposal].get("label") or proposal) if proposal is not None else ""
    return network_html(to_pyvis(drawn, positions, heading=title, proposal=proposal), sources=source_options(graph),
                        proposal_label=label)


def write_html(graph: nx.MultiDiGraph, path: str | os.PathLike[str], *, title: str = DEFAULT_TITLE,
               positions: Positions | None = None, engine: Engine = "auto", proposal: str | None = None) -> Path:
    """Write :func:`render_html` of ``graph`` to ``path`` (replaced whole, never half-written).

    Raises
    ------
    InputError
        ``path`` cannot be written.
    """
    html = render_html(graph, title=title, positions=positions, engine=engine, proposal=proposal)
    target = Path(path)
    # A temporary file next to the target, then a rename: readers never see half a page.
    # (Opened normally rather than with mkstemp, so the file gets the usual permissions.)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(html, encoding="utf-8")
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise InputError(str(path), f"cannot write the page: {exc.strerror or exc}") from exc
    return target


def network_html(net: Network, *, sources: list[SourceOption] | tuple = (), proposal_label: str = "") -> str:
    """HTML of a network built by :func:`kg.render.network.to_pyvis`.

    The page defines the globals ``network`` (the vis ``Network``), ``nodes`` and
    ``edges`` (its two ``DataSet``), as pyvis pages do; ``document.body.dataset.state``
    becomes ``"ready"`` once the network is first drawn.
    """
    from markupsafe import Markup

    assets = _assets()
    data = {"nodes": net.nodes, "edges": net.edges, "options": net.options}
    scripts = [assets["vis_js"], assets["page_js"]]
    styles = [assets["vis_css"], assets["page_css"]]
    node_counts = Counter(n["kg"]["type"] for n in net.nodes)
    edge_counts = Counter(e["kg"]["category"] for e in net.edges)
    position_counts = Counter(n["kg"].get("position") for n in net.nodes)
    scope_counts = Counter(e["kg"].get("scope") for e in net.edges if e["kg"].get("scope"))
    node_styles = [*NODE_STYLES.values(), FALLBACK_NODE_STYLE]
    edge_styles = [*EDGE_STYLES.values(), FALLBACK_EDGE_STYLE]
    return _environment().get_template("graph.html.j2").render(
        title=net.heading or DEFAULT_TITLE,
        node_legend=[(s, node_counts[s.name]) for s in node_styles if node_counts[s.name]],
        edge_legend=[(s, edge_counts[s.name]) for s in edge_styles if edge_counts[s.name]],
        sources=list(sources),
        proposal_label=proposal_label,
        position_legend=[(name, color, position_counts[name]) for name, color in POSITION_COLORS.items()
                         if position_counts[name]],
        scope_legend=[(SCOPE_LABELS[name], SCOPE_DASHES[name], scope_counts[name]) for name in SCOPE_DASHES
                      if scope_counts[name]],
        n_claims=sum(e["kg"].get("count", 1) for e in net.edges),
        dashed=any("dashes" in e for e in net.edges),  # the legend draws lines as the graph does
        n_nodes=len(net.nodes),
        n_edges=len(net.edges),
        script_hashes=" ".join(_csp_hash(s) for s in scripts),
        style_hashes=" ".join(_csp_hash(s) for s in styles),
        # Markup: inserted verbatim into <script>/<style> raw text, where HTML escaping
        # would corrupt them; _script_json and _checked_raw make that safe.
        data_json=Markup(_script_json(data)),
        **{name: Markup(text) for name, text in assets.items()},
    )


def _script_json(value: object) -> str:
    """JSON that cannot end its ``<script>`` element early: ``<``, ``>`` and ``&`` as escapes.

    Examples
    --------
    >>> _script_json({"q": "</script><b>"})
    '{"q":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _csp_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _checked_raw(text: str, what: str) -> str:
    # Raw text inlined into <script>/<style>: anything that could close the element or
    # open a comment there would break the page, so refuse it rather than mangle code.
    lowered = text.lower()
    for bad in ("</script", "</style", "<!--"):
        if bad in lowered:
            raise ValueError(f"{what}: contains {bad!r}, cannot be inlined")
    return text


@lru_cache(maxsize=1)
def _assets() -> dict[str, str]:
    pyvis_files = resources.files("pyvis").joinpath(VIS_DIR)
    own = resources.files(__package__).joinpath("templates")
    files = {
        "vis_js": pyvis_files.joinpath("vis-network.min.js"),
        "vis_css": pyvis_files.joinpath("vis-network.css"),
        "page_js": own.joinpath("graph.js"),
        "page_css": own.joinpath("graph.css"),
    }
    return {name: _checked_raw(f.read_text(encoding="utf-8"), str(f)) for name, f in files.items()}


@lru_cache(maxsize=1)
def _environment():
    from jinja2 import Environment, PackageLoader, StrictUndefined

    return Environment(loader=PackageLoader(__package__, "templates"), autoescape=True,
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
