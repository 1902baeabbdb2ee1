"""The positions-kg vocabulary as an rdflib ``DefinedNamespace``.

Kept in sync with ``ontology/kg.ttl`` (``tests/test_vocab.py`` checks both directions).

Examples
--------
>>> str(KG.Stance)
'https://w3id.org/positions-kg/ns#Stance'
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

#: Base of every IRI the project mints for resources (countries, persons, claims, ...).
ID = Namespace("https://w3id.org/positions-kg/id/")
#: Base of named-graph IRIs (one per curated file, one per article).
GRAPH = Namespace("https://w3id.org/positions-kg/graph/")
ONTOLOGY_IRI = URIRef("https://w3id.org/positions-kg/ns")


class KG(DefinedNamespace):
    """Terms of ``ontology/kg.ttl``: classes and concepts capitalised, properties not."""

    _NS = Namespace("https://w3id.org/positions-kg/ns#")
    _fail = True

    Analyst: URIRef
    Article: URIRef
    Claim: URIRef
    Coalition: URIRef
    Conditional: URIRef
    Country: URIRef
    Curated: URIRef
    DefenceMinister: URIRef
    Deployment: URIRef
    DeputyHeadOfGovernment: URIRef
    Diplomat: URIRef
    Evidence: URIRef
    Extracted: URIRef
    ForeignMinister: URIRef
    ForeignPolicyChief: URIRef
    HeadOfGovernment: URIRef
    HeadOfState: URIRef
    InternationalOrganization: URIRef
    Legislator: URIRef
    MethodScheme: URIRef
    MilitaryOfficer: URIRef
    Minister: URIRef
    Neutral: URIRef
    Official: URIRef
    Opposes: URIRef
    Organization: URIRef
    OrganizationLeader: URIRef
    OwnTroops: URIRef
    PartyLeader: URIRef
    Person: URIRef
    PolarityScheme: URIRef
    PoliticalParty: URIRef
    PositionEntry: URIRef
    Post: URIRef
    Proposal: URIRef
    RoleAssignment: URIRef
    RoleTypeScheme: URIRef
    ScopeScheme: URIRef
    SpecialEnvoy: URIRef
    Spokesperson: URIRef
    Stance: URIRef
    Supports: URIRef
    actor: URIRef
    asOf: URIRef
    basedIn: URIRef
    condition: URIRef
    conditionallySupports: URIRef
    confidence: URIRef
    contentHash: URIRef
    country: URIRef
    end: URIRef
    eventDate: URIRef
    evidence: URIRef
    holdsPost: URIRef
    indexVersion: URIRef
    isoAlpha2: URIRef
    isoAlpha3: URIRef
    method: URIRef
    neutralOn: URIRef
    opposes: URIRef
    organization: URIRef
    outlet: URIRef
    pendingAll: URIRef
    pendingNode: URIRef
    person: URIRef
    polarity: URIRef
    positionActor: URIRef
    positionEvidence: URIRef
    positionOf: URIRef
    positionTable: URIRef
    post: URIRef
    postIn: URIRef
    proposedBy: URIRef
    quote: URIRef
    reason: URIRef
    roleTitle: URIRef
    roleType: URIRef
    scope: URIRef
    seedNumber: URIRef
    source: URIRef
    speaker: URIRef
    start: URIRef
    statedOn: URIRef
    supports: URIRef
    target: URIRef
