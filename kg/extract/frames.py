"""Stance frames: how the cue words of a sentence combine, on the dependency parse.

A sentence is considered when it is on the subject (:mod:`kg.extract.topic`). Cue words
(:mod:`kg.extract.cues`) are combined into frames: an
action ("send", "deploy") inside a modal ("ready to", "cannot", "ruled out") or an
evaluation ("proposed", "would not tolerate"). The frame's polarity comes from the
outermost cue, its negation and its complement. Questions, "if"-clauses and troops
sent to other countries than the destination give no frame. May import
:mod:`kg.extract.cues`, :mod:`kg.extract.topic`, :mod:`kg.extract.records` and the gazetteer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from kg.extract.cues import (
    complement_cues,
    cue_for,
    held_back,
    is_negated,
    troops_negated,
    troops_refused,
    undecided,
)
from kg.extract.gazetteer import Cue
from kg.extract.records import DocState
from kg.extract.topic import is_topic, on_topic, topic_objects

__all__ = ["Frame", "cue_for", "find_frames", "is_question", "is_topic", "on_topic"]


@dataclass
class Frame:
    """One stance expression: the outermost cue and what it governs."""

    top: Token
    cue: Cue
    polarity: str
    scope: str
    tokens: list[Token] = field(default_factory=list)
    troop_objects: list[Token] = field(default_factory=list)
    negated: bool = False
    #: "criticised Atlantis for offering soldiers": the object the inner commitment belongs to.
    holder: Token | None = None


# --- topic -------------------------------------------------------------------------------------------


# --- cues --------------------------------------------------------------------------------------------


def _evaluate(state: DocState, tok: Token, cue: Cue, absorbed: set[int]) -> Frame | None:
    inner: Frame | None = None
    for ctok, ccue in complement_cues(state, tok):
        absorbed.add(ctok.i)
        if inner is None:
            inner = _evaluate(state, ctok, ccue, absorbed)
    troops = topic_objects(state, tok)
    if cue.kind in ("modal", "evaluate") and not troops:  # "premature to talk about troops", "need to help … boots"
        for c in tok.children:
            if c.dep_ in ("xcomp", "ccomp"):
                troops += topic_objects(state, c)
    relevant = bool(troops) or inner is not None
    if cue.kind == "condition":
        relevant = True
    if not relevant:
        return None
    negated = is_negated(tok) or (cue.kind == "action" and (troops_negated(state, tok) or troops_refused(troops)))
    holder = _blamed_for(tok, inner) if cue.kind == "evaluate" else None
    if holder is not None and inner is not None:
        polarity = inner.polarity  # the criticised country's commitment, not the critic's stance
    elif held_back(tok) or undecided(state, tok):
        polarity = "neutral"
    elif negated:
        polarity = cue.neg_polarity
    elif cue.polarity == "opposes" and inner is not None and inner.polarity == "opposes" and inner.cue.kind != "action":
        # a refusal of a refusal: "refused to rule out sending troops" is not ruling it out (undecided);
        # "rejected claims that it had refused" says what it did not do, not what it will do
        polarity = inner.cue.neg_polarity if cue.kind == "modal" and not inner.negated else "neutral"
    elif cue.polarity == "=":
        polarity = inner.polarity if inner is not None else "supports"
    elif cue.kind == "evaluate" and inner is not None and inner.polarity == "opposes" and cue.polarity == "supports":
        polarity = "opposes"
    else:
        polarity = cue.polarity
    scope = cue.scope
    if cue.kind == "modal" and inner is None:
        scope = "own_troops"
    frame = Frame(top=tok, cue=cue, polarity=polarity, scope=scope, negated=negated, holder=holder)
    frame.troop_objects = troops + (inner.troop_objects if inner else [])
    frame.tokens = [tok] + (inner.tokens if inner else [])
    return frame


def _blamed_for(tok: Token, inner: Frame | None) -> Token | None:
    """"criticised Atlantis for offering soldiers": the object whose own commitment the "for" phrase states."""
    if inner is None:
        return None
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    if obj is None:
        return None
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ == "for" and inner.top.i in {t.i for t in prep.subtree}:
            return obj
    return None


def find_frames(state: DocState, sent: Span, sentence_on_topic: bool) -> list[Frame]:
    """The stance frames of a sentence (condition cues alone when only its context is on the subject)."""
    cued = [(t, c) for t in sent if (c := cue_for(state, t)) is not None]
    cued.sort(key=lambda tc: _depth(tc[0]))
    absorbed: set[int] = set()
    frames = []
    directives = {t.i for t, c in cued if c.kind == "directive"}
    pending: list[Frame] = []
    for tok, cue in cued:  # a cue inside another cue's complement is part of that frame
        if cue.kind != "directive":
            absorbed.update(c.i for c, _ in complement_cues(state, tok))
    for tok, cue in cued:
        if (tok.i in absorbed and not _possessed(state, tok, cue)) or cue.kind == "directive":
            continue
        if cue.kind != "condition" and not sentence_on_topic:
            reference = _by_reference(state, tok, cue)
            if reference is not None:
                frames.append(reference)
            continue
        if any(a.i in directives for a in tok.ancestors):
            continue  # "lobbied the president to provide a backstop", "discussed deploying troops"
        if _purpose_of(tok) and any(f.top.i == a.i for f in frames for a in tok.ancestors):
            continue  # "ready to lead a coalition to support Kyiv": the coalition's purpose, inside the stance
        frame = _evaluate(state, tok, cue, absorbed)
        if (frame is None or _elsewhere(state, frame) or _hypothetical(tok) or _in_condition(state, tok)
                or _at_event(state, frame)
                or _as_comment(tok)):
            continue
        if cue.kind == "condition" and tok.pos_ == "ADJ" and not _topic_near(state, tok):
            pending.append(frame)  # "warned that a U.S. backstop was essential": only beside another stance
            continue
        if cue.kind == "condition":  # what a condition governs is part of it, not another stance
            head = tok.head if tok.dep_ in ("acomp", "attr") else tok
            for c in head.children:
                if c.i > tok.i and c.dep_ in ("prep", "xcomp", "ccomp", "advcl", "acomp", "attr", "dobj"):
                    absorbed.update(t.i for t in c.subtree)
        frames.append(frame)
    return frames + pending if frames else frames


def _possessed(state: DocState, tok: Token, cue: Cue) -> bool:
    """"welcomed Elbonia's decision to send troops": a commitment noun with a named possessor is the possessor's
    stance too, besides the evaluation it sits in."""
    if tok.pos_ != "NOUN" or cue.kind != "modal":
        return False
    return any(c.dep_ == "poss" and c.i in state.token_mention for c in tok.children)


def _purpose_of(tok: Token) -> bool:
    """"a coalition to support Kyiv": a to-infinitive (parsed as a relative clause) saying what a noun is for."""
    return tok.dep_ in ("relcl", "acl") and tok.tag_ == "VB" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _at_event(state: DocState, frame: Frame) -> bool:
    """"took part in a meeting of the coalition": attending is no stance."""
    if frame.cue.kind != "action":
        return False
    events = state.gazetteer.words("event_noun")
    return any(p.lemma_.lower() in events or p.lower_ in events for p in _shallow_objects(frame.top))


_NOUN_PHRASE_DEPS = frozenset({"dobj", "prep", "pobj", "compound", "nmod", "amod", "appos", "conj"})
_TIME_PREPS = frozenset({"after", "before", "following", "until", "since", "ahead"})


def _shallow_objects(tok: Token) -> list[Token]:
    """The nouns of a cue's objects and prepositional phrases, through nested phrases ("took part for the first
    time in a coalition meeting"), not into clauses or time phrases."""
    out: list[Token] = []
    stack = [c for c in tok.children if c.dep_ in ("dobj", "prep")]
    while stack and len(out) < 40:
        t = stack.pop()
        if t.dep_ == "prep" and t.lower_ in _TIME_PREPS:
            continue
        out.append(t)
        stack += [c for c in t.children if c.dep_ in _NOUN_PHRASE_DEPS and c.pos_ != "VERB"]
    return out


def _elsewhere(state: DocState, frame: Frame) -> bool:
    """Troops sent to another country than the destination ("North Korea sent troops to Russia")."""
    destination = state.gazetteer.proposal.get("destination")
    clause = _own_clause(frame.top)
    if any(t.dep_ == "advmod" and t.lower_ in ("abroad", "overseas") and t.head.pos_ == "VERB" for t in clause):
        return True  # "procedures for deploying troops abroad": any foreign mission, not this one
    if any(_at_home(t) for t in clause):
        return True  # "the country needed its forces at home": troops kept home are sent nowhere
    if frame.cue.kind not in ("action", "modal"):
        return False
    for prep in clause:
        if prep.dep_ not in ("prep", "dative") or prep.lower_ not in ("to", "into", "in", "inside"):
            continue
        for pobj in prep.children:
            for t in [pobj, *pobj.children]:
                m = state.token_mention.get(t.i)
                if m is not None and m.kind == "country" and m.key != destination and m.via != "metonym":
                    return True
                if m is None and t.ent_type_ in ("GPE", "LOC") and t.dep_ == "pobj":
                    return True  # "deployed 20,000 troops to Europe"
    return False


def _at_home(tok: Token) -> bool:
    """"needs its forces at home", "keep the troops home": a verb's place phrase naming home.

    Parameters
    ----------
    tok : Token
        A token of the cue's clause.

    Returns
    -------
    bool
        True for "home" as the verb's adverb or as the object of "at" on the verb.
    """
    if tok.lower_ != "home":
        return False
    if tok.dep_ in ("advmod", "npadvmod") and tok.head.pos_ == "VERB":
        return True
    at = tok.head
    return tok.dep_ == "pobj" and at.lower_ == "at" and at.dep_ == "prep" and at.head.pos_ in ("VERB", "AUX")


def _own_clause(tok: Token) -> list[Token]:
    """The subtree of a cue without the clauses joined to it that have their own subject ("…, and Ukraine met in
    Geneva"): where those happen says nothing about where the troops would go."""
    out: list[Token] = []
    stack = [tok]
    while stack:
        t = stack.pop()
        out.append(t)
        for c in t.children:
            if c.dep_ in ("conj", "ccomp", "advcl", "parataxis") and any(
                    g.dep_ in ("nsubj", "nsubjpass") for g in c.children):
                continue
            stack.append(c)
    return out


def is_question(sent: Span) -> bool:
    """"Will America participate?" asks, it states no stance."""
    text = sent.text.rstrip(" \n”\"'’")
    return text.endswith("?")


def _by_reference(state: DocState, tok: Token, cue: Cue) -> Frame | None:
    """"… proposed a peacekeeping force. Rossi dismissed the idea.": an evaluation of "the idea" / "the plan".

    Called only for a sentence that is not itself on the subject but follows one that is:
    a bare, definite "the idea", "the plan", "the proposal" (or "it") as the object of an
    evaluation refers to the force of the sentence before. Anything else gives no frame
    (never a default stance).
    """
    if cue.kind != "evaluate" or cue.polarity not in ("supports", "opposes"):
        return None
    nouns = state.gazetteer.words("reference_noun")
    for obj in tok.children:
        definite = any(d.lower_ in ("the", "this", "that") for d in obj.children if d.dep_ == "det")
        if any(c.dep_ in ("prep", "acl", "relcl", "amod", "compound") for c in obj.children):
            continue  # "the plan for new sanctions" is another plan
        if obj.dep_ == "dobj" and ((obj.lemma_.lower() in nouns and definite) or obj.lower_ in ("it", "this")):
            negated = is_negated(tok)
            polarity = cue.neg_polarity if negated else cue.polarity
            if polarity not in ("supports", "opposes"):
                return None
            return Frame(top=tok, cue=cue, polarity=polarity, scope=cue.scope, tokens=[tok], negated=negated)
    return None


def _as_comment(tok: Token) -> bool:
    """"…, as agreed by some of the coalition": a comparison with others' plans, no stance of the speaker's."""
    return tok.dep_ == "advcl" and tok.tag_ == "VBN" and any(
        c.dep_ == "mark" and c.lower_ == "as" for c in tok.children)


def _hypothetical(tok: Token) -> bool:
    """A cue inside an "if"/"unless" clause ("If Britain sends troops, Russia will …") states no stance."""
    for t in [tok, *tok.ancestors]:
        if t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in t.children):
            return True
        if t.dep_ in ("ROOT", "ccomp"):
            return False
    return False


_CONDITION_OPENERS = frozenset({"provided", "providing", "unless", "if", "on condition", "on the condition",
                                "as long as", "so long as", "only if"})


def _in_condition(state: DocState, tok: Token) -> bool:
    """"will take part provided that the EU leads the mission": a cue inside a condition clause is the condition,
    not a stance of its subject, whatever the parser made of "provided"."""
    doc = state.doc
    for t in [tok, *tok.ancestors]:
        if t.dep_ in ("ccomp", "advcl") and t.head.i != t.i:
            left = t.left_edge.i
            if doc[left].dep_ == "mark" and doc[left].head.i == t.i and doc[left].lower_ == "that":
                left -= 1  # "provided that …"
            for n in (3, 2, 1):
                if left - n + 1 >= 0 and " ".join(state.lowers[left - n + 1:left + 1]) in _CONDITION_OPENERS:
                    return True
                if left - n >= 0 and " ".join(state.lowers[left - n:left]) in _CONDITION_OPENERS:
                    return True
            return False
        if t.dep_ == "ROOT":
            return False
    return False


def _topic_near(state: DocState, tok: Token) -> bool:
    """A predicative condition ("X is vital") counts only when its own clause is on the subject."""
    scope = tok.head if tok.dep_ in ("acomp", "attr") else tok
    return any(is_topic(state, t) for t in scope.subtree)


def _depth(tok: Token) -> int:
    d = 0
    while tok.head.i != tok.i and d < 50:
        tok, d = tok.head, d + 1
    return d
