"""Curated knowledge for extraction, read from the TSV files in ``kg/data/gazetteer/``.

Everything the extractor knows about particular countries, organisations, people,
titles and cue words lives in those files (each row has a ``source`` column); this
module only reads them into typed records. :func:`load_gazetteer` is cached, so the
files are read once per process.
"""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from kg.claims import Polarity, Scope
from kg.errors import InputError


@dataclass(frozen=True)
class Country:
    """A country with the words that name it."""

    code: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    metonyms: tuple[str, ...]


@dataclass(frozen=True)
class Organisation:
    """An international organisation, coalition or party."""

    name: str
    kind: str
    aliases: tuple[str, ...]
    country: str | None
    anaphors: tuple[str, ...]


@dataclass(frozen=True)
class Title:
    """A role title and the role types it maps to (in a country, in an organisation)."""

    title: str
    role_type: str
    org_role_type: str
    generic: bool


@dataclass(frozen=True)
class KnownPerson:
    """A public office holder relevant to the subject (as of 2025)."""

    name: str
    aliases: tuple[str, ...]
    role: str
    role_type: str
    country: str | None
    organization: str | None


#: The kinds of cue in ``cues.tsv`` (what the frame stage does with each: see :mod:`kg.extract.frames`).
#: A cue's polarity that passes its complement's polarity through ("want" + "to send": supports).
PASS_THROUGH = "="
CUE_KINDS = frozenset({"action", "modal", "evaluate", "condition", "consequence", "directive"})
#: The kinds of marker in ``markers.tsv`` (see :mod:`kg.extract.qualifiers`).
MARKER_KINDS = frozenset({"reason", "condition", "exception", "time"})
#: The word lists of ``lexicon.tsv`` the components read with :meth:`Gazetteer.words`.
LEXICON_KINDS = frozenset({"condition_event", "event_noun", "generic_complement", "hedge", "light_verb", "undecided",
                           "passive_action", "reference_noun", "restated_noun", "source_noun"})


@dataclass(frozen=True)
class Cue:
    """A stance cue: a lemma (or lemma + particle) with the polarity it signals."""

    lemma: str
    kind: str  # action | modal | evaluate | condition
    polarity: Polarity | str  # a polarity, or PASS_THROUGH: the complement's polarity passes through
    neg_polarity: Polarity
    scope: Scope
    requires: tuple[str, frozenset[str]] | None = None  # ("child", {"too"}): the cue needs that word nearby


@dataclass(frozen=True)
class Gazetteer:
    """All curated lookup data, indexed for the extraction components."""

    countries: dict[str, Country]
    organisations: dict[str, Organisation]
    titles: dict[str, Title]
    persons: tuple[KnownPerson, ...]
    cues: dict[str, Cue]
    topic: frozenset[str]
    markers: dict[str, str]
    reporting_verbs: frozenset[str]
    actor_nouns: frozenset[str]
    proposal: dict[str, str]
    person_by_key: dict[str, KnownPerson] = field(default_factory=dict)
    lexicon: dict[str, frozenset[str]] = field(default_factory=dict)
    #: Role types that speak for a country's government (``role_types.tsv``, ``speaks_for = government``).
    government_role_types: frozenset[str] = frozenset()
    #: Role types whose holders state their own position, never their country's (``speaks_for = self``).
    own_voice_role_types: frozenset[str] = frozenset()

    def words(self, kind: str) -> frozenset[str]:
        """The words of one kind in ``lexicon.tsv`` ("condition_event", "hedge").

        Raises
        ------
        ValueError
            ``kind`` is not one of :data:`LEXICON_KINDS` (a typo in code, not in data).
        """
        if kind not in LEXICON_KINDS:
            raise ValueError(f"no word list {kind!r} in lexicon.tsv; known: {', '.join(sorted(LEXICON_KINDS))}")
        return self.lexicon.get(kind, frozenset())

    def country_name(self, code: str | None) -> str | None:
        """Short English name of a country code, or None."""
        country = self.countries.get(code or "")
        return country.name if country else None


def name_key(name: str) -> str:
    """Case-, accent- and punctuation-insensitive key of a name.

    Examples
    --------
    >>> name_key("Ērika Sōrensen-Núñez") == name_key("erika sorensen nunez")
    True
    """
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return " ".join("".join(ch if ch.isalnum() else " " for ch in ascii_text).split())


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in (value or "").split("|") if v.strip())


def _where(directory: Path | None, name: str) -> str:
    """How a gazetteer file is named in messages."""
    return f"kg/data/gazetteer/{name}" if directory is None else str(directory / name)


def _rows(directory: Path | None, name: str) -> list[dict[str, str]]:
    if directory is None:
        handle = resources.files("kg").joinpath("data", "gazetteer", name)
        text, where = handle.read_text(encoding="utf-8"), _where(directory, name)
    else:
        path = directory / name
        try:
            text, where = path.read_text(encoding="utf-8"), str(path)
        except OSError as exc:
            raise InputError(str(path), f"cannot read gazetteer file: {exc.strerror or exc}") from exc
    reader = csv.DictReader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE)
    rows = list(reader)
    if reader.fieldnames is None or "source" not in reader.fieldnames:
        raise InputError(where, "gazetteer file needs a header row with a 'source' column", line=1)
    for number, row in enumerate(rows, start=2):
        if None in row or any(v is None for v in row.values()):
            raise InputError(where, "wrong number of tab-separated columns", line=number)
    return rows


def _checked(directory: Path | None, name: str, **allowed: Iterable[str]) -> list[dict[str, str]]:
    """The rows of a file; each value of a column named in ``allowed`` must be one of its values.

    Raises ``InputError`` naming the file and line of the first value that is not.
    """
    rows = _rows(directory, name)
    for column, values in allowed.items():
        values = frozenset(values)
        for number, row in enumerate(rows, start=2):
            if row[column] not in values:
                raise InputError(_where(directory, name), f"{column} must be one of "
                                 f"{', '.join(sorted(values))}, not {row[column]!r}", line=number)
    return rows


def _polarity(value: str) -> Polarity | str:
    return value if value == PASS_THROUGH else Polarity(value)


def _requirement(value: str) -> tuple[str, frozenset[str]] | None:
    """``child=on|upon`` -> ("child", {"on", "upon"}); empty -> None."""
    if not value:
        return None
    where, _, words = value.partition("=")
    return where, frozenset(_split(words))


def read_gazetteer(directory: str | Path | None = None) -> Gazetteer:
    """Read the gazetteer files (from the package, or from ``directory``).

    Raises
    ------
    InputError
        A file is missing or malformed.
    """
    where = Path(directory) if directory is not None else None
    countries = {
        r["alpha3"]: Country(r["alpha3"], r["name"], _split(r["aliases"]), _split(r["demonyms"]), _split(r["metonyms"]))
        for r in _rows(where, "countries.tsv")
    }
    organisations = {
        r["name"]: Organisation(r["name"], r["kind"], _split(r["aliases"]), r["country"] or None, _split(r["anaphors"]))
        for r in _rows(where, "organisations.tsv")
    }
    titles = {
        r["title"].lower(): Title(r["title"].lower(), r["role_type"], r["org_role_type"] or r["role_type"],
                                  r["generic"] == "1")
        for r in _rows(where, "roles.tsv")
    }
    persons = tuple(
        KnownPerson(r["name"], _split(r["aliases"]), r["role"], r["role_type"], r["country"] or None,
                    r["organization"] or None)
        for r in _rows(where, "persons.tsv")
    )
    cues = {
        r["lemma"]: Cue(r["lemma"], r["kind"], _polarity(r["polarity"]), Polarity(r["neg_polarity"]), Scope(r["scope"]),
                        _requirement(r["requires"]))
        for r in _checked(where, "cues.tsv", kind=CUE_KINDS, polarity=(*Polarity, PASS_THROUGH),
                          neg_polarity=Polarity, scope=Scope)
    }
    lexicon: dict[str, set[str]] = {}
    for r in _checked(where, "lexicon.tsv", kind=LEXICON_KINDS):
        lexicon.setdefault(r["kind"], set()).add(r["word"].lower())
    speaks_for: dict[str, set[str]] = {"government": set(), "self": set(), "none": set()}
    for r in _checked(where, "role_types.tsv", speaks_for=speaks_for):
        speaks_for[r["speaks_for"]].add(r["role_type"])
    by_key: dict[str, KnownPerson] = {}
    for person in persons:
        for variant in (person.name, *person.aliases):
            by_key.setdefault(name_key(variant), person)
    return Gazetteer(
        countries=countries,
        organisations=organisations,
        titles=titles,
        persons=persons,
        cues=cues,
        topic=frozenset(r["term"].lower() for r in _rows(where, "topic.tsv")),
        markers={r["marker"].lower(): r["kind"] for r in _checked(where, "markers.tsv", kind=MARKER_KINDS)},
        reporting_verbs=frozenset(r["lemma"] for r in _rows(where, "reporting_verbs.tsv")),
        actor_nouns=frozenset(r["lemma"] for r in _rows(where, "actor_nouns.tsv")),
        proposal={r["key"]: r["value"] for r in _rows(where, "proposal.tsv")},
        person_by_key=by_key,
        lexicon={kind: frozenset(words) for kind, words in lexicon.items()},
        government_role_types=frozenset(speaks_for["government"]),
        own_voice_role_types=frozenset(speaks_for["self"]),
    )


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The packaged gazetteer, read once per process.

    Examples
    --------
    >>> g = load_gazetteer()
    >>> g.countries["POL"].name, g.titles["prime minister"].role_type
    ('Poland', 'head_of_government')
    """
    return read_gazetteer()
