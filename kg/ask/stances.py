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
from kg.rdf import notation
from kg.store import Store, iter_rows, string_rows

#: Separator of the concatenated reasons and conditions in ``who-opposes`` rows.
LIST_SEPARATOR = "\n"
DESCRIPTIONS_RQ = resources.files(__package__).joinpath("descriptions.rq").read_text(encoding="utf-8")
STANCE_FACTS_RQ = resources.files(__package__).joinpath("stance-facts.rq").read_text(encoding="utf-8")
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


def evidence_from_row(row: dict, claim: str, described: Descriptions | None = None) -> Evidence | None:
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


def describe(result: Result) -> dict[str, dict[str, str]]:
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
        out[row["source"]] = {k: row[k] for k in ("outlet", "title") if row.get(k) is not None}
    return out


def stance_facts(store: Store, proposal: str, actor: str | None = None,
                 outlets: Mapping[str, str | None] | None = None) -> list[StanceRecord]:
    """The stance claims on ``proposal`` (of one ``actor``, when given) without their evidence, with the
    labels of what they refer to and the outlets of their sources (two or three queries)."""
    bindings = {"proposal": URIRef(proposal)}
    if actor:
        bindings["actor"] = URIRef(actor)
    described = describe(string_rows(store, DESCRIPTIONS_RQ, {"proposal": URIRef(proposal)}))
    records = read_stances(string_rows(store, STANCE_FACTS_RQ, bindings), described)
    outlets = source_outlets(store) if outlets is None else outlets
    return [replace(r, outlet=outlets.get(r.source)) for r in records]


def all_stance_facts(store: Store, outlets: Mapping[str, str | None]) -> list[StanceRecord]:
    """Every stance claim of the store, on any proposal, without evidence or labels."""
    records = read_stances(string_rows(store, STANCE_FACTS_RQ))
    return [replace(r, outlet=outlets.get(r.source)) for r in records]


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
    # Fallback for actors without a kg class: kg.iris mints country/, person/ and org/ IRIs.
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
