"""Component: who speaks inside quotation marks.

A quotation is attributed to the subject of a reporting verb outside the quotation
marks in the sentence that closes it or the next one ("…,” Novak said"), or to the
subject of a reporting verb that ends the previous paragraph with a colon
("In a joint statement, Novak and Berg said:"). The result maps each sentence
(by its first token) that lies inside a quotation to the speakers.
"""

from __future__ import annotations

import re

from kg.extract.attribution import mentions_for, subject_of
from kg.extract.records import DocState, Mention, doc_text

_QUOTE = re.compile(r"“[^”]{20,}?”|\"[^\"\n]{20,}?\"")


def find_quote_speakers(state: DocState) -> None:
    """Fill ``state.quote_speakers``."""
    doc = state.doc
    body = doc_text(doc)
    sents = state.sents
    for match in _QUOTE.finditer(body):
        qs, qe = match.span()
        if len(match.group().split()) < 5:
            continue  # scare quotes around a word or two
        inside = [s for s in sents if s.start_char < qe and s.end_char > qs]
        if not inside:
            continue
        speakers = (_attribution_after(state, sents, inside[-1], qs, qe)
                    or _attribution_before(state, sents, inside[0], qs)
                    or _attribution_preceding(state, sents, inside[0], qs))
        if not speakers:
            continue
        for s in inside:
            state.quote_speakers.setdefault(s.start, speakers)


def _outside(tok, qs: int, qe: int) -> bool:
    return not (qs <= tok.idx < qe)


def _speakers_in(state: DocState, sent, qs: int, qe: int) -> list[Mention]:
    reporting = state.gazetteer.reporting_verbs
    for tok in sent:
        if tok.lemma_.lower() in reporting and tok.pos_ == "VERB" and _outside(tok, qs, qe):
            subj = subject_of(tok, passive_actions=state.gazetteer.words("passive_action"))
            if subj is not None and _outside(subj, qs, qe):
                found = [m for m in mentions_for(state, subj) if m.kind in ("person", "country", "org")]
                if found:
                    return found
    return []


def _attribution_after(state: DocState, sents, last, qs: int, qe: int) -> list[Mention]:
    found = _speakers_in(state, last, qs, qe)
    if found:
        return found
    idx = sents.index(last)
    if idx + 1 < len(sents):
        nxt = sents[idx + 1]
        if "\n" not in doc_text(state.doc)[qe:nxt.start_char]:
            return _speakers_in(state, nxt, qs, qe)
    return []


def _attribution_before(state: DocState, sents, first, qs: int) -> list[Mention]:
    idx = sents.index(first)
    text = doc_text(state.doc)
    for prev in reversed(sents[max(0, idx - 2):idx + 1]):
        segment = text[prev.start_char:qs].rstrip() if prev is first else text[prev.start_char:prev.end_char].rstrip()
        if segment.endswith(":"):
            return _speakers_in(state, prev, qs, len(text) + 1 if prev is not first else qs)
    return []


def _attribution_preceding(state: DocState, sents, first, qs: int) -> list[Mention]:
    """A quotation paragraph with no attribution of its own continues the person of the sentence before it.

    News writing introduces a speaker ("Novak said the coalition was broad.") and then
    gives a paragraph of their words in quotation marks; only a person who is the
    subject of that sentence (of a reporting verb, or of the sentence itself) counts.
    """
    idx = sents.index(first)
    if idx == 0 or state.sents[idx - 1].end_char > qs:
        return []
    prev = sents[idx - 1]
    found = _speakers_in(state, prev, qs, qs)
    persons = [m for m in found if m.kind == "person"]
    if persons:
        return persons
    for tok in prev:
        m = state.token_mention.get(tok.i)
        if m is not None and m.kind == "person" and tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ == "ROOT":
            return [m]
        if tok.dep_ == "nsubj" and tok.head.dep_ == "ROOT":
            named = [m for m in mentions_for(state, tok) if m.kind == "person"]
            if named:
                return named
    return []
