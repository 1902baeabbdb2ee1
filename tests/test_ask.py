"""kg ask (issue 4): every question form, answers with verbatim quotes and sources, --as-of,
growth after ingest, named queries, and hostile input that must neither crash nor write."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from functools import lru_cache
from pathlib import Path

import pytest

from kg.articles import load_article
from kg.ask import ask, parse_question
from kg.ask.questions import (
    SUPPORTED_FORMS,
    ConflictQuestion,
    HolderQuestion,
    PositionQuestion,
    RoleQuestion,
    StanceQuestion,
    UnrecognisedQuestionError,
)
from kg.ask.records import Evidence, StanceRecord
from kg.ask.summary import reasons_of
from kg.ask.summary import summarise_positions as summarise
from kg.errors import KGError, UsageError
from kg.store import EmbeddedStore
from tests.conftest import PROJECT_ROOT, SEEDS

QUESTION = "who opposes troop deployment and why"
ARTICLE = PROJECT_ROOT / "tests" / "data" / "ask_article.txt"
NAMED = ("who-opposes", "positions-by-country", "roles", "conflicts", "stance-timeline")
HOSTILE = [
    'who opposes "} DROP ALL {"',
    "who opposes } DROP ALL {",
    "who opposes troop deployment } ; DROP ALL ; SELECT * WHERE {",
    "what is Poland'} DROP ALL {'s position on troop deployment",
    'what role does "Kaja Kallas" } INSERT DATA { <x:a> <x:b> <x:c> } hold',
    "what role does <http://example.org/a b> hold",
    "who is the defence minister of <https://w3id.org/positions-kg/id/country/LVA> } DROP ALL {",
    "which sources disagree about \\u0022 ; CLEAR ALL",
    "what is <https://w3id.org/positions-kg/id/country/POL>'s position on troop deployment",
    "who backs {{{{ ?s ?p ?o }}}}",
]


# --- helpers -------------------------------------------------------------------------------


def _json(kg, *args: str, store) -> dict:
    out = kg("ask", *args, "--format", "json", store=store)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def _by_country(answers: list[dict]) -> dict[str, dict]:
    return {a["country"]: a for a in answers if a["actor_type"] == "country"}


@lru_cache(maxsize=16)
def _body(source: str) -> str:
    return load_article(SEEDS / "articles" / f"{source.rsplit('/', 1)[-1]}.txt").body


def _assert_verbatim(evidence: dict) -> None:
    assert evidence["quote"] and evidence["source"] and evidence["date"], evidence
    assert _body(evidence["source"])[evidence["start"]:evidence["end"]] == evidence["quote"], evidence


def _fingerprint(store_dir: Path, kg) -> tuple[int, list[str]]:
    dump = kg("export", "--format", "nq", store=store_dir)
    assert dump.returncode == 0, dump.stderr
    lines = sorted(dump.stdout.splitlines())
    return len(lines), lines


# --- parsing -------------------------------------------------------------------------------


@pytest.mark.parametrize(("question", "expected"), [
    (QUESTION, StanceQuestion(("opposes", "conditional"), "troop deployment", why=True)),
    ("Who is against the reassurance force?", StanceQuestion(("opposes", "conditional"), "the reassurance force")),
    ("which countries refuse to send troops",
     StanceQuestion(("opposes",), "troops", scopes=("own_troops",), actor_types=("country",))),
    ("who backs troop deployment", StanceQuestion(("supports", "conditional"), "troop deployment")),
    ("who supports the reassurance force", StanceQuestion(("supports", "conditional"), "the reassurance force")),
    ("who sets conditions on troop deployment", StanceQuestion(("conditional",), "troop deployment")),
    ("what is Poland's position on troop deployment", PositionQuestion("Poland", "troop deployment")),
    ("What’s the position of the United States on the reassurance force?",
     PositionQuestion("the United States", "the reassurance force")),
    ("where does Macron stand", PositionQuestion("Macron", "")),
    ("what role does Kaja Kallas hold", RoleQuestion("Kaja Kallas")),
    ("who is Kaja Kallas", RoleQuestion("Kaja Kallas")),
    ("who is the defence minister of Latvia", HolderQuestion("defence minister", "Latvia")),
    ("who is Latvia's defence minister", HolderQuestion("defence minister", "Latvia")),
    ("which sources disagree", ConflictQuestion("")),
    ("which sources disagree about Kaja Kallas?", ConflictQuestion("Kaja Kallas")),
])
def test_each_form_parses(question, expected):
    assert parse_question(question) == expected


@pytest.mark.parametrize("question", ["what is love", "", "   ", "who", "tell me a joke", "x" * 600,
                                      "which sources support the force"])
def test_unreadable_questions_are_refused(question):
    with pytest.raises(UnrecognisedQuestionError):
        parse_question(question)


def test_unreadable_question_prints_the_forms_and_exits_2(kg, seed_store_dir):
    out = kg("ask", "what is the meaning of life", store=seed_store_dir)
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    assert "cannot read the question 'what is the meaning of life'" in out.stderr
    for form, example in SUPPORTED_FORMS:
        assert form in out.stderr and example in out.stderr


# --- who opposes ---------------------------------------------------------------------------


def test_who_opposes_troop_deployment_and_why(kg, seed_store_dir):
    data = _json(kg, QUESTION, store=seed_store_dir)
    assert data["question"] == QUESTION and data["query"].startswith("kg query --name who-opposes")
    rows = _by_country(data["answers"])
    assert rows["RUS"]["polarity"] == "opposes" and rows["RUS"]["scope"] == "deployment"
    for code in ("POL", "GRC", "USA"):
        assert (rows[code]["polarity"], rows[code]["scope"]) == ("opposes", "own_troops"), rows[code]
    for code in ("RUS", "POL", "GRC", "USA"):
        assert rows[code]["reasons"], rows[code]
        assert rows[code]["evidence"], rows[code]
        for evidence in rows[code]["evidence"]:
            _assert_verbatim(evidence)
    for code in ("LVA", "FIN", "NLD"):
        assert rows[code]["polarity"] == "conditional", rows[code]
        assert rows[code]["conditions"] and rows[code]["evidence"]
    assert "Belarus" in " ".join(rows["POL"]["reasons"]) and "Turkey" in " ".join(rows["GRC"]["reasons"])
    # Opposition first (the deployment as such before own troops), then the conditional section.
    order = [(a["polarity"], a["scope"]) for a in data["answers"]]
    assert order == sorted(order, key=lambda p: (["opposes", "conditional"].index(p[0]),
                                                 ["deployment", "own_troops"].index(p[1])))


ANSWER_KEYS = ["section", "actor", "actor_type", "country", "polarity", "scope", "claims", "sources",
               "first_stated", "last_stated", "reasons", "conditions", "contested", "reliability", "evidence"]
EVIDENCE_KEYS = ["quote", "start", "end", "source", "outlet", "date", "method", "reliability"]


def test_json_has_exactly_the_documented_keys(kg, seed_store_dir):
    data = _json(kg, QUESTION, store=seed_store_dir)
    assert list(data) == ["question", "query", "answers", "totals"]
    for answer in data["answers"]:
        assert list(answer) == ANSWER_KEYS
        assert answer["country"] is None or re.fullmatch(r"[A-Z]{3}", answer["country"])
        assert isinstance(answer["claims"], int) and isinstance(answer["sources"], int)
        assert 1 <= answer["sources"] <= answer["claims"]
        assert answer["first_stated"] <= answer["last_stated"]
        assert isinstance(answer["contested"], bool)
        assert answer["reliability"] is None or 0 <= answer["reliability"] <= 1
        assert 1 <= len(answer["evidence"]) <= 3
        for evidence in answer["evidence"]:
            assert list(evidence) == EVIDENCE_KEYS
    counted: dict[str, int] = {}
    for answer in data["answers"]:
        counted[answer["section"]] = counted.get(answer["section"], 0) + 1
    assert data["totals"] == counted  # nothing left out on the seeds


def test_headline_rows_have_claims_sources_reasons_and_a_quote(kg, seed_store_dir):
    data = _json(kg, QUESTION, store=seed_store_dir)
    rows = _by_country(data["answers"])
    assert rows["RUS"]["section"] == "opposes deployment"
    assert {rows[c]["section"] for c in ("POL", "GRC", "USA")} == {"opposes own_troops"}
    assert {rows[c]["section"] for c in ("LVA", "FIN", "NLD")} == {"conditional"}
    for code in ("RUS", "POL", "GRC", "USA", "LVA", "FIN", "NLD"):
        row = rows[code]
        assert row["claims"] >= 1 and row["sources"] >= 1 and row["evidence"], row
        assert row["reasons"] or row["conditions"], row
    # The United States is reported declining by three independent sources (Euromaidan Press, 002, 004).
    assert rows["USA"]["sources"] == 3 and rows["USA"]["first_stated"] == "2025-03-27"


def test_json_is_the_same_bytes_every_time(kg, seed_store_dir):
    first = kg("ask", QUESTION, "--format", "json", store=seed_store_dir)
    second = kg("ask", QUESTION, "--format", "json", store=seed_store_dir)
    assert first.returncode == 0 and first.stdout == second.stdout


def test_table_has_one_row_per_actor_in_sections(kg, seed_store_dir):
    out = kg("ask", QUESTION, store=seed_store_dir, env={"COLUMNS": "80"})
    assert out.returncode == 0, out.stderr
    text = out.stdout
    deployment = text.index("oppose the deployment itself (1)")
    own = text.index("decline to send their own troops (4)")
    conditional = text.index("conditional (10)")  # with Macron and Starmer: "once hostilities cease"
    assert deployment < text.index("Russian Federation") < own < conditional
    for name in ("Poland", "Greece", "United States"):
        assert own < text.index(name) < conditional
    for name in ("Latvia", "Finland", "Netherlands"):
        assert text.index(name) > conditional
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 80
    poland = [line for line in lines if line.startswith("Poland ")]
    assert len(poland) == 1 and re.search(r"declines own troops\s+own regional secur.*1 source\s+2025-04-10$",
                                          poland[0]), poland
    assert "https://" not in "\n".join(lines[:-1])  # labels, never IRIs (the last line is the query)


def test_wide_table_has_every_column_and_quote(kg, seed_store_dir):
    out = kg("ask", QUESTION, "--wide", store=seed_store_dir)
    assert out.returncode == 0, out.stderr
    for column in ("actor", "country", "claims", "sources", "reasons", "conditions", "speaker", "quote", "source"):
        assert column in out.stdout
    assert "(curated)" in out.stdout and "Euromaidan Press," in out.stdout


def _record(claim, polarity, date, method, quote, reasons=()):
    evidence = Evidence(quote, "x:article", None, date, None, 0, len(quote), method=method, claim=claim)
    return StanceRecord(claim, "x:pol", "Poland", "country", "POL", "x:p", polarity, "own_troops", tuple(reasons), (),
                        None, None, date, method, 1.0 if method == "curated" else 0.7, "x:article", (evidence,))


def test_curated_claims_of_a_source_override_its_extracted_ones_and_agreeing_ones_count():
    rows = summarise([
        _record("c1", "opposes", "2025-04-10", "curated", "Poland cannot send troops", ["regional security"]),
        _record("e1", "opposes", "2025-04-12", "extracted", "Poland will not send troops", ["Belarus"]),
        _record("e2", "supports", "2025-05-01", "extracted", "Poland backs the force"),  # same article: dropped
    ])
    assert len(rows) == 1
    row = rows[0]
    assert row.polarity == "opposes" and [r.claim for r in row.agreeing] == ["c1", "e1"] and not row.others
    assert reasons_of(row)[0] == ("regional security",)  # reasons come from the curated claims
    assert (row.first_stated, row.last_stated, row.sources) == ("2025-04-10", "2025-04-12", ("x:article",))


def test_the_latest_claim_decides_across_sources():
    later = dataclasses.replace(_record("e2", "supports", "2025-05-01", "extracted", "b"), source="x:other")
    rows = summarise([_record("c1", "opposes", "2025-04-12", "curated", "a"), later])
    assert [(r.polarity, [c.claim for c in r.agreeing], [c.claim for c in r.others]) for r in rows] == [
        ("supports", ["e2"], ["c1"])]
    assert rows[0].contested  # another source, 19 days earlier


def test_ties_on_the_date_go_to_the_polarity_more_sources_state():
    claims = [dataclasses.replace(_record(f"c{i}", polarity, "2025-05-01", "extracted", "q"), source=f"x:{i}")
              for i, polarity in enumerate(["supports", "opposes", "opposes"])]
    assert [r.polarity for r in summarise(claims)] == ["opposes"]


# --- paraphrases and the other forms -------------------------------------------------------


def test_who_is_against_is_who_opposes(seed_store):
    same = [a.to_json() for a in ask(seed_store, "Who is against the reassurance force?").answers]
    assert same == [a.to_json() for a in ask(seed_store, QUESTION).answers]


def test_which_countries_refuse_to_send_troops(seed_store):
    answers = ask(seed_store, "which countries refuse to send troops").answers
    assert {a.actor_type for a in answers} == {"country"}
    assert {a.scope for a in answers} == {"own_troops"} and {a.polarity for a in answers} == {"opposes"}
    assert {"POL", "GRC", "USA"} <= {a.country for a in answers} and "RUS" not in {a.country for a in answers}


@pytest.mark.parametrize("question", ["who backs the reassurance force", "who supports troop deployment"])
def test_who_backs(seed_store, question):
    answers = ask(seed_store, question).answers
    supporters = {a.country for a in answers if a.polarity == "supports" and a.actor_type == "country"}
    assert {"FRA", "GBR", "UKR"} <= supporters
    assert {a.polarity for a in answers} <= {"supports", "conditional"}
    assert [a.polarity for a in answers] == sorted((a.polarity for a in answers), key=["supports", "conditional"].index)


def test_who_sets_conditions(seed_store):
    answers = ask(seed_store, "who sets conditions on troop deployment").answers
    assert {a.polarity for a in answers} == {"conditional"}
    assert {"LVA", "FIN", "NLD"} <= {a.country for a in answers}
    assert all(a.conditions for a in answers if a.methods == ("curated",) or "curated" in a.methods)


def test_position_of_a_country(seed_store):
    result = ask(seed_store, "what is Poland's position on troop deployment")
    assert result.kind == "position" and result.answers
    assert {(a.section, a.actor, a.polarity, a.scope) for a in result.answers} == {
        ("current", "Poland", "opposes", "own_troops")}
    row = result.answers[0]
    assert row.claims == 2 and row.sources == 1 and row.first_stated == row.last_stated == "2025-04-10"
    assert any("Belarus" in r for r in row.reasons) and row.evidence


def test_position_of_a_person_includes_what_they_said_for_their_country(seed_store):
    result = ask(seed_store, "where does Andris Sprūds stand on the reassurance force")
    latvia = [a for a in result.answers if a.country == "LVA" and a.actor_type == "country"]
    assert latvia and {a.polarity for a in latvia} == {"conditional"}
    assert all("Andris Sprūds" in a.speakers for a in latvia)


def test_position_of_a_misspelt_person(seed_store):
    assert ask(seed_store, "what is Kaja Kalals's position").notes[0].startswith("Kaja Kallas (person)")


def test_role_of_a_person_shows_both_sources(seed_store):
    result = ask(seed_store, "what role does Kaja Kallas hold")
    posts = {(a.role_type, a.country, a.organization) for a in result.answers}
    assert ("foreign_policy_chief", None, "EU") in posts and ("head_of_government", "EST", None) in posts
    sources = {e.source.rsplit("/", 1)[-1][:3] for a in result.answers for e in a.evidence}
    assert {"002", "004"} <= sources
    assert any(note.startswith("sources disagree") for note in result.notes)


@pytest.mark.parametrize(("question", "person"), [
    ("who is the defence minister of Latvia", "Andris Sprūds"),
    ("who is Latvia's defence minister", "Andris Sprūds"),
    ("who is the prime minister of the United Kingdom", "Keir Starmer"),
    ("who is the defence secretary of the US", "Pete Hegseth"),
])
def test_who_holds_a_role(seed_store, question, person):
    answers = ask(seed_store, question).answers
    assert person in {a.person for a in answers}
    assert all(a.evidence for a in answers)


def test_which_sources_disagree_about_a_person(kg, seed_store_dir):
    data = _json(kg, "which sources disagree about Kaja Kallas", store=seed_store_dir)
    assert [c["kind"] for c in data["answers"]] == ["role"]
    sides = data["answers"][0]["sides"]
    assert {s["label"] for s in sides} == {"Prime Minister (EST)", "Foreign policy chief (EU)"}
    for side in sides:
        for claim in side["claims"]:
            assert claim["source"] and claim["date"]


def test_which_sources_disagree_about_the_proposal(seed_store):
    conflicts = ask(seed_store, "which sources disagree about troop deployment").answers
    assert conflicts and {c.kind for c in conflicts} == {"stance"}
    assert "Coalition of the Willing" in {c.subject_label for c in conflicts}


# --- time ----------------------------------------------------------------------------------


def test_as_of_keeps_the_latest_claim_before_the_date(seed_store):
    before = {a.actor: a for a in ask(seed_store, "who backs troop deployment", day=dt.date(2025, 3, 30)).answers}
    after = {a.actor: a for a in ask(seed_store, "who backs troop deployment").answers}
    # 004 (2025-03-27) reports the coalition as undecided; 001-003 (April-August) as ready.
    assert "Coalition of the Willing" not in before and "Coalition of the Willing" in after
    assert all(e.date <= "2025-03-30" for a in before.values() for e in a.evidence)


def test_as_of_on_the_command_line(kg, seed_store_dir):
    data = _json(kg, QUESTION, "--as-of", "2025-04-05", store=seed_store_dir)
    rows = _by_country(data["answers"])
    assert "POL" not in rows and "USA" in rows  # Poland is first reported on 2025-04-10
    assert {e["date"] for e in rows["USA"]["evidence"]} == {"2025-03-27"}


def test_bad_as_of_is_a_one_line_error(kg, seed_store_dir):
    out = kg("ask", QUESTION, "--as-of", "April", store=seed_store_dir)
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert out.stderr.strip().splitlines() == ["kg: error: --as-of expects a date YYYY-MM-DD, got 'April'"]


# --- growth --------------------------------------------------------------------------------


def test_answer_grows_after_kg_ingest(kg, seed_store_copy):
    before = _json(kg, QUESTION, store=seed_store_copy)
    out = kg("ingest", str(ARTICLE), store=seed_store_copy)
    assert out.returncode == 0, out.stderr
    after = _json(kg, QUESTION, store=seed_store_copy)
    evidence = [e for a in after["answers"] for e in a["evidence"]]
    assert len(after["answers"]) > len(before["answers"])
    new = [e for e in evidence if e["outlet"] == "Test Wire"]
    assert new and all(e["date"] == "2025-09-02" for e in new)
    body = load_article(ARTICLE).body
    assert all(body[e["start"]:e["end"]] == e["quote"] for e in new)


def test_answer_grows_with_an_article_graph(seed_store_copy):
    from kg.claims import StanceClaim
    from kg.rdf.iris import article_graph_iri
    from kg.rdf.mapping import claims_to_graph

    article = load_article(ARTICLE)
    quote = "Hungary will not send troops to Ukraine as part of the reassurance force"
    start = article.body.index(quote)
    claim = StanceClaim(actor="Hungary", actor_type="country", country="HUN", polarity="opposes", scope="own_troops",
                        target="reassurance force", speaker="Viktor Orbán", reason="risk of a direct clash with Russia",
                        condition=None, quote=quote, start=start, end=start + len(quote), confidence=0.8)
    with EmbeddedStore(str(seed_store_copy)) as store:
        before = ask(store, QUESTION).answers
        store.replace_graphs({article_graph_iri(article.article_id): claims_to_graph(article, [claim])})
        after = ask(store, QUESTION).answers
    hungary = [a for a in after if a.country == "HUN"]
    assert len(after) == len(before) + 1 and len(hungary) == 1
    assert hungary[0].reasons == ("risk of a direct clash with Russia",)
    assert [(e.quote, e.outlet, e.date) for e in hungary[0].evidence] == [(quote, "Test Wire", "2025-09-02")]


# --- hostile input -------------------------------------------------------------------------


def test_hostile_questions_neither_crash_nor_write(seed_store_copy, kg):
    before = _fingerprint(seed_store_copy, kg)
    with EmbeddedStore(str(seed_store_copy)) as store:  # writable on purpose: nothing may use it to write
        for question in HOSTILE:
            try:
                ask(store, question)
            except KGError as exc:
                assert "\n" not in str(exc)
    assert _fingerprint(seed_store_copy, kg) == before


@pytest.mark.parametrize("question", [*HOSTILE[:4], "what role does John Smith hold"])
def test_hostile_questions_on_the_command_line(kg, seed_store_copy, question):
    before = _fingerprint(seed_store_copy, kg)
    out = kg("ask", question, store=seed_store_copy)
    assert out.returncode in (0, 2), out.stderr
    assert "Traceback" not in out.stderr
    if out.returncode:
        assert len(out.stderr.strip().splitlines()) == 1 or "kg ask understands" in out.stderr
    assert _fingerprint(seed_store_copy, kg) == before


def test_unknown_names_are_named_in_the_error(seed_store):
    with pytest.raises(UsageError, match="John Smith"):
        ask(seed_store, "what role does John Smith hold")
    with pytest.raises(UsageError, match="the Paris climate agreement"):
        ask(seed_store, "who opposes the Paris climate agreement")


def test_a_proposal_the_store_does_not_know_is_refused_with_the_known_ones(kg, seed_store_dir):
    out = kg("ask", "who opposes Ukraine joining NATO", store=seed_store_dir)
    assert out.returncode == 2, out.stdout
    assert out.stdout == "" and "Traceback" not in out.stderr
    assert out.stderr.strip() == ("kg: error: no proposal matches 'Ukraine joining NATO'; "
                                  "known proposals: reassurance force")


@pytest.mark.parametrize("phrase", ["NATO and Ukraine", "Ukraine's membership of the EU", "elections in Ukraine"])
def test_one_shared_word_is_not_a_match(seed_store, phrase):
    with pytest.raises(UsageError, match="known proposals: reassurance force"):
        ask(seed_store, f"who opposes {phrase}")


@pytest.mark.parametrize("phrase", ["troop deployment", "sending troops to Ukraine", "the peacekeeping mission",
                                    "the multinational force"])
def test_phrases_naming_the_proposal_still_match(seed_store, phrase):
    assert ask(seed_store, f"who opposes {phrase}").answers


# --- named queries -------------------------------------------------------------------------


def test_named_queries_are_listed(kg, seed_store_dir):
    out = kg("query", "--list", store=seed_store_dir)
    assert out.returncode == 0
    for name in NAMED:
        assert name in out.stdout


def test_every_parameter_is_declared_and_projected():
    from kg.queries import all_queries

    for name in NAMED:
        query = all_queries()[name]
        select = query.text[query.text.index("SELECT"):query.text.index("WHERE")]
        for param in query.params:
            assert re.search(rf"\?{param}\b", select), (name, param)


@pytest.mark.parametrize(("name", "params", "expect"), [
    ("who-opposes", ["polarity=opposes", "proposal=reassurance force"], "id/country/RUS"),  # IRIs: kg ask adds labels
    ("positions-by-country", ["country=Poland"], "Poland"),
    ("roles", ["person=Kaja Kallas"], "Foreign policy chief"),
    ("roles", ["holder=Latvia"], "Andris Sprūds"),
    ("conflicts", [], "Kaja Kallas"),
    ("stance-timeline", ["actor=https://w3id.org/positions-kg/id/country/USA"], "United States"),
])
def test_named_queries_run_with_parameters(kg, seed_store_dir, name, params, expect):
    args = [arg for p in params for arg in ("--param", p)]
    out = kg("query", "--name", name, *args, "--format", "csv", store=seed_store_dir)
    assert out.returncode == 0, out.stderr
    assert expect in out.stdout


def test_who_opposes_query_keeps_the_bound_polarity(kg, seed_store_dir):
    out = kg("query", "--name", "who-opposes", "--param", "polarity=opposes", "--format", "json", store=seed_store_dir)
    rows = json.loads(out.stdout)["results"]["bindings"]
    assert rows and {r["polarity"]["value"].rsplit("#", 1)[-1] for r in rows} == {"Opposes"}


def test_ask_imports_no_heavy_library(kg_process, seed_store_dir):
    out = kg_process("ask", QUESTION, "--format", "json", store=seed_store_dir, env={"PYTHONPROFILEIMPORTTIME": "1"})
    assert out.returncode == 0
    imported = {line.split("|")[-1].strip() for line in out.stderr.splitlines() if line.startswith("import time")}
    assert imported and not {"spacy", "networkx", "pyvis", "pyshacl"} & imported
