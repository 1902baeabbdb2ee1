"""Stance claims: reading them from the store (``stance-facts.rq`` without evidence, the
``who-opposes`` named query with it), and the evidence of one claim.

The queries read only what each stance states; the labels of actors and speakers, the ISO
codes of countries and the outlets of sources come from ``descriptions.rq`` and
``source-descriptions.rq``, once per node. :mod:`kg.ask.summary` turns the claims into positions.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from importlib import resources

from rdflib import URIRef
from rdflib.query import Result

from kg.ask.entities import CLASS_KINDS
from kg.ask.records import (
    Evidence,
    RoleRecord,
    StanceRecord,
)
from kg.queries import get_query
from kg.rdf.mapping import notation
from kg.store import Store, iter_rows, string_rows

#: Separator of the concatenated reasons and conditions in ``who-opposes`` rows.
LIST_SEPARATOR = "\n"
DESCRIPTIONS_RQ = resources.files(__package__).joinpath("descriptions.rq").read_text(encoding="utf-8")
STANCE_FACTS_RQ = resources.files(__package__).joinpath("stance-facts.rq").read_text(encoding="utf-8")
CLAIM_REASONS_RQ = resources.files(__package__).joinpath("claim-reasons.rq").read_text(encoding="utf-8")
NODE_DESCRIPTIONS_RQ = resources.files(__package__).joinpath("node-descriptions.rq").read_text(encoding="utf-8")
CLAIM_EVIDENCE_RQ = resources.files(__package__).joinpath("claim-evidence.rq").read_text(encoding="utf-8")
SOURCE_DESCRIPTIONS_RQ = resources.files(__package__).joinpath("source-descriptions.rq").read_text(encoding="utf-8")
#: What ``descriptions.rq`` says about each node: ``{node IRI: {"label": ..., "kind": ..., "code": ...}}``.
Descriptions = Mapping[str, Mapping[str, str]]


def text(value: object) -> str | None:
    """The lexical form of an RDF term, or None.

    Examples
    --------
    >>> from rdflib import Literal
    >>> text(Literal("2025-04-10", datatype="http://www.w3.org/2001/XMLSchema#date")), text(None)
    ('2025-04-10', None)
    """
    return None if value is None else str(value)


def integer(value: object) -> int | None:
    """An integer literal as ``int``, or None."""
    return None if value is None else int(str(value))


def evidence_from_row(row: Mapping, claim: str, described: Descriptions | None = None) -> Evidence | None:
    """The evidence span of a query row (columns quote, start, end, source, date, method; outlet, url
    and title from the row or, when given, from the descriptions of the source)."""
    if row.get("quote") is None:
        return None
    source = str(row["source"])
    about = (described or {}).get(source, {})
    return Evidence(quote=str(row["quote"]), source=source, outlet=text(row.get("outlet")) or about.get("outlet"),
                    date=text(row.get("date")), url=text(row.get("url")) or about.get("url"),
                    start=integer(row.get("start")), end=integer(row.get("end")),
                    title=text(row.get("title")) or about.get("title") or about.get("label"),
                    method=notation(row.get("method")), claim=claim)


def describe(result: Result | Iterable[Mapping]) -> dict[str, dict[str, str]]:
    """Descriptions per node from ``descriptions.rq`` rows: the smallest value of each kind, and the
    node's kind (person, country, organization) from its classes.

    Examples
    --------
    >>> from rdflib import Literal, URIRef, Variable
    >>> from rdflib.query import Result
    >>> r = Result("SELECT"); r.vars = [Variable("node"), Variable("what"), Variable("value")]
    >>> r.bindings = [{Variable("node"): URIRef("x:eu"), Variable("what"): Literal(w), Variable("value"): v}
    ...               for w, v in (("label", Literal("EU")), ("label", Literal("European Union")),
    ...                            ("class", URIRef("https://w3id.org/positions-kg/ns#Organization")))]
    >>> describe(r)["x:eu"]
    {'label': 'EU', 'kind': 'organization'}
    """
    out: dict[str, dict[str, str]] = {}
    for row in _rows(result):
        node, what, value = str(row["node"]), str(row["what"]), str(row["value"])
        if what == "class":
            what, value = "kind", CLASS_KINDS.get(value, "")
            if not value:
                continue
        entry = out.setdefault(node, {})
        if what not in entry or value < entry[what]:
            entry[what] = value
    return out


def stance_records(store: Store, proposal: str, actor: str | None = None) -> list[StanceRecord]:
    """The stance claims on ``proposal`` (of one ``actor``, when given) with their evidence: the
    ``who-opposes`` named query, described by ``descriptions.rq`` (two queries)."""
    bindings = {"proposal": URIRef(proposal)}
    if actor:
        bindings["actor"] = URIRef(actor)
    rows = store.query(get_query("who-opposes").text, bindings)
    return read_stances(rows, describe(store.query(DESCRIPTIONS_RQ, {"proposal": URIRef(proposal)})))


def _rows(result: Result | Iterable[Mapping]) -> Iterable[Mapping]:
    """Rows of a Result, or the rows themselves (e.g. :func:`kg.store.string_rows`)."""
    return iter_rows(result) if isinstance(result, Result) else result


def source_outlets(store: Store) -> dict[str, str | None]:
    """``{article IRI: outlet or None}`` for every source article a claim cites."""
    return {source: about.get("outlet") for source, about in source_descriptions(store).items()}


def source_descriptions(store: Store) -> dict[str, dict[str, str]]:
    """``{article IRI: {"outlet": ..., "title": ...}}`` (present values only) for every cited article."""
    out: dict[str, dict[str, str]] = {}
    for row in string_rows(store, SOURCE_DESCRIPTIONS_RQ):
        out[row["source"] or ""] = {k: v for k in ("outlet", "title") if (v := row.get(k)) is not None}
    return out


def stance_facts(store: Store, proposal: str, actor: str | None = None,
                 outlets: Mapping[str, str | None] | None = None) -> list[StanceRecord]:
    """The stance claims on ``proposal`` (of one ``actor``, when given) without evidence, reasons or labels
    (labels are the IRIs' last segments until :func:`enrich`), with the outlets of their sources."""
    bindings = {"proposal": URIRef(proposal)}
    if actor:
        bindings["actor"] = URIRef(actor)
    outlets = source_outlets(store) if outlets is None else outlets
    return sorted((_fact(row, outlets) for row in string_rows(store, STANCE_FACTS_RQ, bindings)),
                  key=lambda r: r.claim)


def all_stance_facts(store: Store, outlets: Mapping[str, str | None]) -> list[StanceRecord]:
    """Every stance claim of the store, on any proposal, without evidence, reasons or labels."""
    return sorted((_fact(row, outlets) for row in string_rows(store, STANCE_FACTS_RQ)), key=lambda r: r.claim)


def _fact(row: Mapping[str, str | None], outlets: Mapping[str, str | None]) -> StanceRecord:
    actor = row["actor"] or ""
    source = row["source"] or ""
    confidence = row.get("confidence")
    return StanceRecord(
        claim=row["stance"] or "", actor=actor, actor_label=actor.rsplit("/", 1)[-1], actor_type=_kind_from_iri(actor),
        country=_code_from_iri(row.get("country")) or _code_from_iri(actor), proposal=row["proposal"] or "",
        polarity=notation(row["polarity"]) or "", scope=notation(row.get("scope")), reasons=(), conditions=(),
        speaker=row.get("speaker"), speaker_label=None, date=row.get("date"), method=notation(row["method"]) or "",
        confidence=float(confidence) if confidence is not None else None, source=source, evidence=(),
        outlet=outlets.get(source))


def enrich(store: Store, records: Iterable[StanceRecord]) -> list[StanceRecord]:
    """The records with their reasons and conditions and the labels, kinds and codes of their actors,
    speakers and countries: one bound query per actor and proposal, one per node."""
    records = list(records)
    texts: dict[str, dict[str, set[str]]] = {}
    for actor, proposal in sorted({(r.actor, r.proposal) for r in records}):
        bindings = {"actor": URIRef(actor), "proposal": URIRef(proposal)}
        for row in string_rows(store, CLAIM_REASONS_RQ, bindings):
            texts.setdefault(row["stance"] or "", {}).setdefault(row["what"] or "", set()).add(row["value"] or "")
    nodes = sorted({n for r in records for n in (r.actor, r.speaker) if n})
    described = {node: describe(string_rows(store, NODE_DESCRIPTIONS_RQ, {"node": URIRef(node)})).get(node, {})
                 for node in nodes}
    out = []
    for r in records:
        about = described.get(r.actor, {})
        mine = texts.get(r.claim, {})
        out.append(replace(r, actor_label=about.get("label") or r.actor_label,
                           actor_type=about.get("kind") or r.actor_type, country=r.country or about.get("code"),
                           reasons=tuple(sorted(mine.get("reason", ()))),
                           conditions=tuple(sorted(mine.get("condition", ()))),
                           speaker_label=described.get(r.speaker or "", {}).get("label")))
    return out


def _code_from_iri(iri: str | None) -> str | None:
    """The ISO alpha-3 code of a country IRI minted by :func:`kg.rdf.iris.country_iri`, else None.

    Examples
    --------
    >>> _code_from_iri("https://w3id.org/positions-kg/id/country/POL"), _code_from_iri("https://x/person/a")
    ('POL', None)
    """
    if not iri:
        return None
    head, _, code = iri.rpartition("/")
    return code if head.endswith("/id/country") and len(code) == 3 and code.isupper() else None


def claim_evidence(store: Store, claim: str, outlets: Mapping[str, str | None],
                   titles: Descriptions | None = None) -> tuple[Evidence, ...]:
    """The evidence spans of one claim, with its source's outlet."""
    out = []
    for row in iter_rows(store.query(CLAIM_EVIDENCE_RQ, {"claim": URIRef(claim)})):
        evidence = evidence_from_row(row, claim, titles)
        if evidence is not None:
            out.append(replace(evidence, outlet=evidence.outlet or outlets.get(evidence.source)))
    return tuple(sorted(out, key=Evidence.sort_key))


def group_claim_rows(result: Result, claim_column: str,
                     described: Descriptions | None = None) -> dict[str, dict[str, set]]:
    """Each claim's rows folded into one entry: every column's distinct values (as strings),
    and its evidence spans under ``"_evidence"``. Queries return one row per claim and span."""
    fields: dict[str, dict[str, set]] = {}
    for row in _rows(result):
        claim = str(row[claim_column])
        entry = fields.setdefault(claim, {})
        for key, value in row.items():
            if value is not None:
                entry.setdefault(key, set()).add(str(value))
        evidence = evidence_from_row(row, claim, described)
        if evidence is not None:
            entry.setdefault("_evidence", set()).add(evidence)
    return fields


def read_stances(result: Result, described: Descriptions | None = None) -> list[StanceRecord]:
    """Stance claims from the rows of the ``who-opposes`` query (one row per claim and evidence span)."""
    fields = group_claim_rows(result, "stance", described)
    return sorted((_record(claim, entry, described or {}) for claim, entry in fields.items()), key=lambda r: r.claim)


def _one(entry: dict[str, set], key: str) -> str | None:
    values = entry.get(key)
    return min(values) if values else None


def _many(entry: dict[str, set], key: str) -> tuple[str, ...]:
    parts = {p.strip() for value in entry.get(key, ()) for p in value.split(LIST_SEPARATOR)}
    return tuple(sorted(p for p in parts if p))


def _record(claim: str, entry: dict[str, set], described: Descriptions) -> StanceRecord:
    actor = _one(entry, "actor") or ""
    about = described.get(actor, {})
    speaker = _one(entry, "speaker")
    country = _one(entry, "country")
    confidence = _one(entry, "confidence")
    return StanceRecord(
        claim=claim,
        actor=actor,
        actor_label=about.get("label") or actor.rsplit("/", 1)[-1],
        actor_type=about.get("kind") or _kind_from_iri(actor),
        country=described.get(country or "", {}).get("code") or about.get("code"),
        proposal=_one(entry, "proposal") or "",
        polarity=notation(_one(entry, "polarity")) or "",
        scope=notation(_one(entry, "scope")),
        reasons=_many(entry, "reasons"),
        conditions=_many(entry, "conditions"),
        speaker=speaker,
        speaker_label=described.get(speaker or "", {}).get("label"),
        date=_one(entry, "date"),
        method=notation(_one(entry, "method")) or "",
        confidence=float(confidence) if confidence is not None else None,
        source=_one(entry, "source") or "",
        evidence=tuple(sorted(entry.get("_evidence", ()), key=Evidence.sort_key)),
    )


def _kind_from_iri(iri: str) -> str:
    # Fallback for actors without a kg class: kg.rdf.iris mints country/, person/ and org/ IRIs.
    segment = iri.rsplit("/", 2)[-2] if iri.count("/") >= 2 else ""
    return {"country": "country", "person": "person", "org": "organization"}.get(segment, "entity")


def merged_evidence(claims: Iterable[StanceRecord | RoleRecord]) -> tuple[Evidence, ...]:
    """The evidence spans of several claims, each span once, sorted.

    The same span quoted by a curated and an extracted claim is cited once, as curated.
    """
    evidence: dict[tuple, Evidence] = {}
    for record in claims:
        for item in record.evidence:
            key = (item.source, item.start, item.end, item.quote)
            if key not in evidence or (item.method or "") < (evidence[key].method or ""):
                evidence[key] = item
    return tuple(sorted(evidence.values(), key=Evidence.sort_key))
