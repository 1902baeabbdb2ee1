"""Extraction on the seed articles: the JSONL contract and the key facts."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.articles import find_articles, load_article
from kg.claims import ActorKind, Polarity, Scope
from kg.extract import EXTRACTOR_VERSION, extract_articles

SEEDS = Path(__file__).resolve().parent.parent / "seeds" / "articles"
ROLE_TYPES = {"head_of_state", "head_of_government", "deputy_head_of_government", "defence_minister",
              "foreign_minister", "minister", "foreign_policy_chief", "organization_leader", "party_leader",
              "spokesperson", "special_envoy", "diplomat", "military_officer", "legislator", "analyst", "official"}


@pytest.fixture(scope="module")
def seeds():
    articles = [load_article(p) for p in find_articles([SEEDS])]
    results = extract_articles(articles)
    return {a.article_id: (a, r) for a, r in zip(articles, results, strict=True)}


def _stances(seeds, prefix):
    (_article, found), = [v for k, v in seeds.items() if k.startswith(prefix)]
    return found.stances


def _has(stances, actor, polarity, scope=None, actor_type="country"):
    return [s for s in stances if s.actor == actor and s.actor_type == actor_type and s.polarity == polarity
            and (scope is None or s.scope == scope)]


def test_version_is_a_string():
    assert isinstance(EXTRACTOR_VERSION, str) and EXTRACTOR_VERSION


def test_contract_fields_and_offsets(seeds):
    for article, found in seeds.values():
        assert found.doc == article.path
        for claim in found.claims:
            record = claim.to_json()
            assert article.body[record["start"]:record["end"]] == record["quote"]
            assert record["method"] == "extracted"
            assert 0.0 <= record["confidence"] <= 1.0
            assert record["doc"] == article.path
            if record["kind"] == "role":
                assert record["role_type"] in ROLE_TYPES
                assert record["country"] is None or len(record["country"]) == 3
            else:
                assert record["polarity"] in set(Polarity)
                assert record["scope"] in set(Scope)
                assert record["actor_type"] in set(ActorKind)
                assert record["target"] == "reassurance force"


def test_russia_opposes_deployment(seeds):
    assert _has(_stances(seeds, "003"), "Russia", "opposes", "deployment")


def test_poland_and_greece_refuse_own_troops_with_reasons(seeds):
    stances = _stances(seeds, "002")
    for country, place in (("Poland", "Belarus"), ("Greece", "Turkey")):
        (found,) = _has(stances, country, "opposes", "own_troops")
        assert "regional security" in found.reason and place in found.reason


def test_united_states_rules_out_boots(seeds):
    stances = _stances(seeds, "001")
    assert _has(stances, "United States", "opposes", "own_troops")
    assert _has(stances, "Donald Trump", "opposes", "own_troops", actor_type="person")


def test_latvia_finland_netherlands_conditional(seeds):
    stances = _stances(seeds, "002")
    latvia = _has(stances, "Latvia", "conditional")
    assert any(s.condition and "peace deal" in s.condition for s in latvia)
    assert any(s.reason and "readiness" in s.reason for s in latvia)
    assert _has(stances, "Finland", "conditional") and _has(stances, "Netherlands", "conditional")
    assert _has(stances, "Ruben Brekelmans", "conditional", actor_type="person")


def test_uk_and_france_support(seeds):
    stances = _stances(seeds, "003")
    # "readiness to deploy a reassurance force once hostilities cease": support on a stated condition
    assert _has(stances, "United Kingdom", "conditional") and _has(stances, "France", "conditional")


def test_destination_is_never_an_actor_of_sending(seeds):
    for _, found in seeds.values():
        for s in found.stances:
            assert not (s.actor == "Ukraine" and s.scope == "own_troops")


def test_misspelt_and_variant_names_resolve(seeds):
    persons = {r.person for _, found in seeds.values() for r in found.roles}
    assert "Kaja Kallas" in persons and "Kaja Kalals" not in persons
    assert "Volodymyr Zelenskyy" in persons and "Volodymyr Zelensky" not in persons


def test_roles_on_seeds(seeds):
    roles = {(r.person, r.role_type, r.country, r.organization) for _, f in seeds.values() for r in f.roles}
    assert ("Andris Sprūds", "defence_minister", "LVA", None) in roles
    assert ("Kaja Kallas", "foreign_policy_chief", None, "EU") in roles
    assert ("Keir Starmer", "party_leader", "GBR", "Labour Party") in roles
    assert ("Pete Hegseth", "defence_minister", "USA", None) in roles
