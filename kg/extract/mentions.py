"""Component: mentions of countries, organisations and persons in a parsed article.

Reads the entities set by the entity ruler (curated names, with ids) and by the
statistical NER (other persons and organisations), cleans person spans (titles and
possessives off) and adds anaphoric mentions ("the coalition") of organisations
named earlier in the article.
"""

from __future__ import annotations

from spacy.tokens import Span

from kg.extract.records import DocState, Mention

_VIA = {"C": "name", "D": "demonym", "M": "metonym"}
_STRIP_EDGE = {"'s", "’s", "'", "’", "-", "–", "—", ",", ".", "“", "”", '"'}


def find_mentions(state: DocState) -> None:
    """Fill ``state.mentions`` from the document's entities."""
    doc, gaz = state.doc, state.gazetteer
    titles = {w for t in gaz.titles for w in t.split()}
    found: list[Mention] = []
    for ent in doc.ents:
        kind_id = ent.ent_id_
        if kind_id[:2] in ("C:", "D:", "M:"):
            found.append(_mention(ent, "country", kind_id[2:], _VIA[kind_id[0]]))
        elif kind_id.startswith("O:"):
            found.append(_mention(ent, "org", kind_id[2:], "name"))
        elif kind_id.startswith("P:"):
            found.append(_mention(ent, "person", ent.text, "name"))
        elif ent.label_ in ("PERSON", "ORG", "GPE", "NORP"):
            span = _clean_span(ent, titles)
            if span is None:
                continue
            if ent.label_ == "PERSON" or _looks_like_known_person(span.text, state):
                found.append(_mention(span, "person", span.text, "ner", known=False))
            elif ent.label_ == "ORG":
                found.append(_mention(span, "org", span.text, "ner", known=False))
    state.mentions = found
    state.index_mentions()
    _add_anaphors(state)


def _mention(span: Span, kind: str, key: str, via: str, known: bool = True) -> Mention:
    return Mention(kind=kind, key=key, text=span.text, start=span.start, end=span.end,
                   start_char=span.start_char, end_char=span.end_char, via=via, known=known)


def _clean_span(ent: Span, titles: set[str]) -> Span | None:
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and (doc[start].lower_ in titles or doc[start].text in _STRIP_EDGE
                           or doc[start].lower_ == "the"):
        start += 1
    while end > start and (doc[end - 1].text in _STRIP_EDGE or doc[end - 1].lower_ in ("'s", "’s")):
        end -= 1
    if start >= end or not any(t.text[:1].isupper() for t in doc[start:end]):
        return None
    return doc[start:end]


def _looks_like_known_person(text: str, state: DocState) -> bool:
    from kg.extract.resolve import match_known_person

    parts = text.split()
    if len(parts) < 2 or not all(p[:1].isupper() for p in parts):
        return False
    return match_known_person(text, state.gazetteer) is not None


def _add_anaphors(state: DocState) -> None:
    doc, gaz = state.doc, state.gazetteer
    named: dict[str, int] = {}
    for m in state.mentions:
        if m.kind == "org" and m.known:
            named.setdefault(m.key, m.start)
    extra: list[Mention] = []
    for org_name, first in named.items():
        org = gaz.organisations.get(org_name)
        if org is None or not org.anaphors:
            continue
        forms = {tuple(a.lower().split()) for a in org.anaphors}
        lowers = state.lowers
        for form in forms:
            n = len(form)
            for i in range(first + 1, len(doc) - n + 1):
                if lowers[i] != form[0] or i in state.token_mention or tuple(lowers[i:i + n]) != form:
                    continue
                head = doc[i + n - 1]
                if head.i + 1 < len(doc) and doc[head.i + 1].pos_ in ("PROPN", "NOUN"):
                    continue  # "the coalition members", "the group's": not the organisation itself
                extra.append(Mention("org", org_name, head.text, head.i, head.i + 1, head.idx,
                                     head.idx + len(head.text), "anaphor"))
    if extra:
        state.mentions.extend(extra)
        state.index_mentions()
