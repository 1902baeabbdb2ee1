"""Role assignments: reading them from the ``roles`` query, and grouping them per person and post."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from rdflib.query import Result

from kg.ask.records import Evidence, RoleAnswer, RoleRecord
from kg.ask.stances import group_claim_rows, merged_evidence
from kg.rdf.mapping import notation


def read_roles(result: Result) -> list[RoleRecord]:
    """Role claims from the rows of the ``roles`` query (one row per claim, holder and evidence span)."""
    fields = group_claim_rows(result, "claim")
    return sorted((_record(claim, entry) for claim, entry in fields.items()), key=lambda r: r.claim)


def _one(entry: dict[str, set], key: str) -> str | None:
    values = entry.get(key)
    return min(values) if values else None


def _record(claim: str, entry: dict[str, set]) -> RoleRecord:
    person = _one(entry, "person") or ""
    country = _one(entry, "country")
    return RoleRecord(
        claim=claim,
        person=person,
        person_label=_one(entry, "personLabel") or person.rsplit("/", 1)[-1],
        role=_one(entry, "role") or "",
        role_type=notation(_one(entry, "roleType")),
        country=country,
        country_code=_one(entry, "countryCode") or (country.rsplit("/", 1)[-1] if country else None),
        organization=_one(entry, "organization"),
        organization_label=_one(entry, "organizationLabel"),
        based_in=_one(entry, "basedIn"),
        date=_one(entry, "date"),
        method=notation(_one(entry, "method")) or "",
        source=_one(entry, "source") or "",
        evidence=tuple(sorted(entry.get("_evidence", ()), key=Evidence.sort_key)),
    )


def roles_as_of(records: Iterable[RoleRecord], day: dt.date | None) -> list[RoleRecord]:
    """The role claims dated on or before ``day`` (all of them when ``day`` is None)."""
    if day is None:
        return list(records)
    limit = day.isoformat()
    return [r for r in records if r.date is not None and r.date[:10] <= limit]


def role_answers(records: Iterable[RoleRecord], *, latest_first: bool = False) -> list[RoleAnswer]:
    """One row per person and post (role type within a country or organisation), with every source.

    Rows are ordered by person, or, with ``latest_first``, by the date of their latest claim,
    newest first (who holds a post now before who held it before).
    """
    groups: dict[tuple, list[RoleRecord]] = {}
    for record in records:
        groups.setdefault((record.person, record.role_type, record.holder), []).append(record)
    rows = []
    for claims in groups.values():
        curated = [r for r in claims if r.method == "curated"] or claims
        first = claims[0]
        latest = max((r.date or "" for r in claims), default="")
        answer = RoleAnswer(
            person=min(r.person_label for r in claims),
            person_iri=first.person,
            role=" / ".join(sorted({r.role for r in curated})),
            role_type=first.role_type,
            country=min((r.country_code for r in claims if r.country_code), default=None),
            organization=min((r.organization_label for r in claims if r.organization_label), default=None),
            evidence=merged_evidence(claims),
            methods=tuple(sorted({r.method for r in claims if r.method})),
        )
        rows.append((latest, answer))
    rows.sort(key=lambda pair: (pair[1].person.casefold(), pair[1].person_iri, pair[1].role_type or "",
                                pair[1].organization or "", pair[1].country or "", pair[1].role))
    if latest_first:
        rows.sort(key=lambda pair: pair[0], reverse=True)  # stable: ties keep the order above
    return [answer for _, answer in rows]
