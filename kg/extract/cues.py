"""Cue words (``cues.tsv``) on the dependency parse: which token is a cue, whether it is negated,
and which cues sit inside another cue's complement.

May import :mod:`kg.extract.gazetteer` and :mod:`kg.extract.records` only.
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.gazetteer import Cue
from kg.extract.records import DocState

_COMPLEMENT_DEPS = frozenset({"xcomp", "prep", "pcomp", "acl", "dobj", "pobj", "attr", "oprd", "ccomp", "advcl",
                              "acomp", "relcl", "conj"})
_COPULAS = frozenset({"be", "remain", "seem", "appear", "become"})


def cue_for(state: DocState, tok: Token) -> Cue | None:
    """The cue a token is, if any: lemma (or lemma + particle) in ``cues.tsv`` used the way the cue needs."""
    cues = state.gazetteer.cues
    lemma = tok.lemma_.lower()
    for child in tok.children:  # two-word cues: "rule out", "take part", "call for" (also "for X to be …")
        if child.dep_ == "aux":
            continue  # the "to" of "to lead" is no "lead to"
        word = "for" if for_clause(child) else child.lower_
        multi = cues.get(f"{lemma} {word}")
        if multi is not None:
            return multi
    cue = cues.get(lemma) or cues.get(tok.lower_)
    if cue is None:
        return None
    if tok.i in state.token_mention or tok.dep_ == "amod":
        return None  # "the planned deployment", "the proposed force" describe, they state no stance
    if (tok.dep_ == "acl" and tok.tag_ == "VBN" and cue.kind in ("modal", "evaluate")
            and not any(c.dep_ in ("agent", "nsubj", "nsubjpass") for c in tok.children)):
        return None  # "the deployment, intended to deter …" describes it; "the force proposed by X" is X's
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
    """A cue's requirement from ``cues.tsv``: a child word, a child lemma, the subject's lemma or the head's lemma."""
    if where == "child":
        return any(c.lower_ in words for c in tok.children)
    if where == "child_lemma":
        return any(c.lemma_.lower() in words for c in tok.children)
    if where == "subject_lemma":  # "Slovak soldiers will not go to Ukraine": the troops themselves move
        return any(c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in words for c in tok.children)
    if where == "head_lemma":
        while tok.dep_ == "conj" and tok.head.i != tok.i:  # "as foreign intervention and a direct threat"
            tok = tok.head
        return tok.head.lemma_.lower() in words
    return False


def troops_negated(state: DocState, tok: Token) -> bool:
    """"no American troops would be deployed": the troops themselves are negated."""
    return any(c.dep_ in ("dobj", "nsubjpass") and _no_determiner(c) for c in tok.children)


def troops_refused(troops: list[Token]) -> bool:
    """"will offer funding and equipment, not troops": every troop phrase of the cue is negated by a "not" before it."""
    if not troops:
        return False
    doc = troops[0].doc
    return all(t.left_edge.i > 0 and doc[t.left_edge.i - 1].lower_ in ("not", "never") for t in troops)


def undecided(state: DocState, tok: Token) -> bool:
    """"No decision has been taken on sending troops": the cue hangs under a negated decision noun."""
    words = state.gazetteer.words("undecided")
    for a in [tok, *tok.ancestors]:
        if a.lemma_.lower() in words and _no_determiner(a):
            return True
        if any(c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in words and _no_determiner(c)
               for c in a.children):
            return True
        if a.dep_ in ("ROOT", "ccomp"):
            break
    return False


def held_back(tok: Token) -> bool:
    """"without committing to sending troops": a commitment held back, not refused."""
    return tok.dep_ in ("pcomp", "pobj") and tok.head.lower_ == "without"


def for_clause(tok: Token) -> bool:
    """"called for troops to be deployed": an infinitival clause introduced by "for"."""
    return tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "for" for c in tok.children)


def _no_determiner(tok: Token) -> bool:
    """"no participation", "neither Oslo nor Lisbon": the noun phrase itself is negated."""
    return any((c.dep_ in ("det", "preconj") and c.lower_ in ("no", "zero", "neither")) for c in tok.children)


def is_negated(tok: Token) -> bool:
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


def complement_cues(state: DocState, tok: Token, depth: int = 0) -> list[tuple[Token, Cue]]:
    """Cues inside a cue's complements (not crossing into reported clauses or other subjects)."""
    out: list[tuple[Token, Cue]] = []
    if depth > 4:
        return out
    children = list(tok.children)
    copula = copula_of(tok) if depth == 0 else None
    if copula is not None:  # "sending troops is not on the agenda": the subject is the complement
        children += [c for c in copula.children if c.dep_ in ("csubj", "nsubj", "nsubjpass") and c.i != tok.i]
    for c in children:
        if c.dep_ in ("csubj", "nsubj", "nsubjpass"):
            cue = cue_for(state, c)
            if cue is not None and cue.kind in ("action", "modal"):
                out.append((c, cue))
            out.extend(complement_cues(state, c, depth + 1))
            continue
        if c.dep_ not in _COMPLEMENT_DEPS or (c.dep_ in ("ccomp", "conj", "advcl", "relcl")
                                              and not for_clause(c) and not _bare_participle(c)
                                              and not _infinitival_relative(c) and not _denied_clause(state, tok, c)):
            continue
        cue = cue_for(state, c)
        if cue is not None and cue.kind in ("action", "modal"):
            out.append((c, cue))
        out.extend(complement_cues(state, c, depth + 1))
    return out


def _infinitival_relative(tok: Token) -> bool:
    """"rejected calls to contribute troops": a "to"-infinitive the parser read as a relative clause."""
    return (tok.dep_ == "relcl" and tok.tag_ == "VB"
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children))


_SAME_SUBJECT = frozenset({"it", "they", "we", "he", "she", "i"})


def _denied_clause(state: DocState, governor: Token, clause: Token) -> bool:
    """"denied that it plans to send troops": a refusal cue flips the commitment of its that-clause.

    Only when the clause's subject is the refuser itself (a pronoun, or none): "denied that
    Atlantis plans to send troops" says nothing of the denier's own commitment.
    """
    if clause.dep_ != "ccomp":
        return False
    cue = cue_for(state, governor)
    if cue is None or cue.polarity != "opposes" or cue.kind not in ("modal", "evaluate"):
        return False
    subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subj is None or subj.lower_ in _SAME_SUBJECT


def _bare_participle(tok: Token) -> bool:
    """"ruled out sending troops" parsed as an adverbial clause: no subject, no conjunction."""
    return tok.dep_ == "advcl" and tok.tag_ in ("VBG", "VB") and not any(
        c.dep_ in ("nsubj", "nsubjpass", "mark") for c in tok.children)


def copula_of(tok: Token) -> Token | None:
    """The copula of a predicative cue ("is ready", "is not on the agenda"), if it is one."""
    if tok.dep_ in ("acomp", "attr") and tok.head.lemma_ in _COPULAS:
        return tok.head
    if tok.dep_ == "pobj" and tok.head.dep_ == "prep":
        prep = tok.head
        if prep.head.dep_ == "prep" and prep.head.pos_ == "ADP":  # "is out of the question"
            prep = prep.head
        if prep.head.lemma_ in _COPULAS:
            return prep.head
    return None
