"""Typed claim records: what extraction produces and what ``kg.rdf.mapping`` turns into RDF.

The JSON form of these records (``to_json``) is the public ``kg extract --format jsonl``
contract, so field names and meanings must not change lightly.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum


class Polarity(StrEnum):
    """Where an actor stands on a proposal (the ontology's ``kg:PolarityScheme`` notations).

    Members are strings, so ``Polarity.OPPOSES == "opposes"`` and JSON shows the value.

    Examples
    --------
    >>> Polarity("opposes") is Polarity.OPPOSES, f"{Polarity.CONDITIONAL}"
    (True, 'conditional')
    """

    SUPPORTS = "supports"
    OPPOSES = "opposes"
    CONDITIONAL = "conditional"
    NEUTRAL = "neutral"


class Scope(StrEnum):
    """What a stance is about: the deployment as such, or sending the actor's own troops (``kg:ScopeScheme``)."""

    DEPLOYMENT = "deployment"
    OWN_TROOPS = "own_troops"


class ActorKind(StrEnum):
    """What kind of actor holds a stance."""

    COUNTRY = "country"
    PERSON = "person"
    ORGANIZATION = "organization"


class Method(StrEnum):
    """How a claim entered the graph: curated by hand, or extracted from an article."""

    CURATED = "curated"
    EXTRACTED = "extracted"


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
    method: Method = Method.EXTRACTED

    def __post_init__(self) -> None:
        object.__setattr__(self, "method", Method(self.method))

    def to_json(self) -> dict:
        """Return the record as a ``kg extract --format jsonl`` object."""
        return {"kind": "role", **_plain(asdict(self))}


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
    >>> s.polarity is Polarity.OPPOSES, type(s.to_json()["polarity"])
    (True, <class 'str'>)
    """

    actor: str
    actor_type: ActorKind
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
    method: Method = Method.EXTRACTED

    def __post_init__(self) -> None:
        # strings from code, data files and JSON become members here, so a misspelt value fails at once
        for name, kind in (("actor_type", ActorKind), ("polarity", Polarity), ("scope", Scope), ("method", Method)):
            object.__setattr__(self, name, kind(getattr(self, name)))

    def to_json(self) -> dict:
        """Return the record as a ``kg extract --format jsonl`` object."""
        return {"kind": "stance", **_plain(asdict(self))}


Claim = RoleClaim | StanceClaim


def _plain(record: dict) -> dict:
    """``record`` with enum members as their plain string values (JSON and printed keys show ``'opposes'``)."""
    return {k: v.value if isinstance(v, StrEnum) else v for k, v in record.items()}


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
