"""Claims that disagree across sources or over time, each side with its sources and dates.

Two kinds are found:

- ``role``: a person given posts by different sources that cannot both hold, e.g. one
  source calls someone a country's prime minister and another an international
  organisation's foreign policy chief. Posts in the same country under different holders
  (a government post and a party post) can be held together and are not a conflict;
- ``stance``: an actor reported with different polarities on the same proposal.

Within one source, curated claims override extracted ones (an extraction error is not a
disagreement between sources). A conflict's ``nature`` is ``over time`` when its sides
follow one another in time without overlapping (``gap_days`` then says how far apart
they are: a role that "changed" within two weeks is more likely a source's mistake),
else ``across sources``.

Counts reported by sources (e.g. "10 countries ready" against "only six out of thirty")
are not claims in the graph yet, so they cannot be compared here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations, pairwise

from rdflib import URIRef

from kg.ask.records import Evidence, RoleRecord, StanceRecord
from kg.store import Store, iter_rows

CONFLICTS_QUERY = "conflicts"
OVER_TIME = "over time"
ACROSS_SOURCES = "across sources"


@dataclass(frozen=True)
class ClaimRef:
    """One claim on one side of a conflict: where and when it was made, and its quotes."""

    claim: str
    source: str
    outlet: str | None
    date: str | None
    method: str
    detail: str | None
    evidence: tuple[Evidence, ...]

    def to_json(self) -> dict:
        """``{"claim", "source", "outlet", "date", "method", "detail", "evidence"}``."""
        return {"claim": self.claim, "source": self.source, "outlet": self.outlet, "date": self.date,
                "method": self.method, "detail": self.detail, "evidence": [e.to_json() for e in self.evidence]}


@dataclass(frozen=True)
class ConflictSide:
    """The claims that agree on one value (a post, a polarity)."""

    value: str
    label: str
    claims: tuple[ClaimRef, ...]

    @property
    def dates(self) -> tuple[str, ...]:
        """The dates of the side's claims, sorted (undated claims left out)."""
        return tuple(sorted(c.date for c in self.claims if c.date))

    def to_json(self) -> dict:
        """``{"value", "label", "claims"}``."""
        return {"value": self.value, "label": self.label, "claims": [c.to_json() for c in self.claims]}


@dataclass(frozen=True)
class Conflict:
    """Claims about one subject that disagree: two sides or more."""

    kind: str
    subject: str
    subject_label: str
    target: str | None
    nature: str
    sides: tuple[ConflictSide, ...]
    gap_days: int | None = None

    def to_json(self) -> dict:
        """``{"kind", "subject", "subject_label", "target", "nature", "gap_days", "sides"}``."""
        return {"kind": self.kind, "subject": self.subject, "subject_label": self.subject_label,
                "target": self.target, "nature": self.nature, "gap_days": self.gap_days,
                "sides": [s.to_json() for s in self.sides]}


def find_conflicts(store: Store, *, subject: str | None = None, day: dt.date | None = None) -> list[Conflict]:
    """Every conflict in ``store`` (about ``subject`` only, when given), as of ``day``.

    The named query ``conflicts`` finds the candidate subjects; the claims of each are then
    read with the ``roles`` and ``who-opposes`` queries (and the descriptions of what they
    refer to), bound to that subject.

    Parameters
    ----------
    store : Store
    subject : str, optional
        IRI of a person or an actor.
    day : datetime.date, optional
        Only claims dated on or before this day count.
    """
    from kg.ask.roles import read_roles, roles_as_of
    from kg.ask.stances import stance_records
    from kg.ask.summary import as_of
    from kg.queries import get_query

    bindings = {"subject": URIRef(subject)} if subject else {}
    candidates = list(iter_rows(store.query(get_query(CONFLICTS_QUERY).text, bindings)))
    found = []
    for row in candidates:
        who = URIRef(str(row["subject"]))
        if str(row["kind"]) == "role":
            roles = read_roles(store.query(get_query("roles").text, {"person": who}))
            conflict = role_conflict(roles_as_of(roles, day))
        else:
            stances = stance_records(store, str(row["target"]), str(who))
            conflict = stance_conflict(as_of(stances, day))
        if conflict is not None:
            found.append(conflict)
    return sorted(found, key=conflict_key)


def conflict_key(conflict: Conflict) -> tuple:
    """Sort order: kind, subject label and IRI, target."""
    return (conflict.kind, conflict.subject_label.casefold(), conflict.subject, conflict.target or "")


def stance_conflict(records: Iterable[StanceRecord]) -> Conflict | None:
    """The conflict among one actor's stances on one proposal, if they take different polarities.

    Examples
    --------
    >>> def stance(claim, polarity, date, source):
    ...     return StanceRecord(claim, "x:usa", "United States", "country", "USA", "x:p", polarity, "own_troops",
    ...                         (), (), None, None, date, "curated", 1.0, source, ())
    >>> c = stance_conflict([stance("a", "neutral", "2025-03-01", "s1"), stance("b", "opposes", "2025-04-01", "s2")])
    >>> c.nature, c.gap_days, [s.value for s in c.sides]
    ('over time', 31, ['neutral', 'opposes'])
    """
    kept = _authoritative(list(records), lambda r: r.source)
    if len({r.source for r in kept}) < 2:
        return None
    sides: dict[str, list[StanceRecord]] = {}
    for record in kept:
        sides.setdefault(record.polarity, []).append(record)
    if len(sides) < 2:
        return None
    first = kept[0]
    built = [ConflictSide(polarity, _stance_label(polarity, group), tuple(sorted(
        (ClaimRef(r.claim, r.source, _outlet(r.evidence), r.date, r.method, r.scope, r.evidence) for r in group),
        key=_claim_key))) for polarity, group in sides.items()]
    return _conflict("stance", first.actor, min(r.actor_label for r in kept), first.proposal, built)


def role_conflict(records: Iterable[RoleRecord]) -> Conflict | None:
    """The conflict among one person's role claims, if two sources give posts that cannot both hold.

    Examples
    --------
    >>> def role(claim, title, country, org, date, source):
    ...     return RoleRecord(claim, "x:kallas", "Kaja Kallas", title, None, country, None, org, None, None,
    ...                       date, "curated", source, ())
    >>> c = role_conflict([role("a", "Prime Minister", "id/EST", None, "2025-03-27", "s4"),
    ...                    role("b", "Foreign policy chief", None, "id/EU", "2025-04-10", "s2")])
    >>> [s.label for s in c.sides]
    ['Prime Minister (EST)', 'Foreign policy chief (EU)']
    >>> role_conflict([role("a", "Prime Minister", "id/GBR", None, "2025-04-04", "s0"),
    ...                role("b", "Party leader", "id/GBR", "id/labour", "2025-03-27", "s4")]) is None
    True
    """
    kept = _authoritative(list(records), lambda r: r.source)
    posts: dict[tuple, list[RoleRecord]] = {}
    for record in kept:
        posts.setdefault((record.role_type, record.holder), []).append(record)
    clashing: set[tuple] = set()
    for a, b in combinations(sorted(posts, key=lambda k: (k[0] or "", k[1] or "")), 2):
        if _compatible(posts[a][0], posts[b][0]):
            continue
        if len({r.source for r in posts[a] + posts[b]}) > 1:
            clashing.update((a, b))
    if not clashing:
        return None
    first = kept[0]
    built = []
    for key in clashing:
        group = posts[key]
        label = f"{' / '.join(sorted({r.role for r in group}))} ({_holder_label(group[0])})"
        claims = tuple(sorted((ClaimRef(r.claim, r.source, _outlet(r.evidence), r.date, r.method,
                                        _holder_label(r), r.evidence) for r in group), key=_claim_key))
        built.append(ConflictSide(f"{key[0] or ''}|{key[1] or ''}", label, claims))
    return _conflict("role", first.person, min(r.person_label for r in kept), None, built)


def _compatible(a: RoleRecord, b: RoleRecord) -> bool:
    """Two posts one person can hold together: different holders within the same country."""
    return a.holder != b.holder and a.jurisdiction is not None and a.jurisdiction == b.jurisdiction


def _authoritative(records: list, source_of) -> list:
    """Within each source, the curated claims if there are any, else the extracted ones."""
    curated_sources = {source_of(r) for r in records if r.method == "curated"}
    return sorted((r for r in records if r.method == "curated" or source_of(r) not in curated_sources),
                  key=lambda r: r.claim)


def _conflict(kind: str, subject: str, label: str, target: str | None, sides: list[ConflictSide]) -> Conflict:
    ordered = sorted(sides, key=lambda s: (s.dates[:1] or ("9999",), s.value))
    nature = _nature(ordered)
    gap = None
    if nature == OVER_TIME:
        gap = min((dt.date.fromisoformat(b.dates[0][:10]) - dt.date.fromisoformat(a.dates[-1][:10])).days
                  for a, b in pairwise(ordered))
    return Conflict(kind, subject, label, target, nature, tuple(ordered), gap)


def _nature(sides: list[ConflictSide]) -> str:
    """``over time`` when each side's dates all come after the previous side's, else ``across sources``."""
    if any(len(s.dates) != len(s.claims) for s in sides):
        return ACROSS_SOURCES
    for before, after in pairwise(sides):
        if before.dates[-1] >= after.dates[0]:
            return ACROSS_SOURCES
    return OVER_TIME


def _claim_key(ref: ClaimRef) -> tuple:
    return (ref.date or "", ref.source, ref.method, ref.claim)


def _outlet(evidence: tuple[Evidence, ...]) -> str | None:
    return min((e.outlet for e in evidence if e.outlet), default=None)


def _stance_label(polarity: str, group: list[StanceRecord]) -> str:
    scopes = sorted({r.scope for r in group if r.scope})
    return f"{polarity} ({', '.join(scopes)})" if scopes else polarity


def _holder_label(record: RoleRecord) -> str:
    if record.organization:
        return record.organization_label or record.organization.rsplit("/", 1)[-1]
    return record.country_code or (record.country or "").rsplit("/", 1)[-1] or "?"
