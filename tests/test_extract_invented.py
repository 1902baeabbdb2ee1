"""The failure classes of issue 13 in an invented world: fictional countries and people.

The packaged gazetteer is copied and given five countries that do not exist (Atlantis,
Freedonia, Utopia, Elbonia, Sylvania), so that no rule can lean on a name it was tuned on.
Every sentence is written for this file (never seed or corpus text). All cases are
extracted in one batch with one pipeline (building a pipeline per case would be slow).

Each case: (id, text, expected, absent). ``expected`` and ``absent`` are sets of
(actor type, actor, polarity); ``absent=None`` with an empty ``expected`` means the text
must yield no stance at all.
"""

from __future__ import annotations

import shutil
from importlib import resources

import pytest

from kg.articles import parse_article
from kg.extract import extract_articles
from kg.extract.gazetteer import read_gazetteer

FICTIONAL = [
    # alpha3, name, aliases, demonyms, metonyms
    ("XAT", "Atlantis", "Atlantis|Republic of Atlantis", "Atlantean|Atlanteans", "Poseidonia"),
    ("XFR", "Freedonia", "Freedonia", "Freedonian|Freedonians", "Fredville"),
    ("XUT", "Utopia", "Utopia", "Utopian|Utopians", "Amaurot"),
    ("XEL", "Elbonia", "Elbonia", "Elbonian|Elbonians", "Mudville"),
    ("XSY", "Sylvania", "Sylvania", "Sylvanian|Sylvanians", "Sylvan City"),
]

A, F, U, E, S = "Atlantis", "Freedonia", "Utopia", "Elbonia", "Sylvania"


def _c(name: str, polarity: str) -> tuple[str, str, str]:
    return ("country", name, polarity)


def _p(name: str, polarity: str) -> tuple[str, str, str]:
    return ("person", name, polarity)


def _all(name: str) -> set[tuple[str, str, str]]:
    return {_c(name, p) for p in ("supports", "opposes", "conditional", "neutral")}


def _allp(name: str) -> set[tuple[str, str, str]]:
    return {_p(name, p) for p in ("supports", "opposes", "conditional", "neutral")}


CASES = [
    # 1. negation and refusal, scoped over coordinated subjects; a refusal governor flips what it governs
    ("neg-coordinated-three", "Atlantis, Elbonia and Sylvania are not going to send troops to Ukraine.",
     {_c(A, "opposes"), _c(E, "opposes"), _c(S, "opposes")}, {_c(A, "supports"), _c(E, "supports"), _c(S, "supports")}),
    ("neg-neither-nor-capitals", "Neither Poseidonia nor Amaurot will deploy soldiers to Ukraine.",
     {_c(A, "opposes"), _c(U, "opposes")}, {_c(A, "supports"), _c(U, "supports")}),
    ("neg-neither-nor-names", "Neither Freedonia nor Sylvania intends to send peacekeepers to Ukraine.",
     {_c(F, "opposes"), _c(S, "opposes")}, {_c(F, "supports"), _c(S, "supports")}),
    ("neg-governments-of", "The governments of Elbonia and Sylvania will not send troops to Ukraine.",
     {_c(E, "opposes"), _c(S, "opposes")}, {_c(E, "supports"), _c(S, "supports")}),
    ("neg-opposed-to-dispatching", "Elbonia is opposed to dispatching soldiers to Ukraine.",
     {_c(E, "opposes")}, {_c(E, "supports")}),
    ("neg-is-against", "Freedonia is against sending troops to Ukraine.", {_c(F, "opposes")}, {_c(F, "supports")}),
    ("neg-out-of-the-question-for", "For Utopia, sending troops to Ukraine is out of the question.",
     {_c(U, "opposes")}, {_c(U, "supports")}),
    ("neg-ruled-out", "Atlantis has ruled out deploying troops to Ukraine.", {_c(A, "opposes")}, {_c(A, "supports")}),
    ("neg-excluded", "Sylvania excluded any participation of its soldiers in the peacekeeping force.",
     {_c(S, "opposes")}, {_c(S, "supports")}),
    ("neg-denied-that-it-plans", "Freedonia denied that it plans to send troops to Ukraine.",
     {_c(F, "opposes")}, {_c(F, "supports")}),
    ("neg-denied-reports", "Freedonia denied reports that it would deploy soldiers to Ukraine.",
     {_c(F, "opposes")}, {_c(F, "supports")}),
    ("neg-denied-of-another-is-not-the-deniers", "Freedonia denied that Atlantis plans to send troops to Ukraine.",
     set(), {_c(F, "opposes"), _c(F, "supports")}),
    ("neg-rejected-calls-to", "Elbonia rejected calls to contribute troops to the reassurance force.",
     {_c(E, "opposes")}, {_c(E, "supports")}),
    ("neg-rejected-the-idea-of", "Elbonia rejected the idea of sending peacekeepers to Ukraine.",
     {_c(E, "opposes")}, {_c(E, "supports")}),
    ("neg-no-plans", "Utopia has no plans to send soldiers to Ukraine.", {_c(U, "opposes")}, {_c(U, "supports")}),
    ("neg-under-no-circumstances", "Under no circumstances will Atlantis send troops to Ukraine.",
     {_c(A, "opposes")}, {_c(A, "supports")}),
    ("neg-refused", "Sylvania refused to commit troops to the peacekeeping mission.",
     {_c(S, "opposes")}, {_c(S, "supports")}),
    ("neg-never", "Atlantis will never deploy its soldiers in Ukraine.", {_c(A, "opposes")}, {_c(A, "supports")}),
    ("neg-viewed-as-threat", "Freedonian Foreign Minister Jane Doe said the deployment of foreign troops in Ukraine "
     "would be viewed in Fredville as foreign intervention and a direct threat.",
     {_c(F, "opposes"), _p("Jane Doe", "opposes")}, {_c(F, "supports"), _p("Jane Doe", "supports")}),
    ("neg-sees-as-provocation", "Elbonia sees the presence of foreign peacekeepers in Ukraine as a provocation.",
     {_c(E, "opposes")}, {_c(E, "supports")}),
    ("neg-refused-to-rule-out", "Atlantis refused to rule out sending troops to Ukraine.", {_c(A, "neutral")},
     {_c(A, "opposes"), _c(A, "supports")}),
    ("neg-declined-to-rule-out", "Elbonia declined to rule out deploying soldiers to Ukraine.", {_c(E, "neutral")},
     {_c(E, "opposes"), _c(E, "supports")}),
    ("neg-rejected-claims-of-refusal", "Sylvania rejected claims that it had refused to send troops.", set(),
     {_c(S, "opposes")}),
    ("neg-will-not-hesitate", "Sylvania will not hesitate to send troops to Ukraine.", {_c(S, "supports")},
     {_c(S, "opposes")}),
    ("neg-backed-away-from-plans", "Atlantis backed away from plans to send troops to Ukraine.", set(),
     {_c(A, "supports")}),
    ("neg-soldiers-will-not-go", "Atlantean Prime Minister Ana Novak said: \"Atlantean soldiers will not go to "
     "Ukraine.\"", {_p("Ana Novak", "opposes"), _c(A, "opposes")}, {_c(A, "supports")}),
    ("none-minister-will-go", "Atlantean Prime Minister Ana Novak will go to Ukraine next week.", set(), None),
    ("none-talks-go-on", "Talks on the peacekeeping force will go on in Geneva, Elbonia said.", set(), None),
    ("neg-unable", "Elbonia is unable to send troops to Ukraine.", {_c(E, "opposes")}, {_c(E, "supports")}),
    ("neg-cannot", "Freedonia cannot send troops to Ukraine.", {_c(F, "opposes")}, {_c(F, "supports")}),
    ("neg-wont-be-sending", "Utopia won't be sending troops to Ukraine.", {_c(U, "opposes")}, {_c(U, "supports")}),
    ("neg-not-willing", "Atlantis is not willing to send troops to Ukraine.", {_c(A, "opposes")},
     {_c(A, "supports")}),
    ("neg-nor-will", "Atlantis will not send troops, nor will Elbonia.", {_c(A, "opposes")},
     {_c(A, "supports"), _c(E, "supports")}),
    ("neg-would-be-madness", "Freedonian President Jan Berg said sending troops to Ukraine would be madness.",
     set(), {_c(F, "supports"), _p("Jan Berg", "supports")}),
    ("neg-no-objection", "Elbonia has no objection to sending troops to Ukraine.", set(), {_c(E, "opposes")}),
    ("neg-dismissed-calls", "Utopia dismissed calls to deploy soldiers to Ukraine.", {_c(U, "opposes")},
     {_c(U, "supports")}),
    ("neg-warned-against", "Sylvania warned against sending troops to Ukraine.", {_c(S, "opposes")},
     {_c(S, "supports")}),
    ("neg-refused-but-offered", "Freedonia has refused to send troops but offered air defence.", {_c(F, "opposes")},
     {_c(F, "supports")}),
    ("hedge-failed-to-agree", "Atlantis and Elbonia failed to agree on sending troops to Ukraine.", set(),
     {_c(A, "supports"), _c(E, "supports")}),
    ("hedge-stopped-short", "Freedonia stopped short of committing troops to the force.", set(),
     {_c(F, "supports")}),
    ("hedge-yet-to-decide", "Utopia has yet to decide whether to send troops to Ukraine.", set(),
     {_c(U, "supports"), _c(U, "opposes")}),
    ("hedge-called-it-premature", "Utopian Foreign Minister Jan Berg called talk of sending troops premature.",
     set(), {_c(U, "supports"), _p("Jan Berg", "supports")}),
    ("commit-offered", "Sylvania has offered to send troops to Ukraine.", {_c(S, "supports")}, None),
    ("mixed-while-others-have-pledged", "Atlantis and Elbonia have ruled out sending troops, while Sylvania and "
     "Utopia have pledged soldiers to the force.", {_c(A, "opposes"), _c(E, "opposes"), _c(S, "supports"),
                                                     _c(U, "supports")},
     {_c(S, "conditional"), _c(U, "conditional"), _c(A, "supports"), _c(E, "supports")}),
    ("commit-as-will", "Atlantis will send troops to Ukraine, as will Elbonia.", {_c(A, "supports")},
     {_c(E, "opposes")}),
    # 2. who holds the stance
    ("holder-dash-participle", "Talks between Freedonia, Atlantis—leading the coalition of the willing—and Ukraine "
     "opened in Geneva.", {_c(A, "supports")}, _all(F)),
    ("holder-dash-participle-other-parse", "Envoys from Elbonia, Atlantis—leading the coalition of the willing—and "
     "Ukraine met in Geneva on Monday.", {_c(A, "supports")}, _all(E)),
    ("holder-according-to-analyst", "According to analyst John Smith, Atlantis will not send troops to Ukraine.",
     {_c(A, "opposes")}, _allp("John Smith") | {_c(A, "supports")}),
    ("holder-analyst-said", "Atlantis will not send troops to Ukraine, defence analyst Mary Major said.",
     {_c(A, "opposes")}, _allp("Mary Major")),
    ("holder-criticised-for", "Foreign Minister Jane Doe of Freedonia criticised Atlantis for offering soldiers to "
     "the peacekeeping force.", {_c(A, "supports")}, _all(F) | {_c(A, "opposes")} | _allp("Jane Doe")),
    ("holder-praised-for", "Elbonian President John Roe praised Sylvania for sending troops to Ukraine.",
     {_c(S, "supports")}, {_c(S, "opposes")} | _all(E)),
    ("holder-opposition-leader", "Opposition leader Jane Roe said her party would block any deployment of Atlantean "
     "troops to Ukraine.", {_p("Jane Roe", "opposes")}, _all(A)),
    ("holder-opposition-leader-should", "Atlantean opposition leader Jane Roe said Atlantis should not send troops "
     "to Ukraine.", {_p("Jane Roe", "opposes")}, _all(A)),
    ("holder-minister-and-government", "Utopian Defence Minister Karl Vane said Utopia was ready to send troops to "
     "Ukraine.", {_c(U, "supports"), _p("Karl Vane", "supports")}, {_c(U, "opposes")}),
    ("holder-spliced-reporting-clause", "Sylvania has offered to send a company of peacekeepers to Ukraine, Prime "
     "Minister Jan Berg confirmed on Thursday.", {_c(S, "supports"), _p("Jan Berg", "supports")}, None),
    ("holder-and-confirmed-is-no-speaker", "Sylvania has offered to send troops to Ukraine, and Atlantean Prime "
     "Minister Ana Novak confirmed the talks on Thursday.", {_c(S, "supports")}, _allp("Ana Novak") | _all(A)),
    ("holder-newspaper-reported", "Freedonia is ready to send troops to Ukraine, the newspaper reported.",
     {_c(F, "supports")}, None),
    ("holder-two-speakers", "Atlantean Prime Minister Ana Novak and Sylvanian President Jan Berg said their nations "
     "were ready to lead a coalition of the willing to support Ukraine with troops.",
     {_p("Ana Novak", "supports"), _p("Jan Berg", "supports")},
     {("organization", "Coalition of the Willing", "supports")}),
    ("holder-two-speakers-plain-coalition", "Atlantean Prime Minister Ana Novak and Sylvanian President Jan Berg said "
     "their nations were ready to lead a coalition to support Ukraine with troops.",
     {_p("Ana Novak", "supports"), _p("Jan Berg", "supports")}, None),
    ("holder-attendee-is-no-speaker", "After talks attended by Freedonian leader Jan Berg, Atlantean Prime Minister "
     "Ana Novak said that no Atlantean participation in a peacekeeping force is planned.",
     {_p("Ana Novak", "opposes")}, _allp("Jan Berg") | _all(F)),
    ("holder-plans-of-the-coalition", "Elbonian Defence Minister Karl Vane said the plans of the coalition of the "
     "willing form a war axis and pose risks for Europe.", set(), {_p("Karl Vane", "supports"), _c(E, "supports")}),
    ("holder-opposition-votes-against", "Opposition leader Jane Roe said her party would vote against any "
     "deployment of Sylvanian troops to Ukraine.", {_p("Jane Roe", "opposes")}, _all(S)),
    ("holder-opposition-criticises-government", "Atlantean opposition leader Jane Roe criticised the government for "
     "offering troops to the peacekeeping force.", set(), {_c(A, "opposes"), _p("Jane Roe", "supports")}),
    ("holder-according-to-media", "According to Atlantean media, Utopia is ready to send troops to Ukraine.",
     {_c(U, "supports")}, _all(A)),
    ("holder-expert-guesses", "Security expert Mary Major said Sylvania was unlikely to send troops to Ukraine.",
     set(), _allp("Mary Major") | {_c(S, "supports")}),
    # 8. people the gazetteer does not know: title + name, nationality, a later "the prime minister"
    ("person-appositive-title", "Maria Lindqvist, the Atlantean defence minister, said Atlantis would send troops "
     "to Ukraine.", {_p("Maria Lindqvist", "supports"), _c(A, "supports")}, None),
    ("person-party-leader", "Green party leader Ana Doe said Elbonia must not send troops to Ukraine.",
     {_p("Ana Doe", "opposes")}, _all(E)),
    ("person-lawmaker", "Freedonian lawmaker Karl Vane said the government should deploy peacekeepers to Ukraine.",
     {_p("Karl Vane", "supports")}, _all(F)),
    ("person-nationality-adjective", "Utopian President Mira Kahn said her country is prepared to deploy soldiers "
     "to Ukraine.", {_p("Mira Kahn", "supports"), _c(U, "supports")}, None),
    ("person-the-prime-minister-later", "Prime Minister Jan Berg of Sylvania met his counterparts on Monday. The "
     "prime minister said Sylvania was ready to send troops to Ukraine.",
     {_c(S, "supports"), _p("Jan Berg", "supports")}, None),
    ("person-the-prime-minister-ambiguous", "Prime Minister Jan Berg of Sylvania met Prime Minister Mira Kahn of "
     "Utopia on Monday. The prime minister said Sylvania was ready to send troops to Ukraine.",
     {_c(S, "supports")}, _allp("Mira Kahn") | _allp("Jan Berg")),
    ("person-untagged-surname-later", "Atlantean Chancellor Markus Leitner spoke on Monday. Leitner said Atlantean "
     "troops would not take part in the mission.", {_p("Markus Leitner", "opposes"), _c(A, "opposes")}, None),
    ("person-lone-first-name", "Ana said Utopia would not send troops to Ukraine.", {_c(U, "opposes")}, _allp("Ana")),
    ("holder-unlike", "Unlike Atlantis, Elbonia will send troops to Ukraine.", {_c(E, "supports")},
     {_c(A, "supports")}),
    ("holder-while-the-other-refused", "Atlantis and Elbonia have pledged troops, while Sylvania has refused.",
     {_c(A, "supports"), _c(E, "supports")}, {_c(S, "supports")}),
    ("holder-but-the-other-will-not", "Atlantis will send troops to Ukraine, but Elbonia will not.",
     {_c(A, "supports")}, {_c(E, "supports")}),
    ("holder-welcomed-anothers-decision", "Atlantis welcomed Elbonia's decision to send troops to Ukraine.",
     {_c(E, "supports")}, {_c(E, "opposes")}),
    ("holder-criticised-anothers-refusal", "Atlantis criticised Elbonia's refusal to send troops to Ukraine.",
     {_c(E, "opposes")}, {_c(E, "supports"), _c(A, "opposes")}),
    ("holder-which-ruled-out", "Sylvania, which has ruled out sending troops, will provide training.",
     {_c(S, "opposes")}, {_c(S, "supports")}),
    ("holder-first-name-says-must", "Ana, a pensioner at the rally, said Sylvania must send troops to Ukraine.",
     set(), _all(S) | _allp("Ana")),
    ("holder-lawmaker-says-must", "Atlantean lawmaker Karl Vane said Atlantis must send troops to Ukraine.",
     {_p("Karl Vane", "supports")}, _all(A)),
    ("holder-said-another-should", "Atlantis said Elbonia should send troops to Ukraine.", set(),
     {_c(E, "supports"), _c(E, "opposes")}),
    ("holder-urged-another", "Atlantis urged Elbonia to send troops to Ukraine.", set(), None),
    ("holder-asked-another-not-to", "Utopia asked Elbonia not to send troops to Ukraine.", set(), None),
    ("holder-expects-another", "Freedonia expects Sylvania to send troops.", set(), None),
    ("holder-hopes-another-will", "Freedonia hopes that Sylvania will send troops to Ukraine.", set(),
     {_c(S, "supports")}),
    ("holder-reports-said", "Reports said Atlantis would send troops to Ukraine.", {_c(A, "supports")}, None),
    ("holder-denied-rumours", "Atlantis denied rumours that it would send troops to Ukraine.", {_c(A, "opposes")},
     {_c(A, "supports")}),
    ("holder-speculation", "There is speculation that Elbonia could send troops to Ukraine.", set(),
     {_c(E, "supports")}),
    ("holder-condition-clause-is-no-stance", "Sylvania will take part provided that the European Union leads the "
     "mission.", set(), {("organization", "EU", "supports")}),
    ("holder-only-if-another-does", "Atlantis will only send troops if Elbonia does too.", {_c(A, "conditional")},
     {_c(A, "supports"), _c(E, "supports")}),
    ("holder-minister-unacceptable", "Utopian Foreign Minister Jan Berg said the presence of foreign troops in "
     "Ukraine would be unacceptable.", {_c(U, "opposes")}, {_c(U, "supports")}),
    ("holder-firmly-against", "Freedonia is firmly against any foreign military presence in Ukraine.",
     {_c(F, "opposes")}, {_c(F, "supports")}),
    # 3. stance by reference: resolved to the sentence before, or nothing
    ("reference-position-unchanged", "Our position on this has not changed, Minister Jane Doe said.", set(), None),
    ("reference-dismissed-unresolved", "Minister Jane Doe of Freedonia dismissed the idea.", set(), None),
    ("reference-dismissed-after-proposal", "Atlantis proposed sending a peacekeeping force to Ukraine. Freedonian "
     "Prime Minister Jane Doe dismissed the idea.", {_c(F, "opposes")}, {_c(F, "supports")}),
    ("reference-stands-by", "Sylvania stands by its earlier position, the foreign ministry said.", set(), None),
    ("reference-position-after-a-stance", "Atlantis will not send troops to Ukraine. Our position on this has not "
     "changed, Foreign Minister Jane Doe said.", {_c(A, "opposes")}, {_c(A, "supports")}),
    ("reference-rejected-it", "Utopia has proposed a peacekeeping force for Ukraine. Elbonia rejected it.",
     {_c(U, "supports"), _c(E, "opposes")}, {_c(E, "supports")}),
    ("reference-welcomed-the-plan", "Sylvania proposed deploying a reassurance force to Ukraine. Atlantis welcomed "
     "the plan.", {_c(S, "supports"), _c(A, "supports")}, {_c(A, "opposes")}),
    ("reference-a-plan-out-of-the-blue", "Sylvania welcomed the plan.", set(), None),
    # 4. mixed sentences: never an opposes and a supports for one actor from one sentence
    ("mixed-rule-out-but-consider", "Utopia rules out combat troops but would consider sending monitors once a "
     "ceasefire holds.", {_c(U, "conditional")}, {_c(U, "supports"), _c(U, "opposes")}),
    ("mixed-no-troops-but-logistics", "Sylvania will not send soldiers to Ukraine, but it will provide logistical "
     "support to the mission.", {_c(S, "opposes")}, {_c(S, "supports")}),
    ("mixed-money-not-troops", "Elbonia will offer funding and equipment, not troops.", {_c(E, "opposes")},
     {_c(E, "supports")}),
    ("mixed-backs-force-not-own-soldiers", "Elbonia supports the reassurance force but will not send its own "
     "soldiers.", {_c(E, "opposes")}, None),
    ("mixed-welcomes-but-rules-out", "Freedonia welcomed the peacekeeping mission but ruled out sending troops.",
     {_c(F, "opposes")}, None),
    # 5. conditions
    ("condition-once", "Atlantis would deploy soldiers once a ceasefire holds.", {_c(A, "conditional")},
     {_c(A, "supports")}),
    ("condition-provided", "Freedonia is willing to send troops to Ukraine, provided there is a US backstop.",
     {_c(F, "conditional")}, {_c(F, "supports")}),
    ("condition-only-with", "Sylvania would only contribute soldiers with a UN mandate.", {_c(S, "conditional")},
     {_c(S, "supports")}),
    ("condition-subject-to", "Elbonia could send peacekeepers, subject to a vote of parliament.",
     {_c(E, "conditional")}, {_c(E, "supports")}),
    ("condition-after", "Utopia will deploy troops to Ukraine after a peace agreement is signed.",
     {_c(U, "conditional")}, {_c(U, "supports")}),
    ("condition-unit-noun", "Elbonia said it would send a battalion if its parliament approves the mission.",
     {_c(E, "conditional")}, {_c(E, "supports")}),
    ("commit-battalion", "Atlantis will deploy a battalion to Ukraine.", {_c(A, "supports")}, None),
    ("none-battalion-elsewhere", "Atlantis deployed a battalion to Utopia last spring.", set(), None),
    ("none-building-a-brigade", "Atlantis will take responsibility for building up a joint brigade within Ukraine.",
     set(), None),
    ("condition-not-before", "Atlantis will not send troops before a ceasefire is agreed.", {_c(A, "conditional")},
     {_c(A, "supports"), _c(A, "opposes")}),
    ("condition-not-until", "Utopia will not deploy soldiers until a peace deal is signed.", {_c(U, "conditional")},
     {_c(U, "supports"), _c(U, "opposes")}),
    ("condition-not-after-either", "Elbonia will not send troops to Ukraine, even after a ceasefire.",
     {_c(E, "opposes")}, {_c(E, "supports"), _c(E, "conditional")}),
    ("condition-not-before-a-date", "Sylvania will not send troops before the end of the year.", set(),
     {_c(S, "conditional"), _c(S, "supports")}),
    ("condition-if", "Freedonia would send troops if the parliament approves the mission.", {_c(F, "conditional")},
     {_c(F, "supports")}),
    # 7. hedging: neutral or conditional, never supports
    ("hedge-might", "Atlantis might send troops to Ukraine.", set(), {_c(A, "supports")}),
    ("hedge-could", "Elbonia could deploy soldiers to Ukraine.", set(), {_c(E, "supports")}),
    ("hedge-may-consider", "Sylvania may consider sending troops to Ukraine.", set(), {_c(S, "supports")}),
    ("hedge-studying", "Freedonia is studying the possibility of sending troops to Ukraine.", {_c(F, "neutral")},
     {_c(F, "supports"), _c(F, "opposes")}),
    ("hedge-examining-with-source", "Utopia is examining the possibility of contributing peacekeepers, according "
     "to a government source.", {_c(U, "neutral")}, {_c(U, "supports"), _c(U, "opposes")}),
    ("none-studying-a-report", "Atlantis is studying a report on the peacekeeping mission.", set(), None),
    ("hedge-not-decided", "Utopia has not yet decided whether to send troops to Ukraine.", set(),
     {_c(U, "supports"), _c(U, "opposes")}),
    ("hedge-no-decision", "No decision has been taken on sending Atlantean troops to Ukraine.", set(),
     {_c(A, "supports"), _c(A, "opposes")}),
    ("hedge-studying-whether", "Atlantis is studying whether to send troops to Ukraine.", set(),
     {_c(A, "supports"), _c(A, "opposes")}),
    ("hedge-it-is-possible-that", "It is possible that Elbonia will send troops to Ukraine.", set(),
     {_c(E, "supports")}),
    ("hedge-perhaps", "Sylvania will perhaps send troops to Ukraine.", set(), {_c(S, "supports")}),
    ("hedge-could-consider", "Freedonia could consider deploying peacekeepers to Ukraine.", set(),
     {_c(F, "supports")}),
    # 9. precision first: nothing from what states no stance
    ("scope-destination-calls-on-partners", "Ukrainian Foreign Minister Jan Berg called on partners to deploy the "
     "force as soon as possible.", {_c("Ukraine", "supports"), _p("Jan Berg", "supports")}, None),
    ("none-discussed", "Leaders of Atlantis and Elbonia discussed the deployment of troops to Ukraine.", set(), None),
    ("none-question", "Will Sylvania send troops to Ukraine?", set(), None),
    ("none-other-destination", "Freedonia sent troops to Utopia last year.", set(), None),
    ("none-hypothetical", "If Atlantis sends troops, the mission will be stronger.", set(), None),
    ("none-participle-describes", "The deployment, intended to deter Utopia, was discussed in Geneva.", set(), None),
    ("none-troops-abroad", "The Atlantean government will propose changes to its rules for deploying troops abroad.",
     set(), None),
    ("none-forces-at-home", "Elbonia needs its forces at home.", set(), None),
    ("none-keep-troops-home", "Sylvania will keep its soldiers home this winter.", set(), None),
    ("none-troops-overseas", "Elbonia has deployed troops overseas for decades.", set(), None),
    ("none-at-a-summit-of-the-coalition", "Sylvania endorsed a new trade framework at a summit of the coalition of "
     "the willing in Geneva.", set(), None),
    ("at-a-summit-the-force-itself", "At a summit in Geneva, Sylvania endorsed the peacekeeping force.",
     {_c(S, "supports")}, None),
]


@pytest.fixture(scope="module")
def invented_claims(tmp_path_factory):
    """{case id: ArticleClaims} for every case, extracted with the fictional gazetteer in one batch."""
    where = tmp_path_factory.mktemp("gazetteer")
    packaged = resources.files("kg").joinpath("data", "gazetteer")
    for entry in packaged.iterdir():
        if entry.name.endswith(".tsv"):
            with resources.as_file(entry) as path:
                shutil.copy(path, where / entry.name)
    with open(where / "countries.tsv", "a", encoding="utf-8") as out:
        for row in FICTIONAL:
            out.write("\t".join((*row, "invented for tests")) + "\n")
    gazetteer = read_gazetteer(where)
    articles = [parse_article(text.encode("utf-8"), f"{case}.txt") for case, text, *_ in CASES + EXTRA]
    found = extract_articles(articles, gazetteer=gazetteer)
    return {case: claims for (case, *_), claims in zip(CASES + EXTRA, found, strict=True)}


@pytest.fixture(scope="module")
def invented(invented_claims):
    """{case id: stances}."""
    return {case: claims.stances for case, claims in invented_claims.items()}


def _keys(stances) -> set[tuple[str, str, str]]:
    return {(s.actor_type, s.actor, s.polarity) for s in stances}


@pytest.mark.parametrize(("case", "expected", "absent"), [(c[0], c[2], c[3]) for c in CASES],
                         ids=[c[0] for c in CASES])
def test_invented_world(invented, case, expected, absent):
    found = _keys(invented[case])
    assert expected <= found, f"missing {expected - found}; found {found}"
    if absent is None and not expected:
        assert not found, f"expected no stance, found {found}"
    for key in absent or ():
        assert key not in found, f"{key} must not be extracted; found {found}"


#: 6. reasons: (id, text, actor, words the distilled reason must contain); a short phrase, not the sentence.
REASONS = [
    ("reason-citing", "Sylvania will not send troops to Ukraine, citing its neutrality.", S, "its neutrality"),
    ("reason-because-of", "Atlantis has ruled out sending soldiers because of tensions with Elbonia.", A,
     "tensions with Elbonia"),
    ("reason-so-as-not-to", "Freedonia refuses to deploy troops so as not to provoke Utopia.", F, "provoke Utopia"),
    ("reason-appositive-citing", "Elbonia, citing its constitution, will not send troops to Ukraine.", E,
     "its constitution"),
    ("reason-next-sentence", "Utopian Prime Minister Jane Doe said Utopia would not send troops to Ukraine. She said "
     "the plan would only prolong the war.", U, "prolong the war"),
    ("reason-citing-a-cause-not-a-source", "Utopia will not send troops to Ukraine, citing the cost of the "
     "mission.", U, "the cost of the mission"),
    ("reason-next-sentence-marked", "Elbonian Foreign Minister Jane Doe said Elbonia would not contribute soldiers. "
     "She said the country needed its forces at home given tensions on its border.", E, "tensions on its border"),
    ("reason-calling-the-deployment", "Elbonia will not tolerate the presence of foreign troops in Ukraine, a "
     "government spokeswoman said on Monday, calling any such deployment a direct threat to Elbonian security.", E,
     "a direct threat"),
    ("reason-given", "Atlantis will not deploy soldiers to Ukraine given its small army.", A, "its small army"),
    ("reason-as", "Freedonia will not send troops to Ukraine as it needs its soldiers at home.", F,
     "needs its soldiers at home"),
    ("reason-due-to", "Sylvania declined to send troops due to budget constraints.", S, "budget constraints"),
    ("reason-for-fear-of", "Elbonia will not contribute troops for fear of a wider war.", E, "a wider war"),
    ("reason-purpose-clause", "Atlantis is ready to deploy peacekeepers once the fighting stops, to help secure the "
     "ports and to train the army.", A, "to help secure the ports"),
    ("reason-viewed-as", "Freedonian Foreign Minister Jane Doe said foreign troops in Ukraine would be seen as an "
     "occupation and a provocation against Freedonia.", F, "an occupation and a provocation"),
]

#: 3. and 6. no reason: a restatement of the position, or the source a report cites: (id, text, actor).
NO_REASON = [
    ("no-reason-position-restated", "Utopian Prime Minister Jane Doe said Utopia would not send troops to Ukraine. "
     "Asked again later, Doe said: \"Our position has not changed.\"", U),
    ("no-reason-stance-restated", "Atlantean President Jan Berg said Atlantis was ready to send troops to Ukraine. "
     "He said the government's stance remained the same.", A),
    ("no-reason-citing-officials", "Elbonia could deploy soldiers to Ukraine, the newspaper said, citing unnamed "
     "officials.", E),
    ("no-reason-citing-a-source", "Sylvania will send troops to Ukraine, the agency reported, citing a government "
     "source.", S),
]

#: 5. conditions: (id, text, actor, words the distilled condition must contain); the stance is conditional.
CONDITIONS = [
    ("condition-subject-to-vote", "Elbonia could send peacekeepers, subject to a vote of parliament.", E,
     "a vote of parliament"),
    ("condition-only-with-mandate", "Sylvania would only contribute soldiers with a UN mandate.", S, "a UN mandate"),
    ("condition-once-ceasefire", "Atlantis would deploy soldiers once a ceasefire holds.", A, "a ceasefire holds"),
    ("condition-provided-backstop", "Freedonia is willing to send troops to Ukraine, provided there is a US "
     "backstop.", F, "a US backstop"),
    ("condition-not-until-deal", "Utopia will not deploy soldiers until a peace deal is signed.", U,
     "a peace deal is signed"),
    ("condition-only-after-deal", "Utopia will send troops only after a peace deal is signed.", U, "a peace deal"),
    ("condition-said-if", "Atlantis said it would join the force if parliament approves it.", A,
     "parliament approves"),
    ("condition-on-the-condition-that", "Sylvania would take part in the mission on the condition that the United "
     "States provides air cover.", S, "the United States provides air cover"),
    ("condition-spelled-out-after-colon", "Utopian Prime Minister Jan Berg said Utopian participation in the force "
     "would depend on two conditions: a clear mandate and air cover from the United States.", U,
     "a clear mandate and air cover"),
]

#: A date is no condition: "before the end of the year" leaves a plain commitment.
DATES = [("date-is-no-condition", "Freedonia will send troops before the end of the year.", F)]

#: 7. hedging lowers confidence: (id, plain text, hedged text, actor).
HEDGES = [("hedge-could-conditional", "Elbonia will send peacekeepers, subject to a vote of parliament.",
           "Elbonia could send peacekeepers, subject to a vote of parliament.", E)]

#: Cases checked by the tests below on more than the (actor, polarity) keys.
EXTRA: list[tuple[str, str]] = ([(c, t) for c, t, *_ in REASONS + NO_REASON + CONDITIONS + DATES]
                                + [(f"{c}:plain", p) for c, p, _, _ in HEDGES]
                                + [(f"{c}:hedged", h) for c, _, h, _ in HEDGES])


def _country(invented, case: str, actor: str):
    found = [s for s in invented[case] if s.actor_type == "country" and s.actor == actor]
    assert found, f"no stance of {actor}; found {_keys(invented[case])}"
    return found[0]


@pytest.mark.parametrize(("case", "actor", "cause"), [(c, a, w) for c, _, a, w in REASONS],
                         ids=[c for c, *_ in REASONS])
def test_reasons_are_distilled(invented, case, actor, cause):
    claim = _country(invented, case, actor)
    assert claim.reason and cause in claim.reason, f"reason {claim.reason!r}"
    assert len(claim.reason) < len(claim.quote) / 2


@pytest.mark.parametrize(("case", "actor"), [(c, a) for c, _, a in NO_REASON], ids=[c for c, *_ in NO_REASON])
def test_restatements_and_sources_are_no_reasons(invented, case, actor):
    claim = _country(invented, case, actor)
    assert claim.reason is None, f"reason {claim.reason!r}"


@pytest.mark.parametrize(("case", "actor", "words"), [(c, a, w) for c, _, a, w in CONDITIONS],
                         ids=[c for c, *_ in CONDITIONS])
def test_conditions_are_distilled(invented, case, actor, words):
    claim = _country(invented, case, actor)
    assert claim.polarity == "conditional"
    assert claim.condition and words in claim.condition, f"condition {claim.condition!r}"
    assert len(claim.condition) < len(claim.quote) * 0.6
    assert not claim.condition.lower().startswith("that ")


@pytest.mark.parametrize(("case", "actor"), [(c, a) for c, _, a in DATES], ids=[c for c, *_ in DATES])
def test_a_date_is_no_condition(invented, case, actor):
    claim = _country(invented, case, actor)
    assert claim.polarity == "supports" and claim.condition is None


@pytest.mark.parametrize(("case", "actor"), [(c, a) for c, _, _, a in HEDGES], ids=[c for c, *_ in HEDGES])
def test_a_hedge_lowers_confidence(invented, case, actor):
    plain, hedged = _country(invented, f"{case}:plain", actor), _country(invented, f"{case}:hedged", actor)
    assert hedged.polarity in ("conditional", "neutral")
    assert hedged.confidence < plain.confidence


def test_never_opposes_and_supports_for_one_actor_and_scope_from_one_sentence(invented):
    """4. mixed sentences, over every invented text: one sentence never gives both polarities to one actor."""
    for case, stances in invented.items():
        seen: dict[tuple, set[str]] = {}
        for s in stances:
            seen.setdefault((s.actor_type, s.actor, s.scope, s.start), set()).add(s.polarity)
        for key, polarities in seen.items():
            assert not {"supports", "opposes"} <= polarities, f"{case}: {key} {polarities}"


def test_every_quote_is_the_body_slice(invented):
    texts = {case: text for case, text, *_ in CASES + EXTRA}
    for case, stances in invented.items():
        body = parse_article(texts[case].encode("utf-8"), f"{case}.txt").body
        for s in stances:
            assert body[s.start:s.end] == s.quote, case


def test_title_name_of_country_is_a_role(invented_claims):
    """8. "Prime Minister Jan Berg of Sylvania": the country after the name holds the post."""
    found = invented_claims["person-the-prime-minister-later"]
    assert ("Jan Berg", "head_of_government", "XSY") in {(r.person, r.role_type, r.country) for r in found.roles}


def test_the_destination_holds_stances_on_the_deployment(invented):
    """Ukraine cannot send its own troops to itself: its stances (and its officials') are on the deployment."""
    stances = invented["scope-destination-calls-on-partners"]
    assert stances and {s.scope for s in stances} == {"deployment"}

