"""Every row of the gazetteer files is checked against the ontology and the kinds the code reads.

A failure names the file and line of the row, so a curator can fix it without reading code.
"""

from __future__ import annotations

import csv
from importlib import resources
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import SKOS

from kg import claims
from kg.errors import InputError
from kg.extract.gazetteer import CUE_KINDS, LEXICON_KINDS, MARKER_KINDS, read_gazetteer
from kg.rdf.vocab import KG

ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology" / "kg.ttl"
GAZETTEER = resources.files("kg").joinpath("data", "gazetteer")


def _notations(scheme) -> set[str]:
    graph = Graph().parse(ONTOLOGY)
    return {str(n) for c in graph.subjects(SKOS.inScheme, scheme) for n in graph.objects(c, SKOS.notation)}


ROLE_TYPES = _notations(KG.RoleTypeScheme)
POLARITIES = _notations(KG.PolarityScheme)
SCOPES = _notations(KG.ScopeScheme)

#: (file, column, allowed values; "" always allowed where the column is optional)
CHECKS = [
    ("roles.tsv", "role_type", ROLE_TYPES),
    ("roles.tsv", "org_role_type", ROLE_TYPES | {""}),
    ("persons.tsv", "role_type", ROLE_TYPES),
    ("role_types.tsv", "role_type", ROLE_TYPES),
    ("cues.tsv", "polarity", POLARITIES | {"="}),
    ("cues.tsv", "neg_polarity", POLARITIES),
    ("cues.tsv", "scope", SCOPES),
    ("cues.tsv", "kind", CUE_KINDS),
    ("markers.tsv", "kind", MARKER_KINDS),
    ("lexicon.tsv", "kind", LEXICON_KINDS),
]


def _bad_rows(name: str, column: str, allowed: set[str]) -> list[str]:
    text = GAZETTEER.joinpath(name).read_text(encoding="utf-8")
    rows = csv.DictReader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE)
    return [f"kg/data/gazetteer/{name}:{line}: {column} {row[column]!r} is not one of {sorted(allowed)}"
            for line, row in enumerate(rows, start=2) if row[column] not in allowed]


def test_the_code_and_the_ontology_have_the_same_polarities_and_scopes():
    assert {"head_of_state", "party_leader"} <= ROLE_TYPES
    assert set(claims.Polarity) == POLARITIES
    assert set(claims.Scope) == SCOPES


@pytest.mark.parametrize(("name", "column", "allowed"), CHECKS, ids=[f"{n}:{c}" for n, c, _ in CHECKS])
def test_every_row_uses_a_known_value(name, column, allowed):
    bad = _bad_rows(name, column, allowed)
    assert not bad, "\n".join(bad)


def test_every_role_type_of_the_ontology_says_whom_it_speaks_for():
    """A new role type in the ontology must be placed: for the government, for itself, or neither."""
    text = GAZETTEER.joinpath("role_types.tsv").read_text(encoding="utf-8")
    listed = {row["role_type"] for row in csv.DictReader(text.splitlines(), delimiter="\t")}
    assert listed == ROLE_TYPES


def test_every_word_kind_is_one_the_extractor_reads():
    g = read_gazetteer()
    assert set(g.lexicon) == LEXICON_KINDS
    with pytest.raises(ValueError, match="no_such_kind"):
        g.words("no_such_kind")


@pytest.fixture
def gazetteer_copy(tmp_path):
    """A writable copy of the packaged gazetteer's .tsv files."""
    for path in GAZETTEER.iterdir():
        if path.name.endswith(".tsv"):
            (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    return tmp_path


def test_a_bad_row_is_refused_with_its_file_and_line(gazetteer_copy):
    tmp_path = gazetteer_copy
    lexicon = tmp_path / "lexicon.tsv"
    lexicon.write_text(lexicon.read_text(encoding="utf-8") + "soon\tcondition_evnt\tcurated\n", encoding="utf-8")
    lines = len(lexicon.read_text(encoding="utf-8").splitlines())
    with pytest.raises(InputError) as caught:
        read_gazetteer(tmp_path)
    assert str(lexicon) in str(caught.value) and f":{lines}" in str(caught.value)
    assert "condition_evnt" in str(caught.value)


def test_a_cue_with_an_unknown_polarity_is_refused_with_its_file_and_line(gazetteer_copy):
    tmp_path = gazetteer_copy
    cues = tmp_path / "cues.tsv"
    rows = cues.read_text(encoding="utf-8").splitlines()
    header = rows[0].split("\t")
    bad = rows[1].split("\t")
    bad[header.index("polarity")] = "supprts"
    rows[1] = "\t".join(bad)
    cues.write_text("\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_gazetteer(tmp_path)
    assert f"{cues}:2" in str(caught.value) and "'supprts'" in str(caught.value)


def test_a_claim_with_an_unknown_polarity_or_scope_is_refused():
    from kg.claims import Polarity, StanceClaim

    fields = dict(actor="Atlantis", actor_type="country", country=None, scope="deployment", target="force",
                  speaker=None, reason=None, condition=None, quote="q", start=0, end=1, confidence=0.5)
    assert StanceClaim(polarity="opposes", **fields).polarity is Polarity.OPPOSES
    with pytest.raises(ValueError, match="'oposes' is not a valid Polarity"):
        StanceClaim(polarity="oposes", **fields)
    with pytest.raises(ValueError, match="Scope"):
        StanceClaim(polarity="opposes", **{**fields, "scope": "troops"})


def test_a_gazetteer_edit_changes_the_extractor_version(tmp_path):
    """Editing one cue re-extracts on the next ingest: the version is a digest, not a hand-kept number."""
    from kg.extract import EXTRACTOR_VERSION
    from kg.extract.version import extractor_digest

    package = Path(__file__).resolve().parent.parent / "kg"
    copy = tmp_path / "kg"
    for sub, suffix in (("extract", ".py"), ("data/gazetteer", ".tsv")):
        (copy / sub).mkdir(parents=True)
        for f in (package / sub).glob(f"*{suffix}"):
            (copy / sub / f.name).write_bytes(f.read_bytes())
    assert extractor_digest(copy)[:16] == EXTRACTOR_VERSION
    cues = copy / "data" / "gazetteer" / "cues.tsv"
    cues.write_text(cues.read_text(encoding="utf-8") + "pledge\taction\tsupports\topposes\town_troops\t\tcurated\n",
                    encoding="utf-8")
    assert extractor_digest(copy)[:16] != EXTRACTOR_VERSION
