"""Answers at corpus scale (issue 14): the position summary, paging, corroboration, contested
positions, source reliability, changes over time, and the summary after every write path.

Stores with more actors than the seeds are made by adding article graphs written for these
tests (``_article``: an article whose body states each claim, with an outlet and a date).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pycountry
import pytest

from kg.articles import load_article
from kg.ask import ask
from kg.ask.summary import CONTEST_DAYS
from kg.claims import StanceClaim
from kg.rdf.iris import article_graph_iri
from kg.rdf.mapping import claims_to_graph
from kg.store import EmbeddedStore
from tests.conftest import PROJECT_ROOT

QUESTION = "who opposes troop deployment and why"
ARTICLE = PROJECT_ROOT / "tests" / "data" / "ask_article.txt"
#: Countries that no seed article mentions, for actors of the articles written here.
SEED_COUNTRIES = {"RUS", "POL", "GRC", "USA", "LVA", "FIN", "NLD", "FRA", "GBR", "UKR", "ITA", "EST", "DEU", "TUR",
                  "BLR"}
EXTRA = [c.alpha_3 for c in pycountry.countries if c.alpha_3 not in SEED_COUNTRIES][:25]


def _article(article_id: str, outlet: str, published: str, claims: list[tuple[str, str, str]]):
    """An article graph stating ``claims`` (ISO code, polarity, scope), one sentence each."""
    base = load_article(ARTICLE)
    sentences, out, body = [], [], ""
    for code, polarity, scope in claims:
        name = pycountry.countries.get(alpha_3=code).name
        verb = {"opposes": "will not send troops to", "supports": "will send troops to"}[polarity]
        sentence = f"{name} {verb} the reassurance force for Ukraine."
        start = len(body)
        body += sentence + " "
        sentences.append(sentence)
        out.append(StanceClaim(actor=name, actor_type="country", country=code, polarity=polarity, scope=scope,
                               target="reassurance force", speaker=None, reason=f"reason given by {outlet}",
                               condition=None, quote=sentence, start=start, end=start + len(sentence),
                               confidence=0.8))
    article = dataclasses.replace(base, article_id=article_id, path=f"{article_id}.txt", body=body.strip(),
                                  outlet=outlet, title=f"{outlet} report", published=dt.date.fromisoformat(published))
    return article_graph_iri(article_id), claims_to_graph(article, out)


@pytest.fixture()
def store(seed_store_copy):
    with EmbeddedStore(str(seed_store_copy)) as opened:
        yield opened


def _rows(result, section=None):
    return [a for a in result.answers if section is None or a.section == section]


# --- paging --------------------------------------------------------------------------------


def test_sections_are_cut_to_the_limit_with_totals(store, kg, seed_store_copy):
    store.replace_graphs(dict([_article("t_many", "Many Wire", "2025-09-01",
                                        [(c, "opposes", "own_troops") for c in EXTRA])]))
    result = ask(store, QUESTION)
    totals = dict(result.totals)
    assert totals["opposes own_troops"] == len(EXTRA) + 4  # + United States, Greece, Poland, Donald Trump
    assert len(_rows(result, "opposes own_troops")) == 20
    assert result.more() == {"opposes own_troops": len(EXTRA) + 4 - 20}
    assert len(_rows(ask(store, QUESTION, limit=None), "opposes own_troops")) == len(EXTRA) + 4
    assert len(_rows(ask(store, QUESTION, limit=3), "opposes own_troops")) == 3
    # The best-supported rows come first: the United States (3 sources) leads its section.
    assert _rows(result, "opposes own_troops")[0].actor == "United States"


def test_the_command_line_says_how_many_more_and_how_to_see_them(kg, seed_store_copy):
    with EmbeddedStore(str(seed_store_copy)) as opened:
        opened.replace_graphs(dict([_article("t_many", "Many Wire", "2025-09-01",
                                             [(c, "opposes", "own_troops") for c in EXTRA])]))
    out = kg("ask", QUESTION, store=seed_store_copy, env={"COLUMNS": "100"})
    assert out.returncode == 0, out.stderr
    more = len(EXTRA) + 4 - 20
    assert f"and {more} more: --all or --limit N" in out.stdout
    lines = out.stdout.splitlines()
    assert len(lines) <= 80 and max(map(len, lines)) <= 100
    everything = kg("ask", QUESTION, "--all", "--format", "json", store=seed_store_copy)
    data = json.loads(everything.stdout)
    assert data["totals"]["opposes own_troops"] == len(EXTRA) + 4
    assert sum(a["section"] == "opposes own_troops" for a in data["answers"]) == len(EXTRA) + 4
    limited = json.loads(kg("ask", QUESTION, "--limit", "2", "--format", "json", store=seed_store_copy).stdout)
    assert sum(a["section"] == "opposes own_troops" for a in limited["answers"]) == 2


# --- corroboration and contested positions ------------------------------------------------


def test_two_outlets_are_two_sources_and_two_articles_of_one_outlet_are_one(store):
    code = EXTRA[0]
    store.replace_graphs(dict([
        _article("t_a1", "Alpha Wire", "2025-09-01", [(code, "opposes", "own_troops")]),
        _article("t_a2", "Alpha Wire", "2025-09-03", [(code, "opposes", "own_troops")]),
    ]))
    row = next(a for a in ask(store, QUESTION).answers if a.country == code)
    assert (row.claims, row.sources) == (2, 1)
    store.replace_graphs(dict([_article("t_b1", "Beta Wire", "2025-09-05", [(code, "opposes", "own_troops")])]))
    row = next(a for a in ask(store, QUESTION).answers if a.country == code)
    assert (row.claims, row.sources, row.first_stated, row.last_stated) == (3, 2, "2025-09-01", "2025-09-05")
    assert row.reasons[0] == "reason given by Alpha Wire"  # given by the most sources: two articles, one source


def test_a_different_polarity_from_another_source_within_weeks_is_contested(store):
    near, far = EXTRA[1], EXTRA[2]
    store.replace_graphs(dict([
        _article("t_c1", "Alpha Wire", "2025-09-01", [(near, "opposes", "own_troops"), (far, "opposes", "own_troops")]),
        _article("t_c2", "Beta Wire", "2025-09-10", [(near, "supports", "own_troops")]),
        _article("t_c3", "Beta Wire", "2025-12-01", [(far, "supports", "own_troops")]),
    ]))
    backing = {a.country: a for a in ask(store, "who backs the reassurance force").answers}
    assert backing[near].polarity == "supports" and backing[near].contested  # 9 days apart
    assert backing[far].polarity == "supports" and not backing[far].contested  # 91 days: a change
    assert (dt.date(2025, 12, 1) - dt.date(2025, 9, 1)).days > CONTEST_DAYS
    # As of a day between the claims, the earlier position stands.
    before = {a.country: a for a in ask(store, QUESTION, day=dt.date(2025, 9, 5)).answers}
    assert before[near].polarity == "opposes" and not before[near].contested
    changed = ask(store, "who changed their position on troop deployment")
    pairs = [(a.country, a.section, a.polarity) for a in changed.answers if a.country in (near, far)]
    assert (far, "changed from", "opposes") in pairs and (far, "changed to", "supports") in pairs


def test_contested_flag_in_json(kg, seed_store_copy):
    code = EXTRA[3]
    with EmbeddedStore(str(seed_store_copy)) as opened:
        opened.replace_graphs(dict([
            _article("t_d1", "Alpha Wire", "2025-09-01", [(code, "opposes", "own_troops")]),
            _article("t_d2", "Beta Wire", "2025-09-02", [(code, "opposes", "own_troops")]),
            _article("t_d3", "Gamma Wire", "2025-09-03", [(code, "supports", "own_troops")]),
        ]))
    data = json.loads(kg("ask", QUESTION, "--format", "json", store=seed_store_copy).stdout)
    # Two sources opposed earlier; the latest claim (Gamma's support, two days later) sets the position.
    assert code not in {a["country"] for a in data["answers"]}
    backing = json.loads(kg("ask", "who backs the reassurance force", "--format", "json", store=seed_store_copy).stdout)
    row = next(a for a in backing["answers"] if a["country"] == code)
    assert row["polarity"] == "supports" and row["contested"] is True and row["sources"] == 1


# --- reliability ---------------------------------------------------------------------------


def test_seed_004_is_the_least_reliable_seed(kg, seed_store_dir):
    out = kg("sources", "--format", "json", store=seed_store_dir)
    assert out.returncode == 0, out.stderr
    ratings = json.loads(out.stdout)["sources"]
    assert all(list(r) == ["source", "outlet", "articles", "claims", "checked", "corroborated", "contradicted",
                           "score", "designation"] for r in ratings)
    scored = [r for r in ratings if r["score"] is not None]
    worst = min(scored, key=lambda r: r["score"])
    assert worst["source"].endswith("/article/004_0ded6c6a4145413a")
    assert worst["contradicted"] >= 1
    # Two articles of Euromaidan Press are one source.
    press = [r for r in ratings if r["outlet"] == "Euromaidan Press"]
    assert len(press) == 1 and press[0]["articles"] == 2


def test_seed_004s_contradicted_role_is_flagged_contested_in_answers(kg, seed_store_dir):
    data = json.loads(kg("ask", "what role does Kaja Kallas hold", "--format", "json", store=seed_store_dir).stdout)
    flagged = {(a["role"], a["contested"]) for a in data["answers"]}
    sources = {a["role"]: {e["source"].rsplit("/", 1)[-1][:3] for e in a["evidence"]} for a in data["answers"]}
    assert all(contested for _, contested in flagged) and len(flagged) == 2  # 004 against 002, 14 days apart
    assert "004" in {s for v in sources.values() for s in v}
    others = json.loads(kg("ask", "what role does Keir Starmer hold", "--format", "json", store=seed_store_dir).stdout)
    assert others["answers"] and not any(a["contested"] for a in others["answers"])


def test_the_table_lists_every_source(kg, seed_store_dir):
    out = kg("sources", store=seed_store_dir)
    assert out.returncode == 0, out.stderr
    for name in ("Euromaidan Press", "004_0ded6c6a4145413a", "score", "contradicted"):
        assert name in out.stdout


def test_a_source_with_nothing_to_check_is_unrated_and_curated_designations_show(store):
    from kg.ask.reliability import read_outlets, source_ratings

    listed = next(iter(read_outlets()))
    lone = EXTRA[4]
    store.replace_graphs(dict([_article("t_e1", "Nobody Else Wire", "2025-09-01", [(lone, "opposes", "own_troops")]),
                               _article("t_e2", listed, "2025-09-01", [(EXTRA[5], "opposes", "own_troops")])]))
    ratings = {r.outlet: r for r in source_ratings(store)}
    assert ratings["Nobody Else Wire"].checked == 0 and ratings["Nobody Else Wire"].score is None
    assert ratings[listed].designation and ratings[listed].score == read_outlets()[listed].prior
    row = next(a for a in ask(store, QUESTION).answers if a.country == lone)
    assert row.reliability is None and row.evidence[0].reliability is None


def test_every_outlet_row_names_its_source():
    from kg.ask.reliability import read_outlets

    assert read_outlets() and all(o.source and 0 <= o.prior <= 1 for o in read_outlets().values())


# --- time ----------------------------------------------------------------------------------


def test_who_changed_their_position_on_the_seeds(seed_store):
    result = ask(seed_store, "who changed their position on troop deployment")
    assert result.kind == "changes"
    pairs = list(zip(result.answers[::2], result.answers[1::2], strict=True))
    coalition = [(b, a) for b, a in pairs if a.actor == "Coalition of the Willing"]
    assert coalition, [a.actor for a in result.answers]
    before, after = coalition[0]
    assert (before.section, before.polarity, before.last_stated) == ("changed from", "neutral", "2025-03-27")
    assert (after.section, after.polarity, after.first_stated) == ("changed to", "supports", "2025-08-17")
    assert before.evidence and after.evidence


def test_how_has_a_countrys_position_changed(kg, seed_store_dir):
    data = json.loads(kg("ask", "how has the United States' position changed", "--format", "json",
                         store=seed_store_dir).stdout)
    dates = [a["last_stated"] for a in data["answers"]]
    assert data["answers"] and dates == sorted(dates) and {a["section"] for a in data["answers"]} == {"timeline"}
    assert dates[0] == "2025-03-27" and dates[-1] == "2025-08-18"
    out = kg("ask", "how has Italy's position changed", store=seed_store_dir)
    assert out.returncode == 0 and "Italy: neutral (timeline)" in out.stdout and "“" in out.stdout


def test_as_of_applies_to_the_summary(seed_store):
    rows = {a.country: a for a in ask(seed_store, QUESTION, day=dt.date(2025, 4, 5)).answers}
    assert rows["USA"].claims == 1 and rows["USA"].last_stated == "2025-03-27" and "POL" not in rows


def test_one_actors_whole_record_on_the_command_line(kg, seed_store_dir):
    out = kg("ask", "what is Poland's position on troop deployment", store=seed_store_dir, env={"COLUMNS": "80"})
    assert out.returncode == 0, out.stderr
    lines = out.stdout.rsplit("query:", 1)[0].splitlines()
    assert lines[1] == "Poland: declines own troops (current position)", lines
    assert lines[2].startswith("  2 claims, 1 source, 2025-04-10, reliability 0."), lines
    assert "  because pressure from Belarus" in lines and "“Some EU countries, including Poland" in out.stdout
    assert "https://" not in "\n".join(lines) and max(map(len, lines)) <= 80


# --- every write path gives the summary a from-scratch computation gives -----------------


def _summary(store_dir: Path | str, kg) -> dict:
    out = kg("ask", QUESTION, "--all", "--format", "json", store=store_dir)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def _from_scratch(store_dir: Path, kg, tmp_path: Path) -> dict:
    """The same quads loaded into a new store in one go, asked the same question."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    dump = tmp_path / "dump.nq"
    out = kg("export", "--format", "nq", "-o", str(dump), store=store_dir)
    assert out.returncode == 0, out.stderr
    fresh = tmp_path / "fresh"
    with EmbeddedStore(str(fresh)) as opened:
        opened.load_file(dump)
    return _summary(fresh, kg)


def test_summary_after_build_ingest_and_load_equals_a_computation_from_scratch(kg, tmp_path):
    built = tmp_path / "built"
    assert kg("build", store=built).returncode == 0
    assert _summary(built, kg) == _from_scratch(built, kg, tmp_path / "b")
    assert kg("ingest", str(ARTICLE), store=built).returncode == 0
    after_ingest = _summary(built, kg)
    assert any(a["country"] == "HUN" for a in after_ingest["answers"])
    assert after_ingest == _from_scratch(built, kg, tmp_path / "i")
    name, graph = _article("t_load", "Load Wire", "2025-09-04", [(EXTRA[6], "opposes", "own_troops")])
    article_file = tmp_path / "article.nq"
    article_file.write_text("".join(f"{s.n3()} {p.n3()} {o.n3()} <{name}> .\n" for s, p, o in graph),
                            encoding="utf-8")
    out = kg("load", str(article_file), store=built)
    assert out.returncode == 0, out.stderr
    after_load = _summary(built, kg)
    assert any(a["country"] == EXTRA[6] for a in after_load["answers"])
    assert after_load == _from_scratch(built, kg, tmp_path / "l")


def test_role_checks_take_the_gazetteer_side_of_a_disagreement():
    from kg.ask.reliability import RoleFact, role_checks

    right = RoleFact("c1", "p", ("foreign_policy_chief", "eu"), "2025-04-10", "a", "a", "curated")
    wrong = RoleFact("c2", "p", ("head_of_government", "est"), "2025-03-27", "b", "b", "curated")
    checks = {c.claim: c for c in role_checks([right, wrong], {("c1", "c2"), ("c2", "c1")},
                                              {"p": ("foreign_policy_chief", "eu")})}
    assert checks["c1"].checked and checks["c1"].agrees
    assert checks["c2"].checked and not checks["c2"].agrees
    # without the gazetteer both sides of the conflict lose
    plain = {c.claim: c for c in role_checks([right, wrong], {("c1", "c2"), ("c2", "c1")})}
    assert not plain["c1"].agrees and not plain["c2"].agrees
