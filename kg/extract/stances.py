"""Component: actor–stance findings from the frames of :mod:`kg.extract.frames`.

For each frame of a sentence on the subject: its actors (:mod:`kg.extract.actors`), the
qualifiers of its clause (:mod:`kg.extract.qualifiers`), whether it is conditional
(:mod:`kg.extract.conditions`) and why (:mod:`kg.extract.reasons`). A head of state or
government, minister or spokesperson speaking gives the country's stance too
(``role_types.tsv``); a party leader or legislator holds their own. May import every
module of the stance stages; nothing imports it but the pipeline.
"""

from __future__ import annotations

from spacy.tokens import Span

from kg.extract.actors import actor_mentions, is_normative, outside_government, own_scope
from kg.extract.conditions import (
    concession,
    condition_applies,
    condition_phrase,
    is_hedged,
    only_under,
    requirement,
    under_whether,
)
from kg.extract.context import join_phrases, person_country, sentence_bounds
from kg.extract.frames import Frame, find_frames, is_question, on_topic
from kg.extract.qualifiers import Qualifiers, clause_tokens, qualifiers, reason_starts
from kg.extract.reasons import (
    called_it,
    consequence_reason,
    predicated_reason,
    reasons_from_next_sentence,
    with_elaboration,
)
from kg.extract.records import Actor, DocState, StanceFinding


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
    reasons_from_next_sentence(state)


def _findings(state: DocState, sent: Span, frame: Frame) -> list[StanceFinding]:
    actors, speakers, confidence = actor_mentions(state, frame)
    if not actors:
        return []
    clause = clause_tokens(frame, reason_starts(state), state.gazetteer.reporting_verbs)
    qual = qualifiers(state.doc, clause, state.gazetteer.markers, negated=frame.negated, lowers=state.lowers,
                      condition_events=state.gazetteer.words("condition_event"),
                      sources=state.gazetteer.words("source_noun"))
    polarity = frame.polarity
    if under_whether(frame.top) and polarity in ("supports", "opposes"):
        polarity = "neutral"  # "too early to say whether Sweden would send troops"
    conceded = concession(state, frame)
    if conceded is not None:
        qual = Qualifiers(reason=join_phrases(qual.reason, conceded), condition=qual.condition,
                          makes_conditional=True)
    only = only_under(state, frame)
    if only is not None and polarity in ("supports", "neutral"):
        qual = Qualifiers(reason=qual.reason, condition=join_phrases(qual.condition, only), makes_conditional=True,
                          timed=qual.timed, exceptive=True)
    if condition_applies(qual, polarity):
        polarity = "conditional"
    condition = qual.condition
    if frame.cue.kind == "condition":
        condition = condition_phrase(state, frame) or condition
    if polarity == "supports" and not (qual.makes_conditional or qual.timed):
        # "forces that could be deployed after a ceasefire is achieved": a condition elsewhere in the sentence
        in_sentence = qualifiers(state.doc, list(sent), state.gazetteer.markers, negated=frame.negated,
                                 lowers=state.lowers, condition_events=state.gazetteer.words("condition_event"))
        if in_sentence.makes_conditional or in_sentence.timed:
            polarity, condition, confidence = "conditional", in_sentence.condition, confidence - 0.05
        elif (required := requirement(state, sent, frame)) is not None:
            polarity, condition, confidence = "conditional", required, confidence - 0.05
    if polarity in ("supports", "conditional") and is_hedged(state, frame):
        # "Swedish troops may be sent": undecided, or conditional when a condition is stated; never plain support,
        # and never as sure as a commitment ("could send peacekeepers, subject to a vote")
        polarity = "conditional" if condition else "neutral"
        confidence -= 0.15
    reason_override = (consequence_reason(state, frame) or called_it(state, sent, frame)
                       or (None if qual.reason else predicated_reason(state, frame)))
    scope = frame.scope
    speaker_person = next((m.key for m in speakers if m.kind == "person"), None)
    start, end = sentence_bounds(sent)
    normative = is_normative(frame)
    out: list[StanceFinding] = []
    for m in actors:
        reason = reason_override or with_elaboration(state, sent, frame, m, qual)
        actor_scope = own_scope(state, frame, m, scope)
        if m.kind == "person":
            country, role_type = person_country(state, m.key)
            out.append(StanceFinding(Actor("person", m.key), polarity, actor_scope, m.key, reason, condition,
                                     start, end, confidence))
            if country and role_type in state.gazetteer.government_role_types:
                out.append(StanceFinding(Actor("country", country), polarity, actor_scope, m.key, reason, condition,
                                         start, end, confidence - 0.05))
        elif m.kind == "country" and normative and speaker_person and " " not in speaker_person.strip():
            continue  # "Piet said Belgium must send troops": a lone first name holds no stance
        elif m.kind == "country" and speaker_person and (normative or outside_government(state, speaker_person)):
            # "opposition leader Roe said the country should not send troops": Roe's stance, not the country's
            out.append(StanceFinding(Actor("person", speaker_person), polarity, actor_scope, speaker_person, reason,
                                     condition, start, end, confidence - 0.05))
        elif m.kind == "country" and normative:
            continue  # a recommendation with no one to hold it
        elif m.kind == "country":
            out.append(StanceFinding(Actor("country", m.key), polarity, actor_scope, speaker_person, reason, condition,
                                     start, end, confidence))
            speaker_country, speaker_role = person_country(state, speaker_person) if speaker_person else (None, None)
            if speaker_country == m.key and speaker_role in state.gazetteer.government_role_types:
                # a minister stating the government's position holds it too (an analyst reporting it does not)
                out.append(StanceFinding(Actor("person", speaker_person), polarity, actor_scope, speaker_person,
                                         reason, condition, start, end, confidence - 0.05))
        else:
            out.append(StanceFinding(Actor("organization", m.key), polarity, actor_scope, speaker_person, reason,
                                     condition, start, end, confidence))
    return out


