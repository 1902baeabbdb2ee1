"""Component: actor–stance findings from the frames of :mod:`kg.extract.frames`.

The actor is the subject of the frame (through pronouns, "including" lists, possessors
and relative clauses), else the speaker of the reported clause or quotation, else —
for "send British and French troops" — the countries whose troops would be sent.
Mentions of the destination country inside place phrases are never actors. A head of
state or government, minister or spokesperson speaking gives the country's stance too.
Conditions and reasons come from the clause's markers (see :mod:`kg.extract.reasons`).
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Span, Token

from kg.extract.attribution import listed_with, mentions_for, speakers_for, subject_of
from kg.extract.frames import Frame, cue_for, find_frames, is_question, is_topic, on_topic
from kg.extract.reasons import Qualifiers, phrase, qualifiers
from kg.extract.records import Actor, DocState, Mention, StanceFinding
from kg.extract.roles import GOVERNMENT_ROLE_TYPES

#: Verbs that only carry a noun cue ("has no plans to", "expressed scepticism about").
LIGHT_VERBS = frozenset({"have", "express", "voice", "show", "signal", "make", "give", "reaffirm", "reiterate",
                         "announce", "confirm", "declare", "restate", "renew", "stress", "underline"})
_TIME_MARKS = frozenset({"once", "after", "when", "until", "if", "unless"})
_CONCESSIVE = frozenset({"while", "although", "though", "whilst"})
_OBLIGATION = frozenset({"must", "need", "should"})  # "has" as an auxiliary is the perfect tense, not "has to"
_CLAUSE_CLIMB = frozenset({"xcomp", "acomp", "prep", "pcomp", "dobj", "attr", "acl", "pobj", "conj"})
#: Nouns a cue's complement hangs from ("initiated the idea of sending a contingent").
GENERIC_COMPLEMENTS = frozenset({"idea", "plan", "proposal", "possibility", "prospect", "option", "concept",
                                 "initiative", "notion"})




def find_stances(state: DocState) -> None:
    """Fill ``state.stances``."""
    previous_on_topic = False
    for sent in state.sents:
        here = on_topic(state, sent)
        # the sentence after one on the subject is read too ("… a U.S. backstop was essential", "… dismissed the
        # idea"), across a paragraph break: news paragraphs are often one sentence long
        if (here or previous_on_topic) and not is_question(sent):
            for frame in find_frames(state, sent, here):
                state.stances.extend(_findings(state, sent, frame))
        previous_on_topic = here
    _reasons_from_next_sentence(state)


_CONTINUING = frozenset({"he", "she", "it", "they", "we", "i", "this", "that"})


def _reasons_from_next_sentence(state: DocState) -> None:
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
        if _quote_bounds(nxt)[0] in with_stance:
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
    """What a continuing sentence gives as the reason: what was said ("He said the plan would only
    prolong the war"), else the phrase of a reason marker in it."""
    said = subj.head if subj.head.lemma_.lower() in state.gazetteer.reporting_verbs else None
    content = next((c for c in said.children if c.dep_ == "ccomp"), None) if said is not None else None
    if content is not None:
        return phrase(state.doc, [t for t in content.subtree if t.dep_ != "mark" or t.head.i != content.i])
    return qualifiers(state.doc, list(sent), state.gazetteer.markers, negated=False, lowers=state.lowers).reason


# --- actors ------------------------------------------------------------------------------------------

def _actor_mentions(state: DocState, frame: Frame) -> tuple[list[Mention], list[Mention], float]:
    """(actors, speakers, confidence) for a frame."""
    speakers = speakers_for(state, frame.top)
    if frame.holder is not None:  # "X criticised Atlantis for offering soldiers": Atlantis's commitment
        return mentions_for(state, frame.holder), speakers, 0.7
    if frame.cue.kind == "consequence":  # "warned that foreign troops would trigger a war": the warner's stance
        return [m for m in speakers if m.kind != "org" or m.known], speakers, 0.7
    subj = subject_of(frame.top, passable=lambda t: cue_for(state, t) is not None
                      or t.lemma_.lower() in GENERIC_COMPLEMENTS or t.lemma_.lower() in LIGHT_VERBS)
    actors: list[Mention] = []
    confidence = 0.85
    if subj is not None:
        actors = mentions_for(state, subj)
        if actors and subj.pos_ == "PRON":
            confidence = 0.75
        for anchor in actors or [None]:
            actors += [m for m in listed_with(state, subj, anchor) if m not in actors]
    if not actors and speakers:
        actors, confidence = speakers, 0.7 if subj is None or subj.pos_ == "PRON" else 0.6
    if not actors and frame.cue.kind in ("action", "modal"):
        actors, confidence = _troop_providers(state, frame), 0.55
    destination = state.gazetteer.proposal.get("destination")
    adversary = state.gazetteer.proposal.get("adversary")
    sending = frame.cue.kind == "action" or (frame.scope == "own_troops" and frame.cue.kind == "modal")
    actors = [m for m in actors if not (m.kind == "country" and m.key in (destination, adversary) and sending)]
    actors = [m for m in actors if m.kind != "org" or m.known]
    actors = [m for m in actors if m.kind != "person" or " " in m.key.strip()]  # a lone first name is no actor
    return actors, speakers, confidence


def _troop_providers(state: DocState, frame: Frame) -> list[Mention]:
    """"send British and French military personnel": the countries whose troops would be sent."""
    excluded = {state.gazetteer.proposal.get("destination"), state.gazetteer.proposal.get("adversary")}
    found: dict[str, Mention] = {}
    for troop in frame.troop_objects:
        for c in troop.children:
            if c.dep_ not in ("amod", "compound", "poss", "nmod"):
                continue
            for t in [c, *c.conjuncts]:
                m = state.token_mention.get(t.i)
                if m is not None and m.kind == "country" and m.key not in excluded:
                    found.setdefault(m.key, m)
    return list(found.values())


def _person_country(state: DocState, name: str) -> tuple[str | None, str | None]:
    """(country, role_type) of a person: a government role found in the article, else the known person's."""
    for role in state.roles:
        if role.person == name and role.country and role.role_type in GOVERNMENT_ROLE_TYPES:
            return role.country, role.role_type
    for role in state.roles:
        if role.person == name and role.country:
            return role.country, role.role_type
    known = next((p for p in state.gazetteer.persons if p.name == name), None)
    if known is not None:
        return known.country, known.role_type
    return None, None


def _findings(state: DocState, sent: Span, frame: Frame) -> list[StanceFinding]:
    actors, speakers, confidence = _actor_mentions(state, frame)
    if not actors:
        return []
    clause = _clause_tokens(frame, _reason_starts(state), state.gazetteer.reporting_verbs)
    qual = qualifiers(state.doc, clause, state.gazetteer.markers, negated=frame.negated, lowers=state.lowers,
                      condition_events=state.gazetteer.words("condition_event"))
    polarity = frame.polarity
    if _under_whether(frame.top) and polarity in ("supports", "opposes"):
        polarity = "neutral"  # "too early to say whether Sweden would send troops"
    concession = _concession(state, frame)
    if concession is not None:
        qual = Qualifiers(reason=_join(qual.reason, concession), condition=qual.condition, makes_conditional=True)
    only = _only_under(state, frame)
    if only is not None and polarity in ("supports", "neutral"):
        qual = Qualifiers(reason=qual.reason, condition=_join(qual.condition, only), makes_conditional=True,
                          timed=qual.timed, exceptive=True)
    if _conditions(qual, polarity):
        polarity = "conditional"
    condition = qual.condition
    if frame.cue.kind == "condition":
        condition = _condition_phrase(state, frame) or condition
    if polarity == "supports" and not (qual.makes_conditional or qual.timed):
        # "forces that could be deployed after a ceasefire is achieved": a condition elsewhere in the sentence
        in_sentence = qualifiers(state.doc, list(sent), state.gazetteer.markers, negated=frame.negated,
                                 lowers=state.lowers, condition_events=state.gazetteer.words("condition_event"))
        if in_sentence.makes_conditional or in_sentence.timed:
            polarity, condition, confidence = "conditional", in_sentence.condition, confidence - 0.05
        elif (required := _requirement(state, sent, frame)) is not None:
            polarity, condition, confidence = "conditional", required, confidence - 0.05
    if polarity == "supports" and _hedged(state, frame):
        # "Swedish troops may be sent": undecided, or conditional when a condition is stated; never plain support
        polarity = "conditional" if condition else "neutral"
        confidence -= 0.15
    reason_override = _consequence_reason(state, frame) or _called_it(state, sent, frame)
    scope = frame.scope
    speaker_person = next((m.key for m in speakers if m.kind == "person"), None)
    start, end = _quote_bounds(sent)
    normative = _normative(frame)
    out: list[StanceFinding] = []
    for m in actors:
        reason = reason_override or _with_elaboration(state, sent, frame, m, qual)
        own_scope = _own_scope(state, frame, m, scope)
        if m.kind == "person":
            country, role_type = _person_country(state, m.key)
            out.append(StanceFinding(Actor("person", m.key), polarity, own_scope, m.key, reason, condition,
                                     start, end, confidence))
            if country and role_type in GOVERNMENT_ROLE_TYPES:
                out.append(StanceFinding(Actor("country", country), polarity, own_scope, m.key, reason, condition,
                                         start, end, confidence - 0.05))
        elif m.kind == "country" and speaker_person and (normative or _outside_government(state, speaker_person)):
            # "opposition leader Roe said the country should not send troops": Roe's stance, not the country's
            out.append(StanceFinding(Actor("person", speaker_person), polarity, own_scope, speaker_person, reason,
                                     condition, start, end, confidence - 0.05))
        elif m.kind == "country" and normative:
            continue  # a recommendation with no one to hold it
        elif m.kind == "country":
            out.append(StanceFinding(Actor("country", m.key), polarity, own_scope, speaker_person, reason, condition,
                                     start, end, confidence))
            if speaker_person and _person_country(state, speaker_person)[0] == m.key:
                # a minister stating the government's position holds it too
                out.append(StanceFinding(Actor("person", speaker_person), polarity, own_scope, speaker_person,
                                         reason, condition, start, end, confidence - 0.05))
        else:
            out.append(StanceFinding(Actor("organization", m.key), polarity, own_scope, speaker_person, reason,
                                     condition, start, end, confidence))
    return out


_NEED = frozenset({"need", "require", "must"})
_SEE = frozenset({"see", "have", "get"})


def _requirement(state: DocState, sent: Span, frame: Frame) -> str | None:
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


def _hedged(state: DocState, frame: Frame) -> bool:
    """A hedge word ("might", "could", "may", "possibly") on the commitment or the verb that carries it."""
    hedges = state.gazetteer.words("hedge")
    heads = [frame.top, *frame.tokens]
    heads += [t.head for t in heads if t.dep_ in ("xcomp", "acomp", "attr", "pobj", "pcomp") and t.head.i != t.i]
    return any(c.dep_ in ("aux", "auxpass", "advmod") and c.lower_ in hedges for t in heads for c in t.children)


def _consequence_reason(state: DocState, frame: Frame) -> str | None:
    """What a warned-of consequence names: "would trigger confrontation with Moscow", or, under a
    rejection, "rejects any scenarios … that can lead to an uncontrolled escalation"."""
    if frame.cue.kind == "consequence":
        verbs = [frame.top]
    elif frame.polarity == "opposes":
        verbs = [t for t in frame.top.subtree if t.i != frame.top.i and t.pos_ == "VERB"
                 and (c := cue_for(state, t)) is not None and c.kind == "consequence"]
    else:
        return None
    for verb in verbs:
        objs = [c for c in verb.children if c.dep_ in ("dobj", "attr")]
        objs += [p for c in verb.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
        if objs:
            return phrase(state.doc, [t for o in objs for t in o.subtree])
    return None


_CALL = frozenset({"call", "describe", "term", "label", "consider", "see"})


def _called_it(state: DocState, sent: Span, frame: Frame) -> str | None:
    """"… and called it the only way to achieve peace": what the speaker calls the commitment is its reason."""
    for tok in sent:
        if tok.lemma_.lower() not in _CALL or tok.pos_ != "VERB" or tok.i in {t.i for t in frame.top.subtree}:
            continue
        if not any(c.dep_ == "dobj" and c.lower_ in ("it", "this", "that") for c in tok.children):
            continue
        for c in tok.children:
            if c.dep_ in ("oprd", "xcomp", "attr", "ccomp"):
                return phrase(state.doc, list(c.subtree))
            if c.dep_ == "prep" and c.lower_ == "as":
                return phrase(state.doc, [t for p in c.children for t in p.subtree])
    return None


_NORMATIVE = frozenset({"should", "ought"})
#: Speakers who hold their own positions, never their country's: the opposition, parliamentarians.
_OWN_VOICE_ROLES = frozenset({"party_leader", "legislator"})


def _normative(frame: Frame) -> bool:
    """"X should (not) send troops": a recommendation, the speaker's view of what X ought to do."""
    heads = [frame.top, *frame.tokens]
    heads += [t.head for t in heads if t.dep_ in ("xcomp", "acomp") and t.head.i != t.i]
    return any(c.dep_ == "aux" and c.lower_ in _NORMATIVE for t in heads for c in t.children)


def _outside_government(state: DocState, person: str) -> bool:
    """A speaker whose known role is in parliament or a party, not in government."""
    return _person_country(state, person)[1] in _OWN_VOICE_ROLES


_ONLY_PREPS = frozenset({"under", "with", "within", "through"})


def _only_under(state: DocState, frame: Frame) -> str | None:
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


def _conditions(qual: Qualifiers, polarity: str) -> bool:
    """Whether the clause's condition makes the stance conditional.

    Support and undecided stances become conditional on any stated condition ("would
    consider monitors once a ceasefire holds"); a refusal only on an exceptive one ("will
    not send troops unless there is a UN mandate"), so "will not send troops after a
    ceasefire either" stays a refusal.
    """
    if polarity in ("supports", "neutral"):
        return qual.makes_conditional or qual.timed
    return polarity == "opposes" and qual.exceptive


def _under_whether(tok: Token) -> bool:
    for t in [tok, *tok.ancestors]:
        if any(c.dep_ == "mark" and c.lower_ == "whether" for c in t.children):
            return True
        if t.dep_ in ("ROOT",):
            break
    return False


def _concession(state: DocState, frame: Frame) -> str | None:
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


def _join(a: str | None, b: str | None) -> str | None:
    if not a or not b:
        return a or b
    return f"{a}; {b}"


def _own_scope(state: DocState, frame: Frame, actor: Mention, scope: str) -> str:
    """A troop word modified by the actor's own country ("US boots") makes the scope ``own_troops``."""
    country = actor.key if actor.kind == "country" else None
    if actor.kind == "person":
        country = _person_country(state, actor.key)[0]
    for troop in frame.troop_objects:
        for c in troop.children:
            m = state.token_mention.get(c.i)
            if (m is not None and m.kind == "country" and m.key == country) or c.lower_ in ("own", "our"):
                return "own_troops"
    return scope


def _clause_tokens(frame: Frame, reason_starts: frozenset[str] = frozenset(),
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


def _reason_starts(state: DocState) -> frozenset[str]:
    """First words of unambiguous reason markers ("citing", "due to", "because")."""
    return frozenset(m.split()[0] for m, kind in state.gazetteer.markers.items()
                     if kind == "reason" and m not in ("as", "while", "since", "given"))


def _condition_phrase(state: DocState, frame: Frame) -> str | None:
    """What a condition cue says the stance depends on."""
    tok, doc = frame.top, state.doc
    for c in tok.children:  # "depend on X", "contingent on X", "conditional upon X"
        if c.dep_ == "prep" and c.lower_ in ("on", "upon"):
            objs = [p for p in c.children if p.dep_ in ("pobj", "pcomp")]
            if objs:
                return phrase(doc, [t for o in objs for t in o.subtree])
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


def _with_elaboration(state: DocState, sent: Span, frame: Frame, actor: Mention, qual: Qualifiers) -> str | None:
    """The clause's reason, plus what the sentence says elsewhere about this actor ("—Poland faces pressure …")."""
    reason = qual.reason
    if frame.cue.kind == "condition" and frame.top.pos_ == "ADJ":
        prep = next((c for c in frame.top.children if c.dep_ == "prep"), None)
        if prep is not None and reason is None:
            reason = phrase(state.doc, [frame.top, *prep.subtree])
    if actor.kind != "country":
        return reason
    frame_ids = {t.i for t in _clause_tokens(frame)}
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


def _quote_bounds(sent: Span) -> tuple[int, int]:
    text = sent.text
    lead = len(text) - len(text.lstrip())
    trail = len(text.rstrip())
    return sent.start_char + lead, sent.start_char + trail
