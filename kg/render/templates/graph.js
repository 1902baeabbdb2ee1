/* positions-kg graph page: builds the vis network from the JSON data block and wires
 * the search box, the filters and click-to-highlight.
 *
 * Globals, as on pyvis pages: `network` (vis.Network), `nodes` and `edges` (vis.DataSet,
 * every node and edge of the graph whatever the filters show).
 *
 * Every text that comes from the data reaches the page through textContent or as a
 * DOM text node, never through innerHTML.
 */
"use strict";
var network = null;
var nodes = null;
var edges = null;

(function () {
  const DIM_NODE = 0.15;
  // Dimming restyles every node and edge (vis re-parses each one): 50 ms at a few
  // hundred, seconds at 15,000. Above this many items the neighbourhood is shown by
  // selection alone (highlighted nodes, thicker edges), which costs one redraw.
  const DIM_MAX_ITEMS = 3000;
  const TOOLTIP_DELAY_MS = 150;
  const DIM_EDGE = 0.08;
  const DIM_FONT = "rgba(26, 26, 26, 0.2)";
  const MAX_LISTED_CLAIMS = 100;

  performance.mark("kg-start");
  const data = JSON.parse(document.getElementById("kg-data").textContent);
  performance.mark("kg-parsed");
  const $ = (id) => document.getElementById(id);

  /* A tooltip: one row per [field, text] line; a line without a field is the heading. */
  function tipElement(lines) {
    const box = document.createElement("div");
    box.className = "kg-tip";
    for (const [field, text] of lines) {
      const row = document.createElement("div");
      if (field) {
        const name = document.createElement("span");
        name.className = "kg-field";
        name.textContent = field + ": ";
        row.appendChild(name);
      } else {
        row.className = "kg-head";
      }
      row.appendChild(document.createTextNode(text));
      box.appendChild(row);
    }
    return box;
  }

  // Tooltips are our own (see "tooltip" below), built when shown: vis's `title`
  // would need an element per item up front, a second at 15,000 items.
  nodes = new vis.DataSet(data.nodes);
  edges = new vis.DataSet(data.edges);
  performance.mark("kg-datasets");

  /* ---- filters: entity types, claim categories (polarity or kind), source ---- */
  const typeOf = new Map(data.nodes.map((n) => [n.id, n.kg.type]));
  const boxes = (kind) => Array.from(document.querySelectorAll('input[data-filter="' + kind + '"]'));
  const checked = (kind) => new Set(boxes(kind).filter((b) => b.checked).map((b) => b.value));
  const positionOf = new Map(data.nodes.map((n) => [n.id, n.kg.position || ""]));
  let typesOn = checked("type");
  let categoriesOn = checked("category");
  let positionsOn = checked("position");
  let sourceOn = "";
  let touched = null; // nodes at the end of a shown edge, when an edge filter is active

  // An actor without a position on the proposal (or a post, an article) is not filtered by position.
  const positionKept = (id) => positionOf.get(id) === "" || positionsOn.has(positionOf.get(id));
  function edgeShown(e) {
    return categoriesOn.has(e.kg.category) && (sourceOn === "" || e.kg.sources.includes(sourceOn))
      && typesOn.has(typeOf.get(e.from)) && typesOn.has(typeOf.get(e.to))
      && positionKept(e.from) && positionKept(e.to);
  }
  function nodeShown(n) {
    return typesOn.has(n.kg.type) && positionKept(n.id) && (touched === null || touched.has(n.id));
  }
  const nodeView = new vis.DataView(nodes, { filter: nodeShown });
  const edgeView = new vis.DataView(edges, { filter: edgeShown });

  function applyFilters() {
    stopLayout(); // a running pass must not see nodes come and go
    typesOn = checked("type");
    categoriesOn = checked("category");
    positionsOn = checked("position");
    sourceOn = $("kg-source").value;
    const edgeFilter = sourceOn !== "" || boxes("category").some((b) => !b.checked);
    touched = null;
    if (edgeFilter) {
      touched = new Set();
      edges.forEach((e) => { if (edgeShown(e)) { touched.add(e.from); touched.add(e.to); } });
    }
    clearSelection();
    nodeView.refresh();
    edgeView.refresh();
    showStatus();
    relayout(edgeFilter || [...boxes("type"), ...boxes("position")].some((b) => !b.checked));
  }

  /* ---- layout: Python's for the whole graph; recomputed in the page for a filtered view ---- */
  // A force-directed pass over what is shown (vis's solver, then physics off again), so
  // that a filtered view is laid out for itself rather than keeping the holes of the whole.
  const RELAYOUT_MAX_NODES = 1500;
  const RELAYOUT_ITERATIONS = 250;
  const home = data.nodes.map((n) => ({ id: n.id, x: n.x, y: n.y }));
  let layouts = 0;
  let pass = 0; // the current relayout pass; an older pass's end is ignored
  function stopLayout() {
    pass += 1;
    if (network) {
      network.stopSimulation();
      network.setOptions({ physics: { enabled: false } });
    }
  }
  function layoutDone() {
    layouts += 1;
    document.body.dataset.layout = String(layouts);
    network.fit({ animation: false });
  }
  function relayout(filtered) {
    if (!network) return;
    if (!filtered) { // back to the whole graph: its own layout
      nodes.update(home);
      layoutDone();
      return;
    }
    if (nodeView.length > RELAYOUT_MAX_NODES || nodeView.length < 2) { layoutDone(); return; }
    network.setOptions({ physics: { enabled: true, solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -60, springLength: 120, avoidOverlap: 0.6 },
      stabilization: { enabled: false } } });
    const mine = pass;
    network.once("stabilizationIterationsDone", () => {
      if (mine !== pass) return;
      network.setOptions({ physics: { enabled: false } });
      layoutDone();
    });
    network.stabilize(RELAYOUT_ITERATIONS);
  }

  /* ---- save the view as a PNG (white background, what the canvas shows) ---- */
  function savePng() {
    const canvas = $("kg-network").querySelector("canvas");
    const out = document.createElement("canvas");
    out.width = canvas.width;
    out.height = canvas.height;
    const ctx = out.getContext("2d");
    ctx.fillStyle = "#FFFFFF";
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(canvas, 0, 0);
    const link = document.createElement("a");
    link.download = "positions-graph.png";
    link.href = out.toDataURL("image/png");
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  function showStatus(extra) {
    const shown = nodeView.length + " of " + nodes.length + " nodes · " + edgeView.length + " of "
      + edges.length + " edges";
    $("kg-status").textContent = extra ? extra + " · " + shown : shown;
  }

  /* ---- highlight: select a node's neighbourhood; on small graphs, dim the rest ---- */
  const dimmedNodes = new Set();
  const dimmedEdges = new Set();

  function restyle(keepNodes, keepEdges) {
    if (nodes.length + edges.length > DIM_MAX_ITEMS) return;
    const nodeUpdates = [];
    const edgeUpdates = [];
    nodes.forEach((n) => {
      const dim = keepNodes !== null && !keepNodes.has(n.id);
      if (dim === dimmedNodes.has(n.id)) return; // update only what changes
      if (dim) dimmedNodes.add(n.id); else dimmedNodes.delete(n.id);
      nodeUpdates.push({ id: n.id, opacity: dim ? DIM_NODE : 1, font: { color: dim ? DIM_FONT : "#1A1A1A" } });
    });
    edges.forEach((e) => {
      const dim = keepEdges !== null && !keepEdges.has(e.id);
      if (dim === dimmedEdges.has(e.id)) return;
      if (dim) dimmedEdges.add(e.id); else dimmedEdges.delete(e.id);
      const c = e.kg.color;
      edgeUpdates.push({ id: e.id, color: { color: c, highlight: c, hover: c, opacity: dim ? DIM_EDGE : 1 } });
    });
    if (nodeUpdates.length) nodes.update(nodeUpdates);
    if (edgeUpdates.length) edges.update(edgeUpdates);
  }

  function showDetails(tip, claims) {
    const body = $("kg-details-body");
    body.replaceChildren(tipElement(tip));
    if (claims && claims.length) {
      const title = document.createElement("h2");
      title.textContent = "Claims (" + claims.length + ")";
      const list = document.createElement("ol");
      for (const e of claims.slice(0, MAX_LISTED_CLAIMS)) {
        const li = document.createElement("li");
        li.appendChild(tipElement(e.kg.tip));
        list.appendChild(li);
      }
      body.append(title, list);
      if (claims.length > MAX_LISTED_CLAIMS) {
        const more = document.createElement("p");
        more.textContent = "… and " + (claims.length - MAX_LISTED_CLAIMS) + " more";
        body.appendChild(more);
      }
    }
    $("kg-details").hidden = false;
  }

  function selectNode(id) {
    const edgeIds = network.getConnectedEdges(id).filter((e) => edgeView.get(e) !== null);
    const keepNodes = new Set([id]);
    for (const e of edges.get(edgeIds)) { keepNodes.add(e.from); keepNodes.add(e.to); }
    network.setSelection({ nodes: [id, ...Array.from(keepNodes).filter((n) => n !== id)], edges: edgeIds },
      { unselectAll: true, highlightEdges: false });
    restyle(keepNodes, new Set(edgeIds));
    const claims = edges.get(edgeIds).filter((e) => e.kg.category !== "reports");
    showDetails(nodes.get(id).kg.tip, claims);
  }

  function clearSelection() {
    hideTooltip();
    restyle(null, null);
    $("kg-details").hidden = true;
    if (network) network.unselectAll();
  }

  /* ---- the network ---- */
  const options = data.options;
  network = new vis.Network($("kg-network"), { nodes: nodeView, edges: edgeView }, options);
  performance.mark("kg-network");
  network.once("afterDrawing", () => {
    performance.mark("kg-drawn");
    document.body.dataset.state = "ready";
  });
  /* ---- tooltip: shown on hover after a short delay, text only ---- */
  const tooltip = document.createElement("div");
  tooltip.id = "kg-tooltip";
  tooltip.hidden = true;
  $("kg-network").appendChild(tooltip);
  let tooltipTimer = null;
  function showTooltip(item, pointer) {
    clearTimeout(tooltipTimer);
    tooltipTimer = setTimeout(() => {
      tooltip.replaceChildren(tipElement(item.kg.tip));
      tooltip.hidden = false;
      // Keep it inside the canvas: left of / above the pointer when it would overflow.
      const box = $("kg-network").getBoundingClientRect();
      const x = pointer.x + 14 + tooltip.offsetWidth > box.width ? pointer.x - 14 - tooltip.offsetWidth : pointer.x + 14;
      const y = pointer.y + 14 + tooltip.offsetHeight > box.height ? pointer.y - 14 - tooltip.offsetHeight : pointer.y + 14;
      tooltip.style.left = Math.max(0, x) + "px";
      tooltip.style.top = Math.max(0, y) + "px";
    }, TOOLTIP_DELAY_MS);
  }
  function hideTooltip() {
    clearTimeout(tooltipTimer);
    tooltip.hidden = true;
  }
  network.on("hoverNode", (params) => showTooltip(nodes.get(params.node), params.pointer.DOM));
  network.on("hoverEdge", (params) => showTooltip(edges.get(params.edge), params.pointer.DOM));
  network.on("blurNode", hideTooltip);
  network.on("blurEdge", hideTooltip);
  network.on("dragStart", hideTooltip);
  network.on("zoom", hideTooltip);

  network.on("click", (params) => {
    if (params.nodes.length) selectNode(params.nodes[0]);
    else if (params.edges.length) { restyle(null, null); showDetails(edges.get(params.edges[0]).kg.tip, []); }
    else clearSelection();
  });

  /* ---- search ---- */
  const labels = $("kg-labels");
  for (const label of Array.from(new Set(data.nodes.map((n) => n.label))).sort()) {
    const option = document.createElement("option");
    option.value = label;
    labels.appendChild(option);
  }
  function search() {
    const query = $("kg-search").value.trim().toLowerCase();
    if (query === "") { clearSelection(); showStatus(); return; }
    let ids = nodeView.getIds({ filter: (n) => n.label.toLowerCase() === query });
    if (!ids.length) ids = nodeView.getIds({ filter: (n) => n.label.toLowerCase().includes(query) });
    showStatus(ids.length + (ids.length === 1 ? " match" : " matches"));
    if (!ids.length) return;
    if (ids.length === 1) {
      selectNode(ids[0]);
      network.focus(ids[0], { scale: Math.max(network.getScale(), 1), animation: false });
    } else {
      restyle(new Set(ids), new Set());
      network.selectNodes(ids);
      network.fit({ nodes: ids, animation: false });
    }
  }
  $("kg-search").addEventListener("keydown", (ev) => { if (ev.key === "Enter") search(); });
  $("kg-search").addEventListener("change", search);
  $("kg-search").addEventListener("search", search);

  for (const box of [...boxes("type"), ...boxes("category"), ...boxes("position")]) {
    box.addEventListener("change", applyFilters);
  }
  $("kg-source").addEventListener("change", applyFilters);
  $("kg-png").addEventListener("click", savePng);
  $("kg-reset").addEventListener("click", () => {
    for (const box of [...boxes("type"), ...boxes("category"), ...boxes("position")]) box.checked = true;
    $("kg-source").value = "";
    $("kg-search").value = "";
    applyFilters();
    network.fit({ animation: false });
  });
  showStatus();
})();
