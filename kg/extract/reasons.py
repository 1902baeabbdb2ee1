"""Why an actor holds a stance, beyond the markers of its own clause: the same speaker's next
sentence, a warned-of consequence, what the speaker calls the commitment, and what the sentence
says elsewhere about the actor.

May import :mod:`kg.extract.frames`, :mod:`kg.extract.qualifiers`, :mod:`kg.extract.context` and below.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Span, Token

from kg.extract.context import sentence_bounds
from kg.extract.frames import Frame, cue_for
from kg.extract.qualifiers import Qualifiers, clause_tokens, phrase, qualifiers
from kg.extract.records import DocState, Mention

_CONTINUING = frozenset({"he", "she", "it", "they", "we", "i", "this", "that"})


def reasons_from_next_sentence(state: DocState) -> None:
    """"Poland will not send troops. It cited the threat from Belarus.": the same speaker's next sentence.

    A stance without a reason takes the reason phrase of the next sentence (news
    paragraphs are often one sentence, so across a paragraph break too) when that
    sentence continues it (its subject is a pronoun, the actor or the speaker) and states
    no stance of its own.
    """
    sents = state.sents
    starts = [s.start_char for s in sents]
    with_stance = {f.start_char for f in state.stances}
    reasons: dict[int, str | None] = {}  # per next sentence: the person's and the country's finding share it
    for finding in state.stances:
        if finding.reason:
            continue
        idx = bisect_right(starts, finding.start_char) - 1
        if idx + 1 >= len(sents):
            continue
        nxt = sents[idx + 1]
        if sentence_bounds(nxt)[0] in with_stance:
            continue
        subj = next((t for t in nxt if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"), None)
        if subj is None:
            continue
        m = state.token_mention.get(subj.i)
        same = m is not None and m.key in (finding.actor.key, finding.speaker)
        if subj.lower_ not in _CONTINUING and not same:
            continue
        if idx + 1 not in reasons:
            reasons[idx + 1] = _sentence_reason(state, nxt, subj)
        finding.reason = reasons[idx + 1] or finding.reason


def _sentence_reason(state: DocState, sent: Span, subj: Token) -> str | None:
    """What a continuing sentence gives as the reason: the phrase of a reason marker in what was said
    ("given tensions in the Aegean"), else all that was said ("He said the plan would only prolong the
    war"), else the phrase of a reason marker in the sentence."""
    said = subj.head if subj.head.lemma_.lower() in state.gazetteer.reporting_verbs else None
    content = next((c for c in said.children if c.dep_ == "ccomp"), None) if said is not None else None
    if content is not None:
        if _restates(state, content):
            return None
        marked = qualifiers(state.doc, list(content.subtree), state.gazetteer.markers, negated=False,
                            lowers=state.lowers, sources=state.gazetteer.words("source_noun")).reason
        # "needed its forces at home given tensions in the Aegean": the marked cause is the short phrase
        return marked or phrase(state.doc, [t for t in content.subtree if t.dep_ != "mark" or t.head.i != content.i])
    return qualifiers(state.doc, list(sent), state.gazetteer.markers, negated=False, lowers=state.lowers).reason


def _restates(state: DocState, content: Token) -> bool:
    """"Dvořák said: 'Our position has not changed.'": a clause about the position itself restates it.

    Parameters
    ----------
    state : DocState
        The article being extracted.
    content : Token
        The head of what a continuing sentence reports.

    Returns
    -------
    bool
        True when the clause's subject is a word for the stance itself (``restated_noun`` in ``lexicon.tsv``).
    """
    nouns = state.gazetteer.words("restated_noun")
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in nouns for c in content.children)


def consequence_reason(state: DocState, frame: Frame) -> str | None:
    """What a warned-of consequence names: "would trigger confrontation with Moscow", or, under a
    rejection, "rejects any scenarios … that can lead to an uncontrolled escalation"."""
    if frame.cue.kind == "consequence":
        verbs = [frame.top]
    elif frame.polarity == "opposes":
        verbs = [t for t in frame.top.subtree if t.i != frame.top.i and t.pos_ == "VERB"
                 and (c := cue_for(state, t)) is not None and c.kind == "consequence" and not _purpose(t)]
    else:
        return None
    for verb in verbs:
        objs = [c for c in verb.children if c.dep_ in ("dobj", "attr")]
        objs += [p for c in verb.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
        if objs:
            return phrase(state.doc, [t for o in objs for t in o.subtree])
    return None


def _purpose(verb: Token) -> bool:
    """"so as not to provoke Atlantis", "to avoid provoking": a purpose clause (its marker gives the reason)."""
    return any(c.dep_ in ("mark", "neg") for c in verb.children) or verb.head.lemma_.lower() in ("avoid", "prevent")


def predicated_reason(state: DocState, frame: Frame) -> str | None:
    """"would be viewed as foreign intervention and a direct threat", "would be a mistake": what the deployment is
    called is why it is opposed."""
    top = frame.top
    if frame.cue.kind != "evaluate" or top.pos_ != "NOUN" or frame.polarity != "opposes":
        return None
    predicative = top.dep_ == "attr" or (top.dep_ == "pobj" and top.head.lower_ == "as")
    if not predicative:
        return None
    return phrase(state.doc, [t for t in top.subtree if not (t.dep_ == "prep" and t.head.i == top.i and t.i > top.i)
                              and not _under_prep_of(t, top)])


def _under_prep_of(t: Token, top: Token) -> bool:
    """Inside a prepositional phrase of ``top`` itself ("a threat | to Russia")."""
    while t.i != top.i and t.head.i != t.i:
        if t.dep_ == "prep" and t.head.i == top.i:
            return True
        t = t.head
    return False


_CALL = frozenset({"call", "describe", "term", "label", "consider", "see"})


def called_it(state: DocState, sent: Span, frame: Frame) -> str | None:
    """"… and called it the only way to achieve peace", "…, calling any such deployment a direct threat": what
    the speaker calls the commitment (a pronoun or a topic word as the object) is its reason."""
    for tok in sent:
        if tok.lemma_.lower() not in _CALL or tok.pos_ != "VERB" or tok.i in {t.i for t in frame.top.subtree}:
            continue
        if not any(c.dep_ == "dobj" and (c.lower_ in ("it", "this", "that") or c.lower_ in state.gazetteer.topic)
                   for c in tok.children):
            continue  # "called it …", "calling any such deployment a direct threat": the commitment named
        for c in tok.children:
            if c.dep_ in ("oprd", "xcomp", "attr", "ccomp"):
                return phrase(state.doc, list(c.subtree))
            if c.dep_ == "prep" and c.lower_ == "as":
                return phrase(state.doc, [t for p in c.children for t in p.subtree])
    return None


def with_elaboration(state: DocState, sent: Span, frame: Frame, actor: Mention, qual: Qualifiers) -> str | None:
    """The clause's reason, plus what the sentence says elsewhere about this actor ("—Poland faces pressure …")."""
    reason = qual.reason
    if frame.cue.kind == "condition" and frame.top.pos_ == "ADJ":
        prep = next((c for c in frame.top.children if c.dep_ == "prep"), None)
        if prep is not None and reason is None:
            reason = phrase(state.doc, [frame.top, *prep.subtree])
    if actor.kind != "country":
        return reason
    frame_ids = {t.i for t in clause_tokens(frame)}
    ancestors = {a.i for a in frame.top.ancestors}
    for tok in sent:
        if tok.i in frame_ids or (tok.i in ancestors and tok.i < max(frame_ids)) or tok.pos_ not in ("VERB", "AUX"):
            continue
        if tok.dep_ not in ("conj", "ROOT", "advcl", "ccomp", "parataxis"):
            continue
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        m = state.token_mention.get(subj.i) if subj is not None else None
        if subj is None or m is None or m.kind != "country" or m.key != actor.key:
            continue
        if cue_for(state, tok) is not None:
            continue
        keep = [t for t in tok.subtree if t.i >= subj.i
                and not _under(t, tok, ("advcl", "conj", "cc", "punct", "mark", "ccomp"))]
        extra = phrase(state.doc, keep)
        if extra:
            return f"{reason}: {extra}" if reason else extra
    return reason


def _under(t: Token, root: Token, deps: tuple[str, ...]) -> bool:
    while t.i != root.i:
        if t.head.i == root.i and t.dep_ in deps:
            return True
        if t.head.i == t.i:
            return False
        t = t.head
    return False
