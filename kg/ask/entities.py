"""Resolving the names in a question to entities of the store: actors, proposals, role types.

A name is looked up exactly among the labels and aliases the store holds
(``rdfs:label``, ``skos:prefLabel``/``altLabel``/``hiddenLabel``, ISO codes), then as a
country name or code (pycountry, as ``kg query`` parameters are), then fuzzily among the
labels (rapidfuzz), so that a misspelt "Ana Novk" or a bare "novak" finds Ana Novak. Names are bound as
literals in ``.rq`` queries or compared in Python, never written into SPARQL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

from rdflib import Literal

from kg.errors import UsageError
from kg.rdf.vocab import KG
from kg.store import Store, iter_rows

ENTITY_BY_LABEL_RQ = resources.files(__package__).joinpath("entity-by-label.rq").read_text(encoding="utf-8")
ENTITY_LABELS_RQ = resources.files(__package__).joinpath("entity-labels.rq").read_text(encoding="utf-8")
PROPOSALS_RQ = resources.files(__package__).joinpath("proposals.rq").read_text(encoding="utf-8")
ROLE_TITLES_RQ = resources.files(__package__).joinpath("role-titles.rq").read_text(encoding="utf-8")

#: What kind of entity each class makes (subclasses of kg:Organization are organisations).
CLASS_KINDS: dict[str, str] = {
    str(KG.Person): "person",
    str(KG.Country): "country",
    str(KG.Organization): "organization",
    str(KG.InternationalOrganization): "organization",
    str(KG.PoliticalParty): "organization",
    str(KG.Coalition): "organization",
    str(KG.Proposal): "proposal",
}
ACTOR_KINDS = ("country", "person", "organization")
#: Lowest rapidfuzz WRatio (0-100) for a name to match a label it is not equal to.
FUZZY_CUTOFF = 90.0
#: Lowest score for a role named in a question to match a role title or role-type label.
ROLE_CUTOFF = 85.0
MAX_NAME_LENGTH = 200
# Function words carry no meaning when matching a proposal's labels word by word.
_STOPWORDS = frozenset((
    "a", "an", "the", "of", "to", "for", "in", "on", "at", "with", "and", "or", "about", "into", "from", "by",
    "any", "its", "their", "his", "her", "our", "your", "this", "that", "these", "those", "as", "is", "are", "be",
    # The verb of the question ("sending troops to Ukraine"), not a word of the proposal's name.
    "send", "sending", "sent",
))


@dataclass(frozen=True)
class Entity:
    """An entity of the store: its IRI, its kind and its label.

    Examples
    --------
    >>> Entity("https://w3id.org/positions-kg/id/country/POL", "country", "Poland").code
    'POL'
    """

    iri: str
    kind: str
    label: str

    @property
    def code(self) -> str | None:
        """The ISO alpha-3 code of a country (the last segment of its IRI), else None."""
        return self.iri.rsplit("/", 1)[-1] if self.kind == "country" else None


def clean_name(name: str) -> str:
    """A name without surrounding whitespace and quotes.

    Examples
    --------
    >>> clean_name('  "Ana Novak" ')
    'Ana Novak'
    """
    return name.strip().strip("\"'`“”‘’«»").strip()


def resolve_entity(store: Store, name: str, kinds: tuple[str, ...] = ACTOR_KINDS) -> Entity:
    """The entity of one of ``kinds`` that ``name`` refers to.

    Parameters
    ----------
    store : Store
    name : str
        A label, alias, ISO code or a close misspelling of one.
    kinds : tuple of str
        Acceptable kinds, in order of preference when a name fits several.

    Raises
    ------
    UsageError
        No entity (or more than one, equally well) matches the name.
    """
    text = clean_name(name)
    if not _usable(text):
        raise UsageError(f"no {_kinds_text(kinds)} matches {name!r}")
    for candidate in _variants(text):
        found = _exact(store, candidate, kinds)
        if found is not None:
            return found
    if "country" in kinds:
        country = _pycountry(text)
        if country is not None:
            return country
    return _fuzzy(store, text, kinds)


def resolve_proposal_phrase(store: Store, phrase: str) -> Entity:
    """The proposal a phrase such as "troop deployment" or "sending troops to Ukraine" names.

    An empty phrase means the default proposal (:data:`kg.queries.resolve.DEFAULT_PROPOSAL`). A
    phrase matches the proposal whose labels and aliases share the most words with it
    (crudely stemmed: "troops" matches "troop deployment"), else a close misspelling.

    Raises
    ------
    UsageError
        No proposal in the store matches the phrase.
    """
    from kg.queries.resolve import resolve_proposal

    labels: dict[str, list[str]] = {}
    names: dict[str, list[str]] = {}
    for row in iter_rows(store.query(PROPOSALS_RQ)):
        labels.setdefault(str(row["proposal"]), []).append(str(row["label"]))
        if row["name"] is not None:
            names.setdefault(str(row["proposal"]), []).append(str(row["name"]))
    default = str(resolve_proposal(None))
    text = clean_name(phrase)
    if not text:
        iri = default if default in labels or not labels else min(labels)
        return Entity(iri, "proposal", _display(names.get(iri), iri))
    if not _usable(text) or not labels:
        raise UsageError(f"no proposal matches {phrase!r}{_known(labels, names)}")
    wanted = _normal(text)
    exact = sorted(iri for iri, names in labels.items() if any(_normal(n) == wanted for n in names))
    if exact:
        return Entity(exact[0], "proposal", _display(names.get(exact[0]), exact[0]))
    stems = _stems(text)
    scores = {iri: max(word_match(stems, _stems(n)) for n in names) for iri, names in labels.items()}
    best = max(scores.values(), default=0)
    if stems and best > 0:
        winners = sorted(iri for iri, score in scores.items() if score == best)
        iri = default if default in winners else winners[0]
        return Entity(iri, "proposal", _display(names.get(iri), iri))
    match = _best_match(text, {n: iri for iri, aliases in labels.items() for n in aliases}, FUZZY_CUTOFF)
    if match is None:
        raise UsageError(f"no proposal matches {phrase!r}{_known(labels, names)}")
    return Entity(match, "proposal", _display(names.get(match), match))


def resolve_role_types(store: Store, phrase: str) -> tuple[str, ...]:
    """The role types (concept IRIs) a role named in a question can mean.

    "defence minister" and "defence secretary" both mean ``kg:DefenceMinister``, "prime
    minister" ``kg:HeadOfGovernment``: the titles sources use and the concepts' labels
    are both matched, exactly first, then fuzzily.

    Raises
    ------
    UsageError
        No title or role type matches the phrase.
    """
    text = re.sub(r"^(?:the|a|an)\s+", "", clean_name(phrase), flags=re.IGNORECASE)
    titles: dict[str, set[str]] = {}
    for row in iter_rows(store.query(ROLE_TITLES_RQ)):
        titles.setdefault(_normal(str(row["title"])), set()).add(str(row["roleType"]))
    if not _usable(text):
        raise UsageError(f"no role matches {phrase!r}")
    wanted = _normal(text)
    if wanted in titles:
        return tuple(sorted(titles[wanted]))
    match = _best_match(wanted, {t: t for t in titles}, ROLE_CUTOFF)
    if match is None:
        raise UsageError(f"no role matches {phrase!r}; known roles include {', '.join(sorted(titles)[:12])}")
    return tuple(sorted(titles[match]))


def word_match(phrase: set[str], label: set[str]) -> int:
    """How many content words a phrase shares with a proposal's label, or 0 when that is no match.

    A phrase matches a label by its words when the shared words are at least half of the
    phrase's words and not only names of countries: one shared word ("Ukraine") does not make
    "Ukraine joining NATO" a name of the reassurance force for Ukraine.

    Examples
    --------
    >>> word_match(_stems("Ukraine joining NATO"), _stems("European mission in Ukraine"))
    0
    >>> word_match(_stems("NATO and Ukraine"), _stems("European mission in Ukraine"))
    0
    >>> word_match(_stems("troops"), _stems("Coalition of the Willing troops"))
    1
    >>> word_match(_stems("troops to Ukraine"), _stems("Coalition of the Willing troops"))
    1
    """
    shared = phrase & label
    if 2 * len(shared) < len(phrase) or all(_is_country_name(w) for w in shared):
        return 0
    return len(shared)


def _is_country_name(word: str) -> bool:
    from kg.queries.resolve import resolve_country

    try:
        resolve_country(word, fuzzy=False)
    except LookupError:
        return False
    return True


def _usable(text: str) -> bool:
    return 0 < len(text) <= MAX_NAME_LENGTH and sum(c.isalnum() for c in text) >= 2


def _variants(text: str) -> list[str]:
    out = [text]
    stripped = re.sub(r"^the\s+", "", text, flags=re.IGNORECASE)
    if stripped != text:
        out.append(stripped)
    return out


def _exact(store: Store, text: str, kinds: tuple[str, ...]) -> Entity | None:
    found = []
    for row in iter_rows(store.query(ENTITY_BY_LABEL_RQ, {"label": Literal(text)})):
        kind = CLASS_KINDS.get(str(row["class"]))
        if kind in kinds:
            found.append((kinds.index(kind), str(row["entity"]), kind, str(row["name"] or text)))
    if not found:
        return None
    _, iri, kind, label = min(found)
    return Entity(iri, kind, label)


def _pycountry(text: str) -> Entity | None:
    from kg.queries.resolve import resolve_country
    from kg.rdf.iris import country_iri
    from kg.rdf.mapping import country_label

    try:
        code = resolve_country(text, fuzzy=False)
    except LookupError:
        return None
    return Entity(str(country_iri(code)), "country", country_label(code))


def _fuzzy(store: Store, text: str, kinds: tuple[str, ...]) -> Entity:
    choices: dict[str, set[tuple[int, str, str, str]]] = {}
    for row in iter_rows(store.query(ENTITY_LABELS_RQ)):
        kind = CLASS_KINDS.get(str(row["class"]))
        if kind in kinds:
            entry = (kinds.index(kind), str(row["entity"]), kind, str(row["name"] or row["label"]))
            choices.setdefault(str(row["label"]), set()).add(entry)
    from rapidfuzz import fuzz, process, utils

    scored = process.extract(text, list(choices), scorer=fuzz.WRatio, processor=utils.default_process,
                             score_cutoff=FUZZY_CUTOFF, limit=None)
    if not scored:
        raise UsageError(f"no {_kinds_text(kinds)} in the store matches {text!r}")
    top = max(score for _, score, _ in scored)
    entities = sorted({entry for label, score, _ in scored if score == top for entry in choices[label]})
    best_rank = entities[0][0]
    distinct = sorted({(iri, kind, label) for rank_, iri, kind, label in entities if rank_ == best_rank})
    if len({iri for iri, _, _ in distinct}) > 1:
        names = ", ".join(sorted({label for _, _, label in distinct}))
        raise UsageError(f"{text!r} is ambiguous: it matches {names}; give the full name")
    iri, kind, label = distinct[0]
    return Entity(iri, kind, label)


def _best_match(text: str, choices: dict[str, str], cutoff: float) -> str | None:
    """The value of the choice closest to ``text`` (ties: the smallest value), or None."""
    from rapidfuzz import fuzz, process, utils

    scored = process.extract(text, list(choices), scorer=fuzz.WRatio, processor=utils.default_process,
                             score_cutoff=cutoff, limit=None)
    if not scored:
        return None
    top = max(score for _, score, _ in scored)
    return min(choices[label] for label, score, _ in scored if score == top)


def _normal(text: str) -> str:
    words = re.findall(r"\w+", text.casefold())
    while words and words[0] in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words)


def _stem(word: str) -> str:
    for suffix in ("ments", "ment", "ings", "ing", "ers", "er", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _stems(text: str) -> set[str]:
    """Content words of ``text``, crudely stemmed.

    Examples
    --------
    >>> sorted(_stems("Sending troops to the Deployment"))
    ['deploy', 'troop']
    """
    return {_stem(w) for w in re.findall(r"\w+", text.casefold()) if w not in _STOPWORDS and len(w) > 1}


def _display(names: list[str] | None, iri: str) -> str:
    return min(names) if names else iri.rsplit("/", 1)[-1].replace("-", " ")


def _known(labels: dict[str, list[str]], names: dict[str, list[str]]) -> str:
    if not labels:
        return " (the store holds no proposals)"
    return "; known proposals: " + ", ".join(sorted(_display(names.get(iri), iri) for iri in labels))


def _kinds_text(kinds: tuple[str, ...]) -> str:
    return " or ".join(k.replace("organization", "organisation") for k in kinds)

