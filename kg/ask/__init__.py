"""Answering plain-English questions with evidence: ``kg ask``.

A question is read into a typed request (:mod:`kg.ask.questions`), its names are resolved
against the store (:mod:`kg.ask.entities`), bound named queries fetch the claims, and pure
functions turn them into rows: one position per actor, proposal and scope
(:mod:`kg.ask.summary`, :mod:`kg.ask.positions`), roles (:mod:`kg.ask.roles`), each with the quotes
and sources behind it (:mod:`kg.ask.records`) and its sources' ratings (:mod:`kg.ask.reliability`).

Examples
--------
>>> from kg.store import EmbeddedStore
>>> ask(EmbeddedStore(":memory:"), "who opposes").answers
()
"""

from kg.ask.answer import answer_json, ask
from kg.ask.questions import SUPPORTED_FORMS, UnrecognisedQuestionError, parse_question
from kg.ask.records import AskResult, Evidence, RoleAnswer, StanceAnswer

__all__ = [
    "SUPPORTED_FORMS",
    "AskResult",
    "Evidence",
    "RoleAnswer",
    "StanceAnswer",
    "UnrecognisedQuestionError",
    "answer_json",
    "ask",
    "parse_question",
]
