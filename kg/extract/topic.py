"""What a sentence is about: topic words (``topic.tsv``) and the topic words in a cue's objects.

A token is on the subject when it is a word of ``topic.tsv`` not about the destination's or
the adversary's own forces, or a known mention of a coalition. May import
:mod:`kg.extract.records` and :mod:`kg.extract.cues`.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.extract.cues import copula_of, cue_for, for_clause
from kg.extract.records import DocState

_OBJECT_DEPS = frozenset({"dobj", "attr", "oprd", "nsubjpass", "pobj", "npadvmod", "appos"})
_MODIFIER_DEPS = frozenset({"amod", "compound", "poss", "nmod"})


def is_topic(state: DocState, tok: Token) -> bool:
    """Whether a token names the proposal: a topic word (not the destination's own forces) or a coalition."""
    m = state.token_mention.get(tok.i)
    if m is not None:
        org = state.gazetteer.organisations.get(m.key) if m.kind == "org" else None
        return org is not None and org.kind == "coalition" and m.known
    if tok.lower_ not in state.gazetteer.topic and tok.lemma_.lower() not in state.gazetteer.topic:
        return False
    excluded = {state.gazetteer.proposal.get("destination"), state.gazetteer.proposal.get("adversary")}
    for child in tok.children:  # "Ukrainian armed forces", "Russian troops" are not the proposal
        cm = state.token_mention.get(child.i)
        if cm is not None and cm.kind == "country" and cm.key in excluded and child.dep_ in _MODIFIER_DEPS:
            return False
    if tok.lemma_.lower() in ("deployment", "presence"):  # "the deployment of missiles" is not about troops
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                objs = [p for p in prep.children if p.dep_ == "pobj"]
                if objs and not any(is_topic(state, o) for o in objs):
                    return False
    return tok.pos_ in ("NOUN", "PROPN", "ADJ")


def on_topic(state: DocState, sent: Span) -> bool:
    """Whether any token of the sentence is on the subject."""
    return any(is_topic(state, t) for t in sent)


def _object_core(tok: Token, depth: int = 0) -> list[Token]:
    """A noun phrase without its relative clauses and long appendages: head, modifiers, "of"-phrases."""
    out = [tok]
    if depth > 3:
        return out
    for c in tok.children:
        if c.dep_ in ("compound", "amod", "nmod", "nummod", "det", "poss", "conj", "appos"):
            out.extend(_object_core(c, depth + 1))
        elif (c.dep_ == "acl" and c.tag_ in ("VB", "VBG", "VBN")) or (
                c.dep_ == "relcl" and c.tag_ == "VB" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)):
            # "efforts to form", "scenarios envisaging", "calls to contribute troops" (read as a relative clause)
            for o in c.children:
                if o.dep_ == "dobj":
                    out.extend(_object_core(o, depth + 1))
        elif c.dep_ == "prep" and c.lower_ in ("of", "on", "in", "for", "regarding", "about", "concerning"):
            for p in c.children:
                if p.dep_ in ("pobj", "pcomp"):
                    out.extend(_object_core(p, depth + 1))
    return out


_WHERE_WHEN = frozenset({"at", "during", "since", "until", "ahead"})
VIEW_VERBS = frozenset({"view", "see", "regard", "consider", "treat", "perceive", "deem", "describe", "brand"})


def _viewed_as(tok: Token) -> Token | None:
    """The verb of "X is seen as Y" / "sees X as Y" when ``tok`` is Y (or a conjunct of it)."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ != "pobj" or tok.head.lower_ != "as":
        return None
    verb = tok.head.head
    return verb if verb.lemma_.lower() in VIEW_VERBS else None


def topic_objects(state: DocState, tok: Token) -> list[Token]:
    """Topic words in a cue's objects (direct, prepositional, passive subject)."""
    found: list[Token] = []
    for c in tok.children:
        targets: list[Token] = []
        if c.dep_ in _OBJECT_DEPS:
            targets = [c]
        elif c.dep_ == "prep" or c.dep_ == "agent":
            targets = [p for p in c.children if p.dep_ in ("pobj", "pcomp")]
            if c.lower_ == "of" and tok.pos_ == "NOUN" and any(p.i in state.token_mention for p in targets):
                continue  # "the plans of the coalition": whose plans, not what is planned
            if c.lower_ in _WHERE_WHEN:
                continue  # "endorsed a framework at a summit of the coalition": where, not what
        elif for_clause(c):
            targets = [p for p in c.children if p.dep_ in ("nsubj", "nsubjpass")]
        for t in targets:
            found += [x for x in _object_core(t) if is_topic(state, x)]
    if tok.dep_ in ("relcl", "acl") and is_topic(state, tok.head) and tok.head.i not in state.token_mention:
        # "forces that could be deployed" (but not "the coalition providing arms")
        found.append(tok.head)
    if tok.pos_ == "VERB" and (cue := cue_for(state, tok)) is not None and (
            cue.kind == "consequence" or (cue.kind == "action" and cue.scope == "own_troops")):
        # "Dutch troops would take part" (but "the coalition's plans form a war axis" forms no force)
        for c in tok.children:
            if c.dep_ == "nsubj":
                found += [x for x in _object_core(c) if is_topic(state, x)]
    viewer = _viewed_as(tok)
    if viewer is not None:  # "the deployment would be viewed as foreign intervention"
        for c in viewer.children:
            if c.dep_ in ("nsubjpass", "dobj"):
                found += [x for x in _object_core(c) if is_topic(state, x)]
    copula = copula_of(tok)
    if copula is not None or tok.pos_ == "ADJ":  # "deployment is unacceptable"
        subj = next((c for c in (copula or tok.head).children if c.dep_ in ("nsubj", "nsubjpass", "csubj")), None)
        if subj is not None:
            found += [x for x in _object_core(subj) if is_topic(state, x)]
    return found
