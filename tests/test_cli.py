"""The kg command line on the seeds store: build, query formats, validate, export, exit codes."""

from __future__ import annotations

import csv
import io
import json
import shutil

from rdflib import Graph

from tests.conftest import SEEDS

PERSONS_WITH_ROLES = """
PREFIX kg: <https://w3id.org/positions-kg/ns#>
SELECT DISTINCT ?person WHERE {
  ?c a kg:RoleAssignment ; kg:person ?person .
  { ?c kg:country ?x } UNION { ?c kg:organization ?x }
}
"""


def _triples(kg, store) -> int:
    out = kg("query", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", "--format", "csv", store=store)
    assert out.returncode == 0, out.stderr
    return int(out.stdout.splitlines()[1])


def test_build_reports_counts(seed_store_dir, kg):
    out = kg("stats", store=seed_store_dir)
    assert out.returncode == 0, out.stderr
    assert "stances" in out.stdout and "persons" in out.stdout


def test_at_least_eleven_persons_with_role_and_country(seed_store_dir, kg):
    out = kg("query", PERSONS_WITH_ROLES, "--format", "csv", store=seed_store_dir)
    assert out.returncode == 0, out.stderr
    persons = out.stdout.splitlines()[1:]
    assert len(set(persons)) >= 11, persons


def test_build_twice_gives_the_same_triples(seed_store_copy, kg):
    before = _triples(kg, seed_store_copy)
    dump_before = kg("export", "--format", "nq", store=seed_store_copy).stdout
    assert kg("build", store=seed_store_copy).returncode == 0
    assert _triples(kg, seed_store_copy) == before
    assert sorted(kg("export", "--format", "nq", store=seed_store_copy).stdout.splitlines()) == sorted(
        dump_before.splitlines()
    )


def test_named_query_in_every_format(seed_store_dir, kg):
    table = kg("query", "--name", "persons-roles", store=seed_store_dir)
    assert table.returncode == 0 and "rows" in table.stdout
    rows = list(csv.DictReader(io.StringIO(kg("query", "--name", "persons-roles", "-f", "csv",
                                                store=seed_store_dir).stdout)))
    assert rows and {"personLabel", "role", "countryLabel", "source"} <= set(rows[0])
    tsv = kg("query", "--name", "persons-roles", "-f", "tsv", store=seed_store_dir).stdout
    assert tsv.splitlines()[0].split("\t")[0] == "person"
    data = json.loads(kg("query", "--name", "persons-roles", "-f", "json", store=seed_store_dir).stdout)
    assert len(data["results"]["bindings"]) == len(rows)
    # one row per person, role and source: labels restated in many graphs must not repeat rows
    assert len({tuple(row.values()) for row in rows}) == len(rows)
    assert len({row["person"] for row in rows}) >= 11


def test_named_query_with_parameter(seed_store_dir, kg):
    out = kg("query", "--name", "roles", "--param", "holder=Latvia", "-f", "csv", store=seed_store_dir)
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert rows and all(r["holder"].endswith("/LVA") for r in rows)
    assert "Andris Sprūds" in {r["personLabel"] for r in rows}


def test_query_from_rq_file_and_ask(seed_store_dir, kg, tmp_path):
    rq = tmp_path / "q.rq"
    rq.write_text("ASK { ?s a <https://w3id.org/positions-kg/ns#Stance> }")
    out = kg("query", str(rq), store=seed_store_dir)
    assert out.stdout.strip() == "true"


def test_construct_prints_turtle(seed_store_dir, kg):
    out = kg("query", "CONSTRUCT { ?s a ?t } WHERE { ?s a ?t } LIMIT 3", store=seed_store_dir)
    assert out.returncode == 0
    assert len(Graph().parse(data=out.stdout, format="turtle")) == 3


def test_validate_passes_on_built_store(seed_store_dir, kg):
    out = kg("validate", store=seed_store_dir)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "valid" in out.stdout


def test_validate_reports_violations_with_exit_1(seed_store_copy, kg):
    bad = ("INSERT DATA { GRAPH <http://example.org/bad> "
           "{ <http://example.org/s> a <https://w3id.org/positions-kg/ns#Stance> } }")
    assert kg("query", bad, "--update", store=seed_store_copy).returncode == 0
    out = kg("validate", store=seed_store_copy)
    assert out.returncode == 1
    assert "http://example.org/s" in out.stdout


def test_export_turtle_parses_with_an_independent_parser(seed_store_dir, kg, tmp_path):
    target = tmp_path / "out.ttl"
    out = kg("export", "--format", "ttl", "-o", str(target), store=seed_store_dir)
    assert out.returncode == 0, out.stderr
    g = Graph().parse(target, format="turtle")  # rdflib's own parser, not Oxigraph's
    assert len(g) > 100


def test_export_nquads_and_jsonld(seed_store_dir, kg):
    nq = kg("export", "--format", "nq", store=seed_store_dir)
    assert nq.returncode == 0 and nq.stdout.count("\n") == _triples(kg, seed_store_dir)
    jsonld = kg("export", "--format", "jsonld", store=seed_store_dir)
    assert jsonld.returncode == 0 and json.loads(jsonld.stdout)


def test_sparql_syntax_error_is_one_line_exit_2(seed_store_dir, kg):
    out = kg("query", "SELECT ?x WHERE { ?x", store=seed_store_dir)
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1 and "syntax" in out.stderr and "Traceback" not in out.stderr


def test_update_refused_without_flag(seed_store_copy, kg):
    before = _triples(kg, seed_store_copy)
    out = kg("query", "PREFIX x: <http://x/> DROP ALL", store=seed_store_copy)
    assert out.returncode == 2 and "--update" in out.stderr
    assert _triples(kg, seed_store_copy) == before


def test_unknown_format_is_a_usage_error(seed_store_dir, kg):
    out = kg("query", "SELECT * { ?s ?p ?o } LIMIT 1", "--format", "xml", store=seed_store_dir)
    assert out.returncode == 2 and "Traceback" not in out.stderr


def test_unknown_named_query_and_bad_param(seed_store_dir, kg):
    out = kg("query", "--name", "nope", store=seed_store_dir)
    assert out.returncode == 2 and "unknown query 'nope'" in out.stderr
    out = kg("query", "--name", "roles", "--param", "holder=Atlantis", store=seed_store_dir)
    assert out.returncode == 2 and "Atlantis" in out.stderr
    out = kg("query", "--name", "persons-roles", "--param", "noequals", store=seed_store_dir)
    assert out.returncode == 2 and "key=value" in out.stderr


def test_query_list(kg):
    out = kg("query", "--list")
    assert out.returncode == 0 and "persons-roles" in out.stdout


def test_malformed_curated_turtle_names_file_and_line_store_unchanged(seed_store_copy, kg, tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    broken = seeds / "curated" / "zz_broken.ttl"
    broken.write_text("@prefix kg: <https://w3id.org/positions-kg/ns#> .\n\nkg:a kg:b \"unterminated .\n")
    before = kg("export", "--format", "nq", store=seed_store_copy).stdout
    out = kg("build", "--seeds", str(seeds), store=seed_store_copy)
    assert out.returncode == 1
    assert "zz_broken.ttl:3" in out.stderr and out.stderr.count("\n") == 1
    assert kg("export", "--format", "nq", store=seed_store_copy).stdout == before


def test_shacl_invalid_curated_data_refused_store_unchanged(seed_store_copy, kg, tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    (seeds / "curated" / "zz_invalid.ttl").write_text(
        "@prefix kg: <https://w3id.org/positions-kg/ns#> .\n"
        "<https://w3id.org/positions-kg/id/stance/bad> a kg:Stance ; kg:polarity kg:Curated .\n"
    )
    before = _triples(kg, seed_store_copy)
    out = kg("build", "--seeds", str(seeds), "--no-extract", store=seed_store_copy)
    assert out.returncode == 1 and "violates the shapes" in out.stderr
    assert _triples(kg, seed_store_copy) == before


def test_missing_store_for_read_commands(kg, tmp_path):
    out = kg("stats", store=tmp_path / "nothing")
    assert out.returncode == 1 and "kg build" in out.stderr


def test_store_that_is_a_file(kg, tmp_path):
    f = tmp_path / "file"
    f.write_text("")
    out = kg("stats", store=f)
    assert out.returncode == 1 and "is a file" in out.stderr and "Traceback" not in out.stderr


def test_help_explains_every_command_with_an_example(kg):
    top = kg("--help")
    assert top.returncode == 0
    for command in ("build", "load", "query", "validate", "stats", "export"):
        out = kg(command, "--help")
        assert out.returncode == 0 and "Example" in out.stdout, command


def test_load_rdf_file_into_named_graph(seed_store_copy, kg, tmp_path):
    extra = tmp_path / "extra.ttl"
    extra.write_text("<http://example.org/a> <http://example.org/p> 'x' .\n")
    out = kg("load", str(extra), store=seed_store_copy)
    assert out.returncode == 0, out.stderr
    rows = kg("query", "SELECT ?g WHERE { GRAPH ?g { <http://example.org/a> ?p ?o } }", "-f", "csv",
              store=seed_store_copy).stdout.splitlines()
    assert rows[1].endswith("/graph/file/extra")
