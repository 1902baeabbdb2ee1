"""Reading a plain-English question into a typed request, without touching the store.

Each supported form is one regular expression over the whole (normalised) question;
the names it captures (an actor, a proposal, a role) are resolved later, against the
store, by :mod:`kg.ask.entities`. Nothing the user typed ever becomes SPARQL text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from kg.errors import UsageError

#: The supported forms with an example each: what ``kg ask`` prints for a question it cannot read.
SUPPORTED_FORMS: tuple[tuple[str, str], ...] = (
    ("who opposes | is against | rejects <proposal> (and why)", 'kg ask "who opposes troop deployment and why"'),
    ("which countries refuse to send troops (to <proposal>)", 'kg ask "which countries refuse to send troops"'),
    ("who supports | backs | is ready to send troops to <proposal>", 'kg ask "who backs the reassurance force"'),
    ("who sets conditions on <proposal>", 'kg ask "who sets conditions on troop deployment"'),
    ("what is <country or person>'s position on <proposal>",
     "kg ask \"what is Poland's position on troop deployment\""),
    ("what role does <person> hold", 'kg ask "what role does Kaja Kallas hold"'),
    ("who is <role> of <country or organisation>", 'kg ask "who is the defence minister of Latvia"'),
    ("which sources disagree (about <entity>)", 'kg ask "which sources disagree about Kaja Kallas"'),
    ("who changed their position on <proposal>", 'kg ask "who changed their position on troop deployment"'),
    ("how has <country or person>'s position changed (on <proposal>)",
     "kg ask \"how has Italy's position changed\""),
)


class UnrecognisedQuestionError(UsageError):
    """The question matches none of :data:`SUPPORTED_FORMS`.

    Examples
    --------
    >>> str(UnrecognisedQuestionError("what is love"))
    "cannot read the question 'what is love'"
    """

    def __init__(self, question: str) -> None:
        self.question = question
        self.forms = SUPPORTED_FORMS
        super().__init__(f"cannot read the question {question!r}")


@dataclass(frozen=True)
class StanceQuestion:
    """Who takes a stance on a proposal: ``polarities`` in answer order, optional filters."""

    polarities: tuple[str, ...]
    proposal: str = ""
    scopes: tuple[str, ...] | None = None
    actor_types: tuple[str, ...] | None = None
    why: bool = False


@dataclass(frozen=True)
class PositionQuestion:
    """What one actor's (country, person, organisation) position on a proposal is."""

    entity: str
    proposal: str = ""


@dataclass(frozen=True)
class RoleQuestion:
    """Which roles a person holds."""

    person: str


@dataclass(frozen=True)
class HolderQuestion:
    """Who holds a role in a country or organisation."""

    role: str
    holder: str


@dataclass(frozen=True)
class ConflictQuestion:
    """Which sources disagree, about one entity or about anything."""

    entity: str = ""


@dataclass(frozen=True)
class ChangeQuestion:
    """Who changed their position on a proposal."""

    proposal: str = ""


@dataclass(frozen=True)
class TimelineQuestion:
    """How one actor's position on a proposal changed over time."""

    entity: str
    proposal: str = ""


Question = (StanceQuestion | PositionQuestion | RoleQuestion | HolderQuestion | ConflictQuestion | ChangeQuestion
            | TimelineQuestion)

_WHY = r"(?:\s*,?\s*(?:and|&)\s+why)?"
_WHO = (r"(?:who|which(?:\s+(?P<kind>\w+))?|what\s+(?P<kind2>\w+)|name\s+(?:the\s+)?(?P<kind3>\w+)\s+that)"
        r"(?:\s+(?:do|does|did|will|would|have|has))?")
_SEND = r"(?:send(?:ing)?|contribut(?:e|ing)|deploy(?:ing)?|commit(?:ting)?|provid(?:e|ing)|join(?:ing)?)"
_TARGET = r"(?:\s+(?P<target>.+?))?"
#: Stance verbs: (pattern, polarities in answer order, scopes kept). Conditions are tried
#: before support ("supports ... conditionally"), refusals before opposition.
_STANCE_VERBS: tuple[tuple[str, tuple[str, ...], tuple[str, ...] | None], ...] = (
    (r"(?:sets?|puts?|attach(?:es)?|imposes?|places?|has|have|had|makes?)\s+(?:any\s+)?conditions\s+(?:on|for|to)"
     r"|conditionally\s+(?:supports?|backs?|accepts?)", ("conditional",), None),
    (r"(?:refuses?|refused|declines?|declined|(?:is|are|was|were)\s+(?:unwilling|not\s+willing|reluctant)|"
     r"(?:will|would|does|do|did)\s+not(?:\s+want)?|won't|wouldn't|doesn't|don't|didn't|rules?\s+out|ruled\s+out)"
     rf"\s+(?:to\s+)?{_SEND}", ("opposes",), ("own_troops",)),
    (r"(?:(?:is|are|was|were)\s+(?:ready|willing|prepared)\s+to|(?:wants?|agreed|agrees?|offers?|offered|plans?|"
     rf"pledged|pledges?|promised|promises?)\s+to|will|would|can|could)\s+{_SEND}", ("supports",), ("own_troops",)),
    (r"opposes?|opposed|(?:is|are|was|were)\s+(?:against|opposed\s+to|hostile\s+to)|rejects?|rejected|objects?\s+to|"
     r"objected\s+to|resists?|resisted|(?:speaks?|spoke)\s+(?:out\s+)?against|says?\s+no\s+to|said\s+no\s+to|"
     r"disapproves?\s+of|condemns?|condemned", ("opposes", "conditional"), None),
    (r"supports?|supported|backs?|backed|endorses?|endorsed|favou?rs?|favou?red|welcomes?|welcomed|"
     r"(?:is|are|was|were)\s+(?:for|in\s+favou?r\s+of|behind|supportive\s+of)", ("supports", "conditional"), None),
)
_ACTOR_KINDS = {
    "country": "country", "countries": "country", "state": "country", "states": "country",
    "nation": "country", "nations": "country", "government": "country", "governments": "country",
    "person": "person", "persons": "person", "people": "person", "leader": "person", "leaders": "person",
    "politician": "person", "politicians": "person", "official": "person", "officials": "person",
    "minister": "person", "ministers": "person",
    "organisation": "organization", "organisations": "organization", "organization": "organization",
    "organizations": "organization", "party": "organization", "parties": "organization",
    "group": "organization", "groups": "organization",
}
_ANY_ACTOR = ("actor", "actors", "one", "ones", "side", "sides")
_POSSESSIVE = r"(?:'s|')"
_ROLE_WORDS = r"(?:roles?|posts?|offices?|jobs?|titles?|functions?)"
_STANCE_WORDS = r"(?:positions?|stances?|views?|policy|attitude|opinion)"
_ABOUT = r"(?:on|about|towards?|regarding|concerning|over|to|for)"
_DISAGREE = r"(?:disagree|conflict|contradict(?:\s+each\s+other)?|differ|clash|diverge)"


class _Mismatch(Exception):
    """A pattern matched the words but not the meaning (e.g. "which sources support ...")."""


def _re(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.IGNORECASE)


def _stance(polarities: tuple[str, ...], scopes: tuple[str, ...] | None) -> Callable[[re.Match], Question]:
    def build(m: re.Match) -> Question:
        kind_word = (m.group("kind") or m.group("kind2") or m.group("kind3") or "").lower()
        if kind_word and kind_word not in _ACTOR_KINDS and kind_word not in _ANY_ACTOR:
            raise _Mismatch(kind_word)
        kind = _ACTOR_KINDS.get(kind_word)
        return StanceQuestion(polarities=polarities, proposal=(m.group("target") or "").strip(),
                              scopes=scopes, actor_types=(kind,) if kind else None, why=bool(m.group("why")))

    return build


def _conflict(m: re.Match) -> Question:
    return ConflictQuestion(entity=(m.group("entity") or "").strip())


def _position(m: re.Match) -> Question:
    return PositionQuestion(m.group("entity").strip(), (m.group("target") or "").strip())


def _change(m: re.Match) -> Question:
    return ChangeQuestion((m.group("target") or "").strip())


def _timeline(m: re.Match) -> Question:
    return TimelineQuestion(m.group("entity").strip(), (m.group("target") or "").strip())


def _role(m: re.Match) -> Question:
    return RoleQuestion(m.group("person").strip())


def _holder(m: re.Match) -> Question:
    return HolderQuestion(m.group("role").strip(), m.group("holder").strip())


_PATTERNS: list[tuple[re.Pattern, Callable[[re.Match], Question]]] = [
    # which sources disagree (about <entity>)
    (_re(rf"(?:which|what)\s+(?:sources?|articles?|outlets?|reports?)\s+{_DISAGREE}"
         rf"(?:\s+(?:with\s+each\s+other\s+)?{_ABOUT}\s+(?P<entity>.+?))?"), _conflict),
    (_re(rf"(?:where|when|how|do|does)\s+(?:(?:do|does|did)\s+)?(?:the\s+)?(?:sources?|articles?|reports?)\s+"
         rf"{_DISAGREE}(?:\s+{_ABOUT}\s+(?P<entity>.+?))?"), _conflict),
    (_re(r"(?:are\s+there\s+(?:any\s+)?|list\s+(?:the\s+|all\s+)?|show\s+(?:me\s+)?(?:the\s+|all\s+)?|"
         r"what\s+(?:are\s+(?:the\s+)?)?|which\s+)?(?:conflicts|contradictions|disagreements|conflicting\s+claims)"
         rf"(?:\s+(?:are\s+there|exist))?(?:\s+{_ABOUT}\s+(?P<entity>.+?))?"), _conflict),
]
_CHANGED = r"(?:changed|shifted|reversed|switched|altered|evolved|moved)"
_PATTERNS += [
    # who changed their position on <proposal>
    (_re(rf"(?:who|which\s+\w+)\s+(?:has\s+|have\s+)?{_CHANGED}\s+(?:their|its|his|her)\s+(?:{_STANCE_WORDS}|minds?)"
         rf"(?:\s+{_ABOUT}\s+(?P<target>.+?))?"), _change),
    # how has <entity>'s position changed (on <proposal>)
    (_re(rf"how\s+(?:has|have|did)\s+(?P<entity>.+?){_POSSESSIVE}\s+{_STANCE_WORDS}(?:\s+{_ABOUT}\s+(?P<target>.+?))?"
         rf"\s+(?:changed?|shifted|shift|evolved?)(?:\s+(?:over\s+time|since\s+.+))?"), _timeline),
    (_re(rf"how\s+(?:has|have|did)\s+the\s+{_STANCE_WORDS}\s+of\s+(?P<entity>.+?)(?:\s+{_ABOUT}\s+(?P<target>.+?))?"
         rf"\s+(?:changed?|shifted|shift|evolved?)(?:\s+over\s+time)?"), _timeline),
]
_PATTERNS += [(_re(rf"{_WHO}\s+(?:{verb}){_TARGET}(?P<why>{_WHY})"), _stance(polarities, scopes))
              for verb, polarities, scopes in _STANCE_VERBS]
_PATTERNS += [
    # what is <entity>'s position on <proposal>
    (_re(rf"(?:what(?:'s|\s+is|\s+are|\s+was|\s+were)|tell\s+me|show(?:\s+me)?|describe|give\s+me)\s+"
         rf"(?P<entity>.+?){_POSSESSIVE}\s+{_STANCE_WORDS}(?:\s+{_ABOUT}\s+(?P<target>.+?))?"), _position),
    (_re(rf"what(?:'s|\s+is|\s+was|\s+are)\s+the\s+{_STANCE_WORDS}\s+of\s+(?P<entity>.+?)"
         rf"(?:\s+{_ABOUT}\s+(?P<target>.+?))?"), _position),
    (_re(r"where\s+(?:does|do|did)\s+(?P<entity>.+?)\s+stand"
         r"(?:\s+(?:on|regarding|concerning|with\s+respect\s+to|towards?)\s+(?P<target>.+?))?"), _position),
    (_re(r"(?:what|how)\s+(?:does|do|did)\s+(?P<entity>.+?)\s+(?:think|feel|say)\s+(?:about|of|on)\s+(?P<target>.+?)"),
     _position),
    (_re(r"why\s+(?:does|do|did|is|are|was|were)\s+(?P<entity>.+?)\s+(?:oppose|support|back|reject|against|"
         rf"in\s+favou?r\s+of|refuse\s+to\s+{_SEND}(?:\s+troops)?(?:\s+to)?|set\s+conditions\s+on)"
         r"(?:\s+(?P<target>.+?))?"), _position),
    # what role does <person> hold
    (_re(rf"what\s+{_ROLE_WORDS}\s+(?:does|do|did)\s+(?P<person>.+?)\s+(?:hold|have|occupy|fill|had|held)"), _role),
    (_re(rf"what(?:'s|\s+is|\s+are|\s+was|\s+were)\s+(?P<person>.+?){_POSSESSIVE}\s+{_ROLE_WORDS}"), _role),
    (_re(rf"what(?:'s|\s+is|\s+are|\s+was)\s+the\s+{_ROLE_WORDS}\s+of\s+(?P<person>.+?)"), _role),
    # who is <role> of <country>
    (_re(r"who\s+(?:is|was|are|were)\s+(?:the\s+|a\s+)?(?P<role>.+?)\s+(?:of|in|for|at)\s+(?P<holder>.+?)"), _holder),
    (_re(rf"who\s+(?:is|was|are|were)\s+(?P<holder>.+?){_POSSESSIVE}\s+(?P<role>.+?)"), _holder),
    (_re(r"who\s+(?:holds?|held|heads?|headed|leads?|led)\s+(?:the\s+)?(?:post\s+of\s+|office\s+of\s+)?"
         r"(?P<role>.+?)\s+(?:of|in|for|at)\s+(?P<holder>.+?)"), _holder),
    # who is <person>
    (_re(r"who\s+(?:is|was)\s+(?P<person>.+?)"), _role),
]


def normalise(question: str) -> str:
    """The question on one line, straight apostrophes, without closing punctuation.

    Examples
    --------
    >>> normalise("  Who  opposes\\ttroop deployment — and why?? ")
    'Who opposes troop deployment — and why'
    >>> normalise("What is Poland’s position?")
    "What is Poland's position"
    """
    text = " ".join(question.replace("’", "'").replace("‘", "'").split())
    return text.rstrip("?.!").strip()


def parse_question(question: str) -> Question:
    """Read ``question`` into one of the supported question types.

    Raises
    ------
    UnrecognisedQuestionError
        The question matches none of the supported forms.

    Examples
    --------
    >>> q = parse_question("Who opposes troop deployment and why?")
    >>> q.polarities, q.proposal, q.why
    (('opposes', 'conditional'), 'troop deployment', True)
    >>> parse_question("which countries refuse to send troops").scopes
    ('own_troops',)
    >>> parse_question("what is the Netherlands' position on the reassurance force")
    PositionQuestion(entity='the Netherlands', proposal='the reassurance force')
    >>> parse_question("who is the defence minister of Latvia")
    HolderQuestion(role='defence minister', holder='Latvia')
    >>> parse_question("which sources disagree about Ana Novak")
    ConflictQuestion(entity='Ana Novak')
    """
    text = normalise(question)
    if not text or len(text) > 500:
        raise UnrecognisedQuestionError(question)
    for pattern, build in _PATTERNS:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        try:
            return build(match)
        except _Mismatch:
            continue
    raise UnrecognisedQuestionError(question)
