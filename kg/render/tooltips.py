"""What a node's or an edge's tooltip says, as (field, text) lines of plain text.

The page turns each line into DOM text nodes (``textContent``), so nothing here is
HTML and nothing needs escaping: a quote containing ``<script>`` is shown as written.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from kg.render.style import node_style

if TYPE_CHECKING:
    import networkx as nx

#: One tooltip line: a field name ("" for a heading line) and its text.
Line = tuple[str, str]

_VERBS = {
    "supports": "supports",
    "opposes": "opposes",
    "conditional": "conditionally supports",
    "neutral": "is neutral on",
}
_SCOPES = {"deployment": "the deployment as such", "own_troops": "sending its own troops"}


def edge_tooltip(data: dict, source_label: str, target_label: str) -> list[Line]:
    """The tooltip of a graph edge: the claim in words, then its reasons and evidence.

    Parameters
    ----------
    data : dict
        Edge attributes from :func:`kg.analysis.graph.graph_from_store`.
    source_label, target_label : str
        Labels of the edge's two nodes.

    Examples
    --------
    >>> edge_tooltip({"kind": "stance", "polarity": "opposes", "scope": "own_troops",
    ...               "reasons": ["no troops to spare"], "quote": "We cannot.",
    ...               "outlet": "Daily", "source_label": "Title", "date": "2025-03-01"},
    ...              "Poland", "reassurance force")  # doctest: +NORMALIZE_WHITESPACE
    [('', 'Poland opposes reassurance force'), ('Scope', 'sending its own troops'),
     ('Reason', 'no troops to spare'), ('Quote', '“We cannot.”'), ('Source', 'Daily — Title'),
     ('Date', '2025-03-01')]
    """
    kind = data.get("kind")
    if kind == "stance":
        verb = _VERBS.get(data.get("polarity") or "", data.get("polarity") or "has a stance on")
        lines: list[Line] = [("", f"{source_label} {verb} {target_label}")]
        if data.get("scope"):
            lines.append(("Scope", _SCOPES.get(data["scope"], data["scope"])))
        lines += [("Reason", r) for r in data.get("reasons") or []]
        lines += [("Condition", c) for c in data.get("conditions") or []]
        if data.get("speaker"):
            lines.append(("Speaker", data["speaker"]))
    elif kind == "role":
        lines = [("", f"{source_label}: {data.get('role') or 'post'}, {target_label}")]
    elif kind == "reports":
        return [("", f"{source_label} reports claims about {target_label}")]
    else:
        lines = [("", f"{source_label} → {target_label}")]
    return lines + _evidence(data)


#: Claims listed one by one in an edge's tooltip; the rest are counted.
MAX_TIP_CLAIMS = 12


def claims_tooltip(data: dict, source_label: str, target_label: str) -> list[Line]:
    """The tooltip of a drawn edge that merges ``data["count"]`` claims (see :mod:`kg.render.aggregate`).

    One claim: :func:`edge_tooltip`. Several: the claim in words with the number of claims,
    the scope, every distinct reason and condition, then each claim's date, source, method
    and quote.

    Examples
    --------
    >>> one = {"kind": "stance", "polarity": "opposes", "scope": "own_troops", "reasons": ["r"],
    ...        "quote": "No.", "outlet": "Daily", "date": "2025-03-01", "method": "curated"}
    >>> two = dict(one, date="2025-04-01", outlet="Herald", quote="Never.")
    >>> tip = claims_tooltip(dict(two, count=2, claims=[one, two]), "Poland", "the force")
    >>> tip[:3]
    [('', 'Poland opposes the force: 2 claims'), ('Scope', 'sending its own troops'), ('Reason', 'r')]
    >>> tip[3:5]
    [('Claim 1', '2025-03-01 · Daily · curated'), ('Quote', '“No.”')]
    """
    claims = data.get("claims") or [data]
    if len(claims) == 1:
        return edge_tooltip(claims[0], source_label, target_label)
    head, *rest = edge_tooltip(data, source_label, target_label)
    lines: list[Line] = [("", f"{head[1]}: {len(claims)} claims")]
    lines += [line for line in rest if line[0] == "Scope"]
    for field, key in (("Reason", "reasons"), ("Condition", "conditions")):
        seen = dict.fromkeys(item for claim in claims for item in claim.get(key) or [])
        lines += [(field, item) for item in seen]
    for n, claim in enumerate(claims[:MAX_TIP_CLAIMS], 1):
        where = claim.get("outlet") or claim.get("source_label")
        lines.append((f"Claim {n}", " · ".join(str(p) for p in (claim.get("date"), where, claim.get("method")) if p)))
        if claim.get("quote"):
            lines.append(("Quote", f"“{claim['quote']}”"))
    if len(claims) > MAX_TIP_CLAIMS:
        lines.append(("", f"… and {len(claims) - MAX_TIP_CLAIMS} more claims"))
    return lines


def _evidence(data: dict) -> list[Line]:
    lines: list[Line] = []
    if data.get("quote"):
        lines.append(("Quote", f"“{data['quote']}”"))
    outlet, title = data.get("outlet"), data.get("source_label")
    if outlet or title:
        lines.append(("Source", f"{outlet} — {title}" if outlet and title else outlet or title or ""))
    if data.get("date"):
        lines.append(("Date", data["date"]))
    method = data.get("method")
    if method:
        confidence = data.get("confidence")
        lines.append(("Method", method if confidence is None else f"{method}, confidence {confidence:g}"))
    return lines


def node_tooltips(graph: nx.MultiDiGraph) -> dict[str, list[Line]]:
    """The tooltip of every node: its name, type and a summary of its claims.

    One pass over the edges (a node-by-node scan of neighbours would be quadratic on
    hubs such as a proposal with thousands of stances).

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("p", type="country", label="Poland", iri="p")
    >>> g.add_node("f", type="proposal", label="force", iri="f")
    >>> _ = g.add_edge("p", "f", kind="stance", polarity="opposes")
    >>> node_tooltips(g)["p"]
    [('', 'Poland'), ('Type', 'Country'), ('Stances', '1 opposes'), ('IRI', 'p')]
    >>> node_tooltips(g)["f"][2]
    ('Stances on it', '1 opposes')
    """
    made: dict[str, Counter] = {}
    received: dict[str, Counter] = {}
    posts: dict[str, list[str]] = {}
    article_facts: dict[str, list[Line]] = {}
    for u, v, d in graph.edges(data=True):
        kind = d.get("kind")
        if kind == "stance":
            made.setdefault(u, Counter())[d.get("polarity")] += 1
            received.setdefault(v, Counter())[d.get("polarity")] += 1
        elif kind == "role":
            posts.setdefault(u, []).append(f"{d.get('role') or 'post'}, {graph.nodes[v].get('label', v)}")
        source = d.get("source")
        # An article node carries only its title: outlet and date travel on its claims.
        if kind in ("stance", "role") and source in graph and source not in article_facts:
            article_facts[source] = [(name, d[key]) for name, key in (("Outlet", "outlet"), ("Date", "date"))
                                     if d.get(key)]
    tips: dict[str, list[Line]] = {}
    for node, data in graph.nodes(data=True):
        lines: list[Line] = [("", data.get("label") or str(node)), ("Type", node_style(data.get("type")).label)]
        if node in made:
            lines.append(("Stances", _summary(made[node])))
        lines += [("Post", post) for post in posts.get(node, [])]
        if node in received:
            lines.append(("Stances on it", _summary(received[node])))
        if data.get("type") == "article":
            lines += article_facts.get(node, [])
        lines.append(("IRI", data.get("iri") or str(node)))
        tips[node] = lines
    return tips


def _summary(counts: Counter) -> str:
    return ", ".join(f"{n} {polarity}" for polarity, n in sorted(counts.items(), key=str))
