"""Component: person–role–country findings from title patterns.

Patterns (``T`` a title or coordinated titles from the gazetteer, ``P`` a person
mention, ``C`` a country, demonym or organisation mention):

* ``C ['s] T P``  — "Latvian Defence Minister Ana Novak", "Britain's Prime Minister Jan Berg";
* ``T of C P`` / ``T of C, P`` — "the President of France, Marc Dubois";
* ``T P of C`` — "Prime Minister Jan Berg of Sylvania";
* ``P, [the] [C['s]] T [of C]`` — "Ivan Petrenko, analyst and head of the Center ...";
* ``[the] C T`` with no name — resolved to a known person of that post named in the article.

When no holder is written, the known person's own country or organisation is used,
else the one country the sentence is about.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.extract.gazetteer import KnownPerson, Title
from kg.extract.records import DocState, Mention, RoleFinding
from kg.extract.resolve import match_known_person, resolve_persons

_FORMER = {"former", "ex", "ex-", "late", "then", "outgoing", "previous", "erstwhile"}
_NON_CONTEXT_PREPS = {"to", "in", "into", "on", "against", "with", "from", "near", "across", "inside", "within",
                      "toward", "towards", "at", "over", "about", "for", "between", "by", "of", "after"}


@lru_cache(maxsize=4)
def _title_matcher(vocab, titles: tuple[str, ...]) -> PhraseMatcher:
    matcher = PhraseMatcher(vocab, attr="LOWER")
    matcher.add("TITLE", [Doc(vocab, words=t.split()) for t in titles])
    return matcher


def _title_spans(state: DocState) -> list[Span]:
    doc = state.doc
    titles = tuple(sorted(state.gazetteer.titles))
    matcher = _title_matcher(doc.vocab, titles)
    spans = [doc[s:e] for _, s, e in matcher(doc)]
    spans = [s for s in spans if not any(t.i in state.token_mention for t in s)]
    return sorted(filter_spans(spans), key=lambda s: s.start)


def _add_titled_names(state: DocState, spans: list[Span]) -> bool:
    """Names right after a title that NER missed or mislabelled ("Defence Minister Jan Novak")."""
    doc = state.doc
    added = False
    for span in spans:
        i = span.end
        existing = state.token_mention.get(i)
        if existing is not None and (existing.kind == "person" or existing.known):
            continue
        j = i
        while j < len(doc) and j - i < 4 and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper() \
                and (j not in state.token_mention or not state.token_mention[j].known):
            j += 1
        if j - i < 2:
            continue
        if existing is not None:
            state.mentions.remove(existing)
        name = doc[i:j]
        state.mentions.append(Mention("person", name.text, name.text, i, j, name.start_char, name.end_char,
                                      "title", known=False))
        state.index_mentions()
        added = True
    return added


def _title_groups(spans: list[Span]) -> list[list[Span]]:
    """Coordinated titles ("Deputy Prime Minister and Minister of National Defence") form one group."""
    groups: list[list[Span]] = []
    for span in spans:
        if groups:
            last = groups[-1][-1]
            between = span.doc[last.end:span.start]
            if len(between) == 1 and between[0].lower_ in ("and", "&", ","):
                groups[-1].append(span)
                continue
        groups.append([span])
    return groups


def find_roles(state: DocState) -> None:
    """Fill ``state.roles``."""
    doc = state.doc
    findings: list[RoleFinding] = []
    spans = _title_spans(state)
    if _add_titled_names(state, spans):
        resolve_persons(state)
    for group in _title_groups(spans):
        first, last = group[0], group[-1]
        if _is_former(doc, first.start):
            continue
        holder_left, left_start = _holder_left(state, first.start)
        holder_of, after = _holder_of(state, last.end)
        person, p_span = _person_after(state, after)
        if person is not None:
            holder = holder_left or holder_of
            start = left_start if holder_left else first.start_char
            end_char = p_span.end_char
            if holder is None:  # "Prime Minister Jan Berg of Sylvania"
                holder, end_tok = _holder_of(state, p_span.end)
                if holder is not None:
                    end_char = doc[end_tok - 1].idx + len(doc[end_tok - 1])
            findings += _findings(state, group, person, holder, start, end_char)
            continue
        person, p_start = _person_before(state, first.start)
        if person is not None:
            holder = holder_left or holder_of
            end_tok = holder_of.end if holder_of else last.end
            findings += _findings(state, group, person, holder, p_start, doc[end_tok - 1].idx + len(doc[end_tok - 1]))
            continue
        holder = holder_left or holder_of
        if holder is not None and holder.kind == "country":
            findings += _unnamed(state, group, holder, left_start if holder_left else first.start,
                                 doc[last.end - 1].idx + len(doc[last.end - 1]))
    state.roles = _fill_from_article(findings)


def _is_former(doc: Doc, start: int) -> bool:
    for i in range(max(0, start - 3), start):
        if doc[i].lower_.rstrip("-") in _FORMER or doc[i].lower_ in _FORMER:
            return True
    return False


def _holder_left(state: DocState, start: int) -> tuple[Mention | None, int]:
    doc = state.doc
    i = start - 1
    if i >= 0 and doc[i].lower_ in ("'s", "’s", "'"):
        i -= 1
    m = state.token_mention.get(i) if i >= 0 else None
    if m is not None and m.kind in ("country", "org") and (m.kind != "org" or m.known):
        return m, doc[m.start].idx
    return None, start


def _holder_of(state: DocState, end: int) -> tuple[Mention | None, int]:
    """``of [the] C`` right after the title; returns the holder and the token after it."""
    doc = state.doc
    if end < len(doc) and doc[end].lower_ == "of":
        j = end + 1
        if j < len(doc) and doc[j].lower_ == "the":
            j += 1
        m = state.token_mention.get(j)
        if m is not None and m.kind in ("country", "org") and m.start == j:
            return m, m.end
    return None, end


def _person_after(state: DocState, i: int) -> tuple[Mention | None, Span | None]:
    doc = state.doc
    if i < len(doc) and doc[i].text == ",":
        i += 1
    m = state.token_mention.get(i)
    if m is not None and m.kind == "person" and m.start == i:
        return m, doc[m.start:m.end]
    return None, None


def _person_before(state: DocState, start: int) -> tuple[Mention | None, int]:
    """``P, [the|a] [C['s]] T``: an appositive title after a name."""
    doc = state.doc
    i = start - 1
    if i >= 0 and doc[i].lower_ in ("'s", "’s"):
        i -= 1
    m = state.token_mention.get(i)
    if m is not None and m.kind in ("country", "org"):
        i = m.start - 1
    if i >= 0 and doc[i].lower_ in ("the", "a", "an"):
        i -= 1
    if i >= 0 and doc[i].text == ",":
        p = state.token_mention.get(i - 1)
        if p is not None and p.kind == "person":
            return p, p.start_char
    return None, start


def _role_label(span: Span) -> str:
    small = {"of", "the", "and", "for", "to"}
    words = [w for w in span.text.split()]
    return " ".join(w if (w.isupper() or w.lower() in small) else w[:1].upper() + w[1:] for w in words)


def _findings(state: DocState, group: list[Span], person: Mention, holder: Mention | None,
              start_char: int, end_char: int) -> list[RoleFinding]:
    gaz = state.gazetteer
    known = match_known_person(person.key, gaz)
    out = []
    for span in group:
        title = gaz.titles[span.text.lower()]
        role_type, country, org, conf = _assign(state, title, holder, known, span)
        if role_type is None:
            continue
        out.append(RoleFinding(person.key, _role_label(span), role_type, country, org, start_char, end_char, conf))
    shared = next(((f.country, f.confidence) for f in out if f.country), None)
    if shared is not None:  # coordinated titles share their holder
        out = [f if f.country or f.organization else RoleFinding(f.person, f.role, f.role_type, shared[0], None,
                                                                f.start_char, f.end_char, shared[1])
               for f in out]
    return out


def _assign(state: DocState, title: Title, holder: Mention | None, known: KnownPerson | None,
            span: Span) -> tuple[str | None, str | None, str | None, float]:
    gaz = state.gazetteer
    if holder is not None and holder.kind == "org":
        org = gaz.organisations.get(holder.key)
        if org is not None and org.kind == "party":
            role_type = "party_leader" if title.org_role_type == "organization_leader" else title.role_type
            other = _demonym_before(state, holder)
            if other is not None and other != org.country:
                # "Dutch Labour Party leader": another country's party that shares the name
                return role_type, other, None, 0.8
            return role_type, org.country, org.name, 0.9
        return title.org_role_type, None, holder.key, 0.9
    if holder is not None:
        role_type = title.role_type
        if title.generic and known is not None and known.country == holder.key:
            role_type = known.role_type
        return role_type, holder.key, None, 0.9
    if known is not None and (known.role_type == title.role_type or title.generic
                              or known.role_type == title.org_role_type):
        role_type = known.role_type if title.generic else (
            title.org_role_type if known.organization and not known.country else title.role_type)
        return role_type, known.country, known.organization, 0.8
    if known is not None and known.country:  # a known person's country does not change with the post
        return title.role_type, known.country, None, 0.75
    country = _context_country(state, span)
    if title.generic and country is None:
        return None, None, None, 0.0
    return title.role_type, country, None, 0.6 if country else 0.5


def _demonym_before(state: DocState, mention: Mention) -> str | None:
    """The country of a nationality adjective right before a mention ("Dutch | Labour Party")."""
    before = state.token_mention.get(mention.start - 1)
    if before is not None and before.kind == "country" and before.via == "demonym":
        return before.key
    return None


def _context_country(state: DocState, span: Span) -> str | None:
    """The one country a sentence is about (mentions inside place phrases do not count)."""
    sent = state.sent_of(span.start)
    codes = set()
    for m in state.mentions:
        if m.kind != "country" or not (sent.start <= m.start < sent.end):
            continue
        head = state.doc[m.start]
        if any(a.dep_ == "prep" and a.lower_ in _NON_CONTEXT_PREPS for a in _ancestors_until_verb(head)):
            continue
        codes.add(m.key)
    return codes.pop() if len(codes) == 1 else None


def _ancestors_until_verb(token):
    for a in token.ancestors:
        if a.pos_ in ("VERB", "AUX"):
            return
        yield a


def _unnamed(state: DocState, group: list[Span], holder: Mention, start_char: int,
             end_char: int) -> list[RoleFinding]:
    """"The British Prime Minister" with no name: the known holder of that post, if named in the article."""
    gaz = state.gazetteer
    named = {m.key for m in state.mentions if m.kind == "person"}
    out = []
    for span in group:
        title = gaz.titles[span.text.lower()]
        if title.generic:
            continue
        holders = [p for p in gaz.persons if p.name in named and p.country == holder.key
                   and p.role_type == title.role_type]
        if len(holders) == 1:
            out.append(RoleFinding(holders[0].name, _role_label(span), title.role_type, holder.key, None,
                                   start_char, end_char, 0.6))
    return out


def _fill_from_article(findings: list[RoleFinding]) -> list[RoleFinding]:
    """A role found without a holder takes the holder found for the same person and role elsewhere."""
    holders = {(f.person, f.role_type): (f.country, f.organization) for f in findings
               if f.country or f.organization}
    out = []
    for f in findings:
        if not f.country and not f.organization and (f.person, f.role_type) in holders:
            country, org = holders[(f.person, f.role_type)]
            f = RoleFinding(f.person, f.role, f.role_type, country, org, f.start_char, f.end_char, f.confidence)
        out.append(f)
    return out
