"""Component: turning findings into the public claim records (:mod:`kg.claims`).

Roles are kept once per (person, role type, country, organisation) — the first
mention is the evidence; stances once per actor, polarity, scope and sentence, with
their reasons and conditions merged. Every quote is ``body[start:end]``.
"""

from __future__ import annotations

from kg.claims import ArticleClaims, RoleClaim, StanceClaim
from kg.extract.context import join_phrases, person_country
from kg.extract.records import DocState, StanceFinding


def build_claims(state: DocState) -> ArticleClaims:
    """The :class:`~kg.claims.ArticleClaims` of one processed article."""
    body, doc_path = state.article.body, state.article.path
    out = ArticleClaims(doc=doc_path)
    seen_roles: set[tuple] = set()
    for f in sorted(state.roles, key=lambda r: r.start_char):
        key = (f.person, f.role_type, f.country, f.organization)
        if key in seen_roles:
            continue
        seen_roles.add(key)
        out.roles.append(RoleClaim(
            person=f.person, role=f.role, role_type=f.role_type, country=f.country, organization=f.organization,
            quote=body[f.start_char:f.end_char], start=f.start_char, end=f.end_char,
            confidence=round(min(max(f.confidence, 0.0), 1.0), 3), doc=doc_path,
        ))
    merged: dict[tuple, StanceFinding] = {}
    for f in _collapse(state.stances):
        key = (f.actor.kind, f.actor.key, f.polarity, f.start_char, f.end_char)
        if key in merged:
            prev = merged[key]
            prev.reason = join_phrases(prev.reason, f.reason)
            prev.condition = join_phrases(prev.condition, f.condition)
            prev.speaker = prev.speaker or f.speaker
            prev.confidence = max(prev.confidence, f.confidence)
        else:
            merged[key] = StanceFinding(f.actor, f.polarity, f.scope, f.speaker, f.reason, f.condition,
                                        f.start_char, f.end_char, f.confidence)
    target = state.gazetteer.proposal.get("label", "reassurance force")
    for f in sorted(merged.values(), key=lambda s: (s.start_char, s.actor.kind != "person")):
        if f.actor.kind == "country":
            label, country = state.gazetteer.country_name(f.actor.key) or f.actor.key, f.actor.key
        elif f.actor.kind == "organization":
            org = state.gazetteer.organisations.get(f.actor.key)
            label, country = f.actor.key, org.country if org else None
        else:
            label, country = f.actor.key, person_country(state, f.actor.key)[0]
        out.stances.append(StanceClaim(
            actor=label, actor_type=f.actor.kind, country=country, polarity=f.polarity, scope=f.scope,
            target=target, speaker=f.speaker, reason=f.reason, condition=f.condition,
            quote=body[f.start_char:f.end_char], start=f.start_char, end=f.end_char,
            confidence=round(min(max(f.confidence, 0.0), 1.0), 3), doc=doc_path,
        ))
    return out


def sentence_polarity(polarities: set[str], conditioned: bool) -> str:
    """The one polarity an actor holds in one sentence, for one scope.

    A refusal beside an offer ("rules out troops but will provide logistics") is a
    refusal; beside a conditional offer with a stated condition ("but would consider
    monitors once a ceasefire holds") it is conditional; support beside conditional
    support is conditional; undecided beside a position is that position.

    Examples
    --------
    >>> sentence_polarity({"opposes", "supports"}, conditioned=False)
    'opposes'
    >>> sentence_polarity({"opposes", "conditional"}, conditioned=True)
    'conditional'
    >>> sentence_polarity({"supports", "conditional", "neutral"}, conditioned=True)
    'conditional'
    """
    decided = polarities - {"neutral"} or polarities
    if "opposes" in decided and len(decided) > 1:
        return "conditional" if "conditional" in decided and conditioned else "opposes"
    if "conditional" in decided:
        return "conditional"
    return next(iter(sorted(decided)))


def _collapse(findings: list[StanceFinding]) -> list[StanceFinding]:
    """One polarity per actor and sentence (see :func:`sentence_polarity`).

    Scopes are not kept apart here: "will not send troops, but is ready to support the
    declaration" is one refusal, and a sentence that really holds both ("backs the force
    but will not send its own troops") is rare enough to be worth a recall point.
    """
    groups: dict[tuple, list[StanceFinding]] = {}
    for f in findings:
        groups.setdefault((f.actor, f.start_char), []).append(f)
    out = []
    for group in groups.values():
        conditioned = any(f.polarity == "conditional" and f.condition for f in group)
        polarity = sentence_polarity({f.polarity for f in group}, conditioned)
        for f in group:
            if f.polarity != polarity:
                f = StanceFinding(f.actor, polarity, f.scope, f.speaker, f.reason, f.condition, f.start_char,
                                  f.end_char, f.confidence - 0.1)
            out.append(f)
    return out
