"""Component: entity resolution of person mentions to one canonical name each.

Spelling variants and aliases come from the known-persons gazetteer; misspellings
are matched to known persons with rapidfuzz; surname-only mentions are resolved to a
full name mentioned in the same article.
"""

from __future__ import annotations

from rapidfuzz import fuzz, process

from kg.extract.gazetteer import Gazetteer, KnownPerson, name_key
from kg.extract.records import DocState, Mention

FULL_NAME_CUTOFF = 85.0
SURNAME_CUTOFF = 90.0


def match_known_person(name: str, gazetteer: Gazetteer) -> KnownPerson | None:
    """The known person a written name refers to: exact alias, else a close full-name match.

    Examples
    --------
    >>> from kg.extract.gazetteer import load_gazetteer
    >>> g = load_gazetteer()
    >>> person = next(p for p in g.persons if len(p.name.split()) == 2 and p.aliases)
    >>> first, last = person.name.split()
    >>> match_known_person(f"{first} {last[:-2]}{last[-1]}{last[-2]}", g) == person  # a typo
    True
    >>> match_known_person(person.aliases[0], g) == person
    True
    >>> match_known_person("Nobody Inparticular", g) is None
    True
    """
    key = name_key(name)
    if not key:
        return None
    exact = gazetteer.person_by_key.get(key)
    if exact is not None:
        return exact
    if len(key.split()) < 2:
        return None
    choices = _full_name_keys(gazetteer)
    best = process.extractOne(key, choices, scorer=fuzz.ratio, score_cutoff=FULL_NAME_CUTOFF)
    if best is None:
        return None
    candidate = gazetteer.person_by_key[best[0]]
    first, cand_first = key.split()[0], best[0].split()[0]
    if fuzz.ratio(first, cand_first) < 80:  # misspelt surname is fine, another first name is not
        return None
    return candidate


def _full_name_keys(gazetteer: Gazetteer) -> list[str]:
    cached = getattr(gazetteer, "_full_keys", None)
    if cached is None:
        cached = [k for k in gazetteer.person_by_key if len(k.split()) >= 2]
        object.__setattr__(gazetteer, "_full_keys", cached)
    return cached


def resolve_persons(state: DocState) -> None:
    """Replace each person mention's ``key`` by the canonical full name of its person."""
    gaz = state.gazetteer
    persons = [m for m in state.mentions if m.kind == "person"]
    full_names: dict[str, str] = {}  # surname key -> canonical name of a full name in this article
    for m in persons:
        known = match_known_person(m.text, gaz)
        if known is not None:
            m.key, m.known = known.name, True
        else:
            m.key, m.known = m.text, False
        if len(m.key.split()) >= 2:
            full_names.setdefault(_surname(m.key), m.key)
            full_names.setdefault(_surname(m.text), m.key)
    _surnames_tagged_as_orgs(state, full_names)
    for m in persons:
        if len(m.text.split()) != 1 or len(m.key.split()) >= 2:
            continue
        key = name_key(m.text)
        if key in full_names:
            m.key = full_names[key]
            continue
        best = process.extractOne(key, list(full_names), scorer=fuzz.ratio, score_cutoff=SURNAME_CUTOFF)
        if best is not None:
            m.key = full_names[best[0]]


def _surnames_tagged_as_orgs(state: DocState, full_names: dict[str, str]) -> None:
    """"Leitner said …" after "Chancellor Markus Leitner": a lone capitalised word the tagger took for an
    organisation, or left untagged, is the person when it is exactly the surname of a full name named before.

    Parameters
    ----------
    state : DocState
        The article being extracted; its mentions are changed in place.
    full_names : dict[str, str]
        Surname key to the canonical full name, for the persons named in full in the article.
    """
    first = {}
    for m in state.mentions:
        if m.kind == "person" and len(m.key.split()) >= 2:
            first.setdefault(m.key, m)
    for m in state.mentions:
        if m.kind != "org" or m.known or m.via != "ner" or len(m.text.split()) != 1:
            continue
        name = full_names.get(name_key(m.text))
        if name is not None:
            m.kind, m.key = "person", name
    added = []
    for tok in state.doc:
        if tok.i in state.token_mention or tok.pos_ not in ("PROPN", "NOUN") or not tok.text[:1].isupper():
            continue
        name = full_names.get(name_key(tok.text))
        if name is None or name not in first or first[name].start >= tok.i:
            continue
        added.append(Mention("person", name, tok.text, tok.i, tok.i + 1, tok.idx, tok.idx + len(tok.text), "name",
                             first[name].known))
    if added:
        state.mentions.extend(added)
        state.index_mentions()


def _surname(name: str) -> str:
    return name_key(name.split()[-1])
