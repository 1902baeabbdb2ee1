"""Checks on the hand-curated seed data and the SHACL shapes.

``seeds/articles`` holds the five seed articles (front matter + original body),
``seeds/curated`` the analyst's Turtle files, ``ontology/shapes.ttl`` the SHACL shapes.
"""

from __future__ import annotations

from pathlib import Path

import pycountry
import pyshacl
import pytest
from rdflib import RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SH

from kg.articles import load_article
from kg.rdf.iris import article_iri, country_iri, evidence_iri, post_iri, proposal_iri
from kg.rdf.mapping import country_label, materialise_shortcuts
from kg.rdf.vocab import ID, KG

REPO = Path(__file__).resolve().parents[1]
ARTICLES_DIR = REPO / "seeds" / "articles"
CURATED_DIR = REPO / "seeds" / "curated"
ONTOLOGY = REPO / "ontology" / "kg.ttl"
SHAPES = REPO / "ontology" / "shapes.ttl"
SHARED_SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

CURATED_FILES = sorted(CURATED_DIR.glob("*.ttl"))
ARTICLE_FILES = sorted(ARTICLES_DIR.glob("*.txt"))
REASSURANCE_FORCE = proposal_iri("reassurance-force")
CLAIM_CLASSES = (KG.Stance, KG.RoleAssignment)
# Plain IRIs: rdflib's XSD namespace object warns when pytest introspects module globals.
XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")
XSD_DECIMAL = URIRef("http://www.w3.org/2001/XMLSchema#decimal")


def _ids(paths: list[Path]) -> list[str]:
    return [p.name for p in paths]


def _article_for(source: URIRef):
    """Load the article file behind an article IRI (seeds/articles/<id>.txt)."""
    prefix = str(ID["article/"])
    assert str(source).startswith(prefix), f"not an article IRI: {source}"
    path = ARTICLES_DIR / f"{str(source)[len(prefix):]}.txt"
    assert path.is_file(), f"{source} has no article file {path}"
    return load_article(path)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES, format="turtle")


@pytest.fixture(scope="module")
def curated() -> Graph:
    g = Graph()
    for path in CURATED_FILES:
        g.parse(path, format="turtle")
    return g


@pytest.fixture(scope="module")
def entities() -> Graph:
    return Graph().parse(CURATED_DIR / "entities.ttl", format="turtle")


def _validate(data: Graph, shapes: Graph, ontology: Graph) -> tuple[bool, Graph, str]:
    conforms, results, text = pyshacl.validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none", allow_warnings=False
    )
    return conforms, results, text


# --------------------------------------------------------------------------- files


def test_seed_and_curated_files_present():
    assert [p.name[:3] for p in ARTICLE_FILES] == ["000", "001", "002", "003", "004"]
    names = {p.name for p in CURATED_FILES}
    assert "entities.ttl" in names
    assert {f"{n:03d}_claims.ttl" for n in range(5)} <= names


@pytest.mark.parametrize("path", CURATED_FILES, ids=_ids(CURATED_FILES))
def test_curated_file_parses(path: Path):
    g = Graph().parse(path, format="turtle")
    assert len(g) > 0
    pyoxigraph = pytest.importorskip("pyoxigraph")
    triples = list(pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE))
    assert len(set(triples)) == len(g), "rdflib and pyoxigraph read a different number of triples"


def test_ontology_and_shapes_parse(ontology: Graph, shapes: Graph):
    assert (URIRef("https://w3id.org/positions-kg/ns"), RDF.type, None) in ontology
    node_shapes = set(shapes.subjects(RDF.type, SH.NodeShape))
    assert {str(s).rsplit("#", 1)[1] for s in node_shapes} >= {
        "StanceShape", "RoleAssignmentShape", "EvidenceShape", "ArticleShape", "CountryShape"}


def test_every_shape_has_a_message(shapes: Graph):
    shape_nodes = set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(RDF.type, SH.PropertyShape))
    shape_nodes |= set(shapes.objects(None, SH.property))
    assert shape_nodes
    missing = [s for s in shape_nodes if shapes.value(s, SH.message) is None]
    assert not missing, f"shapes without sh:message: {missing}"


# --------------------------------------------------------------------------- SHACL


def test_curated_data_conforms_to_shapes(curated: Graph, shapes: Graph, ontology: Graph):
    data = Graph()
    data += curated
    data += ontology
    conforms, _, text = _validate(data, shapes, ontology)
    assert conforms, text


@pytest.mark.parametrize("path", CURATED_FILES, ids=_ids(CURATED_FILES))
def test_each_curated_file_conforms_on_its_own(path: Path, shapes: Graph, ontology: Graph):
    """Validation may run one named graph (one file) at a time."""
    conforms, _, text = _validate(Graph().parse(path, format="turtle"), shapes, ontology)
    assert conforms, text


def test_curated_data_with_article_metadata_conforms(shapes: Graph, ontology: Graph):
    """As ``kg build`` combines them: curated files read by Oxigraph plus each article's metadata graph."""
    from kg.rdf.files import parse_turtle_file
    from kg.rdf.mapping import article_to_graph

    data = Graph()
    for path in CURATED_FILES:
        data += parse_turtle_file(path)
    for path in ARTICLE_FILES:
        data += article_to_graph(load_article(path))
    conforms, _, text = _validate(data, shapes, ontology)
    assert conforms, text


_BROKEN_PREFIXES = """
@prefix kg: <https://w3id.org/positions-kg/ns#> .
@prefix id: <https://w3id.org/positions-kg/id/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
_GOOD_EVIDENCE = """
id:ev a kg:Evidence ; kg:quote "Poland cannot send troops" ; kg:start 0 ; kg:end 25 ; kg:source id:art .
"""


@pytest.mark.parametrize(
    ("case", "turtle", "path"),
    [
        ("polarity not in the scheme, no evidence",
         "id:s a kg:Stance ; kg:actor id:pol ; kg:target id:rf ; kg:polarity kg:Maybe ; "
         "kg:method kg:Curated ; kg:source id:art .",
         KG.polarity),
        ("polarity not in the scheme, no evidence",
         "id:s a kg:Stance ; kg:actor id:pol ; kg:target id:rf ; kg:polarity kg:Maybe ; "
         "kg:method kg:Curated ; kg:source id:art .",
         KG.evidence),
        ("actor given as a string",
         'id:s a kg:Stance ; kg:actor "Poland" ; kg:target id:rf ; kg:polarity kg:Opposes ; '
         "kg:method kg:Curated ; kg:source id:art ; kg:evidence id:ev ." + _GOOD_EVIDENCE,
         KG.actor),
        ("two scopes",
         "id:s a kg:Stance ; kg:actor id:pol ; kg:target id:rf ; kg:polarity kg:Opposes ; "
         "kg:scope kg:Deployment, kg:OwnTroops ; kg:method kg:Curated ; kg:source id:art ; "
         "kg:evidence id:ev ." + _GOOD_EVIDENCE,
         KG.scope),
        ("confidence above 1",
         "id:s a kg:Stance ; kg:actor id:pol ; kg:target id:rf ; kg:polarity kg:Opposes ; "
         "kg:method kg:Curated ; kg:confidence 1.5 ; kg:source id:art ; kg:evidence id:ev ." + _GOOD_EVIDENCE,
         KG.confidence),
        ("evidence with start after end",
         "id:s a kg:Stance ; kg:actor id:pol ; kg:target id:rf ; kg:polarity kg:Opposes ; "
         "kg:method kg:Curated ; kg:source id:art ; kg:evidence id:ev . "
         'id:ev a kg:Evidence ; kg:quote "x" ; kg:start 9 ; kg:end 3 ; kg:source id:art .',
         KG.start),
        ("role assignment without country or organisation, unknown role type",
         "id:r a kg:RoleAssignment ; kg:person id:p ; kg:roleType kg:King ; kg:method kg:Curated ; "
         "kg:source id:art ; kg:evidence id:ev ." + _GOOD_EVIDENCE,
         KG.roleType),
        ("article with a string date",
         'id:art a kg:Article ; dcterms:title "T" ; dcterms:issued "4 April" .',
         DCTERMS.issued),
        ("lower-case country code",
         'id:c a kg:Country ; kg:isoAlpha3 "pol" .',
         KG.isoAlpha3),
    ],
)
def test_shapes_detect_broken_data(case: str, turtle: str, path: URIRef, shapes: Graph, ontology: Graph):
    data = Graph().parse(data=_BROKEN_PREFIXES + turtle, format="turtle")
    conforms, results, text = _validate(data, shapes, ontology)
    assert not conforms, f"{case}: expected a violation"
    paths = set(results.objects(None, SH.resultPath))
    assert path in paths, f"{case}: no violation on {path}:\n{text}"
    for result in results.subjects(RDF.type, SH.ValidationResult):
        assert str(results.value(result, SH.resultMessage) or ""), f"{case}: violation without a message"


def test_role_without_country_or_organization_is_detected(shapes: Graph, ontology: Graph):
    turtle = ("id:r a kg:RoleAssignment ; kg:person id:p ; kg:roleType kg:DefenceMinister ; "
              "kg:method kg:Curated ; kg:source id:art ; kg:evidence id:ev ." + _GOOD_EVIDENCE)
    data = Graph().parse(data=_BROKEN_PREFIXES + turtle, format="turtle")
    conforms, results, _ = _validate(data, shapes, ontology)
    assert not conforms
    components = set(results.objects(None, SH.sourceConstraintComponent))
    assert SH.OrConstraintComponent in components


# --------------------------------------------------------------------------- evidence


def test_every_evidence_quote_is_the_article_span(curated: Graph):
    evidence_nodes = set(curated.subjects(RDF.type, KG.Evidence))
    assert evidence_nodes
    bodies: dict[URIRef, tuple[str, str]] = {}
    for ev in evidence_nodes:
        source = curated.value(ev, KG.source)
        if source not in bodies:
            article = _article_for(source)
            bodies[source] = (article.article_id, article.body)
        article_id, body = bodies[source]
        quote = str(curated.value(ev, KG.quote))
        start, end = int(curated.value(ev, KG.start)), int(curated.value(ev, KG.end))
        assert body[start:end] == quote, f"{ev}: body[{start}:{end}] is {body[start:end]!r}, quote is {quote!r}"
        assert ev == evidence_iri(article_id, start, end)


def test_claims_cite_evidence_from_their_own_source(curated: Graph):
    claims = [c for cls in CLAIM_CLASSES for c in curated.subjects(RDF.type, cls)]
    assert claims
    for claim in claims:
        sources = set(curated.objects(claim, KG.source))
        assert len(sources) == 1, claim
        for ev in curated.objects(claim, KG.evidence):
            assert curated.value(ev, KG.source) in sources, f"{claim} cites {ev} from another article"
        assert curated.value(claim, KG.method) == KG.Curated
        assert curated.value(claim, KG.confidence) == Literal("1.0", datatype=XSD_DECIMAL)


def test_claims_are_dated_by_their_article(curated: Graph):
    for cls in CLAIM_CLASSES:
        for claim in curated.subjects(RDF.type, cls):
            article = _article_for(curated.value(claim, KG.source))
            assert article.date is not None
            assert curated.value(claim, KG.statedOn) == Literal(article.date, datatype=XSD_DATE), claim
            if cls == KG.RoleAssignment:
                assert curated.value(claim, KG.asOf) == Literal(article.date, datatype=XSD_DATE), claim


@pytest.mark.parametrize("path", ARTICLE_FILES, ids=_ids(ARTICLE_FILES))
def test_article_node_matches_front_matter(path: Path, curated: Graph):
    article = load_article(path)
    node = article_iri(article.article_id)
    assert (node, RDF.type, KG.Article) in curated
    assert curated.value(node, DCTERMS.title) == Literal(article.title)
    assert curated.value(node, KG.seedNumber) == Literal(path.name[:3])
    assert curated.value(node, DCTERMS.language) == Literal("en")
    issued = curated.value(node, DCTERMS.issued)
    assert issued == (Literal(article.published, datatype=XSD_DATE) if article.published else None)
    assert curated.value(node, KG.eventDate) == Literal(article.event_date, datatype=XSD_DATE)
    outlet = curated.value(node, KG.outlet)
    assert (str(outlet) if outlet is not None else None) == article.outlet
    assert article.date is not None and article.language == "en"
    assert "note" in article.extra


# --------------------------------------------------------------------------- seed articles


@pytest.mark.parametrize("path", ARTICLE_FILES, ids=_ids(ARTICLE_FILES))
def test_seed_article_body_is_the_original(path: Path):
    original = SHARED_SEEDS / path.name
    if not original.is_file():
        pytest.skip(f"{SHARED_SEEDS} not available")
    assert load_article(path).body.encode("utf-8") == original.read_bytes()


# --------------------------------------------------------------------------- entities and roles


def test_at_least_eleven_persons_have_a_role_with_country_or_organization(curated: Graph):
    persons = set()
    for role in curated.subjects(RDF.type, KG.RoleAssignment):
        if curated.value(role, KG.country) is not None or curated.value(role, KG.organization) is not None:
            persons.add(curated.value(role, KG.person))
    assert len(persons) >= 11, sorted(persons)


def test_referenced_entities_are_described(curated: Graph, entities: Graph):
    described = set(entities.subjects(RDF.type, None))
    referenced = set()
    for prop in (KG.actor, KG.target, KG.speaker, KG.person, KG.country, KG.organization):
        for cls in CLAIM_CLASSES:
            for claim in curated.subjects(RDF.type, cls):
                referenced.update(curated.objects(claim, prop))
    missing = referenced - described
    assert not missing, f"referenced but not described in entities.ttl: {sorted(missing)}"
    for node in described:
        assert entities.value(node, RDFS.label) is not None, f"{node} has no rdfs:label"


def test_countries_use_iso_codes(entities: Graph):
    countries = set(entities.subjects(RDF.type, KG.Country))
    assert len(countries) >= 11
    for node in countries:
        alpha3 = str(entities.value(node, KG.isoAlpha3))
        record = pycountry.countries.get(alpha_3=alpha3)
        assert record is not None, alpha3
        assert node == country_iri(alpha3)
        assert str(entities.value(node, KG.isoAlpha2)) == record.alpha_2
        assert str(entities.value(node, RDFS.label)) == country_label(alpha3)


def test_persons_record_spelling_variants(entities: Graph):
    kallas = ID["person/kaja-kallas"]
    assert Literal("Kaja Kalals") in set(entities.objects(kallas, SKOS.altLabel))
    zelenskyy = ID["person/volodymyr-zelenskyy"]
    assert {Literal("Zelensky"), Literal("Zelenskyy")} <= set(entities.objects(zelenskyy, SKOS.altLabel))


def test_posts_follow_the_iri_rules(curated: Graph, ontology: Graph):
    for role in curated.subjects(RDF.type, KG.RoleAssignment):
        notation = str(ontology.value(curated.value(role, KG.roleType), SKOS.notation))
        holder = curated.value(role, KG.organization) or curated.value(role, KG.country)
        assert curated.value(role, KG.post) == post_iri(notation, holder), role


def test_shortcut_edges_are_materialised(curated: Graph):
    g = Graph()
    g += curated
    before = len(g)
    materialise_shortcuts(g)
    assert len(g) == before, "curated files lack shortcut edges that kg.rdf.materialise_shortcuts adds"


# --------------------------------------------------------------------------- key content


def _stances(curated: Graph, actor: URIRef) -> set[tuple[URIRef, URIRef]]:
    return {
        (curated.value(s, KG.polarity), curated.value(s, KG.scope))
        for s in curated.subjects(KG.actor, actor)
        if curated.value(s, KG.target) == REASSURANCE_FORCE
    }


@pytest.mark.parametrize(
    ("alpha3", "polarity", "scope"),
    [
        ("RUS", KG.Opposes, KG.Deployment),
        ("POL", KG.Opposes, KG.OwnTroops),
        ("GRC", KG.Opposes, KG.OwnTroops),
        ("USA", KG.Opposes, KG.OwnTroops),
        ("LVA", KG.Conditional, None),
        ("FIN", KG.Conditional, None),
        ("NLD", KG.Conditional, None),
        ("GBR", KG.Supports, None),
        ("FRA", KG.Supports, None),
        ("UKR", KG.Supports, None),
    ],
)
def test_key_stances(curated: Graph, alpha3: str, polarity: URIRef, scope: URIRef | None):
    found = _stances(curated, country_iri(alpha3))
    assert any(p == polarity and (scope is None or s == scope) for p, s in found), (alpha3, found)


def test_contradictions_are_kept_as_separate_claims(curated: Graph):
    def roles(person: str) -> dict[URIRef, URIRef]:
        return {curated.value(r, KG.roleType): curated.value(r, KG.source)
                for r in curated.subjects(KG.person, ID[f"person/{person}"])}

    kallas = roles("kaja-kallas")
    assert {KG.ForeignPolicyChief, KG.HeadOfGovernment} <= set(kallas)
    assert kallas[KG.ForeignPolicyChief] != kallas[KG.HeadOfGovernment]
    starmer = roles("keir-starmer")
    assert {KG.HeadOfGovernment, KG.PartyLeader} <= set(starmer)
