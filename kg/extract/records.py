"""Typed records passed between the extraction components.

A component reads a :class:`DocState` (the spaCy ``Doc`` plus what earlier
components found) and adds its own findings to it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Doc

if TYPE_CHECKING:
    from kg.articles import Article
    from kg.extract.gazetteer import Gazetteer


def doc_text(doc: Doc) -> str:
    """``doc.text``, cached on the document (spaCy rebuilds it from the tokens on every access)."""
    text = doc.user_data.get("kg_text")
    if text is None:
        text = doc.user_data["kg_text"] = doc.text
    return text


@dataclass
class Mention:
    """A mention of a country, organisation or person.

    Attributes
    ----------
    kind : str
        ``"country"``, ``"org"`` or ``"person"``.
    key : str
        ISO alpha-3 code (countries), canonical short name (known organisations),
        or the name as written (persons; canonical name after resolution).
    via : str
        How it was named: ``name``, ``demonym``, ``metonym``, ``anaphor`` or ``ner``.
    start, end : int
        Token offsets in the ``Doc`` (end exclusive).
    """

    kind: str
    key: str
    text: str
    start: int
    end: int
    start_char: int
    end_char: int
    via: str = "name"
    known: bool = True


@dataclass(frozen=True)
class RoleFinding:
    """A person found holding a role, before it becomes a claim."""

    person: str
    role: str
    role_type: str
    country: str | None
    organization: str | None
    start_char: int
    end_char: int
    confidence: float


@dataclass(frozen=True)
class Actor:
    """Who holds a stance: a country, organisation or (canonical) person."""

    kind: str  # country | organization | person
    key: str  # alpha-3, organisation name, canonical person name
    confidence: float = 0.8


@dataclass
class StanceFinding:
    """A stance found in one sentence, before it becomes claims."""

    actor: Actor
    polarity: str
    scope: str
    speaker: str | None
    reason: str | None
    condition: str | None
    start_char: int
    end_char: int
    confidence: float


@dataclass
class DocState:
    """Everything known about one article while the components run."""

    article: Article
    doc: Doc
    gazetteer: Gazetteer
    mentions: list[Mention] = field(default_factory=list)
    token_mention: dict[int, Mention] = field(default_factory=dict)
    roles: list[RoleFinding] = field(default_factory=list)
    stances: list[StanceFinding] = field(default_factory=list)
    quote_speakers: dict[int, list[Mention]] = field(default_factory=dict)
    _sents: list | None = field(default=None, repr=False)
    _sent_of: list[int] | None = field(default=None, repr=False)
    _lowers: list[str] | None = field(default=None, repr=False)

    @property
    def sents(self) -> list:
        """The document's sentences (computed once; ``Token.sent`` is slow)."""
        if self._sents is None:
            self._sents = list(self.doc.sents)
            index = [0] * len(self.doc)
            for n, sent in enumerate(self._sents):
                for i in range(sent.start, sent.end):
                    index[i] = n
            self._sent_of = index
        return self._sents

    def sent_of(self, i: int):
        """The sentence that token ``i`` belongs to."""
        sents = self.sents
        assert self._sent_of is not None
        return sents[self._sent_of[i]]

    @property
    def lowers(self) -> list[str]:
        """Lower-cased token texts (computed once)."""
        if self._lowers is None:
            self._lowers = [t.lower_ for t in self.doc]
        return self._lowers

    def index_mentions(self) -> None:
        """Rebuild the token -> mention index after ``mentions`` changed."""
        self.mentions.sort(key=lambda m: m.start)
        self.token_mention = {i: m for m in self.mentions for i in range(m.start, m.end)}
