"""When a stance is conditional, and on what: requirements, hedges, "only under", concessions,
condition cues.

May import :mod:`kg.extract.frames`, :mod:`kg.extract.qualifiers` and below.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.extract.frames import Frame, is_topic
from kg.extract.qualifiers import Qualifiers, phrase
from kg.extract.records import DocState

_CONCESSIVE = frozenset({"while", "although", "though", "whilst"})


_OBLIGATION = frozenset({"must", "need", "should"})  # "has" as an auxiliary is the perfect tense, not "has to"


_NEED = frozenset({"need", "require", "must"})


_SEE = frozenset({"see", "have", "get"})


def requirement(state: DocState, sent: Span, frame: Frame) -> str | None:
    """"…, but we will need to see peace secured first", "a ceasefire must first be established": a precondition.

    A clause of the sentence outside the frame whose verb is "need"/"require" (with what
    is needed as its object, through "to see"/"to have"), or whose subject is a condition
    event with "must" ("a ceasefire must first be established"), states a condition.
    """
    inside = {t.i for t in frame.top.subtree}
    events = state.gazetteer.words("condition_event")
    for tok in sent:
        if tok.i in inside or tok.pos_ not in ("VERB", "AUX"):
            continue
        if tok.lemma_.lower() in ("need", "require") and tok.dep_ in ("ROOT", "conj", "ccomp", "advcl"):
            target = next((c for c in tok.children if c.dep_ in ("dobj", "xcomp", "ccomp")), None)
            if target is not None and target.lemma_.lower() in _SEE:
                target = next((c for c in target.children if c.dep_ in ("dobj", "ccomp", "xcomp")), target)
            if target is not None and target.i not in inside:
                return phrase(state.doc, list(target.subtree))
        if any(c.dep_ == "aux" and c.lower_ == "must" for c in tok.children):
            subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and subj.lemma_.lower() in events:
                return phrase(state.doc, list(subj.subtree))
            if subj is not None and tok.dep_ == "conj" and tok.i > frame.top.i:
                # "is willing to contribute troops, but parliament must approve the mission"
                return phrase(state.doc, [t for t in tok.subtree if t.dep_ != "cc" or t.head.i != tok.i])
    return None


def is_hedged(state: DocState, frame: Frame) -> bool:
    """A hedge word ("might", "could", "may", "possibly") on the commitment or the verb that carries it."""
    hedges = state.gazetteer.words("hedge")
    heads = [frame.top, *frame.tokens]
    heads += [t.head for t in heads if t.dep_ in ("xcomp", "acomp", "attr", "pobj", "pcomp") and t.head.i != t.i]
    if any(c.dep_ in ("aux", "auxpass", "advmod") and c.lower_ in hedges for t in heads for c in t.children):
        return True
    return _under_hedging_predicate(frame.top, hedges, state.gazetteer.reporting_verbs)


def _under_hedging_predicate(tok: Token, hedges: frozenset[str], reporting: frozenset[str]) -> bool:
    """"It is possible that X will send troops", "X is unlikely to send troops": a guess about the commitment."""
    for a in tok.ancestors:
        if a.lemma_.lower() in reporting:
            return False  # "X said it is possible …" is hedged at the said clause's level only
        if a.pos_ == "ADJ" and a.lemma_.lower() in hedges:
            return True
        if a.lemma_ == "be" and any(c.dep_ == "acomp" and c.lemma_.lower() in hedges for c in a.children):
            return True
        if a.dep_ == "ROOT":
            break
    return False


_ONLY_PREPS = frozenset({"under", "with", "within", "through"})


def only_under(state: DocState, frame: Frame) -> str | None:
    """"would only participate … under a UN flag": "only" on the commitment restricts it to a condition."""
    for tok in [frame.top, *frame.tokens]:
        if not any(c.dep_ == "advmod" and c.lower_ == "only" for c in tok.children):
            continue
        for c in tok.subtree:
            if c.dep_ == "prep" and c.lower_ in _ONLY_PREPS and c.i > tok.i:
                objs = [p for p in c.children if p.dep_ == "pobj"]
                if objs and not any(is_topic(state, t) for o in objs for t in o.subtree):
                    return phrase(state.doc, [c, *(t for o in objs for t in o.subtree)])
    return None


def condition_applies(qual: Qualifiers, polarity: str) -> bool:
    """Whether the clause's condition makes the stance conditional.

    Support and undecided stances become conditional on any stated condition ("would
    consider monitors once a ceasefire holds"); a refusal only on an exceptive one ("will
    not send troops unless there is a UN mandate"), so "will not send troops after a
    ceasefire either" stays a refusal.
    """
    if polarity in ("supports", "neutral"):
        return qual.makes_conditional or qual.timed
    return polarity == "opposes" and qual.exceptive


def under_whether(tok: Token) -> bool:
    for t in [tok, *tok.ancestors]:
        if any(c.dep_ == "mark" and c.lower_ == "whether" for c in t.children):
            return True
        if t.dep_ in ("ROOT",):
            break
    return False


def concession(state: DocState, frame: Frame) -> str | None:
    """"while Latvia remains open to …, its own readiness must be preserved": the main clause is a reservation."""
    tok = frame.top
    while tok.dep_ in ("xcomp", "acomp", "prep", "pcomp", "dobj", "attr", "acl", "pobj") and tok.head.i != tok.i:
        tok = tok.head
    mark = next((c for c in tok.children if c.dep_ == "mark" and c.lower_ in _CONCESSIVE), None)
    if mark is None or tok.dep_ != "advcl":
        return None
    main = tok.head
    if not any(c.lower_ in _OBLIGATION and c.dep_ in ("aux", "auxpass") for c in main.children):
        return None
    skip = {t.i for t in tok.subtree}
    return phrase(state.doc, [t for t in main.subtree if (t.i not in skip and t.dep_ != "mark") or t.i == main.i])


_ANNOUNCING = frozenset({"condition", "requirement", "precondition", "prerequisite", "factor", "thing", "point"})


def _spelled_out(state: DocState, obj: Token) -> str | None:
    """"would hinge on two key conditions: a clear mandate and US support": what follows the colon."""
    doc = state.doc
    after = obj.right_edge.i + 1
    if obj.lemma_.lower() not in _ANNOUNCING or after >= len(doc) or doc[after].text != ":":
        return None
    sent = state.sent_of(obj.i)
    return phrase(doc, [t for t in doc[after + 1:sent.end]])


def condition_phrase(state: DocState, frame: Frame) -> str | None:
    """What a condition cue says the stance depends on."""
    tok, doc = frame.top, state.doc
    for c in tok.children:  # "depend on X", "contingent on X", "conditional upon X"
        if c.dep_ == "prep" and c.lower_ in ("on", "upon"):
            objs = [p for p in c.children if p.dep_ in ("pobj", "pcomp")]
            if objs:
                return _spelled_out(state, objs[0]) or phrase(doc, [t for o in objs for t in o.subtree])
    if tok.pos_ == "ADJ" or tok.dep_ in ("acomp", "attr"):
        head = tok.head if tok.dep_ in ("acomp", "attr") else tok
        subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.lower_ not in ("it", "this", "that"):
            return phrase(doc, list(subj.subtree))
        after = [t for t in head.subtree if t.i > tok.i and not (t.lower_ == "to" and t.i == tok.i + 1)]
        if after:
            return phrase(doc, after)
    if tok.lemma_ == "require":
        obj = next((c for c in tok.children if c.dep_ in ("dobj", "ccomp", "xcomp")), None)
        if obj is not None:
            return phrase(doc, list(obj.subtree))
    return None
