"""How reliable each source is, from the evidence of the store: ``kg sources``.

A source is an outlet, or the article itself when its outlet is unknown (two articles of one
outlet are one source). Each claim of a source is *checkable* when another independent source
makes a claim on the same thing within :data:`~kg.ask.summary.CONTEST_DAYS` days:

- a stance: the same actor, proposal and scope; it *agrees* when one of those states a
  compatible polarity (the same, or support beside conditional support), and it is
  *contradicted* when one opposes what it backs or backs what it opposes (:func:`compatible`);
- a role: the same person; it agrees when one of those gives the same post (role type and
  holder), and it is contradicted when they disagree (a conflict of :mod:`kg.ask.conflicts`: posts
  one person cannot hold together) and none agrees.

The score is the share of checked claims that agree, smoothed towards a prior:
``(agreed + K * prior) / (checked + K)`` with ``K`` = :data:`PRIOR_WEIGHT`. The prior is the
outlet's in the curated table ``kg/data/outlets.tsv`` (e.g. state-affiliated media, each row
with its source), else :data:`DEFAULT_PRIOR`. A source with no checkable claim and no row in
the table is *unrated*: its score is None.

Examples
--------
>>> smoothed(3, 4, 0.5)
0.667
>>> smoothed(0, 0, None) is None
True
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from kg.ask.records import StanceRecord
from kg.ask.summary import CONTEST_DAYS, Window, days_apart, one_voice_per_source, source_key
from kg.store import Store, iter_rows

ROLE_FACTS_RQ = resources.files(__package__).joinpath("role-facts.rq").read_text(encoding="utf-8")
#: Weight of the prior, in claims.
PRIOR_WEIGHT = 2
#: Prior of an outlet the curated table does not list.
DEFAULT_PRIOR = 0.5


@dataclass(frozen=True)
class SourceRating:
    """One source's record: claims made, checked, agreeing and contradicted, and its score."""

    source: str
    outlet: str | None
    articles: int
    claims: int
    checked: int
    corroborated: int
    contradicted: int
    score: float | None
    designation: str | None = None

    @property
    def label(self) -> str:
        """The outlet, else the article's last IRI segment."""
        return self.outlet or self.source.rsplit("/", 1)[-1]

    def to_json(self) -> dict:
        """``{"source", "outlet", "articles", "claims", "checked", "corroborated", "contradicted", "score",
        "designation"}``."""
        return {"source": self.source, "outlet": self.outlet, "articles": self.articles, "claims": self.claims,
                "checked": self.checked, "corroborated": self.corroborated, "contradicted": self.contradicted,
                "score": self.score, "designation": self.designation}


@dataclass(frozen=True)
class Check:
    """One claim's check: which source made it, and whether it was checked, agreed, contradicted."""

    claim: str
    source: str
    article: str
    checked: bool
    agrees: bool


@dataclass(frozen=True)
class Outlet:
    """A row of the curated outlet table."""

    outlet: str
    designation: str
    prior: float
    source: str


@lru_cache(maxsize=4)
def read_outlets(path: str | None = None) -> dict[str, Outlet]:
    """The curated outlet table (``kg/data/outlets.tsv`` by default), by outlet name."""
    text = (Path(path).read_text(encoding="utf-8") if path
            else resources.files("kg").joinpath("data", "outlets.tsv").read_text(encoding="utf-8"))
    rows = csv.DictReader(text.splitlines(), delimiter="\t")
    return {r["outlet"]: Outlet(r["outlet"], r["designation"], float(r["prior"]), r["source"]) for r in rows}


def smoothed(agreed: int, checked: int, prior: float | None) -> float | None:
    """The smoothed share of agreeing claims, rounded to 3 places; None when nothing is known."""
    if checked == 0 and prior is None:
        return None
    base = DEFAULT_PRIOR if prior is None else prior
    return round((agreed + PRIOR_WEIGHT * base) / (checked + PRIOR_WEIGHT), 3)


def stance_checks(records: list[StanceRecord]) -> list[Check]:
    """Each stance claim checked against the other sources' claims on the same actor, proposal and scope."""
    records = one_voice_per_source(records)
    groups: dict[tuple, list[StanceRecord]] = {}
    for r in records:
        groups.setdefault((r.actor, r.proposal, r.scope), []).append(r)
    windows = {key: Window(group) for key, group in groups.items()}
    out = []
    for r in records:
        mine = source_key(r)
        near = [o for o in windows[(r.actor, r.proposal, r.scope)].around(r.date) if source_key(o) != mine]
        agrees = any(compatible(o.polarity, r.polarity) for o in near)
        against = any(compatible(o.polarity, r.polarity) is False for o in near)
        out.append(Check(r.claim, mine, r.source, agrees or against, agrees))
    return out


_BACKING = frozenset({"supports", "conditional"})


def compatible(a: str, b: str) -> bool | None:
    """Whether two polarities agree (True), disagree (False) or cannot be compared (None).

    Support and conditional support agree: a source that reports the condition is not
    contradicted by one that leaves it out. Opposition disagrees with either. An undecided
    (neutral) stance neither confirms nor contradicts another.

    Examples
    --------
    >>> compatible("supports", "conditional"), compatible("opposes", "conditional"), compatible("neutral", "opposes")
    (True, False, None)
    """
    if a == b:
        return True
    if "neutral" in (a, b):
        return None
    return a in _BACKING and b in _BACKING


@dataclass(frozen=True)
class RoleFact:
    """A role claim as the ratings compare it."""

    claim: str
    person: str
    post: tuple[str, str]
    date: str | None
    source: str
    article: str
    method: str


def role_checks(facts: list[RoleFact], contradicting: set[tuple[str, str]],
                known: dict[str, tuple[str, str]] | None = None) -> list[Check]:
    """Each role claim checked against other sources' claims about the same person, and the gazetteer.

    ``contradicting`` holds the (claim, claim) pairs that :func:`kg.ask.conflicts.role_conflict`
    puts on different sides of a conflict. ``known`` maps a person's IRI to the post the
    curated persons gazetteer gives them (:func:`known_posts`): a claim of that post agrees
    with it, and a claim that conflicts with a claim of that post is decided by it, so that
    of two sources that disagree about a person only the one the gazetteer contradicts loses.
    """
    known = known or {}
    by_person: dict[str, list[RoleFact]] = {}
    for f in facts:
        by_person.setdefault(f.person, []).append(f)
    out = []
    for f in facts:
        near = [o for o in by_person[f.person] if o.source != f.source and f.date and o.date
                and days_apart(f.date, o.date) <= CONTEST_DAYS]
        listed = known.get(f.person)
        agrees = any(o.post == f.post for o in near) or f.post == listed
        against = any((f.claim, o.claim) in contradicting and o.post == listed for o in near) if listed else any(
            (f.claim, o.claim) in contradicting for o in near)
        out.append(Check(f.claim, f.source, f.article, agrees or against, agrees))
    return out


@lru_cache(maxsize=1)
def known_posts() -> dict[str, tuple[str, str]]:
    """``{person IRI: (role type, holder IRI)}`` from the curated persons gazetteer (its current posts)."""
    from kg.rdf.iris import country_iri, organization_iri, person_iri

    text = resources.files("kg").joinpath("data", "gazetteer", "persons.tsv").read_text(encoding="utf-8")
    out: dict[str, tuple[str, str]] = {}
    for row in csv.DictReader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE):
        holder = (country_iri(row["country"]) if row["country"]
                  else organization_iri(row["organization"]) if row["organization"] else None)
        if holder is not None and row["role_type"]:
            out.setdefault(str(person_iri(row["name"])), (row["role_type"], str(holder)))
    return out


def rate(checks: list[Check], outlets: dict[str, str | None], table: dict[str, Outlet]) -> list[SourceRating]:
    """One rating per source from the checks of its claims, most reliable first (unrated last)."""
    per_source: dict[str, list[Check]] = {}
    for c in checks:
        per_source.setdefault(c.source, []).append(c)
    out = []
    for source, mine in per_source.items():
        outlet = outlet_of(source, outlets)
        listed = table.get(outlet or "")
        checked = sum(c.checked for c in mine)
        agreed = sum(c.checked and c.agrees for c in mine)
        out.append(SourceRating(source, outlet, len({c.article for c in mine}), len({c.claim for c in mine}),
                                checked, agreed, checked - agreed, score_of(source, outlet, checked, agreed, table),
                                listed.designation if listed else None))
    return sorted(out, key=lambda r: (r.score is None, -(r.score or 0.0), r.label.casefold(), r.source))


def source_ratings(store: Store, stances: list[StanceRecord] | None = None) -> list[SourceRating]:
    """Every source's rating from the stance and role claims of ``store``.

    ``stances`` (every stance claim of the store, with outlets) saves reading them again.
    """
    from kg.ask.stances import all_stance_facts, source_outlets

    outlets = source_outlets(store)
    stances = all_stance_facts(store, outlets) if stances is None else stances
    facts = _role_facts(store, outlets)
    checks = stance_checks(stances) + role_checks(facts, _role_contradictions(store, facts), known_posts())
    return rate(checks, outlets, read_outlets())


def outlet_of(source: str, outlets: Mapping[str, str | None]) -> str | None:
    """The outlet of a source key: named in it (``outlet:...``), else the article's (None when unknown)."""
    return source[len("outlet:"):] if source.startswith("outlet:") else outlets.get(source)


def score_of(source: str, outlet: str | None, checked: int, agreed: int, table: Mapping[str, Outlet]) -> float | None:
    """A source's score from its tallies and the prior of its outlet (``outlet`` None: from the key).

    Examples
    --------
    >>> score_of("outlet:Wire", None, 3, 3, {}), score_of("x:article/1", None, 0, 0, {})
    (0.8, None)
    """
    listed = table.get((outlet or outlet_of(source, {})) or "")
    return smoothed(agreed, checked, listed.prior if listed else None)


def scores_by_source(ratings: list[SourceRating]) -> dict[str, float | None]:
    """``{source key: score}``."""
    return {r.source: r.score for r in ratings}


def _role_facts(store: Store, outlets: dict[str, str | None]) -> list[RoleFact]:
    from kg.rdf.mapping import notation

    out: dict[tuple, RoleFact] = {}
    for row in iter_rows(store.query(ROLE_FACTS_RQ)):
        article = str(row["source"])
        outlet = outlets.get(article)
        claim = str(row["claim"])
        post = (notation(row.get("roleType")) or "", str(row["holder"]))
        out.setdefault((claim, post), RoleFact(claim, str(row["person"]), post,
                                               None if row.get("date") is None else str(row["date"]),
                                               f"outlet:{outlet}" if outlet else article, article,
                                               notation(row["method"]) or ""))
    # Within one source, curated claims about a person override extracted ones.
    curated = {(f.person, f.article) for f in out.values() if f.method == "curated"}
    return sorted((f for f in out.values() if f.method == "curated" or (f.person, f.article) not in curated),
                  key=lambda f: (f.claim, f.post))


def _role_contradictions(store: Store, facts: list[RoleFact]) -> set[tuple[str, str]]:
    """Pairs of role claims on different sides of a conflict (both orders)."""
    from rdflib import URIRef

    from kg.ask.conflicts import CONFLICTS_QUERY, role_conflict
    from kg.ask.roles import read_roles
    from kg.queries import get_query

    pairs: set[tuple[str, str]] = set()
    for row in iter_rows(store.query(get_query(CONFLICTS_QUERY).text)):
        if str(row["kind"]) != "role":
            continue
        person = {"person": URIRef(str(row["subject"]))}
        conflict = role_conflict(read_roles(store.query(get_query("roles").text, person)))
        if conflict is None:
            continue
        for i, side in enumerate(conflict.sides):
            for other in conflict.sides[i + 1:]:
                for a in side.claims:
                    for b in other.claims:
                        pairs |= {(a.claim, b.claim), (b.claim, a.claim)}
    return pairs
