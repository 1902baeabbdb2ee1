"""What the components share about one article: a person's country and role, phrase joining,
sentence bounds.

Helpers used by more than one component live here, so components never reach into each
other's private functions. May import :mod:`kg.extract.records` only.
"""

from __future__ import annotations

from spacy.tokens import Span

from kg.extract.records import DocState


def person_country(state: DocState, name: str) -> tuple[str | None, str | None]:
    """(country, role_type) of a person: a government role found in the article, else the known person's."""
    for role in state.roles:
        if role.person == name and role.country and role.role_type in state.gazetteer.government_role_types:
            return role.country, role.role_type
    for role in state.roles:
        if role.person == name and role.country:
            return role.country, role.role_type
    known = next((p for p in state.gazetteer.persons if p.name == name), None)
    if known is not None:
        return known.country, known.role_type
    return None, None


def join_phrases(a: str | None, b: str | None) -> str | None:
    """Two reasons (or conditions) as one, each stated once.

    Examples
    --------
    >>> join_phrases("its neutrality", None), join_phrases("a UN mandate", "a UN mandate")
    ('its neutrality', 'a UN mandate')
    >>> join_phrases("a ceasefire", "a vote of parliament")
    'a ceasefire; a vote of parliament'
    """
    if not a or not b or b in a:
        return a or b
    if a in b:
        return b
    return f"{a}; {b}"


def sentence_bounds(sent: Span) -> tuple[int, int]:
    """Character offsets of a sentence in the body, without surrounding white space."""
    text = sent.text
    lead = len(text) - len(text.lstrip())
    trail = len(text.rstrip())
    return sent.start_char + lead, sent.start_char + trail
