"""Scoring extracted claims against hand-annotated gold claims.

Gold files are ``<gold_dir>/<article_id>.jsonl`` with one claim per line in the
``kg extract --format jsonl`` format. Claims are compared as sets of keys per article:

* roles: (person, country) and, stricter, (person, country, role type);
* stances: (actor, polarity), where a country actor is keyed by its ISO code and a
  person or organisation by its accent- and case-insensitive name;
* polarity precision: of the extracted stances whose actor the gold has, the share
  whose polarity is right too;
* scope accuracy: of the correctly found stances, the share with the gold's scope;
* reasons and conditions: among correctly found stances whose gold records one, the
  share where an extracted phrase shares at least half of the content words of the
  shorter of the two phrases and is distilled (not the whole quote);
* calibration: precision of the extracted stances per confidence band.

The development corpus is split by a rule fixed before any tuning
(:func:`corpus_split`): tune on ``dev``, report ``test`` once.
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


#: Confidence bands of the calibration table: (low, high), high exclusive except for 1.0.
CONFIDENCE_BANDS: tuple[tuple[float, float], ...] = ((0.0, 0.5), (0.5, 0.7), (0.7, 0.85), (0.85, 1.0))

#: Longest share of its quote a reason or condition may take and still count as distilled.
MAX_DISTILLED_SHARE = 0.6


@dataclass(frozen=True)
class Rate:
    """``hits`` out of ``total``; 1.0 when there was nothing to count.

    Examples
    --------
    >>> Rate(3, 4).value, Rate().value
    (0.75, 1.0)
    """

    hits: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        """hits / total."""
        return self.hits / self.total if self.total else 1.0

    def __add__(self, other: Rate) -> Rate:
        return Rate(self.hits + other.hits, self.total + other.total)


@dataclass
class EvalReport:
    """Scores over all evaluated articles (and per article)."""

    roles: Score = field(default_factory=Score)
    role_types: Score = field(default_factory=Score)
    stances: Score = field(default_factory=Score)
    polarity: Rate = field(default_factory=Rate)
    scope: Rate = field(default_factory=Rate)
    reasons: Rate = field(default_factory=Rate)
    conditions: Rate = field(default_factory=Rate)
    calibration: dict[tuple[float, float], Rate] = field(
        default_factory=lambda: {band: Rate() for band in CONFIDENCE_BANDS})
    articles: list[str] = field(default_factory=list)
    per_article: dict[str, dict[str, Score]] = field(default_factory=dict)
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)

    @property
    def reasons_found(self) -> int:
        """Correct stances whose gold reason or condition was found."""
        return self.reasons.hits + self.conditions.hits

    @property
    def reasons_expected(self) -> int:
        """Correct stances with a gold reason or condition (each counted once per kind)."""
        return self.reasons.total + self.conditions.total

    @property
    def reason_rate(self) -> float:
        """Share of gold reasons and conditions of correct stances that were found, distilled."""
        return (self.reasons + self.conditions).value

    def to_json(self) -> dict:
        """The figures as plain JSON-ready values."""
        def score(s: Score) -> dict:
            return {"precision": round(s.precision, 3), "recall": round(s.recall, 3), "f1": round(s.f1, 3),
                    "tp": s.tp, "fp": s.fp, "fn": s.fn}

        def rate(r: Rate) -> dict:
            return {"value": round(r.value, 3), "hits": r.hits, "total": r.total}

        return {
            "articles": len(self.articles),
            "roles": score(self.roles), "role_types": score(self.role_types), "stances": score(self.stances),
            "polarity_precision": rate(self.polarity), "scope_accuracy": rate(self.scope),
            "reason_accuracy": rate(self.reasons), "condition_accuracy": rate(self.conditions),
            "reason_condition_accuracy": rate(self.reasons + self.conditions),
            "calibration": [{"band": f"{lo:.2f}-{hi:.2f}", **rate(r)} for (lo, hi), r in self.calibration.items()],
            "missed": self.missed, "spurious": self.spurious,
        }


def corpus_split(article_id: str) -> str:
    """The split an article belongs to, by the rule fixed before tuning.

    An article whose id starts with a number divisible by 3 (03, 06, …, 30) is ``test``;
    another numbered article is ``dev``; an article without a leading number (the seeds,
    named ``000_<hash>``, are numbered too, but scored on their own) is ``other``.

    Examples
    --------
    >>> corpus_split("03_pravda_sweden"), corpus_split("14_ifpnews_peskov"), corpus_split("notes")
    ('test', 'dev', 'other')
    """
    match = re.match(r"(\d+)_", article_id)
    if match is None:
        return "other"
    return "test" if int(match.group(1)) % 3 == 0 else "dev"


def person_key(name: str) -> str:
    """A person as the evaluation compares them: the surname, accents, case and doubled letters folded.

    Articles spell one person several ways ("Vladimir Zelensky", "Volodymyr Zelenskyy",
    "Zelensky"); within one article a surname is as good as the full name.

    Examples
    --------
    >>> person_key("Volodymyr Zelenskyy") == person_key("Zelensky") == person_key("Vladimir ZELENSKY")
    True
    """
    words = name_key(name).split()
    return re.sub(r"(.)\1+", r"\1", words[-1]) if words else ""


def role_key(claim: Mapping) -> tuple:
    """(person, country) of a role claim, normalised."""
    return (person_key(claim["person"]), (claim.get("country") or "").upper())


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
    if kind == "person":
        return (kind, person_key(claim["actor"]))
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


def _distilled(phrase: str, quote: str) -> bool:
    """A reason or condition that is a phrase, not (most of) the sentence it came from (when the quote is known)."""
    return not quote or len(phrase) <= MAX_DISTILLED_SHARE * len(quote)


def _phrase_rate(g_st: Sequence[Mapping], p_st: Sequence[Mapping], keys: set, field_name: str) -> Rate:
    """Of the correct stances whose gold has ``field_name``, those whose extracted one matches."""
    hits = total = 0
    for key in keys:
        expected = [c[field_name] for c in g_st if stance_key(c) == key and c.get(field_name)]
        if not expected:
            continue
        total += 1
        found = [(c[field_name], c.get("quote") or "") for c in p_st if stance_key(c) == key and c.get(field_name)]
        if any(phrases_match(f, e) and _distilled(f, q) for f, q in found for e in expected):
            hits += 1
    return Rate(hits, total)


def _band(confidence: float) -> tuple[float, float]:
    for lo, hi in CONFIDENCE_BANDS:
        if lo <= confidence < hi:
            return (lo, hi)
    return CONFIDENCE_BANDS[-1]


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
    g_actors = {actor_key(c) for c in g_st}
    known_actor = {k for k in p_keys if k[:2] in g_actors}
    report.polarity += Rate(len(known_actor & g_keys), len(known_actor))
    correct = g_keys & p_keys
    scope_hits = 0
    for key in correct:
        gold_scopes = {c.get("scope") for c in g_st if stance_key(c) == key}
        best = max((c for c in p_st if stance_key(c) == key), key=lambda c: c.get("confidence") or 0.0)
        scope_hits += best.get("scope") in gold_scopes
    report.scope += Rate(scope_hits, len(correct))
    report.reasons += _phrase_rate(g_st, p_st, correct, "reason")
    report.conditions += _phrase_rate(g_st, p_st, correct, "condition")
    for key in p_keys:
        confidence = max(c.get("confidence") or 0.0 for c in p_st if stance_key(c) == key)
        band = _band(confidence)
        report.calibration[band] += Rate(int(key in g_keys), 1)
    g_role_keys, p_role_keys = {role_key(c) for c in g_roles}, {role_key(c) for c in p_roles}
    report.missed += [f"{article_id} stance {k}" for k in sorted(g_keys - p_keys, key=str)]
    report.missed += [f"{article_id} role {k}" for k in sorted(g_role_keys - p_role_keys, key=str)]
    report.spurious += [f"{article_id} stance {k}" for k in sorted(p_keys - g_keys, key=str)]
    report.spurious += [f"{article_id} role {k}" for k in sorted(p_role_keys - g_role_keys, key=str)]


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


def evaluate(gold_dir: str | Path, article_paths: Iterable[str | Path], *, split: str | None = None) -> EvalReport:
    """Extract claims from the articles and score them against the gold directory.

    Parameters
    ----------
    gold_dir : path
        Folder of ``<article id>.jsonl`` gold files.
    article_paths : paths
        Article files or folders; only those with a gold file are scored.
    split : {"dev", "test", "other"}, optional
        Score only the articles of this split (:func:`corpus_split`); all when None.

    Raises
    ------
    InputError
        Missing gold directory, unreadable article, or no article has a gold file.
    """
    from kg.articles import find_articles, load_article
    from kg.extract import extract_articles

    gold = load_gold(gold_dir)
    articles = [load_article(p) for p in find_articles(list(article_paths))]
    articles = [a for a in articles
                if _gold_id(a.path) in gold and (split is None or corpus_split(_gold_id(a.path)) == split)]
    if not articles:
        where = f" in split {split!r}" if split else ""
        raise InputError(str(gold_dir), f"none of the given articles{where} has a gold file")
    predicted = {_gold_id(article.path): [c.to_json() for c in ac.claims]
                 for article, ac in zip(articles, extract_articles(articles), strict=True)}
    return score_claims(gold, predicted)


def _gold_id(path: str) -> str:
    """Gold files are named by the article file's stem."""
    return Path(path).stem
