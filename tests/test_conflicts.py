"""kg conflicts (issue 4): roles and stances that disagree across sources or over time."""

from __future__ import annotations

import datetime as dt
import json

from kg.ask.conflicts import ACROSS_SOURCES, OVER_TIME, find_conflicts, role_conflict, stance_conflict
from kg.ask.records import Evidence, RoleRecord, StanceRecord

KALLAS = "https://w3id.org/positions-kg/id/person/kaja-kallas"
COALITION = "https://w3id.org/positions-kg/id/org/coalition-of-the-willing"


def _role(claim, title, role_type, *, country=None, org=None, based_in=None, date="2025-04-10", source="s1",
          method="curated"):
    code = country.rsplit("/", 1)[-1] if country else None
    evidence = (Evidence(f"{title} X", source, None, date, None, 0, 5, method=method, claim=claim),)
    return RoleRecord(claim, "x:person", "X", title, role_type, country, code, org, org and org.rsplit("/", 1)[-1],
                      based_in, date, method, source, evidence)


def _stance(claim, polarity, date, source, method="curated"):
    return StanceRecord(claim, "x:usa", "United States", "country", "USA", "x:p", polarity, "own_troops", (), (),
                        None, None, date, method, 1.0, source, ())


def test_posts_in_different_countries_conflict():
    conflict = role_conflict([_role("a", "Prime Minister", "head_of_government", country="id/EST", source="s4",
                                    date="2025-03-27"),
                              _role("b", "Foreign policy chief", "foreign_policy_chief", org="id/EU", source="s2")])
    assert conflict is not None and conflict.kind == "role"
    assert [s.label for s in conflict.sides] == ["Prime Minister (EST)", "Foreign policy chief (EU)"]
    assert (conflict.nature, conflict.gap_days) == (OVER_TIME, 14)
    assert [c.source for s in conflict.sides for c in s.claims] == ["s4", "s2"]


def test_a_party_post_and_a_government_post_in_one_country_do_not_conflict():
    assert role_conflict([
        _role("a", "Prime Minister", "head_of_government", country="id/GBR", source="s0"),
        _role("b", "Labour Party leader", "party_leader", country="id/GBR", org="id/labour", source="s4"),
        _role("c", "Labour leader", "party_leader", org="id/labour", based_in="id/GBR", source="s5"),
    ]) is None


def test_two_posts_of_one_country_conflict():
    conflict = role_conflict([_role("a", "Prime Minister", "head_of_government", country="id/GBR", source="s0"),
                              _role("b", "Defence Secretary", "defence_minister", country="id/GBR", source="s2")])
    assert conflict is not None and conflict.nature == ACROSS_SOURCES  # both dated 2025-04-10


def test_one_source_alone_is_no_conflict():
    assert role_conflict([_role("a", "Prime Minister", "head_of_government", country="id/EST"),
                          _role("b", "Foreign policy chief", "foreign_policy_chief", org="id/EU")]) is None


def test_curated_claims_override_extracted_ones_of_the_same_source():
    records = [_stance("c1", "opposes", "2025-04-10", "s2"), _stance("e1", "neutral", "2025-04-10", "s2", "extracted"),
               _stance("c2", "opposes", "2025-08-18", "s1")]
    assert stance_conflict(records) is None
    records.append(_stance("e2", "neutral", "2025-09-01", "s9", "extracted"))
    conflict = stance_conflict(records)
    assert [s.value for s in conflict.sides] == ["opposes", "neutral"]
    assert [c.claim for c in conflict.sides[1].claims] == ["e2"]


def test_conflicts_on_the_seeds(seed_store):
    found = {(c.kind, c.subject): c for c in find_conflicts(seed_store)}
    kallas = found[("role", KALLAS)]
    assert {s.label for s in kallas.sides} == {"Prime Minister (EST)", "Foreign policy chief (EU)"}
    for side in kallas.sides:
        assert all(c.date and c.source and c.evidence for c in side.claims)
    coalition = found[("stance", COALITION)]
    assert [s.value for s in coalition.sides] == ["neutral", "supports"]
    assert coalition.sides[0].claims[0].source.endswith("004_0ded6c6a4145413a")
    assert not any("keir-starmer" in subject for _, subject in found)  # PM and party leader: compatible


def test_conflicts_about_one_subject_and_as_of(seed_store):
    assert [c.subject for c in find_conflicts(seed_store, subject=KALLAS)] == [KALLAS]
    # Before 2025-04-10 only 004 speaks of Kallas and of the coalition: nothing to compare.
    assert find_conflicts(seed_store, day=dt.date(2025, 4, 1)) == []


def test_kg_conflicts_command(kg, seed_store_dir):
    out = kg("conflicts", "--format", "json", store=seed_store_dir)
    assert out.returncode == 0, out.stderr
    conflicts = json.loads(out.stdout)["conflicts"]
    assert {(c["kind"], c["subject_label"]) for c in conflicts} >= {("role", "Kaja Kallas"),
                                                                   ("stance", "Coalition of the Willing")}
    for conflict in conflicts:
        assert len(conflict["sides"]) >= 2
        for side in conflict["sides"]:
            assert all(claim["source"] and claim["method"] for claim in side["claims"])
    table = kg("conflicts", store=seed_store_dir)
    assert table.returncode == 0 and "Kaja Kallas" in table.stdout and "days apart" in table.stdout
