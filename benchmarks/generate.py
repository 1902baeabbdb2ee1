"""Deterministic synthetic corpora and graphs that look like positions-kg's own.

A seeded generator draws countries (real ISO 3166-1 codes from pycountry), persons
holding posts, organisations, proposals and news articles whose bodies quote the
stances and role assignments they report, at the right character offsets. The
articles and claims are the project's own records (:class:`kg.articles.Article`,
:class:`kg.claims.StanceClaim`, :class:`kg.claims.RoleClaim`), so the graph of one
article is exactly what :func:`kg.rdf.mapping.claims_to_graph` makes of it.

Millions of triples through rdflib would take minutes, so :func:`article_nquads`
writes the same triples straight as N-Quads text; ``tests/test_benchmarks.py`` checks
that the two agree triple for triple. :func:`write_dataset` writes a dataset of about
``size`` quads as N-Quads (one named graph per article, plus the ontology and an
entities graph, as ``kg build`` lays a store out) and as N-Triples (the union, for
the single-graph baseline), cached by size and seed.

Run ``python benchmarks/generate.py 100000`` to write (or find) the files of one size.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import random
import sys
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `kg` and `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rdflib import RDF, RDFS, XSD, Graph, URIRef
from rdflib.namespace import DCTERMS, SDO, SKOS

from kg.articles import Article, article_id_for
from kg.claims import Claim, RoleClaim, StanceClaim
from kg.queries.resolve import DEFAULT_PROPOSAL
from kg.rdf.iris import (
    ONTOLOGY_GRAPH,
    article_graph_iri,
    article_iri,
    claim_iri,
    country_iri,
    curated_graph,
    evidence_iri,
    organization_iri,
    person_iri,
    post_iri,
    proposal_iri,
)
from kg.rdf.mapping import (
    METHOD_CONCEPTS,
    POLARITY_CONCEPTS,
    SCOPE_CONCEPTS,
    SHORTCUT_FOR_POLARITY,
    country_label,
    role_type_concept,
)
from kg.rdf.vocab import ID, KG

#: Bump when the generated data changes, so that cached files are regenerated.
GENERATOR_VERSION = 2
DEFAULT_SEED = 20250404
#: The dataset sizes (quads) the benchmarks use.
SIZES = {"10k": 10_000, "100k": 100_000, "1M": 1_000_000, "5M": 5_000_000}
#: Quads one generated article contributes on average (measured; sizes the vocabulary).
QUADS_PER_ARTICLE = 240
WORDS_PER_ARTICLE = 600
ENTITIES_GRAPH = curated_graph("entities")

# Syllables and words for synthetic names and text: no real people, outlets or phrases.
_SYLLABLES = ("ka", "lo", "mir", "an", "de", "ves", "to", "ra", "lin", "sa", "vo", "ne", "ki", "bor", "el",
              "ta", "mar", "os", "ul", "ven", "dra", "ni", "kov", "ser", "ha", "ber", "ti", "mo", "ga", "rel")
_WORDS = ("the", "a", "of", "to", "and", "in", "on", "for", "with", "that", "talks", "ministers", "officials",
          "security", "ceasefire", "troops", "mission", "summit", "meeting", "allies", "support", "forces",
          "government", "capital", "plans", "proposal", "guarantees", "leaders", "week", "region", "border",
          "defence", "partners", "agreement", "delegation", "statement", "briefing", "reports", "sources",
          "parliament", "budget", "coalition", "observers", "negotiations", "air", "sea", "training", "units")
_REASON_HEADS = ("the risk of", "concerns about", "the need for", "limited", "domestic pressure over",
                 "the cost of", "a lack of", "commitments to", "public opinion on", "the threat of")
_POLARITY_VERBS = {"supports": "backs", "opposes": "rejects", "conditional": "would back",
                   "neutral": "has not decided on"}


@dataclass(frozen=True)
class Person:
    """A synthetic person: a name, a country and the role type of the post they hold."""

    name: str
    country: str
    role_type: str


@dataclass(frozen=True)
class World:
    """What articles are drawn from: countries, people, organisations, proposals and phrases.

    ``countries`` is in decreasing order of how often articles mention them, as in the
    news: a few countries take most of the claims.
    """

    countries: tuple[str, ...]
    persons: tuple[Person, ...]
    organizations: tuple[tuple[str, str | None], ...]
    proposals: tuple[str, ...]
    outlets: tuple[str, ...]
    reasons: tuple[str, ...]
    conditions: tuple[str, ...]
    role_titles: dict[str, str]


@dataclass(frozen=True)
class DatasetFiles:
    """A generated dataset on disk and what it holds."""

    nquads: Path
    ntriples: Path
    requested: int
    quads: int
    triples: int
    articles: int
    stances: int
    roles: int
    persons: int
    proposal: str
    country: str
    seed: int

    def to_json(self) -> dict:
        """The record as a JSON-ready dict (paths as strings)."""
        return {k: str(v) if isinstance(v, Path) else v for k, v in asdict(self).items()}


def role_titles() -> dict[str, str]:
    """Role-type notation -> a title as a source words it, from the ontology's role-type scheme.

    Examples
    --------
    >>> role_titles()["defence_minister"]
    'Defence Minister'
    """
    ontology = _ontology()
    titles = {}
    for concept in ontology.subjects(SKOS.inScheme, KG.RoleTypeScheme):
        notation, label = ontology.value(concept, SKOS.notation), ontology.value(concept, SKOS.prefLabel)
        titles[str(notation)] = str(label).title()
    return dict(sorted(titles.items()))


def make_world(n_articles: int, seed: int = DEFAULT_SEED) -> World:
    """A world sized for ``n_articles`` articles: about one person per five articles.

    Examples
    --------
    >>> w = make_world(100)
    >>> len(w.persons), w.proposals[0], len(w.countries[0])
    (40, 'reassurance force', 3)
    >>> make_world(100) == w
    True
    """
    import pycountry

    rng = random.Random(seed)
    countries = sorted(c.alpha_3 for c in pycountry.countries)
    rng.shuffle(countries)
    titles = role_titles()
    names: set[str] = set()
    while len(names) < max(40, n_articles // 5):
        names.add(f"{_name(rng, 2)} {_name(rng, 3)}")
    persons = tuple(
        Person(name, _pick_country(rng, countries), rng.choice(sorted(titles)))
        for name in sorted(names)
    )
    organizations = tuple(
        (f"{_name(rng, 2)} {rng.choice(('Alliance', 'Union', 'Party', 'Council', 'Forum'))}",
         _pick_country(rng, countries) if rng.random() < 0.5 else None)
        for _ in range(max(8, n_articles // 200))
    )
    return World(
        countries=tuple(countries),
        persons=persons,
        organizations=organizations,
        proposals=(DEFAULT_PROPOSAL, *(f"{_name(rng, 2)} {rng.choice(('mission', 'plan', 'fund', 'treaty'))}"
                                       for _ in range(9))),
        outlets=tuple(f"The {_name(rng, 2).title()} {rng.choice(('Times', 'Post', 'Herald', 'Daily'))}"
                      for _ in range(25)),
        reasons=tuple(f"{rng.choice(_REASON_HEADS)} {' '.join(rng.choices(_WORDS[10:], k=2))}" for _ in range(200)),
        conditions=tuple(f"if {' '.join(rng.choices(_WORDS[10:], k=3))}" for _ in range(100)),
        role_titles=titles,
    )


def iter_articles(world: World, seed: int = DEFAULT_SEED) -> Iterator[tuple[Article, list[Claim]]]:
    """Articles with the claims they report, endlessly, the same sequence for the same seed.

    Each body has about 600 words; every claim's quote is a sentence of it at the
    claim's offsets (``body[start:end] == quote``).

    Examples
    --------
    >>> article, claims = next(iter_articles(make_world(100)))
    >>> all(article.body[c.start:c.end] == c.quote for c in claims)
    True
    """
    rng = random.Random(seed + 1)
    start_date = dt.date(2025, 1, 1)
    for number in range(sys.maxsize):
        article_id = article_id_for(f"a{number:07d}.txt")
        published = start_date + dt.timedelta(days=rng.randrange(365))
        drafts = [_draft_role(rng, world) for _ in range(rng.randint(1, 5))]
        drafts += [_draft_stance(rng, world) for _ in range(rng.randint(3, 9))]
        rng.shuffle(drafts)
        body, spans = _body(rng, [quote for quote, _ in drafts])
        meta = {
            "title": " ".join(rng.choices(_WORDS[10:], k=6)).capitalize(),
            "outlet": rng.choice(world.outlets),
            "url": f"https://news.example.org/{article_id}",
            "published": published,
            "event_date": published - dt.timedelta(days=rng.randrange(3)),
            "language": "en",
        }
        article = Article(path=f"{article_id}.txt", article_id=article_id, body=body, **meta,
                          content_hash=hashlib.sha256(article_file_text(meta, body).encode()).hexdigest())
        claims = [make(start, end, article.path) for (_, make), (start, end) in zip(drafts, spans, strict=True)]
        yield article, sorted(claims, key=lambda c: (isinstance(c, StanceClaim), c.start))


def article_file_text(meta: dict, body: str) -> str:
    """An article file: YAML front matter (as :func:`kg.articles.parse_article` reads it), then the body."""
    lines = ["---"]
    for key, value in meta.items():
        lines.append(f"{key}: {json.dumps(value.isoformat() if isinstance(value, dt.date) else value)}")
    return "\n".join([*lines, "---", body])


def write_corpus(directory: str | os.PathLike[str], n_articles: int, seed: int = DEFAULT_SEED) -> list[Path]:
    """Write ``n_articles`` synthetic article files (about 600 words each) into ``directory``."""
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    world = make_world(n_articles, seed)
    paths = []
    for article, _claims in _take(iter_articles(world, seed), n_articles):
        meta = {k: getattr(article, k) for k in ("title", "outlet", "url", "published", "event_date", "language")}
        path = out / article.path
        path.write_text(article_file_text(meta, article.body), encoding="utf-8")
        paths.append(path)
    return paths


def article_nquads(article: Article, claims: list[Claim]) -> list[str]:
    """The N-Quads lines of an article's named graph: what :func:`kg.rdf.mapping.claims_to_graph` makes, as text."""
    g = f" <{article_graph_iri(article.article_id)}> .\n"
    w = _Writer()
    node = _iri(article_iri(article.article_id))
    w.add(node, RDF.type, _iri(KG.Article))
    w.add(node, RDFS.label, _lit(article.title or article.article_id))
    if article.title:
        w.add(node, DCTERMS.title, _lit(article.title))
    if article.outlet:
        w.add(node, KG.outlet, _lit(article.outlet))
    if article.url:
        w.add(node, SDO.url, _lit(article.url, XSD.anyURI))
    if article.published:
        w.add(node, DCTERMS.issued, _lit(article.published.isoformat(), XSD.date))
    if article.event_date:
        w.add(node, KG.eventDate, _lit(article.event_date.isoformat(), XSD.date))
    if article.language:
        w.add(node, DCTERMS.language, _lit(article.language))
    if article.content_hash:
        w.add(node, KG.contentHash, _lit(article.content_hash))
    for claim in claims:
        if isinstance(claim, RoleClaim):
            _role_lines(w, article, claim)
        else:
            _stance_lines(w, article, claim)
    return [line + g for line in w.lines]


def reference_graph(article: Article, claims: list[Claim]) -> Graph:
    """The same article graph through :func:`kg.rdf.mapping.claims_to_graph` (slow; for checks)."""
    from kg.rdf.mapping import claims_to_graph

    return claims_to_graph(article, claims)


def context_nquads(world: World) -> list[str]:
    """The ontology graph and an entities graph (proposals, countries), as ``kg build`` has them."""
    ontology = f" <{ONTOLOGY_GRAPH}> .\n"
    lines = sorted(line.rstrip(" .") + ontology for line in _ontology().serialize(format="nt").splitlines() if line)
    w = _Writer()
    for key in world.proposals:
        node = _iri(proposal_iri(key))
        w.add(node, RDF.type, _iri(KG.Proposal))
        w.add(node, RDFS.label, _lit(key))
    for code in world.countries:
        _country(w, code)
    entities = f" <{ENTITIES_GRAPH}> .\n"
    return lines + [line + entities for line in w.lines]


def write_dataset(size: int, directory: str | os.PathLike[str] | None = None,
                  seed: int = DEFAULT_SEED) -> DatasetFiles:
    """Write (or find, when cached) a dataset of about ``size`` quads as N-Quads and N-Triples.

    The N-Quads file holds one named graph per article plus the ontology and entities
    graphs; the N-Triples file holds their union without repeats, for single-graph stores.

    Parameters
    ----------
    size : int
        Quads to generate; the dataset stops at the first article that reaches it.
    directory : path, optional
        Where to write; default :func:`cache_dir`.
    seed : int
        The same seed gives byte-identical files.
    """
    out = Path(directory) if directory else cache_dir()
    out.mkdir(parents=True, exist_ok=True)
    stem = f"bench-v{GENERATOR_VERSION}-s{seed}-{size}"
    manifest = out / f"{stem}.json"
    if manifest.exists():
        record = json.loads(manifest.read_text())
        files = DatasetFiles(**{**record, "nquads": Path(record["nquads"]), "ntriples": Path(record["ntriples"])})
        if files.nquads.exists() and files.ntriples.exists():
            return files
    world = make_world(max(1, size // QUADS_PER_ARTICLE), seed)
    nq_path, nt_path = out / f"{stem}.nq", out / f"{stem}.nt"
    quads = triples = articles = stances = roles = 0
    shared: set[str] = set()  # entity triples repeat across article graphs; the union keeps one
    with open(f"{nq_path}.part", "w", encoding="utf-8") as nq, open(f"{nt_path}.part", "w", encoding="utf-8") as nt:
        articles_iter = iter_articles(world, seed)
        lines = context_nquads(world)
        while True:
            nq.writelines(lines)
            quads += len(lines)
            for line in lines:
                triple = line[: line.rindex(" <")] + " .\n"
                if triple.startswith(_SHARED_SUBJECTS):
                    if triple in shared:
                        continue
                    shared.add(triple)
                nt.write(triple)
                triples += 1
            if quads >= size:
                break
            article, claims = next(articles_iter)
            lines = article_nquads(article, claims)
            articles += 1
            roles += sum(isinstance(c, RoleClaim) for c in claims)
            stances += sum(isinstance(c, StanceClaim) for c in claims)
    os.replace(f"{nq_path}.part", nq_path)
    os.replace(f"{nt_path}.part", nt_path)
    files = DatasetFiles(nquads=nq_path, ntriples=nt_path, requested=size, quads=quads, triples=triples,
                         articles=articles, stances=stances, roles=roles, persons=len(world.persons),
                         proposal=str(proposal_iri(world.proposals[0])), country=world.countries[0], seed=seed)
    manifest.write_text(json.dumps(files.to_json(), indent=1))
    return files


def cache_dir() -> Path:
    """``$KG_BENCH_CACHE``, else ``~/.cache/positions-kg/bench``."""
    default = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "positions-kg" / "bench"
    return Path(os.environ.get("KG_BENCH_CACHE") or default)


# -- drawing records -------------------------------------------------------------------------


def _name(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choices(_SYLLABLES, k=syllables)).capitalize()


def _pick_country(rng: random.Random, countries: list[str] | tuple[str, ...]) -> str:
    # Zipf-like: the first countries of the (shuffled) list take most of the mentions.
    return countries[min(int(rng.paretovariate(1.0)) - 1, len(countries) - 1)]


def _draft_role(rng: random.Random, world: World):
    person = rng.choice(world.persons)
    title = world.role_titles[person.role_type]
    org, _ = rng.choice(world.organizations) if rng.random() < 0.15 else (None, None)
    quote = f"{title} {person.name}"
    confidence = round(rng.uniform(0.5, 0.99), 2)
    method = "curated" if rng.random() < 0.1 else "extracted"

    def make(start: int, end: int, doc: str) -> RoleClaim:
        return RoleClaim(person=person.name, role=title, role_type=person.role_type,
                         country=None if org else person.country, organization=org, quote=quote,
                         start=start, end=end, confidence=confidence, doc=doc, method=method)

    return quote, make


def _draft_stance(rng: random.Random, world: World):
    kind = rng.choices(("country", "person", "organization"), weights=(45, 45, 10))[0]
    speaker = None
    if kind == "country":
        code = _pick_country(rng, world.countries)
        actor, country = country_label(code), code
        if rng.random() < 0.6:
            speaker = rng.choice(world.persons).name
    elif kind == "person":
        person = rng.choice(world.persons)
        actor, country = person.name, person.country
    else:
        actor, country = rng.choice(world.organizations)
    polarity = rng.choices(list(_POLARITY_VERBS), weights=(40, 25, 25, 10))[0]
    scope = rng.choices(("deployment", "own_troops"), weights=(60, 40))[0]
    target = world.proposals[0] if rng.random() < 0.5 else rng.choice(world.proposals[1:])
    reason = rng.choice(world.reasons) if rng.random() < 0.7 else None
    condition = rng.choice(world.conditions) if rng.random() < (0.9 if polarity == "conditional" else 0.1) else None
    quote = f"{speaker or actor} said {actor} {_POLARITY_VERBS[polarity]} the {target}"
    quote += (f" because of {reason}" if reason else "") + (f", {condition}" if condition else "") + "."
    confidence = round(rng.uniform(0.5, 0.99), 2)
    method = "curated" if rng.random() < 0.1 else "extracted"

    def make(start: int, end: int, doc: str) -> StanceClaim:
        return StanceClaim(actor=actor, actor_type=kind, country=country, polarity=polarity, scope=scope,
                           target=target, speaker=speaker, reason=reason, condition=condition, quote=quote,
                           start=start, end=end, confidence=confidence, doc=doc, method=method)

    return quote, make


def _body(rng: random.Random, quotes: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """A body of about 600 words with each quote as a sentence; the quotes' (start, end) offsets."""
    filler_words = max(0, WORDS_PER_ARTICLE - sum(q.count(" ") + 1 for q in quotes))
    per_gap = filler_words // (len(quotes) + 1)
    parts: list[str] = []
    spans = []
    offset = 0
    for quote in [*quotes, None]:
        filler = _sentences(rng, per_gap)
        parts.append(filler)
        offset += len(filler)
        if quote is not None:
            spans.append((offset, offset + len(quote)))
            parts.append(quote + " ")
            offset += len(quote) + 1
    return "".join(parts).rstrip() + "\n", spans


def _sentences(rng: random.Random, n_words: int) -> str:
    out = []
    while n_words > 0:
        k = min(n_words, rng.randint(8, 20))
        out.append(" ".join(rng.choices(_WORDS, k=k)).capitalize() + ". ")
        n_words -= k
    return "".join(out)


def _take(iterator: Iterator, n: int) -> Iterator:
    for _ in range(n):
        yield next(iterator)


# -- writing N-Quads text exactly as kg.rdf.mapping builds the graph ---------------------------------------

_SHARED_SUBJECTS = tuple(f"<{ID}{kind}/" for kind in ("person", "country", "org", "post", "proposal"))


class _Writer:
    """Collects triple lines without repeats (a graph is a set), in first-seen order."""

    def __init__(self) -> None:
        self._seen: dict[str, None] = {}

    def add(self, s: str, p: URIRef, o: str) -> None:
        self._seen[f"{s} <{p}> {o}"] = None

    @property
    def lines(self) -> list[str]:
        return list(self._seen)


@lru_cache(maxsize=1)
def _ontology() -> Graph:
    from kg.config import ontology_file
    from kg.rdf.files import parse_turtle_file

    return parse_turtle_file(ontology_file())


def _iri(iri: object) -> str:
    return f"<{iri}>"


_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def _lit(text: str, datatype: URIRef | None = None) -> str:
    quoted = f'"{text.translate(_ESCAPES)}"'
    return f"{quoted}^^<{datatype}>" if datatype else quoted


def _int(value: int) -> str:
    return _lit(str(value), XSD.integer)


def _country(w: _Writer, code: str) -> str:
    node = _iri(country_iri(code))
    w.add(node, RDF.type, _iri(KG.Country))
    w.add(node, RDFS.label, _lit(country_label(code)))
    w.add(node, KG.isoAlpha3, _lit(code.upper()))
    return node


def _entity(w: _Writer, kind: str, name: str, country: str | None = None) -> str:
    if kind == "country":
        return _country(w, (country or name).upper())
    node = _iri(person_iri(name) if kind == "person" else organization_iri(name))
    w.add(node, RDF.type, _iri(KG.Person if kind == "person" else KG.Organization))
    w.add(node, RDFS.label, _lit(name))
    if country:
        w.add(node, KG.country if kind == "person" else KG.basedIn, _country(w, country))
    return node


def _provenance(w: _Writer, node: str, article: Article, claim: Claim) -> None:
    source = _iri(article_iri(article.article_id))
    evidence = _iri(evidence_iri(article.article_id, claim.start, claim.end))
    w.add(node, KG.evidence, evidence)
    w.add(node, KG.source, source)
    w.add(node, KG.method, _iri(METHOD_CONCEPTS[claim.method]))
    w.add(node, KG.confidence, _lit(str(Decimal(str(round(claim.confidence, 3)))), XSD.decimal))
    if article.date:
        w.add(node, KG.statedOn, _lit(article.date.isoformat(), XSD.date))
    w.add(evidence, RDF.type, _iri(KG.Evidence))
    w.add(evidence, KG.quote, _lit(claim.quote))
    w.add(evidence, KG.start, _int(claim.start))
    w.add(evidence, KG.end, _int(claim.end))
    w.add(evidence, KG.source, source)


def _role_lines(w: _Writer, article: Article, claim: RoleClaim) -> None:
    node = _iri(claim_iri("role", article.article_id, claim.person, claim.role_type, claim.country,
                          claim.organization, claim.start, claim.end, claim.method))
    person = _entity(w, "person", claim.person)
    role_type = _iri(role_type_concept(claim.role_type))
    w.add(node, RDF.type, _iri(KG.RoleAssignment))
    w.add(node, KG.person, person)
    w.add(node, KG.roleType, role_type)
    w.add(node, KG.roleTitle, _lit(claim.role))
    holders = []
    if claim.organization:
        holders.append(_entity(w, "organization", claim.organization))
        w.add(node, KG.organization, holders[-1])
    if claim.country:
        holders.append(_country(w, claim.country))
        w.add(node, KG.country, holders[-1])
    if holders:
        holder_iri = organization_iri(claim.organization) if claim.organization else country_iri(claim.country)
        post = _iri(post_iri(claim.role_type, holder_iri))
        w.add(node, KG.post, post)
        w.add(post, RDFS.label, _lit(claim.role))
        # The shortcuts kg.rdf.materialise_shortcuts adds for a role assignment.
        w.add(post, RDF.type, _iri(KG.Post))
        w.add(person, KG.holdsPost, post)
        for holder in holders:
            w.add(post, KG.postIn, holder)
        w.add(post, KG.roleType, role_type)
    if article.date:
        w.add(node, KG.asOf, _lit(article.date.isoformat(), XSD.date))
    _provenance(w, node, article, claim)


def _stance_lines(w: _Writer, article: Article, claim: StanceClaim) -> None:
    node = _iri(claim_iri("stance", article.article_id, claim.actor_type, claim.actor, claim.country,
                          claim.polarity, claim.scope, claim.target, claim.start, claim.end, claim.method))
    actor = _entity(w, claim.actor_type, claim.actor,
                    claim.country if claim.actor_type != "country" else claim.country or claim.actor)
    target = _iri(proposal_iri(claim.target))
    polarity = POLARITY_CONCEPTS[claim.polarity]
    w.add(node, RDF.type, _iri(KG.Stance))
    w.add(node, KG.actor, actor)
    w.add(node, KG.target, target)
    w.add(node, KG.polarity, _iri(polarity))
    w.add(node, KG.scope, _iri(SCOPE_CONCEPTS[claim.scope]))
    if claim.country:
        w.add(node, KG.country, _country(w, claim.country))
    if claim.speaker:
        w.add(node, KG.speaker, _entity(w, "person", claim.speaker))
    if claim.reason:
        w.add(node, KG.reason, _lit(claim.reason))
    if claim.condition:
        w.add(node, KG.condition, _lit(claim.condition))
    _provenance(w, node, article, claim)
    w.add(actor, SHORTCUT_FOR_POLARITY[polarity], target)  # the shortcut edge


def main(argv: list[str] | None = None) -> None:
    """``python benchmarks/generate.py SIZE [DIR]``: write one dataset and print its record."""
    args = sys.argv[1:] if argv is None else argv
    if not args or not args[0].isdigit():
        sys.exit("usage: python benchmarks/generate.py SIZE [DIRECTORY]")
    files = write_dataset(int(args[0]), args[1] if len(args) > 1 else None)
    print(json.dumps(files.to_json(), indent=1))


if __name__ == "__main__":
    main()
