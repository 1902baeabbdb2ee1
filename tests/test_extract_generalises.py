"""The failure classes of issue 13, on invented sentences (never seed or corpus text).

Each case is one short article; the expected claims are (actor type, actor, polarity)
keys, and ``absent`` lists keys that must not be extracted. A case with no expected
claim must yield no stance at all.
"""

from __future__ import annotations

import pytest

from kg.articles import parse_article
from kg.extract import extract_articles


def _stances(text: str) -> list:
    article = parse_article(text.encode("utf-8"), "invented.txt")
    return extract_articles([article])[0].stances


def _keys(text: str) -> set[tuple[str, str, str]]:
    return {(s.actor_type, s.actor, s.polarity) for s in _stances(text)}


CASES = [
    # 1. negation and refusal, over coordinated subjects
    ("negation-coordinated", "Austria, Malta and Cyprus are not going to send troops to Ukraine.",
     {("country", "Austria", "opposes"), ("country", "Malta", "opposes"), ("country", "Cyprus", "opposes")},
     {("country", "Austria", "supports"), ("country", "Malta", "supports"), ("country", "Cyprus", "supports")}),
    ("negation-ruled-out", "Portugal has ruled out sending soldiers to Ukraine as part of a peacekeeping force.",
     {("country", "Portugal", "opposes")}, {("country", "Portugal", "supports")}),
    ("negation-no-plans", "Slovakia has no plans to deploy troops to Ukraine, the government said.",
     {("country", "Slovakia", "opposes")}, {("country", "Slovakia", "supports")}),
    ("negation-refusal-noun", "The Estonian government repeated its refusal to deploy troops to Ukraine.",
     {("country", "Estonia", "opposes")}, {("country", "Estonia", "supports")}),
    ("negation-no-participation", "No Spanish participation in a peacekeeping force is planned by Spain.",
     {("country", "Spain", "opposes")}, {("country", "Spain", "supports")}),
    ("negation-without", "Austria pledged money for demining, without committing to sending troops to Ukraine.",
     set(), {("country", "Austria", "supports")}),
    ("negation-not-considering", "Chile is not considering sending troops to Ukraine.",
     {("country", "Chile", "opposes")}, {("country", "Chile", "supports")}),
    ("negation-neither-nor", "Neither Germany nor Italy plans to send troops to Ukraine.",
     {("country", "Germany", "opposes"), ("country", "Italy", "opposes")},
     {("country", "Germany", "supports"), ("country", "Italy", "supports")}),
    ("negation-not-ruling-out-is-undecided", "Germany does not rule out sending troops to Ukraine.",
     {("country", "Germany", "neutral")}, {("country", "Germany", "opposes"), ("country", "Germany", "supports")}),
    ("negation-not-ruling-out-with-condition", "Sweden does not exclude sending troops after the war ends.",
     {("country", "Sweden", "conditional")}, {("country", "Sweden", "opposes")}),
    ("negation-opponent-noun", "Hungary has been a vocal opponent of the plan to deploy European troops in Ukraine.",
     {("country", "Hungary", "opposes")}, {("country", "Hungary", "supports")}),
    # 2. who holds the stance
    ("holder-reported", "According to an analyst, Chile will not send troops to Ukraine.",
     {("country", "Chile", "opposes")}, {("country", "Chile", "supports")}),
    ("holder-criticised-for", "Foreign Minister Jane Doe of Brazil criticised Portugal for offering soldiers for "
     "the peacekeeping force in Ukraine.",
     {("country", "Portugal", "supports")}, {("country", "Portugal", "opposes"), ("country", "Brazil", "opposes")}),
    ("holder-among-the-countries", "Estonia is among the countries that have pledged troops for the reassurance "
     "force.", {("country", "Estonia", "supports")}, None),
    ("holder-supporter-noun", "Finland is a strong supporter of the reassurance force.",
     {("country", "Finland", "supports")}, None),
    # 3. stance by reference: nothing when it cannot be resolved, never a default "supports"
    ("reference-unresolved", "Our position on this has not changed, the minister said.", set(), None),
    ("reference-dismissed-the-idea", "France proposed sending a peacekeeping force to Ukraine. Italian Prime "
     "Minister Ana Rossi dismissed the idea.", {("person", "Ana Rossi", "opposes"), ("country", "Italy", "opposes")},
     {("country", "Italy", "supports")}),
    ("reference-only-to-a-bare-idea", "France proposed sending a peacekeeping force to Ukraine.\n\nItaly backed "
     "the plan for new sanctions.", {("country", "France", "supports")}, {("country", "Italy", "supports")}),
    # 4. mixed sentences: one claim, never opposes and supports together
    ("mixed-refuse-but-offer", "Poland will not send its troops to Ukraine, but will provide logistical support to "
     "the peacekeeping mission.", {("country", "Poland", "opposes")}, {("country", "Poland", "supports"),
                                                                        ("country", "Poland", "conditional")}),
    ("mixed-consider-once-but-rule-out", "Austria would consider sending monitors once a ceasefire holds, but rules "
     "out combat troops.", {("country", "Austria", "conditional")},
     {("country", "Austria", "opposes"), ("country", "Austria", "supports")}),
    # 5. conditions
    ("condition-once", "Norway is willing to contribute troops to the peacekeeping force once a ceasefire holds.",
     {("country", "Norway", "conditional")}, {("country", "Norway", "supports")}),
    ("condition-if", "Belgium would send soldiers to Ukraine if the parliament approves the mission.",
     {("country", "Belgium", "conditional")}, {("country", "Belgium", "supports")}),
    ("condition-unless-conditions-a-refusal", "Portugal will not send troops to Ukraine unless the UN Security Council "
     "gives a mandate.", {("country", "Portugal", "conditional")}, {("country", "Portugal", "opposes")}),
    ("condition-especially-if-is-no-condition", "Russia said foreign soldiers in Ukraine would be legitimate targets, "
     "especially if they arrived before a peace deal.", {("country", "Russia", "opposes")},
     {("country", "Russia", "conditional")}),
    ("condition-parliament-must-approve", "The Dutch government is willing to contribute troops, but parliament "
     "must approve the mission.", {("country", "Netherlands", "conditional")},
     {("country", "Netherlands", "supports")}),
    ("condition-only-under", "Italy would only participate in a peacekeeping mission under a UN flag.",
     {("country", "Italy", "conditional")}, {("country", "Italy", "supports")}),
    ("condition-as-long-as", "Spain is open to sending troops as long as there is a ceasefire.",
     {("country", "Spain", "conditional")}, {("country", "Spain", "supports")}),
    ("condition-refusal-stays", "Japan will not send troops to Ukraine after a ceasefire either.",
     {("country", "Japan", "opposes")}, {("country", "Japan", "conditional")}),
    # 6. reasons
    ("reason-purpose", "Italy will not deploy soldiers to Ukraine to avoid an escalation with Russia.",
     {("country", "Italy", "opposes")}, None),
    ("negation-red-line", "Kremlin spokesman Dmitry Peskov said the presence of European troops in Ukraine would be "
     "a red line for Moscow.", {("country", "Russia", "opposes")}, {("country", "Russia", "supports")}),
    # 7. hedging: neutral or conditional, not supports
    ("hedge-reservations", "Austria has expressed reservations about deploying troops to Ukraine.",
     {("country", "Austria", "neutral")}, {("country", "Austria", "supports"), ("country", "Austria", "opposes")}),
    ("hedge-may", "Swedish peacekeeping troops may be sent to Ukraine.", set(), {("country", "Sweden", "supports")}),
    ("hedge-possibility", "Putting Danish troops on the ground is just a possibility at this stage, Denmark said.",
     set(), {("country", "Denmark", "supports")}),
    # 9. precision first: no claim from what is not a stance
    ("none-meeting", "On Monday, Spain took part in a meeting of the coalition of the willing in Paris.", set(), None),
    ("none-planned-deployment", "The planned deployment of foreign troops was discussed in Moscow.", set(), None),
    ("none-other-destination", "North Korea sent thousands of troops to Russia last year.", set(), None),
    ("none-question", "Will Greece send troops to Ukraine?", set(), None),
]


@pytest.mark.parametrize(("text", "expected", "absent"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_invented_sentences(text, expected, absent):
    found = _keys(text)
    assert expected <= found, f"missing {expected - found}; found {found}"
    if absent is None and not expected:
        assert not found, f"expected no stance, found {found}"
    for key in absent or ():
        assert key not in found, f"{key} must not be extracted; found {found}"


def test_consequence_warning_opposes_deployment():
    stances = _stances("Russian Foreign Minister Sergei Lavrov warned that foreign troops in Ukraine would trigger "
                       "a war with Moscow.")
    keys = {(s.actor_type, s.actor, s.polarity) for s in stances}
    assert ("country", "Russia", "opposes") in keys
    assert all(s.polarity == "opposes" for s in stances)
    assert any(s.reason and "war" in s.reason for s in stances)


def test_condition_is_distilled():
    [claim] = [s for s in _stances("Norway is willing to contribute troops to the peacekeeping force once a "
                                   "ceasefire holds.") if s.actor_type == "country"]
    assert claim.condition and "ceasefire" in claim.condition and len(claim.condition) < len(claim.quote) / 2


def test_hedged_claims_have_lower_confidence():
    plain = [s for s in _stances("Sweden will send troops to Ukraine.") if s.actor_type == "country"]
    hedged = [s for s in _stances("Sweden might send troops to Ukraine.") if s.actor_type == "country"]
    assert plain and hedged and plain[0].polarity == "supports" and hedged[0].polarity == "neutral"
    assert hedged[0].confidence < plain[0].confidence


# 8. people the gazetteer does not know
def test_unknown_person_with_title_and_nationality():
    keys = _keys("Slovak Prime Minister Jana Novakova said her country would not send troops to Ukraine.")
    assert {("person", "Jana Novakova", "opposes"), ("country", "Slovakia", "opposes")} <= keys


def test_opposition_leader_holds_her_own_stance_not_the_country():
    keys = _keys("Opposition leader Petra Lindqvist said her party would block any deployment of Swedish troops "
                 "to Ukraine.")
    assert ("person", "Petra Lindqvist", "opposes") in keys
    assert not any(kind == "country" for kind, _, _ in keys)


def test_a_lone_first_name_is_not_an_actor():
    assert not _keys("Jana said she was against sending troops to Ukraine.")


# 6. reasons: a short phrase that names the cause
@pytest.mark.parametrize(("text", "cause"), [
    ("Ireland will not send troops to Ukraine, citing its neutrality.", "its neutrality"),
    ("Greece has ruled out sending troops to Ukraine due to tensions with Turkey.", "tensions with Turkey"),
    ("Hungary refuses to send soldiers to Ukraine for fear of an escalation with Russia.", "an escalation with Russia"),
    ("Slovakia will not deploy troops to Ukraine. It said the plan would only prolong the war.",
     "the plan would only prolong the war"),
    ("Prime Minister Jana Novakova announced Slovakia's readiness to send peacekeepers to Ukraine and called it the "
     "only way to secure peace.", "the only way to secure peace"),
], ids=["citing", "due-to", "for-fear-of", "next-sentence", "called-it"])
def test_reasons_are_distilled(text, cause):
    stances = [s for s in _stances(text) if s.actor_type == "country"]
    assert stances, "no stance found"
    assert stances[0].reason == cause
    assert len(stances[0].reason) < len(stances[0].quote)


def test_party_of_another_country_sharing_a_name():
    article = parse_article(b"Dutch Labour Party leader Frans Jansen said the Netherlands should not send troops to "
                            b"Ukraine.", "invented.txt")
    found = extract_articles([article])[0]
    assert [(r.person, r.role_type, r.country) for r in found.roles] == [("Frans Jansen", "party_leader", "NLD")]
    # a recommendation by an opposition politician is his stance, not his country's
    assert {(s.actor_type, s.actor, s.polarity) for s in found.stances} == {("person", "Frans Jansen", "opposes")}
