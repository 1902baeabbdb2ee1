"""Reasons and conditions of a stance, from causal, conditional and temporal phrases.

Markers come from ``markers.tsv``: "due to", "because (of)", "citing", "as" give
reasons; "if", "unless", "only with", "without" give conditions (and make a stance
conditional); "once", "after" give a condition of timing only; a concessive "while …
must …" clause gives a reason and makes the stance conditional.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from kg.extract.records import DocState, doc_text

if TYPE_CHECKING:
    from kg.extract.frames import Frame

_MODAL_NEED = frozenset({"must", "need", "have", "should", "require"})
_TRIM = " ,;:—–-“”\"'‘’."
_COMMENT_VERBS = frozenset({"say", "note", "mention", "stress", "explain", "state", "report", "put", "expect",
                            "know", "see", "agree", "plan", "announce", "confirm"})
#: time markers that, under a negation, make a refusal conditional ("not before", "not until")
_NOT_UNTIL = frozenset({"before", "until"})
_DANGLING = frozenset({"and", "or", "but", "then", "first", "so"})
MAX_WORDS = 18


@dataclass(frozen=True)
class Qualifiers:
    """Reasons and conditions found around a stance cue."""

    reason: str | None = None
    condition: str | None = None
    makes_conditional: bool = False
    #: a time phrase naming a condition event ("once a ceasefire holds"): conditions support, not a refusal
    timed: bool = False
    #: an exceptive condition ("unless", "only if", "provided"): conditions a refusal too
    exceptive: bool = False


def phrase(doc: Doc, tokens: list[Token], skip: set[int] = frozenset()) -> str | None:
    """The text from the first to the last token, cut at a dash or semicolon and to a short phrase."""
    ids = sorted(t.i for t in tokens if t.i not in skip)
    if not ids:
        return None
    first, last = ids[0], ids[-1]
    words = []
    for t in doc[first:last + 1]:
        if t.text in (";", "—", "–") and words:
            break
        words.append(t)
    if len(words) > MAX_WORDS:
        words = words[:MAX_WORDS]
    while words and (words[-1].pos_ in ("ADP", "DET", "CCONJ", "PUNCT", "SCONJ") or words[-1].lower_ in _DANGLING):
        words.pop()
    if not words:
        return None
    text = doc_text(doc)[words[0].idx:words[-1].idx + len(words[-1].text)]
    text = text.strip(_TRIM)
    return text or None


def _marker_at(lowers: list[str], i: int, markers: dict[str, str]) -> tuple[str, int] | None:
    """The longest marker starting at token ``i``: its kind and its length in tokens."""
    for n in (4, 3, 2, 1):
        if i + n <= len(lowers):
            words = " ".join(lowers[i:i + n])
            if words in markers:
                return markers[words], n
    return None


def qualifiers(doc: Doc, clause_tokens: list[Token], markers: dict[str, str], *, negated: bool,
               lowers: list[str] | None = None, condition_events: frozenset[str] = frozenset(),
               sources: frozenset[str] = frozenset()) -> Qualifiers:
    """Find reason and condition phrases among a stance clause's tokens.

    A time phrase ("once", "after", "when") makes the stance conditional when it names
    one of ``condition_events`` ("once a ceasefire holds"); another ("after a summit in
    Paris") is only a date and gives nothing. Each phrase stops where the next marker
    starts, so "once there is a ceasefire to avoid giving a pretext" gives a condition
    and a reason, not one long condition. "citing" a source (one of ``sources``: "citing unnamed
    officials") attributes a report and gives no reason.
    """
    reasons: list[str] = []
    conditions: list[str] = []
    conditional = timed = exceptive = False
    consumed: set[int] = set()
    lowers = lowers if lowers is not None else [t.lower_ for t in doc]
    first_words = {m.split()[0] for m in markers}
    ordered = sorted(clause_tokens, key=lambda t: t.i)
    starts = [t.i for t in ordered if lowers[t.i] in first_words and _marker_at(lowers, t.i, markers) is not None
              and not (t.dep_ == "prep" and t.head.pos_ in ("NOUN", "PROPN"))]  # "tensions with Turkey" goes on
    for tok in ordered:
        if tok.i in consumed:
            continue
        if lowers[tok.i] not in first_words:
            continue
        found = _marker_at(lowers, tok.i, markers)
        if found is None:
            continue
        kind, n = found
        words = " ".join(lowers[tok.i:tok.i + n])
        governed = _governed(doc, tok, n)
        stop = next((i for i in starts if i > tok.i + n - 1), None)
        if stop is not None:
            governed = [t for t in governed if t.i < stop]
        if not governed:
            continue
        text = phrase(doc, governed, skip=set(range(tok.i, tok.i + n)))
        consumed.update(t.i for t in governed)
        consumed.update(range(tok.i, tok.i + n))  # the "as" inside "as long as" starts nothing
        if not text:
            continue
        if kind == "reason":
            if words == "while":
                if any(_obliges(t) for t in governed):
                    reasons.append(text)
                    conditional = True
                continue
            if words == "as" and (tok.dep_ != "mark" or tok.head.lemma_.lower() in _COMMENT_VERBS):
                continue  # "as I've said before" comments, it gives no reason
            if words == "citing" and _names_a_source(governed, sources):
                continue
            reasons.append(text)
        elif kind in ("condition", "exception"):
            if words == "with" or (tok.pos_ == "VERB" and any(c.dep_ == "dobj" for c in tok.children)):
                continue  # "providing logistical support" is an offer, not "providing that …"
            if words == "without" and not negated:
                continue
            if tok.i > 0 and lowers[tok.i - 1] in ("especially", "particularly", "even"):
                continue  # "a target, especially if they arrived now" sharpens a threat, it sets no condition
            if text.lower().startswith("that "):  # "on the condition that X"
                text = text[5:]
            conditions.append(text)
            conditional = True
            exceptive = exceptive or kind == "exception"
        elif kind == "time" and tok.dep_ in ("mark", "prep", "advmod", "pcomp") and any(
                (t.lower_ in condition_events or t.lemma_.lower() in condition_events) and t.ent_type_ != "DATE"
                for t in governed):  # "before the end of the year" is a date, "once the war ends" a condition
            conditions.append(text)
            timed = True
            # "will not send troops before a ceasefire is agreed": a refusal until then is readiness after it
            exceptive = exceptive or (negated and words in _NOT_UNTIL)
    if not reasons:
        purpose = _purpose_clause(doc, ordered, consumed)
        if purpose:
            reasons.append(purpose)
    return Qualifiers(reason="; ".join(dict.fromkeys(reasons)) or None,
                      condition="; ".join(dict.fromkeys(conditions)) or None,
                      makes_conditional=conditional, timed=timed, exceptive=exceptive)


def _names_a_source(governed: list[Token], sources: frozenset[str]) -> bool:
    """"citing unnamed officials", "citing a government source": the phrase's head noun is a source of news."""
    heads = [t for t in governed if t.head.i not in {g.i for g in governed} or t.head.i == t.i]
    return any(t.lemma_.lower() in sources or t.lower_ in sources for t in heads)


def _obliges(tok: Token) -> bool:
    """"must", "need", "has to": an obligation; the perfect "have pledged" is none.

    Parameters
    ----------
    tok : Token
        A token of a concessive "while" clause.

    Returns
    -------
    bool
        True when the token states what must be done ("its own readiness must be preserved").
    """
    if tok.dep_ in ("aux", "auxpass") and tok.lemma_.lower() == "have":
        return False  # "while the Netherlands have pledged soldiers": a contrast, not a reservation
    return tok.lower_ in _MODAL_NEED or (tok.lemma_ in _MODAL_NEED and tok.dep_ not in ("aux", "auxpass"))


def _purpose_clause(doc: Doc, ordered: list[Token], consumed: set[int]) -> str | None:
    """", to help secure the skies and seas": a to-infinitive set off after the commitment says what it is for.

    Only an adverbial to-clause with no subject of its own, after a comma, on a verb of the clause.
    """
    inside = {t.i for t in ordered}
    for tok in ordered:
        if tok.i in consumed or tok.dep_ not in ("advcl", "xcomp") or tok.tag_ != "VB":
            continue
        if tok.head.pos_ not in ("VERB", "AUX"):
            continue
        to = next((c for c in tok.children if c.dep_ == "aux" and c.lower_ == "to"), None)
        if to is None or any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in tok.children):
            continue
        if to.i == 0 or doc[to.i - 1].text != "," or to.i < tok.head.i:
            continue
        text = phrase(doc, [t for t in tok.subtree if t.i in inside])
        if text:
            return text
    return None


_RELATIONAL = frozenset({"with", "between", "over", "from", "in", "on"})


def _attached_after(doc: Doc, tokens: list[Token]) -> list[Token]:
    """"tensions | with Turkey": a relational phrase the parser hung elsewhere, right after the object."""
    end = max(t.i for t in tokens) + 1
    if end < len(doc) and doc[end].lower_ in _RELATIONAL and doc[end].dep_ == "prep":
        objs = [c for c in doc[end].children if c.dep_ == "pobj"]
        if objs:
            return [doc[end], *(t for o in objs for t in o.subtree)]
    return []


def _governed(doc: Doc, tok: Token, n: int) -> list[Token]:
    """Tokens a marker introduces: its object (preposition) or its clause (subordinator)."""
    last = doc[tok.i + n - 1]
    if tok.dep_ == "advmod" and n == 1 and tok.head.i > tok.i and tok.head.pos_ in ("VERB", "AUX"):
        # "when a ceasefire is in place", "once a ceasefire is agreed": an adverb opening its clause
        return [t for t in tok.head.subtree if t.i > tok.i]
    if tok.dep_ == "mark" or last.dep_ == "mark":
        head = (last if last.dep_ == "mark" else tok).head
        return [t for t in head.subtree if t.i > last.i or (t.i < tok.i and t.i >= head.left_edge.i and t.i != tok.i)]
    for cand in (last, tok):
        objs = [c for c in cand.children if c.dep_ in ("pobj", "pcomp", "dobj", "ccomp", "xcomp")]
        if objs:
            out: list[Token] = []
            for o in objs:
                out.extend(o.subtree)
            return out + _attached_after(doc, out)
    if tok.pos_ == "VERB":  # "citing X"
        return [t for t in tok.subtree if t.i > tok.i]
    return []


_TIME_MARKS = frozenset({"once", "after", "when", "until", "if", "unless"})


_CLAUSE_CLIMB = frozenset({"xcomp", "acomp", "prep", "pcomp", "dobj", "attr", "acl", "pobj", "conj"})


def clause_tokens(frame: Frame, reason_starts: frozenset[str] = frozenset(),
                   reporting: frozenset[str] = frozenset()) -> list[Token]:
    """The tokens of the frame's clause: the top cue's subtree and its governing verb's, not other clauses."""
    top = frame.top
    head = top
    while head.dep_ in _CLAUSE_CLIMB and head.head.i != head.i:
        if head.dep_ == "conj" and head.pos_ in ("VERB", "AUX"):
            break  # "would consider X once …, but rules out Y": the other conjunct's phrases are not this clause's
        head = head.head
        if head.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children):
            break
    tokens = list(head.subtree)
    inside = {t.i for t in tokens}
    for ancestor in head.ancestors:  # "X said it would deploy troops, citing …": reasons of the reporting clause
        for c in ancestor.children:
            if c.dep_ not in ("advcl", "prep", "npadvmod") or c.i in inside:
                continue
            sub = list(c.subtree)
            if frame.top.i in {t.i for t in sub}:
                continue
            if sub[0].lower_ in reason_starts or (c.dep_ == "advcl" and ancestor.lemma_ not in reporting
                                                  and any(m.lower_ in _TIME_MARKS for m in c.children)):
                tokens.extend(sub)
    return tokens


def reason_starts(state: DocState) -> frozenset[str]:
    """First words of unambiguous reason markers ("citing", "due to", "because")."""
    return frozenset(m.split()[0] for m, kind in state.gazetteer.markers.items()
                     if kind == "reason" and m not in ("as", "while", "since", "given"))
