"""Stance frames: topic words, cue words and how they combine, on the dependency parse.

A sentence is considered when it is on the subject (a word from ``topic.tsv`` or a
mention of a coalition). Cue words (``cues.tsv``) are combined into frames: an
action ("send", "deploy") inside a modal ("ready to", "cannot", "ruled out") or an
evaluation ("proposed", "would not tolerate"). The frame's polarity comes from the
outermost cue, its negation and its complement. Questions, "if"-clauses and troops
sent to other countries than the destination give no frame.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from kg.extract.gazetteer import Cue
from kg.extract.records import DocState

_COMPLEMENT_DEPS = frozenset({"xcomp", "prep", "pcomp", "acl", "dobj", "pobj", "attr", "oprd", "ccomp", "advcl",
                              "acomp", "relcl", "conj"})
_OBJECT_DEPS = frozenset({"dobj", "attr", "oprd", "nsubjpass", "pobj", "npadvmod", "appos"})
_COPULAS = frozenset({"be", "remain", "seem", "appear", "become"})
_MODIFIER_DEPS = frozenset({"amod", "compound", "poss", "nmod"})


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

def is_topic(state: DocState, tok: Token) -> bool:
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
    return any(is_topic(state, t) for t in sent)


def _object_core(tok: Token, depth: int = 0) -> list[Token]:
    """A noun phrase without its relative clauses and long appendages: head, modifiers, "of"-phrases."""
    out = [tok]
    if depth > 3:
        return out
    for c in tok.children:
        if c.dep_ in ("compound", "amod", "nmod", "nummod", "det", "poss", "conj", "appos"):
            out.extend(_object_core(c, depth + 1))
        elif c.dep_ == "acl" and c.tag_ in ("VB", "VBG", "VBN"):  # "efforts to form", "scenarios envisaging"
            for o in c.children:
                if o.dep_ == "dobj":
                    out.extend(_object_core(o, depth + 1))
        elif c.dep_ == "prep" and c.lower_ in ("of", "on", "in", "for", "regarding", "about", "concerning"):
            for p in c.children:
                if p.dep_ in ("pobj", "pcomp"):
                    out.extend(_object_core(p, depth + 1))
    return out


def _topic_objects(state: DocState, tok: Token) -> list[Token]:
    """Topic words in a cue's objects (direct, prepositional, passive subject)."""
    found: list[Token] = []
    for c in tok.children:
        targets: list[Token] = []
        if c.dep_ in _OBJECT_DEPS:
            targets = [c]
        elif c.dep_ == "prep" or c.dep_ == "agent":
            targets = [p for p in c.children if p.dep_ in ("pobj", "pcomp")]
        elif _for_clause(c):
            targets = [p for p in c.children if p.dep_ in ("nsubj", "nsubjpass")]
        for t in targets:
            found += [x for x in _object_core(t) if is_topic(state, x)]
    if tok.dep_ in ("relcl", "acl") and is_topic(state, tok.head) and tok.head.i not in state.token_mention:
        # "forces that could be deployed" (but not "the coalition providing arms")
        found.append(tok.head)
    if tok.pos_ == "VERB" and (cue := cue_for(state, tok)) is not None and cue.kind in ("action", "consequence"):
        for c in tok.children:  # "Dutch troops would take part"
            if c.dep_ == "nsubj":
                found += [x for x in _object_core(c) if is_topic(state, x)]
    copula = _copula_of(tok)
    if copula is not None or tok.pos_ == "ADJ":  # "deployment is unacceptable"
        subj = next((c for c in (copula or tok.head).children if c.dep_ in ("nsubj", "nsubjpass", "csubj")), None)
        if subj is not None:
            found += [x for x in _object_core(subj) if is_topic(state, x)]
    return found


# --- cues --------------------------------------------------------------------------------------------

def cue_for(state: DocState, tok: Token) -> Cue | None:
    """The cue a token is, if any: lemma (or lemma + particle) in ``cues.tsv`` used the way the cue needs."""
    cues = state.gazetteer.cues
    lemma = tok.lemma_.lower()
    for child in tok.children:  # two-word cues: "rule out", "take part", "call for" (also "for X to be …")
        if child.dep_ == "aux":
            continue  # the "to" of "to lead" is no "lead to"
        word = "for" if _for_clause(child) else child.lower_
        multi = cues.get(f"{lemma} {word}")
        if multi is not None:
            return multi
    cue = cues.get(lemma) or cues.get(tok.lower_)
    if cue is None:
        return None
    if tok.i in state.token_mention or tok.dep_ == "amod":
        return None  # "the planned deployment", "the proposed force" describe, they state no stance
    if cue.kind in ("action", "consequence") and tok.pos_ != "VERB":
        return None
    if cue.kind == "evaluate" and tok.pos_ not in ("VERB", "NOUN", "ADJ", "ADP"):
        return None
    if cue.kind == "condition" and tok.pos_ == "ADJ" and tok.dep_ not in ("acomp", "ROOT", "ccomp", "conj", "xcomp"):
        return None  # "a vital role" is not a condition; "X is vital" is
    if cue.requires is not None and not _meets(tok, *cue.requires):
        return None
    return cue


def _meets(tok: Token, where: str, words: frozenset[str]) -> bool:
    """A cue's requirement from ``cues.tsv``: a child word, a child lemma or the head's lemma."""
    if where == "child":
        return any(c.lower_ in words for c in tok.children)
    if where == "child_lemma":
        return any(c.lemma_.lower() in words for c in tok.children)
    if where == "head_lemma":
        return tok.head.lemma_.lower() in words
    return False


def _no_troops(state: DocState, tok: Token) -> bool:
    """"no American troops would be deployed": the troops themselves are negated."""
    return any(c.dep_ in ("dobj", "nsubjpass") and _no_determiner(c) for c in tok.children)


def _without(tok: Token) -> bool:
    """"without committing to sending troops": a commitment held back, not refused."""
    return tok.dep_ in ("pcomp", "pobj") and tok.head.lower_ == "without"


def _for_clause(tok: Token) -> bool:
    """"called for troops to be deployed": an infinitival clause introduced by "for"."""
    return tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "for" for c in tok.children)


def _no_determiner(tok: Token) -> bool:
    """"no participation", "neither Oslo nor Lisbon": the noun phrase itself is negated."""
    return any((c.dep_ in ("det", "preconj") and c.lower_ in ("no", "zero", "neither")) for c in tok.children)


def _negated(tok: Token) -> bool:
    """Whether a cue is negated: "not", "never", "no plans", "neither … nor", "under no circumstances"."""
    if any(c.dep_ == "neg" or (c.lower_ in ("no", "never") and c.dep_ in ("det", "advmod")) for c in tok.children):
        return True
    for c in tok.children:
        if c.dep_ in ("nsubj", "nsubjpass") and _no_determiner(c):
            return True  # "no participation is planned", "neither Oslo nor Lisbon will send"
        if c.dep_ == "prep" and c.lower_ == "under" and any(_no_determiner(p) for p in c.children):
            return True  # "under no circumstances"
    if tok.dep_ == "xcomp" and any(c.dep_ == "neg" for c in tok.head.children) and tok.head.pos_ in ("VERB", "AUX"):
        return True  # "are not going to send", "does not want to deploy"
    verb = tok.head if tok.dep_ in ("xcomp", "acomp") else None
    if verb is not None and any(c.dep_ in ("nsubj", "nsubjpass") and _no_determiner(c) for c in verb.children):
        return True
    if tok.dep_ in ("acomp", "attr", "xcomp") or (tok.pos_ in ("ADJ", "NOUN") and tok.dep_ in ("pobj",)):
        head = tok.head if tok.dep_ != "pobj" else tok.head.head
        if any(c.dep_ == "neg" for c in head.children) and head.lemma_ in ("be", "remain", "seem", "appear"):
            return True
    return False


def _complement_cues(state: DocState, tok: Token, depth: int = 0) -> list[tuple[Token, Cue]]:
    """Cues inside a cue's complements (not crossing into reported clauses or other subjects)."""
    out: list[tuple[Token, Cue]] = []
    if depth > 4:
        return out
    children = list(tok.children)
    copula = _copula_of(tok) if depth == 0 else None
    if copula is not None:  # "sending troops is not on the agenda": the subject is the complement
        children += [c for c in copula.children if c.dep_ in ("csubj", "nsubj", "nsubjpass") and c.i != tok.i]
    for c in children:
        if c.dep_ in ("csubj", "nsubj", "nsubjpass"):
            cue = cue_for(state, c)
            if cue is not None and cue.kind in ("action", "modal"):
                out.append((c, cue))
            out.extend(_complement_cues(state, c, depth + 1))
            continue
        if c.dep_ not in _COMPLEMENT_DEPS or (c.dep_ in ("ccomp", "conj", "advcl", "relcl")
                                              and not _for_clause(c) and not _bare_participle(c)):
            continue
        cue = cue_for(state, c)
        if cue is not None and cue.kind in ("action", "modal"):
            out.append((c, cue))
        out.extend(_complement_cues(state, c, depth + 1))
    return out


def _bare_participle(tok: Token) -> bool:
    """"ruled out sending troops" parsed as an adverbial clause: no subject, no conjunction."""
    return tok.dep_ == "advcl" and tok.tag_ in ("VBG", "VB") and not any(
        c.dep_ in ("nsubj", "nsubjpass", "mark") for c in tok.children)


def _copula_of(tok: Token) -> Token | None:
    """The copula of a predicative cue ("is ready", "is not on the agenda"), if it is one."""
    if tok.dep_ in ("acomp", "attr") and tok.head.lemma_ in _COPULAS:
        return tok.head
    if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.lemma_ in _COPULAS:
        return tok.head.head
    return None


def _evaluate(state: DocState, tok: Token, cue: Cue, absorbed: set[int]) -> Frame | None:
    inner: Frame | None = None
    for ctok, ccue in _complement_cues(state, tok):
        absorbed.add(ctok.i)
        if inner is None:
            inner = _evaluate(state, ctok, ccue, absorbed)
    troops = _topic_objects(state, tok)
    if cue.kind in ("modal", "evaluate") and not troops:  # "premature to talk about troops", "need to help … boots"
        for c in tok.children:
            if c.dep_ in ("xcomp", "ccomp"):
                troops += _topic_objects(state, c)
    relevant = bool(troops) or inner is not None
    if cue.kind == "condition":
        relevant = True
    if not relevant:
        return None
    negated = _negated(tok) or (cue.kind == "action" and _no_troops(state, tok))
    holder = _blamed_for(tok, inner) if cue.kind == "evaluate" else None
    if holder is not None and inner is not None:
        polarity = inner.polarity  # the criticised country's commitment, not the critic's stance
    elif _without(tok):
        polarity = "neutral"
    elif negated:
        polarity = cue.neg_polarity
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
            absorbed.update(c.i for c, _ in _complement_cues(state, tok))
    for tok, cue in cued:
        if tok.i in absorbed or cue.kind == "directive":
            continue
        if cue.kind != "condition" and not sentence_on_topic:
            reference = _by_reference(state, tok, cue)
            if reference is not None:
                frames.append(reference)
            continue
        if any(a.i in directives for a in tok.ancestors):
            continue  # "lobbied the president to provide a backstop", "discussed deploying troops"
        frame = _evaluate(state, tok, cue, absorbed)
        if (frame is None or _elsewhere(state, frame) or _hypothetical(tok) or _at_event(state, frame)
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


def _at_event(state: DocState, frame: Frame) -> bool:
    """"took part in a meeting of the coalition": attending is no stance."""
    if frame.cue.kind != "action":
        return False
    events = state.gazetteer.words("event_noun")
    return any(p.lemma_.lower() in events or p.lower_ in events for p in _shallow_objects(frame.top))


def _shallow_objects(tok: Token) -> list[Token]:
    out = [c for c in tok.children if c.dep_ == "dobj"]
    for c in tok.children:
        if c.dep_ == "prep":
            out += [p for p in c.children if p.dep_ == "pobj"]
    return out


def _elsewhere(state: DocState, frame: Frame) -> bool:
    """Troops sent to another country than the destination ("North Korea sent troops to Russia")."""
    destination = state.gazetteer.proposal.get("destination")
    if frame.cue.kind not in ("action", "modal"):
        return False
    for prep in frame.top.subtree:
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
            negated = _negated(tok)
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


def _topic_near(state: DocState, tok: Token) -> bool:
    """A predicative condition ("X is vital") counts only when its own clause is on the subject."""
    scope = tok.head if tok.dep_ in ("acomp", "attr") else tok
    return any(is_topic(state, t) for t in scope.subtree)


def _depth(tok: Token) -> int:
    d = 0
    while tok.head.i != tok.i and d < 50:
        tok, d = tok.head, d + 1
    return d
