"""Extraction rules on sentences written for these tests (not from the seed articles)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.articles import parse_article
from kg.extract import extract_articles


def _extract(text: str):
    (found,) = extract_articles([parse_article(text.encode("utf-8"), "t.txt")])
    return found


def _stance_set(text: str) -> set[tuple[str, str, str]]:
    return {(s.actor, s.actor_type, s.polarity) for s in _extract(text).stances}


@pytest.mark.parametrize(("text", "expected"), [
    ("Germany will not send troops to Ukraine, a government spokesman said.", ("Germany", "opposes")),
    ("Sweden is ready to deploy soldiers to Ukraine once a ceasefire is agreed.", ("Sweden", "conditional")),
    ("Italy has ruled out sending troops to Ukraine.", ("Italy", "opposes")),
    ("The Kremlin said it would never accept the deployment of Western troops in Ukraine.", ("Russia", "opposes")),
    ("Norway would not rule out contributing troops to the force.", ("Norway", "neutral")),
    ("Spain said it could only send troops if the United States provided a backstop.", ("Spain", "conditional")),
    ("Canada has not agreed to join the mission.", ("Canada", "neutral")),
    ("Italian Prime Minister Giorgia Meloni said sending Italian troops to Ukraine is not on the agenda.",
     ("Italy", "opposes")),
    ("Sweden's Prime Minister Ulf Kristersson said it was too early to say whether Sweden would send troops.",
     ("Sweden", "neutral")),
    ("U.S. Defense Secretary Pete Hegseth said no American troops would be deployed to Ukraine.",
     ("United States", "opposes")),
    ("The Kremlin has warned that any Western troops deployed in Ukraine would be legitimate targets.",
     ("Russia", "opposes")),
    ("Several countries, such as Poland and Hungary, have said they will not send troops.", ("Poland", "opposes")),
    ("Paris and London are ready to send troops to Ukraine after a ceasefire.", ("France", "conditional")),
    ("Ukraine has long called for Western troops to be deployed on its territory.", ("Ukraine", "supports")),
    ("Norway ruled out sending troops.", ("Norway", "opposes")),
    ("Japan has signed up to the coalition of the willing.", ("Japan", "supports")),
])
def test_country_stances(text, expected):
    stances = _stance_set(text)
    assert (expected[0], "country", expected[1]) in stances
    if expected[0] != "Ukraine":  # the country troops would go to is not the one sending them
        assert not any(actor == "Ukraine" for actor, _, _ in stances)


def test_minister_stance_gives_country_stance_too():
    found = _extract("Danish Defence Minister Troels Lund Poulsen said Denmark was prepared to send personnel "
                     "to the reassurance force.")
    actors = {(s.actor, s.actor_type, s.polarity) for s in found.stances}
    assert ("Denmark", "country", "supports") in actors
    role = found.roles[0]
    assert (role.person, role.role_type, role.country) == ("Troels Lund Poulsen", "defence_minister", "DNK")


def test_coordinated_members_each_get_a_stance_with_reason():
    text = ("Several countries, including Hungary and Slovakia, have said they will not send troops "
            "because of domestic opposition.")
    found = _extract(text)
    got = {s.actor: s for s in found.stances}
    assert {"Hungary", "Slovakia"} <= set(got)
    assert got["Hungary"].polarity == "opposes" and "domestic opposition" in got["Hungary"].reason


def test_reason_from_the_reporting_clause():
    found = _extract("The British government said it was prepared to deploy troops, citing the need to deter "
                     "future Russian aggression.")
    (stance,) = found.stances
    assert (stance.actor, stance.polarity) == ("United Kingdom", "supports")
    assert stance.reason == "the need to deter future Russian aggression"


def test_pronoun_speaker_and_surname_resolution():
    text = ("Estonian Foreign Minister Margus Tsahkna spoke in Tallinn on Monday. "
            "Tsahkna said Estonia was willing to contribute troops to the force.")
    found = _extract(text)
    assert any(s.actor == "Estonia" and s.polarity == "supports" and s.speaker == "Margus Tsahkna"
               for s in found.stances)


def test_unknown_person_surname_resolves_within_article():
    text = ("Belgian Defence Minister Jana Verhoeven-Claes met troops. "
            "Verhoeven-Claes said Belgium would not deploy soldiers to Ukraine.")
    found = _extract(text)
    assert [r.person for r in found.roles] == ["Jana Verhoeven-Claes"]
    got = {(s.actor, s.actor_type, s.polarity, s.speaker) for s in found.stances}
    assert ("Belgium", "country", "opposes", "Jana Verhoeven-Claes") in got
    assert ("Jana Verhoeven-Claes", "person", "opposes", "Jana Verhoeven-Claes") in got


def test_appositive_and_of_titles():
    found = _extract("Marco Rubio, the U.S. Secretary of State, met Andrii Sybiha, Ukraine's foreign minister.")
    roles = {(r.person, r.role_type, r.country) for r in found.roles}
    assert ("Andrii Sybiha", "foreign_minister", "UKR") in roles
    assert ("Marco Rubio", "foreign_minister", "USA") in roles


def test_compound_title():
    found = _extract("Deputy Prime Minister and Minister of National Defence Władysław Kosiniak-Kamysz spoke.")
    types = {r.role_type for r in found.roles}
    assert types == {"deputy_head_of_government", "defence_minister"}
    assert {r.country for r in found.roles} == {"POL"}


def test_former_titles_are_not_current_roles():
    assert not _extract("Former Prime Minister Boris Johnson criticised the plan.").roles


@pytest.mark.parametrize("text", [
    "France supports the new trade agreement with Canada.",
    "North Korea has sent thousands of troops to Russia, according to South Korean intelligence.",
    "Russia has deployed additional troops along its border with Finland.",
    "Moscow opposes the deployment of U.S. missiles in Germany, Kremlin spokesman Dmitry Peskov said.",
    "Earlier this year, European leaders lobbied Trump to provide air cover for European troops.",
    "\u201cIt is essential that Ukraine gets more air defence systems,\u201d the president said.",
    "Will Germany send troops to Ukraine?",
    "The United States deployed 20,000 additional troops to Europe in 2022.",
    "If Britain sends troops to Ukraine, Russia will treat them as a target, analysts warned.",
])
def test_off_topic_or_other_deployments_give_no_stance(text):
    assert not _extract(text).stances


_WORDS = st.sampled_from(["Poland", "will", "not", "send", "troops", "to", "Ukraine", ",", "said", "Macron",
                          "the", "force", "because", "of", "risks", "\n", "“", "”", "Kremlin", "é", "ready"])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_WORDS, min_size=1, max_size=40))
def test_quotes_always_match_offsets(words):
    text = " ".join(words) + " x"
    article = parse_article(text.encode("utf-8"), "t.txt")
    (found,) = extract_articles([article])
    for claim in found.claims:
        assert article.body[claim.start:claim.end] == claim.quote


def test_too_long_bodies_are_refused(monkeypatch):
    from kg.errors import LimitExceededError

    monkeypatch.setenv("KG_MAX_EXTRACT_CHARS", "10")
    with pytest.raises(LimitExceededError, match=r"t\.txt"):
        _extract("Germany will not send troops to Ukraine.")
