"""Typed records of answers: evidence spans, stance rows, role rows, and the whole answer.

``to_json`` of each record is the public ``kg ask --format json`` contract; every list
in it is sorted, so that the same data gives the same bytes from any store.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: Order of polarities in answers: opposition first, then conditions, support, neutrality.
POLARITY_ORDER = ("opposes", "conditional", "supports", "neutral")
#: Order of scopes: the deployment as such before the actor's own troops.
SCOPE_ORDER = ("deployment", "own_troops")


def rank(value: str | None, order: tuple[str, ...]) -> int:
    """Position of ``value`` in ``order`` (unknown and missing values last).

    Examples
    --------
    >>> rank("supports", POLARITY_ORDER), rank(None, POLARITY_ORDER)
    (2, 4)
    """
    return order.index(value) if value in order else len(order)


@dataclass(frozen=True)
class Evidence:
    """A verbatim quote from a source article, with where and when it was published.

    Examples
    --------
    >>> e = Evidence("Poland cannot send troops.", "https://w3id.org/positions-kg/id/article/a", None,
    ...              "2025-04-10", None, 10, 36, method="curated")
    >>> list(e.to_json())
    ['quote', 'start', 'end', 'source', 'outlet', 'date', 'method', 'reliability']
    """

    quote: str
    source: str
    outlet: str | None
    date: str | None
    url: str | None
    start: int | None
    end: int | None
    title: str | None = None
    method: str | None = None
    claim: str = ""
    reliability: float | None = None

    def to_json(self) -> dict:
        """The evidence as ``{"quote", "start", "end", "source", "outlet", "date", "method", "reliability"}``."""
        return {"quote": self.quote, "start": self.start, "end": self.end, "source": self.source,
                "outlet": self.outlet, "date": self.date, "method": self.method, "reliability": self.reliability}

    def sort_key(self) -> tuple:
        """Oldest first, then by source and offsets."""
        return (self.date or "", self.source, self.start if self.start is not None else -1,
                self.end if self.end is not None else -1, self.quote, self.method or "", self.claim)

    @property
    def citation(self) -> str:
        """Outlet (else the article's title, else its IRI) and date, for tables.

        Examples
        --------
        >>> Evidence("q", "https://x/article/002_a", None, "2025-04-10", None, 0, 1, title="Defence ministers").citation
        'Defence ministers, 2025-04-10'
        """
        name = self.outlet or _shorten(self.title or "", 60) or self.source.rsplit("/", 1)[-1]
        return f"{name}, {self.date}" if self.date else name


@dataclass(frozen=True)
class StanceRecord:
    """One stance claim as the store holds it: the actor's position on a proposal per one source."""

    claim: str
    actor: str
    actor_label: str
    actor_type: str
    country: str | None
    proposal: str
    polarity: str
    scope: str | None
    reasons: tuple[str, ...]
    conditions: tuple[str, ...]
    speaker: str | None
    speaker_label: str | None
    date: str | None
    method: str
    confidence: float | None
    source: str
    evidence: tuple[Evidence, ...]
    outlet: str | None = None


@dataclass(frozen=True)
class StanceAnswer:
    """One row of a stance answer: an actor's position on a proposal in one scope, how well it is
    supported (claims, independent sources, dates, reliability), why, on what conditions, and quotes.

    ``actor`` is the actor's label, ``country`` an ISO alpha-3 code; ``section`` groups the rows
    of an answer (``opposes deployment``, ``conditional``, ``current``, ...); ``speakers`` and
    ``methods`` are shown in tables only.
    """

    actor: str
    actor_iri: str
    actor_type: str
    country: str | None
    polarity: str
    scope: str | None
    reasons: tuple[str, ...]
    conditions: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    speakers: tuple[str, ...] = ()
    methods: tuple[str, ...] = ()
    date: str | None = None
    section: str = ""
    claims: int = 0
    sources: int = 0
    first_stated: str | None = None
    contested: bool = False
    reliability: float | None = None

    @property
    def last_stated(self) -> str | None:
        """The latest date a claim of the row was stated (``date``)."""
        return self.date

    def to_json(self) -> dict:
        """The flat row of the ``kg ask --format json`` contract (see the README)."""
        return {"section": self.section, "actor": self.actor, "actor_type": self.actor_type,
                "country": self.country, "polarity": self.polarity, "scope": self.scope, "claims": self.claims,
                "sources": self.sources, "first_stated": self.first_stated, "last_stated": self.last_stated,
                "reasons": list(self.reasons), "conditions": list(self.conditions), "contested": self.contested,
                "reliability": self.reliability, "evidence": [e.to_json() for e in self.evidence]}


@dataclass(frozen=True)
class RoleRecord:
    """One role assignment as the store holds it: a person holds a post, per one source."""

    claim: str
    person: str
    person_label: str
    role: str
    role_type: str | None
    country: str | None
    country_code: str | None
    organization: str | None
    organization_label: str | None
    based_in: str | None
    date: str | None
    method: str
    source: str
    evidence: tuple[Evidence, ...]

    @property
    def holder(self) -> str | None:
        """The post's organisation when there is one, else its country (IRIs)."""
        return self.organization or self.country

    @property
    def jurisdiction(self) -> str | None:
        """The country the post belongs to: its own, else its organisation's, else the organisation."""
        return self.country or self.based_in or self.organization


@dataclass(frozen=True)
class RoleAnswer:
    """One row of a role answer: a person's post (role type within a country or organisation)."""

    person: str
    person_iri: str
    role: str
    role_type: str | None
    country: str | None
    organization: str | None
    evidence: tuple[Evidence, ...]
    methods: tuple[str, ...] = ()
    contested: bool = False

    def to_json(self) -> dict:
        """The row as ``{"person", "role", "role_type", "country", "organization", "contested", "evidence"}``;
        ``contested``: another source gives the person a post they cannot hold with this one, within weeks."""
        return {"person": self.person, "role": self.role, "role_type": self.role_type, "country": self.country,
                "organization": self.organization, "contested": self.contested,
                "evidence": [e.to_json() for e in self.evidence]}


@dataclass(frozen=True)
class AskResult:
    """The answer to one question: what was asked, which named query answered it, the rows.

    ``kind`` (``stances``, ``position``, ``changes``, ``timeline``, ``roles``, ``holders``,
    ``conflicts``) tells how to present the rows; ``notes`` are short remarks for tables
    (resolved names, dates); ``totals`` the rows per section before the limit.
    """

    question: str
    kind: str
    query: str
    answers: tuple = ()
    notes: tuple[str, ...] = field(default=())
    totals: tuple[tuple[str, int], ...] = field(default=())

    def to_json(self) -> dict:
        """``{"question", "query", "answers", "totals"}``."""
        return {"question": self.question, "query": self.query, "answers": [a.to_json() for a in self.answers],
                "totals": dict(self.totals)}

    def more(self) -> dict[str, int]:
        """Rows per section left out by the limit."""
        shown: dict[str, int] = {}
        for answer in self.answers:
            key = getattr(answer, "section", "")
            shown[key] = shown.get(key, 0) + 1
        return {k: n - shown.get(k, 0) for k, n in self.totals if n > shown.get(k, 0)}


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
