"""Who does or says something: subjects, pronouns, speakers of reported speech.

Shared by the quote and stance components. Everything works on the dependency
parse: the subject of a clause (climbing through ``xcomp``/``acomp``/``conj`` and
relative clauses), possessors of nouns ("their readiness"), members listed with
"including", and the subject of the reporting verb a clause hangs from.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

from kg.extract.records import DocState, Mention

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers"})
GROUP_PRONOUNS = frozenset({"they", "them", "their", "it", "its"})
SPEAKER_PRONOUNS = frozenset({"we", "us", "our", "i", "me", "my"})
RELATIVE = frozenset({"who", "that", "which", "whom", "whose"})
_CLIMB = frozenset({"xcomp", "acomp", "conj", "advcl", "pcomp", "prep", "dobj", "attr", "oprd", "acl", "pobj",
                    "ccomp", "relcl", "appos", "npadvmod", "nmod", "amod"})
_MEMBER_PREPS = frozenset({"including", "include", "like", "such"})


def subject_of(token: Token, passable: Callable[[Token], bool] | None = None, *,
               passive_actions: frozenset[str] = frozenset()) -> Token | None:
    """The subject (or passive agent) of the clause a token belongs to.

    Climbs from a complement to the verb that has a subject (through ``xcomp``,
    ``acomp``, ``conj``, participial ``advcl``, ``acl``); a relative pronoun subject
    stands for the noun the relative clause modifies. Climbing out of an object or a
    prepositional phrase is allowed only into a token ``passable`` accepts (a cue word:
    "the idea of sending" under "initiated"), so that "discussed the possibility of
    deploying" does not make the discussants the deployers. The passive subject of one of
    ``passive_actions`` ("troops will be sent") is what is sent, not a subject.
    """
    tok: Token | None = token
    seen = 0
    while tok is not None and seen < 10:
        seen += 1
        agent = next((c for c in tok.children if c.dep_ == "agent"), None)
        if agent is not None:
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "csubj")), None)
        if subj is None and not (tok.pos_ == "VERB" and tok.lemma_ in passive_actions):
            subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        if subj is not None:
            if subj.lower_ in RELATIVE and tok.dep_ == "relcl":
                return tok.head
            return subj
        if tok.pos_ in ("NOUN", "PROPN"):
            poss = next((c for c in tok.children if c.dep_ == "poss"), None)
            if poss is not None:
                return poss
        if tok.dep_ == "relcl" or (tok.dep_ == "acl" and tok.tag_ == "VBG"):
            return tok.head  # "the UK—leading the delegation—": the modified noun acts
        if tok.dep_ not in _CLIMB or tok.head.i == tok.i:
            return None
        head = tok.head
        if tok.dep_ in _GUARDED and passable is not None and not (
                tok.dep_ in ("attr", "prep") and head.lemma_ in _COPULAS):  # "X is a supporter of", "X is against"
            gate = head.head if head.dep_ == "prep" and tok.dep_ in ("pobj", "pcomp") else head
            if head.pos_ == "ADP" and head.dep_ == "prep":
                gate = head.head
            if not passable(gate):
                return None
        tok = head
    return None


_COPULAS = frozenset({"be", "remain", "become"})
_DASHES = frozenset({"—", "–", "--"})


def before_dash(tok: Token) -> Token | None:
    """The proper name right before the dash that opens a participle ("Atlantis—leading the talks—").

    Whatever the parser hung the participle from (the noun before the list, or nothing: a
    second root), the participle describes the name the dash follows.
    """
    doc = tok.doc
    if tok.i < 2 or tok.tag_ != "VBG" or doc[tok.i - 1].text not in _DASHES:
        return None
    name = doc[tok.i - 2]
    return name if name.pos_ == "PROPN" else None


_GUARDED = frozenset({"dobj", "pobj", "prep", "pcomp", "attr", "oprd", "npadvmod", "nmod", "amod", "appos"})


def reporting_ancestors(state: DocState, token: Token) -> list[Token]:
    """Reporting verbs ("said", "warned", ...) the token's clause hangs from, nearest first."""
    reporting = state.gazetteer.reporting_verbs
    return [a for a in token.ancestors if a.lemma_.lower() in reporting and a.pos_ in ("VERB", "NOUN")]


def mentions_for(state: DocState, token: Token, *, depth: int = 0) -> list[Mention]:
    """Actors (country, organisation, person mentions) a subject token stands for."""
    if depth > 4:
        return []
    found: list[Mention] = []
    for tok in [token, *token.conjuncts]:
        found += _mentions_for_one(state, tok, depth)
    unique: dict[tuple[str, str], Mention] = {}
    for m in found:
        unique.setdefault((m.kind, m.key), m)
    return list(unique.values())


def _mentions_for_one(state: DocState, tok: Token, depth: int) -> list[Mention]:
    m = state.token_mention.get(tok.i)
    if m is not None:
        if m.kind == "org" and not m.known:
            return []
        return [m]
    lower = tok.lower_
    if tok.pos_ == "PRON" or lower in PERSON_PRONOUNS | GROUP_PRONOUNS | SPEAKER_PRONOUNS:
        return resolve_pronoun(state, tok, depth=depth)
    members = _members(state, tok, depth)
    if members:
        return members
    group = _group_of(tok)
    if group is not None:  # "Estonia is among the countries that have pledged troops"
        return mentions_for(state, group, depth=depth + 1)
    for child in tok.children:  # "Prime Minister (appos: Ana Novak) reiterated": the named person
        cm = state.token_mention.get(child.i)
        if child.dep_ in ("appos", "compound") and cm is not None and cm.kind == "person":
            return [cm]
    if tok.lower_ in state.gazetteer.titles or tok.lemma_.lower() in state.gazetteer.titles:
        for child in tok.children:  # "President of [Atlantis Jan Berg]", as the parser often reads it
            if child.dep_ == "prep" and child.lower_ == "of":
                named = [cm for p in child.children if (cm := state.token_mention.get(p.i)) and cm.kind == "person"]
                if named:
                    return named
        holder = _title_holder(state, tok)
        if holder is not None:
            return [holder]
    if tok.lemma_.lower() in state.gazetteer.actor_nouns:
        for child in tok.children:
            if child.dep_ in ("poss", "amod", "compound", "nmod"):
                cm = state.token_mention.get(child.i)
                if cm is not None and cm.kind in ("country", "org") and cm.known:
                    return [cm]
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    cm = state.token_mention.get(pobj.i)
                    if cm is not None and cm.kind in ("country", "org") and cm.known:
                        return [cm]
    for child in tok.children:  # "the grouping known as the Coalition", appositions
        if child.dep_ == "appos":
            found = mentions_for(state, child, depth=depth + 1)
            if found:
                return found
        if child.dep_ == "acl" and child.lemma_ in ("know", "call", "name", "dub"):
            for prep in child.children:
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        found = mentions_for(state, pobj, depth=depth + 1)
                        if found:
                            return found
    return []


def _title_holder(state: DocState, tok: Token) -> Mention | None:
    """"Prime Minister Jan Berg … The prime minister said": the person last found in the article with that title.

    Only a bare definite title ("the prime minister", not "a minister", not "the minister of X"
    when X is another country than the holder's) with a holder named earlier in the article.
    """
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
        return None
    words = [c.lower_ for c in tok.children if c.dep_ in ("compound", "amod") and c.i < tok.i] + [tok.lower_]
    title = " ".join(words)
    if title not in state.gazetteer.titles:
        return None
    earlier = [r for r in state.roles if r.role.lower() == title and r.start_char < tok.idx]
    if not earlier:
        return None
    person = earlier[-1].person
    if len({r.person for r in earlier}) > 1:
        return None  # two prime ministers named before: which one is meant is a guess
    return next((m for m in state.mentions if m.kind == "person" and m.key == person and m.start < tok.i), None)


_LIST_GLUE = frozenset({",", "and", "or", "nor", "the", "as", "well", "also"})


def listed_with(state: DocState, tok: Token, anchor: Mention | None = None) -> list[Mention]:
    """Mentions of the same kind listed beside a subject in the text ("Ukraine, the UK, and France signed").

    The parser often attaches the first items of a long subject list elsewhere (as an
    apposition of a date before it); the surface list is more reliable: mentions joined
    only by commas, "and", "or", "nor" and articles.
    """
    mention = anchor or state.token_mention.get(tok.i)
    if mention is None:
        return []
    found: list[Mention] = []
    titled = _role_token_ids(state) if mention.kind == "person" else set()
    for step in (-1, 1):
        i = mention.start - 1 if step < 0 else mention.end
        glue = 0
        while 0 <= i < len(state.doc):
            if i in titled and (i not in state.token_mention or state.token_mention[i].kind != "person"):
                i += step  # "President of France Marc Dubois, and Prime Minister …": titles join the list too
                continue
            other = state.token_mention.get(i)
            if other is not None:
                if other.kind != mention.kind or glue == 0 or _set_apart(state.doc[other.end - 1]):
                    break
                found.append(other)
                i, glue = (other.start - 1 if step < 0 else other.end), 0
                continue
            if state.lowers[i] not in _LIST_GLUE or glue > 3:
                break
            glue += 1
            i += step
    return found


_APART = frozenset({"unlike", "except", "besides", "apart", "instead", "than", "without", "beyond"})


def _set_apart(tok: Token) -> bool:
    """"Unlike Atlantis, Elbonia will send troops": a name set apart from the subject is not listed with it."""
    return tok.dep_ == "pobj" and (tok.head.lower_ in _APART or tok.head.head.lower_ in _APART)


def _role_token_ids(state: DocState) -> set[int]:
    """Tokens inside the spans where roles were found ("President of France Marc Dubois")."""
    cached = state.doc.user_data.get("kg_role_tokens")
    if cached is None:  # roles are final before stances are looked for
        spans = [(r.start_char, r.end_char) for r in state.roles]
        cached = state.doc.user_data["kg_role_tokens"] = {
            t.i for t in state.doc if any(a <= t.idx < b for a, b in spans)}
    return cached


def _group_of(tok: Token) -> Token | None:
    """"X is among the countries …", "X is one of the countries …": the subject the group noun stands for."""
    prep = tok.head if tok.dep_ == "pobj" else None
    if prep is None or prep.lower_ not in ("among", "of"):
        return None
    anchor = prep.head
    if prep.lower_ == "of" and anchor.lower_ != "one":
        return None
    copula = anchor if anchor.lemma_ == "be" else anchor.head if anchor.dep_ in ("attr", "acomp") else None
    if copula is None or copula.lemma_ != "be":
        return None
    return next((c for c in copula.children if c.dep_ == "nsubj"), None)


def _members(state: DocState, tok: Token, depth: int) -> list[Mention]:
    """"Some EU countries, including Poland and Greece": the listed members."""
    for child in tok.children:
        such_as = child.lower_ == "as" and any(c.lower_ == "such" for c in child.children)
        if child.lower_ in _MEMBER_PREPS or such_as:
            for pobj in child.subtree:
                if pobj.dep_ == "pobj" and child.i in (pobj.head.i, pobj.head.head.i):
                    found = [m for m in mentions_for(state, pobj, depth=depth + 1) if m.kind == "country"]
                    if found:
                        return found
    return []


def resolve_pronoun(state: DocState, tok: Token, *, depth: int = 0) -> list[Mention]:
    """What a pronoun refers to: the speaker of its reported clause, else the nearest fitting mention."""
    lower = tok.lower_
    if lower in SPEAKER_PRONOUNS:
        return list(state.quote_speakers.get(state.sent_of(tok.i).start, []))
    if lower in GROUP_PRONOUNS:
        for verb in reporting_ancestors(state, tok):
            subj = subject_of(verb, passive_actions=state.gazetteer.words("passive_action"))
            if subj is not None and subj.i != tok.i and subj.i not in _descendant_ids(tok):
                found = mentions_for(state, subj, depth=depth + 1)
                if found:
                    return found
        head = tok.head
        while head.dep_ in ("xcomp", "conj", "advcl", "dobj", "pobj", "prep", "acl", "pcomp") and head.head.i != head.i:
            head = head.head
            subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass") and c.i != tok.i), None)
            if subj is not None and subj.i < tok.i:
                return mentions_for(state, subj, depth=depth + 1)  # "The leaders ... their": no named actor
        return _previous_subject(state, tok, kinds=("country", "org"))
    if lower in PERSON_PRONOUNS:
        return _previous_subject(state, tok, kinds=("person",))
    return []


def _descendant_ids(tok: Token) -> set[int]:
    return {t.i for t in tok.subtree}


def _previous_subject(state: DocState, tok: Token, kinds: tuple[str, ...]) -> list[Mention]:
    """The nearest earlier mention of the right kind (within ~150 tokens), preferring subjects."""
    doc = tok.doc
    candidates = [m for m in state.mentions if m.kind in kinds and tok.i - 150 <= m.start < tok.i]
    if not candidates:
        return []
    subjects = [m for m in candidates if doc[m.end - 1].dep_ in ("nsubj", "nsubjpass")]
    pick = (subjects or candidates)[-1]
    if pick.kind == "country" and pick.via == "demonym":
        return []
    return [pick]


def speakers_for(state: DocState, token: Token) -> list[Mention]:
    """Who said the clause a token is in: reporting-verb subject, "according to", or the quote's speaker."""
    for verb in reporting_ancestors(state, token):
        subj = subject_of(verb, passive_actions=state.gazetteer.words("passive_action"))
        if subj is not None:
            found = mentions_for(state, subj)
            inside = {t.i for t in subj.subtree}
            for anchor in [m for m in found if m.kind == "person"]:
                # "Prime Minister Ana Novak and President Jan Berg said": the parser often hangs the first
                # speaker as a modifier of the second (only names inside the subject phrase)
                found += [m for m in listed_with(state, subj, anchor) if m not in found and m.start in inside]
            if found:
                return found
    sent = state.sent_of(token.i)
    spliced = _spliced_speakers(state, token, sent)
    if spliced:
        return spliced
    for tok in sent:  # "…, with Prime Minister Ana Novak saying that …"
        if (tok.tag_ == "VBG" and tok.lemma_.lower() in state.gazetteer.reporting_verbs and tok.head.lower_ == "with"
                and tok.i > token.i):
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            found = [m for m in mentions_for(state, subj) if m.kind == "person"] if subj is not None else []
            if found:
                return found
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < sent.end and tok.nbor().lower_ == "to":
            for pobj in tok.nbor().children:
                found = mentions_for(state, pobj)
                if found:
                    return found
    return list(state.quote_speakers.get(sent.start, []))


def _spliced_speakers(state: DocState, token: Token, sent: Span) -> list[Mention]:
    """"Portugal has offered troops, Prime Minister Rui Carvalho confirmed": a trailing reporting clause
    the parser joined to the reported one as a conjunct.

    Parameters
    ----------
    state : DocState
        The article being extracted.
    token : Token
        A token of the reported clause.
    sent : Span
        The sentence of ``token``.

    Returns
    -------
    list[Mention]
        The persons who are the subject of a reporting verb that follows the clause after a comma, as a
        conjunct of the clause's verb (or of one of its heads), with no "and"/"but" joining them.
    """
    heads = {token.i, *(a.i for a in token.ancestors)}
    for tok in sent:
        if tok.i <= token.i or tok.dep_ != "conj" or tok.head.i not in heads:
            continue
        if tok.lemma_.lower() not in state.gazetteer.reporting_verbs:
            continue
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if subj is None or subj.left_edge.i == 0 or state.doc[subj.left_edge.i - 1].text != ",":
            continue
        if any(c.dep_ == "cc" and token.i < c.i < tok.i for c in tok.head.children):
            continue  # "Portugal offered troops, and Carvalho confirmed it": two statements
        found = [m for m in mentions_for(state, subj) if m.kind == "person"]
        if found:
            return found
    return []

