"""The graph page in a real browser: Debian's Chromium driven by Playwright, network cut.

No browser is downloaded: Playwright drives ``/usr/bin/chromium`` (``make test-deps``
installs it). Every request that is not ``file:`` or ``data:`` is recorded and aborted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
PAYLOAD = "<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2\"> 'single' \"double\""

pytestmark = pytest.mark.browser


@dataclass
class OpenPage:
    """A page of ours, with what it logged and what it tried to fetch."""

    page: object
    errors: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)

    def evaluate(self, script: str, arg: object = None) -> object:
        return self.page.evaluate(script, arg)

    def node_point(self, node_id: str) -> tuple[float, float]:
        """Where a node is drawn, in page coordinates."""
        return tuple(self.evaluate("""(id) => {
            const p = network.canvasToDOM(network.getPositions([id])[id]);
            const box = document.getElementById('kg-network').getBoundingClientRect();
            return [box.left + p.x, box.top + p.y];
        }""", node_id))


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is missing (install Debian's chromium: make test-deps)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def open_page(browser) -> Iterator:
    pages = []

    def _open(path: Path) -> OpenPage:
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        opened = OpenPage(page)
        page.on("console", lambda m: opened.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: opened.errors.append(str(e)))

        def route(r) -> None:
            if r.request.url.startswith(("file:", "data:")):
                r.continue_()
            else:
                opened.outside.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        page.goto(path.resolve().as_uri())
        page.wait_for_function("document.body.dataset.state === 'ready'", timeout=30_000)
        pages.append(page)
        return opened

    yield _open
    for page in pages:
        page.close()


@pytest.fixture(scope="module")
def seeds_page_file(kg, seed_store_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("render") / "graph.html"
    result = kg("render", "-o", str(out), store=seed_store_dir)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def claims_graph(seed_store_dir: Path):
    """The seeds' positions graph: one edge per claim."""
    from kg.analysis.graph import graph_from_store
    from kg.store import open_store

    with open_store(str(seed_store_dir), read_only=True) as store:
        return graph_from_store(store)


@pytest.fixture(scope="module")
def seeds_graph(claims_graph):
    """The graph the page draws: claims merged per actor, proposal, polarity and scope."""
    from kg.render.aggregate import aggregate_claims

    return aggregate_claims(claims_graph)


def test_seeds_page_shows_every_person_country_and_stance_offline(open_page, seeds_page_file, seeds_graph):
    opened = open_page(seeds_page_file)
    assert opened.errors == []
    assert opened.outside == []
    counts = opened.evaluate("[nodes.length, edges.length, network.body.data.nodes.length,"
                             " network.body.data.edges.length]")
    n, m = seeds_graph.number_of_nodes(), seeds_graph.number_of_edges()
    assert counts == [n, m, n, m]

    labels = set(opened.evaluate("nodes.get().map((x) => x.label)"))
    wanted = {d["label"] for _, d in seeds_graph.nodes(data=True) if d["type"] in ("person", "country")}
    assert wanted and wanted <= labels
    stances = {k for _, _, k, d in seeds_graph.edges(keys=True, data=True) if d["kind"] == "stance"}
    assert stances and stances <= set(opened.evaluate("edges.getIds()"))

    # Every node is drawn inside the canvas (the view fits the graph).
    inside = opened.evaluate("""() => {
        const box = document.getElementById('kg-network').getBoundingClientRect();
        return Object.values(network.getPositions()).map((p) => network.canvasToDOM(p))
            .every((q) => q.x >= 0 && q.y >= 0 && q.x <= box.width && q.y <= box.height);
    }""")
    assert inside

    legend = opened.page.inner_text("#kg-legend")
    for name in ("Person", "Country", "Supports", "Opposes"):
        assert name in legend
    assert opened.page.is_visible("#kg-legend")


def test_click_on_node_shows_its_tooltip_and_highlights_neighbours(open_page, seeds_page_file, seeds_graph):
    opened = open_page(seeds_page_file)
    # A country with a quoted stance, and a node that is not its neighbour.
    country, quote = next(
        (u, d["quote"]) for u, v, d in seeds_graph.edges(data=True)
        if d["kind"] == "stance" and d.get("quote") and seeds_graph.nodes[u]["type"] == "country"
    )
    neighbours = set(seeds_graph.predecessors(country)) | set(seeds_graph.successors(country)) | {country}
    stranger = next(n for n in seeds_graph.nodes if n not in neighbours)
    assert opened.page.is_hidden("#kg-details")

    opened.page.mouse.click(*opened.node_point(country))

    opened.page.wait_for_selector("#kg-details", state="visible")
    details = opened.page.inner_text("#kg-details")
    assert seeds_graph.nodes[country]["label"] in details
    assert " ".join(quote.split()) in " ".join(details.split())
    assert set(opened.evaluate("network.getSelectedNodes()")) == neighbours
    assert len(opened.evaluate("network.getSelectedEdges()")) == len(seeds_graph.in_edges(country)) + len(
        seeds_graph.out_edges(country))
    opacity = opened.evaluate("(ids) => ids.map((id) => nodes.get(id).opacity ?? 1)", [country, stranger])
    assert opacity[0] == 1 and opacity[1] < 0.5

    # A click on empty canvas clears the highlight.
    box = opened.page.locator("#kg-network").bounding_box()
    opened.page.mouse.click(box["x"] + 3, box["y"] + 3)
    assert opened.evaluate("(id) => nodes.get(id).opacity ?? 1", stranger) == 1
    assert opened.errors == []


def test_hover_shows_tooltip(open_page, seeds_page_file, seeds_graph):
    opened = open_page(seeds_page_file)
    person = next(n for n, d in seeds_graph.nodes(data=True) if d["type"] == "person")
    x, y = opened.node_point(person)
    opened.page.mouse.move(x - 30, y - 30)
    opened.page.mouse.move(x, y, steps=5)
    tooltip = opened.page.wait_for_selector("#kg-tooltip", state="visible")
    assert seeds_graph.nodes[person]["label"] in tooltip.inner_text()


def test_filters_change_what_is_shown_not_the_data(open_page, seeds_page_file, seeds_graph):
    opened = open_page(seeds_page_file)
    total = seeds_graph.number_of_edges()
    supports = sum(1 for *_, d in seeds_graph.edges(data=True) if d["kind"] == "stance" and d["polarity"] == "supports")
    opened.page.uncheck('input[data-filter="category"][value="supports"]')
    assert opened.evaluate("[edges.length, network.body.data.edges.length]") == [total, total - supports]

    opened.page.check('input[data-filter="category"][value="supports"]')
    source = next(d["source"] for *_, d in seeds_graph.edges(data=True) if d["kind"] == "stance")
    from_source = sum(1 for *_, d in seeds_graph.edges(data=True) if source in d["sources"])
    opened.page.select_option("#kg-source", source)
    assert opened.evaluate("network.body.data.edges.length") == from_source

    opened.page.click("#kg-reset")
    opened.page.uncheck('input[data-filter="type"][value="article"]')
    articles = sum(1 for _, d in seeds_graph.nodes(data=True) if d["type"] == "article")
    assert opened.evaluate("network.body.data.nodes.length") == seeds_graph.number_of_nodes() - articles
    assert opened.errors == []


def test_search_selects_and_describes_the_node(open_page, seeds_page_file, seeds_graph):
    opened = open_page(seeds_page_file)
    node, data = next((n, d) for n, d in seeds_graph.nodes(data=True) if d["type"] == "country")
    opened.page.fill("#kg-search", data["label"].upper())
    opened.page.press("#kg-search", "Enter")
    assert node in opened.evaluate("network.getSelectedNodes()")
    assert data["label"] in opened.page.inner_text("#kg-details")


@pytest.fixture(scope="module")
def injection_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kg.analysis.graph import graph_from_store
    from kg.articles import Article
    from kg.claims import StanceClaim
    from kg.rdf.iris import article_graph_iri
    from kg.rdf.mapping import claims_to_graph
    from kg.render import write_html
    from kg.store import EmbeddedStore

    article = Article(path="evil.txt", article_id="999_evil", body=PAYLOAD, title=f"Title {PAYLOAD}",
                      outlet=f"Outlet {PAYLOAD}", published=dt.date(2025, 4, 1))
    claim = StanceClaim(actor=f"Actor {PAYLOAD}", actor_type="person", country="POL", polarity="opposes",
                        scope="deployment", target="reassurance force", speaker=None,
                        reason=f"reason {PAYLOAD}", condition=None, quote=f"quote {PAYLOAD}",
                        start=0, end=len(PAYLOAD), confidence=0.9, doc="evil.txt")
    store = EmbeddedStore(":memory:")
    store.replace_graphs({article_graph_iri(article.article_id): claims_to_graph(article, [claim])})
    graph = graph_from_store(store)
    assert any(PAYLOAD in (d.get("quote") or "") for *_, d in graph.edges(data=True))
    out = tmp_path_factory.mktemp("evil") / "evil.html"
    write_html(graph, out, title=f"Heading {PAYLOAD}")
    return out


def test_injected_article_text_runs_nothing_and_shows_as_text(open_page, injection_page):
    opened = open_page(injection_page)
    page = opened.page
    actor = opened.evaluate("nodes.get().find((n) => n.kg.type === 'person').id")
    page.mouse.click(*opened.node_point(actor))
    page.wait_for_selector("#kg-details", state="visible")
    x, y = opened.node_point(actor)
    page.mouse.move(x + 40, y + 40)
    page.mouse.move(x, y, steps=5)
    page.wait_for_selector("#kg-tooltip", state="visible")
    page.select_option("#kg-source", index=1)
    page.fill("#kg-search", "Actor <script>")
    page.press("#kg-search", "Enter")

    assert opened.evaluate("typeof window.__pwned") == "undefined"
    details = page.inner_text("#kg-details")
    assert f"reason {PAYLOAD}" in details
    assert f"quote {PAYLOAD}" in details
    assert PAYLOAD in page.inner_text("#kg-tooltip")
    assert page.title() == f"Heading {PAYLOAD}"
    assert PAYLOAD in page.inner_text("#kg-toolbar h1")
    assert PAYLOAD in page.inner_text("#kg-source")
    assert page.locator("img").count() == 0
    assert page.locator("script").count() == 3  # the data block, vis-network and our own
    assert opened.errors == [] and opened.outside == []



# ---- issue 15: colour by position, merged claims, scope, re-layout after filtering, PNG ----

def test_actors_are_coloured_by_their_position_on_the_proposal(open_page, seeds_page_file, claims_graph):
    from kg.analysis.positions import actor_positions
    from kg.render.network import main_proposal
    from kg.render.style import POSITION_COLORS

    expected = actor_positions(claims_graph, main_proposal(claims_graph))
    opened = open_page(seeds_page_file)
    drawn = opened.evaluate("(ids) => ids.map((id) => [nodes.get(id).kg.position, nodes.get(id).color.background])",
                            list(expected))
    assert [p for p, _ in drawn] == list(expected.values())
    assert all(colour == POSITION_COLORS[p] for p, colour in drawn)
    # the two kinds of opposition are told apart, each in its own colour, in the legend too
    assert {"declines own troops", "opposes the deployment"} <= set(expected.values())
    legend = opened.page.inner_text("#kg-legend")
    assert "declines own troops" in legend and "opposes the deployment" in legend


def test_one_edge_per_actor_proposal_polarity_scope_wider_with_more_claims(open_page, seeds_page_file, seeds_graph):
    opened = open_page(seeds_page_file)
    drawn = opened.evaluate("edges.get().map((e) => [e.from, e.to, e.kg.category, e.kg.scope, e.kg.count, e.width,"
                            " e.kg.tip.filter(([f]) => f.startsWith('Claim ')).length, !!e.dashes])")
    stances = [d for d in drawn if d[2] in ("supports", "opposes", "conditional", "neutral")]
    groups = [(u, v, c, s) for u, v, c, s, *_ in stances]
    assert len(groups) == len(set(groups))  # no two drawn edges for the same actor, proposal, polarity, scope
    merged = [d for d in stances if d[4] > 1]
    single = [d for d in stances if d[4] == 1]
    assert merged and single
    assert all(d[6] == min(d[4], 12) for d in merged)  # the tooltip lists the claims
    assert min(d[5] for d in merged) > max(d[5] for d in single if d[2] == merged[0][2]) - 1e-9
    assert all(d[7] == (d[3] == "own_troops") for d in stances)  # scope as the line style
    assert sum(d[4] for d in drawn) == sum(d["count"] for *_, d in seeds_graph.edges(data=True))


def test_layout_is_recomputed_after_filtering_and_restored_on_reset(open_page, seeds_page_file):
    opened = open_page(seeds_page_file)
    before = opened.evaluate("network.getPositions()")
    opened.page.uncheck('input[data-filter="type"][value="article"]')
    opened.page.wait_for_function("document.body.dataset.layout === '1'", timeout=20_000)
    after = opened.evaluate("network.getPositions()")
    shown = opened.evaluate("network.body.data.nodes.getIds()")
    moved = [n for n in shown if (before[n]["x"], before[n]["y"]) != (after[n]["x"], after[n]["y"])]
    assert len(moved) > len(shown) // 2
    # the view is fitted to what is shown: every node inside the canvas
    inside = opened.evaluate("""(ids) => { const box = document.getElementById('kg-network').getBoundingClientRect();
        return ids.every((id) => { const p = network.canvasToDOM(network.getPositions([id])[id]);
          return p.x >= 0 && p.y >= 0 && p.x <= box.width && p.y <= box.height; }); }""", shown)
    assert inside
    opened.page.click("#kg-reset")
    opened.page.wait_for_function("document.body.dataset.layout === '2'", timeout=20_000)
    restored = opened.evaluate("network.getPositions()")
    assert all(abs(restored[n]["x"] - before[n]["x"]) < 1e-6 for n in before)
    assert opened.errors == []


def test_save_png_button_downloads_the_view(open_page, seeds_page_file, tmp_path):
    opened = open_page(seeds_page_file)
    with opened.page.expect_download() as info:
        opened.page.click("#kg-png")
    download = info.value
    assert download.suggested_filename.endswith(".png")
    target = tmp_path / "view.png"
    download.save_as(target)
    data = target.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    canvas = opened.evaluate("[document.querySelector('#kg-network canvas').width,"
                             " document.querySelector('#kg-network canvas').height]")
    assert [width, height] == canvas
    assert opened.outside == [] and opened.errors == []
