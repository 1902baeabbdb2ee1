"""Scoring extracted claims against hand-annotated gold claims.

Gold files are ``<gold_dir>/<article_id>.jsonl`` with one claim per line in the
``kg extract --format jsonl`` format. Claims are compared as sets of keys per article:

* roles: (person, country) and, stricter, (person, country, role type);
* stances: (actor, polarity), where a country actor is keyed by its ISO code and a
  person or organisation by its accent- and case-insensitive name;
* reasons: among correctly found stances whose gold records a reason or condition,
  the share where the extracted reason or condition shares at least half of the
  content words of the shorter of the two phrases.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import InputError
from kg.extract.gazetteer import name_key

_STOP = frozenset({
    "a", "an", "the", "of", "to", "and", "or", "in", "on", "for", "with", "its", "their", "his", "her",
    "is", "are", "be", "by", "as", "at", "from", "that", "this", "any",
})


@dataclass(frozen=True)
class Score:
    """True positives, false positives and false negatives of one comparison.

    Examples
    --------
    >>> s = Score(tp=8, fp=2, fn=2)
    >>> round(s.precision, 2), round(s.recall, 2), round(s.f1, 2)
    (0.8, 0.8, 0.8)
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """tp / (tp + fp); 1.0 when nothing was predicted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn); 1.0 when there was nothing to find."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


@dataclass
class EvalReport:
    """Scores over all evaluated articles (and per article)."""

    roles: Score = field(default_factory=Score)
    role_types: Score = field(default_factory=Score)
    stances: Score = field(default_factory=Score)
    reasons_found: int = 0
    reasons_expected: int = 0
    articles: list[str] = field(default_factory=list)
    per_article: dict[str, dict[str, Score]] = field(default_factory=dict)
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)

    @property
    def reason_rate(self) -> float:
        """Share of correct stances with a gold reason or condition whose reason was found."""
        return self.reasons_found / self.reasons_expected if self.reasons_expected else 1.0


def role_key(claim: Mapping) -> tuple:
    """(person, country) of a role claim, normalised."""
    return (name_key(claim["person"]), (claim.get("country") or "").upper())


def role_type_key(claim: Mapping) -> tuple:
    """(person, country, role type) of a role claim, normalised."""
    return (*role_key(claim), claim.get("role_type"))


def actor_key(claim: Mapping) -> tuple:
    """The actor of a stance claim: ISO code for countries, normalised name otherwise.

    Examples
    --------
    >>> actor_key({"actor": "Poland", "actor_type": "country", "country": "POL"})
    ('country', 'POL')
    >>> actor_key({"actor": "the Coalition of the Willing", "actor_type": "organization", "country": None})
    ('organization', 'coalition of the willing')
    """
    kind = claim["actor_type"]
    if kind == "country":
        return (kind, (claim.get("country") or claim["actor"]).upper())
    return (kind, re.sub(r"^the ", "", name_key(claim["actor"])))


def stance_key(claim: Mapping) -> tuple:
    """(actor, polarity) of a stance claim."""
    return (*actor_key(claim), claim["polarity"])


def _words(text: str | None) -> set[str]:
    return {w for w in name_key(text or "").split() if w not in _STOP}


def phrases_match(found: str | None, expected: str | None) -> bool:
    """Whether two reason phrases share at least half the content words of the shorter one.

    Examples
    --------
    >>> phrases_match("their own regional security challenges", "regional security challenges: Poland faces pressure")
    True
    >>> phrases_match("the mission's structure", "a robust U.S. role")
    False
    """
    a, b = _words(found), _words(expected)
    if not a or not b:
        return False
    return len(a & b) >= 0.5 * min(len(a), len(b))


def _score(gold: set, pred: set) -> Score:
    return Score(tp=len(gold & pred), fp=len(pred - gold), fn=len(gold - pred))


def score_article(gold: Sequence[Mapping], predicted: Sequence[Mapping], report: EvalReport, article_id: str) -> None:
    """Add one article's comparison to ``report``."""
    g_roles = [c for c in gold if c["kind"] == "role"]
    p_roles = [c for c in predicted if c["kind"] == "role"]
    g_st = [c for c in gold if c["kind"] == "stance"]
    p_st = [c for c in predicted if c["kind"] == "stance"]
    roles = _score({role_key(c) for c in g_roles}, {role_key(c) for c in p_roles})
    types = _score({role_type_key(c) for c in g_roles}, {role_type_key(c) for c in p_roles})
    g_keys, p_keys = {stance_key(c) for c in g_st}, {stance_key(c) for c in p_st}
    stances = _score(g_keys, p_keys)
    report.roles += roles
    report.role_types += types
    report.stances += stances
    report.per_article[article_id] = {"roles": roles, "role_types": types, "stances": stances}
    report.articles.append(article_id)
    g_role_keys, p_role_keys = {role_key(c) for c in g_roles}, {role_key(c) for c in p_roles}
    report.missed += [f"{article_id} stance {k}" for k in sorted(g_keys - p_keys, key=str)]
    report.missed += [f"{article_id} role {k}" for k in sorted(g_role_keys - p_role_keys, key=str)]
    report.spurious += [f"{article_id} stance {k}" for k in sorted(p_keys - g_keys, key=str)]
    report.spurious += [f"{article_id} role {k}" for k in sorted(p_role_keys - g_role_keys, key=str)]
    for key in g_keys & p_keys:
        expected = [t for c in g_st if stance_key(c) == key for t in (c.get("reason"), c.get("condition")) if t]
        if not expected:
            continue
        report.reasons_expected += 1
        found = [t for c in p_st if stance_key(c) == key for t in (c.get("reason"), c.get("condition")) if t]
        if any(phrases_match(f, e) for f in found for e in expected):
            report.reasons_found += 1


def read_claims_jsonl(path: str | Path) -> list[dict]:
    """Read claims from a JSONL file.

    Raises
    ------
    InputError
        A line is not a JSON object with a ``kind``.
    """
    out = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read gold file: {exc}") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(str(path), f"not JSON: {exc.msg}", line=number) from exc
        if not isinstance(record, dict) or record.get("kind") not in ("role", "stance"):
            raise InputError(str(path), "each line must be a claim object with kind 'role' or 'stance'", line=number)
        out.append(record)
    return out


def load_gold(gold_dir: str | Path) -> dict[str, list[dict]]:
    """Gold claims per article id from ``<gold_dir>/<article_id>.jsonl``."""
    directory = Path(gold_dir)
    if not directory.is_dir():
        raise InputError(str(gold_dir), "gold directory does not exist")
    gold = {p.stem: read_claims_jsonl(p) for p in sorted(directory.glob("*.jsonl"))}
    if not gold:
        raise InputError(str(gold_dir), "gold directory holds no .jsonl files")
    return gold


def score_claims(gold: Mapping[str, Sequence[Mapping]], predicted: Mapping[str, Sequence[Mapping]]) -> EvalReport:
    """Compare predicted claims with gold claims, article by article (only articles with gold)."""
    report = EvalReport()
    for article_id in sorted(predicted):
        if article_id in gold:
            score_article(gold[article_id], predicted[article_id], report, article_id)
    return report


def evaluate(gold_dir: str | Path, article_paths: Iterable[str | Path]) -> EvalReport:
    """Extract claims from the articles and score them against the gold directory.

    Raises
    ------
    InputError
        Missing gold directory, unreadable article, or no article has a gold file.
    """
    from kg.articles import find_articles, load_article
    from kg.extract import extract_articles

    gold = load_gold(gold_dir)
    articles = [load_article(p) for p in find_articles(list(article_paths))]
    articles = [a for a in articles if a.article_id in gold]
    if not articles:
        raise InputError(str(gold_dir), "none of the given articles has a gold file")
    predicted = {ac_article.article_id: [c.to_json() for c in ac.claims]
                 for ac_article, ac in zip(articles, extract_articles(articles), strict=True)}
    return score_claims(gold, predicted)
