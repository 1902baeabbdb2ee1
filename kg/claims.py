"""Typed claim records: what extraction produces and what ``kg.rdf.mapping`` turns into RDF.

The JSON form of these records (``to_json``) is the public ``kg extract --format jsonl``
contract, so field names and meanings must not change lightly.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

Polarity = Literal["supports", "opposes", "conditional", "neutral"]
Scope = Literal["deployment", "own_troops"]
ActorType = Literal["country", "person", "organization"]
Method = Literal["curated", "extracted"]

POLARITIES: tuple[str, ...] = ("supports", "opposes", "conditional", "neutral")
SCOPES: tuple[str, ...] = ("deployment", "own_troops")
ACTOR_TYPES: tuple[str, ...] = ("country", "person", "organization")


@dataclass(frozen=True)
class RoleClaim:
    """A person holds a role (post) in a country or organisation, per one source span.

    Examples
    --------
    >>> c = RoleClaim(person="Jane Doe", role="Defence Minister", role_type="defence_minister",
    ...               country="LVA", organization=None, quote="Defence Minister Jane Doe",
    ...               start=0, end=25, confidence=0.9, doc="a.txt")
    >>> c.to_json()["kind"]
    'role'
    """

    person: str
    role: str
    role_type: str
    country: str | None
    organization: str | None
    quote: str
    start: int
    end: int
    confidence: float
    doc: str = ""
    method: Method = "extracted"

    def to_json(self) -> dict:
        """Return the record as a ``kg extract --format jsonl`` object."""
        return {"kind": "role", **asdict(self)}


@dataclass(frozen=True)
class StanceClaim:
    """An actor's stance on a proposal, per one source span.

    ``scope`` is ``"deployment"`` when the stance is about the deployment as such and
    ``"own_troops"`` when it is about sending the actor's own forces.

    Examples
    --------
    >>> s = StanceClaim(actor="Poland", actor_type="country", country="POL", polarity="opposes",
    ...                 scope="own_troops", target="reassurance force", speaker=None,
    ...                 reason="regional security challenges", condition=None,
    ...                 quote="Poland cannot send troops.", start=0, end=27, confidence=0.8)
    >>> s.to_json()["polarity"]
    'opposes'
    """

    actor: str
    actor_type: ActorType
    country: str | None
    polarity: Polarity
    scope: Scope
    target: str
    speaker: str | None
    reason: str | None
    condition: str | None
    quote: str
    start: int
    end: int
    confidence: float
    doc: str = ""
    method: Method = "extracted"

    def to_json(self) -> dict:
        """Return the record as a ``kg extract --format jsonl`` object."""
        return {"kind": "stance", **asdict(self)}


Claim = RoleClaim | StanceClaim


@dataclass
class ArticleClaims:
    """All claims extracted from one article."""

    doc: str
    roles: list[RoleClaim] = field(default_factory=list)
    stances: list[StanceClaim] = field(default_factory=list)

    @property
    def claims(self) -> list[Claim]:
        """Roles first, then stances, each in text order."""
        return [*self.roles, *self.stances]
