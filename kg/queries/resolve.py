"""Resolving names users and articles give to entities: countries and proposals.

Person resolution (spelling variants, misspellings) lives with extraction; this
module holds what every command needs cheaply.
"""

from __future__ import annotations

from functools import lru_cache

from rdflib import URIRef

from kg.rdf.iris import proposal_iri

#: The proposal the product is about; others can be added to the curated data.
DEFAULT_PROPOSAL = "reassurance force"


@lru_cache(maxsize=1024)
def resolve_country(name: str, *, fuzzy: bool = True) -> str:
    """ISO alpha-3 code of a country given by code or name (pycountry).

    With ``fuzzy`` false only codes and exact names count (no partial matches).

    Raises
    ------
    LookupError
        The name matches no country.

    Examples
    --------
    >>> resolve_country("Poland"), resolve_country("gb"), resolve_country("LVA")
    ('POL', 'GBR', 'LVA')
    >>> resolve_country("Kallas", fuzzy=False)
    Traceback (most recent call last):
    ...
    LookupError: not a country: 'Kallas'
    """
    import pycountry

    text = name.strip()
    if not text or len(text) > 80:
        raise LookupError(f"not a country: {name!r}")
    record = pycountry.countries.get(alpha_3=text.upper()) if len(text) == 3 else None
    if record is None and len(text) == 2:
        record = pycountry.countries.get(alpha_2=text.upper())
    if record is None:
        try:
            record = pycountry.countries.lookup(text)
        except LookupError:
            matches = pycountry.countries.search_fuzzy(text) if fuzzy and len(text) > 3 else []
            record = matches[0] if matches else None
    if record is None:
        raise LookupError(f"not a country: {name!r}")
    return record.alpha_3


def resolve_proposal(name: str | None) -> URIRef:
    """IRI of a proposal given by key or label; the default proposal when empty.

    Examples
    --------
    >>> str(resolve_proposal("Reassurance Force")).rsplit("/", 1)[-1]
    'reassurance-force'
    """
    return proposal_iri((name or DEFAULT_PROPOSAL).strip() or DEFAULT_PROPOSAL)
